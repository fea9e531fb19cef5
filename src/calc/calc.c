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

static const isms_milestone *
milestone(const isms_objective *o, isms_period p)
{
	for (size_t i = 0; i < o->nmilestones; i++)
		if (!isms_period_cmp(o->milestones[i].period, p))
			return &o->milestones[i];
	return NULL;
}

/* The decimals of the objective's data: target, milestones and reported values. */
static int
data_dp(const isms_objective *o)
{
	int dp = o->target_dp > o->value_dp ? o->target_dp : o->value_dp;
	for (size_t i = 0; i < o->nmilestones; i++)
		if (o->milestones[i].dp > dp)
			dp = o->milestones[i].dp;
	return dp;
}

/* The decimals of a combined figure: a ratio or a mean is a computed value and
 * carries at least one decimal. */
static int
combined_dp(const isms_objective *o)
{
	int dp = data_dp(o);
	if ((o->cumulative == ISMS_CUM_RATIO || o->cumulative == ISMS_CUM_MEAN) && dp < 1)
		dp = 1;
	return dp;
}

/* The decimals of a share of the yearly target: enough to state it exactly, up to 2. */
static int
share_dp(double share, int dp)
{
	while (dp < 2 && fabs(isms_calc_round(share, dp) - share) > tol(share))
		dp++;
	return dp;
}

/* Combine the figures of periods [from, to] that have data by the objective's rule;
 * 0 when none has. */
