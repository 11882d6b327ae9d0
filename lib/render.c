/*
 * render.c - the renderer dispatcher and what every instrument renderer
 * shares (see render.h for the public side, render_int.h for the internal
 * one):
 *
 *   - kr_render_svg() picks the renderer of a kind (render_<kind>.c);
 *   - kr_render_convert() draws the SVG as PDF or PNG through librsvg and
 *     cairo, deterministically (fixed PDF dates, no time stamps in PNG);
 *   - kind and format names, and the layout (box) list tests use to check
 *     that nothing overlaps;
 *   - the Okabe-Ito palette, Dutch and English labels for every enumeration
 *     of case.h, a text-width estimate from DejaVu Sans metrics, and SVG
 *     writing helpers: document open/close, text, person symbols and tie
 *     lines in Hartman's conventions (strong, normal, weak, conflict,
 *     ambivalent, broken; arrows for the direction of support).
 *
 * Numbers in SVG are printed with "%.1f" so output is byte-identical.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>

#include "render_int.h"

/* ---- kinds, formats ---- */

static const char *const kind_names[KR_RENDER__N] = {
	"ecogram", "genogram", "lifeline", "sociogram", "scan", "flower", "kompas"
};

int kr_render_kind_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < KR_RENDER__N; i++)
		if (strcmp(kind_names[i], name) == 0)
			return i;
	return -1;
}

const char *kr_render_kind_name(enum kr_render_kind kind)
{
	return (unsigned)kind < KR_RENDER__N ? kind_names[kind] : "";
}

int kr_render_format_from_path(const char *path)
{
	const char *dot;

	if (!path)
		return -1;
	if (strcmp(path, "-") == 0)
		return KR_FORMAT_SVG;
	dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return -1;
	if (strcasecmp(dot, ".svg") == 0)
		return KR_FORMAT_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return KR_FORMAT_PDF;
	if (strcasecmp(dot, ".png") == 0)
		return KR_FORMAT_PNG;
	return -1;
}

/* ---- layout boxes ---- */

enum kr_status kr_layout_add(struct kr_layout *layout, double x, double y, double w,
                             double h, int person, enum kr_box_kind kind)
{
	if (!layout)
		return KR_OK;
	if (layout->n == layout->cap) {
		size_t cap = layout->cap ? layout->cap * 2 : 64;
		struct kr_box *nb = realloc(layout->boxes, cap * sizeof *nb);
		if (!nb)
			return KR_ENOMEM;
		layout->boxes = nb;
		layout->cap = cap;
	}
	layout->boxes[layout->n++] = (struct kr_box){ x, y, w, h, person, kind };
	return KR_OK;
}

void kr_layout_cleanup(struct kr_layout *layout)
{
	if (!layout)
		return;
	free(layout->boxes);
	layout->boxes = NULL;
	layout->n = layout->cap = 0;
}

bool kri_box_overlap(const struct kr_box *a, const struct kr_box *b, double margin)
{
	return a->x < b->x + b->w + margin && b->x < a->x + a->w + margin &&
	       a->y < b->y + b->h + margin && b->y < a->y + a->h + margin;
}

bool kri_person_current(const struct kr_case *c, int i, long day)
{
	const struct kr_person *p = &c->persons[i];
	bool covered;

	if (kr_date_valid(p->born) && kr_date_first(p->born) > day)
		return false;
	if (!kr_case_person_alive(c, i, day))
		return false;
	if (!p->involved || p->ninvolved == 0)
		return true;
	covered = false;
	for (size_t k = 0; k < p->ninvolved && !covered; k++) {
		const struct kr_period *pe = &p->involved[k];
		covered = (!kr_date_valid(pe->from) || kr_date_first(pe->from) <= day) &&
		          (!kr_date_valid(pe->to) || kr_date_last(pe->to) >= day);
	}
	return covered;
}

/* ---- the dispatcher ---- */

typedef enum kr_status (*render_fn)(const struct kr_case *, const struct kr_render_opts *,
                                    struct kr_buf *, struct kr_error *);

enum kr_status kr_render_svg(enum kr_render_kind kind, const struct kr_case *c,
                             const struct kr_render_opts *opts, struct kr_buf *out,
                             struct kr_error *err)
{
	static const render_fn fns[KR_RENDER__N] = {
		kri_render_ecogram, kri_render_genogram, kri_render_lifeline,
		kri_render_sociogram, kri_render_scan, kri_render_flower, kri_render_kompas
	};
	struct kr_render_opts defaults;
	enum kr_status rc;

