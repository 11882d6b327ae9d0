/*
 * family_history.c - the history of a foster family in the register in
 * words (family_history.h: kr_family_history, `kring family history ID`):
 * every revision of a kring-family/1 document, oldest first, with who
 * stored it and what changed against the revision before, said like the
 * history of a case ("pleeggezin: plaatsen 2 → 3", "huishouden h5
 * toegevoegd: Noor Bakker (eigen kind)").
 *
 * The result is diff.h's struct kr_revision_changes, so the case
 * history's JSON, text and cleanup (kr_diff_history_json, kr_diff_text,
 * kr_diff_history_free) serve it unchanged, and diff.c's words for a quoted
 * text and a date are shared (diff_int.h).  What is the family's own is its
 * fields (one table, fields[]): the family's header (every key but the
 * household and the training) is one item compared field by field, dotted
 * for a nested object (availability.status); household members are matched
 * by id; the training is a list said by what was added and taken away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diff_int.h"
#include "kring/enum.h"
#include "kring/family_history.h"
#include "kring/words.h"
#include "store_int.h"

#define LINE_MAX_BYTES (64u * 1024u)

enum vkind { V_ANY, V_TEXT, V_PLAIN, V_DATE, V_ENUM, V_ENUMS, V_TRAINING };

static const struct ffield {
	const char *coll, *field;
	enum vkind kind;
	int e;                     /* enum kr_enum for V_ENUM, V_ENUMS */
	const char *nl, *en;
} fields[] = {
	{ "family", "name", V_TEXT, 0, "naam", "name" },
	{ "family", "kind", V_ENUM, KR_ENUM_FAMILY_KIND, "soort", "kind" },
	{ "family", "care", V_ENUM, KR_ENUM_FAMILY_CARE, "pleegzorg", "care" },
	{ "family", "place", V_TEXT, 0, "plaats", "place" },
	{ "family", "approved", V_DATE, 0, "goedgekeurd", "approved" },
	{ "family", "forms", V_ENUMS, KR_ENUM_FORM, "vormen", "forms" },
	{ "family", "capacity", V_ANY, 0, "plaatsen", "places" },
	{ "family", "availability.status", V_ENUM, KR_ENUM_AVAILABILITY, "beschikbaar",
	  "availability" },
	{ "family", "availability.from", V_DATE, 0, "beschikbaar vanaf", "available from" },
	{ "family", "availability.text", V_TEXT, 0, "toelichting beschikbaarheid",
	  "availability notes" },
	{ "family", "worker.name", V_TEXT, 0, "eigen begeleider", "own worker" },
	{ "family", "worker.account", V_PLAIN, 0, "account van de begeleider",
	  "the worker's account" },
	{ "family", "peer_group.name", V_TEXT, 0, "lotgenotengroep", "peer group" },
	{ "family", "peer_group.since", V_DATE, 0, "lotgenotengroep sinds", "peer group since" },
	{ "family", "notes", V_TEXT, 0, "notities", "notes" },
	{ "family", "training", V_TRAINING, 0, "training", "training" },
	{ "household", "name", V_TEXT, 0, "naam", "name" },
	{ "household", "role", V_ENUM, KR_ENUM_HOUSEHOLD_ROLE, "rol", "role" },
	{ "household", "sex", V_ENUM, KR_ENUM_SEX, "geslacht", "sex" },
	{ "household", "born", V_DATE, 0, "geboren", "born" },
};
#define NFIELDS (sizeof fields / sizeof *fields)

static const struct ffield *field_of(const char *coll, const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].coll, coll) == 0 && strcmp(fields[i].field, name) == 0)
			return &fields[i];
	return NULL;
}

/* One value (for a list kind: one element of it) in words. */
static void value_words(struct kr_buf *b, enum vkind k, int e, json_t *v, enum kr_lang L)
{
	const char *s = json_string_value(v);
	int x;

	switch (k) {
	case V_TEXT:
		if (s) {
			kri_diff_quoted(b, s);
			return;
		}
		break;
	case V_PLAIN:
		if (s) {
			kr_buf_puts(b, s);
			return;
		}
		break;
	case V_DATE:
		if (s) {
			kri_diff_date_words(b, s, L);
			return;
		}
		break;
	case V_ENUM: case V_ENUMS:
		if (s && (x = kr_enum_value((enum kr_enum)e, s))) {
			kr_buf_puts(b, kr_enum_label((enum kr_enum)e, x, L));
			return;
		}
		break;
	case V_TRAINING:
		if (json_is_object(v) && (s = json_string_value(json_object_get(v, "name")))) {
			kri_diff_quoted(b, s);
			if (json_string_value(json_object_get(v, "date"))) {
				kr_buf_puts(b, " (");
				kri_diff_date_words(b, json_string_value(json_object_get(v, "date")), L);
				kr_buf_puts(b, ")");
			}
			return;
		}
		break;
	case V_ANY:
		break;
	}
	kri_diff_scalar_words(b, v, L);
}

