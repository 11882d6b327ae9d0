/*
 * render_scan.c - the Community Scan as a spider-web (radar) chart: one axis
 * per network segment, rings for the values 0, 2, 4, 6, 8, 10, and the
 * polygon of the segment values (kr_scan_compute, lib/scan.c).  With
 * o->compare set, the earlier state is drawn as a second, dashed polygon in
 * another colour with square markers, and the legend names both dates, so
 * growth or loss over time is visible in colour and in black and white.
 * Weak segments (value under KR_SCAN_WEAK) and empty ones are labelled
 * "zwak" / "leeg" in italics, and the axis of an empty segment is dotted.
 *
 * Registered in o->layout: every text (through kri_svg_text), the markers of
 * the current polygon with a value of at least 1 (smaller values sit in the
 * centre and are read from the labels), and the legend symbols.  The web
 * itself and the earlier polygon (which may coincide with the current one by
 * design) are lines, like ties in the ecogram, and are not registered.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kring/scan.h"
#include "geometry_int.h"
#include "render_int.h"

#define W 720.0
#define H 660.0
#define CX 360.0
#define CY 320.0
#define R 190.0
#define LABEL_GAP 18.0
#define NSEG (KR_SEG__N - 1)

#define COL_NOW "#0072B2"     /* Okabe-Ito blue */
#define COL_THEN "#D55E00"    /* Okabe-Ito vermillion */
#define PI 3.14159265358979323846

/* Direction of axis k: the first points up, then clockwise. */
static void axis_dir(int k, double *ux, double *uy)
{
	double a = (-90.0 + 360.0 * k / NSEG) * PI / 180.0;
	*ux = cos(a);
	*uy = sin(a);
	/* Avoid "-0.0" and float noise in the printed coordinates. */
	if (fabs(*ux) < 1e-9)
		*ux = 0.0;
	if (fabs(*uy) < 1e-9)
		*uy = 0.0;
}

static void fmt_day(long day, char *buf)
{
	kr_date_format(kr_date_from_days(day), buf);
}

/* The polygon of the segment values of sc: the earlier state dashed
 * (then), the current one filled (now). */
static void polygon(struct kr_geometry *g, const struct kr_scan *sc, const char *colour,
                    int dashed)
{
	double *pts = kri_geom_doubles(g, 2 * NSEG);
	struct kr_geom_item *it;

	for (int k = 0; k < NSEG && pts; k++) {
		double ux, uy, r = R * sc->seg[kr_scan_order[k]].value / KR_SCAN_MAX;
		axis_dir(k, &ux, &uy);
		pts[2 * k] = CX + ux * r;
		pts[2 * k + 1] = CY + uy * r;
	}
	it = kri_geom_add(g, KR_GEOM_POLYGON);
	it->poly = (struct kr_geom_poly){ pts, pts ? NSEG : 0 };
	if (dashed) {
		it->style.fill = "none";
		it->style.stroke = colour;
		it->style.stroke_width = 2;
		it->style.dash = "7 4";
		it->cls = "then";
	} else {
		it->style.fill = colour;
		it->style.fill_opacity = 0.18;
		it->style.stroke = colour;
		it->style.stroke_width = 2.5;
		it->cls = "now";
	}
}

static void markers(struct kr_geometry *g, const struct kr_scan *sc, int earlier)
{
	for (int k = 0; k < NSEG; k++) {
		double ux, uy, v = sc->seg[kr_scan_order[k]].value, r = R * v / KR_SCAN_MAX;
		double x, y;
		struct kr_geom_item *it;
		if (v < 1.0)
			continue;
		axis_dir(k, &ux, &uy);
		x = CX + ux * r;
		y = CY + uy * r;
		if (earlier) {
			it = kri_geom_rect(g, x - 3.0, y - 3.0, 6.0, 6.0);
			it->style.fill = "#fff";
			it->style.stroke = COL_THEN;
			it->style.stroke_width = 1.5;
		} else {
			it = kri_geom_circle(g, x, y, 3.5);
			it->style.fill = COL_NOW;
			kri_geom_box(it, x - 3.5, y - 3.5, 7.0, 7.0, -1, KR_BOX_SYMBOL);
		}
	}
}

