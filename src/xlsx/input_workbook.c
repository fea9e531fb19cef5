/* The input workbook (xlsx layer): the organisation as sheets a secretary edits —
 * units, people, bodies and roles, documents and revisions, objectives, measurements
 * and review actions — with drop-down lists and locked ids; also the small
 * collection workbooks of `ismspack collect`.  Read back by load/import.c; both
 * follow the table in model/workbook.c. */
#include "xlsx.h"
#include "sheet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/buf.h"
#include "model/workbook.h"

/* Rows a drop-down list or a live id reference reaches: room for new rows. */
#define LIST_ROWS 2000

typedef struct wb_ctx {
	lxw_workbook *wb;
	const isms_org *org;
	const isms_wb_filter *filter;
	sheet_formats f;
	lxw_format *locked, *cell, *wrap, *date, *pct, *pct_int;
	lxw_worksheet *lists;
	int nlists;
} wb_ctx;

/* Columns of the hidden lists sheet, each a drop-down source. */
enum list_col {
	L_FREQUENCY, L_UNIT, L_COMPARATOR, L_CUMULATIVE, L_BODY_KIND, L_ROLE_KIND,
	L_DOC_KIND, L_PERIOD, L_REVIEW, L_PEOPLE, L_JUDGE, L_COUNT
};
static const char *const list_names[L_COUNT] = {
	"頻率 frequency", "量測單位 unit", "比較 comparator", "累計 cumulative",
	"組織類別 body kind", "角色 role", "文件類別 document kind", "期別 period",
	"審查會議 review", "人員 people", "判定 judge",
};
static int list_len[L_COUNT];

static void
list_fill(wb_ctx *c, enum list_col col, const char *const *names)
{
	int n = 0;
	for (; names[n]; n++)
		worksheet_write_string(c->lists, (lxw_row_t)(n + 1), (lxw_col_t)col, names[n], NULL);
}

/* The lists' lengths, known before the sheets that point at them are written. */
static void
list_lengths(const isms_org *org)
{
	const char *const *const named[] = {
		[L_FREQUENCY] = isms_frequency_names, [L_UNIT] = isms_measure_unit_names,
		[L_COMPARATOR] = isms_comparator_names, [L_CUMULATIVE] = isms_cumulative_names,
		[L_BODY_KIND] = isms_body_kind_names, [L_ROLE_KIND] = isms_role_kind_names,
		[L_DOC_KIND] = isms_doc_kind_names,
	};
	for (int l = 0; l < L_PERIOD; l++) {
		int n = 0;
		while (named[l][n])
			n++;
		list_len[l] = n;
	}
	list_len[L_PERIOD] = 16;
	list_len[L_REVIEW] = (int)org->nreviews;
	list_len[L_PEOPLE] = (int)org->npeople;
	list_len[L_JUDGE] = 2;
}

static void
lists_sheet(wb_ctx *c)
{
	c->lists = workbook_add_worksheet(c->wb, ISMS_WB_LISTS);
	for (int i = 0; i < L_COUNT; i++) {
		worksheet_write_string(c->lists, 0, (lxw_col_t)i, list_names[i], c->f.head);
		worksheet_set_column(c->lists, (lxw_col_t)i, (lxw_col_t)i, 24, NULL);
	}
	list_fill(c, L_FREQUENCY, isms_frequency_names);
	list_fill(c, L_UNIT, isms_measure_unit_names);
	list_fill(c, L_COMPARATOR, isms_comparator_names);
	list_fill(c, L_CUMULATIVE, isms_cumulative_names);
	list_fill(c, L_BODY_KIND, isms_body_kind_names);
	list_fill(c, L_ROLE_KIND, isms_role_kind_names);
	list_fill(c, L_DOC_KIND, isms_doc_kind_names);
	list_fill(c, L_JUDGE, isms_judge_names);
	int n = 0;
	char pb[16];
	for (int q = 1; q <= 4; q++)
		worksheet_write_string(c->lists, (lxw_row_t)++n, L_PERIOD,
		                       isms_period_format((isms_period){c->org->objectives_year, 'Q', q}, pb, sizeof pb), NULL);
	for (int m = 1; m <= 12; m++)
		worksheet_write_string(c->lists, (lxw_row_t)++n, L_PERIOD,
		                       isms_period_format((isms_period){c->org->objectives_year, 'M', m}, pb, sizeof pb), NULL);
	for (size_t i = 0; i < c->org->nreviews; i++)
		worksheet_write_string(c->lists, (lxw_row_t)(i + 1), L_REVIEW, c->org->reviews[i].id, NULL);
	for (size_t i = 0; i < c->org->npeople; i++) {
		/* id and name, so that a collection workbook's reporter can be told apart */
		char b[300];
		snprintf(b, sizeof b, "%s", c->org->people[i].id);
		worksheet_write_string(c->lists, (lxw_row_t)(i + 1), L_PEOPLE, b, NULL);
		worksheet_write_string(c->lists, (lxw_row_t)(i + 1), L_COUNT, c->org->people[i].name.zh, NULL);
	}
	worksheet_hide(c->lists);
}

