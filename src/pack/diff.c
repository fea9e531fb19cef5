/* ismspack diff (pack layer): what changed between two packs — the controlled
 * documents clause by clause (their recorded text) and the organisation's data
 * record by record (the canonical dump 00-model.txt) — and, on request, the
 * amendment tables as a PDF. */
#define _GNU_SOURCE
#include "diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/fs.h"
#include "pack/control.h"
#include "pack/pack.h"

/* One record of the dump: a line at the left margin and the indented lines after. */
typedef struct rec {
	const char *key;   /* "unit u-admin": kind and id */
	const char *text;  /* the whole record */
	size_t len;
	int matched;
} rec;

static rec *
records(const char *dump, isms_arena *a, size_t *n)
{
	size_t cap = 64;
	rec *v = isms_xmalloc(cap * sizeof *v);
	*n = 0;
	for (const char *p = dump; p && *p;) {
		const char *e = p;
		do {
			e = strchr(e, '\n');
			e = e ? e + 1 : e;
		} while (e && *e == ' ');
		if (!e)
			e = p + strlen(p);
		size_t k1 = strcspn(p, " \n");
		size_t k2 = p[k1] == ' ' ? strcspn(p + k1 + 1, " \n") : 0;
		if (*n == cap)
			v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = (rec){isms_arena_strndup(a, p, k1 + (k2 ? k2 + 1 : 0)), p, (size_t)(e - p), 0};
		p = e;
	}
	return v;
}

static void
put_lines(isms_buf *out, const char *mark, const char *s, size_t len)
{
	for (const char *p = s; p < s + len;) {
		const char *e = memchr(p, '\n', (size_t)(s + len - p));
		size_t l = e ? (size_t)(e - p) : (size_t)(s + len - p);
		isms_buf_printf(out, "    %s %.*s\n", mark, (int)l, p);
		p += l + 1;
	}
}

/* The lines of a that b lacks, marked. */
static void
put_missing(isms_buf *out, const char *mark, const rec *a, const rec *b)
{
	for (const char *p = a->text; p < a->text + a->len;) {
		const char *e = memchr(p, '\n', (size_t)(a->text + a->len - p));
		size_t l = e ? (size_t)(e - p) : (size_t)(a->text + a->len - p);
		int found = 0;
		for (const char *q = b->text; q < b->text + b->len && !found;) {
			const char *f = memchr(q, '\n', (size_t)(b->text + b->len - q));
			size_t m = f ? (size_t)(f - q) : (size_t)(b->text + b->len - q);
			found = m == l && !memcmp(p, q, l);
			q += m + 1;
		}
		if (!found)
			isms_buf_printf(out, "    %s %.*s\n", mark, (int)l, p);
		p += l + 1;
	}
}

static char *
read_in(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return isms_fs_read_regular(path, NULL, 64u << 20);
}

/* "organisation": {"id": ..., "name": "X"} of manifest.json, unescaped simply. */
static char *
org_name(const char *dir, isms_arena *a)
{
	char *m = read_in(dir, "manifest.json");
	const char *p = m ? strstr(m, "\"name\": \"") : NULL;
	char *r = NULL;
	if (p) {
		p += 9;
		isms_buf b = {0};
		for (; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			isms_buf_putc(&b, *p);
		}
		r = isms_arena_strdup(a, b.data ? b.data : "");
		isms_buf_free(&b);
	}
	free(m);
	return r;
}

