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

/* A list's items are ITEM nodes (text; children: the item's sub-lists); a table's
 * children are ROW nodes whose children are PARA cells (the first row may be the
 * header: head = 1). */
enum isms_tpl_kind {
	ISMS_TPL_CLAUSE, ISMS_TPL_PARA, ISMS_TPL_GENERATED,
	ISMS_TPL_LIST, ISMS_TPL_ITEM, ISMS_TPL_TABLE, ISMS_TPL_ROW
};

/* Bits of isms_org_kind for when/unless masks. */
#define ISMS_TPL_KIND_BIT(k) (1u << (k))

typedef struct isms_tpl_node {
	enum isms_tpl_kind kind;
	const char *id;           /* may be NULL */
	unsigned when, unless;    /* masks of organisation kinds; 0 = no condition */
	const char *sectors;      /* space-separated, NULL = any sector */
	isms_tpl_text text;       /* clause heading (may be empty) or paragraph text */
	const char *generated;    /* kind of generated content */
	int numbered;             /* LIST: items numbered by the document's scheme (else bullets) */
	int head;                 /* ROW: the table's header row */
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

/* The deepest level a clause may reach (1 = section): the Chinese scheme has nine
 * (壹、 一、 (一) 1. (1) A. (A) a. (a)), and the decimal scheme is held to the same. */
#define ISMS_TPL_MAX_DEPTH 9

/* Releases a template; accepts NULL. */
void isms_template_free(isms_template *t);
/* 1 when the node's conditions hold for this organisation. */
int isms_tpl_applies(const isms_tpl_node *n, const isms_org *org);

/* The node with that id among the nodes that apply to org (conditions held all the
 * way down), or NULL; *depth gets its clause depth (1 = section; a paragraph, list or
 * generated part has its clause's depth).  When no applying node has the id but one
 * that does not apply has it, *excluded points at that one (else NULL). */
const isms_tpl_node *isms_tpl_find(const isms_template *t, const isms_org *org, const char *id,
                                   int *depth, const isms_tpl_node **excluded);

/* Checks the organisation's custom clauses for template t's document kind: each
 * clause id named by replace, after or remove exists in t and applies to org (an
 * unknown id is reported at the custom clause with the nearest ids of the template),
 * no id is removed or replaced twice, and a custom clause's sub-clauses stay within
 * ISMS_TPL_MAX_DEPTH.  Returns the number of errors reported. */
int isms_tpl_check_custom(const isms_template *t, const isms_org *org);

#endif
