/*
 * test_history.c - earlier recorded states of a case (history.h,
 * lib/history.c), from the store and from memory: kr_history_at() answers
 * with the revision current at the end of a day, kr_history_each() walks
 * every state current at the end of some day of a window, oldest first,
 * with the last such day (a revision replaced on the day it was recorded
 * is skipped), reading only those revisions; and tie-worsened, computed on
 * a stored case, sees a tie that was positive only between its two
 * checkpoints (issue 9: a revision recorded in the window counts).
 */
#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/history.h"
#include "kring/signals.h"
#include "kring/store.h"

/* The quality of Ilse and Marga's tie is the mark of each revision. */
#define DOC(q) "{\"format\":\"kring-case/1\"," \
	"\"case\":{\"ref\":\"T-HIST\",\"child\":\"p1\"}," \
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"],\"born\":\"2014-05-02\"}," \
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"],\"world\":\"origin\"}," \
	"{\"id\":\"p3\",\"name\":\"Marga\",\"roles\":[\"foster_parent\"],\"world\":\"foster\"}]," \
	"\"kinship\":[{\"type\":\"parent\",\"parent\":\"p2\",\"child\":\"p1\"}]," \
	"\"ties\":[{\"a\":\"p2\",\"b\":\"p3\",\"quality\":\"" q "\"}]," \
	"\"placements\":[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"carers\":[\"p3\"]," \
	"\"start\":\"2025-01-15\"}]}"

static struct kr_store *S;

