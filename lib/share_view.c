/*
 * share_view.c - the family's view of a case through a share link
 * (share_view.h), the scopes a link shows (table share_scopes of
 * lib/sql/003_share_scopes.sql) and who looked at the file.
 *
 * The view is built field by field from the model, never by copying the
 * document, so nothing reaches a link that this file does not name; every
 * agreement and concern passes visible() first, which keeps out what is
 * for professionals only whatever the scopes say.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "kring/diff.h"
#include "kring/enum.h"
#include "kring/plan.h"
#include "kring/share_view.h"
#include "store_int.h"

static const struct {
	const char *name, *nl, *en;
} scopes_tab[KR_SHARE__N] = {
	[KR_SHARE_OWN] = { "own", "eigen taken en wensen", "own tasks and wishes" },
	[KR_SHARE_GOALS] = { "goals", "de doelen", "the goals" },
	[KR_SHARE_SAFETY] = { "safety", "het veiligheidsplan en wie je belt bij zorgen",
	                      "the safety plan and whom to call when worried" },
	[KR_SHARE_MEETING] = { "meeting", "de volgende bijeenkomst", "the next meeting" },
	[KR_SHARE_PLAN] = { "plan", "het hele plan (afspraken en wensen van iedereen)",
	                    "the whole plan (everyone's agreements and wishes)" },
};

const char *kr_share_scope_name(enum kr_share_scope sc)
{
	return (unsigned)sc < KR_SHARE__N ? scopes_tab[sc].name : "";
}

const char *kr_share_scope_label(enum kr_share_scope sc, enum kr_lang lang)
{
	return (unsigned)sc < KR_SHARE__N ? kr_tr(lang, scopes_tab[sc].nl, scopes_tab[sc].en)
	                                  : "";
}

int kr_share_scope_parse(const char *name)
{
	for (int i = 0; name && i < KR_SHARE__N; i++)
		if (strcmp(scopes_tab[i].name, name) == 0)
			return i;
	return -1;
}

void *kr_share_scopes_json(unsigned scopes)
{
	json_t *a = json_array();
	for (int i = 0; a && i < KR_SHARE__N; i++)
		if ((scopes & KR_SHARE_BIT(i)) && json_array_append_new(a, json_string(
		    scopes_tab[i].name))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

void *kr_share_scopes_meta_json(void)
{
	json_t *a = json_array();
	for (int i = 0; a && i < KR_SHARE__N; i++)
		if (json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "name",
		                          scopes_tab[i].name, "nl", scopes_tab[i].nl, "en",
		                          scopes_tab[i].en, "default",
		                          (KR_SHARE_DEFAULT & KR_SHARE_BIT(i)) != 0))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* ---- the scopes of a link ---- */

