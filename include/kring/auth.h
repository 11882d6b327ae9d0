/*
 * auth.h - who may do what: user accounts with roles and teams, password
 * rules and hashing, login sessions, throttling of failed logins, case
 * assignment, the access decision, and share links for the family.
 *
 * The yardstick is OWASP ASVS 5.0 level 2; docs/security.md explains every
 * choice.  In short:
 *  - A user has a unique name, a role (worker, lead, analyst, admin), a team
 *    and a disabled flag.  There are no default accounts.
 *  - Passwords are 12-128 characters (Unicode code points), not a common
 *    password, not containing the user name, and stored only as an argon2id
 *    hash (libsodium crypto_pwhash_str, at least the INTERACTIVE limits).  A
 *    hash made with other limits is replaced at the next successful login.
 *    At most a few hashes are computed at once (a counting semaphore), so a
 *    flood of logins cannot exhaust memory.
 *  - A login returns a fresh random 256-bit token once; the database keeps
 *    only its BLAKE2b hash.  Sessions end after an idle time and an absolute
 *    time, at logout, and when the user is disabled or changes password.
 *  - Failed logins are counted per account name and per address; past the
 *    limit logins are refused for a lockout period without looking at the
 *    password.  An unknown user gets the same answer, after the same work,
 *    as a wrong password.
 *  - Share links give the holder access to one person's view of one case;
 *    they expire and can be revoked, and are stored like session tokens.
 *
 * Time is always passed in ("now", seconds since the epoch), so tests can
 * move it and the server uses one clock per request.
 *
 * Transactions: every function that writes takes part in the transaction
 * that is open on the store's connection (kr_store_begin()), as a savepoint,
 * or runs in its own when none is open.  A caller that must record the
 * action in the audit trail (audit.h) opens a transaction, calls the
 * function and kr_audit_log(), and commits both together.
 *
 * Configuration (kr_auth_configure) is process-wide and thread-safe; the
 * functions that take a store follow the store's rule: one thread at a time
 * per struct kr_store.
 */
#ifndef KRING_AUTH_H
#define KRING_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/error.h"
#include "kring/lang.h"
#include "kring/store.h"

/* ---- configuration ---------------------------------------------------- */

struct kr_auth_config {
	unsigned long long opslimit; /* argon2id passes (crypto_pwhash OPSLIMIT) */
	size_t memlimit;             /* argon2id memory in bytes (MEMLIMIT) */
	int max_hashing;             /* hashes computed at once, process-wide */
	long idle_s;                 /* a session ends after this long unused */
	long absolute_s;             /* ... and this long after login, always */
	long touch_s;                /* a session's last use is written at most this often */
	int fail_account;            /* failed logins per account name in the window */
	int fail_address;            /* failed logins per address in the window */
	long fail_window_s;          /* the window in which failures are counted */
	long lockout_s;              /* how long logins are refused past a limit */
	long share_max_s;            /* the longest a share link may be valid */
};

/* The production defaults: INTERACTIVE argon2id limits, at most 2 hashes at
 * once, 30 min idle, 12 h absolute, last use written at most every 60 s,
 * 5 failures per account and 20 per address in 15 min, 15 min lockout,
 * share links valid for at most 90 days. */
void kr_auth_config_default(struct kr_auth_config *cfg);

/* Replaces the process-wide configuration (kr_auth_config_default() until
 * this is called).  Refuses, with KR_EUSAGE, argon2id limits below
 * libsodium's minimum and any time or count below 1.  Tests use it to make
 * hashing fast; production code has no reason to lower the limits. */
enum kr_status kr_auth_configure(const struct kr_auth_config *cfg, struct kr_error *err);

/* Copies the configuration in force into *cfg. */
void kr_auth_config_get(struct kr_auth_config *cfg);

/* ---- roles and users -------------------------------------------------- */

enum kr_access_role {
	KR_ACCESS_WORKER = 0, KR_ACCESS_LEAD, KR_ACCESS_ANALYST, KR_ACCESS_ADMIN
};

/* "worker", "lead", "analyst", "admin".  Returns a static string. */
const char *kr_auth_role_name(enum kr_access_role role);

/* Parses a role name into *out; returns 0, or -1 for anything else. */
int kr_auth_role_parse(const char *s, enum kr_access_role *out);

#define KR_AUTH_NAME_MAX 64   /* bytes of a user or team name */

struct kr_user {
	long long id;
	char name[KR_AUTH_NAME_MAX + 1];
	enum kr_access_role role;
	char team[KR_AUTH_NAME_MAX + 1];  /* "" when in no team */
	bool disabled;
};

/* True when name is a valid user name: 2-64 characters of A-Z a-z 0-9 and
 * . _ @ -, starting with a letter or digit.  Team names follow the same
 * rule (or are empty). */
bool kr_auth_name_valid(const char *name);

/* ---- passwords -------------------------------------------------------- */

