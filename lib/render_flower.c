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
#include "render_int.h"
#include "render_r3.h"

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
struct geom { double cx, cy, w, h; };

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

const char *kri_text_fit(const char *name, double px, double maxw, char *buf, size_t size)
{
	size_t cut = strlen(name);

	if (kri_text_width(name, px) <= maxw)
		return name;
	if (cut > size - 4)
		cut = size - 4;
	for (;;) {
		/* Step back to the start of a UTF-8 character. */
		while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(buf, name, cut);
		memcpy(buf + cut, "\xe2\x80\xa6", 4);   /* an ellipsis and the NUL */
		if (cut == 0 || kri_text_width(buf, px) <= maxw)
			return buf;
		cut--;
	}
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
static void fit_page(const struct petal *petals, struct geom *g)
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
	g->w = fmax(MIN_W, ceil(maxx) - minx + 2.0 * MARGIN);
	g->cx = (g->w - (ceil(maxx) - minx)) / 2.0 - minx;
	g->cy = TOP + MARGIN - miny;
	g->h = g->cy + ceil(maxy) + MARGIN + LEGEND_H;
}

/* Draws petal k: its shape (text 0) or its heading and names (text 1). */
static enum kr_status draw_petal(struct kr_buf *b, const struct geom *g,
                                 const struct kr_case *c, const struct kr_render_opts *o, int k,
                                 const struct petal *p, int text)
{
	double ux, uy, deg, a, hb, d, x, y, rt, top;
	const char *colour = p->type == PETAL_INFORMAL ? COL_INFORMAL :
	                     p->type == PETAL_PRO ? COL_PRO : COL_AGENCY;
	const char *dash = p->type == PETAL_INFORMAL ? "" :
	                   p->type == PETAL_PRO ? " stroke-dasharray=\"7 4\"" :
	                   " stroke-dasharray=\"9 3 2 3\"";
	const char *name = p->type == PETAL_AGENCY ? kr_tr(o->lang, "instanties", "agencies") :
	                   kr_scan_segment_name(p->seg, o->lang);
	char head[96], buf[128];
	size_t shown, lines;
	enum kr_status st = KR_OK;

	petal_dir(k, &ux, &uy, &deg);
	petal_size(p->n, &a, &hb);
	d = PETAL_BASE + a;
	x = g->cx + ux * d;
	y = g->cy + uy * d;
	if (!text && p->n == 0)
		return kr_buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" "
		              "transform=\"rotate(%.1f %.1f %.1f)\" fill=\"none\" stroke=\"%s\" "
		              "stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/>\n",
		              x, y, a, hb, deg, x, y, COL_EMPTY);
	if (!text)
		return kr_buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" "
		              "transform=\"rotate(%.1f %.1f %.1f)\" fill=\"%s\" fill-opacity=\"0.16\" "
		              "stroke=\"%s\" stroke-width=\"1.8\"%s/>\n",
		              x, y, a, hb, deg, x, y, colour, colour, dash);

	text_block(p, &rt, &lines, &shown);
	x = g->cx + ux * rt;
	y = g->cy + uy * rt;
	top = y - (double)lines * LINE_H / 2.0;
	snprintf(head, sizeof head, "%s (%zu)", name, p->n);
	st = kri_svg_text(b, o, x, top + HEAD_PX, HEAD_PX, "middle", "head", -1,
	                  kri_text_fit(head, HEAD_PX, TEXT_W, buf, sizeof buf));
	if (st == KR_OK && p->n == 0)
		st = kri_svg_text(b, o, x, top + LINE_H + NAME_PX, NAME_PX, "middle", "none", -1,
		                  kr_tr(o->lang, "niemand", "nobody"));
	for (size_t i = 0; i < shown && st == KR_OK; i++)
		st = kri_svg_text(b, o, x, top + LINE_H * (double)(i + 1) + NAME_PX, NAME_PX,
		                  "middle", NULL, p->people[i],
		                  kri_text_fit(kr_case_person_name(c, p->people[i]), NAME_PX, TEXT_W, buf,
		                      sizeof buf));
	if (st == KR_OK && p->n > shown) {
		snprintf(head, sizeof head, "+%zu %s", p->n - shown, kr_tr(o->lang, "meer", "more"));
		st = kri_svg_text(b, o, x, top + LINE_H * (double)(shown + 1) + NAME_PX, NAME_PX,
		                  "middle", "more", -1, head);
	}
	return st;
}

static enum kr_status draw_heart(struct kr_buf *b, const struct geom *g, const struct kr_case *c,
                                 const struct kr_render_opts *o, const int *household,
                                 size_t nhouse, int pf)
{
	char buf[128], more[64];
	enum kr_status st;
	size_t shown = nhouse <= 3 ? nhouse : 2;
	double y;

	kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#FBF6C4\" "
	              "stroke=\"#8C7F00\" stroke-width=\"2\"/>\n", g->cx, g->cy, HEART_R);
	st = kri_svg_text(b, o, g->cx, g->cy - 50.0, 15.0, "middle", "child", c->child,
	                  kri_text_fit(c->child >= 0 ? kr_case_person_name(c, c->child) : c->ref,
	                               15.0, 140.0, buf, sizeof buf));
	if (st == KR_OK)
		st = kri_svg_text(b, o, g->cx, g->cy - 31.0, 10.0, "middle", "small", -1,
		                  kr_tr(o->lang, "gezin", "household"));
	y = g->cy - 16.0;
	if (st == KR_OK && nhouse == 0)
		st = kri_svg_text(b, o, g->cx, y, NAME_PX, "middle", "none", -1,
		                  kr_tr(o->lang, "niemand", "nobody"));
	for (size_t i = 0; i < shown && st == KR_OK; i++, y += LINE_H)
		st = kri_svg_text(b, o, g->cx, y, NAME_PX, "middle", NULL, household[i],
		                  kri_text_fit(kr_case_person_name(c, household[i]), NAME_PX, 140.0, buf,
		                      sizeof buf));
	if (st == KR_OK && nhouse > shown) {
		snprintf(more, sizeof more, "+%zu %s", nhouse - shown, kr_tr(o->lang, "meer", "more"));
		st = kri_svg_text(b, o, g->cx, y, NAME_PX, "middle", "more", -1, more);
	}
	if (st == KR_OK)
		st = kri_svg_text(b, o, g->cx, g->cy + 46.0, 10.0, "middle", "small", -1,
		                  kr_tr(o->lang, "professionele vriend", "professional friend"));
	if (st == KR_OK) {
		if (pf >= 0)
			st = kri_svg_text(b, o, g->cx, g->cy + 62.0, 12.0, "middle", "pf", pf,
			                  kri_text_fit(kr_case_person_name(c, pf), 12.0, 130.0, buf,
			                               sizeof buf));
		else
			st = kri_svg_text(b, o, g->cx, g->cy + 62.0, NAME_PX, "middle", "none", -1,
			                  kr_tr(o->lang, "nog niemand", "nobody yet"));
	}
	return st;
}

