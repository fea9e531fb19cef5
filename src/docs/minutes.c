/* 管理審查會議紀錄: management review minutes (ISO/IEC 27001:2022 9.3), one per
 * review held by the end of the report period, assembled from the data and the
 * computation: earlier actions as of the meeting (overdue shown), every 9.3.2 input
 * with its items or an explicit "none reported", the objectives' fulfilment, and
 * the outputs with owners and due dates. */
#include "common.h"

#include <string.h>

#include "calc/review.h"

static const char *const cn_num[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

static void
none_line(dctx *d)
{
	isms_doc_para(d->doc, ISMS_BODY, 24, NULL, Ls(d, "本次無資料。", "None reported."), ISMS_LEFT);
}

static void
items(dctx *d, const isms_review_items *it)
{
	if (it->none || it->items.n == 0) {
		none_line(d);
		return;
	}
	for (size_t i = 0; i < it->items.n; i++)
		isms_doc_para(d->doc, ISMS_BODY, 24, F(d, "%zu.", i + 1), T(d, it->items.v[i]), ISMS_JUSTIFY);
}

static const char *
names(dctx *d, isms_person *const *p, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = F(d, "%s%s%s", s, i ? (d->en ? ", " : "、") : "", P(d, p[i]));
	return s;
}

static void
agenda(dctx *d, int k, const char *zh, const char *en)
{
	isms_doc_heading(d->doc, 2, d->en ? F(d, "%c)", 'a' + k) : F(d, "%s、", cn_num[k]), Ls(d, zh, en));
}

static void
objectives(dctx *d, const isms_review_digest *g)
{
	if (!g->results || g->results->nobjectives == 0) {
		isms_doc_para(d->doc, ISMS_BODY, 24, NULL,
		              Ls(d, "本次會議前尚無已結束之季度，無目標量測資料。",
		                 "No quarter had ended before this meeting: no objective figures."), ISMS_LEFT);
		return;
	}
	const isms_results *r = g->results;
	isms_doc_para(d->doc, ISMS_FIELD, 24, NULL,
	              F(d, "%s%s", Ls(d, "量測期間：", "Period measured: "), docs_period(d, g->period)), ISMS_LEFT);
	double w[] = {2.0, 1.1, 1.15, 1.25, 1.15, 1.25, 0.9, 2.0};
	isms_table *t = isms_doc_table(d->doc, 8, w, 2);
	isms_table_font_size(t, 9);
	isms_table_row(t);
	docs_head_cell(t, L(d, "目標", "Objective"), 1, 2);
	docs_head_cell(t, L(d, "目標值\n（全年）", "Target (year)"), 1, 2);
	docs_head_cell(t, L(d, "本期", "This period"), 2, 1);
	docs_head_cell(t, L(d, "年度至今（累計）", "Year to date"), 2, 1);
	docs_head_cell(t, L(d, "趨勢", "Trend"), 1, 2);
	docs_head_cell(t, L(d, "說明", "Notes"), 1, 2);
	isms_table_row(t);
	for (int k = 0; k < 2; k++) {
		docs_head_cell(t, L(d, "實績", "Actual"), 1, 1);
		docs_head_cell(t, L(d, "達成情形", "Result"), 1, 1);
	}
	for (size_t i = 0; i < r->nobjectives; i++) {
		const isms_objective_result *o = &r->objectives[i];
		const isms_objective *ob = o->objective;
		isms_table_row(t);
		isms_table_cell(t, T(d, ob->title), 1, 1, ISMS_LEFT);
		isms_table_cell(t, docs_target(d, ob), 1, 1, ISMS_CENTER);
		const isms_verdict *v[] = {&o->own, &o->ytd};
		for (int k = 0; k < 2; k++) {
			isms_table_cell(t, v[k]->has_value ? docs_figure(d, ob, v[k]) : "—", 1, 1, ISMS_CENTER);
			const char *st = docs_status(d, v[k]->status);
			if ((v[k]->status == ISMS_ST_ACHIEVED || v[k]->status == ISMS_ST_MISSED) &&
			    v[k]->basis != ISMS_BASIS_YEAR)
				st = F(d, "%s\n%s", st, docs_basis(d, ob, v[k]));
			isms_table_cell(t, st, 1, 1, ISMS_CENTER);
			if (v[k]->status == ISMS_ST_MISSED)
				isms_table_shade(t, 0.85, 1);
		}
		enum isms_direction dir = o->trend;
		isms_table_cell(t, L(d, isms_direction_label(dir, "zh"), isms_direction_label(dir, "en")), 1, 1, ISMS_CENTER);
		const char *note = "";
		if (o->corrective_needed)
			note = d->en ? F(d, "missed %d periods running: corrective action needed", o->consecutive_misses)
			             : F(d, "連續 %d 期未達成，需採矯正措施", o->consecutive_misses);
		else if (o->at_risk)
			note = L(d, "預估年底可能未達成", "year-end target at risk");
		isms_table_cell(t, note, 1, 1, ISMS_LEFT);
	}
	isms_doc_para(d->doc, ISMS_FIELD, 24, NULL, docs_tally(d, r), ISMS_LEFT);
}

static void
one_review(dctx *d, const isms_org *org, const isms_review *rv, int first)
{
	if (!first)
		isms_doc_page_break(d->doc);
	isms_review_digest *g = isms_review_digest_new(org, rv);
	docs_title(d, "管理審查會議紀錄", "Management Review Minutes");
	double w[] = {1.2, 3.2, 1.2, 3.2};
	isms_table *t = isms_doc_table(d->doc, 4, w, 0);
	isms_table_row(t);
	docs_head_cell(t, L(d, "會議編號", "Meeting no."), 1, 1);
	isms_table_cell(t, d->en && rv->number_en ? rv->number_en
	                   : d->bi && rv->number_en ? F(d, "%s\n%s", rv->number, rv->number_en) : rv->number,
	                1, 1, ISMS_LEFT);
	docs_head_cell(t, L(d, "日期時間", "Date and time"), 1, 1);
	isms_table_cell(t, F(d, "%s %02d:%02d", D(d, rv->date), rv->hour, rv->minute), 1, 1, ISMS_LEFT);
	isms_table_row(t);
	docs_head_cell(t, L(d, "地點", "Venue"), 1, 1);
	isms_table_cell(t, T(d, rv->venue), 3, 1, ISMS_LEFT);
	isms_table_row(t);
	docs_head_cell(t, L(d, "主席", "Chair"), 1, 1);
	isms_table_cell(t, P(d, rv->chair), 1, 1, ISMS_LEFT);
	docs_head_cell(t, L(d, "紀錄", "Minutes by"), 1, 1);
	isms_table_cell(t, P(d, rv->recorder), 1, 1, ISMS_LEFT);
	isms_table_row(t);
	docs_head_cell(t, L(d, "出席人員", "Present"), 1, 1);
	isms_table_cell(t, names(d, rv->attendees, rv->nattendees), 3, 1, ISMS_LEFT);
	isms_table_row(t);
	docs_head_cell(t, L(d, "請假人員", "Absent"), 1, 1);
	const char *abs = "";
	for (size_t i = 0; i < rv->nabsentees; i++)
		/* under bi each absentee on a line of its own: the reason's English follows
		 * on the next line and must not run into the next name */
		abs = F(d, "%s%s%s%s", abs, i ? (d->bi ? "\n" : d->en ? "; " : "；") : "", P(d, rv->absentees[i].person),
		        rv->absentees[i].reason.zh ? F(d, d->en ? " — %s" : "：%s", T(d, rv->absentees[i].reason)) : "");
	isms_table_cell(t, rv->nabsentees ? abs : L(d, "無", "None"), 3, 1, ISMS_LEFT);

	isms_doc_heading(d->doc, 1, NULL, Ls(d, "審查事項", "Review inputs (ISO/IEC 27001:2022 9.3.2)"));
	/* a) earlier actions as of this meeting */
	agenda(d, 0, "過往管理審查決議事項之處理狀態", "Status of actions from previous management reviews");
	if (g->nearlier == 0) {
		none_line(d);
	} else {
		isms_doc_para(d->doc, ISMS_FIELD, 24, NULL,
		              d->en ? F(d, "%zu actions: %d closed, %d open, %d overdue (as of the meeting date).",
		                        g->nearlier, g->closed, g->open, g->overdue)
		                    : F(d, "共 %zu 項：已結案 %d 項、處理中 %d 項、逾期 %d 項（以會議日期計）。",
		                        g->nearlier, g->closed, g->open, g->overdue), ISMS_LEFT);
		double aw[] = {1.5, 3.0, 1.5, 1.3, 1.0, 2.4};
		isms_table *a = isms_doc_table(d->doc, 6, aw, 1);
		isms_table_font_size(a, 9);
		isms_table_row(a);
		docs_head_cell(a, L(d, "編號", "No."), 1, 1);
		docs_head_cell(a, L(d, "決議事項", "Action"), 1, 1);
		docs_head_cell(a, L(d, "負責人", "Owner"), 1, 1);
		docs_head_cell(a, L(d, "完成期限", "Due"), 1, 1);
		docs_head_cell(a, L(d, "狀態", "Status"), 1, 1);
		docs_head_cell(a, L(d, "追蹤說明", "Follow-up"), 1, 1);
		for (size_t i = 0; i < g->nearlier; i++) {
			const isms_action_view *v = &g->earlier[i];
			isms_table_row(a);
			isms_table_cell(a, v->action->id, 1, 1, ISMS_LEFT);
			isms_table_cell(a, T(d, v->action->text), 1, 1, ISMS_LEFT);
			isms_table_cell(a, P(d, v->action->owner), 1, 1, ISMS_LEFT);
			isms_table_cell(a, D(d, v->action->due), 1, 1, ISMS_CENTER);
			const char *st = L(d, isms_action_state_label(v->state, "zh"), isms_action_state_label(v->state, "en"));
			if (v->state == ISMS_AS_OVERDUE)
				st = d->en ? F(d, "%s (%ld days)", st, v->days_overdue) : F(d, "%s\n（%ld 天）", st, v->days_overdue);
			isms_table_cell(a, st, 1, 1, ISMS_CENTER);
			if (v->state == ISMS_AS_OVERDUE)
				isms_table_shade(a, 0.8, 1);
			isms_table_cell(a, v->last && v->last->note.zh ? T(d, v->last->note) : "", 1, 1, ISMS_LEFT);
		}
	}
	agenda(d, 1, "與資訊安全管理系統有關之內部及外部議題的變更", "Changes in external and internal issues");
	items(d, &rv->inputs[ISMS_IN_ISSUES]);
	agenda(d, 2, "利害關係者之需要及期望的變更", "Changes in the needs and expectations of interested parties");
	items(d, &rv->inputs[ISMS_IN_PARTIES]);
	agenda(d, 3, "資訊安全績效之回饋及其趨勢", "Feedback on information security performance and its trends");
	isms_doc_heading(d->doc, 3, d->en ? "1." : "(一)", Ls(d, "不符合事項及矯正措施", "Nonconformities and corrective actions"));
	items(d, &rv->inputs[ISMS_IN_NONCONFORMITIES]);
	isms_doc_heading(d->doc, 3, d->en ? "2." : "(二)", Ls(d, "監督及量測結果", "Monitoring and measurement results"));
	items(d, &rv->inputs[ISMS_IN_MONITORING]);
	isms_doc_heading(d->doc, 3, d->en ? "3." : "(三)", Ls(d, "稽核結果", "Audit results"));
	items(d, &rv->inputs[ISMS_IN_AUDITS]);
	isms_doc_heading(d->doc, 3, d->en ? "4." : "(四)", Ls(d, "資訊安全目標之達成", "Fulfilment of information security objectives"));
	objectives(d, g);
	agenda(d, 4, "利害關係者之回饋", "Feedback from interested parties");
	items(d, &rv->inputs[ISMS_IN_FEEDBACK]);
	agenda(d, 5, "風險評鑑結果及風險處理計畫之狀態", "Results of risk assessment and status of the risk treatment plan");
	items(d, &rv->inputs[ISMS_IN_RISKS]);
	agenda(d, 6, "持續改善之機會", "Opportunities for continual improvement");
	items(d, &rv->inputs[ISMS_IN_IMPROVEMENTS]);

	isms_doc_heading(d->doc, 1, NULL, Ls(d, "審查結果", "Review outputs (9.3.3)"));
	isms_doc_heading(d->doc, 2, d->en ? "a)" : "一、", Ls(d, "決議事項（改善及管理系統變更）", "Decisions on improvement and changes to the ISMS"));
	items(d, &rv->decisions);
	isms_doc_heading(d->doc, 2, d->en ? "b)" : "二、", Ls(d, "資源需求", "Resource needs"));
	items(d, &rv->resource_needs);
	isms_doc_heading(d->doc, 2, d->en ? "c)" : "三、", Ls(d, "新增行動項目", "New actions"));
	if (rv->nactions == 0 && g->nproposals == 0) {
		none_line(d);
	} else {
		double nw[] = {1.5, 3.8, 1.8, 1.5};
		isms_table *n = isms_doc_table(d->doc, 4, nw, 1);
		isms_table_font_size(n, 9);
		isms_table_row(n);
		docs_head_cell(n, L(d, "編號", "No."), 1, 1);
		docs_head_cell(n, L(d, "行動內容", "Action"), 1, 1);
		docs_head_cell(n, L(d, "負責人", "Owner"), 1, 1);
		docs_head_cell(n, L(d, "完成期限", "Due"), 1, 1);
		for (size_t i = 0; i < rv->nactions; i++) {
			const isms_action *a = &rv->actions[i];
			isms_table_row(n);
			isms_table_cell(n, a->id, 1, 1, ISMS_LEFT);
			isms_table_cell(n, a->objective ? F(d, d->en ? "%s\n(%s%s)" : "%s\n（%s%s）", T(d, a->text),
			                                    Ls(d, "相關目標：", "objective: "), T(d, a->objective->title))
			                                : T(d, a->text), 1, 1, ISMS_LEFT);
			isms_table_cell(n, P(d, a->owner), 1, 1, ISMS_LEFT);
			isms_table_cell(n, D(d, a->due), 1, 1, ISMS_CENTER);
		}
		for (size_t i = 0; i < g->nproposals; i++) {
			const isms_objective_result *o = g->proposals[i];
			isms_table_row(n);
			isms_table_cell(n, L(d, "建議", "Proposed"), 1, 1, ISMS_LEFT);
			isms_table_shade(n, 0.95, 0);
			isms_table_cell(n, d->en ? F(d, "Corrective action for \"%s\": missed %d periods running", T(d, o->objective->title), o->consecutive_misses)
			                         : F(d, "「%s」連續 %d 期未達成，依矯正措施程序研擬改善", o->objective->title.zh, o->consecutive_misses),
			                1, 1, ISMS_LEFT);
			isms_table_cell(n, P(d, o->objective->owner), 1, 1, ISMS_LEFT);
			isms_table_cell(n, L(d, "由會議決定", "to be set"), 1, 1, ISMS_CENTER);
		}
	}
	isms_doc_space(d->doc, 10);
	isms_table *s = isms_doc_table(d->doc, 2, NULL, 0);
	isms_table_keep_with_previous(s);
	isms_table_row(s);
	docs_head_cell(s, L(d, "主席", "Chair"), 1, 1);
	docs_head_cell(s, L(d, "紀錄", "Minutes by"), 1, 1);
	isms_table_row(s);
	isms_table_min_height(s, 44);
	isms_table_cell(s, "", 1, 1, ISMS_CENTER);
	isms_table_cell(s, "", 1, 1, ISMS_CENTER);
	isms_review_digest_free(g);
}

int
isms_docs_minutes(const isms_docctx *c, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_MINUTES, "管理審查會議紀錄", "Management Review Minutes");
	isms_doc_section(d.doc, 0, 56.7);
	isms_date end = isms_period_end(c->period);
	int n = 0;
	for (size_t i = 0; i < c->org->nreviews; i++) {
		const isms_review *rv = &c->org->reviews[i];
		/* the year's meetings: an earlier year's stay in the data as history (their
		 * open actions carried by `ismspack new-year`) and in that year's packs */
		if (isms_date_cmp(rv->date, end) > 0 || rv->date.y != c->period.year)
			continue;
		one_review(&d, c->org, rv, n++ == 0);
	}
	if (!n)
		isms_doc_para(d.doc, ISMS_BODY, 0, NULL,
		              Ls(&d, "本期間尚未召開管理審查會議。", "No management review was held in this period."), ISMS_LEFT);
	return docs_finish(&d, path);
}