static int
combine(const isms_objective *o, const isms_period_result *pr, size_t from, size_t to,
        double *out)
{
	double sum = 0, num = 0, den = 0, last = 0;
	size_t n = 0;
	for (size_t i = from; i <= to; i++) {
		if (!pr[i].own.has_value)
			continue;
		n++;
		sum += pr[i].own.value;
		last = pr[i].own.value;
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

/* What the year-to-date figure at the end of period k (0-based, of n) must reach:
 * the period's milestone; else for a yearly total judged pro rata the elapsed share
 * of the year's target; else the year's target. */
static void
ytd_target(const isms_objective *o, isms_period p, size_t k, size_t n, isms_verdict *v)
{
	const isms_milestone *ms = milestone(o, p);
	if (ms) {
		v->target = ms->target;
		v->target_dp = ms->dp;
		v->basis = ISMS_BASIS_MILESTONE;
	} else if (o->cumulative == ISMS_CUM_SUM && o->judge == ISMS_JUDGE_PRO_RATA && k + 1 < n &&
	           fabs(o->target) > EPS) { /* a share of none is none: no "(year: 0)" */
		v->target = o->target * (double)(k + 1) / (double)n;
		v->target_dp = share_dp(v->target, o->target_dp);
		v->basis = ISMS_BASIS_SHARE;
	} else {
		v->target = o->target;
		v->target_dp = o->target_dp;
		v->basis = ISMS_BASIS_YEAR;
	}
}

/* What the figure of `span` periods ending at period k must reach: for a yearly
 * total the part of the year's target (or of the milestones) those periods carry;
 * for any other rule the same target as the year to date. */
static void
own_target(const isms_objective *o, const isms_period_result *pr, size_t k, size_t span,
           size_t n, isms_verdict *v)
{
	ytd_target(o, pr[k].period, k, n, v);
	if (o->cumulative != ISMS_CUM_SUM)
		return;
	if (v->basis == ISMS_BASIS_MILESTONE) {
		isms_verdict before = {0};
		if (k + 1 > span)
			ytd_target(o, pr[k - span].period, k - span, n, &before);
		v->target -= before.target;
		v->target_dp = share_dp(v->target, v->target_dp > before.target_dp ? v->target_dp : before.target_dp);
		return;
	}
	if (span == n || fabs(o->target) <= EPS)
		return;
	v->target = o->target * (double)span / (double)n;
	v->target_dp = share_dp(v->target, o->target_dp);
	v->basis = ISMS_BASIS_SHARE;
}

static void
judge(const isms_objective *o, isms_verdict *v)
{
	v->status = !v->has_value ? ISMS_ST_NO_DATA
	            : isms_calc_meets(o->comparator, v->value, v->target) ? ISMS_ST_ACHIEVED
	                                                                  : ISMS_ST_MISSED;
}

/* Quarter q (0-based) of a result whose periods are computed. */
static void
quarter(const isms_objective *o, isms_objective_result *res, int q)
{
	isms_quarter_view *v = &res->quarters[q];
	memset(v, 0, sizeof *v);
	v->own.status = v->ytd.status = ISMS_ST_NOT_DUE;
	if (res->nperiods == 4) {
		const isms_period_result *p = &res->periods[q];
		v->due = (size_t)q < res->ndue;
		v->own = p->own;
		v->ytd = p->ytd;
		v->m = p->m;
		return;
	}
	size_t first = 3 * (size_t)q, last = first;
	for (size_t i = first; i < first + 3 && i < res->ndue; i++) {
		v->months[v->nmonths++] = &res->periods[i];
		last = i;
		v->due = 1;
	}
	if (!v->due)
		return;
	own_target(o, res->periods, last, v->nmonths, res->nperiods, &v->own);
	v->own.has_value = combine(o, res->periods, first, last, &v->own.value);
	v->own.dp = combined_dp(o);
	for (int k = 0; k < v->nmonths; k++)
		if (!v->months[k]->m)
			v->own.partial = 1;
	judge(o, &v->own);
	v->ytd = res->periods[last].ytd;
}

static void
compute(isms_results *r, const isms_org *org, const isms_objective *o,
        isms_objective_result *res)
{
	isms_period report = r->report;
	res->objective = o;
	int monthly = o->frequency == ISMS_FREQ_MONTHLY;
	size_t n = res->nperiods = monthly ? 12 : 4;
	res->periods = isms_arena_alloc(r->arena, n * sizeof *res->periods);
	isms_date report_end = isms_period_end(report);
	int missing = 0;

	for (size_t i = 0; i < n; i++) {
		isms_period_result *p = &res->periods[i];
		p->period = (isms_period){org->objectives_year, monthly ? 'M' : 'Q', (int)i + 1};
		int due = isms_date_cmp(isms_period_end(p->period), report_end) <= 0;
		if (!due) {
			p->own.status = p->ytd.status = ISMS_ST_NOT_DUE;
			continue;
		}
		res->ndue = i + 1;
		p->m = find(o, p->period);
		own_target(o, res->periods, i, 1, n, &p->own);
		p->own.dp = data_dp(o);
		if (!p->m) {
			missing = p->own.partial = 1;
			warn(r, o, p->period, "no measurement reported; counted as no data");
		} else if (p->m->has_ratio) {
			if (p->m->denominator > 0) {
				p->own.has_value = 1;
				p->own.value = p->m->numerator / p->m->denominator *
				               (o->unit == ISMS_UNIT_PERCENT ? 100.0 : 1.0);
				if (p->own.dp < 1)
					p->own.dp = 1;
			} else {
				p->nothing = 1; /* 0 of 0, as the loader allows: nothing to measure */
			}
		} else if (p->m->has_value) {
			p->own.has_value = 1;
			p->own.value = p->m->value;
		}
		judge(o, &p->own);
		if (p->own.has_value) {
			p->variance = p->own.value - p->own.target;
			if (i > 0 && res->periods[i - 1].own.has_value)
				p->vs_previous = isms_calc_direction(o->comparator, p->own.target,
				                                     res->periods[i - 1].own.value, p->own.value);
		}
		ytd_target(o, p->period, i, n, &p->ytd);
		p->ytd.has_value = combine(o, res->periods, 0, i, &p->ytd.value);
		p->ytd.dp = combined_dp(o);
		p->ytd.partial = missing;
		judge(o, &p->ytd);
	}
	for (int q = 0; q < 4; q++)
		quarter(o, res, q);

	res->own.status = res->ytd.status = ISMS_ST_NOT_DUE;
	if (res->ndue) {
		res->current = &res->periods[res->ndue - 1];
		res->at = res->current->period;
		res->own = res->current->own;
		res->ytd = res->current->ytd;
		if (monthly && report.kind == 'Q' && report.year == org->objectives_year) {
			const isms_quarter_view *qv = &res->quarters[report.index - 1];
			res->at = report;
			res->at_quarter = report.index;
			res->own = qv->own;
			res->ytd = qv->ytd;
		}
		if (res->current->ytd.has_value && o->has_last_year)
			res->vs_last_year = isms_calc_direction(o->comparator, o->target,
			                                        o->last_year, res->current->ytd.value);
	}

	/* Misses running up to the report period; a period without data neither
	 * counts nor breaks the run, an achieved one ends it. */
	for (size_t i = 0; i < res->ndue; i++) {
		if (res->periods[i].own.status == ISMS_ST_MISSED)
			res->consecutive_misses++;
		else if (res->periods[i].own.status == ISMS_ST_ACHIEVED)
			res->consecutive_misses = 0;
	}
	int threshold = org->settings.corrective_after_misses > 0
	                ? org->settings.corrective_after_misses : 2;
	res->corrective_needed = res->consecutive_misses >= threshold;

	double xs[12], ys[12];
	size_t k = 0;
	for (size_t i = 0; i < res->ndue; i++)
		if (res->periods[i].own.has_value) {
			xs[k] = (double)(i + 1);
			ys[k++] = res->periods[i].own.value;
		}
	res->has_trend = isms_calc_fit(xs, ys, k, &res->slope, &res->intercept) == 0;
	if (res->has_trend) {
		double sum = 0, last = 0;
		k = 0;
		for (size_t i = 0; i < n; i++) {
			if (i < res->ndue && !res->periods[i].own.has_value)
				continue;
			double v;
			if (i < res->ndue) {
				v = res->periods[i].own.value;
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
		if (res->ndue == n && res->current->ytd.has_value)
			res->projected = res->current->ytd.value; /* the year is over: no projection */
		res->at_risk = res->has_projection &&
		               !isms_calc_meets(o->comparator, res->projected, o->target);
	} else if (res->current && res->current->ytd.has_value) {
		res->at_risk = res->current->ytd.status == ISMS_ST_MISSED;
	}
}

static void
tally(isms_tally *t, enum isms_status s)
{
	switch (s) {
	case ISMS_ST_ACHIEVED: t->achieved++; break;
	case ISMS_ST_MISSED: t->missed++; break;
	case ISMS_ST_NO_DATA: t->no_data++; break;
	case ISMS_ST_NOT_DUE: t->not_due++; break;
	}
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
	for (size_t i = 0; i < org->nobjectives; i++) {
		isms_objective_result *res = &r->objectives[i];
		compute(r, org, &org->objectives[i], res);
		tally(&r->own, res->own.status);
		tally(&r->ytd, res->ytd.status);
	}
	return r;
}

void
isms_results_free(isms_results *r)
{
	if (r)
		isms_arena_free(r->arena);
}

double
isms_calc_round(double x, int dp)
{
	double scale = pow(10, dp), a = fabs(x) * scale;
	/* a nudge of 1e-11 relative: 2.675 is stored as 2.67499999... but was written 2.675 */
	double r = floor(a + 0.5 + 1e-11 * (a > 1 ? a : 1)) / scale;
	return x < 0 && r != 0 ? -r : r;
}

int
isms_calc_decimals(const isms_objective *o, double v, int dp, double target)
{
	int met = isms_calc_meets(o->comparator, v, target);
	for (; dp < 6; dp++) {
		double r = isms_calc_round(v, dp);
		if (isms_calc_meets(o->comparator, r, target) != met)
			continue;
		/* 99.96% is not complete and 0.04% is not none */
		if (o->unit == ISMS_UNIT_PERCENT && (r == 100 || r == 0) && fabs(v - r) > tol(r))
			continue;
		break;
	}
	return dp;
}

char *
isms_calc_format(const isms_objective *o, double v, int dp, const char *lang, char *buf,
                 size_t size)
{
	char num[64];
	double r = isms_calc_round(v, dp);
	snprintf(num, sizeof num, "%.*f", dp, r == 0 ? 0.0 : r); /* never "-0" */
	int en = lang && !strcmp(lang, "en");
	int one = !strcmp(num, "1");
	switch (o->unit) {
	case ISMS_UNIT_PERCENT: snprintf(buf, size, "%s%%", num); break;
	case ISMS_UNIT_HOURS:
		snprintf(buf, size, "%s %s", num, en ? (one ? "hour" : "hours") : "小時");
		break;
	case ISMS_UNIT_DAYS:
		snprintf(buf, size, "%s %s", num, en ? (one ? "day" : "days") : "天");
		break;
	case ISMS_UNIT_COUNT:
		if (o->counter.zh)
			snprintf(buf, size, "%s %s", num, en && o->counter.en ? o->counter.en
			                                  : o->counter.zh);
		else
			snprintf(buf, size, "%s %s", num, en ? (one ? "item" : "items") : "項");
		break;
	}
	return buf;
}

char *
isms_calc_format_value(const isms_objective *o, const isms_verdict *v, const char *lang,
                       char *buf, size_t size)
{
	return isms_calc_format(o, v->value, isms_calc_decimals(o, v->value, v->dp, v->target),
	                        lang, buf, size);
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
	         isms_calc_format(o, o->target, o->target_dp, lang, v, sizeof v));
	return buf;
}

char *
isms_calc_format_basis(const isms_objective *o, const isms_verdict *v, const char *lang,
                       char *buf, size_t size)
{
	char t[64], y[64];
	int en = lang && !strcmp(lang, "en");
	isms_calc_format(o, v->target, v->target_dp, lang, t, sizeof t);
	isms_calc_format(o, o->target, o->target_dp, lang, y, sizeof y);
	const char *sym = isms_comparator_symbol(o->comparator);
	switch (v->basis) {
	case ISMS_BASIS_YEAR: snprintf(buf, size, "%s %s", sym, t); break;
	case ISMS_BASIS_SHARE:
		snprintf(buf, size, en ? "%s %s (year: %s)" : "%s %s（全年 %s）", sym, t, y);
		break;
	case ISMS_BASIS_MILESTONE:
		snprintf(buf, size, en ? "%s %s (milestone; year: %s)" : "%s %s（里程碑，全年 %s）",
		         sym, t, y);
		break;
	}
	return buf;
}

char *
isms_calc_format_last_year(const isms_objective *o, const char *lang, char *buf, size_t size)
{
	return isms_calc_format(o, o->last_year, o->last_year_dp, lang, buf, size);
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
