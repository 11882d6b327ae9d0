/*
 * family_plan_history.c - the history of a family plan in words
 * (family_plan.h: kr_fplan_diff, kr_fplan_history): what changed from one
 * revision of a kring-familyplan/1 document to the next, said like the
 * history of a case ("afspraak a1 afgerond", "doel g2: wie: Oma Joke
 * erbij").
 *
 * The result is diff.h's struct kr_diff, so the case history's JSON, text
 * and cleanup (kr_diff_json, kr_diff_text, kr_diff_history_json) serve it
 * unchanged, and diff.c's words for a quoted text, a date, a value, a
 * list or value that changed, and how a change is recorded, are shared
 * (diff_int.h).  What is the family plan's own is its fields (one table,
 * fields[]) and its persons: a person is {"case", "person"} and is said by
 * name from the linked cases.  Items of the four lists are matched by id;
 * the plan's header (name, cases, keys kring does not know) is one object.
 *
 * The history is cut to what its reader may see with the view's own rule
 * (kri_fplan_filter): a case the reader may not read is removed from both
 * revisions before they are compared, so a change to that child's persons
 * is no change at all for this reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diff_int.h"
#include "family_plan_int.h"
#include "kring/case.h"
#include "kring/enum.h"
#include "kring/family_plan.h"
#include "kring/words.h"
#include "store_int.h"

#define LINE_MAX_BYTES (64u * 1024u)

enum vkind { V_ANY, V_TEXT, V_PLAIN, V_DATE, V_PERSON, V_PERSONS, V_ENUM, V_BOOL, V_CASES };

/* The lists of the plan, in the order of the document; "plan" is the
 * header (every top-level key that is not a list below). */
static const struct fcoll {
	const char *name;
	const char *nl, *en;       /* one item, for sentences */
} colls[] = {
	{ "plan", "gezinsplan", "family plan" },
	{ "goals", "doel", "goal" },
	{ "agreements", "afspraak", "agreement" },
	{ "wishes", "wens", "wish" },
	{ "meetings", "gezinsbijeenkomst", "family meeting" },
};
#define NCOLLS (sizeof colls / sizeof *colls)

static const struct ffield {
	const char *coll, *field;
	enum vkind kind;
	const char *nl, *en;
} fields[] = {
	{ "plan", "name", V_TEXT, "naam", "name" },
	{ "plan", "cases", V_CASES, "dossiers", "cases" },
	{ "goals", "text", V_TEXT, "doel", "goal" },
	{ "goals", "who", V_PERSONS, "wie", "who" },
	{ "agreements", "what", V_TEXT, "wat", "what" },
	{ "agreements", "who", V_PERSONS, "wie", "who" },
	{ "agreements", "when", V_TEXT, "wanneer", "when" },
	{ "agreements", "done", V_BOOL, "afgerond", "done" },
	{ "wishes", "text", V_TEXT, "wens", "wish" },
	{ "wishes", "date", V_DATE, "datum", "date" },
	{ "wishes", "by", V_PERSON, "van", "by" },
	{ "meetings", "date", V_DATE, "datum", "date" },
	{ "meetings", "time", V_PLAIN, "tijd", "time" },
	{ "meetings", "place", V_TEXT, "plaats", "place" },
	{ "meetings", "type", V_ENUM, "soort", "type" },
	{ "meetings", "coordinator", V_PERSON, "gespreksleider", "coordinator" },
	{ "meetings", "invited", V_PERSONS, "uitgenodigd", "invited" },
	{ "meetings", "attended", V_PERSONS, "aanwezig", "attended" },
	{ "meetings", "outcome", V_TEXT, "besloten", "outcome" },
};
#define NFIELDS (sizeof fields / sizeof *fields)

struct fctx {
	json_t *names;             /* "<case>/<person>" -> name; may be NULL */
	struct kr_diff *d;
	bool nomem;
};

static const struct ffield *field_of(const char *coll, const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].coll, coll) == 0 && strcmp(fields[i].field, name) == 0)
			return &fields[i];
	return NULL;
}

/* Person ref r said by name, else as "person (case)". */
static void person_words(struct kr_buf *b, const struct fctx *x, json_t *r)
{
	const char *c = json_string_value(json_object_get(r, "case"));
	const char *p = json_string_value(json_object_get(r, "person"));
	const char *name = NULL;
	char key[140];

	if (c && p) {
		snprintf(key, sizeof key, "%s/%s", c, p);
		name = json_string_value(json_object_get(x->names, key));
	}
	if (name)
		kr_buf_puts(b, name);
	else
		kr_buf_printf(b, "%s (%s)", p ? p : "?", c ? c : "?");
}

/* One value (for a list kind: one element of it) in words. */
static void value_words(struct kr_buf *b, const struct fctx *x, enum vkind k, json_t *v,
                        enum kr_lang L)
{
	const char *s = json_string_value(v);
	int e;

