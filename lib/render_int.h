/*
 * render_int.h - the internal interface between the renderer dispatcher
 * (render.c) and the instrument renderers (render_<kind>.c): one entry point
 * per kind, and the SVG helpers, palette and labels they share.
 * Not part of the public API.
 */
#ifndef KRING_RENDER_INT_H
#define KRING_RENDER_INT_H

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/render.h"

/* Each kind writes one complete standalone SVG document into out. */
enum kr_status kri_render_ecogram(const struct kr_case *c, const struct kr_render_opts *o,
                                  struct kr_buf *out, struct kr_error *err);
enum kr_status kri_render_genogram(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_buf *out, struct kr_error *err);
enum kr_status kri_render_lifeline(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_buf *out, struct kr_error *err);
enum kr_status kri_render_sociogram(const struct kr_case *c, const struct kr_render_opts *o,
                                    struct kr_buf *out, struct kr_error *err);
enum kr_status kri_render_scan(const struct kr_case *c, const struct kr_render_opts *o,
                               struct kr_buf *out, struct kr_error *err);
enum kr_status kri_render_flower(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_buf *out, struct kr_error *err);
enum kr_status kri_render_kompas(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_buf *out, struct kr_error *err);

/* Colour-blind-safe palette (Okabe-Ito) for the worlds; meaning is carried
 * by shape and line style too.  Returns a static "#rrggbb" string. */
const char *kri_world_colour(enum kr_world w);

/* Approximate width in SVG units of UTF-8 text at font size px in the SVG
 * font stack (DejaVu Sans metrics, ~0.6 em per character): good enough for
 * layout boxes. */
double kri_text_width(const char *utf8, double px);

/* Opens an SVG document: <svg xmlns viewBox="0 0 w h" width height
 * role="img" aria-labelledby> with <title> and <desc> (XML-escaped) and a
 * <style> block with the shared font stack ("DejaVu Sans", sans-serif). */
enum kr_status kri_svg_open(struct kr_buf *b, double w, double h, const char *title,
                            const char *desc);
enum kr_status kri_svg_close(struct kr_buf *b);

/* Writes <text x y font-size text-anchor class>escaped</text>; anchor is
 * "start", "middle" or "end"; cls may be NULL.  Registers the text's box as
 * a KR_BOX_LABEL for person (or -1) in o->layout. */
enum kr_status kri_svg_text(struct kr_buf *b, const struct kr_render_opts *o, double x,
                            double y, double px, const char *anchor, const char *cls,
                            int person, const char *text);

/* ---- Added by the render core (render.c) for the renderers that want them ---- */

/* Colours beyond the worlds (Okabe-Ito): lines, conflict, bridges between
 * the two worlds, the trust figure's star. */
#define KRI_COLOUR_INK "#222222"
#define KRI_COLOUR_CONFLICT "#D55E00"
#define KRI_COLOUR_BRIDGE "#0072B2"
#define KRI_COLOUR_TRUST "#F0E442"

/* True when person i belongs to the current network on day `day`: born
 * (or birth date unknown) and alive then, and, for a person with involved
 * periods (professionals), one of them covers the day. */
bool kri_person_current(const struct kr_case *c, int i, long day);

/* True when boxes a and b overlap or come closer than margin. */
bool kri_box_overlap(const struct kr_box *a, const struct kr_box *b, double margin);

/* Text in the class "title" is bold (the shared style says so): about this
 * much wider than kri_text_width() says. */
#define KRI_BOLD_FACTOR 1.13

/* kri_text_width() for text written with class list cls (NULL: none). */
double kri_text_width_cls(const char *utf8, double px, const char *cls);

/* The box kri_svg_text() registers for this text (person -1): from y - px
 * to y + px/4, as wide as kri_text_width_cls(). */
struct kr_box kri_text_box(double x, double y, double px, const char *anchor,
                           const char *cls, const char *text);

/* Draws person `person` as the standard symbol centred at (cx, cy) with
 * half-size r: square for a man, circle for a woman, diamond for x or
 * unknown; filled with the world's colour; the case's child with a double
 * outline; a person who died on or before o->as_of grey with a cross.
 * Registers the symbol's box (KR_BOX_SYMBOL) in o->layout. */
enum kr_status kri_svg_person(struct kr_buf *b, const struct kr_render_opts *o,
                              const struct kr_case *c, int person, double cx, double cy,
                              double r);

/* The half-size of the box kri_svg_person() draws for half-size r. */
double kri_person_radius(const struct kr_case *c, int person, double r);

/* A five-pointed star (the trust figure's mark) centred at (cx, cy). */
enum kr_status kri_svg_star(struct kr_buf *b, double cx, double cy, double r);

/* How a tie line looks beyond its own strength and quality: colour NULL
 * picks ink (grey for broken, vermillion for conflict); width_scale 0 means
 * 1; opacity 0 means opaque; bend 0 draws a straight line, otherwise a
 * curve whose middle lies bend x length off the line from the first person
 * to the second, towards (-dy, dx): a quarter turn clockwise on screen
 * (negative bend: the other way). */
struct kri_tie_look {
	const char *colour;
	double width_scale;
	double opacity;
	double bend;
};

/* Draws tie t between two symbols centred at (x1, y1) and (x2, y2) with
 * radii r1, r2, in Hartman's conventions: strong thick, normal, weak dashed;
 * conflict a zigzag; ambivalent hatched; broken interrupted by a gap closed
 * with two short bars; arrowheads where support flows (a_to_b, b_to_a,
 * mutual).  look may be NULL. */
enum kr_status kri_svg_tie(struct kr_buf *b, const struct kr_tie *t, double x1, double y1,
                           double r1, double x2, double y2, double r2,
                           const struct kri_tie_look *look);

/* A horizontal sample of a tie style for a legend, from (x, y), len long. */
enum kr_status kri_svg_tie_sample(struct kr_buf *b, double x, double y, double len,
                                  enum kr_strength strength, enum kr_quality quality,
                                  enum kr_direction direction);

/* A legend laid out in rows of items (sample + text), wrapping at width.
 * Run it once with draw false to measure (kri_legend_end gives the height,
 * used the widest row), then again with draw true to write it; the items
 * are registered in o->layout when drawn. */
#define KRI_LEGEND_PX 11.0
#define KRI_BAND_WIDTH 11.0
struct kri_legend {
	struct kr_buf *b;
	const struct kr_render_opts *o;
	double x0, y0, x, y, width, row_h;
	double used;          /* width of the widest row so far */
	bool draw;
	bool failed;          /* a write failed (the buffer says why) */
};
void kri_legend_begin(struct kri_legend *lg, struct kr_buf *b, const struct kr_render_opts *o,
                      double x0, double y0, double width, bool draw);
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
