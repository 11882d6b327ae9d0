/*
 * test_access.c - the access decision (lib/access.c): the verdict of every
 * role x action x case (assigned to the user, to a team mate, to another
 * team, to nobody, to the admin, missing) against a table written out here
 * independently of the library's, the actions on no case, the fail-closed
 * cases (disabled, stale or missing user), the reason for the audit trail,
 * the capabilities (the same table per user) and the visible cases.
 */
#include <sodium.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/access.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/auth.h"
#include "kring/store.h"

#define T0 ((time_t)1790000000)
#define GOOD "Fietsbel-Appelboom-7"

static int setup(void **state)
{
	struct kr_auth_config c;
	(void)state;
	tu_db_fresh("access");
	kr_auth_config_default(&c);
	c.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	c.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	assert_int_equal(kr_auth_configure(&c, NULL), KR_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_db_remove();
	return 0;
}

static void put_case(struct kr_store *s, const char *ref)
{
	char text[512];
	struct kr_case *c;
	snprintf(text, sizeof text,
	         "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"%s\",\"child\":\"p1\"},"
	         "\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"}]}", ref);
	c = tu_case_from_text(text);
	assert_int_equal(kr_store_put(s, c, "test", 0, NULL, NULL), KR_OK);
	kr_case_free(c);
}

static struct kr_user add(struct kr_store *s, const char *name, enum kr_account_role role,
                          const char *team)
{
	struct kr_user u;
	assert_int_equal(kr_account_add(s, name, role, team, GOOD, T0, NULL, NULL), KR_OK);
	assert_int_equal(kr_account_get(s, name, &u, NULL), KR_OK);
	return u;
}

/* The cases, in the column order of the expectations below. */
static const char *const cases[] = { "A-W", "A-W2", "B-X", "FREE", "ADM", "NOPE" };
#define NCASES 6

struct world {
	struct kr_store *s;
	struct kr_user worker, lead, analyst, admin, lead_noteam;
};

/* workers wim and wil in team a, lead lea of team a, xan in team b, an
 * analyst, an admin, a lead without a team (leo); A-W is wim's case, A-W2
 * wil's, B-X xan's, FREE nobody's, ADM the admin's, NOPE does not exist. */
