/*
 * geometry.h - a picture as data: what an instrument is made of, apart from
 * how it is drawn.
 *
 * Every renderer (lib/render_<kind>.c) is a layout: it takes all the
 * decisions of its instrument - who sits in which ring and sector, where
 * every symbol and label goes, the colours of the palette, the line style
 * of each tie - and writes them into a struct kr_geometry.  One writer
 * draws any geometry as SVG (kr_geometry_to_svg, lib/svg.c), with an id
 * prefix so several pictures live in one document (the Netwerkkompas
 * places four geometries on one page that way), and kr_geometry_to_json
 * hands the same geometry to the browser, which draws and edits the
 * ecogram from it (GET /api/cases/{ref}/layout/ecogram, docs/api.md).
 *
 * A geometry is a list of items in drawing order.  A group
 * (KR_GEOM_GROUP) holds the items up to its matching KR_GEOM_END and may
 * give them a class, a style and a tooltip.  Coordinates are user units
 * (the SVG's: x to the right, y downwards; the kompas page: millimetres);
 * angles are degrees, 0 to the right, counting clockwise on screen as SVG
 * does.  Colours are "#rrggbb" (or "none", or "url(#id)" for a pattern of
 * the same geometry).  Every string lives as long as the geometry.  Items
 * with a box (KR_GEOM_F_BOX: symbols, legend samples, labels with text)
 * are what the layout keeps apart; the ecogram's node boxes are also the
 * browser's click targets.
 */
#ifndef KRING_GEOMETRY_H
#define KRING_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/buf.h"
#include "kring/error.h"
#include "kring/render.h"

enum kr_geom_type {
	KR_GEOM_GROUP,      /* opens a group (group) */
	KR_GEOM_END,        /* closes the innermost open group */
	KR_GEOM_NODE,       /* a person's symbol (node) */
	KR_GEOM_STAR,       /* the trust figure's star beside a person (circle: centre, r) */
	KR_GEOM_LABEL,      /* one line of text (label) */
	KR_GEOM_TIE,        /* a tie between two people in Hartman's line styles (*tie) */
	KR_GEOM_BAND,       /* the broad band under a tie between the two worlds (line) */
	KR_GEOM_RING,       /* a ring of the ecogram (circle, with its number) */
	KR_GEOM_SECTOR,     /* a region to click in: a wedge of a ring (*sector); not drawn */
	KR_GEOM_RECT,       /* a rectangle: frame, bar, swatch (rect) */
	KR_GEOM_CIRCLE,     /* (circle) */
	KR_GEOM_ELLIPSE,    /* (ellipse) */
	KR_GEOM_LINE,       /* a straight line (line) */
	KR_GEOM_POLYGON,    /* (poly) */
	KR_GEOM_PATH,       /* any other outline, as SVG path data (path) */
	KR_GEOM_PATTERN,    /* a fill pattern, used as "url(#id)" (pattern) */
	KR_GEOM_CSS,        /* style rules for classes of this picture (css) */
	KR_GEOM_PICTURE,    /* another geometry, fitted into a box (picture) */
	KR_GEOM__N
};

/* Item flags.  For groups: how the writer lays out the SVG text. */
#define KR_GEOM_F_BOX      0x001u  /* box is set: the item's place for overlap tests and clicks */
#define KR_GEOM_F_CHILD    0x002u  /* node: the child of the case (double outline) */
#define KR_GEOM_F_DECEASED 0x004u  /* node: died on or before the picture's day (grey, cross) */
#define KR_GEOM_F_TRUST    0x008u  /* node: the child's trust figure */
#define KR_GEOM_F_ROTATED  0x010u  /* ellipse: turned by angle degrees around its centre */
#define KR_GEOM_F_ANON     0x020u  /* group: no element of its own (a grouping for readers) */
#define KR_GEOM_F_INLINE   0x040u  /* group: its items on one line of SVG text */
#define KR_GEOM_F_BREAK    0x080u  /* group: a line break after the opening tag */
#define KR_GEOM_F_DEFS     0x100u  /* group: definitions (patterns), not drawn itself */

/* Which numbers of a rect or circle are written as given (the sizes of
 * legend swatches and dots) instead of with one decimal. */
#define KR_GEOM_EXACT_W 0x1u
#define KR_GEOM_EXACT_H 0x2u
#define KR_GEOM_EXACT_R 0x4u

