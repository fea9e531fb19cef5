/* `ismspack new-year` (pack layer): the next year's organisation file. */
#ifndef ISMS_PACK_NEWYEAR_H
#define ISMS_PACK_NEWYEAR_H

/* Write to out the organisation of in for `year` (the year after in's): objectives
 * carried with lastYear set from in's results for the year (src/calc's year-to-date
 * figure at its last period, as the KPI table prints it), measurements empty,
 * milestones moved on, the year attributes updated; documents, revisions, people and
 * reviews (their actions, open or closed, as history) kept.  The result is validated
 * before it is published; out is created (never replaced, never the input) through a
 * temporary file in its folder.  0 ok, else an ISMS_EXIT_* status, nothing written. */
int isms_new_year(const char *in, int year, const char *out);

#endif
