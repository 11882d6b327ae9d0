/*
 * audit.c - the audit trail of audit.h on the `audit` table of
 * lib/sql/002_access.sql.
 *
 * Chaining: row n stores hash_n = SHA-256(hash_{n-1} || canon(row n)), with
 * hash_0 = 32 zero bytes.  canon() writes the fields id, at, who, on_behalf,
 * action, case_ref, address, detail in that order, each as "N" when NULL or
 * "S<byte length>:<bytes>" otherwise (id in decimal), so no two different
 * rows share a serialisation.  A new row's id is the table's AUTOINCREMENT
 * high-water mark plus one, so rows removed from the end leave a gap that
 * the next row, or the high-water mark itself, reveals.
 *
 * Every statement comes from the store's statement cache (kri_store_stmt)
 * and is reset, never finalized, on every path out, so no read transaction
 * outlives a call; a row is written as one unit of the store's transaction
 * helper (kri_tx_begin / kri_tx_end), inside the caller's transaction when
 * one is open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "store_int.h"
#include "utf8_int.h"

#define HASH_LEN crypto_hash_sha256_BYTES

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

/* The field names of an entry, as messages name them. */
static enum kr_status check_field(const char *name, const char *v, size_t max, bool required,
                                  struct kr_error *err)
{
	size_t n;

	if (!v || !*v) {
		if (required)
			return kr_error_say(err, KR_EINVAL, "Auditregel: %s ontbreekt.",
			                    "Audit entry: %s is required.", name);
		if (!v)
			return KR_OK;
	}
	if (strlen(v) > max)
		return kr_error_say(err, KR_EINVAL, "Auditregel: %s is langer dan %zu bytes.",
		                    "Audit entry: %s is longer than %zu bytes.", name, max);
	if (!kri_utf8_count(v, true, &n))
		return kr_error_say(err, KR_EINVAL, "Auditregel: %s is geen UTF-8-tekst zonder "
		                    "stuurtekens.", "Audit entry: %s is not UTF-8 text without "
		                    "control characters.", name);
	return KR_OK;
}

static enum kr_status read_failed(struct kr_store *s, struct kr_error *err)
{
	return kri_store_fail(s, err, "Het logboek lezen lukt niet",
	                      "Reading the audit trail failed");
}

static enum kr_status crypto_ready(struct kr_error *err)
{
	if (sodium_init() < 0)
		return kr_error_say(err, KR_ENOMEM, "De cryptografische bibliotheek start niet.",
		                    "The cryptography library cannot start.");
	return KR_OK;
}

