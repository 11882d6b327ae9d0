/*
 * metrics.h - network metrics of a case: how big the child's network is and
 * how it is spread over segments and worlds, how dense and how connected it
 * is, which ties join the family of origin and the foster family, who the
 * brokers are, what support reaches the child, and who stands alone.
 *
 * The metrics describe the current network on a day (as_of): people who are
 * born and alive on that day and, for people with involved periods
 * (professionals), involved on it.  Ties count when both people count.
 * docs/instruments.md defines every metric with an example.
 */
#ifndef KRING_METRICS_H
#define KRING_METRICS_H

#include <stddef.h>

#include "kring/case.h"
#include "kring/error.h"

/* How many brokers kr_metrics_compute() reports at most. */
#define KR_METRICS_MAX_BROKERS 5

/* One person in a list.  id and name are copies owned by the metrics. */
struct kr_metrics_person {
	int person;            /* index in the case */
	char *id;
	char *name;            /* the display name (name, else id) */
	double betweenness;    /* brokers: raw betweenness centrality */
	double normalised;     /* brokers: betweenness / ((n-1)(n-2)/2), 0..1 */
};

/* One tie between two people (copies of their ids and names). */
struct kr_metrics_tie {
	int a, b;              /* person indices */
	char *a_id, *b_id, *a_name, *b_name;
};

struct kr_metrics {
	char *ref;             /* the case's ref (copy) */
	long as_of;            /* day number */

	size_t size;           /* people in the network, the child not included */
	size_t per_segment[KR_SEG__N];  /* [KR_SEG_NONE]: without a segment */
	size_t per_world[KR_WORLD__N];  /* [KR_WORLD_NONE]: without a world */

	size_t nodes;          /* people in the graph: size + the child */
	size_t ties;           /* ties between them */
	double density;        /* ties / (nodes (nodes - 1) / 2); 0 below 2 nodes */

	size_t ncomponents;    /* connected parts of the graph (a loner is one) */
	size_t *component_sizes;   /* largest first */
	size_t child_component;    /* size of the part the child is in */

	struct kr_metrics_tie *bridges;   /* origin-foster ties, in case order */
	size_t nbridges;

	struct kr_metrics_person *brokers;   /* highest betweenness first, > 0 */
	size_t nbrokers;

	/* Ties with the child that carry each kind of support towards the
	 * child (direction towards the child, mutual, or not given). */
	size_t support[KR_SUPPORT__N];
	size_t supporters;     /* people with at least one such tie */

	struct kr_metrics_person *isolated;  /* no tie with anyone, case order */
	size_t nisolated;
};

/* Computes the metrics of case c as of day as_of (a day number).  On
 * success *out is a new struct the caller frees with kr_metrics_free(); on
 * failure *out is NULL and the status is KR_ENOMEM (or KR_EINVAL for a case
 * without a child), said in err. */
enum kr_status kr_metrics_compute(const struct kr_case *c, long as_of,
                                  struct kr_metrics **out, struct kr_error *err);

/* Frees metrics.  Accepts NULL. */
void kr_metrics_free(struct kr_metrics *m);

/* The metrics as pretty JSON (2-space indent, keys in a fixed order, a
 * trailing newline).  *out is a malloc'd string the caller frees.  Returns
 * KR_OK or KR_ENOMEM (then *out is NULL). */
enum kr_status kr_metrics_to_json(const struct kr_metrics *m, char **out);

#endif
