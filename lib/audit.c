/*
 * audit.c - the audit trail of audit.h on the `audit` table (lib/sql/
 * 002_access.sql, with the NEN 7513 columns of 003_audit_nen7513.sql):
 * writing a row, reading rows, recomputing the chain, the CSV export.
 *
 * Chaining: row n stores hash_n = HMAC-SHA256(key, hash_{n-1} ||
 * canon(row n)), with hash_0 = 32 zero bytes and the key of audit_key.c.
 * canon() writes the fields id, at, who, role, on_behalf, action, event,
 * result, object_type, case_ref, object, access_point, address, detail in
 * that order, each as "N" when NULL or "S<byte length>:<bytes>" otherwise
 * (id in decimal), so no two different rows share a serialisation.  The
 * trail of schema version 2 was chained without a key, SHA-256(hash_{n-1}
 * || canon1(row n)) over the first eight of those fields in their old
 * order (id, at, who, on_behalf, action, case_ref, address, detail);
 * audit_key.c re-chains such a trail once.  A new row's id is the table's
 * AUTOINCREMENT high-water mark plus one, so rows removed from the end
 * leave a gap that the next row, or the high-water mark itself, reveals.
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
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "audit_int.h"
#include "store_int.h"
#include "utf8_int.h"

#define HASH_LEN KRI_AUDIT_HASH_LEN

/* ---- the chain --------------------------------------------------------- */

/* Feeds one field to a SHA-256 or an HMAC-SHA256 state. */
struct feed {
	crypto_hash_sha256_state *sha;
	crypto_auth_hmacsha256_state *mac;
};

static void feed_bytes(struct feed *f, const void *p, size_t n)
{
	if (f->sha)
		crypto_hash_sha256_update(f->sha, p, (unsigned long long)n);
	else
		crypto_auth_hmacsha256_update(f->mac, p, (unsigned long long)n);
}

/* "S<n>:" into the end of buf (24 bytes); returns where it starts.  Written
 * by hand: snprintf was a third of the time of a verification. */
static const char *length_head(size_t n, char buf[24], size_t *len)
{
	char *p = buf + 24;
	*--p = ':';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10));
	*--p = 'S';
	*len = (size_t)(buf + 24 - p);
	return p;
}

static void canon_str(struct feed *f, const char *s)
{
	char buf[24];
	const char *head;
	size_t n, hl;

	if (!s) {
		feed_bytes(f, "N", 1);
		return;
	}
	n = strlen(s);
	head = length_head(n, buf, &hl);
	feed_bytes(f, head, hl);
	if (n)
		feed_bytes(f, s, n);
}

/* The id in decimal into buf (24 bytes), NUL-terminated. */
static const char *decimal(long long v, char buf[24])
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	char *p = buf + 23;
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--p = '-';
	return p;
}

void kri_audit_hash_v1(const unsigned char prev[HASH_LEN], const struct kri_audit_row *r,
                       unsigned char out[HASH_LEN])
{
	crypto_hash_sha256_state h;
	struct feed f = { &h, NULL };
	char id[24];

	crypto_hash_sha256_init(&h);
	feed_bytes(&f, prev, HASH_LEN);
	canon_str(&f, decimal(r->id, id));
	canon_str(&f, r->at);
	canon_str(&f, r->who);
	canon_str(&f, r->on_behalf);
	canon_str(&f, r->action);
	canon_str(&f, r->ref);
	canon_str(&f, r->address);
	canon_str(&f, r->detail);
	crypto_hash_sha256_final(&h, out);
}

void kri_audit_hash(const struct kri_audit_key *k, const unsigned char prev[HASH_LEN],
                    const struct kri_audit_row *r, unsigned char out[HASH_LEN])
{
	crypto_auth_hmacsha256_state h = k->start;   /* HMAC-SHA256 keyed with k->key */
	struct feed f = { NULL, &h };
	char id[24];

	feed_bytes(&f, prev, HASH_LEN);
	canon_str(&f, decimal(r->id, id));
	canon_str(&f, r->at);
	canon_str(&f, r->who);
	canon_str(&f, r->role);
	canon_str(&f, r->on_behalf);
	canon_str(&f, r->action);
	canon_str(&f, r->event);
	canon_str(&f, r->result);
	canon_str(&f, r->object_type);
	canon_str(&f, r->ref);
	canon_str(&f, r->object);
	canon_str(&f, r->access_point);
	canon_str(&f, r->address);
	canon_str(&f, r->detail);
	crypto_auth_hmacsha256_final(&h, out);
	sodium_memzero(&h, sizeof h);
}

