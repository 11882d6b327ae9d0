/*
 * test_scan.c - the Community Scan values (lib/scan.c): the importance and
 * contact tables, the segment formula (points / 3, one decimal, capped at
 * 10), who counts on a given day (not the child, not the deceased, not
 * professionals outside their involvement), segments derived from roles,
 * states (empty, weak), the order of the people, and the edge cases.
 */
#include "testutil.h"

#include <stdint.h>

#include "kring/buf.h"
#include "kring/generate.h"
#include "kring/scan.h"

/* Sam's network: two foster parents (strong, daily), a mother (ambivalent,
 * monthly), a deceased father, a sister (weak, rarely), a coach who is the
 * trust figure (weekly), a teacher and a friend without a segment (derived),
 * a guardian without a tie, and a foster care worker involved from
 * 2025-01-15. */
static const char *SAM =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-SAM\",\"child\":\"p1\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"sex\":\"m\",\"born\":\"2014-05-02\",\"roles\":[\"child\"],"
	"\"world\":\"origin\",\"segment\":\"household\"},"
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"sex\":\"f\",\"born\":\"1989\",\"roles\":[\"parent\"],"
	"\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p3\",\"name\":\"Ruud\",\"sex\":\"m\",\"born\":\"1986\",\"died\":\"2022\","
	"\"roles\":[\"parent\"],\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"sex\":\"f\",\"born\":\"2011\",\"roles\":[\"sibling\"],"
	"\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p5\",\"name\":\"Marga\",\"sex\":\"f\",\"roles\":[\"foster_parent\"],"
	"\"world\":\"foster\",\"segment\":\"household\"},"
	"{\"id\":\"p6\",\"name\":\"Kees\",\"sex\":\"m\",\"roles\":[\"coach\"],\"world\":\"shared\","
	"\"segment\":\"leisure\"},"
	"{\"id\":\"p7\",\"name\":\"Anouk\",\"sex\":\"f\",\"roles\":[\"foster_care_worker\"],"
	"\"world\":\"professional\",\"segment\":\"professionals\","
	"\"involved\":[{\"from\":\"2025-01-15\",\"to\":null}]},"
	"{\"id\":\"p8\",\"name\":\"Henk\",\"sex\":\"m\",\"roles\":[\"foster_parent\"],"
	"\"world\":\"foster\",\"segment\":\"household\"},"
	"{\"id\":\"p9\",\"name\":\"Fatma\",\"sex\":\"f\",\"roles\":[\"guardian\"],"
	"\"world\":\"professional\"},"
	"{\"id\":\"p10\",\"name\":\"Juf Ria\",\"sex\":\"f\",\"roles\":[\"teacher\"],"
	"\"world\":\"shared\"},"
	"{\"id\":\"p11\",\"name\":\"Daan\",\"sex\":\"m\",\"roles\":[\"friend\"],\"world\":\"shared\"},"
	"{\"id\":\"p12\",\"name\":\"Onbekend\",\"sex\":\"unknown\",\"roles\":[\"other\"],"
	"\"world\":\"shared\"}],"
	"\"ties\":["
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"weekly\",\"trust_figure\":true},"
	"{\"a\":\"p1\",\"b\":\"p4\",\"strength\":\"weak\",\"quality\":\"positive\","
	"\"frequency\":\"rarely\"},"
	"{\"a\":\"p2\",\"b\":\"p5\",\"strength\":\"normal\",\"quality\":\"conflict\","
	"\"frequency\":\"monthly\"},"
	"{\"a\":\"p5\",\"b\":\"p1\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p8\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p2\",\"strength\":\"normal\",\"quality\":\"ambivalent\","
	"\"frequency\":\"monthly\"},"
	"{\"a\":\"p1\",\"b\":\"p10\",\"strength\":\"normal\",\"quality\":\"positive\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p11\",\"strength\":\"normal\",\"quality\":\"positive\","
	"\"frequency\":\"weekly\"}]}";

static const struct kr_scan_person *row_of(const struct kr_scan *s, const struct kr_case *c,
                                           const char *id)
{
	int i = kr_case_person_index(c, id);
	for (size_t k = 0; k < s->npeople; k++)
		if (s->people[k].person == i)
			return &s->people[k];
	return NULL;
}

