/* Allocation wrappers and the arena (base layer). */
#include "alloc.h"
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(void)
{
	fputs("ismspack: fatal: out of memory\n", stderr);
	exit(ISMS_EXIT_SOFTWARE);
}

void *
isms_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *
isms_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *
isms_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
isms_xstrdup(const char *s)
{
	return isms_xstrndup(s, strlen(s));
}

char *
isms_xstrndup(const char *s, size_t n)
{
	char *p = isms_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

struct block {
	struct block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

struct isms_arena {
	struct block *head;
};

isms_arena *
isms_arena_new(void)
{
	return isms_xcalloc(1, sizeof(isms_arena));
}

void *
isms_arena_alloc(isms_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 / 2 ? n : 65536;
		b = isms_xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
isms_arena_strndup(isms_arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = isms_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	return p;
}

char *
isms_arena_strdup(isms_arena *a, const char *s)
{
	return s ? isms_arena_strndup(a, s, strlen(s)) : NULL;
}

char *
isms_arena_printf(isms_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = isms_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void
isms_arena_free(isms_arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void
isms_vec_grow(isms_arena *a, void **v, size_t *cap, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	void *nv = isms_arena_alloc(a, ncap * elem);
	if (*cap)
		memcpy(nv, *v, *cap * elem);
	*v = nv;
	*cap = ncap;
}
