/* 資通安全政策宣導紀錄: the policy communication record (ISO/IEC 27001:2022 5.2 e, 7.4):
 * each communication up to the data cut-off (when, how, to whom, by whom) and its
 * acknowledgements, or a blank sign-off table to be signed by hand.  The rows are
 * records; only the form's own text is controlled. */
#include "clause5.h"

#include <string.h>

static const char *const channel_zh[] = {"電子郵件", "會議宣導", "內部網站公告", "教育訓練",
	"書面公告（公文）", "其他"};
static const char *const channel_en[] = {"E-mail", "Meeting", "Intranet notice", "Training",
	"Written notice", "Other"};

/* Blank rows of a sign-off table to be filled in by hand. */
#define BLANK_ROWS 12

typedef struct view {
	isms_date cutoff;
	const isms_communication **v; /* the communications up to the cut-off */
	size_t n;
} view;

static int
shown(const view *w, isms_date x)
{
	return isms_date_cmp(x, w->cutoff) <= 0;
}

static const char *
channel(dctx *d, enum isms_channel ch)
{
	return L(d, channel_zh[ch], channel_en[ch]);
}

static size_t
acks_shown(const view *w, const isms_communication *m)
{
	size_t k = 0;
	for (size_t i = 0; i < m->nacks; i++)
		k += shown(w, m->acks[i].date);
	return k;
}

static void
summary(c5 *c, const view *w)
{
	dctx *d = &c->d;
	c5_record_begin(c);
	isms_doc_para(d->doc, ISMS_FIELD, 0, NULL, F(d, "%s%s", d->en ? "Data cut-off: " : d->bi ?
	              "資料截止日 Data cut-off：" : "資料截止日：", D(d, w->cutoff)), ISMS_RIGHT);
	if (!w->n) {
		c5_para(c, 0, NULL, "截至資料截止日，尚無宣導紀錄。", "No communication recorded up to the data cut-off.");
		c5_record_end(c);
		return;
	}
	double wd[] = {0.55, 1.45, 1.0, 1.2, 2.6, 1.05, 0.8};
	isms_table *t = isms_doc_table(d->doc, 7, wd, 1);
	isms_table_font_size(t, 9.5);
	isms_table_row(t);
	docs_head_cell(t, L(d, "項次", "No."), 1, 1);
	docs_head_cell(t, L(d, "日期", "Date"), 1, 1);
	docs_head_cell(t, L(d, "方式", "Channel"), 1, 1);
	docs_head_cell(t, L(d, "對象", "Audience"), 1, 1);
	docs_head_cell(t, L(d, "宣導內容", "Subject"), 1, 1);
	docs_head_cell(t, L(d, "承辦人", "By"), 1, 1);
	docs_head_cell(t, L(d, "簽收", "Sign-off"), 1, 1);
	for (size_t i = 0; i < w->n; i++) {
		const isms_communication *m = w->v[i];
		isms_table_row(t);
		isms_table_cell(t, F(d, "%zu", i + 1), 1, 1, ISMS_CENTER);
		isms_table_cell(t, D(d, m->date), 1, 1, ISMS_CENTER);
		isms_table_cell(t, channel(d, m->channel), 1, 1, ISMS_CENTER);
		isms_table_cell(t, T(d, m->audience), 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(d, m->subject), 1, 1, ISMS_LEFT);
		isms_table_cell(t, TN(d, m->by->name), 1, 1, ISMS_CENTER);
		size_t k = acks_shown(w, m);
		isms_table_cell(t, m->nacks ? L(d, F(d, "%zu 人", k), F(d, "%zu signed", k))
		                            : L(d, "簽收表", "Sheet"), 1, 1, ISMS_CENTER);
	}
	c5_record_end(c);
}

