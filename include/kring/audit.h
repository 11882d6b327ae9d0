/*
 * audit.h - the audit trail (NEN 7513): who did what with which case, when
 * and from where.
 *
 * Every read, change, export, print and failed access of a case is one row:
 * who (a user name, or "share:<id>" for a share-link holder), on whose
 * behalf (optional), when (ISO 8601 UTC to the second), what (one letter,
 * below), which case (may be none), from which address (may be none), and a
 * short detail that holds no personal data (never a name or a password:
 * "plan updated", "login refused").
 *
 * The trail is append-only: triggers refuse UPDATE and DELETE.  It is also
 * chained: each row stores SHA-256(previous row's hash || canonical form of
 * this row), the first row chaining from 32 zero bytes, so a row altered or
 * removed by someone with access to the file breaks the chain from that row
 * on, and kr_audit_verify() names it.  docs/security.md describes the
 * canonical form and what the chain does not protect against.
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

struct kr_audit_entry {
	const char *who;        /* required: user name, "share:<id>", or a system name */
	const char *on_behalf;  /* optional (NULL): the person the action was done for */
	time_t when;            /* seconds since the epoch; written as UTC to the second */
	char action;            /* one of the letters above */
	const char *ref;        /* case ref, or NULL */
	const char *address;    /* client address, or NULL */
	const char *detail;     /* short text without personal data, or NULL */
};

/* Appends entry e to the trail, chained to the row before it.  Takes part in
 * the open transaction when there is one.  KR_EINVAL when a field is missing,
 * too long, holds control characters, or the letter is unknown; KR_EDB when
 * the database refuses.  *id_out (may be NULL) receives the row's id. */
enum kr_status kr_audit_log(struct kr_store *s, const struct kr_audit_entry *e,
                            long long *id_out, struct kr_error *err);

/* One stored row, as read back. */
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
};

/* Calls fn for every row (of case ref, or all rows when ref is NULL) in
 * order of id.  fn returns 0 to go on, non-zero to stop (still KR_OK).  The
 * row is valid only during the call. */
enum kr_status kr_audit_each(struct kr_store *s, const char *ref,
                             int (*fn)(const struct kr_audit_row *row, void *arg), void *arg,
                             struct kr_error *err);

/* Recomputes the whole chain.  KR_OK when every row is intact and none is
 * missing; *first_bad_id is then 0.  KR_EINVAL when a row was altered
 * (*first_bad_id is its id), removed (*first_bad_id is the id of the first
 * missing row), or rows were cut off the end (*first_bad_id is the first
 * id that is gone); the message says which.  KR_EDB when it cannot read. */
enum kr_status kr_audit_verify(struct kr_store *s, long long *first_bad_id,
                               struct kr_error *err);

/* The number of rows and the hash of the last one as 64 hex digits ("" and
 * 0 for an empty trail).  Writing the head down elsewhere (a daily e-mail, a
 * ticket) lets a later check prove that nothing was cut off the end. */
enum kr_status kr_audit_head(struct kr_store *s, long long *count, char hex[65],
                             struct kr_error *err);

/* Writes the rows (of case ref, or all when ref is NULL) as CSV to out:
 * a header line, then id, time, who, on_behalf, action, case, address,
 * detail; every cell quoted, quotes doubled, and a cell that starts with
 * = + - @ TAB or CR prefixed with an apostrophe so a spreadsheet shows it as
 * text instead of running it as a formula.  Lines end in CRLF (RFC 4180).
 * KR_EIO when writing fails. */
enum kr_status kr_audit_export_csv(struct kr_store *s, const char *ref, FILE *out,
                                   struct kr_error *err);

/* Writes one CSV cell (quoted and escaped as above) to out.  Returns 0, or
 * -1 when writing fails.  Exposed for tests and other CSV writers. */
int kr_audit_csv_cell(FILE *out, const char *cell);

#endif
