/*
 * store.c - the case store of store.h on SQLite.
 *
 * Tables (lib/sql/001_init.sql): `cases` (one row per case with a summary of
 * its latest revision), `revisions` (every document ever stored, guarded by
 * triggers against UPDATE and DELETE), `settings` and its append-only log.
 * A put is one transaction, or one savepoint inside a group opened with
 * kr_store_begin(): either the whole revision lands or nothing does.
 * Statements used per put are prepared once and kept.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <jansson.h>

#include "kring/store.h"
#include "kring/init.h"
#include "store_int.h"

extern const char *const kri_migrations[];
extern const size_t kri_nmigrations;

enum {
	ST_FIND, ST_NEW_CASE, ST_INSERT_REV, ST_UPDATE_CASE, ST_GET_REV, ST_GET_HEAD,
	ST__N
};

static const char *const stmt_sql[ST__N] = {
	[ST_FIND] = "SELECT id, head FROM cases WHERE ref = ?1",
	[ST_NEW_CASE] = "INSERT INTO cases(ref, created, head, updated, npersons) "
	                "VALUES (?1, ?2, 0, ?2, 0)",
	[ST_INSERT_REV] = "INSERT INTO revisions(case_id, rev, author, created, doc) "
	                  "VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_UPDATE_CASE] = "UPDATE cases SET head = ?2, child = ?3, opened = ?4, updated = ?5, "
	                   "npersons = ?6 WHERE id = ?1",
	[ST_GET_REV] = "SELECT r.doc, c.head FROM cases c LEFT JOIN revisions r "
	               "ON r.case_id = c.id AND r.rev = ?2 WHERE c.ref = ?1",
	[ST_GET_HEAD] = "SELECT r.doc, c.head FROM cases c JOIN revisions r "
	                "ON r.case_id = c.id AND r.rev = c.head WHERE c.ref = ?1",
};

struct stmt_cache_entry {
	const char *sql;    /* the caller's static string: the key is its address */
	sqlite3_stmt *st;
};

struct kr_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST__N];
	struct stmt_cache_entry *cache;   /* kr_store_stmt */
	size_t ncache, capcache;
	int depth;          /* > 0 inside kr_store_begin() */
	time_t now;         /* fixed clock, 0 = real clock */
};

static enum kr_status db_fail(struct kr_store *s, struct kr_error *err, const char *what)
{
	return kr_error_set(err, KR_EDB, "%s: %s", what, sqlite3_errmsg(s->db));
}

static enum kr_status exec(struct kr_store *s, const char *sql, struct kr_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		kr_error_set(err, KR_EDB, "database: %s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return KR_EDB;
	}
	return KR_OK;
}

static sqlite3_stmt *stmt(struct kr_store *s, int which)
{
	sqlite3_stmt *st = s->st[which];
	if (!st && sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
	                              &s->st[which], NULL) != SQLITE_OK)
		return NULL;
	st = s->st[which];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int kr_store_schema_version(void)
{
	return (int)kri_nmigrations;
}

static int user_version(struct kr_store *s)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum kr_status migrate(struct kr_store *s, struct kr_error *err)
{
	int v = user_version(s);
	char sql[64];

	if (v < 0)
		return db_fail(s, err, "cannot read the database");
	if (v > (int)kri_nmigrations)
		return kr_error_set(err, KR_EDB,
		                    "the database has schema version %d, newer than this kring "
		                    "knows (%d): use a newer kring", v, (int)kri_nmigrations);
	if (v == 0) {
		/* A fresh file, or somebody else's database? */
		sqlite3_stmt *st = NULL;
		int n = 0;
		if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st,
		                       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (n > 0)
			return kr_error_set(err, KR_EDB, "this file is an SQLite database, but not a "
			                    "kring database");
	}
	for (; v < (int)kri_nmigrations; v++) {
		enum kr_status rc;
		if ((rc = exec(s, "BEGIN IMMEDIATE", err)))
			return rc;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(s, kri_migrations[v], err)) || (rc = exec(s, sql, err))) {
			exec(s, "ROLLBACK", NULL);
			return rc;
		}
		if ((rc = exec(s, "COMMIT", err)))
			return rc;
	}
	return KR_OK;
}