	if ((unsigned)kind >= KR_RENDER__N)
		return kr_error_set(err, KR_EUSAGE, "unknown picture kind %d", (int)kind);
	if (!c || !out)
		return kr_error_set(err, KR_EUSAGE, "no case or no output buffer");
	if (c->child < 0 || (size_t)c->child >= c->npersons)
		return kr_error_set(err, KR_EINVAL, "case %s has no child to draw",
		                    c->ref ? c->ref : "?");
	if (!opts) {
		memset(&defaults, 0, sizeof defaults);
		defaults.lang = KR_LANG_NL;
		defaults.as_of = kr_today();
		opts = &defaults;
	}
	rc = fns[kind](c, opts, out, err);
	if (rc == KR_OK && out->failed)
		rc = out->why;
	if (rc == KR_ETOOBIG || rc == KR_ENOMEM) {
		if (!err || err->code != rc)
			kr_error_set(err, rc, "the %s picture does not fit in memory (%s)",
			             kind_names[kind], kr_status_name(rc));
	}
	return rc;
}

/* ---- SVG to PDF / PNG ---- */

/* The PNG is drawn at twice the SVG's size, but never wider or taller than
 * this many pixels. */
#define PNG_SCALE 2.0
#define PNG_MAX_SIDE 8192.0
/* Fixed document dates make the PDF byte-identical across runs. */
#define PDF_FIXED_DATE "2000-01-01T00:00:00Z"

static cairo_status_t write_to_buf(void *closure, const unsigned char *data,
                                   unsigned int length)
{
	return kr_buf_add(closure, data, length) == KR_OK ? CAIRO_STATUS_SUCCESS
	                                                  : CAIRO_STATUS_WRITE_ERROR;
}

/* The document's size in SVG pixels: width/height, else the viewBox. */
static bool svg_size(RsvgHandle *h, double *w, double *hh)
{
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;

	if (rsvg_handle_get_intrinsic_size_in_pixels(h, w, hh) && *w > 0 && *hh > 0)
		return true;
	rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
	if (has_vb && vb.width > 0 && vb.height > 0) {
		*w = vb.width;
		*hh = vb.height;
		return true;
	}
	return false;
}

enum kr_status kr_render_convert(const char *svg, size_t len, enum kr_render_format fmt,
                                 struct kr_buf *out, struct kr_error *err)
{
	RsvgHandle *h = NULL;
	GError *gerr = NULL;
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	RsvgRectangle vp;
	double w, hh, scale = 1.0;
	enum kr_status rc = KR_OK;
	size_t start = out ? out->len : 0;

	if (!svg || !out || (fmt != KR_FORMAT_PDF && fmt != KR_FORMAT_PNG))
		return kr_error_set(err, KR_EUSAGE, "convert needs SVG text and PDF or PNG");
	h = rsvg_handle_new_from_data((const guint8 *)svg, len, &gerr);
	if (!h) {
		rc = kr_error_set(err, KR_EINVAL, "cannot read the SVG: %s",
		                  gerr ? gerr->message : "unknown error");
		goto out;
	}
	rsvg_handle_set_dpi(h, 96.0);
	if (!svg_size(h, &w, &hh)) {
		rc = kr_error_set(err, KR_EINVAL, "the SVG has no width, height or viewBox");
		goto out;
	}
	if (fmt == KR_FORMAT_PDF) {
		/* CSS pixels at 96 dpi to PDF points at 72 dpi. */
		vp = (RsvgRectangle){ 0, 0, w * 0.75, hh * 0.75 };
		s = cairo_pdf_surface_create_for_stream(write_to_buf, out, vp.width, vp.height);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, PDF_FIXED_DATE);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, PDF_FIXED_DATE);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "kring");
	} else {
		scale = PNG_SCALE;
		if (w * scale > PNG_MAX_SIDE)
			scale = PNG_MAX_SIDE / w;
		if (hh * scale > PNG_MAX_SIDE)
			scale = PNG_MAX_SIDE / hh;
		vp = (RsvgRectangle){ 0, 0, ceil(w * scale), ceil(hh * scale) };
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)vp.width,
		                               (int)vp.height);
	}
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		rc = kr_error_set(err, KR_ENOMEM, "cannot make the drawing surface: %s",
		                  cairo_status_to_string(cairo_surface_status(s)));
		goto out;
	}
	cr = cairo_create(s);
	if (fmt == KR_FORMAT_PNG) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
	}
	if (!rsvg_handle_render_document(h, cr, &vp, &gerr)) {
		rc = kr_error_set(err, KR_EINVAL, "cannot draw the SVG: %s",
		                  gerr ? gerr->message : "unknown error");
		goto out;
	}
	cairo_destroy(cr);
	cr = NULL;
	if (fmt == KR_FORMAT_PNG) {
		cairo_surface_flush(s);
		if (cairo_surface_write_to_png_stream(s, write_to_buf, out) !=
		    CAIRO_STATUS_SUCCESS)
			rc = KR_EIO;
	} else {
		cairo_surface_finish(s);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
			rc = KR_EIO;
	}
	if (rc != KR_OK || out->failed) {
		rc = out->failed ? out->why : rc;
		kr_error_set(err, rc, "cannot write the %s: %s", fmt == KR_FORMAT_PDF ? "PDF" : "PNG",
		             kr_status_name(rc));
	}
