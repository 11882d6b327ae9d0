/*
 * metrics.c - the network metrics of metrics.h: size per segment and
 * world, density, connected parts, the ties that bridge the family of origin
 * and the foster family, brokers by betweenness centrality (igraph),
 * support received by the child, and people without ties.  Definitions and
 * a worked example are in docs/instruments.md.
 *
 * Who counts: the people of the current network on the as-of day (the
 * Community Scan's rule, kr_scan_person_current: born, alive, and involved
 * if they have involved periods).  The child is always a node of the graph but is not counted in
 * the size.  Ties count when both ends count; the graph is undirected and
 * unweighted (a second tie between the same two people adds nothing).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "igraph_guard.h"
#include <jansson.h>

#include "kring/metrics.h"
#include "kring/scan.h"

static char *dup_str(const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s ? s : "", n);
	return p;
}

static int set_person(struct kr_metrics_person *mp, const struct kr_case *c, int i)
{
	memset(mp, 0, sizeof *mp);
	mp->person = i;
	mp->id = dup_str(c->persons[i].id);
	mp->name = dup_str(kr_case_person_name(c, i));
	return mp->id && mp->name ? 0 : -1;
}

void kr_metrics_free(struct kr_metrics *m)
{
	if (!m)
		return;
	free(m->ref);
	free(m->component_sizes);
	for (size_t i = 0; i < m->nbridges; i++) {
		free(m->bridges[i].a_id);
		free(m->bridges[i].b_id);
		free(m->bridges[i].a_name);
		free(m->bridges[i].b_name);
	}
	free(m->bridges);
	for (size_t i = 0; i < m->nbrokers; i++) {
		free(m->brokers[i].id);
		free(m->brokers[i].name);
	}
	free(m->brokers);
	for (size_t i = 0; i < m->nisolated; i++) {
		free(m->isolated[i].id);
		free(m->isolated[i].name);
	}
	free(m->isolated);
	free(m);
}

static int cmp_size_desc(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* True when tie t (with the child at one end) carries support towards the
 * child. */
static bool towards_child(const struct kr_tie *t, int child)
{
	switch (t->direction) {
	case KR_DIR_A_TO_B: return t->b == child;
	case KR_DIR_B_TO_A: return t->a == child;
	default: return true;       /* mutual, or not said */
	}
}

/* The graph part: components and betweenness with igraph.  node_of maps a
 * person to its graph vertex (-1: not counted), person_of the reverse. */
static enum kr_status graph_metrics(const struct kr_case *c, struct kr_metrics *m,
                                    const int *node_of, const int *person_of,
                                    struct kr_error *err)
{
	igraph_t g;
	igraph_vector_int_t edges, membership, csize;
	igraph_vector_t btw;
	igraph_integer_t no = 0;
	int have_g = 0, have_e = 0, have_m = 0, have_c = 0, have_b = 0;
	enum kr_status rc = KR_ENOMEM;
	size_t n = m->nodes;

	kri_igraph_enter(42);
	if (igraph_vector_int_init(&edges, 0))
		goto out;
	have_e = 1;
	for (size_t t = 0; t < c->nties; t++) {
		int a = node_of[c->ties[t].a], b = node_of[c->ties[t].b];
		if (a < 0 || b < 0 || a == b)
			continue;
		if (igraph_vector_int_push_back(&edges, a) || igraph_vector_int_push_back(&edges, b))
			goto out;
	}
	if (igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED))
		goto out;
	have_g = 1;
	/* Parallel ties would count twice in the density: simplify first. */
	if (igraph_simplify(&g, 1, 1, NULL))
		goto out;
	m->ties = (size_t)igraph_ecount(&g);
	m->density = n > 1 ? (double)m->ties / ((double)n * (double)(n - 1) / 2) : 0;

	if (igraph_vector_int_init(&membership, 0))
		goto out;
	have_m = 1;
	if (igraph_vector_int_init(&csize, 0))
		goto out;
	have_c = 1;
	if (igraph_connected_components(&g, &membership, &csize, &no, IGRAPH_WEAK))
		goto out;
	m->ncomponents = (size_t)no;
	m->component_sizes = calloc(no ? (size_t)no : 1, sizeof *m->component_sizes);
	if (!m->component_sizes)
		goto out;
	for (igraph_integer_t k = 0; k < no; k++)
		m->component_sizes[k] = (size_t)VECTOR(csize)[k];
	if (c->child >= 0 && node_of[c->child] >= 0)
		m->child_component =
			(size_t)VECTOR(csize)[VECTOR(membership)[node_of[c->child]]];
	qsort(m->component_sizes, m->ncomponents, sizeof *m->component_sizes, cmp_size_desc);

	if (igraph_vector_init(&btw, 0))
		goto out;
	have_b = 1;
	if (igraph_betweenness(&g, &btw, igraph_vss_all(), 0, NULL))
		goto out;
	m->brokers = calloc(KR_METRICS_MAX_BROKERS, sizeof *m->brokers);
	if (!m->brokers)
		goto out;
	/* The top scores, highest first; ties in score by case order. */
	for (size_t k = 0; k < KR_METRICS_MAX_BROKERS; k++) {
		int best = -1;
		for (size_t v = 0; v < n; v++) {
			double s = VECTOR(btw)[v];
			bool taken = false;
			for (size_t j = 0; j < k && !taken; j++)
				taken = m->brokers[j].person == person_of[v];
			/* Scores within 1e-9 count as equal, so rounding cannot
			 * change the order. */
			if (taken || s < 1e-9)
				continue;
			if (best < 0 || s > VECTOR(btw)[best] + 1e-9)
				best = (int)v;
		}
		if (best < 0)
			break;
		if (set_person(&m->brokers[k], c, person_of[best])) {
			m->nbrokers = k + 1;
			goto out;
		}
		m->brokers[k].betweenness = VECTOR(btw)[best];
		m->brokers[k].normalised = n > 2 ? VECTOR(btw)[best] /
		                                   ((double)(n - 1) * (double)(n - 2) / 2) : 0;
		m->nbrokers = k + 1;
	}
	rc = KR_OK;
