/* Template XML → isms_template (load layer).  Text keeps its {variables}; <b> runs
 * become ISMS_TPL_BOLD_ON/OFF bytes; each text remembers its file:line. */
#include "template.h"
#include "xml.h"
#include "xmltree.h"

#include <libxml/tree.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct tctx {
	isms_xml *x;
	isms_arena *a;
	int errors;
} tctx;

static size_t
count_children(xmlNode *p)
{
	size_t k = 0;
	EACH_CHILD(n, p)
		k++;
	return k;
}

static const char *
attr(tctx *c, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = isms_arena_strdup(c->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* Append text with whitespace runs collapsed (dropped between wide characters). */
static void
put_text(isms_buf *b, const char *s, int *pending, int *prev_wide)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			*pending = 1;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		if (!k)
			k = 1;
		int wide = cp >= 0x2E80;
		if (*pending && b->len > 0 && !(*prev_wide && wide))
			isms_buf_putc(b, ' ');
		*pending = 0;
		isms_buf_append(b, s + i, k);
		i += k;
		*prev_wide = wide;
	}
}

static const char *
inline_text(tctx *c, xmlNode *n)
{
	isms_buf b = {0};
	int pending = 0, prev_wide = 0;
	for (xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE) {
			put_text(&b, (const char *)k->content, &pending, &prev_wide);
		} else if (k->type == XML_ELEMENT_NODE && is(k, "b")) {
			xmlChar *t = xmlNodeGetContent(k);
			if (pending && b.len > 0 && !prev_wide)
				isms_buf_putc(&b, ' ');
			pending = 0;
			isms_buf_putc(&b, ISMS_TPL_BOLD_ON);
			int p2 = 0;
			put_text(&b, t ? (const char *)t : "", &p2, &prev_wide);
			isms_buf_putc(&b, ISMS_TPL_BOLD_OFF);
			xmlFree(t);
		}
	}
	const char *s = isms_arena_strdup(c->a, b.data ? b.data : "");
	isms_buf_free(&b);
	return s;
}

static isms_loc
loc(tctx *c, xmlNode *n)
{
	isms_loc l = isms_xml_loc(c->x, n, NULL);
	l.file = isms_arena_strdup(c->a, l.file);
	return l;
}

static isms_tpl_text
text(tctx *c, xmlNode *n)
{
	isms_tpl_text t = {0};
	if (!n)
		return t;
	xmlNode *zh = child(n, "zh"), *en = child(n, "en");
	if (zh) {
		t.zh = inline_text(c, zh);
		t.zh_loc = loc(c, zh);
	}
	if (en) {
		t.en = inline_text(c, en);
		t.en_loc = loc(c, en);
	}
	return t;
}

static unsigned
kinds(tctx *c, xmlNode *n, const char *name)
{
	const char *v = attr(c, n, name);
	unsigned m = 0;
	if (!v)
		return 0;
	for (int k = 0; isms_org_kind_names[k]; k++) {
		const char *hit = strstr(v, isms_org_kind_names[k]);
		if (hit)
			m |= ISMS_TPL_KIND_BIT(k);
	}
	return m;
}

static void build_node(tctx *c, xmlNode *n, isms_tpl_node *out);

/* The children of a list (items), an item (its sub-lists) or a table (rows of cells). */
static void
build_children(tctx *c, xmlNode *n, isms_tpl_node *out)
{
	out->children = isms_arena_alloc(c->a, (count_children(n) + 1) * sizeof *out->children);
	EACH_CHILD(k, n)
		if (!is(k, "heading") && !is(k, "zh") && !is(k, "en"))
			build_node(c, k, &out->children[out->nchildren++]);
}

static void
build_node(tctx *c, xmlNode *n, isms_tpl_node *out)
{
	out->id = attr(c, n, "id");
	out->when = kinds(c, n, "when");
	out->unless = kinds(c, n, "unless");
	out->sectors = attr(c, n, "sector");
	out->loc = loc(c, n);
	if (is(n, "p") || is(n, "cell")) {
		out->kind = ISMS_TPL_PARA;
		out->text = text(c, n);
		return;
	}
	if (is(n, "generated")) {
		out->kind = ISMS_TPL_GENERATED;
		out->generated = attr(c, n, "kind");
		return;
	}
	if (is(n, "list")) {
		const char *style = attr(c, n, "style");
		out->kind = ISMS_TPL_LIST;
		out->numbered = style && !strcmp(style, "numbered");
		build_children(c, n, out);
		return;
	}
	if (is(n, "item")) {
		out->kind = ISMS_TPL_ITEM;
		out->text = text(c, n);
		build_children(c, n, out);
		return;
	}
	if (is(n, "head") || is(n, "row")) {
		out->kind = ISMS_TPL_ROW;
		out->head = is(n, "head");
		build_children(c, n, out);
		return;
	}
	if (is(n, "table")) {
		out->kind = ISMS_TPL_TABLE;
		build_children(c, n, out);
		/* a table is a grid: every row as wide as the first */
		for (size_t i = 1; i < out->nchildren; i++)
			if (out->children[i].nchildren != out->children[0].nchildren) {
				isms_error(&out->children[i].loc, "this table row has %zu cell(s) where the "
				           "first row has %zu: every row needs as many cells",
				           out->children[i].nchildren, out->children[0].nchildren);
				c->errors++;
			}
		return;
	}
	out->kind = ISMS_TPL_CLAUSE;
	out->text = text(c, child(n, "heading"));
	build_children(c, n, out);
}