	switch (k) {
	case V_TEXT:
		if (s) {
			kri_diff_quoted(b, s);
			return;
		}
		break;
	case V_PLAIN: case V_CASES:
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
	case V_PERSON: case V_PERSONS:
		if (json_is_object(v)) {
			person_words(b, x, v);
			return;
		}
		break;
	case V_ENUM:
		if (s && (e = kr_enum_value(KR_ENUM_MEETING_TYPE, s))) {
			kr_buf_puts(b, kr_enum_label(KR_ENUM_MEETING_TYPE, e, L));
			return;
		}
		break;
	case V_BOOL: case V_ANY:
		break;
	}
	kri_diff_scalar_words(b, v, L);
}

/* One value of kind k (a list kind: one element) for kri_diff_say. */
struct say_field {
	const struct fctx *x;
	enum vkind kind;
};

static void say_field(struct kr_buf *b, json_t *v, bool old, void *arg, enum kr_lang L)
{
	const struct say_field *a = arg;

	(void)old;   /* a person is said by the same names before and after */
	value_words(b, a->x, a->kind, v, L);
}

/* One field's change: "wie: Oma Joke erbij", "wanneer ‘a’ → ‘b’". */
static void field_words(struct kr_buf *b, const struct fctx *x, const char *coll,
                        const struct kr_field_change *fc, enum kr_lang L)
{
	const struct ffield *f = field_of(coll, fc->field);
	const char *label = f ? kr_tr(L, f->nl, f->en) : fc->field;
	enum vkind kind = f ? f->kind : V_ANY;
	json_t *ov = fc->old_value, *nv = fc->new_value;

	struct say_field sf = { x, kind };

	if ((kind == V_PERSONS || kind == V_CASES || (!f && (json_is_array(ov) ||
	     json_is_array(nv)))) && (!ov || json_is_array(ov)) && (!nv || json_is_array(nv))) {
		kri_diff_list_change(b, label, ov, nv, say_field, &sf, L);
		return;
	}
	if (kind == V_PERSONS || kind == V_CASES)
		sf.kind = kind = V_ANY;
	kr_buf_printf(b, "%s ", label);
	kri_diff_value_change(b, ov, nv, json_is_string(ov) && kind != V_DATE, say_field, &sf, L);
}

/* What an item is about, after "toegevoegd" or "verwijderd": its text,
 * what was agreed, or a meeting's date. */
static void item_detail(struct kr_buf *b, const struct fcoll *k, json_t *it, enum kr_lang L)
{
	const char *s;

	if (strcmp(k->name, "meetings") == 0) {
		if ((s = json_string_value(json_object_get(it, "date")))) {
			kr_buf_puts(b, " (");
			kri_diff_date_words(b, s, L);
			kr_buf_puts(b, ")");
		}
		return;
	}
	s = json_string_value(json_object_get(it, strcmp(k->name, "agreements") == 0 ? "what"
	                                                                               : "text"));
	if (s) {
		kr_buf_puts(b, ": ");
		kri_diff_quoted(b, s);
	}
}

/* The sentence of change ch in lang L. */
static char *sentence(const struct fctx *x, const struct fcoll *k, const struct kr_change *ch,
                      json_t *old_item, json_t *new_item, enum kr_lang L)
{
	const char *noun = kr_tr(L, k->nl, k->en);
	bool agreement = strcmp(k->name, "agreements") == 0;
	struct kr_buf b;

	kr_buf_init(&b, LINE_MAX_BYTES);
	if (ch->item)
		kr_buf_printf(&b, "%s %s", noun, ch->item);
	else
		kr_buf_puts(&b, noun);
	if (ch->op == KR_CHANGE_ADDED) {
		kr_buf_puts(&b, kr_tr(L, " toegevoegd", " added"));
		item_detail(&b, k, new_item, L);
	} else if (ch->op == KR_CHANGE_REMOVED) {
		kr_buf_puts(&b, kr_tr(L, " verwijderd", " removed"));
		item_detail(&b, k, old_item, L);
	} else {
		size_t shown = 0;
		for (size_t i = 0; agreement && i < ch->nfields; i++)
			if (strcmp(ch->fields[i].field, "done") == 0)
				kr_buf_puts(&b, json_is_true((json_t *)ch->fields[i].new_value) ?
				            kr_tr(L, " afgerond", " done") : kr_tr(L, " weer open",
				                                                    " open again"));
		for (size_t i = 0; i < ch->nfields; i++) {
			if (agreement && strcmp(ch->fields[i].field, "done") == 0)
				continue;
			kr_buf_puts(&b, shown++ ? ", " : ": ");
			field_words(&b, x, k->name, &ch->fields[i], L);
		}
	}
	return kr_buf_steal(&b, NULL);
}

