/*
 * render_ecogram.c - the ecogram (ecomap, after Hartman 1978): the child in
 * the centre and the people around the child in rings by closeness, laid
 * out as the geometry the SVG writer draws and the browser edits.
 *
 * Rings.  Closeness comes from the tie with the child: strength points
 * (strong 3, normal 2, weak 1, not given 2) plus frequency points (daily 3,
 * weekly 2, monthly 1, yearly / rarely / never 0, not given 1).  Ring 1 holds
 * closeness 5 and more, ring 2 closeness 3 and 4, ring 3 the rest and every
 * broken tie; ring 4, the outer ring, holds people without a tie to the
 * child and people who are no longer part of the current network (died, not
 * born yet, or a professional no longer involved).  All four rings are
 * always there, at least RING_GAP apart, so the distance from the child
 * always means the same.
 *
 * Sectors.  The circle is cut into wedges, one per world and Community
 * Scan segment: the foster family on the right, professionals at the
 * bottom, the family of origin on the left, shared people (school, club,
 * the child's own life) at the top, each world holding its usual segments
 * (the ones a worker asks about: "who else is important to you?") and any
 * other segment its people have.  A wedge is as wide as its fullest ring
 * needs (an empty one keeps the room of EMPTY_NEED people, and at least
 * MIN_WEDGE degrees, so there is room to add someone),
 * a world keeps at least MIN_WORLD so the picture keeps its four sides,
 * and the circle is turned so the two worlds of the child face each other.
 * The wedges are the same in every ring; a ring's part of a wedge is a
 * sector (KR_GEOM_SECTOR): clicking there in the browser adds a person to
 * that world, segment and ring.
 *
 * Places.  The people of one ring and wedge are spread evenly over the
 * wedge; a ring grows outwards until nobody's click target (a TARGET x
 * TARGET square around the symbol, at least 44 CSS pixels as the browser
 * draws it, min_scale) and no label touches anything already placed, so
 * no two people's targets overlap - also at 150 people - and nothing hides
 * anything (deterministic, no random).
 *
 * Lines follow Hartman: strong thick, normal, weak dashed, conflict a
 * zigzag, tense (ambivalent) hatched, broken interrupted; arrowheads show
 * which way support flows.  Ties between other people are drawn thinner and
 * grey, except the ties that join the two worlds (origin - foster), drawn in
 * blue; a tie in conflict or broken is vermillion wherever it is.  The trust
 * figure carries a star and the words "vertrouwensfiguur".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"
#include "kring/scan.h"

#define SYM_R 14.0          /* half-size of a person's symbol */
#define CHILD_R 20.0        /* half-size of the child's symbol */
#define TARGET 64.0         /* a person's click target: TARGET x TARGET units */
#define TAP_PX 44.0         /* ... which the browser draws at least this wide */
#define NAME_PX 12.0
#define ROLE_PX 10.0
#define FIRST_RING 120.0    /* smallest radius of ring 1 */
#define RING_GAP 75.0       /* smallest distance between rings */
#define MARGIN 24.0
#define NRINGS 4
#define MAX_GROW 200
#define SLOT_ARC 72.0       /* arc a person needs in a ring */
#define EMPTY_ARC 40.0      /* arc an empty wedge keeps */
#define MIN_WEDGE 8.0       /* degrees a wedge keeps in a crowded world */
#define MIN_WORLD 50.0      /* degrees of a world */
#define DEG (M_PI / 180.0)

/* The worlds by angle: right, bottom, left, top. */
enum { SLOT_FOSTER, SLOT_PROFESSIONAL, SLOT_ORIGIN, SLOT_SHARED, NSLOTS };
static const enum kr_world slot_world[NSLOTS] = { KR_WORLD_FOSTER, KR_WORLD_PROFESSIONAL,
	KR_WORLD_ORIGIN, KR_WORLD_SHARED };

/* The segments every world shows, in order of angle, even when empty. */
#define MAX_DEFAULT 5
static const enum kr_segment default_segs[NSLOTS][MAX_DEFAULT] = {
	[SLOT_FOSTER] = { KR_SEG_HOUSEHOLD, KR_SEG_FAMILY, KR_SEG_NEIGHBOURHOOD },
	[SLOT_PROFESSIONAL] = { KR_SEG_PROFESSIONALS },
	[SLOT_ORIGIN] = { KR_SEG_FAMILY, KR_SEG_FRIENDS, KR_SEG_NEIGHBOURHOOD },
	[SLOT_SHARED] = { KR_SEG_FRIENDS, KR_SEG_SCHOOL_WORK, KR_SEG_LEISURE, KR_SEG_RELIGION,
	                  KR_SEG_ONLINE },
};