enum kr_status kr_store_open(const char *path, struct kr_store **out, struct kr_error *err)
{
	struct kr_store *s;
	enum kr_status rc;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;

	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return kr_error_set(err, KR_ENOMEM, "out of memory");
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		rc = kr_error_set(err, KR_EDB, "cannot open database %s: %s", path,
		                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_busy_timeout(s->db, 5000);
	if ((rc = exec(s, "PRAGMA journal_mode = WAL", err)) ||
	    (rc = exec(s, "PRAGMA synchronous = FULL", err)) ||
	    (rc = exec(s, "PRAGMA foreign_keys = ON", err)) ||
	    (rc = exec(s, "PRAGMA trusted_schema = OFF", err))) {
		kr_error_set(err, KR_EDB, "cannot use %s as a database: %s", path,
		             sqlite3_errmsg(s->db));
		goto fail;
	}
	if ((rc = migrate(s, err)))
		goto fail;
	*out = s;
	return KR_OK;
fail:
	kr_store_close(s);
	return rc;
}

void kr_store_close(struct kr_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST__N; i++)
		sqlite3_finalize(s->st[i]);
	for (size_t i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s->cache);
	sqlite3_close(s->db);
	free(s);
}

void *kr_store_stmt(struct kr_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql) {
			st = s->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (s->ncache == s->capcache) {
		size_t cap = s->capcache ? s->capcache * 2 : 32;
		struct stmt_cache_entry *c = realloc(s->cache, cap * sizeof *c);
		if (!c)
			return NULL;
		s->cache = c;
		s->capcache = cap;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		return NULL;
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

void kr_store_set_now(struct kr_store *s, time_t now)
{
	s->now = now;
}

void *kr_store_db(struct kr_store *s)
{
	return s->db;
}

static void iso_now(struct kr_store *s, char buf[21])
{
	time_t t = s->now ? s->now : kr_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum kr_status kr_store_begin(struct kr_store *s, struct kr_error *err)
{
	enum kr_status rc;
	if (s->depth > 0)
		return kr_error_set(err, KR_EUSAGE, "a transaction is already open");
	if ((rc = exec(s, "BEGIN IMMEDIATE", err)))
		return rc;
	s->depth = 1;
	return KR_OK;
}

enum kr_status kr_store_end(struct kr_store *s, bool commit, struct kr_error *err)
{
	enum kr_status rc;
	if (s->depth == 0)
		return kr_error_set(err, KR_EUSAGE, "no transaction is open");
	s->depth = 0;
	rc = exec(s, commit ? "COMMIT" : "ROLLBACK", err);
	if (rc && commit)
		exec(s, "ROLLBACK", NULL);
	return rc;
}

/* The summary columns of `cases` for a case. */
static void bind_summary(sqlite3_stmt *st, const struct kr_case *c)
{
	char opened[11];
	if (c->child >= 0)
		sqlite3_bind_text(st, 3, kr_case_person_name(c, c->child), -1, SQLITE_TRANSIENT);
	if (kr_date_valid(c->opened))
		sqlite3_bind_text(st, 4, kr_date_format(c->opened, opened), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)c->npersons);
}

/* Revisions are recorded in time order: a revision recorded at `now` (a
 * time set with kr_store_set_now, e.g. when a paper file is brought in)
 * may not come before the case's latest one.  KR_EINVAL when it would. */
static enum kr_status check_time_order(struct kr_store *s, sqlite3_int64 case_id, long head,
                                       const char *now, const char *ref,
                                       struct kr_error *err)
{
	sqlite3_stmt *st = kr_store_stmt(s, "SELECT created FROM revisions WHERE case_id = ?1 "
	                                    "AND rev = ?2");
	enum kr_status rc = KR_OK;

	if (!st)
		return db_fail(s, err, "reading the history failed");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, head);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *last = (const char *)sqlite3_column_text(st, 0);
		if (last && strcmp(now, last) < 0)
			rc = kr_error_say(err, KR_EINVAL,
			                  "dossier %s heeft al een versie van %s; een nieuwe versie kan "
			                  "niet eerder (%s) vastgelegd worden",
			                  "case %s already has a revision of %s; a new revision cannot "
			                  "be recorded earlier (%s)", ref, last, now);
	}
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_store_put(struct kr_store *s, const struct kr_case *c, const char *author,
                            long expect_rev, long *rev_out, struct kr_error *err)
{
	long ignored;
	enum kr_status rc = KR_OK;
	sqlite3_stmt *st;
	sqlite3_int64 case_id = 0;
	long head = 0;
	char now[21];
	char *doc = NULL;
	bool own_tx = s->depth == 0;

	if (!rev_out)
		rev_out = &ignored;
	*rev_out = 0;
	if (!author || !*author)
		return kr_error_set(err, KR_EUSAGE, "a change needs an author");
	doc = kr_case_dump(c, false);
	if (!doc)
		return kr_error_set(err, KR_ENOMEM, "out of memory");
	iso_now(s, now);
	if ((rc = exec(s, own_tx ? "BEGIN IMMEDIATE" : "SAVEPOINT put", err)))
		goto out_free;

	if (!(st = stmt(s, ST_FIND)))
		goto dberr;
	sqlite3_bind_text(st, 1, c->ref, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		case_id = sqlite3_column_int64(st, 0);
		head = (long)sqlite3_column_int64(st, 1);
		break;
	case SQLITE_DONE:
		break;
	default:
		goto dberr;
	}
	sqlite3_reset(st);
	if (case_id && expect_rev == -1) {
		*rev_out = head;
		rc = kr_error_set(err, KR_ECONFLICT, "case %s exists already (revision %ld)",
		                  c->ref, head);
		goto undo;
	}
	if (expect_rev > 0 && (!case_id || head != expect_rev)) {
		*rev_out = head;
		rc = case_id ? kr_error_set(err, KR_ECONFLICT,
		                            "case %s was changed by someone else: your change is "
		                            "based on revision %ld, the latest is %ld", c->ref,
		                            expect_rev, head)
		             : kr_error_set(err, KR_ENOTFOUND, "no case %s", c->ref);
		goto undo;
	}
	if (case_id && (rc = check_time_order(s, case_id, head, now, c->ref, err)))
		goto undo;
	if (!case_id) {
		if (!(st = stmt(s, ST_NEW_CASE)))
			goto dberr;
		sqlite3_bind_text(st, 1, c->ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
		case_id = sqlite3_last_insert_rowid(s->db);
		sqlite3_reset(st);
	}
	if (!(st = stmt(s, ST_INSERT_REV)))
		goto dberr;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, head + 1);
	sqlite3_bind_text(st, 3, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, doc, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_reset(st);
	if (!(st = stmt(s, ST_UPDATE_CASE)))
		goto dberr;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, head + 1);
	bind_summary(st, c);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_reset(st);
	if ((rc = exec(s, own_tx ? "COMMIT" : "RELEASE put", err)))
		goto undo;
	*rev_out = head + 1;
	goto out_free;

dberr:
	rc = db_fail(s, err, "storing the case failed");
undo:
	if (own_tx)
		exec(s, "ROLLBACK", NULL);
	else
		exec(s, "ROLLBACK TO put; RELEASE put", NULL);
out_free:
	for (int i = 0; i < ST__N; i++)
		if (s->st[i])
			sqlite3_reset(s->st[i]);
	free(doc);
	return rc;
}

/* Steps the revision query for (ref, rev); on KR_OK the statement is on
 * the row (doc in column 0) and *got holds the revision number.  The caller
 * resets the statement. */
static enum kr_status find_revision(struct kr_store *s, const char *ref, long rev,
                                    sqlite3_stmt **out, long *got, struct kr_error *err)
{
	sqlite3_stmt *st = stmt(s, rev > 0 ? ST_GET_REV : ST_GET_HEAD);
	int step;

	*out = st;
	*got = 0;
	if (!st)
		return db_fail(s, err, "reading the case failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	if (rev > 0)
		sqlite3_bind_int64(st, 2, rev);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		return kr_error_set(err, KR_ENOTFOUND, "no case %s", ref);
	if (step != SQLITE_ROW)
		return db_fail(s, err, "reading the case failed");
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		return kr_error_set(err, KR_ENOTFOUND, "case %s has no revision %ld (the latest is "
		                    "%lld)", ref, rev, (long long)sqlite3_column_int64(st, 1));
	*got = rev > 0 ? rev : (long)sqlite3_column_int64(st, 1);
	return KR_OK;
}

enum kr_status kr_store_get(struct kr_store *s, const char *ref, long rev,
                            struct kr_case **out, struct kr_error *err)
{
	sqlite3_stmt *st;
	long got;
	enum kr_status rc = find_revision(s, ref, rev, &st, &got, err);

	*out = NULL;
	if (rc == KR_OK) {
		const char *doc = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_bytes(st, 0);
		rc = kr_case_read(doc, (size_t)n, out, err);
		if (rc)
			kr_error_set(err, rc, "the stored revision of case %s cannot be read", ref);
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

enum kr_status kr_store_get_text(struct kr_store *s, const char *ref, long rev, char **text,
                                 size_t *len, long *rev_out, struct kr_error *err)
{
	sqlite3_stmt *st;
	long got;
	enum kr_status rc = find_revision(s, ref, rev, &st, &got, err);

	*text = NULL;
	*len = 0;
	if (rev_out)
		*rev_out = 0;
	if (rc == KR_OK) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		const void *p = sqlite3_column_blob(st, 0);
		if (!(*text = malloc(n + 1))) {
			rc = kr_error_set(err, KR_ENOMEM, "out of memory");
		} else {
			if (n)
				memcpy(*text, p, n);
			(*text)[n] = '\0';
			*len = n;
			if (rev_out)
				*rev_out = got;
		}
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

enum kr_status kr_store_head(struct kr_store *s, const char *ref, long *rev_out,
                             struct kr_error *err)
{
	sqlite3_stmt *st = stmt(s, ST_FIND);
	enum kr_status rc = KR_OK;
	int step;

	*rev_out = 0;
	if (!st)
		return db_fail(s, err, "reading the case failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*rev_out = (long)sqlite3_column_int64(st, 1);
	else if (step == SQLITE_DONE)
		rc = kr_error_set(err, KR_ENOTFOUND, "no case %s", ref);
	else
		rc = db_fail(s, err, "reading the case failed");
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_store_revision_at(struct kr_store *s, const char *ref, long day,
                                    long *rev_out, struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	enum kr_status rc = KR_OK;
	struct kr_date next = kr_date_from_days(day + 1);
	char until[32];

	*rev_out = 0;
	snprintf(until, sizeof until, "%04d-%02d-%02dT00:00:00Z", next.y, next.m, next.d);
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT (SELECT max(r.rev) FROM revisions r WHERE r.case_id = c.id "
	                       "AND r.created < ?2) FROM cases c WHERE c.ref = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err, "reading the history failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
			char d[11];
			rc = kr_error_set(err, KR_ENOTFOUND, "case %s did not exist yet on %s", ref,
			                  kr_date_format(kr_date_from_days(day), d));
		} else {
			*rev_out = (long)sqlite3_column_int64(st, 0);
		}
		break;
	case SQLITE_DONE:
		rc = kr_error_set(err, KR_ENOTFOUND, "no case %s", ref);
		break;
	default:
		rc = db_fail(s, err, "reading the history failed");
	}
	sqlite3_finalize(st);
	return rc;
}

static void copy(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

enum kr_status kr_store_history(struct kr_store *s, const char *ref,
                                struct kr_revision_info **out, size_t *n,
                                struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	struct kr_revision_info *v = NULL, *grown;
	size_t k = 0, cap = 0;
	enum kr_status rc = KR_OK;
	int step;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT r.rev, r.author, r.created, length(CAST(r.doc AS BLOB)) "
	                       "FROM cases c JOIN revisions r ON r.case_id = c.id "
	                       "WHERE c.ref = ?1 ORDER BY r.rev", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err, "reading the history failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_set(err, KR_ENOMEM, "out of memory");
				goto out;
			}
			v = grown;
		}
		v[k].rev = (long)sqlite3_column_int64(st, 0);
		copy(v[k].author, sizeof v[k].author, sqlite3_column_text(st, 1));
		copy(v[k].created, sizeof v[k].created, sqlite3_column_text(st, 2));
		v[k].bytes = (size_t)sqlite3_column_int64(st, 3);
		k++;
	}
	if (step != SQLITE_DONE)
		rc = db_fail(s, err, "reading the history failed");
	else if (k == 0)
		rc = kr_error_set(err, KR_ENOTFOUND, "no case %s", ref);
out:
	sqlite3_finalize(st);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return KR_OK;
}

enum kr_status kr_store_list(struct kr_store *s, struct kr_case_info **out, size_t *n,
                             struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	struct kr_case_info *v = NULL, *grown;
	size_t k = 0, cap = 0;
	enum kr_status rc = KR_OK;
	int step;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT ref, head, child, opened, updated, npersons "
	                       "FROM cases ORDER BY ref", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err, "listing the cases failed");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_set(err, KR_ENOMEM, "out of memory");
				goto out;
			}
			v = grown;
		}
		copy(v[k].ref, sizeof v[k].ref, sqlite3_column_text(st, 0));
		v[k].head = (long)sqlite3_column_int64(st, 1);
		copy(v[k].child, sizeof v[k].child, sqlite3_column_text(st, 2));
		copy(v[k].opened, sizeof v[k].opened, sqlite3_column_text(st, 3));
		copy(v[k].updated, sizeof v[k].updated, sqlite3_column_text(st, 4));
		v[k].npersons = (size_t)sqlite3_column_int64(st, 5);
		k++;
	}
	if (step != SQLITE_DONE)
		rc = db_fail(s, err, "listing the cases failed");
out:
	sqlite3_finalize(st);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return KR_OK;
}

