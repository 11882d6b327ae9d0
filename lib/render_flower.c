/*
 * render_flower.c - Wraparound Care's flower ("bloemaanpak", 000 §3.7): the
 * child, the household and the "professional friend" in the heart; around it
 * nine petals: the informal network in seven (family, friends, school/work,
 * leisure, neighbourhood, religion, online), then the professionals, then
 * the agencies (the people of the professionals segment who work for youth
 * protection or the social team: roles guardian and social_team).
 *
 * Who is shown, and in which petal, comes from the Community Scan
 * (kr_scan_compute): the living, current network on o->as_of, with the same
 * segments, most important people first.  The professional friend is the
 * child's trust figure when there is one, else the foster care worker; they
 * appear in the heart only.  A petal's length and width grow with the number
 * of people in it (up to eight); it lists their names, and "+N" for the rest
 * when there are more than six.  An empty petal is small, dotted and says so.
 * Meaning is carried by line style as well as colour: informal petals solid,
 * professionals dashed, agencies dash-dotted, empty petals dotted.
 *
 * Registered in o->layout: every text and the legend symbols.  The petals
 * and the heart are the containers the texts sit in (they overlap each other
 * by design, like the petals of a drawn flower) and are not registered.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/scan.h"
#include "geometry_int.h"
#include "render_int.h"

#define MARGIN 24.0
#define TOP 72.0              /* room for the title */
#define LEGEND_H 84.0
#define MIN_W 760.0           /* the legend's width */
#define HEART_R 100.0
#define PETAL_BASE 50.0       /* petals start under the heart */
#define NPETAL 9
#define NAME_PX 11.0
#define HEAD_PX 11.0
#define LINE_H 14.5
#define TEXT_W 128.0          /* widest text line in a petal */
#define EMPTY_TEXT_R 196.0    /* where an empty petal's text goes */
#define MAX_NAMES 6           /* more than this: MAX_NAMES - 1 names and "+N" */
#define PI 3.14159265358979323846

#define COL_INFORMAL "#009E73"   /* Okabe-Ito bluish green */
#define COL_PRO "#0072B2"        /* blue */
#define COL_AGENCY "#CC79A7"     /* reddish purple */
#define COL_HEART "#F0E442"      /* yellow */
#define COL_EMPTY "#999999"

enum petal_type { PETAL_INFORMAL, PETAL_PRO, PETAL_AGENCY };

/* The page: its size and the flower's centre, fitted to the petals. */
struct page { double cx, cy, w, h; };

struct petal {
	enum petal_type type;
	enum kr_segment seg;     /* KR_SEG_NONE for the agencies */
	int *people;             /* person indices, most important first */
	size_t n;
};

static const enum kr_segment informal[7] = {
	KR_SEG_FAMILY, KR_SEG_FRIENDS, KR_SEG_SCHOOL_WORK, KR_SEG_LEISURE,
	KR_SEG_NEIGHBOURHOOD, KR_SEG_RELIGION, KR_SEG_ONLINE
};

static int is_agency(const struct kr_person *p)
{
	return kr_person_has_role(p, KR_ROLE_GUARDIAN) ||
	       kr_person_has_role(p, KR_ROLE_SOCIAL_TEAM);
}

/* The professional friend: the first current trust figure of the child, else
 * the first current foster care worker, else -1. */
static int professional_friend(const struct kr_case *c, long as_of)
{
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		int other;
		if (!tie->trust_figure || c->child < 0)
			continue;
		if (tie->a == c->child)
			other = tie->b;
		else if (tie->b == c->child)
			other = tie->a;
		else
			continue;
		if (kr_scan_person_current(c, other, as_of))
			return other;
	}
	for (size_t i = 0; i < c->npersons; i++)
		if (kr_person_has_role(&c->persons[i], KR_ROLE_FOSTER_CARE_WORKER) &&
		    kr_scan_person_current(c, (int)i, as_of))
			return (int)i;
	return -1;
}