#define MAX_WEDGES (NSLOTS * KR_SEG__N)

struct wedge {
	int slot;
	enum kr_segment seg;
	double need;          /* degrees, in the ring being sized */
	double a0[NRINGS + 1], a1[NRINGS + 1];   /* per ring: radians, a0 < a1 */
	size_t n[NRINGS + 1]; /* people per ring */
	size_t seen;          /* placed so far in the ring being laid out */
};

struct node {
	int person;
	int ring;             /* 0 = the child, 1..4 */
	int wedge;            /* index into eco.w (-1 for the child) */
	double x, y, rs;      /* centre and half-size of the drawn symbol */
	bool star;
	struct kr_box sym;    /* the click target (with the star) */
	struct kr_box lab;    /* the label block */
	int nlines;
	const char *line[3];
	double px[3];
	const char *cls[3];
	char age[32];
	int anchor;           /* 0 start, 1 middle, 2 end */
};

struct eco {
	const struct kr_case *c;
	const struct kr_render_opts *o;
	struct node *nodes;   /* nodes[0] is the child */
	size_t n;
	struct kr_box *placed;
	size_t nplaced, capplaced;
	struct wedge w[MAX_WEDGES];
	int nw;
	double radius[NRINGS + 1];
	double edge[NRINGS + 1];   /* edge[k]: outer edge of ring k; edge[0]: inner of ring 1 */
};

static int world_slot(enum kr_world w)
{
	switch (w) {
	case KR_WORLD_FOSTER: return SLOT_FOSTER;
	case KR_WORLD_PROFESSIONAL: return SLOT_PROFESSIONAL;
	case KR_WORLD_ORIGIN: return SLOT_ORIGIN;
	default: return SLOT_SHARED;
	}
}

static int closeness(const struct kr_tie *t)
{
	static const int spts[KR_STRENGTH__N] = { 2, 3, 2, 1 };
	static const int fpts[KR_FREQ__N] = { 1, 3, 2, 1, 0, 0, 0 };
	return spts[t->strength] + fpts[t->frequency];
}

/* The ring of a person whose tie with the child is broken. */
#define BROKEN_RING 3

/* The ring of person i (see the file comment). */
static int ring_of(const struct kr_case *c, int i, long day)
{
	int t = kr_case_tie_between(c, c->child, i);
	int k;

	if (t < 0 || !kr_scan_person_current(c, i, day))
		return 4;
	if (c->ties[t].quality == KR_QUALITY_BROKEN)
		return BROKEN_RING;
	k = closeness(&c->ties[t]);
	return k >= 5 ? 1 : k >= 3 ? 2 : 3;
}

bool kr_render_ecogram_ring_keeps_broken(int ring)
{
	return ring == BROKEN_RING;
}

bool kr_render_ecogram_ring_tie(int ring, enum kr_strength *s, enum kr_frequency *f)
{
	static const struct { enum kr_strength s; enum kr_frequency f; } tie[] = {
		[1] = { KR_STRENGTH_STRONG, KR_FREQ_WEEKLY },    /* 3 + 2 = 5: ring 1 */
		[2] = { KR_STRENGTH_NORMAL, KR_FREQ_MONTHLY },   /* 2 + 1 = 3: ring 2 */
		[3] = { KR_STRENGTH_WEAK, KR_FREQ_YEARLY },      /* 1 + 0 = 1: ring 3 */
	};
	if (ring < 1 || ring > 3)
		return false;
	*s = tie[ring].s;
	*f = tie[ring].f;
	return true;
}

static bool is_trust_figure(const struct kr_case *c, int i)
{
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		if (tie->trust_figure && ((tie->a == i && tie->b == c->child) ||
		                          (tie->b == i && tie->a == c->child)))
			return true;
	}
	return false;
}


static int push_placed(struct eco *e, struct kr_box b)
{
	if (e->nplaced == e->capplaced) {
		size_t cap = e->capplaced ? e->capplaced * 2 : 128;
		struct kr_box *nb = realloc(e->placed, cap * sizeof *nb);
		if (!nb)
			return -1;
		e->placed = nb;
		e->capplaced = cap;
	}
	e->placed[e->nplaced++] = b;
	return 0;
}

static bool hits(const struct eco *e, const struct kr_box *b, size_t from)
{
	for (size_t i = from; i < e->nplaced; i++)
		if (kri_box_overlap(b, &e->placed[i], 2.0))
			return true;
	return false;
}

