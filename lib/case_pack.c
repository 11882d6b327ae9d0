/*
 * case_pack.c - the case model in a compact binary form (case_int.h), so
 * that a case can be rebuilt without parsing its JSON document.
 *
 * The store keeps this form beside every revision (the `models` table,
 * written with the revision's facts in facts.c).  Reading it back is an
 * order of magnitude cheaper than parsing the document (jansson's
 * allocations are ~85 % of reading a case), which is what lets the
 * figures and `kring signals --all` judge 40,000 cases on a day whose
 * signals were not stored yet (docs/report.md, BENCHMARKS.md).
 *
 * The form is a byte string: the magic "KRM", a version byte, then every
 * field of struct kr_case in a fixed order.  Integers are LEB128 varints
 * (signed ones zigzagged), dates three signed varints, strings their
 * length + 1 (0: NULL) and the bytes, lists their count + 1 (0: no list)
 * and the elements.  Free texts that no rule reads (notes, minutes, the
 * plan's columns, ...) are kept only as "there, and empty or not" (GIST).
 * Nothing of the JSON document itself is kept: a case read back has no
 * document (kr_case_doc() is NULL), so it serves the signal rules and the
 * path, not a summary, an export or an edit.
 *
 * The reader trusts nothing: every count is checked against the bytes
 * left, every person, placement and goal index against its list, and a
 * form that does not read is refused whole (KR_EINVAL), so the caller
 * falls back to the document.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case_int.h"
#include "utf8_int.h"
#include "kring/date.h"

#define PACK_VERSION 1

/* ---- writing ----------------------------------------------------------------------------- */

