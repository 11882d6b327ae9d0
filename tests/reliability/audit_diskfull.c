/*
 * audit_diskfull.c - the audit trail fails closed when the disk is full
 * (issue 10): `kring serve` on a database in a small tmpfs, the disk then
 * filled up by another file.
 *
 *  - reads keep being answered only while their audit rows can be
 *    written: once they cannot, a read is answered 503 "audit_unavailable"
 *    (in Dutch, and in English for an English client, with Retry-After),
 *    and a write is answered 503 without a new revision;
 *  - every read that was answered 200 has its row in the trail afterwards
 *    (counted: rows of GET /api/cases/{ref} = answers 200);
 *  - when the filler is removed, reads are answered again by the same
 *    server, without a restart, and one row says how many requests were
 *    refused meanwhile;
 *  - a server stopped while the disk is still full either completes its
 *    trail (SQLite can still write into pages and write-ahead-log space it
 *    has, so the final row counting the refusals may fit: exit 0, and the
 *    row is there) or says that the trail is incomplete and exits 1; never
 *    exit 0 with something missing.  A clean stop with room exits 0;
 *  - the trail verifies at the end.
 *
 * Mounting needs root (the suite runs as root in CI); without it the test
 * fails, unless KRING_ALLOW_SKIP=1 says the machine is known to lack the
 * right (then it says SKIP and passes).  No sleeping: the test only makes requests until
 * the answer changes, with a bound.
 *
 * Usage: audit_diskfull KRING  (run from the repository root).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"
#define TRIES 4000

static struct tc_server S;
static char outer[256], fs[300], filler[320];
static bool mounted;

static void cleanup(void)
{
	char cmd[400];
	if (S.pid > 0)
		tc_stop(&S);
	if (mounted && umount(fs) == 0)
		mounted = false;
	if (outer[0] && !getenv("KEEP_TMP") && !mounted) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", outer);
		(void)!system(cmd);
	}
}

/* Writes a file until the disk is full.  Returns the bytes written. */
static long long fill_disk(void)
{
	static char block[64 * 1024];
	long long n = 0;
	int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	memset(block, 'x', sizeof block);
	for (;;) {
		ssize_t w = write(fd, block, sizeof block);
		if (w <= 0)
			break;
		n += w;
	}
	/* the last few bytes, one at a time */
	while (write(fd, block, 1) == 1)
		n++;
	fsync(fd);
	close(fd);
	return n;
}

static int get_case(const struct tc_session *w, const char *extra, struct tc_resp *r)
{
	if (!tc_call(S.port, w, "GET", "/api/cases/" REF, extra, NULL, r))
		return -1;
	return r->status;
}

/* Rows of the case's trail with this access point (kring audit REF --csv). */
static int rows_of(const char *point)
{
	char cmd[700], path[400], *csv, *p;
	int n = 0;
	snprintf(path, sizeof path, "%s/trail.csv", outer);
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' audit " REF " --csv > '%s'", S.kring, S.db, path);
	if (system(cmd) != 0)
		return -1;
	csv = tc_slurp(path, NULL);
	for (p = csv; p && (p = strstr(p, point)); p += strlen(point))
		n++;
	free(csv);
	return n;
}

static bool log_has(const char *text)
{
	char *log = tc_slurp(S.log, NULL);
	bool yes = log && strstr(log, text);
	free(log);
	return yes;
}

