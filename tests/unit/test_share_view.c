/*
 * test_share_view.c - what a share link shows (lib/share_view.c): an
 * agreement or concern for professionals only never appears in the view,
 * for any holder and any combination of scopes, not even the holder's own
 * task; each scope shows its part and nothing when off; the contact person;
 * marking done only what the view shows and the holder holds; the scopes
 * stored with a link (default own, goals, safety); and the inbox
 * (lib/inbox.c): the wishes and done-marks link holders made since a worker
 * marked the case seen.
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
		cmocka_unit_test(mark_done),
		cmocka_unit_test(may_link),
		cmocka_unit_test(scope_names),
		cmocka_unit_test(stored_scopes),
		cmocka_unit_test(inbox),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
