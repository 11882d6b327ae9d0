/*
 * auth.c - accounts, passwords, sessions, login throttling, assignment, the
 * access decision and share links of auth.h, on the tables of
 * lib/sql/002_access.sql.  docs/security.md explains the design.
 *
 * Process-wide state, all behind one mutex: the configuration, the number
 * of argon2id hashes being computed (a counting semaphore built from the
 * mutex and a condition variable), and the dummy hash that an unknown
 * user's password is checked against so that the answer takes as long as
 * for a known user.  libsodium is started once (pthread_once).
 *
 * Tokens (sessions, share links) are 32 bytes from randombytes_buf(), handed
 * out once in base64url; the tables keep BLAKE2b-256 of the raw bytes,
 * keyed differently for sessions and share links so one can never pass for
 * the other.  Writes take part in the caller's open transaction
 * (access_int.h); slow password hashing happens before any write lock is
 * taken where the caller has not opened a transaction itself.  Statements
 * come from the store's cache (kr_store_stmt, SQL in string literals) and
 * are reset, never finalized, on every path out.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "access_int.h"
#include "common_passwords.h"
#include "kring/auth.h"
#include "kring/case.h"

#define TOKEN_BYTES 32
#define TOKEN_HASH 32
#define PWBUF (KR_PW_MAX * 4 + 1)
#define ADDR_MAX 64    /* bytes of an address kept for throttling */

static const unsigned char session_key[] = "kring-session-v1";
static const unsigned char share_key[] = "kring-sharelink1";

/* ---- process-wide state ------------------------------------------------ */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t place = PTHREAD_COND_INITIALIZER;
static int sodium_ready;
static struct kr_auth_config config;
static int hashing;                   /* hashes being computed now */
static char dummy_hash[crypto_pwhash_STRBYTES];
static unsigned long long dummy_ops;  /* the limits dummy_hash was made with */
static size_t dummy_mem;

void kr_auth_config_default(struct kr_auth_config *cfg)
{
	cfg->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	cfg->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	cfg->max_hashing = 2;
	cfg->idle_s = 30 * 60;
	cfg->absolute_s = 12 * 3600;
	cfg->touch_s = 60;
	cfg->fail_account = 5;
	cfg->fail_address = 20;
	cfg->fail_window_s = 15 * 60;
	cfg->lockout_s = 15 * 60;
	cfg->share_max_s = 90L * 24 * 3600;
}

static void start(void)
{
	sodium_ready = sodium_init() >= 0;
	kr_auth_config_default(&config);
}

static enum kr_status ready(struct kr_error *err)
{
	pthread_once(&once, start);
	if (!sodium_ready)
		return kr_error_set(err, KR_ENOMEM, "the cryptography library cannot start");
	return KR_OK;
}

enum kr_status kr_auth_configure(const struct kr_auth_config *cfg, struct kr_error *err)
{
	enum kr_status rc;
	if ((rc = ready(err)))
		return rc;
	if (cfg->opslimit < crypto_pwhash_OPSLIMIT_MIN || cfg->opslimit > crypto_pwhash_OPSLIMIT_MAX ||
	    cfg->memlimit < crypto_pwhash_MEMLIMIT_MIN || cfg->memlimit > crypto_pwhash_MEMLIMIT_MAX)
		return kr_error_set(err, KR_EUSAGE, "argon2id limits out of range");
	if (cfg->max_hashing < 1 || cfg->idle_s < 1 || cfg->absolute_s < 1 || cfg->touch_s < 0 ||
	    cfg->fail_account < 1 || cfg->fail_address < 1 || cfg->fail_window_s < 1 ||
	    cfg->lockout_s < 1 || cfg->share_max_s < 1)
		return kr_error_set(err, KR_EUSAGE, "authentication settings must be positive");
	pthread_mutex_lock(&lock);
	config = *cfg;
	pthread_cond_broadcast(&place);
	pthread_mutex_unlock(&lock);
	return KR_OK;
}

void kr_auth_config_get(struct kr_auth_config *cfg)
{
	pthread_once(&once, start);
	pthread_mutex_lock(&lock);
	*cfg = config;
	pthread_mutex_unlock(&lock);
}

/* The counting semaphore around argon2id. */
static void hash_enter(void)
{
	pthread_mutex_lock(&lock);
	while (hashing >= config.max_hashing)
		pthread_cond_wait(&place, &lock);
	hashing++;
	pthread_mutex_unlock(&lock);
}

static void hash_leave(void)
{
	pthread_mutex_lock(&lock);
	hashing--;
	pthread_cond_signal(&place);
	pthread_mutex_unlock(&lock);
}

/* ---- roles and names --------------------------------------------------- */

static const char *const role_names[] = { "worker", "lead", "analyst", "admin" };

const char *kr_auth_role_name(enum kr_access_role role)
{
	return (unsigned)role < 4 ? role_names[role] : "?";
}

int kr_auth_role_parse(const char *s, enum kr_access_role *out)
{
	for (int i = 0; s && i < 4; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum kr_access_role)i;
			return 0;
		}
	return -1;
}

bool kr_auth_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 2 || n > KR_AUTH_NAME_MAX || !isalnum((unsigned char)name[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!isalnum(c) && c != '.' && c != '_' && c != '@' && c != '-')
			return false;
	}
	return true;
}

static bool team_valid(const char *team)
{
	return !team || !*team || kr_auth_name_valid(team);
}

/* ---- password rules ---------------------------------------------------- */

static int cmp_word(const void *a, const void *b)
{
	return strcmp((const char *)a, *(const char *const *)b);
}

static bool listed(const char *w)
{
	return *w && bsearch(w, common_passwords, sizeof common_passwords / sizeof *common_passwords,
	                     sizeof *common_passwords, cmp_word) != NULL;
}

