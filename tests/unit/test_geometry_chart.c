/*
 * test_geometry_chart.c - the chart of a report table (lib/report_chart.c)
 * is laid out once into a struct kr_geometry and drawn by the one SVG
 * writer (lib/svg.c), and the PDF's reading of it (kri_chart_layout) holds
 * the same shapes at the same places: a bar chart with a held-back value
 * ("<10") and a line chart of two series with a gap and a legend, on a
 * report built by hand.  Goldens: tests/data/golden/chart-<table>.svg
 * (KRING_UPDATE_GOLDEN=1 rewrites them after an intended change).
 */
#include "testutil.h"

#include <stdio.h>

#include "kring/buf.h"
#include "kring/geometry.h"
#include "kring/report.h"
#include "report_int.h"

#define ROW(f, v, has) { { "region", "municipality", "form" }, { "total", "total", f }, 3, \
	v, has, !(has), true }
#define QROW(q, s, v, has) { { "region", "municipality", "quarter", "care" }, \
	{ "total", "total", q, s }, 4, v, has, !(has), true }

static struct kr_report_row bar_rows[] = {
	ROW("foster_fulltime", 37, true),
	ROW("family_home", 12, true),
	ROW("crisis", 0, false),
	ROW("residential", 21, true),
	ROW("total", 70, true),
	{ { "region", "municipality", "form" }, { "Oost", "total", "crisis" }, 3, 5, true, false,
	  true },
};

static struct kr_report_row line_rows[] = {
	QROW("2025-Q3", "network", 14, true),
	QROW("2025-Q3", "stranger", 22, true),
	QROW("2025-Q4", "network", 0, false),
	QROW("2025-Q4", "stranger", 25, true),
	QROW("2026-Q1", "network", 17, true),
	QROW("2026-Q1", "stranger", 19, true),
	QROW("2026-Q2", "network", 18, true),
	QROW("2026-Q2", "stranger", 30, true),
};

static struct kr_report_table tables[] = {
	{ "children_by_form", { "Kinderen per vorm", "Children by form" }, { "", "" },
	  { KR_CHART_BAR, "form", NULL, NULL, NULL }, bar_rows,
	  sizeof bar_rows / sizeof *bar_rows, 0 },
	{ "children_by_care", { "Netwerk & bestand", "Network & strangers" }, { "", "" },
	  { KR_CHART_LINE, "quarter", "care", NULL, NULL }, line_rows,
	  sizeof line_rows / sizeof *line_rows, 0 },
};

static struct kr_report report = {
	.scope_key = { "region", "municipality" },
	.scope_val = { "total", "total" },
	.tables = tables,
	.ntables = 2,
};

static char *chart_svg(const struct kr_report_table *t, enum kr_lang lang)
{
	struct kr_buf b;
	size_t n;

	kr_buf_init(&b, 1u << 20);
	assert_int_equal(kr_report_chart_svg(&report, t, lang, &b), KR_OK);
	return kr_buf_steal(&b, &n);
}

/* The SVG comes from the one writer, and every shape of the PDF's reading
 * of the same geometry stands in it at the same place. */
static void same_shapes(const struct kr_report_table *t)
{
	struct kri_chart_geom g;
	char *s = chart_svg(t, KR_LANG_NL), want[160];

	assert_true(kri_chart_layout(&report, t, KR_LANG_NL, 520, 200, &g));
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"kr-title kr-desc\""));
	assert_int_equal(tu_count(s, "<line "), g.nline);
	assert_int_equal(tu_count(s, "<circle "), g.ndot);
	assert_int_equal(tu_count(s, "<text "), g.ntext);
	assert_int_equal(tu_count(s, "<rect ") - 1, g.nrect);   /* and the background */
	for (size_t i = 0; i < g.nrect; i++) {
		snprintf(want, sizeof want, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		         "fill=\"%s\"", g.rect[i].x, g.rect[i].y, g.rect[i].w, g.rect[i].h,
		         kri_chart_colour(g.rect[i].ink));
		assert_non_null(strstr(s, want));
	}
	for (size_t i = 0; i < g.nline; i++) {
		snprintf(want, sizeof want, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		         "stroke=\"%s\"", g.line[i].x0, g.line[i].y0, g.line[i].x1, g.line[i].y1,
		         kri_chart_colour(g.line[i].ink));
		assert_non_null(strstr(s, want));
	}
	for (size_t i = 0; i < g.ndot; i++) {
		snprintf(want, sizeof want, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"",
		         g.dot[i].x, g.dot[i].y, g.dot[i].r, kri_chart_colour(g.dot[i].ink));
		assert_non_null(strstr(s, want));
	}
	for (size_t i = 0; i < g.ntext; i++) {
		static const char *const anchor[] = { "", " text-anchor=\"middle\"",
			" text-anchor=\"end\"" };
		snprintf(want, sizeof want, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"%s",
		         g.text[i].x, g.text[i].y, g.text[i].size, anchor[g.text[i].anchor]);
		assert_non_null(strstr(s, want));
	}
	kri_chart_geom_cleanup(&g);
	free(s);
}

static void test_bar(void **state)
{
	char *s = chart_svg(&tables[0], KR_LANG_NL);

	(void)state;
	same_shapes(&tables[0]);
	/* three bars (total and another region's row are not drawn), crisis held back */
	assert_int_equal(tu_count(s, "fill=\"#0072B2\""), 3);
	assert_non_null(strstr(s, ">&lt;10</text>"));
	assert_non_null(strstr(s, "<title id=\"kr-title\">Kinderen per vorm</title>"));
	tu_golden("chart-children_by_form.svg", s, strlen(s), true);
	free(s);
}

static void test_line(void **state)
{
	char *s = chart_svg(&tables[1], KR_LANG_EN);

	(void)state;
	same_shapes(&tables[1]);
	/* seven dots (one held back), a legend of two, the title escaped */
	assert_int_equal(tu_count(s, "<circle "), 7);
	assert_non_null(strstr(s, "Network &amp; strangers"));
	tu_golden("chart-children_by_care-en.svg", s, strlen(s), true);
	free(s);
}

/* Nothing to draw: no rows in focus. */
static void test_empty(void **state)
{
	struct kr_report_table t = tables[0];
	struct kri_chart_geom g;
	struct kr_buf b;

	(void)state;
	t.nrows = 0;
	kr_buf_init(&b, 1u << 20);
	assert_int_equal(kr_report_chart_svg(&report, &t, KR_LANG_NL, &b), KR_ENOTFOUND);
	assert_false(kri_chart_layout(&report, &t, KR_LANG_NL, 520, 200, &g));
	assert_int_equal(g.nrect + g.nline + g.ndot + g.ntext, 0);
	kr_buf_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bar),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
