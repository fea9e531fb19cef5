/* XML tree → model (load layer), with the checks XSD cannot express: real dates,
 * periods inside the year and unique, positive denominators, attendance, due dates,
 * body structure.  Every fault is reported where it is; all of them, then it fails. */
#include "load.h"
#include "xml.h"
#include "xmltree.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "facts.h"
#include "model/template.h"

typedef struct ctx {
	isms_xml *x;
	isms_org *org;
	isms_arena *a;
	int errors;
	const xmlNode **bad_enum; /* elements with a value the schema refused in an */
	size_t nbad_enum;         /* enumerated attribute: what lies inside them is judged
	                           * by a kind they do not have, so it is not judged */
} ctx;

__attribute__((format(printf, 4, 5))) static void
fault(ctx *c, const xmlNode *n, const char *attr, const char *fmt, ...)
{
	/* after a schema fault: say nothing the schema said, or that follows from it */
	if (isms_xml_quiet(c->x, n))
		return;
	for (const xmlNode *p = n ? n->parent : NULL; p && p->parent &&
	     p->parent->type == XML_ELEMENT_NODE; p = p->parent)
		for (size_t i = 0; i < c->nbad_enum; i++)
			if (c->bad_enum[i] == p)
				return;
	isms_loc loc = isms_xml_loc(c->x, n, attr);
	va_list ap;
	va_start(ap, fmt);
	isms_diag_v(ISMS_ERROR, &loc, fmt, ap);
	va_end(ap);
	c->errors++;
}

/* ---------- tree helpers ---------- */

static isms_char_check char_check;

void
isms_load_set_char_check(isms_char_check check)
{
	char_check = check;
}

/* Each character the typesetter refuses, once per text, at the text's element. */
static void
check_chars(ctx *c, xmlNode *n, const char *s)
{
	const char *seen[8];
	size_t nseen = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (cp < 0x80 && cp >= 0x20)
			continue;
		const char *why = char_check(cp);
		if (!why)
			continue;
		/* once per reason in a text: a Thai sentence is one error, not forty */
		int dup = 0;
		for (size_t j = 0; j < nseen; j++)
			dup |= seen[j] == why;
		if (dup)
			continue;
		if (nseen < sizeof seen / sizeof *seen)
			seen[nseen++] = why;
		char ch[5] = {0};
		isms_utf8_encode(cp, ch);
		fault(c, n, NULL, "the character %s (U+%04X) %s", ch, (unsigned)cp, why);
	}
}