static void petal_dir(int k, double *ux, double *uy, double *deg)
{
	*deg = -90.0 + 360.0 * k / NPETAL;
	*ux = cos(*deg * PI / 180.0);
	*uy = sin(*deg * PI / 180.0);
	if (fabs(*ux) < 1e-9)
		*ux = 0.0;
	if (fabs(*uy) < 1e-9)
		*uy = 0.0;
}

/* Half-length and half-width of a petal holding n people. */
static void petal_size(size_t n, double *a, double *b)
{
	size_t m = n < 8 ? n : 8;
	if (n == 0) {
		*a = 60.0;
		*b = 26.0;
	} else {
		*a = 132.0 + 9.0 * (double)m;
		*b = 42.0 + 5.0 * (double)m;
	}
}

/* The text block of a petal: a heading and the names, centred at distance
 * *rt on the petal's axis (beyond the tip for an empty petal), *lines lines
 * high, showing the first *shown names. */
static void text_block(const struct petal *p, double *rt, size_t *lines, size_t *shown)
{
	double a, hb;

	petal_size(p->n, &a, &hb);
	*shown = p->n <= MAX_NAMES ? p->n : MAX_NAMES - 1;
	*lines = 1 + (p->n == 0 ? 1 : *shown + (p->n > *shown ? 1 : 0));
	*rt = p->n == 0 ? EMPTY_TEXT_R : PETAL_BASE + a;
}

/* Sizes the page to the flower: the extents of the petals, their text
 * blocks and the heart around the centre, plus title and legend room. */
static void fit_page(const struct petal *petals, struct page *pg)
{
	double minx = -HEART_R, maxx = HEART_R, miny = -HEART_R, maxy = HEART_R;

	for (int k = 0; k < NPETAL; k++) {
		double ux, uy, deg, a, hb, d, ex, ey, rt;
		size_t lines, shown;
		petal_dir(k, &ux, &uy, &deg);
		petal_size(petals[k].n, &a, &hb);
		d = PETAL_BASE + a;
		/* Half extents of the rotated ellipse's bounding box. */
		ex = sqrt(a * a * ux * ux + hb * hb * uy * uy);
		ey = sqrt(a * a * uy * uy + hb * hb * ux * ux);
		minx = fmin(minx, ux * d - ex);
		maxx = fmax(maxx, ux * d + ex);
		miny = fmin(miny, uy * d - ey);
		maxy = fmax(maxy, uy * d + ey);
		text_block(&petals[k], &rt, &lines, &shown);
		minx = fmin(minx, ux * rt - TEXT_W / 2.0);
		maxx = fmax(maxx, ux * rt + TEXT_W / 2.0);
		miny = fmin(miny, uy * rt - (double)lines * LINE_H / 2.0);
		maxy = fmax(maxy, uy * rt + (double)lines * LINE_H / 2.0);
	}
	/* Whole units, so the numbers in the picture stay short and stable. */
	minx = floor(minx);
	miny = floor(miny);
	pg->w = fmax(MIN_W, ceil(maxx) - minx + 2.0 * MARGIN);
	pg->cx = (pg->w - (ceil(maxx) - minx)) / 2.0 - minx;
	pg->cy = TOP + MARGIN - miny;
	pg->h = pg->cy + ceil(maxy) + MARGIN + LEGEND_H;
}

