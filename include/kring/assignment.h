/*
 * assignment.h - which users a case is assigned to.  A case may be
 * assigned to several users; access.h decides what an assignment lets a
 * user do (a worker acts on the cases assigned to them, a lead also on
 * those assigned to anyone in their team).  Functions that write take
 * part in the open transaction (see auth.h).
 */
#ifndef KRING_ASSIGNMENT_H
#define KRING_ASSIGNMENT_H

#include <stddef.h>
#include <time.h>

#include "kring/error.h"
#include "kring/store.h"

/* Assigns case ref to user name at time now.  KR_OK also when it already
 * was.  KR_ENOTFOUND when the case or the user is missing, KR_EINVAL when
 * the user is disabled. */
enum kr_status kr_assignment_add(struct kr_store *s, const char *ref, const char *name,
                                 time_t now, struct kr_error *err);

/* Ends the assignment of case ref to user name.  KR_ENOTFOUND when there
 * was none (or no such user). */
enum kr_status kr_assignment_remove(struct kr_store *s, const char *ref, const char *name,
                                    struct kr_error *err);

/* The names of the users case ref is assigned to, ordered by name: *out is
 * a malloc'd array of *n malloc'd strings, freed with
 * kr_assignment_list_free() (NULL and 0 when there are none, and on
 * failure). */
enum kr_status kr_assignment_list(struct kr_store *s, const char *ref, char ***out,
                                  size_t *n, struct kr_error *err);

/* Frees an array of n strings as returned by kr_assignment_list() and
 * kr_access_visible_cases().  Accepts NULL. */
void kr_assignment_list_free(char **v, size_t n);

#endif
