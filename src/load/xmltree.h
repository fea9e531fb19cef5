/* Small libxml2 tree helpers shared by the loaders (load layer, private). */
#ifndef ISMS_LOAD_XMLTREE_H
#define ISMS_LOAD_XMLTREE_H

#include <libxml/tree.h>

/* n or the next element sibling, skipping text, comments and XInclude markers. */
static inline xmlNode *
next_el(xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* n or the next element sibling called name. */
static inline xmlNode *
next_named(xmlNode *n, const char *name)
{
	while (n && (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, (const xmlChar *)name)))
		n = n->next;
	return n;
}

/* Each child element of parent (none when parent is NULL: a tree the schema
 * refused may lack any element). */
#define EACH_CHILD(n, parent) \
	for (xmlNode *n = (parent) ? next_el((parent)->children) : NULL; n; n = next_el(n->next))

/* Each child element of parent called name: the others, which only a tree the
 * schema refused holds, are passed over. */
#define EACH_NAMED(n, parent, name) \
	for (xmlNode *n = (parent) ? next_named((parent)->children, (name)) : NULL; n; \
	     n = next_named(n->next, (name)))

static inline int
is(const xmlNode *n, const char *name)
{
	return xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The first child element called name, or NULL. */
static inline xmlNode *
child(xmlNode *parent, const char *name)
{
	if (!parent)
		return NULL;
	EACH_CHILD(n, parent)
		if (is(n, name))
			return n;
	return NULL;
}

/* How many child elements called name parent has (0 for NULL). */
static inline size_t
count(xmlNode *parent, const char *name)
{
	size_t k = 0;
	if (parent)
		EACH_CHILD(n, parent)
			if (is(n, name))
				k++;
	return k;
}

#endif
