/*
 * test_summary.c - the derived facts every front door shows (issue 8 item
 * 1): kr_case_summary against the rules it summarises (its top signal is
 * the first of kr_signals_compute, its overdue agreements are the
 * agreement-overdue signals, its next review the last day before
 * plan-review-overdue fires, for a full and a month-precision date), the
 * path figures, trust figures, meetings, network size and the five
 * factors, its JSON shape and its text in Dutch and English; kr_plan_*;
 * kr_words_* (dates in both languages and precisions, durations at every
 * boundary of their wording, pronouns, lists); and kr_stats over a small
 * temporary store: the counts, disclosure control (rounded to 5, under 10 held back), and no name,
 * ref or id of a person anywhere in the figures.
 */
#include <ctype.h>
#include <unistd.h>

#include <jansson.h>

#include "testutil.h"
#include "tu_json.h"
#include "kring/plan.h"
#include "kring/settings.h"
#include "kring/signals.h"
#include "kring/stats.h"
#include "kring/store.h"
#include "kring/summary.h"
#include "kring/words.h"

#define AS_OF "2026-12-01"

/* The case of test_signals_path.c, going well on 2026-12-01: Sam (12) with
 * Marga since 15 January 2025, Kees his trust figure, two open agreements,
 * a network meeting on 1 October 2026.  Single quotes stand for double
 * quotes. */
static const char BASE[] =
	"{'format': 'kring-case/1',"
	" 'case': {'ref': 'T-1', 'child': 'p1', 'opened': '2025-01-10',"
	"   'perspective_decision': {'date': '2025-09-01', 'outcome': 'upbringing'},"
	"   'development_checks': ['2026-06-01'],"
	"   'behaviour': {'externalising': false, 'internalising': false}},"
	" 'persons': ["
	"  {'id': 'p1', 'name': 'Sam', 'sex': 'm', 'born': '2014-05-02', 'roles': ['child'],"
	"   'world': 'origin', 'segment': 'household'},"
	"  {'id': 'p2', 'name': 'Ilse', 'sex': 'f', 'born': '1989', 'roles': ['parent'],"
	"   'world': 'origin', 'segment': 'family'},"
	"  {'id': 'p3', 'name': 'Noor', 'sex': 'f', 'born': '2011', 'roles': ['sibling'],"
	"   'world': 'origin', 'segment': 'family'},"
	"  {'id': 'p4', 'name': 'Henk', 'sex': 'm', 'roles': ['grandparent'],"
	"   'world': 'origin', 'segment': 'family'},"
	"  {'id': 'p5', 'name': 'Marga', 'sex': 'f', 'roles': ['foster_parent'],"
	"   'world': 'foster', 'segment': 'household'},"
	"  {'id': 'p6', 'name': 'Kees', 'sex': 'm', 'roles': ['coach'],"
	"   'world': 'shared', 'segment': 'leisure'},"
	"  {'id': 'p7', 'name': 'Lotte', 'sex': 'f', 'roles': ['friend'],"
	"   'world': 'shared', 'segment': 'friends'},"
	"  {'id': 'p8', 'name': 'Bram', 'sex': 'm', 'roles': ['teacher'],"
	"   'world': 'shared', 'segment': 'school_work'},"
	"  {'id': 'p9', 'name': 'Anouk', 'sex': 'f', 'roles': ['foster_care_worker'],"
	"   'world': 'professional', 'segment': 'professionals',"
	"   'involved': [{'from': '2025-01-10', 'to': null}]}],"
	" 'kinship': ["
	"  {'type': 'parent', 'parent': 'p2', 'child': 'p1'},"
	"  {'type': 'parent', 'parent': 'p2', 'child': 'p3'}],"
	" 'ties': ["
	"  {'a': 'p1', 'b': 'p2', 'strength': 'normal', 'quality': 'positive',"
	"   'frequency': 'monthly'},"
	"  {'a': 'p1', 'b': 'p3', 'strength': 'strong', 'quality': 'positive',"
	"   'frequency': 'weekly'},"
	"  {'a': 'p1', 'b': 'p4', 'quality': 'positive', 'frequency': 'monthly'},"
	"  {'a': 'p1', 'b': 'p5', 'strength': 'strong', 'quality': 'positive',"
	"   'frequency': 'daily'},"
	"  {'a': 'p1', 'b': 'p6', 'strength': 'strong', 'quality': 'positive',"
	"   'frequency': 'weekly', 'support': ['emotional'], 'direction': 'b_to_a',"
	"   'trust_figure': true},"
	"  {'a': 'p1', 'b': 'p7', 'quality': 'positive', 'frequency': 'weekly'},"
	"  {'a': 'p1', 'b': 'p8', 'quality': 'neutral', 'frequency': 'weekly'},"
	"  {'a': 'p1', 'b': 'p9', 'quality': 'positive', 'frequency': 'monthly'},"
	"  {'a': 'p2', 'b': 'p5', 'quality': 'positive', 'frequency': 'monthly'}],"
	" 'placements': ["
	"  {'id': 'pl1', 'form': 'foster_fulltime', 'variant': 'upbringing', 'network': false,"
	"   'carers': ['p5'], 'start': '2025-01-15', 'end': null, 'end_reason': null,"
	"   'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}],"
	" 'events': [{'date': '2014-05-02', 'type': 'birth', 'person': 'p1'}],"
	" 'meetings': ["
	"  {'id': 'm1', 'date': '2026-10-01', 'type': 'round_table', 'continuum': 'C',"
	"   'invited': ['p1', 'p2', 'p5', 'p6', 'p9'], 'attended': ['p1', 'p2', 'p5', 'p9']}],"
	" 'support': {'foster_parents': {'person': 'p9', 'contacts': ['2026-10-01']}},"
	" 'plan': {'version': 3, 'adopted': '2025-02-20', 'reviewed': '2026-10-01',"
	"  'safety': 'Marga and Kees watch the evenings; Sam calls Kees when scared',"
	"  'safety_map': {'worries': ['evenings alone'], 'working_well': ['football'],"
	"   'needs_to_happen': ['weekly call'],"
	"   'scale': [{'date': '2026-04-01', 'score': 6, 'by': 'p9'},"
	"             {'date': '2026-10-01', 'score': 7, 'by': 'p9'}]},"
	"  'wishes': [{'id': 'w1', 'by': 'p1', 'date': '2026-09-01',"
	"   'text': 'keep playing football', 'response': 'Kees drives Sam every Saturday'}],"
	"  'goals': [{'id': 'g1', 'text': 'Sam sees Noor', 'indicator': 'visits per month'}],"
	"  'agreements': ["
	"   {'id': 'a1', 'goal': 'g1', 'who': ['p5'], 'what': 'bring Sam to Noor',"
	"    'when': 'every other Sunday', 'due': '2027-01-01', 'if_not': 'Kees takes over',"
	"    'status': 'open'},"
	"   {'id': 'a2', 'who': ['p6'], 'what': 'drive Sam to football', 'due': '2027-03-01',"
	"    'if_not': 'Marga drives', 'status': 'open'}]}}";

/* ---- computing, freed by the teardown ---- */

static json_t *g_doc;
static struct kr_case *g_case;
static struct kr_case_summary *g_sum;
static struct kr_signal_list g_list;
static json_t *g_json;

