/*
 * test_tx.c - the store's transaction helper and statement cache
 * (lib/store_int.h) that every module of libkring uses, and the injected
 * clock (kr_config.clock) for the times the library writes.
 *
 * The helper: a unit of work opens its own transaction, or a savepoint
 * inside an open one; kri_tx_end commits on KR_OK and rolls back only its
 * own work otherwise; ending a unit that never began does nothing; the
 * public group (kr_store_begin/kr_store_end) is the same helper, and a
 * store closed with a group open rolls it back.
 */
#include "testutil.h"
#include "tu_db.h"
#include "kring/init.h"
#include "kring/store.h"
#include "store_int.h"

static int setup(void **state)
{
	(void)state;
	tu_db_fresh("tx");
	return 0;
}

static int teardown(void **state)
{
	struct kr_config c;
	(void)state;
	kr_config_defaults(&c);
	assert_int_equal(kr_init(&c, NULL), KR_OK);
	tu_db_remove();
	return 0;
}

static struct kr_store *open_store(void)
{
	struct kr_store *s = NULL;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	assert_int_equal(sqlite3_exec(kri_store_db(s), "CREATE TABLE IF NOT EXISTS t(x INTEGER)",
	                              NULL, NULL, NULL), SQLITE_OK);
	return s;
}

static void insert(struct kr_store *s, int x)
{
	sqlite3_stmt *st = kri_store_stmt(s, "INSERT INTO t(x) VALUES (?1)");
	assert_non_null(st);
	sqlite3_bind_int(st, 1, x);
	assert_int_equal(kri_stmt_run(s, st, NULL), KR_OK);
}

static int count(struct kr_store *s)
{
	sqlite3_stmt *st = kri_store_stmt(s, "SELECT count(*) FROM t");
	int n;
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static void own_transaction(void **state)
{
	struct kr_store *s = open_store();
	struct kri_tx tx = KRI_TX_NONE;
	(void)state;

	/* ending a unit that never began returns what it is given */
	assert_int_equal(kri_tx_end(&tx, KR_OK, NULL), KR_OK);
	assert_int_equal(kri_tx_end(&tx, KR_EINVAL, NULL), KR_EINVAL);
	/* commit */
	assert_int_equal(kri_tx_begin(s, &tx, NULL), KR_OK);
	assert_true(tx.own);
	assert_false(sqlite3_get_autocommit(kri_store_db(s)));
	insert(s, 1);
	assert_int_equal(kri_tx_end(&tx, KR_OK, NULL), KR_OK);
	assert_true(sqlite3_get_autocommit(kri_store_db(s)));
	assert_int_equal(count(s), 1);
	/* a failure rolls back and is returned with its own message */
	assert_int_equal(kri_tx_begin(s, &tx, NULL), KR_OK);
	insert(s, 2);
	assert_int_equal(kri_tx_end(&tx, KR_ECONFLICT, NULL), KR_ECONFLICT);
	assert_true(sqlite3_get_autocommit(kri_store_db(s)));
	assert_int_equal(count(s), 1);
	assert_false(tx.open);
	kr_store_close(s);
}

static void savepoints(void **state)
{
	struct kr_store *s = open_store();
	struct kri_tx a = KRI_TX_NONE, b = KRI_TX_NONE, c = KRI_TX_NONE;
	struct kr_error err;
	(void)state;

	kr_error_init(&err);
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(kr_store_begin(s, &err), KR_EUSAGE);   /* one group at a time */
	insert(s, 1);
	/* a unit inside the group is a savepoint; a failing one undoes only
	 * its own work, also when it holds a nested unit that succeeded */
	assert_int_equal(kri_tx_begin(s, &a, NULL), KR_OK);
	assert_false(a.own);
	insert(s, 2);
	assert_int_equal(kri_tx_begin(s, &b, NULL), KR_OK);
	insert(s, 3);
	assert_int_equal(kri_tx_end(&b, KR_OK, NULL), KR_OK);
	assert_int_equal(count(s), 3);
	assert_int_equal(kri_tx_end(&a, KR_EDB, NULL), KR_EDB);
	assert_int_equal(count(s), 1);
	assert_false(sqlite3_get_autocommit(kri_store_db(s)));   /* the group goes on */
	assert_int_equal(kri_tx_begin(s, &c, NULL), KR_OK);
	insert(s, 4);
	assert_int_equal(kri_tx_end(&c, KR_OK, NULL), KR_OK);
	assert_int_equal(kr_store_end(s, true, NULL), KR_OK);
	assert_int_equal(count(s), 2);
	assert_int_equal(kr_store_end(s, true, &err), KR_EUSAGE);   /* nothing open */
	/* a group rolled back takes its committed units with it */
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(kri_tx_begin(s, &a, NULL), KR_OK);
	insert(s, 5);
	assert_int_equal(kri_tx_end(&a, KR_OK, NULL), KR_OK);
	assert_int_equal(kr_store_end(s, false, NULL), KR_OK);
	assert_int_equal(count(s), 2);
	/* closing with a group open rolls it back */
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	insert(s, 6);
	kr_store_close(s);
	s = open_store();
	assert_int_equal(count(s), 2);
	kr_error_cleanup(&err);
	kr_store_close(s);
}

static void busy_database(void **state)
{
	struct kr_store *s = open_store(), *other = NULL;
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_error err;
	(void)state;

	/* another connection holds the write lock: begin fails with KR_EDB
	 * (after the busy timeout, shortened here) and leaves nothing open */
	assert_int_equal(kr_store_open(dbpath, &other, NULL), KR_OK);
	sqlite3_busy_timeout(kri_store_db(s), 50);
	assert_int_equal(kr_store_begin(other, NULL), KR_OK);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kri_tx_begin(s, &tx, &err), KR_EDB);
	assert_false(tx.open);
	assert_non_null(strstr(err.message, "database"));
	assert_int_equal(kri_tx_end(&tx, KR_EDB, NULL), KR_EDB);
	assert_true(sqlite3_get_autocommit(kri_store_db(s)));
	assert_int_equal(kr_store_end(other, false, NULL), KR_OK);
	assert_int_equal(kri_tx_begin(s, &tx, NULL), KR_OK);
	assert_int_equal(kri_tx_end(&tx, KR_OK, NULL), KR_OK);
	kr_error_cleanup(&err);
	kr_store_close(other);
	kr_store_close(s);
}

