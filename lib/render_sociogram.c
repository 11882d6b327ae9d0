/*
 * render_sociogram.c - the sociogram: who knows whom.  The whole network as
 * a graph, every person a node and every tie an edge, laid out by force
 * (Fruchterman-Reingold from igraph) so that people who know each other sit
 * together and the two worlds, and the ties that bridge them, show.
 *
 * Layout, deterministic:
 *   1. Start positions by world: the family of origin on the left, the
 *      foster family on the right, shared people on top, professionals at
 *      the bottom, the child in the middle.
 *   2. igraph_layout_fruchterman_reingold from those positions (igraph's
 *      random generator seeded with 42 for anything it draws), so the
 *      picture keeps the sides of the ecogram where the ties allow.
 *   3. Scaled so an average tie is about 120 units long.
 *   4. Overlap removal: every node is a box (symbol with its name below);
 *      boxes that touch are pushed apart along their shortest way out,
 *      repeatedly; if that does not settle, the whole picture is spread by
 *      10 % and the pass repeats.
 *   5. People without any tie are set in a row below the graph, under the
 *      heading "zonder banden" ("without ties").
 *
 * The geometry: nodes in the world's colour and the person's shape
 * (kri_geom_person); ties in Hartman's line styles (kri_geom_tie, a tie in
 * conflict or broken in vermillion); ties between the family of origin and
 * the foster family on a broad blue band, so they stand out in colour and,
 * printed in black and white, as a grey band.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "igraph_guard.h"

#include "geometry_int.h"
#include "render_int.h"

#define SYM_R 12.0
#define CHILD_R 16.0
#define NAME_PX 11.0
#define EDGE_LEN 120.0      /* target mean tie length */
#define GAP 6.0             /* free space kept between node boxes */
#define MARGIN 24.0
#define FR_ITER 300

struct snode {
	int person;
	double x, y;          /* symbol centre */
	double rs;            /* symbol half-size */
	double lw, lh;        /* the name's box */
	int degree;
};

/* The node's box: symbol and the name centred below it. */
static struct kr_box node_box(const struct snode *n)
{
	double w = fmax(2 * n->rs, n->lw), top = n->y - n->rs;
	return (struct kr_box){ n->x - w / 2, top, w, 2 * n->rs + 3 + n->lh, n->person,
	                        KR_BOX_SYMBOL };
}

static double world_angle(enum kr_world w)
{
	switch (w) {
	case KR_WORLD_ORIGIN: return M_PI;
	case KR_WORLD_FOSTER: return 0;
	case KR_WORLD_PROFESSIONAL: return M_PI / 2;
	default: return -M_PI / 2;
	}
}

/* A tie between the family of origin and the foster family that does not
 * run through the child (the child belongs to both worlds). */
static bool is_bridge(const struct kr_case *c, const struct kr_tie *t)
{
	enum kr_world wa = c->persons[t->a].world, wb = c->persons[t->b].world;
	if (t->a == c->child || t->b == c->child)
		return false;
	return (wa == KR_WORLD_ORIGIN && wb == KR_WORLD_FOSTER) ||
	       (wa == KR_WORLD_FOSTER && wb == KR_WORLD_ORIGIN);
}

/* Runs the force layout over the nodes in graph (indices into nodes[]),
 * writing positions in layout units.  Returns 0, or -1 when igraph fails. */
