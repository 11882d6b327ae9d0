/*
 * test_concurrency.c - optimistic concurrency of `kring serve` under load
 * (issue 4): 8 client threads change the same case at once, each reading
 * the ETag and writing with If-Match (half of them PATCH the case header,
 * half PUT the whole document), each write carrying its own marker in
 * case.notes.  Every write must get 200 or 409; every 409 names a newer
 * current revision; the history then holds exactly 1 + the accepted
 * writes, their revisions are 2..N without gaps or doubles, and revision k
 * holds the marker of the write that was told it made revision k - so no
 * accepted write was lost or overwritten.
 *
 * Then a clean stop under load: 4 threads keep writing while the server
 * gets SIGTERM; it must exit 0, and afterwards the history must hold
 * exactly the writes that were answered 200 - none half-done, none lost,
 * none committed without an answer.
 *
 * Usage: test_concurrency KRING  (run from the repository root).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"
#define THREADS 8
#define ROUNDS 15

static struct tc_server S;
static struct tc_session sess;
static char *doc0;

struct result {
	int accepted, rejected, other;
	long revs[ROUNDS];         /* the revision each accepted write made */
	char marks[ROUNDS][32];
	bool bad_409;
};

static long etag_of(const struct tc_resp *r)
{
	char v[32];
	if (!tc_header(r, "ETag", v, sizeof v) || v[0] != '"')
		return 0;
	return strtol(v + 1, NULL, 10);
}

