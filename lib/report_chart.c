/*
 * report_chart.c - the chart of one table of a report (report.h): laid out
 * once into a struct kr_geometry (chart_geometry: lines, bars, dots and
 * texts in a box, geometry.h) that two writers draw - the one SVG writer of
 * the pictures (lib/svg.c, kr_report_chart_svg, for the browser's
 * dashboard) and cairo in report_pdf.c, which reads the same geometry as
 * flat lists (kri_chart_layout) - so a chart looks the same in the browser
 * and on paper and is never laid out twice.
 *
 * The chart shows the focus unit's rows (kri_report_chart_data): bars per
 * value of x (grouped per series), or a line per series over the days or
 * quarters; a value that is held back leaves a gap.  The y axis runs from 0
 * to a round number above the largest value, in four steps.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geometry_int.h"
#include "report_int.h"

/* Okabe-Ito, as the instruments use; then greys. */
static const char *const palette_hex[KRI_CHART_COLOURS] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#4D4D4D",
};

const char *kri_chart_colour(int i)
{
	if (i == KRI_INK_GRID)
		return "#D9D9D9";
	if (i < 0)
		return "#333333";
	return palette_hex[i % KRI_CHART_COLOURS];
}

/* The layout's pen: the geometry it fills and the pass it is in.  The
 * layout runs four times, adding in pass 0 the lines, 1 the rectangles, 2
 * the dots and 3 the texts, so the shapes are drawn in that order (texts
 * over bars, bars over the grid) by any writer that follows the items. */
struct pen {
	struct kr_geometry *g;
	int pass;
};

static void line(struct pen *p, double x0, double y0, double x1, double y1, int ink,
                 double width)
{
	struct kr_geom_item *it;

	if (p->pass != 0)
		return;
	it = kri_geom_line(p->g, x0, y0, x1, y1);
	it->style.stroke = kri_chart_colour(ink);
	it->style.stroke_width = (float)width;
}

static void rect(struct pen *p, double x, double y, double w, double h, int ink)
{
	if (p->pass == 1)
		kri_geom_rect(p->g, x, y, w, h)->style.fill = kri_chart_colour(ink);
}

static void dot(struct pen *p, double x, double y, double r, int ink)
{
	if (p->pass == 2)
		kri_geom_circle(p->g, x, y, r)->style.fill = kri_chart_colour(ink);
}

/* anchor 0 start, 1 middle, 2 end; in the text ink (class "chart-text"). */
static void text(struct pen *p, double x, double y, double size, int anchor, const char *s)
{
	if (p->pass == 3)
		kri_geom_label(p->g, x, y, size, (enum kr_geom_anchor)anchor, "chart-text", -1, s);
}

/* Cuts s to at most n characters (not bytes) into out. */
static const char *cut(const char *s, size_t n, char *out, size_t size)
{
	size_t chars = 0, i = 0;
	while (s[i] && i + 4 < size) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == n)
			break;
		out[i] = s[i];
		i++;
	}
	out[i] = '\0';
	return out;
}

static double nice_max(double m)
{
	double step;
	if (m <= 0)
		return 1;
	step = pow(10, floor(log10(m)));
	for (int k = 1; k <= 10; k++)
		if (k * step >= m)
			return k * step;
	return 10 * step;
}

void kri_chart_geom_cleanup(struct kri_chart_geom *g)
{
	free(g->rect);
	free(g->line);
	free(g->dot);
	free(g->text);
	memset(g, 0, sizeof *g);
}

