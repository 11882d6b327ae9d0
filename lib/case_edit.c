/*
 * case_edit.c - applies one edit (add, replace, merge patch, remove) to one
 * part of a kring-case/1 document and validates the whole result.
 *
 * The document text is parsed into a jansson tree of our own, the edit is
 * made on that tree, and the tree goes through kr_case_from_json(), the
 * validator behind `kring import`, so an edit can never store what an import
 * would refuse; its details already carry document paths.  Nothing here
 * validates a field: this file only locates the item, keeps ids and
 * case.ref stable, hands out fresh ids, refuses to remove what is still
 * referred to, and implements RFC 7386 merge patch.  The result is dumped
 * with kr_case_dump(), byte for byte what kr_store_put() stores.  jansson
 * objects keep insertion order and json_object_set() keeps a key's place,
 * so untouched items keep their key order; a section the document lacks
 * (ties, plan, plan.wishes ...) is inserted where docs/case-format.md puts
 * it.  Semantics: docs/case-edit.md.  Messages are in the language of the
 * caller's error record, like the validator's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "kring/case_edit.h"
#include "kring/date.h"
#include "kring/words.h"
#include "utf8_int.h"

enum coll_kind { C_ID, C_INDEX, C_OBJECT };

/* One collection of the API and where it lives in the document. */
struct coll {
	const char *name;    /* the API name */
	enum coll_kind kind;
	bool in_plan;        /* lives inside the plan object */
	const char *key;     /* its key in the root or in the plan */
	const char *path;    /* its document path, for messages */
	const char *prefix;  /* fresh ids are prefix + number (C_ID) */
	const char *what;    /* one item, for messages */
	const char *what_nl; /* the same in Dutch */
};

static const struct coll colls[] = {
	{ "persons", C_ID, false, "persons", "persons", "p", "person", "persoon" },
	{ "placements", C_ID, false, "placements", "placements", "pl", "placement", "plaatsing" },
	{ "meetings", C_ID, false, "meetings", "meetings", "m", "meeting", "bijeenkomst" },
	{ "wishes", C_ID, true, "wishes", "plan.wishes", "w", "wish", "wens" },
	{ "goals", C_ID, true, "goals", "plan.goals", "g", "goal", "doel" },
	{ "agreements", C_ID, true, "agreements", "plan.agreements", "a", "agreement",
	  "afspraak" },
	{ "kinship", C_INDEX, false, "kinship", "kinship", NULL, "kinship link", "familieband" },
	{ "ties", C_INDEX, false, "ties", "ties", NULL, "tie", "band" },
	{ "events", C_INDEX, false, "events", "events", NULL, "event", "gebeurtenis" },
	{ "case", C_OBJECT, false, "case", "case", NULL, "case header", "dossiergegevens" },
	{ "plan", C_OBJECT, false, "plan", "plan", NULL, "plan", "plan" },
	{ "safety_map", C_OBJECT, true, "safety_map", "plan.safety_map", NULL, "safety map",
	  "Signs of Safety-kaart" },
	{ "support", C_OBJECT, false, "support", "support", NULL, "support of both families",
	  "steun voor beide families" },
};
#define NCOLLS (sizeof colls / sizeof colls[0])

/* Where docs/case-format.md puts the sections, for inserting a missing one. */
static const char *const root_order[] = { "format", "case", "persons", "kinship", "ties",
	"placements", "events", "meetings", "plan", "support", NULL };
static const char *const plan_order[] = { "version", "adopted", "reviewed", "safety",
	"safety_map", "concerns", "wishes", "goals", "agreements", NULL };

#define PATH_LEN 200

/* The language of err's messages (Dutch without a record). */
static enum kr_lang lang_of(const struct kr_error *err)
{
	return err ? err->lang : KR_LANG_NL;
}

/* One item of k in err's language. */
static const char *what_of(const struct coll *k, const struct kr_error *err)
{
	return kr_tr(lang_of(err), k->what_nl, k->what);
}

static enum kr_status no_memory(struct kr_error *err)
{
	return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
}

static const struct coll *find_coll(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < NCOLLS; i++)
		if (strcmp(colls[i].name, name) == 0)
			return &colls[i];
	return NULL;
}

bool kr_case_edit_collection_valid(const char *name)
{
	return find_coll(name) != NULL;
}

static int rank_of(const char *key, const char *const *order)
{
	for (int i = 0; order[i]; i++)
		if (strcmp(order[i], key) == 0)
			return i;
	return -1;
}

/* Sets obj[key] = value (a new reference, stolen).  An existing key keeps
 * its place; a new one goes before the first key that `order` puts after it
 * (or at the end).  Returns 0, or -1 out of memory (value is released). */
static int set_in_order(json_t *obj, const char *key, json_t *value, const char *const *order)
{
	json_t *tmp = NULL, *v;
	const char *k;
	int rank, rc = -1;
	bool later = false, placed = false;

	if (!value)
		return -1;
	rank = rank_of(key, order);
	if (json_object_get(obj, key) || rank < 0)
		return json_object_set_new(obj, key, value);
	json_object_foreach(obj, k, v)
		later = later || rank_of(k, order) > rank;
	if (!later)
		return json_object_set_new(obj, key, value);
	if (!(tmp = json_object()))
		goto out;
	json_object_foreach(obj, k, v) {
		if (!placed && rank_of(k, order) > rank) {
			if (json_object_set(tmp, key, value))
				goto out;
			placed = true;
		}
		if (json_object_set(tmp, k, v))
			goto out;
	}
	if (json_object_clear(obj) || json_object_update(obj, tmp))
		goto out;
	rc = 0;
out:
	json_decref(tmp);
	json_decref(value);
	return rc;
}

/* RFC 7386: the result of applying patch to target (either may be shared;
 * target may be NULL).  Returns a new reference, NULL out of memory.
 * An object target is changed in place (its keys keep their places, new
 * keys go to the end); the caller owns the tree it belongs to. */
