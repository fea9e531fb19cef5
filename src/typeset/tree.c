/* Building the document tree (typeset layer): the API document builders call. */
#include "doc.h"

#include <string.h>

#include "base/buf.h"

#define A4_W 595.276
#define A4_H 841.89

static block *
add(isms_doc *d, enum blk_kind k)
{
	if (d->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 64;
		block *nb = isms_arena_alloc(d->a, nc * sizeof *nb);
		if (d->n)
			memcpy(nb, d->blocks, d->n * sizeof *nb);
		d->blocks = nb;
		d->cap = nc;
	}
	block *b = &d->blocks[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

static const char *
dup(isms_doc *d, const char *s)
{
	return s ? isms_arena_strdup(d->a, s) : NULL;
}

isms_doc *
isms_doc_new(const isms_doc_info *info)
{
	isms_arena *a = isms_arena_new();
	isms_doc *d = isms_arena_alloc(a, sizeof *d);
	d->a = a;
	if (info) {
		d->info = *info;
		d->info.title = dup(d, info->title);
		d->info.author = dup(d, info->author);
		d->info.subject = dup(d, info->subject);
		d->info.keywords = dup(d, info->keywords);
		d->info.creator = dup(d, info->creator);
		d->info.org_name = dup(d, info->org_name);
		d->info.number = dup(d, info->number);
		d->info.doc_title = dup(d, info->doc_title);
		d->info.classification = dup(d, info->classification);
		d->info.version = dup(d, info->version);
	}
	d->text_width = A4_W - 2 * 56.7;
	return d;
}

void
isms_doc_free(isms_doc *d)
{
	if (d)
		isms_arena_free(d->a);
}

void
isms_doc_section(isms_doc *d, int landscape, double margin)
{
	block *b = add(d, B_SECTION);
	b->landscape = landscape;
	b->margin = margin;
	d->text_width = (landscape ? A4_H : A4_W) - 2 * margin;
}

double
isms_doc_text_width(const isms_doc *d)
{
	return d->text_width;
}

void
isms_doc_header(isms_doc *d, int on)
{
	add(d, B_HEADER)->on = on;
}

void
isms_doc_heading(isms_doc *d, int level, const char *label, const char *text)
{
	block *b = add(d, B_HEADING);
	b->level = level < 1 ? 1 : level > 4 ? 4 : level;
	b->label = dup(d, label);
	b->text = dup(d, text);
}

void
isms_doc_para(isms_doc *d, enum isms_style style, double indent, const char *label,
              const char *text, enum isms_align align)
{
	block *b = add(d, B_PARA);
	b->style = style;
	b->indent = indent;
	b->label = dup(d, label);
	b->text = dup(d, text ? text : "");
	b->align = align;
}

void
isms_doc_space(isms_doc *d, double pt)
{
	add(d, B_SPACE)->pt = pt;
}

void
isms_doc_page_break(isms_doc *d)
{
	add(d, B_PAGEBREAK);
}

void
isms_doc_toc(isms_doc *d, const char *title, int max_level)
{
	block *b = add(d, B_TOC);
	b->text = dup(d, title);
	b->max_level = max_level;
}

isms_table *
isms_doc_table(isms_doc *d, int ncols, const double *widths, int header_rows)
{
	isms_table *t = isms_arena_alloc(d->a, sizeof *t);
	t->ncols = ncols;
	t->header_rows = header_rows;
	t->font_size = 10;
	t->widths = isms_arena_alloc(d->a, (size_t)ncols * sizeof *t->widths);
	double sum = 0;
	for (int i = 0; i < ncols; i++)
		sum += (t->widths[i] = widths ? widths[i] : 1);
	for (int i = 0; i < ncols; i++)
		t->widths[i] /= sum;
	t->doc = d;
	add(d, B_TABLE)->table = t;
	return t;
}

static void
grow_rows(isms_table *t, int rows)
{
	isms_doc *d = t->doc;
	if ((size_t)rows > t->min_cap) {
		size_t nc = t->min_cap ? t->min_cap * 2 : 16;
		while (nc < (size_t)rows)
			nc *= 2;
		double *m = isms_arena_alloc(d->a, nc * sizeof *m);
		unsigned char *tk = isms_arena_alloc(d->a, nc * (size_t)t->ncols);
		if (t->min_cap) {
			memcpy(m, t->min_h, t->min_cap * sizeof *m);
			memcpy(tk, t->taken, t->min_cap * (size_t)t->ncols);
		}
		t->min_h = m;
		t->taken = tk;
		t->min_cap = nc;
	}
}

void
isms_table_row(isms_table *t)
{
	t->nrows++;
	t->next_col = 0;
	grow_rows(t, t->nrows + 1);
}

void
isms_table_cell(isms_table *t, const char *text, int colspan, int rowspan, enum isms_align align)
{
	isms_doc *d = t->doc;
	if (t->nrows == 0)
		isms_table_row(t);
	int r = t->nrows - 1;
	while (t->next_col < t->ncols && t->taken[(size_t)r * (size_t)t->ncols + (size_t)t->next_col])
		t->next_col++;
	if (t->next_col >= t->ncols)
		return; /* more cells than columns: ignored */
	if (colspan < 1)
		colspan = 1;
	if (rowspan < 1)
		rowspan = 1;
	if (t->next_col + colspan > t->ncols)
		colspan = t->ncols - t->next_col;
	if (t->ncells == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 32;
		cell *c = isms_arena_alloc(d->a, nc * sizeof *c);
		if (t->ncells)
			memcpy(c, t->cells, t->ncells * sizeof *c);
		t->cells = c;
		t->cap = nc;
	}
	cell *c = &t->cells[t->ncells++];
	c->text = isms_arena_strdup(d->a, text ? text : "");
	c->row = r;
	c->col = t->next_col;
	c->colspan = colspan;
	c->rowspan = rowspan;
	c->align = align;
	c->grey = 1;
	c->slot = NULL;
	grow_rows(t, r + rowspan + 1);
	for (int rr = r; rr < r + rowspan; rr++)
		for (int cc = c->col; cc < c->col + colspan; cc++)
			t->taken[(size_t)rr * (size_t)t->ncols + (size_t)cc] = 1;
	t->next_col += colspan;
}

void
isms_table_shade(isms_table *t, double grey, int bold)
{
	if (!t->ncells)
		return;
	t->cells[t->ncells - 1].grey = grey;
	t->cells[t->ncells - 1].bold = bold;
}

void
isms_table_slot(isms_table *t, const char *name)
{
	if (t->ncells)
		t->cells[t->ncells - 1].slot = isms_arena_strdup(t->doc->a, name);
}

void
isms_table_min_height(isms_table *t, double pt)
{
	if (t->nrows)
		t->min_h[t->nrows - 1] = pt;
}

void
isms_table_keep_with_previous(isms_table *t)
{
	t->keep_prev = 1;
}

void
isms_table_font_size(isms_table *t, double pt)
{
	t->font_size = pt;
}

isms_figure *
isms_doc_figure(isms_doc *d, double height, double *width)
{
	isms_figure *f = isms_arena_alloc(d->a, sizeof *f);
	f->doc = d;
	f->width = d->text_width;
	f->height = height;
	add(d, B_FIGURE)->fig = f;
	if (width)
		*width = f->width;
	return f;
}

static fig_item *
fig_add(isms_figure *f, enum fig_kind k)
{
	isms_doc *d = f->doc;
	if (f->n == f->cap) {
		size_t nc = f->cap ? f->cap * 2 : 32;
		fig_item *it = isms_arena_alloc(d->a, nc * sizeof *it);
		if (f->n)
			memcpy(it, f->items, f->n * sizeof *it);
		f->items = it;
		f->cap = nc;
	}
	fig_item *it = &f->items[f->n++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	return it;
}

void
isms_fig_box(isms_figure *f, double x, double y, double w, double h, const char *text,
             double grey, double size)
{
	fig_item *it = fig_add(f, F_BOX);
	it->x = x, it->y = y, it->w = w, it->h = h, it->grey = grey, it->size = size;
	it->text = isms_arena_strdup(f->doc->a, text ? text : "");
}

void
isms_fig_diamond(isms_figure *f, double x, double y, double w, double h, const char *text,
                 double size)
{
	fig_item *it = fig_add(f, F_DIAMOND);
	it->x = x, it->y = y, it->w = w, it->h = h, it->size = size, it->grey = 1;
	it->text = isms_arena_strdup(f->doc->a, text ? text : "");
}

void
isms_fig_line(isms_figure *f, double x1, double y1, double x2, double y2, int arrow,
              int dashed, double width, double grey)
{
	fig_item *it = fig_add(f, F_LINE);
	it->x = x1, it->y = y1, it->x2 = x2, it->y2 = y2;
	it->arrow = arrow, it->dashed = dashed, it->width = width, it->grey = grey;
}

void
isms_fig_text(isms_figure *f, double x, double y, const char *text, double size,
              enum isms_align align)
{
	fig_item *it = fig_add(f, F_TEXT);
	it->x = x, it->y = y, it->size = size, it->align = align;
	it->text = isms_arena_strdup(f->doc->a, text ? text : "");
}

void
isms_fig_dot(isms_figure *f, double x, double y, double r, double grey)
{
	fig_item *it = fig_add(f, F_DOT);
	it->x = x, it->y = y, it->w = r, it->grey = grey;
}

size_t
isms_doc_mark(const isms_doc *doc)
{
	return doc->n;
}

/* Text without the in-band marks (bold, keep-together); line breaks as spaces. */
static void
put_plain(isms_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == ISMS_BOLD_ON || *s == ISMS_BOLD_OFF || *s == ISMS_KEEP_ON || *s == ISMS_KEEP_OFF)
			continue;
		isms_buf_putc(out, *s == '\n' || *s == '\t' ? ' ' : *s);
	}
}

void
isms_doc_text(const isms_doc *doc, size_t from, isms_buf *out)
{
	for (size_t i = from; i < doc->n; i++) {
		const block *b = &doc->blocks[i];
		switch (b->kind) {
		case B_HEADING:
			isms_buf_puts(out, "§ ");
			put_plain(out, b->label);
			isms_buf_putc(out, '\t');
			put_plain(out, b->text);
			isms_buf_putc(out, '\n');
			break;
		case B_PARA:
			if (b->label) {
				put_plain(out, b->label);
				isms_buf_putc(out, ' ');
			}
			put_plain(out, b->text);
			isms_buf_putc(out, '\n');
			break;
		case B_TABLE: {
			const isms_table *t = b->table;
			int row = -1;
			for (size_t k = 0; k < t->ncells; k++) {
				if (t->cells[k].row != row) {
					if (row >= 0)
						isms_buf_putc(out, '\n');
					row = t->cells[k].row;
					isms_buf_puts(out, "| ");
				} else {
					isms_buf_puts(out, " | ");
				}
				put_plain(out, t->cells[k].text);
			}
			if (row >= 0)
				isms_buf_putc(out, '\n');
			break;
		}
		case B_FIGURE:
			for (size_t k = 0; k < b->fig->n; k++)
				if (b->fig->items[k].text) {
					isms_buf_puts(out, "[");
					put_plain(out, b->fig->items[k].text);
					isms_buf_puts(out, "]\n");
				}
			break;
		default:
			break;
		}
	}
}
