/*
 * test_shareview.c - what the family sees and what the worker hears back
 * (docs/api.md "Share links", "The inbox"): an agreement and a concern
 * marked "professionals only" never appear in any answer of any share
 * endpoint, for the holder they are about and for another holder, whatever
 * the link shows; each link says what it shows (scopes, default own tasks
 * and wishes, goals, safety) and shows only that, with the contact person;
 * the holder's wish is limited like the form and marks done only what is
 * theirs; and the worker sees what the family added in GET /api/inbox and
 * as a count in the case list until the case is marked seen, with the
 * history naming the family member; an agreement's "overdue" is the
 * library's (a month-precision due date runs to the month's last day).
 *
 * Usage: test_shareview KRING  (run from the repository root).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"
#define SECRET_A "Sanne gaat naar de verslavingszorg"
#define SECRET_C "zorgen over terugval van Sanne"

static struct tc_server S;

static int call(const struct tc_session *s, const char *method, const char *path,
                const char *extra, const char *body, json_t **j, char **raw)
{
	struct tc_resp r;
	int st = -1;
	if (j)
		*j = NULL;
	if (raw)
		*raw = NULL;
	if (tc_call(S.port, s, method, path, extra, body, &r)) {
		st = r.status;
		if (j)
			*j = tc_json(&r);
		if (raw && r.body)
			*raw = strdup(r.body);
	}
	tc_resp_free(&r);
	return st;
}

static void if_match(const struct tc_session *s, char out[64])
{
	struct tc_resp r;
	char buf[32] = "0";
	tc_call(S.port, s, "GET", "/api/cases/" REF, NULL, NULL, &r);
	tc_header(&r, "ETag", buf, sizeof buf);
	snprintf(out, 64, "If-Match: %s\r\n", buf);
	tc_resp_free(&r);
}

/* Makes a link for person with the scopes (a JSON list, or NULL for the
 * default) and opens it: the holder's session in *h.  Returns the link's
 * answer (caller decrefs). */
static json_t *link(const struct tc_session *w, const char *person, const char *scopes,
                    struct tc_session *h)
{
	char body[200], cookie[160], *semi;
	json_t *j, *sj;
	struct tc_resp s2;
	const char *url;

	snprintf(body, sizeof body, "{\"person\":\"%s\"%s%s}", person, scopes ? ",\"scopes\":" : "",
	         scopes ? scopes : "");
	tc_check(call(w, "POST", "/api/cases/" REF "/shares", NULL, body, &j, NULL) == 201,
	         "a link for %s (%s)", person, scopes ? scopes : "default");
	url = json_string_value(json_object_get(j, "url"));
	snprintf(body, sizeof body, "{\"token\":\"%s\"}", url ? url + 4 : "");
	tc_request(S.port, "POST", "/api/share/session", "Content-Type: application/json\r\n", body,
	           strlen(body), &s2);
	sj = tc_json(&s2);
	tc_check(s2.status == 200 && tc_header(&s2, "Set-Cookie", cookie, sizeof cookie),
	         "the holder %s opens the link", person);
	if ((semi = strchr(cookie, ';')))
		*semi = '\0';
	snprintf(h->cookie, sizeof h->cookie, "Cookie: %s\r\n", cookie);
	snprintf(h->csrf, sizeof h->csrf, "%s", json_string_value(json_object_get(sj, "csrf")) ?: "");
	json_decref(sj);
	tc_resp_free(&s2);
	return j;
}

