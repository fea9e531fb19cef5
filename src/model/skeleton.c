/* The commented skeleton of a new organisation (model layer): the XML text of
 * `ismspack init`, valid as it stands, with every register entry (its drafter, reviewer
 * and approver) and body a pack needs, and comments saying what to change.  Plain
 * text; no library types. */
#include "skeleton.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"

typedef struct kind_words {
	const char *kind, *org, *org_en, *short_zh, *head, *head_en, *office, *office_en,
	           *it, *it_en, *hr, *hr_en, *audit, *audit_en, *prefix, *sector;
} kind_words;

static const kind_words words[] = {
	{"agency", "範例市政府範例局", "Example Bureau, Example City Government", "範例局",
	 "局長", "Director-General", "秘書室", "Secretariat", "資訊室", "Information Office",
	 "人事室", "Personnel Office", "政風室", "Ethics Office", "EXB", "local-government"},
	{"school", "範例大學", "Example University", "範例大學", "校長", "President",
	 "秘書室", "Secretariat", "電子計算機中心", "Computer Centre", "人事室",
	 "Personnel Office", "稽核室", "Audit Office", "EXU", "education"},
	{"company", "範例科技股份有限公司", "Example Technology Co., Ltd.", "範例科技",
	 "總經理", "President", "管理部", "Administration", "資訊部", "IT Department",
	 "人力資源部", "Human Resources", "稽核室", "Internal Audit", "EXT", "technology"},
};

static const struct {
	const char *kind, *zh, *en, *num, *cls;
	int tier;
} docs[] = {
	{"policy", "資通安全管理政策", "Information Security Policy", "01-001", "普通", 1},
	{"organisation-procedure", "資訊安全組織管理程序", "ISMS Organisation Procedure", "02-001", "普通", 2},
	{"objectives-procedure", "資通安全目標管理程序", "Security Objectives Management Procedure", "02-002", "普通", 2},
	{"target-form", "資通安全目標設定表", "Security Objectives Target-Setting Form", "04-002-01", "普通", 4},
	{"review-form", "資通安全目標檢討表", "Security Objectives Quarterly Review Form", "04-002-02", "普通", 4},
	{"kpi-table", "資訊安全目標量測統計表", "Security KPI Measurement Table", "04-002-03", "普通", 4},
	{"review-minutes", "管理審查會議紀錄", "Management Review Minutes", "04-001-01", "限閱", 4},
	{"soa", "適用性聲明書", "Statement of Applicability", "03-001", "限閱", 3},
};