/*
 * kr_store_each parses on several threads: the calling thread reads the
 * documents in ref order and hands them to a window of slots; workers
 * parse and validate (kr_case_read, the expensive part: ~0.3 ms for a
 * 15 KB document, against ~0.01 ms for all signal rules); the calling
 * thread takes the parsed cases back in order and calls fn, so fn runs on
 * the caller's thread, one case at a time, in ref order, as before.
 */
#define EACH_WINDOW 64
#define EACH_MAX_WORKERS 8

/*
 * Parsing into an arena.  Most of the time of reading a case goes to
 * jansson's thousands of small allocations and frees.  The workers of
 * kr_store_each let jansson allocate from a 512 KiB block per case (a bump
 * pointer; more than that falls back to malloc), and the block is dropped
 * as a whole when the case is freed: 1.7 s -> 1.3 s for parsing 10,000
 * cases on 2 cores.  The hooks are installed for the whole process by
 * kr_init() when the program asks for it (kr_config.parse_arena); outside a worker's parse they are plain malloc and free
 * (so a json_dumps() result is still released with free()).  A pointer
 * is taken for an arena one only while the thread that owns the block
 * parses into it or frees that case (arena_window), which is why every
 * case parsed this way is freed by its own worker, and why the callback of
 * kr_store_each must not keep references into a case's JSON after it
 * returns (none does).
 */
