/*
 * test_casework.c - the rules of daily case work: a meeting's attendance,
 * outcome and minutes only once its day has come (through kr_case_edit and
 * kr_case_check_change, never through kr_case_read, so an old file still
 * imports); the one table of text limits, refused with the field and the
 * limit in Dutch and English, a long text that was already there left
 * alone; the independent coordinator of an Eigen Kracht-conferentie; the
 * meeting's new fields and the visibility of agreements and concerns read
 * by the validator; restoring a removed item from an earlier revision; the
 * next free case ref; and a second case for the same child, seen only
 * within the user's scope.
 */
#include <sodium.h>
#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/access.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/case.h"
#include "kring/case_edit.h"
#include "kring/casework.h"
#include "kring/init.h"
#include "kring/store.h"

#define T0 ((time_t)1796083200)    /* 2026-12-01T00:00:00Z */
#define GOOD "Fietsbel-Appelboom-7"

#define DOC "{\"format\":\"kring-case/1\"," \
	"\"case\":{\"ref\":\"T-CW\",\"child\":\"p1\"}," \
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"],\"born\":\"2014-05-02\"}," \
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"]}," \
	"{\"id\":\"p3\",\"name\":\"Anouk\",\"roles\":[\"foster_care_worker\"],\"world\":\"professional\"," \
	"\"involved\":[{\"from\":\"2024-01-01\",\"to\":\"2025-06-30\"}]}," \
	"{\"id\":\"p4\",\"name\":\"Joop\",\"roles\":[\"other\"]}]," \
	"\"ties\":[{\"a\":\"p1\",\"b\":\"p2\"}]," \
	"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-11-01\",\"invited\":[\"p1\",\"p2\"]}," \
	"{\"id\":\"m2\",\"date\":\"2026-12-12\",\"invited\":[\"p1\",\"p2\"]}," \
	"{\"id\":\"m3\",\"invited\":[\"p2\"]}]," \
	"\"plan\":{\"wishes\":[{\"id\":\"w1\",\"by\":\"p1\",\"text\":\"voetbal\"}]}}"

static time_t clock_now = T0;

static time_t test_clock(void *arg)
{
	(void)arg;
	return clock_now;
}

static int setup(void **state)
{
	struct kr_config cfg;
	struct kr_auth_config ac;
	(void)state;
	kr_config_defaults(&cfg);
	cfg.clock = test_clock;
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	kr_auth_config_default(&ac);
	ac.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	ac.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	assert_int_equal(kr_auth_configure(&ac, NULL), KR_OK);
	return 0;
}

struct res {
	enum kr_status rc;
	char *out;
	struct kr_error err;
};

static void res_free(struct res *r)
{
	free(r->out);
	kr_error_cleanup(&r->err);
}

static void edit(const char *doc, enum kr_edit_op op, const char *coll, const char *id,
                 const char *body, enum kr_lang lang, struct res *r)
{
	struct kr_edit e = { op, coll, id, body, body ? strlen(body) : 0 };
	size_t len = 0;
	memset(r, 0, sizeof *r);
	kr_error_init_lang(&r->err, lang);
	r->rc = kr_case_edit(doc, strlen(doc), &e, &r->out, &len, NULL, &r->err);
}

static bool has_detail(const struct kr_error *err, const char *want)
{
	for (size_t i = 0; i < err->ndetails; i++)
		if (strcmp(err->details[i], want) == 0)
			return true;
	for (size_t i = 0; i < err->ndetails; i++)
		fprintf(stderr, "  detail: %s\n", err->details[i]);
	return false;
}

/* ---- meetings ---- */

