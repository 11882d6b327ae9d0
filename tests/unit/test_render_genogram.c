/*
 * test_render_genogram.c - the genogram renderer: golden files (byte
 * identity) on fixture cases and on the example cases in examples/; layout
 * checks (no two symbol or label boxes overlap, every person with kinship
 * drawn exactly once) on 300 families from my own generator (half-siblings,
 * adoptions, foster links) and on 300 cases of the shared synthetic
 * population (generate.h); and the edge cases: one person, no kinship, 150
 * people, unknown birth dates, an odd name, English.
 *
 * Goldens live in tests/data/golden/genogram-<ref>.svg; run with
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

#define AS_OF "2026-01-01"

/* Three generations and the cases the symbols must show: a deceased
 * father, separated and divorced parents, a half-sibling on each side, an
 * adopted cousin (sex x), a foster family with a foster link, friends and
 * professionals who must be left out. */
static const char *FAMILY =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-GENO-FAMILY\",\"child\":\"sam\"},"
	"\"persons\":["
	"{\"id\":\"sam\",\"name\":\"Sam\",\"sex\":\"m\",\"born\":\"2014-05-02\","
	"\"roles\":[\"child\"],\"world\":\"origin\"},"
	"{\"id\":\"ilse\",\"name\":\"Ilse\",\"sex\":\"f\",\"born\":\"1989\",\"roles\":[\"parent\"],"
	"\"world\":\"origin\"},"
	"{\"id\":\"ruud\",\"name\":\"Ruud\",\"sex\":\"m\",\"born\":\"1986\",\"died\":\"2022\","
	"\"roles\":[\"parent\"],\"world\":\"origin\"},"
	"{\"id\":\"noor\",\"name\":\"Noor\",\"sex\":\"f\",\"born\":\"2011\",\"roles\":[\"sibling\"],"
	"\"world\":\"origin\"},"
	"{\"id\":\"bart\",\"name\":\"Bart\",\"sex\":\"m\",\"born\":\"1985\","
	"\"roles\":[\"step_parent\"],\"world\":\"origin\"},"
	"{\"id\":\"mila\",\"name\":\"Mila\",\"sex\":\"f\",\"born\":\"2020-03-01\","
	"\"roles\":[\"half_sibling\"],\"world\":\"origin\"},"
	"{\"id\":\"els\",\"name\":\"Els\",\"sex\":\"f\",\"born\":\"1987\",\"roles\":[\"other\"],"
	"\"world\":\"origin\"},"
	"{\"id\":\"tim\",\"name\":\"Tim\",\"sex\":\"m\",\"born\":\"2008\","
	"\"roles\":[\"half_sibling\"],\"world\":\"origin\"},"
	"{\"id\":\"henk\",\"name\":\"Henk\",\"sex\":\"m\",\"born\":\"1955\",\"died\":\"2019\","
	"\"roles\":[\"grandparent\"],\"world\":\"origin\"},"
	"{\"id\":\"truus\",\"name\":\"Truus\",\"sex\":\"f\",\"born\":\"1958\","
	"\"roles\":[\"grandparent\"],\"world\":\"origin\"},"
	"{\"id\":\"jan\",\"name\":\"Jan\",\"sex\":\"m\",\"born\":\"1960\","
	"\"roles\":[\"grandparent\"],\"world\":\"origin\"},"
	"{\"id\":\"wil\",\"name\":\"Wil\",\"sex\":\"f\",\"born\":\"1962\","
	"\"roles\":[\"grandparent\"],\"world\":\"origin\"},"
	"{\"id\":\"petra\",\"name\":\"Petra\",\"sex\":\"f\",\"born\":\"1991\","
	"\"roles\":[\"aunt_uncle\"],\"world\":\"origin\"},"
	"{\"id\":\"mo\",\"name\":\"Mohamed\",\"sex\":\"m\",\"born\":\"1990\","
	"\"roles\":[\"aunt_uncle\"],\"world\":\"origin\"},"
	"{\"id\":\"yusuf\",\"name\":\"Yusuf\",\"sex\":\"m\",\"born\":\"2016\",\"roles\":[\"cousin\"],"
	"\"world\":\"origin\"},"
	"{\"id\":\"lin\",\"name\":\"Lin\",\"sex\":\"x\",\"born\":\"2018\",\"roles\":[\"cousin\"],"
	"\"world\":\"origin\"},"
	"{\"id\":\"marga\",\"name\":\"Marga\",\"sex\":\"f\",\"born\":\"1975\","
	"\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"kees\",\"name\":\"Kees\",\"sex\":\"m\",\"born\":\"1973\","
	"\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"lisa\",\"name\":\"Lisa\",\"sex\":\"f\",\"born\":\"2005\","
	"\"roles\":[\"foster_sibling\"],\"world\":\"foster\"},"
	"{\"id\":\"daan\",\"name\":\"Daan\",\"sex\":\"m\",\"roles\":[\"foster_sibling\"],"
	"\"world\":\"foster\"},"
	"{\"id\":\"gerda\",\"name\":\"Gerda\",\"sex\":\"f\",\"born\":\"1948\",\"roles\":[\"other\"],"
	"\"world\":\"foster\"},"
	"{\"id\":\"kim\",\"name\":\"Kim\",\"sex\":\"unknown\",\"roles\":[\"friend\"],"
	"\"world\":\"shared\"},"
	"{\"id\":\"anouk\",\"name\":\"Anouk\",\"sex\":\"f\",\"roles\":[\"foster_care_worker\"],"
	"\"world\":\"professional\"}],"
	"\"kinship\":["
	"{\"type\":\"parent\",\"parent\":\"ilse\",\"child\":\"sam\"},"
	"{\"type\":\"parent\",\"parent\":\"ruud\",\"child\":\"sam\"},"
	"{\"type\":\"parent\",\"parent\":\"ilse\",\"child\":\"noor\"},"
	"{\"type\":\"parent\",\"parent\":\"ruud\",\"child\":\"noor\"},"
	"{\"type\":\"partners\",\"a\":\"ruud\",\"b\":\"ilse\",\"status\":\"separated\"},"
	"{\"type\":\"partners\",\"a\":\"ilse\",\"b\":\"bart\",\"status\":\"cohabiting\"},"
	"{\"type\":\"parent\",\"parent\":\"ilse\",\"child\":\"mila\"},"
	"{\"type\":\"parent\",\"parent\":\"bart\",\"child\":\"mila\"},"
	"{\"type\":\"partners\",\"a\":\"ruud\",\"b\":\"els\",\"status\":\"divorced\"},"
	"{\"type\":\"parent\",\"parent\":\"ruud\",\"child\":\"tim\"},"
	"{\"type\":\"parent\",\"parent\":\"els\",\"child\":\"tim\"},"
	"{\"type\":\"parent\",\"parent\":\"henk\",\"child\":\"ruud\"},"
	"{\"type\":\"parent\",\"parent\":\"truus\",\"child\":\"ruud\"},"
	"{\"type\":\"partners\",\"a\":\"henk\",\"b\":\"truus\",\"status\":\"widowed\"},"
	"{\"type\":\"parent\",\"parent\":\"jan\",\"child\":\"ilse\"},"
	"{\"type\":\"parent\",\"parent\":\"wil\",\"child\":\"ilse\"},"
	"{\"type\":\"parent\",\"parent\":\"jan\",\"child\":\"petra\"},"
	"{\"type\":\"parent\",\"parent\":\"wil\",\"child\":\"petra\"},"
	"{\"type\":\"partners\",\"a\":\"jan\",\"b\":\"wil\",\"status\":\"married\"},"
	"{\"type\":\"partners\",\"a\":\"petra\",\"b\":\"mo\",\"status\":\"married\"},"
	"{\"type\":\"parent\",\"parent\":\"petra\",\"child\":\"yusuf\"},"
	"{\"type\":\"parent\",\"parent\":\"mo\",\"child\":\"yusuf\"},"
	"{\"type\":\"parent\",\"parent\":\"petra\",\"child\":\"lin\",\"kind\":\"adoptive\"},"
	"{\"type\":\"parent\",\"parent\":\"mo\",\"child\":\"lin\",\"kind\":\"adoptive\"},"
	"{\"type\":\"partners\",\"a\":\"marga\",\"b\":\"kees\",\"status\":\"married\"},"
	"{\"type\":\"parent\",\"parent\":\"marga\",\"child\":\"lisa\"},"
	"{\"type\":\"parent\",\"parent\":\"kees\",\"child\":\"lisa\"},"
	"{\"type\":\"parent\",\"parent\":\"marga\",\"child\":\"daan\"},"
	"{\"type\":\"parent\",\"parent\":\"kees\",\"child\":\"daan\"},"
	"{\"type\":\"parent\",\"parent\":\"gerda\",\"child\":\"kees\"},"
	"{\"type\":\"parent\",\"parent\":\"marga\",\"child\":\"sam\",\"kind\":\"foster\"},"
	"{\"type\":\"parent\",\"parent\":\"kees\",\"child\":\"sam\",\"kind\":\"foster\"}],"
	"\"placements\":["
	"{\"id\":\"pl1\",\"form\":\"crisis\",\"carers\":[\"jan\",\"wil\"],\"start\":\"2022-04-01\","
	"\"end\":\"2022-09-01\",\"end_reason\":\"breakdown\"},"
	"{\"id\":\"pl2\",\"form\":\"foster_fulltime\",\"carers\":[\"marga\",\"kees\"],"
	"\"start\":\"2022-09-01\"}]}";

