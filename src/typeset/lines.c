/* Shaping and line breaking (typeset layer): fonts per character, UAX #14 break
 * opportunities from libunibreak with Chinese tailoring, English hyphenation points
 * from libhyphen (the hyphen-en-us patterns, read once per process), keep-together
 * spans, greedy line filling. */
#include "lines.h"
#include "fonts.h"

#include <ctype.h>
#include <hyphen.h>
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

#ifndef ISMS_HYPHEN_DIC
#define ISMS_HYPHEN_DIC "/usr/share/hyphen/hyph_en_US.dic"
#endif

/* The patterns, loaded on first use; NULL (reported once) when not installed. */
static HyphenDict *
hyphen_dict(void)
{
	static HyphenDict *dict;
	static int tried;
	if (!tried) {
		tried = 1;
		const char *path = getenv("ISMSPACK_HYPHEN_DIC");
		dict = hnj_hyphen_load(path && *path ? path : ISMS_HYPHEN_DIC);
		if (!dict)
			isms_warn(NULL, "no English hyphenation patterns at %s (Debian package "
			          "hyphen-en-us): a word that must break takes a hyphen after any "
			          "letter", path && *path ? path : ISMS_HYPHEN_DIC);
	}
	return dict;
}

void
lines_prepare(void)
{
	hyphen_dict();
}

static int
ascii_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
alnum(const glyph *g, size_t n, size_t i)
{
	return i < n && (ascii_letter(g[i].cp) || (g[i].cp >= '0' && g[i].cp <= '9'));
}

/* Whether the letters [i, j) are part of an identifier, a number or an address
 * rather than a word (ISO27001, www.example.com, a_b, x@y): a digit or one of
 * / @ _ \ = # & ? next to them, or '.' or ':' between them and a letter or digit. */
static int
in_id(const glyph *g, size_t n, size_t i, size_t j)
{
	static const char joins[] = "0123456789/@_\\=#&?";
	if (i > 0 && g[i - 1].cp < 0x80 && strchr(joins, (int)g[i - 1].cp))
		return 1;
	if (j < n && g[j].cp < 0x80 && g[j].cp && strchr(joins, (int)g[j].cp))
		return 1;
	if (i > 1 && (g[i - 1].cp == '.' || g[i - 1].cp == ':') && alnum(g, n, i - 2))
		return 1;
	if (j + 1 < n && (g[j].cp == '.' || g[j].cp == ':') && alnum(g, n, j + 1))
		return 1;
	return 0;
}

/* Hyphenation points of the English word around g[at] (a run of five or more
 * ASCII letters outside keep-together spans, not all capitals, not part of an
 * id), found once: lines ask only for the words they must break, so a document
 * that never breaks a word never reads the patterns. */
static void
hyphenate_at(glyph *g, size_t n, size_t at)
{
	if (at >= n || !ascii_letter(g[at].cp) || g[at].hdone)
		return;
	size_t i = at, j = at;
	while (i > 0 && ascii_letter(g[i - 1].cp))
		i--;
	int upper = 0, keep = 0;
	while (j < n && ascii_letter(g[j].cp)) {
		upper += g[j].cp <= 'Z';
		keep |= g[j].keep;
		g[j++].hdone = 1;
	}
	for (size_t k = i; k < at; k++)
		g[k].hdone = 1;
	size_t len = j - i;
	char word[64], hy[72];
	HyphenDict *dict;
	if (len < 5 || len >= sizeof word || keep || upper >= (int)len - 1 || in_id(g, n, i, j) ||
	    !(dict = hyphen_dict()))
		return;
	for (size_t k = 0; k < len; k++)
		word[k] = (char)tolower((int)g[i + k].cp);
	word[len] = 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(dict, word, (int)len, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 2) == 0)
		for (size_t k = 0; k + 1 < len; k++)
			if (hy[k] & 1)
				g[i + k].hyph = 1;
	if (rep) {
		for (size_t k = 0; k < len; k++)
			free(rep[k]);
		free(rep);
		free(pos);
		free(cut);
	}
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
	int bold = 0, keep = 0, span = 0;
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
		if (cp == (unsigned char)ISMS_KEEP_ON) {
			keep = ++span % 255 + 1; /* neighbouring spans differ */
			continue;
		}
		if (cp == (unsigned char)ISMS_KEEP_OFF) {
			keep = 0;
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
		x->keep = (unsigned char)keep;
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
		g[i].kbrk = (unsigned char)b;
		if (b == 1 && g[i].keep && i + 1 < n && g[i + 1].keep == g[i].keep)
			b = 0;
		g[i].brk = (unsigned char)b;
	}
	free(brks);
	free(cps);
	/* the hyphen's width after each letter (also for a cut without a point) */
	double hw[2] = {-1, -1};
	for (size_t i = 0; i < n; i++) {
		if (!ascii_letter(g[i].cp) || g[i].font < 0)
			continue;
		if (hw[g[i].bold] < 0) {
			int f = fonts_pick('-', g[i].bold, kai);
			hw[g[i].bold] = f < 0 ? 0 : fonts_advance(f, '-') * size / 1000.0;
		}
		g[i].hw = hw[g[i].bold];
	}
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

#define NONE ((size_t)-1)

static int
letter_at(const glyph *g, size_t n, size_t k)
{
	return k < n && ascii_letter(g[k].cp);
}

/* The last glyph of a line that starts at `start` and overflows at glyph `i`
 * (the first that does not fit); last_ok is the last break opportunity before i
 * or NONE.  Sets *hyphen when the line ends at a hyphenation point. */
