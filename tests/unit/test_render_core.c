/*
 * test_render_core.c - what every renderer shares: kind and format names
 * (lib/render.c), layout boxes, labels for every enumeration in both
 * languages, the palette, the text-width estimate (lib/text_metrics.c),
 * the SVG writer's document, labels and escaping (lib/svg.c), person
 * symbols and tie lines (lib/render_people.c), the dispatcher over all
 * seven kinds, and the conversion to PDF and PNG (well-formed,
 * deterministic, failing cleanly on bad SVG).
 */
#include <math.h>

#include "testutil.h"
#include "render_fixture.h"
#include "geometry_int.h"
#include "render_int.h"
#include "kring/scan.h"

/* fontconfig (under librsvg and pango) keeps its caches until the process
 * ends; LeakSanitizer would call them leaks. */
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static void test_kinds_and_formats(void **state)
{
	static const char *const names[] = { "ecogram", "genogram", "lifeline", "sociogram",
		"scan", "flower", "kompas" };
	(void)state;
	for (int k = 0; k < KR_RENDER__N; k++) {
		assert_string_equal(kr_render_kind_name((enum kr_render_kind)k), names[k]);
		assert_int_equal(kr_render_kind_parse(names[k]), k);
	}
	assert_int_equal(kr_render_kind_parse("Ecogram"), -1);
	assert_int_equal(kr_render_kind_parse(""), -1);
	assert_int_equal(kr_render_kind_parse(NULL), -1);
	assert_string_equal(kr_render_kind_name(KR_RENDER__N), "");
	assert_int_equal(kr_render_format_from_path("a.svg"), KR_FORMAT_SVG);
	assert_int_equal(kr_render_format_from_path("dir.x/b.PDF"), KR_FORMAT_PDF);
	assert_int_equal(kr_render_format_from_path("c.png"), KR_FORMAT_PNG);
	assert_int_equal(kr_render_format_from_path("-"), KR_FORMAT_SVG);
	assert_int_equal(kr_render_format_from_path("dir.svg/file"), -1);
	assert_int_equal(kr_render_format_from_path("noext"), -1);
	assert_int_equal(kr_render_format_from_path("a.jpg"), -1);
	assert_int_equal(kr_render_format_from_path(NULL), -1);
}

static void test_layout(void **state)
{
	struct kr_layout l = { 0 };
	struct kr_box a = { 0, 0, 10, 10, -1, KR_BOX_SYMBOL }, b = { 10, 0, 5, 5, -1, 0 };
	(void)state;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(kr_layout_add(&l, i, i, 1, 1, i, KR_BOX_LABEL), KR_OK);
	assert_int_equal(l.n, 1000);
	assert_true(l.boxes[999].x == 999 && l.boxes[999].person == 999);
	assert_int_equal(kr_layout_add(NULL, 0, 0, 1, 1, 0, KR_BOX_LABEL), KR_OK);
	kr_layout_cleanup(&l);
	assert_null(l.boxes);
	assert_int_equal(l.n, 0);
	kr_layout_cleanup(NULL);
	/* Touching boxes do not overlap; a margin makes them. */
	assert_false(kri_box_overlap(&a, &b, 0));
	assert_true(kri_box_overlap(&a, &b, 1));
	b.x = 9.9;
	assert_true(kri_box_overlap(&a, &b, 0));
}

