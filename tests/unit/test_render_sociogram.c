/*
 * test_render_sociogram.c - the sociogram: golden files for the examples
 * and the fixtures, determinism of the force layout, bridges between the
 * worlds, people without ties, and the layout promise (no two symbols or
 * labels overlap, everyone is drawn) on 300 generated cases and on the edge
 * cases: one person, no ties, 150 people, unknown birth dates.
 */

#include "testutil.h"
#include "render_fixture.h"
#include "kring/generate.h"
#include "render_int.h"

static void test_golden_fixtures(void **state)
{
	(void)state;
	rf_golden_fixtures(KR_RENDER_SOCIOGRAM);
}

static void test_golden_examples(void **state)
{
	(void)state;
	rf_golden_examples(KR_RENDER_SOCIOGRAM);
}

static void test_deterministic(void **state)
{
	(void)state;
	rf_deterministic(KR_RENDER_SOCIOGRAM);
}

static void test_content(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	char *nl, *en;

	(void)state;
	nl = rf_render(KR_RENDER_SOCIOGRAM, c, KR_LANG_NL, NULL, NULL);
	en = rf_render(KR_RENDER_SOCIOGRAM, c, KR_LANG_EN, NULL, NULL);
	assert_non_null(strstr(nl, "<title id=\"kr-title\">Sociogram van Sam (R1-SMALL), "
	                       "stand op 2025-06-01</title>"));
	assert_non_null(strstr(en, "<title id=\"kr-title\">Sociogram of Sam (R1-SMALL), "
	                       "as of 2025-06-01</title>"));
	assert_non_null(strstr(nl, ">Marga de Vries-Jansen</text>"));
	/* Two bridges (Ilse - Marga, Oma Truus - Henk), each on a band. */
	{
		size_t bands = 0;
		const char *p = strstr(nl, "<g class=\"bridges\">");
		const char *end = p ? strstr(p, "</g>") : NULL;
		assert_non_null(end);
		while ((p = strstr(p + 1, "stroke-opacity=\"0.35\"")) && p < end)
			bands++;
		assert_int_equal(bands, 2);
	}
	/* Buurvrouw and Ruud have no tie: they stand apart, in a row below. */
	assert_non_null(strstr(nl, ">Zonder banden:</text>"));
	assert_non_null(strstr(en, ">Without ties:</text>"));
	assert_non_null(strstr(nl, "class=\"tie q-conflict"));
	assert_null(strstr(nl, "nan"));
	free(nl);
	free(en);
	kr_case_free(c);
}

static void check_case(const struct kr_case *c, const char *what)
{
	struct kr_layout l = { 0 };
	char *svg = rf_render(KR_RENDER_SOCIOGRAM, c, KR_LANG_NL, &l, NULL);
	rf_check_layout(&l, c, true, what);
	assert_non_null(strstr(svg, "</svg>"));
	free(svg);
	kr_layout_cleanup(&l);
}

static void test_edge_cases(void **state)
{
	struct kr_case *c;

	(void)state;
	c = tu_case_from_text(RF_ONE);
	check_case(c, "one person");
	kr_case_free(c);
	c = rf_case_big(12, 0, 3, "R1-NOTIES");
	check_case(c, "no ties between others");
	kr_case_free(c);
	c = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"R1-LONE\","
	                      "\"child\":\"a\"},\"persons\":[{\"id\":\"a\"},{\"id\":\"b\"},"
	                      "{\"id\":\"c\",\"name\":\"\"}]}");
	check_case(c, "no ties at all");
	kr_case_free(c);
	c = rf_case_big(150, 200, 11, "R1-BIG");
	check_case(c, "150 people");
	kr_case_free(c);
}

static void test_generated(void **state)
{
	long anchor = tu_day(RF_AS_OF);

	(void)state;
	for (unsigned long i = 0; i < 300; i++) {
		char *text = NULL, what[64];
		struct kr_case *c;
		assert_int_equal(kr_generate_case(20251, i, anchor, &text, NULL), KR_OK);
		c = tu_case_from_text(text);
		snprintf(what, sizeof what, "generated case %lu", i);
		check_case(c, what);
		kr_case_free(c);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_fixtures),
		cmocka_unit_test(test_golden_examples),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
