/*
 * store.c - the case store of store.h on SQLite.
 *
 * Tables (lib/sql/001_init.sql): `cases` (one row per case with a summary of
 * its latest revision), `revisions` (every document ever stored, guarded by
 * triggers against UPDATE and DELETE), `settings` and its append-only log.
 * A put is one unit of the transaction helper (store_int.h): its own
 * transaction, or a savepoint inside a group opened with kr_store_begin(),
 * so either the whole revision lands or nothing does.
 *
 * Revisions are stored compressed (zstd; measured in BENCHMARKS.md): a
 * revision is a full frame ('Z' and the frame) every SNAPSHOT_EVERY
 * revisions and at the start, and otherwise a frame compressed against the
 * text of the revision before it ('D': that text is zstd's prefix), so a
 * one-line edit of a 90 KB document takes some hundred bytes.  Reading
 * revision N decompresses forward from the full frame at or before it.
 * The latest revision is also kept as a full frame in cases.doc, so reading
 * every latest revision (kr_store_each) stays one decompression per case,
 * done by the workers that parse.  Rows written before schema version 4
 * hold plain JSON text and are read as they are.  The text that comes out
 * is byte for byte the text that was stored (a put adds missing ids to
 * retired_person_ids before it stores, see below).
 *
 * With each revision the store keeps case_persons (lib/sql/004_persons.sql):
 * every person id the case ever had, until when that person may hold a
 * share link, and a fingerprint; the revision that removes a person, records
 * their death or the end of their involvement, or gives their id to someone
 * else revokes their share links in its own transaction.  A removed
 * person's id is never given to somebody else: a put whose document does
 * that is refused, whichever door it came through (import, PUT, an edit),
 * and the stored text lists every such id in retired_person_ids.
 *
 * This file also owns, for every module of libkring, the one statement
 * cache (kri_store_stmt: prepared once per connection, keyed by the address
 * of the SQL text, reset after use) and the one transaction helper
 * (kri_tx_begin / kri_tx_end): BEGIN IMMEDIATE, or a SAVEPOINT when a
 * transaction is open, ended by one commit-or-roll-back call.
 */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <jansson.h>
#include <sodium.h>
#include <zstd.h>

#include "kring/date.h"
#include "kring/store.h"
#include "kring/init.h"
#include "case_int.h"
#include "facts_int.h"
#include "family_int.h"
#include "store_int.h"

extern const char *const kri_migrations[];
extern const size_t kri_nmigrations;

enum {
	ST_FIND, ST_NEW_CASE, ST_INSERT_REV, ST_UPDATE_CASE, ST_GET_CASE, ST_CHAIN,
	ST__N
};

static const char *const stmt_sql[ST__N] = {
	[ST_FIND] = "SELECT id, head FROM cases WHERE ref = ?1",
	[ST_NEW_CASE] = "INSERT INTO cases(ref, created, head, updated, npersons, uid) "
	                "VALUES (?1, ?2, 0, ?2, 0, randomblob(16))",
	[ST_INSERT_REV] = "INSERT INTO revisions(case_id, rev, author, created, doc, size) "
	                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_UPDATE_CASE] = "UPDATE cases SET head = ?2, child = ?3, opened = ?4, updated = ?5, "
	                   "npersons = ?6, doc = ?7 WHERE id = ?1",
	/* cases.doc holds the latest revision when that revision was written by
	 * this store (it has a size); a row written past the store is read from
	 * the revisions */
	[ST_GET_CASE] = "SELECT c.id, c.head, CASE WHEN r.size IS NOT NULL THEN c.doc END "
	                "FROM cases c LEFT JOIN revisions r ON r.case_id = c.id AND r.rev = c.head "
	                "WHERE c.ref = ?1",
	[ST_CHAIN] = "SELECT rev, doc FROM revisions WHERE case_id = ?1 AND rev <= ?2 "
	             "ORDER BY rev DESC",
};

/* A full frame every this many revisions bounds the work of reading an old
 * revision: at most SNAPSHOT_EVERY - 1 frames against their predecessor. */
#define SNAPSHOT_EVERY 64
#define FRAME_FULL 'Z'
#define FRAME_DELTA 'D'
#define ZSTD_LEVEL 3

struct stmt_cache_entry {
	const char *sql;    /* the caller's static string: the key is its address */
	sqlite3_stmt *st;
};

/* Latest documents kept decompressed per connection: the server's reads of
 * a case come in runs (the case, its summary, its layout, its history,
 * each page of the browser), and decompressing a 13 KB document was 15 %
 * of a read (BENCHMARKS.md, HTTP, 2026-12-06). */
#define DOC_CACHE 16
#define DOC_CACHE_MAX (1u << 20)   /* larger documents are not kept */

struct kr_store {
	sqlite3 *db;
	struct stmt_cache_entry *cache;   /* kri_store_stmt */
	size_t ncache, capcache;
	struct kri_tx group;  /* open between kr_store_begin() and kr_store_end() */
	time_t now;         /* fixed clock, 0 = real clock */
	struct kri_audit_key *audit_key;   /* lib/audit_key.c's, freed at close */
	char *audit_key_path;              /* the key file for this file, when not the usual */
	ZSTD_CCtx *zc;      /* revision frames, made and read on this connection's thread */
	ZSTD_DCtx *zd;
	bool readonly;      /* opened on a file we may not write */
	/* the latest documents this connection decompressed lately (doc_text) */
	struct doc_cached {
		unsigned char *z; size_t zn;   /* the stored frame, as the key */
		char *text; size_t n;
		unsigned long used;
	} docs[DOC_CACHE];
	unsigned long docs_clock;
};

/* A database failure: what went wrong in both languages, then SQLite's own
 * words (English: they name the technical cause for whoever fixes it). */
static enum kr_status db_fail(struct kr_store *s, struct kr_error *err, const char *nl,
                              const char *en)
{
	return kr_error_say(err, KR_EDB, "%s: %s", "%s: %s", err && err->lang == KR_LANG_EN ? en : nl,
	                    sqlite3_errmsg(s->db));
}

static enum kr_status exec(struct kr_store *s, const char *sql, struct kr_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		kr_error_say(err, KR_EDB, "database: %s", "database: %s",
		             msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return KR_EDB;
	}
	return KR_OK;
}

static sqlite3_stmt *stmt(struct kr_store *s, int which)
{
	return kri_store_stmt(s, stmt_sql[which]);
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
		return db_fail(s, err, "kan de database niet lezen", "cannot read the database");
	if (v > (int)kri_nmigrations)
		return kr_error_say(err, KR_EDB,
		                    "de database heeft schemaversie %d, nieuwer dan deze kring kent "
		                    "(%d): gebruik een nieuwere kring",
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
			return kr_error_say(err, KR_EDB, "dit bestand is een SQLite-database, maar geen "
			                    "kring-database", "this file is an SQLite database, but not a "
			                    "kring database");
	}
	for (; v < (int)kri_nmigrations; v++) {
		struct kri_tx tx = KRI_TX_NONE;
		enum kr_status rc;
		if ((rc = kri_tx_begin(s, &tx, err)))
			return rc;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(s, kri_migrations[v], err)) == KR_OK)
			rc = exec(s, sql, err);
		if ((rc = kri_tx_end(&tx, rc, err)))
			return rc;
	}
	return KR_OK;
}

/* True when path names an existing file this process may not write (or
 * in whose folder it may not make the -wal and -shm files). */
static bool read_only_file(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (access(path, F_OK) != 0)
		return false;
	if (access(path, W_OK) != 0)
		return true;
	if (!slash)
		return access(".", W_OK) != 0;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + (slash == path), path);
	return access(dir, W_OK) != 0;
}

/* The URI of path with parameter param ("mode=ro"), into a new sqlite3
 * string (NULL out of memory). */
static char *file_uri(const char *path, const char *param)
{
	sqlite3_str *u = sqlite3_str_new(NULL);
	sqlite3_str_appendall(u, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			sqlite3_str_appendf(u, "%%%02X", (unsigned char)*p);
		else
			sqlite3_str_appendchar(u, 1, *p);
	}
	sqlite3_str_appendf(u, "?%s", param);
	return sqlite3_str_finish(u);
}

