/* 資通安全目標設定表: the objective target-setting form (seed 002 annex 6.1),
 * landscape, one row per objective, signature boxes below. */
#include "common.h"

#include <math.h>
#include <string.h>

/* The yearly target as written, and what each period is held to: a total's share
 * per period, or the plan's milestones. */
static const char *
target_cell(dctx *d, const isms_objective *o)
{
	const char *s = docs_target(d, o);
	int n = o->frequency == ISMS_FREQ_MONTHLY ? 12 : 4;
	if (o->nmilestones) {
		const char *ms = "";
		for (size_t k = 0; k < o->nmilestones; k++) {
			const isms_milestone *m = &o->milestones[k];
			const char *p = m->period.kind == 'Q' ? F(d, d->en ? "Q%d" : "Q%d", m->period.index)
			                                      : F(d, d->en ? "M%d" : "%d月", m->period.index);
			ms = F(d, "%s%s%s %s", ms, k ? (d->en ? ", " : "、") : "", p,
			       docs_num(d, o, m->target, m->dp));
		}
		return F(d, d->en ? "%s\n(milestones: %s)" : "%s\n（里程碑：%s）", s, ms);
	}
	if (o->cumulative == ISMS_CUM_SUM && o->judge == ISMS_JUDGE_PRO_RATA) {
		double share = o->target / n;
		int dp = o->target_dp;
		while (dp < 2 && fabs(isms_calc_round(share, dp) - share) > 1e-9)
			dp++;
		const char *per = d->en ? (n == 12 ? "a month" : "a quarter") : n == 12 ? "每月" : "每季";
		return d->en ? F(d, "%s\n(%s %s)", s, docs_num(d, o, share, dp), per)
		             : F(d, "%s\n（%s %s）", s, per, docs_num(d, o, share, dp));
	}
	if (o->cumulative == ISMS_CUM_SUM)
		return F(d, d->en ? "%s\n(running total)" : "%s\n（全年累計）", s);
	return s;
}

int
isms_docs_target_form(const isms_docctx *c, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_TARGET_FORM, "資通安全目標設定表", "Security Objectives Target-Setting Form");
	const isms_org *o = c->org;
	isms_doc_section(d.doc, 1, 36);
	docs_title(&d, "資 通 安 全 目 標 設 定 表", "Security Objectives Target-Setting Form");
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL,
	              F(&d, "%s%s　　%s%d", Ls(&d, "年度：", "Year: "),
	                d.en ? F(&d, "%d", o->objectives_year) : F(&d, "%d", isms_roc_year(o->objectives_year)),
	                Ls(&d, "目標數：", "Objectives: "), (int)o->nobjectives), ISMS_LEFT);
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL,
	              F(&d, "%s%s", Ls(&d, "更新日期：", "Updated: "), D(&d, docs_today(c))), ISMS_RIGHT);

	double w[] = {0.45, 2.1, 0.9, 0.9, 1.1, 1.0, 2.0, 1.5, 2.3, 1.6};
	isms_table *t = isms_doc_table(d.doc, 10, w, 2);
	isms_table_font_size(t, 9.5);
	isms_table_row(t);
	docs_head_cell(t, "No", 1, 2);
	docs_head_cell(t, L(&d, "目標設定", "Objective"), 3, 1);
	docs_head_cell(t, L(&d, "目標權責", "Responsibility"), 2, 1);
	docs_head_cell(t, L(&d, "量測方式/計算公式", "Measurement / formula"), 1, 2);
	docs_head_cell(t, L(&d, "所需資源", "Resources"), 1, 2);
	docs_head_cell(t, L(&d, "具體執行項目", "Actions"), 1, 2);
	docs_head_cell(t, L(&d, "檢討依據(資料來源)", "Data source"), 1, 2);
	isms_table_row(t);
	docs_head_cell(t, L(&d, "目標(量測)項目", "Objective (KPI)"), 1, 1);
	docs_head_cell(t, L(&d, "去年實績", "Last year"), 1, 1);
	docs_head_cell(t, L(&d, "目標值", "Target"), 1, 1);
	docs_head_cell(t, L(&d, "負責部門", "Unit"), 1, 1);
	docs_head_cell(t, L(&d, "負責人員", "Owner"), 1, 1);
	for (size_t i = 0; i < o->nobjectives; i++) {
		const isms_objective *ob = &o->objectives[i];
		isms_table_row(t);
		isms_table_cell(t, F(&d, "%zu", i + 1), 1, 1, ISMS_CENTER);
		isms_table_cell(t, F(&d, "%s\n%s", T(&d, ob->title), T(&d, ob->kpi)), 1, 1, ISMS_LEFT);
		isms_table_cell(t, docs_last_year(&d, ob), 1, 1, ISMS_CENTER);
		isms_table_cell(t, target_cell(&d, ob), 1, 1, ISMS_CENTER);
		isms_table_cell(t, docs_units(&d, ob), 1, 1, ISMS_CENTER);
		isms_table_cell(t, TN(&d, ob->owner->name), 1, 1, ISMS_CENTER);
		isms_table_cell(t, T(&d, ob->method), 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(&d, ob->resources), 1, 1, ISMS_LEFT);
		const char *acts = "";
		for (size_t k = 0; k < ob->actions.n; k++)
			acts = F(&d, "%s%s%zu. %s", acts, k ? "\n" : "", k + 1, T(&d, ob->actions.v[k]));
		isms_table_cell(t, acts, 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(&d, ob->data_source), 1, 1, ISMS_LEFT);
	}
	isms_doc_space(d.doc, 8);
	/* signature boxes: 編訂者 / 權責主管 / 資通安全長 */
	isms_text ciso = docs_ciso(o);
	isms_table *s = isms_doc_table(d.doc, 3, NULL, 0);
	isms_table_font_size(s, 10);
	isms_table_row(s);
	docs_head_cell(s, L(&d, "編訂者", "Prepared by"), 1, 1);
	docs_head_cell(s, L(&d, "權責主管", "Responsible manager"), 1, 1);
	docs_head_cell(s, d.en ? (ciso.en ? ciso.en : ciso.zh) : d.bi ? F(&d, "%s\n%s", ciso.zh, ciso.en ? ciso.en : "") : ciso.zh, 1, 1);
	isms_table_row(s);
	isms_table_min_height(s, 46);
	for (int k = 0; k < 3; k++)
		isms_table_cell(s, "", 1, 1, ISMS_CENTER);
	const char *en = F(&d, "Note: owners fill in next year's targets by 15 December; the responsible manager "
	                   "checks them and the %s approves.", ciso.en ? ciso.en : ciso.zh);
	isms_doc_para(d.doc, ISMS_SMALL, 0, NULL,
	              d.en ? en : F(&d, "備註：本表由各目標負責人員於每年 12 月 15 日前填妥次年度目標，經權責主管確認後，陳%s核定。%s%s",
	                            ciso.zh, d.bi ? " " : "", d.bi ? en : ""),
	              ISMS_LEFT);
	return docs_finish(&d, path);
}
