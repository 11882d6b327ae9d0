/*
 * legend.c - the legend of the network pictures, laid out in rows of
 * items (a sample and its text) that wrap at a given width: the person
 * symbols and worlds, the trust figure's star, Hartman's tie styles and
 * the support arrow, notes on rows of their own.  A legend is laid out
 * twice: once to measure it (nothing added), once to add it to the
 * geometry where the measurement left room.  Each entry is an anonymous
 * group of class "legend-item" (its sample, then its text), so a reader of
 * the geometry - the browser - can show the entries on their own.
 */
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"

void kri_legend_begin(struct kri_legend *lg, struct kr_geometry *g,
                      const struct kr_render_opts *o, double x0, double y0, double width,
                      bool draw)
{
	memset(lg, 0, sizeof *lg);
	lg->g = g;
	lg->o = o;
	lg->x0 = lg->x = x0;
	lg->y = lg->y0 = y0;
	lg->width = width;
	lg->row_h = 22;
	lg->draw = draw;
}

/* Reserves room for one item of sample width sw and text t, wrapping to a
 * new row when the row is full; returns the item's left edge. */
static double legend_slot(struct kri_legend *lg, double sw, const char *t)
{
	double w = sw + 6 + kri_text_width(t, KRI_LEGEND_PX) + 18, x;

	if (lg->x > lg->x0 && lg->x + w > lg->x0 + lg->width)
		kri_legend_newline(lg);
	x = lg->x;
	lg->x += w;
	if (lg->x - lg->x0 > lg->used)
		lg->used = lg->x - lg->x0;
	return x;
}

static void legend_text(struct kri_legend *lg, double x, const char *t)
{
	if (lg->draw)
		kri_geom_label(lg->g, x, lg->y + 4, KRI_LEGEND_PX, KR_ANCHOR_START, NULL, -1, t);
}

void kri_legend_newline(struct kri_legend *lg)
{
	if (lg->x == lg->x0)
		return;
	lg->x = lg->x0;
	lg->y += lg->row_h;
}

void kri_legend_symbol(struct kri_legend *lg, enum kr_sex sex, const char *fill, bool dead,
                       const char *text)
{
	double x = legend_slot(lg, 16, text), r = 7, cx = x + 8, cy = lg->y;
	struct kr_geometry *g = lg->g;
	struct kr_geom_item *it;

	if (!lg->draw)
		return;
	kri_geom_group(g, "legend-item", KR_GEOM_F_ANON);
	if (sex == KR_SEX_M) {
		it = kri_geom_rect(g, cx - r, cy - r, 14, 14);
	} else if (sex == KR_SEX_F) {
		it = kri_geom_circle(g, cx, cy, 7);
	} else {
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ", cx, cy - 8, cx + 8,
		                   cy, cx, cy + 8, cx - 8, cy);
	}
	it->style.fill = fill;
	it->style.stroke = "#000";
	it->style.stroke_width = 1.5;
	if (dead) {
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f", cx - 5, cy - 5,
		                   cx + 5, cy + 5, cx - 5, cy + 5, cx + 5, cy - 5);
		it->style.stroke = "#000";
		it->style.stroke_width = 2;
	}
	kri_geom_box(it, cx - 8, cy - 8, 16, 16, -1, KR_BOX_SYMBOL);
	legend_text(lg, x + 22, text);
	kri_geom_end(g);
}

void kri_legend_star(struct kri_legend *lg, const char *text)
{
	double x = legend_slot(lg, 16, text);

	if (!lg->draw)
		return;
	kri_geom_group(lg->g, "legend-item", KR_GEOM_F_ANON);
	kri_geom_box(kri_geom_star(lg->g, x + 8, lg->y, 8), x, lg->y - 8, 16, 16, -1,
	             KR_BOX_SYMBOL);
	legend_text(lg, x + 22, text);
	kri_geom_end(lg->g);
}

