/*
 * test_auth.c - the modules of access control but the decision itself
 * (test_access.c has that): the configuration (lib/auth.c), password rules
 * and hashing (lib/password.c), accounts (lib/account.c), sessions and
 * throttling (lib/session.c, lib/throttle.c), assignment and share links.
 * Hashing runs at libsodium's minimum limits so the suite stays fast; one
 * test checks that the production default is at least the INTERACTIVE
 * limits.  An unknown user's login is shown to do the same argon2id work
 * as a wrong password by counting verifications, not by timing them.  The
 * last test checks that no cached statement is left running on any path.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/access.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/password.h"
#include "kring/session.h"
#include "kring/share.h"
#include "kring/store.h"
#include "password_int.h"
#include "store_int.h"

#define T0 ((time_t)1790000000)   /* a fixed "now": 2026-09-21 */
#define GOOD "Fietsbel-Appelboom-7"
#define GOOD2 "Zonnige Dijk langs de Maas"

static void fast_config(void)
{
	struct kr_auth_config c;
	kr_auth_config_default(&c);
	c.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	c.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	c.touch_s = 1;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_OK);
}

static int setup(void **state)
{
	(void)state;
	tu_db_fresh("auth");
	fast_config();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_db_remove();
	return 0;
}

static struct kr_store *open_store(void)
{
	struct kr_store *s = NULL;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	return s;
}

static void put_case(struct kr_store *s, const char *ref)
{
	char text[512];
	struct kr_case *c;
	long rev;
	snprintf(text, sizeof text,
	         "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\",\"child\":\"p1\"},"
	         "\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"},{\"id\":\"p2\",\"name\":\"Ria\"}]}",
	         ref);
	c = tu_case_from_text(text);
	assert_int_equal(kr_store_put(s, c, "test", 0, &rev, NULL), KR_OK);
	kr_case_free(c);
}

static void add(struct kr_store *s, const char *name, enum kr_account_role role, const char *team)
{
	struct kr_error err;
	kr_error_init(&err);
	if (kr_account_add(s, name, role, team, GOOD, T0, NULL, &err) != KR_OK)
		fail_msg("adding %s: %s", name, err.message);
	kr_error_cleanup(&err);
}

static struct kr_user user(struct kr_store *s, const char *name)
{
	struct kr_user u;
	assert_int_equal(kr_account_get(s, name, &u, NULL), KR_OK);
	return u;
}

static bool can(struct kr_store *s, const struct kr_user *u, const char *ref,
                enum kr_access_action a)
{
	return kr_access_decide(s, u, ref, a, NULL) == KR_ACCESS_ALLOWED;
}

/* ---- configuration and password rules -------------------------------- */

static void production_defaults(void **state)
{
	struct kr_auth_config c;
	(void)state;
	kr_auth_config_default(&c);
	assert_true(c.opslimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE);
	assert_true(c.memlimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE);
	assert_true(c.max_hashing >= 1 && c.max_hashing <= 2);
	assert_int_equal(c.idle_s, 30 * 60);
	assert_int_equal(c.absolute_s, 12 * 3600);
	assert_int_equal(c.fail_account, 5);
	assert_int_equal(c.fail_address, 20);
	/* limits below libsodium's minimum are refused */
	c.opslimit = 0;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_EUSAGE);
}

static void password_rules(void **state)
{
	char longpw[200];
	(void)state;
	assert_int_equal(kr_password_check("anna", GOOD), KR_PASSWORD_OK);
	assert_int_equal(kr_password_check("anna", GOOD2), KR_PASSWORD_OK);
	assert_int_equal(kr_password_check(NULL, "Vlinder#Tuin"), KR_PASSWORD_OK);
	assert_int_equal(kr_password_check(NULL, "Vlinder#Tui"), KR_PASSWORD_SHORT);
	assert_int_equal(kr_password_check(NULL, ""), KR_PASSWORD_SHORT);
	/* 12 code points of UTF-8 count as 12, although they take more bytes */
	assert_int_equal(kr_password_check(NULL, "\xc4\xb2sbe\xc3\xabrtje-\xc3\xb1\xc3\xb6"),
	                 KR_PASSWORD_OK);
	/* 11 code points in 14 bytes are too short */
	assert_int_equal(kr_password_check(NULL, "\xc4\xb2sbe\xc3\xabrtje\xc3\xb1\xc3\xb6"),
	                 KR_PASSWORD_SHORT);
	/* 128 characters are fine, 129 are too many */
	for (int i = 0; i < 129; i++)
		longpw[i] = (char)('a' + (i * 7 + i / 26) % 26);
	longpw[128] = '\0';
	assert_int_equal(kr_password_check(NULL, longpw), KR_PASSWORD_OK);
	longpw[128] = 'q';
	longpw[129] = '\0';
	assert_int_equal(kr_password_check(NULL, longpw), KR_PASSWORD_LONG);
	/* common passwords and their obvious variants, in any case */
	assert_int_equal(kr_password_check(NULL, "password1234"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "PASSWORD1234"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "Wachtwoord123"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "Welkom2024!!!"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "P@ssw0rd2024"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "iloveyou1234"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "Feyenoord1908"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "qwertyuiop123"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "123456789012"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "aaaaaaaaaaaa"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "abcabcabcabc"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "PasswordPassword"), KR_PASSWORD_COMMON);
	assert_int_equal(kr_password_check(NULL, "zyxwvutsrqponm"), KR_PASSWORD_COMMON);
	/* the user name, in any case, alone or inside */
	assert_int_equal(kr_password_check("marieke", "Marieke-Zomer-2026"), KR_PASSWORD_NAME);
	assert_int_equal(kr_password_check("Jan.de.Vries", "jan.de.vries"), KR_PASSWORD_NAME);
	/* not UTF-8, or a control character */
	assert_int_equal(kr_password_check(NULL, "Fietsbel\xff-Appelboom"), KR_PASSWORD_ENCODING);
	assert_int_equal(kr_password_check(NULL, "Fietsbel\t-Appelboom"), KR_PASSWORD_ENCODING);
	assert_int_equal(kr_password_check(NULL, "Fietsbel\xc0\xaf-Appelboom"), KR_PASSWORD_ENCODING);
	/* every verdict has a message in both languages */
	for (int v = KR_PASSWORD_OK; v <= KR_PASSWORD_NAME; v++) {
		assert_true(strlen(kr_password_message(v, KR_LANG_NL)) > 10);
		assert_true(strlen(kr_password_message(v, KR_LANG_EN)) > 10);
	}
}