#define ARENA_BLOCK (512u * 1024u)

static _Thread_local struct {
	char *p;                   /* the block being parsed into, or NULL */
	size_t used;
	const char *lo, *hi;       /* frees inside [lo, hi) are no-ops */
} arena_tl;

static void *arena_malloc(size_t n)
{
	if (arena_tl.p) {
		size_t m = (n + 15) & ~(size_t)15;
		if (m <= ARENA_BLOCK - arena_tl.used) {
			void *r = arena_tl.p + arena_tl.used;
			arena_tl.used += m;
			return r;
		}
	}
	return malloc(n);
}

static void arena_free(void *q)
{
	if ((const char *)q >= arena_tl.lo && (const char *)q < arena_tl.hi)
		return;
	free(q);
}

static bool arena_on;

void kri_store_arena_install(void)
{
	json_set_alloc_funcs(arena_malloc, arena_free);
	arena_on = true;
}

bool kri_store_arena_installed(void)
{
	return arena_on;
}

static void arena_window(const char *block)
{
	arena_tl.lo = block;
	arena_tl.hi = block ? block + ARENA_BLOCK : NULL;
}

/* Parses doc with jansson allocating from block (may be NULL: the heap). */
static enum kr_status arena_read(char *block, const char *doc, size_t len, struct kr_case **out)
{
	enum kr_status rc;
	arena_tl.p = block;
	arena_tl.used = 0;
	arena_window(block);
	rc = kr_case_read(doc, len, out, NULL);
	arena_tl.p = NULL;
	arena_window(NULL);
	return rc;
}

