/*
 * test_share_reuse.c - a share link is bound to its person for good (issue
 * 10, point 1).  The attack of the issue: a worker makes a link for a
 * person, removes the person, adds another, who would get the freed id;
 * the old link must then open nothing: no login, no plan, no wish, no
 * agreement marked done, while the new person gets a fresh id.  Also: a
 * person who died or whose involvement ended loses their links at once and
 * gets no new one; a link's writes are rate limited (429 with Retry-After)
 * and a wish holds at most 2,000 characters, as the share page allows; a
 * user's writes are limited too, and `--user-writes` raises that limit.
 * A whole document (PUT of the case, `kring import`) cannot give a removed
 * person's id to somebody else either.
 *
 * The server runs on the library's injected clock (kr_config.clock, by
 * `kring serve --clock-file`): the time stands still unless the test moves
 * it, so the rate limits are exact, whatever the speed of the machine.
 *
 * Usage: test_share_reuse KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"

static struct tc_server S;
static struct tc_session W;
static char clock_path[400];
static time_t clock_now;
static const char *const clocked[] = { "--clock-file", clock_path, "--unsafe-testing", NULL };

/* Sets the server's clock (the file of --clock-file) to t. */
static void set_clock(time_t t)
{
	char tmp[420];
	FILE *f;
	snprintf(tmp, sizeof tmp, "%s.new", clock_path);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%lld\n", (long long)t) < 0 || fclose(f) != 0 ||
	    rename(tmp, clock_path) != 0)
		tc_check(false, "write the clock file");
	clock_now = t;
}
static char *removed_id;   /* a person removed in reuse_attack */

/* The case's current revision (its ETag). */
static long head(void)
{
	struct tc_resp r;
	char etag[32] = "";
	long rev = 0;
	tc_call(S.port, &W, "GET", "/api/cases/" REF, NULL, NULL, &r);
	if (tc_header(&r, "ETag", etag, sizeof etag))
		rev = strtol(etag + (etag[0] == '"'), NULL, 10);
	tc_resp_free(&r);
	return rev;
}

/* A write of the worker based on the current revision; returns the status
 * and, when out is given, the answer's JSON. */
static int write_case(const char *method, const char *path, const char *body, json_t **out)
{
	struct tc_resp r;
	char extra[64];
	int st;
	snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", head());
	tc_call(S.port, &W, method, path, extra, body, &r);
	st = r.status;
	if (out)
		*out = tc_json(&r);
	tc_resp_free(&r);
	return st;
}

/* Adds a person; returns its id (malloc'd) or NULL. */
static char *add_person(const char *name)
{
	char body[256];
	json_t *j = NULL;
	char *id = NULL;
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"roles\":[\"neighbour\"],\"world\":\"shared\","
	         "\"segment\":\"neighbourhood\"}", name);
	if (write_case("POST", "/api/cases/" REF "/persons", body, &j) == 201) {
		const char *s = json_string_value(json_object_get(json_object_get(j, "item"), "id"));
		if (!s)
			s = json_string_value(json_object_get(j, "id"));
		id = s ? strdup(s) : NULL;
	}
	json_decref(j);
	return id;
}

/* Makes a link for person; its token into token (or "" and the status). */
static int make_link(const char *person, char token[64])
{
	struct tc_resp r;
	char body[128];
	json_t *j;
	int st;
	token[0] = '\0';
	snprintf(body, sizeof body, "{\"person\":\"%s\",\"days\":30}", person);
	tc_call(S.port, &W, "POST", "/api/cases/" REF "/shares", NULL, body, &r);
	st = r.status;
	j = tc_json(&r);
	if (st == 201) {
		const char *url = json_string_value(json_object_get(j, "url"));
		snprintf(token, 64, "%s", url && strlen(url) > 4 ? url + 4 : "");
	}
	json_decref(j);
	tc_resp_free(&r);
	return st;
}

