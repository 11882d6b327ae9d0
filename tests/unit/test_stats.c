/*
 * test_stats.c - the figures of kr_stats_json() and kr_stats_text() follow
 * the one disclosure method of the steering reports (docs/report.md
 * "Disclosure control", lib/disclosure.c): every shown count is the true
 * count rounded to a multiple of 5; every count from 1 to 9 is held back
 * (null); a 0 is shown; and the row `by_form`, which adds up to `cases`,
 * never lets a held-back cell be worked out: when it holds anything back
 * it holds back at least two cells, and when `cases` is shown those add up
 * to 10 or more.  Checked on the case of the issue (cases 8:
 * foster_fulltime 6, crisis and family_home 1 each) and on 3,000 seeded
 * random rows.  The share of cases with a trust figure is null whenever it
 * would give a held-back count away.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "testutil.h"
#include "kring/enum.h"
#include "kring/report.h"
#include "kring/stats.h"

static const char *const ids[] = { "agreement-overdue" };

static void stats_init(struct kr_stats *st, size_t (*sig)[3])
{
	memset(st, 0, sizeof *st);
	st->as_of = tu_day("2026-12-01");
	st->ids = ids;
	st->nids = 1;
	st->signals = sig;
}

/* A published count against its truth: shown rounded, or held back. */
static bool check_cell(json_t *c, size_t truth)
{
	if (json_is_null(c)) {
		assert_true(truth > 0);   /* a 0 is known: always shown */
		return true;
	}
	assert_true(json_is_integer(c));
	assert_true(truth == 0 || truth >= KR_REPORT_SUPPRESS_BELOW);
	assert_int_equal(json_integer_value(c) % KR_REPORT_ROUND, 0);
	assert_true(labs((long)json_integer_value(c) - (long)truth) <= KR_REPORT_ROUND / 2);
	return false;
}

/* Publishes one row and checks every cell and the row's equation. */
static void row(const size_t *truth, size_t cases)
{
	size_t sig[1][3] = { { 0, 0, 0 } }, nheld = 0, held_sum = 0;
	struct kr_stats st;
	json_t *o, *forms;
	bool total_held;

	stats_init(&st, sig);
	st.cases = cases;
	memcpy(st.by_form, truth, sizeof st.by_form);
	o = kr_stats_json(&st);
	assert_non_null(o);
	/* the rule applied is named with the figures, for the page to say it */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "disclosure"),
	                 "round_to")), KR_REPORT_ROUND);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "disclosure"),
	                 "suppress_below")), KR_REPORT_SUPPRESS_BELOW);
	total_held = check_cell(json_object_get(o, "cases"), cases);
	forms = json_object_get(o, "by_form");
	for (int f = 0; f < KR_FORM__N; f++) {
		json_t *c = json_object_get(forms, f ? kr_enum_name(KR_ENUM_FORM, f) : "none");
		if (!truth[f]) {
			assert_null(c);
			continue;
		}
		assert_non_null(c);
		if (check_cell(c, truth[f])) {
			nheld++;
			held_sum += truth[f];
		}
	}
	if (nheld == 1 && !total_held)
		fail_msg("one held-back cell (of %zu cases) follows from the total", cases);
	if (nheld && !total_held && held_sum < KR_REPORT_SUPPRESS_BELOW)
		fail_msg("held-back cells add up to %zu next to a shown total", held_sum);
	json_decref(o);
}

/* The case of the issue: with 8 children everything is held back. */
static void issue_case(void **state)
{
	size_t truth[KR_FORM__N] = { 0 };
	size_t sig[1][3] = { { 0, 0, 0 } };
	struct kr_stats st;
	json_t *o, *forms;
	(void)state;

	truth[KR_FORM_FOSTER_FULLTIME] = 6;
	truth[KR_FORM_CRISIS] = 1;
	truth[KR_FORM_FAMILY_HOME] = 1;
	row(truth, 8);
	stats_init(&st, sig);
	st.cases = 8;
	memcpy(st.by_form, truth, sizeof truth);
	o = kr_stats_json(&st);
	forms = json_object_get(o, "by_form");
	assert_true(json_is_null(json_object_get(o, "cases")));
	assert_true(json_is_null(json_object_get(forms, "crisis")));
	assert_true(json_is_null(json_object_get(forms, "foster_fulltime")));
	json_decref(o);
}

/* 40 children, 31 in foster care, 9 in a family home: the 9 is held back,
 * so the 31 must be too (else 40 - 31 gives it away). */
