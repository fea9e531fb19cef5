/* Input workbooks → the organisation's XML (load layer): read each workbook's sheets
 * (load/xlsx_read.c), normalise what people type, check every cell, write the
 * sections a workbook carries into the XML tree in place of the old ones, carrying
 * over every field the workbook has no column for (or merge collected
 * measurements), validate the result with the loader, and only then replace the
 * files.
 *
 * What is accepted, in one place (README "Data entry in a workbook" says the same):
 *   - surrounding spaces (also U+3000 and no-break spaces) are dropped from every cell;
 *   - in ids, kinds, numbers, dates and periods, full-width characters count as their
 *     ASCII forms (９５ → 95, ｐ－ｃｈｅｎ → p-chen);
 *   - kinds in any letter case; comparators also as ≥ > ≤ < = (full-width too);
 *   - numbers as number cells or text, with thousands commas (1,234);
 *   - percentages: 95, "95%", or a cell shown as a percentage (it holds 0.95) all
 *     mean 95 %; a bare number strictly between 0 and 1 for a percent objective is
 *     ambiguous (0.95 % or 95 %?) and an error; a % on a count, hours or days is an
 *     error;
 *   - dates as date cells, or text 2025-04-07, 2025/4/7, 2025.4.7, 2025年4月7日, ROC
 *     114/04/07, 114.4.7, 114-4-7, 114年4月7日, 民國114年4月7日, 中華民國114年4月7日
 *     (a three-digit year, or one written after 民國, is ROC; a four-digit one
 *     Gregorian); a plain number in a date column is an error;
 *   - periods 2025Q1 (q in either case), 2025-01 or 2025-1.
 * The XML follows the first rule for numbers, dates, periods and times: full-width
 * forms there read as ASCII (load/explain.c isms_explain_fold, before validation).
 * Anything else is an error naming the cell and saying what to type. */
#define _GNU_SOURCE
#include "import.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "load.h"
#include "model/workbook.h"
#include "xlsx_read.h"
#include "xmltree.h"

#define MAXC 32
#define NS "urn:ismspack:isms:1.0"

/* One data row of a sheet: each column's normalised value (NULL when empty). */
typedef struct wrow {
	int r;                 /* 0-based row in the sheet */
	const char *v[MAXC];
	double num[MAXC];      /* NUMBER/INT columns */
	int pct[MAXC];         /* the number was marked as a percentage */
	int bad;               /* some cell of the row was refused */
	struct { const char *period, *target; } *milestones; /* objectives: parsed 階段目標 */
	size_t nmilestones;
} wrow;

typedef struct wtable {
	const isms_xlsx_sheet *sh;
	const char *book;
	int col[MAXC];         /* sheet column of each table column, -1 when absent */
	wrow *rows;
	size_t n;
	int broken;            /* a required column is missing: no row checks */
} wtable;

typedef struct wbook {
	const char *path;
	isms_xlsx *x;
	wtable t[ISMS_WB_SHEET_COUNT];
	int full;              /* carries sections (not only measurements) */
} wbook;

/* One XML file of the organisation, raw (XInclude markers kept). */
typedef struct xfile {
	char *path;            /* as the loader names it */
	xmlDoc *doc;
	int dirty;
	xmlChar *out;          /* serialised new contents */
	int outlen;
} xfile;

/* Lines of generated XML and the cells they came from. */
enum anchor { A_SECTION, A_ACTIONS, A_MEASUREMENT };
typedef struct chunk {
	int file;
	enum anchor kind;
	const char *a, *b;
	int *offs;             /* line offset within the chunk where a row starts */
	const char **locs;     /* that row's place, "book:sheet!7:7"; NULL after a row */
	size_t n, cap;
	long line;             /* the chunk's first line in the written file */
} chunk;

typedef struct imp {
	isms_arena *arena;
	isms_org *org;
	wbook *books;
	int nbooks;
	int replace;
	xfile *files;
	size_t nfiles;
	chunk *chunks;
	size_t nchunks;
	/* the gen buffer and its chunk */
	isms_buf g;
	chunk *cur;
	const char *tmpdir;
	char *realdir;
	const char **tmpnames; /* per org->files[i]: its name inside tmpdir */
	xmlNode *old;          /* the section being replaced, while its successor is made */
	wbook *book;           /* the workbook being applied: which columns it carries */
} imp;

/* ---------- messages ---------- */

static const isms_loc *
whole(const char *path)
{
	static _Thread_local isms_loc loc;
	loc.file = path;
	loc.line = loc.col = 0;
	return &loc;
}

static const char *
cell_name(imp *m, const wtable *t, int r, int col)
{
	char cn[8];
	if (col < 0)
		return isms_arena_printf(m->arena, "%s:%s!%d:%d", t->book, t->sh->name, r + 1, r + 1);
	return isms_arena_printf(m->arena, "%s:%s!%s%d", t->book, t->sh->name,
	                         isms_xlsx_col_name(col, cn), r + 1);
}

static void __attribute__((format(printf, 5, 6)))
cell_diag(imp *m, enum isms_level lv, const wtable *t, const char *place, const char *fmt, ...)
{
	(void)t;
	isms_loc loc = {place, 0, 0};
	va_list ap;
	va_start(ap, fmt);
	isms_diag_v(lv, &loc, fmt, ap);
	va_end(ap);
	(void)m;
}

#define CELL_ERR(m, t, row, c, ...) \
	cell_diag((m), ISMS_ERROR, (t), cell_name((m), (t), (row)->r, (t)->col[c]), __VA_ARGS__)

/* ---------- normalising ---------- */

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0;
}

/* s without surrounding spaces, CR LF as LF; fold: full-width ASCII as ASCII.
 * NULL when nothing is left. */
static const char *
clean(imp *m, const char *s, int fold)
{
	if (!s)
		return NULL;
	isms_buf b = {0};
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		if (!k) {
			k = 1;
			cp = 0xFFFD;
		}
		if (cp == '\r' && s[i + k] == '\n') {
			i += k;
			continue;
		}
		if (fold && cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (fold && cp == 0x3000)
			cp = ' ';
		char enc[4];
		isms_buf_append(&b, enc, isms_utf8_encode(cp, enc));
		i += k;
	}
	if (!b.data)
		return NULL;
	/* trim */
	char *p = b.data, *e = b.data + b.len;
	for (;;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(p, (size_t)(e - p), &cp);
		if (!k || !is_space_cp(cp))
			break;
		p += k;
	}
	while (e > p) {
		char *q = e - 1;
		while (q > p && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		uint32_t cp;
		isms_utf8_decode(q, (size_t)(e - q), &cp);
		if (!is_space_cp(cp))
			break;
		e = q;
	}
	const char *r = e > p ? isms_arena_strndup(m->arena, p, (size_t)(e - p)) : NULL;
	isms_buf_free(&b);
	return r;
}

/* A number for the XML: at most 15 significant digits, never an exponent. */
static const char *
fmt_num(imp *m, double v)
{
	char b[64];
	if (v == 0)
		v = 0; /* -0 */
	snprintf(b, sizeof b, "%.15g", v);
	if (strchr(b, 'e')) {
		snprintf(b, sizeof b, "%.6f", v);
		char *z = b + strlen(b) - 1;
		while (*z == '0')
			*z-- = 0;
		if (*z == '.')
			*z = 0;
	}
	return isms_arena_strdup(m->arena, b);
}

/* Text → number: digits with an optional sign, decimal point, thousands commas and
 * a trailing %.  0 ok. */
static int
parse_number(const char *s, double *out, int *pct)
{
	char b[128];
	size_t n = 0;
	const char *p = s;
	*pct = 0;
	if (*p == '+' || *p == '-')
		b[n++] = *p++;
	int digits = 0, group = -1, point = 0;
	for (; *p && n < sizeof b - 2; p++) {
		if (*p >= '0' && *p <= '9') {
			b[n++] = *p;
			digits++;
			if (group >= 0 && !point)
				group++;
		} else if (*p == ',' && !point && digits) {
			if (group >= 0 && group != 3)
				return -1;
			group = 0;
		} else if (*p == '.' && !point) {
			if (group >= 0 && group != 3)
				return -1;
			point = 1;
			b[n++] = '.';
		} else {
			break;
		}
	}
	if (group >= 0 && !point && group != 3)
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '%') {
		*pct = 1;
		p++;
	}
	if (*p || !digits)
		return -1;
	b[n] = 0;
	*out = strtod(b, NULL);
	return 0;
}

