/*
 * test_path.c - the child's path through care (lib/path.c, path.h, issue 9
 * §1) on hand-made cases: which full-time placements make one home, when an
 * out-of-home period starts and ends, what is a move (a change of home to
 * other carers within one period) and what is not (a support family or
 * part-time care while the child lives at home, crisis care that becomes the
 * long-term foster family with the same carers, the return home, going back
 * to the same carers), breakdowns from end_reason and from events counted
 * once, partial dates, placements after as-of, placements without form, the
 * window functions kr_path_disruptions and kr_path_moves_between at their
 * edges, and the path.home_months setting; first the six worked examples
 * of docs/path.md, each with the numbers that page states (example 1 is
 * out_since_2018_breakdown_2026).
 *
 * Every case has the same people (the child Sam and carers Anna, Bert,
 * Carla, Dirk and Saskia); a test gives only the placements and the events.
 */
#include <limits.h>

#include "testutil.h"
#include "kring/path.h"
#include "kring/settings.h"

/* Single quotes stand for double quotes. */
static const char PERSONS[] =
	"'persons': ["
	" {'id': 'p1', 'name': 'Sam', 'sex': 'm', 'born': '2012-04-12', 'roles': ['child'],"
	"  'world': 'origin', 'segment': 'household'},"
	" {'id': 'pM', 'name': 'Ilse', 'sex': 'f', 'roles': ['parent'], 'world': 'origin'},"
	" {'id': 'pA', 'name': 'Anna', 'sex': 'f', 'roles': ['foster_parent'], 'world': 'foster'},"
	" {'id': 'pB', 'name': 'Bert', 'sex': 'm', 'roles': ['foster_parent'], 'world': 'foster'},"
	" {'id': 'pC', 'name': 'Carla', 'sex': 'f', 'roles': ['foster_parent'], 'world': 'foster'},"
	" {'id': 'pD', 'name': 'Dirk', 'sex': 'm', 'roles': ['family_home_parent'],"
	"  'world': 'foster'},"
	" {'id': 'pS', 'name': 'Saskia', 'sex': 'f', 'roles': ['other'], 'world': 'shared'}]";

static struct kr_case *g_case;
static struct kr_path *g_path;

static int teardown(void **state)
{
	(void)state;
	kr_path_free(g_path);
	g_path = NULL;
	kr_case_free(g_case);
	g_case = NULL;
	return 0;
}

/* The case with these placements and events (JSON arrays, ' for "). */
static struct kr_case *mk(const char *placements, const char *events)
{
	size_t n = strlen(PERSONS) + strlen(placements) + strlen(events) + 256;
	char *t = malloc(n);
	assert_non_null(t);
	snprintf(t, n, "{'format': 'kring-case/1', 'case': {'ref': 'P-1', 'child': 'p1'}, %s,"
	         " 'placements': %s, 'events': %s}", PERSONS, placements, events);
	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	kr_case_free(g_case);
	g_case = tu_case_from_text(t);
	free(t);
	return g_case;
}

/* The path of the current case on as_of with settings s (NULL: defaults). */
static const struct kr_path *path_with(const char *as_of, const struct kr_settings *s)
{
	struct kr_error err;
	kr_path_free(g_path);
	g_path = NULL;
	kr_error_init(&err);
	if (kr_path_compute(g_case, tu_day(as_of), s, &g_path, &err) != KR_OK)
		fail_msg("kr_path_compute: %s", err.message);
	kr_error_cleanup(&err);
	assert_non_null(g_path);
	return g_path;
}

static const struct kr_path *path(const char *as_of)
{
	return path_with(as_of, NULL);
}

/* Index of placement id in the current case. */
static int pl(const char *id)
{
	for (size_t i = 0; i < g_case->nplacements; i++)
		if (strcmp(g_case->placements[i].id, id) == 0)
			return (int)i;
	fail_msg("no placement %s", id);
	return -1;
}

/* What holds for every path: homes and periods in time order, the counts
 * agree with the lists, every move and breakdown belongs where it says. */
