/*
 * render_r3.h - small helpers shared by the Community Scan, flower and
 * Netwerkkompas renderers (render_scan.c, render_flower.c, render_kompas.c).
 * Internal to libkring.
 */
#ifndef KRING_RENDER_R3_H
#define KRING_RENDER_R3_H

#include <stddef.h>

#include "kring/buf.h"
#include "kring/error.h"
#include "kring/render.h"

/* Text that fits: s itself when it is at most maxw wide at font size px
 * (kri_text_width), else a copy in buf (size bytes, at least 8) cut at a
 * character boundary and ended with an ellipsis so that it fits.  Returns s
 * or buf; never NULL. */
const char *kri_text_fit(const char *s, double px, double maxw, char *buf, size_t size);

/* Embeds the standalone SVG document sub (len bytes) into b as a nested
 * <svg x y width height viewBox preserveAspectRatio="xMidYMid meet"> in the
 * box x, y, w, h: the XML prolog and the root element are replaced; every
 * id, every reference to one (url(#..), href / xlink:href "#..",
 * aria-labelledby/-describedby) and every class name, including the class
 * and id selectors of its <style> blocks, get the prefix, so several
 * pictures can share one document.  When sublay is non-NULL its boxes are
 * mapped into b's units and added to lay.  Returns KR_EINVAL (nothing
 * written) when sub is not an SVG document with a viewBox, or the buffer's
 * failure status. */
enum kr_status kri_svg_embed(struct kr_buf *b, const char *prefix, const char *sub, size_t len,
                             double x, double y, double w, double h,
                             const struct kr_layout *sublay, struct kr_layout *lay);

#endif
