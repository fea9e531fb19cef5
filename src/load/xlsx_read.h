/* Reading an .xlsx workbook (load layer): libzip opens the package, libxml2 reads the
 * workbook, its relationships, shared strings, styles and sheets.  Cells come out
 * as plain values; libzip and libxml2 types stay inside xlsx_read.c. */
#ifndef ISMS_LOAD_XLSX_READ_H
#define ISMS_LOAD_XLSX_READ_H

#include <stddef.h>

enum isms_cell_kind { ISMS_CELL_EMPTY, ISMS_CELL_TEXT, ISMS_CELL_NUMBER, ISMS_CELL_BOOL, ISMS_CELL_ERROR };

typedef struct isms_cell {
	int row, col;      /* 0-based place */
	enum isms_cell_kind kind;
	const char *text;  /* TEXT (and ERROR: the error's text); NULL otherwise */
	double num;        /* NUMBER, BOOL */
	int is_date;       /* NUMBER shown with a date format: an Excel serial day */
	int is_percent;    /* NUMBER shown with a percent format */
} isms_cell;

typedef struct isms_xlsx_sheet {
	const char *name;
	int nrows, ncols;  /* extent of the cells read */
	isms_cell *cells;  /* the cells present, sorted by row then column */
	size_t ncells;
} isms_xlsx_sheet;

typedef struct isms_xlsx isms_xlsx;

/* Read the workbook at path.  Problems are reported through isms_diag, located at
 * path.  Returns 0 and sets *out (free with isms_xlsx_free), or ISMS_EXIT_NOINPUT
 * (unreadable) / ISMS_EXIT_DATAERR (not an xlsx workbook). */
int isms_xlsx_open(isms_xlsx **out, const char *path);
/* The sheet called name, or NULL. */
const isms_xlsx_sheet *isms_xlsx_sheet_named(const isms_xlsx *x, const char *name);
/* The cell at row, col (0-based); an empty cell outside the sheet's extent. */
const isms_cell *isms_xlsx_cell(const isms_xlsx_sheet *s, int row, int col);
/* Releases the workbook; accepts NULL. */
void isms_xlsx_free(isms_xlsx *x);

/* "A", "B", ... "AA" for a 0-based column, into buf (>= 8 bytes). */
char *isms_xlsx_col_name(int col, char *buf);

#endif
