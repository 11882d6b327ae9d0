/*
 * store_int.h - what the store (store.c) offers the other modules of
 * libkring that keep tables in the same database.  Not public.
 */
#ifndef KRING_STORE_INT_H
#define KRING_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/error.h"

struct kr_store;

/* Installs the store's jansson allocation hooks, so that kr_store_each's
 * workers can parse into per-case arenas (kr_config.parse_arena).  Called by
 * kr_init(); installing twice is harmless. */
void kri_store_arena_install(void);

/* True once kri_store_arena_install() has run. */
bool kri_store_arena_installed(void);

/* The revision numbers of case ref, oldest first, with the UTC day each
 * was recorded on (day numbers): two malloc'd arrays of *n entries the
 * caller frees.  No case: *n is 0.  KR_EDB or KR_ENOMEM on failure.  One
 * cached statement that does not read the documents (history.c). */
enum kr_status kri_store_revision_days(struct kr_store *s, const char *ref, long **revs,
                                       long **days, size_t *n);

#endif
