/*
 * render_fixture.h - what the renderer and metrics tests share: small
 * hand-written cases that exercise every line style and symbol, big cases
 * built by code (any number of people, deterministic), the "nothing
 * overlaps and everyone is drawn" check on a layout, and the golden-file
 * checks of the network pictures (tu_golden in testutil.h).  Header-only, included after testutil.h.
 */
#ifndef KRING_RENDER_FIXTURE_H
#define KRING_RENDER_FIXTURE_H

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/render.h"

#define RF_AS_OF "2025-06-01"

/* Every tie style, every sex, a deceased parent, a trust figure, a
 * professional no longer involved, a person without world or segment, two
 * origin-foster bridges, and people without ties. */
static const char RF_SMALL[] =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"R1-SMALL\",\"child\":\"p1\","
	"\"opened\":\"2024-01-15\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"sex\":\"m\",\"born\":\"2014-05-02\",\"roles\":[\"child\"],"
	"\"world\":\"origin\",\"segment\":\"household\"},"
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"sex\":\"f\",\"born\":\"1989\",\"roles\":[\"parent\"],"
	"\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p3\",\"name\":\"Ruud\",\"sex\":\"m\",\"born\":\"1986\",\"died\":\"2022\","
	"\"roles\":[\"parent\"],\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"sex\":\"f\",\"born\":\"2011\",\"roles\":[\"sibling\"],"
	"\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p5\",\"name\":\"Marga de Vries-Jansen\",\"sex\":\"f\","
	"\"roles\":[\"foster_parent\"],\"world\":\"foster\",\"segment\":\"household\"},"
	"{\"id\":\"p6\",\"name\":\"Kees\",\"sex\":\"m\",\"roles\":[\"coach\"],\"world\":\"shared\","
	"\"segment\":\"leisure\"},"
	"{\"id\":\"p7\",\"name\":\"Anouk\",\"sex\":\"f\",\"roles\":[\"foster_care_worker\"],"
	"\"world\":\"professional\",\"segment\":\"professionals\","
	"\"involved\":[{\"from\":\"2024-01-15\",\"to\":null}]},"
	"{\"id\":\"p8\",\"name\":\"Jip\",\"sex\":\"x\",\"roles\":[\"foster_sibling\"],"
	"\"world\":\"foster\",\"segment\":\"household\"},"
	"{\"id\":\"p9\",\"name\":\"Henk\",\"sex\":\"m\",\"roles\":[\"foster_parent\"],"
	"\"world\":\"foster\",\"segment\":\"household\"},"
	"{\"id\":\"p10\",\"name\":\"Oma Truus\",\"sex\":\"f\",\"born\":\"1950\","
	"\"roles\":[\"grandparent\"],\"world\":\"origin\",\"segment\":\"family\"},"
	"{\"id\":\"p11\",\"name\":\"Juf Aylin\",\"sex\":\"f\",\"roles\":[\"teacher\"],"
	"\"world\":\"shared\",\"segment\":\"school_work\"},"
	"{\"id\":\"p12\",\"name\":\"Bram\",\"sex\":\"unknown\",\"roles\":[\"guardian\"],"
	"\"world\":\"professional\",\"segment\":\"professionals\","
	"\"involved\":[{\"from\":\"2023-01-01\",\"to\":\"2024-12-31\"}]},"
	"{\"id\":\"p13\",\"name\":\"Buurvrouw\",\"roles\":[\"neighbour\"]},"
	"{\"id\":\"p14\",\"name\":\"Mo\",\"sex\":\"m\",\"born\":\"2014\",\"roles\":[\"friend\"],"
	"\"world\":\"shared\",\"segment\":\"friends\"}"
	"],"
	"\"kinship\":["
	"{\"type\":\"parent\",\"parent\":\"p2\",\"child\":\"p1\"},"
	"{\"type\":\"parent\",\"parent\":\"p3\",\"child\":\"p1\"},"
	"{\"type\":\"partners\",\"a\":\"p2\",\"b\":\"p3\",\"status\":\"separated\"}"
	"],"
	"\"ties\":["
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"support\":[\"emotional\",\"practical\"],\"frequency\":\"weekly\",\"direction\":\"b_to_a\","
	"\"trust_figure\":true},"
	"{\"a\":\"p1\",\"b\":\"p4\",\"strength\":\"weak\",\"quality\":\"positive\","
	"\"frequency\":\"rarely\"},"
	"{\"a\":\"p2\",\"b\":\"p5\",\"strength\":\"normal\",\"quality\":\"conflict\","
	"\"frequency\":\"monthly\"},"
	"{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"quality\":\"positive\","
	"\"frequency\":\"daily\",\"support\":[\"practical\"],\"direction\":\"mutual\"},"
	"{\"a\":\"p1\",\"b\":\"p9\",\"strength\":\"normal\",\"quality\":\"ambivalent\","
	"\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p2\",\"strength\":\"normal\",\"quality\":\"broken\","
	"\"frequency\":\"never\"},"
	"{\"a\":\"p1\",\"b\":\"p8\",\"strength\":\"weak\",\"quality\":\"neutral\","
	"\"frequency\":\"weekly\",\"support\":[\"respite\"],\"direction\":\"a_to_b\"},"
	"{\"a\":\"p10\",\"b\":\"p9\",\"strength\":\"normal\",\"quality\":\"positive\","
	"\"frequency\":\"yearly\"},"
	"{\"a\":\"p1\",\"b\":\"p11\",\"strength\":\"normal\",\"frequency\":\"daily\","
	"\"support\":[\"information\"]},"
	"{\"a\":\"p1\",\"b\":\"p7\",\"strength\":\"normal\",\"frequency\":\"monthly\"},"
	"{\"a\":\"p1\",\"b\":\"p12\",\"strength\":\"weak\",\"frequency\":\"monthly\"},"
	"{\"a\":\"p4\",\"b\":\"p10\",\"strength\":\"strong\",\"frequency\":\"weekly\"},"
	"{\"a\":\"p1\",\"b\":\"p14\",\"strength\":\"strong\",\"frequency\":\"daily\"}"
	"]}";

