/*
 * test_geometry.c - GET /api/cases/{ref}/layout/ecogram (issue 8, layout
 * apart from drawing): the server hands out the ecogram's geometry as the
 * library laid it out (kring-geometry/1, docs/api.md) and computes none of
 * it.  The answer is JSON with the revision as ETag; its canvas, rings and
 * person symbols are those of the SVG `kring render` draws for the same
 * case and day; every person is one node, no two click targets overlap and
 * each is at least 44 pixels at the geometry's min_scale; the sectors hold
 * the people; the language follows ?lang=; after an edit (a tie changed
 * through the item API) a new fetch shows the person in the new ring with
 * the new revision.  Refusals: no session 401, a case of another team 404,
 * a bad day 400.
 *
 * Usage: test_geometry KRING  (run from the repository root).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define OTHER "PZ-2026-0103"
#define PW "Zonnebloem-akker-42"

static struct tc_server S;
static struct tc_session W;

/* GET path as W into *out; returns the parsed body (caller decrefs). */
static json_t *get(const char *path, struct tc_resp *out)
{
	tc_call(S.port, &W, "GET", path, NULL, NULL, out);
	return tc_json(out);
}

/* Appends the items of json array items (groups opened) to flat. */
static void flatten(json_t *items, json_t *flat)
{
	size_t i;
	json_t *it;

	json_array_foreach(items, i, it) {
		if (strcmp(json_string_value(json_object_get(it, "type")), "group") == 0)
			flatten(json_object_get(it, "items"), flat);
		else
			json_array_append(flat, it);
	}
}

static double num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The node of person id in flat, or NULL. */
static json_t *node_of(json_t *flat, const char *id)
{
	size_t i;
	json_t *it;

	json_array_foreach(flat, i, it)
		if (strcmp(str(it, "type"), "node") == 0 && strcmp(str(it, "person"), id) == 0)
			return it;
	return NULL;
}

/* The geometry against the SVG the command line draws for the same day. */
static void same_as_svg(json_t *g, json_t *flat)
{
	char path[400], want[200];
	char *svg;
	size_t i, rings = 0, nodes = 0;
	json_t *it;

	snprintf(path, sizeof path, "%s/eco.svg", S.dir);
	tc_check(tc_kring(&S, NULL, "render", "ecogram", REF, "-o", path, NULL) == 0,
	         "kring render ecogram");
	svg = tc_slurp(path, NULL);
	if (!tc_check(svg != NULL, "the SVG was written"))
		return;
	snprintf(want, sizeof want, "viewBox=\"0 0 %.1f %.1f\"", num(g, "width"),
	         num(g, "height"));
	tc_check(strstr(svg, want) != NULL, "canvas: %s", want);
	json_array_foreach(flat, i, it) {
		if (strcmp(str(it, "type"), "ring") == 0) {
			snprintf(want, sizeof want, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
			         num(it, "x"), num(it, "y"), num(it, "r"));
			rings += strstr(svg, want) != NULL;
		} else if (strcmp(str(it, "type"), "node") == 0) {
			/* the node's first part is the first shape inside its <g> */
			json_t *p = json_array_get(json_object_get(it, "parts"), 0);
			const char *k = strcmp(str(p, "el"), "rect") == 0 ? "x" :
			                strcmp(str(p, "el"), "circle") == 0 ? "cx" : "d";
			snprintf(want, sizeof want, "data-id=\"%s\"><%s %s=\"%s\"", str(it, "person"),
			         str(p, "el"), k, str(p, k));
			nodes += strstr(svg, want) != NULL;
		}
	}
	tc_check(rings == 4, "the 4 rings are the SVG's (%zu)", rings);
	tc_check(nodes == 21, "the 21 person symbols are the SVG's (%zu)", nodes);
	free(svg);
}

/* Targets: one node per person, boxes at least target wide, apart. */
static void targets(json_t *g, json_t *flat)
{
	double target = num(g, "target"), scale = num(g, "min_scale");
	size_t i, j, n = 0, small = 0, overlaps = 0;
	json_t *a, *b;

	tc_check(target * scale >= 44 - 0.05, "a target is at least 44 px: %.1f units x %.3f",
	         target, scale);
	json_array_foreach(flat, i, a) {
		json_t *ba = json_object_get(a, "box");
		if (strcmp(str(a, "type"), "node") != 0)
			continue;
		n++;
		small += num(ba, "w") < target - 0.05 || num(ba, "h") < target - 0.05;
		json_array_foreach(flat, j, b) {
			json_t *bb = json_object_get(b, "box");
			if (j <= i || strcmp(str(b, "type"), "node") != 0)
				continue;
			overlaps += num(ba, "x") < num(bb, "x") + num(bb, "w") &&
			            num(bb, "x") < num(ba, "x") + num(ba, "w") &&
			            num(ba, "y") < num(bb, "y") + num(bb, "h") &&
			            num(bb, "y") < num(ba, "y") + num(ba, "h");
		}
	}
	tc_check(n == 21, "every person is one node (%zu)", n);
	tc_check(small == 0, "no target smaller than %.0f units (%zu)", target, small);
	tc_check(overlaps == 0, "no two click targets overlap (%zu)", overlaps);
}

