/* Objective computation (calc layer): pure functions from the model and a report
 * period to results; warnings are returned, not printed. */
#include "calc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EPS 1e-9

static double
tol(double target)
{
	return EPS * (fabs(target) > 1 ? fabs(target) : 1);
}

int
isms_calc_meets(enum isms_comparator cmp, double v, double t)
{
	double e = tol(t);
	switch (cmp) {
	case ISMS_CMP_GE: return v >= t - e;
	case ISMS_CMP_GT: return v > t + e;
	case ISMS_CMP_LE: return v <= t + e;
	case ISMS_CMP_LT: return v < t - e;
	case ISMS_CMP_EQ: return fabs(v - t) <= e;
	}
	return 0;
}

static int
lower_is_better(enum isms_comparator c)
{
	return c == ISMS_CMP_LE || c == ISMS_CMP_LT;
}

enum isms_direction
isms_calc_direction(enum isms_comparator cmp, double target, double from, double to)
{
	double good; /* positive when `to` is better than `from` */
	if (cmp == ISMS_CMP_EQ)
		good = fabs(from - target) - fabs(to - target);
	else if (lower_is_better(cmp))
		good = from - to;
	else
		good = to - from;
	double e = tol(target) + EPS * (fabs(from) + fabs(to));
	if (good > e)
		return ISMS_DIR_IMPROVING;
	if (good < -e)
		return ISMS_DIR_WORSENING;
	return ISMS_DIR_STEADY;
}

