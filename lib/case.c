/*
 * case.c - the case model's enumeration tables, its lookups and its
 * lifetime.  Reading and validating a document is case_read.c.
 */
#include <stdlib.h>
#include <string.h>

#include "case_int.h"

static const char *const sex_names[] = { "", "m", "f", "x", "unknown" };
static const char *const role_names[] = { "", "child", "parent", "step_parent", "sibling",
	"half_sibling", "grandparent", "aunt_uncle", "cousin", "foster_parent",
	"foster_sibling", "family_home_parent", "friend", "neighbour", "teacher", "coach",
	"mentor", "religious", "foster_care_worker", "guardian", "social_team", "therapist",
	"other_professional", "other" };
static const char *const world_names[] = { "", "origin", "foster", "shared", "professional" };
static const char *const segment_names[] = { "", "household", "family", "friends",
	"school_work", "leisure", "neighbourhood", "religion", "online", "professionals" };
static const char *const strength_names[] = { "", "strong", "normal", "weak" };
static const char *const quality_names[] = { "", "positive", "neutral", "ambivalent",
	"conflict", "broken" };
static const char *const frequency_names[] = { "", "daily", "weekly", "monthly", "yearly",
	"rarely", "never" };
static const char *const support_names[] = { "", "emotional", "practical", "information",
	"respite", "financial" };
static const char *const direction_names[] = { "", "a_to_b", "b_to_a", "mutual" };
static const char *const kin_type_names[] = { "", "parent", "partners" };
static const char *const kin_kind_names[] = { "", "birth", "adoptive", "foster", "step" };
static const char *const partner_names[] = { "", "married", "cohabiting", "separated",
	"divorced", "widowed" };
static const char *const form_names[] = { "", "informal_network", "support_family",
	"foster_parttime", "foster_fulltime", "crisis", "family_home", "residential", "home" };
static const char *const variant_names[] = { "", "care", "upbringing" };
static const char *const end_names[] = { "", "planned", "breakdown", "return_home",
	"adulthood", "other" };
static const char *const event_names[] = { "", "birth", "death", "loss", "move",
	"school_change", "placement_start", "placement_end", "breakdown",
	"professional_change", "perspective_decision", "development_check", "meeting",
	"other" };
static const char *const meeting_names[] = { "", "diy", "family_group_conference",
	"round_table", "signs_of_safety", "other" };
static const char *const continuum_names[] = { "", "A", "B", "C", "D" };
static const char *const agreement_names[] = { "", "open", "done", "dropped" };

#define TABLE(t) { t, sizeof t / sizeof t[0] }
static const struct { const char *const *names; int n; } tables[KR_ENUM__N] = {
	[KR_ENUM_SEX] = TABLE(sex_names),
	[KR_ENUM_ROLE] = TABLE(role_names),
	[KR_ENUM_WORLD] = TABLE(world_names),
	[KR_ENUM_SEGMENT] = TABLE(segment_names),
	[KR_ENUM_STRENGTH] = TABLE(strength_names),
	[KR_ENUM_QUALITY] = TABLE(quality_names),
	[KR_ENUM_FREQUENCY] = TABLE(frequency_names),
	[KR_ENUM_SUPPORT] = TABLE(support_names),
	[KR_ENUM_DIRECTION] = TABLE(direction_names),
	[KR_ENUM_KIN_TYPE] = TABLE(kin_type_names),
	[KR_ENUM_KIN_KIND] = TABLE(kin_kind_names),
	[KR_ENUM_PARTNER_STATUS] = TABLE(partner_names),
	[KR_ENUM_FORM] = TABLE(form_names),
	[KR_ENUM_VARIANT] = TABLE(variant_names),
	[KR_ENUM_END_REASON] = TABLE(end_names),
	[KR_ENUM_EVENT_TYPE] = TABLE(event_names),
	[KR_ENUM_MEETING_TYPE] = TABLE(meeting_names),
	[KR_ENUM_CONTINUUM] = TABLE(continuum_names),
	[KR_ENUM_AGREEMENT_STATUS] = TABLE(agreement_names),
};

