/*
 * test_signals_path.c - the signal rules that issue 9 added or changed
 * (lib/signals.c against /work/shared/signals.md): perspective-overdue
 * counted over the whole out-of-home period, placement-instability and
 * breakdown-risk-profile counting moves as the path defines them, the
 * parents and foster parents in conflict or not yet met, trust figures that
 * left or died or are only professionals, network-overload for carers from
 * the child's own network, recent-breakdown, crisis-too-long,
 * network-not-explored, and the rules that compare with earlier recorded
 * states (tie-worsened, contacts-lost) through an in-memory kr_history.
 * Each rule at and just past its threshold in both directions, with the
 * defaults and with a changed setting.  Also the messages of issue 9 §4:
 * dates in words, the child's own pronoun, advice that fits the child's
 * age, data-missing that names the missing thing in words while `field`
 * keeps the JSON path, and one signal naming several people.
 *
 * Every test starts from BASE, a case that is going well on AS_OF, changes
 * what one rule looks at with small jansson edits, and computes the
 * signals; every list computed is checked against the catalogue and the
 * message rules (check_list).
 */
#include <jansson.h>

#include "testutil.h"
#include "tu_json.h"
#include "tu_signals.h"
#include "kring/settings.h"
#include "kring/history.h"
#include "kring/signals.h"

#define AS_OF "2026-12-01"

/*
 * The case that is going well on 2026-12-01 (as in test_signals.c, with the
 * network search recorded for pl1).  Single quotes stand for double quotes.
 *   persons: p1 Sam (child, m, 12), p2 Ilse (parent), p3 Noor (sibling),
 *            p4 Henk (grandparent), p5 Marga (foster parent), p6 Kees (coach,
 *            leisure, trust figure), p7 Lotte (friend), p8 Bram (teacher),
 *            p9 Anouk (foster care worker)
 *   placement pl1: foster_fulltime with strangers since 2025-01-15, carer p5,
 *            the network searched first
 */
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
	"  {'a': 'p1', 'b': 'p7', 'strength': 'strong', 'quality': 'positive',"
	"   'frequency': 'weekly'},"
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

/* ---- the catalogue: tu_signals.h ---- */

/* ---- building cases with jansson (the rest is in tu_json.h) ---- */

/* Replaces the placements with the JSON array in text. */
static void set_placements(json_t *doc, const char *text)
{
	put(doc, "placements", text);
}

/* Replaces the plan's agreements with one per word of spec: a person id
 * (open, that person in who), "id/done" or "id/dropped" for a closed one.
 * Ids a1, a2, ...; what "task N". */
static void set_agreements(json_t *doc, const char *spec)
{
	json_t *arr = json_array();
	const char *p = spec;
	int n = 0;
	assert_non_null(arr);
	while (*p) {
		char word[32], id[16], what[32];
		size_t k = 0;
		char *slash;
		json_t *a = json_object(), *who = json_array();
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && k + 1 < sizeof word)
			word[k++] = *p++;
		word[k] = '\0';
		if (!k) {
			json_decref(a);
			json_decref(who);
			break;
		}
		snprintf(id, sizeof id, "a%d", ++n);
		snprintf(what, sizeof what, "task %d", n);
		json_object_set_new(a, "id", json_string(id));
		slash = strchr(word, '/');
		if (slash)
			*slash++ = '\0';
		json_array_append_new(who, json_string(word));
		json_object_set_new(a, "who", who);
		json_object_set_new(a, "what", json_string(what));
		json_object_set_new(a, "due", json_string("2027-06-01"));
		json_object_set_new(a, "if_not", json_string("someone else steps in"));
		json_object_set_new(a, "status", json_string(slash ? slash : "open"));
		json_array_append_new(arr, a);
	}
	assert_int_equal(json_object_set_new(at(doc, "plan"), "agreements", arr), 0);
}

/* ---- computing, with everything freed by the teardown ---- */

static json_t *g_doc;
static char *g_text;
static struct kr_case *g_case;
static struct kr_signal_list g_list;
static struct kr_history *g_hist;      /* earlier states, or NULL */
static struct kr_case *g_old[8];       /* the cases in g_hist */
static size_t g_nold;

static void forget_history(void)
{
	kr_history_free(g_hist);
	g_hist = NULL;
	while (g_nold)
		kr_case_free(g_old[--g_nold]);
}

static int teardown(void **state)
{
	(void)state;
	kr_signal_list_cleanup(&g_list);
	kr_case_free(g_case);
	g_case = NULL;
	forget_history();
	json_decref(g_doc);
	g_doc = NULL;
	free(g_text);
	g_text = NULL;
	return 0;
}

/* A fresh copy of BASE, owned by the test's teardown. */
static json_t *fresh(void)
{
	json_decref(g_doc);
	g_doc = J(BASE);
	return g_doc;
}

/* Records doc, as it is now, as the state of the case stored on day
 * `recorded` (in g_hist, which the signals then compare with). */
static void record(json_t *doc, const char *recorded)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	assert_non_null(text);
	if (!g_hist)
		g_hist = kr_history_new();
	assert_non_null(g_hist);
	assert_true(g_nold < sizeof g_old / sizeof *g_old);
	g_old[g_nold] = tu_case_from_text(text);
	free(text);
	assert_int_equal(kr_history_add(g_hist, g_old[g_nold], tu_day(recorded)), KR_OK);
	g_nold++;
}

/* The defaults with one setting changed. */
static struct kr_settings with(enum kr_setting k, int v)
{
	struct kr_settings s;
	kr_settings_defaults(&s);
	s.v[k] = v;
	return s;
}

static char *list_json(const struct kr_signal_list *l)
{
	char *s = kr_signals_to_json(l, true);
	assert_non_null(s);
	return s;
}

/* An ISO date ("2026-04-12", "2024-03") in a text meant to be read aloud. */
static bool has_iso_date(const char *s)
{
	for (const char *p = s; *p; p++) {
		int k = 0;
		while (k < 4 && p[k] >= '0' && p[k] <= '9')
			k++;
		if (k == 4 && p[4] == '-' && p[5] >= '0' && p[5] <= '9' && p[6] >= '0' &&
		    p[6] <= '9')
			return true;
	}
	return false;
}

/* What signals.md and issue 9 §4 say of every signal, checked on every
 * list computed. */
static void check_list(const struct kr_signal_list *l)
{
	static const char *const unsure[] = { "hij of zij", "hij/zij", "zij of hij", "hem of haar",
		"zijn of haar", "he or she", "he/she", "him or her", "his or her", "his/her" };
	for (size_t i = 0; i < l->n; i++) {
		const struct kr_signal *sg = &l->v[i];
		int k = cat_index(sg->id);
		if (k < 0)
			fail_msg("unknown signal id %s", sg->id);
		if (!(catalogue[k].levels & (1u << sg->level)))
			fail_msg("%s has level %s", sg->id, kr_level_name(sg->level));
		assert_non_null(sg->source);
		if (!*sg->source || !strstr(sg->source, catalogue[k].source) ||
		    strcmp(sg->source, kr_signals_source(sg->id)) != 0)
			fail_msg("%s: source \"%s\" does not name \"%s\"", sg->id, sg->source,
			         catalogue[k].source);
		if (sg->source[0] >= '0' && sg->source[0] <= '9')
			fail_msg("%s: source \"%s\" starts with a number", sg->id, sg->source);
		if (!sg->title[0] || !sg->title[1] ||
		    strcmp(sg->title[0], kr_signals_title(sg->id, KR_LANG_NL)) != 0 ||
		    strcmp(sg->title[1], kr_signals_title(sg->id, KR_LANG_EN)) != 0)
			fail_msg("%s: no title", sg->id);
		for (int lang = 0; lang < 2; lang++) {
			const char *texts[2] = { sg->message[lang], sg->advice[lang] };
			for (int t = 0; t < 2; t++) {
				json_t *js;
				if (!texts[t] || !*texts[t])
					fail_msg("%s: empty message or advice", sg->id);
				js = json_string(texts[t]);          /* refuses text not UTF-8 */
				if (!js)
					fail_msg("%s: text is not UTF-8", sg->id);
				json_decref(js);
				/* dates in words, never ISO */
				if (has_iso_date(texts[t]))
					fail_msg("%s: ISO date in \"%s\"", sg->id, texts[t]);
				/* the child's own pronoun */
				for (size_t u = 0; u < sizeof unsure / sizeof *unsure; u++)
					if (strstr(texts[t], unsure[u]))
						fail_msg("%s: \"%s\" in \"%s\"", sg->id, unsure[u], texts[t]);
			}
		}
		if (strcmp(sg->id, "data-missing") == 0) {
			json_t *f = json_object_get(sg->details, "field");
			if (!sg->rule || cat_index(sg->rule) < 0 || !sg->field || !*sg->field)
				fail_msg("data-missing without rule or field");
			/* the JSON path stays in field and details, the text says it
			 * in words */
			if (!f || strcmp(json_string_value(f), sg->field) != 0)
				fail_msg("data-missing: details.field is not %s", sg->field);
			for (int lang = 0; lang < 2; lang++)
				if (strstr(sg->message[lang], sg->field))
					fail_msg("data-missing: the path %s in \"%s\"", sg->field,
					         sg->message[lang]);
		} else {
			assert_null(sg->rule);
			assert_null(sg->field);
			if (sg->nsubjects == 0)
				fail_msg("%s has no subjects", sg->id);
		}
		for (size_t a = 0; a < sg->nsubjects; a++) {
			assert_non_null(sg->subjects[a]);
			assert_true(*sg->subjects[a] != '\0');
			for (size_t b = 0; b < a; b++)
				if (strcmp(sg->subjects[a], sg->subjects[b]) == 0)
					fail_msg("%s: subject %s twice", sg->id, sg->subjects[a]);
		}
		if (i > 0 && l->v[i - 1].level < sg->level)
			fail_msg("%s (%s) after %s (%s)", sg->id, kr_level_name(sg->level),
			         l->v[i - 1].id, kr_level_name(l->v[i - 1].level));
	}
}

/* Computes the signals of doc on as_of with settings s (NULL: defaults)
 * and the recorded states in g_hist (NULL when none were recorded). */
static const struct kr_signal_list *run_with(json_t *doc, const char *as_of,
                                             const struct kr_settings *s)
{
	struct kr_error err;
	kr_signal_list_cleanup(&g_list);
	kr_case_free(g_case);
	g_case = NULL;
	free(g_text);
	g_text = json_dumps(doc, JSON_COMPACT);
	assert_non_null(g_text);
	g_case = tu_case_from_text(g_text);
	kr_error_init(&err);
	if (kr_signals_compute(g_case, g_hist, tu_day(as_of), s, &g_list, &err) != KR_OK)
		fail_msg("kr_signals_compute: %s", err.message);
	kr_error_cleanup(&err);
	check_list(&g_list);
	return &g_list;
}

static const struct kr_signal_list *run(json_t *doc, const char *as_of)
{
	return run_with(doc, as_of, NULL);
}

/* ---- looking at the result ---- */

static size_t count(const struct kr_signal_list *l, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strcmp(l->v[i].id, id) == 0;
	return n;
}

static bool has_subject(const struct kr_signal *sg, const char *id)
{
	for (size_t i = 0; i < sg->nsubjects; i++)
		if (strcmp(sg->subjects[i], id) == 0)
			return true;
	return false;
}

static const struct kr_signal *find(const struct kr_signal_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0)
			return &l->v[i];
	return NULL;
}

/* The one signal with this id, at this level. */
static const struct kr_signal *expect(const struct kr_signal_list *l, const char *id,
                                      enum kr_level level)
{
	const struct kr_signal *sg = find(l, id);
	if (!sg)
		fail_msg("expected %s, got:\n%s", id, list_json(l));
	if (sg->level != level)
		fail_msg("%s is %s, expected %s: %s", id, kr_level_name(sg->level),
		         kr_level_name(level), sg->message[KR_LANG_EN]);
	if (count(l, id) != 1)
		fail_msg("%s %zu times, expected one signal", id, count(l, id));
	return sg;
}

static void silent(const struct kr_signal_list *l, const char *id)
{
	const struct kr_signal *sg = find(l, id);
	if (sg)
		fail_msg("unexpected %s (%s): %s", id, kr_level_name(sg->level),
		         sg->message[KR_LANG_EN]);
}

static const struct kr_signal *missing_for(const struct kr_signal_list *l, const char *rule)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, "data-missing") == 0 && l->v[i].rule &&
		    strcmp(l->v[i].rule, rule) == 0)
			return &l->v[i];
	return NULL;
}

/* data-missing for rule with this field: info, the rule named by its title
 * in both messages (the path itself only in field and details, which
 * check_list sees to). */
