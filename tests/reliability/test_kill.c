/*
 * test_kill.c - crash safety (issue 10): `kill -9` of the server while
 * four clients write, five times over; after each crash the server starts
 * again and every write that was acknowledged (200 with its revision) is
 * there, at that revision, with its own marker; at the end the database
 * passes integrity_check and the audit trail verifies (`kring backup`
 * checks both on its copy, `kring audit --verify` on the file).  Then
 * `kill -9` of an import of 200 cases, twice, each time once the import is
 * seen holding the write lock (inside its one transaction): afterwards none
 * of them is there, and the file is whole; then the import unkilled stores
 * all 200.
 *
 * Usage: test_kill KRING  (run from the repository root).
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "client.h"

#define PW "Zonnebloem-akker-42"
#define WRITERS 4
#define RUNS 5
#define ACKS_PER_RUN 24
#define MAX_ACKS 4096

static struct tc_server S;
static const char *const refs[WRITERS] = { "PZ-2026-0101", "PZ-2026-0102", "PZ-2026-0103",
	"PZ-2026-0104" };

struct ack {
	long rev;
	char marker[40];
};

struct writer {
	int i, run;
	struct tc_session sess;
	struct ack acks[MAX_ACKS];
	size_t nacks;
	pthread_t tid;
};

static struct writer wr[WRITERS];
static atomic_int acked, stop;

static long head_of(struct writer *w)
{
	struct tc_resp r;
	char path[96], etag[32] = "";
	long rev = 0;
	snprintf(path, sizeof path, "/api/cases/%s", refs[w->i]);
	if (tc_call(S.port, &w->sess, "GET", path, NULL, NULL, &r) &&
	    tc_header(&r, "ETag", etag, sizeof etag))
		rev = strtol(etag + (etag[0] == '"'), NULL, 10);
	tc_resp_free(&r);
	return rev;
}

static void *write_loop(void *arg)
{
	struct writer *w = arg;
	for (int n = 0; !atomic_load(&stop) && w->nacks < MAX_ACKS; n++) {
		struct tc_resp r;
		char path[96], extra[64], body[96], marker[40];
		long rev = head_of(w);
		json_t *j;
		if (rev <= 0)
			break;   /* the server is gone */
		snprintf(marker, sizeof marker, "w%d-r%d-n%d", w->i, w->run, n);
		snprintf(path, sizeof path, "/api/cases/%s/case", refs[w->i]);
		snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", rev);
		snprintf(body, sizeof body, "{\"notes\":\"%s\"}", marker);
		if (!tc_call(S.port, &w->sess, "PATCH", path, extra, body, &r)) {
			tc_resp_free(&r);
			break;
		}
		if (r.status == 200 && (j = tc_json(&r))) {
			struct ack *a = &w->acks[w->nacks];
			a->rev = (long)json_integer_value(json_object_get(j, "revision"));
			snprintf(a->marker, sizeof a->marker, "%s", marker);
			if (a->rev > 0) {
				w->nacks++;
				atomic_fetch_add(&acked, 1);
			}
			json_decref(j);
		}
		tc_resp_free(&r);
	}
	return NULL;
}

/* Every acknowledged write is at its revision with its marker. */
static void check_acks(struct tc_session *s)
{
	size_t lost = 0, total = 0;
	for (int i = 0; i < WRITERS; i++) {
		for (size_t k = 0; k < wr[i].nacks; k++) {
			struct tc_resp r;
			char path[128];
			json_t *j;
			const char *notes;
			snprintf(path, sizeof path, "/api/cases/%s?revision=%ld", refs[i],
			         wr[i].acks[k].rev);
			tc_call(S.port, s, "GET", path, NULL, NULL, &r);
			j = tc_json(&r);
			notes = json_string_value(json_object_get(json_object_get(j, "case"), "notes"));
			if (r.status != 200 || !notes || strcmp(notes, wr[i].acks[k].marker) != 0)
				lost++;
			total++;
			json_decref(j);
			tc_resp_free(&r);
		}
	}
	tc_check(lost == 0 && total > 0, "every acknowledged write is there (%zu of %zu lost)",
	         lost, total);
}

