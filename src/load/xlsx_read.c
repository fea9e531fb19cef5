/* Reading an .xlsx workbook (load layer): the zip package through libzip, each part
 * through libxml2 (no network, no DTD), into plain cells: shared and inline strings,
 * numbers, booleans, and whether a number is shown as a date or a percentage. */
#include "xlsx_read.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/buf.h"
#include "xmltree.h"

/* The largest part read, uncompressed: far above any input workbook, far below a
 * zip bomb's reach. */
#define PART_MAX (64u * 1024 * 1024)
#define MAX_ROWS 100000
#define MAX_COLS 256

struct isms_xlsx {
	isms_arena *arena;
	isms_xlsx_sheet *sheets;
	size_t nsheets;
};

typedef struct reader {
	zip_t *zip;
	const char *path;
	isms_arena *arena;
	const char **strings; /* shared strings */
	size_t nstrings;
	unsigned char *xf_kind; /* per cellXfs index: 0 plain, 1 date, 2 percent */
	size_t nxf;
} reader;

/* The workbook as the place of a message (no line: a workbook has cells, not lines). */
static const isms_loc *
at(const char *path)
{
	static _Thread_local isms_loc loc;
	loc.file = path;
	loc.line = loc.col = 0;
	return &loc;
}

char *
isms_xlsx_col_name(int col, char *buf)
{
	char tmp[8];
	int n = 0;
	col++;
	while (col > 0 && n < 7) {
		int r = (col - 1) % 26;
		tmp[n++] = (char)('A' + r);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = 0;
	return buf;
}

/* The part's bytes (NUL-terminated), or NULL when absent (missing_ok) or unreadable. */
static char *
read_part(reader *r, const char *name, size_t *len, int missing_ok)
{
	zip_stat_t st;
	if (zip_stat(r->zip, name, 0, &st) < 0) {
		if (!missing_ok)
			isms_error(at(r->path), "not an xlsx workbook: it has no %s; "
			           "save it from Excel or LibreOffice as .xlsx", name);
		return NULL;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > PART_MAX) {
		isms_error(at(r->path), "%s is larger than %u MiB; this is not an "
		           "input workbook", name, PART_MAX >> 20);
		return NULL;
	}
	zip_file_t *f = zip_fopen(r->zip, name, 0);
	if (!f) {
		isms_error(at(r->path), "cannot read %s inside the workbook: %s",
		           name, zip_strerror(r->zip));
		return NULL;
	}
	char *buf = isms_xmalloc(st.size + 1);
	zip_int64_t n = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		isms_error(at(r->path), "%s inside the workbook is damaged; save "
		           "the workbook again", name);
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	*len = (size_t)n;
	return buf;
}

static xmlDoc *
parse_part(reader *r, const char *name, int missing_ok)
{
	size_t len;
	char *text = read_part(r, name, &len, missing_ok);
	if (!text)
		return NULL;
	xmlDoc *doc = xmlReadMemory(text, (int)len, name, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                            XML_PARSE_HUGE);
	free(text);
	if (!doc || doc->intSubset || !xmlDocGetRootElement(doc)) {
		isms_error(at(r->path), "%s inside the workbook is not well-formed "
		           "XML; save the workbook again from Excel or LibreOffice", name);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static const char *
attr(reader *r, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v) {
		/* r:id and friends: match the local name in any namespace */
		for (xmlAttr *a = n->properties; a; a = a->next)
			if (xmlStrEqual(a->name, (const xmlChar *)name)) {
				v = xmlNodeGetContent((xmlNode *)a);
				break;
			}
	}
	if (!v)
		return NULL;
	char *s = isms_arena_strdup(r->arena, (const char *)v);
	xmlFree(v);
	return s;
}

/* The text of a string item: <t> directly, or the <t> of every run <r>, skipping
 * phonetic runs (<rPh>). */
static void
string_item(xmlNode *si, isms_buf *b)
{
	EACH_CHILD(n, si) {
		if (is(n, "t")) {
			xmlChar *v = xmlNodeGetContent(n);
			if (v)
				isms_buf_puts(b, (const char *)v);
			xmlFree(v);
		} else if (is(n, "r")) {
			string_item(n, b);
		}
	}
}

static void
shared_strings(reader *r)
{
	xmlDoc *doc = parse_part(r, "xl/sharedStrings.xml", 1);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	size_t n = count(root, "si"), i = 0;
	r->strings = isms_arena_alloc(r->arena, (n + 1) * sizeof *r->strings);
	EACH_CHILD(si, root) {
		if (!is(si, "si"))
			continue;
		isms_buf b = {0};
		string_item(si, &b);
		r->strings[i++] = isms_arena_strdup(r->arena, b.data ? b.data : "");
		isms_buf_free(&b);
	}
	r->nstrings = i;
	xmlFreeDoc(doc);
}

/* 1 date, 2 percent, 0 otherwise, for a number format's code: letters y m d h s
 * outside quotes, escapes and [brackets] make a date; a bare % a percentage. */
static int
code_kind(const char *code)
{
	int kind = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (p[1])
				p++;
		} else if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
		} else if (strchr("yYdDhHsS", *p) || ((*p == 'm' || *p == 'M') && !kind)) {
			if (*p != 'm' && *p != 'M')
				return 1;
			kind = 1;
		} else if (*p == '%') {
			return 2;
		} else if (*p == ';') {
			break; /* the positive section decides */
		}
	}
	return kind;
}

