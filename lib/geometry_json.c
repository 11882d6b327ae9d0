/*
 * geometry_json.c - a geometry as JSON (kr_geometry_to_json, shape in
 * docs/api.md "kring-geometry/1"): the canvas, then every item in drawing
 * order with its type, class, person, style and box, groups holding their
 * items.  Composite items (a person's symbol, a tie, the star) also carry
 * "parts": the SVG elements the writer draws for them (lib/svg.c), with
 * attribute values as the SVG has them, so the browser draws the same
 * shapes without computing any.  Coordinates have one decimal, like the
 * SVG; the output is deterministic.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kring/enum.h"
#include "geometry_int.h"
#include "render_int.h"

static const char *const type_names[KR_GEOM__N] = {
	[KR_GEOM_GROUP] = "group", [KR_GEOM_END] = "end", [KR_GEOM_NODE] = "node",
	[KR_GEOM_STAR] = "star", [KR_GEOM_LABEL] = "label", [KR_GEOM_TIE] = "tie",
	[KR_GEOM_BAND] = "band", [KR_GEOM_RING] = "ring", [KR_GEOM_SECTOR] = "sector",
	[KR_GEOM_RECT] = "rect", [KR_GEOM_CIRCLE] = "circle", [KR_GEOM_ELLIPSE] = "ellipse",
	[KR_GEOM_LINE] = "line", [KR_GEOM_POLYGON] = "polygon", [KR_GEOM_PATH] = "path",
	[KR_GEOM_PATTERN] = "pattern", [KR_GEOM_CSS] = "css", [KR_GEOM_PICTURE] = "picture",
};
static const char *const shape_names[] = { "square", "circle", "diamond" };
static const char *const anchor_names[] = { "start", "middle", "end" };

struct jw {
	struct kr_buf *b;
};

static void json_geometry(struct jw *j, const struct kr_geometry *g);

/* A JSON string (NULL: null). */
static void str(struct kr_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		kr_buf_puts(b, "null");
		return;
	}
	kr_buf_puts(b, "\"");
	while (*p) {
		const unsigned char *q = p;
		while (*q >= 0x20 && *q != '"' && *q != '\\')
			q++;
		if (q > p)
			kr_buf_add(b, p, (size_t)(q - p));
		if (!*q)
			break;
		if (*q == '"' || *q == '\\')
			kr_buf_printf(b, "\\%c", *q);
		else if (*q == '\n')
			kr_buf_puts(b, "\\n");
		else if (*q == '\t')
			kr_buf_puts(b, "\\t");
		else
			kr_buf_printf(b, "\\u%04x", *q);
		p = q + 1;
	}
	kr_buf_puts(b, "\"");
}

/* ,"key":"value" */
static void kstr(struct kr_buf *b, const char *key, const char *v)
{
	kr_buf_printf(b, ",\"%s\":", key);
	str(b, v);
}

/* ,"key":number with one decimal (null when not finite) */
static void knum(struct kr_buf *b, const char *key, double v)
{
	if (isfinite(v))
		kr_buf_printf(b, ",\"%s\":%.1f", key, v);
	else
		kr_buf_printf(b, ",\"%s\":null", key);
}

/* ,"key":number as given */
static void kval(struct kr_buf *b, const char *key, double v)
{
	kr_buf_printf(b, ",\"%s\":", key);
	if (isfinite(v))
		kri_buf_const(b, v);
	else
		kr_buf_puts(b, "null");
}

/* ,"key":"name" of an enumeration value, or null for none */
static void kenum(struct kr_buf *b, const char *key, enum kr_enum e, int v)
{
	const char *n = v > 0 ? kr_enum_name(e, v) : "";
	kstr(b, key, *n ? n : NULL);
}

static void style(struct kr_buf *b, const struct kr_geom_style *s)
{
	for (int i = 0; i < KRI_STYLE_FIELDS; i++) {
		const struct kri_style_field *f = &kri_style_fields[i];
		const char *at = (const char *)s + f->off;
		if (f->number && *(const float *)at > 0)
			kval(b, f->json, *(const float *)at);
		else if (!f->number && *(const char *const *)at)
			kstr(b, f->json, *(const char *const *)at);
	}
}

static void parts(struct jw *j, const struct kr_geom_item *it)
{
	kr_buf_puts(j->b, ",\"parts\":[");
	kri_svg_parts(it, j->b);
	kr_buf_puts(j->b, "]");
}

