/*
 * test_render_scan.c - the Community Scan spider web (lib/render_scan.c):
 * golden files (byte identity) for fixture cases and the examples, the
 * earlier polygon and both dates when comparing, "leeg"/"zwak" labels,
 * English, no two boxes overlapping on fixtures and on 300 generated cases,
 * and the edge cases (one person, no ties, 150 people, unknown birth
 * dates), each also drawn through librsvg to prove the SVG is readable.
 *
 * Goldens live in tests/data/golden/scan-<ref>[-<variant>].svg; run with
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
#include "kring/scan.h"

#define AS_OF "2025-06-01"

static const char *SAM =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-SAM\",\"child\":\"p1\"},"
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
	"\"involved\":[{\"from\":\"2025-01-15\",\"to\":null}]},"
	"{\"id\":\"p8\",\"name\":\"Henk\",\"sex\":\"m\",\"roles\":[\"foster_parent\"],"
	"\"world\":\"foster\",\"segment\":\"household\"},"
	"{\"id\":\"p9\",\"name\":\"Fatma\",\"sex\":\"f\",\"roles\":[\"guardian\"],"
	"\"world\":\"professional\"},"
	"{\"id\":\"p10\",\"name\":\"Juf Ria\",\"sex\":\"f\",\"roles\":[\"teacher\"],"
	"\"world\":\"shared\"},"
	"{\"id\":\"p11\",\"name\":\"Daan\",\"sex\":\"m\",\"roles\":[\"friend\"],\"world\":\"shared\"}],"
	"\"ties\":["
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"weekly\",\"trust_figure\":true},"
	"{\"a\":\"p1\",\"b\":\"p4\",\"strength\":\"weak\",\"quality\":\"positive\","
	"\"frequency\":\"rarely\"},"
	"{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p8\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p2\",\"strength\":\"normal\",\"quality\":\"ambivalent\","
	"\"frequency\":\"monthly\"},"
	"{\"a\":\"p1\",\"b\":\"p10\",\"strength\":\"normal\",\"quality\":\"positive\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p11\",\"strength\":\"normal\",\"quality\":\"positive\","
	"\"frequency\":\"weekly\"}]}";

/* The same network a year earlier: no school or friend yet, but a closer
 * sister. */
static const char *SAM_EARLY =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-SAM\",\"child\":\"p1\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"sex\":\"m\",\"born\":\"2014-05-02\",\"roles\":[\"child\"]},"
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"sex\":\"f\",\"roles\":[\"parent\"]},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"sex\":\"f\",\"roles\":[\"sibling\"]},"
	"{\"id\":\"p5\",\"name\":\"Marga\",\"sex\":\"f\",\"roles\":[\"foster_parent\"]},"
	"{\"id\":\"p8\",\"name\":\"Henk\",\"sex\":\"m\",\"roles\":[\"foster_parent\"]},"
	"{\"id\":\"p6\",\"name\":\"Kees\",\"sex\":\"m\",\"roles\":[\"coach\"]}],"
	"\"ties\":["
	"{\"a\":\"p1\",\"b\":\"p4\",\"strength\":\"strong\",\"frequency\":\"weekly\"},"
	"{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p8\",\"strength\":\"normal\",\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"normal\",\"frequency\":\"weekly\"}]}";

static const char *ONE =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-ONE\",\"child\":\"c\"},"
	"\"persons\":[{\"id\":\"c\",\"roles\":[\"child\"]}]}";

static const char *NOTIES =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-NOTIES\",\"child\":\"c\"},"
	"\"persons\":[{\"id\":\"c\",\"name\":\"Lieke\",\"roles\":[\"child\"]},"
	"{\"id\":\"m\",\"name\":\"Moeder\",\"roles\":[\"parent\"]},"
	"{\"id\":\"o\",\"name\":\"Oma Bep\",\"roles\":[\"grandparent\"]},"
	"{\"id\":\"n\",\"name\":\"Buurman Jaap\",\"roles\":[\"neighbour\"]},"
	"{\"id\":\"w\",\"name\":\"Wijkteam Eva\",\"roles\":[\"social_team\"]}]}";

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

/* No two boxes overlap (touching is fine). */
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

/* Renders c (optionally compared with an earlier state), checks the layout
 * and determinism; returns the SVG (caller frees). */
static char *render(const struct kr_case *c, const struct kr_case *then, const char *then_day,
                    enum kr_lang lang, size_t *len)
{
	struct kr_render_opts o;
	struct kr_layout lay = { NULL, 0, 0 };
	struct kr_buf a, b;
	struct kr_error err;
	char *svg;

