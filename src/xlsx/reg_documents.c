/* Register of controlled documents (文件清單). */
#include "registers.h"

#include <stdio.h>
#include <string.h>

static const char *const tiers_zh[] = {"", "第一階文件", "第二階文件", "第三階文件", "第四階文件"};
static const char *const tiers_en[] = {"", "Tier 1", "Tier 2", "Tier 3", "Tier 4"};

void
reg_documents(reg_ctx *c)
{
	static const char *const cols[] = {
		"文件編號", "Number", "文件名稱", "Title", "文件階層", "Tier", "版次", "Version",
		"發行日期", "Issued", "機密等級", "Classification", "發行單位", "Issuing unit",
		"撰寫", "Author", "審查", "Reviewer", "核准", "Approver",
		"修訂次數", "Revisions", "最近修訂", "Latest change",
	};
	sheet s;
	sheet_begin(&s, c->wb, &c->f, c->lang, "文件清單", "Documents", cols, 12);
	char b[1024];
	for (size_t i = 0; i < c->org->ndocuments; i++, s.row++) {
		const isms_document *doc = &c->org->documents[i];
		sheet_str(&s, 0, doc->number);
		sheet_str(&s, 1, sheet_text(c->lang, doc->title, b, sizeof b));
		int t = doc->tier >= 1 && doc->tier <= 4 ? doc->tier : 0;
		sheet_str(&s, 2, sheet_label(c->lang, tiers_zh[t], tiers_en[t], b, sizeof b));
		sheet_str(&s, 3, doc->version);
		sheet_date(&s, 4, doc->issued);
		sheet_str(&s, 5, sheet_text(c->lang, doc->classification, b, sizeof b));
		sheet_str(&s, 6, sheet_text(c->lang, doc->issuing_unit->name, b, sizeof b));
		sheet_str(&s, 7, reg_person(c, doc->author, b, sizeof b));
		sheet_str(&s, 8, reg_person(c, doc->reviewer, b, sizeof b));
		sheet_str(&s, 9, reg_person(c, doc->approver, b, sizeof b));
		sheet_num(&s, 10, (double)doc->nrevisions, c->center);
		if (doc->nrevisions)
			sheet_str(&s, 11, sheet_text(c->lang, doc->revisions[doc->nrevisions - 1].description,
			                             b, sizeof b));
	}
	sheet_end(&s);
}
