/*
 * tu_json.h - building test cases with jansson, shared by the unit tests of
 * the signals, the path and the summary: JSON text in which ' stands for ",
 * the value at a path ("plan.agreements[0]"), setting, deleting and
 * appending values, and finding persons and ties by id.  Every helper fails
 * the test (cmocka) when what it is asked for is not there, so a fixture
 * that drifts from the format says so instead of testing something else.
 * Header-only (static inline) so each test program stays one file.
 */
#ifndef KRING_TU_JSON_H
#define KRING_TU_JSON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

/* Parses JSON text in which ' stands for " (any JSON value).  New reference. */
static inline json_t *J(const char *text)
{
	char *t = strdup(text);
	json_error_t e;
	json_t *v;
	assert_non_null(t);
	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	v = json_loads(t, JSON_DECODE_ANY, &e);
	if (!v)
		fail_msg("bad test JSON at %d:%d: %s\n%s", e.line, e.column, e.text, t);
	free(t);
	return v;
}

/* The value at path ("plan.agreements[0]", "persons[2].born"), borrowed;
 * fails the test when it is not there. */
static inline json_t *at(json_t *doc, const char *path)
{
	json_t *cur = doc;
	const char *p = path;
	while (*p && cur) {
		if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);
			cur = json_array_get(cur, (size_t)i);
			p = end + 1;
		} else {
			char key[64];
			size_t n = 0;
			while (*p && *p != '.' && *p != '[' && n + 1 < sizeof key)
				key[n++] = *p++;
			key[n] = '\0';
			cur = json_object_get(cur, key);
		}
		if (*p == '.')
			p++;
	}
	if (!cur)
		fail_msg("test case has no %s", path);
	return cur;
}

/* obj.key = the JSON value in text ("'rarely'", "true", "null", "[...]"). */
static inline void put(json_t *obj, const char *key, const char *text)
{
	assert_int_equal(json_object_set_new(obj, key, J(text)), 0);
}

/* obj.key = the string s. */
static inline void put_str(json_t *obj, const char *key, const char *s)
{
	assert_int_equal(json_object_set_new(obj, key, json_string(s)), 0);
}

/* Deletes obj.key; fails the test when there is no such key. */
static inline void drop(json_t *obj, const char *key)
{
	if (json_object_del(obj, key) != 0)
		fail_msg("test case has no key %s to delete", key);
}

/* Appends the JSON value in text to the array at path. */
static inline void add(json_t *doc, const char *path, const char *text)
{
	assert_int_equal(json_array_append_new(at(doc, path), J(text)), 0);
}

/* The person with id (borrowed); fails the test when there is none. */
static inline json_t *person(json_t *doc, const char *id)
{
	json_t *arr = at(doc, "persons"), *p;
	size_t i;
	json_array_foreach(arr, i, p)
		if (strcmp(json_string_value(json_object_get(p, "id")), id) == 0)
			return p;
	fail_msg("test case has no person %s", id);
	return NULL;
}

/* The index of the tie between a and b (either way round), -1 when none. */
static inline long tie_index(json_t *doc, const char *a, const char *b)
{
	json_t *arr = at(doc, "ties"), *t;
	size_t i;
	json_array_foreach(arr, i, t) {
		const char *ta = json_string_value(json_object_get(t, "a"));
		const char *tb = json_string_value(json_object_get(t, "b"));
		if ((!strcmp(ta, a) && !strcmp(tb, b)) || (!strcmp(ta, b) && !strcmp(tb, a)))
			return (long)i;
	}
	return -1;
}

/* The tie between a and b (borrowed); fails the test when there is none. */
static inline json_t *tie(json_t *doc, const char *a, const char *b)
{
	long i = tie_index(doc, a, b);
	if (i < 0)
		fail_msg("test case has no tie %s-%s", a, b);
	return json_array_get(at(doc, "ties"), (size_t)i);
}

/* Removes the tie between a and b; fails the test when there is none. */
static inline void untie(json_t *doc, const char *a, const char *b)
{
	long i = tie_index(doc, a, b);
	if (i < 0)
		fail_msg("test case has no tie %s-%s", a, b);
	assert_int_equal(json_array_remove(at(doc, "ties"), (size_t)i), 0);
}

#endif
