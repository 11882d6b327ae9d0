/*
 * access_int.h - helpers shared by lib/auth.c and lib/audit.c (defined in
 * lib/audit.c): joining the transaction that is open on a store's
 * connection, UTC time stamps, and UTF-8 checks.  Internal to libkring.
 */
#ifndef KRING_ACCESS_INT_H
#define KRING_ACCESS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <sqlite3.h>

#include "kring/error.h"
#include "kring/store.h"

/* Starts a unit of work on store s: a SAVEPOINT named sp when a transaction
 * is open on the connection (so the work commits or rolls back with it),
 * else BEGIN IMMEDIATE.  *own says which, for kri_tx_end().  The statements
 * come from the store's cache (kr_store_stmt) for the savepoints "kr_auth"
 * and "kr_audit"; any other name is prepared each time. */
enum kr_status kri_tx_begin(struct kr_store *s, const char *sp, bool *own,
                            struct kr_error *err);

/* Ends what kri_tx_begin() started: commit (RELEASE / COMMIT) or roll back.
 * A failed commit is rolled back.  Rolling back never reports. */
enum kr_status kri_tx_end(struct kr_store *s, const char *sp, bool own, bool commit,
                          struct kr_error *err);

/* Fills err with KR_EDB: "what: <sqlite message>".  Returns KR_EDB. */
enum kr_status kri_db_fail(sqlite3 *db, struct kr_error *err, const char *what);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into buf. */
void kri_iso_utc(time_t t, char buf[21]);

/* Counts the code points of the NUL-terminated UTF-8 string s into *n.
 * Returns false for malformed UTF-8 (overlong forms, surrogates, beyond
 * U+10FFFF) and, when no_controls, for C0 controls and DEL. */
bool kri_utf8_count(const char *s, bool no_controls, size_t *n);

#endif
