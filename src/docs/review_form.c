/* 資通安全目標檢討表: the quarterly objective review form (seed 002 annex 6.2), one
 * landscape page per objective, filled up to the report period, later quarters
 * left blank for handwriting, with a small chart of the quarters' figures against
 * the targets they are judged by.  Every figure and verdict comes from calc. */
#include "common.h"

#include <math.h>
#include <string.h>

/* The chart: a point per quarter with data (none for a quarter without), segments
 * only between adjacent quarters that both have data, the year-to-date target as a
 * dashed line (rising for a total judged pro rata, stepping with milestones), and a
 * legend right of the plot whose entries have fixed places of their own. */
static void
chart(dctx *d, const isms_objective_result *r)
{
	const isms_objective *o = r->objective;
	double width;
	double fh = d->bi ? 70 : 90;
	isms_figure *f = isms_doc_figure(d->doc, fh, &width);
	double x0 = 70, x1 = width * 0.62, y0 = fh - 18, y1 = 6;
	const isms_quarter_view *q = r->quarters;
	double lo = o->target, hi = o->target, tq[4];
	for (int k = 0; k < 4; k++) {
		/* the year-to-date target of each quarter, also for quarters not yet due */
		tq[k] = q[k].due ? q[k].ytd.target : o->target;
		if (!q[k].due && o->cumulative == ISMS_CUM_SUM && o->judge == ISMS_JUDGE_PRO_RATA)
			tq[k] = o->target * (k + 1) / 4.0;
		lo = fmin(lo, tq[k]);
		hi = fmax(hi, tq[k]);
		if (q[k].own.has_value) {
			lo = fmin(lo, q[k].own.value);
			hi = fmax(hi, q[k].own.value);
		}
		if (q[k].own.has_value && q[k].ytd.has_value) {
			lo = fmin(lo, q[k].ytd.value);
			hi = fmax(hi, q[k].ytd.value);
		}
	}
	double pad = (hi - lo) * 0.15 + (fabs(hi) * 0.02 + 0.5);
	lo -= pad;
	hi += pad;
	if (o->unit == ISMS_UNIT_PERCENT && hi > 100)
		hi = 100 + pad / 3;
	if (lo < 0)
		lo = 0;
#define YV(v) (y0 - ((v) - lo) / (hi - lo) * (y0 - y1))
	isms_fig_line(f, x0, y0, x1, y0, 0, 0, 0.6, 0);
	isms_fig_line(f, x0, y0, x0, y1, 0, 0, 0.6, 0);
	int dp = o->target_dp > o->value_dp ? o->target_dp : o->value_dp;
	isms_fig_text(f, x0 - 4, y1 + 4, docs_num(d, o, hi, dp), 7, ISMS_RIGHT);
	isms_fig_text(f, x0 - 4, y0, docs_num(d, o, lo, dp), 7, ISMS_RIGHT);
	static const char *const qzh[] = {"第一季", "第二季", "第三季", "第四季"};
	static const char *const qen[] = {"Q1", "Q2", "Q3", "Q4"};
	double step = (x1 - x0) / 4;
	for (int k = 0; k < 4; k++) {
		double x = x0 + (k + 0.5) * step;
		isms_fig_text(f, x, y0 + 11, d->en ? qen[k] : qzh[k], 7.5, ISMS_CENTER);
		/* the target: flat within a quarter, so a step shows where it changes */
		isms_fig_line(f, x - step / 2, YV(tq[k]), x + step / 2, YV(tq[k]), 0, 1, 0.8, 0.3);
		if (k && fabs(tq[k] - tq[k - 1]) > 1e-9)
			isms_fig_line(f, x - step / 2, YV(tq[k - 1]), x - step / 2, YV(tq[k]), 0, 1, 0.8, 0.3);
		if (!q[k].own.has_value)
			continue; /* no data: no point and no segment */
		int joined = k && q[k - 1].own.has_value;
		double y = YV(q[k].own.value);
		isms_fig_dot(f, x, y, 2.4, 0);
		if (joined)
			isms_fig_line(f, x - step, YV(q[k - 1].own.value), x, y, 0, 0, 1.1, 0);
		if (q[k].ytd.has_value) {
			double yc = YV(q[k].ytd.value);
			isms_fig_dot(f, x, yc, 1.8, 0.55);
			if (joined && q[k - 1].ytd.has_value)
				isms_fig_line(f, x - step, YV(q[k - 1].ytd.value), x, yc, 0, 1, 0.9, 0.55);
		}
	}
	/* legend: three rows at fixed places right of the plot */
	double lx = x1 + 12, ly = 10, gap = d->bi ? 18 : 14;
	isms_fig_line(f, lx, ly, lx + 18, ly, 0, 0, 1.1, 0);
	isms_fig_dot(f, lx + 9, ly, 2.4, 0);
	isms_fig_text(f, lx + 24, ly + 3, Ls(d, "本期實績", "This period"), 7.5, ISMS_LEFT);
	ly += gap;
	isms_fig_line(f, lx, ly, lx + 18, ly, 0, 1, 0.9, 0.55);
	isms_fig_dot(f, lx + 9, ly, 1.8, 0.55);
	isms_fig_text(f, lx + 24, ly + 3, Ls(d, "年度累計", "Year to date"), 7.5, ISMS_LEFT);
	ly += gap;
	isms_fig_line(f, lx, ly, lx + 18, ly, 0, 1, 0.8, 0.3);
	isms_verdict year = {.target = o->target, .target_dp = o->target_dp, .basis = ISMS_BASIS_YEAR};
	int varies = 0;
	for (int k = 1; k < 4; k++)
		varies |= fabs(tq[k] - tq[0]) > 1e-9;
	const char *yt = docs_basis(d, o, &year);
	const char *label = !varies ? F(d, "%s %s", Ls(d, "目標值", "Target"), yt)
	                    : d->en ? F(d, "Year-to-date target (year: %s)", yt)
	                    : F(d, "累計目標%s（全年 %s）", d->bi ? " Year-to-date target" : "", yt);
	isms_fig_text(f, lx + 24, ly + 3, label, 7.5, ISMS_LEFT);
#undef YV
}

