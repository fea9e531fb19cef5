/* Safe XML reading (load layer): parse with hostile-input defences, XInclude inside
 * the input's folder only, XSD validation, and messages located file:line:col. */
#define _GNU_SOURCE
#include "xml.h"
#include "load.h"

#include <errno.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xinclude.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "explain.h"
#include "xmltree.h"

struct src_file {
	char *path;       /* as reported in messages (the name the user gave, or relative) */
	char *real;       /* realpath */
	char *text;       /* contents, NUL-terminated */
	size_t len;
	size_t *lines;    /* byte offset of each line start; lines[0] = 0 */
	size_t nlines;
};

struct ptrset {
	const void **key;
	size_t cap, n;
};

struct isms_xml {
	xmlDoc *doc;
	char root_dir[PATH_MAX]; /* realpath of the input's folder */
	struct src_file *files;
	size_t nfiles;
	const char **names;
	char *refused;           /* why the last file access was refused */
	int errors;
	int stopped_dtd;         /* DOCTYPE seen: parsing was stopped */
	enum isms_schema which;  /* the schema the document must match */
	const xmlNode **map_key; /* element → index of its source file (open addressing) */
	int *map_val;
	size_t map_cap, map_n;
	size_t next_file;        /* map_files: the next included file not yet seen */
	isms_explain explain;    /* plain words for libxml2's messages */
	/* After a schema fault the semantic checks still run (isms_xml_checkable),
	 * quiet where the schema already spoke: */
	int checkable;           /* well-formed, included, right root: the tree can be read */
	struct ptrset flagged;   /* elements the schema found at fault */
	struct ptrset unread;    /* elements the schema refused whole (not expected there) */
	struct ptrset parents;   /* parents of flagged elements (their checks count children) */
	int parse_derailed;      /* a fault that makes the parser's later messages noise */
	xmlNode **foreign;       /* elements the schema does not know where they stand, */
	size_t nforeign;         /* taken out of the tree (freed with it) */
	xmlNode **foreign_next;  /* the element after each, and its parent: where the */
	xmlNode **foreign_parent;/* gap it leaves shows in the next pass */
	int pass;                /* schema validation: 0, or again without the foreign ones */
	char **said;             /* schema messages said (a later pass repeats them) */
	size_t nsaid;
};

static _Thread_local isms_xml *current;

/* ---------- a set of nodes (open addressing on the pointer) ---------- */

static size_t
ptrset_slot(const struct ptrset *s, const void *p)
{
	size_t h = ((size_t)p >> 4) * 0x9E3779B97F4A7C15ull;
	size_t i = h & (s->cap - 1);
	while (s->key[i] && s->key[i] != p)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void
ptrset_add(struct ptrset *s, const void *p)
{
	if (!p)
		return;
	if ((s->n + 1) * 2 > s->cap) {
		size_t oc = s->cap;
		const void **ok = s->key;
		s->cap = oc ? oc * 2 : 64;
		s->key = isms_xcalloc(s->cap, sizeof *s->key);
		for (size_t i = 0; i < oc; i++)
			if (ok[i])
				s->key[ptrset_slot(s, ok[i])] = ok[i];
		free(ok);
	}
	size_t i = ptrset_slot(s, p);
	if (!s->key[i])
		s->n++;
	s->key[i] = p;
}

static int
ptrset_has(const struct ptrset *s, const void *p)
{
	return s->cap && p && s->key[ptrset_slot(s, p)] == p;
}

/* ---------- source files and columns ---------- */

static struct src_file *
add_file(isms_xml *x, const char *path, const char *real, char *text, size_t len)
{
	x->files = isms_xrealloc(x->files, (x->nfiles + 1) * sizeof *x->files);
	struct src_file *f = &x->files[x->nfiles++];
	f->path = isms_xstrdup(path);
	f->real = isms_xstrdup(real);
	f->text = text;
	f->len = len;
	size_t cap = 64;
	f->lines = isms_xmalloc(cap * sizeof *f->lines);
	f->nlines = 1;
	f->lines[0] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n')
			continue;
		if (f->nlines == cap) {
			cap *= 2;
			f->lines = isms_xrealloc(f->lines, cap * sizeof *f->lines);
		}
		f->lines[f->nlines++] = i + 1;
	}
	return f;
}

