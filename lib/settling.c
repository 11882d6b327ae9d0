/*
 * settling.c - the settling-in schedule of settling.h: the due days of the
 * six check-ins of the first year in a home and how many are done.  One
 * reading of placements[].settling for the signal, the summary and the
 * lifeline.
 */
#include <string.h>

#include "kring/date.h"
#include "kring/settling.h"

int kr_settling_home_first(const struct kr_path *p)
{
	if (p->current >= 0 && p->out_of_home && p->home >= 0 &&
	    p->homes[p->home].last == p->current)
		return p->homes[p->home].first;
	return p->current;
}

void kr_settling_compute(const struct kr_case *c, const struct kr_path *p,
                         const struct kr_settings *s, struct kr_settling *out)
{
	struct kr_settings defaults;
	const struct kr_placement *cur, *h;
	int first;

	memset(out, 0, sizeof *out);
	out->placement = -1;
	out->next = -1;
	if (!s) {
		kr_settings_defaults(&defaults);
		s = &defaults;
	}
	if (p->current < 0)
		return;
	cur = &c->placements[p->current];
	if (cur->form == KR_FORM_HOME || cur->form == KR_FORM_RESIDENTIAL)
		return;
	first = kr_settling_home_first(p);
	h = &c->placements[first];
	if (!kr_date_valid(h->start))
		return;
	out->placement = first;
	out->start = kr_date_last(h->start);
	out->due[0] = out->start + s->v[KR_SET_SETTLING_1_DAYS];
	out->due[1] = out->start + s->v[KR_SET_SETTLING_2_DAYS];
	out->due[2] = out->start + s->v[KR_SET_SETTLING_3_DAYS];
	out->due[3] = out->start + s->v[KR_SET_SETTLING_4_DAYS];
	out->due[4] = kr_days_add_months(out->start, s->v[KR_SET_SETTLING_5_MONTHS]);
	out->due[5] = kr_days_add_months(out->start, s->v[KR_SET_SETTLING_6_MONTHS]);
	for (size_t k = 0; k < h->nsettling; k++)
		out->done += kr_date_valid(h->settling[k].date) &&
		             kr_date_first(h->settling[k].date) <= p->as_of;
	out->first_year = p->as_of - out->due[KR_SETTLING_CHECKINS - 1] <=
	                  s->v[KR_SET_SETTLING_GRACE_DAYS];
	if (out->done < KR_SETTLING_CHECKINS)
		out->next = (int)out->done;
	out->overdue = out->first_year && out->next >= 0 &&
	               p->as_of - out->due[out->next] > s->v[KR_SET_SETTLING_GRACE_DAYS];
}
