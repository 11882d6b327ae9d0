/*
 * diff_int.h - the ways diff.c says a value in words that other libkring
 * files share when they describe changes of their own (the family plan's
 * history, family_plan_history.c), so a text or a date reads the same in
 * every history.
 */
#ifndef KRING_DIFF_INT_H
#define KRING_DIFF_INT_H

#include <stdbool.h>

#include "kring/buf.h"
#include "kring/lang.h"

/* Appends text s quoted (‘…’) and shortened to the length a sentence
 * quotes; a longer text ends in an ellipsis. */
void kri_diff_quoted(struct kr_buf *b, const char *s);

/* Appends date s (YYYY-MM-DD, YYYY-MM, YYYY) in words in lang L ("14
 * september 2026"); a text that is no date as it is; nothing for NULL. */
void kri_diff_date_words(struct kr_buf *b, const char *s, enum kr_lang L);

/* True when text v (json_t *) is longer than a sentence quotes. */
bool kri_diff_long_text(const void *v);

#endif