/* A network foster family: the child lives with grandparents, with the
 * mother drawn between them, so the household is shaded member by member. */
static const char *GRANDPARENTS =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-GENO-NETWORK\",\"child\":\"c\"},"
	"\"persons\":["
	"{\"id\":\"c\",\"name\":\"Fleur\",\"sex\":\"f\",\"born\":\"2016-02-10\","
	"\"roles\":[\"child\"]},"
	"{\"id\":\"m\",\"name\":\"Sanne\",\"sex\":\"f\",\"born\":\"1995\",\"roles\":[\"parent\"]},"
	"{\"id\":\"gm\",\"name\":\"Joke\",\"sex\":\"f\",\"born\":\"1965\","
	"\"roles\":[\"grandparent\",\"foster_parent\"]},"
	"{\"id\":\"gf\",\"name\":\"Piet\",\"sex\":\"m\",\"born\":\"1963\","
	"\"roles\":[\"grandparent\",\"foster_parent\"]}],"
	"\"kinship\":["
	"{\"type\":\"parent\",\"parent\":\"m\",\"child\":\"c\"},"
	"{\"type\":\"parent\",\"parent\":\"gm\",\"child\":\"m\"},"
	"{\"type\":\"parent\",\"parent\":\"gf\",\"child\":\"m\"},"
	"{\"type\":\"partners\",\"a\":\"gm\",\"b\":\"gf\",\"status\":\"married\"}],"
	"\"placements\":[{\"id\":\"p\",\"form\":\"foster_fulltime\",\"network\":true,"
	"\"carers\":[\"gm\",\"gf\"],\"start\":\"2020-01-01\"}]}";