/* Width and height of a node's label block. */
static void block_size(const struct node *nd, double *w, double *h)
{
	*w = 0;
	*h = 0;
	for (int k = 0; k < nd->nlines; k++) {
		double lw = kri_text_width_cls(nd->line[k], nd->px[k], nd->cls[k]);
		if (lw > *w)
			*w = lw;
		*h += nd->px[k] * 1.25 + (k ? 1.0 : 0.0);
	}
}

/* Candidate label position `pos` (0 right, 1 left, 2 below, 3 above),
 * beside the node's click target. */
static struct kr_box label_at(const struct node *nd, int pos, double bw, double bh)
{
	const struct kr_box *s = &nd->sym;
	double gap = 3;
	switch (pos) {
	case 0: return (struct kr_box){ s->x + s->w + gap, nd->y - bh / 2, bw, bh, -1, 0 };
	case 1: return (struct kr_box){ s->x - gap - bw, nd->y - bh / 2, bw, bh, -1, 0 };
	case 2: return (struct kr_box){ nd->x - bw / 2, s->y + s->h + gap, bw, bh, -1, 0 };
	default: return (struct kr_box){ nd->x - bw / 2, s->y - gap - bh, bw, bh, -1, 0 };
	}
}

/* Label positions to try, best first, for a node at angle a. */
static void label_order(double a, int order[4])
{
	double cs = cos(a), sn = sin(a);
	int i = 0;

	if (cs > 0.38) {
		order[i++] = 0;
		order[i++] = sn >= 0 ? 2 : 3;
		order[i++] = sn >= 0 ? 3 : 2;
		order[i++] = 1;
	} else if (cs < -0.38) {
		order[i++] = 1;
		order[i++] = sn >= 0 ? 2 : 3;
		order[i++] = sn >= 0 ? 3 : 2;
		order[i++] = 0;
	} else {
		order[i++] = sn >= 0 ? 2 : 3;
		order[i++] = cs >= 0 ? 0 : 1;
		order[i++] = cs >= 0 ? 1 : 0;
		order[i++] = sn >= 0 ? 3 : 2;
	}
}

/* The click target of a node at (x, y): a TARGET square around the
 * symbol, and the star on its upper right corner. */
static struct kr_box target_at(const struct node *nd, double x, double y)
{
	double h = fmax(TARGET / 2, nd->rs + (nd->star ? 8 : 0));
	return (struct kr_box){ x - h, y - h, 2 * h, 2 * h, nd->person, KR_BOX_SYMBOL };
}

/* Places a node's target and label at (x, y) unless they touch something
 * already placed; on success adds both to the placed list. */
static int try_place(struct eco *e, struct node *nd, double x, double y, double a)
{
	double bw, bh;
	int order[4];

	nd->x = x;
	nd->y = y;
	nd->sym = target_at(nd, x, y);
	if (hits(e, &nd->sym, 0))
		return 0;
	block_size(nd, &bw, &bh);
	label_order(a, order);
	for (int k = 0; k < 4; k++) {
		struct kr_box lab = label_at(nd, order[k], bw, bh);
		if (hits(e, &lab, 0))
			continue;
		nd->lab = lab;
		nd->anchor = order[k] == 0 ? 0 : order[k] == 1 ? 2 : 1;
		if (push_placed(e, nd->sym) || push_placed(e, lab))
			return -1;
		return 1;
	}
	return 0;
}

/* ---- wedges ---- */

static int find_wedge(const struct eco *e, int slot, enum kr_segment seg)
{
	for (int i = 0; i < e->nw; i++)
		if (e->w[i].slot == slot && e->w[i].seg == seg)
			return i;
	return -1;
}

/* The wedge person i belongs to: its world's, and its segment there (its
 * own, or the Community Scan's from its roles, else the world's first). */
static int wedge_of(const struct eco *e, int i)
{
	int slot = world_slot(e->c->persons[i].world);
	enum kr_segment seg = kr_scan_person_segment(e->c, i);
	int k = seg != KR_SEG_NONE ? find_wedge(e, slot, seg) : -1;

	return k >= 0 ? k : find_wedge(e, slot, default_segs[slot][0]);
}

/* Makes the wedges: per world its usual segments, then any other segment
 * its people have, in the order of the enumeration. */
