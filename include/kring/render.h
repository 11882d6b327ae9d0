/*
 * render.h - the network instruments as pictures: ecogram, genogram,
 * lifeline, sociogram, Community Scan, Wraparound flower and the
 * Netwerkkompas that combines four of them.
 *
 * Every instrument is laid out by the library into a geometry
 * (geometry.h) and drawn from it as SVG by one writer (deterministic: the
 * same case and options give the same bytes), so the command line, the
 * server and the browser show the same picture.  PDF and PNG are that SVG
 * drawn through librsvg and cairo.  Renderers also report the boxes of every
 * symbol and label they placed, so tests can assert that nothing overlaps.
 */
#ifndef KRING_RENDER_H
#define KRING_RENDER_H

#include <stddef.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/settings.h"

enum kr_render_kind {
	KR_RENDER_ECOGRAM, KR_RENDER_GENOGRAM, KR_RENDER_LIFELINE, KR_RENDER_SOCIOGRAM,
	KR_RENDER_SCAN, KR_RENDER_FLOWER, KR_RENDER_KOMPAS, KR_RENDER__N
};

enum kr_render_format { KR_FORMAT_SVG, KR_FORMAT_PDF, KR_FORMAT_PNG };

enum kr_box_kind { KR_BOX_SYMBOL, KR_BOX_LABEL };

/* One placed thing, in SVG user units (y grows downwards). */
struct kr_box {
	double x, y, w, h;
	int person;               /* person index, or -1 */
	enum kr_box_kind kind;
};

/* The boxes a renderer placed.  Owned by the caller: kr_layout_cleanup(). */
struct kr_layout {
	struct kr_box *boxes;
	size_t n, cap;
};

struct kr_render_opts {
	enum kr_lang lang;
	long as_of;               /* day number the picture is "as of" */
	const struct kr_case *compare;   /* scan: an earlier state, or NULL */
	long compare_day;         /* the day that earlier state is from */
	struct kr_layout *layout; /* when non-NULL, receives every box */
	const struct kr_settings *settings;   /* the organisation's thresholds
	                             (kr_settings_load), the same ones `kring show`
	                             and the signals judge with: the lifeline's
	                             path (path.home_months) and settling-in
	                             schedule; NULL means the defaults.  Borrowed. */
};

/* Writes the SVG picture of `kind` for case c into out (appending): the
 * kind's geometry (kr_render_geometry) drawn by the SVG writer; opts NULL
 * means Dutch, today; with opts->layout the geometry's boxes are appended
 * there.  Fails with KR_ETOOBIG / KR_ENOMEM from the buffer, or KR_EINVAL
 * when the kind needs something the case lacks (said in err). */
enum kr_status kr_render_svg(enum kr_render_kind kind, const struct kr_case *c,
                             const struct kr_render_opts *opts, struct kr_buf *out,
                             struct kr_error *err);

/* Draws SVG text as PDF or PNG into out (appending), through librsvg and
 * cairo.  KR_EINVAL when librsvg cannot read the SVG. */
enum kr_status kr_render_convert(const char *svg, size_t len, enum kr_render_format fmt,
                                 struct kr_buf *out, struct kr_error *err);

/* "ecogram" -> KR_RENDER_ECOGRAM; -1 for an unknown name. */
int kr_render_kind_parse(const char *name);
/* The name of a kind ("ecogram"); static, "" when out of range. */
const char *kr_render_kind_name(enum kr_render_kind kind);

/* The ecogram's rings (1 closest .. 4 outside, see render_ecogram.c): the
 * strength and frequency a tie between the child and a person gets when
 * the person is put in ring 1, 2 or 3 (what the browser writes when a
 * person is moved to a ring).  Ring 4 means no tie: returns false for it
 * and for anything outside 1..3, leaving *s and *f alone. */
bool kr_render_ecogram_ring_tie(int ring, enum kr_strength *s, enum kr_frequency *f);

/* True when a tie of quality "broken" keeps its person in ring `ring`: a
 * broken tie puts the person in ring 3 whatever its strength, so a person
 * put in ring 1 or 2 needs the tie's "broken" cleared (what the browser
 * does, from /api/meta's ring_ties[ring].keeps_broken). */
bool kr_render_ecogram_ring_keeps_broken(int ring);

/* The format named by a file name's extension (.svg .pdf .png); -1 if none. */
int kr_render_format_from_path(const char *path);

/* Adds a box to a layout (no-op when layout is NULL).  Returns KR_ENOMEM on
 * failure. */
enum kr_status kr_layout_add(struct kr_layout *layout, double x, double y, double w,
                             double h, int person, enum kr_box_kind kind);
void kr_layout_cleanup(struct kr_layout *layout);

#endif