enum kr_status kr_share_scopes_set(struct kr_store *s, long long link, unsigned scopes,
                                   struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	char text[80] = "";
	size_t used = 0;
	enum kr_status rc;

	if (!scopes || (scopes & ~(unsigned)KR_SHARE_ALL))
		return kr_error_say(err, KR_EINVAL, "kies wat de link laat zien (minstens één "
		                    "onderdeel)", "choose what the link shows (at least one part)");
	for (int i = 0; i < KR_SHARE__N; i++)
		if (scopes & KR_SHARE_BIT(i))
			used += (size_t)snprintf(text + used, sizeof text - used, "%s%s",
			                         used ? " " : "", scopes_tab[i].name);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "INSERT INTO share_scopes(link_id, scopes) VALUES (?1, ?2) "
	                   "ON CONFLICT(link_id) DO UPDATE SET scopes = excluded.scopes", &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, link);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	rc = kri_stmt_run(s, st, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_share_scopes_get(struct kr_store *s, long long link, unsigned *scopes,
                                   struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	*scopes = KR_SHARE_DEFAULT;
	if ((rc = kri_stmt(s, "SELECT scopes FROM share_scopes WHERE link_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, link);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		unsigned v = 0;
		char name[16];
		while (p && *p) {
			size_t n = strcspn(p, " ");
			int sc;
			snprintf(name, sizeof name, "%.*s", (int)(n < 15 ? n : 15), p);
			if ((sc = kr_share_scope_parse(name)) >= 0)
				v |= KR_SHARE_BIT(sc);
			p += n + (p[n] == ' ');
		}
		*scopes = v;
	} else if (step != SQLITE_DONE) {
		rc = kri_store_fail(s, err, "De instellingen van de link lezen lukt niet",
		                    "Reading the link's settings failed");
	}
	sqlite3_reset(st);
	return rc;
}

/* ---- the view ---- */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_or_null(struct kr_date d)
{
	char buf[11];
	return kr_date_valid(d) ? json_string(kr_date_format(d, buf)) : json_null();
}

static bool holds(const struct kr_agreement *a, int person)
{
	for (size_t k = 0; person >= 0 && k < a->nwho; k++)
		if (a->who[k] == person)
			return true;
	return false;
}

/* The one test every agreement and concern passes before a link shows it. */
static bool visible(enum kr_visibility v)
{
	return v != KR_VIS_PROFESSIONALS;
}

/* Does a view with scopes show agreement a to person me? */
static bool shows_agreement(const struct kr_agreement *a, int me, unsigned scopes)
{
	if (!visible(a->visibility))
		return false;
	return (scopes & KR_SHARE_BIT(KR_SHARE_PLAN)) ||
	       ((scopes & KR_SHARE_BIT(KR_SHARE_OWN)) && holds(a, me));
}

static json_t *person_ref(const struct kr_case *c, int i, bool with_role)
{
	json_t *j = json_pack("{s:s, s:s}", "id", c->persons[i].id, "name",
	                      kr_case_person_name(c, i));
	if (j && with_role) {
		const char *role = "";
		for (int r = 1; r < KR_ROLE__N && !*role; r++)
			if (kr_person_has_role(&c->persons[i], (enum kr_role)r))
				role = kr_enum_name(KR_ENUM_ROLE, r);
		json_object_set_new(j, "role", *role ? json_string(role) : json_null());
	}
	return j;
}

/* An agreement as the share view shows it; "overdue" is the library's rule
 * (kr_plan_agreement_overdue: open and its due day, the last of a month or
 * year for a coarser date, before as_of), so the page does not compare
 * dates itself. */
static json_t *agreement_json(const struct kr_case *c, const struct kr_agreement *a, int me,
                              long as_of)
{
	json_t *who = json_array();
	for (size_t k = 0; who && k < a->nwho; k++)
		json_array_append_new(who, person_ref(c, a->who[k], false));
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:b, s:b}",
	                 "id", a->id, "goal", a->goal >= 0 ? json_string(c->plan.goals[a->goal].id)
	                                                  : json_null(),
	                 "who", who ? who : json_array(), "what", str_or_null(a->what), "when",
	                 str_or_null(a->when), "due", date_or_null(a->due), "if_not",
	                 str_or_null(a->if_not), "status",
	                 kr_enum_name(KR_ENUM_AGREEMENT_STATUS, a->status ? a->status : KR_AGR_OPEN),
	                 "mine", (int)holds(a, me),
	                 "overdue", (int)kr_plan_agreement_overdue(a, as_of));
}

static json_t *safety_json(const struct kr_case *c)
{
	const struct kr_plan *p = &c->plan;
	json_t *concerns = json_array(), *route = json_null(), *call;

	for (size_t i = 0; concerns && i < p->concerns.n; i++)
		if (!p->concerns_visibility || visible(p->concerns_visibility[i]))
			json_array_append_new(concerns, json_string(p->concerns.v[i]));
	if (p->route_text || p->nroute_call) {
		call = json_array();
		for (size_t i = 0; call && i < p->nroute_call; i++)
			json_array_append_new(call, person_ref(c, p->route_call[i], true));
		json_decref(route);
		route = json_pack("{s:o, s:o}", "text", str_or_null(p->route_text), "call",
		                  call ? call : json_array());
	}
	return json_pack("{s:o, s:o, s:o}", "text", str_or_null(p->safety && *p->safety ? p->safety
	                                                                               : NULL),
	                 "concerns", concerns ? concerns : json_array(), "worry_route",
	                 route ? route : json_null());
}

/* The contact persons: the foster care workers, then the guardians (child
 * protection workers) of the case involved on as_of and alive. */
static json_t *contact_json(const struct kr_case *c, long as_of)
{
	static const enum kr_role roles[] = { KR_ROLE_FOSTER_CARE_WORKER, KR_ROLE_GUARDIAN };
	json_t *a = json_array();

	for (size_t r = 0; a && r < sizeof roles / sizeof *roles; r++)
		for (size_t i = 0; i < c->npersons; i++) {
			json_t *j;
			if (!kr_person_has_role(&c->persons[i], roles[r]) ||
			    (r > 0 && kr_person_has_role(&c->persons[i], roles[0])) ||
			    !kr_case_person_alive(c, (int)i, as_of) ||
			    !kr_case_person_involved(c, (int)i, as_of, as_of))
				continue;
			if ((j = json_pack("{s:s, s:s, s:s}", "id", c->persons[i].id, "name",
			                   kr_case_person_name(c, (int)i), "role",
			                   kr_enum_name(KR_ENUM_ROLE, roles[r]))))
				json_array_append_new(a, j);
		}
	return a;
}

static json_t *next_meeting_json(const struct kr_case *c, long as_of)
{
	long best = 0;
	int bi = -1;

	for (size_t i = 0; i < c->nmeetings; i++) {
		const struct kr_meeting *m = &c->meetings[i];
		long d;
		if (!kr_date_valid(m->date))
			continue;
		d = kr_date_first(m->date);
		if (d >= as_of && (bi < 0 || d < best)) {
			bi = (int)i;
			best = d;
		}
	}
	if (bi < 0)
		return json_null();
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "id", c->meetings[bi].id, "date",
	                 date_or_null(c->meetings[bi].date), "time",
	                 str_or_null(c->meetings[bi].time), "place",
	                 str_or_null(c->meetings[bi].place), "type",
	                 c->meetings[bi].type ? json_string(kr_enum_name(KR_ENUM_MEETING_TYPE,
	                 c->meetings[bi].type)) : json_null(), "continuum",
	                 c->meetings[bi].continuum ? json_string(kr_enum_name(KR_ENUM_CONTINUUM,
	                 c->meetings[bi].continuum)) : json_null());
}