out:
	if (cr)
		cairo_destroy(cr);
	if (s)
		cairo_surface_destroy(s);
	if (h)
		g_object_unref(h);
	if (gerr)
		g_error_free(gerr);
	if (rc != KR_OK && !out->failed && out->len > start) {
		/* Drop a half-written document. */
		out->len = start;
		if (out->data)
			out->data[start] = '\0';
	}
	return rc;
}

/* ---- palette ---- */

const char *kri_world_colour(enum kr_world w)
{
	/* Okabe & Ito (2008): orange, sky blue, bluish green, reddish purple. */
	static const char *const colours[KR_WORLD__N] = {
		[KR_WORLD_NONE] = "#BBBBBB",
		[KR_WORLD_ORIGIN] = "#E69F00",
		[KR_WORLD_FOSTER] = "#56B4E9",
		[KR_WORLD_SHARED] = "#009E73",
		[KR_WORLD_PROFESSIONAL] = "#CC79A7",
	};
	return (unsigned)w < KR_WORLD__N ? colours[w] : colours[KR_WORLD_NONE];
}

/* ---- text width ---- */

/* Advance widths of DejaVu Sans (Book) for U+0020..U+00FF in thousandths of
 * an em, measured with cairo; 0 marks the C1 control range. */
static const unsigned short dejavu_widths[224] = {
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
	1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
	603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
	500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
	635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500,
	500, 838, 401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531,
	684, 684, 684, 684, 684, 684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295,
	775, 748, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 630,
	613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615, 615, 278, 278, 278, 278,
	612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635, 592,
};

/* Decodes one UTF-8 code point at *s and advances; malformed bytes count as
 * one replacement character each. */
static unsigned long utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long cp;
	int n;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0) {
		cp = p[0] & 0x1F;
		n = 1;
	} else if ((p[0] & 0xF0) == 0xE0) {
		cp = p[0] & 0x0F;
		n = 2;
	} else if ((p[0] & 0xF8) == 0xF0) {
		cp = p[0] & 0x07;
		n = 3;
	} else {
		*s = p + 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*s = p + n + 1;
	return cp;
}

double kri_text_width(const char *utf8, double px)
{
	const unsigned char *s = (const unsigned char *)utf8;
	double em = 0;

	if (!s)
		return 0;
	while (*s) {
		unsigned long cp = utf8_next(&s);
		if (cp >= 0x20 && cp <= 0xFF)
			em += dejavu_widths[cp - 0x20] / 1000.0;
		else if (cp >= 0x300 && cp <= 0x36F)
			em += 0;                /* combining marks */
		else if (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		                          (cp >= 0xAC00 && cp <= 0xD7A3) ||
		                          (cp >= 0xF900 && cp <= 0xFAFF) ||
		                          (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x1F300))
			em += 1.0;              /* wide: CJK, Hangul, emoji */
		else
			em += 0.65;
	}
	return em * px;
}

/* ---- SVG writing ---- */

enum kr_status kri_svg_open(struct kr_buf *b, double w, double h, const char *title,
                            const char *desc)
{
	kr_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.1f %.1f\" "
	              "width=\"%.1f\" height=\"%.1f\" role=\"img\" "
	              "aria-labelledby=\"kr-title kr-desc\">\n<title id=\"kr-title\">",
	              w, h, w, h);
	kr_buf_xml(b, title ? title : "");
	kr_buf_puts(b, "</title>\n<desc id=\"kr-desc\">");
	kr_buf_xml(b, desc ? desc : "");
	kr_buf_puts(b, "</desc>\n<style>\n"
	            "text{font-family:\"DejaVu Sans\",sans-serif;fill:#000}\n"
	            ".halo{paint-order:stroke;stroke:#fff;stroke-width:3px;"
	            "stroke-linejoin:round}\n"
	            ".title{font-weight:bold}\n"
	            ".muted{fill:#444}\n"
	            "</style>\n"
	            "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
	return b->failed ? b->why : KR_OK;
}

enum kr_status kri_svg_close(struct kr_buf *b)
{
	return kr_buf_puts(b, "</svg>\n");
}