static void meeting_only_after_its_day(void **state)
{
	struct res r;
	(void)state;

	/* m1 was on 1 November: attendance, outcome and minutes are fine */
	edit(DOC, KR_EDIT_MERGE, "meetings", "m1", "{\"attended\":[\"p1\"],\"outcome\":\"afspraken"
	     "\",\"minutes\":\"verslag\"}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	/* m2 is on 12 December: not yet */
	edit(DOC, KR_EDIT_MERGE, "meetings", "m2", "{\"attended\":[\"p1\"]}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_null(r.out);
	assert_true(has_detail(&r.err, "meetings[1].attended: the meeting is only on 12 December "
	                       "2026; who came and what was decided are filled in once it has "
	                       "taken place"));
	res_free(&r);
	edit(DOC, KR_EDIT_MERGE, "meetings", "m2", "{\"outcome\":\"x\"}", KR_LANG_NL, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "meetings[1].outcome: de bijeenkomst is pas op 12 december "
	                       "2026; wie er waren en wat er besproken is, vul je in als ze "
	                       "geweest is"));
	res_free(&r);
	/* planning it (time, place) is fine */
	edit(DOC, KR_EDIT_MERGE, "meetings", "m2", "{\"time\":\"19:30\",\"place\":\"buurthuis\"}",
	     KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	/* without a date: give the date first */
	edit(DOC, KR_EDIT_MERGE, "meetings", "m3", "{\"minutes\":\"x\"}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "meetings[2].minutes: give the meeting's date first; who "
	                       "came and what was decided are filled in once it has taken place"));
	res_free(&r);
	/* a new meeting in the future that already has attendance */
	edit(DOC, KR_EDIT_ADD, "meetings", NULL, "{\"date\":\"2027-01\",\"attended\":[\"p2\"]}",
	     KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "meetings[3].attended: the meeting is only on January 2027; "
	                       "who came and what was decided are filled in once it has taken "
	                       "place"));
	res_free(&r);
	/* on the day itself it is fine */
	clock_now = T0 + 11 * 86400;
	edit(DOC, KR_EDIT_MERGE, "meetings", "m2", "{\"attended\":[\"p1\"]}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	clock_now = T0;
}

/* Moving a meeting that has attendance into the future is refused; an old
 * file with such a meeting imports and can be edited elsewhere. */
static void meeting_old_data(void **state)
{
	const char *old = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"p1\"},"
	                  "\"persons\":[{\"id\":\"p1\"}],\"meetings\":[{\"id\":\"m1\","
	                  "\"date\":\"2027-03-01\",\"attended\":[\"p1\"]}]}";
	struct kr_case *c = tu_case_from_text(old);
	struct res r;
	(void)state;

	kr_case_free(c);
	edit(old, KR_EDIT_MERGE, "case", NULL, "{\"notes\":\"hallo\"}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	edit(DOC, KR_EDIT_MERGE, "meetings", "m1", "{\"attended\":[\"p1\"]}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	{
		struct res r2;
		edit(r.out, KR_EDIT_MERGE, "meetings", "m1", "{\"date\":\"2027-02-01\"}", KR_LANG_EN,
		     &r2);
		assert_int_equal(r2.rc, KR_EINVAL);
		assert_true(has_detail(&r2.err, "meetings[0].attended: the meeting is only on 1 "
		                       "February 2027; who came and what was decided are filled in "
		                       "once it has taken place"));
		res_free(&r2);
	}
	res_free(&r);
}

/* The whole-document form of the rules (PUT and POST of a case). */
static void check_change_documents(void **state)
{
	struct kr_case *before = tu_case_from_text(DOC), *after;
	struct kr_error err;
	char *doc;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_check_change(before, before, kr_today(), &err), KR_OK);
	assert_int_equal(kr_case_check_change(NULL, before, kr_today(), &err), KR_OK);
	doc = strdup(DOC);
	/* attendance for m2 (in the future) in a whole document */
	{
		char *p = strstr(doc, "\"id\":\"m2\"");
		const char *ins = "\"attended\":[\"p2\"],";
		size_t at = (size_t)(p - doc), n = strlen(doc), k = strlen(ins);
		char *d2 = malloc(n + k + 1);
		memcpy(d2, doc, at);
		memcpy(d2 + at, ins, k);
		memcpy(d2 + at + k, doc + at, n - at + 1);
		free(doc);
		doc = d2;
	}
	after = tu_case_from_text(doc);
	assert_int_equal(kr_case_check_change(before, after, kr_today(), &err), KR_EINVAL);
	assert_true(has_detail(&err, "meetings[1].attended: the meeting is only on 12 December "
	                       "2026; who came and what was decided are filled in once it has "
	                       "taken place"));
	assert_string_equal(err.message, "the change cannot be made like this (1 problem)");
	kr_error_cleanup(&err);
	/* a day later than the meeting it is fine */
	assert_int_equal(kr_case_check_change(before, after, kr_today() + 12, &err), KR_OK);
	assert_int_equal(kr_case_check_change(before, NULL, kr_today(), &err), KR_EUSAGE);
	kr_case_free(after);
	kr_case_free(before);
	free(doc);
	kr_error_cleanup(&err);
}

/* ---- limits ---- */

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void limits(void **state)
{
	char *text = repeat('a', 2001), *body = malloc(2100), *ok = repeat('b', 2000);
	size_t n;
	const struct kr_text_limit *l = kr_case_text_limits(&n);
	struct res r;
	(void)state;

	/* the table: known collections, sensible numbers, one entry per field */
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		assert_true(kr_case_edit_collection_valid(l[i].collection));
		assert_true(l[i].max >= 100 && l[i].max <= 20000);
		for (size_t j = 0; j < i; j++)
			assert_false(strcmp(l[i].collection, l[j].collection) == 0 &&
			             strcmp(l[i].field, l[j].field) == 0);
	}
	assert_int_equal(kr_case_text_limit("wishes", "text"), 2000);
	assert_int_equal(kr_case_text_limit("persons", "name"), 200);
	assert_int_equal(kr_case_text_limit("wishes", "id"), 0);

	snprintf(body, 2100, "{\"text\":\"%s\"}", text);
	edit(DOC, KR_EDIT_MERGE, "wishes", "w1", body, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "plan.wishes[0].text: is 2,001 characters long; at most "
	                       "2,000 fit here"));
	res_free(&r);
	edit(DOC, KR_EDIT_ADD, "wishes", NULL, body, KR_LANG_NL, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "plan.wishes[1].text: is 2.001 tekens lang; hier passen er "
	                       "hoogstens 2.000"));
	res_free(&r);
	/* characters, not bytes: 2000 times é is 4000 bytes and fits */
	{
		char *e = malloc(4000 + 16), *p;
		p = e + snprintf(e, 16, "{\"text\":\"");
		for (int i = 0; i < 2000; i++) {
			*p++ = '\xC3';
			*p++ = '\xA9';
		}
		memcpy(p, "\"}", 3);
		edit(DOC, KR_EDIT_MERGE, "wishes", "w1", e, KR_LANG_EN, &r);
		assert_int_equal(r.rc, KR_OK);
		res_free(&r);
		free(e);
	}
	snprintf(body, 2100, "{\"text\":\"%s\"}", ok);
	edit(DOC, KR_EDIT_MERGE, "wishes", "w1", body, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	/* a list of texts: each concern */
	snprintf(body, 2100, "{\"concerns\":[\"kort\",{\"text\":\"%.1001s\"}]}", text);
	edit(DOC, KR_EDIT_MERGE, "plan", NULL, body, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "plan.concerns[1]: is 1,001 characters long; at most 1,000 "
	                       "fit here"));
	res_free(&r);
	/* the case header and a nested field */
	snprintf(body, 2100, "{\"perspective_decision\":{\"outcome\":\"%s\"}}", text);
	edit(DOC, KR_EDIT_MERGE, "case", NULL, body, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "case.perspective_decision.outcome: is 2,001 characters "
	                       "long; at most 2,000 fit here"));
	res_free(&r);
	free(text);
	free(ok);
	free(body);
}

