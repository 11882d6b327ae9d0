/*
 * test_geometry.c - struct kr_geometry (include/kring/geometry.h) as every
 * layout fills it: the invariants of the struct for all seven kinds on the
 * fixtures, the examples and generated cases (groups balanced, every
 * person and tie index valid, boxes where the items are, the canvas
 * holding every box), kr_render_geometry's failures, the JSON (valid, one
 * object per item with groups nested, deterministic, numbers with one
 * decimal, the composite items' parts the SVG writer draws, failing
 * cleanly when the buffer is too small), and the id prefix (every id and
 * class of a picture drawn with a prefix carries it, nothing else
 * changes).
 */
#include <math.h>

#include <jansson.h>

#include "testutil.h"
#include "render_fixture.h"
#include "kring/enum.h"
#include "kring/generate.h"
#include "kring/geometry.h"
#include "geometry_int.h"

static struct kr_geometry *lay_out(enum kr_render_kind kind, const struct kr_case *c,
                                   enum kr_lang lang)
{
	struct kr_render_opts o;
	struct kr_geometry *g = NULL;
	struct kr_error err;

	memset(&o, 0, sizeof o);
	o.lang = lang;
	o.as_of = tu_day(RF_AS_OF);
	kr_error_init(&err);
	if (kr_render_geometry(kind, c, &o, &g, &err) != KR_OK)
		fail_msg("%s of %s: %s", kr_render_kind_name(kind), c->ref, err.message);
	kr_error_cleanup(&err);
	return g;
}

/* The invariants every geometry keeps. */
static void check_struct(const struct kr_geometry *g, const struct kr_case *c, const char *what)
{
	int depth = 0;

	assert_true(g->width > 0 && g->height > 0);
	assert_non_null(g->title);
	assert_non_null(g->desc);
	assert_int_equal(g->nids, c->npersons);
	for (size_t i = 0; i < g->nitems; i++) {
		const struct kr_geom_item *it = &g->items[i];
		assert_true((unsigned)it->type < KR_GEOM__N);
		if (it->type == KR_GEOM_GROUP)
			depth++;
		if (it->type == KR_GEOM_END)
			assert_true(--depth >= 0);
		assert_true(it->person >= -1 && it->person < (int)c->npersons);
		if (it->flags & KR_GEOM_F_BOX) {
			const struct kr_box *b = &it->box;
			assert_true(b->w >= 0 && b->h >= 0);
			if (!g->mm && (b->x < -0.5 || b->y < -0.5 || b->x + b->w > g->width + 0.5 ||
			               b->y + b->h > g->height + 0.5))
				fail_msg("%s: item %zu's box (%.1f,%.1f %.1fx%.1f) leaves the %.1fx%.1f "
				         "canvas", what, i, b->x, b->y, b->w, b->h, g->width, g->height);
		}
		switch (it->type) {
		case KR_GEOM_NODE:
			assert_true(it->person >= 0);
			assert_non_null(it->node.fill);
			/* the symbol's centre is inside its box */
			assert_true(it->node.x >= it->box.x && it->node.x <= it->box.x + it->box.w);
			assert_true(it->node.y >= it->box.y && it->node.y <= it->box.y + it->box.h);
			break;
		case KR_GEOM_LABEL:
			assert_non_null(it->label.text);
			assert_true(it->label.size > 0);
			assert_true(((it->flags & KR_GEOM_F_BOX) != 0) == (*it->label.text != '\0'));
			break;
		case KR_GEOM_TIE:
			assert_non_null(it->tie->colour);
			assert_true(it->tie->width > 0);
			if (it->tie->index >= 0) {
				const struct kr_tie *t = &c->ties[it->tie->index];
				assert_true((size_t)it->tie->index < c->nties);
				assert_int_equal(it->tie->a, t->a);
				assert_int_equal(it->tie->b, t->b);
				assert_int_equal(it->tie->quality, (int)t->quality);
			}
			break;
		case KR_GEOM_PICTURE:
			assert_non_null(it->picture.g);
			check_struct(it->picture.g, c, what);
			break;
		default:
			break;
		}
	}
	assert_int_equal(depth, 0);
}

