/*
 * report_chart.c - the chart of one table of a report (report.h): laid out
 * once into a geometry (kri_chart_layout: bars, lines, dots and texts in a
 * box) that two writers draw - SVG text here (kr_report_chart_svg, for the
 * browser's dashboard) and cairo in report_pdf.c - so a chart looks the
 * same in the browser and on paper and is never laid out twice.
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

static void *push(void **v, size_t *n, size_t size, bool *fail)
{
	void *g;
	if (*fail)
		return NULL;
	if (!(g = realloc(*v, (*n + 1) * size))) {
		*fail = true;
		return NULL;
	}
	*v = g;
	memset((char *)g + *n * size, 0, size);
	return (char *)g + (*n)++ * size;
}

static void line(struct kri_chart_geom *g, double x0, double y0, double x1, double y1, int ink,
                 double width)
{
	struct kri_gline *l = push((void **)&g->line, &g->nline, sizeof *l, &g->fail);
	if (l)
		*l = (struct kri_gline){ x0, y0, x1, y1, ink, width };
}

static void text(struct kri_chart_geom *g, double x, double y, double size, int anchor,
                 const char *s)
{
	struct kri_gtext *t = push((void **)&g->text, &g->ntext, sizeof *t, &g->fail);
	if (t) {
		*t = (struct kri_gtext){ x, y, size, anchor, KRI_INK_TEXT, "" };
		snprintf(t->s, sizeof t->s, "%s", s);
	}
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

bool kri_chart_layout(const struct kr_report *r, const struct kr_report_table *t,
                      enum kr_lang L, double w, double h, struct kri_chart_geom *g)
{
	struct kri_chart c;
	double x0 = 38, pw = w - x0 - 6, top = 6, ph, max = 0, slot;
	size_t rows_legend = 0;

	memset(g, 0, sizeof *g);
	g->w = w;
	g->h = h;
	if (!kri_report_chart_data(r, t, &c))
		return false;
	if (c.ns > 1) {
		/* the legend's rows, at about 5.5 units per character of 10 */
		double lx = 0;
		rows_legend = 1;
		for (size_t s = 0; s < c.ns; s++) {
			double lw = 16 + 4.6 * (double)strlen(kri_report_label(r, t->chart.series,
			                                                       c.sv[s], L));
			if (lx + lw > pw && lx > 0) {
				rows_legend++;
				lx = 0;
			}
			lx += lw;
		}
	}
	ph = h - top - 34 - 12.0 * (double)rows_legend;
	for (size_t i = 0; i < c.nx * c.ns; i++)
		if (c.has[i] && c.v[i] > max)
			max = c.v[i];
	/* shares run to 100 % */
	max = (t->chart.measure && strstr(t->chart.measure, "percent")) ||
	      (t->chart.x && strcmp(t->chart.x, "measure") == 0) ? 100 : nice_max(max);
	slot = pw / (double)c.nx;
	/* the grid and the y axis' numbers */
	for (int k = 0; k <= 4; k++) {
		double yy = top + ph - ph * k / 4.0;
		char lab[32];
		line(g, x0, yy, x0 + pw, yy, KRI_INK_GRID, 0.6);
		snprintf(lab, sizeof lab, "%g", max * k / 4.0);
		text(g, x0 - 4, yy + 3, 8, 2, lab);
	}
	/* the x axis' labels, every other one a line lower when they are many */
	for (size_t i = 0; i < c.nx; i++) {
		char buf[64];
		const char *lab = kri_report_label(r, t->chart.x, c.xv[i], L);
		bool two = c.nx > 5;           /* every other label a line lower: twice the room */
		size_t fit = (size_t)(slot * (two ? 2 : 1) / 4.6);
		text(g, x0 + slot * ((double)i + 0.5), top + ph + 12 + (two ? 10.0 * (double)(i % 2) : 0),
		     8, 1, cut(lab, fit < 4 ? 4 : fit, buf, sizeof buf));
	}
	for (size_t s = 0; s < c.ns; s++) {
		int ink = (int)(s % KRI_CHART_COLOURS);
		if (t->chart.type == KR_CHART_LINE) {
			double px = 0, py = 0;
			bool pen = false;
			for (size_t i = 0; i < c.nx; i++) {
				double cx = x0 + slot * ((double)i + 0.5), cy;
				struct kri_gdot *d;
				if (!c.has[s * c.nx + i]) {
					pen = false;
					continue;
				}
				cy = top + ph - ph * c.v[s * c.nx + i] / max;
				if (pen)
					line(g, px, py, cx, cy, ink, 1.8);
				if ((d = push((void **)&g->dot, &g->ndot, sizeof *d, &g->fail)))
					*d = (struct kri_gdot){ cx, cy, 2.4, ink };
				px = cx;
				py = cy;
				pen = true;
			}
		} else {
			double bw = slot * 0.8 / (double)c.ns;
			for (size_t i = 0; i < c.nx; i++) {
				double v = c.v[s * c.nx + i];
				struct kri_grect *b;
				if (!c.has[s * c.nx + i]) {
					/* held back: said, not drawn */
					if (c.ns == 1)
						text(g, x0 + slot * ((double)i + 0.5), top + ph - 3, 7, 1, "<10");
					continue;
				}
				if ((b = push((void **)&g->rect, &g->nrect, sizeof *b, &g->fail)))
					*b = (struct kri_grect){ x0 + slot * (double)i + slot * 0.1 +
					                         bw * (double)s, top + ph - ph * v / max,
					                         bw * 0.92, ph * v / max, ink };
			}
		}
	}
	line(g, x0, top + ph, x0 + pw, top + ph, KRI_INK_TEXT, 0.8);
	/* the legend */
	if (c.ns > 1) {
		double lx = x0, ly = top + ph + 34;
		for (size_t s = 0; s < c.ns; s++) {
			const char *lab = kri_report_label(r, t->chart.series, c.sv[s], L);
			double lw = 16 + 4.6 * (double)strlen(lab);
			struct kri_grect *b;
			if (lx + lw > x0 + pw && lx > x0) {
				lx = x0;
				ly += 12;
			}
			if ((b = push((void **)&g->rect, &g->nrect, sizeof *b, &g->fail)))
				*b = (struct kri_grect){ lx, ly - 7, 8, 8, (int)(s % KRI_CHART_COLOURS) };
			text(g, lx + 11, ly, 8, 0, lab);
			lx += lw;
		}
	}
	kri_chart_cleanup(&c);
	if (g->fail) {
		kri_chart_geom_cleanup(g);
		return false;
	}
	return true;
}