/* Opens path read-only on s: as a reader of a live database when SQLite
 * can share its -shm, else as an unchanging file. */
static enum kr_status open_read_only(struct kr_store *s, const char *path, struct kr_error *err)
{
	static const char *const params[] = { "mode=ro", "immutable=1" };
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI;

	for (size_t i = 0; i < sizeof params / sizeof *params; i++) {
		char *uri = file_uri(path, params[i]);
		int ok = uri && sqlite3_open_v2(uri, &s->db, flags, NULL) == SQLITE_OK &&
		         sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL,
		                      NULL) == SQLITE_OK;
		sqlite3_free(uri);
		if (ok)
			return KR_OK;
		sqlite3_close(s->db);
		s->db = NULL;
	}
	return kr_error_say(err, KR_EDB, "kan database %s niet alleen-lezen openen",
	                    "cannot open database %s read-only", path);
}

enum kr_status kr_store_open(const char *path, struct kr_store **out, struct kr_error *err)
{
	struct kr_store *s;
	enum kr_status rc;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;

	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	if (!(s->zc = ZSTD_createCCtx()) || !(s->zd = ZSTD_createDCtx())) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto fail;
	}
	/* A file we may not write is opened read-only: it can be listed, read
	 * and exported, and every write is refused by SQLite.  In WAL mode a
	 * reader needs the -shm file; where it cannot be made (a folder we may
	 * not write) the file is read as it is (immutable), which is right for
	 * the archived copy or backup such a file normally is. */
	s->readonly = read_only_file(path);
	if (s->readonly) {
		if ((rc = open_read_only(s, path, err)))
			goto fail;
	} else if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		rc = kr_error_say(err, KR_EDB, "kan database %s niet openen: %s",
		                  "cannot open database %s: %s", path,
		                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_busy_timeout(s->db, 5000);
	if ((!s->readonly && (rc = exec(s, "PRAGMA journal_mode = WAL", err))) ||
	    (rc = exec(s, "PRAGMA synchronous = FULL", err)) ||
	    (rc = exec(s, "PRAGMA foreign_keys = ON", err)) ||
	    (rc = exec(s, "PRAGMA trusted_schema = OFF", err))) {
		kr_error_say(err, KR_EDB, "kan %s niet als database gebruiken: %s",
		             "cannot use %s as a database: %s", path,
		             sqlite3_errmsg(s->db));
		goto fail;
	}
	if (s->readonly) {
		int v = user_version(s);
		if (v != (int)kri_nmigrations) {
			rc = kr_error_say(err, KR_EDB, "de database %s is alleen-lezen en heeft schemaversie "
			                  "%d; deze kring heeft %d nodig: open hem een keer waar erin "
			                  "geschreven mag worden", "the database %s is read-only and has schema "
			                  "version %d; this kring needs %d: open it once where it may "
			                  "be written", path, v, (int)kri_nmigrations);
			goto fail;
		}
	} else if ((rc = migrate(s, err))) {
		goto fail;
	}
	*out = s;
	return KR_OK;
fail:
	kr_store_close(s);
	return rc;
}

bool kr_store_read_only(const struct kr_store *s)
{
	return s->readonly;
}

void kr_store_close(struct kr_store *s)
{
	if (!s)
		return;
	if (s->group.open)
		kri_tx_end(&s->group, KR_EUSAGE, NULL);   /* an unfinished group rolls back */
	for (size_t i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s->cache);
	kri_audit_key_free(s->audit_key);
	free(s->audit_key_path);
	sqlite3_close(s->db);
	ZSTD_freeCCtx(s->zc);
	ZSTD_freeDCtx(s->zd);
	for (int i = 0; i < DOC_CACHE; i++) {
		free(s->docs[i].z);
		free(s->docs[i].text);
	}
	free(s);
}

enum kr_status kri_store_set_audit_key_path(struct kr_store *s, const char *path)
{
	char *copy = path ? strdup(path) : NULL;
	if (path && !copy)
		return KR_ENOMEM;
	free(s->audit_key_path);
	s->audit_key_path = copy;
	return KR_OK;
}

const char *kri_store_audit_key_path(struct kr_store *s)
{
	return s->audit_key_path;
}

struct kri_audit_key **kri_store_audit_key(struct kr_store *s)
{
	return &s->audit_key;
}

sqlite3_stmt *kri_store_stmt(struct kr_store *s, const char *sql)
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

sqlite3 *kri_store_db(struct kr_store *s)
{
	return s->db;
}

enum kr_status kri_store_fail(struct kr_store *s, struct kr_error *err, const char *nl,
                              const char *en)
{
	const char *what = err && err->lang == KR_LANG_EN ? en : nl;
	return kr_error_say(err, KR_EDB, "%s: %s", "%s: %s", what, sqlite3_errmsg(s->db));
}

enum kr_status kri_stmt(struct kr_store *s, const char *sql, sqlite3_stmt **st,
                        struct kr_error *err)
{
	if (!(*st = kri_store_stmt(s, sql)))
		return kri_store_fail(s, err, "De database weigert een opdracht",
		                      "The database refuses a statement");
	return KR_OK;
}

void kri_column_copy(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", v ? (const char *)v : "");
}

int kri_register_rev_row(sqlite3_stmt *st, struct kr_revision_info *info, json_t **doc)
{
	const char *t = (const char *)sqlite3_column_text(st, 3);

	memset(info, 0, sizeof *info);
	info->rev = (long)sqlite3_column_int64(st, 0);
	kri_column_copy(info->author, sizeof info->author, st, 1);
	kri_column_copy(info->created, sizeof info->created, st, 2);
	info->bytes = t ? strlen(t) : 0;
	*doc = t ? json_loads(t, 0, NULL) : NULL;
	return *doc ? 0 : -1;
}

enum kr_status kri_stmt_run(struct kr_store *s, sqlite3_stmt *st, struct kr_error *err)
{
	enum kr_status rc = KR_OK;
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Schrijven in de database lukt niet",
		                    "Writing to the database failed");
	sqlite3_reset(st);
	return rc;
}

enum kr_status kri_stmt_rows(struct kr_store *s, sqlite3_stmt *st, size_t size,
                             int (*fill)(sqlite3_stmt *st, void *element),
                             void (*drop)(void *element), void **out, size_t *n,
                             struct kr_error *err)
{
	char *v = NULL, *grown;
	size_t k = 0, cap = 0;
	enum kr_status rc = KR_OK;
	int step;

