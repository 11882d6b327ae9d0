/*
 * test_share_view.c - what a share link shows (lib/share_view.c): an
 * agreement or concern for professionals only never appears in the view,
 * for any holder and any combination of scopes, not even the holder's own
 * task; each scope shows its part and nothing when off; the contact person;
 * marking done only what the view shows and the holder holds; the scopes
 * stored with a link (default own, goals, safety); and the inbox
 * (lib/inbox.c): the wishes and done-marks link holders made since a worker
 * marked the case seen; the future plan and the action team (Prima
 * Pleegzorg) in the view with their scopes, null when the plan has none,
 * the team's meetings when and where only.
 */
#include <sodium.h>
#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/case_edit.h"
#include "kring/inbox.h"
#include "kring/init.h"
#include "kring/share.h"
#include "kring/share_view.h"
#include "kring/store.h"

#define T0 ((time_t)1796083200)    /* 2026-12-01T00:00:00Z */
#define DAY0 20788                 /* its day number */
#define GOOD "Fietsbel-Appelboom-7"
#define SECRET1 "Ilse gaat naar de verslavingszorg"
#define SECRET2 "zorgen over drank"

#define DOC "{\"format\":\"kring-case/1\"," \
	"\"case\":{\"ref\":\"T-SV\",\"child\":\"p1\",\"notes\":\"NOTES-NEVER\"}," \
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"],\"born\":\"2014-05-02\"}," \
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"],\"born\":\"1990-01-01\"}," \
	"{\"id\":\"p3\",\"name\":\"Ruud\",\"roles\":[\"parent\"]}," \
	"{\"id\":\"p4\",\"name\":\"Anouk\",\"roles\":[\"foster_care_worker\"],\"world\":\"professional\"}," \
	"{\"id\":\"p5\",\"name\":\"Bert\",\"roles\":[\"guardian\"],\"world\":\"professional\"," \
	"\"involved\":[{\"from\":\"2020\",\"to\":\"2021\"}]}," \
	"{\"id\":\"p6\",\"name\":\"Kees\",\"roles\":[\"grandparent\"]}]," \
	"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-12-12\",\"time\":\"19:30\",\"place\":\"school\"," \
	"\"type\":\"round_table\"}]," \
	"\"plan\":{\"safety\":\"Kees let op\",\"concerns\":[\"slapen\",{\"text\":\"" SECRET2 "\"," \
	"\"visibility\":\"professionals\"}],\"worry_route\":{\"text\":\"bel eerst Kees\"," \
	"\"call\":[\"p6\",\"p4\"]}," \
	"\"wishes\":[{\"id\":\"w1\",\"by\":\"p1\",\"text\":\"voetbal\"}," \
	"{\"id\":\"w2\",\"by\":\"p2\",\"text\":\"vaker zien\"}]," \
	"\"goals\":[{\"id\":\"g1\",\"text\":\"rust\"}]," \
	"\"agreements\":[{\"id\":\"a1\",\"who\":[\"p2\"],\"what\":\"bellen op zondag\"}," \
	"{\"id\":\"a2\",\"who\":[\"p2\"],\"what\":\"" SECRET1 "\",\"visibility\":\"professionals\"}," \
	"{\"id\":\"a3\",\"who\":[\"p3\"],\"what\":\"Ruud haalt Sam op\"}]}}"

/* DOC's people with a future plan, an action team (Kees died in 2026-11)
 * and three action team meetings around DAY0 with minutes that stay out. */
#define DOC_TEAM "{\"format\":\"kring-case/1\"," \
	"\"case\":{\"ref\":\"T-AT\",\"child\":\"p1\"}," \
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"]}," \
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"]}," \
	"{\"id\":\"p3\",\"name\":\"Ruud\",\"roles\":[\"aunt_uncle\"]}," \
	"{\"id\":\"p4\",\"name\":\"Anouk\",\"roles\":[\"foster_care_worker\"],\"world\":\"professional\"}," \
	"{\"id\":\"p6\",\"name\":\"Kees\",\"roles\":[\"grandparent\"],\"died\":\"2026-11-20\"}]," \
	"\"meetings\":[{\"id\":\"m1\",\"date\":\"2026-11-10\",\"type\":\"action_team\"," \
	"\"minutes\":\"MINUTES-NEVER\",\"outcome\":\"OUTCOME-NEVER\"}," \
	"{\"id\":\"m2\",\"date\":\"2026-11-24\",\"time\":\"10:00\",\"type\":\"action_team\"}," \
	"{\"id\":\"m3\",\"date\":\"2026-12-01\",\"type\":\"round_table\"}," \
	"{\"id\":\"m4\",\"date\":\"2027-01-12\",\"time\":\"19:30\",\"place\":\"buurthuis\"," \
	"\"type\":\"action_team\"},{\"id\":\"m5\",\"date\":\"2026-12-22\",\"type\":\"action_team\"}]," \
	"\"plan\":{\"future_plan\":{\"date\":\"2026-10-01\",\"made_by\":[\"p2\",\"p3\"]," \
	"\"text\":\"Sam woont weer thuis\",\"goals\":[\"elk weekend naar huis\",\"werk voor Ilse\"]}," \
	"\"action_team\":{\"formed\":\"2026-10-15\",\"members\":[\"p2\",\"p6\",\"p4\",\"p3\"]}}}"