static void crash_runs(void)
{
	struct tc_session admin;
	for (int run = 0; run < RUNS; run++) {
		struct timespec pause = { 0, 5 * 1000 * 1000 };
		int st;
		if (!tc_check(tc_start(&S, "web", NULL), "run %d: server starts", run + 1))
			return;
		atomic_store(&acked, 0);
		atomic_store(&stop, 0);
		for (int i = 0; i < WRITERS; i++) {
			wr[i].i = i;
			wr[i].run = run;
			if (!tc_login(S.port, "anouk", PW, &wr[i].sess))
				tc_check(false, "run %d: writer %d logs in", run + 1, i);
			pthread_create(&wr[i].tid, NULL, write_loop, &wr[i]);
		}
		for (int k = 0; k < 4000 && atomic_load(&acked) < ACKS_PER_RUN; k++)
			nanosleep(&pause, NULL);
		kill(S.pid, SIGKILL);   /* in the middle of the writes */
		waitpid(S.pid, &st, 0);
		S.pid = 0;
		atomic_store(&stop, 1);
		for (int i = 0; i < WRITERS; i++)
			pthread_join(wr[i].tid, NULL);
		tc_check(atomic_load(&acked) >= ACKS_PER_RUN, "run %d: %d writes acknowledged before "
		         "the kill", run + 1, atomic_load(&acked));
	}
	if (!tc_check(tc_start(&S, "web", NULL), "the server starts after %d crashes", RUNS))
		return;
	if (tc_check(tc_login(S.port, "anouk", PW, &admin), "login after the crashes"))
		check_acks(&admin);
	tc_check(tc_stop(&S) == 0, "it stops cleanly");
}

static void checks(const char *what)
{
	char backup[400];
	snprintf(backup, sizeof backup, "%s/check-%d.db", S.dir, (int)time(NULL) ^ rand());
	tc_check(tc_kring(&S, NULL, "backup", backup, NULL) == 0,
	         "%s: integrity_check and the audit chain hold (kring backup verifies both)", what);
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0, "%s: kring audit --verify",
	         what);
}

/* The number of cases in the database (kring list), or -1. */
static int count_cases(void)
{
	char cmd[600], line[256];
	FILE *p;
	int n = -1;
	snprintf(cmd, sizeof cmd, "%s --db %s list 2>/dev/null", S.kring, S.db);
	if (!(p = popen(cmd, "r")))
		return -1;
	while (fgets(line, sizeof line, p))
		n++;   /* the first line is the heading */
	pclose(p);
	return n < 0 ? 0 : n;
}

/* True while another connection holds the database's write lock (a write
 * transaction is open on it): BEGIN IMMEDIATE with no busy wait is refused.
 * Our own attempt is rolled back at once. */
static bool write_lock_held(void)
{
	sqlite3 *db = NULL;
	int rc;
	bool held = false;

	if (sqlite3_open_v2(S.db, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 0);
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		held = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
		if (rc == SQLITE_OK)
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(db);
	return held;
}

/* kill -9 of `kring import` of 200 cases while it is inside its one write
 * transaction (it holds the write lock: seen from another connection, not
 * guessed from a delay), twice; afterwards none of them is there and the
 * file is whole.  Then the import runs to its end: all 200. */
static void import_kills(void)
{
	char dir[400], cmd[900];
	int st;
	snprintf(dir, sizeof dir, "%s/gen", S.dir);
	snprintf(cmd, sizeof cmd, "%s generate --cases 200 --seed 7 -o %s >/dev/null", S.kring, dir);
	if (!tc_check(system(cmd) == 0, "200 generated cases"))
		return;
	snprintf(cmd, sizeof cmd, "exec %s --db %s import %s/*.json >/dev/null 2>&1", S.kring,
	         S.db, dir);
	for (int k = 0; k < 2; k++) {
		int before = count_cases(), after, polls = 0;
		bool caught = false, ended = false;
		pid_t pid = fork();
		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
			_exit(127);
		}
		/* wait until the import is writing: it holds the write lock */
		while (!(caught = write_lock_held()) && polls++ < 60000) {
			if (waitpid(pid, &st, WNOHANG) == pid) {
				ended = true;
				break;
			}
			usleep(1000);
		}
		if (!ended) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
		after = count_cases();
		tc_check(caught && !ended && WIFSIGNALED(st),
		         "kill %d landed inside the import's write transaction (%s)", k + 1,
		         ended ? "the import ended before it was caught" : caught ? "killed while "
		         "holding the write lock" : "never saw it write");
		tc_check(after == before, "... and none of the 200 cases is there (%d -> %d)", before,
		         after);
		checks("after the killed import");
	}
	{
		int before = count_cases(), rc = system(cmd), after = count_cases();
		tc_check(rc == 0 && after == before + 200,
		         "the same import, not killed: all 200 cases (%d -> %d)", before, after);
	}
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2 || !tc_setup(&S, argv[1]))
		return 2;
	tc_check(tc_kring(&S, NULL, "import", "examples/PZ-2026-0101.json",
	                  "examples/PZ-2026-0102.json", "examples/PZ-2026-0103.json",
	                  "examples/PZ-2026-0104.json", NULL) == 0, "import four cases");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "lead", "--team", "noord",
	                  NULL) == 0, "a user");
	for (int i = 0; i < WRITERS; i++)
		tc_kring(&S, NULL, "assign", refs[i], "anouk", NULL);
	crash_runs();
	checks("after the crashes");
	import_kills();
	tc_cleanup(&S);
	return tc_done("kill");
}
