/* Management-review actions as of a date: closed, open, in progress, overdue
 * (calc layer; pure). */
#ifndef ISMS_CALC_ACTIONS_H
#define ISMS_CALC_ACTIONS_H

#include "model/model.h"

enum isms_action_state {
	ISMS_AS_OPEN, ISMS_AS_IN_PROGRESS, ISMS_AS_CLOSED, ISMS_AS_CANCELLED, ISMS_AS_OVERDUE
};

typedef struct isms_action_view {
	const isms_action *action;
	enum isms_action_state state;
	const isms_follow_up *last;   /* the latest follow-up on or before the date, or NULL */
	const isms_review *last_review;
	long days_overdue;            /* > 0 when overdue */
} isms_action_view;

/* The state of action as of date `as_of`: the latest follow-up reported at a review
 * held on or before as_of decides open/in progress/closed/cancelled; an action not
 * closed or cancelled whose due date is before as_of is overdue. */
isms_action_view isms_action_state_at(const isms_org *org, const isms_action *a, isms_date as_of);
/* 未結案 / 處理中 / 已結案 / 已取消 / 逾期 and English. */
const char *isms_action_state_label(enum isms_action_state s, const char *lang);

#endif
