/* The in-memory model of one organisation's ISMS: plain C structs, every byte owned
 * by one arena (org->arena).  Built by src/load/, read by calc/, docs/, xlsx/, pack/.
 * Cross-references are resolved pointers; every entity keeps the place it came from. */
#ifndef ISMS_MODEL_H
#define ISMS_MODEL_H

#include <stddef.h>

#include "base/alloc.h"
#include "base/date.h"
#include "base/diag.h"

/* Traditional Chinese text with an optional English rendering (en may be NULL). */
typedef struct isms_text {
	const char *zh;
	const char *en;
} isms_text;

typedef struct isms_text_list {
	isms_text *v;
	size_t n;
} isms_text_list;

enum isms_org_kind { ISMS_ORG_AGENCY, ISMS_ORG_SCHOOL, ISMS_ORG_COMPANY };
enum isms_body_kind { ISMS_BODY_COMMITTEE, ISMS_BODY_EXECUTION, ISMS_BODY_AUDIT };
enum isms_role_kind {
	ISMS_ROLE_CHAIR, ISMS_ROLE_VICE_CHAIR, ISMS_ROLE_LEADER,
	ISMS_ROLE_OFFICER, ISMS_ROLE_SECRETARY, ISMS_ROLE_MEMBER
};
enum isms_doc_kind {
	ISMS_DOC_POLICY, ISMS_DOC_ORG_PROCEDURE, ISMS_DOC_OBJ_PROCEDURE,
	ISMS_DOC_TARGET_FORM, ISMS_DOC_REVIEW_FORM, ISMS_DOC_KPI_TABLE,
	ISMS_DOC_MINUTES, ISMS_DOC_SOA,
	/* clause 5 leadership documents (ISO/IEC 27001 5.1-5.3) */
	ISMS_DOC_COMMITMENT, ISMS_DOC_APPOINTMENTS, ISMS_DOC_POLICY_COMM,
	ISMS_DOC_OTHER, ISMS_DOC_KIND_COUNT
};
enum isms_measure_unit { ISMS_UNIT_PERCENT, ISMS_UNIT_HOURS, ISMS_UNIT_DAYS, ISMS_UNIT_COUNT };
enum isms_comparator { ISMS_CMP_GE, ISMS_CMP_GT, ISMS_CMP_LE, ISMS_CMP_LT, ISMS_CMP_EQ };
enum isms_cumulative { ISMS_CUM_SUM, ISMS_CUM_MEAN, ISMS_CUM_LAST, ISMS_CUM_RATIO };
enum isms_frequency { ISMS_FREQ_QUARTERLY, ISMS_FREQ_MONTHLY };
enum isms_action_status {
	ISMS_ACTION_OPEN, ISMS_ACTION_IN_PROGRESS, ISMS_ACTION_CLOSED, ISMS_ACTION_CANCELLED
};
enum isms_control_status {
	ISMS_CTL_IMPLEMENTED, ISMS_CTL_PARTIAL, ISMS_CTL_PLANNED, ISMS_CTL_NOT_APPLICABLE
};

/* The 9.3.2 inputs a management review records, in the standard's order. */
enum isms_review_input {
	ISMS_IN_ISSUES,          /* b) changes in external and internal issues */
	ISMS_IN_PARTIES,         /* c) interested parties' needs and expectations */
	ISMS_IN_NONCONFORMITIES, /* d) 1 nonconformities and corrective actions */
	ISMS_IN_MONITORING,      /* d) 2 monitoring and measurement results */
	ISMS_IN_AUDITS,          /* d) 3 audit results */
	ISMS_IN_FEEDBACK,        /* e) interested-party feedback */
	ISMS_IN_RISKS,           /* f) risk assessment and treatment status */
	ISMS_IN_IMPROVEMENTS,    /* g) opportunities for improvement */
	ISMS_IN_COUNT
};

/* A reporting period: a quarter (kind 'Q', index 1..4) or a month ('M', 1..12). */
typedef struct isms_period {
	int year;
	char kind;
	int index;
} isms_period;

typedef struct isms_person isms_person;

typedef struct isms_unit {
	const char *id;
	isms_text name;
	struct isms_unit *parent;
	isms_person *head;
	isms_loc loc;
} isms_unit;

struct isms_person {
	const char *id;
	isms_text name;
	isms_text job_title;
	isms_unit *unit;
	isms_date left; /* the day they left (y == 0: still here); kept for history */
	isms_loc loc;
};

typedef struct isms_role {
	enum isms_role_kind kind;
	isms_person *person;
	isms_text title; /* title.zh NULL when the data gives none (templates supply it) */
	isms_text duty_heading; /* zh NULL: the duties are headed by the title */
	isms_text_list duties;
	/* The documents whose review this role holds (權責: 審查本程序): bits of
	 * 1u << enum isms_doc_kind; 0 = none. */
	unsigned reviews;
	isms_loc loc;
} isms_role;

