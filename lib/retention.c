/*
 * retention.c - the retention rule of retention.h, destroying a case by
 * the one controlled path, and the two-admin requests to erase a case early.
 *
 * Destruction (kr_retention_destroy): one transaction that inserts the
 * `destroying` row (lib/sql/005_retention.sql: only while it exists may a
 * revision of that case be deleted), deletes the case's rows from every
 * table that has a case_id or case_ref column (found in the schema, so a
 * table another module adds later is covered without a change here; the
 * audit trail is left alone), then the case, then the `destroying` row,
 * and appends the tombstone with the public audit API (kr_audit_log), so
 * the trail stays a valid chain.  The family plans that name the case are
 * destroyed with it (destroy_plans), every revision: their text holds the
 * child's name.  secure_delete is on for the connection,
 * so SQLite overwrites what it frees; after the commit the write-ahead log
 * is checkpointed and truncated and the file vacuumed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "family_plan_int.h"
#include "kring/account.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/retention.h"
#include "store_int.h"

#define REASON_MAX 200

void kr_retention_of(const struct kr_case *c, const struct kr_settings *set,
                     struct kr_retention *out)
{
	struct kr_settings def;
	json_t *cs = json_object_get(kr_case_doc(c), "case");
	json_t *measure = json_object_get(cs, "measure");

	if (!set) {
		kr_settings_defaults(&def);
		set = &def;
	}
	memset(out, 0, sizeof *out);
	snprintf(out->ref, sizeof out->ref, "%s", c->ref ? c->ref : "");
	out->ended = -1;
	out->due = -1;
	out->measure = measure && !json_is_null(measure);
	for (size_t i = 0; i < c->npersons && !out->measure; i++)
		out->measure = (c->persons[i].roles & KR_ROLE_BIT(KR_ROLE_GUARDIAN)) != 0;
	/* after a measure the longer of the two terms: a shorter measure term
	 * (settings written before the floors of settings.c) never shortens
	 * what the general term keeps */
	out->years = set->v[KR_SET_RETENTION_YEARS];
	if (out->measure && set->v[KR_SET_RETENTION_MEASURE_YEARS] > out->years)
		out->years = set->v[KR_SET_RETENTION_MEASURE_YEARS];
	if (kr_date_valid(c->closed)) {
		out->ended = kr_date_last(c->closed);
	} else {
		/* the end of the last placement, when every placement has ended */
		long last = -1;
		for (size_t i = 0; i < c->nplacements; i++) {
			if (!kr_date_valid(c->placements[i].end)) {
				last = -1;
				break;
			}
			if (kr_date_last(c->placements[i].end) > last)
				last = kr_date_last(c->placements[i].end);
		}
		out->ended = last;
	}
	if (out->ended >= 0)
		out->due = kr_days_add_months(out->ended, out->years * 12) + 1;
}

struct listing {
	const struct kr_settings *set;
	long today;
	bool due_only;
	struct kr_retention *v;
	size_t n, cap;
	bool nomem;
};

static int list_one(const struct kr_case *c, long rev, void *arg)
{
	struct listing *l = arg;
	struct kr_retention r;
	(void)rev;

	kr_retention_of(c, l->set, &r);
	if (l->due_only && (r.due < 0 || r.due > l->today))
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct kr_retention *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->nomem = true;
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = r;
	return 0;
}

enum kr_status kr_retention_list(struct kr_store *s, const struct kr_settings *set, long today,
                                 bool due_only, struct kr_retention **out, size_t *n,
                                 struct kr_error *err)
{
	struct listing l = { set, today, due_only, NULL, 0, 0, false };
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	rc = kr_store_each(s, list_one, &l, err);
	if (rc == KR_OK && l.nomem)
		rc = kr_error_say(err, KR_ENOMEM, "Het geheugen is op.", "Out of memory.");
	if (rc) {
		free(l.v);
		return rc;
	}
	*out = l.v;
	*n = l.n;
	return KR_OK;
}

/* ---- destruction ------------------------------------------------------------------ */

static enum kr_status exec_sql(struct kr_store *s, const char *sql, struct kr_error *err)
{
	if (sqlite3_exec(kri_store_db(s), sql, NULL, NULL, NULL) != SQLITE_OK)
		return kri_store_fail(s, err, "De database weigert een opdracht",
		                      "The database refuses a statement");
	return KR_OK;
}