static struct src_file *
find_file(isms_xml *x, const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < x->nfiles; i++)
		if (!strcmp(x->files[i].path, name) || !strcmp(x->files[i].real, name))
			return &x->files[i];
	char real[PATH_MAX];
	if (realpath(name, real))
		for (size_t i = 0; i < x->nfiles; i++)
			if (!strcmp(x->files[i].real, real))
				return &x->files[i];
	return NULL;
}

/* Column (1-based, in characters) of byte offset off within its line. */
static int
column_of(const struct src_file *f, int line, size_t off)
{
	size_t start = f->lines[line - 1];
	int col = 1;
	for (size_t i = start; i < off && i < f->len; i++)
		if (((unsigned char)f->text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int
name_boundary(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>' || c == '=';
}

/* Find "<qname" for node on its line (libxml2 records the line where the start tag
 * ends, so look backwards from the end of that line); then attr= after it. */
static int
locate_column(const struct src_file *f, const xmlNode *node, const char *attr, int *line)
{
	if (*line < 1 || (size_t)*line > f->nlines)
		return 1;
	char qname[256];
	if (node->ns && node->ns->prefix)
		snprintf(qname, sizeof qname, "<%s:%s", node->ns->prefix, node->name);
	else
		snprintf(qname, sizeof qname, "<%s", node->name);
	size_t qlen = strlen(qname);
	size_t end = (size_t)*line < f->nlines ? f->lines[*line] : f->len;
	/* Which occurrence on the line: count earlier same-named siblings on that line. */
	int skip = 0;
	for (const xmlNode *s = node->prev; s; s = s->prev) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (s->line != node->line)
			break; /* siblings stand in line order: none earlier is on this line */
		if (xmlStrEqual(s->name, node->name))
			skip++;
	}
	size_t lstart = f->lines[*line - 1], found = (size_t)-1;
	int seen = 0;
	for (size_t i = lstart; i + qlen <= end; i++)
		if (!memcmp(f->text + i, qname, qlen) && name_boundary(f->text[i + qlen])) {
			found = i;
			if (seen++ == skip)
				break;
		}
	if (found == (size_t)-1) /* start tag begins on an earlier line */
		for (size_t i = lstart; i-- > 0;)
			if (i + qlen <= f->len && !memcmp(f->text + i, qname, qlen) &&
			    name_boundary(f->text[i + qlen])) {
				found = i;
				break;
			}
	if (found == (size_t)-1)
		return 1;
	while (*line > 1 && f->lines[*line - 1] > found)
		(*line)--;
	if (attr) {
		size_t alen = strlen(attr);
		for (size_t i = found + qlen; i + alen < f->len && f->text[i] != '>'; i++)
			if (name_boundary(f->text[i - 1]) && !memcmp(f->text + i, attr, alen) &&
			    (f->text[i + alen] == '=' || f->text[i + alen] == ' ')) {
				while (*line < (int)f->nlines && f->lines[*line] <= i)
					(*line)++;
				return column_of(f, *line, i);
			}
	}
	return column_of(f, *line, found);
}

static size_t
map_slot(const isms_xml *x, const xmlNode *n)
{
	size_t h = ((size_t)n >> 4) * 0x9E3779B97F4A7C15ull;
	size_t i = h & (x->map_cap - 1);
	while (x->map_key[i] && x->map_key[i] != n)
		i = (i + 1) & (x->map_cap - 1);
	return i;
}

static void
map_put(isms_xml *x, const xmlNode *n, int file)
{
	if ((x->map_n + 1) * 2 > x->map_cap) {
		size_t oc = x->map_cap;
		const xmlNode **ok = x->map_key;
		int *ov = x->map_val;
		x->map_cap = oc ? oc * 2 : 256;
		x->map_key = isms_xcalloc(x->map_cap, sizeof *x->map_key);
		x->map_val = isms_xcalloc(x->map_cap, sizeof *x->map_val);
		for (size_t i = 0; i < oc; i++)
			if (ok[i]) {
				size_t j = map_slot(x, ok[i]);
				x->map_key[j] = ok[i];
				x->map_val[j] = ov[i];
			}
		free(ok);
		free(ov);
	}
	size_t i = map_slot(x, n);
	if (!x->map_key[i])
		x->map_n++;
	x->map_key[i] = n;
	x->map_val[i] = file;
}

static const struct src_file *
map_get(const isms_xml *x, const xmlNode *n)
{
	if (!x->map_cap)
		return NULL;
	size_t i = map_slot(x, n);
	return x->map_key[i] ? &x->files[x->map_val[i]] : NULL;
}

isms_loc
isms_xml_loc(isms_xml *x, const xmlNode *node, const char *attr)
{
	isms_loc loc = {NULL, 0, 0};
	if (!node)
		return loc;
	const struct src_file *f = map_get(x, node);
	if (!f && node->doc)
		f = find_file(x, (const char *)node->doc->URL);
	if (!f)
		f = &x->files[0];
	loc.file = f->path;
	loc.line = (int)xmlGetLineNo((xmlNode *)node);
	if (loc.line <= 0)
		loc.line = 1;
	loc.col = (node->type == XML_ELEMENT_NODE || node->type == XML_XINCLUDE_START) ? locate_column(f, node, attr, &loc.line) : 1;
	return loc;
}

/* ---------- I/O guard: every file libxml2 opens passes through here ---------- */

/* Offset of a parse="..." other than xml inside the text of a file, or -1.  The
 * attribute name is rare enough in this vocabulary that a text scan is exact. */
static size_t
text_include_in(const char *text, size_t len)
{
	for (const char *p = text; (p = strstr(p, "parse")); p += 5) {
		const char *q = p + 5;
		if (p > text && !strchr(" \t\r\n", p[-1]))
			continue;
		while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
			q++;
		if (*q++ != '=')
			continue;
		while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
			q++;
		if ((*q == '"' || *q == '\'') && strncmp(q + 1, "xml", 3) == 0 && q[4] == *q)
			continue;
		return (size_t)(p - text);
	}
	(void)len;
	return (size_t)-1;
}

static const char refused_marker = 0;

static int
guard_match(const char *name)
{
	isms_xml *x = current;
	if (!x)
		return 1; /* no load in progress: refuse everything */
	char path[PATH_MAX];
	if (!strncmp(name, "file://", 7))
		name += 7;
	else if (!strncmp(name, "file:", 5))
		name += 5;
	if (strstr(name, "://")) {
		free(x->refused);
		x->refused = isms_xstrdup("network access is not allowed");
		return 1;
	}
	char *unesc = xmlURIUnescapeString(name, 0, NULL);
	snprintf(path, sizeof path, "%s", unesc ? unesc : name);
	xmlFree(unesc);
	char real[PATH_MAX];
	if (!realpath(path, real))
		return 0; /* let libxml2 report that it cannot be found */
	size_t rl = strlen(x->root_dir);
	if (strncmp(real, x->root_dir, rl) != 0 || real[rl] != '/') {
		free(x->refused);
		x->refused = isms_xstrdup("only files inside the input's folder may be included");
		return 1;
	}
	if (find_file(x, real))
		return 0;
	size_t len;
	char *text = isms_fs_read_regular(real, &len, ISMS_XML_MAX_FILE);
	if (!text) {
		free(x->refused);
		x->refused = isms_xstrdup(errno == EFBIG ? "the file is larger than 16 MiB"
		                          : errno == ENODEV ? "only regular files may be included"
		                                            : "the file cannot be read");
		return 1;
	}
	if (strstr(text, "<!DOCTYPE") || strstr(text, "<!ENTITY")) {
		free(text);
		free(x->refused);
		x->refused = isms_xstrdup("it contains a DOCTYPE or entity declaration, which "
		                          "ismspack refuses (entities can read files or expand "
		                          "without bound)");
		return 1;
	}
	char rel[PATH_MAX];
	/* Report included files relative to the main file's folder as the user wrote them. */
	const char *base = x->files[0].path;
	const char *slash = strrchr(base, '/');
	if (slash)
		snprintf(rel, sizeof rel, "%.*s/%s", (int)(slash - base), base, real + rl + 1);
	else
		snprintf(rel, sizeof rel, "%s", real + rl + 1);
	size_t at = text_include_in(text, len);
	if (at != (size_t)-1) {
		/* libxml2 processes this file's includes out of our sight: a text include
		 * here is refused where it stands, and the file is not read. */
		int line = 1, col = 1;
		for (size_t i = 0; i < at; i++) {
			if (text[i] == '\n')
				line++, col = 1;
			else if (((unsigned char)text[i] & 0xC0) != 0x80)
				col++;
		}
		isms_loc loc = {rel, line, col};
		isms_error(&loc, "xi:include parse=\"text\" is not supported: include whole XML "
		           "files only");
		x->errors++;
		free(x->refused);
		x->refused = isms_xstrdup("it holds an xi:include that is not parse=\"xml\"");
		free(text);
		return 1;
	}
	add_file(x, rel, real, text, len);
	return 0;
}

static void *
guard_open(const char *name)
{
	return (void *)&refused_marker;
}

static int
guard_read(void *ctx, char *buf, int len)
{
	return -1;
}

static int
guard_close(void *ctx)
{
	return 0;
}

static void
init_once(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	xmlInitParser();
	/* Registered after the defaults, so it is asked first. */
	xmlRegisterInputCallbacks(guard_match, guard_open, guard_read, guard_close);
}

/* ---------- messages ---------- */

/* Messages of libxml2's other parts (XInclude, I/O) without our namespaces; the
 * parser's and the schema's are put in plain words by load/explain.c. */
static void
tidy_message(const char *in, char *out, size_t size)
{
	static const char ns[] = "{urn:ismspack:isms:1.0}";
	static const char tns[] = "{urn:ismspack:template:1.0}";
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < size;) {
		if (!strncmp(p, ns, sizeof ns - 1)) {
			p += sizeof ns - 1;
			continue;
		}
		if (!strncmp(p, tns, sizeof tns - 1)) {
			p += sizeof tns - 1;
			continue;
		}
		out[o++] = *p++;
	}
	while (o > 0 && (out[o - 1] == '\n' || out[o - 1] == ' '))
		o--;
	out[o] = '\0';
}

static void
on_error(void *ctx, xmlErrorPtr err)
{
	isms_xml *x = ctx;
	if (!err || err->level == XML_ERR_NONE)
		return;
	char msg[1024];
	const char *raw = err->message ? err->message : "unknown XML error";
	isms_loc loc = {NULL, 0, 0};
	const char *attr = NULL;
	xmlNode *node = err->node;
	enum isms_explained how = ISMS_EXPLAIN_SELF;
	if (err->domain == XML_FROM_SCHEMASV) {
		/* a key field missing: the missing attribute is reported already */
		if (strstr(raw, "Not all fields of key identity-constraint") && x->errors)
			return;
		x->explain.root = x->doc ? xmlDocGetRootElement(x->doc) : NULL;
		how = isms_explain_schema(&x->explain, raw, &node, &attr, msg, sizeof msg);
		if (how == ISMS_EXPLAIN_DROP)
			return;
		if (strstr(raw, "No matching global declaration"))
			x->checkable = 0;
	} else if (err->domain == XML_FROM_PARSER) {
		struct src_file *f = find_file(x, err->file);
		int fi = f ? (int)(f - x->files) + 1 : -1;
		if (x->parse_derailed && x->parse_derailed == fi)
			return; /* the parser lost its place: what follows is noise */
		int col = err->int2 > 0 ? err->int2 : 1;
		const char *line = NULL;
		size_t len = 0;
		if (f && err->line > 0 && (size_t)err->line <= f->nlines) {
			line = f->text + f->lines[err->line - 1];
			len = ((size_t)err->line < f->nlines ? f->lines[err->line] : f->len) -
			      f->lines[err->line - 1];
		}
		if (isms_explain_parse(err->code, raw, line, len, &col, msg, sizeof msg) && fi > 0 &&
		    !x->parse_derailed)
			x->parse_derailed = fi;
		loc.file = f ? f->path : (err->file ? err->file : x->files[0].path);
		loc.line = err->line > 0 ? err->line : 1;
		loc.col = col;
		if (x->refused && !f)
			return; /* the XInclude error that follows carries the reason and place */
		x->errors++;
		isms_diag(err->level == XML_ERR_WARNING ? ISMS_WARNING : ISMS_ERROR, &loc, "%s", msg);
		return;
	} else {
		tidy_message(raw, msg, sizeof msg);
	}
	if (err->domain == XML_FROM_XINCLUDE && x->refused && node) {
		const xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
		snprintf(msg, sizeof msg, "xi:include of \"%s\" refused: %s", href ? (const char *)href : "?",
		         x->refused);
		xmlFree((void *)href);
		free(x->refused);
		x->refused = NULL;
	}
	if (node && (node->type == XML_ELEMENT_NODE || node->type == XML_XINCLUDE_START)) {
		loc = isms_xml_loc(x, node, attr);
	} else {
		const struct src_file *f = find_file(x, err->file);
		loc.file = f ? f->path : (err->file ? err->file : x->files[0].path);
		loc.line = err->line > 0 ? err->line : 1;
		loc.col = err->int2 > 0 ? err->int2 : 1;
		if (err->domain == XML_FROM_IO && x->refused) {
			snprintf(msg, sizeof msg, "file access refused: %s", x->refused);
		}
	}
	if (x->refused && err->domain == XML_FROM_IO)
		return; /* the XInclude error that follows carries the reason and place */
	if (err->domain == XML_FROM_SCHEMASV && x->pass && node &&
	    (strstr(raw, "This element is not expected") || strstr(raw, "Missing child element"))) {
		/* the gap left where a foreign element was taken out: said with it */
		for (size_t i = 0; i < x->nforeign; i++)
			if (x->foreign_next[i] == node || x->foreign_parent[i] == node)
				return;
	}
	if (err->domain == XML_FROM_SCHEMASV) {
		char said[1400];
		isms_diag_format(said, sizeof said, ISMS_ERROR, &loc, msg);
		for (size_t i = 0; x->pass && i < x->nsaid; i++)
			if (!strcmp(x->said[i], said))
				return;
		x->said = isms_xrealloc(x->said, (x->nsaid + 1) * sizeof *x->said);
		x->said[x->nsaid++] = isms_xstrdup(said);
	}
	if (err->domain == XML_FROM_SCHEMASV && node && node->type == XML_ELEMENT_NODE) {
		ptrset_add(how == ISMS_EXPLAIN_UNREAD ? &x->unread : &x->flagged, node);
		if (node->parent && node->parent->type == XML_ELEMENT_NODE)
			ptrset_add(&x->parents, node->parent);
		if (x->explain.foreign && node->parent) {
			x->foreign = isms_xrealloc(x->foreign, (x->nforeign + 1) * sizeof *x->foreign);
			x->foreign_next = isms_xrealloc(x->foreign_next,
			                                (x->nforeign + 1) * sizeof *x->foreign_next);
			x->foreign_parent = isms_xrealloc(x->foreign_parent,
			                                  (x->nforeign + 1) * sizeof *x->foreign_parent);
			x->foreign_next[x->nforeign] = next_el(node->next);
			x->foreign_parent[x->nforeign] = node->parent;
			x->foreign[x->nforeign++] = node;
		}
	}
	x->errors++;
	isms_diag(err->level == XML_ERR_WARNING ? ISMS_WARNING : ISMS_ERROR, &loc, "%s", msg);
}

/* ---------- DOCTYPE refusal ---------- */

static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr p = ctx;
	isms_xml *x = current;
	isms_loc loc = {x->files[0].path, p->input ? p->input->line : 1, 1};
	const struct src_file *f = &x->files[0];
	const char *d = strstr(f->text, "<!DOCTYPE");
	if (d) {
		size_t off = (size_t)(d - f->text);
		int line = 1;
		while ((size_t)line < f->nlines && f->lines[line] <= off)
			line++;
		loc.line = line;
		loc.col = column_of(f, line, off);
	}
	isms_diag(ISMS_ERROR, &loc, "DOCTYPE declarations are not allowed: ismspack reads "
	          "no DTDs and expands no entities; remove the <!DOCTYPE ...> block");
	x->errors++;
	x->stopped_dtd = 1;
	xmlStopParser(p);
}

