/* Who holds each ISMS role, and a RACI table of the ISMS activities (職責分派). */
#include "registers.h"

#include <stdio.h>
#include <string.h>

/* Columns of the RACI table: a role kind in a body kind. */
static const struct {
	enum isms_body_kind body;
	enum isms_role_kind role;
} raci_roles[] = {
	{ISMS_BODY_COMMITTEE, ISMS_ROLE_CHAIR}, {ISMS_BODY_COMMITTEE, ISMS_ROLE_VICE_CHAIR},
	{ISMS_BODY_COMMITTEE, ISMS_ROLE_MEMBER}, {ISMS_BODY_EXECUTION, ISMS_ROLE_LEADER},
	{ISMS_BODY_EXECUTION, ISMS_ROLE_OFFICER}, {ISMS_BODY_EXECUTION, ISMS_ROLE_MEMBER},
	{ISMS_BODY_AUDIT, ISMS_ROLE_LEADER}, {ISMS_BODY_AUDIT, ISMS_ROLE_MEMBER},
};
#define NRACI (sizeof raci_roles / sizeof *raci_roles)

/* R responsible, A accountable, C consulted, I informed — one letter per column above. */
static const struct {
	const char *zh, *en, *raci;
} activities[] = {
	{"核定資訊安全政策", "Approve the information security policy", "ARICCIII"},
	{"訂定及檢討資訊安全目標", "Set and review the security objectives", "ACIRRCII"},
	{"風險評鑑及風險處理計畫", "Risk assessment and treatment plan", "IACRRCII"},
	{"文件及紀錄管制", "Document and record control", "IAICRCII"},
	{"資安事件通報及應變", "Incident reporting and response", "IAIRRRII"},
	{"教育訓練及認知宣導", "Training and awareness", "IAICRCII"},
	{"內部稽核", "Internal audit", "AIICCIRR"},
	{"矯正措施", "Corrective action", "IAIRRCCI"},
	{"管理審查會議", "Management review", "ARCCRICI"},
};

static void
holders(reg_ctx *c, enum isms_body_kind bk, enum isms_role_kind rk, char *out, size_t size)
{
	out[0] = '\0';
	const isms_body *b = isms_org_body_of_kind(c->org, bk);
	if (!b)
		return;
	int en = !strcmp(c->lang, "en");
	size_t k = 0;
	for (size_t i = 0; i < b->nroles; i++) {
		const isms_role *r = &b->roles[i];
		if (r->kind != rk || !r->person)
			continue;
		size_t l = strlen(out);
		if (k++ == 3) { /* a long member list would make the column unreadable */
			snprintf(out + l, size - l, en ? ", ..." : "等");
			break;
		}
		snprintf(out + l, size - l, "%s%s", k > 1 ? (en ? ", " : "、") : "",
		         en && r->person->name.en ? r->person->name.en : r->person->name.zh);
	}
}

void
reg_roles(reg_ctx *c)
{
	static const char *const cols[] = {
		"組織", "Body", "角色", "Role", "姓名", "Name", "職稱", "Job title",
		"服務單位", "Unit", "職掌數", "Duties",
	};
	sheet s;
	sheet_begin(&s, c->wb, &c->f, c->lang, "角色", "Roles", cols, 6);
	char b[1024];
	for (size_t i = 0; i < c->org->nbodies; i++) {
		const isms_body *body = &c->org->bodies[i];
		for (size_t j = 0; j < body->nroles; j++, s.row++) {
			const isms_role *r = &body->roles[j];
			sheet_str(&s, 0, sheet_text(c->lang, body->name, b, sizeof b));
			sheet_str(&s, 1, sheet_text(c->lang, isms_role_title(body, r), b, sizeof b));
			sheet_str(&s, 2, sheet_text(c->lang, r->person->name, b, sizeof b));
			sheet_str(&s, 3, sheet_text(c->lang, r->person->job_title, b, sizeof b));
			sheet_str(&s, 4, sheet_text(c->lang, r->person->unit->name, b, sizeof b));
			sheet_num(&s, 5, (double)r->duties.n, c->center);
		}
	}
	sheet_end(&s);

	/* The RACI table: header row is the roles with their holders. */
	const char *heads[2 * (NRACI + 1)];
	char hz[NRACI][256], he[NRACI][256];
	heads[0] = "職責分派 (RACI)";
	heads[1] = "Activity (RACI)";
	for (size_t k = 0; k < NRACI; k++) {
		isms_role probe = {.kind = raci_roles[k].role};
		isms_body pb = {.kind = raci_roles[k].body};
		isms_text t = isms_role_title(&pb, &probe);
		char who[200];
		holders(c, raci_roles[k].body, raci_roles[k].role, who, sizeof who);
		snprintf(hz[k], sizeof hz[k], "%s\n%s", t.zh, who);
		snprintf(he[k], sizeof he[k], "%s\n%s", t.en, who);
		heads[2 * (k + 1)] = hz[k];
		heads[2 * (k + 1) + 1] = he[k];
	}
	sheet_begin(&s, c->wb, &c->f, !strcmp(c->lang, "bi") ? "zh" : c->lang, "RACI",
	            "RACI", heads, (int)NRACI + 1);
	worksheet_set_row(s.ws, 0, 48, NULL);
	for (size_t a = 0; a < sizeof activities / sizeof *activities; a++, s.row++) {
		sheet_str(&s, 0, sheet_label(c->lang, activities[a].zh, activities[a].en, b, sizeof b));
		for (size_t k = 0; k < NRACI; k++) {
			char letter[2] = {activities[a].raci[k], 0};
			sheet_str_fmt(&s, (int)k + 1, letter, c->center);
		}
	}
	s.row++;
	sheet_str(&s, 0, sheet_label(c->lang, "R 執行　A 負責核定　C 諮詢　I 知會",
	                             "R responsible, A accountable, C consulted, I informed",
	                             b, sizeof b));
	s.row--;
	sheet_end(&s);
	for (size_t k = 0; k < NRACI; k++)
		worksheet_set_column(s.ws, (lxw_col_t)(k + 1), (lxw_col_t)(k + 1), 16, NULL);
}
