/*
 * process.h - a meeting that is a process, and where it stands on a day.
 * An Eigen Kracht-conferentie or Familie Netwerk Beraad goes through the
 * phases of meetings[].process (a coordinator is found, prepares it with
 * the family, information, the family's private time, the plan presented
 * and accepted); an action team meeting of Prima Pleegzorg follows the
 * parents' future plan and the forming of the action team that carries it
 * (plan.future_plan, plan.action_team).  Which step a meeting is in now,
 * which comes next and which invitation fits are computed here once; the
 * case summary serialises the answer and the browser shows it
 * (docs/case-format.md, docs/foster-families.md).  So is who is invited by
 * default to a new meeting of a type: the informal network, or the action
 * team for an action team meeting.
 */
#ifndef KRING_PROCESS_H
#define KRING_PROCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/case.h"

/* The kind of process a meeting is: none, a conference (meetings[].process,
 * or any family group conference), or an action team meeting. */
enum kr_process_kind { KR_PROCESS_NONE, KR_PROCESS_CONFERENCE, KR_PROCESS_ACTION_TEAM };

/* The invitation that fits the step a meeting is in: a plain one, one for
 * the preparation (naming the independent coordinator), one for the
 * conference itself (information, private time, the plan), or one for the
 * action team (naming the team and the future plan). */
enum kr_invitation { KR_INVITE_MEETING, KR_INVITE_PREPARATION, KR_INVITE_CONFERENCE,
	KR_INVITE_ACTION_TEAM };

#define KR_PROCESS_MAX_STEPS 6

/* One step: its key ("preparation", "future_plan"; static), its recorded
 * date (unset: not recorded) and whether it has happened by the day asked
 * (a date whose first day is on or before it). */
struct kr_process_step {
	const char *key;
	struct kr_date date;
	bool done;
};

struct kr_process {
	enum kr_process_kind kind;
	struct kr_process_step step[KR_PROCESS_MAX_STEPS];
	size_t nsteps;
	int current;   /* the step it is in now: the last one done; -1 none yet */
	int next;      /* the step after current; -1 when the last is done */
	enum kr_invitation invitation;
};

/* Where meeting m of case c stands on day as_of (a day number), written to
 * *out.  Conference steps: coordinator, preparation, information,
 * private_time, plan_presented, plan_accepted (KR_PHASE_x order); action
 * team steps: future_plan, action_team (formed), meeting (its date).  A
 * meeting that is no process has kind KR_PROCESS_NONE, no steps and the
 * plain invitation.  Cannot fail; m must be a valid index. */
void kr_process_of(const struct kr_case *c, size_t m, long as_of, struct kr_process *out);

/* "none", "conference", "action_team" (static). */
const char *kr_process_kind_name(enum kr_process_kind k);

/* "meeting", "preparation", "conference", "action_team" (static). */
const char *kr_invitation_name(enum kr_invitation i);

/* The process as a jansson object (json_t *, a new reference): {"meeting",
 * "kind", "steps": [{"key", "date", "done"}], "current", "next",
 * "invitation"}, current and next as step keys or null.  NULL when out of
 * memory. */
void *kr_process_json(const struct kr_process *p, const char *meeting_id);

/* Who is invited by default to a new meeting of type t of case c planned on
 * day as_of, the list the browser ticks for the worker: for an action team
 * meeting (KR_MEET_ACTION_TEAM) the members of plan.action_team alive on
 * as_of, in the team's order (none when the plan has no team yet); for any
 * other type (and KR_MEET_NONE) everyone alive on as_of who is not a
 * professional (kr_case_person_professional), the child among them, in the
 * case's order ("as large as possible").  Writes person indices to out,
 * which has room for c->npersons, and returns how many.  Cannot fail. */
size_t kr_process_invite_default(const struct kr_case *c, enum kr_meeting_type t, long as_of,
                                 int *out);

/* The name of the rule kr_process_invite_default applies to type t:
 * "action_team" (the team's members) or "network" (the informal network).
 * Static. */
const char *kr_process_invite_rule(enum kr_meeting_type t);

/* For every meeting type, the default invitation of a new meeting of case c
 * on day as_of, as a jansson object (json_t *, a new reference):
 * {"<type>": {"rule": "network"|"action_team", "persons": [person id]}},
 * keyed by the type's name (diy, family_group_conference, ...,
 * action_team).  NULL when out of memory. */
void *kr_process_invite_json(const struct kr_case *c, long as_of);

#endif
