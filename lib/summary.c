/*
 * summary.c - the case summary of summary.h: one pass over the case, the
 * path and the signals, and its JSON and text forms.  The five factors
 * come from the signals of their rules (docs/summary.md): a factor is
 * "concern" when one of its signals is an alert (and always when the child
 * has no trust figure), "watch" when one is a warning or info or data is
 * missing for one of its rules, else "ok".
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/enum.h"
#include "kring/family_plan.h"
#include "kring/plan.h"
#include "kring/process.h"
#include "kring/summary.h"
#include "kring/words.h"
#include "history_int.h"
#include "signals_int.h"

static const char *const factor_rules[KR_FACTOR__N][10] = {
	[KR_FACTOR_HEARD] = { "child-not-heard", "wish-unanswered" },
	[KR_FACTOR_SAY] = { "plan-missing", "no-network-meeting", "plan-review-overdue",
		"action-team-not-met" },
	[KR_FACTOR_SUPPORT] = { "sibling-contact-missing", "worlds-disconnected",
		"parents-fosterparents-conflict", "parents-fosterparents-not-met", "network-small",
		"segment-gap", "network-overload", "tie-worsened", "contacts-lost" },
	[KR_FACTOR_TRUST] = { "no-trust-figure", "trust-figure-professional" },
	[KR_FACTOR_CONTINUITY] = { "placement-instability", "breakdown-risk-profile",
		"perspective-overdue", "professional-churn", "recent-breakdown", "crisis-too-long",
		"network-not-explored" },
};

static const char *const factor_names[KR_FACTOR__N] = { "heard", "say", "support", "trust",
	"continuity" };
static const char *const factor_nl[KR_FACTOR__N] = { "Gehoord worden", "Meebeslissen",
	"Steun van familie en netwerk", "Een vertrouwensfiguur", "Continuïteit" };
static const char *const factor_en[KR_FACTOR__N] = { "Being heard", "Having a say",
	"Support of family and network", "A trust figure", "Continuity" };

const char *kr_factor_name(enum kr_factor f)
{
	return (unsigned)f < KR_FACTOR__N ? factor_names[f] : "";
}

const char *kr_factor_status_name(enum kr_factor_status st)
{
	return st == KR_FACTOR_CONCERN ? "concern" : st == KR_FACTOR_WATCH ? "watch" : "ok";
}

const char *kr_factor_label(enum kr_factor f, enum kr_lang lang)
{
	if ((unsigned)f >= KR_FACTOR__N)
		return "";
	return lang == KR_LANG_EN ? factor_en[f] : factor_nl[f];
}

static bool rule_in(enum kr_factor f, const char *id)
{
	for (int k = 0; id && k < 10 && factor_rules[f][k]; k++)
		if (strcmp(factor_rules[f][k], id) == 0)
			return true;
	return false;
}

bool kr_factor_has_signal(enum kr_factor f, const struct kr_signal *sg)
{
	if ((unsigned)f >= KR_FACTOR__N)
		return false;
	return rule_in(f, sg->id) || (sg->rule && rule_in(f, sg->rule));
}

void kr_case_summary_free(struct kr_case_summary *sum)
{
	if (!sum)
		return;
	kr_path_free(sum->path);
	free(sum->trust);
	kr_signal_list_cleanup(&sum->signals);
	free(sum->overdue);
	free(sum->unowned);
	free(sum->load);
	free(sum);
}

/* True when load x goes before y: most open agreements first, then by name. */
static bool load_before(const struct kr_case *c, const struct kr_summary_load *x,
                        const struct kr_summary_load *y)
{
	if (x->open != y->open)
		return x->open > y->open;
	return strcmp(kr_case_person_name(c, x->person), kr_case_person_name(c, y->person)) < 0;
}