static int force_layout(const struct kr_case *c, struct snode *nodes, const int *graph,
                        size_t ng, const int *gidx)
{
	igraph_t g;
	igraph_matrix_t pos;
	igraph_vector_int_t edges;
	size_t ne = 0, cnt[KR_WORLD__N] = { 0 }, seen[KR_WORLD__N] = { 0 };
	int ok = -1, have_g = 0, have_pos = 0, have_edges = 0;
	double spread = sqrt((double)ng) + 1;

	kri_igraph_enter(42);
	if (igraph_vector_int_init(&edges, 0))
		goto out;
	have_edges = 1;
	for (size_t t = 0; t < c->nties; t++) {
		int a = gidx[c->ties[t].a], b = gidx[c->ties[t].b];
		if (a < 0 || b < 0 || a == b)
			continue;
		if (igraph_vector_int_push_back(&edges, a) || igraph_vector_int_push_back(&edges, b))
			goto out;
		ne++;
	}
	if (igraph_create(&g, &edges, (igraph_integer_t)ng, IGRAPH_UNDIRECTED))
		goto out;
	have_g = 1;
	if (igraph_matrix_init(&pos, (igraph_integer_t)ng, 2))
		goto out;
	have_pos = 1;
	/* Start positions by world (see the file comment). */
	for (size_t i = 0; i < ng; i++)
		cnt[c->persons[nodes[graph[i]].person].world]++;
	for (size_t i = 0; i < ng; i++) {
		const struct kr_person *p = &c->persons[nodes[graph[i]].person];
		double a, r;
		if (nodes[graph[i]].person == c->child) {
			MATRIX(pos, i, 0) = 0;
			MATRIX(pos, i, 1) = 0;
			continue;
		}
		a = world_angle(p->world) +
		    ((double)seen[p->world] - ((double)cnt[p->world] - 1) / 2) * 1.4 /
		    (double)(cnt[p->world] ? cnt[p->world] : 1);
		r = spread * (0.6 + 0.4 * (double)(seen[p->world] % 3) / 2);
		seen[p->world]++;
		MATRIX(pos, i, 0) = r * cos(a);
		MATRIX(pos, i, 1) = r * sin(a);
	}
	if (ne > 0 && igraph_layout_fruchterman_reingold(&g, &pos, 1, FR_ITER, spread / 4,
	                                                 IGRAPH_LAYOUT_NOGRID, NULL, NULL,
	                                                 NULL, NULL, NULL))
		goto out;
	for (size_t i = 0; i < ng; i++) {
		nodes[graph[i]].x = MATRIX(pos, i, 0);
		nodes[graph[i]].y = MATRIX(pos, i, 1);
	}
	ok = 0;
out:
	if (have_pos)
		igraph_matrix_destroy(&pos);
	if (have_g)
		igraph_destroy(&g);
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	kri_igraph_leave();
	return ok;
}

/* Pushes overlapping node boxes apart; spreads the whole picture when that
 * does not settle. */
static void remove_overlaps(struct snode *nodes, const int *graph, size_t ng)
{
	for (int spread = 0; spread < 60; spread++) {
		for (int it = 0; it < 200; it++) {
			int moved = 0;
			for (size_t i = 0; i < ng; i++) {
				for (size_t j = i + 1; j < ng; j++) {
					struct snode *a = &nodes[graph[i]], *b = &nodes[graph[j]];
					struct kr_box ba = node_box(a), bb = node_box(b);
					double ox, oy;
					if (!kri_box_overlap(&ba, &bb, GAP))
						continue;
					ox = fmin(ba.x + ba.w, bb.x + bb.w) - fmax(ba.x, bb.x) + GAP;
					oy = fmin(ba.y + ba.h, bb.y + bb.h) - fmax(ba.y, bb.y) + GAP;
					if (ox < oy) {
						double d = (ox / 2 + 0.5) * (a->x < b->x ||
						            (a->x == b->x && i < j) ? 1 : -1);
						a->x -= d;
						b->x += d;
					} else {
						double d = (oy / 2 + 0.5) * (a->y < b->y ||
						            (a->y == b->y && i < j) ? 1 : -1);
						a->y -= d;
						b->y += d;
					}
					moved = 1;
				}
			}
			if (!moved)
				return;
		}
		for (size_t i = 0; i < ng; i++) {
			nodes[graph[i]].x *= 1.1;
			nodes[graph[i]].y *= 1.1;
		}
	}
}

static int find(int *par, int i)
{
	while (par[i] != i) {
		par[i] = par[par[i]];
		i = par[i];
	}
	return i;
}

static void bbox_of(const struct snode *nodes, const int *m, size_t nm, double b[4])
{
	b[0] = b[1] = 1e300;
	b[2] = b[3] = -1e300;
	for (size_t i = 0; i < nm; i++) {
		struct kr_box x = node_box(&nodes[m[i]]);
		b[0] = fmin(b[0], x.x);
		b[1] = fmin(b[1], x.y);
		b[2] = fmax(b[2], x.x + x.w);
		b[3] = fmax(b[3], x.y + x.h);
	}
}

/* Lays out one connected part (members m, nm of them): force layout,
 * scaled to the target tie length, centred on the child or on (0, 0), no
 * overlaps.  Returns 0 or -1 (igraph failed). */