/* One item of the management review agenda, with its sub-items (seed 001: 3. with
 * (1)–(4)). */
typedef struct isms_agenda_item {
	isms_text text;
	isms_text_list sub;
	isms_loc loc;
} isms_agenda_item;

typedef struct isms_body {
	const char *id;
	enum isms_body_kind kind;
	isms_text name;
	isms_text abbreviation; /* zh NULL when absent */
	/* The organisation's own words on the body (seed 001 伍、一、(一)); zh NULL when
	 * absent, and the procedure then says it from the names and roles. */
	isms_text basis;        /* the regulation it rests on: 本所「資訊安全管理委員會設置要點」 */
	isms_text establishment;/* why and under whom it is set up */
	isms_text appointment;  /* who chairs, leads and sits on it, how they are appointed */
	/* The management review agenda (committee): items with sub-items; n == 0: the
	 * ISO/IEC 27001:2022 9.3.2 inputs. */
	struct isms_agenda_item *agenda;
	size_t nagenda;
	isms_text_list duties;
	struct isms_body *parent;
	isms_role *roles;
	size_t nroles;
	isms_loc loc;
} isms_body;

typedef struct isms_approval {
	enum isms_doc_kind kind;
	isms_body *drafter;
	isms_person *reviewer;
	isms_person *approver;
	isms_loc loc;
} isms_approval;

typedef struct isms_revision {
	const char *version;
	isms_date date;
	isms_person *author;
	isms_text description;
	isms_loc loc;
} isms_revision;

typedef struct isms_document {
	const char *id;
	enum isms_doc_kind kind;
	const char *number;
	int tier;
	const char *version;
	isms_date issued;
	isms_unit *issuing_unit;
	isms_person *author, *reviewer, *approver; /* the one source of these facts */
	isms_body *drafter; /* 訂修廢單位; NULL: the issuing unit drafts */
	isms_text title;
	isms_text classification;
	isms_revision *revisions;
	size_t nrevisions;
	isms_loc loc;
} isms_document;

typedef struct isms_record {
	isms_text name;
	isms_text location;
	isms_document *document; /* may be NULL */
	isms_unit *keeper;
	int retention_years;
	isms_loc loc;
} isms_record;

typedef struct isms_measurement {
	isms_period period;
	int has_value;           /* value given directly */
	double value;
	int has_ratio;           /* numerator and denominator given */
	double numerator, denominator; /* 0 of 0: nothing to measure this period */
	isms_person *reporter;
	isms_person *reviewer;   /* may be NULL */
	isms_date date;
	isms_text variance;      /* 差異說明; zh NULL when absent */
	isms_text comment;       /* 審核意見; zh NULL when absent */
	isms_loc loc;
} isms_measurement;

/* A target for one period (a plan's milestone): the year-to-date figure must reach it
 * by the end of that period. */
typedef struct isms_milestone {
	isms_period period;
	double target;
	int dp;                  /* decimals as written in the data */
	isms_loc loc;
} isms_milestone;

/* How a yearly total (cumulative="sum") is judged while the year runs: against the
 * elapsed share of the year's target, or (caps only) the running sum against the
 * whole year's cap. */
enum isms_judge { ISMS_JUDGE_PRO_RATA, ISMS_JUDGE_YEAR };

typedef struct isms_objective {
	const char *id;
	isms_text title, kpi, method, resources, data_source;
	isms_text_list actions;
	enum isms_frequency frequency;
	enum isms_measure_unit unit;
	enum isms_comparator comparator;
	double target;
	int has_last_year;
	double last_year;
	int target_dp, last_year_dp; /* decimals as written in the data */
	int value_dp;                /* the most decimals of any reported value */
	enum isms_cumulative cumulative;
	enum isms_judge judge;
	isms_milestone *milestones;  /* sorted by period; may be empty */
	size_t nmilestones;
	isms_text counter;           /* counting word of a count (人, 次 ...); zh NULL: 項 */
	isms_unit *owner_unit;
	isms_unit **units;           /* every responsible unit, owner_unit first */
	size_t nunits;
	isms_person *owner;
	isms_measurement *measurements; /* sorted by period */
	size_t nmeasurements;
	isms_loc loc;
} isms_objective;

typedef struct isms_review isms_review;

typedef struct isms_action {
	const char *id;
	isms_text text;
	isms_person *owner;
	isms_date due;
	isms_objective *objective; /* may be NULL */
	isms_review *origin;       /* the review that decided it */
	isms_loc loc;
} isms_action;

typedef struct isms_follow_up {
	isms_action *action;
	enum isms_action_status status;
	isms_date closed; /* y == 0 when not given */
	isms_text note;   /* zh NULL when absent */
	isms_loc loc;
} isms_follow_up;

