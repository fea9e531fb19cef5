/* Documents from bilingual templates (docs layer): the policy, the organisation
 * procedure and the objectives procedure.  A template (a file in templates/) gives the
 * structure and the text with {variables} and conditions; this file numbers it
 * (decimal or 壹、一、(一)…), applies the organisation's own clauses, fills the
 * generated parts (bodies, duties, agenda, org chart, member tables, flowchart,
 * records, references, forms) and adds the cover, the revision history and the
 * table of contents. */
#include "common.h"
#include "vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/template.h"
#include "typeset/pages.h"

typedef struct tctx {
	dctx d;
	const isms_template *t;
	enum isms_doc_kind kind;
	int errors;
	int counters[ISMS_TPL_MAX_DEPTH + 8];
} tctx;

#define NCOUNTERS (int)(sizeof ((tctx *)0)->counters / sizeof (int))

static const char *const cn_big[] = {"壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖", "拾",
	"拾壹", "拾貳", "拾參", "拾肆", "拾伍"};
static const char *const cn_small[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"};

/* The label of the clause at depth (1 = section) given the counters. */
static const char *
label(tctx *c, int depth)
{
	dctx *d = &c->d;
	int n = c->counters[depth];
	if (!c->t->chinese_numbering || d->en) {
		const char *s = "";
		for (int k = 1; k <= depth; k++)
			s = F(d, "%s%s%d", s, k > 1 ? "." : "", c->counters[k]);
		return depth == 1 ? F(d, "%s.", s) : s;
	}
	switch (depth) {
	case 1: return F(d, "%s、", n <= 15 ? cn_big[n - 1] : "拾");
	case 2: return F(d, "%s、", n <= 20 ? cn_small[n - 1] : "廿");
	case 3: return F(d, "(%s)", n <= 20 ? cn_small[n - 1] : "廿");
	case 4: return F(d, "%d.", n);
	case 5: return F(d, "(%d)", n);
	case 6: return F(d, "%c.", 'A' + (n - 1) % 26);
	case 7: return F(d, "(%c)", 'A' + (n - 1) % 26);
	case 8: return F(d, "%c.", 'a' + (n - 1) % 26);
	default: return F(d, "(%c)", 'a' + (n - 1) % 26);
	}
}

/* Expand variables of one language's text; errors are reported at the text's line. */
static const char *
expand(tctx *c, const char *text, const isms_loc *loc, int en)
{
	if (!text)
		return NULL;
	isms_buf b = {0};
	if (isms_vars_expand(c->d.c->org, c->kind, en, text, loc, &b) < 0)
		c->errors++;
	const char *s = isms_arena_strdup(c->d.a, b.data ? b.data : "");
	isms_buf_free(&b);
	return s;
}

static double
indent_of(tctx *c, int depth)
{
	return c->t->chinese_numbering ? (depth > 2 ? (depth - 2) * 14.0 : 0) : (depth > 3 ? 12.0 : 0);
}

/* A paragraph in the document's language(s); label hangs on the first. */
static void
para2(tctx *c, int depth, const char *lab, const char *zh, const char *en)
{
	docs_para(&c->d, indent_of(c, depth), lab, zh, en);
}

static void
para(tctx *c, int depth, const char *lab, const isms_tpl_text *t)
{
	const char *zh = expand(c, t->zh, &t->zh_loc, 0);
	const char *en = c->d.en || c->d.bi ? expand(c, t->en, &t->en_loc, 1) : NULL;
	para2(c, depth, lab, zh, en);
}

static void
heading(tctx *c, int depth, const char *lab, const char *zh, const char *en)
{
	docs_heading(&c->d, depth > 4 ? 4 : depth, lab, zh, en);
}

static void generated(tctx *c, int depth, const char *kind);
static void node(tctx *c, const isms_tpl_node *n, int depth);
static void clause(tctx *c, const isms_tpl_node *n, int depth);

/* The next number at depth: deeper counters start again. */
static const char *
next_label(tctx *c, int depth)
{
	c->counters[depth]++;
	for (int j = depth + 1; j < NCOUNTERS; j++)
		c->counters[j] = 0;
	return label(c, depth);
}

/* A list's items at depth: numbered by the document's scheme (from 1, whatever came
 * before at that depth, which resumes after the list), or bulleted; an item's own
 * list one level down. */
static void
list(tctx *c, const isms_tpl_node *n, int depth)
{
	const isms_org *o = c->d.c->org;
	int saved = c->counters[depth];
	c->counters[depth] = 0;
	for (size_t i = 0; i < n->nchildren; i++) {
		const isms_tpl_node *it = &n->children[i];
		if (!isms_tpl_applies(it, o))
			continue;
		para(c, depth, n->numbered ? next_label(c, depth) : "•", &it->text);
		for (size_t j = 0; j < it->nchildren; j++)
			if (isms_tpl_applies(&it->children[j], o))
				list(c, &it->children[j], depth + 1);
	}
	c->counters[depth] = saved;
}

/* A simple table: equal columns, the header row shaded; cells in the document's
 * language(s), variables expanded. */
static void
table(tctx *c, const isms_tpl_node *n)
{
	dctx *d = &c->d;
	if (!n->nchildren)
		return;
	int cols = (int)n->children[0].nchildren;
	isms_table *t = isms_doc_table(d->doc, cols, NULL, n->children[0].head ? 1 : 0);
	for (size_t r = 0; r < n->nchildren; r++) {
		const isms_tpl_node *row = &n->children[r];
		isms_table_row(t);
		for (size_t k = 0; k < row->nchildren; k++) {
			const isms_tpl_text *x = &row->children[k].text;
			const char *zh = expand(c, x->zh, &x->zh_loc, 0);
			const char *en = d->en || d->bi ? expand(c, x->en, &x->en_loc, 1) : NULL;
			isms_table_cell(t, T(d, (isms_text){zh, en}), 1, 1, row->head ? ISMS_CENTER : ISMS_LEFT);
			if (row->head)
				isms_table_shade(t, 0.9, 1);
		}
	}
}

/* The organisation's custom clauses naming id: how = 'r' (replace), 'a' (after) or
 * 'x' (remove); the first one, or with after, the one after `from`. */
static const isms_custom_clause *
custom(tctx *c, const char *id, char how, const isms_custom_clause *from)
{
	const isms_org *o = c->d.c->org;
	if (!id)
		return NULL;
	size_t i = from ? (size_t)(from - o->clauses) + 1 : 0;
	for (; i < o->nclauses; i++) {
		const isms_custom_clause *k = &o->clauses[i];
		const char *kid = how == 'r' ? k->replace : how == 'a' ? k->after : k->remove;
		if (k->document == c->kind && kid && !strcmp(kid, id))
			return k;
	}
	return NULL;
}

/* 1 when node n prints something for this organisation: it applies and is not
 * removed without a replacement or a clause after it; a clause without a heading
 * only when something of it is kept; a list only with an item that applies. */
static int
kept(tctx *c, const isms_tpl_node *n)
{
	const isms_org *o = c->d.c->org;
	if (!isms_tpl_applies(n, o))
		return 0;
	if (custom(c, n->id, 'r', NULL) || custom(c, n->id, 'a', NULL))
		return 1;
	if (custom(c, n->id, 'x', NULL))
		return 0;
	if ((n->kind == ISMS_TPL_CLAUSE && !n->text.zh) || n->kind == ISMS_TPL_LIST) {
		for (size_t i = 0; i < n->nchildren; i++)
			if (n->kind == ISMS_TPL_LIST ? isms_tpl_applies(&n->children[i], o) : kept(c, &n->children[i]))
				return 1;
		return 0;
	}
	return 1;
}

/* The organisation's clauses placed after node n (at the depth of a sub-clause). */
static void
afters(tctx *c, const isms_tpl_node *n, int at)
{
	for (const isms_custom_clause *aft = custom(c, n->id, 'a', NULL); aft; aft = custom(c, n->id, 'a', aft))
		clause(c, aft->body, at);
}

/* A clause: its number on the heading, or when it has none on its first paragraph
 * that is kept; a clause without a heading of which nothing is kept is left out
 * and takes no number. */
static void
clause(tctx *c, const isms_tpl_node *n, int depth)
{
	size_t first = n->nchildren;
	if (!n->text.zh) {
		for (first = 0; first < n->nchildren && !kept(c, &n->children[first]); first++)
			;
		if (first == n->nchildren)
			return;
	}
	const char *lab = next_label(c, depth);
	const isms_tpl_node *f = first < n->nchildren ? &n->children[first] : NULL;
	if (n->text.zh) {
		heading(c, depth, lab, expand(c, n->text.zh, &n->text.zh_loc, 0),
		        c->d.en || c->d.bi ? expand(c, n->text.en, &n->text.en_loc, 1) : NULL);
	} else if (f->kind == ISMS_TPL_PARA && !custom(c, f->id, 'r', NULL) && !custom(c, f->id, 'x', NULL)) {
		/* a clause without a heading: its first kept paragraph carries the number */
		para(c, depth, lab, &f->text);
		afters(c, f, depth + 1);
	} else {
		para2(c, depth, lab, "", "");
		f = NULL;
	}
	for (size_t i = 0; i < n->nchildren; i++) {
		const isms_tpl_node *k = &n->children[i];
		if (k != f)
			node(c, k, k->kind == ISMS_TPL_CLAUSE ? depth + 1 : depth);
	}
}

static void
node(tctx *c, const isms_tpl_node *n, int depth)
{
	const isms_org *o = c->d.c->org;
	if (!isms_tpl_applies(n, o))
		return;
	/* an organisation's clause in place of, or after, a paragraph or a generated part
	 * is a sub-clause of the clause that holds it */
	int at = n->kind == ISMS_TPL_CLAUSE ? depth : depth + 1;
	const isms_custom_clause *rep = custom(c, n->id, 'r', NULL);
	if (rep)
		clause(c, rep->body, at);
	else if (custom(c, n->id, 'x', NULL))
		; /* left out; the reason is in the document text (02-document-text.txt) */
	else if (n->kind == ISMS_TPL_PARA)
		para(c, depth, NULL, &n->text);
	else if (n->kind == ISMS_TPL_GENERATED)
		generated(c, depth, n->generated);
	else if (n->kind == ISMS_TPL_LIST)
		list(c, n, depth + 1);
	else if (n->kind == ISMS_TPL_TABLE)
		table(c, n);
	else
		clause(c, n, depth);
	afters(c, n, at);
}

/* ---------- generated content ---------- */

static isms_text
tt(const isms_tpl_text *t)
{
	return (isms_text){t->zh, t->en};
}

static const isms_tpl_duties *
defaults(tctx *c, enum isms_body_kind b, int role)
{
	for (size_t i = 0; i < c->t->ndefaults; i++)
		if (c->t->defaults[i].body == b && c->t->defaults[i].role == role)
			return &c->t->defaults[i];
	return NULL;
}

static void
duty_list(tctx *c, int depth, isms_text_list own, const isms_tpl_duties *def)
{
	if (own.n) {
		for (size_t i = 0; i < own.n; i++) {
			c->counters[depth]++;
			para2(c, depth, label(c, depth), own.v[i].zh, own.v[i].en);
		}
	} else if (def) {
		for (size_t i = 0; i < def->n; i++) {
			c->counters[depth]++;
			para(c, depth, label(c, depth), &def->duties[i]);
		}
	}
	c->counters[depth] = 0;
}

static const char *
role_holders(tctx *c, const isms_body *b, enum isms_role_kind k, int *count)
{
	dctx *d = &c->d;
	const char *s = "";
	*count = 0;
	for (size_t i = 0; i < b->nroles; i++) {
		if (b->roles[i].kind != k)
			continue;
		const isms_person *p = b->roles[i].person;
		s = F(d, "%s%s%s", s, (*count)++ ? (d->en ? ", " : "、") : "",
		      d->en ? F(d, "%s, %s", N(d, p->name.en ? p->name.en : p->name.zh), p->job_title.en ? p->job_title.en : p->job_title.zh)
		            : F(d, "%s%s", p->job_title.zh, N(d, p->name.zh)));
	}
	return s;
}

/* The sentence that sets a body up, when the data does not give the organisation's
 * own: under whom, on what basis, for what. */
static isms_text
establishment(tctx *c, const isms_body *b)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	const char *self = isms_vars_self(o, 0, 0), *Self = isms_vars_self(o, 1, 1);
	const char *name_en = b->name.en ? b->name.en : b->name.zh;
	const char *bz = b->basis.zh ? F(d, "依%s之規定，", b->basis.zh) : "";
	const char *be = b->basis.zh ? F(d, "Under %s, ", b->basis.en ? b->basis.en : b->basis.zh) : "";
	if (!b->parent) {
		return (isms_text){F(d, "%s%s設置跨單位之「%s」，負責資訊安全政策之制定及決策，並統籌資訊安全管理事項之協調及推動。",
		                     bz, self, b->name.zh),
		                   F(d, "%s%s has a cross-unit %s, which sets the security policy, takes its decisions, "
		                     "and coordinates and drives information security management.", be,
		                     *be ? isms_vars_self(o, 1, 0) : Self, name_en)};
	}
	const isms_text *abbr = b->abbreviation.zh ? &b->abbreviation : NULL;
	const char *what_zh = b->kind == ISMS_BODY_AUDIT ? "辦理資訊安全稽核作業" : "執行資訊安全相關作業";
	const char *what_en = b->kind == ISMS_BODY_AUDIT ? "carry out the security audits" : "carry out the security work";
	const char *pen = b->parent->name.en ? b->parent->name.en : b->parent->name.zh;
	return (isms_text){F(d, "%s於「%s」下設置「%s」%s，以%s。", bz, b->parent->name.zh, b->name.zh,
	                     abbr ? F(d, "（以下簡稱%s）", abbr->zh) : "", what_zh),
	                   F(d, "%s%s %s has under it the %s%s to %s.", be, *be ? "the" : "The", pen, name_en,
	                     abbr ? F(d, " (the %s)", abbr->en ? abbr->en : abbr->zh) : "", what_en)};
}