static const struct kr_signal *expect_missing(const struct kr_signal_list *l, const char *rule,
                                              const char *field)
{
	const struct kr_signal *sg = missing_for(l, rule);
	if (!sg)
		fail_msg("expected data-missing for %s (%s), got:\n%s", rule, field, list_json(l));
	assert_int_equal(sg->level, KR_LEVEL_INFO);
	assert_string_equal(sg->rule, rule);
	assert_string_equal(sg->field, field);
	assert_string_equal(json_string_value(json_object_get(sg->details, "rule")), rule);
	for (int lang = 0; lang < 2; lang++)
		if (!strstr(sg->message[lang], kr_signals_title(rule, (enum kr_lang)lang)))
			fail_msg("data-missing does not name \"%s\": %s",
			         kr_signals_title(rule, (enum kr_lang)lang), sg->message[lang]);
	return sg;
}

static void no_missing(const struct kr_signal_list *l, const char *rule)
{
	const struct kr_signal *sg = missing_for(l, rule);
	if (sg)
		fail_msg("unexpected data-missing for %s: %s", rule, sg->field);
}

/* The subjects are exactly the space-separated ids (in any order). */
static void subjects_are(const struct kr_signal *sg, const char *ids)
{
	size_t n = 0;
	const char *p = ids;
	while (*p) {
		char id[64];
		size_t k = 0;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && k + 1 < sizeof id)
			id[k++] = *p++;
		id[k] = '\0';
		if (!k)
			break;
		n++;
		if (!has_subject(sg, id))
			fail_msg("%s: subject %s missing", sg->id, id);
	}
	if (sg->nsubjects != n) {
		char all[512] = "";
		size_t off = 0;
		for (size_t i = 0; i < sg->nsubjects && off < sizeof all; i++)
			off += (size_t)snprintf(all + off, sizeof all - off, " %s",
			                        sg->subjects[i]);
		fail_msg("%s: subjects%s, expected %s", sg->id, all, ids);
	}
}

static void contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("\"%s\" not in \"%s\"", part, text ? text : "(null)");
}

static void lacks(const char *text, const char *part)
{
	if (text && strstr(text, part))
		fail_msg("\"%s\" in \"%s\"", part, text);
}

/* Both messages contain every string (names, numbers); NULL ends. */
static void mentions(const struct kr_signal *sg, ...)
{
	va_list ap;
	const char *s;
	va_start(ap, sg);
	while ((s = va_arg(ap, const char *))) {
		contains(sg->message[KR_LANG_NL], s);
		contains(sg->message[KR_LANG_EN], s);
	}
	va_end(ap);
}

/* The Dutch message contains nl and the English one en. */
static void says(const struct kr_signal *sg, const char *nl, const char *en)
{
	contains(sg->message[KR_LANG_NL], nl);
	contains(sg->message[KR_LANG_EN], en);
}

/* The Dutch advice contains nl and the English one en. */
static void advises(const struct kr_signal *sg, const char *nl, const char *en)
{
	contains(sg->advice[KR_LANG_NL], nl);
	contains(sg->advice[KR_LANG_EN], en);
}

/* ---- the base ---- */

static void going_well(void **state)
{
	const struct kr_signal_list *l;
	(void)state;
	l = run(fresh(), AS_OF);
	if (l->n)
		fail_msg("a case going well gave signals:\n%s", list_json(l));
	/* with the case as it was half a year ago on record, too */
	record(g_doc, "2026-06-01");
	l = run(g_doc, AS_OF);
	if (l->n)
		fail_msg("a case going well gave signals:\n%s", list_json(l));
}

static void defaults_of_the_new_rules(void **state)
{
	struct kr_settings s;
	(void)state;
	kr_settings_defaults(&s);
	assert_int_equal(s.v[KR_SET_PATH_HOME_MONTHS], 6);
	assert_int_equal(s.v[KR_SET_OVERLOAD_NETWORK_CARER], 2);
	assert_int_equal(s.v[KR_SET_RECENT_BREAKDOWN_MONTHS], 6);
	assert_int_equal(s.v[KR_SET_CRISIS_WARNING_DAYS], 28);
	assert_int_equal(s.v[KR_SET_CRISIS_ALERT_DAYS], 56);
	assert_int_equal(s.v[KR_SET_NETWORK_SEARCH_DAYS], 90);
	assert_int_equal(s.v[KR_SET_TIE_WORSENED_MIN_MONTHS], 3);
	assert_int_equal(s.v[KR_SET_TIE_WORSENED_MAX_MONTHS], 12);
	assert_int_equal(s.v[KR_SET_CONTACTS_WINDOW_MONTHS], 12);
	assert_int_equal(s.v[KR_SET_PERSPECTIVE_WARNING_MONTHS], 6);
	assert_int_equal(s.v[KR_SET_PERSPECTIVE_ALERT_MONTHS], 12);
}

/* ---- perspective-overdue: the whole out-of-home period ---- */

/* BASE without a perspective decision, with Sam away from home since
 * 1 March 2025: first with Truus, moved to Marga on 1 July 2025. */
static json_t *moved_once(void)
{
	json_t *d = fresh();
	drop(at(d, "case"), "perspective_decision");
	add(d, "persons", "{'id': 'p10', 'name': 'Truus', 'sex': 'f', 'roles': ['foster_parent'],"
	                  " 'world': 'foster'}");
	set_placements(d, "[{'id': 'pl0', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p10'], 'start': '2025-03-01', 'end': '2025-07-01',"
	                  "  'end_reason': 'other'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-07-01',"
	                  "  'network_search': {'date': '2025-06-01', 'outcome': 'declined'}}]");
	return d;
}

