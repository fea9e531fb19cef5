/* A growable byte string (heap-owned), for building text and file contents. */
#ifndef ISMS_BUF_H
#define ISMS_BUF_H

#include <stddef.h>

typedef struct isms_buf {
	char *data; /* always NUL-terminated once anything was appended */
	size_t len, cap;
} isms_buf;

void isms_buf_append(isms_buf *b, const void *p, size_t n);
void isms_buf_puts(isms_buf *b, const char *s);
void isms_buf_putc(isms_buf *b, char c);
void isms_buf_printf(isms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s with XML special characters escaped (&<>"'). */
void isms_buf_put_xml(isms_buf *b, const char *s);
/* Append s as a JSON string literal, quotes included. */
void isms_buf_put_json(isms_buf *b, const char *s);
void isms_buf_clear(isms_buf *b);
/* Releases the storage; accepts a zeroed or NULL buffer. */
void isms_buf_free(isms_buf *b);

#endif
