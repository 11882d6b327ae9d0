/*
 * audit.h - the audit trail (NEN 7513): who did what with which case, when
 * and from where.
 *
 * Every read, change, export, print and failed access of a case is one row
 * with the fields NEN 7513 asks for: the event and the action (one letter,
 * below), the result (ok, refused, error), the user and their role, on whose
 * behalf (optional), when (ISO 8601 UTC to the second), the object and its
 * type (a case, an account, a share link, the settings, the trail itself),
 * the access point (an HTTP route or a `kring` command), the source (the
 * client address) and a short detail without personal data ("plan
 * updated", "login refused"; never a name or a password).
 *
 * The trail is append-only (triggers refuse UPDATE and DELETE) and chained
 * with a key: each row stores HMAC-SHA256(key, previous row's hash ||
 * canonical form of this row).  The key is 32 random bytes in a file
 * outside the database, readable only by the service account: by default
 * "<database>.audit-key" next to the database, else kr_config.audit_key_file
 * (`--audit-key FILE`).  It is created on first use; a database whose trail
 * was written before keys existed is re-chained with it once (its rows kept
 * as they are).  Someone who can write the database but not read the key
 * cannot change, insert, remove or reorder a row without kr_audit_verify()
 * naming it.  Cutting rows off the end (and lowering the id high-water mark
 * to match) leaves a valid shorter chain, and whoever holds the key can
 * rebuild the whole chain: against both, kr_audit_checkpoint() gives a
 * signed (Ed25519) head to keep elsewhere, and kr_audit_verify_expect() proves that
 * the trail still holds, unchanged, everything up to that head.
 * docs/security.md describes the canonical form and the checkpoint.
 *
 * Same transaction as the action: kr_audit_log() takes part in the
 * transaction that is open on the store's connection (as a savepoint) and
 * runs in its own only when none is open.  So a caller writes
 *     kr_store_begin(s); kr_store_put(s, ...); kr_audit_log(s, &e); kr_store_end(s, ok)
 * and the change and its audit row land together or not at all.
 */
#ifndef KRING_AUDIT_H
#define KRING_AUDIT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "kring/buf.h"
#include "kring/error.h"
#include "kring/store.h"

/* The action letters. */
#define KR_AUDIT_CREATE 'C'   /* a case (or a user, share link) was created */
#define KR_AUDIT_READ   'R'   /* a case was read */
#define KR_AUDIT_UPDATE 'U'   /* a case was changed (also assignment, account changes) */
#define KR_AUDIT_DELETE 'D'   /* something was removed (revoked link, ended assignment) */
#define KR_AUDIT_EXPORT 'E'   /* a case left the system: export, download, render */
#define KR_AUDIT_PRINT  'P'   /* a case was printed (PDF for printing) */
#define KR_AUDIT_FAILED 'F'   /* access refused: no right, unknown case, failed login */
#define KR_AUDIT_AUTH   'A'   /* login and logout */

/* Size limits (bytes) of the fields; longer values are refused. */
#define KR_AUDIT_WHO_MAX 128
#define KR_AUDIT_REF_MAX 127
#define KR_AUDIT_ADDR_MAX 64
#define KR_AUDIT_DETAIL_MAX 256
#define KR_AUDIT_ROLE_MAX 32
#define KR_AUDIT_EVENT_MAX 64
#define KR_AUDIT_OBJECT_MAX 128
#define KR_AUDIT_POINT_MAX 128

/* The result of what was done.  KR_AUDIT_RESULT_DEFAULT (0) means: refused
 * for the letter F, ok for every other letter. */
enum kr_audit_result {
	KR_AUDIT_RESULT_DEFAULT = 0,
	KR_AUDIT_RESULT_OK,        /* done */
	KR_AUDIT_RESULT_REFUSED,   /* not allowed, or the request was refused (4xx) */
	KR_AUDIT_RESULT_ERROR      /* it failed (a database error, 5xx) */
};

/* The kind of object.  KR_AUDIT_OBJECT_DEFAULT (0) means: a case when the
 * entry names a case (ref), else none. */
