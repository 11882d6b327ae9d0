/*
 * test_case_pack.c - the case model's binary form (lib/case_pack.c) and the
 * store's models beside each revision (schema 10):
 *  - for every example and 400 generated cases, pack(unpack(pack(c))) is
 *    pack(c) byte for byte, and the signals of the unpacked case (ids,
 *    levels, messages, advice, details) are those of the parsed document
 *    on three days;
 *  - every truncation of a form and 3,000 random byte changes are refused
 *    or read into a case the rules can run on (never a crash: this file
 *    also runs under ASan and UBSan);
 *  - `signals --all` on a day whose signals were not stored (computed from
 *    the models, on several threads) gives what the documents give, with
 *    every earlier revision read from its document; and the same with the
 *    models deleted (a database from before schema 10), and after
 *    kr_facts_rebuild put them back.
 */
#include <glob.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "testutil.h"
#include "tu_db.h"
#include "case_int.h"
#include "store_int.h"
#include "kring/facts.h"
#include "kring/generate.h"
#include "kring/history.h"
#include "kring/signals.h"
#include "kring/store.h"

static const char *const DAYS[] = { "2026-06-01", "2026-12-01", "2027-09-15" };

static char *pack(const struct kr_case *c, size_t *n)
{
	struct kr_buf b;
	kr_buf_init(&b, KR_CASE_MAX_BYTES);
	assert_int_equal(kri_case_pack(c, &b), KR_OK);
	return kr_buf_steal(&b, n);
}

static char *signals_json(const struct kr_case *c, struct kr_history *h, long on)
{
	struct kr_signal_list l = { 0 };
	char *s;
	assert_int_equal(kr_signals_compute(c, h, on, NULL, &l, NULL), KR_OK);
	s = kr_signals_to_json(&l, false);
	assert_non_null(s);
	kr_signal_list_cleanup(&l);
	return s;
}

/* c read back from its form is the same case to the rules. */
static void same_to_the_rules(const char *text, const char *what)
{
	struct kr_case *c = tu_case_from_text(text), *u = NULL;
	size_t n1 = 0, n2 = 0;
	char *p1 = pack(c, &n1), *p2;

	if (kri_case_unpack(p1, n1, &u) != KR_OK)
		fail_msg("%s: its form does not read back", what);
	assert_null(kr_case_doc(u));
	p2 = pack(u, &n2);
	if (n1 != n2 || memcmp(p1, p2, n1) != 0)
		fail_msg("%s: packed again, the form differs", what);
	for (size_t d = 0; d < sizeof DAYS / sizeof *DAYS; d++) {
		char *a = signals_json(c, NULL, tu_day(DAYS[d]));
		char *b = signals_json(u, NULL, tu_day(DAYS[d]));
		if (strcmp(a, b) != 0)
			fail_msg("%s on %s: the signals differ\n%s\n%s", what, DAYS[d], a, b);
		free(a);
		free(b);
	}
	for (size_t i = 0; i < c->npersons; i++)
		assert_int_equal(kr_case_person_index(u, c->persons[i].id), (int)i);
	assert_int_equal(kr_case_person_index(u, "no-such-person"), -1);
	free(p1);
	free(p2);
	kr_case_free(c);
	kr_case_free(u);
}

