/*
 * test_case_edit.c - kr_case_edit(): every op on every collection, fresh and
 * duplicate ids, unknown items and indexes, ids and case.ref that cannot
 * change, RFC 7386 merge (null deletes, nested objects, unknown keys
 * survive), removals refused while references remain, bodies that are not
 * JSON, not objects or too big, the plan created when absent, the input
 * never changed, and add-then-remove giving back the original document for
 * every example and 100 generated cases.  Messages are checked in English
 * (the language of the error records here unless a test says otherwise),
 * and every kind of refusal once in Dutch (dutch_messages).
 */
#include <glob.h>
#include <jansson.h>

#include "testutil.h"
#include "kring/case_edit.h"
#include "kring/generate.h"

#define EX1 "examples/PZ-2026-0101.json"   /* 21 persons, plan without safety map */
#define EX2 "examples/PZ-2026-0102.json"   /* no plan */
#define EX3 "examples/PZ-2026-0103.json"   /* plan with safety map */

/* The language edit() asks messages in. */
/* doc (compact, without retired person ids) as it is after person id was
 * removed from it: the id is kept in "retired_person_ids" so that it is
 * never handed out again (share links are bound to person ids).  Caller
 * frees. */
static char *with_retired(const char *doc, const char *id)
{
	size_t n = strlen(doc);
	char *out = malloc(n + strlen(id) + 40);
	assert_non_null(out);
	memcpy(out, doc, n - 1);
	snprintf(out + n - 1, strlen(id) + 40, ",\"retired_person_ids\":[\"%s\"]}", id);
	return out;
}

static enum kr_lang edit_lang = KR_LANG_EN;

/* One edit's outcome. */
struct res {
	enum kr_status rc;
	char *out;
	size_t len;
	char *id;
	struct kr_error err;
};

static void res_free(struct res *r)
{
	free(r->out);
	free(r->id);
	kr_error_cleanup(&r->err);
	memset(r, 0, sizeof *r);
}

static void edit(const char *doc, enum kr_edit_op op, const char *coll, const char *id,
                 const char *body, struct res *r)
{
	struct kr_edit e = { op, coll, id, body, body ? strlen(body) : 0 };
	memset(r, 0, sizeof *r);
	kr_error_init_lang(&r->err, edit_lang);
	r->rc = kr_case_edit(doc, strlen(doc), &e, &r->out, &r->len, &r->id, &r->err);
	if (r->rc != KR_OK) {
		assert_null(r->out);
		assert_null(r->id);
		assert_int_equal(r->len, 0);
	} else {
		assert_non_null(r->out);
		assert_int_equal(strlen(r->out), r->len);
	}
}

static void dump_err(const struct res *r)
{
	fprintf(stderr, "rc %d: %s\n", (int)r->rc, r->err.message);
	for (size_t i = 0; i < r->err.ndetails; i++)
		fprintf(stderr, "  %s\n", r->err.details[i]);
}

/* The edit must succeed; the result must pass the validator and be exactly
 * what the store would write (compact, order kept).  Returns the parsed
 * result for inspection (caller decrefs). */
static json_t *edit_ok(const char *doc, enum kr_edit_op op, const char *coll, const char *id,
                       const char *body, char **new_id)
{
	struct res r;
	struct kr_case *c;
	char *again;
	json_t *j;

	edit(doc, op, coll, id, body, &r);
	if (r.rc != KR_OK) {
		dump_err(&r);
		fail_msg("edit %d on %s/%s refused", (int)op, coll ? coll : "-", id ? id : "-");
	}
	c = tu_case_from_text(r.out);
	again = kr_case_dump(c, false);
	assert_string_equal(again, r.out);
	free(again);
	kr_case_free(c);
	j = json_loads(r.out, 0, NULL);
	assert_non_null(j);
	if (new_id) {
		*new_id = r.id;
		r.id = NULL;
	}
	res_free(&r);
	return j;
}

/* The edit must fail with rc; returns the result for its details. */
static void edit_fails(const char *doc, enum kr_edit_op op, const char *coll, const char *id,
                       const char *body, enum kr_status rc, struct res *r)
{
	edit(doc, op, coll, id, body, r);
	if (r->rc != rc) {
		dump_err(r);
		fail_msg("edit %d on %s/%s: expected status %d, got %d", (int)op, coll ? coll : "-",
		         id ? id : "-", (int)rc, (int)r->rc);
	}
}

static bool has_detail(const struct res *r, const char *text)
{
	for (size_t i = 0; i < r->err.ndetails; i++)
		if (strcmp(r->err.details[i], text) == 0)
			return true;
	return false;
}

static void assert_detail(const struct res *r, const char *text)
{
	if (!has_detail(r, text)) {
		dump_err(r);
		fail_msg("missing detail: %s", text);
	}
}

/* The original document as the store keeps it (compact). */
static char *compact(const char *text)
{
	struct kr_case *c = tu_case_from_text(text);
	char *s = kr_case_dump(c, false);
	kr_case_free(c);
	return s;
}

static char *example(const char *path)
{
	char *text = tu_read_file(path, NULL), *s = compact(text);
	free(text);
	return s;
}

static json_t *parsed(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	assert_non_null(j);
	return j;
}

/* j at a path like "persons", "plan.wishes", "case". */
static json_t *at(json_t *j, const char *path)
{
	char buf[64];
	const char *dot = strchr(path, '.');
	if (!dot)
		return json_object_get(j, path);
	snprintf(buf, sizeof buf, "%.*s", (int)(dot - path), path);
	return at(json_object_get(j, buf), dot + 1);
}

static json_t *find(json_t *arr, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (strcmp(json_string_value(json_object_get(v, "id")), id) == 0)
			return v;
	return NULL;
}

static void assert_json(json_t *got, const char *want_text)
{
	json_t *want = parsed(want_text);
	if (!json_equal(got, want)) {
		char *g = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fprintf(stderr, "got:  %s\nwant: %s\n", g ? g : "(null)", want_text);
		free(g);
		fail_msg("JSON differs");
	}
	json_decref(want);
}

/* ---- the collections ---- */

static void collections(void **state)
{
	static const char *const ok[] = { "persons", "placements", "meetings", "wishes", "goals",
		"agreements", "kinship", "ties", "events", "case", "plan", "safety_map" };
	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		assert_true(kr_case_edit_collection_valid(ok[i]));
	assert_false(kr_case_edit_collection_valid(NULL));
	assert_false(kr_case_edit_collection_valid(""));
	assert_false(kr_case_edit_collection_valid("person"));
	assert_false(kr_case_edit_collection_valid("plan.wishes"));
	assert_false(kr_case_edit_collection_valid("format"));
}

/* Add, replace, merge and remove on each collection with ids. */
struct idcase {
	const char *coll, *path, *fresh, *existing, *add, *replace, *merge, *check_key;
};

