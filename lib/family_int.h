/*
 * family_int.h - what the family register (family_store.c) offers the
 * store: keeping, with every revision of a case, which of its placements
 * name which foster family.  Internal to libkring.
 */
#ifndef KRING_FAMILY_INT_H
#define KRING_FAMILY_INT_H

#include <sqlite3.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/store.h"

/* Brings family_placements up to case c, the new latest revision of the
 * case with row id case_id, inside the transaction open on s.  Every
 * placements[i].family must name a family of the register: otherwise
 * KR_EINVAL with one detail per reference (`placements[2].family: unknown
 * foster family "f9"`), and the caller rolls the revision back.  KR_EDB
 * when the database fails. */
enum kr_status kri_family_links_sync(struct kr_store *s, sqlite3_int64 case_id,
                                     const struct kr_case *c, struct kr_error *err);

#endif
