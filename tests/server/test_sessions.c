/*
 * test_sessions.c - sessions of `kring serve` end when they should (issue
 * 4): a token is refused after logout, after the user is disabled (by
 * `kring user disable` and by the admin endpoint), after a password change
 * (by `kring user passwd` and by the admin endpoint), and at the second the
 * idle and absolute limits run out, while it is accepted the second
 * before.  Also: the cookie's attributes, the same answer for an unknown
 * user and a wrong password, 429 with Retry-After once an account is locked
 * out, and the lockout's end.
 *
 * Time: the limits are tested on a second server that reads its clock from
 * a file this test writes (kring serve --clock-file F --unsafe-testing), at
 * the production limits (30 min idle, 12 h absolute, 15 min lockout),
 * without sleeping: the test moves the clock, the server sees it at the
 * next request.  That the test option is refused without --unsafe-testing,
 * and for a file others may write, is checked too.
 *
 * Usage: test_sessions KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"
#define PW2 "Regenboog-weide-77"
#define PW3 "Kastanje-laan-2031"

static struct tc_server S;

static int status_of(const struct tc_session *s, const char *method, const char *path)
{
	struct tc_resp r;
	int st;
	tc_call(S.port, s, method, path, NULL, NULL, &r);
	st = r.status;
	tc_resp_free(&r);
	return st;
}

static char clock_path[320];

/* Sets the server's clock: writes t to the clock file (a new file renamed
 * over the old one, so the server never reads half a number). */
static void set_clock(time_t t)
{
	char tmp[340];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s.new", clock_path);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%lld\n", (long long)t) < 0 || fclose(f) != 0 ||
	    rename(tmp, clock_path) != 0)
		tc_check(false, "write the clock file");
}

static int status_at(const struct tc_session *s, time_t t, const char *path)
{
	set_clock(t);
	return status_of(s, "GET", path);
}

static void logins(void)
{
	struct tc_resp r, u;
	char cookie[256];
	json_t *a, *b;

	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
	           "{\"user\":\"anouk\",\"password\":\"" PW "\"}",
	           strlen("{\"user\":\"anouk\",\"password\":\"" PW "\"}"), &r);
	tc_check(r.status == 200, "login: 200 (got %d)", r.status);
	tc_check(tc_header(&r, "Set-Cookie", cookie, sizeof cookie) &&
	         strncmp(cookie, "kring_session=", 14) == 0 && strstr(cookie, "HttpOnly") &&
	         strstr(cookie, "SameSite=Strict") && strstr(cookie, "Path=/"),
	         "cookie kring_session; HttpOnly; SameSite=Strict; Path=/ (%s)", cookie);
	tc_check(strlen(cookie) > 14 + 43 - 1 && cookie[14 + 43] == ';',
	         "the token is 43 characters (256 bits)");
	tc_resp_free(&r);

	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
	           "{\"user\":\"anouk\",\"password\":\"wrong-password-123\"}", 48, &r);
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
	           "{\"user\":\"nobody\",\"password\":\"wrong-password-123\"}", 49, &u);
	a = tc_json(&r);
	b = tc_json(&u);
	tc_check(r.status == 401 && u.status == 401 && a && b && json_equal(a, b),
	         "wrong password and unknown user: the same 401 (%d, %d)", r.status, u.status);
	tc_check(!tc_header(&r, "Set-Cookie", cookie, sizeof cookie), "no cookie on a refusal");
	json_decref(a);
	json_decref(b);
	tc_resp_free(&r);
	tc_resp_free(&u);
}

