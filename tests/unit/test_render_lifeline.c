/*
 * test_render_lifeline.c - the lifeline renderer: golden files (byte
 * identity) on fixture cases and on the example cases in examples/, layout
 * checks (no two symbol or label boxes overlap) on 300 lives from my own
 * generator and 300 cases of the shared synthetic population (generate.h),
 * and the edge cases: one person without events, an unknown birth date, 150
 * events on few days, events after the as-of day, English.
 *
 * Goldens live in tests/data/golden/lifeline-<ref>.svg; run with
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
#include "kring/settings.h"

#define AS_OF "2026-01-01"

/* Every event type, placements of several forms (one ended in breakdown,
 * a support family alongside), a change of professional, partial dates, an
 * event before birth and one after the as-of day. */
static const char *SAM =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-LIFE-SAM\",\"child\":\"sam\"},"
	"\"persons\":["
	"{\"id\":\"sam\",\"name\":\"Sam\",\"sex\":\"m\",\"born\":\"2014-05-02\","
	"\"roles\":[\"child\"]},"
	"{\"id\":\"ilse\",\"name\":\"Ilse\",\"sex\":\"f\",\"roles\":[\"parent\"]},"
	"{\"id\":\"ruud\",\"name\":\"Ruud\",\"sex\":\"m\",\"died\":\"2022-03\","
	"\"roles\":[\"parent\"]},"
	"{\"id\":\"jan\",\"name\":\"Jan\",\"sex\":\"m\",\"roles\":[\"grandparent\"]},"
	"{\"id\":\"wil\",\"name\":\"Wil\",\"sex\":\"f\",\"roles\":[\"grandparent\"]},"
	"{\"id\":\"marga\",\"name\":\"Marga\",\"sex\":\"f\",\"roles\":[\"foster_parent\"]},"
	"{\"id\":\"kees\",\"name\":\"Kees\",\"sex\":\"m\",\"roles\":[\"foster_parent\"]},"
	"{\"id\":\"ria\",\"name\":\"Ria\",\"sex\":\"f\",\"roles\":[\"other\"]},"
	"{\"id\":\"anouk\",\"name\":\"Anouk\",\"sex\":\"f\",\"roles\":[\"foster_care_worker\"],"
	"\"world\":\"professional\"}],"
	"\"placements\":["
	"{\"id\":\"pl0\",\"form\":\"support_family\",\"carers\":[\"ria\"],\"start\":\"2019-09-01\","
	"\"end\":\"2021-06-30\",\"end_reason\":\"planned\"},"
	"{\"id\":\"pl1\",\"form\":\"crisis\",\"carers\":[\"jan\",\"wil\"],\"start\":\"2022-04-01\","
	"\"end\":\"2022-09-01\",\"end_reason\":\"breakdown\"},"
	"{\"id\":\"pl2\",\"form\":\"foster_fulltime\",\"variant\":\"care\",\"network\":false,"
	"\"carers\":[\"marga\",\"kees\"],\"start\":\"2022-09-01\"},"
	"{\"id\":\"pl3\",\"form\":\"foster_parttime\",\"carers\":[\"ria\"],"
	"\"start\":\"2027-01-01\"}],"
	"\"events\":["
	"{\"date\":\"2012\",\"type\":\"move\",\"text\":\"parents move to Utrecht\"},"
	"{\"date\":\"2014-05-02\",\"type\":\"birth\",\"person\":\"sam\"},"
	"{\"date\":\"2019\",\"type\":\"move\"},"
	"{\"date\":\"2022-03\",\"type\":\"death\",\"person\":\"ruud\"},"
	"{\"date\":\"2022-03\",\"type\":\"loss\",\"person\":\"ruud\",\"text\":\"father died\"},"
	"{\"date\":\"2022-04-01\",\"type\":\"placement_start\",\"placement\":\"pl1\"},"
	"{\"date\":\"2022-09-01\",\"type\":\"breakdown\",\"placement\":\"pl1\"},"
	"{\"date\":\"2022-09-01\",\"type\":\"placement_end\",\"placement\":\"pl1\"},"
	"{\"date\":\"2022-09-01\",\"type\":\"placement_start\",\"placement\":\"pl2\"},"
	"{\"date\":\"2023-08\",\"type\":\"school_change\",\"text\":\"De Regenboog\"},"
	"{\"date\":\"2023-03-01\",\"type\":\"perspective_decision\"},"
	"{\"date\":\"2023-10-01\",\"type\":\"development_check\"},"
	"{\"date\":\"2023-02-20\",\"type\":\"meeting\",\"text\":\"rondetafel\"},"
	"{\"date\":\"2024-01-10\",\"type\":\"professional_change\",\"person\":\"anouk\"},"
	"{\"date\":\"2025-06\",\"type\":\"other\",\"text\":\"zwemdiploma A\"},"
	"{\"date\":\"2026-05-01\",\"type\":\"meeting\",\"text\":\"NOT SHOWN: after as-of\"}]}";

