/* Plain words for XML faults (load layer): turns libxml2's parser and schema
 * messages into what is wrong in the file's own terms and what to write instead.
 * What an element may hold (its attributes, children, their order, the values an
 * attribute takes, what a reference names) is read from the built-in schema's own
 * text, so the messages follow the schema as it grows. */
#define _GNU_SOURCE
#include "explain.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/utf8.h"

/* ---------- the schema's text ---------- */

static xmlDoc *xsd_docs[2];

static xmlNode *
xsd_root(enum isms_schema which)
{
	if (!xsd_docs[which]) {
		/* our own file, compiled in: no entities, no network */
		xsd_docs[which] = which == ISMS_SCHEMA_TEMPLATE
			? xmlReadMemory((const char *)isms_template_xsd_data, (int)isms_template_xsd_size,
			                "template.xsd", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS)
			: xmlReadMemory((const char *)isms_xsd_data, (int)isms_xsd_size, "ismspack.xsd",
			                NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	}
	return xsd_docs[which] ? xmlDocGetRootElement(xsd_docs[which]) : NULL;
}

static int
xs(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)local);
}

/* The attribute's value in the schema's own tree (no copy: the tree lives on). */
static const char *
xattr(const xmlNode *n, const char *name)
{
	for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (xmlStrEqual(a->name, (const xmlChar *)name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static const char *
local_name(const char *qname)
{
	const char *c = qname ? strchr(qname, ':') : NULL;
	return c ? c + 1 : qname;
}

/* A top-level definition: <xs:KIND name="name">. */
static xmlNode *
top(xmlNode *root, const char *kind, const char *name)
{
	if (!root || !name || !strncmp(name, "xs:", 3))
		return NULL;
	for (xmlNode *n = root->children; n; n = n->next)
		if (xs(n, kind) && xattr(n, "name") && !strcmp(xattr(n, "name"), name))
			return n;
	return NULL;
}

/* The complex type of an element declaration (named or inline), or NULL. */
static xmlNode *
decl_type(xmlNode *root, xmlNode *decl)
{
	if (!decl)
		return NULL;
	if (xattr(decl, "type"))
		return top(root, "complexType", xattr(decl, "type"));
	for (xmlNode *n = decl->children; n; n = n->next)
		if (xs(n, "complexType"))
			return n;
	return NULL;
}

/* Visit, in order, the declarations inside a complex type: elements (kind
 * "element") or attributes ("attribute"), following extension bases and attribute
 * groups but not entering nested element declarations. */
typedef int (*visit_fn)(xmlNode *decl, void *ctx);

static int
visit(xmlNode *root, xmlNode *t, const char *kind, visit_fn fn, void *ctx, int depth)
{
	if (!t || depth > 16)
		return 0;
	for (xmlNode *n = t->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xs(n, kind)) {
			if (fn(n, ctx))
				return 1;
			continue;
		}
		if (xs(n, "element") || xs(n, "annotation"))
			continue;
		if (xs(n, "extension") || xs(n, "restriction")) {
			xmlNode *base = top(root, "complexType", xattr(n, "base"));
			if (base && visit(root, base, kind, fn, ctx, depth + 1))
				return 1;
		}
		if (xs(n, "attributeGroup") && xattr(n, "ref")) {
			xmlNode *g = top(root, "attributeGroup", xattr(n, "ref"));
			if (g && visit(root, g, kind, fn, ctx, depth + 1))
				return 1;
			continue;
		}
		if (visit(root, n, kind, fn, ctx, depth + 1))
			return 1;
	}
	return 0;
}

struct find_ctx {
	const char *name;
	xmlNode *found;
};

static int
find_named(xmlNode *decl, void *ctx)
{
	struct find_ctx *f = ctx;
	const char *nm = xattr(decl, "name");
	if (!nm)
		nm = local_name(xattr(decl, "ref"));
	if (nm && !strcmp(nm, f->name)) {
		f->found = decl;
		return 1;
	}
	return 0;
}

static xmlNode *
child_decl(xmlNode *root, xmlNode *decl, const char *kind, const char *name)
{
	struct find_ctx f = {name, NULL};
	visit(root, decl_type(root, decl), kind, find_named, &f, 0);
	return f.found;
}

/* The declaration of the document's element n, by its path from the root. */
static xmlNode *
decl_of(xmlNode *root, const xmlNode *n)
{
	const xmlNode *path[64];
	int depth = 0;
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && depth < 64; p = p->parent)
		path[depth++] = p;
	if (!root || !depth || depth == 64)
		return NULL;
	xmlNode *d = top(root, "element", (const char *)path[depth - 1]->name);
	for (int i = depth - 2; d && i >= 0; i--)
		d = child_decl(root, d, "element", (const char *)path[i]->name);
	return d;
}

struct list_ctx {
	isms_buf *b;
	int n;
	const char *sep;
};

static int
list_one(xmlNode *decl, void *ctx)
{
	struct list_ctx *l = ctx;
	const char *nm = xattr(decl, "name");
	if (!nm)
		nm = local_name(xattr(decl, "ref"));
	if (!nm)
		return 0;
	/* a name said once (a choice may repeat one) */
	char probe[80];
	snprintf(probe, sizeof probe, "<%s>", nm);
	if (l->b->data && strstr(l->b->data, probe))
		return 0;
	isms_buf_printf(l->b, "%s<%s>", l->n++ ? l->sep : "", nm);
	return 0;
}

static int
list_attr(xmlNode *decl, void *ctx)
{
	struct list_ctx *l = ctx;
	const char *nm = xattr(decl, "name");
	if (nm)
		isms_buf_printf(l->b, "%s%s", l->n++ ? l->sep : "", nm);
	return 0;
}

/* "<a>, <b>, <c>" (elements) or "x, y" (attributes) a declaration allows. */
static int
list_of(xmlNode *root, xmlNode *decl, const char *kind, isms_buf *b)
{
	struct list_ctx l = {b, 0, ", "};
	visit(root, decl_type(root, decl), kind, xs(decl, "element") && !strcmp(kind, "element")
	      ? list_one : list_attr, &l, 0);
	return l.n;
}

struct index_ctx {
	const char *name;
	int i, at;
};

static int
index_one(xmlNode *decl, void *ctx)
{
	struct index_ctx *c = ctx;
	const char *nm = xattr(decl, "name");
	if (!nm)
		nm = local_name(xattr(decl, "ref"));
	if (nm && !strcmp(nm, c->name)) {
		c->at = c->i;
		return 1;
	}
	c->i++;
	return 0;
}

/* Where child name stands in decl's order of children, or -1. */
static int
index_of(xmlNode *root, xmlNode *decl, const char *name)
{
	struct index_ctx c = {name, 0, -1};
	visit(root, decl_type(root, decl), "element", index_one, &c, 0);
	return c.at;
}

/* ---------- what an attribute takes ---------- */

enum vkind { V_TEXT, V_DATE, V_PERIOD, V_TIME, V_NUMBER, V_INT, V_ID, V_REF, V_ENUM,
             V_VERSION, V_BOOL, V_ENUM_LIST /* space-separated values of an enumeration */ };

/* The kind of value a simple type takes; enumerations listed into vals. */
static enum vkind
kind_of_type(xmlNode *root, const char *type, xmlNode *inline_type, isms_buf *vals, int depth)
{
	static const struct {
		const char *name;
		enum vkind k;
	} named[] = {
		{"Date", V_DATE}, {"Period", V_PERIOD}, {"Time", V_TIME}, {"Number", V_NUMBER},
		{"NonNegative", V_NUMBER}, {"Year", V_INT}, {"Tier", V_INT}, {"Id", V_ID},
		{"Ref", V_REF}, {"Refs", V_REF}, {"Version", V_VERSION}, {"xs:decimal", V_NUMBER},
		{"xs:int", V_INT}, {"xs:integer", V_INT}, {"xs:positiveInteger", V_INT},
		{"xs:nonNegativeInteger", V_INT}, {"xs:boolean", V_BOOL}, {"xs:NCName", V_REF},
		{"xs:ID", V_ID}, {"xs:IDREF", V_REF},
	};
	for (size_t i = 0; type && i < sizeof named / sizeof *named; i++)
		if (!strcmp(type, named[i].name))
			return named[i].k;
	xmlNode *st = inline_type ? inline_type : top(root, "simpleType", type);
	if (!st || depth > 8)
		return V_TEXT;
	for (xmlNode *r = st->children; r; r = r->next) {
		if (xs(r, "list")) {
			xmlNode *in = NULL;
			for (xmlNode *e = r->children; e; e = e->next)
				if (xs(e, "simpleType"))
					in = e;
			enum vkind item = kind_of_type(root, xattr(r, "itemType"), in, vals, depth + 1);
			return item == V_ENUM ? V_ENUM_LIST : V_TEXT;
		}
		if (!xs(r, "restriction"))
			continue;
		int n = 0;
		for (xmlNode *e = r->children; e; e = e->next)
			if (xs(e, "enumeration") && xattr(e, "value")) {
				if (vals)
					isms_buf_printf(vals, "%s%s", n ? ", " : "", xattr(e, "value"));
				n++;
			}
		if (n)
			return V_ENUM;
		xmlNode *in = NULL;
		for (xmlNode *e = r->children; e; e = e->next)
			if (xs(e, "simpleType"))
				in = e;
		return kind_of_type(root, xattr(r, "base"), in, vals, depth + 1);
	}
	return V_TEXT;
}

static enum vkind
attr_kind(xmlNode *root, xmlNode *adecl, isms_buf *vals)
{
	if (!adecl)
		return V_TEXT;
	xmlNode *in = NULL;
	for (xmlNode *e = adecl->children; e; e = e->next)
		if (xs(e, "simpleType"))
			in = e;
	return kind_of_type(root, xattr(adecl, "type"), in, vals, 0);
}

/* ---------- identity constraints ---------- */

/* The last step of a selector "i:a/i:b" ("b") and the one before it ("a"). */
static void
selector_steps(xmlNode *c, const char **item, const char **container, const char **field)
{
	static char it[64], co[64], fi[64];
	it[0] = co[0] = fi[0] = '\0';
	for (xmlNode *n = c ? c->children : NULL; n; n = n->next) {
		const char *xp = xattr(n, "xpath");
		if (!xp)
			continue;
		if (xs(n, "field")) {
			snprintf(fi, sizeof fi, "%s", xp[0] == '@' ? xp + 1 : xp);
			continue;
		}
		if (!xs(n, "selector"))
			continue;
		const char *last = strrchr(xp, '/');
		snprintf(it, sizeof it, "%s", local_name(last ? last + 1 : xp));
		co[0] = '\0';
		if (last) {
			const char *prev = last;
			while (prev > xp && prev[-1] != '/')
				prev--;
			snprintf(co, sizeof co, "%.*s", (int)(last - prev), prev);
			snprintf(co, sizeof co, "%s", local_name(co));
		}
	}
	*item = it;
	*container = co;
	*field = fi;
}

/* <xs:key|unique|keyref name="name"> anywhere in the schema. */
static xmlNode *
constraint(xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if ((xs(n, "key") || xs(n, "keyref") || xs(n, "unique")) && xattr(n, "name") &&
		    !strcmp(xattr(n, "name"), name))
			return n;
		xmlNode *r = n->type == XML_ELEMENT_NODE ? constraint(n->children, name) : NULL;
		if (r)
			return r;
	}
	return NULL;
}