static void make_wedges(struct eco *e)
{
	const struct kr_case *c = e->c;

	e->nw = 0;
	for (int s = 0; s < NSLOTS; s++) {
		bool extra[KR_SEG__N] = { false };
		for (int k = 0; k < MAX_DEFAULT && default_segs[s][k]; k++)
			e->w[e->nw++] = (struct wedge){ .slot = s, .seg = default_segs[s][k] };
		for (size_t i = 0; i < c->npersons; i++) {
			enum kr_segment seg = kr_scan_person_segment(c, (int)i);
			if ((int)i != c->child && world_slot(c->persons[i].world) == s &&
			    seg != KR_SEG_NONE && (unsigned)seg < KR_SEG__N)
				extra[seg] = true;
		}
		for (int seg = 1; seg < KR_SEG__N; seg++) {
			bool known = false;
			for (int k = 0; k < MAX_DEFAULT && default_segs[s][k]; k++)
				known |= default_segs[s][k] == (enum kr_segment)seg;
			if (extra[seg] && !known)
				e->w[e->nw++] = (struct wedge){ .slot = s, .seg = (enum kr_segment)seg };
		}
	}
}

/* The angles of the wedges in ring k (see the file comment), from the
 * number of people in each; returns the circumference they need. */
static double size_wedges(struct eco *e, int k)
{
	double total[NSLOTS] = { 0 }, span[NSLOTS], sum = 0, extra_all = 0, a, arc = 0;

	/* A wedge needs SLOT_ARC per person, an empty one EMPTY_ARC; the circle
	 * is shared by need, in degrees. */
	for (int i = 0; i < e->nw; i++)
		arc += e->w[i].n[k] ? (double)e->w[i].n[k] * SLOT_ARC : EMPTY_ARC;
	for (int i = 0; i < e->nw; i++) {
		struct wedge *w = &e->w[i];
		w->need = (w->n[k] ? (double)w->n[k] * SLOT_ARC : EMPTY_ARC) * 360.0 / arc;
		total[w->slot] += w->need;
	}
	for (int s = 0; s < NSLOTS; s++) {
		total[s] = fmax(total[s], MIN_WORLD);
		sum += total[s];
		extra_all += total[s] - MIN_WORLD;
	}
	/* Share out the circle: every world its minimum, the rest by need. */
	for (int s = 0; s < NSLOTS; s++)
		span[s] = sum <= 360 ? total[s] * 360 / sum :
		          MIN_WORLD + (extra_all > 0 ? (360 - NSLOTS * MIN_WORLD) *
		                       (total[s] - MIN_WORLD) / extra_all :
		                       (360 - NSLOTS * MIN_WORLD) / NSLOTS);
	/* Turn the circle so the family of origin and the foster family face
	 * each other, mirror images left and right. */
	a = -span[SLOT_FOSTER] / 2 -
	    (span[SLOT_FOSTER] / 2 + span[SLOT_PROFESSIONAL] + span[SLOT_ORIGIN] / 2 - 180) / 2;
	for (int s = 0; s < NSLOTS; s++) {
		double a1 = a + span[s], need = 0, extra = 0, spare, min, b = a;
		int first = -1, nseg = 0;
		for (int i = 0; i < e->nw; i++) {
			if (e->w[i].slot != s)
				continue;
			if (first < 0)
				first = i;
			nseg++;
			need += e->w[i].need;
		}
		min = fmin(MIN_WEDGE, span[s] / nseg);
		for (int i = first; i < first + nseg; i++)
			extra += fmax(e->w[i].need - min, 0);
		spare = span[s] - min * nseg;
		for (int i = first; i < first + nseg; i++) {
			struct wedge *w = &e->w[i];
			double wd;
			if (i == first + nseg - 1)
				wd = a1 - b;
			else if (need <= span[s])
				wd = w->need + (span[s] - need) * w->need / need;
			else
				wd = min + (extra > 0 ? spare * fmax(w->need - min, 0) / extra :
				            spare / nseg);
			w->a0[k] = b * DEG;
			w->a1[k] = (b + wd) * DEG;
			b += wd;
		}
		a = a1;
	}
	return arc;
}

/* ---- rings ---- */

/* Lays out ring k: members m[0..nm) in wedge order, each wedge's people
 * spread evenly over it, at radius rmin or more; returns 0, or -1 when out
 * of memory. */
