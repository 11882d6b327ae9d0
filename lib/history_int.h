/*
 * history_int.h - the case as judged, for the rules that read a case from
 * the store through its history (history.c): the case with the meetings
 * of the family plans it is in (family_plan.h, kr_case_judged).  The
 * signals (signals.c) and the summary (summary.c) take their case through
 * it, so every front door and every walk that opens a history from the
 * store (kr_history_open) counts the family's meetings, and nothing that
 * edits or exports a case does.
 */
#ifndef KRING_HISTORY_INT_H
#define KRING_HISTORY_INT_H

#include <stdbool.h>

#include "kring/history.h"

/* The case to judge for c: when h was opened from the store and c is its
 * latest state, c with the meetings of its family plans (made once, kept
 * by h until kr_history_free); otherwise c itself (also when c is in no
 * plan).  *out is set on success.  KR_ENOMEM, KR_EDB. */
enum kr_status kri_history_judged(struct kr_history *h, const struct kr_case *c,
                                  const struct kr_case **out, struct kr_error *err);

/* Tells h whether its case is in some family plan, known from one query
 * for every case of a walk (kr_fplan_case_refs): false spares the lookup
 * per case.  Accepts NULL. */
void kri_history_in_plan(struct kr_history *h, bool in_plan);

#endif
