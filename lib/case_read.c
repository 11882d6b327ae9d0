/*
 * case_read.c - reads a kring-case/1 document and validates it completely
 * before anything is built on it.
 *
 * Two passes.  The first walks the JSON tree once, checking every key it
 * knows (type, enumeration, date, reference) and filling the model; it keeps
 * going after a problem so that every problem is reported, each as
 * "path: message" (`ties[3].b: unknown person "p99"`), in the language of
 * the caller's error record (`ties[3].b: onbekende persoon "p99"`).  The
 * second pass
 * checks what only the whole document can tell: nobody is their own
 * ancestor, no child is born before a parent, no duplicate ties or parent
 * links.  Keys this file does not know are left alone: they stay in the
 * document and survive export (docs/case-format.md).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "doc_read_int.h"

/* The reader's state: the case being built and the problems found. */
struct rd {
	struct kri_doc d;       /* the problems, in d.lang (doc_read_int.h) */
	struct kr_case *c;
	struct kri_case_priv *priv;
	json_t *placement_ids, *goal_ids;   /* id -> index */
};

#define PATH_MAX_LEN 160

/* One problem at path: nl and en are its Dutch and English formats (see
 * kr_error_add).  Without an error record it is only counted. */
static void problem(struct rd *r, const char *path, const char *nl, const char *en, ...)
	__attribute__((format(printf, 3, 5), format(printf, 4, 5)));

static void problem(struct rd *r, const char *path, const char *nl, const char *en, ...)
{
	va_list ap;
	va_start(ap, en);
	kri_doc_vproblem(&r->d, path, nl, en, ap);
	va_end(ap);
}

/* The things a document names by id, as messages call them. */
enum noun { N_PERSON, N_PLACEMENT, N_MEETING, N_WISH, N_GOAL, N_AGREEMENT };

static const struct {
	const char *en;         /* "person" */
	const char *nl_a;       /* "een persoon" */
	const char *nl_unknown; /* "onbekende persoon" */
	const char *nl_this;    /* "deze persoon" */
} nouns[] = {
	[N_PERSON] = { "person", "een persoon", "onbekende persoon", "deze persoon" },
	[N_PLACEMENT] = { "placement", "een plaatsing", "onbekende plaatsing", "deze plaatsing" },
	[N_MEETING] = { "meeting", "een bijeenkomst", "onbekende bijeenkomst",
	                "deze bijeenkomst" },
	[N_WISH] = { "wish", "een wens", "onbekende wens", "deze wens" },
	[N_GOAL] = { "goal", "een doel", "onbekend doel", "dit doel" },
	[N_AGREEMENT] = { "agreement", "een afspraak", "onbekende afspraak", "deze afspraak" },
};

/* The noun in r's language: English, or the Dutch form given. */
static const char *noun(const struct rd *r, enum noun n, const char *nl)
{
	return r->d.lang == KR_LANG_EN ? nouns[n].en : nl;
}

/* How v is called in r's language. */
static const char *kind(const struct rd *r, const json_t *v)
{
	return kri_json_kind(v, r->d.lang);
}

static void *alloc(struct rd *r, size_t n)
{
	void *p;
	if (n == 0)
		return NULL;
	p = kri_arena_alloc(&r->priv->arena, n);
	if (!p)
		r->d.nomem = true;
	return p;
}

/* "persons[3]" + "born" -> "persons[3].born" */
static const char *join(char *buf, const char *base, const char *key)
{
	size_t nb = strlen(base), nk = strlen(key);

	/* Paths are built for every item read, so not with snprintf (which
	 * was a tenth of reading a case). */
	if (nb + nk + 2 > PATH_MAX_LEN) {
		snprintf(buf, PATH_MAX_LEN, "%s%s%s", base, *base ? "." : "", key);
		return buf;
	}
	memmove(buf, base, nb);
	if (nb)
		buf[nb++] = '.';
	memcpy(buf + nb, key, nk + 1);
	return buf;
}

/* Writes n in decimal at p; returns the end. */
static char *put_size(char *p, size_t n)
{
	char tmp[24];
	int k = 0;
	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10));
	while (k)
		*p++ = tmp[--k];
	return p;
}

/* "base.key[i]" (or "base[i]" when key is NULL, "key[i]" when base is
 * empty) into buf of PATH_MAX_LEN bytes. */
static const char *item_path(char *buf, const char *base, const char *key, size_t i)
{
	size_t nb = strlen(base), nk = key ? strlen(key) : 0;
	char *p = buf;

	if (nb + nk + 26 > PATH_MAX_LEN) {
		snprintf(buf, PATH_MAX_LEN, "%s%s%s[%zu]", base, *base && key ? "." : "",
		         key ? key : "", i);
		return buf;
	}
	memmove(p, base, nb);
	p += nb;
	if (key) {
		if (nb)
			*p++ = '.';
		memcpy(p, key, nk);
		p += nk;
	}
	*p++ = '[';
	p = put_size(p, i);
	*p++ = ']';
	*p = '\0';
	return buf;
}

const char *kri_json_kind(const json_t *v, enum kr_lang lang)
{
	if (!v)
		return kr_tr(lang, "niets", "nothing");
	switch (json_typeof(v)) {
	case JSON_OBJECT: return kr_tr(lang, "een object", "an object");
	case JSON_ARRAY: return kr_tr(lang, "een lijst", "a list");
	case JSON_STRING: return kr_tr(lang, "tekst", "text");
	case JSON_INTEGER: case JSON_REAL: return kr_tr(lang, "een getal", "a number");
	case JSON_TRUE: case JSON_FALSE: return kr_tr(lang, "true of false", "true/false");
	case JSON_NULL: return "null";
	}
	return kr_tr(lang, "iets anders", "something else");
}

/* Optional string member: NULL when absent or null. */
static const char *get_str(struct rd *r, const char *base, json_t *obj, const char *key,
                           bool required)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			problem(r, join(path, base, key), "is verplicht; vul dit in", "is required");
		return NULL;
	}
	if (!json_is_string(v)) {
		problem(r, join(path, base, key), "hier hoort tekst, maar er staat %s",
		        "expected text, found %s", kind(r, v));
		return NULL;
	}
	return json_string_value(v);
}

/* An id: required non-empty string, at most 64 bytes, unique in `seen`
 * (an object used as a set: id -> index). */
static const char *get_id(struct rd *r, const char *base, json_t *obj, json_t *seen,
                          size_t index, enum noun what)
{
	char path[PATH_MAX_LEN];
	const char *id = get_str(r, base, obj, "id", true);
	json_t *prev;

	if (!id)
		return NULL;
	join(path, base, "id");
	if (!*id || strlen(id) > 64) {
		problem(r, path, "moet 1 tot en met 64 tekens lang zijn",
		        "must be 1 to 64 characters");
		return NULL;
	}
	prev = json_object_get(seen, id);
	if (prev) {
		problem(r, path, "%s heeft hetzelfde id \"%s\" als item %lld; kies een ander id",
		        "duplicate %s id \"%s\" (also used by item %lld)",
		        noun(r, what, nouns[what].nl_this), id, (long long)json_integer_value(prev));
		return id;
	}
	if (json_object_set_new(seen, id, json_integer((json_int_t)index)))
		r->d.nomem = true;
	return id;
}

static int get_enum(struct rd *r, const char *base, json_t *obj, const char *key,
                    enum kr_enum e, bool required)
{
	char path[PATH_MAX_LEN];
	const char *s = get_str(r, base, obj, key, required);
	int v;

	if (!s)
		return 0;
	v = kr_enum_value(e, s);
	if (!v) {
		char allowed[400] = "";
		size_t used = 0;
		for (int i = 1; i < kr_enum_count(e) && used < sizeof allowed; i++)
			used += (size_t)snprintf(allowed + used, sizeof allowed - used, "%s%s",
			                         i > 1 ? ", " : "", kr_enum_name(e, i));
		problem(r, join(path, base, key), "onbekende waarde \"%s\"; kies uit: %s",
		        "unknown value \"%s\" (allowed: %s)", s, allowed);
	}
	return v;
}

static struct kr_date check_date(struct rd *r, const char *path, json_t *v)
{
	struct kr_date d = { 0, 0, 0 };

	if (!v || json_is_null(v))
		return d;
	if (!json_is_string(v))
		problem(r, path, "hier hoort een datum (JJJJ-MM-DD, JJJJ-MM of JJJJ), maar er "
		        "staat %s", "expected a date (YYYY-MM-DD, YYYY-MM or YYYY), found %s",
		        kind(r, v));
	else if (!kr_date_parse(json_string_value(v), &d))
		problem(r, path, "\"%s\" is geen datum die bestaat; schrijf JJJJ-MM-DD, JJJJ-MM of "
		        "JJJJ", "\"%s\" is not a date that exists (use YYYY-MM-DD, YYYY-MM or "
		        "YYYY)", json_string_value(v));
	return d;
}