enum kr_audit_object {
	KR_AUDIT_OBJECT_DEFAULT = 0,
	KR_AUDIT_OBJECT_NONE,      /* no object (stored as NULL) */
	KR_AUDIT_OBJECT_CASE,
	KR_AUDIT_OBJECT_ACCOUNT,
	KR_AUDIT_OBJECT_SHARE,     /* a share link */
	KR_AUDIT_OBJECT_SETTINGS,
	KR_AUDIT_OBJECT_AUDIT      /* the audit trail itself */
};

/* One row to write.  Fields after `detail` came with NEN 7513 (schema
 * version 3); left zero or NULL they take their defaults, so code written
 * for the first seven fields keeps working. */
struct kr_audit_entry {
	const char *who;        /* required: user name, "share:<id>", or a system name */
	const char *on_behalf;  /* optional (NULL): the person the action was done for */
	time_t when;            /* seconds since the epoch; written as UTC to the second */
	char action;            /* one of the letters above */
	const char *ref;        /* case ref, or NULL */
	const char *address;    /* the source: client address, or NULL */
	const char *detail;     /* short text without personal data, or NULL */
	const char *role;       /* the user's role ("worker", "lead", ...), or NULL */
	const char *event;      /* "case.read", "account.login", ...; NULL: made from
	                         * the object type and the letter ("case.read") */
	enum kr_audit_result result;
	enum kr_audit_object object_type;
	const char *object;     /* the object when it is not a case: an account
	                         * name, a share link id, a digest; or NULL */
	const char *access_point; /* "GET /api/cases/{ref}", "kring show", or NULL */
};

/* Appends entry e to the trail, chained to the row before it with the
 * audit key (loaded, or created when the trail has none yet; see above).
 * Takes part in the open transaction when there is one.  KR_EINVAL when a
 * field is missing, too long, holds control characters, or the letter,
 * result or object type is unknown; KR_EPERM when the key file is missing,
 * unreadable, readable by others, or not the key the trail was made with;
 * KR_EDB when the database refuses.  *id_out (may be NULL) receives the
 * row's id. */
enum kr_status kr_audit_log(struct kr_store *s, const struct kr_audit_entry *e,
                            long long *id_out, struct kr_error *err);

/* The context of the rows the calling thread writes: fields an entry
 * leaves NULL (on_behalf, address, access_point, role) take the context's
 * value, so the rows library functions write for a front door with one
 * actor per process (the `kring` command: erasure, retention, settings,
 * accounts) carry the command as access point, its source and on whose
 * behalf it ran, like the rows the front door writes itself.  on_behalf is
 * not filled in when it would equal the entry's who.  The values are
 * copied.  NULL clears the context (the default: a server's threads never
 * set one).  KR_EINVAL when a value is too long for its field or not
 * UTF-8 text without control characters (the context is then cleared). */
struct kr_audit_context {
	const char *on_behalf, *address, *access_point, *role;
};
enum kr_status kr_audit_context_set(const struct kr_audit_context *ctx,
                                    struct kr_error *err);

/* The same for n entries at once, in order, in one unit of work: the key,
 * the last row and the id high-water mark are read once, so a writer that
 * batches rows for many requests pays a few statements per row.  All or
 * none: KR_EINVAL when any entry is malformed (nothing is written).
 * *last_id (may be NULL) is the id of the last row. */
enum kr_status kr_audit_log_many(struct kr_store *s, const struct kr_audit_entry *const *e,
                                 size_t n, long long *last_id, struct kr_error *err);

/* The checks kr_audit_log() makes of an entry before writing it, alone:
 * KR_OK, or KR_EINVAL saying which field is wrong.  A caller that queues
 * entries checks them when it queues them. */
enum kr_status kr_audit_check(const struct kr_audit_entry *e, struct kr_error *err);

/* Loads the audit key of store s now (creating the key file when the trail
 * has no key yet, and re-chaining a trail written before keys existed),
 * instead of at the first kr_audit_log().  A server calls it at start, so a
 * missing or wrong key stops it there.  Fails like kr_audit_log(). */
enum kr_status kr_audit_prepare(struct kr_store *s, struct kr_error *err);