/* Undoes common letter substitutions; variant 1 reads '1' as 'l', else 'i'. */
static void unleet(const char *in, char *out, int variant)
{
	for (; *in; in++, out++) {
		switch (*in) {
		case '0': *out = 'o'; break;
		case '1': *out = variant ? 'l' : 'i'; break;
		case '!': *out = 'i'; break;
		case '3': *out = 'e'; break;
		case '4': case '@': *out = 'a'; break;
		case '5': case '$': *out = 's'; break;
		case '7': case '+': *out = 't'; break;
		case '8': *out = 'b'; break;
		case '9': *out = 'g'; break;
		case '|': *out = 'l'; break;
		default: *out = *in;
		}
	}
	*out = '\0';
}

/* w, or w with substitutions undone, is a listed word. */
static bool listed_any(const char *w)
{
	char u[PWBUF];
	if (listed(w))
		return true;
	for (int v = 0; v < 2; v++) {
		unleet(w, u, v);
		if (listed(u))
			return true;
	}
	return false;
}

/* The shortest unit that w is a repetition of (its length), or 0. */
static size_t period(const char *w)
{
	size_t n = strlen(w);
	for (size_t p = 1; p <= n / 2; p++) {
		size_t i;
		if (n % p)
			continue;
		for (i = p; i < n && w[i] == w[i - p]; i++)
			;
		if (i == n)
			return p;
	}
	return 0;
}

/* Keyboard rows, the alphabet and the digits, walked either way. */
static const char *const walks[] = {
	"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
	"0123456789012345678901234567890123456789",
	"qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
	"1234567890qwertyuiopasdfghjklzxcvbnm", "qazwsxedcrfvtgbyhnujmikolp",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]", "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0",
	"1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0", "1a2b3c4d5e6f7g8h9i0j",
	"!@#$%^&*()_+!@#$%^&*()_+", "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./",
};

static bool is_walk(const char *w)
{
	char rev[PWBUF];
	size_t n = strlen(w);
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++)
		rev[i] = w[n - 1 - i];
	rev[n] = '\0';
	for (size_t i = 0; i < sizeof walks / sizeof *walks; i++)
		if (strstr(walks[i], w) || strstr(walks[i], rev))
			return true;
	return false;
}

static bool affix(unsigned char c)
{
	return isdigit(c) || ispunct(c) || c == ' ';
}

/* low: the password in ASCII lower case. */
static bool common(const char *low)
{
	char base[PWBUF], unit[PWBUF];
	size_t n = strlen(low), a = 0, b = n, p, distinct = 0;
	bool seen[256] = { false };

	for (size_t i = 0; i < n; i++)
		if (!seen[(unsigned char)low[i]]) {
			seen[(unsigned char)low[i]] = true;
			distinct++;
		}
	if (distinct < 4 || listed_any(low) || is_walk(low))
		return true;
	/* a repetition of a short or common unit */
	if ((p = period(low))) {
		memcpy(unit, low, p);
		unit[p] = '\0';
		if (p <= 6 || common(unit))
			return true;
	}
	/* the word inside digits and symbols: Welkom2024!, 1l0v3y0u */
	while (a < b && affix((unsigned char)low[a]))
		a++;
	while (b > a && affix((unsigned char)low[b - 1]))
		b--;
	if (b - a == n || b == a)
		return false;
	memcpy(base, low + a, b - a);
	base[b - a] = '\0';
	if (listed_any(base) || is_walk(base))
		return true;
	if ((p = period(base))) {
		memcpy(unit, base, p);
		unit[p] = '\0';
		if (listed_any(unit))
			return true;
	}
	return false;
}

enum kr_pw_verdict kr_auth_password_check(const char *name, const char *password)
{
	char low[PWBUF], lname[KR_AUTH_NAME_MAX + 1];
	size_t n, len;

	if (!password || !kri_utf8_count(password, true, &n))
		return KR_PW_ENCODING;
	if (n < KR_PW_MIN)
		return KR_PW_SHORT;
	if (n > KR_PW_MAX)
		return KR_PW_LONG;
	len = strlen(password);
	for (size_t i = 0; i <= len; i++)
		low[i] = (char)tolower((unsigned char)password[i]);
	if (name && *name && strlen(name) <= KR_AUTH_NAME_MAX) {
		size_t k = strlen(name);
		for (size_t i = 0; i <= k; i++)
			lname[i] = (char)tolower((unsigned char)name[i]);
		if (strstr(low, lname))
			return KR_PW_NAME;
	}
	return common(low) ? KR_PW_COMMON : KR_PW_OK;
}

const char *kr_auth_password_message(enum kr_pw_verdict v, enum kr_lang lang)
{
	switch (v) {
	case KR_PW_OK:
		return kr_tr(lang, "Het wachtwoord is goed.", "The password is fine.");
	case KR_PW_SHORT:
		return kr_tr(lang, "Het wachtwoord is te kort: gebruik minstens 12 tekens. Een zin "
		             "van een paar woorden is makkelijk te onthouden.",
		             "The password is too short: use at least 12 characters. A sentence "
		             "of a few words is easy to remember.");
	case KR_PW_LONG:
		return kr_tr(lang, "Het wachtwoord is te lang: gebruik hoogstens 128 tekens.",
		             "The password is too long: use at most 128 characters.");
	case KR_PW_ENCODING:
		return kr_tr(lang, "Het wachtwoord bevat tekens die niet kunnen (zoals een tab of "
		             "een ander stuurteken).",
		             "The password holds characters that are not allowed (such as a tab "
		             "or another control character).");
	case KR_PW_COMMON:
		return kr_tr(lang, "Dit wachtwoord wordt veel gebruikt of is makkelijk te raden. "
		             "Kies iets dat niet in een lijst van bekende wachtwoorden staat.",
		             "This password is used a lot or is easy to guess. Choose one that is "
		             "not on a list of known passwords.");
	case KR_PW_NAME:
		return kr_tr(lang, "Het wachtwoord mag de gebruikersnaam niet bevatten.",
		             "The password must not contain the user name.");
	}
	return "?";
}

/* ---- hashing ------------------------------------------------------------ */