static void id_collections(void **state)
{
	static const struct idcase cases[] = {
		{ "persons", "persons", "p22", "p6",
		  "{\"name\":\"Fatima\",\"roles\":[\"neighbour\"],\"world\":\"foster\"}",
		  "{\"name\":\"Noor J.\",\"sex\":\"f\",\"roles\":[\"half_sibling\"]}",
		  "{\"segment\":\"friends\"}", "segment" },
		{ "placements", "placements", "pl4", "pl1",
		  "{\"form\":\"support_family\",\"start\":\"2026-09-01\",\"carers\":[\"p4\"]}",
		  "{\"form\":\"crisis\",\"start\":\"2024-01-10\",\"end\":\"2024-03-14\"}",
		  "{\"end_reason\":\"planned\"}", "end_reason" },
		{ "meetings", "meetings", "m3", "m1",
		  "{\"date\":\"2026-12-01\",\"type\":\"diy\",\"continuum\":\"A\"}",
		  "{\"date\":\"2024-05-01\",\"type\":\"other\"}",
		  "{\"continuum\":\"D\"}", "continuum" },
		{ "wishes", "plan.wishes", "w4", "w1",
		  "{\"by\":\"p1\",\"date\":\"2026-11-01\",\"text\":\"op zwemles\"}",
		  "{\"by\":\"p1\",\"text\":\"vaker naar mama\"}",
		  "{\"response\":\"elke week bellen\"}", "response" },
		{ "goals", "plan.goals", "g4", "g2",
		  "{\"text\":\"Daan ziet Noor elke maand\"}",
		  "{\"text\":\"nieuw doel\",\"indicator\":\"bezoeken per maand\"}",
		  "{\"indicator\":\"een telling\"}", "indicator" },
		{ "agreements", "plan.agreements", "a7", "a1",
		  "{\"what\":\"bellen\",\"who\":[\"p4\"],\"status\":\"open\"}",
		  "{\"what\":\"anders\",\"status\":\"done\"}",
		  "{\"status\":\"dropped\"}", "status" },
	};
	char *doc = example(EX1), *nid = NULL;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct idcase *t = &cases[i];
		json_t *orig = parsed(doc), *j, *arr, *item, *body;
		size_t n = json_array_size(at(orig, t->path));
		char *added;

		/* add: fresh id, appended, id first */
		j = edit_ok(doc, KR_EDIT_ADD, t->coll, NULL, t->add, &nid);
		assert_string_equal(nid, t->fresh);
		arr = at(j, t->path);
		assert_int_equal(json_array_size(arr), n + 1);
		item = json_array_get(arr, n);
		assert_string_equal(json_object_iter_key(json_object_iter(item)), "id");
		assert_string_equal(json_string_value(json_object_get(item, "id")), t->fresh);
		body = parsed(t->add);
		json_object_set_new(body, "id", json_string(t->fresh));
		assert_true(json_equal(item, body));
		json_decref(body);
		added = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		free(nid);
		nid = NULL;

		/* remove what was added: the original again, byte for byte */
		{
			struct res r;
			char *want = strcmp(t->coll, "persons") == 0 ? with_retired(doc, t->fresh)
			                                             : strdup(doc);
			edit(added, KR_EDIT_REMOVE, t->coll, t->fresh, NULL, &r);
			assert_int_equal(r.rc, KR_OK);
			assert_string_equal(r.out, want);
			free(want);
			res_free(&r);
		}
		free(added);

		/* replace: keeps the id and the place */
		j = edit_ok(doc, KR_EDIT_REPLACE, t->coll, t->existing, t->replace, NULL);
		arr = at(j, t->path);
		assert_int_equal(json_array_size(arr), n);
		item = find(arr, t->existing);
		assert_non_null(item);
		body = parsed(t->replace);
		json_object_set_new(body, "id", json_string(t->existing));
		assert_true(json_equal(item, body));
		json_decref(body);
		for (size_t k = 0; k < n; k++)   /* same place */
			assert_string_equal(json_string_value(json_object_get(json_array_get(arr, k),
			                    "id")), json_string_value(json_object_get(
			                    json_array_get(at(orig, t->path), k), "id")));
		json_decref(j);

		/* merge: one key set, the rest kept */
		j = edit_ok(doc, KR_EDIT_MERGE, t->coll, t->existing, t->merge, NULL);
		item = find(at(j, t->path), t->existing);
		body = json_deep_copy(find(at(orig, t->path), t->existing));
		{
			json_t *m = parsed(t->merge);
			json_object_set(body, t->check_key, json_object_get(m, t->check_key));
			json_decref(m);
		}
		assert_true(json_equal(item, body));
		json_decref(body);
		json_decref(j);
		json_decref(orig);
	}
	free(doc);
}

/* Index positions survive replace and merge; replace keeps the place. */
static void replace_keeps_place(void **state)
{
	char *doc = example(EX1);
	json_t *orig = parsed(doc), *j;
	size_t i;
	json_t *v;
	(void)state;

	j = edit_ok(doc, KR_EDIT_REPLACE, "persons", "p6", "{\"name\":\"N\"}", NULL);
	json_array_foreach(at(orig, "persons"), i, v) {
		json_t *w = json_array_get(at(j, "persons"), i);
		assert_string_equal(json_string_value(json_object_get(v, "id")),
		                    json_string_value(json_object_get(w, "id")));
	}
	assert_json(find(at(j, "persons"), "p6"), "{\"id\":\"p6\",\"name\":\"N\"}");
	json_decref(j);
	/* the id may be repeated in the body, unchanged */
	j = edit_ok(doc, KR_EDIT_REPLACE, "persons", "p6", "{\"name\":\"N\",\"id\":\"p6\"}", NULL);
	assert_json(find(at(j, "persons"), "p6"), "{\"name\":\"N\",\"id\":\"p6\"}");
	json_decref(j);
	/* null in a replace means "keep" */
	j = edit_ok(doc, KR_EDIT_REPLACE, "persons", "p6", "{\"id\":null,\"name\":\"N\"}", NULL);
	assert_json(find(at(j, "persons"), "p6"), "{\"id\":\"p6\",\"name\":\"N\"}");
	json_decref(j);
	json_decref(orig);
	free(doc);
}

/* kinship, ties, events: addressed by index. */
static void index_collections(void **state)
{
	static const struct {
		const char *coll, *add, *replace, *merge, *key, *value;
	} cases[] = {
		{ "kinship", "{\"type\":\"partners\",\"a\":\"p2\",\"b\":\"p20\",\"status\":\"separated\"}",
		  "{\"type\":\"partners\",\"a\":\"p4\",\"b\":\"p5\",\"status\":\"divorced\"}",
		  "{\"kind\":\"adoptive\"}", "kind", "adoptive" },
		{ "ties", "{\"a\":\"p2\",\"b\":\"p6\",\"strength\":\"weak\"}",
		  "{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"quality\":\"broken\"}",
		  "{\"frequency\":\"never\"}", "frequency", "never" },
		{ "events", "{\"date\":\"2026-10\",\"type\":\"school_change\",\"person\":\"p1\"}",
		  "{\"date\":\"2017-04-12\",\"type\":\"birth\",\"person\":\"p1\",\"text\":\"thuis\"}",
		  "{\"text\":\"een notitie\"}", "text", "een notitie" },
	};
	char *doc = example(EX1), *nid = NULL, num[16];
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *orig = parsed(doc), *arr = json_object_get(orig, cases[i].coll), *j, *v;
		size_t n = json_array_size(arr);
		struct res r;

		j = edit_ok(doc, KR_EDIT_ADD, cases[i].coll, NULL, cases[i].add, &nid);
		snprintf(num, sizeof num, "%zu", n);
		assert_string_equal(nid, num);
		assert_int_equal(json_array_size(json_object_get(j, cases[i].coll)), n + 1);
		assert_json(json_array_get(json_object_get(j, cases[i].coll), n), cases[i].add);
		free(nid);
		nid = NULL;
		{
			char *added = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
			edit(added, KR_EDIT_REMOVE, cases[i].coll, num, NULL, &r);
			assert_int_equal(r.rc, KR_OK);
			assert_string_equal(r.out, doc);
			res_free(&r);
			free(added);
		}
		json_decref(j);

		/* replace item 0 */
		j = edit_ok(doc, KR_EDIT_REPLACE, cases[i].coll, "0", cases[i].replace, NULL);
		assert_int_equal(json_array_size(json_object_get(j, cases[i].coll)), n);
		assert_json(json_array_get(json_object_get(j, cases[i].coll), 0), cases[i].replace);
		assert_true(json_equal(json_array_get(json_object_get(j, cases[i].coll), 1),
		                       json_array_get(arr, 1)));
		json_decref(j);

		/* merge item 0 */
		j = edit_ok(doc, KR_EDIT_MERGE, cases[i].coll, "0", cases[i].merge, NULL);
		v = json_deep_copy(json_array_get(arr, 0));
		json_object_set_new(v, cases[i].key, json_string(cases[i].value));
		assert_true(json_equal(json_array_get(json_object_get(j, cases[i].coll), 0), v));
		json_decref(v);
		json_decref(j);

		/* remove the last one: the others stay in order */
		snprintf(num, sizeof num, "%zu", n - 1);
		j = edit_ok(doc, KR_EDIT_REMOVE, cases[i].coll, num, NULL, NULL);
		assert_int_equal(json_array_size(json_object_get(j, cases[i].coll)), n - 1);
		for (size_t k = 0; k + 1 < n; k++)
			assert_true(json_equal(json_array_get(json_object_get(j, cases[i].coll), k),
			                       json_array_get(arr, k)));
		json_decref(j);

		/* unknown, out of range, non-numeric, non-canonical indexes */
		snprintf(num, sizeof num, "%zu", n);
		edit_fails(doc, KR_EDIT_REMOVE, cases[i].coll, num, NULL, KR_ENOTFOUND, &r);
		res_free(&r);
		edit_fails(doc, KR_EDIT_MERGE, cases[i].coll, "99999999999999999999999", "{}",
		           KR_ENOTFOUND, &r);
		res_free(&r);
		edit_fails(doc, KR_EDIT_REPLACE, cases[i].coll, "abc", cases[i].replace,
		           KR_ENOTFOUND, &r);
		res_free(&r);
		edit_fails(doc, KR_EDIT_REMOVE, cases[i].coll, "-1", NULL, KR_ENOTFOUND, &r);
		res_free(&r);
		edit_fails(doc, KR_EDIT_REMOVE, cases[i].coll, "01", NULL, KR_ENOTFOUND, &r);
		res_free(&r);
		edit_fails(doc, KR_EDIT_REMOVE, cases[i].coll, "", NULL, KR_ENOTFOUND, &r);
		res_free(&r);
		edit_fails(doc, KR_EDIT_REMOVE, cases[i].coll, " 1", NULL, KR_ENOTFOUND, &r);
		res_free(&r);
		json_decref(orig);
	}
	free(doc);
}