static void test_struct(void **state)
{
	struct kr_case *fx[2] = { tu_case_from_text(RF_SMALL), tu_case_from_text(RF_ONE) };
	(void)state;
	for (int k = 0; k < KR_RENDER__N; k++) {
		for (int f = 0; f < 2; f++) {
			struct kr_geometry *g = lay_out((enum kr_render_kind)k, fx[f], KR_LANG_NL);
			assert_int_equal(g->kind, k);
			check_struct(g, fx[f], kr_render_kind_name((enum kr_render_kind)k));
			kr_geometry_free(g);
		}
	}
	for (unsigned long i = 0; i < 20; i++) {
		char *text = NULL;
		struct kr_case *c;
		assert_int_equal(kr_generate_case(7, i, tu_day(RF_AS_OF), &text, NULL), KR_OK);
		c = tu_case_from_text(text);
		free(text);
		for (int k = 0; k < KR_RENDER__N; k++) {
			struct kr_geometry *g = lay_out((enum kr_render_kind)k, c, (enum kr_lang)(i % 2));
			check_struct(g, c, c->ref);
			kr_geometry_free(g);
		}
		kr_case_free(c);
	}
	kr_case_free(fx[0]);
	kr_case_free(fx[1]);
}

/* The ecogram's extras: where the child is and how big a click target is. */
static void test_ecogram_fields(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_geometry *g = lay_out(KR_RENDER_ECOGRAM, c, KR_LANG_NL);
	size_t rings = 0, sectors = 0;
	(void)state;
	assert_true(g->target >= 44 && g->target * g->min_scale >= 44 - 1e-9);
	for (size_t i = 0; i < g->nitems; i++) {
		const struct kr_geom_item *it = &g->items[i];
		if (it->type == KR_GEOM_NODE && (it->flags & KR_GEOM_F_CHILD)) {
			assert_true(it->node.x == g->cx && it->node.y == g->cy);
			assert_int_equal(it->node.ring, 0);
		}
		if (it->type == KR_GEOM_NODE && !(it->flags & KR_GEOM_F_CHILD))
			assert_true(it->node.ring >= 1 && it->node.ring <= 4 && it->node.segment > 0);
		rings += it->type == KR_GEOM_RING;
		sectors += it->type == KR_GEOM_SECTOR;
	}
	assert_int_equal(rings, 4);
	assert_true(sectors > 0 && sectors % 4 == 0);
	kr_geometry_free(g);
	/* the other kinds have no click targets */
	g = lay_out(KR_RENDER_GENOGRAM, c, KR_LANG_NL);
	assert_true(g->target == 0);
	kr_geometry_free(g);
	kr_case_free(c);
}

/* The tie the library writes for "put this person in ring r" lands the
 * person in ring r of the ecogram's layout (the browser writes that tie
 * from /api/meta's ring_ties, so the two cannot disagree). */
