/* Template helpers (model layer; no I/O). */
#include "template.h"

#include <stdio.h>
#include <string.h>

void
isms_template_free(isms_template *t)
{
	if (t)
		isms_arena_free(t->arena);
}

static int
in_list(const char *list, const char *word)
{
	size_t k = strlen(word);
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == k && !strncmp(p, word, k))
			return 1;
		p += n;
	}
	return 0;
}

int
isms_tpl_applies(const isms_tpl_node *n, const isms_org *org)
{
	unsigned bit = ISMS_TPL_KIND_BIT(org->kind);
	if (n->when && !(n->when & bit))
		return 0;
	if (n->unless & bit)
		return 0;
	if (n->sectors && !in_list(n->sectors, org->sector ? org->sector : ""))
		return 0;
	return 1;
}

/* Depth-first search for id among applying nodes; excluded collects a match under a
 * condition that does not hold. */
static const isms_tpl_node *
find(const isms_tpl_node *n, const isms_org *org, const char *id, int depth, int applies,
     int *out_depth, const isms_tpl_node **excluded)
{
	applies = applies && isms_tpl_applies(n, org);
	if (n->id && !strcmp(n->id, id)) {
		if (applies) {
			*out_depth = depth;
			return n;
		}
		if (!*excluded)
			*excluded = n;
	}
	for (size_t i = 0; i < n->nchildren; i++) {
		const isms_tpl_node *k = &n->children[i];
		const isms_tpl_node *hit = find(k, org, id, k->kind == ISMS_TPL_CLAUSE && n->kind == ISMS_TPL_CLAUSE
		                                ? depth + 1 : depth, applies, out_depth, excluded);
		if (hit)
			return hit;
	}
	return NULL;
}

const isms_tpl_node *
isms_tpl_find(const isms_template *t, const isms_org *org, const char *id, int *depth,
              const isms_tpl_node **excluded)
{
	const isms_tpl_node *ex = NULL;
	int d = 0;
	for (size_t i = 0; i < t->nsections; i++) {
		const isms_tpl_node *hit = find(&t->sections[i], org, id, 1, 1, &d, &ex);
		if (hit) {
			if (depth)
				*depth = d;
			if (excluded)
				*excluded = NULL;
			return hit;
		}
	}
	if (excluded)
		*excluded = ex;
	return NULL;
}

/* The deepest numbering level a custom clause's content reaches when the clause itself
 * is at depth: sub-clauses one level down, a list's items one below their clause, an
 * item's own list one below the item. */
static int
extent(const isms_tpl_node *n, int depth)
{
	int most = depth;
	for (size_t i = 0; i < n->nchildren; i++) {
		const isms_tpl_node *k = &n->children[i];
		int e = depth;
		if (k->kind == ISMS_TPL_CLAUSE || k->kind == ISMS_TPL_LIST)
			e = extent(k, depth + (n->kind == ISMS_TPL_LIST ? 0 : 1));
		else if (k->kind == ISMS_TPL_ITEM)
			e = extent(k, depth);
		if (e > most)
			most = e;
	}
	return most;
}

/* Edit distance between two short ids (bytes), capped at 64 characters. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 64;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

typedef struct idlist {
	const char *v[256];
	size_t n;
} idlist;

static void
collect(const isms_tpl_node *n, const isms_org *org, idlist *l)
{
	if (!isms_tpl_applies(n, org))
		return;
	if (n->id && l->n < sizeof l->v / sizeof *l->v)
		l->v[l->n++] = n->id;
	for (size_t i = 0; i < n->nchildren; i++)
		collect(&n->children[i], org, l);
}

/* "did you mean" text: the ids within a few edits of id (or containing it, or
 * contained in it), nearest first; when none is near, every id of the template. */
static void
hint(const isms_template *t, const isms_org *org, const char *id, char *out, size_t size)
{
	idlist l = {.n = 0};
	for (size_t i = 0; i < t->nsections; i++)
		collect(&t->sections[i], org, &l);
	size_t lim = strlen(id) / 4 + 1, used = 0;
	const char *near[8];
	size_t nnear = 0;
	for (size_t d = 0; d <= lim && nnear < 8; d++)
		for (size_t i = 0; i < l.n && nnear < 8; i++)
			if (distance(id, l.v[i]) == d)
				near[nnear++] = l.v[i];
	for (size_t i = 0; i < l.n && nnear < 8; i++) {
		int dup = 0;
		for (size_t j = 0; j < nnear; j++)
			dup |= near[j] == l.v[i];
		if (!dup && (strstr(l.v[i], id) || strstr(id, l.v[i])))
			near[nnear++] = l.v[i];
	}
	out[0] = '\0';
	const char *const *v = nnear ? near : l.v;
	size_t n = nnear ? nnear : l.n;
	used = (size_t)snprintf(out, size, nnear ? "; near ids: " : "; its ids: ");
	for (size_t i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", v[i]);
}

int
isms_tpl_check_custom(const isms_template *t, const isms_org *org)
{
	int errors = 0;
	/* the template by its file name: the same message wherever it is installed */
	const char *file = strrchr(t->file, '/') ? strrchr(t->file, '/') + 1 : t->file;
	for (size_t i = 0; i < org->nclauses; i++) {
		const isms_custom_clause *k = &org->clauses[i];
		if (k->document != t->kind)
			continue;
		const char *how = k->replace ? "replace" : k->after ? "after" : "remove";
		const char *id = k->replace ? k->replace : k->after ? k->after : k->remove;
		if (!id)
			continue;
		int depth = 0;
		const isms_tpl_node *ex = NULL;
		const isms_tpl_node *n = isms_tpl_find(t, org, id, &depth, &ex);
		if (!n && ex) {
			isms_error(&k->loc, "custom clause: %s=\"%s\" names a clause of %s (line %d) that "
			           "this organisation's kind or sector leaves out, so there is nothing to %s",
			           how, id, file, ex->loc.line, k->after ? "follow" : how);
			errors++;
			continue;
		}
		if (!n) {
			char h[1024];
			hint(t, org, id, h, sizeof h);
			isms_error(&k->loc, "custom clause: %s=\"%s\" names no clause of %s%s", how, id,
			           file, h);
			errors++;
			continue;
		}
		/* one replacement or removal per clause */
		if (!k->after)
			for (size_t j = 0; j < i; j++) {
				const isms_custom_clause *e = &org->clauses[j];
				const char *eid = e->replace ? e->replace : e->remove;
				if (e->document == k->document && eid && !strcmp(eid, id)) {
					isms_error(&k->loc, "custom clause: clause \"%s\" is already %s by the "
					           "custom clause at line %d", id, e->replace ? "replaced" : "removed",
					           e->loc.line);
					errors++;
				}
			}
		if (k->body) {
			int at = n->kind == ISMS_TPL_CLAUSE ? depth : depth + 1;
			int reach = extent(k->body, at);
			if (reach > ISMS_TPL_MAX_DEPTH) {
				isms_error(&k->loc, "custom clause: placed at level %d of %s, its sub-clauses "
				           "and lists reach level %d; the numbering has %d levels "
				           "(壹、 一、 (一) 1. (1) A. (A) a. (a))", at, file, reach,
				           ISMS_TPL_MAX_DEPTH);
				errors++;
			}
		}
	}
	return errors;
}
