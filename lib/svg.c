/*
 * svg.c - the one SVG writer: draws any struct kr_geometry
 * (include/kring/geometry.h) as a standalone SVG document
 * (kr_geometry_to_svg), and the pictures placed inside it as nested <svg>
 * elements, so the Netwerkkompas's four panels are drawn by the same code
 * as the pictures on their own.
 *
 * An id prefix goes before every id and class the writer puts in the
 * document, and before every reference to one (aria-labelledby, url(#..),
 * the selectors of the style rules), so pictures combine without any text
 * being rewritten afterwards.  The document opens with the title and
 * description (for screen readers), the shared style (the "DejaVu Sans"
 * font stack, the label halo, bold titles, muted text) and a white
 * background.
 *
 * Composite items are drawn here from their few numbers: a person's symbol
 * (outlines, the child's second outline, the cross of the deceased), the
 * star, and ties in Hartman's line styles along a straight line or a
 * gentle curve (zigzag for conflict, hatching for ambivalence, a gap
 * closed by two bars for a broken tie, arrowheads where support flows).
 * kri_svg_parts() gives those elements to the JSON writer as well, so the
 * browser draws exactly the same shapes.
 *
 * Numbers are printed with one decimal ("%.1f"), constants as given (as
 * "%g" would, kri_buf_const), so the output is byte-identical from run to
 * run.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"

#define MAX_DEPTH 32

struct writer {
	const struct kr_geometry *g;
	struct kr_buf *b;
	const char *pfx;          /* "" for none */
};

static enum kr_status write_body(struct writer *w, const struct kr_geometry *g);

/* ---- small pieces ---- */

/* Writes the space-separated names of cls, each with the prefix. */
static void put_names(struct writer *w, const char *cls)
{
	const char *p = cls;
	bool first = true;

	if (!*w->pfx) {
		kr_buf_xml(w->b, cls);
		return;
	}
	while (*p) {
		size_t n;
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (!n)
			break;
		kr_buf_printf(w->b, "%s%s%.*s", first ? "" : " ", w->pfx, (int)n, p);
		first = false;
		p += n;
	}
}

/* name="v", v written as it is (the library's own values: colours,
 * numbers, class names), in one append when it is short. */
static void put_attr(struct kr_buf *b, const char *name, const char *v)
{
	char tmp[192];
	size_t ln = strlen(name), lv = strlen(v);

	if (ln + lv + 4 > sizeof tmp) {
		kr_buf_printf(b, " %s=\"%s\"", name, v);
		return;
	}
	tmp[0] = ' ';
	memcpy(tmp + 1, name, ln);
	tmp[ln + 1] = '=';
	tmp[ln + 2] = '"';
	memcpy(tmp + ln + 3, v, lv);
	tmp[ln + 3 + lv] = '"';
	kr_buf_add(b, tmp, ln + lv + 4);
}

static void put_class(struct writer *w, const char *cls)
{
	if (!cls)
		return;
	if (!*w->pfx && !strpbrk(cls, "&<>\"'")) {
		put_attr(w->b, "class", cls);
		return;
	}
	kr_buf_puts(w->b, " class=\"");
	put_names(w, cls);
	kr_buf_puts(w->b, "\"");
}

/* A paint value: a colour, or a reference to a pattern (prefixed). */
static void put_paint(struct writer *w, const char *name, const char *v)
{
	if (!v)
		return;
	if (strncmp(v, "url(#", 5) == 0)
		kr_buf_printf(w->b, " %s=\"url(#%s%s\"", name, w->pfx, v + 5);
	else
		put_attr(w->b, name, v);
}

/* name="v" for a constant v. */
static void put_const(struct writer *w, const char *name, double v)
{
	kr_buf_printf(w->b, " %s=\"", name);
	kri_buf_const(w->b, v);
	kr_buf_add(w->b, "\"", 1);
}

/* Attribute text made in a small buffer of its own and appended at once:
 * the writer's most frequent appends are a few short attributes. */
struct line {
	char s[512];
	size_t n;
	bool over;            /* did not fit: write it the slow way */
};

static void line_add(struct line *l, const char *p, size_t n)
{
	if (l->over || n > sizeof l->s - l->n) {
		l->over = true;
		return;
	}
	memcpy(l->s + l->n, p, n);
	l->n += n;
}

/* A constant (at most three decimals, under a million), as "%g" writes
 * it: "2", "1.5", "0.35". */
