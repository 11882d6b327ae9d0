/*
 * signals.h - the signals engine: findings about one case on a given date
 * that a worker should look at (docs/signals.md, contract kring-signals/1).
 *
 * Each rule of the catalogue is evaluated against the case as it is on the
 * as-of date, with the organisation's thresholds (settings.h), the child's
 * path through care (path.h) and, for the rules that compare with the past,
 * the earlier recorded states of the case (history.h).  A signal says why it
 * fired, with the data (names, dates in words, counts), in Dutch and
 * English, and what could help, fitted to the child's age.  A rule that
 * lacks data it needs fires `data-missing` naming what is missing instead
 * of guessing.  The result is deterministic for a given case, history, date
 * and settings.
 */
#ifndef KRING_SIGNALS_H
#define KRING_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/history.h"
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
	const char *title[2];    /* static: the rule's short name ("Geen vertrouwensfiguur") */
	const char *source;      /* static: the document and section it rests on */
	const char *rule;        /* data-missing only: the rule that lacked data */
	char *field;             /* data-missing only: the path of what is missing */
	void *details;           /* the data behind it as a jansson object (json_t *),
	                            owned, or NULL: dates ISO, counts, ids */
	unsigned seq;            /* emission order, for a stable sort */
};

struct kr_signal_list {
	struct kr_signal *v;
	size_t n, cap;
};

/* The ids of the catalogue, in catalogue order; *n receives the count.
 * Static. */
const char *const *kr_signals_catalogue(size_t *n);

/* The short name of rule `id` in lang ("Geen vertrouwensfiguur"), and the
 * document and section it rests on.  Static; NULL for an unknown id. */
const char *kr_signals_title(const char *id, enum kr_lang lang);
const char *kr_signals_source(const char *id);

/* Computes every signal of case c on day as_of (a day number) with the
 * thresholds s (NULL: the defaults), most severe first, then in catalogue
 * order.  h holds the earlier recorded states of the case; the rules that
 * compare with them say data-missing when h has none old enough, and are
 * skipped when h is NULL (a caller with a document but no store).  When h
 * was opened from the store for c (kr_history_open), c is judged with the
 * meetings of the family plans it is in (family_plan.h, kr_case_judged).
 * out must be zeroed (or cleaned up) before; the caller frees it with
 * kr_signal_list_cleanup().  KR_ENOMEM; KR_EDB when the family plans
 * cannot be read. */
enum kr_status kr_signals_compute(const struct kr_case *c, struct kr_history *h, long as_of,
                                  const struct kr_settings *s, struct kr_signal_list *out,
                                  struct kr_error *err);

/* Frees the signals and zeroes the list.  Accepts NULL. */
void kr_signal_list_cleanup(struct kr_signal_list *l);

/* "info", "warning", "alert" (static). */
const char *kr_level_name(enum kr_level level);

/* The list as the JSON array of signals.md: [{"id", "level", "subjects",
 * "message": {"nl", "en"}, "advice": {"nl", "en"}, "source", "title":
 * {"nl", "en"}, "details": {...}}], plus "rule" and "field" on
 * data-missing.  Returns a malloc'd string (pretty: indented, with a final
 * newline), or NULL when out of memory. */
char *kr_signals_to_json(const struct kr_signal_list *l, bool pretty);

/* The same list as a jansson array (json_t *, a new reference), for front
 * doors that embed it in a larger answer.  NULL when out of memory. */
void *kr_signals_json(const struct kr_signal_list *l);

/* The list as text for a terminal in one language, appended to out. */
enum kr_status kr_signals_to_text(const struct kr_signal_list *l, enum kr_lang lang,
                                  struct kr_buf *out);

#endif
