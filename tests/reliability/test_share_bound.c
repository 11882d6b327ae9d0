/*
 * test_share_bound.c - a share link stops with its person's involvement and
 * belongs to one case family (issue 10, point 1):
 *  - a person whose involvement ended (involved[].to in the past) loses
 *    their link at once: the open session reads nothing and the link no
 *    longer opens (401/403/410);
 *  - a link is bound to the case's family (share_links.case_uid), not to
 *    its ref: after the case is erased (two admins) and a case with the same
 *    ref is imported again, the old link does not open, even when its row
 *    is put back into the database from a backup made before the erasure
 *    (with the new case's uid, as a control, that row would open).
 *
 * Usage: test_share_bound KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"
#define PW2 "Regenboog-weide-77"

static struct tc_server S;
static struct tc_session W;

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

/* A write of the worker on the current revision; the status, and the
 * answer's JSON into *out when out is given. */
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

/* Adds a person; its id (malloc'd) or NULL. */
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

/* Makes a link for person; its token into token (or ""); the status. */
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

/* Opens a link: the holder's session into *h; the status. */
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

/* The status of the holder's read of the plan. */
static int read_plan(const struct tc_session *h)
{
	struct tc_resp r;
	int st;
	tc_call(S.port, h, "GET", "/api/share/plan", NULL, NULL, &r);
	st = r.status;
	tc_resp_free(&r);
	return st;
}

static bool refused(int st)
{
	return st == 401 || st == 403 || st == 404 || st == 410;
}

static void involvement_ended(void)
{
	char tok[64], path[160];
	struct tc_session h, again;
	char *p = add_person("Meester Bram");
	int st;

	if (!tc_check(p && make_link(p, tok) == 201 && open_link(tok, &h) == 200 &&
	              read_plan(&h) == 200, "a link for a person opens and reads the plan"))
		goto out;
	snprintf(path, sizeof path, "/api/cases/" REF "/persons/%s", p);
	st = write_case("PATCH", path, "{\"involved\":[{\"from\":\"2020-01-01\",\"to\":"
	                "\"2021-06-30\"}]}", NULL);
	tc_check(st == 200, "the person's involvement ended in 2021 (got %d)", st);
	st = read_plan(&h);
	tc_check(refused(st), "the open session of that link reads nothing now (got %d)", st);
	st = open_link(tok, &again);
	tc_check(refused(st), "the link no longer opens (got %d)", st);
	st = make_link(p, tok);
	tc_check(st == 422 || st == 403, "no new link for them (got %d)", st);
out:
	free(p);
}

/* Puts the share links of REF from backup back into the live database,
 * as they were (with their case_uid). */
static bool put_back_links(const char *backup)
{
	sqlite3 *db = NULL;
	char sql[600];
	int changes = 0;
	bool ok;

	snprintf(sql, sizeof sql, "ATTACH '%s' AS old; INSERT INTO share_links SELECT * FROM "
	         "old.share_links WHERE case_ref = '" REF "' AND id NOT IN (SELECT id FROM "
	         "share_links);", backup);
	ok = sqlite3_open(S.db, &db) == SQLITE_OK && sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
	     sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	if (ok)
		changes = sqlite3_changes(db);
	sqlite3_close(db);
	return ok && changes > 0;
}

/* Gives the share links of REF the uid of the case now under REF. */
static bool set_uid_to_current(void)
{
	sqlite3 *db = NULL;
	bool ok = sqlite3_open(S.db, &db) == SQLITE_OK &&
	          sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
	          sqlite3_exec(db, "UPDATE share_links SET case_uid = (SELECT uid FROM cases WHERE "
	                       "ref = '" REF "') WHERE case_ref = '" REF "'", NULL, NULL, NULL) ==
	          SQLITE_OK && sqlite3_changes(db) > 0;
	sqlite3_close(db);
	return ok;
}

static void case_family(void)
{
	char tok[64], backup[400];
	struct tc_session h;
	int st;

	/* p2, a parent, is in the re-imported case too: only the family differs */
	if (!tc_check(make_link("p2", tok) == 201 && open_link(tok, &h) == 200,
	              "a link of the case for p2 opens"))
		return;
	snprintf(backup, sizeof backup, "%s/before-erase.db", S.dir);
	tc_check(tc_kring(&S, NULL, "backup", backup, NULL) == 0, "a backup with the link");
	/* erased on request: two admins */
	tc_check(tc_kring(&S, PW "\n", "erase", REF, "--reason", "verzoek ouders", "--admin", "adm1",
	                  NULL) == 0 &&
	         tc_kring(&S, PW2 "\n", "erase", "--confirm", "1", "--admin", "adm2", NULL) == 0,
	         "the case is erased (two admins)");
	/* a case with the same ref again: another family */
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0,
	         "a case with the same ref is imported again");
	st = read_plan(&h);
	tc_check(refused(st), "the old link's session reads nothing of the new case (got %d)", st);
	st = open_link(tok, &h);
	tc_check(refused(st), "the old link does not open the new case (got %d)", st);
	tc_check(put_back_links(backup), "the old link's row is put back from the backup");
	st = open_link(tok, &h);
	tc_check(refused(st), "... and still does not open it: bound to the erased case's "
	         "family, not its ref (got %d)", st);
	tc_check(refused(read_plan(&h)), "... nor reads its plan");
	/* the control: the same row with the new case's uid would open, so the
	 * uid is what refuses it */
	tc_check(set_uid_to_current(), "(control) the row is given the new case's uid");
	st = open_link(tok, &h);
	tc_check(st == 200, "(control) ... then it opens: the family binding is what refused it "
	         "(got %d)", st);
}

int main(int argc, char **argv)
{
	if (argc < 2 || !tc_setup(&S, argv[1]))
		return 2;
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "a worker assigned");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "adm1", "--role", "admin", NULL) == 0 &&
	         tc_kring(&S, PW2 "\n", "user", "add", "adm2", "--role", "admin", NULL) == 0,
	         "two admins");
	if (tc_check(tc_start(&S, "web", NULL), "server starts") &&
	    tc_check(tc_login(S.port, "anouk", PW, &W), "login")) {
		involvement_ended();
		case_family();
	}
	tc_check(tc_stop(&S) == 0, "server stops cleanly");
	tc_cleanup(&S);
	return tc_done("share_bound");
}