static int teardown(void **state)
{
	(void)state;
	kr_case_summary_free(g_sum);
	g_sum = NULL;
	kr_signal_list_cleanup(&g_list);
	kr_case_free(g_case);
	g_case = NULL;
	json_decref(g_doc);
	g_doc = NULL;
	json_decref(g_json);
	g_json = NULL;
	return 0;
}

static json_t *fresh(void)
{
	json_decref(g_doc);
	g_doc = J(BASE);
	return g_doc;
}

/* The summary of doc on as_of with settings s (NULL: defaults); also the
 * signals of the same case (g_list), to compare with. */
static const struct kr_case_summary *sum_with(json_t *doc, const char *as_of,
                                              const struct kr_settings *s)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	struct kr_error err;
	assert_non_null(text);
	kr_case_summary_free(g_sum);
	g_sum = NULL;
	kr_signal_list_cleanup(&g_list);
	kr_case_free(g_case);
	g_case = tu_case_from_text(text);
	free(text);
	kr_error_init(&err);
	if (kr_case_summary(g_case, NULL, tu_day(as_of), s, &g_sum, &err) != KR_OK)
		fail_msg("kr_case_summary: %s", err.message);
	assert_int_equal(kr_signals_compute(g_case, NULL, tu_day(as_of), s, &g_list, &err), KR_OK);
	kr_error_cleanup(&err);
	assert_non_null(g_sum);
	return g_sum;
}

static const struct kr_case_summary *sum(json_t *doc, const char *as_of)
{
	return sum_with(doc, as_of, NULL);
}

static void contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("\"%s\" not in \"%s\"", part, text ? text : "(null)");
}

static size_t count_id(const struct kr_signal_list *l, const char *id, enum kr_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strcmp(l->v[i].id, id) == 0 && l->v[i].level == level;
	return n;
}

/* What holds between a summary and the signals of the same case. */
static void agrees_with_signals(const struct kr_case_summary *s, const struct kr_signal_list *l)
{
	size_t counts[3] = { 0 }, noverdue = 0;
	assert_int_equal(s->signals.n, l->n);
	for (size_t i = 0; i < l->n; i++) {
		counts[l->v[i].level]++;
		assert_string_equal(s->signals.v[i].id, l->v[i].id);
		assert_string_equal(s->signals.v[i].message[KR_LANG_NL], l->v[i].message[KR_LANG_NL]);
	}
	for (int k = 0; k < 3; k++)
		assert_int_equal(s->counts[k], counts[k]);
	/* the overdue agreements are the agreement-overdue signals, in order */
	for (size_t i = 0; i < l->n; i++) {
		const struct kr_signal *sg = &l->v[i];
		if (strcmp(sg->id, "agreement-overdue") != 0)
			continue;
		assert_true(noverdue < s->noverdue);
		assert_string_equal(sg->subjects[0],
		                    g_case->plan.agreements[s->overdue[noverdue]].id);
		noverdue++;
	}
	assert_int_equal(noverdue, s->noverdue);
	assert_int_equal(s->overdue_agreements, s->noverdue);
	/* the plan is overdue for review exactly when the signal says so */
	assert_int_equal(s->review_overdue, count_id(l, "plan-review-overdue",
	                                             KR_LEVEL_WARNING) == 1);
}

/* ---- kr_case_summary ---- */

static void summary_going_well(void **state)
{
	const struct kr_case_summary *s;
	(void)state;
	s = sum(fresh(), AS_OF);
	agrees_with_signals(s, &g_list);
	assert_ptr_equal(s->c, g_case);
	assert_int_equal(s->as_of, tu_day(AS_OF));
	assert_int_equal(s->age, 12);
	assert_int_equal(s->current, 0);
	assert_true(s->path->out_of_home);
	assert_int_equal(s->path->home_since, tu_day("2025-01-15"));
	assert_int_equal(s->path->moves_total, 0);
	assert_int_equal(s->ntrust, 1);
	assert_string_equal(g_case->persons[s->trust[0]].id, "p6");
	assert_false(s->trust_professional_only);
	assert_int_equal(s->signals.n, 0);
	assert_int_equal(s->open_agreements, 2);
	assert_int_equal(s->noverdue, 0);
	assert_int_equal(s->nunowned, 0);
	assert_int_equal(s->next_review, tu_day("2027-04-01"));
	assert_false(s->review_overdue);
	assert_int_equal(s->last_meeting, 0);
	assert_int_equal(s->next_meeting, -1);
	assert_int_equal(s->network_size, 7);              /* p2..p8 */
	assert_int_equal(s->by_world[KR_WORLD_ORIGIN], 3);
	assert_int_equal(s->by_world[KR_WORLD_FOSTER], 1);
	assert_int_equal(s->by_world[KR_WORLD_SHARED], 3);
	assert_int_equal(s->by_world[KR_WORLD_PROFESSIONAL], 1);
	assert_int_equal(s->child_wishes, 1);
	assert_int_equal(s->answered_wishes, 1);
	for (int f = 0; f < KR_FACTOR__N; f++)
		assert_int_equal(s->factor[f], KR_FACTOR_OK);
	kr_case_summary_free(NULL);
}

/* A case with a troubled path: moved, broke down, overdue agreements. */
static json_t *troubled(void)
{
	json_t *d = fresh();
	add(d, "persons", "{'id': 'p10', 'name': 'Truus', 'roles': ['foster_parent'],"
	                  " 'world': 'foster'}");
	put(d, "placements", "[{'id': 'pl0', 'form': 'crisis', 'carers': ['p10'],"
	                     "  'start': '2024-02-01', 'end': '2024-05-01'},"
	                     " {'id': 'pl0b', 'form': 'foster_fulltime', 'carers': ['p10'],"
	                     "  'start': '2024-05-01', 'end': '2026-09-20', 'end_reason': 'breakdown'},"
	                     " {'id': 'pl1', 'form': 'foster_fulltime', 'network': true,"
	                     "  'carers': ['p5'], 'start': '2026-09-20'}]");
	drop(at(d, "case"), "perspective_decision");
	put_str(at(d, "meetings[0]"), "date", "2026-09-01");
	add(d, "meetings", "{'id': 'm2', 'date': '2027-01-15', 'type': 'diy', 'continuum': 'A'}");
	put_str(at(d, "plan.agreements[0]"), "due", "2026-11-01");
	put_str(at(d, "plan.agreements[1]"), "due", "2026-10");
	add(d, "plan.agreements", "{'id': 'a3', 'what': 'call school', 'status': 'open'}");
	add(d, "plan.agreements", "{'id': 'a4', 'who': ['p4'], 'due': '2026-01-01',"
	                          " 'status': 'done'}");
	add(d, "plan.wishes", "{'id': 'w2', 'by': 'p1', 'date': '2026-11-20', 'text': 'a dog'}");
	return d;
}