int
isms_template_load(const char *path, isms_template **out)
{
	*out = NULL;
	isms_xml *x = NULL;
	int rc = isms_xml_open(&x, path, ISMS_SCHEMA_TEMPLATE);
	if (rc) {
		isms_xml_free(x);
		return rc;
	}
	isms_arena *a = isms_arena_new();
	isms_template *t = isms_arena_alloc(a, sizeof *t);
	t->arena = a;
	t->file = isms_arena_strdup(a, path);
	tctx c = {x, a, 0};
	xmlNode *root = isms_xml_root(x);
	const char *kind = attr(&c, root, "kind");
	int k = isms_enum_lookup(isms_doc_kind_names, kind);
	t->kind = k < 0 ? ISMS_DOC_OTHER : (enum isms_doc_kind)k;
	const char *num = attr(&c, root, "numbering");
	t->chinese_numbering = num && !strcmp(num, "chinese");
	t->title = text(&c, child(root, "title"));

	xmlNode *defs = child(root, "defaults");
	if (defs) {
		t->defaults = isms_arena_alloc(a, (count_children(defs) + 1) * sizeof *t->defaults);
		EACH_CHILD(d, defs) {
			isms_tpl_duties *td = &t->defaults[t->ndefaults++];
			td->body = (enum isms_body_kind)isms_enum_lookup(isms_body_kind_names, attr(&c, d, "body"));
			const char *role = attr(&c, d, "role");
			td->role = role ? isms_enum_lookup(isms_role_kind_names, role) : -1;
			td->duties = isms_arena_alloc(a, (count_children(d) + 1) * sizeof *td->duties);
			EACH_CHILD(duty, d)
				td->duties[td->n++] = text(&c, duty);
		}
	}
	xmlNode *flow = child(root, "flow");
	if (flow) {
		t->steps = isms_arena_alloc(a, (count_children(flow) + 1) * sizeof *t->steps);
		EACH_CHILD(s, flow) {
			isms_tpl_step *st = &t->steps[t->nsteps++];
			st->name = text(&c, child(s, "name"));
			st->by = text(&c, child(s, "by"));
			st->form = text(&c, child(s, "form"));
			const char *d = attr(&c, s, "decision");
			st->decision = d && (!strcmp(d, "true") || !strcmp(d, "1"));
			const char *back = attr(&c, s, "back");
			st->back = back ? atoi(back) : 0;
		}
	}
	t->sections = isms_arena_alloc(a, (count_children(root) + 1) * sizeof *t->sections);
	EACH_CHILD(s, root)
		if (is(s, "section"))
			build_node(&c, s, &t->sections[t->nsections++]);
	isms_xml_free(x);
	if (c.errors) {
		isms_template_free(t);
		return ISMS_EXIT_DATAERR;
	}
	*out = t;
	return 0;
}

char *
isms_template_path(const char *dir, enum isms_doc_kind kind)
{
	static const char *const files[] = {[ISMS_DOC_POLICY] = "policy.xml",
		[ISMS_DOC_ORG_PROCEDURE] = "organisation-procedure.xml",
		[ISMS_DOC_OBJ_PROCEDURE] = "objectives-procedure.xml"};
	if (kind > ISMS_DOC_OBJ_PROCEDURE)
		return NULL;
	if (dir) {
		char *p = isms_xmalloc(strlen(dir) + 64);
		sprintf(p, "%s/%s", dir, files[kind]);
		return p;
	}
	char rel[64];
	snprintf(rel, sizeof rel, "templates/%s", files[kind]);
	char *p = isms_data_path(rel);
	if (!p)
		isms_diag(ISMS_ERROR, NULL, "template %s not found (set ISMSPACK_DATADIR or --templates)", rel);
	return p;
}