/* Born unknown: the axis starts at the earliest dated event. */
static const char *UNKNOWN =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-LIFE-UNKNOWN\",\"child\":\"a\"},"
	"\"persons\":[{\"id\":\"a\",\"name\":\"<Ann & Bo>\",\"roles\":[\"child\"]},"
	"{\"id\":\"b\",\"name\":\"Gezinshuis De Linde\",\"roles\":[\"family_home_parent\"]}],"
	"\"placements\":[{\"id\":\"p\",\"form\":\"family_home\",\"carers\":[\"b\"],"
	"\"start\":\"2023\"}],"
	"\"events\":[{\"date\":\"2021-06\",\"type\":\"move\"},"
	"{\"date\":\"2023\",\"type\":\"placement_start\",\"placement\":\"p\"}]}";

static const char *ONE =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-LIFE-ONE\",\"child\":\"p1\"},"
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Alex\",\"sex\":\"x\",\"roles\":[\"child\"]}]}";

/* A newborn: the axis is a few weeks long. */
static const char *NEWBORN =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-LIFE-NEWBORN\",\"child\":\"n\"},"
	"\"persons\":[{\"id\":\"n\",\"name\":\"Noa\",\"sex\":\"f\",\"born\":\"2025-12-10\","
	"\"roles\":[\"child\"]},{\"id\":\"c\",\"name\":\"Carla\",\"sex\":\"f\","
	"\"roles\":[\"foster_parent\"]}],"
	"\"placements\":[{\"id\":\"p\",\"form\":\"crisis\",\"carers\":[\"c\"],"
	"\"start\":\"2025-12-12\"}]}";

/* ---- helpers ---- */

static char *render(const struct kr_case *c, enum kr_lang lang, struct kr_layout *lay,
                    size_t *len)
{
	struct kr_buf b;
	struct kr_error err;
	struct kr_render_opts o;
	enum kr_status st;
	char *s;

	memset(&o, 0, sizeof o);
	o.lang = lang;
	o.as_of = tu_day(AS_OF);
	o.layout = lay;
	kr_buf_init(&b, 64u << 20);
	kr_error_init(&err);
	st = kr_render_svg(KR_RENDER_LIFELINE, c, &o, &b, &err);
	if (st != KR_OK)
		fail_msg("render: %s", err.message);
	kr_error_cleanup(&err);
	s = kr_buf_steal(&b, len);
	assert_non_null(s);
	assert_true(strncmp(s, "<svg", 4) == 0 || strncmp(s, "<?xml", 5) == 0);
	assert_non_null(strstr(s, "<title"));
	assert_non_null(strstr(s, "<desc"));
	assert_non_null(strstr(s, "</svg>"));
	return s;
}

static bool boxes_overlap(const struct kr_box *a, const struct kr_box *b)
{
	const double e = 0.05;
	return a->x < b->x + b->w - e && b->x < a->x + a->w - e &&
	       a->y < b->y + b->h - e && b->y < a->y + a->h - e;
}