static void check_path(const struct kr_path *p)
{
	int moves = 0, bds = 0;
	assert_int_equal(p->moves_total, (int)p->nmoves);
	assert_int_equal(p->breakdowns_total, (int)p->nbreakdowns);
	for (size_t i = 0; i < p->nhomes; i++) {
		const struct kr_path_home *h = &p->homes[i];
		assert_true(h->period >= 0 && (size_t)h->period < p->nperiods);
		if (i > 0)
			assert_true(h->start >= p->homes[i - 1].start);
		assert_true(h->start <= p->as_of);
		if (h->end >= 0)
			assert_true(h->end >= h->start);
		assert_true(kr_path_form_fulltime(g_case->placements[h->first].form));
		assert_true(kr_path_form_fulltime(g_case->placements[h->last].form));
	}
	for (size_t k = 0; k < p->nperiods; k++) {
		const struct kr_path_period *per = &p->periods[k];
		assert_true(per->nhomes >= 1);
		assert_true(per->first_home + per->nhomes <= p->nhomes);
		assert_int_equal(per->start, p->homes[per->first_home].start);
		assert_false(p->homes[per->first_home].move);   /* a period starts without a move */
		moves += per->moves;
		bds += per->breakdowns;
		if (k + 1 < p->nperiods)
			assert_true(per->closed);
	}
	assert_int_equal(moves, p->moves_total);
	for (size_t m = 0; m < p->nmoves; m++) {
		assert_true(p->moves[m].day <= p->as_of);
		assert_true(p->moves[m].period >= 0);
		if (m > 0)
			assert_true(p->moves[m].day >= p->moves[m - 1].day);
	}
	for (size_t b = 0; b < p->nbreakdowns; b++) {
		assert_true(p->breakdowns[b].day <= p->as_of);
		bds -= p->breakdowns[b].period >= 0;
		if (b > 0)
			assert_true(p->breakdowns[b].day >= p->breakdowns[b - 1].day);
	}
	assert_int_equal(bds, 0);
	assert_int_equal(p->current, kr_case_current_placement(g_case, p->as_of));
	if (p->out_of_home) {
		assert_true(p->home >= 0);
		assert_int_equal(p->home_since, p->homes[p->home].start);
		assert_int_equal(p->homes[p->home].end, -1);
	} else {
		assert_int_equal(p->home, -1);
		assert_int_equal(p->home_since, -1);
	}
	if (p->period >= 0) {
		assert_int_equal(p->moves_period, p->periods[p->period].moves);
		assert_int_equal(p->breakdowns_period, p->periods[p->period].breakdowns);
	}
}

static const struct kr_path *checked(const char *as_of)
{
	const struct kr_path *p = path(as_of);
	check_path(p);
	return p;
}

/* ---- the worked examples of docs/path.md ---- */

/* docs/path.md example 2: part-time care with Saskia at home, then Anna
 * from 17 June 2019 (breakdown), crisis care with Carla, Bert (breakdown),
 * residential care, Dirk's family home: one period since 17 June 2019, 5
 * homes, 4 moves, 2 breakdowns that each count with the move that
 * followed. */
static void example_jordy(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'j0', 'form': 'foster_parttime', 'carers': ['pS'], 'start': '2018-03',"
	   "  'end': '2019-06-17'},"
	   " {'id': 'j1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2019-06-17',"
	   "  'end': '2022-02-04', 'end_reason': 'breakdown'},"
	   " {'id': 'j2', 'form': 'crisis', 'carers': ['pC'], 'start': '2022-02-04',"
	   "  'end': '2022-04-11', 'end_reason': 'planned'},"
	   " {'id': 'j3', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2022-04-11',"
	   "  'end': '2025-01-20', 'end_reason': 'breakdown'},"
	   " {'id': 'j4', 'form': 'residential', 'start': '2025-01-20', 'end': '2025-06-30',"
	   "  'end_reason': 'planned'},"
	   " {'id': 'j5', 'form': 'family_home', 'carers': ['pD'], 'start': '2025-06-30'}]", "[]");
	p = checked("2026-06-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->periods[0].start, tu_day("2019-06-17"));
	assert_int_equal(p->nhomes, 5);
	assert_int_equal(p->moves_total, 4);
	assert_int_equal(p->moves_period, 4);
	assert_int_equal(p->breakdowns_total, 2);
	assert_int_equal(p->breakdowns_period, 2);
	assert_int_equal(p->breakdowns[0].placement, pl("j1"));
	assert_int_equal(p->breakdowns[1].placement, pl("j3"));
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 4);
	assert_int_equal(p->current, pl("j5"));
	assert_int_equal(p->home_since, tu_day("2025-06-30"));
	/* the part-time care before it made no period */
	p = checked("2019-01-01");
	assert_int_equal(p->nperiods, 0);
	assert_int_equal(p->current, pl("j0"));
}

/* docs/path.md example 3: Saskia's support family from April 2025 that
 * breaks down on 14 September 2026, crisis care with Carla the same day:
 * one period from the crisis care, no move, one breakdown. */
static void example_lina(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'l1', 'form': 'support_family', 'carers': ['pS'], 'start': '2025-04',"
	   "  'end': '2026-09-14', 'end_reason': 'breakdown'},"
	   " {'id': 'l2', 'form': 'crisis', 'carers': ['pC'], 'start': '2026-09-14'}]", "[]");
	p = checked("2026-12-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->periods[0].start, tu_day("2026-09-14"));
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns[0].placement, pl("l1"));
	assert_int_equal(p->breakdowns_period, 1);
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 1);
}

/* docs/path.md example 4: crisis care with Anna and Bert from 7 October
 * 2025, their long-term foster family from 2 March 2026: one home, no
 * move. */
