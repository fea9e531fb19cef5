/* Shared pieces of the document builders (docs layer). */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf.h"
#include "typeset/pages.h"

const char *
F(dctx *d, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return isms_arena_strdup(d->a, buf);
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

const char *
docs_value(dctx *d, double v, enum isms_measure_unit u)
{
	char b[64];
	return isms_arena_strdup(d->a, isms_calc_format(v, u, d->en ? "en" : "zh", b, sizeof b));
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

void
docs_title(dctx *d, const char *zh, const char *en)
{
	isms_doc_para(d->doc, ISMS_TITLE, 0, NULL, d->en && en ? en : zh, ISMS_CENTER);
	if (d->bi && en)
		isms_doc_para(d->doc, ISMS_SECONDARY, 0, NULL, en, ISMS_CENTER);
}
