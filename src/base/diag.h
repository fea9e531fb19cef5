/* One message table and one printer for every module: "file:line:col: error: text".
 * Modules never print to stderr themselves; they call isms_diag(). */
#ifndef ISMS_DIAG_H
#define ISMS_DIAG_H

#include <stdarg.h>

enum isms_level { ISMS_NOTE = 0, ISMS_WARNING = 1, ISMS_ERROR = 2, ISMS_FATAL = 3 };

/* A place in an input file; file may be NULL (no location), line/col 0 = unknown. */
typedef struct isms_loc {
	const char *file;
	int line;
	int col;
} isms_loc;

/* Exit statuses of the ismspack command (documented in ismspack.1 and README). */
enum isms_exit {
	ISMS_EXIT_OK = 0,
	ISMS_EXIT_USAGE = 64,    /* bad command line */
	ISMS_EXIT_DATAERR = 65,  /* input data invalid */
	ISMS_EXIT_NOINPUT = 66,  /* input file cannot be read */
	ISMS_EXIT_UNAVAILABLE = 69, /* a needed resource (fonts) is not installed */
	ISMS_EXIT_SOFTWARE = 70, /* internal error */
	ISMS_EXIT_CANTCREAT = 73,/* output cannot be written */
	ISMS_EXIT_TEMPFAIL = 75  /* output folder locked by another run */
};

/* The worse of two exit statuses, for a summary over several inputs: data errors
 * outrank the rest. */
int isms_exit_worse(int a, int b);

/* Receives every message; the default sink prints to stderr. */
typedef void (*isms_diag_sink)(void *ctx, enum isms_level level,
                               const isms_loc *loc, const char *text);

/* Report a message. loc may be NULL. Counts it by level. */
void isms_diag(enum isms_level level, const isms_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void isms_diag_v(enum isms_level level, const isms_loc *loc, const char *fmt, va_list ap);

/* Shorthands. */
#define isms_error(loc, ...) isms_diag(ISMS_ERROR, (loc), __VA_ARGS__)
#define isms_warn(loc, ...) isms_diag(ISMS_WARNING, (loc), __VA_ARGS__)

/* Number of messages at exactly this level since the last reset. */
unsigned isms_diag_count(enum isms_level level);
/* Number of messages at ISMS_ERROR or worse. */
unsigned isms_diag_errors(void);
void isms_diag_reset(void);
/* Replace the sink (NULL restores stderr printing); returns nothing. */
void isms_diag_set_sink(isms_diag_sink sink, void *ctx);
/* Suppress notes and warnings on the default sink (--quiet keeps errors). */
void isms_diag_set_quiet(int quiet);
/* From now on, print `to` wherever a message names the path `from` (a build's
 * temporary folder is named as the pack it becomes); NULLs end it. */
void isms_diag_alias(const char *from, const char *to);
/* Format one message the way the default sink prints it (no newline), into buf. */
void isms_diag_format(char *buf, unsigned size, enum isms_level level,
                      const isms_loc *loc, const char *text);

#endif
