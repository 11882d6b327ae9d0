/*
 * test_generate.c - the synthetic case generator (generate.h): the same
 * arguments give the same bytes, every document passes the validator, the
 * population has the sizes and the variety the brief asks for (persons
 * 5..60 around a mean of 20..30, about two ties per person, every
 * enumeration of the format somewhere), and the JSON is exactly what a
 * jansson compact dump would write; the content of issue 13 (conferences
 * as processes, Prima Pleegzorg, support of both families) is there in
 * some cases and not all, and sibling cases come with a family plan.
 */
#include "testutil.h"

#include <jansson.h>

#include "kring/generate.h"
#include "kring/family_plan.h"
#include "kring/process.h"
#include "kring/signals.h"

#define NCASES 1000
#define SEED 1

/* One population, generated and read once for all tests. */
static char *docs[NCASES];
static struct kr_case *cases[NCASES];
static long anchor;

static int setup(void **state)
{
	(void)state;
	anchor = kr_days_from_civil(2026, 12, 1);
	for (unsigned long i = 0; i < NCASES; i++) {
		struct kr_error err;
		kr_error_init(&err);
		if (kr_generate_case(SEED, i, anchor, &docs[i], &err) != KR_OK) {
			fprintf(stderr, "case %lu not generated: %s\n", i, err.message);
			kr_error_cleanup(&err);
			return -1;
		}
		/* Invalid documents are reported by all_valid(); here they stay NULL. */
		kr_case_read(docs[i], strlen(docs[i]), &cases[i], &err);
		kr_error_cleanup(&err);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		kr_case_free(cases[i]);
		free(docs[i]);
	}
	return 0;
}

static char *gen(uint64_t seed, unsigned long index, long day)
{
	char *doc = NULL;
	struct kr_error err;
	kr_error_init(&err);
	if (kr_generate_case(seed, index, day, &doc, &err) != KR_OK)
		fail_msg("kr_generate_case(%llu, %lu): %s", (unsigned long long)seed, index,
		         err.message);
	kr_error_cleanup(&err);
	assert_non_null(doc);
	return doc;
}

static void deterministic(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 20; i++) {
		char *a = gen(SEED, i, anchor), *b = gen(SEED, i, anchor);
		char *c = gen(SEED, i + 1, anchor);
		assert_string_equal(a, b);
		assert_string_equal(a, docs[i]);
		assert_string_not_equal(a, c);
		free(a);
		free(b);
		free(c);
	}
	/* Another "today" is another world. */
	{
		char *a = gen(SEED, 0, anchor), *b = gen(SEED, 0, anchor - 400);
		assert_string_not_equal(a, b);
		free(a);
		free(b);
	}
}

static void ref_and_child(void **state)
{
	char want[32];
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		const struct kr_case *c = cases[i];
		if (!c)
			continue;
		snprintf(want, sizeof want, "GEN-%d-%06d", SEED, i);
		assert_string_equal(c->ref, want);
		assert_true(c->child >= 0);
		assert_true(kr_person_has_role(&c->persons[c->child], KR_ROLE_CHILD));
	}
	{
		char *doc = gen(18446744073709551615ull, 123456, anchor);
		assert_non_null(strstr(doc, "\"ref\":\"GEN-18446744073709551615-123456\""));
		free(doc);
	}
}

static void all_valid(void **state)
{
	(void)state;
	for (unsigned long i = 0; i < 500; i++) {
		struct kr_error err;
		struct kr_case *c = NULL;
		kr_error_init(&err);
		if (kr_case_read(docs[i], strlen(docs[i]), &c, &err) != KR_OK) {
			fprintf(stderr, "GEN-%d-%06lu rejected: %s\n", SEED, i, err.message);
			for (size_t k = 0; k < err.ndetails; k++)
				fprintf(stderr, "  %s\n", err.details[k]);
			kr_error_cleanup(&err);
			fail_msg("generated case %lu does not pass kr_case_read", i);
		}
		kr_case_free(c);
		kr_error_cleanup(&err);
	}
	for (int i = 0; i < NCASES; i++)
		if (!cases[i])
			fail_msg("generated case %d does not pass kr_case_read", i);
}