/* ---- comparing ---- */

/* True for a top-level key that is not the header's: format and id never
 * change, the lists are collections of their own. */
static bool not_header(const char *key)
{
	if (strcmp(key, "format") == 0 || strcmp(key, "id") == 0)
		return true;
	for (size_t i = 1; i < NCOLLS; i++)
		if (strcmp(colls[i].name, key) == 0)
			return true;
	return false;
}

static void add_field(struct fctx *x, struct kr_change *ch, const char *name, json_t *ov,
                      json_t *nv)
{
	if (!kri_diff_add_field(ch, name, ov, nv))
		x->nomem = true;
}

/* The top-level fields of two versions of one item that differ (a person
 * ref is one value, never compared key by key). */
static void compare(struct fctx *x, bool header, struct kr_change *ch, json_t *o, json_t *n)
{
	const char *key;
	json_t *ov, *nv;

	json_object_foreach(o, key, ov) {
		if (header && not_header(key))
			continue;
		ov = kri_diff_present(ov);
		nv = kri_diff_present(json_object_get(n, key));
		if ((ov || nv) && !(ov && nv && json_equal(ov, nv)))
			add_field(x, ch, key, ov, nv);
	}
	json_object_foreach(n, key, nv) {
		if ((header && not_header(key)) || json_object_get(o, key) || !kri_diff_present(nv))
			continue;
		add_field(x, ch, key, NULL, nv);
	}
}

static struct kr_change *new_change(struct fctx *x, const struct fcoll *k,
                                    enum kr_change_op op, const char *item)
{
	return kri_diff_new_change(x->d, k->name, op, item, &x->nomem);
}

static void finish(struct fctx *x, const struct fcoll *k, struct kr_change *ch, json_t *o,
                   json_t *n)
{
	for (int L = 0; L < 2 && !x->nomem; L++)
		if (!(ch->text[L] = sentence(x, k, ch, o, n, (enum kr_lang)L)))
			x->nomem = true;
}

/* The item of list arr with id id, or NULL. */
static json_t *by_id(json_t *arr, const char *id, size_t *at)
{
	size_t i;
	json_t *it;

	json_array_foreach(arr, i, it)
		if (id && json_is_string(json_object_get(it, "id")) &&
		    strcmp(json_string_value(json_object_get(it, "id")), id) == 0) {
			*at = i;
			return it;
		}
	return NULL;
}

static void diff_list(struct fctx *x, const struct fcoll *k, json_t *before, json_t *after)
{
	json_t *oa = json_object_get(before, k->name), *na = json_object_get(after, k->name);
	json_t *n, *o;
	size_t i, at;

	json_array_foreach(na, i, n) {
		const char *id = json_string_value(json_object_get(n, "id"));
		struct kr_change *ch;
		if (x->nomem)
			return;
		if (!(o = by_id(oa, id, &at))) {
			if ((ch = new_change(x, k, KR_CHANGE_ADDED, id))) {
				ch->new_value = json_incref(n);
				finish(x, k, ch, NULL, n);
			}
			continue;
		}
		if (json_equal(o, n) || !(ch = new_change(x, k, KR_CHANGE_CHANGED, id)))
			continue;
		compare(x, false, ch, o, n);
		if (ch->nfields == 0 && !x->nomem) {
			free(ch->item);
			free(ch->fields);
			x->d->n--;
			continue;
		}
		finish(x, k, ch, o, n);
	}
	json_array_foreach(oa, i, o) {
		const char *id = json_string_value(json_object_get(o, "id"));
		struct kr_change *ch;
		if (x->nomem)
			return;
		if (by_id(na, id, &at) || !(ch = new_change(x, k, KR_CHANGE_REMOVED, id)))
			continue;
		ch->old_value = json_incref(o);
		finish(x, k, ch, o, NULL);
	}
}

static void diff_header(struct fctx *x, json_t *before, json_t *after)
{
	struct kr_change *ch = new_change(x, &colls[0], KR_CHANGE_CHANGED, NULL);

	if (!ch)
		return;
	compare(x, true, ch, before, after);
	if (ch->nfields == 0) {
		free(ch->fields);
		x->d->n--;
		return;
	}
	finish(x, &colls[0], ch, before, after);
}

enum kr_status kr_fplan_diff(const void *before, const void *after, const void *names,
                             struct kr_diff *out, struct kr_error *err)
{
	struct fctx x = { (json_t *)names, out, false };
	json_t *o = (json_t *)before, *n = (json_t *)after;