int
isms_skeleton(const char *kind, int year, isms_buf *out)
{
	const kind_words *w = NULL;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(words[i].kind, kind))
			w = &words[i];
	if (!w)
		return -1;
	isms_buf *o = out;
	isms_buf_printf(o,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- A new organisation (%s), written by `ismspack init`.  It is valid as it\n"
		"     stands; replace every 範例 / Example with your own, then check it with\n"
		"     `ismspack validate`.  Or keep it in a spreadsheet: `ismspack workbook` writes\n"
		"     an input workbook, `ismspack import` reads it back (see README).\n"
		"     Ids (id=, and the attributes that name them) start with a letter; dates are\n"
		"     written 2025-04-07 (not ROC); <en> may be left out wherever it appears. -->\n"
		"<organisation xmlns=\"urn:ismspack:isms:1.0\" id=\"example\" kind=\"%s\" year=\"%d\">\n",
		kind, kind, year);
	isms_buf_printf(o,
		"  <name><zh>%s</zh><en>%s</en></name>\n"
		"  <shortName><zh>%s</zh><en>%s</en></shortName>\n"
		"  <!-- one word for the sector: local-government, education, technology, ... -->\n"
		"  <sector>%s</sector>\n"
		"  <address><zh>範例市範例路 1 號</zh><en>No. 1, Example Rd., Example City</en></address>\n"
		"  <!-- the ISMS scope: systems, places, people and processes covered -->\n"
		"  <scope><zh>本%s核心業務資訊系統、機房與網路設備，以及維運上述系統之人員與作業流程</zh><en>The core information systems, the server room and network equipment, and the people and procedures that run them</en></scope>\n"
		"  <headTitle><zh>%s</zh><en>%s</en></headTitle>\n"
		"  <!-- how often things happen; correctiveAfterMisses: consecutive misses that call for corrective action -->\n"
		"  <settings correctiveAfterMisses=\"2\" internalAuditsPerYear=\"1\" reviewsPerYear=\"1\" drillIntervalMonths=\"12\" policyReviewMonths=\"12\"/>\n",
		w->org, w->org_en, w->short_zh, w->org_en, w->sector,
		!strcmp(kind, "school") ? "校" : !strcmp(kind, "company") ? "公司" : "局",
		w->head, w->head_en);
	isms_buf_printf(o,
		"  <!-- units: the organisation first, then each unit with its parent and head -->\n"
		"  <units>\n"
		"    <unit id=\"u-top\" head=\"p-head\"><name><zh>%s</zh><en>%s</en></name></unit>\n"
		"    <unit id=\"u-office\" parent=\"u-top\" head=\"p-deputy\"><name><zh>%s</zh><en>%s</en></name></unit>\n"
		"    <unit id=\"u-it\" parent=\"u-top\" head=\"p-it-head\"><name><zh>%s</zh><en>%s</en></name></unit>\n"
		"    <unit id=\"u-hr\" parent=\"u-top\" head=\"p-hr-head\"><name><zh>%s</zh><en>%s</en></name></unit>\n"
		"    <unit id=\"u-audit\" parent=\"u-top\" head=\"p-auditor\"><name><zh>%s</zh><en>%s</en></name></unit>\n"
		"  </units>\n",
		w->short_zh, w->org_en, w->office, w->office_en, w->it, w->it_en, w->hr, w->hr_en,
		w->audit, w->audit_en);
	isms_buf_printf(o,
		"  <!-- people: everyone the documents name (roles, authors, reporters) -->\n"
		"  <people>\n"
		"    <person id=\"p-head\" unit=\"u-top\"><name><zh>王大明</zh><en>Wang Ta-ming</en></name><jobTitle><zh>%s</zh><en>%s</en></jobTitle></person>\n"
		"    <person id=\"p-deputy\" unit=\"u-office\"><name><zh>李美華</zh><en>Li Mei-hua</en></name><jobTitle><zh>主任</zh><en>Director</en></jobTitle></person>\n"
		"    <person id=\"p-it-head\" unit=\"u-it\"><name><zh>陳志明</zh><en>Chen Chih-ming</en></name><jobTitle><zh>主任</zh><en>Director</en></jobTitle></person>\n"
		"    <person id=\"p-officer\" unit=\"u-it\"><name><zh>林雅婷</zh><en>Lin Ya-ting</en></name><jobTitle><zh>資訊管理師</zh><en>IT Officer</en></jobTitle></person>\n"
		"    <person id=\"p-hr-head\" unit=\"u-hr\"><name><zh>張淑芬</zh><en>Chang Shu-fen</en></name><jobTitle><zh>主任</zh><en>Director</en></jobTitle></person>\n"
		"    <person id=\"p-auditor\" unit=\"u-audit\"><name><zh>黃建國</zh><en>Huang Chien-kuo</en></name><jobTitle><zh>主任</zh><en>Director</en></jobTitle></person>\n"
		"  </people>\n",
		w->head, w->head_en);
	isms_buf_puts(o,
		"  <!-- bodies: one committee (one chair, one vice-chair), an execution team (a\n"
		"       leader and an officer), an audit team (a leader); add members freely -->\n"
		"  <bodies>\n"
		"    <body id=\"committee\" kind=\"committee\">\n"
		"      <name><zh>資訊安全管理委員會</zh><en>Information Security Management Committee</en></name>\n"
		"      <role kind=\"chair\" person=\"p-deputy\"><title><zh>資安長</zh><en>Chief Information Security Officer</en></title></role>\n"
		"      <role kind=\"viceChair\" person=\"p-it-head\"/>\n"
		"      <role kind=\"member\" person=\"p-hr-head\"/>\n"
		"      <role kind=\"member\" person=\"p-auditor\"/>\n"
		"    </body>\n"
		"    <body id=\"execution\" kind=\"execution\" parent=\"committee\">\n"
		"      <name><zh>資訊安全管理系統（ISMS）執行小組</zh><en>ISMS Execution Team</en></name>\n"
		"      <abbreviation><zh>ISMS 執行小組</zh><en>Execution Team</en></abbreviation>\n"
		"      <role kind=\"leader\" person=\"p-it-head\"/>\n"
		"      <role kind=\"officer\" person=\"p-officer\"/>\n"
		"    </body>\n"
		"    <body id=\"audit\" kind=\"audit\" parent=\"committee\">\n"
		"      <name><zh>資訊安全管理系統（ISMS）稽核小組</zh><en>ISMS Audit Team</en></name>\n"
		"      <abbreviation><zh>ISMS 稽核小組</zh><en>Audit Team</en></abbreviation>\n"
		"      <role kind=\"leader\" person=\"p-auditor\"/>\n"
		"    </body>\n"
		"  </bodies>\n"
		"  <!-- the document register: number, tier 1-4, version, issue date, who writes,\n"
		"       reviews and approves it and the body that drafts it (the cover's 訂修廢單位,\n"
		"       審查, 核准: the register is their one source), and revisions in order -->\n"
		"  <documents>\n");
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
		isms_buf_printf(o,
			"    <document id=\"doc-%s\" kind=\"%s\" number=\"%s-%s\" tier=\"%d\" version=\"1.0\" issued=\"%d-01-15\" issuingUnit=\"u-it\" author=\"p-officer\" reviewer=\"p-it-head\" approver=\"p-deputy\" drafter=\"execution\">\n"
			"      <title><zh>%s</zh><en>%s</en></title>\n"
			"      <classification><zh>%s</zh><en>%s</en></classification>\n"
			"      <revision version=\"1.0\" date=\"%d-01-15\" author=\"p-officer\"><zh>初版發行</zh><en>First issue</en></revision>\n"
			"    </document>\n",
			docs[i].kind, docs[i].kind, w->prefix, docs[i].num, docs[i].tier, year,
			docs[i].zh, docs[i].en, docs[i].cls, !strcmp(docs[i].cls, "普通") ? "General" : "Restricted",
			year);
	isms_buf_printf(o, "  </documents>\n"
		"  <!-- records and how long they are kept -->\n"
		"  <records>\n"
		"    <record document=\"doc-target-form\" keeper=\"u-it\" retentionYears=\"3\"><name><zh>資通安全目標設定表</zh><en>Target-setting forms</en></name><location><zh>%s</zh><en>%s</en></location></record>\n"
		"    <record document=\"doc-review-form\" keeper=\"u-it\" retentionYears=\"3\"><name><zh>資通安全目標檢討表</zh><en>Quarterly review forms</en></name><location><zh>%s</zh><en>%s</en></location></record>\n"
		"    <record document=\"doc-review-minutes\" keeper=\"u-it\" retentionYears=\"5\"><name><zh>管理審查會議紀錄</zh><en>Management review minutes</en></name><location><zh>%s</zh><en>%s</en></location></record>\n"
		"  </records>\n",
		w->it, w->it_en, w->it, w->it_en, w->it, w->it_en);
	isms_buf_printf(o,
		"  <!-- objectives of the year: unit percent|hours|days|count, comparator ge gt le lt eq,\n"
		"       cumulative sum|mean|last|ratio, frequency quarterly|monthly.  Measurements are\n"
		"       added each period (or collected: `ismspack collect`) after <dataSource>, as\n"
		"       <measurement period=\"%dQ1\" numerator=\"40\" denominator=\"42\" reporter=\"p-hr-head\" date=\"%d-04-08\"/> -->\n"
		"  <objectives year=\"%d\">\n"
		"    <objective id=\"o-training\" frequency=\"quarterly\" unit=\"percent\" comparator=\"ge\" target=\"95\" cumulative=\"ratio\" ownerUnit=\"u-hr\" owner=\"p-hr-head\">\n"
		"      <title><zh>提升同仁資安意識</zh><en>Raise staff security awareness</en></title>\n"
		"      <kpi><zh>完成年度資安課程之人數比例</zh><en>Share of staff who finished the annual security course</en></kpi>\n"
		"      <method><zh>完成人數 ÷ 應受訓人數 × 100%%</zh><en>Trained ÷ required × 100%%</en></method>\n"
		"      <resources><zh>線上課程平台</zh><en>E-learning platform</en></resources>\n"
		"      <actions><item><zh>每季通知未完成人員</zh><en>Remind untrained staff each quarter</en></item></actions>\n"
		"      <dataSource><zh>訓練紀錄</zh><en>Training records</en></dataSource>\n"
		"    </objective>\n"
		"    <objective id=\"o-incident\" frequency=\"quarterly\" unit=\"hours\" comparator=\"le\" target=\"4\" cumulative=\"mean\" ownerUnit=\"u-it\" owner=\"p-it-head\">\n"
		"      <title><zh>縮短資安事件處理時間</zh><en>Faster incident handling</en></title>\n"
		"      <kpi><zh>資安事件自通報至處理完成之平均時數</zh><en>Mean hours from report to resolution of incidents</en></kpi>\n"
		"      <method><zh>各事件處理時數總和 ÷ 事件數</zh><en>Sum of handling hours ÷ number of incidents</en></method>\n"
		"      <resources><zh>事件通報平台</zh><en>Incident reporting platform</en></resources>\n"
		"      <actions><item><zh>演練事件應變程序</zh><en>Drill the response procedure</en></item></actions>\n"
		"      <dataSource><zh>資安事件通報單</zh><en>Incident reports</en></dataSource>\n"
		"    </objective>\n"
		"  </objectives>\n"
		"  <!-- management reviews (<reviews>), the Statement of Applicability (<soa>) and\n"
		"       custom clauses (<customClauses>) come here when you have them; see the samples. -->\n"
		"</organisation>\n",
		year, year, year);
	return 0;
}