/* ---- ids ---- */

static void fresh_ids(void **state)
{
	const char *doc = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-1\",\"child\":\"p2\"},"
	                  "\"persons\":[{\"id\":\"p2\"},{\"id\":\"p9\"},{\"id\":\"p007\"},"
	                  "{\"id\":\"pX12\"},{\"id\":\"p99999999999999999999\"},{\"id\":\"q50\"}]}";
	char *nid = NULL;
	json_t *j;
	(void)state;

	/* the highest number in use is 9 (p007 counts as 7; pX12, q50 and the
	 * 20-digit id do not count): p10 */
	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"A\",\"roles\":[\"neighbour\"],\"world\":\"shared\",\"segment\":\"neighbourhood\"}", &nid);
	assert_string_equal(nid, "p10");
	free(nid);
	json_decref(j);
	/* deterministic: the same again */
	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"B\",\"roles\":[\"neighbour\"],\"world\":\"shared\",\"segment\":\"neighbourhood\"}", &nid);
	assert_string_equal(nid, "p10");
	free(nid);
	json_decref(j);
	/* id null in the body: a fresh one too */
	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{\"id\":null,\"name\":\"A\"}", &nid);
	assert_string_equal(nid, "p10");
	assert_json(json_array_get(at(j, "persons"), 6), "{\"id\":\"p10\",\"name\":\"A\"}");
	free(nid);
	json_decref(j);
	/* an id of one's own is kept */
	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"A\",\"id\":\"oma\"}", &nid);
	assert_string_equal(nid, "oma");
	assert_json(json_array_get(at(j, "persons"), 6), "{\"name\":\"A\",\"id\":\"oma\"}");
	free(nid);
	json_decref(j);
	/* new_id may be NULL */
	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{}", NULL);
	json_decref(j);
	/* the first of a collection that does not exist yet */
	j = edit_ok(doc, KR_EDIT_ADD, "meetings", NULL, "{\"date\":\"2026-01-01\"}", &nid);
	assert_string_equal(nid, "m1");
	free(nid);
	json_decref(j);
}

static void duplicate_id(void **state)
{
	char *doc = example(EX1);
	struct res r;
	(void)state;

	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, "{\"id\":\"p4\",\"name\":\"X\"}",
	           KR_EINVAL, &r);
	assert_detail(&r, "persons[21].id: id \"p4\" is already used by persons[3]");
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "goals", NULL, "{\"id\":\"g1\"}", KR_EINVAL, &r);
	assert_detail(&r, "plan.goals[3].id: id \"g1\" is already used by plan.goals[0]");
	res_free(&r);
	/* an id of the wrong type: the validator says so */
	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, "{\"id\":7}", KR_EINVAL, &r);
	assert_detail(&r, "persons[21].id: expected text, found a number");
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, "{\"id\":\"\"}", KR_EINVAL, &r);
	assert_detail(&r, "persons[21].id: must be 1 to 64 characters");
	res_free(&r);
	free(doc);
}

static void unknown_id(void **state)
{
	char *doc = example(EX1), *noplan = example(EX2);
	struct res r;
	(void)state;

	edit_fails(doc, KR_EDIT_REPLACE, "persons", "p99", "{}", KR_ENOTFOUND, &r);
	assert_non_null(strstr(r.err.message, "p99"));
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "placements", "p1", "{}", KR_ENOTFOUND, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "meetings", "M1", NULL, KR_ENOTFOUND, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "wishes", "w9", NULL, KR_ENOTFOUND, &r);
	res_free(&r);
	/* no plan at all, or the list missing */
	edit_fails(noplan, KR_EDIT_REMOVE, "goals", "g1", NULL, KR_ENOTFOUND, &r);
	res_free(&r);
	edit_fails(noplan, KR_EDIT_MERGE, "agreements", "a1", "{}", KR_ENOTFOUND, &r);
	res_free(&r);
	free(doc);
	free(noplan);
}

static void id_cannot_change(void **state)
{
	char *doc = example(EX1);
	struct res r;
	(void)state;

	edit_fails(doc, KR_EDIT_REPLACE, "persons", "p6", "{\"id\":\"p60\",\"name\":\"N\"}",
	           KR_EINVAL, &r);
	assert_detail(&r, "persons[5].id: the id cannot change (it is \"p6\"; the body has "
	              "\"p60\")");
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "persons", "p6", "{\"id\":\"p60\"}", KR_EINVAL, &r);
	assert_detail(&r, "persons[5].id: the id cannot change (it is \"p6\"; the body has "
	              "\"p60\")");
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "goals", "g2", "{\"id\":null}", KR_EINVAL, &r);
	assert_detail(&r, "plan.goals[1].id: the id cannot change (it is \"g2\"; the body has "
	              "null)");
	res_free(&r);
	edit_fails(doc, KR_EDIT_REPLACE, "placements", "pl1", "{\"id\":1,\"start\":\"2020\"}",
	           KR_EINVAL, &r);
	assert_detail(&r, "placements[0].id: the id cannot change (it is \"pl1\"; the body has "
	              "a number)");
	res_free(&r);
	free(doc);
}

/* ---- merge patch ---- */

static void merge_semantics(void **state)
{
	char *doc = example(EX1);
	json_t *orig = parsed(doc), *j, *p, *want;
	(void)state;

	/* null deletes a key; unknown keys survive; a new key goes to the end */
	j = edit_ok(doc, KR_EDIT_MERGE, "persons", "p1",
	            "{\"born\":null,\"nickname\":\"Daantje\",\"nothing\":null}", NULL);
	p = find(at(j, "persons"), "p1");
	want = json_deep_copy(find(at(orig, "persons"), "p1"));
	json_object_del(want, "born");
	json_object_set_new(want, "nickname", json_string("Daantje"));
	assert_true(json_equal(p, want));
	assert_string_equal(json_string_value(json_object_get(p, "x_local_id")), "CL-88213");
	assert_null(json_object_get(p, "nothing"));
	{
		/* key order: the old keys in their places, the new one last */
		void *it = json_object_iter(p), *wt = json_object_iter(want);
		for (; it && wt; it = json_object_iter_next(p, it), wt = json_object_iter_next(want, wt))
			assert_string_equal(json_object_iter_key(it), json_object_iter_key(wt));
		assert_null(it);
		assert_null(wt);
	}
	json_decref(want);
	json_decref(j);

	/* nested: case.behaviour.externalising changes, internalising stays;
	 * case.perspective_decision.date set; a new nested object is created
	 * without its nulls */
	j = edit_ok(doc, KR_EDIT_MERGE, "case", NULL,
	            "{\"behaviour\":{\"externalising\":true},"
	            "\"perspective_decision\":{\"date\":\"2026-11-30\",\"outcome\":\"upbringing\"},"
	            "\"x_extra\":{\"a\":1,\"b\":null}}", NULL);
	assert_json(at(j, "case.behaviour"), "{\"externalising\":true,\"internalising\":true}");
	assert_json(at(j, "case.perspective_decision"),
	            "{\"date\":\"2026-11-30\",\"outcome\":\"upbringing\"}");
	assert_json(at(j, "case.x_extra"), "{\"a\":1}");
	assert_string_equal(json_string_value(at(j, "case.x_team")), "Team Noord-Veluwe");
	assert_true(json_equal(at(j, "case.development_checks"),
	                       at(orig, "case.development_checks")));
	json_decref(j);

	/* arrays are replaced whole */
	j = edit_ok(doc, KR_EDIT_MERGE, "persons", "p4", "{\"roles\":[\"grandparent\"]}", NULL);
	assert_json(json_object_get(find(at(j, "persons"), "p4"), "roles"), "[\"grandparent\"]");
	json_decref(j);

	/* the rest of the document did not move */
	j = edit_ok(doc, KR_EDIT_MERGE, "ties", "2", "{\"quality\":\"neutral\"}", NULL);
	json_object_set_new(json_array_get(json_object_get(orig, "ties"), 2), "quality",
	                    json_string("neutral"));
	assert_true(json_equal(j, orig));
	json_decref(j);
	json_decref(orig);
	free(doc);
}

