/*
 * test_audit.c - the audit trail (lib/audit*.c): rows are written with UTC
 * times and the NEN 7513 fields (and their defaults), refused when
 * malformed, take part in the caller's transaction, cannot be changed
 * through the schema, and a row altered or removed by someone with access
 * to the file (who drops the triggers first) is found by the chain check.
 * The key: created 0600 next to the database (or where kr_config says),
 * refused when exposed, missing or another; a trail of schema version 2
 * re-chained once, and never again by a key file that was there before
 * (the laundering attack).  Checkpoints and their parsing, the client's
 * own log (grouping, Dutch time, what is left out, share-link holders by
 * name), digests, the CSV export and its formula escaping, and that no
 * cached statement is left running on any path.  The nine tamper
 * scenarios against `kring audit --verify --expect` are in
 * tests/reliability/audit_tamper.c.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "kring/account.h"
#include "kring/audit.h"
#include "kring/enum.h"
#include "kring/init.h"
#include "kring/store.h"
#include "audit_int.h"
#include "store_int.h"

#define T0 ((time_t)1790000000)   /* 2026-09-21T14:13:20Z */

static char dbpath[64], keypath[80];

static int setup(void **state)
{
	char p[96];
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-test-audit-%d.db", (int)getpid());
	snprintf(keypath, sizeof keypath, "%s.audit-key", dbpath);
	unlink(dbpath);
	unlink(keypath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s.other-key", dbpath);
	unlink(p);
	return 0;
}

static int teardown(void **state)
{
	return setup(state);
}

static struct kr_store *open_store(void)
{
	struct kr_store *s = NULL;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	return s;
}

static long long log_one(struct kr_store *s, char action, const char *who, const char *ref,
                         time_t when, const char *detail)
{
	struct kr_audit_entry e = { .who = who, .when = when, .action = action, .ref = ref,
	                            .address = "192.0.2.4", .detail = detail };
	struct kr_error err;
	long long id = 0;
	kr_error_init(&err);
	if (kr_audit_log(s, &e, &id, &err) != KR_OK)
		fail_msg("audit: %s", err.message);
	kr_error_cleanup(&err);
	return id;
}

/* Ten rows over two cases. */
static void fill(struct kr_store *s)
{
	static const char actions[] = "CRUREPFDAR";
	for (int i = 0; i < 10; i++)
		assert_int_equal(log_one(s, actions[i], i % 3 ? "anna" : "bert",
		                         i == 8 ? NULL : i % 2 ? "PZ-1" : "PZ-2", T0 + i * 60,
		                         "step"), i + 1);
}

static int collect(const struct kr_audit_row *row, void *arg)
{
	struct kr_audit_row *rows = arg;
	rows[row->id - 1] = *row;
	return 0;
}

static void write_and_read(void **state)
{
	struct kr_store *s = open_store();
	struct kr_audit_row rows[10];
	struct kr_audit_entry e = { .who = "piet", .on_behalf = "ria", .when = T0,
	                            .action = KR_AUDIT_READ, .ref = "PZ-1" };
	long long first = -1, count = 0;
	char hex[65];
	(void)state;

	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);   /* empty is intact */
	assert_int_equal(first, 0);
	assert_int_equal(kr_audit_head(s, &count, hex, NULL), KR_OK);
	assert_int_equal(count, 0);
	assert_string_equal(hex, "");
	fill(s);
	memset(rows, 0, sizeof rows);
	assert_int_equal(kr_audit_each(s, NULL, collect, rows, NULL), KR_OK);
	assert_string_equal(rows[0].when, "2026-09-21T14:13:20Z");
	assert_string_equal(rows[1].when, "2026-09-21T14:14:20Z");
	assert_string_equal(rows[0].who, "bert");
	assert_int_equal(rows[0].action, 'C');
	assert_string_equal(rows[0].ref, "PZ-2");
	assert_true(rows[0].has_ref);
	assert_false(rows[8].has_ref);
	assert_false(rows[0].has_on_behalf);
	assert_string_equal(rows[0].address, "192.0.2.4");
	assert_int_equal(rows[9].action, 'R');
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	assert_int_equal(kr_audit_head(s, &count, hex, NULL), KR_OK);
	assert_int_equal(count, 10);
	assert_int_equal(strlen(hex), 64);
	/* on whose behalf */
	assert_int_equal(kr_audit_log(s, &e, &first, NULL), KR_OK);
	assert_int_equal(first, 11);
	kr_store_close(s);
}

static void refuses_bad_entries(void **state)
{
	struct kr_store *s = open_store();
	char big[400];
	struct kr_audit_entry e = { .who = "anna", .when = T0, .action = KR_AUDIT_READ,
	                            .ref = "PZ-1", .detail = "ok" };
	struct kr_audit_entry bad;
	long long first = 0;
	(void)state;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	bad = e;
	bad.who = NULL;
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad.who = "";
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = e;
	bad.action = 'X';
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad.action = '\0';
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = e;
	bad.detail = "two\nlines";   /* would forge a second line in text output */
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = e;
	bad.detail = big;
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = e;
	bad.ref = "PZ-\xff";
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = e;
	bad.when = -1;
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	/* nothing was written, and every letter is accepted */
	for (const char *a = "CRUDEPFA"; *a; a++) {
		e.action = *a;
		assert_int_equal(kr_audit_log(s, &e, &first, NULL), KR_OK);
	}
	assert_int_equal(first, 8);
	kr_store_close(s);
}

