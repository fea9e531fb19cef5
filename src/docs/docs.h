/* Document builders (docs layer): one file per document kind, each turning the
 * model and the computation into a document tree, typeset into a PDF. */
#ifndef ISMS_DOCS_H
#define ISMS_DOCS_H

#include <time.h>

#include "calc/calc.h"
#include "model/model.h"

typedef struct isms_docctx {
	const isms_org *org;
	const isms_results *res;  /* objectives at the report period */
	isms_period period;
	const char *lang;         /* zh, en or bi */
	time_t when;              /* the date stamped on documents */
} isms_docctx;

/* Each writes one PDF at path; 0 ok, -1 after reporting. */
int isms_docs_target_form(const isms_docctx *c, const char *path);
int isms_docs_review_form(const isms_docctx *c, const char *path);
int isms_docs_kpi_table(const isms_docctx *c, const char *path);
int isms_docs_minutes(const isms_docctx *c, const char *path);
int isms_docs_soa(const isms_docctx *c, const char *path);

#endif