/* True when the class list cls names the bold class "title". */
static bool cls_bold(const char *cls)
{
	const char *p = cls;
	size_t n = strlen("title");

	while (p && (p = strstr(p, "title")) != NULL) {
		if ((p == cls || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
		p += n;
	}
	return false;
}

double kri_text_width_cls(const char *utf8, double px, const char *cls)
{
	return kri_text_width(utf8, px) * (cls_bold(cls) ? KRI_BOLD_FACTOR : 1.0);
}

struct kr_box kri_text_box(double x, double y, double px, const char *anchor,
                           const char *cls, const char *text)
{
	double w = kri_text_width_cls(text, px, cls), x0 = x;

	if (anchor && strcmp(anchor, "middle") == 0)
		x0 = x - w / 2;
	else if (anchor && strcmp(anchor, "end") == 0)
		x0 = x - w;
	return (struct kr_box){ x0, y - px, w, px * 1.25, -1, KR_BOX_LABEL };
}

enum kr_status kri_svg_text(struct kr_buf *b, const struct kr_render_opts *o, double x,
                            double y, double px, const char *anchor, const char *cls,
                            int person, const char *text)
{
	struct kr_box box;

	if (!anchor)
		anchor = "start";
	if (!text)
		text = "";
	kr_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"", x, y, px);
	if (strcmp(anchor, "start") != 0)
		kr_buf_printf(b, " text-anchor=\"%s\"", anchor);
	if (cls) {
		kr_buf_puts(b, " class=\"");
		kr_buf_xml(b, cls);
		kr_buf_puts(b, "\"");
	}
	kr_buf_puts(b, ">");
	kr_buf_xml(b, text);
	kr_buf_puts(b, "</text>\n");
	if (b->failed)
		return b->why;
	if (!o || !*text)
		return KR_OK;
	box = kri_text_box(x, y, px, anchor, cls, text);
	return kr_layout_add(o->layout, box.x, box.y, box.w, box.h, person, KR_BOX_LABEL);
}

/* ---- person symbols ---- */

enum kr_status kri_svg_person(struct kr_buf *b, const struct kr_render_opts *o,
                              const struct kr_case *c, int person, double cx, double cy,
                              double r)
{
	const struct kr_person *p = &c->persons[person];
	bool dead = !kr_case_person_alive(c, person, o ? o->as_of : kr_today());
	bool child = person == c->child;
	const char *fill = dead ? "#DDDDDD" : kri_world_colour(p->world);
	double ro = child ? r + 4 : r;

	kr_buf_printf(b, "<g class=\"person\" data-id=\"");
	kr_buf_xml(b, p->id ? p->id : "");
	kr_buf_puts(b, "\">");
	for (int ring = child ? 1 : 0; ring >= 0; ring--) {
		double rr = ring ? r + 4 : r;
		const char *f = ring ? "#fff" : fill;
		switch (p->sex) {
		case KR_SEX_M:
			kr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			              "fill=\"%s\" stroke=\"#000\" stroke-width=\"1.5\"/>",
			              cx - rr, cy - rr, 2 * rr, 2 * rr, f);
			break;
		case KR_SEX_F:
			kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" "
			              "stroke=\"#000\" stroke-width=\"1.5\"/>", cx, cy, rr, f);
			break;
		default: {
			double d = rr * 1.2;
			kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
			              "fill=\"%s\" stroke=\"#000\" stroke-width=\"1.5\"/>",
			              cx, cy - d, cx + d, cy, cx, cy + d, cx - d, cy, f);
			break;
		}
		}
	}
	if (dead) {
		double d = r * 0.7;
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" "
		              "stroke=\"#000\" stroke-width=\"2\"/>",
		              cx - d, cy - d, cx + d, cy + d, cx - d, cy + d, cx + d, cy - d);
	}
	kr_buf_puts(b, "</g>\n");
	if (b->failed)
		return b->why;
	if (p->sex != KR_SEX_M && p->sex != KR_SEX_F)
		ro *= 1.2;
	return kr_layout_add(o ? o->layout : NULL, cx - ro, cy - ro, 2 * ro, 2 * ro, person,
	                     KR_BOX_SYMBOL);
}

double kri_person_radius(const struct kr_case *c, int person, double r)
{
	const struct kr_person *p = &c->persons[person];
	double ro = person == c->child ? r + 4 : r;
	return p->sex == KR_SEX_M || p->sex == KR_SEX_F ? ro : ro * 1.2;
}

enum kr_status kri_svg_star(struct kr_buf *b, double cx, double cy, double r)
{
	kr_buf_puts(b, "<path class=\"trust\" d=\"");
	for (int i = 0; i < 10; i++) {
		double a = -M_PI / 2 + i * M_PI / 5;
		double rr = i % 2 ? r * 0.45 : r;
		kr_buf_printf(b, "%s%.1f %.1f", i ? "L" : "M", cx + rr * cos(a), cy + rr * sin(a));
	}
	return kr_buf_puts(b, "Z\" fill=\"#F0E442\" stroke=\"#000\" stroke-width=\"1\"/>\n");
}

/* ---- tie lines ---- */

