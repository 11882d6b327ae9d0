/*
 * store_int.h - what the store (store.c) offers the other modules of
 * libkring that keep tables in the same database.  Not public.
 */
#ifndef KRING_STORE_INT_H
#define KRING_STORE_INT_H

#include <stdbool.h>

/* Installs the store's jansson allocation hooks, so that kr_store_each's
 * workers can parse into per-case arenas (kr_config.parse_arena).  Called by
 * kr_init(); installing twice is harmless. */
void kri_store_arena_install(void);

/* True once kri_store_arena_install() has run. */
bool kri_store_arena_installed(void);

#endif
