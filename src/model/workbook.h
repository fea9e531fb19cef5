/* The input workbook's shape, shared by its writer (xlsx/input_workbook.c) and its
 * reader (load/import.c): sheet names and columns, each column a key, a Chinese
 * header and the English under it.  Plain data; no library types. */
#ifndef ISMS_MODEL_WORKBOOK_H
#define ISMS_MODEL_WORKBOOK_H

enum isms_wb_sheet_id {
	ISMS_WB_UNITS, ISMS_WB_PEOPLE, ISMS_WB_BODIES, ISMS_WB_ROLES, ISMS_WB_DOCUMENTS,
	ISMS_WB_REVISIONS, ISMS_WB_OBJECTIVES, ISMS_WB_MEASUREMENTS, ISMS_WB_ACTIONS,
	ISMS_WB_SHEET_COUNT
};

/* What a column holds, which decides how the reader normalises a cell. */
enum isms_wb_type {
	ISMS_WB_TEXT,   /* free text, trimmed */
	ISMS_WB_LINES,  /* a list: one item per line */
	ISMS_WB_ID,     /* an identifier (this row's, or a reference) */
	ISMS_WB_ENUM,   /* one of a fixed set of names */
	ISMS_WB_NUMBER, /* a number (full-width digits accepted) */
	ISMS_WB_INT,    /* a whole number */
	ISMS_WB_DATE,   /* a date: a date cell, 2025-04-07, 114/04/07, 民國114年4月7日 */
	ISMS_WB_PERIOD, /* 2025Q1 or 2025-01 */
	ISMS_WB_INFO    /* shown for the reader's convenience, ignored on import */
};

typedef struct isms_wb_col {
	const char *key;
	const char *zh, *en;
	enum isms_wb_type type;
	int required;
} isms_wb_col;

typedef struct isms_wb_sheet {
	const char *name;    /* the sheet's name in the workbook (Chinese) */
	const char *en;      /* its English name, shown on the instructions sheet */
	const isms_wb_col *cols;
	int ncols;
} isms_wb_sheet;

/* The sheet table, indexed by enum isms_wb_sheet_id. */
extern const isms_wb_sheet isms_wb_sheets[ISMS_WB_SHEET_COUNT];
/* Column index of key in sheet s, or -1. */
int isms_wb_col_index(enum isms_wb_sheet_id s, const char *key);

#define ISMS_WB_INSTRUCTIONS "說明"
#define ISMS_WB_LISTS "清單"
/* First data row (0-based): row 0 holds the headers. */
#define ISMS_WB_FIRST_ROW 1

#endif