/* Opens a link: the holder's session into *h.  Returns the status. */
static int open_link(const char *token, struct tc_session *h)
{
	struct tc_resp r;
	char body[128], cookie[160], *semi;
	json_t *j;
	int st;
	memset(h, 0, sizeof *h);
	snprintf(body, sizeof body, "{\"token\":\"%s\"}", token);
	tc_request(S.port, "POST", "/api/share/session", "Content-Type: application/json\r\n", body,
	           strlen(body), &r);
	st = r.status;
	j = tc_json(&r);
	if (st == 200 && tc_header(&r, "Set-Cookie", cookie, sizeof cookie)) {
		if ((semi = strchr(cookie, ';')))
			*semi = '\0';
		snprintf(h->cookie, sizeof h->cookie, "Cookie: %s\r\n", cookie);
		snprintf(h->csrf, sizeof h->csrf, "%s",
		         json_string_value(json_object_get(j, "csrf")) ?: "");
	}
	json_decref(j);
	tc_resp_free(&r);
	return st;
}

static int holder(const struct tc_session *h, const char *method, const char *path,
                  const char *body, struct tc_resp *keep)
{
	struct tc_resp r;
	int st;
	tc_call(S.port, h, method, path, NULL, body, &r);
	st = r.status;
	if (keep)
		*keep = r;
	else
		tc_resp_free(&r);
	return st;
}

static size_t wishes_now(void)
{
	struct tc_resp r;
	json_t *j;
	size_t n;
	tc_call(S.port, &W, "GET", "/api/cases/" REF "/wishes", NULL, NULL, &r);
	j = tc_json(&r);
	n = json_array_size(json_is_array(j) ? j : json_object_get(j, "items"));
	json_decref(j);
	tc_resp_free(&r);
	return n;
}

static void reuse_attack(void)
{
	char tok[64], tok2[64];
	struct tc_session old, fresh;
	char *x = add_person("Buurvrouw Ans"), *y;
	size_t before;
	int st;

	if (!tc_check(x != NULL, "a person is added"))
		return;
	tc_check(make_link(x, tok) == 201, "a link for %s", x);
	tc_check(open_link(tok, &old) == 200, "the link opens");
	tc_check(holder(&old, "GET", "/api/share/plan", NULL, NULL) == 200, "the holder reads the plan");

	/* the person leaves the case; the next person added gets another id */
	{
		char path[128];
		snprintf(path, sizeof path, "/api/cases/" REF "/persons/%s", x);
		st = write_case("DELETE", path, NULL, NULL);
		tc_check(st == 200 || st == 204, "the person is removed (got %d)", st);
	}
	y = add_person("Meneer Kees");
	tc_check(y && strcmp(x, y) != 0, "the next person gets a new id (%s, not %s)", y ? y : "-",
	         x);
	before = wishes_now();

	/* the old link and its session open nothing now */
	tc_check(holder(&old, "GET", "/api/share/plan", NULL, NULL) / 100 == 4,
	         "the old session reads no plan");
	tc_check(holder(&old, "POST", "/api/share/wishes", "{\"text\":\"Ik ben het niet\"}", NULL) /
	         100 == 4, "the old session writes no wish");
	tc_check(holder(&old, "POST", "/api/share/agreements/a1/done", NULL, NULL) / 100 == 4,
	         "the old session marks no agreement done");
	st = open_link(tok, &fresh);
	tc_check(st == 401 || st == 403, "the old link no longer opens (got %d)", st);
	tc_check(holder(&fresh, "GET", "/api/share/plan", NULL, NULL) / 100 == 4,
	         "... and reads nothing");
	tc_check(wishes_now() == before, "nothing was written in the new person's name");
	/* the new person gets their own link, which works */
	tc_check(make_link(y, tok2) == 201 && open_link(tok2, &fresh) == 200,
	         "the new person's own link opens");
	free(removed_id);
	removed_id = x;
	free(y);
}

/* The case's example document with one person more (id, name; id NULL:
 * none more), as text (malloc'd). */
static char *doc_with(const char *file, const char *id, const char *name)
{
	json_t *d = json_load_file(file, 0, NULL);
	char *t;
	if (!d)
		return NULL;
	if (id)
		json_array_append_new(json_object_get(d, "persons"),
		                      json_pack("{s:s, s:s}", "id", id, "name", name));
	t = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	return t;
}

