/*
 * render_people.c - how the network pictures (ecogram, sociogram,
 * genogram) show people and the ties between them: the Okabe-Ito palette
 * of the worlds, the person's symbol (square man, circle woman, diamond
 * other or unknown, filled with the world's colour, the child with a
 * double outline, the deceased grey with a cross), the trust figure's
 * star, and each tie's colour and width in Hartman's conventions (strong
 * thick, weak thin; ink, and vermillion for a stressful tie - in conflict
 * or broken - wherever it is, also between the two worlds, so picture and
 * legend say the same).
 * These are layout decisions: the items carry them, lib/svg.c draws them.
 */
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"

const char *kri_world_colour(enum kr_world w)
{
	/* Okabe & Ito (2008): orange, sky blue, bluish green, reddish purple. */
	static const char *const colours[KR_WORLD__N] = {
		[KR_WORLD_NONE] = "#BBBBBB",
		[KR_WORLD_ORIGIN] = "#E69F00",
		[KR_WORLD_FOSTER] = "#56B4E9",
		[KR_WORLD_SHARED] = "#009E73",
		[KR_WORLD_PROFESSIONAL] = "#CC79A7",
	};
	return (unsigned)w < KR_WORLD__N ? colours[w] : colours[KR_WORLD_NONE];
}

bool kri_box_overlap(const struct kr_box *a, const struct kr_box *b, double margin)
{
	return a->x < b->x + b->w + margin && b->x < a->x + a->w + margin &&
	       a->y < b->y + b->h + margin && b->y < a->y + a->h + margin;
}

double kri_person_radius(const struct kr_case *c, int person, double r)
{
	const struct kr_person *p = &c->persons[person];
	double ro = person == c->child ? r + 4 : r;
	return p->sex == KR_SEX_M || p->sex == KR_SEX_F ? ro : ro * 1.2;
}

struct kr_geom_item *kri_geom_person(struct kr_geometry *g, const struct kr_render_opts *o,
                                     const struct kr_case *c, int person, double cx,
                                     double cy, double r)
{
	const struct kr_person *p = &c->persons[person];
	bool dead = !kr_case_person_alive(c, person, o ? o->as_of : kr_today());
	double ro = kri_person_radius(c, person, r);
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_NODE);

	it->person = person;
	it->node.x = cx;
	it->node.y = cy;
	it->node.r = r;
	it->node.shape = p->sex == KR_SEX_M ? KR_SHAPE_SQUARE :
	                 p->sex == KR_SEX_F ? KR_SHAPE_CIRCLE : KR_SHAPE_DIAMOND;
	it->node.fill = dead ? KRI_COLOUR_DECEASED : kri_world_colour(p->world);
	it->node.world = p->world;
	it->node.segment = -1;
	it->node.ring = -1;
	if (person == c->child)
		it->flags |= KR_GEOM_F_CHILD;
	if (dead)
		it->flags |= KR_GEOM_F_DECEASED;
	kri_geom_box(it, cx - ro, cy - ro, 2 * ro, 2 * ro, person, KR_BOX_SYMBOL);
	return it;
}

struct kr_geom_item *kri_geom_star(struct kr_geometry *g, double cx, double cy, double r)
{
	struct kr_geom_item *it = kri_geom_add(g, KR_GEOM_STAR);

	it->circle = (struct kr_geom_circle){ cx, cy, r, 0, 0 };
	it->cls = "trust";
	it->style.fill = KRI_COLOUR_TRUST;
	it->style.stroke = "#000";
	it->style.stroke_width = 1;
	return it;
}

/* A tie's width and colour: by strength; a tie in conflict or broken in
 * the conflict colour whatever the look asks for, others in the look's
 * colour or ink. */
static void tie_look(const struct kr_tie *t, const struct kri_tie_look *look, double *width,
                     const char **colour)
{
	double w = 2.0;

	if (t->strength == KR_STRENGTH_STRONG)
		w = 4.0;
	else if (t->strength == KR_STRENGTH_WEAK)
		w = 1.5;
	*width = w * (look && look->width_scale > 0 ? look->width_scale : 1.0);
	if (t->quality == KR_QUALITY_CONFLICT || t->quality == KR_QUALITY_BROKEN)
		*colour = KRI_COLOUR_CONFLICT;
	else if (look && look->colour)
		*colour = look->colour;
	else
		*colour = KRI_COLOUR_INK;
}

struct kr_geom_item *kri_geom_tie(struct kr_geometry *g, const struct kr_case *c,
                                  const struct kr_tie *t, int index, double x1, double y1,
                                  double r1, double x2, double y2, double r2,
                                  const struct kri_tie_look *look)
{
	struct kr_geom_item *it;
	struct kr_geom_tie tie;
	const struct kr_geom_tie *kept;
	double width;
	const char *colour;

	(void)c;
	tie_look(t, look, &width, &colour);
	tie = (struct kr_geom_tie){
		.x1 = x1, .y1 = y1, .r1 = r1, .x2 = x2, .y2 = y2, .r2 = r2,
		.bend = look ? look->bend : 0, .width = width,
		.opacity = look ? look->opacity : 0, .colour = colour,
		.strength = t->strength, .quality = t->quality, .direction = t->direction,
		.index = index, .a = index >= 0 ? t->a : -1, .b = index >= 0 ? t->b : -1,
	};
	kept = kri_geom_keep_tie(g, &tie);
	it = kri_geom_add(g, KR_GEOM_TIE);
	it->tie = kept;
	return it;
}