static void assert_no_overlap(const struct kr_layout *lay, const char *what)
{
	for (size_t i = 0; i < lay->n; i++)
		for (size_t j = i + 1; j < lay->n; j++) {
			const struct kr_box *a = &lay->boxes[i], *b = &lay->boxes[j];
			if (boxes_overlap(a, b))
				fail_msg("%s: boxes %zu (kind %d, %.1f %.1f %.1fx%.1f) and "
				         "%zu (kind %d, %.1f %.1f %.1fx%.1f) overlap", what, i,
				         (int)a->kind, a->x, a->y, a->w, a->h, j, (int)b->kind,
				         b->x, b->y, b->w, b->h);
		}
}

/* Compares svg with tests/data/golden/KIND-REF.svg (see tu_golden). */
static void golden(const char *kind, const char *ref, const char *svg, size_t len,
                   bool must_exist)
{
	char name[300];
	snprintf(name, sizeof name, "%s-%s.svg", kind, ref);
	tu_golden(name, svg, len, must_exist);
}

static void check_fixture(const char *json, bool must_exist)
{
	struct kr_case *c = tu_case_from_text(json);
	struct kr_layout lay = { 0 };
	size_t n1, n2;
	char *a = render(c, KR_LANG_NL, &lay, &n1);
	char *b = render(c, KR_LANG_NL, NULL, &n2);

	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	assert_no_overlap(&lay, c->ref);
	golden("lifeline", c->ref, a, n1, must_exist);
	free(a);
	free(b);
	kr_layout_cleanup(&lay);
	kr_case_free(c);
}

static void test_golden_fixtures(void **state)
{
	(void)state;
	check_fixture(SAM, true);
	check_fixture(UNKNOWN, true);
	check_fixture(ONE, true);
	check_fixture(NEWBORN, true);
}

static void test_golden_examples(void **state)
{
	DIR *d = opendir("examples");
	struct dirent *e;
	char *names[256];
	size_t n = 0;

	(void)state;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL && n < 256) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		char path[512];
		char *text;
		snprintf(path, sizeof path, "examples/%s", names[i]);
		text = tu_read_file(path, NULL);
		check_fixture(text, false);
		free(text);
		free(names[i]);
	}
}

/* Renders c as of day iso (Dutch, default thresholds). */
static char *render_on(const struct kr_case *c, const char *iso)
{
	struct kr_render_opts o;
	struct kr_buf b;
	struct kr_error err;
	size_t n;

	memset(&o, 0, sizeof o);
	o.lang = KR_LANG_NL;
	o.as_of = tu_day(iso);
	kr_buf_init(&b, 1u << 24);
	kr_error_init(&err);
	assert_int_equal(kr_render_svg(KR_RENDER_LIFELINE, c, &o, &b, &err), KR_OK);
	kr_error_cleanup(&err);
	return kr_buf_steal(&b, &n);
}

/* Settling-in check-ins: a small triangle on the bar for each one held up
 * to the as-of day with its scores in the tooltip, and the legend says what
 * it is; none without check-ins.  The schedule of the current home
 * (settling.c): a check-in due and not held is an open triangle, the one
 * the schedule calls overdue a vermillion one, each with a legend entry,
 * and the description says how far the schedule is. */