static void summary_of_a_path(void **state)
{
	const struct kr_case_summary *s;
	(void)state;
	s = sum(troubled(), AS_OF);
	agrees_with_signals(s, &g_list);
	/* the current placement and the path */
	assert_string_equal(g_case->placements[s->current].id, "pl1");
	assert_int_equal(s->path->nperiods, 1);
	assert_int_equal(s->path->periods[0].start, tu_day("2024-02-01"));
	assert_int_equal(s->path->moves_total, 1);
	assert_int_equal(s->path->breakdowns_total, 1);
	assert_int_equal(s->path->nhomes, 2);
	/* the top signal is the first of kr_signals_compute */
	assert_true(s->signals.n > 0);
	assert_string_equal(s->signals.v[0].id, g_list.v[0].id);
	assert_int_equal(s->signals.v[0].level, KR_LEVEL_ALERT);
	assert_int_equal(count_id(&g_list, "recent-breakdown", KR_LEVEL_ALERT), 1);
	assert_int_equal(count_id(&g_list, "perspective-overdue", KR_LEVEL_ALERT), 1);
	/* overdue: a1 (1 November) and a2 (October); a3 has no date; a4 done */
	assert_int_equal(s->open_agreements, 3);
	assert_int_equal(s->noverdue, 2);
	assert_int_equal(count_id(&g_list, "agreement-overdue", KR_LEVEL_WARNING), 2);
	assert_int_equal(s->nunowned, 1);
	assert_string_equal(g_case->plan.agreements[s->unowned[0]].id, "a3");
	/* meetings: the last on or before as-of, the next after */
	assert_string_equal(g_case->meetings[s->last_meeting].id, "m1");
	assert_string_equal(g_case->meetings[s->next_meeting].id, "m2");
	assert_int_equal(s->child_wishes, 2);
	assert_int_equal(s->answered_wishes, 1);
	/* the factors: an alert for continuity, warnings elsewhere */
	assert_int_equal(s->factor[KR_FACTOR_CONTINUITY], KR_FACTOR_CONCERN);
	assert_int_equal(s->factor[KR_FACTOR_TRUST], KR_FACTOR_OK);
	assert_int_equal(s->factor[KR_FACTOR_HEARD], KR_FACTOR_OK);   /* w2 is 11 days old */
	s = sum(g_doc, "2026-12-19");
	assert_int_equal(s->factor[KR_FACTOR_HEARD], KR_FACTOR_WATCH);
	agrees_with_signals(s, &g_list);
	/* a month-precision due date is overdue after its month, a1 the day
	 * after its day */
	s = sum(g_doc, "2026-11-01");
	assert_int_equal(s->noverdue, 1);
	assert_string_equal(g_case->plan.agreements[s->overdue[0]].id, "a2");
	agrees_with_signals(s, &g_list);
	s = sum(g_doc, "2026-10-31");
	assert_int_equal(s->noverdue, 0);
	agrees_with_signals(s, &g_list);
	s = sum(g_doc, "2026-11-02");
	assert_int_equal(s->noverdue, 2);
	agrees_with_signals(s, &g_list);
}

/* next_review is the last day on which plan-review-overdue is silent. */
static void next_review_boundary(void **state)
{
	static const struct {
		const char *reviewed, *due;
	} cases[] = {
		{ "2026-05-20", "2026-11-20" },
		{ "2026-05", "2026-11-30" },          /* counted from 31 May */
		{ "2026-08-31", "2027-02-28" },       /* no 31 February */
		{ "2025", "2026-06-30" },             /* from 31 December 2025 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *d = fresh();
		const struct kr_case_summary *s;
		long due = tu_day(cases[i].due);
		char day[11];
		put_str(at(d, "plan"), "reviewed", cases[i].reviewed);
		s = sum(d, cases[i].due);
		assert_int_equal(s->next_review, due);
		assert_int_equal(kr_plan_next_review(g_case, NULL), due);
		assert_false(s->review_overdue);
		assert_int_equal(count_id(&g_list, "plan-review-overdue", KR_LEVEL_WARNING), 0);
		kr_date_format(kr_date_from_days(due + 1), day);
		s = sum(d, day);
		assert_int_equal(s->next_review, due);
		assert_true(s->review_overdue);
		assert_int_equal(count_id(&g_list, "plan-review-overdue", KR_LEVEL_WARNING), 1);
		agrees_with_signals(s, &g_list);
	}
}

static void summary_trust_figures(void **state)
{
	json_t *d = fresh();
	const struct kr_case_summary *s;
	(void)state;
	put(tie(d, "p1", "p9"), "trust_figure", "true");
	s = sum(d, AS_OF);
	assert_int_equal(s->ntrust, 2);
	assert_false(s->trust_professional_only);
	/* Kees died: Anouk, a professional, is the only one */
	put_str(at(d, "persons[5]"), "died", "2026-11-01");
	s = sum(d, AS_OF);
	assert_int_equal(s->ntrust, 1);
	assert_string_equal(g_case->persons[s->trust[0]].id, "p9");
	assert_true(s->trust_professional_only);
	assert_int_equal(s->factor[KR_FACTOR_TRUST], KR_FACTOR_WATCH);
	assert_int_equal(count_id(&g_list, "trust-figure-professional", KR_LEVEL_INFO), 1);
	/* and her involvement ended: none, as no-trust-figure says */
	put(at(d, "persons[8]"), "involved", "[{'from': '2025-01-10', 'to': '2026-11-15'}]");
	s = sum(d, AS_OF);
	assert_int_equal(s->ntrust, 0);
	assert_false(s->trust_professional_only);
	assert_int_equal(s->factor[KR_FACTOR_TRUST], KR_FACTOR_CONCERN);
	assert_int_equal(count_id(&g_list, "no-trust-figure", KR_LEVEL_WARNING), 1);
	/* the network: Kees no longer counts either */
	assert_int_equal(s->network_size, 6);
}

static void summary_factors(void **state)
{
	json_t *d = fresh();
	const struct kr_case_summary *s;
	(void)state;
	/* a meeting with the professional in charge (continuum D) */
	put_str(at(d, "meetings[0]"), "continuum", "D");
	s = sum(d, AS_OF);
	assert_int_equal(s->signals.n, 0);
	assert_int_equal(s->factor[KR_FACTOR_SAY], KR_FACTOR_WATCH);
	put_str(at(d, "meetings[0]"), "continuum", "C");
	/* conflict between Ilse and Marga: an alert for support */
	put(tie(d, "p2", "p5"), "quality", "'conflict'");
	s = sum(d, AS_OF);
	assert_int_equal(s->factor[KR_FACTOR_SUPPORT], KR_FACTOR_CONCERN);
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	/* data missing for a rule of a factor: watch */
	drop(at(d, "placements[0]"), "network");
	drop(at(d, "placements[0]"), "network_search");
	s = sum(d, AS_OF);
	assert_int_equal(count_id(&g_list, "data-missing", KR_LEVEL_INFO), 1);
	assert_int_equal(s->factor[KR_FACTOR_CONTINUITY], KR_FACTOR_WATCH);
	assert_true(kr_factor_has_signal(KR_FACTOR_CONTINUITY, &s->signals.v[0]));
	assert_false(kr_factor_has_signal(KR_FACTOR_TRUST, &s->signals.v[0]));
	assert_int_equal(s->factor[KR_FACTOR_TRUST], KR_FACTOR_OK);
	/* the names */
	assert_string_equal(kr_factor_name(KR_FACTOR_HEARD), "heard");
	assert_string_equal(kr_factor_name(KR_FACTOR_CONTINUITY), "continuity");
	assert_string_equal(kr_factor_status_name(KR_FACTOR_WATCH), "watch");
	assert_string_equal(kr_factor_label(KR_FACTOR_TRUST, KR_LANG_NL), "Een vertrouwensfiguur");
	assert_string_equal(kr_factor_label(KR_FACTOR_TRUST, KR_LANG_EN), "A trust figure");
}

/* ---- the summary's JSON and text ---- */

static json_t *key(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!v)
		fail_msg("summary JSON has no \"%s\"", k);
	return v;
}