/* One pass of the layout (see struct pen) of chart data c of table t. */
static void layout_pass(struct pen *p, const struct kr_report *r, const struct kr_report_table *t,
                        const struct kri_chart *c, enum kr_lang L, double w, double h)
{
	double x0 = 38, pw = w - x0 - 6, top = 6, ph, max = 0, slot;
	size_t rows_legend = 0;

	if (c->ns > 1) {
		/* the legend's rows, at about 5.5 units per character of 10 */
		double lx = 0;
		rows_legend = 1;
		for (size_t s = 0; s < c->ns; s++) {
			double lw = 16 + 4.6 * (double)strlen(kri_report_label(r, t->chart.series,
			                                                       c->sv[s], L));
			if (lx + lw > pw && lx > 0) {
				rows_legend++;
				lx = 0;
			}
			lx += lw;
		}
	}
	ph = h - top - 34 - 12.0 * (double)rows_legend;
	for (size_t i = 0; i < c->nx * c->ns; i++)
		if (c->has[i] && c->v[i] > max)
			max = c->v[i];
	/* shares run to 100 % */
	max = (t->chart.measure && strstr(t->chart.measure, "percent")) ||
	      (t->chart.x && strcmp(t->chart.x, "measure") == 0) ? 100 : nice_max(max);
	slot = pw / (double)c->nx;
	/* the grid and the y axis' numbers */
	for (int k = 0; k <= 4; k++) {
		double yy = top + ph - ph * k / 4.0;
		char lab[32];
		line(p, x0, yy, x0 + pw, yy, KRI_INK_GRID, 0.6);
		if (p->pass == 3) {
			snprintf(lab, sizeof lab, "%g", max * k / 4.0);
			text(p, x0 - 4, yy + 3, 8, 2, lab);
		}
	}
	/* the x axis' labels, every other one a line lower when they are many */
	for (size_t i = 0; p->pass == 3 && i < c->nx; i++) {
		char buf[64];
		const char *lab = kri_report_label(r, t->chart.x, c->xv[i], L);
		bool two = c->nx > 5;          /* every other label a line lower: twice the room */
		size_t fit = (size_t)(slot * (two ? 2 : 1) / 4.6);
		text(p, x0 + slot * ((double)i + 0.5), top + ph + 12 + (two ? 10.0 * (double)(i % 2) : 0),
		     8, 1, cut(lab, fit < 4 ? 4 : fit, buf, sizeof buf));
	}
	for (size_t s = 0; s < c->ns; s++) {
		int ink = (int)(s % KRI_CHART_COLOURS);
		if (t->chart.type == KR_CHART_LINE) {
			double px = 0, py = 0;
			bool down = false;
			for (size_t i = 0; i < c->nx; i++) {
				double cx = x0 + slot * ((double)i + 0.5), cy;
				if (!c->has[s * c->nx + i]) {
					down = false;
					continue;
				}
				cy = top + ph - ph * c->v[s * c->nx + i] / max;
				if (down)
					line(p, px, py, cx, cy, ink, 1.8);
				dot(p, cx, cy, 2.4, ink);
				px = cx;
				py = cy;
				down = true;
			}
		} else {
			double bw = slot * 0.8 / (double)c->ns;
			for (size_t i = 0; i < c->nx; i++) {
				double v = c->v[s * c->nx + i];
				if (!c->has[s * c->nx + i]) {
					/* held back: said, not drawn */
					if (c->ns == 1)
						text(p, x0 + slot * ((double)i + 0.5), top + ph - 3, 7, 1, "<10");
					continue;
				}
				rect(p, x0 + slot * (double)i + slot * 0.1 + bw * (double)s,
				     top + ph - ph * v / max, bw * 0.92, ph * v / max, ink);
			}
		}
	}
	line(p, x0, top + ph, x0 + pw, top + ph, KRI_INK_TEXT, 0.8);
	/* the legend */
	if (c->ns > 1) {
		double lx = x0, ly = top + ph + 34;
		for (size_t s = 0; s < c->ns; s++) {
			const char *lab = kri_report_label(r, t->chart.series, c->sv[s], L);
			double lw = 16 + 4.6 * (double)strlen(lab);
			if (lx + lw > x0 + pw && lx > x0) {
				lx = x0;
				ly += 12;
			}
			rect(p, lx, ly - 7, 8, 8, (int)(s % KRI_CHART_COLOURS));
			text(p, lx + 11, ly, 8, 0, lab);
			lx += lw;
		}
	}
}

/* The text ink of the labels (the writer's default is black). */
static const char *const css_classes[] = { "chart-text" };
static const char *const css_rules[] = { "fill:#333333" };

/* Lays out the chart of table t in lang, w x h units, into a new geometry
 * (*out, free with kr_geometry_free): lines (grid, axis, the line chart's
 * segments), then rectangles (bars, legend swatches), dots, texts (class
 * "chart-text").  KR_ENOTFOUND when there is nothing to draw, KR_ENOMEM;
 * *out is NULL then. */
static enum kr_status chart_geometry(const struct kr_report *r, const struct kr_report_table *t,
                                     enum kr_lang lang, double w, double h,
                                     struct kr_geometry **out)
{
	struct kri_chart c;
	struct pen p;
	struct kr_geom_item *it;
	enum kr_status rc;