static void test_checkins(void **state)
{
	const char *doc =
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-LIFE-CHECK\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"born\":\"2014-05-02\"}],"
		"\"placements\":[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"start\":\"2025-09-01\","
		"\"settling\":[{\"date\":\"2025-09-08\",\"child\":3,\"parents\":2},"
		"{\"date\":\"2025-09-22\"},{\"date\":\"2026-03-01\",\"child\":4}]}]}";
	struct kr_case *c = tu_case_from_text(doc);
	size_t n;
	char *s = render(c, KR_LANG_NL, NULL, &n);
	(void)state;
	/* two held before 2026-01-01, and the legend's sample */
	assert_int_equal(tu_count(s, "l-3.5 -5h7z\" fill=\"#000\""), 3);
	assert_non_null(strstr(s, "driehoekje: gesprek over het wennen"));
	assert_non_null(strstr(s, "<title>Gesprek over het wennen, 8 september 2025: kind 3 "
	                          "(wisselend), ouders 2 (gaat moeilijk)</title>"));
	/* check-in 3 (6 weeks: 13 October) is overdue, 4 (12 weeks) is due */
	assert_int_equal(tu_count(s, "class=\"checkin-due overdue\""), 1);
	assert_non_null(strstr(s, "<title>Gesprek 3 over het wennen, rond 13 oktober 2025: te "
	                          "laat</title>"));
	assert_int_equal(tu_count(s, "class=\"checkin-due\""), 1);
	assert_non_null(strstr(s, "<title>Gesprek 4 over het wennen, rond 24 november 2025: nog "
	                          "niet gehouden</title>"));
	assert_non_null(strstr(s, "rood open driehoekje: gesprek over het wennen te laat"));
	assert_non_null(strstr(s, "open driehoekje: gesprek over het wennen dat nu moet"));
	assert_non_null(strstr(s, "Wennen: 2 van de 6 gesprekken gedaan; het volgende (rond "
	                          "13 oktober 2025) is te laat."));
	free(s);
	/* the day after check-in 3 was due: due, not yet overdue */
	s = render_on(c, "2025-10-14");
	assert_int_equal(tu_count(s, "class=\"checkin-due\""), 1);
	assert_null(strstr(s, "overdue"));
	assert_null(strstr(s, "te laat"));
	assert_non_null(strstr(s, "; het volgende rond 13 oktober 2025."));
	free(s);
	kr_case_free(c);
	c = tu_case_from_text(SAM);
	s = render(c, KR_LANG_NL, NULL, &n);
	assert_int_equal(tu_count(s, "l-3.5 -5h7z"), 0);
	assert_null(strstr(s, "driehoekje"));
	free(s);
	kr_case_free(c);
}

/* The path the lifeline draws is judged with the organisation's thresholds
 * (opts.settings), the same ones `kring show` uses: a return home of five
 * months is no end of the out-of-home period with path.home_months 6 (the
 * next home is a move), but is with 4 (no move). */
static void test_path_settings(void **state)
{
	const char *doc =
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-LIFE-PATH\",\"child\":\"k\"},"
		"\"persons\":[{\"id\":\"k\",\"name\":\"Kim\",\"born\":\"2015-02-01\","
		"\"roles\":[\"child\"]},{\"id\":\"a\",\"name\":\"Anna\","
		"\"roles\":[\"foster_parent\"]},{\"id\":\"b\",\"name\":\"Bert\","
		"\"roles\":[\"foster_parent\"]}],"
		"\"placements\":[{\"id\":\"p1\",\"form\":\"foster_fulltime\",\"carers\":[\"a\"],"
		"\"start\":\"2021-01-01\",\"end\":\"2022-01-01\"},"
		"{\"id\":\"p2\",\"form\":\"foster_fulltime\",\"carers\":[\"b\"],"
		"\"start\":\"2022-06-01\"}]}";
	struct kr_case *c = tu_case_from_text(doc);
	struct kr_settings set;
	struct kr_render_opts o;
	struct kr_buf b1, b2;
	struct kr_error err;

	(void)state;
	kr_settings_defaults(&set);
	memset(&o, 0, sizeof o);
	o.lang = KR_LANG_NL;
	o.as_of = tu_day(AS_OF);
	o.settings = &set;
	kr_buf_init(&b1, 1u << 24);
	kr_buf_init(&b2, 1u << 24);
	kr_error_init(&err);
	assert_int_equal(kr_render_svg(KR_RENDER_LIFELINE, c, &o, &b1, &err), KR_OK);
	assert_non_null(strstr(b1.data, "1 overplaatsing,"));
	assert_non_null(strstr(b1.data, "overplaatsing</text>"));   /* the bar says it */
	set.v[KR_SET_PATH_HOME_MONTHS] = 4;
	assert_int_equal(kr_render_svg(KR_RENDER_LIFELINE, c, &o, &b2, &err), KR_OK);
	assert_null(strstr(b2.data, "1 overplaatsing,"));
	assert_non_null(strstr(b2.data, "0 overplaatsingen,"));
	assert_null(strstr(b2.data, "overplaatsing</text>"));
	kr_buf_cleanup(&b1);
	kr_buf_cleanup(&b2);
	kr_error_cleanup(&err);
	kr_case_free(c);
}