/* Untouched items keep their bytes: the compact text of every other person
 * appears unchanged in the output. */
static void untouched_bytes(void **state)
{
	char *doc = example(EX3), *out;
	json_t *orig = parsed(doc), *v;
	struct res r;
	size_t i;
	(void)state;

	edit(doc, KR_EDIT_MERGE, "persons", "p3", "{\"name\":\"Iemand anders\"}", &r);
	assert_int_equal(r.rc, KR_OK);
	out = r.out;
	json_array_foreach(at(orig, "persons"), i, v) {
		char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
		if (strcmp(json_string_value(json_object_get(v, "id")), "p3") != 0)
			assert_non_null(strstr(out, s));
		else
			assert_null(strstr(out, s));
		free(s);
	}
	/* and everything before persons is the same bytes */
	{
		const char *a = strstr(doc, "\"persons\""), *b = strstr(out, "\"persons\"");
		assert_int_equal(a - doc, b - out);
		assert_memory_equal(doc, out, (size_t)(a - doc));
	}
	res_free(&r);
	json_decref(orig);
	free(doc);
}

/* ---- references ---- */

static void remove_referenced(void **state)
{
	const char *doc =
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-REF\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\",\"born\":\"2015\"},{\"id\":\"p2\",\"born\":\"1985\"},"
		"{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}],"
		"\"kinship\":[{\"type\":\"parent\",\"parent\":\"p2\",\"child\":\"p1\"},"
		"{\"type\":\"partners\",\"a\":\"p3\",\"b\":\"p4\"}],"
		"\"ties\":[{\"a\":\"p1\",\"b\":\"p3\"},{\"a\":\"p4\",\"b\":\"p1\"},"
		"{\"a\":\"p2\",\"b\":\"p3\"}],"
		"\"placements\":[{\"id\":\"pl1\",\"start\":\"2024\",\"carers\":[\"p3\",\"p4\"],"
		"\"children\":[\"p4\"]},{\"id\":\"pl2\",\"start\":\"2025\"}],"
		"\"events\":[{\"date\":\"2024\",\"type\":\"placement_start\",\"placement\":\"pl1\","
		"\"person\":\"p4\"}],"
		"\"meetings\":[{\"id\":\"m1\",\"invited\":[\"p1\",\"p4\"],\"attended\":[\"p4\"]}],"
		"\"plan\":{\"safety_map\":{\"scale\":[{\"date\":\"2025\",\"score\":5,\"by\":\"p4\"}]},"
		"\"wishes\":[{\"id\":\"w1\",\"by\":\"p4\"}],\"goals\":[{\"id\":\"g1\"},{\"id\":\"g2\"}],"
		"\"agreements\":[{\"id\":\"a1\",\"goal\":\"g1\",\"who\":[\"p2\",\"p4\"]},"
		"{\"id\":\"a2\",\"goal\":\"g1\"}]}}";
	static const char *const p4[] = {
		"kinship[1].b: still refers to p4",
		"ties[1].a: still refers to p4",
		"placements[0].carers[1]: still refers to p4",
		"placements[0].children[0]: still refers to p4",
		"events[0].person: still refers to p4",
		"meetings[0].invited[1]: still refers to p4",
		"meetings[0].attended[0]: still refers to p4",
		"plan.wishes[0].by: still refers to p4",
		"plan.agreements[0].who[1]: still refers to p4",
		"plan.safety_map.scale[0].by: still refers to p4",
	};
	struct res r;
	json_t *j;
	(void)state;

	edit_fails(doc, KR_EDIT_REMOVE, "persons", "p4", NULL, KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, sizeof p4 / sizeof p4[0]);
	for (size_t i = 0; i < sizeof p4 / sizeof p4[0]; i++)
		assert_string_equal(r.err.details[i], p4[i]);
	assert_non_null(strstr(r.err.message, "10 references"));
	res_free(&r);

	edit_fails(doc, KR_EDIT_REMOVE, "persons", "p2", NULL, KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 3);
	assert_detail(&r, "kinship[0].parent: still refers to p2");
	assert_detail(&r, "ties[2].a: still refers to p2");
	assert_detail(&r, "plan.agreements[0].who[0]: still refers to p2");
	res_free(&r);

	/* the child: always refused, whatever else refers to it */
	edit_fails(doc, KR_EDIT_REMOVE, "persons", "p1", NULL, KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 1);
	assert_detail(&r, "case.child: p1 is the child of this case and cannot be removed");
	res_free(&r);
	edit_fails("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"c\"},"
	           "\"persons\":[{\"id\":\"c\"}]}",
	           KR_EDIT_REMOVE, "persons", "c", NULL, KR_EINVAL, &r);
	assert_detail(&r, "case.child: c is the child of this case and cannot be removed");
	res_free(&r);

	/* goal referenced by agreements; placement referenced by an event */
	edit_fails(doc, KR_EDIT_REMOVE, "goals", "g1", NULL, KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 2);
	assert_detail(&r, "plan.agreements[0].goal: still refers to g1");
	assert_detail(&r, "plan.agreements[1].goal: still refers to g1");
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "placements", "pl1", NULL, KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 1);
	assert_detail(&r, "events[0].placement: still refers to pl1");
	assert_string_equal(r.err.message, "placement \"pl1\" cannot be removed: 1 reference to "
	                    "it remains; change or remove it first");
	res_free(&r);

	/* unreferenced: fine */
	j = edit_ok(doc, KR_EDIT_REMOVE, "persons", "p5", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "persons")), 4);
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REMOVE, "goals", "g2", NULL, NULL);
	assert_int_equal(json_array_size(at(j, "plan.goals")), 1);
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REMOVE, "placements", "pl2", NULL, NULL);
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REMOVE, "agreements", "a1", NULL, NULL);
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REMOVE, "wishes", "w1", NULL, NULL);
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REMOVE, "meetings", "m1", NULL, NULL);
	json_decref(j);
}

/* Removing p3 after its ties, kinship and placements are gone: the UI's way. */
static void remove_after_references(void **state)
{
	char *doc = example(EX1), *cur = strdup(doc);
	struct res r;
	(void)state;

	/* p6 (Noor) is referred to somewhere; remove the references one by one
	 * as the details name them, then the person */
	for (int round = 0; round < 50; round++) {
		edit(cur, KR_EDIT_REMOVE, "persons", "p6", NULL, &r);
		if (r.rc == KR_OK) {
			free(cur);
			cur = r.out;
			r.out = NULL;
			res_free(&r);
			break;
		}
		assert_int_equal(r.rc, KR_EINVAL);
		assert_true(r.err.ndetails > 0);
		{
			/* "ties[3].a: ..." -> remove ties/3; "x[1].y[2]: ..." -> merge the list */
			char coll[32], field[32];
			unsigned idx, sub;
			const char *d = r.err.details[0];
			struct res r2;
			if (sscanf(d, "%31[a-z][%u].%31[a-z][%u]", coll, &idx, field, &sub) == 4 ||
			    strncmp(d, "plan.", 5) == 0 || strncmp(d, "placements", 10) == 0 ||
			    strncmp(d, "meetings", 8) == 0) {
				fail_msg("unexpected reference kind in this example: %s", d);
			}
			assert_int_equal(sscanf(d, "%31[a-z][%u]", coll, &idx), 2);
			snprintf(field, sizeof field, "%u", idx);
			edit(cur, KR_EDIT_REMOVE, coll, field, NULL, &r2);
			assert_int_equal(r2.rc, KR_OK);
			free(cur);
			cur = r2.out;
			r2.out = NULL;
			res_free(&r2);
		}
		res_free(&r);
	}
	assert_null(strstr(cur, "\"id\":\"p6\""));
	assert_non_null(strstr(cur, "\"retired_person_ids\":[\"p6\"]"));
	free(cur);
	free(doc);
}

/* A removed person's id is never handed out again, nor taken by an added
 * person (share links are bound to person ids: issue 10). */
