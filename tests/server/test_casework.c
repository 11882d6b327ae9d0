/*
 * test_casework.c - case work through the API (docs/api.md): the text
 * limits in GET /api/meta and refused with the field and the limit on an
 * item, a whole document and a share wish; a meeting's attendance refused
 * before its day and taken after it; the next free case ref; a new case for
 * a child who has one already (409 duplicate_of, unless confirmed; a case
 * outside the user's scope is never named); the history with who and what
 * changed; restoring a removed item from an earlier revision; the plan as a
 * PDF.  The server runs on a clock file a week past the wall clock, and the
 * meeting dates are set around that day, so nothing depends on when the
 * test runs.
 *
 * Usage: test_casework KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define OTHER "PZ-2026-0103"
#define PW "Zonnebloem-akker-42"

static struct tc_server S;
static char clock_path[320];
static time_t T;   /* the server's "now" */

static void iso_day(time_t t, char out[11])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* One call; the status, and the body as JSON in *j (may be NULL). */
static int call(const struct tc_session *s, const char *method, const char *path,
                const char *extra, const char *body, json_t **j)
{
	struct tc_resp r;
	int st = -1;
	if (j)
		*j = NULL;
	if (tc_call(S.port, s, method, path, extra, body, &r)) {
		st = r.status;
		if (j)
			*j = tc_json(&r);
	}
	tc_resp_free(&r);
	return st;
}

/* The latest revision of ref, as its ETag says. */
static long etag(const struct tc_session *s, const char *ref)
{
	struct tc_resp r;
	char path[200], buf[32];
	long rev = 0;
	snprintf(path, sizeof path, "/api/cases/%s", ref);
	if (tc_call(S.port, s, "GET", path, NULL, NULL, &r) && tc_header(&r, "ETag", buf, sizeof buf))
		rev = strtol(buf + (buf[0] == '"'), NULL, 10);
	tc_resp_free(&r);
	return rev;
}

static void if_match(const struct tc_session *s, const char *ref, char out[64])
{
	snprintf(out, 64, "If-Match: \"%ld\"\r\n", etag(s, ref));
}

/* True when one of j's details contains needle. */
static bool detail_has(json_t *j, const char *needle)
{
	json_t *d;
	size_t i;
	json_array_foreach(json_object_get(j, "details"), i, d)
		if (json_string_value(d) && strstr(json_string_value(d), needle))
			return true;
	return false;
}

static void meta(void)
{
	json_t *j;
	tc_check(call(NULL, "GET", "/api/meta", NULL, NULL, &j) == 200, "meta: 200");
	tc_check(json_integer_value(json_object_get(json_object_get(json_object_get(json_object_get(
	         j, "limits"), "text"), "wishes"), "text")) == 2000,
	         "meta: limits.text.wishes.text is 2000");
	tc_check(json_integer_value(json_object_get(json_object_get(json_object_get(json_object_get(
	         j, "limits"), "text"), "persons"), "name")) == 200,
	         "meta: limits.text.persons.name is 200");
	tc_check(json_array_size(json_object_get(j, "share_scopes")) == 5, "meta: five share scopes");
	tc_check(json_object_get(json_object_get(json_object_get(j, "vocabulary"), "enums"),
	         "visibility") != NULL, "meta: the visibility enumeration");
	json_decref(j);
}