/* What the picture must say. */
static void test_content(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	struct kr_layout lay = { 0 };
	size_t n, syms = 0;
	char *s = render(c, KR_LANG_NL, &lay, &n);

	(void)state;
	assert_non_null(strstr(s, "Levenslijn van Sam"));
	/* year ticks with labels, the as-of day at the end of the axis */
	assert_non_null(strstr(s, ">2016<"));
	assert_non_null(strstr(s, ">2026-01-01<"));
	/* the event after the as-of day and the placement starting after it
	 * are left out */
	assert_null(strstr(s, "NOT SHOWN"));
	assert_int_equal(tu_count(s, "url(#ll-form-3)"), 0);
	/* the event before birth is pinned to the start, with its year */
	assert_non_null(strstr(s, "(2012) "));
	/* placements: form and carers; breakdown highlighted and bold */
	/* the path: crisis care with Jan and Wil broke down, then a move to
	 * Marga and Kees; the support family before is no move, and the
	 * period away from home is one grey band */
	assert_non_null(strstr(s, ": Marga, Kees \xE2\x80\x94 overplaatsing<"));
	assert_null(strstr(s, ": Ria \xE2\x80\x94 overplaatsing"));
	assert_non_null(strstr(s, "1 overplaatsing, 1 breakdown."));
	assert_non_null(strstr(s, "grijze balk: uit huis"));
	assert_int_equal(tu_count(s, "fill=\"#8a8a8a\""), 2);   /* one band + legend */
	assert_non_null(strstr(s, ": Jan, Wil \xE2\x80\x94 breakdown<"));
	assert_true(tu_count(s, "class=\"alert\"") >= 3);   /* 2 events, 1 placement, legend */
	assert_true(tu_count(s, "#D55E00") >= 3);
	/* patterns for black and white */
	assert_non_null(strstr(s, "<pattern id=\"ll-form-5\""));
	assert_non_null(strstr(s, "Legenda"));
	/* 15 events shown + 3 bars + 1 breakdown marker + legend symbols */
	for (size_t i = 0; i < lay.n; i++)
		if (lay.boxes[i].kind == KR_BOX_SYMBOL)
			syms++;
	assert_true(syms >= 15 + 3 + 1);
	free(s);
	kr_layout_cleanup(&lay);

	s = render(c, KR_LANG_EN, NULL, &n);
	assert_non_null(strstr(s, "Lifeline of Sam"));
	assert_non_null(strstr(s, "Legend"));
	free(s);
	kr_case_free(c);

	c = tu_case_from_text(UNKNOWN);
	s = render(c, KR_LANG_NL, NULL, &n);
	assert_non_null(strstr(s, "&lt;Ann &amp; Bo&gt;"));
	assert_null(strstr(s, "<Ann"));
	assert_non_null(strstr(s, "van 2021-06-01 tot 2026-01-01"));
	free(s);
	kr_case_free(c);
}

/* Labels stack in lanes: many events on the same few days never overlap. */
static void test_crowded(void **state)
{
	struct kr_buf doc;
	struct kr_case *c;
	struct kr_layout lay = { 0 };
	char *json, *s;
	size_t n;

	(void)state;
	kr_buf_init(&doc, 1u << 20);
	kr_buf_puts(&doc, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"CROWD\",\"child\":\"c\"},"
	            "\"persons\":[{\"id\":\"c\",\"name\":\"Chris\",\"born\":\"2010-01-01\"}],"
	            "\"events\":[");
	for (int i = 0; i < 150; i++)
		kr_buf_printf(&doc, "%s{\"date\":\"2020-0%d-01\",\"type\":\"%s\",\"text\":\"event "
		              "number %d with a longer text\"}", i ? "," : "", 1 + i % 3,
		              i % 2 ? "meeting" : "professional_change", i);
	kr_buf_puts(&doc, "]}");
	json = kr_buf_steal(&doc, NULL);
	c = tu_case_from_text(json);
	s = render(c, KR_LANG_NL, &lay, &n);
	assert_no_overlap(&lay, "150 events");
	free(s);
	free(json);
	kr_layout_cleanup(&lay);
	kr_case_free(c);
}

