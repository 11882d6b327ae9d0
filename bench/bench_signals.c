/*
 * bench_signals.c - where the time of "signals for every case" goes:
 * reading the latest revisions from the store, parsing + validating them,
 * and evaluating every rule, measured separately over all cases of a
 * database (usage: bench_signals DB [AS-OF]).  Prints per-phase totals and
 * per-case means, and the peak memory (max RSS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "kring/date.h"
#include "kring/init.h"
#include "kring/signals.h"
#include "kring/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct acc {
	long on;
	double t_rules;
	size_t ncases, nsignals;
};

static int each(const struct kr_case *c, long rev, void *arg)
{
	struct acc *a = arg;
	struct kr_signal_list l = { 0 };
	double t0 = now();
	(void)rev;
	if (kr_signals_compute(c, NULL, a->on, NULL, &l, NULL))
		return 1;
	a->t_rules += now() - t0;
	a->nsignals += l.n;
	a->ncases++;
	kr_signal_list_cleanup(&l);
	return 0;
}

static int nothing(const struct kr_case *c, long rev, void *arg)
{
	(void)c;
	(void)rev;
	(*(size_t *)arg)++;
	return 0;
}

int main(int argc, char **argv)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	struct acc a = { 0, 0, 0, 0 };
	struct kr_date d;
	struct rusage ru;
	size_t n = 0;
	double t0, t_parse, t_all;

	struct kr_config cfg;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_signals DB [AS-OF]\n");
		return 2;
	}
	kr_config_defaults(&cfg);
	cfg.parse_arena = true;
	kr_init(&cfg, NULL);
	kr_date_parse_full(argc > 2 ? argv[2] : "2026-12-01", &d);
	a.on = kr_date_first(d);
	kr_error_init(&err);
	if (kr_store_open(argv[1], &s, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	t0 = now();
	kr_store_each(s, nothing, &n, &err);          /* read + parse + validate */
	t_parse = now() - t0;
	t0 = now();
	kr_store_each(s, each, &a, &err);             /* read + parse + all rules */
	t_all = now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	printf("cases: %zu, signals: %zu\n", a.ncases, a.nsignals);
	printf("read + parse + validate: %.3f s (%.0f us/case)\n", t_parse, t_parse * 1e6 / (double)n);
	printf("all rules only:          %.3f s (%.0f us/case)\n", a.t_rules,
	       a.t_rules * 1e6 / (double)a.ncases);
	printf("read + parse + rules:    %.3f s (%.0f us/case)\n", t_all, t_all * 1e6 / (double)a.ncases);
	printf("peak memory: %ld KiB\n", ru.ru_maxrss);
	kr_store_close(s);
	kr_error_cleanup(&err);
	return 0;
}
