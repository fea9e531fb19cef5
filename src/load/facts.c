/* Checks across the built model and its XML (load layer): the register is the one
 * source of who drafts, reviews and approves a document (an <approval> may only
 * repeat it); a person who left is named only in history; register people and unit
 * heads who hold no role, and document kinds without a register entry, are warned
 * about at their place in the user's files. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

#include "xmltree.h"

typedef struct fctx {
	isms_xml *x;
	isms_org *org;
	int errors;
} fctx;

/* An attribute's value, copied into buf ("" when absent). */
static const char *
prop(const xmlNode *n, const char *name, char *buf, size_t size)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

static xmlNode *
element_with_id(xmlNode *parent, const char *id)
{
	if (!id)
		return NULL; /* an element without its id: the schema has said so */
	char b[256];
	if (parent)
		EACH_CHILD(n, parent)
			if (!strcmp(prop(n, "id", b, sizeof b), id))
				return n;
	return NULL;
}

static int
holds_role(const isms_org *o, const isms_person *p)
{
	for (size_t i = 0; i < o->nbodies; i++)
		for (size_t j = 0; j < o->bodies[i].nroles; j++)
			if (o->bodies[i].roles[j].person == p)
				return 1;
	return 0;
}

/* ---------- one source: <approvals> against the register ---------- */

static void
approvals(fctx *c, xmlNode *root)
{
	xmlNode *ap = child(root, "approvals"), *docs = child(root, "documents");
	if (!ap)
		return;
	size_t i = 0;
	EACH_CHILD(n, ap) {
		isms_approval *a = &c->org->approvals[i++];
		isms_loc here = isms_xml_loc(c->x, n, "kind");
		if (a->kind == ISMS_DOC_OTHER) {
			isms_warn(&here, "an approval of kind \"other\" describes no one document and "
			          "is not used: give drafter, reviewer and approver on each <document>");
			continue;
		}
		isms_document *d = isms_org_document_of_kind(c->org, a->kind);
		xmlNode *dn = d ? element_with_id(docs, d->id) : NULL;
		if (!dn)
			continue; /* no register entry: the cover falls back on the approval */
		static const char *const fields[] = {"drafter", "reviewer", "approver"};
		for (int k = 0; k < 3; k++) {
			char av[256], dv[256];
			prop(n, fields[k], av, sizeof av);
			prop(dn, fields[k], dv, sizeof dv);
			if (k == 0 && !*dv) {
				d->drafter = a->drafter; /* the register says nothing: not a second source */
				continue;
			}
			if (!strcmp(av, dv) || isms_xml_quiet(c->x, n) || isms_xml_quiet(c->x, dn))
				continue; /* agree, or the schema has spoken about one of them */
			isms_loc al = isms_xml_loc(c->x, n, fields[k]), dl = isms_xml_loc(c->x, dn, fields[k]);
			isms_error(&al, "%s=\"%s\" contradicts the register: document \"%s\" (%s) gives "
			           "%s=\"%s\" at %s:%d:%d; the register is the one source of who drafts, "
			           "reviews and approves a document: drop <approvals> or make it agree",
			           fields[k], av, d->id, d->number, fields[k], dv, dl.file, dl.line, dl.col);
			isms_diag(ISMS_NOTE, &dl, "the register's %s of \"%s\"", fields[k], d->id);
			c->errors++;
		}
	}
}

/* The issue date is the current version's date, stated again on its revision. */
static void
issue_dates(fctx *c, xmlNode *root)
{
	xmlNode *docs = child(root, "documents");
	if (docs)
		EACH_CHILD(n, docs) {
			xmlNode *last = NULL;
			EACH_CHILD(r, n)
				if (is(r, "revision"))
					last = r;
			char issued[32], date[32], version[64];
			if (!last || !strcmp(prop(n, "issued", issued, sizeof issued),
			                     prop(last, "date", date, sizeof date)) ||
			    isms_xml_quiet(c->x, n) || isms_xml_quiet(c->x, last))
				continue;
			isms_loc il = isms_xml_loc(c->x, n, "issued"), rl = isms_xml_loc(c->x, last, "date");
			isms_error(&il, "issued=\"%s\" differs from the date of version %s's revision "
			           "(%s at %s:%d:%d): the issue date is the current version's; make them "
			           "agree", issued, prop(last, "version", version, sizeof version), date,
			           rl.file, rl.line, rl.col);
			isms_diag(ISMS_NOTE, &rl, "the latest revision's date");
			c->errors++;
		}
}

/* ---------- people who left ---------- */

/* Where people are named, and what the place makes them.  Places with a `date`
 * (on the element or an ancestor on the path) are history up to that date; the
 * others describe the organisation as it is, where nobody who left may stand. */
static const struct {
	const char *path[4];
	const char *attrs;
	const char *what; /* undated: what they cannot be; dated: what the element is */
} places[] = {
	{{"units", "unit"}, "head", "a unit's head"},
	{{"bodies", "body", "role"}, "person", "given a role"},
	{{"approvals", "approval"}, "reviewer approver", "a document's reviewer or approver"},
	{{"documents", "document"}, "author reviewer approver", "the register's author, "
	 "reviewer or approver of a document"},
	{{"objectives", "objective"}, "owner", "an objective's owner"},
	{{"objectives", "objective", "measurement"}, "reporter reviewer", "measurement"},
	{{"reviews", "review"}, "chair recorder", "management review"},
	{{"reviews", "review", "attendee"}, "person", "management review"},
	{{"reviews", "review", "absentee"}, "person", "management review"},
	{{"reviews", "review", "actions", "action"}, "owner", "management review"},
};