static void append_only(void **state)
{
	struct kr_store *s = open_store();
	sqlite3 *db;
	(void)state;
	fill(s);
	db = kri_store_db(s);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET detail = 'x' WHERE id = 2",
	                                  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit WHERE id = 10", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	kr_store_close(s);
}

static void same_transaction(void **state)
{
	struct kr_store *s = open_store();
	long long first = 0, count = 0;
	char hex[65];
	(void)state;

	fill(s);
	/* rolled back with the action it belongs to */
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(log_one(s, 'U', "anna", "PZ-1", T0 + 999, "changed"), 11);
	assert_int_equal(kr_store_end(s, false, NULL), KR_OK);
	assert_int_equal(kr_audit_head(s, &count, hex, NULL), KR_OK);
	assert_int_equal(count, 10);
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	/* committed with it */
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(log_one(s, 'U', "anna", "PZ-1", T0 + 999, "changed"), 11);
	assert_int_equal(log_one(s, 'R', "anna", "PZ-1", T0 + 999, "read back"), 12);
	assert_int_equal(kr_store_end(s, true, NULL), KR_OK);
	assert_int_equal(kr_audit_head(s, &count, hex, NULL), KR_OK);
	assert_int_equal(count, 12);
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	kr_store_close(s);
}

/* What an attacker with write access to the file can do: open it with
 * plain SQLite, drop the guard triggers, then change the rows. */
static void tamper(const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	if (sqlite3_exec(db, "DROP TRIGGER IF EXISTS audit_no_update; "
	                 "DROP TRIGGER IF EXISTS audit_no_delete;", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("tamper: %s", msg);
	sqlite3_close(db);
}

static void verify_finds(long long expect_id, const char *word)
{
	struct kr_store *s = open_store();
	struct kr_error err;
	long long first = 0;
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_audit_verify(s, &first, &err), KR_EINVAL);
	assert_int_equal(first, expect_id);
	if (!strstr(err.message, word))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, word);
	/* the same in Dutch, for a person who reads Dutch */
	kr_error_cleanup(&err);
	kr_error_init_lang(&err, KR_LANG_NL);
	assert_int_equal(kr_audit_verify(s, &first, &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "logboek"));
	kr_error_cleanup(&err);
	kr_store_close(s);
}

static void detects_altered_row(void **state)
{
	struct kr_store *s = open_store();
	long long first = 0;
	(void)state;
	fill(s);
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	kr_store_close(s);
	tamper("UPDATE audit SET who = 'someone-else' WHERE id = 4");
	verify_finds(4, "altered");
}

static void detects_altered_time(void **state)
{
	struct kr_store *s = open_store();
	(void)state;
	fill(s);
	kr_store_close(s);
	tamper("UPDATE audit SET at = '2026-09-21T14:13:21Z' WHERE id = 1");
	verify_finds(1, "altered");
}

static void detects_null_swap(void **state)
{
	struct kr_store *s = open_store();
	(void)state;
	fill(s);
	kr_store_close(s);
	/* row 9 has no case; giving it an empty one must still be seen */
	tamper("UPDATE audit SET case_ref = '' WHERE id = 9");
	verify_finds(9, "altered");
}

static void detects_removed_row(void **state)
{
	struct kr_store *s = open_store();
	(void)state;
	fill(s);
	kr_store_close(s);
	tamper("DELETE FROM audit WHERE id = 6");
	verify_finds(6, "removed");
}

static void detects_removed_first_row(void **state)
{
	struct kr_store *s = open_store();
	(void)state;
	fill(s);
	kr_store_close(s);
	tamper("DELETE FROM audit WHERE id = 1");
	verify_finds(1, "removed");
}

static void detects_cut_off_end(void **state)
{
	struct kr_store *s = open_store();
	(void)state;
	fill(s);
	kr_store_close(s);
	tamper("DELETE FROM audit WHERE id >= 9");
	verify_finds(9, "removed");
	/* rows written after the cut do not hide it */
	s = open_store();
	log_one(s, 'R', "anna", "PZ-1", T0 + 5000, "later");
	kr_store_close(s);
	verify_finds(9, "removed");
}

/* No statement on s's connection is left mid-step (which would keep a read
 * transaction open), and no transaction is left open. */
static void all_reset(struct kr_store *s)
{
	sqlite3 *db = kri_store_db(s);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (sqlite3_stmt_busy(st))
			fail_msg("statement left running: %s", sqlite3_sql(st));
	assert_true(sqlite3_get_autocommit(db));
}

/* A whole checkpoint from another connection needs every reader gone. */
static void checkpoint_possible(void)
{
	sqlite3 *db = NULL;
	int log = -1, done = -1;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM audit", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log,
	                                           &done), SQLITE_OK);
	assert_int_equal(log, 0);
	sqlite3_close(db);
}

static int stop_at_first(const struct kr_audit_row *row, void *arg)
{
	*(long long *)arg = row->id;
	return 1;
}

/* The statements come from the store's cache (kri_store_stmt): every path,
 * the early ones included, leaves them reset, and using them again gives
 * the same answers. */
