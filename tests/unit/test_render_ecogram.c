/*
 * test_render_ecogram.c - the ecogram: golden files for the examples and
 * the fixtures, the ring and side rules, the line styles, the sectors the
 * browser adds people in (every ring covered, everyone in their own
 * sector), the click targets (at least 44 pixels as the browser draws them,
 * never two overlapping, also at 150 people), and the layout promise (no
 * two targets or labels overlap, everyone is drawn) on 300 generated cases
 * and on the edge cases: one person, no ties, 150 people, unknown birth
 * dates.
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
			const struct kr_geom_tie *t = g->items[i].tie;
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

static struct kr_geometry *geometry(const struct kr_case *c)
{
	struct kr_render_opts o;
	struct kr_geometry *g = NULL;
	struct kr_error err;

	memset(&o, 0, sizeof o);
	o.as_of = tu_day(RF_AS_OF);
	kr_error_init(&err);
	if (kr_render_geometry(KR_RENDER_ECOGRAM, c, &o, &g, &err) != KR_OK)
		fail_msg("ecogram of %s: %s", c->ref, err.message);
	kr_error_cleanup(&err);
	return g;
}

/* Issue 11: clicking a person opened someone else, because symbols
 * overlapped.  Every person has one node whose box (the click target) is
 * at least target x target units, target x min_scale is at least 44
 * pixels, and no two targets overlap. */
static void check_targets(const struct kr_case *c, const char *what)
{
	struct kr_geometry *g = geometry(c);
	const struct kr_geom_item **nodes = calloc(c->npersons + 1, sizeof *nodes);
	size_t n = 0;

	assert_non_null(nodes);
	assert_true(g->target >= 44);
	assert_true(g->target * g->min_scale >= 44 - 1e-9);
	for (size_t i = 0; i < g->nitems; i++) {
		const struct kr_geom_item *it = &g->items[i];
		if (it->type != KR_GEOM_NODE)
			continue;
		assert_true(it->flags & KR_GEOM_F_BOX);
		assert_true(it->box.w >= g->target - 1e-9 && it->box.h >= g->target - 1e-9);
		assert_int_equal(it->box.person, it->person);
		for (size_t j = 0; j < n; j++) {
			const struct kr_box *a = &it->box, *b = &nodes[j]->box;
			if (a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
			    b->y < a->y + a->h)
				fail_msg("%s: the click targets of %s and %s overlap", what,
				         c->persons[it->person].id, c->persons[nodes[j]->person].id);
		}
		nodes[n++] = it;
	}
	assert_int_equal(n, c->npersons);
	free(nodes);
	kr_geometry_free(g);
}

static void test_click_targets(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 6; seed++) {
		char ref[32], what[64];
		struct kr_case *c;
		snprintf(ref, sizeof ref, "R1-TARGETS-%d", (int)seed);
		c = rf_case_big(150, 150 * seed % 400, seed, ref);
		snprintf(what, sizeof what, "150 people, seed %d", (int)seed);
		check_targets(c, what);
		kr_case_free(c);
	}
	{
		struct kr_case *c = tu_case_from_text(RF_SMALL);
		check_targets(c, "RF_SMALL");
		kr_case_free(c);
	}
}

/* The angle of (x, y) around (cx, cy) in degrees, moved into [a0, a0 + 360). */
static double angle_from(double cx, double cy, double x, double y, double a0)
{
	double a = atan2(y - cy, x - cx) * 180 / M_PI;
	while (a < a0)
		a += 360;
	while (a >= a0 + 360)
		a -= 360;
	return a;
}

/* The sectors: every ring covered by its sectors without gaps (the next
 * ring starting where it ends), every world's usual segments there even
 * when empty, and every person but the child inside the sector of their
 * world, segment and ring. */
static void check_sectors(const struct kr_case *c, const char *what)
{
	struct kr_geometry *g = geometry(c);
	const struct kr_geom_sector *sec[256];
	size_t ns = 0, nodes = 0;

	for (size_t i = 0; i < g->nitems && ns < 256; i++)
		if (g->items[i].type == KR_GEOM_SECTOR)
			sec[ns++] = g->items[i].sector;
	assert_true(ns >= 4 * 12);
	for (int k = 1; k <= 4; k++) {
		double a = 1e9, covered = 0, r0 = -1, r1 = -1;
		size_t inring = 0;
		for (size_t i = 0; i < ns; i++) {
			if (sec[i]->ring != k)
				continue;
			inring++;
			assert_true(sec[i]->a1 > sec[i]->a0);
			covered += sec[i]->a1 - sec[i]->a0;
			if (sec[i]->a0 < a)
				a = sec[i]->a0;
			if (r0 < 0) {
				r0 = sec[i]->r0;
				r1 = sec[i]->r1;
			}
			assert_true(sec[i]->r0 == r0 && sec[i]->r1 == r1 && r1 > r0);
			assert_true(sec[i]->x == g->cx && sec[i]->y == g->cy);
		}
		assert_int_equal(inring, ns / 4);
		assert_true(fabs(covered - 360) < 1e-6);
		/* contiguous: each sector starts where another ends */
		for (size_t i = 0; i < ns; i++) {
			bool joined = sec[i]->ring != k || fabs(sec[i]->a0 - a) < 1e-6;
			for (size_t j = 0; j < ns && !joined; j++)
				joined = sec[j]->ring == k && fabs(sec[j]->a1 - sec[i]->a0) < 1e-6;
			assert_true(joined);
		}
		if (k < 4)
			for (size_t i = 0; i < ns; i++)
				if (sec[i]->ring == k + 1)
					assert_true(fabs(sec[i]->r0 - r1) < 1e-6);
	}
	for (size_t i = 0; i < g->nitems; i++) {
		const struct kr_geom_item *it = &g->items[i];
		const struct kr_geom_node *nd = &it->node;
		int world;
		bool inside = false;
		if (it->type != KR_GEOM_NODE || (it->flags & KR_GEOM_F_CHILD))
			continue;
		nodes++;
		world = nd->world == KR_WORLD_NONE ? KR_WORLD_SHARED : nd->world;
		for (size_t j = 0; j < ns && !inside; j++) {
			double r = hypot(nd->x - g->cx, nd->y - g->cy);
			double a = angle_from(g->cx, g->cy, nd->x, nd->y, sec[j]->a0);
			inside = sec[j]->world == world && sec[j]->segment == nd->segment &&
			         sec[j]->ring == nd->ring && r > sec[j]->r0 && r < sec[j]->r1 &&
			         a <= sec[j]->a1;
		}
		if (!inside)
			fail_msg("%s: %s is not in its sector", what, c->persons[it->person].id);
	}
	assert_int_equal(nodes, c->npersons - 1);
	kr_geometry_free(g);
}

static void test_sectors(void **state)
{
	struct kr_case *c;

	(void)state;
	c = tu_case_from_text(RF_SMALL);
	check_sectors(c, "RF_SMALL");
	kr_case_free(c);
	c = tu_case_from_text(RF_ONE);
	check_sectors(c, "RF_ONE");
	kr_case_free(c);
	c = rf_case_big(150, 200, 11, "R1-BIG");
	check_sectors(c, "150 people");
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
		cmocka_unit_test(test_click_targets),
		cmocka_unit_test(test_sectors),
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