	*out = NULL;
	*n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(grown = realloc(v, cap * size))) {
				rc = kr_error_say(err, KR_ENOMEM, "Het geheugen is op.", "Out of memory.");
				goto out;
			}
			v = grown;
		}
		if (fill(st, v + k * size)) {
			rc = kr_error_say(err, KR_ENOMEM, "Het geheugen is op.", "Out of memory.");
			goto out;
		}
		k++;
	}
	if (step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
out:
	sqlite3_reset(st);
	if (rc) {
		for (size_t i = 0; drop && i < k; i++)
			drop(v + i * size);
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return KR_OK;
}

/* Steps the cached statement for sql (a literal) once and resets it. */
static enum kr_status tx_step(struct kr_store *s, const char *sql, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = kri_stmt(s, sql, &st, err);
	return rc ? rc : kri_stmt_run(s, st, err);
}

enum kr_status kri_tx_begin(struct kr_store *s, struct kri_tx *tx, struct kr_error *err)
{
	enum kr_status rc;

	tx->s = s;
	tx->own = sqlite3_get_autocommit(s->db) != 0;
	rc = tx_step(s, tx->own ? "BEGIN IMMEDIATE" : "SAVEPOINT kri_tx", err);
	tx->open = rc == KR_OK;
	return rc;
}

enum kr_status kri_tx_end(struct kri_tx *tx, enum kr_status rc, struct kr_error *err)
{
	struct kr_store *s = tx->s;

	if (!tx->open)
		return rc;
	tx->open = false;
	if (rc == KR_OK) {
		rc = tx_step(s, tx->own ? "COMMIT" : "RELEASE kri_tx", err);
		if (rc == KR_OK)
			return KR_OK;
	}
	if (tx->own) {
		/* a failed statement or COMMIT may have ended the transaction already */
		if (!sqlite3_get_autocommit(s->db))
			tx_step(s, "ROLLBACK", NULL);
	} else if (tx_step(s, "ROLLBACK TO kri_tx", NULL) == KR_OK) {
		tx_step(s, "RELEASE kri_tx", NULL);
	}
	return rc;
}

static void iso_now(struct kr_store *s, char buf[21])
{
	kr_date_timestamp(s->now ? s->now : kr_now(), buf);
}

enum kr_status kr_store_begin(struct kr_store *s, struct kr_error *err)
{
	if (s->group.open)
		return kr_error_say(err, KR_EUSAGE, "Er is al een transactie open.",
		                    "A transaction is already open.");
	return kri_tx_begin(s, &s->group, err);
}

enum kr_status kr_store_end(struct kr_store *s, bool commit, struct kr_error *err)
{
	if (!s->group.open)
		return kr_error_say(err, KR_EUSAGE, "Er is geen transactie open.",
		                    "No transaction is open.");
	if (!commit) {
		kri_tx_end(&s->group, KR_ECONFLICT, NULL);   /* any failure rolls back */
		return KR_OK;
	}
	return kri_tx_end(&s->group, KR_OK, err);
}

void kr_store_autocheckpoint(struct kr_store *s, bool on)
{
	sqlite3_wal_autocheckpoint(s->db, on ? 1000 : 0);
}

enum kr_status kr_store_checkpoint(struct kr_store *s, struct kr_error *err)
{
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) !=
	    SQLITE_OK)
		return kri_store_fail(s, err, "Het bijwerken van de database lukt niet",
		                      "Checkpointing the database failed");
	return KR_OK;
}

enum kr_status kr_store_connections_per_thread(struct kr_error *err)
{
	static bool done;   /* set before other threads exist (see store.h) */
	if (done)
		return KR_OK;
	if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK ||
	    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
		return kr_error_say(err, KR_EUSAGE, "SQLite is al gestart: stel dit eerder in.",
		                    "SQLite has started already: configure this earlier.");
	done = true;
	return KR_OK;
}

/* ---- revision frames ------------------------------------------------------- */

/* Compresses text (n bytes) into a new frame: FRAME_FULL, or FRAME_DELTA
 * against prev (prevn bytes) when prev is given.  *out is malloc'd, *outn
 * its length.  KR_ENOMEM or KR_EDB (zstd refused). */
static enum kr_status frame_pack(ZSTD_CCtx *zc, const char *text, size_t n, const char *prev,
                                 size_t prevn, unsigned char **out, size_t *outn,
                                 struct kr_error *err)
{
	size_t cap = ZSTD_compressBound(n) + 1, got;
	unsigned char *buf = malloc(cap);

	*out = NULL;
	*outn = 0;
	if (!buf)
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	ZSTD_CCtx_reset(zc, ZSTD_reset_session_and_parameters);
	ZSTD_CCtx_setParameter(zc, ZSTD_c_compressionLevel, ZSTD_LEVEL);
	ZSTD_CCtx_setParameter(zc, ZSTD_c_checksumFlag, 1);
	if (prev)
		ZSTD_CCtx_refPrefix(zc, prev, prevn);
	buf[0] = prev ? FRAME_DELTA : FRAME_FULL;
	got = ZSTD_compress2(zc, buf + 1, cap - 1, text, n);
	if (ZSTD_isError(got)) {
		free(buf);
		return kr_error_say(err, KR_EDB, "het dossier inpakken is mislukt: %s",
		                    "compressing the case failed: %s",
		                    ZSTD_getErrorName(got));
	}
	*out = buf;
	*outn = got + 1;
	return KR_OK;
}

/* The text of one stored value: plain text (type SQLITE_TEXT, rows from
 * before schema version 4), a full frame, or a frame against prev (the
 * text of the revision before).  *out is malloc'd and NUL-terminated, *outn
 * its length.  KR_EDB for a damaged value, KR_ENOMEM. */
static enum kr_status frame_unpack(ZSTD_DCtx *zd, int type, const void *p, size_t n,
                                   const char *prev, size_t prevn, char **out, size_t *outn,
                                   struct kr_error *err)
{
	const unsigned char *b = p;
	unsigned long long size;
	size_t got;
	char *buf;

	*out = NULL;
	*outn = 0;
	if (type == SQLITE_TEXT) {
		if (!(buf = malloc(n + 1)))
			return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		if (n)
			memcpy(buf, p, n);
		buf[n] = '\0';
		*out = buf;
		*outn = n;
		return KR_OK;
	}
	if (type != SQLITE_BLOB || n < 2 || (b[0] != FRAME_FULL && b[0] != FRAME_DELTA) ||
	    (b[0] == FRAME_DELTA && !prev))
		return kr_error_say(err, KR_EDB, "een opgeslagen versie is beschadigd",
		                    "a stored revision is damaged");
	size = ZSTD_getFrameContentSize(b + 1, n - 1);
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
	    size > KR_CASE_MAX_BYTES)
		return kr_error_say(err, KR_EDB, "een opgeslagen versie is beschadigd",
		                    "a stored revision is damaged");
	if (!(buf = malloc((size_t)size + 1)))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	ZSTD_DCtx_reset(zd, ZSTD_reset_session_and_parameters);
	if (b[0] == FRAME_DELTA)
		ZSTD_DCtx_refPrefix(zd, prev, prevn);
	got = ZSTD_decompressDCtx(zd, buf, (size_t)size, b + 1, n - 1);
	if (ZSTD_isError(got) || got != size) {
		free(buf);
		return kr_error_say(err, KR_EDB, "een opgeslagen versie is beschadigd",
		                    "a stored revision is damaged");
	}
	buf[got] = '\0';
	*out = buf;
	*outn = got;
	return KR_OK;
}

/* The text of revision rev of case case_id: back to the nearest value that
 * stands on its own (plain text or a full frame), then forward.  *out is
 * malloc'd.  KR_ENOTFOUND when the chain is broken (no such revision). */
static enum kr_status chain_text(struct kr_store *s, sqlite3_int64 case_id, long rev, char **out,
                                 size_t *outn, struct kr_error *err)
{
	struct link { unsigned char *p; size_t n; int type; } chain[SNAPSHOT_EVERY + 1];
	size_t k = 0;
	sqlite3_stmt *st = stmt(s, ST_CHAIN);
	enum kr_status rc = KR_OK;
	char *text = NULL;
	size_t tn = 0;
	long want = rev;
	int step;

	*out = NULL;
	*outn = 0;
	if (!st)
		return db_fail(s, err, "het dossier lezen is mislukt", "reading the case failed");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, rev);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int type = sqlite3_column_type(st, 1);
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		const unsigned char *p = sqlite3_column_blob(st, 1);
		if ((long)sqlite3_column_int64(st, 0) != want || k == SNAPSHOT_EVERY + 1) {
			rc = kr_error_say(err, KR_EDB, "een opgeslagen versie ontbreekt",
			                  "a stored revision is missing");
			break;
		}
		if (!(chain[k].p = malloc(n ? n : 1))) {
			rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
			break;
		}
		if (n)
			memcpy(chain[k].p, p, n);
		chain[k].n = n;
		chain[k].type = type;
		k++;
		want--;
		if (type == SQLITE_TEXT || (n && p[0] == FRAME_FULL))
			break;
	}
	if (!rc && step != SQLITE_ROW)
		rc = step == SQLITE_DONE ? kr_error_say(err, KR_EDB, "een opgeslagen versie ontbreekt",
			                  "a stored revision is missing")
		                         : db_fail(s, err, "het dossier lezen is mislukt", "reading the case failed");
	sqlite3_reset(st);
	/* forward from the one that stands on its own */
	for (size_t i = k; rc == KR_OK && i > 0; i--) {
		char *next = NULL;
		size_t nn = 0;
		rc = frame_unpack(s->zd, chain[i - 1].type, chain[i - 1].p, chain[i - 1].n, text, tn,
		                  &next, &nn, err);
		free(text);
		text = next;
		tn = nn;
	}
	for (size_t i = 0; i < k; i++)
		free(chain[i].p);
	if (rc) {
		free(text);
		return rc;
	}
	*out = text;
	*outn = tn;
	return KR_OK;
}

