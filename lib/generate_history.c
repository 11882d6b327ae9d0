/*
 * generate_history.c - the recorded history of a generated case
 * (kr_generate_history, `kring generate --history`): the days on which the
 * case was stored before the generator's "today", and how it looked then.
 *
 * A case that only ever has one revision, stored on the day of the import,
 * gives the rules and figures that compare revisions nothing to compare:
 * tie-worsened, contacts-lost and the monitor's "network map changed in the
 * last 6 months".  So a generated case gets the day its current state was
 * recorded (spread over the 14 months before the anchor, on a 14-day grid
 * that ends on the anchor, so a population needs few `kring import
 * --recorded-at` runs), and for a share of the cases an earlier state
 * recorded 3 to 12 months before the anchor:
 *  - a tie that later worsened: a tie between a parent and a foster parent,
 *    or between the child and someone of the child's own network, that is
 *    ambivalent, in conflict or broken now (or weak) was positive (or
 *    strong) then;
 *  - contacts lost after a move: before the current home began, the child
 *    was in touch every week with a friend, schoolmate or club member whom
 *    the child now sees rarely or no longer (then a club friend who is no
 *    longer in the map).
 * The earlier state differs from the current document in its network map
 * only; the rest of the document is the current one.  Everything is drawn
 * from a hash of (seed, index), so the case documents themselves are the
 * ones kr_generate_case() writes, byte for byte.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/date.h"
#include "kring/generate.h"
#include "generate_int.h"

#define GRID 14   /* days between two recording days */

/* A number in lo..hi from the hash state *h. */
static long draw(uint64_t *h, long lo, long hi)
{
	*h = kri_gen_mix(*h);
	return lo + (long)(*h % (uint64_t)(hi - lo + 1));
}

/* The recording day on the grid at or before day (anchor - 14 k). */
static long grid_down(long anchor, long day)
{
	long k = (anchor - day + GRID - 1) / GRID;
	return anchor - GRID * (k < 0 ? 0 : k);
}

/* The recording day on the grid at or after day, never past the anchor. */
static long grid_up(long anchor, long day)
{
	long k = (anchor - day) / GRID;
	return anchor - GRID * (k < 0 ? 0 : k);
}

static long day_of(json_t *v)
{
	struct kr_date d;
	const char *s = json_string_value(v);
	return s && kr_date_parse(s, &d) ? kr_date_first(d) : LONG_MIN;
}

static bool has_role(json_t *p, const char *role)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(p, "roles"), i, r)
		if (json_string_value(r) && !strcmp(json_string_value(r), role))
			return true;
	return false;
}

/* The current placement (the last one without an end), or NULL. */
static json_t *current_placement(json_t *doc)
{
	json_t *pls = json_object_get(doc, "placements"), *p;
	size_t n = json_array_size(pls);
	if (!n)
		return NULL;
	p = json_array_get(pls, n - 1);
	return json_is_null(json_object_get(p, "end")) || !json_object_get(p, "end") ? p : NULL;
}

static bool is_foster_parent(json_t *doc, json_t *p)
{
	json_t *cur = current_placement(doc);
	return has_role(p, "foster_parent") || has_role(p, "family_home_parent") ||
	       (cur && kri_gen_in_ids(json_object_get(cur, "carers"), kri_gen_text(p, "id")));
}

/* Someone of the child's own network: not a professional, alive. */
static bool informal(json_t *p)
{
	return strcmp(kri_gen_text(p, "world"), "professional") && !json_object_get(p, "died");
}

static bool bad_quality(const char *q)
{
	return !strcmp(q, "ambivalent") || !strcmp(q, "conflict") || !strcmp(q, "broken");
}

/* A tie that later worsened: makes one watched tie of doc better (as it
 * was); false when there is none. */
