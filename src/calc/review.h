/* What a management review's minutes need beyond the data: the state of earlier
 * actions as of the meeting, the objectives' fulfilment for the period the meeting
 * reviews, and the corrective actions the figures call for (calc layer; pure). */
#ifndef ISMS_CALC_REVIEW_H
#define ISMS_CALC_REVIEW_H

#include "calc/actions.h"
#include "calc/calc.h"

typedef struct isms_review_digest {
	const isms_review *review;
	isms_period period;          /* the last quarter ended on or before the meeting */
	int has_period;              /* 0 when the meeting precedes the objectives' year */
	isms_results *results;       /* objectives as of period (NULL without a period) */
	isms_action_view *earlier;   /* actions of earlier reviews, as of the meeting */
	size_t nearlier;
	int closed, open, overdue;   /* counts over earlier (open includes in progress) */
	/* objectives needing corrective action that no action of this review names */
	const isms_objective_result **proposals;
	size_t nproposals;
} isms_review_digest;

/* Digest of review r; free with isms_review_digest_free. */
isms_review_digest *isms_review_digest_new(const isms_org *org, const isms_review *r);
void isms_review_digest_free(isms_review_digest *d);

#endif