/* Deletes the rows of the case (id, ref) from every table with a case_id or
 * case_ref column, except the audit trail and `cases` itself. */
static enum kr_status delete_rows(struct kr_store *s, sqlite3_int64 id, const char *ref,
                                  struct kr_error *err)
{
	sqlite3 *db = kri_store_db(s);
	sqlite3_stmt *tabs = NULL;
	enum kr_status rc = KR_OK;
	int step;

	if (sqlite3_prepare_v2(db, "SELECT m.name, c.name FROM sqlite_schema m, "
	                       "pragma_table_info(m.name) c WHERE m.type = 'table' AND "
	                       "m.name NOT IN ('audit', 'cases', 'destroying') AND "
	                       "m.name NOT LIKE 'sqlite_%' AND c.name IN ('case_id', 'case_ref') "
	                       "ORDER BY m.name", -1, &tabs, NULL) != SQLITE_OK)
		return kri_store_fail(s, err, "De tabellen lezen lukt niet",
		                      "Reading the tables failed");
	while (rc == KR_OK && (step = sqlite3_step(tabs)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(tabs, 0);
		const char *col = (const char *)sqlite3_column_text(tabs, 1);
		char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE \"%w\" = ?1", table, col);
		sqlite3_stmt *del = NULL;
		if (!sql) {
			rc = kr_error_say(err, KR_ENOMEM, "Het geheugen is op.", "Out of memory.");
			break;
		}
		if (sqlite3_prepare_v2(db, sql, -1, &del, NULL) != SQLITE_OK) {
			rc = kri_store_fail(s, err, "Vernietigen lukt niet", "Destroying failed");
		} else {
			if (strcmp(col, "case_id") == 0)
				sqlite3_bind_int64(del, 1, id);
			else
				sqlite3_bind_text(del, 1, ref, -1, SQLITE_STATIC);
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = kri_store_fail(s, err, "Vernietigen lukt niet", "Destroying failed");
		}
		sqlite3_finalize(del);
		sqlite3_free(sql);
	}
	sqlite3_finalize(tabs);
	return rc;
}

/*
 * The family plans that name case ref in any of their revisions (a plan
 * links a case by its ref in "cases"; an earlier revision may link a case
 * the latest one no longer does) are destroyed with it, every revision:
 * their own text holds the child's name and the names of the child's
 * people (lib/sql/011_family_plan_destroy.sql).  Inside the destruction's
 * transaction, while the `destroying` row exists.  The ids of the plans
 * destroyed are appended to list (", "-separated, at most n bytes) for
 * the tombstone.
 */
static enum kr_status destroy_plans(struct kr_store *s, const char *ref, char *list, size_t n,
                                    struct kr_error *err)
{
	static const char *const del[] = {
		"DELETE FROM family_plan_revisions WHERE plan_id = ?1",
		"DELETE FROM family_plan_cases WHERE plan_id = ?1",
		"DELETE FROM family_plans WHERE id = ?1",
	};
	sqlite3 *db = kri_store_db(s);
	sqlite3_stmt *find = NULL, *st = NULL;
	enum kr_status rc = KR_OK;
	size_t len = 0;
	int step;