/* The future plan (plan.future_plan), for a view with scope goals or
 * plan: when it was made, by whom (names), the plan in their own words
 * and its goals; null when the plan has none. */
static json_t *future_plan_json(const struct kr_case *c)
{
	const struct kr_plan *p = &c->plan;
	json_t *by, *goals;

	if (!p->has_future_plan)
		return json_null();
	by = json_array();
	goals = json_array();
	for (size_t i = 0; by && i < p->nfuture_by; i++)
		json_array_append_new(by, person_ref(c, p->future_by[i], false));
	for (size_t i = 0; goals && i < p->future_goals.n; i++)
		json_array_append_new(goals, json_string(p->future_goals.v[i]));
	return json_pack("{s:o, s:o, s:o, s:o}", "date", date_or_null(p->future_date), "made_by",
	                 by ? by : json_array(), "text", str_or_null(p->future_text), "goals",
	                 goals ? goals : json_array());
}

/* A meeting as a link shows it: when and where, nothing of what was said. */
static json_t *meeting_ref(const struct kr_case *c, int i)
{
	const struct kr_meeting *m;

	if (i < 0)
		return json_null();
	m = &c->meetings[i];
	return json_pack("{s:s, s:o, s:o, s:o}", "id", m->id, "date", date_or_null(m->date),
	                 "time", str_or_null(m->time), "place", str_or_null(m->place));
}

/* The action team (plan.action_team), for a view with scope plan or
 * meeting: when it was formed and its members alive on as_of with their
 * role; with scope meeting also its last meeting before as_of and its next
 * one on or after it (meetings of type action_team; when and where only).
 * Null when the plan has no team. */
