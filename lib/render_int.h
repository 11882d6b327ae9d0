/*
 * render_int.h - the internal interface of the renderers: one layout per
 * kind (lib/render_<kind>.c), each filling a struct kr_geometry that
 * lib/svg.c draws, and what the layouts share: the palette and the way
 * the network pictures show people and ties (lib/render_people.c), the
 * legend laid out in rows (lib/legend.c) and text metrics
 * (lib/text_metrics.c).  Not part of the public API.
 */
#ifndef KRING_RENDER_INT_H
#define KRING_RENDER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/geometry.h"
#include "kring/lang.h"
#include "kring/render.h"

/* ---- the layouts: each fills g for case c (the dispatcher checked the
 * call and the child) ---- */

enum kr_status kri_layout_ecogram(const struct kr_case *c, const struct kr_render_opts *o,
                                  struct kr_geometry *g, struct kr_error *err);
enum kr_status kri_layout_genogram(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_geometry *g, struct kr_error *err);
enum kr_status kri_layout_lifeline(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_geometry *g, struct kr_error *err);
enum kr_status kri_layout_sociogram(const struct kr_case *c, const struct kr_render_opts *o,
                                    struct kr_geometry *g, struct kr_error *err);
enum kr_status kri_layout_scan(const struct kr_case *c, const struct kr_render_opts *o,
                               struct kr_geometry *g, struct kr_error *err);
enum kr_status kri_layout_flower(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_geometry *g, struct kr_error *err);
enum kr_status kri_layout_kompas(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_geometry *g, struct kr_error *err);

/* kr_render_geometry() without measuring the labels (kri_geom_finish);
 * unless keeps, the person ids are borrowed from c, for a geometry that is
 * drawn and freed before c (kr_render_svg). */
enum kr_status kri_render_layout(enum kr_render_kind kind, const struct kr_case *c,
                                 const struct kr_render_opts *opts, bool keeps,
                                 struct kr_geometry **out, struct kr_error *err);

/* ---- text metrics (text_metrics.c) ---- */

/* Approximate width in user units of UTF-8 text at font size px in the
 * pictures' font ("DejaVu Sans", measured advance widths): good enough for
 * layout boxes. */
double kri_text_width(const char *utf8, double px);

/* Text in the class "title" is bold (the writer's base style says so):
 * about this much wider than kri_text_width() says. */
#define KRI_BOLD_FACTOR 1.13

/* kri_text_width() for text written with class list cls (NULL: none). */
double kri_text_width_cls(const char *utf8, double px, const char *cls);

/* The box of a label (person -1): from y - px to y + px/4, as wide as
 * kri_text_width_cls(), placed by its anchor. */
struct kr_box kri_text_box(double x, double y, double px, enum kr_geom_anchor anchor,
                           const char *cls, const char *text);

/* Text that fits: s itself when it is at most maxw wide at font size px,
 * else a copy in buf (size bytes, at least 8) cut at a character boundary
 * and ended with an ellipsis so that it fits.  Returns s or buf; never
 * NULL. */
const char *kri_text_fit(const char *s, double px, double maxw, char *buf, size_t size);

/* Copies s into out (outsz bytes), cut after maxcp code points with an
 * ellipsis when longer. */
void kri_text_clip(const char *s, size_t maxcp, char *out, size_t outsz);

/* ---- people and ties in the network pictures (render_people.c) ---- */

/* Colour-blind-safe palette (Okabe-Ito) for the worlds; meaning is carried
 * by shape and line style too.  Returns a static "#rrggbb" string. */
const char *kri_world_colour(enum kr_world w);

/* Colours beyond the worlds (Okabe-Ito): lines, conflict, bridges between
 * the two worlds, the trust figure's star, the deceased. */
#define KRI_COLOUR_INK "#222222"
#define KRI_COLOUR_CONFLICT "#D55E00"
#define KRI_COLOUR_BRIDGE "#0072B2"
#define KRI_COLOUR_TRUST "#F0E442"
#define KRI_COLOUR_DECEASED "#DDDDDD"