enum kr_pw_verdict {
	KR_PW_OK = 0,
	KR_PW_SHORT,      /* fewer than 12 characters */
	KR_PW_LONG,       /* more than 128 characters */
	KR_PW_ENCODING,   /* not valid UTF-8, or holds control characters */
	KR_PW_COMMON,     /* a common password, a simple pattern, or a variant of one */
	KR_PW_NAME        /* equals or contains the user name */
};

#define KR_PW_MIN 12
#define KR_PW_MAX 128

/* Judges password as the new password of user `name` (NULL: no name rule).
 * Length counts Unicode code points.  The common-password rule compares
 * case-insensitively, also after stripping digits and symbols from both ends
 * and undoing l33t substitutions; it also refuses repetitions of a short
 * unit ("abcabcabcabc") and runs along the keyboard or the alphabet. */
enum kr_pw_verdict kr_auth_password_check(const char *name, const char *password);

/* A sentence for a person explaining verdict v, in lang.  Static string. */
const char *kr_auth_password_message(enum kr_pw_verdict v, enum kr_lang lang);

/* Hashes password with argon2id at the configured limits into out (a
 * NUL-terminated string of fewer than 128 bytes).  Waits for a place when
 * the maximum number of hashes is already being computed.  KR_ENOMEM when
 * libsodium cannot get the memory.  Does not check the password rules. */
enum kr_status kr_auth_password_hash(const char *password, char out[128],
                                     struct kr_error *err);

/* True when password matches hash (constant work for a given hash). */
bool kr_auth_password_verify(const char *hash, const char *password);

/* True when hash was made with other limits than the configured ones. */
bool kr_auth_password_needs_rehash(const char *hash);

/* ---- user management --------------------------------------------------- */

/* Creates user name with role and team (NULL or "" = no team) and password.
 * KR_EINVAL when the name or team is malformed or the password breaks a rule
 * (the message says which; kr_auth_password_check() gives the verdict for a
 * translated message), KR_ECONFLICT when the name exists (names compare
 * case-insensitively).  *id_out (may be NULL) is the new user's id. */
enum kr_status kr_auth_user_add(struct kr_store *s, const char *name, enum kr_access_role role,
                                const char *team, const char *password, time_t now,
                                long long *id_out, struct kr_error *err);

/* Reads user name into *out.  KR_ENOTFOUND when there is none. */
enum kr_status kr_auth_user_get(struct kr_store *s, const char *name, struct kr_user *out,
                                struct kr_error *err);

/* All users ordered by name.  *out is a malloc'd array of *n users the
 * caller frees with free() (NULL when there are none). */
enum kr_status kr_auth_user_list(struct kr_store *s, struct kr_user **out, size_t *n,
                                 struct kr_error *err);

/* Disables (disabled = true) or enables user name.  Disabling ends all the
 * user's sessions.  KR_ENOTFOUND when there is no such user. */
enum kr_status kr_auth_user_set_disabled(struct kr_store *s, const char *name, bool disabled,
                                         time_t now, struct kr_error *err);

/* Changes role and team (NULL = keep the team, "" = no team). */
enum kr_status kr_auth_user_set_role(struct kr_store *s, const char *name,
                                     enum kr_access_role role, const char *team, time_t now,
                                     struct kr_error *err);

/* Sets a new password (same rules as kr_auth_user_add) and ends all the
 * user's sessions. */
enum kr_status kr_auth_user_set_password(struct kr_store *s, const char *name,
                                         const char *password, time_t now,
                                         struct kr_error *err);

/* ---- sessions --------------------------------------------------------- */

/* A token as handed out: 32 random bytes in base64url without padding. */
#define KR_AUTH_TOKEN_CHARS 43

struct kr_login {
	char token[KR_AUTH_TOKEN_CHARS + 1]; /* the session token; shown once */
	struct kr_user user;
	long retry_after;   /* > 0 when refused for too many failures: seconds to wait */
};

/* Logs user name in with password, from address (an IP address as text;
 * NULL or "" counts as one shared unknown address).  On KR_OK out holds a
 * new session token and the user.  KR_EPERM, with the same message whether
 * the user is unknown, disabled or the password wrong, when the login is
 * refused; out->retry_after > 0 when it was refused because the account or
 * the address is locked out (the password was then not checked).  A
 * successful login whose hash used other limits stores a new hash.  The
 * caller should wipe out->token once it has been handed on. */
enum kr_status kr_auth_login(struct kr_store *s, const char *name, const char *password,
                             const char *address, time_t now, struct kr_login *out,
                             struct kr_error *err);

/* Checks a session token: on KR_OK *user is its user as stored now (role and
 * team may have changed since the login).  KR_EPERM when the token is
 * malformed, unknown, ended, past its idle or absolute limit (the session is
 * then removed), or its user is disabled.  Records the use (at most every
 * touch_s seconds), which restarts the idle time. */
enum kr_status kr_auth_session_verify(struct kr_store *s, const char *token, time_t now,
                                      struct kr_user *user, struct kr_error *err);

