/* Register of management-review actions, state as of a date, overdue highlighted. */
#include "registers.h"

#include <stdio.h>
#include <string.h>

#include "calc/actions.h"

void
reg_actions(reg_ctx *c)
{
	static const char *const cols[] = {
		"編號", "No.", "決議會議", "Decided at", "行動內容", "Action",
		"負責人", "Owner", "完成期限", "Due", "狀態", "Status",
		"最近追蹤", "Last follow-up", "逾期天數", "Days overdue", "相關目標", "Objective",
	};
	sheet s;
	sheet_begin(&s, c->wb, &c->f, c->lang, "管審行動", "Actions", cols, 9);
	char b1[1024], b2[256];
	for (size_t i = 0; i < c->org->nreviews; i++) {
		const isms_review *r = &c->org->reviews[i];
		for (size_t j = 0; j < r->nactions; j++, s.row++) {
			const isms_action *a = &r->actions[j];
			isms_action_view v = isms_action_state_at(c->org, a, c->as_of);
			int late = v.state == ISMS_AS_OVERDUE;
			lxw_format *f = late ? c->alert : NULL;
			sheet_str_fmt(&s, 0, a->id, f);
			char d[48];
			snprintf(b2, sizeof b2, "%s %s", r->number, reg_date(c, r->date, d, sizeof d));
			sheet_str_fmt(&s, 1, b2, f);
			sheet_str_fmt(&s, 2, sheet_text(c->lang, a->text, b1, sizeof b1),
			              late ? c->alert_wrap : NULL);
			sheet_str_fmt(&s, 3, reg_person(c, a->owner, b1, sizeof b1), f);
			sheet_str_fmt(&s, 4, reg_date(c, a->due, d, sizeof d), f);
			if (!strcmp(c->lang, "bi"))
				snprintf(b2, sizeof b2, "%s %s", isms_action_state_label(v.state, "zh"),
				         isms_action_state_label(v.state, "en"));
			else
				snprintf(b2, sizeof b2, "%s", isms_action_state_label(v.state, c->lang));
			sheet_str_fmt(&s, 5, b2, f);
			if (v.last_review) {
				snprintf(b2, sizeof b2, "%s %s", v.last_review->number,
				         v.last->note.zh ? sheet_text(c->lang, v.last->note, b1, sizeof b1) : "");
				sheet_str_fmt(&s, 6, b2, f);
			} else {
				sheet_str_fmt(&s, 6, "", f);
			}
			if (late)
				sheet_num(&s, 7, (double)v.days_overdue, c->alert);
			else
				sheet_str(&s, 7, "");
			sheet_str_fmt(&s, 8, a->objective ? a->objective->id : "", f);
		}
	}
	sheet_end(&s);
}
