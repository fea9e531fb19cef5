/* Shared worksheet helpers (xlsx layer): labels, widths fitted to CJK, headers. */
#include "sheet.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

void
sheet_formats_init(sheet_formats *f, lxw_workbook *wb)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xD9E2F3);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	f->text = workbook_add_format(wb);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	f->wrap = workbook_add_format(wb);
	format_set_text_wrap(f->wrap);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
	f->date_iso = workbook_add_format(wb);
	format_set_num_format(f->date_iso, "yyyy-mm-dd");
	format_set_align(f->date_iso, LXW_ALIGN_VERTICAL_TOP);
	/* [$-NNCCLLLL]: calendar 04 (Taiwan, years of the Republic) in locale 0404 (zh-TW) */
	f->date_roc = workbook_add_format(wb);
	format_set_num_format(f->date_roc, "[$-40404]e\"年\"m\"月\"d\"日\"");
	format_set_align(f->date_roc, LXW_ALIGN_VERTICAL_TOP);
	f->integer = workbook_add_format(wb);
	format_set_num_format(f->integer, "0");
	format_set_align(f->integer, LXW_ALIGN_VERTICAL_TOP);
}

double
sheet_text_width(const char *s)
{
	double w = 0, line = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (cp == '\n') {
			if (line > w)
				w = line;
			line = 0;
			continue;
		}
		line += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		                          (cp >= 0xAC00 && cp <= 0xD7A3) ||
		                          (cp >= 0xF900 && cp <= 0xFAFF) ||
		                          (cp >= 0xFE30 && cp <= 0xFE4F) ||
		                          (cp >= 0xFF00 && cp <= 0xFF60) ||
		                          (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
		        ? 2 : 1;
	}
	return line > w ? line : w;
}

const char *
sheet_label(const char *lang, const char *zh, const char *en, char *buf, size_t size)
{
	if (!strcmp(lang, "en"))
		return en;
	if (!strcmp(lang, "bi")) {
		snprintf(buf, size, "%s\n%s", zh, en);
		return buf;
	}
	return zh;
}

const char *
sheet_text(const char *lang, isms_text t, char *buf, size_t size)
{
	if (!t.zh)
		return "";
	if (!strcmp(lang, "en") && t.en)
		return t.en;
	if (!strcmp(lang, "bi") && t.en) {
		snprintf(buf, size, "%s\n%s", t.zh, t.en);
		return buf;
	}
	return t.zh;
}

void
sheet_begin(sheet *s, lxw_workbook *wb, const sheet_formats *f, const char *lang,
            const char *name_zh, const char *name_en, const char *const *headers, int ncols)
{
	memset(s, 0, sizeof *s);
	s->wb = wb;
	s->lang = lang;
	s->head = f->head;
	s->text = f->text;
	s->wrap = f->wrap;
	s->date = !strcmp(lang, "en") ? f->date_iso : f->date_roc;
	s->integer = f->integer;
	s->ws = workbook_add_worksheet(wb, !strcmp(lang, "en") ? name_en : name_zh);
	s->ncols = ncols < SHEET_MAX_COLS ? ncols : SHEET_MAX_COLS;
	char buf[256];
	for (int c = 0; c < s->ncols; c++) {
		const char *h = sheet_label(lang, headers[2 * c], headers[2 * c + 1], buf, sizeof buf);
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, h, s->head);
		s->width[c] = sheet_text_width(h) + 2;
	}
	worksheet_set_row(s->ws, 0, !strcmp(lang, "bi") ? 32 : 18, NULL);
	s->row = 1;
}

void
sheet_str(sheet *s, int col, const char *v)
{
	sheet_str_fmt(s, col, v, NULL);
}

void
sheet_str_fmt(sheet *s, int col, const char *v, lxw_format *fmt)
{
	if (!v || col >= s->ncols)
		return;
	int multiline = strchr(v, '\n') != NULL || sheet_text_width(v) > 60;
	worksheet_write_string(s->ws, (lxw_row_t)s->row, (lxw_col_t)col, v,
	                       fmt ? fmt : multiline ? s->wrap : s->text);
	double w = sheet_text_width(v) + 2;
	if (w > s->width[col])
		s->width[col] = w;
}

void
sheet_num(sheet *s, int col, double v, lxw_format *fmt)
{
	if (col >= s->ncols)
		return;
	worksheet_write_number(s->ws, (lxw_row_t)s->row, (lxw_col_t)col, v, fmt);
	if (s->width[col] < 10)
		s->width[col] = 10;
}

void
sheet_int(sheet *s, int col, long v)
{
	sheet_num(s, col, (double)v, s->integer);
}

void
sheet_date(sheet *s, int col, isms_date d)
{
	sheet_date_fmt(s, col, d, s->date);
}

void
sheet_date_fmt(sheet *s, int col, isms_date d, lxw_format *fmt)
{
	if (col >= s->ncols || !d.y)
		return;
	lxw_datetime dt = {.year = d.y, .month = d.m, .day = d.d};
	worksheet_write_datetime(s->ws, (lxw_row_t)s->row, (lxw_col_t)col, &dt, fmt ? fmt : s->date);
	if (s->width[col] < 14)
		s->width[col] = 14;
}

void
sheet_end(sheet *s)
{
	worksheet_set_landscape(s->ws);
	worksheet_set_paper(s->ws, 9); /* A4 */
	worksheet_fit_to_pages(s->ws, 1, 0);
	worksheet_repeat_rows(s->ws, 0, 0);
	worksheet_freeze_panes(s->ws, 1, 0);
	if (s->row > 1)
		worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(s->row - 1), (lxw_col_t)(s->ncols - 1));
	for (int c = 0; c < s->ncols; c++) {
		double w = s->width[c] > 60 ? 60 : s->width[c];
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
}
