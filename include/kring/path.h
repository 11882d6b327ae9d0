/*
 * path.h - the child's path through care, computed once from a case's
 * placements and events (docs/path.md).
 *
 * The signals, `kring show`, the lifeline and the figures all count moves
 * and breakdowns from this one model, so no front door counts them itself:
 *
 * - A *home* is where the child lives full-time away from the parents:
 *   consecutive full-time placements (informal_network, foster_fulltime,
 *   crisis, family_home, residential) with the same carers are one home, so
 *   crisis care that becomes the long-term foster family is no move.
 * - An *out-of-home period* (uithuisplaatsing) starts with the first home
 *   after the child last lived at home for path.home_months (6) or more; a
 *   shorter return home does not end it.
 * - A *move* (overplaatsing) is a change of home to other carers within one
 *   period.  Not a move: a support family or part-time care while the child
 *   lives at home, a change of form or variant with the same carers, the
 *   return home, going back to the same carers after a short stay at home.
 * - A *breakdown* is a placement that ended with end_reason `breakdown`, or
 *   a `breakdown` event (one breakdown when both describe the same ending).
 *
 * Days are day numbers (date.h).  Partial dates count from their last
 * possible day, so durations are never overstated; placements are ordered
 * by their first possible start day, then by their order in the document.
 * Only what started on or before the as-of day counts.
 */
#ifndef KRING_PATH_H
#define KRING_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/settings.h"

/* One home: full-time placements in a row with the same carers. */
struct kr_path_home {
	int first, last;         /* placement indices: the one that began it, the latest */
	long start;              /* first day (the last possible day of a partial date) */
	struct kr_date since;    /* the start as written, for messages ("maart 2024") */
	long end;                /* day the child left it, or -1 while the child lives there */
	int period;              /* index into kr_path.periods */
	bool move;               /* the child came here by a move (see above) */
};

/* One out-of-home period. */
struct kr_path_period {
	long start;              /* first day away from home */
	struct kr_date since;    /* the start as written, for messages */
	long end;                /* last home's end, or -1 while the child is away */
	bool closed;             /* the child has been home path.home_months since end */
	size_t first_home, nhomes;   /* its homes: homes[first_home .. +nhomes) */
	int moves, breakdowns;
};

/* A move or a breakdown. */
struct kr_path_event {
	long day;
	int placement;           /* move: the placement moved into; breakdown: the one that
	                            ended, or -1 when only an event says so */
	int event;               /* breakdown: the events[] index, or -1 */
	int period;              /* the period it belongs to, or -1 (a breakdown at home) */
};

struct kr_path {
	long as_of;
	int age;                 /* the child's age in whole years on as_of, -1 unknown */
	int current;             /* the current placement (kr_case_current_placement), -1 */
	bool out_of_home;        /* the child lives in a home on as_of */
	int home;                /* index of that home in homes[], or -1 */
	long home_since;         /* its first day, or -1 */
	int period;              /* the current, else the latest, period; -1 when none */
	long days_out;           /* days away from home in that period up to as_of */
	int moves_total, breakdowns_total;
	int moves_period, breakdowns_period;   /* in `period` */
	int unclassified;        /* a started placement without form (rules that need
	                            the path say data-missing), or -1 */

	struct kr_path_home *homes; size_t nhomes;         /* in time order */
	struct kr_path_period *periods; size_t nperiods;   /* in time order */
	struct kr_path_event *moves; size_t nmoves;        /* in time order */
	struct kr_path_event *breakdowns; size_t nbreakdowns;   /* in time order */
};

/* Computes the path of case c on day as_of with the thresholds s (NULL:
 * the defaults; path.home_months is used).  *out is a new path the caller
 * frees with kr_path_free().  Fails only with KR_ENOMEM (*out NULL). */
enum kr_status kr_path_compute(const struct kr_case *c, long as_of, const struct kr_settings *s,
                               struct kr_path **out, struct kr_error *err);

/* Frees a path.  Accepts NULL. */
void kr_path_free(struct kr_path *p);

/* True when form is a full-time form away from the parents. */
bool kr_path_form_fulltime(enum kr_form form);

/* The number of times the child had to leave a home in (from, to] (day
 * numbers): moves and breakdowns, where a breakdown that ended the home the
 * child then moved away from counts once with that move. */
int kr_path_disruptions(const struct kr_path *p, long from, long to);

/* The number of moves in (from, to]. */
int kr_path_moves_between(const struct kr_path *p, long from, long to);

#endif
