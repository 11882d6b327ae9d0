/*
 * case.c - the case model's lookups and its lifetime (the enumeration
 * tables are enum.c).  Reading and validating a document is case_read.c.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"

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
	return c->priv ? ((struct kri_case_priv *)c->priv)->doc : NULL;
}

char *kr_case_dump(const struct kr_case *c, bool pretty)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17) |
	               (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s, *t;
	size_t n;

	if (!kr_case_doc(c))
		return NULL;
	s = json_dumps(kr_case_doc(c), flags);

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
	json_t *v;

	if (!id)
		return -1;
	if (!p || !p->person_ids) {
		/* a case read from its binary form (case_pack.c) has no index */
		for (size_t i = 0; i < c->npersons; i++)
			if (c->persons[i].id && strcmp(c->persons[i].id, id) == 0)
				return (int)i;
		return -1;
	}
	v = json_object_get(p->person_ids, id);
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

bool kr_meeting_taken_place(struct kr_date d, long on)
{
	return kr_date_valid(d) && kr_date_first(d) <= on;
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

bool kr_case_person_professional(const struct kr_case *c, int i)
{
	static const enum kr_role pro[] = { KR_ROLE_FOSTER_CARE_WORKER, KR_ROLE_GUARDIAN,
		KR_ROLE_SOCIAL_TEAM, KR_ROLE_THERAPIST, KR_ROLE_OTHER_PROFESSIONAL };
	const struct kr_person *p;

	if (i < 0 || (size_t)i >= c->npersons)
		return false;
	p = &c->persons[i];
	if (p->world == KR_WORLD_PROFESSIONAL)
		return true;
	for (size_t k = 0; k < sizeof pro / sizeof *pro; k++)
		if (kr_person_has_role(p, pro[k]))
			return true;
	return false;
}

bool kr_case_person_involved(const struct kr_case *c, int i, long from, long to)
{
	const struct kr_person *p;

	if (i < 0 || (size_t)i >= c->npersons)
		return false;
	p = &c->persons[i];
	if (!p->ninvolved)
		return true;
	for (size_t k = 0; k < p->ninvolved; k++) {
		const struct kr_period *per = &p->involved[k];
		if ((!kr_date_valid(per->from) || kr_date_first(per->from) <= to) &&
		    (!kr_date_valid(per->to) || kr_date_last(per->to) >= from))
			return true;
	}
	return false;
}

long kr_case_person_until(const struct kr_case *c, size_t i)
{
	const struct kr_person *p = &c->persons[i];
	long until = LONG_MAX;

	if (kr_date_valid(p->died))
		until = kr_date_first(p->died) - 1;
	if (p->ninvolved) {
		long last = LONG_MIN;
		for (size_t k = 0; k < p->ninvolved; k++) {
			long end = kr_date_valid(p->involved[k].to) ? kr_date_last(p->involved[k].to)
			                                           : LONG_MAX;
			if (end > last)
				last = end;
		}
		if (last < until)
			until = last;
	}
	return until;
}
