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

/* Sets the source colour of ink (report_chart.c's palette). */
static void ink(cairo_t *cr, int i)
{
	unsigned rgb = (unsigned)strtoul(kri_chart_colour(i) + 1, NULL, 16);
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
	                     (rgb & 0xff) / 255.0);
}

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

/* The chart of table t, laid out by report_chart.c, at (MARGIN, p->y). */
static void draw_chart(struct pdf *p, const struct kr_report_table *t, double w, double h)
{
	struct kri_chart_geom g;
	cairo_t *cr = p->cr;
	double ox = MARGIN, oy;

	if (!kri_chart_layout(p->r, t, p->L, w, h, &g))
		return;
	need(p, h + 10);
	oy = p->y + 4;
	for (size_t i = 0; i < g.nline; i++) {
		ink(cr, g.line[i].ink);
		cairo_set_line_width(cr, g.line[i].width * 0.75);
		cairo_move_to(cr, ox + g.line[i].x0, oy + g.line[i].y0);
		cairo_line_to(cr, ox + g.line[i].x1, oy + g.line[i].y1);
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < g.nrect; i++) {
		ink(cr, g.rect[i].ink);
		cairo_rectangle(cr, ox + g.rect[i].x, oy + g.rect[i].y, g.rect[i].w, g.rect[i].h);
		cairo_fill(cr);
	}
	for (size_t i = 0; i < g.ndot; i++) {
		ink(cr, g.dot[i].ink);
		cairo_arc(cr, ox + g.dot[i].x, oy + g.dot[i].y, g.dot[i].r, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	for (size_t i = 0; i < g.ntext; i++) {
		const struct kri_gtext *tx = &g.text[i];
		font(p, tx->size * 0.85, false);
		ink(cr, tx->ink);
		text_at(p, ox + tx->x - text_width(p, tx->s) * tx->anchor / 2.0, oy + tx->y, tx->s);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	p->y = oy + h + 4;
	kri_chart_geom_cleanup(&g);
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
		draw_chart(&p, t, PAGE_W - 2 * MARGIN, 170);
		values(&p, t);
		p.y += 14;
	}
	if (r->has_caseload)
		caseload(&p);
	if (r->kind == KR_REPORT_STARTFOTO) {
		font(&p, 8, false);
		para(&p, kr_tr(lang, "De pleeggezinnen en hun plaatsen komen uit het register van de hele "
		                     "organisatie, niet per gemeente.",
		                     "The foster families and their places come from the register of "
		                     "the whole organisation, not per municipality."), PAGE_W - 2 * MARGIN, 10);
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