/* Each worker keeps the blocks of the cases it freed for its next parses
 * (mapping and unmapping 512 KiB per case costs more than it saves). */
#define ARENA_KEEP 8
static _Thread_local char *arena_spare[ARENA_KEEP];
static _Thread_local int arena_nspare;

static char *arena_block(void)
{
	return arena_nspare ? arena_spare[--arena_nspare] : malloc(ARENA_BLOCK);
}

/* Frees case c whose JSON lives (partly) in block, then keeps or frees the
 * block.  c may be NULL (a failed parse). */
static void arena_case_free(struct kr_case *c, char *block)
{
	arena_window(block);
	kr_case_free(c);
	arena_window(NULL);
	if (block && arena_nspare < ARENA_KEEP)
		arena_spare[arena_nspare++] = block;
	else
		free(block);
}

/* Frees the blocks this thread keeps. */
static void arena_drop_spares(void)
{
	while (arena_nspare)
		free(arena_spare[--arena_nspare]);
}

struct each_slot {
	char *ref, *doc;           /* allocated and freed by the calling thread */
	size_t len;
	long rev;
	struct kr_case *c;         /* allocated and freed by worker `owner` */
	char *block;               /* its arena (worker `owner`'s) */
	int owner;
	enum kr_status rc;
	int parsed;
};