enum kr_geom_shape { KR_SHAPE_SQUARE, KR_SHAPE_CIRCLE, KR_SHAPE_DIAMOND };
enum kr_geom_anchor { KR_ANCHOR_START, KR_ANCHOR_MIDDLE, KR_ANCHOR_END };

/* Presentation: NULL strings and 0 numbers are "not set" (inherited).  The
 * numbers are the picture's constants (three decimals at most). */
struct kr_geom_style {
	const char *fill, *stroke, *dash, *linecap, *linejoin;
	float fill_opacity, stroke_width, stroke_opacity;
};

/* KR_GEOM_NODE: the symbol of person `person` (an index into the case): a
 * square (man), circle (woman) or diamond (other, unknown) of
 * half-size r centred on (x, y), filled with fill; the child gets a second
 * outline 4 units further out, the deceased a cross.  world is the
 * person's enum kr_world; segment (enum kr_segment) and ring (0 the child,
 * 1 close .. 4 outside) are where the ecogram put the person, -1 in other
 * pictures. */
struct kr_geom_node {
	double x, y, r;
	enum kr_geom_shape shape;
	const char *fill;
	int world, segment, ring;
};

/* KR_GEOM_LABEL: text with its baseline at y, anchored at x, font size
 * size (user units).  Its box is measured from the text (DejaVu Sans
 * widths) by kr_render_geometry. */
struct kr_geom_label {
	double x, y, size;
	enum kr_geom_anchor anchor;
	const char *text;
};

/* KR_GEOM_TIE: tie `index` of the case (-1 for a legend sample) between
 * persons a and b (-1 for a sample), drawn from
 * the symbol of radius r1 centred on (x1, y1) to the one of radius r2 on
 * (x2, y2), stopping 2 units short of each (radius 0: at the point).
 * bend 0 is a straight line, otherwise a curve whose middle lies bend x
 * length off the line, a quarter turn clockwise from the direction a -> b.
 * strength, quality and direction (enum kr_strength, kr_quality,
 * kr_direction) choose the line style: strong thick, normal, weak dashed,
 * conflict a zigzag, ambivalent hatched, broken interrupted, arrowheads
 * where support flows; colour, width and opacity (0: opaque) are the
 * layout's choice. */
struct kr_geom_tie {
	double x1, y1, r1, x2, y2, r2, bend;
	double width, opacity;
	const char *colour;
	int strength, quality, direction;
	int index, a, b;
};

/* KR_GEOM_RING, _CIRCLE, _STAR: centre and radius; ring 1..4 for a ring. */
struct kr_geom_circle {
	double x, y, r;
	int ring;
	unsigned exact;
};

/* KR_GEOM_RECT: corner, size and corner radius rx (0: square corners). */
struct kr_geom_rect {
	double x, y, w, h, rx;
	unsigned exact;
};

/* KR_GEOM_ELLIPSE: centre, radii, and angle (with KR_GEOM_F_ROTATED). */
struct kr_geom_ellipse {
	double x, y, rx, ry, angle;
};

/* KR_GEOM_LINE, KR_GEOM_BAND: from (x1, y1) to (x2, y2). */
struct kr_geom_line {
	double x1, y1, x2, y2;
};

/* KR_GEOM_POLYGON: n points, x and y in turn in pts[2n]. */
struct kr_geom_poly {
	const double *pts;
	size_t n;
};

/* KR_GEOM_PATH: SVG path data, numbers with one decimal. */
struct kr_geom_path {
	const char *d;
};

/* KR_GEOM_SECTOR: the part of ring `ring` of the ecogram centred on (x, y)
 * between radii r0 and r1 and angles a0 and a1 (a0 < a1; a1 may pass 360)
 * that belongs to world (enum kr_world) and segment (enum kr_segment):
 * clicking there adds a person to that world, segment and ring.  The
 * sectors of a ring cover it without gaps. */
struct kr_geom_sector {
	double x, y, r0, r1, a0, a1;
	int world, segment, ring;
};

/* KR_GEOM_PATTERN: a w x h tile with background colour bg and, when d is
 * not empty, the hatching d drawn in the item's style. */
struct kr_geom_pattern {
	const char *id;
	double w, h;
	const char *bg;
	const char *d;
};

/* KR_GEOM_CSS: n rules; rule k gives the declarations css[k] (e.g.
 * "font-weight:bold") to the classes in the space-separated list
 * classes[k]. */
