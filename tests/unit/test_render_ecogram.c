/*
 * test_render_ecogram.c - the ecogram: golden files for the examples and
 * the fixtures, the ring and side rules, the line styles, and the layout
 * promise (no two symbols or labels overlap, everyone is drawn) on 300
 * generated cases and on the edge cases: one person, no ties, 150 people,
 * unknown birth dates.
 */
#include <math.h>

#include "testutil.h"
#include "render_fixture.h"
#include "kring/generate.h"
#include "render_int.h"

static void test_golden_fixtures(void **state)
{
	(void)state;
	rf_golden_fixtures(KR_RENDER_ECOGRAM);
}

static void test_golden_examples(void **state)
{
	(void)state;
	rf_golden_examples(KR_RENDER_ECOGRAM);
}

static void test_deterministic(void **state)
{
	(void)state;
	rf_deterministic(KR_RENDER_ECOGRAM);
}

/* The centre of person p's symbol. */
static void centre(const struct kr_layout *l, int p, double *x, double *y)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->boxes[i].person == p && l->boxes[i].kind == KR_BOX_SYMBOL) {
			*x = l->boxes[i].x + l->boxes[i].w / 2;
			*y = l->boxes[i].y + l->boxes[i].h / 2;
			return;
		}
	}
	fail_msg("person %d has no symbol", p);
}

static void test_rings_and_sides(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_layout l = { 0 };
	double cx, cy, x, y, d_mo, d_noor, d_ruud, d_bram, x_marga, x_ilse;
	char *svg;

	(void)state;
	svg = rf_render(KR_RENDER_ECOGRAM, c, KR_LANG_NL, &l, NULL);
	centre(&l, kr_case_person_index(c, "p1"), &cx, &cy);
	/* Mo: strong and daily -> ring 1; Noor: weak and rarely -> ring 3. */
	centre(&l, kr_case_person_index(c, "p14"), &x, &y);
	d_mo = hypot(x - cx, y - cy);
	centre(&l, kr_case_person_index(c, "p4"), &x, &y);
	d_noor = hypot(x - cx, y - cy);
	/* Ruud died, Bram is no longer involved: the outer ring. */
	centre(&l, kr_case_person_index(c, "p3"), &x, &y);
	d_ruud = hypot(x - cx, y - cy);
	centre(&l, kr_case_person_index(c, "p12"), &x, &y);
	d_bram = hypot(x - cx, y - cy);
	assert_true(d_mo < d_noor);
	assert_true(d_noor < d_ruud);
	assert_true(d_noor < d_bram);
	/* Foster family on the right, family of origin on the left. */
	centre(&l, kr_case_person_index(c, "p5"), &x_marga, &y);
	centre(&l, kr_case_person_index(c, "p2"), &x_ilse, &y);
	assert_true(x_marga > cx);
	assert_true(x_ilse < cx);
	free(svg);
	kr_layout_cleanup(&l);
	kr_case_free(c);
}

static void test_content(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	char *nl, *en;

	(void)state;
	nl = rf_render(KR_RENDER_ECOGRAM, c, KR_LANG_NL, NULL, NULL);
	en = rf_render(KR_RENDER_ECOGRAM, c, KR_LANG_EN, NULL, NULL);
	/* Accessible: title and desc, real text. */
	assert_non_null(strstr(nl, "<title id=\"kr-title\">Ecogram van Sam (R1-SMALL), "
	                       "stand op 2025-06-01</title>"));
	assert_non_null(strstr(nl, "<desc id=\"kr-desc\">"));
	assert_non_null(strstr(nl, ">Marga de Vries-Jansen</text>"));
	assert_non_null(strstr(nl, ">vertrouwensfiguur</text>"));
	assert_non_null(strstr(en, ">trust figure</text>"));
	assert_non_null(strstr(nl, ">gezin van herkomst</text>"));
	assert_non_null(strstr(en, ">family of origin</text>"));
	/* Every Hartman line style appears. */
	assert_non_null(strstr(nl, "class=\"tie q-conflict"));
	assert_non_null(strstr(nl, "class=\"tie q-broken"));
	assert_non_null(strstr(nl, "class=\"tie q-ambivalent"));
	assert_non_null(strstr(nl, "stroke-dasharray=\"6 4\""));
	assert_non_null(strstr(nl, "stroke=\"" KRI_COLOUR_BRIDGE "\""));
	assert_non_null(strstr(nl, "class=\"trust\""));
	/* Numbers with one decimal only. */
	assert_null(strstr(nl, "NaN"));
	assert_null(strstr(nl, "nan"));
	assert_non_null(strstr(nl, "</svg>\n"));
	free(nl);
	free(en);
	kr_case_free(c);
}

/* Issue 11: a conflict between two adults (Ilse, origin, and Marga, foster:
 * a tie between the two worlds) was drawn blue.  Every tie in conflict or
 * broken, and their legend samples, are in the conflict colour, in the
 * ecogram and in the sociogram. */
static void test_conflict_is_red(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_render_opts o;
	(void)state;
	memset(&o, 0, sizeof o);
	o.as_of = tu_day(RF_AS_OF);
	for (int k = 0; k < 2; k++) {
		enum kr_render_kind kind = k ? KR_RENDER_SOCIOGRAM : KR_RENDER_ECOGRAM;
		struct kr_geometry *g = NULL;
		size_t stressful = 0, samples = 0;
		assert_int_equal(kr_render_geometry(kind, c, &o, &g, NULL), KR_OK);
		for (size_t i = 0; i < g->nitems; i++) {
			const struct kr_geom_tie *t = &g->items[i].tie;
			if (g->items[i].type != KR_GEOM_TIE)
				continue;
			if (t->quality == KR_QUALITY_CONFLICT || t->quality == KR_QUALITY_BROKEN) {
				assert_string_equal(t->colour, KRI_COLOUR_CONFLICT);
				stressful++;
				samples += t->index < 0;
			} else if (t->index >= 0) {
				assert_string_not_equal(t->colour, KRI_COLOUR_CONFLICT);
			}
		}
		/* Ilse - Marga (conflict), Sam - Ilse (broken), two legend samples */
		assert_int_equal(stressful, 4);
		assert_int_equal(samples, 2);
		kr_geometry_free(g);
	}
	kr_case_free(c);
}

static void check_case(const struct kr_case *c, const char *what)
{
	struct kr_layout l = { 0 };
	char *svg = rf_render(KR_RENDER_ECOGRAM, c, KR_LANG_NL, &l, NULL);
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
		cmocka_unit_test(test_rings_and_sides),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_conflict_is_red),
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