static char *dump_view(const struct kr_case *c, const char *person, unsigned scopes)
{
	json_t *v = kr_share_view_json(c, person, scopes, DAY0);
	char *s;
	assert_non_null(v);
	s = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	return s;
}

/* The test the issue asks for: no combination of holder and scopes shows
 * what is for professionals only, nor anything outside the plan. */
static void never_professionals_only(void **state)
{
	struct kr_case *c = tu_case_from_text(DOC);
	(void)state;

	for (size_t p = 0; p < c->npersons; p++)
		for (unsigned sc = 0; sc <= KR_SHARE_ALL; sc++) {
			char *s = dump_view(c, c->persons[p].id, sc);
			assert_null(strstr(s, SECRET1));
			assert_null(strstr(s, SECRET2));
			assert_null(strstr(s, "\"a2\""));
			assert_null(strstr(s, "NOTES-NEVER"));
			assert_null(strstr(s, "1990"));      /* no birth dates */
			assert_null(strstr(s, "2014"));
			free(s);
		}
	kr_case_free(c);
}

static void scopes_show_their_part(void **state)
{
	struct kr_case *c = tu_case_from_text(DOC);
	json_t *v;
	(void)state;

	/* the default: own tasks and wishes, goals, safety */
	v = kr_share_view_json(c, "p2", KR_SHARE_DEFAULT, DAY0);
	assert_int_equal(json_array_size(json_object_get(v, "my_tasks")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(v,
	                    "my_tasks"), 0), "id")), "a1");
	assert_int_equal(json_array_size(json_object_get(v, "agreements")), 0);
	assert_int_equal(json_array_size(json_object_get(v, "wishes")), 1);   /* her own */
	assert_int_equal(json_array_size(json_object_get(v, "goals")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "safety"), "text")),
	                    "Kees let op");
	assert_int_equal(json_array_size(json_object_get(json_object_get(v, "safety"), "concerns")),
	                 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(
	                    json_object_get(json_object_get(v, "safety"), "worry_route"), "call"), 0),
	                    "name")), "Kees");
	assert_true(json_is_null(json_object_get(v, "next_meeting")));
	assert_int_equal(json_array_size(json_object_get(v, "scopes")), 3);
	/* the contact person: the foster care worker (the guardian's involvement ended) */
	assert_int_equal(json_array_size(json_object_get(v, "contact")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(v,
	                    "contact"), 0), "name")), "Anouk");
	json_decref(v);

	/* the next meeting and the whole plan */
	v = kr_share_view_json(c, "p2", KR_SHARE_BIT(KR_SHARE_MEETING) | KR_SHARE_BIT(KR_SHARE_PLAN),
	                       DAY0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "next_meeting"),
	                    "time")), "19:30");
	assert_int_equal(json_array_size(json_object_get(v, "agreements")), 2);   /* a1, a3 */
	assert_int_equal(json_array_size(json_object_get(v, "my_tasks")), 0);     /* no own scope */
	assert_int_equal(json_array_size(json_object_get(v, "wishes")), 2);
	assert_int_equal(json_array_size(json_object_get(v, "goals")), 0);
	assert_true(json_is_null(json_object_get(v, "safety")));
	json_decref(v);
	/* a holder without tasks */
	v = kr_share_view_json(c, "p6", KR_SHARE_DEFAULT, DAY0);
	assert_int_equal(json_array_size(json_object_get(v, "my_tasks")), 0);
	assert_int_equal(json_array_size(json_object_get(v, "wishes")), 0);
	json_decref(v);
	kr_case_free(c);
}

