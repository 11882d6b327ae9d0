/*
 * test_family_plan_history.c - the family plan's history in words
 * (lib/family_plan_history.c): kr_fplan_diff says each change of the name,
 * the cases, a goal, an agreement (done first), a wish and a meeting in
 * Dutch and English with persons by name, and nothing for two equal
 * documents; kr_fplan_history gives every revision with who made it, cut
 * for a reader who may not read one of the cases (a revision that only
 * concerned that child is not there, and nothing names it); the view's
 * may_write follows the library's write decision; a meeting's type is one
 * the library knows.
 */
#include <sodium.h>

#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/diff.h"
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
	"\"by\":{\"case\":\"PZ-2\",\"person\":\"q1\"}}]}";

static int setup(void **state)
{
	struct kr_auth_config c;
	(void)state;
	tu_db_fresh("fplanhist");
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

static json_t *doc(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);
	if (!j)
		fail_msg("bad JSON in the test: %s", e.text);
	return j;
}

/* Change i of d in lang l. */
static const char *said(const struct kr_diff *d, size_t i, enum kr_lang l)
{
	assert_true(i < d->n);
	return d->v[i].text[l];
}

static void changes_in_words(void **state)
{
	json_t *a = doc(PLAN), *b = doc(PLAN), *names = json_pack("{s:s, s:s, s:s}", "PZ-1/p2",
	                                                           "Vader Erik", "PZ-2/q2", "Oma Riet",
	                                                           "PZ-2/q1", "Lisa");
	json_t *g, *ag, *m;
	struct kr_diff d;
	(void)state;

	/* equal documents: nothing */
	assert_int_equal(kr_fplan_diff(a, b, names, &d, NULL), KR_OK);
	assert_int_equal(d.n, 0);
	assert_false(d.created);
	kr_diff_cleanup(&d);
	/* created */
	assert_int_equal(kr_fplan_diff(NULL, b, names, &d, NULL), KR_OK);
	assert_true(d.created);
	assert_int_equal(d.n, 1);
	assert_string_equal(said(&d, 0, KR_LANG_NL), "gezinsplan aangemaakt");
	assert_string_equal(said(&d, 0, KR_LANG_EN), "family plan created");
	kr_diff_cleanup(&d);

	json_object_set_new(b, "name", json_string("Gezin De Vries-Bakker"));
	g = json_array_get(json_object_get(b, "goals"), 0);
	json_object_set_new(g, "text", json_string("De kinderen zien elkaar twee keer per week"));
	json_array_append_new(json_object_get(g, "who"), json_pack("{s:s, s:s}", "case", "PZ-2",
	                      "person", "q2"));
	json_array_append_new(json_object_get(b, "goals"), json_pack("{s:s, s:s}", "id", "g2",
	                      "text", "Samen naar zwemles"));
	ag = json_array_get(json_object_get(b, "agreements"), 0);
	json_object_set_new(ag, "done", json_true());
	json_object_set_new(ag, "when", json_string("elke zaterdag"));
	json_array_clear(json_object_get(b, "wishes"));
	m = json_array_get(json_object_get(b, "meetings"), 0);
	json_object_set_new(m, "type", json_string("round_table"));
	json_object_set_new(m, "date", json_string("2026-09-08"));
	json_object_del(m, "attended");

	assert_int_equal(kr_fplan_diff(a, b, names, &d, NULL), KR_OK);
	assert_int_equal(d.n, 6);
	assert_string_equal(d.v[0].collection, "plan");
	assert_null(d.v[0].item);
	assert_string_equal(said(&d, 0, KR_LANG_NL),
	                    "gezinsplan: naam \xE2\x80\x98Gezin De Vries\xE2\x80\x99 \xE2\x86\x92 "
	                    "\xE2\x80\x98Gezin De Vries-Bakker\xE2\x80\x99");
	assert_string_equal(d.v[1].collection, "goals");
	assert_string_equal(d.v[1].item, "g1");
	assert_int_equal(d.v[1].op, KR_CHANGE_CHANGED);
	assert_string_equal(said(&d, 1, KR_LANG_NL),
	                    "doel g1: doel \xE2\x80\x98" "De kinderen zien elkaar elke week\xE2\x80\x99 "
	                    "\xE2\x86\x92 \xE2\x80\x98" "De kinderen zien elkaar twee keer per "
	                    "week\xE2\x80\x99, wie: Oma Riet erbij");
	assert_string_equal(said(&d, 1, KR_LANG_EN),
	                    "goal g1: goal \xE2\x80\x98" "De kinderen zien elkaar elke week\xE2\x80\x99 "
	                    "\xE2\x86\x92 \xE2\x80\x98" "De kinderen zien elkaar twee keer per "
	                    "week\xE2\x80\x99, who: added Oma Riet");
	assert_int_equal(d.v[2].op, KR_CHANGE_ADDED);
	assert_string_equal(said(&d, 2, KR_LANG_NL),
	                    "doel g2 toegevoegd: \xE2\x80\x98Samen naar zwemles\xE2\x80\x99");
	assert_string_equal(said(&d, 3, KR_LANG_NL), "afspraak a1 afgerond: wanneer "
	                    "\xE2\x80\x98zaterdag\xE2\x80\x99 \xE2\x86\x92 \xE2\x80\x98"
	                    "elke zaterdag\xE2\x80\x99");
	assert_string_equal(said(&d, 3, KR_LANG_EN), "agreement a1 done: when "
	                    "\xE2\x80\x98zaterdag\xE2\x80\x99 \xE2\x86\x92 \xE2\x80\x98"
	                    "elke zaterdag\xE2\x80\x99");
	assert_string_equal(d.v[4].collection, "wishes");
	assert_int_equal(d.v[4].op, KR_CHANGE_REMOVED);
	assert_string_equal(said(&d, 4, KR_LANG_NL),
	                    "wens w1 verwijderd: \xE2\x80\x98Samen op vakantie\xE2\x80\x99");
	assert_string_equal(said(&d, 5, KR_LANG_NL), "gezinsbijeenkomst m1: datum 1 september "
	                    "2026 \xE2\x86\x92 8 september 2026, aanwezig: Vader Erik eraf, soort "
	                    "rondetafel");
	assert_string_equal(said(&d, 5, KR_LANG_EN), "family meeting m1: date 1 September "
	                    "2026 \xE2\x86\x92 8 September 2026, attended: removed Vader Erik, type "
	                    "round table");
	kr_diff_cleanup(&d);

	/* without names a person is said by id and case; an agreement opened again */
	json_object_set_new(ag, "done", json_false());
	assert_int_equal(kr_fplan_diff(b, a, NULL, &d, NULL), KR_OK);
	assert_string_equal(said(&d, 1, KR_LANG_NL),
	                    "doel g1: doel \xE2\x80\x98" "De kinderen zien elkaar twee keer per "
	                    "week\xE2\x80\x99 \xE2\x86\x92 \xE2\x80\x98" "De kinderen zien elkaar elke "
	                    "week\xE2\x80\x99, wie: q2 (PZ-2) eraf");
	assert_string_equal(said(&d, 3, KR_LANG_NL), "afspraak a1: wanneer "
	                    "\xE2\x80\x98" "elke zaterdag\xE2\x80\x99 \xE2\x86\x92 \xE2\x80\x98"
	                    "zaterdag\xE2\x80\x99");
	kr_diff_cleanup(&d);
	json_object_set_new(ag, "done", json_true());
	assert_int_equal(kr_fplan_diff(b, a, NULL, &d, NULL), KR_OK);
	assert_non_null(strstr(said(&d, 3, KR_LANG_NL), "afspraak a1 weer open"));
	kr_diff_cleanup(&d);
	assert_int_equal(kr_fplan_diff(a, NULL, NULL, &d, NULL), KR_EUSAGE);
	json_decref(a);
	json_decref(b);
	json_decref(names);
}

