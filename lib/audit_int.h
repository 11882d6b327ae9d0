/*
 * audit_int.h - what the files of the audit trail share (audit.c: writing,
 * reading, verifying and CSV; audit_key.c: the key and the one-time
 * re-chaining; audit_checkpoint.c: signed heads; audit_client.c: the
 * client's own log): the canonical form of a row, the two chains (the
 * unkeyed one of schema version 2 and the keyed one since), and the key.
 * Not public.
 */
#ifndef KRING_AUDIT_INT_H
#define KRING_AUDIT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>
#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/error.h"
#include "kring/store.h"

#define KRI_AUDIT_HASH_LEN 32
#define KRI_AUDIT_KEY_LEN 32
#define KRI_AUDIT_KEY_ID_LEN 16

/* The fields of one row as stored, NULL pointers being SQL NULLs. */
struct kri_audit_row {
	long long id;
	const char *at, *who, *role, *on_behalf, *action, *event, *result, *object_type, *ref,
	           *object, *access_point, *address, *detail;
};

/* The columns of a row in the order kri_audit_row_read() reads them. */
#define KRI_AUDIT_COLUMNS "id, at, who, on_behalf, action, case_ref, address, detail, hash, " \
                          "role, event, result, object_type, object, access_point"

/* Fills r from a statement that selected KRI_AUDIT_COLUMNS (pointers into
 * the statement's current row). */
void kri_audit_row_read(sqlite3_stmt *st, struct kri_audit_row *r);

/* hash_n of the unkeyed chain of schema version 2: SHA-256(prev || canon1),
 * canon1 being id, at, who, on_behalf, action, case_ref, address, detail. */
void kri_audit_hash_v1(const unsigned char prev[KRI_AUDIT_HASH_LEN],
                       const struct kri_audit_row *r, unsigned char out[KRI_AUDIT_HASH_LEN]);

/* The key of a store, as audit_key.c keeps it. */
struct kri_audit_key {
	unsigned char key[KRI_AUDIT_KEY_LEN];
	crypto_auth_hmacsha256_state start;            /* HMAC state after the key */
	unsigned char id[KRI_AUDIT_KEY_ID_LEN];
	unsigned char checkpoint[KRI_AUDIT_KEY_LEN];   /* derived: the MAC key of checkpoints */
	bool created;          /* made by this connection (not found in its file) */
};

/* hash_n of the keyed chain: HMAC-SHA256(k->key, prev || canon2), canon2
 * being id, at, who, role, on_behalf, action, event, result, object_type,
 * case_ref, object, access_point, address, detail. */
void kri_audit_hash(const struct kri_audit_key *k, const unsigned char prev[KRI_AUDIT_HASH_LEN],
                    const struct kri_audit_row *r, unsigned char out[KRI_AUDIT_HASH_LEN]);

/* The key id stored in the database into id (NULL pointer-free: *has is
 * false while the trail has no key yet). */
enum kr_status kri_audit_db_key_id(struct kr_store *s, unsigned char id[KRI_AUDIT_KEY_ID_LEN],
                                   bool *has, struct kr_error *err);

/* The key of store s, ready to chain with: loaded from its file on first
 * use (and created there when the trail has no key yet), checked against
 * the key id in the database, and, when the database has none yet, adopted:
 * the rows written before keys existed are re-chained with it and a row
 * says so.  A trail with rows is adopted only by a key this connection
 * created: a key file that exists while the database names no key means
 * the key id was removed (to have tampered rows re-chained) or the file
 * belongs to another database, and is refused.  Must run inside the caller's unit of work when one is open
 * (kri_tx), so that the adoption commits or rolls back with it.  *k is
 * borrowed from the store.  KR_EPERM for a missing, unreadable, exposed or
 * wrong key, KR_EDB, KR_EIO. */
enum kr_status kri_audit_key_get(struct kr_store *s, const struct kri_audit_key **k,
                                 struct kr_error *err);

/* Appends a row made of e with key k: no checks of the fields (the caller
 * made them), inside the open transaction. */
enum kr_status kri_audit_append(struct kr_store *s, const struct kri_audit_key *k,
                                const struct kr_audit_entry *e, long long *id_out,
                                struct kr_error *err);

/* Walks the chain of the whole trail.  With k NULL the unkeyed chain of
 * version 2, else the keyed one.  at_seq (may be NULL) is called with
 * every row's id and hash as recomputed, in order.  Same results as
 * kr_audit_verify(); *last_id is the id of the last row (0 when none). */
enum kr_status kri_audit_walk(struct kr_store *s, const struct kri_audit_key *k,
                              void (*at_seq)(long long id,
                                             const unsigned char hash[KRI_AUDIT_HASH_LEN],
                                             void *arg),
                              void *arg, long long *first_bad_id, long long *last_id,
                              struct kr_error *err);

/* Database read failure, in both languages. */
enum kr_status kri_audit_read_failed(struct kr_store *s, struct kr_error *err);

#endif