static json_t *merge_patch(json_t *target, json_t *patch)
{
	json_t *res, *v, *sub;
	const char *key;

	if (!json_is_object(patch))
		return json_incref(patch);
	res = json_is_object(target) ? json_incref(target) : json_object();
	if (!res)
		return NULL;
	json_object_foreach(patch, key, v) {
		if (json_is_null(v)) {
			json_object_del(res, key);
			continue;
		}
		sub = merge_patch(json_object_get(res, key), v);
		if (!sub || json_object_set_new(res, key, sub)) {
			json_decref(res);
			return NULL;
		}
	}
	return res;
}

/* A new object: {key: value} followed by the members of body other than
 * key.  Returns a new reference or NULL out of memory. */
static json_t *with_key_first(const char *key, json_t *value, json_t *body)
{
	json_t *o = json_object(), *v;
	const char *k;

	if (!o || json_object_set(o, key, value))
		goto fail;
	json_object_foreach(body, k, v)
		if (strcmp(k, key) != 0 && json_object_set(o, k, v))
			goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* The 0-based index written canonically ("0", "17"; not "01", "+1", "-1"). */
static bool parse_index(const char *s, size_t *out)
{
	size_t v = 0;

	if (!s || !*s || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return true;
}

static const char *item_id(json_t *item)
{
	return json_string_value(json_object_get(item, "id"));   /* NULL unless text */
}

/* Index of the item whose id is id, or -1. */
static long find_id(json_t *arr, const char *id)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *s = item_id(v);
		if (s && strcmp(s, id) == 0)
			return (long)i;
	}
	return -1;
}

/* True when the list arr holds the text id. */
static bool find_text(json_t *arr, const char *id)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		if (s && strcmp(s, id) == 0)
			return true;
	}
	return false;
}

/*
 * Person ids are never used again within a case: a share link is bound to
 * a person id (share.h), so an id handed to a new person after the old one
 * was removed would give the old link to the new person.  Removing a person
 * adds its id to the document's root list RETIRED_KEY (docs/case-format.md),
 * fresh ids count past it, and an added person may not take an id in it.
 * The store keeps its own record of every person id a case ever had and
 * revokes a removed person's links (store.c), so a document imported
 * without this list cannot give an old link to somebody else either.
 */
#define RETIRED_KEY "retired_person_ids"

/* True when id is in the root's list of retired person ids. */
static bool is_retired(json_t *root, const char *id)
{
	return find_text(json_object_get(root, RETIRED_KEY), id);
}

/* Adds id to the root's list of retired person ids (once). */
static enum kr_status retire(json_t *root, const char *id, struct kr_error *err)
{
	json_t *list = json_object_get(root, RETIRED_KEY);
	if (!json_is_array(list)) {
		list = json_array();
		if (!list || json_object_set_new(root, RETIRED_KEY, list))
			return no_memory(err);
	}
	if (!find_text(list, id) && json_array_append_new(list, json_string(id)))
		return no_memory(err);
	return KR_OK;
}

/* The number of id when it is prefix + digits, else 0. */
static unsigned long long id_number(const char *s, const char *prefix, size_t plen)
{
	const char *d;
	size_t nd;
	if (!s || strncmp(s, prefix, plen) != 0)
		return 0;
	d = s + plen;
	nd = strspn(d, "0123456789");
	if (nd == 0 || nd > 15 || d[nd])
		return 0;
	return strtoull(d, NULL, 10);
}

/* prefix + (highest number in use with that prefix, or retired, + 1):
 * p1..p7 -> p8.  retired (may be NULL) is a list of id texts that count
 * as in use.  Returns a malloc'd id or NULL out of memory. */
static char *fresh_id(json_t *arr, const char *prefix, json_t *retired)
{
	unsigned long long max = 0, n;
	size_t plen = strlen(prefix), i;
	json_t *v;
	char buf[64];

	json_array_foreach(arr, i, v)
		if ((n = id_number(item_id(v), prefix, plen)) > max)
			max = n;
	json_array_foreach(retired, i, v)
		if ((n = id_number(json_string_value(v), prefix, plen)) > max)
			max = n;
	for (n = max + 1;; n++) {
		snprintf(buf, sizeof buf, "%s%llu", prefix, n);
		if (find_id(arr, buf) < 0 && !find_text(retired, buf))
			return strdup(buf);
	}
}

/* ---- removing what is still referred to ---- */

struct refs {
	struct kr_error *err;
	const char *id;
	size_t n;
};

static void ref_found(struct refs *r, const char *path)
{
	r->n++;
	kr_error_add(r->err, path, "verwijst nog naar %s", "still refers to %s", r->id);
}

/* In every object of arr (at document path base): the members named in
 * keys (single references) and in lists (lists of references). */
static void refs_in(struct refs *r, json_t *arr, const char *base, const char *const *keys,
                    const char *const *lists)
{
	char path[PATH_LEN];
	size_t i, j;
	json_t *item, *v;

	json_array_foreach(arr, i, item) {
		if (!json_is_object(item))
			continue;
		for (const char *const *k = keys; k && *k; k++) {
			const char *s = json_string_value(json_object_get(item, *k));
			if (s && strcmp(s, r->id) == 0) {
				snprintf(path, sizeof path, "%s[%zu].%s", base, i, *k);
				ref_found(r, path);
			}
		}
		for (const char *const *k = lists; k && *k; k++) {
			json_array_foreach(json_object_get(item, *k), j, v) {
				const char *s = json_string_value(v);
				if (s && strcmp(s, r->id) == 0) {
					snprintf(path, sizeof path, "%s[%zu].%s[%zu]", base, i, *k, j);
					ref_found(r, path);
				}
			}
		}
	}
}

/* Every reference to the item id of collection k, each as a detail.
 * Returns how many there are. */