static void tie_look(const struct kr_tie *t, const struct kri_tie_look *look, double *width,
                     const char **colour)
{
	double w = 2.0;

	if (t->strength == KR_STRENGTH_STRONG)
		w = 4.0;
	else if (t->strength == KR_STRENGTH_WEAK)
		w = 1.5;
	*width = w * (look && look->width_scale > 0 ? look->width_scale : 1.0);
	if (look && look->colour)
		*colour = look->colour;
	else if (t->quality == KR_QUALITY_CONFLICT)
		*colour = KRI_COLOUR_CONFLICT;
	else if (t->quality == KR_QUALITY_BROKEN)
		*colour = "#666666";
	else
		*colour = KRI_COLOUR_INK;
}

/* A tie's path: a quadratic Bezier from p0 to p2 (straight when the control
 * point lies midway), with an arc-length table so styles can be laid out
 * along it. */
#define CURVE_STEPS 48

struct curve {
	double x0, y0, cx, cy, x2, y2;
	double s[CURVE_STEPS + 1];      /* arc length at t = i / CURVE_STEPS */
	bool straight;
};

static void curve_at(const struct curve *k, double t, double *x, double *y)
{
	double a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
	*x = a * k->x0 + b * k->cx + c * k->x2;
	*y = a * k->y0 + b * k->cy + c * k->y2;
}

/* The unit tangent at t. */
static void curve_dir(const struct curve *k, double t, double *ux, double *uy)
{
	double dx = 2 * ((1 - t) * (k->cx - k->x0) + t * (k->x2 - k->cx));
	double dy = 2 * ((1 - t) * (k->cy - k->y0) + t * (k->y2 - k->cy));
	double n = sqrt(dx * dx + dy * dy);
	if (n < 1e-9) {
		dx = k->x2 - k->x0;
		dy = k->y2 - k->y0;
		n = sqrt(dx * dx + dy * dy);
		if (n < 1e-9) {
			*ux = 1;
			*uy = 0;
			return;
		}
	}
	*ux = dx / n;
	*uy = dy / n;
}

static void curve_init(struct curve *k, double x1, double y1, double x2, double y2,
                       double bend)
{
	double dx = x2 - x1, dy = y2 - y1;

	k->x0 = x1;
	k->y0 = y1;
	k->x2 = x2;
	k->y2 = y2;
	/* bend moves the control point off the chord by bend * 2 * length, so
	 * the curve's middle lies bend * length off it. */
	k->cx = (x1 + x2) / 2 - dy * bend * 2;
	k->cy = (y1 + y2) / 2 + dx * bend * 2;
	k->straight = bend == 0;
	k->s[0] = 0;
	for (int i = 1; i <= CURVE_STEPS; i++) {
		double ax, ay, bx, by;
		curve_at(k, (double)(i - 1) / CURVE_STEPS, &ax, &ay);
		curve_at(k, (double)i / CURVE_STEPS, &bx, &by);
		k->s[i] = k->s[i - 1] + sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
	}
}

/* The parameter t at arc length s. */
static double curve_t(const struct curve *k, double s)
{
	int i;

	if (s <= 0)
		return 0;
	if (s >= k->s[CURVE_STEPS])
		return 1;
	for (i = 1; i < CURVE_STEPS && k->s[i] < s; i++)
		;
	return ((double)(i - 1) + (s - k->s[i - 1]) / (k->s[i] - k->s[i - 1])) / CURVE_STEPS;
}

/* The arc length where the curve leaves a circle of radius r around its
 * start (from_end false) or enters one around its end. */
static double curve_clip(const struct curve *k, double r, bool from_end)
{
	double cx = from_end ? k->x2 : k->x0, cy = from_end ? k->y2 : k->y0;
	double lo = 0, hi = k->s[CURVE_STEPS];

	/* Bisection on the arc length: the distance from the centre grows
	 * along the first (last) part of a gentle curve. */
	for (int it = 0; it < 40; it++) {
		double mid = (lo + hi) / 2, x, y, d;
		curve_at(k, curve_t(k, from_end ? k->s[CURVE_STEPS] - mid : mid), &x, &y);
		d = sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
		if (d < r)
			lo = mid;
		else
			hi = mid;
	}
	return from_end ? k->s[CURVE_STEPS] - hi : hi;
}

/* Writes the piece of the curve between arc lengths s0 and s1 as path data. */
static void curve_piece(struct kr_buf *b, const struct curve *k, double s0, double s1)
{
	double t0 = curve_t(k, s0), t1 = curve_t(k, s1), x0, y0, x1, y1;

	curve_at(k, t0, &x0, &y0);
	curve_at(k, t1, &x1, &y1);
	if (k->straight) {
		kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", x0, y0, x1, y1);
	} else {
		/* The control point of the sub-curve [t0, t1]. */
		double dx = 2 * ((1 - t0) * (k->cx - k->x0) + t0 * (k->x2 - k->cx));
		double dy = 2 * ((1 - t0) * (k->cy - k->y0) + t0 * (k->y2 - k->cy));
		kr_buf_printf(b, "M%.1f %.1fQ%.1f %.1f %.1f %.1f", x0, y0, x0 + dx * (t1 - t0) / 2,
		              y0 + dy * (t1 - t0) / 2, x1, y1);
	}
}