/* The open agreements per person: done ones and unowned ones do not count,
 * most first, then by name; a professional is not informal. */
static void load_per_person(void **state)
{
	const struct kr_case_summary *s;
	json_t *d = troubled(), *o, *v;
	(void)state;
	add(d, "plan.agreements", "{'id': 'a5', 'who': ['p9', 'p6'], 'what': 'plan a visit',"
	                          " 'status': 'open'}");
	s = sum(d, AS_OF);
	assert_int_equal(s->nload, 3);
	assert_string_equal(g_case->persons[s->load[0].person].id, "p6");   /* Kees, 2 */
	assert_int_equal(s->load[0].open, 2);
	assert_true(s->load[0].informal);
	assert_string_equal(g_case->persons[s->load[1].person].id, "p9");   /* Anouk, 1 */
	assert_false(s->load[1].informal);
	assert_string_equal(g_case->persons[s->load[2].person].id, "p5");   /* Marga, 1 */
	g_json = o = kr_case_summary_json(s, false);
	v = key(key(o, "agreements"), "per_person");
	assert_int_equal(json_array_size(v), 3);
	assert_string_equal(json_string_value(key(json_array_get(v, 0), "person")), "p6");
	assert_string_equal(json_string_value(key(json_array_get(v, 0), "name")), "Kees");
	assert_int_equal(json_integer_value(key(json_array_get(v, 0), "open")), 2);
	assert_true(json_is_true(key(json_array_get(v, 0), "informal")));
	assert_true(json_is_false(key(json_array_get(v, 1), "informal")));
	assert_string_equal(json_string_value(key(json_array_get(v, 2), "name")), "Marga");
}

static void summary_json(void **state)
{
	const struct kr_case_summary *s;
	json_t *o, *p, *f, *v;
	size_t i;
	(void)state;
	s = sum(troubled(), AS_OF);
	g_json = o = kr_case_summary_json(s, true);
	assert_non_null(o);
	assert_string_equal(json_string_value(key(o, "ref")), "T-1");
	assert_string_equal(json_string_value(key(o, "as_of")), AS_OF);
	assert_string_equal(json_string_value(key(key(o, "child"), "id")), "p1");
	assert_string_equal(json_string_value(key(key(o, "child"), "name")), "Sam");
	assert_string_equal(json_string_value(key(key(o, "child"), "sex")), "m");
	assert_int_equal(json_integer_value(key(key(o, "child"), "age")), 12);
	p = key(o, "placement");
	assert_string_equal(json_string_value(key(p, "id")), "pl1");
	assert_string_equal(json_string_value(key(p, "form")), "foster_fulltime");
	assert_string_equal(json_string_value(key(p, "since")), "2026-09-20");
	assert_string_equal(json_string_value(json_array_get(key(p, "carers"), 0)), "p5");
	assert_true(json_is_true(key(p, "network")));
	p = key(o, "path");
	assert_true(json_is_true(key(p, "out_of_home")));
	assert_string_equal(json_string_value(key(p, "out_of_home_since")), "2024-02-01");
	assert_int_equal(json_integer_value(key(p, "days_out_of_home")),
	                 tu_day(AS_OF) - tu_day("2024-02-01"));
	assert_string_equal(json_string_value(key(p, "home_since")), "2026-09-20");
	assert_int_equal(json_integer_value(key(key(p, "moves"), "period")), 1);
	assert_int_equal(json_integer_value(key(key(p, "moves"), "total")), 1);
	assert_int_equal(json_integer_value(key(key(p, "breakdowns"), "total")), 1);
	assert_int_equal(json_array_size(key(p, "homes")), 2);
	v = json_array_get(key(p, "homes"), 0);
	assert_string_equal(json_string_value(key(v, "first")), "pl0");
	assert_string_equal(json_string_value(key(v, "last")), "pl0b");
	assert_true(json_is_false(key(v, "move")));
	assert_string_equal(json_string_value(key(json_array_get(key(p, "move_list"), 0),
	                    "placement")), "pl1");
	assert_string_equal(json_string_value(key(json_array_get(key(p, "breakdown_list"), 0),
	                    "date")), "2026-09-20");
	assert_int_equal(json_array_size(key(o, "trust_figures")), 1);
	assert_true(json_is_false(key(o, "trust_figure_professional_only")));
	v = key(o, "signals");
	assert_int_equal(json_integer_value(key(v, "alert")), (json_int_t)s->counts[KR_LEVEL_ALERT]);
	assert_int_equal(json_integer_value(key(v, "warning")),
	                 (json_int_t)s->counts[KR_LEVEL_WARNING]);
	assert_int_equal(json_integer_value(key(v, "info")), (json_int_t)s->counts[KR_LEVEL_INFO]);
	assert_string_equal(json_string_value(key(key(v, "top"), "id")), g_list.v[0].id);
	assert_string_equal(json_string_value(key(key(v, "top"), "level")), "alert");
	v = key(o, "agreements");
	assert_int_equal(json_integer_value(key(v, "open")), 3);
	assert_int_equal(json_integer_value(key(v, "overdue")), 2);
	assert_string_equal(json_string_value(json_array_get(key(v, "overdue_ids"), 0)), "a1");
	assert_string_equal(json_string_value(json_array_get(key(v, "overdue_ids"), 1)), "a2");
	assert_string_equal(json_string_value(json_array_get(key(v, "unowned_ids"), 0)), "a3");
	v = key(o, "plan");
	assert_true(json_is_true(key(v, "present")));
	assert_int_equal(json_integer_value(key(v, "version")), 3);
	assert_string_equal(json_string_value(key(v, "next_review")), "2027-04-01");
	assert_true(json_is_false(key(v, "review_overdue")));
	assert_string_equal(json_string_value(key(key(o, "last_meeting"), "id")), "m1");
	assert_string_equal(json_string_value(key(key(o, "last_meeting"), "continuum")), "C");
	assert_string_equal(json_string_value(key(key(o, "next_meeting"), "date")), "2027-01-15");
	v = key(o, "network");
	assert_int_equal(json_integer_value(key(v, "size")), 7);
	assert_int_equal(json_integer_value(key(v, "persons")), 9);
	assert_int_equal(json_integer_value(key(key(v, "by_world"), "foster")), 2);
	assert_int_equal(json_integer_value(key(key(o, "wishes"), "child")), 2);
	f = key(o, "factors");
	assert_int_equal(json_array_size(f), KR_FACTOR__N);
	json_array_foreach(f, i, v) {
		assert_string_equal(json_string_value(key(v, "key")), kr_factor_name((enum kr_factor)i));
		assert_string_equal(json_string_value(key(v, "status")),
		                    kr_factor_status_name(s->factor[i]));
		assert_non_null(json_string_value(key(key(v, "label"), "nl")));
		assert_true(json_is_array(key(v, "signals")));
	}
	assert_int_equal(json_array_size(key(o, "signal_list")), g_list.n);
	json_decref(o);
	/* without the list; a child at home, no plan, no meetings: nulls */
	g_json = o = kr_case_summary_json(s, false);
	assert_null(json_object_get(o, "signal_list"));
	json_decref(o);
	g_json = NULL;
	{
		json_t *d = fresh();
		drop(d, "plan");
		put(d, "meetings", "[]");
		put(d, "placements", "[]");
		drop(at(d, "persons[0]"), "born");
		s = sum(d, AS_OF);
		g_json = o = kr_case_summary_json(s, false);
		assert_non_null(o);
		assert_true(json_is_null(key(o, "placement")));
		assert_true(json_is_null(key(key(o, "child"), "age")));
		assert_true(json_is_null(key(key(o, "path"), "out_of_home_since")));
		assert_true(json_is_null(key(key(o, "path"), "home_since")));
		assert_true(json_is_null(key(key(o, "plan"), "next_review")));
		assert_true(json_is_false(key(key(o, "plan"), "present")));
		assert_true(json_is_null(key(o, "last_meeting")));
		assert_true(json_is_null(key(o, "next_meeting")));
	}
}

