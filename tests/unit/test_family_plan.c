/*
 * test_family_plan.c - the family plan (lib/family_plan.c,
 * lib/family_plan_store.c): the kring-familyplan/1 reader (every problem
 * with its path, person refs only into linked cases, unknown keys kept),
 * the checks against the store (unknown case, a person not in its case,
 * attendance and outcome only once the day has come), revisions, the
 * access decision (read with one case, write with all of them), and the
 * reader's view: each child's own wishes and goals from the child's case,
 * a case the reader may not read left out without a trace.
 */
#include <sodium.h>

#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/access.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/family_plan.h"
#include "kring/store.h"

#define T0 ((time_t)1790000000)   /* 2026-09-21 */
#define GOOD "Fietsbel-Appelboom-7"

static const char PLAN[] =
	"{\"format\":\"kring-familyplan/1\",\"id\":\"fp1\",\"name\":\"Gezin De Vries\","
	"\"cases\":[\"PZ-1\",\"PZ-2\"],"
	"\"goals\":[{\"id\":\"g1\",\"text\":\"De kinderen zien elkaar elke week\","
	"\"who\":[{\"case\":\"PZ-1\",\"person\":\"p2\"}]}],"
	"\"agreements\":[{\"id\":\"a1\",\"what\":\"Oma brengt de kinderen samen\",\"when\":\"zaterdag\","
	"\"who\":[{\"case\":\"PZ-2\",\"person\":\"q2\"}],\"done\":false}],"
	"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-09-01\",\"time\":\"19:30\",\"place\":\"buurthuis\","
	"\"coordinator\":{\"case\":\"PZ-2\",\"person\":\"q2\"},"
	"\"invited\":[{\"case\":\"PZ-1\",\"person\":\"p2\"},{\"case\":\"PZ-2\",\"person\":\"q2\"}],"
	"\"attended\":[{\"case\":\"PZ-1\",\"person\":\"p2\"}],\"outcome\":\"Elke week samen\"}],"
	"\"wishes\":[{\"id\":\"w1\",\"text\":\"Samen op vakantie\","
	"\"by\":{\"case\":\"PZ-2\",\"person\":\"q1\"}}],\"x_local\":1}";

static int setup(void **state)
{
	struct kr_auth_config c;
	(void)state;
	tu_db_fresh("fplan");
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

static struct kr_fplan *plan_from(const char *text)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	kr_error_init_lang(&err, KR_LANG_EN);
	if (kr_fplan_read(text, strlen(text), &p, &err) != KR_OK)
		fail_msg("plan does not read: %s %s", err.message, err.ndetails ? err.details[0] : "");
	kr_error_cleanup(&err);
	return p;
}

static bool has_detail(const struct kr_error *err, const char *want)
{
	for (size_t i = 0; i < err->ndetails; i++)
		if (strcmp(err->details[i], want) == 0)
			return true;
	return false;
}

static struct kr_user add(struct kr_store *s, const char *name, enum kr_account_role role,
                          const char *team)
{
	struct kr_user u;
	assert_int_equal(kr_account_add(s, name, role, team, GOOD, T0, NULL, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, name, &u, NULL), KR_OK);
	return u;
}

/* Two sibling cases: PZ-1 (Sam, with a wish of his own and one of his
 * father's) and PZ-2 (Lisa, with her grandmother q2). */
