/* Unit tests for src/calc/actions: action states as of a date. */
#include "harness.h"
#include "calc/actions.h"

int
main(void)
{
	isms_review rv[3] = {{0}};
	isms_action acts[2] = {{0}};
	acts[0].id = "a1";
	acts[0].due = (isms_date){2025, 6, 30};
	acts[1].id = "a2";
	acts[1].due = (isms_date){2025, 12, 31};
	rv[0].date = (isms_date){2025, 3, 20};
	rv[0].actions = acts;
	rv[0].nactions = 2;
	isms_follow_up f1[2] = {{&acts[0], ISMS_ACTION_IN_PROGRESS, {0, 0, 0}, {0}, {0}},
	                        {&acts[1], ISMS_ACTION_CLOSED, {2025, 8, 1}, {0}, {0}}};
	rv[1].date = (isms_date){2025, 9, 10};
	rv[1].follow_ups = f1;
	rv[1].nfollow_ups = 2;
	isms_follow_up f2[1] = {{&acts[0], ISMS_ACTION_CLOSED, {2025, 11, 1}, {0}, {0}}};
	rv[2].date = (isms_date){2025, 11, 20};
	rv[2].follow_ups = f2;
	rv[2].nfollow_ups = 1;
	isms_org org = {0};
	org.reviews = rv;
	org.nreviews = 3;

	isms_action_view v = isms_action_state_at(&org, &acts[0], (isms_date){2025, 5, 1});
	CHECK_INT(v.state, ISMS_AS_OPEN);
	CHECK(v.last == NULL);
	v = isms_action_state_at(&org, &acts[0], (isms_date){2025, 6, 30});
	CHECK_INT(v.state, ISMS_AS_OPEN); /* due today is not overdue */
	v = isms_action_state_at(&org, &acts[0], (isms_date){2025, 9, 10});
	CHECK_INT(v.state, ISMS_AS_OVERDUE); /* in progress at the meeting, due passed */
	CHECK_INT(v.days_overdue, 72);
	CHECK(v.last == &f1[0]);
	v = isms_action_state_at(&org, &acts[0], (isms_date){2025, 11, 20});
	CHECK_INT(v.state, ISMS_AS_CLOSED);
	v = isms_action_state_at(&org, &acts[1], (isms_date){2025, 9, 10});
	CHECK_INT(v.state, ISMS_AS_CLOSED);
	v = isms_action_state_at(&org, &acts[1], (isms_date){2026, 2, 1});
	CHECK_INT(v.state, ISMS_AS_CLOSED); /* closed stays closed after the due date */
	CHECK_STR(isms_action_state_label(ISMS_AS_OVERDUE, "zh"), "逾期");
	HARNESS_END();
}