static char *summary_text(const struct kr_case_summary *s, enum kr_lang lang)
{
	struct kr_buf b;
	char *t;
	kr_buf_init(&b, 1u << 20);
	assert_int_equal(kr_case_summary_text(s, lang, &b), KR_OK);
	t = kr_buf_steal(&b, NULL);
	assert_non_null(t);
	return t;
}

/* The settling-in schedule of the current home (settling.h): the six
 * check-ins from the start, how many are done, the next and whether it is
 * late, the same as settling-checkin-overdue says; in JSON and in the
 * text while the first year lasts. */
/* The facts the meeting pages show and fill in by (kr_case_person_alive,
 * kr_meeting_taken_place), on the summary's day: not derived again in the
 * browser. */
static void summary_on_day(void **state)
{
	json_t *d = fresh(), *alive, *held;
	const struct kr_case_summary *s;
	(void)state;
	put_str(at(d, "persons[5]"), "died", "2026-11-01");
	add(d, "meetings", "{'id': 'm2', 'date': '2026-12-15', 'type': 'round_table'}");
	add(d, "meetings", "{'id': 'm3', 'date': '2026-12', 'type': 'round_table'}");
	add(d, "meetings", "{'id': 'm4', 'type': 'round_table'}");
	s = sum(d, AS_OF);
	g_json = kr_case_summary_json(s, true);
	alive = key(g_json, "persons_alive");
	held = key(g_json, "meetings_taken_place");
	assert_int_equal(json_array_size(alive), 8);
	for (size_t i = 0; i < json_array_size(alive); i++)
		assert_string_not_equal(json_string_value(json_array_get(alive, i)), "p6");
	/* m1 was in October, m3's month has begun; m2 is to come, m4 has no date */
	assert_int_equal(json_array_size(held), 2);
	assert_string_equal(json_string_value(json_array_get(held, 0)), "m1");
	assert_string_equal(json_string_value(json_array_get(held, 1)), "m3");
	assert_false(kr_meeting_taken_place(g_case->meetings[1].date, tu_day(AS_OF)));
	assert_true(kr_meeting_taken_place(g_case->meetings[1].date, tu_day("2026-12-15")));
	/* not in the rows of the case list */
	json_decref(g_json);
	g_json = kr_case_summary_json(s, false);
	assert_null(json_object_get(g_json, "persons_alive"));
}

static void summary_settling(void **state)
{
	json_t *d = fresh(), *j, *st;
	const struct kr_case_summary *s;
	char *nl;
	(void)state;
	put_str(at(d, "placements[0]"), "start", "2026-06-01");
	put(at(d, "placements[0]"), "settling", "[{'date': '2026-06-08', 'child': 4},"
	    " {'date': '2026-06-22', 'child': 3, 'parents': 2}]");
	s = sum(d, "2026-07-27");       /* check-in 3 due 2026-07-13: 14 days late */
	assert_int_equal(s->settling.placement, 0);
	assert_int_equal(s->settling.done, 2);
	assert_int_equal(s->settling.next, 2);
	assert_false(s->settling.overdue);
	assert_int_equal(count_id(&g_list, "settling-checkin-overdue", KR_LEVEL_WARNING), 0);
	s = sum(d, "2026-07-28");       /* 15 days late */
	assert_true(s->settling.overdue);
	assert_int_equal(count_id(&g_list, "settling-checkin-overdue", KR_LEVEL_WARNING), 1);
	j = kr_case_summary_json(s, false);
	st = json_object_get(j, "settling");
	assert_string_equal(json_string_value(json_object_get(st, "placement")), "pl1");
	assert_string_equal(json_string_value(json_object_get(st, "next_due")), "2026-07-13");
	assert_true(json_is_true(json_object_get(st, "overdue")));
	assert_int_equal(json_array_size(json_object_get(st, "schedule")), 6);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	                    json_object_get(st, "schedule"), 5), "due")), "2027-06-01");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	                 json_object_get(st, "checkins"), 1), "parents")), 2);
	json_decref(j);
	nl = summary_text(s, KR_LANG_NL);
	contains(nl, "2 van de 6 gesprekken gedaan; volgende rond 13 juli 2026 (te laat)");
	free(nl);
	/* after the first year the text is silent about it */
	s = sum(d, "2027-07-01");
	nl = summary_text(s, KR_LANG_NL);
	assert_null(strstr(nl, "wennen:"));
	free(nl);
	/* back home: no schedule */
	put_str(at(d, "placements[0]"), "form", "home");
	s = sum(d, "2026-07-28");
	assert_int_equal(s->settling.placement, -1);
}

static void summary_texts(void **state)
{
	const struct kr_case_summary *s;
	char *nl, *en;
	(void)state;
	s = sum(troubled(), AS_OF);
	nl = summary_text(s, KR_LANG_NL);
	en = summary_text(s, KR_LANG_EN);
	contains(nl, "Dossier T-1 (op 1 december 2026)");
	contains(en, "Case T-1 (on 1 December 2026)");
	contains(nl, "Sam (12 jaar, geboren 2 mei 2014)");
	contains(en, "Sam (12, born 2 May 2014)");
	contains(nl, "voltijdpleegzorg sinds 20 september 2026, bij Marga (netwerkpleegzorg)");
	contains(en, "full-time foster care since 20 September 2026, with Marga");
	contains(nl, "sinds 1 februari 2024 (bijna 3 jaar); in dit thuis sinds 20 september 2026");
	contains(en, "since 1 February 2024 (almost 3 years); in this home since 20 September 2026");
	contains(nl, "1 in deze periode, 1 in totaal; breakdowns: 1 in deze periode, 1 in totaal");
	contains(en, "1 in this period, 1 in all; breakdowns: 1 in this period, 1 in all");
	contains(nl, "Kees");
	contains(nl, "versie 3; 3 open afspraken, 2 te laat; bespreken voor 1 april 2027");
	contains(en, "version 3; 3 open agreements, 2 overdue; review by 1 April 2027");
	contains(nl, "1 september 2026 (rondetafel");
	contains(nl, "15 januari 2027");
	contains(en, "15 January 2027");
	contains(nl, "het ernstigste: ");
	contains(nl, g_list.v[0].title[KR_LANG_NL]);
	contains(en, g_list.v[0].title[KR_LANG_EN]);
	contains(nl, "Continuïteit");
	contains(nl, "zorg");
	contains(en, "concern");
	/* every date in words */
	for (const char *t = nl; *t; t++)
		if (isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
		    isdigit((unsigned char)t[2]) && isdigit((unsigned char)t[3]) && t[4] == '-')
			fail_msg("ISO date in \"%s\"", nl);
	free(nl);
	free(en);
	/* overdue review, no placement, no trust figure */
	{
		json_t *d = fresh();
		put(d, "placements", "[]");
		put(tie(d, "p1", "p6"), "trust_figure", "false");
		put_str(at(d, "plan"), "reviewed", "2026-05");
		s = sum(d, AS_OF);
		nl = summary_text(s, KR_LANG_NL);
		en = summary_text(s, KR_LANG_EN);
		contains(nl, "geen plaatsing");
		contains(en, "no placement");
		contains(nl, "bespreken sinds 30 november 2026");
		contains(en, "review due since 30 November 2026");
		contains(nl, "vertrouwensfiguur:");
		contains(nl, "geen\n");
		contains(en, "none\n");
		free(nl);
		free(en);
	}
}