/* A few other seeds and "today"s, Feb 29 and the ends of the range. */
static void valid_elsewhere(void **state)
{
	static const int days[][3] = { { 2024, 2, 29 }, { 1900, 1, 1 }, { 9000, 12, 31 },
		{ 2000, 3, 1 }, { 2025, 1, 31 } };
	(void)state;
	for (size_t d = 0; d < sizeof days / sizeof *days; d++)
		for (unsigned long i = 0; i < 60; i++) {
			long day = kr_days_from_civil(days[d][0], days[d][1], days[d][2]);
			char *doc = gen(7 + d, i, day);
			struct kr_case *c = tu_case_from_text(doc);
			kr_case_free(c);
			free(doc);
		}
}

static void bad_arguments(void **state)
{
	char *doc = (char *)"untouched";
	struct kr_error err;
	(void)state;
	kr_error_init(&err);
	assert_int_equal(kr_generate_case(1, 0, anchor, NULL, &err), KR_EUSAGE);
	kr_error_cleanup(&err);
	assert_int_equal(kr_generate_case(1, 0, kr_days_from_civil(1899, 12, 31), &doc, &err),
	                 KR_EUSAGE);
	assert_null(doc);
	assert_true(strlen(err.message) > 0);
	kr_error_cleanup(&err);
	assert_int_equal(kr_generate_case(1, 0, kr_days_from_civil(9001, 1, 1), &doc, NULL),
	                 KR_EUSAGE);
}

static bool after(struct kr_date d, long limit)
{
	return kr_date_valid(d) && kr_date_first(d) > limit;
}

/* Every date lies on or before the anchor, except agreement due dates and
 * professional involvement (up to 6 months after it). */
static void dates_before_anchor(void **state)
{
	long later = kr_days_add_months(anchor, 6);
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		const struct kr_case *c = cases[i];
		const struct kr_plan *p;
		if (!c)
			continue;
		p = &c->plan;
		assert_false(after(c->opened, anchor));
		assert_false(after(c->perspective_date, anchor));
		for (size_t k = 0; k < c->ndevelopment_checks; k++)
			assert_false(after(c->development_checks[k], anchor));
		for (size_t k = 0; k < c->npersons; k++) {
			const struct kr_person *q = &c->persons[k];
			assert_false(after(q->born, anchor));
			assert_false(after(q->died, anchor));
			for (size_t j = 0; j < q->ninvolved; j++) {
				assert_false(after(q->involved[j].from, later));
				assert_false(after(q->involved[j].to, later));
			}
		}
		for (size_t k = 0; k < c->nkinship; k++)
			assert_false(after(c->kinship[k].since, anchor));
		for (size_t k = 0; k < c->nplacements; k++) {
			assert_false(after(c->placements[k].start, anchor));
			assert_false(after(c->placements[k].end, anchor));
		}
		for (size_t k = 0; k < c->nevents; k++)
			assert_false(after(c->events[k].date, anchor));
		/* A conference may be planned after the anchor, in preparation. */
		for (size_t k = 0; k < c->nmeetings; k++)
			if (c->meetings[k].type == KR_MEET_FAMILY_GROUP_CONFERENCE)
				assert_false(after(c->meetings[k].date, kr_days_add_months(anchor, 3)));
			else
				assert_false(after(c->meetings[k].date, anchor));
		assert_false(after(p->adopted, anchor));
		assert_false(after(p->reviewed, anchor));
		for (size_t k = 0; k < p->nscale; k++)
			assert_false(after(p->scale[k].date, anchor));
		for (size_t k = 0; k < p->nwishes; k++)
			assert_false(after(p->wishes[k].date, anchor));
		for (size_t k = 0; k < p->nagreements; k++)
			assert_false(after(p->agreements[k].due, later));
	}
}

/* Placements follow each other; only the last is open, earlier ones say
 * why they ended. */
static void placements_in_sequence(void **state)
{
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		const struct kr_case *c = cases[i];
		if (!c)
			continue;
		assert_in_range(c->nplacements, 1, 4);
		for (size_t k = 0; k + 1 < c->nplacements; k++) {
			const struct kr_placement *p = &c->placements[k];
			const struct kr_placement *q = &c->placements[k + 1];
			assert_true(kr_date_valid(p->end));
			assert_true(kr_date_first(p->end) <= kr_date_first(q->start));
			assert_true(p->end_reason != KR_END_NONE);
		}
		/* The last one goes on, unless the trajectory closed: then it ended
		 * that day. */
		if (kr_date_valid(c->closed)) {
			const struct kr_placement *last = &c->placements[c->nplacements - 1];
			assert_true(kr_date_valid(last->end));
			assert_int_equal(kr_date_first(last->end), kr_date_first(c->closed));
			assert_true(kr_date_first(c->closed) < anchor);
			continue;
		}
		assert_false(kr_date_valid(c->placements[c->nplacements - 1].end));
		assert_int_equal(kr_case_current_placement(c, anchor), (int)c->nplacements - 1);
	}
}