/* The open agreements per person named on them. */
static bool count_load(struct kr_case_summary *sum, const struct kr_case *c, long as_of)
{
	for (size_t i = 0; i < c->plan.nagreements; i++) {
		const struct kr_agreement *a = &c->plan.agreements[i];
		if (!kr_plan_agreement_open(a))
			continue;
		for (size_t w = 0; w < a->nwho; w++) {
			size_t k = 0;
			while (k < sum->nload && sum->load[k].person != a->who[w])
				k++;
			if (k == sum->nload) {
				struct kr_summary_load *g = realloc(sum->load, (k + 1) * sizeof *g);
				int p = a->who[w];
				if (!g)
					return false;
				sum->load = g;
				g[k] = (struct kr_summary_load){
					.person = p,
					.informal = p != c->child &&
					            c->persons[p].world != KR_WORLD_PROFESSIONAL &&
					            kr_case_person_alive(c, p, as_of) };
				sum->nload++;
			}
			sum->load[k].open++;
		}
	}
	for (size_t i = 1; i < sum->nload; i++)   /* a plan names few persons */
		for (size_t k = i; k > 0 && load_before(c, &sum->load[k], &sum->load[k - 1]); k--) {
			struct kr_summary_load t = sum->load[k];
			sum->load[k] = sum->load[k - 1];
			sum->load[k - 1] = t;
		}
	return true;
}

static bool push(int **v, size_t *n, int x)
{
	int *g = realloc(*v, (*n + 1) * sizeof *g);
	if (!g)
		return false;
	g[(*n)++] = x;
	*v = g;
	return true;
}

enum kr_status kr_case_summary(const struct kr_case *c, struct kr_history *h, long as_of,
                               const struct kr_settings *s, struct kr_case_summary **out,
                               struct kr_error *err)
{
	struct kr_case_summary *sum;
	enum kr_status rc;
	bool ok = true;
	long last = -1, next = -1;

	*out = NULL;
	/* a case read from the store with its family plans' meetings (history_int.h):
	 * the last and next meeting may be the family's; sum->c lives as long as h */
	if ((rc = kri_history_judged(h, c, &c, err)))
		return rc;
	if (!(sum = calloc(1, sizeof *sum)))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	sum->c = c;
	sum->as_of = as_of;
	sum->age = kr_age_years(c->persons[c->child].born, as_of);
	sum->current = kr_case_current_placement(c, as_of);
	sum->last_meeting = sum->next_meeting = -1;
	if ((rc = kr_path_compute(c, as_of, s, &sum->path, err)) ||
	    (rc = kr_signals_compute(c, h, as_of, s, &sum->signals, err)))
		goto fail;

	kri_signals_tally(&sum->signals, sum->counts);
	kr_settling_compute(c, sum->path, s, &sum->settling);

