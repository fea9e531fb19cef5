/* Layout (typeset layer): the document tree → pages of positioned glyph runs and
 * shapes, with running headers (頁次 X / Y), bookmarks, a table of contents and
 * subset fonts.  No I/O besides the fonts. */
#include "doc.h"
#include "fonts.h"
#include "lines.h"
#include "typeset/pages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/utf8.h"

#define A4_W 595.276
#define A4_H 841.89
#define CELL_PAD 3.0
#define HEADER_ROW 17.0

typedef struct toc_line {
	int page;           /* where the TOC line is */
	double y, x0, x1;   /* baseline and horizontal extent */
	size_t mark;        /* the bookmark it points at */
	double size;
} toc_line;

struct isms_layout_priv {
	isms_arena *a;
	unsigned char *used[ISMS_MAX_FONTS]; /* bitmaps of code points per font */
	unsigned char *header_on;         /* per page */
	size_t header_cap;
	toc_line *toc;
	size_t ntoc, cap_toc;
	size_t toc_first_mark;
	struct tab **tabs;                /* tables measured ahead of drawing */
	size_t ntabs, cap_tabs;
	struct nl_memo {                  /* paragraph blocks shaped ahead (keeps) */
		size_t n;                     /* lines + 1; 0 unknown */
		double pw, margin;
		glyph *g;                     /* kept for the paragraph to draw */
		line *ln;
		size_t ng;
	} *nl_cache;
};

typedef struct lay {
	isms_doc *doc;
	isms_layout *out;
	struct isms_layout_priv *p;
	double pw, ph, margin;
	int landscape, header, page_open;
	double y;                     /* distance from the top of the page */
	size_t cap_pages, cap_marks;
	const char *where;
} lay;

/* ---------- pages and drawing ---------- */

static isms_page *
cur(lay *L)
{
	return &L->out->pages[L->out->npages - 1];
}

static double
header_height(lay *L)
{
	return (L->doc->info.org_name ? 20 : 0) + 2 * HEADER_ROW + 14;
}

static double
top(lay *L)
{
	return L->margin + (L->header ? header_height(L) : 0);
}

static double
bottom(lay *L)
{
	return L->ph - L->margin;
}

static void
new_page(lay *L)
{
	isms_layout *o = L->out;
	if (o->npages == L->cap_pages) {
		L->cap_pages = L->cap_pages ? L->cap_pages * 2 : 16;
		isms_page *np = isms_arena_alloc(L->p->a, L->cap_pages * sizeof *np);
		if (o->npages)
			memcpy(np, o->pages, o->npages * sizeof *np);
		o->pages = np;
		unsigned char *h = isms_arena_alloc(L->p->a, L->cap_pages);
		if (o->npages)
			memcpy(h, L->p->header_on, o->npages);
		L->p->header_on = h;
	}
	isms_page *pg = &o->pages[o->npages++];
	memset(pg, 0, sizeof *pg);
	pg->w = L->pw;
	pg->h = L->ph;
	L->p->header_on[o->npages - 1] = (unsigned char)L->header;
	L->y = top(L);
	L->page_open = 1;
}

static void
ensure(lay *L, double h)
{
	if (!L->page_open || (L->y + h > bottom(L) + 1e-6 && L->y > top(L) + 1e-6))
		new_page(L);
}

static isms_run *
add_run(lay *L, isms_page *pg)
{
	if (pg->nruns == pg->cap_runs) {
		size_t nc = pg->cap_runs ? pg->cap_runs * 2 : 64;
		isms_run *r = isms_arena_alloc(L->p->a, nc * sizeof *r);
		if (pg->nruns)
			memcpy(r, pg->runs, pg->nruns * sizeof *r);
		pg->runs = r;
		pg->cap_runs = nc;
	}
	isms_run *r = &pg->runs[pg->nruns++];
	memset(r, 0, sizeof *r);
	return r;
}

static isms_shape *
add_shape(lay *L, isms_page *pg, enum isms_shape_kind k)
{
	if (pg->nshapes == pg->cap_shapes) {
		size_t nc = pg->cap_shapes ? pg->cap_shapes * 2 : 32;
		isms_shape *s = isms_arena_alloc(L->p->a, nc * sizeof *s);
		if (pg->nshapes)
			memcpy(s, pg->shapes, pg->nshapes * sizeof *s);
		pg->shapes = s;
		pg->cap_shapes = nc;
	}
	isms_shape *s = &pg->shapes[pg->nshapes++];
	memset(s, 0, sizeof *s);
	s->kind = k;
	s->fill = -1;
	s->stroke = -1;
	s->width = 0.5;
	return s;
}

/* A rectangle given top-down (x, y from the page's top-left). */
static void
rect(lay *L, isms_page *pg, double x, double y, double w, double h, double fill, double stroke,
     double width)
{
	isms_shape *s = add_shape(L, pg, ISMS_SH_RECT);
	s->x = x;
	s->y = pg->h - y - h;
	s->w = w;
	s->h = h;
	s->fill = fill;
	s->stroke = stroke;
	s->width = width;
}

static void
hline(lay *L, isms_page *pg, double x1, double y1, double x2, double y2, double width,
      double grey, int dashed, int arrow)
{
	isms_shape *s = add_shape(L, pg, ISMS_SH_LINE);
	s->pts[0] = x1;
	s->pts[1] = pg->h - y1;
	s->pts[2] = x2;
	s->pts[3] = pg->h - y2;
	s->stroke = grey;
	s->width = width;
	s->dashed = dashed;
	s->arrow = arrow;
}

