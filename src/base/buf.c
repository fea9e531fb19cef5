/* Growable byte string (base layer). */
#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
reserve(isms_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = isms_xrealloc(b->data, cap);
	b->cap = cap;
}

void
isms_buf_append(isms_buf *b, const void *p, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void isms_buf_puts(isms_buf *b, const char *s) { isms_buf_append(b, s, strlen(s)); }
void isms_buf_putc(isms_buf *b, char c) { isms_buf_append(b, &c, 1); }

void
isms_buf_printf(isms_buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
}

void
isms_buf_put_xml(isms_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': isms_buf_puts(b, "&amp;"); break;
		case '<': isms_buf_puts(b, "&lt;"); break;
		case '>': isms_buf_puts(b, "&gt;"); break;
		case '"': isms_buf_puts(b, "&quot;"); break;
		case '\'': isms_buf_puts(b, "&apos;"); break;
		default: isms_buf_putc(b, *s);
		}
	}
}

void
isms_buf_put_json(isms_buf *b, const char *s)
{
	isms_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			isms_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			isms_buf_puts(b, "\\n");
		else if (c == '\t')
			isms_buf_puts(b, "\\t");
		else if (c < 0x20)
			isms_buf_printf(b, "\\u%04x", c);
		else
			isms_buf_putc(b, (char)c);
	}
	isms_buf_putc(b, '"');
}

void
isms_buf_clear(isms_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
isms_buf_free(isms_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