static void example_evi(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'e1', 'form': 'crisis', 'carers': ['pA', 'pB'], 'start': '2025-10-07',"
	   "  'end': '2026-03-02', 'end_reason': 'planned'},"
	   " {'id': 'e2', 'form': 'foster_fulltime', 'variant': 'upbringing',"
	   "  'carers': ['pA', 'pB'], 'start': '2026-03-02'}]", "[]");
	p = checked("2026-12-01");
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->home_since, tu_day("2025-10-07"));
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->current, pl("e2"));
}

/* docs/path.md example 5: with Anna and Bert from May 2023, home in
 * September 2023, that return breaks down on 15 March 2024, back to Anna on
 * 18 March 2024: one period since May 2023, no move, one breakdown; to
 * Carla it would have been a move. */
static void example_daan(void **state)
{
	static const char PL[] =
		"[{'id': 'd1', 'form': 'informal_network', 'carers': ['pA', 'pB'],"
		"  'start': '2023-05', 'end': '2023-09', 'end_reason': 'return_home'},"
		" {'id': 'd2', 'form': 'home', 'carers': ['pM'], 'start': '2023-09',"
		"  'end': '2024-03-15', 'end_reason': 'breakdown'},"
		" {'id': 'd3', 'form': 'foster_fulltime', 'network': true, 'carers': ['%s'],"
		"  'start': '2024-03-18'}]";
	char text[512];
	const struct kr_path *p;
	(void)state;
	snprintf(text, sizeof text, PL, "pA");
	mk(text, "[]");
	p = checked("2024-12-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->periods[0].start, tu_day("2023-05-31"));
	assert_int_equal(p->periods[0].since.m, 5);
	assert_int_equal(p->nhomes, 2);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns[0].placement, pl("d2"));
	assert_int_equal(p->breakdowns[0].period, 0);
	snprintf(text, sizeof text, PL, "pC");
	mk(text, "[]");
	p = checked("2024-12-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->moves_total, 1);
}

/* docs/path.md example 6: foster care with Anna from 2019 to June 2021, a
 * year at home, placed with Bert in June 2022: a second period, no move. */
static void example_second_period(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'f1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2019',"
	   "  'end': '2021-06', 'end_reason': 'return_home'},"
	   " {'id': 'f2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2022-06'}]", "[]");
	p = checked("2023-01-01");
	assert_int_equal(p->nperiods, 2);
	assert_int_equal(p->period, 1);
	assert_int_equal(p->periods[1].start, tu_day("2022-06-30"));
	assert_true(p->periods[0].closed);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->moves_period, 0);
}

/* ---- more cases of issue 9 §1 ---- */

/* docs/path.md example 1: out of home since 2018; the placement with Anna
 * broke down on 10 February 2026 and Sam went to crisis care with Carla:
 * one period from 1 March 2018, one move, the breakdown counted in it (and
 * once with the move). */
static void out_since_2018_breakdown_2026(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2018-03-01',"
	   "  'end': '2026-02-10', 'end_reason': 'breakdown'},"
	   " {'id': 'pl2', 'form': 'crisis', 'carers': ['pC'], 'start': '2026-02-10'}]", "[]");
	p = checked("2026-06-01");
	assert_int_equal(p->age, 14);
	assert_int_equal(p->current, pl("pl2"));
	assert_true(p->out_of_home);
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->period, 0);
	assert_int_equal(p->periods[0].start, tu_day("2018-03-01"));
	assert_int_equal(p->periods[0].since.y, 2018);
	assert_int_equal(p->periods[0].end, -1);
	assert_false(p->periods[0].closed);
	assert_int_equal(p->days_out, tu_day("2026-06-01") - tu_day("2018-03-01"));
	assert_int_equal(p->nhomes, 2);
	assert_int_equal(p->home, 1);
	assert_int_equal(p->home_since, tu_day("2026-02-10"));
	assert_false(p->homes[0].move);
	assert_true(p->homes[1].move);
	assert_int_equal(p->homes[0].end, tu_day("2026-02-10"));
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->moves_period, 1);
	assert_int_equal(p->moves[0].day, tu_day("2026-02-10"));
	assert_int_equal(p->moves[0].placement, pl("pl2"));
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns_period, 1);
	assert_int_equal(p->breakdowns[0].day, tu_day("2026-02-10"));
	assert_int_equal(p->breakdowns[0].placement, pl("pl1"));
	assert_int_equal(p->breakdowns[0].event, -1);
	assert_int_equal(p->breakdowns[0].period, 0);
	/* the breakdown and the move out of that home are one disruption */
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 1);

	/* before the breakdown: one home, nothing happened yet */
	p = checked("2026-02-09");
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->breakdowns_total, 0);
	assert_int_equal(p->current, pl("pl1"));

	/* the breakdown sent Sam home: still the same period, not at home long */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2018-03-01',"
	   "  'end': '2026-02-10', 'end_reason': 'breakdown'}]", "[]");
	p = checked("2026-03-01");
	assert_false(p->out_of_home);
	assert_int_equal(p->current, -1);
	assert_int_equal(p->period, 0);
	assert_false(p->periods[0].closed);
	assert_int_equal(p->periods[0].end, tu_day("2026-02-10"));
	assert_int_equal(p->breakdowns_period, 1);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->days_out, tu_day("2026-02-10") - tu_day("2018-03-01"));
	/* six months at home close the period */
	p = checked("2026-08-09");
	assert_false(p->periods[0].closed);
	p = checked("2026-08-10");
	assert_true(p->periods[0].closed);
}