/* The secrets: the worker adds them to the plan. */
static void secrets(const struct tc_session *w)
{
	char im[64];
	if_match(w, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/agreements", im, "{\"id\":\"a7\",\"who\":[\"p2\"],"
	              "\"what\":\"" SECRET_A "\",\"visibility\":\"professionals\"}", NULL, NULL) == 201,
	         "a professionals-only agreement for Sanne (p2)");
	if_match(w, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/agreements", im, "{\"id\":\"a8\",\"who\":[\"p2\"],"
	              "\"what\":\"Sanne belt Daan op zondag\"}", NULL, NULL) == 201,
	         "an agreement for Sanne that everyone may see");
	if_match(w, im);
	tc_check(call(w, "PATCH", "/api/cases/" REF "/plan", im, "{\"concerns\":[\"Oma is moe\","
	              "{\"text\":\"" SECRET_C "\",\"visibility\":\"professionals\"}],"
	              "\"worry_route\":{\"text\":\"Bel eerst opa Henk, dan Anouk\","
	              "\"call\":[\"p5\",\"p17\"]}}", NULL, NULL) == 200,
	         "a professionals-only concern and the route when worried");
}

static bool clean(const char *body)
{
	return !body || (!strstr(body, SECRET_A) && !strstr(body, SECRET_C) &&
	                 !strstr(body, "\"a7\""));
}

/* Every share endpoint, as holder h: no answer holds a secret. */
static void every_endpoint(const struct tc_session *h, const char *who)
{
	static const struct { const char *method, *path, *body; } calls[] = {
		{ "GET", "/api/share/session", NULL },
		{ "GET", "/api/share/plan", NULL },
		{ "GET", "/api/share/plan?as_of=2026-12-01", NULL },
		{ "GET", "/api/share/plan?lang=en", NULL },
		{ "POST", "/api/share/wishes", "{\"text\":\"Ik wil Daan vaker zien.\"}" },
		{ "POST", "/api/share/agreements/a7/done", NULL },
		{ "POST", "/api/share/agreements/a8/done", NULL },
		{ "POST", "/api/share/agreements/a1/done", NULL },
		{ "POST", "/api/share/agreements/a99/done", NULL },
		{ "GET", "/api/share/plan", NULL },
	};
	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
		char *raw = NULL;
		int st = call(h, calls[i].method, calls[i].path, NULL, calls[i].body, NULL, &raw);
		tc_check(st > 0 && clean(raw), "%s %s %s (%d): nothing for professionals only", who,
		         calls[i].method, calls[i].path, st);
		free(raw);
	}
}