static void line_const(struct line *l, double v)
{
	long m = lround(v * 1000), ip;
	char t[24];
	int n = 0, digits = 3, frac;

	if (!(v >= 0 && v < 1e6)) {
		l->over = true;
		return;
	}
	ip = m / 1000;
	frac = (int)(m % 1000);
	do {                  /* the whole part, backwards */
		t[n++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	for (int i = 0; i < n / 2; i++) {
		char c = t[i];
		t[i] = t[n - 1 - i];
		t[n - 1 - i] = c;
	}
	if (frac) {
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		t[n++] = '.';
		for (int d = digits - 1; d >= 0; d--, frac /= 10)
			t[n + d] = (char)('0' + frac % 10);
		n += digits;
	}
	line_add(l, t, (size_t)n);
}

static void put_style_slow(struct writer *w, const struct kr_geom_style *s)
{
	for (int i = 0; i < KRI_STYLE_FIELDS; i++) {
		const struct kri_style_field *f = &kri_style_fields[i];
		const char *at = (const char *)s + f->off;
		if (f->number && *(const float *)at > 0)
			put_const(w, f->svg, *(const float *)at);
		else if (!f->number)
			put_paint(w, f->svg, *(const char *const *)at);
	}
}

/* One style attribute into l: a colour or other text (a pattern reference
 * gets the prefix), or a constant. */
static void line_attr(struct line *l, const char *pfx, const char *name, const char *v,
                      double num)
{
	line_add(l, " ", 1);
	line_add(l, name, strlen(name));
	line_add(l, "=\"", 2);
	if (!v) {
		line_const(l, num);
	} else {
		if (strncmp(v, "url(#", 5) == 0) {
			line_add(l, "url(#", 5);
			line_add(l, pfx, strlen(pfx));
			v += 5;
		}
		line_add(l, v, strlen(v));
	}
	line_add(l, "\"", 1);
}

/* The style, in the order of kri_style_fields. */
static void put_style(struct writer *w, const struct kr_geom_style *s)
{
	struct line l;

	if (!s->fill && !s->stroke && !s->dash && !s->linecap && !s->linejoin &&
	    s->fill_opacity <= 0 && s->stroke_width <= 0 && s->stroke_opacity <= 0)
		return;
	l.n = 0;
	l.over = false;
	if (s->fill)
		line_attr(&l, w->pfx, "fill", s->fill, 0);
	if (s->fill_opacity > 0)
		line_attr(&l, w->pfx, "fill-opacity", NULL, s->fill_opacity);
	if (s->stroke)
		line_attr(&l, w->pfx, "stroke", s->stroke, 0);
	if (s->stroke_width > 0)
		line_attr(&l, w->pfx, "stroke-width", NULL, s->stroke_width);
	if (s->stroke_opacity > 0)
		line_attr(&l, w->pfx, "stroke-opacity", NULL, s->stroke_opacity);
	if (s->dash)
		line_attr(&l, w->pfx, "stroke-dasharray", s->dash, 0);
	if (s->linecap)
		line_attr(&l, w->pfx, "stroke-linecap", s->linecap, 0);
	if (s->linejoin)
		line_attr(&l, w->pfx, "stroke-linejoin", s->linejoin, 0);
	if (l.over)
		put_style_slow(w, s);
	else
		kr_buf_add(w->b, l.s, l.n);
}

/* A number: one decimal, or as given when exact. */
static void put_num(struct writer *w, const char *name, double v, bool exact)
{
	if (exact)
		put_const(w, name, v);
	else
		kr_buf_printf(w->b, " %s=\"%.1f\"", name, v);
}

/* ---- parts of composite items ---- */

/* The elements of a composite item go straight to the output, as SVG
 * elements or as the JSON objects of its "parts" (kri_svg_parts). */
struct sink {
	struct kr_buf *b;
	bool json;
	const char *pfx;      /* SVG: the prefix of class names */
	int n;                /* elements so far */
};

static void el_begin(struct sink *sk, const char *el)
{
	if (sk->json) {
		kr_buf_puts(sk->b, sk->n ? ",{\"el\":\"" : "{\"el\":\"");
		kr_buf_puts(sk->b, el);
		kr_buf_add(sk->b, "\"", 1);
	} else {
		kr_buf_add(sk->b, "<", 1);
		kr_buf_puts(sk->b, el);
	}
	sk->n++;
}

static void el_end(struct sink *sk)
{
	kr_buf_puts(sk->b, sk->json ? "}" : "/>");
}

/* Starts the value of attribute key; the caller appends it to sk->b (plain
 * characters only) and ends it with val_end(). */
static void val_begin(struct sink *sk, const char *key)
{
	kr_buf_add(sk->b, sk->json ? ",\"" : " ", sk->json ? 2 : 1);
	kr_buf_puts(sk->b, key);
	kr_buf_add(sk->b, sk->json ? "\":\"" : "=\"", sk->json ? 3 : 2);
}

static void val_end(struct sink *sk)
{
	kr_buf_add(sk->b, "\"", 1);
}

/* Attribute key with value v (a colour, a class list, a constant). */
static void fix(struct sink *sk, const char *key, const char *v)
{
	val_begin(sk, key);
	if (!sk->json && strcmp(key, "class") == 0 && *sk->pfx) {
		struct writer w = { .b = sk->b, .pfx = sk->pfx };
		put_names(&w, v);
	} else {
		kr_buf_puts(sk->b, v);
	}
	val_end(sk);
}

/* Attribute key with a number, one decimal. */
static void num(struct sink *sk, const char *key, double v)
{
	kr_buf_printf(sk->b, sk->json ? ",\"%s\":\"%.1f\"" : " %s=\"%.1f\"", key, v);
}

static void attr(struct sink *sk, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void attr(struct sink *sk, const char *key, const char *fmt, ...)
{
	va_list ap;

	val_begin(sk, key);
	va_start(ap, fmt);
	kr_buf_vprintf(sk->b, fmt, ap);
	va_end(ap);
	val_end(sk);
}

static void node_parts(const struct kr_geom_item *it, struct sink *sk)
{
	const struct kr_geom_node *nd = &it->node;
	bool child = it->flags & KR_GEOM_F_CHILD;
	double cx = nd->x, cy = nd->y, r = nd->r;

	for (int ring = child ? 1 : 0; ring >= 0; ring--) {
		double rr = ring ? r + 4 : r;
		const char *f = ring ? "#fff" : nd->fill;
		switch (nd->shape) {
		case KR_SHAPE_SQUARE:
			el_begin(sk, "rect");
			num(sk, "x", cx - rr);
			num(sk, "y", cy - rr);
			num(sk, "width", 2 * rr);
			num(sk, "height", 2 * rr);
			break;
		case KR_SHAPE_CIRCLE:
			el_begin(sk, "circle");
			num(sk, "cx", cx);
			num(sk, "cy", cy);
			num(sk, "r", rr);
			break;
		default: {
			double d = rr * 1.2;
			el_begin(sk, "path");
			attr(sk, "d", "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ", cx, cy - d, cx + d, cy,
			     cx, cy + d, cx - d, cy);
			break;
		}
		}
		fix(sk, "fill", f);
		fix(sk, "stroke", "#000");
		fix(sk, "stroke-width", "1.5");
		el_end(sk);
	}
	if (it->flags & KR_GEOM_F_DECEASED) {
		double d = r * 0.7;
		el_begin(sk, "path");
		attr(sk, "d", "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f", cx - d, cy - d, cx + d,
		     cy + d, cx - d, cy + d, cx + d, cy - d);
		fix(sk, "stroke", "#000");
		fix(sk, "stroke-width", "2");
		el_end(sk);
	}
}

static void star_parts(const struct kr_geom_item *it, struct sink *sk)
{
	const struct kr_geom_circle *s = &it->circle;

	el_begin(sk, "path");
	if (it->cls)
		fix(sk, "class", it->cls);
	val_begin(sk, "d");
	for (int i = 0; i < 10; i++) {
		double a = -M_PI / 2 + i * M_PI / 5;
		double rr = i % 2 ? s->r * 0.45 : s->r;
		kr_buf_printf(sk->b, "%s%.1f %.1f", i ? "L" : "M", s->x + rr * cos(a),
		              s->y + rr * sin(a));
	}
	kr_buf_puts(sk->b, "Z");
	val_end(sk);
	fix(sk, "fill", it->style.fill ? it->style.fill : "none");
	fix(sk, "stroke", it->style.stroke ? it->style.stroke : "none");
	val_begin(sk, "stroke-width");
	kri_buf_const(sk->b, it->style.stroke_width);
	val_end(sk);
	el_end(sk);
}

/* ---- tie lines ---- */

/* A tie's path: a quadratic Bezier from p0 to p2 (straight when the control
 * point lies midway), with an arc-length table so styles can be laid out
 * along it. */
#define CURVE_STEPS 48

struct curve {
	double x0, y0, cx, cy, x2, y2;
	double s[CURVE_STEPS + 1];      /* arc length at t = i / CURVE_STEPS */
	bool straight;
};

static void curve_at(const struct curve *k, double t, double *x, double *y)
{
	double a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
	*x = a * k->x0 + b * k->cx + c * k->x2;
	*y = a * k->y0 + b * k->cy + c * k->y2;
}

/* The unit tangent at t. */
static void curve_dir(const struct curve *k, double t, double *ux, double *uy)
{
	double dx = 2 * ((1 - t) * (k->cx - k->x0) + t * (k->x2 - k->cx));
	double dy = 2 * ((1 - t) * (k->cy - k->y0) + t * (k->y2 - k->cy));
	double n = sqrt(dx * dx + dy * dy);
	if (n < 1e-9) {
		dx = k->x2 - k->x0;
		dy = k->y2 - k->y0;
		n = sqrt(dx * dx + dy * dy);
		if (n < 1e-9) {
			*ux = 1;
			*uy = 0;
			return;
		}
	}
	*ux = dx / n;
	*uy = dy / n;
}

static void curve_init(struct curve *k, double x1, double y1, double x2, double y2,
                       double bend)
{
	double dx = x2 - x1, dy = y2 - y1;

	k->x0 = x1;
	k->y0 = y1;
	k->x2 = x2;
	k->y2 = y2;
	/* bend moves the control point off the chord by bend * 2 * length, so
	 * the curve's middle lies bend * length off it. */
	k->cx = (x1 + x2) / 2 - dy * bend * 2;
	k->cy = (y1 + y2) / 2 + dx * bend * 2;
	k->straight = bend == 0;
	k->s[0] = 0;
	for (int i = 1; i <= CURVE_STEPS; i++) {
		double ax, ay, bx, by;
		curve_at(k, (double)(i - 1) / CURVE_STEPS, &ax, &ay);
		curve_at(k, (double)i / CURVE_STEPS, &bx, &by);
		k->s[i] = k->s[i - 1] + sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
	}
}

/* The parameter t at arc length s.  The step it falls in is the first i
 * (1..CURVE_STEPS) with s[i] >= s, found by bisection: curve_clip asks
 * this 80 times per tie, the writer's hottest loop. */
static double curve_t(const struct curve *k, double s)
{
	int lo = 1, hi = CURVE_STEPS, i;

	if (s <= 0)
		return 0;
	if (s >= k->s[CURVE_STEPS])
		return 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (k->s[mid] < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	return ((double)(i - 1) + (s - k->s[i - 1]) / (k->s[i] - k->s[i - 1])) / CURVE_STEPS;
}

/* The arc length where the curve leaves a circle of radius r around its
 * start (from_end false) or enters one around its end. */
static double curve_clip(const struct curve *k, double r, bool from_end)
{
	double cx = from_end ? k->x2 : k->x0, cy = from_end ? k->y2 : k->y0;
	double lo = 0, hi = k->s[CURVE_STEPS];

	/* Bisection on the arc length: the distance from the centre grows
	 * along the first (last) part of a gentle curve. */
	for (int it = 0; it < 40; it++) {
		double mid = (lo + hi) / 2, x, y, d;
		curve_at(k, curve_t(k, from_end ? k->s[CURVE_STEPS] - mid : mid), &x, &y);
		d = sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
		if (d < r)
			lo = mid;
		else
			hi = mid;
	}
	return from_end ? k->s[CURVE_STEPS] - hi : hi;
}

/* Appends the piece of the curve between arc lengths s0 and s1 as path
 * data. */
static void curve_piece(struct kr_buf *b, const struct curve *k, double s0, double s1)
{
	double t0 = curve_t(k, s0), t1 = curve_t(k, s1), x0, y0, x1, y1;

	curve_at(k, t0, &x0, &y0);
	curve_at(k, t1, &x1, &y1);
	if (k->straight) {
		kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", x0, y0, x1, y1);
	} else {
		/* The control point of the sub-curve [t0, t1]. */
		double dx = 2 * ((1 - t0) * (k->cx - k->x0) + t0 * (k->x2 - k->cx));
		double dy = 2 * ((1 - t0) * (k->cy - k->y0) + t0 * (k->y2 - k->cy));
		kr_buf_printf(b, "M%.1f %.1fQ%.1f %.1f %.1f %.1f", x0, y0, x0 + dx * (t1 - t0) / 2,
		              y0 + dy * (t1 - t0) / 2, x1, y1);
	}
}

/* A point at arc length s, moved `side` along the normal. */
static void curve_offset(const struct curve *k, double s, double side, double *x, double *y)
{
	double t = curve_t(k, s), ux, uy;
	curve_at(k, t, x, y);
	curve_dir(k, t, &ux, &uy);
	*x += -uy * side;
	*y += ux * side;
}

/* A filled arrowhead with its tip at arc length s, pointing along the
 * curve (back when backwards). */
static void arrow_part(struct sink *sk, const struct curve *k, double s, bool backwards,
                       double size, const char *colour)
{
	double t = curve_t(k, s), x, y, ux, uy, bx, by, px, py;

	curve_at(k, t, &x, &y);
	curve_dir(k, t, &ux, &uy);
	if (backwards) {
		ux = -ux;
		uy = -uy;
	}
	bx = x - ux * size;
	by = y - uy * size;
	px = -uy * size * 0.5;
	py = ux * size * 0.5;
	el_begin(sk, "path");
	attr(sk, "d", "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x, y, bx + px, by + py, bx - px, by - py);
	fix(sk, "fill", colour);
	fix(sk, "stroke", "none");
	el_end(sk);
}

/* Where a tie's line runs: its curve, where it leaves the first symbol
 * and enters the second (s_a, s_b), where the line proper starts and ends
 * (l0, l1: short of the arrowheads), and which arrowheads it has. */
struct tie_plan {
	struct curve k;
	double head, s_a, s_b, l0, l1;
	bool arrow_a, arrow_b;
};

/* Plans tie t; false when there is nothing to draw (the symbols touch). */
static bool tie_plan(const struct kr_geom_tie *t, struct tie_plan *pl)
{
	double chord = sqrt((t->x2 - t->x1) * (t->x2 - t->x1) + (t->y2 - t->y1) * (t->y2 - t->y1));

	if (chord < t->r1 + t->r2 + 4)
		return false;
	curve_init(&pl->k, t->x1, t->y1, t->x2, t->y2, t->bend);
	pl->head = 7 + t->width;
	pl->s_a = t->r1 > 0 ? curve_clip(&pl->k, t->r1 + 2, false) : 0;
	pl->s_b = t->r2 > 0 ? curve_clip(&pl->k, t->r2 + 2, true) : pl->k.s[CURVE_STEPS];
	/* Arrows show which way support flows; a tie without a direction has
	 * none. */
	pl->arrow_b = t->direction == KR_DIR_A_TO_B || t->direction == KR_DIR_MUTUAL;
	pl->arrow_a = t->direction == KR_DIR_B_TO_A || t->direction == KR_DIR_MUTUAL;
	if (pl->s_b - pl->s_a < 2 * pl->head + 8)
		pl->arrow_a = pl->arrow_b = false;
	if (pl->s_b - pl->s_a < 2)
		return false;
	/* The line stops where an arrowhead starts. */
	pl->l0 = pl->arrow_a ? pl->s_a + pl->head * 0.8 : pl->s_a;
	pl->l1 = pl->arrow_b ? pl->s_b - pl->head * 0.8 : pl->s_b;
	return true;
}

/* The elements of tie t as planned by tie_plan(). */
static void tie_parts(const struct kr_geom_tie *t, const struct tie_plan *pl, struct sink *sk)
{
	const struct curve *kp = &pl->k;
	struct kr_buf *b = sk->b;
	double width = t->width, head = pl->head, l0 = pl->l0, l1 = pl->l1, inner = l1 - l0, x, y;
	bool weak = t->strength == KR_STRENGTH_WEAK;

	el_begin(sk, "path");
	val_begin(sk, "d");
	if (t->quality == KR_QUALITY_CONFLICT && inner > 24) {
		/* Zigzag, with a short straight piece at each end. */
		double amp = 4 + width / 2, step = 7 + width, run = inner - 16;
		int teeth = (int)(run / step);
		if (teeth < 2)
			teeth = 2;
		step = run / teeth;
		curve_piece(b, kp, l0, l0 + 8);
		for (int i = 0; i < teeth; i++) {
			curve_offset(kp, l0 + 8 + step * (i + 0.5), i % 2 ? -amp : amp, &x, &y);
			kr_buf_printf(b, "L%.1f %.1f", x, y);
		}
		curve_offset(kp, l1 - 8, 0, &x, &y);
		kr_buf_printf(b, "L%.1f %.1f", x, y);
		curve_offset(kp, l1, 0, &x, &y);
		kr_buf_printf(b, "L%.1f %.1f", x, y);
		val_end(sk);
		fix(sk, "stroke-linejoin", "round");
		el_end(sk);
	} else if (t->quality == KR_QUALITY_BROKEN && inner > 30) {
		/* Interrupted: a gap in the middle, closed by two short bars. */
		double mid = (l0 + l1) / 2, gap = 7, bar = 7 + width, ax, ay, bx, by;
		curve_piece(b, kp, l0, mid - gap);
		curve_piece(b, kp, mid + gap, l1);
		val_end(sk);
		if (weak)
			fix(sk, "stroke-dasharray", "6 4");
		el_end(sk);
		el_begin(sk, "path");
		val_begin(sk, "d");
		curve_offset(kp, mid - gap, bar, &ax, &ay);
		curve_offset(kp, mid - gap, -bar, &bx, &by);
		kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", ax, ay, bx, by);
		curve_offset(kp, mid + gap, bar, &ax, &ay);
		curve_offset(kp, mid + gap, -bar, &bx, &by);
		kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", ax, ay, bx, by);
		val_end(sk);
		fix(sk, "stroke-width", "2");
		el_end(sk);
	} else {
		curve_piece(b, kp, l0, l1);
		val_end(sk);
		if (weak)
			fix(sk, "stroke-dasharray", "6 4");
		el_end(sk);
		if (t->quality == KR_QUALITY_AMBIVALENT && inner > 30) {
			/* Hatched: short slanted strokes across the line (stress). */
			int n = (int)((inner - 20) / 12);
			double step = (inner - 20) / (n > 0 ? n : 1);
			el_begin(sk, "path");
			val_begin(sk, "d");
			for (int i = 0; i <= n && n > 0; i++) {
				double s = l0 + 10 + step * i, ax, ay, bx, by;
				curve_offset(kp, s - 3, 6, &ax, &ay);
				curve_offset(kp, s + 3, -6, &bx, &by);
				kr_buf_printf(b, "M%.1f %.1fL%.1f %.1f", ax, ay, bx, by);
			}
			val_end(sk);
			fix(sk, "stroke-width", "1.5");
			el_end(sk);
		}
	}
	if (pl->arrow_b)
		arrow_part(sk, kp, pl->s_b, false, head, t->colour);
	if (pl->arrow_a)
		arrow_part(sk, kp, pl->s_a, true, head, t->colour);
}

/* Writes the elements of a composite item into b: SVG elements, or (json)
 * the JSON objects of its parts, separated by commas. */
static void draw_parts(const struct kr_geom_item *it, struct kr_buf *b, bool json,
                       const char *pfx)
{
	struct sink sk = { b, json, pfx, 0 };

	switch (it->type) {
	case KR_GEOM_NODE:
		node_parts(it, &sk);
		break;
	case KR_GEOM_STAR:
		star_parts(it, &sk);
		break;
	case KR_GEOM_TIE: {
		struct tie_plan pl;
		if (tie_plan(it->tie, &pl))
			tie_parts(it->tie, &pl, &sk);
		break;
	}
	default:
		break;
	}
}

void kri_svg_parts(const struct kr_geom_item *it, struct kr_buf *b)
{
	draw_parts(it, b, true, "");
}

/* ---- items ---- */

static const char *const anchors[] = { "start", "middle", "end" };

/* Writes one item that is not a group; returns false when it wrote
 * nothing (a tie between symbols that touch). */
static bool put_item(struct writer *w, const struct kr_geom_item *it)
{
	struct kr_buf *b = w->b;

	switch (it->type) {
	case KR_GEOM_NODE:
		kr_buf_puts(b, "<g");
		put_class(w, "person");
		kr_buf_puts(b, " data-id=\"");
		kr_buf_xml(b, kri_geom_id(w->g, it->person));
		kr_buf_puts(b, "\">");
		draw_parts(it, b, false, w->pfx);
		kr_buf_puts(b, "</g>");
		break;
	case KR_GEOM_STAR:
		draw_parts(it, b, false, w->pfx);
		break;
	case KR_GEOM_TIE: {
		const struct kr_geom_tie *t = it->tie;
		struct tie_plan pl;
		struct sink sk = { b, false, w->pfx, 0 };
		if (!tie_plan(t, &pl))
			return false;
		kr_buf_puts(b, "<g class=\"");
		kr_buf_printf(b, "%stie %sq-%s %ss-%s", w->pfx, w->pfx,
		              t->quality ? kr_enum_name(KR_ENUM_QUALITY, t->quality) : "none", w->pfx,
		              t->strength ? kr_enum_name(KR_ENUM_STRENGTH, t->strength) : "none");
		kr_buf_printf(b, "\" stroke=\"%s\" stroke-width=\"%.1f\" fill=\"none\"", t->colour,
		              t->width);
		if (t->opacity > 0 && t->opacity < 1)
			kr_buf_printf(b, " opacity=\"%.2f\"", t->opacity);
		kr_buf_puts(b, ">");
		tie_parts(t, &pl, &sk);
		kr_buf_puts(b, "</g>");
		break;
	}
	case KR_GEOM_LABEL: {
		const struct kr_geom_label *l = &it->label;
		kr_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"", l->x, l->y, l->size);
		if (l->anchor != KR_ANCHOR_START)
			put_attr(b, "text-anchor", anchors[l->anchor]);
		put_class(w, it->cls);
		kr_buf_add(b, ">", 1);
		kr_buf_xml(b, l->text);
		kr_buf_add(b, "</text>", 7);
		break;
	}
	case KR_GEOM_BAND: {
		const struct kr_geom_line *l = &it->line;
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1f\"", l->x1, l->y1, l->x2, l->y2);
		put_paint(w, "stroke", it->style.stroke);
		kr_buf_printf(b, " stroke-width=\"%.1f\"", it->style.stroke_width);
		put_const(w, "stroke-opacity", it->style.stroke_opacity);
		put_paint(w, "fill", it->style.fill);
		kr_buf_printf(b, " stroke-linecap=\"%s\"/>", it->style.linecap ? it->style.linecap
		                                                                : "round");
		break;
	}
	case KR_GEOM_RING:
	case KR_GEOM_CIRCLE: {
		const struct kr_geom_circle *c = &it->circle;
		kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\"", c->x, c->y);
		put_num(w, "r", c->r, c->exact & KR_GEOM_EXACT_R);
		put_style(w, &it->style);
		put_class(w, it->cls);
		kr_buf_puts(b, "/>");
		break;
	}
	case KR_GEOM_RECT: {
		const struct kr_geom_rect *r = &it->rect;
		kr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\"", r->x, r->y);
		put_num(w, "width", r->w, r->exact & KR_GEOM_EXACT_W);
		put_num(w, "height", r->h, r->exact & KR_GEOM_EXACT_H);
		if (r->rx > 0)
			put_const(w, "rx", r->rx);
		put_style(w, &it->style);
		put_class(w, it->cls);
		kr_buf_puts(b, "/>");
		break;
	}
	case KR_GEOM_ELLIPSE: {
		const struct kr_geom_ellipse *e = &it->ellipse;
		kr_buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\"", e->x, e->y,
		              e->rx, e->ry);
		if (it->flags & KR_GEOM_F_ROTATED)
			kr_buf_printf(b, " transform=\"rotate(%.1f %.1f %.1f)\"", e->angle, e->x, e->y);
		put_style(w, &it->style);
		put_class(w, it->cls);
		kr_buf_puts(b, "/>");
		break;
	}
	case KR_GEOM_LINE: {
		const struct kr_geom_line *l = &it->line;
		kr_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", l->x1, l->y1,
		              l->x2, l->y2);
		put_style(w, &it->style);
		put_class(w, it->cls);
		kr_buf_puts(b, "/>");
		break;
	}
	case KR_GEOM_POLYGON: {
		const struct kr_geom_poly *p = &it->poly;
		kr_buf_puts(b, "<polygon points=\"");
		for (size_t k = 0; k < p->n; k++)
			kr_buf_printf(b, "%s%.1f,%.1f", k ? " " : "", p->pts[2 * k], p->pts[2 * k + 1]);
		kr_buf_puts(b, "\"");
		put_style(w, &it->style);
		put_class(w, it->cls);
		kr_buf_puts(b, "/>");
		break;
	}
	case KR_GEOM_PATH:
		kr_buf_add(b, "<path", 5);
		put_attr(b, "d", it->path.d);
		put_style(w, &it->style);
		put_class(w, it->cls);
		kr_buf_puts(b, "/>");
		break;
	case KR_GEOM_PATTERN: {
		const struct kr_geom_pattern *p = &it->pattern;
		kr_buf_printf(b, "<pattern id=\"%s%s\"", w->pfx, p->id);
		put_const(w, "width", p->w);
		put_const(w, "height", p->h);
		kr_buf_puts(b, " patternUnits=\"userSpaceOnUse\"><rect");
		put_const(w, "width", p->w);
		put_const(w, "height", p->h);
		kr_buf_printf(b, " fill=\"%s\"/>", p->bg);
		if (p->d && *p->d) {
			kr_buf_printf(b, "<path d=\"%s\" stroke=\"%s\"", p->d, it->style.stroke);
			put_const(w, "stroke-opacity", it->style.stroke_opacity);
			kr_buf_printf(b, " fill=\"%s\"", it->style.fill);
			put_const(w, "fill-opacity", it->style.fill_opacity);
			kr_buf_puts(b, "/>");
		}
		kr_buf_puts(b, "</pattern>");
		break;
	}
	case KR_GEOM_CSS: {
		const struct kr_geom_css *css = &it->css;
		kr_buf_puts(b, "<style>");
		for (size_t k = 0; k < css->n; k++) {
			const char *p = css->classes[k];
			bool first = true;
			while (*p) {
				size_t n = strcspn(p, " ");
				if (n)
					kr_buf_printf(b, "%s.%s%.*s", first ? "" : ",", w->pfx, (int)n, p);
				first = false;
				p += n;
				p += strspn(p, " ");
			}
			kr_buf_printf(b, "{%s}", css->css[k]);
		}
		kr_buf_puts(b, "</style>");
		break;
	}
	case KR_GEOM_PICTURE: {
		const struct kr_geom_picture *pc = &it->picture;
		struct writer sub = *w;
		const char *outer = w->pfx;
		char pfx[128];
		snprintf(pfx, sizeof pfx, "%s%s", outer, pc->prefix ? pc->prefix : "");
		kr_buf_printf(b, "<svg x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		              "viewBox=\"0 0 %.1f %.1f\" preserveAspectRatio=\"xMidYMid meet\" "
		              "role=\"img\" aria-labelledby=\"%skr-title %skr-desc\">\n", pc->x, pc->y,
		              pc->w, pc->h, pc->g->width, pc->g->height, pfx, pfx);
		sub.pfx = pfx;
		sub.g = pc->g;
		write_body(&sub, pc->g);
		break;
	}
	case KR_GEOM_SECTOR:          /* for the browser: nothing to draw */
	case KR_GEOM_GROUP:
	case KR_GEOM_END:
	case KR_GEOM__N:
		return false;
	}
	return true;
}