static void sizes(void **state)
{
	long persons = 0, ties = 0, trust_cases = 0, plans = 0;
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		const struct kr_case *c = cases[i];
		int trust = 0;
		if (!c)
			continue;
		assert_in_range(c->npersons, KR_GENERATE_MIN_PERSONS, KR_GENERATE_MAX_PERSONS);
		persons += (long)c->npersons;
		ties += (long)c->nties;
		for (size_t k = 0; k < c->nties; k++)
			trust += c->ties[k].trust_figure;
		assert_in_range(trust, 0, 1);
		trust_cases += trust;
		/* Always some ties with the child. */
		assert_true(c->nties > 0 && (c->ties[0].a == c->child || c->ties[0].b == c->child));
		if (c->plan.present) {
			plans++;
			assert_in_range(c->plan.ngoals, 1, 3);
			assert_in_range(c->plan.nagreements, 1, 8);
		}
		{
			size_t held = 0;
			for (size_t k = 0; k < c->nmeetings; k++)
				held += c->meetings[k].type != KR_MEET_ACTION_TEAM &&
				        !after(c->meetings[k].date, anchor);
			assert_in_range(held, 0, 4);
		}
	}
	printf("  %d cases: %.1f persons, %.2f ties per person, trust figure in %.0f %%, "
	       "plan in %.0f %%\n", NCASES, (double)persons / NCASES, (double)ties / persons,
	       100.0 * trust_cases / NCASES, 100.0 * plans / NCASES);
	assert_true(persons >= 20L * NCASES && persons <= 30L * NCASES);
	assert_true(ties * 10 >= persons * 15 && ties * 10 <= persons * 25);
	assert_in_range(trust_cases, NCASES * 60 / 100, NCASES * 80 / 100);
	assert_in_range(plans, NCASES * 70 / 100, NCASES * 95 / 100);
}

/* The enumerations of docs/case-format.md, by name. */
static const struct { enum kr_enum e; const char *names; } format_enums[] = {
	{ KR_ENUM_SEX, "m f x unknown" },
	{ KR_ENUM_ROLE, "child parent step_parent sibling half_sibling grandparent aunt_uncle "
	  "cousin foster_parent foster_sibling family_home_parent friend neighbour teacher "
	  "coach mentor religious foster_care_worker guardian social_team therapist "
	  "other_professional other" },
	{ KR_ENUM_WORLD, "origin foster shared professional" },
	{ KR_ENUM_SEGMENT, "household family friends school_work leisure neighbourhood religion "
	  "online professionals" },
	{ KR_ENUM_STRENGTH, "strong normal weak" },
	{ KR_ENUM_QUALITY, "positive neutral ambivalent conflict broken" },
	{ KR_ENUM_FREQUENCY, "daily weekly monthly yearly rarely never" },
	{ KR_ENUM_SUPPORT, "emotional practical information respite financial" },
	{ KR_ENUM_DIRECTION, "a_to_b b_to_a mutual" },
	{ KR_ENUM_KIN_TYPE, "parent partners" },
	{ KR_ENUM_KIN_KIND, "birth adoptive foster step" },
	{ KR_ENUM_PARTNER_STATUS, "married cohabiting separated divorced widowed" },
	{ KR_ENUM_FORM, "informal_network support_family foster_parttime foster_fulltime crisis "
	  "family_home residential home" },
	{ KR_ENUM_VARIANT, "care upbringing" },
	{ KR_ENUM_END_REASON, "planned breakdown return_home adulthood other" },
	{ KR_ENUM_EVENT_TYPE, "birth death loss move school_change placement_start "
	  "placement_end breakdown professional_change perspective_decision development_check "
	  "meeting other" },
	{ KR_ENUM_MEETING_TYPE, "diy family_group_conference round_table signs_of_safety other" },
	{ KR_ENUM_CONTINUUM, "A B C D" },
	{ KR_ENUM_AGREEMENT_STATUS, "open done dropped" },
};

static void see(unsigned long long *seen, enum kr_enum e, int v)
{
	if (v > 0 && v < 64)
		seen[e] |= 1ull << v;
}