/* Signs of Safety beside the three columns: danger statements and safety
 * goals are lists of texts with the worries' limit, read into the plan. */
static void safety_map_lists(void **state)
{
	char *text = repeat('g', 1001), *body = malloc(1200);
	struct res r;
	struct kr_case *c = NULL;
	struct kr_error err;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_text_limit("safety_map", "danger_statements"), 1000);
	assert_int_equal(kr_case_text_limit("safety_map", "safety_goals"),
	                 kr_case_text_limit("safety_map", "worries"));
	edit(DOC, KR_EDIT_MERGE, "safety_map", NULL, "{\"danger_statements\":[\"Sam kan gewond "
	     "raken als er thuis weer gedronken wordt\"],\"safety_goals\":[\"Ilse drinkt niet als "
	     "Sam er is\",\"Joop is er elk weekend\"]}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	assert_int_equal(kr_case_read(r.out, strlen(r.out), &c, &err), KR_OK);
	assert_int_equal(c->plan.danger_statements.n, 1);
	assert_int_equal(c->plan.safety_goals.n, 2);
	assert_string_equal(c->plan.safety_goals.v[1], "Joop is er elk weekend");
	kr_case_free(c);
	res_free(&r);
	snprintf(body, 1200, "{\"safety_goals\":[\"kort\",\"%s\"]}", text);
	edit(DOC, KR_EDIT_MERGE, "safety_map", NULL, body, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "plan.safety_map.safety_goals[1]: is 1,001 characters long; "
	                       "at most 1,000 fit here"));
	res_free(&r);
	edit(DOC, KR_EDIT_MERGE, "safety_map", NULL, "{\"danger_statements\":\"een tekst\"}",
	     KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "plan.safety_map.danger_statements: expected a list, found "
	                       "text"));
	res_free(&r);
	kr_error_cleanup(&err);
	free(text);
	free(body);
}