/* A drop-down on column col of s from the formula (a range of the lists sheet or
 * the id column of another sheet). */
static void
dropdown(sheet *s, int col, const char *formula, const char *what)
{
	lxw_data_validation dv = {0};
	dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	dv.value_formula = (char *)formula;
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = (char *)"ismspack";
	char msg[200];
	snprintf(msg, sizeof msg, "請由清單選擇%s。Choose from the list.", what);
	dv.error_message = msg;
	worksheet_data_validation_range(s->ws, ISMS_WB_FIRST_ROW, (lxw_col_t)col,
	                                LIST_ROWS, (lxw_col_t)col, &dv);
}

static void
dropdown_list(wb_ctx *c, sheet *s, const char *key, enum isms_wb_sheet_id sid, enum list_col l)
{
	int col = isms_wb_col_index(sid, key);
	if (col < 0 || list_len[l] == 0)
		return;
	char f[96];
	snprintf(f, sizeof f, "='%s'!$%c$2:$%c$%d", ISMS_WB_LISTS, 'A' + l, 'A' + l, list_len[l] + 1);
	dropdown(s, col, f, isms_wb_sheets[sid].cols[col].zh);
	(void)c;
}

/* A reference column: the live id column of the sheet that defines the ids. */
static void
dropdown_ref(sheet *s, enum isms_wb_sheet_id sid, const char *key, enum isms_wb_sheet_id of)
{
	int col = isms_wb_col_index(sid, key);
	if (col < 0)
		return;
	char f[96];
	snprintf(f, sizeof f, "='%s'!$A$2:$A$%d", isms_wb_sheets[of].name, LIST_ROWS);
	dropdown(s, col, f, isms_wb_sheets[sid].cols[col].zh);
}

static void
begin(wb_ctx *c, sheet *s, enum isms_wb_sheet_id sid)
{
	const isms_wb_sheet *d = &isms_wb_sheets[sid];
	const char *heads[2 * SHEET_MAX_COLS];
	for (int i = 0; i < d->ncols && i < SHEET_MAX_COLS; i++) {
		heads[2 * i] = d->cols[i].zh;
		heads[2 * i + 1] = d->cols[i].en;
	}
	int n = d->ncols;
	if (c->filter && sid == ISMS_WB_MEASUREMENTS) /* the reviewer's columns stay home */
		n = isms_wb_col_index(sid, "date") + 1;
	sheet_begin(s, c->wb, &c->f, "bi", d->name, d->en, heads, n);
}

/* Columns unlocked (so new rows can be typed) with their widths; frozen headers, a
 * filter, and the sheet protected so that the locked id cells stay as they are. */
static void
end(wb_ctx *c, sheet *s, enum isms_wb_sheet_id sid)
{
	const isms_wb_sheet *d = &isms_wb_sheets[sid];
	worksheet_freeze_panes(s->ws, 1, 0);
	worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(s->row > 1 ? s->row - 1 : 1), (lxw_col_t)(s->ncols - 1));
	for (int i = 0; i < s->ncols; i++) {
		double w = s->width[i] > 60 ? 60 : s->width[i] < 8 ? 8 : s->width[i];
		lxw_format *f = d->cols[i].type == ISMS_WB_DATE ? c->date
		              : d->cols[i].type == ISMS_WB_LINES || w >= 60 ? c->wrap : c->cell;
		worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i, w, f);
	}
	lxw_protection p = {0};
	p.format_columns = 1;
	p.format_rows = 1;
	p.insert_rows = 1;
	p.delete_rows = 1;
	p.sort = 1;
	p.autofilter = 1;
	worksheet_protect(s->ws, NULL, &p);
}