static void every_enumeration(void **state)
{
	unsigned long long seen[KR_ENUM__N] = { 0 };
	int missing = 0;
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		const struct kr_case *c = cases[i];
		if (!c)
			continue;
		for (size_t k = 0; k < c->npersons; k++) {
			const struct kr_person *p = &c->persons[k];
			see(seen, KR_ENUM_SEX, p->sex);
			see(seen, KR_ENUM_WORLD, p->world);
			see(seen, KR_ENUM_SEGMENT, p->segment);
			for (int r = 1; r < KR_ROLE__N; r++)
				if (kr_person_has_role(p, (enum kr_role)r))
					see(seen, KR_ENUM_ROLE, r);
		}
		for (size_t k = 0; k < c->nkinship; k++) {
			see(seen, KR_ENUM_KIN_TYPE, c->kinship[k].type);
			see(seen, KR_ENUM_KIN_KIND, c->kinship[k].kind);
			see(seen, KR_ENUM_PARTNER_STATUS, c->kinship[k].status);
		}
		for (size_t k = 0; k < c->nties; k++) {
			const struct kr_tie *t = &c->ties[k];
			see(seen, KR_ENUM_STRENGTH, t->strength);
			see(seen, KR_ENUM_QUALITY, t->quality);
			see(seen, KR_ENUM_FREQUENCY, t->frequency);
			see(seen, KR_ENUM_DIRECTION, t->direction);
			for (int s = 1; s < KR_SUPPORT__N; s++)
				if (t->support & (1u << s))
					see(seen, KR_ENUM_SUPPORT, s);
		}
		for (size_t k = 0; k < c->nplacements; k++) {
			see(seen, KR_ENUM_FORM, c->placements[k].form);
			see(seen, KR_ENUM_VARIANT, c->placements[k].variant);
			see(seen, KR_ENUM_END_REASON, c->placements[k].end_reason);
		}
		for (size_t k = 0; k < c->nevents; k++)
			see(seen, KR_ENUM_EVENT_TYPE, c->events[k].type);
		for (size_t k = 0; k < c->nmeetings; k++) {
			see(seen, KR_ENUM_MEETING_TYPE, c->meetings[k].type);
			see(seen, KR_ENUM_CONTINUUM, c->meetings[k].continuum);
		}
		for (size_t k = 0; k < c->plan.nagreements; k++)
			see(seen, KR_ENUM_AGREEMENT_STATUS, c->plan.agreements[k].status);
	}
	for (size_t e = 0; e < sizeof format_enums / sizeof *format_enums; e++) {
		char names[400], *save = NULL;
		snprintf(names, sizeof names, "%s", format_enums[e].names);
		for (char *n = strtok_r(names, " ", &save); n; n = strtok_r(NULL, " ", &save)) {
			int v = kr_enum_value(format_enums[e].e, n);
			if (!v || !(seen[format_enums[e].e] & (1ull << v))) {
				fprintf(stderr, "  never generated: %s\n", n);
				missing++;
			}
		}
	}
	assert_int_equal(missing, 0);
}

/* Different seeds are different populations, not shifted copies. */
static void seeds_differ(void **state)
{
	(void)state;
	for (uint64_t s = 2; s <= 4; s++) {
		long persons = 0, same = 0;
		for (unsigned long i = 0; i < 50; i++) {
			char *doc = gen(s, i, anchor);
			struct kr_case *c = tu_case_from_text(doc);
			/* Compare everything after the ref. */
			const char *x = strstr(doc, "\"child\""), *y;
			for (int k = 0; k < 50; k++) {
				y = strstr(docs[k], "\"child\"");
				same += strcmp(x, y) == 0;
			}
			persons += (long)c->npersons;
			kr_case_free(c);
			free(doc);
		}
		assert_int_equal(same, 0);
		assert_in_range(persons, 50L * 15, 50L * 40);
	}
}

/* The bytes are those of a jansson compact dump, keys in document order. */
static void same_bytes_as_jansson(void **state)
{
	(void)state;
	for (int i = 0; i < 200; i++) {
		json_error_t jerr;
		json_t *doc = json_loads(docs[i], JSON_REJECT_DUPLICATES, &jerr);
		char *again;
		if (!doc)
			fail_msg("case %d: not JSON: %s", i, jerr.text);
		again = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
		assert_non_null(again);
		assert_string_equal(again, docs[i]);
		free(again);
		json_decref(doc);
	}
	/* The document's top-level keys in the format's order. */
	assert_true(strncmp(docs[0], "{\"format\":\"kring-case/1\",\"case\":{\"ref\":", 39) == 0);
}