static void user_management(void **state)
{
	struct kr_store *s = open_store();
	struct kr_error err;
	struct kr_user *v = NULL, u;
	size_t n = 0;
	(void)state;

	kr_error_init(&err);
	/* no default accounts: a fresh database has none */
	assert_int_equal(kr_account_list(s, &v, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_null(v);
	add(s, "zoe", KR_ACCOUNT_WORKER, "noord");
	add(s, "anna", KR_ACCOUNT_LEAD, "noord");
	/* names are unique without regard to case */
	assert_int_equal(kr_account_add(s, "Anna", KR_ACCOUNT_WORKER, NULL, GOOD, T0, NULL, &err),
	                 KR_ECONFLICT);
	assert_int_equal(kr_account_add(s, "a", KR_ACCOUNT_WORKER, NULL, GOOD, T0, NULL, &err),
	                 KR_EINVAL);
	assert_int_equal(kr_account_add(s, "bad name", KR_ACCOUNT_WORKER, NULL, GOOD, T0, NULL,
	                                  &err), KR_EINVAL);
	assert_int_equal(kr_account_add(s, "bert", KR_ACCOUNT_WORKER, "bad team!", GOOD, T0, NULL,
	                                  &err), KR_EINVAL);
	assert_int_equal(kr_account_add(s, "bert", KR_ACCOUNT_WORKER, NULL, "wachtwoord123", T0,
	                                  NULL, &err), KR_EINVAL);
	assert_int_equal(kr_account_add(s, "bert", KR_ACCOUNT_WORKER, NULL, "Bert-Fietsbel-7", T0,
	                                  NULL, &err), KR_EINVAL);
	assert_int_equal(kr_account_list(s, &v, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "anna");
	assert_int_equal(v[0].role, KR_ACCOUNT_LEAD);
	assert_string_equal(v[1].team, "noord");
	free(v);
	/* lookup is case-insensitive too; the stored spelling comes back */
	u = user(s, "ZOE");
	assert_string_equal(u.name, "zoe");
	assert_false(u.disabled);
	assert_int_equal(kr_account_get(s, "nobody", &u, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_account_set_role(s, "zoe", KR_ACCOUNT_LEAD, "zuid", T0, NULL), KR_OK);
	u = user(s, "zoe");
	assert_int_equal(u.role, KR_ACCOUNT_LEAD);
	assert_string_equal(u.team, "zuid");
	assert_int_equal(kr_account_set_disabled(s, "zoe", true, T0, NULL), KR_OK);
	assert_true(user(s, "zoe").disabled);
	assert_int_equal(kr_account_set_disabled(s, "nobody", true, T0, NULL), KR_ENOTFOUND);
	kr_error_cleanup(&err);
	kr_store_close(s);
}

static void takes_part_in_transaction(void **state)
{
	struct kr_store *s = open_store();
	struct kr_user u;
	(void)state;
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	add(s, "tijdelijk", KR_ACCOUNT_WORKER, NULL);
	assert_int_equal(kr_account_get(s, "tijdelijk", &u, NULL), KR_OK);
	assert_int_equal(kr_store_end(s, false, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, "tijdelijk", &u, NULL), KR_ENOTFOUND);
	kr_store_close(s);
}

/* ---- hashing ------------------------------------------------------------ */

static void stored_hash(struct kr_store *s, const char *name, char out[128])
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(s), "SELECT pwhash FROM users WHERE name = ?1",
	                                    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, 128, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void hash_verify_rehash(void **state)
{
	struct kr_store *s = open_store();
	struct kr_auth_config c;
	struct kr_login lg;
	char h[128], before[128], after[128];
	(void)state;

	assert_int_equal(kr_password_hash(GOOD, h, NULL), KR_OK);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(kr_password_verify(h, GOOD));
	assert_false(kr_password_verify(h, GOOD2));
	assert_false(kr_password_needs_rehash(h));

	add(s, "henk", KR_ACCOUNT_WORKER, NULL);
	stored_hash(s, "henk", before);
	assert_true(strncmp(before, "$argon2id$", 10) == 0);
	assert_null(strstr(before, GOOD));
	/* the limits rise: the next successful login rehashes */
	kr_auth_config_get(&c);
	c.opslimit += 1;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_OK);
	assert_true(kr_password_needs_rehash(before));
	/* a failed login does not */
	assert_int_equal(kr_session_login(s, "henk", GOOD2, "10.0.0.1", T0, &lg, NULL), KR_EPERM);
	stored_hash(s, "henk", after);
	assert_string_equal(before, after);
	assert_int_equal(kr_session_login(s, "henk", GOOD, "10.0.0.1", T0, &lg, NULL), KR_OK);
	stored_hash(s, "henk", after);
	assert_string_not_equal(before, after);
	assert_false(kr_password_needs_rehash(after));
	assert_true(kr_password_verify(after, GOOD));
	/* and the password still works */
	assert_int_equal(kr_session_login(s, "henk", GOOD, "10.0.0.1", T0, &lg, NULL), KR_OK);
	fast_config();
	kr_store_close(s);
}

struct hasher {
	const char *hash;
	int ok;
};

static void *hash_thread(void *arg)
{
	struct hasher *h = arg;
	for (int i = 0; i < 4; i++)
		h->ok += kr_password_verify(h->hash, GOOD);
	return NULL;
}

static void concurrent_hashing(void **state)
{
	pthread_t t[6];
	struct hasher h[6];
	char hash[128];
	(void)state;
	/* more threads than places: they queue, none fails or deadlocks */
	assert_int_equal(kr_password_hash(GOOD, hash, NULL), KR_OK);
	for (int i = 0; i < 6; i++) {
		h[i].hash = hash;
		h[i].ok = 0;
		assert_int_equal(pthread_create(&t[i], NULL, hash_thread, &h[i]), 0);
	}
	for (int i = 0; i < 6; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(h[i].ok, 4);
	}
}

/* ---- sessions ----------------------------------------------------------- */

static void login(struct kr_store *s, const char *name, const char *pw, time_t now,
                  char token[KR_AUTH_TOKEN_CHARS + 1])
{
	struct kr_login lg;
	struct kr_error err;
	kr_error_init(&err);
	if (kr_session_login(s, name, pw, "192.0.2.7", now, &lg, &err) != KR_OK)
		fail_msg("login %s: %s", name, err.message);
	kr_error_cleanup(&err);
	assert_int_equal(strlen(lg.token), KR_AUTH_TOKEN_CHARS);
	assert_string_equal(lg.user.name, name);
	memcpy(token, lg.token, KR_AUTH_TOKEN_CHARS + 1);
}

static enum kr_status check(struct kr_store *s, const char *token, time_t now)
{
	struct kr_user u;
	return kr_session_verify(s, token, now, &u, NULL);
}

static void session_count(struct kr_store *s, int expect)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(s), "SELECT count(*) FROM sessions", -1,
	                                    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), expect);
	sqlite3_finalize(st);
}

