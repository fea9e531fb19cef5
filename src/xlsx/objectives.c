/* The objectives workbook (xlsx layer): targets, measurements, KPI status and a
 * trend chart per objective, from the model and the objectives computation. */
#include "xlsx.h"
#include "sheet.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"

static const char *const target_cols[] = {
	"編號", "No.", "目標(量測)項目", "Objective", "KPI 指標", "KPI",
	"量測方式/計算公式", "Measurement method", "比較", "Comparator", "目標值", "Target",
	"單位", "Unit", "去年實績", "Last year", "負責部門", "Owner unit",
	"負責人員", "Owner", "所需資源", "Resources", "具體執行項目", "Actions",
	"檢討依據(資料來源)", "Data source", "累計方式", "Cumulative rule", "頻率", "Frequency",
	"判定方式", "Judged",
};
static const char *const meas_cols[] = {
	"編號", "No.", "目標項目", "Objective", "期間", "Period",
	"本期實績", "Actual (period)", "分子", "Numerator", "分母", "Denominator",
	"本期目標", "Period target", "本期達成情形", "Period result", "本期差異", "Variance (period)",
	"年度累計", "Year to date", "累計目標", "Year-to-date target", "累計達成情形", "Year-to-date result",
	"差異說明", "Explanation", "報告人", "Reporter", "日期", "Date", "審核意見", "Reviewer comment",
};
static const char *const kpi_cols[] = {
	"資訊安全目標", "Objective", "KPI 指標", "KPI", "目標值（全年）", "Target (year)",
	"評估期間", "Period", "本期實績", "Actual (period)", "本期判定基準", "Period judged against",
	"本期評估結果", "Period result", "年度累計", "Year to date", "累計判定基準", "Year to date judged against",
	"累計評估結果", "Year-to-date result",
	"較去年", "vs last year", "預估年底", "Projected year end", "風險", "At risk",
	"連續未達成", "Consecutive misses", "需矯正措施", "Corrective action",
	"負責單位", "Owner unit", "備註", "Remarks",
};

/* A number format for the objective's unit at dp decimals ("0.00\"%\"", "0\" 人\"");
 * formats are kept in a small list so equal ones are made once. */
typedef struct numfmt_cache {
	char code[8][64];
	lxw_format *f[8];
	int n;
} numfmt_cache;

static lxw_format *
num_format(lxw_workbook *wb, numfmt_cache *c, const isms_objective *o, int dp, const char *lang)
{
	int en = !strcmp(lang, "en");
	char num[16] = "0", code[64];
	if (dp > 0) {
		strcat(num, ".");
		for (int k = 0; k < dp && k < 6; k++)
			strcat(num, "0");
	}
	static const char *const zh_unit[] = {"%", " 小時", " 天", " 項"};
	static const char *const en_unit[] = {"%", " h", " d", ""};
	const char *u = en ? en_unit[o->unit] : zh_unit[o->unit];
	char cw[48];
	if (o->unit == ISMS_UNIT_COUNT && o->counter.zh) {
		snprintf(cw, sizeof cw, " %s", en && o->counter.en ? o->counter.en : o->counter.zh);
		u = cw;
	}
	snprintf(code, sizeof code, *u ? "%s\"%s\"" : "%s%s", num, u);
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->code[i], code))
			return c->f[i];
	lxw_format *f = workbook_add_format(wb);
	format_set_num_format(f, code);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (c->n < 8) { /* beyond eight distinct codes a format is simply not shared */
		snprintf(c->code[c->n], sizeof c->code[c->n], "%s", code);
		c->f[c->n++] = f;
	}
	return f;
}

static lxw_format *
verdict_format(lxw_workbook *wb, numfmt_cache *c, const isms_objective *o, const isms_verdict *v,
               const char *lang)
{
	return num_format(wb, c, o, isms_calc_decimals(o, v->value, v->dp, v->target), lang);
}

static int
whole(double v)
{
	return v == (double)(long)v;
}

static const char *
name_of(const char *lang, const isms_person *p, char *buf, size_t size)
{
	return p ? sheet_text(lang, p->name, buf, size) : "";
}

