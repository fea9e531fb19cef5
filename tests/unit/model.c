/* Unit tests for src/model: periods and enum names. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "load/load.h"
#include "model/model.h"

static int warnings;
static char last[512];
static void
sink(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
	(void)ctx;
	if (level == ISMS_WARNING)
		warnings++;
	isms_diag_format(last, sizeof last, level, loc, text);
}

/* Texts without English are found where they stand and reported once per build,
 * or one by one for validate --lang. */
static void
no_english(void)
{
	isms_org *org = NULL;
	isms_diag_set_sink(sink, NULL);
	CHECK_INT(isms_load("tests/figures/org/organisation.xml", &org), 0);
	if (!org)
		return;
	size_t n = org->nno_english;
	CHECK(n > 20);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		found |= strstr(org->no_english[i].file, "objectives.xml") != NULL && org->no_english[i].line > 0 &&
		         org->no_english[i].col > 0;
	CHECK(found);
	warnings = 0;
	CHECK_INT(isms_org_warn_no_english(org, "zh", 0), 0);
	CHECK_INT(warnings, 0);
	CHECK_INT(isms_org_warn_no_english(org, "en", 0), n);
	CHECK_INT(warnings, 1);
	CHECK(strstr(last, "texts have no English") != NULL);
	warnings = 0;
	CHECK_INT(isms_org_warn_no_english(org, "bi", 1), n);
	CHECK_INT(warnings, (long long)n);
	CHECK(strstr(last, ".xml:") != NULL);
	isms_org_free(org);
	isms_diag_set_sink(NULL, NULL);
}

int
main(void)
{
	isms_period p;
	char b[32];
	CHECK(isms_period_parse("2025Q3", &p) == 0 && p.kind == 'Q' && p.index == 3 && p.year == 2025);
	CHECK(isms_period_parse("2025-11", &p) == 0 && p.kind == 'M' && p.index == 11);
	CHECK(isms_period_parse("2025Q0", &p) == -1);
	CHECK(isms_period_parse("2025Q5", &p) == -1);
	CHECK(isms_period_parse("2025-13", &p) == -1);
	CHECK(isms_period_parse("2025Q1x", &p) == -1);
	CHECK(isms_period_parse("25Q1", &p) == -1);
	CHECK_STR(isms_period_format((isms_period){2025, 'M', 3}, b, sizeof b), "2025-03");
	CHECK_STR(isms_period_format((isms_period){2025, 'Q', 4}, b, sizeof b), "2025Q4");
	isms_date e = isms_period_end((isms_period){2024, 'M', 2});
	CHECK(e.y == 2024 && e.m == 2 && e.d == 29);
	e = isms_period_end((isms_period){2025, 'Q', 2});
	CHECK(e.m == 6 && e.d == 30);
	isms_date s = isms_period_start((isms_period){2025, 'Q', 3});
	CHECK(s.m == 7 && s.d == 1);
	CHECK(isms_period_cmp((isms_period){2025, 'Q', 1}, (isms_period){2025, 'Q', 2}) < 0);
	CHECK(isms_period_cmp((isms_period){2024, 'Q', 4}, (isms_period){2025, 'M', 1}) < 0);
	CHECK_INT(isms_enum_lookup(isms_comparator_names, "le"), ISMS_CMP_LE);
	CHECK_INT(isms_enum_lookup(isms_comparator_names, "<="), -1);
	CHECK_STR(isms_doc_kind_name(ISMS_DOC_REVIEW_FORM), "review-form");
	/* the shipped Annex A list: 93 controls, 37 + 8 + 14 + 34, in the standard's order */
	CHECK_INT(isms_annex_a_count, 93);
	int per[9] = {0}, ordered = 1, titled = 1;
	for (size_t i = 0; i < isms_annex_a_count; i++) {
		int clause = 0, num = 0;
		sscanf(isms_annex_a[i].id, "A.%d.%d", &clause, &num);
		if (clause >= 5 && clause <= 8)
			per[clause]++;
		ordered &= num == per[clause];
		titled &= isms_annex_a[i].title.zh && isms_annex_a[i].title.en;
	}
	CHECK(per[5] == 37 && per[6] == 8 && per[7] == 14 && per[8] == 34);
	CHECK(ordered);
	CHECK(titled);
	CHECK(isms_annex_a_find("A.8.34") != NULL);
	CHECK(isms_annex_a_find("A.5.38") == NULL);
	no_english();
	HARNESS_END();
}
