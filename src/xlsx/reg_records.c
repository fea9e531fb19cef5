/* Register of records and their retention (紀錄保存). */
#include "registers.h"

#include <stdio.h>

void
reg_records(reg_ctx *c)
{
	static const char *const cols[] = {
		"編號", "No.", "表單名稱", "Form", "對應文件", "Document",
		"保存地點", "Kept at", "保管單位", "Keeper", "保存期限", "Retention",
	};
	sheet s;
	sheet_begin(&s, c->wb, &c->f, c->lang, "紀錄保存", "Records", cols, 6);
	char b[1024];
	for (size_t i = 0; i < c->org->nrecords; i++, s.row++) {
		const isms_record *r = &c->org->records[i];
		sheet_num(&s, 0, (double)(i + 1), c->center);
		sheet_str(&s, 1, sheet_text(c->lang, r->name, b, sizeof b));
		sheet_str(&s, 2, r->document ? r->document->number : "");
		sheet_str(&s, 3, sheet_text(c->lang, r->location, b, sizeof b));
		sheet_str(&s, 4, sheet_text(c->lang, r->keeper->name, b, sizeof b));
		char zh[32], en[32];
		snprintf(zh, sizeof zh, "至少 %d 年", r->retention_years);
		snprintf(en, sizeof en, "%d year%s minimum", r->retention_years,
		         r->retention_years == 1 ? "" : "s");
		sheet_str(&s, 5, sheet_label(c->lang, zh, en, b, sizeof b));
	}
	sheet_end(&s);
}
