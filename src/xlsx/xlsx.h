/* XLSX registers (xlsx layer): one function per workbook kind, libxlsxwriter inside.
 * Files are written to the given path (inside the pack's temporary folder). */
#ifndef ISMS_XLSX_H
#define ISMS_XLSX_H

#include <time.h>

#include "calc/calc.h"
#include "model/model.h"

/* The objectives workbook: targets, measurements (every period: actual and
 * cumulative), KPI status, and a trend chart per objective.  lang: zh, en or bi.
 * created: the document-property date (fixed, so two runs give the same bytes).
 * Returns 0, or -1 after reporting the problem. */
int isms_xlsx_objectives(const isms_org *org, const isms_results *res, const char *lang,
                         time_t created, const char *path);

/* The registers workbook: actions of every review (state as of as_of, overdue ones
 * highlighted), documents (文件清單), records (紀錄保存), roles and a RACI table
 * (職責分派), and the Statement of Applicability.  Returns 0, or -1 after reporting. */
int isms_xlsx_registers(const isms_org *org, isms_date as_of, const char *lang,
                        time_t created, const char *path);

/* Which objectives a collection workbook carries: those of one owner unit, or of
 * one reporter (see isms_wb_reporter), for one period. */
typedef struct isms_wb_filter {
	const isms_unit *unit;       /* NULL: any unit */
	const isms_person *reporter; /* NULL: any reporter */
	int has_period;
	isms_period period;          /* a quarter also takes a monthly objective's months */
} isms_wb_filter;

/* The input workbook (filter NULL): every sheet of model/workbook.h, drop-down lists,
 * locked ids; or, with a filter, a collection workbook holding only the measurement
 * rows the owner fills.  created: the document-property date (same date, same
 * bytes).  Returns 0, or -1 after reporting the problem. */
/* Who is asked to report an objective: the reporter of its latest measurement, or
 * its owner when it has none. */
const isms_person *isms_wb_reporter(const isms_objective *o);

int isms_xlsx_input_workbook(const isms_org *org, const isms_wb_filter *filter,
                             time_t created, const char *path);

#endif