static bool tie_was_better(json_t *doc, const char *child, uint64_t *h)
{
	json_t *ties = json_object_get(doc, "ties"), *t, *pick[3] = { NULL, NULL, NULL };
	size_t i, seen[3] = { 0, 0, 0 };

	json_array_foreach(ties, i, t) {
		const char *a = kri_gen_text(t, "a"), *b = kri_gen_text(t, "b");
		json_t *pa = kri_gen_person(doc, a), *pb = kri_gen_person(doc, b);
		int kind = -1;
		if (!pa || !pb || !informal(pa) || !informal(pb))
			continue;
		if ((has_role(pa, "parent") && is_foster_parent(doc, pb)) ||
		    (has_role(pb, "parent") && is_foster_parent(doc, pa)))
			kind = bad_quality(kri_gen_text(t, "quality")) ? 0 : -1;
		else if (!strcmp(a, child) || !strcmp(b, child))
			kind = bad_quality(kri_gen_text(t, "quality")) ? 1 :
			       !strcmp(kri_gen_text(t, "strength"), "weak") ? 2 : -1;
		if (kind < 0)
			continue;
		/* one of the kind, each equally likely */
		if (draw(h, 0, (long)seen[kind]) == 0)
			pick[kind] = t;
		seen[kind]++;
	}
	for (int k = 0; k < 3; k++) {
		if (!pick[k])
			continue;
		if (k < 2)
			json_object_set_new(pick[k], "quality",
			                    json_string(draw(h, 0, 1) ? "positive" : "neutral"));
		else
			json_object_set_new(pick[k], "strength", json_string("strong"));
		return true;
	}
	return false;
}

static bool own_contact_segment(json_t *p)
{
	const char *s = kri_gen_text(p, "segment");
	return !strcmp(s, "friends") || !strcmp(s, "school_work") || !strcmp(s, "leisure");
}

static json_t *weekly_tie(const char *child, const char *other)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "a", child, "b", other,
	                 "strength", "normal", "quality", "positive", "frequency", "weekly",
	                 "direction", "mutual");
}

/* Contacts lost after the move: gives the child of doc a weekly tie with a
 * friend, schoolmate or club member that is rare or gone now, or a club
 * friend who is no longer in the map.  False on no memory. */
static bool contact_was_kept(json_t *doc, const char *child, uint64_t *h)
{
	static const char *const names[] = {
		"Sem de Wit", "Noa Peters", "Jip Hendriks", "Lotte Vos", "Milan Dekker",
		"Yara Smits", "Bram Kok", "Saar Willems"
	};
	json_t *ties = json_object_get(doc, "ties"), *persons = json_object_get(doc, "persons");
	json_t *t, *p;
	size_t i;
	char id[32];
	long max = 0;

	json_array_foreach(ties, i, t) {
		const char *a = kri_gen_text(t, "a"), *b = kri_gen_text(t, "b"), *f = kri_gen_text(t, "frequency");
		const char *o = !strcmp(a, child) ? b : !strcmp(b, child) ? a : NULL;
		json_t *po = o ? kri_gen_person(doc, o) : NULL;
		if (po && own_contact_segment(po) && informal(po) &&
		    (!strcmp(f, "rarely") || !strcmp(f, "never"))) {
			json_object_set_new(t, "frequency", json_string("weekly"));
			return true;
		}
	}
	json_array_foreach(persons, i, p) {
		const char *pid = kri_gen_text(p, "id");
		bool tied = false;
		size_t j;
		if (pid[0] == 'p' && strtol(pid + 1, NULL, 10) > max)
			max = strtol(pid + 1, NULL, 10);
		if (!own_contact_segment(p) || !informal(p) || !strcmp(kri_gen_text(p, "world"), "shared"))
			continue;
		json_array_foreach(ties, j, t)
			if ((!strcmp(kri_gen_text(t, "a"), pid) && !strcmp(kri_gen_text(t, "b"), child)) ||
			    (!strcmp(kri_gen_text(t, "b"), pid) && !strcmp(kri_gen_text(t, "a"), child)))
				tied = true;
		if (!tied)
			return !json_array_append_new(ties, weekly_tie(child, pid));
	}
	snprintf(id, sizeof id, "p%ld", max + 1);
	p = json_pack("{s:s, s:s, s:[s], s:s, s:s}", "id", id,
	              "name", names[draw(h, 0, (long)(sizeof names / sizeof *names) - 1)],
	              "roles", "friend", "world", "origin", "segment", "leisure");
	return p && !json_array_append_new(persons, p) &&
	       !json_array_append_new(ties, weekly_tie(child, id));
}