/* A long text that was there before the limits is left alone. */
static void limits_old_text(void **state)
{
	char *name = repeat('n', 300), *doc = malloc(1000);
	struct res r;
	(void)state;

	snprintf(doc, 1000, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"p1\"},"
	         "\"persons\":[{\"id\":\"p1\",\"name\":\"%s\"}]}", name);
	kr_case_free(tu_case_from_text(doc));   /* imports */
	edit(doc, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"Ilse\"}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	edit(doc, KR_EDIT_MERGE, "persons", "p1", "{\"born\":\"2014\"}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	res_free(&r);
	/* but changing it to another long text is refused */
	name[0] = 'N';
	snprintf(doc + 500, 500, "{\"name\":\"%s\"}", name);
	edit(doc, KR_EDIT_MERGE, "persons", "p1", doc + 500, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "persons[0].name: is 300 characters long; at most 200 fit "
	                       "here"));
	res_free(&r);
	free(name);
	free(doc);
}

/* ---- the format: meetings as they happen, visibility, the coordinator ---- */

static void format_fields(void **state)
{
	struct kr_case *c;
	struct kr_error err;
	const char *good = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"p1\"},"
	                   "\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\"}],\"meetings\":[{\"id\":\"m1\","
	                   "\"time\":\"09:05\",\"place\":\"school\",\"coordinator\":\"p2\","
	                   "\"outcome\":\"o\",\"minutes\":\"m\"}],\"plan\":{\"concerns\":[\"a\","
	                   "{\"text\":\"b\",\"visibility\":\"professionals\"},{\"text\":\"c\"}],"
	                   "\"worry_route\":{\"text\":\"bel\",\"call\":[\"p2\"]},"
	                   "\"agreements\":[{\"id\":\"a1\",\"visibility\":\"professionals\"},"
	                   "{\"id\":\"a2\"}]}}";
	const char *bad = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"p1\"},"
	                  "\"persons\":[{\"id\":\"p1\"}],\"meetings\":[{\"id\":\"m1\","
	                  "\"time\":\"24:00\",\"coordinator\":\"p9\"}],\"plan\":{\"concerns\":"
	                  "[{\"visibility\":\"all\"},{\"text\":\"x\",\"visibility\":\"family\"}],"
	                  "\"worry_route\":{\"call\":[\"p8\"]},"
	                  "\"agreements\":[{\"id\":\"a1\",\"visibility\":\"secret\"}]}}";
	(void)state;

	c = tu_case_from_text(good);
	assert_string_equal(c->meetings[0].time, "09:05");
	assert_string_equal(c->meetings[0].place, "school");
	assert_int_equal(c->meetings[0].coordinator, 1);
	assert_string_equal(c->meetings[0].outcome, "o");
	assert_string_equal(c->meetings[0].minutes, "m");
	assert_int_equal(c->plan.concerns.n, 3);
	assert_string_equal(c->plan.concerns.v[1], "b");
	assert_int_equal(c->plan.concerns_visibility[0], KR_VIS_ALL);
	assert_int_equal(c->plan.concerns_visibility[1], KR_VIS_PROFESSIONALS);
	assert_int_equal(c->plan.concerns_visibility[2], KR_VIS_ALL);
	assert_string_equal(c->plan.route_text, "bel");
	assert_int_equal(c->plan.nroute_call, 1);
	assert_int_equal(c->plan.agreements[0].visibility, KR_VIS_PROFESSIONALS);
	assert_int_equal(c->plan.agreements[1].visibility, KR_VIS_ALL);
	kr_case_free(c);

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(bad, strlen(bad), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "meetings[0].time: \"24:00\" is not a time of day (use HH:MM, "
	                       "such as 19:30)"));
	assert_true(has_detail(&err, "meetings[0].coordinator: unknown person \"p9\""));
	assert_true(has_detail(&err, "plan.concerns[0].text: is required"));
	assert_true(has_detail(&err, "plan.concerns[1].visibility: unknown value \"family\" "
	                       "(allowed: all, professionals)"));
	assert_true(has_detail(&err, "plan.worry_route.call[0]: unknown person \"p8\""));
	assert_true(has_detail(&err, "plan.agreements[0].visibility: unknown value \"secret\" "
	                       "(allowed: all, professionals)"));
	kr_error_cleanup(&err);
}

