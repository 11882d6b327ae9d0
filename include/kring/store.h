/*
 * store.h - the case store: an embedded SQLite database holding every
 * revision of every case, append-only, with author and time.
 *
 * The unit of storage is the validated case document: each change writes a
 * new revision (revision numbers count 1, 2, 3 per case); nothing is updated
 * or deleted, so any earlier state can be read back, exported or compared,
 * until the case is destroyed by the one path the law asks for (retention.h).
 * Revisions are stored compressed; what comes back is byte for byte what
 * was stored.
 * The database runs in WAL mode with synchronous=FULL (an acknowledged commit
 * survives a crash), foreign keys on, defensive mode and trusted_schema off.
 * The schema is versioned with PRAGMA user_version and migrated forward on
 * open (lib/sql/NNN_*.sql).
 *
 * A struct kr_store is one connection; use it from one thread at a time.
 */
#ifndef KRING_STORE_H
#define KRING_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/case.h"
#include "kring/error.h"

struct kr_store;

/* Opens (creating when missing) the database at path and migrates it to the
 * current schema.  *out is a new store, closed with kr_store_close().  Fails
 * with KR_EDB (unreadable file, not a kring database, newer schema than this
 * program knows). */
enum kr_status kr_store_open(const char *path, struct kr_store **out, struct kr_error *err);

/* True when the store was opened read-only: kr_store_open() opens a file
 * this process may not write (or in whose folder it may not write) without
 * write access rather than failing; every write then fails with KR_EDB, and
 * so does the audit row a read of a case needs, so the front doors refuse
 * such reads (fail closed, docs/security.md). */
bool kr_store_read_only(const struct kr_store *s);

/* Closes the store.  Accepts NULL. */
void kr_store_close(struct kr_store *s);

/* The schema version this program writes. */
int kr_store_schema_version(void);

/* Fixes the clock used for revision times (seconds since the epoch); 0
 * returns to the real clock.  For tests and for bringing in a case with its
 * history (`kring import --recorded-at`).  kr_store_put() refuses a fixed
 * time that lies after the library's clock (kr_now()): nothing is recorded
 * in the future. */
void kr_store_set_now(struct kr_store *s, time_t now);

/* Reads a recorded time as the front doors take it (`--recorded-at`,
 * `?recorded_at=`): "YYYY-MM-DDTHH:MM:SSZ" (UTC, to the second), or a day
 * "YYYY-MM-DD", meaning the end of that UTC day (23:59:59).  True and *out
 * (seconds since the epoch) for a real time from 1970 on; false otherwise. */
bool kr_store_time_parse(const char *text, time_t *out);

/* Groups several changes in one transaction.  kr_store_put() outside such a
 * group runs in its own transaction.  kr_store_end(s, false) rolls back. */
enum kr_status kr_store_begin(struct kr_store *s, struct kr_error *err);
enum kr_status kr_store_end(struct kr_store *s, bool commit, struct kr_error *err);

/* For a program that keeps many stores open at once (the server: one per
 * thread; the command line: one per worker of a bulk walk), three knobs of SQLite that the library keeps to itself:
 *  - kr_store_connections_per_thread(): every store is used by one thread
 *    at a time, so SQLite may drop its per-connection mutexes and its
 *    process-wide memory statistics (a mutex around every allocation).
 *    Call it before the first kr_store_open(), and before a second thread
 *    exists; calling it again is harmless; KR_EUSAGE when SQLite has
 *    started already.  The command line calls it too: its bulk walks read
 *    through one connection per thread (facts.c), and with the statistics
 *    on, two threads spent a third of their time on that mutex.
 *  - kr_store_autocheckpoint(s, false): commits on s no longer copy the
 *    write-ahead log into the database (on by default); the program then
 *    calls kr_store_checkpoint() itself, e.g. from one background thread.
 *  - kr_store_checkpoint(): a passive checkpoint (never waits for readers
 *    or writers).  KR_EDB when SQLite fails. */
enum kr_status kr_store_connections_per_thread(struct kr_error *err);
void kr_store_autocheckpoint(struct kr_store *s, bool on);
enum kr_status kr_store_checkpoint(struct kr_store *s, struct kr_error *err);

/* Stores case c as the next revision of its case.ref (creating the case at
 * revision 1), recorded now (or at the time fixed with kr_store_set_now(),
 * which may not lie in the future nor before the case's latest revision:
 * KR_EINVAL).  author names who made the change (required, non-empty).
 * expect_rev, when > 0, is the revision the change was based on: if the case
 * has moved on since, nothing is stored and KR_ECONFLICT is returned with
 * *rev_out set to the current revision (optimistic concurrency).  Pass 0 to
 * append unconditionally, -1 to require that the case does not exist yet.
 * Person ids are never used again (docs/security.md): KR_EINVAL, with one
 * "persons[N].id: ..." detail each, when c gives the id of a person removed
 * from the case to anyone else (another name or date of birth).  The text
 * stored is c's document with every id the case had and no longer has
 * added to its retired_person_ids when missing there.
 * On success *rev_out (rev_out may be NULL) is the new revision number. */
