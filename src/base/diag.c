/* Diagnostics: the single message printer (base layer, used by every stage). */
#include "diag.h"

#include <stdio.h>
#include <string.h>

static unsigned counts[4];
static isms_diag_sink sink;
static void *sink_ctx;
static int quiet;

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
	char text[2048];
	if (level > ISMS_FATAL)
		level = ISMS_FATAL;
	if (vsnprintf(text, sizeof text, fmt, ap) >= (int)sizeof text) {
		/* cut: never in the middle of a UTF-8 character */
		size_t n = sizeof text - 4;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* text[n] starts a character: keep what is before it */
		memcpy(text + n, "...", 4);
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