static void statements_left_reset(void **state)
{
	struct kr_store *s = open_store();
	struct kr_audit_entry bad = { .who = "anna", .when = T0, .action = 'Z' };
	long long first = 0, count = 0, id = 0;
	char hex[65];
	(void)state;

	fill(s);
	all_reset(s);
	for (int round = 0; round < 2; round++) {
		/* stopped by the callback in the middle of the rows */
		id = 0;
		assert_int_equal(kr_audit_each(s, "PZ-1", stop_at_first, &id, NULL), KR_OK);
		assert_int_equal(id, 2);
		all_reset(s);
		id = 0;
		assert_int_equal(kr_audit_each(s, NULL, stop_at_first, &id, NULL), KR_OK);
		assert_int_equal(id, 1);
		all_reset(s);
		assert_int_equal(kr_audit_head(s, &count, hex, NULL), KR_OK);
		assert_int_equal(count, 10 + round);
		all_reset(s);
		assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
		all_reset(s);
		assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
		all_reset(s);
		assert_int_equal(log_one(s, 'R', "anna", "PZ-1", T0 + 900, "again"), 11 + round);
		all_reset(s);
	}
	/* inside the caller's transaction, rolled back: the savepoint */
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(log_one(s, 'U', "anna", "PZ-1", T0 + 999, "undone"), 13);
	assert_int_equal(kr_store_end(s, false, NULL), KR_OK);
	all_reset(s);
	checkpoint_possible();
	kr_store_close(s);

	/* verify stopping at an altered row in the middle of the walk */
	tamper("UPDATE audit SET who = 'someone-else' WHERE id = 4");
	s = open_store();
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_EINVAL);
	assert_int_equal(first, 4);
	all_reset(s);
	checkpoint_possible();
	kr_store_close(s);
}

static char *csv_of(const char *cell)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(kr_audit_csv_cell(f, cell), 0);
	fclose(f);
	return buf;
}

static void csv_cell_is(const char *cell, const char *expect)
{
	char *got = csv_of(cell);
	assert_string_equal(got, expect);
	free(got);
}