static int place_ring(struct eco *e, int k, struct node **m, size_t nm, double rmin)
{
	double r, *ang;
	size_t mark = e->nplaced;

	r = fmax(rmin, size_wedges(e, k) / (2 * M_PI));
	if (nm == 0) {
		e->radius[k] = rmin;
		return 0;
	}
	ang = malloc(nm * sizeof *ang);
	if (!ang)
		return -1;
	for (int i = 0; i < e->nw; i++)
		e->w[i].seen = 0;
	for (size_t i = 0; i < nm; i++) {
		struct wedge *w = &e->w[m[i]->wedge];
		double step = (w->a1[k] - w->a0[k]) / (double)w->n[k];
		ang[i] = w->a0[k] + step * ((double)w->seen++ + 0.5);
		/* a radius at which neighbours in the wedge keep their targets apart */
		r = fmax(r, (TARGET + 4) / (2 * sin(fmin(step, M_PI) / 2)));
	}
	for (int grow = 0; grow < MAX_GROW; grow++) {
		int ok = 1;
		e->nplaced = mark;
		for (size_t i = 0; i < nm && ok; i++) {
			ok = try_place(e, m[i], r * cos(ang[i]), r * sin(ang[i]), ang[i]);
			if (ok < 0) {
				free(ang);
				return -1;
			}
		}
		if (ok) {
			e->radius[k] = r;
			free(ang);
			return 0;
		}
		r = r * 1.03 + 3;
	}
	/* Not reached in practice: give up on separation, keep the last try. */
	e->radius[k] = r;
	for (size_t i = 0; i < nm; i++) {
		double bw, bh;
		m[i]->x = r * cos(ang[i]);
		m[i]->y = r * sin(ang[i]);
		m[i]->sym = target_at(m[i], m[i]->x, m[i]->y);
		block_size(m[i], &bw, &bh);
		m[i]->lab = label_at(m[i], 2, bw, bh);
		m[i]->anchor = 1;
	}
	free(ang);
	return 0;
}

static int cmp_members(const void *pa, const void *pb)
{
	const struct node *a = *(const struct node *const *)pa;
	const struct node *b = *(const struct node *const *)pb;
	if (a->wedge != b->wedge)
		return a->wedge - b->wedge;
	return a->person - b->person;
}

static void fill_lines(struct eco *e, struct node *nd)
{
	const struct kr_case *c = e->c;
	const struct kr_person *p = &c->persons[nd->person];
	enum kr_lang lang = e->o->lang;

	nd->nlines = 0;
	nd->line[nd->nlines] = kr_case_person_name(c, nd->person);
	nd->px[nd->nlines] = NAME_PX;
	nd->cls[nd->nlines++] = "halo";
	if (nd->person == c->child) {
		int age = kr_age_years(p->born, e->o->as_of);
		if (age >= 0) {
			snprintf(nd->age, sizeof nd->age, "%d %s", age,
			         kr_tr(lang, "jaar", age == 1 ? "year" : "years"));
			nd->line[nd->nlines] = nd->age;
			nd->px[nd->nlines] = ROLE_PX;
			nd->cls[nd->nlines++] = "halo muted";
		}
		return;
	}
	if (*kr_enum_role_label(p->roles, lang)) {
		nd->line[nd->nlines] = kr_enum_role_label(p->roles, lang);
		nd->px[nd->nlines] = ROLE_PX;
		nd->cls[nd->nlines++] = "halo muted";
	}
	if (nd->star) {
		nd->line[nd->nlines] = kr_tr(lang, "vertrouwensfiguur", "trust figure");
		nd->px[nd->nlines] = ROLE_PX;
		nd->cls[nd->nlines++] = "halo title";
	}
}

static void write_label(struct kr_geometry *g, const struct node *nd, double ox, double oy)
{
	static const enum kr_geom_anchor anchors[] = { KR_ANCHOR_START, KR_ANCHOR_MIDDLE,
		KR_ANCHOR_END };
	double y = nd->lab.y + oy, x;

	x = nd->anchor == 0 ? nd->lab.x : nd->anchor == 1 ? nd->lab.x + nd->lab.w / 2
	                                                   : nd->lab.x + nd->lab.w;
	for (int k = 0; k < nd->nlines; k++) {
		y += nd->px[k] + (k ? 1.0 : 0.0);
		kri_geom_label(g, x + ox, y, nd->px[k], anchors[nd->anchor], nd->cls[k], nd->person,
		               nd->line[k]);
		y += nd->px[k] * 0.25;
	}
}

/* The legend: symbols, worlds, line styles, what the rings mean. */
static void legend(struct kri_legend *lg)
{
	enum kr_lang l = lg->o->lang;
	struct kri_tie_look bridge = { KRI_COLOUR_BRIDGE, 1.0, 0, 0 };
	struct kri_tie_look other = { "#777777", 0.7, 0.6, 0 };

	kri_legend_people(lg, true);
	kri_legend_tie_styles(lg);
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, 0, &bridge, NULL,
	                kr_tr(l, "band tussen de twee werelden", "tie between the two worlds"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, 0, &other, NULL,
	                kr_tr(l, "band tussen anderen", "tie between others"));
	kri_legend_note(lg, kr_tr(l, "Ringen: hoe dichter bij het kind, hoe sterker de band en "
	                          "hoe vaker het contact.",
	                          "Rings: the closer to the child, the stronger the tie and the "
	                          "more frequent the contact."));
	kri_legend_note(lg, kr_tr(l, "Buitenste ring: geen directe band met het kind, of niet "
	                          "meer in het netwerk.",
	                          "Outer ring: no direct tie with the child, or no longer in the "
	                          "network."));
}

