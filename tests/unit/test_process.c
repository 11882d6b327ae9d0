/*
 * test_process.c - meetings as processes (issue 13 point 5): the Prima
 * Pleegzorg future plan, its action plan and action team read and checked
 * (every reference, with its path, in both languages; an old document
 * stays valid), and kr_process_of: the step a meeting is in on a day and
 * the next one, on the day a phase is dated and the day before it, for a
 * conference and an action team meeting, with the invitation that fits;
 * and the processes in the case summary's JSON; who a new meeting of a
 * type invites by default (the informal network, or the action team's
 * members for an action team meeting), in the summary of one case only.
 */
#include <jansson.h>

#include "testutil.h"
#include "kring/process.h"
#include "kring/summary.h"

#define HEAD "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"P-1\",\"child\":\"p1\"}," \
	"\"persons\":[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"}],"

static const char good[] = HEAD
	"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-03-05\",\"type\":\"family_group_conference\","
	"\"coordinator\":\"p4\",\"process\":{\"coordinator\":\"2026-02-01\",\"preparation\":"
	"\"2026-02-10\",\"information\":\"2026-03-05\",\"private_time\":\"2026-03-05\","
	"\"plan_presented\":\"2026-03-05\"}},"
	"{\"id\":\"m2\",\"date\":\"2026-05-12\",\"type\":\"action_team\"},"
	"{\"id\":\"m3\",\"date\":\"2026-05-20\",\"type\":\"round_table\"}],"
	"\"plan\":{\"future_plan\":{\"date\":\"2026-04-01\",\"made_by\":[\"p2\",\"p3\"],"
	"\"text\":\"Lisa gaat weer thuis wonen.\",\"goals\":[\"Elk weekend naar huis\"]},"
	"\"action_team\":{\"formed\":\"2026-04-15\",\"members\":[\"p2\",\"p3\",\"p4\"]},"
	"\"agreements\":[{\"id\":\"a1\",\"what\":\"Oma haalt Lisa op\",\"action_plan\":true},"
	"{\"id\":\"a2\",\"what\":\"Evaluatie\"}]}}";

static struct kr_case *read_ok(const char *doc)
{
	struct kr_case *c = NULL;
	struct kr_error err;
	kr_error_init_lang(&err, KR_LANG_EN);
	if (kr_case_read(doc, strlen(doc), &c, &err) != KR_OK)
		fail_msg("%s: %s", err.message, err.ndetails ? err.details[0] : "");
	kr_error_cleanup(&err);
	return c;
}

static bool has_detail(const struct kr_error *err, const char *want)
{
	for (size_t i = 0; i < err->ndetails; i++)
		if (strcmp(err->details[i], want) == 0)
			return true;
	return false;
}

static void reads_future_plan_and_team(void **state)
{
	struct kr_case *c = read_ok(good);
	(void)state;
	assert_true(c->plan.has_future_plan);
	assert_int_equal(c->plan.future_date.m, 4);
	assert_int_equal(c->plan.nfuture_by, 2);
	assert_string_equal(c->persons[c->plan.future_by[1]].id, "p3");
	assert_string_equal(c->plan.future_text, "Lisa gaat weer thuis wonen.");
	assert_int_equal(c->plan.future_goals.n, 1);
	assert_true(c->plan.has_action_team);
	assert_int_equal(c->plan.team_formed.d, 15);
	assert_int_equal(c->plan.nteam, 3);
	assert_true(c->plan.agreements[0].action_plan);
	assert_false(c->plan.agreements[1].action_plan);
	assert_int_equal(c->meetings[1].type, KR_MEET_ACTION_TEAM);
	kr_case_free(c);
}

/* A document without any of it still reads, and reads as none. */
static void old_documents_stay_valid(void **state)
{
	static const char old[] = HEAD "\"plan\":{\"agreements\":[{\"id\":\"a1\",\"what\":\"x\"}]}}";
	struct kr_case *c = read_ok(old);
	(void)state;
	assert_false(c->plan.has_future_plan);
	assert_false(c->plan.has_action_team);
	assert_false(c->plan.agreements[0].action_plan);
	kr_case_free(c);
}