static bool fires(const struct kr_case *c, const char *id)
{
	struct kr_signal_list l = { 0 };
	struct kr_error err;
	bool found = false;
	kr_error_init(&err);
	assert_int_equal(kr_signals_compute(c, NULL, anchor, NULL, &l, &err), KR_OK);
	for (size_t k = 0; k < l.n; k++)
		found = found || strcmp(l.v[k].id, id) == 0;
	kr_signal_list_cleanup(&l);
	kr_error_cleanup(&err);
	return found;
}

/* Issue 13: conferences as processes in every phase, Prima Pleegzorg with
 * an action team that sometimes stopped meeting, support of both families
 * and the parents' blessing, each in some cases but not all. */
static void issue13_content(void **state)
{
	/* processes by the step they are in on the anchor: 0 none yet ..
	 * KR_PHASE__N (all done) */
	int in_step[KR_PHASE__N + 1] = { 0 }, prima = 0, team_meetings = 0, not_met = 0;
	int action_plan = 0, sup_parents = 0, sup_foster = 0, blessing = 0, peer = 0;
	int parents_alone = 0, round_tables = 0;
	(void)state;
	for (int i = 0; i < NCASES; i++) {
		const struct kr_case *c = cases[i];
		const struct kr_plan *p;
		if (!c)
			continue;
		p = &c->plan;
		for (size_t k = 0; k < c->nmeetings; k++) {
			const struct kr_meeting *m = &c->meetings[k];
			struct kr_process pr;
			kr_process_of(c, k, anchor, &pr);
			if (m->type == KR_MEET_ACTION_TEAM) {
				team_meetings++;
				assert_int_equal(pr.kind, KR_PROCESS_ACTION_TEAM);
				continue;
			}
			if (!kr_date_valid(m->phase[KR_PHASE_COORDINATOR]))
				continue;
			round_tables += m->type == KR_MEET_ROUND_TABLE;
			assert_int_equal(pr.kind, KR_PROCESS_CONFERENCE);
			in_step[pr.current + 1]++;
			for (size_t j = 0; j < m->ncoming; j++) {
				bool asked = false;
				for (size_t a = 0; a < m->nasked; a++)
					asked = asked || m->asked[a] == m->coming[j];
				assert_true(asked);
			}
		}
		if (p->has_future_plan) {
			prima++;
			assert_true(p->has_action_team);
			assert_true(kr_date_first(p->team_formed) >= kr_date_first(p->future_date));
			assert_true(p->nteam >= 2);
			for (size_t k = 0; k < p->nagreements; k++)
				action_plan += p->agreements[k].action_plan;
			not_met += fires(c, "action-team-not-met");
		}
		sup_parents += c->support_parents.present;
		sup_foster += c->support_fosterparents.present;
		peer += c->support_fosterparents.npeer > 0;
		blessing += kr_date_valid(p->blessing_date);
		if (i < 300)
			parents_alone += fires(c, "parents-without-support");
	}
	printf("  conferences by step: none %d, coordinator %d, preparation %d, plan presented "
	       "%d, accepted %d (round tables %d); Prima Pleegzorg %d (%d team meetings, not met "
	       "%d); support: parents %d, foster parents %d (peers %d); blessing %d\n",
	       in_step[0], in_step[1], in_step[2], in_step[5], in_step[6], round_tables, prima,
	       team_meetings, not_met, sup_parents, sup_foster, peer, blessing);
	/* planned conferences, in their preparation */
	assert_true(in_step[KR_PHASE_COORDINATOR + 1] > 0);
	assert_true(in_step[KR_PHASE_PREPARATION + 1] > 0);
	/* held, plan presented but not accepted yet, and accepted */
	assert_true(in_step[KR_PHASE_PLAN_PRESENTED + 1] > 0);
	assert_true(in_step[KR_PHASE_PLAN_ACCEPTED + 1] > in_step[KR_PHASE_PLAN_PRESENTED + 1]);
	assert_true(round_tables > 0);
	assert_in_range(prima, NCASES * 5 / 100, NCASES * 20 / 100);
	assert_true(team_meetings > prima);
	assert_true(action_plan >= prima);
	assert_in_range(not_met, 1, prima - 1);
	assert_in_range(sup_parents, NCASES * 30 / 100, NCASES * 80 / 100);
	assert_in_range(sup_foster, NCASES * 30 / 100, NCASES * 80 / 100);
	assert_true(peer > 0 && peer < sup_foster);
	assert_true(blessing > 0 && blessing < NCASES / 2);
	assert_in_range(parents_alone, 1, 299);
}

