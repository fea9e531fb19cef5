/* Loading a document template: XML → isms_template (load layer). */
#ifndef ISMS_LOAD_TEMPLATE_H
#define ISMS_LOAD_TEMPLATE_H

#include "model/template.h"

/* Read and validate the template at path (same defences as organisation files).
 * Returns 0 and sets *out, or an ISMS_EXIT_* status after reporting every problem. */
int isms_template_load(const char *path, isms_template **out);

#endif