/* The document with case.notes set to mark. */
static char *with_notes(const char *doc, const char *mark)
{
	json_t *j = json_loads(doc, 0, NULL);
	char *s;
	json_object_set_new(json_object_get(j, "case"), "notes", json_string(mark));
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

static void *worker(void *arg)
{
	struct result *res = arg;
	for (int k = 0; k < ROUNDS; k++) {
		struct tc_resp r, w;
		char mark[32], im[64], body[128];
		long base;
		int id = res->accepted + res->rejected + res->other;

		snprintf(mark, sizeof mark, "t%p-%d", (void *)res, id);
		tc_call(S.port, &sess, "GET", "/api/cases/" REF, NULL, NULL, &r);
		base = etag_of(&r);
		snprintf(im, sizeof im, "If-Match: \"%ld\"\r\n", base);
		if (k % 2) {
			char *d = with_notes(r.body ? r.body : doc0, mark);
			tc_call(S.port, &sess, "PUT", "/api/cases/" REF, im, d, &w);
			free(d);
		} else {
			snprintf(body, sizeof body, "{\"notes\":\"%s\"}", mark);
			tc_call(S.port, &sess, "PATCH", "/api/cases/" REF "/case", im, body, &w);
		}
		if (w.status == 200) {
			res->revs[res->accepted] = etag_of(&w);
			snprintf(res->marks[res->accepted], sizeof res->marks[0], "%s", mark);
			res->accepted++;
		} else if (w.status == 409) {
			json_t *j = tc_json(&w);
			if (json_integer_value(json_object_get(j, "current_revision")) <= base)
				res->bad_409 = true;
			json_decref(j);
			res->rejected++;
		} else {
			res->other++;
		}
		tc_resp_free(&r);
		tc_resp_free(&w);
	}
	return NULL;
}

static volatile int stopping;

struct hammer {
	int ok, refused, other, n;
};

static void *hammer(void *arg)
{
	struct hammer *h = arg;
	while (!stopping || h->refused == 0) {
		struct tc_resp r, w;
		char im[64], body[128];
		long base;
		memset(&w, 0, sizeof w);
		tc_call(S.port, &sess, "GET", "/api/cases/" REF, NULL, NULL, &r);
		base = etag_of(&r);
		tc_resp_free(&r);
		if (base <= 0) {
			h->refused++;
			if (stopping)
				break;
			continue;
		}
		snprintf(im, sizeof im, "If-Match: \"%ld\"\r\n", base);
		snprintf(body, sizeof body, "{\"notes\":\"stop-%p-%d\"}", (void *)h, h->n++);
		if (!tc_call(S.port, &sess, "PATCH", "/api/cases/" REF "/case", im, body, &w))
			h->refused++;
		else if (w.status == 200)
			h->ok++;
		else if (w.status != 409)
			h->other++;
		tc_resp_free(&w);
		if (h->refused && stopping)
			break;
	}
	return NULL;
}

static size_t history_len(void)
{
	struct tc_resp r;
	json_t *h;
	size_t n;
	tc_call(S.port, &sess, "GET", "/api/cases/" REF "/history", NULL, NULL, &r);
	h = tc_json(&r);
	n = json_array_size(json_object_get(h, "revisions"));
	json_decref(h);
	tc_resp_free(&r);
	return n;
}

static void stop_under_load(void)
{
	struct hammer h[4];
	pthread_t th[4];
	struct timespec pause = { 0, 400 * 1000 * 1000 };
	size_t before, after;
	int ok = 0, other = 0, st;

	/* the user's write limit (300, then 5 a second) is not what this
	 * measures: a faster server reaches it within the 400 ms */
	static const char *const unlimited[] = { "--user-writes", "1000000", NULL };

	if (!tc_check(tc_start(&S, "web", unlimited), "server starts again") ||
	    !tc_check(tc_login(S.port, "anouk", PW, &sess), "login again"))
		return;
	before = history_len();
	memset(h, 0, sizeof h);
	stopping = 0;
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer, &h[i]);
	nanosleep(&pause, NULL);
	stopping = 1;
	st = tc_stop(&S);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		ok += h[i].ok;
		other += h[i].other;
	}
	tc_check(st == 0, "SIGTERM under load: exit 0 (got %d)", st);
	tc_check(other == 0, "under load every write got 200 or 409 (%d other)", other);
	if (!tc_check(tc_start(&S, "web", NULL), "server starts after the stop") ||
	    !tc_check(tc_login(S.port, "anouk", PW, &sess), "login after the stop"))
		return;
	after = history_len();
	printf("# stop under load: %d writes answered 200, %zu -> %zu revisions\n", ok, before,
	       after);
	tc_check(ok > 0 && after == before + (size_t)ok,
	         "every answered write is stored, nothing else (%zu + %d = %zu)", before, ok, after);
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0, "the audit trail is intact");
	tc_check(tc_stop(&S) == 0, "server stops cleanly");
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	static struct result res[THREADS];
	pthread_t th[THREADS];
	int accepted = 0, rejected = 0, other = 0;
	bool bad409 = false;
	struct tc_resp r;
	json_t *h;
	char *seen;

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_concurrency: cannot set up\n");
		return 1;
	}
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0,
	         "user add");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "assign");
	doc0 = tc_slurp("examples/" REF ".json", NULL);
	if (!tc_check(tc_start(&S, "web", NULL), "server starts") ||
	    !tc_check(tc_login(S.port, "anouk", PW, &sess), "login"))
		goto out;
	for (int i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, worker, &res[i]);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		accepted += res[i].accepted;
		rejected += res[i].rejected;
		other += res[i].other;
		bad409 |= res[i].bad_409;
	}
	printf("# %d writes: %d accepted, %d rejected with 409, %d other\n", THREADS * ROUNDS,
	       accepted, rejected, other);
	tc_check(other == 0, "every write got 200 or 409 (%d other)", other);
	tc_check(accepted > 0 && rejected > 0, "both outcomes happened (%d accepted, %d 409)",
	         accepted, rejected);
	tc_check(!bad409, "every 409 named a newer current revision");

	tc_call(S.port, &sess, "GET", "/api/cases/" REF "/history", NULL, NULL, &r);
	h = tc_json(&r);
	tc_check(json_array_size(json_object_get(h, "revisions")) == (size_t)(1 + accepted),
	         "history: 1 + %d accepted = %zu revisions", accepted,
	         json_array_size(json_object_get(h, "revisions")));
	json_decref(h);
	tc_resp_free(&r);

	/* revisions 2..1+accepted, each claimed once, each holding its marker */
	seen = calloc((size_t)accepted + 2, 1);
	for (int i = 0; seen && i < THREADS; i++)
		for (int k = 0; k < res[i].accepted; k++) {
			long v = res[i].revs[k];
			char path[128];
			json_t *d;
			const char *notes;
			if (!tc_check(v >= 2 && v <= 1 + accepted && !seen[v],
			              "accepted write made revision %ld, once", v))
				continue;
			seen[v] = 1;
			snprintf(path, sizeof path, "/api/cases/" REF "?revision=%ld", v);
			tc_call(S.port, &sess, "GET", path, NULL, NULL, &r);
			d = tc_json(&r);
			notes = json_string_value(json_object_get(json_object_get(d, "case"), "notes"));
			tc_check(notes && strcmp(notes, res[i].marks[k]) == 0,
			         "revision %ld holds its write's marker", v);
			json_decref(d);
			tc_resp_free(&r);
		}
	free(seen);
	tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	stop_under_load();
out:
	free(doc0);
	tc_cleanup(&S);
	return tc_done("concurrency");
}