/* Memory goes back to the thread that allocated it: glibc's allocator
 * keeps an arena per thread, and freeing another thread's blocks serialises
 * both on that arena's lock (measured: four times slower than one thread).
 * So each worker frees the cases it parsed, from its own `tofree` list. */
struct each_pool {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct each_slot slot[EACH_WINDOW];
	size_t head, tail, next;   /* consumed < head <= next (taken) <= tail (filled) */
	struct kr_case *tofree[EACH_MAX_WORKERS][EACH_WINDOW];
	char *tofree_block[EACH_MAX_WORKERS][EACH_WINDOW];
	size_t ntofree[EACH_MAX_WORKERS];
	int nworkers;              /* ids handed out so far */
	bool waiting;              /* the calling thread waits on `done` */
	bool quit;
};

static void *each_worker(void *arg)
{
	struct each_pool *p = arg;
	struct kr_case *mine[EACH_WINDOW];
	char *mine_block[EACH_WINDOW];
	int me;

	pthread_mutex_lock(&p->mu);
	me = p->nworkers++;
	for (;;) {
		struct each_slot *sl = NULL;
		size_t nfree;
		while (p->next == p->tail && p->ntofree[me] == 0 && !p->quit)
			pthread_cond_wait(&p->work, &p->mu);
		nfree = p->ntofree[me];
		memcpy(mine, p->tofree[me], nfree * sizeof *mine);
		memcpy(mine_block, p->tofree_block[me], nfree * sizeof *mine_block);
		p->ntofree[me] = 0;
		if (!p->quit && p->next < p->tail)
			sl = &p->slot[p->next++ % EACH_WINDOW];
		if (!sl && nfree == 0 && p->quit)
			break;
		pthread_mutex_unlock(&p->mu);
		for (size_t i = 0; i < nfree; i++)
			arena_case_free(mine[i], mine_block[i]);
		if (sl) {
			sl->owner = me;
			/* NULL: parse on the heap */
			sl->block = arena_on ? arena_block() : NULL;
			sl->rc = arena_read(sl->block, sl->doc, sl->len, &sl->c);
		}
		pthread_mutex_lock(&p->mu);
		if (sl) {
			sl->parsed = 1;
			if (p->waiting)
				pthread_cond_signal(&p->done);
		}
	}
	pthread_mutex_unlock(&p->mu);
	arena_drop_spares();
	return NULL;
}

/* Hands case c back to the worker that parsed it, to be freed there. */
static void each_give_back(struct each_pool *p, struct each_slot *sl)
{
	if (!sl->c && !sl->block)
		return;
	pthread_mutex_lock(&p->mu);
	p->tofree_block[sl->owner][p->ntofree[sl->owner]] = sl->block;
	p->tofree[sl->owner][p->ntofree[sl->owner]++] = sl->c;
	pthread_mutex_unlock(&p->mu);   /* freed when that worker next takes work */
	sl->c = NULL;
	sl->block = NULL;
}