static void open_group(struct writer *w, const struct kr_geom_item *it)
{
	if (it->flags & KR_GEOM_F_ANON)
		return;
	kr_buf_puts(w->b, it->flags & KR_GEOM_F_DEFS ? "<defs" : "<g");
	put_class(w, it->cls);
	put_style(w, &it->style);
	kr_buf_puts(w->b, ">");
	if (it->group.title) {
		kr_buf_puts(w->b, "<title>");
		kr_buf_xml(w->b, it->group.title);
		kr_buf_puts(w->b, "</title>");
	}
	if (it->flags & KR_GEOM_F_BREAK)
		kr_buf_puts(w->b, "\n");
}

/* Writes items in order: a group's items follow its opening tag; items of
 * an inline group get no line break each, the group one at its end.  An
 * anonymous group writes no element. */
static void write_items(struct writer *w, const struct kr_geom_item *items, size_t n)
{
	unsigned stack[MAX_DEPTH];
	int depth = 0;
	bool inl = false;

	for (size_t i = 0; i < n; i++) {
		const struct kr_geom_item *it = &items[i];
		if (it->type == KR_GEOM_GROUP) {
			open_group(w, it);
			if (depth < MAX_DEPTH)
				stack[depth] = it->flags;
			depth++;
			inl = (it->flags & KR_GEOM_F_INLINE) != 0;
			continue;
		}
		if (it->type == KR_GEOM_END) {
			unsigned f;
			if (depth == 0)
				continue;
			depth--;
			f = depth < MAX_DEPTH ? stack[depth] : 0;
			if (f & KR_GEOM_F_DEFS)
				kr_buf_puts(w->b, "</defs>");
			else if (!(f & KR_GEOM_F_ANON))
				kr_buf_puts(w->b, "</g>");
			inl = depth > 0 && depth <= MAX_DEPTH && (stack[depth - 1] & KR_GEOM_F_INLINE);
			if (!inl && (!(f & KR_GEOM_F_ANON) || (f & KR_GEOM_F_INLINE)))
				kr_buf_puts(w->b, "\n");
			continue;
		}
		if (put_item(w, it) && !inl)
			kr_buf_add(w->b, "\n", 1);
	}
}