/* ---- fields ------------------------------------------------------------ */

static const char *const result_names[] = { "", "ok", "refused", "error" };
static const char *const object_names[] = { "", "", "case", "account", "share", "settings",
                                            "audit" };

const char *kr_audit_result_name(enum kr_audit_result r)
{
	return (unsigned)r < sizeof result_names / sizeof *result_names ? result_names[r] : "";
}

const char *kr_audit_object_name(enum kr_audit_object o)
{
	return (unsigned)o < sizeof object_names / sizeof *object_names ? object_names[o] : "";
}

static enum kr_audit_result result_parse(const char *s)
{
	for (size_t i = 1; s && i < sizeof result_names / sizeof *result_names; i++)
		if (strcmp(s, result_names[i]) == 0)
			return (enum kr_audit_result)i;
	return KR_AUDIT_RESULT_DEFAULT;
}

static enum kr_audit_object object_parse(const char *s)
{
	for (size_t i = 2; s && i < sizeof object_names / sizeof *object_names; i++)
		if (strcmp(s, object_names[i]) == 0)
			return (enum kr_audit_object)i;
	return KR_AUDIT_OBJECT_DEFAULT;
}

/* The verb of an event made from a letter. */
static const char *letter_verb(char a)
{
	switch (a) {
	case 'C': return "create";
	case 'R': return "read";
	case 'U': return "update";
	case 'D': return "delete";
	case 'E': return "export";
	case 'P': return "print";
	case 'F': return "access";
	case 'A': return "auth";
	}
	return "other";
}

