/* Shared pieces of the clause 5 leadership documents (docs layer): loading their
 * template, the document-control page, walking sections and numbered clauses with
 * kind conditions and variables, and the controlled text without the records. */
#include "clause5.h"
#include "vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "load/template.h"
#include "typeset/pages.h"

static const char *const cn_small[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"};

int
c5_open(c5 *c, const isms_docctx *ctx, enum isms_doc_kind kind, const char *dir, c5_gen gen)
{
	static const char *const files[] = {[ISMS_DOC_COMMITMENT] = "commitment.xml",
		[ISMS_DOC_APPOINTMENTS] = "appointments.xml",
		[ISMS_DOC_POLICY_COMM] = "policy-communication.xml"};
	memset(c, 0, sizeof *c);
	char *tpath;
	if (dir) {
		tpath = isms_xmalloc(strlen(dir) + 64);
		sprintf(tpath, "%s/%s", dir, files[kind]);
	} else {
		char rel[64];
		snprintf(rel, sizeof rel, "templates/%s", files[kind]);
		tpath = isms_data_path(rel);
		if (!tpath) {
			isms_error(NULL, "template %s not found (set ISMSPACK_DATADIR or --templates)", rel);
			return -2;
		}
	}
	int rc = isms_template_load(tpath, &c->t);
	if (rc == 0 && c->t->kind != kind) {
		isms_loc l = {tpath, 1, 1};
		isms_error(&l, "this template is of kind \"%s\"; %s needs kind=\"%s\"",
		           isms_doc_kind_name(c->t->kind), files[kind], isms_doc_kind_name(kind));
		isms_template_free(c->t);
		c->t = NULL;
		rc = -1;
	}
	free(tpath);
	if (rc)
		return -2;
	c->kind = kind;
	c->gen = gen;
	docs_begin(&c->d, ctx, kind, c->t->title.zh, c->t->title.en);
	isms_doc_section(c->d.doc, 0, 56.7);
	return 0;
}

int
c5_no_such(c5 *c, const char *kind, const isms_loc *where, const char *known)
{
	isms_error(where, "<generated kind=\"%s\"/> has no place in the %s template (it takes: %s)",
	           kind, isms_doc_kind_name(c->kind), known);
	return -1;
}

void
c5_var(c5 *c, const char *name, const char *zh, const char *en)
{
	if (c->nvars == sizeof c->var_name / sizeof *c->var_name)
		abort(); /* a builder declares a fixed handful */
	c->var_name[c->nvars] = name;
	c->var_value[c->nvars++] = (isms_text){zh, en ? en : zh};
}

const char *
c5_date(c5 *c, int en, isms_date x)
{
	char b[64];
	return isms_arena_strdup(c->d.a, en ? isms_date_en(x, b, sizeof b) : isms_date_roc_long(x, b, sizeof b));
}

const char *
c5_expand(c5 *c, const char *text, const isms_loc *loc, int en)
{
	if (!text)
		return NULL;
	/* the builder's own variables first; the rest are the shared ones */
	isms_buf own = {0};
	for (const char *p = text; *p;) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			isms_buf_puts(&own, p);
			break;
		}
		isms_buf_append(&own, p, (size_t)(open - p));
		size_t n = (size_t)(close - open - 1), k;
		for (k = 0; k < c->nvars; k++)
			if (strlen(c->var_name[k]) == n && !strncmp(open + 1, c->var_name[k], n))
				break;
		if (k < c->nvars)
			isms_buf_puts(&own, en ? c->var_value[k].en : c->var_value[k].zh);
		else
			isms_buf_append(&own, open, n + 2);
		p = close + 1;
	}
	isms_buf b = {0};
	if (isms_vars_expand(c->d.c->org, c->kind, en, own.data ? own.data : "", loc, &b) < 0)
		c->errors++;
	const char *s = isms_arena_strdup(c->d.a, b.data ? b.data : "");
	isms_buf_free(&b);
	isms_buf_free(&own);
	return s;
}

/* The label of a numbered clause at depth (1 = 一、 or 1.). */
static const char *
label(c5 *c, int depth)
{
	dctx *d = &c->d;
	int n = c->counters[depth];
	if (!c->t->chinese_numbering || d->en) {
		switch (depth) {
		case 1: return F(d, "%d.", n);
		case 2: return F(d, "(%c)", 'a' + (n - 1) % 26);
		default: return F(d, "(%d)", n);
		}
	}
	switch (depth) {
	case 1: return F(d, "%s、", n <= 20 ? cn_small[n - 1] : "廿");
	case 2: return F(d, "(%s)", n <= 20 ? cn_small[n - 1] : "廿");
	case 3: return F(d, "%d.", n);
	default: return F(d, "(%d)", n);
	}
}

