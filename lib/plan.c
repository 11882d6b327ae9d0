/*
 * plan.c - derived facts of the network plan (plan.h).
 */
#include "kring/plan.h"

bool kr_plan_agreement_open(const struct kr_agreement *a)
{
	return a->status == KR_AGR_OPEN || a->status == KR_AGR_NONE;
}

bool kr_plan_agreement_overdue(const struct kr_agreement *a, long on)
{
	return kr_plan_agreement_open(a) && kr_date_valid(a->due) && kr_date_last(a->due) < on;
}

long kr_plan_next_review(const struct kr_case *c, const struct kr_settings *s)
{
	struct kr_settings defaults;
	struct kr_date d;

	if (!c->plan.present)
		return -1;
	d = kr_date_valid(c->plan.reviewed) ? c->plan.reviewed : c->plan.adopted;
	if (!kr_date_valid(d))
		return -1;
	if (!s) {
		kr_settings_defaults(&defaults);
		s = &defaults;
	}
	return kr_days_add_months(kr_date_last(d), s->v[KR_SET_PLAN_REVIEW_MONTHS]);
}
