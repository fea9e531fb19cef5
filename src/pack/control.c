/* Document control across rebuilds (pack layer): the controlled documents' text as
 * the pack records it, and clause-by-clause differences between two versions. */
#include "control.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/fs.h"

#define MAGIC "ismspack document text 1\n"

isms_ctl_text *
isms_ctl_new(const char *lang)
{
	isms_ctl_text *t = isms_xcalloc(1, sizeof *t);
	t->a = isms_arena_new();
	t->lang = isms_arena_strdup(t->a, lang);
	return t;
}

void
isms_ctl_free(isms_ctl_text *t)
{
	if (!t)
		return;
	isms_arena_free(t->a);
	free(t->docs);
	free(t);
}

void
isms_ctl_set(isms_ctl_text *t, const char *file, const char *number, const char *version,
             const char *title, const char *body)
{
	isms_ctl_doc *d = (isms_ctl_doc *)isms_ctl_find(t, file);
	if (!d) {
		if (t->n == t->cap)
			t->docs = isms_xrealloc(t->docs, (t->cap = t->cap ? 2 * t->cap : 4) * sizeof *t->docs);
		d = &t->docs[t->n++];
		d->file = isms_arena_strdup(t->a, file);
	}
	d->number = isms_arena_strdup(t->a, number ? number : "");
	d->version = isms_arena_strdup(t->a, version ? version : "");
	d->title = isms_arena_strdup(t->a, title ? title : "");
	d->body = isms_arena_strdup(t->a, body ? body : "");
}

const isms_ctl_doc *
isms_ctl_find(const isms_ctl_text *t, const char *file)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (!strcmp(t->docs[i].file, file))
			return &t->docs[i];
	return NULL;
}

void
isms_ctl_write(const isms_ctl_text *t, isms_buf *out)
{
	isms_buf_puts(out, MAGIC);
	isms_buf_printf(out, "lang: %s\n", t->lang);
	for (size_t i = 0; i < t->n; i++) {
		const isms_ctl_doc *d = &t->docs[i];
		isms_buf_printf(out, "=== %s\nnumber: %s\nversion: %s\ntitle: %s\n", d->file, d->number,
		                d->version, d->title);
		isms_buf_puts(out, d->body);
	}
}

/* The value of "key: value\n" at *p, advancing *p; NULL when the line differs. */
static const char *
field(isms_arena *a, const char **p, const char *key)
{
	size_t k = strlen(key);
	if (strncmp(*p, key, k) || (*p)[k] != ':' || (*p)[k + 1] != ' ')
		return NULL;
	const char *v = *p + k + 2, *e = strchr(v, '\n');
	if (!e)
		return NULL;
	*p = e + 1;
	return isms_arena_strndup(a, v, (size_t)(e - v));
}

