/*
 * test_sessions.c - sessions of `kring serve` end when they should (issue
 * 4): a token is refused after logout, after the user is disabled (by
 * `kring user disable` and by the admin endpoint), after a password change
 * (by `kring user passwd` and by the admin endpoint), and just past the
 * idle and absolute limits (a second server with --session-idle 2
 * --session-max 4), while it is accepted just before them.  Also: the
 * cookie's attributes, the same answer for an unknown user and a wrong
 * password, and 429 with Retry-After once an account is locked out.
 *
 * Usage: test_sessions KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* Waits until the wall clock is just past a whole second, so second-granular
 * limits are tested with a known margin. */
static void align_second(void)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	pause_ms(1000 - now.tv_nsec / 1000000 + 50);
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

static void limits(void)
{
	static const char *const extra[] = { "--session-idle", "2", "--session-max", "4", NULL };
	struct tc_session w;

	if (!tc_check(tc_start(&S, "web", extra), "server with --session-idle 2 --session-max 4"))
		return;
	/* idle */
	align_second();
	tc_check(tc_login(S.port, "admin", PW, &w), "login");
	pause_ms(1000);
	tc_check(status_of(&w, "GET", "/api/session") == 200, "1 s idle: accepted");
	pause_ms(1500);
	tc_check(status_of(&w, "GET", "/api/session") == 200, "1.5 s idle: accepted");
	pause_ms(2200);
	tc_check(status_of(&w, "GET", "/api/session") == 401, "2.2 s idle: refused");

	/* absolute: used every second, ended 4 s after login */
	align_second();
	tc_check(tc_login(S.port, "admin", PW, &w), "login again");
	for (int i = 1; i <= 3; i++) {
		pause_ms(1000);
		tc_check(status_of(&w, "GET", "/api/session") == 200, "in use after %d s: accepted", i);
	}
	pause_ms(1200);
	tc_check(status_of(&w, "GET", "/api/session") == 401, "4.2 s after login: refused");
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
