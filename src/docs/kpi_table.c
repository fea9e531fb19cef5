/* 資訊安全目標量測統計表: the KPI measurement table (seed 000), with the
 * achievement summary and the objectives that need corrective action. */
#include "common.h"

#include <string.h>

int
isms_docs_kpi_table(const isms_docctx *c, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_KPI_TABLE, "資訊安全目標量測統計表", "Security KPI Measurement Table");
	const isms_results *r = c->res;
	isms_doc_section(d.doc, 1, 36);
	docs_title(&d, "資訊安全目標量測統計表", "Security KPI Measurement Table");
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, F(&d, "%s%s", Ls(&d, "評估期間：", "Period: "),
	              docs_period(&d, c->period)), ISMS_LEFT);
	double w[] = {1.9, 2.0, 1.1, 1.2, 1.0, 1.3, 1.0, 1.3, 1.0, 1.1, 2.1};
	isms_table *t = isms_doc_table(d.doc, 11, w, 2);
	isms_table_font_size(t, d.bi ? 8 : 9);
	isms_table_row(t);
	/* the two verdicts under their own labels, each with what it is judged against */
	docs_head_cell(t, L(&d, "資訊安全目標", "Objective"), 1, 2);
	docs_head_cell(t, L(&d, "KPI 指標", "KPI"), 1, 2);
	docs_head_cell(t, L(&d, "目標值\n（全年）", "Target (year)"), 1, 2);
	docs_head_cell(t, L(&d, "評估期間", "Period"), 1, 2);
	docs_head_cell(t, L(&d, "本期", "This period"), 2, 1);
	docs_head_cell(t, L(&d, "年度至今（累計）", "Year to date"), 2, 1);
	docs_head_cell(t, L(&d, "趨勢", "Trend"), 1, 2);
	docs_head_cell(t, L(&d, "負責單位", "Owner unit"), 1, 2);
	docs_head_cell(t, L(&d, "備註", "Remarks"), 1, 2);
	isms_table_row(t);
	for (int k = 0; k < 2; k++) {
		docs_head_cell(t, L(&d, "實績", "Actual"), 1, 1);
		docs_head_cell(t, L(&d, "評估結果", "Result"), 1, 1);
	}
	for (size_t i = 0; i < r->nobjectives; i++) {
		const isms_objective_result *o = &r->objectives[i];
		const isms_objective *ob = o->objective;
		isms_table_row(t);
		isms_table_cell(t, T(&d, ob->title), 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(&d, ob->kpi), 1, 1, ISMS_LEFT);
		isms_table_cell(t, docs_target(&d, ob), 1, 1, ISMS_CENTER);
		isms_table_cell(t, o->own.status == ISMS_ST_NOT_DUE ? "—" : docs_period(&d, o->at), 1, 1, ISMS_CENTER);
		const isms_verdict *v[] = {&o->own, &o->ytd};
		for (int k = 0; k < 2; k++) {
			isms_table_cell(t, v[k]->has_value ? docs_figure(&d, ob, v[k]) : "—", 1, 1, ISMS_CENTER);
			const char *st = docs_status(&d, v[k]->status);
			if (v[k]->status == ISMS_ST_ACHIEVED || v[k]->status == ISMS_ST_MISSED)
				if (v[k]->basis != ISMS_BASIS_YEAR)
					st = F(&d, "%s\n%s", st, docs_basis(&d, ob, v[k]));
			isms_table_cell(t, st, 1, 1, ISMS_CENTER);
			if (v[k]->status == ISMS_ST_MISSED)
				isms_table_shade(t, 0.85, 1);
		}
		enum isms_direction dir = o->current ? o->current->vs_previous : ISMS_DIR_UNKNOWN;
		isms_table_cell(t, L(&d, isms_direction_label(dir, "zh"), isms_direction_label(dir, "en")), 1, 1, ISMS_CENTER);
		isms_table_cell(t, docs_units(&d, ob), 1, 1, ISMS_CENTER);
		const char *note = "";
		const isms_quarter_view *qv = o->at_quarter ? &o->quarters[o->at_quarter - 1] : NULL;
		const isms_period_result *cur = o->current;
		if (qv)
			note = docs_quarter_notes(&d, qv, 0);
		else if (cur && cur->m && (cur->m->variance.zh || cur->nothing))
			note = docs_quarter_notes(&d, &(isms_quarter_view){.m = cur->m}, 0);
		else if (cur && cur->m && cur->m->comment.zh)
			note = T(&d, cur->m->comment);
		else if (cur && !cur->m)
			note = L(&d, "本期未提報資料", "nothing reported this period");
		if (o->corrective_needed)
			note = F(&d, "%s%s%s", note, *note ? "\n" : "",
			         d.en ? F(&d, "missed %d periods running: corrective action", o->consecutive_misses)
			              : F(&d, "連續 %d 期未達成，應採矯正措施", o->consecutive_misses));
		else if (o->at_risk && o->ytd.status == ISMS_ST_ACHIEVED)
			note = F(&d, "%s%s%s", note, *note ? "\n" : "", L(&d, "預估年底可能未達成", "year-end at risk"));
		isms_table_cell(t, note, 1, 1, ISMS_LEFT);
	}
	isms_doc_space(d.doc, 6);
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, docs_tally(&d, r), ISMS_LEFT);
	int any = 0;
	for (size_t i = 0; i < r->nobjectives; i++) {
		const isms_objective_result *o = &r->objectives[i];
		if (!o->corrective_needed)
			continue;
		if (!any++)
			isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, Ls(&d, "需採矯正措施之目標：", "Objectives that need corrective action:"), ISMS_LEFT);
		const char *why = "";
		for (size_t k = 0; k < o->ndue; k++) {
			const isms_period_result *p = &o->periods[k];
			if (p->own.status != ISMS_ST_MISSED || k + (size_t)o->consecutive_misses < o->ndue)
				continue;
			why = F(&d, d.en ? "%s%s%s %s (%s)" : "%s%s%s %s（%s）", why, *why ? (d.en ? ", " : "、") : "",
			        docs_period(&(dctx){d.c, d.doc, d.a, d.en, 0}, p->period),
			        docs_figure(&d, o->objective, &p->own), docs_basis(&d, o->objective, &p->own));
		}
		isms_doc_para(d.doc, ISMS_BODY, 12, F(&d, "%d.", any),
		              d.en ? F(&d, "%s: missed %d periods running: %s.", T(&d, o->objective->title),
		                       o->consecutive_misses, why)
		                   : F(&d, "%s：連續 %d 期未達成：%s。", o->objective->title.zh,
		                       o->consecutive_misses, why),
		              ISMS_LEFT);
	}
	if (!any)
		isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, Ls(&d, "需採矯正措施之目標：無。", "Objectives that need corrective action: none."), ISMS_LEFT);
	return docs_finish(&d, path);
}