static void
str(wb_ctx *c, sheet *s, const char *key, enum isms_wb_sheet_id sid, const char *v, int locked)
{
	int col = isms_wb_col_index(sid, key);
	if (col < 0 || !v)
		return;
	int multi = strchr(v, '\n') || sheet_text_width(v) > 60;
	sheet_str_fmt(s, col, v, locked ? c->locked : multi ? c->wrap : c->cell);
}

static void
text2(wb_ctx *c, sheet *s, const char *key, enum isms_wb_sheet_id sid, isms_text t)
{
	char k[64];
	str(c, s, key, sid, t.zh, 0);
	snprintf(k, sizeof k, "%s.en", key);
	str(c, s, k, sid, t.en, 0);
}

static void
lines2(wb_ctx *c, sheet *s, const char *key, enum isms_wb_sheet_id sid, isms_text_list l)
{
	isms_buf zh = {0}, en = {0};
	int any_en = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (i) {
			isms_buf_putc(&zh, '\n');
			isms_buf_putc(&en, '\n');
		}
		isms_buf_puts(&zh, l.v[i].zh);
		/* An item without English keeps its line, empty, so lines still pair up. */
		if (l.v[i].en) {
			isms_buf_puts(&en, l.v[i].en);
			any_en = 1;
		}
	}
	char k[64];
	if (zh.data)
		str(c, s, key, sid, zh.data, 0);
	snprintf(k, sizeof k, "%s.en", key);
	if (any_en)
		str(c, s, k, sid, en.data, 0);
	isms_buf_free(&zh);
	isms_buf_free(&en);
}

static void
num(wb_ctx *c, sheet *s, const char *key, enum isms_wb_sheet_id sid, double v, int percent)
{
	int col = isms_wb_col_index(sid, key);
	if (col < 0)
		return;
	if (percent)
		sheet_num(s, col, v / 100, v == floor(v) ? c->pct_int : c->pct);
	else
		sheet_num(s, col, v, c->cell);
}

static void
date(wb_ctx *c, sheet *s, const char *key, enum isms_wb_sheet_id sid, isms_date d)
{
	int col = isms_wb_col_index(sid, key);
	if (col < 0 || !d.y)
		return;
	/* Excel's serial day: 1899-12-30 is day 0, so 1970-01-01 is 25569. */
	sheet_num(s, col, (double)(isms_date_days(d) + 25569), c->date);
	if (s->width[col] < 12)
		s->width[col] = 12;
}

static const char *
pid(const isms_person *p)
{
	return p ? p->id : NULL;
}

static void
units_sheet(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_UNITS;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->nunits; i++, s.row++) {
		const isms_unit *u = &c->org->units[i];
		str(c, &s, "id", k, u->id, 1);
		str(c, &s, "parent", k, u->parent ? u->parent->id : NULL, 0);
		str(c, &s, "head", k, pid(u->head), 0);
		text2(c, &s, "name", k, u->name);
	}
	dropdown_ref(&s, k, "parent", ISMS_WB_UNITS);
	dropdown_ref(&s, k, "head", ISMS_WB_PEOPLE);
	end(c, &s, k);
}

static void
people_sheet(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_PEOPLE;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->npeople; i++, s.row++) {
		const isms_person *p = &c->org->people[i];
		str(c, &s, "id", k, p->id, 1);
		str(c, &s, "unit", k, p->unit->id, 0);
		text2(c, &s, "name", k, p->name);
		text2(c, &s, "title", k, p->job_title);
		date(c, &s, "left", k, p->left);
	}
	dropdown_ref(&s, k, "unit", ISMS_WB_UNITS);
	end(c, &s, k);
}