/* A filled arrowhead with its tip at (x, y), pointing along (ux, uy). */
static void arrow_head(struct kr_buf *b, double x, double y, double ux, double uy,
                       double size, const char *colour)
{
	double bx = x - ux * size, by = y - uy * size;
	double px = -uy * size * 0.5, py = ux * size * 0.5;

	kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" "
	              "stroke=\"none\"/>", x, y, bx + px, by + py, bx - px, by - py, colour);
}

/* A point at arc length s, moved `side` along the normal. */
static void curve_offset(const struct curve *k, double s, double side, double *x, double *y)
{
	double t = curve_t(k, s), ux, uy;
	curve_at(k, t, x, y);
	curve_dir(k, t, &ux, &uy);
	*x += -uy * side;
	*y += ux * side;
}

enum kr_status kri_svg_tie(struct kr_buf *b, const struct kr_tie *t, double x1, double y1,
                           double r1, double x2, double y2, double r2,
                           const struct kri_tie_look *look)
{
	struct curve k;
	double width, head, s_a, s_b, l0, l1, inner, ux, uy, x, y;
	const char *colour;
	bool arrow_a, arrow_b;
	double chord = sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));

	if (chord < r1 + r2 + 4)
		return b->failed ? b->why : KR_OK;   /* symbols touch: nothing to draw */
	curve_init(&k, x1, y1, x2, y2, look ? look->bend : 0);
	tie_look(t, look, &width, &colour);
	head = 7 + width;
	s_a = r1 > 0 ? curve_clip(&k, r1 + 2, false) : 0;
	s_b = r2 > 0 ? curve_clip(&k, r2 + 2, true) : k.s[CURVE_STEPS];
	/* Arrows show which way support flows; a tie without a direction has
	 * none. */
	arrow_b = t->direction == KR_DIR_A_TO_B || t->direction == KR_DIR_MUTUAL;
	arrow_a = t->direction == KR_DIR_B_TO_A || t->direction == KR_DIR_MUTUAL;
	if (s_b - s_a < 2 * head + 8)
		arrow_a = arrow_b = false;
	if (s_b - s_a < 2)
		return b->failed ? b->why : KR_OK;
	/* The line stops where an arrowhead starts. */
	l0 = arrow_a ? s_a + head * 0.8 : s_a;
	l1 = arrow_b ? s_b - head * 0.8 : s_b;
	inner = l1 - l0;

	kr_buf_printf(b, "<g class=\"tie q-%s s-%s\" stroke=\"%s\" stroke-width=\"%.1f\" "
	              "fill=\"none\"",
	              t->quality ? kr_enum_name(KR_ENUM_QUALITY, t->quality) : "none",
	              t->strength ? kr_enum_name(KR_ENUM_STRENGTH, t->strength) : "none",
	              colour, width);
	if (look && look->opacity > 0 && look->opacity < 1)
		kr_buf_printf(b, " opacity=\"%.2f\"", look->opacity);
	kr_buf_puts(b, ">");

	if (t->quality == KR_QUALITY_CONFLICT && inner > 24) {
		/* Zigzag, with a short straight piece at each end. */
		double amp = 4 + width / 2, step = 7 + width, run = inner - 16;
		int teeth = (int)(run / step);
		if (teeth < 2)
			teeth = 2;
		step = run / teeth;
		kr_buf_puts(b, "<path d=\"");
		curve_piece(b, &k, l0, l0 + 8);
		for (int i = 0; i < teeth; i++) {
			curve_offset(&k, l0 + 8 + step * (i + 0.5), i % 2 ? -amp : amp, &x, &y);
			kr_buf_printf(b, "L%.1f %.1f", x, y);
		}
		curve_offset(&k, l1 - 8, 0, &x, &y);
		kr_buf_printf(b, "L%.1f %.1f", x, y);
		curve_offset(&k, l1, 0, &x, &y);
		kr_buf_printf(b, "L%.1f %.1f\" stroke-linejoin=\"round\"/>", x, y);
	} else if (t->quality == KR_QUALITY_BROKEN && inner > 30) {
		/* Interrupted: a gap in the middle, closed by two short bars. */
		double mid = (l0 + l1) / 2, gap = 7, bar = 7 + width, ax, ay, bx, by;
		kr_buf_puts(b, "<path d=\"");
		curve_piece(b, &k, l0, mid - gap);
		curve_piece(b, &k, mid + gap, l1);
		kr_buf_puts(b, "\"");
		if (t->strength == KR_STRENGTH_WEAK)
			kr_buf_puts(b, " stroke-dasharray=\"6 4\"");
		kr_buf_puts(b, "/><path d=\"");
		curve_offset(&k, mid - gap, bar, &ax, &ay);
		curve_offset(&k, mid - gap, -bar, &bx, &by);
		kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", ax, ay, bx, by);
		curve_offset(&k, mid + gap, bar, &ax, &ay);
		curve_offset(&k, mid + gap, -bar, &bx, &by);
		kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f\" stroke-width=\"2\"/>", ax, ay, bx, by);
	} else {
		kr_buf_puts(b, "<path d=\"");
		curve_piece(b, &k, l0, l1);
		kr_buf_puts(b, "\"");
		if (t->strength == KR_STRENGTH_WEAK)
			kr_buf_puts(b, " stroke-dasharray=\"6 4\"");
		kr_buf_puts(b, "/>");
		if (t->quality == KR_QUALITY_AMBIVALENT && inner > 30) {
			/* Hatched: short slanted strokes across the line (stress). */
			int n = (int)((inner - 20) / 12);
			double step = (inner - 20) / (n > 0 ? n : 1);
			kr_buf_puts(b, "<path d=\"");
			for (int i = 0; i <= n && n > 0; i++) {
				double s = l0 + 10 + step * i, ax, ay, bx, by;
				curve_offset(&k, s - 3, 6, &ax, &ay);
				curve_offset(&k, s + 3, -6, &bx, &by);
				kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", ax, ay, bx, by);
			}
			kr_buf_puts(b, "\" stroke-width=\"1.5\"/>");
		}
	}
	if (arrow_b) {
		double tb = curve_t(&k, s_b);
		curve_at(&k, tb, &x, &y);
		curve_dir(&k, tb, &ux, &uy);
		arrow_head(b, x, y, ux, uy, head, colour);
	}
	if (arrow_a) {
		double ta = curve_t(&k, s_a);
		curve_at(&k, ta, &x, &y);
		curve_dir(&k, ta, &ux, &uy);
		arrow_head(b, x, y, -ux, -uy, head, colour);
	}
	kr_buf_puts(b, "</g>\n");
	return b->failed ? b->why : KR_OK;
}

