/*
 * test_report.c - GET /api/report/{monitor|startfoto} (issue 12) as every
 * role: nobody logged in 401; a worker 403; the lead of team noord gets
 * the monitor of noord with the caseload and the names of noord's
 * children and nothing of zuid's; the lead of zuid the other way round; a
 * lead asking for another team 403; an analyst and an admin get the
 * organisation's figures without caseload, name, person id or case ref,
 * and 403 when they ask for a team; the startfoto is the same for a lead
 * and an analyst and holds no name; every format answers with its type
 * (CSV, XLSX, PDF as a download); unknown parameters and a bad date are
 * refused, so is a municipality code not of the form GM0000 (400), and
 * a well-formed municipality or a region no case names is 404; and the audit trail has a row for every answer and a read row
 * for every case whose child a caseload named.
 *
 * Usage: test_report KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "client.h"

#define PW "Zonnebloem-akker-42"
#define AS "as_of=2026-12-01"

static struct tc_server S;

enum role { ANON, WORKER, LEAD_N, LEAD_Z, ANALYST, ADMIN, NROLES };
static const char *const user_of[NROLES] = { NULL, "wn", "leadn", "leadz", "ana", "adm" };
static struct tc_session sess[NROLES];

static void get(enum role r, const char *path, struct tc_resp *out)
{
	tc_call(S.port, r == ANON ? NULL : &sess[r], "GET", path, NULL, NULL, out);
}

/* Names, person ids and refs of the example cases, in "noord" (0101, 0102,
 * 0103) and "zuid" (0104, 0105, 0106). */
static json_t *words[2];

static void load_words(void)
{
	static const char *const refs[6] = { "PZ-2026-0101", "PZ-2026-0102", "PZ-2026-0103",
		"PZ-2026-0104", "PZ-2026-0105", "PZ-2026-0106" };
	for (int t = 0; t < 2; t++)
		words[t] = json_array();
	for (int i = 0; i < 6; i++) {
		char path[128];
		char *text;
		json_t *doc, *p;
		size_t k;
		snprintf(path, sizeof path, "examples/%s.json", refs[i]);
		text = tc_slurp(path, NULL);
		doc = text ? json_loads(text, 0, NULL) : NULL;
		json_array_append_new(words[i / 3], json_string(refs[i]));
		json_array_foreach(json_object_get(doc, "persons"), k, p) {
			const char *n = json_string_value(json_object_get(p, "name"));
			if (n && strlen(n) >= 4)
				json_array_append_new(words[i / 3], json_string(n));
		}
		json_decref(doc);
		free(text);
	}
}

/* The first word of team t found in text, or NULL. */
static const char *leak(int t, const char *text)
{
	size_t i;
	json_t *w;
	json_array_foreach(words[t], i, w)
		if (text && strstr(text, json_string_value(w)))
			return json_string_value(w);
	return NULL;
}

