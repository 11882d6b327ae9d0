/*
 * account.c - the user accounts of account.h on the `users` table of
 * lib/sql/002_access.sql.
 *
 * Slow password hashing runs before the write lock is taken (the unit of
 * work begins after it), so a new account or password does not hold other
 * writers up for the length of an argon2id hash.  Every write is one unit
 * of the store's transaction helper; disabling an account and changing its
 * password end its sessions (session_int.h) inside the same unit.
 * Statements come from the store's cache and are reset on every path.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "account_int.h"
#include "auth_int.h"
#include "kring/date.h"
#include "session_int.h"
#include "store_int.h"

static const char *const role_names[KR_ACCOUNT_ROLES] = { "worker", "lead", "analyst", "admin" };

const char *kr_account_role_name(enum kr_account_role role)
{
	return (unsigned)role < KR_ACCOUNT_ROLES ? role_names[role] : "?";
}

int kr_account_role_parse(const char *s, enum kr_account_role *out)
{
	for (int i = 0; s && i < KR_ACCOUNT_ROLES; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum kr_account_role)i;
			return 0;
		}
	return -1;
}

bool kr_account_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 2 || n > KR_ACCOUNT_NAME_MAX || !isalnum((unsigned char)name[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!isalnum(c) && c != '.' && c != '_' && c != '@' && c != '-')
			return false;
	}
	return true;
}

/* Refuses a malformed name, team or role with a message; KR_OK otherwise. */
static enum kr_status check_fields(const char *name, const char *team, enum kr_account_role role,
                                   struct kr_error *err)
{
	if (name && !kr_account_name_valid(name))
		return kr_error_say(err, KR_EINVAL, "Een gebruikersnaam heeft 2 tot 64 tekens: "
		                    "letters, cijfers en . _ @ -, en begint met een letter of cijfer.",
		                    "A user name has 2 to 64 characters: letters, digits and . _ @ -, "
		                    "starting with a letter or digit.");
	if (team && *team && !kr_account_name_valid(team))
		return kr_error_say(err, KR_EINVAL, "Een teamnaam heeft 2 tot 64 tekens: letters, "
		                    "cijfers en . _ @ -, en begint met een letter of cijfer.",
		                    "A team name has 2 to 64 characters: letters, digits and . _ @ -, "
		                    "starting with a letter or digit.");
	if ((unsigned)role >= KR_ACCOUNT_ROLES)
		return kr_error_say(err, KR_EINVAL, "Onbekende rol.", "Unknown role.");
	return KR_OK;
}

/* Refuses a password that breaks a rule, saying which in both languages. */
static enum kr_status check_password(const char *name, const char *password,
                                     struct kr_error *err)
{
	enum kr_password_verdict v = kr_password_check(name, password);
	if (v == KR_PASSWORD_OK)
		return KR_OK;
	return kr_error_say(err, KR_EINVAL, "%s", "%s",
	                    kr_password_message(v, err ? err->lang : KR_LANG_NL));
}

void kri_account_fill(sqlite3_stmt *st, int col, struct kr_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, col);
	kri_column_copy(u->name, sizeof u->name, st, col + 1);
	if (kr_account_role_parse((const char *)sqlite3_column_text(st, col + 2), &u->role)) {
		u->role = KR_ACCOUNT_WORKER;
		u->disabled = true;   /* an unknown role may do nothing */
	}
	kri_column_copy(u->team, sizeof u->team, st, col + 3);
	if (sqlite3_column_int(st, col + 4))
		u->disabled = true;
}

enum kr_status kri_account_find(struct kr_store *s, const char *name, struct kr_user *u,
                                char hash[KR_PASSWORD_HASH_MAX], struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	if ((rc = kri_stmt(s, "SELECT " KRI_USER_COLS ", u.pwhash FROM users u WHERE u.name = ?1",
	                   &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		kri_account_fill(st, 0, u);
		if (hash)
			kri_column_copy(hash, KR_PASSWORD_HASH_MAX, st, 5);
	} else if (step == SQLITE_DONE) {
		rc = kr_error_say(err, KR_ENOTFOUND, "Er is geen account %s.", "There is no account %s.",
		                  name);
	} else {
		rc = kri_store_fail(s, err, "Het account lezen lukt niet", "Reading the account failed");
	}
	sqlite3_reset(st);
	return rc;
}

bool kri_account_current(struct kr_store *s, const struct kr_user *u, struct kr_user *now)
{
	sqlite3_stmt *st;
	bool ok = false;

	if (!u || u->disabled ||
	    !(st = kri_store_stmt(s, "SELECT " KRI_USER_COLS " FROM users u WHERE u.id = ?1")))
		return false;
	sqlite3_bind_int64(st, 1, u->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		kri_account_fill(st, 0, now);
		ok = !now->disabled;
	}
	sqlite3_reset(st);
	return ok;
}

enum kr_status kr_account_add(struct kr_store *s, const char *name, enum kr_account_role role,
                              const char *team, const char *password, time_t now,
                              long long *id_out, struct kr_error *err)
{
	sqlite3 *db = kri_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_user old;
	char hash[KR_PASSWORD_HASH_MAX] = "", at[KR_DATE_STAMP_LEN];
	enum kr_status rc;

	if (id_out)
		*id_out = 0;
	if ((rc = kri_auth_ready(err)) || (rc = check_fields(name, team, role, err)) ||
	    (rc = check_password(name, password, err)))
		goto out;
	if (kri_account_find(s, name, &old, NULL, NULL) == KR_OK) {
		rc = kr_error_say(err, KR_ECONFLICT, "Het account %s bestaat al.",
		                  "The account %s exists already.", old.name);
		goto out;
	}
	if ((rc = kr_password_hash(password, hash, err)))
		goto out;
	kr_date_timestamp(now, at);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "INSERT INTO users(name, role, team, pwhash, created, changed) "
	                   "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kr_account_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, team ? team : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE)
			rc = kr_error_say(err, KR_ECONFLICT, "Het account %s bestaat al.",
			                  "The account %s exists already.", name);
		else
			rc = kri_store_fail(s, err, "Het account toevoegen lukt niet",
			                    "Adding the account failed");
		goto out;
	}
	if (id_out)
		*id_out = sqlite3_last_insert_rowid(db);
out:
	if (st)
		sqlite3_reset(st);
	rc = kri_tx_end(&tx, rc, err);
	sodium_memzero(hash, sizeof hash);
	if (rc && id_out)
		*id_out = 0;
	return rc;
}

enum kr_status kr_account_get(struct kr_store *s, const char *name, struct kr_user *out,
                              struct kr_error *err)
{
	return kri_account_find(s, name, out, NULL, err);
}

static int fill_row(sqlite3_stmt *st, void *element)
{
	kri_account_fill(st, 0, element);
	return 0;
}

enum kr_status kr_account_list(struct kr_store *s, struct kr_user **out, size_t *n,
                               struct kr_error *err)
{
	sqlite3_stmt *st;
	void *v = NULL;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT " KRI_USER_COLS " FROM users u ORDER BY u.name COLLATE BINARY",
	                   &st, err)))
		return rc;
	rc = kri_stmt_rows(s, st, sizeof **out, fill_row, NULL, &v, n, err);
	*out = v;
	return rc;
}

