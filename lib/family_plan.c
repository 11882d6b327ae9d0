/*
 * family_plan.c - reads and validates a kring-familyplan/1 document
 * (family_plan.h) on its own: types, ids, dates and times, and that every
 * person ref {"case", "person"} names one of the plan's linked cases.
 *
 * Like family.c, one pass over the JSON tree checks every key it knows and
 * keeps going after a problem, so every problem is reported as
 * "path: message" in the caller's language.  Unknown keys stay in the
 * document and survive export.  The checks against the store, the tables,
 * the access decision and the reader's view are family_plan_store.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/enum.h"
#include "kring/family_plan.h"
#include "case_int.h"
#include "doc_read_int.h"

struct prd {
	struct kri_doc d;       /* the problems (doc_read_int.h) */
	struct kr_fplan *p;
	size_t cap_persons;
};

static bool linked(const struct kr_fplan *p, const char *ref)
{
	for (size_t i = 0; i < p->ncases; i++)
		if (strcmp(p->cases[i], ref) == 0)
			return true;
	return false;
}

/* One person ref {"case", "person"} at path. */
static void person_ref(struct prd *r, const char *path, json_t *v)
{
	char sub[128];
	const char *c, *who;
	struct kr_fplan_person *fp;

	if (!json_is_object(v)) {
		kri_doc_problem(&r->d, path, "hier hoort een persoon: {\"case\": dossier, \"person\": id}",
		        "expected a person: {\"case\": ref, \"person\": id}");
		return;
	}
	c = kri_doc_text(&r->d, path, v, "case", true);
	who = kri_doc_text(&r->d, path, v, "person", true);
	if (!c || !who)
		return;
	if (!linked(r->p, c)) {
		kri_doc_problem(&r->d, kri_doc_path(sub, sizeof sub, path, "case"), "dossier \"%s\" hoort niet bij "
		        "dit gezinsplan; zet het eerst in cases", "case \"%s\" is not one of the "
		        "family plan's cases; add it to cases first", c);
		return;
	}
	if (r->p->npersons == r->cap_persons) {
		size_t cap = r->cap_persons ? 2 * r->cap_persons : 16;
		struct kr_fplan_person *np = realloc(r->p->persons, cap * sizeof *np);
		if (!np) {
			r->d.nomem = true;
			return;
		}
		r->p->persons = np;
		r->cap_persons = cap;
	}
	fp = &r->p->persons[r->p->npersons++];
	fp->case_ref = c;
	fp->person = who;
	snprintf(fp->path, sizeof fp->path, "%s", path);
}

/* A list of person refs under key of item base. */
static size_t person_list(struct prd *r, const char *base, json_t *o, const char *key)
{
	char path[128];
	json_t *arr = kri_doc_list(&r->d, base, o, key), *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		snprintf(path, sizeof path, "%s.%s[%zu]", base, key, i);
		person_ref(r, path, v);
	}
	return arr ? json_array_size(arr) : 0;
}

/* The items of list `key`: objects with a unique id.  Calls item() on each
 * object with its path; returns the list (or NULL). */
static json_t *items(struct prd *r, json_t *doc, const char *key,
                     void (*item)(struct prd *, const char *, json_t *))
{
	char base[64], path[96];
	json_t *arr = kri_doc_list(&r->d, "", doc, key), *v, *seen;
	size_t i;

	if (!arr)
		return NULL;
	if (!(seen = json_object())) {
		r->d.nomem = true;
		return NULL;
	}
	json_array_foreach(arr, i, v) {
		const char *id;
		snprintf(base, sizeof base, "%s[%zu]", key, i);
		if (!json_is_object(v)) {
			kri_doc_problem(&r->d, base, "hier hoort een object ({...})", "expected an object");
			continue;
		}
		if ((id = kri_doc_text(&r->d, base, v, "id", true))) {
			json_t *prev = json_object_get(seen, id);
			if (!kri_doc_valid_id(id))
				kri_doc_problem(&r->d, kri_doc_path(path, sizeof path, base, "id"), "moet 1 tot en met 64 "
				        "tekens zijn: letters, cijfers, - _ of .", "must be 1 to 64 "
				        "characters: letters, digits, - _ or .");
			else if (prev)
				kri_doc_problem(&r->d, kri_doc_path(path, sizeof path, base, "id"), "hetzelfde id \"%s\" als "
				        "item %lld; kies een ander id", "duplicate id \"%s\" (also used by "
				        "item %lld)", id, (long long)json_integer_value(prev));
			else
				json_object_set_new(seen, id, json_integer((json_int_t)i));
		}
		item(r, base, v);
	}
	json_decref(seen);
	return arr;
}