static void build(struct world *w)
{
	w->s = NULL;
	assert_int_equal(kr_store_open(dbpath, &w->s, NULL), KR_OK);
	for (int i = 0; i < NCASES - 1; i++)
		put_case(w->s, cases[i]);
	w->worker = add(w->s, "wim", KR_ACCOUNT_WORKER, "team-a");
	add(w->s, "wil", KR_ACCOUNT_WORKER, "team-a");
	add(w->s, "xan", KR_ACCOUNT_WORKER, "team-b");
	w->lead = add(w->s, "lea", KR_ACCOUNT_LEAD, "team-a");
	w->analyst = add(w->s, "ana", KR_ACCOUNT_ANALYST, "team-a");
	w->admin = add(w->s, "adm", KR_ACCOUNT_ADMIN, NULL);
	w->lead_noteam = add(w->s, "leo", KR_ACCOUNT_LEAD, NULL);
	assert_int_equal(kr_assignment_add(w->s, "A-W", "wim", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(w->s, "A-W2", "wil", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(w->s, "B-X", "xan", T0, NULL), KR_OK);
	assert_int_equal(kr_assignment_add(w->s, "ADM", "adm", T0, NULL), KR_OK);
}

static char letter(enum kr_access_verdict v)
{
	return v == KR_ACCESS_ALLOWED ? 'A' : v == KR_ACCESS_FORBIDDEN ? 'F' : 'H';
}

/* Checks the verdicts of u for action a on every case against want (one
 * letter per case: Allowed, Forbidden (403), Hidden (404)). */
static void expect(struct kr_store *s, const char *who, const struct kr_user *u,
                   enum kr_access_action a, const char *want)
{
	char got[NCASES + 1];
	for (int i = 0; i < NCASES; i++) {
		const char *reason = NULL;
		got[i] = letter(kr_access_decide(s, u, cases[i], a, &reason));
		assert_non_null(reason);
		assert_true(strlen(reason) > 3);
		/* the reason names no person and no case */
		assert_null(strstr(reason, u->name[0] ? u->name : "?"));
		assert_null(strstr(reason, cases[i]));
	}
	got[NCASES] = '\0';
	if (strcmp(got, want) != 0)
		fail_msg("%s %s on A-W A-W2 B-X FREE ADM NOPE: %s, expected %s", who,
		         kr_access_action_name(a), got, want);
}

static void verdicts_on_cases(void **state)
{
	/* role x action -> the verdict per case, written out independently of
	 * the library's table (docs/security.md "Who may do what") */
	static const struct {
		int role;   /* 0 worker, 1 lead, 2 analyst, 3 admin, 4 lead without team */
		enum kr_access_action a;
		const char *want;
	} rows[] = {
		{ 0, KR_ACCESS_READ, "AHHHHH" }, { 0, KR_ACCESS_WRITE, "AHHHHH" },
		{ 0, KR_ACCESS_EXPORT, "AHHHHH" }, { 0, KR_ACCESS_SHARE, "AHHHHH" },
		{ 0, KR_ACCESS_ASSIGN, "FFFFFF" }, { 0, KR_ACCESS_CASE_AUDIT, "FFFFFF" },
		{ 1, KR_ACCESS_READ, "AAHHHH" }, { 1, KR_ACCESS_WRITE, "AAHHHH" },
		{ 1, KR_ACCESS_EXPORT, "AAHHHH" }, { 1, KR_ACCESS_SHARE, "AAHHHH" },
		{ 1, KR_ACCESS_ASSIGN, "AAHAHH" }, { 1, KR_ACCESS_CASE_AUDIT, "AAHHHH" },
		{ 2, KR_ACCESS_READ, "FFFFFF" }, { 2, KR_ACCESS_WRITE, "FFFFFF" },
		{ 2, KR_ACCESS_EXPORT, "FFFFFF" }, { 2, KR_ACCESS_SHARE, "FFFFFF" },
		{ 2, KR_ACCESS_ASSIGN, "FFFFFF" }, { 2, KR_ACCESS_CASE_AUDIT, "FFFFFF" },
		{ 3, KR_ACCESS_READ, "HHHHAH" }, { 3, KR_ACCESS_WRITE, "HHHHAH" },
		{ 3, KR_ACCESS_EXPORT, "HHHHAH" }, { 3, KR_ACCESS_SHARE, "HHHHAH" },
		{ 3, KR_ACCESS_ASSIGN, "AAAAAH" }, { 3, KR_ACCESS_CASE_AUDIT, "AAAAAH" },
		/* a lead without a team: only what is assigned to them (nothing
		 * here), plus assigning cases nobody has */
		{ 4, KR_ACCESS_READ, "HHHHHH" }, { 4, KR_ACCESS_ASSIGN, "HHHAHH" },
		{ 4, KR_ACCESS_CASE_AUDIT, "HHHHHH" },
	};
	static const char *const names[] = { "worker", "lead", "analyst", "admin", "lead-noteam" };
	struct world w;
	(void)state;

	build(&w);
	const struct kr_user *who[] = { &w.worker, &w.lead, &w.analyst, &w.admin, &w.lead_noteam };
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		expect(w.s, names[rows[i].role], who[rows[i].role], rows[i].a, rows[i].want);
	/* the lead without a team on a case assigned to them */
	assert_int_equal(kr_assignment_add(w.s, "B-X", "leo", T0, NULL), KR_OK);
	expect(w.s, "lead-noteam", &w.lead_noteam, KR_ACCESS_READ, "HHAHHH");
	expect(w.s, "lead-noteam", &w.lead_noteam, KR_ACCESS_ASSIGN, "HHAAHH");
	kr_store_close(w.s);
}

static void verdicts_without_case(void **state)
{
	static const enum kr_access_action acts[] = {
		KR_ACCESS_LIST, KR_ACCESS_CREATE, KR_ACCESS_FIGURES, KR_ACCESS_USERS, KR_ACCESS_AUDIT
	};
	/* per role, in the order of acts */
	static const char *const want[] = { "AAFFF", "AAAFF", "FFAFF", "AFAAA" };
	struct world w;
	(void)state;

	build(&w);
	const struct kr_user *who[] = { &w.worker, &w.lead, &w.analyst, &w.admin };
	for (int r = 0; r < 4; r++) {
		char got[6];
		for (int i = 0; i < 5; i++) {
			/* the ref is ignored for these */
			got[i] = letter(kr_access_decide(w.s, who[r], "A-W", acts[i], NULL));
			assert_int_equal(kr_access_decide(w.s, who[r], NULL, acts[i], NULL),
			                 kr_access_decide(w.s, who[r], "A-W", acts[i], NULL));
		}
		got[5] = '\0';
		if (strcmp(got, want[r]) != 0)
			fail_msg("role %d on list create figures users audit: %s, expected %s", r, got,
			         want[r]);
	}
	kr_store_close(w.s);
}

static void fails_closed(void **state)
{
	struct world w;
	struct kr_user stale, ghost;
	const char *reason;
	(void)state;

	build(&w);
	/* no user, an unknown action */
	assert_int_equal(kr_access_decide(w.s, NULL, "A-W", KR_ACCESS_READ, NULL),
	                 KR_ACCESS_HIDDEN);
	assert_int_equal(kr_access_decide(w.s, NULL, NULL, KR_ACCESS_CREATE, NULL),
	                 KR_ACCESS_FORBIDDEN);
	assert_int_equal(kr_access_decide(w.s, &w.worker, "A-W", (enum kr_access_action)99, NULL),
	                 KR_ACCESS_FORBIDDEN);
	/* a case action without a case */
	assert_int_equal(kr_access_decide(w.s, &w.worker, NULL, KR_ACCESS_READ, NULL),
	                 KR_ACCESS_HIDDEN);
	assert_int_equal(kr_access_decide(w.s, &w.worker, "", KR_ACCESS_READ, NULL),
	                 KR_ACCESS_HIDDEN);
	/* a user that does not exist (any more) */
	ghost = w.worker;
	ghost.id = 9999;
	assert_int_equal(kr_access_decide(w.s, &ghost, "A-W", KR_ACCESS_READ, NULL),
	                 KR_ACCESS_HIDDEN);
	/* disabled: nothing, even through a stale copy that says enabled */
	stale = w.worker;
	assert_int_equal(kr_account_set_disabled(w.s, "wim", true, T0, NULL), KR_OK);
	for (int a = 0; a < KR_ACCESS__N; a++)
		assert_int_not_equal(kr_access_decide(w.s, &stale, "A-W", (enum kr_access_action)a,
		                                      &reason), KR_ACCESS_ALLOWED);
	assert_int_equal(kr_access_decide(w.s, &stale, "A-W", KR_ACCESS_READ, &reason),
	                 KR_ACCESS_HIDDEN);
	assert_int_equal(kr_access_decide(w.s, &stale, NULL, KR_ACCESS_LIST, &reason),
	                 KR_ACCESS_FORBIDDEN);
	assert_int_equal(kr_account_set_disabled(w.s, "wim", false, T0, NULL), KR_OK);
	/* a role change counts at once, whatever the caller's copy says */
	assert_int_equal(kr_account_set_role(w.s, "wil", KR_ACCOUNT_ANALYST, "", T0, NULL), KR_OK);
	stale = w.worker;
	stale.id = w.worker.id + 1;   /* wil as it was read before: a worker */
	assert_int_equal(kr_access_decide(w.s, &stale, "A-W2", KR_ACCESS_READ, NULL),
	                 KR_ACCESS_FORBIDDEN);
	/* wil left team a, so its case left the lead's team scope */
	assert_int_equal(kr_access_decide(w.s, &w.lead, "A-W2", KR_ACCESS_READ, NULL),
	                 KR_ACCESS_HIDDEN);
	/* ending the assignment takes the access away */
	assert_int_equal(kr_assignment_remove(w.s, "A-W", "wim", NULL), KR_OK);
	assert_int_equal(kr_access_decide(w.s, &w.worker, "A-W", KR_ACCESS_READ, NULL),
	                 KR_ACCESS_HIDDEN);
	kr_store_close(w.s);
}

static void capabilities(void **state)
{
	/* the scopes per role, action by action (kr_access_action order) */
	static const char *const want[4][KR_ACCESS__N] = {
		{ "own", "own", "own", "own", "none", "none", "all", "all", "none", "none", "none",
		  "none" },
		{ "team", "team", "team", "team", "team+unassigned", "team", "all", "all", "all",
		  "none", "none", "team" },
		{ "none", "none", "none", "none", "none", "none", "none", "none", "all", "none",
		  "none", "none" },
		{ "own", "own", "own", "own", "any", "any", "all", "none", "all", "all", "all",
		  "none" },
	};
	static const char *const actions[KR_ACCESS__N] = {
		"read", "write", "export", "share", "assign", "case_audit", "list", "create",
		"figures", "users", "audit", "team_figures"
	};
	struct kr_user u;
	(void)state;

	memset(&u, 0, sizeof u);
	for (int r = 0; r < KR_ACCOUNT_ROLES; r++) {
		u.role = (enum kr_account_role)r;
		u.disabled = false;
		for (int a = 0; a < KR_ACCESS__N; a++) {
			enum kr_access_scope sc = kr_access_scope(&u, (enum kr_access_action)a);
			assert_string_equal(kr_access_action_name((enum kr_access_action)a), actions[a]);
			if (strcmp(kr_access_scope_name(sc), want[r][a]) != 0)
				fail_msg("%s may %s: %s, expected %s", kr_account_role_name(u.role),
				         actions[a], kr_access_scope_name(sc), want[r][a]);
			/* a scope is allowed exactly when the verdict can be */
			assert_int_equal(kr_access_on_case((enum kr_access_action)a), a <= 5);
		}
		u.disabled = true;
		for (int a = 0; a < KR_ACCESS__N; a++)
			assert_int_equal(kr_access_scope(&u, (enum kr_access_action)a), KR_SCOPE_NONE);
	}
	assert_int_equal(kr_access_scope(NULL, KR_ACCESS_READ), KR_SCOPE_NONE);
	u.disabled = false;
	assert_int_equal(kr_access_scope(&u, (enum kr_access_action)-1), KR_SCOPE_NONE);
	assert_string_equal(kr_access_action_name((enum kr_access_action)KR_ACCESS__N), "?");
	assert_string_equal(kr_access_scope_name((enum kr_access_scope)42), "?");
}

static void visible_cases(void **state)
{
	struct world w;
	char **refs = NULL;
	size_t n = 0;
	(void)state;

	build(&w);
	assert_int_equal(kr_access_visible_cases(w.s, &w.worker, &refs, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0], "A-W");
	kr_assignment_list_free(refs, n);
	assert_int_equal(kr_access_visible_cases(w.s, &w.lead, &refs, &n, NULL), KR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(refs[0], "A-W");
	assert_string_equal(refs[1], "A-W2");
	kr_assignment_list_free(refs, n);
	assert_int_equal(kr_access_visible_cases(w.s, &w.analyst, &refs, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	assert_null(refs);
	assert_int_equal(kr_access_visible_cases(w.s, &w.admin, &refs, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0], "ADM");
	kr_assignment_list_free(refs, n);
	assert_int_equal(kr_access_visible_cases(w.s, &w.lead_noteam, &refs, &n, NULL), KR_OK);
	assert_int_equal(n, 0);
	/* every visible case is readable, every other one hidden */
	{
		const struct kr_user *who[] = { &w.worker, &w.lead, &w.admin };
		for (int k = 0; k < 3; k++) {
			assert_int_equal(kr_access_visible_cases(w.s, who[k], &refs, &n, NULL), KR_OK);
			for (int i = 0; i < NCASES; i++) {
				bool listed = false;
				for (size_t j = 0; j < n; j++)
					listed |= strcmp(refs[j], cases[i]) == 0;
				assert_int_equal(listed, kr_access_decide(w.s, who[k], cases[i],
				                 KR_ACCESS_READ, NULL) == KR_ACCESS_ALLOWED);
			}
			kr_assignment_list_free(refs, n);
		}
	}
	kr_store_close(w.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(verdicts_on_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(verdicts_without_case, setup, teardown),
		cmocka_unit_test_setup_teardown(fails_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(capabilities, setup, teardown),
		cmocka_unit_test_setup_teardown(visible_cases, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
