/* Text into positioned lines (typeset layer, private): code points and fonts,
 * break opportunities (libunibreak, tailored for Chinese), greedy filling and
 * justification between CJK characters; English words break at hyphenation
 * points (libhyphen) with a hyphen drawn, and keep-together spans (names) stay
 * whole. */
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
	unsigned char keep;  /* inside a keep-together span (a name): no break inside */
	unsigned char kbrk;  /* the break brk would be without the span (used only when
	                      * the span alone is wider than the line) */
	unsigned char hyph;  /* an English hyphenation point after this glyph */
	unsigned char hdone; /* its word's points are known (found when needed) */
	double hw;           /* width of the hyphen drawn there */
} glyph;

typedef struct line {
	size_t start, end; /* glyphs [start, end), trailing spaces excluded */
	double width;      /* natural width */
	int last;          /* last line of the paragraph or before a forced break */
	int hyphen;        /* ends at a hyphenation point: draw a hyphen (in width) */
} line;

/* Shape UTF-8 text (with ISMS_BOLD_ON/OFF bytes and '\n') at size; bold_all makes
 * everything bold; kai prefers the Kai face for CJK.  Returns the number of glyphs
 * in *out (heap; caller frees).  *missing counts characters no font has. */
size_t lines_shape(const char *utf8, double size, int bold_all, int kai, glyph **out,
                   unsigned *missing, const char *where);
/* Forget which missing characters were reported (once per document). */
void lines_reset_reports(void);
/* Load the English hyphenation patterns now (else on first use). */
void lines_prepare(void);
/* Break glyphs into lines no wider than width: at break opportunities, or at a
 * hyphenation point when no opportunity fits or the line would be left more than
 * two fifths empty; a keep-together span wider than the line breaks at its own
 * opportunities; a word with no point that fits breaks with a hyphen after two
 * letters at least; any other overlong run (an id, a URL) breaks where the
 * Chicago Manual breaks a URL (after ':', '//' or '.', before / - _ ~ # @ & =), else
 * between characters.  Returns the count in *out (heap).  Finds the
 * hyphenation points of the words it must break (once per word). */
size_t lines_fill(glyph *g, size_t n, double width, line **out);
/* The widest piece of g a line must hold whole: a word between hyphenation
 * points (with its hyphen; the whole word with words_whole), an id, a
 * keep-together span no wider than limit (a wider one counts by its widest
 * piece between its own opportunities). */
double lines_min_width(glyph *g, size_t n, double limit, int words_whole);
/* Natural width of glyphs [a, b). */
double lines_width(const glyph *g, size_t a, size_t b);
/* 1 when c may not begin a line (，。、；：？！）」』》〉】 …). */
int lines_no_start(uint32_t c);
/* 1 when c may not end a line (（「『《〈【 …). */
int lines_no_end(uint32_t c);

#endif
