/*
 * case_edit.h - one change to a case document, piece by piece: add, replace,
 * merge-patch or remove one person, tie, placement, wish ... or the case
 * header, the plan or its safety map.
 *
 * The HTTP API offers every part of the case model as a sub-resource
 * (/api/cases/{ref}/persons/{id} and so on) and every write there becomes a
 * new revision of the whole stored document.  kr_case_edit() does the work
 * in between: it applies one edit to the document text, validates the
 * complete result with the same validator as `kring import` (kr_case_read),
 * and hands back the new document text, ready for kr_store_put().  Keys
 * kring does not know survive; untouched items keep their key order.
 * The semantics are described in docs/case-edit.md.
 *
 * Collections (the name in struct kr_edit):
 *   with ids        persons, placements, meetings, wishes (plan.wishes),
 *                   goals (plan.goals), agreements (plan.agreements)
 *   by index        kinship, ties, events (id is the 0-based index as text)
 *   one object      case (the header), plan, safety_map (plan.safety_map),
 *                   support (both families' support): replace and merge
 *                   only, id NULL
 */
#ifndef KRING_CASE_EDIT_H
#define KRING_CASE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/case.h"
#include "kring/error.h"

/* The largest body kr_case_edit() accepts (1 MiB). */
#define KR_EDIT_MAX_BODY (1024u * 1024u)

enum kr_edit_op {
	KR_EDIT_ADD,     /* add the item in body to the collection */
	KR_EDIT_REPLACE, /* replace item `id` (or the whole object) by body */
	KR_EDIT_MERGE,   /* RFC 7386 JSON merge patch of item `id` (or the object) with body */
	KR_EDIT_REMOVE   /* remove item `id` */
};

struct kr_edit {
	enum kr_edit_op op;
	const char *collection; /* see above */
	const char *id;         /* item id; for id-less collections the 0-based index as text;
	                           NULL for ADD and for the object collections */
	const char *body;       /* JSON text (ADD, REPLACE, MERGE); NULL for REMOVE */
	size_t body_len;
};

/* kr_case_edit: applies e to the case document doc (kring-case/1 JSON text of
 * doc_len bytes; normally the latest stored revision), validates the complete
 * result with the same validator as `kring import` (kr_case_read), and returns
 * the new document as compact JSON text in *out (malloc'd, NUL-terminated,
 * caller frees; *out_len its length), serialised exactly as the store
 * serialises documents (kr_case_dump, compact).  For ADD, *new_id (may be
 * NULL) receives the id (or index) the item got (malloc'd, caller frees).
 *
 * ADD appends; without an id in the body the item gets the collection's
 * prefix (p, pl, m, w, g, a) and the number after the highest in use.
 * REPLACE keeps the item's id (and case.ref) when the body leaves it out.
 * Removing a person, goal or placement that is still referred to is refused,
 * with one detail per reference; the child of the case cannot be removed.
 *
 * Fails: KR_EUSAGE unknown collection, op not allowed on it, id missing or
 * given where none belongs, body missing; KR_ENOTFOUND no such item (also a
 * non-numeric or out-of-range index); KR_EINVAL body is not JSON / not an
 * object / result invalid, with details as "path: message" in err - paths
 * of the *document* (e.g. `ties[3].b: unknown person "p99"`); a body that
 * is not JSON or not an object is reported at the path "body" (`body: line
 * L, column C: ...`, `body: expected an object, found a list`), so a caller
 * can tell a bad request from a change the case refuses; KR_ETOOBIG body
 * over KR_EDIT_MAX_BODY or document / result over KR_CASE_MAX_BYTES;
 * KR_ENOMEM.  Messages and details are in err's language (Dutch:
 * `ties[3].b: onbekende persoon "p99"`), paths the same in both.
 * doc is never modified; on failure *out (and *new_id) are NULL and
 * *out_len is 0.  Time: well under a millisecond for a 60-person case. */
enum kr_status kr_case_edit(const char *doc, size_t doc_len, const struct kr_edit *e,
                            char **out, size_t *out_len, char **new_id, struct kr_error *err);

/* kr_case_check_change: the rules for a change a person makes through a
 * front door, beyond what the validator checks (docs/case-edit.md "Rules of
 * a change"), on the case after the change and the case before it (NULL for
 * a new case):
 *  - every text within its limit (kr_case_text_limits); a text that was
 *    already there unchanged is left alone, so an old document with a long
 *    note can still be edited elsewhere;
 *  - a meeting's attendance, outcome and minutes are only filled in once
 *    its day has come: a meeting that has any of them, and whose date,
 *    attendance, outcome or minutes the change set or changed, must have a
 *    date whose first day is on or before today (a day number; front doors
 *    pass kr_today()).
 * kr_case_edit() applies these itself (with kr_today()); a front door that
 * stores a whole document (PUT/POST of a case) calls this before storing.
 * kr_case_read() does not, so importing an old file keeps working.
 * KR_EINVAL with one "path: message" detail per problem, in err's language
 * ("plan.wishes[3].text: is 5,000 characters long; at most 2,000 fit
 * here", "meetings[2].attended: the meeting is only on 14 December 2026;
 * ..."); KR_EUSAGE without after.  Borrows both cases. */
enum kr_status kr_case_check_change(const struct kr_case *before, const struct kr_case *after,
                                    long today, struct kr_error *err);

/* kr_case_restore: brings back one item of an item collection (not case,
 * plan or safety_map) that an earlier revision had and the document no
 * longer has: then (then_len bytes) is that earlier revision's text, id the
 * item's id in it (the 0-based index there for kinship, ties, events).
 * The item is added again through kr_case_edit() exactly as it was (its id
 * kept; a removed item never loses its words to a limit that came later),
 * and the whole result is validated: restoring a tie to a person who is gone
 * is refused with the validator's details, so the worker restores the
 * person first.  Results as kr_case_edit() (*new_id: the id, or the new
 * index).  Fails: KR_EUSAGE for an object collection or a missing argument;
 * KR_ENOTFOUND when then has no such item; KR_ECONFLICT when the document
 * has it (again): an item with that id, or for kinship, ties and events one
 * equal to it; KR_EINVAL when the result is invalid; KR_ETOOBIG, KR_ENOMEM.
 * Neither text is changed; on failure *out and *new_id are NULL. */
enum kr_status kr_case_restore(const char *doc, size_t doc_len, const char *then,
                               size_t then_len, const char *collection, const char *id,
                               char **out, size_t *out_len, char **new_id,
                               struct kr_error *err);

/* kr_case_edit_collection_valid: true when name is one of the collections
 * above (NULL is not). */
bool kr_case_edit_collection_valid(const char *name);

#endif
