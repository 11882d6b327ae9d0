/*
 * casework.h - rules of the daily case work that need more than one
 * document: a new case gets the next free number, and a new case for a
 * child who already has a case (the same name and birth date) is noticed
 * before a second file for the same child is made.
 *
 * The rules about one document (text limits, meetings filled in only once
 * they took place, restoring a removed item) are case_edit.h's.
 */
#ifndef KRING_CASEWORK_H
#define KRING_CASEWORK_H

#include <stddef.h>

#include "kring/account.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/store.h"

/* The prefix of the case refs kring hands out (PZ-2026-0107). */
#define KR_CASEWORK_REF_PREFIX "PZ"

/* The next free ref of year for a new case: kr_store_next_ref() with
 * KR_CASEWORK_REF_PREFIX.  out holds at least 32 bytes. */
enum kr_status kr_casework_next_ref(struct kr_store *s, int year, char out[32],
                                    struct kr_error *err);

/* kr_casework_duplicate: another case for the child of c - a case (other
 * than c's own ref) whose child has the same name and birth date
 * (kr_store_find_child) and that user u may read (kr_access_decide, read):
 * its ref in out (the first by ref), or "" when there is none.  A case u
 * may not read is never named, so the answer reveals nothing outside u's
 * scope.  A child without a name or birth date matches nothing.  KR_EDB,
 * KR_ENOMEM; out is "" on failure. */
enum kr_status kr_casework_duplicate(struct kr_store *s, const struct kr_user *u,
                                     const struct kr_case *c, char out[128],
                                     struct kr_error *err);

#endif
