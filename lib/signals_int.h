/*
 * signals_int.h - the signals engine for the library's own bulk work
 * (signals.c): the stored day facts of every case (facts.c) need only
 * which rules fire at which level, not the texts.
 */
#ifndef KRING_SIGNALS_INT_H
#define KRING_SIGNALS_INT_H

#include "kring/signals.h"

/* kr_signals_compute() judging only: the same signals in the same order
 * (id, level, and for data-missing its rule and field), with every message
 * and advice an empty text and no subjects or details, at a fraction of
 * the cost.  The caller frees *out with kr_signal_list_cleanup().  Fails
 * only with KR_ENOMEM. */
enum kr_status kri_signals_judge(const struct kr_case *c, struct kr_history *h, long as_of,
                                 const struct kr_settings *s, struct kr_signal_list *out,
                                 struct kr_error *err);

/* The tally of signal list l as the case summary and `kring signals --all`
 * give it: the number of signals per level into counts[KR_LEVEL_x], and the
 * most severe signal (the list's first: kr_signals_compute() keeps it most
 * severe first, then in catalogue order), NULL when l is empty.  The
 * returned signal belongs to l.  Cannot fail. */
const struct kr_signal *kri_signals_tally(const struct kr_signal_list *l, size_t counts[3]);

#endif
