/*
 * test_family.c - the register of foster families (lib/family.c,
 * lib/family_store.c): the kring-family/1 reader (every problem with its
 * path, unknown keys kept), storing and reading back with revisions, the
 * reference from placements[].family checked when a case is stored (with
 * the path and nothing stored), the use and vacancies on a day, the
 * figures for the startfoto, and the access decision per role: the
 * family's own worker and their lead may read and change it, the workers
 * of a child placed there may read it, nobody else sees it exists.
 */
#include <sodium.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/access.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/family.h"
#include "kring/init.h"
#include "kring/store.h"

#define T0 ((time_t)1790000000)
#define GOOD "Fietsbel-Appelboom-7"

static const char FAMILY[] =
	"{\"format\":\"kring-family/1\",\"id\":\"f1\",\"name\":\"Familie Bakker\","
	"\"kind\":\"foster_family\",\"care\":\"stranger\",\"capacity\":2,"
	"\"forms\":[\"foster_fulltime\",\"crisis\"],"
	"\"availability\":{\"status\":\"available\",\"from\":\"2026-01\"},"
	"\"household\":[{\"id\":\"h1\",\"role\":\"foster_parent\",\"born\":\"1979-04-12\"},"
	"{\"id\":\"h2\",\"role\":\"own_child\",\"born\":\"2012-06-21\",\"sex\":\"f\"}],"
	"\"training\":[{\"name\":\"Samen Starten\",\"date\":\"2019-02\"}],"
	"\"worker\":{\"name\":\"Anouk\",\"account\":\"own\"},"
	"\"peer_group\":{\"name\":\"Pleegoudergroep Zwolle\"},\"x_local\":7}";

static int setup(void **state)
{
	struct kr_auth_config c;
	(void)state;
	tu_db_fresh("family");
	kr_auth_config_default(&c);
	c.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	c.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_db_remove();
	return 0;
}

static struct kr_family *family_from(const char *text)
{
	struct kr_family *f = NULL;
	struct kr_error err;
	kr_error_init_lang(&err, KR_LANG_EN);
	if (kr_family_read(text, strlen(text), &f, &err) != KR_OK)
		fail_msg("family does not read: %s %s", err.message,
		         err.ndetails ? err.details[0] : "");
	kr_error_cleanup(&err);
	return f;
}

/* True when err has a detail equal to want. */
static bool has_detail(const struct kr_error *err, const char *want)
{
	for (size_t i = 0; i < err->ndetails; i++)
		if (strcmp(err->details[i], want) == 0)
			return true;
	return false;
}

static void reads_a_family(void **state)
{
	struct kr_family *f = family_from(FAMILY);
	char *back;
	(void)state;
	assert_string_equal(f->id, "f1");
	assert_int_equal(f->kind, KR_FAMKIND_FOSTER_FAMILY);
	assert_int_equal(f->care, KR_FAMCARE_STRANGER);
	assert_int_equal(f->capacity, 2);
	assert_true(f->forms & (1u << KR_FORM_CRISIS));
	assert_false(f->forms & (1u << KR_FORM_FAMILY_HOME));
	assert_int_equal(f->availability, KR_AVAIL_AVAILABLE);
	assert_int_equal(f->nmembers, 2);
	assert_int_equal(f->members[1].role, KR_HH_OWN_CHILD);
	assert_int_equal(f->members[1].born.y, 2012);
	assert_string_equal(f->worker_account, "own");
	assert_string_equal(f->peer_group, "Pleegoudergroep Zwolle");
	back = kr_family_dump(f, false);
	assert_non_null(strstr(back, "\"x_local\":7"));
	free(back);
	kr_family_free(f);
	kr_family_free(NULL);
}