void kri_legend_line(struct kri_legend *lg, enum kr_strength strength, enum kr_quality quality,
                     enum kr_direction direction, const struct kri_tie_look *look,
                     const char *band, const char *text)
{
	double x = legend_slot(lg, 40, text);
	struct kr_tie t;

	if (!lg->draw)
		return;
	kri_geom_group(lg->g, "legend-item", KR_GEOM_F_ANON);
	if (band) {
		struct kr_geom_item *it = kri_geom_add(lg->g, KR_GEOM_BAND);
		it->line = (struct kr_geom_line){ x + 4, lg->y, x + 36, lg->y };
		it->style.stroke = band;
		it->style.stroke_width = KRI_BAND_WIDTH;
		it->style.stroke_opacity = 0.35;
		it->style.linecap = "round";
	}
	memset(&t, 0, sizeof t);
	t.strength = strength;
	t.quality = quality;
	t.direction = direction;
	kri_geom_tie(lg->g, NULL, &t, -1, x - 2, lg->y, 0, x + 42, lg->y, 0, look);
	legend_text(lg, x + 46, text);
	kri_geom_end(lg->g);
}

void kri_legend_people(struct kri_legend *lg, bool star)
{
	enum kr_lang l = lg->o->lang;

	kri_legend_symbol(lg, KR_SEX_M, "#fff", false, kr_tr(l, "man", "male"));
	kri_legend_symbol(lg, KR_SEX_F, "#fff", false, kr_tr(l, "vrouw", "female"));
	kri_legend_symbol(lg, KR_SEX_X, "#fff", false, kr_tr(l, "anders of onbekend",
	                                                     "other or unknown"));
	kri_legend_symbol(lg, KR_SEX_M, KRI_COLOUR_DECEASED, true, kr_tr(l, "overleden",
	                                                                 "deceased"));
	if (star)
		kri_legend_star(lg, kr_tr(l, "vertrouwensfiguur", "trust figure"));
	kri_legend_newline(lg);
	for (int w = KR_WORLD_ORIGIN; w < KR_WORLD__N; w++)
		kri_legend_symbol(lg, KR_SEX_F, kri_world_colour(w), false,
		                  kr_enum_label(KR_ENUM_WORLD, w, l));
	kri_legend_newline(lg);
}

void kri_legend_tie_styles(struct kri_legend *lg)
{
	enum kr_lang l = lg->o->lang;

	kri_legend_line(lg, KR_STRENGTH_STRONG, KR_QUALITY_POSITIVE, 0, NULL, NULL,
	                kr_tr(l, "sterke band", "strong tie"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, 0, NULL, NULL,
	                kr_tr(l, "gewone band", "normal tie"));
	kri_legend_line(lg, KR_STRENGTH_WEAK, KR_QUALITY_POSITIVE, 0, NULL, NULL,
	                kr_tr(l, "zwakke band", "weak tie"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_CONFLICT, 0, NULL, NULL,
	                kr_tr(l, "conflict", "conflict"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_AMBIVALENT, 0, NULL, NULL,
	                kr_tr(l, "gespannen (wisselend)", "tense (ambivalent)"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_BROKEN, 0, NULL, NULL,
	                kr_tr(l, "verbroken", "broken"));
	kri_legend_line(lg, KR_STRENGTH_NORMAL, KR_QUALITY_POSITIVE, KR_DIR_A_TO_B, NULL, NULL,
	                kr_tr(l, "steun gaat in de richting van de pijl",
	                      "support flows the way the arrow points"));
}

void kri_legend_note(struct kri_legend *lg, const char *text)
{
	double w = kri_text_width(text, KRI_LEGEND_PX);

	kri_legend_newline(lg);
	if (lg->draw)
		kri_geom_label(lg->g, lg->x0, lg->y + 4, KRI_LEGEND_PX, KR_ANCHOR_START, "muted", -1,
		               text);
	if (w > lg->used)
		lg->used = w;
	lg->y += lg->row_h;
}

double kri_legend_end(struct kri_legend *lg)
{
	kri_legend_newline(lg);
	return lg->y - lg->y0;
}