static void csv_escaping(void **state)
{
	(void)state;
	csv_cell_is("plain", "\"plain\"");
	csv_cell_is("", "\"\"");
	csv_cell_is(NULL, "\"\"");
	csv_cell_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_cell_is("a,b", "\"a,b\"");
	csv_cell_is("=1+1", "\"'=1+1\"");
	csv_cell_is("+31 6", "\"'+31 6\"");
	csv_cell_is("-2", "\"'-2\"");
	csv_cell_is("@SUM(A1)", "\"'@SUM(A1)\"");
	csv_cell_is("\tx", "\"'\tx\"");
	csv_cell_is("\rx", "\"'\rx\"");
	csv_cell_is("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
	csv_cell_is("a=b", "\"a=b\"");
	csv_cell_is("line\nbreak", "\"line\nbreak\"");
}

static void csv_export(void **state)
{
	struct kr_store *s = open_store();
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	(void)state;

	log_one(s, 'R', "anna", "PZ-1", T0, "=cmd|' /C calc'!A0");
	log_one(s, 'E', "-bert", "PZ-2", T0 + 1, "export \"json\"");
	log_one(s, 'F', "@evil", "PZ-1", T0 + 2, NULL);
	f = open_memstream(&buf, &len);
	assert_int_equal(kr_audit_export_csv(s, NULL, f, NULL), KR_OK);
	fclose(f);
	assert_string_equal(buf,
	    "\"id\",\"time\",\"who\",\"on_behalf\",\"action\",\"case\",\"address\",\"detail\","
	    "\"role\",\"event\",\"result\",\"object_type\",\"object\",\"access_point\"\r\n"
	    "\"1\",\"2026-09-21T14:13:20Z\",\"anna\",\"\",\"R\",\"PZ-1\",\"192.0.2.4\","
	    "\"'=cmd|' /C calc'!A0\",\"\",\"case.read\",\"ok\",\"case\",\"\",\"\"\r\n"
	    "\"2\",\"2026-09-21T14:13:21Z\",\"'-bert\",\"\",\"E\",\"PZ-2\",\"192.0.2.4\","
	    "\"export \"\"json\"\"\",\"\",\"case.export\",\"ok\",\"case\",\"\",\"\"\r\n"
	    "\"3\",\"2026-09-21T14:13:22Z\",\"'@evil\",\"\",\"F\",\"PZ-1\",\"192.0.2.4\",\"\","
	    "\"\",\"case.access\",\"refused\",\"case\",\"\",\"\"\r\n");
	free(buf);
	/* one case only */
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_int_equal(kr_audit_export_csv(s, "PZ-2", f, NULL), KR_OK);
	fclose(f);
	assert_non_null(strstr(buf, "\"2\","));
	assert_null(strstr(buf, "\"1\","));
	assert_null(strstr(buf, "\"3\","));
	free(buf);
	kr_store_close(s);
}

/* ---- NEN 7513 fields ------------------------------------------------------ */

static int first_row(const struct kr_audit_row *row, void *arg)
{
	struct kr_audit_row *rows = arg;
	rows[row->id - 1] = *row;
	return 0;
}

static void nen7513_fields(void **state)
{
	struct kr_store *s = open_store();
	struct kr_audit_row rows[4];
	struct kr_audit_entry full = {
		.who = "anna", .on_behalf = "ria", .when = T0, .action = KR_AUDIT_UPDATE,
		.address = "192.0.2.9", .detail = "role changed", .role = "admin",
		.event = "account.update", .result = KR_AUDIT_RESULT_OK,
		.object_type = KR_AUDIT_OBJECT_ACCOUNT, .object = "bert",
		.access_point = "PATCH /api/users/{name}"
	};
	struct kr_audit_entry bad = full;
	long long first = 0;
	(void)state;

	assert_int_equal(kr_audit_log(s, &full, NULL, NULL), KR_OK);
	/* defaults: a refusal is "refused", a ref makes a case, the event follows */
	log_one(s, KR_AUDIT_FAILED, "bert", "PZ-1", T0 + 1, "read refused");
	log_one(s, KR_AUDIT_AUTH, "bert", NULL, T0 + 2, "login");
	full.result = KR_AUDIT_RESULT_ERROR;
	full.event = NULL;
	assert_int_equal(kr_audit_log(s, &full, NULL, NULL), KR_OK);
	memset(rows, 0, sizeof rows);
	assert_int_equal(kr_audit_each(s, NULL, first_row, rows, NULL), KR_OK);
	assert_string_equal(rows[0].role, "admin");
	assert_string_equal(rows[0].event, "account.update");
	assert_int_equal(rows[0].result, KR_AUDIT_RESULT_OK);
	assert_int_equal(rows[0].object_type, KR_AUDIT_OBJECT_ACCOUNT);
	assert_string_equal(rows[0].object, "bert");
	assert_string_equal(rows[0].access_point, "PATCH /api/users/{name}");
	assert_string_equal(rows[0].address, "192.0.2.9");
	assert_int_equal(rows[1].result, KR_AUDIT_RESULT_REFUSED);
	assert_int_equal(rows[1].object_type, KR_AUDIT_OBJECT_CASE);
	assert_string_equal(rows[1].event, "case.access");
	assert_string_equal(rows[1].role, "");
	assert_int_equal(rows[2].result, KR_AUDIT_RESULT_OK);
	assert_int_equal(rows[2].object_type, KR_AUDIT_OBJECT_DEFAULT);   /* none: NULL */
	assert_string_equal(rows[2].event, "session.auth");
	assert_int_equal(rows[3].result, KR_AUDIT_RESULT_ERROR);
	assert_string_equal(rows[3].event, "account.update");
	assert_string_equal(kr_audit_result_name(KR_AUDIT_RESULT_REFUSED), "refused");
	assert_string_equal(kr_audit_object_name(KR_AUDIT_OBJECT_SHARE), "share");
	/* every new field is in the chain */
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	/* refused: unknown values, too long, control characters, a case without a ref */
	bad.result = (enum kr_audit_result)9;
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = full;
	bad.object_type = (enum kr_audit_object)42;
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = full;
	bad.role = "a-role-name-that-is-much-longer-than-32-bytes";
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = full;
	bad.access_point = "GET /x\r\nForged: line";
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	bad = full;
	bad.object_type = KR_AUDIT_OBJECT_CASE;
	bad.object = NULL;
	bad.ref = NULL;
	assert_int_equal(kr_audit_log(s, &bad, NULL, NULL), KR_EINVAL);
	kr_store_close(s);
	/* and a changed NEN field is found like any other change */
	tamper("UPDATE audit SET role = 'worker' WHERE id = 1");
	verify_finds(1, "altered");
	tamper("UPDATE audit SET result = 'ok' WHERE id = 2");
	verify_finds(1, "altered");
}

static void digests(void **state)
{
	char a[KR_AUDIT_DIGEST_LEN], b[KR_AUDIT_DIGEST_LEN];
	(void)state;
	kr_audit_digest("PZ-1", a);
	kr_audit_digest("PZ-1", b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 7 + 32);
	assert_true(strncmp(a, "sha256:", 7) == 0);
	/* the first 16 bytes of SHA-256("abc") */
	kr_audit_digest("abc", a);
	assert_string_equal(a, "sha256:ba7816bf8f01cfea414140de5dae2223");
	kr_audit_digest("<script>alert(1)</script>", b);
	assert_null(strchr(b, '<'));
}

/* ---- the key ---------------------------------------------------------------- */

static void key_file_made_once(void **state)
{
	struct kr_store *s = open_store();
	struct stat st;
	char *text, at[21];
	long long first = 0, rechained = -1;
	char path[128];
	(void)state;

	assert_int_equal(stat(keypath, &st), -1);   /* not made by opening */
	log_one(s, 'R', "anna", "PZ-1", T0, "read");
	assert_int_equal(kr_audit_key_path(s, path, sizeof path, NULL), KR_OK);
	assert_string_equal(path, keypath);
	assert_int_equal(stat(keypath, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	text = tu_read_file(keypath, NULL);
	assert_true(strncmp(text, "kring-audit-key-v1 ", 19) == 0);
	assert_int_equal(strlen(text), 19 + 64 + 1);
	assert_int_equal(kr_audit_keyed(s, at, &rechained, NULL), KR_OK);
	assert_int_equal(strlen(at), 20);
	assert_int_equal(rechained, 0);
	kr_store_close(s);
	/* another connection reads the same key */
	s = open_store();
	log_one(s, 'R', "anna", "PZ-1", T0 + 1, "read");
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	kr_store_close(s);
	{
		char *again = tu_read_file(keypath, NULL);
		assert_string_equal(text, again);
		free(again);
	}
	free(text);
}

static void expect_key_error(const char *word)
{
	struct kr_store *s = open_store();
	struct kr_audit_entry e = { .who = "anna", .when = T0, .action = 'R', .ref = "PZ-1" };
	struct kr_error err;
	long long first = 0;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_audit_log(s, &e, NULL, &err), KR_EPERM);
	if (!strstr(err.message, word))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, word);
	kr_error_cleanup(&err);
	kr_error_init_lang(&err, KR_LANG_NL);
	assert_int_equal(kr_audit_verify(s, &first, &err), KR_EPERM);
	assert_non_null(strstr(err.message, "sleutel"));
	kr_error_cleanup(&err);
	kr_store_close(s);
}

static void key_refused(void **state)
{
	struct kr_store *s = open_store();
	struct kr_config c;
	char other[96], *good;
	(void)state;

	fill(s);
	kr_store_close(s);
	good = tu_read_file(keypath, NULL);
	/* readable by others */
	assert_int_equal(chmod(keypath, 0644), 0);
	expect_key_error("chmod 600");
	assert_int_equal(chmod(keypath, 0600), 0);
	/* missing: never a new key over a keyed trail */
	assert_int_equal(rename(keypath, "/tmp/kring-test-audit-moved.key"), 0);
	expect_key_error("missing");
	assert_int_equal(access(keypath, F_OK), -1);
	assert_int_equal(rename("/tmp/kring-test-audit-moved.key", keypath), 0);
	/* not a key file */
	{
		FILE *f = fopen(keypath, "w");
		fputs("hello\n", f);
		fclose(f);
		expect_key_error("not an audit key file");
	}
	/* another key (well-formed) */
	{
		FILE *f = fopen(keypath, "w");
		fputs("kring-audit-key-v1 "
		      "0000000000000000000000000000000000000000000000000000000000000001\n", f);
		fclose(f);
		expect_key_error("not the key");
	}
	/* the right one again: all is well, the key is read anew */
	{
		FILE *f = fopen(keypath, "w");
		fputs(good, f);
		fclose(f);
		s = open_store();
		log_one(s, 'R', "anna", "PZ-1", T0 + 99, "again");
		kr_store_close(s);
	}
	/* kr_config.audit_key_file: elsewhere, used instead */
	snprintf(other, sizeof other, "%s.other-key", dbpath);
	assert_int_equal(rename(keypath, other), 0);
	c = *kr_config_get();
	c.audit_key_file = other;
	assert_int_equal(kr_init(&c, NULL), KR_OK);
	s = open_store();
	log_one(s, 'R', "anna", "PZ-1", T0 + 100, "with --audit-key");
	kr_store_close(s);
	c.audit_key_file = NULL;
	assert_int_equal(kr_init(&c, NULL), KR_OK);
	assert_int_equal(access(keypath, F_OK), -1);
	unlink(other);
	free(good);
}

/* A database of schema version 2: its tables, and rows chained without a
 * key as kring 0.4 wrote them. */
extern const char *const kri_migrations[];

static void make_v2(int rows, int break_at)
{
	sqlite3 *db = NULL;
	unsigned char prev[KRI_AUDIT_HASH_LEN], hash[KRI_AUDIT_HASH_LEN];
	char at[KR_DATE_STAMP_LEN];

	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, kri_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, kri_migrations[1], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 2", NULL, NULL, NULL), SQLITE_OK);
	memset(prev, 0, sizeof prev);
	for (int i = 1; i <= rows; i++) {
		struct kri_audit_row r = { 0 };
		sqlite3_stmt *st;
		kr_date_timestamp(T0 + i, at);
		r.id = i;
		r.at = at;
		r.who = i % 2 ? "anna" : "bert";
		r.action = "R";
		r.ref = "PZ-1";
		r.address = "192.0.2.1";
		r.detail = "case read";
		kri_audit_hash_v1(prev, &r, hash);
		memcpy(prev, hash, sizeof prev);
		assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO audit(id, at, who, action, "
		                 "case_ref, address, detail, hash) VALUES (?1, ?2, ?3, 'R', 'PZ-1', "
		                 "'192.0.2.1', ?4, ?5)", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r.who, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, i == break_at ? "changed after the fact" : "case read", -1,
		                  SQLITE_STATIC);
		sqlite3_bind_blob(st, 5, hash, sizeof hash, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

static int detail_of_last(const struct kr_audit_row *row, void *arg)
{
	snprintf(arg, KR_AUDIT_DETAIL_MAX + 1, "%s|%s|%s", row->event,
	         kr_audit_object_name(row->object_type), row->detail);
	return 0;
}

static void migrated_trail_rechained(void **state)
{
	struct kr_store *s;
	long long first = 0, rechained = 0, count = 0;
	char at[21], hex[65], last[KR_AUDIT_DETAIL_MAX + 1];
	(void)state;

	make_v2(5, 0);
	s = open_store();
	assert_true(kr_store_schema_version() >= 3);   /* migrated past 3 */
	/* before the key: checked by the old chain, and checking writes nothing */
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	assert_int_equal(access(keypath, F_OK), -1);
	assert_int_equal(kr_audit_keyed(s, at, &rechained, NULL), KR_OK);
	assert_string_equal(at, "");
	/* the first new row makes the key and re-chains the five */
	log_one(s, 'R', "anna", "PZ-1", T0 + 100, "read");
	assert_int_equal(kr_audit_keyed(s, at, &rechained, NULL), KR_OK);
	assert_int_equal(rechained, 5);
	assert_int_equal(kr_audit_head(s, &count, hex, NULL), KR_OK);
	assert_int_equal(count, 7);   /* 5 old, the re-chain row, the new one */
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_OK);
	assert_int_equal(kr_audit_each(s, NULL, stop_at_first, &first, NULL), KR_OK);
	{
		long long n6 = 0;
		struct kr_audit_row rows[7];
		memset(rows, 0, sizeof rows);
		assert_int_equal(kr_audit_each(s, NULL, first_row, rows, NULL), KR_OK);
		n6 = rows[5].id;
		assert_int_equal(n6, 6);
		snprintf(last, sizeof last, "%s", rows[5].detail);
		assert_string_equal(rows[5].event, "audit.rechain");
		assert_int_equal(rows[5].object_type, KR_AUDIT_OBJECT_AUDIT);
		assert_non_null(strstr(last, "5 rows"));
		assert_non_null(strstr(last, "intact"));
		/* the old rows are as they were */
		assert_string_equal(rows[0].who, "anna");
		assert_string_equal(rows[0].detail, "case read");
	}
	kr_store_close(s);
	/* an old row altered now is found by the keyed chain */
	tamper("UPDATE audit SET detail = 'x' WHERE id = 3");
	verify_finds(3, "altered");
}

static void migrated_broken_trail_says_so(void **state)
{
	struct kr_store *s;
	char last[KR_AUDIT_DETAIL_MAX + 1] = "";
	long long first = 0;
	(void)state;

	make_v2(4, 2);   /* row 2 was changed without its hash */
	s = open_store();
	assert_int_equal(kr_audit_verify(s, &first, NULL), KR_EINVAL);
	assert_int_equal(first, 2);
	log_one(s, 'R', "anna", "PZ-1", T0 + 100, "read");
	assert_int_equal(kr_audit_each(s, NULL, detail_of_last, last, NULL), KR_OK);
	/* the last call left the last row; the re-chain row is the one before */
	kr_store_close(s);
	{
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT detail FROM audit WHERE event = "
		                 "'audit.rechain'", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_non_null(strstr((const char *)sqlite3_column_text(st, 0),
		                       "BROKEN at row 2"));
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
}

/* The laundering attack: someone who may write the database but has no key
 * removes the key id, changes a row and rebuilds the old unkeyed chain, so
 * that kring would re-chain the change with the key as if it were old.
 * The key file exists, so kring refuses. */
static void no_rechain_by_existing_key(void **state)
{
	struct kr_store *s = open_store();
	unsigned char prev[KRI_AUDIT_HASH_LEN], hash[KRI_AUDIT_HASH_LEN];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL, *up = NULL;
	struct kr_audit_entry e = { .who = "anna", .when = T0, .action = 'R', .ref = "PZ-1" };
	struct kr_error err;
	long long first = 0;
	(void)state;

	fill(s);
	kr_store_close(s);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER "
	                 "audit_key_once; UPDATE audit_key SET key_id = NULL; "
	                 "UPDATE audit SET who = 'nobody' WHERE id = 4", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT " KRI_AUDIT_COLUMNS " FROM audit ORDER BY "
	                 "id", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit SET hash = ?2 WHERE id = ?1", -1,
	                 &up, NULL), SQLITE_OK);
	memset(prev, 0, sizeof prev);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct kri_audit_row r;
		kri_audit_row_read(st, &r);
		kri_audit_hash_v1(prev, &r, hash);
		memcpy(prev, hash, sizeof prev);
		sqlite3_bind_int64(up, 1, r.id);
		sqlite3_bind_blob(up, 2, hash, sizeof hash, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(up), SQLITE_DONE);
		sqlite3_reset(up);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	sqlite3_close(db);
	/* the old chain passes (that is the attack), but a trail that names no
	 * key next to an existing key file does not pass for intact ... */
	s = open_store();
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_audit_verify(s, &first, &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "names no key"));
	kr_error_cleanup(&err);
	/* ... and nothing re-chains it */
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_audit_log(s, &e, NULL, &err), KR_EPERM);
	assert_non_null(strstr(err.message, "exists already"));
	kr_error_cleanup(&err);
	kr_store_close(s);
	/* nor when the key file is gone too (rows written with a key show it) */
	unlink(keypath);
	s = open_store();
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_audit_verify(s, &first, &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "names no key"));
	kr_error_cleanup(&err);
	kr_store_close(s);
}