static void
status_colours(lxw_worksheet *ws, lxw_format *good, lxw_format *bad, int col, int last_row,
               const char *lang)
{
	if (last_row < 1)
		return;
	lxw_conditional_format cf = {0};
	cf.type = LXW_CONDITIONAL_TYPE_TEXT;
	cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH;
	/* "未達成" and "Not achieved" must be tested before "達成"/"Achieved". */
	cf.value_string = (char *)isms_status_label(ISMS_ST_MISSED, !strcmp(lang, "en") ? "en" : "zh");
	cf.format = bad;
	cf.stop_if_true = LXW_TRUE;
	worksheet_conditional_format_range(ws, 1, (lxw_col_t)col, (lxw_row_t)last_row, (lxw_col_t)col, &cf);
	cf.value_string = (char *)isms_status_label(ISMS_ST_ACHIEVED, !strcmp(lang, "en") ? "en" : "zh");
	cf.format = good;
	worksheet_conditional_format_range(ws, 1, (lxw_col_t)col, (lxw_row_t)last_row, (lxw_col_t)col, &cf);
}

static const char *
status_text(enum isms_status s, const char *lang, char *buf, size_t size)
{
	if (!strcmp(lang, "bi")) {
		snprintf(buf, size, "%s %s", isms_status_label(s, "zh"), isms_status_label(s, "en"));
		return buf;
	}
	return isms_status_label(s, lang);
}