/* Writes text to S.dir/name; the path into path. */
static bool write_file(const char *name, const char *text, char *path, size_t n)
{
	FILE *f;
	snprintf(path, n, "%s/%s", S.dir, name);
	if (!text || !(f = fopen(path, "w")))
		return false;
	fputs(text, f);
	return fclose(f) == 0;
}

/* A whole document written at once (PUT of the case, `kring import`) may
 * not give a removed person's id to somebody else either: the store
 * refuses it, naming the path, and the id stays reserved. */
static void whole_document(const char *removed)
{
	char *a = doc_with("examples/" REF ".json", "p99", "Anton Eerste");
	char *b = doc_with("examples/" REF ".json", NULL, NULL);
	char *c = doc_with("examples/" REF ".json", "p99", "Bea Tweede");
	char *d = doc_with("examples/" REF ".json", removed, "Iemand Anders");
	char *e = doc_with("examples/" REF ".json", "p98", "Carla Derde");
	char pa[400], pb[400], pc[400];
	json_t *j = NULL;
	struct tc_resp r;
	char extra[64];
	int st;

	tc_check(write_case("PUT", "/api/cases/" REF, a, NULL) == 200, "PUT adds p99 Anton Eerste");
	tc_check(write_case("PUT", "/api/cases/" REF, b, NULL) == 200, "PUT removes p99");
	snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", head());
	tc_call(S.port, &W, "PUT", "/api/cases/" REF, extra, c, &r);
	tc_check(r.status == 422 && strstr(r.body, "p99 hoorde bij een verwijderde persoon") &&
	         strstr(r.body, "persons["), "PUT giving p99 to Bea Tweede is refused with 422 "
	         "naming persons[N].id (got %d: %.300s)", r.status, r.body);
	tc_resp_free(&r);
	st = write_case("PUT", "/api/cases/" REF, d, NULL);
	tc_check(st == 422, "PUT giving %s (removed by DELETE) to somebody else: 422 (got %d)",
	         removed, st);
	tc_check(write_case("PUT", "/api/cases/" REF, a, NULL) == 200,
	         "the same person (Anton Eerste) may come back under p99");
	st = write_case("GET", "/api/cases/" REF "/persons/p99", NULL, &j);
	{
		char *t = j ? json_dumps(j, 0) : NULL;
		tc_check(st == 200 && t && strstr(t, "Anton Eerste"),
		         "p99 is still Anton Eerste (%d)", st);
		free(t);
	}
	json_decref(j);

	/* the same through `kring import` */
	tc_check(write_file("e.json", e, pa, sizeof pa) && write_file("b.json", b, pb, sizeof pb),
	         "documents written");
	tc_check(tc_kring(&S, NULL, "import", pa, NULL) == 0, "import adds p98 Carla Derde");
	tc_check(tc_kring(&S, NULL, "import", pb, NULL) == 0, "import removes p98");
	free(e);
	e = doc_with("examples/" REF ".json", "p98", "Daan Vierde");
	tc_check(write_file("e2.json", e, pc, sizeof pc), "document written");
	tc_check(tc_kring(&S, NULL, "import", pc, NULL) == 1,
	         "import giving p98 to Daan Vierde exits 1");
	st = write_case("GET", "/api/cases/" REF "/persons/p98", NULL, NULL);
	tc_check(st == 404, "p98 is nobody now (got %d)", st);
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
}

static void death_and_involvement(void)
{
	char tok[64], path[160];
	struct tc_session h;
	char *z = add_person("Opa Jan");
	int st;

	if (!tc_check(z != NULL, "another person is added"))
		return;
	tc_check(make_link(z, tok) == 201 && open_link(tok, &h) == 200, "a link for %s opens", z);
	snprintf(path, sizeof path, "/api/cases/" REF "/persons/%s", z);
	st = write_case("PATCH", path, "{\"died\":\"2020-01-01\"}", NULL);
	tc_check(st == 200, "the death is recorded (got %d)", st);
	tc_check(holder(&h, "GET", "/api/share/plan", NULL, NULL) / 100 == 4,
	         "the link of a person who died opens nothing");
	st = make_link(z, tok);
	tc_check(st == 422 || st == 403, "no new link for a person who died (got %d)", st);
	free(z);
}