/* The keyref on element elem's attribute attr, or NULL. */
static xmlNode *
keyref_on(xmlNode *n, const char *elem, const char *attr)
{
	for (; n; n = n->next) {
		if (xs(n, "keyref")) {
			const char *it, *co, *fi;
			selector_steps(n, &it, &co, &fi);
			if (!strcmp(it, elem) && !strcmp(fi, attr))
				return n;
		}
		xmlNode *r = n->type == XML_ELEMENT_NODE ? keyref_on(n->children, elem, attr) : NULL;
		if (r)
			return r;
	}
	return NULL;
}

/* The (*skip)-th element of the document named elem whose attr is value. */
static xmlNode *
find_with(xmlNode *n, const char *elem, const char *attr, const char *value, int *skip)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, (const xmlChar *)elem)) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
			int hit = v && !strcmp((const char *)v, value);
			xmlFree(v);
			if (hit && (*skip)-- == 0)
				return n;
		}
		xmlNode *r = find_with(n->children, elem, attr, value, skip);
		if (r)
			return r;
	}
	return NULL;
}

/* The first element other than not with an id="value" (xs:ID is document-wide). */
static xmlNode *
first_id(xmlNode *n, const char *value, const xmlNode *not)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n != not) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
			int hit = v && !strcmp((const char *)v, value);
			xmlFree(v);
			if (hit)
				return n;
		}
		xmlNode *r = first_id(n->children, value, not);
		if (r)
			return r;
	}
	return NULL;
}