out:
	if (have_b)
		igraph_vector_destroy(&btw);
	if (have_c)
		igraph_vector_int_destroy(&csize);
	if (have_m)
		igraph_vector_int_destroy(&membership);
	if (have_g)
		igraph_destroy(&g);
	if (have_e)
		igraph_vector_int_destroy(&edges);
	kri_igraph_leave();
	if (rc)
		kr_error_say(err, rc, "te weinig geheugen om de netwerkcijfers te berekenen",
		             "out of memory computing the network metrics");
	return rc;
}

enum kr_status kr_metrics_compute(const struct kr_case *c, long as_of,
                                  struct kr_metrics **out, struct kr_error *err)
{
	struct kr_metrics *m = NULL;
	int *node_of = NULL, *person_of = NULL;
	size_t *degree = NULL;
	enum kr_status rc = KR_ENOMEM;
	size_t n = 0;

	if (out)
		*out = NULL;
	if (!c || !out)
		return kr_error_say(err, KR_EUSAGE, "voor netwerkcijfers zijn een dossier en een "
		                    "plek voor de uitkomst nodig",
		                    "metrics need a case and a place for the result");
	if (c->child < 0 || (size_t)c->child >= c->npersons)
		return kr_error_say(err, KR_EINVAL, "dossier %s noemt geen kind; vul case.child in",
		                    "case %s has no child", c->ref ? c->ref : "?");
	m = calloc(1, sizeof *m);
	node_of = malloc((c->npersons + 1) * sizeof *node_of);
	person_of = malloc((c->npersons + 1) * sizeof *person_of);
	degree = calloc(c->npersons + 1, sizeof *degree);
	if (!m || !node_of || !person_of || !degree)
		goto fail;
	m->ref = dup_str(c->ref);
	if (!m->ref)
		goto fail;
	m->as_of = as_of;

	/* Who counts; the child always does. */
	for (size_t i = 0; i < c->npersons; i++) {
		const struct kr_person *p = &c->persons[i];
		bool in = (int)i == c->child || kr_scan_person_current(c, (int)i, as_of);
		node_of[i] = in ? (int)n : -1;
		if (!in)
			continue;
		person_of[n++] = (int)i;
		if ((int)i == c->child)
			continue;
		m->size++;
		m->per_segment[(unsigned)p->segment < KR_SEG__N ? p->segment : 0]++;
		m->per_world[(unsigned)p->world < KR_WORLD__N ? p->world : 0]++;
	}
	m->nodes = n;

	/* Ties: degree, bridges, support received by the child. */
	m->bridges = calloc(c->nties ? c->nties : 1, sizeof *m->bridges);
	if (!m->bridges)
		goto fail;
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		enum kr_world wa, wb;
		if (node_of[tie->a] < 0 || node_of[tie->b] < 0 || tie->a == tie->b)
			continue;
		degree[tie->a]++;
		degree[tie->b]++;
		wa = c->persons[tie->a].world;
		wb = c->persons[tie->b].world;
		/* A bridge joins the two worlds without running through the
		 * child, who belongs to both. */
		if (tie->a != c->child && tie->b != c->child &&
		    ((wa == KR_WORLD_ORIGIN && wb == KR_WORLD_FOSTER) ||
		     (wa == KR_WORLD_FOSTER && wb == KR_WORLD_ORIGIN))) {
			struct kr_metrics_tie *bt = &m->bridges[m->nbridges++];
			bt->a = tie->a;
			bt->b = tie->b;
			bt->a_id = dup_str(c->persons[tie->a].id);
			bt->b_id = dup_str(c->persons[tie->b].id);
			bt->a_name = dup_str(kr_case_person_name(c, tie->a));
			bt->b_name = dup_str(kr_case_person_name(c, tie->b));
			if (!bt->a_id || !bt->b_id || !bt->a_name || !bt->b_name)
				goto fail;
		}
		if ((tie->a == c->child || tie->b == c->child) && tie->support &&
		    towards_child(tie, c->child)) {
			m->supporters++;
			for (int s = 1; s < KR_SUPPORT__N; s++)
				if (tie->support & (1u << s))
					m->support[s]++;
		}
	}

	/* People without any tie. */
	m->isolated = calloc(n ? n : 1, sizeof *m->isolated);
	if (!m->isolated)
		goto fail;
	for (size_t v = 0; v < n; v++) {
		int i = person_of[v];
		if (degree[i])
			continue;
		if (set_person(&m->isolated[m->nisolated++], c, i))
			goto fail;
	}

	rc = graph_metrics(c, m, node_of, person_of, err);
	if (rc)
		goto out;
	*out = m;
	m = NULL;
	goto out;