static void test_sam(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	struct kr_scan s;
	const struct kr_scan_person *r;
	(void)state;

	assert_int_equal(kr_scan_compute(c, tu_day("2025-06-01"), &s, NULL), KR_OK);
	assert_int_equal(s.as_of, tu_day("2025-06-01"));
	/* household: Marga and Henk, 3 x 4 = 12 each -> 24 / 3 = 8.0 */
	assert_int_equal(s.seg[KR_SEG_HOUSEHOLD].count, 2);
	assert_int_equal(s.seg[KR_SEG_HOUSEHOLD].points, 24);
	assert_true(s.seg[KR_SEG_HOUSEHOLD].value == 8.0);
	assert_int_equal(s.seg[KR_SEG_HOUSEHOLD].state, KR_SCAN_OK);
	/* family: Ilse (normal but ambivalent -> 1) x monthly 2 = 2, Noor 1 x 1;
	 * Ruud died in 2022 and is left out: 3 points -> 1.0, weak */
	assert_int_equal(s.seg[KR_SEG_FAMILY].count, 2);
	assert_int_equal(s.seg[KR_SEG_FAMILY].points, 3);
	assert_true(s.seg[KR_SEG_FAMILY].value == 1.0);
	assert_int_equal(s.seg[KR_SEG_FAMILY].state, KR_SCAN_WEAKSEG);
	assert_null(row_of(&s, c, "p3"));
	/* friends: Daan, segment from the friend role: 2 x 3 = 6 -> 2.0 (not weak) */
	assert_int_equal(s.seg[KR_SEG_FRIENDS].points, 6);
	assert_true(s.seg[KR_SEG_FRIENDS].value == 2.0);
	assert_int_equal(s.seg[KR_SEG_FRIENDS].state, KR_SCAN_OK);
	/* school/work: the teacher, 2 x 4 = 8 -> 2.7 (8 / 3 = 2.67) */
	assert_true(s.seg[KR_SEG_SCHOOL_WORK].value == 2.7);
	/* leisure: the trust figure counts 3 x weekly 3 = 9 -> 3.0 */
	r = row_of(&s, c, "p6");
	assert_non_null(r);
	assert_int_equal(r->importance, 3);
	assert_int_equal(r->contact, 3);
	assert_int_equal(r->points, 9);
	assert_true(s.seg[KR_SEG_LEISURE].value == 3.0);
	/* professionals: Anouk and Fatma without a tie: 1 x 1 each -> 0.7, weak */
	r = row_of(&s, c, "p9");
	assert_non_null(r);
	assert_int_equal(r->segment, KR_SEG_PROFESSIONALS);
	assert_false(r->has_tie);
	assert_int_equal(r->importance, 1);
	assert_int_equal(r->contact, 1);
	assert_int_equal(r->frequency, KR_FREQ_NONE);
	assert_int_equal(s.seg[KR_SEG_PROFESSIONALS].count, 2);
	assert_true(s.seg[KR_SEG_PROFESSIONALS].value == 0.7);
	/* empty segments */
	assert_int_equal(s.seg[KR_SEG_NEIGHBOURHOOD].count, 0);
	assert_int_equal(s.seg[KR_SEG_NEIGHBOURHOOD].state, KR_SCAN_EMPTY);
	assert_true(s.seg[KR_SEG_NEIGHBOURHOOD].value == 0.0);
	/* the child is never in the scan; "other" without a segment is unplaced */
	assert_null(row_of(&s, c, "p1"));
	assert_null(row_of(&s, c, "p12"));
	assert_int_equal(s.nunplaced, 1);
	assert_int_equal(s.npeople, 9);
	kr_scan_cleanup(&s);

	/* A year earlier the foster care worker was not involved yet. */
	assert_int_equal(kr_scan_compute(c, tu_day("2024-06-01"), &s, NULL), KR_OK);
	assert_null(row_of(&s, c, "p7"));
	assert_int_equal(s.seg[KR_SEG_PROFESSIONALS].count, 1);
	assert_true(s.seg[KR_SEG_PROFESSIONALS].value == 0.3);
	kr_scan_cleanup(&s);

	/* Before 2022 the father was alive and counts (no tie: 1 point). */
	assert_int_equal(kr_scan_compute(c, tu_day("2021-06-01"), &s, NULL), KR_OK);
	assert_non_null(row_of(&s, c, "p3"));
	assert_int_equal(s.seg[KR_SEG_FAMILY].points, 4);
	kr_scan_cleanup(&s);
	kr_case_free(c);
}