/* No family known, two foster parents: the household is one block and
 * gets the dashed outline. */
static const char *FOSTER =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-GENO-FOSTER\",\"child\":\"j\"},"
	"\"persons\":["
	"{\"id\":\"j\",\"name\":\"Jesse\",\"sex\":\"m\",\"born\":\"2012-07-01\","
	"\"roles\":[\"child\"],\"world\":\"origin\"},"
	"{\"id\":\"a\",\"name\":\"Anja\",\"sex\":\"f\",\"born\":\"1980\","
	"\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"r\",\"name\":\"Rob\",\"sex\":\"m\",\"born\":\"1979\","
	"\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"w\",\"name\":\"Wendy\",\"sex\":\"f\",\"roles\":[\"guardian\"],"
	"\"world\":\"professional\"}],"
	"\"kinship\":[{\"type\":\"partners\",\"a\":\"a\",\"b\":\"r\",\"status\":\"married\"}],"
	"\"placements\":[{\"id\":\"p\",\"form\":\"foster_fulltime\",\"carers\":[\"a\",\"r\"],"
	"\"start\":\"2021-03-01\"}]}";

static const char *ONE =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-GENO-ONE\",\"child\":\"p1\"},"
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Alex\",\"sex\":\"x\",\"roles\":[\"child\"]}]}";