static void person_ids_not_reused(void **state)
{
	char *doc = example("examples/PZ-2026-0101.json"), *nid = NULL, *last = NULL;
	struct res r;
	json_t *j;
	(void)state;

	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"A\",\"roles\":[\"neighbour\"],\"world\":\"shared\",\"segment\":\"neighbourhood\"}", &nid);
	free(doc);
	doc = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	edit(doc, KR_EDIT_REMOVE, "persons", nid, NULL, &r);
	assert_int_equal(r.rc, KR_OK);
	free(doc);
	doc = r.out;
	r.out = NULL;
	res_free(&r);
	/* the next fresh id counts past the removed one */
	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"B\",\"roles\":[\"neighbour\"],\"world\":\"shared\",\"segment\":\"neighbourhood\"}", &last);
	assert_string_not_equal(last, nid);
	json_decref(j);
	/* and an explicit id that was removed is refused */
	{
		char body[80];
		snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"C\"}", nid);
		edit_fails(doc, KR_EDIT_ADD, "persons", NULL, body, KR_EINVAL, &r);
		assert_int_equal(r.err.ndetails, 1);
		res_free(&r);
	}
	free(nid);
	free(last);
	free(doc);
}

/* ---- the object collections ---- */

static void case_header(void **state)
{
	char *doc = example(EX1);
	json_t *orig = parsed(doc), *j, *want;
	struct res r;
	(void)state;

	/* replace without ref: the ref stays, first */
	j = edit_ok(doc, KR_EDIT_REPLACE, "case", NULL, "{\"child\":\"p1\",\"notes\":\"kort\"}",
	            NULL);
	assert_json(json_object_get(j, "case"),
	            "{\"ref\":\"PZ-2026-0101\",\"child\":\"p1\",\"notes\":\"kort\"}");
	want = json_deep_copy(orig);
	json_object_set_new(want, "case",
	                    json_pack("{s:s,s:s,s:s}", "ref", "PZ-2026-0101", "child", "p1",
	                              "notes", "kort"));
	assert_true(json_equal(j, want));
	json_decref(want);
	json_decref(j);
	/* with the same ref */
	j = edit_ok(doc, KR_EDIT_REPLACE, "case", NULL,
	            "{\"child\":\"p1\",\"ref\":\"PZ-2026-0101\"}", NULL);
	assert_json(json_object_get(j, "case"), "{\"child\":\"p1\",\"ref\":\"PZ-2026-0101\"}");
	json_decref(j);
	/* a different ref is refused, whichever way */
	edit_fails(doc, KR_EDIT_REPLACE, "case", NULL, "{\"ref\":\"PZ-1\",\"child\":\"p1\"}",
	           KR_EINVAL, &r);
	assert_detail(&r, "case.ref: the case reference cannot change (it is \"PZ-2026-0101\"; "
	              "the body has \"PZ-1\")");
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "case", NULL, "{\"ref\":\"PZ-1\"}", KR_EINVAL, &r);
	assert_detail(&r, "case.ref: the case reference cannot change (it is \"PZ-2026-0101\"; "
	              "the body has \"PZ-1\")");
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "case", NULL, "{\"ref\":null}", KR_EINVAL, &r);
	assert_detail(&r, "case.ref: the case reference cannot change (it is \"PZ-2026-0101\"; "
	              "the body has null)");
	res_free(&r);
	/* replacing the child by another person is fine; by nobody is not */
	j = edit_ok(doc, KR_EDIT_MERGE, "case", NULL, "{\"child\":\"p6\"}", NULL);
	assert_string_equal(json_string_value(at(j, "case.child")), "p6");
	json_decref(j);
	edit_fails(doc, KR_EDIT_MERGE, "case", NULL, "{\"child\":null}", KR_EINVAL, &r);
	assert_detail(&r, "case.child: is required");
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "case", NULL, "{\"child\":\"p99\"}", KR_EINVAL, &r);
	assert_detail(&r, "case.child: unknown person \"p99\"");
	res_free(&r);
	json_decref(orig);
	free(doc);
}

static void plan_object(void **state)
{
	char *doc = example(EX3);
	json_t *orig = parsed(doc), *j, *plan;
	(void)state;

	/* replace keeps wishes, goals, agreements and the safety map */
	j = edit_ok(doc, KR_EDIT_REPLACE, "plan", NULL,
	            "{\"version\":9,\"reviewed\":\"2026-11-30\",\"safety\":\"zo\"}", NULL);
	plan = json_object_get(j, "plan");
	assert_int_equal(json_integer_value(json_object_get(plan, "version")), 9);
	assert_null(json_object_get(plan, "adopted"));
	assert_null(json_object_get(plan, "concerns"));
	assert_true(json_equal(json_object_get(plan, "wishes"), at(orig, "plan.wishes")));
	assert_true(json_equal(json_object_get(plan, "goals"), at(orig, "plan.goals")));
	assert_true(json_equal(json_object_get(plan, "agreements"), at(orig, "plan.agreements")));
	assert_true(json_equal(json_object_get(plan, "safety_map"), at(orig, "plan.safety_map")));
	{
		/* in the format's order: version reviewed safety safety_map wishes goals agreements */
		static const char *const keys[] = { "version", "reviewed", "safety", "safety_map",
			"wishes", "goals", "agreements" };
		void *it = json_object_iter(plan);
		for (size_t i = 0; i < 7; i++, it = json_object_iter_next(plan, it))
			assert_string_equal(json_object_iter_key(it), keys[i]);
		assert_null(it);
	}
	json_decref(j);
	/* ... unless the body sets them */
	j = edit_ok(doc, KR_EDIT_REPLACE, "plan", NULL,
	            "{\"version\":1,\"goals\":[],\"agreements\":[],\"safety_map\":null}", NULL);
	plan = json_object_get(j, "plan");
	assert_json(json_object_get(plan, "goals"), "[]");
	assert_json(json_object_get(plan, "agreements"), "[]");
	assert_true(json_is_null(json_object_get(plan, "safety_map")));
	assert_true(json_equal(json_object_get(plan, "wishes"), at(orig, "plan.wishes")));
	assert_int_equal(json_object_size(plan), 5);
	json_decref(j);
	/* a goal still referred to cannot vanish with a plan replace: the validator */
	{
		struct res r;
		edit_fails(doc, KR_EDIT_REPLACE, "plan", NULL,
		           "{\"version\":1,\"goals\":[],\"agreements\":[{\"id\":\"a1\",\"goal\":\"g1\"}]}",
		           KR_EINVAL, &r);
		assert_detail(&r, "plan.agreements[0].goal: unknown goal \"g1\"");
		res_free(&r);
	}
	/* merge */
	j = edit_ok(doc, KR_EDIT_MERGE, "plan", NULL, "{\"version\":3,\"concerns\":null}", NULL);
	json_object_set_new(json_object_get(orig, "plan"), "version", json_integer(3));
	json_object_del(json_object_get(orig, "plan"), "concerns");
	assert_true(json_equal(j, orig));
	json_decref(j);
	json_decref(orig);
	free(doc);
}

static void safety_map(void **state)
{
	char *doc = example(EX3), *noplan = example(EX2);
	json_t *orig = parsed(doc), *j;
	struct res r;
	(void)state;

	j = edit_ok(doc, KR_EDIT_MERGE, "safety_map", NULL,
	            "{\"worries\":[\"een zorg\"],\"scale\":[{\"date\":\"2026-11-01\",\"score\":7}]}",
	            NULL);
	assert_json(at(j, "plan.safety_map.worries"), "[\"een zorg\"]");
	assert_true(json_equal(at(j, "plan.safety_map.working_well"),
	                       at(orig, "plan.safety_map.working_well")));
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REPLACE, "safety_map", NULL, "{\"worries\":[]}", NULL);
	assert_json(at(j, "plan.safety_map"), "{\"worries\":[]}");
	assert_true(json_equal(at(j, "plan.goals"), at(orig, "plan.goals")));
	json_decref(j);
	/* the validator speaks in document paths */
	edit_fails(doc, KR_EDIT_MERGE, "safety_map", NULL,
	           "{\"scale\":[{\"date\":\"2026-11-01\",\"score\":11}]}", KR_EINVAL, &r);
	assert_detail(&r, "plan.safety_map.scale[0].score: expected a whole number from 0 to 10");
	res_free(&r);
	/* a case without a plan gets one */
	j = edit_ok(noplan, KR_EDIT_REPLACE, "safety_map", NULL, "{\"worries\":[\"w\"]}", NULL);
	assert_json(json_object_get(j, "plan"), "{\"safety_map\":{\"worries\":[\"w\"]}}");
	json_decref(j);
	json_decref(orig);
	free(doc);
	free(noplan);
}