/* Text → date by the rules at the top of this file.  0 ok. */
static int
parse_date(const char *s, isms_date *out)
{
	const char *p = s;
	int roc = 0;
	if (!strncmp(p, "中華民國", strlen("中華民國"))) {
		p += strlen("中華民國");
		roc = 1;
	} else if (!strncmp(p, "民國", strlen("民國"))) {
		p += strlen("民國");
		roc = 1;
	}
	long v[3];
	int ydigits = 0;
	for (int i = 0; i < 3; i++) {
		while (*p == ' ')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return -1;
		char *end;
		v[i] = strtol(p, &end, 10);
		if (i == 0)
			ydigits = (int)(end - p);
		if (end - p > 4)
			return -1;
		p = end;
		while (*p == ' ')
			p++;
		static const char *const cjk[] = {"年", "月", "日"};
		if (!strncmp(p, cjk[i], strlen(cjk[i])))
			p += strlen(cjk[i]);
		else if (i < 2 && (*p == '-' || *p == '/' || *p == '.'))
			p++;
		else if (i < 2)
			return -1;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	int y = (int)v[0];
	if (roc || ydigits <= 3)
		y += 1911;
	else if (ydigits != 4)
		return -1;
	if (!isms_date_valid(y, (int)v[1], (int)v[2]))
		return -2;
	*out = (isms_date){y, (int)v[1], (int)v[2]};
	return 0;
}

static int
id_ok(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	size_t n = 0;
	for (const char *p = s; *p; p++, n++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return n <= 64;
}

static const char *const *
enum_names(enum isms_wb_sheet_id s, const char *key)
{
	if (!strcmp(key, "frequency"))
		return isms_frequency_names;
	if (!strcmp(key, "unit") && s == ISMS_WB_OBJECTIVES)
		return isms_measure_unit_names;
	if (!strcmp(key, "comparator"))
		return isms_comparator_names;
	if (!strcmp(key, "cumulative"))
		return isms_cumulative_names;
	if (!strcmp(key, "judge"))
		return isms_judge_names;
	if (!strcmp(key, "kind") && s == ISMS_WB_BODIES)
		return isms_body_kind_names;
	if (!strcmp(key, "kind") && s == ISMS_WB_ROLES)
		return isms_role_kind_names;
	if (!strcmp(key, "kind") && s == ISMS_WB_DOCUMENTS)
		return isms_doc_kind_names;
	return NULL;
}

static const char *
enum_value(const char *const *names, const char *s)
{
	static const struct { const char *sym, *name; } syms[] = {
		{"≥", "ge"}, {">=", "ge"}, {">", "gt"}, {"＞", "gt"}, {"≤", "le"}, {"<=", "le"},
		{"<", "lt"}, {"＜", "lt"}, {"=", "eq"}, {"＝", "eq"}, {"≧", "ge"}, {"≦", "le"},
	};
	if (names == isms_comparator_names)
		for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
			if (!strcmp(s, syms[i].sym))
				return syms[i].name;
	for (int i = 0; names[i]; i++)
		if (!strcasecmp(s, names[i]))
			return names[i];
	return NULL;
}

static const char *
choices(imp *m, const char *const *names)
{
	isms_buf b = {0};
	for (int i = 0; names[i]; i++)
		isms_buf_printf(&b, "%s%s", i ? (names[i + 1] ? ", " : " or ") : "", names[i]);
	const char *r = isms_arena_strdup(m->arena, b.data);
	isms_buf_free(&b);
	return r;
}

/* A cell as text for messages: its text, or its number. */
static const char *
shown(imp *m, const isms_cell *c)
{
	if (c->kind == ISMS_CELL_NUMBER || c->kind == ISMS_CELL_BOOL)
		return fmt_num(m, c->num);
	return c->text ? c->text : "";
}

/* Normalise one cell into row->v[c] (and num/pct); report what cannot be read. */
static void
read_cell(imp *m, wtable *t, enum isms_wb_sheet_id sid, wrow *row, int c)
{
	const isms_wb_col *col = &isms_wb_sheets[sid].cols[c];
	const isms_cell *cell = isms_xlsx_cell(t->sh, row->r, t->col[c]);
	const char *head = col->zh;
	if (col->type == ISMS_WB_INFO || cell->kind == ISMS_CELL_EMPTY)
		return;
	if (cell->kind == ISMS_CELL_ERROR) {
		CELL_ERR(m, t, row, c, "%s shows the error %s; type the value itself", head, cell->text);
		row->bad = 1;
		return;
	}
	if (cell->kind == ISMS_CELL_BOOL) {
		CELL_ERR(m, t, row, c, "%s holds TRUE/FALSE; type the value itself", head);
		row->bad = 1;
		return;
	}
	int number = cell->kind == ISMS_CELL_NUMBER;
	const char *text = number ? NULL : clean(m, cell->text, col->type != ISMS_WB_TEXT &&
	                                                     col->type != ISMS_WB_LINES);
	if (!number && !text)
		return;
	switch (col->type) {
	case ISMS_WB_TEXT:
	case ISMS_WB_LINES:
		row->v[c] = number ? fmt_num(m, cell->num) : text;
		return;
	case ISMS_WB_ID: {
		const char *v = number ? fmt_num(m, cell->num) : text;
		if (!id_ok(v)) {
			CELL_ERR(m, t, row, c, "%s \"%s\" is not an id; an id starts with a letter "
			         "followed by letters, digits, '.', '_' or '-' (at most 64)", head, v);
			row->bad = 1;
			return;
		}
		row->v[c] = v;
		return;
	}
	case ISMS_WB_ENUM: {
		const char *const *names = enum_names(sid, col->key);
		const char *v = number ? fmt_num(m, cell->num) : enum_value(names, text);
		if (!v || number) {
			CELL_ERR(m, t, row, c, "%s \"%s\" is not one of %s; choose one from the list",
			         head, number ? v : text, choices(m, names));
			row->bad = 1;
			return;
		}
		row->v[c] = v;
		return;
	}
	case ISMS_WB_NUMBER:
	case ISMS_WB_INT: {
		double v;
		int pct = 0;
		if (number) {
			v = cell->num;
			if (cell->is_percent) {
				v *= 100;
				pct = 1;
			}
			if (cell->is_date) {
				CELL_ERR(m, t, row, c, "%s is shown as a date; type a number (change the "
				         "cell's format to General)", head);
				row->bad = 1;
				return;
			}
		} else if (parse_number(text, &v, &pct) < 0) {
			CELL_ERR(m, t, row, c, "%s \"%s\" is not a number; type %s", head, text,
			         col->type == ISMS_WB_INT ? "a whole number such as 2"
			         : !strcmp(col->key, "value") || !strcmp(col->key, "target") ||
			           !strcmp(col->key, "lastYear") ? "95 or 95%" : "a number such as 42");
			row->bad = 1;
			return;
		} else if (pct) {
			/* "95%" is 95 percentage points */
		}
		if (!isfinite(v) || fabs(v) >= 1e15) {
			CELL_ERR(m, t, row, c, "%s %s is out of range; type an ordinary number", head,
			         shown(m, cell));
			row->bad = 1;
			return;
		}
		/* 15 significant digits: what the XML keeps (and undoes 0.95 × 100 drift) */
		v = strtod(fmt_num(m, v), NULL);
		if (col->type == ISMS_WB_INT && (v != floor(v) || pct)) {
			CELL_ERR(m, t, row, c, "%s %s is not a whole number; type a whole number such "
			         "as 2", head, number ? fmt_num(m, v) : text);
			row->bad = 1;
			return;
		}
		row->num[c] = v;
		row->pct[c] = pct;
		row->v[c] = fmt_num(m, v);
		return;
	}
	case ISMS_WB_DATE: {
		isms_date d;
		if (number && cell->is_date) {
			/* Excel's serial day: 1899-12-30 is day 0 */
			long days = (long)floor(cell->num) - 25569;
			long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
			long doe = z - era * 146097;
			long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
			long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
			long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1;
			long mm = mp < 10 ? mp + 3 : mp - 9;
			d = (isms_date){(int)(y + (mm <= 2)), (int)mm, (int)dd};
		} else if (number) {
			CELL_ERR(m, t, row, c, "%s %s is a number, not a date; type 2025-04-07 or "
			         "114/04/07", head, fmt_num(m, cell->num));
			row->bad = 1;
			return;
		} else {
			int rc = parse_date(text, &d);
			if (rc == -2) {
				CELL_ERR(m, t, row, c, "%s \"%s\" is not a day of the calendar; check "
				         "the month and the day", head, text);
				row->bad = 1;
				return;
			}
			if (rc < 0) {
				CELL_ERR(m, t, row, c, "%s \"%s\" is not a date; type 2025-04-07, "
				         "114/04/07 or 民國114年4月7日", head, text);
				row->bad = 1;
				return;
			}
		}
		if (d.y < 1912 || d.y > 2200) {
			CELL_ERR(m, t, row, c, "%s %04d-%02d-%02d is outside 1912–2200; check the year "
			         "(ROC years are written 114, not 14)", head, d.y, d.m, d.d);
			row->bad = 1;
			return;
		}
		char b[48];
		row->v[c] = isms_arena_strdup(m->arena, isms_date_iso(d, b, sizeof b));
		return;
	}
	case ISMS_WB_PERIOD: {
		const char *v = number ? fmt_num(m, cell->num) : text;
		char b[32];
		int y, k;
		char tail;
		isms_period p;
		if (sscanf(v, "%4d%*[Qq]%d%c", &y, &k, &tail) == 2 && k >= 1 && k <= 4)
			snprintf(b, sizeof b, "%04dQ%d", y, k);
		else if (sscanf(v, "%4d-%d%c", &y, &k, &tail) == 2 && k >= 1 && k <= 12)
			snprintf(b, sizeof b, "%04d-%02d", y, k);
		else
			b[0] = 0;
		if (!b[0] || isms_period_parse(b, &p) < 0) {
			CELL_ERR(m, t, row, c, "%s \"%s\" is not a period; type a quarter such as "
			         "2025Q1 or a month such as 2025-01", head, v);
			row->bad = 1;
			return;
		}
		row->v[c] = isms_arena_strdup(m->arena, b);
		return;
	}
	case ISMS_WB_INFO:
		return;
	}
}

/* ---------- reading the workbooks ---------- */

static void
read_table(imp *m, wbook *b, enum isms_wb_sheet_id sid)
{
	wtable *t = &b->t[sid];
	const isms_wb_sheet *d = &isms_wb_sheets[sid];
	t->sh = isms_xlsx_sheet_named(b->x, d->name);
	t->book = b->path;
	if (!t->sh)
		return;
	for (int c = 0; c < d->ncols; c++) {
		t->col[c] = -1;
		for (int k = 0; k < t->sh->ncols; k++) {
			const isms_cell *h = isms_xlsx_cell(t->sh, 0, k);
			if (h->kind != ISMS_CELL_TEXT)
				continue;
			const char *nl = strchr(h->text, '\n');
			const char *first = nl ? isms_arena_strndup(m->arena, h->text, (size_t)(nl - h->text))
			                       : h->text;
			first = clean(m, first, 0);
			if (first && !strcmp(first, d->cols[c].zh)) {
				t->col[c] = k;
				break;
			}
		}
		if (t->col[c] < 0 && d->cols[c].required) {
			isms_loc loc = {isms_arena_printf(m->arena, "%s:%s!1:1", b->path, d->name), 0, 0};
			isms_error(&loc, "the column %s (%s) is missing from the header row; put it "
			           "back (a fresh `ismspack workbook` shows the headers)", d->cols[c].zh,
			           d->cols[c].en);
			t->broken = 1;
		}
	}
	t->rows = isms_arena_alloc(m->arena, (size_t)(t->sh->nrows + 1) * sizeof *t->rows);
	for (int r = ISMS_WB_FIRST_ROW; r < t->sh->nrows; r++) {
		wrow *row = &t->rows[t->n];
		memset(row, 0, sizeof *row);
		row->r = r;
		int any = 0;
		for (int c = 0; c < d->ncols; c++) {
			if (t->col[c] < 0)
				continue;
			read_cell(m, t, sid, row, c);
			any |= row->v[c] != NULL || row->bad;
		}
		if (any)
			t->n++;
	}
}

/* ---------- checks with cell locations ---------- */

typedef struct idset {
	const char **ids;
	size_t n;
} idset;

static int
has(const idset *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->ids[i], id))
			return 1;
	return 0;
}

static void
idset_add(imp *m, idset *s, const char *id, size_t cap)
{
	if (!s->ids)
		s->ids = isms_arena_alloc(m->arena, (cap + 1) * sizeof *s->ids);
	s->ids[s->n++] = id;
}

static int V(enum isms_wb_sheet_id s, const char *k) { return isms_wb_col_index(s, k); }

/* ids a column may name: from the workbook's own sheet when it carries one. */
typedef struct known {
	idset units, people, bodies, documents, objectives, reviews;
} known;

static void
collect_ids(imp *m, wbook *full, known *k)
{
	const isms_org *o = m->org;
	struct { idset *set; enum isms_wb_sheet_id sid; } from[] = {
		{&k->units, ISMS_WB_UNITS}, {&k->people, ISMS_WB_PEOPLE}, {&k->bodies, ISMS_WB_BODIES},
		{&k->documents, ISMS_WB_DOCUMENTS}, {&k->objectives, ISMS_WB_OBJECTIVES},
	};
	for (size_t i = 0; i < sizeof from / sizeof *from; i++) {
		wtable *t = full ? &full->t[from[i].sid] : NULL;
		if (t && t->sh) {
			int c = V(from[i].sid, "id");
			for (size_t r = 0; r < t->n; r++)
				if (t->rows[r].v[c])
					idset_add(m, from[i].set, t->rows[r].v[c], t->n);
			continue;
		}
		switch (from[i].sid) {
		case ISMS_WB_UNITS:
			for (size_t j = 0; j < o->nunits; j++) idset_add(m, &k->units, o->units[j].id, o->nunits);
			break;
		case ISMS_WB_PEOPLE:
			for (size_t j = 0; j < o->npeople; j++) idset_add(m, &k->people, o->people[j].id, o->npeople);
			break;
		case ISMS_WB_BODIES:
			for (size_t j = 0; j < o->nbodies; j++) idset_add(m, &k->bodies, o->bodies[j].id, o->nbodies);
			break;
		case ISMS_WB_DOCUMENTS:
			for (size_t j = 0; j < o->ndocuments; j++) idset_add(m, &k->documents, o->documents[j].id, o->ndocuments);
			break;
		case ISMS_WB_OBJECTIVES:
			for (size_t j = 0; j < o->nobjectives; j++) idset_add(m, &k->objectives, o->objectives[j].id, o->nobjectives);
			break;
		default:
			break;
		}
	}
	for (size_t j = 0; j < o->nreviews; j++)
		idset_add(m, &k->reviews, o->reviews[j].id, o->nreviews);
}

