/*
 * bench_population.c - a generated population with a history, for
 * bench/report.sh: `bench_population DB N [SEED]` stores cases 0..N-1 of
 * `kring generate --seed SEED --history` (anchor 2026-12-01) as they would
 * have come in over time: the recorded states kr_generate_history() gives
 * (lib/generate_history.c: each case's current state on a day of the 14
 * months before the anchor, an earlier state of some with a tie that later
 * worsened or a club lost after the move), each stored at its day, so that
 * the figures and rules that look at the revisions (the network map changed
 * in the last 6 months, tie-worsened, contacts-lost) have something to
 * count: the same history `kring import --recorded-at` stores from
 * `kring generate --history`.  Every revision goes through kr_store_put,
 * facts and all, in one transaction.  Prints the time it took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kring/date.h"
#include "kring/generate.h"
#include "kring/init.h"
#include "kring/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	struct kr_config cfg;
	unsigned long n, seed;
	long anchor = kr_days_from_civil(2026, 12, 1);
	double t0;
	size_t revs = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_population DB N [SEED]\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	seed = argc > 3 ? strtoul(argv[3], NULL, 10) : 1;
	kr_config_defaults(&cfg);
	kr_init(&cfg, NULL);
	kr_error_init(&err);
	if (kr_store_open(argv[1], &s, &err) || kr_store_begin(s, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	t0 = now();
	for (unsigned long i = 0; i < n; i++) {
		struct kr_generated_revision rev[KR_GENERATE_MAX_HISTORY];
		size_t nrev = 0;
		if (kr_generate_history(seed, i, anchor, rev, &nrev, &err))
			goto fail;
		for (size_t k = 0; k < nrev; k++) {
			struct kr_case *c = NULL;
			kr_store_set_now(s, (time_t)rev[k].day * 86400 + 36000);
			if (kr_case_read(rev[k].doc, strlen(rev[k].doc), &c, &err) ||
			    kr_store_put(s, c, "bench", 0, NULL, &err))
				goto fail;
			kr_case_free(c);
			revs++;
		}
		for (size_t k = 0; k < nrev; k++)
			free(rev[k].doc);
		continue;
fail:
		fprintf(stderr, "case %lu: %s\n", i, err.message);
		return 1;
	}
	if (kr_store_end(s, true, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	printf("stored %lu cases, %zu revisions in %.1f s\n", n, revs, now() - t0);
	kr_store_close(s);
	kr_error_cleanup(&err);
	return 0;
}