/* ---- kr_plan_* ---- */

static void plan_facts(void **state)
{
	struct kr_agreement a = { .status = KR_AGR_NONE };
	struct kr_settings s;
	json_t *d;
	const struct kr_case_summary *sm;
	(void)state;
	/* absent status reads as open; done and dropped are not */
	assert_true(kr_plan_agreement_open(&a));
	a.status = KR_AGR_OPEN;
	assert_true(kr_plan_agreement_open(&a));
	a.status = KR_AGR_DONE;
	assert_false(kr_plan_agreement_open(&a));
	a.status = KR_AGR_DROPPED;
	assert_false(kr_plan_agreement_open(&a));
	/* overdue: open, after the last possible day of its due date */
	a.status = KR_AGR_OPEN;
	assert_false(kr_plan_agreement_overdue(&a, tu_day("2030-01-01")));   /* no date */
	kr_date_parse("2026-11-01", &a.due);
	assert_false(kr_plan_agreement_overdue(&a, tu_day("2026-11-01")));
	assert_true(kr_plan_agreement_overdue(&a, tu_day("2026-11-02")));
	kr_date_parse("2026-11", &a.due);
	assert_false(kr_plan_agreement_overdue(&a, tu_day("2026-11-30")));
	assert_true(kr_plan_agreement_overdue(&a, tu_day("2026-12-01")));
	kr_date_parse("2026", &a.due);
	assert_false(kr_plan_agreement_overdue(&a, tu_day("2026-12-31")));
	assert_true(kr_plan_agreement_overdue(&a, tu_day("2027-01-01")));
	a.status = KR_AGR_DONE;
	assert_false(kr_plan_agreement_overdue(&a, tu_day("2027-01-01")));

	/* next review: reviewed, else adopted; plan.review_months */
	d = fresh();
	sm = sum(d, AS_OF);
	assert_int_equal(kr_plan_next_review(g_case, NULL), tu_day("2027-04-01"));
	kr_settings_defaults(&s);
	s.v[KR_SET_PLAN_REVIEW_MONTHS] = 2;
	assert_int_equal(kr_plan_next_review(g_case, &s), tu_day("2026-12-01"));
	sm = sum_with(d, "2026-12-01", &s);
	assert_false(sm->review_overdue);
	sm = sum_with(d, "2026-12-02", &s);
	assert_true(sm->review_overdue);
	assert_int_equal(count_id(&g_list, "plan-review-overdue", KR_LEVEL_WARNING), 1);
	drop(at(d, "plan"), "reviewed");
	sum(d, AS_OF);
	assert_int_equal(kr_plan_next_review(g_case, NULL), tu_day("2025-08-20"));
	drop(at(d, "plan"), "adopted");
	sm = sum(d, AS_OF);
	assert_int_equal(kr_plan_next_review(g_case, NULL), -1);
	assert_int_equal(sm->next_review, -1);
	assert_false(sm->review_overdue);
	drop(d, "plan");
	sm = sum(d, AS_OF);
	assert_int_equal(kr_plan_next_review(g_case, NULL), -1);
	assert_int_equal(sm->next_review, -1);
}

/* ---- kr_words_* ---- */

static const char *date_words(const char *iso, enum kr_lang lang)
{
	static char buf[4][32];
	static int n;
	struct kr_date d;
	char *b = buf[n++ % 4];
	if (!kr_date_parse(iso, &d))
		fail_msg("bad date %s", iso);
	return kr_words_date(d, lang, b, sizeof buf[0]);
}

static void words_dates(void **state)
{
	char b[32];
	struct kr_date none = { 0, 0, 0 };
	(void)state;
	assert_string_equal(date_words("2026-04-12", KR_LANG_NL), "12 april 2026");
	assert_string_equal(date_words("2026-04-12", KR_LANG_EN), "12 April 2026");
	assert_string_equal(date_words("2024-03", KR_LANG_NL), "maart 2024");
	assert_string_equal(date_words("2024-03", KR_LANG_EN), "March 2024");
	assert_string_equal(date_words("2024", KR_LANG_NL), "2024");
	assert_string_equal(date_words("2024", KR_LANG_EN), "2024");
	assert_string_equal(date_words("2025-01-01", KR_LANG_NL), "1 januari 2025");
	assert_string_equal(date_words("2025-12-31", KR_LANG_EN), "31 December 2025");
	assert_string_equal(date_words("2025-05-09", KR_LANG_NL), "9 mei 2025");
	assert_string_equal(kr_words_date(none, KR_LANG_NL, b, sizeof b), "");
	assert_string_equal(kr_words_day(tu_day("2026-02-28"), KR_LANG_NL, b, sizeof b),
	                    "28 februari 2026");
	assert_string_equal(kr_words_day(tu_day("2026-08-01"), KR_LANG_EN, b, sizeof b),
	                    "1 August 2026");
	/* a small buffer is cut, not overrun */
	{
		char small[6];
		kr_words_day(tu_day("2026-09-30"), KR_LANG_NL, small, sizeof small);
		assert_string_equal(small, "30 se");
	}
}

/* The span from `from` to `from` + months months + days days. */
static const char *span(const char *from, int months, int days, enum kr_lang lang)
{
	static char buf[4][32];
	static int n;
	char *b = buf[n++ % 4];
	long f = tu_day(from);
	return kr_words_span(f, kr_days_add_months(f, months) + days, lang, b, sizeof buf[0]);
}