static void holders(const struct tc_session *w)
{
	struct tc_session sanne, rick, ria;
	json_t *j, *lnk, *rows;
	char *raw;
	size_t i;
	bool ok;

	/* Sanne, with a link that shows everything */
	lnk = link(w, "p2", "[\"own\",\"goals\",\"safety\",\"meeting\",\"plan\"]", &sanne);
	tc_check(json_array_size(json_object_get(lnk, "scopes")) == 5, "the link says what it shows");
	json_decref(lnk);
	every_endpoint(&sanne, "Sanne (all scopes)");
	tc_check(call(&sanne, "POST", "/api/share/agreements/a7/done", NULL, NULL, NULL, NULL) == 404,
	         "Sanne cannot mark the professionals-only agreement done: 404, as if it did not exist");
	tc_check(call(&sanne, "GET", "/api/share/plan", NULL, NULL, &j, &raw) == 200,
	         "Sanne's view");
	tc_check(json_array_size(json_object_get(j, "agreements")) >= 6 &&
	         json_is_object(json_object_get(j, "safety")) &&
	         json_array_size(json_object_get(json_object_get(j, "safety"), "concerns")) == 1 &&
	         strcmp(json_string_value(json_object_get(json_object_get(json_object_get(j,
	         "safety"), "worry_route"), "text")) ?: "", "Bel eerst opa Henk, dan Anouk") == 0,
	         "her view: the whole plan, the safety plan with one concern and the route");
	rows = json_object_get(j, "contact");
	ok = false;
	json_array_foreach(rows, i, lnk)
		ok = ok || strcmp(json_string_value(json_object_get(lnk, "name")) ?: "",
		                  "Anouk Peters") == 0;
	tc_check(ok, "her view: the contact person is the foster care worker");
	json_decref(j);
	free(raw);

	/* Rick, with the default link: no plan scope, no next meeting */
	lnk = link(w, "p3", NULL, &rick);
	tc_check(json_array_size(json_object_get(lnk, "scopes")) == 3 &&
	         strcmp(json_string_value(json_array_get(json_object_get(lnk, "scopes"), 0)) ?: "",
	                "own") == 0, "a link without a choice: own, goals, safety");
	json_decref(lnk);
	every_endpoint(&rick, "Rick (default)");
	tc_check(call(&rick, "GET", "/api/share/plan", NULL, NULL, &j, NULL) == 200 &&
	         json_array_size(json_object_get(j, "agreements")) == 0 &&
	         json_is_null(json_object_get(j, "next_meeting")) &&
	         json_array_size(json_object_get(j, "goals")) > 0,
	         "Rick's view: goals, no one else's agreements, no meeting");
	json_decref(j);

	/* Ria, only the next meeting: her tasks cannot be marked through it */
	lnk = link(w, "p4", "[\"meeting\"]", &ria);
	json_decref(lnk);
	every_endpoint(&ria, "Ria (meeting)");
	tc_check(call(&ria, "GET", "/api/share/plan", NULL, NULL, &j, NULL) == 200 &&
	         json_array_size(json_object_get(j, "my_tasks")) == 0 &&
	         json_is_null(json_object_get(j, "safety")), "Ria's view: no tasks, no safety plan");
	json_decref(j);
	tc_check(call(&ria, "POST", "/api/share/agreements/a2/done", NULL, NULL, NULL, NULL) == 403,
	         "Ria marks her own task through a link that does not show it: 403");

	/* the links say what they show */
	tc_check(call(w, "GET", "/api/cases/" REF "/shares", NULL, NULL, &j, NULL) == 200, "links");
	ok = true;
	json_array_foreach(json_object_get(j, "shares"), i, lnk)
		ok = ok && json_is_array(json_object_get(lnk, "scopes"));
	tc_check(ok && json_array_size(json_object_get(json_array_get(json_object_get(j, "shares"),
	         0), "scopes")) == 1, "every link in the list has its scopes (the newest: 1)");
	/* whom a link can be made for: the living and involved (Gerrit p8 died,
	 * Ahmed p18 was involved until 2024-04), as POST decides */
	{
		bool p2 = false, p8 = false, p18 = false;
		json_array_foreach(json_object_get(j, "candidates"), i, lnk) {
			const char *id = json_string_value(json_object_get(lnk, "id"));
			p2 = p2 || (id && !strcmp(id, "p2") && json_is_string(json_object_get(lnk, "name")));
			p8 = p8 || (id && !strcmp(id, "p8"));
			p18 = p18 || (id && !strcmp(id, "p18"));
		}
		tc_check(p2 && !p8 && !p18, "candidates: the living and involved only");
	}
	json_decref(j);
	for (const char *const *who = (const char *const[]){ "p8", "p18", NULL }; *who; who++) {
		char body[64];
		snprintf(body, sizeof body, "{\"person\":\"%s\"}", *who);
		tc_check(call(w, "POST", "/api/cases/" REF "/shares", NULL, body, NULL, NULL) == 422,
		         "no link for a person who died or is no longer involved: 422");
	}
	tc_check(call(w, "POST", "/api/cases/" REF "/shares", NULL, "{\"person\":\"p2\","
	              "\"scopes\":[\"own\",\"everything\"]}", &j, NULL) == 422,
	         "an unknown scope: 422");
	json_decref(j);
	tc_check(call(w, "POST", "/api/cases/" REF "/shares", NULL, "{\"person\":\"p2\","
	              "\"scopes\":[]}", NULL, NULL) == 422, "no scope at all: 422");

	/* the wish of the form's length, and one longer */
	{
		char *body = malloc(2300), *text = malloc(2002);
		memset(text, 'w', 2001);
		text[2001] = '\0';
		snprintf(body, 2300, "{\"text\":\"%s\"}", text);
		tc_check(call(&sanne, "POST", "/api/share/wishes?lang=en", NULL, body, &j, NULL) == 422 &&
		         strstr(json_string_value(json_array_get(json_object_get(j, "details"), 0)) ?: "",
		                "at most 2,000 fit here"), "a wish of 2,001 characters: 422");
		json_decref(j);
		free(body);
		free(text);
	}
}