void
c5_para(c5 *c, int depth, const char *lab, const char *zh, const char *en)
{
	docs_para(&c->d, depth > 1 ? (depth - 1) * 14.0 : 0, lab, zh, en);
}

void
c5_right(c5 *c, enum isms_style style, const char *zh, const char *en)
{
	dctx *d = &c->d;
	isms_doc_para(d->doc, style, 0, NULL, d->en ? en : zh, ISMS_RIGHT);
	if (d->bi)
		isms_doc_para(d->doc, ISMS_SECONDARY, 0, NULL, en, ISMS_RIGHT);
}

static void
tpl_para(c5 *c, int depth, const char *lab, const isms_tpl_text *t)
{
	const char *zh = c5_expand(c, t->zh, &t->zh_loc, 0);
	const char *en = c->d.en || c->d.bi ? c5_expand(c, t->en, &t->en_loc, 1) : NULL;
	c5_para(c, depth, lab, zh, en);
}

static void
next_number(c5 *c, int depth)
{
	c->counters[depth]++;
	for (int j = depth + 1; j < 8; j++)
		c->counters[j] = 0;
}

static void node(c5 *c, const isms_tpl_node *n, int depth);

/* The organisation's own paragraphs in place of a section: numbered items. */
static void
own_items(c5 *c)
{
	for (size_t i = 0; i < c->own.n; i++) {
		next_number(c, 1);
		const isms_text *t = &c->own.v[i];
		const char *zh = c5_expand(c, t->zh, &c->own_loc, 0);
		const char *en = (c->d.en || c->d.bi) && t->en ? c5_expand(c, t->en, &c->own_loc, 1) : NULL;
		c5_para(c, 1, label(c, 1), zh, en);
	}
}

static void
children(c5 *c, const isms_tpl_node *n, size_t from, int depth)
{
	for (size_t i = from; i < n->nchildren; i++) {
		const isms_tpl_node *k = &n->children[i];
		node(c, k, k->kind == ISMS_TPL_CLAUSE ? depth + 1 : depth);
	}
}

/* 1 when node n prints something for this organisation: it applies, and when it
 * is a clause without a heading, something of it is kept. */
static int
kept(c5 *c, const isms_tpl_node *n)
{
	if (!isms_tpl_applies(n, c->d.c->org))
		return 0;
	if (n->kind != ISMS_TPL_CLAUSE || n->text.zh)
		return 1;
	for (size_t i = 0; i < n->nchildren; i++)
		if (kept(c, &n->children[i]))
			return 1;
	return 0;
}

/* The first child that is kept, or NULL. */
static const isms_tpl_node *
first_child(c5 *c, const isms_tpl_node *n, size_t *at)
{
	for (size_t i = 0; i < n->nchildren; i++)
		if (kept(c, &n->children[i])) {
			*at = i;
			return &n->children[i];
		}
	return NULL;
}

static void
heading_line(c5 *c, int level, const char *lab, const isms_tpl_text *h)
{
	const char *zh = c5_expand(c, h->zh, &h->zh_loc, 0);
	const char *en = c->d.en || c->d.bi ? c5_expand(c, h->en, &h->en_loc, 1) : NULL;
	docs_heading(&c->d, level, lab, zh, en);
}

/* A section: an unnumbered block.  With a heading over a paragraph, the heading is
 * that paragraph's hanging label, as in an official letter (主旨：…); over anything
 * else it stands on its own line (說明：, then the numbered items). */
static void
section(c5 *c, const isms_tpl_node *n)
{
	dctx *d = &c->d;
	memset(c->counters, 0, sizeof c->counters);
	if (c->own_id && n->id && !strcmp(n->id, c->own_id) && c->own.n) {
		own_items(c);
		return;
	}
	size_t at = 0;
	const isms_tpl_node *first = first_child(c, n, &at);
	if (n->text.zh && first && first->kind == ISMS_TPL_PARA) {
		const char *zh = c5_expand(c, n->text.zh, &n->text.zh_loc, 0);
		const char *en = c5_expand(c, n->text.en, &n->text.en_loc, 1);
		const char *lab = d->en ? F(d, "%s: ", en) : F(d, "%s：", zh);
		tpl_para(c, 0, lab, &first->text);
		children(c, n, at + 1, 0);
		return;
	}
	if (n->text.zh && first && first->kind == ISMS_TPL_CLAUSE) {
		/* 說明： over numbered items */
		isms_tpl_text h = n->text;
		h.zh = F(d, "%s：", h.zh);
		h.en = h.en ? F(d, "%s:", h.en) : NULL;
		heading_line(c, 2, NULL, &h);
	} else if (n->text.zh) {
		heading_line(c, 2, NULL, &n->text);
	}
	children(c, n, 0, 0);
}

