/* Model helpers: lookups, periods, enum names (model layer; no I/O). */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const isms_org_kind_names[] = {"agency", "school", "company", NULL};
const char *const isms_body_kind_names[] = {"committee", "execution", "audit", NULL};
const char *const isms_role_kind_names[] = {"chair", "viceChair", "leader", "officer",
	"secretary", "member", NULL};
const char *const isms_doc_kind_names[] = {"policy", "organisation-procedure",
	"objectives-procedure", "target-form", "review-form", "kpi-table", "review-minutes",
	"soa", "commitment", "appointments", "policy-communication", "other", NULL};
const char *const isms_measure_unit_names[] = {"percent", "hours", "days", "count", NULL};
const char *const isms_comparator_names[] = {"ge", "gt", "le", "lt", "eq", NULL};
const char *const isms_cumulative_names[] = {"sum", "mean", "last", "ratio", NULL};
const char *const isms_judge_names[] = {"pro-rata", "year", NULL};
const char *const isms_frequency_names[] = {"quarterly", "monthly", NULL};
const char *const isms_action_status_names[] = {"open", "in-progress", "closed",
	"cancelled", NULL};
const char *const isms_control_status_names[] = {"implemented", "partial", "planned",
	"not-applicable", NULL};
const char *const isms_channel_names[] = {"email", "meeting", "intranet", "training",
	"document", "other", NULL};
const char *const isms_appoint_basis_names[] = {"head", "board", NULL};
const char *const isms_review_input_names[] = {"issuesChanges", "interestedParties",
	"nonconformities", "monitoring", "auditResults", "feedback", "risks", "improvements",
	NULL};