static size_t find_refs(json_t *root, const struct coll *k, const char *id, struct kr_error *err)
{
	static const char *const kin_keys[] = { "parent", "child", "a", "b", NULL };
	static const char *const tie_keys[] = { "a", "b", NULL };
	static const char *const carer_lists[] = { "carers", "children", NULL };
	static const char *const person_keys[] = { "person", NULL };
	static const char *const meeting_lists[] = { "invited", "attended", NULL };
	static const char *const coordinator_keys[] = { "coordinator", NULL };
	static const char *const by_keys[] = { "by", NULL };
	static const char *const who_lists[] = { "who", NULL };
	static const char *const goal_keys[] = { "goal", NULL };
	static const char *const placement_keys[] = { "placement", NULL };
	/* person lists in objects of the plan: plan.<obj>.<list>[i] */
	static const struct { const char *obj, *list; } person_lists[] = {
		{ "worry_route", "call" }, { "future_plan", "made_by" },
		{ "action_team", "members" } };
	struct refs r = { err, id, 0 };
	json_t *plan = json_object_get(root, "plan"), *v, *m;
	char path[PATH_LEN];
	size_t i, l;

	if (strcmp(k->name, "persons") == 0) {
		refs_in(&r, json_object_get(root, "kinship"), "kinship", kin_keys, NULL);
		refs_in(&r, json_object_get(root, "ties"), "ties", tie_keys, NULL);
		refs_in(&r, json_object_get(root, "placements"), "placements", NULL, carer_lists);
		refs_in(&r, json_object_get(root, "events"), "events", person_keys, NULL);
		refs_in(&r, json_object_get(root, "meetings"), "meetings", coordinator_keys,
		        meeting_lists);
		refs_in(&r, json_object_get(plan, "wishes"), "plan.wishes", by_keys, NULL);
		refs_in(&r, json_object_get(plan, "agreements"), "plan.agreements", NULL,
		        who_lists);
		refs_in(&r, json_object_get(json_object_get(plan, "safety_map"), "scale"),
		        "plan.safety_map.scale", by_keys, NULL);
		for (l = 0; l < sizeof person_lists / sizeof *person_lists; l++)
			json_array_foreach(json_object_get(json_object_get(plan, person_lists[l].obj),
			                                   person_lists[l].list), i, v) {
				const char *s = json_string_value(v);
				if (s && strcmp(s, id) == 0) {
					snprintf(path, sizeof path, "plan.%s.%s[%zu]", person_lists[l].obj,
					         person_lists[l].list, i);
					ref_found(&r, path);
				}
			}
		json_array_foreach(json_object_get(root, "meetings"), l, m) {
			static const char *const keys[] = { "asked", "coming" };
			for (size_t q = 0; q < 2; q++)
				json_array_foreach(json_object_get(json_object_get(m, "process"), keys[q]),
				                   i, v) {
					const char *s = json_string_value(v);
					if (s && strcmp(s, id) == 0) {
						snprintf(path, sizeof path, "meetings[%zu].process.%s[%zu]", l,
						         keys[q], i);
						ref_found(&r, path);
					}
				}
		}
	} else if (strcmp(k->name, "goals") == 0) {
		refs_in(&r, json_object_get(plan, "agreements"), "plan.agreements", goal_keys,
		        NULL);
	} else if (strcmp(k->name, "placements") == 0) {
		refs_in(&r, json_object_get(root, "events"), "events", placement_keys, NULL);
	}
	return r.n;
}

/* ---- parsing ---- */

static enum kr_status parse_body(const struct kr_edit *e, json_t **out, struct kr_error *err)
{
	const char *text = e->body;
	size_t len = e->body_len;
	json_error_t jerr;
	json_t *v;

	*out = NULL;
	if (!text)
		return kr_error_say(err, KR_EUSAGE, "voor deze wijziging is inhoud nodig (een "
		                    "JSON-object)", "this change needs a body (a JSON object)");
	if (len > KR_EDIT_MAX_BODY)
		return kr_error_say(err, KR_ETOOBIG, "de inhoud is %zu bytes; er mag hoogstens %u "
		                    "bytes (1 MiB) in", "the body is %zu bytes; the limit is %u bytes "
		                    "(1 MiB)", len, KR_EDIT_MAX_BODY);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!v) {
		kr_error_add_json(err, "body", jerr.line, jerr.column, jerr.text);
		return kr_error_say(err, KR_EINVAL, "de inhoud is geen geldige JSON",
		                    "the body is not valid JSON");
	}
	if (!json_is_object(v)) {
		kr_error_add(err, "body", "hier hoort een object ({...}), maar er staat %s",
		             "expected an object, found %s", kri_json_kind(v, lang_of(err)));
		json_decref(v);
		return kr_error_say(err, KR_EINVAL, "de inhoud moet een JSON-object ({...}) zijn",
		                    "the body must be a JSON object");
	}
	*out = v;
	return KR_OK;
}

static enum kr_status parse_doc(const char *text, size_t len, json_t **out,
                                struct kr_error *err)
{
	json_error_t jerr;
	json_t *v;

	*out = NULL;
	if (len > KR_CASE_MAX_BYTES)
		return kr_error_say(err, KR_ETOOBIG, "het dossier is %zu bytes; er mag hoogstens %u "
		                    "bytes (16 MiB) in", "the case document is %zu bytes; the limit "
		                    "is %u bytes (16 MiB)", len, KR_CASE_MAX_BYTES);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v) {
		kr_error_add_json(err, NULL, jerr.line, jerr.column, jerr.text);
		return kr_error_say(err, KR_EINVAL, "het dossier is geen geldige JSON",
		                    "the case document is not valid JSON");
	}
	if (!json_is_object(v)) {
		kr_error_add(err, "", "het document moet een JSON-object ({...}) zijn, maar het is %s",
		             "the document must be a JSON object, found %s",
		             kri_json_kind(v, lang_of(err)));
		json_decref(v);
		return kr_error_say(err, KR_EINVAL, "het dossier is geen JSON-object",
		                    "the case document is not a JSON object");
	}
	*out = v;
	return KR_OK;
}

/* Is the call itself sound: a known collection, an op it allows, an id
 * exactly where one belongs? */
static enum kr_status check_call(const struct kr_edit *e, const struct coll **out,
                                 struct kr_error *err)
{
	const struct coll *k = find_coll(e->collection);
	static const char *const names[] = { "add", "replace", "merge", "remove" };
	static const char *const names_nl[] = { "toevoegen", "vervangen", "aanpassen",
		"verwijderen" };
	enum kr_lang lang = lang_of(err);