static void
mark_used(lay *L, int font, uint32_t cp)
{
	if (!L->p->used[font])
		L->p->used[font] = isms_xcalloc(0x110000 / 8, 1);
	L->p->used[font][cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Draw glyphs [a, b) of one line starting at x (page coordinates, top-down
 * baseline y), spreading `extra` between adjacent CJK characters. */
static void
draw_line(lay *L, isms_page *pg, const glyph *g, size_t a, size_t b, double x, double base,
          double size, double extra, double grey)
{
	isms_buf u = {0};
	size_t i = a;
	while (i < b) {
		if (g[i].font < 0) { /* missing: already reported, never a blank box */
			x += g[i].w;
			i++;
			continue;
		}
		/* a run: same font and boldness; CJK-to-CJK gaps all spread, or none */
		size_t j = i + 1;
		int spread = extra > 0 && j < b && g[i].cjk && g[j].cjk;
		while (j < b && g[j].font == g[i].font && g[j].bold == g[i].bold &&
		       (extra <= 0 || (spread == (g[j - 1].cjk && g[j].cjk))))
			j++;
		isms_buf_clear(&u);
		double w = 0;
		int ink = 0;
		for (size_t k = i; k < j; k++) {
			w += g[k].w;
			ink |= !g[k].space;
		}
		if (!ink) { /* spaces alone draw nothing: no run, no glyph to embed */
			x += w + (spread ? extra * (double)(j - i - 1) : 0);
			if (j < b && extra > 0 && g[j - 1].cjk && g[j].cjk)
				x += extra;
			i = j;
			continue;
		}
		for (size_t k = i; k < j; k++) {
			char e[4];
			isms_buf_append(&u, e, isms_utf8_encode(g[k].cp, e));
			mark_used(L, g[k].font, g[k].cp);
		}
		isms_run *r = add_run(L, pg);
		r->font = g[i].font;
		r->synth_bold = g[i].bold && !fonts_is_bold(g[i].font);
		r->size = size;
		r->x = x;
		r->y = pg->h - base;
		r->grey = grey;
		r->char_space = spread ? extra : 0;
		r->utf8 = isms_arena_strdup(L->p->a, u.data ? u.data : "");
		r->width = w;
		x += w + (spread ? extra * (double)(j - i - 1) : 0);
		if (j < b && extra > 0 && g[j - 1].cjk && g[j].cjk)
			x += extra;
		i = j;
	}
	isms_buf_free(&u);
}

/* Gaps between adjacent CJK characters of a line (where justification spreads). */
static int
cjk_gaps(const glyph *g, size_t a, size_t b)
{
	int n = 0;
	for (size_t i = a; i + 1 < b; i++)
		n += g[i].cjk && g[i + 1].cjk;
	return n;
}

/* Draw line ln of g from x, and the hyphen that ends it at a hyphenation point. */
static void
draw_text_line(lay *L, isms_page *pg, const glyph *g, const line *ln, double x, double base,
               double size, double extra, double grey)
{
	draw_line(L, pg, g, ln->start, ln->end, x, base, size, extra, grey);
	if (!ln->hyphen || ln->end == ln->start)
		return;
	glyph h = g[ln->end - 1];
	h.cp = '-';
	h.font = fonts_pick('-', h.bold, 0);
	h.w = h.hw;
	if (h.font < 0)
		return;
	double xe = x + ln->width - h.hw + extra * cjk_gaps(g, ln->start, ln->end);
	draw_line(L, pg, &h, 0, 1, xe, base, size, 0, grey);
}

/* Emit wrapped text in a box [x, x + w) from y (top-down), returning its height. */
static double
text_block(lay *L, const char *text, double x, double w, double y, double size, double leading,
           int bold, int kai, enum isms_align align, double grey, int dry)
{
	glyph *g;
	line *ln;
	size_t n = lines_shape(text, size, bold, kai, &g, &L->out->missing, L->where);
	size_t nl = lines_fill(g, n, w, &ln);
	if (!dry) {
		isms_page *pg = cur(L);
		for (size_t k = 0; k < nl; k++) {
			double base = y + k * leading + (leading - size) / 2 + size * 0.86;
			double lx = x, extra = 0;
			if (align == ISMS_CENTER)
				lx = x + (w - ln[k].width) / 2;
			else if (align == ISMS_RIGHT)
				lx = x + w - ln[k].width;
			else if (align == ISMS_JUSTIFY && !ln[k].last) {
				int gaps = cjk_gaps(g, ln[k].start, ln[k].end);
				double slack = w - ln[k].width;
				if (gaps && slack > 0 && slack / gaps < size * 0.25)
					extra = slack / gaps;
			}
			draw_text_line(L, pg, g, &ln[k], lx, base, size, extra, grey);
		}
	}
	free(g);
	free(ln);
	return nl * leading;
}

/* ---------- styles ---------- */

typedef struct style {
	double size, leading, before, after, grey;
	int bold, kai;
} style;

static style
style_of(enum isms_style s)
{
	switch (s) {
	case ISMS_SECONDARY: return (style){9, 13.5, 0, 4, 0.35, 0, 0};
	case ISMS_SMALL: return (style){9, 14, 2, 2, 0, 0, 0};
	case ISMS_TITLE: return (style){20, 30, 6, 10, 0, 1, 1};
	case ISMS_SUBTITLE: return (style){14, 22, 4, 6, 0, 0, 1};
	case ISMS_FIELD: return (style){11, 18, 2, 2, 0, 0, 0};
	case ISMS_BODY:
	default: return (style){11, 19, 0, 5, 0, 0, 0};
	}
}

static double
measure(const char *text, double size, int bold, unsigned *missing)
{
	glyph *g;
	size_t n = lines_shape(text, size, bold, 0, &g, missing, NULL);
	double w = lines_width(g, 0, n);
	free(g);
	return w;
}

/* A paragraph with a hanging label, split across pages at line boundaries. */
static void
paragraph(lay *L, const char *label, const char *text, style st, double indent,
          enum isms_align align, double keep_after, size_t blk)
{
	double x0 = L->margin + indent;
	double tw = L->pw - 2 * L->margin - indent;
	double lw = 0;
	if (label && *label) {
		lw = measure(label, st.size, st.bold, &L->out->missing) + st.size * 0.5;
		if (lw > tw / 2)
			lw = tw / 2;
	}
	glyph *g;
	line *ln;
	size_t nl;
	struct nl_memo *memo = blk != (size_t)-1 && L->p->nl_cache ? &L->p->nl_cache[blk] : NULL;
	if (memo && memo->n && memo->g && memo->pw == L->pw && memo->margin == L->margin) {
		/* shaped already, when a keep rule measured it */
		g = memo->g;
		ln = memo->ln;
		nl = memo->n - 1;
		memo->g = NULL;
		memo->ln = NULL;
	} else {
		size_t n = lines_shape(text, st.size, st.bold, st.kai, &g, &L->out->missing, L->where);
		nl = lines_fill(g, n, tw - lw, &ln);
	}
	if (L->page_open && L->y > top(L) + 1e-6)
		L->y += st.before;
	/* a heading or caption whole with the start of what follows (keep_after);
	 * other paragraphs never leave their first line alone at a page's foot,
	 * and one of three lines, which the widow rule below would split 1 + 2,
	 * stays whole */
	ensure(L, keep_after > 0 ? nl * st.leading + keep_after : (double)(nl <= 3 ? nl : 2) * st.leading);
	for (size_t k = 0; k < nl; k++) {
		/* widows: never leave a single last line alone at the top of a page */
		ensure(L, (k + 2 == nl ? 2 : 1) * st.leading);
		isms_page *pg = cur(L);
		double base = L->y + (st.leading - st.size) / 2 + st.size * 0.86;
		if (k == 0 && lw > 0) {
			glyph *lg;
			size_t m = lines_shape(label, st.size, st.bold, st.kai, &lg, &L->out->missing, NULL);
			draw_line(L, pg, lg, 0, m, x0, base, st.size, 0, st.grey);
			free(lg);
		}
		double lx = x0 + lw, extra = 0;
		double avail = tw - lw;
		if (align == ISMS_CENTER)
			lx = x0 + (tw - ln[k].width) / 2;
		else if (align == ISMS_RIGHT)
			lx = x0 + tw - ln[k].width;
		else if (align == ISMS_JUSTIFY && !ln[k].last) {
			int gaps = cjk_gaps(g, ln[k].start, ln[k].end);
			double slack = avail - ln[k].width;
			if (gaps && slack > 0 && slack / gaps < st.size * 0.25)
				extra = slack / gaps;
		}
		draw_text_line(L, pg, g, &ln[k], lx, base, st.size, extra, st.grey);
		L->y += st.leading;
	}
	L->y += st.after;
	free(g);
	free(ln);
}

/* ---------- tables ---------- */

typedef struct cell_lay {
	glyph *g;
	line *ln;
	size_t ng, nl;
	double x, w;
	double size;       /* > 0: set smaller than the table so a name fits whole */
} cell_lay;

static void
draw_cell_lines(lay *L, isms_page *pg, const cell *c, cell_lay *cl, size_t from, size_t to,
                double y, double h, double size, double leading)
{
	if (cl->size > 0) {
		size = cl->size;
		leading = size * 1.38;
	}
	double content = (double)(to - from) * leading;
	double y0 = y + (h - content) / 2; /* centred vertically */
	for (size_t k = from; k < to; k++) {
		double base = y0 + (double)(k - from) * leading + (leading - size) / 2 + size * 0.86;
		double inner = cl->w - 2 * CELL_PAD;
		double lx = cl->x + CELL_PAD, extra = 0;
		if (c->align == ISMS_CENTER)
			lx += (inner - cl->ln[k].width) / 2;
		else if (c->align == ISMS_RIGHT)
			lx += inner - cl->ln[k].width;
		else if (c->align == ISMS_JUSTIFY && !cl->ln[k].last) {
			int gaps = cjk_gaps(cl->g, cl->ln[k].start, cl->ln[k].end);
			double slack = inner - cl->ln[k].width;
			if (gaps && slack > 0 && slack / gaps < size * 0.25)
				extra = slack / gaps;
		}
		draw_text_line(L, pg, cl->g, &cl->ln[k], lx, base, size, extra, 0);
	}
}

/* Record the free part of a signature cell drawn at (cl->x, y) h tall: below its
 * (vertically centred) lines, inside its border, in PDF coordinates. */
static void
add_slot(lay *L, isms_page *pg, const char *name, const cell_lay *cl, double y, double h,
         double size, double leading)
{
	if (cl->size > 0) {
		size = cl->size;
		leading = size * 1.38;
	}
	double content = (double)cl->nl * leading;
	double text_bottom = cl->nl ? y + (h - content) / 2 + content : y;
	double top = text_bottom + 1, bot = y + h - 1.5;
	if (bot - top < 6)
		return; /* no room for a signature's appearance */
	isms_slot *s = isms_arena_alloc(L->p->a, (pg->nslots + 1) * sizeof *s);
	if (pg->nslots)
		memcpy(s, pg->slots, pg->nslots * sizeof *s);
	s[pg->nslots] = (isms_slot){isms_arena_strdup(L->p->a, name), cl->x + 1.5, L->ph - bot,
	                            cl->w - 3, bot - top};
	pg->slots = s;
	pg->nslots++;
}

/* Widen the columns too narrow for a name, a date, an id or a word piece of one
 * of their cells, taking the width from columns that have room to spare, as a
 * typesetter sets a table.  Every column first gets room for its pieces with
 * names broken at their own places; then, cheapest first, cells get room for
 * their names whole while the table's width allows (a name wider than 3/4 of
 * the table always breaks), then for their words unhyphenated.  colx (ncols + 1 edges) is
 * updated. */
static void
widen_columns(const isms_table *t, const cell_lay *cl, double *colx)
{
	int nc = t->ncols;
	double tw = colx[nc] - colx[0];
	double *w = isms_xcalloc((size_t)nc, sizeof *w), *loose = isms_xcalloc((size_t)nc, sizeof *loose);
	double *whole = isms_xcalloc(t->ncells + 1, sizeof *whole), *need = isms_xcalloc((size_t)nc, sizeof *need);
	double *words = isms_xcalloc(t->ncells + 1, sizeof *words);
	for (int c = 0; c < nc; c++)
		w[c] = colx[c + 1] - colx[c];
	for (size_t i = 0; i < t->ncells; i++) {
		const cell *c = &t->cells[i];
		if (c->colspan != 1)
			continue;
		double pad = 2 * CELL_PAD + 0.5;
		double a = lines_min_width(cl[i].g, cl[i].ng, 0, 0) + pad;
		whole[i] = lines_min_width(cl[i].g, cl[i].ng, tw * 0.75, 0) + pad;
		words[i] = lines_min_width(cl[i].g, cl[i].ng, tw * 0.75, 1) + pad;
		if (a > loose[c->col])
			loose[c->col] = a;
	}
	double sum = 0;
	for (int c = 0; c < nc; c++)
		sum += need[c] = loose[c];
	/* names first, then words left unhyphenated where there is room */
	for (int pass = 0; pass < 2 && sum <= tw; pass++) {
		const double *want = pass ? words : whole;
		for (;;) { /* the cheapest step that makes one more cell whole and fits */
			size_t best = (size_t)-1;
			double cost = 0;
			for (size_t i = 0; i < t->ncells; i++) {
				int c = t->cells[i].col;
				double d = want[i] - need[c];
				if (t->cells[i].colspan == 1 && d > 1e-6 && sum + d <= tw && (best == (size_t)-1 || d < cost)) {
					best = i;
					cost = d;
				}
			}
			if (best == (size_t)-1)
				break;
			sum += cost;
			need[t->cells[best].col] = want[best];
		}
	}
	double deficit = 0, surplus = 0;
	for (int c = 0; c < nc; c++) {
		if (need[c] > w[c])
			deficit += need[c] - w[c];
		else
			surplus += w[c] - need[c];
	}
	if (deficit > 1e-6) {
		double give = deficit < surplus ? deficit / surplus : 1, take = deficit < surplus ? 1 : surplus / deficit;
		for (int c = 0; c < nc; c++)
			w[c] = need[c] > w[c] ? w[c] + (need[c] - w[c]) * take : w[c] - (w[c] - need[c]) * give;
	}
	for (int c = 0; c < nc; c++)
		colx[c + 1] = colx[c] + w[c];
	free(w);
	free(loose);
	free(whole);
	free(words);
	free(need);
}

/* A table measured for the page: cells shaped and filled, column edges, row
 * heights, and its rows in groups that move to a new page together. */
typedef struct tab {
	isms_table *t;
	double pw, margin;            /* the section it was measured for */
	double size, leading;
	double *colx, *rh;
	cell_lay *cl;
	int nrows, hdr, ngroups;
	int *gs, *ge;                 /* groups: rows [gs, ge] */
	double *gh;
	double hdr_h, total;
} tab;

static void
tab_free(tab *T)
{
	if (!T)
		return;
	for (size_t i = 0; i < T->t->ncells; i++) {
		free(T->cl[i].g);
		free(T->cl[i].ln);
	}
	free(T->cl);
	free(T->rh);
	free(T->colx);
	free(T->gs);
	free(T->ge);
	free(T->gh);
	free(T);
}

static tab *
tab_measure(lay *L, isms_table *t)
{
	tab *T = isms_xcalloc(1, sizeof *T);
	T->t = t;
	T->pw = L->pw;
	T->margin = L->margin;
	double tw = L->pw - 2 * L->margin, size = t->font_size, leading = size * 1.38;
	T->size = size;
	T->leading = leading;
	double *colx = T->colx = isms_xcalloc((size_t)t->ncols + 1, sizeof *colx);
	colx[0] = L->margin;
	for (int c = 0; c < t->ncols; c++)
		colx[c + 1] = colx[c] + t->widths[c] * tw;
	int nrows = T->nrows = t->nrows;
	cell_lay *cl = T->cl = isms_xcalloc(t->ncells + 1, sizeof *cl);
	double *rh = T->rh = isms_xcalloc((size_t)nrows + 1, sizeof *rh);
	T->gs = isms_xcalloc((size_t)nrows + 1, sizeof *T->gs);
	T->ge = isms_xcalloc((size_t)nrows + 1, sizeof *T->ge);
	T->gh = isms_xcalloc((size_t)nrows + 1, sizeof *T->gh);
	if (nrows == 0)
		return T;
	for (size_t i = 0; i < t->ncells; i++) {
		cell *c = &t->cells[i];
		cl[i].ng = lines_shape(c->text, size, c->bold, 0, &cl[i].g, &L->out->missing, L->where);
	}
	widen_columns(t, cl, colx);
	for (size_t i = 0; i < t->ncells; i++) {
		cell *c = &t->cells[i];
		cl[i].x = colx[c->col];
		cl[i].w = colx[c->col + c->colspan] - colx[c->col];
		/* a name the column could not make room for: set the cell smaller, down
		 * to four fifths, before breaking the name */
		double inner = cl[i].w - 2 * CELL_PAD, m = lines_min_width(cl[i].g, cl[i].ng, tw * 0.75, 0);
		if (m > inner + 0.01 && m * 0.8 <= inner && lines_min_width(cl[i].g, cl[i].ng, 0, 0) < m) {
			cl[i].size = floor(size * inner / m * 100) / 100;
			free(cl[i].g);
			cl[i].ng = lines_shape(c->text, cl[i].size, c->bold, 0, &cl[i].g, &L->out->missing, L->where);
		}
		cl[i].nl = lines_fill(cl[i].g, cl[i].ng, inner, &cl[i].ln);
		if (cl[i].ng == 0)
			cl[i].nl = 0;
	}
	for (int r = 0; r < nrows; r++)
		rh[r] = t->min_h[r] > 0 ? t->min_h[r] : leading + 2 * CELL_PAD;
	for (size_t i = 0; i < t->ncells; i++) {
		cell *c = &t->cells[i];
		double need = (double)cl[i].nl * (cl[i].size > 0 ? cl[i].size * 1.38 : leading) + 2 * CELL_PAD;
		/* a signature cell keeps room for a signature below its (centred) text,
		 * as much as under one line in a 56 pt row: a name on two lines grows it */
		if (c->slot)
			need += 2 * 21 - 2 * CELL_PAD;
		if (c->rowspan == 1 && need > rh[c->row])
			rh[c->row] = need;
	}
	for (size_t i = 0; i < t->ncells; i++) {
		cell *c = &t->cells[i];
		if (c->rowspan == 1)
			continue;
		double need = (double)cl[i].nl * (cl[i].size > 0 ? cl[i].size * 1.38 : leading) + 2 * CELL_PAD, have = 0;
		int last = c->row + c->rowspan - 1 < nrows ? c->row + c->rowspan - 1 : nrows - 1;
		for (int r = c->row; r <= last; r++)
			have += rh[r];
		if (need > have)
			rh[last] += need - have;
	}
	/* rows joined by a rowspan move to a new page together */
	int *group_end = isms_xcalloc((size_t)nrows + 1, sizeof *group_end);
	for (int r = 0; r < nrows; r++)
		group_end[r] = r;
	for (size_t i = 0; i < t->ncells; i++) {
		cell *c = &t->cells[i];
		int e = c->row + c->rowspan - 1;
		if (e >= nrows)
			e = nrows - 1;
		for (int r = c->row; r <= e; r++)
			if (group_end[r] < e)
				group_end[r] = e;
	}
	for (int r = 0; r < nrows;) {
		int e = group_end[r];
		for (int k = r; k <= e; k++)
			if (group_end[k] > e)
				e = group_end[k];
		double gh = 0;
		for (int k = r; k <= e; k++)
			gh += rh[k];
		T->gs[T->ngroups] = r;
		T->ge[T->ngroups] = e;
		T->gh[T->ngroups++] = gh;
		T->total += gh;
		r = e + 1;
	}
	free(group_end);
	T->hdr = t->header_rows < nrows ? t->header_rows : 0;
	for (int r = 0; r < T->hdr; r++)
		T->hdr_h += rh[r];
	if (T->hdr_h > (bottom(L) - top(L)) / 2) { /* too tall to repeat on every page */
		T->hdr = 0;
		T->hdr_h = 0;
	}
	return T;
}

/* The table measured for the current section (measured once: a heading that
 * keeps with it measures it before it is drawn). */
static tab *
tab_get(lay *L, isms_table *t)
{
	struct isms_layout_priv *p = L->p;
	for (size_t i = 0; i < p->ntabs; i++)
		if (p->tabs[i]->t == t) {
			if (p->tabs[i]->pw == L->pw && p->tabs[i]->margin == L->margin)
				return p->tabs[i];
			tab_free(p->tabs[i]);
			p->tabs[i] = p->tabs[--p->ntabs];
			break;
		}
	if (p->ntabs == p->cap_tabs) {
		p->cap_tabs = p->cap_tabs ? p->cap_tabs * 2 : 8;
		p->tabs = isms_xrealloc(p->tabs, p->cap_tabs * sizeof *p->tabs);
	}
	return p->tabs[p->ntabs++] = tab_measure(L, t);
}

static void
tab_done(lay *L, tab *T)
{
	struct isms_layout_priv *p = L->p;
	for (size_t i = 0; i < p->ntabs; i++)
		if (p->tabs[i] == T) {
			p->tabs[i] = p->tabs[--p->ntabs];
			break;
		}
	tab_free(T);
}

/* The height of the first group of body rows a page must show under the
 * header (two lines of it when it is taller and may split). */
static double
tab_first_body(const tab *T)
{
	for (int g = 0; g < T->ngroups; g++)
		if (T->gs[g] >= T->hdr) {
			double two = 2 * T->leading + 2 * CELL_PAD;
			return T->gh[g] > two && T->gs[g] == T->ge[g] ? two : T->gh[g];
		}
	return 0;
}

/* Whether the table moves to a new page whole: one kept with what precedes it
 * (a signature block), or a small one without header rows. */
static int
tab_whole(lay *L, const tab *T)
{
	double page = bottom(L) - top(L);
	return T->total + 6 <= page && (T->t->keep_prev || (T->hdr == 0 && T->total <= page / 5));
}

/* Draw the table; tail is the height of what must stay on the page of its last
 * rows (a signature block kept with it), 0 for none. */
static void
table(lay *L, isms_table *t, double tail)
{
	if (t->nrows == 0)
		return;
	tab *T = tab_get(L, t);
	double size = T->size, leading = T->leading, *rh = T->rh;
	cell_lay *cl = T->cl;
	int nrows = T->nrows, hdr = T->hdr;
	double hdr_h = T->hdr_h, page = bottom(L) - top(L);
	if (tab_whole(L, T))
		ensure(L, T->total + 6 + (t->keep_prev ? tail : 0));
	else if (hdr) /* the header rows with (two lines of) the first body row */
		ensure(L, hdr_h + tab_first_body(T));

	/* draw rows [r0, r1] at L->y; lines of split cells start at line `from` */
	int drawn_on_page = 0, last = T->ngroups - 1;
	for (int gi = 0; gi < T->ngroups; gi++) {
		int r = T->gs[gi], e = T->ge[gi];
		double gh = T->gh[gi];
		int is_header = r < hdr;
		double need = gh + (!is_header && !drawn_on_page && hdr ? hdr_h : 0);
		/* widows: the last body row never goes to a page alone; the last rows
		 * stay with the block kept with them (a signature) */
		if (!is_header && gi == last - 1 && gi > 0 && T->gs[gi - 1] >= hdr &&
		    hdr_h + gh + T->gh[last] + tail <= page && L->y + need + T->gh[last] + tail > bottom(L) + 1e-6)
			need += T->gh[last] + tail;
		else if (!is_header && gi == last && tail > 0 && hdr_h + gh + tail <= page)
			need += tail;
		if (!L->page_open || L->y + need > bottom(L) + 1e-6) {
			double full = bottom(L) - top(L) - hdr_h;
			if (gh <= full || L->y + hdr_h + 3 * leading > bottom(L) || !L->page_open) {
				new_page(L);
				drawn_on_page = 0;
			}
		}
		if (!is_header && !drawn_on_page && hdr && r >= hdr) {
			/* repeat the header rows at the top of this page */
			double y = L->y;
			for (size_t i = 0; i < t->ncells; i++) {
				cell *c = &t->cells[i];
				if (c->row >= hdr)
					continue;
				double h = 0;
				for (int k = c->row; k < c->row + c->rowspan && k < hdr; k++)
					h += rh[k];
				double cy = y;
				for (int k = 0; k < c->row; k++)
					cy += rh[k];
				isms_page *pg = cur(L);
				rect(L, pg, cl[i].x, cy, cl[i].w, h, c->grey < 1 ? c->grey : -1, 0, 0.6);
				draw_cell_lines(L, pg, c, &cl[i], 0, cl[i].nl, cy, h, size, leading);
			}
			L->y += hdr_h;
		}
		drawn_on_page = 1;
		double avail = bottom(L) - L->y;
		if (gh > avail + 1e-6 && r == e) {
			/* a row taller than what is left: split its lines across pages */
			size_t *from = isms_xcalloc(t->ncells + 1, sizeof *from);
			double left = gh;
			/* until every line of every cell is drawn: each piece pays its own
			 * padding, so the row's height alone would stop short of the end */
			for (int done = 0; !done;) {
				avail = bottom(L) - L->y;
				size_t fit = (size_t)floor((avail - 2 * CELL_PAD) / leading);
				if (fit < 1) {
					new_page(L);
					drawn_on_page = 0;
					continue;
				}
				double h = 0;
				done = 1;
				for (size_t i = 0; i < t->ncells; i++) {
					cell *c = &t->cells[i];
					if (c->row != r)
						continue;
					size_t to = from[i] + fit < cl[i].nl ? from[i] + fit : cl[i].nl;
					double ch = (double)(to - from[i]) * leading + 2 * CELL_PAD;
					if (ch > h)
						h = ch;
					if (to < cl[i].nl)
						done = 0;
				}
				if (done && h < left)
					h = left;
				if (h > avail)
					h = avail;
				isms_page *pg = cur(L);
				for (size_t i = 0; i < t->ncells; i++) {
					cell *c = &t->cells[i];
					if (c->row != r)
						continue;
					size_t to = from[i] + fit < cl[i].nl ? from[i] + fit : cl[i].nl;
					rect(L, pg, cl[i].x, L->y, cl[i].w, h, c->grey < 1 ? c->grey : -1, 0, 0.6);
					draw_cell_lines(L, pg, c, &cl[i], from[i], to, L->y, h, size, leading);
					from[i] = to;
				}
				L->y += h;
				left -= h;
				if (!done) {
					new_page(L);
					/* repeat header */
					drawn_on_page = 0;
					if (hdr) {
						double y = L->y;
						for (size_t i = 0; i < t->ncells; i++) {
							cell *c = &t->cells[i];
							if (c->row >= hdr)
								continue;
							double hh = 0, cy = y;
							for (int k = c->row; k < c->row + c->rowspan && k < hdr; k++)
								hh += rh[k];
							for (int k = 0; k < c->row; k++)
								cy += rh[k];
							isms_page *p2 = cur(L);
							rect(L, p2, cl[i].x, cy, cl[i].w, hh, c->grey < 1 ? c->grey : -1, 0, 0.6);
							draw_cell_lines(L, p2, c, &cl[i], 0, cl[i].nl, cy, hh, size, leading);
						}
						L->y += hdr_h;
					}
					drawn_on_page = 1;
				}
			}
			free(from);
			continue;
		}
		/* draw the group's cells */
		isms_page *pg = cur(L);
		double y0 = L->y;
		for (size_t i = 0; i < t->ncells; i++) {
			cell *c = &t->cells[i];
			if (c->row < r || c->row > e)
				continue;
			double cy = y0, h = 0;
			for (int k = r; k < c->row; k++)
				cy += rh[k];
			for (int k = c->row; k < c->row + c->rowspan && k < nrows; k++)
				h += rh[k];
			rect(L, pg, cl[i].x, cy, cl[i].w, h, c->grey < 1 ? c->grey : -1, 0, 0.6);
			draw_cell_lines(L, pg, c, &cl[i], 0, cl[i].nl, cy, h, size, leading);
			if (c->slot)
				add_slot(L, pg, c->slot, &cl[i], cy, h, size, leading);
		}
		L->y += gh;
	}
	L->y += 6;
	tab_done(L, T);
}

/* ---------- figures ---------- */

static void
figure(lay *L, isms_figure *f)
{
	ensure(L, f->height + 6);
	isms_page *pg = cur(L);
	double ox = L->margin + (L->pw - 2 * L->margin - f->width) / 2, oy = L->y;
	for (size_t i = 0; i < f->n; i++) {
		fig_item *it = &f->items[i];
		switch (it->kind) {
		case F_BOX: {
			rect(L, pg, ox + it->x, oy + it->y, it->w, it->h, it->grey < 1 ? it->grey : 1, 0, 0.8);
			double lead = it->size * 1.3;
			double h = text_block(L, it->text, 0, it->w - 6, 0, it->size, lead, 0, 0, ISMS_CENTER, 0, 1);
			text_block(L, it->text, ox + it->x + 3, it->w - 6, oy + it->y + (it->h - h) / 2,
			           it->size, lead, 0, 0, ISMS_CENTER, 0, 0);
			break;
		}
		case F_DIAMOND: {
			isms_shape *s = add_shape(L, pg, ISMS_SH_POLY);
			double cx = ox + it->x + it->w / 2, cy = oy + it->y + it->h / 2;
			double pts[8] = {cx, pg->h - (oy + it->y), ox + it->x + it->w, pg->h - cy,
				cx, pg->h - (oy + it->y + it->h), ox + it->x, pg->h - cy};
			memcpy(s->pts, pts, sizeof pts);
			s->fill = 1;
			s->stroke = 0;
			s->width = 0.8;
			double lead = it->size * 1.3;
			double h = text_block(L, it->text, 0, it->w * 0.6, 0, it->size, lead, 0, 0, ISMS_CENTER, 0, 1);
			text_block(L, it->text, cx - it->w * 0.3, it->w * 0.6, cy - h / 2, it->size, lead,
			           0, 0, ISMS_CENTER, 0, 0);
			break;
		}
		case F_LINE:
			hline(L, pg, ox + it->x, oy + it->y, ox + it->x2, oy + it->y2,
			      it->width > 0 ? it->width : 0.8, it->grey, it->dashed, it->arrow);
			break;
		case F_TEXT: {
			glyph *g;
			size_t n = lines_shape(it->text, it->size, 0, 0, &g, &L->out->missing, L->where);
			double w = lines_width(g, 0, n), x = ox + it->x;
			if (it->align == ISMS_CENTER)
				x -= w / 2;
			else if (it->align == ISMS_RIGHT)
				x -= w;
			draw_line(L, pg, g, 0, n, x, oy + it->y, it->size, 0, 0);
			free(g);
			break;
		}
		case F_DOT:
			rect(L, pg, ox + it->x - it->w, oy + it->y - it->w, 2 * it->w, 2 * it->w, it->grey, -1, 0);
			break;
		}
	}
	L->y += f->height + 6;
}

/* ---------- the running header ---------- */

static void
header(lay *L, size_t page_index, size_t total)
{
	isms_page *pg = &L->out->pages[page_index];
	const isms_doc_info *in = &L->doc->info;
	double m = 56.7 < pg->w / 12 ? 56.7 : pg->w / 12;
	/* the margin of that page's section: recomputed from its width is not needed;
	 * the header spans the same text width as the body */
	m = L->margin;
	double y = m, w = pg->w - 2 * m;
	char pages[64];
	snprintf(pages, sizeof pages, "%zu / %zu", page_index + 1, total);
	const char *lab[5];
	if (in->english) {
		lab[0] = "Document No."; lab[1] = "Title"; lab[2] = "Classification";
		lab[3] = "Version"; lab[4] = "Page";
	} else if (in->bilingual) {
		lab[0] = "文件編號 No."; lab[1] = "文件名稱 Title"; lab[2] = "機密等級 Class";
		lab[3] = "版次 Ver."; lab[4] = "頁次 Page";
	} else {
		lab[0] = "文件編號"; lab[1] = "文件名稱"; lab[2] = "機密等級"; lab[3] = "版次"; lab[4] = "頁次";
	}
	isms_page *save = NULL;
	(void)save;
	if (in->org_name) {
		glyph *g;
		size_t n = lines_shape(in->org_name, 12, 1, 0, &g, &L->out->missing, NULL); /* Sung: one font fewer per document */
		double tw = lines_width(g, 0, n);
		draw_line(L, pg, g, 0, n, m + (w - tw) / 2, y + 13, 12, 0, 0);
		free(g);
		y += 20;
	}
	double cw[6] = {0.13, 0.22, 0.13, 0.2, 0.14, 0.18};
	double x[7];
	x[0] = m;
	for (int i = 0; i < 6; i++)
		x[i + 1] = x[i] + cw[i] * w;
	const double size = 8.5;
	struct { int r, c0, c1; const char *t; int lab; } cells[] = {
		{0, 0, 1, lab[0], 1}, {0, 1, 2, in->number ? in->number : "", 0},
		{0, 2, 3, lab[1], 1}, {0, 3, 6, in->doc_title ? in->doc_title : "", 0},
		{1, 0, 1, lab[2], 1}, {1, 1, 2, in->classification ? in->classification : "", 0},
		{1, 2, 3, lab[3], 1}, {1, 3, 4, in->version ? in->version : "", 0},
		{1, 4, 5, lab[4], 1}, {1, 5, 6, pages, 0},
	};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		double cx = x[cells[i].c0], cwid = x[cells[i].c1] - cx, cy = y + cells[i].r * HEADER_ROW;
		rect(L, pg, cx, cy, cwid, HEADER_ROW, cells[i].lab ? 0.92 : -1, 0, 0.6);
		glyph *g;
		size_t n = lines_shape(cells[i].t, size, 0, 0, &g, &L->out->missing, NULL);
		double tw = lines_width(g, 0, n);
		if (tw > cwid - 4) { /* shrink a long title to fit its cell */
			free(g);
			double s2 = size * (cwid - 4) / tw;
			n = lines_shape(cells[i].t, s2, 0, 0, &g, &L->out->missing, NULL);
			tw = lines_width(g, 0, n);
			draw_line(L, pg, g, 0, n, cx + (cwid - tw) / 2, cy + HEADER_ROW / 2 + s2 * 0.35, s2, 0, 0);
		} else {
			draw_line(L, pg, g, 0, n, cx + (cwid - tw) / 2, cy + HEADER_ROW / 2 + size * 0.35, size, 0, 0);
		}
		free(g);
	}
}

/* ---------- the table of contents ---------- */

static void
toc_block(lay *L, block *b, size_t first_block)
{
	double size = 11, leading = 20;
	/* a contents list that would leave its tail alone on the next page starts
	 * on a new page when it fits there whole */
	size_t count = 0;
	for (size_t i = first_block; i < L->doc->n; i++)
		count += L->doc->blocks[i].kind == B_HEADING && L->doc->blocks[i].level <= b->max_level;
	style ts = style_of(ISMS_SUBTITLE);
	double title = b->text ? ts.before + ts.leading + ts.after : 0, page = bottom(L) - top(L);
	/* a little too long for a page: set tighter (down to 16 pt) rather than
	 * carry a short tail over */
	if (title + (double)count * leading > page - 8 && title + (double)count * 16 <= page - 8)
		leading = (page - 8 - title) / (double)count;
	double whole = title + (double)count * leading;
	if (L->page_open && L->y > top(L) + 1e-6 && L->y + whole > bottom(L) + 1e-6 && whole <= page)
		new_page(L);
	if (b->text)
		paragraph(L, NULL, b->text, style_of(ISMS_SUBTITLE), 0, ISMS_CENTER, 0, (size_t)-1);
	/* one line per heading that follows, filled in once pages are known */
	size_t mark = 0;
	for (size_t i = 0; i < first_block; i++)
		if (L->doc->blocks[i].kind == B_HEADING)
			mark++;
	L->p->toc_first_mark = mark;
	size_t done = 0;
	for (size_t i = first_block; i < L->doc->n; i++) {
		block *h = &L->doc->blocks[i];
		if (h->kind != B_HEADING)
			continue;
		if (h->level <= b->max_level) {
			/* a list longer than a page leaves at least eight lines to its last */
			size_t left = count - done++;
			ensure(L, (left <= 8 ? (double)left : 1) * leading);
			if (L->p->ntoc == L->p->cap_toc) {
				L->p->cap_toc = L->p->cap_toc ? L->p->cap_toc * 2 : 32;
				L->p->toc = isms_xrealloc(L->p->toc, L->p->cap_toc * sizeof *L->p->toc);
			}
			toc_line *t = &L->p->toc[L->p->ntoc++];
			t->page = (int)L->out->npages - 1;
			t->y = L->y + (leading - size) / 2 + size * 0.86;
			t->x0 = L->margin + (h->level - 1) * 16;
			t->x1 = L->pw - L->margin;
			t->mark = mark;
			t->size = size;
			L->y += leading;
		}
		mark++;
	}
	L->y += 8;
}

static void
toc_fill(lay *L)
{
	for (size_t i = 0; i < L->p->ntoc; i++) {
		toc_line *t = &L->p->toc[i];
		if (t->mark >= L->out->nmarks)
			continue;
		isms_mark *mk = &L->out->marks[t->mark];
		isms_page *pg = &L->out->pages[t->page];
		char num[16];
		snprintf(num, sizeof num, "%d", mk->page + 1);
		glyph *g, *ng, *dg;
		size_t n = lines_shape(mk->title, t->size, 0, 0, &g, &L->out->missing, NULL);
		size_t nn = lines_shape(num, t->size, 0, 0, &ng, &L->out->missing, NULL);
		double nw = lines_width(ng, 0, nn), tw = lines_width(g, 0, n);
		double room = t->x1 - t->x0 - nw - 12;
		size_t end = n;
		while (end > 0 && lines_width(g, 0, end) > room)
			end--;
		draw_line(L, pg, g, 0, end, t->x0, t->y, t->size, 0, 0);
		draw_line(L, pg, ng, 0, nn, t->x1 - nw, t->y, t->size, 0, 0);
		/* dot leaders between title and page number */
		double from = t->x0 + (end < n ? lines_width(g, 0, end) : tw) + 4, to = t->x1 - nw - 4;
		size_t nd = lines_shape(".", t->size, 0, 0, &dg, &L->out->missing, NULL);
		double dw = nd ? dg[0].w : 3;
		if (dw > 0 && to > from && nd && dg[0].font >= 0) {
			int count = (int)((to - from) / (dw * 1.6));
			isms_buf b = {0};
			for (int k = 0; k < count; k++)
				isms_buf_putc(&b, '.');
			if (count > 0) {
				isms_run *r = add_run(L, pg);
				r->font = dg[0].font;
				r->size = t->size;
				r->x = to - count * dw * 1.6;
				r->y = pg->h - t->y;
				r->char_space = dw * 0.6;
				r->utf8 = isms_arena_strdup(L->p->a, b.data);
				r->width = count * dw;
				r->grey = 0.4;
				mark_used(L, dg[0].font, '.');
			}
			isms_buf_free(&b);
		}
		free(g);
		free(ng);
		free(dg);
	}
}

/* ---------- the walk ---------- */

static style
heading_style(int level)
{
	static const double sizes[] = {0, 14, 12.5, 11.5, 11};
	return (style){sizes[level], sizes[level] * 1.7, level == 1 ? 10 : 6, 4, 0, 1, 0};
}

/* A paragraph that belongs to what follows it: a subtitle over a table or
 * figure (and the English line under it in bilingual documents), a field line
 * introducing a table. */
static int
leads_to_table(const isms_doc *doc, size_t j)
{
	/* caption lines (subtitles, their English, field lines) up to a table or figure;
	 * a walk forward only: looking back and forth again recursed for ever */
	for (; j < doc->n; j++) {
		const block *b = &doc->blocks[j];
		if (b->kind == B_TABLE || b->kind == B_FIGURE)
			return 1;
		if (b->kind != B_PARA || (b->style != ISMS_SUBTITLE && b->style != ISMS_SECONDARY &&
		                          b->style != ISMS_FIELD))
			return 0;
	}
	return 0;
}

static int
is_caption(const isms_doc *doc, size_t i)
{
	const block *b = &doc->blocks[i];
	if (b->kind != B_PARA || i + 1 >= doc->n)
		return 0;
	const block *n = &doc->blocks[i + 1];
	const block *prev = i > 0 ? &doc->blocks[i - 1] : NULL;
	if (b->style == ISMS_SUBTITLE ||
	    (b->style == ISMS_SECONDARY && prev && prev->kind == B_PARA && prev->style == ISMS_SUBTITLE))
		return leads_to_table(doc, i + 1);
	return b->style == ISMS_FIELD && n->kind == B_TABLE;
}

/* Lines of a paragraph block at the current measure (remembered: keeps ask
 * for the same blocks again). */
static size_t
para_lines(lay *L, const block *b, style st)
{
	struct isms_layout_priv *p = L->p;
	size_t idx = (size_t)(b - L->doc->blocks);
	if (!p->nl_cache)
		p->nl_cache = isms_xcalloc(L->doc->n + 1, sizeof *p->nl_cache);
	struct nl_memo *m = &p->nl_cache[idx];
	if (m->n && m->pw == L->pw && m->margin == L->margin)
		return m->n - 1;
	free(m->g);
	free(m->ln);
	glyph *g;
	line *ln;
	size_t n = lines_shape(b->text, st.size, st.bold, st.kai, &g, &L->out->missing, L->where);
	double lw = b->label && *b->label ? measure(b->label, st.size, st.bold, &L->out->missing) + st.size * 0.5 : 0;
	double tw = L->pw - 2 * L->margin - b->indent;
	size_t nl = lines_fill(g, n, tw - (lw > tw / 2 ? tw / 2 : lw), &ln);
	*m = (struct nl_memo){nl + 1, L->pw, L->margin, g, ln, n};
	return nl;
}

/* Height of the remarks (SMALL paragraphs) right after block i. */
static double
remarks_after(lay *L, size_t i)
{
	double h = 0;
	for (size_t k = i + 1; k < L->doc->n && L->doc->blocks[k].kind == B_PARA &&
	     L->doc->blocks[k].style == ISMS_SMALL; k++) {
		style st = style_of(ISMS_SMALL);
		h += st.before + (double)para_lines(L, &L->doc->blocks[k], st) * st.leading + st.after;
	}
	return h;
}

/* What must share the page of table i's last rows: the table kept with it (a
 * signature block) and the remarks under that; 0 for none. */
static double
kept_after(lay *L, size_t i)
{
	isms_doc *doc = L->doc;
	double h = 6; /* the gap a table leaves under it */
	size_t k = i + 1;
	for (; k < doc->n && doc->blocks[k].kind == B_SPACE; k++)
		h += doc->blocks[k].pt;
	if (k >= doc->n || doc->blocks[k].kind != B_TABLE || !doc->blocks[k].table->keep_prev ||
	    !doc->blocks[k].table->nrows)
		return 0;
	return h + tab_get(L, doc->blocks[k].table)->total + 6 + remarks_after(L, k);
}

/* The height a heading or caption keeps with it: the start of block j and
 * after it until `want` lines of text are reached (a paragraph counts as the
 * lines it keeps together at its start: all of up to three, else two), through
 * spaces; a table's header rows with its first body row, a small table or a
 * figure whole; a heading or caption in between brings its own two lines. */
static double
need_lines(lay *L, size_t j, int want, int depth)
{
	isms_doc *doc = L->doc;
	if (j >= doc->n || depth > 8 || want <= 0)
		return 0;
	const block *b = &doc->blocks[j];
	switch (b->kind) {
	case B_HEADING: {
		style st = heading_style(b->level);
		return st.before + (double)para_lines(L, b, st) * st.leading + st.after + need_lines(L, j + 1, 2, depth + 1);
	}
	case B_PARA: {
		style st = style_of(b->style);
		size_t nl = para_lines(L, b, st);
		if (is_caption(doc, j))
			return st.before + (double)nl * st.leading + st.after + need_lines(L, j + 1, 2, depth + 1);
		int start = nl <= 3 ? (int)nl : 2;
		if (start >= want || nl == 0)
			return st.before + (double)start * st.leading;
		return st.before + (double)nl * st.leading + st.after + need_lines(L, j + 1, want - start, depth + 1);
	}
	case B_SPACE:
		return b->pt + need_lines(L, j + 1, want, depth + 1);
	case B_TABLE: {
		if (!b->table->nrows)
			return 0;
		tab *T = tab_get(L, b->table);
		if (tab_whole(L, T))
			return T->total + 6;
		if (T->hdr)
			return T->hdr_h + tab_first_body(T);
		double two = 2 * T->leading + 2 * CELL_PAD;
		return T->gh[0] > two && T->gs[0] == T->ge[0] ? two : T->gh[0];
	}
	case B_FIGURE:
		return b->fig->height + 6;
	case B_TOC:
		return 4 + 22 + 6 + 2 * 20;
	default:
		return 0;
	}
}

static double
need_after(lay *L, size_t j)
{
	return need_lines(L, j, 2, 0);
}

static void
add_mark(lay *L, int level, const char *label, const char *text)
{
	isms_layout *o = L->out;
	if (o->nmarks == L->cap_marks) {
		L->cap_marks = L->cap_marks ? L->cap_marks * 2 : 32;
		isms_mark *m = isms_arena_alloc(L->p->a, L->cap_marks * sizeof *m);
		if (o->nmarks)
			memcpy(m, o->marks, o->nmarks * sizeof *m);
		o->marks = m;
	}
	isms_mark *m = &o->marks[o->nmarks++];
	m->level = level;
	/* bookmarks carry plain text: drop the bold markers */
	isms_buf b = {0};
	if (label && *label) {
		isms_buf_puts(&b, label);
		isms_buf_putc(&b, ' ');
	}
	for (const char *p = text; *p; p++)
		if (*p != ISMS_BOLD_ON && *p != ISMS_BOLD_OFF && *p != ISMS_KEEP_ON && *p != ISMS_KEEP_OFF && *p != '\n')
			isms_buf_putc(&b, *p);
	m->title = isms_arena_strdup(L->p->a, b.data ? b.data : "");
	isms_buf_free(&b);
	m->page = (int)o->npages - 1;
	m->y = L->y;
}

int
isms_typeset(isms_doc *doc, isms_layout **out)
{
	*out = NULL;
	if (fonts_init() < 0)
		return -1;
	lines_reset_reports();
	isms_arena *a = isms_arena_new();
	isms_layout *o = isms_arena_alloc(a, sizeof *o);
	struct isms_layout_priv *p = isms_arena_alloc(a, sizeof *p);
	p->a = a;
	o->priv = p;
	o->info = &doc->info;
	lay L = {doc, o, p, A4_W, A4_H, 56.7, 0, 1, 0, 0, 0, 0, doc->info.doc_title};
	for (size_t i = 0; i < doc->n; i++) {
		block *b = &doc->blocks[i];
		switch (b->kind) {
		case B_SECTION:
			L.landscape = b->landscape;
			L.pw = b->landscape ? A4_H : A4_W;
			L.ph = b->landscape ? A4_W : A4_H;
			L.margin = b->margin > 0 ? b->margin : 56.7;
			L.page_open = 0;
			break;
		case B_HEADER:
			L.header = b->on;
			break;
		case B_HEADING: {
			style st = heading_style(b->level);
			paragraph(&L, b->label, b->text, st, 0, ISMS_LEFT, need_after(&L, i + 1) + st.after, i);
			/* the bookmark points at the heading's top, on the page it went to */
			add_mark(&L, b->level, b->label, b->text);
			L.out->marks[L.out->nmarks - 1].y = L.y - st.after - (double)para_lines(&L, b, st) * st.leading;
			break;
		}
		case B_PARA:
			paragraph(&L, b->label, b->text, style_of(b->style), b->indent, b->align,
			          is_caption(doc, i) ? need_after(&L, i + 1) + style_of(b->style).after : 0, i);
			break;
		case B_SPACE:
			if (L.page_open)
				L.y += b->pt;
			break;
		case B_PAGEBREAK:
			if (!L.page_open || L.y > top(&L) + 1e-6)
				new_page(&L);
			break;
		case B_TOC:
			toc_block(&L, b, i + 1);
			break;
		case B_TABLE:
			/* a signature block takes its remarks along; a table its signature */
			table(&L, b->table, b->table->keep_prev ? remarks_after(&L, i) : kept_after(&L, i));
			break;
		case B_FIGURE:
			figure(&L, b->fig);
			break;
		}
	}
	if (!o->npages)
		new_page(&L);
	toc_fill(&L);
	for (size_t i = 0; i < o->npages; i++)
		if (p->header_on[i])
			header(&L, i, o->npages);
	free(p->toc);
	p->toc = NULL;
	for (size_t k = 0; k < p->ntabs; k++)
		tab_free(p->tabs[k]);
	free(p->tabs);
	p->tabs = NULL;
	for (size_t k = 0; p->nl_cache && k < doc->n; k++) {
		free(p->nl_cache[k].g);
		free(p->nl_cache[k].ln);
	}
	free(p->nl_cache);
	p->nl_cache = NULL;

	/* one subset per font per document; runs then carry the subset's CIDs */
	int rc = o->missing ? -2 : 0;
	uint32_t *fcps[ISMS_MAX_FONTS] = {0};
	uint16_t *fcid[ISMS_MAX_FONTS] = {0};
	size_t fn[ISMS_MAX_FONTS] = {0};
	for (int f = 0; f < ISMS_MAX_FONTS && rc == 0; f++) {
		if (!p->used[f])
			continue;
		size_t n = 0, cap = 256;
		uint32_t *cps = isms_xmalloc(cap * sizeof *cps);
		for (uint32_t cp = 0; cp < 0x110000; cp += 8) {
			unsigned char byte = p->used[f][cp >> 3];
			if (!byte)
				continue;
			for (int k = 0; k < 8; k++)
				if (byte & (1u << k)) {
					if (n == cap)
						cps = isms_xrealloc(cps, (cap *= 2) * sizeof *cps);
					cps[n++] = cp + (uint32_t)k;
				}
		}
		fcps[f] = cps;
		fn[f] = n;
		fcid[f] = isms_xmalloc((n + 1) * sizeof *fcid[f]);
		if (fonts_embed(f, cps, n, a, &o->fonts[f], fcid[f]) < 0)
			rc = -1;
	}
	for (size_t pi = 0; pi < o->npages && rc == 0; pi++) {
		isms_page *pg = &o->pages[pi];
		for (size_t r = 0; r < pg->nruns; r++) {
			isms_run *run = &pg->runs[r];
			size_t sl = strlen(run->utf8), k = 0;
			uint16_t *c = isms_arena_alloc(a, (sl + 1) * sizeof *c);
			const uint32_t *cps = fcps[run->font];
			for (size_t i = 0; i < sl;) {
				uint32_t cp;
				size_t d = isms_utf8_decode(run->utf8 + i, sl - i, &cp);
				i += d ? d : 1;
				size_t lo = 0, hi = fn[run->font]; /* cps is sorted: binary search */
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (cps[mid] < cp)
						lo = mid + 1;
					else
						hi = mid;
				}
				c[k++] = lo < fn[run->font] && cps[lo] == cp ? fcid[run->font][lo] : 0;
			}
			run->cids = c;
			run->ncids = k;
		}
	}
	for (int f = 0; f < ISMS_MAX_FONTS; f++) {
		free(fcps[f]);
		free(fcid[f]);
		free(p->used[f]);
		p->used[f] = NULL;
	}
	if (rc) {
		isms_arena_free(a);
		return rc;
	}
	*out = o;
	return 0;
}