/* A support family while Sam lives at home, then crisis care: one period
 * that starts with the crisis care, no move. */
static void support_family_then_crisis(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'support_family', 'carers': ['pS'], 'start': '2025-01-01'},"
	   " {'id': 'pl2', 'form': 'crisis', 'carers': ['pC'], 'start': '2025-06-01'}]", "[]");
	p = checked("2025-09-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->periods[0].start, tu_day("2025-06-01"));
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->homes[0].first, pl("pl2"));
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->current, pl("pl2"));
	assert_true(p->out_of_home);
	assert_int_equal(p->days_out, tu_day("2025-09-01") - tu_day("2025-06-01"));

	/* the support family ended first: the same */
	mk("[{'id': 'pl1', 'form': 'support_family', 'carers': ['pS'], 'start': '2025-01-01',"
	   "  'end': '2025-05-31', 'end_reason': 'other'},"
	   " {'id': 'pl2', 'form': 'crisis', 'carers': ['pC'], 'start': '2025-06-01'}]", "[]");
	p = checked("2025-09-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 0);
}

/* Crisis care with Anna that becomes the long-term foster family with
 * Anna: one home, no move, the home and the period from the crisis start. */
static void crisis_becomes_foster_family(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': ['pA'], 'start': '2025-01-01',"
	   "  'end': '2025-03-01', 'end_reason': 'planned'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'variant': 'upbringing', 'carers': ['pA'],"
	   "  'start': '2025-03-01'}]", "[]");
	p = checked("2025-09-01");
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->homes[0].first, pl("pl1"));
	assert_int_equal(p->homes[0].last, pl("pl2"));
	assert_int_equal(p->home_since, tu_day("2025-01-01"));
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->current, pl("pl2"));
	assert_int_equal(p->periods[0].start, tu_day("2025-01-01"));

	/* the crisis placement without an end, the next one a day later, and
	 * a couple of which one carer stays: the same home */
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': ['pA', 'pB'], 'start': '2025-01-01'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'variant': 'care', 'carers': ['pB'],"
	   "  'start': '2025-03-02'}]", "[]");
	p = checked("2025-09-01");
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->moves_total, 0);

	/* a change of variant within foster care: still no move */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'variant': 'care', 'carers': ['pA'],"
	   "  'start': '2024-01-01', 'end': '2024-12-31', 'end_reason': 'planned'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'variant': 'upbringing', 'carers': ['pA'],"
	   "  'start': '2025-01-01'}]", "[]");
	p = checked("2025-09-01");
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->moves_total, 0);
}

/* A change of home to other carers is a move. */
static void move_to_other_carers(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': ['pC'], 'start': '2024-01-01',"
	   "  'end': '2024-03-01', 'end_reason': 'planned'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-03-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->nhomes, 2);
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->moves_period, 1);
	assert_int_equal(p->moves[0].day, tu_day("2024-03-01"));
	assert_int_equal(p->moves[0].placement, pl("pl2"));
	assert_int_equal(p->moves[0].event, -1);
	assert_int_equal(p->moves[0].period, 0);
	assert_true(p->homes[1].move);
	assert_int_equal(p->home_since, tu_day("2024-03-01"));
	assert_int_equal(p->periods[0].start, tu_day("2024-01-01"));
	assert_int_equal(p->breakdowns_total, 0);

	/* carers unknown: nothing shows they are the same, so a move */
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': [], 'start': '2024-01-01',"
	   "  'end': '2024-03-01'},"
	   " {'id': 'pl2', 'form': 'family_home', 'start': '2024-03-01'}]", "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->moves_total, 1);

	/* in the document out of time order: sorted by start */
	mk("[{'id': 'pl2', 'form': 'residential', 'carers': ['pD'], 'start': '2024-06-01'},"
	   " {'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2023-01-01',"
	   "  'end': '2024-06-01', 'end_reason': 'other'}]", "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->nhomes, 2);
	assert_int_equal(p->homes[0].first, pl("pl1"));
	assert_int_equal(p->homes[1].first, pl("pl2"));
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->moves[0].placement, pl("pl2"));
	assert_int_equal(p->periods[0].start, tu_day("2023-01-01"));
}