static void refuses_with_path(void **state)
{
	static const char bad[] = HEAD
		"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-04-10\",\"type\":\"action_team\"}],"
		"\"plan\":{\"future_plan\":{\"date\":\"2026-04-01\",\"made_by\":[\"p2\",\"p77\"]},"
		"\"action_team\":{\"formed\":\"2026-04-15\",\"members\":[\"p2\",\"p3\",\"p99\"]},"
		"\"agreements\":[{\"id\":\"a1\",\"what\":\"x\",\"action_plan\":\"ja\"}]}}";
	static const char early[] = HEAD
		"\"plan\":{\"future_plan\":{\"made_by\":[\"p2\"]},"
		"\"action_team\":{\"formed\":\"2026-03-15\"}}}";
	static const char lone[] = HEAD
		"\"meetings\":[{\"id\":\"m1\",\"type\":\"action_team\"}],"
		"\"plan\":{\"action_team\":{\"formed\":\"2026-03-15\"},"
		"\"agreements\":[{\"id\":\"a1\",\"what\":\"x\",\"action_plan\":true}]}}";
	static const char order[] = HEAD
		"\"plan\":{\"future_plan\":{\"date\":\"2026-04-01\"},"
		"\"action_team\":{\"formed\":\"2026-03\"}}}";
	struct kr_case *c = NULL;
	struct kr_error err;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(bad, strlen(bad), &c, &err), KR_EINVAL);
	assert_null(c);
	assert_true(has_detail(&err, "plan.action_team.members[2]: unknown person \"p99\""));
	assert_true(has_detail(&err, "plan.future_plan.made_by[1]: unknown person \"p77\""));
	assert_true(has_detail(&err, "plan.agreements[0].action_plan: expected true or false, "
	                       "found text"));
	assert_true(has_detail(&err, "meetings[0].date: the action team meeting lies before the "
	                       "day the action team was formed"));
	kr_error_cleanup(&err);

	kr_error_init_lang(&err, KR_LANG_NL);
	assert_int_equal(kr_case_read(bad, strlen(bad), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "plan.action_team.members[2]: onbekende persoon \"p99\""));
	kr_error_cleanup(&err);

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(early, strlen(early), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "plan.future_plan.date: is required"));
	kr_error_cleanup(&err);

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(lone, strlen(lone), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "plan.action_team: an action team carries a future plan; "
	                       "fill in plan.future_plan too"));
	assert_true(has_detail(&err, "plan.agreements[0].action_plan: an agreement of the action "
	                       "plan needs a future plan; fill in plan.future_plan"));
	kr_error_cleanup(&err);

	kr_error_init_lang(&err, KR_LANG_NL);
	assert_int_equal(kr_case_read(order, strlen(order), &c, &err), KR_EINVAL);
	assert_true(has_detail(&err, "plan.action_team.formed: het actieteam (2026-03) is gevormd "
	                       "voor het toekomstplan (2026-04-01) er was"));
	kr_error_cleanup(&err);

	/* an action team meeting without a team */
	{
		static const char noteam[] = HEAD
			"\"meetings\":[{\"id\":\"m1\",\"type\":\"action_team\"}]}";
		kr_error_init_lang(&err, KR_LANG_EN);
		assert_int_equal(kr_case_read(noteam, strlen(noteam), &c, &err), KR_EINVAL);
		assert_true(has_detail(&err, "meetings[0].type: an action team meeting needs an "
		                       "action team; fill in plan.action_team"));
		kr_error_cleanup(&err);
	}
}

/* The conference on the day each phase is dated and the day before. */
static void conference_phase(void **state)
{
	struct kr_case *c = read_ok(good);
	struct kr_process p;
	(void)state;

	kr_process_of(c, 0, tu_day("2026-01-31"), &p);
	assert_int_equal(p.kind, KR_PROCESS_CONFERENCE);
	assert_int_equal(p.nsteps, 6);
	assert_int_equal(p.current, -1);
	assert_int_equal(p.next, KR_PHASE_COORDINATOR);
	assert_int_equal(p.invitation, KR_INVITE_PREPARATION);

	kr_process_of(c, 0, tu_day("2026-02-01"), &p);
	assert_int_equal(p.current, KR_PHASE_COORDINATOR);
	assert_int_equal(p.next, KR_PHASE_PREPARATION);
	assert_int_equal(p.invitation, KR_INVITE_PREPARATION);
	assert_true(p.step[0].done);
	assert_false(p.step[1].done);

	kr_process_of(c, 0, tu_day("2026-02-09"), &p);
	assert_int_equal(p.current, KR_PHASE_COORDINATOR);
	kr_process_of(c, 0, tu_day("2026-02-10"), &p);
	assert_int_equal(p.current, KR_PHASE_PREPARATION);
	assert_int_equal(p.next, KR_PHASE_INFORMATION);
	assert_int_equal(p.invitation, KR_INVITE_CONFERENCE);

	kr_process_of(c, 0, tu_day("2026-03-04"), &p);
	assert_int_equal(p.current, KR_PHASE_PREPARATION);
	/* the conference day: information, private time and the plan presented */
	kr_process_of(c, 0, tu_day("2026-03-05"), &p);
	assert_int_equal(p.current, KR_PHASE_PLAN_PRESENTED);
	assert_int_equal(p.next, KR_PHASE_PLAN_ACCEPTED);
	assert_string_equal(p.step[p.next].key, "plan_accepted");
	assert_false(kr_date_valid(p.step[KR_PHASE_PLAN_ACCEPTED].date));
	kr_case_free(c);
}