/* ---------- small helpers for the wording ---------- */

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + ((a[i - 1] | 32) != (b[j - 1] | 32));
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

/* The name in list ("a, b" or "<a>, <b>") closest to word, when close enough. */
static int
near(const char *list, const char *word, char *out, size_t size)
{
	size_t best = 3;
	int found = 0;
	const char *p = list;
	while (p && *p) {
		while (*p == ' ' || *p == ',' || *p == '<')
			p++;
		size_t n = strcspn(p, ",>");
		char cand[80];
		snprintf(cand, sizeof cand, "%.*s", (int)n, p);
		size_t dist = edit_distance(cand, word);
		size_t wl = strlen(word);
		if (dist < best && dist * 3 <= wl && strcmp(cand, word)) {
			best = dist;
			snprintf(out, size, "%s", cand);
			found = 1;
		}
		p += n;
		if (*p == '>')
			p++;
	}
	return found;
}

/* Full-width forms as ASCII, ideographic space as a space (into out). */
static void
fold(const char *s, char *out, size_t size)
{
	size_t o = 0, len = strlen(s);
	for (size_t i = 0; i < len && o + 5 < size;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		if (!k) {
			out[o++] = s[i++];
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		o += isms_utf8_encode(cp, out + o);
		i += k;
	}
	out[o] = '\0';
}

/* A date as people write it: 2025/2/3, 2025.2.3, 114-04-07, 114/4/7, 民國114年4月7日.
 * 0 and *roc set when the year is the ROC one (three digits or fewer, or after 民國). */
static int
loose_date(const char *v, isms_date *out, int *roc, int *roc_year)
{
	char s[128];
	fold(v, s, sizeof s);
	const char *p = s;
	*roc = 0;
	if (!strncmp(p, "中華民國", strlen("中華民國")))
		p += strlen("中華民國"), *roc = 1;
	else if (!strncmp(p, "民國", strlen("民國")))
		p += strlen("民國"), *roc = 1;
	int part[3], digits[3];
	for (int i = 0; i < 3; i++) {
		part[i] = 0;
		digits[i] = 0;
		while (*p >= '0' && *p <= '9' && digits[i] < 5)
			part[i] = part[i] * 10 + (*p++ - '0'), digits[i]++;
		if (!digits[i])
			return -1;
		static const char *const seps[3][4] = {
			{"-", "/", ".", "年"}, {"-", "/", ".", "月"}, {"日", "", "", ""}};
		if (i == 2) {
			if (!strncmp(p, seps[2][0], strlen(seps[2][0])))
				p += strlen(seps[2][0]);
			break;
		}
		int ok = 0;
		for (int k = 0; k < 4 && !ok; k++)
			if (!strncmp(p, seps[i][k], strlen(seps[i][k])))
				p += strlen(seps[i][k]), ok = 1;
		if (!ok)
			return -1;
	}
	if (*p || digits[1] > 2 || digits[2] > 2)
		return -1;
	if (digits[0] <= 3)
		*roc = 1;
	else if (*roc || digits[0] > 4)
		return -1;
	*roc_year = part[0];
	int y = *roc ? part[0] + 1911 : part[0];
	if (*roc && part[0] < 1)
		return -1;
	out->y = y;
	out->m = part[1];
	out->d = part[2];
	return 0;
}

/* An example of the value a kind takes, for "needs x=\"...\" (...)". */
static void
describe(xmlNode *root, xmlNode *adecl, const char *elem, const char *attr, char *out,
         size_t size)
{
	isms_buf vals = {0};
	enum vkind k = attr_kind(root, adecl, &vals);
	switch (k) {
	case V_DATE: snprintf(out, size, "a date, as 2025-04-07"); break;
	case V_PERIOD: snprintf(out, size, "a period, as 2025Q1 or 2025-01"); break;
	case V_TIME: snprintf(out, size, "a time of day, as 14:00"); break;
	case V_NUMBER: snprintf(out, size, "a number, as 95 or 99.5"); break;
	case V_INT: snprintf(out, size, "a whole number"); break;
	case V_BOOL: snprintf(out, size, "true or false"); break;
	case V_ENUM: snprintf(out, size, "one of: %s", vals.data ? vals.data : ""); break;
	case V_VERSION: snprintf(out, size, "a version, as 1.0"); break;
	case V_ID: snprintf(out, size, "an id of its own: a letter, then letters, digits, '.', '_' or '-'"); break;
	case V_REF: {
		xmlNode *kr = keyref_on(root, elem, attr);
		xmlNode *key = kr ? constraint(root, xattr(kr, "refer")) : NULL;
		const char *it, *co, *fi;
		selector_steps(key, &it, &co, &fi);
		if (key && *co)
			snprintf(out, size, "the id of a <%s> in <%s>", it, co);
		else
			snprintf(out, size, "an id");
		break;
	}
	default: snprintf(out, size, "text"); break;
	}
	isms_buf_free(&vals);
}

/* ---------- schema messages ---------- */

/* The schema's message without namespaces and "[facet 'x'] ". */
static void
strip(const char *in, char *out, size_t size)
{
	static const char *const ns[] = {"{urn:ismspack:isms:1.0}", "{urn:ismspack:template:1.0}"};
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < size;) {
		int skipped = 0;
		for (size_t i = 0; i < 2; i++)
			if (!strncmp(p, ns[i], strlen(ns[i]))) {
				p += strlen(ns[i]);
				skipped = 1;
			}
		if (!strncmp(p, "[facet '", 8)) {
			const char *e = strstr(p, "] ");
			if (e) {
				p = e + 2;
				skipped = 1;
			}
		}
		if (!skipped)
			out[o++] = *p++;
	}
	while (o > 0 && (out[o - 1] == '\n' || out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	out[o] = '\0';
}

/* The text between the first pair of ' after key in s ("The value 'x'" → x). */
static int
quoted_after(const char *s, const char *key, char *out, size_t size)
{
	const char *p = strstr(s, key);
	if (!p)
		return 0;
	p += strlen(key);
	const char *q = strchr(p, '\'');
	if (!q)
		return 0;
	q++;
	const char *e = strchr(q, '\'');
	/* a value may itself hold quotes: the closing one is followed by a space or end */
	while (e && e[1] && !strchr(" )],.:;", e[1]))
		e = strchr(e + 1, '\'');
	if (!e)
		return 0;
	snprintf(out, size, "%.*s", (int)(e - q), q);
	return 1;
}

static void
value_fault(xmlNode *root, xmlNode *adecl, const char *what, const char *attr, const char *v,
            const char *rest, const xmlNode *node, isms_explain *e, char *msg, size_t size)
{
	isms_buf vals = {0};
	enum vkind k = attr_kind(root, adecl, &vals);
	char lim[64];
	if (strstr(rest, "less than the minimum value allowed") &&
	    quoted_after(rest, "allowed (", lim, sizeof lim)) {
		if (k == V_NUMBER && !strcmp(lim, "0"))
			snprintf(msg, size, "%s=\"%s\" must not be negative", what, v);
		else
			snprintf(msg, size, "%s=\"%s\" is too small: at least %s", what, v, lim);
	} else if (strstr(rest, "greater than the maximum value allowed") &&
	           quoted_after(rest, "allowed (", lim, sizeof lim)) {
		snprintf(msg, size, "%s=\"%s\" is too large: at most %s", what, v, lim);
	} else if (strstr(rest, "exceeds the allowed maximum length") &&
	           quoted_after(rest, "maximum length of ", lim, sizeof lim)) {
		snprintf(msg, size, "%s is %zu characters long; at most %s are allowed", what,
		         isms_utf8_length(v), lim);
	} else if (strstr(rest, "underruns the allowed minimum length") &&
	           quoted_after(rest, "minimum length of ", lim, sizeof lim)) {
		snprintf(msg, size, "%s is too short: at least %s characters", what, lim);
	} else if (k == V_ENUM_LIST) {
		snprintf(msg, size, "%s: \"%s\" is not allowed; each of its values (separated by "
		         "spaces) is one of: %s", what, v, vals.data ? vals.data : "");
	} else if (k == V_ENUM) {
		char guess[80];
		if (near(vals.data, v, guess, sizeof guess))
			snprintf(msg, size, "%s=\"%s\" is not allowed; did you mean \"%s\"? (one of: %s)",
			         what, v, guess, vals.data);
		else
			snprintf(msg, size, "%s=\"%s\" is not allowed; use one of: %s", what, v,
			         vals.data ? vals.data : "");
	} else if (k == V_DATE) {
		isms_date d;
		int roc, ry;
		if (loose_date(v, &d, &roc, &ry) == 0 && roc)
			snprintf(msg, size, "%s=\"%s\": dates are written as %04d-%02d-%02d (ROC year "
			         "%d = %d)", what, v, d.y, d.m, d.d, ry, d.y);
		else if (loose_date(v, &d, &roc, &ry) == 0)
			snprintf(msg, size, "%s=\"%s\": dates are written year-month-day with hyphens, "
			         "as %04d-%02d-%02d", what, v, d.y, d.m, d.d);
		else
			snprintf(msg, size, "%s=\"%s\" is not a date: write year-month-day, as 2025-04-07",
			         what, v);
	} else if (k == V_PERIOD) {
		int y, q;
		char c, tail;
		if (sscanf(v, "%4d%c%d%c", &y, &c, &q, &tail) == 3 && (c == 'q' || c == 'Q') &&
		    q >= 1 && q <= 4 && y >= 1000)
			snprintf(msg, size, "%s=\"%s\": write the quarter as %dQ%d", what, v, y, q);
		else if (sscanf(v, "%4d%c%d%c", &y, &c, &q, &tail) == 3 && (c == '-' || c == '/') &&
		         q >= 1 && q <= 12 && y >= 1000)
			snprintf(msg, size, "%s=\"%s\": write the month as %d-%02d", what, v, y, q);
		else
			snprintf(msg, size, "%s=\"%s\" is not a period: write a quarter as 2025Q1 to "
			         "2025Q4, or a month as 2025-01 to 2025-12", what, v);
	} else if (k == V_TIME) {
		snprintf(msg, size, "%s=\"%s\" is not a time of day: write HH:MM on the 24-hour "
		         "clock, as 14:00", what, v);
	} else if (k == V_NUMBER || k == V_INT) {
		char f[128], clean[128];
		fold(v, f, sizeof f);
		size_t o = 0;
		int pct = 0, comma = 0;
		for (const char *p = f; *p && o + 1 < sizeof clean; p++) {
			if (*p == '%')
				pct = 1;
			else if (*p == ',')
				comma = 1;
			else if (*p != ' ')
				clean[o++] = *p;
		}
		clean[o] = '\0';
		char *end;
		int num = o && (strtod(clean, &end), *end == '\0');
		if (num && pct)
			snprintf(msg, size, "%s=\"%s\" is not a number: write a percentage without the "
			         "%% sign, as %s=\"%s\"", what, v, what, clean);
		else if (num && comma)
			snprintf(msg, size, "%s=\"%s\" is not a number: write it without thousands "
			         "commas, as %s=\"%s\"", what, v, what, clean);
		else if (k == V_INT && strstr(rest, "positiveInteger"))
			snprintf(msg, size, "%s=\"%s\" is not a whole number of 1 or more", what, v);
		else if (k == V_INT)
			snprintf(msg, size, "%s=\"%s\" is not a whole number: write digits only, as 2025",
			         what, v);
		else
			snprintf(msg, size, "%s=\"%s\" is not a number: write digits with an optional "
			         "decimal point, as 95 or 99.5 (no %% sign, no commas)", what, v);
	} else if (k == V_ID && strstr(rest, "is not a valid value") && node) {
		/* libxml2 says the same of an id used twice (xs:ID) and of a malformed one */
		xmlNode *first = first_id(e->root, v, node);
		int shaped = (v[0] | 32) >= 'a' && (v[0] | 32) <= 'z' &&
		             strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		                       "0123456789._-") == strlen(v) && strlen(v) <= 64;
		if (shaped && first) {
			isms_loc l = isms_xml_loc(e->x, first, "id");
			snprintf(msg, size, "duplicate id \"%s\"; first used at %s:%d (a <%s>): give "
			         "each one an id of its own", v, l.file, l.line, (const char *)first->name);
		} else {
			snprintf(msg, size, "%s=\"%s\" is not a usable id: begin with a letter, then "
			         "letters, digits, '.', '_' or '-' (at most 64)", what, v);
		}
	} else if (k == V_ID || k == V_REF) {
		snprintf(msg, size, "%s=\"%s\" is not an id: ids begin with a letter, then letters, "
		         "digits, '.', '_' or '-'", what, v);
	} else if (k == V_VERSION) {
		snprintf(msg, size, "%s=\"%s\" is not a version: write 1.0, 2.1 or V1.2", what, v);
	} else if (k == V_BOOL) {
		snprintf(msg, size, "%s=\"%s\": write true or false", what, v);
	} else if (strstr(rest, "'.*\\S.*'")) {
		snprintf(msg, size, "%s is blank: write the text", what);
	} else if (strstr(rest, "'[A-Z][A-Z0-9]*(-[A-Z0-9]+)+'")) {
		snprintf(msg, size, "%s=\"%s\" is not a document number: write capitals, digits and "
		         "hyphens, as ISMS-P-005", what, v);
	} else {
		snprintf(msg, size, "%s=\"%s\": %s", what, v, rest);
	}
	isms_buf_free(&vals);
}

/* The name of the element before n among its siblings, or NULL. */
static const char *
prev_name(const xmlNode *n)
{
	for (const xmlNode *p = n->prev; p; p = p->prev)
		if (p->type == XML_ELEMENT_NODE)
			return (const char *)p->name;
	return NULL;
}

/* "( a, b )" after "Expected is" → "<a>" or "one of <a>, <b>"; the names in order. */
static int
expected(const char *rest, char *out, size_t size, char names[][64], int max)
{
	const char *p = strstr(rest, "Expected is");
	out[0] = '\0';
	if (!p || !(p = strchr(p, '(')))
		return 0;
	p++;
	int n = 0;
	isms_buf b = {0};
	while (*p && *p != ')' && n < max) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t k = strcspn(p, " ,)");
		if (!k)
			break;
		snprintf(names[n], 64, "%.*s", (int)k, p);
		if (names[n][0] != '#')
			isms_buf_printf(&b, "%s<%s>", n ? ", " : "", names[n]), n++;
		p += k;
	}
	if (n > 1)
		snprintf(out, size, "one of %s", b.data);
	else if (n == 1)
		snprintf(out, size, "%s", b.data);
	isms_buf_free(&b);
	return n;
}