typedef struct isms_absentee {
	isms_person *person;
	isms_text reason; /* zh NULL when absent */
	isms_loc loc;
} isms_absentee;

/* One 9.3.2 input or output: items, or explicitly nothing reported (none = 1). */
typedef struct isms_review_items {
	int none;
	isms_text_list items;
} isms_review_items;

struct isms_review {
	const char *id;
	const char *number;
	const char *number_en;    /* NULL: English documents print number */
	isms_date date;
	int hour, minute;
	isms_text venue;
	isms_person *chair, *recorder;
	isms_person **attendees;
	size_t nattendees;
	isms_absentee *absentees;
	size_t nabsentees;
	isms_follow_up *follow_ups;
	size_t nfollow_ups;
	isms_review_items inputs[ISMS_IN_COUNT];
	isms_review_items decisions;
	isms_review_items resource_needs; /* none = 1 when not given */
	isms_action *actions;
	size_t nactions;
	isms_loc loc;
};

typedef struct isms_control {
	const char *id;
	isms_text title;            /* the data's, or the catalogue's when the data gives none */
	int applicable;
	enum isms_control_status status;
	isms_text justification;
	isms_document **references;
	size_t nreferences;
	isms_loc loc;
} isms_control;

/* One control of the ISO/IEC 27001:2022 Annex A list the program ships (annexa.c). */
typedef struct isms_catalogue_control {
	const char *id;          /* "A.5.1" */
	isms_text title;         /* a short title in this project's words */
} isms_catalogue_control;

/* The 93 controls in the standard's order. */
extern const isms_catalogue_control isms_annex_a[];
extern const size_t isms_annex_a_count;
/* The control with that id, or NULL. */
const isms_catalogue_control *isms_annex_a_find(const char *id);

/* An organisation's own clause in a templated document: it replaces the template
 * clause `replace`, follows `after`, or removes `remove` (exactly one is set). */
struct isms_tpl_node;
typedef struct isms_custom_clause {
	enum isms_doc_kind document;
	const char *replace;      /* template clause id to replace, or NULL */
	const char *after;        /* template clause id to follow, or NULL */
	const char *remove;       /* template clause id to leave out, or NULL */
	/* replace/after: the clause as a template clause node (model/template.h): heading,
	 * paragraphs, sub-clauses, lists and tables, text with {variables}; NULL for remove */
	const struct isms_tpl_node *body;
	isms_text reason;         /* remove: why the clause is left out */
	isms_loc loc;
} isms_custom_clause;

/* How the policy was communicated (5.2 e, 7.4). */
enum isms_channel {
	ISMS_CH_EMAIL, ISMS_CH_MEETING, ISMS_CH_INTRANET, ISMS_CH_TRAINING, ISMS_CH_DOCUMENT,
	ISMS_CH_OTHER
};

/* Who the appointments rest on (a company: the board's resolution or the head). */
enum isms_appoint_basis { ISMS_BASIS_HEAD, ISMS_BASIS_BOARD };

/* A person's acknowledgement of a communication. */
typedef struct isms_ack {
	isms_person *person;
	isms_date date;
	isms_loc loc;
} isms_ack;

/* One communication of the policy: when, how, to whom, by whom. */
typedef struct isms_communication {
	isms_date date;
	enum isms_channel channel;
	isms_person *by;
	isms_text subject;
	isms_text audience;
	isms_ack *acks;          /* none: the record prints a blank sign-off table */
	size_t nacks;
	isms_loc loc;
} isms_communication;

/* The data of the clause 5 leadership documents; each part is present (has_*) only
 * when the input gives it, and then the register must list its document. */
typedef struct isms_leadership {
	int has_commitment;
	isms_date commitment_date;
	isms_person *commitment_signer;
	isms_text_list commitment_text; /* n == 0: the template's commitments */
	isms_loc commitment_loc;

	int has_appointments;
	const char *appointment_number;  /* 發文字號 */
	isms_date appointment_date, appointment_effective;
	isms_person *appointment_signer;
	enum isms_appoint_basis appointment_basis;
	isms_date appointment_decided;   /* the board's resolution; y == 0 when not given */
	isms_loc appointment_loc;

	int has_communications;
	isms_communication *communications; /* sorted by date */
	size_t ncommunications;
	isms_loc communications_loc;
} isms_leadership;

typedef struct isms_settings {
	int corrective_after_misses; /* default 2 */
	int internal_audits_per_year;
	int reviews_per_year;
	int drill_interval_months;
	int policy_review_months;
} isms_settings;