/* Home for less than 6 months, then placed again: the same period; a move
 * when the carers differ, none when Sam goes back to the same carers. */
static void short_return_home(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2024-06-01', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'home', 'carers': ['pM'], 'start': '2024-06-01',"
	   "  'end': '2024-09-01'},"
	   " {'id': 'pl3', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->periods[0].start, tu_day("2024-01-01"));
	assert_int_equal(p->nhomes, 2);
	assert_int_equal(p->homes[0].end, tu_day("2024-06-01"));
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->moves[0].placement, pl("pl3"));
	assert_int_equal(p->moves[0].day, tu_day("2024-09-01"));
	/* the time out of home counts from the start of the period */
	assert_int_equal(p->days_out, tu_day("2025-01-01") - tu_day("2024-01-01"));
	/* while at home: not out of home, the period still open */
	p = checked("2024-07-01");
	assert_false(p->out_of_home);
	assert_int_equal(p->current, pl("pl2"));
	assert_int_equal(p->period, 0);
	assert_false(p->periods[0].closed);

	/* back to Anna: the same period, two homes, no move */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2024-06-01', 'end_reason': 'return_home'},"
	   " {'id': 'pl3', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->nhomes, 2);
	assert_false(p->homes[1].move);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->home_since, tu_day("2024-09-01"));
	assert_int_equal(p->periods[0].start, tu_day("2024-01-01"));
}

/* Home for 6 months or more: a new period, and coming into care again is
 * no move.  Exactly 6 months is enough; a day less is not. */
static void long_return_home(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2022-01-01',"
	   "  'end': '2022-06-01', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2022-12-01'}]",
	   "[]");
	p = checked("2023-06-01");
	assert_int_equal(p->nperiods, 2);
	assert_true(p->periods[0].closed);
	assert_int_equal(p->periods[0].end, tu_day("2022-06-01"));
	assert_int_equal(p->period, 1);
	assert_int_equal(p->periods[1].start, tu_day("2022-12-01"));
	assert_false(p->periods[1].closed);
	assert_int_equal(p->moves_total, 0);
	assert_false(p->homes[1].move);
	assert_int_equal(p->homes[1].period, 1);
	assert_int_equal(p->days_out, tu_day("2023-06-01") - tu_day("2022-12-01"));

	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2022-01-01',"
	   "  'end': '2022-06-01', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2022-11-30'}]",
	   "[]");
	p = checked("2023-06-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->periods[0].start, tu_day("2022-01-01"));

	/* moves of an earlier period count in the total, not in this period */
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': ['pC'], 'start': '2019-01-01',"
	   "  'end': '2019-02-01'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2019-02-01',"
	   "  'end': '2020-01-01', 'end_reason': 'breakdown'},"
	   " {'id': 'pl3', 'form': 'family_home', 'carers': ['pD'], 'start': '2021-01-01'}]", "[]");
	p = checked("2023-06-01");
	assert_int_equal(p->nperiods, 2);
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->moves_period, 0);
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns_period, 0);
	assert_int_equal(p->periods[0].moves, 1);
	assert_int_equal(p->periods[0].breakdowns, 1);
	assert_int_equal(p->breakdowns[0].period, 0);
}

/* Part-time care or a support family while Sam lives at home: no period,
 * no home, no move. */
static void parttime_while_at_home(void **state)
{
	static const char *const forms[] = { "foster_parttime", "support_family", "home" };
	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		char text[512];
		const struct kr_path *p;
		snprintf(text, sizeof text,
		         "[{'id': 'pl1', 'form': '%s', 'carers': ['pB'], 'start': '2024-01-01'},"
		         " {'id': 'pl2', 'form': '%s', 'carers': ['pC'], 'start': '2025-01-01'}]",
		         forms[i], forms[i]);
		mk(text, "[]");
		p = checked("2025-06-01");
		assert_int_equal(p->nperiods, 0);
		assert_int_equal(p->nhomes, 0);
		assert_int_equal(p->moves_total, 0);
		assert_false(p->out_of_home);
		assert_int_equal(p->period, -1);
		assert_int_equal(p->days_out, 0);
		assert_int_equal(p->current, pl("pl2"));
		assert_int_equal(p->unclassified, -1);
	}

	/* part-time care between two homes with the same carers changes
	 * nothing */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01'},"
	   " {'id': 'pl2', 'form': 'foster_parttime', 'carers': ['pS'], 'start': '2024-05-01',"
	   "  'end': '2024-06-01'}]", "[]");
	{
		const struct kr_path *p = checked("2025-06-01");
		assert_int_equal(p->nhomes, 1);
		assert_true(p->out_of_home);
		assert_int_equal(p->moves_total, 0);
	}
}

/* Partial dates: a start counts from its last possible day; a stay at
 * home counts as 6 months only when it certainly lasted that long. */
