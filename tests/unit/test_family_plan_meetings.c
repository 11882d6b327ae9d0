/*
 * test_family_plan_meetings.c - the family plan's meetings as meetings of
 * each child's case (kr_case_judged, lib/family_plan_store.c, judged
 * through the history in lib/history.c), with the example siblings Noah
 * (PZ-2026-0109) and Tess (PZ-2026-0110) and their plan fp1: no
 * no-network-meeting for either child once the family met with people of
 * both cases, a child none of whose people took part does not count the
 * meeting, only the case's own persons come along, the summary's last
 * meeting and the lifeline show it, the stored document does not change,
 * and changing the plan, or destroying a sibling's case with it, makes the
 * stored signal facts stale (the signal comes back).  Run from the repository root (examples/).
 */
#include <sodium.h>

#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/facts.h"
#include "kring/family_plan.h"
#include "kring/history.h"
#include "kring/render.h"
#include "kring/retention.h"
#include "kring/settings.h"
#include "kring/signals.h"
#include "kring/store.h"
#include "kring/summary.h"

#define NOAH "PZ-2026-0109"
#define TESS "PZ-2026-0110"

static int setup(void **state)
{
	(void)state;
	tu_db_fresh("fplanmeet");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_db_remove();
	return 0;
}

/* A store with Noah's and Tess's cases. */
static struct kr_store *siblings(void)
{
	static const char *const files[] = { "examples/" NOAH ".json", "examples/" TESS ".json" };
	struct kr_store *s = NULL;

	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	for (size_t i = 0; i < 2; i++) {
		struct kr_case *c = tu_case_from_file(files[i]);
		assert_int_equal(kr_store_put(s, c, "test", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
	return s;
}

/* Stores plan document doc (a json_t, borrowed) on 2027-04-01. */
static void put_plan(struct kr_store *s, json_t *doc)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	char *text = json_dumps(doc, 0);

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_non_null(text);
	assert_int_equal(kr_fplan_read(text, strlen(text), &p, &err), KR_OK);
	if (kr_fplan_put(s, p, "test", 0, (time_t)tu_day("2027-04-01") * 86400, NULL, &err))
		fail_msg("plan not stored: %s %s", err.message, err.ndetails ? err.details[0] : "");
	kr_fplan_free(p);
	kr_error_cleanup(&err);
	free(text);
}

static json_t *example_plan(void)
{
	json_t *doc = json_load_file("examples/familyplans/fp1.json", 0, NULL);
	assert_non_null(doc);
	return doc;
}

/* Whether rule id fires for case ref on day, judged as `kring signals`
 * does: the latest revision with its history from the store. */
static bool fires(struct kr_store *s, const char *ref, const char *day, const char *id)
{
	struct kr_signal_list l = { 0 };
	struct kr_history *h = NULL;
	struct kr_case *c = NULL;
	long rev = 0;
	bool found = false;

	assert_int_equal(kr_store_head(s, ref, &rev, NULL), KR_OK);
	assert_int_equal(kr_store_get(s, ref, 0, &c, NULL), KR_OK);
	assert_int_equal(kr_history_open(s, ref, rev, c, &h, NULL), KR_OK);
	assert_int_equal(kr_signals_compute(c, h, tu_day(day), NULL, &l, NULL), KR_OK);
	for (size_t i = 0; i < l.n; i++)
		found |= strcmp(l.v[i].id, id) == 0;
	kr_signal_list_cleanup(&l);
	kr_history_free(h);
	kr_case_free(c);
	return found;
}

static void family_meeting_counts_for_both_children(void **state)
{
	struct kr_store *s = siblings();
	json_t *doc = example_plan();
	(void)state;

	/* without the plan, the signal the reviewer saw */
	assert_true(fires(s, NOAH, "2027-04-01", "no-network-meeting"));
	assert_true(fires(s, TESS, "2027-04-01", "no-network-meeting"));
	put_plan(s, doc);
	/* Noah (p1) and Tess (q1) both came on 20 November 2026, and m2 of 18
	 * February 2027 invited people of both */
	assert_false(fires(s, NOAH, "2027-04-01", "no-network-meeting"));
	assert_false(fires(s, TESS, "2027-04-01", "no-network-meeting"));
	json_decref(doc);
	kr_store_close(s);
}

static void meeting_without_the_childs_people_does_not_count(void **state)
{
	struct kr_store *s = siblings();
	json_t *doc = example_plan(), *meetings = json_object_get(doc, "meetings"), *m1, *l;
	struct kr_case_judged j;
	struct kr_case *c = NULL;
	size_t i;
	(void)state;

	/* m1 with only the people of Noah's case, m2 gone */
	json_array_remove(meetings, 1);
	m1 = json_array_get(meetings, 0);
	for (int k = 0; k < 2; k++) {
		json_t *r;
		l = json_object_get(m1, k ? "attended" : "invited");
		for (i = json_array_size(l); i-- > 0;) {
			r = json_array_get(l, i);
			if (strcmp(json_string_value(json_object_get(r, "case")), NOAH))
				json_array_remove(l, i);
		}
	}
	put_plan(s, doc);
	assert_false(fires(s, NOAH, "2027-04-01", "no-network-meeting"));
	assert_true(fires(s, TESS, "2027-04-01", "no-network-meeting"));

	/* Tess's case as judged: nothing of the family's meeting */
	assert_int_equal(kr_store_get(s, TESS, 0, &c, NULL), KR_OK);
	assert_int_equal(kr_case_judged(s, c, &j, NULL), KR_OK);
	assert_int_equal(j.nfamily, 0);
	assert_int_equal(j.c.nmeetings, c->nmeetings);
	kr_case_judged_cleanup(&j);
	kr_case_free(c);

	/* Noah's: the meeting with his own persons only, the stored case as it was */
	assert_int_equal(kr_store_get(s, NOAH, 0, &c, NULL), KR_OK);
	assert_int_equal(kr_case_judged(s, c, &j, NULL), KR_OK);
	assert_int_equal(j.nfamily, 1);
	assert_int_equal(j.c.nmeetings, c->nmeetings + 1);
	{
		const struct kr_meeting *m = &j.c.meetings[c->nmeetings];
		char plan[16];
		assert_string_equal(m->id, "fp1/m1");
		assert_true(kr_meeting_from_family_plan(m, plan, sizeof plan));
		assert_string_equal(plan, "fp1");
		assert_false(kr_meeting_from_family_plan(&c->meetings[0], NULL, 0));
		assert_int_equal(m->date.y, 2026);
		assert_int_equal(m->date.m, 11);
		assert_int_equal(m->date.d, 20);
		assert_string_equal(m->place, "buurthuis De Klimop, Kampen");
		assert_int_equal(m->nattended, 4);      /* p1, p2, p5, p7 */
		for (i = 0; i < m->nattended; i++)
			assert_true(m->attended[i] >= 0 && (size_t)m->attended[i] < c->npersons);
		assert_int_equal(m->coordinator, kr_case_person_index(c, "p11"));
	}
	{
		char *dump = kr_case_dump(&j.c, false);
		assert_non_null(dump);
		assert_null(strstr(dump, "fp1/m1"));   /* the document is the stored one */
		free(dump);
	}
	kr_case_judged_cleanup(&j);
	kr_case_free(c);
	json_decref(doc);
	kr_store_close(s);
}

static void summary_and_lifeline_show_the_meeting(void **state)
{
	struct kr_store *s = siblings();
	json_t *doc = example_plan();
	struct kr_case_summary *sum = NULL;
	struct kr_render_opts ro;
	struct kr_history *h = NULL;
	struct kr_case_judged j;
	struct kr_case *c = NULL;
	struct kr_buf svg;
	long rev = 0;
	(void)state;

	put_plan(s, doc);
	assert_int_equal(kr_store_head(s, NOAH, &rev, NULL), KR_OK);
	assert_int_equal(kr_store_get(s, NOAH, 0, &c, NULL), KR_OK);
	assert_int_equal(kr_history_open(s, NOAH, rev, c, &h, NULL), KR_OK);
	assert_int_equal(kr_case_summary(c, h, tu_day("2027-01-15"), NULL, &sum, NULL), KR_OK);
	assert_true(sum->last_meeting >= 0);
	assert_string_equal(sum->c->meetings[sum->last_meeting].id, "fp1/m1");
	assert_int_equal(kr_date_first(sum->c->meetings[sum->last_meeting].date),
	                 tu_day("2026-11-20"));
	assert_true(sum->next_meeting >= 0);
	assert_string_equal(sum->c->meetings[sum->next_meeting].id, "fp1/m2");
	kr_case_summary_free(sum);
	kr_history_free(h);

	memset(&ro, 0, sizeof ro);
	ro.lang = KR_LANG_NL;
	ro.as_of = tu_day("2027-04-01");
	kr_buf_init(&svg, 1u << 24);
	assert_int_equal(kr_render_svg(KR_RENDER_LIFELINE, c, &ro, &svg, NULL), KR_OK);
	assert_null(strstr(svg.data, "gezinsbijeenkomst"));   /* the document alone */
	kr_buf_cleanup(&svg);
	assert_int_equal(kr_case_judged(s, c, &j, NULL), KR_OK);
	kr_buf_init(&svg, 1u << 24);
	assert_int_equal(kr_render_svg(KR_RENDER_LIFELINE, &j.c, &ro, &svg, NULL), KR_OK);
	assert_int_equal(tu_count(svg.data, "gezinsbijeenkomst (gezinsplan fp1)"), 2);
	kr_buf_cleanup(&svg);
	kr_case_judged_cleanup(&j);
	kr_case_free(c);
	json_decref(doc);
	kr_store_close(s);
}

struct counts { size_t warning[2]; };

static int count_row(const struct kr_facts_signals *row, void *arg)
{
	struct counts *n = arg;
	n->warning[strcmp(row->ref, NOAH) != 0] = row->warning;
	return 0;
}

static void changing_the_plan_makes_the_facts_stale(void **state)
{
	struct kr_store *s = siblings();
	json_t *doc = example_plan();
	struct kr_settings set;
	struct counts with, without;
	long day = tu_day("2027-04-01");
	(void)state;

	kr_settings_defaults(&set);
	put_plan(s, doc);
	/* the day's signals stored, as `kring reindex --signals` does */
	assert_int_equal(kr_facts_refresh(s, day, &set, NULL, NULL), KR_OK);
	assert_int_equal(kr_facts_signals(s, day, &set, count_row, &with, NULL), KR_OK);
	/* the family's meetings removed: the stored facts are judged again */
	json_array_clear(json_object_get(doc, "meetings"));
	put_plan(s, doc);
	assert_int_equal(kr_facts_signals(s, day, &set, count_row, &without, NULL), KR_OK);
	assert_int_equal(without.warning[0], with.warning[0] + 1);
	assert_int_equal(without.warning[1], with.warning[1] + 1);
	assert_true(fires(s, NOAH, "2027-04-01", "no-network-meeting"));
	json_decref(doc);
	kr_store_close(s);
}

static void destroying_a_sibling_makes_the_facts_stale(void **state)
{
	struct kr_store *s = siblings();
	json_t *doc = example_plan();
	struct kr_settings set;
	struct counts with, without;
	long day = tu_day("2027-04-01");
	(void)state;

	kr_settings_defaults(&set);
	put_plan(s, doc);
	assert_int_equal(kr_facts_refresh(s, day, &set, NULL, NULL), KR_OK);
	assert_int_equal(kr_facts_signals(s, day, &set, count_row, &with, NULL), KR_OK);
	/* Tess's case destroyed takes the plan with it (retention.c): Noah's
	 * stored facts counted its meetings and are judged again */
	assert_int_equal(kr_retention_destroy(s, TESS, "beheer", "Jeugdwet 7.3.10",
	                                      (time_t)day * 86400, NULL, NULL), KR_OK);
	memset(&without, 0, sizeof without);
	assert_int_equal(kr_facts_signals(s, day, &set, count_row, &without, NULL), KR_OK);
	assert_int_equal(without.warning[0], with.warning[0] + 1);
	json_decref(doc);
	kr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(family_meeting_counts_for_both_children, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(meeting_without_the_childs_people_does_not_count,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(summary_and_lifeline_show_the_meeting, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(changing_the_plan_makes_the_facts_stale, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(destroying_a_sibling_makes_the_facts_stale, setup,
		                                teardown),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
