/*
 * test_store.c - the revision store: every put is a new revision with its
 * author and time, nothing is ever updated or deleted, optimistic
 * concurrency, reading any revision back, settings, and refusing databases
 * that are not ours.  Recorded times (kring import --recorded-at): never in
 * the future nor before the case's latest revision, the revision current at
 * a time, and the text forms of a time.
 */
#include <sqlite3.h>
#include <unistd.h>

#include "testutil.h"
#include "kring/settings.h"
#include "kring/init.h"
#include "kring/store.h"
#include "store_int.h"

static char dbpath[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-test-store-%d.db", (int)getpid());
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	char p[80];
	(void)state;
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static struct kr_case *mini(const char *ref, const char *name)
{
	char text[512];
	snprintf(text, sizeof text,
	         "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\",\"child\":\"p1\"},"
	         "\"persons\":[{\"id\":\"p1\",\"name\":\"%s\",\"x_extra\":{\"k\":[1,2]}}]}",
	         ref, name);
	return tu_case_from_text(text);
}

static struct kr_store *open_store(void)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	kr_error_init(&err);
	assert_int_equal(kr_store_open(dbpath, &s, &err), KR_OK);
	kr_error_cleanup(&err);
	return s;
}

static void revisions(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-1", "Sam"), *b = mini("PZ-1", "Samuel"), *got = NULL;
	struct kr_revision_info *h = NULL;
	size_t n = 0;
	long rev = 0;
	(void)state;

	kr_store_set_now(s, 1767225600);   /* 2026-01-01T00:00:00Z */
	assert_int_equal(kr_store_put(s, a, "anouk", 0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 1);
	kr_store_set_now(s, 1767225600 + 86400 * 31);   /* 2026-02-01 */
	assert_int_equal(kr_store_put(s, b, "bram", 0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);

	assert_int_equal(kr_store_get(s, "PZ-1", 1, &got, NULL), KR_OK);
	assert_string_equal(kr_case_person_name(got, 0), "Sam");
	kr_case_free(got);
	assert_int_equal(kr_store_get(s, "PZ-1", 0, &got, NULL), KR_OK);
	assert_string_equal(kr_case_person_name(got, 0), "Samuel");
	kr_case_free(got);
	assert_int_equal(kr_store_get(s, "PZ-1", 3, &got, NULL), KR_ENOTFOUND);
	assert_null(got);
	assert_int_equal(kr_store_get(s, "PZ-404", 0, &got, NULL), KR_ENOTFOUND);

	assert_int_equal(kr_store_history(s, "PZ-1", &h, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].author, "anouk");
	assert_string_equal(h[0].created, "2026-01-01T00:00:00Z");
	assert_string_equal(h[1].author, "bram");
	assert_string_equal(h[1].created, "2026-02-01T00:00:00Z");
	free(h);

	assert_int_equal(kr_store_revision_at(s, "PZ-1", tu_day("2026-01-15"), &rev, NULL), KR_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(kr_store_revision_at(s, "PZ-1", tu_day("2026-02-01"), &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(kr_store_revision_at(s, "PZ-1", tu_day("2025-12-31"), &rev, NULL),
	                 KR_ENOTFOUND);
	kr_case_free(a);
	kr_case_free(b);
	kr_store_close(s);
}

static void unknown_keys_survive(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-2", "Noor"), *got = NULL;
	long rev;
	char *x, *y;
	(void)state;
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, NULL), KR_OK);
	assert_int_equal(kr_store_get(s, "PZ-2", 0, &got, NULL), KR_OK);
	x = kr_case_dump(a, true);
	y = kr_case_dump(got, true);
	assert_string_equal(x, y);
	assert_non_null(strstr(y, "x_extra"));
	free(x);
	free(y);
	kr_case_free(a);
	kr_case_free(got);
	kr_store_close(s);
}

static void optimistic_concurrency(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-3", "Lotte");
	struct kr_error err;
	long rev;
	(void)state;
	kr_error_init(&err);
	assert_int_equal(kr_store_put(s, a, "t", -1, &rev, NULL), KR_OK);      /* create */
	assert_int_equal(kr_store_put(s, a, "t", -1, &rev, NULL), KR_ECONFLICT); /* exists */
	assert_int_equal(kr_store_put(s, a, "t", 1, &rev, NULL), KR_OK);       /* based on 1 */
	assert_int_equal(rev, 2);
	assert_int_equal(kr_store_put(s, a, "t", 1, &rev, &err), KR_ECONFLICT); /* stale */
	assert_int_equal(rev, 2);
	assert_non_null(strstr(err.message, "de nieuwste is 2"));
	assert_int_equal(kr_store_put(s, a, "", 0, &rev, NULL), KR_EUSAGE);    /* no author */
	kr_error_cleanup(&err);
	kr_case_free(a);
	kr_store_close(s);
}

static void append_only(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-4", "Mila");
	sqlite3 *db;
	long rev;
	(void)state;
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, NULL), KR_OK);
	db = kri_store_db(s);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE revisions SET author = 'x'", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM revisions", NULL, NULL, NULL), SQLITE_OK);
	kr_case_free(a);
	kr_store_close(s);
}

