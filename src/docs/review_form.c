/* 資通安全目標檢討表: the quarterly objective review form (seed 002 annex 6.2), one
 * landscape page per objective, filled up to the report period, later quarters
 * left blank for handwriting, with a small chart of actual and cumulative figures
 * against the target line. */
#include "common.h"

#include <math.h>
#include <string.h>

static void
chart(dctx *d, const isms_objective_result *r)
{
	const isms_objective *o = r->objective;
	double width;
	double fh = d->bi ? 62 : 90; /* bilingual labels leave less room on the page */
	isms_figure *f = isms_doc_figure(d->doc, fh, &width);
	double x0 = 70, x1 = width * 0.62, y0 = fh - 18, y1 = 6;
	double lo = o->target, hi = o->target;
	isms_quarter_view q[4];
	for (int k = 0; k < 4; k++) {
		q[k] = isms_calc_quarter(r, k + 1);
		if (q[k].has_actual) {
			lo = fmin(lo, q[k].actual);
			hi = fmax(hi, q[k].actual);
		}
		if (q[k].has_cumulative) {
			lo = fmin(lo, q[k].cumulative);
			hi = fmax(hi, q[k].cumulative);
		}
	}
	double pad = (hi - lo) * 0.15 + (fabs(hi) * 0.02 + 0.5);
	lo -= pad;
	hi += pad;
	if (o->unit == ISMS_UNIT_PERCENT && hi > 100)
		hi = 100 + pad / 3;
	if (lo < 0 && o->unit != ISMS_UNIT_COUNT)
		lo = 0;
	if (lo < 0)
		lo = 0;
#define YV(v) (y0 - ((v) - lo) / (hi - lo) * (y0 - y1))
	isms_fig_line(f, x0, y0, x1, y0, 0, 0, 0.6, 0);
	isms_fig_line(f, x0, y0, x0, y1, 0, 0, 0.6, 0);
	isms_fig_text(f, x0 - 4, y1 + 4, docs_value(d, hi, o->unit), 7, ISMS_RIGHT);
	isms_fig_text(f, x0 - 4, y0, docs_value(d, lo, o->unit), 7, ISMS_RIGHT);
	double ty = YV(o->target);
	isms_fig_line(f, x0, ty, x1, ty, 0, 1, 0.8, 0.3);
	isms_fig_text(f, x1 + 4, ty + 3, F(d, "%s %s", Ls(d, "目標值", "Target"), docs_value(d, o->target, o->unit)), 7.5, ISMS_LEFT);
	static const char *const qzh[] = {"第一季", "第二季", "第三季", "第四季"};
	static const char *const qen[] = {"Q1", "Q2", "Q3", "Q4"};
	double px = 0, pa = 0, pc = 0;
	int has_pa = 0, has_pc = 0;
	for (int k = 0; k < 4; k++) {
		double x = x0 + (k + 0.5) * (x1 - x0) / 4;
		isms_fig_text(f, x, y0 + 11, d->en ? qen[k] : qzh[k], 7.5, ISMS_CENTER);
		if (q[k].has_actual) {
			double y = YV(q[k].actual);
			isms_fig_dot(f, x, y, 2.4, 0);
			if (has_pa)
				isms_fig_line(f, px, YV(pa), x, y, 0, 0, 1.1, 0);
			pa = q[k].actual;
			has_pa = 1;
		}
		if (q[k].has_cumulative) {
			double y = YV(q[k].cumulative);
			isms_fig_dot(f, x, y, 1.8, 0.55);
			if (has_pc)
				isms_fig_line(f, px, YV(pc), x, y, 0, 1, 0.9, 0.55);
			pc = q[k].cumulative;
			has_pc = 1;
		}
		px = x;
	}
	/* legend */
	double lx = x1 + 4, ly = fh / 3;
	isms_fig_line(f, lx, ly, lx + 18, ly, 0, 0, 1.1, 0);
	isms_fig_dot(f, lx + 9, ly, 2.4, 0);
	isms_fig_text(f, lx + 24, ly + 3, Ls(d, "實績", "Actual"), 7.5, ISMS_LEFT);
	isms_fig_line(f, lx, ly + 14, lx + 18, ly + 14, 0, 1, 0.9, 0.55);
	isms_fig_dot(f, lx + 9, ly + 14, 1.8, 0.55);
	isms_fig_text(f, lx + 24, ly + 17, Ls(d, "累計", "Cumulative"), 7.5, ISMS_LEFT);
#undef YV
}