static void coordinator(void **state)
{
	char doc[1200];
	struct kr_case *c;
	struct kr_error err;
#define COORD_FMT "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":\"p1\"}," \
	                  "\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\",\"roles\":[\"guardian\"]}," \
	                  "{\"id\":\"p3\",\"world\":\"professional\",\"involved\":[{\"from\":" \
	                  "\"2020-01-01\",\"to\":\"2021-12-31\"}]},{\"id\":\"p4\"}]," \
	                  "\"meetings\":[{\"id\":\"m1\",\"type\":\"%s\",\"date\":\"2025-05-01\"," \
	                  "\"coordinator\":\"%s\"}]}"
	(void)state;

	/* an independent person, or a professional no longer involved */
	snprintf(doc, sizeof doc, COORD_FMT, "family_group_conference", "p4");
	kr_case_free(tu_case_from_text(doc));
	snprintf(doc, sizeof doc, COORD_FMT, "family_group_conference", "p3");
	kr_case_free(tu_case_from_text(doc));
	/* a professional chairs a round table: fine */
	snprintf(doc, sizeof doc, COORD_FMT, "round_table", "p2");
	kr_case_free(tu_case_from_text(doc));
	/* but not an Eigen Kracht-conferentie */
	kr_error_init_lang(&err, KR_LANG_EN);
	snprintf(doc, sizeof doc, COORD_FMT, "family_group_conference", "p2");
	assert_int_equal(kr_case_read(doc, strlen(doc), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "meetings[0].coordinator: \"p2\" is a professional involved "
	                       "in this case; the coordinator of a family group conference is "
	                       "independent: choose someone from outside"));
	kr_error_cleanup(&err);
	kr_error_init_lang(&err, KR_LANG_NL);
	snprintf(doc, sizeof doc, COORD_FMT, "family_group_conference", "p1");
	assert_int_equal(kr_case_read(doc, strlen(doc), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "meetings[0].coordinator: het kind kan niet de onafhankelijke "
	                       "coördinator van een Eigen Kracht-conferentie zijn"));
	kr_error_cleanup(&err);
}