/* Makes store s the connection of a writer that commits audit rows in
 * batches for many requests (kring serve's audit writer): its commits are
 * handed to the operating system (written to the write-ahead log) without
 * waiting for the disk (SQLite's synchronous=NORMAL), so a batch costs a
 * write, not an fsync.  A committed row then survives a crash of the
 * process; a power loss or a crash of the operating system can lose the rows
 * of the last moments until the next checkpoint or fsync'd commit of
 * another connection (the log is synced at each).  A full disk or an I/O
 * error still fails the commit.  Other connections keep synchronous=FULL.
 * KR_EDB when SQLite refuses. */
enum kr_status kr_audit_group_commit(struct kr_store *s, struct kr_error *err);

/* The path of the audit key file of store s into buf (n bytes):
 * kr_config.audit_key_file, else the database's path + ".audit-key".
 * KR_EUSAGE for a database without a file (in memory) or a path that does
 * not fit. */
enum kr_status kr_audit_key_path(struct kr_store *s, char *buf, size_t n,
                                 struct kr_error *err);

/* The same for the database file db_path that is not open: the configured
 * key file, else db_path + ".audit-key".  KR_EUSAGE when it does not fit. */
enum kr_status kr_audit_key_path_for(const char *db_path, char *buf, size_t n,
                                     struct kr_error *err);

/* When the trail was first chained with its key, into at ("" while it has
 * none), and how many rows written before keys existed were re-chained
 * then (*rechained).  A second keying, or one long after the trail began,
 * is worth a question: docs/security.md.  KR_EDB. */
enum kr_status kr_audit_keyed(struct kr_store *s, char at[21], long long *rechained,
                              struct kr_error *err);

/* One stored row, as read back.  Text fields are "" when NULL. */
struct kr_audit_row {
	long long id;
	char when[21];                      /* "2026-11-23T09:30:00Z" */
	char who[KR_AUDIT_WHO_MAX + 1];
	char on_behalf[KR_AUDIT_WHO_MAX + 1]; /* "" when none */
	char action;
	char ref[KR_AUDIT_REF_MAX + 1];     /* "" when none */
	char address[KR_AUDIT_ADDR_MAX + 1];/* "" when none */
	char detail[KR_AUDIT_DETAIL_MAX + 1];
	bool has_on_behalf, has_ref, has_address;
	char role[KR_AUDIT_ROLE_MAX + 1];
	char event[KR_AUDIT_EVENT_MAX + 1];
	enum kr_audit_result result;        /* DEFAULT for rows written before version 3 */
	enum kr_audit_object object_type;   /* DEFAULT for rows written before version 3 */
	char object[KR_AUDIT_OBJECT_MAX + 1];
	char access_point[KR_AUDIT_POINT_MAX + 1];
};

/* The words of a result and an object type as stored ("ok", "refused",
 * "error"; "case", "account", "share", "settings", "audit"); "" for
 * DEFAULT and NONE.  Static strings. */
const char *kr_audit_result_name(enum kr_audit_result r);
const char *kr_audit_object_name(enum kr_audit_object o);

/* Calls fn for every row (of case ref, or all rows when ref is NULL) in
 * order of id.  fn returns 0 to go on, non-zero to stop (still KR_OK).  The
 * row is valid only during the call. */
enum kr_status kr_audit_each(struct kr_store *s, const char *ref,
                             int (*fn)(const struct kr_audit_row *row, void *arg), void *arg,
                             struct kr_error *err);

/* Recomputes the whole chain with the key.  KR_OK when every row is intact
 * and none is missing; *first_bad_id is then 0.  KR_EINVAL when a row was
 * altered, inserted or moved (*first_bad_id is its id), removed
 * (*first_bad_id is the id of the first missing row), or rows were cut off
 * the end without lowering the id high-water mark (*first_bad_id is the
 * first id that is gone); the message says which.  KR_EPERM when the key
 * is missing or wrong (see kr_audit_log); KR_EDB when it cannot read.  A
 * trail written before keys existed and not yet re-chained is checked
 * against its old unkeyed chain. */