/*
 * The text of the latest-document frame z (zn bytes) of cases.doc, as
 * frame_unpack gives it, through the connection's small cache.  The key
 * is the stored frame itself, byte for byte: equal frames hold equal
 * texts, whatever case or revision they belong to, so a case erased and
 * imported again under the same id and ref can never be served from what
 * was kept of the old one.
 */
static enum kr_status doc_text(struct kr_store *s, const void *z, size_t zn, char **out,
                               size_t *outn, struct kr_error *err)
{
	struct doc_cached *e, *victim = &s->docs[0];
	enum kr_status rc;

	for (int i = 0; i < DOC_CACHE; i++) {
		e = &s->docs[i];
		if (e->text && e->zn == zn && memcmp(e->z, z, zn) == 0) {
			if (!(*out = malloc(e->n + 1)))
				return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
			memcpy(*out, e->text, e->n + 1);
			*outn = e->n;
			e->used = ++s->docs_clock;
			return KR_OK;
		}
		if (e->used < victim->used)
			victim = e;
	}
	if ((rc = frame_unpack(s->zd, SQLITE_BLOB, z, zn, NULL, 0, out, outn, err)) ||
	    *outn > DOC_CACHE_MAX)
		return rc;
	free(victim->z);
	free(victim->text);
	memset(victim, 0, sizeof *victim);
	if ((victim->z = malloc(zn)) && (victim->text = malloc(*outn + 1))) {
		memcpy(victim->z, z, zn);
		memcpy(victim->text, *out, *outn + 1);
		victim->zn = zn;
		victim->n = *outn;
		victim->used = ++s->docs_clock;
	} else {   /* not kept: no harm */
		free(victim->z);
		free(victim->text);
		memset(victim, 0, sizeof *victim);
	}
	return KR_OK;
}

/* The text of revision rev (0: the latest) of case ref: *out malloc'd,
 * *got the revision number.  KR_ENOTFOUND names what is missing. */
static enum kr_status load_text(struct kr_store *s, const char *ref, long rev, char **out,
                                size_t *outn, long *got, struct kr_error *err)
{
	sqlite3_stmt *st = stmt(s, ST_GET_CASE);
	sqlite3_int64 case_id;
	enum kr_status rc = KR_OK;
	long head;
	int step;

	*out = NULL;
	*outn = 0;
	*got = 0;
	if (!st)
		return db_fail(s, err, "het dossier lezen is mislukt", "reading the case failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		sqlite3_reset(st);
		return step == SQLITE_DONE ? kr_error_say(err, KR_ENOTFOUND, "dossier %s bestaat niet", "no case %s", ref)
		                           : db_fail(s, err, "het dossier lezen is mislukt", "reading the case failed");
	}
	case_id = sqlite3_column_int64(st, 0);
	head = (long)sqlite3_column_int64(st, 1);
	if (rev <= 0)
		rev = head;
	if (rev > head) {
		sqlite3_reset(st);
		return kr_error_say(err, KR_ENOTFOUND, "dossier %s heeft geen versie %ld (de nieuwste is %ld)",
		                    "case %s has no revision %ld (the latest is %ld)", ref, rev, head);
	}
	if (rev == head && sqlite3_column_type(st, 2) == SQLITE_BLOB)
		rc = doc_text(s, sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2), out,
		              outn, err);
	else
		rc = KR_ENOTFOUND;   /* below: from the revisions */
	sqlite3_reset(st);
	if (rc == KR_ENOTFOUND)
		rc = chain_text(s, case_id, rev, out, outn, err);
	if (rc == KR_OK)
		*got = rev;
	return rc;
}

/* ---- the persons of a case and their share links ----------------------- */

/* A fingerprint of person i: who the id stands for (name, date of birth). */
static void person_print(const struct kr_case *c, size_t i, unsigned char out[16])
{
	const struct kr_person *p = &c->persons[i];
	crypto_generichash_state h;
	char born[11] = "";

	if (kr_date_valid(p->born))
		kr_date_format(p->born, born);
	crypto_generichash_init(&h, NULL, 0, 16);
	crypto_generichash_update(&h, (const unsigned char *)(p->name ? p->name : ""),
	                          p->name ? strlen(p->name) : 0);
	crypto_generichash_update(&h, (const unsigned char *)"\n", 1);
	crypto_generichash_update(&h, (const unsigned char *)born, strlen(born));
	crypto_generichash_final(&h, out, 16);
}

struct known_person {
	char *id;
	bool active;
	bool has_until;
	long until;
	bool has_print;
	unsigned char print[16];
	bool seen;
};

static int fill_known(sqlite3_stmt *st, void *element)
{
	struct known_person *k = element;
	memset(k, 0, sizeof *k);
	if (!(k->id = strdup((const char *)sqlite3_column_text(st, 0))))
		return -1;
	k->active = strcmp((const char *)sqlite3_column_text(st, 1), "active") == 0;
	k->has_until = sqlite3_column_type(st, 2) != SQLITE_NULL;
	k->until = (long)sqlite3_column_int64(st, 2);
	if (sqlite3_column_bytes(st, 3) == 16) {
		k->has_print = true;
		memcpy(k->print, sqlite3_column_blob(st, 3), 16);
	}
	return 0;
}

static void drop_known(void *element)
{
	free(((struct known_person *)element)->id);
}

static int cmp_known(const void *a, const void *b)
{
	return strcmp(((const struct known_person *)a)->id, ((const struct known_person *)b)->id);
}

/* Revokes, at time now, the links of person (NULL: of every person who is
 * no longer active, or past their last day `today`) of case case_id. */
static enum kr_status revoke_links(struct kr_store *s, sqlite3_int64 case_id, const char *ref,
                                   const char *person, time_t now, long today,
                                   struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	if (person) {
		if ((rc = kri_stmt(s, "UPDATE share_links SET revoked = ?3 WHERE case_ref = ?1 "
		                   "AND person_id = ?2 AND revoked IS NULL", &st, err)))
			return rc;
		sqlite3_bind_text(st, 2, person, -1, SQLITE_STATIC);
	} else {
		if ((rc = kri_stmt(s, "UPDATE share_links SET revoked = ?3 WHERE case_ref = ?1 "
		                   "AND revoked IS NULL AND NOT EXISTS (SELECT 1 FROM case_persons p "
		                   "WHERE p.case_id = ?4 AND p.person_id = share_links.person_id "
		                   "AND p.state = 'active' AND (p.until IS NULL OR p.until >= ?5))",
		                   &st, err)))
			return rc;
		sqlite3_bind_int64(st, 4, case_id);
		sqlite3_bind_int64(st, 5, today);
	}
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(now > 0 ? now : 1));
	return kri_stmt_run(s, st, err);
}

/* Every person id case case_id ever had (case_persons), sorted by id, into
 * *known (malloc'd; the caller frees it with drop_all_known). */
static enum kr_status load_known(struct kr_store *s, sqlite3_int64 case_id,
                                 struct known_person **known, size_t *nknown,
                                 struct kr_error *err)
{
	sqlite3_stmt *st;
	void *v = NULL;
	enum kr_status rc;

