/*
 * assignment_int.h - what assignment.c offers the other modules: reading a
 * column of strings into the array kr_assignment_list() returns (the
 * visible cases of access.c have the same shape).  Internal to libkring.
 */
#ifndef KRING_ASSIGNMENT_INT_H
#define KRING_ASSIGNMENT_INT_H

#include <sqlite3.h>

#include "kring/assignment.h"

/* Steps st (already bound) to its end, copying column 0 of every row into
 * a malloc'd array of malloc'd strings (*out, *n; free with
 * kr_assignment_list_free).  Resets st.  KR_ENOMEM or KR_EDB on failure,
 * with *out NULL. */
enum kr_status kri_assignment_strings(struct kr_store *s, sqlite3_stmt *st, char ***out,
                                      size_t *n, struct kr_error *err);

#endif