/* The enum declarations and the tables must agree in length. */
_Static_assert(sizeof role_names / sizeof *role_names == KR_ROLE__N, "roles");
_Static_assert(sizeof event_names / sizeof *event_names == KR_EV__N, "events");
_Static_assert(sizeof form_names / sizeof *form_names == KR_FORM__N, "forms");
_Static_assert(sizeof segment_names / sizeof *segment_names == KR_SEG__N, "segments");
_Static_assert(sizeof support_names / sizeof *support_names == KR_SUPPORT__N, "support");

const char *kr_enum_name(enum kr_enum e, int value)
{
	if ((unsigned)e >= KR_ENUM__N || value < 0 || value >= tables[e].n)
		return "";
	return tables[e].names[value];
}

int kr_enum_value(enum kr_enum e, const char *name)
{
	if ((unsigned)e >= KR_ENUM__N || !name)
		return 0;
	for (int i = 1; i < tables[e].n; i++)
		if (strcmp(tables[e].names[i], name) == 0)
			return i;
	return 0;
}

int kr_enum_count(enum kr_enum e)
{
	return (unsigned)e < KR_ENUM__N ? tables[e].n : 0;
}

/* ---- arena ---- */

struct kri_arena_block {
	struct kri_arena_block *next;
	size_t used, size;
	max_align_t data[];
};

void *kri_arena_alloc(struct kri_arena *a, size_t n)
{
	struct kri_arena_block *b = a->head;
	void *p;

	if (n == 0)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n) {
		size_t size = n > 16384 ? n : 16384;
		b = calloc(1, sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void kri_arena_free(struct kri_arena *a)
{
	struct kri_arena_block *b = a->head, *next;
	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* ---- lifetime and lookups ---- */

void kr_case_free(struct kr_case *c)
{
	struct kri_case_priv *p;

	if (!c)
		return;
	p = c->priv;
	if (p) {
		json_decref(p->doc);
		json_decref(p->person_ids);
		kri_arena_free(&p->arena);
		free(p);
	}
	free(c);
}

void *kr_case_doc(const struct kr_case *c)
{
	return ((struct kri_case_priv *)c->priv)->doc;
}

char *kr_case_dump(const struct kr_case *c, bool pretty)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17) |
	               (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(kr_case_doc(c), flags), *t;
	size_t n;

	if (!s || !pretty)
		return s;
	n = strlen(s);
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return NULL;
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	return t;
}

int kr_case_person_index(const struct kr_case *c, const char *id)
{
	struct kri_case_priv *p = c->priv;
	json_t *v = id ? json_object_get(p->person_ids, id) : NULL;
	return v ? (int)json_integer_value(v) : -1;
}

const char *kr_case_person_name(const struct kr_case *c, int i)
{
	if (i < 0 || (size_t)i >= c->npersons)
		return "?";
	return c->persons[i].name && *c->persons[i].name ? c->persons[i].name : c->persons[i].id;
}

int kr_case_current_placement(const struct kr_case *c, long on)
{
	int best = -1;
	long best_start = 0;

	for (size_t i = 0; i < c->nplacements; i++) {
		const struct kr_placement *p = &c->placements[i];
		long start;
		if (!kr_date_valid(p->start))
			continue;
		start = kr_date_first(p->start);
		if (start > on)
			continue;
		if (kr_date_valid(p->end) && kr_date_last(p->end) <= on)
			continue;
		if (best < 0 || start >= best_start) {
			best = (int)i;
			best_start = start;
		}
	}
	return best;
}

bool kr_case_person_alive(const struct kr_case *c, int i, long on)
{
	const struct kr_person *p = &c->persons[i];
	return !kr_date_valid(p->died) || kr_date_first(p->died) > on;
}

int kr_case_tie_between(const struct kr_case *c, int i, int j)
{
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		if ((tie->a == i && tie->b == j) || (tie->a == j && tie->b == i))
			return (int)t;
	}
	return -1;
}