	*out = NULL;
	if (!k)
		return kr_error_say(err, KR_EUSAGE, "onbekend onderdeel \"%s\" (bekend zijn: "
		                    "persons, placements, meetings, wishes, goals, agreements, "
		                    "kinship, ties, events, case, plan, safety_map, support)",
		                    "unknown collection \"%s\" (known: persons, "
		                    "placements, meetings, wishes, goals, agreements, kinship, "
		                    "ties, events, case, plan, safety_map, support)",
		                    e->collection ? e->collection : kr_tr(lang, "(geen)", "(none)"));
	if ((unsigned)e->op > KR_EDIT_REMOVE)
		return kr_error_say(err, KR_EUSAGE, "onbekende soort wijziging %d",
		                    "unknown kind of change %d", (int)e->op);
	if (k->kind == C_OBJECT) {
		if (e->op == KR_EDIT_ADD || e->op == KR_EDIT_REMOVE)
			return kr_error_say(err, KR_EUSAGE, "%s kan niet bij %s: dit onderdeel (%s) is "
			                    "één geheel; vervang het of pas het aan",
			                    "cannot %s %s: the %s is one object; replace or merge it",
			                    kr_tr(lang, names_nl[e->op], names[e->op]), k->name,
			                    what_of(k, err));
		if (e->id)
			return kr_error_say(err, KR_EUSAGE, "dit onderdeel (%s) is één geheel en heeft "
			                    "geen items (\"%s\"); laat het id weg",
			                    "the %s is one object and has no items (\"%s\")",
			                    what_of(k, err), e->id);
	} else if (e->op == KR_EDIT_ADD && e->id) {
		return kr_error_say(err, KR_EUSAGE, "een nieuw item in %s krijgt vanzelf een plaats; "
		                    "laat het id weg", "an item to add to %s gets its place from "
		                    "the collection; leave the id out of the call", k->name);
	} else if (e->op != KR_EDIT_ADD && !e->id) {
		return kr_error_say(err, KR_EUSAGE, "welk item van %s wil je %s? het id ontbreekt",
		                    "which item of %s to %s? the id is missing", k->name,
		                    kr_tr(lang, names_nl[e->op], names[e->op]));
	}
	*out = k;
	return KR_OK;
}

/* ---- the edits ---- */

/* The plan object, created (where the format puts it) when create is set.
 * *plan is NULL when there is none and create is not set. */
static enum kr_status get_plan(json_t *root, bool create, json_t **plan, struct kr_error *err)
{
	json_t *p = json_object_get(root, "plan");

	*plan = NULL;
	if (!p || json_is_null(p)) {
		if (!create)
			return KR_OK;
		if (set_in_order(root, "plan", json_object(), root_order))
			return no_memory(err);
		p = json_object_get(root, "plan");
	}
	if (!json_is_object(p)) {
		kr_error_add(err, "plan", "hier hoort een object ({...}), maar er staat %s",
		             "expected an object, found %s", kri_json_kind(p, lang_of(err)));
		return kr_error_say(err, KR_EINVAL, "het dossier is niet geldig",
		                    "the case document is not valid");
	}
	*plan = p;
	return KR_OK;
}

/* A refusal of a change to an id (or case.ref): `path: ...`.  what and
 * what_nl name it ("id", "het id"). */
static enum kr_status refuse_change(struct kr_error *err, const char *path, const char *what,
                                    const char *what_nl, const char *old, json_t *now)
{
	const char *w = kr_tr(lang_of(err), what_nl, what);

	if (json_is_string(now))
		kr_error_add(err, path, "%s kan niet veranderen (het is \"%s\"; in de inhoud staat "
		             "\"%s\"); laat het weg of laat het zo",
		             "the %s cannot change (it is \"%s\"; the body has \"%s\")", w, old,
		             json_string_value(now));
	else
		kr_error_add(err, path, "%s kan niet veranderen (het is \"%s\"; in de inhoud staat "
		             "%s); laat het weg of laat het zo",
		             "the %s cannot change (it is \"%s\"; the body has %s)", w, old,
		             kri_json_kind(now, lang_of(err)));
	return kr_error_say(err, KR_EINVAL, "%s kan niet veranderen", "the %s cannot change", w);
}