/* True when boxes a and b overlap or come closer than margin. */
bool kri_box_overlap(const struct kr_box *a, const struct kr_box *b, double margin);

/* The half-size of the box of person's symbol for half-size r: the
 * child's second outline adds 4, a diamond reaches 1.2 times as far. */
double kri_person_radius(const struct kr_case *c, int person, double r);

/* Adds person `person` as the standard symbol (KR_GEOM_NODE) centred at
 * (cx, cy) with half-size r: square for a man, circle for a woman, diamond
 * for x or unknown; filled with the world's colour; the case's child with
 * a double outline; a person who died on or before o->as_of grey with a
 * cross.  Its box (KR_BOX_SYMBOL) is the symbol's extent. */
struct kr_geom_item *kri_geom_person(struct kr_geometry *g, const struct kr_render_opts *o,
                                     const struct kr_case *c, int person, double cx,
                                     double cy, double r);

/* Adds the trust figure's five-pointed star centred at (cx, cy). */
struct kr_geom_item *kri_geom_star(struct kr_geometry *g, double cx, double cy, double r);

/* How a tie looks beyond its own strength and quality: colour NULL picks
 * the ink; width_scale 0 means 1; opacity 0 means opaque; bend as in
 * struct kr_geom_tie.  A tie in conflict or broken is drawn in the
 * conflict colour whatever colour the look asks for (Hartman: a stressful
 * tie is red). */
struct kri_tie_look {
	const char *colour;
	double width_scale;
	double opacity;
	double bend;
};

/* Adds a tie with strength, quality and direction between symbols
 * centred at (x1, y1) and (x2, y2) with radii r1, r2, in Hartman's
 * conventions (strong thick, normal, weak dashed; conflict a zigzag,
 * ambivalent hatched, broken interrupted; arrows where support flows).
 * t is tie `index` of c (or NULL for a legend sample); look may be NULL. */
struct kr_geom_item *kri_geom_tie(struct kr_geometry *g, const struct kr_case *c,
                                  const struct kr_tie *t, int index, double x1, double y1,
                                  double r1, double x2, double y2, double r2,
                                  const struct kri_tie_look *look);

/* ---- the legend laid out in rows of items (legend.c) ---- */

/* Run it once with draw false to measure (kri_legend_end gives the height,
 * used the widest row), then again with draw true to add it to g; drawn
 * samples get boxes (KR_BOX_SYMBOL) and texts their label boxes. */
#define KRI_LEGEND_PX 11.0
#define KRI_BAND_WIDTH 11.0
struct kri_legend {
	struct kr_geometry *g;
	const struct kr_render_opts *o;
	double x0, y0, x, y, width, row_h;
	double used;          /* width of the widest row so far */
	bool draw;
};
void kri_legend_begin(struct kri_legend *lg, struct kr_geometry *g,
                      const struct kr_render_opts *o, double x0, double y0, double width,
                      bool draw);
void kri_legend_newline(struct kri_legend *lg);
/* A person symbol sample: square, circle or diamond; a cross when dead. */
void kri_legend_symbol(struct kri_legend *lg, enum kr_sex sex, const char *fill, bool dead,
                       const char *text);
void kri_legend_star(struct kri_legend *lg, const char *text);
/* A tie sample; band (a colour or NULL) draws the broad band that marks a
 * tie between the two worlds underneath. */
void kri_legend_line(struct kri_legend *lg, enum kr_strength strength, enum kr_quality quality,
                     enum kr_direction direction, const struct kri_tie_look *look,
                     const char *band, const char *text);
/* The person rows shared by the network pictures: the symbols (man,
 * woman, other, deceased; the trust figure's star when star), then one
 * sample per world, each row ended. */
void kri_legend_people(struct kri_legend *lg, bool star);
/* Hartman's tie styles (strong .. broken) and the support arrow. */
void kri_legend_tie_styles(struct kri_legend *lg);
/* A line of text on a row of its own. */
void kri_legend_note(struct kri_legend *lg, const char *text);
/* Ends the legend; returns its height. */
double kri_legend_end(struct kri_legend *lg);

#endif