/* The fields of one item, after its "type". */
static void fields(struct jw *j, const struct kr_geometry *g, const struct kr_geom_item *it)
{
	struct kr_buf *b = j->b;

	switch (it->type) {
	case KR_GEOM_GROUP:
		if (it->group.title)
			kstr(b, "title", it->group.title);
		if (it->flags & KR_GEOM_F_DEFS)
			kr_buf_puts(b, ",\"defs\":true");
		break;
	case KR_GEOM_NODE: {
		const struct kr_geom_node *n = &it->node;
		kstr(b, "shape", shape_names[n->shape]);
		knum(b, "x", n->x);
		knum(b, "y", n->y);
		knum(b, "r", n->r);
		kstr(b, "fill", n->fill);
		kenum(b, "world", KR_ENUM_WORLD, n->world);
		kenum(b, "segment", KR_ENUM_SEGMENT, n->segment);
		if (n->ring >= 0)
			kr_buf_printf(b, ",\"ring\":%d", n->ring);
		if (it->flags & KR_GEOM_F_CHILD)
			kr_buf_puts(b, ",\"child\":true");
		if (it->flags & KR_GEOM_F_DECEASED)
			kr_buf_puts(b, ",\"deceased\":true");
		if (it->flags & KR_GEOM_F_TRUST)
			kr_buf_puts(b, ",\"trust\":true");
		parts(j, it);
		break;
	}
	case KR_GEOM_STAR:
		knum(b, "x", it->circle.x);
		knum(b, "y", it->circle.y);
		knum(b, "r", it->circle.r);
		parts(j, it);
		break;
	case KR_GEOM_LABEL:
		knum(b, "x", it->label.x);
		knum(b, "y", it->label.y);
		knum(b, "size", it->label.size);
		kstr(b, "anchor", anchor_names[it->label.anchor]);
		kstr(b, "text", it->label.text);
		break;
	case KR_GEOM_TIE: {
		const struct kr_geom_tie *t = it->tie;
		if (t->index >= 0) {
			kr_buf_printf(b, ",\"tie\":%d", t->index);
			kstr(b, "a", kri_geom_id(g, t->a));
			kstr(b, "b", kri_geom_id(g, t->b));
		}
		knum(b, "x1", t->x1);
		knum(b, "y1", t->y1);
		knum(b, "r1", t->r1);
		knum(b, "x2", t->x2);
		knum(b, "y2", t->y2);
		knum(b, "r2", t->r2);
		kval(b, "bend", t->bend);
		kenum(b, "strength", KR_ENUM_STRENGTH, t->strength);
		kenum(b, "quality", KR_ENUM_QUALITY, t->quality);
		kenum(b, "direction", KR_ENUM_DIRECTION, t->direction);
		kstr(b, "colour", t->colour);
		knum(b, "width", t->width);
		if (t->opacity > 0 && t->opacity < 1)
			kr_buf_printf(b, ",\"opacity\":%.2f", t->opacity);
		parts(j, it);
		break;
	}
	case KR_GEOM_BAND:
	case KR_GEOM_LINE:
		knum(b, "x1", it->line.x1);
		knum(b, "y1", it->line.y1);
		knum(b, "x2", it->line.x2);
		knum(b, "y2", it->line.y2);
		break;
	case KR_GEOM_RING:
		kr_buf_printf(b, ",\"ring\":%d", it->circle.ring);
		/* fall through */
	case KR_GEOM_CIRCLE:
		knum(b, "x", it->circle.x);
		knum(b, "y", it->circle.y);
		knum(b, "r", it->circle.r);
		break;
	case KR_GEOM_SECTOR: {
		const struct kr_geom_sector *s = it->sector;
		kenum(b, "world", KR_ENUM_WORLD, s->world);
		kenum(b, "segment", KR_ENUM_SEGMENT, s->segment);
		kr_buf_printf(b, ",\"ring\":%d", s->ring);
		knum(b, "x", s->x);
		knum(b, "y", s->y);
		knum(b, "r0", s->r0);
		knum(b, "r1", s->r1);
		knum(b, "a0", s->a0);
		knum(b, "a1", s->a1);
		break;
	}
	case KR_GEOM_RECT:
		knum(b, "x", it->rect.x);
		knum(b, "y", it->rect.y);
		knum(b, "w", it->rect.w);
		knum(b, "h", it->rect.h);
		if (it->rect.rx > 0)
			kval(b, "rx", it->rect.rx);
		break;
	case KR_GEOM_ELLIPSE:
		knum(b, "x", it->ellipse.x);
		knum(b, "y", it->ellipse.y);
		knum(b, "rx", it->ellipse.rx);
		knum(b, "ry", it->ellipse.ry);
		if (it->flags & KR_GEOM_F_ROTATED)
			knum(b, "angle", it->ellipse.angle);
		break;
	case KR_GEOM_POLYGON:
		kr_buf_puts(b, ",\"points\":[");
		for (size_t k = 0; k < 2 * it->poly.n; k++)
			kr_buf_printf(b, "%s%.1f", k ? "," : "", it->poly.pts[k]);
		kr_buf_puts(b, "]");
		break;
	case KR_GEOM_PATH:
		kstr(b, "d", it->path.d);
		break;
	case KR_GEOM_PATTERN:
		kstr(b, "id", it->pattern.id);
		kval(b, "w", it->pattern.w);
		kval(b, "h", it->pattern.h);
		kstr(b, "bg", it->pattern.bg);
		kstr(b, "d", it->pattern.d);
		break;
	case KR_GEOM_CSS:
		kr_buf_puts(b, ",\"rules\":[");
		for (size_t k = 0; k < it->css.n; k++) {
			kr_buf_printf(b, "%s{\"classes\":", k ? "," : "");
			str(b, it->css.classes[k]);
			kstr(b, "css", it->css.css[k]);
			kr_buf_puts(b, "}");
		}
		kr_buf_puts(b, "]");
		break;
	case KR_GEOM_PICTURE:
		knum(b, "x", it->picture.x);
		knum(b, "y", it->picture.y);
		knum(b, "w", it->picture.w);
		knum(b, "h", it->picture.h);
		kstr(b, "prefix", it->picture.prefix);
		kr_buf_puts(b, ",\"geometry\":");
		json_geometry(j, it->picture.g);
		break;
	case KR_GEOM_END:
	case KR_GEOM__N:
		break;
	}
}

