/* Action states as of a date (calc layer; pure). */
#include "actions.h"

#include <string.h>

isms_action_view
isms_action_state_at(const isms_org *org, const isms_action *a, isms_date as_of)
{
	isms_action_view v = {a, ISMS_AS_OPEN, NULL, NULL, 0};
	for (size_t i = 0; i < org->nreviews; i++) {
		const isms_review *r = &org->reviews[i];
		if (isms_date_cmp(r->date, as_of) > 0)
			continue;
		for (size_t j = 0; j < r->nfollow_ups; j++)
			if (r->follow_ups[j].action == a &&
			    (!v.last_review || isms_date_cmp(r->date, v.last_review->date) >= 0)) {
				v.last = &r->follow_ups[j];
				v.last_review = r;
			}
	}
	if (v.last) {
		switch (v.last->status) {
		case ISMS_ACTION_OPEN: v.state = ISMS_AS_OPEN; break;
		case ISMS_ACTION_IN_PROGRESS: v.state = ISMS_AS_IN_PROGRESS; break;
		case ISMS_ACTION_CLOSED: v.state = ISMS_AS_CLOSED; break;
		case ISMS_ACTION_CANCELLED: v.state = ISMS_AS_CANCELLED; break;
		}
	}
	if ((v.state == ISMS_AS_OPEN || v.state == ISMS_AS_IN_PROGRESS) &&
	    isms_date_cmp(a->due, as_of) < 0) {
		v.state = ISMS_AS_OVERDUE;
		v.days_overdue = isms_date_days(as_of) - isms_date_days(a->due);
	}
	return v;
}

const char *
isms_action_state_label(enum isms_action_state s, const char *lang)
{
	static const char *const zh[] = {"未結案", "處理中", "已結案", "已取消", "逾期"};
	static const char *const en[] = {"Open", "In progress", "Closed", "Cancelled", "Overdue"};
	return lang && !strcmp(lang, "en") ? en[s] : zh[s];
}
