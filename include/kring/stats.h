/*
 * stats.h - figures without persons over every case in a store: how many
 * children, where they live, which signals, how large their networks are,
 * how many have a trust figure, network meetings by Continuüm letter and
 * overdue agreements.  No name, person id or case ref is in them, and
 * every count is published with the disclosure control of the steering
 * reports (report.h, docs/report.md): rounded to a multiple of
 * KR_REPORT_ROUND, held back when under KR_REPORT_SUPPRESS_BELOW or when
 * it would give a held-back count away, so a single child cannot be
 * picked out.
 *
 * The figures are the library's; `kring stats` and GET /api/stats only
 * serialise them.
 */
#ifndef KRING_STATS_H
#define KRING_STATS_H

#include <stddef.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/settings.h"
#include "kring/signals.h"

struct kr_store;

struct kr_stats {
	long as_of;
	size_t cases;
	size_t by_form[KR_FORM__N];      /* current placement; [0]: none */
	const char *const *ids;          /* the signal catalogue (static) */
	size_t nids;
	size_t (*signals)[3];            /* children with signal ids[k] at level l, owned */
	size_t *sizes; size_t nsizes;    /* network size per child, sorted, owned */
	size_t trust;                    /* children with a current trust figure */
	size_t meetings[KR_CONT__N];     /* meetings in the 12 months up to as_of */
	size_t overdue;                  /* overdue agreements */
};

/* Computes the figures over the latest revision of every case in store s
 * on day as_of with thresholds set (NULL: defaults).  *out is freed with
 * kr_stats_free().  Fails with KR_EDB / KR_EINVAL from the store walk, or
 * KR_ENOMEM. */
enum kr_status kr_stats_compute(struct kr_store *s, long as_of, const struct kr_settings *set,
                                struct kr_stats **out, struct kr_error *err);

/* Frees the figures.  Accepts NULL. */
void kr_stats_free(struct kr_stats *st);

/* The figures as a jansson object (json_t *, a new reference), every count
 * rounded or held back (null) as above: {"as_of", "disclosure": {"round_to",
 * "suppress_below"} (the rule applied, for the page to name), "cases", "by_form",
 * "signals", "median_network_size", "trust_figure_share", "meetings_12m",
 * "agreements_overdue"} (docs/api.md).  NULL when out of memory. */
void *kr_stats_json(const struct kr_stats *st);

/* The same figures as text for a terminal, appended to out (a held-back
 * count as "x", with a line saying so).  KR_ENOMEM when memory runs out. */
enum kr_status kr_stats_text(const struct kr_stats *st, enum kr_lang lang, struct kr_buf *out);

#endif
