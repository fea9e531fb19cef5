/* `ismspack new-year`'s XML step (load layer): the validated input's tree, with the
 * reporting year moved on, the year's measurements removed, milestones moved to the
 * new year, lastYear set from the year that ends and the year's policy communications
 * removed; serialised as one file. */
#include "newyear.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "xml.h"
#include "xmltree.h"

static void
set_int(xmlNode *n, const char *name, int v)
{
	char b[16];
	snprintf(b, sizeof b, "%d", v);
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)b);
}

/* Unlink n with the whitespace before it (its line's indentation and newline). */
static void
drop(xmlNode *n)
{
	xmlNode *ws = n->prev;
	if (ws && ws->type == XML_TEXT_NODE && xmlIsBlankNode(ws)) {
		xmlUnlinkNode(ws);
		xmlFreeNode(ws);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* "2025Q2" / "2025-06" moved to year. */
static void
move_period(xmlNode *n, int year)
{
	xmlChar *p = xmlGetProp(n, (const xmlChar *)"period");
	if (p && strlen((const char *)p) > 4) {
		char b[32];
		snprintf(b, sizeof b, "%04d%s", year, (const char *)p + 4);
		xmlSetProp(n, (const xmlChar *)"period", (const xmlChar *)b);
	}
	xmlFree(p);
}

static void
objective(xmlNode *ob, int year, const isms_ny_value *v, size_t n)
{
	xmlChar *id = xmlGetProp(ob, (const xmlChar *)"id");
	const char *last = NULL;
	for (size_t i = 0; id && i < n; i++)
		if (!strcmp(v[i].objective, (const char *)id))
			last = v[i].last_year;
	xmlFree(id);
	if (last)
		xmlSetProp(ob, (const xmlChar *)"lastYear", (const xmlChar *)last);
	else
		xmlUnsetProp(ob, (const xmlChar *)"lastYear");
	for (xmlNode *c = next_el(ob->children), *next; c; c = next) {
		next = next_el(c->next);
		if (is(c, "measurement"))
			drop(c);
		else if (is(c, "milestone"))
			move_period(c, year);
	}
}

int
isms_load_new_year(const char *path, int year, const isms_ny_value *v, size_t n, isms_buf *out)
{
	isms_xml *x = NULL;
	int rc = isms_xml_open(&x, path, ISMS_SCHEMA_ORGANISATION);
	if (rc) {
		isms_xml_free(x);
		return rc;
	}
	xmlNode *root = isms_xml_root(x);
	set_int(root, "year", year);
	xmlNode *objs = child(root, "objectives");
	if (objs) {
		set_int(objs, "year", year);
		EACH_CHILD(ob, objs)
			if (is(ob, "objective"))
				objective(ob, year, v, n);
	}
	/* the policy communication record is a record of its year: the new year's starts
	 * empty (the register entry stays; the form prints its blank sign-off table) */
	xmlNode *lead = child(root, "leadership"), *comms = lead ? child(lead, "communications") : NULL;
	if (comms)
		for (xmlNode *c = next_el(comms->children), *next; c; c = next) {
			next = next_el(c->next);
			if (is(c, "communication"))
				drop(c);
		}
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(root->doc, &mem, &len, "UTF-8");
	if (!mem) {
		isms_diag(ISMS_ERROR, NULL, "%s: cannot serialise the new year's organisation", path);
		rc = ISMS_EXIT_SOFTWARE;
	} else {
		isms_buf_append(out, (const char *)mem, (size_t)len);
	}
	xmlFree(mem);
	isms_xml_free(x);
	return rc;
}