static int person_named(const struct kr_case *c, const char *id)
{
	for (size_t k = 0; k < c->npersons; k++)
		if (strcmp(c->persons[k].id, id) == 0)
			return (int)k;
	return -1;
}

/* Sibling cases: some even-numbered cases and the next one are brothers
 * and sisters placed apart, with the same parents, each child a sibling in
 * the other's case, and a family plan that links them, names only persons
 * of the two cases and passes kr_fplan_read(). */
static void family_plans(void **state)
{
	int plans = 0;
	(void)state;
	for (unsigned long i = 0; i + 1 < NCASES; i++) {
		struct kr_error err;
		struct kr_fplan *fp = NULL;
		char *doc = NULL, *again = NULL, want[32];
		const struct kr_case *a = cases[i], *b = cases[i + 1];
		kr_error_init(&err);
		assert_int_equal(kr_generate_family_plan(SEED, i, anchor, &doc, &err), KR_OK);
		if (!doc)
			continue;
		assert_true(i % 2 == 0);
		plans++;
		assert_int_equal(kr_generate_family_plan(SEED, i, anchor, &again, &err), KR_OK);
		assert_string_equal(doc, again);
		if (kr_fplan_read(doc, strlen(doc), &fp, &err) != KR_OK)
			fail_msg("family plan %lu: %s %s", i, err.message,
			         err.ndetails ? err.details[0] : "");
		snprintf(want, sizeof want, "FP-GEN-%d-%06lu", SEED, i);
		assert_string_equal(fp->id, want);
		assert_int_equal(fp->ncases, 2);
		assert_string_equal(fp->cases[0], a->ref);
		assert_string_equal(fp->cases[1], b->ref);
		for (size_t k = 0; k < fp->npersons; k++) {
			const struct kr_case *c = strcmp(fp->persons[k].case_ref, a->ref) == 0 ? a : b;
			if (person_named(c, fp->persons[k].person) < 0)
				fail_msg("%s: %s is not in %s", fp->persons[k].path,
				         fp->persons[k].person, c->ref);
		}
		/* each child is a sibling, born that day and named so, in the
		 * other's case */
		for (int side = 0; side < 2; side++) {
			const struct kr_case *x = side ? b : a, *y = side ? a : b;
			const struct kr_person *child = &x->persons[x->child];
			bool found = false;
			for (size_t k = 0; k < y->npersons && !found; k++) {
				const struct kr_person *p = &y->persons[k];
				found = kr_person_has_role(p, KR_ROLE_SIBLING) && p->name &&
				        strcmp(p->name, child->name) == 0 &&
				        kr_date_first(p->born) == kr_date_first(child->born);
			}
			assert_true(found);
		}
		kr_fplan_free(fp);
		free(doc);
		free(again);
		kr_error_cleanup(&err);
	}
	printf("  %d family plans of sibling cases in %d cases\n", plans, NCASES);
	assert_in_range(plans, NCASES * 3 / 100, NCASES * 10 / 100);
	{
		char *doc = (char *)"untouched";
		assert_int_equal(kr_generate_family_plan(SEED, 1, anchor, &doc, NULL), KR_OK);
		assert_null(doc);
		assert_int_equal(kr_generate_family_plan(SEED, 0, anchor, NULL, NULL), KR_EUSAGE);
		assert_int_equal(kr_generate_family_plan(SEED, 0, kr_days_from_civil(1899, 1, 1),
		                                         &doc, NULL), KR_EUSAGE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deterministic),
		cmocka_unit_test(ref_and_child),
		cmocka_unit_test(all_valid),
		cmocka_unit_test(valid_elsewhere),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(dates_before_anchor),
		cmocka_unit_test(placements_in_sequence),
		cmocka_unit_test(sizes),
		cmocka_unit_test(every_enumeration),
		cmocka_unit_test(seeds_differ),
		cmocka_unit_test(same_bytes_as_jansson),
		cmocka_unit_test(issue13_content),
		cmocka_unit_test(family_plans),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
