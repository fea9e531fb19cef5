/* Diagnostics: the single message printer (base layer, used by every stage). */
#include "diag.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned counts[4];
static isms_diag_sink sink;
static void *sink_ctx;
static int quiet;

static char *alias_from, *alias_to;

void
isms_diag_alias(const char *from, const char *to)
{
	free(alias_from);
	free(alias_to);
	alias_from = from ? isms_xstrdup(from) : NULL;
	alias_to = to ? isms_xstrdup(to) : NULL;
}

/* Cut s to at most size-1 bytes at a character boundary, marking the cut with "…". */
static void
cut_utf8(char *s, size_t size)
{
	size_t n = strlen(s);
	if (n < size - 1)
		return;
	size_t k = size - 1 - 3;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	memcpy(s + k, "\xe2\x80\xa6", 4);
}

/* The temporary folder of a build is named as the pack the user asked for. */
static void
apply_alias(const char *in, char *out, size_t size)
{
	size_t fl = alias_from ? strlen(alias_from) : 0;
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < size;) {
		if (fl && !strncmp(p, alias_from, fl) && (p[fl] == '/' || p[fl] == '\0' || p[fl] == ' ' || p[fl] == ':')) {
			for (const char *t = alias_to; *t && o + 1 < size; t++)
				out[o++] = *t;
			p += fl;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

static const char *const level_names[] = {"note", "warning", "error", "fatal"};

void
isms_diag_format(char *buf, unsigned size, enum isms_level level,
                 const isms_loc *loc, const char *text)
{
	if (loc && loc->file && loc->line > 0)
		snprintf(buf, size, "%s:%d:%d: %s: %s", loc->file, loc->line,
		         loc->col > 0 ? loc->col : 1, level_names[level], text);
	else if (loc && loc->file)
		snprintf(buf, size, "%s: %s: %s", loc->file, level_names[level], text);
	else
		snprintf(buf, size, "ismspack: %s: %s", level_names[level], text);
}

void
isms_diag_v(enum isms_level level, const isms_loc *loc, const char *fmt, va_list ap)
{
	char raw[2048], text[2048];
	if (level > ISMS_FATAL)
		level = ISMS_FATAL;
	if (vsnprintf(raw, sizeof raw, fmt, ap) >= (int)sizeof raw)
		cut_utf8(raw, sizeof raw);
	apply_alias(raw, text, sizeof text);
	cut_utf8(text, sizeof text);
	/* a location in the build's temporary folder is named as the pack */
	char file[1024];
	isms_loc aliased;
	if (loc && loc->file && alias_from) {
		apply_alias(loc->file, file, sizeof file);
		aliased = *loc;
		aliased.file = file;
		loc = &aliased;
	}
	counts[level]++;
	if (sink) {
		sink(sink_ctx, level, loc, text);
		return;
	}
	if (quiet && level < ISMS_ERROR)
		return;
	char line[2600];
	isms_diag_format(line, sizeof line, level, loc, text);
	cut_utf8(line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

void
isms_diag(enum isms_level level, const isms_loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	isms_diag_v(level, loc, fmt, ap);
	va_end(ap);
}

unsigned isms_diag_count(enum isms_level level) { return counts[level]; }
unsigned isms_diag_errors(void) { return counts[ISMS_ERROR] + counts[ISMS_FATAL]; }
void isms_diag_reset(void) { memset(counts, 0, sizeof counts); }
void isms_diag_set_quiet(int q) { quiet = q; }

void
isms_diag_set_sink(isms_diag_sink s, void *ctx)
{
	sink = s;
	sink_ctx = ctx;
}

int
isms_exit_worse(int a, int b)
{
	static const int rank[] = {ISMS_EXIT_OK, ISMS_EXIT_TEMPFAIL, ISMS_EXIT_NOINPUT,
		ISMS_EXIT_CANTCREAT, ISMS_EXIT_USAGE, ISMS_EXIT_DATAERR, ISMS_EXIT_UNAVAILABLE,
		ISMS_EXIT_SOFTWARE};
	int ra = 0, rb = 0;
	for (int i = 0; i < (int)(sizeof rank / sizeof *rank); i++) {
		if (rank[i] == a)
			ra = i;
		if (rank[i] == b)
			rb = i;
	}
	return ra >= rb ? a : b;
}