/* A meeting's kind is one the library knows; an unknown one is said at its path. */
/* The words the case history has for a value cleared, a long text and a
 * list in another order (diff.c, shared through diff_int.h). */
static void changes_in_the_case_history_words(void **state)
{
	json_t *a = doc(PLAN), *b = doc(PLAN), *names = json_pack("{s:s, s:s}", "PZ-1/p2", "Riet",
	                                                          "PZ-2/q2", "Joke");
	json_t *m = json_array_get(json_object_get(b, "meetings"), 0), *inv;
	struct kr_diff d = { 0 };
	(void)state;
	json_object_del(m, "place");
	json_object_set_new(m, "outcome", json_string("Elke week samen, en in de vakanties om de "
	                    "beurt bij oma of bij de pleegouders; de kinderen bellen elkaar"));
	inv = json_object_get(m, "invited");
	json_array_append(inv, json_array_get(inv, 0));
	json_array_remove(inv, 0);
	assert_int_equal(kr_fplan_diff(a, b, names, &d, NULL), KR_OK);
	assert_int_equal(d.n, 1);
	assert_string_equal(said(&d, 0, KR_LANG_NL),
	                    "gezinsbijeenkomst m1: plaats gewist (was \xE2\x80\x98" "buurthuis"
	                    "\xE2\x80\x99), uitgenodigd: andere volgorde, besloten aangepast");
	assert_string_equal(said(&d, 0, KR_LANG_EN),
	                    "family meeting m1: place cleared (was \xE2\x80\x98" "buurthuis"
	                    "\xE2\x80\x99), invited: order changed, outcome changed");
	kr_diff_cleanup(&d);
	json_decref(a);
	json_decref(b);
	json_decref(names);
}