static void
check_ref(imp *m, wtable *t, enum isms_wb_sheet_id sid, const char *key, const idset *set,
          const char *what, enum isms_wb_sheet_id where)
{
	int c = V(sid, key);
	if (!t->sh || t->broken || c < 0 || t->col[c] < 0)
		return;
	for (size_t r = 0; r < t->n; r++) {
		const char *v = t->rows[r].v[c];
		if (v && !has(set, v)) {
			if (where == ISMS_WB_ACTIONS)
				CELL_ERR(m, t, &t->rows[r], c, "%s \"%s\" names no %s; choose one from the "
				         "list (the reviews recorded in the XML)", isms_wb_sheets[sid].cols[c].zh,
				         v, what);
			else
				CELL_ERR(m, t, &t->rows[r], c, "%s \"%s\" names no %s; choose one from the "
				         "list (the 代號 column of the %s sheet)", isms_wb_sheets[sid].cols[c].zh,
				         v, what, isms_wb_sheets[where].name);
			t->rows[r].bad = 1;
		}
	}
}

static void
check_unique(imp *m, wtable *t, enum isms_wb_sheet_id sid, const char *key, const char *key2)
{
	int c = V(sid, key), c2 = key2 ? V(sid, key2) : -1;
	if (!t->sh)
		return;
	for (size_t r = 0; r < t->n; r++) {
		const char *v = t->rows[r].v[c];
		if (!v)
			continue;
		for (size_t q = 0; q < r; q++) {
			const char *w = t->rows[q].v[c];
			if (!w || strcmp(v, w))
				continue;
			if (c2 >= 0 && (!t->rows[r].v[c2] || !t->rows[q].v[c2] ||
			                strcmp(t->rows[r].v[c2], t->rows[q].v[c2])))
				continue;
			CELL_ERR(m, t, &t->rows[r], c, "duplicate: %s \"%s\"%s%s is already on row %d; "
			         "give each row its own", isms_wb_sheets[sid].cols[c].zh, v,
			         c2 >= 0 ? " " : "", c2 >= 0 ? t->rows[r].v[c2] : "", t->rows[q].r + 1);
			t->rows[r].bad = 1;
			break;
		}
	}
}

static void
check_required(imp *m, wtable *t, enum isms_wb_sheet_id sid)
{
	const isms_wb_sheet *d = &isms_wb_sheets[sid];
	if (!t->sh || t->broken || sid == ISMS_WB_MEASUREMENTS)
		return;
	for (size_t r = 0; r < t->n; r++) {
		wrow *row = &t->rows[r];
		for (int c = 0; c < d->ncols; c++) {
			const isms_wb_col *col = &d->cols[c];
			if (row->v[c] || t->col[c] < 0 || row->bad)
				continue;
			char en[64];
			snprintf(en, sizeof en, "%s.en", col->key);
			int ec = V(sid, en);
			if (ec >= 0 && row->v[ec]) {
				cell_diag(m, ISMS_ERROR, t, cell_name(m, t, row->r, t->col[c]),
				          "%s is empty but its English is given; fill in the Chinese", col->zh);
				row->bad = 1;
			} else if (col->required) {
				cell_diag(m, ISMS_ERROR, t, cell_name(m, t, row->r, t->col[c]),
				          "%s (%s) is empty; fill it in, or delete the row", col->zh, col->en);
				row->bad = 1;
			}
		}
	}
}

/* The unit of an objective: from the full workbook's objectives sheet, else the model. */
static int
objective_unit(imp *m, wbook *full, const char *id)
{
	if (full && full->t[ISMS_WB_OBJECTIVES].sh) {
		wtable *t = &full->t[ISMS_WB_OBJECTIVES];
		for (size_t r = 0; r < t->n; r++)
			if (t->rows[r].v[0] && !strcmp(t->rows[r].v[0], id)) {
				const char *u = t->rows[r].v[V(ISMS_WB_OBJECTIVES, "unit")];
				return u ? isms_enum_lookup(isms_measure_unit_names, u) : -1;
			}
		return -1;
	}
	for (size_t i = 0; i < m->org->nobjectives; i++)
		if (!strcmp(m->org->objectives[i].id, id))
			return (int)m->org->objectives[i].unit;
	return -1;
}

/* The percent rule on one number cell of a row. */
static void
check_percent(imp *m, wtable *t, enum isms_wb_sheet_id sid, wrow *row, const char *key, int unit)
{
	int c = V(sid, key);
	if (c < 0 || !row->v[c] || unit < 0)
		return;
	const char *head = isms_wb_sheets[sid].cols[c].zh;
	if (unit != ISMS_UNIT_PERCENT && row->pct[c]) {
		CELL_ERR(m, t, row, c, "%s %s%% is a percentage, but this objective counts %s; type "
		         "the number without %%", head, row->v[c], isms_measure_unit_name((enum isms_measure_unit)unit));
		row->bad = 1;
	} else if (unit == ISMS_UNIT_PERCENT && !row->pct[c] && row->num[c] > 0 && row->num[c] < 1) {
		CELL_ERR(m, t, row, c, "%s %s is ambiguous for a percentage (%s%% or %s%%?); type "
		         "%s%% or %s%%", head, row->v[c], row->v[c], fmt_num(m, row->num[c] * 100),
		         fmt_num(m, row->num[c] * 100), row->v[c]);
		row->bad = 1;
	}
}

static int
measurement_has_data(const wrow *row)
{
	static const char *const keys[] = {"value", "numerator", "denominator", "variance",
		"variance.en", "reporter", "date", "reviewer", "comment", "comment.en", NULL};
	for (int i = 0; keys[i]; i++)
		if (row->v[V(ISMS_WB_MEASUREMENTS, keys[i])])
			return 1;
	return 0;
}

static void
check_measurements(imp *m, wbook *b, wbook *full, const known *k)
{
	wtable *t = &b->t[ISMS_WB_MEASUREMENTS];
	enum isms_wb_sheet_id s = ISMS_WB_MEASUREMENTS;
	if (!t->sh)
		return;
	int cv = V(s, "value"), cn = V(s, "numerator"), cd = V(s, "denominator");
	if (t->broken)
		return;
	for (size_t r = 0; r < t->n; r++) {
		wrow *row = &t->rows[r];
		const char *obj = row->v[V(s, "objective")];
		if (!obj || !row->v[V(s, "period")]) {
			if (!row->bad && measurement_has_data(row)) {
				int c = obj ? V(s, "period") : V(s, "objective");
				CELL_ERR(m, t, row, c, "%s is empty; each measurement names its objective "
				         "and period", isms_wb_sheets[s].cols[c].zh);
				row->bad = 1;
			}
			continue;
		}
		if (!has(&k->objectives, obj) || !measurement_has_data(row))
			continue;
		if (row->bad)
			continue; /* one message per row: its first fault */
		int unit = objective_unit(m, full, obj);
		check_percent(m, t, s, row, "value", unit);
		if (row->v[cn] && row->pct[cn]) {
			CELL_ERR(m, t, row, cn, "分子 %s%% is a percentage; type the count itself", row->v[cn]);
			row->bad = 1;
		}
		if (row->v[cd] && row->pct[cd]) {
			CELL_ERR(m, t, row, cd, "分母 %s%% is a percentage; type the count itself", row->v[cd]);
			row->bad = 1;
		}
		if (row->v[cv] && (row->v[cn] || row->v[cd])) {
			CELL_ERR(m, t, row, cv, "實績 and 分子/分母 are both given; keep one: the actual, "
			         "or the numerator and denominator");
			row->bad = 1;
		} else if (!row->v[cv] && !row->v[cn] && !row->v[cd]) {
			CELL_ERR(m, t, row, cv, "實績 is empty; type the actual (or 分子 and 分母), or "
			         "clear the whole row's entries");
			row->bad = 1;
		} else if (!row->v[cv] && (!row->v[cn] || !row->v[cd])) {
			int c = row->v[cn] ? cd : cn;
			CELL_ERR(m, t, row, c, "%s is empty; a ratio needs both 分子 and 分母",
			         isms_wb_sheets[s].cols[c].zh);
			row->bad = 1;
		}
		static const char *const need[] = {"reporter", "date"};
		for (int i = 0; i < 2; i++) {
			int c = V(s, need[i]);
			if (!row->v[c] && !row->bad) {
				if (t->col[c] < 0) {
					cell_diag(m, ISMS_ERROR, t, cell_name(m, t, row->r, -1), "%s column "
					          "is missing; put it back", isms_wb_sheets[s].cols[c].zh);
				} else {
					CELL_ERR(m, t, row, c, "%s is empty; every measurement names its %s",
					         isms_wb_sheets[s].cols[c].zh, i ? "date (2025-04-07 or 114/04/07)"
					                                         : "reporter (choose from the list)");
				}
				row->bad = 1;
			}
		}
		if (row->v[V(s, "variance.en")] && !row->v[V(s, "variance")]) {
			CELL_ERR(m, t, row, V(s, "variance"), "差異說明 is empty but its English is given; "
			         "fill in the Chinese");
			row->bad = 1;
		}
		if (row->v[V(s, "comment.en")] && !row->v[V(s, "comment")]) {
			CELL_ERR(m, t, row, V(s, "comment"), "審核意見 is empty but its English is given; "
			         "fill in the Chinese");
			row->bad = 1;
		}
	}
	check_unique(m, t, s, "objective", "period");
}