	*known = NULL;
	*nknown = 0;
	if ((rc = kri_stmt(s, "SELECT person_id, state, until, who FROM case_persons "
	                   "WHERE case_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if ((rc = kri_stmt_rows(s, st, sizeof **known, fill_known, drop_known, &v, nknown, err)))
		return rc;
	*known = v;
	if (*nknown > 1)
		qsort(*known, *nknown, sizeof **known, cmp_known);
	return KR_OK;
}

static void drop_all_known(struct known_person *known, size_t nknown)
{
	for (size_t i = 0; i < nknown; i++)
		drop_known(&known[i]);
	free(known);
}

static struct known_person *find_known(struct known_person *known, size_t nknown,
                                       const char *id)
{
	struct known_person key = { .id = (char *)id };
	return nknown ? bsearch(&key, known, nknown, sizeof *known, cmp_known) : NULL;
}

/*
 * Person ids are never used again within a case (docs/security.md): the
 * new revision c of the case with persons known may not give an id that
 * belonged to a removed person to somebody else.  A removed person comes
 * back under their id only as the same person (the same fingerprint: an
 * earlier revision's person restored); one removed before fingerprints
 * were kept (schema version 4) does not come back under the old id at all.
 * This holds for every way a whole document is stored (import, PUT), not
 * only for the item edits of case_edit.c.  KR_EINVAL with one detail per
 * reused id.
 */
static enum kr_status persons_check(const struct kr_case *c, struct known_person *known,
                                    size_t nknown, struct kr_error *err)
{
	size_t bad = 0;
	char path[48];

	for (size_t i = 0; i < c->npersons; i++) {
		struct known_person *k = find_known(known, nknown, c->persons[i].id);
		unsigned char print[16];
		if (!k || k->active)
			continue;
		person_print(c, i, print);
		if (k->has_print && memcmp(k->print, print, 16) == 0)
			continue;
		snprintf(path, sizeof path, "persons[%zu].id", i);
		kr_error_add(err, path, "%s hoorde bij een verwijderde persoon; kies een nieuw id",
		             "%s belonged to a removed person; choose a new id", k->id);
		bad++;
	}
	if (!bad)
		return KR_OK;
	return kr_error_say(err, KR_EINVAL, "dossier %s: een id van een verwijderde persoon wordt "
	                    "niet opnieuw gebruikt, want een deellink hoort bij het id",
	                    "case %s: the id of a removed person is not used again, because a "
	                    "share link belongs to the id", c->ref);
}

/*
 * The text to store for revision c: c's document, with every id the case
 * ever had and does not have now (removed before, or by this revision)
 * added to its root list retired_person_ids (docs/case-format.md), so that
 * a document written whole without that list still tells the item edits
 * (case_edit.c) which ids are taken.  *doc is malloc'd.
 */
static enum kr_status retired_doc(const struct kr_case *c, struct known_person *known,
                                  size_t nknown, char **doc, struct kr_error *err)
{
	json_t *root = (json_t *)kr_case_doc(c), *list, *copy = NULL, *merged = NULL;
	size_t added = 0, j;
	json_t *v;
	enum kr_status rc = KR_OK;

	*doc = NULL;
	list = json_object_get(root, "retired_person_ids");
	for (size_t i = 0; i < nknown; i++) {
		bool listed = false;
		if (kr_case_person_index(c, known[i].id) >= 0)
			continue;
		json_array_foreach(list, j, v)
			if (json_is_string(v) && strcmp(json_string_value(v), known[i].id) == 0)
				listed = true;
		if (listed)
			continue;
		if (!merged && !(merged = json_is_array(list) ? json_copy(list) : json_array()))
			goto nomem;
		if (json_array_append_new(merged, json_string(known[i].id)))
			goto nomem;
		added++;
	}
	if (!added) {
		if (!(*doc = kr_case_dump(c, false)))
			goto nomem;
		return KR_OK;
	}
	if (!(copy = json_copy(root)) || json_object_set(copy, "retired_person_ids", merged) ||
	    !(*doc = json_dumps(copy, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17) |
	                        JSON_COMPACT)))
		goto nomem;
	goto out;
nomem:
	rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
out:
	json_decref(copy);
	json_decref(merged);
	return rc;
}

/* Brings case_persons (known: what it held before) up to case c (the new
 * revision of case_id) and revokes the links of whoever ended.  Part of the
 * put's transaction. */
static enum kr_status persons_sync(struct kr_store *s, sqlite3_int64 case_id,
                                   const struct kr_case *c, struct known_person *known,
                                   size_t nknown, struct kr_error *err)
{
	struct known_person key;
	sqlite3_stmt *st;
	time_t now = s->now ? s->now : kr_now();
	long today = (long)(now / 86400);
	enum kr_status rc = KR_OK;

	for (size_t i = 0; i < c->npersons && rc == KR_OK; i++) {
		struct known_person *k;
		unsigned char print[16];
		long until = kr_case_person_until(c, i);
		bool has_until = until != LONG_MAX;
		key.id = (char *)c->persons[i].id;
		k = nknown ? bsearch(&key, known, nknown, sizeof *known, cmp_known) : NULL;
		person_print(c, i, print);
		if (k) {
			k->seen = true;
			if (k->active && k->has_until == has_until && (!has_until || k->until == until) &&
			    k->has_print && memcmp(k->print, print, 16) == 0)
				continue;   /* unchanged: most revisions write nothing here */
			/* the id now stands for somebody else: the old links go */
			if (k->has_print && memcmp(k->print, print, 16) != 0 &&
			    (rc = revoke_links(s, case_id, c->ref, k->id, now, today, err)))
				break;
		}
		if ((rc = kri_stmt(s, "INSERT INTO case_persons(case_id, person_id, state, until, who) "
		                   "VALUES (?1, ?2, 'active', ?3, ?4) ON CONFLICT(case_id, person_id) "
		                   "DO UPDATE SET state = 'active', until = excluded.until, "
		                   "who = excluded.who", &st, err)))
			break;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_text(st, 2, c->persons[i].id, -1, SQLITE_STATIC);
		if (has_until)
			sqlite3_bind_int64(st, 3, until);
		sqlite3_bind_blob(st, 4, print, 16, SQLITE_TRANSIENT);
		rc = kri_stmt_run(s, st, err);
	}
	for (size_t i = 0; i < nknown && rc == KR_OK; i++) {
		if (known[i].seen || !known[i].active)
			continue;
		if ((rc = kri_stmt(s, "UPDATE case_persons SET state = 'removed' WHERE case_id = ?1 "
		                   "AND person_id = ?2", &st, err)))
			break;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_text(st, 2, known[i].id, -1, SQLITE_STATIC);
		rc = kri_stmt_run(s, st, err);
	}
	if (rc == KR_OK)
		rc = revoke_links(s, case_id, c->ref, NULL, now, today, err);
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
	sqlite3_stmt *st = kri_store_stmt(s, "SELECT created FROM revisions WHERE case_id = ?1 "
	                                     "AND rev = ?2");
	enum kr_status rc = KR_OK;

	if (!st)
		return db_fail(s, err, "de geschiedenis lezen is mislukt", "reading the history failed");
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

/* The frames of a new revision head + 1 of case case_id with text doc:
 * *rev_frame for the revisions row, *head_frame for cases.doc (the same
 * buffer when the revision is a full frame).  Both malloc'd. */
static enum kr_status pack_revision(struct kr_store *s, sqlite3_int64 case_id, long head,
                                    const char *ref, const char *doc, size_t n,
                                    unsigned char **rev_frame, size_t *rev_n,
                                    unsigned char **head_frame, size_t *head_n,
                                    struct kr_error *err)
{
	char *prev = NULL;
	size_t prevn = 0;
	long got;
	enum kr_status rc;

	*rev_frame = *head_frame = NULL;
	*rev_n = *head_n = 0;
	if ((rc = frame_pack(s->zc, doc, n, NULL, 0, head_frame, head_n, err)))
		return rc;
	if (case_id == 0 || head % SNAPSHOT_EVERY == 0) {
		*rev_frame = *head_frame;
		*rev_n = *head_n;
		return KR_OK;
	}
	if ((rc = load_text(s, ref, head, &prev, &prevn, &got, err)) == KR_OK)
		rc = frame_pack(s->zc, doc, n, prev, prevn, rev_frame, rev_n, err);
	free(prev);
	if (rc) {
		free(*head_frame);
		*head_frame = NULL;
		*head_n = 0;
	}
	return rc;
}

enum kr_status kr_store_put(struct kr_store *s, const struct kr_case *c, const char *author,
                            long expect_rev, long *rev_out, struct kr_error *err)
{
	long ignored;
	enum kr_status rc = KR_OK;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 case_id = 0;
	long head = 0;
	char now[21];
	char *doc = NULL;
	size_t docn = 0, rev_n = 0, head_n = 0;
	unsigned char *rev_frame = NULL, *head_frame = NULL;
	struct known_person *known = NULL;
	size_t nknown = 0;
	struct kri_tx tx = KRI_TX_NONE;

	if (!rev_out)
		rev_out = &ignored;
	*rev_out = 0;
	if (!author || !*author)
		return kr_error_say(err, KR_EUSAGE, "een wijziging heeft een auteur nodig",
		                    "a change needs an author");
	if (s->now && s->now > kr_now()) {
		char when[KR_DATE_STAMP_LEN];
		kr_date_timestamp(s->now, when);
		return kr_error_say(err, KR_EINVAL, "dossier %s: een versie kan niet in de toekomst "
		                    "(%s) vastgelegd worden", "case %s: a revision cannot be recorded "
		                    "in the future (%s)", c->ref, when);
	}
	iso_now(s, now);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;

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
	st = NULL;
	if (case_id && expect_rev == -1) {
		*rev_out = head;
		rc = kr_error_say(err, KR_ECONFLICT, "dossier %s bestaat al (versie %ld)",
		                  "case %s exists already (revision %ld)",
		                  c->ref, head);
		goto out;
	}
	if (expect_rev > 0 && (!case_id || head != expect_rev)) {
		*rev_out = head;
		rc = case_id ? kr_error_say(err, KR_ECONFLICT,
		                            "dossier %s is intussen door iemand anders gewijzigd: "
		                            "jouw wijziging gaat uit van versie %ld, de nieuwste is %ld",
		                            "case %s was changed by someone else: your change is "
		                            "based on revision %ld, the latest is %ld", c->ref,
		                            expect_rev, head)
		             : kr_error_say(err, KR_ENOTFOUND, "dossier %s bestaat niet", "no case %s", c->ref);
		goto out;
	}
	if (case_id && (rc = check_time_order(s, case_id, head, now, c->ref, err)))
		goto out;
	/* a removed person's id stays theirs (persons_check); the text keeps
	 * the list of such ids */
	if (case_id && ((rc = load_known(s, case_id, &known, &nknown, err)) ||
	                (rc = persons_check(c, known, nknown, err))))
		goto out;
	if ((rc = retired_doc(c, known, nknown, &doc, err)))
		goto out;
	docn = strlen(doc);
	/* the text as compressed frames (BENCHMARKS.md: storage per edit) */
	if ((rc = pack_revision(s, case_id, head, c->ref, doc, docn, &rev_frame, &rev_n,
	                        &head_frame, &head_n, err)))
		goto out;
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
	sqlite3_bind_blob(st, 5, rev_frame, (int)rev_n, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)docn);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_reset(st);
	if (!(st = stmt(s, ST_UPDATE_CASE)))
		goto dberr;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, head + 1);
	bind_summary(st, c);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 7, head_frame, (int)head_n, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_reset(st);
	st = NULL;
	/* who may hold a share link of this case from now on */
	rc = persons_sync(s, case_id, c, known, nknown, err);
	/* which placements name a family of the register (family.h) */
	if (rc == KR_OK)
		rc = kri_family_links_sync(s, case_id, c, err);
	/* what the figures need, with the revision */
	if (rc == KR_OK)
		rc = kri_facts_write(s, case_id, head + 1, c, now, err);
	goto out;

dberr:
	rc = db_fail(s, err, "het dossier opslaan is mislukt", "storing the case failed");
out:
	if (st)
		sqlite3_reset(st);
	if ((rc = kri_tx_end(&tx, rc, err)) == KR_OK)
		*rev_out = head + 1;
	if (rev_frame != head_frame)
		free(rev_frame);
	free(head_frame);
	free(doc);
	drop_all_known(known, nknown);
	return rc;
}

enum kr_status kr_store_get(struct kr_store *s, const char *ref, long rev,
                            struct kr_case **out, struct kr_error *err)
{
	char *text = NULL;
	size_t n = 0;
	long got;
	enum kr_status rc = load_text(s, ref, rev, &text, &n, &got, err);

