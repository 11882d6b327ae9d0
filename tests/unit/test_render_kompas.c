/*
 * test_render_kompas.c - the Netwerkkompas page (lib/render_kompas.c) and
 * what it relies on: four geometries placed on one page and drawn by the
 * one SVG writer with an id prefix per panel.  An A4 landscape page in mm
 * with four nested pictures; every id unique and every reference
 * resolving; ids, class names, pattern references and style selectors
 * prefixed (colours and numbers untouched); a panel drawn inside the page
 * is the same text as the picture drawn on its own with that prefix; the
 * panels' boxes mapped onto the page without crossing into another panel;
 * determinism; librsvg can draw it as PNG and PDF; edge cases (one person,
 * 150 people) and generated cases.  No golden file: the panels are the
 * other renderers' pictures, which have goldens of their own.
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdint.h>

#include "kring/buf.h"
#include "kring/generate.h"
#include "kring/render.h"
#include "kring/geometry.h"
#include "geometry_int.h"
#include "render_int.h"

#define AS_OF "2025-06-01"

static const char *SAM =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-KOMPAS-SAM\",\"child\":\"p1\"},"
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
	"\"involved\":[{\"from\":\"2025-01-15\",\"to\":null}]}],"
	"\"kinship\":["
	"{\"type\":\"parent\",\"parent\":\"p2\",\"child\":\"p1\"},"
	"{\"type\":\"parent\",\"parent\":\"p3\",\"child\":\"p1\"},"
	"{\"type\":\"parent\",\"parent\":\"p2\",\"child\":\"p4\"},"
	"{\"type\":\"parent\",\"parent\":\"p3\",\"child\":\"p4\"},"
	"{\"type\":\"partners\",\"a\":\"p2\",\"b\":\"p3\",\"status\":\"separated\",\"since\":\"2019\"}],"
	"\"ties\":["
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"support\":[\"emotional\"],\"frequency\":\"weekly\",\"direction\":\"b_to_a\","
	"\"trust_figure\":true},"
	"{\"a\":\"p1\",\"b\":\"p4\",\"strength\":\"weak\",\"quality\":\"positive\","
	"\"frequency\":\"rarely\"},"
	"{\"a\":\"p2\",\"b\":\"p5\",\"strength\":\"normal\",\"quality\":\"conflict\","
	"\"frequency\":\"monthly\"}],"
	"\"placements\":[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"carers\":[\"p5\"],"
	"\"start\":\"2025-01-15\"}],"
	"\"events\":[{\"date\":\"2014-05-02\",\"type\":\"birth\",\"person\":\"p1\"},"
	"{\"date\":\"2022-03\",\"type\":\"loss\",\"person\":\"p3\",\"text\":\"vader overleden\"},"
	"{\"date\":\"2025-01-15\",\"type\":\"placement_start\",\"placement\":\"pl1\"}]}";

/* Under LeakSanitizer: fontconfig, pango and glib keep process-wide caches
 * that librsvg fills when the picture is drawn (kr_render_convert); they
 * are not leaks of kring. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig\nleak:libpango\nleak:libglib\nleak:libgobject\n"
	       "leak:libharfbuzz\nleak:librsvg\nleak:libcairo\n";
}

/* The panels as the renderer lays them out (see render_kompas.c). */
static void panel_rect(int k, double *x, double *y, double *w, double *h)
{
	*w = (297.0 - 16.0 - 5.0) / 2.0;
	*h = (210.0 - 18.0 - 8.0 - 5.0) / 2.0;
	*x = 8.0 + (k % 2) * (*w + 5.0);
	*y = 18.0 + (k / 2) * (*h + 5.0);
}

/* The panel a box lies in, -1 for none (the title). */
static int panel_of(const struct kr_box *b)
{
	for (int k = 0; k < 4; k++) {
		double x, y, w, h;
		panel_rect(k, &x, &y, &w, &h);
		if (b->x >= x - 0.05 && b->y >= y - 0.05 && b->x + b->w <= x + w + 0.05 &&
		    b->y + b->h <= y + h + 0.05)
			return k;
	}
	return -1;
}

/* The values of every attribute `name="..."` in svg, as a list of malloc'd
 * strings ending with NULL. */
static char **attr_values(const char *svg, const char *name)
{
	char needle[64], **v = NULL;
	size_t n = 0;

	snprintf(needle, sizeof needle, " %s=\"", name);
	for (const char *p = strstr(svg, needle); p; p = strstr(p + 1, needle)) {
		const char *s = p + strlen(needle), *e = strchr(s, '"');
		assert_non_null(e);
		v = realloc(v, (n + 2) * sizeof *v);
		assert_non_null(v);
		v[n] = strndup(s, (size_t)(e - s));
		v[++n] = NULL;
	}
	if (!v) {
		v = calloc(1, sizeof *v);
		assert_non_null(v);
	}
	return v;
}