static void inbox(const struct tc_session *w)
{
	json_t *j, *c, *list, *row;
	size_t i, n = 0;
	long count = -1;
	bool named = false;

	tc_check(call(w, "GET", "/api/inbox", NULL, NULL, &j, NULL) == 200, "inbox: 200");
	c = json_array_get(json_object_get(j, "cases"), 0);
	tc_check(json_array_size(json_object_get(j, "cases")) == 1 &&
	         strcmp(json_string_value(json_object_get(c, "ref")) ?: "", REF) == 0,
	         "inbox: the case the family wrote in");
	n = json_array_size(json_object_get(c, "items"));
	json_array_foreach(json_object_get(c, "items"), i, row)
		named = named || strcmp(json_string_value(json_object_get(json_object_get(row,
		                        "person"), "who")) ?: "", "Sanne Bakker (link)") == 0;
	tc_check(n >= 4 && (long)n == json_integer_value(json_object_get(c, "count")) && named,
	         "inbox: the wishes and done-marks (%zu), named by the family member", n);
	{
		char *all = json_dumps(j, 0);
		tc_check(clean(all), "inbox: nothing for professionals only");
		free(all);
	}
	json_decref(j);
	tc_check(call(w, "GET", "/api/cases", NULL, NULL, &list, NULL) == 200, "case list");
	json_array_foreach(json_object_get(list, "cases"), i, row)
		if (strcmp(json_string_value(json_object_get(row, "ref")) ?: "", REF) == 0)
			count = (long)json_integer_value(json_object_get(row, "inbox"));
	tc_check(count == (long)n, "case list: the inbox count of the case (%ld)", count);
	json_decref(list);
	tc_check(call(w, "GET", "/api/cases/" REF "/history", NULL, NULL, &j, NULL) == 200, "history");
	named = false;
	json_array_foreach(json_object_get(j, "revisions"), i, row)
		named = named || (strcmp(json_string_value(json_object_get(row, "who")) ?: "",
		                         "Sanne Bakker (link)") == 0 &&
		                  strcmp(json_string_value(json_object_get(row, "person")) ?: "",
		                         "p2") == 0);
	tc_check(named, "history: a change through the link names Sanne");
	json_decref(j);
	tc_check(call(w, "POST", "/api/cases/" REF "/inbox/seen", NULL, NULL, &j, NULL) == 200,
	         "mark the case seen: 200");
	json_decref(j);
	tc_check(call(w, "GET", "/api/inbox", NULL, NULL, &j, NULL) == 200 &&
	         json_array_size(json_object_get(j, "cases")) == 0, "inbox: empty after seen");
	json_decref(j);
	tc_check(call(w, "POST", "/api/cases/" REF "/inbox/seen", NULL, "{\"revision\":0}", NULL,
	              NULL) == 400, "seen with revision 0: 400");
	tc_check(call(w, "POST", "/api/cases/PZ-2026-0102/inbox/seen", NULL, NULL, NULL, NULL) == 404,
	         "seen on a case outside the user's scope: 404");
}

/* Whether the agreement with id in the share view of holder h on as_of is
 * overdue: 1 yes, 0 no, -1 absent or no flag. */
static int overdue_on(const struct tc_session *h, const char *as_of, const char *id)
{
	char path[80];
	json_t *j, *a;
	size_t i;
	int r = -1;

	snprintf(path, sizeof path, "/api/share/plan?as_of=%s", as_of);
	if (call(h, "GET", path, NULL, NULL, &j, NULL) != 200)
		return -1;
	json_array_foreach(json_object_get(j, "my_tasks"), i, a)
		if (strcmp(json_string_value(json_object_get(a, "id")) ?: "", id) == 0 &&
		    json_is_boolean(json_object_get(a, "overdue")))
			r = json_is_true(json_object_get(a, "overdue"));
	json_decref(j);
	return r;
}