static void put_siblings(struct kr_store *s)
{
	static const char *const docs[] = {
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-1\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"born\":\"2016-03-01\"},"
		"{\"id\":\"p2\",\"name\":\"Vader Erik\"}],\"plan\":{\"wishes\":["
		"{\"id\":\"w1\",\"by\":\"p1\",\"text\":\"Ik wil mijn zus vaker zien\"},"
		"{\"id\":\"w2\",\"by\":\"p2\",\"text\":\"Erik wil meer bellen\"}],"
		"\"goals\":[{\"id\":\"g1\",\"text\":\"Sam voelt zich veilig op school\"}]}}",
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-2\",\"child\":\"q1\"},"
		"\"persons\":[{\"id\":\"q1\",\"name\":\"Lisa\"},{\"id\":\"q2\",\"name\":\"Oma Riet\"}],"
		"\"plan\":{\"wishes\":[{\"id\":\"w1\",\"by\":\"q1\",\"text\":\"Paardrijden\"}]}}",
	};
	for (size_t i = 0; i < 2; i++) {
		struct kr_case *c = tu_case_from_text(docs[i]);
		assert_int_equal(kr_store_put(s, c, "test", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
}

static void reads_a_plan(void **state)
{
	struct kr_fplan *p = plan_from(PLAN);
	char *back;
	(void)state;
	assert_string_equal(p->id, "fp1");
	assert_int_equal(p->ncases, 2);
	assert_string_equal(p->cases[1], "PZ-2");
	assert_int_equal(p->npersons, 7);
	assert_string_equal(p->persons[2].path, "wishes[0].by");
	assert_string_equal(p->persons[3].path, "meetings[0].coordinator");
	assert_string_equal(p->persons[5].path, "meetings[0].invited[1]");
	assert_int_equal(p->nmeetings, 1);
	assert_int_equal(p->meetings[0].nattended, 1);
	assert_true(p->meetings[0].has_outcome);
	back = kr_fplan_dump(p, false);
	assert_non_null(strstr(back, "\"x_local\":1"));
	free(back);
	kr_fplan_free(p);
	kr_fplan_free(NULL);
}

static void every_problem_with_its_path(void **state)
{
	static const char bad[] =
		"{\"format\":\"kring-familyplan/1\",\"id\":\"fp 1\",\"cases\":[\"PZ-1\",\"PZ-1\"],"
		"\"goals\":[{\"id\":\"g1\",\"text\":\"x\"},{\"id\":\"g1\"}],"
		"\"agreements\":[{\"id\":\"a1\",\"what\":\"x\",\"done\":\"ja\","
		"\"who\":[{\"case\":\"PZ-9\",\"person\":\"p1\"}]}],"
		"\"meetings\":[{\"id\":\"m1\",\"time\":\"25:00\",\"invited\":[{\"case\":\"PZ-1\"}]}]}";
	struct kr_fplan *p = (struct kr_fplan *)1;
	struct kr_error err;
	(void)state;
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_fplan_read(bad, strlen(bad), &p, &err), KR_EINVAL);
	assert_null(p);
	assert_true(has_detail(&err, "id: must be 1 to 64 characters: letters, digits, - _ or ."));
	assert_true(has_detail(&err, "cases[1]: case \"PZ-1\" is listed twice"));
	assert_true(has_detail(&err, "goals[1].id: duplicate id \"g1\" (also used by item 0)"));
	assert_true(has_detail(&err, "goals[1].text: is required"));
	assert_true(has_detail(&err, "agreements[0].done: expected true or false"));
	assert_true(has_detail(&err, "agreements[0].who[0].case: case \"PZ-9\" is not one of the "
	                       "family plan's cases; add it to cases first"));
	assert_true(has_detail(&err, "meetings[0].time: \"25:00\" is not a time of day (use "
	                       "HH:MM, such as 19:30)"));
	assert_true(has_detail(&err, "meetings[0].invited[0].person: is required"));
	kr_error_cleanup(&err);
	/* one case is no family plan; in Dutch */
	kr_error_init_lang(&err, KR_LANG_NL);
	{
		static const char one[] = "{\"format\":\"kring-familyplan/1\",\"id\":\"x\","
		                          "\"cases\":[\"PZ-1\"]}";
		assert_int_equal(kr_fplan_read(one, strlen(one), &p, &err), KR_EINVAL);
	}
	assert_true(has_detail(&err, "cases: een gezinsplan verbindt 2 tot en met 12 dossiers; "
	                       "hier staan er 1"));
	kr_error_cleanup(&err);
}

static void stored_and_checked(void **state)
{
	struct kr_store *s = NULL;
	struct kr_fplan *p = plan_from(PLAN), *got = NULL, *q;
	struct kr_fplan_info *v = NULL;
	struct kr_error err;
	long rev = 0;
	size_t n = 0;
	(void)state;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	/* the cases must exist */
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_fplan_put(s, p, "test", -1, T0, &rev, &err), KR_EINVAL);
	assert_true(has_detail(&err, "cases[0]: unknown case \"PZ-1\""));
	assert_true(has_detail(&err, "cases[1]: unknown case \"PZ-2\""));
	kr_error_cleanup(&err);
	assert_int_equal(rev, 0);
	put_siblings(s);
	assert_int_equal(kr_fplan_put(s, p, "test", -1, T0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(kr_fplan_put(s, p, "test", -1, T0, NULL, NULL), KR_ECONFLICT);
	assert_int_equal(kr_fplan_put(s, p, "test", 1, T0, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(kr_fplan_put(s, p, "test", 1, T0, NULL, NULL), KR_ECONFLICT);
	assert_int_equal(kr_fplan_get(s, "fp1", &got, &rev, NULL), KR_OK);
	assert_int_equal(rev, 2);
	assert_string_equal(got->name, "Gezin De Vries");
	kr_fplan_free(got);
	assert_int_equal(kr_fplan_get(s, "fp9", &got, NULL, NULL), KR_ENOTFOUND);
	/* the plans a case is in */
	assert_int_equal(kr_fplan_list(s, NULL, "PZ-2", &v, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "fp1");
	free(v);
	assert_int_equal(kr_fplan_list(s, NULL, "PZ-3", &v, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_null(v);
	/* a person not in the case, and a meeting still to come with attendance */
	q = plan_from("{\"format\":\"kring-familyplan/1\",\"id\":\"fp2\",\"cases\":[\"PZ-1\","
	              "\"PZ-2\"],\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-12-01\","
	              "\"invited\":[{\"case\":\"PZ-1\",\"person\":\"p1\"},{\"case\":\"PZ-2\","
	              "\"person\":\"q1\"},{\"case\":\"PZ-1\",\"person\":\"p9\"}],"
	              "\"attended\":[{\"case\":\"PZ-1\",\"person\":\"p1\"}],\"outcome\":\"x\"}]}");
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_fplan_put(s, q, "test", 0, T0, NULL, &err), KR_EINVAL);
	assert_true(has_detail(&err, "meetings[0].invited[2]: person \"p9\" is not in case PZ-1"));
	assert_true(has_detail(&err, "meetings[0].attended: who attended is filled in once the "
	                       "meeting's day has come"));
	assert_true(has_detail(&err, "meetings[0].outcome: the outcome is filled in once the "
	                       "meeting's day has come"));
	assert_non_null(strstr(err.message, "3 problems"));
	kr_error_cleanup(&err);
	/* on the day itself it may */
	assert_int_equal(kr_fplan_check(s, q, tu_day("2026-12-01"), NULL), KR_EINVAL);  /* p9 */
	assert_int_equal(kr_fplan_get(s, "fp2", &got, NULL, NULL), KR_ENOTFOUND);
	kr_fplan_free(q);
	kr_fplan_free(p);
	kr_store_close(s);
}

static void who_may_see_a_plan(void **state)
{
	struct kr_store *s = NULL;
	struct kr_fplan *p = plan_from(PLAN);
	struct kr_user one, both, lead, stranger, ana, adm;
	struct kr_fplan_info *v = NULL;
	struct kr_error err;
	const char *why = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	one = add(s, "one", KR_ACCOUNT_WORKER, "zuid");
	both = add(s, "both", KR_ACCOUNT_WORKER, "noord");
	lead = add(s, "lead", KR_ACCOUNT_LEAD, "noord");
	stranger = add(s, "stranger", KR_ACCOUNT_WORKER, "noord");
	ana = add(s, "ana", KR_ACCOUNT_ANALYST, "");
	adm = add(s, "adm", KR_ACCOUNT_ADMIN, "");
	put_siblings(s);
	assert_int_equal(kr_fplan_put(s, p, "test", -1, T0, NULL, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-1", "one", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-1", "both", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-2", "both", T0, NULL), KR_OK);

	assert_int_equal(kr_fplan_decide(s, &one, "fp1", false, &why), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_fplan_decide(s, &one, "fp1", true, &why), KR_ACCESS_FORBIDDEN);
	assert_string_equal(why, "you may not change every case it links");
	assert_int_equal(kr_fplan_decide(s, &both, "fp1", true, NULL), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_fplan_decide(s, &lead, "fp1", true, NULL), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_fplan_decide(s, &stranger, "fp1", false, &why), KR_ACCESS_HIDDEN);
	assert_int_equal(kr_fplan_decide(s, &ana, "fp1", false, NULL), KR_ACCESS_FORBIDDEN);
	assert_int_equal(kr_fplan_decide(s, &adm, "fp1", false, NULL), KR_ACCESS_HIDDEN);
	assert_int_equal(kr_fplan_decide(s, &both, "fp9", false, &why), KR_ACCESS_HIDDEN);
	assert_string_equal(why, "no such family plan");
	/* writing a document needs every case it names */
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_fplan_may_write(s, &one, p, &err), KR_EPERM);
	assert_int_equal(err.ndetails, 1);
	assert_non_null(strstr(err.details[0], "cases[1]: case \"PZ-2\" does not exist or you may "
	                       "not change it"));
	kr_error_cleanup(&err);
	assert_int_equal(kr_fplan_may_write(s, &both, p, NULL), KR_OK);
	/* the list follows the decision */
	assert_int_equal(kr_fplan_list(s, &one, NULL, &v, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	free(v);
	assert_int_equal(kr_fplan_list(s, &stranger, NULL, &v, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(kr_fplan_list(s, &ana, "PZ-1", &v, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	kr_fplan_free(p);
	kr_store_close(s);
}

static void a_reader_sees_only_their_children(void **state)
{
	struct kr_store *s = NULL;
	struct kr_fplan *p = plan_from(PLAN);
	struct kr_user one;
	json_t *j = NULL, *m;
	char *text;
	(void)state;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	one = add(s, "one", KR_ACCOUNT_WORKER, "zuid");
	put_siblings(s);
	assert_int_equal(kr_fplan_put(s, p, "test", -1, T0, NULL, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-1", "one", T0, NULL), KR_OK);

	/* the operator: both children, each with their own wishes and goals */
	assert_int_equal(kr_fplan_view(s, NULL, p, 1, (void **)&j, NULL), KR_OK);
	assert_int_equal(json_array_size(json_object_get(j, "children")), 2);
	m = json_array_get(json_object_get(j, "children"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "case")), "PZ-1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "child"),
	                                                      "name")), "Sam");
	assert_int_equal(json_array_size(json_object_get(m, "wishes")), 1);   /* not Erik's */
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	                    json_object_get(m, "wishes"), 0), "text")), "Ik wil mijn zus vaker zien");
	assert_int_equal(json_array_size(json_object_get(m, "goals")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "persons"),
	                                                      "PZ-2/q2")), "Oma Riet");
	json_decref(j);

	/* a worker of Sam only: nothing of Lisa's case, not even that it is there */
	assert_int_equal(kr_fplan_view(s, &one, p, 1, (void **)&j, NULL), KR_OK);
	assert_int_equal(json_array_size(json_object_get(j, "children")), 1);
	text = json_dumps(j, JSON_COMPACT);
	assert_null(strstr(text, "PZ-2"));
	assert_null(strstr(text, "Lisa"));
	assert_null(strstr(text, "Riet"));
	assert_null(strstr(text, "q1"));
	assert_non_null(strstr(text, "De kinderen zien elkaar elke week"));   /* the family's */
	free(text);
	m = json_array_get(json_object_get(json_object_get(j, "plan"), "meetings"), 0);
	assert_null(json_object_get(m, "coordinator"));
	assert_int_equal(json_array_size(json_object_get(m, "invited")), 1);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "plan"), "cases")), 1);
	json_decref(j);
	kr_fplan_free(p);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_plan),
		cmocka_unit_test(every_problem_with_its_path),
		cmocka_unit_test_setup_teardown(stored_and_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(who_may_see_a_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(a_reader_sees_only_their_children, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
