/*
 * test_render_flower.c - Wraparound's flower (lib/render_flower.c): golden
 * files for a fixture and the examples; who sits in the heart (the child,
 * the household, the trust figure or else the foster care worker); which
 * petal each person lands in (agencies apart from the other professionals);
 * "+N meer" and cut names; no two text boxes overlapping for every mix of
 * petal sizes, on 300 generated cases and on the edge cases (one person, no
 * ties, 150 people, unknown birth dates); English; readable by librsvg.
 *
 * Goldens live in tests/data/golden/flower-<ref>.svg; run with
 * KRING_UPDATE_GOLDEN=1 to rewrite them after an intended change.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "kring/buf.h"
#include "kring/generate.h"
#include "kring/render.h"

#define AS_OF "2025-06-01"

static const char *SAM =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-FLOWER-SAM\",\"child\":\"p1\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"sex\":\"m\",\"born\":\"2014-05-02\",\"roles\":[\"child\"],"
	"\"segment\":\"household\"},"
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"sex\":\"f\",\"roles\":[\"parent\"],\"segment\":\"family\"},"
	"{\"id\":\"p3\",\"name\":\"Ruud\",\"sex\":\"m\",\"died\":\"2022\",\"roles\":[\"parent\"],"
	"\"segment\":\"family\"},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"sex\":\"f\",\"roles\":[\"sibling\"],\"segment\":\"family\"},"
	"{\"id\":\"p5\",\"name\":\"Marga\",\"sex\":\"f\",\"roles\":[\"foster_parent\"],"
	"\"segment\":\"household\"},"
	"{\"id\":\"p8\",\"name\":\"Henk\",\"sex\":\"m\",\"roles\":[\"foster_parent\"],"
	"\"segment\":\"household\"},"
	"{\"id\":\"p6\",\"name\":\"Kees\",\"sex\":\"m\",\"roles\":[\"coach\"],\"segment\":\"leisure\"},"
	"{\"id\":\"p12\",\"name\":\"Mees\",\"sex\":\"m\",\"roles\":[\"coach\"],\"segment\":\"leisure\"},"
	"{\"id\":\"p7\",\"name\":\"Anouk\",\"sex\":\"f\",\"roles\":[\"foster_care_worker\"],"
	"\"world\":\"professional\",\"segment\":\"professionals\"},"
	"{\"id\":\"p9\",\"name\":\"Fatma\",\"sex\":\"f\",\"roles\":[\"guardian\"],"
	"\"world\":\"professional\"},"
	"{\"id\":\"p13\",\"name\":\"Dr. Jansen\",\"roles\":[\"therapist\"],"
	"\"world\":\"professional\"},"
	"{\"id\":\"p10\",\"name\":\"Juf Ria\",\"sex\":\"f\",\"roles\":[\"teacher\"]},"
	"{\"id\":\"p11\",\"name\":\"Daan\",\"sex\":\"m\",\"roles\":[\"friend\"]}],"
	"\"ties\":["
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"frequency\":\"weekly\","
	"\"trust_figure\":true},"
	"{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p4\",\"strength\":\"weak\",\"frequency\":\"rarely\"}]}";

/* Under LeakSanitizer: fontconfig, pango and glib keep process-wide caches
 * that librsvg fills when the picture is drawn (kr_render_convert); they
 * are not leaks of kring. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig\nleak:libpango\nleak:libglib\nleak:libgobject\n"
	       "leak:libharfbuzz\nleak:librsvg\nleak:libcairo\n";
}

static void golden(const char *name, const char *svg, size_t len, bool must_exist)
{
	char file[300];
	snprintf(file, sizeof file, "%s.svg", name);
	tu_golden(file, svg, len, must_exist);
}

static void assert_no_overlap(const struct kr_layout *l, const char *what)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t j = i + 1; j < l->n; j++) {
			const struct kr_box *a = &l->boxes[i], *b = &l->boxes[j];
			if (a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
			    b->y < a->y + a->h)
				fail_msg("%s: box %zu (%.1f,%.1f %.1fx%.1f) overlaps box %zu "
				         "(%.1f,%.1f %.1fx%.1f)", what, i, a->x, a->y, a->w, a->h, j,
				         b->x, b->y, b->w, b->h);
		}
}

/* The page size from the root element. */
static void page_size(const char *svg, double *w, double *h)
{
	const char *vb = strstr(svg, "viewBox=\"0 0 ");
	assert_non_null(vb);
	assert_int_equal(sscanf(vb + 13, "%lf %lf", w, h), 2);
}

