/*
 * backup.h - online backups of the database and restoring one.
 *
 * A backup is a consistent copy of the database as it was at one moment,
 * made while the server keeps running: SQLite's `VACUUM INTO` reads one
 * snapshot (in WAL mode readers never block writers, and writers never
 * block it) and writes a compact new file, so the copy holds no freed
 * pages (nothing of a destroyed case survives into a backup made after the
 * destruction).  The copy is then verified as a database of its own:
 * `PRAGMA integrity_check` and the audit trail's chain (kr_audit_verify).
 *
 * A restore verifies the backup the same way before it puts it in place,
 * and never overwrites a database unless asked; even then the old file is
 * moved aside, not deleted.  docs/deploy.md has the schedule and says how
 * long backups keep destroyed data.
 */
#ifndef KRING_BACKUP_H
#define KRING_BACKUP_H

#include <stdbool.h>

#include "kring/error.h"
#include "kring/store.h"

/* What a verification found. */
struct kr_backup_check {
	long long cases;          /* cases in the copy */
	long long audit_rows;     /* rows of its audit trail */
	bool integrity_ok;        /* PRAGMA integrity_check said "ok" */
	bool audit_ok;            /* the audit trail's chain holds */
};

/* Writes a backup of store s to the new file dest (which must not exist:
 * KR_EUSAGE), then verifies it (kr_backup_verify) into *check (may be
 * NULL).  On any failure the unfinished or failing copy is removed and
 * KR_EDB (or KR_EINVAL: the copy does not verify) returned. */
enum kr_status kr_backup_write(struct kr_store *s, const char *dest,
                               struct kr_backup_check *check, struct kr_error *err);

/* Verifies the database file path without changing it (opened read-only):
 * integrity, the schema version, the audit chain, with the audit key file
 * key (NULL: the configured one, or the one next to path; a backup is
 * checked with the key of the database it belongs to).  KR_EINVAL when it does
 * not verify (*check says what failed), KR_EDB when it cannot be read. */
enum kr_status kr_backup_verify(const char *path, const char *key,
                                struct kr_backup_check *check,
                                struct kr_error *err);

/* Restores backup src as the database dest: verifies src, copies it next to
 * dest, verifies the copy, and renames it into place.  When dest exists,
 * KR_ECONFLICT unless replace is set; then the old database (and its -wal)
 * is first moved to dest + ".before-restore-<time>" (*moved_to, a malloc'd
 * name the caller frees, or NULL).  Stop the server first: a restore under
 * a running server is refused when dest is locked (KR_EDB). */
enum kr_status kr_backup_restore(const char *src, const char *dest, bool replace, time_t now,
                                 char **moved_to, struct kr_error *err);

#endif
