/*
 * test_domain.c - the server hands out what the library knows, unchanged
 * (issue "One place knows the domain"): GET /api/meta carries the one
 * vocabulary (every enumeration's labels, the signals' titles and sources,
 * the five factors, the settings); GET /api/cases/{ref}/summary is the
 * case summary that `kring show --format json` prints; the case list's row
 * carries the same summary; GET /api/cases/{ref}/signals is what `kring
 * signals --format json` prints; GET /api/stats is what `kring stats
 * --format json` prints.  Comparing the server's answers with the command's
 * output, byte for byte where both serialise the same library struct, is
 * what shows that no front door computes a rule of its own.
 *
 * Usage: test_domain KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "client.h"

#define REF "PZ-2026-0104"
#define ASOF "2026-12-01"
#define PW "Zonnebloem-akker-42"

static struct tc_server S;

/* The standard output of `kring --db DB args...` as JSON (NULL on failure). */
static json_t *kring_json(const char *args)
{
	char cmd[1024], *out = NULL;
	size_t len = 0, cap = 0;
	json_t *j;
	FILE *p;

	snprintf(cmd, sizeof cmd, "%s --db %s %s", S.kring, S.db, args);
	if (!(p = popen(cmd, "r")))
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			char *g = realloc(out, cap = cap ? cap * 2 : 65536);
			if (!g)
				break;
			out = g;
		}
		size_t n = fread(out + len, 1, cap - len - 1, p);
		if (n == 0)
			break;
		len += n;
	}
	pclose(p);
	if (!out)
		return NULL;
	out[len] = '\0';
	j = json_loads(out, 0, NULL);
	free(out);
	return j;
}

static json_t *get_json(const struct tc_session *s, const char *path, int want)
{
	struct tc_resp r;
	json_t *j = NULL;
	if (tc_call(S.port, s, "GET", path, NULL, NULL, &r) &&
	    tc_check(r.status == want, "GET %s: %d (want %d)", path, r.status, want))
		j = tc_json(&r);
	tc_resp_free(&r);
	return j;
}

