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

/* Dutch or English label for an enumeration value, e.g.
 * kri_label(KR_ENUM_WORLD, KR_WORLD_FOSTER, KR_LANG_NL) -> "pleeggezin".
 * Returns a static string; "" for value 0 ("absent"). */
const char *kri_label(enum kr_enum e, int value, enum kr_lang lang);

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

#endif
