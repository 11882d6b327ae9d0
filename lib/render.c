/*
 * render.c - the renderers' front door (include/kring/render.h,
 * include/kring/geometry.h): the names of the kinds and formats, the
 * dispatch from a kind to its layout (lib/render_<kind>.c) that fills a
 * geometry, kr_render_svg() as that geometry drawn by the SVG writer
 * (lib/svg.c) with its boxes for the layout tests, the box list itself,
 * and the SVG drawn as PDF or PNG through librsvg and cairo,
 * deterministically (fixed PDF dates, no time stamps in PNG).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>

#include "geometry_int.h"
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

/* ---- the dispatcher ---- */

typedef enum kr_status (*layout_fn)(const struct kr_case *, const struct kr_render_opts *,
                                    struct kr_geometry *, struct kr_error *);

enum kr_status kri_render_layout(enum kr_render_kind kind, const struct kr_case *c,
                                 const struct kr_render_opts *opts, bool keeps,
                                 struct kr_geometry **out, struct kr_error *err)
{
	static const layout_fn fns[KR_RENDER__N] = {
		kri_layout_ecogram, kri_layout_genogram, kri_layout_lifeline,
		kri_layout_sociogram, kri_layout_scan, kri_layout_flower, kri_layout_kompas
	};
	struct kr_render_opts defaults;
	struct kr_geometry *g = NULL;
	enum kr_status rc;

	if (out)
		*out = NULL;
	if ((unsigned)kind >= KR_RENDER__N)
		return kr_error_say(err, KR_EUSAGE, "onbekende soort tekening %d", "unknown picture kind %d",
		                    (int)kind);
	if (!c || !out)
		return kr_error_say(err, KR_EUSAGE, "geen dossier of geen plek voor de tekening",
		                    "no case or no place for the picture");
	if (c->child < 0 || (size_t)c->child >= c->npersons)
		return kr_error_say(err, KR_EINVAL, "dossier %s noemt geen kind om te tekenen",
		                    "case %s has no child to draw",
		                    c->ref ? c->ref : "?");
	if (!opts) {
		memset(&defaults, 0, sizeof defaults);
		defaults.lang = KR_LANG_NL;
		defaults.as_of = kr_today();
		opts = &defaults;
	}
	if (!(g = kri_geom_new(kind)))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen voor de %s",
		                    "out of memory drawing the %s", kind_names[kind]);
	kri_geom_ids(g, c, keeps);
	rc = fns[kind](c, opts, g, err);
	if (rc == KR_OK && (rc = kri_geom_status(g)) != KR_OK)
		kr_error_say(err, rc, "geen geheugen voor de %s", "out of memory drawing the %s",
		             kind_names[kind]);
	if (rc != KR_OK) {
		kr_geometry_free(g);
		return rc;
	}
	*out = g;
	return KR_OK;
}

enum kr_status kr_render_geometry(enum kr_render_kind kind, const struct kr_case *c,
                                  const struct kr_render_opts *opts, struct kr_geometry **out,
                                  struct kr_error *err)
{
	enum kr_status rc = kri_render_layout(kind, c, opts, true, out, err);

	if (rc == KR_OK)
		kri_geom_finish(*out);
	return rc;
}

enum kr_status kr_render_svg(enum kr_render_kind kind, const struct kr_case *c,
                             const struct kr_render_opts *opts, struct kr_buf *out,
                             struct kr_error *err)
{
	struct kr_geometry *g = NULL;
	enum kr_status rc;

	if (!out)
		return kr_error_say(err, KR_EUSAGE, "geen dossier of geen uitvoer",
		                    "no case or no output buffer");
	if ((rc = kri_render_layout(kind, c, opts, false, &g, err)) != KR_OK)
		return rc;
	rc = kr_geometry_to_svg(g, NULL, out, NULL);
	if (rc == KR_OK && opts && opts->layout) {
		kri_geom_finish(g);
		rc = kr_geometry_boxes(g, opts->layout);
	}
	if (rc != KR_OK)
		kr_error_say(err, rc, "de tekening %s past niet in het geheugen (%s)",
		             "the %s picture does not fit in memory (%s)",
		             kind_names[kind], kr_status_name(rc));
	kr_geometry_free(g);
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
		return kr_error_say(err, KR_EUSAGE, "omzetten vraagt SVG-tekst en PDF of PNG",
		                    "convert needs SVG text and PDF or PNG");
	h = rsvg_handle_new_from_data((const guint8 *)svg, len, &gerr);
	if (!h) {
		rc = kr_error_say(err, KR_EINVAL, "kan de SVG niet lezen: %s", "cannot read the SVG: %s",
		                  gerr ? gerr->message : "unknown error");
		goto out;
	}
	rsvg_handle_set_dpi(h, 96.0);
	if (!svg_size(h, &w, &hh)) {
		rc = kr_error_say(err, KR_EINVAL, "de SVG heeft geen breedte, hoogte of viewBox",
		                  "the SVG has no width, height or viewBox");
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
		rc = kr_error_say(err, KR_ENOMEM, "kan het tekenvlak niet maken: %s",
		                  "cannot make the drawing surface: %s",
		                  cairo_status_to_string(cairo_surface_status(s)));
		goto out;
	}
	cr = cairo_create(s);
	if (fmt == KR_FORMAT_PNG) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
	}
	if (!rsvg_handle_render_document(h, cr, &vp, &gerr)) {
		rc = kr_error_say(err, KR_EINVAL, "kan de SVG niet tekenen: %s", "cannot draw the SVG: %s",
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
		kr_error_say(err, rc, "kan de %s niet schrijven: %s", "cannot write the %s: %s",
		             fmt == KR_FORMAT_PDF ? "PDF" : "PNG",
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