static void
bodies_sheets(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_BODIES;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->nbodies; i++, s.row++) {
		const isms_body *b = &c->org->bodies[i];
		str(c, &s, "id", k, b->id, 1);
		str(c, &s, "kind", k, isms_body_kind_name(b->kind), 0);
		str(c, &s, "parent", k, b->parent ? b->parent->id : NULL, 0);
		text2(c, &s, "name", k, b->name);
		text2(c, &s, "abbr", k, b->abbreviation);
		lines2(c, &s, "duties", k, b->duties);
	}
	dropdown_list(c, &s, "kind", k, L_BODY_KIND);
	dropdown_ref(&s, k, "parent", ISMS_WB_BODIES);
	end(c, &s, k);

	k = ISMS_WB_ROLES;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->nbodies; i++) {
		const isms_body *b = &c->org->bodies[i];
		for (size_t j = 0; j < b->nroles; j++, s.row++) {
			const isms_role *r = &b->roles[j];
			str(c, &s, "body", k, b->id, 0);
			str(c, &s, "kind", k, isms_role_kind_name(r->kind), 0);
			str(c, &s, "person", k, r->person->id, 0);
			text2(c, &s, "title", k, r->title);
			lines2(c, &s, "duties", k, r->duties);
			text2(c, &s, "dutyHeading", k, r->duty_heading);
		}
	}
	dropdown_ref(&s, k, "body", ISMS_WB_BODIES);
	dropdown_list(c, &s, "kind", k, L_ROLE_KIND);
	dropdown_ref(&s, k, "person", ISMS_WB_PEOPLE);
	end(c, &s, k);
}

static void
documents_sheets(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_DOCUMENTS;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->ndocuments; i++, s.row++) {
		const isms_document *d = &c->org->documents[i];
		str(c, &s, "id", k, d->id, 1);
		str(c, &s, "kind", k, isms_doc_kind_name(d->kind), 0);
		str(c, &s, "number", k, d->number, 0);
		num(c, &s, "tier", k, d->tier, 0);
		str(c, &s, "version", k, d->version, 0);
		date(c, &s, "issued", k, d->issued);
		str(c, &s, "unit", k, d->issuing_unit->id, 0);
		str(c, &s, "author", k, pid(d->author), 0);
		str(c, &s, "reviewer", k, pid(d->reviewer), 0);
		str(c, &s, "approver", k, pid(d->approver), 0);
		text2(c, &s, "title", k, d->title);
		text2(c, &s, "class", k, d->classification);
		str(c, &s, "drafter", k, d->drafter ? d->drafter->id : NULL, 0);
	}
	dropdown_list(c, &s, "kind", k, L_DOC_KIND);
	dropdown_ref(&s, k, "unit", ISMS_WB_UNITS);
	dropdown_ref(&s, k, "author", ISMS_WB_PEOPLE);
	dropdown_ref(&s, k, "reviewer", ISMS_WB_PEOPLE);
	dropdown_ref(&s, k, "approver", ISMS_WB_PEOPLE);
	dropdown_ref(&s, k, "drafter", ISMS_WB_BODIES);
	end(c, &s, k);

	k = ISMS_WB_REVISIONS;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->ndocuments; i++) {
		const isms_document *d = &c->org->documents[i];
		for (size_t j = 0; j < d->nrevisions; j++, s.row++) {
			const isms_revision *r = &d->revisions[j];
			str(c, &s, "document", k, d->id, 0);
			str(c, &s, "version", k, r->version, 0);
			date(c, &s, "date", k, r->date);
			str(c, &s, "author", k, pid(r->author), 0);
			text2(c, &s, "text", k, r->description);
		}
	}
	dropdown_ref(&s, k, "document", ISMS_WB_DOCUMENTS);
	dropdown_ref(&s, k, "author", ISMS_WB_PEOPLE);
	end(c, &s, k);
}