	/* trust figures: as no-trust-figure counts them */
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		int o = tie->a == c->child ? tie->b : tie->b == c->child ? tie->a : -1;
		bool dup = false;
		if (o < 0 || !tie->trust_figure || !kr_case_person_alive(c, o, as_of))
			continue;
		if (c->persons[o].world == KR_WORLD_PROFESSIONAL && c->persons[o].ninvolved) {
			bool inv = false;
			for (size_t k = 0; k < c->persons[o].ninvolved && !inv; k++) {
				const struct kr_period *p = &c->persons[o].involved[k];
				inv = (!kr_date_valid(p->from) || kr_date_first(p->from) <= as_of) &&
				      (!kr_date_valid(p->to) || kr_date_last(p->to) >= as_of);
			}
			if (!inv)
				continue;
		}
		for (size_t k = 0; k < sum->ntrust; k++)
			dup |= sum->trust[k] == o;
		if (!dup)
			ok &= push(&sum->trust, &sum->ntrust, o);
	}
	sum->trust_professional_only = sum->ntrust > 0;
	for (size_t k = 0; k < sum->ntrust; k++)
		if (c->persons[sum->trust[k]].world != KR_WORLD_PROFESSIONAL)
			sum->trust_professional_only = false;

	/* the plan */
	for (size_t i = 0; i < c->plan.nagreements; i++) {
		const struct kr_agreement *a = &c->plan.agreements[i];
		if (!kr_plan_agreement_open(a))
			continue;
		sum->open_agreements++;
		if (kr_plan_agreement_overdue(a, as_of)) {
			sum->overdue_agreements++;
			ok &= push(&sum->overdue, &sum->noverdue, (int)i);
		}
		if (a->nwho == 0)
			ok &= push(&sum->unowned, &sum->nunowned, (int)i);
	}
	ok &= count_load(sum, c, as_of);
	sum->next_review = kr_plan_next_review(c, s);
	sum->review_overdue = sum->next_review >= 0 && as_of > sum->next_review;
	for (size_t i = 0; i < c->plan.nwishes; i++)
		if (c->plan.wishes[i].by == c->child) {
			sum->child_wishes++;
			sum->answered_wishes += c->plan.wishes[i].response &&
			                        *c->plan.wishes[i].response;
		}

	/* meetings: the latest on or before as-of, the first after it */
	for (size_t m = 0; m < c->nmeetings; m++) {
		struct kr_date d = c->meetings[m].date;
		long day;
		if (!kr_date_valid(d))
			continue;
		day = kr_date_first(d);
		if (day <= as_of && day > last) {
			last = day;
			sum->last_meeting = (int)m;
		} else if (day > as_of && (next < 0 || day < next)) {
			next = day;
			sum->next_meeting = (int)m;
		}
	}

	/* the network */
	for (size_t i = 0; i < c->npersons; i++) {
		if ((int)i == c->child)
			continue;
		sum->by_world[c->persons[i].world]++;
		if (c->persons[i].world != KR_WORLD_PROFESSIONAL &&
		    kr_case_person_alive(c, (int)i, as_of) &&
		    kr_case_tie_between(c, c->child, (int)i) >= 0)
			sum->network_size++;
	}

	/* the five factors */
	for (int f = 0; f < KR_FACTOR__N; f++) {
		enum kr_factor_status st = KR_FACTOR_OK;
		for (size_t i = 0; i < sum->signals.n; i++) {
			const struct kr_signal *sg = &sum->signals.v[i];
			enum kr_factor_status now;
			if (!kr_factor_has_signal((enum kr_factor)f, sg))
				continue;
			now = sg->level == KR_LEVEL_ALERT || strcmp(sg->id, "no-trust-figure") == 0
			      ? KR_FACTOR_CONCERN : KR_FACTOR_WATCH;
			if (now > st)
				st = now;
		}
		if (f == KR_FACTOR_SAY && sum->last_meeting >= 0 && st < KR_FACTOR_WATCH &&
		    c->meetings[sum->last_meeting].continuum == KR_CONT_D)
			st = KR_FACTOR_WATCH;
		sum->factor[f] = st;
	}
	if (!ok) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto fail;
	}
	*out = sum;
	return KR_OK;
fail:
	kr_case_summary_free(sum);
	return rc;
}

/* ---- JSON ----------------------------------------------------------------- */

static json_t *jday(long day)
{
	char b[11];
	return day < 0 ? json_null() : json_string(kr_date_format(kr_date_from_days(day), b));
}

static json_t *jdate(struct kr_date d)
{
	char b[11];
	return kr_date_valid(d) ? json_string(kr_date_format(d, b)) : json_null();
}

static json_t *jperson_ids(const struct kr_case *c, const int *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_string(c->persons[v[i]].id));
	return a;
}

/* What the pages of the case may show and fill in on the summary's day,
 * as the library's rules have it: the persons alive then
 * (kr_case_person_alive: who can be invited, coordinate, be listed) and
 * the meetings that have taken place (kr_meeting_taken_place: who came and
 * what was decided can be filled in), each a list of ids into o. */
