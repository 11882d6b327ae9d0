/*
 * auth.h - the one configuration of kring's access control, and what its
 * parts share.
 *
 * Access control is six modules, each with its own header:
 *   password.h    the password rules (libzxcvbn) and argon2id hashing
 *   account.h     user accounts: name, role, team, disabled
 *   session.h     logging in, session tokens, idle and absolute expiry, and
 *                 the throttling of failed logins (lib/throttle.c)
 *   assignment.h  which users a case is assigned to
 *   access.h      the access decision: one rule table, a verdict
 *                 (allowed / forbidden / hidden) and capabilities
 *   share.h       share links for the family
 * The yardstick is OWASP ASVS 5.0 level 2; docs/security.md explains every
 * choice.
 *
 * Time is always passed in ("now", seconds since the epoch), so the server
 * uses one clock per request (kr_now(), which tests replace through
 * kr_config.clock) and tests move it at will.
 *
 * Transactions: every function that writes takes part in the transaction
 * that is open on the store's connection (kr_store_begin()), as a savepoint,
 * or runs in its own when none is open.  A caller that must record the
 * action in the audit trail (audit.h) opens a transaction, calls the
 * function and kr_audit_log(), and commits both together.
 *
 * The configuration is process-wide and thread-safe; the functions that
 * take a store follow the store's rule: one thread at a time per struct
 * kr_store.
 */
#ifndef KRING_AUTH_H
#define KRING_AUTH_H

#include <stddef.h>

#include "kring/error.h"

/* A token as handed out (sessions, share links): 32 random bytes in
 * base64url without padding. */
#define KR_AUTH_TOKEN_CHARS 43

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

/* Fills *cfg with the production defaults: INTERACTIVE argon2id limits, at
 * most 2 hashes at once, 30 min idle, 12 h absolute, last use written at
 * most every 60 s, 5 failures per account and 20 per address in 15 min,
 * 15 min lockout, share links valid for at most 90 days.  Never fails. */
void kr_auth_config_default(struct kr_auth_config *cfg);

/* Replaces the process-wide configuration (kr_auth_config_default() until
 * this is called).  Refuses, with KR_EUSAGE, argon2id limits below
 * libsodium's minimum and any time or count below 1 (touch_s may be 0);
 * KR_ENOMEM when libsodium cannot start.  Tests use it to make hashing
 * fast; production code has no reason to lower the limits. */
enum kr_status kr_auth_configure(const struct kr_auth_config *cfg, struct kr_error *err);

/* Copies the configuration in force into *cfg.  Never fails. */
void kr_auth_config_get(struct kr_auth_config *cfg);

#endif
