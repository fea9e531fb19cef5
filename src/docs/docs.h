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
	struct isms_buf *text;    /* templated documents: receives the body's plain text
	                           * (isms_doc_text) when not NULL */
} isms_docctx;

/* One row of an amendment table (修正對照表): a clause as amended and as it
 * stands, and the note saying what changed. */
typedef struct isms_amend_row {
	const char *new_text, *old_text, *note;
} isms_amend_row;

/* The amendments of one controlled document between two versions. */
typedef struct isms_amendment {
	const isms_document *reg;  /* the register entry (title, number, new version) */
	const char *file;          /* the pack file, for documents without an entry */
	const char *old_version;
	const isms_amend_row *rows;
	size_t nrows;
} isms_amendment;

/* 修正對照表: for each amended document, the three-column table 修正條文 │ 現行條文 │
 * 說明, clause by clause.  0 ok, -1 after reporting. */
int isms_docs_amendments(const isms_docctx *c, const isms_amendment *a, size_t n,
                         const char *path);

/* One line of the pack's index. */
typedef struct isms_index_entry {
	const char *file;
	const char *number, *version;  /* from the register; NULL for workbooks etc. */
	isms_text title;
	int pages;                     /* -1 when not a PDF */
	char sha256[65];
} isms_index_entry;

/* Each writes one PDF at path; 0 ok, -1 after reporting. */
int isms_docs_target_form(const isms_docctx *c, const char *path);
int isms_docs_review_form(const isms_docctx *c, const char *path);
int isms_docs_kpi_table(const isms_docctx *c, const char *path);
int isms_docs_minutes(const isms_docctx *c, const char *path);
int isms_docs_soa(const isms_docctx *c, const char *path);
/* The pack's index: cover and the list of files. */
int isms_docs_index(const isms_docctx *c, const isms_index_entry *e, size_t n, const char *path);
/* A templated document (policy, organisation or objectives procedure) from
 * templates_dir (NULL: the installed templates).  0 ok; -1 output failure; -2 the
 * template is malformed or names a variable the data lacks (reported with the
 * template's file:line). */
/* Checks the organisation's custom clauses against the templates a build uses (dir as
 * --templates, NULL for the installed ones): the ids they name (isms_tpl_check_custom)
 * and the variables in their text, reported where they are.  What `validate` runs so
 * that it refuses what `build` would.  Returns 0 or an ISMS_EXIT_* status. */
int isms_docs_check_custom(const isms_org *org, const char *dir);
int isms_docs_templated(const isms_docctx *c, enum isms_doc_kind kind, const char *templates_dir,
                        const char *path);

/* The clause 5 leadership documents, from templates_dir (NULL: the installed
 * templates) and the organisation's <leadership>: the commitment statement, the
 * appointment letter, the policy communication record (up to the period's end).
 * 0 ok; -1 output failure; -2 the template or the data at fault (reported). */
int isms_docs_commitment(const isms_docctx *c, const char *templates_dir, const char *path);
int isms_docs_appointments(const isms_docctx *c, const char *templates_dir, const char *path);
int isms_docs_policy_communication(const isms_docctx *c, const char *templates_dir,
                                   const char *path);

#endif