static enum kr_status hash_with(const char *password, unsigned long long ops, size_t mem,
                                char out[crypto_pwhash_STRBYTES], struct kr_error *err)
{
	int r;
	hash_enter();
	r = crypto_pwhash_str(out, password, strlen(password), ops, mem);
	hash_leave();
	if (r != 0)
		return kr_error_set(err, KR_ENOMEM, "not enough memory to hash the password");
	return KR_OK;
}

enum kr_status kr_auth_password_hash(const char *password, char out[128], struct kr_error *err)
{
	struct kr_auth_config c;
	enum kr_status rc;

	out[0] = '\0';
	if ((rc = ready(err)))
		return rc;
	kr_auth_config_get(&c);
	return hash_with(password, c.opslimit, c.memlimit, out, err);
}

bool kr_auth_password_verify(const char *hash, const char *password)
{
	int r;
	if (ready(NULL) || !hash || !password)
		return false;
	hash_enter();
	r = crypto_pwhash_str_verify(hash, password, strlen(password));
	hash_leave();
	return r == 0;
}

bool kr_auth_password_needs_rehash(const char *hash)
{
	struct kr_auth_config c;
	if (ready(NULL))
		return false;
	kr_auth_config_get(&c);
	return crypto_pwhash_str_needs_rehash(hash, c.opslimit, c.memlimit) != 0;
}

/* Checks password against a hash made with the current limits, to spend the
 * same work on an unknown user as on a known one.  Always "fails". */
static void verify_dummy(const char *password)
{
	char h[crypto_pwhash_STRBYTES];
	struct kr_auth_config c;
	bool have;

	kr_auth_config_get(&c);
	pthread_mutex_lock(&lock);
	have = dummy_hash[0] && dummy_ops == c.opslimit && dummy_mem == c.memlimit;
	if (have)
		memcpy(h, dummy_hash, sizeof h);
	pthread_mutex_unlock(&lock);
	if (!have) {
		if (hash_with("kring: no such user, but do the same work", c.opslimit, c.memlimit, h,
		              NULL))
			return;
		pthread_mutex_lock(&lock);
		memcpy(dummy_hash, h, sizeof h);
		dummy_ops = c.opslimit;
		dummy_mem = c.memlimit;
		pthread_mutex_unlock(&lock);
	}
	(void)kr_auth_password_verify(h, password);
}

/* ---- small database helpers ------------------------------------------- */

/* The store's cached statement for sql (which must have static storage:
 * the cache is keyed by its address), reset and with no bindings.  The
 * caller resets it again before returning, on every path, and never
 * finalizes it. */
static enum kr_status prep(struct kr_store *s, const char *sql, sqlite3_stmt **st,
                           struct kr_error *err)
{
	*st = kr_store_stmt(s, sql);
	if (!*st)
		return kri_db_fail(kr_store_db(s), err, "database");
	return KR_OK;
}

/* Runs a statement that returns no rows; binds are done by the caller. */
static enum kr_status done(sqlite3 *db, sqlite3_stmt *st, struct kr_error *err)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return kri_db_fail(db, err, "database");
	return KR_OK;
}

static void copy_text(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", v ? (const char *)v : "");
}

/* Columns: id, name, role, team, disabled. */
#define USER_COLS "u.id, u.name, u.role, u.team, u.disabled"

static void fill_user(sqlite3_stmt *st, int col, struct kr_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, col);
	copy_text(u->name, sizeof u->name, st, col + 1);
	if (kr_auth_role_parse((const char *)sqlite3_column_text(st, col + 2), &u->role)) {
		u->role = KR_ACCESS_WORKER;
		u->disabled = true;   /* an unknown role may do nothing */
	}
	copy_text(u->team, sizeof u->team, st, col + 3);
	if (sqlite3_column_int(st, col + 4))
		u->disabled = true;
}

/* Reads user name; with hash != NULL also the password hash. */
static enum kr_status find_user(struct kr_store *s, const char *name, struct kr_user *u,
                                char hash[crypto_pwhash_STRBYTES], struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	int step;

	if ((rc = prep(s, "SELECT " USER_COLS ", u.pwhash FROM users u WHERE u.name = ?1", &st,
	               err)))
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		fill_user(st, 0, u);
		if (hash)
			copy_text(hash, crypto_pwhash_STRBYTES, st, 5);
		rc = KR_OK;
	} else if (step == SQLITE_DONE) {
		rc = kr_error_set(err, KR_ENOTFOUND, "no user %s", name);
	} else {
		rc = kri_db_fail(db, err, "reading the user failed");
	}
	sqlite3_reset(st);
	return rc;
}

static enum kr_status check_password(const char *name, const char *password,
                                     struct kr_error *err)
{
	enum kr_pw_verdict v = kr_auth_password_check(name, password);
	if (v == KR_PW_OK)
		return KR_OK;
	return kr_error_set(err, KR_EINVAL, "%s", kr_auth_password_message(v, KR_LANG_EN));
}