static enum kr_status no_memory(struct kr_error *err)
{
	return kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het maken van een dossier",
	                    "out of memory while generating a case");
}

enum kr_status kr_generate_history(uint64_t seed, unsigned long index, long anchor_day,
                                   struct kr_generated_revision out[KR_GENERATE_MAX_HISTORY],
                                   size_t *n, struct kr_error *err)
{
	char *doc = NULL;
	json_t *j = NULL, *cur;
	enum kr_status rc;
	uint64_t h = kri_gen_mix(seed * 0xD1B54A32D192ED03ull ^ (uint64_t)index * 0x9E3779B97F4A7C15ull ^
	                 0x415u);
	long opened, since = LONG_MIN, d1 = LONG_MIN, d2;
	const char *child;
	bool earlier = false;

	if (!out || !n)
		return kr_error_say(err, KR_EUSAGE, "kr_generate_history: geen plek voor het resultaat",
		                    "kr_generate_history: no place for the result");
	*n = 0;
	if ((rc = kr_generate_case(seed, index, anchor_day, &doc, err)))
		return rc;
	if (!(j = json_loads(doc, 0, NULL))) {
		rc = no_memory(err);
		goto out;
	}
	opened = day_of(json_object_get(json_object_get(j, "case"), "opened"));
	child = kri_gen_text(json_object_get(j, "case"), "child");
	if ((cur = current_placement(j)) && strcmp(kri_gen_text(cur, "form"), "home") &&
	    strcmp(kri_gen_text(cur, "form"), "support_family") &&
	    strcmp(kri_gen_text(cur, "form"), "foster_parttime"))
		since = day_of(json_object_get(cur, "start"));
	if (opened == LONG_MIN || opened > anchor_day)
		opened = anchor_day;

	/* the day the current state was recorded: any day of the last 14
	 * months, not before the case was opened */
	d2 = anchor_day - GRID * draw(&h, 0, 30);
	d2 = grid_up(anchor_day, d2 > opened ? d2 : opened);
	if (since != LONG_MIN && since > anchor_day - 330 && since <= anchor_day - 20 &&
	    draw(&h, 0, 99) < 45) {
		/* contacts lost after the move: before the home began, after it */
		d1 = grid_down(anchor_day, since - draw(&h, 10, 60));
		d2 = anchor_day - GRID * draw(&h, 0, (anchor_day - since) / GRID);
		if (d1 >= opened && d1 < d2)
			earlier = contact_was_kept(j, child, &h);
	} else if (draw(&h, 0, 99) < 22) {
		/* a tie that worsened: recorded 4 to 12 months ago, now again in the
		 * last 3 months */
		d1 = anchor_day - GRID * draw(&h, 9, 25);
		d2 = anchor_day - GRID * draw(&h, 0, 6);
		if (d1 >= opened)
			earlier = tie_was_better(j, child, &h);
	}
	if (earlier) {
		out[*n].day = d1;
		if (!(out[*n].doc = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
			rc = no_memory(err);
			goto out;
		}
		++*n;
	}
	if (d2 >= opened && (!earlier || d2 > d1)) {
		out[*n].day = d2;
		out[*n].doc = doc;
		doc = NULL;
		++*n;
	}
	rc = KR_OK;
out:
	if (rc) {
		for (size_t k = 0; k < *n; k++)
			free(out[k].doc);
		*n = 0;
	}
	json_decref(j);
	free(doc);
	return rc;
}
