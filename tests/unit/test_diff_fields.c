/*
 * test_diff_fields.c - the fields of issue 13 in the history in words
 * (lib/diff.c): a revision that changes only the support of both families
 * (support.parents.person, support.foster_parents.peer_contacts) is said,
 * not left without lines; a settling-in score that drops is said as that
 * check-in's score in words, not as a check-in added and one removed; the
 * matching's fields, the placement's family and the parents' blessing have
 * words, in Dutch and in English, never a raw path.
 */
#include <jansson.h>

#include "testutil.h"
#include "kring/diff.h"
#include "kring/init.h"

#define HEAD "{\"format\":\"kring-case/1\"," \
	"\"case\":{\"ref\":\"T-DIFF2\",\"child\":\"p1\"}," \
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"],\"born\":\"2014-05-02\"}," \
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"],\"world\":\"origin\"}," \
	"{\"id\":\"p3\",\"name\":\"Marga\",\"roles\":[\"foster_parent\"],\"world\":\"foster\"}," \
	"{\"id\":\"p4\",\"name\":\"Anouk\",\"roles\":[\"foster_care_worker\"],\"world\":\"professional\"}," \
	"{\"id\":\"p5\",\"name\":\"Petra\",\"roles\":[\"other_professional\"],\"world\":\"professional\"}," \
	"{\"id\":\"p6\",\"name\":\"Oma Truus\",\"roles\":[\"grandparent\"],\"world\":\"origin\"}]," \
	"\"placements\":[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"network\":false," \
	"\"carers\":[\"p3\"],\"start\":\"2026-03-01\""

static time_t fixed_clock(void *arg)
{
	(void)arg;
	return (time_t)1796083200;   /* 2026-12-01T00:00:00Z */
}

static int setup(void **state)
{
	struct kr_config cfg;
	(void)state;
	kr_config_defaults(&cfg);
	cfg.clock = fixed_clock;
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	return 0;
}

/* The changes from a to b must be exactly the lines nl and en. */
static void said(const char *a, const char *b, const char *nl, const char *en)
{
	struct kr_case *ca = tu_case_from_text(a), *cb = tu_case_from_text(b);
	struct kr_diff d;

	assert_int_equal(kr_diff_cases(ca, cb, &d, NULL), KR_OK);
	if (d.n != 1 || strcmp(d.v[0].text[0], nl) != 0 || strcmp(d.v[0].text[1], en) != 0) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "  [%zu] %s | %s\n", i, d.v[i].text[0], d.v[i].text[1]);
		fail_msg("want \"%s\" / \"%s\"", nl, en);
	}
	kr_diff_cleanup(&d);
	kr_case_free(ca);
	kr_case_free(cb);
}

static void support_of_both_families(void **state)
{
	(void)state;
	said(HEAD "}],\"support\":{\"parents\":{\"person\":\"p6\"},"
	     "\"foster_parents\":{\"person\":\"p4\",\"peer_contacts\":[\"2026-10-01\"]}}}",
	     HEAD "}],\"support\":{\"parents\":{\"person\":\"p5\"},"
	     "\"foster_parents\":{\"person\":\"p4\",\"peer_contacts\":[\"2026-10-01\","
	     "\"2026-11-12\"]}}}",
	     "steun voor beide gezinnen: steunpersoon van de ouders Oma Truus \xE2\x86\x92 Petra, "
	     "contact met andere pleegouders: 12 november 2026 erbij",
	     "support for both families: the parents' support person Oma Truus \xE2\x86\x92 "
	     "Petra, "
	     "contact with other foster parents: added 12 November 2026");
	/* support that was not there before */
	said(HEAD "}]}",
	     HEAD "}],\"support\":{\"parents\":{\"person\":\"p5\",\"since\":\"2026-03-02\"}}}",
	     "steun voor beide gezinnen: steunpersoon van de ouders Petra, steun voor de ouders "
	     "sinds 2 maart 2026",
	     "support for both families: the parents' support person Petra, support for the "
	     "parents since 2 March 2026");
}