/* The case format's smallest document: a child and nothing else. */
static const char RF_ONE[] =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"R1-ONE\",\"child\":\"c\"},"
	"\"persons\":[{\"id\":\"c\"}]}";

/* A deterministic generator (not rand(): the same on every machine). */
static inline uint32_t rf_next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 33);
}

/* A case with n people built by code: random sexes, worlds, segments, some
 * without birth date or name, long names, ties with the child for about
 * half of them and about `extra` ties between others.  Caller frees. */
static inline struct kr_case *rf_case_big(size_t n, size_t extra, uint64_t seed,
                                          const char *ref)
{
	static const char *const sex[] = { "m", "f", "x", "unknown" };
	static const char *const world[] = { "origin", "foster", "shared", "professional" };
	static const char *const seg[] = { "household", "family", "friends", "school_work",
		"leisure", "neighbourhood", "religion", "online", "professionals" };
	static const char *const str[] = { "strong", "normal", "weak" };
	static const char *const qual[] = { "positive", "neutral", "ambivalent", "conflict",
		"broken" };
	static const char *const freq[] = { "daily", "weekly", "monthly", "yearly", "rarely",
		"never" };
	static const char *const dir[] = { "a_to_b", "b_to_a", "mutual" };
	struct kr_buf b;
	struct kr_case *c;
	uint64_t s = seed;
	bool first = true;
	char *text;

	kr_buf_init(&b, 16u << 20);
	kr_buf_printf(&b, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\",\"child\":\"p0\"},"
	              "\"persons\":[", ref);
	for (size_t i = 0; i < n; i++) {
		uint32_t r = rf_next(&s);
		kr_buf_printf(&b, "%s{\"id\":\"p%zu\"", i ? "," : "", i);
		if (r % 7)
			kr_buf_printf(&b, ",\"name\":\"%s %zu\"", r % 5 == 0 ?
			              "Maximiliaan van den Heuvel-Oosterbroek" : "Persoon", i);
		kr_buf_printf(&b, ",\"sex\":\"%s\",\"world\":\"%s\",\"segment\":\"%s\"",
		              sex[(r >> 3) % 4], world[(r >> 5) % 4], seg[(r >> 7) % 9]);
		if (i == 0)
			kr_buf_puts(&b, ",\"roles\":[\"child\"],\"born\":\"2015\"");
		else if ((r >> 11) % 3 == 0)
			kr_buf_printf(&b, ",\"born\":\"%u\"", 1940u + (r >> 13) % 80);
		kr_buf_puts(&b, "}");
	}
	kr_buf_puts(&b, "],\"ties\":[");
	for (size_t i = 1; i < n; i++) {
		uint32_t r = rf_next(&s);
		if (r % 2)
			continue;
		kr_buf_printf(&b, "%s{\"a\":\"p0\",\"b\":\"p%zu\",\"strength\":\"%s\",\"quality\":"
		              "\"%s\",\"frequency\":\"%s\",\"direction\":\"%s\"}", first ? "" : ",",
		              i, str[(r >> 3) % 3], qual[(r >> 5) % 5], freq[(r >> 8) % 6],
		              dir[(r >> 11) % 3]);
		first = false;
	}
	for (size_t k = 0; k < extra && n > 2; k++) {
		size_t a = 1 + rf_next(&s) % (n - 1), bb = 1 + rf_next(&s) % (n - 1);
		bool dup = false;
		if (a == bb)
			continue;
		/* one tie per pair: skip a pair already drawn */
		{
			char pat1[64], pat2[64];
			snprintf(pat1, sizeof pat1, "\"a\":\"p%zu\",\"b\":\"p%zu\"", a, bb);
			snprintf(pat2, sizeof pat2, "\"a\":\"p%zu\",\"b\":\"p%zu\"", bb, a);
			dup = strstr(b.data, pat1) || strstr(b.data, pat2);
		}
		if (dup)
			continue;
		kr_buf_printf(&b, "%s{\"a\":\"p%zu\",\"b\":\"p%zu\",\"strength\":\"%s\"}",
		              first ? "" : ",", a, bb, str[rf_next(&s) % 3]);
		first = false;
	}
	kr_buf_puts(&b, "]}");
	assert_false(b.failed);
	text = kr_buf_steal(&b, NULL);
	c = tu_case_from_text(text);
	free(text);
	return c;
}