/* Every person but the child lies in the sector of their segment and ring. */
static void sectors(json_t *g, json_t *flat)
{
	size_t i, j, ns = 0, outside = 0, people = 0;
	json_t *it, *s;
	double cx = num(json_object_get(g, "centre"), "x"), cy = num(json_object_get(g, "centre"), "y");

	json_array_foreach(flat, i, it)
		ns += strcmp(str(it, "type"), "sector") == 0;
	tc_check(ns >= 48 && ns % 4 == 0, "sectors in each of the 4 rings (%zu)", ns);
	json_array_foreach(flat, i, it) {
		bool in = false;
		double r, a;
		if (strcmp(str(it, "type"), "node") != 0 || json_is_true(json_object_get(it, "child")))
			continue;
		people++;
		r = hypot(num(it, "x") - cx, num(it, "y") - cy);
		a = atan2(num(it, "y") - cy, num(it, "x") - cx) * 180 / M_PI;
		json_array_foreach(flat, j, s) {
			double aa = a;
			if (strcmp(str(s, "type"), "sector") != 0 || in)
				continue;
			while (aa < num(s, "a0"))
				aa += 360;
			in = strcmp(str(s, "segment"), str(it, "segment")) == 0 &&
			     num(s, "ring") == num(it, "ring") && r > num(s, "r0") && r < num(s, "r1") &&
			     aa <= num(s, "a1");
		}
		outside += !in;
	}
	tc_check(people == 20 && outside == 0, "everyone sits in their own sector (%zu of %zu out)",
	         outside, people);
}

static void layout(void)
{
	struct tc_resp r;
	json_t *g, *flat = json_array(), *p4;
	char etag[32], body[200], extra[64];
	int ring_before;

	g = get("/api/cases/" REF "/layout/ecogram", &r);
	tc_check(r.status == 200, "layout: 200 (got %d)", r.status);
	tc_check(tc_header(&r, "Content-Type", body, sizeof body) &&
	         strncmp(body, "application/json", 16) == 0, "JSON (%s)", body);
	tc_check(tc_header(&r, "ETag", etag, sizeof etag) && strstr(etag, "\"1\""),
	         "ETag is the revision (%s)", etag);
	tc_resp_free(&r);
	if (!tc_check(g != NULL, "the body is JSON"))
		return;
	tc_check(strcmp(str(g, "format"), "kring-geometry/1") == 0 &&
	         strcmp(str(g, "kind"), "ecogram") == 0 && strcmp(str(g, "unit"), "px") == 0,
	         "kring-geometry/1, ecogram, px");
	tc_check(strstr(str(g, "title"), "Ecogram van Daan Bakker") != NULL, "title in Dutch");
	tc_check(num(g, "width") > 500 && num(g, "height") > 500, "a canvas (%.1f x %.1f)",
	         num(g, "width"), num(g, "height"));
	flatten(json_object_get(g, "items"), flat);
	same_as_svg(g, flat);
	targets(g, flat);
	sectors(g, flat);
	p4 = node_of(flat, "p4");
	ring_before = p4 ? (int)num(p4, "ring") : -1;
	tc_check(ring_before == 1, "p4 (strong, daily) in ring 1 (%d)", ring_before);
	json_decref(flat);
	json_decref(g);

	/* English */
	g = get("/api/cases/" REF "/layout/ecogram?lang=en", &r);
	tc_check(r.status == 200 && g && strstr(str(g, "title"), "Ecogram of Daan Bakker"),
	         "?lang=en: title in English");
	tc_resp_free(&r);
	json_decref(g);

	/* an edit through the item API, then a new fetch */
	snprintf(extra, sizeof extra, "If-Match: \"1\"\r\n");
	tc_call(S.port, &W, "PATCH", "/api/cases/" REF "/ties/1", extra,
	        "{\"strength\":\"weak\",\"frequency\":\"never\"}", &r);
	tc_check(r.status == 200, "tie 1 made weak and never: 200 (got %d)", r.status);
	tc_resp_free(&r);
	flat = json_array();
	g = get("/api/cases/" REF "/layout/ecogram", &r);
	tc_check(r.status == 200 && tc_header(&r, "ETag", etag, sizeof etag) &&
	         strstr(etag, "\"2\""), "after the edit: revision 2 (%s)", etag);
	tc_resp_free(&r);
	if (g) {
		flatten(json_object_get(g, "items"), flat);
		p4 = node_of(flat, "p4");
		tc_check(p4 && num(p4, "ring") == 3, "p4 now in ring 3 (%.0f)", p4 ? num(p4, "ring") : -1);
	}
	json_decref(flat);
	json_decref(g);
}

static void refusals(void)
{
	struct tc_resp r;
	json_t *g;

	tc_call(S.port, NULL, "GET", "/api/cases/" REF "/layout/ecogram", NULL, NULL, &r);
	tc_check(r.status == 401, "no session: 401 (got %d)", r.status);
	tc_resp_free(&r);
	g = get("/api/cases/" OTHER "/layout/ecogram", &r);
	tc_check(r.status == 404, "a case of another team: 404 (got %d)", r.status);
	tc_check(!strstr(r.body ? r.body : "", "Jordy"), "and no name in the answer");
	tc_resp_free(&r);
	json_decref(g);
	g = get("/api/cases/" REF "/layout/ecogram?as_of=2025-13-45", &r);
	tc_check(r.status == 400, "a bad day: 400 (got %d)", r.status);
	tc_resp_free(&r);
	json_decref(g);
	g = get("/api/cases/" REF "/layout/genogram", &r);
	tc_check(r.status == 404, "only the ecogram has a layout: 404 (got %d)", r.status);
	tc_resp_free(&r);
	json_decref(g);
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_geometry: cannot set up\n");
		return 1;
	}
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", "examples/" OTHER ".json",
	                  NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0,
	         "user");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "assign");
	if (tc_check(tc_start(&S, "web", NULL), "server starts")) {
		if (tc_check(tc_login(S.port, "anouk", PW, &W), "login")) {
			layout();
			refusals();
		}
		tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	}
	tc_cleanup(&S);
	return tc_done("geometry");
}
