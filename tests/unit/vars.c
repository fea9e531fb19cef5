/* Unit tests for src/docs/vars: template variables. */
#include "harness.h"
#include "docs/vars.h"

static int errors;
static void
sink(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
	char line[512];
	isms_diag_format(line, sizeof line, level, loc, text);
	printf("  (diag) %s\n", line);
	errors++;
}

int
main(void)
{
	isms_diag_set_sink(sink, NULL);
	isms_person chair = {.id = "p1", .name = {"王文雄", "Wang"}, .job_title = {"主任秘書", "Chief Secretary"}};
	isms_role roles[] = {{.kind = ISMS_ROLE_CHAIR, .person = &chair}};
	isms_body bodies[] = {{.id = "c", .kind = ISMS_BODY_COMMITTEE,
		.name = {"資訊安全管理委員會", "Information Security Committee"}, .roles = roles, .nroles = 1}};
	isms_document docs[] = {{.id = "d", .kind = ISMS_DOC_OBJ_PROCEDURE, .number = "ISMS-P-005",
		.title = {"資通安全目標管理程序書", "Objectives Procedure"}, .approver = &chair}};
	isms_org org = {0};
	org.kind = ISMS_ORG_AGENCY;
	org.name = (isms_text){"範例縣範例鄉公所", "Example Township Office"};
	org.short_name = (isms_text){"範例鄉公所", NULL};
	org.bodies = bodies;
	org.nbodies = 1;
	org.documents = docs;
	org.ndocuments = 1;
	org.settings.internal_audits_per_year = 2;
	org.settings.drill_interval_months = 6;
	isms_loc where = {"templates/policy.xml", 12, 7};

	isms_buf b = {0};
	CHECK(isms_vars_expand(&org, ISMS_DOC_OBJ_PROCEDURE, 0, "{self}由{ciso}核定，{audit.frequency}。", &where, &b) == 0);
	CHECK_STR(b.data, "本所由資安長核定，每年至少二次。");
	isms_buf_clear(&b);
	CHECK(isms_vars_expand(&org, ISMS_DOC_OBJ_PROCEDURE, 1, "{Self} is approved by the {approver} {drill.interval}; see {doc:objectives-procedure}.", &where, &b) == 0);
	CHECK_STR(b.data, "The Office is approved by the Chief Secretary every 6 months; see ISMS-P-005 Objectives Procedure.");
	isms_buf_clear(&b);
	CHECK(isms_vars_expand(&org, ISMS_DOC_POLICY, 0, "依{doc:objectives-procedure}辦理", &where, &b) == 0);
	CHECK_STR(b.data, "依ISMS-P-005「資通安全目標管理程序書」辦理");
	isms_buf_clear(&b);
	errors = 0;
	CHECK(isms_vars_expand(&org, ISMS_DOC_POLICY, 0, "由{auditor}辦理", &where, &b) == -1);
	CHECK_INT(errors, 1);
	isms_buf_clear(&b);
	errors = 0;
	CHECK(isms_vars_expand(&org, ISMS_DOC_POLICY, 0, "{execution}", &where, &b) == -1); /* no such body */
	CHECK_INT(errors, 1);
	org.short_name = (isms_text){"範例市環境保護局", NULL};
	CHECK_STR(isms_vars_self(&org, 0, 0), "本局");
	CHECK_STR(isms_vars_self(&org, 1, 1), "The Bureau");
	org.kind = ISMS_ORG_COMPANY;
	CHECK_STR(isms_vars_self(&org, 0, 0), "本公司");
	isms_buf_clear(&b);
	isms_vars_interval(24, 0, &b);
	CHECK_STR(b.data, "每二年");
	isms_buf_free(&b);
	HARNESS_END();
}