static void test_order(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	struct kr_scan s;
	(void)state;

	assert_int_equal(kr_scan_compute(c, tu_day("2025-06-01"), &s, NULL), KR_OK);
	for (size_t k = 1; k < s.npeople; k++) {
		const struct kr_scan_person *a = &s.people[k - 1], *b = &s.people[k];
		int ra = -1, rb = -1;
		for (int j = 0; j < KR_SEG__N - 1; j++) {
			if (kr_scan_order[j] == a->segment)
				ra = j;
			if (kr_scan_order[j] == b->segment)
				rb = j;
		}
		assert_true(ra <= rb);
		if (ra == rb) {
			assert_true(a->points >= b->points);
			if (a->points == b->points)
				assert_true(a->person < b->person);
		}
	}
	/* Family: Ilse (2 points) before Noor (1 point). */
	assert_int_equal(s.people[2].person, kr_case_person_index(c, "p2"));
	kr_scan_cleanup(&s);
	kr_case_free(c);
}

static void test_tables(void **state)
{
	struct kr_tie t;
	(void)state;

	memset(&t, 0, sizeof t);
	assert_int_equal(kr_scan_importance(NULL), 1);
	assert_int_equal(kr_scan_contact(NULL), 1);
	assert_int_equal(kr_scan_importance(&t), 2);       /* strength unknown */
	assert_int_equal(kr_scan_contact(&t), 1);          /* frequency unknown */
	t.strength = KR_STRENGTH_STRONG;
	assert_int_equal(kr_scan_importance(&t), 3);
	t.quality = KR_QUALITY_CONFLICT;
	assert_int_equal(kr_scan_importance(&t), 2);
	t.quality = KR_QUALITY_AMBIVALENT;
	t.strength = KR_STRENGTH_WEAK;
	assert_int_equal(kr_scan_importance(&t), 1);       /* not below 1 */
	t.quality = KR_QUALITY_BROKEN;
	t.trust_figure = true;
	assert_int_equal(kr_scan_importance(&t), 0);       /* broken beats everything */
	t.quality = KR_QUALITY_NEUTRAL;
	assert_int_equal(kr_scan_importance(&t), 3);       /* trust figure */

	static const int contact[KR_FREQ__N] = { 1, 4, 3, 2, 1, 1, 0 };
	for (int f = 0; f < KR_FREQ__N; f++) {
		t.frequency = (enum kr_frequency)f;
		assert_int_equal(kr_scan_contact(&t), contact[f]);
	}
}

/* Builds a case with n people in one segment, all with the same tie. */
static struct kr_case *crowd(int n, const char *segment, const char *strength,
                             const char *frequency)
{
	struct kr_buf b;
	struct kr_case *c;
	char *text;

	kr_buf_init(&b, 1 << 20);
	kr_buf_puts(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-CROWD\",\"child\":\"c\"},"
	            "\"persons\":[{\"id\":\"c\",\"name\":\"Kind\",\"roles\":[\"child\"]}");
	for (int i = 0; i < n; i++)
		kr_buf_printf(&b, ",{\"id\":\"x%d\",\"name\":\"X%d\",\"roles\":[\"other\"],"
		              "\"segment\":\"%s\"}", i, i, segment);
	kr_buf_puts(&b, "],\"ties\":[");
	for (int i = 0; i < n; i++)
		kr_buf_printf(&b, "%s{\"a\":\"c\",\"b\":\"x%d\",\"strength\":\"%s\","
		              "\"frequency\":\"%s\"}", i ? "," : "", i, strength, frequency);
	kr_buf_puts(&b, "]}");
	text = kr_buf_steal(&b, NULL);
	c = tu_case_from_text(text);
	free(text);
	return c;
}

static void test_cap_and_rounding(void **state)
{
	static const struct { int n; const char *strength, *freq; int points; double value; } t[] = {
		{ 1, "weak", "yearly", 1, 0.3 },      /* 1/3 = 0.33 */
		{ 2, "weak", "yearly", 2, 0.7 },      /* 2/3 = 0.67 */
		{ 1, "normal", "never", 0, 0.0 },     /* counted, no points */
		{ 3, "strong", "daily", 36, 10.0 },   /* 12 -> exactly full */
		{ 5, "strong", "daily", 60, 10.0 },   /* capped */
		{ 4, "normal", "weekly", 24, 8.0 },
	};
	(void)state;

	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		struct kr_case *c = crowd(t[k].n, "friends", t[k].strength, t[k].freq);
		struct kr_scan s;
		assert_int_equal(kr_scan_compute(c, tu_day("2025-06-01"), &s, NULL), KR_OK);
		assert_int_equal(s.seg[KR_SEG_FRIENDS].count, (size_t)t[k].n);
		assert_int_equal(s.seg[KR_SEG_FRIENDS].points, t[k].points);
		if (s.seg[KR_SEG_FRIENDS].value != t[k].value)
			fail_msg("case %zu: value %.2f, expected %.1f", k, s.seg[KR_SEG_FRIENDS].value,
			         t[k].value);
		assert_int_equal(s.seg[KR_SEG_FRIENDS].state,
		                 t[k].value < KR_SCAN_WEAK ? KR_SCAN_WEAKSEG : KR_SCAN_OK);
		kr_scan_cleanup(&s);
		kr_case_free(c);
	}
}

