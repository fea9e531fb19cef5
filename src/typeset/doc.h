/* The document tree's private shape (typeset layer): what tree.c builds and
 * layout.c reads. */
#ifndef ISMS_TYPESET_DOC_H
#define ISMS_TYPESET_DOC_H

#include "base/alloc.h"
#include "typeset/tree.h"

enum blk_kind { B_SECTION, B_HEADER, B_HEADING, B_PARA, B_SPACE, B_PAGEBREAK, B_TOC,
	B_TABLE, B_FIGURE };

typedef struct cell {
	const char *text;
	int row, col, colspan, rowspan;
	enum isms_align align;
	double grey;
	int bold;
	const char *slot;   /* the approval box's signature cell it is (isms_table_slot) */
} cell;

struct isms_table {
	isms_doc *doc;            /* owner: cells are allocated in its arena */
	int ncols, header_rows, nrows;
	double *widths;
	double font_size;
	cell *cells;
	size_t ncells, cap;
	double *min_h;            /* per row */
	size_t min_cap;
	int next_col;             /* next free column in the current row */
	unsigned char *taken;     /* rows × ncols occupancy by rowspans (grown per row) */
	size_t taken_rows;
	int keep_prev;            /* moves whole, with the last rows of what precedes it */
};

enum fig_kind { F_BOX, F_DIAMOND, F_LINE, F_TEXT, F_DOT };

typedef struct fig_item {
	enum fig_kind kind;
	double x, y, w, h, x2, y2, grey, size, width;
	const char *text;
	int arrow, dashed;
	enum isms_align align;
} fig_item;

struct isms_figure {
	isms_doc *doc;
	double width, height;
	fig_item *items;
	size_t n, cap;
};

typedef struct block {
	enum blk_kind kind;
	int level, landscape, on, max_level;
	const char *label, *text;
	enum isms_style style;
	enum isms_align align;
	double indent, pt, margin;
	isms_table *table;
	isms_figure *fig;
} block;

struct isms_doc {
	isms_arena *a;
	isms_doc_info info;
	block *blocks;
	size_t n, cap;
	double text_width;        /* of the current section */
};

#endif
