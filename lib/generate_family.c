/*
 * generate_family.c - the foster families of a generated case
 * (kr_generate_families, `kring generate --families`): the register of
 * kring-family/1 records (docs/foster-families.md) that a generated case's
 * placements with strangers link to with placements[].family.
 *
 * Every placement in a foster family or family home with strangers
 * (form foster_fulltime, foster_parttime, crisis or family_home, network
 * false) that names its carers gets a family of its own: id
 * "GF-<seed>-<index padded to 6 digits>-<placement number>", the carers as
 * its foster parents (family-home parents) with their names, sex and dates
 * of birth, and the carers' children of the case as its own children.  A
 * family's capacity is at least its use: 1 to 3 places for a foster family,
 * 4 to 6 for a family home; a family with the child placed there now and no
 * other place is full, an other one mostly available (some paused, a few
 * whose child left stopped).  The case then names the family in
 * placements[].family, and a matching of the placement lists it as the
 * candidate chosen (matching.considered).  Everything is drawn from a hash
 * of the case and the placement, so the same arguments give the same bytes.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/date.h"
#include "kring/generate.h"
#include "generate_int.h"

/* A household member from the case's person id with role. */
static json_t *member(json_t *doc, const char *id, int n, const char *role)
{
	json_t *p = kri_gen_person(doc, id), *m;
	char hid[16];

	snprintf(hid, sizeof hid, "h%d", n);
	m = json_pack("{s:s, s:s}", "id", hid, "name", p ? kri_gen_text(p, "name") : id);
	if (!m)
		return NULL;
	json_object_set_new(m, "role", json_string(role));
	if (p && json_object_get(p, "sex"))
		json_object_set(m, "sex", json_object_get(p, "sex"));
	if (p && json_is_string(json_object_get(p, "born")))
		json_object_set(m, "born", json_object_get(p, "born"));
	return m;
}

/* The family of placement number k (pl) of the case doc, or NULL. */
static json_t *family_of(json_t *doc, json_t *pl, const char *id, uint64_t h, long anchor)
{
	static const char *const workers[] = {
		"Anouk de Wit", "Bas Jansen", "Esther Mulder", "Rob de Graaf", "Karin Smit"
	};
	static const char *const groups[] = {
		"Pleegoudergroep Noord", "Lotgenotengroep pleegouders", "Gezinshuisouders regio"
	};
	const char *form = kri_gen_text(pl, "form");
	bool home = !strcmp(form, "family_home");
	bool now = !json_object_get(pl, "end") || json_is_null(json_object_get(pl, "end"));
	json_t *f, *hh, *carers = json_object_get(pl, "carers"), *c, *k;
	const char *surname = NULL;
	size_t i, j;
	int n = 0, capacity;
	struct kr_date start;
	char name[160], approved[12];
	long day;

	capacity = home ? 4 + (int)(h % 3) : 1 + (int)(h % 3);
	if (!kr_date_parse(kri_gen_text(pl, "start"), &start))
		return NULL;
	day = kr_date_first(start) - 365 * (1 + (long)((h >> 8) % 8));
	kr_date_format(kr_date_from_days(day), approved);
	approved[7] = '\0';                          /* YYYY-MM */
	c = json_string_value(json_array_get(carers, 0)) ?
	    kri_gen_person(doc, json_string_value(json_array_get(carers, 0))) : NULL;
	if (c && strchr(kri_gen_text(c, "name"), ' '))
		surname = strchr(kri_gen_text(c, "name"), ' ') + 1;
	snprintf(name, sizeof name, "%s %s", home ? "Gezinshuis" : "Familie",
	         surname ? surname : id);
	f = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:i}", "format", "kring-family/1",
	              "id", id, "name", name, "kind", home ? "family_home" : "foster_family",
	              "care", "stranger", "approved", approved, "forms", form,
	              "capacity", capacity);
	if (!f)
		return NULL;
	json_object_set_new(f, "availability", json_pack("{s:s}", "status",
	                    now && capacity == 1 ? "full" :
	                    (h >> 16) % 10 == 0 ? "paused" :
	                    !now && (h >> 16) % 10 == 1 ? "stopped" : "available"));
	hh = json_array();
	json_array_foreach(carers, i, c) {
		const char *cid = json_string_value(c);
		if (cid)
			json_array_append_new(hh, member(doc, cid, ++n, home ? "family_home_parent" :
			                                 "foster_parent"));
	}
	/* the carers' own children: kinship parent -> child */
	json_array_foreach(json_object_get(doc, "kinship"), j, k) {
		const char *child = kri_gen_text(k, "child");
		bool listed = false;
		size_t m;
		json_t *v;
		if (strcmp(kri_gen_text(k, "type"), "parent") || !kri_gen_in_ids(carers, kri_gen_text(k, "parent")) ||
		    !strcmp(child, kri_gen_text(json_object_get(doc, "case"), "child")))
			continue;
		json_array_foreach(hh, m, v)
			if (!strcmp(kri_gen_text(v, "name"), kri_gen_text(kri_gen_person(doc, child), "name")))
				listed = true;
		if (!listed)
			json_array_append_new(hh, member(doc, child, ++n, "own_child"));
	}
	json_object_set_new(f, "household", hh);
	json_object_set_new(f, "training", json_pack("[{s:s, s:s}]", "name", home ?
	                    "Gezinshuisouders: de basis" : "Samen Starten (voorbereiding "
	                    "pleegouders)", "date", approved));
	json_object_set_new(f, "worker", json_pack("{s:s}", "name",
	                    workers[(h >> 24) % (sizeof workers / sizeof *workers)]));
	if ((h >> 32) % 3 != 0)
		json_object_set_new(f, "peer_group", json_pack("{s:s}", "name",
		                    groups[(h >> 40) % (sizeof groups / sizeof *groups)]));
	(void)anchor;
	return f;
}