/* Who holds each role, when the data does not say how the body is staffed. */
static isms_text
appointment(tctx *c, const isms_body *b)
{
	dctx *d = &c->d;
	const char *zh = "", *en = "";
	static const enum isms_role_kind order[] = {ISMS_ROLE_CHAIR, ISMS_ROLE_VICE_CHAIR,
		ISMS_ROLE_SECRETARY, ISMS_ROLE_LEADER, ISMS_ROLE_OFFICER, ISMS_ROLE_MEMBER};
	for (size_t k = 0; k < 6; k++) {
		int n;
		const char *who = role_holders(c, b, order[k], &n);
		if (!n)
			continue;
		isms_role probe = {.kind = order[k]};
		isms_text title = isms_body_role(b, order[k]) ? isms_role_title(b, isms_body_role(b, order[k]))
		                                              : isms_role_title(b, &probe);
		if (order[k] == ISMS_ROLE_MEMBER) {
			zh = F(d, "%s%s %d 人（%s）；", zh, title.zh, n, who);
			en = F(d, "%s%d %s%s (%s); ", en, n, title.en ? title.en : title.zh, n > 1 ? "s" : "", who);
		} else {
			zh = F(d, "%s置%s，由%s擔任；", zh, title.zh, who);
			en = F(d, "%sthe %s is %s; ", en, title.en ? title.en : title.zh, who);
		}
	}
	size_t zl = strlen(zh);
	if (zl >= 3 && !strcmp(zh + zl - 3, "；"))
		zh = F(d, "%.*s。", (int)(zl - 3), zh);
	size_t el = strlen(en);
	if (el >= 2)
		en = F(d, "%c%.*s.", en[0] == 't' ? 'T' : en[0], (int)(el - 3), en + 1);
	return (isms_text){zh, en};
}