static int
builtin_kind(long id)
{
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	    (id >= 50 && id <= 58))
		return 1;
	return id == 9 || id == 10 ? 2 : 0;
}

static void
styles(reader *r)
{
	xmlDoc *doc = parse_part(r, "xl/styles.xml", 1);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	struct { long id; int kind; } custom[256];
	size_t ncustom = 0;
	xmlNode *fmts = child(root, "numFmts");
	if (fmts)
		EACH_CHILD(n, fmts) {
			const char *id = attr(r, n, "numFmtId"), *code = attr(r, n, "formatCode");
			if (is(n, "numFmt") && id && code && ncustom < 256) {
				custom[ncustom].id = strtol(id, NULL, 10);
				custom[ncustom++].kind = code_kind(code);
			}
		}
	xmlNode *xfs = child(root, "cellXfs");
	size_t n = count(xfs, "xf"), i = 0;
	r->xf_kind = isms_arena_alloc(r->arena, n + 1);
	if (xfs)
		EACH_CHILD(xf, xfs) {
			if (!is(xf, "xf"))
				continue;
			const char *idtext = attr(r, xf, "numFmtId");
			long id = idtext ? strtol(idtext, NULL, 10) : 0;
			int kind = builtin_kind(id);
			for (size_t k = 0; k < ncustom; k++)
				if (custom[k].id == id)
					kind = custom[k].kind;
			r->xf_kind[i++] = (unsigned char)kind;
		}
	r->nxf = i;
	xmlFreeDoc(doc);
}

/* "B7" → row 6, col 1; -1 when malformed. */
static int
cell_ref(const char *ref, int *row, int *col)
{
	int c = 0, rr = 0;
	const char *p = ref;
	if (!(*p >= 'A' && *p <= 'Z'))
		return -1;
	for (; *p >= 'A' && *p <= 'Z'; p++)
		if ((c = c * 26 + (*p - 'A' + 1)) > MAX_COLS)
			return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((rr = rr * 10 + (*p - '0')) > MAX_ROWS)
			return -1;
	if (*p || rr < 1)
		return -1;
	*row = rr - 1;
	*col = c - 1;
	return 0;
}