static void test_ring_ties(void **state)
{
	(void)state;
	for (int r = 1; r <= 4; r++) {
		enum kr_strength st = KR_STRENGTH_NONE;
		enum kr_frequency fr = KR_FREQ_NONE;
		char text[1024], tie[200] = "";
		struct kr_case *c;
		struct kr_geometry *g;
		int seen = -1;

		assert_int_equal(kr_render_ecogram_ring_tie(r, &st, &fr), r <= 3);
		if (r <= 3)
			snprintf(tie, sizeof tie, "{\"a\":\"p1\",\"b\":\"p2\",\"strength\":\"%s\","
			         "\"frequency\":\"%s\"}", kr_enum_name(KR_ENUM_STRENGTH, (int)st),
			         kr_enum_name(KR_ENUM_FREQUENCY, (int)fr));
		snprintf(text, sizeof text, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"R\","
		         "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\","
		         "\"born\":\"2014\",\"roles\":[\"child\"]},{\"id\":\"p2\",\"name\":\"Ilse\","
		         "\"world\":\"origin\",\"segment\":\"family\"}],\"ties\":[%s]}", tie);
		c = tu_case_from_text(text);
		g = lay_out(KR_RENDER_ECOGRAM, c, KR_LANG_NL);
		for (size_t i = 0; i < g->nitems; i++)
			if (g->items[i].type == KR_GEOM_NODE && g->items[i].person == 1)
				seen = g->items[i].node.ring;
		assert_int_equal(seen, r);
		kr_geometry_free(g);
		kr_case_free(c);
		if (r > 3)
			continue;
		/* the same tie broken: only ring 3 keeps it, as the meta says */
		tie[strlen(tie) - 1] = '\0';
		snprintf(text, sizeof text, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"R\","
		         "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\","
		         "\"born\":\"2014\",\"roles\":[\"child\"]},{\"id\":\"p2\",\"name\":\"Ilse\","
		         "\"world\":\"origin\",\"segment\":\"family\"}],\"ties\":[%s,"
		         "\"quality\":\"broken\"}]}", tie);
		c = tu_case_from_text(text);
		g = lay_out(KR_RENDER_ECOGRAM, c, KR_LANG_NL);
		for (size_t i = 0; i < g->nitems; i++)
			if (g->items[i].type == KR_GEOM_NODE && g->items[i].person == 1)
				seen = g->items[i].node.ring;
		assert_int_equal(kr_render_ecogram_ring_keeps_broken(r), seen == r);
		kr_geometry_free(g);
		kr_case_free(c);
	}
	assert_false(kr_render_ecogram_ring_tie(0, &(enum kr_strength){ 0 },
	                                        &(enum kr_frequency){ 0 }));
}

/* The trust figure's star is the summary's trust figure: alive on the day. */
static void test_trust_star(void **state)
{
	(void)state;
	for (int dead = 0; dead < 2; dead++) {
		char text[1024];
		struct kr_case *c;
		struct kr_geometry *g;
		int star = -1;
		snprintf(text, sizeof text, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"R\","
		         "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\","
		         "\"born\":\"2014\",\"roles\":[\"child\"]},{\"id\":\"p2\",\"name\":\"Oma\","
		         "\"born\":\"1950\"%s,\"world\":\"origin\",\"segment\":\"family\"}],"
		         "\"ties\":[{\"a\":\"p1\",\"b\":\"p2\",\"trust_figure\":true}]}",
		         dead ? ",\"died\":\"2020\"" : "");
		c = tu_case_from_text(text);
		g = lay_out(KR_RENDER_ECOGRAM, c, KR_LANG_NL);
		for (size_t i = 0; i < g->nitems; i++)
			if (g->items[i].type == KR_GEOM_NODE && g->items[i].person == 1)
				star = (g->items[i].flags & KR_GEOM_F_TRUST) != 0;
		assert_int_equal(star, !dead);
		kr_geometry_free(g);
		kr_case_free(c);
	}
}

static void test_failures(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_geometry *g = (struct kr_geometry *)1;
	struct kr_error err;
	(void)state;
	kr_error_init(&err);
	assert_int_equal(kr_render_geometry(KR_RENDER__N, c, NULL, &g, &err), KR_EUSAGE);
	assert_null(g);
	assert_int_equal(kr_render_geometry(KR_RENDER_ECOGRAM, NULL, NULL, &g, &err), KR_EUSAGE);
	assert_int_equal(kr_render_geometry(KR_RENDER_ECOGRAM, c, NULL, NULL, &err), KR_EUSAGE);
	/* default options: Dutch, today */
	assert_int_equal(kr_render_geometry(KR_RENDER_SCAN, c, NULL, &g, &err), KR_OK);
	assert_non_null(strstr(g->title, "Community Scan van"));
	kr_geometry_free(g);
	kr_error_cleanup(&err);
	kr_case_free(c);
}

/* Every object of the JSON items, counted; checks each has a type. */
static size_t count_items(json_t *items)
{
	size_t n = 0, i;
	json_t *it;

	json_array_foreach(items, i, it) {
		assert_true(json_is_string(json_object_get(it, "type")));
		n++;
		if (strcmp(json_string_value(json_object_get(it, "type")), "group") == 0)
			n += count_items(json_object_get(it, "items"));
		if (strcmp(json_string_value(json_object_get(it, "type")), "picture") == 0)
			assert_true(json_is_object(json_object_get(it, "geometry")));
	}
	return n;
}

