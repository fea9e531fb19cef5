/* Unit tests for src/calc: every branch of the objective computation. */
#include "harness.h"
#include "calc/calc.h"

static isms_unit unit_a = {.id = "u-a"}, unit_b = {.id = "u-b"};
static isms_person reporter = {.id = "p"};

/* One objective with up to 12 measurements; value < 0 in vals means "no measurement". */
static isms_objective
objective(const char *id, enum isms_comparator cmp, double target, enum isms_cumulative cum,
          enum isms_measure_unit unit, isms_measurement *ms, size_t n)
{
	isms_objective o = {0};
	o.id = id;
	o.comparator = cmp;
	o.target = target;
	o.cumulative = cum;
	o.unit = unit;
	o.frequency = ISMS_FREQ_QUARTERLY;
	o.owner_unit = &unit_a;
	o.measurements = ms;
	o.nmeasurements = n;
	return o;
}

static isms_measurement
val(int q, double v)
{
	isms_measurement m = {0};
	m.period = (isms_period){2025, 'Q', q};
	m.has_value = 1;
	m.value = v;
	m.reporter = &reporter;
	return m;
}

static isms_measurement
ratio(int q, double num, double den)
{
	isms_measurement m = val(q, 0);
	m.has_value = 0;
	m.has_ratio = 1;
	m.numerator = num;
	m.denominator = den;
	return m;
}

static isms_org
org_of(isms_objective *obs, size_t n)
{
	isms_org org = {0};
	org.year = org.objectives_year = 2025;
	org.settings.corrective_after_misses = 2;
	org.objectives = obs;
	org.nobjectives = n;
	return org;
}

static const isms_objective_result *
run1(isms_objective *o, const char *period, isms_results **keep)
{
	static isms_org org;
	org = org_of(o, 1);
	isms_period p;
	isms_period_parse(period, &p);
	*keep = isms_calc(&org, p);
	return &(*keep)->objectives[0];
}

