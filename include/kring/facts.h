/*
 * facts.h - what kring stores about every revision so that the figures
 * (report.h) and `kring signals --all` need not read the documents
 * (docs/report.md, "What is stored and when it is recomputed").
 *
 * The store writes the facts of a revision in the same transaction as the
 * revision itself (kr_store_put).  Part of them holds for any day (the
 * municipality, a small model of the placements, meetings and plan, and
 * what changed between revisions); part is the case's signals on one day
 * with one set of thresholds, recomputed from the document when another
 * day or other thresholds are asked for (and stored only by
 * kr_facts_refresh or kr_facts_rebuild: reading never writes).
 */
#ifndef KRING_FACTS_H
#define KRING_FACTS_H

#include <stddef.h>

#include "kring/error.h"
#include "kring/settings.h"
#include "kring/store.h"

/* Throws the facts of every revision away and computes them again from the
 * documents (`kring reindex`), with the signal facts of every latest
 * revision for day `day` (a day number) under the thresholds set.  One
 * transaction: on failure nothing changed.  *ncases and *nrevisions (each
 * may be NULL) receive what was done.  KR_EDB, KR_ENOMEM, or KR_EINVAL when
 * a stored document no longer reads. */
enum kr_status kr_facts_rebuild(struct kr_store *s, long day, const struct kr_settings *set,
                                size_t *ncases, size_t *nrevisions, struct kr_error *err);

/* Computes and stores the signal facts of every case's latest revision for
 * day `day` under the thresholds set, where they are for another day or
 * other thresholds (`kring reindex --signals`, e.g. nightly): afterwards
 * the figures and signals --all of that day read only stored facts.
 * Reading them never stores anything itself.  *nrefreshed (may be NULL)
 * receives the number of cases brought up to date.  One transaction.
 * KR_EDB, KR_ENOMEM, KR_EINVAL. */
enum kr_status kr_facts_refresh(struct kr_store *s, long day, const struct kr_settings *set,
                                size_t *nrefreshed, struct kr_error *err);

/* Computes and keeps the signal facts of every case's latest revision on
 * each of the ndays days (day numbers) under the thresholds set, in the
 * table day_signals, and drops those kept for other days: `kring reindex
 * --signals` keeps the eight quarter ends the embedding monitor looks back
 * on (kr_report_monitor_days), so that a monitor reads them instead of
 * judging every case on each of those days.  A kept row counts only while
 * the case's latest revision and the thresholds are the ones it was judged
 * with.  One transaction (joins the caller's).  KR_EDB, KR_ENOMEM,
 * KR_EINVAL when a stored document no longer reads. */
enum kr_status kr_facts_keep_days(struct kr_store *s, const long *days, size_t ndays,
                                  const struct kr_settings *set, struct kr_error *err);

/* The signals of one case on one day, counted, as `kring signals --all`
 * prints them.  Strings are borrowed for the duration of the call. */
struct kr_facts_signals {
	const char *ref;
	long rev;
	size_t alert, warning, info;
	const char *top;          /* the most severe signal's rule id, NULL when none */
};

/* Calls fn for the latest revision of every case, ordered by ref, with its
 * signals on day `day` under the thresholds set: from the stored facts, or
 * computed from the document where those are of another day or other
 * thresholds (nothing is stored; see kr_facts_refresh).  fn
 * returns 0 to go on, non-zero to stop (KR_OK).  KR_EDB, KR_ENOMEM, or
 * KR_EINVAL when a stored document no longer reads. */
enum kr_status kr_facts_signals(struct kr_store *s, long day, const struct kr_settings *set,
                                int (*fn)(const struct kr_facts_signals *row, void *arg),
                                void *arg, struct kr_error *err);

#endif
