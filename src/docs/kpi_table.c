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
	double w[] = {2.0, 2.4, 1.0, 1.0, 1.0, 1.0, 0.9, 1.3, 2.6};
	isms_table *t = isms_doc_table(d.doc, 9, w, 1);
	isms_table_font_size(t, 9.5);
	isms_table_row(t);
	const char *heads[][2] = {{"資訊安全目標", "Objective"}, {"KPI 指標", "KPI"}, {"目標值", "Target"},
		{"目前值", "Current value"}, {"評估期間", "Period"}, {"評估結果", "Result"},
		{"趨勢", "Trend"}, {"負責單位", "Owner unit"}, {"備註", "Remarks"}};
	for (int k = 0; k < 9; k++) {
		isms_table_cell(t, L(&d, heads[k][0], heads[k][1]), 1, 1, ISMS_CENTER);
		isms_table_shade(t, 0.9, 1);
	}
	for (size_t i = 0; i < r->nobjectives; i++) {
		const isms_objective_result *o = &r->objectives[i];
		const isms_objective *ob = o->objective;
		char tb[64];
		isms_table_row(t);
		isms_table_cell(t, T(&d, ob->title), 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(&d, ob->kpi), 1, 1, ISMS_LEFT);
		isms_table_cell(t, isms_arena_strdup(d.a, isms_calc_format_target(ob, d.en ? "en" : "zh", tb, sizeof tb)),
		                1, 1, ISMS_CENTER);
		isms_table_cell(t, o->has_current_value ? docs_value(&d, o->current_value, ob->unit) : "—", 1, 1, ISMS_CENTER);
		isms_table_cell(t, docs_period(&d, c->period), 1, 1, ISMS_CENTER);
		isms_table_cell(t, L(&d, isms_status_label(o->status, "zh"), isms_status_label(o->status, "en")), 1, 1, ISMS_CENTER);
		if (o->status == ISMS_ST_MISSED)
			isms_table_shade(t, 0.85, 1);
		enum isms_direction dir = o->current ? o->current->vs_previous : ISMS_DIR_UNKNOWN;
		isms_table_cell(t, L(&d, isms_direction_label(dir, "zh"), isms_direction_label(dir, "en")), 1, 1, ISMS_CENTER);
		isms_table_cell(t, TN(&d, ob->owner_unit->name), 1, 1, ISMS_CENTER);
		const char *note = "";
		if (o->current && o->current->m && o->current->m->variance.zh)
			note = T(&d, o->current->m->variance);
		else if (o->current && o->current->m && o->current->m->comment.zh)
			note = T(&d, o->current->m->comment);
		else if (o->current && !o->current->m)
			note = L(&d, "本期未提報資料", "nothing reported this period");
		if (o->corrective_needed)
			note = F(&d, "%s%s%s", note, *note ? "\n" : "",
			         d.en ? F(&d, "missed %d periods running: corrective action", o->consecutive_misses)
			              : F(&d, "連續 %d 期未達成，應採矯正措施", o->consecutive_misses));
		else if (o->at_risk && o->status == ISMS_ST_ACHIEVED)
			note = F(&d, "%s%s%s", note, *note ? "\n" : "", L(&d, "預估年底可能未達成", "year-end at risk"));
		isms_table_cell(t, note, 1, 1, ISMS_LEFT);
	}
	isms_doc_space(d.doc, 6);
	const isms_unit_rate *tot = &r->total;
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL,
	              d.en ? F(&d, "Summary: %d of %d objectives achieved (%.0f%%); %d without data or not yet due.",
	                       tot->achieved, tot->evaluated, tot->rate, (int)r->nobjectives - tot->evaluated)
	                   : F(&d, "統計：共 %d 項目標完成評估，達成 %d 項（達成率 %.0f%%）；%d 項無資料或未到期。%s",
	                       tot->evaluated, tot->achieved, tot->rate, (int)r->nobjectives - tot->evaluated,
	                       d.bi ? F(&d, "\nSummary: %d of %d achieved (%.0f%%).", tot->achieved, tot->evaluated, tot->rate) : ""),
	              ISMS_LEFT);
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
			if (p->status != ISMS_ST_MISSED || k + (size_t)o->consecutive_misses < o->ndue)
				continue;
			why = F(&d, "%s%s%s %s", why, *why ? (d.en ? ", " : "、") : "",
			        docs_period(&(dctx){d.c, d.doc, d.a, d.en, 0}, p->period), docs_value(&d, p->actual, o->objective->unit));
		}
		char tb[64];
		isms_doc_para(d.doc, ISMS_BODY, 12, F(&d, "%d.", any),
		              d.en ? F(&d, "%s: missed %d periods running (%s) against %s.", T(&d, o->objective->title),
		                       o->consecutive_misses, why, isms_calc_format_target(o->objective, "en", tb, sizeof tb))
		                   : F(&d, "%s：連續 %d 期未達成目標值 %s（%s）。", o->objective->title.zh,
		                       o->consecutive_misses, isms_calc_format_target(o->objective, "zh", tb, sizeof tb), why),
		              ISMS_LEFT);
	}
	if (!any)
		isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, Ls(&d, "需採矯正措施之目標：無。", "Objectives that need corrective action: none."), ISMS_LEFT);
	return docs_finish(&d, path);
}