static void settling_scores(void **state)
{
	(void)state;
	said(HEAD ",\"settling\":[{\"date\":\"2026-03-08\",\"child\":5,\"parents\":3}]}]}",
	     HEAD ",\"settling\":[{\"date\":\"2026-03-08\",\"child\":2,\"parents\":3}]}]}",
	     "plaatsing pl1: wennen: gesprek van 8 maart 2026: kind gaat heel goed \xE2\x86\x92 "
	     "gaat moeilijk",
	     "placement pl1: settling in: check-in of 8 March 2026: child going very well "
	     "\xE2\x86\x92 hard");
	said(HEAD ",\"settling\":[{\"date\":\"2026-03-08\",\"child\":4}]}]}",
	     HEAD ",\"settling\":[{\"date\":\"2026-03-08\",\"child\":4},"
	     "{\"date\":\"2026-03-22\",\"child\":3}]}]}",
	     "plaatsing pl1: wennen: gesprek van 22 maart 2026 erbij",
	     "placement pl1: settling in: check-in of 22 March 2026 added");
}

static void matching_fields(void **state)
{
	(void)state;
	said(HEAD ",\"matching\":{\"child_involved\":\"informed\"}}]}",
	     HEAD ",\"matching\":{\"child_involved\":\"visited\",\"first_meeting\":\"2026-02-20\","
	     "\"own_children_heard\":true}}]}",
	     "plaatsing pl1: het kind bij de matching alleen verteld \xE2\x86\x92 "
	     "ging eerst op kennismaking, kennismaking ouders en pleegouders 20 februari 2026, eigen "
	     "kinderen van het pleeggezin gehoord ja",
	     "placement pl1: the child in the matching only told \xE2\x86\x92 visited first, "
	     "first meeting of parents and foster parents 20 February 2026, the foster family's "
	     "own children heard yes");
	said(HEAD ",\"matching\":{\"considered\":[{\"person\":\"p6\",\"chosen\":false}]}}]}",
	     HEAD ",\"matching\":{\"considered\":[{\"person\":\"p6\",\"chosen\":false},"
	     "{\"person\":\"p3\",\"chosen\":true}],\"decision\":\"Marga\",\"why\":\"dichtbij\"}}]}",
	     "plaatsing pl1: overwogen: Marga (gekozen) erbij, besluit van de matching "
	     "\xE2\x80\x98Marga\xE2\x80\x99, waarom deze match \xE2\x80\x98" "dichtbij"
	     "\xE2\x80\x99",
	     "placement pl1: considered: added Marga (chosen), matching decision "
	     "\xE2\x80\x98Marga\xE2\x80\x99, why this match \xE2\x80\x98" "dichtbij"
	     "\xE2\x80\x99");
}

/* No line of any change of these fields names a raw path. */
static void no_raw_paths(void **state)
{
	struct kr_case *ca, *cb;
	struct kr_diff d;
	(void)state;
	ca = tu_case_from_text(HEAD "}]}");
	cb = tu_case_from_text(HEAD ",\"matching\":{\"date\":\"2026-02-25\","
	                       "\"child_wishes\":\"dichtbij school\",\"parents_wishes\":\"dichtbij\","
	                       "\"own_children_text\":\"leuk\",\"decision\":\"ja\",\"why\":\"past\"},"
	                       "\"settling\":[{\"date\":\"2026-03-08\",\"child\":4}]}],"
	                       "\"plan\":{\"blessing\":{\"date\":\"2026-04-01\",\"by\":[\"p2\"],"
	                       "\"text\":\"Sam mag zich thuis voelen\"},"
	                       "\"wishes\":[{\"id\":\"w1\",\"by\":\"p1\",\"text\":\"voetbal\"}]},"
	                       "\"support\":{\"foster_parents\":{\"person\":\"p4\","
	                       "\"since\":\"2026-03-01\",\"contacts\":[\"2026-04-01\"]}}}");
	assert_int_equal(kr_diff_cases(ca, cb, &d, NULL), KR_OK);
	assert_true(d.n >= 3);
	for (size_t i = 0; i < d.n; i++)
		for (int L = 0; L < 2; L++) {
			const char *t = d.v[i].text[L];
			if (strstr(t, "matching.") || strstr(t, "blessing.") || strstr(t, "support.") ||
			    strstr(t, "parents.") || strstr(t, "settling.") || strstr(t, "_"))
				fail_msg("a raw path in \"%s\"", t);
		}
	kr_diff_cleanup(&d);
	kr_case_free(ca);
	kr_case_free(cb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(support_of_both_families),
		cmocka_unit_test(settling_scores),
		cmocka_unit_test(matching_fields),
		cmocka_unit_test(no_raw_paths),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
