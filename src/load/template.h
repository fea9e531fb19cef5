/* Loading a document template: XML → isms_template (load layer). */
#ifndef ISMS_LOAD_TEMPLATE_H
#define ISMS_LOAD_TEMPLATE_H

#include "model/template.h"

/* Read and validate the template at path (same defences as organisation files).
 * Returns 0 and sets *out, or an ISMS_EXIT_* status after reporting every problem. */
int isms_template_load(const char *path, isms_template **out);

/* The template file of a templated document kind (policy, organisation or objectives
 * procedure): in dir (--templates) when given, else the installed one.  Returns a
 * path to free, or NULL after reporting that none is installed. */
char *isms_template_path(const char *dir, enum isms_doc_kind kind);


#endif
