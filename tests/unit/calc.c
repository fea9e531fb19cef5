/* Unit tests for src/calc: every branch of the objective computation. */
#include <stdlib.h>

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

/* The printed figure of v read back agrees with v's verdict, and carries at least dp decimals. */
static int
printed_agrees(isms_objective *o, double v, int dp)
{
	isms_verdict vd = {.has_value = 1, .value = v, .dp = dp, .target = o->target};
	vd.status = isms_calc_meets(o->comparator, v, o->target) ? ISMS_ST_ACHIEVED : ISMS_ST_MISSED;
	char b[64];
	isms_calc_format_value(o, &vd, "zh", b, sizeof b);
	double back = strtod(b, NULL);
	const char *dot = strchr(b, '.');
	int decimals = 0;
	while (dot && dot[1 + decimals] >= '0' && dot[1 + decimals] <= '9')
		decimals++;
	int ok = (isms_calc_meets(o->comparator, back, o->target) == (vd.status == ISMS_ST_ACHIEVED)) &&
	         decimals >= dp;
	if (!ok)
		printf("  %s %g: printed \"%s\"\n", isms_comparator_symbol(o->comparator), v, b);
	return ok;
}

static isms_measurement
month(int m, double v)
{
	isms_measurement x = val(1, v);
	x.period = (isms_period){2025, 'M', m};
	return x;
}