struct kr_geom_css {
	const char *const *classes;
	const char *const *css;
	size_t n;
};

/* KR_GEOM_PICTURE: geometry g (owned by this one) scaled to fit the box
 * x, y, w, h and centred in it; its ids and classes get the prefix. */
struct kr_geom_picture {
	const struct kr_geometry *g;
	double x, y, w, h;
	const char *prefix;
};

/* KR_GEOM_GROUP: a tooltip (NULL: none). */
struct kr_geom_group {
	const char *title;
};

/* One item; the union member is the one its type names (a tie and a
 * sector are kept beside the item, they are larger than the rest). */
struct kr_geom_item {
	unsigned char type;         /* enum kr_geom_type */
	unsigned short flags;       /* KR_GEOM_F_* */
	int person;                 /* the person the item belongs to, or -1 */
	const char *cls;            /* space-separated classes, or NULL */
	struct kr_geom_style style;
	struct kr_box box;          /* with KR_GEOM_F_BOX */
	union {
		struct kr_geom_group group;
		struct kr_geom_node node;
		struct kr_geom_label label;
		const struct kr_geom_tie *tie;
		struct kr_geom_circle circle;
		struct kr_geom_rect rect;
		struct kr_geom_ellipse ellipse;
		struct kr_geom_line line;
		struct kr_geom_poly poly;
		struct kr_geom_path path;
		const struct kr_geom_sector *sector;
		struct kr_geom_pattern pattern;
		struct kr_geom_css css;
		struct kr_geom_picture picture;
	};
};

struct kr_geometry {
	enum kr_render_kind kind;
	double width, height;       /* the canvas, from (0, 0) */
	bool mm;                    /* width and height are millimetres (a printed page) */
	const char *title, *desc;   /* what the picture is, for people and screen readers */
	double cx, cy;              /* the ecogram: where the child sits */
	double target;              /* the ecogram: a person's click target is at least
	                             * target x target units (0: no click targets) */
	double min_scale;           /* the ecogram: draw at least this many CSS pixels per
	                             * unit so a target is at least 44 pixels */
	const char *const *ids;     /* the case's person ids by index (nids of them) */
	size_t nids;
	struct kr_geom_item *items;
	size_t nitems;
	void *priv;                 /* the builder's: allocation, strings */
};

/* Lays out picture `kind` of case c into a new geometry (*out; free it
 * with kr_geometry_free).  opts as for kr_render_svg (NULL: Dutch, today;
 * opts->layout is not used).  Fails like kr_render_svg: KR_EUSAGE for a
 * wrong call, KR_EINVAL when the case lacks what the picture needs,
 * KR_ENOMEM; *out is NULL then. */
enum kr_status kr_render_geometry(enum kr_render_kind kind, const struct kr_case *c,
                                  const struct kr_render_opts *opts, struct kr_geometry **out,
                                  struct kr_error *err);

/* Frees a geometry and everything it owns (pictures inside it too).
 * NULL is fine. */
void kr_geometry_free(struct kr_geometry *g);

/* Draws g as one standalone SVG document into out (appending).  prefix (NULL
 * or "": none) is put before every id and class name the picture writes,
 * and before every reference to them, so several pictures can be put into
 * one document without touching their text.  Deterministic.  Fails with
 * the buffer's KR_ETOOBIG / KR_ENOMEM (said in err). */
enum kr_status kr_geometry_to_svg(const struct kr_geometry *g, const char *prefix,
                                  struct kr_buf *out, struct kr_error *err);

/* Writes g as JSON into out (appending): the shape is in docs/api.md
 * ("kring-geometry/1"), numbers with one decimal, items in drawing order
 * with groups nested.  Deterministic.  Fails with the buffer's KR_ETOOBIG /
 * KR_ENOMEM (said in err). */
enum kr_status kr_geometry_to_json(const struct kr_geometry *g, struct kr_buf *out,
                                   struct kr_error *err);

/* Appends the box of every item that has one (KR_GEOM_F_BOX) to layout, in
 * drawing order; the boxes of a picture inside g are mapped onto g's
 * units.  These are the boxes the layout tests check and the click targets
 * of the browser.  Returns KR_ENOMEM on failure. */
enum kr_status kr_geometry_boxes(const struct kr_geometry *g, struct kr_layout *layout);

#endif