static void partial_dates(void **state)
{
	const struct kr_path *p;
	struct kr_settings s;
	(void)state;
	/* out of home from "2023-01": from 31 January */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2023-01',"
	   "  'end': '2023-05', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2023-09'}]",
	   "[]");
	p = checked("2024-01-01");
	assert_int_equal(p->periods[0].start, tu_day("2023-01-31"));
	assert_int_equal(p->periods[0].since.y, 2023);
	assert_int_equal(p->periods[0].since.m, 1);
	assert_int_equal(p->periods[0].since.d, 0);
	/* home from May to September: under 6 months, one period, a move */
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->homes[0].end, tu_day("2023-05-31"));
	assert_int_equal(p->moves[0].day, tu_day("2023-09-30"));
	assert_int_equal(p->home_since, tu_day("2023-09-30"));
	/* within the month of the new start it has started (it may have begun
	 * on the 1st), and counts from as-of: nothing lies after as-of */
	p = checked("2023-09-01");
	assert_int_equal(p->nhomes, 2);
	assert_int_equal(p->current, pl("pl2"));
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->moves[0].day, p->as_of);
	assert_int_equal(p->home_since, p->as_of);
	assert_int_equal(kr_path_moves_between(p, LONG_MIN / 2, p->as_of), 1);
	/* an end known to the month: the placement runs until the month is
	 * over */
	p = checked("2023-05-15");
	assert_int_equal(p->current, pl("pl1"));
	assert_true(p->out_of_home);
	p = checked("2023-06-01");
	assert_int_equal(p->current, -1);
	assert_false(p->out_of_home);
	assert_int_equal(p->periods[0].end, tu_day("2023-05-31"));

	/* "2023-05" to "2023-11": 5 to 7 months at home, not certainly 6 */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2023-01',"
	   "  'end': '2023-05', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2023-11'}]",
	   "[]");
	p = checked("2024-06-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->moves_total, 1);
	/* "2023-05" to "2023-12": certainly 6 months or more, a new period */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2023-01',"
	   "  'end': '2023-05', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2023-12'}]",
	   "[]");
	p = checked("2024-06-01");
	assert_int_equal(p->nperiods, 2);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->periods[1].start, tu_day("2023-12-31"));
	/* with path.home_months 4 the May-September stay is long enough */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2023-01',"
	   "  'end': '2023-05', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2023-09'}]",
	   "[]");
	kr_settings_defaults(&s);
	s.v[KR_SET_PATH_HOME_MONTHS] = 4;
	p = path_with("2024-01-01", &s);
	check_path(p);
	assert_int_equal(p->nperiods, 1);          /* 31 May + 4 months = 30 September */
	s.v[KR_SET_PATH_HOME_MONTHS] = 3;
	p = path_with("2024-01-01", &s);
	check_path(p);
	assert_int_equal(p->nperiods, 2);
	assert_int_equal(p->moves_total, 0);
}

/* A breakdown given both as end_reason and as a breakdown event is one
 * breakdown; so is an event without placement within a month of it. */
static void breakdown_counted_once(void **state)
{
	static const char PL[] =
		"[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
		"  'end': '2025-03-10', 'end_reason': 'breakdown'},"
		" {'id': 'pl2', 'form': 'crisis', 'carers': ['pC'], 'start': '2025-03-10'}]";
	const struct kr_path *p;
	(void)state;
	mk(PL, "[{'date': '2025-03-10', 'type': 'breakdown', 'placement': 'pl1'}]");
	p = checked("2025-06-01");
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns[0].placement, pl("pl1"));
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 1);

	/* the event a few days later, or only to the month, or without
	 * placement: the same ending */
	mk(PL, "[{'date': '2025-03-14', 'type': 'breakdown', 'placement': 'pl1'}]");
	assert_int_equal(checked("2025-06-01")->breakdowns_total, 1);
	mk(PL, "[{'date': '2025-03', 'type': 'breakdown'}]");
	assert_int_equal(checked("2025-06-01")->breakdowns_total, 1);
	mk(PL, "[{'date': '2025-03-20', 'type': 'breakdown'}]");
	assert_int_equal(checked("2025-06-01")->breakdowns_total, 1);
	/* two events of the one ending */
	mk(PL, "[{'date': '2025-03-10', 'type': 'breakdown', 'placement': 'pl1'},"
	        " {'date': '2025-03-11', 'type': 'breakdown'}]");
	assert_int_equal(checked("2025-06-01")->breakdowns_total, 1);

	/* an event without placement two months later is another breakdown */
	mk(PL, "[{'date': '2025-05-15', 'type': 'breakdown'}]");
	p = checked("2025-06-01");
	assert_int_equal(p->breakdowns_total, 2);
	assert_int_equal(p->breakdowns[1].placement, -1);
	assert_int_equal(p->breakdowns[1].event, 0);
	assert_int_equal(p->breakdowns[1].day, tu_day("2025-05-15"));
	assert_int_equal(p->breakdowns_period, 2);
	/* an event about another placement is another breakdown */
	mk(PL, "[{'date': '2025-03-20', 'type': 'breakdown', 'placement': 'pl2'}]");
	assert_int_equal(checked("2025-06-01")->breakdowns_total, 2);
}