static void put_u(struct kr_buf *b, uint64_t v)
{
	unsigned char x[10];
	size_t n = 0;
	do {
		x[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			x[n] |= 0x80;
		n++;
	} while (v);
	kr_buf_add(b, x, n);
}

static void put_i(struct kr_buf *b, long long v)
{
	put_u(b, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

static void put_date(struct kr_buf *b, struct kr_date d)
{
	put_i(b, d.y);
	put_i(b, d.m);
	put_i(b, d.d);
}

static void put_str(struct kr_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u(b, s ? n + 1 : 0);
	if (n)
		kr_buf_add(b, s, n);
}

/* A free text that no rule reads (the notes, minutes, the matching's
 * reasons, ...): only whether it is there and whether it is empty is kept,
 * a non-empty text as GIST.  The form is for the rules, and this keeps it
 * a fraction of the document's size (test_case_pack checks that every
 * rule says the same on the packed case, messages included). */
#define GIST "\xe2\x80\xa6"   /* U+2026, "..." */

static void put_gist(struct kr_buf *b, const char *s)
{
	put_str(b, s && *s ? GIST : s);
}

/* A list's count: n + 1, or 0 when there is no list (v NULL). */
static void put_n(struct kr_buf *b, const void *v, size_t n)
{
	put_u(b, v || n ? n + 1 : 0);
}

static void put_ints(struct kr_buf *b, const int *v, size_t n)
{
	put_n(b, v, n);
	for (size_t i = 0; i < n; i++)
		put_i(b, v[i]);
}

static void put_dates(struct kr_buf *b, const struct kr_date *v, size_t n)
{
	put_n(b, v, n);
	for (size_t i = 0; i < n; i++)
		put_date(b, v[i]);
}

static void put_gists(struct kr_buf *b, const struct kr_strings *s)
{
	put_n(b, s->v, s->n);
	for (size_t i = 0; i < s->n; i++)
		put_gist(b, s->v[i]);
}

static void put_person(struct kr_buf *b, const struct kr_person *p)
{
	put_str(b, p->id);
	put_str(b, p->name);
	put_u(b, p->sex);
	put_date(b, p->born);
	put_date(b, p->died);
	put_u(b, p->roles);
	put_u(b, p->world);
	put_u(b, p->segment);
	put_n(b, p->involved, p->ninvolved);
	for (size_t i = 0; i < p->ninvolved; i++) {
		put_date(b, p->involved[i].from);
		put_date(b, p->involved[i].to);
	}
}

static void put_matching(struct kr_buf *b, const struct kr_matching *m)
{
	put_u(b, m->present);
	put_date(b, m->date);
	put_n(b, m->considered, m->nconsidered);
	for (size_t i = 0; i < m->nconsidered; i++) {
		put_i(b, m->considered[i].person);
		put_str(b, m->considered[i].family);
		put_i(b, m->considered[i].chosen);
		put_str(b, m->considered[i].why);
	}
	put_gist(b, m->child_wishes);
	put_u(b, m->child_involved);
	put_gist(b, m->parents_wishes);
	put_i(b, m->own_children_heard);
	put_gist(b, m->own_children_text);
	put_date(b, m->first_meeting);
	put_gist(b, m->decision);
	put_str(b, m->why);
}

static void put_placement(struct kr_buf *b, const struct kr_placement *p)
{
	put_str(b, p->id);
	put_u(b, p->form);
	put_u(b, p->variant);
	put_i(b, p->network);
	put_ints(b, p->carers, p->ncarers);
	put_ints(b, p->children, p->nchildren);
	put_date(b, p->start);
	put_date(b, p->end);
	put_u(b, p->end_reason);
	put_date(b, p->search_date);
	put_u(b, p->search_outcome);
	put_gist(b, p->search_text);
	put_str(b, p->family);
	put_matching(b, &p->matching);
	put_n(b, p->settling, p->nsettling);
	for (size_t i = 0; i < p->nsettling; i++) {
		put_date(b, p->settling[i].date);
		for (int k = 0; k < KR_VIEW__N; k++)
			put_i(b, p->settling[i].score[k]);
		put_gist(b, p->settling[i].text);
	}
}

static void put_meeting(struct kr_buf *b, const struct kr_meeting *m)
{
	put_str(b, m->id);
	put_date(b, m->date);
	put_u(b, m->type);
	put_u(b, m->continuum);
	put_ints(b, m->invited, m->ninvited);
	put_ints(b, m->attended, m->nattended);
	put_str(b, m->time);
	put_gist(b, m->place);
	put_i(b, m->coordinator);
	put_gist(b, m->outcome);
	put_gist(b, m->minutes);
	for (int k = 0; k < KR_PHASE__N; k++)
		put_date(b, m->phase[k]);
	put_ints(b, m->asked, m->nasked);
	put_ints(b, m->coming, m->ncoming);
}

static void put_plan(struct kr_buf *b, const struct kr_plan *p)
{
	put_u(b, p->present);
	put_i(b, p->version);
	put_date(b, p->adopted);
	put_date(b, p->reviewed);
	put_gist(b, p->safety);
	put_u(b, p->has_safety_map);
	put_gists(b, &p->worries);
	put_gists(b, &p->working_well);
	put_gists(b, &p->needs_to_happen);
	put_gists(b, &p->concerns);
	put_gists(b, &p->danger_statements);
	put_gists(b, &p->safety_goals);
	put_n(b, p->concerns_visibility, p->concerns_visibility ? p->concerns.n : 0);
	for (size_t i = 0; p->concerns_visibility && i < p->concerns.n; i++)
		put_u(b, p->concerns_visibility[i]);
	put_gist(b, p->route_text);
	put_ints(b, p->route_call, p->nroute_call);
	put_n(b, p->scale, p->nscale);
	for (size_t i = 0; i < p->nscale; i++) {
		put_date(b, p->scale[i].date);
		put_i(b, p->scale[i].score);
		put_i(b, p->scale[i].by);
	}
	put_n(b, p->wishes, p->nwishes);
	for (size_t i = 0; i < p->nwishes; i++) {
		const struct kr_wish *w = &p->wishes[i];
		put_str(b, w->id);
		put_i(b, w->by);
		put_date(b, w->date);
		put_str(b, w->text);
		put_gist(b, w->response);
		put_date(b, w->answered);
	}
	put_n(b, p->goals, p->ngoals);
	for (size_t i = 0; i < p->ngoals; i++) {
		put_str(b, p->goals[i].id);
		put_gist(b, p->goals[i].text);
		put_gist(b, p->goals[i].indicator);
	}
	put_n(b, p->agreements, p->nagreements);
	for (size_t i = 0; i < p->nagreements; i++) {
		const struct kr_agreement *a = &p->agreements[i];
		put_str(b, a->id);
		put_i(b, a->goal);
		put_ints(b, a->who, a->nwho);
		put_str(b, a->what);
		put_gist(b, a->when);
		put_str(b, a->if_not);
		put_date(b, a->due);
		put_u(b, a->status);
		put_u(b, a->visibility);
		put_u(b, a->action_plan);
	}
	put_date(b, p->blessing_date);
	put_ints(b, p->blessing_by, p->nblessing_by);
	put_gist(b, p->blessing_text);
	put_date(b, p->future_date);
	put_ints(b, p->future_by, p->nfuture_by);
	put_gist(b, p->future_text);
	put_gists(b, &p->future_goals);
	put_u(b, p->has_future_plan);
	put_u(b, p->has_action_team);
	put_date(b, p->team_formed);
	put_ints(b, p->team, p->nteam);
}

static void put_support(struct kr_buf *b, const struct kr_support_person *s)
{
	put_u(b, s->present);
	put_i(b, s->person);
	put_date(b, s->since);
	put_dates(b, s->contacts, s->ncontacts);
	put_dates(b, s->peer, s->npeer);
}

enum kr_status kri_case_pack(const struct kr_case *c, struct kr_buf *b)
{
	kr_buf_add(b, "KRM", 3);
	put_u(b, PACK_VERSION);
	put_str(b, c->ref);
	put_i(b, c->child);
	put_date(b, c->opened);
	put_date(b, c->perspective_date);
	put_gist(b, c->perspective_outcome);
	put_dates(b, c->development_checks, c->ndevelopment_checks);
	put_i(b, c->externalising);
	put_i(b, c->internalising);
	put_gist(b, c->notes);
	put_str(b, c->municipality_code);
	put_str(b, c->municipality_name);
	put_str(b, c->region);
	put_u(b, c->referrer);
	put_date(b, c->closed);
	put_u(b, c->closed_reason);
	put_n(b, c->persons, c->npersons);
	for (size_t i = 0; i < c->npersons; i++)
		put_person(b, &c->persons[i]);
	put_n(b, c->kinship, c->nkinship);
	for (size_t i = 0; i < c->nkinship; i++) {
		const struct kr_kinship *k = &c->kinship[i];
		put_u(b, k->type);
		put_i(b, k->parent);
		put_i(b, k->child);
		put_u(b, k->kind);
		put_i(b, k->a);
		put_i(b, k->b);
		put_u(b, k->status);
		put_date(b, k->since);
	}
	put_n(b, c->ties, c->nties);
	for (size_t i = 0; i < c->nties; i++) {
		const struct kr_tie *t = &c->ties[i];
		put_i(b, t->a);
		put_i(b, t->b);
		put_u(b, t->strength);
		put_u(b, t->quality);
		put_u(b, t->frequency);
		put_u(b, t->support);
		put_u(b, t->direction);
		put_u(b, t->trust_figure);
	}
	put_n(b, c->placements, c->nplacements);
	for (size_t i = 0; i < c->nplacements; i++)
		put_placement(b, &c->placements[i]);
	put_n(b, c->events, c->nevents);
	for (size_t i = 0; i < c->nevents; i++) {
		const struct kr_event *e = &c->events[i];
		put_date(b, e->date);
		put_u(b, e->type);
		put_i(b, e->person);
		put_i(b, e->placement);
		put_gist(b, e->text);
	}
	put_n(b, c->meetings, c->nmeetings);
	for (size_t i = 0; i < c->nmeetings; i++)
		put_meeting(b, &c->meetings[i]);
	put_plan(b, &c->plan);
	put_support(b, &c->support_parents);
	put_support(b, &c->support_fosterparents);
	return b->failed ? b->why : KR_OK;
}

/* ---- reading ----------------------------------------------------------------------------- */

struct rd {
	const unsigned char *p, *end;
	struct kri_arena *arena;
	size_t npersons, nplacements, ngoals;   /* for the index checks */
	bool bad, nomem;
};

static const char *get_str(struct rd *r);

/* An id the parser always sets: absent means damage. */
static const char *get_id(struct rd *r)
{
	const char *s = get_str(r);
	if (!s)
		r->bad = true;
	return s;
}

static uint64_t get_u(struct rd *r)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char x;
		if (r->p >= r->end) {
			r->bad = true;
			return 0;
		}
		x = *r->p++;
		v |= (uint64_t)(x & 0x7f) << shift;
		if (!(x & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

static long long get_i(struct rd *r)
{
	uint64_t u = get_u(r);
	return u & 1 ? -(long long)(u >> 1) - 1 : (long long)(u >> 1);
}

/* A small signed number (an int field): anything outside int is damage. */
static int get_int(struct rd *r)
{
	long long v = get_i(r);
	if (v < -2147483647LL || v > 2147483647LL) {
		r->bad = true;
		return 0;
	}
	return (int)v;
}

/* An enumeration value below n. */
static unsigned get_enum(struct rd *r, unsigned n)
{
	uint64_t v = get_u(r);
	if (v >= n) {
		r->bad = true;
		return 0;
	}
	return (unsigned)v;
}

static enum kr_tribool get_tri(struct rd *r)
{
	int v = get_int(r);
	if (v < -1 || v > 1)
		r->bad = true;
	return v < 0 ? KR_UNKNOWN : v ? KR_TRUE : KR_FALSE;
}

static bool get_bool(struct rd *r)
{
	return get_enum(r, 2) != 0;
}

/* A date as the parser makes them: unset (all 0), or a year 1000..9999
 * with an optional month, and a day only with a month, that exists. */
static struct kr_date get_date(struct rd *r)
{
	struct kr_date d;
	d.y = get_int(r);
	d.m = get_int(r);
	d.d = get_int(r);
	if (d.y == 0 ? d.m || d.d
	             : d.y < 1000 || d.y > 9999 || d.m < 0 || d.m > 12 || d.d < 0 ||
	               (d.d && (!d.m || d.d > kr_days_in_month(d.y, d.m)))) {
		r->bad = true;
		memset(&d, 0, sizeof d);
	}
	return d;
}

/* A whole number from lo to hi. */
static int get_range(struct rd *r, int lo, int hi)
{
	int v = get_int(r);
	if (v < lo || v > hi) {
		r->bad = true;
		return lo;
	}
	return v;
}

/* An index into a list of n, or -1. */
static int get_index(struct rd *r, size_t n)
{
	int v = get_int(r);
	if (v < -1 || (v >= 0 && (size_t)v >= n))
		r->bad = true;
	return v;
}

static const char *get_str(struct rd *r)
{
	uint64_t n = get_u(r);
	size_t count;
	char *s;
	if (r->bad || n == 0)
		return NULL;
	n--;
	if (n > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return NULL;
	}
	if (!(s = kri_arena_alloc(r->arena, (size_t)n + 1))) {
		r->bad = r->nomem = true;
		return NULL;
	}
	memcpy(s, r->p, (size_t)n);
	r->p += n;
	/* text as jansson hands it over: UTF-8 without NUL bytes */
	if (memchr(s, '\0', (size_t)n) || !kri_utf8_count(s, false, &count))
		r->bad = true;
	return s;
}

/* A list of n elements of size bytes each (zeroed; non-NULL also when
 * empty), or NULL when there is none.  Every element takes at least one
 * byte of the form, so a count beyond the bytes left is damage. */
static void *get_list(struct rd *r, size_t size, size_t *n)
{
	uint64_t k = get_u(r);
	void *v;
	*n = 0;
	if (r->bad || k == 0)
		return NULL;
	k--;
	if (k > (uint64_t)(r->end - r->p) || k > SIZE_MAX / size) {
		r->bad = true;
		return NULL;
	}
	if (!(v = kri_arena_alloc(r->arena, k ? (size_t)k * size : 1))) {
		r->bad = r->nomem = true;
		return NULL;
	}
	*n = (size_t)k;
	return v;
}

static int *get_indices(struct rd *r, size_t of, size_t *n)
{
	int *v = get_list(r, sizeof *v, n);
	for (size_t i = 0; i < *n && !r->bad; i++)
		if ((v[i] = get_index(r, of)) < 0)
			r->bad = true;   /* lists of persons hold no absent entries */
	return v;
}

static struct kr_date *get_dates(struct rd *r, size_t *n)
{
	struct kr_date *v = get_list(r, sizeof *v, n);
	for (size_t i = 0; i < *n && !r->bad; i++)
		v[i] = get_date(r);
	return v;
}

static void get_strings(struct rd *r, struct kr_strings *s)
{
	s->v = get_list(r, sizeof *s->v, &s->n);
	for (size_t i = 0; i < s->n && !r->bad; i++)
		s->v[i] = get_str(r);
}

static void get_person(struct rd *r, struct kr_person *p)
{
	p->id = get_id(r);
	p->name = get_str(r);
	p->sex = get_enum(r, KR_SEX__N);
	p->born = get_date(r);
	p->died = get_date(r);
	p->roles = (unsigned)get_u(r);
	p->world = get_enum(r, KR_WORLD__N);
	p->segment = get_enum(r, KR_SEG__N);
	p->involved = get_list(r, sizeof *p->involved, &p->ninvolved);
	for (size_t i = 0; i < p->ninvolved && !r->bad; i++) {
		p->involved[i].from = get_date(r);
		p->involved[i].to = get_date(r);
	}
}

static void get_matching(struct rd *r, struct kr_matching *m)
{
	m->present = get_bool(r);
	m->date = get_date(r);
	m->considered = get_list(r, sizeof *m->considered, &m->nconsidered);
	for (size_t i = 0; i < m->nconsidered && !r->bad; i++) {
		m->considered[i].person = get_index(r, r->npersons);
		m->considered[i].family = get_str(r);
		m->considered[i].chosen = get_tri(r);
		m->considered[i].why = get_str(r);
	}
	m->child_wishes = get_str(r);
	m->child_involved = get_enum(r, KR_INVOLVE__N);
	m->parents_wishes = get_str(r);
	m->own_children_heard = get_tri(r);
	m->own_children_text = get_str(r);
	m->first_meeting = get_date(r);
	m->decision = get_str(r);
	m->why = get_str(r);
}

static void get_placement(struct rd *r, struct kr_placement *p)
{
	p->id = get_id(r);
	p->form = get_enum(r, KR_FORM__N);
	p->variant = get_enum(r, KR_VARIANT__N);
	p->network = get_tri(r);
	p->carers = get_indices(r, r->npersons, &p->ncarers);
	p->children = get_indices(r, r->npersons, &p->nchildren);
	p->start = get_date(r);
	p->end = get_date(r);
	p->end_reason = get_enum(r, KR_END__N);
	p->search_date = get_date(r);
	p->search_outcome = get_enum(r, KR_SEARCH__N);
	p->search_text = get_str(r);
	p->family = get_str(r);
	get_matching(r, &p->matching);
	p->settling = get_list(r, sizeof *p->settling, &p->nsettling);
	for (size_t i = 0; i < p->nsettling && !r->bad; i++) {
		p->settling[i].date = get_date(r);
		for (int k = 0; k < KR_VIEW__N; k++)
			p->settling[i].score[k] = get_range(r, 0, 5);
		p->settling[i].text = get_str(r);
	}
}

static void get_meeting(struct rd *r, struct kr_meeting *m)
{
	m->id = get_id(r);
	m->date = get_date(r);
	m->type = get_enum(r, KR_MEET__N);
	m->continuum = get_enum(r, KR_CONT__N);
	m->invited = get_indices(r, r->npersons, &m->ninvited);
	m->attended = get_indices(r, r->npersons, &m->nattended);
	m->time = get_str(r);
	m->place = get_str(r);
	m->coordinator = get_index(r, r->npersons);
	m->outcome = get_str(r);
	m->minutes = get_str(r);
	for (int k = 0; k < KR_PHASE__N; k++)
		m->phase[k] = get_date(r);
	m->asked = get_indices(r, r->npersons, &m->nasked);
	m->coming = get_indices(r, r->npersons, &m->ncoming);
}

static void get_plan(struct rd *r, struct kr_plan *p)
{
	size_t n;

	p->present = get_bool(r);
	p->version = get_range(r, 0, 2147483647);
	p->adopted = get_date(r);
	p->reviewed = get_date(r);
	p->safety = get_str(r);
	p->has_safety_map = get_bool(r);
	get_strings(r, &p->worries);
	get_strings(r, &p->working_well);
	get_strings(r, &p->needs_to_happen);
	get_strings(r, &p->concerns);
	get_strings(r, &p->danger_statements);
	get_strings(r, &p->safety_goals);
	p->concerns_visibility = get_list(r, sizeof *p->concerns_visibility, &n);
	if (p->concerns_visibility && n != p->concerns.n)
		r->bad = true;
	for (size_t i = 0; i < n && !r->bad; i++)
		p->concerns_visibility[i] = get_enum(r, KR_VIS__N);
	p->route_text = get_str(r);
	p->route_call = get_indices(r, r->npersons, &p->nroute_call);
	p->scale = get_list(r, sizeof *p->scale, &p->nscale);
	for (size_t i = 0; i < p->nscale && !r->bad; i++) {
		p->scale[i].date = get_date(r);
		p->scale[i].score = get_range(r, 0, 10);
		p->scale[i].by = get_index(r, r->npersons);
	}
	p->wishes = get_list(r, sizeof *p->wishes, &p->nwishes);
	for (size_t i = 0; i < p->nwishes && !r->bad; i++) {
		struct kr_wish *w = &p->wishes[i];
		w->id = get_id(r);
		w->by = get_index(r, r->npersons);
		w->date = get_date(r);
		w->text = get_str(r);
		w->response = get_str(r);
		w->answered = get_date(r);
	}
	p->goals = get_list(r, sizeof *p->goals, &p->ngoals);
	for (size_t i = 0; i < p->ngoals && !r->bad; i++) {
		p->goals[i].id = get_id(r);
		p->goals[i].text = get_str(r);
		p->goals[i].indicator = get_str(r);
	}
	r->ngoals = p->ngoals;
	p->agreements = get_list(r, sizeof *p->agreements, &p->nagreements);
	for (size_t i = 0; i < p->nagreements && !r->bad; i++) {
		struct kr_agreement *a = &p->agreements[i];
		a->id = get_id(r);
		a->goal = get_index(r, r->ngoals);
		a->who = get_indices(r, r->npersons, &a->nwho);
		a->what = get_str(r);
		a->when = get_str(r);
		a->if_not = get_str(r);
		a->due = get_date(r);
		a->status = get_enum(r, KR_AGR__N);
		a->visibility = get_enum(r, KR_VIS__N);
		a->action_plan = get_bool(r);
	}
	p->blessing_date = get_date(r);
	p->blessing_by = get_indices(r, r->npersons, &p->nblessing_by);
	p->blessing_text = get_str(r);
	p->future_date = get_date(r);
	p->future_by = get_indices(r, r->npersons, &p->nfuture_by);
	p->future_text = get_str(r);
	get_strings(r, &p->future_goals);
	p->has_future_plan = get_bool(r);
	p->has_action_team = get_bool(r);
	p->team_formed = get_date(r);
	p->team = get_indices(r, r->npersons, &p->nteam);
}

static void get_support(struct rd *r, struct kr_support_person *s)
{
	s->present = get_bool(r);
	s->person = get_index(r, r->npersons);
	s->since = get_date(r);
	s->contacts = get_dates(r, &s->ncontacts);
	s->peer = get_dates(r, &s->npeer);
}

enum kr_status kri_case_unpack(const void *data, size_t len, struct kr_case **out)
{
	struct kri_case_priv *priv = calloc(1, sizeof *priv);
	struct kr_case *c = calloc(1, sizeof *c);
	struct rd r;
	int child;

	*out = NULL;
	if (!priv || !c) {
		free(priv);
		free(c);
		return KR_ENOMEM;
	}
	c->priv = priv;
	memset(&r, 0, sizeof r);
	r.p = data;
	r.end = r.p + len;
	r.arena = &priv->arena;
	if (len < 4 || memcmp(data, "KRM", 3) != 0) {
		kr_case_free(c);
		return KR_EINVAL;
	}
	r.p += 3;
	if (get_u(&r) != PACK_VERSION) {
		kr_case_free(c);
		return KR_EINVAL;
	}
	c->ref = get_id(&r);
	child = get_int(&r);
	c->opened = get_date(&r);
	c->perspective_date = get_date(&r);
	c->perspective_outcome = get_str(&r);
	c->development_checks = get_dates(&r, &c->ndevelopment_checks);
	c->externalising = get_tri(&r);
	c->internalising = get_tri(&r);
	c->notes = get_str(&r);
	c->municipality_code = get_str(&r);
	c->municipality_name = get_str(&r);
	c->region = get_str(&r);
	c->referrer = get_enum(&r, KR_REF__N);
	c->closed = get_date(&r);
	c->closed_reason = get_enum(&r, KR_CLOSED__N);
	c->persons = get_list(&r, sizeof *c->persons, &c->npersons);
	for (size_t i = 0; i < c->npersons && !r.bad; i++)
		get_person(&r, &c->persons[i]);
	r.npersons = c->npersons;
	if (child < 0 || (size_t)child >= c->npersons)
		r.bad = true;
	c->child = child;
	c->kinship = get_list(&r, sizeof *c->kinship, &c->nkinship);
	for (size_t i = 0; i < c->nkinship && !r.bad; i++) {
		struct kr_kinship *k = &c->kinship[i];
		k->type = get_enum(&r, KR_KIN__N);
		k->parent = get_index(&r, r.npersons);
		k->child = get_index(&r, r.npersons);
		k->kind = get_enum(&r, KR_KIND__N);
		k->a = get_index(&r, r.npersons);
		k->b = get_index(&r, r.npersons);
		k->status = get_enum(&r, KR_PARTNER__N);
		k->since = get_date(&r);
	}
	c->ties = get_list(&r, sizeof *c->ties, &c->nties);
	for (size_t i = 0; i < c->nties && !r.bad; i++) {
		struct kr_tie *t = &c->ties[i];
		t->a = get_index(&r, r.npersons);
		t->b = get_index(&r, r.npersons);
		if (t->a < 0 || t->b < 0)
			r.bad = true;
		t->strength = get_enum(&r, KR_STRENGTH__N);
		t->quality = get_enum(&r, KR_QUALITY__N);
		t->frequency = get_enum(&r, KR_FREQ__N);
		t->support = (unsigned)get_u(&r);
		t->direction = get_enum(&r, KR_DIR__N);
		t->trust_figure = get_bool(&r);
	}
	c->placements = get_list(&r, sizeof *c->placements, &c->nplacements);
	for (size_t i = 0; i < c->nplacements && !r.bad; i++)
		get_placement(&r, &c->placements[i]);
	r.nplacements = c->nplacements;
	c->events = get_list(&r, sizeof *c->events, &c->nevents);
	for (size_t i = 0; i < c->nevents && !r.bad; i++) {
		struct kr_event *e = &c->events[i];
		e->date = get_date(&r);
		e->type = get_enum(&r, KR_EV__N);
		e->person = get_index(&r, r.npersons);
		e->placement = get_index(&r, r.nplacements);
		e->text = get_str(&r);
	}
	c->meetings = get_list(&r, sizeof *c->meetings, &c->nmeetings);
	for (size_t i = 0; i < c->nmeetings && !r.bad; i++)
		get_meeting(&r, &c->meetings[i]);
	get_plan(&r, &c->plan);
	get_support(&r, &c->support_parents);
	get_support(&r, &c->support_fosterparents);
	if (r.bad || r.p != r.end) {
		kr_case_free(c);
		return r.nomem ? KR_ENOMEM : KR_EINVAL;
	}
	*out = c;
	return KR_OK;
}