static void ended(void)
{
	struct tc_session w, adm, w2;
	struct tc_resp r;

	/* logout */
	tc_check(tc_login(S.port, "anouk", PW, &w), "login anouk");
	tc_check(status_of(&w, "GET", "/api/session") == 200, "session works");
	tc_check(status_of(&w, "GET", "/api/cases/" REF) == 200, "case readable");
	tc_call(S.port, &w, "DELETE", "/api/session", NULL, NULL, &r);
	tc_check(r.status == 204, "logout: 204 (got %d)", r.status);
	tc_resp_free(&r);
	tc_check(status_of(&w, "GET", "/api/session") == 401, "after logout: 401");
	tc_check(status_of(&w, "GET", "/api/cases/" REF) == 401, "after logout: case 401");

	/* disabled by the command line */
	tc_check(tc_login(S.port, "anouk", PW, &w), "login anouk again");
	tc_check(tc_kring(&S, NULL, "user", "disable", "anouk", NULL) == 0, "kring user disable");
	tc_check(status_of(&w, "GET", "/api/cases/" REF) == 401, "after disable: 401");
	tc_check(!tc_login(S.port, "anouk", PW, &w2), "a disabled user cannot log in");

	/* enabled again by the admin endpoint; disabled by it too */
	tc_check(tc_login(S.port, "admin", PW, &adm), "login admin");
	tc_call(S.port, &adm, "PATCH", "/api/users/anouk", NULL, "{\"disabled\":false}", &r);
	tc_check(r.status == 200, "admin enables anouk: 200 (got %d)", r.status);
	tc_resp_free(&r);
	tc_check(tc_login(S.port, "anouk", PW, &w), "login anouk after enabling");
	tc_call(S.port, &adm, "PATCH", "/api/users/anouk", NULL, "{\"disabled\":true}", &r);
	tc_check(r.status == 200, "admin disables anouk: 200 (got %d)", r.status);
	tc_resp_free(&r);
	tc_check(status_of(&w, "GET", "/api/session") == 401, "after the admin disabled: 401");
	tc_call(S.port, &adm, "PATCH", "/api/users/anouk", NULL, "{\"disabled\":false}", &r);
	tc_resp_free(&r);

	/* password changed by the command line */
	tc_check(tc_login(S.port, "anouk", PW, &w), "login anouk (3)");
	tc_check(tc_kring(&S, PW2 "\n", "user", "passwd", "anouk", NULL) == 0, "kring user passwd");
	tc_check(status_of(&w, "GET", "/api/session") == 401, "after kring user passwd: 401");
	tc_check(!tc_login(S.port, "anouk", PW, &w2), "the old password no longer works");

	/* password changed by the admin endpoint */
	tc_check(tc_login(S.port, "anouk", PW2, &w), "login with the new password");
	tc_call(S.port, &adm, "PATCH", "/api/users/anouk", NULL, "{\"password\":\"" PW3 "\"}", &r);
	tc_check(r.status == 200, "admin sets a password: 200 (got %d)", r.status);
	tc_resp_free(&r);
	tc_check(status_of(&w, "GET", "/api/session") == 401, "after the admin's new password: 401");
	tc_call(S.port, &adm, "PATCH", "/api/users/anouk", NULL, "{\"password\":\"welkom2024!\"}",
	        &r);
	tc_check(r.status == 422 && r.body && !strstr(r.body, "welkom"),
	         "a common password: 422, not echoed (got %d)", r.status);
	tc_resp_free(&r);
	tc_check(status_of(&adm, "GET", "/api/session") == 200, "the admin's own session lives on");
	tc_call(S.port, &w, "GET", "/api/users", NULL, NULL, &r);
	tc_check(r.status == 401, "the ended session cannot reach /api/users");
	tc_resp_free(&r);
	tc_check(tc_login(S.port, "anouk", PW3, &w), "login anouk (4)");
	tc_call(S.port, &w, "GET", "/api/users", NULL, NULL, &r);
	tc_check(r.status == 403, "a worker on /api/users: 403 (got %d)", r.status);
	tc_resp_free(&r);
}

static void throttled(void)
{
	struct tc_resp r;
	char v[32];
	for (int i = 0; i < 5; i++) {
		tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
		           "{\"user\":\"anouk\",\"password\":\"wrong-password-123\"}", 48, &r);
		tc_resp_free(&r);
	}
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
	           "{\"user\":\"anouk\",\"password\":\"" PW3 "\"}",
	           strlen("{\"user\":\"anouk\",\"password\":\"" PW3 "\"}"), &r);
	tc_check(r.status == 429 && tc_header(&r, "Retry-After", v, sizeof v) && atoi(v) > 0,
	         "after 5 failures: 429 with Retry-After (got %d)", r.status);
	tc_resp_free(&r);
}

static bool login_status(const char *user, const char *pw, int want)
{
	char body[128];
	struct tc_resp r;
	bool ok;

	snprintf(body, sizeof body, "{\"user\":\"%s\",\"password\":\"%s\"}", user, pw);
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n", body,
	           strlen(body), &r);
	ok = r.status == want;
	tc_resp_free(&r);
	return ok;
}

