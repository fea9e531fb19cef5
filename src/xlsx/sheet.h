/* Shared worksheet helpers (xlsx layer, private): header rows, bilingual labels,
 * column widths fitted to CJK text, frozen headers and filters. */
#ifndef ISMS_XLSX_SHEET_H
#define ISMS_XLSX_SHEET_H

#include <xlsxwriter.h>

#include "model/model.h"

#define SHEET_MAX_COLS 32

typedef struct sheet {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const char *lang;
	double width[SHEET_MAX_COLS]; /* widest text seen per column, in character cells */
	int ncols;
	int row;                      /* next row to write */
	lxw_format *head, *text, *wrap, *date, *integer;
} sheet;

typedef struct sheet_formats {
	lxw_format *head, *text, *wrap;
	lxw_format *date_iso, *date_roc; /* 2025-04-07; 114年4月7日 (Taiwan calendar) */
	lxw_format *integer;             /* 0 */
} sheet_formats;

/* Formats shared by every sheet of a workbook. */
void sheet_formats_init(sheet_formats *f, lxw_workbook *wb);
/* A new worksheet named by lang with a header row of (zh, en) pairs. */
void sheet_begin(sheet *s, lxw_workbook *wb, const sheet_formats *f, const char *lang,
                 const char *name_zh, const char *name_en, const char *const *headers,
                 int ncols);
/* The label in the workbook's language: zh, en, or "zh en" under bi. */
const char *sheet_label(const char *lang, const char *zh, const char *en, char *buf, size_t size);
/* Text of a bilingual value in the workbook's language (zh when en is missing). */
const char *sheet_text(const char *lang, isms_text t, char *buf, size_t size);
void sheet_str(sheet *s, int col, const char *v);
void sheet_num(sheet *s, int col, double v, lxw_format *fmt);
/* A whole number in integer format. */
void sheet_int(sheet *s, int col, long v);
/* A date cell: a real date, shown as 114年4月7日 in a Chinese or bilingual sheet and
 * 2025-04-07 in an English one. */
void sheet_date(sheet *s, int col, isms_date d);
/* Like sheet_date with an explicit cell format, which must carry a date number format. */
void sheet_date_fmt(sheet *s, int col, isms_date d, lxw_format *fmt);
/* Like sheet_str with an explicit cell format (fmt NULL: the default). */
void sheet_str_fmt(sheet *s, int col, const char *v, lxw_format *fmt);
/* Freeze the header row, add a filter, set the column widths and the print setup
 * (A4 landscape, fitted to the page width, the header row repeated on every page). */
void sheet_end(sheet *s);
/* Display width of UTF-8 text: East Asian wide characters count 2. */
double sheet_text_width(const char *s);

#endif