static void jon_day(const struct kr_case_summary *sum, json_t *o)
{
	const struct kr_case *c = sum->c;
	json_t *alive = json_array(), *held = json_array();

	for (size_t i = 0; alive && i < c->npersons; i++)
		if (kr_case_person_alive(c, (int)i, sum->as_of))
			json_array_append_new(alive, json_string(c->persons[i].id));
	for (size_t m = 0; held && m < c->nmeetings; m++)
		if (c->meetings[m].id && kr_meeting_taken_place(c->meetings[m].date, sum->as_of))
			json_array_append_new(held, json_string(c->meetings[m].id));
	json_object_set_new(o, "persons_alive", alive);
	json_object_set_new(o, "meetings_taken_place", held);
}

static json_t *jmeeting(const struct kr_case *c, int m)
{
	const struct kr_meeting *mt;
	char plan[72];
	if (m < 0)
		return json_null();
	mt = &c->meetings[m];
	/* a family plan's meeting (kr_case_judged) says which plan it is of */
	return json_pack("{s:s, s:o, s:s, s:s, s:s?}", "id", mt->id, "date", jdate(mt->date),
	                 "type", kr_enum_name(KR_ENUM_MEETING_TYPE, mt->type), "continuum",
	                 kr_enum_name(KR_ENUM_CONTINUUM, mt->continuum), "family_plan",
	                 kr_meeting_from_family_plan(mt, plan, sizeof plan) ? plan : NULL);
}

static json_t *jpath(const struct kr_case_summary *sum)
{
	const struct kr_path *p = sum->path;
	const struct kr_path_period *per = p->period >= 0 ? &p->periods[p->period] : NULL;
	json_t *homes = json_array(), *moves = json_array(), *bds = json_array();

	for (size_t i = 0; homes && i < p->nhomes; i++) {
		const struct kr_path_home *h = &p->homes[i];
		json_array_append_new(homes, json_pack("{s:s, s:s, s:o, s:o, s:b, s:i}",
		                      "first", sum->c->placements[h->first].id,
		                      "last", sum->c->placements[h->last].id, "start", jday(h->start),
		                      "end", jday(h->end), "move", h->move, "period", h->period));
	}
	for (size_t i = 0; moves && i < p->nmoves; i++)
		json_array_append_new(moves, json_pack("{s:o, s:s}", "date", jday(p->moves[i].day),
		                      "placement", sum->c->placements[p->moves[i].placement].id));
	for (size_t i = 0; bds && i < p->nbreakdowns; i++) {
		const struct kr_path_event *b = &p->breakdowns[i];
		json_array_append_new(bds, json_pack("{s:o, s:o}", "date", jday(b->day), "placement",
		                      b->placement >= 0 ? json_string(sum->c->placements[b->placement].id)
		                                        : json_null()));
	}
	return json_pack("{s:b, s:o, s:I, s:o, s:{s:i, s:i}, s:{s:i, s:i}, s:o, s:o, s:o}",
	                 "out_of_home", p->out_of_home,
	                 "out_of_home_since", per && (p->out_of_home || !per->closed)
	                                      ? jday(per->start) : json_null(),
	                 "days_out_of_home", (json_int_t)(per && !per->closed ? p->days_out : 0),
	                 "home_since", jday(p->home_since),
	                 "moves", "period", p->moves_period, "total", p->moves_total,
	                 "breakdowns", "period", p->breakdowns_period, "total",
	                 p->breakdowns_total, "homes", homes, "move_list", moves,
	                 "breakdown_list", bds);
}

/* The meetings that are processes, each with where it stands on as-of
 * (process.h): the browser shows these steps and never derives them. */
static json_t *jprocesses(const struct kr_case_summary *sum)
{
	json_t *a = json_array();

	for (size_t m = 0; a && m < sum->c->nmeetings; m++) {
		struct kr_process p;
		kr_process_of(sum->c, m, sum->as_of, &p);
		if (p.kind != KR_PROCESS_NONE)
			json_array_append_new(a, kr_process_json(&p, sum->c->meetings[m].id));
	}
	return a;
}

/* The settling-in schedule of the current home: null without one, else
 * the placement, the six check-ins with their day and whether done, the
 * next one, whether it is late, and the check-ins recorded (as written). */