/* ---------- XInclude bookkeeping ---------- */

/* Does f hold, on its line, the start tag of the first element after marker? */
static int
holds_next_element(const struct src_file *f, const xmlNode *marker)
{
	const xmlNode *e = marker->next;
	while (e && e->type != XML_ELEMENT_NODE)
		e = e->next;
	if (!e)
		return 1;
	int line = (int)xmlGetLineNo((xmlNode *)e);
	if (line < 1 || (size_t)line > f->nlines)
		return 0;
	size_t start = f->lines[line - 1];
	size_t end = (size_t)line < f->nlines ? f->lines[line] : f->len;
	size_t nl = strlen((const char *)e->name);
	for (size_t i = start; i + nl + 1 < end; i++)
		if (f->text[i] == '<' && !memcmp(f->text + i + 1, e->name, nl) &&
		    name_boundary(f->text[i + 1 + nl]))
			return 1;
	return 0;
}

static struct src_file *
file_holding_next_element(isms_xml *x, const xmlNode *marker)
{
	for (size_t i = 1; i < x->nfiles; i++)
		if (holds_next_element(&x->files[i], marker))
			return &x->files[i];
	return NULL;
}

/* Record (map_put) which source file each element came from, following the
 * XINCLUDE_START/END markers libxml2 leaves around included content. */
