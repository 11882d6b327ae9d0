/*
 * test_metrics.c - the network metrics (lib/metrics.c) on a hand-checked
 * case: who counts on a day, size per world and segment, density, parts,
 * bridges, brokers by betweenness, support received, people without ties;
 * the JSON form (fixed key order, stable numbers); and the edge cases.
 */
#include <jansson.h>
#include <math.h>

#include "testutil.h"
#include "render_fixture.h"
#include "kring/metrics.h"

static struct kr_metrics *compute(const struct kr_case *c, const char *day)
{
	struct kr_metrics *m = NULL;
	struct kr_error err;
	kr_error_init(&err);
	if (kr_metrics_compute(c, tu_day(day), &m, &err) != KR_OK)
		fail_msg("metrics: %s", err.message);
	kr_error_cleanup(&err);
	return m;
}

static void test_small(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_metrics *m = compute(c, RF_AS_OF);
	(void)state;
	/* Ruud died in 2022, Bram's involvement ended in 2024: not counted. */
	assert_int_equal(m->size, 11);
	assert_int_equal(m->nodes, 12);
	assert_int_equal(m->per_world[KR_WORLD_ORIGIN], 3);
	assert_int_equal(m->per_world[KR_WORLD_FOSTER], 3);
	assert_int_equal(m->per_world[KR_WORLD_SHARED], 3);
	assert_int_equal(m->per_world[KR_WORLD_PROFESSIONAL], 1);
	assert_int_equal(m->per_world[KR_WORLD_NONE], 1);
	assert_int_equal(m->per_segment[KR_SEG_HOUSEHOLD], 3);
	assert_int_equal(m->per_segment[KR_SEG_FAMILY], 3);
	assert_int_equal(m->per_segment[KR_SEG_LEISURE], 1);
	assert_int_equal(m->per_segment[KR_SEG_SCHOOL_WORK], 1);
	assert_int_equal(m->per_segment[KR_SEG_FRIENDS], 1);
	assert_int_equal(m->per_segment[KR_SEG_PROFESSIONALS], 1);
	assert_int_equal(m->per_segment[KR_SEG_NONE], 1);
	assert_int_equal(m->per_segment[KR_SEG_RELIGION], 0);
	/* 13 ties, one to Bram: 12 count; 12 of 66 possible. */
	assert_int_equal(m->ties, 12);
	assert_true(fabs(m->density - 12.0 / 66.0) < 1e-12);
	/* The neighbour stands alone. */
	assert_int_equal(m->ncomponents, 2);
	assert_int_equal(m->component_sizes[0], 11);
	assert_int_equal(m->component_sizes[1], 1);
	assert_int_equal(m->child_component, 11);
	assert_int_equal(m->nisolated, 1);
	assert_string_equal(m->isolated[0].id, "p13");
	assert_string_equal(m->isolated[0].name, "Buurvrouw");
	/* Bridges not through the child: Ilse - Marga, Oma Truus - Henk. */
	assert_int_equal(m->nbridges, 2);
	assert_string_equal(m->bridges[0].a_id, "p2");
	assert_string_equal(m->bridges[0].b_id, "p5");
	assert_string_equal(m->bridges[1].a_id, "p10");
	assert_string_equal(m->bridges[1].b_name, "Henk");
	/* Brokers: the child (41.5 of 55), then Noor and Henk (4 each, case
	 * order breaks the tie): both lie between Oma Truus and the rest; Oma
	 * Truus lies on one of the two shortest paths from Noor to Henk. */
	assert_int_equal(m->nbrokers, 4);
	assert_string_equal(m->brokers[0].id, "p1");
	assert_true(fabs(m->brokers[0].betweenness - 41.5) < 1e-9);
	assert_true(fabs(m->brokers[0].normalised - 41.5 / 55) < 1e-9);
	assert_string_equal(m->brokers[1].id, "p4");
	assert_string_equal(m->brokers[2].id, "p9");
	assert_true(fabs(m->brokers[1].betweenness - 4) < 1e-9);
	assert_string_equal(m->brokers[3].id, "p10");
	assert_true(fabs(m->brokers[3].betweenness - 0.5) < 1e-9);
	/* Support towards the child: Kees (emotional, practical; to the child),
	 * Marga (practical; mutual), Aylin (information; no direction).  Jip's
	 * respite goes from the child to Jip: not received. */
	assert_int_equal(m->support[KR_SUPPORT_EMOTIONAL], 1);
	assert_int_equal(m->support[KR_SUPPORT_PRACTICAL], 2);
	assert_int_equal(m->support[KR_SUPPORT_INFORMATION], 1);
	assert_int_equal(m->support[KR_SUPPORT_RESPITE], 0);
	assert_int_equal(m->support[KR_SUPPORT_FINANCIAL], 0);
	assert_int_equal(m->supporters, 3);
	kr_metrics_free(m);

	/* A year earlier Bram was still involved. */
	m = compute(c, "2024-06-01");
	assert_int_equal(m->size, 12);
	assert_int_equal(m->ties, 13);
	kr_metrics_free(m);
	kr_case_free(c);
}