static size_t count_struct(const struct kr_geometry *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->nitems; i++)
		n += g->items[i].type != KR_GEOM_END;
	return n;
}

static void test_json(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	(void)state;
	for (int k = 0; k < KR_RENDER__N; k++) {
		struct kr_geometry *g = lay_out((enum kr_render_kind)k, c, KR_LANG_EN);
		struct kr_buf a, b;
		json_error_t je;
		json_t *j;
		kr_buf_init(&a, 16u << 20);
		kr_buf_init(&b, 16u << 20);
		assert_int_equal(kr_geometry_to_json(g, &a, NULL), KR_OK);
		assert_int_equal(kr_geometry_to_json(g, &b, NULL), KR_OK);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		j = json_loads(a.data, 0, &je);
		if (!j)
			fail_msg("%s: invalid JSON: %s at %d", kr_render_kind_name((enum kr_render_kind)k),
			         je.text, je.position);
		assert_string_equal(json_string_value(json_object_get(j, "format")), "kring-geometry/1");
		assert_string_equal(json_string_value(json_object_get(j, "kind")),
		                    kr_render_kind_name((enum kr_render_kind)k));
		assert_string_equal(json_string_value(json_object_get(j, "unit")),
		                    k == KR_RENDER_KOMPAS ? "mm" : "px");
		assert_string_equal(json_string_value(json_object_get(j, "title")), g->title);
		assert_int_equal(count_items(json_object_get(j, "items")), count_struct(g));
		assert_null(strstr(a.data, ":nan"));
		assert_null(strstr(a.data, ":-nan"));
		assert_null(strstr(a.data, ":inf"));
		assert_null(strstr(a.data, ":-inf"));
		json_decref(j);
		/* too small a buffer: the buffer's failure, said in err */
		{
			struct kr_buf tiny;
			struct kr_error err;
			kr_error_init(&err);
			kr_buf_init(&tiny, 64);
			assert_int_equal(kr_geometry_to_json(g, &tiny, &err), KR_ETOOBIG);
			assert_int_equal(err.code, KR_ETOOBIG);
			kr_buf_cleanup(&tiny);
			kr_error_cleanup(&err);
		}
		kr_buf_cleanup(&a);
		kr_buf_cleanup(&b);
		kr_geometry_free(g);
	}
	kr_case_free(c);
}

/* What the ecogram's JSON says about a person and a tie. */
static void test_json_ecogram(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_geometry *g = lay_out(KR_RENDER_ECOGRAM, c, KR_LANG_NL);
	struct kr_buf b;
	json_t *j, *items, *people = NULL, *ties = NULL, *it;
	size_t i;
	bool marga = false, conflict = false;
	(void)state;

	kr_buf_init(&b, 16u << 20);
	assert_int_equal(kr_geometry_to_json(g, &b, NULL), KR_OK);
	j = json_loads(b.data, 0, NULL);
	assert_non_null(j);
	assert_true(json_real_value(json_object_get(j, "target")) == g->target);
	assert_non_null(json_object_get(json_object_get(j, "centre"), "x"));
	items = json_object_get(j, "items");
	json_array_foreach(items, i, it) {
		const char *cls = json_string_value(json_object_get(it, "class"));
		if (cls && strcmp(cls, "people") == 0)
			people = json_object_get(it, "items");
		if (cls && strcmp(cls, "ties") == 0)
			ties = json_object_get(it, "items");
	}
	assert_non_null(people);
	assert_non_null(ties);
	json_array_foreach(people, i, it) {
		const char *p = json_string_value(json_object_get(it, "person"));
		if (p && strcmp(p, "p5") == 0 &&
		    strcmp(json_string_value(json_object_get(it, "type")), "node") == 0) {
			json_t *part = json_array_get(json_object_get(it, "parts"), 0);
			marga = true;
			assert_string_equal(json_string_value(json_object_get(it, "world")), "foster");
			assert_string_equal(json_string_value(json_object_get(it, "segment")), "household");
			assert_string_equal(json_string_value(json_object_get(it, "shape")), "circle");
			assert_string_equal(json_string_value(json_object_get(part, "el")), "circle");
			assert_string_equal(json_string_value(json_object_get(part, "fill")), "#56B4E9");
			assert_non_null(json_object_get(it, "box"));
		}
	}
	json_array_foreach(ties, i, it) {
		const char *q = json_string_value(json_object_get(it, "quality"));
		if (q && strcmp(q, "conflict") == 0) {
			conflict = true;
			assert_string_equal(json_string_value(json_object_get(it, "a")), "p2");
			assert_string_equal(json_string_value(json_object_get(it, "b")), "p5");
			assert_string_equal(json_string_value(json_object_get(it, "colour")), "#D55E00");
			assert_true(json_array_size(json_object_get(it, "parts")) >= 1);
		}
	}
	assert_true(marga && conflict);
	/* numbers with one decimal, as in the SVG */
	assert_non_null(strstr(b.data, "\"r\":14.0"));
	json_decref(j);
	kr_buf_cleanup(&b);
	kr_geometry_free(g);
	kr_case_free(c);
}