static struct kr_date get_date(struct rd *r, const char *base, json_t *obj, const char *key,
                               bool required)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(obj, key);
	struct kr_date d = { 0, 0, 0 };

	/* The path is only built when there is something to report. */
	if (!v || json_is_null(v)) {
		if (required)
			problem(r, join(path, base, key), "is verplicht; vul dit in", "is required");
		return d;
	}
	if (json_is_string(v) && kr_date_parse(json_string_value(v), &d))
		return d;
	return check_date(r, join(path, base, key), v);
}

static enum kr_tribool get_bool(struct rd *r, const char *base, json_t *obj, const char *key)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return KR_UNKNOWN;
	if (!json_is_boolean(v)) {
		problem(r, join(path, base, key), "hier hoort true of false, maar er staat %s",
		        "expected true or false, found %s", kind(r, v));
		return KR_UNKNOWN;
	}
	return json_is_true(v) ? KR_TRUE : KR_FALSE;
}

/* An object member that must be an object when present.  NULL if absent. */
static json_t *get_obj(struct rd *r, const char *base, json_t *obj, const char *key,
                       bool required)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			problem(r, join(path, base, key), "is verplicht; vul dit in", "is required");
		return NULL;
	}
	if (!json_is_object(v)) {
		problem(r, join(path, base, key), "hier hoort een object ({...}), maar er staat %s",
		        "expected an object, found %s", kind(r, v));
		return NULL;
	}
	return v;
}

static json_t *get_arr(struct rd *r, const char *base, json_t *obj, const char *key,
                       bool required)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			problem(r, join(path, base, key), "is verplicht; vul dit in", "is required");
		return NULL;
	}
	if (!json_is_array(v)) {
		problem(r, join(path, base, key), "hier hoort een lijst ([...]), maar er staat %s",
		        "expected a list, found %s", kind(r, v));
		return NULL;
	}
	return v;
}

/* Resolves a reference against an id map; -1 (and a problem) when unknown. */
static int resolve(struct rd *r, const char *path, json_t *v, json_t *ids, enum noun what)
{
	json_t *ix;

	if (!json_is_string(v)) {
		problem(r, path, "hier hoort het id van %s, maar er staat %s",
		        "expected the id of a %s, found %s", noun(r, what, nouns[what].nl_a),
		        kind(r, v));
		return -1;
	}
	ix = json_object_get(ids, json_string_value(v));
	if (!ix) {
		problem(r, path, "%s \"%s\"", "unknown %s \"%s\"",
		        noun(r, what, nouns[what].nl_unknown), json_string_value(v));
		return -1;
	}
	return (int)json_integer_value(ix);
}

static int get_person(struct rd *r, const char *base, json_t *obj, const char *key,
                      bool required)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(obj, key), *ix;

	if (!v || json_is_null(v)) {
		if (required)
			problem(r, join(path, base, key), "is verplicht; vul dit in", "is required");
		return -1;
	}
	if (json_is_string(v) && (ix = json_object_get(r->priv->person_ids, json_string_value(v))))
		return (int)json_integer_value(ix);
	return resolve(r, join(path, base, key), v, r->priv->person_ids, N_PERSON);
}

/* A list of person references.  Duplicates are refused. */
static int *get_person_list(struct rd *r, const char *base, json_t *obj, const char *key,
                            size_t *n)
{
	char path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	json_t *arr = get_arr(r, base, obj, key, false);
	int *out;
	size_t i, k = 0;
	json_t *v;

	*n = 0;
	if (!arr || json_array_size(arr) == 0)
		return NULL;
	join(path, base, key);   /* cheap next to the lookups; needed for element paths */
	out = alloc(r, json_array_size(arr) * sizeof *out);
	if (!out)
		return NULL;
	json_array_foreach(arr, i, v) {
		json_t *found = json_is_string(v) ?
		                json_object_get(r->priv->person_ids, json_string_value(v)) : NULL;
		int ix = found ? (int)json_integer_value(found) : -1;
		if (ix < 0) {
			item_path(ipath, path, NULL, i);
			resolve(r, ipath, v, r->priv->person_ids, N_PERSON);
			continue;
		}
		for (size_t j = 0; j < k; j++)
			if (out[j] == ix) {
				item_path(ipath, path, NULL, i);
				problem(r, ipath, "persoon \"%s\" staat twee keer in de lijst; haal er "
				        "één weg", "person \"%s\" is listed twice",
				        json_string_value(v));
				ix = -1;
				break;
			}
		if (ix >= 0)
			out[k++] = ix;
	}
	*n = k;
	return out;
}

static struct kr_strings get_strings(struct rd *r, const char *base, json_t *obj,
                                     const char *key)
{
	char path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	struct kr_strings s = { NULL, 0 };
	json_t *arr = get_arr(r, base, obj, key, false), *v;
	size_t i;

	if (!arr || !json_array_size(arr))
		return s;
	join(path, base, key);
	s.v = alloc(r, json_array_size(arr) * sizeof *s.v);
	if (!s.v)
		return s;
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v)) {
			item_path(ipath, path, NULL, i);
			problem(r, ipath, "hier hoort tekst, maar er staat %s",
			        "expected text, found %s", kind(r, v));
			continue;
		}
		s.v[s.n++] = json_string_value(v);
	}
	return s;
}

/* Each element of a list must be an object; returns it or NULL (reported). */
static json_t *item_obj(struct rd *r, const char *path, json_t *v)
{
	if (!json_is_object(v)) {
		problem(r, path, "hier hoort een object ({...}), maar er staat %s",
		        "expected an object, found %s", kind(r, v));
		return NULL;
	}
	return v;
}

/* ---- the sections ---- */

static void read_persons(struct rd *r, json_t *arr)
{
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	struct kr_case *c = r->c;
	size_t i;
	json_t *v;

	/* First the ids, so that references anywhere can be resolved. */
	c->persons = alloc(r, json_array_size(arr) * sizeof *c->persons);
	if (!c->persons)
		return;
	c->npersons = json_array_size(arr);
	json_array_foreach(arr, i, v) {
		struct kr_person *p = &c->persons[i];
		json_t *o, *roles, *inv, *e;
		size_t j;

		item_path(base, "", "persons", i);
		p->id = "";
		if (!(o = item_obj(r, base, v)))
			continue;
		p->id = get_id(r, base, o, r->priv->person_ids, i, N_PERSON);
		if (!p->id)
			p->id = "";
		p->name = get_str(r, base, o, "name", false);
		p->sex = get_enum(r, base, o, "sex", KR_ENUM_SEX, false);
		p->born = get_date(r, base, o, "born", false);
		p->died = get_date(r, base, o, "died", false);
		if (kr_date_valid(p->born) && kr_date_valid(p->died) &&
		    kr_date_last(p->died) < kr_date_first(p->born))
			problem(r, join(path, base, "died"), "overleden vóór de geboorte (geboren %s); "
			        "kijk beide datums na", "died before being born (born %s)",
			        json_string_value(json_object_get(o, "born")));
		p->world = get_enum(r, base, o, "world", KR_ENUM_WORLD, false);
		p->segment = get_enum(r, base, o, "segment", KR_ENUM_SEGMENT, false);
		if ((roles = get_arr(r, base, o, "roles", false))) {
			json_array_foreach(roles, j, e) {
				int role;
				item_path(ipath, base, "roles", j);
				if (!json_is_string(e)) {
					problem(r, ipath, "hier hoort tekst, maar er staat %s",
					        "expected text, found %s", kind(r, e));
					continue;
				}
				role = kr_enum_value(KR_ENUM_ROLE, json_string_value(e));
				if (!role)
					problem(r, ipath, "onbekende rol \"%s\"", "unknown role \"%s\"",
					        json_string_value(e));
				else
					p->roles |= KR_ROLE_BIT(role);
			}
		}
		if ((inv = get_arr(r, base, o, "involved", false)) && json_array_size(inv)) {
			p->involved = alloc(r, json_array_size(inv) * sizeof *p->involved);
			if (!p->involved)
				continue;
			json_array_foreach(inv, j, e) {
				struct kr_period *per = &p->involved[p->ninvolved];
				item_path(ipath, base, "involved", j);
				if (!item_obj(r, ipath, e))
					continue;
				per->from = get_date(r, ipath, e, "from", false);
				per->to = get_date(r, ipath, e, "to", false);
				if (kr_date_valid(per->from) && kr_date_valid(per->to) &&
				    kr_date_last(per->to) < kr_date_first(per->from))
					problem(r, join(path, ipath, "to"), "eindigt voordat het begint; "
					        "kijk beide datums na", "ends before it starts");
				p->ninvolved++;
			}
		}
	}
}