	*out = NULL;
	if (rc == KR_OK) {
		rc = kr_case_read(text, n, out, err);
		if (rc)
			kr_error_say(err, rc, "de opgeslagen versie van dossier %s is niet te lezen",
			             "the stored revision of case %s cannot be read", ref);
	}
	free(text);
	return rc;
}

enum kr_status kri_store_head_doc(struct kr_store *s, const char *sql, const char *id,
                                  char **doc, long *head, const char *fail_nl,
                                  const char *fail_en, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	if (doc)
		*doc = NULL;
	*head = 0;
	if ((rc = kri_stmt(s, sql, &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const unsigned char *t = doc ? sqlite3_column_text(st, 1) : NULL;
		*head = (long)sqlite3_column_int64(st, 0);
		if (doc && !(*doc = strdup(t ? (const char *)t : "")))
			rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	} else if (step == SQLITE_DONE) {
		rc = KR_ENOTFOUND;   /* the caller says what was not found */
	} else {
		rc = kri_store_fail(s, err, fail_nl, fail_en);
	}
	sqlite3_reset(st);
	return rc;
}

enum kr_status kri_store_expect_head(struct kr_store *s, const char *sql, const char *id,
                                     long expect_rev, long *head, const char *fail_nl,
                                     const char *fail_en, const char *noun_nl,
                                     const char *noun_en, struct kr_error *err)
{
	const char *noun = err && err->lang == KR_LANG_EN ? noun_en : noun_nl;
	enum kr_status rc = kri_store_head_doc(s, sql, id, NULL, head, fail_nl, fail_en, err);

	if (rc != KR_OK && rc != KR_ENOTFOUND)
		return rc;
	if (*head && expect_rev == -1)
		return kr_error_say(err, KR_ECONFLICT, "%s %s bestaat al (versie %ld)",
		                    "%s %s exists already (revision %ld)", noun, id, *head);
	if (expect_rev > 0 && *head != expect_rev)
		return *head ? kr_error_say(err, KR_ECONFLICT, "%s %s is intussen gewijzigd: jouw "
		                            "wijziging gaat uit van versie %ld, de nieuwste is %ld",
		                            "%s %s was changed meanwhile: your change is based on "
		                            "revision %ld, the latest is %ld", noun, id, expect_rev,
		                            *head)
		             : KR_ENOTFOUND;   /* the caller says what was not found */
	return KR_OK;
}

enum kr_status kri_store_register_put(struct kr_store *s, const struct kri_register *r,
                                      const char *id, const void *rec, const char *author,
                                      long expect_rev, time_t now, long *rev_out,
                                      struct kr_error *err)
{
	char at[KR_DATE_STAMP_LEN];
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	enum kr_status rc;
	long head = 0;
	char *doc = NULL;

	if (rev_out)
		*rev_out = 0;
	if (!author || !*author)
		return kr_error_say(err, KR_EUSAGE, "een wijziging heeft een auteur nodig",
		                    "a change needs an author");
	if (!(doc = r->dump(rec)))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	kr_date_timestamp(now, at);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if (r->check && (rc = r->check(s, rec, now, err)))
		goto out;
	rc = kri_store_expect_head(s, r->head_sql, id, expect_rev, &head, r->read_fail_nl,
	                           r->read_fail_en, r->noun_nl, r->noun_en, err);
	if (rc == KR_ENOTFOUND)
		rc = r->missing(id, err);
	if (rc || (rc = kri_stmt(s, head ? r->update_sql : r->insert_sql, &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, head + 1);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, doc, -1, SQLITE_STATIC);
	r->bind(st, rec);
	if ((rc = kri_stmt_run(s, st, err)) || (rc = kri_stmt(s, r->revision_sql, &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, head + 1);
	sqlite3_bind_text(st, 3, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, doc, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_run(s, st, err)))
		goto out;
	if (r->after)
		rc = r->after(s, rec, err);
out:
	rc = kri_tx_end(&tx, rc, err);
	if (rc == KR_OK && rev_out)
		*rev_out = head + 1;
	free(doc);
	return rc;
}

/* ---- the binary model beside each revision (case_pack.c, schema 10) ---------------------- */

enum kr_status kri_store_model_put(struct kr_store *s, int64_t case_id, long rev,
                                   const struct kr_case *c, struct kr_error *err)
{
	struct kr_buf b;
	unsigned char *z = NULL;
	size_t zn = 0;
	sqlite3_stmt *st;
	enum kr_status rc;

	kr_buf_init(&b, KR_CASE_MAX_BYTES);
	if ((rc = kri_case_pack(c, &b))) {
		rc = rc == KR_ETOOBIG
		     ? kr_error_say(err, rc, "het dossier is te groot om in te pakken",
		                    "the case is too large to pack")
		     : kr_error_say(err, rc, "geen geheugen meer", "out of memory");
		goto out;
	}
	if ((rc = frame_pack(s->zc, b.data, b.len, NULL, 0, &z, &zn, err)) ||
	    (rc = kri_stmt(s, "INSERT OR REPLACE INTO models(case_id, rev, data) "
	                      "VALUES (?1, ?2, ?3)", &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, rev);
	sqlite3_bind_blob(st, 3, z, (int)zn, SQLITE_STATIC);
	rc = kri_stmt_run(s, st, err);
out:
	free(z);
	kr_buf_cleanup(&b);
	return rc;
}

enum kr_status kri_store_get_model(struct kr_store *s, const char *ref, long rev,
                                   struct kr_case **out, struct kr_error *err)
{
	sqlite3_stmt *st = NULL;
	char *text = NULL;
	size_t n = 0;
	bool done = false;

	*out = NULL;
	if (rev >= 1 &&
	    kri_stmt(s, "SELECT m.data FROM cases c JOIN models m ON m.case_id = c.id "
	                "WHERE c.ref = ?1 AND m.rev = ?2", &st, NULL) == KR_OK) {
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, rev);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    frame_unpack(s->zd, SQLITE_BLOB, sqlite3_column_blob(st, 0),
		                 (size_t)sqlite3_column_bytes(st, 0), NULL, 0, &text, &n,
		                 NULL) == KR_OK)
			done = kri_case_unpack(text, n, out) == KR_OK;
		sqlite3_reset(st);
		free(text);
	}
	/* no model (a database from before schema 10), or it does not read */
	return done ? KR_OK : kr_store_get(s, ref, rev, out, err);
}

enum kr_status kr_store_get_text(struct kr_store *s, const char *ref, long rev, char **text,
                                 size_t *len, long *rev_out, struct kr_error *err)
{
	long got;
	enum kr_status rc = load_text(s, ref, rev, text, len, &got, err);

	if (rev_out)
		*rev_out = rc ? 0 : got;
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
		return db_fail(s, err, "het dossier lezen is mislukt", "reading the case failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*rev_out = (long)sqlite3_column_int64(st, 1);
	else if (step == SQLITE_DONE)
		rc = kr_error_say(err, KR_ENOTFOUND, "dossier %s bestaat niet", "no case %s", ref);
	else
		rc = db_fail(s, err, "het dossier lezen is mislukt", "reading the case failed");
	sqlite3_reset(st);
	return rc;
}

/* The latest revision of ref recorded at or before time t; `day` >= 0 says
 * t is the end of that day, which the message then names. */
static enum kr_status revision_until(struct kr_store *s, const char *ref, time_t t, long day,
                                     long *rev_out, struct kr_error *err)
{
	sqlite3_stmt *st = kri_store_stmt(s, "SELECT (SELECT max(r.rev) FROM revisions r "
	                                     "WHERE r.case_id = c.id AND r.created <= ?2) "
	                                     "FROM cases c WHERE c.ref = ?1");
	enum kr_status rc = KR_OK;
	char until[KR_DATE_STAMP_LEN], d[11];

	*rev_out = 0;
	if (!st)
		return db_fail(s, err, "de geschiedenis lezen is mislukt", "reading the history failed");
	kr_date_timestamp(t, until);
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*rev_out = (long)sqlite3_column_int64(st, 0);
		else if (day >= 0)
			rc = kr_error_say(err, KR_ENOTFOUND, "dossier %s bestond op %s nog niet",
			                  "case %s did not exist yet on %s", ref,
			                  kr_date_format(kr_date_from_days(day), d));
		else
			rc = kr_error_say(err, KR_ENOTFOUND, "dossier %s bestond om %s (UTC) nog niet: "
			                  "de eerste versie is later vastgelegd",
			                  "case %s did not exist yet at %s (UTC): its first revision was "
			                  "recorded later", ref, until);
		break;
	case SQLITE_DONE:
		rc = kr_error_say(err, KR_ENOTFOUND, "dossier %s bestaat niet", "no case %s", ref);
		break;
	default:
		rc = db_fail(s, err, "de geschiedenis lezen is mislukt", "reading the history failed");
	}
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_store_revision_at(struct kr_store *s, const char *ref, long day,
                                    long *rev_out, struct kr_error *err)
{
	return revision_until(s, ref, (time_t)(day + 1) * 86400 - 1, day, rev_out, err);
}

enum kr_status kr_store_revision_recorded(struct kr_store *s, const char *ref, time_t t,
                                          long *rev_out, struct kr_error *err)
{
	return revision_until(s, ref, t, -1, rev_out, err);
}

bool kr_store_time_parse(const char *text, time_t *out)
{
	struct kr_date d;
	char day[11];
	int h, m, sec, n = 0;
	size_t len = text ? strlen(text) : 0;

	*out = 0;
	if (len == 10) {
		if (!kr_date_parse_full(text, &d) || d.y < 1970)
			return false;
		*out = (time_t)(kr_date_first(d) + 1) * 86400 - 1;
		return true;
	}
	if (len != 20 || text[10] != 'T' || text[19] != 'Z')
		return false;
	memcpy(day, text, 10);
	day[10] = '\0';
	if (!kr_date_parse_full(day, &d) || d.y < 1970 ||
	    sscanf(text + 11, "%2d:%2d:%2dZ%n", &h, &m, &sec, &n) != 3 || n != 9 ||
	    text[13] != ':' || text[16] != ':' || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 ||
	    sec > 59)
		return false;
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (text[i] < '0' || text[i] > '9'))
			return false;
	*out = (time_t)kr_date_first(d) * 86400 + h * 3600 + m * 60 + sec;
	return true;
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
	                       "SELECT r.rev, r.author, r.created, "
	                       "coalesce(r.size, length(CAST(r.doc AS BLOB))) "
	                       "FROM cases c JOIN revisions r ON r.case_id = c.id "
	                       "WHERE c.ref = ?1 ORDER BY r.rev", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err, "de geschiedenis lezen is mislukt", "reading the history failed");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
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
		rc = db_fail(s, err, "de geschiedenis lezen is mislukt", "reading the history failed");
	else if (k == 0)
		rc = kr_error_say(err, KR_ENOTFOUND, "dossier %s bestaat niet", "no case %s", ref);
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
	if (!(st = kri_store_stmt(s, "SELECT ref, head, child, opened, updated, npersons "
	                          "FROM cases ORDER BY ref")))
		return db_fail(s, err, "de lijst van dossiers maken is mislukt", "listing the cases failed");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(grown = realloc(v, cap * sizeof *v))) {
				rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
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
		rc = db_fail(s, err, "de lijst van dossiers maken is mislukt", "listing the cases failed");
out:
	sqlite3_reset(st);
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

/* Each worker of kr_store_each decompresses with its own context. */
static _Thread_local ZSTD_DCtx *worker_zd;

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
	int type;                  /* SQLITE_TEXT: doc is the text; SQLITE_BLOB: a frame */
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
			char *text = NULL;
			size_t tn = 0;
			sl->owner = me;
			/* NULL: parse on the heap */
			sl->block = arena_on ? arena_block() : NULL;
			if (sl->type == SQLITE_TEXT) {
				sl->rc = arena_read(sl->block, sl->doc, sl->len, &sl->c);
			} else if (!worker_zd && !(worker_zd = ZSTD_createDCtx())) {
				sl->rc = KR_ENOMEM;
			} else if ((sl->rc = frame_unpack(worker_zd, sl->type, sl->doc, sl->len, NULL,
			                                  0, &text, &tn, NULL)) == KR_OK) {
				sl->rc = arena_read(sl->block, text, tn, &sl->c);
			}
			free(text);
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
	ZSTD_freeDCtx(worker_zd);
	worker_zd = NULL;
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
		char *doc = NULL;
		size_t n = 0;
		enum kr_status rc = frame_unpack(s->zd, sqlite3_column_type(st, 2),
		                                 sqlite3_column_blob(st, 2),
		                                 (size_t)sqlite3_column_bytes(st, 2), NULL, 0, &doc,
		                                 &n, err);
		int stop;
		if (rc == KR_OK)
			rc = kr_case_read(doc, n, &c, err);
		free(doc);
		if (rc)
			return kr_error_say(err, rc, "het opgeslagen dossier %s is niet te lezen",
			                    "the stored case %s cannot be read",
			                    (const char *)sqlite3_column_text(st, 0));
		stop = fn(c, (long)sqlite3_column_int64(st, 1), arg);
		kr_case_free(c);
		if (stop)
			return KR_OK;
	}
	return step == SQLITE_DONE ? KR_OK : db_fail(s, err, "de dossiers lezen is mislukt", "reading the cases failed");
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

	if (sqlite3_prepare_v2(s->db, "SELECT c.ref, r.rev, coalesce(CASE WHEN r.size IS NOT NULL "
	                       "THEN c.doc END, r.doc) FROM cases c "
	                       "JOIN revisions r ON r.case_id = c.id AND r.rev = c.head "
	                       "ORDER BY c.ref", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err, "de dossiers lezen is mislukt", "reading the cases failed");
	if (each_workers() < 2) {
		rc = each_serial(s, st, fn, arg, err);
		goto out;
	}
	p = calloc(1, sizeof *p);
	if (!p) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto out;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int want = each_workers(); nw < want; nw++)
		if (pthread_create(&tid[nw], NULL, each_worker, p) != 0)
			break;
	if (nw == 0) {
		rc = kr_error_say(err, KR_ENOMEM, "kan geen thread starten om de dossiers te lezen",
		                  "cannot start a thread to read the cases");
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
			sl->type = sqlite3_column_type(st, 2);
			if (!sl->ref || !sl->doc) {
				free(sl->ref);
				free(sl->doc);
				rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
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
			rc = db_fail(s, err, "de dossiers lezen is mislukt", "reading the cases failed");
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
			rc = kr_error_say(err, sl->rc, "het opgeslagen dossier %s is niet te lezen",
			                  "the stored case %s cannot be read", sl->ref);
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
	if (!(st = kri_store_stmt(s, "SELECT value FROM settings WHERE key = ?1")))
		return db_fail(s, err, "de drempels lezen is mislukt", "reading the settings failed");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*value = strdup((const char *)sqlite3_column_text(st, 0));
		if (!*value)
			rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		break;
	case SQLITE_DONE:
		break;
	default:
		rc = db_fail(s, err, "de drempels lezen is mislukt", "reading the settings failed");
	}
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_store_setting_set(struct kr_store *s, const char *key, const char *value,
                                    struct kr_error *err)
{
	sqlite3_stmt *a, *b;
	struct kri_tx tx = KRI_TX_NONE;
	enum kr_status rc;
	char now[21];

	iso_now(s, now);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "INSERT INTO settings(key, value) VALUES (?1, ?2) "
	                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &a, err)))
		goto out;
	sqlite3_bind_text(a, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(a, 2, value, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_run(s, a, err)))
		goto out;
	if ((rc = kri_stmt(s, "INSERT INTO settings_log(key, value, changed) VALUES (?1, ?2, ?3)",
	                   &b, err)))
		goto out;
	sqlite3_bind_text(b, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(b, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(b, 3, now, -1, SQLITE_STATIC);
	rc = kri_stmt_run(s, b, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kri_store_revision_days(struct kr_store *s, const char *ref, long **revs,
                                       long **days, size_t *n)
{
	sqlite3_stmt *st = kri_store_stmt(s, "SELECT r.rev, r.created FROM cases c JOIN revisions r "
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

/* ---- case work: the next free number, a child who has a case already ---- */

enum kr_status kr_store_next_ref(struct kr_store *s, const char *prefix, int year, char *out,
                                 size_t n, struct kr_error *err)
{
	sqlite3_stmt *st;
	size_t plen = prefix ? strlen(prefix) : 0;
	long max = 0;
	enum kr_status rc;
	char head[32];
	int step;

	if (n)
		out[0] = '\0';
	if (plen < 1 || plen > 8 || strspn(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != plen)
		return kr_error_say(err, KR_EUSAGE, "het voorvoegsel is 1 tot 8 hoofdletters, zoals PZ",
		                    "the prefix is 1 to 8 capital letters, such as PZ");
	if (year < 1000 || year > 9999)
		return kr_error_say(err, KR_EUSAGE, "het jaar heeft vier cijfers, zoals 2026",
		                    "the year has four digits, such as 2026");
	snprintf(head, sizeof head, "%s-%d-", prefix, year);
	if ((rc = kri_stmt(s, "SELECT ref FROM cases WHERE substr(ref, 1, length(?1)) = ?1", &st,
	                   err)))
		return rc;
	sqlite3_bind_text(st, 1, head, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(st, 0), *d;
		size_t nd;
		if (!ref)
			continue;
		d = ref + strlen(head);
		nd = strspn(d, "0123456789");
		if (nd == 0 || nd > 9 || d[nd])
			continue;
		if (strtol(d, NULL, 10) > max)
			max = strtol(d, NULL, 10);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return kri_store_fail(s, err, "De dossiernummers lezen lukt niet",
		                      "Reading the case refs failed");
	if ((size_t)snprintf(out, n, "%s%04ld", head, max + 1) >= n)
		return kr_error_say(err, KR_EUSAGE, "de ruimte voor het nummer is te klein",
		                    "the buffer for the ref is too small");
	return KR_OK;
}

enum kr_status kr_store_find_child(struct kr_store *s, const char *name, struct kr_date born,
                                   char ***refs, size_t *n, struct kr_error *err)
{
	sqlite3_stmt *st;
	char **v = NULL, *ref = NULL;
	size_t k = 0;
	enum kr_status rc = KR_OK;
	int step;

	*refs = NULL;
	*n = 0;
	if (!name || !*name || !kr_date_valid(born))
		return KR_OK;
	if ((rc = kri_stmt(s, "SELECT ref FROM cases WHERE child = ?1 COLLATE NOCASE ORDER BY ref",
	                   &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	/* the names first (the statement is reset before a case is read) */
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char **g = realloc(v, (k + 1) * sizeof *v);
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (!g || !(g[k] = strdup(r ? r : ""))) {
			v = g ? g : v;
			rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
			break;
		}
		v = g;
		k++;
	}
	sqlite3_reset(st);
	if (!rc && step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "De dossiers zoeken lukt niet", "Searching the cases failed");
	/* then the birth date of each one's child */
	for (size_t i = 0, j = 0; !rc && i < k; i++) {
		struct kr_case *c = NULL;
		bool same = false;
		if ((rc = kr_store_get(s, v[i], 0, &c, err)))
			break;
		if (c->child >= 0) {
			struct kr_date b = c->persons[c->child].born;
			same = b.y == born.y && b.m == born.m && b.d == born.d;
		}
		kr_case_free(c);
		ref = v[i];
		v[i] = NULL;
		if (same)
			v[j++] = ref;
		else
			free(ref);
		*n = j;
	}
	if (rc) {
		for (size_t i = 0; i < k; i++)
			free(v[i]);
		free(v);
		*n = 0;
		return rc;
	}
	if (*n == 0) {
		free(v);
		v = NULL;
	}
	*refs = v;
	return KR_OK;
}