/* The future plan and the action team: absent from a plan that has none,
 * shown by their scopes, the team's meetings when and where only. */
static void future_plan_and_team(void **state)
{
	struct kr_case *c = tu_case_from_text(DOC_TEAM);
	struct kr_case *none = tu_case_from_text(DOC);
	json_t *v, *fp, *at, *mem;
	(void)state;

	/* a plan without them: null, whatever the scopes */
	for (unsigned sc = 0; sc <= KR_SHARE_ALL; sc++) {
		v = kr_share_view_json(none, "p2", sc, DAY0);
		assert_true(json_is_null(json_object_get(v, "future_plan")));
		assert_true(json_is_null(json_object_get(v, "action_team")));
		json_decref(v);
	}
	/* never what was said at a meeting, never who died, for any scopes */
	for (unsigned sc = 0; sc <= KR_SHARE_ALL; sc++) {
		char *s = dump_view(c, "p2", sc);
		assert_null(strstr(s, "MINUTES-NEVER"));
		assert_null(strstr(s, "OUTCOME-NEVER"));
		assert_null(strstr(s, "Kees"));
		free(s);
	}

	/* the default link (own, goals, safety): the future plan, no team */
	v = kr_share_view_json(c, "p2", KR_SHARE_DEFAULT, DAY0);
	fp = json_object_get(v, "future_plan");
	assert_string_equal(json_string_value(json_object_get(fp, "date")), "2026-10-01");
	assert_string_equal(json_string_value(json_object_get(fp, "text")), "Sam woont weer thuis");
	assert_int_equal(json_array_size(json_object_get(fp, "goals")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(fp, "goals"), 1)),
	                    "werk voor Ilse");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(fp,
	                    "made_by"), 1), "name")), "Ruud");
	assert_true(json_is_null(json_object_get(v, "action_team")));
	json_decref(v);

	/* the whole plan: the team with names and roles, not its meetings */
	v = kr_share_view_json(c, "p2", KR_SHARE_BIT(KR_SHARE_PLAN), DAY0);
	assert_true(json_is_object(json_object_get(v, "future_plan")));
	at = json_object_get(v, "action_team");
	assert_string_equal(json_string_value(json_object_get(at, "formed")), "2026-10-15");
	mem = json_object_get(at, "members");
	assert_int_equal(json_array_size(mem), 3);   /* Kees died */
	assert_string_equal(json_string_value(json_object_get(json_array_get(mem, 0), "name")),
	                    "Ilse");
	assert_string_equal(json_string_value(json_object_get(json_array_get(mem, 0), "role")),
	                    "parent");
	assert_string_equal(json_string_value(json_object_get(json_array_get(mem, 1), "role")),
	                    "foster_care_worker");
	assert_string_equal(json_string_value(json_object_get(json_array_get(mem, 2), "name")),
	                    "Ruud");
	assert_true(json_is_null(json_object_get(at, "last_meeting")));
	assert_true(json_is_null(json_object_get(at, "next_meeting")));
	json_decref(v);

	/* the meeting scope: the team with its last and next meeting, no future plan */
	v = kr_share_view_json(c, "p2", KR_SHARE_BIT(KR_SHARE_MEETING), DAY0);
	assert_true(json_is_null(json_object_get(v, "future_plan")));
	at = json_object_get(v, "action_team");
	assert_int_equal(json_array_size(json_object_get(at, "members")), 3);
	assert_string_equal(json_string_value(json_object_get(json_object_get(at, "last_meeting"),
	                    "id")), "m2");
	assert_string_equal(json_string_value(json_object_get(json_object_get(at, "last_meeting"),
	                    "time")), "10:00");
	assert_string_equal(json_string_value(json_object_get(json_object_get(at, "next_meeting"),
	                    "id")), "m5");   /* not the round table on DAY0, not m4 after it */
	assert_true(json_is_null(json_object_get(json_object_get(at, "next_meeting"), "place")));
	assert_null(json_object_get(json_object_get(at, "next_meeting"), "minutes"));
	json_decref(v);
	/* after the last one: no next */
	v = kr_share_view_json(c, "p2", KR_SHARE_BIT(KR_SHARE_MEETING), DAY0 + 60);
	at = json_object_get(v, "action_team");
	assert_string_equal(json_string_value(json_object_get(json_object_get(at, "last_meeting"),
	                    "id")), "m4");
	assert_true(json_is_null(json_object_get(at, "next_meeting")));
	json_decref(v);
	/* neither scope: neither */
	v = kr_share_view_json(c, "p2", KR_SHARE_BIT(KR_SHARE_OWN) | KR_SHARE_BIT(KR_SHARE_SAFETY),
	                       DAY0);
	assert_true(json_is_null(json_object_get(v, "future_plan")));
	assert_true(json_is_null(json_object_get(v, "action_team")));
	json_decref(v);
	kr_case_free(none);
	kr_case_free(c);
}