/* The web: rings, axes and the ring numbers between the first two axes. */
static void web(struct kr_geometry *g, const struct kr_scan *sc)
{
	struct kr_geom_item *it;
	char num[8];

	it = kri_geom_group(g, "web", KR_GEOM_F_BREAK);
	it->style.fill = "none";
	it->style.stroke = "#999";
	it->style.stroke_width = 0.8;
	for (int ring = 2; ring <= 10; ring += 2) {
		double r = R * ring / KR_SCAN_MAX, *pts = kri_geom_doubles(g, 2 * NSEG);
		for (int k = 0; k < NSEG && pts; k++) {
			double ux, uy;
			axis_dir(k, &ux, &uy);
			pts[2 * k] = CX + ux * r;
			pts[2 * k + 1] = CY + uy * r;
		}
		it = kri_geom_add(g, KR_GEOM_POLYGON);
		it->poly = (struct kr_geom_poly){ pts, pts ? NSEG : 0 };
		if (ring == 10)
			it->style.stroke = "#666";
	}
	for (int k = 0; k < NSEG; k++) {
		double ux, uy;
		axis_dir(k, &ux, &uy);
		it = kri_geom_line(g, CX, CY, CX + ux * R, CY + uy * R);
		if (sc->seg[kr_scan_order[k]].state == KR_SCAN_EMPTY)
			it->style.dash = "2 3";
	}
	kri_geom_end(g);
	/* Ring numbers on the bisector of the first two axes, clear of markers. */
	for (int ring = 2; ring <= 10; ring += 2) {
		double a = (-90.0 + 180.0 / NSEG) * PI / 180.0, r = R * ring / KR_SCAN_MAX;
		snprintf(num, sizeof num, "%d", ring);
		kri_geom_label(g, CX + cos(a) * r, CY + sin(a) * r + 3.7, 10.0, KR_ANCHOR_MIDDLE,
		               "ring", -1, num);
	}
}

/* The label block at the end of axis k: name, value, state. */
static void axis_label(struct kr_geometry *g, const struct kr_render_opts *o, int k,
                       const struct kr_scan *sc, const struct kr_scan *then)
{
	enum kr_segment seg = kr_scan_order[k];
	const struct kr_scan_segment *sg = &sc->seg[seg];
	const char *lines[3], *cls[3];
	enum kr_geom_anchor anchor;
	double px[3] = { 13.0, 11.0, 11.0 }, ux, uy, x, y, total = 0.0;
	char val[48];
	int n = 0;

	if (then)
		snprintf(val, sizeof val, "%.1f (%s %.1f)", sg->value,
		         kr_tr(o->lang, "eerder", "earlier"), then->seg[seg].value);
	else
		snprintf(val, sizeof val, "%.1f", sg->value);
	lines[n] = kr_scan_segment_name(seg, o->lang);
	cls[n++] = "seg";
	lines[n] = val;
	cls[n++] = "val";
	if (sg->state != KR_SCAN_OK) {
		lines[n] = kr_scan_state_name(sg->state, o->lang);
		cls[n++] = "weak";
	}
	for (int i = 0; i < n; i++)
		total += px[i] * 1.35;

	axis_dir(k, &ux, &uy);
	x = CX + ux * (R + LABEL_GAP);
	y = CY + uy * (R + LABEL_GAP);
	anchor = fabs(ux) < 0.3 ? KR_ANCHOR_MIDDLE : ux > 0 ? KR_ANCHOR_START : KR_ANCHOR_END;
	if (uy < -0.3)          /* above the chart: the block ends at the point */
		y = y - total + px[0];
	else if (uy > 0.3)      /* below: the block starts at the point */
		y = y + px[0];
	else                    /* beside: centred on the point */
		y = y - total / 2.0 + px[0];
	for (int i = 0; i < n; i++) {
		kri_geom_label(g, x, y, px[i], anchor, cls[i], -1, lines[i]);
		if (i + 1 < n)
			y += px[i + 1] * 1.35;
	}
}

static void legend(struct kr_geometry *g, const struct kr_render_opts *o, long now_day,
                   long then_day, int compare)
{
	char d[16], text[96];
	double y = H - (compare ? 74.0 : 56.0), x = 40.0;
	struct kr_geom_item *it;

	fmt_day(now_day, d);
	snprintf(text, sizeof text, "%s (%s)", kr_tr(o->lang, "nu", "now"), d);
	it = kri_geom_line(g, x, y - 4.0, x + 28.0, y - 4.0);
	it->style.stroke = COL_NOW;
	it->style.stroke_width = 2.5;
	it = kri_geom_circle(g, x + 14.0, y - 4.0, 3.5);
	it->style.fill = COL_NOW;
	kri_geom_box(it, x, y - 8.0, 28.0, 8.0, -1, KR_BOX_SYMBOL);
	kri_geom_label(g, x + 36.0, y, 12.0, KR_ANCHOR_START, "legend", -1, text);
	if (compare) {
		y += 18.0;
		fmt_day(then_day, d);
		snprintf(text, sizeof text, "%s (%s)", kr_tr(o->lang, "eerder", "earlier"), d);
		it = kri_geom_line(g, x, y - 4.0, x + 28.0, y - 4.0);
		it->style.stroke = COL_THEN;
		it->style.stroke_width = 2;
		it->style.dash = "7 4";
		it = kri_geom_rect(g, x + 11.0, y - 7.0, 6.0, 6.0);
		it->style.fill = "#fff";
		it->style.stroke = COL_THEN;
		it->style.stroke_width = 1.5;
		kri_geom_box(it, x, y - 8.0, 28.0, 8.0, -1, KR_BOX_SYMBOL);
		kri_geom_label(g, x + 36.0, y, 12.0, KR_ANCHOR_START, "legend", -1, text);
	}
	kri_geom_label(g, x, y + 20.0, 11.0, KR_ANCHOR_START, "legend", -1,
	               kr_tr(o->lang,
	                     "Waarde 0-10: de punten (belang × contact) van de "
	                     "mensen, gedeeld door 3.",
	                     "Value 0-10: the points (importance × contact) of the "
	                     "people, divided by 3."));
	kri_geom_label(g, x, y + 36.0, 11.0, KR_ANCHOR_START, "legend", -1,
	               kr_tr(o->lang, "zwak: waarde onder 2; leeg: niemand in dit deel",
	                     "weak: value under 2; empty: nobody in this part"));
}

