/*
 * retention.h - how long a case is kept, and destroying it by law.
 *
 * Dutch youth care files are kept 20 years after care ended (Jeugdwet
 * art. 7.3.10), longer after a child protection measure, and then
 * destroyed; parents and young people of 12 and older may ask for earlier
 * destruction.  The rule of a case (docs/case-format.md, "Retention"): care
 * ended on case.closed when the document has it, else on the end of its
 * last placement (while a placement is open, or there is none, care has
 * not ended); the case is kept `retention.years` years after that (setting,
 * default 20), or `retention.measure_years` (default 30) when case.measure
 * names a child protection measure or a person has the role `guardian`.
 *
 * Destruction is the one path by which anything of a case leaves the
 * database: every revision, share link, assignment, person record, pending
 * erase request and every other row that names the case (any table with a
 * case_id or case_ref column, so tables added later are covered too) go in
 * one transaction, with secure_delete on, leaving in the audit trail only a
 * tombstone (the case ref, a hash of its last document, who, when, the
 * legal ground); then the file is checkpointed and vacuumed so the freed
 * pages and the write-ahead log hold nothing of it.  Audit rows written
 * before stay (the trail is a chain; they hold no names).
 *
 * Early erasure takes two admins (four eyes): one asks (the request is
 * stored), another confirms, and only then is the case destroyed; a request
 * can be withdrawn until then.
 */
#ifndef KRING_RETENTION_H
#define KRING_RETENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/settings.h"
#include "kring/store.h"

/* The retention rule of one case. */
struct kr_retention {
	char ref[128];
	long ended;        /* day care ended (day number), -1: not ended */
	bool measure;      /* after a child protection measure */
	int years;         /* years kept after care ended */
	long due;          /* first day it must be destroyed, -1: not yet known */
};

/* The rule of case c with the periods of set (NULL: the defaults) into
 * *out.  Never fails. */
void kr_retention_of(const struct kr_case *c, const struct kr_settings *set,
                     struct kr_retention *out);

/* The rules of every case, ordered by ref; with due_only, only the cases
 * due on day `today` (due <= today).  *out is a malloc'd array of *n rules
 * the caller frees (NULL when none).  Fails with the store's errors. */
enum kr_status kr_retention_list(struct kr_store *s, const struct kr_settings *set, long today,
                                 bool due_only, struct kr_retention **out, size_t *n,
                                 struct kr_error *err);

/* Destroys case ref (see above) at time now, by `who` (the actor of the
 * tombstone), on legal ground `ground` (1 to 200 characters, no names:
 * it is kept in the audit trail).  Must not run inside a transaction
 * (KR_EUSAGE).  KR_ENOTFOUND when there is no such case; KR_EDB when the
 * database refuses (nothing is destroyed then).  When the destruction
 * committed but the file could not be compacted afterwards (another
 * connection holds a read lock past the busy timeout), KR_OK is returned
 * with *compacted false (compacted may be NULL): run kr_retention_compact()
 * again when the file is quiet. */
enum kr_status kr_retention_destroy(struct kr_store *s, const char *ref, const char *who,
                                    const char *ground, time_t now, bool *compacted,
                                    struct kr_error *err);

/* Moves everything in the write-ahead log into the file, empties the log
 * and rebuilds the file (VACUUM), so freed pages keep nothing.  KR_EDB
 * (KR_EBUSY-like: "the database is in use") when another connection keeps
 * it from finishing. */
enum kr_status kr_retention_compact(struct kr_store *s, struct kr_error *err);

/* One request to erase a case early. */
struct kr_erase_request {
	long long id;
	char ref[128];
	char reason[201];
	char requested_by[65];
	time_t requested;
	bool open;           /* false: withdrawn */
	char decided_by[65]; /* who withdrew it */
};

/* Stores a request by admin `admin` (an enabled admin account; the caller
 * has checked who it is, e.g. by password) to erase case ref on `reason`
 * (1 to 200 characters, no names).  *id_out is its number.  KR_ENOTFOUND
 * no such case; KR_EPERM not an enabled admin; KR_ECONFLICT an open
 * request for the case exists already; KR_EINVAL bad reason. */
enum kr_status kr_erase_request(struct kr_store *s, const char *ref, const char *admin,
                                const char *reason, time_t now, long long *id_out,
                                struct kr_error *err);

/* Confirms request id by admin `admin`, who must be an enabled admin other
 * than the one who asked (four eyes; else KR_EPERM), and destroys the case
 * as kr_retention_destroy() does, with the request's reason as the legal
 * ground.  KR_ENOTFOUND no such open request. */
enum kr_status kr_erase_confirm(struct kr_store *s, long long id, const char *admin, time_t now,
                                bool *compacted, struct kr_error *err);

/* Withdraws open request id, by admin `admin`.  KR_ENOTFOUND no such open
 * request. */
enum kr_status kr_erase_withdraw(struct kr_store *s, long long id, const char *admin,
                                 time_t now, struct kr_error *err);

/* The open requests, oldest first.  *out is a malloc'd array the caller
 * frees (NULL when none). */
enum kr_status kr_erase_list(struct kr_store *s, struct kr_erase_request **out, size_t *n,
                             struct kr_error *err);

#endif
