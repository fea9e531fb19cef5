/* Laid-out pages: the display list typeset/ hands to pdf/ (no library types).
 * Coordinates are PDF points with the origin at the page's bottom-left corner. */
#ifndef ISMS_PAGES_H
#define ISMS_PAGES_H

#include <stddef.h>

#include "typeset/tree.h"

/* Font roles. */
enum isms_font_role {
	ISMS_FONT_CJK, ISMS_FONT_KAI, ISMS_FONT_LATIN, ISMS_FONT_LATIN_BOLD,
	ISMS_FONT_FALLBACK, ISMS_NFONTS
};

/* Glyphs of one font drawn from (x, y) with char_space added after each glyph. */
typedef struct isms_run {
	int font;
	int synth_bold;      /* fill and stroke: bold where the font has no bold face */
	double size, x, y, char_space, grey;
	const char *utf8;
	double width;        /* as measured (libharu's metrics) */
} isms_run;

enum isms_shape_kind { ISMS_SH_RECT, ISMS_SH_LINE, ISMS_SH_POLY };

typedef struct isms_shape {
	enum isms_shape_kind kind;
	double x, y, w, h;        /* RECT */
	double pts[8];            /* LINE: x1 y1 x2 y2; POLY: 4 points */
	double fill;              /* grey fill, < 0 = none */
	double stroke;            /* grey stroke, < 0 = none */
	double width;             /* line width */
	int dashed, arrow;
} isms_shape;

typedef struct isms_page {
	double w, h;
	isms_run *runs;
	size_t nruns, cap_runs;
	isms_shape *shapes;
	size_t nshapes, cap_shapes;
} isms_page;

/* A bookmark: heading level, title, page (0-based) and the y of its top. */
typedef struct isms_mark {
	int level;
	const char *title;
	int page;
	double y;
} isms_mark;

typedef struct isms_font_data {
	const unsigned char *data; /* the subset TrueType font; NULL when unused */
	size_t len;
} isms_font_data;

typedef struct isms_layout {
	const isms_doc_info *info;
	isms_page *pages;
	size_t npages;
	isms_mark *marks;
	size_t nmarks;
	isms_font_data fonts[ISMS_NFONTS];
	unsigned missing;     /* characters no font has (each reported) */
	struct isms_layout_priv *priv;
} isms_layout;

/* Lay out the document and subset its fonts.  Returns 0, or -1 after reporting
 * (fonts not found).  Characters no font has are reported and counted in
 * (*out)->missing but do not fail.  Free with isms_layout_free. */
int isms_typeset(isms_doc *doc, isms_layout **out);
void isms_layout_free(isms_layout *l);

/* Width of text at size in the body font roles, as it will be drawn (for builders
 * that place text in figures). */
double isms_text_width(isms_doc *doc, const char *utf8, double size);
/* Lines the text takes when wrapped at width (a figure's box: width - 6). */
int isms_text_lines(isms_doc *doc, const char *utf8, double size, double width);

#endif