/* ADD to wishes, goals, agreements when the case has no plan: created, last. */
static void plan_created(void **state)
{
	char *doc = example(EX2), *nid = NULL;
	json_t *orig = parsed(doc), *j;
	const char *last = NULL;
	void *it;
	(void)state;

	assert_null(json_object_get(orig, "plan"));
	j = edit_ok(doc, KR_EDIT_ADD, "wishes", NULL, "{\"by\":\"p1\",\"text\":\"een hond\"}",
	            &nid);
	assert_string_equal(nid, "w1");
	free(nid);
	assert_json(json_object_get(j, "plan"),
	            "{\"wishes\":[{\"id\":\"w1\",\"by\":\"p1\",\"text\":\"een hond\"}]}");
	for (it = json_object_iter(j); it; it = json_object_iter_next(j, it))
		last = json_object_iter_key(it);
	assert_string_equal(last, "plan");
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_ADD, "goals", NULL, "{\"text\":\"t\"}", &nid);
	assert_string_equal(nid, "g1");
	free(nid);
	assert_json(json_object_get(j, "plan"), "{\"goals\":[{\"id\":\"g1\",\"text\":\"t\"}]}");
	{
		/* then an agreement for that goal: the arrays in the format's order */
		char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_t *k = edit_ok(s, KR_EDIT_ADD, "agreements", NULL,
		                    "{\"goal\":\"g1\",\"who\":[\"p1\"]}", &nid);
		assert_string_equal(nid, "a1");
		free(nid);
		assert_json(json_object_get(k, "plan"),
		            "{\"goals\":[{\"id\":\"g1\",\"text\":\"t\"}],"
		            "\"agreements\":[{\"id\":\"a1\",\"goal\":\"g1\",\"who\":[\"p1\"]}]}");
		json_decref(k);
		k = edit_ok(s, KR_EDIT_ADD, "wishes", NULL, "{}", NULL);
		it = json_object_iter(json_object_get(k, "plan"));
		assert_string_equal(json_object_iter_key(it), "wishes");
		json_decref(k);
		free(s);
	}
	json_decref(j);
	/* plan replace / merge on a case without one */
	j = edit_ok(doc, KR_EDIT_MERGE, "plan", NULL, "{\"version\":1,\"x\":null}", NULL);
	assert_json(json_object_get(j, "plan"), "{\"version\":1}");
	json_decref(j);
	j = edit_ok(doc, KR_EDIT_REPLACE, "plan", NULL, "{\"version\":1}", NULL);
	assert_json(json_object_get(j, "plan"), "{\"version\":1}");
	json_decref(j);
	json_decref(orig);
	free(doc);
}

/* A section the document lacks goes where the format puts it. */
static void section_order(void **state)
{
	const char *doc = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"c\"},"
	                  "\"persons\":[{\"id\":\"c\"},{\"id\":\"d\"}],\"x_ext\":1,"
	                  "\"events\":[]}";
	struct res r;
	(void)state;

	edit(doc, KR_EDIT_ADD, "ties", NULL, "{\"a\":\"c\",\"b\":\"d\"}", &r);
	assert_int_equal(r.rc, KR_OK);
	assert_string_equal(r.out, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\","
	                    "\"child\":\"c\"},\"persons\":[{\"id\":\"c\"},{\"id\":\"d\"}],"
	                    "\"x_ext\":1,\"ties\":[{\"a\":\"c\",\"b\":\"d\"}],\"events\":[]}");
	assert_string_equal(r.id, "0");
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "ties", "0", NULL, KR_ENOTFOUND, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "kinship", "x", "{}", KR_ENOTFOUND, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "events", "0", NULL, KR_ENOTFOUND, &r);
	res_free(&r);
	edit(doc, KR_EDIT_ADD, "meetings", NULL, "{}", &r);
	assert_int_equal(r.rc, KR_OK);
	assert_string_equal(r.out, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\","
	                    "\"child\":\"c\"},\"persons\":[{\"id\":\"c\"},{\"id\":\"d\"}],"
	                    "\"x_ext\":1,\"events\":[],\"meetings\":[{\"id\":\"m1\"}]}");
	res_free(&r);
}

/* ---- bodies and calls ---- */

static void bad_bodies(void **state)
{
	char *doc = example(EX1), *big;
	struct res r;
	size_t n = KR_EDIT_MAX_BODY + 1;
	(void)state;

	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\": \"A\",\n  \"sex\" \"f\"}",
	           KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 1);
	assert_non_null(strstr(r.err.details[0], "body: line 2, column "));
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, "", KR_EINVAL, &r);
	assert_non_null(strstr(r.err.details[0], "body: line 1, column 0: "));
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, "{\"a\":1,\"a\":2}", KR_EINVAL, &r);
	assert_non_null(strstr(r.err.details[0], "duplicate"));
	res_free(&r);
	edit_fails(doc, KR_EDIT_REPLACE, "ties", "0", "[1,2]", KR_EINVAL, &r);
	assert_detail(&r, "body: expected an object, found a list");
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "case", NULL, "null", KR_EINVAL, &r);
	assert_detail(&r, "body: expected an object, found null");
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "goals", NULL, "\"text\"", KR_EINVAL, &r);
	assert_detail(&r, "body: expected an object, found text");
	res_free(&r);
	/* an array where an object belongs, inside the body */
	edit_fails(doc, KR_EDIT_MERGE, "case", NULL, "{\"behaviour\":[true]}", KR_EINVAL, &r);
	assert_detail(&r, "case.behaviour: expected an object, found a list");
	res_free(&r);
	edit_fails(doc, KR_EDIT_REPLACE, "persons", "p6", "{\"involved\":{\"from\":\"2020\"}}",
	           KR_EINVAL, &r);
	assert_detail(&r, "persons[5].involved: expected a list, found an object");
	res_free(&r);
	/* a result the validator refuses: document paths */
	edit_fails(doc, KR_EDIT_ADD, "ties", NULL, "{\"a\":\"p1\",\"b\":\"p99\"}", KR_EINVAL, &r);
	{
		char want[80];
		json_t *o = parsed(doc);
		snprintf(want, sizeof want, "ties[%zu].b: unknown person \"p99\"",
		         json_array_size(json_object_get(o, "ties")));
		assert_detail(&r, want);
		json_decref(o);
	}
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "persons", "p2", "{\"born\":\"2025-02-30\",\"sex\":\"q\"}",
	           KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 2);
	assert_detail(&r, "persons[1].born: \"2025-02-30\" is not a date that exists (use "
	              "YYYY-MM-DD, YYYY-MM or YYYY)");
	res_free(&r);
	/* over the size limit: refused before parsing */
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	edit_fails(doc, KR_EDIT_ADD, "persons", NULL, big, KR_ETOOBIG, &r);
	res_free(&r);
	big[n - 2] = '}';
	big[n - 1] = '\0';   /* exactly the limit: fine */
	{
		json_t *j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL, big, NULL);
		json_decref(j);
	}
	free(big);
	/* a UTF-8 byte-order mark is not content */
	{
		json_t *j = edit_ok(doc, KR_EDIT_MERGE, "persons", "p2", "\xEF\xBB\xBF{\"name\":\"S\"}",
		                    NULL);
		json_decref(j);
	}
	free(doc);
}

static void bad_calls(void **state)
{
	char *doc = example(EX1);
	struct res r;
	struct kr_edit e = { KR_EDIT_ADD, "persons", NULL, "{}", 2 };
	char *out = (char *)1;
	size_t len = 5;
	(void)state;

	edit_fails(doc, KR_EDIT_ADD, "people", NULL, "{}", KR_EUSAGE, &r);
	assert_non_null(strstr(r.err.message, "people"));
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, NULL, NULL, "{}", KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "case", NULL, "{}", KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "plan", NULL, "{}", KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "plan", NULL, NULL, KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "safety_map", NULL, NULL, KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "case", "x", "{}", KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_ADD, "persons", "p30", "{}", KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REPLACE, "persons", NULL, "{}", KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_REMOVE, "ties", NULL, NULL, KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, KR_EDIT_MERGE, "persons", "p2", NULL, KR_EUSAGE, &r);
	res_free(&r);
	edit_fails(doc, (enum kr_edit_op)7, "persons", "p2", "{}", KR_EUSAGE, &r);
	res_free(&r);
	/* a body with REMOVE is ignored */
	{
		json_t *j = edit_ok(doc, KR_EDIT_REMOVE, "ties", "0", "not json", NULL);
		json_decref(j);
	}
	/* missing out-pointers; NULL err */
	assert_int_equal(kr_case_edit(doc, strlen(doc), &e, NULL, &len, NULL, NULL), KR_EUSAGE);
	assert_int_equal(kr_case_edit(doc, strlen(doc), NULL, &out, &len, NULL, NULL), KR_EUSAGE);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_int_equal(kr_case_edit(doc, strlen(doc), &e, &out, &len, NULL, NULL), KR_OK);
	free(out);
	/* a document that is not JSON, or not an object */
	edit_fails("{\"format\":", KR_EDIT_ADD, "persons", NULL, "{}", KR_EINVAL, &r);
	res_free(&r);
	edit_fails("[]", KR_EDIT_ADD, "persons", NULL, "{}", KR_EINVAL, &r);
	res_free(&r);
	free(doc);
}

