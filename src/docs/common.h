/* Shared pieces of the document builders (docs layer, private): labels in the
 * chosen language, the document-control header from the register, ROC dates. */
#ifndef ISMS_DOCS_COMMON_H
#define ISMS_DOCS_COMMON_H

#include "docs/docs.h"
#include "typeset/tree.h"

typedef struct dctx {
	const isms_docctx *c;
	isms_doc *doc;
	isms_arena *a;            /* scratch strings for this document */
	int en, bi;
} dctx;

/* Start a document of the register's kind (its number, title, classification and
 * version go into the running header).  title_zh/en are used when the register
 * has no such document. */
void docs_begin(dctx *d, const isms_docctx *c, enum isms_doc_kind kind, const char *title_zh,
                const char *title_en);
/* Typeset and write; frees the document.  0 ok, -1 after reporting. */
int docs_finish(dctx *d, const char *path);
/* A label in the document's language: zh, en, or "zh\nen" (sep '\n') under bi. */
const char *L(dctx *d, const char *zh, const char *en);
/* The same with a space instead of a line break under bi (for running text). */
const char *Ls(dctx *d, const char *zh, const char *en);
/* A bilingual value: zh, en (falling back to zh), or zh + newline + en under bi. */
const char *T(dctx *d, isms_text t);
/* s as one keep-together span (a person's or a unit's name, a date): the
 * typesetter never breaks or hyphenates inside it unless it is wider than the
 * line.  "" for NULL. */
const char *N(dctx *d, const char *s);
/* T for a name: each language's part kept together. */
const char *TN(dctx *d, isms_text t);
/* A person as name (job title), the name kept together. */
const char *P(dctx *d, const isms_person *p);
/* A date: 中華民國114年4月15日 (zh, bi) or 15 April 2025 (en), kept together. */
const char *D(dctx *d, isms_date date);
/* printf into the scratch arena. */
const char *F(dctx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The document's title: zh (letter-spaced forms pass it spaced) or en; under bi the
 * English follows in the secondary style. */
void docs_title(dctx *d, const char *zh, const char *en);
/* A shaded, bold, centred header cell. */
void docs_head_cell(isms_table *t, const char *text, int colspan, int rowspan);
/* The date of c->when. */
isms_date docs_today(const isms_docctx *c);
/* The period in words: 114年第4季 / 2025 Q4, 114年5月 / May 2025. */
const char *docs_period(dctx *d, isms_period p);
/* A value with its unit (95%, 3.5 小時) in the document's language. */
const char *docs_value(dctx *d, double v, enum isms_measure_unit u);

#endif
