/*
 * backup.c - the online backup and restore of backup.h.  The copy is made
 * with `VACUUM INTO` on the store's own connection (one read snapshot, no
 * write lock), verified on a read-only connection of its own, and a restore
 * is a verified copy renamed into place; nothing here deletes a database
 * that was there before.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/backup.h"
#include "store_int.h"

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Removes path and its -wal, -shm and -journal companions (a copy of our
 * own that failed). */
static void remove_copy(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char name[4096];
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if ((size_t)snprintf(name, sizeof name, "%s%s", path, ext[i]) < sizeof name)
			unlink(name);
}

/* One integer from sql on db, or -1. */
static long long one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The part of the verification that needs no writing: integrity and
 * counts, on a read-only connection. */
static enum kr_status integrity(const char *path, struct kr_backup_check *check,
                                struct kr_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	enum kr_status rc = KR_OK;

	if (!exists(path))
		return kr_error_say(err, KR_EDB, "%s bestaat niet.", "%s does not exist.", path);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
	    SQLITE_OK) {
		rc = kr_error_say(err, KR_EDB, "%s is niet te lezen.", "%s cannot be read.", path);
		goto out;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
		check->integrity_ok = true;
	sqlite3_finalize(st);
	if (!check->integrity_ok) {
		rc = kr_error_say(err, KR_EINVAL, "%s is beschadigd (integrity_check).",
		                  "%s is damaged (integrity_check).", path);
		goto out;
	}
	check->cases = one_int(db, "SELECT count(*) FROM cases");
	check->audit_rows = one_int(db, "SELECT count(*) FROM audit");
out:
	sqlite3_close(db);
	return rc;
}

enum kr_status kr_backup_verify(const char *path, const char *key,
                                struct kr_backup_check *check,
                                struct kr_error *err)
{
	struct kr_backup_check mine;
	struct kr_store *s = NULL;
	enum kr_status rc;
	long long bad = 0;

	if (!check)
		check = &mine;
	memset(check, 0, sizeof *check);
	if ((rc = integrity(path, check, err)))
		return rc;
	/* the audit chain, through the store (read-only when the file is) */
	if ((rc = kr_store_open(path, &s, err)))
		goto out;
	if (key && kri_store_set_audit_key_path(s, key)) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto out;
	}
	if (kr_audit_verify(s, &bad, err) != KR_OK) {
		rc = kr_error_say(err, KR_EINVAL, "Het logboek in %s klopt niet vanaf regel %lld.",
		                  "The audit trail in %s does not hold from row %lld.", path, bad);
		goto out;
	}
	check->audit_ok = true;
out:
	kr_store_close(s);
	return rc;
}

/* VACUUM INTO dest from db. */
static enum kr_status vacuum_into(sqlite3 *db, const char *dest, struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	enum kr_status rc = KR_OK;

	if (sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = kr_error_say(err, KR_EDB, "De kopie maken lukt niet: %s",
		                  "Making the copy failed: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, dest, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kr_error_say(err, KR_EDB, "De kopie maken lukt niet: %s",
		                  "Making the copy failed: %s", sqlite3_errmsg(db));
out:
	sqlite3_finalize(st);
	return rc;
}

enum kr_status kr_backup_write(struct kr_store *s, const char *dest,
                               struct kr_backup_check *check, struct kr_error *err)
{
	char key[4096];
	enum kr_status rc;

	if (!dest || !*dest || exists(dest))
		return kr_error_say(err, KR_EUSAGE, "%s bestaat al: kies een nieuwe naam voor de "
		                    "reservekopie.", "%s exists already: choose a new name for the "
		                    "backup.", dest ? dest : "");
	if ((rc = vacuum_into(kri_store_db(s), dest, err))) {
		remove_copy(dest);
		return rc;
	}
	/* the copy is checked with the key of the database it was made from */
	if ((rc = kr_audit_key_path(s, key, sizeof key, err)) ||
	    (rc = kr_backup_verify(dest, key, check, err)))
		remove_copy(dest);
	return rc;
}

enum kr_status kr_backup_restore(const char *src, const char *dest, bool replace, time_t now,
                                 char **moved_to, struct kr_error *err)
{
	char tmp[4096], aside[4096], name[4096], from[4096];
	sqlite3 *db = NULL;
	enum kr_status rc;

	*moved_to = NULL;
	if (exists(dest) && !replace)
		return kr_error_say(err, KR_ECONFLICT, "%s bestaat al; een herstel overschrijft een "
		                    "database alleen met --replace (de oude wordt dan bewaard).",
		                    "%s exists already; a restore replaces a database only with "
		                    "--replace (the old one is then kept aside).", dest);
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.restoring", dest) >= sizeof tmp ||
	    (size_t)snprintf(aside, sizeof aside, "%s.before-restore-%lld", dest,
	                     (long long)now) >= sizeof aside)
		return kr_error_say(err, KR_EUSAGE, "De naam is te lang.", "The name is too long.");
	/* the backup itself is only read: its integrity here, its audit chain
	 * on the copy below */
	{
		struct kr_backup_check c;
		memset(&c, 0, sizeof c);
		if ((rc = integrity(src, &c, err)))
			return rc;
	}
	remove_copy(tmp);
	if (sqlite3_open_v2(src, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return kr_error_say(err, KR_EDB, "%s is niet te lezen.", "%s cannot be read.", src);
	}
	rc = vacuum_into(db, tmp, err);
	sqlite3_close(db);
	/* with the key of the database it becomes */
	if (rc == KR_OK) {
		char key[4096];
		rc = kr_audit_key_path_for(dest, key, sizeof key, err);
		if (rc == KR_OK)
			rc = kr_backup_verify(tmp, key, NULL, err);
	}
	if (rc)
		goto fail;
	if (exists(dest)) {
		/* the old database is moved aside, never deleted; a server that
		 * still has it open would keep writing there: the lock tells */
		sqlite3 *old = NULL;
		int busy = sqlite3_open_v2(dest, &old, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		           sqlite3_exec(old, "BEGIN EXCLUSIVE; COMMIT", NULL, NULL, NULL) != SQLITE_OK;
		sqlite3_close(old);
		if (busy) {
			rc = kr_error_say(err, KR_EDB, "%s is in gebruik: stop de server eerst.",
			                  "%s is in use: stop the server first.", dest);
			goto fail;
		}
		if (rename(dest, aside) != 0) {
			rc = kr_error_say(err, KR_EDB, "%s opzij zetten lukt niet: %s",
			                  "Moving %s aside failed: %s", dest, kr_error_errno(err, errno));
			goto fail;
		}
		snprintf(from, sizeof from, "%s-wal", dest);
		snprintf(name, sizeof name, "%s-wal", aside);
		if (exists(from))
			rename(from, name);
		snprintf(from, sizeof from, "%s-shm", dest);
		unlink(from);
		*moved_to = strdup(aside);
	}
	if (rename(tmp, dest) != 0) {
		rc = kr_error_say(err, KR_EDB, "De kopie op zijn plaats zetten lukt niet: %s",
		                  "Putting the copy in place failed: %s", kr_error_errno(err, errno));
		goto fail;
	}
	return KR_OK;
fail:
	remove_copy(tmp);
	return rc;
}