static void limits(void)
{
	char tok[64], *big;
	struct tc_session h;
	char *p = add_person("Tante Els");
	size_t n;
	int ok = 0, st = 0;
	struct tc_resp r;
	char retry[16];

	if (!tc_check(p && make_link(p, tok) == 201 && open_link(tok, &h) == 200,
	              "a link for the limits"))
		return;
	/* 2,001 characters: refused; 2,000 (two bytes each): taken */
	big = malloc(2 * 2001 + 64);
	n = (size_t)snprintf(big, 64, "{\"text\":\"");
	for (int i = 0; i < 2001; i++) {
		memcpy(big + n, "\xc3\xa9", 2);
		n += 2;
	}
	memcpy(big + n, "\"}", 3);
	tc_check(holder(&h, "POST", "/api/share/wishes", big, NULL) == 422,
	         "a wish of 2,001 characters is refused");
	memcpy(big + n - 2, "\"}", 3);
	tc_check(holder(&h, "POST", "/api/share/wishes", big, NULL) == 201,
	         "a wish of 2,000 characters is taken");
	free(big);
	for (int i = 0; i < 20; i++) {
		st = holder(&h, "POST", "/api/share/wishes", "{\"text\":\"nog een wens\"}", &r);
		if (st == 201)
			ok++;
		if (st != 201)
			break;
		tc_resp_free(&r);
	}
	tc_check(st == 429 && tc_header(&r, "Retry-After", retry, sizeof retry) && strtol(retry, NULL, 10) > 0,
	         "a link's writes are limited: 429 with Retry-After after %d more (got %d)", ok, st);
	tc_resp_free(&r);
	tc_check(ok >= 5 && ok <= 10, "... after a handful of wishes (%d)", ok);
	free(p);
}

/* A user's writes: 300 at once, then 5 a second (429 with Retry-After);
 * `kring serve --user-writes N` raises the second's share (and the burst to
 * at least N).  n writes of the case's notes; returns how many went
 * through before the first refusal, with its status in *refused (0: none). */
static int user_writes(int n, int *refused)
{
	char body[64];
	*refused = 0;
	for (int i = 0; i < n; i++) {
		int st;
		snprintf(body, sizeof body, "{\"notes\":\"schrijven %d\"}", i);
		st = write_case("PATCH", "/api/cases/" REF "/case", body, NULL);
		if (st != 200) {
			*refused = st;
			return i;
		}
	}
	return n;
}

static void user_limit(void)
{
	static const char *const raised[] = { "--clock-file", clock_path, "--unsafe-testing",
		"--user-writes", "1000", NULL };
	int ok, refused;

	/* a minute later by the server's clock the bucket is full again (the
	 * tests before wrote too); the clock then stands still while writing,
	 * so exactly the burst goes through */
	set_clock(clock_now + 60);
	ok = user_writes(2000, &refused);
	tc_check(refused == 429 && ok == 300,
	         "a user's writes are limited: 429 after %d (300 at once; got %d)", ok, refused);
	set_clock(clock_now + 1);
	tc_check(user_writes(10, &refused) == 5 && refused == 429,
	         "... then 5 a second (refused with %d)", refused);
	tc_check(tc_stop(&S) == 0, "the server stops");
	if (tc_check(tc_start(&S, "web", raised), "again with --user-writes 1000") &&
	    tc_check(tc_login(S.port, "anouk", PW, &W), "login")) {
		ok = user_writes(600, &refused);
		tc_check(ok == 600, "... 600 writes at once go through (%d, refused with %d)", ok,
		         refused);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2 || !tc_setup(&S, argv[1]))
		return 2;
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "a worker assigned");
	snprintf(clock_path, sizeof clock_path, "%s/clock", S.dir);
	set_clock(time(NULL));
	if (tc_check(tc_start(&S, "web", clocked), "server starts") &&
	    tc_check(tc_login(S.port, "anouk", PW, &W), "login")) {
		reuse_attack();
		death_and_involvement();
		limits();
		whole_document(removed_id ? removed_id : "p90");
		user_limit();
	}
	tc_check(tc_stop(&S) == 0, "server stops cleanly");
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0, "audit trail verifies");
	free(removed_id);
	tc_cleanup(&S);
	return tc_done("share_reuse");
}
