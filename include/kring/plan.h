/*
 * plan.h - what follows from the network plan on a given day: which
 * agreements are open or overdue, and when the plan is due for review.
 * The signals, the case summary, the figures and every front door ask
 * these questions here, so the answers agree everywhere.
 */
#ifndef KRING_PLAN_H
#define KRING_PLAN_H

#include <stdbool.h>

#include "kring/case.h"
#include "kring/settings.h"

/* An agreement is open when its status is `open` or absent. */
bool kr_plan_agreement_open(const struct kr_agreement *a);

/* Open, with a due date whose last possible day is before day `on`. */
bool kr_plan_agreement_overdue(const struct kr_agreement *a, long on);

/* The day by which the plan must be taken up again: the last possible day
 * of `reviewed` (else `adopted`) plus plan.review_months (s NULL: the
 * default).  -1 when there is no plan or neither date.  The plan is overdue
 * for review on every day after this one (plan-review-overdue). */
long kr_plan_next_review(const struct kr_case *c, const struct kr_settings *s);

#endif
