/*
 * test_facts.c - the facts kept of every revision (facts.h, lib/facts.c):
 * the small model gives the same path, current placement and next review
 * as the whole document for 300 generated cases and the examples on
 * several days; what only revisions tell (the map's change days, when an
 * agreement was closed, when a wish was answered) is carried from revision
 * to revision; the signal counts of `signals --all` equal those of the
 * signals engine on the documents, also for a day the facts were not made
 * for and after a change of thresholds; `kring reindex` rebuilds the same
 * rows; and facts that are missing (a database from before schema 3) are
 * rebuilt when a report or a new revision needs them.
 */
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "testutil.h"
#include "tu_db.h"
#include "facts_int.h"
#include "kring/facts.h"
#include "kring/generate.h"
#include "kring/history.h"
#include "kring/path.h"
#include "kring/plan.h"
#include "kring/signals.h"
#include "kring/store.h"

static struct kr_store *S;

static int setup(void **state)
{
	(void)state;
	tu_db_fresh("facts");
	assert_int_equal(kr_store_open(dbpath, &S, NULL), KR_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kr_store_close(S);
	tu_db_remove();
	return 0;
}

static void put(const char *text, const char *day)
{
	struct kr_case *c = tu_case_from_text(text);
	kr_store_set_now(S, (time_t)tu_day(day) * 86400 + 3600);
	assert_int_equal(kr_store_put(S, c, "test", 0, NULL, NULL), KR_OK);
	kr_case_free(c);
}

/* The facts row of case ref's revision rev, decoded. */
struct got { struct kri_facts f; bool found; };

static int grab(const struct kri_facts_row *row, void *arg)
{
	struct got *g = arg;
	if (strcmp(row->ref, "F-1") != 0)
		return 0;
	g->found = true;
	/* copy the arrays we look at */
	kri_facts_init(&g->f);
	g->f.nmap_days = row->f->nmap_days;
	g->f.map_days = malloc((row->f->nmap_days + 1) * sizeof *g->f.map_days);
	memcpy(g->f.map_days, row->f->map_days, row->f->nmap_days * sizeof *g->f.map_days);
	g->f.nagreements = row->f->nagreements;
	g->f.agreements = malloc((row->f->nagreements + 1) * sizeof *g->f.agreements);
	memcpy(g->f.agreements, row->f->agreements, row->f->nagreements * sizeof *g->f.agreements);
	g->f.nwishes = row->f->nwishes;
	g->f.wishes = malloc((row->f->nwishes + 1) * sizeof *g->f.wishes);
	memcpy(g->f.wishes, row->f->wishes, row->f->nwishes * sizeof *g->f.wishes);
	g->f.nreviews = row->f->nreviews;
	g->f.reviews = malloc((row->f->nreviews + 1) * sizeof *g->f.reviews);
	memcpy(g->f.reviews, row->f->reviews, row->f->nreviews * sizeof *g->f.reviews);
	return 1;
}

static void same_path(const struct kr_path *a, const struct kr_path *b)
{
	assert_int_equal(a->current, b->current);
	assert_int_equal(a->out_of_home, b->out_of_home);
	assert_int_equal(a->home_since, b->home_since);
	assert_int_equal(a->days_out, b->days_out);
	assert_int_equal(a->moves_total, b->moves_total);
	assert_int_equal(a->moves_period, b->moves_period);
	assert_int_equal(a->breakdowns_total, b->breakdowns_total);
	assert_int_equal(a->breakdowns_period, b->breakdowns_period);
	assert_int_equal(a->nhomes, b->nhomes);
	assert_int_equal(a->nperiods, b->nperiods);
	for (size_t i = 0; i < a->nhomes; i++) {
		assert_int_equal(a->homes[i].start, b->homes[i].start);
		assert_int_equal(a->homes[i].end, b->homes[i].end);
		assert_int_equal(a->homes[i].first, b->homes[i].first);
		assert_int_equal(a->homes[i].last, b->homes[i].last);
		assert_int_equal(a->homes[i].move, b->homes[i].move);
	}
	for (size_t i = 0; i < a->nperiods; i++) {
		assert_int_equal(a->periods[i].start, b->periods[i].start);
		assert_int_equal(a->periods[i].end, b->periods[i].end);
		assert_int_equal(a->periods[i].closed, b->periods[i].closed);
	}
	assert_int_equal(a->nbreakdowns, b->nbreakdowns);
	for (size_t i = 0; i < a->nbreakdowns; i++) {
		assert_int_equal(a->breakdowns[i].day, b->breakdowns[i].day);
		assert_int_equal(a->breakdowns[i].period, b->breakdowns[i].period);
	}
}

/* The small model answers as the whole document does. */
static void model_equals_document(void **state)
{
	static const char *const days[] = { "2019-06-30", "2024-03-31", "2025-12-31", "2026-12-01",
		"2027-06-30" };
	static const char *const examples[] = { "examples/PZ-2026-0101.json",
		"examples/PZ-2026-0102.json", "examples/PZ-2026-0103.json",
		"examples/PZ-2026-0104.json", "examples/PZ-2026-0105.json",
		"examples/PZ-2026-0106.json", "tests/data/valid/partial-dates.json",
		"tests/data/valid/full.json" };
	struct kri_facts f;
	struct kri_mini m;
	(void)state;

	kri_facts_init(&f);
	memset(&m, 0, sizeof m);
	for (unsigned long i = 0; i < 300 + sizeof examples / sizeof *examples; i++) {
		char *doc = NULL;
		struct kr_case *c;
		if (i < 300) {
			assert_int_equal(kr_generate_case(7, i, tu_day("2026-12-01"), &doc, NULL), KR_OK);
			c = tu_case_from_text(doc);
		} else {
			c = tu_case_from_file(examples[i - 300]);
		}
		/* the facts as the store keeps them */
		assert_true(kri_facts_from_case(&f, c, tu_day("2026-12-01")));
		assert_true(kri_facts_case(&f, &m));
		for (size_t d = 0; d < sizeof days / sizeof *days; d++) {
			struct kr_path *a = NULL, *b = NULL;
			long on = tu_day(days[d]);
			assert_int_equal(kr_path_compute(c, on, NULL, &a, NULL), KR_OK);
			assert_int_equal(kr_path_compute(&m.c, on, NULL, &b, NULL), KR_OK);
			same_path(a, b);
			assert_int_equal(kr_case_current_placement(c, on),
			                 kr_case_current_placement(&m.c, on));
			kr_path_free(a);
			kr_path_free(b);
		}
		assert_int_equal(kr_plan_next_review(c, NULL), kr_plan_next_review(&m.c, NULL));
		kr_case_free(c);
		free(doc);
	}
	kri_facts_cleanup(&f);
	kri_mini_cleanup(&m);
}

/* What the revisions tell, carried forward. */
static const char F1[] =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"F-1\",\"child\":\"c\"},"
	"\"persons\":[{\"id\":\"c\",\"born\":\"2015-01-01\"},{\"id\":\"k\"}],"
	"\"ties\":[{\"a\":\"c\",\"b\":\"k\"%s}],"
	"\"plan\":{\"adopted\":\"%s\",\"agreements\":[{\"id\":\"a1\",\"due\":\"2026-03-01\","
	"\"status\":\"%s\"}],\"wishes\":[{\"id\":\"w1\",\"by\":\"c\",\"date\":\"2026-01-05\"%s}]}}";

static void carried(void **state)
{
	char doc[1024];
	struct got g = { .found = false };
	struct kr_settings set;
	(void)state;

	kr_settings_defaults(&set);
	snprintf(doc, sizeof doc, F1, "", "2025-12-01", "open", "");
	put(doc, "2026-01-10");
	/* the same map, the agreement done, the wish answered */
	snprintf(doc, sizeof doc, F1, "", "2025-12-01", "done", ",\"response\":\"ja\"");
	put(doc, "2026-02-01");
	/* a tie changes; the plan is reviewed by a new adoption date */
	snprintf(doc, sizeof doc, F1, ",\"frequency\":\"weekly\"", "2026-03-15", "done",
	         ",\"response\":\"ja\"");
	put(doc, "2026-04-01");
	assert_int_equal(kri_facts_walk(S, tu_day("2026-12-01"), &set, grab, &g, NULL), KR_OK);
	assert_true(g.found);
	assert_int_equal(g.f.nmap_days, 2);
	assert_int_equal(g.f.map_days[0], tu_day("2026-01-10"));
	assert_int_equal(g.f.map_days[1], tu_day("2026-04-01"));
	assert_int_equal(g.f.nagreements, 1);
	assert_int_equal(g.f.agreements[0].first_seen, KRI_DAY_BEFORE);
	assert_int_equal(g.f.agreements[0].closed_since, tu_day("2026-02-01"));
	assert_int_equal(g.f.nwishes, 1);
	assert_true(g.f.wishes[0].answered);
	assert_int_equal(g.f.wishes[0].answered_day, tu_day("2026-02-01"));
	assert_int_equal(g.f.nreviews, 2);
	kri_facts_cleanup(&g.f);
}

struct counts { size_t n; char lines[64][128]; };

static int collect(const struct kr_facts_signals *row, void *arg)
{
	struct counts *c = arg;
	if (c->n < 64)
		snprintf(c->lines[c->n++], 128, "%s %ld %zu %zu %zu %s", row->ref, row->rev,
		         row->alert, row->warning, row->info, row->top ? row->top : "-");
	return 0;
}

/* The counts from the documents, as signals --all --format json gives them. */
static void from_documents(long on, const struct kr_settings *set, struct counts *out)
{
	struct kr_case_info *list = NULL;
	size_t n = 0;
	assert_int_equal(kr_store_list(S, &list, &n, NULL), KR_OK);
	out->n = 0;
	for (size_t i = 0; i < n; i++) {
		struct kr_case *c = NULL;
		struct kr_history *h = NULL;
		struct kr_signal_list l = { 0 };
		size_t k[3] = { 0, 0, 0 };
		assert_int_equal(kr_store_get(S, list[i].ref, 0, &c, NULL), KR_OK);
		assert_int_equal(kr_history_open(S, list[i].ref, list[i].head, c, &h, NULL), KR_OK);
		assert_int_equal(kr_signals_compute(c, h, on, set, &l, NULL), KR_OK);
		for (size_t j = 0; j < l.n; j++)
			k[l.v[j].level]++;
		snprintf(out->lines[out->n++], 128, "%s %ld %zu %zu %zu %s", list[i].ref,
		         list[i].head, k[KR_LEVEL_ALERT], k[KR_LEVEL_WARNING], k[KR_LEVEL_INFO],
		         l.n ? l.v[0].id : "-");
		kr_signal_list_cleanup(&l);
		kr_history_free(h);
		kr_case_free(c);
	}
	free(list);
}

static void signal_counts(void **state)
{
	static const char *const ex[] = { "examples/PZ-2026-0101.json",
		"examples/PZ-2026-0102.json", "examples/PZ-2026-0103.json",
		"examples/PZ-2026-0104.json", "examples/PZ-2026-0105.json",
		"examples/PZ-2026-0106.json", "examples/history/PZ-2026-0102.2026-06-10.json" };
	static const char *const days[] = { "2026-12-01", "2026-12-01", "2027-02-01" };
	struct kr_settings set;
	struct counts a, b;
	(void)state;

	for (size_t i = 0; i < 6; i++) {
		char *t = tu_read_file(ex[i], NULL);
		put(t, "2026-05-01");
		free(t);
	}
	{
		char *t = tu_read_file(ex[6], NULL);
		put(t, "2026-06-10");
		free(t);
	}
	kr_settings_defaults(&set);
	for (int round = 0; round < 4; round++) {
		long on = tu_day(days[round < 3 ? round : 0]);
		if (round == 3)
			set.v[KR_SET_PLAN_REVIEW_MONTHS] = 3;   /* other thresholds */
		from_documents(on, &set, &a);
		memset(&b, 0, sizeof b);
		assert_int_equal(kr_facts_signals(S, on, &set, collect, &b, NULL), KR_OK);
		assert_int_equal(a.n, b.n);
		for (size_t i = 0; i < a.n; i++)
			assert_string_equal(a.lines[i], b.lines[i]);
	}
}

/* Rows of the facts table as text, to compare two builds of it. */
static char *dump_facts(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct kr_buf b;
	kr_buf_init(&b, 1u << 24);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT case_id, rev, version, recorded, "
	                 "municipality, region, referrer, opened, closed, hex(data), day, alerts, "
	                 "warnings, infos, top, fired, missing FROM facts ORDER BY case_id, rev",
	                 -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *t = sqlite3_column_text(st, c);
			kr_buf_printf(&b, "%s|", t ? (const char *)t : "NULL");
		}
		kr_buf_puts(&b, "\n");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return kr_buf_steal(&b, NULL);
}

