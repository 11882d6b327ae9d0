/*
 * access.c - the access decision of access.h: the rule table, the verdict
 * and the visible cases.
 *
 * One table (role x action -> scope) and one SQL predicate for "in the
 * user's scope" (IN_SCOPE below) serve the decision on one case, the list
 * of visible cases and the capabilities, so the three cannot disagree.
 * The decision asks one cached statement three questions at once: does the
 * case exist, is it in the user's own/team scope, is anybody assigned.
 */
#include <string.h>

#include "account_int.h"
#include "assignment_int.h"
#include "kring/access.h"
#include "store_int.h"

#define N KR_SCOPE_NONE
#define O KR_SCOPE_OWN
#define T KR_SCOPE_TEAM
#define TU KR_SCOPE_TEAM_UNASSIGNED
#define Y KR_SCOPE_ANY
#define A KR_SCOPE_ALL

/* The rule table of access.h (docs/security.md shows it too). */
static const unsigned char rules[KR_ACCESS__N][KR_ACCOUNT_ROLES] = {
	/*                        worker lead analyst admin */
	[KR_ACCESS_READ]       = { O,    T,   N,      O },
	[KR_ACCESS_WRITE]      = { O,    T,   N,      O },
	[KR_ACCESS_EXPORT]     = { O,    T,   N,      O },
	[KR_ACCESS_SHARE]      = { O,    T,   N,      O },
	[KR_ACCESS_ASSIGN]     = { N,    TU,  N,      Y },
	[KR_ACCESS_CASE_AUDIT] = { N,    T,   N,      Y },
	[KR_ACCESS_LIST]       = { A,    A,   N,      A },
	[KR_ACCESS_CREATE]     = { A,    A,   N,      N },
	[KR_ACCESS_FIGURES]    = { N,    A,   A,      A },
	[KR_ACCESS_USERS]      = { N,    N,   N,      A },
	[KR_ACCESS_AUDIT]      = { N,    N,   N,      A },
	[KR_ACCESS_TEAM_FIGURES] = { N,  T,   N,      N },
};

#undef N
#undef O
#undef T
#undef TU
#undef Y
#undef A

/* Case `ref` (an SQL expression) is assigned to user ?2, or to anyone in
 * team ?4 when ?3 is true. */
#define IN_SCOPE(ref) \
	"EXISTS (SELECT 1 FROM assignments a JOIN users v ON v.id = a.user_id " \
	"WHERE a.case_ref = " ref " AND (a.user_id = ?2 OR (?3 AND v.team = ?4)))"

static const char *const action_names[KR_ACCESS__N] = {
	"read", "write", "export", "share", "assign", "case_audit", "list", "create", "figures",
	"users", "audit", "team_figures",
};

static const char *const scope_names[] = {
	"none", "own", "team", "team+unassigned", "any", "all",
};

const char *kr_access_action_name(enum kr_access_action a)
{
	return (unsigned)a < KR_ACCESS__N ? action_names[a] : "?";
}

const char *kr_access_scope_name(enum kr_access_scope sc)
{
	return (unsigned)sc < sizeof scope_names / sizeof *scope_names ? scope_names[sc] : "?";
}

bool kr_access_on_case(enum kr_access_action a)
{
	return (unsigned)a <= KR_ACCESS_CASE_AUDIT;
}

enum kr_access_scope kr_access_scope(const struct kr_user *u, enum kr_access_action a)
{
	if (!u || u->disabled || (unsigned)a >= KR_ACCESS__N || (unsigned)u->role >= KR_ACCOUNT_ROLES)
		return KR_SCOPE_NONE;
	return (enum kr_access_scope)rules[a][u->role];
}

/* Binds the user's part of IN_SCOPE (?2, ?3, ?4) for scope sc. */
static void bind_user(sqlite3_stmt *st, const struct kr_user *u, enum kr_access_scope sc)
{
	bool team = (sc == KR_SCOPE_TEAM || sc == KR_SCOPE_TEAM_UNASSIGNED) && u->team[0];
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int(st, 3, team);
	sqlite3_bind_text(st, 4, u->team, -1, SQLITE_TRANSIENT);
}

static enum kr_access_verdict verdict(enum kr_access_verdict v, const char *why,
                                      const char **reason)
{
	if (reason)
		*reason = why;
	return v;
}

