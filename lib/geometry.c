/*
 * geometry.c - struct kr_geometry (include/kring/geometry.h): building one
 * item by item (lib/geometry_int.h), freeing it, and the boxes it holds
 * (kr_geometry_boxes), mapped through the pictures placed inside it.
 *
 * Items live in one growing array; strings and point lists in a chain of
 * blocks owned by the geometry, so a geometry is freed in one call.
 * Building fails once and cleanly, as struct kr_buf does: after the first
 * failed allocation every addition goes to a scratch item and
 * kri_geom_status() says KR_ENOMEM.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"

#define BLOCK_FIRST (4u * 1024u)   /* the first block; each next one twice as big */
#define BLOCK_MAX (64u * 1024u)

struct block {
	struct block *next;
	size_t used, size;
	max_align_t align[];          /* the memory */
};

struct priv {
	struct kr_buf fmt;            /* where formatted text is made */
	struct block *blocks;
	size_t cap;                   /* items allocated */
	bool failed;
	bool keeps;                   /* the ids are copies */
	struct kr_geom_item scratch;  /* where additions go after a failure */
};

#define STYLE(svg, json, field, number) { svg, json, offsetof(struct kr_geom_style, field), number }
const struct kri_style_field kri_style_fields[KRI_STYLE_FIELDS] = {
	STYLE("fill", "fill", fill, false),
	STYLE("fill-opacity", "fill_opacity", fill_opacity, true),
	STYLE("stroke", "stroke", stroke, false),
	STYLE("stroke-width", "stroke_width", stroke_width, true),
	STYLE("stroke-opacity", "stroke_opacity", stroke_opacity, true),
	STYLE("stroke-dasharray", "dash", dash, false),
	STYLE("stroke-linecap", "linecap", linecap, false),
	STYLE("stroke-linejoin", "linejoin", linejoin, false),
};
#undef STYLE

struct kr_geometry *kri_geom_new(enum kr_render_kind kind)
{
	struct kr_geometry *g = calloc(1, sizeof *g);
	struct priv *p = calloc(1, sizeof *p);

	if (!g || !p) {
		free(g);
		free(p);
		return NULL;
	}
	g->kind = kind;
	g->priv = p;
	kr_buf_init(&p->fmt, 64u << 20);
	return g;
}

void kr_geometry_free(struct kr_geometry *g)
{
	struct priv *p;

	if (!g)
		return;
	p = g->priv;
	for (size_t i = 0; i < g->nitems; i++)
		if (g->items[i].type == KR_GEOM_PICTURE)
			kr_geometry_free((struct kr_geometry *)g->items[i].picture.g);
	while (p && p->blocks) {
		struct block *b = p->blocks;
		p->blocks = b->next;
		free(b);
	}
	if (p)
		kr_buf_cleanup(&p->fmt);
	free(p);
	free(g->items);
	free(g);
}

enum kr_status kri_geom_status(const struct kr_geometry *g)
{
	return ((const struct priv *)g->priv)->failed ? KR_ENOMEM : KR_OK;
}

/* n bytes from the blocks, aligned for any type; NULL (and failed) when
 * out of memory. */
static void *alloc(struct kr_geometry *g, size_t n)
{
	struct priv *p = g->priv;
	struct block *b = p->blocks;
	size_t a = sizeof(max_align_t);

	n = (n + a - 1) / a * a;
	if (p->failed)
		return NULL;
	if (!b || b->size - b->used < n) {
		size_t size = !b ? BLOCK_FIRST : b->size * 2 > BLOCK_MAX ? BLOCK_MAX : b->size * 2;
		if (size < n)
			size = n;
		b = malloc(sizeof *b + size);
		if (!b) {
			p->failed = true;
			return NULL;
		}
		b->size = size;
		b->used = 0;
		b->next = p->blocks;
		p->blocks = b;
	}
	b->used += n;
	return (char *)b->align + b->used - n;
}

void kri_geom_reserve(struct kr_geometry *g, size_t n)
{
	struct priv *p = g->priv;
	struct kr_geom_item *ni;

	if (p->failed || n <= p->cap)
		return;
	ni = realloc(g->items, n * sizeof *ni);
	if (!ni)
		return;
	g->items = ni;
	p->cap = n;
}

struct kr_geom_item *kri_geom_add(struct kr_geometry *g, enum kr_geom_type t)
{
	struct priv *p = g->priv;
	struct kr_geom_item *it;