fail:
	rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen om de netwerkcijfers te berekenen",
	                  "out of memory computing the network metrics");
out:
	kr_metrics_free(m);
	free(node_of);
	free(person_of);
	free(degree);
	return rc;
}

/* ---- JSON ---- */

/* A number rounded to 4 decimals, so the text is stable. */
static json_t *real4(double x)
{
	return json_real(round(x * 1e4) / 1e4);
}

static json_t *person_list(const struct kr_metrics_person *v, size_t n, bool scores)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_object();
		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
		json_object_set_new(o, "id", json_string(v[i].id));
		json_object_set_new(o, "name", json_string(v[i].name));
		if (scores) {
			json_object_set_new(o, "betweenness", real4(v[i].betweenness));
			json_object_set_new(o, "normalised", real4(v[i].normalised));
		}
	}
	return a;
}

enum kr_status kr_metrics_to_json(const struct kr_metrics *m, char **out)
{
	json_t *root = NULL, *o, *a;
	char day[11];
	size_t len;

	*out = NULL;
	root = json_object();
	if (!root)
		return KR_ENOMEM;
	kr_date_format(kr_date_from_days(m->as_of), day);
	json_object_set_new(root, "ref", json_string(m->ref ? m->ref : ""));
	json_object_set_new(root, "as_of", json_string(day));
	json_object_set_new(root, "size", json_integer((json_int_t)m->size));
	o = json_object();
	json_object_set_new(root, "per_segment", o);
	for (int s = 1; s < KR_SEG__N; s++)
		json_object_set_new(o, kr_enum_name(KR_ENUM_SEGMENT, s),
		                    json_integer((json_int_t)m->per_segment[s]));
	json_object_set_new(o, "none", json_integer((json_int_t)m->per_segment[0]));
	o = json_object();
	json_object_set_new(root, "per_world", o);
	for (int w = 1; w < KR_WORLD__N; w++)
		json_object_set_new(o, kr_enum_name(KR_ENUM_WORLD, w),
		                    json_integer((json_int_t)m->per_world[w]));
	json_object_set_new(o, "none", json_integer((json_int_t)m->per_world[0]));
	json_object_set_new(root, "nodes", json_integer((json_int_t)m->nodes));
	json_object_set_new(root, "ties", json_integer((json_int_t)m->ties));
	json_object_set_new(root, "density", real4(m->density));
	o = json_object();
	json_object_set_new(root, "components", o);
	json_object_set_new(o, "count", json_integer((json_int_t)m->ncomponents));
	a = json_array();
	json_object_set_new(o, "sizes", a);
	for (size_t i = 0; i < m->ncomponents; i++)
		json_array_append_new(a, json_integer((json_int_t)m->component_sizes[i]));
	json_object_set_new(o, "child_part", json_integer((json_int_t)m->child_component));
	a = json_array();
	json_object_set_new(root, "world_bridges", a);
	for (size_t i = 0; i < m->nbridges; i++) {
		json_t *t = json_object();
		json_array_append_new(a, t);
		json_object_set_new(t, "a", json_string(m->bridges[i].a_id));
		json_object_set_new(t, "a_name", json_string(m->bridges[i].a_name));
		json_object_set_new(t, "b", json_string(m->bridges[i].b_id));
		json_object_set_new(t, "b_name", json_string(m->bridges[i].b_name));
	}
	json_object_set_new(root, "brokers", person_list(m->brokers, m->nbrokers, true));
	o = json_object();
	json_object_set_new(root, "support_received", o);
	for (int s = 1; s < KR_SUPPORT__N; s++)
		json_object_set_new(o, kr_enum_name(KR_ENUM_SUPPORT, s),
		                    json_integer((json_int_t)m->support[s]));
	json_object_set_new(root, "supporters", json_integer((json_int_t)m->supporters));
	json_object_set_new(root, "isolated", person_list(m->isolated, m->nisolated, false));

	/* A failed allocation anywhere above shows up as a missing key or a
	 * failed dump; either way the caller gets KR_ENOMEM. */
	if (json_object_size(root) != 14) {
		json_decref(root);
		return KR_ENOMEM;
	}
	*out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(root);
	if (!*out)
		return KR_ENOMEM;
	len = strlen(*out);
	{
		char *p = realloc(*out, len + 2);
		if (!p) {
			free(*out);
			*out = NULL;
			return KR_ENOMEM;
		}
		p[len] = '\n';
		p[len + 1] = '\0';
		*out = p;
	}
	return KR_OK;
}