static void next_ref(const struct tc_session *w, const struct tc_session *an)
{
	json_t *j;
	char want[32];
	struct tm tm;

	tc_check(call(w, "GET", "/api/cases/next-ref?year=2026", NULL, NULL, &j) == 200 &&
	         strcmp(json_string_value(json_object_get(j, "ref")) ?: "", "PZ-2026-0107") == 0,
	         "next-ref 2026: PZ-2026-0107 after the six examples");
	json_decref(j);
	gmtime_r(&T, &tm);
	snprintf(want, sizeof want, "PZ-%d-%s", tm.tm_year + 1900,
	         tm.tm_year + 1900 == 2026 ? "0107" : "0001");
	tc_check(call(w, "GET", "/api/cases/next-ref", NULL, NULL, &j) == 200 &&
	         strcmp(json_string_value(json_object_get(j, "ref")) ?: "", want) == 0,
	         "next-ref without a year: this year's (%s)", want);
	json_decref(j);
	tc_check(call(w, "GET", "/api/cases/next-ref?year=26", NULL, NULL, NULL) == 400,
	         "next-ref ?year=26: 400");
	tc_check(call(w, "GET", "/api/cases/next-ref?prefix=XY", NULL, NULL, NULL) == 400,
	         "next-ref with an unknown parameter: 400");
	tc_check(call(an, "GET", "/api/cases/next-ref", NULL, NULL, NULL) == 403,
	         "next-ref for an analyst (who cannot create): 403");
}

/* A new case whose child is Daan Bakker, born 2017-04-12 (the child of
 * PZ-2026-0101, anouk's), or Lotte's of PZ-2026-0103 (bram's). */
static char *new_case(const char *ref, const char *name, const char *born)
{
	char *s = malloc(600);
	snprintf(s, 600, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\",\"child\":\"p1\"},"
	         "\"persons\":[{\"id\":\"p1\",\"name\":\"%s\",\"born\":\"%s\"}]}", ref, name, born);
	return s;
}

static void duplicate(const struct tc_session *w)
{
	char *doc = new_case("PZ-2026-0107", "Daan Bakker", "2017-04-12");
	char *other = NULL;
	json_t *j, *c;
	const char *lotte, *born;

	tc_check(call(w, "POST", "/api/cases", NULL, doc, &j) == 409 &&
	         strcmp(json_string_value(json_object_get(j, "code")) ?: "", "duplicate") == 0 &&
	         strcmp(json_string_value(json_object_get(j, "duplicate_of")) ?: "", REF) == 0,
	         "a new case for Daan Bakker (2017-04-12): 409 duplicate_of " REF);
	json_decref(j);
	tc_check(call(w, "GET", "/api/cases/PZ-2026-0107", NULL, NULL, NULL) == 404,
	         "... and nothing was stored");
	tc_check(call(w, "POST", "/api/cases?confirm_duplicate=2", NULL, doc, NULL) == 400,
	         "?confirm_duplicate=2: 400");
	tc_check(call(w, "POST", "/api/cases?confirm_duplicate=1", NULL, doc, NULL) == 201,
	         "?confirm_duplicate=1: created anyway (201)");
	free(doc);
	/* a child of a case outside anouk's scope: never named */
	c = json_load_file("examples/" OTHER ".json", 0, NULL);
	lotte = json_string_value(json_object_get(json_array_get(json_object_get(c, "persons"), 0),
	                                          "name"));
	born = json_string_value(json_object_get(json_array_get(json_object_get(c, "persons"), 0),
	                                         "born"));
	if (lotte && born)
		other = new_case("PZ-2026-0108", lotte, born);
	tc_check(other && call(w, "POST", "/api/cases", NULL, other, &j) == 201,
	         "a child whose case anouk may not see: created, no duplicate_of");
	json_decref(j);
	free(other);
	json_decref(c);
}

