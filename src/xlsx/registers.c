/* The registers workbook (xlsx layer): opens it, calls each register's sheet. */
#include "xlsx.h"
#include "registers.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"

const char *
reg_person(const reg_ctx *c, const isms_person *p, char *buf, size_t size)
{
	if (!p)
		return "";
	int en = !strcmp(c->lang, "en");
	const char *name = en && p->name.en ? p->name.en : p->name.zh;
	const char *title = en && p->job_title.en ? p->job_title.en : p->job_title.zh;
	snprintf(buf, size, en ? "%s (%s)" : "%s（%s）", name, title);
	return buf;
}

int
isms_xlsx_registers(const isms_org *org, isms_date as_of, const char *lang, time_t created,
                    const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		isms_diag(ISMS_ERROR, NULL, "cannot create %s", path);
		return -1;
	}
	char title[256];
	snprintf(title, sizeof title, "%s %s", org->name.zh,
	         !strcmp(lang, "en") ? "ISMS registers" : "資訊安全管理登錄表");
	lxw_doc_properties props = {0};
	props.title = title;
	props.author = (char *)"ismspack";
	props.company = (char *)org->name.zh;
	props.created = created;
	workbook_set_properties(wb, &props);

	reg_ctx c = {wb, org, lang, as_of, {0}, NULL, NULL, NULL, NULL, NULL};
	sheet_formats_init(&c.f, wb);
	c.alert = workbook_add_format(wb);
	format_set_bg_color(c.alert, 0xFFC7CE);
	format_set_font_color(c.alert, 0x9C0006);
	format_set_num_format(c.alert, "0"); /* days overdue; text cells are unaffected */
	format_set_align(c.alert, LXW_ALIGN_VERTICAL_TOP);
	c.alert_wrap = workbook_add_format(wb);
	format_set_bg_color(c.alert_wrap, 0xFFC7CE);
	format_set_font_color(c.alert_wrap, 0x9C0006);
	format_set_text_wrap(c.alert_wrap);
	format_set_align(c.alert_wrap, LXW_ALIGN_VERTICAL_TOP);
	c.alert_date = workbook_add_format(wb);
	format_set_bg_color(c.alert_date, 0xFFC7CE);
	format_set_font_color(c.alert_date, 0x9C0006);
	format_set_num_format(c.alert_date, !strcmp(lang, "en") ? "yyyy-mm-dd"
	                                                         : "[$-40404]e\"年\"m\"月\"d\"日\"");
	format_set_align(c.alert_date, LXW_ALIGN_VERTICAL_TOP);
	c.bold = workbook_add_format(wb);
	format_set_bold(c.bold);
	c.center = workbook_add_format(wb);
	format_set_align(c.center, LXW_ALIGN_CENTER);
	format_set_num_format(c.center, "0");
	format_set_align(c.center, LXW_ALIGN_VERTICAL_TOP);

	reg_actions(&c);
	reg_documents(&c);
	reg_records(&c);
	reg_roles(&c);
	reg_soa(&c);

	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, lxw_strerror(err));
		return -1;
	}
	return 0;
}