static void read_kinship(struct rd *r, json_t *arr)
{
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN];
	struct kr_case *c = r->c;
	size_t i;
	json_t *v;

	c->kinship = alloc(r, json_array_size(arr) * sizeof *c->kinship);
	if (!c->kinship)
		return;
	json_array_foreach(arr, i, v) {
		struct kr_kinship *k = &c->kinship[c->nkinship];
		json_t *o;
		item_path(base, "", "kinship", i);
		if (!(o = item_obj(r, base, v)))
			continue;
		k->parent = k->child = k->a = k->b = -1;
		k->type = get_enum(r, base, o, "type", KR_ENUM_KIN_TYPE, true);
		if (k->type == KR_KIN_PARENT) {
			k->parent = get_person(r, base, o, "parent", true);
			k->child = get_person(r, base, o, "child", true);
			k->kind = get_enum(r, base, o, "kind", KR_ENUM_KIN_KIND, false);
			if (k->parent >= 0 && k->parent == k->child)
				problem(r, join(path, base, "child"), "iemand kan niet ouder van zichzelf "
				        "zijn", "a person cannot be their own parent");
		} else if (k->type == KR_KIN_PARTNERS) {
			k->a = get_person(r, base, o, "a", true);
			k->b = get_person(r, base, o, "b", true);
			k->status = get_enum(r, base, o, "status", KR_ENUM_PARTNER_STATUS, false);
			k->since = get_date(r, base, o, "since", false);
			if (k->a >= 0 && k->a == k->b)
				problem(r, join(path, base, "b"), "iemand kan niet partner van zichzelf "
				        "zijn", "a person cannot be their own partner");
		}
		c->nkinship++;
	}
}

static void read_ties(struct rd *r, json_t *arr)
{
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	struct kr_case *c = r->c;
	size_t i;
	json_t *v, *pairs = json_object();

	if (!pairs) {
		r->d.nomem = true;
		return;
	}
	c->ties = alloc(r, json_array_size(arr) * sizeof *c->ties);
	if (!c->ties)
		goto out;
	json_array_foreach(arr, i, v) {
		struct kr_tie *t = &c->ties[c->nties];
		json_t *o, *sup, *e, *prev;
		size_t j;
		enum kr_tribool tf;

		item_path(base, "", "ties", i);
		if (!(o = item_obj(r, base, v)))
			continue;
		t->a = get_person(r, base, o, "a", true);
		t->b = get_person(r, base, o, "b", true);
		t->strength = get_enum(r, base, o, "strength", KR_ENUM_STRENGTH, false);
		t->quality = get_enum(r, base, o, "quality", KR_ENUM_QUALITY, false);
		t->frequency = get_enum(r, base, o, "frequency", KR_ENUM_FREQUENCY, false);
		t->direction = get_enum(r, base, o, "direction", KR_ENUM_DIRECTION, false);
		tf = get_bool(r, base, o, "trust_figure");
		t->trust_figure = tf == KR_TRUE;
		if ((sup = get_arr(r, base, o, "support", false))) {
			json_array_foreach(sup, j, e) {
				int s;
				item_path(ipath, base, "support", j);
				if (!json_is_string(e)) {
					problem(r, ipath, "hier hoort tekst, maar er staat %s",
					        "expected text, found %s", kind(r, e));
					continue;
				}
				s = kr_enum_value(KR_ENUM_SUPPORT, json_string_value(e));
				if (!s)
					problem(r, ipath, "onbekende soort steun \"%s\"",
					        "unknown kind of support \"%s\"", json_string_value(e));
				else
					t->support |= 1u << s;
			}
		}
		if (t->a >= 0 && t->b >= 0) {
			char key[140];
			int lo = t->a < t->b ? t->a : t->b, hi = t->a < t->b ? t->b : t->a;
			if (t->a == t->b) {
				problem(r, join(path, base, "b"),
				        "een band is tussen twee verschillende personen (nu is het "
				        "twee keer \"%s\")",
				        "a tie needs two different persons (both are \"%s\")",
				        c->persons[t->a].id);
				continue;
			}
			{
				char *end = put_size(key, (size_t)lo);
				*end++ = '/';
				*put_size(end, (size_t)hi) = '\0';
			}
			prev = json_object_get(pairs, key);
			if (prev) {
				problem(r, base, "een tweede band tussen \"%s\" en \"%s\" (de eerste is "
				        "ties[%lld]); maak er één band van",
				        "a second tie between \"%s\" and \"%s\" (the first is ties[%lld])",
				        c->persons[t->a].id, c->persons[t->b].id,
				        (long long)json_integer_value(prev));
				continue;
			}
			json_object_set_new(pairs, key, json_integer((json_int_t)i));
		}
		c->nties++;
	}
out:
	json_decref(pairs);
}

/* placements[i].network_search: {"date", "outcome", "text"}, both date and
 * outcome required when the object is there. */
static void read_network_search(struct rd *r, const char *base, json_t *o,
                                struct kr_placement *p)
{
	char path[PATH_MAX_LEN];
	json_t *ns = get_obj(r, base, o, "network_search", false);

	if (!ns)
		return;
	join(path, base, "network_search");
	p->search_date = get_date(r, path, ns, "date", true);
	p->search_outcome = get_enum(r, path, ns, "outcome", KR_ENUM_SEARCH_OUTCOME, true);
	p->search_text = get_str(r, path, ns, "text", false);
}

/* placements[i].family: the id of a family in the register (family.h).
 * Its shape is checked here; that the register has it is checked when the
 * case is stored (kr_store_put), since the register lives in the store. */
static const char *get_family_ref(struct rd *r, const char *base, json_t *o)
{
	char path[PATH_MAX_LEN];
	const char *id = get_str(r, base, o, "family", false);

	if (id && !kri_doc_valid_id(id)) {
		problem(r, join(path, base, "family"), "\"%s\" is geen id van een pleeggezin (1 tot "
		        "64 tekens: letters, cijfers, - _ of .)", "\"%s\" is not the id of a foster "
		        "family (1 to 64 characters: letters, digits, - _ or .)", id);
		return NULL;
	}
	return id;
}

/* placements[i].matching (docs/case-format.md): who was considered, the
 * wishes, how the child took part, the own children heard, the first
 * meeting of parents and foster parents, the decision and why. */
static void read_matching(struct rd *r, const char *base, json_t *o, struct kr_placement *p)
{
	char path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	struct kr_matching *m = &p->matching;
	json_t *mo = get_obj(r, base, o, "matching", false), *arr, *v;
	size_t i;

	if (!mo)
		return;
	join(path, base, "matching");
	m->present = true;
	m->date = get_date(r, path, mo, "date", false);
	m->child_wishes = get_str(r, path, mo, "child_wishes", false);
	m->child_involved = get_enum(r, path, mo, "child_involved", KR_ENUM_INVOLVEMENT, false);
	m->parents_wishes = get_str(r, path, mo, "parents_wishes", false);
	m->own_children_heard = get_bool(r, path, mo, "own_children_heard");
	m->own_children_text = get_str(r, path, mo, "own_children_text", false);
	m->first_meeting = get_date(r, path, mo, "first_meeting", false);
	m->decision = get_str(r, path, mo, "decision", false);
	m->why = get_str(r, path, mo, "why", false);
	if (!(arr = get_arr(r, path, mo, "considered", false)) || !json_array_size(arr))
		return;
	if (!(m->considered = alloc(r, json_array_size(arr) * sizeof *m->considered)))
		return;
	json_array_foreach(arr, i, v) {
		struct kr_considered *k = &m->considered[m->nconsidered];
		item_path(ipath, path, "considered", i);
		if (!item_obj(r, ipath, v))
			continue;
		k->person = get_person(r, ipath, v, "person", false);
		k->family = get_family_ref(r, ipath, v);
		k->chosen = get_bool(r, ipath, v, "chosen");
		k->why = get_str(r, ipath, v, "why", false);
		if (!json_object_get(v, "person") && !json_object_get(v, "family"))
			problem(r, ipath, "noem wie er is overwogen: een persoon (person) of een "
			        "pleeggezin uit het register (family)", "name who was considered: a "
			        "person (person) or a family of the register (family)");
		m->nconsidered++;
	}
}

/* A score of a check-in: a whole number from 1 to 5, 0 when absent. */
static int get_score(struct rd *r, const char *base, json_t *o, const char *key)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 5) {
		problem(r, join(path, base, key), "hier hoort een heel getal van 1 (gaat heel "
		        "moeilijk) tot en met 5 (gaat heel goed)", "expected a whole number from 1 "
		        "(very hard) to 5 (going very well)");
		return 0;
	}
	return (int)json_integer_value(v);
}

