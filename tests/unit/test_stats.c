/*
 * test_stats.c - the figures of kr_stats_json() against an attacker who
 * knows the totals (issue 10, point 8): the row `by_form` adds up to
 * `cases`, so a reader can subtract the visible cells from the total.  For
 * the case of the issue (cases 8, foster_fulltime 6, crisis and family_home
 * 1 each) and for many seeded random rows, the attacker enumerates every
 * value the hidden cells can have given what is published ("<5": 1 to 4,
 * "x": anything from 1 up, a number: itself) and the total; no hidden cell
 * may come out as one value, and no "<5" cell may be narrowed below 1..4.
 * The share of cases with a trust figure must not give a small count away.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "testutil.h"
#include "kring/enum.h"
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

struct row {
	size_t n;
	int lo[KR_FORM__N], hi[KR_FORM__N];   /* what the attacker knows of each cell */
	bool hidden[KR_FORM__N], primary[KR_FORM__N];
	bool can[KR_FORM__N][64];              /* values seen in a consistent assignment */
};

/* Enumerates every assignment of the hidden cells adding up to `left`. */
static void enumerate(struct row *w, int *val, size_t i, long left)
{
	if (i == KR_FORM__N) {
		if (left == 0)
			for (size_t k = 0; k < KR_FORM__N; k++)
				if (w->hidden[k])
					w->can[k][val[k]] = true;
		return;
	}
	if (!w->hidden[i]) {
		enumerate(w, val, i + 1, left);
		return;
	}
	for (int v = w->lo[i]; v <= w->hi[i] && v <= left; v++) {
		val[i] = v;
		enumerate(w, val, i + 1, left - v);
	}
}

/* Reads the published row and checks that nothing hidden can be recovered. */
static void attack(const size_t *truth, size_t cases)
{
	size_t sig[1][3] = { { 0, 0, 0 } };
	struct kr_stats st;
	struct row w;
	json_t *o, *forms, *total;
	long left;
	int val[KR_FORM__N];

	stats_init(&st, sig);
	st.cases = cases;
	memcpy(st.by_form, truth, sizeof st.by_form);
	o = kr_stats_json(&st);
	assert_non_null(o);
	total = json_object_get(o, "cases");
	forms = json_object_get(o, "by_form");
	memset(&w, 0, sizeof w);
	if (!json_is_integer(total)) {
		/* a hidden total: nothing to subtract from */
		assert_string_equal(json_string_value(total), "<5");
		json_decref(o);
		return;
	}
	left = (long)json_integer_value(total);
	assert_int_equal(left, (long)cases);
	for (int f = 0; f < KR_FORM__N; f++) {
		json_t *c = json_object_get(forms, f ? kr_enum_name(KR_ENUM_FORM, f) : "none");
		if (!truth[f]) {
			assert_null(c);
			continue;
		}
		assert_non_null(c);
		if (json_is_integer(c)) {
			assert_int_equal(json_integer_value(c), (json_int_t)truth[f]);
			left -= (long)truth[f];
		} else if (strcmp(json_string_value(c), "<5") == 0) {
			assert_true(truth[f] >= 1 && truth[f] <= 4);
			w.hidden[f] = w.primary[f] = true;
			w.lo[f] = 1;
			w.hi[f] = 4;
		} else {
			assert_string_equal(json_string_value(c), "x");
			w.hidden[f] = true;
			w.primary[f] = truth[f] < KR_STATS_SMALL;
			w.lo[f] = 1;
			w.hi[f] = 63;
		}
	}
	enumerate(&w, val, 0, left);
	for (int f = 0; f < KR_FORM__N; f++) {
		int seen = 0;
		if (!w.hidden[f])
			continue;
		for (int v = 0; v < 64; v++)
			seen += w.can[f][v];
		assert_true(w.can[f][truth[f]]);   /* the truth is consistent */
		if (seen < 2)
			fail_msg("cell %d (%zu) recovered from the total %zu", f, truth[f], cases);
		if (w.primary[f])
			for (int v = 1; v <= 4; v++)
				if (!w.can[f][v])
					fail_msg("small cell %d narrowed: %d is excluded", f, v);
	}
	json_decref(o);
}

/* The case of the issue: cases 8, foster_fulltime 6, crisis and
 * family_home "<5" gave both away as 1. */
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
	attack(truth, 8);
	stats_init(&st, sig);
	st.cases = 8;
	memcpy(st.by_form, truth, sizeof truth);
	o = kr_stats_json(&st);
	forms = json_object_get(o, "by_form");
	assert_string_equal(json_string_value(json_object_get(forms, "crisis")), "x");
	assert_string_equal(json_string_value(json_object_get(forms, "family_home")), "x");
	assert_string_equal(json_string_value(json_object_get(forms, "foster_fulltime")), "x");
	assert_int_equal(json_integer_value(json_object_get(o, "cases")), 8);
	json_decref(o);
}

/* A row without small cells is published as it is. */
static void nothing_hidden(void **state)
{
	size_t sig[1][3] = { { 0, 7, 0 } };
	struct kr_stats st;
	json_t *o, *forms;
	(void)state;

	stats_init(&st, sig);
	st.cases = 30;
	st.by_form[KR_FORM_FOSTER_FULLTIME] = 20;
	st.by_form[KR_FORM_NONE] = 10;
	o = kr_stats_json(&st);
	forms = json_object_get(o, "by_form");
	assert_int_equal(json_integer_value(json_object_get(forms, "foster_fulltime")), 20);
	assert_int_equal(json_integer_value(json_object_get(forms, "none")), 10);
	json_decref(o);
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
			case 1: case 2: truth[f] = 1 + (size_t)((x >> 8) % 4); break;
			default: truth[f] = 5 + (size_t)((x >> 8) % 9); break;
			}
			cases += truth[f];
		}
		if (cases)
			attack(truth, cases);
	}
}

/* The share of cases with a trust figure times the cases is the count:
 * null when it or its complement is small. */
static void trust_share(void **state)
{
	size_t sig[1][3] = { { 0, 0, 0 } }, sizes[8] = { 3, 3, 4, 4, 5, 5, 6, 6 };
	struct kr_stats st;
	json_t *o;
	(void)state;

	stats_init(&st, sig);
	st.cases = 8;
	st.by_form[KR_FORM_FOSTER_FULLTIME] = 8;
	st.sizes = sizes;
	st.nsizes = 8;
	st.trust = 6;   /* two without: 0.75 of 8 would say so */
	o = kr_stats_json(&st);
	assert_true(json_is_null(json_object_get(o, "trust_figure_share")));
	json_decref(o);
	st.trust = 8;
	o = kr_stats_json(&st);
	assert_true(json_real_value(json_object_get(o, "trust_figure_share")) == 1.0);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(issue_case),
		cmocka_unit_test(nothing_hidden),
		cmocka_unit_test(random_rows),
		cmocka_unit_test(trust_share),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