static void sessions(void **state)
{
	struct kr_store *s = open_store();
	struct kr_auth_config c;
	struct kr_user u;
	char tok[KR_AUTH_TOKEN_CHARS + 1], tok2[KR_AUTH_TOKEN_CHARS + 1];
	unsigned char th[32];
	sqlite3_stmt *st;
	(void)state;

	kr_auth_config_get(&c);
	add(s, "sara", KR_ACCOUNT_LEAD, "west");
	login(s, "sara", GOOD, T0, tok);
	assert_int_equal(kr_session_verify(s, tok, T0 + 5, &u, NULL), KR_OK);
	assert_string_equal(u.name, "sara");
	assert_int_equal(u.role, KR_ACCOUNT_LEAD);
	assert_string_equal(u.team, "west");
	/* only the hash of the token is stored */
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(s), "SELECT token_hash FROM sessions", -1,
	                                    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(st, 0), 32);
	memcpy(th, sqlite3_column_blob(st, 0), 32);
	sqlite3_finalize(st);
	{
		unsigned char raw[32];
		size_t len = 0;
		assert_int_equal(sodium_base642bin(raw, sizeof raw, tok, strlen(tok), NULL, &len, NULL,
		                                   sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
		assert_int_equal(len, 32);
		assert_true(memcmp(raw, th, 32) != 0);
	}
	/* two logins give different tokens */
	login(s, "sara", GOOD, T0, tok2);
	assert_string_not_equal(tok, tok2);
	/* malformed and unknown tokens */
	assert_int_equal(check(s, "", T0), KR_EPERM);
	assert_int_equal(check(s, NULL, T0), KR_EPERM);
	assert_int_equal(check(s, "not-a-token", T0), KR_EPERM);
	tok2[0] = tok2[0] == 'A' ? 'B' : 'A';
	assert_int_equal(check(s, tok2, T0), KR_EPERM);

	/* logout */
	assert_int_equal(kr_session_logout(s, tok, NULL), KR_OK);
	assert_int_equal(check(s, tok, T0 + 6), KR_EPERM);
	assert_int_equal(kr_session_logout(s, tok, NULL), KR_OK);

	/* disabling the user ends every session, and no new one starts */
	login(s, "sara", GOOD, T0, tok);
	assert_int_equal(kr_account_set_disabled(s, "sara", true, T0, NULL), KR_OK);
	assert_int_equal(check(s, tok, T0 + 1), KR_EPERM);
	assert_int_equal(kr_session_login(s, "sara", GOOD, "192.0.2.7", T0, &(struct kr_login){0},
	                               NULL), KR_EPERM);
	assert_int_equal(kr_account_set_disabled(s, "sara", false, T0, NULL), KR_OK);
	assert_int_equal(check(s, tok, T0 + 1), KR_EPERM);

	/* changing the password ends every session; the new password works */
	login(s, "sara", GOOD, T0, tok);
	login(s, "sara", GOOD, T0, tok2);
	assert_int_equal(kr_account_set_password(s, "sara", "wachtwoord", T0, NULL), KR_EINVAL);
	assert_int_equal(check(s, tok, T0 + 1), KR_OK);
	assert_int_equal(kr_account_set_password(s, "sara", GOOD2, T0 + 2, NULL), KR_OK);
	assert_int_equal(check(s, tok, T0 + 3), KR_EPERM);
	assert_int_equal(check(s, tok2, T0 + 3), KR_EPERM);
	assert_int_equal(kr_session_login(s, "sara", GOOD, "192.0.2.7", T0 + 4, &(struct kr_login){0},
	                               NULL), KR_EPERM);
	login(s, "sara", GOOD2, T0 + 5, tok);

	/* logout_all */
	login(s, "sara", GOOD2, T0 + 5, tok2);
	assert_int_equal(kr_session_logout_all(s, "sara", NULL), KR_OK);
	assert_int_equal(check(s, tok, T0 + 6), KR_EPERM);
	assert_int_equal(check(s, tok2, T0 + 6), KR_EPERM);
	session_count(s, 0);

	/* idle: accepted just before the limit, refused at it; use restarts it */
	login(s, "sara", GOOD2, T0, tok);
	assert_int_equal(check(s, tok, T0 + c.idle_s - 1), KR_OK);
	assert_int_equal(check(s, tok, T0 + 2 * c.idle_s - 2), KR_OK);
	assert_int_equal(check(s, tok, T0 + 3 * c.idle_s - 2), KR_EPERM);
	assert_int_equal(check(s, tok, T0 + 2 * c.idle_s), KR_EPERM);   /* removed for good */
	login(s, "sara", GOOD2, T0, tok);
	assert_int_equal(check(s, tok, T0 + c.idle_s), KR_EPERM);

	/* absolute: refused at the limit however busy the session was */
	login(s, "sara", GOOD2, T0, tok);
	for (time_t t = T0 + c.idle_s - 10; t < T0 + c.absolute_s; t += c.idle_s - 10)
		assert_int_equal(check(s, tok, t), KR_OK);
	assert_int_equal(check(s, tok, T0 + c.absolute_s - 1), KR_OK);
	assert_int_equal(check(s, tok, T0 + c.absolute_s), KR_EPERM);

	/* pruning removes what has run out */
	login(s, "sara", GOOD2, T0, tok);
	session_count(s, 1);
	assert_int_equal(kr_session_prune(s, T0 + c.idle_s, NULL), KR_OK);
	session_count(s, 0);
	kr_store_close(s);
}

static void sessions_touch_interval(void **state)
{
	struct kr_store *s = open_store();
	struct kr_auth_config c;
	char tok[KR_AUTH_TOKEN_CHARS + 1];
	(void)state;
	/* with the default of 60 s, a use within a minute of the last recorded
	 * one is not written: the idle limit counts from the recorded use */
	kr_auth_config_get(&c);
	c.touch_s = 60;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_OK);
	add(s, "ties", KR_ACCOUNT_WORKER, NULL);
	login(s, "ties", GOOD, T0, tok);
	assert_int_equal(check(s, tok, T0 + 59), KR_OK);          /* not written */
	assert_int_equal(check(s, tok, T0 + c.idle_s - 1), KR_OK); /* written */
	assert_int_equal(check(s, tok, T0 + 2 * c.idle_s - 2), KR_OK);
	fast_config();
	kr_store_close(s);
}

