/*
 * store_int.h - what the store (store.c) offers the other modules of
 * libkring that keep tables in the same database: the connection, the one
 * statement cache, the one transaction helper and the database error
 * message.  Not public: nothing outside lib/ touches SQLite.
 *
 * Transactions.  Every unit of work, in every module, is
 *
 *     struct kri_tx tx = KRI_TX_NONE;
 *     ...checks that need no lock...
 *     if ((rc = kri_tx_begin(s, &tx, err)))
 *             goto out;
 *     ...statements; on failure set rc and goto out...
 *     out:
 *     rc = kri_tx_end(&tx, rc, err);
 *
 * kri_tx_begin() opens BEGIN IMMEDIATE when no transaction is open on the
 * connection, else a SAVEPOINT inside it (a caller's kr_store_begin()
 * group, or another module's unit), so a write and its audit row commit
 * together or not at all.  kri_tx_end() commits when rc is KR_OK and rolls
 * back otherwise; it is a no-op for a unit that never began.
 */
#ifndef KRING_STORE_INT_H
#define KRING_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/store.h"

/* Installs the store's jansson allocation hooks, so that kr_store_each's
 * workers can parse into per-case arenas (kr_config.parse_arena).  Called by
 * kr_init(); installing twice is harmless. */
void kri_store_arena_install(void);

/* True once kri_store_arena_install() has run. */
bool kri_store_arena_installed(void);

/* The revision numbers of case ref, oldest first, with the UTC day each
 * was recorded on (day numbers): two malloc'd arrays of *n entries the
 * caller frees.  No case: *n is 0.  KR_EDB or KR_ENOMEM on failure.  One
 * cached statement that does not read the documents (history.c). */
enum kr_status kri_store_revision_days(struct kr_store *s, const char *ref, long **revs,
                                       long **days, size_t *n);

/* ---- the audit key (lib/audit_key.c) --------------------------------------- */

/* The audit module's key for this connection, kept with the store and freed
 * by kr_store_close() with kri_audit_key_free() (NULL until first used). */
struct kri_audit_key;
struct kri_audit_key **kri_store_audit_key(struct kr_store *s);

/* The audit key file for this connection when it is not the configured one
 * (or the one next to the file): a backup is verified with the key of the
 * database it was made from.  path NULL returns to the usual; KR_ENOMEM. */
enum kr_status kri_store_set_audit_key_path(struct kr_store *s, const char *path);
const char *kri_store_audit_key_path(struct kr_store *s);
void kri_audit_key_free(struct kri_audit_key *k);


/* ---- the connection and its statement cache ------------------------------ */

/* The store's SQLite connection.  Borrowed; one thread at a time, like the
 * store. */
sqlite3 *kri_store_db(struct kr_store *s);

/* A prepared statement for sql on this store's connection, reset and with
 * its bindings cleared, kept for the store's lifetime.  The cache is keyed
 * by the address of sql, so pass a string literal (or another string with
 * static storage).  Borrowed: reset it after use on every path (it is reset
 * again by the next call), never finalize it.  NULL when SQLite refuses the
 * statement or memory runs out (kri_store_fail() says why). */
sqlite3_stmt *kri_store_stmt(struct kr_store *s, const char *sql);

/* Fills err with KR_EDB: the sentence nl or en (the record's language),
 * then SQLite's own message.  Returns KR_EDB. */
enum kr_status kri_store_fail(struct kr_store *s, struct kr_error *err, const char *nl,
                              const char *en);

/* kri_store_stmt() into *st: KR_OK, or KR_EDB with err filled and *st
 * NULL, so a caller writes `if ((rc = kri_stmt(s, SQL, &st, err))) goto out;`. */
enum kr_status kri_stmt(struct kr_store *s, const char *sql, sqlite3_stmt **st,
                        struct kr_error *err);

/* Copies text column col of st's current row into dst (n bytes, always
 * terminated; "" for NULL, cut at n - 1 bytes). */
void kri_column_copy(char *dst, size_t n, sqlite3_stmt *st, int col);

/* A register's revision row (rev, author, created, doc: the foster
 * families' and the family plans' revisions) into *info and *doc (a new
 * reference, the parsed document).  0, or -1 when the document does not
 * parse (*doc NULL). */
struct json_t;
int kri_register_rev_row(sqlite3_stmt *st, struct kr_revision_info *info,
                         struct json_t **doc);

/* Steps st, a statement that returns no rows, to its end and resets it.
 * KR_EDB (err filled) when SQLite fails. */
enum kr_status kri_stmt_run(struct kr_store *s, sqlite3_stmt *st, struct kr_error *err);

/* Steps st to its end, appending one element of `size` bytes per row,
 * filled by fill(st, element), which returns 0, or -1 when it runs out of
 * memory.  *out is a malloc'd array of *n elements (NULL when there are no
 * rows) for the caller to free.  On failure (KR_ENOMEM, KR_EDB) drop (may
 * be NULL) is called on every element filled so far, the array is freed,
 * *out is NULL and *n 0.  Resets st. */
enum kr_status kri_stmt_rows(struct kr_store *s, sqlite3_stmt *st, size_t size,
                             int (*fill)(sqlite3_stmt *st, void *element),
                             void (*drop)(void *element), void **out, size_t *n,
                             struct kr_error *err);

/* ---- the transaction helper ------------------------------------------------ */

struct kri_tx {
	struct kr_store *s;
	bool own;    /* BEGIN IMMEDIATE (true) or a savepoint in an open transaction */
	bool open;   /* begun and not yet ended */
};

