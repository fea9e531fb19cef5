/* Text into positioned lines (typeset layer, private): code points and fonts,
 * break opportunities (libunibreak, tailored for Chinese), greedy filling and
 * justification between CJK characters. */
#ifndef ISMS_TYPESET_LINES_H
#define ISMS_TYPESET_LINES_H

#include <stddef.h>
#include <stdint.h>

typedef struct glyph {
	uint32_t cp;
	int font;          /* -1: no font has it (reported, not drawn) */
	int bold;
	double w;          /* advance at the size given to lines_shape */
	unsigned char brk; /* after this glyph: 0 no break, 1 may break, 2 must break */
	unsigned char cjk; /* ideograph, kana or full-width form: spreads when justified */
	unsigned char space;
} glyph;

typedef struct line {
	size_t start, end; /* glyphs [start, end), trailing spaces excluded */
	double width;      /* natural width */
	int last;          /* last line of the paragraph or before a forced break */
} line;

/* Shape UTF-8 text (with ISMS_BOLD_ON/OFF bytes and '\n') at size; bold_all makes
 * everything bold; kai prefers the Kai face for CJK.  Returns the number of glyphs
 * in *out (heap; caller frees).  *missing counts characters no font has. */
size_t lines_shape(const char *utf8, double size, int bold_all, int kai, glyph **out,
                   unsigned *missing, const char *where);
/* Forget which missing characters were reported (once per document). */
void lines_reset_reports(void);
/* Break glyphs into lines no wider than width. Returns the count in *out (heap). */
size_t lines_fill(const glyph *g, size_t n, double width, line **out);
/* Natural width of glyphs [a, b). */
double lines_width(const glyph *g, size_t a, size_t b);
/* 1 when c may not begin a line (，。、；：？！）」』》〉】 …). */
int lines_no_start(uint32_t c);
/* 1 when c may not end a line (（「『《〈【 …). */
int lines_no_end(uint32_t c);

#endif