/* The AUTOINCREMENT high-water mark of the audit table (0 when none). */
static enum kr_status audit_seq(struct kr_store *s, long long *seq, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	*seq = 0;
	if (!(st = kri_store_stmt(s, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'")))
		return read_failed(s, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		rc = read_failed(s, err);
	sqlite3_reset(st);
	return rc;
}

/* The hash of the last row into prev (32 zero bytes for an empty trail). */
static enum kr_status last_hash(struct kr_store *s, unsigned char prev[HASH_LEN],
                                struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	memset(prev, 0, HASH_LEN);
	if (!(st = kri_store_stmt(s, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")))
		return read_failed(s, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_bytes(st, 0) == HASH_LEN)
		memcpy(prev, sqlite3_column_blob(st, 0), HASH_LEN);
	else if (step == SQLITE_ROW)
		rc = kr_error_say(err, KR_EINVAL, "De laatste regel van het logboek is beschadigd: "
		                  "voer kring audit --verify uit.", "The last audit row is damaged: "
		                  "run kring audit --verify.");
	else if (step != SQLITE_DONE)
		rc = read_failed(s, err);
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_log(struct kr_store *s, const struct kr_audit_entry *e,
                            long long *id_out, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	enum kr_status rc;
	unsigned char prev[HASH_LEN], hash[HASH_LEN];
	char at[KR_DATE_STAMP_LEN], action[2];
	struct row_text r = { 0 };
	long long seq = 0;

	if (id_out)
		*id_out = 0;
	if ((rc = check_field("who", e->who, KR_AUDIT_WHO_MAX, true, err)) ||
	    (rc = check_field("on_behalf", e->on_behalf, KR_AUDIT_WHO_MAX, false, err)) ||
	    (rc = check_field("case", e->ref, KR_AUDIT_REF_MAX, false, err)) ||
	    (rc = check_field("address", e->address, KR_AUDIT_ADDR_MAX, false, err)) ||
	    (rc = check_field("detail", e->detail, KR_AUDIT_DETAIL_MAX, false, err)))
		goto out;
	if (!e->action || !strchr("CRUDEPFA", e->action)) {
		rc = kr_error_say(err, KR_EINVAL, "Auditregel: onbekende actie '%c'.",
		                  "Audit entry: unknown action '%c'.", e->action ? e->action : '?');
		goto out;
	}
	if (e->when < 0) {
		rc = kr_error_say(err, KR_EINVAL, "Auditregel: een tijd voor 1970.",
		                  "Audit entry: a time before 1970.");
		goto out;
	}
	if ((rc = crypto_ready(err)))
		goto out;
	kr_date_timestamp(e->when, at);
	action[0] = e->action;
	action[1] = '\0';

	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = audit_seq(s, &seq, err)) ||
	    (rc = last_hash(s, prev, err)))
		goto out;
	r.id = seq + 1;
	r.at = at;
	r.who = e->who;
	r.on_behalf = e->on_behalf;
	r.action = action;
	r.ref = e->ref;
	r.address = e->address;
	r.detail = e->detail;
	chain_hash(prev, &r, hash);

	if ((rc = kri_stmt(s, "INSERT INTO audit(id, at, who, on_behalf, action, case_ref, "
	                   "address, detail, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	                   &st, err)))
		goto out;
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
	rc = kri_stmt_run(s, st, err);
out:
	if ((rc = kri_tx_end(&tx, rc, err)) == KR_OK && id_out)
		*id_out = r.id;
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
	sqlite3_stmt *st;
	struct kr_audit_row row;
	enum kr_status rc = KR_OK;
	int step;

	st = kri_store_stmt(s, ref ? "SELECT " ROW_COLUMNS " FROM audit WHERE case_ref = ?1 "
	                            "ORDER BY id"
	                          : "SELECT " ROW_COLUMNS " FROM audit ORDER BY id");
	if (!st)
		return read_failed(s, err);
	if (ref)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		fill_row(st, &row);
		if (fn(&row, arg))
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = read_failed(s, err);
out:
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_verify(struct kr_store *s, long long *first_bad_id,
                               struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	unsigned char prev[HASH_LEN], hash[HASH_LEN];
	enum kr_status rc;
	long long expect = 1, seq = 0;
	int step = SQLITE_DONE;

	*first_bad_id = 0;
	memset(prev, 0, sizeof prev);
	if ((rc = crypto_ready(err)))
		goto out;
	if (!(st = kri_store_stmt(s, "SELECT " ROW_COLUMNS " FROM audit ORDER BY id"))) {
		rc = read_failed(s, err);
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct row_text r;
		r.id = sqlite3_column_int64(st, 0);
		if (r.id < expect) {
			*first_bad_id = r.id;
			rc = kr_error_say(err, KR_EINVAL, "Regel %lld hoort niet in de keten van het "
			                  "logboek (regel %lld werd verwacht).", "Audit row %lld does "
			                  "not belong in the chain (expected row %lld).", r.id, expect);
			goto out;
		}
		if (r.id != expect) {
			*first_bad_id = expect;
			if (r.id == expect + 1)
				rc = kr_error_say(err, KR_EINVAL, "Regel %lld is uit het logboek verwijderd "
				                  "(regel %lld volgt op regel %lld).", "Audit row %lld was "
				                  "removed (row %lld follows row %lld).", expect, r.id,
				                  expect - 1);
			else
				rc = kr_error_say(err, KR_EINVAL, "Regels %lld tot en met %lld zijn uit het "
				                  "logboek verwijderd (regel %lld volgt op regel %lld).",
				                  "Audit rows %lld to %lld were removed (row %lld follows "
				                  "row %lld).", expect, r.id - 1, r.id, expect - 1);
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
			rc = kr_error_say(err, KR_EINVAL, "Regel %lld van het logboek is veranderd (of "
			                  "een regel ervoor is vervangen): de hash klopt niet.",
			                  "Audit row %lld was altered (or a row before it was replaced): "
			                  "its hash does not match.", r.id);
			goto out;
		}
		memcpy(prev, hash, HASH_LEN);
		expect++;
	}
	if (step != SQLITE_DONE) {
		rc = read_failed(s, err);
		goto out;
	}
	sqlite3_reset(st);
	st = NULL;
	if ((rc = audit_seq(s, &seq, err)))
		goto out;
	if (seq >= expect) {
		*first_bad_id = expect;
		rc = kr_error_say(err, KR_EINVAL, "Regels %lld tot en met %lld zijn van het eind van "
		                  "het logboek verwijderd.", "Audit rows %lld to %lld were removed "
		                  "from the end of the trail.", expect, seq);
	}
out:
	if (st)
		sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_head(struct kr_store *s, long long *count, char hex[65],
                             struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;

	*count = 0;
	hex[0] = '\0';
	st = kri_store_stmt(s, "SELECT (SELECT count(*) FROM audit), "
	                    "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1)");
	if (!st)
		return read_failed(s, err);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == HASH_LEN)
			sodium_bin2hex(hex, 65, sqlite3_column_blob(st, 1), HASH_LEN);
	} else {
		rc = read_failed(s, err);
	}
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
		return kr_error_say(err, KR_EIO, "Het schrijven van de CSV lukt niet.",
		                    "Writing the CSV failed.");
	if ((rc = kr_audit_each(s, ref, csv_row, &cs, err)))
		return rc;
	if (cs.failed || fflush(out))
		return kr_error_say(err, KR_EIO, "Het schrijven van de CSV lukt niet.",
		                    "Writing the CSV failed.");
	return KR_OK;
}
