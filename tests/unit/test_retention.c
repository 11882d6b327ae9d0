/*
 * test_retention.c - the store's side of issue 10: compressed revisions
 * come back byte for byte (200 revisions, across the full frames every 64),
 * and take far less room than the text; the retention rule (case.closed,
 * the last placement's end, an open placement, a measure, the settings);
 * destruction removes the case and every row naming it while a DELETE of a
 * revision outside that path is still refused; the tombstone keeps the
 * audit chain valid; share links die with their person (removed, died)
 * and are never made for a person who died; a removed person's id is never
 * given to somebody else by a whole document (kept in retired_person_ids).
 */
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "testutil.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/audit.h"
#include "kring/auth.h"
#include "kring/init.h"
#include "kring/retention.h"
#include "kring/settings.h"
#include "kring/share.h"
#include "kring/store.h"
#include "store_int.h"

static char dbpath[64];

static int setup(void **state)
{
	int fd;
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-ret-XXXXXX");
	fd = mkstemp(dbpath);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	char p[96];
	(void)state;
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static struct kr_store *open_store(void)
{
	struct kr_store *s = NULL;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	return s;
}

/* A case with persons p1 (the child) .. pn and extra text in notes. */
static struct kr_case *case_with(const char *ref, int n, const char *notes, const char *extra)
{
	char *text = malloc(8192);
	size_t k = 0;
	struct kr_case *c;
	k += (size_t)snprintf(text + k, 8192 - k, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":"
	                      "\"%s\",\"child\":\"p1\",\"notes\":\"%s\"%s},\"persons\":[", ref, notes,
	                      extra ? extra : "");
	for (int i = 1; i <= n; i++)
		k += (size_t)snprintf(text + k, 8192 - k, "%s{\"id\":\"p%d\",\"name\":\"Persoon %d\"}",
		                      i > 1 ? "," : "", i, i);
	snprintf(text + k, 8192 - k, "]}");
	c = tu_case_from_text(text);
	free(text);
	return c;
}

static void byte_identical(void **state)
{
	struct kr_store *s = open_store();
	char notes[64];
	long long stored = 0, text = 0;
	sqlite3_stmt *st;
	(void)state;

	for (int i = 0; i < 200; i++) {
		struct kr_case *c;
		snprintf(notes, sizeof notes, "versie %d", i);
		c = case_with("Z-1", 40, notes, NULL);
		assert_int_equal(kr_store_put(s, c, "t", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
	for (int i = 0; i < 200; i++) {
		struct kr_case *c;
		char *want, *got = NULL;
		size_t len = 0;
		long rev = 0;
		snprintf(notes, sizeof notes, "versie %d", i);
		c = case_with("Z-1", 40, notes, NULL);
		want = kr_case_dump(c, false);
		assert_int_equal(kr_store_get_text(s, "Z-1", i + 1, &got, &len, &rev, NULL), KR_OK);
		assert_int_equal(rev, i + 1);
		assert_int_equal(len, strlen(want));
		assert_string_equal(got, want);
		free(want);
		free(got);
		kr_case_free(c);
	}
	st = kri_store_stmt(s, "SELECT sum(length(doc)), sum(size) FROM revisions");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	stored = sqlite3_column_int64(st, 0);
	text = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	/* one-line edits: a small fraction of the text */
	if (stored * 10 > text)
		fail_msg("200 revisions take %lld bytes stored for %lld of text", stored, text);
	kr_store_close(s);
}

static void rule(void **state)
{
	struct kr_settings set;
	struct kr_retention r;
	struct kr_case *c;
	(void)state;

	kr_settings_defaults(&set);
	c = case_with("R-1", 2, "", ",\"closed\":{\"date\":\"2000-05-31\",\"reason\":\"as_planned\"}");
	kr_retention_of(c, &set, &r);
	assert_int_equal(r.ended, tu_day("2000-05-31"));
	assert_int_equal(r.years, 20);
	assert_false(r.measure);
	assert_int_equal(r.due, tu_day("2020-06-01"));
	kr_case_free(c);

	c = case_with("R-2", 2, "", ",\"closed\":{\"date\":\"2000-05-31\",\"reason\":\"as_planned\"},\"measure\":\"guardianship\"");
	kr_retention_of(c, &set, &r);
	assert_true(r.measure);
	assert_int_equal(r.years, 30);
	assert_int_equal(r.due, tu_day("2030-06-01"));
	kr_case_free(c);

	/* no end of care: no due day */
	c = case_with("R-3", 2, "", NULL);
	kr_retention_of(c, NULL, &r);
	assert_int_equal(r.ended, -1);
	assert_int_equal(r.due, -1);
	kr_case_free(c);

	/* the organisation's setting */
	set.v[KR_SET_RETENTION_YEARS] = 25;
	c = case_with("R-4", 2, "", ",\"closed\":{\"date\":\"2000\",\"reason\":\"as_planned\"}");
	kr_retention_of(c, &set, &r);
	assert_int_equal(r.ended, tu_day("2000-12-31"));
	assert_int_equal(r.due, tu_day("2026-01-01"));
	kr_case_free(c);

	/* a measure term shorter than the general one (settings from before
	 * the floors) never shortens it: the longer term holds */
	set.v[KR_SET_RETENTION_YEARS] = 40;
	set.v[KR_SET_RETENTION_MEASURE_YEARS] = 30;
	c = case_with("R-5", 2, "", ",\"closed\":{\"date\":\"2000-05-31\",\"reason\":\"as_planned\"},\"measure\":\"guardianship\"");
	kr_retention_of(c, &set, &r);
	assert_true(r.measure);
	assert_int_equal(r.years, 40);
	assert_int_equal(r.due, tu_day("2040-06-01"));
	kr_case_free(c);
}

/* The terms cannot be set below the law (20 years; 30 after a measure) and
 * the measure term is never shorter than the general one; a shorter term
 * already stored is read as the floor. */
static void terms(void **state)
{
	struct kr_store *s = open_store();
	struct kr_settings set;
	struct kr_error e;
	(void)state;

	kr_error_init(&e);
	assert_int_equal(kr_settings_set(s, "retention.years", "15", &e), KR_EINVAL);
	assert_non_null(strstr(e.message, "retention.years: 15 jaar is korter dan de wet toestaat"));
	assert_non_null(strstr(e.message, "minstens 20 jaar"));
	kr_error_cleanup(&e);
	kr_error_init(&e);
	assert_int_equal(kr_settings_set(s, "retention.measure_years", "29", &e), KR_EINVAL);
	assert_non_null(strstr(e.message, "minstens 30 jaar"));
	kr_error_cleanup(&e);
	assert_int_equal(kr_settings_set(s, "retention.years", "20", NULL), KR_OK);
	/* longer than the measure term (30): refused, saying what to raise */
	kr_error_init(&e);
	assert_int_equal(kr_settings_set(s, "retention.years", "35", &e), KR_EINVAL);
	assert_non_null(strstr(e.message, "verhoog eerst retention.measure_years"));
	kr_error_cleanup(&e);
	assert_int_equal(kr_settings_set(s, "retention.measure_years", "40", NULL), KR_OK);
	assert_int_equal(kr_settings_set(s, "retention.years", "35", NULL), KR_OK);
	kr_error_init(&e);
	assert_int_equal(kr_settings_set(s, "retention.measure_years", "34", &e), KR_EINVAL);
	assert_non_null(strstr(e.message, "korter dan retention.years (35)"));
	kr_error_cleanup(&e);
	/* stored before the floors: read as the floor */
	assert_int_equal(kr_store_setting_set(s, "retention.years", "15", NULL), KR_OK);
	assert_int_equal(kr_store_setting_set(s, "retention.measure_years", "16", NULL), KR_OK);
	assert_int_equal(kr_settings_load(s, &set, NULL), KR_OK);
	assert_int_equal(set.v[KR_SET_RETENTION_YEARS], 20);
	assert_int_equal(set.v[KR_SET_RETENTION_MEASURE_YEARS], 30);
	kr_store_close(s);
}

static void destroy(void **state)
{
	struct kr_store *s = open_store();
	struct kr_case *a = case_with("D-1", 3, "a", ",\"closed\":{\"date\":\"1990-01-01\",\"reason\":\"as_planned\"}");
	struct kr_case *b = case_with("D-2", 3, "b", NULL);
	sqlite3 *db = kri_store_db(s);
	long long bad = 0;
	bool compacted = false;
	struct kr_case *got = NULL;
	(void)state;

	assert_int_equal(kr_store_put(s, a, "t", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_store_put(s, a, "t", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_store_put(s, b, "t", 0, NULL, NULL), KR_OK);
	/* outside the destruction path a revision cannot be deleted */
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM revisions", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(kr_retention_destroy(s, "D-1", "beheer", "", 1700000000, NULL, NULL),
	                 KR_EINVAL);
	assert_int_equal(kr_retention_destroy(s, "NONE", "beheer", "grond", 1700000000, NULL, NULL),
	                 KR_ENOTFOUND);
	assert_int_equal(kr_retention_destroy(s, "D-1", "beheer", "Jeugdwet 7.3.10", 1700000000,
	                                      &compacted, NULL), KR_OK);
	assert_true(compacted);
	assert_int_equal(kr_store_get(s, "D-1", 0, &got, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_store_get(s, "D-2", 0, &got, NULL), KR_OK);
	kr_case_free(got);
	{
		sqlite3_stmt *st = kri_store_stmt(s, "SELECT (SELECT count(*) FROM revisions), "
		                                     "(SELECT count(*) FROM case_persons), "
		                                     "(SELECT count(*) FROM destroying)");
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 1);
		assert_int_equal(sqlite3_column_int(st, 1), 3);
		assert_int_equal(sqlite3_column_int(st, 2), 0);
		sqlite3_reset(st);
	}
	assert_int_equal(kr_audit_verify(s, &bad, NULL), KR_OK);
	/* still append-only after a destruction */
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM revisions", NULL, NULL, NULL), SQLITE_OK);
	kr_case_free(a);
	kr_case_free(b);
	kr_store_close(s);
}

static void share_bound(void **state)
{
	struct kr_store *s = open_store();
	struct kr_user u;
	struct kr_share sh;
	struct kr_case *c = case_with("S-1", 3, "", NULL), *c2;
	char tok[KR_AUTH_TOKEN_CHARS + 1], tok2[KR_AUTH_TOKEN_CHARS + 1];
	time_t now = 1800000000;
	struct kr_auth_config cfg;
	(void)state;

	kr_auth_config_default(&cfg);
	cfg.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	cfg.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	assert_int_equal(kr_auth_configure(&cfg, NULL), KR_OK);
	assert_int_equal(kr_store_put(s, c, "t", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_account_add(s, "adm", KR_ACCOUNT_ADMIN, NULL, "Zonnebloem-akker-42",
	                                now, NULL, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, "adm", &u, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "S-1", "adm", now, NULL), KR_OK);
	assert_int_equal(kr_share_create(s, &u, "S-1", "p3", now + 86400, now, tok, NULL, NULL),
	                 KR_OK);
	assert_int_equal(kr_share_create(s, &u, "S-1", "p2", now + 86400, now, tok2, NULL, NULL),
	                 KR_OK);
	assert_int_equal(kr_share_verify(s, tok, now, &sh, NULL), KR_OK);
	/* p3 leaves; the stored document keeps p3 as a retired id */
	c2 = case_with("S-1", 2, "", NULL);
	assert_int_equal(kr_store_put(s, c2, "t", 0, NULL, NULL), KR_OK);
	assert_int_equal(kr_share_verify(s, tok, now, &sh, NULL), KR_EPERM);
	kr_case_free(c2);
	assert_int_equal(kr_store_get(s, "S-1", 0, &c2, NULL), KR_OK);
	{
		json_t *l = json_object_get(kr_case_doc(c2), "retired_person_ids");
		assert_int_equal(json_array_size(l), 1);
		assert_string_equal(json_string_value(json_array_get(l, 0)), "p3");
	}
	kr_case_free(c2);
	/* a whole document that gives "p3" to somebody else is refused */
	c2 = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"S-1\",\"child\":"
	                       "\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Persoon 1\"},"
	                       "{\"id\":\"p2\",\"name\":\"Persoon 2\",\"died\":\"2020-01-01\"},"
	                       "{\"id\":\"p3\",\"name\":\"Iemand anders\"}]}");
	{
		struct kr_error e;
		long rev = 0;
		kr_error_init(&e);
		assert_int_equal(kr_store_put(s, c2, "t", 0, &rev, &e), KR_EINVAL);
		assert_int_equal(rev, 0);
		assert_int_equal(e.ndetails, 1);
		assert_string_equal(e.details[0], "persons[2].id: p3 hoorde bij een verwijderde "
		                    "persoon; kies een nieuw id");
		kr_error_cleanup(&e);
	}
	kr_case_free(c2);
	/* the same person may come back under their id; p2 dies meanwhile */
	c2 = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"S-1\",\"child\":"
	                       "\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Persoon 1\"},"
	                       "{\"id\":\"p2\",\"name\":\"Persoon 2\",\"died\":\"2020-01-01\"},"
	                       "{\"id\":\"p3\",\"name\":\"Persoon 3\"}]}");
	assert_int_equal(kr_store_put(s, c2, "t", 0, NULL, NULL), KR_OK);
	/* a revoked link stays revoked */
	assert_int_equal(kr_share_verify(s, tok, now, &sh, NULL), KR_EPERM);
	/* p2 died: their link is refused, and no new link is made */
	assert_int_equal(kr_share_verify(s, tok2, now, &sh, NULL), KR_EPERM);
	assert_int_equal(kr_share_create(s, &u, "S-1", "p2", now + 86400, now, tok2, NULL, NULL),
	                 KR_EINVAL);
	kr_case_free(c2);
	kr_case_free(c);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(byte_identical, setup, teardown),
		cmocka_unit_test(rule),
		cmocka_unit_test_setup_teardown(terms, setup, teardown),
		cmocka_unit_test_setup_teardown(destroy, setup, teardown),
		cmocka_unit_test_setup_teardown(share_bound, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