/* The world headings around the picture: origin left, foster right, shared
 * on top, professionals at the bottom.  Returned as four label boxes. */
struct heading {
	const char *text;
	double x, y;          /* baseline anchor point (origin coordinates) */
	enum kr_geom_anchor anchor;
	struct kr_box box;
};

static void place_headings(struct eco *e, struct heading h[4], double *bx0, double *by0,
                           double *bx1, double *by1)
{
	enum kr_lang l = e->o->lang;
	double px = 13, cy = 0;
	double wl, wr;

	h[0].text = kr_enum_label(KR_ENUM_WORLD, KR_WORLD_ORIGIN, l);
	h[1].text = kr_enum_label(KR_ENUM_WORLD, KR_WORLD_FOSTER, l);
	h[2].text = kr_enum_label(KR_ENUM_WORLD, KR_WORLD_SHARED, l);
	h[3].text = kr_enum_label(KR_ENUM_WORLD, KR_WORLD_PROFESSIONAL, l);
	wl = kri_text_width_cls(h[0].text, px, "title");
	wr = kri_text_width_cls(h[1].text, px, "title");
	/* Left and right: level with the child, beside everything. */
	h[0].anchor = KR_ANCHOR_END;
	h[0].x = *bx0 - 14;
	h[0].y = cy + px / 2;
	h[1].anchor = KR_ANCHOR_START;
	h[1].x = *bx1 + 14;
	h[1].y = cy + px / 2;
	h[2].anchor = KR_ANCHOR_MIDDLE;
	h[2].x = 0;
	h[2].y = *by0 - 12;
	h[3].anchor = KR_ANCHOR_MIDDLE;
	h[3].x = 0;
	h[3].y = *by1 + 12 + px;
	for (int i = 0; i < 4; i++)
		h[i].box = kri_text_box(h[i].x, h[i].y, px, h[i].anchor, "title", h[i].text);
	*bx0 = fmin(*bx0, h[0].x - wl);
	*bx1 = fmax(*bx1, h[1].x + wr);
	*by0 = fmin(*by0, h[2].box.y);
	*by1 = fmax(*by1, h[3].box.y + h[3].box.h);
	for (int i = 2; i < 4; i++) {
		*bx0 = fmin(*bx0, h[i].box.x);
		*bx1 = fmax(*bx1, h[i].box.x + h[i].box.w);
	}
}

/* Ties between two other people curve away from the child in the centre,
 * more so when the straight line would pass close by. */