static void test_json(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_metrics *m = compute(c, RF_AS_OF);
	static const char *const keys[] = { "\"ref\"", "\"as_of\"", "\"size\"", "\"per_segment\"",
		"\"per_world\"", "\"nodes\"", "\"ties\"", "\"density\"", "\"components\"",
		"\"world_bridges\"", "\"brokers\"", "\"support_received\"", "\"supporters\"",
		"\"isolated\"" };
	char *text = NULL, *again = NULL;
	const char *prev;
	json_t *doc;
	json_error_t jerr;
	(void)state;
	assert_int_equal(kr_metrics_to_json(m, &text), KR_OK);
	assert_non_null(text);
	assert_int_equal(text[strlen(text) - 1], '\n');
	prev = text;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *p = strstr(text, keys[i]);
		if (!p || p < prev)
			fail_msg("key %s missing or out of order", keys[i]);
		prev = p;
	}
	assert_non_null(strstr(text, "\"ref\": \"R1-SMALL\""));
	assert_non_null(strstr(text, "\"as_of\": \"2025-06-01\""));
	assert_non_null(strstr(text, "\"density\": 0.1818"));
	assert_non_null(strstr(text, "\"normalised\": 0.7545"));
	doc = json_loads(text, 0, &jerr);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "size")), 11);
	assert_int_equal(json_array_size(json_object_get(doc, "world_bridges")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc,
	                 "support_received"), "practical")), 2);
	json_decref(doc);
	assert_int_equal(kr_metrics_to_json(m, &again), KR_OK);
	assert_string_equal(text, again);
	free(text);
	free(again);
	kr_metrics_free(m);
	kr_case_free(c);
}

static void test_edges(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_ONE);
	struct kr_metrics *m = compute(c, RF_AS_OF);
	char *text = NULL;
	(void)state;
	assert_int_equal(m->size, 0);
	assert_int_equal(m->nodes, 1);
	assert_int_equal(m->ties, 0);
	assert_true(m->density == 0);
	assert_int_equal(m->ncomponents, 1);
	assert_int_equal(m->child_component, 1);
	assert_int_equal(m->nbrokers, 0);
	assert_int_equal(m->nbridges, 0);
	assert_int_equal(m->nisolated, 1);       /* the child itself has no tie */
	assert_int_equal(kr_metrics_to_json(m, &text), KR_OK);
	assert_non_null(strstr(text, "\"brokers\": []"));
	free(text);
	kr_metrics_free(m);
	kr_case_free(c);

	c = rf_case_big(150, 300, 5, "R1-BIG");
	m = compute(c, RF_AS_OF);
	assert_int_equal(m->size, 149);
	assert_true(m->density > 0 && m->density < 1);
	assert_true(m->nbrokers <= KR_METRICS_MAX_BROKERS && m->nbrokers > 0);
	for (size_t i = 1; i < m->nbrokers; i++)
		assert_true(m->brokers[i].betweenness <= m->brokers[i - 1].betweenness + 1e-9);
	{
		size_t total = 0;
		for (size_t i = 0; i < m->ncomponents; i++)
			total += m->component_sizes[i];
		assert_int_equal(total, m->nodes);
	}
	kr_metrics_free(m);
	kr_case_free(c);

	/* Bad calls. */
	assert_int_equal(kr_metrics_compute(NULL, 0, &m, NULL), KR_EUSAGE);
	assert_null(m);
	kr_metrics_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