/* agreements.per_person: [{person, name, open, informal}], most first. */
static json_t *jload(const struct kr_case_summary *sum)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < sum->nload; i++) {
		const struct kr_summary_load *l = &sum->load[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:b}", "person",
		                      sum->c->persons[l->person].id, "name",
		                      kr_case_person_name(sum->c, l->person), "open",
		                      (json_int_t)l->open, "informal", l->informal));
	}
	return a;
}

static json_t *jsettling(const struct kr_case_summary *sum)
{
	const struct kr_settling *st = &sum->settling;
	const struct kr_placement *p;
	json_t *o, *sched, *done;

	if (st->placement < 0)
		return json_null();
	p = &sum->c->placements[st->placement];
	sched = json_array();
	for (int k = 0; sched && k < KR_SETTLING_CHECKINS; k++)
		json_array_append_new(sched, json_pack("{s:o, s:b}", "due", jday(st->due[k]), "done",
		                                       (size_t)k < st->done));
	done = json_array();
	for (size_t k = 0; done && k < p->nsettling; k++) {
		static const char *const views[KR_VIEW__N] = { "child", "foster_parents",
			"own_children", "parents" };
		const struct kr_checkin *ck = &p->settling[k];
		json_t *one = json_pack("{s:o}", "date", jdate(ck->date));
		for (int w = 0; one && w < KR_VIEW__N; w++)
			json_object_set_new(one, views[w], ck->score[w] ? json_integer(ck->score[w])
			                                                : json_null());
		json_array_append_new(done, one);
	}
	o = json_pack("{s:s, s:o, s:I, s:o, s:o, s:b, s:b, s:o}", "placement", p->id, "since",
	              jday(st->start), "done", (json_int_t)st->done, "next_due",
	              st->next >= 0 ? jday(st->due[st->next]) : json_null(), "schedule",
	              sched ? sched : json_null(), "first_year", st->first_year, "overdue",
	              st->overdue, "checkins", done ? done : json_null());
	return o ? o : json_null();
}

