/*
 * throttle.c - failed logins and lockouts (throttle_int.h) on the tables
 * login_failures (kind, key, at) and login_lockouts (kind, key, until) of
 * lib/sql/002_access.sql.  Times are integers (seconds since the epoch)
 * passed in by the caller, so tests move them at will.  Statements come
 * from the store's cache; the writes run inside the caller's unit of work.
 */
#include <ctype.h>
#include <stdio.h>

#include "store_int.h"
#include "throttle_int.h"

void kri_throttle_keys(const char *name, const char *address, struct kri_throttle_keys *k)
{
	size_t i;

	if (!name)
		name = "";
	for (i = 0; name[i] && i < KR_ACCOUNT_NAME_MAX; i++)
		k->account[i] = (char)tolower((unsigned char)name[i]);
	k->account[i] = '\0';
	snprintf(k->address, sizeof k->address, "%s", address && *address ? address : "-");
}

/* The cached statement for sql (a literal) in *st, with ?1 a, ?2 b and,
 * when sql has it, ?3 the number v bound. */
static enum kr_status keyed(struct kr_store *s, const char *sql, const char *a, const char *b,
                            long long v, sqlite3_stmt **st, struct kr_error *err)
{
	enum kr_status rc = kri_stmt(s, sql, st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(*st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(*st) >= 3)
		sqlite3_bind_int64(*st, 3, v);
	return KR_OK;
}

/* Runs sql (without rows) over (?1 kind, ?2 key, ?3 v). */
static enum kr_status run(struct kr_store *s, const char *sql, const char *kind,
                          const char *key, long long v, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = keyed(s, sql, kind, key, v, &st, err);
	return rc ? rc : kri_stmt_run(s, st, err);
}

/* The one number a query over (?1 a, ?2 b, ?3 v) answers, in *out. */
static enum kr_status number(struct kr_store *s, const char *sql, const char *a, const char *b,
                             long long v, long long *out, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = keyed(s, sql, a, b, v, &st, err);

	*out = 0;
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = kri_store_fail(s, err, "De mislukte aanmeldingen lezen lukt niet",
		                    "Reading the failed logins failed");
	sqlite3_reset(st);
	return rc;
}

enum kr_status kri_throttle_locked_until(struct kr_store *s, const struct kri_throttle_keys *k,
                                         time_t now, time_t *until, struct kr_error *err)
{
	long long u = 0;
	enum kr_status rc = number(s, "SELECT coalesce(max(until), 0) FROM login_lockouts "
	                           "WHERE until > ?3 AND ((kind = 'account' AND key = ?1) OR "
	                           "(kind = 'address' AND key = ?2))",
	                           k->account, k->address, (long long)now, &u, err);
	*until = (time_t)u;
	return rc;
}

/* One failure of kind/key; at `limit` failures in the window the key is
 * locked out and its failures forgotten. */
static enum kr_status fail_one(struct kr_store *s, const char *kind, const char *key, int limit,
                               const struct kr_auth_config *c, time_t now, struct kr_error *err)
{
	long long count = 0;
	enum kr_status rc;

	if ((rc = run(s, "INSERT INTO login_failures(kind, key, at) VALUES (?1, ?2, ?3)", kind, key,
	              (long long)now, err)) ||
	    (rc = number(s, "SELECT count(*) FROM login_failures WHERE kind = ?1 AND key = ?2 "
	                 "AND at > ?3", kind, key, (long long)(now - c->fail_window_s), &count,
	                 err)) ||
	    count < limit)
		return rc;
	if ((rc = run(s, "INSERT INTO login_lockouts(kind, key, until) VALUES (?1, ?2, ?3) "
	              "ON CONFLICT(kind, key) DO UPDATE SET until = excluded.until", kind, key,
	              (long long)(now + c->lockout_s), err)))
		return rc;
	return run(s, "DELETE FROM login_failures WHERE kind = ?1 AND key = ?2", kind, key, 0, err);
}

enum kr_status kri_throttle_fail(struct kr_store *s, const struct kri_throttle_keys *k,
                                 const struct kr_auth_config *c, time_t now,
                                 struct kr_error *err)
{
	enum kr_status rc = fail_one(s, "account", k->account, c->fail_account, c, now, err);
	if (rc)
		return rc;
	return fail_one(s, "address", k->address, c->fail_address, c, now, err);
}

enum kr_status kri_throttle_forgive(struct kr_store *s, const struct kri_throttle_keys *k,
                                    struct kr_error *err)
{
	return run(s, "DELETE FROM login_failures WHERE kind = ?1 AND key = ?2", "account",
	           k->account, 0, err);
}

enum kr_status kri_throttle_prune(struct kr_store *s, const struct kr_auth_config *c,
                                  time_t now, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_stmt(s, "DELETE FROM login_failures WHERE at <= ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (long long)(now - c->fail_window_s));
	if ((rc = kri_stmt_run(s, st, err)))
		return rc;
	if ((rc = kri_stmt(s, "DELETE FROM login_lockouts WHERE until <= ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (long long)now);
	return kri_stmt_run(s, st, err);
}
