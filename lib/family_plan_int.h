/*
 * family_plan_int.h - what family_plan_store.c shares with
 * family_plan_history.c: leaving the cases a reader may not read out of a
 * family plan document, the one rule for the view and for the history;
 * and with retention.c: marking the linked cases' signal facts stale.
 */
#ifndef KRING_FAMILY_PLAN_INT_H
#define KRING_FAMILY_PLAN_INT_H

#include <jansson.h>

#include "kring/store.h"

/* Leaves out of plan document doc (changed in place) every case that is
 * not a key of object shown: its ref from doc's cases, and every person
 * ref into it from the goals, agreements, wishes and meetings (a
 * coordinator or a wish's `by` from it is removed).  Cannot fail. */
void kri_fplan_filter(json_t *doc, json_t *shown);

/* Marks the signal facts of every case plan `plan` links (every revision's
 * day facts, and the days kept in day_signals) to be judged again: the
 * family's meetings count for them (kr_case_judged), so a plan that
 * changes or is destroyed (retention.c) changes their signals.  Takes
 * part in the open transaction.  KR_EDB. */
enum kr_status kri_fplan_cases_stale(struct kr_store *s, const char *plan,
                                     struct kr_error *err);

#endif