int
isms_enum_lookup(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *isms_org_kind_name(enum isms_org_kind k) { return isms_org_kind_names[k]; }
const char *isms_body_kind_name(enum isms_body_kind k) { return isms_body_kind_names[k]; }
const char *isms_role_kind_name(enum isms_role_kind k) { return isms_role_kind_names[k]; }
const char *isms_doc_kind_name(enum isms_doc_kind k) { return isms_doc_kind_names[k]; }
const char *isms_measure_unit_name(enum isms_measure_unit u) { return isms_measure_unit_names[u]; }
const char *isms_comparator_name(enum isms_comparator c) { return isms_comparator_names[c]; }
const char *isms_cumulative_name(enum isms_cumulative c) { return isms_cumulative_names[c]; }
const char *isms_judge_name(enum isms_judge j) { return isms_judge_names[j]; }
const char *isms_frequency_name(enum isms_frequency f) { return isms_frequency_names[f]; }
const char *isms_action_status_name(enum isms_action_status s) { return isms_action_status_names[s]; }
const char *isms_control_status_name(enum isms_control_status s) { return isms_control_status_names[s]; }
const char *isms_review_input_name(enum isms_review_input i) { return isms_review_input_names[i]; }
const char *isms_channel_name(enum isms_channel c) { return isms_channel_names[c]; }

void
isms_org_free(isms_org *org)
{
	if (!org)
		return;
	isms_arena_free(org->arena); /* the org itself lives in its arena */
}

isms_person *
isms_org_person(const isms_org *org, const char *id)
{
	for (size_t i = 0; i < org->npeople; i++)
		if (id && org->people[i].id && strcmp(org->people[i].id, id) == 0)
			return &org->people[i];
	return NULL;
}

isms_unit *
isms_org_unit(const isms_org *org, const char *id)
{
	for (size_t i = 0; i < org->nunits; i++)
		if (id && org->units[i].id && strcmp(org->units[i].id, id) == 0)
			return &org->units[i];
	return NULL;
}

isms_body *
isms_org_body_of_kind(const isms_org *org, enum isms_body_kind kind)
{
	for (size_t i = 0; i < org->nbodies; i++)
		if (org->bodies[i].kind == kind)
			return &org->bodies[i];
	return NULL;
}

isms_document *
isms_org_document_of_kind(const isms_org *org, enum isms_doc_kind kind)
{
	for (size_t i = 0; i < org->ndocuments; i++)
		if (org->documents[i].kind == kind)
			return &org->documents[i];
	return NULL;
}

isms_role *
isms_body_role(const isms_body *body, enum isms_role_kind kind)
{
	for (size_t i = 0; i < body->nroles; i++)
		if (body->roles[i].kind == kind)
			return &body->roles[i];
	return NULL;
}

int
isms_period_parse(const char *s, isms_period *out)
{
	int y, i;
	char tail;
	if (strlen(s) == 6 && sscanf(s, "%4dQ%1d%c", &y, &i, &tail) == 2 && i >= 1 && i <= 4) {
		*out = (isms_period){y, 'Q', i};
		return 0;
	}
	if (strlen(s) == 7 && s[4] == '-' && sscanf(s, "%4d-%2d%c", &y, &i, &tail) == 2 &&
	    i >= 1 && i <= 12) {
		*out = (isms_period){y, 'M', i};
		return 0;
	}
	return -1;
}

char *
isms_period_format(isms_period p, char *buf, size_t size)
{
	if (p.kind == 'Q')
		snprintf(buf, size, "%04dQ%d", p.year, p.index);
	else
		snprintf(buf, size, "%04d-%02d", p.year, p.index);
	return buf;
}

static int
first_month(isms_period p)
{
	return p.kind == 'Q' ? (p.index - 1) * 3 + 1 : p.index;
}

int
isms_period_cmp(isms_period a, isms_period b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	int ma = first_month(a), mb = first_month(b);
	if (ma != mb)
		return ma < mb ? -1 : 1;
	return (a.kind > b.kind) - (a.kind < b.kind);
}

isms_date
isms_period_start(isms_period p)
{
	return (isms_date){p.year, first_month(p), 1};
}

isms_date
isms_period_end(isms_period p)
{
	int m = p.kind == 'Q' ? p.index * 3 : p.index;
	int d = 31;
	while (!isms_date_valid(p.year, m, d))
		d--;
	return (isms_date){p.year, m, d};
}

isms_text
isms_role_duty_heading(const isms_body *body, const isms_role *role)
{
	return role->duty_heading.zh ? role->duty_heading : isms_role_title(body, role);
}

size_t
isms_org_warn_no_english(const isms_org *org, const char *lang, int list)
{
	if (!org || !lang || (strcmp(lang, "en") && strcmp(lang, "bi")) || !org->nno_english)
		return 0;
	if (list)
		for (size_t i = 0; i < org->nno_english; i++)
			isms_warn(&org->no_english[i], "no English for this text: the %s documents "
			          "print it in Chinese", lang);
	else {
		isms_loc main_file = {org->nfiles ? org->files[0] : NULL, 0, 0};
		isms_warn(main_file.file ? &main_file : NULL,
		          "%zu texts have no English: the %s documents print them in Chinese "
		          "(ismspack validate --lang %s lists them)", org->nno_english, lang, lang);
	}
	return org->nno_english;
}

isms_text
isms_role_title(const isms_body *body, const isms_role *role)
{
	if (role->title.zh)
		return role->title;
	static const isms_text titles[3][6] = {
		[ISMS_BODY_COMMITTEE] = {
			[ISMS_ROLE_CHAIR] = {"資安長", "Chief Information Security Officer"},
			[ISMS_ROLE_VICE_CHAIR] = {"資安主管", "Information Security Manager"},
			[ISMS_ROLE_SECRETARY] = {"執行秘書", "Executive Secretary"},
			[ISMS_ROLE_MEMBER] = {"委員", "Committee member"},
			[ISMS_ROLE_LEADER] = {"召集人", "Convener"},
			[ISMS_ROLE_OFFICER] = {"承辦人", "Officer"},
		},
		[ISMS_BODY_EXECUTION] = {
			[ISMS_ROLE_LEADER] = {"執行小組組長", "Execution team leader"},
			[ISMS_ROLE_OFFICER] = {"ISMS 承辦人", "ISMS officer"},
			[ISMS_ROLE_MEMBER] = {"執行小組組員", "Execution team member"},
			[ISMS_ROLE_CHAIR] = {"組長", "Leader"},
			[ISMS_ROLE_VICE_CHAIR] = {"副組長", "Deputy leader"},
			[ISMS_ROLE_SECRETARY] = {"執行秘書", "Executive secretary"},
		},
		[ISMS_BODY_AUDIT] = {
			[ISMS_ROLE_LEADER] = {"稽核小組組長", "Audit team leader"},
			[ISMS_ROLE_MEMBER] = {"稽核小組組員", "Audit team member"},
			[ISMS_ROLE_OFFICER] = {"稽核承辦人", "Audit officer"},
			[ISMS_ROLE_CHAIR] = {"組長", "Leader"},
			[ISMS_ROLE_VICE_CHAIR] = {"副組長", "Deputy leader"},
			[ISMS_ROLE_SECRETARY] = {"秘書", "Secretary"},
		},
	};
	return titles[body->kind][role->kind];
}