/* ---- throttling ---------------------------------------------------------- */

static enum kr_status try_login(struct kr_store *s, const char *name, const char *pw,
                                const char *addr, time_t now, struct kr_login *lg,
                                char msg[512])
{
	struct kr_error err;
	enum kr_status rc;
	kr_error_init(&err);
	rc = kr_session_login(s, name, pw, addr, now, lg, &err);
	if (msg)
		snprintf(msg, 512, "%s", err.message);
	kr_error_cleanup(&err);
	return rc;
}

static void throttling_per_account(void **state)
{
	struct kr_store *s = open_store();
	struct kr_auth_config c;
	struct kr_login lg;
	char m1[512], m2[512];
	(void)state;

	kr_auth_config_get(&c);
	add(s, "piet", KR_ACCOUNT_WORKER, NULL);
	/* an unknown user and a wrong password get the same answer */
	assert_int_equal(try_login(s, "piet", GOOD2, "198.51.100.1", T0, &lg, m1), KR_EPERM);
	assert_int_equal(lg.retry_after, 0);
	assert_int_equal(try_login(s, "niemand", GOOD2, "198.51.100.2", T0, &lg, m2), KR_EPERM);
	assert_int_equal(lg.retry_after, 0);
	assert_string_equal(m1, m2);
	assert_int_equal(lg.token[0], '\0');
	/* a disabled user too */
	add(s, "weg", KR_ACCOUNT_WORKER, NULL);
	assert_int_equal(kr_account_set_disabled(s, "weg", true, T0, NULL), KR_OK);
	assert_int_equal(try_login(s, "weg", GOOD, "198.51.100.3", T0, &lg, m2), KR_EPERM);
	assert_string_equal(m1, m2);

	/* 5 failures (each from a new address) lock the account; the right
	 * password is then refused without being checked */
	for (int i = 1; i < c.fail_account; i++) {
		char addr[32];
		snprintf(addr, sizeof addr, "198.51.100.%d", 10 + i);
		assert_int_equal(try_login(s, "PIET", GOOD2, addr, T0 + i, &lg, NULL), KR_EPERM);
		assert_int_equal(lg.retry_after, 0);
	}
	assert_int_equal(try_login(s, "piet", GOOD, "203.0.113.9", T0 + 10, &lg, m2), KR_EPERM);
	assert_true(lg.retry_after > 0 && lg.retry_after <= c.lockout_s);
	assert_string_not_equal(m1, m2);
	/* ... until the lockout ends */
	assert_int_equal(try_login(s, "piet", GOOD, "203.0.113.9", T0 + 4 + c.lockout_s - 1, &lg,
	                           NULL), KR_EPERM);
	assert_int_equal(try_login(s, "piet", GOOD, "203.0.113.9", T0 + 4 + c.lockout_s, &lg,
	                           NULL), KR_OK);
	assert_int_equal(lg.retry_after, 0);

	/* an unknown name locks out the same way: no difference to observe */
	for (int i = 0; i < c.fail_account; i++)
		assert_int_equal(try_login(s, "niemand", GOOD2, "203.0.113.50", T0 + 100, &lg, NULL),
		                 KR_EPERM);
	assert_int_equal(try_login(s, "niemand", GOOD2, "203.0.113.51", T0 + 101, &lg, NULL),
	                 KR_EPERM);
	assert_true(lg.retry_after > 0);

	/* failures outside the window are forgotten */
	for (int i = 0; i < c.fail_account - 1; i++)
		assert_int_equal(try_login(s, "piet", GOOD2, "203.0.113.60", T0 + 5000 + i, &lg, NULL),
		                 KR_EPERM);
	assert_int_equal(try_login(s, "piet", GOOD2, "203.0.113.60",
	                           T0 + 5000 + c.fail_window_s + 10, &lg, NULL), KR_EPERM);
	assert_int_equal(lg.retry_after, 0);
	assert_int_equal(try_login(s, "piet", GOOD, "203.0.113.60",
	                           T0 + 5000 + c.fail_window_s + 11, &lg, NULL), KR_OK);
	kr_store_close(s);
}

