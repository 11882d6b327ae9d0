/*
 * access.h - the access decision: who may do what, from one rule table.
 *
 * Every front door asks here and serialises the answer; none re-derives it.
 * The table gives, per role and action, a scope:
 *
 *   action            worker  lead               analyst  admin
 *   read              own     team               none     own
 *   write             own     team               none     own
 *   export            own     team               none     own
 *   share             own     team               none     own
 *   assign            none    team+unassigned    none     any
 *   case_audit        none    team               none     any
 *   list              all     all                none     all
 *   create            all     all                none     none
 *   figures           none    all                all      all
 *   users             none    none               none     all
 *   audit             none    none               none     all
 *   team_figures      none    team               none     none
 *
 * own: cases assigned to the user; team: cases assigned to the user or to
 * anyone in the user's team (a lead without a team: to the user); +unassigned:
 * also cases nobody is assigned to yet; any: every case; all: allowed (an
 * action without a case).  The first six actions are on one case, the rest
 * on none.  A disabled user may do nothing.
 *
 * A decision is a verdict with a reason for the audit trail:
 *   KR_ACCESS_ALLOWED    go ahead;
 *   KR_ACCESS_FORBIDDEN  the role may never do this, whatever the case
 *                        (HTTP 403: saying so reveals nothing about a case);
 *   KR_ACCESS_HIDDEN     the case does not exist or is outside the user's
 *                        scope (HTTP 404: it must look as if it did not exist).
 * The decision reads the user again from the database (a role change or a
 * disabled account counts at once) and fails closed: an error is HIDDEN
 * for a case action and FORBIDDEN otherwise.
 *
 * Capabilities are the same table seen from one user: kr_access_scope()
 * for every action, which the server returns with the session so the
 * browser shows what the user may do instead of guessing from the role.
 */
#ifndef KRING_ACCESS_H
#define KRING_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/error.h"
#include "kring/report.h"
#include "kring/store.h"

enum kr_access_action {
	/* on one case (ref required) */
	KR_ACCESS_READ = 0,     /* read a case, its history, signals, pictures, assignees */
	KR_ACCESS_WRITE,        /* change a case */
	KR_ACCESS_EXPORT,       /* export or print a case */
	KR_ACCESS_SHARE,        /* make, list or revoke share links of a case */
	KR_ACCESS_ASSIGN,       /* assign users to a case */
	KR_ACCESS_CASE_AUDIT,   /* read the audit trail of a case */
	/* on no case (ref ignored) */
	KR_ACCESS_LIST,         /* list the cases one may read */
	KR_ACCESS_CREATE,       /* create a new case */
	KR_ACCESS_FIGURES,      /* see the figures without persons */
	KR_ACCESS_USERS,        /* manage accounts */
	KR_ACCESS_AUDIT,        /* read and verify the whole audit trail */
	KR_ACCESS_TEAM_FIGURES  /* the monitor of one's own team, with the caseload
	                           and the children's names */
};
#define KR_ACCESS__N 12

enum kr_access_scope {
	KR_SCOPE_NONE = 0,           /* never */
	KR_SCOPE_OWN,                /* cases assigned to the user */
	KR_SCOPE_TEAM,               /* ... or to anyone in the user's team */
	KR_SCOPE_TEAM_UNASSIGNED,    /* ... or to nobody yet */
	KR_SCOPE_ANY,                /* every case */
	KR_SCOPE_ALL                 /* an action on no case: allowed */
};

enum kr_access_verdict {
	KR_ACCESS_ALLOWED = 0,
	KR_ACCESS_FORBIDDEN,   /* 403: not for this role */
	KR_ACCESS_HIDDEN       /* 404: no such case, or not one of the user's */
};

/* "read", "write", "export", "share", "assign", "case_audit", "list",
 * "create", "figures", "users", "audit", "team_figures"; "?" for anything
 * else.  Static. */
const char *kr_access_action_name(enum kr_access_action a);

/* "none", "own", "team", "team+unassigned", "any", "all".  Static. */
const char *kr_access_scope_name(enum kr_access_scope sc);

/* True for the actions on one case (read .. case_audit). */
bool kr_access_on_case(enum kr_access_action a);

/* The scope in which user u may do action a, by the rule table, from u as
 * given (no database): KR_SCOPE_NONE for a NULL or disabled user and an
 * unknown action.  The capabilities of u are this for every action. */
enum kr_access_scope kr_access_scope(const struct kr_user *u, enum kr_access_action a);

/* The access decision: may user u do action a (on case ref, for the case
 * actions)?  Reads u again from s.  *reason (may be NULL) receives a short
 * static English sentence for the audit trail ("not assigned to you or
 * your team", "not allowed for this role", ...), which names no person.
 * Fails closed (see above).  One thread at a time per store. */
enum kr_access_verdict kr_access_decide(struct kr_store *s, const struct kr_user *u,
                                        const char *ref, enum kr_access_action a,
                                        const char **reason);

/* The refs of the cases user u may read, by the same table and the same
 * reading of u, ordered by ref: *out is a malloc'd array of *n strings,
 * freed with kr_assignment_list_free() (NULL and 0 when none).  KR_EDB or
 * KR_ENOMEM on failure. */
enum kr_status kr_access_visible_cases(struct kr_store *s, const struct kr_user *u,
                                       char ***out, size_t *n, struct kr_error *err);

/* The part of the figures user u may see, written into report query q
 * (q->kind set by the caller).  team: the team asked for, or NULL.
 *   - with team_figures (a lead), the monitor is the monitor of the user's
 *     team, with the caseload and the children's names, over the cases
 *     the user may read (kr_access_visible_cases);
 *   - everybody else with the figures capability gets the organisation's
 *     figures without names;
 *   - figures per team are for that team's lead only: asking for another
 *     team, or for a team without team_figures, is KR_EPERM (said in Dutch
 *     and English; nothing about the team is revealed).
 * Reads u again from s.  *cases receives the refs q->cases points to: free
 * them with kr_assignment_list_free(*cases, *ncases) after the report is
 * computed (NULL and 0 when none).  KR_EPERM for a user without the
 * figures capability, KR_EDB or KR_ENOMEM on failure. */
enum kr_status kr_access_report_scope(struct kr_store *s, const struct kr_user *u,
                                      const char *team, struct kr_report_query *q,
                                      char ***cases, size_t *ncases, struct kr_error *err);

#endif