static void limits(const struct tc_session *w)
{
	char *body = malloc(2200), *doc, im[64];
	json_t *j, *c;
	char *text = malloc(2002);

	memset(text, 'x', 2001);
	text[2001] = '\0';
	snprintf(body, 2200, "{\"by\":\"p1\",\"text\":\"%s\"}", text);
	if_match(w, REF, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/wishes?lang=en", im, body, &j) == 422 &&
	         detail_has(j, "is 2,001 characters long; at most 2,000 fit here"),
	         "a wish of 2,001 characters: 422 naming the field and the limit");
	json_decref(j);
	tc_check(call(w, "POST", "/api/cases/" REF "/wishes", im, body, &j) == 422 &&
	         detail_has(j, "is 2.001 tekens lang; hier passen er hoogstens 2.000"),
	         "... in Dutch by default");
	json_decref(j);
	text[2000] = '\0';
	snprintf(body, 2200, "{\"by\":\"p1\",\"text\":\"%s\"}", text);
	tc_check(call(w, "POST", "/api/cases/" REF "/wishes", im, body, NULL) == 201,
	         "a wish of 2,000 characters: 201");
	/* a whole document with a long note */
	c = json_load_file("examples/" REF ".json", 0, NULL);
	text[2000] = 'x';
	{
		char *big = malloc(10002);
		memset(big, 'n', 10001);
		big[10001] = '\0';
		json_object_set_new(json_object_get(c, "case"), "notes", json_string(big));
		free(big);
	}
	doc = json_dumps(c, JSON_COMPACT);
	if_match(w, REF, im);
	tc_check(call(w, "PUT", "/api/cases/" REF "?lang=en", im, doc, &j) == 422 &&
	         detail_has(j, "case.notes: is 10,001 characters long; at most 10,000 fit here"),
	         "PUT of the whole case with a 10,001-character note: 422");
	json_decref(j);
	free(doc);
	json_decref(c);
	free(body);
	free(text);
}

static void meetings(const struct tc_session *w)
{
	char body[300], past[11], future[11], im[64], path[200];
	json_t *j;
	const char *id;

	iso_day(T - 10 * 86400, past);
	iso_day(T + 10 * 86400, future);
	snprintf(body, sizeof body, "{\"date\":\"%s\",\"type\":\"round_table\",\"time\":\"19:30\","
	         "\"place\":\"buurthuis\",\"invited\":[\"p1\",\"p2\"]}", future);
	if_match(w, REF, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/meetings", im, body, &j) == 201,
	         "plan a meeting in ten days with time and place: 201");
	id = json_string_value(json_object_get(json_object_get(j, "item"), "id"));
	snprintf(path, sizeof path, "/api/cases/" REF "/meetings/%s?lang=en", id ? id : "m9");
	json_decref(j);
	if_match(w, REF, im);
	tc_check(call(w, "PATCH", path, im, "{\"attended\":[\"p1\"]}", &j) == 422 &&
	         detail_has(j, "who came and what was decided are filled in once it has taken "
	                    "place"), "attendance of that meeting now: 422");
	json_decref(j);
	tc_check(call(w, "PATCH", path, im, "{\"minutes\":\"verslag\"}", NULL) == 422,
	         "minutes of that meeting now: 422");
	snprintf(body, sizeof body, "{\"date\":\"%s\",\"attended\":[\"p1\"],\"outcome\":\"samen "
	         "eten op woensdag\",\"minutes\":\"iedereen was er\"}", past);
	tc_check(call(w, "PATCH", path, im, body, NULL) == 200,
	         "the same meeting dated ten days ago, with attendance and outcome: 200");
}

static void history(const struct tc_session *w)
{
	json_t *j, *last, *ch;
	size_t n;
	bool found = false;
	size_t i;

	tc_check(call(w, "GET", "/api/cases/" REF "/history", NULL, NULL, &j) == 200,
	         "history: 200");
	n = json_array_size(json_object_get(j, "revisions"));
	last = json_array_get(json_object_get(j, "revisions"), n - 1);
	tc_check(n >= 4, "history: every revision (%zu)", n);
	tc_check(strcmp(json_string_value(json_object_get(last, "who")) ?: "", "anouk") == 0 &&
	         json_is_null(json_object_get(last, "person")), "history: who made the last one");
	json_array_foreach(json_object_get(last, "changes"), i, ch)
		found = found || (strstr(json_string_value(json_object_get(json_object_get(ch, "text"),
		                  "nl")) ?: "", "aanwezig: Daan Bakker erbij") != NULL);
	tc_check(found, "history: the last change says who attended, in words");
	ch = json_array_get(json_object_get(json_array_get(json_object_get(j, "revisions"), 0),
	                    "changes"), 0);
	tc_check(strstr(json_string_value(json_object_get(json_object_get(ch, "text"), "en")) ?: "",
	         "case created") != NULL, "history: revision 1 says the case was created");
	json_decref(j);
	tc_check(call(w, "GET", "/api/cases/" REF "/history?after=2", NULL, NULL, &j) == 200 &&
	         json_integer_value(json_object_get(json_array_get(json_object_get(j, "revisions"), 0),
	                            "revision")) == 3, "history ?after=2 starts at revision 3");
	json_decref(j);
	tc_check(call(w, "GET", "/api/cases/" REF "/history?after=x", NULL, NULL, NULL) == 400,
	         "history ?after=x: 400");
}