static void
map_files(isms_xml *x, xmlNode *parent, struct src_file *file)
{
	struct src_file *stack[32];
	int depth = 0;
	struct src_file *cur = file;
	for (xmlNode *n = parent->children; n; n = n->next) {
		if (n->type == XML_XINCLUDE_START) {
			map_put(x, n, (int)(cur - x->files));
			/* xmlGetProp ignores non-element nodes: read the attribute directly */
			xmlChar *href = NULL;
			for (xmlAttr *a = n->properties; a; a = a->next)
				if (xmlStrEqual(a->name, (const xmlChar *)"href") && a->children)
					href = xmlNodeGetContent((xmlNode *)a);
			struct src_file *inc = NULL;
			if (href) {
				xmlChar *uri = xmlBuildURI(href, (const xmlChar *)cur->real);
				inc = find_file(x, (const char *)(uri ? uri : href));
				xmlFree(uri);
				xmlFree(href);
			} else if (x->next_file < x->nfiles) {
				/* An include inside an included file: libxml2 copies its marker
				 * without attributes.  Files are read depth first, in the order
				 * the markers stand, so it is the next file not yet seen. */
				inc = &x->files[x->next_file];
			}
			if (inc && !holds_next_element(inc, n))
				inc = file_holding_next_element(x, n);
			if (inc && (size_t)(inc - x->files) >= x->next_file)
				x->next_file = (size_t)(inc - x->files) + 1;
			if (depth < 32)
				stack[depth++] = cur;
			if (inc)
				cur = inc;
		} else if (n->type == XML_XINCLUDE_END) {
			if (depth > 0)
				cur = stack[--depth];
		} else if (n->type == XML_ELEMENT_NODE) {
			struct src_file *here = cur;
			map_put(x, n, (int)(here - x->files));
			map_files(x, n, here);
		}
	}
}

