/*
 * bench_population.c - a generated population with a history, for
 * bench/report.sh: `bench_population DB N [SEED]` stores cases 0..N-1 of
 * `kring generate --seed SEED` (anchor 2026-12-01) as they would have come
 * in over time: the first revision on a day between the case's opening and
 * the anchor (at most three years back), and for about half of the cases a
 * second one some months later in which one tie of the child changed, so
 * that the figures that look at the revisions (the network map changed in
 * the last 6 months) have something to count.  Every revision goes through
 * kr_store_put, facts and all, in one transaction.  Prints the time it took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

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

static unsigned long mix(unsigned long x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdUL;
	x ^= x >> 33;
	return x;
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
		char *doc = NULL;
		struct kr_case *c = NULL;
		json_t *j = NULL, *ties;
		unsigned long h = mix(seed * 1000003UL + i);
		long opened, first, second;
		if (kr_generate_case(seed, i, anchor, &doc, &err) ||
		    kr_case_read(doc, strlen(doc), &c, &err))
			goto fail;
		opened = kr_date_valid(c->opened) ? kr_date_first(c->opened) : anchor - 365;
		if (opened < anchor - 3 * 365)
			opened = anchor - 3 * 365;
		first = opened + (long)(h % (unsigned long)(anchor - opened + 1));
		kr_store_set_now(s, (time_t)first * 86400 + 36000);
		if (kr_store_put(s, c, "bench", 0, NULL, &err))
			goto fail;
		revs++;
		kr_case_free(c);
		c = NULL;
		second = first + 30 + (long)((h >> 20) % 400);
		if ((h >> 40) % 100 < 55 && second < anchor) {
			/* a tie of the child gets another frequency */
			j = json_loads(doc, 0, NULL);
			ties = json_object_get(j, "ties");
			if (json_array_size(ties)) {
				json_t *t = json_array_get(ties, 0);
				const char *f = json_string_value(json_object_get(t, "frequency"));
				json_object_set_new(t, "frequency", json_string(f && !strcmp(f, "weekly")
				                                                ? "monthly" : "weekly"));
			}
			if (kr_case_from_json(j, &c, &err))
				goto fail;
			kr_store_set_now(s, (time_t)second * 86400 + 36000);
			if (kr_store_put(s, c, "bench", 0, NULL, &err))
				goto fail;
			revs++;
			kr_case_free(c);
			c = NULL;
			json_decref(j);
			j = NULL;
		}
		free(doc);
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
