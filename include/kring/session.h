/*
 * session.h - logging in and the sessions that follow (ASVS V7), with the
 * throttling of failed logins (ASVS V6.3).
 *
 *  - A login checks the password (argon2id) and returns a fresh random
 *    256-bit token once; the database keeps only its keyed BLAKE2b hash, so
 *    a copy of the database gives no working session.
 *  - A session ends after idle_s without use or absolute_s after login
 *    (auth.h), at logout, and when its user is disabled or changes
 *    password.  Its last use is written at most every touch_s seconds.
 *  - Failed logins are counted per account name (as typed) and per address;
 *    past the limit, logins are refused for lockout_s without looking at
 *    the password.  An unknown user, a disabled user and a wrong password
 *    get the same answer after the same work (a verification against a
 *    dummy hash), and lockouts work the same for names that do not exist.
 *
 * Functions that write take part in the open transaction (see auth.h).
 */
#ifndef KRING_SESSION_H
#define KRING_SESSION_H

#include <time.h>

#include "kring/account.h"
#include "kring/auth.h"
#include "kring/error.h"
#include "kring/store.h"

struct kr_login {
	char token[KR_AUTH_TOKEN_CHARS + 1]; /* the session token; shown once */
	struct kr_user user;
	long retry_after;   /* > 0 when refused for too many failures: seconds to wait */
};

/* Logs user name in with password from address (an IP address as text;
 * NULL or "" counts as one shared unknown address) at time now.  On KR_OK
 * out holds a new session token and the user.  KR_EPERM, with the same
 * message whether the user is unknown, disabled or the password wrong,
 * when the login is refused; out->retry_after > 0 when it was refused
 * because the account or the address is locked out (the password was then
 * not checked).  A successful login whose hash used other limits stores a
 * new hash.  The caller wipes out->token once it has been handed on. */
enum kr_status kr_session_login(struct kr_store *s, const char *name, const char *password,
                                const char *address, time_t now, struct kr_login *out,
                                struct kr_error *err);

/* Checks a session token at time now: on KR_OK *user is its user as stored
 * now (role and team may have changed since the login).  KR_EPERM when the
 * token is malformed, unknown, ended, past its idle or absolute limit (the
 * session is then removed), or its user is disabled; *user is then zeroed.
 * Records the use (at most every touch_s seconds), which restarts the idle
 * time. */
enum kr_status kr_session_verify(struct kr_store *s, const char *token, time_t now,
                                 struct kr_user *user, struct kr_error *err);

/* Ends the session of token (logout).  KR_OK also when it had ended or the
 * token is malformed. */
enum kr_status kr_session_logout(struct kr_store *s, const char *token, struct kr_error *err);

/* Ends every session of user name.  KR_ENOTFOUND when there is no such
 * user. */
enum kr_status kr_session_logout_all(struct kr_store *s, const char *name,
                                     struct kr_error *err);

/* Removes sessions past their limits and failure records past their window
 * at time now (the server calls it now and then; logins prune too). */
enum kr_status kr_session_prune(struct kr_store *s, time_t now, struct kr_error *err);

#endif