/* The items of g as a JSON array, groups nested. */
static void items(struct jw *j, const struct kr_geometry *g)
{
	struct kr_buf *b = j->b;
	bool first = true;

	kr_buf_puts(b, "[");
	for (size_t i = 0; i < g->nitems; i++) {
		const struct kr_geom_item *it = &g->items[i];
		if (it->type == KR_GEOM_END) {
			kr_buf_puts(b, "]}");
			first = false;
			continue;
		}
		kr_buf_printf(b, "%s{\"type\":\"%s\"", first ? "" : ",", type_names[it->type]);
		if (it->cls)
			kstr(b, "class", it->cls);
		if (it->person >= 0)
			kstr(b, "person", kri_geom_id(g, it->person));
		fields(j, g, it);
		style(b, &it->style);
		if (it->flags & KR_GEOM_F_BOX)
			kr_buf_printf(b, ",\"box\":{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,"
			              "\"kind\":\"%s\"}", it->box.x, it->box.y, it->box.w, it->box.h,
			              it->box.kind == KR_BOX_LABEL ? "label" : "symbol");
		if (it->type == KR_GEOM_GROUP) {
			kr_buf_puts(b, ",\"items\":[");
			first = true;
			continue;
		}
		kr_buf_puts(b, "}");
		first = false;
	}
	kr_buf_puts(b, "]");
}

static void json_geometry(struct jw *j, const struct kr_geometry *g)
{
	struct kr_buf *b = j->b;

	kr_buf_printf(b, "{\"format\":\"kring-geometry/1\",\"kind\":\"%s\"",
	              kr_render_kind_name(g->kind));
	knum(b, "width", g->width);
	knum(b, "height", g->height);
	kstr(b, "unit", g->mm ? "mm" : "px");
	kstr(b, "title", g->title ? g->title : "");
	kstr(b, "desc", g->desc ? g->desc : "");
	if (g->target > 0) {
		kr_buf_printf(b, ",\"centre\":{\"x\":%.1f,\"y\":%.1f}", g->cx, g->cy);
		knum(b, "target", g->target);
		kr_buf_printf(b, ",\"min_scale\":%.3f", g->min_scale);
	}
	kr_buf_puts(b, ",\"items\":");
	items(j, g);
	kr_buf_puts(b, "}");
}

enum kr_status kr_geometry_to_json(const struct kr_geometry *g, struct kr_buf *out,
                                   struct kr_error *err)
{
	struct jw j;
	enum kr_status rc;

	if (!g || !out)
		return kr_error_say(err, KR_EUSAGE, "geen tekening of geen uitvoer",
		                    "no picture or no output");
	j.b = out;
	json_geometry(&j, g);
	rc = out->failed ? out->why : KR_OK;
	if (rc != KR_OK)
		kr_error_say(err, rc, "de tekening past niet in het geheugen (%s)",
		             "the picture does not fit in memory (%s)", kr_status_name(rc));
	return rc;
}
