/*
 * test_validate.c - kr_case_read() refuses every kind of bad case document
 * with KR_EINVAL (or KR_ETOOBIG) and one exact "path: message" detail per
 * problem, reports all problems of a document at once, accepts what the
 * format allows (partial dates, a leap day, unknown keys) and keeps unknown
 * keys through read -> kr_case_dump -> read.
 *
 * Most tests start from tests/data/valid/full.json (the example of
 * docs/case-format.md plus some unknown keys), change one thing with
 * edit() and check the details.  The files in tests/data/invalid/ are
 * checked too: each NAME.json must give exactly the details listed in
 * NAME.expect (one per line), the same files the CLI tests import.
 *
 * Messages come in the language of the error record: the checks above are
 * in English (kr_error_init_lang(..., KR_LANG_EN)); dutch_messages() asks
 * every kind of problem once in Dutch, and every file of tests/data/invalid
 * must give the same paths in Dutch as in English, each in other words.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdbool.h>

#include <jansson.h>

#include "testutil.h"

#define FULL "tests/data/valid/full.json"

/* ---- helpers ---- */

static json_t *load_json(const char *path)
{
	json_error_t je;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		fail_msg("%s: line %d: %s", path, je.line, je.text);
	return doc;
}

static json_t *full(void)
{
	return load_json(FULL);
}

/* Sets the value at path ("ties[0].b", "persons[7]", "case.child") to the
 * JSON text value, or removes it when value is NULL.  An index equal to
 * the list's length appends.  Fails the test when the path does not fit. */
static void edit(json_t *doc, const char *path, const char *value)
{
	char key[128];
	const char *p = path;
	json_t *cur = doc, *v = NULL;
	json_error_t je;

	if (value && !(v = json_loads(value, JSON_DECODE_ANY, &je)))
		fail_msg("edit %s: bad value %s: %s", path, value, je.text);
	while (*p) {
		size_t n = 0;
		bool index = false;
		char *end;
		long ix = -1;

		if (*p == '.')
			p++;
		if (*p == '[') {
			index = true;
			ix = strtol(p + 1, &end, 10);
			if (*end != ']')
				fail_msg("edit: bad path %s", path);
			p = end + 1;
		} else {
			while (p[n] && p[n] != '.' && p[n] != '[' && n + 1 < sizeof key) {
				key[n] = p[n];
				n++;
			}
			key[n] = '\0';
			p += n;
		}
		if (!*p) {   /* the last step: set or remove */
			int rc;
			if (index && json_is_array(cur) && (size_t)ix == json_array_size(cur))
				rc = v ? json_array_append_new(cur, v) : -1;
			else if (index && json_is_array(cur))
				rc = v ? json_array_set_new(cur, (size_t)ix, v)
				       : json_array_remove(cur, (size_t)ix);
			else if (!index && json_is_object(cur))
				rc = v ? json_object_set_new(cur, key, v) : json_object_del(cur, key);
			else
				rc = -1;
			if (rc)
				fail_msg("edit: cannot set %s", path);
			return;
		}
		cur = index ? json_array_get(cur, (size_t)ix) : json_object_get(cur, key);
		if (!cur)
			fail_msg("edit: no %s in the document", path);
	}
}

/* Reads JSON text; returns the status, checks that *out is NULL on failure
 * and frees the case on success. */
static enum kr_status read_text(const char *text, size_t len, struct kr_error *err)
{
	struct kr_case *c = (struct kr_case *)1;
	enum kr_status rc = kr_case_read(text, len, &c, err);
	if (rc)
		assert_null(c);
	else
		assert_non_null(c);
	kr_case_free(c);
	return rc;
}

static enum kr_status read_doc(json_t *doc, struct kr_error *err)
{
	char *text = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(1));
	enum kr_status rc;
	assert_non_null(text);
	rc = read_text(text, strlen(text), err);
	free(text);
	return rc;
}

static void print_details(const struct kr_error *err)
{
	fprintf(stderr, "  status message: %s\n", err->message);
	for (size_t i = 0; i < err->ndetails; i++)
		fprintf(stderr, "  detail: %s\n", err->details[i]);
}

static bool has_detail(const struct kr_error *err, const char *d)
{
	for (size_t i = 0; i < err->ndetails; i++)
		if (strcmp(err->details[i], d) == 0)
			return true;
	return false;
}

/* True when err holds exactly the n details in want (in any order); else
 * prints what differs. */
static bool details_match(const struct kr_error *err, const char *what, const char **want,
                          size_t n)
{
	bool ok = err->ndetails == n && err->ndropped == 0;
	for (size_t i = 0; i < n; i++)
		if (!has_detail(err, want[i])) {
			fprintf(stderr, "%s: missing detail: %s\n", what, want[i]);
			ok = false;
		}
	if (!ok) {
		fprintf(stderr, "%s: wanted %zu detail(s), got %zu:\n", what, n, err->ndetails);
		print_details(err);
	}
	return ok;
}

static void check_details(const struct kr_error *err, const char *what, const char **want,
                          size_t n)
{
	if (!details_match(err, what, want, n))
		fail_msg("%s: wrong details", what);
}

/* The document must be refused with KR_EINVAL and exactly the details
 * given (a NULL-terminated list), in lang. */
static void expect_problems_v(json_t *doc, enum kr_lang lang, const char *what, va_list ap)
{
	const char *want[64];
	size_t n = 0;
	struct kr_error err;
	enum kr_status rc;
	char msg[64];

	while (n < 64 && (want[n] = va_arg(ap, const char *)))
		n++;
	kr_error_init_lang(&err, lang);
	rc = read_doc(doc, &err);
	if (rc != KR_EINVAL) {
		print_details(&err);
		fail_msg("%s: status %d (%s), wanted KR_EINVAL", what, (int)rc, kr_status_name(rc));
	}
	check_details(&err, what, want, n);
	if (lang == KR_LANG_EN)
		snprintf(msg, sizeof msg, "the case document has %zu problem%s", n,
		         n == 1 ? "" : "s");
	else
		snprintf(msg, sizeof msg, "het dossier heeft %zu %s", n,
		         n == 1 ? "probleem" : "problemen");
	assert_string_equal(err.message, msg);
	kr_error_cleanup(&err);
}

static void expect_problems(json_t *doc, const char *what, ...)
{
	va_list ap;
	va_start(ap, what);
	expect_problems_v(doc, KR_LANG_EN, what, ap);
	va_end(ap);
}

/* The same with the messages in Dutch. */
static void expect_problems_nl(json_t *doc, const char *what, ...)
{
	va_list ap;
	va_start(ap, what);
	expect_problems_v(doc, KR_LANG_NL, what, ap);
	va_end(ap);
}

/* The document must be accepted. */
static void expect_ok(json_t *doc, const char *what)
{
	struct kr_error err;
	enum kr_status rc;

	kr_error_init_lang(&err, KR_LANG_EN);
	rc = read_doc(doc, &err);
	if (rc != KR_OK) {
		print_details(&err);
		fail_msg("%s: refused (%s), wanted it accepted", what, kr_status_name(rc));
	}
	kr_error_cleanup(&err);
}

/* full.json with one edit must be refused with exactly one detail, in
 * lang. */
static void one_edit_lang(enum kr_lang lang, const char *path, const char *value,
                          const char *detail)
{
	json_t *doc = full();
	char what[200];
	snprintf(what, sizeof what, "%s = %s", path, value ? value : "(removed)");
	edit(doc, path, value);
	if (lang == KR_LANG_EN)
		expect_problems(doc, what, detail, NULL);
	else
		expect_problems_nl(doc, what, detail, NULL);
	json_decref(doc);
}

static void one_edit(const char *path, const char *value, const char *detail)
{
	one_edit_lang(KR_LANG_EN, path, value, detail);
}

