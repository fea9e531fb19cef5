/* Plain words for XML faults (load layer, private to src/load): libxml2's parser and
 * schema messages rewritten as what is wrong in the file's own terms and what to
 * write instead, with what an element may hold read from the built-in schema. */
#ifndef ISMS_LOAD_EXPLAIN_H
#define ISMS_LOAD_EXPLAIN_H

#include <libxml/tree.h>
#include <stddef.h>

#include "xml.h"

/* What the explainer keeps about one document. */
typedef struct isms_explain {
	isms_xml *x;             /* to place other elements ("first used at") */
	enum isms_schema which;
	xmlNode *root;           /* the document's root element */
	char **seen;             /* identity-constraint faults already placed */
	size_t nseen;
	const xmlNode *text_at;  /* element told it cannot hold text (its follow-up is dropped) */
	int foreign;             /* the last fault: an element unknown where it stands */
} isms_explain;

/* How a schema fault is to be reported. */
enum isms_explained {
	ISMS_EXPLAIN_DROP,   /* a follow-up of a fault already reported: say nothing */
	ISMS_EXPLAIN_SELF,   /* the fault is in this element (its attributes or content) */
	ISMS_EXPLAIN_UNREAD  /* the element is not expected there: libxml2 read no further */
};

/* Rewrite the schema message raw into msg.  *node is the element at fault; when
 * libxml2 gave none (identity constraints) it is found and set.  *attr is set to
 * the attribute to point at, or NULL (a pointer into static storage or the
 * document, valid until the next call). */
enum isms_explained isms_explain_schema(isms_explain *e, const char *raw, xmlNode **node,
                                        const char **attr, char *msg, size_t size);

/* Rewrite the well-formedness message raw (libxml2 error code code) into msg.  line
 * is the text of the line at fault (len bytes, may be NULL); *col (1-based, in
 * characters) may move to the character at fault.  Returns 1 when the parser has
 * lost its place, so that its later messages about this file are noise. */
int isms_explain_parse(int code, const char *raw, const char *line, size_t len, int *col,
                       char *msg, size_t size);

/* Full-width forms (０-９, ．, －, Ｑ ...) in attributes whose schema type is a number,
 * date, period or time become ASCII, as a workbook's cells do (README "What you
 * may type"): the element n's attributes, and those of every element below it. */
void isms_explain_fold(enum isms_schema which, xmlNode *n);

void isms_explain_free(isms_explain *e);

#endif