/* Everything after the root element's opening tag: title, description,
 * the shared style, the background, the items, the closing tag. */
static enum kr_status write_body(struct writer *w, const struct kr_geometry *g)
{
	const char *p = w->pfx;
	struct kr_buf *b = w->b;

	kr_buf_printf(b, "\n<title id=\"%skr-title\">", p);
	kr_buf_xml(b, g->title ? g->title : "");
	kr_buf_printf(b, "</title>\n<desc id=\"%skr-desc\">", p);
	kr_buf_xml(b, g->desc ? g->desc : "");
	kr_buf_printf(b, "</desc>\n<style>\n"
	              "text{font-family:\"DejaVu Sans\",sans-serif;fill:#000}\n"
	              ".%shalo{paint-order:stroke;stroke:#fff;stroke-width:3px;"
	              "stroke-linejoin:round}\n"
	              ".%stitle{font-weight:bold}\n"
	              ".%smuted{fill:#444}\n"
	              "</style>\n"
	              "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n", p, p, p);
	write_items(w, g->items, g->nitems);
	kr_buf_puts(b, "</svg>");
	return b->failed ? b->why : KR_OK;
}

enum kr_status kr_geometry_to_svg(const struct kr_geometry *g, const char *prefix,
                                  struct kr_buf *out, struct kr_error *err)
{
	struct writer w;
	enum kr_status rc;

	if (!g || !out)
		return kr_error_say(err, KR_EUSAGE, "geen tekening of geen uitvoer",
		                    "no picture or no output");
	memset(&w, 0, sizeof w);
	w.g = g;
	w.b = out;
	w.pfx = prefix ? prefix : "";
	kr_buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	if (g->mm)
		kr_buf_printf(out, " viewBox=\"0 0 %.1f %.1f\" width=\"%.0fmm\" height=\"%.0fmm\"",
		              g->width, g->height, g->width, g->height);
	else
		kr_buf_printf(out, " viewBox=\"0 0 %.1f %.1f\" width=\"%.1f\" height=\"%.1f\"",
		              g->width, g->height, g->width, g->height);
	kr_buf_printf(out, " role=\"img\" aria-labelledby=\"%skr-title %skr-desc\">", w.pfx,
	              w.pfx);
	rc = write_body(&w, g);
	if (rc == KR_OK)
		rc = kr_buf_puts(out, "\n");
	if (rc != KR_OK)
		kr_error_say(err, rc, "de tekening past niet in het geheugen (%s)",
		             "the picture does not fit in memory (%s)", kr_status_name(rc));
	return rc;
}