int
isms_docs_review_form(const isms_docctx *c, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_REVIEW_FORM, "資通安全目標檢討表", "Security Objectives Quarterly Review Form");
	const isms_results *r = c->res;
	const isms_org *o = c->org;
	isms_doc_section(d.doc, 1, 36);
	static const char *const qzh[] = {"第一季（1–3 月）", "第二季（4–6 月）", "第三季（7–9 月）", "第四季（10–12 月）"};
	static const char *const qen[] = {"Q1 (Jan–Mar)", "Q2 (Apr–Jun)", "Q3 (Jul–Sep)", "Q4 (Oct–Dec)"};
	for (size_t i = 0; i < r->nobjectives; i++) {
		const isms_objective_result *res = &r->objectives[i];
		const isms_objective *ob = res->objective;
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
		isms_table_font_size(t, d.bi ? 8 : 9);
		char tb[64];
		isms_table_row(t);
		docs_head_cell(t, L(&d, "年度", "Year"), 1, 1);
		isms_table_cell(t, d.en ? F(&d, "%d", o->objectives_year) : F(&d, "%d", isms_roc_year(o->objectives_year)), 2, 1, ISMS_CENTER);
		docs_head_cell(t, L(&d, "目標執行單位", "Responsible unit"), 2, 1);
		isms_table_cell(t, F(&d, "%s　%s", TN(&d, ob->owner_unit->name), TN(&d, ob->owner->name)), 4, 1, ISMS_LEFT);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "目標項目", "Objective"), 1, 1);
		isms_table_cell(t, F(&d, "%s\n%s", T(&d, ob->title), T(&d, ob->kpi)), 2, 1, ISMS_LEFT);
		docs_head_cell(t, L(&d, "去年實績", "Last year"), 1, 1);
		isms_table_cell(t, ob->has_last_year ? docs_value(&d, ob->last_year, ob->unit) : "—", 1, 1, ISMS_CENTER);
		docs_head_cell(t, L(&d, "目標值", "Target"), 1, 1);
		isms_table_cell(t, isms_arena_strdup(d.a, isms_calc_format_target(ob, d.en ? "en" : "zh", tb, sizeof tb)), 1, 1, ISMS_CENTER);
		docs_head_cell(t, L(&d, "量測方式/計算公式", "Method / formula"), 1, 1);
		isms_table_cell(t, T(&d, ob->method), 1, 1, ISMS_LEFT);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "季別", "Quarter"), 1, 1);
		for (int k = 0; k < 4; k++)
			docs_head_cell(t, L(&d, qzh[k], qen[k]), 2, 1);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "達成情形", "Result"), 1, 3);
		for (int k = 0; k < 4; k++) {
			docs_head_cell(t, L(&d, "實績", "Actual"), 1, 1);
			docs_head_cell(t, L(&d, "累計", "Cumulative"), 1, 1);
		}
		isms_quarter_view q[4];
		for (int k = 0; k < 4; k++)
			q[k] = isms_calc_quarter(res, k + 1);
		isms_table_row(t);
		for (int k = 0; k < 4; k++) {
			isms_table_cell(t, q[k].has_actual ? docs_value(&d, q[k].actual, ob->unit)
			                   : q[k].due ? L(&d, "無資料", "no data") : "", 1, 1, ISMS_CENTER);
			isms_table_cell(t, q[k].has_cumulative ? docs_value(&d, q[k].cumulative, ob->unit) : "", 1, 1, ISMS_CENTER);
		}
		isms_table_row(t);
		for (int k = 0; k < 4; k++) {
			isms_table_cell(t, q[k].due ? L(&d, isms_status_label(q[k].status, "zh"), isms_status_label(q[k].status, "en")) : "",
			                2, 1, ISMS_CENTER);
			if (q[k].status == ISMS_ST_MISSED)
				isms_table_shade(t, 0.85, 1);
		}
		isms_table_row(t);
		isms_table_min_height(t, 28);
		docs_head_cell(t, L(&d, "差異說明", "Explanation of variance"), 1, 1);
		for (int k = 0; k < 4; k++)
			isms_table_cell(t, q[k].m && q[k].m->variance.zh ? T(&d, q[k].m->variance) : "", 2, 1, ISMS_LEFT);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "報告人", "Reported by"), 1, 1);
		for (int k = 0; k < 4; k++)
			isms_table_cell(t, q[k].m ? F(&d, "%s\n%s%s", TN(&d, q[k].m->reporter->name), Ls(&d, "日期：", "Date: "),
			                                D(&d, q[k].m->date))
			                          : F(&d, "\n%s", Ls(&d, "日期：", "Date:")), 2, 1, ISMS_LEFT);
		isms_table_row(t);
		isms_table_min_height(t, 24);
		docs_head_cell(t, L(&d, "審核意見", "Reviewer's comment"), 1, 1);
		for (int k = 0; k < 4; k++)
			isms_table_cell(t, q[k].m && q[k].m->comment.zh ? T(&d, q[k].m->comment) : "", 2, 1, ISMS_LEFT);
		isms_table_row(t);
		isms_table_min_height(t, 28);
		docs_head_cell(t, L(&d, "權責主管", "Responsible manager"), 1, 1);
		for (int k = 0; k < 4; k++)
			isms_table_cell(t, "", 2, 1, ISMS_CENTER);
		chart(&d, res);
		if (!d.bi)
			isms_doc_para(d.doc, ISMS_SMALL, 0, NULL,
		              Ls(&d, "備註：每季開始後兩週內，由報告人填妥上一季實績與差異說明，經權責主管審核後陳資通安全長。",
		                 "Note: within two weeks of each quarter, the reporter enters last quarter's figures and explanations; the responsible manager reviews them for the CISO."),
		              ISMS_LEFT);
	}
	if (!r->nobjectives)
		isms_doc_para(d.doc, ISMS_BODY, 0, NULL, Ls(&d, "本年度未訂定資通安全目標。", "No objectives were set for this year."), ISMS_LEFT);
	return docs_finish(&d, path);
}