/* 協辦單位: unit ids, one a line; 階段目標: "2025Q2 50" (or 2025Q2: 50%), one a line. */
static void
check_objective_lists(imp *m, wtable *t, wrow *row, const idset *units)
{
	enum isms_wb_sheet_id s = ISMS_WB_OBJECTIVES;
	int ca = V(s, "alsoUnits"), cm = V(s, "milestones");
	for (const char *p = row->v[ca]; p && *p;) {
		const char *e = strchr(p, '\n');
		const char *u = clean(m, e ? isms_arena_strndup(m->arena, p, (size_t)(e - p)) : p, 1);
		if (u && !has(units, u)) {
			CELL_ERR(m, t, row, ca, "協辦單位 \"%s\" names no unit; write one unit id a line "
			         "(the 代號 column of the 單位 sheet)", u);
			row->bad = 1;
		}
		p = e ? e + 1 : NULL;
	}
	size_t n = 0;
	for (const char *p = row->v[cm]; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		n++;
	row->milestones = isms_arena_alloc(m->arena, (n + 1) * sizeof *row->milestones);
	for (const char *p = row->v[cm]; p && *p;) {
		const char *e = strchr(p, '\n');
		const char *line = clean(m, e ? isms_arena_strndup(m->arena, p, (size_t)(e - p)) : p, 1);
		p = e ? e + 1 : NULL;
		if (!line)
			continue;
		char per[32], num[64], b[32];
		int y, q, pct = 0;
		double v;
		char tail;
		isms_period pp;
		if (sscanf(line, "%31[^ :=\t]%*[ :=\t]%63s%c", per, num, &tail) != 2 ||
		    parse_number(num, &v, &pct) < 0) {
			CELL_ERR(m, t, row, cm, "階段目標 \"%s\" is not a period and a target; write one a "
			         "line, such as 2025Q2 50", line);
			row->bad = 1;
			continue;
		}
		if (sscanf(per, "%4d%*[Qq]%d%c", &y, &q, &tail) == 2 && q >= 1 && q <= 4)
			snprintf(b, sizeof b, "%04dQ%d", y, q);
		else if (sscanf(per, "%4d-%d%c", &y, &q, &tail) == 2 && q >= 1 && q <= 12)
			snprintf(b, sizeof b, "%04d-%02d", y, q);
		else
			b[0] = 0;
		if (!b[0] || isms_period_parse(b, &pp) < 0) {
			CELL_ERR(m, t, row, cm, "階段目標 \"%s\": \"%s\" is not a period; type 2025Q2 or "
			         "2025-06", line, per);
			row->bad = 1;
			continue;
		}
		row->milestones[row->nmilestones].period = isms_arena_strdup(m->arena, b);
		row->milestones[row->nmilestones++].target = fmt_num(m, v);
	}
}

static void
check_book(imp *m, wbook *b, wbook *full, const known *k)
{
	wtable *t = b->t;
	for (int s = 0; s < ISMS_WB_SHEET_COUNT; s++)
		check_required(m, &t[s], (enum isms_wb_sheet_id)s);
	check_ref(m, &t[ISMS_WB_UNITS], ISMS_WB_UNITS, "parent", &k->units, "unit", ISMS_WB_UNITS);
	check_ref(m, &t[ISMS_WB_UNITS], ISMS_WB_UNITS, "head", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_PEOPLE], ISMS_WB_PEOPLE, "unit", &k->units, "unit", ISMS_WB_UNITS);
	check_ref(m, &t[ISMS_WB_BODIES], ISMS_WB_BODIES, "parent", &k->bodies, "body", ISMS_WB_BODIES);
	check_ref(m, &t[ISMS_WB_ROLES], ISMS_WB_ROLES, "body", &k->bodies, "body", ISMS_WB_BODIES);
	check_ref(m, &t[ISMS_WB_ROLES], ISMS_WB_ROLES, "person", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_DOCUMENTS], ISMS_WB_DOCUMENTS, "unit", &k->units, "unit", ISMS_WB_UNITS);
	static const char *const docp[] = {"author", "reviewer", "approver"};
	for (int i = 0; i < 3; i++)
		check_ref(m, &t[ISMS_WB_DOCUMENTS], ISMS_WB_DOCUMENTS, docp[i], &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_DOCUMENTS], ISMS_WB_DOCUMENTS, "drafter", &k->bodies, "body", ISMS_WB_BODIES);
	check_ref(m, &t[ISMS_WB_REVISIONS], ISMS_WB_REVISIONS, "document", &k->documents, "document", ISMS_WB_DOCUMENTS);
	check_ref(m, &t[ISMS_WB_REVISIONS], ISMS_WB_REVISIONS, "author", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_OBJECTIVES], ISMS_WB_OBJECTIVES, "ownerUnit", &k->units, "unit", ISMS_WB_UNITS);
	check_ref(m, &t[ISMS_WB_OBJECTIVES], ISMS_WB_OBJECTIVES, "owner", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_MEASUREMENTS], ISMS_WB_MEASUREMENTS, "objective", &k->objectives, "objective", ISMS_WB_OBJECTIVES);
	check_ref(m, &t[ISMS_WB_MEASUREMENTS], ISMS_WB_MEASUREMENTS, "reporter", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_MEASUREMENTS], ISMS_WB_MEASUREMENTS, "reviewer", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_ACTIONS], ISMS_WB_ACTIONS, "review", &k->reviews, "management review", ISMS_WB_ACTIONS);
	check_ref(m, &t[ISMS_WB_ACTIONS], ISMS_WB_ACTIONS, "owner", &k->people, "person", ISMS_WB_PEOPLE);
	check_ref(m, &t[ISMS_WB_ACTIONS], ISMS_WB_ACTIONS, "objective", &k->objectives, "objective", ISMS_WB_OBJECTIVES);
	static const enum isms_wb_sheet_id with_id[] = {ISMS_WB_UNITS, ISMS_WB_PEOPLE, ISMS_WB_BODIES,
		ISMS_WB_DOCUMENTS, ISMS_WB_OBJECTIVES, ISMS_WB_ACTIONS};
	for (size_t i = 0; i < sizeof with_id / sizeof *with_id; i++)
		check_unique(m, &t[with_id[i]], with_id[i], "id", NULL);
	wtable *ob = &t[ISMS_WB_OBJECTIVES];
	for (size_t r = 0; ob->sh && r < ob->n; r++) {
		const char *u = ob->rows[r].v[V(ISMS_WB_OBJECTIVES, "unit")];
		int unit = u ? isms_enum_lookup(isms_measure_unit_names, u) : -1;
		check_percent(m, ob, ISMS_WB_OBJECTIVES, &ob->rows[r], "target", unit);
		check_percent(m, ob, ISMS_WB_OBJECTIVES, &ob->rows[r], "lastYear", unit);
		check_objective_lists(m, ob, &ob->rows[r], &k->units);
	}
	/* the loader's rule, at the cell: a duty heading heads the duties under it */
	wtable *rt = &t[ISMS_WB_ROLES];
	for (size_t r = 0; rt->sh && r < rt->n; r++) {
		wrow *row = &rt->rows[r];
		int ch = V(ISMS_WB_ROLES, "dutyHeading");
		if (row->v[ch] && !row->v[V(ISMS_WB_ROLES, "duties")] && !row->bad) {
			CELL_ERR(m, rt, row, ch, "職責標題 \"%s\" heads no duties; fill in 職責 or empty "
			         "this cell", row->v[ch]);
			row->bad = 1;
		}
	}
	check_measurements(m, b, full, k);
}

/* ---------- generating XML ---------- */

static void
row_begin(imp *m, const char *loc)
{
	chunk *c = m->cur;
	int line = 0;
	for (size_t i = 0; i < m->g.len; i++)
		line += m->g.data[i] == '\n';
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->offs = isms_xrealloc(c->offs, c->cap * sizeof *c->offs);
		c->locs = isms_xrealloc(c->locs, c->cap * sizeof *c->locs);
	}
	c->offs[c->n] = line;
	c->locs[c->n++] = loc;
}

static chunk *
chunk_new(imp *m, int file, enum anchor kind, const char *a, const char *b)
{
	m->chunks = isms_xrealloc(m->chunks, (m->nchunks + 1) * sizeof *m->chunks);
	chunk *c = &m->chunks[m->nchunks++];
	memset(c, 0, sizeof *c);
	c->file = file;
	c->kind = kind;
	c->a = a;
	c->b = b;
	isms_buf_clear(&m->g);
	m->cur = c;
	return c;
}

static void
put_attr(imp *m, const char *name, const char *v)
{
	if (!v)
		return;
	isms_buf_printf(&m->g, " %s=\"", name);
	isms_buf_put_xml(&m->g, v);
	isms_buf_putc(&m->g, '"');
}

static void
put_text(imp *m, const char *el, const char *zh, const char *en)
{
	if (!zh)
		return;
	isms_buf_printf(&m->g, "<%s><zh>", el);
	isms_buf_put_xml(&m->g, zh);
	isms_buf_puts(&m->g, "</zh>");
	if (en) {
		isms_buf_puts(&m->g, "<en>");
		isms_buf_put_xml(&m->g, en);
		isms_buf_puts(&m->g, "</en>");
	}
	isms_buf_printf(&m->g, "</%s>", el);
}

/* A list cell pair: one item per line; English lines pair with the Chinese ones. */
static void
put_lines(imp *m, wtable *t, wrow *row, enum isms_wb_sheet_id sid, const char *el,
          const char *key)
{
	char k[64];
	snprintf(k, sizeof k, "%s.en", key);
	const char *zh = row->v[V(sid, key)], *en = row->v[V(sid, k)];
	if (!zh)
		return;
	isms_buf_printf(&m->g, "<%s>", el);
	const char *p = zh, *q = en;
	while (p) {
		const char *pe = strchr(p, '\n'), *qe = q ? strchr(q, '\n') : NULL;
		const char *z = pe ? isms_arena_strndup(m->arena, p, (size_t)(pe - p)) : p;
		const char *e = q ? (qe ? isms_arena_strndup(m->arena, q, (size_t)(qe - q)) : q) : NULL;
		z = clean(m, z, 0);
		e = clean(m, e, 0);
		if (z)
			put_text(m, "item", z, e);
		p = pe ? pe + 1 : NULL;
		q = q && qe ? qe + 1 : NULL;
	}
	if (q) {
		CELL_ERR(m, t, row, V(sid, k), "%s has more lines than %s; put one English line "
		         "under each Chinese one", isms_wb_sheets[sid].cols[V(sid, k)].zh,
		         isms_wb_sheets[sid].cols[V(sid, key)].zh);
	}
	isms_buf_printf(&m->g, "</%s>", el);
}

#define VAL(sid, key) row->v[V(sid, key)]
#define TEXT(sid, el, key) put_text(m, el, VAL(sid, key), VAL(sid, key ".en"))

static const char *
row_loc(imp *m, wtable *t, wrow *row)
{
	return cell_name(m, t, row->r, -1);
}

/* Comments written just before an element with an id in a replaced section, kept
 * before the element with that id in the new one. */
typedef struct kept_comment {
	const char *id;
	const char *text;
} kept_comment;
static kept_comment *kept_comments;
static size_t nkept_comments;

static void
keep_comments(imp *m, xmlNode *section)
{
	nkept_comments = 0;
	for (xmlNode *n = section->children; n; n = n->next) {
		if (n->type != XML_COMMENT_NODE)
			continue;
		xmlNode *e = n->next;
		while (e && e->type == XML_TEXT_NODE)
			e = e->next;
		xmlChar *id = e && e->type == XML_ELEMENT_NODE ? xmlGetProp(e, (const xmlChar *)"id") : NULL;
		if (!id)
			continue;
		kept_comments = isms_xrealloc(kept_comments, (nkept_comments + 1) * sizeof *kept_comments);
		kept_comments[nkept_comments].id = isms_arena_strdup(m->arena, (const char *)id);
		kept_comments[nkept_comments++].text = isms_arena_strdup(m->arena, (const char *)n->content);
		xmlFree(id);
	}
}

static void
put_comments(imp *m, const char *id, const char *ind)
{
	for (size_t i = 0; id && i < nkept_comments; i++)
		if (!strcmp(kept_comments[i].id, id))
			isms_buf_printf(&m->g, "%s  <!--%s-->\n", ind, kept_comments[i].text);
}

static void
gen_units(imp *m, wtable *t, const char *ind)
{
	enum isms_wb_sheet_id s = ISMS_WB_UNITS;
	isms_buf_puts(&m->g, "<units>\n");
	for (size_t i = 0; i < t->n; i++) {
		wrow *row = &t->rows[i];
		put_comments(m, VAL(s, "id"), ind);
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  <unit", ind);
		put_attr(m, "id", VAL(s, "id"));
		put_attr(m, "parent", VAL(s, "parent"));
		put_attr(m, "head", VAL(s, "head"));
		isms_buf_puts(&m->g, ">");
		TEXT(s, "name", "name");
		isms_buf_puts(&m->g, "</unit>\n");
		row_begin(m, NULL);
	}
	isms_buf_printf(&m->g, "%s</units>", ind);
}

static void
gen_people(imp *m, wtable *t, const char *ind)
{
	enum isms_wb_sheet_id s = ISMS_WB_PEOPLE;
	isms_buf_puts(&m->g, "<people>\n");
	for (size_t i = 0; i < t->n; i++) {
		wrow *row = &t->rows[i];
		put_comments(m, VAL(s, "id"), ind);
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  <person", ind);
		put_attr(m, "id", VAL(s, "id"));
		put_attr(m, "unit", VAL(s, "unit"));
		put_attr(m, "left", VAL(s, "left"));
		isms_buf_puts(&m->g, ">");
		TEXT(s, "name", "name");
		TEXT(s, "jobTitle", "title");
		isms_buf_puts(&m->g, "</person>\n");
		row_begin(m, NULL);
	}
	isms_buf_printf(&m->g, "%s</people>", ind);
}

