/*
 * process.c - where a meeting that is a process stands (process.h): the
 * steps with their dates from meetings[].process or from the plan's future
 * plan and action team, the step it is in on a day, the next one, and the
 * invitation that fits, and who is invited by default to a new meeting of
 * a type.  The one place this is decided; the summary serialises it for
 * the browser.
 */
#include <stdlib.h>

#include <jansson.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/process.h"

static const char *const phase_keys[KR_PHASE__N] = { "coordinator", "preparation",
	"information", "private_time", "plan_presented", "plan_accepted" };

/* True when meeting m records anything of meetings[].process. */
static bool has_process(const struct kr_meeting *m)
{
	for (int k = 0; k < KR_PHASE__N; k++)
		if (kr_date_valid(m->phase[k]))
			return true;
	return m->nasked > 0 || m->ncoming > 0;
}

static void add(struct kr_process *p, const char *key, struct kr_date d)
{
	struct kr_process_step *s = &p->step[p->nsteps++];
	s->key = key;
	s->date = d;
	s->done = false;
}

void kr_process_of(const struct kr_case *c, size_t m, long as_of, struct kr_process *out)
{
	const struct kr_meeting *mt = &c->meetings[m];

	*out = (struct kr_process){ .kind = KR_PROCESS_NONE, .current = -1, .next = -1,
	                            .invitation = KR_INVITE_MEETING };
	if (mt->type == KR_MEET_ACTION_TEAM) {
		out->kind = KR_PROCESS_ACTION_TEAM;
		add(out, "future_plan", c->plan.future_date);
		add(out, "action_team", c->plan.team_formed);
		add(out, "meeting", mt->date);
	} else if (mt->type == KR_MEET_FAMILY_GROUP_CONFERENCE || has_process(mt)) {
		out->kind = KR_PROCESS_CONFERENCE;
		for (int k = 0; k < KR_PHASE__N; k++)
			add(out, phase_keys[k], mt->phase[k]);
	} else {
		return;
	}
	for (size_t i = 0; i < out->nsteps; i++) {
		struct kr_process_step *s = &out->step[i];
		s->done = kr_date_valid(s->date) && kr_date_first(s->date) <= as_of;
		if (s->done)
			out->current = (int)i;
	}
	out->next = out->current + 1 < (int)out->nsteps ? out->current + 1 : -1;
	if (out->kind == KR_PROCESS_ACTION_TEAM)
		out->invitation = KR_INVITE_ACTION_TEAM;
	else if (out->next >= 0 && out->next <= KR_PHASE_PREPARATION)
		out->invitation = KR_INVITE_PREPARATION;
	else
		out->invitation = KR_INVITE_CONFERENCE;
}

const char *kr_process_kind_name(enum kr_process_kind k)
{
	static const char *const names[] = { "none", "conference", "action_team" };
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "none";
}

const char *kr_invitation_name(enum kr_invitation i)
{
	static const char *const names[] = { "meeting", "preparation", "conference",
		"action_team" };
	return (unsigned)i < sizeof names / sizeof *names ? names[i] : "meeting";
}

void *kr_process_json(const struct kr_process *p, const char *meeting_id)
{
	json_t *steps = json_array(), *o;
	char b[11];

	if (!steps)
		return NULL;
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct kr_process_step *s = &p->step[i];
		if (json_array_append_new(steps, json_pack("{s:s, s:o, s:b}", "key", s->key, "date",
		                          kr_date_valid(s->date) ? json_string(kr_date_format(s->date, b))
		                                                 : json_null(), "done", s->done))) {
			json_decref(steps);
			return NULL;
		}
	}
	o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "meeting", meeting_id, "kind",
	              kr_process_kind_name(p->kind), "steps", steps,
	              "current", p->current >= 0 ? json_string(p->step[p->current].key) : json_null(),
	              "next", p->next >= 0 ? json_string(p->step[p->next].key) : json_null(),
	              "invitation", kr_invitation_name(p->invitation));
	return o;
}

size_t kr_process_invite_default(const struct kr_case *c, enum kr_meeting_type t, long as_of,
                                 int *out)
{
	size_t n = 0;

	if (t == KR_MEET_ACTION_TEAM) {
		for (size_t i = 0; i < c->plan.nteam; i++)
			if (kr_case_person_alive(c, c->plan.team[i], as_of))
				out[n++] = c->plan.team[i];
		return n;
	}
	for (size_t i = 0; i < c->npersons; i++)
		if (kr_case_person_alive(c, (int)i, as_of) &&
		    ((int)i == c->child || !kr_case_person_professional(c, (int)i)))
			out[n++] = (int)i;
	return n;
}

const char *kr_process_invite_rule(enum kr_meeting_type t)
{
	return t == KR_MEET_ACTION_TEAM ? "action_team" : "network";
}

void *kr_process_invite_json(const struct kr_case *c, long as_of)
{
	json_t *o = json_object();
	int *ix = malloc((c->npersons ? c->npersons : 1) * sizeof *ix);

	if (!o || !ix)
		goto fail;
	for (int t = KR_MEET_NONE + 1; t < KR_MEET__N; t++) {
		size_t n = kr_process_invite_default(c, (enum kr_meeting_type)t, as_of, ix);
		json_t *ids = json_array();
		for (size_t i = 0; ids && i < n; i++)
			if (json_array_append_new(ids, json_string(c->persons[ix[i]].id))) {
				json_decref(ids);
				ids = NULL;
			}
		if (!ids || json_object_set_new(o, kr_enum_name(KR_ENUM_MEETING_TYPE, t),
		                                json_pack("{s:s, s:o}", "rule",
		                                          kr_process_invite_rule(
		                                          (enum kr_meeting_type)t), "persons", ids)))
			goto fail;
	}
	free(ix);
	return o;
fail:
	free(ix);
	json_decref(o);
	return NULL;
}