static int each_workers(void)
{
	long n = kr_config_get()->threads;
	if (n == 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > EACH_MAX_WORKERS ? EACH_MAX_WORKERS : (int)n;
}

/* The walk on the calling thread alone, for one core. */
static enum kr_status each_serial(struct kr_store *s, sqlite3_stmt *st,
                                  int (*fn)(const struct kr_case *c, long rev, void *arg),
                                  void *arg, struct kr_error *err)
{
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kr_case *c = NULL;
		const char *doc = (const char *)sqlite3_column_text(st, 2);
		enum kr_status rc = kr_case_read(doc, (size_t)sqlite3_column_bytes(st, 2), &c, err);
		int stop;
		if (rc)
			return kr_error_set(err, rc, "the stored case %s cannot be read",
			                    (const char *)sqlite3_column_text(st, 0));
		stop = fn(c, (long)sqlite3_column_int64(st, 1), arg);
		kr_case_free(c);
		if (stop)
			return KR_OK;
	}
	return step == SQLITE_DONE ? KR_OK : db_fail(s, err, "reading the cases failed");
}

enum kr_status kr_store_each(struct kr_store *s,
                             int (*fn)(const struct kr_case *c, long rev, void *arg),
                             void *arg, struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	struct each_pool *p = NULL;
	pthread_t tid[EACH_MAX_WORKERS];
	int nw = 0, step = SQLITE_ROW;
	enum kr_status rc = KR_OK;

	if (sqlite3_prepare_v2(s->db, "SELECT c.ref, r.rev, r.doc FROM cases c JOIN revisions r "
	                       "ON r.case_id = c.id AND r.rev = c.head ORDER BY c.ref", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s, err, "reading the cases failed");
	if (each_workers() < 2) {
		rc = each_serial(s, st, fn, arg, err);
		goto out;
	}
	p = calloc(1, sizeof *p);
	if (!p) {
		rc = kr_error_set(err, KR_ENOMEM, "out of memory");
		goto out;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int want = each_workers(); nw < want; nw++)
		if (pthread_create(&tid[nw], NULL, each_worker, p) != 0)
			break;
	if (nw == 0) {
		rc = kr_error_set(err, KR_ENOMEM, "cannot start a thread to read the cases");
		goto out;
	}
	for (;;) {
		struct each_slot *sl;
		int stop;
		/* Fill the window. */
		while (step == SQLITE_ROW && p->tail - p->head < EACH_WINDOW) {
			step = sqlite3_step(st);
			if (step != SQLITE_ROW)
				break;
			sl = &p->slot[p->tail % EACH_WINDOW];
			memset(sl, 0, sizeof *sl);
			sl->len = (size_t)sqlite3_column_bytes(st, 2);
			sl->ref = strdup((const char *)sqlite3_column_text(st, 0));
			sl->doc = malloc(sl->len + 1);
			sl->rev = (long)sqlite3_column_int64(st, 1);
			if (!sl->ref || !sl->doc) {
				free(sl->ref);
				free(sl->doc);
				rc = kr_error_set(err, KR_ENOMEM, "out of memory");
				goto out;
			}
			memcpy(sl->doc, sqlite3_column_blob(st, 2), sl->len);
			sl->doc[sl->len] = '\0';
			pthread_mutex_lock(&p->mu);
			p->tail++;
			pthread_cond_signal(&p->work);
			pthread_mutex_unlock(&p->mu);
		}
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			rc = db_fail(s, err, "reading the cases failed");
			goto out;
		}
		if (p->head == p->tail)
			break;
		/* Take the oldest back, in order. */
		sl = &p->slot[p->head % EACH_WINDOW];
		pthread_mutex_lock(&p->mu);
		p->waiting = true;
		while (!sl->parsed)
			pthread_cond_wait(&p->done, &p->mu);
		p->waiting = false;
		pthread_mutex_unlock(&p->mu);
		if (sl->rc) {
			rc = kr_error_set(err, sl->rc, "the stored case %s cannot be read", sl->ref);
			goto out;
		}
		stop = fn(sl->c, sl->rev, arg);
		each_give_back(p, sl);
		free(sl->ref);
		free(sl->doc);
		sl->ref = NULL;
		sl->doc = NULL;
		p->head++;
		if (stop)
			goto out;
	}
out:
	if (p) {
		/* Stop the workers (they take no new slot once quit is set, and
		 * finish the one they parse), then free what is left here. */
		pthread_mutex_lock(&p->mu);
		p->quit = true;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
		for (int i = 0; i < nw; i++)
			pthread_join(tid[i], NULL);
		for (int w = 0; w < EACH_MAX_WORKERS; w++)
			for (size_t i = 0; i < p->ntofree[w]; i++)
				arena_case_free(p->tofree[w][i], p->tofree_block[w][i]);
		for (size_t i = p->head; i < p->tail; i++) {
			struct each_slot *sl = &p->slot[i % EACH_WINDOW];
			arena_case_free(sl->c, sl->block);
			free(sl->doc);
			free(sl->ref);
		}
		arena_drop_spares();
		pthread_cond_destroy(&p->done);
		pthread_cond_destroy(&p->work);
		pthread_mutex_destroy(&p->mu);
		free(p);
	}
	sqlite3_finalize(st);
	return rc;
}