void kr_audit_digest(const char *text, char out[KR_AUDIT_DIGEST_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * 16 + 1];

	crypto_hash_sha256(h, (const unsigned char *)(text ? text : ""),
	                   text ? (unsigned long long)strlen(text) : 0);
	sodium_bin2hex(hex, sizeof hex, h, 16);
	snprintf(out, KR_AUDIT_DIGEST_LEN, "sha256:%s", hex);
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

enum kr_status kri_audit_read_failed(struct kr_store *s, struct kr_error *err)
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
		return kri_audit_read_failed(s, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		rc = kri_audit_read_failed(s, err);
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
		return kri_audit_read_failed(s, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_bytes(st, 0) == HASH_LEN)
		memcpy(prev, sqlite3_column_blob(st, 0), HASH_LEN);
	else if (step == SQLITE_ROW)
		rc = kr_error_say(err, KR_EINVAL, "De laatste regel van het logboek is beschadigd: "
		                  "voer kring audit --verify uit.", "The last audit row is damaged: "
		                  "run kring audit --verify.");
	else if (step != SQLITE_DONE)
		rc = kri_audit_read_failed(s, err);
	sqlite3_reset(st);
	return rc;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* The context of this thread (kr_audit_context_set); empty strings are
 * "not set". */
static _Thread_local struct {
	char on_behalf[KR_AUDIT_WHO_MAX + 1], address[KR_AUDIT_ADDR_MAX + 1];
	char access_point[KR_AUDIT_POINT_MAX + 1], role[KR_AUDIT_ROLE_MAX + 1];
} ctx;

static const char *ctx_or(const char *v, const char *def)
{
	return v ? v : *def ? def : NULL;
}

enum kr_status kr_audit_context_set(const struct kr_audit_context *c, struct kr_error *err)
{
	enum kr_status rc;

	memset(&ctx, 0, sizeof ctx);
	if (!c)
		return KR_OK;
	if ((rc = check_field("on_behalf", c->on_behalf, KR_AUDIT_WHO_MAX, false, err)) ||
	    (rc = check_field("address", c->address, KR_AUDIT_ADDR_MAX, false, err)) ||
	    (rc = check_field("access_point", c->access_point, KR_AUDIT_POINT_MAX, false, err)) ||
	    (rc = check_field("role", c->role, KR_AUDIT_ROLE_MAX, false, err)))
		return rc;
	snprintf(ctx.on_behalf, sizeof ctx.on_behalf, "%s", c->on_behalf ? c->on_behalf : "");
	snprintf(ctx.address, sizeof ctx.address, "%s", c->address ? c->address : "");
	snprintf(ctx.access_point, sizeof ctx.access_point, "%s",
	         c->access_point ? c->access_point : "");
	snprintf(ctx.role, sizeof ctx.role, "%s", c->role ? c->role : "");
	return KR_OK;
}

/* The text of one row made from an entry, with its defaults. */
struct made {
	char at[KR_DATE_STAMP_LEN], action[2], event[KR_AUDIT_EVENT_MAX + 1];
	struct kri_audit_row r;
};

static void make_row(const struct kr_audit_entry *e, long long id, struct made *m)
{
	enum kr_audit_result result = e->result;
	enum kr_audit_object ot = e->object_type;

	if (result == KR_AUDIT_RESULT_DEFAULT)
		result = e->action == KR_AUDIT_FAILED ? KR_AUDIT_RESULT_REFUSED : KR_AUDIT_RESULT_OK;
	if (ot == KR_AUDIT_OBJECT_DEFAULT)
		ot = e->ref ? KR_AUDIT_OBJECT_CASE : KR_AUDIT_OBJECT_NONE;
	if (e->event)
		snprintf(m->event, sizeof m->event, "%s", e->event);
	else
		snprintf(m->event, sizeof m->event, "%s.%s", ot == KR_AUDIT_OBJECT_NONE
		         ? (e->action == KR_AUDIT_AUTH ? "session" : "system")
		         : kr_audit_object_name(ot), letter_verb(e->action));
	kr_date_timestamp(e->when, m->at);
	m->action[0] = e->action;
	m->action[1] = '\0';
	memset(&m->r, 0, sizeof m->r);
	m->r.id = id;
	m->r.at = m->at;
	m->r.who = e->who;
	m->r.role = ctx_or(e->role, ctx.role);
	m->r.on_behalf = e->on_behalf || strcmp(ctx.on_behalf, e->who) == 0 ? e->on_behalf
	                 : ctx_or(NULL, ctx.on_behalf);
	m->r.action = m->action;
	m->r.event = m->event;
	m->r.result = kr_audit_result_name(result);
	m->r.object_type = ot == KR_AUDIT_OBJECT_NONE ? NULL : kr_audit_object_name(ot);
	m->r.ref = e->ref;
	m->r.object = e->object;
	m->r.access_point = ctx_or(e->access_point, ctx.access_point);
	m->r.address = ctx_or(e->address, ctx.address);
	m->r.detail = e->detail;
}

static enum kr_status insert_row(struct kr_store *s, const struct kri_audit_row *r,
                                 const unsigned char hash[HASH_LEN], struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_stmt(s, "INSERT INTO audit(id, at, who, on_behalf, action, case_ref, "
	                   "address, detail, hash, role, event, result, object_type, object, "
	                   "access_point) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	                   "?12, ?13, ?14, ?15)", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->who, -1, SQLITE_STATIC);
	bind_opt(st, 4, r->on_behalf);
	sqlite3_bind_text(st, 5, r->action, -1, SQLITE_STATIC);
	bind_opt(st, 6, r->ref);
	bind_opt(st, 7, r->address);
	bind_opt(st, 8, r->detail);
	sqlite3_bind_blob(st, 9, hash, HASH_LEN, SQLITE_STATIC);
	bind_opt(st, 10, r->role);
	bind_opt(st, 11, r->event);
	bind_opt(st, 12, r->result);
	bind_opt(st, 13, r->object_type);
	bind_opt(st, 14, r->object);
	bind_opt(st, 15, r->access_point);
	return kri_stmt_run(s, st, err);
}

/* Appends n entries after the last row, chained with k, inside the open
 * unit.  *last_id (may be NULL) is the id of the last one. */
static enum kr_status append_many(struct kr_store *s, const struct kri_audit_key *k,
                                  const struct kr_audit_entry *const *e, size_t n,
                                  long long *last_id, struct kr_error *err)
{
	unsigned char prev[HASH_LEN], hash[HASH_LEN];
	struct made m;
	enum kr_status rc;
	long long seq = 0;

	if ((rc = audit_seq(s, &seq, err)) || (rc = last_hash(s, prev, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		make_row(e[i], ++seq, &m);
		kri_audit_hash(k, prev, &m.r, hash);
		if ((rc = insert_row(s, &m.r, hash, err)))
			return rc;
		memcpy(prev, hash, HASH_LEN);
	}
	if (last_id)
		*last_id = seq;
	return KR_OK;
}

enum kr_status kri_audit_append(struct kr_store *s, const struct kri_audit_key *k,
                                const struct kr_audit_entry *e, long long *id_out,
                                struct kr_error *err)
{
	return append_many(s, k, &e, 1, id_out, err);
}

enum kr_status kr_audit_check(const struct kr_audit_entry *e, struct kr_error *err)
{
	enum kr_status rc;

	if ((rc = check_field("who", e->who, KR_AUDIT_WHO_MAX, true, err)) ||
	    (rc = check_field("on_behalf", e->on_behalf, KR_AUDIT_WHO_MAX, false, err)) ||
	    (rc = check_field("case", e->ref, KR_AUDIT_REF_MAX, false, err)) ||
	    (rc = check_field("address", e->address, KR_AUDIT_ADDR_MAX, false, err)) ||
	    (rc = check_field("detail", e->detail, KR_AUDIT_DETAIL_MAX, false, err)) ||
	    (rc = check_field("role", e->role, KR_AUDIT_ROLE_MAX, false, err)) ||
	    (rc = check_field("event", e->event, KR_AUDIT_EVENT_MAX, false, err)) ||
	    (rc = check_field("object", e->object, KR_AUDIT_OBJECT_MAX, false, err)) ||
	    (rc = check_field("access_point", e->access_point, KR_AUDIT_POINT_MAX, false, err)))
		return rc;
	if (!e->action || !strchr("CRUDEPFA", e->action))
		return kr_error_say(err, KR_EINVAL, "Auditregel: onbekende actie '%c'.",
		                    "Audit entry: unknown action '%c'.", e->action ? e->action : '?');
	if ((unsigned)e->result > KR_AUDIT_RESULT_ERROR ||
	    (unsigned)e->object_type > KR_AUDIT_OBJECT_AUDIT)
		return kr_error_say(err, KR_EINVAL, "Auditregel: onbekend resultaat of soort object.",
		                    "Audit entry: unknown result or object type.");
	if (e->object_type == KR_AUDIT_OBJECT_CASE && !e->ref && !e->object)
		return kr_error_say(err, KR_EINVAL, "Auditregel: een dossier zonder dossiernummer.",
		                    "Audit entry: a case without a reference.");
	if (e->when < 0)
		return kr_error_say(err, KR_EINVAL, "Auditregel: een tijd voor 1970.",
		                    "Audit entry: a time before 1970.");
	return KR_OK;
}

enum kr_status kr_audit_log_many(struct kr_store *s, const struct kr_audit_entry *const *e,
                                 size_t n, long long *last_id, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	const struct kri_audit_key *k = NULL;
	enum kr_status rc = KR_OK;
	long long id = 0;

	if (last_id)
		*last_id = 0;
	for (size_t i = 0; i < n && rc == KR_OK; i++)
		rc = kr_audit_check(e[i], err);
	if (rc || (rc = crypto_ready(err)))
		goto out;
	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = kri_audit_key_get(s, &k, err)))
		goto out;
	rc = append_many(s, k, e, n, &id, err);
out:
	if ((rc = kri_tx_end(&tx, rc, err)) == KR_OK && last_id)
		*last_id = id;
	return rc;
}

enum kr_status kr_audit_log(struct kr_store *s, const struct kr_audit_entry *e,
                            long long *id_out, struct kr_error *err)
{
	return kr_audit_log_many(s, &e, 1, id_out, err);
}

enum kr_status kr_audit_prepare(struct kr_store *s, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	const struct kri_audit_key *k = NULL;
	enum kr_status rc;

	if ((rc = crypto_ready(err)))
		return rc;
	if ((rc = kri_tx_begin(s, &tx, err)) == KR_OK)
		rc = kri_audit_key_get(s, &k, err);
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_audit_group_commit(struct kr_store *s, struct kr_error *err)
{
	if (sqlite3_exec(kri_store_db(s), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return kri_store_fail(s, err, "De database laat zich niet instellen",
		                      "The database refuses the setting");
	return KR_OK;
}

/* ---- reading ----------------------------------------------------------- */

static const char *col_text(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
	                                                 : (const char *)sqlite3_column_text(st, i);
}

void kri_audit_row_read(sqlite3_stmt *st, struct kri_audit_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->at = col_text(st, 1);
	r->who = col_text(st, 2);
	r->on_behalf = col_text(st, 3);
	r->action = col_text(st, 4);
	r->ref = col_text(st, 5);
	r->address = col_text(st, 6);
	r->detail = col_text(st, 7);
	r->role = col_text(st, 9);
	r->event = col_text(st, 10);
	r->result = col_text(st, 11);
	r->object_type = col_text(st, 12);
	r->object = col_text(st, 13);
	r->access_point = col_text(st, 14);
}

static void copy(char *dst, size_t n, const char *v)
{
	snprintf(dst, n, "%s", v ? v : "");
}

static void fill_row(sqlite3_stmt *st, struct kr_audit_row *row)
{
	struct kri_audit_row r;

	kri_audit_row_read(st, &r);
	memset(row, 0, sizeof *row);
	row->id = r.id;
	copy(row->when, sizeof row->when, r.at);
	copy(row->who, sizeof row->who, r.who);
	row->has_on_behalf = r.on_behalf != NULL;
	copy(row->on_behalf, sizeof row->on_behalf, r.on_behalf);
	row->action = r.action && *r.action ? *r.action : '?';
	row->has_ref = r.ref != NULL;
	copy(row->ref, sizeof row->ref, r.ref);
	row->has_address = r.address != NULL;
	copy(row->address, sizeof row->address, r.address);
	copy(row->detail, sizeof row->detail, r.detail);
	copy(row->role, sizeof row->role, r.role);
	copy(row->event, sizeof row->event, r.event);
	row->result = result_parse(r.result);
	row->object_type = r.object_type ? object_parse(r.object_type) : KR_AUDIT_OBJECT_DEFAULT;
	copy(row->object, sizeof row->object, r.object);
	copy(row->access_point, sizeof row->access_point, r.access_point);
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

	st = kri_store_stmt(s, ref ? "SELECT " KRI_AUDIT_COLUMNS " FROM audit WHERE case_ref = ?1 "
	                            "ORDER BY id"
	                          : "SELECT " KRI_AUDIT_COLUMNS " FROM audit ORDER BY id");
	if (!st)
		return kri_audit_read_failed(s, err);
	if (ref)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		fill_row(st, &row);
		if (fn(&row, arg))
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = kri_audit_read_failed(s, err);
out:
	sqlite3_reset(st);
	return rc;
}

/* ---- verifying ----------------------------------------------------------- */

enum kr_status kri_audit_walk(struct kr_store *s, const struct kri_audit_key *k,
                              void (*at_seq)(long long id, const unsigned char hash[HASH_LEN],
                                             void *arg),
                              void *arg, long long *first_bad_id, long long *last_id,
                              struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	unsigned char prev[HASH_LEN], hash[HASH_LEN];
	enum kr_status rc;
	long long expect = 1, seq = 0;
	int step = SQLITE_DONE;

	*first_bad_id = 0;
	*last_id = 0;
	memset(prev, 0, sizeof prev);
	if ((rc = crypto_ready(err)))
		goto out;
	if (!(st = kri_store_stmt(s, "SELECT " KRI_AUDIT_COLUMNS " FROM audit ORDER BY id"))) {
		rc = kri_audit_read_failed(s, err);
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kri_audit_row r;
		kri_audit_row_read(st, &r);
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
		if (k)
			kri_audit_hash(k, prev, &r, hash);
		else
			kri_audit_hash_v1(prev, &r, hash);
		if (sqlite3_column_bytes(st, 8) != HASH_LEN ||
		    sodium_memcmp(sqlite3_column_blob(st, 8), hash, HASH_LEN) != 0) {
			*first_bad_id = r.id;
			rc = kr_error_say(err, KR_EINVAL, "Regel %lld van het logboek is veranderd, "
			                  "ingevoegd of verplaatst (of een regel ervoor is vervangen): "
			                  "de hash klopt niet.", "Audit row %lld was altered, inserted "
			                  "or moved (or a row before it was replaced): its hash does not "
			                  "match.", r.id);
			goto out;
		}
		if (at_seq)
			at_seq(r.id, hash, arg);
		memcpy(prev, hash, HASH_LEN);
		*last_id = r.id;
		expect++;
	}
	if (step != SQLITE_DONE) {
		rc = kri_audit_read_failed(s, err);
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

/* A trail that names no key must never have had one: no row written with a
 * key (they all have a result), no key file beside it.  Else its key id was
 * removed, to have altered rows re-chained as if they were old: KR_EINVAL. */
static enum kr_status never_keyed(struct kr_store *s, struct kr_error *err)
{
	sqlite3_stmt *st;
	char path[4096];
	bool rows = false;

	if (!(st = kri_store_stmt(s, "SELECT 1 FROM audit WHERE result IS NOT NULL LIMIT 1")))
		return kri_audit_read_failed(s, err);
	rows = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (rows || (kr_audit_key_path(s, path, sizeof path, NULL) == KR_OK &&
	             access(path, F_OK) == 0))
		return kr_error_say(err, KR_EINVAL, "Het logboek noemt geen sleutel, maar %s: de "
		                    "sleutel-id is uit de database gehaald.", "The audit trail names "
		                    "no key, but %s: its key id was removed from the database.",
		                    rows ? kr_tr(err ? err->lang : KR_LANG_NL,
		                                 "er staan regels in die met een sleutel zijn "
		                                 "geschreven", "it holds rows written with a key")
		                         : kr_tr(err ? err->lang : KR_LANG_NL,
		                                 "het sleutelbestand bestaat", "the key file exists"));
	return KR_OK;
}

enum kr_status kr_audit_verify(struct kr_store *s, long long *first_bad_id,
                               struct kr_error *err)
{
	const struct kri_audit_key *k = NULL;
	unsigned char id[KRI_AUDIT_KEY_ID_LEN];
	bool keyed = false;
	long long last = 0;
	enum kr_status rc;

	*first_bad_id = 0;
	if ((rc = crypto_ready(err)) || (rc = kri_audit_db_key_id(s, id, &keyed, err)))
		return rc;
	/* a trail not yet re-chained is checked by its old chain (verifying
	 * never writes), unless it shows it had a key */
	if (!keyed && (rc = never_keyed(s, err)))
		return rc;
	if (keyed && (rc = kri_audit_key_get(s, &k, err)))
		return rc;
	return kri_audit_walk(s, k, NULL, NULL, first_bad_id, &last, err);
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
		return kri_audit_read_failed(s, err);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == HASH_LEN)
			sodium_bin2hex(hex, 65, sqlite3_column_blob(st, 1), HASH_LEN);
	} else {
		rc = kri_audit_read_failed(s, err);
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
	const char *cells[14];

	snprintf(id, sizeof id, "%lld", row->id);
	cells[0] = id;
	cells[1] = row->when;
	cells[2] = row->who;
	cells[3] = row->on_behalf;
	cells[4] = action;
	cells[5] = row->ref;
	cells[6] = row->address;
	cells[7] = row->detail;
	cells[8] = row->role;
	cells[9] = row->event;
	cells[10] = kr_audit_result_name(row->result);
	cells[11] = kr_audit_object_name(row->object_type);
	cells[12] = row->object;
	cells[13] = row->access_point;
	if (csv_line(cs->out, cells, 14)) {
		cs->failed = 1;
		return 1;
	}
	return 0;
}

enum kr_status kr_audit_export_csv(struct kr_store *s, const char *ref, FILE *out,
                                   struct kr_error *err)
{
	static const char *const header[14] = {
		"id", "time", "who", "on_behalf", "action", "case", "address", "detail",
		"role", "event", "result", "object_type", "object", "access_point"
	};
	struct csv_state cs = { out, 0 };
	enum kr_status rc;

	if (csv_line(out, header, 14))
		return kr_error_say(err, KR_EIO, "Het schrijven van de CSV lukt niet.",
		                    "Writing the CSV failed.");
	if ((rc = kr_audit_each(s, ref, csv_row, &cs, err)))
		return rc;
	if (cs.failed || fflush(out))
		return kr_error_say(err, KR_EIO, "Het schrijven van de CSV lukt niet.",
		                    "Writing the CSV failed.");
	return KR_OK;
}