	memset(&o, 0, sizeof o);
	o.lang = lang;
	o.as_of = tu_day(AS_OF);
	o.compare = then;
	o.compare_day = then ? tu_day(then_day) : 0;
	o.layout = &lay;
	kr_error_init(&err);
	kr_buf_init(&a, 8u << 20);
	kr_buf_init(&b, 8u << 20);
	if (kr_render_svg(KR_RENDER_SCAN, c, &o, &a, &err) != KR_OK)
		fail_msg("render failed: %s", err.message);
	assert_true(lay.n > 0);
	assert_no_overlap(&lay, c->ref);
	for (size_t i = 0; i < lay.n; i++) {
		assert_true(lay.boxes[i].x >= 0.0 && lay.boxes[i].y >= 0.0);
		assert_true(lay.boxes[i].x + lay.boxes[i].w <= 720.0);
		assert_true(lay.boxes[i].y + lay.boxes[i].h <= 660.0);
	}
	o.layout = NULL;
	assert_int_equal(kr_render_svg(KR_RENDER_SCAN, c, &o, &b, &err), KR_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	kr_buf_cleanup(&b);
	kr_layout_cleanup(&lay);
	kr_error_cleanup(&err);
	svg = kr_buf_steal(&a, len);
	assert_non_null(svg);
	return svg;
}

/* librsvg can read it (and draws a PNG). */
static void assert_readable(const char *svg, size_t len)
{
	struct kr_buf png;
	struct kr_error err;
	kr_buf_init(&png, 64u << 20);
	kr_error_init(&err);
	if (kr_render_convert(svg, len, KR_FORMAT_PNG, &png, &err) != KR_OK)
		fail_msg("librsvg cannot draw the scan: %s", err.message);
	assert_true(png.len > 8 && memcmp(png.data, "\x89PNG", 4) == 0);
	kr_buf_cleanup(&png);
	kr_error_cleanup(&err);
}

static void test_fixture(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	size_t len;
	char *svg = render(c, NULL, NULL, KR_LANG_NL, &len);
	(void)state;

	golden("scan-T-SCAN-SAM", svg, len, true);
	assert_non_null(strstr(svg, "<title"));
	assert_non_null(strstr(svg, "<desc"));
	assert_non_null(strstr(svg, "Community Scan van Sam"));
	assert_null(strstr(svg, "class=\"then\""));
	assert_int_equal(tu_count(svg, "class=\"now\""), 1);
	/* every segment named, the empty and the weak ones said so */
	for (int k = 0; k < KR_SEG__N - 1; k++) {
		char want[64];
		snprintf(want, sizeof want, ">%s</text>",
		         kr_scan_segment_name(kr_scan_order[k], KR_LANG_NL));
		assert_non_null(strstr(svg, want));
	}
	assert_int_equal(tu_count(svg, ">leeg</text>"), 3);       /* neighbourhood, religion, online */
	assert_int_equal(tu_count(svg, ">zwak</text>"), 2);       /* family 1.0, professionals 0.7 */
	assert_non_null(strstr(svg, ">8.0</text>"));
	assert_non_null(strstr(svg, ">2.7</text>"));
	assert_non_null(strstr(svg, "stand op 2025-06-01"));
	assert_readable(svg, len);
	free(svg);
	kr_case_free(c);
}

static void test_compare(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM), *then = tu_case_from_text(SAM_EARLY);
	size_t len;
	char *svg = render(c, then, "2024-06-01", KR_LANG_NL, &len);
	(void)state;

	golden("scan-T-SCAN-SAM-compare", svg, len, true);
	assert_int_equal(tu_count(svg, "class=\"then\""), 1);
	assert_int_equal(tu_count(svg, "class=\"now\""), 1);
	assert_non_null(strstr(svg, "stroke-dasharray=\"7 4\" class=\"then\""));
	/* the legend names both dates */
	assert_non_null(strstr(svg, ">nu (2025-06-01)</text>"));
	assert_non_null(strstr(svg, ">eerder (2024-06-01)</text>"));
	/* family went from 1 + 9 = 10 points (3.3) to 1.0 */
	assert_non_null(strstr(svg, ">1.0 (eerder 3.3)</text>"));
	/* school went from nothing to 2.7 */
	assert_non_null(strstr(svg, ">2.7 (eerder 0.0)</text>"));
	assert_readable(svg, len);
	free(svg);

	/* English */
	svg = render(c, then, "2024-06-01", KR_LANG_EN, &len);
	golden("scan-T-SCAN-SAM-en", svg, len, true);
	assert_non_null(strstr(svg, "Community Scan of Sam"));
	assert_non_null(strstr(svg, ">earlier (2024-06-01)</text>"));
	assert_non_null(strstr(svg, ">empty</text>"));
	assert_non_null(strstr(svg, ">weak</text>"));
	assert_null(strstr(svg, ">leeg</text>"));
	free(svg);
	kr_case_free(then);
	kr_case_free(c);
}