static double bend_away(const struct node *a, const struct node *b)
{
	double dx = b->x - a->x, dy = b->y - a->y, len = sqrt(dx * dx + dy * dy);
	double side, dist;

	if (len < 1)
		return 0;
	/* Which side of the line the centre lies on, and how far. */
	side = (-dy * (0 - a->x) + dx * (0 - a->y)) / len;
	dist = fabs(side);
	return (side > 0 ? -1 : 1) * (dist < 80 ? 0.3 : 0.12);
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

enum kr_status kri_layout_ecogram(const struct kr_case *c, const struct kr_render_opts *o,
                                  struct kr_geometry *g, struct kr_error *err)
{
	struct eco e;
	struct node **members = NULL;
	int *where = NULL;     /* person index -> node index */
	struct heading head[4];
	struct kri_legend lg;
	struct kr_geom_item *it;
	enum kr_status rc = KR_OK;
	double bx0, by0, bx1, by1, ox, oy, width, height, title_y, legend_h, content_w;
	char title[300], desc[900], day[11];
	size_t nbridges = 0, nring[NRINGS + 1] = { 0 };
	const char *child_name;
	enum kr_lang l = o->lang;

	memset(&e, 0, sizeof e);
	e.c = c;
	e.o = o;
	e.nodes = calloc(c->npersons, sizeof *e.nodes);
	members = calloc(c->npersons, sizeof *members);
	where = malloc(c->npersons * sizeof *where);
	if (!e.nodes || !members || !where) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het tekenen (ecogram)",
		                  "out of memory drawing the ecogram");
		goto out;
	}
	make_wedges(&e);
	kri_geom_reserve(g, 120 + 4 * c->npersons + c->nties + 4 * (size_t)e.nw);

	/* Nodes: the child first, then everyone else in document order. */
	e.n = 0;
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->npersons; i++) {
			struct node *nd;
			if ((pass == 0) != ((int)i == c->child))
				continue;
			nd = &e.nodes[e.n];
			where[i] = (int)e.n++;
			nd->person = (int)i;
			nd->ring = pass == 0 ? 0 : ring_of(c, (int)i, o->as_of);
			nd->wedge = pass == 0 ? -1 : wedge_of(&e, (int)i);
			/* the star: a trust figure as the summary counts one (alive) */
			nd->star = pass == 1 && is_trust_figure(c, (int)i) &&
			           kr_case_person_alive(c, (int)i, o->as_of);
			nd->rs = kri_person_radius(c, (int)i, pass == 0 ? CHILD_R : SYM_R);
			fill_lines(&e, nd);
			nring[nd->ring]++;
			if (nd->wedge >= 0)
				e.w[nd->wedge].n[nd->ring]++;
		}
	}

	/* The child in the centre, its label below. */
	{
		struct node *ch = &e.nodes[0];
		double bw, bh;
		ch->x = ch->y = 0;
		ch->sym = target_at(ch, 0, 0);
		block_size(ch, &bw, &bh);
		ch->lab = label_at(ch, 2, bw, bh);
		ch->anchor = 1;
		if (push_placed(&e, ch->sym) || push_placed(&e, ch->lab)) {
			rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het tekenen (ecogram)",
		                  "out of memory drawing the ecogram");
			goto out;
		}
	}

	/* The rings, inside out; an empty ring keeps its place. */
	{
		double rmin = FIRST_RING;
		for (int k = 1; k <= NRINGS; k++) {
			size_t nm = 0;
			for (size_t i = 1; i < e.n; i++)
				if (e.nodes[i].ring == k)
					members[nm++] = &e.nodes[i];
			qsort(members, nm, sizeof *members, cmp_members);
			if (place_ring(&e, k, members, nm, rmin)) {
				rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het tekenen (ecogram)",
		                  "out of memory drawing the ecogram");
				goto out;
			}
			rmin = e.radius[k] + RING_GAP;
		}
		e.edge[0] = e.radius[1] - RING_GAP / 2;
		for (int k = 1; k < NRINGS; k++)
			e.edge[k] = (e.radius[k] + e.radius[k + 1]) / 2;
		e.edge[NRINGS] = e.radius[NRINGS] + RING_GAP / 2;
	}

	/* The extent of everything placed and of the outer ring, the world
	 * headings around it. */
	bx0 = by0 = -e.edge[NRINGS];
	bx1 = by1 = e.edge[NRINGS];
	for (size_t i = 0; i < e.nplaced; i++) {
		bx0 = fmin(bx0, e.placed[i].x);
		by0 = fmin(by0, e.placed[i].y);
		bx1 = fmax(bx1, e.placed[i].x + e.placed[i].w);
		by1 = fmax(by1, e.placed[i].y + e.placed[i].h);
	}
	place_headings(&e, head, &bx0, &by0, &bx1, &by1);

	/* Title on top, legend below. */
	child_name = kr_case_person_name(c, c->child);
	kr_date_format(kr_date_from_days(o->as_of), day);
	snprintf(title, sizeof title, kr_tr(l, "Ecogram van %s (%s), stand op %s",
	                                    "Ecogram of %s (%s), as of %s"),
	         child_name, c->ref ? c->ref : "", day);
	content_w = fmax(bx1 - bx0, kri_text_width_cls(title, 16, "title"));
	kri_legend_begin(&lg, g, o, 0, 0, fmax(content_w, 640), false);
	legend(&lg);
	legend_h = kri_legend_end(&lg);
	width = fmax(content_w, lg.used) + 2 * MARGIN;
	title_y = MARGIN + 16;
	ox = MARGIN + (width - 2 * MARGIN - (bx1 - bx0)) / 2 - bx0;
	oy = title_y + 16 - by0;
	height = oy + by1 + 24 + legend_h + MARGIN + 10;

	for (size_t t = 0; t < c->nties; t++)
		if (is_bridge(c, &c->ties[t]))
			nbridges++;
	snprintf(desc, sizeof desc,
	         kr_tr(l, "%s staat in het midden. Om %s heen staan %zu mensen: %zu in de "
	               "binnenste ring, %zu in de tweede, %zu in de derde en %zu in de buitenste "
	               "ring. Links het gezin van herkomst, rechts het pleeggezin, boven wie bij "
	               "beide hoort, onder de professionals. %zu banden verbinden de twee "
	               "werelden.",
	               "%s is in the centre. Around %s are %zu people: %zu in the inner ring, "
	               "%zu in the second, %zu in the third and %zu in the outer ring. The family "
	               "of origin is on the left, the foster family on the right, shared people "
	               "at the top, professionals at the bottom. %zu ties join the two worlds."),
	         child_name, child_name, e.n - 1, nring[1], nring[2], nring[3], nring[4],
	         nbridges);

	g->width = width;
	g->height = height;
	g->title = kri_geom_str(g, title);
	g->desc = kri_geom_str(g, desc);
	g->cx = ox;
	g->cy = oy;
	g->target = TARGET;
	g->min_scale = TAP_PX / TARGET;
	kri_geom_label(g, MARGIN, title_y, 16, KR_ANCHOR_START, "title", -1, title);

	/* Where a person can be added: every ring's part of every wedge. */
	kri_geom_group(g, "sectors", KR_GEOM_F_ANON);
	for (int k = 1; k <= NRINGS; k++) {
		for (int i = 0; i < e.nw; i++) {
			kri_geom_sector(g, (struct kr_geom_sector){ ox, oy, e.edge[k - 1], e.edge[k],
				e.w[i].a0[k] / DEG, e.w[i].a1[k] / DEG, slot_world[e.w[i].slot], e.w[i].seg,
				k });
		}
	}
	kri_geom_end(g);

	/* Ring guides. */
	it = kri_geom_group(g, "rings", KR_GEOM_F_BREAK);
	it->style.fill = "none";
	it->style.stroke = "#BBBBBB";
	it->style.dash = "2 4";
	for (int k = 1; k <= NRINGS; k++) {
		it = kri_geom_add(g, KR_GEOM_RING);
		it->circle = (struct kr_geom_circle){ ox, oy, e.radius[k], k, 0 };
	}
	kri_geom_end(g);

	/* Ties: between others first (underneath), then with the child. */
	kri_geom_group(g, "ties", KR_GEOM_F_BREAK);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t t = 0; t < c->nties; t++) {
			const struct kr_tie *tie = &c->ties[t];
			const struct node *na = &e.nodes[where[tie->a]], *nb = &e.nodes[where[tie->b]];
			bool with_child = tie->a == c->child || tie->b == c->child;
			struct kri_tie_look look = { NULL, 1.0, 0, 0 };
			if (with_child != (pass == 1))
				continue;
			if (!with_child) {
				look.bend = bend_away(na, nb);
				look.width_scale = 0.7;
				look.opacity = 0.6;
				look.colour = "#777777";
			}
			if (is_bridge(c, tie)) {
				look.colour = KRI_COLOUR_BRIDGE;
				look.opacity = 0;
				look.width_scale = 1.0;
			}
			kri_geom_tie(g, c, tie, (int)t, na->x + ox, na->y + oy, na->rs, nb->x + ox,
			             nb->y + oy, nb->rs, &look);
		}
	}
	kri_geom_end(g);
	kri_geom_group(g, "people", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < e.n; i++) {
		const struct node *nd = &e.nodes[i];
		it = kri_geom_person(g, o, c, nd->person, nd->x + ox, nd->y + oy,
		                     nd->person == c->child ? CHILD_R : SYM_R);
		it->node.ring = nd->ring;
		it->node.segment = nd->wedge >= 0 ? (int)e.w[nd->wedge].seg : -1;
		kri_geom_box(it, nd->sym.x + ox, nd->sym.y + oy, nd->sym.w, nd->sym.h, nd->person,
		             KR_BOX_SYMBOL);
		if (nd->star) {
			it->flags |= KR_GEOM_F_TRUST;
			/* Part of the person's symbol: its target keeps room for it. */
			kri_geom_star(g, nd->x + ox + nd->rs, nd->y + oy - nd->rs, 8)->person =
				nd->person;
		}
	}
	kri_geom_end(g);
	kri_geom_group(g, "labels", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < e.n; i++)
		write_label(g, &e.nodes[i], ox, oy);
	for (int i = 0; i < 4; i++)
		kri_geom_label(g, head[i].x + ox, head[i].y + oy, 13, head[i].anchor, "title", -1,
		               head[i].text);
	kri_geom_end(g);
	kri_geom_group(g, "legend", KR_GEOM_F_BREAK);
	kri_legend_begin(&lg, g, o, MARGIN, oy + by1 + 32, fmax(content_w, 640), true);
	legend(&lg);
	kri_legend_end(&lg);
	kri_geom_end(g);
out:
	free(e.nodes);
	free(e.placed);
	free(members);
	free(where);
	return rc;
}