static int layout_part(const struct kr_case *c, struct snode *nodes, const int *m, size_t nm,
                       int *gidx)
{
	double total = 0, scale, cx = 0, cy = 0;
	size_t counted = 0;
	int rc;

	for (size_t i = 0; i < c->npersons; i++)
		gidx[i] = -1;
	for (size_t i = 0; i < nm; i++)
		gidx[m[i]] = (int)i;
	rc = force_layout(c, nodes, m, nm, gidx);
	if (rc)
		return rc;
	for (size_t t = 0; t < c->nties; t++) {
		const struct snode *a = &nodes[c->ties[t].a], *b = &nodes[c->ties[t].b];
		if (c->ties[t].a == c->ties[t].b || gidx[c->ties[t].a] < 0)
			continue;
		total += sqrt((a->x - b->x) * (a->x - b->x) + (a->y - b->y) * (a->y - b->y));
		counted++;
	}
	scale = counted && total > 1e-9 ? EDGE_LEN / (total / (double)counted) : 1.0;
	for (size_t i = 0; i < nm; i++) {
		if (nodes[m[i]].person == c->child) {
			cx = nodes[m[i]].x;
			cy = nodes[m[i]].y;
		}
	}
	for (size_t i = 0; i < nm; i++) {
		nodes[m[i]].x = (nodes[m[i]].x - cx) * scale;
		nodes[m[i]].y = (nodes[m[i]].y - cy) * scale;
	}
	remove_overlaps(nodes, m, nm);
	return 0;
}

/* Lays out the graph part by part: the part with the child in the middle,
 * the other parts (largest first) in rows below it.  Returns 0 or -1. */
static int layout_graph(const struct kr_case *c, struct snode *nodes, const int *graph,
                        size_t ng, int *gidx)
{
	int *par = NULL, *order = NULL, *m = NULL;
	size_t *size = NULL;
	int rc = -1;
	double main_box[4] = { 0, 0, 0, 0 }, x = 0, y = 0, row_h = 0, maxw = 0;
	bool first = true;

	par = malloc(c->npersons * sizeof *par);
	order = malloc(c->npersons * sizeof *order);
	m = malloc(c->npersons * sizeof *m);
	size = calloc(c->npersons, sizeof *size);
	if (!par || !order || !m || !size)
		goto out;
	for (size_t i = 0; i < c->npersons; i++)
		par[i] = (int)i;
	for (size_t t = 0; t < c->nties; t++) {
		int a = find(par, c->ties[t].a), b = find(par, c->ties[t].b);
		if (a != b)
			par[a > b ? a : b] = a > b ? b : a;
	}
	for (size_t i = 0; i < ng; i++)
		size[find(par, graph[i])]++;
	/* Parts in order: the child's, then by size, then by first person. */
	{
		size_t no = 0;
		for (size_t i = 0; i < c->npersons; i++)
			if (size[i] && find(par, (int)i) == (int)i)
				order[no++] = (int)i;
		for (size_t i = 1; i < no; i++) {
			for (size_t j = i; j > 0; j--) {
				int a = order[j - 1], b = order[j];
				bool a_child = find(par, c->child) == a, b_child = find(par, c->child) == b;
				bool swap = b_child || (!a_child && (size[b] > size[a] ||
				                                     (size[b] == size[a] && b < a)));
				if (!swap)
					break;
				order[j - 1] = b;
				order[j] = a;
			}
		}
		for (size_t k = 0; k < no; k++) {
			size_t nm = 0;
			double bb[4];
			for (size_t i = 0; i < ng; i++)
				if (find(par, graph[i]) == order[k])
					m[nm++] = graph[i];
			if (layout_part(c, nodes, m, nm, gidx))
				goto out;
			bbox_of(nodes, m, nm, bb);
			if (first) {
				memcpy(main_box, bb, sizeof bb);
				maxw = fmax(bb[2] - bb[0], 560);
				x = bb[0];
				y = bb[3] + 40;
				first = false;
				continue;
			}
			if (x > main_box[0] && x + (bb[2] - bb[0]) > main_box[0] + maxw) {
				x = main_box[0];
				y += row_h + 40;
				row_h = 0;
			}
			for (size_t i = 0; i < nm; i++) {
				nodes[m[i]].x += x - bb[0];
				nodes[m[i]].y += y - bb[1];
			}
			x += bb[2] - bb[0] + 40;
			row_h = fmax(row_h, bb[3] - bb[1]);
		}
	}
	rc = 0;
out:
	free(par);
	free(order);
	free(m);
	free(size);
	return rc;
}

