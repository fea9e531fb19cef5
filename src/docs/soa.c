/* 適用性聲明書: the Statement of Applicability: every control of ISO/IEC 27001:2022
 * Annex A in the standard's order, those the data does not address marked 未評估,
 * with summary counts. */
#include "common.h"

#include <string.h>

int
isms_docs_soa(const isms_docctx *c, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_SOA, "適用性聲明書", "Statement of Applicability");
	const isms_org *o = c->org;
	isms_doc_section(d.doc, 1, 36);
	docs_title(&d, "適 用 性 聲 明 書", "Statement of Applicability");
	if (o->soa_catalogue)
		isms_doc_para(d.doc, ISMS_FIELD, 0, NULL,
		              F(&d, "%s%s", Ls(&d, "控制措施目錄：", "Control catalogue: "),
		                T(&d, (isms_text){o->soa_catalogue, o->soa_catalogue_en})), ISMS_LEFT);
	static const char *const st_zh[] = {"已實施", "部分實施", "規劃中", "不適用"};
	static const char *const st_en[] = {"Implemented", "Partially implemented", "Planned", "Not applicable"};
	double w[] = {0.8, 2.2, 0.7, 3.6, 1.1, 1.4};
	isms_table *t = isms_doc_table(d.doc, 6, w, 1);
	isms_table_font_size(t, 9.5);
	isms_table_row(t);
	const char *heads[][2] = {{"控制措施", "Control"}, {"控制措施名稱", "Title"}, {"適用", "Applicable"},
		{"納入或排除理由", "Justification for inclusion or exclusion"}, {"實施狀態", "Status"},
		{"參考文件", "Reference documents"}};
	for (int k = 0; k < 6; k++) {
		isms_table_cell(t, L(&d, heads[k][0], heads[k][1]), 1, 1, ISMS_CENTER);
		isms_table_shade(t, 0.9, 1);
	}
	int appl = 0, excl = 0, by[4] = {0}, unassessed = 0;
	for (size_t i = 0; i < isms_annex_a_count; i++) {
		const isms_catalogue_control *cc = &isms_annex_a[i];
		const isms_control *ct = isms_org_control(o, cc->id);
		isms_table_row(t);
		isms_table_cell(t, cc->id, 1, 1, ISMS_CENTER);
		if (!ct) {
			unassessed++;
			isms_table_cell(t, T(&d, cc->title), 1, 1, ISMS_LEFT);
			isms_table_cell(t, "—", 1, 1, ISMS_CENTER);
			isms_table_cell(t, "", 1, 1, ISMS_LEFT);
			isms_table_cell(t, L(&d, "未評估", "Not assessed"), 1, 1, ISMS_CENTER);
			isms_table_shade(t, 0.85, 1);
			isms_table_cell(t, "", 1, 1, ISMS_LEFT);
			continue;
		}
		appl += ct->applicable;
		excl += !ct->applicable;
		by[ct->status]++;
		isms_table_cell(t, T(&d, ct->title), 1, 1, ISMS_LEFT);
		isms_table_cell(t, ct->applicable ? L(&d, "是", "Yes") : L(&d, "否", "No"), 1, 1, ISMS_CENTER);
		if (!ct->applicable)
			isms_table_shade(t, 0.9, 0);
		isms_table_cell(t, T(&d, ct->justification), 1, 1, ISMS_JUSTIFY);
		isms_table_cell(t, L(&d, st_zh[ct->status], st_en[ct->status]), 1, 1, ISMS_CENTER);
		const char *refs = "";
		for (size_t k = 0; k < ct->nreferences; k++)
			refs = F(&d, "%s%s%s", refs, k ? "\n" : "", ct->references[k]->number);
		isms_table_cell(t, refs, 1, 1, ISMS_LEFT);
	}
	isms_doc_space(d.doc, 6);
	const char *en = F(&d, "Summary: %zu controls of Annex A; %d applicable, %d excluded, %d not assessed; "
	                   "%d implemented, %d partially implemented, %d planned.",
	                   isms_annex_a_count, appl, excl, unassessed, by[0], by[1], by[2]);
	const char *zh = F(&d, "統計：附錄 A 共 %zu 項控制措施；適用 %d 項、排除 %d 項、未評估 %d 項；"
	                   "已實施 %d 項、部分實施 %d 項、規劃中 %d 項。",
	                   isms_annex_a_count, appl, excl, unassessed, by[0], by[1], by[2]);
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, d.en ? en : d.bi ? F(&d, "%s\n%s", zh, en) : zh, ISMS_LEFT);
	return docs_finish(&d, path);
}
