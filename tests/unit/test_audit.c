/*
 * test_audit.c - the audit trail (lib/audit.c): rows are written with UTC
 * times, refused when malformed, take part in the caller's transaction,
 * cannot be changed through the schema, and a row altered or removed by
 * someone with access to the file (who drops the triggers first) is found
 * by the chain check.  Also the CSV export and its formula escaping, and
 * that no cached statement is left running on any path.
 */
#include <sqlite3.h>
#include <unistd.h>

#include "testutil.h"
#include "kring/audit.h"
#include "kring/store.h"
#include "store_int.h"

#define T0 ((time_t)1790000000)   /* 2026-09-21T14:13:20Z */

static char dbpath[64];

static int setup(void **state)
{
	char p[80];
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-test-audit-%d.db", (int)getpid());
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
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
	struct kr_audit_entry e = { who, NULL, when, action, ref, "192.0.2.4", detail };
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
	struct kr_audit_entry e = { "piet", "ria", T0, KR_AUDIT_READ, "PZ-1", NULL, NULL };
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
	struct kr_audit_entry e = { "anna", NULL, T0, KR_AUDIT_READ, "PZ-1", NULL, "ok" };
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
	struct kr_audit_entry bad = { "anna", NULL, T0, 'Z', NULL, NULL, NULL };
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
	    "\"id\",\"time\",\"who\",\"on_behalf\",\"action\",\"case\",\"address\",\"detail\"\r\n"
	    "\"1\",\"2026-09-21T14:13:20Z\",\"anna\",\"\",\"R\",\"PZ-1\",\"192.0.2.4\","
	    "\"'=cmd|' /C calc'!A0\"\r\n"
	    "\"2\",\"2026-09-21T14:13:21Z\",\"'-bert\",\"\",\"E\",\"PZ-2\",\"192.0.2.4\","
	    "\"export \"\"json\"\"\"\r\n"
	    "\"3\",\"2026-09-21T14:13:22Z\",\"'@evil\",\"\",\"F\",\"PZ-1\",\"192.0.2.4\",\"\"\r\n");
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
