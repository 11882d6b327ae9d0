/*
 * test_audit.c - the audit trail as `kring serve` writes it (issue 10):
 * every read answered 200 has its row when the answer arrives, with the
 * NEN 7513 fields (role, event, result, object type, access point,
 * source); refused and failed writes (409, 422, 428, a missing CSRF token,
 * a request without a session) are audited with result "refused"; a ref
 * that names no case (GET /api/cases/<any text>) and a login as a name
 * that is no account are kept as a SHA-256 digest, never as the text; the
 * client's own log (GET /api/cases/{ref}/audit) for those who may read the
 * case, as JSON and as printable text, in Dutch and English, without
 * addresses or details; the CSV export's NEN 7513 columns; the trail
 * verifies at the end; and the server refuses to start with a key file
 * others may read, or without the key of a keyed trail, and starts with
 * --audit-key naming a key elsewhere.  The behaviour under a full disk is in
 * tests/reliability/audit_diskfull.c.
 *
 * Usage: test_audit KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"

static struct tc_server S;

/* The whole trail as JSON rows (admin), or NULL. */
static json_t *trail(const struct tc_session *admin, const char *query)
{
	struct tc_resp r;
	char path[256];
	json_t *j, *rows = NULL;

	snprintf(path, sizeof path, "/api/audit%s", query ? query : "");
	if (tc_call(S.port, admin, "GET", path, NULL, NULL, &r) && r.status == 200 &&
	    (j = tc_json(&r))) {
		rows = json_incref(json_object_get(j, "rows"));
		json_decref(j);
	}
	tc_resp_free(&r);
	return rows;
}

static const char *str(json_t *row, const char *key)
{
	const char *v = json_string_value(json_object_get(row, key));
	return v ? v : "";
}

/* Rows of the trail matching event and access point (NULL: any). */
static int count_rows(json_t *rows, const char *event, const char *point, const char *result)
{
	size_t i;
	json_t *row;
	int n = 0;
	json_array_foreach(rows, i, row) {
		if ((!event || strcmp(str(row, "event"), event) == 0) &&
		    (!point || strcmp(str(row, "access_point"), point) == 0) &&
		    (!result || strcmp(str(row, "result"), result) == 0))
			n++;
	}
	return n;
}

static json_t *last_row(json_t *rows, const char *event, const char *point)
{
	size_t i;
	json_t *row, *found = NULL;
	json_array_foreach(rows, i, row)
		if ((!event || strcmp(str(row, "event"), event) == 0) &&
		    (!point || strcmp(str(row, "access_point"), point) == 0))
			found = row;
	return found;
}

/* "sha256:" and the first 16 bytes of SHA-256(text) in hex, as
 * docs/security.md says (computed here independently of kring). */
static void digest(const char *text, char out[40])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	memcpy(out, "sha256:", 7);
	sodium_bin2hex(out + 7, 33, h, 16);
}

static void reads_hold_their_rows(const struct tc_session *w, const struct tc_session *admin)
{
	struct tc_resp r;
	int ok = 0;
	json_t *rows, *row;

	for (int i = 0; i < 5; i++) {
		tc_call(S.port, w, "GET", "/api/cases/" REF, NULL, NULL, &r);
		ok += r.status == 200;
		tc_resp_free(&r);
	}
	tc_check(ok == 5, "five reads answered 200 (%d)", ok);
	rows = trail(admin, "?ref=" REF);
	tc_check(rows != NULL, "GET /api/audit?ref=");
	tc_check(count_rows(rows, "case.read", "GET /api/cases/{ref}", "ok") == 5,
	         "one row per read answered (%d)",
	         count_rows(rows, "case.read", "GET /api/cases/{ref}", "ok"));
	row = last_row(rows, "case.read", "GET /api/cases/{ref}");
	tc_check(row && strcmp(str(row, "who"), "wim") == 0 && strcmp(str(row, "role"), "worker") == 0
	         && strcmp(str(row, "object_type"), "case") == 0 &&
	         strcmp(str(row, "ref"), REF) == 0 && strcmp(str(row, "address"), "127.0.0.1") == 0 &&
	         strcmp(str(row, "action"), "R") == 0,
	         "a read's row: who, role, object, source, letter");
	json_decref(rows);
}