static long audit_rows(const char *action, const char *ref, const char *who)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_open(S.db, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM audit WHERE action = ?1 AND who = ?3 AND "
	                       "(?2 IS NULL OR case_ref = ?2)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
		if (ref)
			sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, who, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static void matrix(void)
{
	static const char *const paths[] = { "/api/report/monitor?" AS,
		"/api/report/startfoto?" AS };
	struct tc_resp resp;

	for (size_t p = 0; p < 2; p++) {
		get(ANON, paths[p], &resp);
		tc_check(resp.status == 401, "anonymous %s: 401 (got %d)", paths[p], resp.status);
		tc_resp_free(&resp);
		get(WORKER, paths[p], &resp);
		tc_check(resp.status == 403, "worker %s: 403 (got %d)", paths[p], resp.status);
		tc_check(!leak(0, resp.body) && !leak(1, resp.body), "worker %s: no names", paths[p]);
		tc_resp_free(&resp);
	}

	/* the leads: their own team, names and caseload included */
	for (int l = 0; l < 2; l++) {
		enum role r = l ? LEAD_Z : LEAD_N;
		json_t *j, *cl;
		const char *w;
		get(r, "/api/report/monitor?" AS, &resp);
		j = tc_json(&resp);
		cl = json_object_get(j, "caseload");
		tc_check(resp.status == 200, "%s monitor: 200 (got %d)", user_of[r], resp.status);
		tc_check(json_is_array(cl) && json_array_size(cl) == 3, "%s: caseload of 3 cases",
		         user_of[r]);
		tc_check(leak(l, resp.body) != NULL, "%s: the caseload names the team's children",
		         user_of[r]);
		w = leak(1 - l, resp.body);
		tc_check(!w, "%s: nothing of the other team (%s)", user_of[r], w ? w : "none");
		tc_check(json_string_value(json_object_get(json_array_get(cl, 0), "child")) != NULL,
		         "%s: the caseload has the child's name", user_of[r]);
		tc_check(strstr(resp.body, l ? "\"team\":\"zuid\"" : "\"team\":\"noord\"") != NULL,
		         "%s: rows are per team", user_of[r]);
		json_decref(j);
		tc_resp_free(&resp);
	}
	get(LEAD_N, "/api/report/monitor?" AS "&team=zuid", &resp);
	tc_check(resp.status == 403, "lead of noord asks for zuid: 403 (got %d)", resp.status);
	tc_check(!leak(1, resp.body), "... and sees nothing of it");
	tc_resp_free(&resp);
	get(LEAD_N, "/api/report/monitor?" AS "&team=noord", &resp);
	tc_check(resp.status == 200, "lead of noord asks for noord: 200 (got %d)", resp.status);
	tc_resp_free(&resp);

	/* analysts and admins: the organisation, no persons */
	for (int k = 0; k < 2; k++) {
		enum role r = k ? ADMIN : ANALYST;
		for (size_t p = 0; p < 2; p++) {
			json_t *j;
			get(r, paths[p], &resp);
			j = tc_json(&resp);
			tc_check(resp.status == 200, "%s %s: 200 (got %d)", user_of[r], paths[p],
			         resp.status);
			tc_check(!json_object_get(j, "caseload"), "%s %s: no caseload", user_of[r],
			         paths[p]);
			tc_check(!leak(0, resp.body) && !leak(1, resp.body),
			         "%s %s: no name, no ref", user_of[r], paths[p]);
			tc_check(!strstr(resp.body, "\"p1\""), "%s %s: no person id", user_of[r],
			         paths[p]);
			json_decref(j);
			tc_resp_free(&resp);
		}
		get(r, "/api/report/monitor?" AS "&team=noord", &resp);
		tc_check(resp.status == 403, "%s asks for a team: 403 (got %d)", user_of[r],
		         resp.status);
		tc_check(!leak(0, resp.body), "... and sees no name");
		tc_resp_free(&resp);
	}

	/* the startfoto is the same for a lead and an analyst */
	{
		struct tc_resp a, b;
		get(LEAD_N, "/api/report/startfoto?" AS, &a);
		get(ANALYST, "/api/report/startfoto?" AS, &b);
		tc_check(a.status == 200 && b.status == 200 && a.len == b.len &&
		         memcmp(a.body, b.body, a.len) == 0, "lead and analyst get the same startfoto");
		tc_check(!leak(0, a.body) && !leak(1, a.body), "... without a name");
		tc_check(strstr(a.body, "\"children_by_form\"") && strstr(a.body, "\"round_to\":5"),
		         "... in the shape of docs/report.md");
		tc_resp_free(&a);
		tc_resp_free(&b);
	}
}

static void formats(void)
{
	static const struct { const char *fmt, *type, *magic; } f[] = {
		{ "csv", "text/csv", "table,title" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK" },
		{ "pdf", "application/pdf", "%PDF-" },
	};
	struct tc_resp resp;

	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		char path[160], ct[128] = "", cd[160] = "";
		snprintf(path, sizeof path, "/api/report/startfoto?" AS "&format=%s&lang=en", f[i].fmt);
		get(ANALYST, path, &resp);
		tc_header(&resp, "Content-Type", ct, sizeof ct);
		tc_header(&resp, "Content-Disposition", cd, sizeof cd);
		tc_check(resp.status == 200 && strncmp(ct, f[i].type, strlen(f[i].type)) == 0,
		         "startfoto as %s: 200 %s (got %d %s)", f[i].fmt, f[i].type, resp.status, ct);
		tc_check(resp.len > 4 && memcmp(resp.body, f[i].magic, strlen(f[i].magic)) == 0,
		         "... the body is %s", f[i].fmt);
		tc_check(strstr(cd, "attachment") && strstr(cd, f[i].fmt), "... as a download (%s)",
		         cd);
		tc_resp_free(&resp);
	}
	get(LEAD_N, "/api/report/monitor?" AS "&format=pdf", &resp);
	tc_check(resp.status == 200 && resp.len > 1000, "the lead's monitor as PDF (got %d)",
	         resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?format=doc", &resp);
	tc_check(resp.status == 400, "an unknown format: 400 (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?as_of=2026-13-01", &resp);
	tc_check(resp.status == 400, "a date that does not exist: 400 (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?names=1", &resp);
	tc_check(resp.status == 400, "an unknown parameter: 400 (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/teamfoto", &resp);
	tc_check(resp.status == 404, "an unknown report: 404 (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?municipality=GM0200", &resp);
	tc_check(resp.status == 200 && !strstr(resp.body, "\"municipality\":\"GM0150\""),
	         "one municipality only (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/monitor?municipality=XX", &resp);
	tc_check(resp.status == 400 && strstr(resp.body, "municipality") &&
	         strstr(resp.body, "GM"), "a municipality code not of the form GM0000: 400 "
	         "naming the parameter (got %d %s)", resp.status, resp.body ? resp.body : "");
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?municipality=GM9999", &resp);
	tc_check(resp.status == 404 && strstr(resp.body, "GM9999"),
	         "a municipality no case names: 404 (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?region=Nergensland", &resp);
	tc_check(resp.status == 404, "an unknown region: 404 (got %d)", resp.status);
	tc_resp_free(&resp);
	get(ANALYST, "/api/report/startfoto?municipality=GM0200&region=Noord-Veluwe", &resp);
	tc_check(resp.status == 400, "a municipality and a region: 400 (got %d)", resp.status);
	tc_resp_free(&resp);
}

static void audit(void)
{
	struct tc_resp f;
	get(ADMIN, "/api/audit/verify", &f);   /* flushes the audit queue */
	tc_resp_free(&f);
	tc_check(audit_rows("R", "PZ-2026-0101", "leadn") >= 1,
	         "a read row for a case the lead's caseload named");
	tc_check(audit_rows("R", "PZ-2026-0104", "leadn") == 0,
	         "no row for a case of the other team");
	tc_check(audit_rows("R", NULL, "ana") >= 2, "the analyst's reports are audited");
	tc_check(audit_rows("E", NULL, "ana") >= 2, "downloads are audited as exports");
	tc_check(audit_rows("P", NULL, "ana") >= 1, "the PDF as a print");
	tc_check(audit_rows("F", NULL, "leadn") >= 1, "the refused team is audited");
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	static const struct { const char *name, *role, *team; } users[] = {
		{ "wn", "worker", "noord" }, { "leadn", "lead", "noord" }, { "wz", "worker", "zuid" },
		{ "leadz", "lead", "zuid" }, { "ana", "analyst", "" }, { "adm", "admin", "" },
	};
	static const char *const refs[6] = { "PZ-2026-0101", "PZ-2026-0102", "PZ-2026-0103",
		"PZ-2026-0104", "PZ-2026-0105", "PZ-2026-0106" };

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_report: cannot set up\n");
		return 1;
	}
	load_words();
	tc_check(tc_kring(&S, NULL, "import", "examples/PZ-2026-0101.json",
	                  "examples/PZ-2026-0102.json", "examples/PZ-2026-0103.json",
	                  "examples/PZ-2026-0104.json", "examples/PZ-2026-0105.json",
	                  "examples/PZ-2026-0106.json", NULL) == 0, "import the examples");
	for (size_t i = 0; i < sizeof users / sizeof *users; i++)
		tc_check(tc_kring(&S, PW "\n", "user", "add", users[i].name, "--role", users[i].role,
		                  "--team", users[i].team, NULL) == 0, "user add %s", users[i].name);
	for (int i = 0; i < 6; i++)
		tc_check(tc_kring(&S, NULL, "assign", refs[i], i < 3 ? "wn" : "wz", NULL) == 0,
		         "assign %s", refs[i]);
	if (!tc_check(tc_start(&S, "web", NULL), "server starts"))
		goto out;
	for (int r = 1; r < NROLES; r++)
		tc_check(tc_login(S.port, user_of[r], PW, &sess[r]), "login %s", user_of[r]);
	matrix();
	formats();
	audit();
	tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
out:
	tc_cleanup(&S);
	json_decref(words[0]);
	json_decref(words[1]);
	return tc_done("test_report");
}