int
isms_xlsx_objectives(const isms_org *org, const isms_results *res, const char *lang,
                     time_t created, const char *path)
{
	lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opts);
	if (!wb) {
		isms_diag(ISMS_ERROR, NULL, "cannot create %s", path);
		return -1;
	}
	char title[256], b1[1024], b2[1024];
	snprintf(title, sizeof title, "%s %s", org->name.zh,
	         sheet_label(lang, "資訊安全目標", "Information security objectives", b1, sizeof b1));
	lxw_doc_properties props = {0};
	props.title = title;
	props.author = (char *)"ismspack";
	props.company = (char *)org->name.zh;
	props.created = created;
	workbook_set_properties(wb, &props);

	sheet_formats f;
	sheet_formats_init(&f, wb);
	numfmt_cache fmts = {0};
	lxw_format *good = workbook_add_format(wb), *bad = workbook_add_format(wb);
	format_set_bg_color(good, 0xC6EFCE);
	format_set_font_color(good, 0x006100);
	format_set_bg_color(bad, 0xFFC7CE);
	format_set_font_color(bad, 0x9C0006);
	lxw_format *plain = workbook_add_format(wb);
	format_set_num_format(plain, "0.##");
	format_set_align(plain, LXW_ALIGN_VERTICAL_TOP);

	/* Sheet 1: targets (目標設定表) */
	sheet s;
	sheet_begin(&s, wb, &f, lang, "目標設定", "Targets", target_cols, 16);
	for (size_t i = 0; i < org->nobjectives; i++, s.row++) {
		const isms_objective *o = &org->objectives[i];
		sheet_int(&s, 0, (long)(i + 1));
		sheet_str(&s, 1, sheet_text(lang, o->title, b1, sizeof b1));
		sheet_str(&s, 2, sheet_text(lang, o->kpi, b1, sizeof b1));
		sheet_str(&s, 3, sheet_text(lang, o->method, b1, sizeof b1));
		sheet_str(&s, 4, isms_comparator_symbol(o->comparator));
		sheet_num(&s, 5, o->target, num_format(wb, &fmts, o, o->target_dp, lang));
		static const char *const unit_zh[] = {"%", "小時", "天", "項"};
		static const char *const unit_en[] = {"%", "hours", "days", "count"};
		if (o->unit == ISMS_UNIT_COUNT && o->counter.zh)
			sheet_str(&s, 6, sheet_text(lang, o->counter, b2, sizeof b2));
		else
			sheet_str(&s, 6, sheet_label(lang, unit_zh[o->unit], unit_en[o->unit], b2, sizeof b2));
		if (o->has_last_year)
			sheet_num(&s, 7, o->last_year, num_format(wb, &fmts, o, o->last_year_dp, lang));
		b2[0] = '\0';
		for (size_t k = 0; k < o->nunits; k++) {
			size_t l = strlen(b2);
			snprintf(b2 + l, sizeof b2 - l, "%s%s", k ? (!strcmp(lang, "en") ? ", " : "、") : "",
			         sheet_text(lang, o->units[k]->name, b1, sizeof b1));
		}
		sheet_str(&s, 8, b2);
		sheet_str(&s, 9, name_of(lang, o->owner, b1, sizeof b1));
		sheet_str(&s, 10, sheet_text(lang, o->resources, b1, sizeof b1));
		b2[0] = '\0';
		for (size_t k = 0; k < o->actions.n; k++) {
			size_t l = strlen(b2);
			snprintf(b2 + l, sizeof b2 - l, "%s%zu. %s", k ? "\n" : "", k + 1,
			         sheet_text(lang, o->actions.v[k], b1, sizeof b1));
		}
		sheet_str(&s, 11, b2);
		sheet_str(&s, 12, sheet_text(lang, o->data_source, b1, sizeof b1));
		sheet_str(&s, 13, isms_cumulative_name(o->cumulative));
		sheet_str(&s, 14, isms_frequency_name(o->frequency));
		if (o->cumulative == ISMS_CUM_SUM)
			sheet_str(&s, 15, isms_judge_name(o->judge));
	}
	sheet_end(&s);

	/* Sheet 2: every period up to the report period, each verdict with its target */
	sheet_begin(&s, wb, &f, lang, "量測紀錄", "Measurements", meas_cols, 16);
	const char *clang = !strcmp(lang, "en") ? "en" : "zh";
	for (size_t i = 0; i < res->nobjectives; i++) {
		const isms_objective_result *r = &res->objectives[i];
		const isms_objective *o = r->objective;
		for (size_t p = 0; p < r->ndue; p++, s.row++) {
			const isms_period_result *pr = &r->periods[p];
			char pb[16];
			sheet_str(&s, 0, o->id);
			sheet_str(&s, 1, sheet_text(lang, o->title, b1, sizeof b1));
			sheet_str(&s, 2, isms_period_format(pr->period, pb, sizeof pb));
			lxw_format *of = verdict_format(wb, &fmts, o, &pr->own, lang);
			if (pr->own.has_value)
				sheet_num(&s, 3, pr->own.value, of);
			if (pr->m && pr->m->has_ratio) {
				sheet_num(&s, 4, pr->m->numerator, whole(pr->m->numerator) ? s.integer : plain);
				sheet_num(&s, 5, pr->m->denominator, whole(pr->m->denominator) ? s.integer : plain);
			}
			sheet_str(&s, 6, isms_calc_format_basis(o, &pr->own, clang, b1, sizeof b1));
			sheet_str(&s, 7, status_text(pr->own.status, lang, b2, sizeof b2));
			if (pr->own.has_value) /* against the same target the status uses */
				sheet_num(&s, 8, pr->variance, of);
			if (pr->ytd.has_value)
				sheet_num(&s, 9, pr->ytd.value, verdict_format(wb, &fmts, o, &pr->ytd, lang));
			sheet_str(&s, 10, isms_calc_format_basis(o, &pr->ytd, clang, b1, sizeof b1));
			sheet_str(&s, 11, status_text(pr->ytd.status, lang, b2, sizeof b2));
			if (pr->m) {
				sheet_str(&s, 12, sheet_text(lang, pr->m->variance, b1, sizeof b1));
				sheet_str(&s, 13, name_of(lang, pr->m->reporter, b1, sizeof b1));
				if (pr->m->date.y)
					sheet_date(&s, 14, pr->m->date);
				sheet_str(&s, 15, sheet_text(lang, pr->m->comment, b1, sizeof b1));
			} else {
				sheet_str(&s, 12, sheet_label(lang, "本期未提報資料", "nothing reported", b1, sizeof b1));
			}
		}
	}
	status_colours(s.ws, good, bad, 7, s.row - 1, lang);
	status_colours(s.ws, good, bad, 11, s.row - 1, lang);
	sheet_end(&s);

	/* Sheet 3: KPI status at the report period (資訊安全目標量測統計表) */
	sheet_begin(&s, wb, &f, lang, "KPI 狀態", "KPI status", kpi_cols, 17);
	for (size_t i = 0; i < res->nobjectives; i++, s.row++) {
		const isms_objective_result *r = &res->objectives[i];
		const isms_objective *o = r->objective;
		char period[16];
		sheet_str(&s, 0, sheet_text(lang, o->title, b1, sizeof b1));
		sheet_str(&s, 1, sheet_text(lang, o->kpi, b1, sizeof b1));
		sheet_str(&s, 2, isms_calc_format_target(o, clang, b1, sizeof b1));
		if (r->own.status != ISMS_ST_NOT_DUE)
			sheet_str(&s, 3, isms_period_format(r->at, period, sizeof period));
		const isms_verdict *v[] = {&r->own, &r->ytd};
		for (int k = 0; k < 2; k++) {
			if (v[k]->has_value)
				sheet_num(&s, 4 + 3 * k, v[k]->value, verdict_format(wb, &fmts, o, v[k], lang));
			if (v[k]->status != ISMS_ST_NOT_DUE)
				sheet_str(&s, 5 + 3 * k, isms_calc_format_basis(o, v[k], clang, b1, sizeof b1));
			sheet_str(&s, 6 + 3 * k, status_text(v[k]->status, lang, b2, sizeof b2));
		}
		sheet_str(&s, 10, isms_direction_label(r->vs_last_year, clang));
		if (r->has_projection)
			sheet_num(&s, 11, r->projected, num_format(wb, &fmts, o, r->ytd.dp, lang));
		sheet_str(&s, 12, r->at_risk ? sheet_label(lang, "是", "yes", b2, sizeof b2) : "");
		sheet_int(&s, 13, r->consecutive_misses);
		sheet_str(&s, 14, r->corrective_needed ? sheet_label(lang, "需要", "needed", b2, sizeof b2) : "");
		sheet_str(&s, 15, sheet_text(lang, o->owner_unit->name, b1, sizeof b1));
		const isms_period_result *cur = r->current;
		if (cur && cur->m && cur->m->variance.zh)
			sheet_str(&s, 16, sheet_text(lang, cur->m->variance, b1, sizeof b1));
	}
	status_colours(s.ws, good, bad, 6, s.row - 1, lang);
	status_colours(s.ws, good, bad, 9, s.row - 1, lang);
	sheet_end(&s);

	/* Sheet 4: one line chart per objective over the data rows it plots */
	static const char *const trend_cols[] = {"期間", "Period", "本期實績", "Actual (period)",
		"累計", "Cumulative", "目標值", "Target"};
	lxw_worksheet *tw = NULL;
	const char *tname = !strcmp(lang, "en") ? "Trends" : "趨勢圖";
	sheet t;
	sheet_begin(&t, wb, &f, lang, "趨勢圖", "Trends", trend_cols, 4);
	tw = t.ws;
	int chart_row = 0;
	for (size_t i = 0; i < res->nobjectives; i++) {
		const isms_objective_result *r = &res->objectives[i];
		const isms_objective *o = r->objective;
		lxw_format *uf = num_format(wb, &fmts, o, o->cumulative == ISMS_CUM_RATIO ||
		                            o->cumulative == ISMS_CUM_MEAN ? r->ytd.dp : o->target_dp, lang);
		int first = t.row;
		sheet_str(&t, 0, o->id);
		t.row++;
		for (size_t p = 0; p < r->nperiods; p++, t.row++) {
			const isms_period_result *pr = &r->periods[p];
			char pb[16];
			sheet_str(&t, 0, isms_period_format(pr->period, pb, sizeof pb));
			/* a period without data stays empty: no point, no segment */
			if (pr->own.has_value)
				sheet_num(&t, 1, pr->own.value, uf);
			if (pr->own.has_value && pr->ytd.has_value)
				sheet_num(&t, 2, pr->ytd.value, uf);
			if (pr->ytd.status != ISMS_ST_NOT_DUE)
				sheet_num(&t, 3, pr->ytd.target, uf);
			else if (o->cumulative == ISMS_CUM_SUM && o->judge == ISMS_JUDGE_PRO_RATA)
				sheet_num(&t, 3, o->target * (double)(p + 1) / (double)r->nperiods, uf);
			else
				sheet_num(&t, 3, o->target, uf);
		}
		int last = t.row - 1;
		lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
		static const char *const sname_zh[] = {"本期實績", "年度累計", "累計目標"};
		static const char *const sname_en[] = {"Actual", "Cumulative", "Target"};
		for (int sidx = 0; sidx < 3; sidx++) {
			lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
			chart_series_set_categories(se, tname, (lxw_row_t)(first + 1), 0, (lxw_row_t)last, 0);
			chart_series_set_values(se, tname, (lxw_row_t)(first + 1), (lxw_col_t)(sidx + 1),
			                        (lxw_row_t)last, (lxw_col_t)(sidx + 1));
			chart_series_set_name(se, !strcmp(lang, "en") ? sname_en[sidx] : sname_zh[sidx]);
			chart_series_set_marker_type(se, sidx == 2 ? LXW_CHART_MARKER_NONE
			                                           : LXW_CHART_MARKER_AUTOMATIC);
		}
		chart_title_set_name(ch, sheet_text(!strcmp(lang, "en") ? "en" : "zh", o->title, b1, sizeof b1));
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
		lxw_chart_options co = {.x_offset = 10, .y_offset = 5, .x_scale = 1.1, .y_scale = 0.9};
		worksheet_insert_chart_opt(tw, (lxw_row_t)chart_row, 5, ch, &co);
		chart_row += 14 > (last - first + 2) ? 14 : last - first + 2;
		if (t.row < chart_row)
			t.row = chart_row;
	}
	worksheet_set_column(tw, 0, 3, 12, NULL);

	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, lxw_strerror(err));
		return -1;
	}
	return 0;
}