/* A result over KR_CASE_MAX_BYTES is refused with KR_ETOOBIG. */
static void result_too_big(void **state)
{
	const char *head = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"c\","
	                   "\"notes\":\"";
	const char *tail = "\"},\"persons\":[{\"id\":\"c\"}]}";
	size_t n = KR_CASE_MAX_BYTES - 1000, hl = strlen(head), tl = strlen(tail);
	char *doc = malloc(n + 1), *body = malloc(4096);
	struct kr_edit e = { KR_EDIT_ADD, "persons", NULL, NULL, 0 };
	struct kr_error err;
	char *out = NULL;
	size_t len = 0;
	(void)state;

	assert_non_null(doc);
	assert_non_null(body);
	memcpy(doc, head, hl);
	memset(doc + hl, 'a', n - hl - tl);
	memcpy(doc + n - tl, tail, tl + 1);
	memcpy(body, "{\"name\":\"", 9);
	memset(body + 9, 'b', 2000);
	memcpy(body + 2009, "\"}", 3);
	e.body = body;
	e.body_len = strlen(body);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_edit(doc, n, &e, &out, &len, NULL, &err), KR_ETOOBIG);
	assert_null(out);
	kr_error_cleanup(&err);
	/* the document itself over the limit */
	assert_int_equal(kr_case_edit(doc, KR_CASE_MAX_BYTES + 1, &e, &out, &len, NULL, NULL),
	                 KR_ETOOBIG);
	free(doc);
	free(body);
}

/* The input is never changed, whatever the edit. */
static void input_unchanged(void **state)
{
	char *doc = example(EX3), *copy = strdup(doc);
	struct res r;
	(void)state;

	edit(doc, KR_EDIT_MERGE, "persons", "p2", "{\"name\":\"X\",\"born\":null}", &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	edit(doc, KR_EDIT_REMOVE, "ties", "0", NULL, &r);
	res_free(&r);
	edit(doc, KR_EDIT_REPLACE, "plan", NULL, "{}", &r);
	res_free(&r);
	edit(doc, KR_EDIT_ADD, "persons", NULL, "{\"id\":\"p1\"}", &r);
	res_free(&r);
	edit(doc, KR_EDIT_MERGE, "case", NULL, "{\"ref\":\"other\"}", &r);
	res_free(&r);
	assert_string_equal(doc, copy);
	free(copy);
	free(doc);
}

/* ---- all examples and 100 generated cases ---- */

/* Adds a person and a tie with the child, checks both, removes the tie
 * then the person: the original document, byte for byte. */
static void add_remove_round(const char *text, const char *what)
{
	char *doc = compact(text), *nid = NULL, *tid = NULL, body[200], *s1, *s2;
	json_t *orig = parsed(doc), *j;
	const char *child = json_string_value(at(orig, "case.child"));
	struct res r;

	j = edit_ok(doc, KR_EDIT_ADD, "persons", NULL,
	            "{\"name\":\"Buurvrouw Ans\",\"sex\":\"f\",\"roles\":[\"neighbour\"],"
	            "\"world\":\"shared\",\"segment\":\"neighbourhood\"}", &nid);
	s1 = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	json_decref(j);
	snprintf(body, sizeof body, "{\"a\":\"%s\",\"b\":\"%s\",\"strength\":\"normal\","
	         "\"quality\":\"positive\",\"frequency\":\"weekly\"}", child, nid);
	j = edit_ok(s1, KR_EDIT_ADD, "ties", NULL, body, &tid);
	assert_int_equal(json_array_size(json_object_get(j, "ties")),
	                 json_array_size(json_object_get(orig, "ties")) + 1);
	s2 = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	json_decref(j);

	/* the person cannot go while the tie is there */
	edit_fails(s2, KR_EDIT_REMOVE, "persons", nid, NULL, KR_EINVAL, &r);
	assert_int_equal(r.err.ndetails, 1);
	res_free(&r);

	edit(s2, KR_EDIT_REMOVE, "ties", tid, NULL, &r);
	assert_int_equal(r.rc, KR_OK);
	assert_string_equal(r.out, s1);
	free(s2);
	s2 = r.out;
	r.out = NULL;
	res_free(&r);
	edit(s2, KR_EDIT_REMOVE, "persons", nid, NULL, &r);
	assert_int_equal(r.rc, KR_OK);
	{
		char *want = with_retired(doc, nid);
		if (strcmp(r.out, want) != 0)
			fail_msg("%s: add + remove did not give the original back (with the id "
			         "retired)", what);
		free(want);
	}
	res_free(&r);

	/* a merge that sets nothing new changes nothing */
	edit(doc, KR_EDIT_MERGE, "case", NULL, "{}", &r);
	assert_int_equal(r.rc, KR_OK);
	assert_string_equal(r.out, doc);
	res_free(&r);

	free(s1);
	free(s2);
	free(nid);
	free(tid);
	json_decref(orig);
	free(doc);
}

static void examples(void **state)
{
	glob_t g;
	(void)state;
	if (glob("examples/*.json", 0, NULL, &g) != 0)
		fail_msg("no examples/*.json found (run from the repository root)");
	assert_true(g.gl_pathc >= 6);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *text = tu_read_file(g.gl_pathv[i], NULL);
		add_remove_round(text, g.gl_pathv[i]);
		free(text);
	}
	globfree(&g);
}

static void generated(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 100; i++) {
		char *text = NULL, what[64];
		assert_int_equal(kr_generate_case(7, i, tu_day("2026-12-01"), &text, NULL), KR_OK);
		snprintf(what, sizeof what, "generated case %lu", i);
		add_remove_round(text, what);
		free(text);
	}
}

/* ---- Dutch ---- */

static void assert_message(const struct res *r, const char *text)
{
	if (strcmp(r->err.message, text) != 0) {
		dump_err(r);
		fail_msg("message is not: %s", text);
	}
}

/* One refused edit with its message and (unless NULL) one of its details. */
struct refusal {
	int doc;            /* index into the documents of dutch_messages() */
	enum kr_edit_op op;
	const char *coll, *id, *body;
	enum kr_status rc;
	const char *message, *detail;
};

