/* Management-review digest (calc layer; pure). */
#include "review.h"

#include <stdlib.h>

isms_review_digest *
isms_review_digest_new(const isms_org *org, const isms_review *r)
{
	isms_review_digest *d = isms_xcalloc(1, sizeof *d);
	d->review = r;
	/* The quarter the meeting can review: the last one that ended before it. */
	int q = (r->date.m - 1) / 3; /* quarters completed this year */
	isms_period p = q ? (isms_period){r->date.y, 'Q', q} : (isms_period){r->date.y - 1, 'Q', 4};
	if (p.year == org->objectives_year) {
		d->period = p;
		d->has_period = 1;
	} else if (p.year > org->objectives_year) {
		d->period = (isms_period){org->objectives_year, 'Q', 4};
		d->has_period = 1;
	}
	if (d->has_period)
		d->results = isms_calc(org, d->period);

	size_t n = 0;
	for (size_t i = 0; i < org->nreviews; i++)
		if (isms_date_cmp(org->reviews[i].date, r->date) < 0)
			n += org->reviews[i].nactions;
	d->earlier = isms_xcalloc(n ? n : 1, sizeof *d->earlier);
	for (size_t i = 0; i < org->nreviews; i++) {
		const isms_review *e = &org->reviews[i];
		if (isms_date_cmp(e->date, r->date) >= 0)
			continue;
		for (size_t j = 0; j < e->nactions; j++) {
			isms_action_view v = isms_action_state_at(org, &e->actions[j], r->date);
			d->earlier[d->nearlier++] = v;
			if (v.state == ISMS_AS_CLOSED || v.state == ISMS_AS_CANCELLED)
				d->closed++;
			else if (v.state == ISMS_AS_OVERDUE)
				d->overdue++;
			else
				d->open++;
		}
	}
	if (d->results) {
		d->proposals = isms_xcalloc(d->results->nobjectives + 1, sizeof *d->proposals);
		for (size_t i = 0; i < d->results->nobjectives; i++) {
			const isms_objective_result *o = &d->results->objectives[i];
			if (!o->corrective_needed)
				continue;
			int named = 0;
			for (size_t j = 0; j < r->nactions; j++)
				named |= r->actions[j].objective == o->objective;
			if (!named)
				d->proposals[d->nproposals++] = o;
		}
	}
	return d;
}

void
isms_review_digest_free(isms_review_digest *d)
{
	if (!d)
		return;
	isms_results_free(d->results);
	free(d->earlier);
	free(d->proposals);
	free(d);
}
