/*
 * history.h - the earlier recorded states of one case, for the signal rules
 * that compare the case with how it was (tie-worsened, contacts-lost).
 *
 * kring keeps every revision of a case (store.h); a history answers "what
 * did the case look like at the end of day D?" with the revision that was
 * current then.  kr_history_open() reads them from the store on demand (at
 * most a few revisions are parsed, and only for cases that have them);
 * kr_history_new() + kr_history_add() build one in memory, for tests and for
 * tools that have the states at hand.
 */
#ifndef KRING_HISTORY_H
#define KRING_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/case.h"
#include "kring/error.h"

struct kr_store;
struct kr_history;

/* A history of case ref in store s, whose latest revision latest_rev is
 * the case `latest` (borrowed: it must outlive the history; that revision
 * is never read again).  *out is freed with kr_history_free().  Fails only
 * with KR_ENOMEM; revisions are read when asked for. */
enum kr_status kr_history_open(struct kr_store *s, const char *ref, long latest_rev,
                               const struct kr_case *latest, struct kr_history **out,
                               struct kr_error *err);

/* An empty history in memory.  NULL when out of memory. */
struct kr_history *kr_history_new(void);

/* Adds state c (borrowed: it must outlive the history) as recorded on day
 * `recorded` (a day number).  States may come in any order.  KR_ENOMEM. */
enum kr_status kr_history_add(struct kr_history *h, const struct kr_case *c, long recorded);

/* The state current at the end of day `day`: the one recorded last on or
 * before it.  NULL when the case had not been recorded yet, or when a
 * stored revision cannot be read.  Borrowed: valid until the history is
 * freed. */
const struct kr_case *kr_history_at(struct kr_history *h, long day);

/* True when some state was recorded on or before the end of day `day`
 * (nothing is read but the list of revision days).  False for NULL. */
bool kr_history_recorded_by(struct kr_history *h, long day);

/* Calls fn(c, day, arg) for every state that was current at the end of
 * some day of from..to (from <= to), oldest first, where `day` is the last
 * such day (a state replaced on the day it was recorded was never current
 * and is skipped).  Only those revisions are read, one at a time, and freed
 * after the call unless kr_history_at() keeps them: c is borrowed and valid
 * only during the call.  fn returns false to stop.  A stored revision that
 * cannot be read is skipped.  Returns the number of states fn was called
 * with; 0 for NULL. */
size_t kr_history_each(struct kr_history *h, long from, long to,
                       bool (*fn)(const struct kr_case *c, long day, void *arg), void *arg);

/* Frees the history and the revisions it read.  Accepts NULL. */
void kr_history_free(struct kr_history *h);

#endif
