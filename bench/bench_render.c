/*
 * bench_render.c - how long kr_render_svg takes per instrument for the
 * largest generated cases (60 people), and the same graphs written as
 * Graphviz DOT so bench/render.sh can time `neato` (the sociogram's graph)
 * and `dot` (the genogram's family tree) on identical input in the same run.
 *
 *   bench_render N DIR
 *
 * picks the first N cases of population 1 with the most people (60, the
 * generator's maximum; 58 or more when there are too few), renders every
 * kind REPS times per case and prints, per kind, the median and the worst
 * time of one render in milliseconds, and the same for the ecogram's
 * geometry as JSON (what GET /api/cases/{ref}/layout/ecogram answers: the
 * layout and kr_geometry_to_json, no SVG).  It writes DIR/sociogram.dot and
 * DIR/genogram.dot: one graph per case, all in one file, so one Graphviz
 * process lays them all out and its start-up cost is paid once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/date.h"
#include "kring/lang.h"
#include "kring/generate.h"
#include "kring/geometry.h"
#include "kring/render.h"

#define REPS 15
#define MAXCASES 64

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The sociogram's graph: every person a node, every tie an edge. */
static void dot_sociogram(FILE *f, const struct kr_case *c, size_t k)
{
	fprintf(f, "graph s%zu {\n node [shape=circle, width=0.3, fontsize=9];\n", k);
	for (size_t i = 0; i < c->npersons; i++)
		fprintf(f, " n%zu [label=\"%s\"];\n", i, c->persons[i].id);
	for (size_t i = 0; i < c->nties; i++)
		fprintf(f, " n%d -- n%d;\n", c->ties[i].a, c->ties[i].b);
	fprintf(f, "}\n");
}

/* The genogram's graph: parent -> child edges and partners joined on one
 * rank, the usual way to draw a family tree with dot. */
static void dot_genogram(FILE *f, const struct kr_case *c, size_t k)
{
	fprintf(f, "digraph g%zu {\n node [shape=box, width=0.3, fontsize=9];\n", k);
	for (size_t i = 0; i < c->npersons; i++)
		fprintf(f, " n%zu [label=\"%s\"];\n", i, c->persons[i].id);
	for (size_t i = 0; i < c->nkinship; i++) {
		const struct kr_kinship *r = &c->kinship[i];
		if (r->type == KR_KIN_PARENT)
			fprintf(f, " n%d -> n%d;\n", r->parent, r->child);
		else
			fprintf(f, " {rank=same; n%d -> n%d [dir=none];}\n", r->a, r->b);
	}
	fprintf(f, "}\n");
}

/* One picture of c into b: kind k as SVG, or for k == KR_RENDER__N the
 * ecogram's geometry as JSON (the layout and kr_geometry_to_json, what
 * GET /api/cases/{ref}/layout/ecogram answers).  Says what failed. */
static enum kr_status draw_once(int k, const struct kr_case *c, long anchor, struct kr_buf *b)
{
	struct kr_render_opts o = { .lang = KR_LANG_NL, .as_of = anchor };
	struct kr_geometry *g = NULL;
	struct kr_error e = { 0 };
	enum kr_status rc;

	if (k < KR_RENDER__N)
		rc = kr_render_svg(k, c, &o, b, &e);
	else if ((rc = kr_render_geometry(KR_RENDER_ECOGRAM, c, &o, &g, &e)) == KR_OK)
		rc = kr_geometry_to_json(g, b, &e);
	if (rc != KR_OK)
		fprintf(stderr, "%s of %s failed: %s\n", k < KR_RENDER__N ?
		        kr_render_kind_name(k) : "ecogram geometry", c->ref, e.message);
	kr_geometry_free(g);
	return rc;
}

int main(int argc, char **argv)
{
	struct kr_case *cases[MAXCASES];
	size_t n = 0, want;
	long anchor;
	char path[1024];
	FILE *fs, *fg;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_render N DIR\n");
		return 2;
	}
	want = strtoul(argv[1], NULL, 10);
	if (want < 1 || want > MAXCASES)
		want = 20;
	anchor = kr_days_from_civil(2026, 12, 1);
	for (size_t min = 60; n < want && min >= 58; min--) {
		for (unsigned long i = 0; i < 40000 && n < want; i++) {
			char *doc;
			struct kr_case *c;
			if (kr_generate_case(1, i, anchor, &doc, NULL) != KR_OK)
				return 1;
			if (kr_case_read(doc, strlen(doc), &c, NULL) != KR_OK) {
				free(doc);
				return 1;
			}
			free(doc);
			if (c->npersons == min)
				cases[n++] = c;
			else
				kr_case_free(c);
		}
	}
	printf("cases: %zu (persons:", n);
	for (size_t i = 0; i < n; i++)
		printf(" %zu", cases[i]->npersons);
	printf(")\n");

	printf("%-10s %10s %10s %10s\n", "kind", "median ms", "max ms", "SVG KiB");
	/* every kind, then (k == KR_RENDER__N) the ecogram's geometry as JSON */
	for (int k = 0; k <= KR_RENDER__N; k++) {
		double *t = calloc(n * REPS, sizeof *t);
		size_t bytes = 0;
		if (!t)
			return 1;
		for (size_t i = 0; i < n; i++) {
			for (int r = 0; r < REPS; r++) {
				struct kr_buf b;
				double t0;
				kr_buf_init(&b, 64u << 20);
				t0 = now_ms();
				if (draw_once(k, cases[i], anchor, &b) != KR_OK)
					return 1;
				t[i * REPS + r] = now_ms() - t0;
				bytes += b.len;
				kr_buf_cleanup(&b);
			}
		}
		qsort(t, n * REPS, sizeof *t, cmp_double);
		printf("%-10s %10.3f %10.3f %10.1f\n", k < KR_RENDER__N ? kr_render_kind_name(k) :
		       "eco-json", t[n * REPS / 2], t[n * REPS - 1], bytes / 1024.0 / (n * REPS));
		free(t);
	}

	snprintf(path, sizeof path, "%s/sociogram.dot", argv[2]);
	fs = fopen(path, "w");
	snprintf(path, sizeof path, "%s/genogram.dot", argv[2]);
	fg = fopen(path, "w");
	if (fs && fg) {
		for (size_t i = 0; i < n; i++) {
			dot_sociogram(fs, cases[i], i);
			dot_genogram(fg, cases[i], i);
		}
		rc = 0;
	}
	if (fs)
		fclose(fs);
	if (fg)
		fclose(fg);

	/* The in-process time for the same N graphs, one render each, to set
	 * against one Graphviz process laying out all N. */
	for (int k = 0; k < 2; k++) {
		enum kr_render_kind kind = k ? KR_RENDER_GENOGRAM : KR_RENDER_SOCIOGRAM;
		double t0 = now_ms();
		for (size_t i = 0; i < n; i++) {
			struct kr_render_opts o = { .lang = KR_LANG_NL, .as_of = anchor };
			struct kr_buf b;
			kr_buf_init(&b, 64u << 20);
			kr_render_svg(kind, cases[i], &o, &b, NULL);
			kr_buf_cleanup(&b);
		}
		printf("all %zu %s in one run: %.1f ms\n", n, kr_render_kind_name(kind),
		       now_ms() - t0);
	}
	for (size_t i = 0; i < n; i++)
		kr_case_free(cases[i]);
	return rc;
}