	list[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT plan_id FROM family_plan_cases WHERE case_ref = ?1 "
	                       "UNION SELECT DISTINCT r.plan_id FROM family_plan_revisions r, "
	                       "json_each(r.doc, '$.cases') c WHERE json_valid(r.doc) AND "
	                       "c.value = ?1 ORDER BY 1", -1, &find, NULL) != SQLITE_OK)
		return kri_store_fail(s, err, "De gezinsplannen lezen lukt niet",
		                      "Reading the family plans failed");
	sqlite3_bind_text(find, 1, ref, -1, SQLITE_STATIC);
	/* the ids first: the deletes change what the query reads */
	while ((step = sqlite3_step(find)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(find, 0);
		int w = snprintf(list + len, n - len, "%s%s", len ? ", " : "", id ? id : "");
		if (w < 0 || (size_t)w >= n - len) {
			rc = kr_error_say(err, KR_ETOOBIG, "Dossier %s staat in te veel gezinsplannen "
			                  "om in één keer te vernietigen.", "Case %s is in too many "
			                  "family plans to destroy at once.", ref);
			break;
		}
		len += (size_t)w;
	}
	if (rc == KR_OK && step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "De gezinsplannen lezen lukt niet",
		                    "Reading the family plans failed");
	sqlite3_finalize(find);
	for (char *p = list; rc == KR_OK && *p;) {
		size_t idn = strcspn(p, ",");
		char id[72];
		/* the siblings' signal facts counted this plan's meetings
		 * (family_plan_int.h): judged again without them */
		snprintf(id, sizeof id, "%.*s", (int)idn, p);
		if ((rc = kri_fplan_cases_stale(s, id, err)))
			break;
		for (size_t i = 0; rc == KR_OK && i < sizeof del / sizeof del[0]; i++) {
			if (sqlite3_prepare_v2(db, del[i], -1, &st, NULL) != SQLITE_OK) {
				rc = kri_store_fail(s, err, "Vernietigen lukt niet", "Destroying failed");
				break;
			}
			sqlite3_bind_text(st, 1, p, (int)idn, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = kri_store_fail(s, err, "Vernietigen lukt niet", "Destroying failed");
			sqlite3_finalize(st);
		}
		p += idn;
		p += strspn(p, ", ");
	}
	return rc;
}

/* A checked legal ground or reason: 1 to REASON_MAX bytes, no control
 * characters. */
static enum kr_status check_reason(const char *reason, struct kr_error *err)
{
	size_t n = reason ? strlen(reason) : 0;
	if (n == 0 || n > REASON_MAX)
		return kr_error_say(err, KR_EINVAL, "Geef de wettelijke grond (1 tot %d tekens, "
		                    "zonder namen).", "Give the legal ground (1 to %d characters, no "
		                    "names).", REASON_MAX);
	for (const char *p = reason; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return kr_error_say(err, KR_EINVAL, "De grond mag geen stuurtekens bevatten.",
			                    "The ground may not hold control characters.");
	return KR_OK;
}

enum kr_status kr_retention_compact(struct kr_store *s, struct kr_error *err)
{
	sqlite3 *db = kri_store_db(s);
	int busy = 0, logged = 0, done = 0;

	if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &logged, &done) !=
	    SQLITE_OK || logged != done)
		busy = 1;
	if (!busy && sqlite3_exec(db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
		busy = 1;
	if (!busy && (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &logged,
	                                        &done) != SQLITE_OK || logged != done))
		busy = 1;
	if (busy)
		return kri_store_fail(s, err, "Het bestand opschonen lukt nu niet (de database is "
		                      "in gebruik); probeer het opnieuw als het rustig is",
		                      "The file cannot be compacted now (the database is in use); "
		                      "try again when it is quiet");
	return KR_OK;
}

/* The tombstone's fingerprint of the case: BLAKE2b-128 of its latest
 * document, as 32 hex digits. */
static enum kr_status case_hash(struct kr_store *s, const char *ref, char hex[33],
                                struct kr_error *err)
{
	unsigned char h[16];
	char *text = NULL;
	size_t n = 0;
	enum kr_status rc = kr_store_get_text(s, ref, 0, &text, &n, NULL, err);

	if (rc)
		return rc;
	crypto_generichash(h, sizeof h, (const unsigned char *)text, n, NULL, 0);
	sodium_memzero(text, n);
	free(text);
	sodium_bin2hex(hex, 33, h, sizeof h);
	return KR_OK;
}

/* The destruction itself, inside the caller's open transaction. */
static enum kr_status destroy_in_tx(struct kr_store *s, const char *ref, const char *who,
                                    const char *ground, const char *kind, time_t now,
                                    struct kr_error *err)
{
	struct kr_audit_entry e;
	sqlite3_stmt *st;
	sqlite3_int64 id = 0;
	enum kr_status rc;
	char hex[33], detail[KR_AUDIT_DETAIL_MAX + 1], plans[128];
	int step;

	if ((rc = case_hash(s, ref, hex, err)))
		return rc;
	if ((rc = kri_stmt(s, "SELECT id FROM cases WHERE ref = ?1", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (step != SQLITE_ROW)
		return step == SQLITE_DONE ? kr_error_say(err, KR_ENOTFOUND, "Er is geen dossier %s.",
		                                          "There is no case %s.", ref)
		                           : kri_store_fail(s, err, "Het dossier lezen lukt niet",
		                                            "Reading the case failed");
	if ((rc = kri_stmt(s, "INSERT INTO destroying(id, case_id) VALUES (1, ?1)", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = kri_stmt_run(s, st, err)) ||
	    (rc = destroy_plans(s, ref, plans, sizeof plans, err)) ||
	    (rc = delete_rows(s, id, ref, err)))
		return rc;
	if ((rc = kri_stmt(s, "DELETE FROM cases WHERE id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = kri_stmt_run(s, st, err)) || (rc = exec_sql(s, "DELETE FROM destroying", err)))
		return rc;
	snprintf(detail, sizeof detail, "case destroyed (%s), document %s%s%s, ground: %s", kind,
	         hex, *plans ? ", family plans destroyed: " : "", plans, ground);
	memset(&e, 0, sizeof e);
	e.who = who;
	e.when = now;
	e.action = KR_AUDIT_DELETE;
	e.ref = ref;
	e.detail = detail;
	return kr_audit_log(s, &e, NULL, err);
}

/* Runs destroy_in_tx in a transaction of its own with secure_delete on,
 * then compacts. */
static enum kr_status destroy(struct kr_store *s, const char *ref, const char *who,
                              const char *ground, const char *kind, time_t now,
                              long long request, bool *compacted, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	enum kr_status rc;

	if (compacted)
		*compacted = false;
	if (!sqlite3_get_autocommit(kri_store_db(s)))
		return kr_error_say(err, KR_EUSAGE, "Vernietigen kan niet binnen een transactie.",
		                    "Destroying cannot run inside a transaction.");
	if (!who || !*who)
		return kr_error_say(err, KR_EUSAGE, "Wie vernietigt?", "Who destroys?");
	if ((rc = check_reason(ground, err)) ||
	    (rc = exec_sql(s, "PRAGMA secure_delete = ON", err)))
		return rc;
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if (request > 0) {
		/* the request must still be open when the second admin confirms */
		sqlite3_stmt *st;
		if ((rc = kri_stmt(s, "SELECT 1 FROM erase_requests WHERE id = ?1 AND state = 'open'",
		                   &st, err)))
			goto out;
		sqlite3_bind_int64(st, 1, request);
		if (sqlite3_step(st) != SQLITE_ROW)
			rc = kr_error_say(err, KR_ENOTFOUND, "Er is geen open verzoek %lld.",
			                  "There is no open request %lld.", request);
		sqlite3_reset(st);
		if (rc)
			goto out;
	}
	rc = destroy_in_tx(s, ref, who, ground, kind, now, err);
out:
	rc = kri_tx_end(&tx, rc, err);
	if (rc == KR_OK && kr_retention_compact(s, NULL) == KR_OK && compacted)
		*compacted = true;
	return rc;
}

enum kr_status kr_retention_destroy(struct kr_store *s, const char *ref, const char *who,
                                    const char *ground, time_t now, bool *compacted,
                                    struct kr_error *err)
{
	return destroy(s, ref, who, ground, "retention", now, 0, compacted, err);
}

/* ---- erase requests (four eyes) -------------------------------------------------- */

static enum kr_status must_be_admin(struct kr_store *s, const char *name, struct kr_error *err)
{
	struct kr_user u;
	if (!name || kr_account_get(s, name, &u, NULL) != KR_OK || u.role != KR_ACCOUNT_ADMIN ||
	    u.disabled)
		return kr_error_say(err, KR_EPERM, "%s is geen beheerder (admin) die kan inloggen.",
		                    "%s is not an admin who can log in.", name ? name : "?");
	return KR_OK;
}

static int fill_request(sqlite3_stmt *st, void *element)
{
	struct kr_erase_request *q = element;
	memset(q, 0, sizeof *q);
	q->id = sqlite3_column_int64(st, 0);
	kri_column_copy(q->ref, sizeof q->ref, st, 1);
	kri_column_copy(q->reason, sizeof q->reason, st, 2);
	kri_column_copy(q->requested_by, sizeof q->requested_by, st, 3);
	q->requested = (time_t)sqlite3_column_int64(st, 4);
	q->open = strcmp((const char *)sqlite3_column_text(st, 5), "open") == 0;
	kri_column_copy(q->decided_by, sizeof q->decided_by, st, 6);
	return 0;
}

#define REQUEST_COLS "id, case_ref, reason, requested_by, requested, state, decided_by"

/* Request id (open or not) into *q.  KR_ENOTFOUND when there is none. */
static enum kr_status get_request(struct kr_store *s, long long id, struct kr_erase_request *q,
                                  struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	if ((rc = kri_stmt(s, "SELECT " REQUEST_COLS " FROM erase_requests WHERE id = ?1", &st,
	                   err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		fill_request(st, q);
	sqlite3_reset(st);
	if (step == SQLITE_ROW && q->open)
		return KR_OK;
	if (step == SQLITE_ROW || step == SQLITE_DONE)
		return kr_error_say(err, KR_ENOTFOUND, "Er is geen open verzoek %lld.",
		                    "There is no open request %lld.", id);
	return kri_store_fail(s, err, "Het verzoek lezen lukt niet", "Reading the request failed");
}

enum kr_status kr_erase_request(struct kr_store *s, const char *ref, const char *admin,
                                const char *reason, time_t now, long long *id_out,
                                struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_audit_entry e;
	sqlite3_stmt *st;
	enum kr_status rc;
	long head;
	int step;

	if (id_out)
		*id_out = 0;
	if ((rc = check_reason(reason, err)) || (rc = must_be_admin(s, admin, err)) ||
	    (rc = kr_store_head(s, ref, &head, err)))
		return rc;
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "SELECT 1 FROM erase_requests WHERE case_ref = ?1 AND state = 'open'",
	                   &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_ROW) {
		rc = kr_error_say(err, KR_ECONFLICT, "Voor dossier %s is al een verzoek open.",
		                  "Case %s has an open request already.", ref);
		goto out;
	}
	if ((rc = kri_stmt(s, "INSERT INTO erase_requests(case_ref, reason, requested_by, requested) "
	                   "VALUES (?1, ?2, ?3, ?4)", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, admin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	if ((rc = kri_stmt_run(s, st, err)))
		goto out;
	if (id_out)
		*id_out = sqlite3_last_insert_rowid(kri_store_db(s));
	memset(&e, 0, sizeof e);
	e.who = admin;
	e.when = now;
	e.action = KR_AUDIT_UPDATE;
	e.ref = ref;
	e.detail = "erasure requested (waits for a second admin)";
	rc = kr_audit_log(s, &e, NULL, err);
out:
	rc = kri_tx_end(&tx, rc, err);
	if (rc && id_out)
		*id_out = 0;
	return rc;
}

enum kr_status kr_erase_confirm(struct kr_store *s, long long id, const char *admin, time_t now,
                                bool *compacted, struct kr_error *err)
{
	struct kr_erase_request q;
	enum kr_status rc;

	if (compacted)
		*compacted = false;
	if ((rc = must_be_admin(s, admin, err)) || (rc = get_request(s, id, &q, err)))
		return rc;
	if (strcmp(q.requested_by, admin) == 0)
		return kr_error_say(err, KR_EPERM, "Een tweede beheerder moet het verzoek bevestigen, "
		                    "niet %s die het deed.", "A second admin must confirm the request, "
		                    "not %s who made it.", admin);
	return destroy(s, q.ref, admin, q.reason, "erasure on request", now, id, compacted, err);
}

enum kr_status kr_erase_withdraw(struct kr_store *s, long long id, const char *admin,
                                 time_t now, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_erase_request q;
	struct kr_audit_entry e;
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = must_be_admin(s, admin, err)) || (rc = get_request(s, id, &q, err)))
		return rc;
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "UPDATE erase_requests SET state = 'withdrawn', decided_by = ?2, "
	                   "decided = ?3 WHERE id = ?1 AND state = 'open'", &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, admin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if ((rc = kri_stmt_run(s, st, err)))
		goto out;
	memset(&e, 0, sizeof e);
	e.who = admin;
	e.when = now;
	e.action = KR_AUDIT_UPDATE;
	e.ref = q.ref;
	e.detail = "erasure request withdrawn";
	rc = kr_audit_log(s, &e, NULL, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_erase_list(struct kr_store *s, struct kr_erase_request **out, size_t *n,
                             struct kr_error *err)
{
	sqlite3_stmt *st;
	void *v = NULL;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT " REQUEST_COLS " FROM erase_requests WHERE state = 'open' "
	                   "ORDER BY id", &st, err)))
		return rc;
	rc = kri_stmt_rows(s, st, sizeof **out, fill_request, NULL, &v, n, err);
	*out = v;
	return rc;
}