/* Each body under its own number: how it is set up, how it is staffed (the
 * organisation's words, else from the names and roles), and for the top body where
 * the annexes show the structure and the members (seed 001 伍、一、(一)). */
static void
gen_bodies(tctx *c, int depth)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	for (size_t i = 0; i < o->nbodies; i++) {
		const isms_body *b = &o->bodies[i];
		heading(c, depth, next_label(c, depth), b->name.zh, d->en || d->bi ? b->name.en : NULL);
		isms_text est = b->establishment.zh ? b->establishment : establishment(c, b);
		isms_text app = b->appointment.zh ? b->appointment : appointment(c, b);
		para2(c, depth + 1, next_label(c, depth + 1), est.zh, est.en);
		para2(c, depth + 1, next_label(c, depth + 1), app.zh, app.en);
		if (!b->parent) {
			const char *en = b->name.en ? b->name.en : b->name.zh;
			para2(c, depth + 1, next_label(c, depth + 1),
			      F(d, "%s之組織架構如附件一；各組織之成員如附件二。", b->name.zh),
			      F(d, "Annex 1 shows the structure of the %s; Annex 2 lists the members of each body.", en));
		}
	}
	c->counters[depth] = 0;
}

static void
gen_duties(tctx *c, int depth)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	for (size_t i = 0; i < o->nbodies; i++) {
		const isms_body *b = &o->bodies[i];
		c->counters[depth]++;
		for (int j = depth + 1; j < NCOUNTERS; j++)
			c->counters[j] = 0;
		heading(c, depth, label(c, depth), b->name.zh, b->name.en);
		/* the body itself, then each kind of role it has */
		c->counters[depth + 1]++;
		heading(c, depth + 1, label(c, depth + 1), F(d, "%s職掌", b->abbreviation.zh ? b->abbreviation.zh : b->name.zh),
		        F(d, "Duties of the %s", b->abbreviation.en ? b->abbreviation.en : b->name.en ? b->name.en : b->name.zh));
		duty_list(c, depth + 2, b->duties, defaults(c, b->kind, -1));
		static const enum isms_role_kind order[] = {ISMS_ROLE_CHAIR, ISMS_ROLE_VICE_CHAIR,
			ISMS_ROLE_SECRETARY, ISMS_ROLE_LEADER, ISMS_ROLE_OFFICER, ISMS_ROLE_MEMBER};
		for (size_t k = 0; k < 6; k++) {
			const isms_role *r = isms_body_role(b, order[k]);
			if (!r)
				continue;
			const isms_tpl_duties *def = defaults(c, b->kind, (int)order[k]);
			if (!r->duties.n && !def)
				continue;
			/* the duties' own heading where the data gives one (seed 001: 組長 over
			 * the member table's ISMS 執行小組組長) */
			isms_text title = isms_role_duty_heading(b, r);
			c->counters[depth + 1]++;
			heading(c, depth + 1, label(c, depth + 1), title.zh, title.en);
			duty_list(c, depth + 2, r->duties, def);
		}
		c->counters[depth + 1] = 0;
	}
	c->counters[depth] = 0;
}