static enum kr_status no_memory(struct kr_error *err)
{
	return kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het maken van een pleeggezin",
	                    "out of memory while generating a foster family");
}

enum kr_status kr_generate_families(uint64_t seed, unsigned long index, long anchor_day,
                                    char **doc, char *families[KR_GENERATE_MAX_FAMILIES],
                                    size_t *n, struct kr_error *err)
{
	json_t *j, *pl, *f;
	size_t k, got = 0;
	char *out = NULL;

	if (n)
		*n = 0;
	if (!doc || !*doc)
		return kr_error_say(err, KR_EUSAGE, "kr_generate_families: geen dossier",
		                    "kr_generate_families: no case document");
	if (!(j = json_loads(*doc, 0, NULL)))
		return kr_error_say(err, KR_EINVAL, "kr_generate_families: het dossier is geen JSON",
		                    "kr_generate_families: the case document is not JSON");
	json_array_foreach(json_object_get(j, "placements"), k, pl) {
		const char *form = kri_gen_text(pl, "form");
		uint64_t h = kri_gen_mix(seed * 0xD1B54A32D192ED03ull ^ (uint64_t)index * 0x9E3779B97F4A7C15ull ^
		                 ((uint64_t)k << 40) ^ 0xFA31u);
		json_t *m, *cons;
		char id[64];
		if (json_is_false(json_object_get(pl, "network")) == 0 ||
		    !json_array_size(json_object_get(pl, "carers")) ||
		    (strcmp(form, "foster_fulltime") && strcmp(form, "foster_parttime") &&
		     strcmp(form, "crisis") && strcmp(form, "family_home")))
			continue;
		snprintf(id, sizeof id, "GF-%" PRIu64 "-%06lu-%zu", seed, index, k + 1);
		if (families && n && got < KR_GENERATE_MAX_FAMILIES) {
			if (!(f = family_of(j, pl, id, h, anchor_day)))
				goto no_memory;
			families[got] = json_dumps(f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			json_decref(f);
			if (!families[got])
				goto no_memory;
			got++;
			*n = got;
		}
		json_object_set_new(pl, "family", json_string(id));
		if ((m = json_object_get(pl, "matching")) && json_is_object(m)) {
			if (!(cons = json_object_get(m, "considered"))) {
				cons = json_array();
				json_object_set_new(m, "considered", cons);
			}
			json_array_append_new(cons, json_pack("{s:s, s:b}", "family", id, "chosen", 1));
		}
	}
	if (!(out = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER)))
		goto no_memory;
	json_decref(j);
	free(*doc);
	*doc = out;
	return KR_OK;
no_memory:
	json_decref(j);
	if (families && n) {
		for (size_t i = 0; i < *n; i++)
			free(families[i]);
		*n = 0;
	}
	return no_memory(err);
}