static enum kr_status end_sessions(struct kr_store *s, long long user_id, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	if ((rc = prep(s, "DELETE FROM sessions WHERE user_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	rc = done(db, st, err);
	sqlite3_reset(st);
	return rc;
}

/* ---- user management --------------------------------------------------- */

enum kr_status kr_auth_user_add(struct kr_store *s, const char *name, enum kr_access_role role,
                                const char *team, const char *password, time_t now,
                                long long *id_out, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user old;
	char hash[crypto_pwhash_STRBYTES] = "", at[21];
	enum kr_status rc;
	bool own = false, open = false;

	if (id_out)
		*id_out = 0;
	if ((rc = ready(err)))
		return rc;
	if (!kr_auth_name_valid(name))
		return kr_error_set(err, KR_EINVAL, "a user name has 2-64 characters: letters, "
		                    "digits and . _ @ -, starting with a letter or digit");
	if (!team_valid(team))
		return kr_error_set(err, KR_EINVAL, "a team name has 2-64 characters: letters, "
		                    "digits and . _ @ -, starting with a letter or digit");
	if ((unsigned)role > KR_ACCESS_ADMIN)
		return kr_error_set(err, KR_EINVAL, "unknown role");
	if ((rc = check_password(name, password, err)))
		return rc;
	rc = find_user(s, name, &old, NULL, NULL);
	if (rc == KR_OK)
		return kr_error_set(err, KR_ECONFLICT, "user %s exists already", old.name);
	if ((rc = kr_auth_password_hash(password, hash, err)))
		return rc;
	kri_iso_utc(now, at);
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		goto out;
	open = true;
	if ((rc = prep(s, "INSERT INTO users(name, role, team, pwhash, created, changed) "
	               "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kr_auth_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, team ? team : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE)
			rc = kr_error_set(err, KR_ECONFLICT, "user %s exists already", name);
		else
			rc = kri_db_fail(db, err, "adding the user failed");
		goto out;
	}
	if (id_out)
		*id_out = sqlite3_last_insert_rowid(db);
	sqlite3_reset(st);
	st = NULL;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	sodium_memzero(hash, sizeof hash);
	if (rc && id_out)
		*id_out = 0;
	return rc;
}

enum kr_status kr_auth_user_get(struct kr_store *s, const char *name, struct kr_user *out,
                                struct kr_error *err)
{
	return find_user(s, name, out, NULL, err);
}

enum kr_status kr_auth_user_list(struct kr_store *s, struct kr_user **out, size_t *n,
                                 struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user *v = NULL, *grown;
	size_t k = 0, cap = 0;
	enum kr_status rc;
	int step;

	*out = NULL;
	*n = 0;
	if ((rc = prep(s, "SELECT " USER_COLS " FROM users u ORDER BY u.name COLLATE BINARY",
	               &st, err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_set(err, KR_ENOMEM, "out of memory");
				goto out;
			}
			v = grown;
		}
		fill_user(st, 0, &v[k++]);
	}
	if (step != SQLITE_DONE)
		rc = kri_db_fail(db, err, "listing the users failed");
out:
	sqlite3_reset(st);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return KR_OK;
}

enum kr_status kr_auth_user_set_disabled(struct kr_store *s, const char *name, bool disabled,
                                         time_t now, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user u;
	char at[21];
	enum kr_status rc;
	bool own = false, open = false;

	kri_iso_utc(now, at);
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	open = true;
	if ((rc = find_user(s, name, &u, NULL, err)))
		goto out;
	if ((rc = prep(s, "UPDATE users SET disabled = ?2, changed = ?3 WHERE id = ?1", &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, u.id);
	sqlite3_bind_int(st, 2, disabled ? 1 : 0);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if ((rc = done(db, st, err)))
		goto out;
	if (disabled && (rc = end_sessions(s, u.id, err)))
		goto out;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	return rc;
}

enum kr_status kr_auth_user_set_role(struct kr_store *s, const char *name,
                                     enum kr_access_role role, const char *team, time_t now,
                                     struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user u;
	char at[21];
	enum kr_status rc;
	bool own = false, open = false;

	if ((unsigned)role > KR_ACCESS_ADMIN)
		return kr_error_set(err, KR_EINVAL, "unknown role");
	if (!team_valid(team))
		return kr_error_set(err, KR_EINVAL, "a team name has 2-64 characters: letters, "
		                    "digits and . _ @ -, starting with a letter or digit");
	kri_iso_utc(now, at);
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	open = true;
	if ((rc = find_user(s, name, &u, NULL, err)))
		goto out;
	if ((rc = prep(s, "UPDATE users SET role = ?2, team = ?3, changed = ?4 WHERE id = ?1",
	               &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, u.id);
	sqlite3_bind_text(st, 2, kr_auth_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, team ? team : u.team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	if ((rc = done(db, st, err)))
		goto out;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	return rc;
}

enum kr_status kr_auth_user_set_password(struct kr_store *s, const char *name,
                                         const char *password, time_t now,
                                         struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user u;
	char hash[crypto_pwhash_STRBYTES] = "", at[21];
	enum kr_status rc;
	bool own = false, open = false;

	if ((rc = ready(err)))
		return rc;
	if ((rc = find_user(s, name, &u, NULL, err)))
		return rc;
	if ((rc = check_password(u.name, password, err)))
		return rc;
	if ((rc = kr_auth_password_hash(password, hash, err)))
		return rc;
	kri_iso_utc(now, at);
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		goto out;
	open = true;
	if ((rc = prep(s, "UPDATE users SET pwhash = ?2, changed = ?3 WHERE id = ?1", &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, u.id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if ((rc = done(db, st, err)))
		goto out;
	if (sqlite3_changes(db) != 1) {
		rc = kr_error_set(err, KR_ENOTFOUND, "no user %s", name);
		goto out;
	}
	if ((rc = end_sessions(s, u.id, err)))
		goto out;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

/* ---- tokens ------------------------------------------------------------ */

static void new_token(unsigned char raw[TOKEN_BYTES], char text[KR_AUTH_TOKEN_CHARS + 1])
{
	randombytes_buf(raw, TOKEN_BYTES);
	sodium_bin2base64(text, KR_AUTH_TOKEN_CHARS + 1, raw, TOKEN_BYTES,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void token_hash(const unsigned char raw[TOKEN_BYTES], const unsigned char *key,
                       unsigned char out[TOKEN_HASH])
{
	crypto_generichash(out, TOKEN_HASH, raw, TOKEN_BYTES, key, 16);
}

/* Decodes a token handed in; false when it is not one of ours. */
static bool parse_token(const char *text, const unsigned char *key,
                        unsigned char out[TOKEN_HASH])
{
	unsigned char raw[TOKEN_BYTES];
	size_t len = 0;
	const char *end = NULL;

	if (!text || strlen(text) != KR_AUTH_TOKEN_CHARS)
		return false;
	if (sodium_base642bin(raw, sizeof raw, text, KR_AUTH_TOKEN_CHARS, NULL, &len, &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != TOKEN_BYTES || end != text + KR_AUTH_TOKEN_CHARS)
		return false;
	token_hash(raw, key, out);
	sodium_memzero(raw, sizeof raw);
	return true;
}

/* ---- throttling ---------------------------------------------------------- */

/* The later "until" of the lockouts of account key acct and address addr,
 * or 0 when neither is locked at now. */
static enum kr_status locked_until(struct kr_store *s, const char *acct, const char *addr,
                                   time_t now, time_t *until, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;

	*until = 0;
	if ((rc = prep(s, "SELECT max(until) FROM login_lockouts WHERE until > ?3 AND "
	               "((kind = 'account' AND key = ?1) OR (kind = 'address' AND key = ?2))",
	               &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, acct, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, addr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_ROW)
		*until = (time_t)sqlite3_column_int64(st, 0);
	else
		rc = kri_db_fail(db, err, "reading the login failures failed");
	sqlite3_reset(st);
	return rc;
}

/* Records one failure of kind/key; when that makes `limit` failures in the
 * window, locks the key out and forgets its failures. */
static enum kr_status record_failure(struct kr_store *s, const char *kind, const char *key,
                                     int limit, const struct kr_auth_config *c, time_t now,
                                     struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	long long count = 0;

	if ((rc = prep(s, "INSERT INTO login_failures(kind, key, at) VALUES (?1, ?2, ?3)", &st,
	               err)))
		return rc;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	rc = done(db, st, err);
	sqlite3_reset(st);
	if (rc || (rc = prep(s, "SELECT count(*) FROM login_failures WHERE kind = ?1 AND "
	                     "key = ?2 AND at > ?3", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(now - c->fail_window_s));
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	else
		rc = kri_db_fail(db, err, "counting the login failures failed");
	sqlite3_reset(st);
	if (rc || count < limit)
		return rc;
	if ((rc = prep(s, "INSERT INTO login_lockouts(kind, key, until) VALUES (?1, ?2, ?3) "
	               "ON CONFLICT(kind, key) DO UPDATE SET until = excluded.until", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(now + c->lockout_s));
	rc = done(db, st, err);
	sqlite3_reset(st);
	if (rc || (rc = prep(s, "DELETE FROM login_failures WHERE kind = ?1 AND key = ?2", &st,
	                     err)))
		return rc;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	rc = done(db, st, err);
	sqlite3_reset(st);
	return rc;
}

static enum kr_status prune(struct kr_store *s, const struct kr_auth_config *c, time_t now,
                            struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;

	if ((rc = prep(s, "DELETE FROM login_failures WHERE at <= ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)(now - c->fail_window_s));
	rc = done(db, st, err);
	sqlite3_reset(st);
	if (rc || (rc = prep(s, "DELETE FROM login_lockouts WHERE until <= ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	rc = done(db, st, err);
	sqlite3_reset(st);
	if (rc || (rc = prep(s, "DELETE FROM sessions WHERE last_seen <= ?1 OR created <= ?2",
	                     &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)(now - c->idle_s));
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(now - c->absolute_s));
	rc = done(db, st, err);
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_auth_prune(struct kr_store *s, time_t now, struct kr_error *err)
{
	struct kr_auth_config c;
	enum kr_status rc;
	bool own = false;

	kr_auth_config_get(&c);
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	rc = prune(s, &c, now, err);
	return kri_tx_end(s, "kr_auth", own, rc == KR_OK, rc ? NULL : err) ? KR_EDB : rc;
}

/* ---- login and sessions -------------------------------------------------- */

static const char refused[] = "wrong user name or password";

enum kr_status kr_auth_login(struct kr_store *s, const char *name, const char *password,
                             const char *address, time_t now, struct kr_login *out,
                             struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_auth_config c;
	struct kr_user u;
	char hash[crypto_pwhash_STRBYTES] = "", rehash[crypto_pwhash_STRBYTES] = "";
	char acct[KR_AUTH_NAME_MAX + 1], addr[ADDR_MAX + 1];
	unsigned char raw[TOKEN_BYTES], th[TOKEN_HASH];
	enum kr_status rc, found;
	time_t until = 0;
	bool ok = false, own = false, open = false;
	size_t i;

	memset(out, 0, sizeof *out);
	if ((rc = ready(err)))
		return rc;
	if (!name)
		name = "";
	if (!password)
		password = "";
	kr_auth_config_get(&c);
	/* throttling keys: the name as typed, lower case and cut to size */
	for (i = 0; name[i] && i < KR_AUTH_NAME_MAX; i++)
		acct[i] = (char)tolower((unsigned char)name[i]);
	acct[i] = '\0';
	snprintf(addr, sizeof addr, "%s", address && *address ? address : "-");

	if ((rc = locked_until(s, acct, addr, now, &until, err)))
		return rc;
	if (until > now) {
		out->retry_after = (long)(until - now);
		return kr_error_set(err, KR_EPERM, "too many failed logins: try again in %ld "
		                    "minute(s)", (out->retry_after + 59) / 60);
	}

	found = kr_auth_name_valid(name) && strlen(password) <= PWBUF
	        ? find_user(s, name, &u, hash, NULL) : KR_ENOTFOUND;
	if (found == KR_EDB)
		return kri_db_fail(db, err, "reading the user failed");
	if (found == KR_OK) {
		ok = kr_auth_password_verify(hash, password) && !u.disabled;
		if (ok && kr_auth_password_needs_rehash(hash) &&
		    hash_with(password, c.opslimit, c.memlimit, rehash, NULL) != KR_OK)
			rehash[0] = '\0';   /* keep the old hash; try again next time */
	} else {
		verify_dummy(password);
	}

	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		goto out;
	open = true;
	if ((rc = prune(s, &c, now, err)))
		goto out;
	if (!ok) {
		if ((rc = record_failure(s, "account", acct, c.fail_account, &c, now, err)) ||
		    (rc = record_failure(s, "address", addr, c.fail_address, &c, now, err)))
			goto out;
		open = false;
		if ((rc = kri_tx_end(s, "kr_auth", own, true, err)))
			goto out;
		rc = kr_error_set(err, KR_EPERM, "%s", refused);
		goto out;
	}
	if ((rc = prep(s, "DELETE FROM login_failures WHERE kind = 'account' AND key = ?1", &st,
	               err)))
		goto out;
	sqlite3_bind_text(st, 1, acct, -1, SQLITE_STATIC);
	if ((rc = done(db, st, err)))
		goto out;
	sqlite3_reset(st);
	st = NULL;
	if (rehash[0]) {
		if ((rc = prep(s, "UPDATE users SET pwhash = ?2 WHERE id = ?1 AND pwhash = ?3", &st,
		               err)))
			goto out;
		sqlite3_bind_int64(st, 1, u.id);
		sqlite3_bind_text(st, 2, rehash, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
		if ((rc = done(db, st, err)))
			goto out;
		sqlite3_reset(st);
		st = NULL;
	}
	new_token(raw, out->token);
	token_hash(raw, session_key, th);
	if ((rc = prep(s, "INSERT INTO sessions(token_hash, user_id, created, last_seen) "
	               "VALUES (?1, ?2, ?3, ?3)", &st, err)))
		goto out;
	sqlite3_bind_blob(st, 1, th, TOKEN_HASH, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u.id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if ((rc = done(db, st, err)))
		goto out;
	sqlite3_reset(st);
	st = NULL;
	open = false;
	if ((rc = kri_tx_end(s, "kr_auth", own, true, err)))
		goto out;
	out->user = u;
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	if (rc && rc != KR_EPERM)
		memset(out, 0, sizeof *out);
	else if (rc)
		sodium_memzero(out->token, sizeof out->token);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(hash, sizeof hash);
	sodium_memzero(rehash, sizeof rehash);
	return rc;
}

/* Runs one statement binding the blob key and an optional integer. */
static enum kr_status run_keyed(struct kr_store *s, const char *sql, const unsigned char *key,
                                long long v, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	bool own = false;

	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	if ((rc = prep(s, sql, &st, err)) == KR_OK) {
		sqlite3_bind_blob(st, 1, key, TOKEN_HASH, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, v);
		rc = done(db, st, err);
	}
	sqlite3_reset(st);
	if (kri_tx_end(s, "kr_auth", own, rc == KR_OK, rc ? NULL : err) && rc == KR_OK)
		rc = KR_EDB;
	return rc;
}

enum kr_status kr_auth_session_verify(struct kr_store *s, const char *token, time_t now,
                                      struct kr_user *user, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_auth_config c;
	unsigned char th[TOKEN_HASH];
	enum kr_status rc;
	time_t created, last;
	int step;

	memset(user, 0, sizeof *user);
	if ((rc = ready(err)))
		return rc;
	if (!parse_token(token, session_key, th))
		return kr_error_set(err, KR_EPERM, "not logged in");
	kr_auth_config_get(&c);
	if ((rc = prep(s, "SELECT s.created, s.last_seen, " USER_COLS " FROM sessions s "
	               "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1", &st, err)))
		return rc;
	sqlite3_bind_blob(st, 1, th, TOKEN_HASH, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		sqlite3_reset(st);
		return kr_error_set(err, KR_EPERM, "not logged in");
	}
	if (step != SQLITE_ROW) {
		rc = kri_db_fail(db, err, "reading the session failed");
		sqlite3_reset(st);
		return rc;
	}
	created = (time_t)sqlite3_column_int64(st, 0);
	last = (time_t)sqlite3_column_int64(st, 1);
	fill_user(st, 2, user);
	sqlite3_reset(st);
	if (user->disabled || now >= last + c.idle_s || now >= created + c.absolute_s) {
		memset(user, 0, sizeof *user);
		if ((rc = run_keyed(s, "DELETE FROM sessions WHERE token_hash = ?1", th,
		                    0, err)))
			return rc;
		return kr_error_set(err, KR_EPERM, "the session has ended: log in again");
	}
	if (now - last >= c.touch_s &&
	    (rc = run_keyed(s, "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1", th,
	                    (long long)now, err))) {
		memset(user, 0, sizeof *user);
		return rc;
	}
	return KR_OK;
}

enum kr_status kr_auth_logout(struct kr_store *s, const char *token, struct kr_error *err)
{
	unsigned char th[TOKEN_HASH];
	enum kr_status rc;
	if ((rc = ready(err)))
		return rc;
	if (!parse_token(token, session_key, th))
		return KR_OK;
	return run_keyed(s, "DELETE FROM sessions WHERE token_hash = ?1",
	                 th, 0, err);
}

enum kr_status kr_auth_logout_all(struct kr_store *s, const char *name, struct kr_error *err)
{
	struct kr_user u;
	enum kr_status rc;
	bool own = false;

	if ((rc = find_user(s, name, &u, NULL, err)))
		return rc;
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	rc = end_sessions(s, u.id, err);
	if (kri_tx_end(s, "kr_auth", own, rc == KR_OK, rc ? NULL : err) && rc == KR_OK)
		rc = KR_EDB;
	return rc;
}

/* ---- assignment ---------------------------------------------------------- */

static enum kr_status case_exists(struct kr_store *s, const char *ref, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	int step;

	if ((rc = prep(s, "SELECT 1 FROM cases WHERE ref = ?1", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		rc = kr_error_set(err, KR_ENOTFOUND, "no case %s", ref);
	else if (step != SQLITE_ROW)
		rc = kri_db_fail(db, err, "reading the case failed");
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_auth_assign(struct kr_store *s, const char *ref, const char *name,
                              time_t now, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user u;
	char at[21];
	enum kr_status rc;
	bool own = false, open = false;

	kri_iso_utc(now, at);
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	open = true;
	if ((rc = case_exists(s, ref, err)) || (rc = find_user(s, name, &u, NULL, err)))
		goto out;
	if (u.disabled) {
		rc = kr_error_set(err, KR_EINVAL, "user %s is disabled", u.name);
		goto out;
	}
	if ((rc = prep(s, "INSERT OR IGNORE INTO assignments(case_ref, user_id, since) "
	               "VALUES (?1, ?2, ?3)", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u.id);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if ((rc = done(db, st, err)))
		goto out;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	return rc;
}

enum kr_status kr_auth_unassign(struct kr_store *s, const char *ref, const char *name,
                                struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user u;
	enum kr_status rc;
	bool own = false, open = false;

	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	open = true;
	if ((rc = find_user(s, name, &u, NULL, err)))
		goto out;
	if ((rc = prep(s, "DELETE FROM assignments WHERE case_ref = ?1 AND user_id = ?2", &st,
	               err)))
		goto out;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u.id);
	if ((rc = done(db, st, err)))
		goto out;
	if (sqlite3_changes(db) == 0) {
		rc = kr_error_set(err, KR_ENOTFOUND, "case %s is not assigned to %s", ref, u.name);
		goto out;
	}
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	return rc;
}

void kr_auth_strings_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Collects the first column of every row of st as strings. */
static enum kr_status collect(sqlite3 *db, sqlite3_stmt *st, char ***out, size_t *n,
                              struct kr_error *err)
{
	char **v = NULL, **grown;
	size_t k = 0, cap = 0;
	enum kr_status rc = KR_OK;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_set(err, KR_ENOMEM, "out of memory");
				goto out;
			}
			v = grown;
		}
		if (!(v[k] = strdup(t ? (const char *)t : ""))) {
			rc = kr_error_set(err, KR_ENOMEM, "out of memory");
			goto out;
		}
		k++;
	}
	if (step != SQLITE_DONE)
		rc = kri_db_fail(db, err, "reading the assignments failed");
out:
	if (rc) {
		kr_auth_strings_free(v, k);
		return rc;
	}
	*out = v;
	*n = k;
	return KR_OK;
}

enum kr_status kr_auth_assignees(struct kr_store *s, const char *ref, char ***out, size_t *n,
                                 struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = prep(s, "SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id "
	               "WHERE a.case_ref = ?1 ORDER BY u.name COLLATE BINARY", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	rc = collect(db, st, out, n, err);
	sqlite3_reset(st);
	return rc;
}

/* The role, team and status of user u as stored now (the caller's copy may
 * be stale).  false when the user is gone, disabled, or on error. */
static bool current(struct kr_store *s, const struct kr_user *u, struct kr_user *now)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (!u || u->disabled || prep(s, "SELECT " USER_COLS " FROM users u WHERE u.id = ?1",
	                              &st, NULL))
		return false;
	sqlite3_bind_int64(st, 1, u->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		fill_user(st, 0, now);
		ok = !now->disabled;
	}
	sqlite3_reset(st);
	return ok;
}

enum kr_status kr_auth_visible_cases(struct kr_store *s, const struct kr_user *u,
                                     char ***out, size_t *n, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_user cur;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if (!current(s, u, &cur) || cur.role == KR_ACCESS_ANALYST)
		return KR_OK;
	if ((rc = prep(s, "SELECT DISTINCT a.case_ref FROM assignments a JOIN users v "
	               "ON v.id = a.user_id WHERE a.user_id = ?1 OR (?2 AND v.team = ?3) "
	               "ORDER BY a.case_ref", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, cur.id);
	sqlite3_bind_int(st, 2, cur.role == KR_ACCESS_LEAD && cur.team[0]);
	sqlite3_bind_text(st, 3, cur.team, -1, SQLITE_STATIC);
	rc = collect(db, st, out, n, err);
	sqlite3_reset(st);
	return rc;
}

/* 1 when the query over (ref, user id, team) returns a row, 0 when not, -1
 * on error. */
static int exists(struct kr_store *s, const char *sql, const char *ref, const struct kr_user *u)
{
	sqlite3_stmt *st = NULL;
	int step;

	if (prep(s, sql, &st, NULL))
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_text(st, 3, u->team, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
}

bool kr_auth_can(struct kr_store *s, const struct kr_user *u, const char *ref,
                 enum kr_auth_action action)
{
	struct kr_user cur;
	int own, team, known, any;

	if (!current(s, u, &cur))
		return false;
	switch (action) {
	case KR_ACT_CREATE:
		return cur.role == KR_ACCESS_WORKER || cur.role == KR_ACCESS_LEAD;
	case KR_ACT_AGGREGATES:
		return cur.role != KR_ACCESS_WORKER;
	case KR_ACT_USERS:
	case KR_ACT_AUDIT_ALL:
		return cur.role == KR_ACCESS_ADMIN;
	case KR_ACT_READ: case KR_ACT_WRITE: case KR_ACT_EXPORT: case KR_ACT_SHARE:
	case KR_ACT_ASSIGN: case KR_ACT_CASE_AUDIT:
		break;
	default:
		return false;
	}
	if (!ref || cur.role == KR_ACCESS_ANALYST)
		return false;
	known = exists(s, "SELECT 1 FROM cases WHERE ref = ?1", ref, &cur);
	if (known != 1)
		return false;
	own = exists(s, "SELECT 1 FROM assignments WHERE case_ref = ?1 AND user_id = ?2", ref, &cur);
	if (own < 0)
		return false;
	team = 0;
	if (cur.role == KR_ACCESS_LEAD && cur.team[0]) {
		team = exists(s, "SELECT 1 FROM assignments a JOIN users v ON v.id = a.user_id "
		              "WHERE a.case_ref = ?1 AND v.team = ?3", ref, &cur);
		if (team < 0)
			return false;
	}
	switch (action) {
	case KR_ACT_ASSIGN:
		if (cur.role == KR_ACCESS_ADMIN)
			return true;
		if (cur.role != KR_ACCESS_LEAD)
			return false;
		if (own || team)
			return true;
		any = exists(s, "SELECT 1 FROM assignments WHERE case_ref = ?1", ref, &cur);
		return any == 0;
	case KR_ACT_CASE_AUDIT:
		return cur.role == KR_ACCESS_ADMIN || (cur.role == KR_ACCESS_LEAD && (own || team));
	default:   /* read, write, export, share */
		return own == 1 || team == 1;
	}
}

/* ---- share links ----------------------------------------------------------- */

static void fill_share(sqlite3_stmt *st, struct kr_share *sh)
{
	memset(sh, 0, sizeof *sh);
	sh->id = sqlite3_column_int64(st, 0);
	copy_text(sh->ref, sizeof sh->ref, st, 1);
	copy_text(sh->person, sizeof sh->person, st, 2);
	copy_text(sh->created_by, sizeof sh->created_by, st, 3);
	sh->created = (time_t)sqlite3_column_int64(st, 4);
	sh->expires = (time_t)sqlite3_column_int64(st, 5);
	sh->revoked = (time_t)sqlite3_column_int64(st, 6);
}

#define SHARE_COLS "l.id, l.case_ref, l.person_id, u.name, l.created, l.expires, " \
                   "coalesce(l.revoked, 0)"

enum kr_status kr_auth_share_create(struct kr_store *s, const struct kr_user *by,
                                    const char *ref, const char *person, time_t expires,
                                    time_t now, char token[KR_AUTH_TOKEN_CHARS + 1],
                                    long long *id_out, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_case *c = NULL;
	struct kr_auth_config cfg;
	unsigned char raw[TOKEN_BYTES], th[TOKEN_HASH];
	enum kr_status rc;
	bool own = false, open = false;

	token[0] = '\0';
	if (id_out)
		*id_out = 0;
	if ((rc = ready(err)))
		return rc;
	kr_auth_config_get(&cfg);
	if (!ref || !person || !kr_auth_can(s, by, ref, KR_ACT_SHARE))
		return kr_error_set(err, KR_EPERM, "you may not share this case");
	if (expires <= now || expires - now > cfg.share_max_s)
		return kr_error_set(err, KR_EINVAL, "a share link must expire within %ld days",
		                    cfg.share_max_s / 86400);
	if ((rc = kr_store_get(s, ref, 0, &c, err)))
		return rc;
	if (kr_case_person_index(c, person) < 0) {
		rc = kr_error_set(err, KR_ENOTFOUND, "case %s has no person %s", ref, person);
		goto out;
	}
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		goto out;
	open = true;
	new_token(raw, token);
	token_hash(raw, share_key, th);
	if ((rc = prep(s, "INSERT INTO share_links(token_hash, case_ref, person_id, created_by, "
	               "created, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, err)))
		goto out;
	sqlite3_bind_blob(st, 1, th, TOKEN_HASH, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, person, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, by->id);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)expires);
	if ((rc = done(db, st, err)))
		goto out;
	if (id_out)
		*id_out = sqlite3_last_insert_rowid(db);
	sqlite3_reset(st);
	st = NULL;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	kr_case_free(c);
	sodium_memzero(raw, sizeof raw);
	if (rc) {
		sodium_memzero(token, KR_AUTH_TOKEN_CHARS + 1);
		if (id_out)
			*id_out = 0;
	}
	return rc;
}

enum kr_status kr_auth_share_verify(struct kr_store *s, const char *token, time_t now,
                                    struct kr_share *out, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	unsigned char th[TOKEN_HASH];
	enum kr_status rc;
	int step;

	memset(out, 0, sizeof *out);
	if ((rc = ready(err)))
		return rc;
	if (!parse_token(token, share_key, th))
		return kr_error_set(err, KR_EPERM, "this link is not valid");
	if ((rc = prep(s, "SELECT " SHARE_COLS " FROM share_links l JOIN users u "
	               "ON u.id = l.created_by WHERE l.token_hash = ?1", &st, err)))
		return rc;
	sqlite3_bind_blob(st, 1, th, TOKEN_HASH, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		fill_share(st, out);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return kri_db_fail(db, err, "reading the share link failed");
	if (step == SQLITE_DONE || out->revoked || now >= out->expires) {
		rc = kr_error_set(err, KR_EPERM, step == SQLITE_DONE ? "this link is not valid"
		                  : out->revoked ? "this link was withdrawn"
		                  : "this link has expired");
		memset(out, 0, sizeof *out);
	}
	return rc;
}

enum kr_status kr_auth_share_revoke(struct kr_store *s, const struct kr_user *by,
                                    long long id, time_t now, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	char ref[128] = "";
	enum kr_status rc;
	int step;
	bool own = false, open = false;

	if ((rc = prep(s, "SELECT case_ref FROM share_links WHERE id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		copy_text(ref, sizeof ref, st, 0);
	sqlite3_reset(st);
	st = NULL;
	if (step == SQLITE_DONE)
		return kr_error_set(err, KR_ENOTFOUND, "no share link %lld", id);
	if (step != SQLITE_ROW)
		return kri_db_fail(db, err, "reading the share link failed");
	if (!kr_auth_can(s, by, ref, KR_ACT_SHARE))
		return kr_error_set(err, KR_EPERM, "you may not manage the links of this case");
	if ((rc = kri_tx_begin(s, "kr_auth", &own, err)))
		return rc;
	open = true;
	if ((rc = prep(s, "UPDATE share_links SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL",
	               &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(now > 0 ? now : 1));
	if ((rc = done(db, st, err)))
		goto out;
	open = false;
	rc = kri_tx_end(s, "kr_auth", own, true, err);
out:
	sqlite3_reset(st);
	if (open)
		kri_tx_end(s, "kr_auth", own, false, NULL);
	return rc;
}

enum kr_status kr_auth_share_list(struct kr_store *s, const char *ref, struct kr_share **out,
                                  size_t *n, struct kr_error *err)
{
	sqlite3 *db = kr_store_db(s);
	sqlite3_stmt *st = NULL;
	struct kr_share *v = NULL, *grown;
	size_t k = 0, cap = 0;
	enum kr_status rc;
	int step;

	*out = NULL;
	*n = 0;
	if ((rc = prep(s, "SELECT " SHARE_COLS " FROM share_links l JOIN users u "
	               "ON u.id = l.created_by WHERE l.case_ref = ?1 ORDER BY l.id DESC", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_set(err, KR_ENOMEM, "out of memory");
				goto out;
			}
			v = grown;
		}
		fill_share(st, &v[k++]);
	}
	if (step != SQLITE_DONE)
		rc = kri_db_fail(db, err, "listing the share links failed");
out:
	sqlite3_reset(st);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return KR_OK;
}