/* Edits of an item collection (C_ID, C_INDEX). */
static enum kr_status edit_item(json_t *root, const struct coll *k, const struct kr_edit *e,
                                json_t *body, char **new_id, struct kr_error *err)
{
	char path[PATH_LEN], num[32];
	json_t *parent = root, *arr, *item, *v, *merged;
	enum kr_status rc;
	size_t i = 0;
	long found;
	const char *old;

	if (k->in_plan) {
		rc = get_plan(root, e->op == KR_EDIT_ADD, &parent, err);
		if (rc)
			return rc;
		if (!parent)
			return kr_error_say(err, KR_ENOTFOUND, "dit dossier heeft nog geen plan, dus "
			                    "ook geen %s \"%s\"", "this case has no plan yet, so no %s "
			                    "\"%s\"", what_of(k, err), e->id);
	}
	arr = json_object_get(parent, k->key);
	if (!arr || json_is_null(arr)) {
		if (e->op != KR_EDIT_ADD && k->kind == C_INDEX)
			return kr_error_say(err, KR_ENOTFOUND, "%s heeft geen item \"%s\" (de lijst is "
			                    "leeg)", "%s has no item \"%s\" (it is empty)", k->name,
			                    e->id);
		if (e->op != KR_EDIT_ADD)
			return kr_error_say(err, KR_ENOTFOUND, "dit dossier heeft geen %s \"%s\" (%s "
			                    "is leeg)", "this case has no %s \"%s\" (%s is empty)",
			                    what_of(k, err), e->id, k->name);
		if (set_in_order(parent, k->key, json_array(), k->in_plan ? plan_order : root_order))
			return no_memory(err);
		arr = json_object_get(parent, k->key);
	}
	if (!json_is_array(arr)) {
		kr_error_add(err, k->path, "hier hoort een lijst ([...]), maar er staat %s",
		             "expected a list, found %s", kri_json_kind(arr, lang_of(err)));
		return kr_error_say(err, KR_EINVAL, "het dossier is niet geldig",
		                    "the case document is not valid");
	}

	if (e->op == KR_EDIT_ADD) {
		char *id = NULL;
		i = json_array_size(arr);
		if (k->kind == C_INDEX) {
			snprintf(num, sizeof num, "%zu", i);
			if (new_id && !(*new_id = strdup(num)))
				return no_memory(err);
			if (json_array_append(arr, body))
				return no_memory(err);
			return KR_OK;
		}
		v = json_object_get(body, "id");
		if (json_is_string(v) && (found = find_id(arr, json_string_value(v))) >= 0) {
			snprintf(path, sizeof path, "%s[%zu].id", k->path, i);
			kr_error_add(err, path, "id \"%s\" is al in gebruik bij %s[%ld]; kies een "
			             "ander id of laat het weg", "id \"%s\" is already used by %s[%ld]",
			             json_string_value(v), k->path, found);
			return kr_error_say(err, KR_EINVAL, "er is al een %s met dit id",
			                    "this %s id is already used", what_of(k, err));
		}
		if (json_is_string(v) && strcmp(k->name, "persons") == 0 &&
		    is_retired(root, json_string_value(v))) {
			snprintf(path, sizeof path, "%s[%zu].id", k->path, i);
			kr_error_add(err, path, "id \"%s\" hoorde bij iemand die uit het dossier is "
			             "gehaald en wordt niet opnieuw gebruikt; kies een ander id of laat "
			             "het weg", "id \"%s\" belonged to a person removed from the case "
			             "and is not used again; choose another id or leave it out",
			             json_string_value(v));
			return kr_error_say(err, KR_EINVAL, "dit id wordt niet opnieuw gebruikt",
			                    "this id is not used again");
		}
		if (!v || json_is_null(v)) {
			json_t *s;
			if (!(id = fresh_id(arr, k->prefix, strcmp(k->name, "persons") == 0
			                    ? json_object_get(root, RETIRED_KEY) : NULL)))
				return no_memory(err);
			s = json_string(id);
			item = s ? with_key_first("id", s, body) : NULL;
			json_decref(s);
		} else {
			item = json_incref(body);
			if (json_is_string(v) && !(id = strdup(json_string_value(v)))) {
				json_decref(item);
				item = NULL;
			}
		}
		if (!item || json_array_append_new(arr, item)) {
			free(id);
			return no_memory(err);
		}
		if (new_id)
			*new_id = id;
		else
			free(id);
		return KR_OK;
	}

	/* replace, merge, remove: find the item */
	if (k->kind == C_INDEX) {
		if (!parse_index(e->id, &i))
			return kr_error_say(err, KR_ENOTFOUND, "\"%s\" is geen item van %s (de items "
			                    "hebben de nummers 0, 1, 2, ...)", "\"%s\" is not an item "
			                    "of %s (items are numbered 0, 1, 2, ...)", e->id, k->name);
		if (i >= json_array_size(arr))
			return kr_error_say(err, KR_ENOTFOUND, "%s heeft geen item %zu (het heeft er "
			                    "%zu, genummerd vanaf 0)", "%s has no item %zu (it has %zu)",
			                    k->name, i, json_array_size(arr));
	} else {
		found = find_id(arr, e->id);
		if (found < 0)
			return kr_error_say(err, KR_ENOTFOUND, "dit dossier heeft geen %s \"%s\"",
			                    "this case has no %s \"%s\"", what_of(k, err), e->id);
		i = (size_t)found;
	}
	item = json_array_get(arr, i);
	snprintf(path, sizeof path, "%s[%zu].id", k->path, i);
	old = k->kind == C_ID ? item_id(item) : NULL;

	switch (e->op) {
	case KR_EDIT_REPLACE:
		if (k->kind == C_INDEX) {
			if (json_array_set(arr, i, body))
				return no_memory(err);
			return KR_OK;
		}
		v = json_object_get(body, "id");
		if (v && !json_is_null(v) &&
		    !(json_is_string(v) && strcmp(json_string_value(v), old) == 0))
			return refuse_change(err, path, "id", "het id", old, v);
		if (v && json_is_string(v))
			merged = json_incref(body);
		else
			merged = with_key_first("id", json_object_get(item, "id"), body);
		if (!merged || json_array_set_new(arr, i, merged))
			return no_memory(err);
		return KR_OK;
	case KR_EDIT_MERGE:
		v = json_object_get(body, "id");
		if (old && v && !(json_is_string(v) && strcmp(json_string_value(v), old) == 0))
			return refuse_change(err, path, "id", "het id", old, v);
		merged = merge_patch(item, body);
		if (!merged || json_array_set_new(arr, i, merged))
			return no_memory(err);
		return KR_OK;
	case KR_EDIT_REMOVE:
		if (strcmp(k->name, "persons") == 0) {
			json_t *cs = json_object_get(root, "case");
			const char *child = json_string_value(json_object_get(cs, "child"));
			if (child && strcmp(child, old) == 0) {
				kr_error_add(err, "case.child", "%s is het kind van dit dossier en kan "
				             "niet weg", "%s is the child of this case and cannot be "
				             "removed", old);
				return kr_error_say(err, KR_EINVAL, "het kind van het dossier kan niet "
				                    "weg", "the child of the case cannot be removed");
			}
		}
		if (old) {
			size_t n = find_refs(root, k, old, err);
			if (n == 1)
				return kr_error_say(err, KR_EINVAL, "%s \"%s\" kan niet weg: er verwijst "
				                    "nog %zu onderdeel naar; pas dat eerst aan of haal "
				                    "het weg", "%s \"%s\" cannot be removed: %zu "
				                    "reference to it remains; change or remove it first",
				                    what_of(k, err), old, n);
			if (n)
				return kr_error_say(err, KR_EINVAL, "%s \"%s\" kan niet weg: er verwijzen "
				                    "nog %zu onderdelen naar; pas die eerst aan of haal "
				                    "ze weg", "%s \"%s\" cannot be removed: %zu "
				                    "references to it remain; change or remove them first",
				                    what_of(k, err), old, n);
		}
		if (old && strcmp(k->name, "persons") == 0 && (rc = retire(root, old, err)))
			return rc;
		if (json_array_remove(arr, i))
			return no_memory(err);
		return KR_OK;
	case KR_EDIT_ADD:
		break;
	}
	return KR_OK;
}

/* Edits of an object collection (case, plan, safety_map, support): replace,
 * merge. */