/* ---- generated lives ---- */

struct gen { uint64_t s; };

static unsigned rnd(struct gen *g, unsigned n)
{
	g->s = g->s * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((g->s >> 33) % n) : 0;
}

static void date(struct gen *g, struct kr_buf *b, int y0, int y1)
{
	int y = y0 + (int)rnd(g, (unsigned)(y1 - y0 + 1)), m = 1 + (int)rnd(g, 12);
	switch (rnd(g, 6)) {
	case 0:
		kr_buf_printf(b, "\"%d\"", y);
		break;
	case 1:
		kr_buf_printf(b, "\"%d-%02d\"", y, m);
		break;
	default:
		kr_buf_printf(b, "\"%d-%02d-%02d\"", y, m, 1 + (int)rnd(g, 28));
	}
}

static char *gen_life(uint64_t seed)
{
	static const char *types[] = { "birth", "death", "loss", "move", "school_change",
		"placement_start", "placement_end", "breakdown", "professional_change",
		"perspective_decision", "development_check", "meeting", "other" };
	static const char *forms[] = { "informal_network", "support_family", "foster_parttime",
		"foster_fulltime", "crisis", "family_home", "residential", "home" };
	static const char *ends[] = { "planned", "breakdown", "return_home", "adulthood", "other" };
	static const char *words[] = { "naar", "school", "opa", "de", "nieuwe", "begeleider",
		"Utrecht", "gesprek", "met", "broer", "verhuisd", "weekend" };
	struct gen g = { seed * 0x9E3779B97F4A7C15ULL + 7 };
	struct kr_buf b;
	int born = rnd(&g, 8) ? 2000 + (int)rnd(&g, 25) : 0, np = 6, npl, nev;
	int y0 = born ? born : 2005 + (int)rnd(&g, 15);
	char *s;

	kr_buf_init(&b, 1u << 20);
	kr_buf_printf(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"LIFE-%llu\","
	              "\"child\":\"p0\"},\"persons\":[{\"id\":\"p0\",\"name\":\"Kind\"",
	              (unsigned long long)seed);
	if (born)
		kr_buf_printf(&b, ",\"born\":\"%d-%02d-%02d\"", born, 1 + (int)rnd(&g, 12),
		              1 + (int)rnd(&g, 28));
	kr_buf_puts(&b, "}");
	for (int i = 1; i < np; i++)
		kr_buf_printf(&b, ",{\"id\":\"p%d\",\"name\":\"Persoon %d%s\"}", i, i,
		              rnd(&g, 4) ? "" : " van der Heijden-Vermeulen");
	kr_buf_puts(&b, "],\"placements\":[");
	npl = (int)rnd(&g, 7);
	for (int i = 0; i < npl; i++) {
		int sy = y0 + (int)rnd(&g, (unsigned)(2026 - y0 + 1));
		kr_buf_printf(&b, "%s{\"id\":\"pl%d\",\"form\":\"%s\",\"carers\":[", i ? "," : "", i,
		              forms[rnd(&g, 8)]);
		for (int k = (int)rnd(&g, 4), f = 1; k > 0; k--, f = 0)
			kr_buf_printf(&b, "%s\"p%d\"", f ? "" : ",", 1 + k);
		kr_buf_printf(&b, "],\"start\":\"%d-%02d-01\"", sy, 1 + (int)rnd(&g, 12));
		if (rnd(&g, 3))
			kr_buf_printf(&b, ",\"end\":\"%d-12-31\",\"end_reason\":\"%s\"",
			              sy + (int)rnd(&g, 4), ends[rnd(&g, 5)]);
		if (rnd(&g, 4) == 0)
			kr_buf_puts(&b, ",\"network\":true");
		kr_buf_puts(&b, "}");
	}
	kr_buf_puts(&b, "],\"events\":[");
	nev = (int)rnd(&g, 45);
	for (int i = 0; i < nev; i++) {
		unsigned t = rnd(&g, 13);
		kr_buf_printf(&b, "%s{\"type\":\"%s\",\"date\":", i ? "," : "", types[t]);
		date(&g, &b, y0 - 2, 2027);
		if (rnd(&g, 3) == 0)
			kr_buf_printf(&b, ",\"person\":\"p%u\"", rnd(&g, (unsigned)np));
		if (npl && rnd(&g, 3) == 0)
			kr_buf_printf(&b, ",\"placement\":\"pl%u\"", rnd(&g, (unsigned)npl));
		if (rnd(&g, 2)) {
			kr_buf_puts(&b, ",\"text\":\"");
			for (int w = 1 + (int)rnd(&g, 9); w > 0; w--)
				kr_buf_printf(&b, "%s%s", words[rnd(&g, 12)], w > 1 ? " " : "");
			kr_buf_puts(&b, "\"");
		}
		kr_buf_puts(&b, "}");
	}
	kr_buf_puts(&b, "]}");
	s = kr_buf_steal(&b, NULL);
	assert_non_null(s);
	return s;
}

