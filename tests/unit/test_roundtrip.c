/*
 * test_roundtrip.c - import(export(x)) is x: for every example case and for
 * 500 generated cases, the document read, stored, read back and dumped is
 * equal (as JSON values) to the original, unknown keys included; and every
 * example and generated case computes its signals without trouble.  The
 * example families (examples/families/) go in the register first, with
 * their worker's account, since example placements name them.
 */
#include <glob.h>
#include <jansson.h>
#include <sodium.h>
#include <unistd.h>

#include "testutil.h"
#include "kring/account.h"
#include "kring/auth.h"
#include "kring/family.h"
#include "kring/generate.h"
#include "kring/history.h"
#include "kring/signals.h"
#include "kring/store.h"

static char dbpath[64];

static struct kr_store *fresh_store(void)
{
	struct kr_store *s = NULL;
	char p[80];
	snprintf(dbpath, sizeof dbpath, "/tmp/kring-test-rt-%d.db", (int)getpid());
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	return s;
}

static void drop_store(struct kr_store *s)
{
	char p[80];
	kr_store_close(s);
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
}

/* The example families in the register of s, as tools/demo.sh puts them
 * there: the account of their worker first. */
static void register_families(struct kr_store *s)
{
	struct kr_auth_config ac;
	glob_t g;

	kr_auth_config_default(&ac);
	ac.opslimit = crypto_pwhash_OPSLIMIT_MIN;
	ac.memlimit = crypto_pwhash_MEMLIMIT_MIN;
	assert_int_equal(kr_auth_configure(&ac, NULL), KR_OK);
	assert_int_equal(kr_account_add(s, "demo", KR_ACCOUNT_WORKER, "demo",
	                                "Fietsbel-Appelboom-7", 1790000000, NULL, NULL), KR_OK);
	assert_int_equal(glob("examples/families/*.json", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t n = 0;
		char *text = tu_read_file(g.gl_pathv[i], &n);
		struct kr_family *f = NULL;
		assert_int_equal(kr_family_read(text, n, &f, NULL), KR_OK);
		assert_int_equal(kr_family_put(s, f, "test", -1, 1790000000, NULL, NULL), KR_OK);
		kr_family_free(f);
		free(text);
	}
	globfree(&g);
}

/* Stores text, reads the stored revision back, and checks JSON equality. */
static void round_trip(struct kr_store *s, const char *text, const char *what)
{
	struct kr_case *c = tu_case_from_text(text), *back = NULL;
	json_t *orig = json_loads(text, 0, NULL), *again;
	char *dumped;
	long rev = 0;

	assert_non_null(orig);
	assert_int_equal(kr_store_put(s, c, "test", 0, &rev, NULL), KR_OK);
	assert_int_equal(kr_store_get(s, c->ref, rev, &back, NULL), KR_OK);
	dumped = kr_case_dump(back, true);
	again = json_loads(dumped, 0, NULL);
	if (!json_equal(orig, again))
		fail_msg("%s: the exported document differs from the imported one", what);
	/* and once more through the reader: export(import(export(x))) */
	kr_case_free(back);
	back = tu_case_from_text(dumped);
	kr_case_free(back);
	free(dumped);
	json_decref(orig);
	json_decref(again);
	kr_case_free(c);
}

static void examples(void **state)
{
	glob_t g;
	struct kr_store *s = fresh_store();
	(void)state;
	if (glob("examples/*.json", 0, NULL, &g) != 0)
		fail_msg("no examples/*.json found (run from the repository root)");
	register_families(s);
	assert_true(g.gl_pathc >= 5);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *text = tu_read_file(g.gl_pathv[i], NULL);
		struct kr_case *c = tu_case_from_text(text);
		struct kr_signal_list l = { 0 };
		assert_int_equal(kr_signals_compute(c, NULL, tu_day("2026-12-01"), NULL, &l, NULL), KR_OK);
		kr_signal_list_cleanup(&l);
		kr_case_free(c);
		round_trip(s, text, g.gl_pathv[i]);
		free(text);
	}
	globfree(&g);
	drop_store(s);
}

static void generated(void **state)
{
	struct kr_store *s = fresh_store();
	long anchor = tu_day("2026-12-01");
	(void)state;
	assert_int_equal(kr_store_begin(s, NULL), KR_OK);
	for (unsigned long i = 0; i < 500; i++) {
		char *text = NULL, what[32];
		struct kr_case *c;
		struct kr_signal_list l = { 0 };
		assert_int_equal(kr_generate_case(1, i, anchor, &text, NULL), KR_OK);
		snprintf(what, sizeof what, "generated case %lu", i);
		round_trip(s, text, what);
		c = tu_case_from_text(text);
		assert_int_equal(kr_signals_compute(c, NULL, anchor, NULL, &l, NULL), KR_OK);
		kr_signal_list_cleanup(&l);
		kr_case_free(c);
		free(text);
	}
	assert_int_equal(kr_store_end(s, true, NULL), KR_OK);
	drop_store(s);
}

/* The earlier states of example ref from examples/history/REF.DATE.json
 * (the case as it was recorded on DATE), and the current one as recorded on
 * the demo date: what `make run` imports with --recorded-at. */
static struct kr_history *example_history(const struct kr_case *now, struct kr_case **old,
                                          size_t *nold)
{
	struct kr_history *h = kr_history_new();
	char pattern[256];
	glob_t g;

	assert_non_null(h);
	*nold = 0;
	snprintf(pattern, sizeof pattern, "examples/history/%s.*.json", now->ref);
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc && *nold < 8; i++) {
			const char *date = g.gl_pathv[i] + strlen("examples/history/") +
			                   strlen(now->ref) + 1;
			char day[11];
			snprintf(day, sizeof day, "%.10s", date);
			old[*nold] = tu_case_from_file(g.gl_pathv[i]);
			assert_int_equal(kr_history_add(h, old[*nold], tu_day(day)), KR_OK);
			(*nold)++;
		}
		globfree(&g);
	}
	assert_int_equal(kr_history_add(h, now, tu_day("2026-12-01")), KR_OK);
	return h;
}

/* Every signal of the catalogue fires on at least one example (as of the
 * demo date, with the earlier states of examples/history), and one example
 * is going well: no warning, no alert. */
static void examples_cover_every_signal(void **state)
{
	glob_t g;
	size_t ncat;
	const char *const *cat = kr_signals_catalogue(&ncat);
	bool *seen = calloc(ncat, sizeof *seen), calm = false;
	(void)state;
	assert_int_equal(glob("examples/*.json", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct kr_case *c = tu_case_from_file(g.gl_pathv[i]), *old[8];
		struct kr_signal_list l = { 0 };
		size_t serious = 0, nold = 0;
		struct kr_history *h = example_history(c, old, &nold);
		assert_int_equal(kr_signals_compute(c, h, tu_day("2026-12-01"), NULL, &l, NULL), KR_OK);
		kr_history_free(h);
		while (nold)
			kr_case_free(old[--nold]);
		for (size_t k = 0; k < l.n; k++) {
			serious += l.v[k].level != KR_LEVEL_INFO;
			for (size_t j = 0; j < ncat; j++)
				if (strcmp(cat[j], l.v[k].id) == 0)
					seen[j] = true;
		}
		calm = calm || serious == 0;
		kr_signal_list_cleanup(&l);
		kr_case_free(c);
	}
	globfree(&g);
	for (size_t j = 0; j < ncat; j++)
		if (!seen[j])
			fail_msg("no example makes %s fire", cat[j]);
	assert_true(calm);
	free(seen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(examples),
		cmocka_unit_test(examples_cover_every_signal),
		cmocka_unit_test(generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
