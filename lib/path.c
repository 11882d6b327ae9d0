/*
 * path.c - the child's path through care (path.h, docs/path.md): homes,
 * out-of-home periods, moves and breakdowns, from the placements and
 * events of one case on one day.
 *
 * The walk: the placements that started on or before as-of, in time order,
 * each classified as full-time away from home, at home (`home`), or neither
 * (a support family or part-time care while the child lives at home, which
 * never changes where the child lives).  A full-time placement without an
 * end lasts until the next full-time or `home` placement starts.  Full-time
 * placements that follow each other without a stay at home and share a
 * carer are one home.  Homes are grouped into periods: a stay at home of at
 * least path.home_months between two homes starts a new period.  Within a
 * period, entering a home with other carers than the one before is a move.
 */
#include <stdlib.h>
#include <string.h>

#include "kring/path.h"

struct pl {
	int i;                    /* placement index */
	long first;               /* first possible start day: the order */
	long start;               /* last possible start day: the duration */
	long end;                 /* effective end day, or -1 while ongoing */
};

static int by_start(const void *pa, const void *pb)
{
	const struct pl *a = pa, *b = pb;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

bool kr_path_form_fulltime(enum kr_form form)
{
	return form == KR_FORM_INFORMAL_NETWORK || form == KR_FORM_FOSTER_FULLTIME ||
	       form == KR_FORM_CRISIS || form == KR_FORM_FAMILY_HOME ||
	       form == KR_FORM_RESIDENTIAL;
}

/* Do placements a and b share a carer?  Unknown carers share nothing. */
static bool same_carers(const struct kr_placement *a, const struct kr_placement *b)
{
	for (size_t i = 0; i < a->ncarers; i++)
		for (size_t k = 0; k < b->ncarers; k++)
			if (a->carers[i] == b->carers[k])
				return true;
	return false;
}

/* Grows *v (of *n elements of size sz) by one zeroed element. */
static void *grow(void **v, size_t *n, size_t sz)
{
	char *p = realloc(*v, (*n + 1) * sz);
	if (!p)
		return NULL;
	*v = p;
	memset(p + *n * sz, 0, sz);
	return p + (*n)++ * sz;
}

void kr_path_free(struct kr_path *p)
{
	if (!p)
		return;
	free(p->homes);
	free(p->periods);
	free(p->moves);
	free(p->breakdowns);
	free(p);
}

/* The period a day belongs to: the one whose homes cover it, or whose end
 * lies less than the return-home threshold before it; -1 otherwise. */
static int period_of(const struct kr_path *p, long day, int home_months)
{
	for (size_t k = p->nperiods; k-- > 0;) {
		const struct kr_path_period *per = &p->periods[k];
		if (day < per->start)
			continue;
		if (per->end < 0 || day <= kr_days_add_months(per->end, home_months))
			return (int)k;
		return -1;
	}
	return -1;
}

static bool add_breakdown(struct kr_path *p, long day, int placement, int event)
{
	struct kr_path_event *e;
	/* One ending, one breakdown: an event about a placement already
	 * counted, or without a placement within a month of one, is the same. */
	for (size_t k = 0; k < p->nbreakdowns; k++) {
		const struct kr_path_event *b = &p->breakdowns[k];
		if (placement >= 0 && b->placement == placement)
			return true;
		if ((placement < 0 || b->placement < 0) && labs(b->day - day) <= 31)
			return true;
	}
	if (!(e = grow((void **)&p->breakdowns, &p->nbreakdowns, sizeof *e)))
		return false;
	e->day = day;
	e->placement = placement;
	e->event = event;
	e->period = -1;
	return true;
}

static int by_day(const void *pa, const void *pb)
{
	const struct kr_path_event *a = pa, *b = pb;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->placement < b->placement ? -1 : a->placement > b->placement;
}

enum kr_status kr_path_compute(const struct kr_case *c, long as_of, const struct kr_settings *s,
                               struct kr_path **out, struct kr_error *err)
{
	struct kr_settings defaults;
	struct kr_path *p = NULL;
	struct pl *v = NULL;
	size_t nv = 0;
	int home_months;

	*out = NULL;
	if (!s) {
		kr_settings_defaults(&defaults);
		s = &defaults;
	}
	home_months = s->v[KR_SET_PATH_HOME_MONTHS];
	if (!(p = calloc(1, sizeof *p)) ||
	    !(v = calloc(c->nplacements ? c->nplacements : 1, sizeof *v)))
		goto nomem;
	p->as_of = as_of;
	p->age = kr_age_years(c->persons[c->child].born, as_of);
	p->current = kr_case_current_placement(c, as_of);
	p->home = p->period = p->unclassified = -1;
	p->home_since = -1;

	for (size_t i = 0; i < c->nplacements; i++) {
		const struct kr_placement *pl = &c->placements[i];
		if (!kr_date_valid(pl->start) || kr_date_first(pl->start) > as_of)
			continue;
		if (pl->form == KR_FORM_NONE && p->unclassified < 0)
			p->unclassified = (int)i;
		v[nv].i = (int)i;
		v[nv].first = kr_date_first(pl->start);
		/* a start month or year that holds as-of counts from as-of */
		v[nv].start = kr_date_last(pl->start) > as_of ? as_of : kr_date_last(pl->start);
		v[nv].end = kr_date_valid(pl->end) && kr_date_last(pl->end) <= as_of
		            ? kr_date_last(pl->end) : -1;
		nv++;
	}
	qsort(v, nv, sizeof *v, by_start);

	/* A full-time placement without an end lasts until the next full-time
	 * or `home` placement starts; one with an end is cut short only by a
	 * placement that certainly starts before it ends. */
	for (size_t k = 0; k < nv; k++) {
		const struct kr_placement *pl = &c->placements[v[k].i];
		if (!kr_path_form_fulltime(pl->form))
			continue;
		for (size_t n = k + 1; n < nv; n++) {
			enum kr_form f = c->placements[v[n].i].form;
			if (!kr_path_form_fulltime(f) && f != KR_FORM_HOME)
				continue;
			if (v[k].end < 0 || (kr_date_valid(pl->end) &&
			                     v[n].first < kr_date_first(pl->end)))
				v[k].end = v[n].first;
			break;
		}
	}

	/* Homes and periods. */
	for (size_t k = 0; k < nv; k++) {
		const struct kr_placement *pl = &c->placements[v[k].i];
		struct kr_path_home *h, *prev = p->nhomes ? &p->homes[p->nhomes - 1] : NULL;
		struct kr_path_period *per;
		bool adjoining;

		if (!kr_path_form_fulltime(pl->form))
			continue;
		adjoining = prev && prev->end >= 0 && v[k].first <= prev->end + 1;
		if (prev && (prev->end < 0 || adjoining) &&
		    same_carers(&c->placements[prev->last], pl)) {
			prev->last = v[k].i;           /* the same home goes on */
			prev->end = v[k].end;
			per = &p->periods[prev->period];
			per->end = prev->end;
			continue;
		}
		if (!(h = grow((void **)&p->homes, &p->nhomes, sizeof *h)))
			goto nomem;
		prev = p->nhomes > 1 ? &p->homes[p->nhomes - 2] : NULL;
		h->first = h->last = v[k].i;
		h->start = v[k].start;
		h->since = pl->start;
		h->end = v[k].end;
		if (!prev || (prev->end >= 0 &&
		              v[k].first >= kr_days_add_months(prev->end, home_months))) {
			if (!(per = grow((void **)&p->periods, &p->nperiods, sizeof *per)))
				goto nomem;
			per->start = h->start;
			per->since = h->since;
			per->first_home = p->nhomes - 1;
		} else {
			/* Within the period: other carers than the home before is a
			 * move; the same carers after a short stay at home is not. */
			struct kr_path_event *m;
			per = &p->periods[p->nperiods - 1];
			if (!same_carers(&c->placements[prev->last], pl)) {
				h->move = true;
				if (!(m = grow((void **)&p->moves, &p->nmoves, sizeof *m)))
					goto nomem;
				m->day = h->start;
				m->placement = v[k].i;
				m->event = -1;
				m->period = (int)p->nperiods - 1;
				per->moves++;
			}
		}
		h->period = (int)p->nperiods - 1;
		per->nhomes++;
		per->end = h->end;
	}
	for (size_t k = 0; k < p->nperiods; k++) {
		struct kr_path_period *per = &p->periods[k];
		per->closed = k + 1 < p->nperiods ||
		              (per->end >= 0 && as_of >= kr_days_add_months(per->end, home_months));
	}

	/* Breakdowns: endings first, then events that add to them. */
	for (size_t k = 0; k < nv; k++) {
		const struct kr_placement *pl = &c->placements[v[k].i];
		long day;
		if (pl->end_reason != KR_END_BREAKDOWN)
			continue;
		if (kr_date_valid(pl->end))
			day = kr_date_last(pl->end);
		else if (v[k].end >= 0)
			day = v[k].end;
		else
			continue;                      /* still going: not ended yet */
		if (day > as_of)
			continue;
		if (!add_breakdown(p, day, v[k].i, -1))
			goto nomem;
	}
	for (size_t e = 0; e < c->nevents; e++) {
		const struct kr_event *ev = &c->events[e];
		if (ev->type != KR_EV_BREAKDOWN || !kr_date_valid(ev->date) ||
		    kr_date_first(ev->date) > as_of)
			continue;
		if (!add_breakdown(p, kr_date_last(ev->date) > as_of ? as_of
		                      : kr_date_last(ev->date), ev->placement, (int)e))
			goto nomem;
	}
	if (p->nbreakdowns > 1)
		qsort(p->breakdowns, p->nbreakdowns, sizeof *p->breakdowns, by_day);
	for (size_t k = 0; k < p->nbreakdowns; k++) {
		struct kr_path_event *b = &p->breakdowns[k];
		b->period = period_of(p, b->day, home_months);
		if (b->period >= 0)
			p->periods[b->period].breakdowns++;
	}

	/* Where the child is now. */
	p->moves_total = (int)p->nmoves;
	p->breakdowns_total = (int)p->nbreakdowns;
	if (p->nhomes && p->homes[p->nhomes - 1].end < 0) {
		p->out_of_home = true;
		p->home = (int)p->nhomes - 1;
		p->home_since = p->homes[p->home].start;
	}
	if (p->nperiods) {
		const struct kr_path_period *per;
		p->period = (int)p->nperiods - 1;
		per = &p->periods[p->period];
		p->moves_period = per->moves;
		p->breakdowns_period = per->breakdowns;
		p->days_out = (per->end < 0 ? as_of : per->end) - per->start;
		if (p->days_out < 0)
			p->days_out = 0;
	}
	free(v);
	*out = p;
	return KR_OK;
nomem:
	free(v);
	kr_path_free(p);
	return kr_error_say(err, KR_ENOMEM, "geen geheugen meer voor het pad van het kind",
	                    "out of memory computing the child's path");
}

int kr_path_moves_between(const struct kr_path *p, long from, long to)
{
	int n = 0;
	for (size_t k = 0; k < p->nmoves; k++)
		n += p->moves[k].day > from && p->moves[k].day <= to;
	return n;
}

int kr_path_disruptions(const struct kr_path *p, long from, long to)
{
	int n = kr_path_moves_between(p, from, to);

	for (size_t k = 0; k < p->nbreakdowns; k++) {
		const struct kr_path_event *b = &p->breakdowns[k];
		bool with_move = false;
		if (b->day <= from || b->day > to)
			continue;
		/* The move that followed it, out of the home that broke down. */
		for (size_t m = 0; m < p->nmoves && !with_move; m++) {
			const struct kr_path_event *mv = &p->moves[m];
			with_move = mv->day >= b->day && mv->day <= to &&
			            mv->period == b->period && b->period >= 0 &&
			            kr_days_add_months(b->day, 1) >= mv->day;
		}
		n += !with_move;
	}
	return n;
}
