/*
 * tu_db.h - a fresh database file per test for the unit tests of the store
 * and of access control (test_auth.c, test_access.c, test_tx.c): its path
 * under /tmp, named for the program and its process, removed with its
 * write-ahead log before and after each test.  Header-only, like
 * testutil.h.
 */
#ifndef KRING_TU_DB_H
#define KRING_TU_DB_H

#include <stdio.h>
#include <unistd.h>

static char dbpath[64];

/* Removes the database at dbpath, its -wal and -shm files and its audit
 * key. */
static inline void tu_db_remove(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm", ".audit-key" };
	char p[80];
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", dbpath, suffix[i]);
		unlink(p);
	}
}

/* Sets dbpath to /tmp/kring-test-<name>-<pid>.db, removed. */
static inline void tu_db_fresh(const char *name)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-test-%s-%d.db", name, (int)getpid());
	tu_db_remove();
}

#endif