static const char *str(json_t *o, const char *path)
{
	/* "a.b.c" */
	char key[64];
	const char *p = path;
	while (o && *p) {
		size_t n = strcspn(p, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		o = json_object_get(o, key);
		p += n + (p[n] == '.');
	}
	return json_string_value(o);
}

static void meta(void)
{
	json_t *m = get_json(NULL, "/api/meta", 200);
	tc_check(m != NULL, "meta is JSON");
	tc_check(str(m, "vocabulary.enums.world.foster.nl") &&
	         strcmp(str(m, "vocabulary.enums.world.foster.nl"), "pleeggezin") == 0,
	         "meta: the label of world foster in Dutch is the library's");
	tc_check(str(m, "vocabulary.enums.world.foster.en") &&
	         strcmp(str(m, "vocabulary.enums.world.foster.en"), "foster family") == 0,
	         "meta: and in English");
	tc_check(str(m, "vocabulary.enums.form.residential.nl") &&
	         strcmp(str(m, "vocabulary.enums.form.residential.nl"), "leefgroep") == 0,
	         "meta: form labels");
	tc_check(json_object_size(json_object_get(json_object_get(m, "vocabulary"), "signals")) >= 29,
	         "meta: every signal of the catalogue");
	tc_check(str(m, "vocabulary.signals.no-trust-figure.title.nl") &&
	         strcmp(str(m, "vocabulary.signals.no-trust-figure.title.nl"),
	                "Geen vertrouwensfiguur") == 0, "meta: signal titles");
	tc_check(str(m, "vocabulary.factors.trust.nl") != NULL, "meta: the five factors");
	tc_check(str(m, "vocabulary.enums.level.alert.nl") &&
	         strcmp(str(m, "vocabulary.enums.level.alert.nl"), "alarm") == 0 &&
	         str(m, "vocabulary.enums.level.warning.en") &&
	         strcmp(str(m, "vocabulary.enums.level.warning.en"), "warning") == 0,
	         "meta: the signal levels");
	tc_check(str(m, "vocabulary.enums.factor_status.concern.nl") &&
	         strcmp(str(m, "vocabulary.enums.factor_status.concern.nl"), "zorg") == 0,
	         "meta: the factors' statuses");
	tc_check(str(m, "vocabulary.enums.account_role.lead.en") &&
	         strcmp(str(m, "vocabulary.enums.account_role.lead.en"), "team lead") == 0,
	         "meta: the account roles");
	tc_check(str(m, "vocabulary.signals.settling-checkin-overdue.title.nl") &&
	         strcmp(str(m, "vocabulary.signals.settling-checkin-overdue.title.nl"),
	                "Wengesprek te laat") == 0, "meta: a newer signal's title");
	tc_check(json_is_object(json_object_get(json_object_get(json_object_get(m, "vocabulary"),
	         "settings"), "plan.review_months")), "meta: the settings");
	json_decref(m);
}

static void same(json_t *a, json_t *b, const char *what)
{
	char *x = a ? json_dumps(a, JSON_SORT_KEYS | JSON_COMPACT) : NULL;
	char *y = b ? json_dumps(b, JSON_SORT_KEYS | JSON_COMPACT) : NULL;
	tc_check(x && y && strcmp(x, y) == 0, "%s: the server and the command agree", what);
	free(x);
	free(y);
}

/* The case list on as_of (caller decrefs) with REF's row in *row. */
static json_t *review_row(const struct tc_session *w, const char *as_of, json_t **row)
{
	char path[64];
	json_t *list, *r;
	size_t i;

	snprintf(path, sizeof path, "/api/cases?as_of=%s", as_of);
	list = get_json(w, path, 200);
	*row = NULL;
	json_array_foreach(json_object_get(list, "cases"), i, r)
		if (str(r, "ref") && strcmp(str(r, "ref"), REF) == 0)
			*row = r;
	return list;
}

static void summary(const struct tc_session *w)
{
	json_t *api = get_json(w, "/api/cases/" REF "/summary?as_of=" ASOF, 200);
	json_t *cli = kring_json("show " REF " --as-of " ASOF " --format json");
	json_t *list, *row = NULL, *sig_api, *sig_cli;
	size_t i;

	tc_check(api && cli, "summary from the API and from kring show");
	if (api)
		json_object_del(api, "revision");
	same(api, cli, "summary");
	tc_check(json_is_object(json_object_get(api, "path")), "summary has the path");
	tc_check(json_array_size(json_object_get(api, "factors")) == 5, "summary has 5 factors");

	list = get_json(w, "/api/cases?as_of=" ASOF, 200);
	json_array_foreach(json_object_get(list, "cases"), i, row)
		if (str(row, "ref") && strcmp(str(row, "ref"), REF) == 0)
			break;
	/* a row is the summary without the signal list, without who a new
	 * meeting would invite and without who is alive and which meetings took
	 * place (only in the one-case summary) */
	tc_check(json_is_object(json_object_get(api, "invite_defaults")) &&
	         !json_object_get(json_object_get(row, "summary"), "invite_defaults"),
	         "invite_defaults in the one-case summary only");
	tc_check(json_is_array(json_object_get(api, "persons_alive")) &&
	         json_is_array(json_object_get(api, "meetings_taken_place")) &&
	         !json_object_get(json_object_get(row, "summary"), "persons_alive"),
	         "persons_alive and meetings_taken_place in the one-case summary only");
	if (api) {
		json_object_del(api, "signal_list");
		json_object_del(api, "invite_defaults");
		json_object_del(api, "persons_alive");
		json_object_del(api, "meetings_taken_place");
	}
	same(json_object_get(row, "summary"), api, "case list row");
	tc_check(json_is_false(json_object_get(row, "review_overdue")) &&
	         json_is_false(json_object_get(json_object_get(api, "plan"), "review_overdue")),
	         "case list row: review_overdue is the summary's");
	json_decref(list);
	list = review_row(w, "2027-04-13", &row);
	tc_check(json_is_false(json_object_get(row, "review_overdue")),
	         "case list row: on its review day (2027-04-13) the review is not overdue");
	json_decref(list);
	list = review_row(w, "2027-04-14", &row);
	tc_check(json_is_true(json_object_get(row, "review_overdue")),
	         "case list row: the day after its review day the review is overdue");

	sig_api = get_json(w, "/api/cases/" REF "/signals?as_of=" ASOF, 200);
	sig_cli = kring_json("signals " REF " --as-of " ASOF " --format json");
	same(sig_api, sig_cli, "signals");
	json_decref(sig_api);
	json_decref(sig_cli);
	json_decref(list);
	json_decref(api);
	json_decref(cli);
}

static void stats(const struct tc_session *a)
{
	json_t *api = get_json(a, "/api/stats?as_of=" ASOF, 200);
	json_t *cli = kring_json("stats --as-of " ASOF " --format json");
	same(api, cli, "stats");
	tc_check(json_integer_value(json_object_get(json_object_get(api, "disclosure"),
	         "suppress_below")) == 10 &&
	         json_integer_value(json_object_get(json_object_get(api, "disclosure"),
	         "round_to")) == 5, "stats: the disclosure rule is served with the figures");
	json_decref(api);
	json_decref(cli);
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	struct tc_session w, a;

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_domain: cannot set up\n");
		return 1;
	}
	tc_check(tc_kring(&S, NULL, "import", "examples/PZ-2026-0101.json",
	                  "examples/PZ-2026-0102.json", "examples/PZ-2026-0103.json",
	                  "examples/PZ-2026-0104.json", "examples/PZ-2026-0105.json",
	                  "examples/PZ-2026-0106.json", NULL) == 0, "import the examples");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", NULL) == 0 &&
	         tc_kring(&S, PW "\n", "user", "add", "ana", "--role", "analyst", NULL) == 0,
	         "users");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "assign");
	if (tc_check(tc_start(&S, "web", NULL), "server starts")) {
		meta();
		if (tc_check(tc_login(S.port, "anouk", PW, &w), "worker logs in"))
			summary(&w);
		if (tc_check(tc_login(S.port, "ana", PW, &a), "analyst logs in"))
			stats(&a);
		tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	}
	tc_cleanup(&S);
	return tc_done("domain");
}