/* Kinship but not one birth date; an odd name. */
static const char *UNKNOWN =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-GENO-UNKNOWN\",\"child\":\"a\"},"
	"\"persons\":["
	"{\"id\":\"a\",\"name\":\"<Ann & \\\"Bo\\\">\",\"roles\":[\"child\"]},"
	"{\"id\":\"b\",\"sex\":\"f\",\"roles\":[\"parent\"]},"
	"{\"id\":\"z\",\"name\":\"Zo\",\"sex\":\"m\",\"roles\":[\"sibling\"]},"
	"{\"id\":\"d\",\"name\":\"Dirk\",\"sex\":\"m\",\"roles\":[\"sibling\"]},"
	"{\"id\":\"e\",\"name\":\"Eva Maria Josephina van den Heuvel-Oudshoorn\",\"sex\":\"f\","
	"\"died\":\"2001\",\"roles\":[\"grandparent\"]}],"
	"\"kinship\":["
	"{\"type\":\"parent\",\"parent\":\"b\",\"child\":\"a\"},"
	"{\"type\":\"parent\",\"parent\":\"b\",\"child\":\"z\"},"
	"{\"type\":\"parent\",\"parent\":\"b\",\"child\":\"d\"},"
	"{\"type\":\"parent\",\"parent\":\"e\",\"child\":\"b\"}]}";

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
	st = kr_render_svg(KR_RENDER_GENOGRAM, c, &o, &b, &err);
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
				fail_msg("%s: boxes %zu (person %d, kind %d, %.1f %.1f "
				         "%.1fx%.1f) and %zu (person %d, kind %d, %.1f %.1f "
				         "%.1fx%.1f) overlap", what, i, a->person, (int)a->kind,
				         a->x, a->y, a->w, a->h, j, b->person, (int)b->kind, b->x,
				         b->y, b->w, b->h);
		}
}