static void
objectives_sheet(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_OBJECTIVES;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->nobjectives; i++, s.row++) {
		const isms_objective *o = &c->org->objectives[i];
		int pc = o->unit == ISMS_UNIT_PERCENT;
		str(c, &s, "id", k, o->id, 1);
		str(c, &s, "frequency", k, isms_frequency_name(o->frequency), 0);
		str(c, &s, "unit", k, isms_measure_unit_name(o->unit), 0);
		str(c, &s, "comparator", k, isms_comparator_name(o->comparator), 0);
		num(c, &s, "target", k, o->target, pc);
		if (o->has_last_year)
			num(c, &s, "lastYear", k, o->last_year, pc);
		str(c, &s, "cumulative", k, isms_cumulative_name(o->cumulative), 0);
		str(c, &s, "ownerUnit", k, o->owner_unit->id, 0);
		str(c, &s, "owner", k, pid(o->owner), 0);
		text2(c, &s, "title", k, o->title);
		text2(c, &s, "kpi", k, o->kpi);
		text2(c, &s, "method", k, o->method);
		text2(c, &s, "resources", k, o->resources);
		lines2(c, &s, "actions", k, o->actions);
		text2(c, &s, "source", k, o->data_source);
		if (o->judge != ISMS_JUDGE_PRO_RATA)
			str(c, &s, "judge", k, isms_judge_name(o->judge), 0);
		text2(c, &s, "counter", k, o->counter);
		isms_buf b = {0};
		for (size_t j = 1; j < o->nunits; j++)
			isms_buf_printf(&b, "%s%s", j > 1 ? "\n" : "", o->units[j]->id);
		str(c, &s, "alsoUnits", k, b.data, 0);
		isms_buf_clear(&b);
		for (size_t j = 0; j < o->nmilestones; j++) {
			char pb[16];
			isms_buf_printf(&b, "%s%s %.15g", j ? "\n" : "",
			                isms_period_format(o->milestones[j].period, pb, sizeof pb),
			                o->milestones[j].target);
		}
		str(c, &s, "milestones", k, b.data, 0);
		isms_buf_free(&b);
	}
	dropdown_list(c, &s, "frequency", k, L_FREQUENCY);
	dropdown_list(c, &s, "unit", k, L_UNIT);
	dropdown_list(c, &s, "comparator", k, L_COMPARATOR);
	dropdown_list(c, &s, "cumulative", k, L_CUMULATIVE);
	dropdown_list(c, &s, "judge", k, L_JUDGE);
	dropdown_ref(&s, k, "ownerUnit", ISMS_WB_UNITS);
	dropdown_ref(&s, k, "owner", ISMS_WB_PEOPLE);
	end(c, &s, k);
}

/* Who reports an objective: the reporter of its latest measurement, else its owner. */
const isms_person *
isms_wb_reporter(const isms_objective *o)
{
	return o->nmeasurements ? o->measurements[o->nmeasurements - 1].reporter : o->owner;
}

/* Whether the collection filter keeps this objective. */
static int
keeps(const wb_ctx *c, const isms_objective *o)
{
	const isms_wb_filter *f = c->filter;
	if (!f)
		return 1;
	if (f->unit && o->owner_unit != f->unit)
		return 0;
	if (f->reporter && isms_wb_reporter(o) != f->reporter)
		return 0;
	return 1;
}

static void
measurement_row(wb_ctx *c, sheet *s, const isms_objective *o, isms_period p)
{
	enum isms_wb_sheet_id k = ISMS_WB_MEASUREMENTS;
	const isms_measurement *m = NULL;
	for (size_t j = 0; j < o->nmeasurements; j++)
		if (!isms_period_cmp(o->measurements[j].period, p))
			m = &o->measurements[j];
	char pb[16];
	str(c, s, "objective", k, o->id, 1);
	str(c, s, "title", k, o->title.zh, 1);
	str(c, s, "period", k, isms_period_format(p, pb, sizeof pb), 1);
	if (m) {
		if (m->has_value)
			num(c, s, "value", k, m->value, o->unit == ISMS_UNIT_PERCENT);
		if (m->has_ratio) {
			num(c, s, "numerator", k, m->numerator, 0);
			num(c, s, "denominator", k, m->denominator, 0);
		}
		text2(c, s, "variance", k, m->variance);
		str(c, s, "reporter", k, pid(m->reporter), 0);
		date(c, s, "date", k, m->date);
		if (!c->filter) {
			str(c, s, "reviewer", k, pid(m->reviewer), 0);
			text2(c, s, "comment", k, m->comment);
		}
	}
	s->row++;
}