int
isms_calc_fit(const double *x, const double *y, size_t n, double *slope, double *intercept)
{
	if (n < 2)
		return -1;
	double sx = 0, sy = 0;
	for (size_t i = 0; i < n; i++)
		sx += x[i], sy += y[i];
	double mx = sx / (double)n, my = sy / (double)n, sxx = 0, sxy = 0;
	for (size_t i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (sxx < EPS)
		return -1;
	*slope = sxy / sxx;
	*intercept = my - *slope * mx;
	return 0;
}

static void
warn(isms_results *r, const isms_objective *o, isms_period p, const char *what)
{
	char pb[16], buf[512];
	snprintf(buf, sizeof buf, "objective \"%s\", %s: %s", o->id,
	         isms_period_format(p, pb, sizeof pb), what);
	size_t n = r->nwarnings + 1;
	const char **w = isms_arena_alloc(r->arena, n * sizeof *w);
	const isms_objective **wo = isms_arena_alloc(r->arena, n * sizeof *wo);
	if (r->nwarnings) {
		memcpy(w, r->warnings, r->nwarnings * sizeof *w);
		memcpy(wo, r->warning_objectives, r->nwarnings * sizeof *wo);
	}
	w[r->nwarnings] = isms_arena_strdup(r->arena, buf);
	wo[r->nwarnings] = o;
	r->warnings = w;
	r->warning_objectives = wo;
	r->nwarnings = n;
}

static const isms_measurement *
find(const isms_objective *o, isms_period p)
{
	for (size_t i = 0; i < o->nmeasurements; i++)
		if (!isms_period_cmp(o->measurements[i].period, p))
			return &o->measurements[i];
	return NULL;
}

/* The cumulative figure over the periods [0, upto] that have data. */
static int
cumulate(const isms_objective *o, const isms_period_result *pr, size_t upto, double *out)
{
	double sum = 0, num = 0, den = 0, last = 0;
	size_t n = 0;
	for (size_t i = 0; i <= upto; i++) {
		if (!pr[i].has_actual)
			continue;
		n++;
		sum += pr[i].actual;
		last = pr[i].actual;
		if (pr[i].m && pr[i].m->has_ratio) {
			num += pr[i].m->numerator;
			den += pr[i].m->denominator;
		}
	}
	if (n == 0)
		return 0;
	switch (o->cumulative) {
	case ISMS_CUM_SUM: *out = sum; break;
	case ISMS_CUM_MEAN: *out = sum / (double)n; break;
	case ISMS_CUM_LAST: *out = last; break;
	case ISMS_CUM_RATIO:
		if (den <= 0)
			return 0;
		*out = num / den * (o->unit == ISMS_UNIT_PERCENT ? 100.0 : 1.0);
		break;
	}
	return 1;
}

/* A yearly total compared with "at least" is judged against the share of the year
 * that has elapsed (on track), not against the whole year's target. */
static double
cum_target(const isms_objective *o, size_t due, size_t total)
{
	if (o->cumulative == ISMS_CUM_SUM && !lower_is_better(o->comparator) &&
	    o->comparator != ISMS_CMP_EQ && total)
		return o->target * (double)due / (double)total;
	return o->target;
}

/* What one period must reach: a yearly total "at least" is shared evenly between
 * the periods; every other target applies to each period as it stands. */
static double
period_target(const isms_objective *o, size_t periods)
{
	if (o->cumulative == ISMS_CUM_SUM && !lower_is_better(o->comparator) &&
	    o->comparator != ISMS_CMP_EQ && periods)
		return o->target / (double)periods;
	return o->target;
}

static void
compute(isms_results *r, const isms_org *org, const isms_objective *o,
        isms_objective_result *res)
{
	isms_period report = r->report;
	res->objective = o;
	int monthly = o->frequency == ISMS_FREQ_MONTHLY;
	res->nperiods = monthly ? 12 : 4;
	res->periods = isms_arena_alloc(r->arena, res->nperiods * sizeof *res->periods);
	isms_date report_end = isms_period_end(report);

	for (size_t i = 0; i < res->nperiods; i++) {
		isms_period_result *p = &res->periods[i];
		p->period = (isms_period){org->objectives_year, monthly ? 'M' : 'Q', (int)i + 1};
		int due = isms_date_cmp(isms_period_end(p->period), report_end) <= 0;
		if (!due) {
			p->status = p->cum_status = ISMS_ST_NOT_DUE;
			continue;
		}
		res->ndue = i + 1;
		p->m = find(o, p->period);
		if (!p->m) {
			warn(r, o, p->period, "no measurement reported; counted as no data");
		} else if (p->m->has_ratio) {
			if (p->m->denominator > 0) {
				p->has_actual = 1;
				p->actual = p->m->numerator / p->m->denominator *
				            (o->unit == ISMS_UNIT_PERCENT ? 100.0 : 1.0);
			} else {
				warn(r, o, p->period, "denominator is zero; counted as no data");
			}
		} else if (p->m->has_value) {
			p->has_actual = 1;
			p->actual = p->m->value;
		}
		p->status = !p->has_actual ? ISMS_ST_NO_DATA
		            : isms_calc_meets(o->comparator, p->actual, period_target(o, res->nperiods))
		            ? ISMS_ST_ACHIEVED : ISMS_ST_MISSED;
		if (p->has_actual) {
			p->variance = p->actual - o->target;
			if (fabs(o->target) > EPS) {
				p->has_variance_rel = 1;
				p->variance_rel = p->variance / fabs(o->target);
			}
			if (i > 0 && res->periods[i - 1].has_actual)
				p->vs_previous = isms_calc_direction(o->comparator, o->target,
				                                     res->periods[i - 1].actual, p->actual);
		}
		p->has_cumulative = cumulate(o, res->periods, i, &p->cumulative);
		p->cum_status = !p->has_cumulative ? ISMS_ST_NO_DATA
		                : isms_calc_meets(o->comparator, p->cumulative,
		                                  cum_target(o, i + 1, res->nperiods))
		                ? ISMS_ST_ACHIEVED : ISMS_ST_MISSED;
	}

	res->status = ISMS_ST_NOT_DUE;
	if (res->ndue) {
		res->current = &res->periods[res->ndue - 1];
		res->status = res->current->cum_status;
		res->has_current_value = res->current->has_cumulative;
		res->current_value = res->current->cumulative;
		if (res->has_current_value && o->has_last_year)
			res->vs_last_year = isms_calc_direction(o->comparator, o->target,
			                                        o->last_year, res->current_value);
	}

	/* Misses running up to the report period; a period without data neither
	 * counts nor breaks the run, an achieved one ends it. */
	for (size_t i = 0; i < res->ndue; i++) {
		if (res->periods[i].status == ISMS_ST_MISSED)
			res->consecutive_misses++;
		else if (res->periods[i].status == ISMS_ST_ACHIEVED)
			res->consecutive_misses = 0;
	}
	int threshold = org->settings.corrective_after_misses > 0
	                ? org->settings.corrective_after_misses : 2;
	res->corrective_needed = res->consecutive_misses >= threshold;

	double xs[12], ys[12];
	size_t n = 0;
	for (size_t i = 0; i < res->ndue; i++)
		if (res->periods[i].has_actual) {
			xs[n] = (double)(i + 1);
			ys[n++] = res->periods[i].actual;
		}
	res->has_trend = isms_calc_fit(xs, ys, n, &res->slope, &res->intercept) == 0;
	if (res->has_trend) {
		double sum = 0, last = 0;
		size_t k = 0;
		for (size_t i = 0; i < res->nperiods; i++) {
			if (i < res->ndue && !res->periods[i].has_actual)
				continue;
			double v;
			if (i < res->ndue) {
				v = res->periods[i].actual;
			} else { /* a future period: the fitted line, kept within the unit's range */
				v = res->intercept + res->slope * (double)(i + 1);
				if (v < 0)
					v = 0;
				if (o->unit == ISMS_UNIT_PERCENT && v > 100)
					v = 100;
			}
			sum += v;
			last = v;
			k++;
		}
		res->has_projection = k > 0;
		switch (o->cumulative) {
		case ISMS_CUM_SUM: res->projected = sum; break;
		case ISMS_CUM_LAST: res->projected = last; break;
		case ISMS_CUM_MEAN:
		case ISMS_CUM_RATIO: res->projected = k ? sum / (double)k : 0; break;
		}
		if (res->ndue == res->nperiods && res->has_current_value)
			res->projected = res->current_value; /* the year is over: no projection */
		res->at_risk = res->has_projection &&
		               !isms_calc_meets(o->comparator, res->projected, o->target);
	} else if (res->has_current_value) {
		res->at_risk = res->status == ISMS_ST_MISSED;
	}
}

static void
tally(isms_unit_rate *u, enum isms_status s)
{
	if (s == ISMS_ST_ACHIEVED)
		u->achieved++;
	if (s == ISMS_ST_ACHIEVED || s == ISMS_ST_MISSED)
		u->evaluated++;
	u->rate = u->evaluated ? 100.0 * u->achieved / u->evaluated : 0;
}

isms_results *
isms_calc(const isms_org *org, isms_period report)
{
	isms_arena *a = isms_arena_new();
	isms_results *r = isms_arena_alloc(a, sizeof *r);
	r->arena = a;
	r->report = report;
	r->nobjectives = org->nobjectives;
	r->objectives = isms_arena_alloc(a, (org->nobjectives + 1) * sizeof *r->objectives);
	r->units = isms_arena_alloc(a, (org->nobjectives + 1) * sizeof *r->units);
	for (size_t i = 0; i < org->nobjectives; i++) {
		isms_objective_result *res = &r->objectives[i];
		compute(r, org, &org->objectives[i], res);
		isms_unit_rate *u = NULL;
		for (size_t j = 0; j < r->nunits; j++)
			if (r->units[j].unit == org->objectives[i].owner_unit)
				u = &r->units[j];
		if (!u) {
			u = &r->units[r->nunits++];
			u->unit = org->objectives[i].owner_unit;
		}
		tally(u, res->status);
		tally(&r->total, res->status);
	}
	return r;
}

void
isms_results_free(isms_results *r)
{
	if (r)
		isms_arena_free(r->arena);
}

char *
isms_calc_format(double v, enum isms_measure_unit unit, const char *lang, char *buf, size_t size)
{
	char num[64];
	snprintf(num, sizeof num, "%.1f", v);
	size_t n = strlen(num);
	if (n > 2 && !strcmp(num + n - 2, ".0"))
		num[n - 2] = '\0';
	if (!strcmp(num, "-0"))
		strcpy(num, "0");
	int en = lang && !strcmp(lang, "en");
	switch (unit) {
	case ISMS_UNIT_PERCENT: snprintf(buf, size, "%s%%", num); break;
	case ISMS_UNIT_HOURS:
		snprintf(buf, size, "%s %s", num, en ? (strcmp(num, "1") ? "hours" : "hour") : "小時");
		break;
	case ISMS_UNIT_DAYS:
		snprintf(buf, size, "%s %s", num, en ? (strcmp(num, "1") ? "days" : "day") : "天");
		break;
	case ISMS_UNIT_COUNT:
		snprintf(buf, size, "%s %s", num, en ? (strcmp(num, "1") ? "items" : "item") : "項");
		break;
	}
	return buf;
}

const char *
isms_comparator_symbol(enum isms_comparator c)
{
	static const char *const sym[] = {"≥", ">", "≤", "<", "="};
	return sym[c];
}

char *
isms_calc_format_target(const isms_objective *o, const char *lang, char *buf, size_t size)
{
	char v[64];
	snprintf(buf, size, "%s %s", isms_comparator_symbol(o->comparator),
	         isms_calc_format(o->target, o->unit, lang, v, sizeof v));
	return buf;
}

const char *
isms_status_label(enum isms_status s, const char *lang)
{
	static const char *const zh[] = {"達成", "未達成", "無資料", "未到期"};
	static const char *const en[] = {"Achieved", "Not achieved", "No data", "Not yet due"};
	return lang && !strcmp(lang, "en") ? en[s] : zh[s];
}

const char *
isms_direction_label(enum isms_direction d, const char *lang)
{
	static const char *const zh[] = {"—", "改善 ↑", "持平 →", "退步 ↓"};
	static const char *const en[] = {"—", "improving ↑", "steady →", "worsening ↓"};
	return lang && !strcmp(lang, "en") ? en[d] : zh[d];
}

isms_quarter_view
isms_calc_quarter(const isms_objective_result *r, int q)
{
	isms_quarter_view v = {0};
	v.status = ISMS_ST_NOT_DUE;
	const isms_objective *o = r->objective;
	if (r->nperiods == 4) {
		const isms_period_result *p = &r->periods[q - 1];
		v.due = (size_t)q <= r->ndue;
		v.has_actual = p->has_actual;
		v.actual = p->actual;
		v.has_cumulative = p->has_cumulative;
		v.cumulative = p->cumulative;
		v.status = p->status;
		v.m = p->m;
		return v;
	}
	double sum = 0, last = 0, num = 0, den = 0;
	int n = 0;
	for (int i = 3 * (q - 1); i < 3 * q && (size_t)i < r->ndue; i++) {
		const isms_period_result *p = &r->periods[i];
		v.due = 1;
		if (p->m)
			v.m = p->m;
		if (p->has_cumulative) {
			v.has_cumulative = 1;
			v.cumulative = p->cumulative;
		}
		if (!p->has_actual)
			continue;
		n++;
		sum += p->actual;
		last = p->actual;
		if (p->m && p->m->has_ratio) {
			num += p->m->numerator;
			den += p->m->denominator;
		}
	}
	if (!v.due)
		return v;
	if (n) {
		v.has_actual = 1;
		switch (o->cumulative) {
		case ISMS_CUM_SUM: v.actual = sum; break;
		case ISMS_CUM_LAST: v.actual = last; break;
		case ISMS_CUM_MEAN: v.actual = sum / n; break;
		case ISMS_CUM_RATIO:
			v.actual = den > 0 ? num / den * (o->unit == ISMS_UNIT_PERCENT ? 100 : 1) : sum / n;
			break;
		}
	}
	v.status = !v.has_actual ? ISMS_ST_NO_DATA
	           : isms_calc_meets(o->comparator, v.actual, period_target(o, 4)) ? ISMS_ST_ACHIEVED
	                                                                            : ISMS_ST_MISSED;
	return v;
}