static void every_problem_with_its_path(void **state)
{
	static const char bad[] =
		"{\"format\":\"kring-family/2\",\"id\":\"f 1\",\"kind\":\"castle\",\"capacity\":-1,"
		"\"forms\":[\"home\"],\"availability\":{},"
		"\"household\":[{\"id\":\"h1\",\"role\":\"own_child\",\"born\":\"2019-02-30\"},"
		"{\"id\":\"h1\",\"role\":\"cat\"}],\"worker\":{\"account\":\"x\"}}";
	struct kr_family *f = (struct kr_family *)1;
	struct kr_error err;
	(void)state;
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_family_read(bad, strlen(bad), &f, &err), KR_EINVAL);
	assert_null(f);
	assert_true(has_detail(&err, "format: \"kring-family/2\" is not a format kring reads "
	                       "(expected \"kring-family/1\")"));
	assert_true(has_detail(&err, "id: must be 1 to 64 characters: letters, digits, - _ or ."));
	assert_true(has_detail(&err, "kind: unknown value \"castle\" (allowed: foster_family, "
	                       "family_home)"));
	assert_true(has_detail(&err, "capacity: expected a whole number from 0 to 50"));
	assert_non_null(strstr(err.details[4], "forms[0]: expected a form"));
	assert_true(has_detail(&err, "availability.status: is required"));
	assert_true(has_detail(&err, "household[0].born: \"2019-02-30\" is not a date that exists "
	                       "(use YYYY-MM-DD, YYYY-MM or YYYY)"));
	assert_true(has_detail(&err, "household[1].id: duplicate member id \"h1\" (also used by "
	                       "item 0)"));
	assert_true(has_detail(&err, "household[1].role: unknown value \"cat\" (allowed: "
	                       "foster_parent, family_home_parent, own_child, other_adult, "
	                       "other_child)"));
	assert_non_null(strstr(err.details[9], "worker.account: \"x\" is not an account name"));
	assert_non_null(strstr(err.message, "10 problems"));
	kr_error_cleanup(&err);
	/* in Dutch too */
	kr_error_init_lang(&err, KR_LANG_NL);
	assert_int_equal(kr_family_read("{\"format\":\"kring-family/1\"}", 27, &f, &err), KR_EINVAL);
	assert_true(has_detail(&err, "id: is verplicht; vul dit in"));
	kr_error_cleanup(&err);
}

static struct kr_user add(struct kr_store *s, const char *name, enum kr_account_role role,
                          const char *team)
{
	struct kr_user u;
	assert_int_equal(kr_account_add(s, name, role, team, GOOD, T0, NULL, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, name, &u, NULL), KR_OK);
	return u;
}

/* Stores a case ref whose placement pl1 (from start, to end or NULL) names
 * family fam (or none); returns the store's verdict. */
static enum kr_status put_case(struct kr_store *s, const char *ref, const char *fam,
                               const char *start, const char *end, struct kr_error *err)
{
	char text[768], endkey[64] = "", famkey[64] = "";
	struct kr_case *c;
	enum kr_status rc;
	if (end)
		snprintf(endkey, sizeof endkey, ",\"end\":\"%s\"", end);
	if (fam)
		snprintf(famkey, sizeof famkey, ",\"family\":\"%s\"", fam);
	snprintf(text, sizeof text,
	         "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\",\"child\":\"p1\"},"
	         "\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"}],\"placements\":["
	         "{\"id\":\"pl0\",\"start\":\"2020-01-01\",\"end\":\"2020-02-01\"},"
	         "{\"id\":\"pl1\",\"start\":\"%s\"%s%s}]}", ref, start, endkey, famkey);
	c = tu_case_from_text(text);
	rc = kr_store_put(s, c, "test", 0, NULL, err);
	kr_case_free(c);
	return rc;
}