enum kr_status kr_store_setting_get(struct kr_store *s, const char *key, char **value,
                                    struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	enum kr_status rc = KR_OK;

	*value = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM settings WHERE key = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s, err, "reading the settings failed");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*value = strdup((const char *)sqlite3_column_text(st, 0));
		if (!*value)
			rc = kr_error_set(err, KR_ENOMEM, "out of memory");
		break;
	case SQLITE_DONE:
		break;
	default:
		rc = db_fail(s, err, "reading the settings failed");
	}
	sqlite3_finalize(st);
	return rc;
}

enum kr_status kr_store_setting_set(struct kr_store *s, const char *key, const char *value,
                                    struct kr_error *err)
{
	sqlite3_stmt *a = NULL, *b = NULL;
	enum kr_status rc;
	char now[21];
	bool own_tx = s->depth == 0;

	iso_now(s, now);
	if ((rc = exec(s, own_tx ? "BEGIN IMMEDIATE" : "SAVEPOINT setting", err)))
		return rc;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO settings(key, value) VALUES (?1, ?2) "
	                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", -1, &a,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO settings_log(key, value, changed) "
	                       "VALUES (?1, ?2, ?3)", -1, &b, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(a, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(a, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(b, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(b, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(b, 3, now, -1, SQLITE_STATIC);
	if (sqlite3_step(a) != SQLITE_DONE || sqlite3_step(b) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	return exec(s, own_tx ? "COMMIT" : "RELEASE setting", err);
fail:
	rc = db_fail(s, err, "saving the setting failed");
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	exec(s, own_tx ? "ROLLBACK" : "ROLLBACK TO setting; RELEASE setting", NULL);
	return rc;
}

enum kr_status kri_store_revision_days(struct kr_store *s, const char *ref, long **revs,
                                       long **days, size_t *n)
{
	sqlite3_stmt *st = kr_store_stmt(s, "SELECT r.rev, r.created FROM cases c JOIN revisions r "
	                                    "ON r.case_id = c.id WHERE c.ref = ?1 ORDER BY r.rev");
	long *rv = NULL, *dv = NULL;
	size_t k = 0, cap = 0;
	enum kr_status rc = KR_OK;
	int step;

	*revs = *days = NULL;
	*n = 0;
	if (!st)
		return KR_EDB;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *created = (const char *)sqlite3_column_text(st, 1);
		struct kr_date d;
		char ymd[11];
		if (k == cap) {
			long *r2, *d2;
			cap = cap ? cap * 2 : 8;
			r2 = realloc(rv, cap * sizeof *rv);
			if (r2)
				rv = r2;
			d2 = realloc(dv, cap * sizeof *dv);
			if (d2)
				dv = d2;
			if (!r2 || !d2) {
				rc = KR_ENOMEM;
				break;
			}
		}
		snprintf(ymd, sizeof ymd, "%.10s", created ? created : "");
		rv[k] = (long)sqlite3_column_int64(st, 0);
		dv[k] = kr_date_parse_full(ymd, &d) ? kr_date_first(d) : 0;
		k++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = KR_EDB;
	sqlite3_reset(st);
	if (rc) {
		free(rv);
		free(dv);
		return rc;
	}
	*revs = rv;
	*days = dv;
	*n = k;
	return KR_OK;
}