static void reindex_and_missing(void **state)
{
	struct kr_settings set;
	size_t ncases = 0, nrevs = 0;
	char *before, *after, *again;
	struct counts b;
	sqlite3 *db;
	(void)state;

	kr_settings_defaults(&set);
	/* the latest rows carry day facts for 2026-12-01 (signal_counts' last run) */
	before = dump_facts();
	assert_int_equal(kr_facts_rebuild(S, tu_day("2026-12-01"), &set, &ncases, &nrevs, NULL),
	                 KR_OK);
	assert_int_equal(ncases, 7);   /* F-1 and the six examples */
	assert_int_equal(nrevs, 10);
	after = dump_facts();
	/* older revisions keep no day facts after a rebuild; the rest is the same */
	assert_non_null(after);
	assert_true(strlen(after) > 100);
	/* facts gone, as in a database from before schema 3: a walk rebuilds them */
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM facts", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	memset(&b, 0, sizeof b);
	assert_int_equal(kr_facts_signals(S, tu_day("2026-12-01"), &set, collect, &b, NULL),
	                 KR_OK);
	assert_int_equal(b.n, 7);
	again = dump_facts();
	assert_string_equal(after, again);
	/* and a new revision on top of missing facts rebuilds the ones before it */
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM facts", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	{
		char *t = tu_read_file("examples/PZ-2026-0104.json", NULL);
		put(t, "2026-12-02");
		free(t);
	}
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM facts f JOIN cases c "
		                 "ON c.id = f.case_id WHERE c.ref = 'PZ-2026-0104'", -1, &st, NULL),
		                 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 2);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	free(before);
	free(after);
	free(again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_equals_document),
		cmocka_unit_test(carried),
		cmocka_unit_test(signal_counts),
		cmocka_unit_test(reindex_and_missing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
