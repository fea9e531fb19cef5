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

typedef struct isms_period_result {
	isms_period period;
	const isms_measurement *m;  /* NULL when nothing was reported */
	int has_actual;
	double actual;              /* percent KPIs in percent (×100 for ratios) */
	int has_cumulative;
	double cumulative;          /* year to date, by the objective's rule */
	enum isms_status status;     /* the period's actual against the target */
	enum isms_status cum_status; /* the cumulative figure against the (pro-rata) target */
	double variance;            /* actual − target */
	int has_variance_rel;
	double variance_rel;        /* (actual − target) / |target| */
	enum isms_direction vs_previous; /* against the previous period's actual */
} isms_period_result;

typedef struct isms_objective_result {
	const isms_objective *objective;
	isms_period_result *periods; /* every period of the year, in order */
	size_t nperiods;
	size_t ndue;                 /* periods ending on or before the report period */
	const isms_period_result *current; /* the last due period, NULL when none is due */
	enum isms_status status;     /* the objective at the report period (cum_status) */
	int has_current_value;
	double current_value;        /* the cumulative figure at the report period */
	enum isms_direction vs_last_year;
	int has_trend;               /* least squares over ≥ 2 periods with data */
	double slope, intercept;     /* actual ≈ intercept + slope × period number (1-based) */
	int has_projection;
	double projected;            /* year-end value by the cumulative rule */
	int at_risk;                 /* the projection misses the target */
	int consecutive_misses;      /* missed periods running up to the report period */
	int corrective_needed;       /* consecutive_misses ≥ the organisation's threshold */
} isms_objective_result;

typedef struct isms_unit_rate {
	const isms_unit *unit;
	int achieved, evaluated;     /* evaluated = achieved + missed */
	double rate;                 /* achieved / evaluated × 100; 0 when none evaluated */
} isms_unit_rate;

typedef struct isms_results {
	isms_arena *arena;
	isms_period report;
	isms_objective_result *objectives;
	size_t nobjectives;
	isms_unit_rate *units;       /* one per owner unit, in the order of first use */
	size_t nunits;
	isms_unit_rate total;        /* the organisation (unit NULL) */
	const char **warnings;       /* "objective o-x, 2025Q3: ..." for the caller to print */
	const isms_objective **warning_objectives; /* whose loc to print with */
	size_t nwarnings;
} isms_results;

/* Compute every objective of org up to the report period.  Returns the results
 * (free with isms_results_free); never fails. */
isms_results *isms_calc(const isms_org *org, isms_period report);
void isms_results_free(isms_results *r);

/* One quarter of an objective as the quarterly review form shows it; for a monthly
 * objective the quarter's months are combined by the objective's own rule. */
typedef struct isms_quarter_view {
	int due;                     /* some of it ends on or before the report period */
	int has_actual;
	double actual;
	int has_cumulative;
	double cumulative;
	enum isms_status status;
	const isms_measurement *m;   /* the quarter's (last) measurement, or NULL */
} isms_quarter_view;

/* Quarter q (1..4) of r. */
isms_quarter_view isms_calc_quarter(const isms_objective_result *r, int q);

/* The pieces, exposed for unit tests. */
/* 1 when value meets target by comparator, with a tolerance for floating point. */
int isms_calc_meets(enum isms_comparator cmp, double value, double target);
/* Direction of a change from `from` to `to` for a KPI compared by cmp to target. */
enum isms_direction isms_calc_direction(enum isms_comparator cmp, double target,
                                        double from, double to);
/* Least-squares line through (x[i], y[i]); 0 ok, -1 when fewer than 2 distinct x. */
int isms_calc_fit(const double *x, const double *y, size_t n, double *slope, double *intercept);

/* Number formatting by unit under the C locale: "95%", "87.5%", "3.5 小時",
 * "3.5 hours", "2 項", "2 items", "5 天", "5 days".  lang is "zh" or "en". */
char *isms_calc_format(double value, enum isms_measure_unit unit, const char *lang,
                       char *buf, size_t size);
/* "≥ 95%" / "< 4 小時": the comparator symbol and the formatted target. */
char *isms_calc_format_target(const isms_objective *o, const char *lang, char *buf, size_t size);
const char *isms_comparator_symbol(enum isms_comparator c);
/* 達成 / Achieved, 未達成 / Not achieved, 無資料 / No data, 未到期 / Not yet due. */
const char *isms_status_label(enum isms_status s, const char *lang);
/* ↑ improving, → steady, ↓ worsening (arrows read as "better/worse", not up/down). */
const char *isms_direction_label(enum isms_direction d, const char *lang);

#endif