static void
acknowledgements(c5 *c, const view *w)
{
	dctx *d = &c->d;
	c5_record_begin(c);
	if (!w->n)
		c5_para(c, 0, NULL, "無。", "None.");
	for (size_t i = 0; i < w->n; i++) {
		const isms_communication *m = w->v[i];
		const char *zh = F(d, "%zu. %s　%s：%s", i + 1, D(d, m->date), channel_zh[m->channel], m->subject.zh);
		char b[64];
		const char *en = F(d, "%zu. %s, %s: %s", i + 1, N(d, isms_date_en(m->date, b, sizeof b)), channel_en[m->channel],
		                   m->subject.en ? m->subject.en : m->subject.zh);
		/* a heading keeps with its table's first rows */
		isms_doc_heading(d->doc, 4, NULL, d->en ? en : d->bi ? F(d, "%s　%s", zh, en) : zh);
		double wd[] = {0.5, 1.4, 2.4, 1.6, 1.5};
		isms_table *t = isms_doc_table(d->doc, 5, wd, 1);
		isms_table_row(t);
		docs_head_cell(t, L(d, "編號", "No."), 1, 1);
		docs_head_cell(t, L(d, "姓名", "Name"), 1, 1);
		docs_head_cell(t, L(d, "服務單位及職稱", "Unit and position"), 1, 1);
		docs_head_cell(t, m->nacks ? L(d, "簽收方式", "Acknowledged") : L(d, "簽名", "Signature"), 1, 1);
		docs_head_cell(t, L(d, "簽收日期", "Date"), 1, 1);
		if (!m->nacks) {
			/* nothing in the data: a sheet for those present to sign */
			for (int k = 0; k < BLANK_ROWS; k++) {
				isms_table_row(t);
				isms_table_min_height(t, 22);
				isms_table_cell(t, F(d, "%d", k + 1), 1, 1, ISMS_CENTER);
				for (int j = 0; j < 4; j++)
					isms_table_cell(t, "", 1, 1, ISMS_CENTER);
			}
			continue;
		}
		size_t n = 0;
		for (size_t k = 0; k < m->nacks; k++) {
			const isms_ack *a = &m->acks[k];
			if (!shown(w, a->date))
				continue;
			const isms_person *p = a->person;
			isms_table_row(t);
			isms_table_cell(t, F(d, "%zu", ++n), 1, 1, ISMS_CENTER);
			isms_table_cell(t, TN(d, p->name), 1, 1, ISMS_CENTER);
			isms_table_cell(t, d->en ? F(d, "%s, %s", T(d, p->job_title), TN(d, p->unit->name))
			                         : F(d, "%s%s", N(d, p->unit->name.zh), p->job_title.zh),
			                1, 1, ISMS_LEFT);
			isms_table_cell(t, L(d, "已簽收", "Yes"), 1, 1, ISMS_CENTER);
			isms_table_cell(t, D(d, a->date), 1, 1, ISMS_CENTER);
		}
		if (!n) {
			isms_table_row(t);
			isms_table_cell(t, F(d, "%s%s", Ls(d, "截至資料截止日尚無簽收", "No acknowledgement up to the data cut-off"), ""), 5, 1, ISMS_CENTER);
		}
	}
	c5_record_end(c);
}

static void
signature(c5 *c)
{
	dctx *d = &c->d;
	isms_text ciso = docs_ciso(d->c->org);
	isms_doc_space(d->doc, 12);
	isms_table *s = isms_doc_table(d->doc, 3, NULL, 0);
	isms_table_keep_with_previous(s);
	isms_table_row(s);
	docs_head_cell(s, L(d, "紀錄人", "Recorded by"), 1, 1);
	docs_head_cell(s, L(d, "單位主管", "Unit head"), 1, 1);
	docs_head_cell(s, d->en ? (ciso.en ? ciso.en : ciso.zh) : d->bi ? F(d, "%s\n%s", ciso.zh, ciso.en ? ciso.en : ciso.zh) : ciso.zh, 1, 1);
	isms_table_row(s);
	isms_table_min_height(s, 46);
	for (int k = 0; k < 3; k++)
		isms_table_cell(s, "", 1, 1, ISMS_CENTER);
}

static int
gen(c5 *c, const char *kind, int depth, const isms_loc *where)
{
	const view *w = c->data;
	(void)depth;
	if (!strcmp(kind, "communications"))
		summary(c, w);
	else if (!strcmp(kind, "acknowledgements"))
		acknowledgements(c, w);
	else if (!strcmp(kind, "signature"))
		signature(c);
	else
		return c5_no_such(c, kind, where, "communications, acknowledgements, signature");
	return 0;
}

int
isms_docs_policy_communication(const isms_docctx *ctx, const char *templates_dir, const char *path)
{
	const isms_leadership *l = &ctx->org->leadership;
	view w = {isms_period_end(ctx->period), NULL, 0};
	/* the record as it stood at the data cut-off; what it lists has happened */
	isms_date today = docs_today(ctx);
	int future = 0;
	char b[32], e[32];
	for (size_t i = 0; i < l->ncommunications; i++) {
		const isms_communication *m = &l->communications[i];
		if (!shown(&w, m->date))
			continue;
		if (isms_date_cmp(m->date, today) > 0) {
			isms_error(&m->loc, "date=\"%s\" is in the future (the build's date is %s): record a "
			           "communication once it has taken place", isms_date_iso(m->date, b, sizeof b),
			           isms_date_iso(today, e, sizeof e));
			future++;
		}
		for (size_t k = 0; k < m->nacks; k++)
			if (shown(&w, m->acks[k].date) && isms_date_cmp(m->acks[k].date, today) > 0) {
				isms_error(&m->acks[k].loc, "date=\"%s\" is in the future (the build's date is "
				           "%s): record an acknowledgement once it is given",
				           isms_date_iso(m->acks[k].date, b, sizeof b), isms_date_iso(today, e, sizeof e));
				future++;
			}
	}
	if (future)
		return -2;
	c5 c;
	int rc = c5_open(&c, ctx, ISMS_DOC_POLICY_COMM, templates_dir, gen);
	if (rc)
		return rc;
	dctx *d = &c.d;
	const isms_communication **v = isms_arena_alloc(d->a, (l->ncommunications + 1) * sizeof *v);
	for (size_t i = 0; i < l->ncommunications; i++)
		if (shown(&w, l->communications[i].date))
			v[w.n++] = &l->communications[i];
	w.v = v;
	c.data = &w;
	/* not the cut-off: it changes every period, and the form's text is controlled */
	c5_var(&c, "year", F(d, "%d", isms_roc_year(ctx->org->objectives_year)), F(d, "%d", ctx->org->objectives_year));
	return c5_write(&c, path);
}
