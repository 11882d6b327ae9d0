/*
 * report_pdf.c - the report of report.h as a printable PDF (kr_report_pdf):
 * A4 pages drawn with cairo - a heading with the day, the window and the
 * disclosure rules, then per table its title, what it counts, a chart of
 * the focus unit (bars, or lines for what changes per quarter) and the
 * focus unit's values; for a team, the caseload.  Text is cairo's own
 * (DejaVu Sans), so nothing but the report decides the bytes; the PDF's
 * dates are fixed like those of render.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/signals.h"
#include "report_int.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0
#define FIXED_DATE "2000-01-01T00:00:00Z"
#define FONT "DejaVu Sans"

struct pdf {
	cairo_t *cr;
	cairo_surface_t *s;
	double y;
	enum kr_lang L;
	const struct kr_report *r;
};

/* Okabe-Ito, as the instruments use. */
static const double palette[][3] = {
	{ 0.0, 0.447, 0.698 }, { 0.902, 0.624, 0.0 }, { 0.0, 0.620, 0.451 },
	{ 0.800, 0.475, 0.655 }, { 0.337, 0.706, 0.914 }, { 0.835, 0.369, 0.0 },
	{ 0.941, 0.894, 0.259 }, { 0.3, 0.3, 0.3 },
};
#define NPALETTE (sizeof palette / sizeof *palette)

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return kr_buf_add(closure, data, len) == KR_OK ? CAIRO_STATUS_SUCCESS
	                                               : CAIRO_STATUS_WRITE_ERROR;
}

static void font(struct pdf *p, double size, bool bold)
{
	cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
	                       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(p->cr, size);
}

static double text_width(struct pdf *p, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(p->cr, s, &e);
	return e.x_advance;
}

static void text_at(struct pdf *p, double x, double y, const char *s)
{
	cairo_move_to(p->cr, x, y);
	cairo_show_text(p->cr, s);
}

static void new_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->y = MARGIN;
}

static void need(struct pdf *p, double h)
{
	if (p->y + h > PAGE_H - MARGIN)
		new_page(p);
}

