/*
 * test_matrix.c - the access-control matrix of `kring serve` (issue 4):
 * every role - a worker of the case and one of another team, the lead of
 * the case's team and of another team, an analyst, an admin without and
 * with an assignment, a share-link holder, and nobody logged in - against
 * every case endpoint, on two cases.  Every allowed cell answers 2xx;
 * every forbidden cell answers exactly the status the library's verdict
 * gives (401 without a session; 403 when the role may never do it: an
 * analyst, a share holder, a worker assigning; 404 when the case is outside
 * the caller's scope, so it looks as if it did not exist) and its body
 * holds no name of that case's people.  GET /api/session answers each
 * role's capabilities.  Then the audit trail: every request of the
 * matrix is in it (rows counted per case and action letter: the endpoint's
 * letter when allowed, F when refused), the server log holds no name, the
 * chain verifies, and once one row is altered with a raw SQLite handle
 * (after dropping the trigger, as an attacker would) `kring audit --verify`
 * fails and so does GET /api/audit/verify.  Also the share-link holder's
 * own view and its limits, the case list per role, and the figures of
 * /api/stats without names or refs.
 *
 * Usage: test_matrix KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "client.h"

#define A_REF "PZ-2026-0101"
#define B_REF "PZ-2026-0102"
#define PW "Zonnebloem-akker-42"

enum role { ANON, W_A, LEAD_A, W_B, LEAD_B, ANALYST, ADMIN_U, ADMIN_A, SHARE, NROLES };
static const char *const role_name[NROLES] = { "anonymous", "worker A", "lead A", "worker B",
	"lead B", "analyst", "admin unassigned", "admin assigned A", "share holder A" };
static const char *const user_of[NROLES] = { NULL, "wa", "leada", "wb", "leadb", "ana",
	"admu", "adma", NULL };

enum kind { K_READ, K_WRITE, K_ASSIGN };

struct endpoint {
	const char *method;
	const char *path;     /* {ref} = the ref */
	const char *body;     /* NULL, or a body; "@doc" = the case document */
	enum kind kind;
	char letter;          /* audit letter when allowed */
	bool if_match;
};

/* The path of endpoint ep on case ref ("{ref}" replaced). */
static void path_of(const char *pattern, const char *ref, char *out, size_t n)
{
	const char *at = strstr(pattern, "{ref}");
	if (!at) {
		snprintf(out, n, "%s", pattern);
		return;
	}
	snprintf(out, n, "%.*s%s%s", (int)(at - pattern), pattern, ref, at + 5);
}

