/* Laid-out pages: the display list typeset/ hands to pdf/ (no library types).
 * Coordinates are PDF points with the origin at the page's bottom-left corner. */
#ifndef ISMS_PAGES_H
#define ISMS_PAGES_H

#include <stddef.h>

#include "typeset/tree.h"

/* Fonts a process may draw with: the files fontconfig gives each role's fallback
 * chain (Sung, Sung Ext-B, Sung Plus, ..., Latin, fallbacks).  A run's font is an
 * index below this. */
#define ISMS_MAX_FONTS 48

#include <stdint.h>

/* Glyphs of one font drawn from (x, y) with char_space added after each glyph. */
typedef struct isms_run {
	int font;
	int synth_bold;      /* fill and stroke: bold where the font has no bold face */
	double size, x, y, char_space, grey;
	const char *utf8;    /* the characters drawn */
	const uint16_t *cids;/* the same as CIDs of the document's subset of the font */
	size_t ncids;
	double width;        /* as measured (the widths written into /W) */
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

/* A named area of a page where a signature's appearance goes (the free part of an
 * approval box cell, below what the cell prints), in PDF points. */
typedef struct isms_slot {
	const char *name;    /* drafter, reviewer, approver */
	double x, y, w, h;   /* lower-left corner, width, height */
} isms_slot;

typedef struct isms_page {
	double w, h;
	isms_run *runs;
	size_t nruns, cap_runs;
	isms_shape *shapes;
	size_t nshapes, cap_shapes;
	isms_slot *slots;
	size_t nslots;
} isms_page;

/* A bookmark: heading level, title, page (0-based) and the y of its top. */
typedef struct isms_mark {
	int level;
	const char *title;
	int page;
	double y;
} isms_mark;

/* One font as the document embeds it: a TrueType subset whose glyph ids are the
 * CIDs drawn (CIDToGIDMap /Identity) unless two characters share a glyph, in which
 * case the extra CIDs map through cid_gid. */
typedef struct isms_font_data {
	const unsigned char *data; /* the subset TrueType font; NULL when unused */
	size_t len;
	const char *name;          /* PostScript name with a tag from the glyph set */
	int ncids;
	const uint16_t *cid_gid;   /* NULL: CID = glyph id */
	const uint32_t *cid_uni;   /* the character each CID stands for (0: none) */
	const int *cid_width;      /* advances in thousandths of an em, as measured */
	int ascent, descent, cap_height, bbox[4], stem_v, flags;
} isms_font_data;

typedef struct isms_layout {
	const isms_doc_info *info;
	isms_page *pages;
	size_t npages;
	isms_mark *marks;
	size_t nmarks;
	isms_font_data fonts[ISMS_MAX_FONTS];
	unsigned missing;     /* characters no font has (each reported) */
	struct isms_layout_priv *priv;
} isms_layout;

/* Lay out the document and subset its fonts.  Returns 0; -1 after reporting (fonts
 * not found); -2 after reporting characters no font has (counted in missing), which
 * are never drawn.  *out is set on 0 only.  Free with isms_layout_free. */
int isms_typeset(isms_doc *doc, isms_layout **out);
void isms_layout_free(isms_layout *l);

/* Find the fonts (once per process).  0 ok; -1 after one message naming the roles
 * no installed font fills and how to install them. */
int isms_typeset_fonts(void);
/* Everything the typesetter sets up once per process, done now: fonts found and the
 * main faces opened, hyphenation patterns loaded (a batch does it before forking,
 * so that every child starts with them). */
void isms_typeset_prepare(void);
/* Why cp cannot be typeset (no installed font has it; right-to-left; an invisible
 * control), or NULL when it can. */
const char *isms_typeset_refuse(uint32_t cp);

/* Width of text at size in the body font roles, as it will be drawn (for builders
 * that place text in figures). */
double isms_text_width(isms_doc *doc, const char *utf8, double size);
/* Lines the text takes when wrapped at width (a figure's box: width - 6). */
int isms_text_lines(isms_doc *doc, const char *utf8, double size, double width);

#endif