static void test_labels(void **state)
{
	(void)state;
	for (int e = 0; e < KR_ENUM__N; e++) {
		for (int v = 1; v < kr_enum_count((enum kr_enum)e); v++) {
			const char *nl = kr_enum_label((enum kr_enum)e, v, KR_LANG_NL);
			const char *en = kr_enum_label((enum kr_enum)e, v, KR_LANG_EN);
			if (!*nl || !*en)
				fail_msg("enum %d value %d (%s) has no label", e, v,
				         kr_enum_name((enum kr_enum)e, v));
		}
		assert_string_equal(kr_enum_label((enum kr_enum)e, 0, KR_LANG_NL), "");
		assert_string_equal(kr_enum_label((enum kr_enum)e, 999, KR_LANG_EN), "");
	}
	assert_string_equal(kr_enum_label(KR_ENUM_WORLD, KR_WORLD_FOSTER, KR_LANG_NL), "pleeggezin");
	assert_string_equal(kr_enum_label(KR_ENUM_WORLD, KR_WORLD_FOSTER, KR_LANG_EN),
	                    "foster family");
	assert_string_equal(kr_enum_label(KR_ENUM_ROLE, KR_ROLE_GUARDIAN, KR_LANG_NL),
	                    "jeugdbeschermer");
	assert_string_equal(kr_enum_label(KR_ENUM__N, 1, KR_LANG_NL), "");
	assert_string_equal(kr_enum_role_label(KR_ROLE_BIT(KR_ROLE_COACH) |
	                                   KR_ROLE_BIT(KR_ROLE_MENTOR), KR_LANG_NL), "trainer of coach");
	assert_string_equal(kr_enum_role_label(0, KR_LANG_EN), "");
	/* Okabe-Ito colours, one per world, all different. */
	for (int w = 0; w < KR_WORLD__N; w++)
		for (int v = w + 1; v < KR_WORLD__N; v++)
			assert_string_not_equal(kri_world_colour((enum kr_world)w),
			                        kri_world_colour((enum kr_world)v));
	assert_string_equal(kri_world_colour(KR_WORLD_ORIGIN), "#E69F00");
	assert_string_equal(kri_world_colour((enum kr_world)99), kri_world_colour(0));
}

static void test_text_width(void **state)
{
	double w;
	(void)state;
	assert_true(kri_text_width("", 12) == 0);
	assert_true(kri_text_width(NULL, 12) == 0);
	/* "Sam" in DejaVu Sans: S 0.635, a 0.613, m 0.974 em. */
	w = kri_text_width("Sam", 10);
	assert_true(fabs(w - 22.22) < 0.01);
	/* Proportional to the size; accents as wide as their letters. */
	assert_true(fabs(kri_text_width("Sam", 20) - 2 * w) < 1e-9);
	assert_true(fabs(kri_text_width("Zo\xc3\xab", 10) - kri_text_width("Zoe", 10)) < 0.01);
	assert_true(kri_text_width("WWW", 10) > kri_text_width("iii", 10) * 2);
	/* Malformed UTF-8 does not crash and still has width. */
	assert_true(kri_text_width("\xff\xc3", 10) > 0);
	/* Bold text is wider. */
	assert_true(kri_text_width_cls("Sam", 10, "halo title") > w);
	assert_true(kri_text_width_cls("Sam", 10, "subtitle") == w);
}

/* Draws g as SVG into a new buffer (the caller cleans it up). */
static void draw_svg(const struct kr_geometry *g, const char *prefix, struct kr_buf *b)
{
	struct kr_error err;

	kr_error_init(&err);
	kr_buf_init(b, 1 << 20);
	if (kr_geometry_to_svg(g, prefix, b, &err) != KR_OK)
		fail_msg("writing the SVG: %s", err.message);
	kr_error_cleanup(&err);
}