static void restore(const struct tc_session *w)
{
	char im[64], path[300], pid[64];
	json_t *j;
	long before;
	const char *id;

	if_match(w, REF, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/persons", im, "{\"name\":\"Oma Truus\","
	              "\"roles\":[\"grandparent\"]}", &j) == 201, "add Oma Truus");
	id = json_string_value(json_object_get(json_object_get(j, "item"), "id"));
	snprintf(pid, sizeof pid, "%s", id ? id : "p99");
	snprintf(path, sizeof path, "/api/cases/" REF "/persons/%s", pid);
	json_decref(j);
	before = etag(w, REF);
	if_match(w, REF, im);
	tc_check(call(w, "DELETE", path, im, NULL, NULL) == 204, "remove her");
	tc_check(call(w, "GET", path, NULL, NULL, NULL) == 404, "she is gone");
	snprintf(path, sizeof path, "/api/cases/" REF "/restore?revision=%ld&collection=persons"
	         "&id=%s", before, pid);
	tc_check(call(w, "POST", path, NULL, NULL, NULL) == 428, "restore without If-Match: 428");
	if_match(w, REF, im);
	tc_check(call(w, "POST", path, im, NULL, &j) == 201 &&
	         strcmp(json_string_value(json_object_get(json_object_get(j, "item"), "name")) ?: "",
	                "Oma Truus") == 0, "restore her from revision %ld: 201, as she was", before);
	json_decref(j);
	if_match(w, REF, im);
	tc_check(call(w, "POST", path, im, NULL, NULL) == 409, "restore again: 409 (she is there)");
	snprintf(path, sizeof path, "/api/cases/" REF "/restore?revision=1&collection=persons"
	         "&id=p99");
	tc_check(call(w, "POST", path, im, NULL, NULL) == 404, "restore what never was: 404");
	tc_check(call(w, "POST", "/api/cases/" REF "/restore?revision=1&collection=plan&id=x", im,
	              NULL, NULL) == 400, "restore a single object: 400");
	tc_check(call(w, "POST", "/api/cases/" REF "/restore?revision=1", im, NULL, NULL) == 400,
	         "restore without collection and id: 400");
	tc_check(call(w, "POST", "/api/cases/" OTHER "/restore?revision=1&collection=persons&id=p1",
	              im, NULL, NULL) == 404, "restore in a case outside the user's scope: 404");
}

static void plan_pdf(const struct tc_session *w)
{
	struct tc_resp r, e;
	char ct[64];

	tc_check(tc_call(S.port, w, "GET", "/api/cases/" REF "/plan.pdf", NULL, NULL, &r) &&
	         r.status == 200 && tc_header(&r, "Content-Type", ct, sizeof ct) &&
	         strcmp(ct, "application/pdf") == 0 && r.len > 1000 &&
	         memcmp(r.body, "%PDF-", 5) == 0, "plan.pdf: 200, a PDF");
	tc_check(tc_call(S.port, w, "GET", "/api/cases/" REF "/plan.pdf?lang=en", NULL, NULL, &e) &&
	         e.status == 200 && (e.len != r.len || memcmp(e.body, r.body, r.len) != 0),
	         "plan.pdf?lang=en: another document");
	tc_resp_free(&r);
	tc_resp_free(&e);
	tc_check(call(w, "GET", "/api/cases/" REF "/plan.pdf?professionals=2", NULL, NULL, NULL) ==
	         400, "plan.pdf?professionals=2: 400");
	tc_check(call(w, "GET", "/api/cases/" OTHER "/plan.pdf", NULL, NULL, NULL) == 404,
	         "plan.pdf of a case outside the user's scope: 404");
}