static void words_spans(void **state)
{
	static const struct {
		int months, days;
		const char *nl, *en;
	} v[] = {
		{ 0, 0, "0 dagen", "0 days" },
		{ 0, 1, "1 dag", "1 day" },
		{ 0, 13, "13 dagen", "13 days" },
		{ 0, 14, "2 weken", "2 weeks" },
		{ 0, 20, "2 weken", "2 weeks" },
		{ 0, 21, "3 weken", "3 weeks" },
		{ 1, 0, "4 weken", "4 weeks" },           /* 31 days */
		{ 1, 27, "8 weken", "8 weeks" },          /* 58 days, not yet 2 months */
		{ 2, 0, "2 maanden", "2 months" },
		{ 11, 27, "11 maanden", "11 months" },
		{ 12, 0, "een jaar", "a year" },
		{ 14, 27, "een jaar", "a year" },
		{ 15, 0, "ruim een jaar", "over a year" },
		{ 17, 27, "ruim een jaar", "over a year" },
		{ 18, 0, "anderhalf jaar", "a year and a half" },
		{ 20, 27, "anderhalf jaar", "a year and a half" },
		{ 21, 0, "bijna 2 jaar", "almost 2 years" },
		{ 23, 27, "bijna 2 jaar", "almost 2 years" },
		{ 24, 0, "2 jaar", "2 years" },
		{ 26, 27, "2 jaar", "2 years" },
		{ 27, 0, "ruim 2 jaar", "over 2 years" },
		{ 32, 27, "ruim 2 jaar", "over 2 years" },
		{ 33, 0, "bijna 3 jaar", "almost 3 years" },
		{ 96, 0, "8 jaar", "8 years" },
	};
	char b[32];
	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		const char *nl = span("2024-01-01", v[i].months, v[i].days, KR_LANG_NL);
		const char *en = span("2024-01-01", v[i].months, v[i].days, KR_LANG_EN);
		if (strcmp(nl, v[i].nl) || strcmp(en, v[i].en))
			fail_msg("%d months %d days: \"%s\" / \"%s\", expected \"%s\" / \"%s\"",
			         v[i].months, v[i].days, nl, en, v[i].nl, v[i].en);
	}
	/* backwards is nothing */
	assert_string_equal(kr_words_span(tu_day("2026-01-02"), tu_day("2026-01-01"), KR_LANG_NL,
	                    b, sizeof b), "0 dagen");
	/* calendar months, from the end of a long month */
	assert_int_equal(kr_words_months_between(tu_day("2026-01-31"), tu_day("2026-02-28")), 1);
	assert_int_equal(kr_words_months_between(tu_day("2026-01-31"), tu_day("2026-02-27")), 0);
	assert_int_equal(kr_words_months_between(tu_day("2025-03-01"), tu_day("2025-08-31")), 5);
	assert_int_equal(kr_words_months_between(tu_day("2025-03-01"), tu_day("2025-09-01")), 6);
	assert_int_equal(kr_words_months_between(tu_day("2025-03-01"), tu_day("2025-02-01")), 0);
	assert_int_equal(kr_words_months_between(tu_day("2016-02-29"), tu_day("2026-02-28")), 120);
}

static void words_pronouns_and_lists(void **state)
{
	struct kr_pronouns p;
	struct kr_buf b;
	static const char *const names[] = { "Ilse", "Ruud", "Marga" };
	(void)state;
	p = kr_words_pronouns(KR_SEX_M, KR_LANG_NL);
	assert_string_equal(p.subject, "hij");
	assert_string_equal(p.object, "hem");
	assert_string_equal(p.possessive, "zijn");
	p = kr_words_pronouns(KR_SEX_F, KR_LANG_NL);
	assert_string_equal(p.subject, "zij");
	assert_string_equal(p.object, "haar");
	assert_string_equal(p.possessive, "haar");
	p = kr_words_pronouns(KR_SEX_M, KR_LANG_EN);
	assert_string_equal(p.subject, "he");
	assert_string_equal(p.possessive, "his");
	p = kr_words_pronouns(KR_SEX_F, KR_LANG_EN);
	assert_string_equal(p.subject, "she");
	assert_string_equal(p.object, "her");
	for (int sex = KR_SEX_NONE; sex < KR_SEX__N; sex++) {
		if (sex == KR_SEX_M || sex == KR_SEX_F)
			continue;
		p = kr_words_pronouns(sex, KR_LANG_NL);
		assert_null(p.subject);
		assert_null(p.object);
		assert_null(p.possessive);
		p = kr_words_pronouns(sex, KR_LANG_EN);
		assert_string_equal(p.subject, "they");
		assert_string_equal(p.object, "them");
		assert_string_equal(p.possessive, "their");
	}
	for (size_t n = 0; n <= 3; n++) {
		static const char *const nl[] = { "", "Ilse", "Ilse en Ruud", "Ilse, Ruud en Marga" };
		static const char *const en[] = { "", "Ilse", "Ilse and Ruud", "Ilse, Ruud and Marga" };
		kr_buf_init(&b, 256);
		kr_buf_puts(&b, "");
		assert_int_equal(kr_words_list(&b, names, n, KR_LANG_NL), KR_OK);
		assert_string_equal(b.data, nl[n]);
		kr_buf_cleanup(&b);
		kr_buf_init(&b, 256);
		kr_buf_puts(&b, "");
		assert_int_equal(kr_words_list(&b, names, n, KR_LANG_EN), KR_OK);
		assert_string_equal(b.data, en[n]);
		kr_buf_cleanup(&b);
	}
}

/* ---- kr_stats over a small store ---- */

static char dbpath[64];

static void remove_db(void)
{
	char p[80];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
}

static int db_setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-test-summary-%d.db", (int)getpid());
	remove_db();
	return 0;
}

static int db_teardown(void **state)
{
	teardown(state);
	remove_db();
	return 0;
}

/*
 * Case i of the store: every name, ref and id starts with "qwz" (so the
 * figures can be searched for them).  Child i lives in foster care (form),
 * has 2 + i informal people with a tie (the first of them a trust figure
 * when trust), two overdue agreements, and a network meeting of continuum
 * letter cont in the last 12 months plus one longer ago.
 */
static struct kr_case *stats_case(int i, const char *form, bool trust, char cont)
{
	char t[4096], friends[1024] = "", fties[1024] = "";
	size_t fo = 0, to = 0;
	for (int k = 0; k < i; k++) {
		fo += (size_t)snprintf(friends + fo, sizeof friends - fo,
		                       ",{'id':'qwzf%d_%d','name':'Qwzvriend%d','world':'shared',"
		                       "'segment':'friends'}", i, k, k);
		to += (size_t)snprintf(fties + to, sizeof fties - to,
		                       ",{'a':'qwzc%d','b':'qwzf%d_%d','frequency':'weekly'}", i, i, k);
	}
	snprintf(t, sizeof t,
	         "{'format':'kring-case/1','case':{'ref':'QWZ-%d','child':'qwzc%d'},"
	         "'persons':[{'id':'qwzc%d','name':'Qwzkind%d','born':'2015-03-01','world':'origin'},"
	         " {'id':'qwzm%d','name':'Qwzmarga%d','roles':['foster_parent'],'world':'foster'},"
	         " {'id':'qwzt%d','name':'Qwzkees%d','world':'shared','segment':'leisure'}%s],"
	         "'ties':[{'a':'qwzc%d','b':'qwzm%d','quality':'positive'},"
	         " {'a':'qwzc%d','b':'qwzt%d','trust_figure':%s}%s],"
	         "'placements':[{'id':'qwzpl%d','form':'%s','network':true,'carers':['qwzm%d'],"
	         " 'start':'2024-01-01'}],"
	         "'meetings':[{'id':'qwzmt%d','date':'2026-06-01','continuum':'%c'},"
	         " {'id':'qwzmo%d','date':'2025-06-01','continuum':'B'}],"
	         "'plan':{'reviewed':'2026-10-01','safety':'qwz safe','agreements':["
	         " {'id':'qwza%d','who':['qwzm%d'],'what':'qwz task','due':'2026-01-01'},"
	         " {'id':'qwzb%d','who':['qwzt%d'],'what':'qwz task','due':'2026-02-01'}]}}",
	         i, i, i, i, i, i, i, i, friends, i, i, i, i, trust ? "true" : "false", fties,
	         i, form, i, i, cont, i, i, i, i, i);
	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	return tu_case_from_text(t);
}

