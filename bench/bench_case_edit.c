/*
 * bench_case_edit.c - what one sub-resource write costs in the library:
 * kr_case_edit() on the largest generated case (60 persons), for each kind
 * of edit, against the parts it is made of (parse the text, validate and
 * build the model, dump).  Usage: bench_case_edit [ROUNDS] (default 2000).
 * Prints the mean time per call in microseconds.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kring/case.h"
#include "kring/case_edit.h"
#include "kring/date.h"
#include "kring/generate.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The first generated case (seed 1) with the most persons there can be. */
static char *big_case(size_t *npersons)
{
	struct kr_date d;
	long anchor;
	char *best = NULL;
	size_t most = 0;

	kr_date_parse("2026-12-01", &d);
	anchor = kr_date_first(d);
	for (unsigned long i = 0; i < 2000 && most < KR_GENERATE_MAX_PERSONS; i++) {
		char *text = NULL;
		struct kr_case *c = NULL;
		if (kr_generate_case(1, i, anchor, &text, NULL) ||
		    kr_case_read(text, strlen(text), &c, NULL)) {
			free(text);
			continue;
		}
		if (c->npersons > most) {
			most = c->npersons;
			free(best);
			best = text;
			text = NULL;
		}
		kr_case_free(c);
		free(text);
	}
	*npersons = most;
	return best;
}

/* Runs one edit `rounds` times; returns microseconds per call. */
static double run(const char *doc, const struct kr_edit *e, int rounds)
{
	double t0 = now();
	for (int i = 0; i < rounds; i++) {
		char *out = NULL;
		size_t len;
		struct kr_error err;
		kr_error_init(&err);
		if (kr_case_edit(doc, strlen(doc), e, &out, &len, NULL, &err)) {
			fprintf(stderr, "edit %s refused: %s%s%s\n", e->collection, err.message,
			        err.ndetails ? " - " : "", err.ndetails ? err.details[0] : "");
			exit(1);
		}
		free(out);
		kr_error_cleanup(&err);
	}
	return (now() - t0) * 1e6 / rounds;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 2000;
	size_t np = 0;
	char *doc = big_case(&np), *with_tie = NULL, *out = NULL;
	struct kr_case *c = NULL;
	size_t len;
	double t0, t_parse, t_read, t_dump;
	char tie[128], *nid = NULL;
	struct kr_edit add_tie = { KR_EDIT_ADD, "ties", NULL, tie, 0 };
	struct kr_edit add_person = { KR_EDIT_ADD, "persons", NULL,
		"{\"name\":\"Buurvrouw Ans\",\"roles\":[\"neighbour\"],\"world\":\"shared\"}", 0 };
	struct kr_edit merge_person = { KR_EDIT_MERGE, "persons", "p3",
		"{\"name\":\"Iemand\",\"segment\":\"friends\"}", 0 };
	struct kr_edit merge_case = { KR_EDIT_MERGE, "case", NULL,
		"{\"behaviour\":{\"externalising\":true}}", 0 };
	struct kr_edit remove_tie = { KR_EDIT_REMOVE, "ties", "0", NULL, 0 };
	struct kr_edit remove_person = { KR_EDIT_REMOVE, "persons", NULL, NULL, 0 };

	if (!doc || rounds < 1) {
		fprintf(stderr, "usage: bench_case_edit [ROUNDS]\n");
		return 2;
	}
	add_person.body_len = strlen(add_person.body);
	merge_person.body_len = strlen(merge_person.body);
	merge_case.body_len = strlen(merge_case.body);

	printf("== kr_case_edit on a generated case of %zu persons, %zu bytes; %d rounds\n",
	       np, strlen(doc), rounds);

	t0 = now();
	for (int i = 0; i < rounds; i++)
		json_decref(json_loadb(doc, strlen(doc), JSON_REJECT_DUPLICATES, NULL));
	t_parse = (now() - t0) * 1e6 / rounds;
	t0 = now();
	for (int i = 0; i < rounds; i++) {
		kr_case_read(doc, strlen(doc), &c, NULL);
		kr_case_free(c);
	}
	t_read = (now() - t0) * 1e6 / rounds;
	kr_case_read(doc, strlen(doc), &c, NULL);
	t0 = now();
	for (int i = 0; i < rounds; i++)
		free(kr_case_dump(c, false));
	t_dump = (now() - t0) * 1e6 / rounds;
	kr_case_free(c);
	printf("parts:  parse %.0f us, kr_case_read (parse + validate) %.0f us, dump %.0f us\n",
	       t_parse, t_read, t_dump);

	/* a document with one more person and a tie to it, for the removals */
	if (kr_case_edit(doc, strlen(doc), &add_person, &out, &len, &nid, NULL)) {
		fprintf(stderr, "cannot prepare the document\n");
		return 1;
	}
	snprintf(tie, sizeof tie, "{\"a\":\"p1\",\"b\":\"%s\",\"strength\":\"normal\"}", nid);
	add_tie.body_len = strlen(tie);
	remove_person.id = nid;
	if (kr_case_edit(out, len, &add_tie, &with_tie, &len, NULL, NULL)) {
		fprintf(stderr, "cannot prepare the document\n");
		return 1;
	}
	free(out);
	{
		/* the index of the tie just added: the last one */
		static char idx[32];
		json_t *j = json_loads(with_tie, 0, NULL);
		snprintf(idx, sizeof idx, "%zu", json_array_size(json_object_get(j, "ties")) - 1);
		json_decref(j);
		remove_tie.id = idx;
	}

	printf("add person      %6.0f us\n", run(doc, &add_person, rounds));
	printf("merge person    %6.0f us\n", run(doc, &merge_person, rounds));
	printf("merge case      %6.0f us\n", run(doc, &merge_case, rounds));
	printf("remove tie      %6.0f us\n", run(with_tie, &remove_tie, rounds));
	{
		/* removing the person needs the tie gone: measure on the document before */
		char *no_tie = NULL;
		if (kr_case_edit(with_tie, strlen(with_tie), &remove_tie, &no_tie, &len, NULL, NULL))
			return 1;
		printf("remove person   %6.0f us\n", run(no_tie, &remove_person, rounds));
		printf("refused remove  ");
		{
			/* still tied: refused with one detail; the cost of saying no */
			double t = now();
			for (int i = 0; i < rounds; i++) {
				struct kr_error err;
				kr_error_init(&err);
				out = NULL;
				kr_case_edit(with_tie, strlen(with_tie), &remove_person, &out, &len, NULL,
				             &err);
				kr_error_cleanup(&err);
			}
			printf("%6.0f us\n", (now() - t) * 1e6 / rounds);
		}
		free(no_tie);
	}
	free(with_tie);
	free(nid);
	free(doc);
	return 0;
}
