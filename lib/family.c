/*
 * family.c - reads and validates a kring-family/1 document (family.h) and
 * writes its JSON view.
 *
 * Like case_read.c, one pass over the JSON tree checks every key it knows
 * (type, enumeration, date, unique ids) and keeps going after a problem, so
 * every problem is reported as "path: message" in the caller's language
 * (`household[1].born: "2019-02-30" is not a date that exists`).  Unknown
 * keys stay in the document and survive export.  The register in the store
 * and the access decision are family_store.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/enum.h"
#include "kring/family.h"
#include "case_int.h"
#include "doc_read_int.h"

static void *grab(struct kri_doc *r, size_t n, size_t size)
{
	void *p;
	if (n == 0)
		return NULL;
	if (!(p = calloc(n, size)))
		r->nomem = true;
	return p;
}

static void read_household(struct kri_doc *r, json_t *arr, struct kr_family *f)
{
	char base[64], path[96];
	json_t *v, *seen = json_object();
	size_t i;

	if (!seen || !(f->members = grab(r, json_array_size(arr), sizeof *f->members))) {
		r->nomem = r->nomem || !seen;
		json_decref(seen);
		return;
	}
	json_array_foreach(arr, i, v) {
		struct kr_family_member *m = &f->members[f->nmembers];
		snprintf(base, sizeof base, "household[%zu]", i);
		if (!json_is_object(v)) {
			kri_doc_problem(r, base, "hier hoort een object ({...})", "expected an object");
			continue;
		}
		m->id = kri_doc_text(r, base, v, "id", true);
		if (m->id) {
			json_t *prev = json_object_get(seen, m->id);
			if (!*m->id || strlen(m->id) > 64)
				kri_doc_problem(r, kri_doc_path(path, sizeof path, base, "id"),
				        "moet 1 tot en met 64 tekens lang zijn",
				        "must be 1 to 64 characters");
			else if (prev)
				kri_doc_problem(r, kri_doc_path(path, sizeof path, base, "id"),
				        "dit gezinslid heeft hetzelfde id \"%s\" als item %lld; kies een "
				        "ander id", "duplicate member id \"%s\" (also used by item %lld)",
				        m->id, (long long)json_integer_value(prev));
			else
				json_object_set_new(seen, m->id, json_integer((json_int_t)i));
		}
		m->name = kri_doc_text(r, base, v, "name", false);
		m->role = kri_doc_enum(r, base, v, "role", KR_ENUM_HOUSEHOLD_ROLE, true);
		m->sex = kri_doc_enum(r, base, v, "sex", KR_ENUM_SEX, false);
		m->born = kri_doc_date(r, base, v, "born");
		f->nmembers++;
	}
	json_decref(seen);
}

static void read_training(struct kri_doc *r, json_t *arr, struct kr_family *f)
{
	char base[64];
	json_t *v;
	size_t i;

	if (!(f->training = grab(r, json_array_size(arr), sizeof *f->training)))
		return;
	json_array_foreach(arr, i, v) {
		struct kr_family_training *t = &f->training[f->ntraining];
		snprintf(base, sizeof base, "training[%zu]", i);
		if (!json_is_object(v)) {
			kri_doc_problem(r, base, "hier hoort een object ({...})", "expected an object");
			continue;
		}
		t->name = kri_doc_text(r, base, v, "name", true);
		t->date = kri_doc_date(r, base, v, "date");
		f->ntraining++;
	}
}

static void read_forms(struct kri_doc *r, json_t *arr, struct kr_family *f)
{
	char path[64];
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		int form = json_is_string(v) ? kr_enum_value(KR_ENUM_FORM, json_string_value(v)) : 0;
		snprintf(path, sizeof path, "forms[%zu]", i);
		if (!form || form == KR_FORM_HOME || form == KR_FORM_RESIDENTIAL)
			kri_doc_problem(r, path, "hier hoort een vorm van pleegzorg of gezinshuis "
			        "(foster_fulltime, foster_parttime, crisis, support_family, "
			        "family_home, informal_network)", "expected a form of foster care or "
			        "family home (foster_fulltime, foster_parttime, crisis, support_family, "
			        "family_home, informal_network)");
		else
			f->forms |= 1u << form;
	}
}

static void read_all(struct kri_doc *r, json_t *doc, struct kr_family *f)
{
	const char *fmt;
	json_t *v, *o;

	fmt = kri_doc_text(r, "", doc, "format", true);
	if (fmt && strcmp(fmt, KR_FAMILY_FORMAT) != 0)
		kri_doc_problem(r, "format", "\"%s\" is geen formaat dat kring kan lezen (verwacht: \"%s\")",
		        "\"%s\" is not a format kring reads (expected \"%s\")", fmt, KR_FAMILY_FORMAT);
	f->id = kri_doc_text(r, "", doc, "id", true);
	if (f->id && !kri_doc_valid_id(f->id))
		kri_doc_problem(r, "id", "moet 1 tot en met 64 tekens zijn: letters, cijfers, - _ of .",
		        "must be 1 to 64 characters: letters, digits, - _ or .");
	f->name = kri_doc_text(r, "", doc, "name", false);
	if (f->name && strlen(f->name) > 200)
		kri_doc_problem(r, "name", "is te lang; er passen 200 tekens in", "is too long; 200 "
		        "characters fit");
	f->kind = kri_doc_enum(r, "", doc, "kind", KR_ENUM_FAMILY_KIND, false);
	f->care = kri_doc_enum(r, "", doc, "care", KR_ENUM_FAMILY_CARE, false);
	f->place = kri_doc_text(r, "", doc, "place", false);
	f->approved = kri_doc_date(r, "", doc, "approved");
	f->notes = kri_doc_text(r, "", doc, "notes", false);
	f->capacity = -1;
	if ((v = json_object_get(doc, "capacity")) && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 50)
			kri_doc_problem(r, "capacity", "hier hoort een heel getal van 0 tot en met 50",
			        "expected a whole number from 0 to 50");
		else
			f->capacity = (int)json_integer_value(v);
	}
	if ((v = kri_doc_list(r, "", doc, "forms")))
		read_forms(r, v, f);
	if ((o = kri_doc_object(r, "", doc, "availability"))) {
		f->availability = kri_doc_enum(r, "availability", o, "status", KR_ENUM_AVAILABILITY,
		                             true);
		f->available_from = kri_doc_date(r, "availability", o, "from");
		f->availability_text = kri_doc_text(r, "availability", o, "text", false);
	}
	if ((v = kri_doc_list(r, "", doc, "household")))
		read_household(r, v, f);
	if ((v = kri_doc_list(r, "", doc, "training")))
		read_training(r, v, f);
	if ((o = kri_doc_object(r, "", doc, "worker"))) {
		f->worker_name = kri_doc_text(r, "worker", o, "name", false);
		f->worker_account = kri_doc_text(r, "worker", o, "account", false);
		if (f->worker_account && !kr_account_name_valid(f->worker_account)) {
			kri_doc_problem(r, "worker.account", "\"%s\" is geen accountnaam (2 tot 64 tekens: "
			        "letters, cijfers en . _ @ -)", "\"%s\" is not an account name (2 to 64 "
			        "characters: letters, digits and . _ @ -)", f->worker_account);
			f->worker_account = NULL;
		}
	}
	if ((o = kri_doc_object(r, "", doc, "peer_group"))) {
		f->peer_group = kri_doc_text(r, "peer_group", o, "name", true);
		f->peer_group_since = kri_doc_date(r, "peer_group", o, "since");
	}
}

enum kr_status kr_family_from_json(void *vdoc, struct kr_family **out, struct kr_error *err)
{
	json_t *doc = vdoc;
	struct kr_family *f;
	struct kri_doc r = { err, err ? err->lang : KR_LANG_NL, 0, false };
	enum kr_status rc = KR_OK;

	*out = NULL;
	if (!(f = calloc(1, sizeof *f)))
		return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	f->priv = json_incref(doc);
	f->capacity = -1;
	if (!json_is_object(doc))
		kri_doc_problem(&r, "", "het document moet een JSON-object ({...}) zijn",
		                "the document must be a JSON object");
	else
		read_all(&r, doc, f);
	if (r.nomem) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen om het pleeggezin te lezen",
		                  "out of memory while reading the foster family");
		goto out;
	}
	if (r.nproblems) {
		rc = kr_error_say(err, KR_EINVAL, r.nproblems == 1 ? "het pleeggezin heeft %zu "
		                  "probleem" : "het pleeggezin heeft %zu problemen",
		                  r.nproblems == 1 ? "the foster family document has %zu problem"
		                  : "the foster family document has %zu problems", r.nproblems);
		goto out;
	}
	*out = f;
	f = NULL;
out:
	kr_family_free(f);
	return rc;
}

enum kr_status kr_family_read(const char *text_in, size_t len, struct kr_family **out,
                              struct kr_error *err)
{
	json_t *doc;
	enum kr_status rc;

	*out = NULL;
	if ((rc = kri_json_document(text_in, len, KR_FAMILY_MAX_BYTES, &doc, err)) != KR_OK)
		return rc;
	rc = kr_family_from_json(doc, out, err);
	json_decref(doc);
	return rc;
}

void kr_family_free(struct kr_family *f)
{
	if (!f)
		return;
	free(f->members);
	free(f->training);
	json_decref(f->priv);
	free(f);
}

void *kr_family_doc(const struct kr_family *f)
{
	return f ? f->priv : NULL;
}

char *kr_family_dump(const struct kr_family *f, bool pretty)
{
	char *s, *t;
	size_t n;

	if (!f || !(s = json_dumps(f->priv, pretty ? JSON_INDENT(2) | JSON_PRESERVE_ORDER
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

void *kr_family_view_json(const struct kr_family *f, long revision, int in_use, long day)
{
	json_t *j, *ages;
	int vac = 0;

	if (!f || !(j = json_object()))
		return NULL;
	if (f->capacity >= 0 && f->availability == KR_AVAIL_AVAILABLE && f->capacity > in_use)
		vac = f->capacity - in_use;
	ages = json_object();
	for (size_t i = 0; ages && i < f->nmembers; i++)
		if (f->members[i].id && kr_date_valid(f->members[i].born))
			json_object_set_new(ages, f->members[i].id,
			                    json_integer(kr_age_years(f->members[i].born, day)));
	if (!ages || json_object_set_new(j, "id", json_string(f->id)) ||
	    json_object_set_new(j, "revision", json_integer(revision)) ||
	    json_object_set(j, "family", f->priv) ||
	    json_object_set_new(j, "in_use", json_integer(in_use)) ||
	    json_object_set_new(j, "vacancies", json_integer(vac)) ||
	    json_object_set_new(j, "ages", ages)) {
		json_decref(j);
		return NULL;
	}
	return j;
}