static void
measurements_sheet(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_MEASUREMENTS;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->nobjectives; i++) {
		const isms_objective *o = &c->org->objectives[i];
		if (!keeps(c, o))
			continue;
		int n = o->frequency == ISMS_FREQ_MONTHLY ? 12 : 4;
		for (int j = 1; j <= n; j++) {
			isms_period p = {c->org->objectives_year, o->frequency == ISMS_FREQ_MONTHLY ? 'M' : 'Q', j};
			if (c->filter && c->filter->has_period) {
				isms_period want = c->filter->period;
				/* a quarter collects a monthly objective's three months */
				int in = want.kind == p.kind ? !isms_period_cmp(want, p)
				       : want.kind == 'Q' && p.kind == 'M' && want.year == p.year &&
				         (p.index - 1) / 3 + 1 == want.index;
				if (!in)
					continue;
			}
			measurement_row(c, &s, o, p);
		}
	}
	if (!c->filter) {
		dropdown_ref(&s, k, "reporter", ISMS_WB_PEOPLE);
		dropdown_ref(&s, k, "reviewer", ISMS_WB_PEOPLE);
	} else {
		dropdown_list(c, &s, "reporter", k, L_PEOPLE);
	}
	end(c, &s, k);
}

static void
actions_sheet(wb_ctx *c)
{
	sheet s;
	enum isms_wb_sheet_id k = ISMS_WB_ACTIONS;
	begin(c, &s, k);
	for (size_t i = 0; i < c->org->nreviews; i++) {
		const isms_review *r = &c->org->reviews[i];
		for (size_t j = 0; j < r->nactions; j++, s.row++) {
			const isms_action *a = &r->actions[j];
			str(c, &s, "review", k, r->id, 1);
			str(c, &s, "id", k, a->id, 1);
			str(c, &s, "owner", k, pid(a->owner), 0);
			date(c, &s, "due", k, a->due);
			str(c, &s, "objective", k, a->objective ? a->objective->id : NULL, 0);
			text2(c, &s, "text", k, a->text);
		}
	}
	dropdown_list(c, &s, "review", k, L_REVIEW);
	dropdown_ref(&s, k, "owner", ISMS_WB_PEOPLE);
	dropdown_ref(&s, k, "objective", ISMS_WB_OBJECTIVES);
	end(c, &s, k);
}

static const char *const instructions_full[] = {
	"ismspack 輸入活頁簿", "ismspack input workbook",
	"本活頁簿由 ismspack workbook 產生；修改後以 ismspack import 匯回組織的 XML 檔。",
	"Written by `ismspack workbook`; after editing, `ismspack import` writes it back into the organisation's XML.",
	"灰底的代號已鎖定：既有資料列的代號不可修改；新增資料請在表格下方空白列填寫。",
	"Grey ids are locked: existing rows keep their ids; add new rows below the last one.",
	"下拉清單提供代號、類別、單位、比較方式及期別；請由清單選擇。",
	"Drop-down lists offer ids, kinds, units, comparators and periods; pick from them.",
	"百分比：輸入 95 或 95%（95% 格式的儲存格存的是 0.95，亦讀為 95）；未加 % 的 0 到 1 之間小數無法判斷，會被拒絕。",
	"Percentages: type 95 or 95% (a cell shown as 95% holds 0.95 and reads as 95); a bare number between 0 and 1 is ambiguous and refused.",
	"日期：可輸入日期、2025-04-07、114/04/07、114.4.7 或 民國114年4月7日；全形數字與前後空白會自動處理。",
	"Dates: a date cell, 2025-04-07, 114/04/07, 114.4.7 or 民國114年4月7日; full-width digits and surrounding spaces are accepted.",
	"量測紀錄：每一目標每一期一列；填實績，或填分子與分母（比率型目標），並填報告人與日期。空白列表示尚無資料。",
	"Measurements: one row per objective and period; give the actual, or numerator and denominator (ratio objectives), with reporter and date. A blank row means no data yet.",
	"清單（每行一項）：同一儲存格內每行一項；英文欄逐行對應。",
	"Lists (one a line): one item per line in the cell; the English column pairs up line by line.",
	"匯入時所有錯誤一次列出，例如 input.xlsx:量測紀錄!D7: error: …；有任何錯誤時不會寫入任何檔案。",
	"Import lists every fault at once (input.xlsx:量測紀錄!D7: error: …) and writes nothing while any remains.",
	NULL,
};
static const char *const instructions_collect[] = {
	"資通安全目標量測填報", "Objective measurements to report",
	"請填寫本期各目標之實績（或分子、分母）、差異說明、報告人及日期，存檔後寄回資安承辦人。",
	"Fill in each objective's actual (or numerator and denominator), the explanation of any variance, the reporter and the date; save and send the file back to the ISMS officer.",
	"灰底欄位（目標、期別）請勿修改。百分比輸入 95 或 95%；日期可輸入 114/04/07。",
	"Leave the grey columns (objective, period) as they are. Percentages: 95 or 95%; dates like 114/04/07 are accepted.",
	NULL,
};