/* "overdue" in the share view is the library's rule: an agreement due in
 * March 2026 (month precision) is late only after 31 March, not from
 * 1 March as a comparison of the date strings would say. */
static void overdue(const struct tc_session *w)
{
	struct tc_session sanne;
	char im[64];
	json_t *lnk;

	if_match(w, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/agreements", im, "{\"id\":\"a9\","
	              "\"who\":[\"p2\"],\"what\":\"Sanne belt de school\",\"due\":\"2026-03\"}",
	              NULL, NULL) == 201, "an agreement for Sanne due in March 2026");
	lnk = link(w, "p2", NULL, &sanne);
	json_decref(lnk);
	tc_check(overdue_on(&sanne, "2026-03-15", "a9") == 0,
	         "due 2026-03, on 15 March: not overdue (the month runs to its last day)");
	tc_check(overdue_on(&sanne, "2026-03-31", "a9") == 0, "due 2026-03, on 31 March: not overdue");
	tc_check(overdue_on(&sanne, "2026-04-01", "a9") == 1, "due 2026-03, on 1 April: overdue");
}

/* What a holder may write is the library's verdict: an empty wish is
 * refused with the library's detail (kr_share_view_wish_item), in the
 * caller's language; a holder removed from the case can no longer write
 * (the session ends; kr_share_view_holder_in_case answers 403 should the
 * removal come between the session check and the edit, test_share_view.c). */
static void holder_rules(const struct tc_session *w)
{
	struct tc_session jo;
	char im[64], path[80], *raw = NULL;
	const char *id;
	json_t *j, *lnk;

	lnk = link(w, "p2", NULL, &jo);
	json_decref(lnk);
	tc_check(call(&jo, "POST", "/api/share/wishes", NULL, "{\"text\":\" \\n \"}", NULL, &raw) ==
	         422 && raw && strstr(raw, "text: schrijf je wens op"),
	         "an empty wish: 422 with the library's detail");
	free(raw);
	tc_check(call(&jo, "POST", "/api/share/wishes?lang=en", NULL, "{\"text\":\"\"}", NULL, &raw) ==
	         422 && raw && strstr(raw, "text: write down your wish"),
	         "an empty wish in English: the library's English detail");
	free(raw);

	if_match(w, im);
	tc_check(call(w, "POST", "/api/cases/" REF "/persons", im, "{\"name\":\"Jo de Wit\","
	              "\"roles\":[\"aunt_uncle\"]}", &j, NULL) == 201, "a new person, Jo");
	id = json_string_value(json_object_get(json_object_get(j, "item"), "id"));
	snprintf(path, sizeof path, "/api/cases/" REF "/persons/%s", id ? id : "none");
	lnk = link(w, id ? id : "none", NULL, &jo);
	json_decref(lnk);
	if_match(w, im);
	tc_check(call(w, "DELETE", path, im, NULL, NULL, NULL) == 204, "Jo removed from the case");
	json_decref(j);
	raw = NULL;
	tc_check(call(&jo, "POST", "/api/share/wishes", NULL, "{\"text\":\"Mag ik blijven?\"}", NULL,
	              NULL) == 401, "a holder removed from the case: the link's session is over (401)");
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	struct tc_session w;

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_shareview: cannot set up\n");
		return 1;
	}
	tc_check(tc_kring(&S, NULL, "import", "examples/PZ-2026-0101.json",
	                  "examples/PZ-2026-0102.json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0,
	         "user");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "assign");
	if (tc_check(tc_start(&S, "web", NULL), "server starts")) {
		if (tc_check(tc_login(S.port, "anouk", PW, &w), "worker logs in")) {
			secrets(&w);
			holders(&w);
			inbox(&w);
			overdue(&w);
			holder_rules(&w);
		}
		tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	}
	tc_cleanup(&S);
	return tc_done("shareview");
}