static void mark_done(void **state)
{
	struct kr_case *c = tu_case_from_text(DOC);
	struct kr_error err;
	(void)state;

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_share_view_may_mark_done(c, "p2", KR_SHARE_DEFAULT, "a1", &err), KR_OK);
	/* her own, but for professionals only: not in her view */
	assert_int_equal(kr_share_view_may_mark_done(c, "p2", KR_SHARE_ALL, "a2", &err),
	                 KR_ENOTFOUND);
	/* somebody else's, with or without the plan scope */
	assert_int_equal(kr_share_view_may_mark_done(c, "p2", KR_SHARE_DEFAULT, "a3", &err),
	                 KR_EPERM);
	assert_int_equal(kr_share_view_may_mark_done(c, "p2", KR_SHARE_ALL, "a3", &err), KR_EPERM);
	assert_string_equal(err.message, "this agreement is not yours");
	assert_int_equal(kr_share_view_may_mark_done(c, "p2", KR_SHARE_ALL, "a9", &err),
	                 KR_ENOTFOUND);
	/* a link that does not show own tasks */
	assert_int_equal(kr_share_view_may_mark_done(c, "p2", KR_SHARE_BIT(KR_SHARE_GOALS), "a1",
	                 &err), KR_EPERM);
	assert_string_equal(err.message, "this link does not show your tasks");
	kr_error_cleanup(&err);
	kr_case_free(c);
}

/* The holder's verdicts: a person removed from the case may not write
 * (403, the library's words); a wish without text is refused with its
 * detail; a wish's item is the holder's, dated the day, blanks dropped;
 * an agreement's "overdue" follows kr_plan_agreement_overdue (a month-
 * precision due date runs to its last day). */
static void holder_verdicts(void **state)
{
	struct kr_case *c = tu_case_from_text(DOC);
	struct kr_case *m = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":"
		"\"T-O\",\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\","
		"\"roles\":[\"child\"]},{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"]}],"
		"\"plan\":{\"agreements\":[{\"id\":\"a1\",\"who\":[\"p2\"],\"what\":\"bellen\","
		"\"due\":\"2026-12\"},{\"id\":\"a2\",\"who\":[\"p2\"],\"what\":\"fiets\","
		"\"due\":\"2026-11\"}]}}");
	struct kr_error err;
	char *item = NULL, *v;
	(void)state;

	kr_error_init(&err);
	assert_int_equal(kr_share_view_holder_in_case(c, "p2", &err), KR_OK);
	assert_int_equal(kr_share_view_holder_in_case(c, "p99", &err), KR_EPERM);
	assert_string_equal(err.message, "je staat niet meer in dit plan");
	kr_error_cleanup(&err);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_share_view_holder_in_case(c, "p99", &err), KR_EPERM);
	assert_string_equal(err.message, "you are no longer part of this plan");
	kr_error_cleanup(&err);

	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_share_view_wish_item("p2", " \n\t", DAY0, &item, &err), KR_EINVAL);
	assert_null(item);
	assert_int_equal(err.ndetails, 1);
	assert_string_equal(err.details[0], "text: write down your wish");
	assert_int_equal(kr_share_view_wish_item("p2", NULL, DAY0, &item, &err), KR_EINVAL);
	kr_error_cleanup(&err);
	kr_error_init(&err);
	assert_int_equal(kr_share_view_wish_item("p2", "  vaker voetballen", DAY0, &item, &err),
	                 KR_OK);
	assert_string_equal(item, "{\"by\":\"p2\",\"date\":\"2026-12-01\",\"text\":"
	                    "\"vaker voetballen\"}");
	free(item);
	kr_error_cleanup(&err);

	/* on 1 December 2026: due "2026-12" is not late, "2026-11" is */
	v = dump_view(m, "p2", KR_SHARE_DEFAULT);
	assert_non_null(strstr(v, "\"id\":\"a1\""));
	assert_non_null(strstr(v, "\"due\":\"2026-12\",\"if_not\":null,\"status\":\"open\","
	                "\"mine\":true,\"overdue\":false"));
	assert_non_null(strstr(v, "\"due\":\"2026-11\",\"if_not\":null,\"status\":\"open\","
	                "\"mine\":true,\"overdue\":true"));
	free(v);
	kr_case_free(m);
	kr_case_free(c);
}