/* The management review agenda: the committee's own (items with sub-items), else the
 * ISO/IEC 27001:2022 9.3.2 inputs, the performance feedback with its four trends. */
static void
gen_agenda(tctx *c, int depth)
{
	static const char *const items[][2] = {
		{"過往管理審查議案之處理狀態。", "The status of actions from previous management reviews."},
		{"與資訊安全管理系統有關之內部及外部議題的變更。", "Changes in external and internal issues relevant to the ISMS."},
		{"與資訊安全管理系統有關之利害關係者需要及期望的變更。", "Changes in the needs and expectations of interested parties relevant to the ISMS."},
		{"資訊安全績效之回饋，包括下列事項之趨勢：", "Feedback on information security performance, including trends in:"},
		{"利害關係者之回饋。", "Feedback from interested parties."},
		{"風險評鑑結果及風險處理計畫之狀態。", "Results of risk assessment and the status of the risk treatment plan."},
		{"持續改善之機會。", "Opportunities for continual improvement."},
	};
	static const char *const trends[][2] = {
		{"不符合事項及矯正措施。", "nonconformities and corrective actions;"},
		{"監督及量測結果。", "monitoring and measurement results;"},
		{"稽核結果。", "audit results;"},
		{"資訊安全目標之達成情形。", "the fulfilment of information security objectives."},
	};
	const isms_body *com = isms_org_body_of_kind(c->d.c->org, ISMS_BODY_COMMITTEE);
	if (com && com->nagenda) {
		for (size_t i = 0; i < com->nagenda; i++) {
			const isms_agenda_item *a = &com->agenda[i];
			para2(c, depth, next_label(c, depth), a->text.zh, a->text.en);
			for (size_t k = 0; k < a->sub.n; k++)
				para2(c, depth + 1, next_label(c, depth + 1), a->sub.v[k].zh, a->sub.v[k].en);
		}
	} else {
		for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
			para2(c, depth, next_label(c, depth), items[i][0], items[i][1]);
			for (size_t k = 0; i == 3 && k < sizeof trends / sizeof *trends; k++)
				para2(c, depth + 1, next_label(c, depth + 1), trends[k][0], trends[k][1]);
		}
	}
	c->counters[depth] = 0;
}

/* A role as the 權責 clause names it: its own title, or the team's name with its
 * role (ISMS 執行小組組長). */
static isms_text
role_full(tctx *c, const isms_body *b, const isms_role *r)
{
	dctx *d = &c->d;
	if (r->title.zh || (r->kind != ISMS_ROLE_LEADER && r->kind != ISMS_ROLE_MEMBER))
		return isms_role_title(b, r);
	const isms_text *n = b->abbreviation.zh ? &b->abbreviation : &b->name;
	const char *en = n->en ? n->en : n->zh;
	return r->kind == ISMS_ROLE_LEADER ? (isms_text){F(d, "%s組長", n->zh), F(d, "leader of the %s", en)}
	                                  : (isms_text){F(d, "%s組員", n->zh), F(d, "members of the %s", en)};
}

/* 權責: the roles the data names as reviewers of this document (reviews="..."). */
static void
gen_reviewers(tctx *c, int depth)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	for (size_t i = 0; i < o->nbodies; i++) {
		const isms_body *b = &o->bodies[i];
		for (size_t k = 0; k < b->nroles; k++) {
			const isms_role *r = &b->roles[k];
			if (!(r->reviews & (1u << c->kind)))
				continue;
			/* one sentence per kind of role, however many people hold it */
			int seen = 0;
			for (size_t j = 0; j < k; j++)
				seen |= b->roles[j].kind == r->kind && (b->roles[j].reviews & (1u << c->kind));
			if (seen)
				continue;
			isms_text t = role_full(c, b, r);
			const char *en = t.en ? t.en : t.zh;
			para2(c, depth, next_label(c, depth), F(d, "%s審查本程序，並督導本程序之執行。", t.zh),
			      F(d, "The %s reviews this procedure and oversees its application.", en));
		}
	}
}

