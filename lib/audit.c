/*
 * audit.c - the audit trail of audit.h on the `audit` table of
 * lib/sql/002_access.sql, plus the small helpers of access_int.h that
 * lib/auth.c shares (transactions, UTC stamps, UTF-8).
 *
 * Chaining: row n stores hash_n = SHA-256(hash_{n-1} || canon(row n)), with
 * hash_0 = 32 zero bytes.  canon() writes the fields id, at, who, on_behalf,
 * action, case_ref, address, detail in that order, each as "N" when NULL or
 * "S<byte length>:<bytes>" otherwise (id in decimal), so no two different
 * rows share a serialisation.  A new row's id is the table's AUTOINCREMENT
 * high-water mark plus one, so rows removed from the end leave a gap that
 * the next row, or the high-water mark itself, reveals.
 *
 * Every statement, BEGIN / SAVEPOINT / COMMIT included, comes from the
 * store's statement cache (kr_store_stmt) and is reset, never finalized,
 * on every path out, so no read transaction outlives a call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "access_int.h"
#include "kring/audit.h"

#define HASH_LEN crypto_hash_sha256_BYTES

/* ---- shared helpers (access_int.h) ------------------------------------ */

enum kr_status kri_db_fail(sqlite3 *db, struct kr_error *err, const char *what)
{
	return kr_error_set(err, KR_EDB, "%s: %s", what, sqlite3_errmsg(db));
}

/* Steps the store's cached statement for sql (static storage) once, and
 * resets it. */
static enum kr_status run(struct kr_store *s, const char *sql, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = kr_store_stmt(s, sql);
	enum kr_status rc = KR_OK;

	if (!st)
		return kri_db_fail(db, err, "database");
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kri_db_fail(db, err, "database");
	sqlite3_reset(st);
	return rc;
}

/* Runs sql, built at run time, through a statement prepared for the
 * occasion. */
static enum kr_status exec(sqlite3 *db, const char *sql, struct kr_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		kr_error_set(err, KR_EDB, "database: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return KR_EDB;
	}
	return KR_OK;
}

/* The savepoints of lib/auth.c and lib/audit.c, spelled out so that their
 * statements have static storage and can be cached. */
static const struct savepoint {
	const char *name, *begin, *release, *rollback;
} savepoints[] = {
	{ "kr_auth", "SAVEPOINT kr_auth", "RELEASE kr_auth", "ROLLBACK TO kr_auth" },
	{ "kr_audit", "SAVEPOINT kr_audit", "RELEASE kr_audit", "ROLLBACK TO kr_audit" },
};

static const struct savepoint *find_savepoint(const char *sp)
{
	for (size_t i = 0; i < sizeof savepoints / sizeof *savepoints; i++)
		if (strcmp(savepoints[i].name, sp) == 0)
			return &savepoints[i];
	return NULL;
}

enum kr_status kri_tx_begin(struct kr_store *s, const char *sp, bool *own,
                            struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	const struct savepoint *p = find_savepoint(sp);
	char sql[64];

	*own = sqlite3_get_autocommit(db) != 0;
	if (*own)
		return run(s, "BEGIN IMMEDIATE", err);
	if (p)
		return run(s, p->begin, err);
	snprintf(sql, sizeof sql, "SAVEPOINT %s", sp);
	return exec(db, sql, err);
}

enum kr_status kri_tx_end(struct kr_store *s, const char *sp, bool own, bool commit,
                          struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	const struct savepoint *p = own ? NULL : find_savepoint(sp);
	char sql[96];
	enum kr_status rc = KR_OK;

	if (commit) {
		if (own) {
			rc = run(s, "COMMIT", err);
		} else if (p) {
			rc = run(s, p->release, err);
		} else {
			snprintf(sql, sizeof sql, "RELEASE %s", sp);
			rc = exec(db, sql, err);
		}
		if (rc == KR_OK)
			return KR_OK;
	}
	if (own) {
		/* a failed COMMIT may have ended the transaction already */
		if (!sqlite3_get_autocommit(db))
			run(s, "ROLLBACK", NULL);
	} else if (p) {
		if (run(s, p->rollback, NULL) == KR_OK)
			run(s, p->release, NULL);
	} else {
		snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", sp, sp);
		exec(db, sql, NULL);
	}
	return rc;
}