static void group_rollback(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-5", "Daan"), *got = NULL;
	long rev;
	(void)state;
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, NULL), KR_OK);
	assert_int_equal(kr_store_end(s, false, NULL), KR_OK);
	assert_int_equal(kr_store_get(s, "PZ-5", 0, &got, NULL), KR_ENOTFOUND);
	kr_case_free(a);
	kr_store_close(s);
}

static void pragmas_and_persistence(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-6", "Fenna"), *got = NULL;
	sqlite3_stmt *st;
	long rev;
	(void)state;
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, NULL), KR_OK);
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(s), "PRAGMA journal_mode", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(s), "PRAGMA synchronous", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);   /* FULL */
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(s), "PRAGMA user_version", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), kr_store_schema_version());
	sqlite3_finalize(st);
	kr_store_close(s);
	s = open_store();
	assert_int_equal(kr_store_get(s, "PZ-6", 0, &got, NULL), KR_OK);
	kr_case_free(got);
	kr_case_free(a);
	kr_store_close(s);
}

static void settings(void **state)
{
	struct kr_store *s = open_store();
	struct kr_settings v;
	struct kr_error err;
	(void)state;
	kr_error_init(&err);
	assert_int_equal(kr_settings_load(s, &v, NULL), KR_OK);
	assert_int_equal(v.v[KR_SET_PLAN_REVIEW_MONTHS], 6);
	assert_int_equal(kr_settings_set(s, "plan.review_months", "3", NULL), KR_OK);
	assert_int_equal(kr_settings_load(s, &v, NULL), KR_OK);
	assert_int_equal(v.v[KR_SET_PLAN_REVIEW_MONTHS], 3);
	assert_int_equal(kr_settings_set(s, "plan.review_months", "0", &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "van 1 tot en met 60"));   /* Dutch by default */
	kr_error_cleanup(&err);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_settings_set(s, "plan.review_months", "0", &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "from 1 to 60"));
	assert_int_equal(kr_settings_set(s, "plan.review_months", "3x", NULL), KR_EINVAL);
	assert_int_equal(kr_settings_set(s, "no.such", "3", NULL), KR_ENOTFOUND);
	assert_int_equal(kr_settings_load(s, &v, NULL), KR_OK);
	assert_int_equal(v.v[KR_SET_PLAN_REVIEW_MONTHS], 3);
	kr_error_cleanup(&err);
	kr_store_close(s);
}

static void foreign_databases(void **state)
{
	sqlite3 *db;
	struct kr_store *s = NULL;
	struct kr_error err;
	FILE *f;
	(void)state;
	kr_error_init(&err);
	/* somebody else's SQLite database */
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(kr_store_open(dbpath, &s, &err), KR_EDB);
	assert_null(s);
	assert_non_null(strstr(err.message, "geen kring-database"));
	teardown(NULL);
	/* a newer kring's database */
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(kr_store_open(dbpath, &s, &err), KR_EDB);
	assert_non_null(strstr(err.message, "nieuwer"));
	teardown(NULL);
	/* not a database at all */
	f = fopen(dbpath, "w");
	fputs("hello, this is not a database, not at all, really not\n", f);
	fclose(f);
	assert_int_equal(kr_store_open(dbpath, &s, &err), KR_EDB);
	assert_null(s);
	kr_error_cleanup(&err);
}

