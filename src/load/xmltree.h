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

#define EACH_CHILD(n, parent) \
	for (xmlNode *n = next_el((parent)->children); n; n = next_el(n->next))

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