static const struct endpoint eps[] = {
	{ "GET", "/api/cases/{ref}", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}?revision=1", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/history", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/export", NULL, K_READ, 'E', false },
	{ "GET", "/api/cases/{ref}/signals?as_of=2026-12-01", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/metrics", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/render/ecogram.svg", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/render/lifeline.pdf?as_of=2026-12-01", NULL, K_READ, 'P', false },
	{ "GET", "/api/cases/{ref}/layout/ecogram", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/persons", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/persons/p1", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/plan", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/shares", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/assignees", NULL, K_READ, 'R', false },
	{ "GET", "/api/cases/{ref}/family-plans", NULL, K_READ, 'R', false },
	{ "PATCH", "/api/cases/{ref}/plan", "{\"version\":7}", K_WRITE, 'U', true },
	{ "POST", "/api/cases/{ref}/wishes",
	  "{\"by\":\"p1\",\"date\":\"2026-11-20\",\"text\":\"matrix\"}", K_WRITE, 'U', true },
	{ "PATCH", "/api/cases/{ref}/ties/0", "{\"frequency\":\"weekly\"}", K_WRITE, 'U', true },
	{ "PUT", "/api/cases/{ref}", "@doc", K_WRITE, 'U', true },
	{ "POST", "/api/cases/{ref}/shares", "{\"person\":\"p1\",\"days\":1}", K_WRITE, 'C', false },
	{ "PUT", "/api/cases/{ref}/assignees/spare", NULL, K_ASSIGN, 'U', false },
	{ "DELETE", "/api/cases/{ref}/assignees/spare", NULL, K_ASSIGN, 'D', false },
};
#define NEPS (sizeof eps / sizeof *eps)

static struct tc_server S;
static struct tc_session sess[NROLES];
static char *docs[2];
static long rev[2] = { 1, 1 };
static json_t *names[2];          /* arrays of strings not to leak */
static long expect[2][128];       /* expected audit rows per case and letter */
static long long share_id;        /* the holder's link */

/* The status a refused cell must answer, from docs/security.md's table
 * (not from the library's): no session 401; a role that may never do it
 * 403 (the analyst on any case, a share holder outside /api/share, a worker
 * assigning); a case outside the caller's scope 404. */
static int refusal(enum role r, enum kind k)
{
	if (r == ANON)
		return 401;
	if (r == ANALYST || r == SHARE || ((r == W_A || r == W_B) && k == K_ASSIGN))
		return 403;
	return 404;
}

/* May role act on case c (0 = A, 1 = B) with an endpoint of this kind? */
static bool allowed(enum role r, int c, enum kind k)
{
	switch (r) {
	case W_A: return c == 0 && k != K_ASSIGN;
	case LEAD_A: return c == 0;
	case W_B: return c == 1 && k != K_ASSIGN;
	case LEAD_B: return c == 1;
	case ADMIN_U: return k == K_ASSIGN;
	case ADMIN_A: return c == 0 || k == K_ASSIGN;
	default: return false;
	}
}

static void load_names(int c, const char *ref)
{
	char path[256];
	json_t *doc, *p;
	size_t i;

	snprintf(path, sizeof path, "examples/%s.json", ref);
	docs[c] = tc_slurp(path, NULL);
	doc = docs[c] ? json_loads(docs[c], 0, NULL) : NULL;
	names[c] = json_array();
	json_array_foreach(json_object_get(doc, "persons"), i, p) {
		const char *n = json_string_value(json_object_get(p, "name"));
		char word[128], *save = NULL, *t;
		if (!n)
			continue;
		json_array_append_new(names[c], json_string(n));
		snprintf(word, sizeof word, "%s", n);
		for (t = strtok_r(word, " -", &save); t; t = strtok_r(NULL, " -", &save))
			if (strlen(t) >= 5)
				json_array_append_new(names[c], json_string(t));
	}
	json_decref(doc);
}

/* The first name of case c found in text, or NULL. */
static const char *leaked(int c, const char *text)
{
	size_t i;
	json_t *n;
	if (!text)
		return NULL;
	json_array_foreach(names[c], i, n)
		if (strstr(text, json_string_value(n)))
			return json_string_value(n);
	return NULL;
}

static void call_as(enum role r, const char *method, const char *path, const char *extra,
                    const char *body, struct tc_resp *out)
{
	tc_call(S.port, r == ANON ? NULL : &sess[r], method, path, extra, body, out);
}

static void matrix(void)
{
	for (int r = 0; r < NROLES; r++) {
		for (int c = 0; c < 2; c++) {
			const char *ref = c ? B_REF : A_REF;
			int ok_cells = 0, refused = 0;
			for (size_t e = 0; e < NEPS; e++) {
				const struct endpoint *ep = &eps[e];
				char path[256], extra[64] = "";
				const char *body = ep->body;
				bool may = allowed((enum role)r, c, ep->kind);
				struct tc_resp resp;
				const char *leak;

				path_of(ep->path, ref, path, sizeof path);
				if (body && strcmp(body, "@doc") == 0)
					body = docs[c];
				if (ep->if_match)
					snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", rev[c]);
				call_as((enum role)r, ep->method, path, extra, body, &resp);
				if (may) {
					if (tc_check(resp.status >= 200 && resp.status < 300,
					             "%s %s %s on %s: allowed (got %d)", role_name[r],
					             ep->method, ep->path, ref, resp.status))
						ok_cells++;
					if (ep->if_match && resp.status < 300)
						rev[c]++;
					expect[c][(int)ep->letter]++;
				} else {
					int want = refusal((enum role)r, ep->kind);
					tc_check(resp.status == want, "%s %s %s on %s: refused with %d (got %d)",
					         role_name[r], ep->method, ep->path, ref, want, resp.status);
					leak = leaked(c, resp.body);
					tc_check(!leak, "%s %s %s on %s: nothing of the case in the answer%s%s",
					         role_name[r], ep->method, ep->path, ref, leak ? ": " : "",
					         leak ? leak : "");
					refused++;
					expect[c]['F']++;
				}
				tc_resp_free(&resp);
			}
			printf("# %s on %s: %d allowed, %d refused\n", role_name[r], c ? B_REF : A_REF,
			       ok_cells, refused);
		}
	}
}

static void lists(void)
{
	static const char *const want[NROLES] = { NULL, A_REF, A_REF, B_REF, B_REF, NULL, "",
		A_REF, NULL };
	for (int r = 0; r < NROLES; r++) {
		struct tc_resp resp;
		json_t *j, *arr;
		call_as((enum role)r, "GET", "/api/cases", NULL, NULL, &resp);
		if (r == ANON || r == ANALYST || r == SHARE) {
			tc_check(resp.status == (r == ANON ? 401 : 403), "%s: GET /api/cases refused (%d)",
			         role_name[r], resp.status);
			tc_check(!leaked(0, resp.body) && !leaked(1, resp.body) &&
			         !strstr(resp.body ? resp.body : "", "PZ-"),
			         "%s: the refusal names no case", role_name[r]);
			tc_resp_free(&resp);
			continue;
		}
		j = tc_json(&resp);
		arr = json_object_get(j, "cases");
		if (want[r][0]) {
			tc_check(resp.status == 200 && json_array_size(arr) == 1 &&
			         strcmp(json_string_value(json_object_get(json_array_get(arr, 0), "ref")),
			                want[r]) == 0, "%s: GET /api/cases lists only %s", role_name[r],
			         want[r]);
			expect[strcmp(want[r], A_REF) == 0 ? 0 : 1]['R']++;
		} else {
			tc_check(resp.status == 200 && json_array_size(arr) == 0,
			         "%s: GET /api/cases lists nothing", role_name[r]);
		}
		json_decref(j);
		tc_resp_free(&resp);
	}
}

static void other_endpoints(void)
{
	struct tc_resp resp;
	/* the status per role (anonymous, worker A, lead A, worker B, lead B,
	 * analyst, admin, admin assigned A, share holder) */
	static const struct { const char *method, *path; int want[NROLES]; } o[] = {
		{ "GET", "/api/users", { 401, 403, 403, 403, 403, 403, 200, 200, 403 } },
		{ "GET", "/api/audit/verify", { 401, 403, 403, 403, 403, 403, 200, 200, 403 } },
		{ "GET", "/api/stats?as_of=2026-12-01", { 401, 403, 200, 403, 200, 200, 200, 200, 403 } },
		/* one case's trail: a worker's or analyst's role never may (403), lead
		 * B may for the cases of team zuid only (404), admins any case */
		{ "GET", "/api/audit?ref=" A_REF, { 401, 403, 200, 403, 404, 403, 200, 200, 403 } },
		{ "GET", "/api/audit", { 401, 403, 403, 403, 403, 403, 200, 200, 403 } },
		{ "GET", "/api/share/plan", { 401, 401, 401, 401, 401, 401, 401, 401, 200 } },
		/* the steering figures: a lead's monitor is their team's, with the
		 * children's names; everybody else with figures gets them without */
		{ "GET", "/api/report/monitor?as_of=2026-12-01",
		  { 401, 403, 200, 403, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/report/startfoto?as_of=2026-12-01",
		  { 401, 403, 200, 403, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/report/monitor?as_of=2026-12-01&team=noord",
		  { 401, 403, 200, 403, 403, 403, 403, 403, 403 } },
	};
	for (size_t i = 0; i < sizeof o / sizeof *o; i++)
		for (int r = 0; r < NROLES; r++) {
			call_as((enum role)r, o[i].method, o[i].path, NULL, NULL, &resp);
			tc_check(resp.status == o[i].want[r], "%s %s as %s: %d (got %d)", o[i].method,
			         o[i].path, role_name[r], o[i].want[r], resp.status);
			if (strstr(o[i].path, "/api/audit?ref=")) {
				/* read by who may; refused with an F row for every logged-in
				 * user who may not, whether by role (403) or by scope (404) */
				if (o[i].want[r] == 200)
					expect[0]['R']++;
				else if (r != ANON && r != SHARE)
					expect[0]['F']++;
			}
			if (strstr(o[i].path, "/api/share/plan") && o[i].want[r] == 200)
				expect[0]['R']++;
			if (strstr(o[i].path, "/api/report/") && resp.status == 200) {
				/* names only in a lead's own monitor, of their own team's case;
				 * every child in a caseload is a read of that case */
				bool mon = strstr(o[i].path, "/monitor") != NULL;
				int own = r == LEAD_A ? 0 : r == LEAD_B ? 1 : -1;
				tc_check(!leaked(own == 0 ? 1 : 0, resp.body) &&
				         (own >= 0 && mon ? true : !leaked(1, resp.body)),
				         "%s %s as %s: no name of another team's or any case",
				         o[i].method, o[i].path, role_name[r]);
				if (own >= 0 && mon) {
					tc_check(strstr(resp.body, own ? B_REF : A_REF) != NULL,
					         "%s as %s: the own team's caseload", o[i].path, role_name[r]);
					expect[own]['R']++;
				}
			}
			if (strstr(o[i].path, "/api/stats") && resp.status == 200)
				tc_check(strstr(resp.body, "\"cases\":null") != NULL,
				         "stats as %s: 2 cases held back (null)", role_name[r]);
			if (strstr(o[i].path, "/api/stats") && resp.status == 200)
				tc_check(!leaked(0, resp.body) && !leaked(1, resp.body) &&
				         !strstr(resp.body, "PZ-") && !strstr(resp.body, "\"p1\""),
				         "stats as %s: no names, refs or person ids", role_name[r]);
			tc_resp_free(&resp);
		}
}

/* GET /api/session answers what each role may do, action by action (the
 * scopes of docs/security.md), so the browser need not guess from roles. */
static void capabilities(void)
{
	static const char *const actions[] = { "read", "write", "export", "share", "assign",
		"case_audit", "list", "create", "figures", "users", "audit", "team_figures" };
	static const char *const worker[] = { "own", "own", "own", "own", "none", "none", "all",
		"all", "none", "none", "none", "none" };
	static const char *const lead[] = { "team", "team", "team", "team", "team+unassigned",
		"team", "all", "all", "all", "none", "none", "team" };
	static const char *const analyst[] = { "none", "none", "none", "none", "none", "none",
		"none", "none", "all", "none", "none", "none" };
	static const char *const admin[] = { "own", "own", "own", "own", "any", "any", "all",
		"none", "all", "all", "all", "none" };
	static const char *const *const want[NROLES] = { NULL, worker, lead, worker, lead,
		analyst, admin, admin, NULL };
	struct tc_resp resp;
	json_t *j, *caps;

	for (int r = 1; r < NROLES; r++) {
		if (!want[r])
			continue;
		call_as((enum role)r, "GET", "/api/session", NULL, NULL, &resp);
		j = tc_json(&resp);
		caps = json_object_get(j, "capabilities");
		tc_check(resp.status == 200 && json_is_object(caps) &&
		         json_object_size(caps) == sizeof actions / sizeof *actions,
		         "%s: GET /api/session has %zu capabilities", role_name[r],
		         sizeof actions / sizeof *actions);
		for (size_t a = 0; a < sizeof actions / sizeof *actions; a++) {
			const char *got = json_string_value(json_object_get(caps, actions[a]));
			tc_check(got && strcmp(got, want[r][a]) == 0, "%s may %s: %s (got %s)",
			         role_name[r], actions[a], want[r][a], got ? got : "nothing");
		}
		json_decref(j);
		tc_resp_free(&resp);
	}
	/* the login answers them too */
	{
		char body[128];
		snprintf(body, sizeof body, "{\"user\":\"ana\",\"password\":\"%s\"}", PW);
		tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
		           body, strlen(body), &resp);
		j = tc_json(&resp);
		caps = json_object_get(j, "capabilities");
		tc_check(resp.status == 200 && json_is_object(caps) &&
		         strcmp(json_string_value(json_object_get(caps, "figures")) ?: "", "all") == 0 &&
		         strcmp(json_string_value(json_object_get(caps, "read")) ?: "", "none") == 0,
		         "the login answer holds the analyst's capabilities (got %d)", resp.status);
		json_decref(j);
		tc_resp_free(&resp);
	}
}

static void share_view(void)
{
	struct tc_resp resp;
	json_t *j;

	call_as(SHARE, "GET", "/api/share/plan?as_of=2026-12-01", NULL, NULL, &resp);
	j = tc_json(&resp);
	tc_check(resp.status == 200 && json_array_size(json_object_get(j, "my_tasks")) == 3,
	         "share plan: 200 with the holder's 3 tasks (got %d)", resp.status);
	tc_check(resp.body && !strstr(resp.body, "\"born\"") && !strstr(resp.body, "\"ties\"") &&
	         !strstr(resp.body, "\"placements\"") && !leaked(1, resp.body),
	         "share plan: no birth dates, ties, placements or other cases");
	tc_check(json_is_array(json_object_get(j, "viewed_by")) &&
	         json_array_size(json_object_get(j, "viewed_by")) > 0, "share plan: viewed_by");
	json_decref(j);
	tc_resp_free(&resp);
	expect[0]['R']++;

	call_as(SHARE, "POST", "/api/share/wishes", NULL, "{\"text\":\"Een week bij oma logeren.\"}",
	        &resp);
	tc_check(resp.status == 201, "share: add a wish: 201 (got %d)", resp.status);
	tc_resp_free(&resp);
	expect[0]['U']++;
	rev[0]++;
	call_as(SHARE, "POST", "/api/share/agreements/a1/done", NULL, NULL, &resp);
	j = tc_json(&resp);
	tc_check(resp.status == 200 && strcmp(json_string_value(json_object_get(json_object_get(j,
	         "item"), "status")) ?: "", "done") == 0,
	         "share: mark own agreement a1 done: 200 (got %d)", resp.status);
	json_decref(j);
	tc_resp_free(&resp);
	expect[0]['U']++;
	rev[0]++;
	call_as(SHARE, "POST", "/api/share/agreements/a5/done", NULL, NULL, &resp);
	tc_check(resp.status == 403, "share: another's agreement a5: 403 (got %d)", resp.status);
	tc_resp_free(&resp);
	call_as(SHARE, "POST", "/api/share/agreements/a99/done", NULL, NULL, &resp);
	tc_check(resp.status == 404, "share: unknown agreement: 404 (got %d)", resp.status);
	tc_resp_free(&resp);
	/* without the CSRF header */
	tc_request(S.port, "POST", "/api/share/wishes", sess[SHARE].cookie, NULL, 0, &resp);
	tc_check(resp.status == 403, "share: POST without CSRF: 403 (got %d)", resp.status);
	tc_resp_free(&resp);
	call_as(W_A, "GET", "/api/cases/" A_REF "/history", NULL, NULL, &resp);
	tc_check(resp.body && strstr(resp.body, "share:p4"), "history names share:p4 as author");
	tc_resp_free(&resp);
	expect[0]['R']++;

	/* the worker revokes the link: the holder is out at once */
	{
		char path[128];
		snprintf(path, sizeof path, "/api/cases/" A_REF "/shares/%lld", share_id);
		call_as(W_A, "DELETE", path, NULL, NULL, &resp);
		tc_check(resp.status == 204, "worker revokes the link: 204 (got %d)", resp.status);
		tc_resp_free(&resp);
		expect[0]['D']++;
	}
	call_as(SHARE, "GET", "/api/share/plan", NULL, NULL, &resp);
	tc_check(resp.status == 401, "revoked link: the plan is refused (got %d)", resp.status);
	tc_resp_free(&resp);
	call_as(W_A, "GET", "/api/cases/" A_REF "/shares", NULL, NULL, &resp);
	tc_check(resp.body && strstr(resp.body, "\"state\":\"revoked\"") &&
	         !strstr(resp.body, "token"), "the list shows the link revoked, without tokens");
	tc_resp_free(&resp);
	expect[0]['R']++;
}


/* The register of foster families (docs/foster-families.md): family fa is
 * worker A's own (team noord), fb worker B's (team zuid), and case B's
 * placement pl2 is made to name fa, so worker B and lead B may read fa as
 * the workers of a child placed there, but not change it.  Every role
 * against every family endpoint. */
static const char FAM_A[] = "{\"format\":\"kring-family/1\",\"id\":\"fa\",\"name\":\"Familie "
	"Oosterhof\",\"kind\":\"foster_family\",\"care\":\"stranger\",\"capacity\":2,"
	"\"availability\":{\"status\":\"available\"},\"household\":[{\"id\":\"h1\",\"role\":"
	"\"foster_parent\",\"born\":\"1980-01-01\"},{\"id\":\"h2\",\"role\":\"own_child\",\"born\":"
	"\"2014-05-05\"}],\"worker\":{\"name\":\"W A\",\"account\":\"wa\"}}";
static const char FAM_B[] = "{\"format\":\"kring-family/1\",\"id\":\"fb\",\"kind\":"
	"\"family_home\",\"capacity\":4,\"worker\":{\"account\":\"wb\"}}";

static void family_matrix(void)
{
	/* per role: anonymous, worker A, lead A, worker B, lead B, analyst,
	 * admin, admin assigned A, share holder */
	static const int get_a[NROLES] = { 401, 200, 200, 200, 200, 403, 404, 404, 401 };
	static const int get_b[NROLES] = { 401, 404, 404, 200, 200, 403, 404, 404, 401 };
	static const int put_a[NROLES] = { 401, 200, 200, 404, 404, 403, 404, 404, 401 };
	static const int list_n[NROLES] = { -401, 1, 1, 2, 2, -403, 0, 0, -401 };
	static const int create[NROLES] = { 401, 201, 201, 201, 201, 403, 403, 403, 401 };
	long frev = 1;
	struct tc_resp resp;
	char extra[64], path[128];
	json_t *j;

	snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", rev[1]);
	call_as(W_B, "PATCH", "/api/cases/" B_REF "/placements/pl2", extra,
	        "{\"family\":\"fa\"}", &resp);
	tc_check(resp.status == 200, "worker B names family fa for placement pl2 (got %d)",
	         resp.status);
	tc_resp_free(&resp);
	expect[1]['U']++;
	rev[1]++;
	snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", rev[1]);
	call_as(W_B, "PATCH", "/api/cases/" B_REF "/placements/pl1", extra,
	        "{\"family\":\"f9\"}", &resp);
	tc_check(resp.status == 422, "a family not in the register: 422 (got %d)", resp.status);
	tc_check(resp.body && strstr(resp.body, "placements[0].family"),
	         "the refusal says where: placements[0].family (%s)", resp.body ? resp.body : "");
	tc_resp_free(&resp);
	expect[1]['F']++;

	for (int r = 0; r < NROLES; r++) {
		call_as((enum role)r, "GET", "/api/families/fa?as_of=2026-12-01", NULL, NULL, &resp);
		tc_check(resp.status == get_a[r], "GET /api/families/fa as %s: %d (got %d)",
		         role_name[r], get_a[r], resp.status);
		if (resp.status == 200) {
			j = tc_json(&resp);
			tc_check(json_integer_value(json_object_get(j, "in_use")) == 1 &&
			         json_integer_value(json_object_get(j, "vacancies")) == 1 &&
			         json_integer_value(json_object_get(json_object_get(j, "ages"), "h2")) == 12,
			         "fa as %s: 1 in use, 1 vacancy, own child aged 12", role_name[r]);
			json_decref(j);
		} else {
			tc_check(!resp.body || !strstr(resp.body, "Oosterhof"),
			         "fa refused to %s: nothing of the family in the answer", role_name[r]);
		}
		tc_resp_free(&resp);
		call_as((enum role)r, "GET", "/api/families/fb", NULL, NULL, &resp);
		tc_check(resp.status == get_b[r], "GET /api/families/fb as %s: %d (got %d)",
		         role_name[r], get_b[r], resp.status);
		tc_resp_free(&resp);
		snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", frev);
		call_as((enum role)r, "PUT", "/api/families/fa", extra, FAM_A, &resp);
		tc_check(resp.status == put_a[r], "PUT /api/families/fa as %s: %d (got %d)",
		         role_name[r], put_a[r], resp.status);
		if (resp.status == 200)
			frev++;
		tc_resp_free(&resp);
		call_as((enum role)r, "GET", "/api/families", NULL, NULL, &resp);
		j = tc_json(&resp);
		if (list_n[r] < 0)
			tc_check(resp.status == -list_n[r], "GET /api/families as %s: %d (got %d)",
			         role_name[r], -list_n[r], resp.status);
		else
			tc_check(resp.status == 200 && json_array_size(json_object_get(j, "families")) ==
			         (size_t)list_n[r], "GET /api/families as %s lists %d", role_name[r],
			         list_n[r]);
		json_decref(j);
		tc_resp_free(&resp);
	}
	for (int r = 0; r < NROLES; r++) {
		snprintf(path, sizeof path, "{\"format\":\"kring-family/1\",\"id\":\"new%d\","
		         "\"worker\":{\"account\":\"%s\"}}", r, user_of[r] ? user_of[r] : "wa");
		call_as((enum role)r, "POST", "/api/families", NULL, path, &resp);
		tc_check(resp.status == create[r], "POST /api/families as %s: %d (got %d)",
		         role_name[r], create[r], resp.status);
		tc_resp_free(&resp);
	}
	/* stale If-Match, a body for another family, no own worker */
	call_as(W_A, "PUT", "/api/families/fa", "If-Match: \"1\"\r\n", FAM_A, &resp);
	tc_check(resp.status == 409, "PUT fa on an old revision: 409 (got %d)", resp.status);
	tc_resp_free(&resp);
	snprintf(extra, sizeof extra, "If-Match: \"%ld\"\r\n", frev);
	call_as(W_A, "PUT", "/api/families/fa", extra, FAM_B, &resp);
	tc_check(resp.status == 422 && resp.body && strstr(resp.body, "\"id: "),
	         "PUT fa with fb's document: 422 at id (got %d)", resp.status);
	tc_resp_free(&resp);
	call_as(W_A, "POST", "/api/families", NULL, "{\"format\":\"kring-family/1\",\"id\":\"nw\"}",
	        &resp);
	tc_check(resp.status == 422 && resp.body && strstr(resp.body, "worker.account"),
	         "POST a family without its own worker: 422 at worker.account (got %d)",
	         resp.status);
	tc_resp_free(&resp);
}

/* The family plan of siblings (docs/family-plan.md): plan pa links case A
 * and case B, made by "wab", a worker of both.  A worker, lead or admin of
 * one case reads the plan with only that case's child (nothing of the other
 * case in the answer) and may not change it (403); the worker of both may;
 * nobody else knows it exists (404), an analyst never (403).  A read shows
 * one audit row per case whose child it shows. */
static const char PLAN_A[] = "{\"format\":\"kring-familyplan/1\",\"id\":\"pa\",\"name\":"
	"\"Samen\",\"cases\":[\"" A_REF "\",\"" B_REF "\"],\"goals\":[{\"id\":\"g1\",\"text\":"
	"\"De kinderen zien elkaar\",\"who\":[{\"case\":\"" A_REF "\",\"person\":\"p1\"},"
	"{\"case\":\"" B_REF "\",\"person\":\"p1\"}]}],\"meetings\":[{\"id\":\"m1\",\"date\":"
	"\"2026-11-20\",\"invited\":[{\"case\":\"" A_REF "\",\"person\":\"p1\"},{\"case\":\""
	B_REF "\",\"person\":\"p1\"}],\"attended\":[{\"case\":\"" A_REF "\",\"person\":\"p1\"}],"
	"\"outcome\":\"Elke maand samen\"}]}";

static void family_plan_matrix(void)
{
	/* per role: anonymous, worker A, lead A, worker B, lead B, analyst,
	 * admin, admin assigned A, share holder; which cases they see (bit 0
	 * A, bit 1 B) */
	static const int get[NROLES] = { 401, 200, 200, 200, 200, 403, 404, 200, 401 };
	static const int sees[NROLES] = { 0, 1, 1, 2, 2, 0, 0, 1, 0 };
	static const int put[NROLES] = { 401, 403, 403, 403, 403, 403, 404, 403, 401 };
	static const int list_n[NROLES] = { -401, 1, 1, 1, 1, -403, 0, 1, -401 };
	struct tc_session both;
	struct tc_resp resp;
	json_t *j;

	if (!tc_check(tc_login(S.port, "wab", PW, &both), "login wab (worker of both)"))
		return;
	/* made by the worker of both: 201, and a new document needs every case */
	tc_call(S.port, &both, "PUT", "/api/family-plans/pa", NULL, PLAN_A, &resp);
	tc_check(resp.status == 201, "PUT a new family plan as the worker of both: 201 (got %d)",
	         resp.status);
	tc_resp_free(&resp);
	expect[0]['R']++;
	expect[1]['R']++;
	/* the plan's meeting counts for case A (docs/family-plan.md, "The family
	 * meeting in each child's case"): the summary of worker A shows it as
	 * the last meeting, with nothing of case B */
	call_as(W_A, "GET", "/api/cases/" A_REF "/summary?as_of=2027-01-15", NULL, NULL, &resp);
	tc_check(resp.status == 200 && resp.body && strstr(resp.body, "\"id\":\"pa/m1\"") &&
	         strstr(resp.body, "\"family_plan\":\"pa\"") &&
	         !strstr(resp.body, "Lina van Dijk"), "GET the summary of A as worker A: the "
	         "family's meeting is its last, nothing of B (got %d)", resp.status);
	tc_resp_free(&resp);
	expect[0]['R']++;
	{
		char pb[sizeof PLAN_A], *at;
		memcpy(pb, PLAN_A, sizeof PLAN_A);
		if ((at = strstr(pb, "\"id\":\"pa\"")))
			at[7] = 'b';
		call_as(W_A, "PUT", "/api/family-plans/pb", NULL, pb, &resp);
	}
	tc_check(resp.status == 422 || resp.status == 403, "a new plan linking a case worker A "
	         "may not change: refused (got %d)", resp.status);
	tc_check(resp.status == 403 && resp.body && strstr(resp.body, "cases[1]") &&
	         !leaked(1, resp.body), "... 403 at cases[1], nothing of case B (%s)",
	         resp.body ? resp.body : "");
	tc_resp_free(&resp);
	for (int r = 0; r < NROLES; r++) {
		call_as((enum role)r, "GET", "/api/family-plans/pa", NULL, NULL, &resp);
		tc_check(resp.status == get[r], "GET /api/family-plans/pa as %s: %d (got %d)",
		         role_name[r], get[r], resp.status);
		for (int c = 0; c < 2; c++) {
			bool shown = sees[r] & (1 << c);
			const char *leak = leaked(c, resp.body);
			const char *ref = c ? B_REF : A_REF;
			if (shown) {
				tc_check(resp.body && strstr(resp.body, ref), "pa as %s shows %s",
				         role_name[r], ref);
				expect[c]['R']++;
			} else {
				tc_check(!leak && !(resp.body && strstr(resp.body, ref)),
				         "pa as %s: nothing of %s in the answer%s%s", role_name[r], ref,
				         leak ? ": " : "", leak ? leak : "");
			}
		}
		tc_resp_free(&resp);
		/* its history: the same answer, cut the same way */
		call_as((enum role)r, "GET", "/api/family-plans/pa/history", NULL, NULL, &resp);
		tc_check(resp.status == get[r], "GET /api/family-plans/pa/history as %s: %d (got %d)",
		         role_name[r], get[r], resp.status);
		for (int c = 0; c < 2; c++) {
			const char *leak = leaked(c, resp.body);
			if (sees[r] & (1 << c))
				expect[c]['R']++;
			else
				tc_check(!leak && !(resp.body && strstr(resp.body, c ? B_REF : A_REF)),
				         "pa's history as %s: nothing of case %c%s%s", role_name[r],
				         c ? 'B' : 'A', leak ? ": " : "", leak ? leak : "");
		}
		tc_resp_free(&resp);
		call_as((enum role)r, "PUT", "/api/family-plans/pa", "If-Match: \"1\"\r\n", PLAN_A,
		        &resp);
		tc_check(resp.status == put[r], "PUT /api/family-plans/pa as %s: %d (got %d)",
		         role_name[r], put[r], resp.status);
		tc_check(!leaked(1, resp.body) || r == W_B || r == LEAD_B,
		         "PUT pa refused to %s: nothing of case B", role_name[r]);
		tc_resp_free(&resp);
		call_as((enum role)r, "GET", "/api/family-plans", NULL, NULL, &resp);
		j = tc_json(&resp);
		if (list_n[r] < 0)
			tc_check(resp.status == -list_n[r], "GET /api/family-plans as %s: %d (got %d)",
			         role_name[r], -list_n[r], resp.status);
		else
			tc_check(resp.status == 200 && json_array_size(json_object_get(j,
			         "family_plans")) == (size_t)list_n[r], "GET /api/family-plans as %s "
			         "lists %d", role_name[r], list_n[r]);
		json_decref(j);
		tc_resp_free(&resp);
	}
	/* the worker of both changes it, with If-Match; a stale one is 409 */
	tc_call(S.port, &both, "PUT", "/api/family-plans/pa", "If-Match: \"1\"\r\n", PLAN_A,
	        &resp);
	tc_check(resp.status == 200, "PUT pa as the worker of both: 200 (got %d)", resp.status);
	tc_resp_free(&resp);
	expect[0]['R']++;
	expect[1]['R']++;
	tc_call(S.port, &both, "PUT", "/api/family-plans/pa", "If-Match: \"1\"\r\n", PLAN_A,
	        &resp);
	tc_check(resp.status == 409, "PUT pa with a stale If-Match: 409 (got %d)", resp.status);
	tc_resp_free(&resp);
	tc_call(S.port, &both, "PUT", "/api/family-plans/pa", NULL, PLAN_A, &resp);
	tc_check(resp.status == 428, "PUT pa without If-Match: 428 (got %d)", resp.status);
	tc_resp_free(&resp);
	{
		char pc[sizeof PLAN_A], *at;
		memcpy(pc, PLAN_A, sizeof PLAN_A);
		if ((at = strstr(pc, "\"id\":\"pa\"")))
			at[7] = 'c';
		tc_call(S.port, &both, "PUT", "/api/family-plans/pc", "If-Match: \"1\"\r\n", pc, &resp);
		tc_check(resp.status == 404, "PUT with If-Match on a plan that does not exist: 404 "
		         "(got %d)", resp.status);
		tc_resp_free(&resp);
	}
}

struct counts {
	long n[2][128];
};

static int count_rows(const char *db, long long after, struct counts *c)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	memset(c, 0, sizeof *c);
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT case_ref, action, count(*) FROM audit WHERE id > ?1 "
	                       "AND case_ref IS NOT NULL GROUP BY 1, 2", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	sqlite3_bind_int64(st, 1, after);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(st, 0);
		const char *a = (const char *)sqlite3_column_text(st, 1);
		int k = strcmp(ref, A_REF) == 0 ? 0 : strcmp(ref, B_REF) == 0 ? 1 : -1;
		if (k >= 0 && a)
			c->n[k][(unsigned char)a[0] & 127] += sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return 0;
}

static long long max_audit_id(const char *db)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long id = -1;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT coalesce(max(id), 0) FROM audit", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return id;
}

static void audit_checks(long long marker)
{
	struct counts got;
	const char letters[] = "CRUDEPF";
	char *log;

	tc_check(count_rows(S.db, marker, &got) == 0, "read the audit trail");
	for (int c = 0; c < 2; c++)
		for (const char *l = letters; *l; l++)
			tc_check(got.n[c][(int)*l] == expect[c][(int)*l],
			         "audit %s %c: %ld rows (expected %ld)", c ? B_REF : A_REF, *l,
			         got.n[c][(int)*l], expect[c][(int)*l]);
	log = tc_slurp(S.log, NULL);
	tc_check(log && !leaked(0, log) && !leaked(1, log), "the server log holds no names");
	tc_check(log && !strstr(log, PW), "the server log holds no password");
	free(log);
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0, "kring audit --verify: intact");
}

