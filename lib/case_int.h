/*
 * case_int.h - what the case model keeps privately: the JSON document the
 * view was built from, and the arena that holds the view's arrays.
 */
#ifndef KRING_CASE_INT_H
#define KRING_CASE_INT_H

#include <stddef.h>
#include <jansson.h>

#include "kring/buf.h"
#include "kring/case.h"

/* A bump allocator: many small allocations freed together. */
struct kri_arena_block;
struct kri_arena {
	struct kri_arena_block *head;
};

/* Returns zeroed memory of n bytes that lives until kri_arena_free(), or
 * NULL when out of memory.  n == 0 returns NULL. */
void *kri_arena_alloc(struct kri_arena *a, size_t n);
void kri_arena_free(struct kri_arena *a);

struct kri_case_priv {
	json_t *doc;            /* owned reference */
	json_t *person_ids;     /* object: person id -> index */
	struct kri_arena arena;
};

/* How a JSON value is called in messages in lang: "an object", "a list",
 * "text", "a number", "true/false", "null", or "nothing" for NULL ("een
 * object", "een lijst", "tekst", "een getal", "true of false", "null",
 * "niets"). */
const char *kri_json_kind(const json_t *v, enum kr_lang lang);

/* Parses the JSON document text[0..len) (a UTF-8 byte-order mark, as some
 * Windows tools write, is skipped; duplicate keys are refused) into *doc,
 * a new reference the caller owns.  Fails with KR_ETOOBIG when len is over
 * max (before anything is parsed), KR_EINVAL ("het document is geen
 * geldige JSON", with the line and column in err's details) or KR_ENOMEM.
 * The readers of a case, a foster family and a family plan share it. */
enum kr_status kri_json_document(const char *text, size_t len, size_t max, json_t **doc,
                                 struct kr_error *err);

/* The case model in its compact binary form (case_pack.c): every field of
 * c appended to b.  KR_OK, or b's failure (KR_ENOMEM, KR_ETOOBIG). */
enum kr_status kri_case_pack(const struct kr_case *c, struct kr_buf *b);

/* A case rebuilt from what kri_case_pack wrote (data[0..len)), into *out,
 * which the caller frees with kr_case_free().  The case has no JSON
 * document (kr_case_doc() is NULL, kr_case_dump() NULL): it serves the
 * rules, not an export.  KR_EINVAL when the bytes are not such a form
 * (another version, damage: every count and index is checked), KR_ENOMEM. */
enum kr_status kri_case_unpack(const void *data, size_t len, struct kr_case **out);

#endif
