/* The Statement of Applicability as a sheet, with summary counts. */
#include "registers.h"

#include <stdio.h>
#include <string.h>

static const char *const status_zh[] = {"已實施", "部分實施", "規劃中", "不適用"};
static const char *const status_en[] = {"Implemented", "Partially implemented", "Planned",
	"Not applicable"};

void
reg_soa(reg_ctx *c)
{
	static const char *const cols[] = {
		"控制措施", "Control", "名稱", "Title", "適用", "Applicable",
		"納入或排除理由", "Justification", "實施狀態", "Status", "參考文件", "References",
	};
	sheet s;
	sheet_begin(&s, c->wb, &c->f, c->lang, "適用性聲明", "SoA", cols, 6);
	char b[1024];
	int applicable = 0, excluded = 0, by_status[4] = {0}, unassessed = 0;
	for (size_t i = 0; i < isms_annex_a_count; i++, s.row++) {
		const isms_catalogue_control *cc = &isms_annex_a[i];
		const isms_control *ct = isms_org_control(c->org, cc->id);
		if (!ct) { /* Annex A lists it, the data does not address it */
			unassessed++;
			sheet_str_fmt(&s, 0, cc->id, c->alert);
			sheet_str_fmt(&s, 1, sheet_text(c->lang, cc->title, b, sizeof b), c->alert);
			sheet_str_fmt(&s, 4, sheet_label(c->lang, "未評估", "Not assessed", b, sizeof b), c->alert);
			continue;
		}
		lxw_format *f = ct->applicable ? NULL : c->alert;
		applicable += ct->applicable;
		excluded += !ct->applicable;
		by_status[ct->status]++;
		sheet_str_fmt(&s, 0, ct->id, f);
		sheet_str_fmt(&s, 1, sheet_text(c->lang, ct->title, b, sizeof b), f);
		sheet_str_fmt(&s, 2, ct->applicable ? sheet_label(c->lang, "是", "Yes", b, sizeof b)
		                                    : sheet_label(c->lang, "否", "No", b, sizeof b), f);
		sheet_str_fmt(&s, 3, sheet_text(c->lang, ct->justification, b, sizeof b), f);
		sheet_str_fmt(&s, 4, sheet_label(c->lang, status_zh[ct->status], status_en[ct->status],
		                                 b, sizeof b), f);
		b[0] = '\0';
		for (size_t j = 0; j < ct->nreferences; j++) {
			size_t l = strlen(b);
			snprintf(b + l, sizeof b - l, "%s%s", j ? "\n" : "", ct->references[j]->number);
		}
		sheet_str_fmt(&s, 5, b, f);
	}
	sheet_end(&s);
	/* Summary under the table, outside the filter range. */
	int row = s.row + 1;
	const struct {
		const char *zh, *en;
		int n;
	} sums[] = {
		{"適用", "Applicable", applicable}, {"排除", "Excluded", excluded},
		{"未評估", "Not assessed", unassessed},
		{"已實施", "Implemented", by_status[0]}, {"部分實施", "Partially implemented", by_status[1]},
		{"規劃中", "Planned", by_status[2]},
	};
	for (size_t i = 0; i < sizeof sums / sizeof *sums; i++, row++) {
		worksheet_write_string(s.ws, (lxw_row_t)row, 1,
		                       sheet_label(c->lang, sums[i].zh, sums[i].en, b, sizeof b), c->bold);
		worksheet_write_number(s.ws, (lxw_row_t)row, 2, sums[i].n, c->f.integer);
	}
}