/* The Community Scan workbook: an .xlsx (a zip) as a download, only for
 * a case the user may export. */
static void scan_xlsx(const struct tc_session *w, const struct tc_session *an)
{
	struct tc_resp r;
	char ct[100], cd[200];

	tc_check(tc_call(S.port, w, "GET", "/api/cases/" REF "/scan.xlsx", NULL, NULL, &r) &&
	         r.status == 200 && tc_header(&r, "Content-Type", ct, sizeof ct) &&
	         strcmp(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") == 0 &&
	         tc_header(&r, "Content-Disposition", cd, sizeof cd) &&
	         strcmp(cd, "attachment; filename=\"" REF "-scan.xlsx\"") == 0 &&
	         r.len > 1000 && memcmp(r.body, "PK\x03\x04", 4) == 0, "scan.xlsx: 200, a workbook");
	tc_resp_free(&r);
	tc_check(call(w, "GET", "/api/cases/" OTHER "/scan.xlsx", NULL, NULL, NULL) == 404,
	         "scan.xlsx of a case outside the user's scope: 404");
	tc_check(call(an, "GET", "/api/cases/" REF "/scan.xlsx", NULL, NULL, NULL) == 403,
	         "scan.xlsx for an analyst: 403");
	tc_check(call(w, "GET", "/api/cases/" REF "/scan.xlsx?as_of=2026-01-01", NULL, NULL, NULL) ==
	         400, "scan.xlsx takes no parameters: 400");
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	static const char *const extra[] = { "--clock-file", clock_path, "--unsafe-testing", NULL };
	struct tc_session w, an;
	FILE *f;

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_casework: cannot set up\n");
		return 1;
	}
	tc_check(tc_kring(&S, NULL, "import", "examples/PZ-2026-0101.json",
	                  "examples/PZ-2026-0102.json", "examples/PZ-2026-0103.json",
	                  "examples/PZ-2026-0104.json", "examples/PZ-2026-0105.json",
	                  "examples/PZ-2026-0106.json", NULL) == 0, "import the examples");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", "--team", "noord",
	                  NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "bram", "--role", "worker", "--team", "zuid",
	                  NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "ana", "--role", "analyst", NULL) == 0, "users");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", OTHER, "bram", NULL) == 0, "assign");
	/* the server's clock: a week past the wall clock, at noon */
	T = time(NULL) / 86400 * 86400 + 7 * 86400 + 12 * 3600;
	snprintf(clock_path, sizeof clock_path, "%s/clock", S.dir);
	f = fopen(clock_path, "w");
	tc_check(f && fprintf(f, "%lld\n", (long long)T) > 0 && fclose(f) == 0, "clock file");
	chmod(clock_path, 0600);
	if (tc_check(tc_start(&S, "web", extra), "server starts")) {
		meta();
		if (tc_check(tc_login(S.port, "anouk", PW, &w), "worker logs in") &&
		    tc_check(tc_login(S.port, "ana", PW, &an), "analyst logs in")) {
			next_ref(&w, &an);
			duplicate(&w);
			limits(&w);
			meetings(&w);
			history(&w);
			restore(&w);
			plan_pdf(&w);
			scan_xlsx(&w, &an);
		}
		tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	}
	tc_cleanup(&S);
	return tc_done("casework");
}