/* A quarter's value cell: the figure, and for a monthly objective the months
 * without data (缺 8月). */
static const char *
value_cell(dctx *d, const isms_objective *o, const isms_quarter_view *q, const isms_verdict *v, int own)
{
	if (!q->due)
		return "";
	if (!v->has_value) {
		if (own && q->m && q->m->has_ratio && q->m->denominator == 0)
			return L(d, "無量測對象", "nothing to measure");
		return docs_status(d, ISMS_ST_NO_DATA);
	}
	const char *s = docs_figure(d, o, v);
	if (own && v->partial && q->nmonths) {
		const char *miss = "";
		for (int k = 0; k < q->nmonths; k++)
			if (!q->months[k]->m)
				miss = F(d, "%s%s%d", miss, *miss ? "、" : "", q->months[k]->period.index);
		s = F(d, "%s\n%s", s, d->en ? F(d, "(months %s: no data)", miss)
		                            : F(d, "（缺 %s月）%s", miss, d->bi ? "\npartial" : ""));
	}
	return s;
}

/* The people who reviewed a quarter's measurements, or NULL when none is named. */
static const char *
reviewers(dctx *d, const isms_quarter_view *q)
{
	const isms_person *seen[3] = {0};
	int n = 0;
	if (q->m && q->m->reviewer)
		seen[n++] = q->m->reviewer;
	for (int k = 0; k < q->nmonths; k++) {
		const isms_measurement *m = q->months[k]->m;
		int dup = 0;
		for (int j = 0; m && m->reviewer && j < n; j++)
			dup |= seen[j] == m->reviewer;
		if (m && m->reviewer && !dup)
			seen[n++] = m->reviewer;
	}
	if (!n)
		return NULL;
	const char *s = "";
	for (int j = 0; j < n; j++)
		s = F(d, "%s%s%s", s, j ? (d->en ? ", " : "、") : "", T(d, seen[j]->name));
	return s;
}