static void perspective_across_moves(void **state)
{
	json_t *d = moved_once();
	const struct kr_signal *sg;
	(void)state;
	/* 5 months and 30 days after 1 March; the move on 1 July restarts
	 * nothing */
	silent(run(d, "2025-08-31"), "perspective-overdue");
	sg = expect(run(d, "2025-09-01"), "perspective-overdue", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl0");
	mentions(sg, "Sam", NULL);
	says(sg, "sinds 1 maart 2025 niet meer thuis", "since 1 March 2025");
	says(sg, "6 maanden", "6 months");
	says(sg, "een keer overgeplaatst", "moved once");
	assert_string_equal(json_string_value(json_object_get(sg->details,
	                    "out_of_home_since")), "2025-03-01");
	assert_int_equal(json_integer_value(json_object_get(sg->details, "months")), 6);
	expect(run(d, "2026-02-28"), "perspective-overdue", KR_LEVEL_WARNING);
	sg = expect(run(d, "2026-03-01"), "perspective-overdue", KR_LEVEL_ALERT);
	says(sg, "een jaar", "a year");
	subjects_are(sg, "p1 pl0");

	/* out of home since 2018, the placement broke down in 2026: an alert
	 * counted from 2018 */
	set_placements(d, "[{'id': 'pl0', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p10'], 'start': '2018-03-01', 'end': '2026-02-10',"
	                  "  'end_reason': 'breakdown'},"
	                  " {'id': 'pl1', 'form': 'crisis', 'carers': ['p5'],"
	                  "  'start': '2026-02-10'}]");
	sg = expect(run(d, "2026-03-01"), "perspective-overdue", KR_LEVEL_ALERT);
	says(sg, "sinds 1 maart 2018", "since 1 March 2018");
	says(sg, "8 jaar", "8 years");
	subjects_are(sg, "p1 pl0");
}

static void perspective_decision_in_period(void **state)
{
	json_t *d = moved_once();
	(void)state;
	/* taken within the period, even before the move: silent */
	put(at(d, "case"), "perspective_decision", "{'date': '2025-05-01', 'outcome': 'return'}");
	silent(run(d, "2026-03-01"), "perspective-overdue");
	put_str(at(d, "case.perspective_decision"), "date", "2025-03-01");
	silent(run(d, "2026-03-01"), "perspective-overdue");
	/* before the period: it does not count */
	put_str(at(d, "case.perspective_decision"), "date", "2025-02-28");
	expect(run(d, "2026-03-01"), "perspective-overdue", KR_LEVEL_ALERT);
	/* after as-of: not taken yet */
	put_str(at(d, "case.perspective_decision"), "date", "2026-03-02");
	expect(run(d, "2026-03-01"), "perspective-overdue", KR_LEVEL_ALERT);
	silent(run(d, "2026-03-02"), "perspective-overdue");

	/* a decision in an earlier period (home for a year since) does not
	 * count for this one */
	set_placements(d, "[{'id': 'pl00', 'form': 'crisis', 'carers': [],"
	                  "  'start': '2019-01-01', 'end': '2019-06-01', 'end_reason': 'return_home'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': true,"
	                  "  'carers': ['p5'], 'start': '2025-07-01'}]");
	put_str(at(d, "case.perspective_decision"), "date", "2019-04-01");
	silent(run(d, "2025-12-31"), "perspective-overdue");
	expect(run(d, "2026-01-01"), "perspective-overdue", KR_LEVEL_WARNING);
}

static void perspective_what_counts_as_away(void **state)
{
	json_t *d = moved_once();
	struct kr_settings s;
	const struct kr_signal *sg;
	(void)state;
	/* a support family while at home, then crisis care: from the crisis
	 * care on */
	set_placements(d, "[{'id': 'pl0', 'form': 'support_family', 'carers': ['p10'],"
	                  "  'start': '2024-01-01'},"
	                  " {'id': 'pl1', 'form': 'crisis', 'carers': ['p5'],"
	                  "  'start': '2025-03-01'}]");
	silent(run(d, "2025-08-31"), "perspective-overdue");
	sg = expect(run(d, "2025-09-01"), "perspective-overdue", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl1");
	lacks(sg->message[KR_LANG_NL], "overgeplaatst");

	/* four months at home between two placements: one period by default,
	 * two when path.home_months is 4 */
	set_placements(d, "[{'id': 'pl0', 'form': 'foster_fulltime', 'carers': ['p10'],"
	                  "  'start': '2025-03-01', 'end': '2025-05-01',"
	                  "  'end_reason': 'return_home'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': true,"
	                  "  'carers': ['p5'], 'start': '2025-09-01'}]");
	sg = expect(run(d, "2025-09-01"), "perspective-overdue", KR_LEVEL_WARNING);
	says(sg, "sinds 1 maart 2025", "since 1 March 2025");
	s = with(KR_SET_PATH_HOME_MONTHS, 4);
	silent(run_with(d, "2025-09-01", &s), "perspective-overdue");
	silent(run_with(d, "2026-02-28", &s), "perspective-overdue");
	sg = expect(run_with(d, "2026-03-01", &s), "perspective-overdue", KR_LEVEL_WARNING);
	says(sg, "sinds 1 september 2025", "since 1 September 2025");

	/* a start known to the month: "sinds maart 2024", counted from its
	 * last day */
	set_placements(d, "[{'id': 'pl1', 'form': 'family_home', 'carers': ['p5'],"
	                  "  'start': '2024-03'}]");
	silent(run(d, "2024-09-29"), "perspective-overdue");
	sg = expect(run(d, "2024-09-30"), "perspective-overdue", KR_LEVEL_WARNING);
	says(sg, "sinds maart 2024", "since March 2024");
	/* part-time care is no time away from home */
	put_str(at(d, "placements[0]"), "form", "foster_parttime");
	silent(run(d, "2026-01-01"), "perspective-overdue");
}

static void perspective_settings(void **state)
{
	json_t *d = moved_once();
	struct kr_settings s;
	(void)state;
	s = with(KR_SET_PERSPECTIVE_WARNING_MONTHS, 3);
	silent(run_with(d, "2025-05-31", &s), "perspective-overdue");
	expect(run_with(d, "2025-06-01", &s), "perspective-overdue", KR_LEVEL_WARNING);
	s = with(KR_SET_PERSPECTIVE_ALERT_MONTHS, 9);
	expect(run_with(d, "2025-11-30", &s), "perspective-overdue", KR_LEVEL_WARNING);
	expect(run_with(d, "2025-12-01", &s), "perspective-overdue", KR_LEVEL_ALERT);
}

/* ---- placement-instability ---- */

/* BASE with moves on 2 December 2024 and 15 January 2025 (into pl1). */
static json_t *two_moves(const char *first_move)
{
	json_t *d = fresh(), *p;
	set_placements(d, "[{'id': 'pl0a', 'form': 'crisis', 'carers': [],"
	                  "  'start': '2024-06-01', 'end_reason': 'other'},"
	                  " {'id': 'pl0b', 'form': 'foster_fulltime', 'carers': [],"
	                  "  'end': '2025-01-15', 'end_reason': 'other'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-01-15',"
	                  "  'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}]");
	p = at(d, "placements[0]");
	put_str(p, "end", first_move);
	put_str(at(d, "placements[1]"), "start", first_move);
	return d;
}

static void instability(void **state)
{
	json_t *d = two_moves("2024-12-02");
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	sg = expect(run(d, AS_OF), "placement-instability", KR_LEVEL_ALERT);
	subjects_are(sg, "p1 pl0b pl1");
	says(sg, "2 keer overgeplaatst", "moved 2 times");
	says(sg, "2 december 2024 en 15 januari 2025", "2 December 2024 and 15 January 2025");
	mentions(sg, "24", NULL);
	advises(sg, "het gezin waar hij nu woont", "the family he lives with now");
	s = with(KR_SET_INSTABILITY_PLACEMENTS, 3);
	silent(run_with(d, AS_OF, &s), "placement-instability");

	/* a move exactly 24 months back is outside the window */
	d = two_moves("2024-12-01");
	silent(run(d, AS_OF), "placement-instability");
	s = with(KR_SET_INSTABILITY_WINDOW_MONTHS, 25);
	expect(run_with(d, AS_OF, &s), "placement-instability", KR_LEVEL_ALERT);

	/* crisis care with Marga that became her foster family: three
	 * placements, one move */
	d = two_moves("2024-12-02");
	put(at(d, "placements[1]"), "carers", "['p5']");
	put_str(at(d, "placements[1]"), "form", "crisis");
	silent(run(d, AS_OF), "placement-instability");

	/* a support family and part-time care are no moves */
	d = fresh();
	set_placements(d, "[{'id': 'pl0a', 'form': 'support_family', 'carers': ['p4'],"
	                  "  'start': '2024-06-01', 'end': '2024-12-31'},"
	                  " {'id': 'pl0b', 'form': 'foster_parttime', 'carers': ['p6'],"
	                  "  'start': '2025-01-01', 'end': '2025-01-14'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-01-15',"
	                  "  'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}]");
	silent(run(d, AS_OF), "placement-instability");
}

/* The advice fits where the child lives now: at home there is no placement
 * to make last, crisis care needs a lasting place (as crisis-too-long says),
 * a foster or network family, a family home and residential care each get
 * their own words; never "deze plaatsing" for a child without one, never
 * "gezinshuis" as an alternative for a child who lives in one. */
static void instability_advice_fits_form(void **state)
{
	static const struct {
		const char *form, *nl, *en, *not_nl;
	} cases[] = {
		{ "foster_fulltime", "het gezin waar hij nu woont", "the family he lives with now",
		  "crisisopvang" },
		{ "informal_network", "het gezin waar hij nu woont", "the family he lives with now",
		  "crisisopvang" },
		{ "crisis", "vaste plek", "lasting place", "deze plaatsing" },
		{ "family_home", "in dit gezinshuis kan blijven", "stay in this family home",
		  "overweeg" },
		{ "residential", "op deze plek kan blijven", "stay at this place", "gezinshuis" },
	};
	json_t *d;
	const struct kr_signal *sg;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		d = two_moves("2024-12-02");
		put_str(at(d, "placements[2]"), "form", cases[i].form);
		sg = expect(run(d, AS_OF), "placement-instability", KR_LEVEL_ALERT);
		advises(sg, cases[i].nl, cases[i].en);
		lacks(sg->advice[KR_LANG_NL], cases[i].not_nl);
		lacks(sg->advice[KR_LANG_NL], "deze plaatsing");
		lacks(sg->advice[KR_LANG_EN], "this placement");
	}

	/* back home after the two moves: no placement to make last */
	d = two_moves("2024-12-02");
	put_str(at(d, "placements[2]"), "end", "2026-06-01");
	put_str(at(d, "placements[2]"), "end_reason", "return_home");
	add(d, "placements", "{'id': 'pl2', 'form': 'home', 'carers': ['p2'],"
	                     " 'start': '2026-06-01'}");
	sg = expect(run(d, AS_OF), "placement-instability", KR_LEVEL_ALERT);
	advises(sg, "woont nu weer thuis", "lives at home again");
	advises(sg, "thuis kan blijven", "stay at home");
	lacks(sg->advice[KR_LANG_NL], "deze plaatsing");
	lacks(sg->advice[KR_LANG_NL], "pleeg");
	lacks(sg->advice[KR_LANG_EN], "this placement");

	/* the same without a `home` placement: pl1 simply ended */
	d = two_moves("2024-12-02");
	put_str(at(d, "placements[2]"), "end", "2026-06-01");
	put_str(at(d, "placements[2]"), "end_reason", "return_home");
	sg = expect(run(d, AS_OF), "placement-instability", KR_LEVEL_ALERT);
	advises(sg, "woont nu weer thuis", "lives at home again");
}

/* ---- breakdown-risk-profile ---- */

/* Sam (10 on 15 January 2025, externalising) broke down with Truus on
 * 1 January 2020 and moved to Joke that day; moved to Marga on 15 January
 * 2025: two disruptions before the current home. */
static json_t *risk_profile(void)
{
	json_t *d = fresh();
	add(d, "persons", "{'id': 'p10', 'name': 'Truus', 'roles': ['foster_parent'],"
	                  " 'world': 'foster'}");
	add(d, "persons", "{'id': 'p11', 'name': 'Joke', 'roles': ['foster_parent'],"
	                  " 'world': 'foster'}");
	set_placements(d, "[{'id': 'pl0a', 'form': 'foster_fulltime', 'carers': ['p10'],"
	                  "  'start': '2019-03-01', 'end': '2020-01-01', 'end_reason': 'breakdown'},"
	                  " {'id': 'pl0b', 'form': 'foster_fulltime', 'carers': ['p11'],"
	                  "  'start': '2020-01-01', 'end': '2025-01-15', 'end_reason': 'other'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-01-15',"
	                  "  'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}]");
	put(at(d, "case.behaviour"), "externalising", "true");
	return d;
}

static void breakdown_risk(void **state)
{
	json_t *d = risk_profile();
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	sg = expect(run(d, AS_OF), "breakdown-risk-profile", KR_LEVEL_ALERT);
	subjects_are(sg, "p1 pl1");
	says(sg, "10 jaar", "was 10");
	says(sg, "2 keer", "2 times");
	says(sg, "15 januari 2025", "15 January 2025");
	advises(sg, "gezinshuis", "family home");
	assert_int_equal(json_integer_value(json_object_get(sg->details,
	                 "moves_and_breakdowns_before")), 2);

	s = with(KR_SET_BREAKDOWN_MIN_EARLIER, 3);
	silent(run_with(d, AS_OF, &s), "breakdown-risk-profile");
	/* a day too young when the home started */
	put_str(person(d, "p1"), "born", "2015-01-16");
	silent(run(d, AS_OF), "breakdown-risk-profile");
	s = with(KR_SET_BREAKDOWN_MIN_AGE, 9);
	expect(run_with(d, AS_OF, &s), "breakdown-risk-profile", KR_LEVEL_ALERT);
	put_str(person(d, "p1"), "born", "2015-01-15");
	expect(run(d, AS_OF), "breakdown-risk-profile", KR_LEVEL_ALERT);

	/* Truus took Sam back instead of Joke: the breakdown is still one, the
	 * going back no move, and the move to Marga the second */
	put(at(d, "placements[1]"), "carers", "['p10']");
	expect(run(d, AS_OF), "breakdown-risk-profile", KR_LEVEL_ALERT);
	/* without the breakdown only one disruption is left */
	put_str(at(d, "placements[0]"), "end_reason", "planned");
	silent(run(d, AS_OF), "breakdown-risk-profile");
}

static void breakdown_risk_counts_the_path(void **state)
{
	json_t *d = risk_profile();
	(void)state;
	/* crisis care with Marga that became her foster family: the crisis
	 * care started the home, so nothing extra */
	add(d, "placements", "{'id': 'pl2', 'form': 'foster_fulltime', 'variant': 'upbringing',"
	                     " 'carers': ['p5'], 'start': '2026-01-01', 'network': false,"
	                     " 'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}");
	put_str(at(d, "placements[2]"), "form", "crisis");
	put_str(at(d, "placements[2]"), "end", "2026-01-01");
	expect(run(d, AS_OF), "breakdown-risk-profile", KR_LEVEL_ALERT);
	/* one move fewer before it: not enough */
	put(at(d, "placements[1]"), "carers", "['p10']");
	put_str(at(d, "placements[0]"), "end_reason", "planned");
	silent(run(d, AS_OF), "breakdown-risk-profile");

	/* a breakdown, four months at home, then Marga: the breakdown and the
	 * move are two (more than a month apart) */
	d = risk_profile();
	set_placements(d, "[{'id': 'pl0', 'form': 'foster_fulltime', 'carers': ['p10'],"
	                  "  'start': '2019-03-01', 'end': '2024-09-01', 'end_reason': 'breakdown'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-01-15',"
	                  "  'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}]");
	expect(run(d, AS_OF), "breakdown-risk-profile", KR_LEVEL_ALERT);
	/* a support family and part-time care before it count for nothing */
	set_placements(d, "[{'id': 'pl0a', 'form': 'support_family', 'carers': ['p10'],"
	                  "  'start': '2019-03-01', 'end': '2020-01-01', 'end_reason': 'other'},"
	                  " {'id': 'pl0b', 'form': 'foster_parttime', 'carers': ['p11'],"
	                  "  'start': '2020-01-01', 'end': '2025-01-14', 'end_reason': 'other'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-01-15',"
	                  "  'network_search': {'date': '2024-12-01', 'outcome': 'none_available'}}]");
	silent(run(d, AS_OF), "breakdown-risk-profile");
}

static void breakdown_risk_advice_fits_form(void **state)
{
	static const char *const forms[] = { "family_home", "residential" };
	(void)state;
	for (size_t i = 0; i < 2; i++) {
		json_t *d = risk_profile();
		const struct kr_signal *sg;
		put_str(at(d, "placements[2]"), "form", forms[i]);
		sg = expect(run(d, AS_OF), "breakdown-risk-profile", KR_LEVEL_ALERT);
		lacks(sg->advice[KR_LANG_NL], "gezinshuis");
		lacks(sg->advice[KR_LANG_EN], "family home");
		advises(sg, "hier kan blijven", "stay here");
	}
}

/* ---- parents and foster parents ---- */

/* BASE with a second parent, Ruud, and a second carer, Jan, in pl1; every
 * tie between parents and carers as given (NULL: none). */
static json_t *two_by_two(const char *ilse_marga, const char *ilse_jan, const char *ruud_marga,
                          const char *ruud_jan)
{
	json_t *d = fresh();
	const char *q[4] = { ilse_marga, ilse_jan, ruud_marga, ruud_jan };
	const char *ab[4][2] = { { "p2", "p5" }, { "p2", "p12" }, { "p11", "p5" }, { "p11", "p12" } };
	add(d, "persons", "{'id': 'p11', 'name': 'Ruud', 'sex': 'm', 'roles': ['parent'],"
	                  " 'world': 'origin', 'segment': 'family'}");
	add(d, "persons", "{'id': 'p12', 'name': 'Jan', 'sex': 'm', 'roles': ['foster_parent'],"
	                  " 'world': 'foster', 'segment': 'household'}");
	add(d, "kinship", "{'type': 'parent', 'parent': 'p11', 'child': 'p1'}");
	add(d, "ties", "{'a': 'p1', 'b': 'p11', 'quality': 'positive', 'frequency': 'monthly'}");
	add(d, "ties", "{'a': 'p1', 'b': 'p12', 'quality': 'positive', 'frequency': 'daily'}");
	put(at(d, "placements[0]"), "carers", "['p5', 'p12']");
	untie(d, "p2", "p5");
	for (int i = 0; i < 4; i++) {
		json_t *t;
		if (!q[i])
			continue;
		t = json_object();
		json_object_set_new(t, "a", json_string(ab[i][0]));
		json_object_set_new(t, "b", json_string(ab[i][1]));
		json_object_set_new(t, "quality", json_string(q[i]));
		assert_int_equal(json_array_append_new(at(d, "ties"), t), 0);
	}
	return d;
}

static void conflict_only_conflict_or_broken(void **state)
{
	json_t *d;
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	d = two_by_two("broken", "positive", "conflict", "neutral");
	l = run(d, AS_OF);
	sg = expect(l, "parents-fosterparents-conflict", KR_LEVEL_ALERT);
	/* one signal naming both pairs */
	subjects_are(sg, "p2 p5 p11");
	mentions(sg, "Ilse", "Ruud", "Marga", NULL);
	says(sg, "de band verbroken", "the tie is broken");
	says(sg, "een conflict", "there is conflict");
	lacks(sg->message[KR_LANG_NL], "Jan");
	silent(l, "parents-fosterparents-not-met");

	/* ambivalent, neutral, positive: no conflict */
	d = two_by_two("ambivalent", "positive", "neutral", "positive");
	l = run(d, AS_OF);
	silent(l, "parents-fosterparents-conflict");
	silent(l, "parents-fosterparents-not-met");
	d = two_by_two("conflict", "ambivalent", "positive", "positive");
	sg = expect(run(d, AS_OF), "parents-fosterparents-conflict", KR_LEVEL_ALERT);
	subjects_are(sg, "p2 p5");
	/* a missing tie is no conflict */
	d = two_by_two(NULL, "positive", "positive", "positive");
	l = run(d, AS_OF);
	silent(l, "parents-fosterparents-conflict");
	expect(l, "parents-fosterparents-not-met", KR_LEVEL_WARNING);
}

static void not_met(void **state)
{
	json_t *d;
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	/* nobody has met: one signal naming all four pairs, per parent */
	d = two_by_two(NULL, NULL, NULL, NULL);
	l = run(d, AS_OF);
	sg = expect(l, "parents-fosterparents-not-met", KR_LEVEL_WARNING);
	subjects_are(sg, "p2 p11 p5 p12");
	says(sg, "Ilse met Marga en Jan", "Ilse with Marga and Jan");
	says(sg, "Ruud met Marga en Jan", "Ruud with Marga and Jan");
	mentions(sg, "Sam", NULL);
	advises(sg, "kennismaking", "first meeting");
	/* not the advice for an open conflict */
	lacks(sg->advice[KR_LANG_NL], "bemiddelaar");
	silent(l, "parents-fosterparents-conflict");

	/* any tie, even a conflict, means they have met */
	d = two_by_two("conflict", NULL, "positive", NULL);
	l = run(d, AS_OF);
	sg = expect(l, "parents-fosterparents-not-met", KR_LEVEL_WARNING);
	subjects_are(sg, "p2 p11 p12");
	says(sg, "Ilse met Jan", "Ilse with Jan");
	says(sg, "Ruud met Jan", "Ruud with Jan");
	lacks(sg->message[KR_LANG_NL], "Marga");
	expect(l, "parents-fosterparents-conflict", KR_LEVEL_ALERT);
	d = two_by_two("positive", "positive", "positive", "positive");
	silent(run(d, AS_OF), "parents-fosterparents-not-met");

	/* family of each other have met: Ilse's father Henk as carer */
	d = two_by_two("positive", "positive", "positive", "positive");
	put(at(d, "placements[0]"), "carers", "['p5', 'p4']");
	add(d, "kinship", "{'type': 'parent', 'parent': 'p4', 'child': 'p2'}");
	sg = expect(run(d, AS_OF), "parents-fosterparents-not-met", KR_LEVEL_WARNING);
	subjects_are(sg, "p11 p4");
	says(sg, "Ruud met Henk", "Ruud with Henk");
	/* a parent who died is not asked to meet anyone */
	d = two_by_two("positive", "positive", NULL, NULL);
	expect(run(d, AS_OF), "parents-fosterparents-not-met", KR_LEVEL_WARNING);
	put_str(person(d, "p11"), "died", "2026-01-01");
	silent(run(d, AS_OF), "parents-fosterparents-not-met");

	/* only the carers of the current home; not when Sam lives at home */
	d = two_by_two(NULL, NULL, NULL, NULL);
	put_str(at(d, "placements[0]"), "end", "2026-06-01");
	add(d, "placements", "{'id': 'pl2', 'form': 'home', 'carers': ['p2'],"
	                     " 'start': '2026-06-01'}");
	silent(run(d, AS_OF), "parents-fosterparents-not-met");
}

/* ---- trust figures ---- */

static void trust_figure_left_or_died(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	/* the only trust figure, Anouk, a professional no longer involved */
	put(tie(d, "p1", "p6"), "trust_figure", "false");
	put(tie(d, "p1", "p9"), "trust_figure", "true");
	put(person(d, "p9"), "involved", "[{'from': '2025-01-10', 'to': '2026-11-30'}]");
	l = run(d, AS_OF);
	sg = expect(l, "no-trust-figure", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p9");
	mentions(sg, "Sam", "Anouk", NULL);
	says(sg, "niet meer betrokken", "no longer involved");
	silent(l, "trust-figure-professional");
	/* on her last day she still counts, as a professional only */
	l = run(d, "2026-11-30");
	silent(l, "no-trust-figure");
	sg = expect(l, "trust-figure-professional", KR_LEVEL_INFO);
	subjects_are(sg, "p1 p9");

	/* Kees, the trust figure, died */
	d = fresh();
	put_str(person(d, "p6"), "died", "2026-11-15");
	sg = expect(run(d, AS_OF), "no-trust-figure", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p6");
	mentions(sg, "Kees", NULL);
	says(sg, "is overleden", "has died");
	silent(run(d, "2026-11-14"), "no-trust-figure");
	/* another trust figure from the network is enough */
	put(tie(d, "p1", "p4"), "trust_figure", "true");
	silent(run(d, AS_OF), "no-trust-figure");
}

static void trust_figure_professional(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	put(tie(d, "p1", "p9"), "trust_figure", "true");
	silent(run(d, AS_OF), "trust-figure-professional");        /* Kees too */
	put(tie(d, "p1", "p6"), "trust_figure", "false");
	l = run(d, AS_OF);
	sg = expect(l, "trust-figure-professional", KR_LEVEL_INFO);
	subjects_are(sg, "p1 p9");
	mentions(sg, "Anouk", NULL);
	says(sg, "een professional", "a professional");
	advises(sg, "eigen netwerk", "own network");
	silent(l, "no-trust-figure");
	/* two professionals */
	add(d, "persons", "{'id': 'p10', 'name': 'Wim', 'sex': 'm', 'roles': ['guardian'],"
	                  " 'world': 'professional', 'segment': 'professionals'}");
	add(d, "ties", "{'a': 'p10', 'b': 'p1', 'trust_figure': true}");
	sg = expect(run(d, AS_OF), "trust-figure-professional", KR_LEVEL_INFO);
	subjects_are(sg, "p1 p9 p10");
	says(sg, "Anouk en Wim", "Anouk and Wim");
	says(sg, "allemaal professionals", "all professionals");
	/* someone of the network besides them: silent */
	put(tie(d, "p1", "p3"), "trust_figure", "true");
	silent(run(d, AS_OF), "trust-figure-professional");
}

/* ---- network-overload for carers from the child's own network ---- */

static void overload_network_carer(void **state)
{
	json_t *d = fresh();
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	set_agreements(d, "p5 p5 p6");
	silent(run(d, AS_OF), "network-overload");       /* a stranger carer: 2 is fine */
	put(at(d, "placements[0]"), "network", "true");
	sg = expect(run(d, AS_OF), "network-overload", KR_LEVEL_WARNING);
	subjects_are(sg, "p5 a1 a2");
	mentions(sg, "Marga", NULL);
	says(sg, "2 van de 3", "2 of the 3");
	says(sg, "dubbel belast", "double role");
	set_agreements(d, "p5 p6 p6");
	silent(run(d, AS_OF), "network-overload");       /* one is fine */
	set_agreements(d, "p5 p5/done p6");
	silent(run(d, AS_OF), "network-overload");
	/* someone of the network who is not a carer needs 3 */
	set_agreements(d, "p4 p4 p6");
	silent(run(d, AS_OF), "network-overload");
	set_agreements(d, "p5 p5 p6");
	s = with(KR_SET_OVERLOAD_NETWORK_CARER, 3);
	silent(run_with(d, AS_OF, &s), "network-overload");
	s = with(KR_SET_OVERLOAD_NETWORK_CARER, 1);
	set_agreements(d, "p5 p6");
	expect(run_with(d, AS_OF, &s), "network-overload", KR_LEVEL_WARNING);

	/* a stranger carer at 3, as anyone */
	put(at(d, "placements[0]"), "network", "false");
	set_agreements(d, "p5 p5 p5");
	sg = expect(run(d, AS_OF), "network-overload", KR_LEVEL_WARNING);
	lacks(sg->message[KR_LANG_NL], "dubbel");
	says(sg, "3 van de 3", "3 of the 3");
	/* a former carer from the network is no longer a carer */
	put(at(d, "placements[0]"), "network", "true");
	put_str(at(d, "placements[0]"), "end", "2026-06-01");
	add(d, "placements", "{'id': 'pl2', 'form': 'family_home', 'carers': ['p12'],"
	                     " 'start': '2026-06-01'}");
	add(d, "persons", "{'id': 'p12', 'name': 'Jan', 'roles': ['family_home_parent'],"
	                  " 'world': 'foster'}");
	set_agreements(d, "p5 p5 p6");
	silent(run(d, AS_OF), "network-overload");
}

/* ---- recent-breakdown ---- */

/* Sam's placement with Truus broke down on 12 April 2026; crisis care
 * with Marga since; the last network meeting before that. */
static json_t *broke_down(void)
{
	json_t *d = fresh();
	add(d, "persons", "{'id': 'p10', 'name': 'Truus', 'sex': 'f', 'roles': ['foster_parent'],"
	                  " 'world': 'foster'}");
	set_placements(d, "[{'id': 'pl0', 'form': 'foster_fulltime', 'carers': ['p10'],"
	                  "  'start': '2025-01-15', 'end': '2026-04-12', 'end_reason': 'breakdown'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': true,"
	                  "  'carers': ['p5'], 'start': '2026-04-12'}]");
	put_str(at(d, "meetings[0]"), "date", "2026-04-01");
	return d;
}

static void recent_breakdown(void **state)
{
	json_t *d = broke_down();
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	sg = expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
	subjects_are(sg, "p1 pl0");
	says(sg, "brak op 12 april 2026 af", "broke down on 12 April 2026");
	says(sg, "bij Truus", "with Truus");
	advises(sg, "breng het netwerk bij elkaar", "bring the network together");
	assert_string_equal(json_string_value(json_object_get(sg->details, "breakdown")),
	                    "2026-04-12");
	/* on the day itself, and exactly 6 months later */
	expect(run(d, "2026-04-12"), "recent-breakdown", KR_LEVEL_ALERT);
	expect(run(d, "2026-10-12"), "recent-breakdown", KR_LEVEL_ALERT);
	/* 6 months and a day */
	silent(run(d, "2026-10-13"), "recent-breakdown");
	s = with(KR_SET_RECENT_BREAKDOWN_MONTHS, 3);
	expect(run_with(d, "2026-07-12", &s), "recent-breakdown", KR_LEVEL_ALERT);
	silent(run_with(d, "2026-07-13", &s), "recent-breakdown");
	s = with(KR_SET_RECENT_BREAKDOWN_MONTHS, 12);
	expect(run_with(d, "2026-10-13", &s), "recent-breakdown", KR_LEVEL_ALERT);

	/* a network meeting on or after the breakdown day silences it */
	add(d, "meetings", "{'id': 'm2', 'date': '2026-04-12', 'type': 'diy'}");
	silent(run(d, "2026-06-01"), "recent-breakdown");
	put_str(at(d, "meetings[1]"), "date", "2026-05-20");
	silent(run(d, "2026-06-01"), "recent-breakdown");
	expect(run(d, "2026-05-19"), "recent-breakdown", KR_LEVEL_ALERT);   /* not yet held */
	put_str(at(d, "meetings[1]"), "date", "2026-04-11");
	expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
}

static void recent_breakdown_event(void **state)
{
	json_t *d = broke_down();
	const struct kr_signal *sg;
	(void)state;
	/* only an event says so, without placement */
	put_str(at(d, "placements[0]"), "end_reason", "other");
	silent(run(d, "2026-06-01"), "recent-breakdown");
	add(d, "events", "{'date': '2026-04-12', 'type': 'breakdown'}");
	sg = expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
	subjects_are(sg, "p1");
	says(sg, "Op 12 april 2026 is een plaatsing van Sam afgebroken",
	     "On 12 April 2026 a placement of Sam broke down");
	/* the event and the ending of the same placement: one signal */
	put_str(at(d, "placements[0]"), "end_reason", "breakdown");
	expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
}

/* ---- crisis-too-long ---- */

static void crisis_too_long(void **state)
{
	json_t *d = fresh();
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	put_str(at(d, "placements[0]"), "form", "crisis");
	put_str(at(d, "placements[0]"), "start", "2026-10-01");
	silent(run(d, "2026-10-28"), "crisis-too-long");             /* 27 days */
	sg = expect(run(d, "2026-10-29"), "crisis-too-long", KR_LEVEL_WARNING);   /* 28 */
	subjects_are(sg, "p1 pl1");
	says(sg, "sinds 1 oktober 2026 in crisisopvang bij Marga",
	     "in crisis care with Marga since 1 October 2026");
	says(sg, "4 weken", "4 weeks");
	assert_int_equal(json_integer_value(json_object_get(sg->details, "days")), 28);
	expect(run(d, "2026-11-25"), "crisis-too-long", KR_LEVEL_WARNING);        /* 55 */
	sg = expect(run(d, "2026-11-26"), "crisis-too-long", KR_LEVEL_ALERT);     /* 56 */
	says(sg, "8 weken", "8 weeks");

	s = with(KR_SET_CRISIS_WARNING_DAYS, 14);
	silent(run_with(d, "2026-10-14", &s), "crisis-too-long");
	expect(run_with(d, "2026-10-15", &s), "crisis-too-long", KR_LEVEL_WARNING);
	s = with(KR_SET_CRISIS_ALERT_DAYS, 30);
	expect(run_with(d, "2026-10-30", &s), "crisis-too-long", KR_LEVEL_WARNING);
	expect(run_with(d, "2026-10-31", &s), "crisis-too-long", KR_LEVEL_ALERT);

	/* once it became the foster family, it is no crisis care any more */
	put_str(at(d, "placements[0]"), "end", "2026-11-01");
	add(d, "placements", "{'id': 'pl2', 'form': 'foster_fulltime', 'network': true,"
	                     " 'carers': ['p5'], 'start': '2026-11-01'}");
	silent(run(d, AS_OF), "crisis-too-long");
}

/* ---- network-not-explored ---- */

static void network_not_explored(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	drop(at(d, "placements[0]"), "network_search");
	sg = expect(run(d, AS_OF), "network-not-explored", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl1");
	says(sg, "sinds 15 januari 2025 bij Marga", "with Marga since 15 January 2025");
	mentions(sg, "90", NULL);
	/* a meeting exactly 90 days before the start shows the network was
	 * asked; 91 days before, on the day after the start: not */
	add(d, "meetings", "{'id': 'm0', 'date': '2024-10-17', 'type': 'family_group_conference'}");
	silent(run(d, AS_OF), "network-not-explored");
	put_str(at(d, "meetings[1]"), "date", "2024-10-16");
	expect(run(d, AS_OF), "network-not-explored", KR_LEVEL_WARNING);
	s = with(KR_SET_NETWORK_SEARCH_DAYS, 91);
	silent(run_with(d, AS_OF, &s), "network-not-explored");
	put_str(at(d, "meetings[1]"), "date", "2025-01-15");
	silent(run(d, AS_OF), "network-not-explored");
	put_str(at(d, "meetings[1]"), "date", "2025-01-16");
	expect(run(d, AS_OF), "network-not-explored", KR_LEVEL_WARNING);
	/* a recorded search, whatever its outcome */
	put(at(d, "placements[0]"), "network_search", "{'date': '2025-02-01', 'outcome': 'declined'}");
	silent(run(d, AS_OF), "network-not-explored");
	drop(at(d, "placements[0]"), "network_search");

	/* with someone of the network: nothing to explore */
	put(at(d, "placements[0]"), "network", "true");
	l = run(d, AS_OF);
	silent(l, "network-not-explored");
	no_missing(l, "network-not-explored");
	/* not known: data-missing, in words */
	drop(at(d, "placements[0]"), "network");
	l = run(d, AS_OF);
	silent(l, "network-not-explored");
	sg = expect_missing(l, "network-not-explored", "placements[0].network");
	says(sg, "of plaatsing pl1 bij iemand uit het eigen netwerk is",
	     "whether placement pl1 is with someone of the child's own network");
	/* a family home is no foster placement */
	put_str(at(d, "placements[0]"), "form", "family_home");
	put(at(d, "placements[0]"), "network", "false");
	silent(run(d, AS_OF), "network-not-explored");
}

/* Crisis care with strangers that became their foster family: explored (or
 * not) before the crisis care started. */
static void network_not_explored_from_the_home(void **state)
{
	json_t *d = fresh();
	const struct kr_signal *sg;
	(void)state;
	set_placements(d, "[{'id': 'pl0', 'form': 'crisis', 'network': false, 'carers': ['p5'],"
	                  "  'start': '2025-01-15', 'end': '2025-03-01'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': false,"
	                  "  'carers': ['p5'], 'start': '2025-03-01'}]");
	sg = expect(run(d, AS_OF), "network-not-explored", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl0");
	says(sg, "sinds 15 januari 2025", "since 15 January 2025");
	/* a meeting 90 days before the crisis care */
	add(d, "meetings", "{'id': 'm0', 'date': '2024-10-17', 'type': 'diy'}");
	silent(run(d, AS_OF), "network-not-explored");
	put_str(at(d, "meetings[1]"), "date", "2024-12-01");
	silent(run(d, AS_OF), "network-not-explored");
	/* a meeting during the crisis care, before the foster placement
	 * started: signals.md, "no network meeting was held in the 90 days
	 * before it started" */
	put_str(at(d, "meetings[1]"), "date", "2025-02-15");
	silent(run(d, AS_OF), "network-not-explored");
	put_str(at(d, "meetings[1]"), "date", "2025-03-01");
	silent(run(d, AS_OF), "network-not-explored");
	put_str(at(d, "meetings[1]"), "date", "2025-03-02");
	expect(run(d, AS_OF), "network-not-explored", KR_LEVEL_WARNING);
	/* the search recorded with the crisis placement */
	put_str(at(d, "meetings[1]"), "date", "2026-01-01");
	expect(run(d, AS_OF), "network-not-explored", KR_LEVEL_WARNING);
	put(at(d, "placements[0]"), "network_search", "{'date': '2025-01-10', 'outcome': 'none_available'}");
	silent(run(d, AS_OF), "network-not-explored");
}

/* ---- tie-worsened: compared with the recorded states ---- */

/*
 * rule_tie_worsened compares the case on as-of with two recorded states:
 * the one current at the end of as-of - tie_worsened.min_months (3) and,
 * when it is another, the one current at as-of - tie_worsened.max_months
 * (12), which may have been recorded earlier still.  No state current 3
 * months back: data-missing "revisions".  No history at all: silent.
 */
static void tie_worsened_parents(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	record(d, "2026-07-01");                          /* Ilse and Marga positive */
	put(tie(d, "p2", "p5"), "quality", "'conflict'");
	l = run(d, AS_OF);
	sg = expect(l, "tie-worsened", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p2 p5");
	says(sg, "de band tussen Ilse en Marga was op 1 september 2026 goed en is nu conflict",
	     "the tie between Ilse and Marga was positive on 1 September 2026 and is conflict now");
	assert_string_equal(json_string_value(json_object_get(sg->details, "compared_with")),
	                    "2026-09-01");
	expect(l, "parents-fosterparents-conflict", KR_LEVEL_ALERT);
	no_missing(l, "tie-worsened");
	/* neutral to ambivalent counts; ambivalent to conflict does not */
	put(tie(d, "p2", "p5"), "quality", "'ambivalent'");
	expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
	/* no history: the rule is skipped, nothing asked */
	forget_history();
	l = run(d, AS_OF);
	silent(l, "tie-worsened");
	no_missing(l, "tie-worsened");
}

static void tie_worsened_child(void **state)
{
	json_t *d = fresh();
	const struct kr_signal *sg;
	(void)state;
	put(tie(d, "p1", "p8"), "quality", "'neutral'");
	record(d, "2026-06-15");
	/* Lotte, a friend: strong to weak; Bram, the teacher: neutral to
	 * ambivalent; one signal naming both */
	put(tie(d, "p1", "p7"), "strength", "'weak'");
	put(tie(d, "p1", "p8"), "quality", "'ambivalent'");
	sg = expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p7 p8");
	says(sg, "de band tussen Sam en Lotte was op 1 september 2026 sterk en is nu zwak",
	     "the tie between Sam and Lotte was strong on 1 September 2026 and is weak now");
	says(sg, "Bram", "Bram");
	says(sg, "neutraal en is nu wisselend", "neutral on 1 September 2026 and is ambivalent");
	/* strong to normal is no drop to weak */
	put(tie(d, "p1", "p7"), "strength", "'normal'");
	put(tie(d, "p1", "p8"), "quality", "'neutral'");
	silent(run(d, AS_OF), "tie-worsened");
	/* a professional is not the child's own network, and a grandparent
	 * with a foster parent is not a parent with a foster parent */
	forget_history();
	put(tie(d, "p1", "p9"), "strength", "'strong'");
	add(d, "ties", "{'a': 'p4', 'b': 'p5', 'quality': 'positive'}");
	record(d, "2026-06-15");
	put(tie(d, "p1", "p9"), "strength", "'weak'");
	put(tie(d, "p1", "p9"), "quality", "'conflict'");
	put(tie(d, "p4", "p5"), "quality", "'conflict'");
	silent(run(d, AS_OF), "tie-worsened");
	/* Henk as Marga's fellow carer is a foster parent, but he is no
	 * parent either */
	put(at(d, "placements[0]"), "carers", "['p5', 'p4']");
	silent(run(d, AS_OF), "tie-worsened");
}

static void tie_worsened_when(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	/* the only earlier state is 2 months old: not old enough to compare */
	record(d, "2026-10-01");
	put(tie(d, "p2", "p5"), "quality", "'conflict'");
	l = run(d, AS_OF);
	silent(l, "tie-worsened");
	sg = expect_missing(l, "tie-worsened", "revisions");
	says(sg, "3 maanden", "3 months");
	/* with tie_worsened.min_months 2 it is */
	s = with(KR_SET_TIE_WORSENED_MIN_MONTHS, 2);
	l = run_with(d, AS_OF, &s);
	expect(l, "tie-worsened", KR_LEVEL_WARNING);
	no_missing(l, "tie-worsened");
	/* recorded exactly 3 months back: compared */
	forget_history();
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	record(d, "2026-09-01");
	put(tie(d, "p2", "p5"), "quality", "'conflict'");
	expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
	silent(run(d, "2026-11-30"), "tie-worsened");
	expect_missing(&g_list, "tie-worsened", "revisions");

	/* positive 5 months ago, conflict since 2 months: the state of 3
	 * months back is the positive one */
	forget_history();
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	record(d, "2026-07-01");
	put(tie(d, "p2", "p5"), "quality", "'conflict'");
	record(d, "2026-10-01");
	expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
}

static void tie_worsened_twelve_months(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	/* positive 14 months ago, already conflict 4 months ago and now: the
	 * 3-month state shows no change, the 12-month checkpoint (the state
	 * of 14 months ago, current then) does */
	record(d, "2025-10-01");
	put(tie(d, "p2", "p5"), "quality", "'conflict'");
	record(d, "2026-02-01");
	l = run(d, AS_OF);
	sg = expect(l, "tie-worsened", KR_LEVEL_WARNING);
	says(sg, "was op 31 januari 2026 goed", "positive on 31 January 2026");
	assert_string_equal(json_string_value(json_object_get(sg->details, "compared_with")),
	                    "2026-01-31");
	/* with tie_worsened.max_months 9 the checkpoint (1 March 2026) lies
	 * after the positive state was replaced */
	s = with(KR_SET_TIE_WORSENED_MAX_MONTHS, 9);
	silent(run_with(d, AS_OF, &s), "tie-worsened");
	/* only one state, 14 months old: it is current 3 months back too */
	forget_history();
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	record(d, "2025-10-01");
	put(tie(d, "p2", "p5"), "quality", "'broken'");
	sg = expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
	says(sg, "goed en is nu verbroken", "positive on 1 September 2026 and is broken now");
	/* a person who died now is not compared */
	put_str(person(d, "p2"), "died", "2026-11-01");
	silent(run(d, AS_OF), "tie-worsened");
}

/* Every revision current in the window counts, not only the states at its
 * two ends: positive in a revision of 1 February 2026, ambivalent from
 * 1 July 2026 (so also 3 and 12 months before 1 December 2026), and now.
 * The message names the last day the tie was still positive. */
static void tie_worsened_between(void **state)
{
	json_t *d = fresh();
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	put(tie(d, "p2", "p5"), "quality", "'neutral'");
	record(d, "2025-06-01");
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	record(d, "2026-02-01");
	put(tie(d, "p2", "p5"), "quality", "'ambivalent'");
	record(d, "2026-07-01");
	sg = expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
	says(sg, "was op 30 juni 2026 goed en is nu wisselend",
	     "positive on 30 June 2026 and is ambivalent now");
	assert_string_equal(json_string_value(json_object_get(sg->details, "compared_with")),
	                    "2026-06-30");
	/* the best state wins: positive, not the neutral one before it */
	lacks(sg->message[KR_LANG_NL], "neutraal");
	/* the window's edge: positive until 30 June; a window that starts on
	 * 30 June still holds that day, one that starts on 1 July does not */
	s = with(KR_SET_TIE_WORSENED_MAX_MONTHS, 5);      /* from 1 July */
	silent(run_with(d, AS_OF, &s), "tie-worsened");
	expect(run_with(d, "2026-11-30", &s), "tie-worsened", KR_LEVEL_WARNING);
	/* a revision replaced on the day it was recorded was never current */
	forget_history();
	put(tie(d, "p2", "p5"), "quality", "'ambivalent'");
	record(d, "2025-06-01");
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	record(d, "2026-02-01");
	put(tie(d, "p2", "p5"), "quality", "'ambivalent'");
	record(d, "2026-02-01");
	silent(run(d, AS_OF), "tie-worsened");
	/* strong in a revision in between, weak before and after */
	forget_history();
	d = fresh();
	put(tie(d, "p1", "p7"), "strength", "'weak'");
	record(d, "2025-06-01");
	put(tie(d, "p1", "p7"), "strength", "'strong'");
	record(d, "2026-03-01");
	put(tie(d, "p1", "p7"), "strength", "'weak'");
	record(d, "2026-05-01");
	sg = expect(run(d, AS_OF), "tie-worsened", KR_LEVEL_WARNING);
	says(sg, "Sam en Lotte was op 30 april 2026 sterk", "strong on 30 April 2026");
}

/* ---- contacts-lost ---- */

/* Sam moved from Truus to Marga on 1 June 2026; the case as it was on
 * 1 March 2026 is on record, with Lotte (friends), Bram (school) and Kees
 * (leisure) weekly. */
static void june(json_t *d)
{
	add(d, "persons", "{'id': 'p10', 'name': 'Truus', 'sex': 'f', 'roles': ['foster_parent'],"
	                  " 'world': 'foster'}");
	set_placements(d, "[{'id': 'pl0', 'form': 'foster_fulltime', 'carers': ['p10'],"
	                  "  'start': '2020-01-01', 'end': '2026-06-01', 'end_reason': 'other'},"
	                  " {'id': 'pl1', 'form': 'foster_fulltime', 'network': true,"
	                  "  'carers': ['p5'], 'start': '2026-06-01'}]");
}

static json_t *moved_in_june(void)
{
	json_t *d = fresh();
	june(d);
	record(d, "2026-03-01");
	return d;
}

static void contacts_lost(void **state)
{
	json_t *d = moved_in_june();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	silent(run(d, AS_OF), "contacts-lost");             /* all still weekly */
	/* the club is gone, the friend is seen rarely */
	put(tie(d, "p1", "p6"), "trust_figure", "false");
	put(tie(d, "p1", "p3"), "trust_figure", "true");
	untie(d, "p1", "p6");
	put(tie(d, "p1", "p7"), "frequency", "'rarely'");
	l = run(d, AS_OF);
	sg = expect(l, "contacts-lost", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p6 p7");
	says(sg, "Sinds Sam op 1 juni 2026 verhuisde, heeft hij minder contact",
	     "Since Sam moved on 1 June 2026, he has less contact with his own friends");
	says(sg, "Kees (vrije tijd): geen contact meer", "Kees (leisure): no contact any more");
	says(sg, "Lotte (vrienden): nu bijna nooit contact", "Lotte (friends): now rarely in contact");
	lacks(sg->message[KR_LANG_NL], "Bram");
	no_missing(l, "contacts-lost");
	/* monthly is still contact */
	put(tie(d, "p1", "p7"), "frequency", "'monthly'");
	sg = expect(run(d, AS_OF), "contacts-lost", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p6");
	/* family is not what this rule watches */
	add(d, "ties", "{'a': 'p1', 'b': 'p6', 'frequency': 'weekly'}");
	put(tie(d, "p1", "p4"), "frequency", "'never'");
	silent(run(d, AS_OF), "contacts-lost");
	/* a tie that was rare already was no contact to lose */
	forget_history();
	d = fresh();
	june(d);
	put(tie(d, "p1", "p8"), "frequency", "'rarely'");
	record(d, "2026-03-01");
	untie(d, "p1", "p8");
	silent(run(d, AS_OF), "contacts-lost");
	/* a person who died is no lost contact */
	forget_history();
	d = moved_in_june();
	untie(d, "p1", "p8");
	expect(run(d, AS_OF), "contacts-lost", KR_LEVEL_WARNING);
	put_str(person(d, "p8"), "died", "2026-09-01");
	silent(run(d, AS_OF), "contacts-lost");
}

static void contacts_lost_window(void **state)
{
	json_t *d = moved_in_june();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	untie(d, "p1", "p8");
	expect(run(d, AS_OF), "contacts-lost", KR_LEVEL_WARNING);
	/* since the current home began, however long ago: no 12-month
	 * window any more (a home 12 months old, or 3 years) */
	expect(run(d, "2027-05-31"), "contacts-lost", KR_LEVEL_WARNING);
	expect(run(d, "2027-06-01"), "contacts-lost", KR_LEVEL_WARNING);
	expect(run(d, "2029-06-01"), "contacts-lost", KR_LEVEL_WARNING);
	s = with(KR_SET_CONTACTS_WINDOW_MONTHS, 6);
	expect(run_with(d, AS_OF, &s), "contacts-lost", KR_LEVEL_WARNING);

	/* no state recorded before the move: data-missing, in words, while
	 * the home is younger than contacts.window_months (12) */
	forget_history();
	record(d, "2026-07-01");
	l = run(d, AS_OF);
	silent(l, "contacts-lost");
	sg = expect_missing(l, "contacts-lost", "revisions");
	says(sg, "van voor 1 juni 2026", "from before 1 June 2026");
	expect_missing(run(d, "2027-05-31"), "contacts-lost", "revisions");
	l = run(d, "2027-06-01");
	no_missing(l, "contacts-lost");
	silent(l, "contacts-lost");
	no_missing(run_with(d, AS_OF, &s), "contacts-lost");
	expect_missing(run_with(d, "2026-11-30", &s), "contacts-lost", "revisions");
	/* no history: skipped */
	forget_history();
	l = run(d, AS_OF);
	silent(l, "contacts-lost");
	no_missing(l, "contacts-lost");
	/* at home: nothing to lose by a move */
	add(d, "ties", "{'a': 'p1', 'b': 'p8', 'frequency': 'weekly'}");
	record(d, "2026-03-01");
	untie(d, "p1", "p8");
	expect(run(d, AS_OF), "contacts-lost", KR_LEVEL_WARNING);
	put_str(at(d, "placements[1]"), "form", "home");
	silent(run(d, AS_OF), "contacts-lost");
}

/* ---- issue 9 §4: messages a worker reads aloud ---- */

/* The child's own pronoun from `sex`; without a settled Dutch pronoun the
 * name is repeated, English says "they". */
static void pronouns(void **state)
{
	json_t *d = broke_down();
	const struct kr_signal *sg;
	(void)state;
	sg = expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
	advises(sg, "wat hij nu nodig heeft", "what he needs now");
	put_str(person(d, "p1"), "sex", "f");
	sg = expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
	advises(sg, "wat zij nu nodig heeft", "what she needs now");
	lacks(sg->advice[KR_LANG_NL], " hij ");
	lacks(sg->advice[KR_LANG_EN], " he ");
	/* x or unknown: the name; English "they" only where no verb follows
	 * (never "they needs") */
	put_str(person(d, "p1"), "sex", "x");
	sg = expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
	advises(sg, "wat Sam nu nodig heeft", "what Sam needs now");
	lacks(sg->advice[KR_LANG_EN], "they needs");
	drop(person(d, "p1"), "sex");
	sg = expect(run(d, "2026-06-01"), "recent-breakdown", KR_LEVEL_ALERT);
	advises(sg, "wat Sam nu nodig heeft", "what Sam needs now");
	lacks(sg->advice[KR_LANG_NL], " hij ");
	lacks(sg->advice[KR_LANG_NL], " zij ");
	/* in a sentence with a verb for the child, and with a possessive */
	put_str(person(d, "p1"), "born", "2018-05-02");
	put(tie(d, "p1", "p6"), "trust_figure", "false");
	sg = expect(run(d, "2026-06-01"), "no-trust-figure", KR_LEVEL_WARNING);
	advises(sg, "wie Sam vertrouwt en bij wie Sam terecht kan",
	        "whom Sam trusts and can turn to");
	contains(sg->advice[KR_LANG_EN], "in their own words");
	put_str(person(d, "p1"), "sex", "f");
	sg = expect(run(d, "2026-06-01"), "no-trust-figure", KR_LEVEL_WARNING);
	advises(sg, "wie zij vertrouwt en bij wie zij terecht kan",
	        "whom she trusts and can turn to");
	contains(sg->advice[KR_LANG_EN], "in her own words");
}

/* Advice that fits the age on as-of: under 4 through the parents and
 * carers, 4 to 11 with drawings and own words, 12 and older deciding
 * along.  no-trust-figure asks; recent-breakdown talks with.  The age on
 * 12 October 2026: 3, 4, 11, 12. */
static void advice_fits_age(void **state)
{
	static const struct {
		const char *born;
		const char *ask_nl, *ask_en, *with_nl, *with_en;
	} ages[] = {
		{ "2022-10-13", "Vraag de ouders en pleegouders van Sam",
		  "Ask Sam's parents and foster parents", "samen met de ouders en pleegouders van Sam",
		  "together with Sam's parents and foster parents" },          /* 3 */
		{ "2022-10-12", "Vraag Sam, met tekeningen en in eigen woorden",
		  "Ask Sam, with drawings and in his own words", "met tekeningen en in zijn eigen woorden",
		  "with drawings and in his own words" },                      /* 4 */
		{ "2014-10-13", "Vraag Sam, met tekeningen en in eigen woorden",
		  "with drawings", "met tekeningen", "with drawings" },          /* 11 */
		{ "2014-10-12", "Vraag Sam, die hier zelf over meebeslist",
		  "Ask Sam, who has a say in this", "samen met Sam, die zelf meebeslist",
		  "together with Sam, who decides along" },                    /* 12 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof ages / sizeof *ages; i++) {
		json_t *d = broke_down();
		const struct kr_signal_list *l;
		const struct kr_signal *sg;
		put_str(person(d, "p1"), "born", ages[i].born);
		put(tie(d, "p1", "p6"), "trust_figure", "false");
		l = run(d, "2026-10-12");
		sg = expect(l, "no-trust-figure", KR_LEVEL_WARNING);
		advises(sg, ages[i].ask_nl, ages[i].ask_en);
		sg = expect(l, "recent-breakdown", KR_LEVEL_ALERT);
		advises(sg, ages[i].with_nl, ages[i].with_en);
		if (i == 0 || i == 3)
			lacks(sg->advice[KR_LANG_NL], "tekeningen");
	}
}

/* Dates in Dutch words, "12 april 2026" and "sinds maart 2024", and their
 * English twins; the ISO form only in the details for tools. */
static void dates_in_words(void **state)
{
	json_t *d = broke_down();
	const struct kr_signal *sg;
	(void)state;
	put_str(at(d, "placements[0]"), "start", "2024-03");
	drop(at(d, "case"), "perspective_decision");
	run(d, "2026-06-01");
	sg = expect(&g_list, "recent-breakdown", KR_LEVEL_ALERT);
	says(sg, "12 april 2026", "12 April 2026");
	says(sg, "7 weken geleden", "7 weeks ago");
	sg = expect(&g_list, "perspective-overdue", KR_LEVEL_ALERT);
	says(sg, "woont sinds maart 2024 niet meer thuis", "since March 2024");
	says(sg, "nu 2 jaar", "2 years now");
	assert_string_equal(json_string_value(json_object_get(sg->details,
	                    "out_of_home_since")), "2024-03-31");
}

/* A rule that lacks data names it in words; `field` keeps the path. */
static void data_missing_in_words(void **state)
{
	json_t *d = fresh();
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	(void)state;
	drop(at(d, "case"), "perspective_decision");
	drop(at(d, "placements[0]"), "form");
	l = run(d, AS_OF);
	sg = expect_missing(l, "perspective-overdue", "placements[0].form");
	says(sg, "de vorm van plaatsing pl1 ontbreekt", "the form of placement pl1 is missing");
	says(sg, "Perspectiefbesluit te laat", "Perspective decision overdue");
	advises(sg, "Vul de vorm van plaatsing pl1 aan", "Fill in the form of placement pl1");
	assert_string_equal(json_string_value(json_object_get(sg->details, "field")),
	                    "placements[0].form");
	/* the JSON keeps both */
	{
		char *text = list_json(l);
		contains(text, "\"field\": \"placements[0].form\"");
		contains(text, "\"rule\": \"perspective-overdue\"");
		free(text);
	}
}

/* One signal naming several people, never one per pair. */
static void one_signal_many_people(void **state)
{
	json_t *d = two_by_two(NULL, "conflict", NULL, "broken");
	const struct kr_signal_list *l;
	(void)state;
	add(d, "persons", "{'id': 'p13', 'name': 'Els', 'roles': ['parent'], 'world': 'origin'}");
	l = run(d, AS_OF);
	assert_int_equal(count(l, "parents-fosterparents-not-met"), 1);
	assert_int_equal(count(l, "parents-fosterparents-conflict"), 1);
	subjects_are(find(l, "parents-fosterparents-not-met"), "p2 p11 p13 p5 p12");
	subjects_are(find(l, "parents-fosterparents-conflict"), "p2 p11 p12");
	says(find(l, "parents-fosterparents-not-met"), "Els met Marga en Jan",
	     "Els with Marga and Jan");
}

/* Ties between parents and foster parents without quality: one
 * data-missing for the conflict rule naming every pair, each path in
 * details.fields, in words a worker can read ("de kwaliteit van de band
 * tussen Ilse en Marga"); one pair gives one signal with one path. */
static void conflict_missing_once(void **state)
{
	json_t *d = two_by_two("positive", "positive", "positive", "positive");
	const struct kr_signal_list *l;
	const struct kr_signal *sg;
	json_t *f;
	(void)state;
	for (int i = 0; i < 4; i++) {
		static const char *const ab[4][2] = { { "p2", "p5" }, { "p2", "p12" },
			{ "p11", "p5" }, { "p11", "p12" } };
		drop(tie(d, ab[i][0], ab[i][1]), "quality");
	}
	l = run(d, AS_OF);
	sg = expect_missing(l, "parents-fosterparents-conflict", "ties[10].quality");
	subjects_are(sg, "p2 p5 p12 p11");
	says(sg, "de kwaliteit van de band tussen Ilse en Marga, tussen Ilse en Jan, tussen Ruud "
	     "en Marga en tussen Ruud en Jan ontbreekt", "the quality of the tie between Ilse and "
	     "Marga, between Ilse and Jan, between Ruud and Marga and between Ruud and Jan is "
	     "missing");
	lacks(sg->message[KR_LANG_NL], "hoe de band");
	f = json_object_get(sg->details, "fields");
	assert_int_equal(json_array_size(f), 4);
	assert_string_equal(json_string_value(json_array_get(f, 0)), "ties[10].quality");
	assert_string_equal(json_string_value(json_array_get(f, 3)), "ties[13].quality");
	{
		size_t n = 0;
		for (size_t i = 0; i < l->n; i++)
			n += l->v[i].rule && !strcmp(l->v[i].rule, "parents-fosterparents-conflict");
		assert_int_equal(n, 1);
	}
	/* one pair left without quality: one signal, one path */
	put(tie(d, "p2", "p5"), "quality", "'positive'");
	put(tie(d, "p2", "p12"), "quality", "'positive'");
	put(tie(d, "p11", "p5"), "quality", "'positive'");
	l = run(d, AS_OF);
	sg = expect_missing(l, "parents-fosterparents-conflict", "ties[13].quality");
	says(sg, "de kwaliteit van de band tussen Ruud en Jan ontbreekt",
	     "the quality of the tie between Ruud and Jan is missing");
	assert_int_equal(json_array_size(json_object_get(sg->details, "fields")), 1);
	/* all known: none */
	put(tie(d, "p11", "p12"), "quality", "'neutral'");
	no_missing(run(d, AS_OF), "parents-fosterparents-conflict");
}

/* The sources name the section a worker can look up, not only a document
 * (issue 9 §4), and the article on parents and foster parents by its
 * programme, not by a description alone. */
static void sources_name_sections(void **state)
{
	static const struct { const char *id, *section; } want[] = {
		{ "development-check-overdue", "§3.3, Wat hebben kinderen nodig?" },
		{ "crisis-too-long", "§3.1 Het brede palet van jeugdhulp in gezinsvormen, Pleegzorg" },
		{ "network-small", "§3.2 Eigen Kracht conferentie" },
		{ "network-overload", "Wat haalbaar is voor het netwerk, als uitgangspunt nemen" },
		{ "placement-instability", "vijf factoren: continuïteit" },
		{ "placement-instability", "§3.3, Wat hebben kinderen nodig?" },
		{ "recent-breakdown", "inleiding (breakdown)" },
		{ "recent-breakdown", "§3.3, Wat hebben kinderen nodig?" },
		{ "parents-fosterparents-conflict", "Schadelijk en ingrijpend" },
		{ "parents-fosterparents-not-met", "Omslag in denken en doen" },
		{ "tie-worsened", "Schadelijk en ingrijpend" },
		{ "parents-without-support", "Verliesbegeleiding na uithuisplaatsing" },
		{ "contacts-lost", "vijf factoren: eigen regie" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *src = kr_signals_source(want[i].id);
		assert_non_null(src);
		if (!strstr(src, want[i].section))
			fail_msg("%s: source \"%s\" lacks \"%s\"", want[i].id, src, want[i].section);
		if (strstr(src, "samenwerking tussen ouders en pleegouders"))
			contains(src, "Versterken van de kracht van pleegouders");
	}
}

/* parents-fosterparents-not-met is about the foster parents the child lives
 * with: a support family or part-time care while the child lives at home
 * has no foster parents to meet; the same carers full-time do. */
static void not_met_only_fulltime(void **state)
{
	static const char *const part[] = { "support_family", "foster_parttime" };
	json_t *d;
	(void)state;
	for (size_t i = 0; i < 2; i++) {
		d = fresh();
		untie(d, "p2", "p5");
		put_str(at(d, "placements[0]"), "form", part[i]);
		silent(run(d, AS_OF), "parents-fosterparents-not-met");
		/* the same carers full-time: a foster family to get to know */
		put_str(at(d, "placements[0]"), "form", "foster_fulltime");
		expect(run(d, AS_OF), "parents-fosterparents-not-met", KR_LEVEL_WARNING);
	}
	/* a support family next to a return home: still at home */
	d = fresh();
	untie(d, "p2", "p5");
	set_placements(d, "[{'id': 'pl0', 'form': 'home', 'carers': ['p2'], 'start': '2025-01-15'},"
	                  " {'id': 'pl1', 'form': 'support_family', 'carers': ['p5'],"
	                  "  'start': '2026-03-01'}]");
	silent(run(d, AS_OF), "parents-fosterparents-not-met");
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

/* ---- matching and the first year (issue 13) ---- */

/* Sam (born 2014-05-02) with Marga, a stranger foster family, since
 * 2026-06-01 unless said otherwise. */
static json_t *new_home(const char *start)
{
	json_t *d = fresh();
	put_str(at(d, "placements[0]"), "start", start);
	return d;
}

static void matching_child_not_involved(void **state)
{
	json_t *d = new_home("2026-06-01"), *m;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	sg = expect(run(d, AS_OF), "matching-child-not-involved", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl1");
	says(sg, "er staat niet bij hoe hij meedeed", "nothing says how he took part");
	assert_int_equal(json_integer_value(json_object_get(sg->details, "age_at_start")), 12);
	put(at(d, "placements[0]"), "matching", "{'child_involved': 'visited'}");
	silent(run(d, AS_OF), "matching-child-not-involved");
	m = at(d, "placements[0].matching");
	put_str(m, "child_involved", "heard");
	silent(run(d, AS_OF), "matching-child-not-involved");
	put_str(m, "child_involved", "informed");
	sg = expect(run(d, AS_OF), "matching-child-not-involved", KR_LEVEL_WARNING);
	says(sg, "kreeg het alleen te horen", "was only told");
	put_str(m, "child_involved", "not_involved");
	expect(run(d, AS_OF), "matching-child-not-involved", KR_LEVEL_WARNING);

	/* the age at the start: 12 on 2026-05-02, 11 the day before */
	s = with(KR_SET_MATCHING_CHILD_MIN_AGE, 12);
	put_str(at(d, "placements[0]"), "start", "2026-05-02");
	expect(run_with(d, AS_OF, &s), "matching-child-not-involved", KR_LEVEL_WARNING);
	put_str(at(d, "placements[0]"), "start", "2026-05-01");
	silent(run_with(d, AS_OF, &s), "matching-child-not-involved");

	/* the window: a home begun 12 months ago still counts, a day longer not */
	put_str(at(d, "placements[0]"), "start", "2026-06-01");
	expect(run(d, "2027-06-01"), "matching-child-not-involved", KR_LEVEL_WARNING);
	silent(run(d, "2027-06-02"), "matching-child-not-involved");
	/* care within the network is not a matching with strangers */
	put(at(d, "placements[0]"), "network", "true");
	silent(run(d, AS_OF), "matching-child-not-involved");
}

static void parents_fosterparents_no_first_meeting(void **state)
{
	json_t *d = new_home("2026-06-01"), *m;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	sg = expect(run(d, AS_OF), "parents-fosterparents-no-first-meeting", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl1 p5");
	says(sg, "elkaar voor de plaatsing hebben leren kennen", "met before the placement");
	put(at(d, "placements[0]"), "matching", "{'first_meeting': '2026-05-20'}");
	silent(run(d, AS_OF), "parents-fosterparents-no-first-meeting");
	m = at(d, "placements[0].matching");
	put_str(m, "first_meeting", "2026-06-01");        /* on the day itself */
	silent(run(d, AS_OF), "parents-fosterparents-no-first-meeting");
	put_str(m, "first_meeting", "2026-06-02");        /* one day after */
	sg = expect(run(d, AS_OF), "parents-fosterparents-no-first-meeting", KR_LEVEL_WARNING);
	assert_int_equal(json_integer_value(json_object_get(sg->details, "days_after_start")), 1);
	says(sg, "pas 2 juni 2026 kennen", "first met on 2 June 2026");
	/* with a week allowed */
	s = with(KR_SET_FIRST_MEETING_DAYS, 7);
	put_str(m, "first_meeting", "2026-06-08");
	silent(run_with(d, AS_OF, &s), "parents-fosterparents-no-first-meeting");
	put_str(m, "first_meeting", "2026-06-09");
	expect(run_with(d, AS_OF, &s), "parents-fosterparents-no-first-meeting", KR_LEVEL_WARNING);
	/* a month-precision meeting is late only when every day of it is */
	put_str(m, "first_meeting", "2026-06");
	silent(run(d, AS_OF), "parents-fosterparents-no-first-meeting");
}

static void settling_checkin_overdue(void **state)
{
	json_t *d = new_home("2026-06-01");
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	/* check-in 1 is due on 2026-06-08; 14 days of grace */
	silent(run(d, "2026-06-22"), "settling-checkin-overdue");
	sg = expect(run(d, "2026-06-23"), "settling-checkin-overdue", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl1");
	says(sg, "Gesprek 1 over het wennen hoorde rond 8 juni 2026",
	     "check-in 1 was due around 8 June 2026");
	s = with(KR_SET_SETTLING_GRACE_DAYS, 0);
	silent(run_with(d, "2026-06-08", &s), "settling-checkin-overdue");
	expect(run_with(d, "2026-06-09", &s), "settling-checkin-overdue", KR_LEVEL_WARNING);
	/* one check-in done: the second is due on 2026-06-22 */
	put(at(d, "placements[0]"), "settling", "[{'date': '2026-06-08', 'child': 4}]");
	silent(run(d, "2026-07-06"), "settling-checkin-overdue");
	sg = expect(run(d, "2026-07-07"), "settling-checkin-overdue", KR_LEVEL_WARNING);
	assert_int_equal(json_integer_value(json_object_get(sg->details, "checkin")), 2);
	/* a check-in after the as-of day does not count yet */
	add(d, "placements[0].settling", "{'date': '2026-07-10', 'child': 4}");
	expect(run(d, "2026-07-07"), "settling-checkin-overdue", KR_LEVEL_WARNING);
	/* the first year only: the last check-in is due 2027-06-01, plus grace */
	expect(run(d, "2027-06-15"), "settling-checkin-overdue", KR_LEVEL_WARNING);
	silent(run(d, "2027-06-16"), "settling-checkin-overdue");
	/* the schedule from the settings */
	s = with(KR_SET_SETTLING_3_DAYS, 60);
	silent(run_with(d, "2026-08-14", &s), "settling-checkin-overdue");
	expect(run_with(d, "2026-08-15", &s), "settling-checkin-overdue", KR_LEVEL_WARNING);
}

static void settling_score_drop(void **state)
{
	json_t *d = new_home("2026-06-01");
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	put(at(d, "placements[0]"), "settling",
	    "[{'date': '2026-06-08', 'child': 4, 'own_children': 4, 'parents': 3},"
	    " {'date': '2026-06-22', 'child': 3, 'own_children': 2}]");
	sg = expect(run(d, "2026-06-30"), "settling-score-drop", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 pl1");
	says(sg, "hun eigen kinderen van 4 naar 2 (gaat moeilijk)",
	     "their own children from 4 to 2 (hard)");
	assert_null(json_object_get(sg->details, "child"));      /* one point down */
	assert_non_null(json_object_get(sg->details, "own_children"));
	/* a drop of one point is below the threshold of two */
	json_object_set_new(at(d, "placements[0].settling[1]"), "own_children", json_integer(3));
	silent(run(d, "2026-06-30"), "settling-score-drop");
	s = with(KR_SET_SETTLING_DROP_POINTS, 1);
	sg = expect(run_with(d, "2026-06-30", &s), "settling-score-drop", KR_LEVEL_WARNING);
	says(sg, "het kind van 4 naar 3", "the child from 4 to 3");
	/* before the second check-in there is nothing to compare */
	silent(run_with(d, "2026-06-21", &s), "settling-score-drop");
	/* a view not scored the second time is not compared */
	add(d, "placements[0].settling", "{'date': '2026-07-06', 'parents': 1}");
	sg = expect(run(d, "2026-07-10"), "settling-score-drop", KR_LEVEL_WARNING);
	says(sg, "de ouders van 3 naar 1", "the parents from 3 to 1");
}

/* Low from the start never drops: a score at or below settling.low_score (2)
 * at the latest check-in is the same warning; 3 is not. */
static void settling_score_low(void **state)
{
	json_t *d = new_home("2026-06-01");
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	put(at(d, "placements[0]"), "settling",
	    "[{'date': '2026-06-08', 'child': 1}, {'date': '2026-06-22', 'child': 1}]");
	sg = expect(run(d, "2026-06-30"), "settling-score-drop", KR_LEVEL_WARNING);
	says(sg, "was de score laag: het kind 1 (gaat heel moeilijk)",
	     "a score was low: the child 1 (very hard)");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(sg->details, "child"),
	                                                    "now")), 1);
	/* at the threshold (2) and just above it (3) */
	json_object_set_new(at(d, "placements[0].settling[1]"), "child", json_integer(2));
	expect(run(d, "2026-06-30"), "settling-score-drop", KR_LEVEL_WARNING);
	json_object_set_new(at(d, "placements[0].settling[1]"), "child", json_integer(3));
	silent(run(d, "2026-06-30"), "settling-score-drop");
	/* the first check-in alone, low: nothing to compare, still low */
	json_object_set_new(at(d, "placements[0].settling[0]"), "child", json_integer(3));
	silent(run(d, "2026-06-21"), "settling-score-drop");
	json_object_set_new(at(d, "placements[0].settling[0]"), "child", json_integer(2));
	expect(run(d, "2026-06-21"), "settling-score-drop", KR_LEVEL_WARNING);
	/* the setting: 1 only, and 0 turns it off */
	s = with(KR_SET_SETTLING_LOW_SCORE, 1);
	silent(run_with(d, "2026-06-21", &s), "settling-score-drop");
	json_object_set_new(at(d, "placements[0].settling[0]"), "child", json_integer(1));
	expect(run_with(d, "2026-06-21", &s), "settling-score-drop", KR_LEVEL_WARNING);
	s = with(KR_SET_SETTLING_LOW_SCORE, 0);
	silent(run_with(d, "2026-06-21", &s), "settling-score-drop");
	/* a drop and a low score together */
	put(at(d, "placements[0]"), "settling",
	    "[{'date': '2026-06-08', 'child': 4, 'parents': 2},"
	    " {'date': '2026-06-22', 'child': 2, 'parents': 2}]");
	sg = expect(run(d, "2026-06-30"), "settling-score-drop", KR_LEVEL_WARNING);
	says(sg, "ging de score omlaag of was die laag: het kind van 4 naar 2 (gaat moeilijk) en "
	     "de ouders 2 (gaat moeilijk)", "a score went down or was low: the child from 4 to 2 "
	     "(hard) and the parents 2 (hard)");
}

static void parents_without_support(void **state)
{
	json_t *d = new_home("2026-06-01");
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	/* away from home since 2026-06-01: 13 days is not yet, 14 days is */
	silent(run(d, "2026-06-14"), "parents-without-support");
	sg = expect(run(d, "2026-06-15"), "parents-without-support", KR_LEVEL_WARNING);
	subjects_are(sg, "p1");
	says(sg, "Er staat niemand genoemd die de ouders steunt", "Nobody is named who supports");
	/* the first year after the removal only */
	expect(run(d, "2027-06-01"), "parents-without-support", KR_LEVEL_WARNING);
	silent(run(d, "2027-06-02"), "parents-without-support");
	/* a support person of their own, in contact in the last 3 months */
	put(d, "support", "{'parents': {'person': 'p4', 'contacts': ['2026-09-01']}}");
	silent(run(d, "2026-12-01"), "parents-without-support");
	sg = expect(run(d, "2026-12-02"), "parents-without-support", KR_LEVEL_WARNING);
	subjects_are(sg, "p1 p4");
	says(sg, "het laatste contact was 1 september 2026", "the last contact was 1 September 2026");
	s = with(KR_SET_SUPPORT_CONTACT_MONTHS, 4);
	silent(run_with(d, "2026-12-02", &s), "parents-without-support");
}

static void parents_support_is_their_own(void **state)
{
	json_t *d = new_home("2026-06-01");
	char *text;
	struct kr_case *c = NULL;
	struct kr_error err;
	(void)state;
	/* the foster mother cannot be the parents' support person */
	put(d, "support", "{'parents': {'person': 'p5'}}");
	text = json_dumps(d, JSON_COMPACT);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(text, strlen(text), &c, &err), KR_EINVAL);
	assert_non_null(strstr(err.details[0], "support.parents.person: \"p5\" cares for the child "
	                       "(placements[0]); the parents need a support person of their own"));
	kr_error_cleanup(&err);
	free(text);
	/* nor the foster parents' own support person */
	put(d, "support", "{'parents': {'person': 'p4'}, 'foster_parents': {'person': 'p4'}}");
	text = json_dumps(d, JSON_COMPACT);
	kr_error_init_lang(&err, KR_LANG_EN);
	assert_int_equal(kr_case_read(text, strlen(text), &c, &err), KR_EINVAL);
	assert_non_null(strstr(err.details[0], "support.parents.person: \"p4\" also supports the "
	                       "foster parents"));
	kr_error_cleanup(&err);
	free(text);
}

/* Prima Pleegzorg: the action team meets at least every 8 weeks
 * (action_team.weeks), counted from its last meeting on or before as-of,
 * else from the day it was formed; at the threshold and a day before it. */
static void action_team_not_met(void **state)
{
	json_t *d = fresh(), *ms;
	const struct kr_signal *sg;
	struct kr_settings s;
	(void)state;
	put(at(d, "plan"), "future_plan", "{'date': '2026-08-01', 'made_by': ['p2', 'p6']}");
	/* no team: nothing to judge */
	silent(run(d, "2027-06-01"), "action-team-not-met");
	put(at(d, "plan"), "action_team", "{'formed': '2026-09-01', 'members': ['p2', 'p6']}");
	/* formed 2026-09-01, never met: 8 weeks later is 2026-10-27 */
	silent(run(d, "2026-10-26"), "action-team-not-met");
	sg = expect(run(d, "2026-10-27"), "action-team-not-met", KR_LEVEL_WARNING);
	subjects_are(sg, "p2 p6");
	says(sg, "op 1 september 2026 gevormd en is sindsdien niet samengekomen",
	     "formed on 1 September 2026 and has not met since");
	/* a meeting of the team counts from its day; a later one not yet */
	ms = json_object_get(d, "meetings");
	json_array_append_new(ms, J("{'id': 'm2', 'date': '2026-10-20', 'type': 'action_team'}"));
	json_array_append_new(ms, J("{'id': 'm3', 'date': '2027-03-01', 'type': 'action_team'}"));
	silent(run(d, "2026-12-14"), "action-team-not-met");
	sg = expect(run(d, "2026-12-15"), "action-team-not-met", KR_LEVEL_WARNING);
	says(sg, "sinds 20 oktober 2026 niet meer samengekomen", "has not met since 20 October 2026");
	/* another kind of meeting is not the action team meeting */
	silent(run(d, "2027-03-01"), "action-team-not-met");
	/* the setting: 4 weeks */
	s = with(KR_SET_ACTION_TEAM_WEEKS, 4);
	silent(run_with(d, "2026-11-16", &s), "action-team-not-met");
	expect(run_with(d, "2026-11-17", &s), "action-team-not-met", KR_LEVEL_WARNING);
	/* a closed case is not judged */
	put(at(d, "case"), "closed", "{'date': '2026-11-01', 'reason': 'as_planned'}");
	silent(run(d, "2026-12-15"), "action-team-not-met");
}

static void fosterparents_without_contact(void **state)
{
	json_t *d = new_home("2026-06-01");
	const struct kr_signal *sg;
	(void)state;
	const struct kr_signal_list *l;
	drop(d, "support");
	/* without a support record kring cannot tell: it says so, in words,
	 * once the home is 3 months old (1 September), not the day before */
	l = run(d, AS_OF);
	silent(l, "fosterparents-without-contact");
	sg = expect_missing(l, "fosterparents-without-contact", "support.foster_parents");
	says(sg, "de steun voor de pleegouders van Sam (begeleider en contacten) ontbreekt",
	     "the support of Sam's foster parents (worker and contacts) is missing");
	expect_missing(run(d, "2026-09-01"), "fosterparents-without-contact",
	               "support.foster_parents");
	no_missing(run(d, "2026-08-31"), "fosterparents-without-contact");
	/* residential care has no foster parents: nothing asked */
	put_str(at(d, "placements[0]"), "form", "residential");
	no_missing(run(d, AS_OF), "fosterparents-without-contact");
	put_str(at(d, "placements[0]"), "form", "foster_fulltime");
	put(d, "support", "{'foster_parents': {'person': 'p9', 'contacts': ['2026-08-15'],"
	    " 'peer_contacts': ['2026-09-10']}}");
	/* the latest contact (with a peer) 3 months ago is in time, a day more is not */
	silent(run(d, "2026-12-10"), "fosterparents-without-contact");
	sg = expect(run(d, "2026-12-11"), "fosterparents-without-contact", KR_LEVEL_WARNING);
	subjects_are(sg, "p5 pl1");
	says(sg, "sinds 10 september 2026 geen contact meer", "no contact with their worker or "
	     "with other foster parents since 10 September 2026");
	/* a home younger than 3 months is not judged yet */
	put(d, "support", "{'foster_parents': {'person': 'p9'}}");
	silent(run(d, "2026-08-31"), "fosterparents-without-contact");
	sg = expect(run(d, "2026-09-01"), "fosterparents-without-contact", KR_LEVEL_WARNING);
	says(sg, "Er is geen contact vastgelegd", "No contact is recorded");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(going_well),
		T(defaults_of_the_new_rules),
		T(perspective_across_moves),
		T(perspective_decision_in_period),
		T(perspective_what_counts_as_away),
		T(perspective_settings),
		T(instability),
		T(instability_advice_fits_form),
		T(breakdown_risk),
		T(breakdown_risk_counts_the_path),
		T(breakdown_risk_advice_fits_form),
		T(conflict_only_conflict_or_broken),
		T(not_met),
		T(trust_figure_left_or_died),
		T(trust_figure_professional),
		T(overload_network_carer),
		T(recent_breakdown),
		T(recent_breakdown_event),
		T(crisis_too_long),
		T(matching_child_not_involved),
		T(parents_fosterparents_no_first_meeting),
		T(settling_checkin_overdue),
		T(settling_score_drop),
		T(settling_score_low),
		T(parents_without_support),
		T(parents_support_is_their_own),
		T(fosterparents_without_contact),
		T(action_team_not_met),
		T(network_not_explored),
		T(network_not_explored_from_the_home),
		T(tie_worsened_parents),
		T(tie_worsened_child),
		T(tie_worsened_when),
		T(tie_worsened_twelve_months),
		T(tie_worsened_between),
		T(contacts_lost),
		T(contacts_lost_window),
		T(pronouns),
		T(advice_fits_age),
		T(dates_in_words),
		T(data_missing_in_words),
		T(conflict_missing_once),
		T(sources_name_sections),
		T(not_met_only_fulltime),
		T(one_signal_many_people),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
