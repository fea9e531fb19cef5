/* Checks across the built model and its XML (load layer, private): one source per
 * fact, people who left, and who holds no role. */
#ifndef ISMS_LOAD_FACTS_H
#define ISMS_LOAD_FACTS_H

#include <libxml/tree.h>

#include "model/model.h"
#include "xml.h"

/* Run the checks on org, built from root without errors: errors (returned as their
 * count) where an <approval> contradicts the register or a person who left is named
 * in anything current or dated after they left; warnings for register people and
 * unit heads who hold no role and for document kinds the pack prints that have no
 * register entry.  May complete org (a document's drafter from its approval). */
int isms_load_facts(isms_xml *x, xmlNode *root, isms_org *org);

#endif
