/*
 * session_int.h - what session.c offers the other modules of access
 * control: ending every session of a user (accounts do so when disabled or
 * given a new password).  Internal to libkring.
 */
#ifndef KRING_SESSION_INT_H
#define KRING_SESSION_INT_H

#include "kring/error.h"
#include "kring/store.h"

/* Deletes every session of user user_id, inside the caller's unit of work.
 * KR_EDB when the database fails. */
enum kr_status kri_session_end_user(struct kr_store *s, long long user_id,
                                    struct kr_error *err);

#endif