static json_t *action_team_json(const struct kr_case *c, unsigned scopes, long as_of)
{
	const struct kr_plan *p = &c->plan;
	bool meet = (scopes & KR_SHARE_BIT(KR_SHARE_MEETING)) != 0;
	json_t *members;
	int last = -1, next = -1;

	if (!p->has_action_team)
		return json_null();
	members = json_array();
	for (size_t i = 0; members && i < p->nteam; i++)
		if (kr_case_person_alive(c, p->team[i], as_of))
			json_array_append_new(members, person_ref(c, p->team[i], true));
	for (size_t i = 0; meet && i < c->nmeetings; i++) {
		const struct kr_meeting *m = &c->meetings[i];
		long d;
		if (m->type != KR_MEET_ACTION_TEAM || !kr_date_valid(m->date))
			continue;
		d = kr_date_first(m->date);
		if (d < as_of && (last < 0 || d > kr_date_first(c->meetings[last].date)))
			last = (int)i;
		if (d >= as_of && (next < 0 || d < kr_date_first(c->meetings[next].date)))
			next = (int)i;
	}
	return json_pack("{s:o, s:o, s:o, s:o}", "formed", date_or_null(p->team_formed),
	                 "members", members ? members : json_array(), "last_meeting",
	                 meeting_ref(c, last), "next_meeting", meeting_ref(c, next));
}

void *kr_share_view_json(const struct kr_case *c, const char *person, unsigned scopes,
                         long as_of)
{
	const struct kr_plan *p = &c->plan;
	int me = kr_case_person_index(c, person);
	json_t *mine = json_array(), *all = json_array(), *wishes = json_array();
	json_t *goals = json_array(), *out = NULL;

	if (!mine || !all || !wishes || !goals)
		goto out;
	for (size_t i = 0; i < p->nagreements; i++) {
		const struct kr_agreement *a = &p->agreements[i];
		json_t *j;
		if (!shows_agreement(a, me, scopes) || !(j = agreement_json(c, a, me, as_of)))
			continue;
		if ((scopes & KR_SHARE_BIT(KR_SHARE_OWN)) && holds(a, me))
			json_array_append(mine, j);
		if (scopes & KR_SHARE_BIT(KR_SHARE_PLAN))
			json_array_append(all, j);
		json_decref(j);
	}
	for (size_t i = 0; i < p->nwishes; i++) {
		const struct kr_wish *w = &p->wishes[i];
		if (!((scopes & KR_SHARE_BIT(KR_SHARE_PLAN)) ||
		      ((scopes & KR_SHARE_BIT(KR_SHARE_OWN)) && me >= 0 && w->by == me)))
			continue;
		json_array_append_new(wishes, json_pack("{s:s, s:o, s:o, s:o, s:o}", "id", w->id,
		                      "by_name", w->by >= 0 ? json_string(kr_case_person_name(c, w->by))
		                                           : json_null(),
		                      "date", date_or_null(w->date), "text", str_or_null(w->text),
		                      "response", w->response && *w->response
		                                  ? json_string(w->response) : json_null()));
	}
	if (scopes & KR_SHARE_BIT(KR_SHARE_GOALS))
		for (size_t i = 0; i < p->ngoals; i++)
			json_array_append_new(goals, json_pack("{s:s, s:o, s:o}", "id", p->goals[i].id,
			                      "text", str_or_null(p->goals[i].text), "indicator",
			                      str_or_null(p->goals[i].indicator)));
	out = json_pack("{s:s, s:{s:o}, s:{s:s, s:o}, s:o, s:O, s:O, s:O, s:O, s:o, s:o, s:o}",
	                "ref", c->ref ? c->ref : "",
	                "child", "name", c->child >= 0 ? json_string(kr_case_person_name(c,
	                c->child)) : json_null(),
	                "person", "id", person ? person : "", "name",
	                me >= 0 ? json_string(kr_case_person_name(c, me)) : json_null(),
	                "scopes", kr_share_scopes_json(scopes),
	                "my_tasks", mine, "agreements", all, "wishes", wishes, "goals", goals,
	                "safety", (scopes & KR_SHARE_BIT(KR_SHARE_SAFETY)) ? safety_json(c)
	                                                                  : json_null(),
	                "next_meeting", (scopes & KR_SHARE_BIT(KR_SHARE_MEETING))
	                                ? next_meeting_json(c, as_of) : json_null(),
	                "contact", contact_json(c, as_of));
	if (out)
		json_object_set_new(out, "future_plan", (scopes & (KR_SHARE_BIT(KR_SHARE_GOALS) |
		                    KR_SHARE_BIT(KR_SHARE_PLAN))) ? future_plan_json(c) : json_null());
	if (out)
		json_object_set_new(out, "action_team", (scopes & (KR_SHARE_BIT(KR_SHARE_PLAN) |
		                    KR_SHARE_BIT(KR_SHARE_MEETING))) ? action_team_json(c, scopes,
		                    as_of) : json_null());
out:
	json_decref(mine);
	json_decref(all);
	json_decref(wishes);
	json_decref(goals);
	return out;
}