static void
instructions(wb_ctx *c)
{
	lxw_worksheet *ws = workbook_add_worksheet(c->wb, ISMS_WB_INSTRUCTIONS);
	const char *const *t = c->filter ? instructions_collect : instructions_full;
	worksheet_set_column(ws, 0, 0, 110, c->f.wrap);
	int row = 0;
	char title[300];
	snprintf(title, sizeof title, "%s — %s", c->org->name.zh, t[0]);
	worksheet_write_string(ws, (lxw_row_t)row++, 0, title, c->f.head);
	worksheet_write_string(ws, (lxw_row_t)row++, 0, t[1], c->f.head);
	for (int i = 2; t[i]; i += 2, row++) {
		char b[600];
		snprintf(b, sizeof b, "%s\n%s", t[i], t[i + 1]);
		worksheet_write_string(ws, (lxw_row_t)row, 0, b, c->f.wrap);
		worksheet_set_row(ws, (lxw_row_t)row, 36, NULL);
	}
	if (!c->filter) {
		row++;
		worksheet_write_string(ws, (lxw_row_t)row++, 0, "工作表 Sheets", c->f.head);
		for (int i = 0; i < ISMS_WB_SHEET_COUNT; i++) {
			char b[200];
			snprintf(b, sizeof b, "%s — %s", isms_wb_sheets[i].name, isms_wb_sheets[i].en);
			worksheet_write_string(ws, (lxw_row_t)row++, 0, b, NULL);
		}
	}
}

int
isms_xlsx_input_workbook(const isms_org *org, const isms_wb_filter *filter, time_t created,
                         const char *path)
{
	lxw_workbook_options wo = {0};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb) {
		isms_diag(ISMS_ERROR, NULL, "cannot create %s", path);
		return -1;
	}
	char title[256];
	snprintf(title, sizeof title, "%s %s", org->name.zh,
	         filter ? "資通安全目標量測填報" : "ISMS 輸入活頁簿");
	lxw_doc_properties props = {0};
	props.title = title;
	props.author = (char *)"ismspack";
	props.company = (char *)org->name.zh;
	props.created = created;
	workbook_set_properties(wb, &props);

	wb_ctx c = {0};
	c.wb = wb;
	c.org = org;
	c.filter = filter;
	sheet_formats_init(&c.f, wb);
	c.cell = workbook_add_format(wb);
	format_set_unlocked(c.cell);
	format_set_align(c.cell, LXW_ALIGN_VERTICAL_TOP);
	c.wrap = workbook_add_format(wb);
	format_set_unlocked(c.wrap);
	format_set_text_wrap(c.wrap);
	format_set_align(c.wrap, LXW_ALIGN_VERTICAL_TOP);
	c.locked = workbook_add_format(wb);
	format_set_bg_color(c.locked, 0xE7E6E6);
	format_set_align(c.locked, LXW_ALIGN_VERTICAL_TOP);
	c.date = workbook_add_format(wb);
	format_set_unlocked(c.date);
	format_set_num_format(c.date, "yyyy-mm-dd");
	format_set_align(c.date, LXW_ALIGN_VERTICAL_TOP);
	c.pct = workbook_add_format(wb);
	format_set_unlocked(c.pct);
	format_set_num_format(c.pct, "0.0##%");
	format_set_align(c.pct, LXW_ALIGN_VERTICAL_TOP);
	c.pct_int = workbook_add_format(wb);
	format_set_unlocked(c.pct_int);
	format_set_num_format(c.pct_int, "0%");
	format_set_align(c.pct_int, LXW_ALIGN_VERTICAL_TOP);

	list_lengths(org);
	instructions(&c);
	if (!filter) {
		units_sheet(&c);
		people_sheet(&c);
		bodies_sheets(&c);
		documents_sheets(&c);
		objectives_sheet(&c);
		measurements_sheet(&c);
		actions_sheet(&c);
	} else {
		measurements_sheet(&c);
	}
	lists_sheet(&c);

	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, lxw_strerror(err));
		return -1;
	}
	return 0;
}