/* ---- legend pieces ---- */

enum kr_status kri_svg_tie_sample(struct kr_buf *b, double x, double y, double len,
                                  enum kr_strength strength, enum kr_quality quality,
                                  enum kr_direction direction)
{
	struct kr_tie t;

	memset(&t, 0, sizeof t);
	t.strength = strength;
	t.quality = quality;
	t.direction = direction;
	return kri_svg_tie(b, &t, x - 2, y, 0, x + len + 2, y, 0, NULL);
}

/* ---- legends ---- */

void kri_legend_begin(struct kri_legend *lg, struct kr_buf *b, const struct kr_render_opts *o,
                      double x0, double y0, double width, bool draw)
{
	memset(lg, 0, sizeof *lg);
	lg->b = b;
	lg->o = o;
	lg->x0 = lg->x = x0;
	lg->y = lg->y0 = y0;
	lg->width = width;
	lg->row_h = 22;
	lg->draw = draw;
}

/* Reserves room for one item of sample width sw and text t, wrapping to a
 * new row when the row is full; returns the item's left edge. */
static double legend_slot(struct kri_legend *lg, double sw, const char *t)
{
	double w = sw + 6 + kri_text_width(t, KRI_LEGEND_PX) + 18, x;

	if (lg->x > lg->x0 && lg->x + w > lg->x0 + lg->width)
		kri_legend_newline(lg);
	x = lg->x;
	lg->x += w;
	if (lg->x - lg->x0 > lg->used)
		lg->used = lg->x - lg->x0;
	return x;
}

static void legend_text(struct kri_legend *lg, double x, const char *t)
{
	if (lg->draw && kri_svg_text(lg->b, lg->o, x, lg->y + 4, KRI_LEGEND_PX, "start", NULL, -1,
	                             t))
		lg->failed = true;
}

static void legend_box(struct kri_legend *lg, double x, double y, double w, double h)
{
	if (lg->draw && kr_layout_add(lg->o ? lg->o->layout : NULL, x, y, w, h, -1,
	                              KR_BOX_SYMBOL))
		lg->failed = true;
}

void kri_legend_newline(struct kri_legend *lg)
{
	if (lg->x == lg->x0)
		return;
	lg->x = lg->x0;
	lg->y += lg->row_h;
}