static size_t
break_at(glyph *g, size_t n, size_t start, size_t i, size_t last_ok, double width,
         int *hyphen)
{
	*hyphen = 0;
	/* lines are ragged (English is not spread): with a break opportunity, a
	 * word is hyphenated only rather than leave two fifths of the line empty */
	if (last_ok != NONE) {
		size_t e = last_ok + 1;
		while (e > start && g[e - 1].space)
			e--;
		if (width - lines_width(g, start, e) <= width * 0.4)
			return last_ok;
	}
	/* the longest hyphenated piece of the overflowing word that fits */
	for (size_t k = i + 1; k-- > start && (last_ok == NONE || k > last_ok);)
		hyphenate_at(g, n, k);
	size_t h = NONE;
	for (size_t k = i; k-- > start && (last_ok == NONE || k > last_ok);)
		if (g[k].hyph && lines_width(g, start, k + 1) + g[k].hw <= width + 1e-6) {
			h = k;
			break;
		}
	if (last_ok != NONE) {
		/* and with three letters of the word before the hyphen */
		size_t ws = h;
		while (ws != NONE && ws > start && ascii_letter(g[ws - 1].cp))
			ws--;
		if (h != NONE && h >= ws + 2) {
			*hyphen = 1;
			return h;
		}
		return last_ok;
	}
	if (h != NONE) {
		*hyphen = 1;
		return h;
	}
	/* a keep-together span wider than the line: at its own opportunities */
	for (size_t k = i; k-- > start;)
		if (g[k].kbrk == 1)
			return k;
	/* the overflowing run: a word, or an id or address (digits, / : @ _) */
	int id = 0;
	for (size_t k = start; k < n && !id; k++) {
		uint32_t c = g[k].cp;
		id = (c >= '0' && c <= '9') || c == '/' || c == ':' || c == '@' || c == '_';
		if (g[k].brk)
			break;
	}
	/* an English word with no point that fits: a hyphen after the last letter
	 * that fits, with two letters of the word before it and two after */
	if (!id && letter_at(g, n, i))
		for (size_t k = i; k-- > start + 1 && letter_at(g, n, k);)
			if (letter_at(g, n, k - 1) && letter_at(g, n, k + 1) && letter_at(g, n, k + 2) &&
			    lines_width(g, start, k + 1) + g[k].hw <= width + 1e-6) {
				*hyphen = 1;
				return k;
			}
	/* an id or address, as the Chicago Manual breaks a URL: after a colon or a
	 * double slash, before / - _ ~ # @ & =, never leaving a hyphen at a line's
	 * end (readers would take it for a hyphenation and drop it); after a dot, as
	 * no line may start with one */
	for (size_t k = i; id && k-- > start + 1;) {
		uint32_t c = g[k].cp, d = g[k + 1].cp;
		if ((c == ':' && d != '/') || (c == '/' && g[k - 1].cp == '/') ||
		    (c == '.' && alnum(g, n, k + 1)) ||
		    (strchr("/-_~#@&=", (int)(d < 0x80 ? d : 1)) && c != '/' && c != ':'))
			return k;
	}
	/* nothing else: cut, but never so that the next line starts with ）」，。 */
	while (i > start + 1 && lines_no_start(g[i].cp))
		i--;
	return i - 1;
}

size_t
lines_fill(glyph *g, size_t n, double width, line **out)
{
	size_t cap = 8, nl = 0;
	line *L = isms_xmalloc(cap * sizeof *L);
	size_t i = 0;
	while (i < n) {
		while (i < n && g[i].space && g[i].brk != 2)
			i++; /* no line starts with a space */
		size_t start = i, last_ok = NONE;
		double w = 0;
		int forced = 0, hyphen = 0;
		for (; i < n; i++) {
			if (g[i].cp == '\n') {
				forced = 1;
				break;
			}
			if (w + g[i].w > width + 1e-6 && i > start && !g[i].space) {
				i = break_at(g, n, start, i, last_ok, width, &hyphen) + 1;
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
		L[nl].width = lines_width(g, start, end) + (hyphen ? g[end - 1].hw : 0);
		L[nl].last = forced || i >= n;
		L[nl].hyphen = hyphen;
		nl++;
		if (forced && i >= n)
			break;
	}
	if (nl == 0) {
		L[0] = (line){0, 0, 0, 1, 0};
		nl = 1;
	}
	*out = L;
	return nl;
}

double
lines_min_width(glyph *g, size_t n, double limit, int words_whole)
{
	for (size_t i = 0; i < n && !words_whole; i++)
		hyphenate_at(g, n, i);
	double best = 0, piece = 0, span = 0;
	size_t span_end = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].keep && i >= span_end) { /* a span starts: is it wider than limit? */
			span = 0;
			for (span_end = i; span_end < n && g[span_end].keep == g[i].keep; span_end++)
				span += g[span_end].w;
		}
		int relaxed = g[i].keep && i < span_end && span > limit;
		if (g[i].cp == '\n' || (g[i].space && g[i].brk)) {
			piece = 0;
			continue;
		}
		piece += g[i].w;
		/* an English word may break at its hyphenation points */
		int hy = g[i].hyph && !words_whole;
		double w = hy ? piece + g[i].hw : piece;
		if (w > best)
			best = w;
		if (hy)
			piece = 0;
		if ((relaxed ? g[i].kbrk : g[i].brk) >= 1)
			piece = 0;
	}
	return best;
}