/* full.json with one edit must be accepted. */
static void one_edit_ok(const char *path, const char *value)
{
	json_t *doc = full();
	char what[200];
	snprintf(what, sizeof what, "%s = %s", path, value ? value : "(removed)");
	edit(doc, path, value);
	expect_ok(doc, what);
	json_decref(doc);
}

/* A small case with persons a, b, c, d and no birth dates, for kinship. */
static json_t *family(void)
{
	json_error_t je;
	json_t *doc = json_loads(
		"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-FAM\",\"child\":\"a\"},"
		"\"persons\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"}],"
		"\"kinship\":[]}", 0, &je);
	assert_non_null(doc);
	return doc;
}

static void add_parent(json_t *doc, const char *parent, const char *child, const char *kind)
{
	json_t *k = json_pack("{s:s, s:s, s:s}", "type", "parent", "parent", parent,
	                      "child", child);
	assert_non_null(k);
	if (kind)
		json_object_set_new(k, "kind", json_string(kind));
	json_array_append_new(json_object_get(doc, "kinship"), k);
}

/* ---- the base documents are valid ---- */

static void valid_files_pass(void **state)
{
	DIR *d = opendir("tests/data/valid");
	struct dirent *e;
	char path[512];
	size_t n = 0;
	(void)state;

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		json_t *doc;
		if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
			continue;
		snprintf(path, sizeof path, "tests/data/valid/%s", e->d_name);
		doc = load_json(path);
		expect_ok(doc, path);
		json_decref(doc);
		n++;
	}
	closedir(d);
	assert_true(n >= 3);
}

/* ---- JSON itself ---- */