enum kr_status kr_store_put(struct kr_store *s, const struct kr_case *c, const char *author,
                            long expect_rev, long *rev_out, struct kr_error *err);

/* Reads revision rev of case ref (0 = the latest).  *out is a new case the
 * caller frees with kr_case_free().  KR_ENOTFOUND names what is missing. */
enum kr_status kr_store_get(struct kr_store *s, const char *ref, long rev,
                            struct kr_case **out, struct kr_error *err);

/* Reads the stored text of revision rev of case ref (0 = the latest), as
 * it was stored (compact JSON, valid by construction): *text is a malloc'd
 * NUL-terminated copy of *len bytes the caller frees, *rev_out (may be NULL)
 * the revision number.  For callers that pass the document on unchanged
 * (export, the server's GET) and need not parse it.  KR_ENOTFOUND names
 * what is missing; on failure *text is NULL. */
enum kr_status kr_store_get_text(struct kr_store *s, const char *ref, long rev, char **text,
                                 size_t *len, long *rev_out, struct kr_error *err);

/* The latest revision number of case ref in *rev_out (0 and KR_ENOTFOUND
 * when there is no such case). */
enum kr_status kr_store_head(struct kr_store *s, const char *ref, long *rev_out,
                             struct kr_error *err);

/* The revision number that was current at the end of UTC day `day` (a day
 * number, see date.h): the latest revision created on or before that day.
 * KR_ENOTFOUND when the case did not exist yet. */
enum kr_status kr_store_revision_at(struct kr_store *s, const char *ref, long day,
                                    long *rev_out, struct kr_error *err);

/* The revision number that was current at time t (seconds since the epoch):
 * the latest revision recorded at or before t.  KR_ENOTFOUND, with a
 * message that says so, when the case did not exist yet at t or not at
 * all. */
enum kr_status kr_store_revision_recorded(struct kr_store *s, const char *ref, time_t t,
                                          long *rev_out, struct kr_error *err);

struct kr_revision_info {
	long rev;
	char author[128];
	char created[21];      /* ISO 8601 UTC, "2026-11-23T09:30:00Z" */
	size_t bytes;          /* size of the stored document */
};

/* The revisions of case ref, oldest first.  *out is a malloc'd array of *n
 * entries the caller frees with free(). */
enum kr_status kr_store_history(struct kr_store *s, const char *ref,
                                struct kr_revision_info **out, size_t *n,
                                struct kr_error *err);

struct kr_case_info {
	char ref[128];
	long head;             /* latest revision */
	char child[128];       /* the child's name (or id) in the latest revision */
	char opened[11];
	char updated[21];      /* time of the latest revision */
	size_t npersons;
};

/* All cases, ordered by ref.  *out is a malloc'd array the caller frees. */
enum kr_status kr_store_list(struct kr_store *s, struct kr_case_info **out, size_t *n,
                             struct kr_error *err);

/* Calls fn for the latest revision of every case, ordered by ref, with a
 * case that is freed after the call.  fn returns 0 to go on, non-zero to stop
 * (which kr_store_each returns as KR_OK).  Cases that fail to load are
 * reported through err and stop the walk. */
enum kr_status kr_store_each(struct kr_store *s,
                             int (*fn)(const struct kr_case *c, long rev, void *arg),
                             void *arg, struct kr_error *err);

/* The next free case ref of a year: "<prefix>-<year>-NNNN", one more than
 * the highest number of that prefix and year in the store (four digits at
 * least: PZ-2026-0107; the first is PZ-2026-0001).  Refs of another shape
 * do not count.  prefix is 1 to 8 capital letters, year 1000-9999
 * (KR_EUSAGE otherwise).  Writes into out (n bytes; 32 is enough).  Two
 * callers may get the same ref: the second kr_store_put(..., -1, ...) then
 * fails with KR_ECONFLICT and asks again.  KR_EDB. */
enum kr_status kr_store_next_ref(struct kr_store *s, const char *prefix, int year, char *out,
                                 size_t n, struct kr_error *err);

/* The cases whose child (in the latest revision) has this name (compared
 * without regard to the case of ASCII letters) and exactly this birth date
 * (the same precision and value), ordered by ref: *refs is a malloc'd array
 * of *n malloc'd strings, freed with kr_assignment_list_free() (NULL and 0
 * when none).  Without a name or a birth date nothing matches.  Reads the
 * latest revision of each case whose child has the name.  KR_EDB,
 * KR_ENOMEM. */
enum kr_status kr_store_find_child(struct kr_store *s, const char *name, struct kr_date born,
                                   char ***refs, size_t *n, struct kr_error *err);

/* Organisation settings, stored as text.  get: *value is a malloc'd copy or
 * NULL when unset.  set: writes one value (validation is the settings
 * module's business). */
enum kr_status kr_store_setting_get(struct kr_store *s, const char *key, char **value,
                                    struct kr_error *err);
enum kr_status kr_store_setting_set(struct kr_store *s, const char *key, const char *value,
                                    struct kr_error *err);

#endif