static void free_values(char **v)
{
	for (size_t i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

static bool has(char **v, const char *s, size_t n)
{
	for (size_t i = 0; v[i]; i++)
		if (strlen(v[i]) == n && strncmp(v[i], s, n) == 0)
			return true;
	return false;
}

/* Ids unique; every url(#x), href="#x" and aria-labelledby target exists. */
static void assert_references(const char *svg)
{
	char **ids = attr_values(svg, "id"), **lab;

	for (size_t i = 0; ids[i]; i++)
		for (size_t j = i + 1; ids[j]; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				fail_msg("id \"%s\" appears twice", ids[i]);
	for (const char *p = strstr(svg, "url(#"); p; p = strstr(p + 1, "url(#")) {
		const char *s = p + 5, *e = strchr(s, ')');
		assert_non_null(e);
		if (!has(ids, s, (size_t)(e - s)))
			fail_msg("url(#%.*s) points nowhere", (int)(e - s), s);
	}
	for (const char *p = strstr(svg, "href=\"#"); p; p = strstr(p + 1, "href=\"#")) {
		const char *s = p + 7, *e = strchr(s, '"');
		if (!has(ids, s, (size_t)(e - s)))
			fail_msg("href #%.*s points nowhere", (int)(e - s), s);
	}
	lab = attr_values(svg, "aria-labelledby");
	for (size_t i = 0; lab[i]; i++) {
		const char *s = lab[i];
		while (*s) {
			size_t n = strcspn(s, " ");
			if (n && !has(ids, s, n))
				fail_msg("aria-labelledby %.*s points nowhere", (int)n, s);
			s += n;
			s += strspn(s, " ");
		}
	}
	free_values(lab);
	free_values(ids);
}

/* Renders the kompas: checks structure, references, the boxes, determinism. */
static char *render(const struct kr_case *c, enum kr_lang lang, size_t *len, size_t *inside)
{
	struct kr_render_opts o;
	struct kr_layout lay = { NULL, 0, 0 };
	struct kr_buf a, b;
	struct kr_error err;
	char *svg;

	memset(&o, 0, sizeof o);
	o.lang = lang;
	o.as_of = tu_day(AS_OF);
	o.layout = &lay;
	kr_error_init(&err);
	kr_buf_init(&a, 32u << 20);
	kr_buf_init(&b, 32u << 20);
	if (kr_render_svg(KR_RENDER_KOMPAS, c, &o, &a, &err) != KR_OK)
		fail_msg("render failed: %s", err.message);
	assert_true(strncmp(a.data, "<svg ", 5) == 0);
	assert_non_null(strstr(a.data, "viewBox=\"0 0 297.0 210.0\" width=\"297mm\" "
	                       "height=\"210mm\""));
	assert_null(strstr(a.data, "<?xml"));
	assert_int_equal(tu_count(a.data, "<svg "), 5);
	assert_int_equal(tu_count(a.data, "</svg>"), 5);
	assert_int_equal(tu_count(a.data, "class=\"kompas-panel\""), 4);
	assert_references(a.data);
	/* Boxes: on the page; none crosses from one panel into another or
	 * into the title.  Overlaps inside one panel are that picture's own
	 * business (its own tests), counted in *inside. */
	*inside = 0;
	for (size_t i = 0; i < lay.n; i++) {
		const struct kr_box *p = &lay.boxes[i];
		assert_true(p->x >= 0.0 && p->y >= 0.0 && p->x + p->w <= 297.0 &&
		            p->y + p->h <= 210.0);
		for (size_t j = i + 1; j < lay.n; j++) {
			const struct kr_box *q = &lay.boxes[j];
			if (!(p->x < q->x + q->w && q->x < p->x + p->w && p->y < q->y + q->h &&
			      q->y < p->y + p->h))
				continue;
			if (panel_of(p) < 0 || panel_of(p) != panel_of(q))
				fail_msg("%s: box %zu (%.1f,%.1f %.1fx%.1f) crosses box %zu "
				         "(%.1f,%.1f %.1fx%.1f)", c->ref, i, p->x, p->y, p->w, p->h, j,
				         q->x, q->y, q->w, q->h);
			(*inside)++;
		}
	}
	o.layout = NULL;
	assert_int_equal(kr_render_svg(KR_RENDER_KOMPAS, c, &o, &b, &err), KR_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	kr_buf_cleanup(&b);
	kr_layout_cleanup(&lay);
	kr_error_cleanup(&err);
	svg = kr_buf_steal(&a, len);
	assert_non_null(svg);
	return svg;
}

static void assert_drawable(const char *svg, size_t len)
{
	struct kr_buf out;
	struct kr_error err;
	kr_error_init(&err);
	kr_buf_init(&out, 64u << 20);
	if (kr_render_convert(svg, len, KR_FORMAT_PNG, &out, &err) != KR_OK)
		fail_msg("librsvg cannot draw the kompas: %s", err.message);
	assert_true(memcmp(out.data, "\x89PNG", 4) == 0);
	kr_buf_cleanup(&out);
	kr_buf_init(&out, 64u << 20);
	if (kr_render_convert(svg, len, KR_FORMAT_PDF, &out, &err) != KR_OK)
		fail_msg("librsvg cannot print the kompas: %s", err.message);
	assert_true(memcmp(out.data, "%PDF", 4) == 0);
	kr_buf_cleanup(&out);
	kr_error_cleanup(&err);
}

static void test_fixture(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	size_t len, inside;
	char *svg = render(c, KR_LANG_NL, &len, &inside);
	(void)state;

	if (inside)
		fprintf(stderr, "note: %zu overlaps inside panels (the panels' own tests own them)\n",
		        inside);
	assert_non_null(strstr(svg, ">Netwerkkompas van Sam, stand op 2025-06-01</text>"));
	assert_non_null(strstr(svg, ">Ecogram</text>"));
	assert_non_null(strstr(svg, ">Genogram</text>"));
	assert_non_null(strstr(svg, ">Levenslijn</text>"));
	assert_non_null(strstr(svg, ">Sociogram</text>"));
	for (int k = 1; k <= 4; k++) {
		char want[32];
		snprintf(want, sizeof want, "id=\"k%d-", k);
		assert_non_null(strstr(svg, want));   /* each panel keeps its title id */
	}
	assert_drawable(svg, len);
	free(svg);

	svg = render(c, KR_LANG_EN, &len, &inside);
	assert_non_null(strstr(svg, ">Network compass of Sam, as of 2025-06-01</text>"));
	assert_non_null(strstr(svg, ">Lifeline</text>"));
	free(svg);
	kr_case_free(c);
}

/* The writer's prefix: every id, class, reference and selector gets it. */
static void test_prefix(void **state)
{
	static const char *const classes[] = { "a b2" };
	static const char *const css[] = { "fill:#fff;stroke-width:.5px" };
	const char *want[] = {
		"aria-labelledby=\"p-kr-title p-kr-desc\">",
		"<title id=\"p-kr-title\">T</title>",
		".p-halo{paint-order:stroke;",
		"<style>.p-a,.p-b2{fill:#fff;stroke-width:.5px}</style>",
		"<pattern id=\"p-hatch\" width=\"8\" height=\"8\"",
		"<rect x=\"0.0\" y=\"0.0\" width=\"10.0\" height=\"10.0\" fill=\"url(#p-hatch)\" "
		"stroke=\"#fff\" class=\"p-a p-b2\"/>",
		"<text x=\"1.0\" y=\"2.0\" font-size=\"5.0\" class=\"p-halo\">.a #b stays"
		"</text>",
		"<g class=\"p-tie p-q-conflict p-s-none\"",
	};
	struct kr_geometry *g = kri_geom_new(KR_RENDER_LIFELINE);
	struct kr_geom_item *it;
	struct kr_tie t;
	struct kr_buf b;
	(void)state;

	g->width = 200;
	g->height = 100;
	g->title = "T";
	g->desc = "D";
	it = kri_geom_add(g, KR_GEOM_CSS);
	it->css = (struct kr_geom_css){ classes, css, 1 };
	kri_geom_group(g, NULL, KR_GEOM_F_DEFS | KR_GEOM_F_BREAK);
	it = kri_geom_add(g, KR_GEOM_PATTERN);
	it->pattern = (struct kr_geom_pattern){ "hatch", 8, 8, "#fff", "" };
	kri_geom_end(g);
	it = kri_geom_rect(g, 0, 0, 10, 10);
	it->style.fill = "url(#hatch)";
	it->style.stroke = "#fff";
	it->cls = "a  b2";
	kri_geom_label(g, 1, 2, 5, KR_ANCHOR_START, "halo", -1, ".a #b stays");
	memset(&t, 0, sizeof t);
	t.quality = KR_QUALITY_CONFLICT;
	kri_geom_tie(g, NULL, &t, -1, 0, 50, 0, 200, 50, 0, NULL);
	kr_buf_init(&b, 1 << 20);
	assert_int_equal(kr_geometry_to_svg(g, "p-", &b, NULL), KR_OK);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(b.data, want[i]))
			fail_msg("missing %s in\n%s", want[i], b.data);
	assert_references(b.data);
	assert_null(strstr(b.data, "\"kr-title"));
	assert_null(strstr(b.data, "class=\"halo"));
	kr_buf_cleanup(&b);
	kr_geometry_free(g);
}

/* A panel on the page is the picture as drawn on its own with the panel's
 * prefix, and its boxes are its own boxes scaled into its frame. */
static void test_panels_are_pictures(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	struct kr_render_opts o;
	struct kr_geometry *page = NULL;
	struct kr_layout lay = { NULL, 0, 0 }, sublay = { NULL, 0, 0 };
	(void)state;

	memset(&o, 0, sizeof o);
	o.lang = KR_LANG_NL;
	o.as_of = tu_day(AS_OF);
	assert_int_equal(kr_render_geometry(KR_RENDER_KOMPAS, c, &o, &page, NULL), KR_OK);
	assert_true(page->mm);
	for (int k = 0; k < 4; k++) {
		const struct kr_geom_item *pic = NULL;
		struct kr_buf alone, whole;
		char pfx[8];
		const char *at;
		size_t n = 0;
		for (size_t i = 0; i < page->nitems; i++)
			if (page->items[i].type == KR_GEOM_PICTURE && n++ == (size_t)k)
				pic = &page->items[i];
		assert_non_null(pic);
		snprintf(pfx, sizeof pfx, "k%d-", k + 1);
		assert_string_equal(pic->picture.prefix, pfx);
		kr_buf_init(&alone, 8u << 20);
		kr_buf_init(&whole, 8u << 20);
		assert_int_equal(kr_geometry_to_svg(pic->picture.g, pfx, &alone, NULL), KR_OK);
		assert_int_equal(kr_geometry_to_svg(page, NULL, &whole, NULL), KR_OK);
		/* from the title on, the panel's text is the picture's own */
		at = strstr(alone.data, "<title");
		assert_non_null(at);
		assert_non_null(strstr(whole.data, at));
		kr_buf_cleanup(&alone);
		kr_buf_cleanup(&whole);
		/* the boxes: each panel box is one of the picture's, scaled */
		{
			double s, ox, oy;
			kri_picture_fit(&pic->picture, &s, &ox, &oy);
			assert_true(s > 0 && s < 1);
			assert_int_equal(kr_geometry_boxes(pic->picture.g, &sublay), KR_OK);
			assert_true(sublay.n > 0);
			assert_true(ox >= pic->picture.x - 1e-9 && oy >= pic->picture.y - 1e-9);
			kr_layout_cleanup(&sublay);
		}
	}
	assert_int_equal(kr_geometry_boxes(page, &lay), KR_OK);
	assert_true(lay.n > 6);
	kr_layout_cleanup(&lay);
	kr_geometry_free(page);
	kr_case_free(c);
}

static void test_edges(void **state)
{
	struct kr_case *c;
	struct kr_buf b;
	size_t len, inside;
	char *text, *svg;
	(void)state;

	c = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-KOMPAS-ONE\","
	                      "\"child\":\"c\"},\"persons\":[{\"id\":\"c\",\"roles\":[\"child\"]}]}");
	svg = render(c, KR_LANG_NL, &len, &inside);
	assert_drawable(svg, len);
	free(svg);
	kr_case_free(c);

	/* 150 people, half without birth dates, ties in a ring */
	kr_buf_init(&b, 4u << 20);
	kr_buf_puts(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-KOMPAS-MANY\","
	            "\"child\":\"p0\"},\"persons\":[{\"id\":\"p0\",\"name\":\"Kind\","
	            "\"born\":\"2015\",\"roles\":[\"child\"]}");
	for (int i = 1; i < 150; i++)
		kr_buf_printf(&b, ",{\"id\":\"p%d\",\"name\":\"Naam %d\",\"roles\":[\"%s\"]%s}", i, i,
		              i % 3 ? "friend" : "aunt_uncle", i % 2 ? ",\"born\":\"1990\"" : "");
	kr_buf_puts(&b, "],\"ties\":[");
	for (int i = 1; i < 150; i++)
		kr_buf_printf(&b, "%s{\"a\":\"p%d\",\"b\":\"p%d\"}", i > 1 ? "," : "", i - 1, i);
	kr_buf_puts(&b, "]}");
	text = kr_buf_steal(&b, NULL);
	c = tu_case_from_text(text);
	free(text);
	svg = render(c, KR_LANG_NL, &len, &inside);
	free(svg);
	kr_case_free(c);
}

static void test_generated(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 60; i++) {
		char *json = NULL;
		struct kr_case *c;
		size_t len, inside;
		assert_int_equal(kr_generate_case(5, i, tu_day(AS_OF), &json, NULL), KR_OK);
		c = tu_case_from_text(json);
		free(json);
		free(render(c, (enum kr_lang)(i % 2), &len, &inside));
		kr_case_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_panels_are_pictures),
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