/* The coordinator and the people to call are references like any other:
 * a person still named there is not removed. */
static void references(void **state)
{
	struct res r, r2;
	(void)state;

	edit(DOC, KR_EDIT_MERGE, "meetings", "m1", "{\"coordinator\":\"p4\"}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	edit(r.out, KR_EDIT_MERGE, "plan", NULL, "{\"worry_route\":{\"call\":[\"p2\",\"p4\"]}}",
	     KR_LANG_EN, &r2);
	assert_int_equal(r2.rc, KR_OK);
	res_free(&r);
	edit(r2.out, KR_EDIT_REMOVE, "persons", "p4", NULL, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "meetings[0].coordinator: still refers to p4"));
	assert_true(has_detail(&r.err, "plan.worry_route.call[1]: still refers to p4"));
	res_free(&r);
	res_free(&r2);
}

/* The future plan, the action team and a meeting's process name persons
 * too (meetings as processes): a person named there is not removed. */
static void process_references(void **state)
{
	struct res r, r2;
	(void)state;

	edit(DOC, KR_EDIT_MERGE, "plan", NULL, "{\"future_plan\":{\"date\":\"2026-10-01\","
	     "\"made_by\":[\"p2\",\"p4\"]},\"action_team\":{\"formed\":\"2026-10-15\","
	     "\"members\":[\"p4\"]}}", KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_OK);
	edit(r.out, KR_EDIT_MERGE, "meetings", "m1", "{\"process\":{\"asked\":[\"p2\",\"p4\"],"
	     "\"coming\":[\"p4\"]}}", KR_LANG_EN, &r2);
	assert_int_equal(r2.rc, KR_OK);
	res_free(&r);
	edit(r2.out, KR_EDIT_REMOVE, "persons", "p4", NULL, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);
	assert_true(has_detail(&r.err, "plan.future_plan.made_by[1]: still refers to p4"));
	assert_true(has_detail(&r.err, "plan.action_team.members[0]: still refers to p4"));
	assert_true(has_detail(&r.err, "meetings[0].process.asked[1]: still refers to p4"));
	assert_true(has_detail(&r.err, "meetings[0].process.coming[0]: still refers to p4"));
	res_free(&r);
	res_free(&r2);
}

/* ---- restore ---- */