static void throttling_per_address(void **state)
{
	struct kr_store *s = open_store();
	struct kr_auth_config c;
	struct kr_login lg;
	(void)state;

	kr_auth_config_get(&c);
	add(s, "kees", KR_ACCOUNT_WORKER, NULL);
	/* 20 failures from one address, spread over many names */
	for (int i = 0; i < c.fail_address; i++) {
		char name[32];
		snprintf(name, sizeof name, "gok%d", i);
		assert_int_equal(try_login(s, name, GOOD2, "198.51.100.66", T0 + i, &lg, NULL),
		                 KR_EPERM);
		assert_int_equal(lg.retry_after, 0);
	}
	/* that address is locked out, even with the right password ... */
	assert_int_equal(try_login(s, "kees", GOOD, "198.51.100.66", T0 + 30, &lg, NULL),
	                 KR_EPERM);
	assert_true(lg.retry_after > 0);
	/* ... another address is not */
	assert_int_equal(try_login(s, "kees", GOOD, "198.51.100.67", T0 + 31, &lg, NULL), KR_OK);
	kr_store_close(s);
}

/* An unknown user, a disabled user and a wrong password each cost one
 * argon2id verification (the unknown one against the dummy hash); a
 * locked-out login costs none.  Counted, not timed, so the test cannot
 * flake on a busy machine. */