static int fill_int(sqlite3_stmt *st, void *element)
{
	*(int *)element = sqlite3_column_int(st, 0);
	return 0;
}

static void statement_cache(void **state)
{
	static const char sql[] = "SELECT x FROM t ORDER BY x";
	struct kr_store *s = open_store();
	sqlite3_stmt *a, *b;
	void *v = NULL;
	size_t n = 9;
	(void)state;

	a = kri_store_stmt(s, sql);
	assert_non_null(a);
	assert_int_equal(sqlite3_step(a), SQLITE_DONE);
	b = kri_store_stmt(s, sql);              /* the same statement, reset */
	assert_ptr_equal(a, b);
	assert_false(sqlite3_stmt_busy(b));
	assert_null(kri_store_stmt(s, "SELECT nonsense FROM nowhere"));
	/* rows into an array */
	assert_int_equal(kri_stmt_rows(s, a, sizeof(int), fill_int, NULL, &v, &n, NULL), KR_OK);
	assert_null(v);
	assert_int_equal(n, 0);
	for (int i = 0; i < 40; i++)
		insert(s, 40 - i);
	assert_int_equal(kri_stmt_rows(s, kri_store_stmt(s, sql), sizeof(int), fill_int, NULL, &v,
	                               &n, NULL), KR_OK);
	assert_int_equal(n, 40);
	assert_int_equal(((int *)v)[0], 1);
	assert_int_equal(((int *)v)[39], 40);
	free(v);
	assert_false(sqlite3_stmt_busy(a));
	kr_store_close(s);
}

static time_t test_clock(void *arg)
{
	return *(const time_t *)arg;
}

/* Revision and settings times come from the configured clock. */
static void injected_clock(void **state)
{
	static time_t now = 1767225600;   /* 2026-01-01T00:00:00Z */
	struct kr_config c;
	struct kr_store *s;
	struct kr_revision_info *h = NULL;
	struct kr_case *k;
	size_t n = 0;
	(void)state;

	kr_config_defaults(&c);
	c.clock = test_clock;
	c.clock_arg = &now;
	assert_int_equal(kr_init(&c, NULL), KR_OK);
	assert_int_equal(kr_now(), now);
	assert_int_equal(kr_today(), now / 86400);
	s = open_store();
	k = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"K-1\","
	                      "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"}]}");
	assert_int_equal(kr_store_put(s, k, "test", 0, NULL, NULL), KR_OK);
	now += 86400 + 61;
	assert_int_equal(kr_store_put(s, k, "test", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_store_history(s, "K-1", &h, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].created, "2026-01-01T00:00:00Z");
	assert_string_equal(h[1].created, "2026-01-02T00:01:01Z");
	free(h);
	kr_case_free(k);
	kr_store_close(s);
}