static void test_edges(void **state)
{
	struct kr_case *c = tu_case_from_text(
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-ONE\",\"child\":\"c\"},"
		"\"persons\":[{\"id\":\"c\",\"roles\":[\"child\"]}]}");
	struct kr_scan s;
	(void)state;

	assert_int_equal(kr_scan_compute(c, tu_day("2025-06-01"), &s, NULL), KR_OK);
	assert_int_equal(s.npeople, 0);
	for (int k = 1; k < KR_SEG__N; k++) {
		assert_int_equal(s.seg[k].state, KR_SCAN_EMPTY);
		assert_true(s.seg[k].value == 0.0);
	}
	kr_scan_cleanup(&s);
	kr_scan_cleanup(&s);       /* twice is fine */
	kr_scan_cleanup(NULL);
	kr_case_free(c);

	/* Not born yet on the day: left out. */
	c = tu_case_from_text(
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-BABY\",\"child\":\"c\"},"
		"\"persons\":[{\"id\":\"c\",\"roles\":[\"child\"]},"
		"{\"id\":\"b\",\"born\":\"2026-02\",\"roles\":[\"sibling\"]}]}");
	assert_int_equal(kr_scan_compute(c, tu_day("2026-01-31"), &s, NULL), KR_OK);
	assert_int_equal(s.npeople, 0);
	kr_scan_cleanup(&s);
	assert_int_equal(kr_scan_compute(c, tu_day("2026-02-01"), &s, NULL), KR_OK);
	assert_int_equal(s.npeople, 1);
	assert_int_equal(s.people[0].segment, KR_SEG_FAMILY);
	kr_scan_cleanup(&s);
	kr_case_free(c);
}

static void test_names(void **state)
{
	(void)state;
	for (int k = 0; k < KR_SEG__N - 1; k++) {
		assert_true(strlen(kr_scan_segment_name(kr_scan_order[k], KR_LANG_NL)) > 0);
		assert_true(strlen(kr_scan_segment_name(kr_scan_order[k], KR_LANG_EN)) > 0);
	}
	assert_string_equal(kr_scan_segment_name(KR_SEG_FAMILY, KR_LANG_NL), "familie");
	assert_string_equal(kr_scan_segment_name(KR_SEG_FAMILY, KR_LANG_EN), "family");
	assert_string_equal(kr_scan_state_name(KR_SCAN_EMPTY, KR_LANG_NL), "leeg");
	assert_string_equal(kr_scan_state_name(KR_SCAN_WEAKSEG, KR_LANG_EN), "weak");
	assert_string_equal(kr_scan_state_name(KR_SCAN_OK, KR_LANG_NL), "");
}

/* On generated cases: values in range, counts and points add up. */
static void test_generated(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 300; i++) {
		char *json = NULL;
		struct kr_case *c;
		struct kr_scan s;
		size_t total = 0;
		assert_int_equal(kr_generate_case(7, i, tu_day("2026-01-01"), &json, NULL), KR_OK);
		c = tu_case_from_text(json);
		free(json);
		assert_int_equal(kr_scan_compute(c, tu_day("2026-01-01"), &s, NULL), KR_OK);
		for (int k = 1; k < KR_SEG__N; k++) {
			int pts = 0;
			assert_true(s.seg[k].value >= 0.0 && s.seg[k].value <= KR_SCAN_MAX);
			for (size_t j = 0; j < s.npeople; j++)
				if ((int)s.people[j].segment == k)
					pts += s.people[j].points;
			assert_int_equal(pts, s.seg[k].points);
			total += s.seg[k].count;
		}
		assert_int_equal(total, s.npeople);
		assert_true(s.npeople + s.nunplaced < c->npersons);
		kr_scan_cleanup(&s);
		kr_case_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sam),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_cap_and_rounding),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
