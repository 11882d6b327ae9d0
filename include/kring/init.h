/*
 * init.h - configuring libkring, once, by the program that uses it.
 *
 * The library never reads the environment and changes nothing in its host
 * process on its own (no constructors, no allocator hooks, no getenv): what
 * a program wants is said in one struct kr_config passed to kr_init(), in
 * the manner of sqlite3_config() and git_libgit2_init().  Calling kr_init()
 * is optional; without it every setting has its default.
 */
#ifndef KRING_INIT_H
#define KRING_INIT_H

#include <stdbool.h>
#include <time.h>

#include "kring/error.h"
#include "kring/lang.h"

struct kr_config {
	/* Threads that parse cases when kr_store_each() walks every case: 0
	 * means one per online core (at most 8), 1 walks on the calling thread
	 * alone. */
	int threads;
	/* Let those threads parse each case into a 512 KiB arena of its own.
	 * This installs jansson's allocation hooks (json_set_alloc_funcs) for
	 * the whole process, so leave it false when the program sets jansson's
	 * hooks itself.  About a quarter faster on a walk of every case. */
	bool parse_arena;
	/* The language of library messages (struct kr_error) when the caller
	 * does not choose one per error (kr_error_init_lang). */
	enum kr_lang lang;
	/* The clock: seconds since the epoch, UTC.  NULL is the system clock;
	 * tests pass their own to move time without sleeping.  Used for
	 * revision and audit times, sessions, throttling and "today". */
	time_t (*clock)(void *arg);
	void *clock_arg;
	/* The file that holds the audit trail's key (audit.h): NULL is
	 * "<database>.audit-key" next to each database.  The string must
	 * outlive the use of the library. */
	const char *audit_key_file;
};

/* Fills *cfg with the defaults: threads 0, parse_arena false, Dutch, the
 * system clock, the audit key next to the database.  Never fails. */
void kr_config_defaults(struct kr_config *cfg);

/* Configures the library.  Call it before other threads use libkring (it
 * may be called again later, from a single thread, for instance by a test
 * that changes the clock).  KR_EUSAGE for a negative thread count. */
enum kr_status kr_init(const struct kr_config *cfg, struct kr_error *err);

/* The configuration in force (the defaults before kr_init).  Borrowed. */
const struct kr_config *kr_config_get(void);

/* The time by the configured clock (seconds since the epoch, UTC). */
time_t kr_now(void);

#endif
