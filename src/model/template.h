/* A document template in memory (model layer): clauses with bilingual text that
 * still holds {variables}, conditions, generated-content markers, default duties
 * and flowchart steps.  Built by src/load/template.c; filled by src/docs/. */
#ifndef ISMS_TEMPLATE_H
#define ISMS_TEMPLATE_H

#include "model/model.h"

/* Inline markup inside template text: bold runs are bracketed by these bytes. */
#define ISMS_TPL_BOLD_ON '\x02'
#define ISMS_TPL_BOLD_OFF '\x03'

typedef struct isms_tpl_text {
	const char *zh, *en;   /* NULL when absent */
	isms_loc zh_loc, en_loc;
} isms_tpl_text;

enum isms_tpl_kind { ISMS_TPL_CLAUSE, ISMS_TPL_PARA, ISMS_TPL_GENERATED };

/* Bits of isms_org_kind for when/unless masks. */
#define ISMS_TPL_KIND_BIT(k) (1u << (k))

typedef struct isms_tpl_node {
	enum isms_tpl_kind kind;
	const char *id;           /* may be NULL */
	unsigned when, unless;    /* masks of organisation kinds; 0 = no condition */
	const char *sectors;      /* space-separated, NULL = any sector */
	isms_tpl_text text;       /* clause heading (may be empty) or paragraph text */
	const char *generated;    /* kind of generated content */
	struct isms_tpl_node *children;
	size_t nchildren;
	isms_loc loc;
} isms_tpl_node;

typedef struct isms_tpl_duties {
	enum isms_body_kind body;
	int role;                 /* enum isms_role_kind, or -1 for the body itself */
	isms_tpl_text *duties;
	size_t n;
} isms_tpl_duties;

typedef struct isms_tpl_step {
	isms_tpl_text name, by, form;  /* form.zh NULL when none */
	int decision;
	int back;                 /* 1-based step a "no" goes back to; 0 = none */
} isms_tpl_step;

typedef struct isms_template {
	isms_arena *arena;
	const char *file;
	enum isms_doc_kind kind;
	int chinese_numbering;    /* 壹、一、(一)… instead of 1 / 1.1 / 1.1.1 */
	isms_tpl_text title;
	isms_tpl_duties *defaults;
	size_t ndefaults;
	isms_tpl_step *steps;
	size_t nsteps;
	isms_tpl_node *sections;
	size_t nsections;
} isms_template;

/* Releases a template; accepts NULL. */
void isms_template_free(isms_template *t);
/* 1 when the node's conditions hold for this organisation. */
int isms_tpl_applies(const isms_tpl_node *n, const isms_org *org);

#endif
