/*
 * signals.h - the signals engine: findings about one case on a given date
 * that a worker should look at (docs/signals.md, contract kring-signals/1).
 *
 * Each rule of the catalogue is evaluated against the case as it is on the
 * as-of date, with the organisation's thresholds (settings.h).  A signal
 * says why it fired, with the data (names, dates, counts), in Dutch and
 * English, and what could help.  A rule that lacks data it needs fires
 * `data-missing` naming the rule and the field instead of guessing.  The
 * result is deterministic for a given case, date and settings.
 */
#ifndef KRING_SIGNALS_H
#define KRING_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/settings.h"

enum kr_level { KR_LEVEL_INFO, KR_LEVEL_WARNING, KR_LEVEL_ALERT };

struct kr_signal {
	const char *id;          /* static: "no-trust-figure" */
	enum kr_level level;
	char **subjects;         /* ids of persons or items, owned */
	size_t nsubjects;
	char *message[2];        /* [KR_LANG_NL], [KR_LANG_EN], owned */
	char *advice[2];
	const char *source;      /* static: the seed document it rests on */
	const char *rule;        /* data-missing only: the rule that lacked data */
	char *field;             /* data-missing only: the missing field's path */
	unsigned seq;            /* emission order, for a stable sort */
};

struct kr_signal_list {
	struct kr_signal *v;
	size_t n, cap;
};

/* The ids of the catalogue, in catalogue order; *n receives the count.
 * Static. */
const char *const *kr_signals_catalogue(size_t *n);

/* Computes every signal of case c on day as_of (a day number) with the
 * thresholds s (NULL: the defaults), most severe first, then in catalogue
 * order.  out must be zeroed (or cleaned up) before; the caller frees it
 * with kr_signal_list_cleanup().  Fails only with KR_ENOMEM. */
enum kr_status kr_signals_compute(const struct kr_case *c, long as_of,
                                  const struct kr_settings *s, struct kr_signal_list *out,
                                  struct kr_error *err);

/* Frees the signals and zeroes the list.  Accepts NULL. */
void kr_signal_list_cleanup(struct kr_signal_list *l);

/* "info", "warning", "alert" (static). */
const char *kr_level_name(enum kr_level level);

/* The list as the JSON array of signals.md: [{"id", "level", "subjects",
 * "message": {"nl", "en"}, "advice": {"nl", "en"}, "source"}], plus "rule"
 * and "field" on data-missing.  Returns a malloc'd string (pretty: indented,
 * with a final newline), or NULL when out of memory. */
char *kr_signals_to_json(const struct kr_signal_list *l, bool pretty);

/* The list as text for a terminal in one language, appended to out. */
enum kr_status kr_signals_to_text(const struct kr_signal_list *l, enum kr_lang lang,
                                  struct kr_buf *out);

#endif