static void
gen_bodies(imp *m, wtable *t, wtable *rt, const char *ind)
{
	enum isms_wb_sheet_id s = ISMS_WB_BODIES;
	isms_buf_puts(&m->g, "<bodies>\n");
	for (size_t i = 0; i < t->n; i++) {
		wrow *row = &t->rows[i];
		put_comments(m, VAL(s, "id"), ind);
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  <body", ind);
		put_attr(m, "id", VAL(s, "id"));
		put_attr(m, "kind", VAL(s, "kind"));
		put_attr(m, "parent", VAL(s, "parent"));
		isms_buf_printf(&m->g, ">\n%s    ", ind);
		TEXT(s, "name", "name");
		if (VAL(s, "abbr")) {
			isms_buf_printf(&m->g, "\n%s    ", ind);
			TEXT(s, "abbreviation", "abbr");
		}
		if (VAL(s, "duties")) {
			isms_buf_printf(&m->g, "\n%s    ", ind);
			put_lines(m, t, row, s, "duties", "duties");
		}
		isms_buf_puts(&m->g, "\n");
		const char *id = VAL(s, "id");
		enum isms_wb_sheet_id rs = ISMS_WB_ROLES;
		for (size_t j = 0; j < rt->n; j++) {
			wrow *rr = &rt->rows[j];
			const char *b = rr->v[V(rs, "body")];
			if (!b || !id || strcmp(b, id))
				continue;
			row_begin(m, row_loc(m, rt, rr));
			isms_buf_printf(&m->g, "%s    <role", ind);
			put_attr(m, "kind", rr->v[V(rs, "kind")]);
			put_attr(m, "person", rr->v[V(rs, "person")]);
			if (!rr->v[V(rs, "title")] && !rr->v[V(rs, "duties")] &&
			    !rr->v[V(rs, "dutyHeading")]) {
				isms_buf_puts(&m->g, "/>\n");
				continue;
			}
			isms_buf_puts(&m->g, ">");
			put_text(m, "title", rr->v[V(rs, "title")], rr->v[V(rs, "title.en")]);
			put_text(m, "dutyHeading", rr->v[V(rs, "dutyHeading")], rr->v[V(rs, "dutyHeading.en")]);
			put_lines(m, rt, rr, rs, "duties", "duties");
			isms_buf_puts(&m->g, "</role>\n");
		}
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  </body>\n", ind);
		row_begin(m, NULL);
	}
	isms_buf_printf(&m->g, "%s</bodies>", ind);
}

static void
gen_documents(imp *m, wtable *t, wtable *rt, const char *ind)
{
	enum isms_wb_sheet_id s = ISMS_WB_DOCUMENTS;
	isms_buf_puts(&m->g, "<documents>\n");
	for (size_t i = 0; i < t->n; i++) {
		wrow *row = &t->rows[i];
		put_comments(m, VAL(s, "id"), ind);
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  <document", ind);
		static const char *const attrs[][2] = {{"id", "id"}, {"kind", "kind"}, {"number", "number"},
			{"tier", "tier"}, {"version", "version"}, {"issued", "issued"},
			{"issuingUnit", "unit"}, {"author", "author"}, {"reviewer", "reviewer"},
			{"approver", "approver"}, {"drafter", "drafter"}};
		for (size_t a = 0; a < sizeof attrs / sizeof *attrs; a++)
			put_attr(m, attrs[a][0], VAL(s, attrs[a][1]));
		isms_buf_printf(&m->g, ">\n%s    ", ind);
		TEXT(s, "title", "title");
		isms_buf_printf(&m->g, "\n%s    ", ind);
		TEXT(s, "classification", "class");
		isms_buf_puts(&m->g, "\n");
		const char *id = VAL(s, "id");
		enum isms_wb_sheet_id rs = ISMS_WB_REVISIONS;
		for (size_t j = 0; j < rt->n; j++) {
			wrow *rr = &rt->rows[j];
			const char *d = rr->v[V(rs, "document")];
			if (!d || !id || strcmp(d, id))
				continue;
			row_begin(m, row_loc(m, rt, rr));
			isms_buf_printf(&m->g, "%s    <revision", ind);
			put_attr(m, "version", rr->v[V(rs, "version")]);
			put_attr(m, "date", rr->v[V(rs, "date")]);
			put_attr(m, "author", rr->v[V(rs, "author")]);
			isms_buf_puts(&m->g, ">");
			if (rr->v[V(rs, "text")]) {
				isms_buf_puts(&m->g, "<zh>");
				isms_buf_put_xml(&m->g, rr->v[V(rs, "text")]);
				isms_buf_puts(&m->g, "</zh>");
			}
			if (rr->v[V(rs, "text.en")]) {
				isms_buf_puts(&m->g, "<en>");
				isms_buf_put_xml(&m->g, rr->v[V(rs, "text.en")]);
				isms_buf_puts(&m->g, "</en>");
			}
			isms_buf_puts(&m->g, "</revision>\n");
		}
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  </document>\n", ind);
		row_begin(m, NULL);
	}
	isms_buf_printf(&m->g, "%s</documents>", ind);
}

static xmlNode *find_el(xmlNode *n, const char *name, const char *attr, const char *val);
static const char *prop(imp *m, xmlNode *n, const char *name);

/* A number as the XML wrote it when the workbook holds the same value: 3.0 stays
 * 3.0, 95.50 stays 95.50 (the documents show the decimals written). */
static const char *
as_written_in(imp *m, const char *oid, const char *el, const char *period, const char *attr,
              const char *v)
{
	if (!v || !oid || !m->old)
		return v;
	xmlNode *n = find_el(m->old->children, "objective", "id", oid);
	if (n && period)
		n = find_el(n->children, el, "period", period);
	const char *w = n ? prop(m, n, attr) : NULL;
	return w && strtod(w, NULL) == strtod(v, NULL) ? w : v;
}

static const char *
as_written(imp *m, const char *oid, const char *period, const char *attr, const char *v)
{
	return as_written_in(m, oid, "measurement", period, attr, v);
}

/* One <measurement> from a row (the caller opened the line). */
static void
put_measurement(imp *m, wrow *row, int with_review)
{
	enum isms_wb_sheet_id s = ISMS_WB_MEASUREMENTS;
	isms_buf_puts(&m->g, "<measurement");
	const char *o = VAL(s, "objective"), *p = VAL(s, "period");
	put_attr(m, "period", p);
	put_attr(m, "value", as_written(m, o, p, "value", VAL(s, "value")));
	put_attr(m, "numerator", as_written(m, o, p, "numerator", VAL(s, "numerator")));
	put_attr(m, "denominator", as_written(m, o, p, "denominator", VAL(s, "denominator")));
	put_attr(m, "reporter", VAL(s, "reporter"));
	put_attr(m, "date", VAL(s, "date"));
	if (with_review)
		put_attr(m, "reviewer", VAL(s, "reviewer"));
	if (!VAL(s, "variance") && !(with_review && VAL(s, "comment"))) {
		isms_buf_puts(&m->g, "/>");
		return;
	}
	isms_buf_puts(&m->g, ">");
	TEXT(s, "variance", "variance");
	if (with_review)
		TEXT(s, "comment", "comment");
	isms_buf_puts(&m->g, "</measurement>");
}

static void
gen_objectives(imp *m, wtable *t, wtable *mt, const char *year, const char *ind)
{
	enum isms_wb_sheet_id s = ISMS_WB_OBJECTIVES;
	isms_buf_puts(&m->g, "<objectives");
	put_attr(m, "year", year);
	isms_buf_puts(&m->g, ">\n");
	for (size_t i = 0; i < t->n; i++) {
		wrow *row = &t->rows[i];
		put_comments(m, VAL(s, "id"), ind);
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  <objective", ind);
		static const char *const attrs[] = {"id", "frequency", "unit", "comparator", "target",
			"lastYear", "cumulative", "judge", "ownerUnit", "owner"};
		for (size_t a = 0; a < sizeof attrs / sizeof *attrs; a++)
			put_attr(m, attrs[a], as_written(m, VAL(s, "id"), NULL, attrs[a], VAL(s, attrs[a])));
		isms_buf_puts(&m->g, ">");
		static const char *const els[][2] = {{"title", "title"}, {"kpi", "kpi"},
			{"method", "method"}, {"resources", "resources"}, {"actions", "actions"},
			{"dataSource", "source"}, {"counter", "counter"}};
		for (size_t e = 0; e < sizeof els / sizeof *els; e++) {
			char k[32];
			snprintf(k, sizeof k, "%s.en", els[e][1]);
			if (!VAL(s, els[e][1]))
				continue;
			isms_buf_printf(&m->g, "\n%s    ", ind);
			if (!strcmp(els[e][0], "actions"))
				put_lines(m, t, row, s, "actions", "actions");
			else
				put_text(m, els[e][0], VAL(s, els[e][1]), VAL(s, k));
		}
		for (const char *p = VAL(s, "alsoUnits"); p && *p;) {
			const char *e = strchr(p, '\n');
			const char *u = clean(m, e ? isms_arena_strndup(m->arena, p, (size_t)(e - p)) : p, 1);
			if (u) {
				isms_buf_printf(&m->g, "\n%s    <alsoUnit", ind);
				put_attr(m, "unit", u);
				isms_buf_puts(&m->g, "/>");
			}
			p = e ? e + 1 : NULL;
		}
		for (size_t k = 0; k < row->nmilestones; k++) {
			isms_buf_printf(&m->g, "\n%s    <milestone", ind);
			put_attr(m, "period", row->milestones[k].period);
			put_attr(m, "target", as_written_in(m, VAL(s, "id"), "milestone",
			                                    row->milestones[k].period, "target",
			                                    row->milestones[k].target));
			isms_buf_puts(&m->g, "/>");
		}
		isms_buf_puts(&m->g, "\n");
		const char *id = VAL(s, "id");
		for (size_t j = 0; mt && j < mt->n; j++) {
			wrow *mr = &mt->rows[j];
			const char *o = mr->v[V(ISMS_WB_MEASUREMENTS, "objective")];
			if (!o || !id || strcmp(o, id) || !measurement_has_data(mr))
				continue;
			row_begin(m, row_loc(m, mt, mr));
			isms_buf_printf(&m->g, "%s    ", ind);
			put_measurement(m, mr, 1);
			isms_buf_puts(&m->g, "\n");
		}
		row_begin(m, row_loc(m, t, row));
		isms_buf_printf(&m->g, "%s  </objective>\n", ind);
		row_begin(m, NULL);
	}
	isms_buf_printf(&m->g, "%s</objectives>", ind);
}

/* ---------- the raw XML files ---------- */

static char *
dir_of(const char *path)
{
	const char *sl = strrchr(path, '/');
	return sl ? isms_xstrndup(path, (size_t)(sl - path)) : isms_xstrdup(".");
}

static int
file_index(imp *m, const char *path)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (!strcmp(m->files[i].path, path))
			return (int)i;
	return -1;
}

static int
open_file(imp *m, const char *path)
{
	int i = file_index(m, path);
	if (i >= 0)
		return i;
	/* from memory: the loader's entity loader refuses files it did not open */
	size_t len;
	char *text = isms_fs_read_regular(path, &len, 64u << 20);
	xmlDoc *doc = text ? xmlReadMemory(text, (int)len, NULL, NULL, XML_PARSE_NONET |
	                                   XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
	                                   XML_PARSE_NOWARNING | XML_PARSE_HUGE) : NULL;
	free(text);
	if (!doc)
		return -1;
	m->files = isms_xrealloc(m->files, (m->nfiles + 1) * sizeof *m->files);
	xfile *f = &m->files[m->nfiles];
	memset(f, 0, sizeof *f);
	f->path = isms_xstrdup(path);
	f->doc = doc;
	return (int)m->nfiles++;
}

static int
is_xinclude(xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)"include") &&
	       n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)"http://www.w3.org/2001/XInclude");
}

/* Where the section called name is: its element and file (following one XInclude
 * at the top level).  *file -1 when absent. */
static xmlNode *
find_section(imp *m, const char *name, int *file)
{
	xmlNode *root = xmlDocGetRootElement(m->files[0].doc);
	*file = -1;
	for (xmlNode *n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, name) && !is_xinclude(n)) {
			*file = 0;
			return n;
		}
		if (is_xinclude(n)) {
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			if (!href)
				continue;
			char *dir = dir_of(m->files[0].path);
			char *path = isms_arena_printf(m->arena, "%s/%s", dir, (const char *)href);
			free(dir);
			xmlFree(href);
			int i = open_file(m, path);
			if (i < 0)
				continue;
			xmlNode *r = xmlDocGetRootElement(m->files[i].doc);
			if (r && is(r, name)) {
				*file = i;
				return r;
			}
		}
	}
	return NULL;
}