static void timestamps(void **state)
{
	char buf[KR_DATE_STAMP_LEN];
	(void)state;
	kr_date_timestamp(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	kr_date_timestamp(1790000000, buf);
	assert_string_equal(buf, "2026-09-21T14:13:20Z");
	kr_date_timestamp((time_t)1 << 60, buf);   /* beyond year 9999: the fallback */
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
}

/* ---- kri_store_register_put on a register of its own ---- */

struct rec { const char *id, *name; bool fail_after; };

static char *rec_dump(const void *rec)
{
	const struct rec *r = rec;
	char *d = malloc(64);
	if (d)
		snprintf(d, 64, "{\"name\":\"%s\"}", r->name);
	return d;
}

static enum kr_status rec_missing(const char *id, struct kr_error *err)
{
	return kr_error_say(err, KR_ENOTFOUND, "%s ontbreekt", "%s is missing", id);
}

static void rec_bind(sqlite3_stmt *st, const void *rec)
{
	sqlite3_bind_text(st, 5, ((const struct rec *)rec)->name, -1, SQLITE_STATIC);
}

static enum kr_status rec_after(struct kr_store *s, const void *rec, struct kr_error *err)
{
	(void)s;
	return ((const struct rec *)rec)->fail_after
	       ? kr_error_say(err, KR_EINVAL, "na mislukt", "after failed") : KR_OK;
}

static const struct kri_register recs = {
	.head_sql = "SELECT head FROM r WHERE id = ?1",
	.update_sql = "UPDATE r SET head = ?2, updated = ?3, doc = ?4, name = ?5 WHERE id = ?1",
	.insert_sql = "INSERT INTO r(id, head, created, updated, doc, name) "
	              "VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
	.revision_sql = "INSERT INTO r_revisions(r_id, rev, author, created, doc) "
	                "VALUES (?1, ?2, ?3, ?4, ?5)",
	.read_fail_nl = "lezen mislukt", .read_fail_en = "reading failed",
	.noun_nl = "record", .noun_en = "record",
	.dump = rec_dump, .missing = rec_missing, .bind = rec_bind, .after = rec_after,
};

static int revisions(struct kr_store *s)
{
	sqlite3_stmt *st = kri_store_stmt(s, "SELECT count(*) FROM r_revisions");
	int n;
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

/* The one write sequence of the registers (foster families, family plans):
 * author, head checked against the expected revision, head row and
 * revision in one transaction, the record's own tables after. */
static void register_put(void **state)
{
	struct kr_store *s = open_store();
	struct rec a = { "r1", "eerste", false };
	struct kr_error err;
	long rev = -7;

	(void)state;
	assert_int_equal(sqlite3_exec(kri_store_db(s), "CREATE TABLE r(id TEXT PRIMARY KEY, head "
	                              "INTEGER, created TEXT, updated TEXT, doc TEXT, name TEXT);"
	                              "CREATE TABLE r_revisions(r_id TEXT, rev INTEGER, author "
	                              "TEXT, created TEXT, doc TEXT)", NULL, NULL, NULL), SQLITE_OK);
	kr_error_init(&err);
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "", -1, 1000, &rev, &err),
	                 KR_EUSAGE);
	assert_int_equal(rev, 0);
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "anna", 3, 1000, &rev, &err),
	                 KR_ENOTFOUND);
	assert_non_null(strstr(err.message, "r1 ontbreekt"));
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "anna", -1, 1000, &rev, NULL),
	                 KR_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "anna", -1, 1000, &rev, NULL),
	                 KR_ECONFLICT);
	a.name = "tweede";
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "anna", 1, 1000, &rev, NULL),
	                 KR_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "anna", 1, 1000, &rev, NULL),
	                 KR_ECONFLICT);
	/* the record's own part fails: nothing of the revision is kept */
	a.fail_after = true;
	assert_int_equal(kri_store_register_put(s, &recs, a.id, &a, "anna", 2, 1000, &rev, NULL),
	                 KR_EINVAL);
	assert_int_equal(rev, 0);
	assert_int_equal(revisions(s), 2);
	kr_error_cleanup(&err);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(own_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(savepoints, setup, teardown),
		cmocka_unit_test_setup_teardown(busy_database, setup, teardown),
		cmocka_unit_test_setup_teardown(statement_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(injected_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(timestamps, setup, teardown),
		cmocka_unit_test_setup_teardown(register_put, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
