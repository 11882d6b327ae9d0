/*
 * account.h - user accounts: a unique name, a role (worker, lead, analyst,
 * admin), an optional team and a disabled flag.
 *
 * There are no default accounts: a new database has none, and the first
 * admin is made from the command line.  Accounts are never deleted, so the
 * audit trail keeps its meaning; they are disabled.  Disabling an account
 * and changing its password end all its sessions in the same transaction.
 * Names compare without regard to case ("Anna" is "anna"); the stored
 * spelling is the one given at creation.
 *
 * What a role may do is access.h's business; this module only keeps the
 * accounts.  Functions that write take part in the open transaction (see
 * auth.h).
 */
#ifndef KRING_ACCOUNT_H
#define KRING_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/error.h"
#include "kring/store.h"

enum kr_account_role {
	KR_ACCOUNT_WORKER = 0,   /* acts on the cases assigned to them */
	KR_ACCOUNT_LEAD,         /* ... and those of their team */
	KR_ACCOUNT_ANALYST,      /* figures without persons only */
	KR_ACCOUNT_ADMIN         /* accounts, assignments, the audit trail */
};
#define KR_ACCOUNT_ROLES 4

/* "worker", "lead", "analyst", "admin" ("?" for anything else).  A static
 * string. */
const char *kr_account_role_name(enum kr_account_role role);

/* Parses a role name into *out.  Returns 0, or -1 (and leaves *out alone)
 * for anything else, NULL included. */
int kr_account_role_parse(const char *s, enum kr_account_role *out);

#define KR_ACCOUNT_NAME_MAX 64   /* bytes of a user or team name */

struct kr_user {
	long long id;
	char name[KR_ACCOUNT_NAME_MAX + 1];
	enum kr_account_role role;
	char team[KR_ACCOUNT_NAME_MAX + 1];  /* "" when in no team */
	bool disabled;
};

/* True when name is a valid user name: 2-64 characters of A-Z a-z 0-9 and
 * . _ @ -, starting with a letter or digit.  Team names follow the same
 * rule (or are empty). */
bool kr_account_name_valid(const char *name);

/* Creates user name with role and team (NULL or "" = no team) and password,
 * at time now.  KR_EINVAL when the name or team is malformed or the password
 * breaks a rule (the message says which; kr_password_check() gives the
 * verdict), KR_ECONFLICT when the name exists.  *id_out (may be NULL) is the
 * new user's id, 0 on failure. */
enum kr_status kr_account_add(struct kr_store *s, const char *name, enum kr_account_role role,
                              const char *team, const char *password, time_t now,
                              long long *id_out, struct kr_error *err);

/* Reads user name into *out.  KR_ENOTFOUND when there is none, KR_EDB when
 * the database fails. */
enum kr_status kr_account_get(struct kr_store *s, const char *name, struct kr_user *out,
                              struct kr_error *err);

/* All users ordered by name.  *out is a malloc'd array of *n users the
 * caller frees with free() (NULL when there are none, and on failure). */
enum kr_status kr_account_list(struct kr_store *s, struct kr_user **out, size_t *n,
                               struct kr_error *err);

/* Disables (disabled = true) or enables user name.  Disabling ends all the
 * user's sessions.  KR_ENOTFOUND when there is no such user. */
enum kr_status kr_account_set_disabled(struct kr_store *s, const char *name, bool disabled,
                                       time_t now, struct kr_error *err);

/* Changes role and team (NULL = keep the team, "" = no team).  KR_EINVAL for
 * an unknown role or a malformed team, KR_ENOTFOUND when there is no such
 * user. */
enum kr_status kr_account_set_role(struct kr_store *s, const char *name, enum kr_account_role role,
                                   const char *team, time_t now, struct kr_error *err);

/* Sets a new password (same rules as kr_account_add) and ends all the
 * user's sessions.  KR_EINVAL for a password that breaks a rule,
 * KR_ENOTFOUND when there is no such user. */
enum kr_status kr_account_set_password(struct kr_store *s, const char *name,
                                       const char *password, time_t now,
                                       struct kr_error *err);

#endif