enum kr_access_verdict kr_access_decide(struct kr_store *s, const struct kr_user *u,
                                        const char *ref, enum kr_access_action a,
                                        const char **reason)
{
	enum kr_access_verdict closed = kr_access_on_case(a) ? KR_ACCESS_HIDDEN
	                                                     : KR_ACCESS_FORBIDDEN;
	enum kr_access_scope sc;
	struct kr_user cur;
	sqlite3_stmt *st;
	int exists, mine, anyone;

	if ((unsigned)a >= KR_ACCESS__N)
		return verdict(KR_ACCESS_FORBIDDEN, "unknown action", reason);
	if (!kri_account_current(s, u, &cur))
		return verdict(closed, "no such account, or it is disabled", reason);
	sc = kr_access_scope(&cur, a);
	if (sc == KR_SCOPE_NONE)
		return verdict(KR_ACCESS_FORBIDDEN, "not allowed for this role", reason);
	if (!kr_access_on_case(a))
		return verdict(KR_ACCESS_ALLOWED, "allowed for this role", reason);
	if (!ref || !*ref)
		return verdict(KR_ACCESS_HIDDEN, "no case named", reason);
	st = kri_store_stmt(s, "SELECT EXISTS (SELECT 1 FROM cases WHERE ref = ?1), "
	                    IN_SCOPE("?1") ", EXISTS (SELECT 1 FROM assignments "
	                    "WHERE case_ref = ?1)");
	if (!st)
		return verdict(KR_ACCESS_HIDDEN, "the database could not decide", reason);
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	bind_user(st, &cur, sc);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return verdict(KR_ACCESS_HIDDEN, "the database could not decide", reason);
	}
	exists = sqlite3_column_int(st, 0);
	mine = sqlite3_column_int(st, 1);
	anyone = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	if (!exists)
		return verdict(KR_ACCESS_HIDDEN, "no such case", reason);
	if (sc == KR_SCOPE_ANY)
		return verdict(KR_ACCESS_ALLOWED, "allowed on every case for this role", reason);
	if (mine)
		return verdict(KR_ACCESS_ALLOWED, sc == KR_SCOPE_OWN ? "assigned to you"
		               : "assigned to you or your team", reason);
	if (sc == KR_SCOPE_TEAM_UNASSIGNED && !anyone)
		return verdict(KR_ACCESS_ALLOWED, "assigned to nobody yet", reason);
	return verdict(KR_ACCESS_HIDDEN, sc == KR_SCOPE_OWN ? "not assigned to you"
	               : "not assigned to you or your team", reason);
}

enum kr_status kr_access_visible_cases(struct kr_store *s, const struct kr_user *u,
                                       char ***out, size_t *n, struct kr_error *err)
{
	enum kr_access_scope sc;
	enum kr_status rc;
	struct kr_user cur;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (!kri_account_current(s, u, &cur) ||
	    (sc = kr_access_scope(&cur, KR_ACCESS_READ)) == KR_SCOPE_NONE)
		return KR_OK;
	if ((rc = kri_stmt(s, "SELECT c.ref FROM cases c WHERE ?1 OR " IN_SCOPE("c.ref")
	                   " ORDER BY c.ref", &st, err)))
		return rc;
	sqlite3_bind_int(st, 1, sc == KR_SCOPE_ANY);
	bind_user(st, &cur, sc);
	return kri_assignment_strings(s, st, out, n, err);
}

enum kr_status kr_access_report_scope(struct kr_store *s, const struct kr_user *u,
                                      const char *team, struct kr_report_query *q,
                                      char ***cases, size_t *ncases, struct kr_error *err)
{
	struct kr_user cur;
	enum kr_status rc;
	bool lead;

	*cases = NULL;
	*ncases = 0;
	if (!kri_account_current(s, u, &cur) || kr_access_scope(&cur, KR_ACCESS_FIGURES) == KR_SCOPE_NONE)
		return kr_error_say(err, KR_EPERM, "Je mag geen cijfers zien.",
		                    "You may not see figures.");
	lead = kr_access_scope(&cur, KR_ACCESS_TEAM_FIGURES) != KR_SCOPE_NONE;
	if (team && (!lead || strcmp(team, u->team) != 0))
		return kr_error_say(err, KR_EPERM,
		                    "Cijfers per team zijn er alleen voor de teamleider van dat team.",
		                    "Figures per team are only for that team's lead.");
	if (!lead || q->kind != KR_REPORT_MONITOR)
		return KR_OK;
	if ((rc = kr_access_visible_cases(s, &cur, cases, ncases, err)))
		return rc;
	q->team = u->team;
	q->user = u->name;
	q->names = true;
	q->restrict_cases = true;
	q->cases = *cases;
	q->ncases = *ncases;
	return KR_OK;
}