static void unknown_user_does_the_same_work(void **state)
{
	struct kr_store *s = open_store();
	struct kri_password_counts a, b;
	struct kr_auth_config c;
	struct kr_login lg;
	(void)state;

	kr_auth_config_get(&c);
	add(s, "joke", KR_ACCOUNT_WORKER, NULL);
	add(s, "uit", KR_ACCOUNT_WORKER, NULL);
	assert_int_equal(kr_account_set_disabled(s, "uit", true, T0, NULL), KR_OK);

	kri_password_counts(&a);
	assert_int_equal(try_login(s, "joke", GOOD2, "192.0.2.1", T0, &lg, NULL), KR_EPERM);
	kri_password_counts(&b);
	assert_int_equal(b.verify - a.verify, 1);      /* a wrong password: one check */
	assert_int_equal(b.dummy - a.dummy, 0);

	kri_password_counts(&a);
	assert_int_equal(try_login(s, "onbekend", GOOD2, "192.0.2.2", T0, &lg, NULL), KR_EPERM);
	kri_password_counts(&b);
	assert_int_equal(b.verify - a.verify, 1);      /* an unknown user: one check too, */
	assert_int_equal(b.dummy - a.dummy, 1);        /* against the dummy hash */

	kri_password_counts(&a);
	assert_int_equal(try_login(s, "ONBEKEND-", GOOD2, "192.0.2.3", T0, &lg, NULL), KR_EPERM);
	assert_int_equal(try_login(s, "x", GOOD2, "192.0.2.3", T0, &lg, NULL), KR_EPERM);
	kri_password_counts(&b);
	assert_int_equal(b.dummy - a.dummy, 2);        /* malformed names as well */

	kri_password_counts(&a);
	assert_int_equal(try_login(s, "uit", GOOD, "192.0.2.4", T0, &lg, NULL), KR_EPERM);
	kri_password_counts(&b);
	assert_int_equal(b.verify - a.verify, 1);      /* a disabled user: one check */

	/* the dummy hash follows the limits: a change of limits makes a new one,
	 * and the unknown user still costs one verification */
	c.opslimit += 1;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_OK);
	kri_password_counts(&a);
	assert_int_equal(try_login(s, "onbekend", GOOD2, "192.0.2.5", T0, &lg, NULL), KR_EPERM);
	kri_password_counts(&b);
	assert_int_equal(b.dummy - a.dummy, 1);
	fast_config();

	/* a locked-out name is refused without any verification */
	for (int i = 0; i < c.fail_account; i++)
		try_login(s, "joke", GOOD2, "192.0.2.6", T0 + 1, &lg, NULL);
	kri_password_counts(&a);
	assert_int_equal(try_login(s, "joke", GOOD, "192.0.2.6", T0 + 2, &lg, NULL), KR_EPERM);
	assert_true(lg.retry_after > 0);
	kri_password_counts(&b);
	assert_int_equal(b.verify - a.verify, 0);
	kr_store_close(s);
}

/* ---- assignment ---------------------------------------------------------- */

