/* The commented skeleton of a new organisation's XML (`ismspack init`). */
#ifndef ISMS_MODEL_SKELETON_H
#define ISMS_MODEL_SKELETON_H

struct isms_buf;

/* Append the skeleton for kind (agency, school or company) and year to out.
 * Returns 0, or -1 for an unknown kind. */
int isms_skeleton(const char *kind, int year, struct isms_buf *out);

#endif