enum kr_status kr_audit_verify(struct kr_store *s, long long *first_bad_id,
                               struct kr_error *err);

/* The number of rows and the hash of the last one as 64 hex digits ("" and
 * 0 for an empty trail). */
enum kr_status kr_audit_head(struct kr_store *s, long long *count, char hex[65],
                             struct kr_error *err);

/* ---- checkpoints ---------------------------------------------------------- */

/* A checkpoint is one line of text:
 *   kring-audit-checkpoint v2 seq=N hash=<64 hex> time=<ISO UTC> pub=<64 hex> sig=<128 hex>
 * seq and hash are the last row of the trail, time when the checkpoint was
 * made, pub the Ed25519 public key of the trail and sig the Ed25519
 * signature of the text before " sig=".  The signing key is derived from
 * the audit key file (outside the database); anyone holding the public key
 * (kr_audit_public_key) can check a checkpoint but cannot make one.  It is
 * meant to be kept somewhere the database's writers cannot change (syslog
 * on another host, a ticket, an e-mail).  Checkpoints of version 1 (an
 * HMAC: "key=<32 hex> mac=<64 hex>" instead of pub and sig), made before
 * signatures, are still accepted where the audit key is at hand. */
#define KR_AUDIT_CHECKPOINT_MAX 512
#define KR_AUDIT_PUBLIC_KEY_MAX 96

/* Verifies the whole trail (as kr_audit_verify, and fails like it: a
 * tampered trail gets no checkpoint), then writes the signed checkpoint of
 * its head at time now into line (NUL-terminated, no newline). */
enum kr_status kr_audit_checkpoint(struct kr_store *s, time_t now,
                                   char line[KR_AUDIT_CHECKPOINT_MAX], struct kr_error *err);

/* The public key that checks the trail's checkpoints, as one line
 * "kring-audit-public-key v1 <64 hex>" into line (NUL-terminated, no
 * newline), for a verifier to keep.  Needs the audit key (created like
 * kr_audit_log does when the trail has none yet); fails like it. */
enum kr_status kr_audit_public_key(struct kr_store *s, char line[KR_AUDIT_PUBLIC_KEY_MAX],
                                   struct kr_error *err);

/* kr_audit_verify(), and then, against every checkpoint line found in text
 * (len bytes; other text around and between the lines, such as syslog
 * prefixes, is skipped), proves that the trail still holds row seq with
 * the same hash, and so every row before it unchanged, in order, none
 * removed or inserted.  KR_OK when all hold (*checked, may be NULL, is the
 * number of checkpoints checked).  KR_EINVAL with *first_bad_id when the
 * chain is broken (as kr_audit_verify), or when a checkpoint does not hold:
 * the trail ends before its row (cut off: *first_bad_id is the first row
 * that is gone), the chain no longer passes through its hash (*first_bad_id
 * is its seq), or its signature (MAC for version 1) does not match the key
 * (the key was replaced, or the checkpoint altered or forged: *first_bad_id
 * is 0).  KR_EUSAGE when text holds no checkpoint or a malformed one. */
enum kr_status kr_audit_verify_expect(struct kr_store *s, const char *text, size_t len,
                                      long long *first_bad_id, int *checked,
                                      struct kr_error *err);

/* The same, with the verifier's own copy of the public key (pub, pub_len
 * bytes: what kr_audit_public_key wrote; NULL: the one derived from the
 * audit key): KR_EINVAL when it is not this trail's key. */
enum kr_status kr_audit_verify_expect_key(struct kr_store *s, const char *text, size_t len,
                                          const char *pub, size_t pub_len,
                                          long long *first_bad_id, int *checked,
                                          struct kr_error *err);

/* Checks, without any database or secret, that every checkpoint in text
 * is signed with the public key pub (pub_len bytes): what a third party
 * does with checkpoints it was given.  It proves who made them, not that a
 * trail still holds them (that is kr_audit_verify_expect).  KR_OK with
 * *checked (may be NULL) and the highest seq (*last_seq, may be NULL);
 * KR_EINVAL naming the first checkpoint that was altered, forged or made
 * with another key, or that is of version 1 (an HMAC: it needs the audit
 * key); KR_EUSAGE when text holds no checkpoint or pub no public key. */