static const char *
marker_attr(const xmlNode *n, const char *name, xmlChar **owned)
{
	*owned = NULL;
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (xmlStrEqual(a->name, (const xmlChar *)name) && a->children)
			return (const char *)(*owned = xmlNodeGetContent((xmlNode *)a));
	return NULL;
}

/* Includes libxml2 processed without complaint may still have been refused (a text
 * include whose read failed): find and report each one where it stands. */
static int
check_includes(isms_xml *x, xmlNode *n)
{
	int bad = 0;
	for (; n; n = n->next) {
		if (n->type == XML_XINCLUDE_START) {
			xmlChar *ph, *pp;
			const char *href = marker_attr(n, "href", &ph);
			const char *parse = marker_attr(n, "parse", &pp);
			if (!href && !n->properties) {
				/* The marker of an include inside an included file: libxml2 copies
				 * it without attributes.  That file was read through the guard,
				 * which checked its includes (text_include_in) and the folder. */
				xmlFree(ph);
				xmlFree(pp);
				continue;
			}
			isms_loc loc = isms_xml_loc(x, n, NULL);
			const struct src_file *f = map_get(x, n);
			int inside = 0;
			if (href && f) {
				xmlChar *uri = xmlBuildURI((const xmlChar *)href, (const xmlChar *)f->real);
				inside = uri && find_file(x, (const char *)uri) != NULL;
				xmlFree(uri);
			}
			if (parse && strcmp(parse, "xml")) {
				isms_diag(ISMS_ERROR, &loc, "xi:include parse=\"%s\" is not supported: "
				          "include whole XML files only", parse);
				bad++;
			} else if (!inside) {
				isms_diag(ISMS_ERROR, &loc, "xi:include of \"%s\" refused: only files "
				          "inside the input's folder may be included", href ? href : "");
				bad++;
			}
			xmlFree(ph);
			xmlFree(pp);
		} else if (n->type == XML_ELEMENT_NODE) {
			bad += check_includes(x, n->children);
		}
	}
	return bad;
}