enum kr_status kr_report_chart_svg(const struct kr_report *r, const struct kr_report_table *t,
                                   enum kr_lang lang, struct kr_buf *out)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	struct kri_chart_geom g;

	if (!kri_chart_layout(r, t, lang, 520, 200, &g))
		return KR_ENOTFOUND;
	kr_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	              "width=\"%.0f\" height=\"%.0f\" role=\"img\" font-family=\"DejaVu Sans, "
	              "sans-serif\"><title>", g.w, g.h, g.w, g.h);
	kr_buf_xml(out, t->title[lang]);
	kr_buf_puts(out, "</title>");
	for (size_t i = 0; i < g.nline; i++)
		kr_buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		              "stroke-width=\"%.1f\"/>", g.line[i].x0, g.line[i].y0, g.line[i].x1,
		              g.line[i].y1, kri_chart_colour(g.line[i].ink), g.line[i].width);
	for (size_t i = 0; i < g.nrect; i++)
		kr_buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		              "fill=\"%s\"/>", g.rect[i].x, g.rect[i].y, g.rect[i].w, g.rect[i].h,
		              kri_chart_colour(g.rect[i].ink));
	for (size_t i = 0; i < g.ndot; i++)
		kr_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", g.dot[i].x,
		              g.dot[i].y, g.dot[i].r, kri_chart_colour(g.dot[i].ink));
	for (size_t i = 0; i < g.ntext; i++) {
		kr_buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" "
		              "fill=\"%s\">", g.text[i].x, g.text[i].y, g.text[i].size,
		              anchors[g.text[i].anchor], kri_chart_colour(g.text[i].ink));
		kr_buf_xml(out, g.text[i].s);
		kr_buf_puts(out, "</text>");
	}
	kr_buf_puts(out, "</svg>\n");
	kri_chart_geom_cleanup(&g);
	return out->failed ? out->why : KR_OK;
}
