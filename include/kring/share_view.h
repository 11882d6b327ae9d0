/*
 * share_view.h - what a share link shows its holder (docs/api.md "Share
 * links"): the family's view of one case, built field by field from the
 * model for one person and the scopes the worker chose when making the
 * link.  Nothing marked "professionals only" (an agreement or a concern
 * with visibility "professionals") is ever part of it, whatever the scopes.
 *
 * Scopes: own (the holder's own tasks and wishes), goals, safety (the
 * safety plan, the family's worries and whom to call when worried),
 * meeting (the next meeting, and the action team's last and next one),
 * plan (every agreement and wish of the plan that is for everyone).  The
 * future plan goes with goals or plan, the action team with plan or
 * meeting.  A link made without a choice shows own, goals and
 * safety.  The contact person (the foster care worker or guardian of the
 * case) and who looked at the file are always shown.
 *
 * The scopes of a link live in the table share_scopes
 * (lib/sql/003_share_scopes.sql); the links themselves are share.h's.
 */
#ifndef KRING_SHARE_VIEW_H
#define KRING_SHARE_VIEW_H

#include <stdbool.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/store.h"

enum kr_share_scope {
	KR_SHARE_OWN,        /* the holder's own tasks and wishes */
	KR_SHARE_GOALS,      /* the goals of the plan */
	KR_SHARE_SAFETY,     /* the safety plan, worries, whom to call */
	KR_SHARE_MEETING,    /* the next meeting */
	KR_SHARE_PLAN,       /* every agreement and wish that is for everyone */
	KR_SHARE__N
};
#define KR_SHARE_BIT(sc) (1u << (sc))
#define KR_SHARE_DEFAULT (KR_SHARE_BIT(KR_SHARE_OWN) | KR_SHARE_BIT(KR_SHARE_GOALS) | \
                          KR_SHARE_BIT(KR_SHARE_SAFETY))
#define KR_SHARE_ALL ((1u << KR_SHARE__N) - 1)

/* "own", "goals", "safety", "meeting", "plan"; "" out of range.  Static. */
const char *kr_share_scope_name(enum kr_share_scope sc);

/* What the scope shows, for the worker choosing it ("Eigen taken en
 * wensen", "Own tasks and wishes").  Static; "" out of range. */
const char *kr_share_scope_label(enum kr_share_scope sc, enum kr_lang lang);

/* The scope named name, or -1. */
int kr_share_scope_parse(const char *name);

/* The scopes as a jansson array of names (json_t *, new reference; NULL out
 * of memory), in the order of the enumeration. */
void *kr_share_scopes_json(unsigned scopes);

/* Every scope with its labels, for GET /api/meta (json_t *, new
 * reference): [{"name", "nl", "en", "default": true|false}]. */
void *kr_share_scopes_meta_json(void);

/* Stores the scopes of share link `link` (a bit set of KR_SHARE_BIT(),
 * not empty, only known bits: else KR_EINVAL), replacing what it had.
 * Takes part in the open transaction, so a link and its scopes are made
 * together.  KR_EDB. */
enum kr_status kr_share_scopes_set(struct kr_store *s, long long link, unsigned scopes,
                                   struct kr_error *err);

/* The scopes of share link `link` in *scopes: what was stored, or
 * KR_SHARE_DEFAULT for a link that has none stored.  KR_EDB. */
enum kr_status kr_share_scopes_get(struct kr_store *s, long long link, unsigned *scopes,
                                   struct kr_error *err);

/* kr_share_view_json: the view of case c for the holder `person` (a person
 * id of c) with scopes, on day as_of, as a jansson object (json_t *, a new
 * reference; NULL out of memory):
 *   {"ref", "child": {"name"}, "person": {"id", "name"}, "scopes": [...],
 *    "my_tasks": [agreement], "agreements": [agreement], "wishes": [wish],
 *    "goals": [goal], "safety": {...} or null, "next_meeting": {...} or null,
 *    "contact": [{"id", "name", "role"}], "future_plan": {...} or null,
 *    "action_team": {...} or null}
 * agreement = {"id", "goal", "who": [{"id", "name"}], "what", "when", "due",
 * "if_not", "status", "mine", "overdue"} (overdue: open and due before
 * as_of, kr_plan_agreement_overdue); wish = {"id", "by_name", "date", "text",
 * "response"}; goal = {"id", "text", "indicator"}; safety = {"text",
 * "concerns": [text], "worry_route": {"text", "call": [{"id", "name",
 * "role"}]} or null}; next_meeting = {"id", "date", "time", "place",
 * "type", "continuum"} (the first on or after as_of); future_plan (scope
 * goals or plan) = {"date", "made_by": [{"id", "name"}], "text", "goals":
 * [text]}; action_team (scope plan or meeting) = {"formed", "members":
 * [{"id", "name", "role"}] (alive on as_of), "last_meeting", "next_meeting"}
 * with the meetings of type action_team before as_of and on or after it as
 * {"id", "date", "time", "place"} (scope meeting; else null).  Either is
 * null when the plan has none.  A scope that is off
 * leaves its list empty and its object null.  An agreement or concern that
 * is for professionals only is left out always, also from my_tasks.
 * Names appear only where the view needs them; no birth dates, ties,
 * placements or notes.  Borrows c. */
void *kr_share_view_json(const struct kr_case *c, const char *person, unsigned scopes,
                         long as_of);

/* Is the holder `person` of a link still one of the persons of case c, so
 * the link may add to its plan?  KR_OK; KR_EPERM ("you are no longer part
 * of this plan", in err's language) when the person was removed from the
 * case after the link was made.  Borrows c. */
enum kr_status kr_share_view_holder_in_case(const struct kr_case *c, const char *person,
                                            struct kr_error *err);

/* The wish a holder `person` writes through a link on day as_of, as the
 * item to add to plan.wishes: {"by": person, "date": as_of, "text"} in
 * *out (compact JSON, caller frees).  Leading blanks are dropped; an empty
 * text is KR_EINVAL with the detail "text: write down your wish" (in err's
 * language).  The longest text is the library's limit, checked when the
 * item is added (kr_case_edit).  KR_ENOMEM.  *out NULL on failure. */
enum kr_status kr_share_view_wish_item(const char *person, const char *text, long as_of,
                                       char **out, struct kr_error *err);

/* May the holder `person` mark agreement `id` of case c done through a
 * link with scopes?  KR_OK when the holder is one of its `who` and the view
 * shows it (own tasks or the whole plan); KR_ENOTFOUND when there is no
 * such agreement or it is for professionals only (the holder cannot tell
 * the two apart); KR_EPERM when it is somebody else's, or the link does
 * not show the holder's tasks.  Messages in err's language. */
enum kr_status kr_share_view_may_mark_done(const struct kr_case *c, const char *person,
                                           unsigned scopes, const char *id,
                                           struct kr_error *err);

/* Who looked at case ref, for its share view: the audit trail of the case,
 * newest first, at most max rows, failed accesses left out, each
 * {"who", "at", "action"} with a link holder named by kr_diff_author() from
 * case c.  *out is a jansson array (json_t *, new reference).  KR_EDB,
 * KR_ENOMEM; *out NULL on failure. */
enum kr_status kr_share_viewed_by_json(struct kr_store *s, const struct kr_case *c,
                                       const char *ref, size_t max, void **out,
                                       struct kr_error *err);

#endif