/* placements[i].settling: the check-ins of the first year. */
static void read_settling(struct rd *r, const char *base, json_t *o, struct kr_placement *p)
{
	static const char *const views[KR_VIEW__N] = { "child", "foster_parents", "own_children",
		"parents" };
	char path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	json_t *arr = get_arr(r, base, o, "settling", false), *v;
	size_t i;

	if (!arr || !json_array_size(arr))
		return;
	join(path, base, "settling");
	if (!(p->settling = alloc(r, json_array_size(arr) * sizeof *p->settling)))
		return;
	json_array_foreach(arr, i, v) {
		struct kr_checkin *k = &p->settling[p->nsettling];
		item_path(ipath, path, NULL, i);
		if (!item_obj(r, ipath, v))
			continue;
		k->date = get_date(r, ipath, v, "date", true);
		for (int w = 0; w < KR_VIEW__N; w++)
			k->score[w] = get_score(r, ipath, v, views[w]);
		k->text = get_str(r, ipath, v, "text", false);
		p->nsettling++;
	}
}

static void read_placements(struct rd *r, json_t *arr)
{
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN];
	struct kr_case *c = r->c;
	size_t i;
	json_t *v;

	c->placements = alloc(r, json_array_size(arr) * sizeof *c->placements);
	if (!c->placements)
		return;
	c->nplacements = json_array_size(arr);
	json_array_foreach(arr, i, v) {
		struct kr_placement *p = &c->placements[i];
		json_t *o;
		item_path(base, "", "placements", i);
		p->id = "";
		if (!(o = item_obj(r, base, v)))
			continue;
		p->id = get_id(r, base, o, r->placement_ids, i, N_PLACEMENT);
		if (!p->id)
			p->id = "";
		p->form = get_enum(r, base, o, "form", KR_ENUM_FORM, false);
		p->variant = get_enum(r, base, o, "variant", KR_ENUM_VARIANT, false);
		p->network = get_bool(r, base, o, "network");
		p->carers = get_person_list(r, base, o, "carers", &p->ncarers);
		p->children = get_person_list(r, base, o, "children", &p->nchildren);
		p->start = get_date(r, base, o, "start", true);
		p->end = get_date(r, base, o, "end", false);
		p->end_reason = get_enum(r, base, o, "end_reason", KR_ENUM_END_REASON, false);
		read_network_search(r, base, o, p);
		p->family = get_family_ref(r, base, o);
		read_matching(r, base, o, p);
		read_settling(r, base, o, p);
		for (size_t k = 0; k < p->nsettling; k++)
			if (kr_date_valid(p->settling[k].date) && kr_date_valid(p->start) &&
			    kr_date_last(p->settling[k].date) < kr_date_first(p->start)) {
				char ip[PATH_MAX_LEN];
				item_path(ip, base, "settling", k);
				problem(r, join(path, ip, "date"), "dit gesprek ligt voor de start van de "
				        "plaatsing; kijk de datum na", "this check-in lies before the "
				        "placement starts");
			}
		if (kr_date_valid(p->start) && kr_date_valid(p->end) &&
		    kr_date_last(p->end) < kr_date_first(p->start))
			problem(r, join(path, base, "end"), "de plaatsing eindigt (%s) voordat ze begint "
			        "(%s); kijk beide datums na", "the placement ends (%s) before it starts (%s)",
			        json_string_value(json_object_get(o, "end")),
			        json_string_value(json_object_get(o, "start")));
	}
}

static void read_events(struct rd *r, json_t *arr)
{
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN];
	struct kr_case *c = r->c;
	size_t i;
	json_t *v;

	c->events = alloc(r, json_array_size(arr) * sizeof *c->events);
	if (!c->events)
		return;
	json_array_foreach(arr, i, v) {
		struct kr_event *e = &c->events[c->nevents];
		json_t *o, *pl;
		item_path(base, "", "events", i);
		if (!(o = item_obj(r, base, v)))
			continue;
		e->date = get_date(r, base, o, "date", true);
		e->type = get_enum(r, base, o, "type", KR_ENUM_EVENT_TYPE, true);
		e->person = get_person(r, base, o, "person", false);
		e->placement = -1;
		pl = json_object_get(o, "placement");
		if (pl && !json_is_null(pl))
			e->placement = resolve(r, join(path, base, "placement"), pl,
			                       r->placement_ids, N_PLACEMENT);
		e->text = get_str(r, base, o, "text", false);
		c->nevents++;
	}
}

/* A time of day "HH:MM" (00:00 to 23:59); NULL when absent or wrong
 * (reported). */
static const char *get_time(struct rd *r, const char *base, json_t *obj, const char *key)
{
	char path[PATH_MAX_LEN];
	const char *s = get_str(r, base, obj, key, false);

	if (s && !(strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	           (s[0] < '2' || s[1] <= '3') && s[2] == ':' && s[3] >= '0' && s[3] <= '5' &&
	           s[4] >= '0' && s[4] <= '9')) {
		problem(r, join(path, base, key), "\"%s\" is geen tijd; schrijf UU:MM, zoals 19:30",
		        "\"%s\" is not a time of day (use HH:MM, such as 19:30)", s);
		return NULL;
	}
	return s;
}

/* meetings[i].process: the phases with their dates, each not before the
 * one before it, and who was asked and who comes (everyone who comes was
 * asked). */