static void limits(void)
{
	static const char *const extra[] = { "--clock-file", clock_path, "--unsafe-testing", NULL };
	static const char *const idle_s = "1800", *const abs_s = "43200";
	/* a week after the wall clock, so nothing the first server recorded
	 * (failures, lockouts) falls in a window of this one */
	const time_t t0 = time(NULL) / 3600 * 3600 + 7 * 86400;
	const long idle = atol(idle_s), absolute = atol(abs_s);
	struct tc_session w;
	time_t t;

	snprintf(clock_path, sizeof clock_path, "%s/clock", S.dir);
	set_clock(t0);
	/* the test option needs its explicit flag, and a file nobody else writes */
	/* (an address that cannot be bound: were the option taken, the server
	 * would exit 1 instead of serving) */
	tc_check(tc_kring(&S, NULL, "serve", "--listen", "192.0.2.1:9", "--clock-file", clock_path,
	                  NULL) == 2,
	         "--clock-file without --unsafe-testing: refused (exit 2)");
	chmod(clock_path, 0666);
	tc_check(tc_kring(&S, NULL, "serve", "--listen", "192.0.2.1:9", "--clock-file", clock_path,
	                  "--unsafe-testing", NULL) == 2,
	         "--clock-file that others may write: refused (exit 2)");
	chmod(clock_path, 0600);
	if (!tc_check(tc_start(&S, "web", extra), "server on the clock file"))
		return;

	/* idle: accepted a second before the limit, each use restarts it */
	tc_check(tc_login(S.port, "admin", PW, &w), "login at t0");
	tc_check(status_at(&w, t0 + idle - 1, "/api/session") == 200, "idle %ld s: accepted",
	         idle - 1);
	tc_check(status_at(&w, t0 + 2 * idle - 2, "/api/session") == 200,
	         "idle %ld s again after a use: accepted", idle - 1);
	tc_check(status_at(&w, t0 + 3 * idle - 2, "/api/session") == 401,
	         "idle %ld s: refused", idle);
	tc_check(status_at(&w, t0 + 2 * idle - 2, "/api/session") == 401,
	         "an ended session stays ended when the clock goes back");
	/* ... and refused at the very second */
	set_clock(t0);
	tc_check(tc_login(S.port, "admin", PW, &w), "login again at t0");
	tc_check(status_at(&w, t0 + idle, "/api/cases") == 401, "exactly %ld s idle: refused", idle);

	/* absolute: used every 25 minutes, still refused 12 h after login */
	set_clock(t0);
	tc_check(tc_login(S.port, "admin", PW, &w), "login for the absolute limit");
	for (t = t0 + 1500; t < t0 + absolute; t += 1500)
		if (status_at(&w, t, "/api/session") != 200) {
			tc_check(false, "in use after %lld s: accepted", (long long)(t - t0));
			break;
		}
	tc_check(status_at(&w, t0 + absolute - 1, "/api/session") == 200,
	         "in use %ld s after login: accepted", absolute - 1);
	tc_check(status_at(&w, t0 + absolute, "/api/session") == 401,
	         "%ld s after login: refused however busy", absolute);

	/* throttling: 5 failures lock the account for 15 minutes, to the second */
	t = t0 + absolute + 100;
	set_clock(t);
	for (int i = 0; i < 5; i++)
		login_status("admin", "wrong-password-123", 401);
	tc_check(login_status("admin", PW, 429), "locked out after 5 failures");
	set_clock(t + 899);
	tc_check(login_status("admin", PW, 429), "still locked 899 s later");
	set_clock(t + 900);
	tc_check(login_status("admin", PW, 200), "the lockout ends after 900 s");
	tc_check(tc_stop(&S) == 0, "server stops cleanly");
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_sessions: cannot set up\n");
		return 1;
	}
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "admin", "--role", "admin", NULL) == 0,
	         "users");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "assign");
	if (tc_check(tc_start(&S, "web", NULL), "server starts")) {
		logins();
		ended();
		throttled();
		tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	}
	limits();
	tc_cleanup(&S);
	return tc_done("sessions");
}
