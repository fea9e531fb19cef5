/* Register of management-review actions, state as of a date, overdue highlighted. */
#include "registers.h"

#include <stdio.h>
#include <string.h>

#include "calc/actions.h"

void
reg_actions(reg_ctx *c)
{
	static const char *const cols[] = {
		"編號", "No.", "決議會議", "Decided at", "會議日期", "Meeting date", "行動內容", "Action",
		"負責人", "Owner", "完成期限", "Due", "狀態", "Status",
		"最近追蹤", "Last follow-up", "逾期天數", "Days overdue", "相關目標", "Objective",
	};
	sheet s;
	sheet_begin(&s, c->wb, &c->f, c->lang, "管審行動", "Actions", cols, 10);
	char b1[1024], b2[256];
	for (size_t i = 0; i < c->org->nreviews; i++) {
		const isms_review *r = &c->org->reviews[i];
		for (size_t j = 0; j < r->nactions; j++, s.row++) {
			const isms_action *a = &r->actions[j];
			isms_action_view v = isms_action_state_at(c->org, a, c->as_of);
			int late = v.state == ISMS_AS_OVERDUE;
			lxw_format *f = late ? c->alert : NULL;
			sheet_str_fmt(&s, 0, a->id, f);
			lxw_format *fd = late ? c->alert_date : NULL;
			sheet_str_fmt(&s, 1, r->number, f);
			sheet_date_fmt(&s, 2, r->date, fd);
			sheet_str_fmt(&s, 3, sheet_text(c->lang, a->text, b1, sizeof b1),
			              late ? c->alert_wrap : NULL);
			sheet_str_fmt(&s, 4, reg_person(c, a->owner, b1, sizeof b1), f);
			sheet_date_fmt(&s, 5, a->due, fd);
			if (!strcmp(c->lang, "bi"))
				snprintf(b2, sizeof b2, "%s %s", isms_action_state_label(v.state, "zh"),
				         isms_action_state_label(v.state, "en"));
			else
				snprintf(b2, sizeof b2, "%s", isms_action_state_label(v.state, c->lang));
			sheet_str_fmt(&s, 6, b2, f);
			if (v.last_review) {
				snprintf(b2, sizeof b2, "%s %s", v.last_review->number,
				         v.last->note.zh ? sheet_text(c->lang, v.last->note, b1, sizeof b1) : "");
				sheet_str_fmt(&s, 7, b2, f);
			} else {
				sheet_str_fmt(&s, 7, "", f);
			}
			if (late)
				sheet_num(&s, 8, (double)v.days_overdue, c->alert);
			else
				sheet_str(&s, 8, "");
			sheet_str_fmt(&s, 9, a->objective ? a->objective->id : "", f);
		}
	}
	sheet_end(&s);
}
