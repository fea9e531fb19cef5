/* Template variables: {self}, {committee}, {doc:policy} ... resolved from the
 * organisation's data (docs layer; pure). */
#ifndef ISMS_DOCS_VARS_H
#define ISMS_DOCS_VARS_H

#include "base/buf.h"
#include "model/model.h"

/* Expand every {name} in text (zh when en is 0, else en) for a document of kind
 * `doc` into out.  An unknown variable, or one the data cannot provide, is
 * reported at `where` (the template's file:line) and makes the call return -1;
 * out then holds the text with the variable left as written. */
int isms_vars_expand(const isms_org *org, enum isms_doc_kind doc, int en, const char *text,
                     const isms_loc *where, isms_buf *out);

/* The organisation's self-reference: 本所/本校/本公司, the Office/… (capital when
 * cap).  From the kind. */
const char *isms_vars_self(const isms_org *org, int en, int cap);
/* 每年至少一次 / at least once a year, 每年至少二次 / at least twice a year … */
void isms_vars_frequency(int per_year, int en, isms_buf *out);
/* 每年 / every year, 每六個月 / every 6 months … */
void isms_vars_interval(int months, int en, isms_buf *out);

#endif
