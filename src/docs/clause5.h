/* Shared pieces of the clause 5 leadership documents (docs layer, private): the
 * commitment statement, the appointment letter and the policy communication record
 * each come from a template (templates/commitment.xml …) whose sections are
 * unnumbered blocks and whose clauses are numbered items; each builder supplies its
 * generated parts and its own variables ({effective}, {signer} …). */
#ifndef ISMS_DOCS_CLAUSE5_H
#define ISMS_DOCS_CLAUSE5_H

#include "common.h"
#include "model/template.h"

typedef struct c5 c5;

/* The builder's generated content: kind as written in <generated kind="…"> at where;
 * 0 ok, -1 after reporting (a kind this document has no place for, data that cannot
 * be printed). */
typedef int (*c5_gen)(c5 *c, const char *kind, int depth, const isms_loc *where);
/* The message for a generated kind a document has no place for; returns -1. */
int c5_no_such(c5 *c, const char *kind, const isms_loc *where, const char *known);

struct c5 {
	dctx d;
	isms_template *t;
	enum isms_doc_kind kind;
	int errors;
	int counters[8];
	c5_gen gen;
	/* the organisation's own text replacing the template section with this id */
	const char *own_id;
	isms_text_list own;
	isms_loc own_loc;
	/* the builder's variables, expanded before the shared ones */
	const char *var_name[12];
	isms_text var_value[12];
	size_t nvars;
	/* stretches of the body that are records, not controlled text (marks) */
	size_t body, skip_from[32], skip_to[32];
	size_t nskip;
	const void *data; /* the builder's own state */
};

/* Load the template of this kind (from dir, or the installed templates) and start the
 * document.  0 ok, -2 after reporting (template missing or malformed). */
int c5_open(c5 *c, const isms_docctx *ctx, enum isms_doc_kind kind, const char *dir, c5_gen gen);
/* A builder variable {name}: zh and en values (en NULL: zh). */
void c5_var(c5 *c, const char *name, const char *zh, const char *en);
/* A date as a variable's value: 中華民國114年1月20日 (en = 0) or 20 January 2025. */
const char *c5_date(c5 *c, int en, isms_date x);
/* A paragraph in the document's language(s) at a depth, with a hanging label. */
void c5_para(c5 *c, int depth, const char *lab, const char *zh, const char *en);
/* A right-aligned line in style (a signature, a date): the Chinese, or the English,
 * and under bi the English under it in the lighter face. */
void c5_right(c5 *c, enum isms_style style, const char *zh, const char *en);
/* Template or data text with the builder's and the shared variables expanded. */
const char *c5_expand(c5 *c, const char *text, const isms_loc *loc, int en);
/* Bracket generated content that is a record (data rows) rather than the document's
 * controlled text: it is left out of the text compared across versions. */
void c5_record_begin(c5 *c);
void c5_record_end(c5 *c);
/* Print the page of document control (docs_control_page), the title and the
 * template's sections, and write the PDF (and the controlled text into ctx->text);
 * releases the template.  0 ok, -1 output failure, -2 the template or the data at
 * fault (reported). */
int c5_write(c5 *c, const char *path);

#endif