static void restore(void **state)
{
	struct res gone, r;
	struct kr_error err;
	char *out = NULL, *id = NULL;
	size_t len = 0;
	(void)state;

	edit(DOC, KR_EDIT_REMOVE, "persons", "p4", NULL, KR_LANG_EN, &gone);
	assert_int_equal(gone.rc, KR_OK);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_restore(gone.out, strlen(gone.out), DOC, strlen(DOC), "persons",
	                                 "p4", &out, &len, &id, &err), KR_OK);
	assert_string_equal(id, "p4");
	{
		/* back as it was, at the end of the list */
		json_t *j = json_loads(out, 0, NULL);
		json_t *p = json_array_get(json_object_get(j, "persons"), 3);
		assert_string_equal(json_string_value(json_object_get(p, "name")), "Joop");
		json_decref(j);
	}
	free(out);
	free(id);
	/* it is there: nothing to restore */
	assert_int_equal(kr_case_restore(DOC, strlen(DOC), DOC, strlen(DOC), "persons", "p4", &out,
	                                 &len, &id, &err), KR_ECONFLICT);
	assert_null(out);
	assert_null(id);
	kr_error_cleanup(&err);
	/* never there */
	assert_int_equal(kr_case_restore(gone.out, strlen(gone.out), DOC, strlen(DOC), "persons",
	                                 "p9", &out, &len, &id, &err), KR_ENOTFOUND);
	assert_string_equal(err.message, "that revision has no person \"p9\"");
	kr_error_cleanup(&err);
	/* not for the single objects */
	assert_int_equal(kr_case_restore(gone.out, strlen(gone.out), DOC, strlen(DOC), "plan", "x",
	                                 &out, &len, &id, &err), KR_EUSAGE);
	kr_error_cleanup(&err);
	res_free(&gone);

	/* a tie, by its index in the earlier revision */
	edit(DOC, KR_EDIT_REMOVE, "ties", "0", NULL, KR_LANG_EN, &gone);
	assert_int_equal(kr_case_restore(gone.out, strlen(gone.out), DOC, strlen(DOC), "ties", "0",
	                                 &out, &len, &id, &err), KR_OK);
	assert_string_equal(id, "0");
	free(out);
	free(id);
	res_free(&gone);
	/* a tie to a person who is gone: the validator says so */
	edit(DOC, KR_EDIT_REMOVE, "ties", "0", NULL, KR_LANG_EN, &gone);
	edit(gone.out, KR_EDIT_REMOVE, "persons", "p2", NULL, KR_LANG_EN, &r);
	assert_int_equal(r.rc, KR_EINVAL);   /* p2 is still invited to meetings */
	res_free(&r);
	res_free(&gone);
	{
		const char *small = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":"
		                    "\"p1\"},\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\"}],\"ties\":"
		                    "[{\"a\":\"p1\",\"b\":\"p2\"}]}";
		const char *now = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\",\"child\":"
		                  "\"p1\"},\"persons\":[{\"id\":\"p1\"}]}";
		assert_int_equal(kr_case_restore(now, strlen(now), small, strlen(small), "ties", "0",
		                                 &out, &len, &id, &err), KR_EINVAL);
		assert_true(has_detail(&err, "ties[0].b: unknown person \"p2\""));
		kr_error_cleanup(&err);
		/* restore the person first, then the tie */
		assert_int_equal(kr_case_restore(now, strlen(now), small, strlen(small), "persons",
		                                 "p2", &out, &len, &id, &err), KR_OK);
		free(id);
		{
			char *out2 = NULL;
			assert_int_equal(kr_case_restore(out, strlen(out), small, strlen(small), "ties",
			                                 "0", &out2, &len, &id, &err), KR_OK);
			free(out2);
			free(id);
		}
		free(out);
	}
	kr_error_cleanup(&err);
}

/* ---- the store: next ref, the same child ---- */

static void put(struct kr_store *s, const char *ref, const char *name, const char *born)
{
	char text[600];
	struct kr_case *c;
	snprintf(text, sizeof text, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\","
	         "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"%s\"%s%s%s}]}", ref, name,
	         born ? ",\"born\":\"" : "", born ? born : "", born ? "\"" : "");
	c = tu_case_from_text(text);
	assert_int_equal(kr_store_put(s, c, "test", 0, NULL, NULL), KR_OK);
	kr_case_free(c);
}