/* Entity references cannot survive our parse options; refuse them if they do. */
static int
refuse_entities(isms_xml *x, xmlNode *n)
{
	int bad = 0;
	for (; n; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE) {
			isms_loc loc = isms_xml_loc(x, n->parent, NULL);
			isms_diag(ISMS_ERROR, &loc, "entity reference &%s; is not allowed: write the "
			          "text itself", (const char *)n->name);
			bad++;
		} else if (n->type == XML_ELEMENT_NODE) {
			bad += refuse_entities(x, n->children);
		}
	}
	return bad;
}

/* ---------- the public entry ---------- */

/* The built-in schema, compiled once per process (before a batch forks). */
static xmlSchemaPtr
compiled_schema(enum isms_schema which)
{
	static xmlSchemaPtr schemas[2];
	if (!schemas[which]) {
		xmlSchemaParserCtxtPtr pc = which == ISMS_SCHEMA_TEMPLATE
			? xmlSchemaNewMemParserCtxt((const char *)isms_template_xsd_data,
			                            (int)isms_template_xsd_size)
			: xmlSchemaNewMemParserCtxt((const char *)isms_xsd_data, (int)isms_xsd_size);
		schemas[which] = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	return schemas[which];
}

void
isms_load_prepare(void)
{
	compiled_schema(ISMS_SCHEMA_ORGANISATION);
	compiled_schema(ISMS_SCHEMA_TEMPLATE);
}

int
isms_xml_open(isms_xml **out, const char *path, enum isms_schema which)
{
	init_once();
	isms_xml *x = isms_xcalloc(1, sizeof *x);
	x->which = which;
	x->explain.x = x;
	x->explain.which = which;
	*out = x;

	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
		isms_loc loc = {path, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "cannot read: %s",
		          stat(path, &st) < 0 ? strerror(errno) : "not a regular file");
		return ISMS_EXIT_NOINPUT;
	}
	size_t len;
	char *text = isms_fs_read_regular(path, &len, ISMS_XML_MAX_FILE);
	if (!text) {
		int e = errno;
		isms_loc loc = {path, 0, 0};
		if (e == EFBIG) {
			isms_diag(ISMS_ERROR, &loc, "file is larger than 16 MiB; split it with XInclude");
			return ISMS_EXIT_DATAERR;
		}
		isms_diag(ISMS_ERROR, &loc, "cannot read: %s", strerror(e));
		return ISMS_EXIT_NOINPUT;
	}
	char real[PATH_MAX];
	if (!realpath(path, real))
		snprintf(real, sizeof real, "%s", path);
	struct src_file *main_file = add_file(x, path, real, text, len);
	snprintf(x->root_dir, sizeof x->root_dir, "%s", real);
	char *slash = strrchr(x->root_dir, '/');
	if (slash)
		*slash = '\0';

	if (len == 0 || strspn(text, " \t\r\n") == len) {
		isms_loc loc = {path, 1, 1};
		isms_diag(ISMS_ERROR, &loc, "file is empty; expected an <organisation> document");
		return ISMS_EXIT_DATAERR;
	}
	size_t bad = isms_utf8_invalid_at(text, len);
	if (bad != (size_t)-1) {
		int line = 1;
		while ((size_t)line < main_file->nlines && main_file->lines[line] <= bad)
			line++;
		isms_loc loc = {path, line, column_of(main_file, line, bad)};
		isms_diag(ISMS_ERROR, &loc, "invalid UTF-8 byte 0x%02X: save the file as UTF-8",
		          (unsigned char)text[bad]);
		return ISMS_EXIT_DATAERR;
	}

	current = x;
	xmlSetStructuredErrorFunc(x, on_error);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	ctxt->sax->internalSubset = on_internal_subset;
	/* XML_PARSE_HUGE: our own 16 MiB limit on every file bounds what libxml2 may
	 * hold (its 10 MB text limit would refuse a smaller file than ours does) */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOBASEFIX | XML_PARSE_NOCDATA |
	           XML_PARSE_HUGE;
	x->doc = xmlCtxtReadMemory(ctxt, text, (int)len, path, "UTF-8", opts);
	xmlFreeParserCtxt(ctxt);
	int rc = 0;
	if (!x->doc || x->errors || x->stopped_dtd) {
		rc = ISMS_EXIT_DATAERR;
		if (!x->errors) {
			isms_loc loc = {path, 1, 1};
			isms_diag(ISMS_ERROR, &loc, "not a well-formed XML document");
		}
		goto done;
	}
	if (xmlXIncludeProcessFlags(x->doc, opts) < 0 || x->errors) {
		if (!x->errors) {
			isms_loc loc = {path, 1, 1};
			isms_diag(ISMS_ERROR, &loc, "XInclude processing failed");
		}
		rc = ISMS_EXIT_DATAERR;
		goto done;
	}
	xmlNode *root = xmlDocGetRootElement(x->doc);
	if (!root) {
		isms_loc loc = {path, 1, 1};
		isms_diag(ISMS_ERROR, &loc, "no root element");
		rc = ISMS_EXIT_DATAERR;
		goto done;
	}
	map_put(x, root, 0);
	x->next_file = 1;
	map_files(x, root, &x->files[0]); /* files[] moved as includes were added */
	if (check_includes(x, root->children) || refuse_entities(x, root)) {
		rc = ISMS_EXIT_DATAERR;
		goto done;
	}

	/* numbers, dates and periods typed with full-width digits read as ASCII ones */
	isms_explain_fold(which, root);

	xmlSchemaPtr schema = compiled_schema(which);
	if (!schema) {
		isms_diag(ISMS_FATAL, NULL, "the built-in schema does not compile");
		rc = ISMS_EXIT_SOFTWARE;
		goto done;
	}
	x->checkable = 1; /* until the schema finds the root itself wrong */
	/* libxml2 reads no further in an element once one of its children is not
	 * expected there.  An element the schema does not know in that place is taken
	 * out and the document validated again, so that the faults after it are found
	 * in the same run; each message is said once. */
	int v = 0;
	for (int pass = 0; pass < 8; pass++) {
		size_t nforeign = x->nforeign;
		x->pass = pass;
		isms_explain_free(&x->explain); /* which duplicate is which: counted afresh */
		xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
		xmlSchemaSetValidStructuredErrors(vc, on_error, x);
		v = xmlSchemaValidateDoc(vc, x->doc);
		xmlSchemaFreeValidCtxt(vc);
		if (x->nforeign == nforeign || !x->checkable)
			break;
		for (size_t i = nforeign; i < x->nforeign; i++)
			xmlUnlinkNode(x->foreign[i]);
	}
	if (v != 0 || x->errors) {
		if (!x->errors) {
			isms_loc loc = isms_xml_loc(x, root, NULL);
			isms_diag(ISMS_ERROR, &loc, "document does not match the %s schema",
			          which == ISMS_SCHEMA_TEMPLATE ? "template" : "ismspack");
		}
		rc = ISMS_EXIT_DATAERR;
	}
done:
	xmlSetStructuredErrorFunc(NULL, NULL);
	current = NULL;
	return rc;
}