/* Adds petal k: its shape (text 0) or its heading and names (text 1). */
static void draw_petal(struct kr_geometry *g, const struct page *pg, const struct kr_case *c,
                       const struct kr_render_opts *o, int k, const struct petal *p, int text)
{
	double ux, uy, deg, a, hb, d, x, y, rt, top;
	const char *colour = p->type == PETAL_INFORMAL ? COL_INFORMAL :
	                     p->type == PETAL_PRO ? COL_PRO : COL_AGENCY;
	const char *dash = p->type == PETAL_INFORMAL ? NULL :
	                   p->type == PETAL_PRO ? "7 4" : "9 3 2 3";
	const char *name = p->type == PETAL_AGENCY ? kr_tr(o->lang, "instanties", "agencies") :
	                   kr_scan_segment_name(p->seg, o->lang);
	char head[96], buf[128];
	size_t shown, lines;
	struct kr_geom_item *it;

	petal_dir(k, &ux, &uy, &deg);
	petal_size(p->n, &a, &hb);
	d = PETAL_BASE + a;
	x = pg->cx + ux * d;
	y = pg->cy + uy * d;
	if (!text) {
		it = kri_geom_add(g, KR_GEOM_ELLIPSE);
		it->ellipse = (struct kr_geom_ellipse){ x, y, a, hb, deg };
		it->flags |= KR_GEOM_F_ROTATED;
		if (p->n == 0) {
			it->style.fill = "none";
			it->style.stroke = COL_EMPTY;
			it->style.stroke_width = 1.2;
			it->style.dash = "2 3";
		} else {
			it->style.fill = colour;
			it->style.fill_opacity = 0.16;
			it->style.stroke = colour;
			it->style.stroke_width = 1.8;
			it->style.dash = dash;
		}
		return;
	}

	text_block(p, &rt, &lines, &shown);
	x = pg->cx + ux * rt;
	y = pg->cy + uy * rt;
	top = y - (double)lines * LINE_H / 2.0;
	snprintf(head, sizeof head, "%s (%zu)", name, p->n);
	kri_geom_label(g, x, top + HEAD_PX, HEAD_PX, KR_ANCHOR_MIDDLE, "head", -1,
	               kri_text_fit(head, HEAD_PX, TEXT_W, buf, sizeof buf));
	if (p->n == 0)
		kri_geom_label(g, x, top + LINE_H + NAME_PX, NAME_PX, KR_ANCHOR_MIDDLE, "none", -1,
		               kr_tr(o->lang, "niemand", "nobody"));
	for (size_t i = 0; i < shown; i++)
		kri_geom_label(g, x, top + LINE_H * (double)(i + 1) + NAME_PX, NAME_PX,
		               KR_ANCHOR_MIDDLE, NULL, p->people[i],
		               kri_text_fit(kr_case_person_name(c, p->people[i]), NAME_PX, TEXT_W,
		                            buf, sizeof buf));
	if (p->n > shown) {
		snprintf(head, sizeof head, "+%zu %s", p->n - shown, kr_tr(o->lang, "meer", "more"));
		kri_geom_label(g, x, top + LINE_H * (double)(shown + 1) + NAME_PX, NAME_PX,
		               KR_ANCHOR_MIDDLE, "more", -1, head);
	}
}

static void draw_heart(struct kr_geometry *g, const struct page *pg, const struct kr_case *c,
                       const struct kr_render_opts *o, const int *household, size_t nhouse,
                       int pf)
{
	char buf[128], more[64];
	size_t shown = nhouse <= 3 ? nhouse : 2;
	double y;
	struct kr_geom_item *it;

	it = kri_geom_circle(g, pg->cx, pg->cy, HEART_R);
	it->style.fill = "#FBF6C4";
	it->style.stroke = "#8C7F00";
	it->style.stroke_width = 2;
	kri_geom_label(g, pg->cx, pg->cy - 50.0, 15.0, KR_ANCHOR_MIDDLE, "child", c->child,
	               kri_text_fit(c->child >= 0 ? kr_case_person_name(c, c->child) : c->ref,
	                            15.0, 140.0, buf, sizeof buf));
	kri_geom_label(g, pg->cx, pg->cy - 31.0, 10.0, KR_ANCHOR_MIDDLE, "small", -1,
	               kr_tr(o->lang, "gezin", "household"));
	y = pg->cy - 16.0;
	if (nhouse == 0)
		kri_geom_label(g, pg->cx, y, NAME_PX, KR_ANCHOR_MIDDLE, "none", -1,
		               kr_tr(o->lang, "niemand", "nobody"));
	for (size_t i = 0; i < shown; i++, y += LINE_H)
		kri_geom_label(g, pg->cx, y, NAME_PX, KR_ANCHOR_MIDDLE, NULL, household[i],
		               kri_text_fit(kr_case_person_name(c, household[i]), NAME_PX, 140.0, buf,
		                            sizeof buf));
	if (nhouse > shown) {
		snprintf(more, sizeof more, "+%zu %s", nhouse - shown, kr_tr(o->lang, "meer", "more"));
		kri_geom_label(g, pg->cx, y, NAME_PX, KR_ANCHOR_MIDDLE, "more", -1, more);
	}
	kri_geom_label(g, pg->cx, pg->cy + 46.0, 10.0, KR_ANCHOR_MIDDLE, "small", -1,
	               kr_tr(o->lang, "professionele vriend", "professional friend"));
	if (pf >= 0)
		kri_geom_label(g, pg->cx, pg->cy + 62.0, 12.0, KR_ANCHOR_MIDDLE, "pf", pf,
		               kri_text_fit(kr_case_person_name(c, pf), 12.0, 130.0, buf, sizeof buf));
	else
		kri_geom_label(g, pg->cx, pg->cy + 62.0, NAME_PX, KR_ANCHOR_MIDDLE, "none", -1,
		               kr_tr(o->lang, "nog niemand", "nobody yet"));
}