int
isms_ctl_read(const char *dir, isms_ctl_text **out)
{
	*out = NULL;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, ISMS_CTL_FILE);
	char *s = isms_fs_read_regular(path, NULL, 64u << 20);
	if (!s)
		return 1;
	isms_loc loc = {path, 1, 1};
	if (strncmp(s, MAGIC, strlen(MAGIC))) {
		isms_error(&loc, "not a document text file of ismspack");
		free(s);
		return -1;
	}
	isms_ctl_text *t = isms_ctl_new("");
	const char *p = s + strlen(MAGIC);
	t->lang = field(t->a, &p, "lang");
	int bad = !t->lang;
	while (!bad && *p) {
		if (strncmp(p, "=== ", 4)) {
			bad = 1;
			break;
		}
		const char *e = strchr(p, '\n');
		if (!e) {
			bad = 1;
			break;
		}
		const char *file = isms_arena_strndup(t->a, p + 4, (size_t)(e - p - 4));
		p = e + 1;
		const char *number = field(t->a, &p, "number");
		const char *version = field(t->a, &p, "version");
		const char *title = field(t->a, &p, "title");
		if (!number || !version || !title) {
			bad = 1;
			break;
		}
		const char *end = strstr(p, "\n=== ");
		end = end ? end + 1 : p + strlen(p);
		char *body = isms_arena_strndup(t->a, p, (size_t)(end - p));
		isms_ctl_set(t, file, number, version, title, body);
		p = end;
	}
	free(s);
	if (bad) {
		isms_error(&loc, "the document text file is damaged; rebuild the pack it belongs to");
		isms_ctl_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

/* ---------- clause differences ---------- */

typedef struct clause {
	const char *label, *heading; /* heading: "" for the text before the first one */
	const char *text;            /* the clause's lines after its heading */
	size_t len;
	int matched;
} clause;

static clause *
split(const char *body, isms_arena *a, size_t *n)
{
	size_t cap = 16;
	clause *v = isms_xmalloc(cap * sizeof *v);
	*n = 0;
	const char *p = body;
	clause cur = {"", "", p, 0, 0};
	while (*p) {
		const char *e = strchr(p, '\n');
		const char *next = e ? e + 1 : p + strlen(p);
		if (!strncmp(p, "§ ", strlen("§ "))) {
			cur.len = (size_t)(p - cur.text);
			if (cur.len || *cur.heading) {
				if (*n == cap)
					v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
				v[(*n)++] = cur;
			}
			const char *h = p + strlen("§ ");
			const char *tab = memchr(h, '\t', (size_t)((e ? e : next) - h));
			cur.label = tab ? isms_arena_strndup(a, h, (size_t)(tab - h)) : "";
			cur.heading = isms_arena_strndup(a, tab ? tab + 1 : h,
			                                 (size_t)((e ? e : next) - (tab ? tab + 1 : h)));
			cur.text = next;
			cur.matched = 0;
		}
		p = next;
	}
	cur.len = (size_t)(p - cur.text);
	if (cur.len || *cur.heading) {
		if (*n == cap)
			v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = cur;
	}
	return v;
}

static const char *
show(isms_arena *a, const clause *c)
{
	/* the clause as a reader sees it: its number and heading, then its text */
	size_t n = c->len;
	while (n && c->text[n - 1] == '\n')
		n--;
	return isms_arena_printf(a, "%s%s%s%s%.*s", c->label, *c->label ? " " : "", c->heading,
	                         *c->heading && n ? "\n" : "", (int)n, c->text);
}

static const char *
note(isms_arena *a, const char *lang, const char *zh, const char *en)
{
	if (!strcmp(lang, "en"))
		return en;
	if (!strcmp(lang, "bi"))
		return isms_arena_printf(a, "%s\n%s", zh, en);
	return zh;
}

size_t
isms_ctl_diff(const char *old_body, const char *new_body, const char *lang, isms_arena *a,
              isms_amend_row **rows)
{
	size_t no, nn, nr = 0;
	clause *o = split(old_body, a, &no), *nw = split(new_body, a, &nn);
	isms_amend_row *r = isms_arena_alloc(a, (no + nn + 1) * sizeof *r);
	for (size_t i = 0; i < nn; i++) {
		clause *m = NULL;
		for (size_t k = 0; k < no && !m; k++)
			if (!o[k].matched && !strcmp(o[k].heading, nw[i].heading))
				m = &o[k];
		if (m)
			m->matched = 1;
		if (m && m->len == nw[i].len && !memcmp(m->text, nw[i].text, m->len))
			continue; /* the same clause, perhaps renumbered */
		if (!m) {
			r[nr++] = (isms_amend_row){show(a, &nw[i]), "",
				note(a, lang, "本條新增。", "New clause.")};
		} else {
			const char *why = strcmp(m->label, nw[i].label)
				? isms_arena_printf(a, "%s", note(a, lang,
				      isms_arena_printf(a, "本條修正；條次由 %s 變更為 %s。", m->label, nw[i].label),
				      isms_arena_printf(a, "Clause amended; renumbered from %s to %s.", m->label, nw[i].label)))
				: note(a, lang, "本條修正。", "Clause amended.");
			r[nr++] = (isms_amend_row){show(a, &nw[i]), show(a, m), why};
		}
	}
	for (size_t k = 0; k < no; k++)
		if (!o[k].matched)
			r[nr++] = (isms_amend_row){"", show(a, &o[k]), note(a, lang, "本條刪除。", "Clause deleted.")};
	free(o);
	free(nw);
	*rows = r;
	return nr;
}