	if (!p->failed && g->nitems == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		struct kr_geom_item *ni = realloc(g->items, cap * sizeof *ni);
		if (!ni)
			p->failed = true;
		else {
			g->items = ni;
			p->cap = cap;
		}
	}
	it = p->failed ? &p->scratch : &g->items[g->nitems++];
	/* Everything but the type's own fields, which every builder sets in
	 * full (and the box, read only with KR_GEOM_F_BOX). */
	it->type = (unsigned char)t;
	it->flags = 0;
	it->person = -1;
	it->cls = NULL;
	memset(&it->style, 0, sizeof it->style);
	return it;
}

const char *kri_geom_str(struct kr_geometry *g, const char *s)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	d = alloc(g, n);
	if (!d)
		return "";
	memcpy(d, s, n);
	return d;
}

/* Formatted text that lives as long as g, made with struct kr_buf's fast
 * number formatting ("" when out of memory). */
static const char *vformat(struct kr_geometry *g, const char *fmt, va_list ap)
{
	struct priv *p = g->priv;
	char *d;

	p->fmt.len = 0;
	if (p->fmt.data)
		p->fmt.data[0] = '\0';
	if (p->failed || kr_buf_vprintf(&p->fmt, fmt, ap) != KR_OK) {
		p->failed = true;
		return "";
	}
	d = alloc(g, p->fmt.len + 1);
	if (!d)
		return "";
	memcpy(d, p->fmt.data ? p->fmt.data : "", p->fmt.len + 1);
	return d;
}

const char *kri_geom_printf(struct kr_geometry *g, const char *fmt, ...)
{
	const char *d;
	va_list ap;

	va_start(ap, fmt);
	d = vformat(g, fmt, ap);
	va_end(ap);
	return d;
}

void kri_buf_const(struct kr_buf *b, double v)
{
	size_t start = b->len, n;

	if (kr_buf_printf(b, "%.3f", v) != KR_OK)
		return;
	n = b->len;
	while (n > start && b->data[n - 1] == '0')
		n--;
	if (n > start && b->data[n - 1] == '.')
		n--;
	b->len = n;
	b->data[n] = '\0';
}

double *kri_geom_doubles(struct kr_geometry *g, size_t n)
{
	return alloc(g, (n ? n : 1) * sizeof(double));
}

/* A copy of n bytes at p that lives as long as g, or a zeroed scratch
 * object when out of memory (never NULL). */
static const void *keep(struct kr_geometry *g, const void *p, size_t n)
{
	static const max_align_t none[8];
	void *d = n <= sizeof none ? alloc(g, n) : NULL;

	if (!d)
		return none;
	memcpy(d, p, n);
	return d;
}

struct kr_geom_item *kri_geom_sector(struct kr_geometry *g, struct kr_geom_sector sector)
{
	const struct kr_geom_sector *s = keep(g, &sector, sizeof sector);
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_SECTOR);

	it->sector = s;
	return it;
}

const struct kr_geom_tie *kri_geom_keep_tie(struct kr_geometry *g, const struct kr_geom_tie *t)
{
	return keep(g, t, sizeof *t);
}

void kri_geom_ids(struct kr_geometry *g, const struct kr_case *c, bool copy)
{
	const char **ids = alloc(g, (c->npersons ? c->npersons : 1) * sizeof *ids);

	if (!ids)
		return;
	for (size_t i = 0; i < c->npersons; i++) {
		const char *id = c->persons[i].id ? c->persons[i].id : "";
		ids[i] = copy ? kri_geom_str(g, id) : id;
	}
	g->ids = ids;
	g->nids = c->npersons;
	((struct priv *)g->priv)->keeps = copy;
}

bool kri_geom_keeps(const struct kr_geometry *g)
{
	return ((const struct priv *)g->priv)->keeps;
}

const char *kri_geom_id(const struct kr_geometry *g, int person)
{
	return person >= 0 && (size_t)person < g->nids ? g->ids[person] : "";
}

struct kr_geom_item *kri_geom_group(struct kr_geometry *g, const char *cls, unsigned flags)
{
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_GROUP);
	it->cls = cls;
	it->flags = (unsigned short)flags;
	it->group.title = NULL;
	return it;
}

struct kr_geom_item *kri_geom_run(struct kr_geometry *g)
{
	return kri_geom_group(g, NULL, KR_GEOM_F_ANON | KR_GEOM_F_INLINE);
}