/* Every kind of refusal once with the messages in Dutch. */
static void dutch_messages(void **state)
{
	static const char *const known = "(bekend zijn: persons, placements, meetings, wishes, "
		"goals, agreements, kinship, ties, events, case, plan, safety_map, support)";
	static const struct refusal t[] = {
		/* the call */
		{ 0, KR_EDIT_ADD, "people", NULL, "{}", KR_EUSAGE, "onbekend onderdeel \"people\" ",
		  NULL },
		{ 0, KR_EDIT_ADD, NULL, NULL, "{}", KR_EUSAGE, "onbekend onderdeel \"(geen)\" ", NULL },
		{ 0, (enum kr_edit_op)7, "persons", "p2", "{}", KR_EUSAGE,
		  "onbekende soort wijziging 7", NULL },
		{ 0, KR_EDIT_ADD, "case", NULL, "{}", KR_EUSAGE, "toevoegen kan niet bij case: dit "
		  "onderdeel (dossiergegevens) is één geheel; vervang het of pas het aan", NULL },
		{ 0, KR_EDIT_REMOVE, "safety_map", NULL, NULL, KR_EUSAGE, "verwijderen kan niet bij "
		  "safety_map: dit onderdeel (Signs of Safety-kaart) is één geheel; vervang het of "
		  "pas het aan", NULL },
		{ 0, KR_EDIT_MERGE, "plan", "x", "{}", KR_EUSAGE, "dit onderdeel (plan) is één geheel "
		  "en heeft geen items (\"x\"); laat het id weg", NULL },
		{ 0, KR_EDIT_ADD, "persons", "p30", "{}", KR_EUSAGE, "een nieuw item in persons krijgt "
		  "vanzelf een plaats; laat het id weg", NULL },
		{ 0, KR_EDIT_REPLACE, "persons", NULL, "{}", KR_EUSAGE, "welk item van persons wil je "
		  "vervangen? het id ontbreekt", NULL },
		{ 0, KR_EDIT_MERGE, "persons", "p2", NULL, KR_EUSAGE, "voor deze wijziging is inhoud "
		  "nodig (een JSON-object)", NULL },
		/* the body and the document */
		{ 0, KR_EDIT_ADD, "persons", NULL, "{\"name\": \"A\",\n  \"sex\" \"f\"}", KR_EINVAL,
		  "de inhoud is geen geldige JSON", "body: regel 2, kolom 11: hier hoort een dubbele "
		  "punt (':') te staan (bij '\"f\"')" },
		{ 0, KR_EDIT_REPLACE, "ties", "0", "[1,2]", KR_EINVAL, "de inhoud moet een JSON-object "
		  "({...}) zijn", "body: hier hoort een object ({...}), maar er staat een lijst" },
		{ 4, KR_EDIT_ADD, "persons", NULL, "{}", KR_EINVAL, "het dossier is geen geldige JSON",
		  "regel 1, kolom 10: hier hoort een waarde te staan (aan het einde)" },
		{ 5, KR_EDIT_ADD, "persons", NULL, "{}", KR_EINVAL, "het dossier is geen JSON-object",
		  "het document moet een JSON-object ({...}) zijn, maar het is een lijst" },
		/* items that are not there */
		{ 0, KR_EDIT_REPLACE, "persons", "p99", "{}", KR_ENOTFOUND,
		  "dit dossier heeft geen persoon \"p99\"", NULL },
		{ 0, KR_EDIT_REMOVE, "ties", "x", NULL, KR_ENOTFOUND, "\"x\" is geen item van ties "
		  "(de items hebben de nummers 0, 1, 2, ...)", NULL },
		{ 1, KR_EDIT_REMOVE, "goals", "g1", NULL, KR_ENOTFOUND, "dit dossier heeft nog geen "
		  "plan, dus ook geen doel \"g1\"", NULL },
		{ 2, KR_EDIT_REMOVE, "goals", "g1", NULL, KR_ENOTFOUND, "dit dossier heeft geen doel "
		  "\"g1\" (goals is leeg)", NULL },
		{ 2, KR_EDIT_REMOVE, "ties", "0", NULL, KR_ENOTFOUND, "ties heeft geen item \"0\" (de "
		  "lijst is leeg)", NULL },
		/* ids, case.ref, references, the child */
		{ 0, KR_EDIT_ADD, "persons", NULL, "{\"id\":\"p4\",\"name\":\"X\"}", KR_EINVAL,
		  "er is al een persoon met dit id", "persons[21].id: id \"p4\" is al in gebruik bij "
		  "persons[3]; kies een ander id of laat het weg" },
		{ 0, KR_EDIT_REPLACE, "persons", "p6", "{\"id\":\"p60\"}", KR_EINVAL,
		  "het id kan niet veranderen", "persons[5].id: het id kan niet veranderen (het is "
		  "\"p6\"; in de inhoud staat \"p60\"); laat het weg of laat het zo" },
		{ 0, KR_EDIT_MERGE, "goals", "g2", "{\"id\":null}", KR_EINVAL,
		  "het id kan niet veranderen", "plan.goals[1].id: het id kan niet veranderen (het is "
		  "\"g2\"; in de inhoud staat null); laat het weg of laat het zo" },
		{ 0, KR_EDIT_MERGE, "case", NULL, "{\"ref\":\"PZ-1\"}", KR_EINVAL,
		  "het dossiernummer kan niet veranderen", "case.ref: het dossiernummer kan niet "
		  "veranderen (het is \"PZ-2026-0101\"; in de inhoud staat \"PZ-1\"); laat het weg of "
		  "laat het zo" },
		{ 3, KR_EDIT_REMOVE, "persons", "p2", NULL, KR_EINVAL, "persoon \"p2\" kan niet weg: "
		  "er verwijzen nog 2 onderdelen naar; pas die eerst aan of haal ze weg",
		  "ties[1].a: verwijst nog naar p2" },
		{ 3, KR_EDIT_REMOVE, "placements", "pl1", NULL, KR_EINVAL, "plaatsing \"pl1\" kan niet "
		  "weg: er verwijst nog 1 onderdeel naar; pas dat eerst aan of haal het weg",
		  "events[0].placement: verwijst nog naar pl1" },
		{ 3, KR_EDIT_REMOVE, "persons", "p1", NULL, KR_EINVAL, "het kind van het dossier kan "
		  "niet weg", "case.child: p1 is het kind van dit dossier en kan niet weg" },
		/* a result the validator refuses: its details, in Dutch */
		{ 0, KR_EDIT_MERGE, "persons", "p2", "{\"born\":\"2025-02-30\",\"sex\":\"q\"}",
		  KR_EINVAL, "de wijziging maakt het dossier ongeldig (2 problemen)",
		  "persons[1].sex: onbekende waarde \"q\"; kies uit: m, f, x, unknown" },
	};
	char *ex1 = example(EX1), *ex2 = example(EX2);
	const char *docs[] = { ex1, ex2,
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"c\"},"
		"\"persons\":[{\"id\":\"c\"}],\"plan\":{}}",
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-REF\",\"child\":\"p1\"},"
		"\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"}],"
		"\"ties\":[{\"a\":\"p1\",\"b\":\"p2\"},{\"a\":\"p2\",\"b\":\"p3\"}],"
		"\"placements\":[{\"id\":\"pl1\",\"start\":\"2024\"}],"
		"\"events\":[{\"date\":\"2024\",\"type\":\"placement_start\",\"placement\":\"pl1\"}]}",
		"{\"format\":", "[]" };
	json_t *o = parsed(ex1);
	size_t n = KR_EDIT_MAX_BODY + 1, nties = json_array_size(json_object_get(o, "ties"));
	char *big, want[300];
	struct res r;
	(void)state;

	edit_lang = KR_LANG_NL;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		edit_fails(docs[t[i].doc], t[i].op, t[i].coll, t[i].id, t[i].body, t[i].rc, &r);
		snprintf(want, sizeof want, "%s%s", t[i].message,
		         t[i].rc == KR_EUSAGE && strstr(t[i].message, "onderdeel \"") ? known : "");
		assert_message(&r, want);
		if (t[i].detail)
			assert_detail(&r, t[i].detail);
		res_free(&r);
	}
	edit_fails(docs[0], KR_EDIT_REMOVE, "ties", "9999", NULL, KR_ENOTFOUND, &r);
	snprintf(want, sizeof want, "ties heeft geen item 9999 (het heeft er %zu, genummerd "
	         "vanaf 0)", nties);
	assert_message(&r, want);
	res_free(&r);
	edit_fails(docs[0], KR_EDIT_ADD, "ties", NULL, "{\"a\":\"p1\",\"b\":\"p99\"}", KR_EINVAL,
	           &r);
	assert_message(&r, "de wijziging maakt het dossier ongeldig (1 probleem)");
	snprintf(want, sizeof want, "ties[%zu].b: onbekende persoon \"p99\"", nties);
	assert_detail(&r, want);
	res_free(&r);
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	big[n] = '\0';
	edit_fails(docs[0], KR_EDIT_ADD, "persons", NULL, big, KR_ETOOBIG, &r);
	assert_message(&r, "de inhoud is 1048577 bytes; er mag hoogstens 1048576 bytes (1 MiB) in");
	res_free(&r);
	free(big);
	/* and in English, as before */
	edit_lang = KR_LANG_EN;
	edit_fails(docs[0], KR_EDIT_MERGE, "persons", "p2", "{\"born\":\"2025-02-30\",\"sex\":\"q\"}",
	           KR_EINVAL, &r);
	assert_message(&r, "the change makes the case invalid (2 problems)");
	res_free(&r);
	json_decref(o);
	free(ex1);
	free(ex2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(collections),
		cmocka_unit_test(id_collections),
		cmocka_unit_test(replace_keeps_place),
		cmocka_unit_test(index_collections),
		cmocka_unit_test(fresh_ids),
		cmocka_unit_test(duplicate_id),
		cmocka_unit_test(unknown_id),
		cmocka_unit_test(id_cannot_change),
		cmocka_unit_test(merge_semantics),
		cmocka_unit_test(untouched_bytes),
		cmocka_unit_test(remove_referenced),
		cmocka_unit_test(remove_after_references),
		cmocka_unit_test(person_ids_not_reused),
		cmocka_unit_test(case_header),
		cmocka_unit_test(plan_object),
		cmocka_unit_test(safety_map),
		cmocka_unit_test(plan_created),
		cmocka_unit_test(section_order),
		cmocka_unit_test(bad_bodies),
		cmocka_unit_test(bad_calls),
		cmocka_unit_test(result_too_big),
		cmocka_unit_test(input_unchanged),
		cmocka_unit_test(examples),
		cmocka_unit_test(generated),
		cmocka_unit_test(dutch_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
