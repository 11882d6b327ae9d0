/*
 * account_int.h - reading accounts for the other modules of access control
 * (account.c): the columns of a user row, filling a struct kr_user from a
 * statement, finding a user with the password hash, and reading a user
 * again as stored now.  Internal to libkring.
 */
#ifndef KRING_ACCOUNT_INT_H
#define KRING_ACCOUNT_INT_H

#include <stdbool.h>

#include <sqlite3.h>

#include "kring/account.h"
#include "kring/password.h"

/* The columns kri_account_fill() reads, in order, from table alias u. */
#define KRI_USER_COLS "u.id, u.name, u.role, u.team, u.disabled"

/* Fills *u from columns col .. col+4 of st (KRI_USER_COLS).  A role this
 * program does not know makes the user disabled: it may do nothing. */
void kri_account_fill(sqlite3_stmt *st, int col, struct kr_user *u);

/* Reads user name into *u; with hash != NULL also the password hash.
 * KR_ENOTFOUND (message in err) when there is none, KR_EDB on failure. */
enum kr_status kri_account_find(struct kr_store *s, const char *name, struct kr_user *u,
                                char hash[KR_PASSWORD_HASH_MAX], struct kr_error *err);

/* Reads user u again by id into *now (role, team and status may have
 * changed since u was read).  False when u is NULL, disabled (in either
 * copy), gone, or the database fails: the caller then refuses. */
bool kri_account_current(struct kr_store *s, const struct kr_user *u, struct kr_user *now);

#endif