void kri_iso_utc(time_t t, char buf[21])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, 21, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool kri_utf8_count(const char *s, bool no_controls, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0;

	while (*p) {
		unsigned c = *p, cp, len, i;
		if (c < 0x80) {
			if (no_controls && (c < 0x20 || c == 0x7f))
				return false;
			p++;
			k++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += len;
		k++;
	}
	*n = k;
	return true;
}

/* ---- the chain --------------------------------------------------------- */

static void canon_field(crypto_hash_sha256_state *h, const void *p, size_t n, bool null)
{
	char head[32];
	int m;
	if (null) {
		crypto_hash_sha256_update(h, (const unsigned char *)"N", 1);
		return;
	}
	m = snprintf(head, sizeof head, "S%zu:", n);
	crypto_hash_sha256_update(h, (const unsigned char *)head, (unsigned long long)m);
	if (n)
		crypto_hash_sha256_update(h, p, n);
}

static void canon_str(crypto_hash_sha256_state *h, const char *s)
{
	canon_field(h, s, s ? strlen(s) : 0, s == NULL);
}

/* The fields of one row in canonical order; NULL pointers are SQL NULLs. */
struct row_text {
	long long id;
	const char *at, *who, *on_behalf, *action, *ref, *address, *detail;
};

static void chain_hash(const unsigned char prev[HASH_LEN], const struct row_text *r,
                       unsigned char out[HASH_LEN])
{
	crypto_hash_sha256_state h;
	char id[32];

	snprintf(id, sizeof id, "%lld", r->id);
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, prev, HASH_LEN);
	canon_str(&h, id);
	canon_str(&h, r->at);
	canon_str(&h, r->who);
	canon_str(&h, r->on_behalf);
	canon_str(&h, r->action);
	canon_str(&h, r->ref);
	canon_str(&h, r->address);
	canon_str(&h, r->detail);
	crypto_hash_sha256_final(&h, out);
}

static enum kr_status check_field(const char *name, const char *v, size_t max, bool required,
                                  struct kr_error *err)
{
	size_t n;
	if (!v) {
		if (required)
			return kr_error_set(err, KR_EINVAL, "audit entry: %s is required", name);
		return KR_OK;
	}
	if (required && !*v)
		return kr_error_set(err, KR_EINVAL, "audit entry: %s is required", name);
	if (strlen(v) > max)
		return kr_error_set(err, KR_EINVAL, "audit entry: %s is longer than %zu bytes",
		                    name, max);
	if (!kri_utf8_count(v, true, &n))
		return kr_error_set(err, KR_EINVAL, "audit entry: %s is not UTF-8 text without "
		                    "control characters", name);
	return KR_OK;
}