/* ---- checkpoints --------------------------------------------------------- */

static enum kr_status expect_text(struct kr_store *s, const char *text, long long *bad,
                                  int *checked, struct kr_error *err)
{
	return kr_audit_verify_expect(s, text, strlen(text), bad, checked, err);
}

static void checkpoints(void **state)
{
	struct kr_store *s = open_store();
	char cp1[KR_AUDIT_CHECKPOINT_MAX], cp2[KR_AUDIT_CHECKPOINT_MAX], text[2048];
	long long bad = 0;
	int checked = 0;
	struct kr_error err;
	(void)state;

	/* the empty trail has one too */
	assert_int_equal(kr_audit_checkpoint(s, T0, cp1, NULL), KR_OK);
	assert_non_null(strstr(cp1, " seq=0 hash=0000000000"));
	assert_int_equal(expect_text(s, cp1, &bad, &checked, NULL), KR_OK);
	fill(s);
	assert_int_equal(kr_audit_checkpoint(s, T0 + 3600, cp1, NULL), KR_OK);
	assert_true(strncmp(cp1, "kring-audit-checkpoint v2 seq=10 hash=", 38) == 0);
	assert_non_null(strstr(cp1, " time=2026-09-21T15:13:20Z pub="));
	assert_int_equal(strlen(cp1), strlen("kring-audit-checkpoint v2 seq=10 hash= time="
	                 "2026-09-21T15:13:20Z pub= sig=") + 64 + 64 + 128);
	log_one(s, 'R', "anna", "PZ-1", T0 + 4000, "later");
	assert_int_equal(kr_audit_checkpoint(s, T0 + 7200, cp2, NULL), KR_OK);
	log_one(s, 'R', "anna", "PZ-1", T0 + 8000, "later still");
	/* both hold, also as syslog lines among others */
	snprintf(text, sizeof text, "Dec  4 10:00:01 host kring-audit: %s\nDec  4 10:00:02 host "
	         "cron[1]: other\r\n%s\r\n", cp1, cp2);
	assert_int_equal(expect_text(s, text, &bad, &checked, NULL), KR_OK);
	assert_int_equal(checked, 2);
	/* malformed, or none at all: a usage error naming the line */
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(expect_text(s, "nothing here\n", &bad, &checked, &err), KR_EUSAGE);
	snprintf(text, sizeof text, "x\n%.*s\n", (int)strlen(cp1) - 3, cp1);
	assert_int_equal(expect_text(s, text, &bad, &checked, &err), KR_EUSAGE);
	assert_non_null(strstr(err.message, "Line 2"));
	/* a checkpoint changed by hand: its MAC no longer matches */
	snprintf(text, sizeof text, "%s", cp1);
	text[strlen("kring-audit-checkpoint v2 seq=")] = '9';   /* seq=90 */
	assert_int_equal(expect_text(s, text, &bad, &checked, &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "not made with this key"));
	kr_error_cleanup(&err);
	kr_store_close(s);
}