static void
gen_areas(tctx *c, int depth)
{
	static const char *const areas[][2] = {
		{"資通安全政策之訂定及評估。", "Setting and evaluating the security policy."},
		{"資通安全組織之職責與分工。", "Roles and responsibilities of the security organisation."},
		{"人力資源安全。", "Human resource security."},
		{"資訊資產管理。", "Asset management."},
		{"存取控制。", "Access control."},
		{"密碼學。", "Cryptography."},
		{"實體及環境安全。", "Physical and environmental security."},
		{"作業安全。", "Operations security."},
		{"通訊安全。", "Communications security."},
		{"系統獲取、開發及維護。", "System acquisition, development and maintenance."},
		{"供應者關係。", "Supplier relationships."},
		{"資通安全事故管理。", "Incident management."},
		{"營運持續管理之資通安全層面。", "Security aspects of business continuity."},
		{"遵循性。", "Compliance."},
	};
	for (size_t i = 0; i < sizeof areas / sizeof *areas; i++) {
		c->counters[depth]++;
		para2(c, depth, label(c, depth), areas[i][0], areas[i][1]);
	}
	c->counters[depth] = 0;
}

static const isms_role *
first_role(const isms_body *b, enum isms_role_kind k)
{
	return b ? isms_body_role(b, k) : NULL;
}

static const char *
box_text(tctx *c, const isms_body *b, const isms_role *r)
{
	dctx *d = &c->d;
	isms_text t = isms_role_title(b, r);
	const isms_person *p = r->person;
	return d->en ? F(d, "%s\n%s", t.en ? t.en : t.zh, N(d, p->name.en ? p->name.en : p->name.zh))
	             : F(d, "%s\n%s", t.zh, N(d, p->name.zh));
}

/* Height of a box holding text at size, wrapped at its width (as the
 * typesetter wraps figure boxes: 3 pt padding, leading 1.3), at least min. */
static double
box_height(tctx *c, const char *text, double size, double w, double min)
{
	double h = isms_text_lines(c->d.doc, text, size, w - 6) * size * 1.3 + 8;
	return h > min ? h : min;
}

static void
gen_org_chart(tctx *c)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	const isms_body *com = isms_org_body_of_kind(o, ISMS_BODY_COMMITTEE);
	const isms_body *exe = isms_org_body_of_kind(o, ISMS_BODY_EXECUTION);
	const isms_body *aud = isms_org_body_of_kind(o, ISMS_BODY_AUDIT);
	if (!com)
		return;
	isms_doc_heading(d->doc, 2, NULL, Ls(d, "附件一　資訊安全組織架構圖", "Annex 1 — Organisation chart"));
	/* every box as tall as its text needs: long names, many members */
	double w = isms_doc_text_width(d->doc), cx = w / 2, bw = 150;
	const char *cname = N(d, d->en && com->name.en ? com->name.en : com->name.zh);
	const isms_role *ch = first_role(com, ISMS_ROLE_CHAIR), *vc = first_role(com, ISMS_ROLE_VICE_CHAIR);
	const char *cht = ch ? box_text(c, com, ch) : NULL, *vct = vc ? box_text(c, com, vc) : NULL;
	double hc = box_height(c, cname, 11, 220, 30);
	double hch = ch ? box_height(c, cht, 9.5, bw, 34) : 0, hvc = vc ? box_height(c, vct, 9.5, bw, 34) : 0;
	/* committee members as a band */
	const char *members = "";
	int nm = 0;
	for (size_t i = 0; i < com->nroles; i++)
		if (com->roles[i].kind == ISMS_ROLE_MEMBER || com->roles[i].kind == ISMS_ROLE_SECRETARY) {
			const isms_person *p = com->roles[i].person;
			members = F(d, "%s%s%s", members, nm++ ? (d->en ? ", " : "、") : "",
			            N(d, d->en && p->name.en ? p->name.en : p->name.zh));
		}
	const char *mtext = F(d, "%s%s", Ls(d, "委員：", "Members: "), members);
	double hm = nm ? box_height(c, mtext, 9, w - 40, 44) : 0;
	/* the teams: a title box, a box per leader or officer, one for members */
	const isms_body *teams[2] = {exe, aud};
	double tw = w * 0.42, team_h[2] = {0, 0};
	const char *tname[2] = {NULL, NULL}, *tmembers[2] = {NULL, NULL};
	for (int k = 0; k < 2; k++) {
		const isms_body *b = teams[k];
		if (!b)
			continue;
		tname[k] = N(d, d->en && b->name.en ? b->name.en : b->name.zh);
		double h = box_height(c, tname[k], 10, tw, 28);
		const char *members2 = "";
		int nmem = 0;
		for (size_t i = 0; i < b->nroles; i++) {
			const isms_role *r = &b->roles[i];
			const char *who = N(d, d->en && r->person->name.en ? r->person->name.en : r->person->name.zh);
			if (r->kind == ISMS_ROLE_MEMBER) {
				members2 = F(d, "%s%s%s", members2, nmem++ ? (d->en ? ", " : "、") : "", who);
				continue;
			}
			h += 8 + box_height(c, F(d, d->en ? "%s: %s" : "%s：%s", T(d, isms_role_title(b, r)), who), 8.5, tw - 20, 26);
		}
		if (nmem) {
			isms_role probe = {.kind = ISMS_ROLE_MEMBER};
			isms_text mt = isms_role_title(b, &probe);
			tmembers[k] = F(d, d->en ? "%s: %s" : "%s：%s", d->en && mt.en ? mt.en : mt.zh, members2);
			h += 8 + box_height(c, tmembers[k], 8.5, tw - 20, 40);
		}
		team_h[k] = h;
	}
	double height = hc + 14 + hch + (vc ? 12 + hvc : 0) + (nm ? 12 + hm : 0) + 30 +
	                (team_h[0] > team_h[1] ? team_h[0] : team_h[1]) + 10;
	isms_figure *f = isms_doc_figure(d->doc, height, &w);
	isms_fig_box(f, cx - 110, 0, 220, hc, cname, 0.85, 11);
	double y = hc + 14;
	isms_fig_line(f, cx, hc, cx, y, 1, 0, 0.8, 0);
	if (ch)
		isms_fig_box(f, cx - bw / 2, y, bw, hch, cht, 0.95, 9.5);
	y += hch;
	if (vc) {
		isms_fig_line(f, cx, y, cx, y + 12, 1, 0, 0.8, 0);
		isms_fig_box(f, cx - bw / 2, y + 12, bw, hvc, vct, 0.95, 9.5);
		y += 12 + hvc;
	}
	if (nm) {
		isms_fig_line(f, cx, y, cx, y + 12, 1, 0, 0.8, 0);
		isms_fig_box(f, 20, y + 12, w - 40, hm, mtext, 1, 9);
		y += 12 + hm;
	}
	double ty = y + 30;
	isms_fig_line(f, cx, y, cx, y + 15, 0, 0, 0.8, 0);
	isms_fig_line(f, w * 0.27, y + 15, w * 0.73, y + 15, 0, 0, 0.8, 0);
	for (int k = 0; k < 2; k++) {
		const isms_body *b = teams[k];
		if (!b)
			continue;
		double x = k == 0 ? w * 0.27 : w * 0.73;
		double th = box_height(c, tname[k], 10, tw, 28);
		isms_fig_line(f, x, y + 15, x, ty, 1, 0, 0.8, 0);
		isms_fig_box(f, x - tw / 2, ty, tw, th, tname[k], 0.85, 10);
		double by = ty + th;
		/* leaders and officers one box each; members together in one box */
		for (size_t i = 0; i < b->nroles; i++) {
			const isms_role *r = &b->roles[i];
			if (r->kind == ISMS_ROLE_MEMBER)
				continue;
			const char *who = N(d, d->en && r->person->name.en ? r->person->name.en : r->person->name.zh);
			const char *t = F(d, d->en ? "%s: %s" : "%s：%s", T(d, isms_role_title(b, r)), who);
			double h = box_height(c, t, 8.5, tw - 20, 26);
			isms_fig_line(f, x, by, x, by + 8, 0, 0, 0.8, 0);
			isms_fig_box(f, x - tw / 2 + 10, by + 8, tw - 20, h, t, 1, 8.5);
			by += 8 + h;
		}
		if (tmembers[k]) {
			isms_fig_line(f, x, by, x, by + 8, 0, 0, 0.8, 0);
			isms_fig_box(f, x - tw / 2 + 10, by + 8, tw - 20, box_height(c, tmembers[k], 8.5, tw - 20, 40),
			             tmembers[k], 1, 8.5);
		}
	}
}