/* -1 when rest is not about n's content. */
static int
content_fault(isms_explain *e, xmlNode *root, xmlNode *node, const char *rest, char *msg,
              size_t size)
{
	const char *name = (const char *)node->name;
	xmlNode *parent = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : NULL;
	xmlNode *decl = decl_of(root, node);
	char exp[512], names[16][64];
	if (strstr(rest, "This element is not expected")) {
		int nexp = expected(rest, exp, sizeof exp, names, 16);
		xmlNode *pdecl = parent ? decl_of(root, parent) : NULL;
		const char *pname = parent ? (const char *)parent->name : "";
		const char *before = prev_name(node);
		int at = pdecl ? index_of(root, pdecl, name) : -1;
		if (!pdecl) {
			snprintf(msg, size, "<%s> is not expected here", name);
			return ISMS_EXPLAIN_UNREAD;
		}
		if (at < 0) {
			e->foreign = 1;
			isms_buf all = {0};
			list_of(root, pdecl, "element", &all);
			char guess[80];
			int close = all.data && near(all.data, name, guess, sizeof guess);
			if (nexp)
				snprintf(msg, size, "<%s> does not belong in <%s>%s%s%s; %s%s%s comes %s", name,
				         pname, close ? " (did you mean <" : "", close ? guess : "",
				         close ? ">?)" : "", before ? "after <" : "", before ? before : "here",
				         before ? ">" : "", exp);
			else
				snprintf(msg, size, "<%s> does not belong in <%s>%s%s%s; it holds %s", name,
				         pname, close ? " (did you mean <" : "", close ? guess : "",
				         close ? ">?)" : "", all.data ? all.data : "nothing");
			isms_buf_free(&all);
			return ISMS_EXPLAIN_UNREAD;
		}
		int lo = 1 << 30, hi = -1;
		for (int i = 0; i < nexp; i++) {
			int k = index_of(root, pdecl, names[i]);
			if (k >= 0 && k < lo)
				lo = k;
			if (k > hi)
				hi = k;
		}
		int bi = before ? index_of(root, pdecl, before) : -1;
		if (nexp && at < lo)
			snprintf(msg, size, "<%s> is out of order in <%s>: it comes before %s%s", name,
			         pname, nexp > 1 ? "" : "", exp);
		else if (nexp && at > hi)
			snprintf(msg, size, "%s is missing in <%s>: add it before <%s>", exp, pname, name);
		else if (!nexp && bi == at)
			snprintf(msg, size, "a second <%s> in <%s>: only one is allowed", name, pname);
		else if (!nexp && bi > at)
			snprintf(msg, size, "<%s> is out of order in <%s>: it comes before <%s>", name,
			         pname, before);
		else
			snprintf(msg, size, "<%s> is not expected here in <%s>%s%s", name, pname,
			         nexp ? "; here comes " : "", exp);
		return ISMS_EXPLAIN_UNREAD;
	}
	if (strstr(rest, "Missing child element")) {
		if (e->text_at == node)
			return ISMS_EXPLAIN_DROP;
		expected(rest, exp, sizeof exp, names, 16);
		int any = 0;
		for (xmlNode *c = node->children; c; c = c->next)
			any |= c->type == XML_ELEMENT_NODE;
		if (!any)
			snprintf(msg, size, "<%s> is empty: it needs %s inside", name, exp);
		else
			snprintf(msg, size, "<%s> lacks %s: add it", name, exp);
		return ISMS_EXPLAIN_SELF;
	}
	if (strstr(rest, "Character content other than whitespace is not allowed")) {
		e->text_at = node;
		isms_buf all = {0};
		list_of(root, decl, "element", &all);
		if (all.data && strstr(all.data, "<zh>"))
			snprintf(msg, size, "the text of <%s> goes inside <zh>…</zh> (and the English "
			         "inside <en>…</en>)", name);
		else
			snprintf(msg, size, "text directly inside <%s> is not allowed; it holds %s", name,
			         all.data ? all.data : "no text");
		isms_buf_free(&all);
		return ISMS_EXPLAIN_SELF;
	}
	if (strstr(rest, "Element content is not allowed")) {
		snprintf(msg, size, "<%s> holds text only, no elements", name);
		return ISMS_EXPLAIN_SELF;
	}
	return -1;
}

