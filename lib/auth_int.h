/*
 * auth_int.h - what the modules of access control (password, account,
 * session, throttle, assignment, access, share) share inside libkring:
 * starting libsodium once.  Internal.
 */
#ifndef KRING_AUTH_INT_H
#define KRING_AUTH_INT_H

#include "kring/auth.h"

/* Starts libsodium once per process (thread-safe).  KR_ENOMEM, with a
 * message, when it cannot start; every later call says the same. */
enum kr_status kri_auth_ready(struct kr_error *err);

#endif