static void
node(c5 *c, const isms_tpl_node *n, int depth)
{
	if (!isms_tpl_applies(n, c->d.c->org))
		return;
	switch (n->kind) {
	case ISMS_TPL_PARA:
		tpl_para(c, depth, NULL, &n->text);
		break;
	case ISMS_TPL_GENERATED:
		if (c->gen(c, n->generated, depth, &n->loc) < 0)
			c->errors++;
		break;
	case ISMS_TPL_CLAUSE: {
		/* the number goes on the heading, else on the first kept paragraph; a clause
		 * without a heading of which nothing is kept takes no number */
		size_t at = 0;
		const isms_tpl_node *first = first_child(c, n, &at);
		if (!n->text.zh && !first)
			break;
		next_number(c, depth);
		const char *lab = label(c, depth);
		if (n->text.zh) {
			heading_line(c, depth + 2 > 4 ? 4 : depth + 2, lab, &n->text);
			children(c, n, 0, depth);
		} else if (first && first->kind == ISMS_TPL_PARA) {
			tpl_para(c, depth, lab, &first->text);
			children(c, n, at + 1, depth);
		} else {
			c5_para(c, depth, lab, "", "");
			children(c, n, 0, depth);
		}
		break;
	}
	default:
		isms_error(&n->loc, "this element is not supported in the %s template",
		           isms_doc_kind_name(c->kind));
		c->errors++;
	}
}

static void
body(c5 *c)
{
	docs_title(&c->d, c->t->title.zh, c->t->title.en);
	c->body = isms_doc_mark(c->d.doc);
	isms_doc_space(c->d.doc, 10);
	for (size_t i = 0; i < c->t->nsections; i++)
		if (isms_tpl_applies(&c->t->sections[i], c->d.c->org))
			section(c, &c->t->sections[i]);
}

void
c5_record_begin(c5 *c)
{
	if (c->nskip < sizeof c->skip_from / sizeof *c->skip_from)
		c->skip_from[c->nskip] = isms_doc_mark(c->d.doc);
}

void
c5_record_end(c5 *c)
{
	if (c->nskip < sizeof c->skip_from / sizeof *c->skip_from)
		c->skip_to[c->nskip++] = isms_doc_mark(c->d.doc);
	else
		abort(); /* a template with more than 32 record stretches is not shipped */
}

/* The controlled text: the body from c->body on, less the record stretches.  The
 * text of blocks [a, end) is the text of [a, b) followed by that of [b, end), so a
 * stretch's text is a difference of suffixes. */
static void
controlled_text(c5 *c, isms_buf *out)
{
	isms_buf all = {0};
	isms_doc_text(c->d.doc, c->body, &all);
	size_t at = 0; /* bytes of `all` consumed */
	size_t total = all.len;
	for (size_t i = 0; i < c->nskip; i++) {
		isms_buf from = {0}, to = {0};
		isms_doc_text(c->d.doc, c->skip_from[i], &from);
		isms_doc_text(c->d.doc, c->skip_to[i], &to);
		size_t start = total - from.len, end = total - to.len;
		if (start > at)
			isms_buf_append(out, all.data + at, start - at);
		at = end > at ? end : at;
		isms_buf_free(&from);
		isms_buf_free(&to);
	}
	if (total > at)
		isms_buf_append(out, all.data + at, total - at);
	isms_buf_free(&all);
}

int
c5_write(c5 *c, const char *path)
{
	docs_control_page(&c->d, c->kind, (isms_text){c->t->title.zh, c->t->title.en}, 0);
	body(c);
	int rc;
	if (c->errors) {
		isms_doc_free(c->d.doc);
		isms_arena_free(c->d.a);
		rc = -2;
	} else {
		if (c->d.c->text)
			controlled_text(c, c->d.c->text);
		rc = docs_finish(&c->d, path);
	}
	isms_template_free(c->t);
	c->t = NULL;
	return rc;
}