int
isms_pack_diff(const char *old_dir, const char *new_dir, const char *pdf, isms_buf *out)
{
	isms_ctl_text *o = NULL, *n = NULL;
	int ro = isms_ctl_read(old_dir, &o), rn = isms_ctl_read(new_dir, &n);
	char *od = read_in(old_dir, "00-model.txt"), *nd = read_in(new_dir, "00-model.txt");
	int rc = 0;
	if (ro < 0 || rn < 0 || !od || !nd) {
		isms_error(NULL, "diff: %s and %s must both be packs written by ismspack (with "
		           "00-model.txt%s)", old_dir, new_dir, ro > 0 || rn > 0 ? "" : " and " ISMS_CTL_FILE);
		rc = ISMS_EXIT_NOINPUT;
		goto done;
	}
	isms_arena *a = isms_arena_new();
	isms_amendment am[8];
	size_t nam = 0, changes = 0;
	/* documents */
	isms_buf_puts(out, "documents:\n");
	for (size_t i = 0; n && i < n->n; i++) {
		const isms_ctl_doc *d = &n->docs[i], *was = isms_ctl_find(o, d->file);
		if (!was) {
			isms_buf_printf(out, "  %s %s: new (version %s)\n", d->file, d->number, d->version);
			changes++;
			continue;
		}
		isms_amend_row *rows;
		size_t nr = isms_ctl_diff(was->body, d->body, n->lang, a, &rows);
		if (!nr && !strcmp(was->version, d->version))
			continue;
		changes++;
		isms_buf_printf(out, "  %s %s: version %s -> %s, %zu clause%s changed%s\n", d->file,
		                d->number, was->version, d->version, nr, nr == 1 ? "" : "s",
		                nr && !strcmp(was->version, d->version) ? " (UNDER THE SAME VERSION)" : "");
		for (size_t k = 0; k < nr; k++) {
			const char *t = *rows[k].new_text ? rows[k].new_text : rows[k].old_text;
			isms_buf_printf(out, "    %s %.*s\n", !*rows[k].old_text ? "+" : !*rows[k].new_text ? "-" : "~",
			                (int)strcspn(t, "\n"), t);
		}
		if (nr && nam < sizeof am / sizeof *am)
			am[nam++] = (isms_amendment){NULL, d->file, was->version, rows, nr};
	}
	for (size_t i = 0; o && i < o->n; i++)
		if (!isms_ctl_find(n, o->docs[i].file)) {
			isms_buf_printf(out, "  %s: no longer in the pack\n", o->docs[i].file);
			changes++;
		}
	/* data */
	isms_buf_puts(out, "data:\n");
	size_t no, nn;
	rec *ro_ = records(od, a, &no), *rn_ = records(nd, a, &nn);
	for (size_t i = 0; i < nn; i++) {
		rec *m = NULL;
		for (size_t k = 0; k < no && !m; k++)
			if (!ro_[k].matched && !strcmp(ro_[k].key, rn_[i].key))
				m = &ro_[k];
		if (m)
			m->matched = 1;
		if (m && m->len == rn_[i].len && !memcmp(m->text, rn_[i].text, m->len))
			continue;
		changes++;
		if (!m) {
			isms_buf_printf(out, "  + %s\n", rn_[i].key);
			put_lines(out, "+", rn_[i].text, rn_[i].len);
		} else {
			isms_buf_printf(out, "  ~ %s\n", rn_[i].key);
			put_missing(out, "-", m, &rn_[i]);
			put_missing(out, "+", &rn_[i], m);
		}
	}
	for (size_t k = 0; k < no; k++)
		if (!ro_[k].matched) {
			changes++;
			isms_buf_printf(out, "  - %s\n", ro_[k].key);
		}
	free(ro_);
	free(rn_);
	isms_buf_printf(out, "%zu change%s\n", changes, changes == 1 ? "" : "s");
	if (pdf) {
		/* the tables need only the organisation's name and the language */
		isms_org org;
		memset(&org, 0, sizeof org);
		org.name.zh = org_name(new_dir, a);
		if (!org.name.zh)
			org.name.zh = "";
		isms_docctx c = {&org, NULL, {0}, n->lang, 0, NULL};
		if (isms_pack_clock(&c.when) < 0 || isms_docs_amendments(&c, am, nam, pdf) < 0)
			rc = ISMS_EXIT_CANTCREAT;
	}
	isms_arena_free(a);
done:
	free(od);
	free(nd);
	isms_ctl_free(o);
	isms_ctl_free(n);
	return rc;
}