/* The quarter's reporter: a quarterly objective's, or the last reported month's. */
static const isms_measurement *
reported(const isms_quarter_view *q)
{
	const isms_measurement *m = q->m;
	for (int k = 0; k < q->nmonths; k++)
		if (q->months[k]->m)
			m = q->months[k]->m;
	return m;
}

int
isms_docs_review_form(const isms_docctx *c, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_REVIEW_FORM, "資通安全目標檢討表", "Security Objectives Quarterly Review Form");
	const isms_results *r = c->res;
	const isms_org *o = c->org;
	isms_text ciso = docs_ciso(o);
	isms_doc_section(d.doc, 1, 36);
	static const char *const qzh[] = {"第一季（1–3 月）", "第二季（4–6 月）", "第三季（7–9 月）", "第四季（10–12 月）"};
	static const char *const qen[] = {"Q1 (Jan–Mar)", "Q2 (Apr–Jun)", "Q3 (Jul–Sep)", "Q4 (Oct–Dec)"};
	for (size_t i = 0; i < r->nobjectives; i++) {
		const isms_objective_result *res = &r->objectives[i];
		const isms_objective *ob = res->objective;
		const isms_quarter_view *q = res->quarters;
		if (i)
			isms_doc_page_break(d.doc);
		if (d.bi) /* one line: the bilingual table needs the room */
			isms_doc_para(d.doc, ISMS_SUBTITLE, 0, NULL,
			              "資通安全目標檢討表　Security Objectives Quarterly Review Form", ISMS_CENTER);
		else
			isms_doc_para(d.doc, ISMS_TITLE, 0, NULL, d.en ? "Security Objectives Quarterly Review Form"
			              : "資 通 安 全 目 標 檢 討 表", ISMS_CENTER);
		double w[] = {1.15, 1, 1, 1, 1, 1, 1, 1, 1};
		isms_table *t = isms_doc_table(d.doc, 9, w, 0);
		isms_table_font_size(t, d.bi ? 7.5 : 9);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "年度", "Year"), 1, 1);
		isms_table_cell(t, d.en ? F(&d, "%d", o->objectives_year) : F(&d, "%d", isms_roc_year(o->objectives_year)), 2, 1, ISMS_CENTER);
		docs_head_cell(t, L(&d, "目標執行單位", "Responsible unit"), 2, 1);
		isms_table_cell(t, F(&d, "%s　%s", docs_units(&d, ob), TN(&d, ob->owner->name)), 4, 1, ISMS_LEFT);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "目標項目", "Objective"), 1, 1);
		isms_table_cell(t, F(&d, "%s\n%s", T(&d, ob->title), T(&d, ob->kpi)), 2, 1, ISMS_LEFT);
		docs_head_cell(t, L(&d, "去年實績", "Last year"), 1, 1);
		isms_table_cell(t, docs_last_year(&d, ob), 1, 1, ISMS_CENTER);
		docs_head_cell(t, L(&d, "目標值", "Target"), 1, 1);
		isms_table_cell(t, docs_target(&d, ob), 1, 1, ISMS_CENTER);
		docs_head_cell(t, L(&d, "量測方式/計算公式", "Method / formula"), 1, 1);
		isms_table_cell(t, T(&d, ob->method), 1, 1, ISMS_LEFT);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "季別", "Quarter"), 1, 1);
		for (int k = 0; k < 4; k++)
			docs_head_cell(t, L(&d, qzh[k], qen[k]), 2, 1);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "達成情形", "Result"), 1, 4);
		for (int k = 0; k < 4; k++) {
			docs_head_cell(t, L(&d, "本期實績", "This period"), 1, 1);
			docs_head_cell(t, L(&d, "年度累計", "Year to date"), 1, 1);
		}
		isms_table_row(t);
		for (int k = 0; k < 4; k++) {
			isms_table_cell(t, value_cell(&d, ob, &q[k], &q[k].own, 1), 1, 1, ISMS_CENTER);
			isms_table_cell(t, value_cell(&d, ob, &q[k], &q[k].ytd, 0), 1, 1, ISMS_CENTER);
		}
		/* what each figure is judged against, then the two verdicts under their own columns */
		isms_table_row(t);
		for (int k = 0; k < 4; k++) {
			isms_table_cell(t, q[k].due ? docs_basis(&d, ob, &q[k].own) : "", 1, 1, ISMS_CENTER);
			isms_table_cell(t, q[k].due ? docs_basis(&d, ob, &q[k].ytd) : "", 1, 1, ISMS_CENTER);
		}
		isms_table_row(t);
		for (int k = 0; k < 4; k++) {
			const isms_verdict *v[] = {&q[k].own, &q[k].ytd};
			for (int j = 0; j < 2; j++) {
				isms_table_cell(t, q[k].due ? docs_status(&d, v[j]->status) : "", 1, 1, ISMS_CENTER);
				if (v[j]->status == ISMS_ST_MISSED)
					isms_table_shade(t, 0.85, 1);
			}
		}
		isms_table_row(t);
		isms_table_min_height(t, 28);
		docs_head_cell(t, L(&d, "差異說明", "Explanation of variance"), 1, 1);
		for (int k = 0; k < 4; k++)
			isms_table_cell(t, q[k].due ? docs_quarter_notes(&d, &q[k], 0) : "", 2, 1, ISMS_LEFT);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "報告人", "Reported by"), 1, 1);
		for (int k = 0; k < 4; k++) {
			const isms_measurement *m = reported(&q[k]);
			isms_table_cell(t, m ? F(&d, "%s\n%s%s", TN(&d, m->reporter->name), Ls(&d, "日期：", "Date: "),
			                         D(&d, m->date))
			                     : F(&d, "\n%s", Ls(&d, "日期：", "Date:")), 2, 1, ISMS_LEFT);
		}
		isms_table_row(t);
		isms_table_min_height(t, 24);
		docs_head_cell(t, L(&d, "審核意見", "Reviewer's comment"), 1, 1);
		for (int k = 0; k < 4; k++)
			isms_table_cell(t, q[k].due ? docs_quarter_notes(&d, &q[k], 1) : "", 2, 1, ISMS_LEFT);
		isms_table_row(t);
		isms_table_min_height(t, 28);
		docs_head_cell(t, L(&d, "權責主管", "Responsible manager"), 1, 1);
		for (int k = 0; k < 4; k++) {
			const char *who = q[k].due ? reviewers(&d, &q[k]) : NULL;
			isms_table_cell(t, who ? who : "", 2, 1, ISMS_CENTER); /* blank: a box to sign in */
		}
		chart(&d, res);
		isms_doc_para(d.doc, ISMS_SMALL, 0, NULL,
		              d.en ? F(&d, "Note: within two weeks of each quarter, the reporter enters last quarter's figures "
		                       "and explanations; the responsible manager reviews them for the %s.",
		                       ciso.en ? ciso.en : ciso.zh)
		                   : F(&d, "備註：每季開始後兩週內，由報告人填妥上一季實績與差異說明，經權責主管審核後陳%s。%s",
		                       ciso.zh, d.bi ? F(&d, " Note: within two weeks of each quarter, the reporter enters "
		                                        "last quarter's figures and explanations; the responsible manager "
		                                        "reviews them for the %s.", ciso.en ? ciso.en : ciso.zh) : ""),
		              ISMS_LEFT);
	}
	if (!r->nobjectives)
		isms_doc_para(d.doc, ISMS_BODY, 0, NULL, Ls(&d, "本年度未訂定資通安全目標。", "No objectives were set for this year."), ISMS_LEFT);
	return docs_finish(&d, path);
}