enum isms_explained
isms_explain_schema(isms_explain *e, const char *raw, xmlNode **node, const char **attrp,
                    char *msg, size_t size)
{
	char m[1024];
	strip(raw, m, sizeof m);
	xmlNode *root = xsd_root(e->which);
	*attrp = NULL;
	e->foreign = 0;
	if (strstr(m, "No precomputed value available"))
		return ISMS_EXPLAIN_DROP;

	/* identity constraints: libxml2 names no node */
	char value[256], cname[128];
	if (quoted_after(m, "key-sequence [", value, sizeof value) &&
	    (quoted_after(m, "of keyref ", cname, sizeof cname) ||
	     quoted_after(m, "identity-constraint ", cname, sizeof cname))) {
		xmlNode *c = constraint(root, cname);
		const char *it, *co, *fi;
		selector_steps(c, &it, &co, &fi);
		if (!c || !*it || !*fi) {
			snprintf(msg, size, "%s", m);
			return ISMS_EXPLAIN_SELF;
		}
		static char field[64];
		snprintf(field, sizeof field, "%s", fi);
		*attrp = field;
		int ref = xs(c, "keyref");
		char tag[512];
		snprintf(tag, sizeof tag, "%s %s", cname, value);
		int seen = 0;
		for (size_t k = 0; k < e->nseen; k++)
			seen += !strcmp(e->seen[k], tag);
		e->seen = isms_xrealloc(e->seen, (e->nseen + 1) * sizeof *e->seen);
		e->seen[e->nseen++] = isms_xstrdup(tag);
		if (!*node) {
			int skip = seen + !ref; /* a duplicate is the second element with the value */
			*node = find_with(e->root, it, fi, value, &skip);
		}
		if (ref) {
			xmlNode *key = constraint(root, xattr(c, "refer"));
			const char *kit, *kco, *kfi;
			selector_steps(key, &kit, &kco, &kfi);
			int none = 0;
			/* The key is there, but a fault before it stopped libxml2 reading it:
			 * the reference is fine, and the semantic checks say so if not. */
			if (key && *kit && find_with(e->root, kit, kfi, value, &none))
				return ISMS_EXPLAIN_DROP;
			snprintf(msg, size, "%s=\"%s\": %s \"%s\" is not defined in <%s>; use an id "
			         "defined there, or add it", field, value, kit, value, kco);
		} else {
			int zero = 0;
			xmlNode *first = find_with(e->root, it, fi, value, &zero);
			if (first && first != *node) {
				isms_loc l = isms_xml_loc(e->x, first, fi);
				snprintf(msg, size, "duplicate %s \"%s\"; first used at %s:%d: give each <%s> "
				         "its own %s", fi, value, l.file, l.line, it, fi);
			} else {
				snprintf(msg, size, "duplicate %s \"%s\": give each <%s> its own %s", fi, value,
				         it, fi);
			}
		}
		return ISMS_EXPLAIN_SELF;
	}
	if (strstr(m, "No matching global declaration available for the validation root")) {
		char found[300] = "?";
		quoted_after(m, "Element ", found, sizeof found);
		snprintf(msg, size, "the root element is '%s'; it must be %s", found,
		         e->which == ISMS_SCHEMA_TEMPLATE
		         ? "<template xmlns=\"urn:ismspack:template:1.0\">"
		         : "<organisation xmlns=\"urn:ismspack:isms:1.0\">");
		return ISMS_EXPLAIN_UNREAD;
	}
	xmlNode *n = *node;
	if (!n || n->type != XML_ELEMENT_NODE || !root) {
		snprintf(msg, size, "%s", m);
		return ISMS_EXPLAIN_SELF;
	}
	/* "Element 'e', attribute 'a': rest" or "Element 'e': rest" */
	const char *rest = strstr(m, "': ");
	rest = rest ? rest + 3 : m;
	static char attr[128];
	attr[0] = '\0';
	const char *ap = strstr(m, "', attribute '");
	if (ap && ap < rest)
		sscanf(ap + 14, "%127[^']", attr);
	const char *name = (const char *)n->name;
	xmlNode *decl = decl_of(root, n);
	if (*attr) {
		*attrp = attr;
		xmlNode *adecl = decl ? child_decl(root, decl, "attribute", attr) : NULL;
		if (strstr(rest, "is not allowed") && strstr(rest, "The attribute")) {
			isms_buf all = {0};
			list_of(root, decl, "attribute", &all);
			char guess[80];
			if (all.data && near(all.data, attr, guess, sizeof guess))
				snprintf(msg, size, "<%s> has no attribute %s; did you mean %s? (its "
				         "attributes: %s)", name, attr, guess, all.data);
			else
				snprintf(msg, size, "<%s> has no attribute %s; its attributes are %s", name,
				         attr, all.data ? all.data : "none");
			isms_buf_free(&all);
			return ISMS_EXPLAIN_SELF;
		}
		if (strstr(rest, "is not a valid value of the list type") &&
		    attr_kind(root, adecl, NULL) == V_ENUM_LIST)
			return ISMS_EXPLAIN_DROP; /* its wrong item has been named already */
		char v[256] = "";
		if (!quoted_after(rest, "The value ", v, sizeof v))
			quoted_after(rest, "", v, sizeof v);
		value_fault(root, adecl, attr, attr, v, rest, n, e, msg, size);
		return ISMS_EXPLAIN_SELF;
	}
	char missing[128];
	if (quoted_after(rest, "The attribute ", missing, sizeof missing) &&
	    strstr(rest, "is required but missing")) {
		xmlNode *adecl = decl ? child_decl(root, decl, "attribute", missing) : NULL;
		char what[256];
		describe(root, adecl, name, missing, what, sizeof what);
		snprintf(msg, size, "<%s> needs %s=\"...\" (%s)", name, missing, what);
		return ISMS_EXPLAIN_SELF;
	}
	int r = content_fault(e, root, n, rest, msg, size);
	if (r >= 0)
		return (enum isms_explained)r;
	if (strstr(rest, "The value '") || strstr(rest, "is not a valid value")) {
		/* a value in an element's text (<zh>, <sector>) */
		char v[256] = "", what[80];
		if (!quoted_after(rest, "The value ", v, sizeof v))
			quoted_after(rest, "", v, sizeof v);
		snprintf(what, sizeof what, "<%s>", name);
		value_fault(root, NULL, what, NULL, v, rest, n, e, msg, size);
		return ISMS_EXPLAIN_SELF;
	}
	snprintf(msg, size, "<%s>: %s", name, rest);
	return ISMS_EXPLAIN_SELF;
}

