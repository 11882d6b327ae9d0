/*
 * family_history.h - the history of a foster family of the register in
 * words (lib/family_history.c, `kring family history ID`,
 * docs/foster-families.md): every revision, oldest first, with who stored
 * it and what changed against the revision before.
 */
#ifndef KRING_FAMILY_HISTORY_H
#define KRING_FAMILY_HISTORY_H

#include <stddef.h>

#include "kring/diff.h"
#include "kring/error.h"
#include "kring/store.h"

/* The revisions of foster family id, oldest first, each with its author
 * (who), time and the changes against the revision before in Dutch and
 * English (the first: one change, the family created): collection
 * "family" for the family's own fields (one item, its fields dotted:
 * "availability.status"), "household" for a member (item: the member's
 * id).  *out is a malloc'd array of *n entries, freed with
 * kr_diff_history_free(); kr_diff_history_json() gives the JSON of the
 * case history.  The caller decides who may read it (kr_family_decide).
 * KR_ENOTFOUND when the register has no such family; KR_EDB, KR_ENOMEM;
 * on failure *out is NULL and *n 0. */
enum kr_status kr_family_history(struct kr_store *s, const char *id,
                                 struct kr_revision_changes **out, size_t *n,
                                 struct kr_error *err);

#endif