static void refused_writes(const struct tc_session *w, const struct tc_session *admin)
{
	struct tc_resp r;
	char *doc = tc_slurp("examples/" REF ".json", NULL);
	char hdr[256];
	json_t *rows, *row;

	tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: \"999\"\r\n", doc, &r);
	tc_check(r.status == 409, "stale If-Match: 409 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "PUT", "/api/cases/" REF, NULL, doc, &r);
	tc_check(r.status == 428, "no If-Match: 428 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: \"1\"\r\n",
	        "{\"format\":\"kring-case/1\"}", &r);
	tc_check(r.status == 422, "invalid document: 422 (got %d)", r.status);
	tc_resp_free(&r);
	/* no CSRF token */
	snprintf(hdr, sizeof hdr, "%sIf-Match: \"1\"\r\nContent-Type: application/json\r\n",
	         w->cookie);
	tc_request(S.port, "PATCH", "/api/cases/" REF "/plan", hdr, "{\"version\":3}", 13, &r);
	tc_check(r.status == 403, "no CSRF token: 403 (got %d)", r.status);
	tc_resp_free(&r);
	/* nobody logged in */
	tc_request(S.port, "DELETE", "/api/session", NULL, NULL, 0, &r);
	tc_check(r.status == 401, "logout without a session: 401 (got %d)", r.status);
	tc_resp_free(&r);
	free(doc);

	rows = trail(admin, NULL);
	tc_check(count_rows(rows, "case.update", "PUT /api/cases/{ref}", "refused") == 3,
	         "409, 428 and 422 audited as refused updates (%d)",
	         count_rows(rows, "case.update", "PUT /api/cases/{ref}", "refused"));
	row = last_row(rows, "case.update", "PUT /api/cases/{ref}");
	tc_check(row && strcmp(str(row, "action"), "F") == 0 &&
	         strcmp(str(row, "detail"), "refused: HTTP 422") == 0 &&
	         strcmp(str(row, "ref"), REF) == 0 && strcmp(str(row, "role"), "worker") == 0,
	         "the 422's row: F, refused, the case, the role");
	tc_check(count_rows(rows, "case.update",
	                    "PATCH /api/cases/{ref}/{single:plan|case|safety_map|support}",
	                    "refused") == 1,
	         "the CSRF refusal audited");
	row = last_row(rows, NULL, "DELETE /api/session");
	tc_check(row && strcmp(str(row, "who"), "anonymous") == 0 &&
	         strcmp(str(row, "result"), "refused") == 0, "the 401 audited as anonymous");
	json_decref(rows);
}

static void unknown_refs_digested(const struct tc_session *w, const struct tc_session *admin)
{
	static const char typed[] = "<img src=x onerror=alert(1)>";
	static const char password[] = "MijnGeheimWachtwoord-77";
	char want[40], want_pw[40], body[256];
	struct tc_resp r;
	json_t *rows;
	char *text;

	tc_call(S.port, w, "GET", "/api/cases/%3Cimg%20src=x%20onerror=alert(1)%3E", NULL, NULL,
	        &r);
	tc_check(r.status == 404, "GET an unknown ref: 404 (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/api/cases/%3Cimg%20src=x%20onerror=alert(1)%3E/history", NULL,
	           NULL, 0, &r);
	tc_check(r.status == 401, "the same without a session: 401 (got %d)", r.status);
	tc_resp_free(&r);
	/* a password typed into the name field */
	snprintf(body, sizeof body, "{\"user\":\"%s\",\"password\":\"x\"}", password);
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n", body,
	           strlen(body), &r);
	tc_check(r.status == 401, "login as no account: 401 (got %d)", r.status);
	tc_resp_free(&r);

	rows = trail(admin, NULL);
	text = json_dumps(rows, 0);
	digest(typed, want);
	digest(password, want_pw);
	tc_check(text && !strstr(text, "onerror") && !strstr(text, "alert"),
	         "the typed ref is nowhere in the trail");
	tc_check(text && strstr(text, want) && count_rows(rows, "case.read", NULL, "refused") >= 2,
	         "its digest is, twice (%s)", want);
	tc_check(text && !strstr(text, password) && strstr(text, want_pw),
	         "a login as no account keeps the digest of the name, not the name");
	free(text);
	json_decref(rows);
}