void kri_geom_end(struct kr_geometry *g)
{
	kri_geom_add(g, KR_GEOM_END);
}

void kri_geom_box(struct kr_geom_item *it, double x, double y, double w, double h,
                  int person, enum kr_box_kind kind)
{
	it->flags |= KR_GEOM_F_BOX;
	it->box = (struct kr_box){ x, y, w, h, person, kind };
}

struct kr_geom_item *kri_geom_label(struct kr_geometry *g, double x, double y, double px,
                                    enum kr_geom_anchor anchor, const char *cls, int person,
                                    const char *text)
{
	struct kr_geom_item *it;
	const char *t = kri_geom_str(g, text ? text : "");

	it = kri_geom_add(g, KR_GEOM_LABEL);
	it->label = (struct kr_geom_label){ x, y, px, anchor, t };
	it->cls = cls;
	it->person = person;
	return it;
}

void kri_geom_finish(struct kr_geometry *g)
{
	for (size_t i = 0; i < g->nitems; i++) {
		struct kr_geom_item *it = &g->items[i];
		const struct kr_geom_label *l = &it->label;
		if (it->type == KR_GEOM_PICTURE)
			kri_geom_finish((struct kr_geometry *)it->picture.g);
		if (it->type != KR_GEOM_LABEL || !*l->text || (it->flags & KR_GEOM_F_BOX))
			continue;
		it->box = kri_text_box(l->x, l->y, l->size, l->anchor, it->cls, l->text);
		it->box.person = it->person;
		it->flags |= KR_GEOM_F_BOX;
	}
}

struct kr_geom_item *kri_geom_rect(struct kr_geometry *g, double x, double y, double w,
                                   double h)
{
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_RECT);
	it->rect = (struct kr_geom_rect){ x, y, w, h, 0, 0 };
	return it;
}

struct kr_geom_item *kri_geom_circle(struct kr_geometry *g, double x, double y, double r)
{
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_CIRCLE);
	it->circle = (struct kr_geom_circle){ x, y, r, 0, 0 };
	return it;
}

struct kr_geom_item *kri_geom_line(struct kr_geometry *g, double x1, double y1, double x2,
                                   double y2)
{
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_LINE);
	it->line = (struct kr_geom_line){ x1, y1, x2, y2 };
	return it;
}

struct kr_geom_item *kri_geom_path(struct kr_geometry *g, const char *fmt, ...)
{
	const char *d;
	va_list ap;
	struct kr_geom_item *it;

	va_start(ap, fmt);
	d = vformat(g, fmt, ap);
	va_end(ap);
	it = kri_geom_add(g, KR_GEOM_PATH);
	it->path.d = d;
	return it;
}

void kri_picture_fit(const struct kr_geom_picture *pc, double *s, double *ox, double *oy)
{
	double vw = pc->g->width, vh = pc->g->height;

	*s = vw > 0 && vh > 0 ? fmin(pc->w / vw, pc->h / vh) : 1.0;
	*ox = pc->x + (pc->w - vw * *s) / 2.0;
	*oy = pc->y + (pc->h - vh * *s) / 2.0;
}

/* Boxes of g with x' = ox + x * s, y' = oy + y * s. */
static enum kr_status boxes(const struct kr_geometry *g, double s, double ox, double oy,
                            struct kr_layout *layout)
{
	enum kr_status rc = KR_OK;

	for (size_t i = 0; i < g->nitems && rc == KR_OK; i++) {
		const struct kr_geom_item *it = &g->items[i];
		if (it->flags & KR_GEOM_F_BOX)
			rc = kr_layout_add(layout, ox + it->box.x * s, oy + it->box.y * s, it->box.w * s,
			                   it->box.h * s, it->box.person, it->box.kind);
		if (rc == KR_OK && it->type == KR_GEOM_PICTURE && it->picture.g) {
			const struct kr_geom_picture *pc = &it->picture;
			double ps, px, py;
			kri_picture_fit(pc, &ps, &px, &py);
			rc = boxes(pc->g, s * ps, ox + px * s, oy + py * s, layout);
		}
	}
	return rc;
}

enum kr_status kr_geometry_boxes(const struct kr_geometry *g, struct kr_layout *layout)
{
	if (!g || !layout)
		return KR_OK;
	return boxes(g, 1.0, 0.0, 0.0, layout);
}