static void test_svg_document(void **state)
{
	struct kr_geometry *g = kri_geom_new(KR_RENDER_ECOGRAM);
	struct kr_layout l = { 0 };
	struct kr_buf b;
	(void)state;
	assert_non_null(g);
	g->width = 200;
	g->height = 100.25;
	g->title = "A <&> \"title\"";
	g->desc = "d'esc";
	kri_geom_label(g, 50, 20, 10, KR_ANCHOR_MIDDLE, "halo", 3, "Sam & Noor");
	/* Empty text: an element but no box. */
	kri_geom_label(g, 0, 0, 10, KR_ANCHOR_END, NULL, -1, "");
	kri_geom_label(g, 0, 0, 10, KR_ANCHOR_START, NULL, -1, NULL);
	assert_int_equal(kri_geom_status(g), KR_OK);
	draw_svg(g, NULL, &b);
	{
		static const char head[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
			"200.0 100.2\" width=\"200.0\" height=\"100.2\" role=\"img\" "
			"aria-labelledby=\"kr-title kr-desc\">\n<title";
		assert_true(strncmp(b.data, head, strlen(head)) == 0);
	}
	assert_non_null(strstr(b.data, "<title id=\"kr-title\">A &lt;&amp;&gt; &quot;title&quot;"
	                       "</title>"));
	assert_non_null(strstr(b.data, "<desc id=\"kr-desc\">d&apos;esc</desc>"));
	assert_non_null(strstr(b.data, "\"DejaVu Sans\""));
	assert_non_null(strstr(b.data, "<text x=\"50.0\" y=\"20.0\" font-size=\"10.0\" "
	                       "text-anchor=\"middle\" class=\"halo\">Sam &amp; Noor</text>\n"));
	assert_non_null(strstr(b.data, "text-anchor=\"end\"></text>\n"));
	assert_true(strcmp(b.data + b.len - 7, "</svg>\n") == 0);
	kri_geom_finish(g);
	assert_int_equal(kr_geometry_boxes(g, &l), KR_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.boxes[0].person, 3);
	assert_int_equal(l.boxes[0].kind, KR_BOX_LABEL);
	assert_true(fabs(l.boxes[0].x + l.boxes[0].w / 2 - 50) < 1e-9);
	assert_true(l.boxes[0].y == 10);
	kr_buf_cleanup(&b);
	kr_layout_cleanup(&l);
	/* Wrong calls fail cleanly. */
	assert_int_equal(kr_geometry_to_svg(NULL, NULL, &b, NULL), KR_EUSAGE);
	assert_int_equal(kr_geometry_boxes(NULL, &l), KR_OK);
	kr_geometry_free(g);
	kr_geometry_free(NULL);
}

static void test_person_and_ties(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_geometry *g = kri_geom_new(KR_RENDER_SOCIOGRAM);
	struct kr_layout l = { 0 };
	struct kr_render_opts o;
	struct kr_buf b;
	struct kr_tie t;
	(void)state;
	kri_geom_ids(g, c, true);
	memset(&o, 0, sizeof o);
	o.as_of = tu_day(RF_AS_OF);
	/* The child: double outline; Ruud (died 2022): a cross; Jip (x): diamond. */
	kri_geom_person(g, &o, c, 0, 100, 100, 10);
	kri_geom_person(g, &o, c, kr_case_person_index(c, "p3"), 0, 0, 10);
	kri_geom_person(g, &o, c, kr_case_person_index(c, "p8"), 0, 0, 10);
	assert_int_equal(g->nitems, 3);
	assert_true(g->items[0].flags & KR_GEOM_F_CHILD);
	assert_true(g->items[1].flags & KR_GEOM_F_DECEASED);
	assert_int_equal(g->items[2].node.shape, KR_SHAPE_DIAMOND);
	assert_int_equal(g->items[2].person, kr_case_person_index(c, "p8"));
	draw_svg(g, NULL, &b);
	assert_non_null(strstr(b.data, "<g class=\"person\" data-id=\"p1\"><rect x=\"86.0\" "
	                       "y=\"86.0\" width=\"28.0\""));
	assert_non_null(strstr(b.data, "fill=\"#DDDDDD\""));
	assert_non_null(strstr(b.data, "stroke-width=\"2\"/></g>\n"));
	kr_buf_cleanup(&b);
	assert_int_equal(kr_geometry_boxes(g, &l), KR_OK);
	assert_int_equal(l.n, 3);
	assert_true(l.boxes[0].w == 28 && l.boxes[0].kind == KR_BOX_SYMBOL);
	assert_true(fabs(l.boxes[2].w - 24) < 1e-9);
	assert_true(kri_person_radius(c, kr_case_person_index(c, "p8"), 10) == 12);
	kr_layout_cleanup(&l);
	kr_geometry_free(g);

	/* Tie styles. */
	g = kri_geom_new(KR_RENDER_SOCIOGRAM);
	memset(&t, 0, sizeof t);
	t.quality = KR_QUALITY_CONFLICT;
	t.direction = KR_DIR_MUTUAL;
	kri_geom_tie(g, NULL, &t, -1, 0, 0, 10, 200, 0, 10, NULL);
	draw_svg(g, NULL, &b);
	assert_non_null(strstr(b.data, "stroke=\"" KRI_COLOUR_CONFLICT "\""));
	/* mutual: two arrowheads */
	assert_non_null(strstr(strstr(b.data, "stroke=\"none\"") + 1, "stroke=\"none\""));
	kr_buf_cleanup(&b);
	kr_geometry_free(g);
	g = kri_geom_new(KR_RENDER_SOCIOGRAM);
	t.quality = KR_QUALITY_BROKEN;
	t.direction = KR_DIR_NONE;
	t.strength = KR_STRENGTH_WEAK;
	{
		struct kri_tie_look look = { NULL, 1, 0, 0.2 };
		kri_geom_tie(g, NULL, &t, -1, 0, 0, 10, 200, 0, 10, &look);
	}
	draw_svg(g, NULL, &b);
	assert_non_null(strstr(b.data, "stroke-dasharray=\"6 4\""));
	assert_non_null(strstr(b.data, "Q"));
	assert_null(strstr(b.data, "stroke=\"none\""));
	kr_buf_cleanup(&b);
	kr_geometry_free(g);
	/* Symbols that touch: nothing drawn, no failure. */
	g = kri_geom_new(KR_RENDER_SOCIOGRAM);
	kri_geom_tie(g, NULL, &t, -1, 0, 0, 10, 5, 0, 10, NULL);
	draw_svg(g, NULL, &b);
	assert_null(strstr(b.data, "class=\"tie"));
	kr_buf_cleanup(&b);
	kr_geometry_free(g);
	kr_case_free(c);
}

static void test_dispatch_all_kinds(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_case *one = tu_case_from_text(RF_ONE);
	struct kr_buf b;
	struct kr_error err;
	struct kr_render_opts o;
	(void)state;
	memset(&o, 0, sizeof o);
	o.as_of = tu_day(RF_AS_OF);
	o.compare = c;
	o.compare_day = tu_day("2025-01-01");
	kr_error_init(&err);
	for (int k = 0; k < KR_RENDER__N; k++) {
		for (int which = 0; which < 2; which++) {
			kr_buf_init(&b, 64u << 20);
			if (kr_render_svg((enum kr_render_kind)k, which ? one : c, &o, &b, &err) != KR_OK)
				fail_msg("%s: %s", kr_render_kind_name((enum kr_render_kind)k), err.message);
			assert_true(strncmp(b.data, "<svg ", 5) == 0 || strncmp(b.data, "<?xml", 5) == 0);
			assert_non_null(strstr(b.data, "</svg>"));
			kr_buf_cleanup(&b);
		}
	}
	/* Wrong calls fail cleanly. */
	kr_buf_init(&b, 1 << 20);
	assert_int_equal(kr_render_svg(KR_RENDER__N, c, &o, &b, &err), KR_EUSAGE);
	assert_int_equal(kr_render_svg(KR_RENDER_ECOGRAM, NULL, &o, &b, &err), KR_EUSAGE);
	/* A tiny cap: the buffer says it is too big, and so does the call. */
	kr_buf_cleanup(&b);
	kr_buf_init(&b, 100);
	assert_int_equal(kr_render_svg(KR_RENDER_ECOGRAM, c, &o, &b, &err), KR_ETOOBIG);
	assert_int_equal(err.code, KR_ETOOBIG);
	kr_buf_cleanup(&b);
	kr_buf_init(&b, 100);
	assert_int_equal(kr_render_svg(KR_RENDER_SOCIOGRAM, c, &o, &b, &err), KR_ETOOBIG);
	kr_buf_cleanup(&b);
	kr_error_cleanup(&err);
	kr_case_free(c);
	kr_case_free(one);
}

static void convert(const char *svg, enum kr_render_format fmt, struct kr_buf *out)
{
	struct kr_error err;
	kr_error_init(&err);
	kr_buf_init(out, 64u << 20);
	if (kr_render_convert(svg, strlen(svg), fmt, out, &err) != KR_OK)
		fail_msg("convert: %s", err.message);
	kr_error_cleanup(&err);
}

static void test_convert(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	char *svg = rf_render(KR_RENDER_ECOGRAM, c, KR_LANG_NL, NULL, NULL);
	struct kr_buf p1, p2, g1, g2, bad;
	struct kr_error err;
	(void)state;
	convert(svg, KR_FORMAT_PDF, &p1);
	convert(svg, KR_FORMAT_PDF, &p2);
	assert_true(p1.len > 1000 && memcmp(p1.data, "%PDF-", 5) == 0);
	assert_int_equal(p1.len, p2.len);
	assert_memory_equal(p1.data, p2.data, p1.len);
	convert(svg, KR_FORMAT_PNG, &g1);
	convert(svg, KR_FORMAT_PNG, &g2);
	assert_true(g1.len > 1000 && memcmp(g1.data, "\x89PNG\r\n\x1a\n", 8) == 0);
	assert_int_equal(g1.len, g2.len);
	assert_memory_equal(g1.data, g2.data, g1.len);
	/* Not SVG: KR_EINVAL, nothing appended. */
	kr_error_init(&err);
	kr_buf_init(&bad, 1 << 20);
	kr_buf_puts(&bad, "keep");
	assert_int_equal(kr_render_convert("<nope", 5, KR_FORMAT_PNG, &bad, &err), KR_EINVAL);
	assert_int_equal(bad.len, 4);
	assert_int_equal(kr_render_convert("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41,
	                                   KR_FORMAT_PDF, &bad, &err), KR_EINVAL);
	assert_int_equal(kr_render_convert(svg, strlen(svg), KR_FORMAT_SVG, &bad, &err),
	                 KR_EUSAGE);
	/* Output over the cap: KR_ETOOBIG. */
	kr_buf_cleanup(&bad);
	kr_buf_init(&bad, 500);
	assert_int_equal(kr_render_convert(svg, strlen(svg), KR_FORMAT_PNG, &bad, &err),
	                 KR_ETOOBIG);
	kr_buf_cleanup(&bad);
	kr_error_cleanup(&err);
	kr_buf_cleanup(&p1);
	kr_buf_cleanup(&p2);
	kr_buf_cleanup(&g1);
	kr_buf_cleanup(&g2);
	free(svg);
	kr_case_free(c);
}

/* The renderers and the metrics take "who is in the network on a day" from
 * the Community Scan's rule. */
static void test_person_current(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	long day = tu_day(RF_AS_OF);
	(void)state;
	assert_false(kr_scan_person_current(c, kr_case_person_index(c, "p1"), day)); /* child */
	assert_false(kr_scan_person_current(c, kr_case_person_index(c, "p3"), day)); /* died */
	assert_true(kr_scan_person_current(c, kr_case_person_index(c, "p3"), tu_day("2021-12-31")));
	assert_true(kr_scan_person_current(c, kr_case_person_index(c, "p7"), day));
	assert_false(kr_scan_person_current(c, kr_case_person_index(c, "p7"),
	                                    tu_day("2024-01-14")));
	assert_false(kr_scan_person_current(c, kr_case_person_index(c, "p12"), day)); /* ended */
	assert_true(kr_scan_person_current(c, kr_case_person_index(c, "p12"),
	                                   tu_day("2024-12-31")));
	assert_false(kr_scan_person_current(c, kr_case_person_index(c, "p14"),
	                                    tu_day("2013-12-31")));   /* not born yet */
	kr_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_formats),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_svg_document),
		cmocka_unit_test(test_person_and_ties),
		cmocka_unit_test(test_dispatch_all_kinds),
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_person_current),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
