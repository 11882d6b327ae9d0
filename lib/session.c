/*
 * session.c - logins and sessions of session.h on the `sessions` table of
 * lib/sql/002_access.sql, with throttle.c for failed logins and
 * password.c for the argon2id work.
 *
 * A login does its slow work before it takes the write lock: the lockout
 * check, the verification (or, for an unknown name, the same verification
 * against the dummy hash), and a rehash when the limits changed.  Only then
 * does one unit of work prune, record the failure or forgive the account,
 * store a new hash and insert the session.  Tokens are token.c's; the
 * database keeps their keyed hash.
 */
#include <string.h>

#include <sodium.h>

#include "account_int.h"
#include "auth_int.h"
#include "kring/session.h"
#include "password_int.h"
#include "session_int.h"
#include "store_int.h"
#include "throttle_int.h"
#include "token_int.h"

/* Runs sql (a literal without rows) on the token hash th (?1) and the
 * number v (?2, when sql has it) as one unit of work. */
static enum kr_status run_keyed(struct kr_store *s, const char *sql,
                                const unsigned char th[KRI_TOKEN_HASH], long long v,
                                struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, sql, &st, err)))
		goto out;
	sqlite3_bind_blob(st, 1, th, KRI_TOKEN_HASH, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, v);
	rc = kri_stmt_run(s, st, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kri_session_end_user(struct kr_store *s, long long user_id,
                                    struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = kri_stmt(s, "DELETE FROM sessions WHERE user_id = ?1", &st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	return kri_stmt_run(s, st, err);
}

/* Sessions past their limits, failures past their window, ended lockouts. */
static enum kr_status prune(struct kr_store *s, const struct kr_auth_config *c, time_t now,
                            struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_throttle_prune(s, c, now, err)))
		return rc;
	if ((rc = kri_stmt(s, "DELETE FROM sessions WHERE last_seen <= ?1 OR created <= ?2", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (long long)(now - c->idle_s));
	sqlite3_bind_int64(st, 2, (long long)(now - c->absolute_s));
	return kri_stmt_run(s, st, err);
}

enum kr_status kr_session_prune(struct kr_store *s, time_t now, struct kr_error *err)
{
	struct kr_auth_config c;
	struct kri_tx tx = KRI_TX_NONE;
	enum kr_status rc;

	kr_auth_config_get(&c);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	rc = prune(s, &c, now, err);
out:
	return kri_tx_end(&tx, rc, err);
}

/* The writes of a successful login: forgive the account, store the new
 * hash (when rehash is not ""), insert the session for u with hash th. */
static enum kr_status open_session(struct kr_store *s, const struct kri_throttle_keys *k,
                                   const struct kr_user *u, const char *old_hash,
                                   const char *rehash, const unsigned char th[KRI_TOKEN_HASH],
                                   time_t now, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_throttle_forgive(s, k, err)))
		return rc;
	if (rehash[0]) {
		if ((rc = kri_stmt(s, "UPDATE users SET pwhash = ?2 WHERE id = ?1 AND pwhash = ?3",
		                   &st, err)))
			return rc;
		sqlite3_bind_int64(st, 1, u->id);
		sqlite3_bind_text(st, 2, rehash, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, old_hash, -1, SQLITE_STATIC);
		if ((rc = kri_stmt_run(s, st, err)))
			return rc;
	}
	if ((rc = kri_stmt(s, "INSERT INTO sessions(token_hash, user_id, created, last_seen) "
	                   "VALUES (?1, ?2, ?3, ?3)", &st, err)))
		return rc;
	sqlite3_bind_blob(st, 1, th, KRI_TOKEN_HASH, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int64(st, 3, (long long)now);
	return kri_stmt_run(s, st, err);
}

enum kr_status kr_session_login(struct kr_store *s, const char *name, const char *password,
                                const char *address, time_t now, struct kr_login *out,
                                struct kr_error *err)
{
	struct kr_auth_config c;
	struct kri_throttle_keys k;
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_user u;
	char hash[KR_PASSWORD_HASH_MAX] = "", rehash[KR_PASSWORD_HASH_MAX] = "";
	unsigned char th[KRI_TOKEN_HASH];
	enum kr_status rc, found;
	time_t until = 0;
	bool ok = false;

	memset(out, 0, sizeof *out);
	if (!name)
		name = "";
	if (!password)
		password = "";
	kr_auth_config_get(&c);
	kri_throttle_keys(name, address, &k);
	if ((rc = kri_auth_ready(err)) ||
	    (rc = kri_throttle_locked_until(s, &k, now, &until, err)))
		goto out;
	if (until > now) {
		out->retry_after = (long)(until - now);
		rc = kr_error_say(err, KR_EPERM, "Te veel mislukte pogingen: probeer het over %ld "
		                  "minuten opnieuw.", "Too many failed logins: try again in %ld "
		                  "minute(s).", (out->retry_after + 59) / 60);
		goto out;
	}

	found = kr_account_name_valid(name) && strlen(password) <= KR_PASSWORD_MAX * 4
	        ? kri_account_find(s, name, &u, hash, NULL) : KR_ENOTFOUND;
	if (found == KR_EDB) {
		rc = kri_store_fail(s, err, "Het account lezen lukt niet", "Reading the account failed");
		goto out;
	}
	if (found == KR_OK) {
		ok = kr_password_verify(hash, password) && !u.disabled;
		if (ok && kr_password_needs_rehash(hash) &&
		    kr_password_hash(password, rehash, NULL) != KR_OK)
			rehash[0] = '\0';   /* keep the old hash; try again next time */
	} else {
		kri_password_verify_dummy(password);
	}

	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = prune(s, &c, now, err)))
		goto out;
	if (!ok) {
		if ((rc = kri_throttle_fail(s, &k, &c, now, err)))
			goto out;
		/* the failure is kept (committed) although the login is refused */
		if ((rc = kri_tx_end(&tx, KR_OK, err)))
			goto out;
		rc = kr_error_say(err, KR_EPERM, "Verkeerde gebruikersnaam of wachtwoord.",
		                  "Wrong user name or password.");
		goto out;
	}
	kri_token_new(KRI_TOKEN_SESSION, out->token, th);
	if ((rc = open_session(s, &k, &u, hash, rehash, th, now, err)))
		goto out;
	out->user = u;
