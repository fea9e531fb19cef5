/* Unit tests for src/calc/review: the management-review digest. */
#include "harness.h"
#include "calc/review.h"

static isms_measurement
val(int q, double v)
{
	isms_measurement m = {0};
	m.period = (isms_period){2025, 'Q', q};
	m.has_value = 1;
	m.value = v;
	return m;
}

int
main(void)
{
	isms_unit u = {.id = "u"};
	isms_measurement miss[] = {val(1, 90), val(2, 80), val(3, 85)};
	isms_measurement ok[] = {val(1, 99), val(2, 99), val(3, 99)};
	isms_objective obs[2] = {{0}};
	obs[0].id = "o-miss";
	obs[0].comparator = ISMS_CMP_GE;
	obs[0].target = 95;
	obs[0].cumulative = ISMS_CUM_MEAN;
	obs[0].owner_unit = &u;
	obs[0].measurements = miss;
	obs[0].nmeasurements = 3;
	obs[1] = obs[0];
	obs[1].id = "o-ok";
	obs[1].measurements = ok;

	isms_action first[] = {{.id = "a1", .due = {2025, 6, 30}}, {.id = "a2", .due = {2025, 12, 31}}};
	isms_review rv[2] = {{0}};
	rv[0].date = (isms_date){2025, 3, 20};
	rv[0].actions = first;
	rv[0].nactions = 2;
	isms_follow_up fu[] = {{&first[0], ISMS_ACTION_IN_PROGRESS, {0, 0, 0}, {0}, {0}}};
	rv[1].date = (isms_date){2025, 11, 20};
	rv[1].follow_ups = fu;
	rv[1].nfollow_ups = 1;

	isms_org org = {0};
	org.year = org.objectives_year = 2025;
	org.settings.corrective_after_misses = 2;
	org.objectives = obs;
	org.nobjectives = 2;
	org.reviews = rv;
	org.nreviews = 2;

	isms_review_digest *d = isms_review_digest_new(&org, &rv[1]);
	CHECK(d->has_period && d->period.kind == 'Q' && d->period.index == 3);
	CHECK_INT(d->nearlier, 2);
	CHECK_INT(d->overdue, 1); /* a1: in progress, due 30 June */
	CHECK_INT(d->open, 1);    /* a2: due at year end */
	CHECK_INT(d->closed, 0);
	CHECK_INT(d->nproposals, 1);
	CHECK(d->nproposals == 1 && d->proposals[0]->objective == &obs[0]);
	isms_review_digest_free(d);

	/* once the review decides an action on the objective, nothing is proposed */
	isms_action decided[] = {{.id = "a3", .due = {2026, 3, 31}, .objective = &obs[0]}};
	rv[1].actions = decided;
	rv[1].nactions = 1;
	d = isms_review_digest_new(&org, &rv[1]);
	CHECK_INT(d->nproposals, 0);
	isms_review_digest_free(d);

	/* the first review sees no earlier actions; in March no quarter of the year has
	 * ended, and the year before is not the objectives' year */
	d = isms_review_digest_new(&org, &rv[0]);
	CHECK_INT(d->nearlier, 0);
	CHECK(!d->has_period && d->results == NULL);
	isms_review_digest_free(d);
	rv[0].date = (isms_date){2025, 4, 15};
	d = isms_review_digest_new(&org, &rv[0]);
	CHECK(d->has_period && d->period.index == 1 && d->period.year == 2025);
	isms_review_digest_free(d);
	HARNESS_END();
}
