/* Safe XML reading for the loader: libxml2 with no network, no DTDs or entities,
 * XInclude limited to the input's folder, XSD validation, and every message located
 * in the file that holds the fault.  libxml2 types never leave src/load/. */
#ifndef ISMS_LOAD_XML_H
#define ISMS_LOAD_XML_H

#include <libxml/tree.h>
#include <stddef.h>

#include "base/diag.h"

typedef struct isms_xml isms_xml;

/* Largest input file accepted, in bytes. */
#define ISMS_XML_MAX_FILE (16u * 1024 * 1024)

/* Which built-in schema a document is validated against. */
enum isms_schema { ISMS_SCHEMA_ORGANISATION, ISMS_SCHEMA_TEMPLATE };

/* Read path, process XInclude, validate against the built-in schema.  Every problem
 * is reported through isms_diag.  Returns 0 when the document is valid, else an
 * ISMS_EXIT_* status (DATAERR or NOINPUT).  *out is set whenever parsing got far
 * enough to hold a tree (free it with isms_xml_free). */
int isms_xml_open(isms_xml **out, const char *path, enum isms_schema schema);
xmlNode *isms_xml_root(isms_xml *x);
/* 1 when the schema refused the document but its tree can still be read: it is
 * well-formed, its includes were read and its root is the right element.  Then the
 * semantic checks run too, so that one run reports every fault. */
int isms_xml_checkable(const isms_xml *x);
/* 1 when a check on n would repeat or follow from a schema fault: the schema found
 * n, or one of n's children, at fault, or refused an element n lies in. */
int isms_xml_quiet(const isms_xml *x, const xmlNode *n);
/* Where node (or its attribute attr, when not NULL) is: file, line, column. */
isms_loc isms_xml_loc(isms_xml *x, const xmlNode *node, const char *attr);
/* The files read, main file first (strings owned by x). */
size_t isms_xml_files(isms_xml *x, const char ***files);
void isms_xml_free(isms_xml *x);

/* The built-in schema (xsd/ismspack.xsd compiled into the program). */
extern const unsigned char isms_xsd_data[];
extern const unsigned int isms_xsd_size;
extern const unsigned char isms_template_xsd_data[];
extern const unsigned int isms_template_xsd_size;

#endif
