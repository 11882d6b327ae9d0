/*
 * summary.h - the facts about one case on one day that every front door
 * shows: the child, where the child lives and the path through care, the
 * trust figures, the signals (counted, the most severe first), the plan's
 * overdue agreements and next review, the last and next network meeting,
 * the size of the network, and the five factors that matter most to foster
 * children (heard, a say, support, a trust figure, continuity).
 *
 * `kring show`, the case list and overview of the server and the browser
 * all serialise this one struct; none of them computes a rule itself.
 */
#ifndef KRING_SUMMARY_H
#define KRING_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/history.h"
#include "kring/lang.h"
#include "kring/path.h"
#include "kring/settings.h"
#include "kring/settling.h"
#include "kring/signals.h"

/* The five factors (docs/summary.md), in this order. */
enum kr_factor { KR_FACTOR_HEARD, KR_FACTOR_SAY, KR_FACTOR_SUPPORT, KR_FACTOR_TRUST,
	KR_FACTOR_CONTINUITY, KR_FACTOR__N };
enum kr_factor_status { KR_FACTOR_OK, KR_FACTOR_WATCH, KR_FACTOR_CONCERN };

/* How many open agreements name one person (the plan page's "Wie draagt
 * wat"): person index, count, and whether the person is informal (not the
 * child, not a professional, alive on as-of), as network-overload counts. */
struct kr_summary_load {
	int person;
	size_t open;
	bool informal;
};

struct kr_case_summary {
	const struct kr_case *c;   /* borrowed: the case it describes */
	long as_of;
	int age;                   /* the child's age, -1 unknown */
	int current;               /* the current placement index, -1 */
	struct kr_path *path;      /* owned */
	int *trust; size_t ntrust; /* current trust figures (person indices), owned */
	bool trust_professional_only;
	struct kr_signal_list signals;   /* owned, most severe first */
	size_t counts[3];          /* signals per level (KR_LEVEL_x) */
	size_t open_agreements, overdue_agreements;
	int *overdue; size_t noverdue;   /* indices of overdue agreements, owned */
	int *unowned; size_t nunowned;   /* open agreements without `who`, owned */
	long next_review;          /* day, -1: no plan date (kr_plan_next_review) */
	bool review_overdue;
	int last_meeting;          /* index of the latest meeting on or before as-of, -1 */
	int next_meeting;          /* the first meeting after as-of, -1 */
	size_t network_size;       /* informal persons with a tie to the child, alive */
	size_t by_world[KR_WORLD__N];    /* persons other than the child, per world */
	size_t child_wishes, answered_wishes;
	enum kr_factor_status factor[KR_FACTOR__N];
	struct kr_settling settling;     /* the settling-in schedule of the current home */
	struct kr_summary_load *load;    /* open agreements per person, most first; owned */
	size_t nload;
};

/* Computes the summary of case c on day as_of with the thresholds s (NULL:
 * defaults) and the earlier states h (NULL: none, see kr_signals_compute).
 * *out is new; free it with kr_case_summary_free() before freeing c and h.
 * When h was opened from the store for c, the summary is of c as judged,
 * with the meetings of its family plans (family_plan.h, kr_case_judged):
 * sum->c is then that copy, kept by h.  KR_ENOMEM, KR_EDB. */
enum kr_status kr_case_summary(const struct kr_case *c, struct kr_history *h, long as_of,
                               const struct kr_settings *s, struct kr_case_summary **out,
                               struct kr_error *err);

/* Frees a summary.  Accepts NULL. */
void kr_case_summary_free(struct kr_case_summary *sum);

/* "heard", "say", "support", "trust", "continuity" (static). */
const char *kr_factor_name(enum kr_factor f);
/* "ok", "watch", "concern" (static). */
const char *kr_factor_status_name(enum kr_factor_status st);
/* The factor's name for people ("Gehoord worden", "Being heard"); static. */
const char *kr_factor_label(enum kr_factor f, enum kr_lang lang);

/* True when signal sg counts for factor f (its rule, or data-missing of
 * its rule). */
bool kr_factor_has_signal(enum kr_factor f, const struct kr_signal *sg);

/* The summary as a jansson object (json_t *, a new reference) in the shape
 * docs/api.md gives; with_signals (the summary of one case) adds the signal
 * list itself and invite_defaults (kr_process_invite_json).  NULL when
 * out of memory. */
void *kr_case_summary_json(const struct kr_case_summary *sum, bool with_signals);

/* The summary as text for a terminal (`kring show`), appended to out. */
enum kr_status kr_case_summary_text(const struct kr_case_summary *sum, enum kr_lang lang,
                                    struct kr_buf *out);

#endif