/* The indentation of node: the spaces after the last newline before it. */
static const char *
indent_of(imp *m, xmlNode *n)
{
	if (!n->parent || n->parent->type == XML_DOCUMENT_NODE || !n->prev ||
	    n->prev->type != XML_TEXT_NODE)
		return "";
	const char *t = (const char *)n->prev->content, *nl = strrchr(t, '\n');
	return isms_arena_strdup(m->arena, nl ? nl + 1 : "");
}

/* ---------- carrying what the workbook does not hold ---------- */

/* What a workbook writes of each element it regenerates.  attrs and kids list the
 * attributes and child elements it writes, each as name or name=column (the column's
 * key in sheet when it differs); name! is always written.  A field whose column the
 * workbook lacks (one exported before the column existed, a collection workbook) is
 * not the workbook's: like any field the table does not name (a field added to the
 * schema later), it is carried from the old element into the new one.  nest: the
 * children matched, by key, to old ones and carried in turn. */
typedef struct carry_spec {
	const char *el;
	enum isms_wb_sheet_id sheet;
	const char *key;       /* the attributes that match a new element to its old one */
	const char *attrs, *kids, *nest;
} carry_spec;

static const carry_spec carried[] = {
	{"units", ISMS_WB_UNITS, NULL, "", "unit!", "unit"},
	{"unit", ISMS_WB_UNITS, "id", "id parent head", "name", ""},
	{"people", ISMS_WB_PEOPLE, NULL, "", "person!", "person"},
	{"person", ISMS_WB_PEOPLE, "id", "id unit left", "name jobTitle=title", ""},
	{"bodies", ISMS_WB_BODIES, NULL, "", "body!", "body"},
	{"body", ISMS_WB_BODIES, "id", "id kind parent", "name abbreviation=abbr duties role!", "role"},
	{"role", ISMS_WB_ROLES, "kind person", "kind person", "title dutyHeading duties", ""},
	{"documents", ISMS_WB_DOCUMENTS, NULL, "", "document!", "document"},
	{"document", ISMS_WB_DOCUMENTS, "id", "id kind number tier version issued "
	 "issuingUnit=unit author reviewer approver drafter", "title classification=class revision!",
	 "revision"},
	{"revision", ISMS_WB_REVISIONS, "version", "version date author", "zh=text en=text.en", ""},
	{"objectives", ISMS_WB_OBJECTIVES, NULL, "year!", "objective!", "objective"},
	{"objective", ISMS_WB_OBJECTIVES, "id", "id frequency unit comparator target lastYear "
	 "cumulative judge ownerUnit owner", "title kpi method resources actions "
	 "dataSource=source counter alsoUnit=alsoUnits milestone=milestones measurement",
	 "measurement"},
	{"measurement", ISMS_WB_MEASUREMENTS, "period", "period value numerator denominator "
	 "reporter date reviewer", "variance comment", ""},
	{"actions", ISMS_WB_ACTIONS, NULL, "", "action!", "action"},
	{"action", ISMS_WB_ACTIONS, "id", "id owner due objective", "zh=text en=text.en", ""},
};

static char carried_mark; /* _private of an old node already matched or moved */

static const carry_spec *
carry_spec_of(const xmlNode *n)
{
	for (size_t i = 0; i < sizeof carried / sizeof *carried; i++)
		if (is(n, carried[i].el))
			return &carried[i];
	return NULL;
}

/* The entry for name in a list of a spec ("name", "name=key" or "name!"), its length
 * in *len; NULL when absent. */
static const char *
entry_of(const char *list, const xmlChar *name, size_t *len)
{
	size_t nl = strlen((const char *)name);
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w >= nl && !strncmp(p, (const char *)name, nl) &&
		    (w == nl || p[nl] == '=' || p[nl] == '!')) {
			*len = w;
			return p;
		}
		p += w;
	}
	return NULL;
}

static int has_column(imp *m, enum isms_wb_sheet_id sheet, const char *key);

/* Whether the workbook being applied writes this attribute or child of sp's element. */
static int
writes(imp *m, const carry_spec *sp, const char *list, const xmlChar *name)
{
	size_t w, nl = strlen((const char *)name);
	const char *e = entry_of(list, name, &w);
	if (!e)
		return 0;
	if (w > nl && e[nl] == '!')
		return 1;
	if (xmlStrEqual(name, (const xmlChar *)"measurement") && sp->sheet == ISMS_WB_OBJECTIVES)
		return m->book && m->book->t[ISMS_WB_MEASUREMENTS].sh != NULL;
	char key[64];
	snprintf(key, sizeof key, "%.*s", (int)(w > nl ? w - nl - 1 : nl), w > nl ? e + nl + 1 : e);
	return has_column(m, sp->sheet, key);
}

/* Whether the workbook being applied has the column key of sheet. */
static int
has_column(imp *m, enum isms_wb_sheet_id sheet, const char *key)
{
	int c = V(sheet, key);
	const wtable *t = m->book ? &m->book->t[sheet] : NULL;
	return c >= 0 && t && t->sh && t->col[c] >= 0;
}

/* A text the workbook writes from its Chinese column while it lacks the English one
 * (a workbook exported without it): the old <en> stays beside the new <zh>. */
static void
carry_english(imp *m, xmlNode *nw, xmlNode *old, const carry_spec *sp)
{
	EACH_CHILD(nc, nw) {
		size_t w, nl = strlen((const char *)nc->name);
		const char *e = nc->_private == &carried_mark ? NULL : entry_of(sp->kids, nc->name, &w);
		if (!e || (w > nl && e[nl] == '!') || child(nc, "en") || !child(nc, "zh"))
			continue;
		char key[72];
		snprintf(key, sizeof key, "%.*s.en", (int)(w > nl ? w - nl - 1 : nl), w > nl ? e + nl + 1 : e);
		if (V(sp->sheet, key) < 0 || has_column(m, sp->sheet, key))
			continue;
		xmlNode *oe = child(child(old, (const char *)nc->name), "en");
		if (!oe)
			continue;
		xmlUnlinkNode(oe);
		xmlAddNextSibling(child(nc, "zh"), oe);
	}
}

static int
same_key(xmlNode *a, xmlNode *b, const char *keys)
{
	if (!is(a, (const char *)b->name))
		return 0;
	for (const char *p = keys ? keys : ""; *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		char k[32];
		snprintf(k, sizeof k, "%.*s", (int)w, p);
		p += w;
		xmlChar *x = xmlGetProp(a, (const xmlChar *)k), *y = xmlGetProp(b, (const xmlChar *)k);
		int eq = (!x && !y) || (x && y && xmlStrEqual(x, y));
		xmlFree(x);
		xmlFree(y);
		if (!eq)
			return 0;
	}
	return 1;
}


/* The last child element of n called name that the workbook wrote, or NULL. */
static xmlNode *
last_written(xmlNode *n, const xmlChar *name)
{
	xmlNode *r = NULL;
	EACH_CHILD(c, n)
		if (xmlStrEqual(c->name, name) && c->_private != &carried_mark)
			r = c;
	return r;
}

/* Carry into nw (new) what old holds that the workbook does not write: attributes as
 * they were; child elements moved over in their order, beside the neighbours they
 * had, on the line of those neighbours so that the written lines still match the
 * rows that wrote them. */
static void
carry(imp *m, xmlNode *nw, xmlNode *old, const carry_spec *sp)
{
	for (xmlAttr *a = old->properties; a; a = a->next) {
		const xmlChar *href = a->ns ? a->ns->href : NULL;
		if ((!a->ns && writes(m, sp, sp->attrs, a->name)) || xmlHasNsProp(nw, a->name, href))
			continue;
		xmlChar *v = xmlNodeListGetString(old->doc, a->children, 1);
		xmlNs *ns = href ? xmlSearchNsByHref(nw->doc, nw, href) : NULL;
		if (href && !ns)
			ns = xmlNewNs(nw, href, a->ns->prefix);
		xmlSetNsProp(nw, ns, a->name, v);
		xmlFree(v);
	}
	xmlNode *after = NULL; /* the element carried last, when it was old's previous one */
	for (xmlNode *oc = old->children, *next; oc; oc = next) {
		next = oc->next;
		if (oc->type != XML_ELEMENT_NODE || is_xinclude(oc))
			continue;
		if (writes(m, sp, sp->kids, oc->name) || last_written(nw, oc->name)) {
			after = NULL;
			continue;
		}
		xmlNode *anchor = after, *before = NULL;
		if (!anchor) {
			xmlNode *p = oc->prev;
			while (p && p->type != XML_ELEMENT_NODE)
				p = p->prev;
			anchor = p ? last_written(nw, p->name) : NULL;
		}
		for (xmlNode *f = oc->next; !anchor && !before && f; f = f->next)
			if (f->type == XML_ELEMENT_NODE)
				before = child(nw, (const char *)f->name);
		xmlUnlinkNode(oc);
		oc->_private = &carried_mark;
		if (anchor)
			xmlAddNextSibling(anchor, oc);
		else if (before)
			xmlAddPrevSibling(before, oc);
		else
			xmlAddChild(nw, oc);
		after = oc;
	}
	carry_english(m, nw, old, sp);
	EACH_CHILD(nc, nw) {
		const carry_spec *cs = nc->_private == &carried_mark ? NULL :
		                       entry_of(sp->nest, nc->name, &(size_t){0}) ? carry_spec_of(nc) : NULL;
		if (!cs)
			continue;
		EACH_CHILD(oc, old) {
			if (oc->_private != &carried_mark && same_key(nc, oc, cs->key)) {
				oc->_private = &carried_mark;
				carry(m, nc, oc, cs);
				break;
			}
		}
	}
}

static void
unmark(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->_private = NULL;
		unmark(n->children);
	}
}

/* Carry from old into nw, which replaces it, what the workbook does not write. */
static void
carry_over(imp *m, xmlNode *nw, xmlNode *old)
{
	const carry_spec *sp = old->type == XML_ELEMENT_NODE ? carry_spec_of(old) : NULL;
	if (!sp || !nw || nw->type != XML_ELEMENT_NODE || !is(nw, (const char *)old->name))
		return;
	carry(m, nw, old, sp);
	/* moved elements may name the old element's namespace declaration */
	xmlReconciliateNs(nw->doc, nw);
	unmark(nw->children);
}

/* Parse the generated text as one element in the context of old's parent and put it
 * in old's place (or make it the root when old is the root), carrying what the
 * workbook does not write from old. */
static int
replace_with(imp *m, int file, xmlNode *old, const char *text)
{
	xfile *f = &m->files[file];
	if (old == xmlDocGetRootElement(f->doc)) {
		isms_buf b = {0};
		/* the namespace, declared on the new root as on the old */
		const char *sp = strchr(text, '>'), *sp2 = strchr(text, ' ');
		size_t at = (size_t)((sp2 && sp2 < sp ? sp2 : sp) - text);
		isms_buf_append(&b, text, at);
		isms_buf_puts(&b, " xmlns=\"" NS "\"");
		isms_buf_puts(&b, text + at);
		xmlDoc *d = xmlReadMemory(b.data, (int)b.len, NULL, "UTF-8", XML_PARSE_NONET);
		isms_buf_free(&b);
		if (!d)
			return -1;
		xmlNode *n = xmlDocCopyNode(xmlDocGetRootElement(d), f->doc, 1);
		xmlFreeDoc(d);
		xmlNode *prev = xmlDocSetRootElement(f->doc, n);
		carry_over(m, n, prev);
		xmlFreeNode(prev);
	} else {
		xmlNode *list = NULL;
		if (xmlParseInNodeContext(old->parent, text, (int)strlen(text), XML_PARSE_NONET,
		                          &list) != XML_ERR_OK || !list) {
			xmlFreeNodeList(list);
			return -1;
		}
		xmlReplaceNode(old, list);
		carry_over(m, list, old);
		xmlFreeNode(old);
	}
	f->dirty = 1;
	return 0;
}

/* ---------- applying a full workbook ---------- */

