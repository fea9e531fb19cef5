/* Canonical text dump of the model, one fact per line, in input order (model layer).
 * The golden tests compare it with diff -u, so every field the loader fills appears. */
#include "model.h"
#include "template.h"
#include "base/buf.h"

#include <stdio.h>

static void
text(isms_buf *o, int ind, const char *key, isms_text t)
{
	if (!t.zh)
		return;
	isms_buf_printf(o, "%*s%s: %s\n", ind, "", key, t.zh);
	if (t.en)
		isms_buf_printf(o, "%*s%s.en: %s\n", ind, "", key, t.en);
}

static void
list(isms_buf *o, int ind, const char *key, isms_text_list l)
{
	for (size_t i = 0; i < l.n; i++) {
		char k[96];
		snprintf(k, sizeof k, "%s[%zu]", key, i + 1);
		text(o, ind, k, l.v[i]);
	}
}

/* A custom clause's content, one line per heading, paragraph, item and cell. */
static void
tpl_node(isms_buf *o, int ind, const isms_tpl_node *n)
{
	static const char *const kinds[] = {"clause", "p", "generated", "list", "item", "table", "row"};
	isms_buf_printf(o, "%*s%s", ind, "", kinds[n->kind]);
	if (n->kind == ISMS_TPL_LIST)
		isms_buf_puts(o, n->numbered ? " numbered" : " bullet");
	if (n->kind == ISMS_TPL_ROW && n->head)
		isms_buf_puts(o, " head");
	isms_buf_putc(o, '\n');
	text(o, ind + 2, n->kind == ISMS_TPL_CLAUSE ? "heading" : "text", (isms_text){n->text.zh, n->text.en});
	for (size_t i = 0; i < n->nchildren; i++)
		tpl_node(o, ind + 2, &n->children[i]);
}

static void
num(isms_buf *o, const char *key, double v)
{
	/* -0 is printed as 0: the dump states values, not how they were computed */
	isms_buf_printf(o, " %s=%.15g", key, v == 0 ? 0.0 : v);
}

static const char *
pid(const isms_person *p)
{
	return p ? p->id : "-";
}

static void
date(isms_buf *o, const char *key, isms_date d)
{
	char b[32];
	if (d.y)
		isms_buf_printf(o, " %s=%s", key, isms_date_iso(d, b, sizeof b));
}

static void
items(isms_buf *o, int ind, const char *key, const isms_review_items *it)
{
	if (it->none) {
		isms_buf_printf(o, "%*s%s: (none)\n", ind, "", key);
		return;
	}
	list(o, ind, key, it->items);
}

static void
dump_leadership(isms_buf *o, const isms_leadership *l)
{
	if (l->has_commitment) {
		isms_buf_printf(o, "commitment signer=%s", pid(l->commitment_signer));
		date(o, "date", l->commitment_date);
		isms_buf_putc(o, '\n');
		list(o, 2, "p", l->commitment_text);
	}
	if (l->has_appointments) {
		isms_buf_printf(o, "appointments number=%s signer=%s basis=%s", l->appointment_number,
		                pid(l->appointment_signer), isms_appoint_basis_names[l->appointment_basis]);
		date(o, "date", l->appointment_date);
		date(o, "effective", l->appointment_effective);
		date(o, "decided", l->appointment_decided);
		isms_buf_putc(o, '\n');
	}
	if (l->has_communications)
		isms_buf_printf(o, "communications %zu\n", l->ncommunications);
	for (size_t i = 0; i < l->ncommunications; i++) {
		const isms_communication *c = &l->communications[i];
		isms_buf_printf(o, "communication channel=%s by=%s", isms_channel_name(c->channel), pid(c->by));
		date(o, "date", c->date);
		isms_buf_putc(o, '\n');
		text(o, 2, "subject", c->subject);
		text(o, 2, "audience", c->audience);
		for (size_t k = 0; k < c->nacks; k++) {
			isms_buf_printf(o, "  ack person=%s", pid(c->acks[k].person));
			date(o, "date", c->acks[k].date);
			isms_buf_putc(o, '\n');
		}
	}
}