	memset(out, 0, sizeof *out);
	if (!n)
		return kr_error_say(err, KR_EUSAGE, "kr_fplan_diff: after is verplicht",
		                    "kr_fplan_diff: after is required");
	if (!o) {
		struct kr_change *ch = new_change(&x, &colls[0], KR_CHANGE_ADDED, NULL);
		out->created = true;
		if (ch && !x.nomem && (!(ch->text[KR_LANG_NL] = strdup("gezinsplan aangemaakt")) ||
		                       !(ch->text[KR_LANG_EN] = strdup("family plan created"))))
			x.nomem = true;
	} else {
		diff_header(&x, o, n);
		for (size_t i = 1; i < NCOLLS && !x.nomem; i++)
			diff_list(&x, &colls[i], o, n);
	}
	if (x.nomem) {
		kr_diff_cleanup(out);
		return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	}
	return KR_OK;
}

/* ---- the history ---- */

/* One stored revision. */
struct frev {
	struct kr_revision_info info;
	json_t *doc;               /* as stored, then cut to what the reader sees */
};

static void free_revs(struct frev *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		json_decref(v[i].doc);
	free(v);
}

static void drop_rev(void *element)
{
	json_decref(((struct frev *)element)->doc);
}

static int fill_rev(sqlite3_stmt *st, void *element)
{
	struct frev *r = element;

	return kri_register_rev_row(st, &r->info, &r->doc);
}

/* The cases of every revision that u may read and that exist (u NULL:
 * every one that exists) as keys of shown, and every person of them with
 * their name in names.  KR_ENOMEM; a case that cannot be read is left
 * out. */
static enum kr_status readable(struct kr_store *s, const struct kr_user *u,
                               const struct frev *v, size_t n, json_t *shown, json_t *names)
{
	for (size_t i = 0; i < n; i++) {
		json_t *c;
		size_t k;
		json_array_foreach(json_object_get(v[i].doc, "cases"), k, c) {
			const char *ref = json_string_value(c);
			struct kr_case *kc = NULL;
			char key[140];
			if (!ref || json_object_get(shown, ref) || (u && kr_access_decide(s, u, ref,
			    KR_ACCESS_READ, NULL) != KR_ACCESS_ALLOWED) ||
			    kr_store_get(s, ref, 0, &kc, NULL) != KR_OK)
				continue;
			json_object_set_new(shown, ref, json_true());
			for (size_t p = 0; p < kc->npersons; p++) {
				snprintf(key, sizeof key, "%s/%s", ref, kc->persons[p].id);
				if (json_object_set_new(names, key, json_string(
				    kr_case_person_name(kc, (int)p)))) {
					kr_case_free(kc);
					return KR_ENOMEM;
				}
			}
			kr_case_free(kc);
		}
	}
	return KR_OK;
}

enum kr_status kr_fplan_history(struct kr_store *s, const struct kr_user *u, const char *id,
                                struct kr_revision_changes **out, size_t *n,
                                struct kr_error *err)
{
	struct kr_revision_changes *v = NULL;
	struct frev *revs = NULL;
	json_t *shown = json_object(), *names = json_object(), *prev = NULL;
	sqlite3_stmt *st;
	void *rows = NULL;
	size_t nrevs = 0, k = 0;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if (!shown || !names) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	if ((rc = kri_stmt(s, "SELECT rev, author, created, doc FROM family_plan_revisions "
	                   "WHERE plan_id = ?1 ORDER BY rev", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_rows(s, st, sizeof *revs, fill_rev, drop_rev, &rows, &nrevs, err)))
		goto out;
	revs = rows;
	if (nrevs == 0) {
		rc = kr_error_say(err, KR_ENOTFOUND, "gezinsplan %s bestaat niet",
		                  "family plan %s does not exist", id);
		goto out;
	}
	if (readable(s, u, revs, nrevs, shown, names) ||
	    !(v = calloc(nrevs, sizeof *v))) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nrevs; i++) {
		struct kr_revision_changes *r = &v[k];
		bool cut = false;
		char *dump;
		json_t *c;
		size_t j;
		json_array_foreach(json_object_get(revs[i].doc, "cases"), j, c)
			cut |= !json_object_get(shown, json_string_value(c));
		kri_fplan_filter(revs[i].doc, shown);
		r->info = revs[i].info;
		if ((dump = json_dumps(revs[i].doc, JSON_COMPACT))) {
			r->info.bytes = strlen(dump);
			free(dump);
		}
		snprintf(r->who, sizeof r->who, "%s", r->info.author);
		if ((rc = kr_fplan_diff(prev, revs[i].doc, names, &r->diff, err)))
			goto out;
		prev = revs[i].doc;
		/* a revision whose every change was about a child the reader may
		 * not see is not there for them */
		if (cut && r->diff.n == 0) {
			kr_diff_cleanup(&r->diff);
			continue;
		}
		k++;
	}
	*out = v;
	*n = k;
	v = NULL;
out:
	kr_diff_history_free(v, k);
	free_revs(revs, nrevs);
	json_decref(shown);
	json_decref(names);
	return rc;
}