/* Renders c, checks layout (no overlaps, all on the page), determinism;
 * returns the SVG. */
static char *render(const struct kr_case *c, enum kr_lang lang, size_t *len)
{
	struct kr_render_opts o;
	struct kr_layout lay = { NULL, 0, 0 };
	struct kr_buf a, b;
	struct kr_error err;
	double w, h;
	char *svg;

	memset(&o, 0, sizeof o);
	o.lang = lang;
	o.as_of = tu_day(AS_OF);
	o.layout = &lay;
	kr_error_init(&err);
	kr_buf_init(&a, 8u << 20);
	kr_buf_init(&b, 8u << 20);
	if (kr_render_svg(KR_RENDER_FLOWER, c, &o, &a, &err) != KR_OK)
		fail_msg("render failed: %s", err.message);
	assert_no_overlap(&lay, c->ref);
	page_size(a.data, &w, &h);
	for (size_t i = 0; i < lay.n; i++) {
		const struct kr_box *bx = &lay.boxes[i];
		if (bx->x < 0.0 || bx->y < 0.0 || bx->x + bx->w > w || bx->y + bx->h > h)
			fail_msg("%s: box %zu (%.1f,%.1f %.1fx%.1f) is off the %.0fx%.0f page", c->ref,
			         i, bx->x, bx->y, bx->w, bx->h, w, h);
	}
	o.layout = NULL;
	assert_int_equal(kr_render_svg(KR_RENDER_FLOWER, c, &o, &b, &err), KR_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	kr_buf_cleanup(&b);
	kr_layout_cleanup(&lay);
	kr_error_cleanup(&err);
	svg = kr_buf_steal(&a, len);
	assert_non_null(svg);
	return svg;
}

static void assert_readable(const char *svg, size_t len)
{
	struct kr_buf png;
	struct kr_error err;
	kr_buf_init(&png, 64u << 20);
	kr_error_init(&err);
	if (kr_render_convert(svg, len, KR_FORMAT_PNG, &png, &err) != KR_OK)
		fail_msg("librsvg cannot draw the flower: %s", err.message);
	assert_true(png.len > 8 && memcmp(png.data, "\x89PNG", 4) == 0);
	kr_buf_cleanup(&png);
	kr_error_cleanup(&err);
}

static void test_fixture(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	size_t len;
	char *svg = render(c, KR_LANG_NL, &len);
	(void)state;

	golden("flower-T-FLOWER-SAM", svg, len, true);
	assert_non_null(strstr(svg, "<title"));
	assert_non_null(strstr(svg, "<desc"));
	assert_non_null(strstr(svg, ">Bloem van Sam</text>"));
	/* the heart: the child, the household, the trust figure as professional friend */
	assert_non_null(strstr(svg, "class=\"child\">Sam</text>"));
	assert_non_null(strstr(svg, ">Marga</text>"));
	assert_non_null(strstr(svg, ">Henk</text>"));
	assert_non_null(strstr(svg, ">professionele vriend</text>"));
	assert_non_null(strstr(svg, "class=\"pf\">Kees</text>"));
	assert_int_equal(tu_count(svg, ">Kees</text>"), 1);       /* not in his petal too */
	/* petals: the deceased father is gone; the guardian is an agency */
	assert_non_null(strstr(svg, ">familie (2)</text>"));
	assert_null(strstr(svg, ">Ruud</text>"));
	assert_non_null(strstr(svg, ">vrije tijd (1)</text>"));
	assert_non_null(strstr(svg, ">Mees</text>"));
	assert_non_null(strstr(svg, ">professionals (2)</text>"));
	assert_non_null(strstr(svg, ">instanties (1)</text>"));
	assert_non_null(strstr(svg, ">Fatma</text>"));
	assert_non_null(strstr(svg, ">school en werk (1)</text>"));
	assert_non_null(strstr(svg, ">online (0)</text>"));
	assert_int_equal(tu_count(svg, ">niemand</text>"), 3);    /* neighbourhood, religion, online */
	/* line styles carry meaning: dashed professionals, dash-dotted agencies, dotted empty */
	assert_non_null(strstr(svg, "stroke-dasharray=\"7 4\""));
	assert_non_null(strstr(svg, "stroke-dasharray=\"9 3 2 3\""));
	assert_non_null(strstr(svg, "stroke-dasharray=\"2 3\""));
	assert_readable(svg, len);
	free(svg);

	svg = render(c, KR_LANG_EN, &len);
	golden("flower-T-FLOWER-SAM-en", svg, len, true);
	assert_non_null(strstr(svg, ">Flower of Sam</text>"));
	assert_non_null(strstr(svg, ">professional friend</text>"));
	assert_non_null(strstr(svg, ">agencies (1)</text>"));
	assert_non_null(strstr(svg, ">nobody</text>"));
	free(svg);
	kr_case_free(c);
}

/* Without a trust figure the foster care worker is the professional friend;
 * without either, the heart says so. */
static void test_professional_friend(void **state)
{
	struct kr_case *c = tu_case_from_text(
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-FLOWER-PF\",\"child\":\"c\"},"
		"\"persons\":[{\"id\":\"c\",\"name\":\"Mila\",\"roles\":[\"child\"]},"
		"{\"id\":\"old\",\"name\":\"Oud\",\"roles\":[\"foster_care_worker\"],"
		"\"involved\":[{\"from\":\"2020-01-01\",\"to\":\"2021-01-01\"}]},"
		"{\"id\":\"w\",\"name\":\"Wendy\",\"roles\":[\"foster_care_worker\"]},"
		"{\"id\":\"g\",\"name\":\"Gijs\",\"roles\":[\"guardian\"]}],"
		"\"ties\":[{\"a\":\"c\",\"b\":\"old\",\"trust_figure\":true}]}");
	size_t len;
	char *svg = render(c, KR_LANG_NL, &len);
	(void)state;

	/* the trust figure is no longer involved: the current worker takes the heart */
	assert_non_null(strstr(svg, "class=\"pf\">Wendy</text>"));
	assert_null(strstr(svg, ">Oud</text>"));
	assert_non_null(strstr(svg, ">professionals (0)</text>"));
	assert_non_null(strstr(svg, ">instanties (1)</text>"));
	/* nobody in the household nor in 8 petals */
	assert_int_equal(tu_count(svg, ">niemand</text>"), 9);
	free(svg);
	kr_case_free(c);

	c = tu_case_from_text(
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-FLOWER-ONE\",\"child\":\"c\"},"
		"\"persons\":[{\"id\":\"c\",\"roles\":[\"child\"]}]}");
	svg = render(c, KR_LANG_NL, &len);
	assert_non_null(strstr(svg, ">nog niemand</text>"));
	assert_int_equal(tu_count(svg, ">niemand</text>"), 10);   /* the household and 9 petals */
	golden("flower-T-FLOWER-ONE", svg, len, true);
	assert_readable(svg, len);
	free(svg);
	kr_case_free(c);
}

/* A case with counts[k] people in petal k (k 0..6 informal, 7 professionals,
 * 8 agencies) and house people in the household; names as wide as given. */
static struct kr_case *flower_case(const int counts[9], int house, const char *name)
{
	static const char *seg[] = { "family", "friends", "school_work", "leisure",
		"neighbourhood", "religion", "online", "professionals", "professionals" };
	struct kr_buf b;
	struct kr_case *c;
	char *text;
	int id = 0;

	kr_buf_init(&b, 4u << 20);
	kr_buf_printf(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-FLOWER-MIX\","
	              "\"child\":\"c\"},\"persons\":[{\"id\":\"c\",\"name\":\"%s\","
	              "\"roles\":[\"child\"]}", name);
	for (int i = 0; i < house; i++)
		kr_buf_printf(&b, ",{\"id\":\"p%d\",\"name\":\"%s %d\",\"roles\":[\"foster_parent\"]}",
		              id++, name, i);
	for (int k = 0; k < 9; k++)
		for (int i = 0; i < counts[k]; i++)
			kr_buf_printf(&b, ",{\"id\":\"p%d\",\"name\":\"%s %d\",\"roles\":[\"%s\"],"
			              "\"segment\":\"%s\"}", id++, name, i,
			              k == 8 ? "social_team" : k == 7 ? "therapist" : "other", seg[k]);
	kr_buf_puts(&b, "]}");
	text = kr_buf_steal(&b, NULL);
	c = tu_case_from_text(text);
	free(text);
	return c;
}

static void test_more_and_cut(void **state)
{
	const int counts[9] = { 10, 6, 7, 0, 0, 0, 0, 1, 0 };
	struct kr_case *c = flower_case(counts, 5, "Persoon");
	size_t len;
	char *svg = render(c, KR_LANG_NL, &len);
	(void)state;

	assert_non_null(strstr(svg, ">familie (10)</text>"));
	assert_non_null(strstr(svg, ">+5 meer</text>"));        /* 10: five names and +5 */
	assert_non_null(strstr(svg, ">+2 meer</text>"));        /* 7: five names and +2 */
	assert_non_null(strstr(svg, ">+3 meer</text>"));        /* household of 5: two and +3 */
	assert_int_equal(tu_count(svg, "meer</text>"), 3);          /* 6 fit without "+N" */
	free(svg);
	kr_case_free(c);

	c = flower_case(counts, 1, "Wilhelmina Wouterina van Wassenaer-Westerwoude");
	svg = render(c, KR_LANG_NL, &len);
	assert_non_null(strstr(svg, "\xe2\x80\xa6</text>"));   /* names cut with an ellipsis */
	assert_null(strstr(svg, "Westerwoude 0</text>"));
	assert_readable(svg, len);
	free(svg);
	kr_case_free(c);
}

/* Every mix of petal sizes that matters: neighbours of each size pair, wide
 * names everywhere. */
static void test_mixes(void **state)
{
	static const int sizes[] = { 0, 1, 2, 4, 6, 7, 9, 20 };
	const int ns = (int)(sizeof sizes / sizeof sizes[0]);
	(void)state;

	for (int x = 0; x < ns; x++)
		for (int y = 0; y < ns; y++) {
			int counts[9];
			struct kr_case *c;
			size_t len;
			for (int k = 0; k < 9; k++)
				counts[k] = k % 2 ? sizes[x] : sizes[y];
			/* odd and even petals alternate; petal 8 meets petal 0 (both "y") */
			counts[8] = sizes[(x + y) % ns];
			c = flower_case(counts, (x + y) % 6, "WWWWWWWWWWWWWWWWWWWW");
			free(render(c, (enum kr_lang)(x % 2), &len));
			kr_case_free(c);
		}
}

static void test_many(void **state)
{
	struct kr_buf b;
	struct kr_case *c;
	size_t len;
	char *text, *svg;
	(void)state;

	/* 150 people, no birth dates, no ties, segments from roles */
	static const char *roles[] = { "parent", "friend", "teacher", "coach", "neighbour",
		"religious", "therapist", "guardian", "foster_parent", "aunt_uncle" };
	kr_buf_init(&b, 4u << 20);
	kr_buf_puts(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-FLOWER-MANY\","
	            "\"child\":\"c\"},\"persons\":[{\"id\":\"c\",\"name\":\"Kind\","
	            "\"roles\":[\"child\"]}");
	for (int i = 1; i < 150; i++)
		kr_buf_printf(&b, ",{\"id\":\"p%d\",\"name\":\"Naam %d\",\"roles\":[\"%s\"]}", i, i,
		              roles[i % 10]);
	kr_buf_puts(&b, "]}");
	text = kr_buf_steal(&b, NULL);
	c = tu_case_from_text(text);
	free(text);
	svg = render(c, KR_LANG_NL, &len);
	assert_non_null(strstr(svg, ">familie (29)</text>"));
	assert_non_null(strstr(svg, ">online (0)</text>"));
	assert_readable(svg, len);
	free(svg);
	kr_case_free(c);
}

static void test_examples(void **state)
{
	DIR *d = opendir("examples");
	struct dirent *e;
	(void)state;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name), len;
		char path[512], name[300];
		struct kr_case *c;
		char *svg;
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof path, "examples/%s", e->d_name);
		c = tu_case_from_file(path);
		svg = render(c, KR_LANG_NL, &len);
		snprintf(name, sizeof name, "flower-%s", c->ref);
		golden(name, svg, len, false);
		free(svg);
		kr_case_free(c);
	}
	closedir(d);
}

static void test_generated(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 300; i++) {
		char *json = NULL;
		struct kr_case *c;
		size_t len;
		assert_int_equal(kr_generate_case(5, i, tu_day(AS_OF), &json, NULL), KR_OK);
		c = tu_case_from_text(json);
		free(json);
		free(render(c, (enum kr_lang)(i % 2), &len));
		kr_case_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_professional_friend),
		cmocka_unit_test(test_more_and_cut),
		cmocka_unit_test(test_mixes),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