static void conference_done_and_plain_meeting(void **state)
{
	static const char doc[] = HEAD
		"\"meetings\":[{\"id\":\"m1\",\"process\":{\"plan_accepted\":\"2026-03\"}},"
		"{\"id\":\"m2\",\"type\":\"diy\",\"date\":\"2026-01-01\"},"
		"{\"id\":\"m3\",\"type\":\"family_group_conference\"}]}";
	struct kr_case *c = read_ok(doc);
	struct kr_process p;
	(void)state;
	kr_process_of(c, 0, tu_day("2026-03-01"), &p);
	assert_int_equal(p.kind, KR_PROCESS_CONFERENCE);
	assert_int_equal(p.current, KR_PHASE_PLAN_ACCEPTED);
	assert_int_equal(p.next, -1);
	kr_process_of(c, 0, tu_day("2026-02-28"), &p);
	assert_int_equal(p.current, -1);
	kr_process_of(c, 1, tu_day("2026-03-01"), &p);
	assert_int_equal(p.kind, KR_PROCESS_NONE);
	assert_int_equal(p.nsteps, 0);
	assert_int_equal(p.invitation, KR_INVITE_MEETING);
	kr_process_of(c, 2, tu_day("2026-03-01"), &p);
	assert_int_equal(p.kind, KR_PROCESS_CONFERENCE);
	assert_int_equal(p.next, KR_PHASE_COORDINATOR);
	kr_case_free(c);
}

static void action_team_phase(void **state)
{
	struct kr_case *c = read_ok(good);
	struct kr_process p;
	(void)state;
	kr_process_of(c, 1, tu_day("2026-03-31"), &p);
	assert_int_equal(p.kind, KR_PROCESS_ACTION_TEAM);
	assert_int_equal(p.nsteps, 3);
	assert_int_equal(p.current, -1);
	assert_string_equal(p.step[p.next].key, "future_plan");
	assert_int_equal(p.invitation, KR_INVITE_ACTION_TEAM);
	kr_process_of(c, 1, tu_day("2026-04-14"), &p);
	assert_string_equal(p.step[p.current].key, "future_plan");
	assert_string_equal(p.step[p.next].key, "action_team");
	kr_process_of(c, 1, tu_day("2026-04-15"), &p);
	assert_string_equal(p.step[p.current].key, "action_team");
	assert_string_equal(p.step[p.next].key, "meeting");
	kr_process_of(c, 1, tu_day("2026-05-12"), &p);
	assert_string_equal(p.step[p.current].key, "meeting");
	assert_int_equal(p.next, -1);
	kr_case_free(c);
}

/* The summary carries the processes, so the browser need not derive them. */
static void in_the_summary(void **state)
{
	struct kr_case *c = read_ok(good);
	struct kr_case_summary *sum = NULL;
	json_t *j, *ps, *p0, *p1;
	(void)state;
	assert_int_equal(kr_case_summary(c, NULL, tu_day("2026-04-20"), NULL, &sum, NULL), KR_OK);
	j = kr_case_summary_json(sum, false);
	assert_non_null(j);
	ps = json_object_get(j, "processes");
	assert_int_equal(json_array_size(ps), 2);   /* not the round table */
	p0 = json_array_get(ps, 0);
	assert_string_equal(json_string_value(json_object_get(p0, "meeting")), "m1");
	assert_string_equal(json_string_value(json_object_get(p0, "kind")), "conference");
	assert_string_equal(json_string_value(json_object_get(p0, "current")), "plan_presented");
	assert_string_equal(json_string_value(json_object_get(p0, "next")), "plan_accepted");
	assert_string_equal(json_string_value(json_object_get(p0, "invitation")), "conference");
	assert_int_equal(json_array_size(json_object_get(p0, "steps")), 6);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(p0, "steps"), 1), "date")), "2026-02-10");
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(p0, "steps"), 5),
	                                         "date")));
	p1 = json_array_get(ps, 1);
	assert_string_equal(json_string_value(json_object_get(p1, "kind")), "action_team");
	assert_string_equal(json_string_value(json_object_get(p1, "current")), "action_team");
	assert_string_equal(json_string_value(json_object_get(p1, "next")), "meeting");
	assert_string_equal(json_string_value(json_object_get(p1, "invitation")), "action_team");
	json_decref(j);
	kr_case_summary_free(sum);
	kr_case_free(c);
}