static enum kr_status edit_object(json_t *root, const struct coll *k, const struct kr_edit *e,
                                  json_t *body, struct kr_error *err)
{
	static const char *const plan_kept[] = { "safety_map", "wishes", "goals", "agreements",
		NULL };
	json_t *parent = root, *target, *v, *result;
	const char *const *order = root_order;
	enum kr_status rc;

	if (k->in_plan) {
		rc = get_plan(root, true, &parent, err);
		if (rc)
			return rc;
		order = plan_order;
	}
	target = json_object_get(parent, k->key);

	if (strcmp(k->name, "case") == 0) {
		json_t *ref = json_object_get(target, "ref");
		const char *old = json_string_value(ref);
		v = json_object_get(body, "ref");
		if (old && v && !(e->op == KR_EDIT_REPLACE && json_is_null(v)) &&
		    !(json_is_string(v) && strcmp(json_string_value(v), old) == 0))
			return refuse_change(err, "case.ref", "case reference", "het dossiernummer",
			                     old, v);
		if (e->op == KR_EDIT_REPLACE && old && !json_is_string(v)) {
			result = with_key_first("ref", ref, body);
			if (!result || set_in_order(root, "case", result, order))
				return no_memory(err);
			return KR_OK;
		}
	}
	if (e->op == KR_EDIT_MERGE) {
		result = merge_patch(target, body);
	} else if (strcmp(k->name, "plan") == 0 && json_is_object(target)) {
		/* The parts with collections of their own stay unless the body sets them. */
		result = json_incref(body);   /* ours: parsed for this call */
		for (const char *const *p = plan_kept; result && *p; p++) {
			if (json_object_get(body, *p) || !(v = json_object_get(target, *p)))
				continue;
			if (set_in_order(result, *p, json_incref(v), plan_order)) {
				json_decref(result);
				result = NULL;
			}
		}
	} else {
		result = json_incref(body);
	}
	if (!result || set_in_order(parent, k->key, result, order))
		return no_memory(err);
	return KR_OK;
}

/* ---- the rules of a change a person makes (docs/case-edit.md) ---- */

/* The document before the change, read when a rule needs it: the root of
 * the original text (parsed on first use) or a tree the caller has. */
struct before {
	const char *text;
	size_t len;
	json_t *root;      /* owned when parsed here */
	bool parsed, own;
};

static json_t *before_root(struct before *b)
{
	if (!b->parsed && b->text) {
		b->parsed = true;
		b->own = true;
		if (parse_doc(b->text, b->len, &b->root, NULL))
			b->root = NULL;
	}
	return b->root;
}

/* The items of collection k in the document root: its list, or for the
 * single objects a list of that one object (a new reference either way,
 * or NULL when there is nothing). */
static json_t *items_of(json_t *root, const struct coll *k)
{
	json_t *parent = k->in_plan ? json_object_get(root, "plan") : root;
	json_t *v = json_is_object(parent) ? json_object_get(parent, k->key) : NULL;

	if (k->kind == C_OBJECT)
		return json_is_object(v) ? json_pack("[O]", v) : NULL;
	return json_is_array(v) ? json_incref(v) : NULL;
}

/* obj's member at a dotted field ("network_search.text"), or NULL. */
static json_t *dotted(json_t *obj, const char *field)
{
	char key[64];
	const char *p = field;

	while (obj && *p) {
		size_t n = strcspn(p, ".");
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		obj = json_is_object(obj) ? json_object_get(obj, key) : NULL;
		p += n + (p[n] == '.');
	}
	return obj;
}

/* The text of a value that holds one: a string, or an object's "text" (a
 * concern written as {"text", "visibility"}); NULL otherwise. */
static const char *text_of(json_t *v)
{
	if (json_is_object(v))
		v = json_object_get(v, "text");
	return json_string_value(v);
}

static size_t chars(const char *s)
{
	size_t n = 0;
	if (!kri_utf8_count(s, false, &n))
		n = strlen(s);
	return n;
}

/* n with the thousands separated as lang writes them (5.000 / 5,000). */
static const char *thousands(size_t n, enum kr_lang lang, char *buf, size_t size)
{
	if (n >= 1000)
		snprintf(buf, size, "%zu%c%03zu", n / 1000, lang == KR_LANG_EN ? ',' : '.',
		         n % 1000);
	else
		snprintf(buf, size, "%zu", n);
	return buf;
}

/* True when text stood at collection k's field in the document before. */
static bool text_was_there(struct before *b, const struct coll *k, const char *field,
                           const char *text)
{
	json_t *root = before_root(b), *items, *it, *v, *e;
	size_t i, j;
	bool found = false;

	if (!root || !(items = items_of(root, k)))
		return false;
	json_array_foreach(items, i, it) {
		v = dotted(it, field);
		if (json_is_array(v)) {
			json_array_foreach(v, j, e)
				found = found || (text_of(e) && strcmp(text_of(e), text) == 0);
		} else if (json_is_string(v)) {
			found = found || strcmp(json_string_value(v), text) == 0;
		}
	}
	json_decref(items);
	return found;
}

/* One text at path: over its limit and new?  Then a problem. */
static void check_text(struct before *b, const struct coll *k, const struct kr_text_limit *l,
                       const char *path, const char *text, size_t *nproblems,
                       struct kr_error *err)
{
	char n1[32], n2[32];
	size_t n = chars(text);
	enum kr_lang lang = lang_of(err);

	if (n <= l->max || text_was_there(b, k, l->field, text))
		return;
	(*nproblems)++;
	kr_error_add(err, path, "is %s tekens lang; hier passen er hoogstens %s",
	             "is %s characters long; at most %s fit here", thousands(n, lang, n1,
	             sizeof n1), thousands(l->max, lang, n2, sizeof n2));
}

/* Every limited text of the document after the change. */
static void check_limits(json_t *after, struct before *b, size_t *nproblems,
                         struct kr_error *err)
{
	size_t nl, i, j;
	const struct kr_text_limit *lim = kr_case_text_limits(&nl);
	char path[PATH_LEN];