void kri_legend_symbol(struct kri_legend *lg, enum kr_sex sex, const char *fill, bool dead,
                       const char *text)
{
	double x = legend_slot(lg, 16, text), r = 7, cx = x + 8, cy = lg->y;
	struct kr_buf *b = lg->b;

	if (lg->draw) {
		if (sex == KR_SEX_M)
			kr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14.0\" height=\"14.0\" "
			              "fill=\"%s\" stroke=\"#000\" stroke-width=\"1.5\"/>\n",
			              cx - r, cy - r, fill);
		else if (sex == KR_SEX_F)
			kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7.0\" fill=\"%s\" "
			              "stroke=\"#000\" stroke-width=\"1.5\"/>\n", cx, cy, fill);
		else
			kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
			              "fill=\"%s\" stroke=\"#000\" stroke-width=\"1.5\"/>\n",
			              cx, cy - 8, cx + 8, cy, cx, cy + 8, cx - 8, cy, fill);
		if (dead)
			kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" "
			              "stroke=\"#000\" stroke-width=\"2\"/>\n", cx - 5, cy - 5,
			              cx + 5, cy + 5, cx - 5, cy + 5, cx + 5, cy - 5);
	}
	legend_box(lg, cx - 8, cy - 8, 16, 16);
	legend_text(lg, x + 22, text);
}

void kri_legend_star(struct kri_legend *lg, const char *text)
{
	double x = legend_slot(lg, 16, text);

	if (lg->draw)
		kri_svg_star(lg->b, x + 8, lg->y, 8);
	legend_box(lg, x, lg->y - 8, 16, 16);
	legend_text(lg, x + 22, text);
}

void kri_legend_line(struct kri_legend *lg, enum kr_strength strength, enum kr_quality quality,
                     enum kr_direction direction, const struct kri_tie_look *look,
                     const char *band, const char *text)
{
	double x = legend_slot(lg, 40, text);
	struct kr_tie t;

	if (lg->draw) {
		if (band)
			kr_buf_printf(lg->b, "<path d=\"M%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
			              "stroke-width=\"%.1f\" stroke-opacity=\"0.35\" "
			              "stroke-linecap=\"round\"/>\n", x + 4, lg->y, x + 36, lg->y, band,
			              KRI_BAND_WIDTH);
		memset(&t, 0, sizeof t);
		t.strength = strength;
		t.quality = quality;
		t.direction = direction;
		if (kri_svg_tie(lg->b, &t, x - 2, lg->y, 0, x + 42, lg->y, 0, look))
			lg->failed = true;
	}
	legend_text(lg, x + 46, text);
}

void kri_legend_people(struct kri_legend *lg, bool star)
{
	enum kr_lang l = lg->o->lang;

	kri_legend_symbol(lg, KR_SEX_M, "#fff", false, kr_tr(l, "man", "male"));
	kri_legend_symbol(lg, KR_SEX_F, "#fff", false, kr_tr(l, "vrouw", "female"));
	kri_legend_symbol(lg, KR_SEX_X, "#fff", false, kr_tr(l, "anders of onbekend",
	                                                     "other or unknown"));
	kri_legend_symbol(lg, KR_SEX_M, "#DDDDDD", true, kr_tr(l, "overleden", "deceased"));
	if (star)
		kri_legend_star(lg, kr_tr(l, "vertrouwensfiguur", "trust figure"));
	kri_legend_newline(lg);
	for (int w = KR_WORLD_ORIGIN; w < KR_WORLD__N; w++)
		kri_legend_symbol(lg, KR_SEX_F, kri_world_colour(w), false,
		                  kr_enum_label(KR_ENUM_WORLD, w, l));
	kri_legend_newline(lg);
}

void kri_legend_tie_styles(struct kri_legend *lg)
{
	enum kr_lang l = lg->o->lang;

	kri_legend_line(lg, KR_STRENGTH_STRONG, KR_QUALITY_POSITIVE, 0, NULL, NULL,
	                kr_tr(l, "sterke band", "strong tie"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, 0, NULL, NULL,
	                kr_tr(l, "gewone band", "normal tie"));
	kri_legend_line(lg, KR_STRENGTH_WEAK, KR_QUALITY_POSITIVE, 0, NULL, NULL,
	                kr_tr(l, "zwakke band", "weak tie"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_CONFLICT, 0, NULL, NULL,
	                kr_tr(l, "conflict", "conflict"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_AMBIVALENT, 0, NULL, NULL,
	                kr_tr(l, "gespannen (wisselend)", "tense (ambivalent)"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_BROKEN, 0, NULL, NULL,
	                kr_tr(l, "verbroken", "broken"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, KR_DIR_A_TO_B, NULL, NULL,
	                kr_tr(l, "steun gaat in de richting van de pijl",
	                      "support flows the way the arrow points"));
}

void kri_legend_note(struct kri_legend *lg, const char *text)
{
	double w = kri_text_width(text, KRI_LEGEND_PX);

	kri_legend_newline(lg);
	if (lg->draw && kri_svg_text(lg->b, lg->o, lg->x0, lg->y + 4, KRI_LEGEND_PX, "start",
	                             "muted", -1, text))
		lg->failed = true;
	if (w > lg->used)
		lg->used = w;
	lg->y += lg->row_h;
}

double kri_legend_end(struct kri_legend *lg)
{
	kri_legend_newline(lg);
	return lg->y - lg->y0;
}
