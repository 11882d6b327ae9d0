/*
 * testutil.h - small helpers shared by the cmocka unit tests: reading files,
 * building a case from a file or a string, day numbers from ISO dates,
 * counting substrings, and golden files.
 * Header-only so each test program stays one file.  Tests run from the
 * repository root (make unit does that).
 */
#ifndef KRING_TESTUTIL_H
#define KRING_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "kring/case.h"
#include "kring/date.h"
#include "kring/error.h"

/* Reads a whole file; fails the test when it cannot.  Caller frees. */
static inline char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return p;
}

/* Builds a case from JSON text; fails the test (printing every detail) when
 * the text is not a valid case. */
static inline struct kr_case *tu_case_from_text(const char *text)
{
	struct kr_error err;
	struct kr_case *c = NULL;
	kr_error_init(&err);
	if (kr_case_read(text, strlen(text), &c, &err) != KR_OK) {
		fprintf(stderr, "case rejected: %s\n", err.message);
		for (size_t i = 0; i < err.ndetails; i++)
			fprintf(stderr, "  %s\n", err.details[i]);
		kr_error_cleanup(&err);
		fail_msg("case rejected");
	}
	kr_error_cleanup(&err);
	return c;
}

static inline struct kr_case *tu_case_from_file(const char *path)
{
	char *text = tu_read_file(path, NULL);
	struct kr_case *c = tu_case_from_text(text);
	free(text);
	return c;
}

/* Day number of "YYYY-MM-DD"; fails the test for anything else. */
static inline long tu_day(const char *iso)
{
	struct kr_date d;
	if (!kr_date_parse_full(iso, &d))
		fail_msg("bad date %s", iso);
	return kr_date_first(d);
}

/* How often needle occurs in hay (overlapping occurrences count). */
static inline size_t tu_count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Compares data with tests/data/golden/NAME (a file name with its
 * extension).  KRING_UPDATE_GOLDEN=1 rewrites the file instead, after an
 * intended change.  A missing golden fails when must_exist, and is only
 * reported otherwise. */
static inline void tu_golden(const char *name, const char *data, size_t len, bool must_exist)
{
	const char *upd = getenv("KRING_UPDATE_GOLDEN");
	char path[512];
	size_t glen, at = 0;
	char *want;
	FILE *f;

	snprintf(path, sizeof path, "tests/data/golden/%s", name);
	if (upd && strcmp(upd, "1") == 0) {
		mkdir("tests/data", 0755);
		mkdir("tests/data/golden", 0755);
		f = fopen(path, "wb");
		if (!f)
			fail_msg("cannot write %s", path);
		assert_int_equal(fwrite(data, 1, len, f), len);
		fclose(f);
		return;
	}
	f = fopen(path, "rb");
	if (!f) {
		if (must_exist)
			fail_msg("%s is missing: run with KRING_UPDATE_GOLDEN=1", path);
		fprintf(stderr, "note: no golden %s yet (KRING_UPDATE_GOLDEN=1 writes it)\n", path);
		return;
	}
	fclose(f);
	want = tu_read_file(path, &glen);
	while (at < len && at < glen && want[at] == data[at])
		at++;
	free(want);
	if (glen != len || at != len)
		fail_msg("%s differs from the output at byte %zu (KRING_UPDATE_GOLDEN=1 rewrites it "
		         "after an intended change)", path, at);
}

#endif