static void read_process(struct rd *r, const char *base, json_t *o, struct kr_meeting *m)
{
	static const char *const keys[KR_PHASE__N] = { "coordinator", "preparation",
		"information", "private_time", "plan_presented", "plan_accepted" };
	static const char *const nl[KR_PHASE__N] = { "de coördinator", "de voorbereiding",
		"de informatie", "de eigen tijd van de familie", "het plan gepresenteerd",
		"het plan aanvaard" };
	char path[PATH_MAX_LEN], kpath[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	json_t *po = get_obj(r, base, o, "process", false);
	int prev = -1;

	if (!po)
		return;
	join(path, base, "process");
	for (int k = 0; k < KR_PHASE__N; k++) {
		m->phase[k] = get_date(r, path, po, keys[k], false);
		if (!kr_date_valid(m->phase[k]))
			continue;
		if (prev >= 0 && kr_date_last(m->phase[k]) < kr_date_first(m->phase[prev]))
			problem(r, join(kpath, path, keys[k]), "%s (%s) ligt voor %s (%s); de fasen gaan "
			        "op volgorde", "%s (%s) lies before %s (%s); the phases go in order",
			        r->d.lang == KR_LANG_EN ? keys[k] : nl[k],
			        json_string_value(json_object_get(po, keys[k])),
			        r->d.lang == KR_LANG_EN ? keys[prev] : nl[prev],
			        json_string_value(json_object_get(po, keys[prev])));
		prev = k;
	}
	m->asked = get_person_list(r, path, po, "asked", &m->nasked);
	m->coming = get_person_list(r, path, po, "coming", &m->ncoming);
	for (size_t i = 0; i < m->ncoming; i++) {
		bool was = false;
		for (size_t j = 0; j < m->nasked; j++)
			was = was || m->asked[j] == m->coming[i];
		if (!was) {
			join(kpath, path, "coming");
			problem(r, item_path(ipath, kpath, NULL, i), "\"%s\" komt, maar staat niet bij "
			        "wie er gevraagd is (asked)", "\"%s\" comes but is not among those "
			        "asked (asked)", r->c->persons[m->coming[i]].id);
		}
	}
}

static void read_meetings(struct rd *r, json_t *arr)
{
	char base[PATH_MAX_LEN];
	struct kr_case *c = r->c;
	size_t i;
	json_t *v, *ids = json_object();

	if (!ids) {
		r->d.nomem = true;
		return;
	}
	c->meetings = alloc(r, json_array_size(arr) * sizeof *c->meetings);
	if (!c->meetings)
		goto out;
	json_array_foreach(arr, i, v) {
		struct kr_meeting *m = &c->meetings[c->nmeetings];
		json_t *o;
		item_path(base, "", "meetings", i);
		if (!(o = item_obj(r, base, v)))
			continue;
		m->id = get_id(r, base, o, ids, i, N_MEETING);
		m->date = get_date(r, base, o, "date", false);
		m->type = get_enum(r, base, o, "type", KR_ENUM_MEETING_TYPE, false);
		m->continuum = get_enum(r, base, o, "continuum", KR_ENUM_CONTINUUM, false);
		m->invited = get_person_list(r, base, o, "invited", &m->ninvited);
		m->attended = get_person_list(r, base, o, "attended", &m->nattended);
		m->time = get_time(r, base, o, "time");
		m->place = get_str(r, base, o, "place", false);
		m->coordinator = get_person(r, base, o, "coordinator", false);
		m->outcome = get_str(r, base, o, "outcome", false);
		m->minutes = get_str(r, base, o, "minutes", false);
		read_process(r, base, o, m);
		c->nmeetings++;
	}
out:
	json_decref(ids);
}

/* plan.concerns: each a text (for everyone) or {"text", "visibility"}. */
static void read_concerns(struct rd *r, json_t *plan, struct kr_plan *p)
{
	char path[PATH_MAX_LEN];
	json_t *arr = get_arr(r, "plan", plan, "concerns", false), *v;
	size_t i, n = arr ? json_array_size(arr) : 0;

	if (!n)
		return;
	p->concerns.v = alloc(r, n * sizeof *p->concerns.v);
	p->concerns_visibility = alloc(r, n * sizeof *p->concerns_visibility);
	if (!p->concerns.v || !p->concerns_visibility)
		return;
	json_array_foreach(arr, i, v) {
		const char *text;
		enum kr_visibility vis = KR_VIS_ALL;
		item_path(path, "plan", "concerns", i);
		if (json_is_string(v)) {
			text = json_string_value(v);
		} else if (json_is_object(v)) {
			text = get_str(r, path, v, "text", true);
			vis = get_enum(r, path, v, "visibility", KR_ENUM_VISIBILITY, false);
			if (!vis)
				vis = KR_VIS_ALL;
		} else {
			problem(r, path, "hier hoort tekst, maar er staat %s",
			        "expected text, found %s", kind(r, v));
			continue;
		}
		if (!text)
			continue;
		p->concerns_visibility[p->concerns.n] = vis;
		p->concerns.v[p->concerns.n++] = text;
	}
}

/* Prima Pleegzorg: plan.future_plan {"date", "made_by", "text", "goals"},
 * the parents' future plan made with their supporters, and
 * plan.action_team {"formed", "members"}, the team that carries the action
 * plan made from it.  A team needs the future plan and is not formed before
 * it. */
static void read_future_plan(struct rd *r, json_t *plan, struct kr_plan *p)
{
	json_t *fp = get_obj(r, "plan", plan, "future_plan", false);
	json_t *at = get_obj(r, "plan", plan, "action_team", false);

	if (fp) {
		p->has_future_plan = true;
		p->future_date = get_date(r, "plan.future_plan", fp, "date", true);
		p->future_by = get_person_list(r, "plan.future_plan", fp, "made_by", &p->nfuture_by);
		p->future_text = get_str(r, "plan.future_plan", fp, "text", false);
		p->future_goals = get_strings(r, "plan.future_plan", fp, "goals");
	}
	if (!at)
		return;
	p->has_action_team = true;
	p->team_formed = get_date(r, "plan.action_team", at, "formed", true);
	p->team = get_person_list(r, "plan.action_team", at, "members", &p->nteam);
	if (!fp)
		problem(r, "plan.action_team", "een actieteam hoort bij een toekomstplan; vul ook "
		        "plan.future_plan in", "an action team carries a future plan; fill in "
		        "plan.future_plan too");
	else if (kr_date_valid(p->team_formed) && kr_date_valid(p->future_date) &&
	         kr_date_last(p->team_formed) < kr_date_first(p->future_date))
		problem(r, "plan.action_team.formed", "het actieteam (%s) is gevormd voor het "
		        "toekomstplan (%s) er was", "the action team (%s) was formed before the "
		        "future plan (%s) was made", json_string_value(json_object_get(at, "formed")),
		        json_string_value(json_object_get(fp, "date")));
}

/* The action plan and its team, against the meetings and agreements: an
 * agreement of the action plan needs a future plan, and an action team
 * meeting needs the team and is not before it was formed. */
static void check_action_team(struct rd *r)
{
	const struct kr_plan *p = &r->c->plan;
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN];

	for (size_t i = 0; i < p->nagreements; i++) {
		if (!p->agreements[i].action_plan || p->has_future_plan)
			continue;
		item_path(base, "plan", "agreements", i);
		problem(r, join(path, base, "action_plan"), "een afspraak van het actieplan hoort "
		        "bij een toekomstplan; vul plan.future_plan in", "an agreement of the "
		        "action plan needs a future plan; fill in plan.future_plan");
	}
	for (size_t i = 0; i < r->c->nmeetings; i++) {
		const struct kr_meeting *m = &r->c->meetings[i];
		if (m->type != KR_MEET_ACTION_TEAM)
			continue;
		item_path(base, "meetings", NULL, i);
		if (!p->has_action_team)
			problem(r, join(path, base, "type"), "een actieteamoverleg hoort bij een "
			        "actieteam; vul plan.action_team in", "an action team meeting needs an "
			        "action team; fill in plan.action_team");
		else if (kr_date_valid(m->date) && kr_date_valid(p->team_formed) &&
		         kr_date_last(m->date) < kr_date_first(p->team_formed))
			problem(r, join(path, base, "date"), "het actieteamoverleg ligt voor de dag "
			        "waarop het actieteam is gevormd", "the action team meeting lies before "
			        "the day the action team was formed");
	}
}

/* plan.worry_route: {"text", "call": [person ids, in order]}. */
static void read_route(struct rd *r, json_t *plan, struct kr_plan *p)
{
	json_t *o = get_obj(r, "plan", plan, "worry_route", false);

	if (!o)
		return;
	p->route_text = get_str(r, "plan.worry_route", o, "text", false);
	p->route_call = get_person_list(r, "plan.worry_route", o, "call", &p->nroute_call);
}

static void read_plan(struct rd *r, json_t *plan)
{
	char base[PATH_MAX_LEN], path[PATH_MAX_LEN];
	struct kr_plan *p = &r->c->plan;
	json_t *map, *arr, *v, *ids;
	size_t i;

	p->present = json_object_size(plan) > 0;
	if ((v = json_object_get(plan, "version")) && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 1000000)
			problem(r, "plan.version", "hier hoort een heel getal van 0 of meer",
			        "expected a whole number of 0 or more");
		else
			p->version = (int)json_integer_value(v);
	}
	p->adopted = get_date(r, "plan", plan, "adopted", false);
	p->reviewed = get_date(r, "plan", plan, "reviewed", false);
	p->safety = get_str(r, "plan", plan, "safety", false);
	read_concerns(r, plan, p);
	read_route(r, plan, p);
	{
		json_t *bl = get_obj(r, "plan", plan, "blessing", false);
		if (bl) {
			p->blessing_date = get_date(r, "plan.blessing", bl, "date", true);
			p->blessing_by = get_person_list(r, "plan.blessing", bl, "by", &p->nblessing_by);
			p->blessing_text = get_str(r, "plan.blessing", bl, "text", false);
		}
	}
	if ((map = get_obj(r, "plan", plan, "safety_map", false))) {
		p->has_safety_map = true;
		p->worries = get_strings(r, "plan.safety_map", map, "worries");
		p->working_well = get_strings(r, "plan.safety_map", map, "working_well");
		p->needs_to_happen = get_strings(r, "plan.safety_map", map, "needs_to_happen");
		p->danger_statements = get_strings(r, "plan.safety_map", map, "danger_statements");
		p->safety_goals = get_strings(r, "plan.safety_map", map, "safety_goals");
		if ((arr = get_arr(r, "plan.safety_map", map, "scale", false)) &&
		    json_array_size(arr)) {
			p->scale = alloc(r, json_array_size(arr) * sizeof *p->scale);
			json_array_foreach(arr, i, v) {
				struct kr_scale_point *s;
				json_t *score;
				item_path(base, "plan.safety_map", "scale", i);
				if (!p->scale || !item_obj(r, base, v))
					continue;
				s = &p->scale[p->nscale];
				s->date = get_date(r, base, v, "date", true);
				s->by = get_person(r, base, v, "by", false);
				score = json_object_get(v, "score");
				if (!json_is_integer(score) || json_integer_value(score) < 0 ||
				    json_integer_value(score) > 10) {
					problem(r, join(path, base, "score"),
					        "hier hoort een heel getal van 0 tot en met 10",
					        "expected a whole number from 0 to 10");
					continue;
				}
				s->score = (int)json_integer_value(score);
				p->nscale++;
			}
		}
	}

	if ((arr = get_arr(r, "plan", plan, "wishes", false)) && json_array_size(arr)) {
		if (!(ids = json_object()))
			return (void)(r->d.nomem = true);
		p->wishes = alloc(r, json_array_size(arr) * sizeof *p->wishes);
		json_array_foreach(arr, i, v) {
			struct kr_wish *w;
			item_path(base, "plan", "wishes", i);
			if (!p->wishes || !item_obj(r, base, v))
				continue;
			w = &p->wishes[p->nwishes++];
			w->id = get_id(r, base, v, ids, i, N_WISH);
			w->by = get_person(r, base, v, "by", false);
			w->date = get_date(r, base, v, "date", false);
			w->text = get_str(r, base, v, "text", false);
			w->response = get_str(r, base, v, "response", false);
			w->answered = get_date(r, base, v, "answered", false);
			if (kr_date_valid(w->answered) && !(w->response && *w->response))
				problem(r, join(path, base, "answered"), "er is nog geen antwoord; vul eerst "
				        "response in", "there is no response yet: fill in response first");
			else if (kr_date_valid(w->answered) && kr_date_valid(w->date) &&
			         kr_date_last(w->answered) < kr_date_first(w->date))
				problem(r, join(path, base, "answered"), "het antwoord ligt voor de wens "
				        "zelf; kijk beide datums na",
				        "the response lies before the wish itself");
		}
		json_decref(ids);
	}
	if ((arr = get_arr(r, "plan", plan, "goals", false)) && json_array_size(arr)) {
		p->goals = alloc(r, json_array_size(arr) * sizeof *p->goals);
		json_array_foreach(arr, i, v) {
			struct kr_goal *g;
			item_path(base, "plan", "goals", i);
			if (!p->goals || !item_obj(r, base, v))
				continue;
			g = &p->goals[p->ngoals];
			g->id = get_id(r, base, v, r->goal_ids, p->ngoals, N_GOAL);
			g->text = get_str(r, base, v, "text", false);
			g->indicator = get_str(r, base, v, "indicator", false);
			p->ngoals++;
		}
	}
	read_future_plan(r, plan, p);
	if ((arr = get_arr(r, "plan", plan, "agreements", false)) && json_array_size(arr)) {
		if (!(ids = json_object()))
			return (void)(r->d.nomem = true);
		p->agreements = alloc(r, json_array_size(arr) * sizeof *p->agreements);
		json_array_foreach(arr, i, v) {
			struct kr_agreement *a;
			json_t *g;
			item_path(base, "plan", "agreements", i);
			if (!p->agreements || !item_obj(r, base, v))
				continue;
			a = &p->agreements[p->nagreements++];
			a->id = get_id(r, base, v, ids, i, N_AGREEMENT);
			a->goal = -1;
			g = json_object_get(v, "goal");
			if (g && !json_is_null(g))
				a->goal = resolve(r, join(path, base, "goal"), g, r->goal_ids, N_GOAL);
			a->who = get_person_list(r, base, v, "who", &a->nwho);
			a->what = get_str(r, base, v, "what", false);
			a->when = get_str(r, base, v, "when", false);
			a->if_not = get_str(r, base, v, "if_not", false);
			a->due = get_date(r, base, v, "due", false);
			a->status = get_enum(r, base, v, "status", KR_ENUM_AGREEMENT_STATUS, false);
			if (!a->status)
				a->status = KR_AGR_OPEN;
			a->visibility = get_enum(r, base, v, "visibility", KR_ENUM_VISIBILITY, false);
			if (!a->visibility)
				a->visibility = KR_VIS_ALL;
			a->action_plan = get_bool(r, base, v, "action_plan") == KR_TRUE;
		}
		json_decref(ids);
	}
}

