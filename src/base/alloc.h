/* Allocation wrappers that exit(70) on out-of-memory, so no other code has OOM paths,
 * and an arena that owns every allocation of one model or one document. */
#ifndef ISMS_ALLOC_H
#define ISMS_ALLOC_H

#include <stddef.h>

void *isms_xmalloc(size_t n);
void *isms_xcalloc(size_t n, size_t size);
void *isms_xrealloc(void *p, size_t n);
char *isms_xstrdup(const char *s);
char *isms_xstrndup(const char *s, size_t n);

typedef struct isms_arena isms_arena;

/* A new, empty arena; free with isms_arena_free(). */
isms_arena *isms_arena_new(void);
/* Zeroed, 16-byte aligned memory owned by the arena. */
void *isms_arena_alloc(isms_arena *a, size_t n);
/* Copies owned by the arena; NULL in gives NULL out. */
char *isms_arena_strdup(isms_arena *a, const char *s);
char *isms_arena_strndup(isms_arena *a, const char *s, size_t n);
char *isms_arena_printf(isms_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Releases everything; accepts NULL. */
void isms_arena_free(isms_arena *a);

/* Growable array of pointers allocated in an arena (amortised doubling). */
#define ISMS_VEC(T) struct { T *v; size_t n, cap; }
void isms_vec_grow(isms_arena *a, void **v, size_t *cap, size_t elem);
#define ISMS_VEC_PUSH(a, vec, x)                                                   \
	do {                                                                       \
		if ((vec).n == (vec).cap)                                          \
			isms_vec_grow((a), (void **)&(vec).v, &(vec).cap, sizeof *(vec).v); \
		(vec).v[(vec).n++] = (x);                                          \
	} while (0)

#endif