static void test_edges(void **state)
{
	struct kr_case *c;
	size_t len;
	char *svg;
	(void)state;

	c = tu_case_from_text(ONE);
	svg = render(c, c, "2020-01-01", KR_LANG_NL, &len);
	assert_int_equal(tu_count(svg, ">leeg</text>"), 9);
	golden("scan-T-SCAN-ONE", svg, len, true);
	free(svg);
	kr_case_free(c);

	c = tu_case_from_text(NOTIES);
	svg = render(c, NULL, NULL, KR_LANG_NL, &len);
	assert_int_equal(tu_count(svg, ">zwak</text>"), 3);   /* family, neighbourhood, professionals */
	assert_readable(svg, len);
	free(svg);
	kr_case_free(c);
}

/* 150 people over every segment with every kind of tie, some born on
 * unknown dates, some deceased. */
static void test_many(void **state)
{
	static const char *seg[] = { "household", "family", "friends", "school_work", "leisure",
		"neighbourhood", "religion", "online", "professionals" };
	static const char *str[] = { "strong", "normal", "weak" };
	static const char *fr[] = { "daily", "weekly", "monthly", "yearly", "rarely", "never" };
	struct kr_buf b;
	struct kr_case *c;
	size_t len;
	char *text, *svg;
	(void)state;

	kr_buf_init(&b, 4u << 20);
	kr_buf_puts(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-MANY\","
	            "\"child\":\"c\"},\"persons\":[{\"id\":\"c\",\"name\":\"Kind\","
	            "\"roles\":[\"child\"]}");
	for (int i = 1; i < 150; i++)
		kr_buf_printf(&b, ",{\"id\":\"p%d\",\"name\":\"Persoon met een lange naam %d\","
		              "\"roles\":[\"other\"],\"segment\":\"%s\"%s%s}", i, i, seg[i % 9],
		              i % 7 == 0 ? "" : ",\"born\":\"1980\"",
		              i % 11 == 0 ? ",\"died\":\"2020\"" : "");
	kr_buf_puts(&b, "],\"ties\":[");
	for (int i = 1; i < 150; i++)
		kr_buf_printf(&b, "%s{\"a\":\"c\",\"b\":\"p%d\",\"strength\":\"%s\","
		              "\"frequency\":\"%s\"}", i > 1 ? "," : "", i, str[i % 3], fr[i % 6]);
	kr_buf_puts(&b, "]}");
	text = kr_buf_steal(&b, NULL);
	c = tu_case_from_text(text);
	free(text);
	svg = render(c, c, "2019-01-01", KR_LANG_NL, &len);
	assert_null(strstr(svg, ">leeg</text>"));
	assert_readable(svg, len);
	free(svg);
	kr_case_free(c);
}

/* Every value a segment can take (0 to 30 points, 0.0 to 10.0), in every
 * segment at once: markers never touch the ring numbers or the labels. */
static void test_every_value(void **state)
{
	static const char *seg[] = { "household", "family", "friends", "school_work", "leisure",
		"neighbourhood", "religion", "online", "professionals" };
	(void)state;

	for (int pts = 0; pts <= 31; pts++) {
		struct kr_buf b;
		struct kr_case *c;
		size_t len;
		char *text, *svg;
		int id = 0;

		kr_buf_init(&b, 4u << 20);
		kr_buf_puts(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-SCAN-VAL\","
		            "\"child\":\"c\"},\"persons\":[{\"id\":\"c\",\"roles\":[\"child\"]}");
		for (int k = 0; k < 9; k++)
			for (int i = 0; i < pts; i++)
				kr_buf_printf(&b, ",{\"id\":\"p%d\",\"roles\":[\"other\"],"
				              "\"segment\":\"%s\"}", id++, seg[k]);
		kr_buf_puts(&b, "],\"ties\":[");
		for (int i = 0; i < id; i++)
			kr_buf_printf(&b, "%s{\"a\":\"c\",\"b\":\"p%d\",\"strength\":\"weak\","
			              "\"frequency\":\"yearly\"}", i ? "," : "", i);
		kr_buf_puts(&b, "]}");
		text = kr_buf_steal(&b, NULL);
		c = tu_case_from_text(text);
		free(text);
		svg = render(c, NULL, NULL, KR_LANG_NL, &len);
		free(svg);
		kr_case_free(c);
	}
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
		svg = render(c, NULL, NULL, KR_LANG_NL, &len);
		snprintf(name, sizeof name, "scan-%s", c->ref);
		golden(name, svg, len, false);
		free(svg);
		kr_case_free(c);
	}
	closedir(d);
}

/* 300 generated cases, each compared with itself a year earlier. */
static void test_generated(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 300; i++) {
		char *json = NULL, *svg;
		struct kr_case *c;
		size_t len;
		assert_int_equal(kr_generate_case(3, i, tu_day(AS_OF), &json, NULL), KR_OK);
		c = tu_case_from_text(json);
		free(json);
		svg = render(c, i % 2 ? c : NULL, "2024-06-01", (enum kr_lang)(i % 3 == 0), &len);
		free(svg);
		kr_case_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_every_value),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
