/*
 * geometry_int.h - building a struct kr_geometry (lib/geometry.c), for the
 * layouts (lib/render_<kind>.c, lib/legend.c, lib/render_people.c), and
 * the parts the writers draw composite items with (lib/svg.c), shared by
 * the SVG and the JSON writer.  Internal to libkring.
 *
 * Building fails like struct kr_buf: once memory runs out the geometry is
 * marked failed, every later kri_geom_add() hands out a scratch item that
 * is thrown away, and kri_geom_status() reports KR_ENOMEM at the end, so a
 * layout adds many items and checks once.
 */
#ifndef KRING_GEOMETRY_INT_H
#define KRING_GEOMETRY_INT_H

#include <stdarg.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/geometry.h"

/* A new, empty geometry of kind (NULL when out of memory). */
struct kr_geometry *kri_geom_new(enum kr_render_kind kind);

/* KR_OK, or KR_ENOMEM when some addition failed. */
enum kr_status kri_geom_status(const struct kr_geometry *g);

/* Makes room for n items at once (a hint; failure shows up later). */
void kri_geom_reserve(struct kr_geometry *g, size_t n);

/* Appends an item of type t (person -1, no flags, class or style) and
 * returns it; the caller sets the fields of its type in full.  The pointer
 * is valid until the next addition. */
struct kr_geom_item *kri_geom_add(struct kr_geometry *g, enum kr_geom_type t);

/* A copy of s (NULL stays NULL) that lives as long as g. */
const char *kri_geom_str(struct kr_geometry *g, const char *s);

/* Formatted text that lives as long as g ("" when out of memory). */
const char *kri_geom_printf(struct kr_geometry *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends a constant of a picture (a size, a width, an opacity: at most
 * three decimals) as printf's "%g" writes it ("2", "1.5", "0.35"), through
 * the buffer's fast path. */
void kri_buf_const(struct kr_buf *b, double v);

/* Room for n doubles that lives as long as g (NULL when out of memory). */
double *kri_geom_doubles(struct kr_geometry *g, size_t n);

/* A copy of tie t that lives as long as g (for KR_GEOM_TIE items). */
const struct kr_geom_tie *kri_geom_keep_tie(struct kr_geometry *g, const struct kr_geom_tie *t);

/* Adds a sector with the given fields (the item keeps a copy). */
struct kr_geom_item *kri_geom_sector(struct kr_geometry *g, struct kr_geom_sector sector);

/* Gives g the person ids of c (g->ids): copies, or (copy false, for a
 * geometry that is drawn and freed before c is) c's own strings.
 * kri_geom_id() is the id of person i ("" for none or out of range). */
void kri_geom_ids(struct kr_geometry *g, const struct kr_case *c, bool copy);
/* Whether g's ids are its own copies (it may outlive the case). */
bool kri_geom_keeps(const struct kr_geometry *g);
const char *kri_geom_id(const struct kr_geometry *g, int person);

/* Opens a group with classes cls (NULL: none) and flags; closes it. */
struct kr_geom_item *kri_geom_group(struct kr_geometry *g, const char *cls, unsigned flags);
void kri_geom_end(struct kr_geometry *g);
/* Opens an anonymous group whose items are one line of SVG text (a
 * symbol made of several shapes, a row of strokes). */
struct kr_geom_item *kri_geom_run(struct kr_geometry *g);

/* Gives every label with text of g (and of the pictures in it) its box
 * (kri_text_box, a KR_BOX_LABEL of its person): measuring text is left
 * until someone needs the boxes. */
void kri_geom_finish(struct kr_geometry *g);

/* Sets the item's box. */
void kri_geom_box(struct kr_geom_item *it, double x, double y, double w, double h,
                  int person, enum kr_box_kind kind);

/* A label: text (copied) at (x, y), font size px, anchor, classes cls
 * (static or NULL), of person (or -1).  Its box is measured later
 * (kri_geom_finish). */
struct kr_geom_item *kri_geom_label(struct kr_geometry *g, double x, double y, double px,
                                    enum kr_geom_anchor anchor, const char *cls, int person,
                                    const char *text);

/* Shapes; style, class and box are set by the caller on the result. */
struct kr_geom_item *kri_geom_rect(struct kr_geometry *g, double x, double y, double w,
                                   double h);
struct kr_geom_item *kri_geom_circle(struct kr_geometry *g, double x, double y, double r);
struct kr_geom_item *kri_geom_line(struct kr_geometry *g, double x1, double y1, double x2,
                                   double y2);
/* A path whose data is the formatted text. */
struct kr_geom_item *kri_geom_path(struct kr_geometry *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* How a picture is fitted into its box (as SVG's preserveAspectRatio
 * "xMidYMid meet"): a point (x, y) of the picture lands on
 * (*ox + x * *s, *oy + y * *s). */
void kri_picture_fit(const struct kr_geom_picture *pc, double *s, double *ox, double *oy);

/* The fields of struct kr_geom_style in the order the writers write them:
 * the SVG attribute, the JSON key, where the field is, and whether it is a
 * number (0: not set) or a string (NULL: not set). */
struct kri_style_field {
	const char *svg, *json;
	size_t off;
	bool number;
};
#define KRI_STYLE_FIELDS 8
extern const struct kri_style_field kri_style_fields[KRI_STYLE_FIELDS];

/* ---- the parts of composite items (lib/svg.c) ---- */

/* Appends the SVG elements drawn for composite item it (KR_GEOM_NODE: the
 * outlines and the cross; KR_GEOM_TIE: the line pieces and arrowheads,
 * nothing when the symbols touch; KR_GEOM_STAR: its outline) to b as JSON
 * objects {"el": name, attribute: value, ...}, separated by commas, with
 * the values as the SVG writer writes them. */
void kri_svg_parts(const struct kr_geom_item *it, struct kr_buf *b);

#endif