static int
replace_section(imp *m, const char *name, void (*gen)(imp *, wtable *, wtable *, const char *),
                wtable *t, wtable *t2)
{
	int file;
	xmlNode *old = find_section(m, name, &file);
	if (!old) {
		isms_error(NULL, "%s has no <%s> section to replace", m->files[0].path, name);
		return -1;
	}
	const char *ind = indent_of(m, old);
	keep_comments(m, old);
	chunk_new(m, file, A_SECTION, name, NULL);
	m->old = old;
	gen(m, t, t2, ind);
	m->old = NULL;
	if (old->children) {
		/* nested XInclude inside a replaced section: its content now lives here */
		for (xmlNode *n = old->children; n; n = n->next)
			if (is_xinclude(n))
				isms_diag(ISMS_NOTE, NULL, "<%s> included other files; its content is now "
				          "written in %s", name, m->files[file].path);
	}
	return replace_with(m, file, old, m->g.data);
}

static void g_units(imp *m, wtable *t, wtable *u, const char *ind) { (void)u; gen_units(m, t, ind); }
static void g_people(imp *m, wtable *t, wtable *u, const char *ind) { (void)u; gen_people(m, t, ind); }
static const char *objectives_year;
static void g_objectives(imp *m, wtable *t, wtable *mt, const char *ind) { gen_objectives(m, t, mt, objectives_year, ind); }

/* Review actions: each review's <actions> replaced by the sheet's rows for it. */
static int
replace_actions(imp *m, wtable *t)
{
	int file;
	xmlNode *reviews = find_section(m, "reviews", &file);
	enum isms_wb_sheet_id s = ISMS_WB_ACTIONS;
	if (!reviews)
		return 0; /* no reviews: the id check already refused any row */
	EACH_CHILD(rv, reviews) {
		if (!is(rv, "review"))
			continue;
		xmlChar *id = xmlGetProp(rv, (const xmlChar *)"id");
		const char *rid = isms_arena_strdup(m->arena, (const char *)id);
		xmlFree(id);
		xmlNode *old = child(rv, "actions");
		const char *ind = old ? indent_of(m, old) : isms_arena_printf(m->arena, "%s  ", indent_of(m, rv));
		chunk_new(m, file, A_ACTIONS, rid, NULL);
		isms_buf_puts(&m->g, "<actions>\n");
		int n = 0;
		for (size_t i = 0; i < t->n; i++) {
			wrow *row = &t->rows[i];
			const char *r = VAL(s, "review");
			if (!r || strcmp(r, rid))
				continue;
			row_begin(m, row_loc(m, t, row));
			isms_buf_printf(&m->g, "%s  <action", ind);
			put_attr(m, "id", VAL(s, "id"));
			put_attr(m, "owner", VAL(s, "owner"));
			put_attr(m, "due", VAL(s, "due"));
			put_attr(m, "objective", VAL(s, "objective"));
			isms_buf_puts(&m->g, ">");
			isms_buf_puts(&m->g, "<zh>");
			isms_buf_put_xml(&m->g, VAL(s, "text") ? VAL(s, "text") : "");
			isms_buf_puts(&m->g, "</zh>");
			if (VAL(s, "text.en")) {
				isms_buf_puts(&m->g, "<en>");
				isms_buf_put_xml(&m->g, VAL(s, "text.en"));
				isms_buf_puts(&m->g, "</en>");
			}
			isms_buf_puts(&m->g, "</action>\n");
			row_begin(m, NULL);
			n++;
		}
		isms_buf_printf(&m->g, "%s</actions>", ind);
		if (old && n) {
			if (replace_with(m, file, old, m->g.data) < 0)
				return -1;
		} else if (old) {
			/* no action left: drop the element and the whitespace before it */
			if (old->prev && old->prev->type == XML_TEXT_NODE) {
				xmlNode *ws = old->prev;
				xmlUnlinkNode(ws);
				xmlFreeNode(ws);
			}
			xmlUnlinkNode(old);
			xmlFreeNode(old);
			m->files[file].dirty = 1;
			m->nchunks--;
		} else if (n) {
			/* a first action: after the last child element, on its own line */
			xmlNode *last = rv->last;
			while (last && last->type != XML_ELEMENT_NODE)
				last = last->prev;
			xmlNode *nl = xmlNewDocText(m->files[file].doc,
			                           (const xmlChar *)isms_arena_printf(m->arena, "\n%s", ind));
			xmlAddNextSibling(last, nl);
			xmlNode *placeholder = xmlNewDocNode(m->files[file].doc, NULL, (const xmlChar *)"x", NULL);
			xmlAddNextSibling(nl, placeholder);
			if (replace_with(m, file, placeholder, m->g.data) < 0)
				return -1;
		} else {
			m->nchunks--;
		}
	}
	return 0;
}

static int
apply_full(imp *m, wbook *b)
{
	wtable *t = b->t;
	int rc = 0;
	m->book = b;
	if (t[ISMS_WB_UNITS].sh)
		rc |= replace_section(m, "units", g_units, &t[ISMS_WB_UNITS], NULL);
	if (t[ISMS_WB_PEOPLE].sh)
		rc |= replace_section(m, "people", g_people, &t[ISMS_WB_PEOPLE], NULL);
	if (t[ISMS_WB_BODIES].sh)
		rc |= replace_section(m, "bodies", gen_bodies, &t[ISMS_WB_BODIES], &t[ISMS_WB_ROLES]);
	if (t[ISMS_WB_DOCUMENTS].sh)
		rc |= replace_section(m, "documents", gen_documents, &t[ISMS_WB_DOCUMENTS], &t[ISMS_WB_REVISIONS]);
	if (t[ISMS_WB_OBJECTIVES].sh) {
		objectives_year = isms_arena_printf(m->arena, "%d", m->org->objectives_year);
		rc |= replace_section(m, "objectives", g_objectives, &t[ISMS_WB_OBJECTIVES],
		                      t[ISMS_WB_MEASUREMENTS].sh ? &t[ISMS_WB_MEASUREMENTS] : NULL);
	}
	if (t[ISMS_WB_ACTIONS].sh)
		rc |= replace_actions(m, &t[ISMS_WB_ACTIONS]);
	return rc ? -1 : 0;
}

/* ---------- merging collected measurements ---------- */

static const char *
prop(imp *m, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = isms_arena_strdup(m->arena, (const char *)v);
	xmlFree(v);
	return s;
}

static const char *
text_of(imp *m, xmlNode *n, const char *el, const char *lang)
{
	xmlNode *e = child(n, el);
	xmlNode *l = e ? child(e, lang) : NULL;
	if (!l)
		return NULL;
	xmlChar *v = xmlNodeGetContent(l);
	const char *s = isms_arena_strdup(m->arena, (const char *)v);
	xmlFree(v);
	return s;
}

static int
same_num(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strtod(a, NULL) == strtod(b, NULL);
}

static int
same_str(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return !strcmp(a, b);
}

static int
merge_book(imp *m, wbook *b, int *merged, int *kept)
{
	int file;
	xmlNode *objs = find_section(m, "objectives", &file);
	wtable *t = &b->t[ISMS_WB_MEASUREMENTS];
	enum isms_wb_sheet_id s = ISMS_WB_MEASUREMENTS;
	if (!objs || !t->sh)
		return 0;
	m->book = b;
	for (size_t i = 0; i < t->n; i++) {
		wrow *row = &t->rows[i];
		if (!measurement_has_data(row))
			continue;
		const char *oid = VAL(s, "objective"), *per = VAL(s, "period");
		xmlNode *obj = NULL;
		EACH_CHILD(o, objs) {
			const char *id = is(o, "objective") ? prop(m, o, "id") : NULL;
			if (id && !strcmp(id, oid))
				obj = o;
		}
		if (!obj)
			continue;
		xmlNode *old = NULL, *before = NULL;
		isms_period want;
		isms_period_parse(per, &want);
		EACH_CHILD(me, obj) {
			if (!is(me, "measurement"))
				continue;
			isms_period p;
			const char *pt = prop(m, me, "period");
			if (!pt || isms_period_parse(pt, &p) < 0)
				continue;
			int c = isms_period_cmp(p, want);
			if (c == 0)
				old = me;
			else if (c > 0 && !before)
				before = me;
		}
		const char *ind = isms_arena_printf(m->arena, "%s  ", indent_of(m, obj));
		if (old) {
			int same = same_num(prop(m, old, "value"), VAL(s, "value")) &&
			           same_num(prop(m, old, "numerator"), VAL(s, "numerator")) &&
			           same_num(prop(m, old, "denominator"), VAL(s, "denominator")) &&
			           same_str(prop(m, old, "reporter"), VAL(s, "reporter")) &&
			           same_str(prop(m, old, "date"), VAL(s, "date")) &&
			           same_str(text_of(m, old, "variance", "zh"), VAL(s, "variance")) &&
			           same_str(text_of(m, old, "variance", "en"), VAL(s, "variance.en"));
			if (same)
				continue;
			if (!m->replace) {
				const char *ov = prop(m, old, "value");
				const char *on = prop(m, old, "numerator"), *od = prop(m, old, "denominator");
				const char *was = ov ? ov : on && od ? isms_arena_printf(m->arena, "%s/%s", on, od) : "?";
				const char *now = VAL(s, "value") ? VAL(s, "value")
				                : isms_arena_printf(m->arena, "%s/%s", VAL(s, "numerator"), VAL(s, "denominator"));
				cell_diag(m, ISMS_WARNING, t, cell_name(m, t, row->r, t->col[V(s, "value")]),
				          "%s %s: the returned entry (%s) differs from the one recorded (%s); "
				          "kept the recorded one (import with --replace to take the returned one)",
				          oid, per, now, was);
				(*kept)++;
				continue;
			}
		}
		chunk_new(m, file, A_MEASUREMENT, oid, per);
		row_begin(m, row_loc(m, t, row));
		/* a replaced entry keeps the secretary's reviewer and comment */
		put_measurement(m, row, 0);
		char *text = isms_xstrdup(m->g.data);
		if (old && (prop(m, old, "reviewer") || child(old, "comment"))) {
			const char *rv = prop(m, old, "reviewer");
			size_t tl = strlen(text);
			isms_buf_clear(&m->g);
			if (tl >= 2 && !strcmp(text + tl - 2, "/>")) {
				isms_buf_append(&m->g, text, tl - 2);
				isms_buf_puts(&m->g, ">");
			} else {
				isms_buf_append(&m->g, text, tl - strlen("</measurement>"));
			}
			if (child(old, "comment"))
				put_text(m, "comment", text_of(m, old, "comment", "zh"), text_of(m, old, "comment", "en"));
			isms_buf_puts(&m->g, "</measurement>");
			free(text);
			text = isms_xstrdup(m->g.data);
			if (rv) {
				char *gt = strchr(text, '>');
				isms_buf_clear(&m->g);
				isms_buf_append(&m->g, text, (size_t)(gt - text));
				put_attr(m, "reviewer", rv);
				isms_buf_puts(&m->g, gt);
				free(text);
				text = isms_xstrdup(m->g.data);
			}
		}
		int rc;
		if (old) {
			rc = replace_with(m, file, old, text);
		} else {
			xmlNode *ph = xmlNewDocNode(m->files[file].doc, NULL, (const xmlChar *)"x", NULL);
			xmlNode *nl = xmlNewDocText(m->files[file].doc, (const xmlChar *)isms_arena_printf(m->arena, "\n%s", ind));
			if (before) {
				xmlAddPrevSibling(before, ph);
				xmlAddNextSibling(ph, xmlNewDocText(m->files[file].doc, (const xmlChar *)isms_arena_printf(m->arena, "\n%s", ind)));
			} else {
				xmlNode *last = obj->last;
				while (last && last->type != XML_ELEMENT_NODE)
					last = last->prev;
				xmlAddNextSibling(last, nl);
				xmlAddNextSibling(nl, ph);
				nl = NULL;
			}
			if (nl)
				xmlFreeNode(nl);
			rc = replace_with(m, file, ph, text);
		}
		free(text);
		if (rc < 0)
			return -1;
		(*merged)++;
	}
	return 0;
}

