/*
 * inbox.h - what the family added through share links since a worker last
 * looked: per case, the wishes a link holder wrote and the agreements a
 * holder marked done, newest revisions last.
 *
 * Nothing is recorded for this: a holder's change is a revision authored
 * "share:<person id>" (docs/api.md), so the inbox is the changes of those
 * revisions (diff.h) after the revision the worker saw last.  What each
 * worker has seen is kept per user and case in the table inbox_seen
 * (lib/sql/003_share_scopes.sql); a worker who never marked a case seen
 * sees everything the family ever added.
 */
#ifndef KRING_INBOX_H
#define KRING_INBOX_H

#include <stddef.h>

#include "kring/account.h"
#include "kring/error.h"
#include "kring/store.h"

enum kr_inbox_kind { KR_INBOX_WISH, KR_INBOX_DONE };

struct kr_inbox_item {
	long rev;                  /* the revision that brought it */
	char at[21];               /* its time, ISO 8601 UTC */
	char person[128];          /* the link holder's person id */
	char who[192];             /* "Ilse (link)" (kr_diff_author) */
	enum kr_inbox_kind kind;
	char id[72];               /* the wish's or agreement's id */
	char *text;                /* the wish, or what the agreement was; malloc'd */
};

/* kr_inbox_case: what link holders added to case ref after the revision
 * user u last marked seen: *out is a malloc'd array of *n items, oldest
 * first, freed with kr_inbox_free() (NULL and 0 when there is nothing);
 * *head (may be NULL) the case's latest revision.  Reads only the
 * revisions authored by a link and the ones before them.  The caller
 * decides whether u may read the case.  KR_ENOTFOUND (no such case),
 * KR_EDB, KR_ENOMEM. */
enum kr_status kr_inbox_case(struct kr_store *s, const struct kr_user *u, const char *ref,
                             struct kr_inbox_item **out, size_t *n, long *head,
                             struct kr_error *err);

/* Frees what kr_inbox_case() returned.  Accepts NULL. */
void kr_inbox_free(struct kr_inbox_item *v, size_t n);

/* How many items kr_inbox_case() would return. */
enum kr_status kr_inbox_count(struct kr_store *s, const struct kr_user *u, const char *ref,
                              size_t *n, struct kr_error *err);

/* Marks case ref seen by user u up to revision rev (0: the latest); a mark
 * never goes back (an older rev than the stored one is kept as it was).
 * Takes part in the open transaction.  KR_ENOTFOUND for no such case or a
 * revision past the latest, KR_EDB. */
enum kr_status kr_inbox_seen(struct kr_store *s, const struct kr_user *u, const char *ref,
                             long rev, struct kr_error *err);

/* The items as a jansson array (json_t *, new reference; NULL out of
 * memory): [{"revision", "at", "person": {"id", "who"}, "kind": "wish" |
 * "done", "id", "text"}]. */
void *kr_inbox_json(const struct kr_inbox_item *v, size_t n);

#endif