	for (size_t t = 0; t < nl; t++) {
		const struct coll *k = find_coll(lim[t].collection);
		json_t *items, *it, *v, *e;
		if (!k || !(items = items_of(after, k)))
			continue;
		json_array_foreach(items, i, it) {
			v = dotted(it, lim[t].field);
			if (json_is_string(v)) {
				if (k->kind == C_OBJECT)
					snprintf(path, sizeof path, "%s.%s", k->path, lim[t].field);
				else
					snprintf(path, sizeof path, "%s[%zu].%s", k->path, i, lim[t].field);
				check_text(b, k, &lim[t], path, json_string_value(v), nproblems, err);
			} else if (json_is_array(v)) {
				json_array_foreach(v, j, e) {
					const char *text = text_of(e);
					if (!text)
						continue;
					if (k->kind == C_OBJECT)
						snprintf(path, sizeof path, "%s.%s[%zu]", k->path, lim[t].field,
						         j);
					else
						snprintf(path, sizeof path, "%s[%zu].%s[%zu]", k->path, i,
						         lim[t].field, j);
					check_text(b, k, &lim[t], path, text, nproblems, err);
				}
			}
		}
		json_decref(items);
	}
}

/* Is anything filled in that only a meeting that took place has? */
static bool meeting_filled(json_t *m)
{
	const char *o = json_string_value(json_object_get(m, "outcome"));
	const char *n = json_string_value(json_object_get(m, "minutes"));
	return json_array_size(json_object_get(m, "attended")) > 0 || (o && *o) || (n && *n);
}

/* Attendance, outcome and minutes only once the meeting's day has come:
 * a meeting that has them and whose date, attendance, outcome or minutes
 * this change set or changed must have a date whose first day is today or
 * earlier. */
static void check_meetings(json_t *after, struct before *b, long today, size_t *nproblems,
                           struct kr_error *err)
{
	static const char *const fields[] = { "attended", "outcome", "minutes", "date" };
	json_t *m, *old;
	size_t i;
	char path[PATH_LEN], when[40];
	enum kr_lang lang = lang_of(err);

	json_array_foreach(json_object_get(after, "meetings"), i, m) {
		const char *id = item_id(m), *ds, *field = NULL;
		struct kr_date d;
		long found;
		if (!json_is_object(m) || !meeting_filled(m))
			continue;
		ds = json_string_value(json_object_get(m, "date"));
		if (ds && kr_date_parse(ds, &d) && kr_meeting_taken_place(d, today))
			continue;
		/* too early or without a date: did this change fill it in? */
		old = NULL;
		if (id && before_root(b) &&
		    (found = find_id(json_object_get(before_root(b), "meetings"), id)) >= 0)
			old = json_array_get(json_object_get(before_root(b), "meetings"),
			                     (size_t)found);
		for (size_t f = 0; f < sizeof fields / sizeof *fields && !field; f++) {
			json_t *x = json_object_get(m, fields[f]), *y = json_object_get(old, fields[f]);
			bool empty_x;
			x = json_is_null(x) ? NULL : x;
			y = json_is_null(y) ? NULL : y;
			empty_x = !x || json_is_null(x) || (json_is_array(x) && !json_array_size(x))
			               || (json_is_string(x) && !*json_string_value(x));
			if (!old ? !empty_x : !(x && y ? json_equal(x, y) : x == y))
				field = fields[f];
		}
		if (!field)
			continue;
		if (strcmp(field, "date") == 0)
			field = json_array_size(json_object_get(m, "attended")) ? "attended"
			        : json_string_value(json_object_get(m, "outcome")) ? "outcome" : "minutes";
		snprintf(path, sizeof path, "meetings[%zu].%s", i, field);
		(*nproblems)++;
		if (!ds || !kr_date_parse(ds, &d))
			kr_error_add(err, path, "vul eerst de datum van de bijeenkomst in; wie er waren "
			             "en wat er besproken is, vul je in als ze geweest is",
			             "give the meeting's date first; who came and what was decided "
			             "are filled in once it has taken place");
		else
			kr_error_add(err, path, "de bijeenkomst is pas op %s; wie er waren en wat er "
			             "besproken is, vul je in als ze geweest is",
			             "the meeting is only on %s; who came and what was decided are "
			             "filled in once it has taken place",
			             kr_words_date(d, lang, when, sizeof when));
	}
}

/* The rules on the document after (a tree), with the document before from
 * b, for a change made on day today. */
static enum kr_status check_rules(json_t *after, struct before *b, long today,
                                  struct kr_error *err)
{
	size_t n = 0;

	check_limits(after, b, &n, err);
	check_meetings(after, b, today, &n, err);
	if (n == 1)
		return kr_error_say(err, KR_EINVAL, "de wijziging kan zo niet (%zu probleem)",
		                    "the change cannot be made like this (%zu problem)", n);
	if (n)
		return kr_error_say(err, KR_EINVAL, "de wijziging kan zo niet (%zu problemen)",
		                    "the change cannot be made like this (%zu problems)", n);
	return KR_OK;
}

enum kr_status kr_case_check_change(const struct kr_case *before, const struct kr_case *after,
                                    long today, struct kr_error *err)
{
	struct before b = { NULL, 0, before ? kr_case_doc(before) : NULL, true, false };

	if (!after)
		return kr_error_say(err, KR_EUSAGE, "kr_case_check_change: after is verplicht",
		                    "kr_case_check_change: after is required");
	return check_rules(kr_case_doc(after), &b, today, err);
}

/* kr_case_edit(), with the rules of a change made by a person (limits,
 * meetings) when rules is set. */
static enum kr_status edit_doc(const char *doc, size_t doc_len, const struct kr_edit *e,
                               bool rules, char **out, size_t *out_len, char **new_id,
                               struct kr_error *err)
{
	struct before b = { doc, doc_len, NULL, false, false };
	const struct coll *k = NULL;
	json_t *root = NULL, *body = NULL;
	struct kr_case *c = NULL;
	char *text = NULL, *nid = NULL;
	size_t len = 0;
	enum kr_status rc;