	*out = NULL;
	if (!kri_report_chart_data(r, t, &c))
		return KR_ENOTFOUND;
	if (!(p.g = kri_geom_new(KR_RENDER__N))) {
		kri_chart_cleanup(&c);
		return KR_ENOMEM;
	}
	p.g->width = w;
	p.g->height = h;
	p.g->title = kri_geom_str(p.g, t->title[lang]);
	p.g->desc = kri_geom_str(p.g, t->note[lang] ? t->note[lang] : "");
	kri_geom_reserve(p.g, 16 + 4 * c.nx * c.ns + 2 * c.nx + 2 * c.ns);
	it = kri_geom_add(p.g, KR_GEOM_CSS);
	it->css = (struct kr_geom_css){ css_classes, css_rules, 1 };
	for (p.pass = 0; p.pass < 4; p.pass++)
		layout_pass(&p, r, t, &c, lang, w, h);
	kri_chart_cleanup(&c);
	if ((rc = kri_geom_status(p.g)) != KR_OK) {
		kr_geometry_free(p.g);
		return rc;
	}
	*out = p.g;
	return KR_OK;
}

/* The palette index (or KRI_INK_x) of a colour the layout gave. */
static int ink_of(const char *colour)
{
	if (!colour)
		return KRI_INK_TEXT;
	for (int i = KRI_INK_GRID; i < KRI_CHART_COLOURS; i++)
		if (strcmp(colour, kri_chart_colour(i)) == 0)
			return i;
	return KRI_INK_TEXT;
}

static void *grow(void **v, size_t *n, size_t size, bool *fail)
{
	void *g;

	if (*fail || !(g = realloc(*v, (*n + 1) * size))) {
		*fail = true;
		return NULL;
	}
	*v = g;
	memset((char *)g + *n * size, 0, size);
	return (char *)g + (*n)++ * size;
}

/* The PDF's reading of the chart's geometry (report_int.h): the same items
 * as flat lists, colours back to palette inks. */
bool kri_chart_layout(const struct kr_report *r, const struct kr_report_table *t,
                      enum kr_lang L, double w, double h, struct kri_chart_geom *g)
{
	struct kr_geometry *geo;

	memset(g, 0, sizeof *g);
	g->w = w;
	g->h = h;
	if (chart_geometry(r, t, L, w, h, &geo) != KR_OK)
		return false;
	for (size_t i = 0; i < geo->nitems; i++) {
		const struct kr_geom_item *it = &geo->items[i];
		const char *col = it->type == KR_GEOM_LINE ? it->style.stroke : it->style.fill;
		int ink = ink_of(col);
		struct kri_gline *l;
		struct kri_grect *b;
		struct kri_gdot *d;
		struct kri_gtext *x;
		switch (it->type) {
		case KR_GEOM_LINE:
			if ((l = grow((void **)&g->line, &g->nline, sizeof *l, &g->fail)))
				*l = (struct kri_gline){ it->line.x1, it->line.y1, it->line.x2, it->line.y2,
				                         ink, it->style.stroke_width };
			break;
		case KR_GEOM_RECT:
			if ((b = grow((void **)&g->rect, &g->nrect, sizeof *b, &g->fail)))
				*b = (struct kri_grect){ it->rect.x, it->rect.y, it->rect.w, it->rect.h, ink };
			break;
		case KR_GEOM_CIRCLE:
			if ((d = grow((void **)&g->dot, &g->ndot, sizeof *d, &g->fail)))
				*d = (struct kri_gdot){ it->circle.x, it->circle.y, it->circle.r, ink };
			break;
		case KR_GEOM_LABEL:
			if ((x = grow((void **)&g->text, &g->ntext, sizeof *x, &g->fail))) {
				*x = (struct kri_gtext){ it->label.x, it->label.y, it->label.size,
				                         (int)it->label.anchor, KRI_INK_TEXT, "" };
				snprintf(x->s, sizeof x->s, "%s", it->label.text);
			}
			break;
		default:
			break;
		}
	}
	kr_geometry_free(geo);
	if (g->fail) {
		kri_chart_geom_cleanup(g);
		return false;
	}
	return true;
}

enum kr_status kr_report_chart_svg(const struct kr_report *r, const struct kr_report_table *t,
                                   enum kr_lang lang, struct kr_buf *out)
{
	struct kr_geometry *g;
	enum kr_status rc;

	if ((rc = chart_geometry(r, t, lang, 520, 200, &g)) != KR_OK)
		return rc;
	rc = kr_geometry_to_svg(g, NULL, out, NULL);
	kr_geometry_free(g);
	return rc;
}