/* Each person an element names in one of attrs ("reviewer approver"), given to fn
 * with the attribute that names them; nothing where the schema has spoken. */
typedef void person_fn(fctx *c, xmlNode *n, const char *attr, const char *id,
                       const isms_person *p, const void *arg);

static void
each_person(fctx *c, xmlNode *n, const char *attrs, person_fn *fn, const void *arg)
{
	if (isms_xml_quiet(c->x, n))
		return;
	char list[64];
	snprintf(list, sizeof list, "%s", attrs);
	for (char *save, *a = strtok_r(list, " ", &save); a; a = strtok_r(NULL, " ", &save)) {
		char id[256];
		const isms_person *p = isms_org_person(c->org, prop(n, a, id, sizeof id));
		if (p)
			fn(c, n, a, id, p, arg);
	}
}

typedef struct left_place {
	const char *what, *when; /* when: the place's date, NULL for the present */
} left_place;

static void
check_left(fctx *c, xmlNode *n, const char *a, const char *id, const isms_person *p,
           const void *arg)
{
	const left_place *lp = arg;
	if (!p->left.y)
		return;
	char left[16];
	isms_date_iso(p->left, left, sizeof left);
	isms_loc l = isms_xml_loc(c->x, n, a);
	if (!lp->when) {
		isms_error(&l, "%s=\"%s\" names %s, who left on %s (%s:%d): someone who has "
		           "left is kept for history only and cannot be %s; name someone still "
		           "here", a, id, p->name.zh, left, p->loc.file, p->loc.line, lp->what);
		c->errors++;
		return;
	}
	isms_date d;
	if (isms_date_parse(lp->when, &d) < 0 || isms_date_cmp(d, p->left) <= 0)
		return;
	isms_error(&l, "%s=\"%s\" names %s, who left on %s (%s:%d), before this %s of %s",
	           a, id, p->name.zh, left, p->loc.file, p->loc.line, lp->what, lp->when);
	c->errors++;
}

static void
walk_left(fctx *c, xmlNode *parent, size_t k, size_t depth, const char *when)
{
	const char *name = places[k].path[depth];
	EACH_CHILD(n, parent) {
		if (!is(n, name))
			continue;
		char d[32];
		const char *w = *prop(n, "date", d, sizeof d) ? d : when;
		if (depth + 1 < 4 && places[k].path[depth + 1])
			walk_left(c, n, k, depth + 1, w);
		else
			each_person(c, n, places[k].attrs, check_left,
			            &(left_place){places[k].what, w});
	}
}

/* ---------- who holds no role ---------- */

/* The head of the top unit (鄉長, 校長, 總經理) appoints the committee and approves
 * from above it: approving without a role is expected of them. */
static int
is_top_head(const isms_org *o, const isms_person *p)
{
	for (size_t i = 0; i < o->nunits; i++)
		if (!o->units[i].parent && o->units[i].head == p)
			return 1;
	return 0;
}

typedef struct role_place {
	const char *what;
	int head_ok; /* the organisation's own head may be named without a role */
} role_place;

static void
warn_no_role(fctx *c, xmlNode *n, const char *a, const char *id, const isms_person *p,
             const void *arg)
{
	const role_place *rp = arg;
	if (p->left.y || holds_role(c->org, p) || (rp->head_ok && is_top_head(c->org, p)))
		return;
	isms_loc l = isms_xml_loc(c->x, n, a);
	isms_warn(&l, "%s=\"%s\": %s, %s, holds no role in the committee or its teams; "
	          "after a re-organisation, name who holds the role now or give them one",
	          a, id, p->name.zh, rp->what);
}

static void
roles_held(fctx *c, xmlNode *root)
{
	xmlNode *s;
	if ((s = child(root, "units")))
		EACH_CHILD(n, s)
			each_person(c, n, "head", warn_no_role, &(role_place){"a unit's head", 1});
	if ((s = child(root, "approvals")))
		EACH_CHILD(n, s)
			each_person(c, n, "reviewer approver", warn_no_role,
			            &(role_place){"named in an approval", 1});
	if ((s = child(root, "documents")))
		EACH_CHILD(n, s)
			each_person(c, n, "author reviewer approver", warn_no_role,
			            &(role_place){"named in the register", 1});
}

/* ---------- document kinds the pack prints without a register entry ---------- */

static void
register_kinds(fctx *c)
{
	static const char *const title[] = {"資通安全管理政策", "資訊安全組織管理程序",
		"資通安全目標管理程序", "資通安全目標設定表", "資通安全目標檢討表",
		"資訊安全目標量測統計表", "管理審查會議紀錄", "適用性聲明書"};
	/* the clause 5 documents are made only when the register lists them */
	for (int k = 0; k <= ISMS_DOC_SOA; k++)
		if (!isms_org_document_of_kind(c->org, (enum isms_doc_kind)k))
			isms_warn(&c->org->documents_loc, "the register has no document of kind \"%s\" "
			          "(%s): the pack prints it without 文件編號 or 版次; add a <document "
			          "kind=\"%s\"> with its number and revisions", isms_doc_kind_name(k),
			          title[k], isms_doc_kind_name(k));
}

int
isms_load_facts(isms_xml *x, xmlNode *root, isms_org *org)
{
	fctx c = {x, org, 0};
	approvals(&c, root);
	issue_dates(&c, root);
	for (size_t k = 0; k < sizeof places / sizeof *places; k++) {
		xmlNode *s = child(root, places[k].path[0]);
		if (s)
			walk_left(&c, s, k, 1, NULL);
	}
	roles_held(&c, root);
	register_kinds(&c);
	return c.errors;
}
