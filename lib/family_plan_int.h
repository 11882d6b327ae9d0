/*
 * family_plan_int.h - what family_plan_store.c shares with
 * family_plan_history.c: leaving the cases a reader may not read out of a
 * family plan document, the one rule for the view and for the history.
 */
#ifndef KRING_FAMILY_PLAN_INT_H
#define KRING_FAMILY_PLAN_INT_H

#include <jansson.h>

/* Leaves out of plan document doc (changed in place) every case that is
 * not a key of object shown: its ref from doc's cases, and every person
 * ref into it from the goals, agreements, wishes and meetings (a
 * coordinator or a wish's `by` from it is removed).  Cannot fail. */
void kri_fplan_filter(json_t *doc, json_t *shown);

#endif
