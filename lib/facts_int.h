/*
 * facts_int.h - the facts of one revision (lib/facts.c, docs/report.md
 * "What is stored"), as the store writes them and the figures read them.
 *
 * A facts row has two parts.  The dated facts hold for any as-of day: the
 * dimensions (municipality, region, referrer, opened, closed) and a small
 * model of the case without names or ids - placements with carers as
 * numbers, breakdown events, meetings, the plan's dates, agreements, the
 * child's wishes - plus what only the revisions tell: on which days the
 * network map changed, the plan was reviewed, an agreement stopped being
 * open, a wish was answered.  The figures rebuild a struct kr_case from
 * the small model (kri_facts_case) and ask path.h, plan.h and case.h, so no
 * rule is computed twice.  The day facts are the signals of the case on one
 * day with one set of thresholds; they are recomputed from the document for
 * any other day (kri_facts_walk).
 */
#ifndef KRING_FACTS_INT_H
#define KRING_FACTS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/settings.h"
#include "kring/store.h"

/* The layout of the stored model; a row of another version is rebuilt. */
#define KRI_FACTS_VERSION 1

/* Days in the carried facts that are not a day. */
#define KRI_DAY_BEFORE INT32_MIN        /* before kring's first record of the case */
#define KRI_DAY_NEVER INT32_MAX         /* has not happened (yet) */
#define KRI_DAY_UNKNOWN (INT32_MIN + 1) /* happened, but when is not known */

struct kri_fplacement {
	struct kr_date start, end;
	int form, variant, end_reason;
	enum kr_tribool network;
	unsigned carers_at, ncarers;     /* into kri_facts.carers */
};

struct kri_fbreakdown { struct kr_date date; int placement; };
struct kri_fmeeting { struct kr_date date; int continuum; };

struct kri_fagreement {
	uint64_t id;                     /* hash of the agreement's id */
	int status;                      /* enum kr_agreement_status, as now */
	struct kr_date due;
	int32_t first_seen;              /* day of the first revision that had it */
	int32_t closed_since;            /* day it became done or dropped, or NEVER */
};

struct kri_fwish {
	uint64_t id;
	struct kr_date date;
	bool answered;
	int32_t answered_day;            /* the answered date, else the day the response
	                                    was first stored; UNKNOWN, or NEVER */
};

/* Growable arrays, kept between uses (kri_facts_reset). */
#define KRI_ARRAY(type, name) type *name; size_t n##name, cap_##name

struct kri_facts {
	/* dimensions */
	char municipality[8], municipality_name[104], region[104];
	int referrer, closed_reason;
	struct kr_date opened, closed;
	long recorded;                   /* day the revision was stored */

	/* the small model */
	struct kr_date born, perspective;
	KRI_ARRAY(struct kri_fplacement, placements);
	KRI_ARRAY(int, carers);          /* carer numbers 1.. (0 is the child) */
	int ncarer_ids;
	KRI_ARRAY(struct kri_fbreakdown, breakdowns);
	KRI_ARRAY(struct kri_fmeeting, meetings);
	bool plan;
	struct kr_date adopted, reviewed;
	KRI_ARRAY(struct kr_date, reviews);   /* every reviewed/adopted date recorded */
	KRI_ARRAY(struct kri_fagreement, agreements);
	KRI_ARRAY(struct kri_fwish, wishes);  /* the child's own wishes */
	uint64_t map_hash;               /* persons and ties */
	KRI_ARRAY(int32_t, map_days);    /* days the map was made or changed, oldest first */

	/* the day facts */
	long day;                        /* -1: not computed */
	int64_t sig;
	size_t counts[3];                /* per KR_LEVEL_x */
	char top[48];                    /* "" when no signal */
	int top_level;
	uint64_t fired, missing;         /* bit i: catalogue rule i */
	bool nomem;
};

void kri_facts_init(struct kri_facts *f);
/* Empties f, keeping its arrays' memory. */
void kri_facts_reset(struct kri_facts *f);
void kri_facts_cleanup(struct kri_facts *f);

/* The signature of the thresholds and the rule catalogue that day facts
 * are computed with: a row with another one is recomputed. */
int64_t kri_facts_sig(const struct kr_settings *set);

/* The bit of rule id in fired/missing, or 0 for an unknown id. */
uint64_t kri_facts_rule_bit(const char *id);

/* The dated facts of document c as if it were the first revision of its
 * case, stored on day `recorded`, into f (emptied first).  false when out
 * of memory. */
bool kri_facts_from_case(struct kri_facts *f, const struct kr_case *c, long recorded);

/* Writes the facts of revision rev of case c (case_id in the store),
 * stored at `now` (ISO UTC time stamp), inside the open transaction:
 * kr_store_put's one call.  Reads the facts of the revision before it
 * (rebuilding them from the documents when they are missing), and the
 * settings.  KR_EDB or KR_ENOMEM. */
enum kr_status kri_facts_write(struct kr_store *s, int64_t case_id, long rev,
                               const struct kr_case *c, const char *now,
                               struct kr_error *err);

/* A struct kr_case made from the small model of f, for path.h, plan.h and
 * kr_case_current_placement(): persons (the child with its birth date,
 * then one nameless person per carer number), placements, breakdown events
 * and the plan's dates.  Nothing else is set.  Arrays are kept between
 * uses; kri_mini_cleanup() frees them. */
struct kri_mini {
	struct kr_case c;
	KRI_ARRAY(struct kr_person, persons);
	KRI_ARRAY(struct kr_placement, placements);
	KRI_ARRAY(int, carers);
	KRI_ARRAY(struct kr_event, events);
};

/* Fills m from f.  false when out of memory. */
bool kri_facts_case(const struct kri_facts *f, struct kri_mini *m);
void kri_mini_cleanup(struct kri_mini *m);

/* One case as the figures see it: its ref, head revision and child name
 * (for a caseload; borrowed, valid during the call) and its facts. */
struct kri_facts_row {
	const char *ref;
	long rev;
	const char *child;
	const struct kri_facts *f;
};

/* Calls fn for the latest revision of every case, ordered by ref, with
 * day facts for day `day` under the thresholds set.  Rows that are missing
 * or of another layout are rebuilt from the documents and stored (once,
 * after an upgrade); day facts of another day or other thresholds are
 * computed from the documents for this walk only - reading never stores
 * them.  fn returns 0 to go on.  KR_EDB, KR_ENOMEM, or KR_EINVAL for a
 * stored document that no longer reads. */
enum kr_status kri_facts_walk(struct kr_store *s, long day, const struct kr_settings *set,
                              int (*fn)(const struct kri_facts_row *row, void *arg),
                              void *arg, struct kr_error *err);

/* When every case's latest revision has its day facts kept (day_signals,
 * kr_facts_keep_days) for each of the ndays days under the thresholds set:
 * calls fn for each case and day, in ref order and for one case in the
 * order of the days, with slot the day's index in days, and sets *all.
 * Otherwise calls nothing and leaves *all false: the caller walks each day
 * (kri_facts_walk).  fn returns 0 to go on.  KR_EDB. */
enum kr_status kri_facts_kept(struct kr_store *s, const long *days, size_t ndays,
                              const struct kr_settings *set,
                              int (*fn)(const struct kri_facts_row *row, size_t slot, void *arg),
                              void *arg, bool *all, struct kr_error *err);

#endif