/* A CBS municipality code: "GM" and four digits. */
static bool valid_municipality_code(const char *s)
{
	if (strlen(s) != 6 || s[0] != 'G' || s[1] != 'M')
		return false;
	for (int i = 2; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* case.municipality: {"code": "GM0200", "name": "Apeldoorn"}, both required. */
static void read_municipality(struct rd *r, json_t *cs)
{
	struct kr_case *c = r->c;
	json_t *m = get_obj(r, "case", cs, "municipality", false);

	if (!m)
		return;
	c->municipality_code = get_str(r, "case.municipality", m, "code", true);
	c->municipality_name = get_str(r, "case.municipality", m, "name", true);
	if (c->municipality_code && !valid_municipality_code(c->municipality_code)) {
		problem(r, "case.municipality.code", "\"%s\" is geen gemeentecode van het CBS; "
		        "schrijf GM en vier cijfers, zoals GM0200",
		        "\"%s\" is not a CBS municipality code (GM and four digits, e.g. GM0200)",
		        c->municipality_code);
		c->municipality_code = NULL;
	}
	if (c->municipality_name && (!*c->municipality_name ||
	                             strlen(c->municipality_name) > 100)) {
		problem(r, "case.municipality.name", "moet 1 tot en met 100 tekens hebben",
		        "must be 1 to 100 characters");
		c->municipality_name = NULL;
	}
}

static void read_case_section(struct rd *r, json_t *cs)
{
	struct kr_case *c = r->c;
	json_t *pd, *beh, *arr, *v;
	size_t i;
	char path[PATH_MAX_LEN];

	c->ref = get_str(r, "case", cs, "ref", true);
	if (c->ref && !kri_doc_valid_id(c->ref))
		problem(r, "case.ref", "\"%s\" moet 1 tot en met 64 tekens hebben: letters, "
		        "cijfers, '-', '_' of '.'",
		        "\"%s\" must be 1 to 64 letters, digits, '-', '_' or '.'", c->ref);
	c->child = get_person(r, "case", cs, "child", true);
	c->opened = get_date(r, "case", cs, "opened", false);
	c->notes = get_str(r, "case", cs, "notes", false);
	/* case.measure (with case.closed, read with the municipality below)
	 * decides how long the case is kept (retention.c); checked here */
	{
		const char *m = get_str(r, "case", cs, "measure", false);
		if (m && strcmp(m, "supervision") != 0 && strcmp(m, "guardianship") != 0)
			problem(r, "case.measure", "onbekende waarde \"%s\" (toegestaan: supervision, "
			        "guardianship)", "unknown value \"%s\" (allowed: supervision, "
			        "guardianship)", m);
	}
	if ((pd = get_obj(r, "case", cs, "perspective_decision", false))) {
		c->perspective_date = get_date(r, "case.perspective_decision", pd, "date", false);
		c->perspective_outcome = get_str(r, "case.perspective_decision", pd, "outcome", false);
	}
	c->externalising = c->internalising = KR_UNKNOWN;
	if ((beh = get_obj(r, "case", cs, "behaviour", false))) {
		c->externalising = get_bool(r, "case.behaviour", beh, "externalising");
		c->internalising = get_bool(r, "case.behaviour", beh, "internalising");
	}
	read_municipality(r, cs);
	c->region = get_str(r, "case", cs, "region", false);
	if (c->region && (!*c->region || strlen(c->region) > 100))
		problem(r, "case.region", "moet 1 tot en met 100 tekens hebben",
		        "must be 1 to 100 characters");
	c->referrer = get_enum(r, "case", cs, "referrer", KR_ENUM_REFERRER, false);
	if ((pd = get_obj(r, "case", cs, "closed", false))) {
		c->closed = get_date(r, "case.closed", pd, "date", true);
		c->closed_reason = get_enum(r, "case.closed", pd, "reason", KR_ENUM_CLOSED_REASON,
		                            true);
		if (kr_date_valid(c->closed) && kr_date_valid(c->opened) &&
		    kr_date_last(c->closed) < kr_date_first(c->opened)) {
			char b1[11], b2[11];
			problem(r, "case.closed.date", "%s ligt voor de opening van het dossier (%s); "
			        "kijk beide datums na", "%s lies before the case was opened (%s)",
			        kr_date_format(c->closed, b1), kr_date_format(c->opened, b2));
		}
	}
	if ((arr = get_arr(r, "case", cs, "development_checks", false)) && json_array_size(arr)) {
		c->development_checks = alloc(r, json_array_size(arr) * sizeof(struct kr_date));
		json_array_foreach(arr, i, v) {
			item_path(path, "case", "development_checks", i);
			if (!c->development_checks)
				break;
			if (json_is_null(v) || !json_is_string(v)) {
				problem(r, path, "hier hoort een datum, maar er staat %s",
				        "expected a date, found %s", kind(r, v));
				continue;
			}
			c->development_checks[c->ndevelopment_checks] = check_date(r, path, v);
			if (kr_date_valid(c->development_checks[c->ndevelopment_checks]))
				c->ndevelopment_checks++;
		}
	}
}

/* ---- whole-document checks ---- */

/* Parent links form a DAG: a person cannot be their own ancestor.  Reports
 * one problem per cycle, at the kinship entry that closes it. */
static void check_ancestry(struct rd *r)
{
	struct kr_case *c = r->c;
	size_t n = c->npersons;
	unsigned char *state;   /* 0 new, 1 on the stack, 2 done */
	int *stack_p, *stack_k;

	if (!n || !c->nkinship)
		return;
	state = calloc(n, 1);
	stack_p = calloc(n, sizeof *stack_p);
	stack_k = calloc(n, sizeof *stack_k);
	if (!state || !stack_p || !stack_k) {
		r->d.nomem = true;
		goto out;
	}
	/* Iterative DFS from each person along person -> its parents. */
	for (size_t s = 0; s < n; s++) {
		int top = 0;
		if (state[s])
			continue;
		stack_p[0] = (int)s;
		stack_k[0] = 0;
		state[s] = 1;
		while (top >= 0) {
			int p = stack_p[top];
			size_t k = (size_t)stack_k[top];
			for (; k < c->nkinship; k++) {
				const struct kr_kinship *kin = &c->kinship[k];
				if (kin->type == KR_KIN_PARENT && kin->child == p && kin->parent >= 0)
					break;
			}
			if (k == c->nkinship) {
				state[p] = 2;
				top--;
				continue;
			}
			stack_k[top] = (int)k + 1;
			int q = c->kinship[k].parent;
			if (state[q] == 1) {
				char path[64];
				snprintf(path, sizeof path, "kinship[%zu]", k);
				problem(r, path, "\"%s\" wordt zo een voorouder van zichzelf (de "
				        "ouder-kindbanden vormen een kring); haal de verkeerde weg",
				        "\"%s\" would be their own ancestor (a cycle of parent links)",
				        c->persons[q].id);
			} else if (state[q] == 0) {
				state[q] = 1;
				top++;
				stack_p[top] = q;
				stack_k[top] = 0;
			}
		}
	}
out:
	free(state);
	free(stack_p);
	free(stack_k);
}

/* Birth and adoptive parents are born before their children; a child has
 * at most two birth parents and each parent link is given once. */
static void check_parents(struct rd *r)
{
	struct kr_case *c = r->c;
	char path[64];

	for (size_t k = 0; k < c->nkinship; k++) {
		const struct kr_kinship *kin = &c->kinship[k];
		const struct kr_person *par, *ch;
		int births = 0;

		if (kin->type != KR_KIN_PARENT || kin->parent < 0 || kin->child < 0)
			continue;
		snprintf(path, sizeof path, "kinship[%zu]", k);
		bool repeated = false;
		for (size_t j = 0; j < k && !repeated; j++) {
			const struct kr_kinship *o = &c->kinship[j];
			if (o->type == KR_KIN_PARENT && o->parent == kin->parent &&
			    o->child == kin->child) {
				problem(r, path, "dezelfde ouder-kindband staat al in kinship[%zu]; "
				        "haal er één weg", "the same parent link is already kinship[%zu]",
				        j);
				repeated = true;
			}
		}
		if (repeated)
			continue;
		if (kin->kind == KR_KIND_NONE || kin->kind == KR_KIND_BIRTH) {
			for (size_t j = 0; j <= k; j++) {
				const struct kr_kinship *o = &c->kinship[j];
				bool seen = false;
				if (o->type != KR_KIN_PARENT || o->child != kin->child ||
				    (o->kind != KR_KIND_NONE && o->kind != KR_KIND_BIRTH))
					continue;
				for (size_t i = 0; i < j && !seen; i++)
					seen = c->kinship[i].type == KR_KIN_PARENT &&
					       c->kinship[i].parent == o->parent &&
					       c->kinship[i].child == o->child;
				births += !seen;
			}
			if (births == 3)
				problem(r, path, "\"%s\" krijgt zo meer dan twee biologische ouders; "
				        "kijk na wie de biologische ouders zijn",
				        "\"%s\" would have more than two birth parents",
				        c->persons[kin->child].id);
		}
		if (kin->kind != KR_KIND_NONE && kin->kind != KR_KIND_BIRTH &&
		    kin->kind != KR_KIND_ADOPTIVE)
			continue;
		par = &c->persons[kin->parent];
		ch = &c->persons[kin->child];
		if (kr_date_valid(par->born) && kr_date_valid(ch->born) &&
		    kr_date_last(ch->born) <= kr_date_first(par->born)) {
			char b1[11], b2[11];
			problem(r, path, "kind \"%s\" (geboren %s) is eerder geboren dan ouder \"%s\" "
			        "(geboren %s); kijk beide datums na",
			        "child \"%s\" (born %s) is born before parent \"%s\" (born %s)",
			        ch->id, kr_date_format(ch->born, b1), par->id,
			        kr_date_format(par->born, b2));
		}
	}
}

/* A list of dates at base.key; NULL and 0 when absent. */
static struct kr_date *get_dates(struct rd *r, const char *base, json_t *obj, const char *key,
                                 size_t *n)
{
	char path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
	json_t *arr = get_arr(r, base, obj, key, false), *v;
	struct kr_date *out;
	size_t i;

	*n = 0;
	if (!arr || !json_array_size(arr))
		return NULL;
	join(path, base, key);
	if (!(out = alloc(r, json_array_size(arr) * sizeof *out)))
		return NULL;
	json_array_foreach(arr, i, v) {
		struct kr_date d = check_date(r, item_path(ipath, path, NULL, i), v);
		if (!kr_date_valid(d)) {
			if (!v || json_is_null(v))
				problem(r, ipath, "hier hoort een datum", "expected a date");
			continue;
		}
		out[(*n)++] = d;
	}
	return out;
}

/* support.parents and support.foster_parents: {"person", "since",
 * "contacts": [dates], "peer_contacts": [dates] (foster parents only)}. */
static void read_support(struct rd *r, json_t *doc)
{
	struct kr_case *c = r->c;
	json_t *sup = get_obj(r, "", doc, "support", false), *o;

	if (!sup)
		return;
	if ((o = get_obj(r, "support", sup, "parents", false))) {
		c->support_parents.present = true;
		c->support_parents.person = get_person(r, "support.parents", o, "person", true);
		c->support_parents.since = get_date(r, "support.parents", o, "since", false);
		c->support_parents.contacts = get_dates(r, "support.parents", o, "contacts",
		                                        &c->support_parents.ncontacts);
	}
	if ((o = get_obj(r, "support", sup, "foster_parents", false))) {
		c->support_fosterparents.present = true;
		c->support_fosterparents.person = get_person(r, "support.foster_parents", o, "person",
		                                             false);
		c->support_fosterparents.since = get_date(r, "support.foster_parents", o, "since",
		                                          false);
		c->support_fosterparents.contacts = get_dates(r, "support.foster_parents", o,
		                                              "contacts",
		                                              &c->support_fosterparents.ncontacts);
		c->support_fosterparents.peer = get_dates(r, "support.foster_parents", o,
		                                          "peer_contacts",
		                                          &c->support_fosterparents.npeer);
	}
}

/* The parents' support person is their own (Met twee families leven): not
 * a carer of any placement and not the foster parents' support person. */
static void check_support(struct rd *r)
{
	const struct kr_case *c = r->c;
	int who = c->support_parents.person;

	if (who < 0)
		return;
	if (who == c->support_fosterparents.person) {
		problem(r, "support.parents.person", "\"%s\" begeleidt ook de pleegouders; de ouders "
		        "hebben een eigen steunpersoon nodig", "\"%s\" also supports the foster "
		        "parents; the parents need a support person of their own",
		        c->persons[who].id);
		return;
	}
	for (size_t i = 0; i < c->nplacements; i++)
		for (size_t k = 0; k < c->placements[i].ncarers; k++)
			if (c->placements[i].carers[k] == who &&
			    c->placements[i].form != KR_FORM_HOME) {
				problem(r, "support.parents.person", "\"%s\" zorgt zelf voor het kind "
				        "(placements[%zu]); de ouders hebben een eigen steunpersoon nodig",
				        "\"%s\" cares for the child (placements[%zu]); the parents need "
				        "a support person of their own", c->persons[who].id, i);
				return;
			}
	if (who == c->child) {
		problem(r, "support.parents.person", "het kind kan de ouders niet begeleiden",
		        "the child cannot be the parents' support person");
		return;
	}
	/* a parent is who is supported; a foster parent (also one whose
	 * placement is not in the document) and the foster family's worker
	 * stand on the other side (Met twee families leven) */
	static const struct { enum kr_role role; const char *nl, *en; } other_side[] = {
		{ KR_ROLE_PARENT, "is zelf een ouder", "is a parent" },
		{ KR_ROLE_FOSTER_PARENT, "is pleegouder", "is a foster parent" },
		{ KR_ROLE_FAMILY_HOME_PARENT, "is gezinshuisouder", "is a family home parent" },
		{ KR_ROLE_FOSTER_CARE_WORKER, "is de pleegzorgwerker van het pleeggezin",
		  "is the foster family's worker" },
	};
	for (size_t i = 0; i < sizeof other_side / sizeof other_side[0]; i++)
		if (kr_person_has_role(&c->persons[who], other_side[i].role)) {
			problem(r, "support.parents.person", "\"%s\" %s; de ouders hebben een eigen, "
			        "neutrale steunpersoon nodig", "\"%s\" %s; the parents need a neutral "
			        "support person of their own", c->persons[who].id,
			        kr_tr(r->d.lang, other_side[i].nl, other_side[i].en));
			return;
		}
}

/* The coordinator of an Eigen Kracht-conferentie is independent: not the
 * child, and not a professional involved in the case around the meeting
 * (on its day; a meeting without a date: at any time).  That the
 * coordinator is also independent of the family and trained for it is not
 * in the document, so kring cannot check it (docs/case-format.md). */
static void check_coordinators(struct rd *r)
{
	const struct kr_case *c = r->c;
	char path[64];

	for (size_t k = 0; k < c->nmeetings; k++) {
		const struct kr_meeting *m = &c->meetings[k];
		int who = m->coordinator;
		long from = LONG_MIN / 2, to = LONG_MAX / 2;

		bool process = m->nasked || m->ncoming;

		for (int ph = 0; ph < KR_PHASE__N; ph++)
			process = process || kr_date_valid(m->phase[ph]);
		if (m->type != KR_MEET_FAMILY_GROUP_CONFERENCE && !process)
			continue;
		snprintf(path, sizeof path, "meetings[%zu].coordinator", k);
		if (who < 0)
			continue;
		if (kr_date_valid(m->date)) {
			from = kr_date_first(m->date);
			to = kr_date_last(m->date);
		}
		if (who == c->child)
			problem(r, path, "het kind kan niet de onafhankelijke coördinator van een Eigen "
			        "Kracht-conferentie zijn", "the child cannot be the independent "
			        "coordinator of a family group conference");
		else if (kr_case_person_professional(c, who) &&
		         kr_case_person_involved(c, who, from, to))
			problem(r, path, "\"%s\" is een professional in dit dossier; de coördinator van "
			        "een Eigen Kracht-conferentie of Familie Netwerk Beraad is onafhankelijk: "
			        "kies iemand van buiten", "\"%s\" is a professional involved in this "
			        "case; the coordinator of a family group conference is independent: "
			        "choose someone from outside", c->persons[who].id);
		else if (kr_person_has_role(&c->persons[who], KR_ROLE_PARENT) ||
		         kr_person_has_role(&c->persons[who], KR_ROLE_FOSTER_PARENT) ||
		         kr_person_has_role(&c->persons[who], KR_ROLE_FAMILY_HOME_PARENT))
			problem(r, path, "\"%s\" hoort bij een van de gezinnen zelf; de coördinator is "
			        "onafhankelijk: kies iemand van buiten", "\"%s\" belongs to one of the "
			        "families; the coordinator is independent: choose someone from outside",
			        c->persons[who].id);
	}
}

/* ---- the limits of texts ---- */

static const struct kr_text_limit text_limits[] = {
	{ "case", "notes", 10000 },
	{ "case", "perspective_decision.outcome", 2000 },
	{ "persons", "name", 200 },
	{ "placements", "network_search.text", 2000 },
	{ "events", "text", 1000 },
	{ "meetings", "place", 200 },
	{ "meetings", "outcome", 4000 },
	{ "meetings", "minutes", 20000 },
	{ "plan", "safety", 4000 },
	{ "plan", "concerns", 1000 },
	{ "plan", "worry_route.text", 2000 },
	{ "plan", "future_plan.text", 4000 },
	{ "plan", "future_plan.goals", 1000 },
	{ "safety_map", "worries", 1000 },
	{ "safety_map", "working_well", 1000 },
	{ "safety_map", "needs_to_happen", 1000 },
	{ "safety_map", "danger_statements", 1000 },
	{ "safety_map", "safety_goals", 1000 },
	{ "wishes", "text", 2000 },
	{ "wishes", "response", 2000 },
	{ "goals", "text", 1000 },
	{ "goals", "indicator", 1000 },
	{ "agreements", "what", 1000 },
	{ "agreements", "when", 200 },
	{ "agreements", "if_not", 1000 },
};

const struct kr_text_limit *kr_case_text_limits(size_t *n)
{
	if (n)
		*n = sizeof text_limits / sizeof *text_limits;
	return text_limits;
}

size_t kr_case_text_limit(const char *collection, const char *field)
{
	for (size_t i = 0; collection && field && i < sizeof text_limits / sizeof *text_limits; i++)
		if (strcmp(text_limits[i].collection, collection) == 0 &&
		    strcmp(text_limits[i].field, field) == 0)
			return text_limits[i].max;
	return 0;
}

/* ---- entry points ---- */

enum kr_status kr_case_from_json(void *vdoc, struct kr_case **out, struct kr_error *err)
{
	json_t *doc = vdoc, *cs, *persons, *v;
	struct rd r;
	enum kr_status rc = KR_OK;
	const char *fmt;

	memset(&r, 0, sizeof r);
	*out = NULL;
	r.d.err = err;
	r.d.lang = err ? err->lang : KR_LANG_NL;
	r.c = calloc(1, sizeof *r.c);
	r.priv = calloc(1, sizeof *r.priv);
	r.placement_ids = json_object();
	r.goal_ids = json_object();
	if (!r.c || !r.priv || !r.placement_ids || !r.goal_ids) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	r.c->priv = r.priv;
	r.c->child = -1;
	if (!(r.priv->person_ids = json_object())) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	r.priv->doc = json_incref(doc);
	if (!json_is_object(doc)) {
		problem(&r, "", "het document moet een JSON-object ({...}) zijn, maar het is %s",
		        "the document must be a JSON object, found %s", kind(&r, doc));
		goto check;
	}
	fmt = get_str(&r, "", doc, "format", true);
	if (fmt && strcmp(fmt, KR_CASE_FORMAT) != 0)
		problem(&r, "format", "\"%s\" is geen formaat dat kring kan lezen (verwacht: "
		        "\"%s\")", "\"%s\" is not a format kring reads (expected \"%s\")", fmt,
		        KR_CASE_FORMAT);
	if ((persons = get_arr(&r, "", doc, "persons", true))) {
		if (json_array_size(persons) == 0)
			problem(&r, "persons", "moet minstens het kind bevatten",
			        "must hold at least the child");
		read_persons(&r, persons);
	}
	if ((v = get_arr(&r, "", doc, "placements", false)))
		read_placements(&r, v);
	if ((cs = get_obj(&r, "", doc, "case", true)))
		read_case_section(&r, cs);
	if ((v = get_arr(&r, "", doc, "kinship", false)))
		read_kinship(&r, v);
	if ((v = get_arr(&r, "", doc, "ties", false)))
		read_ties(&r, v);
	if ((v = get_arr(&r, "", doc, "events", false)))
		read_events(&r, v);
	if ((v = get_arr(&r, "", doc, "meetings", false)))
		read_meetings(&r, v);
	if ((v = get_obj(&r, "", doc, "plan", false)))
		read_plan(&r, v);
	r.c->support_parents.person = r.c->support_fosterparents.person = -1;
	read_support(&r, doc);
	if (!r.d.nomem) {
		check_ancestry(&r);
		check_parents(&r);
		check_coordinators(&r);
		check_support(&r);
		check_action_team(&r);
	}
check:
	if (r.d.nomem) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen om het dossier te lezen",
		                  "out of memory while reading the case");
		goto out;
	}
	if (r.d.nproblems) {
		if (r.d.nproblems == 1)
			rc = kr_error_say(err, KR_EINVAL, "het dossier heeft %zu probleem",
			                  "the case document has %zu problem", r.d.nproblems);
		else
			rc = kr_error_say(err, KR_EINVAL, "het dossier heeft %zu problemen",
			                  "the case document has %zu problems", r.d.nproblems);
		goto out;
	}
	*out = r.c;
	r.c = NULL;
out:
	json_decref(r.placement_ids);
	json_decref(r.goal_ids);
	if (r.c) {
		if (!r.c->priv)
			free(r.priv);
		kr_case_free(r.c);
	}
	return rc;
}