/* The stored text as it was stored, the head revision, and the statement
 * cache for modules with tables of their own. */
/* The latest documents a connection keeps decompressed (store.c, doc_text)
 * never answer for another case or an older revision: 20 cases (more than
 * are kept) read in turns, each its own; a new revision read at once. */
static void latest_text_cache(void **state)
{
	struct kr_store *s = open_store();
	char ref[16], name[16], *text = NULL;
	size_t len = 0;
	long rev = 0;
	(void)state;

	for (int i = 0; i < 20; i++) {
		struct kr_case *c;
		snprintf(ref, sizeof ref, "PZ-%d", i);
		snprintf(name, sizeof name, "Kind%d", i);
		c = mini(ref, name);
		assert_int_equal(kr_store_put(s, c, "t", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
	for (int round = 0; round < 3; round++)
		for (int k = 0; k < 20; k++) {
			int i = (k * 7 + round) % 20;
			char want[24];
			snprintf(ref, sizeof ref, "PZ-%d", i);
			snprintf(want, sizeof want, "\"Kind%d\"", i);
			assert_int_equal(kr_store_get_text(s, ref, 0, &text, &len, &rev, NULL), KR_OK);
			assert_non_null(strstr(text, want));
			assert_int_equal(len, strlen(text));
			free(text);
		}
	{
		struct kr_case *c = mini("PZ-3", "Nieuw");
		assert_int_equal(kr_store_put(s, c, "t", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
	assert_int_equal(kr_store_get_text(s, "PZ-3", 0, &text, &len, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_non_null(strstr(text, "\"Nieuw\""));
	free(text);
	assert_int_equal(kr_store_get_text(s, "PZ-3", 1, &text, &len, &rev, NULL), KR_OK);
	assert_non_null(strstr(text, "\"Kind3\""));
	free(text);
	kr_store_close(s);
}

static void text_head_and_statements(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = mini("PZ-7", "Sam"), *b = mini("PZ-7", "Samuel");
	char *text = NULL;
	size_t len = 0;
	long rev = 0;
	void *st1, *st2;
	static const char sql[] = "SELECT count(*) FROM cases";
	(void)state;

	assert_int_equal(kr_store_head(s, "PZ-7", &rev, NULL), KR_ENOTFOUND);
	assert_int_equal(rev, 0);
	assert_int_equal(kr_store_put(s, a, "t", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_store_put(s, b, "t", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_store_head(s, "PZ-7", &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);

	assert_int_equal(kr_store_get_text(s, "PZ-7", 0, &text, &len, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(len, strlen(text));
	assert_non_null(strstr(text, "\"Samuel\""));
	assert_non_null(strstr(text, "\"x_extra\":{\"k\":[1,2]}"));   /* unknown keys kept */
	free(text);
	assert_int_equal(kr_store_get_text(s, "PZ-7", 1, &text, &len, NULL, NULL), KR_OK);
	assert_non_null(strstr(text, "\"Sam\""));
	free(text);
	assert_int_equal(kr_store_get_text(s, "PZ-7", 3, &text, &len, &rev, NULL), KR_ENOTFOUND);
	assert_null(text);
	assert_int_equal(kr_store_get_text(s, "PZ-8", 0, &text, &len, &rev, NULL), KR_ENOTFOUND);

	st1 = kri_store_stmt(s, sql);
	assert_non_null(st1);
	assert_int_equal(sqlite3_step(st1), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st1, 0), 1);
	st2 = kri_store_stmt(s, sql);                       /* the same, reset */
	assert_ptr_equal(st1, st2);
	assert_int_equal(sqlite3_step(st2), SQLITE_ROW);
	sqlite3_reset(st2);
	assert_null(kri_store_stmt(s, "SELECT nonsense FROM nowhere"));
	kr_case_free(a);
	kr_case_free(b);
	kr_store_close(s);
}

struct walk {
	int seen;
	int stop_at;
	char last[32];
	long revsum;
};

static int walk_fn(const struct kr_case *c, long rev, void *arg)
{
	struct walk *w = arg;
	char want[32];
	snprintf(want, sizeof want, "PZ-%04d", w->seen);
	assert_string_equal(c->ref, want);                 /* in ref order */
	assert_string_equal(kr_case_person_name(c, 0), rev == 2 ? "Twee" : "Een");
	snprintf(w->last, sizeof w->last, "%s", c->ref);
	w->revsum += rev;
	return ++w->seen == w->stop_at;
}

/* kr_store_each parses on several threads but hands the cases to fn in ref
 * order, the latest revision of each, and stops when fn asks: the same on
 * one thread, on two, and on two parsing into arenas (kr_config). */
static void each_with(int threads, bool arena)
{
	struct kr_store *s = open_store();
	struct walk w = { 0 };
	struct kr_config cfg;

	kr_config_defaults(&cfg);
	cfg.threads = threads;
	cfg.parse_arena = arena;
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);

	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	for (int i = 299; i >= 0; i--) {     /* stored out of order */
		char ref[32];
		struct kr_case *c;
		snprintf(ref, sizeof ref, "PZ-%04d", i);
		c = mini(ref, "Een");
		assert_int_equal(kr_store_put(s, c, "t", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
		if (i % 3 == 0) {
			c = mini(ref, "Twee");
			assert_int_equal(kr_store_put(s, c, "t", 0, NULL, NULL), KR_OK);
			kr_case_free(c);
		}
	}
	assert_int_equal(kr_store_end(s, true, NULL), KR_OK);

	assert_int_equal(kr_store_each(s, walk_fn, &w, NULL), KR_OK);
	assert_int_equal(w.seen, 300);
	assert_int_equal(w.revsum, 300 + 100);
	assert_string_equal(w.last, "PZ-0299");

	memset(&w, 0, sizeof w);
	w.stop_at = 77;                        /* stops early, frees the rest */
	assert_int_equal(kr_store_each(s, walk_fn, &w, NULL), KR_OK);
	assert_int_equal(w.seen, 77);
	assert_string_equal(w.last, "PZ-0076");

	/* A stored document that no longer reads (written past the store, as
	 * a damaged file would be) stops the walk with the case named, and
	 * nothing parsed so far leaks (the ASan pass checks that). */
	{
		struct kr_error err;
		sqlite3 *db = kri_store_db(s);
		kr_error_init(&err);
		assert_int_equal(sqlite3_exec(db, "INSERT INTO revisions(case_id, rev, author, created, "
		                              "doc) SELECT id, 9, 'x', '2026-01-01T00:00:00Z', '{\"no\":1}' "
		                              "FROM cases WHERE ref = 'PZ-0150'; UPDATE cases SET head = 9 "
		                              "WHERE ref = 'PZ-0150';", NULL, NULL, NULL), SQLITE_OK);
		memset(&w, 0, sizeof w);
		assert_int_equal(kr_store_each(s, walk_fn, &w, &err), KR_EINVAL);
		assert_int_equal(w.seen, 150);
		assert_non_null(strstr(err.message, "PZ-0150"));
		kr_error_cleanup(&err);
	}
	kr_store_close(s);
	kr_config_defaults(&cfg);
	kr_init(&cfg, NULL);
}

static void each_in_order(void **state)
{
	(void)state;
	each_with(1, false);
	teardown(NULL);
	each_with(2, false);
	teardown(NULL);
	each_with(2, true);
}

static time_t fixed_clock(void *arg)
{
	return *(const time_t *)arg;
}

/* A revision may be recorded at a time set with kr_store_set_now(), but
 * never after the library's clock (the future) and never before the case's
 * latest revision; kr_store_revision_recorded() finds the revision current
 * at a time, to the second. */
static void recorded_times(void **state)
{
	static time_t clock_now = 1772366400;   /* 2026-03-01T12:00:00Z */
	struct kr_store *s;
	struct kr_case *a = mini("PZ-T", "Sam"), *b = mini("PZ-T", "Samuel");
	struct kr_config cfg;
	struct kr_error err;
	long rev = 0;
	time_t t;
	(void)state;

	kr_config_defaults(&cfg);
	cfg.clock = fixed_clock;
	cfg.clock_arg = &clock_now;
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	s = open_store();
	kr_error_init_lang(&err, KR_LANG_EN);

	/* one second in the future: refused, nothing stored */
	kr_store_set_now(s, clock_now + 1);
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "in the future (2026-03-01T12:00:01Z)"));
	assert_int_equal(kr_store_head(s, "PZ-T", &rev, NULL), KR_ENOTFOUND);
	kr_error_cleanup(&err);

	/* a year ago, then half a year ago: both recorded then */
	kr_store_set_now(s, clock_now - 365 * 86400);
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 1);
	kr_store_set_now(s, clock_now - 180 * 86400);
	assert_int_equal(kr_store_put(s, b, "t", 0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	/* before the latest revision: refused */
	kr_store_set_now(s, clock_now - 200 * 86400);
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, &err), KR_EINVAL);
	assert_non_null(strstr(err.message, "cannot be recorded earlier"));
	kr_error_cleanup(&err);
	/* exactly now is not the future */
	kr_store_set_now(s, clock_now);
	assert_int_equal(kr_store_put(s, a, "t", 0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 3);
	kr_store_set_now(s, 0);

	/* the revision current at a time, to the second */
	assert_int_equal(kr_store_revision_recorded(s, "PZ-T", clock_now - 365 * 86400, &rev,
	                                            NULL), KR_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(kr_store_revision_recorded(s, "PZ-T", clock_now - 180 * 86400 - 1, &rev,
	                                            NULL), KR_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(kr_store_revision_recorded(s, "PZ-T", clock_now - 1, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(kr_store_revision_recorded(s, "PZ-T", clock_now + 86400, &rev, NULL),
	                 KR_OK);
	assert_int_equal(rev, 3);
	assert_int_equal(kr_store_revision_recorded(s, "PZ-T", clock_now - 365 * 86400 - 1, &rev,
	                                            &err), KR_ENOTFOUND);
	assert_non_null(strstr(err.message, "did not exist yet at 2025-03-01T11:59:59Z"));
	kr_error_cleanup(&err);
	assert_int_equal(kr_store_revision_recorded(s, "PZ-NONE", clock_now, &rev, &err),
	                 KR_ENOTFOUND);
	assert_string_equal(err.message, "no case PZ-NONE");
	kr_error_cleanup(&err);
	/* the day form: the end of that UTC day */
	assert_int_equal(kr_store_revision_at(s, "PZ-T", tu_day("2026-03-01"), &rev, NULL), KR_OK);
	assert_int_equal(rev, 3);
	assert_int_equal(kr_store_revision_at(s, "PZ-T", tu_day("2026-02-28"), &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);

	/* the text forms */
	assert_true(kr_store_time_parse("2026-03-01T12:00:00Z", &t));
	assert_int_equal(t, clock_now);
	assert_true(kr_store_time_parse("2026-02-28", &t));
	assert_int_equal(t, clock_now - 12 * 3600 - 1);   /* 2026-02-28T23:59:59Z */
	assert_true(kr_store_time_parse("1970-01-01T00:00:00Z", &t));
	assert_int_equal(t, 0);
	assert_true(kr_store_time_parse("2024-02-29T23:59:59Z", &t));
	{
		const char *bad[] = { NULL, "", "2026-13-01", "2026-02-30", "2026-3-01", "1969-12-31",
		                      "2026-03-01T24:00:00Z", "2026-03-01T12:60:00Z",
		                      "2026-03-01T12:00:60Z", "2026-03-01T12:00:00",
		                      "2026-03-01 12:00:00Z", "2026-03-01T12:00:00+01",
		                      "2026-03-01T1:00:00Z ", "2026-03-01T+1:00:00Z",
		                      "2026-03-01T12:00:00z", "2026-03-01T12-00-00Z", "yesterday" };
		for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
			if (kr_store_time_parse(bad[i], &t))
				fail_msg("accepted \"%s\"", bad[i] ? bad[i] : "(null)");
	}

	kr_config_defaults(&cfg);
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	kr_case_free(a);
	kr_case_free(b);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(revisions, setup, teardown),
		cmocka_unit_test_setup_teardown(recorded_times, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_keys_survive, setup, teardown),
		cmocka_unit_test_setup_teardown(optimistic_concurrency, setup, teardown),
		cmocka_unit_test_setup_teardown(append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(group_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(pragmas_and_persistence, setup, teardown),
		cmocka_unit_test_setup_teardown(settings, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_databases, setup, teardown),
		cmocka_unit_test_setup_teardown(each_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(text_head_and_statements, setup, teardown),
		cmocka_unit_test_setup_teardown(latest_text_cache, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