static void examples_and_generated(void **state)
{
	glob_t g;
	(void)state;

	assert_int_equal(glob("examples/PZ-*.json", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 10);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *t = tu_read_file(g.gl_pathv[i], NULL);
		same_to_the_rules(t, g.gl_pathv[i]);
		free(t);
	}
	globfree(&g);
	for (unsigned long i = 0; i < 400; i++) {
		char *doc = NULL, what[32];
		assert_int_equal(kr_generate_case(7, i, tu_day("2026-12-01"), &doc, NULL), KR_OK);
		snprintf(what, sizeof what, "generated case %lu", i);
		same_to_the_rules(doc, what);
		free(doc);
	}
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A form that was cut or changed is refused, or reads into a case whose
 * indices are all in range, so the rules run on it. */
static void damaged(void **state)
{
	char *t = tu_read_file("examples/PZ-2026-0103.json", NULL);
	struct kr_case *c = tu_case_from_text(t), *u = NULL;
	size_t n = 0, ok = 0;
	char *p = pack(c, &n), *q = malloc(n);
	uint64_t x = 0x9e3779b97f4a7c15ull;
	(void)state;

	assert_non_null(q);
	for (size_t len = 0; len < n; len++) {
		assert_int_equal(kri_case_unpack(p, len, &u), KR_EINVAL);
		assert_null(u);
	}
	for (int round = 0; round < 3000; round++) {
		memcpy(q, p, n);
		for (int k = 0; k < 1 + round % 4; k++)
			q[rnd(&x) % n] = (char)rnd(&x);
		if (kri_case_unpack(q, n, &u) == KR_OK) {
			char *s = signals_json(u, NULL, tu_day("2026-12-01"));
			free(s);
			kr_case_free(u);
			u = NULL;
			ok++;
		}
	}
	/* most changes hit a text or a date and still read */
	assert_true(ok > 0);
	free(q);
	free(p);
	free(t);
	kr_case_free(c);
}

/* ---- the store ------------------------------------------------------------------------- */

static struct kr_store *S;
static struct kr_settings SET;

static void put_at(struct kr_case *c, long day)
{
	kr_store_set_now(S, (time_t)day * 86400 + 3600);
	assert_int_equal(kr_store_put(S, c, "test", 0, NULL, NULL), KR_OK);
}

/* 200 generated cases, most with a second revision months later in which
 * a tie of the child got worse (tie-worsened, contacts-lost and the other
 * rules that read earlier revisions have something to compare). */
static void populate(void)
{
	long anchor = tu_day("2026-12-01");
	assert_int_equal(kr_store_begin(S, NULL), KR_OK);
	for (unsigned long i = 0; i < 200; i++) {
		char *doc = NULL;
		struct kr_case *c = NULL;
		json_t *j, *ties;
		assert_int_equal(kr_generate_case(3, i, anchor, &doc, NULL), KR_OK);
		c = tu_case_from_text(doc);
		put_at(c, anchor - 400 + (long)(i % 50));
		kr_case_free(c);
		if (i % 5 != 0) {
			j = json_loads(doc, 0, NULL);
			ties = json_object_get(j, "ties");
			for (size_t k = 0; k < json_array_size(ties) && k < 3; k++) {
				json_t *tie = json_array_get(ties, k);
				json_object_set_new(tie, "quality", json_string("conflict"));
				json_object_set_new(tie, "frequency", json_string("rarely"));
			}
			assert_int_equal(kr_case_from_json(j, &c, NULL), KR_OK);
			put_at(c, anchor - 200 + (long)(i % 70));
			kr_case_free(c);
			json_decref(j);
		}
		free(doc);
	}
	assert_int_equal(kr_store_end(S, true, NULL), KR_OK);
}

struct lines { size_t n; char (*v)[160]; };

static int collect(const struct kr_facts_signals *row, void *arg)
{
	struct lines *l = arg;
	snprintf(l->v[l->n++], 160, "%s %ld %zu %zu %zu %s", row->ref, row->rev, row->alert,
	         row->warning, row->info, row->top ? row->top : "-");
	return 0;
}

/* The same lines from the documents alone: every revision parsed from its
 * JSON, the earlier ones in a history in memory. */
static void from_documents(long on, struct lines *out)
{
	struct kr_case_info *list = NULL;
	size_t n = 0;

	assert_int_equal(kr_store_list(S, &list, &n, NULL), KR_OK);
	out->n = 0;
	for (size_t i = 0; i < n; i++) {
		struct kr_revision_info *hist = NULL;
		struct kr_case *revs[8] = { 0 };
		struct kr_history *h = kr_history_new();
		struct kr_signal_list l = { 0 };
		size_t nh = 0, k[3] = { 0, 0, 0 };
		assert_int_equal(kr_store_history(S, list[i].ref, &hist, &nh, NULL), KR_OK);
		assert_true(nh >= 1 && nh <= 8);
		for (size_t r = 0; r < nh; r++) {
			assert_int_equal(kr_store_get(S, list[i].ref, hist[r].rev, &revs[r], NULL), KR_OK);
			assert_non_null(kr_case_doc(revs[r]));
			char day[11];
			snprintf(day, sizeof day, "%.10s", hist[r].created);
			assert_int_equal(kr_history_add(h, revs[r], tu_day(day)), KR_OK);
		}
		assert_int_equal(kr_signals_compute(revs[nh - 1], h, on, &SET, &l, NULL), KR_OK);
		for (size_t j = 0; j < l.n; j++)
			k[l.v[j].level]++;
		snprintf(out->v[out->n++], 160, "%s %ld %zu %zu %zu %s", list[i].ref, list[i].head,
		         k[KR_LEVEL_ALERT], k[KR_LEVEL_WARNING], k[KR_LEVEL_INFO],
		         l.n ? l.v[0].id : "-");
		kr_signal_list_cleanup(&l);
		kr_history_free(h);
		for (size_t r = 0; r < nh; r++)
			kr_case_free(revs[r]);
		free(hist);
	}
	free(list);
}

static void check_day(const char *day)
{
	struct lines a, b;
	long on = tu_day(day);
	a.v = calloc(256, sizeof *a.v);
	b.v = calloc(256, sizeof *b.v);
	assert_true(a.v && b.v);
	from_documents(on, &a);
	b.n = 0;
	assert_int_equal(kr_facts_signals(S, on, &SET, collect, &b, NULL), KR_OK);
	assert_int_equal(a.n, 200);
	assert_int_equal(b.n, a.n);
	for (size_t i = 0; i < a.n; i++)
		assert_string_equal(a.v[i], b.v[i]);
	free(a.v);
	free(b.v);
}

static long count(const char *sql)
{
	sqlite3_stmt *st;
	long n;
	assert_int_equal(sqlite3_prepare_v2(kri_store_db(S), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void store_models(void **state)
{
	struct kr_case *c = NULL;
	size_t nc = 0, nr = 0;
	(void)state;

	kr_settings_defaults(&SET);
	tu_db_fresh("case-pack");
	assert_int_equal(kr_store_open(dbpath, &S, NULL), KR_OK);
	populate();
	/* a model beside every revision */
	assert_int_equal(count("SELECT count(*) FROM revisions"), 360);
	assert_int_equal(count("SELECT count(*) FROM models"), 360);
	assert_int_equal(kri_store_get_model(S, "GEN-3-000001", 2, &c, NULL), KR_OK);
	assert_null(kr_case_doc(c));
	kr_case_free(c);
	/* cold days: from the models, on several threads */
	check_day("2026-12-01");
	check_day("2027-03-01");
	/* a database from before schema 10: from the documents */
	assert_int_equal(sqlite3_exec(kri_store_db(S), "DELETE FROM models", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(kri_store_get_model(S, "GEN-3-000001", 2, &c, NULL), KR_OK);
	assert_non_null(kr_case_doc(c));
	kr_case_free(c);
	check_day("2026-10-01");
	/* reindex puts them back */
	assert_int_equal(kr_facts_rebuild(S, tu_day("2026-12-01"), &SET, &nc, &nr, NULL), KR_OK);
	assert_int_equal(nc, 200);
	assert_int_equal(count("SELECT count(*) FROM models"), 360);
	check_day("2026-11-01");
	/* a damaged model is passed over for the document */
	assert_int_equal(sqlite3_exec(kri_store_db(S), "UPDATE models SET data = x'00ff'",
	                              NULL, NULL, NULL), SQLITE_OK);
	check_day("2026-09-01");
	kr_store_close(S);
	tu_db_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(examples_and_generated),
		cmocka_unit_test(damaged),
		cmocka_unit_test(store_models),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