int
isms_xml_checkable(const isms_xml *x)
{
	return x && x->doc && x->checkable;
}

int
isms_xml_quiet(const isms_xml *x, const xmlNode *n)
{
	if (!x || !n)
		return 0;
	if (ptrset_has(&x->flagged, n) || ptrset_has(&x->parents, n))
		return 1;
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (ptrset_has(&x->unread, p))
			return 1;
	return 0;
}

xmlNode *
isms_xml_root(isms_xml *x)
{
	return x->doc ? xmlDocGetRootElement(x->doc) : NULL;
}

size_t
isms_xml_files(isms_xml *x, const char ***files)
{
	x->names = isms_xrealloc(x->names, (x->nfiles ? x->nfiles : 1) * sizeof *x->names);
	for (size_t i = 0; i < x->nfiles; i++)
		x->names[i] = x->files[i].path;
	*files = x->names;
	return x->nfiles;
}

void
isms_xml_free(isms_xml *x)
{
	if (!x)
		return;
	/* taken out of the tree, they belong to its dictionary: freed before it */
	for (size_t i = 0; i < x->nforeign; i++)
		xmlFreeNode(x->foreign[i]);
	free(x->foreign);
	free(x->foreign_next);
	free(x->foreign_parent);
	if (x->doc)
		xmlFreeDoc(x->doc);
	for (size_t i = 0; i < x->nfiles; i++) {
		free(x->files[i].path);
		free(x->files[i].real);
		free(x->files[i].text);
		free(x->files[i].lines);
	}
	free(x->files);
	free(x->names);
	free(x->refused);
	isms_explain_free(&x->explain);
	for (size_t i = 0; i < x->nsaid; i++)
		free(x->said[i]);
	free(x->said);
	free(x->flagged.key);
	free(x->unread.key);
	free(x->parents.key);
	free(x->map_key);
	free(x->map_val);
	free(x);
}