/* The ids of the persons type t invites by default on day, joined by ",". */
static void invited_ids(const struct kr_case *c, enum kr_meeting_type t, const char *day,
                        char *buf, size_t size)
{
	int ix[16];
	size_t n = kr_process_invite_default(c, t, tu_day(day), ix), used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "," : "",
		                         c->persons[ix[i]].id);
}

/* Who is invited by default: the informal network with the child, or the
 * action team's members for an action team meeting; nobody who died. */
static void invite_defaults(void **state)
{
	static const char doc[] = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"P-2\","
		"\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"roles\":[\"child\"]},"
		"{\"id\":\"p2\",\"roles\":[\"parent\"]},{\"id\":\"p3\",\"roles\":[\"grandparent\"],"
		"\"died\":\"2026-06-01\"},{\"id\":\"p4\",\"roles\":[\"foster_care_worker\"]},"
		"{\"id\":\"p5\",\"world\":\"professional\"},{\"id\":\"p6\",\"roles\":[\"friend\"]}],"
		"\"plan\":{\"future_plan\":{\"date\":\"2026-04-01\"},"
		"\"action_team\":{\"formed\":\"2026-04-15\",\"members\":[\"p6\",\"p3\",\"p4\",\"p2\"]}}}";
	struct kr_case *c = read_ok(doc);
	struct kr_case *g = read_ok(good);
	struct kr_case_summary *sum = NULL;
	char b[64];
	json_t *j, *d;
	(void)state;

	invited_ids(c, KR_MEET_ROUND_TABLE, "2026-05-01", b, sizeof b);
	assert_string_equal(b, "p1,p2,p3,p6");   /* no professional */
	invited_ids(c, KR_MEET_FAMILY_GROUP_CONFERENCE, "2026-06-01", b, sizeof b);
	assert_string_equal(b, "p1,p2,p6");      /* not who died */
	invited_ids(c, KR_MEET_NONE, "2026-05-01", b, sizeof b);
	assert_string_equal(b, "p1,p2,p3,p6");
	invited_ids(c, KR_MEET_ACTION_TEAM, "2026-05-01", b, sizeof b);
	assert_string_equal(b, "p6,p3,p4,p2");   /* the team, in its order, professionals too */
	invited_ids(c, KR_MEET_ACTION_TEAM, "2026-07-01", b, sizeof b);
	assert_string_equal(b, "p6,p4,p2");
	assert_string_equal(kr_process_invite_rule(KR_MEET_ACTION_TEAM), "action_team");
	assert_string_equal(kr_process_invite_rule(KR_MEET_DIY), "network");

	/* no team yet: nobody */
	{
		static const char noteam[] = HEAD "\"meetings\":[]}";
		struct kr_case *n = read_ok(noteam);
		invited_ids(n, KR_MEET_ACTION_TEAM, "2026-05-01", b, sizeof b);
		assert_string_equal(b, "");
		kr_case_free(n);
	}

	/* the summary of one case carries them for every type; a list row not */
	assert_int_equal(kr_case_summary(g, NULL, tu_day("2026-04-20"), NULL, &sum, NULL), KR_OK);
	j = kr_case_summary_json(sum, true);
	d = json_object_get(j, "invite_defaults");
	assert_non_null(d);
	assert_int_equal(json_object_size(d), KR_MEET__N - 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(d, "action_team"),
	                    "rule")), "action_team");
	assert_int_equal(json_array_size(json_object_get(json_object_get(d, "action_team"),
	                 "persons")), 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(d,
	                    "action_team"), "persons"), 0)), "p2");
	assert_string_equal(json_string_value(json_object_get(json_object_get(d, "diy"),
	                    "rule")), "network");
	assert_int_equal(json_array_size(json_object_get(json_object_get(d, "round_table"),
	                 "persons")), 4);
	json_decref(j);
	j = kr_case_summary_json(sum, false);
	assert_null(json_object_get(j, "invite_defaults"));
	json_decref(j);
	kr_case_summary_free(sum);
	kr_case_free(g);
	kr_case_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_future_plan_and_team),
		cmocka_unit_test(old_documents_stay_valid),
		cmocka_unit_test(refuses_with_path),
		cmocka_unit_test(conference_phase),
		cmocka_unit_test(conference_done_and_plain_meeting),
		cmocka_unit_test(action_team_phase),
		cmocka_unit_test(in_the_summary),
		cmocka_unit_test(invite_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