static void
figures(void)
{
	char b[128];
	isms_results *r;
	const isms_objective_result *res;

	/* rounding half up (四捨五入), the written decimals kept */
	CHECK_NEAR(isms_calc_round(14.25, 1), 14.3, 1e-12);
	CHECK_NEAR(isms_calc_round(2.675, 2), 2.68, 1e-12);
	CHECK_NEAR(isms_calc_round(-2.5, 0), -3, 1e-12);
	CHECK_NEAR(isms_calc_round(0.125, 2), 0.13, 1e-12);
	isms_objective f = objective("o-f", ISMS_CMP_LE, 14, ISMS_CUM_MEAN, ISMS_UNIT_DAYS, NULL, 0);
	CHECK_STR(isms_calc_format(&f, 14.25, 1, "zh", b, sizeof b), "14.3 天");
	CHECK_STR(isms_calc_format(&f, -0.004, 2, "en", b, sizeof b), "0.00 days");
	CHECK_STR(isms_calc_format(&f, 1, 0, "en", b, sizeof b), "1 day");
	f.unit = ISMS_UNIT_PERCENT;
	f.last_year = 99.21, f.last_year_dp = 2, f.has_last_year = 1;
	CHECK_STR(isms_calc_format_last_year(&f, "zh", b, sizeof b), "99.21%");
	f.unit = ISMS_UNIT_COUNT;
	CHECK_STR(isms_calc_format(&f, 2, 0, "zh", b, sizeof b), "2 項");
	CHECK_STR(isms_calc_format(&f, 1, 0, "en", b, sizeof b), "1 item");
	f.counter = (isms_text){"人", "people"};
	CHECK_STR(isms_calc_format(&f, 3, 0, "zh", b, sizeof b), "3 人");
	CHECK_STR(isms_calc_format(&f, 3, 0, "en", b, sizeof b), "3 people");

	/* the cases of issue 11: a rounded figure never contradicts its verdict */
	isms_objective h = objective("o-h", ISMS_CMP_LT, 4, ISMS_CUM_MEAN, ISMS_UNIT_HOURS, NULL, 0);
	isms_verdict v = {.status = ISMS_ST_ACHIEVED, .has_value = 1, .value = 3.983, .dp = 1, .target = 4};
	CHECK_STR(isms_calc_format_value(&h, &v, "zh", b, sizeof b), "3.98 小時");
	isms_objective p97 = objective("o-97", ISMS_CMP_GE, 97, ISMS_CUM_MEAN, ISMS_UNIT_PERCENT, NULL, 0);
	v = (isms_verdict){.status = ISMS_ST_MISSED, .has_value = 1, .value = 96.98, .dp = 1, .target = 97};
	CHECK_STR(isms_calc_format_value(&p97, &v, "zh", b, sizeof b), "96.98%");
	p97.target = 99.5;
	v = (isms_verdict){.status = ISMS_ST_ACHIEVED, .has_value = 1, .value = 99.963, .dp = 1, .target = 99.5};
	CHECK_STR(isms_calc_format_value(&p97, &v, "zh", b, sizeof b), "99.96%");

	/* the grid: every comparator, targets of 0..2 decimals, values on both sides of
	 * the boundary at distances down to 1e-4, read back from the printed text */
	static const enum isms_comparator cmps[] = {ISMS_CMP_GE, ISMS_CMP_GT, ISMS_CMP_LE, ISMS_CMP_LT, ISMS_CMP_EQ};
	static const double targets[] = {0, 4, 14, 95, 97, 99.5, 100, 2.25, 12};
	static const double deltas[] = {1, 0.5, 0.05, 0.049, 0.02, 0.005, 0.004, 0.001, 0.0004, 0.0001};
	int all = 1, n = 0;
	for (size_t c = 0; c < sizeof cmps / sizeof *cmps; c++)
		for (size_t t = 0; t < sizeof targets / sizeof *targets; t++)
			for (size_t k = 0; k < sizeof deltas / sizeof *deltas; k++)
				for (int sign = -1; sign <= 1; sign++)
					for (int dp = 0; dp <= 2; dp++) {
						isms_objective g = objective("o-g", cmps[c], targets[t], ISMS_CUM_MEAN,
						                             targets[t] <= 100 ? ISMS_UNIT_PERCENT : ISMS_UNIT_COUNT, NULL, 0);
						double x = targets[t] + sign * deltas[k];
						if (x < 0 || (g.unit == ISMS_UNIT_PERCENT && x > 100))
							continue;
						all &= printed_agrees(&g, x, dp);
						n++;
					}
	CHECK(all);
	CHECK(n > 2000);

	/* a yearly total judged pro rata, each verdict with its own target */
	isms_measurement tm[] = {val(1, 3), val(2, 3)};
	isms_objective tot = objective("o-tot", ISMS_CMP_GE, 12, ISMS_CUM_SUM, ISMS_UNIT_COUNT, tm, 2);
	res = run1(&tot, "2025Q2", &r);
	CHECK_NEAR(res->ytd.value, 6, 1e-9);
	CHECK_NEAR(res->ytd.target, 6, 1e-9);
	CHECK_INT(res->ytd.basis, ISMS_BASIS_SHARE);
	CHECK_INT(res->ytd.status, ISMS_ST_ACHIEVED);
	CHECK_NEAR(res->own.target, 3, 1e-9);
	CHECK_STR(isms_calc_format_basis(&tot, &res->ytd, "zh", b, sizeof b), "≥ 6 項（全年 12 項）");
	CHECK_STR(isms_calc_format_basis(&tot, &res->own, "en", b, sizeof b), "≥ 3 items (year: 12 items)");
	isms_results_free(r);

	/* a yearly cap: pro rata by default, the running sum against the year on request */
	isms_measurement cap[7];
	for (int i = 0; i < 7; i++)
		cap[i] = month(i + 1, 4);
	isms_objective co = objective("o-cap", ISMS_CMP_LE, 24, ISMS_CUM_SUM, ISMS_UNIT_COUNT, cap, 7);
	co.frequency = ISMS_FREQ_MONTHLY;
	res = run1(&co, "2025-03", &r);
	CHECK_INT(res->periods[0].own.status, ISMS_ST_MISSED);     /* 4 > 2 a month */
	CHECK_NEAR(res->periods[0].own.target, 2, 1e-9);
	CHECK_INT(res->periods[2].ytd.status, ISMS_ST_MISSED);     /* 12 > 6 */
	CHECK_NEAR(res->periods[2].variance, 2, 1e-9);             /* against the month's 2 */
	isms_results_free(r);
	co.judge = ISMS_JUDGE_YEAR;
	res = run1(&co, "2025-06", &r);
	CHECK_INT(res->periods[5].ytd.status, ISMS_ST_ACHIEVED);   /* 24 ≤ 24 */
	CHECK_INT(res->periods[5].ytd.basis, ISMS_BASIS_YEAR);
	isms_results_free(r);
	res = run1(&co, "2025-07", &r);
	CHECK_INT(res->periods[6].ytd.status, ISMS_ST_MISSED);     /* 28 > 24: the cap is spent */
	isms_results_free(r);
	/* the same cap reported by quarter: the quarter's months against 3 months' share */
	co.judge = ISMS_JUDGE_PRO_RATA;
	res = run1(&co, "2025Q2", &r);
	CHECK_INT(res->at_quarter, 2);
	CHECK_NEAR(res->own.value, 12, 1e-9);
	CHECK_NEAR(res->own.target, 6, 1e-9);
	CHECK_NEAR(res->ytd.value, 24, 1e-9);
	CHECK_NEAR(res->ytd.target, 12, 1e-9);
	isms_results_free(r);

	/* milestones: each period against its own */
	isms_measurement ms[] = {val(1, 36), val(2, 71), val(3, 94)};
	isms_milestone mls[] = {{{2025, 'Q', 1}, 35, 0, {0}}, {{2025, 'Q', 2}, 70, 0, {0}},
	                        {{2025, 'Q', 3}, 95, 0, {0}}};
	isms_objective mo = objective("o-ms", ISMS_CMP_GE, 100, ISMS_CUM_LAST, ISMS_UNIT_PERCENT, ms, 3);
	mo.milestones = mls;
	mo.nmilestones = 3;
	res = run1(&mo, "2025Q3", &r);
	CHECK_INT(res->periods[0].own.status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[1].ytd.status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[2].own.status, ISMS_ST_MISSED);
	CHECK_INT(res->consecutive_misses, 1);
	CHECK_STR(isms_calc_format_basis(&mo, &res->periods[0].own, "zh", b, sizeof b), "≥ 35%（里程碑，全年 100%）");
	isms_results_free(r);

	/* a monthly objective's quarter keeps every month; a missing month makes it partial */
	isms_measurement q3[] = {month(7, 2), month(9, 5)};
	q3[0].variance = (isms_text){"七月說明", NULL};
	q3[1].variance = (isms_text){"九月說明", NULL};
	isms_objective qo = objective("o-q3", ISMS_CMP_LE, 4, ISMS_CUM_MEAN, ISMS_UNIT_HOURS, q3, 2);
	qo.frequency = ISMS_FREQ_MONTHLY;
	res = run1(&qo, "2025Q3", &r);
	const isms_quarter_view *qv = &res->quarters[2];
	CHECK_INT(qv->nmonths, 3);
	CHECK(qv->months[0]->m == &q3[0] && qv->months[1]->m == NULL && qv->months[2]->m == &q3[1]);
	CHECK(qv->own.partial);
	CHECK_NEAR(qv->own.value, 3.5, 1e-9);
	CHECK_INT(qv->own.status, ISMS_ST_ACHIEVED);
	CHECK_INT(r->own.achieved, 1);
	isms_results_free(r);

	/* 0 of 0: nothing to measure, no data, no warning */
	isms_measurement z[] = {ratio(1, 0, 0), ratio(2, 9, 10)};
	isms_objective zo = objective("o-zero0", ISMS_CMP_GE, 90, ISMS_CUM_RATIO, ISMS_UNIT_PERCENT, z, 2);
	res = run1(&zo, "2025Q1", &r);
	CHECK(res->periods[0].nothing);
	CHECK_INT(res->own.status, ISMS_ST_NO_DATA);
	CHECK_INT(r->nwarnings, 0);
	CHECK_INT(r->own.no_data, 1);
	CHECK_INT(r->ytd.no_data, 1);
	isms_results_free(r);

	/* a period without data is no data in the summary, though the year has data */
	isms_measurement nd[] = {val(1, 99)};
	isms_objective ndo = objective("o-nd", ISMS_CMP_GE, 95, ISMS_CUM_MEAN, ISMS_UNIT_PERCENT, nd, 1);
	res = run1(&ndo, "2025Q2", &r);
	CHECK_INT(r->own.no_data, 1);
	CHECK_INT(r->ytd.achieved, 1);
	CHECK(res->ytd.partial);
	isms_results_free(r);
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
	CHECK_NEAR(res->periods[0].own.value, 90, 1e-9);
	CHECK_NEAR(res->periods[1].ytd.value, 108.0 / 120 * 100, 1e-9);
	CHECK_INT(res->ytd.status, ISMS_ST_MISSED);
	CHECK_INT(res->periods[2].own.status, ISMS_ST_NOT_DUE);
	CHECK_INT(res->ndue, 2);
	CHECK_INT(res->consecutive_misses, 2);
	CHECK(res->corrective_needed);
	CHECK_NEAR(res->periods[1].variance, -5, 1e-9);
	CHECK_INT(res->periods[1].vs_previous, ISMS_DIR_STEADY);
	isms_results_free(r);

	/* zero denominator (0 of 0, which the loader accepts with an explanation):
	 * nothing to measure, counted as no data, no division and no warning */
	isms_measurement zm[] = {ratio(1, 0, 0), ratio(2, 19, 20)};
	isms_objective zo = objective("o-zero", ISMS_CMP_GE, 95, ISMS_CUM_RATIO, ISMS_UNIT_PERCENT, zm, 2);
	res = run1(&zo, "2025Q2", &r);
	CHECK_INT(res->periods[0].own.status, ISMS_ST_NO_DATA);
	CHECK(!res->periods[0].ytd.has_value);
	CHECK_NEAR(res->ytd.value, 95, 1e-9);
	CHECK_INT(res->ytd.status, ISMS_ST_ACHIEVED);
	CHECK(res->periods[0].nothing);
	CHECK_INT(r->nwarnings, 0);
	isms_results_free(r);

	/* missing period: no data, warning, run of misses not broken by it */
	isms_measurement mm[] = {val(1, 5), val(3, 6)};
	isms_objective mo = objective("o-gap", ISMS_CMP_LE, 4, ISMS_CUM_MEAN, ISMS_UNIT_HOURS, mm, 2);
	res = run1(&mo, "2025Q3", &r);
	CHECK_INT(res->periods[1].own.status, ISMS_ST_NO_DATA);
	CHECK(r->nwarnings == 1 && strstr(r->warnings[0], "2025Q2") != NULL);
	CHECK_NEAR(res->ytd.value, 5.5, 1e-9);
	CHECK_INT(res->consecutive_misses, 2);
	CHECK_INT(res->periods[2].vs_previous, ISMS_DIR_UNKNOWN);
	isms_results_free(r);

	/* lower is better, improving, achieved; last-value rule; trend and projection */
	isms_measurement lm[] = {val(1, 6), val(2, 5), val(3, 3.5)};
	isms_objective lo = objective("o-low", ISMS_CMP_LT, 4, ISMS_CUM_LAST, ISMS_UNIT_HOURS, lm, 3);
	lo.has_last_year = 1;
	lo.last_year = 6.5;
	res = run1(&lo, "2025Q3", &r);
	CHECK_INT(res->periods[0].own.status, ISMS_ST_MISSED);
	CHECK_INT(res->periods[2].own.status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[1].vs_previous, ISMS_DIR_IMPROVING);
	CHECK_NEAR(res->ytd.value, 3.5, 1e-9);
	CHECK_INT(res->ytd.status, ISMS_ST_ACHIEVED);
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
	CHECK_INT(res->ytd.status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[1].vs_previous, ISMS_DIR_WORSENING);
	CHECK_NEAR(res->projected, (99 + 97 + 95 + 93) / 4.0, 1e-9);
	CHECK(res->at_risk);
	isms_results_free(r);

	/* a yearly total "at least" is judged pro rata while the year runs */
	isms_measurement sm[] = {val(1, 1), val(2, 1)};
	isms_objective so = objective("o-sum", ISMS_CMP_GE, 4, ISMS_CUM_SUM, ISMS_UNIT_COUNT, sm, 2);
	res = run1(&so, "2025Q2", &r);
	CHECK_NEAR(res->ytd.value, 2, 1e-9);
	CHECK_INT(res->ytd.status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[0].own.status, ISMS_ST_ACHIEVED); /* a quarter's share of 4 is 1 */
	CHECK_NEAR(res->projected, 4, 1e-9);
	isms_results_free(r);
	res = run1(&so, "2025Q4", &r); /* Q3, Q4 missing: 2 of 4 at year end */
	CHECK_INT(res->ytd.status, ISMS_ST_MISSED);
	CHECK_INT(r->nwarnings, 2);
	isms_results_free(r);

	/* nothing due yet; a month report for a quarterly objective */
	res = run1(&so, "2025-02", &r);
	CHECK_INT(res->ndue, 0);
	CHECK_INT(res->ytd.status, ISMS_ST_NOT_DUE);
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
	CHECK_NEAR(res->ytd.value, 11, 1e-9);
	CHECK_INT(res->ytd.status, ISMS_ST_ACHIEVED);
	CHECK_INT(res->periods[2].own.status, ISMS_ST_MISSED);
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
	CHECK_INT(r->own.missed, 2);
	CHECK_INT(r->own.achieved, 0);
	isms_results_free(r);
	r = isms_calc(&org, q3);
	CHECK(r->objectives[0].corrective_needed);
	isms_results_free(r);

	char b[128];
	CHECK_STR(isms_calc_format_target(&lo, "zh", b, sizeof b), "< 4 小時");
	CHECK_STR(isms_status_label(ISMS_ST_MISSED, "zh"), "未達成");
	CHECK_STR(isms_status_label(ISMS_ST_NOT_DUE, "en"), "Not yet due");
	figures();
	HARNESS_END();
}