out:
	rc = kri_tx_end(&tx, rc, err);
	if (rc && rc != KR_EPERM)
		memset(out, 0, sizeof *out);
	else if (rc)
		sodium_memzero(out->token, sizeof out->token);
	sodium_memzero(hash, sizeof hash);
	sodium_memzero(rehash, sizeof rehash);
	return rc;
}

enum kr_status kr_session_verify(struct kr_store *s, const char *token, time_t now,
                                 struct kr_user *user, struct kr_error *err)
{
	struct kr_auth_config c;
	sqlite3_stmt *st = NULL;
	unsigned char th[KRI_TOKEN_HASH];
	enum kr_status rc;
	time_t created = 0, last = 0;
	int step;

	memset(user, 0, sizeof *user);
	if ((rc = kri_auth_ready(err)))
		goto out;
	if (!kri_token_parse(KRI_TOKEN_SESSION, token, th)) {
		rc = kr_error_say(err, KR_EPERM, "Je bent niet ingelogd.", "You are not logged in.");
		goto out;
	}
	kr_auth_config_get(&c);
	if ((rc = kri_stmt(s, "SELECT s.created, s.last_seen, " KRI_USER_COLS " FROM sessions s "
	                   "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1", &st, err)))
		goto out;
	sqlite3_bind_blob(st, 1, th, KRI_TOKEN_HASH, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		created = (time_t)sqlite3_column_int64(st, 0);
		last = (time_t)sqlite3_column_int64(st, 1);
		kri_account_fill(st, 2, user);
	}
	sqlite3_reset(st);
	if (step == SQLITE_DONE) {
		rc = kr_error_say(err, KR_EPERM, "Je bent niet ingelogd.", "You are not logged in.");
		goto out;
	}
	if (step != SQLITE_ROW) {
		rc = kri_store_fail(s, err, "De sessie lezen lukt niet", "Reading the session failed");
		goto out;
	}
	if (user->disabled || now >= last + c.idle_s || now >= created + c.absolute_s) {
		if ((rc = run_keyed(s, "DELETE FROM sessions WHERE token_hash = ?1", th, 0, err)) ==
		    KR_OK)
			rc = kr_error_say(err, KR_EPERM, "De sessie is afgelopen: log opnieuw in.",
			                  "The session has ended: log in again.");
		goto out;
	}
	if (now - last >= c.touch_s)
		rc = run_keyed(s, "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1", th,
		               (long long)now, err);
out:
	if (rc)
		memset(user, 0, sizeof *user);
	return rc;
}

enum kr_status kr_session_logout(struct kr_store *s, const char *token, struct kr_error *err)
{
	unsigned char th[KRI_TOKEN_HASH];
	enum kr_status rc;

	if ((rc = kri_auth_ready(err)))
		return rc;
	if (!kri_token_parse(KRI_TOKEN_SESSION, token, th))
		return KR_OK;
	return run_keyed(s, "DELETE FROM sessions WHERE token_hash = ?1", th, 0, err);
}

enum kr_status kr_session_logout_all(struct kr_store *s, const char *name,
                                     struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_user u;
	enum kr_status rc;

	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = kri_account_find(s, name, &u, NULL, err)))
		goto out;
	rc = kri_session_end_user(s, u.id, err);
out:
	return kri_tx_end(&tx, rc, err);
}