/* ---------- parser messages ---------- */

/* Column (1-based, characters) of byte offset off in line. */
static int
col_at(const char *line, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Byte offset of column col in line. */
static size_t
off_at(const char *line, size_t len, int col)
{
	size_t i = 0;
	for (int c = 1; i < len && c < col; i++)
		if (((unsigned char)line[i + 1] & 0xC0) != 0x80)
			c++;
	return i;
}

int
isms_explain_parse(int code, const char *raw, const char *line, size_t len, int *col,
                   char *msg, size_t size)
{
	char m[512];
	strip(raw, m, sizeof m);
	size_t at = line ? off_at(line, len, *col) : 0;
	if (at > len)
		at = len;
	char a[80], b[80];
	int l;
	if (code == XML_ERR_ENTITYREF_SEMICOL_MISSING ||
	    (code == XML_ERR_NAME_REQUIRED && strstr(m, "EntityRef"))) {
		/* the & at or before where the parser stopped */
		size_t amp = at;
		while (line && amp > 0 && line[amp] != '&')
			amp--;
		if (line && line[amp] == '&') {
			size_t s = amp, e = amp + 1;
			while (s > 0 && !strchr(" \t<>\"'=", line[s - 1]))
				s--;
			while (e < len && !strchr(" \t\r\n<>\"'", line[e]))
				e++;
			*col = col_at(line, amp);
			if (e - s > 1 && e - s < 60)
				snprintf(msg, size, "a bare \"&\": write & as &amp; (\"%.*s\" as \"%.*s&amp;%.*s\")",
				         (int)(e - s), line + s, (int)(amp - s), line + s,
				         (int)(e - amp - 1), line + amp + 1);
			else
				snprintf(msg, size, "a bare \"&\": write & as &amp;");
		} else {
			snprintf(msg, size, "a bare \"&\": write & as &amp;");
		}
		return 0;
	}
	if (code == XML_ERR_UNDECLARED_ENTITY && quoted_after(m, "Entity ", a, sizeof a)) {
		char ref[100];
		snprintf(ref, sizeof ref, "&%s;", a);
		const char *p = line ? memmem(line, len, ref, strlen(ref)) : NULL;
		if (p)
			*col = col_at(line, (size_t)(p - line));
		snprintf(msg, size, "&%s; is not known in XML: write the character itself (XML knows "
		         "only &amp; &lt; &gt; &quot; &apos;), or write & as &amp;", a);
		return 0;
	}
	if (code == XML_ERR_ATTRIBUTE_REDEFINED && sscanf(m, "Attribute %79s redefined", a) == 1) {
		snprintf(msg, size, "the attribute %s is given twice on this element; keep one", a);
		return 0;
	}
	if (code == XML_ERR_NAME_REQUIRED && strstr(m, "StartTag: invalid element name")) {
		size_t lt = at;
		while (line && lt > 0 && line[lt] != '<')
			lt--;
		if (line && line[lt] == '<')
			*col = col_at(line, lt);
		snprintf(msg, size, "a bare \"<\" in text: write < as &lt;");
		return 1;
	}
	if (code == XML_ERR_LT_IN_ATTRIBUTE) {
		snprintf(msg, size, "a \"<\" inside an attribute value: write it as &lt;");
		return 1;
	}
	if (code == XML_ERR_ATTRIBUTE_WITHOUT_VALUE &&
	    sscanf(m, "Specification mandates value for attribute %79s", a) == 1) {
		/* "x <b c" in text reads as a start tag <b with an attribute c */
		snprintf(msg, size, "the attribute %s has no value: write %s=\"...\"; or, if the "
		         "\"<\" before it is text, write it as &lt;", a, a);
		return 1;
	}
	if (code == XML_ERR_ATTRIBUTE_NOT_STARTED) {
		/* name=value without quotes: show it quoted */
		size_t eq = at;
		while (line && eq > 0 && line[eq] != '=')
			eq--;
		if (line && line[eq] == '=') {
			size_t s = eq, e = eq + 1;
			while (s > 0 && !strchr(" \t<", line[s - 1]))
				s--;
			while (e < len && !strchr(" \t\r\n/>", line[e]))
				e++;
			*col = col_at(line, s);
			snprintf(msg, size, "attribute values go in quotes: write %.*s=\"%.*s\"",
			         (int)(eq - s), line + s, (int)(e - eq - 1), line + eq + 1);
		} else {
			snprintf(msg, size, "attribute values go in quotes: write name=\"value\"");
		}
		return 1;
	}
	if (code == XML_ERR_TAG_NAME_MISMATCH &&
	    sscanf(m, "Opening and ending tag mismatch: %79s line %d and %79s", a, &l, b) == 3) {
		if (edit_distance(a, b) <= 2 || strstr(a, b) || strstr(b, a))
			snprintf(msg, size, "</%s> does not match <%s> opened at line %d: write </%s>", b,
			         a, l, a);
		else
			snprintf(msg, size, "</%s> comes before <%s> (opened at line %d) is closed: write "
			         "</%s> first", b, a, l, a);
		return 1;
	}
	if (code == XML_ERR_TAG_NOT_FINISHED &&
	    sscanf(m, "Premature end of data in tag %79s line %d", a, &l) == 2) {
		snprintf(msg, size, "the file ends before <%s> (opened at line %d) is closed: add "
		         "</%s>", a, l, a);
		return 1;
	}
	if (code == XML_ERR_DOCUMENT_END) {
		snprintf(msg, size, "something follows the end of the document (the root element's "
		         "closing tag): remove it or move it inside");
		return 1;
	}
	if (code == XML_ERR_DOCUMENT_EMPTY) {
		snprintf(msg, size, "the file does not begin with an XML element");
		return 1;
	}
	if (code == XML_ERR_GT_REQUIRED) {
		snprintf(msg, size, "a start tag is not closed with \">\"");
		return 1;
	}
	snprintf(msg, size, "%s", m);
	return 1;
}

/* ---------- full-width digits in numbers, dates and periods ---------- */

static int
has_fullwidth(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) ||
		    (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80))
			return 1;
	return 0;
}