/* ---- the client's own log -------------------------------------------------- */

static void log_as(struct kr_store *s, const struct kr_audit_entry *e)
{
	struct kr_error err;
	kr_error_init(&err);
	if (kr_audit_log(s, e, NULL, &err))
		fail_msg("audit: %s", err.message);
	kr_error_cleanup(&err);
}

static void client_log(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *c = tu_case_from_text(
	        "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-9\",\"child\":\"p1\"},"
	        "\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"},{\"id\":\"p2\",\"name\":\"Oma Jansen\"}]}");
	/* 2026-03-29 is the last Sunday of March: CEST from 01:00 UTC */
	time_t winter = 1774695600;   /* 2026-03-28T11:00:00Z = 12:00 CET */
	time_t summer = 1774782000;   /* 2026-03-29T11:00:00Z = 13:00 CEST */
	struct kr_audit_entry e = { .who = "anna", .when = winter, .action = 'R', .ref = "PZ-9",
	                            .role = "worker", .address = "192.0.2.7",
	                            .detail = "secret detail" };
	struct kr_audit_visit *v = NULL;
	struct kr_buf b;
	size_t n = 0;
	(void)state;

	assert_int_equal(kr_store_put(s, c, "anna", 0, NULL, NULL), KR_OK);
	log_as(s, &e);
	e.when += 600;
	log_as(s, &e);
	e.action = 'U';
	e.when += 60;
	log_as(s, &e);
	e.action = 'P';
	log_as(s, &e);
	/* left out: refused, an error, another object, another case */
	e.action = 'F';
	log_as(s, &e);
	e.action = 'R';
	e.result = KR_AUDIT_RESULT_ERROR;
	log_as(s, &e);
	e.result = KR_AUDIT_RESULT_DEFAULT;
	e.object_type = KR_AUDIT_OBJECT_AUDIT;
	log_as(s, &e);
	e.object_type = KR_AUDIT_OBJECT_DEFAULT;
	e.ref = "PZ-10";
	log_as(s, &e);
	e.ref = "PZ-9";
	/* a lead without a recorded role: the account's role is not known here */
	e.who = "lena";
	e.role = NULL;
	e.event = "case.list";
	log_as(s, &e);
	e.event = NULL;
	/* the next day, in summer time, the grandmother by her share link */
	e.who = "share:p2";
	e.on_behalf = "anna";
	e.when = summer;
	e.action = 'R';
	log_as(s, &e);
	e.who = "share:p9";   /* a person no longer in the case */
	log_as(s, &e);

	assert_int_equal(kr_audit_client_visits(s, "PZ-9", &v, &n, NULL), KR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].day, "2026-03-28");
	assert_string_equal(v[0].who, "anna");
	assert_string_equal(v[0].role, "worker");
	assert_string_equal(v[0].from, "12:00");
	assert_string_equal(v[0].to, "12:11");
	assert_int_equal(v[0].count[KR_AUDIT_HOW_READ], 2);
	assert_int_equal(v[0].count[KR_AUDIT_HOW_CHANGE], 1);
	assert_int_equal(v[0].count[KR_AUDIT_HOW_PRINT], 1);
	assert_int_equal(v[0].count[KR_AUDIT_HOW_EXPORT], 0);
	assert_string_equal(v[1].who, "lena");
	assert_int_equal(v[1].count[KR_AUDIT_HOW_LIST], 1);
	assert_string_equal(v[2].day, "2026-03-29");
	assert_string_equal(v[2].from, "13:00");
	assert_string_equal(v[2].who, "Oma Jansen");
	assert_string_equal(v[2].role, "share");
	assert_string_equal(v[3].who, "");
	free(v);

	kr_buf_init(&b, 1 << 20);
	assert_int_equal(kr_audit_client_text(s, "PZ-9", KR_LANG_NL, &b, NULL), KR_OK);
	assert_non_null(strstr(b.data, "Wie heeft dossier PZ-9 bekeken of veranderd?"));
	assert_non_null(strstr(b.data, "zaterdag 28 maart 2026"));
	assert_non_null(strstr(b.data, "zondag 29 maart 2026"));
	assert_non_null(strstr(b.data, "12:00 - 12:11  anna (begeleider): bekeken (2 keer), "
	                               "veranderd (1 keer), geprint (1 keer)"));
	assert_non_null(strstr(b.data, "Oma Jansen (familie of netwerk, via een deellink): "
	                               "bekeken (1 keer)"));
	assert_non_null(strstr(b.data, "iemand via een deellink"));
	assert_non_null(strstr(b.data, "gezien in een lijst van dossiers"));
	/* nothing internal */
	assert_null(strstr(b.data, "192.0.2.7"));
	assert_null(strstr(b.data, "secret detail"));
	assert_null(strstr(b.data, "share:"));
	assert_null(strstr(b.data, "PZ-10"));
	kr_buf_cleanup(&b);
	kr_buf_init(&b, 1 << 20);
	assert_int_equal(kr_audit_client_text(s, "PZ-9", KR_LANG_EN, &b, NULL), KR_OK);
	assert_non_null(strstr(b.data, "Who looked at or changed file PZ-9?"));
	assert_non_null(strstr(b.data, "Saturday 28 March 2026"));
	assert_non_null(strstr(b.data, "anna (worker): looked at (2 times), changed (once), "
	                               "printed (once)"));
	kr_buf_cleanup(&b);
	/* a file nobody touched */
	kr_buf_init(&b, 1 << 20);
	assert_int_equal(kr_audit_client_text(s, "PZ-404", KR_LANG_NL, &b, NULL), KR_OK);
	assert_non_null(strstr(b.data, "Niemand heeft dit dossier bekeken of veranderd."));
	kr_buf_cleanup(&b);
	kr_case_free(c);
	kr_store_close(s);
}