/* Ends the session of token (logout).  KR_OK also when it had ended. */
enum kr_status kr_auth_logout(struct kr_store *s, const char *token, struct kr_error *err);

/* Ends every session of user name.  KR_ENOTFOUND when there is no such user. */
enum kr_status kr_auth_logout_all(struct kr_store *s, const char *name, struct kr_error *err);

/* Removes sessions past their limits and failure records past their window
 * at time now (the server calls it now and then; logins prune too). */
enum kr_status kr_auth_prune(struct kr_store *s, time_t now, struct kr_error *err);

/* ---- assignment and the access decision -------------------------------- */

/* Assigns case ref to user name (a case may have several assignees).  KR_OK
 * also when it already was.  KR_ENOTFOUND when the case or user is missing,
 * KR_EINVAL when the user is disabled. */
enum kr_status kr_auth_assign(struct kr_store *s, const char *ref, const char *name,
                              time_t now, struct kr_error *err);

/* Removes the assignment of case ref to user name.  KR_ENOTFOUND when there
 * was none. */
enum kr_status kr_auth_unassign(struct kr_store *s, const char *ref, const char *name,
                                struct kr_error *err);

/* The names of the users case ref is assigned to, ordered by name: *out is
 * a malloc'd array of *n malloc'd strings; free with kr_auth_strings_free(). */
enum kr_status kr_auth_assignees(struct kr_store *s, const char *ref, char ***out, size_t *n,
                                 struct kr_error *err);

/* The refs of the cases user u may read, ordered by ref; freed as above. */
enum kr_status kr_auth_visible_cases(struct kr_store *s, const struct kr_user *u,
                                     char ***out, size_t *n, struct kr_error *err);

/* Frees an array of n strings as returned above.  Accepts NULL. */
void kr_auth_strings_free(char **v, size_t n);

enum kr_auth_action {
	KR_ACT_READ,        /* read a case (ref required) */
	KR_ACT_WRITE,       /* change a case */
	KR_ACT_EXPORT,      /* export or print a case */
	KR_ACT_SHARE,       /* create, list or revoke share links of a case */
	KR_ACT_ASSIGN,      /* assign users to a case */
	KR_ACT_CASE_AUDIT,  /* read the audit trail of a case */
	KR_ACT_CREATE,      /* create a new case (ref ignored) */
	KR_ACT_AGGREGATES,  /* see aggregated figures without persons (ref ignored) */
	KR_ACT_USERS,       /* manage users (ref ignored) */
	KR_ACT_AUDIT_ALL    /* read the whole audit trail (ref ignored) */
};

/* The access decision: may user u do action on case ref?  A worker acts on
 * the cases assigned to them; a lead on the cases assigned to anyone in
 * their team (and assigns those, and cases nobody has yet); an analyst
 * only sees aggregates, never a case; an admin manages users, assigns and
 * reads the audit trail, but reads a case only when it is assigned to them.
 * A disabled user may do nothing.  Fails closed: any error answers false.
 * docs/security.md has the full table. */
bool kr_auth_can(struct kr_store *s, const struct kr_user *u, const char *ref,
                 enum kr_auth_action action);

/* ---- share links ------------------------------------------------------ */

struct kr_share {
	long long id;
	char ref[128];
	char person[128];     /* the person id within the case */
	char created_by[KR_AUTH_NAME_MAX + 1];
	time_t created;
	time_t expires;
	time_t revoked;       /* 0 while not revoked */
};

/* Creates a share link for person `person` of case ref, valid until
 * `expires`, made by user `by` (who must be allowed KR_ACT_SHARE on the
 * case, else KR_EPERM).  KR_ENOTFOUND when the case has no such person;
 * KR_EINVAL when expires is not after now or beyond share_max_s.  token
 * receives the link's secret (shown once); *id_out (may be NULL) its id. */
enum kr_status kr_auth_share_create(struct kr_store *s, const struct kr_user *by,
                                    const char *ref, const char *person, time_t expires,
                                    time_t now, char token[KR_AUTH_TOKEN_CHARS + 1],
                                    long long *id_out, struct kr_error *err);

/* Checks a share token: on KR_OK *out says which case and person it opens.
 * KR_EPERM when the token is malformed, unknown, expired or revoked. */
enum kr_status kr_auth_share_verify(struct kr_store *s, const char *token, time_t now,
                                    struct kr_share *out, struct kr_error *err);

/* Revokes share link id, by user `by` (KR_ACT_SHARE on its case, else
 * KR_EPERM).  KR_ENOTFOUND when there is no such link; KR_OK when it was
 * revoked already. */
enum kr_status kr_auth_share_revoke(struct kr_store *s, const struct kr_user *by,
                                    long long id, time_t now, struct kr_error *err);

/* The share links of case ref, newest first (revoked and expired ones
 * included).  *out is a malloc'd array of *n links the caller frees. */
enum kr_status kr_auth_share_list(struct kr_store *s, const char *ref, struct kr_share **out,
                                  size_t *n, struct kr_error *err);

#endif