static void goal(struct prd *r, const char *base, json_t *v)
{
	kri_doc_text(&r->d, base, v, "text", true);
	person_list(r, base, v, "who");
}

static void agreement(struct prd *r, const char *base, json_t *v)
{
	char path[96];
	json_t *done = json_object_get(v, "done");

	kri_doc_text(&r->d, base, v, "what", true);
	kri_doc_text(&r->d, base, v, "when", false);
	person_list(r, base, v, "who");
	if (done && !json_is_null(done) && !json_is_boolean(done))
		kri_doc_problem(&r->d, kri_doc_path(path, sizeof path, base, "done"), "hier hoort true of false",
		        "expected true or false");
}

static void wish(struct prd *r, const char *base, json_t *v)
{
	char path[96];
	json_t *by = json_object_get(v, "by");

	kri_doc_text(&r->d, base, v, "text", true);
	kri_doc_date(&r->d, base, v, "date");
	if (by && !json_is_null(by))
		person_ref(r, kri_doc_path(path, sizeof path, base, "by"), by);
}

/* "HH:MM", 00:00 to 23:59. */
static bool valid_time(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
	       s[1] <= '9' && (s[0] < '2' || s[1] <= '3') && s[3] >= '0' && s[3] <= '5' &&
	       s[4] >= '0' && s[4] <= '9';
}

static void meeting(struct prd *r, const char *base, json_t *v)
{
	char path[96];
	const char *t, *outcome;
	json_t *coord = json_object_get(v, "coordinator");
	struct kr_fplan_meeting *m = &r->p->meetings[r->p->nmeetings++];

	m->id = json_string_value(json_object_get(v, "id"));   /* checked by items() */
	snprintf(m->path, sizeof m->path, "%s", base);
	m->date = kri_doc_date(&r->d, base, v, "date");
	if ((t = kri_doc_text(&r->d, base, v, "time", false)) && !valid_time(t))
		kri_doc_problem(&r->d, kri_doc_path(path, sizeof path, base, "time"), "\"%s\" is geen tijd; schrijf "
		        "UU:MM, zoals 19:30", "\"%s\" is not a time of day (use HH:MM, such as "
		        "19:30)", t);
	kri_doc_text(&r->d, base, v, "place", false);
	if ((t = kri_doc_text(&r->d, base, v, "type", false)) && !kr_enum_value(KR_ENUM_MEETING_TYPE, t))
		kri_doc_problem(&r->d, kri_doc_path(path, sizeof path, base, "type"), "\"%s\" is geen soort "
		        "bijeenkomst die kring kent (diy, family_group_conference, round_table, "
		        "signs_of_safety, action_team, other)", "\"%s\" is not a kind of meeting kring "
		        "knows (diy, family_group_conference, round_table, signs_of_safety, "
		        "action_team, other)", t);
	outcome = kri_doc_text(&r->d, base, v, "outcome", false);
	m->has_outcome = outcome && *outcome;
	if (coord && !json_is_null(coord))
		person_ref(r, kri_doc_path(path, sizeof path, base, "coordinator"), coord);
	person_list(r, base, v, "invited");
	m->nattended = person_list(r, base, v, "attended");
}

static void read_cases(struct prd *r, json_t *doc)
{
	char path[64];
	json_t *arr = kri_doc_list(&r->d, "", doc, "cases"), *v;
	size_t i;

	if (!arr) {
		if (!json_object_get(doc, "cases"))
			kri_doc_problem(&r->d, "cases", "is verplicht: de dossiers van de broers en zussen (2 of "
			        "meer)", "is required: the cases of the siblings (2 or more)");
		return;
	}
	if (json_array_size(arr) < 2 || json_array_size(arr) > KR_FPLAN_MAX_CASES) {
		kri_doc_problem(&r->d, "cases", "een gezinsplan verbindt 2 tot en met %d dossiers; hier staan er "
		        "%zu", "a family plan links 2 to %d cases; this one has %zu",
		        KR_FPLAN_MAX_CASES, json_array_size(arr));
		if (json_array_size(arr) > KR_FPLAN_MAX_CASES)
			return;
	}
	if (!(r->p->cases = calloc(json_array_size(arr) + 1, sizeof *r->p->cases))) {
		r->d.nomem = true;
		return;
	}
	json_array_foreach(arr, i, v) {
		const char *ref = json_is_string(v) ? json_string_value(v) : NULL;
		snprintf(path, sizeof path, "cases[%zu]", i);
		if (!ref || !kri_doc_valid_id(ref))
			kri_doc_problem(&r->d, path, "hier hoort een dossiernummer, zoals \"PZ-2026-0101\"",
			        "expected a case ref, such as \"PZ-2026-0101\"");
		else if (linked(r->p, ref))
			kri_doc_problem(&r->d, path, "dossier \"%s\" staat er twee keer in", "case \"%s\" is listed "
			        "twice", ref);
		else
			r->p->cases[r->p->ncases++] = ref;
	}
}

