/* Objective computation: actuals, cumulative figures, status, variance, direction,
 * trend and projection, consecutive misses, achievement rates (calc layer: pure
 * functions of the model and the report period; no I/O). */
#ifndef ISMS_CALC_H
#define ISMS_CALC_H

#include <stddef.h>

#include "model/model.h"

enum isms_status {
	ISMS_ST_ACHIEVED, /* 達成 */
	ISMS_ST_MISSED,   /* 未達成 */
	ISMS_ST_NO_DATA,  /* 無資料: the period is due but nothing (usable) was reported */
	ISMS_ST_NOT_DUE   /* 未到期: the period ends after the report period */
};

/* A change read in the KPI's own direction (lower is better for ≤ and <). */
enum isms_direction {
	ISMS_DIR_UNKNOWN, ISMS_DIR_IMPROVING, ISMS_DIR_STEADY, ISMS_DIR_WORSENING
};

/* What a verdict's target is. */
enum isms_basis {
	ISMS_BASIS_YEAR,      /* the objective's target as it stands */
	ISMS_BASIS_SHARE,     /* the elapsed share of a yearly total (pro rata) */
	ISMS_BASIS_MILESTONE  /* the plan's milestone for the period */
};

/* One verdict: a figure, the target it is judged against and the outcome.  Every
 * period has two, always printed under their own label: the period's own (本期)
 * and the year to date (累計 / 年度至今). */
typedef struct isms_verdict {
	enum isms_status status;
	int has_value;
	double value;             /* percent KPIs in percent (×100 for ratios) */
	int dp;                   /* decimals the value carries (the data's precision) */
	double target;            /* what value is judged against */
	int target_dp;
	enum isms_basis basis;
	int partial;              /* some period behind it has no data */
} isms_verdict;

typedef struct isms_period_result {
	isms_period period;
	const isms_measurement *m;  /* NULL when nothing was reported */
	int nothing;                /* reported 0 of 0: nothing to measure (counts as no data) */
	isms_verdict own;           /* 本期: the period's figure against its own target */
	isms_verdict ytd;           /* 累計: year to date by the objective's rule */
	double variance;            /* own.value − own.target (when own.has_value) */
	enum isms_direction vs_previous; /* against the previous period's own figure */
} isms_period_result;

/* One quarter as the quarterly review form shows it.  For a monthly objective the
 * quarter's months are combined by the objective's own rule; months[] keeps each
 * month (for its explanation and its "no data"). */
typedef struct isms_quarter_view {
	int due;                     /* some of it ends on or before the report period */
	isms_verdict own, ytd;
	const isms_measurement *m;   /* a quarterly objective's measurement, or NULL */
	const isms_period_result *months[3]; /* a monthly objective's due months */
	int nmonths;
} isms_quarter_view;

typedef struct isms_objective_result {
	const isms_objective *objective;
	isms_period_result *periods; /* every period of the year, in order */
	size_t nperiods;
	size_t ndue;                 /* periods ending on or before the report period */
	const isms_period_result *current; /* the last due period, NULL when none is due */
	isms_quarter_view quarters[4];
	/* The objective at the report period, as the KPI table, the minutes and the
	 * summaries state it: a monthly objective reported by quarter speaks of the
	 * quarter (its months combined), any other of its last due period. */
	isms_period at;
	int at_quarter;              /* 1..4 when `at` is a quarter of a monthly objective */
	isms_verdict own, ytd;       /* status NOT_DUE when nothing is due yet */
	enum isms_direction vs_last_year; /* the year-to-date figure against last year */
	int has_trend;               /* least squares over ≥ 2 periods with data */
	double slope, intercept;     /* actual ≈ intercept + slope × period number (1-based) */
	int has_projection;
	double projected;            /* year-end value by the cumulative rule */
	int at_risk;                 /* the projection misses the target */
	int consecutive_misses;      /* periods missed (own verdict) running up to the report period */
	int corrective_needed;       /* consecutive_misses ≥ the organisation's threshold */
} isms_objective_result;

/* How many objectives stand where, by one of the two verdicts at the report period. */
typedef struct isms_tally {
	int achieved, missed, no_data, not_due;
} isms_tally;

typedef struct isms_results {
	isms_arena *arena;
	isms_period report;
	isms_objective_result *objectives;
	size_t nobjectives;
	isms_tally own, ytd;         /* the organisation at the report period */
	const char **warnings;       /* "objective o-x, 2025Q3: ..." for the caller to print */
	const isms_objective **warning_objectives; /* whose loc to print with */
	size_t nwarnings;
} isms_results;

/* Compute every objective of org up to the report period.  Returns the results
 * (free with isms_results_free); never fails. */
isms_results *isms_calc(const isms_org *org, isms_period report);
void isms_results_free(isms_results *r);

/* The pieces, exposed for unit tests. */
/* 1 when value meets target by comparator, with a tolerance for floating point. */
int isms_calc_meets(enum isms_comparator cmp, double value, double target);
/* Direction of a change from `from` to `to` for a KPI compared by cmp to target. */
enum isms_direction isms_calc_direction(enum isms_comparator cmp, double target,
                                        double from, double to);
/* Least-squares line through (x[i], y[i]); 0 ok, -1 when fewer than 2 distinct x. */
int isms_calc_fit(const double *x, const double *y, size_t n, double *slope, double *intercept);

/* x rounded half up (四捨五入, away from zero for negatives) to dp decimals. */
double isms_calc_round(double x, int dp);
/* The decimals to print value with: at least dp, more while the rounded figure
 * would read differently against target than the value itself does (3.983 < 4
 * must not print "4"; 96.98 ≥ 97 must not print "97"; 99.96% not "100%"). */
int isms_calc_decimals(const isms_objective *o, double value, int dp, double target);

/* A number with the objective's unit under the C locale, rounded half up to dp
 * decimals: "95%", "87.5%", "3.5 小時", "3.5 hours", "2 項", "2 人", "2 people",
 * "5 天".  lang is "zh" or "en". */
char *isms_calc_format(const isms_objective *o, double value, int dp, const char *lang,
                       char *buf, size_t size);
/* A verdict's figure, at the decimals that keep it in agreement with its verdict. */
char *isms_calc_format_value(const isms_objective *o, const isms_verdict *v, const char *lang,
                             char *buf, size_t size);
/* "≥ 95%" / "< 4 小時": the comparator and the yearly target as written. */
char *isms_calc_format_target(const isms_objective *o, const char *lang, char *buf, size_t size);
/* What a verdict was judged against, said as such: "≥ 95%", "≥ 6 項（全年 12 項）",
 * "≥ 35%（里程碑，全年 100%）" / "≥ 6 items (year: 12)", "≥ 35% (milestone; year 100%)". */
char *isms_calc_format_basis(const isms_objective *o, const isms_verdict *v, const char *lang,
                             char *buf, size_t size);
/* Last year's figure as written. */
char *isms_calc_format_last_year(const isms_objective *o, const char *lang, char *buf, size_t size);
const char *isms_comparator_symbol(enum isms_comparator c);
/* 達成 / Achieved, 未達成 / Not achieved, 無資料 / No data, 未到期 / Not yet due. */
const char *isms_status_label(enum isms_status s, const char *lang);
/* ↑ improving, → steady, ↓ worsening (arrows read as "better/worse", not up/down). */
const char *isms_direction_label(enum isms_direction d, const char *lang);

#endif