void *kr_case_summary_json(const struct kr_case_summary *sum, bool with_signals)
{
	const struct kr_case *c = sum->c;
	const struct kr_person *child = &c->persons[c->child];
	json_t *o, *placement = json_null(), *top = json_null(), *factors, *worlds, *ov, *un;
	const struct kr_signal *sg;
	size_t counts[3];
	char asof[11];

	if (sum->current >= 0) {
		const struct kr_placement *p = &c->placements[sum->current];
		placement = json_pack("{s:s, s:s, s:o, s:o, s:o}", "id", p->id, "form",
		                      kr_enum_name(KR_ENUM_FORM, p->form), "since", jdate(p->start),
		                      "carers", jperson_ids(c, p->carers, p->ncarers), "network",
		                      p->network == KR_UNKNOWN ? json_null()
		                      : json_boolean(p->network == KR_TRUE));
	}
	if ((sg = kri_signals_tally(&sum->signals, counts)))
		top = json_pack("{s:s, s:s, s:{s:s, s:s}}", "id", sg->id, "level",
		                kr_level_name(sg->level), "title", "nl", sg->title[KR_LANG_NL], "en",
		                sg->title[KR_LANG_EN]);
	factors = json_array();
	for (int f = 0; factors && f < KR_FACTOR__N; f++) {
		json_t *ids = json_array();
		for (size_t i = 0; ids && i < sum->signals.n; i++)
			if (kr_factor_has_signal((enum kr_factor)f, &sum->signals.v[i]))
				json_array_append_new(ids, json_string(sum->signals.v[i].id));
		json_array_append_new(factors, json_pack("{s:s, s:s, s:{s:s, s:s}, s:o}", "key",
		                      kr_factor_name((enum kr_factor)f), "status",
		                      kr_factor_status_name(sum->factor[f]), "label", "nl",
		                      kr_factor_label((enum kr_factor)f, KR_LANG_NL), "en",
		                      kr_factor_label((enum kr_factor)f, KR_LANG_EN), "signals", ids));
	}
	worlds = json_object();
	for (int w = 1; worlds && w < KR_WORLD__N; w++)
		json_object_set_new(worlds, kr_enum_name(KR_ENUM_WORLD, w),
		                    json_integer((json_int_t)sum->by_world[w]));
	ov = json_array();
	un = json_array();
	for (size_t i = 0; ov && i < sum->noverdue; i++)
		json_array_append_new(ov, json_string(c->plan.agreements[sum->overdue[i]].id));
	for (size_t i = 0; un && i < sum->nunowned; i++)
		json_array_append_new(un, json_string(c->plan.agreements[sum->unowned[i]].id));
	o = json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:o}, s:o, s:o, s:o, s:b,"
	              " s:{s:I, s:I, s:I, s:o}, s:{s:I, s:I, s:o, s:o},"
	              " s:{s:b, s:i, s:o, s:b}, s:o, s:o,"
	              " s:{s:I, s:I, s:I, s:o}, s:{s:I, s:I}, s:o}",
	              "ref", c->ref, "as_of", kr_date_format(kr_date_from_days(sum->as_of), asof),
	              "child", "id", child->id, "name", kr_case_person_name(c, c->child), "sex",
	              kr_enum_name(KR_ENUM_SEX, child->sex), "age",
	              sum->age >= 0 ? json_integer(sum->age) : json_null(),
	              "placement", placement, "path", jpath(sum),
	              "trust_figures", jperson_ids(c, sum->trust, sum->ntrust),
	              "trust_figure_professional_only", sum->trust_professional_only,
	              "signals", "alert", (json_int_t)counts[KR_LEVEL_ALERT], "warning",
	              (json_int_t)counts[KR_LEVEL_WARNING], "info",
	              (json_int_t)counts[KR_LEVEL_INFO], "top", top,
	              "agreements", "open", (json_int_t)sum->open_agreements, "overdue",
	              (json_int_t)sum->overdue_agreements, "overdue_ids", ov, "unowned_ids", un,
	              "plan", "present", c->plan.present, "version", c->plan.version,
	              "next_review", jday(sum->next_review), "review_overdue",
	              sum->review_overdue,
	              "last_meeting", jmeeting(c, sum->last_meeting),
	              "next_meeting", jmeeting(c, sum->next_meeting),
	              "network", "size", (json_int_t)sum->network_size, "persons",
	              (json_int_t)(c->npersons ? c->npersons - 1 : 0), "ties",
	              (json_int_t)c->nties, "by_world", worlds,
	              "wishes", "child", (json_int_t)sum->child_wishes, "answered",
	              (json_int_t)sum->answered_wishes, "factors", factors);
	if (o)
		json_object_set_new(json_object_get(o, "agreements"), "per_person", jload(sum));
	if (o)
		json_object_set_new(o, "settling", jsettling(sum));
	if (o)
		json_object_set_new(o, "processes", jprocesses(sum));
	if (o && with_signals)
		json_object_set_new(o, "signal_list", kr_signals_json(&sum->signals));
	/* who a new meeting of each type invites by default (process.h): for the
	 * summary of one case, not for every row of the case list */
	if (o && with_signals)
		json_object_set_new(o, "invite_defaults", kr_process_invite_json(c, sum->as_of));
	if (o && with_signals)
		jon_day(sum, o);
	return o;
}

/* ---- text ----------------------------------------------------------------- */

#define ROW "  %-24s "

enum kr_status kr_case_summary_text(const struct kr_case_summary *sum, enum kr_lang L,
                                    struct kr_buf *b)
{
	const struct kr_case *c = sum->c;
	const struct kr_person *child = &c->persons[c->child];
	const struct kr_path *p = sum->path;
	const struct kr_signal *top;
	size_t counts[3];
	char d[40], d2[40];