static void read_all(struct prd *r, json_t *doc)
{
	const char *fmt;
	json_t *m;
	struct kr_fplan *p = r->p;

	fmt = kri_doc_text(&r->d, "", doc, "format", true);
	if (fmt && strcmp(fmt, KR_FPLAN_FORMAT) != 0)
		kri_doc_problem(&r->d, "format", "\"%s\" is geen formaat dat kring kan lezen (verwacht: \"%s\")",
		        "\"%s\" is not a format kring reads (expected \"%s\")", fmt, KR_FPLAN_FORMAT);
	p->id = kri_doc_text(&r->d, "", doc, "id", true);
	if (p->id && !kri_doc_valid_id(p->id))
		kri_doc_problem(&r->d, "id", "moet 1 tot en met 64 tekens zijn: letters, cijfers, - _ of .",
		        "must be 1 to 64 characters: letters, digits, - _ or .");
	p->name = kri_doc_text(&r->d, "", doc, "name", false);
	if (p->name && strlen(p->name) > 200)
		kri_doc_problem(&r->d, "name", "is te lang; er passen 200 tekens in", "is too long; 200 "
		        "characters fit");
	read_cases(r, doc);
	items(r, doc, "goals", goal);
	items(r, doc, "agreements", agreement);
	items(r, doc, "wishes", wish);
	m = json_object_get(doc, "meetings");
	if (json_is_array(m) && json_array_size(m) &&
	    !(p->meetings = calloc(json_array_size(m), sizeof *p->meetings))) {
		r->d.nomem = true;
		return;
	}
	items(r, doc, "meetings", meeting);
}

enum kr_status kr_fplan_from_json(void *vdoc, struct kr_fplan **out, struct kr_error *err)
{
	json_t *doc = vdoc;
	struct kr_fplan *p;
	struct prd r = { { err, err ? err->lang : KR_LANG_NL, 0, false }, NULL, 0 };
	enum kr_status rc = KR_OK;

	*out = NULL;
	if (!(p = calloc(1, sizeof *p)))
		return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	p->priv = json_incref(doc);
	r.p = p;
	if (!json_is_object(doc))
		kri_doc_problem(&r.d, "", "het document moet een JSON-object ({...}) zijn",
		                "the document must be a JSON object");
	else
		read_all(&r, doc);
	if (r.d.nomem) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen om het gezinsplan te lezen",
		                  "out of memory while reading the family plan");
		goto out;
	}
	if (r.d.nproblems) {
		rc = kr_error_say(err, KR_EINVAL, r.d.nproblems == 1 ? "het gezinsplan heeft %zu "
		                  "probleem" : "het gezinsplan heeft %zu problemen",
		                  r.d.nproblems == 1 ? "the family plan has %zu problem"
		                  : "the family plan has %zu problems", r.d.nproblems);
		goto out;
	}
	*out = p;
	p = NULL;
out:
	kr_fplan_free(p);
	return rc;
}

enum kr_status kr_fplan_read(const char *text_in, size_t len, struct kr_fplan **out,
                             struct kr_error *err)
{
	json_t *doc;
	enum kr_status rc;

	*out = NULL;
	if ((rc = kri_json_document(text_in, len, KR_FPLAN_MAX_BYTES, &doc, err)) != KR_OK)
		return rc;
	rc = kr_fplan_from_json(doc, out, err);
	json_decref(doc);
	return rc;
}

void kr_fplan_free(struct kr_fplan *p)
{
	if (!p)
		return;
	free(p->cases);
	free(p->persons);
	free(p->meetings);
	json_decref(p->priv);
	free(p);
}

char *kr_fplan_dump(const struct kr_fplan *p, bool pretty)
{
	char *s, *t;
	size_t n;

	if (!p || !(s = json_dumps(p->priv, pretty ? JSON_INDENT(2) | JSON_PRESERVE_ORDER
	                                            : JSON_COMPACT | JSON_PRESERVE_ORDER)))
		return NULL;
	if (!pretty)
		return s;
	n = strlen(s);
	if (!(t = realloc(s, n + 2))) {
		free(s);
		return NULL;
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	return t;
}