static const char *
attr(ctx *c, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = isms_arena_strdup(c->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* Whitespace runs (XML indentation) become one space, or nothing between two
 * non-ASCII characters, so that wrapped Chinese text does not gain spaces. */
static const char *
content(ctx *c, xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *s = raw ? (const char *)raw : "";
	size_t len = strlen(s);
	char *out = isms_arena_alloc(c->a, len + 1);
	size_t o = 0;
	int prev_wide = 0, pending = 0;
	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			pending = 1;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		int wide = cp >= 0x2E80;
		if (pending && o > 0 && !(prev_wide && wide))
			out[o++] = ' ';
		pending = 0;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
		prev_wide = wide;
	}
	out[o] = '\0';
	xmlFree(raw);
	if (char_check)
		check_chars(c, n, out);
	return out;
}

static isms_loc loc(ctx *c, xmlNode *n);

/* Where a text has no English: kept for the build's warning and validate --lang. */
static void
no_english(ctx *c, xmlNode *n)
{
	isms_org *o = c->org;
	if (o->nno_english == o->cap_no_english) {
		size_t cap = o->cap_no_english ? 2 * o->cap_no_english : 64;
		isms_loc *v = isms_arena_alloc(c->a, cap * sizeof *v);
		if (o->nno_english)
			memcpy(v, o->no_english, o->nno_english * sizeof *v);
		o->no_english = v;
		o->cap_no_english = cap;
	}
	o->no_english[o->nno_english++] = loc(c, n);
}

static isms_text
text(ctx *c, xmlNode *n)
{
	isms_text t = {NULL, NULL};
	if (!n)
		return t;
	xmlNode *zh = child(n, "zh"), *en = child(n, "en");
	if (zh)
		t.zh = content(c, zh);
	if (en)
		t.en = content(c, en);
	if (t.zh && !t.en)
		no_english(c, zh);
	return t;
}

static isms_text_list
text_list(ctx *c, xmlNode *n)
{
	isms_text_list l = {NULL, 0};
	if (!n)
		return l;
	l.v = isms_arena_alloc(c->a, (count(n, "item") + 1) * sizeof *l.v);
	EACH_CHILD(it, n)
		if (is(it, "item"))
			l.v[l.n++] = text(c, it);
	return l;
}

static int
enum_attr(ctx *c, xmlNode *n, const char *name, const char *const *names, int dflt)
{
	const char *v = attr(c, n, name);
	if (!v)
		return dflt;
	int k = isms_enum_lookup(names, v);
	if (k < 0) {
		c->bad_enum = isms_xrealloc(c->bad_enum, (c->nbad_enum + 1) * sizeof *c->bad_enum);
		c->bad_enum[c->nbad_enum++] = n;
		fault(c, n, name, "%s=\"%s\" is not one of the allowed values", name, v);
		return dflt < 0 ? 0 : dflt;
	}
	return k;
}

static int
int_attr(ctx *c, xmlNode *n, const char *name, int dflt)
{
	const char *v = attr(c, n, name);
	return v ? atoi(v) : dflt;
}

static double
num_attr(ctx *c, xmlNode *n, const char *name, int *present)
{
	const char *v = attr(c, n, name);
	if (present)
		*present = v != NULL;
	return v ? strtod(v, NULL) : 0.0;
}

/* The decimals a number attribute is written with ("99.21" → 2; absent → 0). */
static int
dp_attr(ctx *c, xmlNode *n, const char *name)
{
	const char *v = attr(c, n, name), *dot = v ? strchr(v, '.') : NULL;
	int dp = 0;
	if (dot)
		while (dot[1 + dp] >= '0' && dot[1 + dp] <= '9')
			dp++;
	return dp;
}

static int
cmp_milestone(const void *a, const void *b)
{
	return isms_period_cmp(((const isms_milestone *)a)->period, ((const isms_milestone *)b)->period);
}

static isms_date
date_attr(ctx *c, xmlNode *n, const char *name)
{
	isms_date d = {0, 0, 0};
	const char *v = attr(c, n, name);
	if (v && isms_date_parse(v, &d) < 0) {
		if (strlen(v) == 10 && v[4] == '-' && strncmp(v, "1912", 4) < 0)
			fault(c, n, name, "%s=\"%s\" is before 1912-01-01 (民國元年): ROC dates, "
			      "and so the documents' dates, cover 1912-01-01 to 9999-12-31", name, v);
		else
			fault(c, n, name, "%s=\"%s\" is not a real calendar date (YYYY-MM-DD)", name, v);
		d = (isms_date){0, 0, 0};
	}
	return d;
}

static isms_loc
loc(ctx *c, xmlNode *n)
{
	isms_loc l = isms_xml_loc(c->x, n, NULL);
	l.file = isms_arena_strdup(c->a, l.file);
	return l;
}

/* ---------- references ---------- */

static isms_person *
person(ctx *c, xmlNode *n, const char *name)
{
	const char *id = attr(c, n, name);
	if (!id)
		return NULL;
	isms_person *p = isms_org_person(c->org, id);
	if (!p)
		fault(c, n, name, "%s=\"%s\": person \"%s\" is not defined in <people>; use an id "
		      "defined there, or add it", name, id, id);
	return p;
}

static isms_unit *
unit(ctx *c, xmlNode *n, const char *name)
{
	const char *id = attr(c, n, name);
	if (!id)
		return NULL;
	isms_unit *u = isms_org_unit(c->org, id);
	if (!u)
		fault(c, n, name, "%s=\"%s\": unit \"%s\" is not defined in <units>; use an id "
		      "defined there, or add it", name, id, id);
	return u;
}

static isms_body *
body_ref(ctx *c, xmlNode *n, const char *name)
{
	const char *id = attr(c, n, name);
	for (size_t i = 0; id && i < c->org->nbodies; i++)
		if (c->org->bodies[i].id && !strcmp(c->org->bodies[i].id, id))
			return &c->org->bodies[i];
	if (id)
		fault(c, n, name, "%s=\"%s\": body \"%s\" is not defined in <bodies>; use an id "
		      "defined there, or add it", name, id, id);
	return NULL;
}

static isms_document *
document_ref(ctx *c, xmlNode *n, const char *name)
{
	const char *id = attr(c, n, name);
	for (size_t i = 0; id && i < c->org->ndocuments; i++)
		if (c->org->documents[i].id && !strcmp(c->org->documents[i].id, id))
			return &c->org->documents[i];
	if (id)
		fault(c, n, name, "%s=\"%s\": document \"%s\" is not defined in <documents>; use an id "
		      "defined there, or add it", name, id, id);
	return NULL;
}

static isms_objective *
objective_ref(ctx *c, xmlNode *n, const char *name)
{
	const char *id = attr(c, n, name);
	for (size_t i = 0; id && i < c->org->nobjectives; i++)
		if (c->org->objectives[i].id && !strcmp(c->org->objectives[i].id, id))
			return &c->org->objectives[i];
	if (id)
		fault(c, n, name, "%s=\"%s\": objective \"%s\" is not defined in <objectives>; use an id "
		      "defined there, or add it", name, id, id);
	return NULL;
}

/* ---------- sections ---------- */

static void
build_units(ctx *c, xmlNode *units)
{
	isms_org *o = c->org;
	o->units = isms_arena_alloc(c->a, (count(units, "unit") + 1) * sizeof *o->units);
	EACH_NAMED(n, units, "unit") {
		isms_unit *u = &o->units[o->nunits++];
		u->id = attr(c, n, "id");
		u->name = text(c, child(n, "name"));
		u->loc = loc(c, n);
	}
}

static void
link_units(ctx *c, xmlNode *units)
{
	size_t i = 0;
	EACH_NAMED(n, units, "unit") {
		isms_unit *u = &c->org->units[i++];
		u->parent = unit(c, n, "parent");
		u->head = person(c, n, "head");
	}
	/* The hierarchy must be a tree: walking up from any unit ends. */
	i = 0;
	EACH_NAMED(n, units, "unit") {
		isms_unit *u = &c->org->units[i++];
		size_t steps = 0;
		for (isms_unit *p = u->parent; p; p = p->parent)
			if (++steps > c->org->nunits || p == u) {
				fault(c, n, "parent", "unit \"%s\" is its own ancestor: the parent "
				      "attributes form a cycle", u->id);
				break;
			}
	}
}

static void
build_people(ctx *c, xmlNode *people)
{
	isms_org *o = c->org;
	o->people = isms_arena_alloc(c->a, (count(people, "person") + 1) * sizeof *o->people);
	EACH_NAMED(n, people, "person") {
		isms_person *p = &o->people[o->npeople++];
		p->id = attr(c, n, "id");
		p->name = text(c, child(n, "name"));
		p->job_title = text(c, child(n, "jobTitle"));
		p->left = date_attr(c, n, "left");
		p->loc = loc(c, n);
	}
	size_t i = 0;
	EACH_NAMED(n, people, "person")
		o->people[i++].unit = unit(c, n, "unit");
}

static const char *const role_allowed[] = {
	/* committee */ "chair viceChair secretary member",
	/* execution */ "leader officer secretary member", /* 執行秘書 (seed 002) */
	/* audit     */ "leader member",
};

/* A list of document kinds ("organisation-procedure objectives-procedure") as bits. */
static unsigned
doc_kinds(ctx *c, xmlNode *n, const char *name)
{
	const char *v = attr(c, n, name);
	unsigned m = 0;
	while (v && *v) {
		while (*v == ' ')
			v++;
		size_t k = strcspn(v, " ");
		for (int i = 0; k && isms_doc_kind_names[i]; i++)
			if (strlen(isms_doc_kind_names[i]) == k && !strncmp(v, isms_doc_kind_names[i], k))
				m |= 1u << i;
		v += k;
	}
	return m;
}

/* The committee's management review agenda: items, each with its sub-items. */
static void
build_agenda(ctx *c, isms_body *b, xmlNode *ag)
{
	if (!ag)
		return;
	if (b->kind != ISMS_BODY_COMMITTEE)
		fault(c, ag, NULL, "only the committee, which holds the management review, has an "
		      "<agenda>");
	b->agenda = isms_arena_alloc(c->a, (count(ag, "item") + 1) * sizeof *b->agenda);
	EACH_CHILD(it, ag) {
		isms_agenda_item *a = &b->agenda[b->nagenda++];
		a->text = text(c, it);
		a->loc = loc(c, it);
		a->sub = text_list(c, it);
	}
}

static void
build_bodies(ctx *c, xmlNode *bodies)
{
	isms_org *o = c->org;
	o->bodies = isms_arena_alloc(c->a, (count(bodies, "body") + 1) * sizeof *o->bodies);
	EACH_NAMED(n, bodies, "body") {
		isms_body *b = &o->bodies[o->nbodies++];
		b->id = attr(c, n, "id");
		b->kind = enum_attr(c, n, "kind", isms_body_kind_names, 0);
		b->name = text(c, child(n, "name"));
		b->abbreviation = text(c, child(n, "abbreviation"));
		b->basis = text(c, child(n, "basis"));
		b->establishment = text(c, child(n, "establishment"));
		b->appointment = text(c, child(n, "appointment"));
		build_agenda(c, b, child(n, "agenda"));
		b->duties = text_list(c, child(n, "duties"));
		b->loc = loc(c, n);
		b->roles = isms_arena_alloc(c->a, (count(n, "role") + 1) * sizeof *b->roles);
		int kinds[6] = {0};
		EACH_CHILD(r, n) {
			if (!is(r, "role"))
				continue;
			isms_role *role = &b->roles[b->nroles++];
			role->kind = enum_attr(c, r, "kind", isms_role_kind_names, 0);
			role->person = person(c, r, "person");
			role->title = text(c, child(r, "title"));
			role->duty_heading = text(c, child(r, "dutyHeading"));
			role->duties = text_list(c, child(r, "duties"));
			role->reviews = doc_kinds(c, r, "reviews");
			if (role->duty_heading.zh && !role->duties.n)
				fault(c, child(r, "dutyHeading"), NULL, "a duty heading needs the <duties> it heads");
			role->loc = loc(c, r);
			kinds[role->kind]++;
			const char *allowed = role_allowed[b->kind];
			const char *kn = isms_role_kind_name(role->kind);
			const char *hit = strstr(allowed, kn);
			size_t kl = strlen(kn);
			if (!hit || (hit[kl] != ' ' && hit[kl] != '\0'))
				fault(c, r, "kind", "the %s body has no \"%s\" role; use one of: %s",
				      isms_body_kind_name(b->kind), kn, allowed);
		}
		switch (b->kind) {
		case ISMS_BODY_COMMITTEE:
			if (kinds[ISMS_ROLE_CHAIR] != 1)
				fault(c, n, NULL, "the committee needs exactly one chair (資安長), found %d",
				      kinds[ISMS_ROLE_CHAIR]);
			if (kinds[ISMS_ROLE_VICE_CHAIR] != 1)
				fault(c, n, NULL, "the committee needs exactly one viceChair (資安主管), "
				      "found %d", kinds[ISMS_ROLE_VICE_CHAIR]);
			break;
		case ISMS_BODY_EXECUTION:
			if (kinds[ISMS_ROLE_LEADER] != 1)
				fault(c, n, NULL, "the execution team needs exactly one leader, found %d",
				      kinds[ISMS_ROLE_LEADER]);
			if (kinds[ISMS_ROLE_OFFICER] < 1)
				fault(c, n, NULL, "the execution team needs an officer (ISMS 承辦人)");
			break;
		case ISMS_BODY_AUDIT:
			if (kinds[ISMS_ROLE_LEADER] != 1)
				fault(c, n, NULL, "the audit team needs exactly one leader, found %d",
				      kinds[ISMS_ROLE_LEADER]);
			break;
		}
	}
	int per_kind[3] = {0};
	size_t i = 0;
	EACH_NAMED(n, bodies, "body") {
		isms_body *b = &o->bodies[i++];
		/* a body the schema refused (its kind, say) is not counted */
		if (!isms_xml_quiet(c->x, n) && per_kind[b->kind]++)
			fault(c, n, "kind", "a second %s body: an organisation has one committee, "
			      "one execution team and one audit team", isms_body_kind_name(b->kind));
		b->parent = body_ref(c, n, "parent");
		if (b->parent && b->parent->kind != ISMS_BODY_COMMITTEE)
			fault(c, n, "parent", "a team reports to the committee; parent=\"%s\" is not "
			      "the committee", b->parent->id);
		if (b->parent == b)
			fault(c, n, "parent", "a body cannot be its own parent");
	}
	if (!per_kind[ISMS_BODY_COMMITTEE])
		fault(c, bodies, NULL, "no committee: add a <body kind=\"committee\">");
}

static void
build_approvals(ctx *c, xmlNode *ap)
{
	isms_org *o = c->org;
	if (!ap)
		return;
	o->approvals = isms_arena_alloc(c->a, (count(ap, "approval") + 1) * sizeof *o->approvals);
	EACH_NAMED(n, ap, "approval") {
		isms_approval *a = &o->approvals[o->napprovals++];
		a->kind = enum_attr(c, n, "kind", isms_doc_kind_names, ISMS_DOC_OTHER);
		a->drafter = body_ref(c, n, "drafter");
		a->reviewer = person(c, n, "reviewer");
		a->approver = person(c, n, "approver");
		a->loc = loc(c, n);
		for (size_t j = 0; j + 1 < o->napprovals; j++)
			if (o->approvals[j].kind == a->kind && a->kind != ISMS_DOC_OTHER)
				fault(c, n, "kind", "a second approval for kind \"%s\"",
				      isms_doc_kind_name(a->kind));
	}
}

static int
version_cmp(const char *a, const char *b)
{
	if (!a || !b) /* only in a tree the schema refused */
		return !a - !b;
	if (*a == 'V' || *a == 'v')
		a++;
	if (*b == 'V' || *b == 'v')
		b++;
	while (*a || *b) {
		long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
		if (!*a && !*b)
			break;
		if (!*a)
			return -1;
		if (!*b)
			return 1;
	}
	return 0;
}

static void
build_documents(ctx *c, xmlNode *docs)
{
	isms_org *o = c->org;
	o->documents = isms_arena_alloc(c->a, (count(docs, "document") + 1) * sizeof *o->documents);
	o->documents_loc = loc(c, docs);
	EACH_NAMED(n, docs, "document") {
		isms_document *d = &o->documents[o->ndocuments++];
		d->id = attr(c, n, "id");
		d->kind = enum_attr(c, n, "kind", isms_doc_kind_names, ISMS_DOC_OTHER);
		d->number = attr(c, n, "number");
		d->tier = int_attr(c, n, "tier", 1);
		d->version = attr(c, n, "version");
		d->issued = date_attr(c, n, "issued");
		d->issuing_unit = unit(c, n, "issuingUnit");
		d->author = person(c, n, "author");
		d->reviewer = person(c, n, "reviewer");
		d->approver = person(c, n, "approver");
		d->drafter = body_ref(c, n, "drafter");
		d->title = text(c, child(n, "title"));
		d->classification = text(c, child(n, "classification"));
		d->loc = loc(c, n);
		for (size_t j = 0; j + 1 < o->ndocuments; j++) {
			if (d->number && o->documents[j].number && !strcmp(o->documents[j].number, d->number))
				fault(c, n, "number", "document number %s is already used by "
				      "document \"%s\"", d->number, o->documents[j].id);
			if (d->kind != ISMS_DOC_OTHER && o->documents[j].kind == d->kind)
				fault(c, n, "kind", "a second document of kind \"%s\"; only kind "
				      "\"other\" may repeat", isms_doc_kind_name(d->kind));
		}
		d->revisions = isms_arena_alloc(c->a, (count(n, "revision") + 1) * sizeof *d->revisions);
		xmlNode *last = NULL;
		EACH_CHILD(r, n) {
			if (!is(r, "revision"))
				continue;
			isms_revision *rv = &d->revisions[d->nrevisions++];
			rv->version = attr(c, r, "version");
			rv->date = date_attr(c, r, "date");
			rv->author = person(c, r, "author");
			rv->description = text(c, r);
			rv->loc = loc(c, r);
			if (d->nrevisions > 1) {
				isms_revision *pv = &d->revisions[d->nrevisions - 2];
				if (pv->version && rv->version && version_cmp(pv->version, rv->version) >= 0)
					fault(c, r, "version", "revision %s does not follow %s: list "
					      "revisions oldest first with rising versions",
					      rv->version, pv->version);
				if (pv->date.y && rv->date.y && isms_date_cmp(pv->date, rv->date) > 0)
					fault(c, r, "date", "revision %s is dated before revision %s",
					      rv->version, pv->version);
			}
			last = r;
		}
		if (last && d->version && d->revisions[d->nrevisions - 1].version &&
		    version_cmp(d->revisions[d->nrevisions - 1].version, d->version) != 0)
			fault(c, n, "version", "version=\"%s\" differs from the latest revision (%s)",
			      d->version, d->revisions[d->nrevisions - 1].version);
	}
}

static void
build_records(ctx *c, xmlNode *recs)
{
	isms_org *o = c->org;
	if (!recs)
		return;
	o->records = isms_arena_alloc(c->a, (count(recs, "record") + 1) * sizeof *o->records);
	EACH_NAMED(n, recs, "record") {
		isms_record *r = &o->records[o->nrecords++];
		r->name = text(c, child(n, "name"));
		r->location = text(c, child(n, "location"));
		r->document = document_ref(c, n, "document");
		r->keeper = unit(c, n, "keeper");
		r->retention_years = int_attr(c, n, "retentionYears", 1);
		r->loc = loc(c, n);
	}
}

static int
cmp_measurement(const void *a, const void *b)
{
	const isms_measurement *x = a, *y = b;
	return isms_period_cmp(x->period, y->period);
}

static void
build_objectives(ctx *c, xmlNode *objs)
{
	isms_org *o = c->org;
	o->objectives_year = int_attr(c, objs, "year", o->year);
	if (o->objectives_year != o->year)
		fault(c, objs, "year", "objectives year %d differs from the organisation's "
		      "reporting year %d", o->objectives_year, o->year);
	o->objectives = isms_arena_alloc(c->a, (count(objs, "objective") + 1) * sizeof *o->objectives);
	EACH_NAMED(n, objs, "objective") {
		isms_objective *ob = &o->objectives[o->nobjectives++];
		ob->id = attr(c, n, "id");
		ob->title = text(c, child(n, "title"));
		ob->kpi = text(c, child(n, "kpi"));
		ob->method = text(c, child(n, "method"));
		ob->resources = text(c, child(n, "resources"));
		ob->actions = text_list(c, child(n, "actions"));
		ob->data_source = text(c, child(n, "dataSource"));
		ob->frequency = enum_attr(c, n, "frequency", isms_frequency_names, 0);
		ob->unit = enum_attr(c, n, "unit", isms_measure_unit_names, 0);
		ob->comparator = enum_attr(c, n, "comparator", isms_comparator_names, 0);
		ob->target = num_attr(c, n, "target", NULL);
		ob->last_year = num_attr(c, n, "lastYear", &ob->has_last_year);
		ob->target_dp = dp_attr(c, n, "target");
		ob->last_year_dp = dp_attr(c, n, "lastYear");
		ob->cumulative = enum_attr(c, n, "cumulative", isms_cumulative_names, 0);
		ob->judge = enum_attr(c, n, "judge", isms_judge_names, ISMS_JUDGE_PRO_RATA);
		ob->owner_unit = unit(c, n, "ownerUnit");
		ob->owner = person(c, n, "owner");
		ob->loc = loc(c, n);
		if (attr(c, n, "judge") && ob->cumulative != ISMS_CUM_SUM)
			fault(c, n, "judge", "judge applies to a yearly total (cumulative=\"sum\"), "
			      "not to cumulative=\"%s\"", isms_cumulative_name(ob->cumulative));
		else if (ob->judge == ISMS_JUDGE_YEAR &&
		         ob->comparator != ISMS_CMP_LE && ob->comparator != ISMS_CMP_LT)
			fault(c, n, "judge", "judge=\"year\" is for a cap (comparator le or lt): an "
			      "\"at least\" total judged against the whole year misses until December");
		xmlNode *cw = child(n, "counter");
		if (cw) {
			ob->counter = text(c, cw);
			if (ob->unit != ISMS_UNIT_COUNT)
				fault(c, cw, NULL, "a counting word needs unit=\"count\", not unit=\"%s\"",
				      isms_measure_unit_name(ob->unit));
		}
		ob->units = isms_arena_alloc(c->a, (count(n, "alsoUnit") + 2) * sizeof *ob->units);
		if (ob->owner_unit)
			ob->units[ob->nunits++] = ob->owner_unit;
		EACH_CHILD(u, n) {
			if (!is(u, "alsoUnit"))
				continue;
			isms_unit *au = unit(c, u, "unit");
			for (size_t j = 0; au && j < ob->nunits; j++)
				if (ob->units[j] == au) {
					fault(c, u, "unit", "unit \"%s\" is already responsible for this "
					      "objective", au->id);
					au = NULL;
				}
			if (au)
				ob->units[ob->nunits++] = au;
		}
		ob->milestones = isms_arena_alloc(c->a, (count(n, "milestone") + 1) * sizeof *ob->milestones);
		EACH_CHILD(m, n) {
			if (!is(m, "milestone"))
				continue;
			isms_milestone *ms = &ob->milestones[ob->nmilestones];
			const char *ps = attr(c, m, "period");
			if (!ps || isms_period_parse(ps, &ms->period) < 0) {
				fault(c, m, "period", "period=\"%s\" is neither a quarter (2025Q1) "
				      "nor a month (2025-01)", ps ? ps : "");
				continue;
			}
			ms->target = num_attr(c, m, "target", NULL);
			ms->dp = dp_attr(c, m, "target");
			ms->loc = loc(c, m);
			if (ms->period.year != o->objectives_year)
				fault(c, m, "period", "milestone %s is outside the objectives' year %d",
				      ps, o->objectives_year);
			else if ((ms->period.kind == 'Q') != (ob->frequency == ISMS_FREQ_QUARTERLY))
				fault(c, m, "period", "milestone %s does not fit this %s objective", ps,
				      isms_frequency_name(ob->frequency));
			if (ob->unit == ISMS_UNIT_PERCENT && (ms->target < 0 || ms->target > 100))
				fault(c, m, "target", "a percentage milestone must lie between 0 and 100, "
				      "not %g", ms->target);
			for (size_t j = 0; j < ob->nmilestones; j++)
				if (!isms_period_cmp(ob->milestones[j].period, ms->period))
					fault(c, m, "period", "a second milestone for period %s", ps);
			ob->nmilestones++;
		}
		qsort(ob->milestones, ob->nmilestones, sizeof *ob->milestones, cmp_milestone);
		if (ob->unit == ISMS_UNIT_PERCENT && (ob->target < 0 || ob->target > 100))
			fault(c, n, "target", "a percentage target must lie between 0 and 100, "
			      "not %g", ob->target);
		ob->measurements = isms_arena_alloc(c->a, (count(n, "measurement") + 1) *
		                                    sizeof *ob->measurements);
		EACH_CHILD(m, n) {
			if (!is(m, "measurement"))
				continue;
			isms_measurement *me = &ob->measurements[ob->nmeasurements];
			const char *ps = attr(c, m, "period");
			if (!ps || isms_period_parse(ps, &me->period) < 0) {
				fault(c, m, "period", "period=\"%s\" is neither a quarter (2025Q1) "
				      "nor a month (2025-01)", ps ? ps : "");
				continue;
			}
			me->value = num_attr(c, m, "value", &me->has_value);
			if (me->has_value && dp_attr(c, m, "value") > ob->value_dp)
				ob->value_dp = dp_attr(c, m, "value");
			int hn, hd;
			me->numerator = num_attr(c, m, "numerator", &hn);
			me->denominator = num_attr(c, m, "denominator", &hd);
			me->has_ratio = hn && hd;
			me->reporter = person(c, m, "reporter");
			me->reviewer = person(c, m, "reviewer");
			me->date = date_attr(c, m, "date");
			me->variance = text(c, child(m, "variance"));
			me->comment = text(c, child(m, "comment"));
			me->loc = loc(c, m);
			if (me->period.year != o->objectives_year)
				fault(c, m, "period", "period %s is outside the objectives' year %d",
				      ps, o->objectives_year);
			else if ((me->period.kind == 'Q') != (ob->frequency == ISMS_FREQ_QUARTERLY))
				fault(c, m, "period", "period %s does not fit this %s objective; use %s",
				      ps, isms_frequency_name(ob->frequency),
				      ob->frequency == ISMS_FREQ_QUARTERLY ? "quarters like 2025Q1"
				                                           : "months like 2025-01");
			if (hn != hd)
				fault(c, m, hn ? "numerator" : "denominator",
				      "give numerator and denominator together");
			if (me->has_value && (hn || hd))
				fault(c, m, "value", "give either value or numerator/denominator, not both");
			if (!me->has_value && !hn && !hd)
				fault(c, m, NULL, "measurement for %s has no value: give value=\"...\" or "
				      "numerator/denominator (leave the period out when there is no data)", ps);
			if (hd && me->denominator < 0)
				fault(c, m, "denominator", "denominator must not be negative, not %g",
				      me->denominator);
			else if (hn && hd && me->denominator == 0 && me->numerator != 0)
				fault(c, m, "denominator", "denominator 0 with numerator %g: only 0 of 0 may "
				      "record that there was nothing to measure", me->numerator);
			else if (hn && hd && me->denominator == 0 && !me->variance.zh)
				fault(c, m, NULL, "0 of 0 (nothing to measure in %s) needs a <variance> "
				      "saying why", ps);
			if (hn && hd && me->denominator > 0 && me->numerator > me->denominator &&
			    ob->unit == ISMS_UNIT_PERCENT)
				fault(c, m, "numerator", "numerator %g exceeds denominator %g for a "
				      "percentage", me->numerator, me->denominator);
			if (ob->cumulative == ISMS_CUM_RATIO && me->has_value)
				fault(c, m, "value", "this objective's cumulative figure is a ratio: "
				      "give numerator and denominator instead of value");
			if (me->has_value && ob->unit == ISMS_UNIT_PERCENT &&
			    (me->value < 0 || me->value > 100))
				fault(c, m, "value", "a percentage must lie between 0 and 100, not %g",
				      me->value);
			if (me->date.y && isms_date_cmp(me->date, isms_period_start(me->period)) < 0)
				fault(c, m, "date", "reported before period %s began", ps);
			for (size_t j = 0; j < ob->nmeasurements; j++)
				if (!isms_period_cmp(ob->measurements[j].period, me->period))
					fault(c, m, "period", "a second measurement for period %s of "
					      "objective \"%s\"", ps, ob->id);
			ob->nmeasurements++;
		}
		qsort(ob->measurements, ob->nmeasurements, sizeof *ob->measurements, cmp_measurement);
	}
}

static void
review_items(ctx *c, xmlNode *n, isms_review_items *out)
{
	if (!n || child(n, "none")) {
		out->none = 1;
		return;
	}
	out->items = text_list(c, n);
}

static int
cmp_review(const void *a, const void *b)
{
	const isms_review *x = a, *y = b;
	int k = isms_date_cmp(x->date, y->date);
	return k ? k : strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static isms_action *
find_action(isms_org *o, const char *id, isms_review **origin)
{
	for (size_t i = 0; i < o->nreviews; i++)
		for (size_t j = 0; j < o->reviews[i].nactions; j++)
			if (id && o->reviews[i].actions[j].id && !strcmp(o->reviews[i].actions[j].id, id)) {
				*origin = &o->reviews[i];
				return &o->reviews[i].actions[j];
			}
	return NULL;
}

static void
build_reviews(ctx *c, xmlNode *revs)
{
	isms_org *o = c->org;
	if (!revs)
		return;
	size_t nrev = count(revs, "review");
	o->reviews = isms_arena_alloc(c->a, (nrev + 1) * sizeof *o->reviews);
	/* First pass: everything but follow-ups, which refer to other reviews' actions. */
	EACH_NAMED(n, revs, "review") {
		isms_review *r = &o->reviews[o->nreviews++];
		r->id = attr(c, n, "id");
		r->number = attr(c, n, "number");
		r->number_en = attr(c, n, "numberEn");
		r->date = date_attr(c, n, "date");
		const char *t = attr(c, n, "time");
		if (t && strlen(t) >= 5)
			r->hour = atoi(t), r->minute = atoi(t + 3);
		r->venue = text(c, child(n, "venue"));
		r->chair = person(c, n, "chair");
		r->recorder = person(c, n, "recorder");
		r->loc = loc(c, n);
		r->attendees = isms_arena_alloc(c->a, (count(n, "attendee") + 1) * sizeof *r->attendees);
		r->absentees = isms_arena_alloc(c->a, (count(n, "absentee") + 1) * sizeof *r->absentees);
		EACH_CHILD(m, n) {
			if (is(m, "attendee")) {
				isms_person *p = person(c, m, "person");
				for (size_t j = 0; p && j < r->nattendees; j++)
					if (r->attendees[j] == p)
						fault(c, m, "person", "%s is listed twice as attending", p->id);
				if (p)
					r->attendees[r->nattendees++] = p;
			} else if (is(m, "absentee")) {
				isms_absentee *ab = &r->absentees[r->nabsentees];
				ab->person = person(c, m, "person");
				ab->reason = text(c, child(m, "reason"));
				ab->loc = loc(c, m);
				if (!ab->person)
					continue;
				for (size_t j = 0; j < r->nattendees; j++)
					if (r->attendees[j] == ab->person)
						fault(c, m, "person", "%s is listed both as attending and as "
						      "absent; keep one", ab->person->id);
				for (size_t j = 0; j < r->nabsentees; j++)
					if (r->absentees[j].person == ab->person)
						fault(c, m, "person", "%s is listed twice as absent",
						      ab->person->id);
				r->nabsentees++;
			}
		}
		int chair_present = 0;
		for (size_t j = 0; j < r->nattendees; j++)
			chair_present |= r->attendees[j] == r->chair;
		if (r->chair && !chair_present)
			fault(c, n, "chair", "the chair (%s) is not among the attendees", r->chair->id);
		xmlNode *in = child(n, "inputs");
		for (int k = 0; k < ISMS_IN_COUNT; k++)
			review_items(c, child(in, isms_review_input_names[k]), &r->inputs[k]);
		review_items(c, child(n, "decisions"), &r->decisions);
		review_items(c, child(n, "resourceNeeds"), &r->resource_needs);
		xmlNode *acts = child(n, "actions");
		r->actions = isms_arena_alloc(c->a, (count(acts, "action") + 1) * sizeof *r->actions);
		if (acts)
			EACH_NAMED(m, acts, "action") {
				isms_action *a = &r->actions[r->nactions++];
				a->id = attr(c, m, "id");
				a->text = text(c, m);
				a->owner = person(c, m, "owner");
				a->due = date_attr(c, m, "due");
				a->objective = objective_ref(c, m, "objective");
				a->loc = loc(c, m);
				if (a->due.y && r->date.y && isms_date_cmp(a->due, r->date) <= 0)
					fault(c, m, "due", "action \"%s\" is due on or before the meeting "
					      "that decided it; a due date comes after %04d-%02d-%02d",
					      a->id, r->date.y, r->date.m, r->date.d);
			}
	}
	/* Second pass: follow-ups must name an action of an earlier review. */
	size_t i = 0;
	EACH_NAMED(n, revs, "review") {
		isms_review *r = &o->reviews[i++];
		r->follow_ups = isms_arena_alloc(c->a, (count(n, "followUp") + 1) * sizeof *r->follow_ups);
		EACH_CHILD(m, n) {
			if (!is(m, "followUp"))
				continue;
			isms_follow_up *f = &r->follow_ups[r->nfollow_ups];
			const char *id = attr(c, m, "action");
			isms_review *origin = NULL;
			f->action = find_action(o, id, &origin);
			f->status = enum_attr(c, m, "status", isms_action_status_names, 0);
			f->closed = date_attr(c, m, "closed");
			f->note = text(c, m);
			f->loc = loc(c, m);
			if (!f->action) {
				fault(c, m, "action", "action=\"%s\": action \"%s\" is not defined in any "
				      "review's <actions>", id ? id : "", id ? id : "");
				continue;
			}
			if (origin == r || (origin->date.y && r->date.y &&
			                    isms_date_cmp(origin->date, r->date) >= 0)) {
				fault(c, m, "action", "action \"%s\" was decided at review %s, not at an "
				      "earlier one", id, origin->number ? origin->number : "?");
				continue;
			}
			if (f->status == ISMS_ACTION_CLOSED && !f->closed.y)
				fault(c, m, "closed", "a closed action needs closed=\"YYYY-MM-DD\"");
			if (f->closed.y && r->date.y && isms_date_cmp(f->closed, r->date) > 0)
				fault(c, m, "closed", "closed after this meeting's date");
			r->nfollow_ups++;
		}
	}
	/* Actions keep pointers into reviews: set origins after the array is final. */
	qsort(o->reviews, o->nreviews, sizeof *o->reviews, cmp_review);
	for (size_t k = 0; k < o->nreviews; k++)
		for (size_t j = 0; j < o->reviews[k].nactions; j++)
			o->reviews[k].actions[j].origin = &o->reviews[k];
}

/* "A.5.2, A.5.3–A.5.8, A.6.1" from the catalogue's unaddressed controls. */
static void
ranges(const int *missing, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < isms_annex_a_count && o < size; i++) {
		if (!missing[i])
			continue;
		size_t j = i;
		while (j + 1 < isms_annex_a_count && missing[j + 1] &&
		       isms_annex_a[j + 1].id[2] == isms_annex_a[i].id[2]) /* same clause */
			j++;
		o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", isms_annex_a[i].id);
		if (j > i && o < size)
			o += (size_t)snprintf(buf + o, size - o, "–%s", isms_annex_a[j].id);
		i = j;
	}
}

static void
build_soa(ctx *c, xmlNode *soa)
{
	isms_org *o = c->org;
	if (!soa)
		return;
	o->soa_catalogue = attr(c, soa, "catalogue");
	o->soa_catalogue_en = attr(c, soa, "catalogueEn");
	o->controls = isms_arena_alloc(c->a, (count(soa, "control") + 1) * sizeof *o->controls);
	int *seen = isms_arena_alloc(c->a, isms_annex_a_count * sizeof *seen);
	EACH_NAMED(n, soa, "control") {
		isms_control *ct = &o->controls[o->ncontrols++];
		ct->id = attr(c, n, "id");
		ct->title = text(c, child(n, "title"));
		ct->justification = text(c, child(n, "justification"));
		const char *ap = attr(c, n, "applicable");
		ct->applicable = ap && (!strcmp(ap, "true") || !strcmp(ap, "1"));
		ct->status = enum_attr(c, n, "status", isms_control_status_names, 0);
		ct->loc = loc(c, n);
		const isms_catalogue_control *cc = isms_annex_a_find(ct->id);
		if (!cc) {
			fault(c, n, "id", "%s is not a control of ISO/IEC 27001:2022 Annex A "
			      "(A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14, A.8.1–A.8.34)", ct->id);
		} else {
			if (seen[cc - isms_annex_a])
				fault(c, n, "id", "control %s is listed twice", ct->id);
			seen[cc - isms_annex_a] = 1;
			if (!ct->title.zh)
				ct->title = cc->title;
		}
		if (!ct->applicable && ct->status != ISMS_CTL_NOT_APPLICABLE)
			fault(c, n, "status", "an excluded control (applicable=\"false\") has "
			      "status \"not-applicable\"");
		if (ct->applicable && ct->status == ISMS_CTL_NOT_APPLICABLE)
			fault(c, n, "status", "an applicable control cannot be \"not-applicable\"");
		if (!ct->applicable && !ct->justification.zh)
			fault(c, n, NULL, "control %s is excluded: give a <justification> for the "
			      "exclusion", ct->id ? ct->id : "");
		ct->references = isms_arena_alloc(c->a, (count(n, "reference") + 1) * sizeof *ct->references);
		EACH_CHILD(r, n)
			if (is(r, "reference")) {
				isms_document *d = document_ref(c, r, "document");
				if (d)
					ct->references[ct->nreferences++] = d;
			}
	}
	int missing[128] = {0}, nmissing = 0;
	for (size_t i = 0; i < isms_annex_a_count; i++)
		nmissing += missing[i] = !seen[i];
	if (nmissing) {
		char list[1024];
		ranges(missing, list, sizeof list);
		isms_loc l = loc(c, soa);
		isms_warn(&l, "%d of the %zu Annex A controls are not addressed; the SoA marks them "
		          "未評估 (not assessed): %s", nmissing, isms_annex_a_count, list);
	}
}

/* A custom clause's content as a template node: the same kinds, so the documents
 * print an organisation's clause exactly as a template's. */
static isms_tpl_text
tpl_text(ctx *c, xmlNode *n)
{
	isms_tpl_text t = {0};
	if (!n)
		return t;
	isms_text x = text(c, n);
	t.zh = x.zh;
	t.en = x.en;
	if (child(n, "zh"))
		t.zh_loc = loc(c, child(n, "zh"));
	if (child(n, "en"))
		t.en_loc = loc(c, child(n, "en"));
	return t;
}

static void
custom_node(ctx *c, xmlNode *n, isms_tpl_node *out)
{
	out->loc = loc(c, n);
	if (is(n, "p") || is(n, "cell")) {
		out->kind = ISMS_TPL_PARA;
		out->text = tpl_text(c, n);
		return;
	}
	out->kind = is(n, "list") ? ISMS_TPL_LIST : is(n, "item") ? ISMS_TPL_ITEM
	            : is(n, "table") ? ISMS_TPL_TABLE : is(n, "head") || is(n, "row") ? ISMS_TPL_ROW
	            : ISMS_TPL_CLAUSE;
	if (out->kind == ISMS_TPL_LIST) {
		const char *style = attr(c, n, "style");
		out->numbered = style && !strcmp(style, "numbered");
	}
	out->head = is(n, "head");
	if (out->kind == ISMS_TPL_ITEM)
		out->text = tpl_text(c, n);
	else if (out->kind == ISMS_TPL_CLAUSE)
		out->text = tpl_text(c, child(n, "heading"));
	size_t k = 0;
	EACH_CHILD(m, n)
		k++;
	out->children = isms_arena_alloc(c->a, (k + 1) * sizeof *out->children);
	EACH_CHILD(m, n)
		if (!is(m, "heading") && !is(m, "zh") && !is(m, "en"))
			custom_node(c, m, (isms_tpl_node *)&out->children[out->nchildren++]);
	if (out->kind == ISMS_TPL_TABLE)
		for (size_t i = 1; i < out->nchildren; i++)
			if (out->children[i].nchildren != out->children[0].nchildren) {
				isms_error(&out->children[i].loc, "this table row has %zu cell(s) where the "
				           "first row has %zu: every row needs as many cells",
				           out->children[i].nchildren, out->children[0].nchildren);
				c->errors++;
			}
	if (out->kind == ISMS_TPL_CLAUSE && !out->nchildren && !out->text.zh)
		fault(c, n, NULL, "a custom clause needs a heading or some content");
}

static void
build_custom(ctx *c, xmlNode *cl)
{
	isms_org *o = c->org;
	if (!cl)
		return;
	o->clauses = isms_arena_alloc(c->a, (count(cl, "clause") + count(cl, "remove") + 1) *
	                                        sizeof *o->clauses);
	EACH_CHILD(n, cl) {
		if (!is(n, "clause") && !is(n, "remove"))
			continue; /* the schema has spoken about it */
		isms_custom_clause *k = &o->clauses[o->nclauses++];
		k->document = enum_attr(c, n, "document", isms_doc_kind_names, 0);
		k->loc = loc(c, n);
		if (is(n, "remove")) {
			/* a template clause left out, and why (00-model.txt and the document text
			 * of the pack keep the reason) */
			k->remove = attr(c, n, "clause");
			k->reason = text(c, child(n, "reason"));
			continue;
		}
		k->replace = attr(c, n, "replace");
		k->after = attr(c, n, "after");
		isms_tpl_node *body = isms_arena_alloc(c->a, sizeof *body);
		custom_node(c, n, body);
		k->body = body;
		if (!k->replace == !k->after)
			fault(c, n, NULL, "a custom clause needs exactly one of replace=\"...\" or "
			      "after=\"...\" (the id of a template clause)");
	}
}

/* ---------- clause 5 leadership documents ---------- */

/* A date of the leadership data inside the objectives' year; 0 when it is. */
static int
in_year(ctx *c, xmlNode *n, const char *name, isms_date d, const char *what)
{
	int y = c->org->objectives_year;
	if (!d.y || d.y == y)
		return 0;
	char b[32];
	fault(c, n, name, "%s=\"%s\": %s is outside the objectives' year %d; a record belongs "
	      "to the year it happened in", name, isms_date_iso(d, b, sizeof b), what, y);
	return 1;
}

static int
cmp_communication(const void *a, const void *b)
{
	const isms_communication *x = a, *y = b;
	int k = isms_date_cmp(x->date, y->date);
	/* the input order among communications of one day */
	return k ? k : (x->loc.line > y->loc.line) - (x->loc.line < y->loc.line);
}

static void
build_communications(ctx *c, xmlNode *cn)
{
	isms_leadership *l = &c->org->leadership;
	l->has_communications = 1;
	l->communications_loc = loc(c, cn);
	l->communications = isms_arena_alloc(c->a, (count(cn, "communication") + 1) * sizeof *l->communications);
	EACH_CHILD(n, cn) {
		isms_communication *m = &l->communications[l->ncommunications++];
		m->date = date_attr(c, n, "date");
		m->channel = enum_attr(c, n, "channel", isms_channel_names, 0);
		m->by = person(c, n, "by");
		m->subject = text(c, child(n, "subject"));
		m->audience = text(c, child(n, "audience"));
		m->loc = loc(c, n);
		in_year(c, n, "date", m->date, "a communication of the policy");
		m->acks = isms_arena_alloc(c->a, (count(n, "ack") + 1) * sizeof *m->acks);
		EACH_CHILD(k, n) {
			if (!is(k, "ack"))
				continue;
			isms_ack *a = &m->acks[m->nacks++];
			a->person = person(c, k, "person");
			a->date = date_attr(c, k, "date");
			a->loc = loc(c, k);
			char b[32], e[32];
			if (a->date.y && m->date.y && isms_date_cmp(a->date, m->date) < 0)
				fault(c, k, "date", "date=\"%s\" is before the communication it acknowledges "
				      "(%s)", isms_date_iso(a->date, b, sizeof b), isms_date_iso(m->date, e, sizeof e));
			else
				in_year(c, k, "date", a->date, "an acknowledgement");
			for (size_t j = 0; a->person && j + 1 < m->nacks; j++)
				if (m->acks[j].person == a->person)
					fault(c, k, "person", "person=\"%s\" has already acknowledged this "
					      "communication", a->person->id);
		}
	}
	qsort(l->communications, l->ncommunications, sizeof *l->communications, cmp_communication);
}

static void
build_leadership(ctx *c, xmlNode *ld)
{
	isms_org *o = c->org;
	isms_leadership *l = &o->leadership;
	xmlNode *cm = ld ? child(ld, "commitment") : NULL;
	xmlNode *ap = ld ? child(ld, "appointments") : NULL;
	xmlNode *cn = ld ? child(ld, "communications") : NULL;
	char b[32];
	if (cm) {
		l->has_commitment = 1;
		l->commitment_date = date_attr(c, cm, "date");
		l->commitment_signer = person(c, cm, "signer");
		l->commitment_loc = loc(c, cm);
		l->commitment_text.v = isms_arena_alloc(c->a, (count(cm, "p") + 1) * sizeof *l->commitment_text.v);
		EACH_CHILD(p, cm)
			if (is(p, "p"))
				l->commitment_text.v[l->commitment_text.n++] = text(c, p);
		if (l->commitment_date.y > o->objectives_year)
			fault(c, cm, "date", "date=\"%s\" is after the objectives' year %d",
			      isms_date_iso(l->commitment_date, b, sizeof b), o->objectives_year);
	}
	if (ap) {
		l->has_appointments = 1;
		l->appointment_number = attr(c, ap, "number");
		l->appointment_date = date_attr(c, ap, "date");
		l->appointment_effective = date_attr(c, ap, "effective");
		l->appointment_signer = person(c, ap, "signer");
		l->appointment_basis = enum_attr(c, ap, "basis", isms_appoint_basis_names, 0);
		l->appointment_decided = date_attr(c, ap, "decided");
		l->appointment_loc = loc(c, ap);
		if (l->appointment_date.y > o->objectives_year)
			fault(c, ap, "date", "date=\"%s\" is after the objectives' year %d",
			      isms_date_iso(l->appointment_date, b, sizeof b), o->objectives_year);
		if (l->appointment_basis == ISMS_BASIS_BOARD && o->kind != ISMS_ORG_COMPANY)
			fault(c, ap, "basis", "basis=\"board\": only a company appoints by its board's "
			      "resolution; an agency or a school appoints by its head (leave basis out)");
		if (l->appointment_basis == ISMS_BASIS_BOARD && !l->appointment_decided.y)
			fault(c, ap, "basis", "basis=\"board\" needs decided=\"YYYY-MM-DD\", the date of "
			      "the board's resolution");
		if (l->appointment_basis != ISMS_BASIS_BOARD && l->appointment_decided.y)
			fault(c, ap, "decided", "decided=\"...\" is the date of a board's resolution: "
			      "give it with basis=\"board\"");
		if (l->appointment_decided.y && l->appointment_date.y &&
		    isms_date_cmp(l->appointment_decided, l->appointment_date) > 0)
			fault(c, ap, "decided", "the board's resolution is dated after the letter (%s)",
			      isms_date_iso(l->appointment_date, b, sizeof b));
	}
	if (cn)
		build_communications(c, cn);
	/* each part and its register entry come together: the entry gives the document's
	 * number, version and approvals, the part gives what it says */
	static const struct {
		enum isms_doc_kind kind;
		const char *element;
	} parts[] = {{ISMS_DOC_COMMITMENT, "commitment"}, {ISMS_DOC_APPOINTMENTS, "appointments"},
	             {ISMS_DOC_POLICY_COMM, "communications"}};
	xmlNode *given[] = {cm, ap, cn};
	for (size_t i = 0; i < 3; i++) {
		const isms_document *d = isms_org_document_of_kind(o, parts[i].kind);
		const char *kn = isms_doc_kind_name(parts[i].kind);
		if (given[i] && !d)
			fault(c, given[i], NULL, "<%s> has no document in the register: add a <document "
			      "kind=\"%s\"> (its number, version and approvals) to <documents>",
			      parts[i].element, kn);
		if (d && !given[i]) {
			isms_loc dl = d->loc;
			isms_diag(ISMS_ERROR, &dl, "the register lists the %s document %s, but the data "
			          "has no <leadership><%s>: add it (what the document says), or remove "
			          "this entry", kn, d->number, parts[i].element);
			c->errors++;
		}
	}
}

static isms_org *
build(ctx *c, xmlNode *root)
{
	isms_arena *a = isms_arena_new();
	isms_org *o = isms_arena_alloc(a, sizeof *o);
	o->arena = a;
	c->a = a;
	c->org = o;
	o->id = attr(c, root, "id");
	o->kind = enum_attr(c, root, "kind", isms_org_kind_names, 0);
	o->year = int_attr(c, root, "year", 0);
	o->name = text(c, child(root, "name"));
	o->short_name = text(c, child(root, "shortName"));
	o->sector = content(c, child(root, "sector"));
	o->address = text(c, child(root, "address"));
	o->scope = text(c, child(root, "scope"));
	o->head_title = text(c, child(root, "headTitle"));
	xmlNode *s = child(root, "settings");
	o->settings.corrective_after_misses = s ? int_attr(c, s, "correctiveAfterMisses", 2) : 2;
	o->settings.internal_audits_per_year = s ? int_attr(c, s, "internalAuditsPerYear", 1) : 1;
	o->settings.reviews_per_year = s ? int_attr(c, s, "reviewsPerYear", 1) : 1;
	o->settings.drill_interval_months = s ? int_attr(c, s, "drillIntervalMonths", 12) : 12;
	o->settings.policy_review_months = s ? int_attr(c, s, "policyReviewMonths", 12) : 12;

	xmlNode *units = child(root, "units");
	build_units(c, units);
	build_people(c, child(root, "people"));
	link_units(c, units);
	build_bodies(c, child(root, "bodies"));
	build_approvals(c, child(root, "approvals"));
	build_documents(c, child(root, "documents"));
	build_records(c, child(root, "records"));
	build_objectives(c, child(root, "objectives"));
	build_reviews(c, child(root, "reviews"));
	build_soa(c, child(root, "soa"));
	build_custom(c, child(root, "customClauses"));
	build_leadership(c, child(root, "leadership"));
	if (!c->errors)
		c->errors += isms_load_facts(c->x, root, o);
	return o;
}

int
isms_load(const char *path, isms_org **out)
{
	*out = NULL;
	isms_xml *x = NULL;
	int rc = isms_xml_open(&x, path, ISMS_SCHEMA_ORGANISATION);
	/* Schema faults do not hide the other checks: they run on the tree as read,
	 * quiet where the schema has spoken (isms_xml_quiet), so one run reports all. */
	if (rc == 0 || (rc == ISMS_EXIT_DATAERR && isms_xml_checkable(x))) {
		ctx c = {x, NULL, NULL, 0, NULL, 0};
		isms_org *o = build(&c, isms_xml_root(x));
		free(c.bad_enum);
		if (rc || c.errors) {
			isms_org_free(o);
			rc = ISMS_EXIT_DATAERR;
		} else {
			const char **files;
			size_t n = isms_xml_files(x, &files);
			o->files = isms_arena_alloc(o->arena, n * sizeof *o->files);
			for (size_t i = 0; i < n; i++)
				o->files[i] = isms_arena_strdup(o->arena, files[i]);
			o->nfiles = n;
			*out = o;
		}
	}
	isms_xml_free(x);
	return rc;
}