	if (out)
		*out = NULL;
	if (out_len)
		*out_len = 0;
	if (new_id)
		*new_id = NULL;
	if (!doc || !e || !out || !out_len)
		return kr_error_say(err, KR_EUSAGE, "kr_case_edit: doc, e, out en out_len zijn "
		                    "verplicht", "kr_case_edit: doc, e, out and out_len are required");
	if ((rc = check_call(e, &k, err)))
		goto out;
	if (e->op != KR_EDIT_REMOVE && (rc = parse_body(e, &body, err)))
		goto out;
	if ((rc = parse_doc(doc, doc_len, &root, err)))
		goto out;
	if (k->kind == C_OBJECT)
		rc = edit_object(root, k, e, body, err);
	else
		rc = edit_item(root, k, e, body, new_id ? &nid : NULL, err);
	if (rc)
		goto out;
	if ((rc = kr_case_from_json(root, &c, err))) {
		size_t n = err ? err->ndetails + err->ndropped : 0;
		if (rc == KR_EINVAL && n == 1)
			kr_error_say(err, rc, "de wijziging maakt het dossier ongeldig (%zu probleem)",
			             "the change makes the case invalid (%zu problem)", n);
		else if (rc == KR_EINVAL)
			kr_error_say(err, rc, "de wijziging maakt het dossier ongeldig (%zu problemen)",
			             "the change makes the case invalid (%zu problems)", n);
		goto out;
	}
	if (!(text = kr_case_dump(c, false))) {
		rc = no_memory(err);
		goto out;
	}
	len = strlen(text);
	if (len > KR_CASE_MAX_BYTES) {
		rc = kr_error_say(err, KR_ETOOBIG, "het gewijzigde dossier zou %zu bytes worden; er "
		                  "mag hoogstens %u bytes (16 MiB) in", "the changed case document "
		                  "would be %zu bytes; the limit is %u bytes (16 MiB)", len,
		                  KR_CASE_MAX_BYTES);
		goto out;
	}
	if (rules && e->op != KR_EDIT_REMOVE && (rc = check_rules(root, &b, kr_today(), err)))
		goto out;
	*out = text;
	*out_len = len;
	text = NULL;
	if (new_id) {
		*new_id = nid;
		nid = NULL;
	}
out:
	free(text);
	free(nid);
	kr_case_free(c);
	json_decref(root);
	json_decref(body);
	if (b.own)
		json_decref(b.root);
	return rc;
}

enum kr_status kr_case_edit(const char *doc, size_t doc_len, const struct kr_edit *e,
                            char **out, size_t *out_len, char **new_id, struct kr_error *err)
{
	return edit_doc(doc, doc_len, e, true, out, out_len, new_id, err);
}

enum kr_status kr_case_restore(const char *doc, size_t doc_len, const char *then,
                               size_t then_len, const char *collection, const char *id,
                               char **out, size_t *out_len, char **new_id,
                               struct kr_error *err)
{
	const struct coll *k = find_coll(collection);
	json_t *old_root = NULL, *now_root = NULL, *arr, *item = NULL, *v;
	struct kr_edit e;
	char *body = NULL, *unretired = NULL;
	size_t i;
	long found = -1;
	enum kr_status rc;

	if (out)
		*out = NULL;
	if (out_len)
		*out_len = 0;
	if (new_id)
		*new_id = NULL;
	if (!doc || !then || !id || !out || !out_len)
		return kr_error_say(err, KR_EUSAGE, "kr_case_restore: doc, then, id, out en out_len "
		                    "zijn verplicht", "kr_case_restore: doc, then, id, out and "
		                    "out_len are required");
	if (!k || k->kind == C_OBJECT)
		return kr_error_say(err, KR_EUSAGE, "terugzetten kan alleen een item van persons, "
		                    "placements, meetings, wishes, goals, agreements, kinship, ties of "
		                    "events (niet \"%s\")", "only an item of persons, placements, "
		                    "meetings, wishes, goals, agreements, kinship, ties or events can "
		                    "be restored (not \"%s\")", collection ? collection : "");
	if ((rc = parse_doc(then, then_len, &old_root, err)) ||
	    (rc = parse_doc(doc, doc_len, &now_root, err)))
		goto out;
	arr = items_of(old_root, k);
	if (k->kind == C_INDEX) {
		if (parse_index(id, &i) && i < json_array_size(arr))
			item = json_incref(json_array_get(arr, i));
	} else if (arr && (found = find_id(arr, id)) >= 0) {
		item = json_incref(json_array_get(arr, (size_t)found));
	}
	json_decref(arr);
	if (!item) {
		rc = kr_error_say(err, KR_ENOTFOUND, "die versie heeft geen %s \"%s\"",
		                  "that revision has no %s \"%s\"", what_of(k, err), id);
		goto out;
	}
	arr = items_of(now_root, k);
	if (k->kind == C_ID)
		found = arr ? find_id(arr, id) : -1;
	else
		json_array_foreach(arr, i, v)
			if (json_equal(v, item))
				found = (long)i;
	json_decref(arr);
	if (found >= 0) {
		rc = kr_error_say(err, KR_ECONFLICT, "%s \"%s\" staat er al (weer) in; er is niets "
		                  "terug te zetten", "%s \"%s\" is in the case (again) already; "
		                  "there is nothing to restore", what_of(k, err), id);
		goto out;
	}
	if (!(body = json_dumps(item, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
		rc = no_memory(err);
		goto out;
	}
	memset(&e, 0, sizeof e);
	e.op = KR_EDIT_ADD;
	e.collection = k->name;
	e.body = body;
	e.body_len = strlen(body);
	/* A person restored from an earlier revision is the same person: their
	 * id leaves the retired list again (their share links were revoked when
	 * they were removed, and revoked links stay revoked). */
	if (strcmp(k->name, "persons") == 0 && is_retired(now_root, id)) {
		json_t *list = json_object_get(now_root, RETIRED_KEY), *v2;
		size_t j;
		json_array_foreach(list, j, v2)
			if (json_is_string(v2) && strcmp(json_string_value(v2), id) == 0) {
				json_array_remove(list, j);
				break;
			}
		if (json_array_size(list) == 0)
			json_object_del(now_root, RETIRED_KEY);
		if (!(unretired = json_dumps(now_root, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
			rc = no_memory(err);
			goto out;
		}
		doc = unretired;
		doc_len = strlen(unretired);
	}
	/* the item comes back as it was: the limits held when it was there */
	rc = edit_doc(doc, doc_len, &e, false, out, out_len, new_id, err);
out:
	free(unretired);
	free(body);
	json_decref(item);
	json_decref(old_root);
	json_decref(now_root);
	return rc;
}
