/*
 * render_kompas.c - the Netwerkkompas (Prima Pleegzorg): ecogram, genogram,
 * lifeline and sociogram of one child together on one printable A4
 * landscape page (a 297 x 210 mm viewBox, width and height in mm), for a
 * network meeting.
 *
 * The page is a geometry that holds the four pictures' own geometries
 * (KR_GEOM_PICTURE), each fitted into a framed quarter of the page under a
 * caption.  The SVG writer draws each as a nested <svg> with a per-panel id
 * prefix ("k1-" .. "k4-"), so one panel's ids, classes and styles never
 * reach another's - nothing is parsed or rewritten.  A panel whose layout
 * refuses the case (KR_EINVAL, KR_EUSAGE) says so in its frame; running out
 * of memory fails the page.
 *
 * Boxes: the title, the captions, and the panels' own boxes mapped onto the
 * page (kr_geometry_boxes), all in millimetres.
 */
#include <stdio.h>
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"

#define PAGE_W 297.0
#define PAGE_H 210.0
#define MARGIN 8.0
#define GAP 5.0
#define TOP 18.0          /* below the title */
#define CAPTION 6.5       /* caption strip at the top of each panel */
#define NPANEL 4

/* The style of the page's own classes. */
static const char *const css_classes[] = { "kompas-title kompas-caption", "kompas-missing" };
static const char *const css_rules[] = { "font-weight:bold", "font-style:italic;fill:#444" };

enum kr_status kri_layout_kompas(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_geometry *g, struct kr_error *err)
{
	static const struct { enum kr_render_kind kind; const char *nl, *en; } panel[NPANEL] = {
		{ KR_RENDER_ECOGRAM, "Ecogram", "Ecogram" },
		{ KR_RENDER_GENOGRAM, "Genogram", "Genogram" },
		{ KR_RENDER_LIFELINE, "Levenslijn", "Lifeline" },
		{ KR_RENDER_SOCIOGRAM, "Sociogram", "Sociogram" },
	};
	const double pw = (PAGE_W - 2.0 * MARGIN - GAP) / 2.0;
	const double ph = (PAGE_H - TOP - MARGIN - GAP) / 2.0;
	const char *child = c->child >= 0 ? kr_case_person_name(c, c->child) : c->ref;
	struct kr_error suberr;
	struct kr_geom_item *it;
	enum kr_status st = KR_OK;
	char title[256], d[16], buf[640];

	kr_error_init(&suberr);
	if (err)
		suberr.lang = err->lang;   /* a panel's message in the caller's language */
	kr_date_format(kr_date_from_days(o->as_of), d);
	snprintf(title, sizeof title, "%s %s, %s %s", kr_tr(o->lang, "Netwerkkompas van",
	         "Network compass of"), child, kr_tr(o->lang, "stand op", "as of"), d);
	g->mm = true;
	g->width = PAGE_W;
	g->height = PAGE_H;
	g->title = kri_geom_str(g, title);
	g->desc = kr_tr(o->lang,
	                "Ecogram, genogram, levenslijn en sociogram op een A4-pagina, voor een "
	                "netwerkbijeenkomst.",
	                "Ecogram, genogram, lifeline and sociogram on one A4 page, for a network "
	                "meeting.");
	it = kri_geom_add(g, KR_GEOM_CSS);
	it->css = (struct kr_geom_css){ css_classes, css_rules,
		sizeof css_classes / sizeof css_classes[0] };
	kri_geom_label(g, MARGIN, 12.0, 6.0, KR_ANCHOR_START, "kompas-title", -1,
	               kri_text_fit(title, 6.0, PAGE_W - 2.0 * MARGIN, buf, sizeof buf));

	for (int k = 0; k < NPANEL; k++) {
		struct kr_render_opts so = *o;
		struct kr_geometry *sub = NULL;
		double px = MARGIN + (k % 2) * (pw + GAP), py = TOP + (k / 2) * (ph + GAP);
		enum kr_status rs;

		kri_geom_group(g, "kompas-panel", KR_GEOM_F_BREAK);
		it = kri_geom_rect(g, px, py, pw, ph);
		it->rect.rx = 1.5;
		it->style.fill = "none";
		it->style.stroke = "#999";
		it->style.stroke_width = 0.3;
		kri_geom_label(g, px + 2.0, py + 4.8, 4.2, KR_ANCHOR_START, "kompas-caption", -1,
		               kr_tr(o->lang, panel[k].nl, panel[k].en));
		so.compare = NULL;
		so.layout = NULL;
		kr_error_cleanup(&suberr);
		rs = kri_render_layout(panel[k].kind, c, &so, kri_geom_keeps(g), &sub, &suberr);
		if (rs == KR_OK) {
			it = kri_geom_add(g, KR_GEOM_PICTURE);
			it->picture = (struct kr_geom_picture){ sub, px + 1.0, py + CAPTION + 0.5,
				pw - 2.0, ph - CAPTION - 1.5, kri_geom_printf(g, "k%d-", k + 1) };
			if (kri_geom_status(g) != KR_OK)
				kr_geometry_free(sub);     /* it went to the scratch item */
		} else if (rs == KR_ENOMEM || rs == KR_ETOOBIG) {
			st = suberr.code ? kr_error_say(err, rs, "%s", "%s", suberr.message) :
			     kr_error_say(err, rs, "geen ruimte meer bij het tekenen van het netwerkkompas",
			                  "out of room drawing the network compass");
			goto out;
		} else {
			/* This panel cannot be drawn for this case: say so in its frame. */
			char msg[600];
			snprintf(msg, sizeof msg, "%s: %s", kr_tr(o->lang, "niet beschikbaar",
			         "not available"), suberr.code ? suberr.message : kr_status_name(rs));
			kri_geom_label(g, px + 4.0, py + ph / 2.0, 3.5, KR_ANCHOR_START, "kompas-missing",
			               -1, kri_text_fit(msg, 3.5, pw - 8.0, buf, sizeof buf));
		}
		kri_geom_end(g);
	}
out:
	kr_error_cleanup(&suberr);
	return st;
}