typedef struct isms_org {
	isms_arena *arena;
	const char **files; /* the input files read (main file first) */
	size_t nfiles;

	const char *id;
	enum isms_org_kind kind;
	int year;
	isms_text name, short_name, address, scope, head_title;
	const char *sector;
	isms_settings settings;

	isms_unit *units;           size_t nunits;
	isms_person *people;        size_t npeople;
	isms_body *bodies;          size_t nbodies;
	isms_approval *approvals;   size_t napprovals;
	isms_document *documents;   size_t ndocuments;
	isms_loc documents_loc;     /* the <documents> element (the register) */
	isms_record *records;       size_t nrecords;
	int objectives_year;
	isms_objective *objectives; size_t nobjectives;
	isms_review *reviews;       size_t nreviews; /* sorted by date */
	const char *soa_catalogue;  /* NULL when there is no SoA */
	const char *soa_catalogue_en; /* NULL when not given */
	isms_control *controls;     size_t ncontrols;
	isms_custom_clause *clauses; size_t nclauses;
	isms_loc *no_english;       /* every text given without English, in reading order */
	size_t nno_english, cap_no_english;
	isms_leadership leadership; /* clause 5 documents' data; all zero when absent */
} isms_org;

/* Texts without English for a build or check in lang ("en" or "bi"; nothing for
 * "zh"): list = 0 warns once with the count, list = 1 warns at every text's
 * file:line:col.  Returns the count (0 for "zh"). */
size_t isms_org_warn_no_english(const isms_org *org, const char *lang, int list);

/* Releases the organisation and everything it owns; accepts NULL. */
void isms_org_free(isms_org *org);

/* Lookups by id; NULL when absent. */
isms_person *isms_org_person(const isms_org *org, const char *id);
isms_unit *isms_org_unit(const isms_org *org, const char *id);
isms_body *isms_org_body_of_kind(const isms_org *org, enum isms_body_kind kind);
isms_document *isms_org_document_of_kind(const isms_org *org, enum isms_doc_kind kind);
/* The data's control of that Annex A id, or NULL when the data does not address it. */
const isms_control *isms_org_control(const isms_org *org, const char *id);
/* The first role of that kind in a body, or NULL. */
isms_role *isms_body_role(const isms_body *body, enum isms_role_kind kind);

/* The role's title from the data, or the customary one for its body and kind
 * (資安長, ISMS 承辦人, 稽核小組組長 ...). */
isms_text isms_role_title(const isms_body *body, const isms_role *role);

/* The heading of a role's duties: its duty heading, else its title (as
 * isms_role_title gives it). */
isms_text isms_role_duty_heading(const isms_body *body, const isms_role *role);

/* Parse "2025Q1" / "2025-03"; 0 ok, -1 malformed. */
int isms_period_parse(const char *s, isms_period *out);
/* "2025Q1" / "2025-03" into buf (>= 16 bytes). */
char *isms_period_format(isms_period p, char *buf, size_t size);
/* Order of periods (quarters before months of the same year never mix in one objective). */
int isms_period_cmp(isms_period a, isms_period b);
/* First and last day of the period. */
isms_date isms_period_start(isms_period p);
isms_date isms_period_end(isms_period p);

/* Names of enum values as they appear in the XML (and in the dump). */
const char *isms_org_kind_name(enum isms_org_kind k);
const char *isms_body_kind_name(enum isms_body_kind k);
const char *isms_role_kind_name(enum isms_role_kind k);
const char *isms_doc_kind_name(enum isms_doc_kind k);
const char *isms_measure_unit_name(enum isms_measure_unit u);
const char *isms_comparator_name(enum isms_comparator c);
const char *isms_cumulative_name(enum isms_cumulative c);
const char *isms_judge_name(enum isms_judge j);
const char *isms_frequency_name(enum isms_frequency f);
const char *isms_action_status_name(enum isms_action_status s);
const char *isms_control_status_name(enum isms_control_status s);
const char *isms_review_input_name(enum isms_review_input i);
const char *isms_channel_name(enum isms_channel c);
/* Reverse lookup in a NULL-terminated name table; -1 when absent. */
int isms_enum_lookup(const char *const *names, const char *s);
extern const char *const isms_org_kind_names[];
extern const char *const isms_body_kind_names[];
extern const char *const isms_role_kind_names[];
extern const char *const isms_doc_kind_names[];
extern const char *const isms_measure_unit_names[];
extern const char *const isms_comparator_names[];
extern const char *const isms_cumulative_names[];
extern const char *const isms_judge_names[];
extern const char *const isms_frequency_names[];
extern const char *const isms_action_status_names[];
extern const char *const isms_control_status_names[];
extern const char *const isms_review_input_names[];
extern const char *const isms_channel_names[];
extern const char *const isms_appoint_basis_names[];

/* Canonical, deterministic text dump of the whole model (golden tests). */
struct isms_buf;
void isms_org_dump(const isms_org *org, struct isms_buf *out);

#endif