/* The <desc>: every value in words, for screen readers and search. */
static enum kr_status describe(struct kr_buf *d, const struct kr_render_opts *o,
                               const struct kr_scan *sc, const struct kr_scan *then)
{
	kr_buf_puts(d, kr_tr(o->lang, "Spinnenweb van het netwerk in 9 delen (0-10).",
	                     "Spider web of the network in 9 parts (0-10)."));
	for (int k = 0; k < NSEG; k++) {
		enum kr_segment seg = kr_scan_order[k];
		kr_buf_printf(d, " %s %.1f", kr_scan_segment_name(seg, o->lang), sc->seg[seg].value);
		if (then)
			kr_buf_printf(d, " (%s %.1f)", kr_tr(o->lang, "eerder", "earlier"),
			              then->seg[seg].value);
		if (sc->seg[seg].state != KR_SCAN_OK)
			kr_buf_printf(d, ", %s", kr_scan_state_name(sc->seg[seg].state, o->lang));
		kr_buf_puts(d, k + 1 < NSEG ? ";" : ".");
	}
	return d->failed ? d->why : KR_OK;
}

/* The style of the scan's own classes. */
static const char *const css_classes[] = { "title", "seg", "weak", "ring", "sub" };
static const char *const css_rules[] = { "font-weight:bold", "font-weight:bold",
	"font-style:italic;fill:#333", "fill:#666", "fill:#333" };

enum kr_status kri_layout_scan(const struct kr_case *c, const struct kr_render_opts *o,
                               struct kr_geometry *g, struct kr_error *err)
{
	struct kr_scan now, then;
	struct kr_buf desc;
	struct kr_geom_item *it;
	enum kr_status st;
	int compare = o->compare != NULL;
	char title[256], d[16], cut[256], sub[96];

	memset(&then, 0, sizeof then);
	kr_buf_init(&desc, 64 * 1024);
	if ((st = kr_scan_compute(c, o->as_of, &now, err)) != KR_OK)
		goto out;
	if (compare && (st = kr_scan_compute(o->compare, o->compare_day, &then, err)) != KR_OK)
		goto out;
	if ((st = describe(&desc, o, &now, compare ? &then : NULL)) != KR_OK) {
		kr_error_say(err, st, "kan de tekening van de scan niet beschrijven",
		             "could not describe the scan picture");
		goto out;
	}
	snprintf(title, sizeof title, "%s %s",
	         kr_tr(o->lang, "Community Scan van", "Community Scan of"),
	         c->child >= 0 ? kr_case_person_name(c, c->child) : c->ref);
	g->width = W;
	g->height = H;
	g->title = kri_geom_str(g, title);
	g->desc = kri_geom_str(g, desc.data ? desc.data : "");
	it = kri_geom_add(g, KR_GEOM_CSS);
	it->css = (struct kr_geom_css){ css_classes, css_rules,
		sizeof css_classes / sizeof css_classes[0] };
	kri_geom_label(g, 24.0, 34.0, 18.0, KR_ANCHOR_START, "title", -1,
	               kri_text_fit(title, 18.0, W - 48.0, cut, sizeof cut));
	fmt_day(o->as_of, d);
	if (compare) {
		char d2[16];
		fmt_day(o->compare_day, d2);
		snprintf(sub, sizeof sub, "%s %s, %s %s", kr_tr(o->lang, "stand op", "as of"), d,
		         kr_tr(o->lang, "vergeleken met", "compared with"), d2);
	} else {
		snprintf(sub, sizeof sub, "%s %s", kr_tr(o->lang, "stand op", "as of"), d);
	}
	kri_geom_label(g, 24.0, 56.0, 12.0, KR_ANCHOR_START, "sub", -1, sub);
	web(g, &now);
	if (compare)
		polygon(g, &then, COL_THEN, 1);
	polygon(g, &now, COL_NOW, 0);
	if (compare)
		markers(g, &then, 1);
	markers(g, &now, 0);
	for (int k = 0; k < NSEG; k++)
		axis_label(g, o, k, &now, compare ? &then : NULL);
	legend(g, o, o->as_of, o->compare_day, compare);
out:
	kr_scan_cleanup(&now);
	kr_scan_cleanup(&then);
	kr_buf_cleanup(&desc);
	return st;
}
