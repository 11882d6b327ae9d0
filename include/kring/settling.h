/*
 * settling.h - the settling-in schedule of the first year in a new home
 * (docs/foster-families.md, "The first year"): check-ins after 1, 3, 6 and
 * 12 weeks and 6 and 12 months (settings settling.*), counted from the
 * start of the placement that began the child's current home (path.h), and
 * which of them are done on a day.  The signal settling-checkin-overdue,
 * the case summary and the lifeline all take the schedule from here.
 */
#ifndef KRING_SETTLING_H
#define KRING_SETTLING_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/case.h"
#include "kring/path.h"
#include "kring/settings.h"

#define KR_SETTLING_CHECKINS 6

struct kr_settling {
	int placement;             /* the placement that began the home, -1: no schedule */
	long start;                /* the day the schedule counts from (last possible
	                              day of that placement's start) */
	long due[KR_SETTLING_CHECKINS];   /* the day each check-in is due */
	size_t done;               /* check-ins recorded on or before as-of */
	int next;                  /* the next check-in (0-5), -1 when all six are done */
	bool first_year;           /* as-of is no later than the last check-in's day plus
	                              the grace (settling.grace_days) */
	bool overdue;              /* the next check-in is more than the grace late, in the
	                              first year */
};

/* The schedule of case c on path p's as-of day with the thresholds s (NULL:
 * the defaults) into *out.  No schedule (placement -1) when the child has
 * no current placement, lives at home or in residential care, or the home's
 * start is unknown.  Never fails. */
void kr_settling_compute(const struct kr_case *c, const struct kr_path *p,
                         const struct kr_settings *s, struct kr_settling *out);

/* The placement index that began the child's current home on path p's day:
 * the current placement, or the earlier one with the same carers it
 * continues; -1 without a current placement. */
int kr_settling_home_first(const struct kr_path *p);

#endif