/* A link only for a person alive and involved that day: Bert's
 * involvement ended in 2021; Kees died after the first day asked. */
static void may_link(void **state)
{
	struct kr_case *c = tu_case_from_text(DOC);
	(void)state;

	for (size_t i = 0; i < c->npersons; i++)
		assert_int_equal(kr_share_may_link(c, i, T0), strcmp(c->persons[i].id, "p5") != 0);
	assert_false(kr_share_may_link(c, c->npersons, T0));
	assert_false(kr_share_may_link(NULL, 0, T0));
	kr_case_free(c);
	c = tu_case_from_text("{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T-D\",\"child\":\"p1\"},"
	                      "\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"},"
	                      "{\"id\":\"p2\",\"name\":\"Kees\",\"died\":\"2026-12-02\"}]}");
	assert_true(kr_share_may_link(c, 1, T0));
	assert_false(kr_share_may_link(c, 1, T0 + 86400));
	assert_true(kr_share_may_link(c, 0, T0 + 86400));
	kr_case_free(c);
}

static void scope_names(void **state)
{
	json_t *j;
	(void)state;
	assert_int_equal(kr_share_scope_parse("own"), KR_SHARE_OWN);
	assert_int_equal(kr_share_scope_parse("plan"), KR_SHARE_PLAN);
	assert_int_equal(kr_share_scope_parse("all"), -1);
	assert_int_equal(kr_share_scope_parse(NULL), -1);
	assert_string_equal(kr_share_scope_name(KR_SHARE_MEETING), "meeting");
	assert_string_equal(kr_share_scope_label(KR_SHARE_GOALS, KR_LANG_EN), "the goals");
	j = kr_share_scopes_meta_json();
	assert_int_equal(json_array_size(j), KR_SHARE__N);
	assert_true(json_is_true(json_object_get(json_array_get(j, 0), "default")));
	assert_true(json_is_false(json_object_get(json_array_get(j, 4), "default")));
	json_decref(j);
}

/* A store with the case, the worker anouk and a link for p2. */
static struct kr_store *world(struct kr_user *u, long long *link)
{
	struct kr_auth_config ac;
	struct kr_store *s;
	struct kr_case *c;
	char token[KR_AUTH_TOKEN_CHARS + 1];