static void
gen_member_tables(tctx *c)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	isms_doc_heading(d->doc, 2, NULL, Ls(d, "附件二　資訊安全組織成員表", "Annex 2 — Member tables"));
	for (size_t i = 0; i < o->nbodies; i++) {
		const isms_body *b = &o->bodies[i];
		isms_doc_para(d->doc, ISMS_SUBTITLE, 0, NULL, d->bi && b->name.en ? F(d, "%s成員表\n%s — members", b->name.zh, b->name.en)
		                                            : F(d, "%s%s", T(d, b->name), Ls(d, "成員表", " — members")), ISMS_CENTER);
		double wd[] = {1.6, 1.6, 1.4};
		isms_table *t = isms_doc_table(d->doc, 3, wd, 1);
		isms_table_row(t);
		isms_table_cell(t, L(d, "職稱", "Role"), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
		isms_table_cell(t, L(d, "成員姓名", "Name"), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
		isms_table_cell(t, L(d, "服務單位", "Unit"), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
		for (size_t k = 0; k < b->nroles; k++) {
			const isms_role *r = &b->roles[k];
			isms_table_row(t);
			isms_table_cell(t, T(d, isms_role_title(b, r)), 1, 1, ISMS_LEFT);
			isms_table_cell(t, P(d, r->person), 1, 1, ISMS_LEFT);
			isms_table_cell(t, TN(d, r->person->unit->name), 1, 1, ISMS_LEFT);
		}
	}
}

static void
gen_flowchart(tctx *c)
{
	dctx *d = &c->d;
	const isms_template *t = c->t;
	if (!t->nsteps)
		return;
	double w;
	double rowh = 44, h = (double)t->nsteps * rowh + 24;
	isms_figure *f = isms_doc_figure(d->doc, h, &w);
	double cx = w * 0.22, bw = w * 0.32, bh = 28;
	isms_fig_text(f, cx, 10, Ls(d, "作業流程", "Step"), 9.5, ISMS_CENTER);
	isms_fig_text(f, w * 0.6, 10, Ls(d, "權責單位", "Responsible"), 9.5, ISMS_CENTER);
	isms_fig_text(f, w * 0.86, 10, Ls(d, "相關表單", "Form"), 9.5, ISMS_CENTER);
	isms_fig_line(f, 0, 16, w, 16, 0, 0, 0.6, 0.4);
	for (size_t i = 0; i < t->nsteps; i++) {
		const isms_tpl_step *s = &t->steps[i];
		double y = 22 + (double)i * rowh;
		const char *name = d->en ? expand(c, s->name.en, &s->name.en_loc, 1) : expand(c, s->name.zh, &s->name.zh_loc, 0);
		if (s->decision)
			isms_fig_diamond(f, cx - bw / 2, y - 4, bw, bh + 8, name, 9);
		else
			isms_fig_box(f, cx - bw / 2, y, bw, bh, name, 0.95, 9.5);
		if (i + 1 < t->nsteps)
			isms_fig_line(f, cx, y + bh + (s->decision ? 4 : 0), cx, y + rowh, 1, 0, 0.8, 0);
		const char *by = d->en ? expand(c, s->by.en, &s->by.en_loc, 1) : expand(c, s->by.zh, &s->by.zh_loc, 0);
		isms_fig_text(f, w * 0.6, y + bh / 2 + 3.5, by ? by : "", 9, ISMS_CENTER);
		if (s->form.zh) {
			const char *form = d->en ? expand(c, s->form.en, &s->form.en_loc, 1) : expand(c, s->form.zh, &s->form.zh_loc, 0);
			isms_fig_text(f, w * 0.86, y + bh / 2 + 3.5, form ? form : "", 8.5, ISMS_CENTER);
		}
		if (s->decision && s->back >= 1 && (size_t)s->back <= t->nsteps) {
			/* "no" loops back to the step named by `back` */
			double by2 = 22 + (double)(s->back - 1) * rowh + bh / 2, ex = cx - bw / 2 - 18;
			isms_fig_line(f, cx - bw / 2, y + bh / 2, ex, y + bh / 2, 0, 0, 0.8, 0);
			isms_fig_line(f, ex, y + bh / 2, ex, by2, 0, 0, 0.8, 0);
			isms_fig_line(f, ex, by2, cx - bw / 2, by2, 1, 0, 0.8, 0);
			isms_fig_text(f, ex - 3, y + bh / 2 - 3, Ls(d, "否", "no"), 8, ISMS_RIGHT);
			isms_fig_text(f, cx + 4, y + bh + 12, Ls(d, "是", "yes"), 8, ISMS_LEFT);
		}
	}
}

static void
gen_records(tctx *c)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	double wd[] = {0.6, 2.4, 2.0, 1.2};
	isms_table *t = isms_doc_table(d->doc, 4, wd, 1);
	isms_table_row(t);
	isms_table_cell(t, L(d, "編號", "No."), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
	isms_table_cell(t, L(d, "表單名稱", "Form"), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
	isms_table_cell(t, L(d, "保存地點", "Kept at"), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
	isms_table_cell(t, L(d, "保存期限", "Retention"), 1, 1, ISMS_CENTER); isms_table_shade(t, 0.9, 1);
	for (size_t i = 0; i < o->nrecords; i++) {
		const isms_record *r = &o->records[i];
		isms_table_row(t);
		isms_table_cell(t, F(d, "%zu", i + 1), 1, 1, ISMS_CENTER);
		isms_table_cell(t, T(d, r->name), 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(d, r->location), 1, 1, ISMS_LEFT);
		isms_table_cell(t, d->en ? F(d, "%d year%s minimum", r->retention_years, r->retention_years > 1 ? "s" : "")
		                         : F(d, "至少 %d 年", r->retention_years), 1, 1, ISMS_CENTER);
	}
}

static void
gen_documents(tctx *c, int depth, int forms)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	int n = 0;
	for (size_t i = 0; i < o->ndocuments; i++) {
		const isms_document *doc = &o->documents[i];
		int is_form = doc->tier >= 4;
		if (doc->kind == c->kind || is_form != forms)
			continue;
		if (forms) { /* only the forms this procedure uses */
			int mine = (c->kind == ISMS_DOC_OBJ_PROCEDURE && (doc->kind == ISMS_DOC_TARGET_FORM ||
			            doc->kind == ISMS_DOC_REVIEW_FORM || doc->kind == ISMS_DOC_KPI_TABLE)) ||
			           (c->kind == ISMS_DOC_ORG_PROCEDURE && doc->kind == ISMS_DOC_MINUTES) ||
			           (c->kind == ISMS_DOC_POLICY && doc->kind == ISMS_DOC_SOA);
			if (!mine)
				continue;
		}
		c->counters[depth]++;
		para2(c, depth, label(c, depth), F(d, "%s「%s」。", doc->number, doc->title.zh),
		      F(d, "%s %s.", doc->number, doc->title.en ? doc->title.en : doc->title.zh));
		n++;
	}
	if (!n)
		para2(c, depth, NULL, "無。", "None.");
	c->counters[depth] = 0;
}

static void
generated(tctx *c, int depth, const char *kind)
{
	if (!strcmp(kind, "management-areas"))
		gen_areas(c, depth + 1);
	else if (!strcmp(kind, "bodies"))
		gen_bodies(c, depth + 1);
	else if (!strcmp(kind, "duties"))
		gen_duties(c, depth + 1);
	else if (!strcmp(kind, "reviewers"))
		gen_reviewers(c, depth + 1);
	else if (!strcmp(kind, "review-agenda"))
		gen_agenda(c, depth + 1);
	else if (!strcmp(kind, "org-chart"))
		gen_org_chart(c);
	else if (!strcmp(kind, "member-tables"))
		gen_member_tables(c);
	else if (!strcmp(kind, "flowchart"))
		gen_flowchart(c);
	else if (!strcmp(kind, "records-table"))
		gen_records(c);
	else if (!strcmp(kind, "reference-documents"))
		gen_documents(c, depth + 1, 0);
	else if (!strcmp(kind, "forms"))
		gen_documents(c, depth + 1, 1);
}

/* The template clauses the organisation left out, with its reasons, after the text
 * of the document (one "§ " line each, so a removal shows in the amendment table as
 * a clause of its own). */
static void
removals(tctx *c, isms_buf *out)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	for (size_t i = 0; i < o->nclauses; i++) {
		const isms_custom_clause *k = &o->clauses[i];
		if (k->document != c->kind || !k->remove)
			continue;
		const isms_tpl_node *n = isms_tpl_find(c->t, o, k->remove, NULL, NULL);
		/* named by its heading, or by the start of its first paragraph */
		const isms_tpl_text *x = n && n->text.zh ? &n->text
		                         : n && n->nchildren && n->children[0].kind == ISMS_TPL_PARA ? &n->children[0].text : NULL;
		const char *what = x ? (d->en && x->en ? x->en : x->zh) : k->remove;
		if (x && !n->text.zh) {
			size_t cut = strcspn(what, d->en ? ":,." : "");
			const char *stop = d->en ? NULL : strstr(what, "：");
			if (!stop)
				stop = d->en ? NULL : strstr(what, "，");
			if (stop)
				cut = (size_t)(stop - what);
			what = F(d, "%.*s", (int)cut, what);
		}
		const char *why = d->en && k->reason.en ? k->reason.en : k->reason.zh;
		if (d->bi && k->reason.en)
			why = F(d, "%s %s", k->reason.zh, k->reason.en);
		isms_buf_printf(out, "§ %s\t%s (%s): %s\n", d->en ? "removed" : "刪除", what, k->remove, why);
	}
}

int
isms_docs_templated(const isms_docctx *ctx, enum isms_doc_kind kind, const char *dir,
                    const char *path)
{
	char *tpath = isms_template_path(dir, kind);
	if (!tpath)
		return -2;
	isms_template *t = NULL;
	int rc = isms_template_load(tpath, &t);
	free(tpath);
	if (rc)
		return -2;
	/* every id the organisation's clauses name is in this template, before printing */
	if (isms_tpl_check_custom(t, ctx->org)) {
		isms_template_free(t);
		return -2;
	}
	tctx c;
	memset(&c, 0, sizeof c);
	c.t = t;
	c.kind = kind;
	docs_begin(&c.d, ctx, kind, t->title.zh, t->title.en);
	isms_doc_section(c.d.doc, 0, 56.7);
	docs_control_page(&c.d, kind, tt(&t->title), 1);
	docs_title(&c.d, t->title.zh, t->title.en);
	size_t body = isms_doc_mark(c.d.doc); /* what the document says starts here */
	/* Bilingual layout: each clause followed by its English (the default), or, for
	 * comparison, ISMSPACK_BI_LAYOUT=sequential: the whole Chinese text, then the
	 * whole English text. */
	const char *lay = getenv("ISMSPACK_BI_LAYOUT");
	if (c.d.bi && lay && !strcmp(lay, "sequential")) {
		c.d.bi = 0;
		for (size_t i = 0; i < t->nsections; i++)
			node(&c, &t->sections[i], 1);
		isms_doc_page_break(c.d.doc);
		c.d.en = 1;
		memset(c.counters, 0, sizeof c.counters);
		isms_doc_para(c.d.doc, ISMS_TITLE, 0, NULL, t->title.en ? t->title.en : t->title.zh, ISMS_CENTER);
		for (size_t i = 0; i < t->nsections; i++)
			node(&c, &t->sections[i], 1);
	} else {
		for (size_t i = 0; i < t->nsections; i++)
			node(&c, &t->sections[i], 1);
	}
	if (c.errors) {
		isms_doc_free(c.d.doc);
		isms_arena_free(c.d.a);
		isms_template_free(t);
		return -2;
	}
	if (ctx->text) {
		isms_doc_text(c.d.doc, body, ctx->text);
		removals(&c, ctx->text);
	}
	rc = docs_finish(&c.d, path);
	isms_template_free(t);
	return rc;
}

/* Every variable of a custom clause's text, in both languages. */
static int
check_vars(const isms_org *org, enum isms_doc_kind kind, const isms_tpl_node *n)
{
	int errors = 0;
	const isms_tpl_text *t = &n->text;
	for (int en = 0; en < 2; en++) {
		const char *s = en ? t->en : t->zh;
		if (!s)
			continue;
		isms_buf b = {0};
		errors += isms_vars_expand(org, kind, en, s, en ? &t->en_loc : &t->zh_loc, &b) < 0;
		isms_buf_free(&b);
	}
	for (size_t i = 0; i < n->nchildren; i++)
		errors += check_vars(org, kind, &n->children[i]);
	return errors;
}

int
isms_docs_check_custom(const isms_org *org, const char *dir)
{
	int rc = 0;
	for (int k = ISMS_DOC_POLICY; k <= ISMS_DOC_OBJ_PROCEDURE; k++) {
		int named = 0;
		for (size_t i = 0; i < org->nclauses; i++)
			named |= org->clauses[i].document == (enum isms_doc_kind)k;
		if (!named)
			continue;
		char *path = isms_template_path(dir, (enum isms_doc_kind)k);
		if (!path)
			return ISMS_EXIT_DATAERR;
		isms_template *t = NULL;
		int r = isms_template_load(path, &t);
		free(path);
		if (!r) {
			int errors = isms_tpl_check_custom(t, org);
			for (size_t i = 0; i < org->nclauses; i++)
				if (org->clauses[i].document == (enum isms_doc_kind)k && org->clauses[i].body)
					errors += check_vars(org, (enum isms_doc_kind)k, org->clauses[i].body);
			if (errors)
				r = ISMS_EXIT_DATAERR;
		}
		isms_template_free(t);
		if (r && !rc)
			rc = r;
	}
	return rc;
}
