/*
 * diff_int.h - the ways diff.c says a value and a change in words, and
 * records a change, that other libkring files share when they describe
 * changes of their own (the family plan's history, family_plan_history.c),
 * so a text, a date, a list that changed or a value that was cleared reads
 * the same in every history.
 */
#ifndef KRING_DIFF_INT_H
#define KRING_DIFF_INT_H

#include <stdbool.h>

#include <jansson.h>

#include "kring/buf.h"
#include "kring/diff.h"
#include "kring/lang.h"

/* Appends text s quoted (‘…’) and shortened to the length a sentence
 * quotes; a longer text ends in an ellipsis. */
void kri_diff_quoted(struct kr_buf *b, const char *s);

/* Appends date s (YYYY-MM-DD, YYYY-MM, YYYY) in words in lang L ("14
 * september 2026"); a text that is no date as it is; nothing for NULL. */
void kri_diff_date_words(struct kr_buf *b, const char *s, enum kr_lang L);

/* True when text v (json_t *) is longer than a sentence quotes. */
bool kri_diff_long_text(const void *v);

/* Appends value v that no kind says in words: "ja"/"nee", a number, a text
 * quoted, anything else as its JSON quoted. */
void kri_diff_scalar_words(struct kr_buf *b, json_t *v, enum kr_lang L);

/* Says value (or list element) v in words into b; old: v is of the
 * revision before (else of the one after); arg is the caller's. */
typedef void kri_diff_say(struct kr_buf *b, json_t *v, bool old, void *arg, enum kr_lang L);

/* A list field's change (ov, nv arrays or NULL): "wie: Joke erbij, Sam
 * eraf" ("who: added Joke, removed Sam"), or "andere volgorde" when only the
 * order changed; each element said by say. */
void kri_diff_list_change(struct kr_buf *b, const char *label, json_t *ov, json_t *nv,
                          kri_diff_say *say, void *arg, enum kr_lang L);

/* A value's change (either NULL when absent): the new value, "gewist (was
 * X)", "aangepast" for two texts of which one is long (texts: the value is
 * a text that may be), or "X → Y"; each value said by say. */
void kri_diff_value_change(struct kr_buf *b, json_t *ov, json_t *nv, bool texts,
                           kri_diff_say *say, void *arg, enum kr_lang L);

/* True when array arr holds a value equal to v. */
bool kri_diff_in_list(json_t *arr, json_t *v);

/* v, or NULL for NULL and JSON null (an absent value). */
json_t *kri_diff_present(json_t *v);

/* Records field name's change from ov to nv (either NULL) in ch, holding a
 * reference to each.  False when out of memory. */
bool kri_diff_add_field(struct kr_change *ch, const char *name, json_t *ov, json_t *nv);

/* Adds to ch every field of o and n (either may be NULL) that differs,
 * nested objects field by field with dotted names ("worker.account"); a
 * top-level key for which skip (may be NULL) says true is left out.  False
 * when memory ran out (what fitted is kept). */
bool kri_diff_fields(struct kr_change *ch, json_t *o, json_t *n,
                     bool (*skip)(const char *key, const void *arg), const void *arg);

/* A new change of item (may be NULL) in collection (static) at the end of
 * d, zeroed but for op, collection and item; NULL (and *nomem set) when out
 * of memory, *nomem also set when the item's copy failed. */
struct kr_change *kri_diff_new_change(struct kr_diff *d, const char *collection,
                                      enum kr_change_op op, const char *item, bool *nomem);

#endif