enum kr_status kri_json_document(const char *text, size_t len, size_t max, json_t **doc,
                                 struct kr_error *err)
{
	json_error_t jerr;

	*doc = NULL;
	if (len > max && max % (1u << 20) == 0)
		return kr_error_say(err, KR_ETOOBIG, "het document is %zu bytes; er mag hoogstens %zu "
		                    "bytes (%zu MiB) in", "the document is %zu bytes; the limit is %zu "
		                    "bytes (%zu MiB)", len, max, max >> 20);
	if (len > max)
		return kr_error_say(err, KR_ETOOBIG, "het document is %zu bytes; er mag hoogstens %zu "
		                    "bytes in", "the document is %zu bytes; the limit is %zu bytes",
		                    len, max);
	/* A UTF-8 byte-order mark, as some Windows tools write, is not content. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	*doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*doc) {
		kr_error_add_json(err, NULL, jerr.line, jerr.column, jerr.text);
		return kr_error_say(err, KR_EINVAL, "het document is geen geldige JSON",
		                    "the document is not valid JSON");
	}
	return KR_OK;
}

enum kr_status kr_case_read(const char *text, size_t len, struct kr_case **out,
                            struct kr_error *err)
{
	json_t *doc;
	enum kr_status rc;

	*out = NULL;
	if ((rc = kri_json_document(text, len, KR_CASE_MAX_BYTES, &doc, err)) != KR_OK)
		return rc;
	rc = kr_case_from_json(doc, out, err);
	json_decref(doc);
	return rc;
}