/* ---------- line → cell, validation, writing ---------- */

static xmlNode *
find_el(xmlNode *n, const char *name, const char *attr, const char *val)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, name)) {
			if (!attr)
				return n;
			xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
			int ok = v && !strcmp((const char *)v, val);
			xmlFree(v);
			if (ok)
				return n;
		}
		xmlNode *r = find_el(n->children, name, attr, val);
		if (r)
			return r;
	}
	return NULL;
}

static void
resolve_lines(imp *m)
{
	for (size_t f = 0; f < m->nfiles; f++) {
		xfile *x = &m->files[f];
		if (!x->dirty)
			continue;
		xmlDoc *d = xmlReadMemory((const char *)x->out, x->outlen, NULL, "UTF-8",
		                          XML_PARSE_NONET | XML_PARSE_BIG_LINES);
		if (!d)
			continue;
		xmlNode *root = xmlDocGetRootElement(d);
		for (size_t i = 0; i < m->nchunks; i++) {
			chunk *c = &m->chunks[i];
			if (c->file != (int)f)
				continue;
			xmlNode *n = NULL;
			if (c->kind == A_SECTION)
				n = is(root, c->a) ? root : find_el(root->children, c->a, NULL, NULL);
			else if (c->kind == A_ACTIONS) {
				xmlNode *rv = find_el(root, "review", "id", c->a);
				n = rv ? child(rv, "actions") : NULL;
			} else {
				xmlNode *ob = find_el(root, "objective", "id", c->a);
				n = ob ? find_el(ob->children, "measurement", "period", c->b) : NULL;
			}
			c->line = n ? xmlGetLineNo(n) : -1;
		}
		xmlFreeDoc(d);
	}
}

typedef struct sink_ctx {
	imp *m;
} sink_ctx;

/* Messages of the validation of the written files: a line that came from a row is
 * named by that row; any other by the real file (its lines moved). */
static void
translate(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
	imp *m = ((sink_ctx *)ctx)->m;
	isms_diag_set_sink(NULL, NULL);
	if (!loc || !loc->file) {
		isms_diag(level, loc, "%s", text);
		isms_diag_set_sink(translate, ctx);
		return;
	}
	for (size_t f = 0; f < m->org->nfiles; f++) {
		if (strcmp(loc->file, m->tmpnames[f]))
			continue;
		int fi = file_index(m, m->org->files[f]);
		for (size_t i = 0; fi >= 0 && i < m->nchunks; i++) {
			chunk *c = &m->chunks[i];
			if (c->file != fi || c->line < 0 || loc->line < c->line)
				continue;
			long off = loc->line - c->line;
			const char *where = NULL;
			int found = 0;
			for (size_t k = 0; k < c->n; k++)
				if (c->offs[k] <= off) {
					where = c->locs[k];
					found = 1;
				}
			if (found && where) {
				isms_loc l = {where, 0, 0};
				isms_diag(level, &l, "%s", text);
				isms_diag_set_sink(translate, ctx);
				return;
			}
		}
		isms_loc l = {m->org->files[f], fi >= 0 && m->files[fi].dirty ? 0 : loc->line, loc->col};
		isms_diag(level, &l, "%s", text);
		isms_diag_set_sink(translate, ctx);
		return;
	}
	isms_diag(level, loc, "%s", text);
	isms_diag_set_sink(translate, ctx);
}

/* Copy every file of the organisation into a private folder, the new contents in
 * place of the changed ones, and load it as `validate` does. */
static int
validate_result(imp *m)
{
	char tmpl[PATH_MAX];
	const char *td = getenv("TMPDIR");
	snprintf(tmpl, sizeof tmpl, "%s/ismspack-import-XXXXXX", td && *td ? td : "/tmp");
	if (!mkdtemp(tmpl)) {
		isms_error(NULL, "cannot create a temporary folder in %s: %s", td && *td ? td : "/tmp",
		           strerror(errno));
		return ISMS_EXIT_CANTCREAT;
	}
	m->tmpdir = isms_arena_strdup(m->arena, tmpl);
	char *main_dir = realpath(m->org->files[0], NULL);
	char *slash = main_dir ? strrchr(main_dir, '/') : NULL;
	if (slash)
		*slash = 0;
	m->tmpnames = isms_arena_alloc(m->arena, m->org->nfiles * sizeof *m->tmpnames);
	int rc = 0;
	for (size_t f = 0; f < m->org->nfiles && !rc; f++) {
		char *real = realpath(m->org->files[f], NULL);
		size_t dl = main_dir ? strlen(main_dir) : 0;
		const char *rel = real && main_dir && !strncmp(real, main_dir, dl) && real[dl] == '/'
		                  ? real + dl + 1 : NULL;
		if (!rel) {
			isms_error(NULL, "%s lies outside the input's folder", m->org->files[f]);
			rc = ISMS_EXIT_SOFTWARE;
			free(real);
			break;
		}
		const char *to = isms_arena_printf(m->arena, "%s/%s", tmpl, rel);
		m->tmpnames[f] = to;
		char *d = dir_of(to);
		isms_fs_mkdir_p(d, 0700);
		free(d);
		int fi = file_index(m, m->org->files[f]);
		int w = fi >= 0 && m->files[fi].dirty
		      ? isms_fs_write_atomic(to, m->files[fi].out, (size_t)m->files[fi].outlen)
		      : isms_fs_copy(m->org->files[f], to);
		if (w < 0) {
			isms_error(NULL, "cannot write %s: %s", to, strerror(errno));
			rc = ISMS_EXIT_CANTCREAT;
		}
		free(real);
	}
	free(main_dir);
	if (!rc) {
		sink_ctx sc = {m};
		isms_diag_set_sink(translate, &sc);
		isms_org *o = NULL;
		rc = isms_load(m->tmpnames[0], &o);
		isms_diag_set_sink(NULL, NULL);
		isms_org_free(o);
	}
	isms_fs_remove_at(AT_FDCWD, tmpl);
	return rc;
}

int
isms_import(const char *const *paths, int nbooks, const char *into, int replace)
{
	imp mm = {0}, *m = &mm;
	m->arena = isms_arena_new();
	m->replace = replace;
	int rc = isms_load(into, &m->org);
	if (rc) {
		isms_diag(ISMS_NOTE, NULL, "%s must be valid before a workbook is imported into it; "
		          "fix it first", into);
		isms_arena_free(m->arena);
		return rc;
	}
	unsigned errors0 = isms_diag_errors();
	m->books = isms_xcalloc((size_t)nbooks, sizeof *m->books);
	m->nbooks = nbooks;
	wbook *full = NULL;
	for (int i = 0; i < nbooks; i++) {
		wbook *b = &m->books[i];
		b->path = paths[i];
		int r = isms_xlsx_open(&b->x, paths[i]);
		if (r) {
			rc = rc ? rc : r;
			continue;
		}
		for (int s = 0; s < ISMS_WB_SHEET_COUNT; s++)
			read_table(m, b, (enum isms_wb_sheet_id)s);
		for (int s = 0; s < ISMS_WB_SHEET_COUNT; s++)
			if (s != ISMS_WB_MEASUREMENTS && b->t[s].sh)
				b->full = 1;
		if (!b->full && !b->t[ISMS_WB_MEASUREMENTS].sh) {
			isms_error(whole(paths[i]), "has none of the sheets an input workbook "
			           "carries (單位, 人員, ..., 量測紀錄); write one with `ismspack workbook` "
			           "or `ismspack collect`");
			continue;
		}
		if (b->full) {
			if (full) {
				isms_error(whole(paths[i]), "a second input workbook (the first "
				           "is %s); import one input workbook at a time (collection "
				           "workbooks may come several at once)", full->path);
				continue;
			}
			full = b;
			static const enum isms_wb_sheet_id pairs[][2] = {
				{ISMS_WB_BODIES, ISMS_WB_ROLES}, {ISMS_WB_DOCUMENTS, ISMS_WB_REVISIONS},
				{ISMS_WB_OBJECTIVES, ISMS_WB_MEASUREMENTS}};
			for (int p = 0; p < 3; p++)
				for (int q = 0; q < 2; q++)
					if (b->t[pairs[p][q]].sh && !b->t[pairs[p][1 - q]].sh)
						isms_error(whole(paths[i]), "has the sheet %s but not %s; "
						           "they come together (or leave both out)",
						           isms_wb_sheets[pairs[p][q]].name,
						           isms_wb_sheets[pairs[p][1 - q]].name);
		}
	}
	if (!rc) {
		known k = {0};
		collect_ids(m, full, &k);
		for (int i = 0; i < nbooks; i++)
			check_book(m, &m->books[i], full, &k);
	}
	if (rc || isms_diag_errors() != errors0) {
		rc = rc ? rc : ISMS_EXIT_DATAERR;
		goto done;
	}

	/* The XML, raw, and the changes. */
	if (open_file(m, m->org->files[0]) != 0) {
		isms_error(NULL, "cannot read %s again", m->org->files[0]);
		rc = ISMS_EXIT_NOINPUT;
		goto done;
	}
	if (full && apply_full(m, full) < 0) {
		rc = ISMS_EXIT_SOFTWARE;
		goto done;
	}
	int merged = 0, kept = 0;
	for (int i = 0; i < nbooks; i++)
		if (!m->books[i].full && merge_book(m, &m->books[i], &merged, &kept) < 0) {
			rc = ISMS_EXIT_SOFTWARE;
			goto done;
		}
	if (isms_diag_errors() != errors0) {
		rc = ISMS_EXIT_DATAERR;
		goto done;
	}
	for (size_t f = 0; f < m->nfiles; f++)
		if (m->files[f].dirty)
			xmlDocDumpMemoryEnc(m->files[f].doc, &m->files[f].out, &m->files[f].outlen, "UTF-8");
	resolve_lines(m);
	rc = validate_result(m);
	if (rc) {
		isms_diag(ISMS_NOTE, NULL, "nothing was written; %s is as it was", into);
		goto done;
	}
	int written = 0;
	for (size_t f = 0; f < m->nfiles; f++) {
		xfile *x = &m->files[f];
		/* unchanged bytes are not rewritten */
		size_t len = 0;
		char *now = x->dirty ? isms_fs_read_file(x->path, &len, 1u << 30) : NULL;
		int same = now && len == (size_t)x->outlen && !memcmp(now, x->out, len);
		free(now);
		if (!x->dirty || same)
			continue;
		if (isms_fs_write_atomic(x->path, x->out, (size_t)x->outlen) < 0) {
			isms_error(NULL, "cannot write %s: %s", x->path, strerror(errno));
			rc = ISMS_EXIT_CANTCREAT;
			goto done;
		}
		isms_diag(ISMS_NOTE, NULL, "wrote %s", x->path);
		written++;
	}
	if (!full)
		isms_diag(ISMS_NOTE, NULL, "%d measurement%s merged, %d kept as recorded", merged,
		          merged == 1 ? "" : "s", kept);
	if (!written)
		isms_diag(ISMS_NOTE, NULL, "%s already holds what the workbook%s say%s; nothing to write",
		          into, nbooks > 1 ? "s" : "", nbooks > 1 ? "" : "s");
done:
	for (int i = 0; i < nbooks; i++)
		isms_xlsx_free(m->books[i].x);
	free(m->books);
	for (size_t f = 0; f < m->nfiles; f++) {
		xmlFreeDoc(m->files[f].doc);
		xmlFree(m->files[f].out);
		free(m->files[f].path);
	}
	free(m->files);
	for (size_t i = 0; i < m->nchunks; i++) {
		free(m->chunks[i].offs);
		free(m->chunks[i].locs);
	}
	free(m->chunks);
	free(kept_comments);
	kept_comments = NULL;
	nkept_comments = 0;
	isms_buf_free(&m->g);
	isms_org_free(m->org);
	isms_arena_free(m->arena);
	return rc;
}