static void a_meeting_type(void **state)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	json_t *j = doc(PLAN);
	json_t *m = json_array_get(json_object_get(j, "meetings"), 0);
	(void)state;
	json_object_set_new(m, "type", json_string("round_table"));
	assert_int_equal(kr_fplan_from_json(j, &p, NULL), KR_OK);
	kr_fplan_free(p);
	json_object_set_new(m, "type", json_string("party"));
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_fplan_from_json(j, &p, &err), KR_EINVAL);
	assert_null(p);
	assert_int_equal(err.ndetails, 1);
	assert_non_null(strstr(err.details[0], "meetings[0].type: \"party\" is not a kind of "
	                       "meeting kring knows"));
	kr_error_cleanup(&err);
	json_decref(j);
}

static struct kr_user add(struct kr_store *s, const char *name, enum kr_account_role role,
                          const char *team)
{
	struct kr_user u;
	assert_int_equal(kr_account_add(s, name, role, team, GOOD, T0, NULL, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, name, &u, NULL), KR_OK);
	return u;
}

static void put_siblings(struct kr_store *s)
{
	static const char *const docs[] = {
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-1\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"},{\"id\":\"p2\",\"name\":\"Vader Erik\"}]}",
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-2\",\"child\":\"q1\"},"
		"\"persons\":[{\"id\":\"q1\",\"name\":\"Lisa\"},{\"id\":\"q2\",\"name\":\"Oma Riet\"}]}",
	};
	for (size_t i = 0; i < 2; i++) {
		struct kr_case *c = tu_case_from_text(docs[i]);
		assert_int_equal(kr_store_put(s, c, "test", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
}

/* Stores document j as the next revision of fp1 by author. */
static void put_doc(struct kr_store *s, json_t *j, const char *author)
{
	struct kr_fplan *p = NULL;
	assert_int_equal(kr_fplan_from_json(j, &p, NULL), KR_OK);
	assert_int_equal(kr_fplan_put(s, p, author, 0, T0, NULL, NULL), KR_OK);
	kr_fplan_free(p);
}

static void history_as_each_reader_sees_it(void **state)
{
	struct kr_store *s = NULL;
	struct kr_revision_changes *v = NULL;
	struct kr_fplan *p = NULL;
	struct kr_user one, both;
	json_t *j = doc(PLAN), *arr, *view = NULL;
	size_t n = 0;
	char *text;
	(void)state;
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	one = add(s, "one", KR_ACCOUNT_WORKER, "zuid");
	both = add(s, "both", KR_ACCOUNT_WORKER, "noord");
	put_siblings(s);
	assert_int_equal(kr_assignment_add(s, "PZ-1", "one", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-1", "both", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-2", "both", T0, NULL), KR_OK);
	put_doc(s, j, "anouk");
	/* revision 2 concerns Lisa's case only: her grandmother drives too */
	json_array_append_new(json_object_get(json_array_get(json_object_get(j, "agreements"), 0),
	                      "who"), json_pack("{s:s, s:s}", "case", "PZ-2", "person", "q1"));
	put_doc(s, j, "bert");
	/* revision 3: the family's goal in other words */
	json_object_set_new(json_array_get(json_object_get(j, "goals"), 0), "text",
	                    json_string("Samen sporten"));
	put_doc(s, j, "anouk");

	/* the operator: every revision */
	assert_int_equal(kr_fplan_history(s, NULL, "fp1", &v, &n, NULL), KR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].info.rev, 1);
	assert_true(v[0].diff.created);
	assert_string_equal(v[1].who, "bert");
	assert_int_equal(v[1].diff.n, 1);
	assert_string_equal(v[1].diff.v[0].text[KR_LANG_NL], "afspraak a1: wie: Lisa erbij");
	assert_int_equal(v[2].info.rev, 3);
	kr_diff_history_free(v, n);

	/* a worker of Sam only: revision 2 is not there, nothing names Lisa's case */
	assert_int_equal(kr_fplan_history(s, &one, "fp1", &v, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].info.rev, 1);
	assert_int_equal(v[1].info.rev, 3);
	assert_string_equal(v[1].diff.v[0].text[KR_LANG_EN], "goal g1: goal \xE2\x80\x98"
	                    "De kinderen zien elkaar elke week\xE2\x80\x99 \xE2\x86\x92 "
	                    "\xE2\x80\x98Samen sporten\xE2\x80\x99");
	arr = kr_diff_history_json(v, n);
	text = json_dumps(arr, JSON_COMPACT);
	assert_null(strstr(text, "PZ-2"));
	assert_null(strstr(text, "Lisa"));
	assert_null(strstr(text, "Riet"));
	assert_null(strstr(text, "bert"));
	free(text);
	json_decref(arr);
	kr_diff_history_free(v, n);

	assert_int_equal(kr_fplan_history(s, &one, "fp9", &v, &n, NULL), KR_ENOTFOUND);
	assert_null(v);

	/* the view says who may change the plan, from the library's decision */
	assert_int_equal(kr_fplan_get(s, "fp1", &p, NULL, NULL), KR_OK);
	assert_int_equal(kr_fplan_view(s, &one, p, 3, (void **)&view, NULL), KR_OK);
	assert_true(json_is_false(json_object_get(view, "may_write")));
	assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(view,
	                 "children"), 0), "people")), 2);
	json_decref(view);
	assert_int_equal(kr_fplan_view(s, &both, p, 3, (void **)&view, NULL), KR_OK);
	assert_true(json_is_true(json_object_get(view, "may_write")));
	json_decref(view);
	assert_int_equal(kr_fplan_view(s, NULL, p, 3, (void **)&view, NULL), KR_OK);
	assert_true(json_is_true(json_object_get(view, "may_write")));
	json_decref(view);
	kr_fplan_free(p);
	json_decref(j);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(changes_in_words),
		cmocka_unit_test(changes_in_the_case_history_words),
		cmocka_unit_test(a_meeting_type),
		cmocka_unit_test_setup_teardown(history_as_each_reader_sees_it, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