static void legend(struct kr_geometry *g, const struct page *pg, const struct kr_render_opts *o)
{
	static const struct { const char *colour, *dash, *nl, *en; } item[] = {
		{ COL_INFORMAL, NULL, "informeel netwerk", "informal network" },
		{ COL_PRO, "7 4", "professionals", "professionals" },
		{ COL_AGENCY, "9 3 2 3", "instanties (jeugdbescherming, wijkteam)",
		  "agencies (child protection, social team)" },
	};
	double x = 30.0, y = pg->h - 58.0;

	for (size_t i = 0; i < sizeof item / sizeof item[0]; i++) {
		const char *label = kr_tr(o->lang, item[i].nl, item[i].en);
		struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_ELLIPSE);
		it->ellipse = (struct kr_geom_ellipse){ x + 16.0, y - 4.0, 16.0, 7.0, 0 };
		it->style.fill = item[i].colour;
		it->style.fill_opacity = 0.16;
		it->style.stroke = item[i].colour;
		it->style.stroke_width = 1.8;
		it->style.dash = item[i].dash;
		kri_geom_box(it, x, y - 11.0, 32.0, 14.0, -1, KR_BOX_SYMBOL);
		kri_geom_label(g, x + 40.0, y, 12.0, KR_ANCHOR_START, "legend", -1, label);
		x += 40.0 + kri_text_width(label, 12.0) + 28.0;
	}
	kri_geom_label(g, 30.0, y + 26.0, 11.0, KR_ANCHOR_START, "legend", -1,
	               kr_tr(o->lang, "Hoe groter het blad, hoe meer mensen. "
	                     "Gestippeld: nog niemand.",
	                     "The bigger the petal, the more people. Dotted: nobody yet."));
}

/* The style of the flower's own classes. */
static const char *const css_classes[] = { "title head child pf", "small sub", "none more" };
static const char *const css_rules[] = { "font-weight:bold", "fill:#444",
	"font-style:italic;fill:#444" };

enum kr_status kri_layout_flower(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_geometry *g, struct kr_error *err)
{
	struct kr_scan sc;
	struct petal petals[NPETAL];
	struct page pg;
	struct kr_buf desc;
	struct kr_geom_item *it;
	int *pool = NULL, *household;
	size_t nhouse = 0, used = 0;
	int pf;
	enum kr_status st;
	char title[256], sub[160], d[16], cut[256];