static void assignments(void **state)
{
	struct kr_store *s = open_store();
	char **names = NULL;
	size_t n = 0;
	(void)state;

	put_case(s, "A-1");
	add(s, "w1", KR_ACCOUNT_WORKER, "team-a");
	add(s, "off", KR_ACCOUNT_WORKER, "team-a");
	assert_int_equal(kr_assignment_add(s, "A-1", "w1", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "A-1", "w1", T0, NULL), KR_OK);   /* twice is fine */
	assert_int_equal(kr_assignment_add(s, "A-1", "off", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "NOPE", "w1", T0, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_assignment_add(s, "A-1", "nobody", T0, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_account_set_disabled(s, "off", true, T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "A-1", "off", T0, NULL), KR_EINVAL);
	assert_int_equal(kr_assignment_list(s, "A-1", &names, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "off");
	assert_string_equal(names[1], "w1");
	kr_assignment_list_free(names, n);
	assert_int_equal(kr_assignment_list(s, "NOPE", &names, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_null(names);
	assert_int_equal(kr_assignment_remove(s, "A-1", "w1", NULL), KR_OK);
	assert_int_equal(kr_assignment_remove(s, "A-1", "w1", NULL), KR_ENOTFOUND);
	assert_int_equal(kr_assignment_remove(s, "A-1", "nobody", NULL), KR_ENOTFOUND);
	kr_assignment_list_free(NULL, 0);
	kr_store_close(s);
}

/* ---- share links ----------------------------------------------------------- */

static void share_links(void **state)
{
	struct kr_store *s = open_store();
	struct kr_user w1, w2, adm;
	struct kr_share sh, *list = NULL;
	struct kr_auth_config c;
	char tok[KR_AUTH_TOKEN_CHARS + 1], tok2[KR_AUTH_TOKEN_CHARS + 1];
	char stok[KR_AUTH_TOKEN_CHARS + 1];
	long long id = 0, id2 = 0;
	size_t n = 0;
	time_t exp = T0 + 7 * 86400;
	(void)state;

	kr_auth_config_get(&c);
	put_case(s, "FAM-1");
	put_case(s, "FAM-2");
	add(s, "w1", KR_ACCOUNT_WORKER, NULL);
	add(s, "w2", KR_ACCOUNT_WORKER, NULL);
	add(s, "admin", KR_ACCOUNT_ADMIN, NULL);
	assert_int_equal(kr_assignment_add(s, "FAM-1", "w1", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "FAM-2", "w2", T0, NULL), KR_OK);
	w1 = user(s, "w1");
	w2 = user(s, "w2");
	adm = user(s, "admin");

	assert_int_equal(kr_share_create(s, &w1, "FAM-1", "p2", exp, T0, tok, &id, NULL),
	                 KR_OK);
	assert_int_equal(strlen(tok), KR_AUTH_TOKEN_CHARS);
	assert_true(id > 0);
	assert_int_equal(kr_share_verify(s, tok, T0 + 1, &sh, NULL), KR_OK);
	assert_string_equal(sh.ref, "FAM-1");
	assert_string_equal(sh.person, "p2");
	assert_string_equal(sh.created_by, "w1");
	assert_int_equal(sh.expires, exp);
	/* scope: not someone else's case, not a person outside the case */
	assert_int_equal(kr_share_create(s, &w1, "FAM-2", "p2", exp, T0, tok2, NULL, NULL),
	                 KR_EPERM);
	assert_int_equal(tok2[0], '\0');
	assert_int_equal(kr_share_create(s, &adm, "FAM-1", "p2", exp, T0, tok2, NULL, NULL),
	                 KR_EPERM);
	assert_int_equal(kr_share_create(s, &w1, "FAM-1", "p9", exp, T0, tok2, NULL, NULL),
	                 KR_ENOTFOUND);
	assert_int_equal(kr_share_create(s, &w1, "NOPE", "p1", exp, T0, tok2, NULL, NULL),
	                 KR_EPERM);
	/* expiry must lie ahead, within the maximum */
	assert_int_equal(kr_share_create(s, &w1, "FAM-1", "p1", T0, T0, tok2, NULL, NULL),
	                 KR_EINVAL);
	assert_int_equal(kr_share_create(s, &w1, "FAM-1", "p1", T0 + c.share_max_s + 1, T0,
	                                      tok2, NULL, NULL), KR_EINVAL);
	/* expiry: valid just before, not at the time */
	assert_int_equal(kr_share_verify(s, tok, exp - 1, &sh, NULL), KR_OK);
	assert_int_equal(kr_share_verify(s, tok, exp, &sh, NULL), KR_EPERM);
	assert_string_equal(sh.ref, "");
	/* a share token is no session token, and the other way round */
	login(s, "w2", GOOD, T0, stok);
	assert_int_equal(check(s, tok, T0 + 1), KR_EPERM);
	assert_int_equal(kr_share_verify(s, stok, T0 + 1, &sh, NULL), KR_EPERM);
	assert_int_equal(kr_share_verify(s, "garbage", T0 + 1, &sh, NULL), KR_EPERM);
	/* revocation: only by someone who may share the case */
	assert_int_equal(kr_share_create(s, &w1, "FAM-1", "p1", exp, T0, tok2, &id2, NULL),
	                 KR_OK);
	assert_int_equal(kr_share_revoke(s, &w2, id2, T0 + 2, NULL), KR_EPERM);
	assert_int_equal(kr_share_verify(s, tok2, T0 + 3, &sh, NULL), KR_OK);
	assert_int_equal(kr_share_revoke(s, &w1, id2, T0 + 4, NULL), KR_OK);
	assert_int_equal(kr_share_verify(s, tok2, T0 + 5, &sh, NULL), KR_EPERM);
	assert_int_equal(kr_share_revoke(s, &w1, id2, T0 + 6, NULL), KR_OK);
	assert_int_equal(kr_share_revoke(s, &w1, 9999, T0 + 6, NULL), KR_ENOTFOUND);
	/* the other link still works */
	assert_int_equal(kr_share_verify(s, tok, T0 + 7, &sh, NULL), KR_OK);
	/* the list, newest first */
	assert_int_equal(kr_share_list(s, "FAM-1", &list, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, id2);
	assert_int_equal(list[0].revoked, T0 + 4);
	assert_int_equal(list[1].id, id);
	assert_int_equal(list[1].revoked, 0);
	free(list);
	kr_store_close(s);
}

/* ---- statements from the store's cache ------------------------------------ */

/* No statement on s's connection is left mid-step (which would keep a read
 * transaction open and block checkpoints), and no transaction is open. */
static void all_reset(struct kr_store *s)
{
	sqlite3 *db = kri_store_db(s);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (sqlite3_stmt_busy(st))
			fail_msg("statement left running: %s", sqlite3_sql(st));
	assert_true(sqlite3_get_autocommit(db));
}

/* Every path, the failing ones included, leaves the cached statements
 * reset, and running the same calls again gives the same answers; a
 * failure inside the caller's transaction rolls back only its savepoint. */
static void statements_left_reset(void **state)
{
	struct kr_store *s = open_store();
	struct kr_user w1, lead, adm, u;
	struct kr_login lg;
	struct kr_share sh, *links = NULL;
	char tok[KR_AUTH_TOKEN_CHARS + 1], stok[KR_AUTH_TOKEN_CHARS + 1];
	char **refs = NULL;
	size_t n = 0;
	long long id = 0;
	sqlite3 *other = NULL;
	int log = -1, ckpt = -1;
	(void)state;

	put_case(s, "C-1");
	put_case(s, "C-2");
	add(s, "w1", KR_ACCOUNT_WORKER, "team-a");
	add(s, "lead", KR_ACCOUNT_LEAD, "team-a");
	add(s, "admin", KR_ACCOUNT_ADMIN, NULL);
	all_reset(s);
	w1 = user(s, "w1");
	lead = user(s, "lead");
	adm = user(s, "admin");
	for (int round = 0; round < 2; round++) {
		time_t t = T0 + round * 100;
		assert_int_equal(kr_account_add(s, "w1", KR_ACCOUNT_WORKER, NULL, GOOD, t, NULL,
		                                  NULL), KR_ECONFLICT);
		all_reset(s);
		assert_int_equal(kr_account_get(s, "nobody", &u, NULL), KR_ENOTFOUND);
		all_reset(s);
		assert_int_equal(kr_assignment_add(s, "C-1", "w1", t, NULL), KR_OK);
		all_reset(s);
		assert_int_equal(kr_assignment_add(s, "NOPE", "w1", t, NULL), KR_ENOTFOUND);
		all_reset(s);
		assert_int_equal(kr_assignment_add(s, "C-1", "nobody", t, NULL), KR_ENOTFOUND);
		all_reset(s);
		assert_int_equal(kr_assignment_remove(s, "C-2", "w1", NULL), KR_ENOTFOUND);
		all_reset(s);
		assert_int_equal(kr_assignment_list(s, "C-1", &refs, &n, NULL), KR_OK);
		assert_int_equal(n, 1);
		kr_assignment_list_free(refs, n);
		all_reset(s);
		assert_int_equal(kr_access_visible_cases(s, &lead, &refs, &n, NULL), KR_OK);
		assert_int_equal(n, 1);
		kr_assignment_list_free(refs, n);
		all_reset(s);
		assert_true(can(s, &w1, "C-1", KR_ACCESS_READ));
		assert_false(can(s, &w1, "C-2", KR_ACCESS_READ));
		assert_true(can(s, &lead, "C-1", KR_ACCESS_WRITE));
		assert_true(can(s, &lead, "C-2", KR_ACCESS_ASSIGN));
		assert_true(can(s, &adm, "C-1", KR_ACCESS_CASE_AUDIT));
		assert_false(can(s, &w1, "NOPE", KR_ACCESS_READ));
		all_reset(s);
		/* logins: a wrong password, an unknown user, a good one */
		assert_int_equal(kr_session_login(s, "w1", "Verkeerd-wachtwoord-99", "192.0.2.9", t,
		                               &lg, NULL), KR_EPERM);
		all_reset(s);
		assert_int_equal(kr_session_login(s, "nobody", GOOD, "192.0.2.9", t, &lg, NULL),
		                 KR_EPERM);
		all_reset(s);
		login(s, "w1", GOOD, t, tok);
		all_reset(s);
		assert_int_equal(check(s, tok, t + 1), KR_OK);
		all_reset(s);
		assert_int_equal(check(s, tok, t + 5), KR_OK);   /* touches last_seen */
		all_reset(s);
		assert_int_equal(check(s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", t), KR_EPERM);
		all_reset(s);
		assert_int_equal(kr_session_logout(s, tok, NULL), KR_OK);
		assert_int_equal(check(s, tok, t + 6), KR_EPERM);
		all_reset(s);
		/* share links */
		assert_int_equal(kr_share_create(s, &w1, "C-1", "p2", t + 86400, t, stok, &id,
		                                      NULL), KR_OK);
		all_reset(s);
		assert_int_equal(kr_share_create(s, &w1, "C-1", "p9", t + 86400, t, tok, NULL,
		                                      NULL), KR_ENOTFOUND);
		all_reset(s);
		assert_int_equal(kr_share_verify(s, stok, t + 1, &sh, NULL), KR_OK);
		all_reset(s);
		assert_int_equal(kr_share_list(s, "C-1", &links, &n, NULL), KR_OK);
		assert_int_equal(n, (size_t)round + 1);
		free(links);
		all_reset(s);
		assert_int_equal(kr_share_revoke(s, &w1, id, t + 2, NULL), KR_OK);
		all_reset(s);
		assert_int_equal(kr_share_revoke(s, &w1, 9999, t + 2, NULL), KR_ENOTFOUND);
		all_reset(s);
		assert_int_equal(kr_session_prune(s, t + 3, NULL), KR_OK);
		all_reset(s);
		assert_int_equal(kr_assignment_remove(s, "C-1", "w1", NULL), KR_OK);
		all_reset(s);
	}
	/* inside the caller's transaction a failing call undoes only its own work */
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "C-2", "w1", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "C-2", "nobody", T0, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_store_end(s, true, NULL), KR_OK);
	all_reset(s);
	assert_true(can(s, &w1, "C-2", KR_ACCESS_READ));
	all_reset(s);
	/* and nothing keeps a reader on the log: a whole checkpoint succeeds */
	assert_int_equal(sqlite3_open(dbpath, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM users", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_wal_checkpoint_v2(other, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log,
	                                           &ckpt), SQLITE_OK);
	assert_int_equal(log, 0);
	sqlite3_close(other);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(production_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(password_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(user_management, setup, teardown),
		cmocka_unit_test_setup_teardown(takes_part_in_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(hash_verify_rehash, setup, teardown),
		cmocka_unit_test_setup_teardown(concurrent_hashing, setup, teardown),
		cmocka_unit_test_setup_teardown(sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(sessions_touch_interval, setup, teardown),
		cmocka_unit_test_setup_teardown(throttling_per_account, setup, teardown),
		cmocka_unit_test_setup_teardown(throttling_per_address, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_user_does_the_same_work, setup, teardown),
		cmocka_unit_test_setup_teardown(assignments, setup, teardown),
		cmocka_unit_test_setup_teardown(share_links, setup, teardown),
		cmocka_unit_test_setup_teardown(statements_left_reset, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