enum kr_status kr_share_view_holder_in_case(const struct kr_case *c, const char *person,
                                            struct kr_error *err)
{
	if (person && kr_case_person_index(c, person) >= 0)
		return KR_OK;
	return kr_error_say(err, KR_EPERM, "je staat niet meer in dit plan",
	                    "you are no longer part of this plan");
}

enum kr_status kr_share_view_wish_item(const char *person, const char *text, long as_of,
                                       char **out, struct kr_error *err)
{
	struct kr_date today = kr_date_from_days(as_of);
	char date[11];
	json_t *item;

	*out = NULL;
	while (text && (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r'))
		text++;
	if (!text || !*text) {
		kr_error_add(err, "text", "schrijf je wens op", "write down your wish");
		return kr_error_say(err, KR_EINVAL, "schrijf je wens op", "write down your wish");
	}
	item = json_pack("{s:s, s:s, s:s}", "by", person ? person : "", "date",
	                 kr_date_format(today, date), "text", text);
	if (item)
		*out = json_dumps(item, JSON_COMPACT);
	json_decref(item);
	if (!*out)
		return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	return KR_OK;
}

enum kr_status kr_share_view_may_mark_done(const struct kr_case *c, const char *person,
                                           unsigned scopes, const char *id,
                                           struct kr_error *err)
{
	int me = kr_case_person_index(c, person);

	for (size_t i = 0; id && i < c->plan.nagreements; i++) {
		const struct kr_agreement *a = &c->plan.agreements[i];
		if (strcmp(a->id, id) != 0)
			continue;
		if (!visible(a->visibility))
			break;   /* for professionals only: as if it did not exist */
		if (!holds(a, me))
			return kr_error_say(err, KR_EPERM, "deze afspraak is niet van jou",
			                    "this agreement is not yours");
		if (!shows_agreement(a, me, scopes))
			return kr_error_say(err, KR_EPERM, "deze link laat je taken niet zien",
			                    "this link does not show your tasks");
		return KR_OK;
	}
	return kr_error_say(err, KR_ENOTFOUND, "deze afspraak bestaat niet",
	                    "there is no such agreement");
}

/* ---- who looked at the file ---- */

struct viewed {
	json_t *rows;
	const struct kr_case *c;
	size_t max;
	bool nomem;
};

static int viewed_row(const struct kr_audit_row *row, void *arg)
{
	struct viewed *v = arg;
	char who[KR_AUDIT_WHO_MAX + 16];
	char act[2] = { row->action, '\0' };

	if (row->action == KR_AUDIT_FAILED)
		return 0;
	kr_diff_author(v->c, row->who, who, sizeof who);
	if (json_array_append_new(v->rows, json_pack("{s:s, s:s, s:s}", "who", who, "at",
	                          row->when, "action", act))) {
		v->nomem = true;
		return 1;
	}
	/* keep the newest max rows */
	if (json_array_size(v->rows) > v->max)
		json_array_remove(v->rows, 0);
	return 0;
}

enum kr_status kr_share_viewed_by_json(struct kr_store *s, const struct kr_case *c,
                                       const char *ref, size_t max, void **out,
                                       struct kr_error *err)
{
	struct viewed v = { json_array(), c, max, false };
	json_t *newest = json_array();
	enum kr_status rc;

	*out = NULL;
	if (!v.rows || !newest) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	if ((rc = kr_audit_each(s, ref, viewed_row, &v, err)))
		goto out;
	if (v.nomem) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	for (size_t i = json_array_size(v.rows); i > 0; i--)
		json_array_append(newest, json_array_get(v.rows, i - 1));
	*out = newest;
	newest = NULL;
out:
	json_decref(v.rows);
	json_decref(newest);
	return rc;
}