/* One value of field f for kri_diff_say. */
static void say_field(struct kr_buf *b, json_t *v, bool old, void *arg, enum kr_lang L)
{
	const struct ffield *f = arg;

	(void)old;
	value_words(b, f ? f->kind : V_ANY, f ? f->e : 0, v, L);
}

/* The elements of a that are not in other, said one after the other;
 * returns how many. */
static size_t list_minus(struct kr_buf *b, const struct ffield *f, enum vkind k, json_t *a,
                         json_t *other, enum kr_lang L)
{
	size_t i, n = 0;
	json_t *e;
	json_array_foreach(a, i, e) {
		if (kri_diff_in_list(other, e))
			continue;
		kr_buf_puts(b, n++ ? ", " : "");
		value_words(b, k, f ? f->e : 0, e, L);
	}
	return n;
}

/* One field's change in words. */
static void field_words(struct kr_buf *b, const char *coll, const struct kr_field_change *fc,
                        enum kr_lang L)
{
	const struct ffield *f = field_of(coll, fc->field);
	const char *label = f ? kr_tr(L, f->nl, f->en) : fc->field;
	enum vkind k = f ? f->kind : V_ANY;
	json_t *ov = fc->old_value, *nv = fc->new_value;

	if ((json_is_array(ov) || !ov) && (json_is_array(nv) || !nv)) {
		struct kr_buf t;
		size_t plus, minus;
		if (k == V_ENUM)
			k = V_ENUMS;
		kr_buf_printf(b, "%s: ", label);
		kr_buf_init(&t, LINE_MAX_BYTES);
		if ((plus = list_minus(&t, f, k, nv, ov, L)))
			kr_buf_printf(b, kr_tr(L, "%s erbij", "added %s"), t.data);
		kr_buf_cleanup(&t);
		kr_buf_init(&t, LINE_MAX_BYTES);
		if ((minus = list_minus(&t, f, k, ov, nv, L)))
			kr_buf_printf(b, kr_tr(L, "%s%s eraf", "%sremoved %s"), plus ? ", " : "",
			              t.data);
		kr_buf_cleanup(&t);
		if (!plus && !minus)
			kr_buf_puts(b, kr_tr(L, "andere volgorde", "order changed"));
		return;
	}
	kr_buf_printf(b, "%s ", label);
	kri_diff_value_change(b, ov, nv, json_is_string(ov), say_field, (void *)f, L);
}

struct fctx {
	struct kr_diff *d;
	bool nomem;
};

static bool not_header(const char *key, const void *arg)
{
	(void)arg;
	return !strcmp(key, "household") || !strcmp(key, "format") || !strcmp(key, "id");
}

/* The fields of o and n (either may be NULL) that differ, nested objects
 * field by field with dotted names; header: leave out the household. */
static void compare(struct fctx *x, bool header, struct kr_change *ch, json_t *o, json_t *n)
{
	if (!kri_diff_fields(ch, o, n, header ? not_header : NULL, NULL))
		x->nomem = true;
}

static struct kr_change *new_change(struct fctx *x, const char *coll, enum kr_change_op op,
                                    const char *item)
{
	return kri_diff_new_change(x->d, coll, op, item, &x->nomem);
}

/* The sentences of change ch of collection coll (a member it: a name). */
static void finish(struct fctx *x, const char *coll, struct kr_change *ch, json_t *it)
{
	for (int L = 0; L < 2 && !x->nomem; L++) {
		struct kr_buf b;
		const char *name = json_string_value(json_object_get(it, "name"));
		int role = kr_enum_value(KR_ENUM_HOUSEHOLD_ROLE,
		                         json_string_value(json_object_get(it, "role")));
		kr_buf_init(&b, LINE_MAX_BYTES);
		if (!strcmp(coll, "family"))
			kr_buf_puts(&b, kr_tr((enum kr_lang)L, "pleeggezin", "foster family"));
		else
			kr_buf_printf(&b, kr_tr((enum kr_lang)L, "huishouden %s", "household %s"),
			              ch->item ? ch->item : "?");
		if (ch->op == KR_CHANGE_ADDED) {
			kr_buf_puts(&b, kr_tr((enum kr_lang)L, " toegevoegd", " added"));
			if (name)
				kr_buf_printf(&b, ": %s", name);
			if (role)
				kr_buf_printf(&b, " (%s)", kr_enum_label(KR_ENUM_HOUSEHOLD_ROLE, role,
				                                         (enum kr_lang)L));
		} else if (ch->op == KR_CHANGE_REMOVED) {
			kr_buf_puts(&b, kr_tr((enum kr_lang)L, " verwijderd", " removed"));
			if (name)
				kr_buf_printf(&b, ": %s", name);
		} else {
			if (name && strcmp(coll, "family"))
				kr_buf_printf(&b, " (%s)", name);
			for (size_t i = 0; i < ch->nfields; i++) {
				kr_buf_puts(&b, i ? ", " : ": ");
				field_words(&b, coll, &ch->fields[i], (enum kr_lang)L);
			}
		}
		if (!(ch->text[L] = kr_buf_steal(&b, NULL)))
			x->nomem = true;
	}
}