static void secondary(void **state)
{
	size_t truth[KR_FORM__N] = { 0 };
	size_t sig[1][3] = { { 0, 0, 0 } };
	struct kr_stats st;
	json_t *o, *forms;
	(void)state;

	truth[KR_FORM_FOSTER_FULLTIME] = 31;
	truth[KR_FORM_FAMILY_HOME] = 9;
	row(truth, 40);
	stats_init(&st, sig);
	st.cases = 40;
	memcpy(st.by_form, truth, sizeof truth);
	o = kr_stats_json(&st);
	forms = json_object_get(o, "by_form");
	assert_int_equal(json_integer_value(json_object_get(o, "cases")), 40);
	assert_true(json_is_null(json_object_get(forms, "family_home")));
	assert_true(json_is_null(json_object_get(forms, "foster_fulltime")));
	json_decref(o);
}

/* A row without small cells is published rounded, nothing held back. */
static void nothing_hidden(void **state)
{
	size_t sig[1][3] = { { 0, 12, 0 } };
	struct kr_stats st;
	json_t *o, *forms;
	struct kr_buf b;
	(void)state;

	stats_init(&st, sig);
	st.cases = 33;
	st.by_form[KR_FORM_FOSTER_FULLTIME] = 21;
	st.by_form[KR_FORM_NONE] = 12;
	st.overdue = 14;
	o = kr_stats_json(&st);
	forms = json_object_get(o, "by_form");
	assert_int_equal(json_integer_value(json_object_get(o, "cases")), 35);
	assert_int_equal(json_integer_value(json_object_get(forms, "foster_fulltime")), 20);
	assert_int_equal(json_integer_value(json_object_get(forms, "none")), 10);
	assert_int_equal(json_integer_value(json_object_get(o, "agreements_overdue")), 15);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(o,
	                 "signals"), "agreement-overdue"), "warning")), 10);
	json_decref(o);
	kr_buf_init(&b, 1u << 16);
	assert_int_equal(kr_stats_text(&st, KR_LANG_NL, &b), KR_OK);
	assert_non_null(strstr(b.data, "35\n"));
	assert_non_null(strstr(b.data, "afgerond op 5"));
	kr_buf_cleanup(&b);
}

/* Many rows of a seeded generator, small and large. */
static void random_rows(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	(void)state;

	for (int run = 0; run < 3000; run++) {
		size_t truth[KR_FORM__N] = { 0 }, cases = 0;
		for (int f = 0; f < KR_FORM__N; f++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mostly small cells, some empty, some large */
			switch (x % 5) {
			case 0: truth[f] = 0; break;
			case 1: case 2: truth[f] = 1 + (size_t)((x >> 8) % 9); break;
			default: truth[f] = 10 + (size_t)((x >> 8) % 40); break;
			}
			cases += truth[f];
		}
		if (cases)
			row(truth, cases);
	}
}

/* The share of cases with a trust figure times the cases is the count:
 * null when it or its complement is held back. */
static void trust_share(void **state)
{
	size_t sig[1][3] = { { 0, 0, 0 } }, sizes[40];
	struct kr_stats st;
	json_t *o;
	(void)state;

	for (size_t i = 0; i < 40; i++)
		sizes[i] = 3 + i % 5;
	stats_init(&st, sig);
	st.cases = 40;
	st.by_form[KR_FORM_FOSTER_FULLTIME] = 40;
	st.sizes = sizes;
	st.nsizes = 40;
	st.trust = 36;   /* four without: 0.9 of 40 would say so */
	o = kr_stats_json(&st);
	assert_true(json_is_null(json_object_get(o, "trust_figure_share")));
	assert_true(json_is_integer(json_object_get(o, "median_network_size")) ||
	            json_is_real(json_object_get(o, "median_network_size")));
	json_decref(o);
	st.trust = 30;
	o = kr_stats_json(&st);
	assert_true(json_real_value(json_object_get(o, "trust_figure_share")) == 0.75);
	json_decref(o);
	st.cases = 8;   /* too few children for a median */
	st.nsizes = 8;
	st.by_form[KR_FORM_FOSTER_FULLTIME] = 8;
	st.trust = 8;
	o = kr_stats_json(&st);
	assert_true(json_is_null(json_object_get(o, "median_network_size")));
	assert_true(json_is_null(json_object_get(o, "trust_figure_share")));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(issue_case),
		cmocka_unit_test(secondary),
		cmocka_unit_test(nothing_hidden),
		cmocka_unit_test(random_rows),
		cmocka_unit_test(trust_share),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