void
isms_org_dump(const isms_org *org, isms_buf *o)
{
	isms_buf_printf(o, "organisation id=%s kind=%s year=%d sector=%s\n", org->id,
	                isms_org_kind_name(org->kind), org->year, org->sector);
	text(o, 2, "name", org->name);
	text(o, 2, "shortName", org->short_name);
	text(o, 2, "address", org->address);
	text(o, 2, "scope", org->scope);
	text(o, 2, "headTitle", org->head_title);
	const isms_settings *s = &org->settings;
	isms_buf_printf(o, "  settings correctiveAfterMisses=%d internalAuditsPerYear=%d "
	                "reviewsPerYear=%d drillIntervalMonths=%d policyReviewMonths=%d\n",
	                s->corrective_after_misses, s->internal_audits_per_year,
	                s->reviews_per_year, s->drill_interval_months, s->policy_review_months);

	for (size_t i = 0; i < org->nunits; i++) {
		const isms_unit *u = &org->units[i];
		isms_buf_printf(o, "unit %s parent=%s head=%s\n", u->id,
		                u->parent ? u->parent->id : "-", pid(u->head));
		text(o, 2, "name", u->name);
	}
	for (size_t i = 0; i < org->npeople; i++) {
		const isms_person *p = &org->people[i];
		isms_buf_printf(o, "person %s unit=%s", p->id, p->unit->id);
		date(o, "left", p->left);
		isms_buf_puts(o, "\n");
		text(o, 2, "name", p->name);
		text(o, 2, "jobTitle", p->job_title);
	}
	for (size_t i = 0; i < org->nbodies; i++) {
		const isms_body *b = &org->bodies[i];
		isms_buf_printf(o, "body %s kind=%s parent=%s\n", b->id,
		                isms_body_kind_name(b->kind), b->parent ? b->parent->id : "-");
		text(o, 2, "name", b->name);
		text(o, 2, "abbreviation", b->abbreviation);
		text(o, 2, "basis", b->basis);
		text(o, 2, "establishment", b->establishment);
		text(o, 2, "appointment", b->appointment);
		for (size_t j = 0; j < b->nagenda; j++) {
			char k[48];
			snprintf(k, sizeof k, "agenda[%zu]", j + 1);
			text(o, 2, k, b->agenda[j].text);
			snprintf(k, sizeof k, "agenda[%zu].sub", j + 1);
			list(o, 4, k, b->agenda[j].sub);
		}
		list(o, 2, "duty", b->duties);
		for (size_t j = 0; j < b->nroles; j++) {
			const isms_role *r = &b->roles[j];
			isms_buf_printf(o, "  role %s person=%s", isms_role_kind_name(r->kind),
			                r->person->id);
			for (int d = 0, n = 0; d < ISMS_DOC_KIND_COUNT; d++)
				if (r->reviews & (1u << d))
					isms_buf_printf(o, "%s%s", n++ ? "," : " reviews=", isms_doc_kind_name((enum isms_doc_kind)d));
			isms_buf_putc(o, '\n');
			text(o, 4, "title", r->title);
			text(o, 4, "dutyHeading", r->duty_heading);
			list(o, 4, "duty", r->duties);
		}
	}
	for (size_t i = 0; i < org->napprovals; i++) {
		const isms_approval *a = &org->approvals[i];
		isms_buf_printf(o, "approval %s drafter=%s reviewer=%s approver=%s\n",
		                isms_doc_kind_name(a->kind), a->drafter->id, a->reviewer->id,
		                a->approver->id);
	}
	for (size_t i = 0; i < org->ndocuments; i++) {
		const isms_document *d = &org->documents[i];
		isms_buf_printf(o, "document %s kind=%s number=%s tier=%d version=%s",
		                d->id, isms_doc_kind_name(d->kind), d->number, d->tier, d->version);
		date(o, "issued", d->issued);
		isms_buf_printf(o, " unit=%s author=%s reviewer=%s approver=%s",
		                d->issuing_unit->id, d->author->id, d->reviewer->id, d->approver->id);
		if (d->drafter)
			isms_buf_printf(o, " drafter=%s", d->drafter->id);
		isms_buf_puts(o, "\n");
		text(o, 2, "title", d->title);
		text(o, 2, "classification", d->classification);
		for (size_t j = 0; j < d->nrevisions; j++) {
			const isms_revision *r = &d->revisions[j];
			isms_buf_printf(o, "  revision %s", r->version);
			date(o, "date", r->date);
			isms_buf_printf(o, " author=%s\n", r->author->id);
			text(o, 4, "text", r->description);
		}
	}
	for (size_t i = 0; i < org->nrecords; i++) {
		const isms_record *r = &org->records[i];
		isms_buf_printf(o, "record document=%s keeper=%s retentionYears=%d\n",
		                r->document ? r->document->id : "-", r->keeper->id,
		                r->retention_years);
		text(o, 2, "name", r->name);
		text(o, 2, "location", r->location);
	}
	isms_buf_printf(o, "objectives year=%d\n", org->objectives_year);
	for (size_t i = 0; i < org->nobjectives; i++) {
		const isms_objective *ob = &org->objectives[i];
		isms_buf_printf(o, "objective %s frequency=%s unit=%s comparator=%s", ob->id,
		                isms_frequency_name(ob->frequency),
		                isms_measure_unit_name(ob->unit),
		                isms_comparator_name(ob->comparator));
		num(o, "target", ob->target);
		if (ob->has_last_year)
			num(o, "lastYear", ob->last_year);
		isms_buf_printf(o, " cumulative=%s", isms_cumulative_name(ob->cumulative));
		if (ob->judge != ISMS_JUDGE_PRO_RATA)
			isms_buf_printf(o, " judge=%s", isms_judge_name(ob->judge));
		isms_buf_printf(o, " ownerUnit=%s owner=%s\n", ob->owner_unit->id, ob->owner->id);
		for (size_t j = 1; j < ob->nunits; j++)
			isms_buf_printf(o, "  alsoUnit %s\n", ob->units[j]->id);
		if (ob->counter.zh)
			text(o, 2, "counter", ob->counter);
		for (size_t j = 0; j < ob->nmilestones; j++) {
			char pb[16];
			isms_buf_printf(o, "  milestone %s",
			                isms_period_format(ob->milestones[j].period, pb, sizeof pb));
			num(o, "target", ob->milestones[j].target);
			isms_buf_printf(o, "\n");
		}
		text(o, 2, "title", ob->title);
		text(o, 2, "kpi", ob->kpi);
		text(o, 2, "method", ob->method);
		text(o, 2, "resources", ob->resources);
		list(o, 2, "action", ob->actions);
		text(o, 2, "dataSource", ob->data_source);
		for (size_t j = 0; j < ob->nmeasurements; j++) {
			const isms_measurement *m = &ob->measurements[j];
			char pb[16];
			isms_buf_printf(o, "  measurement %s",
			                isms_period_format(m->period, pb, sizeof pb));
			if (m->has_value)
				num(o, "value", m->value);
			if (m->has_ratio) {
				num(o, "numerator", m->numerator);
				num(o, "denominator", m->denominator);
			}
			isms_buf_printf(o, " reporter=%s", m->reporter->id);
			date(o, "date", m->date);
			if (m->reviewer)
				isms_buf_printf(o, " reviewer=%s", m->reviewer->id);
			isms_buf_putc(o, '\n');
			text(o, 4, "variance", m->variance);
			text(o, 4, "comment", m->comment);
		}
	}
	for (size_t i = 0; i < org->nreviews; i++) {
		const isms_review *r = &org->reviews[i];
		isms_buf_printf(o, "review %s number=%s", r->id, r->number);
		if (r->number_en)
			isms_buf_printf(o, " numberEn=%s", r->number_en);
		date(o, "date", r->date);
		isms_buf_printf(o, " time=%02d:%02d chair=%s recorder=%s\n", r->hour,
		                r->minute, r->chair->id, r->recorder->id);
		text(o, 2, "venue", r->venue);
		for (size_t j = 0; j < r->nattendees; j++)
			isms_buf_printf(o, "  attendee %s\n", r->attendees[j]->id);
		for (size_t j = 0; j < r->nabsentees; j++) {
			isms_buf_printf(o, "  absentee %s\n", r->absentees[j].person->id);
			text(o, 4, "reason", r->absentees[j].reason);
		}
		for (size_t j = 0; j < r->nfollow_ups; j++) {
			const isms_follow_up *f = &r->follow_ups[j];
			isms_buf_printf(o, "  followUp %s status=%s", f->action->id,
			                isms_action_status_name(f->status));
			date(o, "closed", f->closed);
			isms_buf_putc(o, '\n');
			text(o, 4, "note", f->note);
		}
		for (int k = 0; k < ISMS_IN_COUNT; k++)
			items(o, 2, isms_review_input_name((enum isms_review_input)k), &r->inputs[k]);
		items(o, 2, "decision", &r->decisions);
		items(o, 2, "resourceNeed", &r->resource_needs);
		for (size_t j = 0; j < r->nactions; j++) {
			const isms_action *a = &r->actions[j];
			isms_buf_printf(o, "  action %s owner=%s", a->id, a->owner->id);
			date(o, "due", a->due);
			if (a->objective)
				isms_buf_printf(o, " objective=%s", a->objective->id);
			isms_buf_putc(o, '\n');
			text(o, 4, "text", a->text);
		}
	}
	if (org->soa_catalogue)
		isms_buf_printf(o, "soa catalogue=%s\n", org->soa_catalogue);
	for (size_t i = 0; i < org->ncontrols; i++) {
		const isms_control *c = &org->controls[i];
		isms_buf_printf(o, "control %s applicable=%s status=%s", c->id,
		                c->applicable ? "yes" : "no", isms_control_status_name(c->status));
		for (size_t j = 0; j < c->nreferences; j++)
			isms_buf_printf(o, "%s%s", j ? "," : " references=", c->references[j]->id);
		isms_buf_putc(o, '\n');
		text(o, 2, "title", c->title);
		text(o, 2, "justification", c->justification);
	}
	for (size_t i = 0; i < org->nclauses; i++) {
		const isms_custom_clause *k = &org->clauses[i];
		const char *how = k->replace ? "replace" : k->after ? "after" : "remove";
		isms_buf_printf(o, "customClause document=%s %s=%s\n", isms_doc_kind_name(k->document),
		                how, k->replace ? k->replace : k->after ? k->after : k->remove);
		text(o, 2, "reason", k->reason);
		if (k->body)
			tpl_node(o, 2, k->body);
	}
	dump_leadership(o, &org->leadership);
}