/* The client's log names an account's role in the words of the one table
 * (kr_enum_label), in both languages; a share-link holder has its own. */
static void client_log_role_words(void **state)
{
	(void)state;
	for (int r = 0; r < KR_ACCOUNT_ROLES; r++)
		for (int l = 0; l < 2; l++)
			assert_string_equal(kr_audit_role_word(kr_account_role_name(r), l),
			                    kr_enum_label(KR_ENUM_ACCOUNT_ROLE, r + 1, l));
	assert_string_equal(kr_audit_role_word("lead", KR_LANG_EN), "team lead");
	assert_string_equal(kr_audit_role_word("share", KR_LANG_NL),
	                    "familie of netwerk, via een deellink");
	assert_string_equal(kr_audit_role_word("robot", KR_LANG_NL), "robot");
	assert_string_equal(kr_audit_role_word(NULL, KR_LANG_NL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(write_and_read, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_bad_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(same_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(detects_altered_row, setup, teardown),
		cmocka_unit_test_setup_teardown(detects_altered_time, setup, teardown),
		cmocka_unit_test_setup_teardown(detects_null_swap, setup, teardown),
		cmocka_unit_test_setup_teardown(detects_removed_row, setup, teardown),
		cmocka_unit_test_setup_teardown(detects_removed_first_row, setup, teardown),
		cmocka_unit_test_setup_teardown(detects_cut_off_end, setup, teardown),
		cmocka_unit_test_setup_teardown(csv_escaping, setup, teardown),
		cmocka_unit_test_setup_teardown(csv_export, setup, teardown),
		cmocka_unit_test_setup_teardown(statements_left_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(nen7513_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(digests, setup, teardown),
		cmocka_unit_test_setup_teardown(key_file_made_once, setup, teardown),
		cmocka_unit_test_setup_teardown(key_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(migrated_trail_rechained, setup, teardown),
		cmocka_unit_test_setup_teardown(migrated_broken_trail_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(no_rechain_by_existing_key, setup, teardown),
		cmocka_unit_test_setup_teardown(checkpoints, setup, teardown),
		cmocka_unit_test_setup_teardown(client_log, setup, teardown),
		cmocka_unit_test(client_log_role_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