static void client_log(const struct tc_session *w, const struct tc_session *other,
                       const struct tc_session *analyst)
{
	struct tc_resp r;
	char v[128];
	json_t *j, *visits, *first = NULL, *vis;
	size_t i;

	tc_call(S.port, w, "GET", "/api/cases/" REF "/audit", NULL, NULL, &r);
	tc_check(r.status == 200, "client log: 200 for the case's worker (got %d)", r.status);
	j = tc_json(&r);
	visits = json_object_get(j, "visits");
	json_array_foreach(visits, i, vis)
		if (strcmp(str(vis, "who"), "wim") == 0)
			first = vis;
	tc_check(first && strcmp(str(first, "role"), "worker") == 0 &&
	         json_integer_value(json_object_get(json_object_get(first, "how"), "read")) >= 5,
	         "client log: the worker's visit with its reads");
	tc_check(strstr(str(j, "text"), "Wie heeft dossier " REF " bekeken of veranderd?") &&
	         strstr(str(j, "text"), "wim (begeleider): bekeken"),
	         "client log: the Dutch text");
	tc_check(!strstr(r.body, "127.0.0.1") && !strstr(r.body, "HTTP 4") &&
	         !strstr(r.body, "GET /api"), "client log: no addresses, details or access points");
	json_decref(j);
	tc_resp_free(&r);

	tc_call(S.port, w, "GET", "/api/cases/" REF "/audit?format=text&lang=en", NULL, NULL, &r);
	tc_check(r.status == 200 && tc_header(&r, "Content-Type", v, sizeof v) &&
	         strncmp(v, "text/plain", 10) == 0 &&
	         strstr(r.body, "Who looked at or changed file " REF "?") &&
	         strstr(r.body, "wim (worker): looked at"), "client log: printable English text");
	tc_resp_free(&r);

	tc_call(S.port, w, "GET", "/api/cases/" REF "/audit?format=pdf", NULL, NULL, &r);
	tc_check(r.status == 400, "client log: ?format=pdf 400 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, other, "GET", "/api/cases/" REF "/audit", NULL, NULL, &r);
	tc_check(r.status == 404, "client log: 404 for a worker of another case (got %d)",
	         r.status);
	tc_resp_free(&r);
	tc_call(S.port, analyst, "GET", "/api/cases/" REF "/audit", NULL, NULL, &r);
	tc_check(r.status == 403, "client log: 403 for an analyst (got %d)", r.status);
	tc_resp_free(&r);
}

static void exports(const struct tc_session *admin)
{
	struct tc_resp r;
	json_t *rows = trail(admin, NULL), *row;

	row = last_row(rows, "audit.client-log", NULL);
	tc_check(row && strcmp(str(row, "object_type"), "audit") == 0 &&
	         strcmp(str(row, "ref"), REF) == 0, "reading the client log is audited (object audit)");
	json_decref(rows);
	tc_call(S.port, admin, "GET", "/api/audit?format=csv", NULL, NULL, &r);
	tc_check(r.status == 200 && strncmp(r.body, "\"id\",\"time\",\"who\",\"on_behalf\",\"action\","
	         "\"case\",\"address\",\"detail\",\"role\",\"event\",\"result\",\"object_type\","
	         "\"object\",\"access_point\"\r\n", 128) == 0, "CSV: the NEN 7513 columns");
	tc_resp_free(&r);
	tc_call(S.port, admin, "GET", "/api/audit/verify", NULL, NULL, &r);
	tc_check(r.status == 200 && strstr(r.body, "\"ok\":true"), "the chain verifies");
	tc_resp_free(&r);
}

static bool log_has(const char *text)
{
	char *log = tc_slurp(S.log, NULL);
	bool yes = log && strstr(log, text);
	free(log);
	return yes;
}

static void key_refusals(void)
{
	char key[400], moved[400];
	const char *extra[] = { "--audit-key", moved, NULL };

	snprintf(key, sizeof key, "%s.audit-key", S.db);
	snprintf(moved, sizeof moved, "%s/elsewhere.key", S.dir);
	tc_check(chmod(key, 0644) == 0, "the key file made readable by others");
	tc_check(!tc_start(&S, "web", NULL) && log_has("chmod 600"),
	         "the server does not start with an exposed key, and says why");
	chmod(key, 0600);
	tc_check(rename(key, moved) == 0, "the key file moved elsewhere");
	tc_check(!tc_start(&S, "web", NULL) && log_has("the audit trail cannot be written") &&
	         log_has("ontbreekt"),
	         "the server does not start without the key of a keyed trail");
	tc_check(access(key, F_OK) != 0, "... and made no new key");
	if (tc_check(tc_start(&S, "web", extra), "it starts with --audit-key naming the key"))
		tc_check(tc_stop(&S) == 0, "and stops cleanly");
}

int main(int argc, char **argv)
{
	struct tc_session w, other, analyst, admin;
	int st;

	if (argc < 2) {
		fprintf(stderr, "usage: test_audit KRING\n");
		return 2;
	}
	if (sodium_init() < 0 || !tc_setup(&S, argv[1]))
		return 1;
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "wim", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "wanda", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "ada", "--role", "analyst", NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "adam", "--role", "admin", NULL) == 0,
	         "users");
	tc_check(tc_kring(&S, NULL, "assign", REF, "wim", NULL) == 0, "assign");
	if (!tc_check(tc_start(&S, "web", NULL), "server starts"))
		goto out;
	if (!tc_check(tc_login(S.port, "wim", PW, &w) && tc_login(S.port, "wanda", PW, &other) &&
	              tc_login(S.port, "ada", PW, &analyst) && tc_login(S.port, "adam", PW, &admin),
	              "logins"))
		goto out;
	reads_hold_their_rows(&w, &admin);
	refused_writes(&w, &admin);
	unknown_refs_digested(&w, &admin);
	client_log(&w, &other, &analyst);
	exports(&admin);
	st = tc_stop(&S);
	tc_check(st == 0, "clean stop: exit 0 (got %d)", st);
	tc_check(tc_kring(&S, NULL, "audit", "--verify", NULL) == 0, "kring audit --verify");
	key_refusals();
out:
	tc_cleanup(&S);
	return tc_done("audit");
}