	memset(petals, 0, sizeof petals);
	memset(&pg, 0, sizeof pg);
	kr_buf_init(&desc, 256 * 1024);
	if ((st = kr_scan_compute(c, o->as_of, &sc, err)) != KR_OK)
		goto out;
	pf = professional_friend(c, o->as_of);
	/* One pool of person indices, cut into the heart and the petals. */
	pool = malloc((sc.npeople + 1) * sizeof *pool);
	if (!pool) {
		st = kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het tekenen (flower)",
		                  "out of memory drawing the flower");
		goto out;
	}
	household = pool;
	for (size_t i = 0; i < sc.npeople; i++)
		if (sc.people[i].segment == KR_SEG_HOUSEHOLD && sc.people[i].person != pf)
			household[nhouse++] = sc.people[i].person;
	used = nhouse;
	for (int k = 0; k < NPETAL; k++) {
		struct petal *p = &petals[k];
		p->type = k < 7 ? PETAL_INFORMAL : k == 7 ? PETAL_PRO : PETAL_AGENCY;
		p->seg = k < 7 ? informal[k] : k == 7 ? KR_SEG_PROFESSIONALS : KR_SEG_NONE;
		p->people = pool + used;
		for (size_t i = 0; i < sc.npeople; i++) {
			const struct kr_scan_person *row = &sc.people[i];
			int agency;
			if (row->person == pf)
				continue;
			agency = row->segment == KR_SEG_PROFESSIONALS &&
			         is_agency(&c->persons[row->person]);
			if (k < 7 ? row->segment == p->seg :
			    row->segment == KR_SEG_PROFESSIONALS && agency == (k == 8))
				p->people[p->n++] = row->person;
		}
		used += p->n;
	}

	fit_page(petals, &pg);

	/* Title and description. */
	snprintf(title, sizeof title, "%s %s", kr_tr(o->lang, "Bloem van", "Flower of"),
	         c->child >= 0 ? kr_case_person_name(c, c->child) : c->ref);
	kr_date_format(kr_date_from_days(o->as_of), d);
	snprintf(sub, sizeof sub, "%s %s", kr_tr(o->lang,
	         "Wraparound: het gezin en de professionele vriend in het hart; stand op",
	         "Wraparound: the family and the professional friend in the heart; as of"), d);
	kr_buf_printf(&desc, "%s. %s: %zu. %s: %s.", sub, kr_tr(o->lang, "Gezin", "Household"),
	              nhouse, kr_tr(o->lang, "Professionele vriend", "Professional friend"),
	              pf >= 0 ? kr_case_person_name(c, pf) : kr_tr(o->lang, "nog niemand",
	                                                              "nobody yet"));
	for (int k = 0; k < NPETAL; k++)
		kr_buf_printf(&desc, " %s: %zu.", k == 8 ? kr_tr(o->lang, "instanties", "agencies") :
		              kr_scan_segment_name(petals[k].seg, o->lang), petals[k].n);
	if (desc.failed) {
		st = kr_error_say(err, desc.why, "kan de bloem niet beschrijven",
		                  "could not describe the flower");
		goto out;
	}
	g->width = pg.w;
	g->height = pg.h;
	g->title = kri_geom_str(g, title);
	g->desc = kri_geom_str(g, desc.data);
	it = kri_geom_add(g, KR_GEOM_CSS);
	it->css = (struct kr_geom_css){ css_classes, css_rules,
		sizeof css_classes / sizeof css_classes[0] };
	kri_geom_label(g, 24.0, 34.0, 18.0, KR_ANCHOR_START, "title", -1,
	               kri_text_fit(title, 18.0, pg.w - 48.0, cut, sizeof cut));
	kri_geom_label(g, 24.0, 56.0, 12.0, KR_ANCHOR_START, "sub", -1, sub);
	/* Petals first, then the heart on top of their bases. */
	for (int k = 0; k < NPETAL; k++)
		draw_petal(g, &pg, c, o, k, &petals[k], 0);
	draw_heart(g, &pg, c, o, household, nhouse, pf);
	for (int k = 0; k < NPETAL; k++)
		draw_petal(g, &pg, c, o, k, &petals[k], 1);
	legend(g, &pg, o);
out:
	free(pool);
	kr_scan_cleanup(&sc);
	kr_buf_cleanup(&desc);
	return st;
}