/* A breakdown event without placement counts, with the period it falls in. */
static void breakdown_event_without_placement(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2025-03-10', 'end_reason': 'other'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2025-03-10'}]",
	   "[{'date': '2025-03-10', 'type': 'breakdown', 'text': 'Anna could not go on'}]");
	p = checked("2025-06-01");
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns[0].placement, -1);
	assert_int_equal(p->breakdowns[0].event, 0);
	assert_int_equal(p->breakdowns[0].period, 0);
	assert_int_equal(p->breakdowns_period, 1);
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 1);

	/* years after the child went home for good: no period */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2020-01-01',"
	   "  'end': '2021-01-01', 'end_reason': 'return_home'}]",
	   "[{'date': '2024-05-01', 'type': 'breakdown'}]");
	p = checked("2025-06-01");
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->breakdowns[0].period, -1);
	assert_int_equal(p->breakdowns_period, 0);
	assert_true(p->periods[0].closed);
}

/* What starts after as-of does not count yet; an end after as-of means the
 * placement still runs. */
static void after_as_of_ignored(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2025-07-01', 'end_reason': 'breakdown'},"
	   " {'id': 'pl2', 'form': 'family_home', 'carers': ['pD'], 'start': '2025-07-01'}]",
	   "[{'date': '2025-07-01', 'type': 'breakdown', 'placement': 'pl1'},"
	   " {'date': '2025-08-20', 'type': 'breakdown'}]");
	p = checked("2025-06-30");
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->breakdowns_total, 0);
	assert_true(p->out_of_home);
	assert_int_equal(p->homes[0].end, -1);
	assert_int_equal(p->current, pl("pl1"));
	p = checked("2025-07-01");
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(p->current, pl("pl2"));
	p = checked("2025-09-01");
	assert_int_equal(p->breakdowns_total, 2);
}

/* A started placement without form cannot be placed on the path: it is
 * named, and it makes no home. */
static void unclassified(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2024-06-01'},"
	   " {'id': 'pl2', 'carers': ['pB'], 'start': '2024-06-01'},"
	   " {'id': 'pl3', 'carers': ['pC'], 'start': '2026-01-01'}]", "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->unclassified, pl("pl2"));
	assert_int_equal(p->nhomes, 1);
	assert_int_equal(p->moves_total, 0);
	assert_false(p->out_of_home);
	assert_int_equal(p->current, pl("pl2"));
	/* before it started there is nothing to classify */
	p = checked("2024-05-31");
	assert_int_equal(p->unclassified, -1);
	assert_false(kr_path_form_fulltime(KR_FORM_NONE));
	assert_false(kr_path_form_fulltime(KR_FORM_HOME));
	assert_false(kr_path_form_fulltime(KR_FORM_SUPPORT_FAMILY));
	assert_false(kr_path_form_fulltime(KR_FORM_FOSTER_PARTTIME));
	assert_true(kr_path_form_fulltime(KR_FORM_INFORMAL_NETWORK));
	assert_true(kr_path_form_fulltime(KR_FORM_FOSTER_FULLTIME));
	assert_true(kr_path_form_fulltime(KR_FORM_CRISIS));
	assert_true(kr_path_form_fulltime(KR_FORM_FAMILY_HOME));
	assert_true(kr_path_form_fulltime(KR_FORM_RESIDENTIAL));
}

/* The windows (from, to]: a move on `from` is outside, one on `to` inside;
 * a breakdown and the move out of that home within a month are one
 * disruption, further apart two. */