static struct kr_store *stats_store(int n)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	kr_error_init(&err);
	if (kr_store_open(dbpath, &s, &err) != KR_OK)
		fail_msg("kr_store_open: %s", err.message);
	kr_error_cleanup(&err);
	kr_store_set_now(s, 1767225600);   /* 2026-01-01T00:00:00Z */
	for (int i = 0; i < n; i++) {
		struct kr_case *c = stats_case(i, i < 5 ? "foster_fulltime" : "family_home", i < 4,
		                               i < 5 ? 'C' : 'A');
		assert_int_equal(kr_store_put(s, c, "qwzauthor", 0, NULL, NULL), KR_OK);
		kr_case_free(c);
	}
	return s;
}

/* The figures, and the text, without a trace of a person or a case. */
static void no_persons_in(const char *text)
{
	char *low = strdup(text);
	assert_non_null(low);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strstr(low, "qwz"))
		fail_msg("a name, ref or id in the figures:\n%s", text);
	free(low);
}

static size_t catalogue_at(const struct kr_stats *st, const char *id)
{
	for (size_t k = 0; k < st->nids; k++)
		if (strcmp(st->ids[k], id) == 0)
			return k;
	fail_msg("no %s in the figures", id);
	return 0;
}

static void stats_counts(void **state)
{
	struct kr_store *s = stats_store(6);
	struct kr_stats *st = NULL;
	struct kr_error err;
	json_t *o, *v;
	char *dump;
	(void)state;
	kr_error_init(&err);
	if (kr_stats_compute(s, tu_day(AS_OF), NULL, &st, &err) != KR_OK)
		fail_msg("kr_stats_compute: %s", err.message);
	kr_error_cleanup(&err);
	assert_int_equal(st->as_of, tu_day(AS_OF));
	assert_int_equal(st->cases, 6);
	assert_int_equal(st->by_form[KR_FORM_FOSTER_FULLTIME], 5);
	assert_int_equal(st->by_form[KR_FORM_FAMILY_HOME], 1);
	assert_int_equal(st->by_form[KR_FORM_NONE], 0);
	assert_int_equal(st->trust, 4);
	assert_int_equal(st->overdue, 12);
	assert_int_equal(st->meetings[KR_CONT_C], 5);
	assert_int_equal(st->meetings[KR_CONT_A], 1);
	assert_int_equal(st->meetings[KR_CONT_B], 0);       /* longer than 12 months ago */
	assert_int_equal(st->nsizes, 6);
	for (size_t k = 0; k < 6; k++)
		assert_int_equal(st->sizes[k], 2 + k);
	/* children with a signal, not signals: each child has two overdue
	 * agreements (stats.h: "children with signal ids[k] at level l") */
	assert_int_equal(st->signals[catalogue_at(st, "agreement-overdue")][KR_LEVEL_WARNING], 6);
	assert_int_equal(st->signals[catalogue_at(st, "no-trust-figure")][KR_LEVEL_WARNING], 2);

	g_json = o = kr_stats_json(st);
	assert_non_null(o);
	assert_string_equal(json_string_value(key(o, "as_of")), AS_OF);
	/* six children: every count from 1 to 9 is held back (null), a 0 is
	 * shown, 12 overdue agreements are published as 10 (rounded to 5) */
	assert_true(json_is_null(key(o, "cases")));
	v = key(o, "by_form");
	assert_true(json_is_null(key(v, "foster_fulltime")));
	assert_true(json_is_null(key(v, "family_home")));
	assert_null(json_object_get(v, "none"));
	v = key(o, "signals");
	assert_true(json_is_null(key(key(v, "agreement-overdue"), "warning")));
	assert_true(json_is_null(key(key(v, "no-trust-figure"), "warning")));
	assert_true(json_is_integer(key(key(v, "no-trust-figure"), "alert")));
	assert_int_equal(json_integer_value(key(key(v, "no-trust-figure"), "alert")), 0);
	assert_int_equal(json_object_size(v), st->nids);
	/* the median and the share of six children would describe them */
	assert_true(json_is_null(key(o, "median_network_size")));
	assert_true(json_is_null(key(o, "trust_figure_share")));
	v = key(o, "meetings_12m");
	assert_true(json_is_null(key(v, "C")));
	assert_true(json_is_null(key(v, "A")));
	assert_int_equal(json_integer_value(key(v, "B")), 0);
	assert_int_equal(json_integer_value(key(o, "agreements_overdue")), 10);
	dump = json_dumps(o, JSON_INDENT(1));
	assert_non_null(dump);
	no_persons_in(dump);
	free(dump);
	for (int lang = 0; lang < 2; lang++) {
		struct kr_buf b;
		kr_buf_init(&b, 1u << 20);
		assert_int_equal(kr_stats_text(st, (enum kr_lang)lang, &b), KR_OK);
		contains(b.data, lang == KR_LANG_NL ? "1 december 2026" : "1 December 2026");
		contains(b.data, lang == KR_LANG_NL ? "voltijdpleegzorg" : "full-time foster care");
		contains(b.data, " x\n");
		contains(b.data, lang == KR_LANG_NL ? "Afspraak over tijd" : "Agreement overdue");
		no_persons_in(b.data);
		kr_buf_cleanup(&b);
	}
	kr_stats_free(st);
	kr_stats_free(NULL);
	kr_store_close(s);
}

/* Three cases: every count held back, no median or share. */
static void stats_small(void **state)
{
	struct kr_store *s = stats_store(3);
	struct kr_stats *st = NULL;
	json_t *o;
	char *dump;
	(void)state;
	assert_int_equal(kr_stats_compute(s, tu_day(AS_OF), NULL, &st, NULL), KR_OK);
	assert_int_equal(st->cases, 3);
	g_json = o = kr_stats_json(st);
	assert_true(json_is_null(key(o, "cases")));
	assert_true(json_is_null(key(key(o, "by_form"), "foster_fulltime")));
	assert_true(json_is_null(key(o, "median_network_size")));
	assert_true(json_is_null(key(o, "trust_figure_share")));
	assert_true(json_is_null(key(o, "agreements_overdue")));   /* 6: under 10 */
	dump = json_dumps(o, 0);
	no_persons_in(dump);
	free(dump);
	kr_stats_free(st);
	kr_store_close(s);
}

#define T(f) cmocka_unit_test_teardown(f, teardown)
#define TDB(f) cmocka_unit_test_setup_teardown(f, db_setup, db_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(summary_going_well),
		T(load_per_person),
		T(summary_of_a_path),
		T(next_review_boundary),
		T(summary_trust_figures),
		T(summary_factors),
		T(summary_json),
		T(summary_on_day),
		T(summary_settling),
		T(summary_texts),
		T(plan_facts),
		T(words_dates),
		T(words_spans),
		T(words_pronouns_and_lists),
		TDB(stats_counts),
		TDB(stats_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
