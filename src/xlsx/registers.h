/* The registers workbook's sheets, one file each (xlsx layer, private). */
#ifndef ISMS_XLSX_REGISTERS_H
#define ISMS_XLSX_REGISTERS_H

#include "sheet.h"

typedef struct reg_ctx {
	lxw_workbook *wb;
	const isms_org *org;
	const char *lang;
	isms_date as_of;
	sheet_formats f;
	lxw_format *alert;  /* overdue / excluded rows */
	lxw_format *alert_wrap;
	lxw_format *alert_date; /* overdue, on a date cell */
	lxw_format *bold;
	lxw_format *center;
} reg_ctx;

void reg_actions(reg_ctx *c);
void reg_documents(reg_ctx *c);
void reg_records(reg_ctx *c);
void reg_roles(reg_ctx *c);
void reg_soa(reg_ctx *c);
/* A person as "王文雄（主任）" / "Wang Wen-hsiung (Director)" in c's language. */
const char *reg_person(const reg_ctx *c, const isms_person *p, char *buf, size_t size);

#endif