/* Asserts that no two boxes of the layout overlap, and, when
 * every_person, that every person of c has a symbol. */
static inline void rf_check_layout(const struct kr_layout *l, const struct kr_case *c,
                                   bool every_person, const char *what)
{
	bool *seen = calloc(c->npersons + 1, sizeof *seen);

	assert_non_null(seen);
	for (size_t i = 0; i < l->n; i++) {
		const struct kr_box *a = &l->boxes[i];
		assert_true(a->w >= 0 && a->h >= 0);
		if (a->kind == KR_BOX_SYMBOL && a->person >= 0 && (size_t)a->person < c->npersons)
			seen[a->person] = true;
		for (size_t j = i + 1; j < l->n; j++) {
			const struct kr_box *b = &l->boxes[j];
			if (a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
			    b->y < a->y + a->h)
				fail_msg("%s: boxes %zu (%s of person %d at %.1f,%.1f %.1fx%.1f) and %zu "
				         "(%s of person %d at %.1f,%.1f %.1fx%.1f) overlap", what, i,
				         a->kind ? "label" : "symbol", a->person, a->x, a->y, a->w, a->h, j,
				         b->kind ? "label" : "symbol", b->person, b->x, b->y, b->w, b->h);
		}
	}
	for (size_t p = 0; every_person && p < c->npersons; p++)
		if (!seen[p])
			fail_msg("%s: person %s is not drawn", what, c->persons[p].id);
	free(seen);
}

/* Renders kind for c as of RF_AS_OF into a new string (caller frees),
 * collecting the layout into l when non-NULL. */
static inline char *rf_render(enum kr_render_kind kind, const struct kr_case *c,
                              enum kr_lang lang, struct kr_layout *l, size_t *len)
{
	struct kr_render_opts o;
	struct kr_buf b;
	struct kr_error err;
	enum kr_status rc;

	memset(&o, 0, sizeof o);
	o.lang = lang;
	o.as_of = tu_day(RF_AS_OF);
	o.layout = l;
	kr_buf_init(&b, 64u << 20);
	kr_error_init(&err);
	rc = kr_render_svg(kind, c, &o, &b, &err);
	if (rc != KR_OK)
		fail_msg("render %s of %s: %s", kr_render_kind_name(kind), c->ref, err.message);
	kr_error_cleanup(&err);
	return kr_buf_steal(&b, len);
}

/* Renders kind for c, checks its layout (nothing overlaps, everyone drawn)
 * and compares it with the golden file KIND-REF[SUFFIX].svg. */
static inline void rf_golden_case(enum kr_render_kind kind, const struct kr_case *c,
                                  enum kr_lang lang, const char *suffix)
{
	struct kr_layout l = { 0 };
	size_t len;
	char *svg = rf_render(kind, c, lang, &l, &len);
	char name[256];

	rf_check_layout(&l, c, true, c->ref);
	snprintf(name, sizeof name, "%s-%s%s.svg", kr_render_kind_name(kind), c->ref, suffix);
	tu_golden(name, svg, len, true);
	free(svg);
	kr_layout_cleanup(&l);
}

/* The golden files of the hand-written fixtures (RF_SMALL in Dutch and
 * English, RF_ONE). */
static inline void rf_golden_fixtures(enum kr_render_kind kind)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	rf_golden_case(kind, c, KR_LANG_NL, "");
	rf_golden_case(kind, c, KR_LANG_EN, "-en");
	kr_case_free(c);
	c = tu_case_from_text(RF_ONE);
	rf_golden_case(kind, c, KR_LANG_NL, "");
	kr_case_free(c);
}

/* The golden files of every case in examples/ (run from the repo root). */
static inline void rf_golden_examples(enum kr_render_kind kind)
{
	DIR *d = opendir("examples");
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char path[512];
		struct kr_case *c;
		if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof path, "examples/%s", e->d_name);
		c = tu_case_from_file(path);
		rf_golden_case(kind, c, KR_LANG_NL, "");
		kr_case_free(c);
		n++;
	}
	closedir(d);
	assert_true(n >= 5);
}

/* Two renders of the same case give the same bytes. */
static inline void rf_deterministic(enum kr_render_kind kind)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	size_t l1, l2;
	char *a = rf_render(kind, c, KR_LANG_NL, NULL, &l1);
	char *b = rf_render(kind, c, KR_LANG_NL, NULL, &l2);

	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
	kr_case_free(c);
}

#endif