	kr_buf_printf(b, "%s %s (%s %s)\n", kr_tr(L, "Dossier", "Case"), c->ref,
	              kr_tr(L, "op", "on"), kr_words_day(sum->as_of, L, d, sizeof d));
	kr_buf_printf(b, ROW "%s", kr_tr(L, "kind:", "child:"), kr_case_person_name(c, c->child));
	if (sum->age >= 0)
		kr_buf_printf(b, kr_tr(L, " (%d jaar, geboren %s)", " (%d, born %s)"), sum->age,
		              kr_words_date(child->born, L, d, sizeof d));
	kr_buf_puts(b, "\n");
	if (kr_date_valid(c->opened))
		kr_buf_printf(b, ROW "%s\n", kr_tr(L, "geopend:", "opened:"),
		              kr_words_date(c->opened, L, d, sizeof d));
	if (sum->current >= 0) {
		const struct kr_placement *pl = &c->placements[sum->current];
		kr_buf_printf(b, ROW "%s %s %s", kr_tr(L, "woont nu:", "lives now:"),
		              kr_enum_label(KR_ENUM_FORM, pl->form, L), kr_tr(L, "sinds", "since"),
		              kr_words_date(pl->start, L, d, sizeof d));
		for (size_t k = 0; k < pl->ncarers; k++)
			kr_buf_printf(b, "%s%s", k ? (k + 1 == pl->ncarers ? kr_tr(L, " en ", " and ")
			              : ", ") : kr_tr(L, ", bij ", ", with "),
			              kr_case_person_name(c, pl->carers[k]));
		kr_buf_printf(b, "%s\n", pl->network == KR_TRUE ? kr_tr(L, " (netwerkpleegzorg)",
		              " (care within the network)") : "");
	} else {
		kr_buf_printf(b, ROW "%s\n", kr_tr(L, "woont nu:", "lives now:"),
		              kr_tr(L, "geen plaatsing", "no placement"));
	}
	if (p->out_of_home) {
		const struct kr_path_period *per = &p->periods[p->period];
		kr_buf_printf(b, ROW, kr_tr(L, "uit huis:", "out of home:"));
		kr_buf_printf(b, kr_tr(L, "sinds %s (%s)", "since %s (%s)"),
		              kr_words_date(per->since, L, d, sizeof d),
		              kr_words_span(per->start, sum->as_of, L, d2, sizeof d2));
		kr_buf_printf(b, kr_tr(L, "; in dit thuis sinds %s", "; in this home since %s"),
		              kr_words_date(p->homes[p->home].since, L, d, sizeof d));
		kr_buf_puts(b, "\n");
	}
	kr_buf_printf(b, ROW, kr_tr(L, "overplaatsingen:", "moves:"));
	kr_buf_printf(b, kr_tr(L, "%d in deze periode, %d in totaal; breakdowns: %d in deze "
	                          "periode, %d in totaal\n",
	                          "%d in this period, %d in all; breakdowns: %d in this period, "
	                          "%d in all\n"),
	              p->moves_period, p->moves_total, p->breakdowns_period, p->breakdowns_total);
	kr_buf_printf(b, ROW, kr_tr(L, "netwerk:", "network:"));
	kr_buf_printf(b, kr_tr(L, "%zu personen met een band met %s (zonder professionals);",
	                          "%zu people with a tie to %s (professionals not counted);"),
	              sum->network_size, kr_case_person_name(c, c->child));
	for (int w = 1; w < KR_WORLD__N; w++)
		kr_buf_printf(b, " %s %zu%s", kr_enum_label(KR_ENUM_WORLD, w, L), sum->by_world[w],
		              w + 1 < KR_WORLD__N ? "," : "");
	kr_buf_puts(b, "\n");
	kr_buf_printf(b, ROW, kr_tr(L, "vertrouwensfiguur:", "trust figure:"));
	for (size_t k = 0; k < sum->ntrust; k++)
		kr_buf_printf(b, "%s%s", k ? ", " : "", kr_case_person_name(c, sum->trust[k]));
	kr_buf_printf(b, "%s\n", sum->ntrust ? "" : kr_tr(L, "geen", "none"));
	if (c->plan.present) {
		kr_buf_printf(b, ROW, kr_tr(L, "netwerkplan:", "network plan:"));
		kr_buf_printf(b, kr_tr(L, "versie %d; %zu open afspraken, %zu te laat",
		                          "version %d; %zu open agreements, %zu overdue"),
		              c->plan.version, sum->open_agreements, sum->overdue_agreements);
		if (sum->next_review >= 0)
			kr_buf_printf(b, "; %s %s",
			              sum->review_overdue ? kr_tr(L, "bespreken sinds", "review due since")
			                                  : kr_tr(L, "bespreken voor", "review by"),
			              kr_words_day(sum->next_review, L, d, sizeof d));
		kr_buf_puts(b, "\n");
	} else {
		kr_buf_printf(b, ROW "%s\n", kr_tr(L, "netwerkplan:", "network plan:"),
		              kr_tr(L, "nog geen", "none yet"));
	}
	kr_buf_printf(b, ROW, kr_tr(L, "laatste bijeenkomst:", "last meeting:"));
	if (sum->last_meeting >= 0) {
		const struct kr_meeting *m = &c->meetings[sum->last_meeting];
		kr_buf_printf(b, "%s (%s)\n", kr_words_date(m->date, L, d, sizeof d),
		              kr_enum_label(KR_ENUM_MEETING_TYPE, m->type, L));
	} else {
		kr_buf_puts(b, "-\n");
	}
	if (sum->next_meeting >= 0) {
		const struct kr_meeting *m = &c->meetings[sum->next_meeting];
		kr_buf_printf(b, ROW "%s (%s)\n", kr_tr(L, "volgende bijeenkomst:", "next meeting:"),
		              kr_words_date(m->date, L, d, sizeof d),
		              kr_enum_label(KR_ENUM_MEETING_TYPE, m->type, L));
	}
	if (sum->settling.placement >= 0 && sum->settling.first_year) {
		const struct kr_settling *st = &sum->settling;
		kr_buf_printf(b, ROW, kr_tr(L, "wennen:", "settling in:"));
		kr_buf_printf(b, kr_tr(L, "%zu van de %d gesprekken gedaan", "%zu of %d check-ins "
		                       "done"), st->done, KR_SETTLING_CHECKINS);
		if (st->next >= 0)
			kr_buf_printf(b, kr_tr(L, "; volgende rond %s%s", "; next around %s%s"),
			              kr_words_day(st->due[st->next], L, d, sizeof d),
			              st->overdue ? kr_tr(L, " (te laat)", " (overdue)") : "");
		kr_buf_puts(b, "\n");
	}
	top = kri_signals_tally(&sum->signals, counts);
	kr_buf_printf(b, ROW, kr_tr(L, "signalen:", "signals:"));
	kr_buf_printf(b, kr_tr(L, "%zu alarm, %zu let op, %zu info", "%zu alert, %zu warning, %zu info"),
	              counts[KR_LEVEL_ALERT], counts[KR_LEVEL_WARNING], counts[KR_LEVEL_INFO]);
	if (top)
		kr_buf_printf(b, kr_tr(L, "; het ernstigste: %s", "; the most severe: %s"),
		              top->title[L]);
	kr_buf_printf(b, " (kring signals %s)\n", c->ref);
	kr_buf_printf(b, "  %s\n", kr_tr(L, "vijf factoren:", "five factors:"));
	for (int f = 0; f < KR_FACTOR__N; f++) {
		const char *label = kr_factor_label((enum kr_factor)f, L);
		size_t width = 0;
		for (const char *q = label; *q; q++)          /* characters, not bytes */
			width += ((unsigned char)*q & 0xC0) != 0x80;
		kr_buf_printf(b, "    %s%*s %s\n", label, (int)(width < 32 ? 32 - width : 0), "",
		              kr_enum_label(KR_ENUM_FACTOR_STATUS, (int)sum->factor[f] + 1, L));
	}
	return b->failed ? b->why : KR_OK;
}