static enum kr_status legend(struct kr_buf *b, const struct geom *g, const struct kr_render_opts *o)
{
	static const struct { const char *colour, *dash, *nl, *en; } item[] = {
		{ COL_INFORMAL, "", "informeel netwerk", "informal network" },
		{ COL_PRO, " stroke-dasharray=\"7 4\"", "professionals", "professionals" },
		{ COL_AGENCY, " stroke-dasharray=\"9 3 2 3\"",
		  "instanties (jeugdbescherming, wijkteam)",
		  "agencies (child protection, social team)" },
	};
	enum kr_status st = KR_OK;
	double x = 30.0, y = g->h - 58.0;

	for (size_t i = 0; i < sizeof item / sizeof item[0] && st == KR_OK; i++) {
		const char *label = kr_tr(o->lang, item[i].nl, item[i].en);
		kr_buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"16.0\" ry=\"7.0\" fill=\"%s\" "
		              "fill-opacity=\"0.16\" stroke=\"%s\" stroke-width=\"1.8\"%s/>\n",
		              x + 16.0, y - 4.0, item[i].colour, item[i].colour, item[i].dash);
		st = kr_layout_add(o->layout, x, y - 11.0, 32.0, 14.0, -1, KR_BOX_SYMBOL);
		if (st == KR_OK)
			st = kri_svg_text(b, o, x + 40.0, y, 12.0, "start", "legend", -1, label);
		x += 40.0 + kri_text_width(label, 12.0) + 28.0;
	}
	if (st == KR_OK)
		st = kri_svg_text(b, o, 30.0, y + 26.0, 11.0, "start", "legend", -1,
		                  kr_tr(o->lang, "Hoe groter het blad, hoe meer mensen. "
		                        "Gestippeld: nog niemand.",
		                        "The bigger the petal, the more people. Dotted: nobody yet."));
	return st;
}

enum kr_status kri_render_flower(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_buf *out, struct kr_error *err)
{
	struct kr_scan sc;
	struct petal petals[NPETAL];
	struct geom g;
	struct kr_buf desc;
	int *pool = NULL, *household;
	size_t nhouse = 0, used = 0;
	int pf;
	enum kr_status st;
	char title[256], sub[160], d[16], cut[256];

	memset(petals, 0, sizeof petals);
	memset(&g, 0, sizeof g);
	kr_buf_init(&desc, 256 * 1024);
	if ((st = kr_scan_compute(c, o->as_of, &sc, err)) != KR_OK)
		goto out;
	pf = professional_friend(c, o->as_of);
	/* One pool of person indices, cut into the heart and the petals. */
	pool = malloc((sc.npeople + 1) * sizeof *pool);
	if (!pool) {
		st = kr_error_set(err, KR_ENOMEM, "out of memory drawing the flower");
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

	fit_page(petals, &g);

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
		st = kr_error_set(err, desc.why, "could not describe the flower");
		goto out;
	}
	if ((st = kri_svg_open(out, g.w, g.h, title, desc.data)) != KR_OK)
		goto out;
	kr_buf_puts(out, "<style>.title,.head,.child,.pf{font-weight:bold}.small,.sub{fill:#444}"
	            ".none,.more{font-style:italic;fill:#444}</style>\n");
	st = kri_svg_text(out, o, 24.0, 34.0, 18.0, "start", "title", -1,
	                  kri_text_fit(title, 18.0, g.w - 48.0, cut, sizeof cut));
	if (st == KR_OK)
		st = kri_svg_text(out, o, 24.0, 56.0, 12.0, "start", "sub", -1, sub);
	/* Petals first, then the heart on top of their bases. */
	for (int k = 0; k < NPETAL && st == KR_OK; k++)
		st = draw_petal(out, &g, c, o, k, &petals[k], 0);
	if (st == KR_OK)
		st = draw_heart(out, &g, c, o, household, nhouse, pf);
	for (int k = 0; k < NPETAL && st == KR_OK; k++)
		st = draw_petal(out, &g, c, o, k, &petals[k], 1);
	if (st == KR_OK)
		st = legend(out, &g, o);
	if (st == KR_OK)
		st = kri_svg_close(out);
	if (st == KR_OK && out->failed)
		st = out->why;
	if (st != KR_OK && err && err->code == KR_OK)
		kr_error_set(err, st, "could not write the flower picture");
out:
	free(pool);
	kr_scan_cleanup(&sc);
	kr_buf_cleanup(&desc);
	return st;
}