int
main(void)
{
	/* comparators, both directions, with tolerance */
	CHECK(isms_calc_meets(ISMS_CMP_GE, 95, 95));
	CHECK(!isms_calc_meets(ISMS_CMP_GE, 94.9, 95));
	CHECK(isms_calc_meets(ISMS_CMP_GE, 0.1 + 0.2, 0.3));
	CHECK(isms_calc_meets(ISMS_CMP_GT, 5.1, 5) && !isms_calc_meets(ISMS_CMP_GT, 5, 5));
	CHECK(isms_calc_meets(ISMS_CMP_LE, 4, 4) && !isms_calc_meets(ISMS_CMP_LE, 4.01, 4));
	CHECK(isms_calc_meets(ISMS_CMP_LT, 3.9, 4) && !isms_calc_meets(ISMS_CMP_LT, 4, 4));
	CHECK(isms_calc_meets(ISMS_CMP_EQ, 0.3, 0.1 + 0.2) && !isms_calc_meets(ISMS_CMP_EQ, 1, 0));

	/* direction in the KPI's own sense */
	CHECK_INT(isms_calc_direction(ISMS_CMP_GE, 95, 90, 93), ISMS_DIR_IMPROVING);
	CHECK_INT(isms_calc_direction(ISMS_CMP_GE, 95, 93, 90), ISMS_DIR_WORSENING);
	CHECK_INT(isms_calc_direction(ISMS_CMP_LE, 4, 5, 3.5), ISMS_DIR_IMPROVING);
	CHECK_INT(isms_calc_direction(ISMS_CMP_LT, 5, 3, 4), ISMS_DIR_WORSENING);
	CHECK_INT(isms_calc_direction(ISMS_CMP_GE, 95, 90, 90), ISMS_DIR_STEADY);
	CHECK_INT(isms_calc_direction(ISMS_CMP_EQ, 0, 3, 1), ISMS_DIR_IMPROVING);
	CHECK_INT(isms_calc_direction(ISMS_CMP_EQ, 0, -1, 2), ISMS_DIR_WORSENING);

	/* least squares */
	double xs[] = {1, 2, 3}, ys[] = {2, 4, 6}, sl, ic;
	CHECK(isms_calc_fit(xs, ys, 3, &sl, &ic) == 0);
	CHECK_NEAR(sl, 2, 1e-12);
	CHECK_NEAR(ic, 0, 1e-12);
	CHECK(isms_calc_fit(xs, ys, 1, &sl, &ic) == -1);
	double same[] = {2, 2};
	CHECK(isms_calc_fit(same, ys, 2, &sl, &ic) == -1);

	isms_results *r;
	const isms_objective_result *res;

	/* ratio: cumulative is Σnum/Σden, not the mean of the quarters' ratios */
	isms_measurement rm[] = {ratio(1, 18, 20), ratio(2, 90, 100)};
	isms_objective ro = objective("o-ratio", ISMS_CMP_GE, 95, ISMS_CUM_RATIO, ISMS_UNIT_PERCENT, rm, 2);
	res = run1(&ro, "2025Q2", &r);
	CHECK_NEAR(res->periods[0].actual, 90, 1e-9);
	CHECK_NEAR(res->periods[1].cumulative, 108.0 / 120 * 100, 1e-9);
	CHECK_INT(res->status, ISMS_ST_MISSED);
	CHECK_INT(res->periods[2].status, ISMS_ST_NOT_DUE);
	CHECK_INT(res->ndue, 2);
	CHECK_INT(res->consecutive_misses, 2);
	CHECK(res->corrective_needed);
	CHECK_NEAR(res->periods[1].variance, -5, 1e-9);
	CHECK_NEAR(res->periods[1].variance_rel, -5.0 / 95, 1e-9);
	CHECK_INT(res->periods[1].vs_previous, ISMS_DIR_STEADY);
	isms_results_free(r);

	/* zero denominator: no data with a warning, no division */
	isms_measurement zm[] = {ratio(1, 0, 0), ratio(2, 19, 20)};
	isms_objective zo = objective("o-zero", ISMS_CMP_GE, 95, ISMS_CUM_RATIO, ISMS_UNIT_PERCENT, zm, 2);
	res = run1(&zo, "2025Q2", &r);
	CHECK_INT(res->periods[0].status, ISMS_ST_NO_DATA);
	CHECK(!res->periods[0].has_cumulative);
	CHECK_NEAR(res->current_value, 95, 1e-9);
	CHECK_INT(res->status, ISMS_ST_ACHIEVED);
	CHECK_INT(r->nwarnings, 1);
	CHECK(r->nwarnings == 1 && strstr(r->warnings[0], "\"o-zero\", 2025Q1") != NULL);
	isms_results_free(r);

	/* missing period: no data, warning, run of misses not broken by it */
	isms_measurement mm[] = {val(1, 5), val(3, 6)};
	isms_objective mo = objective("o-gap", ISMS_CMP_LE, 4, ISMS_CUM_MEAN, ISMS_UNIT_HOURS, mm, 2);
	res = run1(&mo, "2025Q3", &r);
	CHECK_INT(res->periods[1].status, ISMS_ST_NO_DATA);
	CHECK(r->nwarnings == 1 && strstr(r->warnings[0], "2025Q2") != NULL);
	CHECK_NEAR(res->current_value, 5.5, 1e-9);
	CHECK_INT(res->consecutive_misses, 2);
	CHECK_INT(res->periods[2].vs_previous, ISMS_DIR_UNKNOWN);
	isms_results_free(r);

	/* lower is better, improving, achieved; last-value rule; trend and projection */
	isms_measurement lm[] = {val(1, 6), val(2, 5), val(3, 3.5)};
	isms_objective lo = objective("o-low", ISMS_CMP_LT, 4, ISMS_CUM_LAST, ISMS_UNIT_HOURS, lm, 3);
	lo.has_last_year = 1;
	lo.last_year = 6.5;
	res = run1(&lo, "2025Q3", &r);
	CHECK_INT(res->periods[0].status, ISMS_ST_MISSED);
	CHECK_INT(res->periods[2].status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[1].vs_previous, ISMS_DIR_IMPROVING);
	CHECK_NEAR(res->current_value, 3.5, 1e-9);
	CHECK_INT(res->status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->vs_last_year, ISMS_DIR_IMPROVING);
	CHECK_INT(res->consecutive_misses, 0);
	CHECK(!res->corrective_needed);
	CHECK(res->has_trend);
	CHECK_NEAR(res->slope, -1.25, 1e-9);
	CHECK_NEAR(res->projected, 14.5 / 3 + 2.5 - 1.25 * 4, 1e-9); /* the line at Q4 */
	CHECK(!res->at_risk);
	isms_results_free(r);

	/* a worsening KPI whose projection misses the target is at risk */
	isms_measurement wm[] = {val(1, 99), val(2, 97)};
	isms_objective wo = objective("o-worse", ISMS_CMP_GE, 96.5, ISMS_CUM_MEAN, ISMS_UNIT_PERCENT, wm, 2);
	res = run1(&wo, "2025Q2", &r);
	CHECK_INT(res->status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[1].vs_previous, ISMS_DIR_WORSENING);
	CHECK_NEAR(res->projected, (99 + 97 + 95 + 93) / 4.0, 1e-9);
	CHECK(res->at_risk);
	isms_results_free(r);

	/* a yearly total "at least" is judged pro rata while the year runs */
	isms_measurement sm[] = {val(1, 1), val(2, 1)};
	isms_objective so = objective("o-sum", ISMS_CMP_GE, 4, ISMS_CUM_SUM, ISMS_UNIT_COUNT, sm, 2);
	res = run1(&so, "2025Q2", &r);
	CHECK_NEAR(res->current_value, 2, 1e-9);
	CHECK_INT(res->status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[0].status, ISMS_ST_ACHIEVED); /* a quarter's share of 4 is 1 */
	CHECK_NEAR(res->projected, 4, 1e-9);
	isms_results_free(r);
	res = run1(&so, "2025Q4", &r); /* Q3, Q4 missing: 2 of 4 at year end */
	CHECK_INT(res->status, ISMS_ST_MISSED);
	CHECK_INT(r->nwarnings, 2);
	isms_results_free(r);

	/* nothing due yet; a month report for a quarterly objective */
	res = run1(&so, "2025-02", &r);
	CHECK_INT(res->ndue, 0);
	CHECK_INT(res->status, ISMS_ST_NOT_DUE);
	CHECK(res->current == NULL);
	isms_results_free(r);
	res = run1(&so, "2025-04", &r);
	CHECK_INT(res->ndue, 1);
	isms_results_free(r);

	/* monthly objective reported by quarter */
	isms_measurement mon[3];
	for (int i = 0; i < 3; i++) {
		mon[i] = val(1, 10 + i);
		mon[i].period = (isms_period){2025, 'M', i + 1};
	}
	isms_objective mob = objective("o-month", ISMS_CMP_EQ, 11, ISMS_CUM_MEAN, ISMS_UNIT_DAYS, mon, 3);
	mob.frequency = ISMS_FREQ_MONTHLY;
	res = run1(&mob, "2025Q1", &r);
	CHECK_INT(res->nperiods, 12);
	CHECK_INT(res->ndue, 3);
	CHECK_NEAR(res->current_value, 11, 1e-9);
	CHECK_INT(res->status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[2].status, ISMS_ST_MISSED);
	isms_results_free(r);

	/* the corrective-action threshold comes from the organisation */
	isms_measurement cm[] = {val(1, 80), val(2, 80), val(3, 80)};
	isms_objective co = objective("o-c", ISMS_CMP_GE, 90, ISMS_CUM_MEAN, ISMS_UNIT_PERCENT, cm, 3);
	isms_objective both[] = {co, ro};
	both[1].owner_unit = &unit_b;
	isms_org org = org_of(both, 2);
	org.settings.corrective_after_misses = 3;
	isms_period q2 = {2025, 'Q', 2}, q3 = {2025, 'Q', 3};
	r = isms_calc(&org, q2);
	CHECK(!r->objectives[0].corrective_needed);
	CHECK_INT(r->nunits, 2);
	CHECK_INT(r->total.evaluated, 2);
	CHECK_INT(r->total.achieved, 0);
	isms_results_free(r);
	r = isms_calc(&org, q3);
	CHECK(r->objectives[0].corrective_needed);
	isms_results_free(r);

	/* unit achievement rates */
	isms_objective three[] = {lo, wo, co};
	three[1].owner_unit = &unit_b;
	org = org_of(three, 3);
	r = isms_calc(&org, q3);
	CHECK_INT(r->units[0].achieved, 1);
	CHECK_INT(r->units[0].evaluated, 2);
	CHECK_NEAR(r->units[0].rate, 50, 1e-9);
	CHECK_NEAR(r->total.rate, 100.0 * 2 / 3, 1e-9);
	isms_results_free(r);

	/* formatting by unit */
	char b[64];
	CHECK_STR(isms_calc_format(95, ISMS_UNIT_PERCENT, "zh", b, sizeof b), "95%");
	CHECK_STR(isms_calc_format(87.54, ISMS_UNIT_PERCENT, "zh", b, sizeof b), "87.5%");
	CHECK_STR(isms_calc_format(3.5, ISMS_UNIT_HOURS, "zh", b, sizeof b), "3.5 小時");
	CHECK_STR(isms_calc_format(3.5, ISMS_UNIT_HOURS, "en", b, sizeof b), "3.5 hours");
	CHECK_STR(isms_calc_format(1, ISMS_UNIT_DAYS, "en", b, sizeof b), "1 day");
	CHECK_STR(isms_calc_format(2, ISMS_UNIT_COUNT, "zh", b, sizeof b), "2 項");
	CHECK_STR(isms_calc_format(-0.01, ISMS_UNIT_COUNT, "en", b, sizeof b), "0 items");
	CHECK_STR(isms_calc_format_target(&lo, "zh", b, sizeof b), "< 4 小時");
	CHECK_STR(isms_status_label(ISMS_ST_MISSED, "zh"), "未達成");
	CHECK_STR(isms_status_label(ISMS_ST_NOT_DUE, "en"), "Not yet due");
	HARNESS_END();
}