#define KRI_TX_NONE { NULL, false, false }

/* Begins a unit of work on s (see above).  KR_EDB when the database is
 * locked past the busy timeout or refuses; tx is then not open. */
enum kr_status kri_tx_begin(struct kr_store *s, struct kri_tx *tx, struct kr_error *err);

/* Ends the unit tx: commits (COMMIT / RELEASE) when rc is KR_OK, else rolls
 * back (ROLLBACK / ROLLBACK TO + RELEASE) and returns rc unchanged, its
 * message untouched.  A commit that fails is rolled back and its KR_EDB
 * returned.  Does nothing but return rc when tx is not open. */
enum kr_status kri_tx_end(struct kri_tx *tx, enum kr_status rc, struct kr_error *err);

/* Stores the binary model (case_pack.c) of revision rev of case case_id,
 * replacing one that is there; called with the revision's facts (facts.c),
 * inside the caller's transaction.  KR_ENOMEM, KR_EDB. */
enum kr_status kri_store_model_put(struct kr_store *s, int64_t case_id, long rev,
                                   const struct kr_case *c, struct kr_error *err);

/* Revision rev (>= 1) of case ref for the rules: rebuilt from its binary
 * model when there is one that reads, else parsed from the document (as
 * kr_store_get).  The case may have no document (kr_case_doc() NULL).
 * *out is freed with kr_case_free().  Fails as kr_store_get. */
enum kr_status kri_store_get_model(struct kr_store *s, const char *ref, long rev,
                                   struct kr_case **out, struct kr_error *err);

/* The latest document and head revision of the record id that sql (a
 * "SELECT head, doc FROM t WHERE id = ?1") finds: *doc a malloc'd copy the
 * caller frees (doc NULL: only the head, and sql need not ask for doc).  KR_ENOTFOUND without a message (the caller says what was
 * not found), KR_EDB saying fail_nl / fail_en (plain texts) with SQLite's
 * words, KR_ENOMEM.  For the register of foster families and the family
 * plans, which keep their documents alike. */
enum kr_status kri_store_head_doc(struct kr_store *s, const char *sql, const char *id,
                                  char **doc, long *head, const char *fail_nl,
                                  const char *fail_en, struct kr_error *err);

/* The head revision of record id (sql: "SELECT head FROM t WHERE id = ?1",
 * read with kri_store_head_doc; 0 when there is none) checked against expect_rev as a register's put
 * checks it: -1 the record must be new, > 0 it must be at that revision, 0
 * any.  KR_ECONFLICT says so with the noun ("pleeggezin", "foster family");
 * KR_ENOTFOUND (expect_rev > 0, no record) without a message: the caller
 * says what was not found; KR_EDB saying fail_nl / fail_en.  Inside the
 * caller's transaction. */
enum kr_status kri_store_expect_head(struct kr_store *s, const char *sql, const char *id,
                                     long expect_rev, long *head, const char *fail_nl,
                                     const char *fail_en, const char *noun_nl,
                                     const char *noun_en, struct kr_error *err);

/* A register of versioned records (the foster families, the family plans):
 * a head table with one row per record and a table with every revision,
 * written by kri_store_register_put().  The record's own parts are the
 * callbacks, each given the record rec. */
struct kri_register {
	const char *head_sql;       /* "SELECT head FROM t WHERE id = ?1" */
	/* the head row: ?1 id, ?2 the new revision, ?3 the time (created and
	 * updated), ?4 the document, ?5... the record's own columns (bind) */
	const char *update_sql, *insert_sql;
	/* "INSERT INTO t_revisions(<id>, rev, author, created, doc) VALUES
	 * (?1, ?2, ?3, ?4, ?5)" */
	const char *revision_sql;
	const char *read_fail_nl, *read_fail_en;   /* the head could not be read */
	const char *noun_nl, *noun_en;             /* "pleeggezin", "foster family" */
	char *(*dump)(const void *rec);            /* its document, malloc'd; NULL: no memory */
	/* inside the transaction, before the head is read: the record's rules
	 * on day now; NULL: none */
	enum kr_status (*check)(struct kr_store *s, const void *rec, time_t now,
	                        struct kr_error *err);
	/* says that record id is not there (expect_rev > 0); returns KR_ENOTFOUND */
	enum kr_status (*missing)(const char *id, struct kr_error *err);
	void (*bind)(sqlite3_stmt *st, const void *rec);   /* ?5... of the head row */
	/* inside the transaction, after the revision: the record's other
	 * tables; NULL: none */
	enum kr_status (*after)(struct kr_store *s, const void *rec, struct kr_error *err);
};

/* Writes record id (rec) of register r as a new revision by author at time
 * now, in one transaction: the author is required (KR_EUSAGE), the record
 * is dumped, checked (r->check), its head checked against expect_rev as
 * kri_store_expect_head() does (-1 new, > 0 that revision, 0 any), the head
 * row updated or inserted, the revision inserted, then r->after.  On
 * success *rev_out (may be NULL) is the new revision, else 0; nothing is
 * written on failure.  KR_EUSAGE, KR_ENOMEM, KR_ECONFLICT, KR_ENOTFOUND
 * (r->missing), KR_EDB, or what a callback returns. */
enum kr_status kri_store_register_put(struct kr_store *s, const struct kri_register *r,
                                      const char *id, const void *rec, const char *author,
                                      long expect_rev, time_t now, long *rev_out,
                                      struct kr_error *err);

#endif