enum kr_status kr_audit_checkpoints_signed(const char *text, size_t len, const char *pub,
                                           size_t pub_len, long long *last_seq, int *checked,
                                           struct kr_error *err);

/* ---- the client's own log ------------------------------------------------- */

/* What the child or parent may see of the trail of their file: who (the
 * account name and the role, or the family member of a share link) looked
 * at it or changed it, on which day, from when to when (Dutch time), and
 * how.  Refused attempts, addresses, details and ids are left out.  Rows
 * are grouped per person per day. */
enum kr_audit_how {
	KR_AUDIT_HOW_READ,      /* looked at it */
	KR_AUDIT_HOW_LIST,      /* saw it in a list of cases */
	KR_AUDIT_HOW_CREATE,
	KR_AUDIT_HOW_CHANGE,
	KR_AUDIT_HOW_EXPORT,    /* downloaded or exported */
	KR_AUDIT_HOW_PRINT,
	KR_AUDIT_HOW__N
};

struct kr_audit_visit {
	char day[11];                       /* "2026-11-23", Dutch time */
	char from[6], to[6];                /* "09:30", Dutch time */
	char who[KR_AUDIT_WHO_MAX + 1];     /* account name, or the person's name */
	char role[KR_AUDIT_ROLE_MAX + 1];   /* "worker", "lead", ..., "share", or "" */
	unsigned count[KR_AUDIT_HOW__N];    /* how many times, by how */
};

/* The words of a how and of a role in lang ("bekeken", "begeleider"; the
 * role word for "share" is "familie of netwerk (deellink)").  Static. */
const char *kr_audit_how_word(enum kr_audit_how h, enum kr_lang lang);
const char *kr_audit_role_word(const char *role, enum kr_lang lang);

/* The visits to case ref, oldest first, into *out: a malloc'd array of *n
 * elements the caller frees (NULL when there are none).  Share-link
 * holders are named by the case's latest revision.  KR_ENOMEM, KR_EDB. */
enum kr_status kr_audit_client_visits(struct kr_store *s, const char *ref,
                                      struct kr_audit_visit **out, size_t *n,
                                      struct kr_error *err);

/* The same as plain text to print or show, in lang: a heading with ref, one
 * block per day, one line per visit, and a closing note.  Appended to out
 * (a struct kr_buf; its failure is returned).  KR_ENOMEM, KR_ETOOBIG, KR_EDB. */
enum kr_status kr_audit_client_text(struct kr_store *s, const char *ref, enum kr_lang lang,
                                    struct kr_buf *out, struct kr_error *err);

/* ---- unknown references -------------------------------------------------- */

/* The digest that stands for text the trail must not keep verbatim (a case
 * reference that names no case, typed by anyone): "sha256:" and the first
 * 16 bytes of SHA-256(text) in hex, into out.  Whoever wants to know
 * whether "PZ-1" was tried computes the same digest and searches for it. */
#define KR_AUDIT_DIGEST_LEN 40
void kr_audit_digest(const char *text, char out[KR_AUDIT_DIGEST_LEN]);

/* ---- CSV ------------------------------------------------------------------ */

/* Writes the rows (of case ref, or all when ref is NULL) as CSV to out:
 * a header line, then id, time, who, on_behalf, action, case, address,
 * detail, role, event, result, object_type, object, access_point; every
 * cell quoted, quotes doubled, and a cell that starts with = + - @ TAB or
 * CR prefixed with an apostrophe so a spreadsheet shows it as text instead
 * of running it as a formula.  Lines end in CRLF (RFC 4180).  KR_EIO when
 * writing fails. */
enum kr_status kr_audit_export_csv(struct kr_store *s, const char *ref, FILE *out,
                                   struct kr_error *err);

/* Writes one CSV cell (quoted and escaped as above) to out.  Returns 0, or
 * -1 when writing fails.  Exposed for tests and other CSV writers. */
int kr_audit_csv_cell(FILE *out, const char *cell);

#endif