void
isms_layout_free(isms_layout *l)
{
	if (!l)
		return;
	isms_arena_free(l->priv->a);
}

double
isms_text_width(isms_doc *doc, const char *utf8, double size)
{
	(void)doc;
	if (fonts_init() < 0)
		return 0;
	unsigned missing = 0;
	return measure(utf8, size, 0, &missing);
}

int
isms_typeset_fonts(void)
{
	return fonts_init();
}

void
isms_typeset_prepare(void)
{
	if (fonts_init() < 0)
		return;
	/* the faces of the body roles, opened with their character maps */
	static const uint32_t probe[] = {0x4E2D, 'A'};
	for (size_t i = 0; i < sizeof probe / sizeof *probe; i++)
		for (int bold = 0; bold < 2; bold++)
			for (int kai = 0; kai < 2; kai++)
				fonts_advance(fonts_pick(probe[i], bold, kai), probe[i]);
	lines_prepare();
}

const char *
isms_typeset_refuse(uint32_t cp)
{
	return fonts_refuse(cp);
}

int
isms_text_lines(isms_doc *doc, const char *utf8, double size, double width)
{
	(void)doc;
	if (fonts_init() < 0)
		return 1;
	unsigned missing = 0;
	glyph *g;
	line *ln;
	size_t n = lines_shape(utf8, size, 0, 0, &g, &missing, NULL);
	size_t nl = lines_fill(g, n, width, &ln);
	free(g);
	free(ln);
	return (int)nl;
}