int main(int argc, char **argv)
{
	struct tc_session w;
	struct tc_resp r;
	int ok200 = 0, n503 = 0, first503 = -1, st;
	char v[128];

	if (argc < 2) {
		fprintf(stderr, "usage: audit_diskfull KRING\n");
		return 2;
	}
	snprintf(outer, sizeof outer, "/tmp/kring-rel-diskfull.XXXXXX");
	if (!mkdtemp(outer))
		return 1;
	snprintf(fs, sizeof fs, "%s/fs", outer);
	snprintf(filler, sizeof filler, "%s/filler", fs);
	mkdir(fs, 0700);
	if (mount("tmpfs", fs, "tmpfs", 0, "size=6m,mode=0700") != 0) {
		/* a test that did not run did not pass: only KRING_ALLOW_SKIP=1
		 * (a machine known to lack the right) turns this into a pass */
		bool allow = getenv("KRING_ALLOW_SKIP") && strcmp(getenv("KRING_ALLOW_SKIP"), "1") == 0;
		printf("%s audit_diskfull: cannot mount a small tmpfs here (%s; the test needs "
		       "root)%s\n", allow ? "SKIP" : "FAIL", strerror(errno),
		       allow ? "" : "; set KRING_ALLOW_SKIP=1 to pass without it");
		cleanup();
		return allow ? 0 : 1;
	}
	mounted = true;
	memset(&S, 0, sizeof S);
	S.kring = argv[1];
	snprintf(S.dir, sizeof S.dir, "%s", outer);
	snprintf(S.db, sizeof S.db, "%s/kring.db", fs);
	snprintf(S.log, sizeof S.log, "%s/server.log", outer);   /* not on the full disk */
	tc_check(tc_kring(&S, NULL, "init", NULL) == 0 &&
	         tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "wim", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", REF, "wim", NULL) == 0, "a database in a 6 MB tmpfs");
	if (!tc_check(tc_start(&S, "web", NULL), "server starts") ||
	    !tc_check(tc_login(S.port, "wim", PW, &w), "login"))
		goto out;
	for (int i = 0; i < 3; i++) {
		ok200 += get_case(&w, NULL, &r) == 200;
		tc_resp_free(&r);
	}
	tc_check(ok200 == 3, "reads answered while there is room");

	/* the disk fills up */
	tc_check(fill_disk() > 0, "the disk is full");
	for (int i = 0; i < TRIES && n503 < 20; i++) {
		st = get_case(&w, NULL, &r);
		if (st == 200) {
			ok200++;
		} else if (st == 503) {
			if (first503 < 0) {
				json_t *j = tc_json(&r);
				const char *code = json_string_value(json_object_get(j, "code"));
				const char *msg = json_string_value(json_object_get(j, "error"));
				first503 = i;
				tc_check(code && strcmp(code, "audit_unavailable") == 0,
				         "503 says why: audit_unavailable");
				tc_check(msg && strstr(msg, "logboek"), "in Dutch: %s", msg ? msg : "-");
				tc_check(tc_header(&r, "Retry-After", v, sizeof v), "with Retry-After");
				tc_check(!strstr(r.body, "\"persons\""), "and nothing of the case");
				json_decref(j);
			}
			n503++;
		} else {
			tc_check(false, "a read on a full disk: 200 or 503 (got %d)", st);
			tc_resp_free(&r);
			break;
		}
		tc_resp_free(&r);
	}
	tc_check(n503 >= 20, "reads are refused once their rows cannot be written (first 503 "
	         "after %d reads on the full disk)", first503);
	st = get_case(&w, "Accept-Language: en\r\n", &r);
	tc_check(st == 503 && strstr(r.body, "audit trail"), "in English for an English client");
	n503 += st == 503;
	tc_resp_free(&r);
	tc_call(S.port, &w, "PATCH", "/api/cases/" REF "/plan", "If-Match: \"1\"\r\n",
	        "{\"version\":9}", &r);
	tc_check(r.status == 503, "a write on a full disk: 503 (got %d)", r.status);
	tc_resp_free(&r);

	/* room again: the same server answers again */
	unlink(filler);
	st = 0;
	for (int i = 0; i < TRIES && st != 200; i++) {
		st = get_case(&w, NULL, &r);
		ok200 += st == 200;
		tc_resp_free(&r);
	}
	tc_check(st == 200, "after the filler is removed, reads are answered again (no restart)");
	for (int i = 0; i < 5; i++) {
		st = get_case(&w, NULL, &r);
		ok200 += st == 200;
		tc_resp_free(&r);
	}
	tc_check(st == 200, "and stay answered");
	st = tc_stop(&S);
	tc_check(st == 0, "a clean stop with a complete trail: exit 0 (got %d)", st);
	tc_check(rows_of("GET /api/cases/{ref}") == ok200,
	         "every read answered 200 has its row: %d rows, %d answers",
	         rows_of("GET /api/cases/{ref}"), ok200);
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0, "the trail verifies");
	{
		char cmd[700], path[400], *csv;
		snprintf(path, sizeof path, "%s/all.csv", outer);
		snprintf(cmd, sizeof cmd, "'%s' --db '%s' audit --csv > '%s'", S.kring, S.db, path);
		(void)!system(cmd);
		csv = tc_slurp(path, NULL);
		tc_check(csv && strstr(csv, "audit.unavailable") && strstr(csv, "requests answered 503"),
		         "one row counts what was refused while the disk was full");
		free(csv);
	}

	/* stopped while the disk is full: exit 1, and it says so */
	if (!tc_check(tc_start(&S, "web", NULL), "server starts again") ||
	    !tc_check(tc_login(S.port, "wim", PW, &w), "login"))
		goto out;
	tc_check(fill_disk() > 0, "the disk is full again");
	n503 = 0;
	for (int i = 0; i < TRIES && n503 < 5; i++) {
		n503 += get_case(&w, NULL, &r) == 503;
		tc_resp_free(&r);
	}
	tc_check(n503 == 5, "reads refused again");
	st = tc_stop(&S);
	unlink(filler);
	if (st == 0) {
		char cmd[700], path[400], *csv, *p;
		int rows = 0;
		snprintf(path, sizeof path, "%s/all.csv", outer);
		snprintf(cmd, sizeof cmd, "'%s' --db '%s' audit --csv > '%s'", S.kring, S.db, path);
		(void)!system(cmd);
		csv = tc_slurp(path, NULL);
		for (p = csv; p && (p = strstr(p, "audit.unavailable")); p++)
			rows++;
		tc_check(rows == 2, "stopped on a full disk with exit 0: the trail is complete, "
		         "the refusals counted in a second row (%d rows)", rows);
		tc_check(!log_has("could not be completed before stopping"), "and no complaint");
		free(csv);
	} else {
		tc_check(st == 1, "stopped on a full disk with the trail incomplete: exit 1 (got %d)",
		         st);
		tc_check(log_has("could not be completed before stopping"), "and the log says why");
	}
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0,
	         "nothing half-written: the trail verifies");
out:
	cleanup();
	return tc_done("audit_diskfull");
}