/* Every person named in the kinship has exactly one symbol. */
static void assert_kin_drawn(const struct kr_case *c, const struct kr_layout *lay,
                             const char *what)
{
	for (size_t p = 0; p < c->npersons; p++) {
		bool kin = (int)p == c->child;
		int n = 0;
		for (size_t k = 0; k < c->nkinship; k++) {
			const struct kr_kinship *e = &c->kinship[k];
			int pi = (int)p;
			if ((e->type == KR_KIN_PARENT && (e->parent == pi || e->child == pi)) ||
			    (e->type == KR_KIN_PARTNERS && (e->a == pi || e->b == pi)))
				kin = true;
		}
		for (size_t i = 0; i < lay->n; i++)
			if (lay->boxes[i].kind == KR_BOX_SYMBOL && lay->boxes[i].person == (int)p)
				n++;
		if (kin && n != 1)
			fail_msg("%s: person %s has %d symbols", what, c->persons[p].id, n);
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

/* Renders a fixture: checks layout, determinism and the golden file. */
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
	assert_kin_drawn(c, &lay, c->ref);
	golden("genogram", c->ref, a, n1, must_exist);
	free(a);
	free(b);
	kr_layout_cleanup(&lay);
	kr_case_free(c);
}

static void test_golden_fixtures(void **state)
{
	(void)state;
	check_fixture(FAMILY, true);
	check_fixture(GRANDPARENTS, true);
	check_fixture(FOSTER, true);
	check_fixture(ONE, true);
	check_fixture(UNKNOWN, true);
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
	/* sorted, so the run is the same on every file system */
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

/* What the picture must say: symbols, lines, the household, the legend. */
static void test_content(void **state)
{
	struct kr_case *c = tu_case_from_text(FAMILY);
	size_t n;
	char *s = render(c, KR_LANG_NL, NULL, &n);
	int rects = 0;

	(void)state;
	/* left out: the friend and the professional */
	assert_null(strstr(s, ">Kim<"));
	assert_null(strstr(s, ">Anouk<"));
	assert_non_null(strstr(s, ">Sam<"));
	assert_non_null(strstr(s, ">Gerda<"));
	/* years of life for the deceased, age for the living */
	assert_non_null(strstr(s, "1986\xE2\x80\x93" "2022"));
	assert_non_null(strstr(s, "2014, 11 jaar"));
	/* dashed (cohabiting, adoptive), dotted (foster) lines */
	assert_non_null(strstr(s, "stroke-dasharray=\"6 4\""));
	assert_non_null(strstr(s, "stroke-dasharray=\"6 3\""));
	assert_non_null(strstr(s, "stroke-dasharray=\"1.5 3\""));
	/* the household: not one block here, so shaded */
	for (const char *p = s; (p = strstr(p, "fill=\"#DCEBF5\"")) != NULL; p++)
		rects++;
	assert_true(rects >= 3);   /* Sam, Marga, Kees (+ legend) */
	assert_non_null(strstr(s, "Legenda"));
	assert_non_null(strstr(s, "Genogram van Sam"));
	free(s);
	kr_case_free(c);

	c = tu_case_from_text(GRANDPARENTS);
	s = render(c, KR_LANG_EN, NULL, &n);
	assert_null(strstr(s, "rx=\"12\""));              /* Sanne sits in between */
	assert_non_null(strstr(s, "Genogram of Fleur"));
	assert_non_null(strstr(s, "current household"));
	free(s);
	kr_case_free(c);

	c = tu_case_from_text(FOSTER);
	s = render(c, KR_LANG_EN, NULL, &n);
	assert_non_null(strstr(s, "rx=\"12\""));          /* the dashed outline */
	assert_null(strstr(s, ">Wendy<"));
	free(s);
	kr_case_free(c);

	c = tu_case_from_text(UNKNOWN);
	s = render(c, KR_LANG_NL, NULL, &n);
	assert_non_null(strstr(s, "&lt;Ann &amp; &quot;Bo&quot;&gt;"));
	assert_null(strstr(s, "<Ann"));
	assert_non_null(strstr(s, "\xE2\x80\xA6"));      /* the long name clipped */
	free(s);
	kr_case_free(c);
}

/* Siblings hang in birth order: unknown dates last, then by id. */
static void test_birth_order(void **state)
{
	struct kr_case *c = tu_case_from_text(UNKNOWN);
	struct kr_layout lay = { 0 };
	size_t n;
	double xa = 0, xz = 0, xd = 0;
	char *s;

	(void)state;
	s = render(c, KR_LANG_NL, &lay, &n);
	for (size_t i = 0; i < lay.n; i++) {
		const struct kr_box *b = &lay.boxes[i];
		if (b->kind != KR_BOX_SYMBOL || b->person < 0)
			continue;
		if (!strcmp(c->persons[b->person].id, "a"))
			xa = b->x;
		else if (!strcmp(c->persons[b->person].id, "z"))
			xz = b->x;
		else if (!strcmp(c->persons[b->person].id, "d"))
			xd = b->x;
	}
	/* all unknown: by id a < d < z */
	assert_true(xa < xd);
	assert_true(xd < xz);
	free(s);
	kr_layout_cleanup(&lay);
	kr_case_free(c);

	/* known dates first, by date */
	c = tu_case_from_text(FAMILY);
	s = render(c, KR_LANG_NL, &lay, &n);
	{
		double tim = 0, noor = 0, sam = 0, ruud = 0, henk = 0;
		for (size_t i = 0; i < lay.n; i++) {
			const struct kr_box *b = &lay.boxes[i];
			const char *id;
			if (b->kind != KR_BOX_SYMBOL || b->person < 0)
				continue;
			id = c->persons[b->person].id;
			if (!strcmp(id, "noor"))
				noor = b->x;
			else if (!strcmp(id, "sam"))
				sam = b->x;
			else if (!strcmp(id, "tim"))
				tim = b->x;
			else if (!strcmp(id, "ruud"))
				ruud = b->y;
			else if (!strcmp(id, "henk"))
				henk = b->y;
		}
		assert_true(noor < sam);
		assert_true(tim < noor || tim > sam);   /* the half-brother is not between them */
		assert_true(henk < ruud);              /* generations top-down */
	}
	free(s);
	kr_layout_cleanup(&lay);
	kr_case_free(c);
}

/* ---- generated families ---- */

struct gen {
	uint64_t s;
	struct kr_buf per, kin, pla;
	int np, cap;
	int born[64];
};

static unsigned rnd(struct gen *g, unsigned n)
{
	g->s = g->s * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((g->s >> 33) % n) : 0;
}

static const char *SYL[] = { "an", "be", "ko", "ri", "mu", "sa", "de", "lo", "vi", "jo",
	"ek", "ta", "ni", "el", "ur" };

/* Adds a person; -1 once the family is full.  born 0: unknown. */
static int person(struct gen *g, const char *role, const char *world, int born)
{
	static const char *sex[] = { "m", "f", "f", "m", "x", "unknown" };
	int id = g->np, syl = 1 + (int)rnd(g, 4);

	if (g->np >= g->cap)
		return -1;
	kr_buf_printf(&g->per, "%s{\"id\":\"p%d\",\"name\":\"", g->np ? "," : "", id);
	for (int i = 0; i < syl; i++)
		kr_buf_puts(&g->per, SYL[rnd(g, 15)]);
	if (rnd(g, 12) == 0)
		kr_buf_puts(&g->per, " van der Heijden-Vermeulen");
	kr_buf_printf(&g->per, "\",\"sex\":\"%s\",\"roles\":[\"%s\"],\"world\":\"%s\"",
	              sex[rnd(g, 6)], role, world);
	if (born) {
		kr_buf_printf(&g->per, ",\"born\":\"%d\"", born);
		if (born < 1975 && rnd(g, 4) == 0)
			kr_buf_printf(&g->per, ",\"died\":\"%d\"", born + 40 + (int)rnd(g, 10));
	}
	kr_buf_puts(&g->per, "}");
	g->born[id] = born;
	return g->np++;
}

static int born_before(struct gen *g, int child_born)
{
	if (!child_born || rnd(g, 8) == 0)
		return 0;
	return child_born - 18 - (int)rnd(g, 20);
}

static void parent(struct gen *g, int p, int c, const char *kind)
{
	if (p < 0 || c < 0)
		return;
	kr_buf_printf(&g->kin, "%s{\"type\":\"parent\",\"parent\":\"p%d\",\"child\":\"p%d\"",
	              g->kin.len > 1 ? "," : "", p, c);
	if (kind)
		kr_buf_printf(&g->kin, ",\"kind\":\"%s\"", kind);
	kr_buf_puts(&g->kin, "}");
}

static void partners(struct gen *g, int a, int b)
{
	static const char *st[] = { "married", "cohabiting", "separated", "divorced", "widowed" };
	if (a < 0 || b < 0)
		return;
	kr_buf_printf(&g->kin, "%s{\"type\":\"partners\",\"a\":\"p%d\",\"b\":\"p%d\","
	              "\"status\":\"%s\"}", g->kin.len > 1 ? "," : "", a, b, st[rnd(g, 5)]);
}

/* Children of a pair (b may be -1), born after both. */
static void kids(struct gen *g, int a, int b, int n, const char *role, const char *world,
                 int *out)
{
	for (int i = 0; i < n; i++) {
		int yb = 0, k;
		int pa = a >= 0 ? g->born[a] : 0, pb = b >= 0 ? g->born[b] : 0;
		int base = pa > pb ? pa : pb;
		if (base && rnd(g, 6))
			yb = base + 18 + (int)rnd(g, 15);
		if (yb > 2025)
			yb = 2025;
		k = person(g, role, world, yb);
		parent(g, a, k, rnd(g, 10) == 0 ? "adoptive" : NULL);
		parent(g, b, k, NULL);
		if (out)
			out[i] = k;
	}
}

static char *gen_family(uint64_t seed, int cap)
{
	struct gen g;
	struct kr_buf doc;
	int child, mum, dad, cb, fp1 = -1, fp2 = -1, sib[8];
	bool big;
	char *s;

	memset(&g, 0, sizeof g);
	g.s = seed * 2654435761ULL + 12345;
	g.cap = cap;
	kr_buf_init(&g.per, 1u << 20);
	kr_buf_init(&g.kin, 1u << 20);
	kr_buf_init(&g.pla, 1u << 20);
	kr_buf_puts(&g.kin, "[");
	big = rnd(&g, 3) == 0;
	cb = rnd(&g, 10) ? 2000 + (int)rnd(&g, 25) : 0;
	child = person(&g, "child", "origin", cb);
	mum = rnd(&g, 7) ? person(&g, "parent", "origin", born_before(&g, cb)) : -1;
	dad = rnd(&g, 4) ? person(&g, "parent", "origin", born_before(&g, cb)) : -1;
	parent(&g, mum, child, NULL);
	parent(&g, dad, child, NULL);
	if (mum >= 0 && dad >= 0 && rnd(&g, 3))
		partners(&g, mum, dad);
	{
		/* siblings; in a big family the older ones have children too */
		int ns = big ? 3 + (int)rnd(&g, 5) : (int)rnd(&g, 6);
		kids(&g, mum, dad, ns, "sibling", "origin", sib);
		for (int i = 0; big && i < ns; i++) {
			int sp;
			if (sib[i] < 0 || !g.born[sib[i]] || g.born[sib[i]] > 2000 || rnd(&g, 3) == 0)
				continue;
			sp = person(&g, "other", "origin", g.born[sib[i]]);
			partners(&g, sib[i], sp);
			kids(&g, sib[i], sp, 1 + (int)rnd(&g, 3), "other", "origin", NULL);
		}
	}
	/* new partners and half-siblings */
	for (int side = 0; side < 2; side++) {
		int p = side ? dad : mum, np;
		if (p < 0 || rnd(&g, 2))
			continue;
		np = person(&g, "step_parent", "origin", born_before(&g, g.born[child]));
		partners(&g, p, np);
		kids(&g, p, np, 1 + (int)rnd(&g, 3), "half_sibling", "origin", NULL);
	}
	/* grandparents, aunts and uncles, cousins */
	for (int side = 0; side < 2; side++) {
		int p = side ? dad : mum, gm, gf, au[5];
		int pb = p >= 0 ? g.born[p] : 0;
		if (p < 0 || rnd(&g, 4) == 0)
			continue;
		gm = person(&g, "grandparent", "origin", pb ? pb - 20 - (int)rnd(&g, 15) : 0);
		gf = rnd(&g, 3) ? person(&g, "grandparent", "origin",
		                        pb ? pb - 20 - (int)rnd(&g, 15) : 0) : -1;
		parent(&g, gm, p, NULL);
		parent(&g, gf, p, NULL);
		if (gf >= 0 && rnd(&g, 4))
			partners(&g, gm, gf);
		if (pb == 0)
			continue;
		{
			int na = big ? 2 + (int)rnd(&g, 4) : (int)rnd(&g, 4);
			kids(&g, gm, gf, na, "aunt_uncle", "origin", au);
			for (int i = 0; i < na; i++) {
				int sp;
				if (au[i] < 0 || rnd(&g, 3) == 0)
					continue;
				sp = person(&g, "aunt_uncle", "origin", g.born[au[i]]);
				partners(&g, au[i], sp);
				kids(&g, au[i], sp, big ? 1 + (int)rnd(&g, 4) : (int)rnd(&g, 3),
				     "cousin", "origin", NULL);
			}
		}
	}
	/* the foster family */
	if (rnd(&g, 10) < 7) {
		int fk[4], nk = (int)rnd(&g, 5);
		fp1 = person(&g, "foster_parent", "foster", 1960 + (int)rnd(&g, 25));
		fp2 = rnd(&g, 4) ? person(&g, "foster_parent", "foster", 1960 + (int)rnd(&g, 25))
		                 : -1;
		partners(&g, fp1, fp2);
		kids(&g, fp1, fp2, nk, "foster_sibling", "foster", fk);
		if (fp1 >= 0 && rnd(&g, 3) == 0)
			parent(&g, person(&g, "other", "foster", 1930 + (int)rnd(&g, 20)), fp1, NULL);
		if (rnd(&g, 3) == 0) {
			parent(&g, fp1, child, "foster");
			parent(&g, fp2, child, "foster");
		}
	}
	/* people outside the genogram */
	for (int i = (int)rnd(&g, 8); i > 0; i--)
		person(&g, rnd(&g, 2) ? "friend" : "therapist",
		       rnd(&g, 2) ? "shared" : "professional", 0);
	kr_buf_puts(&g.kin, "]");
	if (fp1 >= 0 && fp2 >= 0)
		kr_buf_printf(&g.pla, "[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"carers\":"
		              "[\"p%d\",\"p%d\"],\"start\":\"2024-01-01\"}]", fp1, fp2);
	else if (fp1 >= 0)
		kr_buf_printf(&g.pla, "[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"carers\":"
		              "[\"p%d\"],\"start\":\"2024-01-01\"}]", fp1);
	else
		kr_buf_puts(&g.pla, "[]");
	kr_buf_init(&doc, 4u << 20);
	kr_buf_printf(&doc, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"GEN-%llu\","
	              "\"child\":\"p%d\"},\"persons\":[%s],\"kinship\":%s,\"placements\":%s}",
	              (unsigned long long)seed, child, g.per.data, g.kin.data, g.pla.data);
	s = kr_buf_steal(&doc, NULL);
	kr_buf_cleanup(&g.per);
	kr_buf_cleanup(&g.kin);
	kr_buf_cleanup(&g.pla);
	assert_non_null(s);
	return s;
}

static void test_generated(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		char *json = gen_family(seed, 60), what[64];
		struct kr_case *c = tu_case_from_text(json);
		struct kr_layout lay = { 0 };
		size_t n;
		char *s = render(c, seed % 2 ? KR_LANG_NL : KR_LANG_EN, &lay, &n);
		snprintf(what, sizeof what, "generated family %llu", (unsigned long long)seed);
		assert_no_overlap(&lay, what);
		assert_kin_drawn(c, &lay, what);
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

/* 150 people: five generations of a big family, built by code. */
static void test_150_people(void **state)
{
	struct kr_buf per, kin;
	struct kr_buf doc;
	struct kr_case *c;
	struct kr_layout lay = { 0 };
	char *json, *s;
	size_t n;
	int np = 0, gen_start = 0, gen_end;

	(void)state;
	kr_buf_init(&per, 1u << 20);
	kr_buf_init(&kin, 1u << 20);
	kr_buf_init(&doc, 4u << 20);
	/* generation 0: two couples */
	for (int i = 0; i < 4; i++, np++)
		kr_buf_printf(&per, "%s{\"id\":\"q%d\",\"name\":\"Persoon %d\",\"sex\":\"%s\","
		              "\"born\":\"%d\"}", np ? "," : "", np, np, i % 2 ? "f" : "m", 1930 + i);
	kr_buf_printf(&kin, "{\"type\":\"partners\",\"a\":\"q0\",\"b\":\"q1\","
	              "\"status\":\"married\"},{\"type\":\"partners\",\"a\":\"q2\",\"b\":\"q3\","
	              "\"status\":\"divorced\"}");
	gen_end = np;
	for (int gen = 1; gen <= 4 && np < 150; gen++) {
		int next_start = np;
		/* each couple of the previous generation gets children; each child
		 * a partner from outside, until 150 */
		for (int a = gen_start; a + 1 < gen_end && np < 150; a += 2) {
			for (int k = 0; k < 3 && np + 2 <= 150; k++) {
				int ch = np++, sp = np++, yb = 1930 + 25 * gen + k;
				const char *s1 = k % 2 ? "f" : "m", *s2 = k % 2 ? "m" : "f";
				kr_buf_printf(&per, ",{\"id\":\"q%d\",\"name\":\"Kind %d\","
				              "\"sex\":\"%s\",\"born\":\"%d\"}", ch, ch, s1, yb);
				kr_buf_printf(&per, ",{\"id\":\"q%d\",\"name\":\"Partner %d\","
				              "\"sex\":\"%s\",\"born\":\"%d\"}", sp, sp, s2, yb);
				kr_buf_printf(&kin, ",{\"type\":\"parent\",\"parent\":\"q%d\","
				              "\"child\":\"q%d\"}", a, ch);
				kr_buf_printf(&kin, ",{\"type\":\"parent\",\"parent\":\"q%d\","
				              "\"child\":\"q%d\"}", a + 1, ch);
				kr_buf_printf(&kin, ",{\"type\":\"partners\",\"a\":\"q%d\","
				              "\"b\":\"q%d\",\"status\":\"married\"}", ch, sp);
			}
		}
		gen_start = next_start;
		gen_end = np;
	}
	assert_int_equal(np, 150);
	kr_buf_printf(&doc, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"BIG\",\"child\":"
	              "\"q%d\"},\"persons\":[%s],\"kinship\":[%s]}", np - 2, per.data, kin.data);
	json = kr_buf_steal(&doc, NULL);
	c = tu_case_from_text(json);
	s = render(c, KR_LANG_NL, &lay, &n);
	assert_no_overlap(&lay, "150 people");
	assert_kin_drawn(c, &lay, "150 people");
	free(s);
	free(json);
	kr_layout_cleanup(&lay);
	kr_case_free(c);
	kr_buf_cleanup(&per);
	kr_buf_cleanup(&kin);
}

/* A buffer too small: the error comes back, nothing crashes. */
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
		assert_kin_drawn(c, &lay, what);
		free(s);
		kr_layout_cleanup(&lay);
		kr_case_free(c);
		free(json);
	}
}

static void test_too_small(void **state)
{
	struct kr_case *c = tu_case_from_text(FAMILY);
	struct kr_buf b;
	struct kr_error err;
	struct kr_render_opts o;

	(void)state;
	memset(&o, 0, sizeof o);
	o.as_of = tu_day(AS_OF);
	kr_buf_init(&b, 1000);
	kr_error_init(&err);
	assert_int_equal(kr_render_svg(KR_RENDER_GENOGRAM, c, &o, &b, &err), KR_ETOOBIG);
	kr_error_cleanup(&err);
	kr_buf_cleanup(&b);
	kr_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_fixtures),
		cmocka_unit_test(test_golden_examples),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_birth_order),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_population),
		cmocka_unit_test(test_150_people),
		cmocka_unit_test(test_too_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
