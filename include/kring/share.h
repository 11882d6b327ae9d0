/*
 * share.h - share links (regie bij de familie): a link gives its holder one
 * person's view of one case, until it expires (at most share_max_s, auth.h)
 * or is revoked.  The link's token is made and stored like a session token
 * (random 256 bits; only a keyed hash is kept, with another key than
 * sessions, so one can never pass for the other) and shown once.  Revoked
 * and expired links stay listed, so the family and the worker can see what
 * was shared.  What the holder may see and do is the server's part.
 *
 * Functions that write take part in the open transaction (see auth.h).
 */
#ifndef KRING_SHARE_H
#define KRING_SHARE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/account.h"
#include "kring/auth.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/store.h"

struct kr_share {
	long long id;
	char ref[128];
	char person[128];     /* the person id within the case */
	char created_by[KR_ACCOUNT_NAME_MAX + 1];
	time_t created;
	time_t expires;
	time_t revoked;       /* 0 while not revoked */
};

/* Creates a share link for person `person` of case ref, valid from now
 * until `expires`, made by user `by`, who must be allowed to share the case
 * (access.h; else KR_EPERM, also for a case that does not exist).
 * KR_ENOTFOUND when the case's latest revision has no such person; KR_EINVAL
 * when expires is not after now or beyond share_max_s, or when the person
 * died or is no longer involved (a link is bound to its person and case for
 * good: see share.c).  token receives the
 * link's secret (shown once; "" on failure); *id_out (may be NULL) its id. */
enum kr_status kr_share_create(struct kr_store *s, const struct kr_user *by, const char *ref,
                               const char *person, time_t expires, time_t now,
                               char token[KR_AUTH_TOKEN_CHARS + 1], long long *id_out,
                               struct kr_error *err);

/* True when a link can be made for person i of case c at time now: the
 * person is alive and still involved that day (the rule kr_share_create
 * applies; the worker's screen offers a link only for such a person). */
bool kr_share_may_link(const struct kr_case *c, size_t i, time_t now);

/* Checks a share token at time now: on KR_OK *out says which case and
 * person it opens.  KR_EPERM when the token is malformed, unknown, expired
 * or revoked, when its case is not the case it was made for (destroyed and
 * made again), or when its person was removed from the case, died, is no
 * longer involved or their id now stands for somebody else; *out is then
 * zeroed. */
enum kr_status kr_share_verify(struct kr_store *s, const char *token, time_t now,
                               struct kr_share *out, struct kr_error *err);

/* Revokes share link id at time now, by user `by` (who must be allowed to
 * share its case, else KR_EPERM).  KR_ENOTFOUND when there is no such link;
 * KR_OK when it was revoked already. */
enum kr_status kr_share_revoke(struct kr_store *s, const struct kr_user *by, long long id,
                               time_t now, struct kr_error *err);

/* The share links of case ref, newest first (revoked and expired ones
 * included).  *out is a malloc'd array of *n links the caller frees with
 * free() (NULL when none, and on failure). */
enum kr_status kr_share_list(struct kr_store *s, const char *ref, struct kr_share **out,
                             size_t *n, struct kr_error *err);

#endif
