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
	isms_text title;          /* the register's title; English from the builder when the
	                           * register has none, so header and page agree in language */
	int from_register;        /* title is the register's */
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
/* TN on one line under bi (zh, a space, en): for names in narrow cells. */
const char *Tl(dctx *d, isms_text t);
/* A person as name (job title), the name kept together. */
const char *P(dctx *d, const isms_person *p);
/* A date: 中華民國114年4月15日 (zh, bi) or 15 April 2025 (en), kept together. */
const char *D(dctx *d, isms_date date);
/* printf into the scratch arena. */
const char *F(dctx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The document's title as it names itself: the register's title when the document is
 * in the register (zh, en are the builder's own, used otherwise; a form passing its
 * zh letter-spaced gets the register's title letter-spaced too); under bi the English
 * follows in the secondary style. */
void docs_title(dctx *d, const char *zh, const char *en);
/* A shaded, bold, centred header cell. */
void docs_head_cell(isms_table *t, const char *text, int colspan, int rowspan);
/* The document-control page of the register's document of that kind (title when the
 * register has none): the organisation, the document's class, number, title, issuing
 * unit, date and version, the approval box (訂修廢單位 / 審查 / 核准, from the register)
 * and the revision history.  full: a template document's cover, its approval cells
 * marked for visible signatures, then on a page of its own the revision history and
 * the table of contents; else the one compact page of a clause 5 document. */
void docs_control_page(dctx *d, enum isms_doc_kind kind, isms_text title, int full);
/* A body paragraph at indent in the document's language(s), the label hanging on it;
 * under bi the English follows in the secondary style, aligned after the label. */
void docs_para(dctx *d, double indent, const char *lab, const char *zh, const char *en);
/* A heading at level in the document's language(s) (under bi: zh　en). */
void docs_heading(dctx *d, int level, const char *lab, const char *zh, const char *en);
/* The date of c->when. */
isms_date docs_today(const isms_docctx *c);
/* The period in words: 114年第4季 / 2025 Q4, 114年5月 / May 2025. */
const char *docs_period(dctx *d, isms_period p);
/* A number with the objective's unit (95%, 3.5 小時, 2 人) at dp decimals. */
const char *docs_num(dctx *d, const isms_objective *o, double v, int dp);
/* A verdict's figure at the decimals that keep it in agreement with the verdict. */
const char *docs_figure(dctx *d, const isms_objective *o, const isms_verdict *v);
/* What a verdict was judged against: "≥ 6 項（全年 12 項）". */
const char *docs_basis(dctx *d, const isms_objective *o, const isms_verdict *v);
/* The yearly target and last year's figure, as written in the data ("—" when none). */
const char *docs_target(dctx *d, const isms_objective *o);
const char *docs_last_year(dctx *d, const isms_objective *o);
/* 達成 / Achieved ... in the document's language. */
const char *docs_status(dctx *d, enum isms_status s);
/* The organisation's own title of the role that approves objectives (the
 * committee chair: 資安長 ...); 資通安全長 / CISO when the data has none. */
isms_text docs_ciso(const isms_org *o);
/* A quarter's explanations (comments = 0) or reviewer's comments (1): a quarterly
 * objective's own; every month of a monthly one, labelled (7月：…), a month without
 * data as 8月無資料, 0 of 0 as nothing to measure. */
const char *docs_quarter_notes(dctx *d, const isms_quarter_view *q, int comments);
/* How many objectives were achieved, missed, without data or not yet due, by each
 * of the two verdicts, each under its label. */
const char *docs_tally(dctx *d, const isms_results *r);
/* The objective's responsible units: 人資部、資安處. */
const char *docs_units(dctx *d, const isms_objective *o);

#endif