/* The AUTOINCREMENT high-water mark of the audit table (0 when none). */
static enum kr_status audit_seq(struct kr_store *s, long long *seq, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	*seq = 0;
	st = kr_store_stmt(s, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'");
	if (!st)
		return kri_db_fail(db, err, "reading the audit trail failed");
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		rc = kri_db_fail(db, err, "reading the audit trail failed");
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_log(struct kr_store *s, const struct kr_audit_entry *e,
                            long long *id_out, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	unsigned char prev[HASH_LEN], hash[HASH_LEN];
	char at[21], action[2];
	struct row_text r;
	long long seq = 0;
	bool own = false, open = false;
	int step;

	if (id_out)
		*id_out = 0;
	if ((rc = check_field("who", e->who, KR_AUDIT_WHO_MAX, true, err)) ||
	    (rc = check_field("on_behalf", e->on_behalf, KR_AUDIT_WHO_MAX, false, err)) ||
	    (rc = check_field("case", e->ref, KR_AUDIT_REF_MAX, false, err)) ||
	    (rc = check_field("address", e->address, KR_AUDIT_ADDR_MAX, false, err)) ||
	    (rc = check_field("detail", e->detail, KR_AUDIT_DETAIL_MAX, false, err)))
		return rc;
	if (!e->action || !strchr("CRUDEPFA", e->action))
		return kr_error_set(err, KR_EINVAL, "audit entry: unknown action '%c'",
		                    e->action ? e->action : '?');
	if (e->when < 0)
		return kr_error_set(err, KR_EINVAL, "audit entry: time before 1970");
	if (sodium_init() < 0)
		return kr_error_set(err, KR_ENOMEM, "the cryptography library cannot start");
	kri_iso_utc(e->when, at);
	action[0] = e->action;
	action[1] = '\0';

	if ((rc = kri_tx_begin(s, "kr_audit", &own, err)))
		return rc;
	open = true;
	if ((rc = audit_seq(s, &seq, err)))
		goto out;
	memset(prev, 0, sizeof prev);
	if (!(st = kr_store_stmt(s, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")))
		goto dberr;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 0) != HASH_LEN) {
			rc = kr_error_set(err, KR_EINVAL, "the last audit row is damaged: run "
			                  "kring audit --verify");
			goto out;
		}
		memcpy(prev, sqlite3_column_blob(st, 0), HASH_LEN);
	} else if (step != SQLITE_DONE) {
		goto dberr;
	}
	sqlite3_reset(st);
	st = NULL;

	r.id = seq + 1;
	r.at = at;
	r.who = e->who;
	r.on_behalf = e->on_behalf;
	r.action = action;
	r.ref = e->ref;
	r.address = e->address;
	r.detail = e->detail;
	chain_hash(prev, &r, hash);

	st = kr_store_stmt(s, "INSERT INTO audit(id, at, who, on_behalf, action, case_ref, "
	                   "address, detail, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!st)
		goto dberr;
	sqlite3_bind_int64(st, 1, r.id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->who, -1, SQLITE_STATIC);
	if (e->on_behalf)
		sqlite3_bind_text(st, 4, e->on_behalf, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	if (e->ref)
		sqlite3_bind_text(st, 6, e->ref, -1, SQLITE_STATIC);
	if (e->address)
		sqlite3_bind_text(st, 7, e->address, -1, SQLITE_STATIC);
	if (e->detail)
		sqlite3_bind_text(st, 8, e->detail, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 9, hash, HASH_LEN, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_reset(st);
	st = NULL;
	open = false;
	if ((rc = kri_tx_end(s, "kr_audit", own, true, err)))
		goto out;
	if (id_out)
		*id_out = r.id;
	goto out;
dberr:
	rc = kri_db_fail(db, err, "writing the audit trail failed");
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_audit", own, false, NULL);
	return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
	                                                 : (const char *)sqlite3_column_text(st, i);
}

#define ROW_COLUMNS "id, at, who, on_behalf, action, case_ref, address, detail, hash"

static void fill_row(sqlite3_stmt *st, struct kr_audit_row *row)
{
	const char *v;
	memset(row, 0, sizeof *row);
	row->id = sqlite3_column_int64(st, 0);
	snprintf(row->when, sizeof row->when, "%s", (v = col_text(st, 1)) ? v : "");
	snprintf(row->who, sizeof row->who, "%s", (v = col_text(st, 2)) ? v : "");
	v = col_text(st, 3);
	row->has_on_behalf = v != NULL;
	snprintf(row->on_behalf, sizeof row->on_behalf, "%s", v ? v : "");
	v = col_text(st, 4);
	row->action = v && *v ? *v : '?';
	v = col_text(st, 5);
	row->has_ref = v != NULL;
	snprintf(row->ref, sizeof row->ref, "%s", v ? v : "");
	v = col_text(st, 6);
	row->has_address = v != NULL;
	snprintf(row->address, sizeof row->address, "%s", v ? v : "");
	snprintf(row->detail, sizeof row->detail, "%s", (v = col_text(st, 7)) ? v : "");
}

/* The walk holds the store's cached statement for its query until it
 * ends: fn must not call kr_audit_each() or kr_audit_verify() on the same
 * store (that would reset the statement under the walk). */
enum kr_status kr_audit_each(struct kr_store *s, const char *ref,
                             int (*fn)(const struct kr_audit_row *row, void *arg), void *arg,
                             struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_audit_row row;
	enum kr_status rc = KR_OK;
	int step;

	st = kr_store_stmt(s, ref ? "SELECT " ROW_COLUMNS " FROM audit WHERE case_ref = ?1 "
	                            "ORDER BY id"
	                          : "SELECT " ROW_COLUMNS " FROM audit ORDER BY id");
	if (!st)
		return kri_db_fail(db, err, "reading the audit trail failed");
	if (ref)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		fill_row(st, &row);
		if (fn(&row, arg))
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = kri_db_fail(db, err, "reading the audit trail failed");
out:
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_verify(struct kr_store *s, long long *first_bad_id,
                               struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	unsigned char prev[HASH_LEN], hash[HASH_LEN];
	enum kr_status rc = KR_OK;
	long long expect = 1, seq = 0;
	int step;

	*first_bad_id = 0;
	memset(prev, 0, sizeof prev);
	if (sodium_init() < 0)
		return kr_error_set(err, KR_ENOMEM, "the cryptography library cannot start");
	if (!(st = kr_store_stmt(s, "SELECT " ROW_COLUMNS " FROM audit ORDER BY id")))
		return kri_db_fail(db, err, "reading the audit trail failed");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct row_text r;
		r.id = sqlite3_column_int64(st, 0);
		if (r.id < expect) {
			*first_bad_id = r.id;
			rc = kr_error_set(err, KR_EINVAL, "audit row %lld does not belong in the "
			                  "chain (expected row %lld)", r.id, expect);
			goto out;
		}
		if (r.id != expect) {
			*first_bad_id = expect;
			if (r.id == expect + 1)
				rc = kr_error_set(err, KR_EINVAL, "audit row %lld was removed "
				                  "(row %lld follows row %lld)", expect, r.id, expect - 1);
			else
				rc = kr_error_set(err, KR_EINVAL, "audit rows %lld to %lld were removed "
				                  "(row %lld follows row %lld)", expect, r.id - 1, r.id,
				                  expect - 1);
			goto out;
		}
		r.at = col_text(st, 1);
		r.who = col_text(st, 2);
		r.on_behalf = col_text(st, 3);
		r.action = col_text(st, 4);
		r.ref = col_text(st, 5);
		r.address = col_text(st, 6);
		r.detail = col_text(st, 7);
		chain_hash(prev, &r, hash);
		if (sqlite3_column_bytes(st, 8) != HASH_LEN ||
		    memcmp(sqlite3_column_blob(st, 8), hash, HASH_LEN) != 0) {
			*first_bad_id = r.id;
			rc = kr_error_set(err, KR_EINVAL, "audit row %lld was altered (or a row "
			                  "before it was replaced): its hash does not match", r.id);
			goto out;
		}
		memcpy(prev, hash, HASH_LEN);
		expect++;
	}
	if (step != SQLITE_DONE) {
		rc = kri_db_fail(db, err, "reading the audit trail failed");
		goto out;
	}
	sqlite3_reset(st);
	st = NULL;
	if ((rc = audit_seq(s, &seq, err)))
		goto out;
	if (seq >= expect) {
		*first_bad_id = expect;
		rc = kr_error_set(err, KR_EINVAL, "audit rows %lld to %lld were removed from the "
		                  "end of the trail", expect, seq);
	}
out:
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_head(struct kr_store *s, long long *count, char hex[65],
                             struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc = KR_OK;

	*count = 0;
	hex[0] = '\0';
	st = kr_store_stmt(s, "SELECT (SELECT count(*) FROM audit), "
	                   "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1)");
	if (!st)
		return kri_db_fail(db, err, "reading the audit trail failed");
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = kri_db_fail(db, err, "reading the audit trail failed");
		goto out;
	}
	*count = sqlite3_column_int64(st, 0);
	if (sqlite3_column_bytes(st, 1) == HASH_LEN)
		sodium_bin2hex(hex, 65, sqlite3_column_blob(st, 1), HASH_LEN);
out:
	sqlite3_reset(st);
	return rc;
}

/* ---- CSV --------------------------------------------------------------- */

int kr_audit_csv_cell(FILE *out, const char *cell)
{
	const char *p = cell ? cell : "";
	if (putc('"', out) == EOF)
		return -1;
	if (*p == '=' || *p == '+' || *p == '-' || *p == '@' || *p == '\t' || *p == '\r')
		if (putc('\'', out) == EOF)
			return -1;
	for (; *p; p++) {
		if (*p == '"' && putc('"', out) == EOF)
			return -1;
		if (putc(*p, out) == EOF)
			return -1;
	}
	return putc('"', out) == EOF ? -1 : 0;
}

struct csv_state {
	FILE *out;
	int failed;
};

static int csv_line(FILE *out, const char *const cells[], int n)
{
	for (int i = 0; i < n; i++) {
		if (i && putc(',', out) == EOF)
			return -1;
		if (kr_audit_csv_cell(out, cells[i]))
			return -1;
	}
	return fputs("\r\n", out) == EOF ? -1 : 0;
}

static int csv_row(const struct kr_audit_row *row, void *arg)
{
	struct csv_state *cs = arg;
	char id[32], action[2] = { row->action, '\0' };
	const char *cells[8];

	snprintf(id, sizeof id, "%lld", row->id);
	cells[0] = id;
	cells[1] = row->when;
	cells[2] = row->who;
	cells[3] = row->on_behalf;
	cells[4] = action;
	cells[5] = row->ref;
	cells[6] = row->address;
	cells[7] = row->detail;
	if (csv_line(cs->out, cells, 8)) {
		cs->failed = 1;
		return 1;
	}
	return 0;
}

enum kr_status kr_audit_export_csv(struct kr_store *s, const char *ref, FILE *out,
                                   struct kr_error *err)
{
	static const char *const header[8] = {
		"id", "time", "who", "on_behalf", "action", "case", "address", "detail"
	};
	struct csv_state cs = { out, 0 };
	enum kr_status rc;

	if (csv_line(out, header, 8))
		return kr_error_set(err, KR_EIO, "writing the CSV failed");
	if ((rc = kr_audit_each(s, ref, csv_row, &cs, err)))
		return rc;
	if (cs.failed || fflush(out))
		return kr_error_set(err, KR_EIO, "writing the CSV failed");
	return KR_OK;
}