static int setup(void **state)
{
	(void)state;
	tu_db_fresh("history");
	assert_int_equal(kr_store_open(dbpath, &S, NULL), KR_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kr_store_close(S);
	tu_db_remove();
	return 0;
}

static void put(const char *text, const char *day, int hour)
{
	struct kr_case *c = tu_case_from_text(text);
	kr_store_set_now(S, (time_t)tu_day(day) * 86400 + hour * 3600);
	assert_int_equal(kr_store_put(S, c, "test", 0, NULL, NULL), KR_OK);
	kr_case_free(c);
}

struct seen {
	char what[8][16];
	long day[8];
	size_t n;
};

static bool see(const struct kr_case *c, long day, void *arg)
{
	struct seen *s = arg;
	assert_true(s->n < 8);
	snprintf(s->what[s->n], sizeof s->what[0], "%s",
	         c->nties ? kr_enum_name(KR_ENUM_QUALITY, c->ties[0].quality) : "-");
	s->day[s->n++] = day;
	return true;
}

static void seen_is(const struct seen *s, size_t n, const char *const *what,
                    const char *const *day)
{
	assert_int_equal(s->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(s->what[i], what[i]);
		assert_int_equal(s->day[i], tu_day(day[i]));
	}
}

/* neutral (1 June 2025), positive (1 February 2026, replaced at once by
 * conflict the same day), ambivalent (1 July 2026), the latest. */
static void store_states(void)
{
	put(DOC("neutral"), "2025-06-01", 1);
	put(DOC("positive"), "2026-02-01", 1);
	put(DOC("conflict"), "2026-02-01", 2);
	put(DOC("positive"), "2026-03-01", 1);
	put(DOC("ambivalent"), "2026-07-01", 1);
}

static void each_from_store(void **state)
{
	struct kr_case *latest;
	struct kr_history *h;
	struct seen s = { .n = 0 };
	(void)state;
	store_states();
	assert_int_equal(kr_store_get(S, "T-HIST", 0, &latest, NULL), KR_OK);
	assert_int_equal(kr_history_open(S, "T-HIST", 5, latest, &h, NULL), KR_OK);
	assert_false(kr_history_recorded_by(h, tu_day("2025-05-31")));
	assert_true(kr_history_recorded_by(h, tu_day("2025-06-01")));
	/* 1 December 2025 .. 1 September 2026 */
	assert_int_equal(kr_history_each(h, tu_day("2025-12-01"), tu_day("2026-09-01"), see, &s), 4);
	seen_is(&s, 4, (const char *const[]){ "neutral", "conflict", "positive", "ambivalent" },
	        (const char *const[]){ "2026-01-31", "2026-02-28", "2026-06-30", "2026-09-01" });
	/* a window of one day inside a state */
	s.n = 0;
	assert_int_equal(kr_history_each(h, tu_day("2026-04-01"), tu_day("2026-04-01"), see, &s), 1);
	seen_is(&s, 1, (const char *const[]){ "positive" }, (const char *const[]){ "2026-04-01" });
	/* before anything was recorded */
	s.n = 0;
	assert_int_equal(kr_history_each(h, tu_day("2024-01-01"), tu_day("2025-05-31"), see, &s), 0);
	kr_history_free(h);
	kr_case_free(latest);
}

static void each_in_memory(void **state)
{
	struct kr_case *c[5];
	struct kr_history *h = kr_history_new();
	struct seen s = { .n = 0 };
	(void)state;
	c[0] = tu_case_from_text(DOC("neutral"));
	c[1] = tu_case_from_text(DOC("positive"));
	c[2] = tu_case_from_text(DOC("conflict"));
	c[3] = tu_case_from_text(DOC("positive"));
	c[4] = tu_case_from_text(DOC("ambivalent"));
	/* added out of order; the same day keeps the order added */
	assert_int_equal(kr_history_add(h, c[4], tu_day("2026-07-01")), KR_OK);
	assert_int_equal(kr_history_add(h, c[0], tu_day("2025-06-01")), KR_OK);
	assert_int_equal(kr_history_add(h, c[1], tu_day("2026-02-01")), KR_OK);
	assert_int_equal(kr_history_add(h, c[2], tu_day("2026-02-01")), KR_OK);
	assert_int_equal(kr_history_add(h, c[3], tu_day("2026-03-01")), KR_OK);
	assert_int_equal(kr_history_each(h, tu_day("2025-12-01"), tu_day("2026-09-01"), see, &s), 4);
	seen_is(&s, 4, (const char *const[]){ "neutral", "conflict", "positive", "ambivalent" },
	        (const char *const[]){ "2026-01-31", "2026-02-28", "2026-06-30", "2026-09-01" });
	assert_ptr_equal(kr_history_at(h, tu_day("2026-02-01")), c[2]);
	kr_history_free(h);
	for (int i = 0; i < 5; i++)
		kr_case_free(c[i]);
}

/* The case of issue 9's review: positive in a revision recorded 1 February
 * 2026, ambivalent from 1 July 2026; judged on 1 December 2026 the two
 * checkpoints (1 December 2025, 1 September 2026) never saw it positive. */
static void tie_worsened_from_store(void **state)
{
	struct kr_case *latest;
	struct kr_history *h;
	struct kr_signal_list l = { 0 };
	bool fired = false;
	(void)state;
	put(DOC("ambivalent"), "2025-06-01", 1);
	put(DOC("positive"), "2026-02-01", 1);
	put(DOC("ambivalent"), "2026-07-01", 1);
	assert_int_equal(kr_store_get(S, "T-HIST", 0, &latest, NULL), KR_OK);
	assert_int_equal(kr_history_open(S, "T-HIST", 3, latest, &h, NULL), KR_OK);
	assert_int_equal(kr_signals_compute(latest, h, tu_day("2026-12-01"), NULL, &l, NULL), KR_OK);
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i].id, "tie-worsened")) {
			fired = true;
			assert_non_null(strstr(l.v[i].message[KR_LANG_NL], "was op 30 juni 2026 goed"));
		}
	assert_true(fired);
	kr_signal_list_cleanup(&l);
	/* a year later the positive revision lies outside the window */
	assert_int_equal(kr_signals_compute(latest, h, tu_day("2027-07-01"), NULL, &l, NULL), KR_OK);
	for (size_t i = 0; i < l.n; i++)
		assert_string_not_equal(l.v[i].id, "tie-worsened");
	kr_signal_list_cleanup(&l);
	kr_history_free(h);
	kr_case_free(latest);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_from_store, setup, teardown),
		cmocka_unit_test(each_in_memory),
		cmocka_unit_test_setup_teardown(tie_worsened_from_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