static void test_generated(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		char *json = gen_life(seed), what[64];
		struct kr_case *c = tu_case_from_text(json);
		struct kr_layout lay = { 0 };
		size_t n;
		char *s = render(c, seed % 2 ? KR_LANG_NL : KR_LANG_EN, &lay, &n);
		snprintf(what, sizeof what, "generated life %llu", (unsigned long long)seed);
		assert_no_overlap(&lay, what);
		if (seed % 25 == 0) {
			size_t n2;
			char *s2 = render(c, seed % 2 ? KR_LANG_NL : KR_LANG_EN, NULL, &n2);
			assert_int_equal(n, n2);
			assert_memory_equal(s, s2, n);
			free(s2);
		}
		free(s);
		kr_layout_cleanup(&lay);
		kr_case_free(c);
		free(json);
	}
}

/* The shared synthetic population (generate.h): 300 cases of 5 to 60
 * people, "today" on the as-of day. */
static void test_population(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 300; i++) {
		char *json = NULL, what[64];
		struct kr_error err;
		struct kr_case *c;
		struct kr_layout lay = { 0 };
		size_t n;
		char *s;

		kr_error_init(&err);
		if (kr_generate_case(1, i, tu_day(AS_OF), &json, &err) != KR_OK)
			fail_msg("generate %lu: %s", i, err.message);
		kr_error_cleanup(&err);
		c = tu_case_from_text(json);
		s = render(c, i % 2 ? KR_LANG_EN : KR_LANG_NL, &lay, &n);
		snprintf(what, sizeof what, "%s", c->ref);
		assert_no_overlap(&lay, what);
		free(s);
		kr_layout_cleanup(&lay);
		kr_case_free(c);
		free(json);
	}
}

static void test_too_small(void **state)
{
	struct kr_case *c = tu_case_from_text(SAM);
	struct kr_buf b;
	struct kr_error err;
	struct kr_render_opts o;

	(void)state;
	memset(&o, 0, sizeof o);
	o.as_of = tu_day(AS_OF);
	kr_buf_init(&b, 1000);
	kr_error_init(&err);
	assert_int_equal(kr_render_svg(KR_RENDER_LIFELINE, c, &o, &b, &err), KR_ETOOBIG);
	kr_error_cleanup(&err);
	kr_buf_cleanup(&b);
	kr_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_fixtures),
		cmocka_unit_test(test_golden_examples),
		cmocka_unit_test(test_checkins),
		cmocka_unit_test(test_path_settings),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_crowded),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_population),
		cmocka_unit_test(test_too_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