/* Which column an account change writes. */
enum change { CH_DISABLED, CH_ROLE, CH_PASSWORD };

/* One change of user name, in one unit of work: the UPDATE (with the
 * values for its ?2 and ?3), then the end of the user's sessions when the
 * change calls for it. */
static enum kr_status change(struct kr_store *s, const char *name, enum change what,
                             int disabled, const char *text, const char *team, time_t now,
                             struct kr_error *err)
{
	static const char *const sql[] = {
		[CH_DISABLED] = "UPDATE users SET disabled = ?2, changed = ?4 WHERE id = ?1",
		[CH_ROLE] = "UPDATE users SET role = ?2, team = ?3, changed = ?4 WHERE id = ?1",
		[CH_PASSWORD] = "UPDATE users SET pwhash = ?2, changed = ?4 WHERE id = ?1",
	};
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	struct kr_user u;
	char at[KR_DATE_STAMP_LEN];
	enum kr_status rc;

	kr_date_timestamp(now, at);
	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = kri_account_find(s, name, &u, NULL, err)))
		goto out;
	if ((rc = kri_stmt(s, sql[what], &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, u.id);
	if (what == CH_DISABLED)
		sqlite3_bind_int(st, 2, disabled);
	else
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	if (what == CH_ROLE)
		sqlite3_bind_text(st, 3, team ? team : u.team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_run(s, st, err)))
		goto out;
	/* the last admin who can log in cannot be demoted or disabled: nobody
	 * could manage the accounts after that (counted inside the unit of
	 * work, so two admins demoting each other at once cannot both do it) */
	if (what != CH_PASSWORD && u.role == KR_ACCOUNT_ADMIN && !u.disabled) {
		if ((rc = kri_stmt(s, "SELECT count(*) FROM users WHERE role = 'admin' AND "
		                   "disabled = 0", &st, err)))
			goto out;
		bool none = sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int64(st, 0) == 0;
		if (none) {
			sqlite3_reset(st);
			rc = kr_error_say(err, KR_ECONFLICT, "Dit is de laatste beheerder: maak eerst "
			                  "iemand anders beheerder.", "This is the last admin: make "
			                  "someone else an admin first.");
			goto out;
		}
		sqlite3_reset(st);
	}
	if (what == CH_PASSWORD || (what == CH_DISABLED && disabled))
		rc = kri_session_end_user(s, u.id, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_account_set_disabled(struct kr_store *s, const char *name, bool disabled,
                                       time_t now, struct kr_error *err)
{
	return change(s, name, CH_DISABLED, disabled ? 1 : 0, NULL, NULL, now, err);
}

enum kr_status kr_account_set_role(struct kr_store *s, const char *name, enum kr_account_role role,
                                   const char *team, time_t now, struct kr_error *err)
{
	enum kr_status rc = check_fields(NULL, team, role, err);
	if (rc)
		return rc;
	return change(s, name, CH_ROLE, 0, kr_account_role_name(role), team, now, err);
}

enum kr_status kr_account_set_password(struct kr_store *s, const char *name,
                                       const char *password, time_t now,
                                       struct kr_error *err)
{
	struct kr_user u;
	char hash[KR_PASSWORD_HASH_MAX] = "";
	enum kr_status rc;

	if ((rc = kri_auth_ready(err)) || (rc = kri_account_find(s, name, &u, NULL, err)) ||
	    (rc = check_password(u.name, password, err)) ||
	    (rc = kr_password_hash(password, hash, err)))
		goto out;
	rc = change(s, u.name, CH_PASSWORD, 0, hash, NULL, now, err);
out:
	sodium_memzero(hash, sizeof hash);
	return rc;
}