static void next_ref(void **state)
{
	struct kr_store *s;
	struct kr_error err;
	char ref[32];
	(void)state;

	tu_db_fresh("casework");
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	assert_int_equal(kr_casework_next_ref(s, 2026, ref, NULL), KR_OK);
	assert_string_equal(ref, "PZ-2026-0001");
	put(s, "PZ-2026-0101", "A", NULL);
	put(s, "PZ-2026-0106", "B", NULL);
	put(s, "PZ-2026-99", "C", NULL);
	put(s, "PZ-2026-0200x", "D", NULL);
	put(s, "PZ-2025-0500", "E", NULL);
	put(s, "XY-2026-0900", "F", NULL);
	assert_int_equal(kr_casework_next_ref(s, 2026, ref, NULL), KR_OK);
	assert_string_equal(ref, "PZ-2026-0107");
	assert_int_equal(kr_casework_next_ref(s, 2025, ref, NULL), KR_OK);
	assert_string_equal(ref, "PZ-2025-0501");
	assert_int_equal(kr_store_next_ref(s, "XY", 2026, ref, sizeof ref, NULL), KR_OK);
	assert_string_equal(ref, "XY-2026-0901");
	put(s, "PZ-2026-9999", "G", NULL);
	assert_int_equal(kr_casework_next_ref(s, 2026, ref, NULL), KR_OK);
	assert_string_equal(ref, "PZ-2026-10000");
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_store_next_ref(s, "pz", 2026, ref, sizeof ref, &err), KR_EUSAGE);
	assert_int_equal(kr_store_next_ref(s, "PZ", 26, ref, sizeof ref, &err), KR_EUSAGE);
	kr_error_cleanup(&err);
	kr_store_close(s);
	tu_db_remove();
}

static void duplicate(void **state)
{
	struct kr_store *s;
	struct kr_user anouk, bram;
	struct kr_case *c;
	char dup[128];
	(void)state;

	tu_db_fresh("casework");
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	put(s, "PZ-2026-0001", "Sam de Vries", "2014-05-02");
	put(s, "PZ-2026-0002", "Sam de Vries", "2015-05-02");
	put(s, "PZ-2026-0003", "Sam de Vries", "2014-05");
	put(s, "PZ-2026-0004", "Sam de Vries", "2014-05-02");
	assert_int_equal(kr_account_add(s, "anouk", KR_ACCOUNT_WORKER, "noord", GOOD, T0, NULL, NULL),
	                 KR_OK);
	assert_int_equal(kr_account_add(s, "bram", KR_ACCOUNT_WORKER, "zuid", GOOD, T0, NULL, NULL),
	                 KR_OK);
	assert_int_equal(kr_account_get(s, "anouk", &anouk, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, "bram", &bram, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-2026-0002", "anouk", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-2026-0003", "anouk", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-2026-0004", "anouk", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "PZ-2026-0001", "bram", T0, NULL), KR_OK);

	c = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-2026-0009\","
	                      "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"sam de vries\","
	                      "\"born\":\"2014-05-02\"}]}");
	/* anouk sees 0004 (same name, same day); 0002 and 0003 differ in the date */
	assert_int_equal(kr_casework_duplicate(s, &anouk, c, dup, NULL), KR_OK);
	assert_string_equal(dup, "PZ-2026-0004");
	/* bram sees 0001 only: his own */
	assert_int_equal(kr_casework_duplicate(s, &bram, c, dup, NULL), KR_OK);
	assert_string_equal(dup, "PZ-2026-0001");
	kr_case_free(c);
	/* without a birth date: nothing matches */
	c = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-2026-0009\","
	                      "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam de Vries\"}]}");
	assert_int_equal(kr_casework_duplicate(s, &anouk, c, dup, NULL), KR_OK);
	assert_string_equal(dup, "");
	kr_case_free(c);
	/* the case itself does not count */
	c = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"PZ-2026-0004\","
	                      "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam de Vries\","
	                      "\"born\":\"2014-05-02\"}]}");
	assert_int_equal(kr_casework_duplicate(s, &anouk, c, dup, NULL), KR_OK);
	assert_string_equal(dup, "");
	kr_case_free(c);
	kr_store_close(s);
	tu_db_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(meeting_only_after_its_day),
		cmocka_unit_test(meeting_old_data),
		cmocka_unit_test(check_change_documents),
		cmocka_unit_test(limits),
		cmocka_unit_test(limits_old_text),
		cmocka_unit_test(safety_map_lists),
		cmocka_unit_test(format_fields),
		cmocka_unit_test(coordinator),
		cmocka_unit_test(references),
		cmocka_unit_test(process_references),
		cmocka_unit_test(restore),
		cmocka_unit_test(next_ref),
		cmocka_unit_test(duplicate),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
