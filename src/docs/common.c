/* Shared pieces of the document builders (docs layer). */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"

const char *
F(dctx *d, const char *fmt, ...)
{
	/* measured first: a text of any length is kept whole */
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = isms_arena_alloc(d->a, (size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(p, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

const char *
L(dctx *d, const char *zh, const char *en)
{
	if (d->en)
		return en;
	if (d->bi)
		return F(d, "%s\n%s", zh, en);
	return zh;
}

const char *
Ls(dctx *d, const char *zh, const char *en)
{
	if (d->en)
		return en;
	if (d->bi)
		return F(d, "%s %s", zh, en);
	return zh;
}

const char *
T(dctx *d, isms_text t)
{
	if (!t.zh)
		return "";
	if (d->en)
		return t.en ? t.en : t.zh;
	if (d->bi && t.en)
		return F(d, "%s\n%s", t.zh, t.en);
	return t.zh;
}

const char *
N(dctx *d, const char *s)
{
	return s && *s ? F(d, "%c%s%c", ISMS_KEEP_ON, s, ISMS_KEEP_OFF) : "";
}

const char *
TN(dctx *d, isms_text t)
{
	if (!t.zh)
		return "";
	if (d->en)
		return N(d, t.en ? t.en : t.zh);
	if (d->bi && t.en)
		return F(d, "%s\n%s", N(d, t.zh), N(d, t.en));
	return N(d, t.zh);
}

const char *
Tl(dctx *d, isms_text t)
{
	if (d->bi && t.zh && t.en)
		return F(d, "%s %s", N(d, t.zh), N(d, t.en));
	return TN(d, t);
}

const char *
P(dctx *d, const isms_person *p)
{
	if (!p)
		return "";
	if (d->en)
		return F(d, "%s (%s)", N(d, p->name.en ? p->name.en : p->name.zh),
		         p->job_title.en ? p->job_title.en : p->job_title.zh);
	return F(d, "%s（%s）", N(d, p->name.zh), p->job_title.zh);
}

const char *
D(dctx *d, isms_date date)
{
	char b[64];
	if (!date.y)
		return "";
	return N(d, d->en ? isms_date_en(date, b, sizeof b) : isms_date_roc_long(date, b, sizeof b));
}

isms_date
docs_today(const isms_docctx *c)
{
	long days = (long)(c->when / 86400);
	/* civil_from_days (Howard Hinnant) */
	long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
	return (isms_date){(int)(y + (m <= 2)), (int)m, (int)dd};
}

const char *
docs_period(dctx *d, isms_period p)
{
	static const char *const months[] = {"January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December"};
	if (d->en)
		return p.kind == 'Q' ? F(d, "%d Q%d", p.year, p.index) : F(d, "%s %d", months[p.index - 1], p.year);
	const char *zh = p.kind == 'Q' ? F(d, "%d年第%d季", isms_roc_year(p.year), p.index)
	                               : F(d, "%d年%d月", isms_roc_year(p.year), p.index);
	if (d->bi)
		return p.kind == 'Q' ? F(d, "%s\n%d Q%d", zh, p.year, p.index) : F(d, "%s\n%s %d", zh, months[p.index - 1], p.year);
	return zh;
}

static const char *
calc_lang(dctx *d)
{
	return d->en ? "en" : "zh";
}

const char *
docs_num(dctx *d, const isms_objective *o, double v, int dp)
{
	char b[128];
	return isms_arena_strdup(d->a, isms_calc_format(o, v, dp, calc_lang(d), b, sizeof b));
}

const char *
docs_figure(dctx *d, const isms_objective *o, const isms_verdict *v)
{
	char b[128];
	return isms_arena_strdup(d->a, isms_calc_format_value(o, v, calc_lang(d), b, sizeof b));
}

const char *
docs_basis(dctx *d, const isms_objective *o, const isms_verdict *v)
{
	char b[256];
	return isms_arena_strdup(d->a, isms_calc_format_basis(o, v, calc_lang(d), b, sizeof b));
}

const char *
docs_target(dctx *d, const isms_objective *o)
{
	char b[128];
	return isms_arena_strdup(d->a, isms_calc_format_target(o, calc_lang(d), b, sizeof b));
}

const char *
docs_last_year(dctx *d, const isms_objective *o)
{
	char b[128];
	return o->has_last_year ? isms_arena_strdup(d->a, isms_calc_format_last_year(o, calc_lang(d), b, sizeof b))
	                        : "—";
}

const char *
docs_status(dctx *d, enum isms_status s)
{
	return L(d, isms_status_label(s, "zh"), isms_status_label(s, "en"));
}

const char *
docs_units(dctx *d, const isms_objective *o)
{
	const char *s = "";
	for (size_t i = 0; i < o->nunits; i++)
		s = F(d, "%s%s%s", s, i ? (d->en ? ", " : "、") : "",
		      N(d, d->en && o->units[i]->name.en ? o->units[i]->name.en : o->units[i]->name.zh));
	if (d->bi) {
		int any = 0;
		const char *e = "";
		for (size_t i = 0; i < o->nunits; i++) {
			any |= o->units[i]->name.en != NULL;
			/* an English name longer than a cell line may break between its words */
			const char *en = o->units[i]->name.en ? o->units[i]->name.en : o->units[i]->name.zh;
			e = F(d, "%s%s%s", e, i ? ", " : "", strlen(en) <= 40 ? N(d, en) : en);
		}
		if (any)
			s = F(d, "%s\n%s", s, e);
	}
	return s;
}

isms_text
docs_ciso(const isms_org *o)
{
	const isms_body *com = isms_org_body_of_kind(o, ISMS_BODY_COMMITTEE);
	const isms_role *chair = com ? isms_body_role(com, ISMS_ROLE_CHAIR) : NULL;
	return chair ? isms_role_title(com, chair) : (isms_text){"資通安全長", "CISO"};
}

static const char *const month_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	"Aug", "Sep", "Oct", "Nov", "Dec"};

/* One month's label in running text: 8月 / Aug. */
static const char *
month_label(dctx *d, isms_period p)
{
	return d->en ? month_en[p.index - 1] : F(d, "%d月", p.index);
}

const char *
docs_quarter_notes(dctx *d, const isms_quarter_view *q, int comments)
{
	const char *s = "";
	if (!q->nmonths) {
		const isms_measurement *m = q->m;
		isms_text t = m ? (comments ? m->comment : m->variance) : (isms_text){0};
		if (!comments && m && m->has_ratio && m->denominator == 0)
			return F(d, "%s%s", L(d, "本期無量測對象：", "Nothing to measure: "), T(d, t));
		return t.zh ? T(d, t) : "";
	}
	for (int k = 0; k < q->nmonths; k++) {
		const isms_period_result *p = q->months[k];
		const char *line = NULL;
		isms_text t = p->m ? (comments ? p->m->comment : p->m->variance) : (isms_text){0};
		if (!p->m && !comments)
			line = d->en ? F(d, "%s: no data", month_label(d, p->period))
			             : F(d, "%s無資料%s", month_label(d, p->period),
			                 d->bi ? F(d, " (%s: no data)", month_en[p->period.index - 1]) : "");
		else if (p->nothing && !comments)
			line = F(d, d->en ? "%s: nothing to measure; %s" : "%s無量測對象：%s",
			         month_label(d, p->period), T(d, t));
		else if (t.zh)
			line = F(d, d->en ? "%s: %s" : "%s：%s", month_label(d, p->period), T(d, t));
		if (line)
			s = F(d, "%s%s%s", s, *s ? "\n" : "", line);
	}
	return s;
}

static const char *
tally_text(dctx *d, const isms_tally *t, int en)
{
	return en ? F(d, "%d achieved, %d not achieved, %d without data, %d not yet due",
	              t->achieved, t->missed, t->no_data, t->not_due)
	          : F(d, "達成 %d 項、未達成 %d 項、無資料 %d 項、未到期 %d 項",
	              t->achieved, t->missed, t->no_data, t->not_due);
}

const char *
docs_tally(dctx *d, const isms_results *r)
{
	const char *zh = F(d, "統計（共 %zu 項目標）：本期%s；年度至今%s。", r->nobjectives,
	                   tally_text(d, &r->own, 0), tally_text(d, &r->ytd, 0));
	const char *en = F(d, "Summary of %zu objectives. This period: %s. Year to date: %s.",
	                   r->nobjectives, tally_text(d, &r->own, 1), tally_text(d, &r->ytd, 1));
	return d->en ? en : d->bi ? F(d, "%s\n%s", zh, en) : zh;
}

void
docs_begin(dctx *d, const isms_docctx *c, enum isms_doc_kind kind, const char *title_zh,
           const char *title_en)
{
	memset(d, 0, sizeof *d);
	d->c = c;
	d->a = isms_arena_new();
	d->en = !strcmp(c->lang, "en");
	d->bi = !strcmp(c->lang, "bi");
	const isms_org *o = c->org;
	/* "other" documents are many: none of them is this one */
	const isms_document *reg = kind == ISMS_DOC_OTHER ? NULL : isms_org_document_of_kind(o, kind);
	isms_text title = reg ? reg->title : (isms_text){title_zh, title_en};
	if (!title.en)
		title.en = title_en; /* an English header under an English page title */
	d->title = title;
	d->from_register = reg != NULL;
	isms_doc_info info = {0};
	info.title = d->en && title.en ? title.en : title.zh;
	info.author = d->en && o->name.en ? o->name.en : o->name.zh;
	info.subject = Ls(d, "資訊安全管理系統文件", "ISMS document");
	info.keywords = "ISMS, ISO/IEC 27001:2022";
	info.date = c->when;
	info.org_name = d->en && o->name.en ? o->name.en : o->name.zh;
	info.number = reg ? reg->number : "";
	info.doc_title = d->en && title.en ? title.en : d->bi && title.en ? F(d, "%s %s", title.zh, title.en) : title.zh;
	info.classification = reg ? (d->en && reg->classification.en ? reg->classification.en : reg->classification.zh) : "";
	info.version = reg ? reg->version : "";
	info.english = d->en;
	info.bilingual = d->bi;
	d->doc = isms_doc_new(&info);
}

int
docs_finish(dctx *d, const char *path)
{
	isms_layout *l = NULL;
	int rc = isms_typeset(d->doc, &l);
	if (rc == 0)
		rc = isms_pdf_write(l, path);
	isms_layout_free(l);
	isms_doc_free(d->doc);
	isms_arena_free(d->a);
	d->doc = NULL;
	d->a = NULL;
	return rc;
}

void
docs_head_cell(isms_table *t, const char *text, int colspan, int rowspan)
{
	isms_table_cell(t, text, colspan, rowspan, ISMS_CENTER);
	isms_table_shade(t, 0.9, 1);
}

/* "資 通 安 全" from "資通安全": the letter-spaced title of a form. */
static const char *
spaced(dctx *d, const char *s)
{
	isms_buf b = {0};
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, n - i, &cp);
		if (!k)
			k = 1;
		if (i)
			isms_buf_putc(&b, ' ');
		isms_buf_append(&b, s + i, k);
		i += k;
	}
	const char *r = isms_arena_strdup(d->a, b.data ? b.data : "");
	isms_buf_free(&b);
	return r;
}

void
docs_title(dctx *d, const char *zh, const char *en)
{
	if (d->from_register) {
		/* the register names the document; keep the form's letter spacing */
		int letter_spaced = zh && strstr(zh, " ") && !strstr(d->title.zh, " ");
		zh = letter_spaced ? spaced(d, d->title.zh) : d->title.zh;
		en = d->title.en;
	}
	isms_doc_para(d->doc, ISMS_TITLE, 0, NULL, d->en && en ? en : zh, ISMS_CENTER);
	if (d->bi && en)
		isms_doc_para(d->doc, ISMS_SECONDARY, 0, NULL, en, ISMS_CENTER);
}

void
docs_control_page(dctx *d, enum isms_doc_kind kind, isms_text title, int full)
{
	const isms_org *o = d->c->org;
	const isms_document *reg = isms_org_document_of_kind(o, kind);
	isms_doc_space(d->doc, full ? 60 : 40);
	isms_doc_para(d->doc, ISMS_TITLE, 0, NULL, d->en && o->name.en ? o->name.en : o->name.zh, ISMS_CENTER);
	isms_doc_space(d->doc, full ? 20 : 14);
	isms_doc_para(d->doc, ISMS_SUBTITLE, 0, NULL, full ? L(d, "管理系統文件", "Management system document")
	                                                   : L(d, "文件管制", "Document control"), ISMS_CENTER);
	isms_doc_space(d->doc, full ? 16 : 12);
	static const char *const tiers_zh[] = {"", "第一階文件", "第二階文件", "第三階文件", "第四階文件"};
	static const char *const tiers_en[] = {"", "Tier 1", "Tier 2", "Tier 3", "Tier 4"};
	double wd[] = {1, 2};
	isms_table *t = isms_doc_table(d->doc, 2, wd, 0);
	isms_table_font_size(t, 11);
	int tier = reg && reg->tier >= 1 && reg->tier <= 4 ? reg->tier : 1;
	const char *rows[][3] = {
		{"文件類別", "Document class", L(d, tiers_zh[tier], tiers_en[tier])},
		{"文件編號", "Document number", reg ? reg->number : ""},
		{"文件名稱", "Title", T(d, reg ? reg->title : title)},
		{"發行單位", "Issued by", reg ? TN(d, reg->issuing_unit->name) : ""},
		{"發行日期", "Issue date", reg ? D(d, reg->issued) : ""},
		{"版次", "Version", reg ? reg->version : ""},
	};
	for (size_t i = 0; i < 6; i++) {
		isms_table_row(t);
		isms_table_min_height(t, full ? 26 : 24);
		docs_head_cell(t, L(d, rows[i][0], rows[i][1]), 1, 1);
		isms_table_cell(t, rows[i][2], 1, 1, ISMS_CENTER);
	}
	isms_doc_space(d->doc, full ? 20 : 16);
	const isms_approval *ap = NULL;
	for (size_t i = 0; i < o->napprovals; i++)
		if (o->approvals[i].kind == kind)
			ap = &o->approvals[i];
	isms_table *s = isms_doc_table(d->doc, 3, NULL, 0);
	isms_table_row(s);
	docs_head_cell(s, L(d, "訂修廢單位", "Drafted by"), 1, 1);
	docs_head_cell(s, L(d, "審查", "Reviewed by"), 1, 1);
	docs_head_cell(s, L(d, "核准", "Approved by"), 1, 1);
	isms_table_row(s);
	isms_table_min_height(s, 56);
	/* the register is the one source; an <approval> speaks only where the register
	 * has no entry (the loader refuses one that contradicts it, and gives a register
	 * entry without a drafter the approval's) */
	const isms_body *drafter = reg ? reg->drafter : ap ? ap->drafter : NULL;
	isms_table_cell(s, drafter ? TN(d, drafter->name) : reg ? TN(d, reg->issuing_unit->name) : "", 1, 1, ISMS_CENTER);
	/* each cell is where that role's visible signature goes (sign --sign-visible), on
	 * a cover and on the control page of the clause 5 documents alike */
	isms_table_slot(s, "drafter");
	isms_table_cell(s, P(d, reg ? reg->reviewer : ap ? ap->reviewer : NULL), 1, 1, ISMS_CENTER);
	isms_table_slot(s, "reviewer");
	isms_table_cell(s, P(d, reg ? reg->approver : ap ? ap->approver : NULL), 1, 1, ISMS_CENTER);
	isms_table_slot(s, "approver");
	isms_doc_para(d->doc, ISMS_SMALL, 0, NULL, Ls(d, "（原版簽名頁保存於文件管制單位）",
	              "(The signed original is kept by document control.)"), ISMS_CENTER);
	if (full)
		isms_doc_page_break(d->doc);
	else
		isms_doc_space(d->doc, 16);
	/* revision history from the register */
	isms_doc_para(d->doc, ISMS_SUBTITLE, 0, NULL, L(d, "修訂紀錄", "Revision history"), ISMS_CENTER);
	double rw[] = {0.8, 1.4, 3.6, 1.4};
	isms_table *r = isms_doc_table(d->doc, 4, rw, 1);
	isms_table_row(r);
	docs_head_cell(r, L(d, "版次", "Version"), 1, 1);
	docs_head_cell(r, L(d, "日期", "Date"), 1, 1);
	docs_head_cell(r, L(d, "修訂說明", "Change"), 1, 1);
	docs_head_cell(r, L(d, "修訂者", "By"), 1, 1);
	for (size_t i = 0; reg && i < reg->nrevisions; i++) {
		const isms_revision *v = &reg->revisions[i];
		isms_table_row(r);
		isms_table_cell(r, v->version, 1, 1, ISMS_CENTER);
		isms_table_cell(r, D(d, v->date), 1, 1, ISMS_CENTER);
		isms_table_cell(r, T(d, v->description), 1, 1, ISMS_LEFT);
		isms_table_cell(r, TN(d, v->author->name), 1, 1, ISMS_CENTER);
	}
	if (full) {
		isms_doc_space(d->doc, 14);
		isms_doc_toc(d->doc, L(d, "目　錄", "Contents"), 2);
	}
	isms_doc_page_break(d->doc);
}

void
docs_para(dctx *d, double indent, const char *lab, const char *zh, const char *en)
{
	if (d->en) {
		isms_doc_para(d->doc, ISMS_BODY, indent, lab, en ? en : zh, ISMS_JUSTIFY);
		return;
	}
	isms_doc_para(d->doc, ISMS_BODY, indent, lab, zh, ISMS_JUSTIFY);
	if (d->bi && en) {
		/* English follows its clause in a lighter, smaller face, under the text */
		double lw = lab ? isms_text_width(d->doc, lab, 11) + 5.5 : 0;
		isms_doc_para(d->doc, ISMS_SECONDARY, indent + lw, NULL, en, ISMS_LEFT);
	}
}

void
docs_heading(dctx *d, int level, const char *lab, const char *zh, const char *en)
{
	isms_doc_heading(d->doc, level, lab, d->en ? (en ? en : zh) : d->bi && en ? F(d, "%s　%s", zh, en) : zh);
}