void
isms_explain_fold(enum isms_schema which, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlNode *decl = NULL;
		int looked = 0;
		for (xmlAttr *a = n->properties; a; a = a->next) {
			xmlNode *t = a->children;
			if (!t || !t->content || !has_fullwidth((const char *)t->content))
				continue;
			xmlNode *root = xsd_root(which);
			if (!looked)
				decl = decl_of(root, n), looked = 1;
			xmlNode *adecl = decl ? child_decl(root, decl, "attribute", (const char *)a->name) : NULL;
			enum vkind k = attr_kind(root, adecl, NULL);
			if (k != V_NUMBER && k != V_INT && k != V_DATE && k != V_PERIOD && k != V_TIME)
				continue;
			char f[256];
			fold((const char *)t->content, f, sizeof f);
			/* trim: the ideographic space became an ASCII one */
			char *s = f, *e = f + strlen(f);
			while (*s == ' ')
				s++;
			while (e > s && e[-1] == ' ')
				*--e = '\0';
			xmlNodeSetContent(t, (const xmlChar *)s);
		}
		isms_explain_fold(which, n->children);
	}
}

void
isms_explain_free(isms_explain *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nseen; i++)
		free(e->seen[i]);
	free(e->seen);
	e->seen = NULL;
	e->nseen = 0;
}