/* A string of the JSON: escapes for quotes, backslashes, control bytes. */
static void test_json_strings(void **state)
{
	struct kr_geometry *g = kri_geom_new(KR_RENDER_GENOGRAM);
	struct kr_buf b;
	json_t *j;
	(void)state;
	g->width = g->height = 10;
	g->title = "quote \" back \\ tab \t nl \n bell \x07 é";
	g->desc = "";
	kri_geom_label(g, 1, 2, 3, KR_ANCHOR_MIDDLE, "a b", -1, "x");
	kr_buf_init(&b, 1 << 20);
	assert_int_equal(kr_geometry_to_json(g, &b, NULL), KR_OK);
	j = json_loads(b.data, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "title")), g->title);
	assert_non_null(strstr(b.data, "\"type\":\"label\",\"class\":\"a b\",\"x\":1.0,\"y\":2.0,"
	                       "\"size\":3.0,\"anchor\":\"middle\",\"text\":\"x\""));
	json_decref(j);
	kr_buf_cleanup(&b);
	kr_geometry_free(g);
}

/* The id prefix: drawn with "z-", every id and class of the ecogram has it,
 * and taking it out again gives back the picture drawn without it. */
static void test_prefix(void **state)
{
	struct kr_case *c = tu_case_from_text(RF_SMALL);
	struct kr_geometry *g = lay_out(KR_RENDER_LIFELINE, c, KR_LANG_NL);
	struct kr_buf plain, pfx, back;
	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		kr_buf_init(&plain, 16u << 20);
		kr_buf_init(&pfx, 16u << 20);
		kr_buf_init(&back, 16u << 20);
		assert_int_equal(kr_geometry_to_svg(g, NULL, &plain, NULL), KR_OK);
		assert_int_equal(kr_geometry_to_svg(g, "z-", &pfx, NULL), KR_OK);
		assert_null(strstr(pfx.data, " id=\"kr-"));
		assert_null(strstr(pfx.data, "class=\"title"));
		assert_non_null(strstr(pfx.data, "id=\"z-kr-title\""));
		assert_non_null(strstr(pfx.data, ".z-halo{"));
		for (const char *p = pfx.data; *p; p++) {
			if (strncmp(p, "z-", 2) == 0)
				p += 1;
			else
				kr_buf_add(&back, p, 1);
		}
		assert_int_equal(back.len, plain.len);
		assert_memory_equal(back.data, plain.data, plain.len);
		kr_buf_cleanup(&plain);
		kr_buf_cleanup(&pfx);
		kr_buf_cleanup(&back);
		kr_geometry_free(g);
		g = lay_out(KR_RENDER_ECOGRAM, c, KR_LANG_NL);
	}
	kr_geometry_free(g);
	kr_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_struct),
		cmocka_unit_test(test_ecogram_fields),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_ring_ties),
		cmocka_unit_test(test_trust_star),
		cmocka_unit_test(test_json_ecogram),
		cmocka_unit_test(test_json_strings),
		cmocka_unit_test(test_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
