/* The next year's organisation as XML (load layer): the input's tree with the year
 * moved on, measurements removed, milestones moved to the new year and each
 * objective's lastYear replaced.  What to put in lastYear is computed by the caller
 * (src/pack/newyear.c, from src/calc); libxml2 stays in src/load. */
#ifndef ISMS_LOAD_NEWYEAR_H
#define ISMS_LOAD_NEWYEAR_H

#include <stddef.h>

#include "base/buf.h"

/* One objective's figure for the year that ends. */
typedef struct isms_ny_value {
	const char *objective;  /* the objective's id */
	const char *last_year;  /* its year's result as lastYear="...", NULL: leave it out */
} isms_ny_value;

/* Read path (XInclude resolved: the result is one file) and write into out the XML
 * of the organisation for `year`.  Every other element, comment and attribute stays
 * as written (documents, revisions, people, reviews and their actions).  0 ok, else
 * an ISMS_EXIT_* status (the faults reported). */
int isms_load_new_year(const char *path, int year, const isms_ny_value *v, size_t n,
                       isms_buf *out);

#endif