static json_t *member(json_t *arr, const char *id)
{
	size_t i;
	json_t *m;
	json_array_foreach(arr, i, m)
		if (id && json_string_value(json_object_get(m, "id")) &&
		    !strcmp(json_string_value(json_object_get(m, "id")), id))
			return m;
	return NULL;
}

/* The changes from family document before (NULL: created) to after. */
static enum kr_status family_diff(json_t *before, json_t *after, struct kr_diff *out,
                                  struct kr_error *err)
{
	struct fctx x = { out, false };
	struct kr_change *ch;
	json_t *ob = json_object_get(before, "household"), *nb = json_object_get(after, "household");
	json_t *m;
	size_t i;

	memset(out, 0, sizeof *out);
	if (!before) {
		out->created = true;
		if ((ch = new_change(&x, "family", KR_CHANGE_ADDED, NULL))) {
			ch->new_value = json_incref(after);
			finish(&x, "family", ch, after);
		}
		goto out;
	}
	if ((ch = new_change(&x, "family", KR_CHANGE_CHANGED, NULL))) {
		compare(&x, true, ch, before, after);
		if (ch->nfields)
			finish(&x, "family", ch, after);
		else
			out->n--;            /* the header is the same */
	}
	json_array_foreach(nb, i, m) {
		const char *id = json_string_value(json_object_get(m, "id"));
		json_t *o = member(ob, id);
		if (o && json_equal(o, m))
			continue;
		if (!(ch = new_change(&x, "household", o ? KR_CHANGE_CHANGED : KR_CHANGE_ADDED, id)))
			break;
		if (o)
			compare(&x, false, ch, o, m);
		else
			ch->new_value = json_incref(m);
		finish(&x, "household", ch, m);
	}
	json_array_foreach(ob, i, m) {
		const char *id = json_string_value(json_object_get(m, "id"));
		if (member(nb, id) || !(ch = new_change(&x, "household", KR_CHANGE_REMOVED, id)))
			continue;
		ch->old_value = json_incref(m);
		finish(&x, "household", ch, m);
	}
out:
	if (x.nomem) {
		kr_diff_cleanup(out);
		return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	}
	return KR_OK;
}

/* One stored revision. */
struct frev {
	struct kr_revision_info info;
	json_t *doc;
};

static void drop_rev(void *element)
{
	json_decref(((struct frev *)element)->doc);
}

static int fill_rev(sqlite3_stmt *st, void *element)
{
	struct frev *r = element;

	return kri_register_rev_row(st, &r->info, &r->doc);
}

enum kr_status kr_family_history(struct kr_store *s, const char *id,
                                 struct kr_revision_changes **out, size_t *n,
                                 struct kr_error *err)
{
	struct kr_revision_changes *v = NULL;
	struct frev *revs = NULL;
	sqlite3_stmt *st;
	void *rows = NULL;
	size_t nrevs = 0, k = 0;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT rev, author, created, doc FROM family_revisions "
	                   "WHERE family_id = ?1 ORDER BY rev", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_rows(s, st, sizeof *revs, fill_rev, drop_rev, &rows, &nrevs, err)))
		return rc;
	revs = rows;
	if (nrevs == 0) {
		rc = kr_error_say(err, KR_ENOTFOUND, "pleeggezin %s staat niet in het register",
		                  "foster family %s is not in the register", id);
		goto out;
	}
	if (!(v = calloc(nrevs, sizeof *v))) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	for (k = 0; k < nrevs; k++) {
		v[k].info = revs[k].info;
		snprintf(v[k].who, sizeof v[k].who, "%s", revs[k].info.author);
		if ((rc = family_diff(k ? revs[k - 1].doc : NULL, revs[k].doc, &v[k].diff, err)))
			goto out;
	}
	*out = v;
	*n = k;
	v = NULL;
out:
	kr_diff_history_free(v, k);
	for (size_t i = 0; revs && i < nrevs; i++)
		json_decref(revs[i].doc);
	free(revs);
	return rc;
}