static int
cell_cmp(const void *a, const void *b)
{
	const isms_cell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

static int
read_sheet(reader *r, const char *part, isms_xlsx_sheet *s)
{
	xmlDoc *doc = parse_part(r, part, 0);
	if (!doc)
		return -1;
	xmlNode *data = child(xmlDocGetRootElement(doc), "sheetData");
	/* Two passes: the extent and count, then the cells.  Stored sparse: a sheet
	 * with one cell at row 100000 costs one cell, not a grid. */
	int maxr = -1, maxc = -1;
	size_t ncells = 0;
	for (int pass = 0; pass < 2; pass++) {
		int row = -1;
		if (data)
			EACH_CHILD(rn, data) {
				if (!is(rn, "row"))
					continue;
				const char *rt = attr(r, rn, "r");
				row = rt ? atoi(rt) - 1 : row + 1;
				if (row < 0 || row >= MAX_ROWS)
					continue;
				int col = -1;
				EACH_CHILD(cn, rn) {
					if (!is(cn, "c"))
						continue;
					const char *ref = attr(r, cn, "r");
					int cr = row, cc = col + 1;
					if (ref && cell_ref(ref, &cr, &cc) < 0)
						continue;
					col = cc;
					if (cc >= MAX_COLS)
						continue;
					if (pass == 0) {
						if (cr > maxr)
							maxr = cr;
						if (cc > maxc)
							maxc = cc;
						ncells++;
						continue;
					}
					if (s->ncells >= ncells)
						continue;
					isms_cell *cell = &s->cells[s->ncells++];
					cell->row = cr;
					cell->col = cc;
					const char *t = attr(r, cn, "t"), *st = attr(r, cn, "s");
					xmlNode *v = child(cn, "v");
					xmlChar *vt = v ? xmlNodeGetContent(v) : NULL;
					if (t && !strcmp(t, "inlineStr")) {
						isms_buf b = {0};
						xmlNode *is_ = child(cn, "is");
						if (is_)
							string_item(is_, &b);
						cell->kind = ISMS_CELL_TEXT;
						cell->text = isms_arena_strdup(r->arena, b.data ? b.data : "");
						isms_buf_free(&b);
					} else if (!vt) {
						/* a formatted but empty cell */
					} else if (t && !strcmp(t, "s")) {
						long k = strtol((const char *)vt, NULL, 10);
						cell->kind = ISMS_CELL_TEXT;
						cell->text = k >= 0 && (size_t)k < r->nstrings ? r->strings[k] : "";
					} else if (t && (!strcmp(t, "str") || !strcmp(t, "e"))) {
						cell->kind = !strcmp(t, "e") ? ISMS_CELL_ERROR : ISMS_CELL_TEXT;
						cell->text = isms_arena_strdup(r->arena, (const char *)vt);
					} else if (t && !strcmp(t, "b")) {
						cell->kind = ISMS_CELL_BOOL;
						cell->num = atoi((const char *)vt);
					} else {
						char *end;
						cell->num = strtod((const char *)vt, &end);
						cell->kind = *end ? ISMS_CELL_TEXT : ISMS_CELL_NUMBER;
						if (*end)
							cell->text = isms_arena_strdup(r->arena, (const char *)vt);
						long xf = st ? strtol(st, NULL, 10) : 0;
						if (xf >= 0 && (size_t)xf < r->nxf) {
							cell->is_date = r->xf_kind[xf] == 1;
							cell->is_percent = r->xf_kind[xf] == 2;
						}
					}
					xmlFree(vt);
				}
			}
		if (pass == 0) {
			s->nrows = maxr + 1;
			s->ncols = maxc + 1;
			s->cells = isms_arena_alloc(r->arena, (ncells + 1) * sizeof *s->cells);
		}
	}
	qsort(s->cells, s->ncells, sizeof *s->cells, cell_cmp);
	xmlFreeDoc(doc);
	return 0;
}

int
isms_xlsx_open(isms_xlsx **out, const char *path)
{
	*out = NULL;
	int zerr = 0;
	zip_t *zip = zip_open(path, ZIP_RDONLY, &zerr);
	if (!zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		int noinput = zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ;
		if (noinput)
			isms_error(at(path), "cannot read: %s", zip_error_strerror(&ze));
		else
			isms_error(at(path), "not an xlsx workbook (%s); save it from "
			           "Excel or LibreOffice as .xlsx", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return noinput ? ISMS_EXIT_NOINPUT : ISMS_EXIT_DATAERR;
	}
	isms_xlsx *x = isms_xcalloc(1, sizeof *x);
	x->arena = isms_arena_new();
	reader r = {zip, path, x->arena, NULL, 0, NULL, 0};
	int rc = 0;
	shared_strings(&r);
	styles(&r);

	/* Sheet names → relationship ids → parts. */
	xmlDoc *wb = parse_part(&r, "xl/workbook.xml", 0);
	xmlDoc *rels = wb ? parse_part(&r, "xl/_rels/workbook.xml.rels", 0) : NULL;
	if (!wb || !rels) {
		rc = ISMS_EXIT_DATAERR;
		goto done;
	}
	xmlNode *sheets = child(xmlDocGetRootElement(wb), "sheets");
	size_t n = count(sheets, "sheet");
	x->sheets = isms_arena_alloc(x->arena, (n + 1) * sizeof *x->sheets);
	if (sheets)
		EACH_CHILD(sn, sheets) {
			if (!is(sn, "sheet"))
				continue;
			const char *name = attr(&r, sn, "name"), *rid = attr(&r, sn, "id");
			const char *target = NULL;
			EACH_CHILD(rel, xmlDocGetRootElement(rels)) {
				const char *id = attr(&r, rel, "Id");
				if (rid && id && !strcmp(id, rid))
					target = attr(&r, rel, "Target");
			}
			if (!name || !target)
				continue;
			char part[512];
			if (target[0] == '/')
				snprintf(part, sizeof part, "%s", target + 1);
			else
				snprintf(part, sizeof part, "xl/%s", target);
			isms_xlsx_sheet *s = &x->sheets[x->nsheets];
			s->name = name;
			if (read_sheet(&r, part, s) < 0) {
				rc = ISMS_EXIT_DATAERR;
				continue;
			}
			x->nsheets++;
		}
done:
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	zip_discard(zip);
	if (rc) {
		isms_xlsx_free(x);
		return rc;
	}
	*out = x;
	return 0;
}

const isms_xlsx_sheet *
isms_xlsx_sheet_named(const isms_xlsx *x, const char *name)
{
	for (size_t i = 0; i < x->nsheets; i++)
		if (!strcmp(x->sheets[i].name, name))
			return &x->sheets[i];
	return NULL;
}

const isms_cell *
isms_xlsx_cell(const isms_xlsx_sheet *s, int row, int col)
{
	static const isms_cell empty = {0, 0, ISMS_CELL_EMPTY, NULL, 0, 0, 0};
	isms_cell key = {row, col, ISMS_CELL_EMPTY, NULL, 0, 0, 0};
	const isms_cell *c = s->ncells ? bsearch(&key, s->cells, s->ncells, sizeof *s->cells, cell_cmp)
	                               : NULL;
	return c ? c : &empty;
}

void
isms_xlsx_free(isms_xlsx *x)
{
	if (!x)
		return;
	isms_arena_free(x->arena);
	free(x);
}