static void tamper(long long marker)
{
	sqlite3 *h = NULL;
	char sql[256];
	struct tc_resp resp;
	json_t *j;
	int rc;

	rc = sqlite3_open(S.db, &h);
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing' "
	         "WHERE id = %lld;", marker + 7);
	rc = rc == SQLITE_OK ? sqlite3_exec(h, sql, NULL, NULL, NULL) : rc;
	sqlite3_close(h);
	tc_check(rc == SQLITE_OK, "attacker alters audit row %lld", marker + 7);
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 1,
	         "kring audit --verify: fails after the change");
	if (!tc_check(tc_start(&S, "web", NULL), "server starts again"))
		return;
	tc_check(tc_login(S.port, "admu", PW, &sess[ADMIN_U]), "admin logs in again");
	call_as(ADMIN_U, "GET", "/api/audit/verify", NULL, NULL, &resp);
	j = tc_json(&resp);
	tc_check(resp.status == 200 && json_is_false(json_object_get(j, "ok")) &&
	         json_integer_value(json_object_get(j, "first_bad_id")) == marker + 7,
	         "GET /api/audit/verify: ok false, first_bad_id %lld", marker + 7);
	json_decref(j);
	tc_resp_free(&resp);
	tc_check(tc_stop(&S) == 0, "server stops cleanly");
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	static const struct { const char *name, *role, *team; } users[] = {
		{ "wa", "worker", "noord" }, { "leada", "lead", "noord" }, { "wb", "worker", "zuid" },
		{ "leadb", "lead", "zuid" }, { "ana", "analyst", "" }, { "admu", "admin", "" },
		{ "adma", "admin", "" }, { "spare", "worker", "" }, { "wab", "worker", "oost" },
	};
	struct tc_resp resp;
	long long marker;
	json_t *j;

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_matrix: cannot set up\n");
		return 1;
	}
	load_names(0, A_REF);
	load_names(1, B_REF);
	/* a word that occurs in both cases ("Marco") says nothing about a leak */
	for (int c = 0; c < 2; c++)
		for (size_t i = json_array_size(names[c]); i > 0; i--)
			if (docs[1 - c] && strstr(docs[1 - c], json_string_value(json_array_get(names[c],
			                                                                      i - 1))))
				json_array_remove(names[c], i - 1);
	tc_check(docs[0] && docs[1], "read the example cases");
	tc_check(tc_kring(&S, NULL, "import", "examples/" A_REF ".json", "examples/" B_REF ".json",
	                  NULL) == 0, "import two cases");
	for (size_t i = 0; i < sizeof users / sizeof *users; i++)
		tc_check(tc_kring(&S, PW "\n", "user", "add", users[i].name, "--role", users[i].role,
		                  "--team", users[i].team, NULL) == 0, "user add %s", users[i].name);
	tc_check(tc_kring(&S, FAM_A, "family", "import", "-", NULL) == 0 &&
	         tc_kring(&S, FAM_B, "family", "import", "-", NULL) == 0, "import two families");
	tc_check(tc_kring(&S, NULL, "assign", A_REF, "wa", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", A_REF, "adma", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", B_REF, "wb", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", A_REF, "wab", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", B_REF, "wab", NULL) == 0, "assignments");
	if (!tc_check(tc_start(&S, "web", NULL), "server starts"))
		goto out;
	for (int r = 1; r < NROLES; r++)
		if (user_of[r])
			tc_check(tc_login(S.port, user_of[r], PW, &sess[r]), "login %s", user_of[r]);
	/* the share holder: a link for p4 of case A, made by worker A */
	call_as(W_A, "POST", "/api/cases/" A_REF "/shares", NULL, "{\"person\":\"p4\",\"days\":30}",
	        &resp);
	j = tc_json(&resp);
	tc_check(resp.status == 201, "worker A makes a share link (got %d)", resp.status);
	{
		const char *url = json_string_value(json_object_get(j, "url"));
		share_id = (long long)json_integer_value(json_object_get(j, "id"));
		char body[128], cookie[128], *semi;
		struct tc_resp s2;
		snprintf(body, sizeof body, "{\"token\":\"%s\"}", url ? url + 4 : "");
		tc_request(S.port, "POST", "/api/share/session", "Content-Type: application/json\r\n",
		           body, strlen(body), &s2);
		json_decref(j);
		j = tc_json(&s2);
		tc_check(s2.status == 200 && tc_header(&s2, "Set-Cookie", cookie, sizeof cookie) &&
		         strstr(cookie, "Path=/api/share"), "the holder opens the link (got %d)",
		         s2.status);
		if ((semi = strchr(cookie, ';')))
			*semi = '\0';
		snprintf(sess[SHARE].cookie, sizeof sess[SHARE].cookie, "Cookie: %s\r\n", cookie);
		snprintf(sess[SHARE].csrf, sizeof sess[SHARE].csrf, "%s",
		         json_string_value(json_object_get(j, "csrf")) ?: "");
		tc_resp_free(&s2);
	}
	json_decref(j);
	tc_resp_free(&resp);
	/* everything before this point is set-up */
	{
		struct tc_resp f;
		call_as(ADMIN_U, "GET", "/api/audit/verify", NULL, NULL, &f);   /* flushes */
		tc_resp_free(&f);
	}
	marker = max_audit_id(S.db);
	tc_check(marker > 0, "audit marker %lld", marker);

	matrix();
	lists();
	other_endpoints();
	capabilities();
	share_view();
	family_matrix();
	family_plan_matrix();
	tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	audit_checks(marker);
	tamper(marker);
out:
	tc_cleanup(&S);
	for (int c = 0; c < 2; c++) {
		free(docs[c]);
		json_decref(names[c]);
	}
	return tc_done("matrix");
}
