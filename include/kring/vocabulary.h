/*
 * vocabulary.h - every word kring shows people, in one JSON document for
 * front doors that are not written in C (the browser reads it from GET
 * /api/meta): the labels of every enumeration (enum.h), the names and
 * sources of the signals (signals.h), the five factors (summary.h) and the
 * settings (settings.h), each in Dutch and English.
 */
#ifndef KRING_VOCABULARY_H
#define KRING_VOCABULARY_H

/* The vocabulary as a jansson object (json_t *, a new reference):
 * {"enums": {"world": {"foster": {"nl": "pleeggezin", "en": "foster
 * family"}, ...}, ...}, "signals": {"no-trust-figure": {"title": {"nl",
 * "en"}, "source": "..."}, ...}, "factors": {"heard": {"nl", "en"}, ...},
 * "settings": {"plan.review_months": {"default", "min", "max", "unit",
 * "nl", "en"}, ...}}.  Values keep the order of their enumeration.  NULL
 * when out of memory. */
void *kr_vocabulary_json(void);

#endif
