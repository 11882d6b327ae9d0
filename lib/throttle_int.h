/*
 * throttle_int.h - counting failed logins and locking out (throttle.c), on
 * the login_failures and login_lockouts tables.  Failures are counted under
 * two keys: the account name as typed (lower case, cut to 64 bytes, so
 * names that do not exist count the same way) and the client address.
 * When fail_account failures of one name, or fail_address of one address,
 * fall within fail_window_s, that key is locked out for lockout_s and its
 * failures are forgotten.  Internal to libkring; session.c is the caller.
 */
#ifndef KRING_THROTTLE_INT_H
#define KRING_THROTTLE_INT_H

#include <time.h>

#include "kring/account.h"
#include "kring/auth.h"
#include "kring/error.h"
#include "kring/store.h"

#define KRI_THROTTLE_ADDR_MAX 64   /* bytes of an address kept */

struct kri_throttle_keys {
	char account[KR_ACCOUNT_NAME_MAX + 1];
	char address[KRI_THROTTLE_ADDR_MAX + 1];
};

/* The keys for a login of name (NULL: "") from address (NULL or "": "-"). */
void kri_throttle_keys(const char *name, const char *address, struct kri_throttle_keys *k);

/* The later end of the lockouts of k's account and address that are in
 * force at now, or 0 in *until.  KR_EDB when the database fails. */
enum kr_status kri_throttle_locked_until(struct kr_store *s, const struct kri_throttle_keys *k,
                                         time_t now, time_t *until, struct kr_error *err);

/* Records one failure under both keys at now, locking a key out when it
 * reaches its limit.  Runs inside the caller's unit of work. */
enum kr_status kri_throttle_fail(struct kr_store *s, const struct kri_throttle_keys *k,
                                 const struct kr_auth_config *c, time_t now,
                                 struct kr_error *err);

/* Forgets the failures of k's account (after a successful login; the
 * address keeps its count).  Runs inside the caller's unit of work. */
enum kr_status kri_throttle_forgive(struct kr_store *s, const struct kri_throttle_keys *k,
                                    struct kr_error *err);

/* Removes failures past the window and lockouts that have ended at now.
 * Runs inside the caller's unit of work. */
enum kr_status kri_throttle_prune(struct kr_store *s, const struct kr_auth_config *c,
                                  time_t now, struct kr_error *err);

#endif