static void json_syntax_error(void **state)
{
	/* The comma on line 3 stands in column 11. */
	const char *t1 = "{\n  \"format\": \"kring-case/1\",\n  \"case\": ,\n  \"persons\": []\n}\n";
	/* Line 1 ends after the brace; the missing value is at line 2, col 1. */
	const char *t2 = "{\"format\": \"kring-case/1\", \"case\":\n}";
	/* A multi-byte letter before the error counts as one column: the
	 * stray 'x' after "é" is the 14th character of line 2. */
	const char *t3 = "{\n\"notes\": \"é\" x}";
	const char *t4 = "";
	struct kr_error err;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(read_text(t1, strlen(t1), &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_string_equal(err.message, "the document is not valid JSON");
	if (strncmp(err.details[0], "line 3, column 11: ", 19)) {
		print_details(&err);
		fail_msg("wanted line 3, column 11");
	}
	kr_error_cleanup(&err);

	assert_int_equal(read_text(t2, strlen(t2), &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	if (strncmp(err.details[0], "line 2, column 1: ", 18)) {
		print_details(&err);
		fail_msg("wanted line 2, column 1");
	}
	kr_error_cleanup(&err);

	assert_int_equal(read_text(t3, strlen(t3), &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	if (strncmp(err.details[0], "line 2, column 14: ", 19)) {
		print_details(&err);
		fail_msg("wanted line 2, column 14");
	}
	kr_error_cleanup(&err);

	/* Empty input and text that is cut off are syntax errors too. */
	assert_int_equal(read_text(t4, 0, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_true(strncmp(err.details[0], "line ", 5) == 0);
	kr_error_cleanup(&err);
	assert_int_equal(read_text(t1, 20, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_true(strncmp(err.details[0], "line ", 5) == 0);
	kr_error_cleanup(&err);

	/* The length counts, not a NUL: bytes after len are never read. */
	assert_int_equal(read_text("{}garbage", 2, &err), KR_EINVAL);
	assert_true(has_detail(&err, "format: is required"));
	kr_error_cleanup(&err);
}

static void json_duplicate_key(void **state)
{
	const char *t = "{\"format\": \"kring-case/1\",\n \"case\": {\"ref\": \"X\", \"child\": \"c\", "
	                "\"ref\": \"Y\"},\n \"persons\": [{\"id\": \"c\"}]}";
	struct kr_error err;
	(void)state;

	int col = 0;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(read_text(t, strlen(t), &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	/* The second "ref" stands in columns 37 to 41 of line 2 (jansson
	 * names the column of a token's last character). */
	if (sscanf(err.details[0], "line 2, column %d: ", &col) != 1 || col < 37 || col > 41 ||
	    !strstr(err.details[0], ": duplicate object key near '\"ref\"'")) {
		print_details(&err);
		fail_msg("wanted a duplicate key error at line 2, columns 37-41");
	}
	kr_error_cleanup(&err);
}

static void not_an_object(void **state)
{
	struct kr_error err;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(read_text("[]", 2, &err), KR_EINVAL);
	{
		const char *want[] = { "the document must be a JSON object, found a list" };
		check_details(&err, "[]", want, 1);
	}
	kr_error_cleanup(&err);
	/* A bare value is not a document at all. */
	assert_int_equal(read_text("\"kring\"", 7, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	kr_error_cleanup(&err);
	assert_int_equal(read_text("42", 2, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	kr_error_cleanup(&err);
	assert_int_equal(read_text("{}", 2, &err), KR_EINVAL);
	{
		const char *want[] = { "format: is required", "persons: is required",
		                       "case: is required" };
		check_details(&err, "{}", want, 3);
	}
	kr_error_cleanup(&err);
}

static void too_big(void **state)
{
	size_t limit = KR_CASE_MAX_BYTES;
	const char *doc = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-BIG\",\"child\":\"c\"},"
	                  "\"persons\":[{\"id\":\"c\"}]}";
	char *text = malloc(limit + 2);
	struct kr_error err;
	(void)state;

	assert_int_equal(limit, 16u * 1024u * 1024u);
	assert_non_null(text);
	memset(text, ' ', limit + 1);
	memcpy(text, doc, strlen(doc));
	text[limit + 1] = '\0';
	kr_error_init_lang(&err, KR_LANG_EN);
	/* Exactly 16 MiB (a valid document padded with spaces) is allowed... */
	assert_int_equal(read_text(text, limit, &err), KR_OK);
	kr_error_cleanup(&err);
	/* ...one byte more is not, whatever it holds. */
	assert_int_equal(read_text(text, limit + 1, &err), KR_ETOOBIG);
	assert_non_null(strstr(err.message, "16 MiB"));
	kr_error_cleanup(&err);
	memset(text, '[', limit + 1);
	assert_int_equal(read_text(text, limit + 1, &err), KR_ETOOBIG);
	kr_error_cleanup(&err);
	free(text);
}

/* ---- the top level ---- */

static void wrong_format(void **state)
{
	(void)state;
	one_edit("format", "\"kring-case/2\"",
	         "format: \"kring-case/2\" is not a format kring reads (expected \"kring-case/1\")");
	one_edit("format", "\"\"",
	         "format: \"\" is not a format kring reads (expected \"kring-case/1\")");
	one_edit("format", NULL, "format: is required");
	one_edit("format", "1", "format: expected text, found a number");
}

static void missing_required(void **state)
{
	json_t *doc;
	(void)state;

	one_edit("case", NULL, "case: is required");
	one_edit("case.ref", NULL, "case.ref: is required");
	one_edit("case.ref", "null", "case.ref: is required");
	one_edit("case.child", NULL, "case.child: is required");
	/* Without persons, case.child cannot be resolved either. */
	doc = load_json("tests/data/valid/minimal.json");
	edit(doc, "persons", NULL);
	expect_problems(doc, "no persons", "persons: is required",
	                "case.child: unknown person \"c\"", NULL);
	edit(doc, "persons", "[]");
	expect_problems(doc, "empty persons", "persons: must hold at least the child",
	                "case.child: unknown person \"c\"", NULL);
	json_decref(doc);
	/* Required inside items. */
	one_edit("persons[7]", "{\"name\": \"Zonder id\"}", "persons[7].id: is required");
	one_edit("placements[0].start", NULL, "placements[0].start: is required");
	one_edit("events[0].date", NULL, "events[0].date: is required");
	one_edit("events[0].type", NULL, "events[0].type: is required");
	one_edit("kinship[4].type", NULL, "kinship[4].type: is required");
	one_edit("ties[2].a", NULL, "ties[2].a: is required");
	one_edit("plan.safety_map.scale[0].date", NULL,
	         "plan.safety_map.scale[0].date: is required");
}

static void bad_ref(void **state)
{
	char long65[66];
	const char *tail = "\" must be 1 to 64 letters, digits, '-', '_' or '.'";
	const char *refs[] = { "PZ 2025/42", "", "PZ-2025-é", "../etc", "a;b", "PZ+1", long65 };
	char value[128], detail[256];
	(void)state;

	memset(long65, 'x', 65);
	long65[65] = '\0';

	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		snprintf(value, sizeof value, "\"%s\"", refs[i]);
		snprintf(detail, sizeof detail, "case.ref: \"%s%s", refs[i], tail);
		one_edit("case.ref", value, detail);
	}
	one_edit("case.ref", "42", "case.ref: expected text, found a number");
	/* 64 characters of the allowed kinds are fine. */
	memset(value, 0, sizeof value);
	value[0] = '"';
	memset(value + 1, 'Z', 64);
	memcpy(value + 1, "A-b_c.9", 7);
	value[65] = '"';
	one_edit_ok("case.ref", value);
}

/* ---- identity and references ---- */

static void duplicate_ids(void **state)
{
	(void)state;
	one_edit("persons[7]", "{\"id\": \"p1\"}",
	         "persons[7].id: duplicate person id \"p1\" (also used by item 0)");
	one_edit("placements[1]", "{\"id\": \"pl1\", \"start\": \"2024-01-01\"}",
	         "placements[1].id: duplicate placement id \"pl1\" (also used by item 0)");
	one_edit("meetings[1]", "{\"id\": \"m1\"}",
	         "meetings[1].id: duplicate meeting id \"m1\" (also used by item 0)");
	one_edit("plan.wishes[1]", "{\"id\": \"w1\"}",
	         "plan.wishes[1].id: duplicate wish id \"w1\" (also used by item 0)");
	one_edit("plan.goals[1]", "{\"id\": \"g1\"}",
	         "plan.goals[1].id: duplicate goal id \"g1\" (also used by item 0)");
	one_edit("plan.agreements[1]", "{\"id\": \"a1\"}",
	         "plan.agreements[1].id: duplicate agreement id \"a1\" (also used by item 0)");
	one_edit("persons[7]", "{\"id\": \"\"}", "persons[7].id: must be 1 to 64 characters");
	one_edit("persons[7]", "{\"id\": 7}", "persons[7].id: expected text, found a number");
	{
		/* {"id": "qqq..."} with 65, then 64 letters. */
		char value[80];
		memset(value, 'q', sizeof value);
		memcpy(value, "{\"id\": \"", 8);
		memcpy(value + 8 + 65, "\"}", 3);
		one_edit("persons[7]", value, "persons[7].id: must be 1 to 64 characters");
		memcpy(value + 8 + 64, "\"}", 3);
		one_edit_ok("persons[7]", value);
	}
	/* Ids are per list: a meeting may share an id with a person. */
	one_edit_ok("meetings[0].id", "\"p1\"");
}

/* Each reference on its own, then all together. */
static const struct { const char *path, *value, *detail; } dangling[] = {
	{ "case.child", "\"p99\"", "case.child: unknown person \"p99\"" },
	{ "kinship[0].parent", "\"p99\"", "kinship[0].parent: unknown person \"p99\"" },
	{ "kinship[1].child", "\"p98\"", "kinship[1].child: unknown person \"p98\"" },
	{ "kinship[4].a", "\"p97\"", "kinship[4].a: unknown person \"p97\"" },
	{ "kinship[4].b", "\"p96\"", "kinship[4].b: unknown person \"p96\"" },
	{ "ties[0].a", "\"p95\"", "ties[0].a: unknown person \"p95\"" },
	{ "ties[2].b", "\"p99\"", "ties[2].b: unknown person \"p99\"" },
	{ "placements[0].carers[0]", "\"p94\"", "placements[0].carers[0]: unknown person \"p94\"" },
	{ "placements[0].children", "[\"p4\", \"p93\"]",
	  "placements[0].children[1]: unknown person \"p93\"" },
	{ "events[1].person", "\"p92\"", "events[1].person: unknown person \"p92\"" },
	{ "events[2].placement", "\"pl9\"", "events[2].placement: unknown placement \"pl9\"" },
	{ "meetings[0].invited[2]", "\"p91\"", "meetings[0].invited[2]: unknown person \"p91\"" },
	{ "meetings[0].attended[3]", "\"p90\"",
	  "meetings[0].attended[3]: unknown person \"p90\"" },
	{ "plan.wishes[0].by", "\"p89\"", "plan.wishes[0].by: unknown person \"p89\"" },
	{ "plan.agreements[0].who[0]", "\"p88\"",
	  "plan.agreements[0].who[0]: unknown person \"p88\"" },
	{ "plan.agreements[0].goal", "\"g9\"", "plan.agreements[0].goal: unknown goal \"g9\"" },
	{ "plan.safety_map.scale[0].by", "\"p87\"",
	  "plan.safety_map.scale[0].by: unknown person \"p87\"" },
	/* A reference is an id (text), not a number or an object. */
	{ "ties[1].b", "4", "ties[1].b: expected the id of a person, found a number" },
	{ "events[2].placement", "{}",
	  "events[2].placement: expected the id of a placement, found an object" },
	/* The case of the letters counts. */
	{ "ties[1].a", "\"P1\"", "ties[1].a: unknown person \"P1\"" },
};

static void dangling_references(void **state)
{
	const char *want[64];
	size_t n = sizeof dangling / sizeof *dangling;
	json_t *doc;
	(void)state;

	for (size_t i = 0; i < n; i++)
		one_edit(dangling[i].path, dangling[i].value, dangling[i].detail);
	/* Together (skipping the second edit of a path already changed). */
	doc = full();
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!strcmp(dangling[i].path, "events[2].placement") && strstr(dangling[i].value, "{"))
			continue;
		edit(doc, dangling[i].path, dangling[i].value);
		want[k++] = dangling[i].detail;
		want[k] = NULL;
	}
	{
		struct kr_error err;
		kr_error_init_lang(&err, KR_LANG_EN);
		assert_int_equal(read_doc(doc, &err), KR_EINVAL);
		check_details(&err, "all dangling references", want, n - 1);
		kr_error_cleanup(&err);
	}
	json_decref(doc);
	/* Listing a person twice is refused too. */
	one_edit("meetings[0].invited[1]", "\"p1\"",
	         "meetings[0].invited[1]: person \"p1\" is listed twice");
}

/* ---- family structure ---- */

static void own_ancestor(void **state)
{
	json_t *doc;
	struct kr_error err;
	(void)state;

	/* 2-cycle: a is parent of b and b is parent of a. */
	doc = family();
	add_parent(doc, "a", "b", NULL);
	add_parent(doc, "b", "a", NULL);
	expect_problems(doc, "2-cycle",
	                "kinship[0]: \"a\" would be their own ancestor (a cycle of parent links)",
	                NULL);
	json_decref(doc);

	/* 3-cycle: a -> b -> c -> a (with kinds other than birth too). */
	doc = family();
	add_parent(doc, "a", "b", NULL);
	add_parent(doc, "b", "c", "adoptive");
	add_parent(doc, "c", "a", "step");
	expect_problems(doc, "3-cycle",
	                "kinship[0]: \"a\" would be their own ancestor (a cycle of parent links)",
	                NULL);
	json_decref(doc);

	/* A long line without a cycle is fine; closing it is not. */
	doc = family();
	add_parent(doc, "d", "c", NULL);
	add_parent(doc, "c", "b", NULL);
	add_parent(doc, "b", "a", NULL);
	expect_ok(doc, "d -> c -> b -> a");
	add_parent(doc, "a", "d", "foster");
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(read_doc(doc, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_non_null(strstr(err.details[0], "would be their own ancestor"));
	kr_error_cleanup(&err);
	json_decref(doc);

	/* Self-parent: refused at the link, and it is a cycle of one. */
	doc = family();
	add_parent(doc, "b", "b", NULL);
	expect_problems(doc, "self-parent", "kinship[0].child: a person cannot be their own parent",
	                "kinship[0]: \"b\" would be their own ancestor (a cycle of parent links)",
	                NULL);
	json_decref(doc);

	/* Nor can anyone be their own partner. */
	doc = family();
	edit(doc, "kinship[0]", "{\"type\": \"partners\", \"a\": \"c\", \"b\": \"c\"}");
	expect_problems(doc, "own partner", "kinship[0].b: a person cannot be their own partner",
	                NULL);
	json_decref(doc);

	/* Two parents of one child that are not related is no cycle. */
	doc = family();
	add_parent(doc, "b", "a", NULL);
	add_parent(doc, "c", "a", NULL);
	add_parent(doc, "d", "b", NULL);
	add_parent(doc, "d", "c", NULL);
	expect_ok(doc, "diamond");
	json_decref(doc);
}

static void born_before_parent(void **state)
{
	json_t *doc;
	(void)state;

	/* Full dates: p2 is the parent of p1 (2014-05-02) and p4 (2011). */
	one_edit("persons[3].born", "\"1988-02-03\"",
	         "kinship[2]: child \"p4\" (born 1988-02-03) is born before parent \"p2\" "
	         "(born 1989)");
	doc = full();
	edit(doc, "persons[1].born", "\"2014-05-03\"");
	expect_problems(doc, "parent born after both children",
	                "kinship[0]: child \"p1\" (born 2014-05-02) is born before parent \"p2\" "
	                "(born 2014-05-03)",
	                "kinship[2]: child \"p4\" (born 2011) is born before parent \"p2\" "
	                "(born 2014-05-03)", NULL);
	json_decref(doc);

	/* Partial dates that make it certain. */
	doc = family();
	add_parent(doc, "b", "a", NULL);
	edit(doc, "persons[0].born", "\"2014-05\"");
	edit(doc, "persons[1].born", "\"2014-06\"");
	expect_problems(doc, "partial months",
	                "kinship[0]: child \"a\" (born 2014-05) is born before parent \"b\" "
	                "(born 2014-06)", NULL);
	edit(doc, "persons[0].born", "\"2013\"");
	edit(doc, "persons[1].born", "\"2014\"");
	expect_problems(doc, "partial years",
	                "kinship[0]: child \"a\" (born 2013) is born before parent \"b\" "
	                "(born 2014)", NULL);

	/* Not certain: equal partial years, or a date inside the parent's year. */
	edit(doc, "persons[0].born", "\"2014\"");
	edit(doc, "persons[1].born", "\"2014\"");
	expect_ok(doc, "equal years");
	edit(doc, "persons[0].born", "\"2014-05\"");
	expect_ok(doc, "child's month inside the parent's year");
	edit(doc, "persons[0].born", "\"2014-01-15\"");
	edit(doc, "persons[1].born", "\"2014-01\"");
	expect_ok(doc, "child's day inside the parent's month");
	/* The first day of the parent's month leaves no room: certain. */
	edit(doc, "persons[0].born", "\"2014-01-01\"");
	expect_problems(doc, "child born on the first day of the parent's month",
	                "kinship[0]: child \"a\" (born 2014-01-01) is born before parent \"b\" "
	                "(born 2014-01)", NULL);
	/* Without a date for either, nothing to check. */
	edit(doc, "persons[1].born", NULL);
	expect_ok(doc, "no parent date");
	json_decref(doc);

	/* A foster or step parent may be younger than the child. */
	doc = family();
	add_parent(doc, "b", "a", "foster");
	add_parent(doc, "c", "a", "step");
	edit(doc, "persons[0].born", "\"2000\"");
	edit(doc, "persons[1].born", "\"2001\"");
	edit(doc, "persons[2].born", "\"2002\"");
	expect_ok(doc, "foster and step parents");
	/* An adoptive one may not. */
	add_parent(doc, "d", "a", "adoptive");
	edit(doc, "persons[3].born", "\"2003-03-03\"");
	expect_problems(doc, "adoptive parent",
	                "kinship[2]: child \"a\" (born 2000) is born before parent \"d\" "
	                "(born 2003-03-03)", NULL);
	json_decref(doc);
}

static void too_many_birth_parents(void **state)
{
	json_t *doc;
	(void)state;

	one_edit("kinship[5]", "{\"type\": \"parent\", \"parent\": \"p5\", \"child\": \"p1\"}",
	         "kinship[5]: \"p1\" would have more than two birth parents");
	one_edit("kinship[5]",
	         "{\"type\": \"parent\", \"parent\": \"p5\", \"child\": \"p1\", \"kind\": \"birth\"}",
	         "kinship[5]: \"p1\" would have more than two birth parents");
	/* Adoptive, foster and step parents come on top of the two. */
	doc = full();
	edit(doc, "kinship[5]",
	     "{\"type\": \"parent\", \"parent\": \"p5\", \"child\": \"p1\", \"kind\": \"foster\"}");
	edit(doc, "kinship[6]",
	     "{\"type\": \"parent\", \"parent\": \"p6\", \"child\": \"p1\", \"kind\": \"adoptive\"}");
	expect_ok(doc, "foster and adoptive parents besides the birth parents");
	json_decref(doc);
}

/* The same parent link twice is one problem: the child still has two
 * birth parents, so "more than two birth parents" would be wrong. */
static void duplicate_parent_link(void **state)
{
	(void)state;
	one_edit("kinship[5]", "{\"type\": \"parent\", \"parent\": \"p2\", \"child\": \"p4\"}",
	         "kinship[5]: the same parent link is already kinship[2]");
}

static void placement_ends_before_start(void **state)
{
	(void)state;
	one_edit("placements[0].end", "\"2025-01-14\"",
	         "placements[0].end: the placement ends (2025-01-14) before it starts (2025-01-15)");
	one_edit("placements[0].end", "\"2024\"",
	         "placements[0].end: the placement ends (2024) before it starts (2025-01-15)");
	/* The same day, or a partial date that may be later, is fine. */
	one_edit_ok("placements[0].end", "\"2025-01-15\"");
	one_edit_ok("placements[0].end", "\"2025-01\"");
	/* Involvement periods too. */
	one_edit("persons[6].involved[0].to", "\"2024-12-31\"",
	         "persons[6].involved[0].to: ends before it starts");
}

static void died_before_born(void **state)
{
	(void)state;
	one_edit("persons[2].died", "\"1985-12-31\"",
	         "persons[2].died: died before being born (born 1986)");
	one_edit_ok("persons[2].died", "\"1986\"");
	one_edit_ok("persons[2].died", "\"1986-01-01\"");
}

/* ---- values ---- */

static void impossible_dates(void **state)
{
	static const char *bad[] = { "2023-02-29", "2024-13-01", "2024-04-31", "24-01-01",
	                             "2024/01/01", "2024-00", "2024-1-5", "1900-02-29",
	                             "2024-02-30", "", "0999", "2024-01-01T10:00", " 2024",
	                             "2024-06-00", "２０２４" };
	static const char *where[] = { "persons[0].born", "case.opened", "placements[0].start",
	                               "events[1].date", "meetings[0].date", "plan.reviewed",
	                               "plan.agreements[0].due", "case.development_checks[0]",
	                               "kinship[4].since", "persons[6].involved[0].from",
	                               "plan.safety_map.scale[0].date", "plan.wishes[0].date",
	                               "case.perspective_decision.date" };
	char value[64], detail[256];
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(value, sizeof value, "\"%s\"", bad[i]);
		snprintf(detail, sizeof detail, "persons[0].born: \"%s\" is not a date that exists "
		         "(use YYYY-MM-DD, YYYY-MM or YYYY)", bad[i]);
		one_edit("persons[0].born", value, detail);
	}
	for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
		snprintf(detail, sizeof detail, "%s: \"2023-02-29\" is not a date that exists "
		         "(use YYYY-MM-DD, YYYY-MM or YYYY)", where[i]);
		one_edit(where[i], "\"2023-02-29\"", detail);
	}
	one_edit("persons[0].born", "20140502",
	         "persons[0].born: expected a date (YYYY-MM-DD, YYYY-MM or YYYY), found a number");
	one_edit("placements[0].start", "[\"2025-01-15\"]",
	         "placements[0].start: expected a date (YYYY-MM-DD, YYYY-MM or YYYY), found a list");
}

static void good_dates(void **state)
{
	static const char *ok[] = { "2014", "2014-05", "2014-05-02", "2024-02-29", "2000-02-29",
	                            "2013-12-31" };
	char value[32];
	(void)state;

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		snprintf(value, sizeof value, "\"%s\"", ok[i]);
		one_edit_ok("persons[0].born", value);
		one_edit_ok("case.opened", value);
	}
	one_edit_ok("case.opened", "\"1000\"");
	one_edit_ok("case.opened", "\"9999-12-31\"");
	one_edit_ok("placements[0].start", "\"2024-02-29\"");
	one_edit_ok("events[0].date", "\"2014\"");
	one_edit_ok("plan.agreements[0].due", "\"2025-04\"");
	one_edit_ok("case.development_checks", "[\"2024\", \"2024-02\", \"2024-02-29\"]");
	/* null is "not known" for optional dates. */
	one_edit_ok("persons[0].born", "null");
}

static void unknown_enum_values(void **state)
{
	static const struct { const char *path, *value, *detail; } t[] = {
		{ "persons[0].sex", "\"male\"",
		  "persons[0].sex: unknown value \"male\" (allowed: m, f, x, unknown)" },
		{ "persons[0].sex", "\"M\"",
		  "persons[0].sex: unknown value \"M\" (allowed: m, f, x, unknown)" },
		{ "persons[0].world", "\"family\"", "persons[0].world: unknown value \"family\" "
		  "(allowed: origin, foster, shared, professional)" },
		{ "persons[0].segment", "\"sports\"", "persons[0].segment: unknown value \"sports\" "
		  "(allowed: household, family, friends, school_work, leisure, neighbourhood, "
		  "religion, online, professionals)" },
		{ "persons[0].roles[0]", "\"kid\"", "persons[0].roles[0]: unknown role \"kid\"" },
		{ "ties[0].strength", "\"very\"",
		  "ties[0].strength: unknown value \"very\" (allowed: strong, normal, weak)" },
		{ "ties[0].quality", "\"good\"", "ties[0].quality: unknown value \"good\" "
		  "(allowed: positive, neutral, ambivalent, conflict, broken)" },
		{ "ties[0].frequency", "\"often\"", "ties[0].frequency: unknown value \"often\" "
		  "(allowed: daily, weekly, monthly, yearly, rarely, never)" },
		{ "ties[0].direction", "\"both\"", "ties[0].direction: unknown value \"both\" "
		  "(allowed: a_to_b, b_to_a, mutual)" },
		{ "ties[0].support[1]", "\"money\"",
		  "ties[0].support[1]: unknown kind of support \"money\"" },
		{ "kinship[0].type", "\"sibling\"",
		  "kinship[0].type: unknown value \"sibling\" (allowed: parent, partners)" },
		{ "kinship[0].kind", "\"biological\"", "kinship[0].kind: unknown value \"biological\" "
		  "(allowed: birth, adoptive, foster, step)" },
		{ "kinship[4].status", "\"engaged\"", "kinship[4].status: unknown value \"engaged\" "
		  "(allowed: married, cohabiting, separated, divorced, widowed)" },
		{ "placements[0].form", "\"foster\"", "placements[0].form: unknown value \"foster\" "
		  "(allowed: informal_network, support_family, foster_parttime, foster_fulltime, "
		  "crisis, family_home, residential, home)" },
		{ "placements[0].variant", "\"long\"",
		  "placements[0].variant: unknown value \"long\" (allowed: care, upbringing)" },
		{ "placements[0].end_reason", "\"ran_away\"",
		  "placements[0].end_reason: unknown value \"ran_away\" "
		  "(allowed: planned, breakdown, return_home, adulthood, other)" },
		{ "events[0].type", "\"party\"", "events[0].type: unknown value \"party\" "
		  "(allowed: birth, death, loss, move, school_change, placement_start, "
		  "placement_end, breakdown, professional_change, perspective_decision, "
		  "development_check, meeting, other)" },
		{ "meetings[0].type", "\"chat\"", "meetings[0].type: unknown value \"chat\" "
		  "(allowed: diy, family_group_conference, round_table, signs_of_safety, other, action_team)" },
		{ "meetings[0].continuum", "\"c\"",
		  "meetings[0].continuum: unknown value \"c\" (allowed: A, B, C, D)" },
		{ "meetings[0].continuum", "\"E\"",
		  "meetings[0].continuum: unknown value \"E\" (allowed: A, B, C, D)" },
		{ "plan.agreements[0].status", "\"late\"",
		  "plan.agreements[0].status: unknown value \"late\" (allowed: open, done, dropped)" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		one_edit(t[i].path, t[i].value, t[i].detail);
}

static void wrong_types(void **state)
{
	static const struct { const char *path, *value, *detail; } t[] = {
		{ "persons[0].name", "42", "persons[0].name: expected text, found a number" },
		{ "case.notes", "[\"a\"]", "case.notes: expected text, found a list" },
		{ "persons[0].roles", "\"child\"", "persons[0].roles: expected a list, found text" },
		{ "persons[0].roles", "{\"child\": true}",
		  "persons[0].roles: expected a list, found an object" },
		{ "persons[0].roles[0]", "7", "persons[0].roles[0]: expected text, found a number" },
		{ "ties[0].support", "\"emotional\"", "ties[0].support: expected a list, found text" },
		{ "ties[0].trust_figure", "\"yes\"",
		  "ties[0].trust_figure: expected true or false, found text" },
		{ "ties[0].trust_figure", "1",
		  "ties[0].trust_figure: expected true or false, found a number" },
		{ "placements[0].network", "\"no\"",
		  "placements[0].network: expected true or false, found text" },
		{ "placements[0].carers", "\"p5\"", "placements[0].carers: expected a list, found text" },
		{ "case.behaviour", "true", "case.behaviour: expected an object, found true/false" },
		{ "case.behaviour.externalising", "\"no\"",
		  "case.behaviour.externalising: expected true or false, found text" },
		{ "case.perspective_decision", "\"2025\"",
		  "case.perspective_decision: expected an object, found text" },
		{ "case.development_checks", "\"2025-02-01\"",
		  "case.development_checks: expected a list, found text" },
		{ "case.development_checks[0]", "null",
		  "case.development_checks[0]: expected a date, found null" },
		{ "case", "[]", "case: expected an object, found a list" },
		{ "ties", "{}", "ties: expected a list, found an object" },
		{ "ties[1]", "\"p1-p4\"", "ties[1]: expected an object, found text" },
		{ "kinship[4]", "[]", "kinship[4]: expected an object, found a list" },
		{ "events[0]", "null", "events[0]: expected an object, found null" },
		{ "meetings[0].invited", "{}", "meetings[0].invited: expected a list, found an object" },
		{ "plan", "[]", "plan: expected an object, found a list" },
		{ "plan.version", "\"2\"", "plan.version: expected a whole number of 0 or more" },
		{ "plan.version", "2.5", "plan.version: expected a whole number of 0 or more" },
		{ "plan.version", "-1", "plan.version: expected a whole number of 0 or more" },
		{ "plan.concerns[0]", "3", "plan.concerns[0]: expected text, found a number" },
		{ "plan.safety_map", "[]", "plan.safety_map: expected an object, found a list" },
		{ "plan.safety_map.worries", "\"a\"",
		  "plan.safety_map.worries: expected a list, found text" },
		{ "plan.wishes[0].text", "{}", "plan.wishes[0].text: expected text, found an object" },
		{ "plan.agreements[0].what", "false",
		  "plan.agreements[0].what: expected text, found true/false" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		one_edit(t[i].path, t[i].value, t[i].detail);
	/* A list of the wrong type leaves its ids unknown to references. */
	{
		json_t *doc = full();
		edit(doc, "plan.goals", "{}");
		expect_problems(doc, "goals as an object",
		                "plan.goals: expected a list, found an object",
		                "plan.agreements[0].goal: unknown goal \"g1\"", NULL);
		json_decref(doc);
	}
	{
		json_t *doc = load_json("tests/data/valid/minimal.json");
		edit(doc, "persons", "{\"id\": \"c\"}");
		expect_problems(doc, "persons as an object",
		                "persons: expected a list, found an object",
		                "case.child: unknown person \"c\"", NULL);
		json_decref(doc);
	}
}

static void ties(void **state)
{
	(void)state;
	one_edit("ties[3]", "{\"a\": \"p6\", \"b\": \"p1\"}",
	         "ties[3]: a second tie between \"p6\" and \"p1\" (the first is ties[0])");
	one_edit("ties[3]", "{\"a\": \"p4\", \"b\": \"p1\", \"quality\": \"conflict\"}",
	         "ties[3]: a second tie between \"p4\" and \"p1\" (the first is ties[1])");
	one_edit("ties[3]", "{\"a\": \"p4\", \"b\": \"p4\"}",
	         "ties[3].b: a tie needs two different persons (both are \"p4\")");
	/* A new pair is fine. */
	one_edit_ok("ties[3]", "{\"a\": \"p4\", \"b\": \"p6\"}");
}

static void safety_scores(void **state)
{
	const char *detail = "plan.safety_map.scale[0].score: expected a whole number from 0 to 10";
	(void)state;

	one_edit("plan.safety_map.scale[0].score", "11", detail);
	one_edit("plan.safety_map.scale[0].score", "2.5", detail);
	one_edit("plan.safety_map.scale[0].score", "-1", detail);
	one_edit("plan.safety_map.scale[0].score", "\"6\"", detail);
	one_edit("plan.safety_map.scale[0].score", NULL, detail);
	one_edit_ok("plan.safety_map.scale[0].score", "0");
	one_edit_ok("plan.safety_map.scale[0].score", "10");
}

/* ---- all at once ---- */

static void all_problems_at_once(void **state)
{
	json_t *doc = full();
	struct kr_error err;
	const char *want[] = {
		"format: \"kring-case/0\" is not a format kring reads (expected \"kring-case/1\")",
		"case.ref: \"PZ 42\" must be 1 to 64 letters, digits, '-', '_' or '.'",
		"persons[0].born: \"2023-02-29\" is not a date that exists (use YYYY-MM-DD, YYYY-MM "
		"or YYYY)",
		"persons[1].sex: unknown value \"v\" (allowed: m, f, x, unknown)",
		"persons[7].id: duplicate person id \"p2\" (also used by item 1)",
		"ties[2].b: unknown person \"p99\"",
		"placements[0].end: the placement ends (2024-01-01) before it starts (2025-01-15)",
		"plan.safety_map.scale[0].score: expected a whole number from 0 to 10",
		"meetings[0].attended[0]: unknown person \"p0\"",
	};
	size_t n = sizeof want / sizeof *want;
	(void)state;

	edit(doc, "format", "\"kring-case/0\"");
	edit(doc, "case.ref", "\"PZ 42\"");
	edit(doc, "persons[0].born", "\"2023-02-29\"");
	edit(doc, "persons[1].sex", "\"v\"");
	edit(doc, "persons[7]", "{\"id\": \"p2\"}");
	edit(doc, "ties[2].b", "\"p99\"");
	edit(doc, "placements[0].end", "\"2024-01-01\"");
	edit(doc, "plan.safety_map.scale[0].score", "11");
	edit(doc, "meetings[0].attended[0]", "\"p0\"");
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(read_doc(doc, &err), KR_EINVAL);
	check_details(&err, "nine problems", want, n);
	assert_string_equal(err.message, "the case document has 9 problems");
	kr_error_cleanup(&err);
	json_decref(doc);
}

/* More problems than the error keeps: the rest are counted, not lost. */
static void many_problems_capped(void **state)
{
	json_t *doc = load_json("tests/data/valid/minimal.json");
	json_t *arr = json_array();
	struct kr_error err;
	(void)state;

	for (int i = 0; i < 300; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "a", "c", "b", "nobody"));
	json_object_set_new(doc, "ties", arr);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(read_doc(doc, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, KR_ERROR_MAX_DETAILS);
	assert_int_equal(err.ndetails + err.ndropped, 300);
	assert_string_equal(err.details[0], "ties[0].b: unknown person \"nobody\"");
	assert_string_equal(err.message, "the case document has 300 problems");
	kr_error_cleanup(&err);
	json_decref(doc);
}

/* ---- what must pass ---- */

static void unknown_keys_survive(void **state)
{
	char *text, *dump1, *dump2;
	size_t len;
	struct kr_case *c1 = NULL, *c2 = NULL;
	json_t *orig, *back;
	json_error_t je;
	(void)state;

	text = tu_read_file(FULL, &len);
	orig = load_json(FULL);
	assert_non_null(json_object_get(orig, "x_source"));
	assert_int_equal(kr_case_read(text, len, &c1, NULL), KR_OK);
	for (int pretty = 0; pretty < 2; pretty++) {
		dump1 = kr_case_dump(c1, pretty);
		assert_non_null(dump1);
		back = json_loads(dump1, JSON_REJECT_DUPLICATES, &je);
		assert_non_null(back);
		assert_true(json_equal(orig, back));
		/* Read again: the same document, the same bytes. */
		assert_int_equal(kr_case_read(dump1, strlen(dump1), &c2, NULL), KR_OK);
		dump2 = kr_case_dump(c2, pretty);
		assert_non_null(dump2);
		assert_string_equal(dump1, dump2);
		if (pretty)
			assert_int_equal(dump1[strlen(dump1) - 1], '\n');
		/* Keys keep their order. */
		assert_true(strstr(dump1, "\"format\"") < strstr(dump1, "\"x_source\""));
		assert_true(strstr(dump1, "\"x_source\"") < strstr(dump1, "\"case\""));
		assert_non_null(strstr(dump1, "tekst met é en ✓"));
		free(dump2);
		kr_case_free(c2);
		c2 = NULL;
		json_decref(back);
		free(dump1);
	}
	/* The model saw what it knows. */
	assert_string_equal(c1->ref, "PZ-2025-0042");
	assert_int_equal(c1->npersons, 7);
	assert_int_equal(c1->nties, 3);
	assert_int_equal(c1->child, 0);
	kr_case_free(c1);
	json_decref(orig);
	free(text);
}

/* ---- the shared files of tests/data/invalid ---- */

static void invalid_files(void **state)
{
	struct dirent **names = NULL;
	char path[512], expect[512];
	size_t nfiles = 0, nbad = 0;
	int n = scandir("tests/data/invalid", &names, NULL, alphasort);
	(void)state;

	assert_true(n > 0);
	for (int k = 0; k < n; k++) {
		const char *name = names[k]->d_name;
		size_t len = strlen(name), nwant = 0, tlen;
		char *text, *want_text, *line, *save = NULL;
		const char *want[64];
		struct kr_error err;
		enum kr_status rc;

		if (len < 6 || strcmp(name + len - 5, ".json"))
			continue;
		snprintf(path, sizeof path, "tests/data/invalid/%s", name);
		snprintf(expect, sizeof expect, "tests/data/invalid/%.*s.expect", (int)(len - 5),
		         name);
		text = tu_read_file(path, &tlen);
		want_text = tu_read_file(expect, NULL);
		for (line = strtok_r(want_text, "\n", &save); line && nwant < 64;
		     line = strtok_r(NULL, "\n", &save))
			want[nwant++] = line;
		kr_error_init_lang(&err, KR_LANG_EN);
		rc = read_text(text, tlen, &err);
		if (rc != KR_EINVAL) {
			fprintf(stderr, "%s: status %s, wanted invalid data\n", path,
			        kr_status_name(rc));
			nbad++;
		} else if (!details_match(&err, path, want, nwant)) {
			nbad++;
		}
		kr_error_cleanup(&err);
		free(want_text);
		free(text);
		nfiles++;
	}
	for (int k = 0; k < n; k++)
		free(names[k]);
	free(names);
	if (nbad)
		fail_msg("%zu of %zu files in tests/data/invalid gave other details", nbad, nfiles);
	assert_true(nfiles >= 30);
}

/* ---- the same problems in Dutch ---- */

/* Every kind of problem once in Dutch, each at the path the English one
 * names. */
static void dutch_messages(void **state)
{
	static const struct { const char *path, *value, *detail; } t[] = {
		{ "format", "\"kring-case/2\"", "format: \"kring-case/2\" is geen formaat dat kring "
		  "kan lezen (verwacht: \"kring-case/1\")" },
		{ "format", NULL, "format: is verplicht; vul dit in" },
		{ "format", "1", "format: hier hoort tekst, maar er staat een getal" },
		{ "case.ref", "\"PZ 2025/42\"", "case.ref: \"PZ 2025/42\" moet 1 tot en met 64 tekens "
		  "hebben: letters, cijfers, '-', '_' of '.'" },
		{ "persons[7]", "{\"id\": \"p1\"}", "persons[7].id: deze persoon heeft hetzelfde id "
		  "\"p1\" als item 0; kies een ander id" },
		{ "plan.goals[1]", "{\"id\": \"g1\"}", "plan.goals[1].id: dit doel heeft hetzelfde id "
		  "\"g1\" als item 0; kies een ander id" },
		{ "persons[7]", "{\"id\": \"\"}", "persons[7].id: moet 1 tot en met 64 tekens lang "
		  "zijn" },
		{ "ties[2].b", "\"p99\"", "ties[2].b: onbekende persoon \"p99\"" },
		{ "events[2].placement", "\"pl9\"", "events[2].placement: onbekende plaatsing "
		  "\"pl9\"" },
		{ "plan.agreements[0].goal", "\"g9\"", "plan.agreements[0].goal: onbekend doel "
		  "\"g9\"" },
		{ "ties[1].b", "4", "ties[1].b: hier hoort het id van een persoon, maar er staat een "
		  "getal" },
		{ "meetings[0].invited[1]", "\"p1\"", "meetings[0].invited[1]: persoon \"p1\" staat "
		  "twee keer in de lijst; haal er één weg" },
		{ "persons[0].sex", "\"male\"", "persons[0].sex: onbekende waarde \"male\"; kies uit: "
		  "m, f, x, unknown" },
		{ "persons[0].roles[0]", "\"kid\"", "persons[0].roles[0]: onbekende rol \"kid\"" },
		{ "ties[0].support[1]", "\"money\"", "ties[0].support[1]: onbekende soort steun "
		  "\"money\"" },
		{ "persons[0].born", "\"2023-02-29\"", "persons[0].born: \"2023-02-29\" is geen datum "
		  "die bestaat; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ" },
		{ "persons[0].born", "20140502", "persons[0].born: hier hoort een datum (JJJJ-MM-DD, "
		  "JJJJ-MM of JJJJ), maar er staat een getal" },
		{ "case.development_checks[0]", "null", "case.development_checks[0]: hier hoort een "
		  "datum, maar er staat null" },
		{ "ties[0].trust_figure", "\"yes\"", "ties[0].trust_figure: hier hoort true of false, "
		  "maar er staat tekst" },
		{ "case.behaviour", "true", "case.behaviour: hier hoort een object ({...}), maar er "
		  "staat true of false" },
		{ "ties", "{}", "ties: hier hoort een lijst ([...]), maar er staat een object" },
		{ "ties[1]", "\"p1-p4\"", "ties[1]: hier hoort een object ({...}), maar er staat "
		  "tekst" },
		{ "kinship[4]", "[]", "kinship[4]: hier hoort een object ({...}), maar er staat een "
		  "lijst" },
		{ "plan.concerns[0]", "3", "plan.concerns[0]: hier hoort tekst, maar er staat een "
		  "getal" },
		{ "persons[0].roles[0]", "7", "persons[0].roles[0]: hier hoort tekst, maar er staat "
		  "een getal" },
		{ "plan.version", "\"2\"", "plan.version: hier hoort een heel getal van 0 of meer" },
		{ "plan.safety_map.scale[0].score", "11", "plan.safety_map.scale[0].score: hier hoort "
		  "een heel getal van 0 tot en met 10" },
		{ "placements[0].end", "\"2025-01-14\"", "placements[0].end: de plaatsing eindigt "
		  "(2025-01-14) voordat ze begint (2025-01-15); kijk beide datums na" },
		{ "persons[6].involved[0].to", "\"2024-12-31\"", "persons[6].involved[0].to: eindigt "
		  "voordat het begint; kijk beide datums na" },
		{ "persons[2].died", "\"1985-12-31\"", "persons[2].died: overleden vóór de geboorte "
		  "(geboren 1986); kijk beide datums na" },
		{ "ties[3]", "{\"a\": \"p6\", \"b\": \"p1\"}", "ties[3]: een tweede band tussen \"p6\" "
		  "en \"p1\" (de eerste is ties[0]); maak er één band van" },
		{ "ties[3]", "{\"a\": \"p4\", \"b\": \"p4\"}", "ties[3].b: een band is tussen twee "
		  "verschillende personen (nu is het twee keer \"p4\")" },
		{ "kinship[5]", "{\"type\": \"parent\", \"parent\": \"p5\", \"child\": \"p1\"}",
		  "kinship[5]: \"p1\" krijgt zo meer dan twee biologische ouders; kijk na wie de "
		  "biologische ouders zijn" },
		{ "kinship[5]", "{\"type\": \"parent\", \"parent\": \"p2\", \"child\": \"p4\"}",
		  "kinship[5]: dezelfde ouder-kindband staat al in kinship[2]; haal er één weg" },
		{ "persons[3].born", "\"1988-02-03\"", "kinship[2]: kind \"p4\" (geboren 1988-02-03) "
		  "is eerder geboren dan ouder \"p2\" (geboren 1989); kijk beide datums na" },
	};
	json_t *doc;
	(void)state;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		one_edit_lang(KR_LANG_NL, t[i].path, t[i].value, t[i].detail);

	doc = family();
	add_parent(doc, "b", "b", NULL);
	expect_problems_nl(doc, "self-parent (nl)",
	                   "kinship[0].child: iemand kan niet ouder van zichzelf zijn",
	                   "kinship[0]: \"b\" wordt zo een voorouder van zichzelf (de "
	                   "ouder-kindbanden vormen een kring); haal de verkeerde weg", NULL);
	json_decref(doc);
	doc = family();
	edit(doc, "kinship[0]", "{\"type\": \"partners\", \"a\": \"c\", \"b\": \"c\"}");
	expect_problems_nl(doc, "own partner (nl)",
	                   "kinship[0].b: iemand kan niet partner van zichzelf zijn", NULL);
	json_decref(doc);
	doc = load_json("tests/data/valid/minimal.json");
	edit(doc, "persons", "[]");
	expect_problems_nl(doc, "empty persons (nl)", "persons: moet minstens het kind bevatten",
	                   "case.child: onbekende persoon \"c\"", NULL);
	json_decref(doc);
}

/* What is wrong with the text itself, in Dutch: JSON syntax, a document
 * that is no object, one that is too big. */
static void dutch_document_messages(void **state)
{
	const char *t1 = "{\n  \"format\": \"kring-case/1\",\n  \"case\": ,\n  \"persons\": []\n}\n";
	const char *t2 = "{\"format\": \"kring-case/1\", \"case\": {\"ref\": \"X\", \"ref\": \"Y\"}}";
	const char *t3 = "{\"notes\": \"Ren\xE9\"}";
	size_t limit = KR_CASE_MAX_BYTES;
	char *big;
	struct kr_error err;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_NL);
	assert_int_equal(read_text(t1, strlen(t1), &err), KR_EINVAL);
	assert_string_equal(err.message, "het document is geen geldige JSON");
	assert_int_equal(err.ndetails, 1);
	assert_string_equal(err.details[0], "regel 3, kolom 11: hier hoort een waarde te staan "
	                    "(bij ',')");
	kr_error_cleanup(&err);
	assert_int_equal(read_text(t1, 20, &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_string_equal(err.details[0], "regel 2, kolom 18: de JSON houdt te vroeg op; er "
	                    "ontbreekt een stuk aan het einde (bij '\"kring')");
	kr_error_cleanup(&err);
	assert_int_equal(read_text("{\"a\":", 5, &err), KR_EINVAL);
	assert_string_equal(err.details[0], "regel 1, kolom 5: hier hoort een waarde te staan "
	                    "(aan het einde)");
	kr_error_cleanup(&err);
	assert_int_equal(read_text(t2, strlen(t2), &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_non_null(strstr(err.details[0], ": deze naam staat twee keer in hetzelfde object; "
	                       "haal er één weg (bij '\"ref\"')"));
	kr_error_cleanup(&err);
	assert_int_equal(read_text(t3, strlen(t3), &err), KR_EINVAL);
	assert_int_equal(err.ndetails, 1);
	assert_non_null(strstr(err.details[0], ": byte 0xe9 is geen UTF-8; bewaar de tekst als "
	                       "UTF-8 (bij '\"Ren')"));
	kr_error_cleanup(&err);
	assert_int_equal(read_text("[]", 2, &err), KR_EINVAL);
	assert_string_equal(err.message, "het dossier heeft 1 probleem");
	assert_int_equal(err.ndetails, 1);
	assert_string_equal(err.details[0], "het document moet een JSON-object ({...}) zijn, maar "
	                    "het is een lijst");
	kr_error_cleanup(&err);

	big = malloc(limit + 1);
	assert_non_null(big);
	memset(big, ' ', limit + 1);
	assert_int_equal(read_text(big, limit + 1, &err), KR_ETOOBIG);
	assert_string_equal(err.message, "het document is 16777217 bytes; er mag hoogstens "
	                    "16777216 bytes (16 MiB) in");
	kr_error_cleanup(&err);
	free(big);
}

/* The part of a detail before ": " when it is a document path ("" for
 * "line 3, column 11: ..."). */
static void path_of(const char *detail, char *out, size_t size)
{
	const char *colon = strstr(detail, ": ");
	size_t n = colon ? (size_t)(colon - detail) : 0;
	if (memchr(detail, ' ', n))
		n = 0;
	snprintf(out, size, "%.*s", (int)n, detail);
}

/* Every file of tests/data/invalid gives its details at the same paths in
 * Dutch as in English, each said in other words, and no English. */
static void dutch_same_paths(void **state)
{
	static const char *const english[] = { "expected ", "found ", "unknown \"",
		"unknown value", "is required", "duplicate", "before it", "between", "must ",
		"is not a", "would ", "listed", "line " };
	struct dirent **names = NULL;
	char path[512], pe[256], pn[256];
	size_t nfiles = 0;
	int n = scandir("tests/data/invalid", &names, NULL, alphasort);
	(void)state;

	assert_true(n > 0);
	for (int k = 0; k < n; k++) {
		const char *name = names[k]->d_name;
		size_t len = strlen(name), tlen;
		struct kr_error en, nl;
		char *text;

		if (len < 6 || strcmp(name + len - 5, ".json"))
			continue;
		snprintf(path, sizeof path, "tests/data/invalid/%s", name);
		text = tu_read_file(path, &tlen);
		kr_error_init_lang(&en, KR_LANG_EN);
		kr_error_init_lang(&nl, KR_LANG_NL);
		assert_int_equal(read_text(text, tlen, &en), read_text(text, tlen, &nl));
		if (en.ndetails != nl.ndetails || en.ndropped != nl.ndropped) {
			print_details(&en);
			print_details(&nl);
			fail_msg("%s: %zu details in English, %zu in Dutch", path, en.ndetails,
			         nl.ndetails);
		}
		assert_string_not_equal(en.message, nl.message);
		for (size_t i = 0; i < en.ndetails; i++) {
			path_of(en.details[i], pe, sizeof pe);
			path_of(nl.details[i], pn, sizeof pn);
			if (strcmp(pe, pn) || !strcmp(en.details[i], nl.details[i]))
				fail_msg("%s: \"%s\" and \"%s\"", path, en.details[i], nl.details[i]);
			for (size_t w = 0; w < sizeof english / sizeof *english; w++)
				if (strstr(nl.details[i] + strlen(pn), english[w]))
					fail_msg("%s: English \"%s\" in \"%s\"", path, english[w],
					         nl.details[i]);
		}
		kr_error_cleanup(&en);
		kr_error_cleanup(&nl);
		free(text);
		nfiles++;
	}
	for (int k = 0; k < n; k++)
		free(names[k]);
	free(names);
	assert_true(nfiles >= 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_files_pass),
		cmocka_unit_test(json_syntax_error),
		cmocka_unit_test(json_duplicate_key),
		cmocka_unit_test(not_an_object),
		cmocka_unit_test(too_big),
		cmocka_unit_test(wrong_format),
		cmocka_unit_test(missing_required),
		cmocka_unit_test(bad_ref),
		cmocka_unit_test(duplicate_ids),
		cmocka_unit_test(dangling_references),
		cmocka_unit_test(own_ancestor),
		cmocka_unit_test(born_before_parent),
		cmocka_unit_test(too_many_birth_parents),
		cmocka_unit_test(duplicate_parent_link),
		cmocka_unit_test(placement_ends_before_start),
		cmocka_unit_test(died_before_born),
		cmocka_unit_test(impossible_dates),
		cmocka_unit_test(good_dates),
		cmocka_unit_test(unknown_enum_values),
		cmocka_unit_test(wrong_types),
		cmocka_unit_test(ties),
		cmocka_unit_test(safety_scores),
		cmocka_unit_test(all_problems_at_once),
		cmocka_unit_test(many_problems_capped),
		cmocka_unit_test(unknown_keys_survive),
		cmocka_unit_test(invalid_files),
		cmocka_unit_test(dutch_messages),
		cmocka_unit_test(dutch_document_messages),
		cmocka_unit_test(dutch_same_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