/* Writes s wrapped to width w from the current y, line height lh. */
static void para(struct pdf *p, const char *s, double w, double lh)
{
	char line[512] = "", word[256];
	const char *q = s;

	while (*q) {
		size_t n = strcspn(q, " ");
		char tryl[768];
		snprintf(word, sizeof word, "%.*s", (int)(n < 255 ? n : 255), q);
		q += n;
		while (*q == ' ')
			q++;
		snprintf(tryl, sizeof tryl, "%s%s%s", line, *line ? " " : "", word);
		if (*line && text_width(p, tryl) > w) {
			need(p, lh);
			text_at(p, MARGIN, p->y, line);
			p->y += lh;
			snprintf(line, sizeof line, "%s", word);
		} else {
			snprintf(line, sizeof line, "%s", tryl);
		}
	}
	if (*line) {
		need(p, lh);
		text_at(p, MARGIN, p->y, line);
		p->y += lh;
	}
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

/* The chart of table t in a box of w x h at (x, p->y). */
static void draw_chart(struct pdf *p, const struct kr_report_table *t, double w, double h)
{
	struct kri_chart c;
	double x0 = MARGIN + 36, y0, pw = w - 36, ph = h - 40, max = 0;
	cairo_t *cr = p->cr;

	if (!kri_report_chart_data(p->r, t, &c))
		return;
	need(p, h + 10);
	y0 = p->y + 8;
	for (size_t i = 0; i < c.nx * c.ns; i++)
		if (c.has[i] && c.v[i] > max)
			max = c.v[i];
	max = nice_max(max);
	/* axes and grid */
	font(p, 7, false);
	cairo_set_line_width(cr, 0.4);
	for (int k = 0; k <= 4; k++) {
		double yy = y0 + ph - ph * k / 4.0;
		char lab[32];
		cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		cairo_move_to(cr, x0, yy);
		cairo_line_to(cr, x0 + pw, yy);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		snprintf(lab, sizeof lab, "%g", max * k / 4.0);
		text_at(p, x0 - 4 - text_width(p, lab), yy + 2.5, lab);
	}
	for (size_t i = 0; i < c.nx; i++) {
		const char *lab = kri_report_label(p->r, t->chart.x, c.xv[i], p->L);
		double cx = x0 + pw * ((double)i + 0.5) / (double)c.nx;
		char cut[40];
		snprintf(cut, sizeof cut, "%.*s", text_width(p, lab) > pw / (double)c.nx ? 14 : 39,
		         lab);
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		text_at(p, cx - text_width(p, cut) / 2, y0 + ph + 10 + (double)(i % 2) * 8, cut);
	}
	for (size_t s = 0; s < c.ns; s++) {
		const double *col = palette[s % NPALETTE];
		cairo_set_source_rgb(cr, col[0], col[1], col[2]);
		if (t->chart.type == KR_CHART_LINE) {
			bool pen = false;
			cairo_set_line_width(cr, 1.6);
			for (size_t i = 0; i < c.nx; i++) {
				double cx = x0 + pw * ((double)i + 0.5) / (double)c.nx;
				double cy = y0 + ph - ph * c.v[s * c.nx + i] / max;
				if (!c.has[s * c.nx + i]) {
					pen = false;
					continue;
				}
				if (pen)
					cairo_line_to(cr, cx, cy);
				else
					cairo_move_to(cr, cx, cy);
				pen = true;
			}
			cairo_stroke(cr);
			for (size_t i = 0; i < c.nx; i++)
				if (c.has[s * c.nx + i]) {
					cairo_arc(cr, x0 + pw * ((double)i + 0.5) / (double)c.nx,
					          y0 + ph - ph * c.v[s * c.nx + i] / max, 2.2, 0, 2 * M_PI);
					cairo_fill(cr);
				}
		} else {
			double slot = pw / (double)c.nx, bw = slot * 0.8 / (double)c.ns;
			for (size_t i = 0; i < c.nx; i++) {
				double v = c.v[s * c.nx + i], bx = x0 + slot * (double)i + slot * 0.1 +
				           bw * (double)s;
				if (!c.has[s * c.nx + i])
					continue;
				cairo_rectangle(cr, bx, y0 + ph - ph * v / max, bw * 0.92, ph * v / max);
				cairo_fill(cr);
			}
		}
	}
	/* the legend */
	if (c.ns > 1) {
		double lx = x0;
		font(p, 7, false);
		for (size_t s = 0; s < c.ns; s++) {
			const char *lab = kri_report_label(p->r, t->chart.series, c.sv[s], p->L);
			const double *col = palette[s % NPALETTE];
			if (lx + 14 + text_width(p, lab) > x0 + pw) {
				lx = x0;
				y0 += 9;
			}
			cairo_set_source_rgb(cr, col[0], col[1], col[2]);
			cairo_rectangle(cr, lx, y0 + ph + 22, 7, 7);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
			text_at(p, lx + 10, y0 + ph + 28.5, lab);
			lx += 18 + text_width(p, lab);
		}
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	p->y = y0 + h + 4;
	kri_chart_cleanup(&c);
}

/* The focus unit's rows of t as label and value. */
static void values(struct pdf *p, const struct kr_report_table *t)
{
	size_t n = 0, *rows = kri_report_focus(p->r, t, &n);

	font(p, 8, false);
	for (size_t k = 0; rows && k < n; k++) {
		const struct kr_report_row *row = &t->rows[rows[k]];
		char label[300] = "", v[32];
		size_t used = 0;
		for (size_t d = 2; d < row->ndims && used < sizeof label; d++)
			used += (size_t)snprintf(label + used, sizeof label - used, "%s%s", d > 2 ? ", " : "",
			                         kri_report_label(p->r, row->key[d], row->val[d], p->L));
		if (!row->has_value)
			snprintf(v, sizeof v, "%s", row->count ? "<10" : "-");
		else if (row->count)
			snprintf(v, sizeof v, "%ld", (long)row->value);
		else
			snprintf(v, sizeof v, "%.1f", row->value);
		need(p, 10);
		text_at(p, MARGIN + 8, p->y, label);
		text_at(p, PAGE_W - MARGIN - text_width(p, v), p->y, v);
		p->y += 10;
	}
	free(rows);
}

static void heading(struct pdf *p)
{
	const struct kr_report *r = p->r;
	enum kr_lang L = p->L;
	char a[11], f[11], t[11], line[400];
	const char *unit;

	font(p, 18, true);
	text_at(p, MARGIN, p->y, r->kind == KR_REPORT_MONITOR
	        ? kr_tr(L, "Monitor netwerkgericht werken", "Embedding monitor")
	        : kr_tr(L, "Startfoto jeugdhulp in gezinsvormen", "Startfoto"));
	p->y += 24;
	font(p, 10, false);
	if (strcmp(r->scope_val[1], "total") != 0)
		unit = kri_report_label(r, r->scope_key[1], r->scope_val[1], L);
	else if (strcmp(r->scope_val[0], "total") != 0)
		unit = r->scope_val[0];
	else
		unit = kr_tr(L, "de hele organisatie", "the whole organisation");
	snprintf(line, sizeof line, kr_tr(L, "%s, peildatum %s; kwartalen van %s tot en met %s.",
	                                     "%s, as of %s; quarters from %s to %s."), unit,
	         kr_date_format(kr_date_from_days(r->as_of), a),
	         kr_date_format(kr_date_from_days(r->from), f),
	         kr_date_format(kr_date_from_days(r->to), t));
	para(p, line, PAGE_W - 2 * MARGIN, 13);
	snprintf(line, sizeof line, kr_tr(L, "Aantallen zijn aantallen kinderen, afgerond op %d. "
	                                     "Een aantal onder de %d, en wat het zou verraden, staat "
	                                     "er als <%d. Zo is geen kind te herkennen.",
	                                     "Counts are counts of children, rounded to %d. A count "
	                                     "under %d, and what would give it away, shows as <%d, "
	                                     "so that no child can be recognised."),
	         KR_REPORT_ROUND, KR_REPORT_SUPPRESS_BELOW, KR_REPORT_SUPPRESS_BELOW);
	font(p, 9, false);
	para(p, line, PAGE_W - 2 * MARGIN, 12);
	p->y += 6;
}

static void caseload(struct pdf *p)
{
	enum kr_lang L = p->L;
	need(p, 40);
	font(p, 13, true);
	text_at(p, MARGIN, p->y + 10, kr_tr(L, "Caseload", "Caseload"));
	p->y += 26;
	font(p, 7.5, false);
	for (size_t i = 0; i < p->r->ncaseload; i++) {
		const struct kr_report_case *k = &p->r->caseload[i];
		char line[400];
		snprintf(line, sizeof line, "%s   %s   %s   %zu/%zu/%zu   %s", k->worker, k->ref,
		         k->child ? k->child : "", k->alerts, k->warnings, k->infos,
		         k->top ? kr_signals_title(k->top, L) : "-");
		need(p, 10);
		text_at(p, MARGIN, p->y, line);
		p->y += 10;
	}
}

enum kr_status kr_report_pdf(const struct kr_report *r, enum kr_lang lang, struct kr_buf *out,
                             struct kr_error *err)
{
	struct pdf p;
	enum kr_status rc = KR_OK;

	memset(&p, 0, sizeof p);
	p.L = lang;
	p.r = r;
	p.y = MARGIN;
	p.s = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.s) != CAIRO_STATUS_SUCCESS) {
		rc = kr_error_say(err, KR_ENOMEM, "de PDF kan niet worden gemaakt",
		                  "the PDF cannot be made");
		goto out;
	}
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_CREATOR, "kring");
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_TITLE,
	                               r->kind == KR_REPORT_MONITOR ? "kring monitor"
	                                                            : "kring startfoto");
	p.cr = cairo_create(p.s);
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	heading(&p);
	for (size_t i = 0; i < r->ntables; i++) {
		const struct kr_report_table *t = &r->tables[i];
		need(&p, 230);
		font(&p, 12, true);
		cairo_set_source_rgb(p.cr, 0, 0, 0);
		para(&p, t->title[lang], PAGE_W - 2 * MARGIN, 15);
		font(&p, 8, false);
		cairo_set_source_rgb(p.cr, 0.25, 0.25, 0.25);
		para(&p, t->note[lang], PAGE_W - 2 * MARGIN, 10);
		cairo_set_source_rgb(p.cr, 0, 0, 0);
		draw_chart(&p, t, PAGE_W - 2 * MARGIN, 150);
		values(&p, t);
		p.y += 14;
	}
	if (r->has_caseload)
		caseload(&p);
	if (r->kind == KR_REPORT_STARTFOTO) {
		font(&p, 8, false);
		para(&p, kr_tr(lang, "De capaciteit en bezetting van pleeggezinnen ontbreken nog: "
		                     "daarvoor is het register van pleeggezinnen nodig.",
		                     "The capacity and use of foster families are not here yet: they "
		                     "need the register of foster families."), PAGE_W - 2 * MARGIN, 10);
	}
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(p.s);
	if (cairo_surface_status(p.s) != CAIRO_STATUS_SUCCESS || out->failed)
		rc = kr_error_say(err, out->failed ? out->why : KR_EIO, "de PDF kan niet worden "
		                  "geschreven", "the PDF cannot be written");
out:
	if (p.cr)
		cairo_destroy(p.cr);
	cairo_surface_destroy(p.s);
	return rc;
}