	kr_auth_config_default(&ac);
	ac.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	ac.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	assert_int_equal(kr_auth_configure(&ac, NULL), KR_OK);
	tu_db_fresh("shareview");
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	kr_store_set_now(s, T0);
	c = tu_case_from_text(DOC);
	assert_int_equal(kr_store_put(s, c, "anouk", 0, NULL, NULL), KR_OK);
	kr_case_free(c);
	assert_int_equal(kr_account_add(s, "anouk", KR_ACCOUNT_WORKER, "", GOOD, T0, NULL, NULL),
	                 KR_OK);
	assert_int_equal(kr_account_get(s, "anouk", u, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(s, "T-SV", "anouk", T0, NULL), KR_OK);
	assert_int_equal(kr_share_create(s, u, "T-SV", "p2", T0 + 86400, T0, token, link, NULL),
	                 KR_OK);
	return s;
}

static void stored_scopes(void **state)
{
	struct kr_user u;
	long long link;
	struct kr_store *s = world(&u, &link);
	unsigned sc;
	(void)state;

	assert_int_equal(kr_share_scopes_get(s, link, &sc, NULL), KR_OK);
	assert_int_equal(sc, KR_SHARE_DEFAULT);
	assert_int_equal(kr_share_scopes_set(s, link, KR_SHARE_BIT(KR_SHARE_MEETING) |
	                 KR_SHARE_BIT(KR_SHARE_OWN), NULL), KR_OK);
	assert_int_equal(kr_share_scopes_get(s, link, &sc, NULL), KR_OK);
	assert_int_equal(sc, KR_SHARE_BIT(KR_SHARE_MEETING) | KR_SHARE_BIT(KR_SHARE_OWN));
	assert_int_equal(kr_share_scopes_set(s, link, 0, NULL), KR_EINVAL);
	assert_int_equal(kr_share_scopes_set(s, link, 1u << 20, NULL), KR_EINVAL);
	assert_int_equal(kr_share_scopes_get(s, link, &sc, NULL), KR_OK);
	assert_int_equal(sc, KR_SHARE_BIT(KR_SHARE_MEETING) | KR_SHARE_BIT(KR_SHARE_OWN));
	kr_store_close(s);
	tu_db_remove();
}

/* Stores the edit e of the latest revision as author. */
static void change(struct kr_store *s, const char *author, enum kr_edit_op op, const char *coll,
                   const char *id, const char *body)
{
	struct kr_edit e = { op, coll, id, body, body ? strlen(body) : 0 };
	struct kr_case *c = NULL;
	char *doc = NULL, *out = NULL;
	size_t len, olen;
	long head;

	assert_int_equal(kr_store_get_text(s, "T-SV", 0, &doc, &len, &head, NULL), KR_OK);
	assert_int_equal(kr_case_edit(doc, len, &e, &out, &olen, NULL, NULL), KR_OK);
	c = tu_case_from_text(out);
	assert_int_equal(kr_store_put(s, c, author, head, NULL, NULL), KR_OK);
	kr_case_free(c);
	free(doc);
	free(out);
}

static void inbox(void **state)
{
	struct kr_user u;
	long long link;
	struct kr_store *s = world(&u, &link);
	struct kr_inbox_item *v = NULL;
	size_t n = 0;
	long head;
	json_t *j;
	(void)state;

	assert_int_equal(kr_inbox_count(s, &u, "T-SV", &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	change(s, "share:p2", KR_EDIT_ADD, "wishes", NULL, "{\"by\":\"p2\",\"text\":\"logeren\"}");
	change(s, "anouk", KR_EDIT_MERGE, "goals", "g1", "{\"indicator\":\"x\"}");
	change(s, "share:p2", KR_EDIT_MERGE, "agreements", "a1", "{\"status\":\"done\"}");
	assert_int_equal(kr_inbox_case(s, &u, "T-SV", &v, &n, &head, NULL), KR_OK);
	assert_int_equal(head, 4);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, KR_INBOX_WISH);
	assert_int_equal(v[0].rev, 2);
	assert_string_equal(v[0].id, "w3");
	assert_string_equal(v[0].text, "logeren");
	assert_string_equal(v[0].who, "Ilse (link)");
	assert_string_equal(v[0].person, "p2");
	assert_int_equal(v[1].kind, KR_INBOX_DONE);
	assert_string_equal(v[1].id, "a1");
	assert_string_equal(v[1].text, "bellen op zondag");
	j = kr_inbox_json(v, n);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 1), "kind")),
	                    "done");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(j, 0),
	                    "person"), "who")), "Ilse (link)");
	json_decref(j);
	kr_inbox_free(v, n);
	/* seen up to revision 2: the done-mark stays */
	assert_int_equal(kr_inbox_seen(s, &u, "T-SV", 2, NULL), KR_OK);
	assert_int_equal(kr_inbox_count(s, &u, "T-SV", &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	/* a mark never goes back */
	assert_int_equal(kr_inbox_seen(s, &u, "T-SV", 1, NULL), KR_OK);
	assert_int_equal(kr_inbox_count(s, &u, "T-SV", &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(kr_inbox_seen(s, &u, "T-SV", 0, NULL), KR_OK);
	assert_int_equal(kr_inbox_count(s, &u, "T-SV", &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(kr_inbox_seen(s, &u, "T-SV", 99, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_inbox_seen(s, &u, "NOPE", 0, NULL), KR_ENOTFOUND);
	assert_int_equal(kr_inbox_case(s, &u, "NOPE", &v, &n, NULL, NULL), KR_ENOTFOUND);
	kr_store_close(s);
	tu_db_remove();
}

static int setup(void **state)
{
	struct kr_config cfg;
	(void)state;
	kr_config_defaults(&cfg);
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	assert_int_equal(kr_days_from_civil(2026, 12, 1), DAY0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(never_professionals_only),
		cmocka_unit_test(scopes_show_their_part),
		cmocka_unit_test(future_plan_and_team),
		cmocka_unit_test(mark_done),
		cmocka_unit_test(holder_verdicts),
		cmocka_unit_test(may_link),
		cmocka_unit_test(scope_names),
		cmocka_unit_test(stored_scopes),
		cmocka_unit_test(inbox),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
