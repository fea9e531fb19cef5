/* Shaping and line breaking (typeset layer): fonts per character, UAX #14 break
 * opportunities from libunibreak with Chinese tailoring, greedy line filling. */
#include "lines.h"
#include "fonts.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "typeset/tree.h"

int
lines_no_start(uint32_t c)
{
	static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
		0xFF09, 0x300D, 0x300F, 0x300B, 0x3009, 0x3011, 0xFF0E, 0x3015, 0x3017, 0xFF3D,
		0xFF5D, 0x2019, 0x201D, 0x30FC, 0x2026, 0x2025, 0x00B7, 0xFF05,
		',', '.', ';', ':', '?', '!', ')', ']', '}', '%'};
	for (size_t i = 0; i < sizeof set / sizeof *set; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

int
lines_no_end(uint32_t c)
{
	static const uint32_t set[] = {0xFF08, 0x300C, 0x300E, 0x300A, 0x3008, 0x3010, 0x3014,
		0x3016, 0xFF3B, 0xFF5B, 0x2018, 0x201C, '(', '[', '{'};
	for (size_t i = 0; i < sizeof set / sizeof *set; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

static int
is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Letters, digits and the joiners of identifiers: ISO/IEC 27001:2022, 6.3.1.1.1,
 * ISMS-P-005-01, e-mail addresses and URLs stay whole. */
static int
wordish(uint32_t c)
{
	return c > 0x20 && c < 0x7F;
}

/* Characters reported missing in the current document (each reported once). */
static uint32_t reported[64];
static size_t nreported;

void
lines_reset_reports(void)
{
	nreported = 0;
}

/* The start of a text for a message: whole characters only, markers dropped. */
static void
excerpt(const char *s, char *out, size_t size)
{
	size_t len = strlen(s), o = 0, chars = 0;
	for (size_t i = 0; i < len && chars < 40;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		k = k ? k : 1;
		if (o + k + 4 >= size)
			break;
		if (cp >= 0x20) {
			memcpy(out + o, s + i, k);
			o += k;
			chars++;
		}
		i += k;
		if (i < len && chars == 40) {
			memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
			o += 3;
		}
	}
	out[o] = '\0';
}

size_t
lines_shape(const char *s, double size, int bold_all, int kai, glyph **out, unsigned *missing,
            const char *where)
{
	size_t len = strlen(s), n = 0;
	glyph *g = isms_xmalloc((len + 1) * sizeof *g);
	uint32_t *cps = isms_xmalloc((len + 1) * sizeof *cps);
	int bold = 0;
	const char *last_why = NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (cp == (unsigned char)ISMS_BOLD_ON) {
			bold = 1;
			continue;
		}
		if (cp == (unsigned char)ISMS_BOLD_OFF) {
			bold = 0;
			continue;
		}
		if (cp == '\t' || cp == '\r')
			cp = ' ';
		glyph *x = &g[n];
		memset(x, 0, sizeof *x);
		x->cp = cp;
		x->bold = bold || bold_all;
		x->cjk = (unsigned char)is_cjk(cp);
		x->space = cp == ' ' || cp == 0x3000;
		if (cp == '\n') {
			x->font = -1;
		} else {
			x->font = fonts_pick(cp, x->bold, kai);
			const char *why = x->font < 0 ? "is in no installed font" : fonts_unshapable(cp);
			if (why) {
				x->font = -1; /* never drawn: the build fails */
				(*missing)++;
				int seen = why == last_why; /* once per reason in a text */
				for (size_t r = 0; r < nreported; r++)
					seen |= reported[r] == cp;
				last_why = why;
				if (!seen) {
					if (nreported < 64)
						reported[nreported++] = cp;
					char ch[5] = {0}, ctx[256];
					isms_utf8_encode(cp, ch);
					excerpt(s, ctx, sizeof ctx);
					isms_diag(ISMS_ERROR, NULL, "the character %s (U+%04X) in \"%s\"%s%s %s",
					          ch, (unsigned)cp, ctx, where ? " in " : "", where ? where : "", why);
				}
			} else {
				x->w = fonts_advance(x->font, cp) * size / 1000.0;
			}
		}
		cps[n++] = cp;
	}
	/* UAX #14 opportunities, then the tailoring */
	char *brks = isms_xmalloc(n + 1);
	if (n)
		set_linebreaks_utf32(cps, n, "zh", brks);
	for (size_t i = 0; i < n; i++) {
		int b = brks[i] == LINEBREAK_MUSTBREAK ? 2 : brks[i] == LINEBREAK_ALLOWBREAK ? 1 : 0;
		if (g[i].cp == '\n')
			b = 2;
		if (b == 1 && i + 1 < n) {
			uint32_t a = g[i].cp, c = g[i + 1].cp;
			if (lines_no_start(c) || lines_no_end(a) || (wordish(a) && wordish(c)))
				b = 0;
		}
		if (i + 1 == n)
			b = 2;
		g[i].brk = (unsigned char)b;
	}
	free(brks);
	free(cps);
	*out = g;
	return n;
}

double
lines_width(const glyph *g, size_t a, size_t b)
{
	double w = 0;
	for (size_t i = a; i < b; i++)
		w += g[i].w;
	return w;
}

size_t
lines_fill(const glyph *g, size_t n, double width, line **out)
{
	size_t cap = 8, nl = 0;
	line *L = isms_xmalloc(cap * sizeof *L);
	size_t i = 0;
	while (i < n) {
		while (i < n && g[i].space && g[i].brk != 2)
			i++; /* no line starts with a space */
		size_t start = i, last_ok = (size_t)-1;
		double w = 0;
		int forced = 0;
		for (; i < n; i++) {
			if (g[i].cp == '\n') {
				forced = 1;
				break;
			}
			if (w + g[i].w > width + 1e-6 && i > start && !g[i].space) {
				if (last_ok != (size_t)-1)
					i = last_ok + 1;
				else /* one unbreakable run wider than the line: cut it, but never so
				      * that the next line starts with ）」，。 and the like */
					while (i > start + 1 && lines_no_start(g[i].cp))
						i--;
				break;
			}
			w += g[i].w;
			if (g[i].brk == 2) {
				i++;
				forced = 1;
				break;
			}
			if (g[i].brk == 1)
				last_ok = i;
		}
		size_t end = i;
		if (i < n && g[i].cp == '\n')
			i++;
		while (end > start && g[end - 1].space)
			end--;
		if (nl == cap)
			L = isms_xrealloc(L, (cap *= 2) * sizeof *L);
		L[nl].start = start;
		L[nl].end = end;
		L[nl].width = lines_width(g, start, end);
		L[nl].last = forced || i >= n;
		nl++;
		if (forced && i >= n)
			break;
	}
	if (nl == 0) {
		L[0] = (line){0, 0, 0, 1};
		nl = 1;
	}
	*out = L;
	return nl;
}