static void windows(void **state)
{
	const struct kr_path *p;
	long d1 = tu_day("2024-03-01"), d2 = tu_day("2024-09-01");
	(void)state;
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': ['pC'], 'start': '2024-01-01',"
	   "  'end': '2024-03-01'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-03-01',"
	   "  'end': '2024-09-01'},"
	   " {'id': 'pl3', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->moves_total, 2);
	assert_int_equal(kr_path_moves_between(p, d1 - 1, d2), 2);
	assert_int_equal(kr_path_moves_between(p, d1, d2), 1);
	assert_int_equal(kr_path_moves_between(p, d1 - 1, d2 - 1), 1);
	assert_int_equal(kr_path_moves_between(p, d1, d2 - 1), 0);
	assert_int_equal(kr_path_moves_between(p, d2, p->as_of), 0);
	assert_int_equal(kr_path_disruptions(p, d1 - 1, d2), 2);
	assert_int_equal(kr_path_disruptions(p, d1, d2), 1);

	/* pl2 broke down on 1 September; the move the same day: one */
	mk("[{'id': 'pl1', 'form': 'crisis', 'carers': ['pC'], 'start': '2024-01-01',"
	   "  'end': '2024-03-01'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-03-01',"
	   "  'end': '2024-09-01', 'end_reason': 'breakdown'},"
	   " {'id': 'pl3', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(kr_path_disruptions(p, d1 - 1, d2), 2);
	assert_int_equal(kr_path_disruptions(p, d2 - 1, d2), 1);
	assert_int_equal(kr_path_disruptions(p, d2, p->as_of), 0);

	/* broke down 1 August, home until the move on 1 September: within a
	 * month, still one; a window that ends between them sees the
	 * breakdown, one that starts between them the move */
	mk("[{'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-03-01',"
	   "  'end': '2024-08-01', 'end_reason': 'breakdown'},"
	   " {'id': 'pl3', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->moves_total, 1);
	assert_int_equal(p->breakdowns_total, 1);
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 1);
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, tu_day("2024-08-15")), 1);
	assert_int_equal(kr_path_disruptions(p, tu_day("2024-08-15"), p->as_of), 1);
	assert_int_equal(kr_path_disruptions(p, tu_day("2024-08-01"), p->as_of), 1);
	assert_int_equal(kr_path_disruptions(p, tu_day("2024-09-01"), p->as_of), 0);

	/* broke down 1 July, the move two months later: two */
	mk("[{'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-03-01',"
	   "  'end': '2024-07-01', 'end_reason': 'breakdown'},"
	   " {'id': 'pl3', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(kr_path_disruptions(p, LONG_MIN / 2, p->as_of), 2);
	assert_int_equal(kr_path_moves_between(p, LONG_MIN / 2, p->as_of), 1);
}

/* path.home_months decides how long at home ends a period. */
static void home_months_setting(void **state)
{
	const struct kr_path *p;
	struct kr_settings s;
	(void)state;
	/* four months at home (1 May to 1 September) */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2024-05-01', 'end_reason': 'return_home'},"
	   " {'id': 'pl2', 'form': 'foster_fulltime', 'carers': ['pB'], 'start': '2024-09-01'}]",
	   "[]");
	p = checked("2025-01-01");
	assert_int_equal(p->nperiods, 1);
	assert_int_equal(p->moves_total, 1);
	kr_settings_defaults(&s);
	s.v[KR_SET_PATH_HOME_MONTHS] = 4;
	p = path_with("2025-01-01", &s);
	check_path(p);
	assert_int_equal(p->nperiods, 2);
	assert_int_equal(p->moves_total, 0);
	assert_int_equal(p->periods[1].start, tu_day("2024-09-01"));
	assert_int_equal(p->days_out, tu_day("2025-01-01") - tu_day("2024-09-01"));
	s.v[KR_SET_PATH_HOME_MONTHS] = 5;
	p = path_with("2025-01-01", &s);
	check_path(p);
	assert_int_equal(p->nperiods, 1);
	/* the period closes after that long at home, too */
	mk("[{'id': 'pl1', 'form': 'foster_fulltime', 'carers': ['pA'], 'start': '2024-01-01',"
	   "  'end': '2024-05-01', 'end_reason': 'return_home'}]", "[]");
	s.v[KR_SET_PATH_HOME_MONTHS] = 2;
	p = path_with("2024-06-30", &s);
	assert_false(p->periods[0].closed);
	p = path_with("2024-07-01", &s);
	assert_true(p->periods[0].closed);
	/* NULL settings are the defaults */
	p = path("2024-10-31");
	assert_false(p->periods[0].closed);
	p = path("2024-11-01");
	assert_true(p->periods[0].closed);
}

/* A case without placements, and the child's age. */
static void empty_path(void **state)
{
	const struct kr_path *p;
	(void)state;
	mk("[]", "[]");
	p = checked("2026-04-11");
	assert_int_equal(p->age, 13);
	assert_int_equal(p->as_of, tu_day("2026-04-11"));
	assert_int_equal(p->nhomes + p->nperiods + p->nmoves + p->nbreakdowns, 0);
	assert_int_equal(p->period, -1);
	assert_int_equal(p->current, -1);
	assert_int_equal(p->unclassified, -1);
	assert_int_equal(path("2026-04-12")->age, 14);
	assert_int_equal(path("2012-04-11")->age, -1);
	kr_path_free(NULL);
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(example_jordy),
		T(example_lina),
		T(example_evi),
		T(example_daan),
		T(example_second_period),
		T(out_since_2018_breakdown_2026),
		T(support_family_then_crisis),
		T(crisis_becomes_foster_family),
		T(move_to_other_carers),
		T(short_return_home),
		T(long_return_home),
		T(parttime_while_at_home),
		T(partial_dates),
		T(breakdown_counted_once),
		T(breakdown_event_without_placement),
		T(after_as_of_ignored),
		T(unclassified),
		T(windows),
		T(home_months_setting),
		T(empty_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