static void register_and_references(void **state)
{
	struct kr_store *s = NULL;
	struct kr_family *f = family_from(FAMILY), *got = NULL;
	struct kr_family_info *v = NULL;
	struct kr_family_counts fc;
	struct kr_error err;
	long rev = 0;
	size_t n = 0;
	int in_use = -1;
	(void)state;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	/* the worker account must exist */
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_family_put(s, f, "test", 0, T0, &rev, &err), KR_EINVAL);
	assert_true(has_detail(&err, "worker.account: there is no (enabled) account \"own\""));
	assert_int_equal(rev, 0);
	kr_error_cleanup(&err);
	add(s, "own", KR_ACCOUNT_WORKER, "noord");
	assert_int_equal(kr_family_put(s, f, "test", -1, T0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(kr_family_put(s, f, "test", -1, T0, &rev, NULL), KR_ECONFLICT);
	assert_int_equal(kr_family_put(s, f, "test", 3, T0, &rev, NULL), KR_ECONFLICT);
	assert_int_equal(kr_family_put(s, f, "test", 1, T0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(kr_family_get(s, "f1", &got, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_string_equal(got->name, "Familie Bakker");
	kr_family_free(got);
	assert_int_equal(kr_family_get(s, "f9", &got, &rev, NULL), KR_ENOTFOUND);
	assert_null(got);

	/* a placement naming an unknown family: refused with its path, nothing stored */
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(put_case(s, "PZ-1", "f9", "2026-03-01", NULL, &err), KR_EINVAL);
	assert_true(has_detail(&err, "placements[1].family: unknown foster family \"f9\": add it "
	                       "to the register first (kring family import)"));
	kr_error_cleanup(&err);
	assert_int_equal(kr_store_head(s, "PZ-1", &rev, NULL), KR_ENOTFOUND);
	/* a placement that does not fit the family: the form, network care */
	{
		static const char *bad[][2] = {
			{ "\"form\":\"residential\"", "placements[1].family: \"f1\" is a foster family; "
			  "a placement there is foster care" },
			{ "\"form\":\"family_home\"", "placements[1].family: \"f1\" is a foster "
			  "family" },
			{ "\"form\":\"foster_fulltime\",\"network\":true", "placements[1].family: \"f1\" "
			  "is registered for stranger care, but this placement is network care" },
		};
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			char text[768];
			struct kr_case *c;
			snprintf(text, sizeof text, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":"
			         "\"PZ-9\",\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":"
			         "\"Sam\"}],\"placements\":[{\"id\":\"pl0\",\"start\":\"2020-01-01\","
			         "\"end\":\"2020-02-01\"},{\"id\":\"pl1\",\"start\":\"2026-03-01\","
			         "\"family\":\"f1\",%s}]}", bad[i][0]);
			c = tu_case_from_text(text);
			kr_error_init_lang(&err, KR_LANG_EN);
			assert_int_equal(kr_store_put(s, c, "test", 0, NULL, &err), KR_EINVAL);
			assert_true(err.ndetails == 1 &&
			            !strncmp(err.details[0], bad[i][1], strlen(bad[i][1])));
			assert_non_null(strstr(err.message, "case PZ-9 does not fit the register"));
			kr_error_cleanup(&err);
			kr_case_free(c);
			assert_int_equal(kr_store_head(s, "PZ-9", &rev, NULL), KR_ENOTFOUND);
		}
	}
	/* a known one: counted while the placement runs */
	assert_int_equal(put_case(s, "PZ-1", "f1", "2026-03-01", NULL, NULL), KR_OK);
	assert_int_equal(put_case(s, "PZ-2", "f1", "2026-01-01", "2026-06-30", NULL), KR_OK);
	assert_int_equal(kr_family_in_use(s, "f1", tu_day("2026-02-28"), &in_use, NULL), KR_OK);
	assert_int_equal(in_use, 1);
	assert_int_equal(kr_family_in_use(s, "f1", tu_day("2026-03-01"), &in_use, NULL), KR_OK);
	assert_int_equal(in_use, 2);
	assert_int_equal(kr_family_in_use(s, "f1", tu_day("2026-07-01"), &in_use, NULL), KR_OK);
	assert_int_equal(in_use, 1);
	assert_int_equal(kr_family_list(s, NULL, tu_day("2026-03-01"), &v, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].capacity, 2);
	assert_int_equal(v[0].in_use, 2);
	assert_int_equal(v[0].vacancies, 0);
	free(v);
	assert_int_equal(kr_family_counts(s, tu_day("2026-07-01"), &fc, NULL), KR_OK);
	assert_int_equal(fc.families, 1);
	assert_int_equal(fc.capacity, 2);
	assert_int_equal(fc.in_use, 1);
	assert_int_equal(fc.vacancies, 1);
	assert_int_equal(fc.network, 0);
	/* the next revision without the family drops the link */
	assert_int_equal(put_case(s, "PZ-1", NULL, "2026-03-01", NULL, NULL), KR_OK);
	assert_int_equal(kr_family_in_use(s, "f1", tu_day("2026-03-01"), &in_use, NULL), KR_OK);
	assert_int_equal(in_use, 1);
	kr_family_free(f);
	kr_store_close(s);
}

static const char *clock_day;

/* The library's clock at noon of clock_day. */
static time_t fixed_clock(void *arg)
{
	(void)arg;
	return (time_t)tu_day(clock_day) * 86400 + 43200;
}

static void who_may_see_a_family(void **state)
{
	struct kr_store *s = NULL;
	struct kr_family *f = family_from(FAMILY);
	struct kr_user own, mate, lead, other_lead, placed, stranger, ana, adm;
	struct kr_family_info *v = NULL;
	const char *why = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	own = add(s, "own", KR_ACCOUNT_WORKER, "noord");
	mate = add(s, "mate", KR_ACCOUNT_WORKER, "noord");
	lead = add(s, "lead", KR_ACCOUNT_LEAD, "noord");
	other_lead = add(s, "lead2", KR_ACCOUNT_LEAD, "zuid");
	placed = add(s, "placed", KR_ACCOUNT_WORKER, "zuid");
	stranger = add(s, "stranger", KR_ACCOUNT_WORKER, "zuid");
	ana = add(s, "ana", KR_ACCOUNT_ANALYST, "");
	adm = add(s, "adm", KR_ACCOUNT_ADMIN, "");
	assert_int_equal(kr_family_put(s, f, "test", -1, T0, NULL, NULL), KR_OK);
	assert_int_equal(put_case(s, "PZ-1", "f1", "2026-03-01", NULL, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-1", "placed", T0, NULL), KR_OK);

	/* read */
	assert_int_equal(kr_family_decide(s, &own, "f1", false, &why), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_family_decide(s, &mate, "f1", false, NULL), KR_ACCESS_HIDDEN);
	assert_int_equal(kr_family_decide(s, &lead, "f1", false, NULL), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_family_decide(s, &placed, "f1", false, &why), KR_ACCESS_ALLOWED);
	assert_string_equal(why, "a child of one of your cases is placed there");
	assert_int_equal(kr_family_decide(s, &other_lead, "f1", false, NULL), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_family_decide(s, &stranger, "f1", false, &why), KR_ACCESS_HIDDEN);
	assert_int_equal(kr_family_decide(s, &ana, "f1", false, NULL), KR_ACCESS_FORBIDDEN);
	assert_int_equal(kr_family_decide(s, &adm, "f1", false, NULL), KR_ACCESS_HIDDEN);
	assert_int_equal(kr_family_decide(s, &own, "f9", false, &why), KR_ACCESS_HIDDEN);
	assert_string_equal(why, "no such family");
	/* write: the own worker and their lead only */
	assert_int_equal(kr_family_decide(s, &own, "f1", true, NULL), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_family_decide(s, &lead, "f1", true, NULL), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_family_decide(s, &placed, "f1", true, NULL), KR_ACCESS_HIDDEN);
	assert_int_equal(kr_family_decide(s, &other_lead, "f1", true, NULL), KR_ACCESS_HIDDEN);
	/* the list follows the same decision */
	assert_int_equal(kr_family_list(s, &placed, tu_day("2026-03-01"), &v, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	free(v);
	assert_int_equal(kr_family_list(s, &stranger, tu_day("2026-03-01"), &v, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_null(v);
	/* a placement that ended: half a year on, then no longer (the clock moves) */
	{
		struct kr_config cfg;
		kr_config_defaults(&cfg);
		assert_int_equal(put_case(s, "PZ-1", "f1", "2026-03-01", "2026-06-30", NULL), KR_OK);
		cfg.clock = fixed_clock;
		clock_day = "2026-12-29";
		assert_int_equal(kr_init(&cfg, NULL), KR_OK);
		assert_int_equal(kr_family_decide(s, &placed, "f1", false, NULL), KR_ACCESS_ALLOWED);
		clock_day = "2027-01-01";
		assert_int_equal(kr_family_decide(s, &placed, "f1", false, &why), KR_ACCESS_HIDDEN);
		assert_string_equal(why, "not the family's worker, and none of your cases is placed "
		                    "there (now, or until half a year ago)");
		assert_int_equal(kr_family_list(s, &placed, tu_day("2027-01-01"), &v, &n, NULL), KR_OK);
		assert_int_equal(n, 0);
		free(v);
		v = NULL;
		/* the family's own worker still reads it */
		assert_int_equal(kr_family_decide(s, &own, "f1", false, NULL), KR_ACCESS_ALLOWED);
		kr_config_defaults(&cfg);
		assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	}
	/* a disabled account sees nothing */
	assert_int_equal(kr_account_set_disabled(s, "placed", true, T0, NULL), KR_OK);
	assert_int_equal(kr_family_decide(s, &placed, "f1", false, NULL), KR_ACCESS_HIDDEN);
	/* create: a role that may create cases, and the family names its worker */
	{
		struct kr_family *g = family_from("{\"format\":\"kring-family/1\",\"id\":\"f2\"}");
		struct kr_error err;
		kr_error_init_lang(&err, KR_LANG_EN);
		assert_int_equal(kr_family_create(s, &adm, g, T0, NULL, NULL), KR_EPERM);
		assert_int_equal(kr_family_create(s, &own, g, T0, NULL, &err), KR_EINVAL);
		assert_non_null(strstr(err.details[0], "worker.account: name the family's own worker"));
		kr_error_cleanup(&err);
		kr_family_free(g);
	}
	kr_family_free(f);
	kr_store_close(s);
}

/* meetings[].process: the phases of an Eigen Kracht-conferentie in their
 * order, and nobody comes who was not asked (docs/case-format.md). */
static void meeting_phases(void **state)
{
	static const char good[] =
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"M-1\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"}],"
		"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-03-05\",\"type\":"
		"\"family_group_conference\",\"coordinator\":\"p4\",\"process\":{"
		"\"coordinator\":\"2026-02-01\",\"preparation\":\"2026-02-10\",\"information\":"
		"\"2026-03-05\",\"private_time\":\"2026-03-05\",\"plan_presented\":\"2026-03-05\","
		"\"plan_accepted\":\"2026-03\",\"asked\":[\"p1\",\"p2\",\"p3\"],\"coming\":[\"p1\",\"p2\"]}}]}";
	static const char bad[] =
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"M-1\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"}],"
		"\"meetings\":[{\"id\":\"m1\",\"process\":{\"preparation\":\"2026-02-10\","
		"\"private_time\":\"2026-02-01\",\"asked\":[\"p1\"],\"coming\":[\"p1\",\"p3\"]}}]}";
	struct kr_case *c = NULL;
	struct kr_error err;
	(void)state;
	assert_int_equal(kr_case_read(good, strlen(good), &c, NULL), KR_OK);
	assert_int_equal(c->meetings[0].phase[KR_PHASE_COORDINATOR].d, 1);
	assert_int_equal(c->meetings[0].nasked, 3);
	assert_int_equal(c->meetings[0].ncoming, 2);
	kr_case_free(c);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(bad, strlen(bad), &c, &err), KR_EINVAL);
	assert_null(c);
	assert_true(has_detail(&err, "meetings[0].process.private_time: private_time (2026-02-01) "
	                       "lies before preparation (2026-02-10); the phases go in order"));
	assert_true(has_detail(&err, "meetings[0].process.coming[1]: \"p3\" comes but is not "
	                       "among those asked (asked)"));
	kr_error_cleanup(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_family),
		cmocka_unit_test(every_problem_with_its_path),
		cmocka_unit_test(meeting_phases),
		cmocka_unit_test_setup_teardown(register_and_references, setup, teardown),
		cmocka_unit_test_setup_teardown(who_may_see_a_family, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