static void legend(struct kri_legend *lg)
{
	enum kr_lang l = lg->o->lang;
	struct kri_tie_look bridge = { KRI_COLOUR_BRIDGE, 1.0, 0, 0 };

	kri_legend_people(lg, false);
	kri_legend_tie_styles(lg);
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, 0, &bridge, KRI_COLOUR_BRIDGE,
	                kr_tr(l, "brug tussen gezin van herkomst en pleeggezin",
	                      "bridge between family of origin and foster family"));
}

enum kr_status kri_layout_sociogram(const struct kr_case *c, const struct kr_render_opts *o,
                                    struct kr_geometry *g, struct kr_error *err)
{
	struct snode *nodes = NULL;
	int *graph = NULL, *alone = NULL, *gidx = NULL;
	size_t n = c->npersons, ng = 0, nalone = 0, nbridges = 0;
	double bx0 = 1e300, by0 = 1e300, bx1 = -1e300, by1 = -1e300, ox, oy, width, height;
	double alone_y = 0, row_x, legend_h, content_w, title_y;
	char title[300], desc[700], day[11];
	const char *alone_head, *child_name;
	struct kri_legend lg;
	enum kr_lang l = o->lang;
	enum kr_status rc = KR_OK;

	kri_geom_reserve(g, 80 + 2 * n + 2 * c->nties);
	nodes = calloc(n, sizeof *nodes);
	graph = calloc(n, sizeof *graph);
	alone = calloc(n, sizeof *alone);
	gidx = malloc(n * sizeof *gidx);
	if (!nodes || !graph || !alone || !gidx) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het tekenen (sociogram)",
		                  "out of memory drawing the sociogram");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct snode *nd = &nodes[i];
		nd->person = (int)i;
		nd->rs = kri_person_radius(c, (int)i, (int)i == c->child ? CHILD_R : SYM_R);
		nd->lw = kri_text_width_cls(kr_case_person_name(c, (int)i), NAME_PX,
		                            (int)i == c->child ? "title" : NULL);
		nd->lh = NAME_PX * 1.25;
	}
	for (size_t t = 0; t < c->nties; t++) {
		if (c->ties[t].a == c->ties[t].b)
			continue;
		nodes[c->ties[t].a].degree++;
		nodes[c->ties[t].b].degree++;
		if (is_bridge(c, &c->ties[t]))
			nbridges++;
	}
	/* The graph: the child and everyone with a tie; the rest stand apart. */
	for (size_t i = 0; i < n; i++) {
		if (nodes[i].degree > 0 || (int)i == c->child) {
			gidx[i] = (int)ng;
			graph[ng++] = (int)i;
		} else {
			gidx[i] = -1;
			alone[nalone++] = (int)i;
		}
	}
	if (layout_graph(c, nodes, graph, ng, gidx)) {
		rc = kr_error_say(err, KR_ENOMEM, "het sociogram indelen is mislukt (igraph)",
		                  "the sociogram layout failed (igraph)");
		goto out;
	}
	for (size_t i = 0; i < ng; i++) {
		struct kr_box b = node_box(&nodes[graph[i]]);
		bx0 = fmin(bx0, b.x);
		by0 = fmin(by0, b.y);
		bx1 = fmax(bx1, b.x + b.w);
		by1 = fmax(by1, b.y + b.h);
	}

	/* People without ties: a row (or rows) below the graph. */
	alone_head = kr_tr(l, "Zonder banden:", "Without ties:");
	if (nalone) {
		double maxw = fmax(bx1 - bx0, 480), x;
		alone_y = by1 + 30;
		row_x = bx0;
		x = row_x + kri_text_width(alone_head, 12) + 16;
		double y = alone_y + SYM_R + 6;
		for (size_t k = 0; k < nalone; k++) {
			struct snode *nd = &nodes[alone[k]];
			double w = fmax(2 * nd->rs * 1.2, nd->lw) + 14;
			if (x + w > row_x + maxw && x > row_x + kri_text_width(alone_head, 12) + 16) {
				x = row_x + kri_text_width(alone_head, 12) + 16;
				y += 2 * SYM_R * 1.2 + nd->lh + 16;
			}
			nd->x = x + w / 2;
			nd->y = y;
			x += w;
			{
				struct kr_box b = node_box(nd);
				bx1 = fmax(bx1, b.x + b.w);
				by1 = fmax(by1, b.y + b.h);
			}
		}
	}

	child_name = kr_case_person_name(c, c->child);
	kr_date_format(kr_date_from_days(o->as_of), day);
	snprintf(title, sizeof title, kr_tr(l, "Sociogram van %s (%s), stand op %s",
	                                    "Sociogram of %s (%s), as of %s"),
	         child_name, c->ref ? c->ref : "", day);
	snprintf(desc, sizeof desc,
	         kr_tr(l, "Wie kent wie in het netwerk van %s: %zu mensen en %zu banden. "
	               "Kleur en plek tonen de wereld: gezin van herkomst links, pleeggezin "
	               "rechts. %zu banden vormen een brug tussen die twee werelden; %zu mensen "
	               "hebben geen band.",
	               "Who knows whom in %s's network: %zu people and %zu ties. Colour and "
	               "place show the world: family of origin on the left, foster family on "
	               "the right. %zu ties bridge the two worlds; %zu people have no tie."),
	         child_name, n, c->nties, nbridges, nalone);
	content_w = fmax(bx1 - bx0, kri_text_width_cls(title, 16, "title"));
	kri_legend_begin(&lg, g, o, 0, 0, fmax(content_w, 640), false);
	legend(&lg);
	legend_h = kri_legend_end(&lg);
	width = fmax(content_w, lg.used) + 2 * MARGIN;
	title_y = MARGIN + 16;
	ox = MARGIN + (width - 2 * MARGIN - (bx1 - bx0)) / 2 - bx0;
	oy = title_y + 24 - by0;
	height = oy + by1 + 32 + legend_h + MARGIN;

	g->width = width;
	g->height = height;
	g->title = kri_geom_str(g, title);
	g->desc = kri_geom_str(g, desc);
	kri_geom_label(g, MARGIN, title_y, 16, KR_ANCHOR_START, "title", -1, title);

	/* Bands under the bridges, then the ties, then people and names. */
	kri_geom_group(g, "bridges", KR_GEOM_F_BREAK);
	for (size_t t = 0; t < c->nties; t++) {
		const struct snode *a = &nodes[c->ties[t].a], *b = &nodes[c->ties[t].b];
		struct kr_geom_item *it;
		if (!is_bridge(c, &c->ties[t]))
			continue;
		it = kri_geom_add(g, KR_GEOM_BAND);
		it->line = (struct kr_geom_line){ a->x + ox, a->y + oy, b->x + ox, b->y + oy };
		it->style.stroke = KRI_COLOUR_BRIDGE;
		it->style.stroke_width = KRI_BAND_WIDTH;
		it->style.stroke_opacity = 0.35;
		it->style.fill = "none";
		it->style.linecap = "round";
	}
	kri_geom_end(g);
	kri_geom_group(g, "ties", KR_GEOM_F_BREAK);
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		const struct snode *a = &nodes[tie->a], *b = &nodes[tie->b];
		struct kri_tie_look look = { NULL, 1.0, 0, 0 };
		if (tie->a == tie->b)
			continue;
		if (is_bridge(c, tie))
			look.colour = KRI_COLOUR_BRIDGE;
		kri_geom_tie(g, c, tie, (int)t, a->x + ox, a->y + oy, a->rs, b->x + ox, b->y + oy,
		             b->rs, &look);
	}
	kri_geom_end(g);
	kri_geom_group(g, "people", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < n; i++)
		kri_geom_person(g, o, c, (int)i, nodes[i].x + ox, nodes[i].y + oy,
		                (int)i == c->child ? CHILD_R : SYM_R);
	kri_geom_end(g);
	kri_geom_group(g, "labels", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < n; i++)
		kri_geom_label(g, nodes[i].x + ox, nodes[i].y + oy + nodes[i].rs + 3 + NAME_PX,
		               NAME_PX, KR_ANCHOR_MIDDLE, (int)i == c->child ? "halo title" : "halo",
		               (int)i, kr_case_person_name(c, (int)i));
	if (nalone)
		kri_geom_label(g, bx0 + ox, alone_y + oy + SYM_R + 10, 12, KR_ANCHOR_START, "muted",
		               -1, alone_head);
	kri_geom_end(g);
	kri_geom_group(g, "legend", KR_GEOM_F_BREAK);
	kri_legend_begin(&lg, g, o, MARGIN, oy + by1 + 40, fmax(content_w, 640), true);
	legend(&lg);
	kri_legend_end(&lg);
	kri_geom_end(g);
out:
	free(nodes);
	free(graph);
	free(alone);
	free(gidx);
	return rc;
}
