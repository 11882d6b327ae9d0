/*
 * diff.h - what changed between two revisions of a case, field by field,
 * in words a worker reads ("Oma Truus toegevoegd", "afspraak a3 afgerond",
 * "band tussen Ilse en Marga: goed → conflict", "plaatsing pl2: einde 14
 * september 2026, reden breakdown") in Dutch and English, and in a
 * structured form for tools (collection, item, field, old value, new value).
 *
 * The store keeps every revision whole (store.h), so a change is never
 * recorded separately: it is the difference between a revision and the one
 * before, computed here.  Items are matched by id (persons, placements,
 * meetings, wishes, goals, agreements), ties by their two persons, kinship
 * by its persons, events by type and date; the case header, the plan and
 * its safety map are single objects.  Dates are said with words.h, labels
 * come from kr_enum_label(), persons by name.  Output is deterministic: the
 * order of the collections of docs/case-edit.md, within one the order of
 * the newer document, removed items last in the order of the older one.
 *
 * The history of a case (kr_diff_history) is every revision with who made
 * it - a user name, or for a change made through a share link the family
 * member's name (kr_diff_author) - and its changes against the one before:
 * GET /api/cases/{ref}/history and `kring history REF --changes`.
 */
#ifndef KRING_DIFF_H
#define KRING_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/store.h"

enum kr_change_op { KR_CHANGE_ADDED, KR_CHANGE_REMOVED, KR_CHANGE_CHANGED };

/* One field of an item that changed.  field is the key in the item, dotted
 * for a nested object ("network_search.outcome", "perspective_decision.date");
 * old_value and new_value are jansson json_t * (owned by the change; NULL
 * when the field was or is absent). */
struct kr_field_change {
	char *field;
	void *old_value, *new_value;
};

/* One item that changed.  collection is static: "case", "persons",
 * "kinship", "ties", "placements", "events", "meetings", "plan",
 * "safety_map", "wishes", "goals", "agreements" (the item API's names).
 * item is the item's id, or for kinship, ties and events its 0-based index
 * (in the newer document; for a removed item in the older one), NULL for
 * the single objects.  An added item has new_value (the item, json_t *),
 * a removed one old_value; a changed one its fields.  text is the change
 * in words: text[KR_LANG_NL], text[KR_LANG_EN]. */
struct kr_change {
	enum kr_change_op op;
	const char *collection;
	char *item;
	struct kr_field_change *fields;
	size_t nfields;
	void *old_value, *new_value;
	char *text[2];
};

/* The changes from one revision to the next.  created: there was no
 * revision before (one change: "dossier aangemaakt"). */
struct kr_diff {
	struct kr_change *v;
	size_t n;
	bool created;
};

/* kr_diff_cases: the changes from case before (NULL: none, the case was
 * created) to case after, into *out (zeroed first; free it with
 * kr_diff_cleanup()).  Both cases are borrowed and only read.  Two equal
 * documents give no changes.  Fails only with KR_ENOMEM (*out is then
 * empty).  Time: linear in the size of the documents, plus the square of
 * the number of events of one type and date (a handful). */
enum kr_status kr_diff_cases(const struct kr_case *before, const struct kr_case *after,
                             struct kr_diff *out, struct kr_error *err);

/* Frees the changes of d and empties it.  Accepts NULL. */
void kr_diff_cleanup(struct kr_diff *d);

/* The changes as a jansson array (json_t *, a new reference; NULL out of
 * memory): [{"op": "added|removed|changed", "collection", "item" (or
 * null), "text": {"nl", "en"}, "fields": [{"field", "old", "new"}],
 * "old", "new"}] - "old"/"new" the whole item for a removed/added one,
 * else null. */
void *kr_diff_json(const struct kr_diff *d);

/* The changes as text, one line per change in lang, each line starting
 * with prefix (may be NULL), appended to out.  Returns the buffer's
 * status. */
enum kr_status kr_diff_text(const struct kr_diff *d, enum kr_lang lang, const char *prefix,
                            struct kr_buf *out);

/* Who made a revision, as people read it: the author itself for a user,
 * "<name> (link)" for "share:<person id>" with the person's name in case c
 * (its id when c lacks the person; c may be NULL).  Writes into buf (n
 * bytes) and returns buf. */
char *kr_diff_author(const struct kr_case *c, const char *author, char *buf, size_t n);

/* One revision of a case in its history. */
struct kr_revision_changes {
	struct kr_revision_info info;  /* rev, author, created, bytes */
	char who[192];                 /* kr_diff_author() of the revision */
	char person[128];              /* a share-link change: the person's id; else "" */
	struct kr_diff diff;           /* against the revision before */
};

/* kr_diff_history: the revisions of case ref after revision `after` (0:
 * all), oldest first, each with who made it and what changed against the
 * revision before.  *out is a malloc'd array of *n entries, freed with
 * kr_diff_history_free().  Reads and parses every revision from `after`
 * on.  KR_ENOTFOUND when there is no such case; KR_EDB, KR_ENOMEM; on
 * failure *out is NULL and *n 0. */
enum kr_status kr_diff_history(struct kr_store *s, const char *ref, long after,
                               struct kr_revision_changes **out, size_t *n,
                               struct kr_error *err);

/* Frees what kr_diff_history() returned.  Accepts NULL. */
void kr_diff_history_free(struct kr_revision_changes *v, size_t n);

/* The history as the jansson array GET /api/cases/{ref}/history answers
 * (json_t *, a new reference; NULL out of memory): [{"revision", "author",
 * "at", "bytes", "who", "person" (a share link's person id, or null),
 * "changes": kr_diff_json()}]. */
void *kr_diff_history_json(const struct kr_revision_changes *v, size_t n);

#endif
