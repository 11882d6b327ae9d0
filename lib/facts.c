/*
 * facts.c - the facts of every revision (facts_int.h, facts.h,
 * docs/report.md "What is stored and when it is recomputed").
 *
 * Writing: kr_store_put() calls kri_facts_write() once, in the same
 * transaction as the revision.  The dated facts come from the document and
 * from the facts of the revision before it (when the map last changed, when
 * an agreement was closed, when a wish got its answer); the day facts are
 * the signals of the case on the day it was stored.
 *
 * Reading: kri_facts_walk() hands every latest revision's facts to the
 * figures.  Rows that are missing (a database from before schema 3) or of
 * an older layout are rebuilt from the documents, revision by revision;
 * rows whose day facts are for another day or other thresholds get them
 * recomputed for that run (stored only by kr_facts_refresh): from the
 * case's binary model (case_pack.c, written beside the facts row by
 * compute_row) on several threads, or, for a database whose models are
 * not there yet, from the documents in parallel with kr_store_each().
 *
 * The stored model is a small binary record (version KRI_FACTS_VERSION):
 * fixed-width little-endian fields, dates packed as y << 16 | m << 8 | d,
 * lists prefixed by a 16-bit count.  It holds no name, id or free text:
 * ids of agreements and wishes are 64-bit hashes, carers are numbers.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "facts_int.h"
#include "kring/assignment.h"
#include "kring/buf.h"
#include "kring/family_plan.h"
#include "kring/facts.h"
#include "kring/history.h"
#include "kring/init.h"
#include "kring/plan.h"
#include "kring/signals.h"
#include "history_int.h"
#include "signals_int.h"
#include "store_int.h"

#define MAX_LIST 65535u    /* a 16-bit count */
#define MAX_DAYS 64        /* change days kept per list (the newest) */

/* ---- small helpers -------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "\xff", 1);
}

#define FNV0 0xcbf29ce484222325ull

static uint64_t fnv_int(uint64_t h, long v)
{
	return fnv(h, &v, sizeof v);
}

/* Grows array *v (of *n elements, capacity *cap) by one zeroed element. */
static void *grow(void **v, size_t *n, size_t *cap, size_t size, bool *nomem)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		void *g = realloc(*v, c * size);
		if (!g) {
			*nomem = true;
			return NULL;
		}
		*v = g;
		*cap = c;
	}
	memset((char *)*v + *n * size, 0, size);
	return (char *)*v + (*n)++ * size;
}

#define PUSH(f, arr) grow((void **)&(f)->arr, &(f)->n##arr, &(f)->cap_##arr, sizeof *(f)->arr, \
                          &(f)->nomem)

void kri_facts_init(struct kri_facts *f)
{
	memset(f, 0, sizeof *f);
	f->day = -1;
}

void kri_facts_reset(struct kri_facts *f)
{
	struct kri_facts keep = *f;
	memset(f, 0, sizeof *f);
#define KEEP(arr) (f->arr = keep.arr, f->cap_##arr = keep.cap_##arr)
	KEEP(placements);
	KEEP(carers);
	KEEP(breakdowns);
	KEEP(meetings);
	KEEP(reviews);
	KEEP(agreements);
	KEEP(wishes);
	KEEP(map_days);
#undef KEEP
	f->day = -1;
}

void kri_facts_cleanup(struct kri_facts *f)
{
	if (!f)
		return;
	free(f->placements);
	free(f->carers);
	free(f->breakdowns);
	free(f->meetings);
	free(f->reviews);
	free(f->agreements);
	free(f->wishes);
	free(f->map_days);
	kri_facts_init(f);
}

int64_t kri_facts_sig(const struct kr_settings *set)
{
	size_t n;
	const char *const *ids = kr_signals_catalogue(&n);
	uint64_t h = fnv_int(FNV0, KRI_FACTS_VERSION);

	for (int i = 0; i < KR_SET__N; i++)
		h = fnv_int(h, set->v[i]);
	for (size_t i = 0; i < n; i++)
		h = fnv_str(h, ids[i]);
	return (int64_t)(h >> 1);
}

uint64_t kri_facts_rule_bit(const char *id)
{
	size_t n;
	const char *const *ids = kr_signals_catalogue(&n);
	for (size_t i = 0; id && i < n && i < 64; i++)
		if (strcmp(ids[i], id) == 0)
			return 1ull << i;
	return 0;
}

static long day_of_stamp(const char *stamp)
{
	struct kr_date d;
	char ymd[11];
	snprintf(ymd, sizeof ymd, "%.10s", stamp ? stamp : "");
	return kr_date_parse_full(ymd, &d) ? kr_date_first(d) : 0;
}

static int32_t clamp_day(long day)
{
	return day <= KRI_DAY_UNKNOWN ? KRI_DAY_UNKNOWN + 1 : day >= KRI_DAY_NEVER ?
	       KRI_DAY_NEVER - 1 : (int32_t)day;
}

/* ---- the dated facts of one document -------------------------------------- */

/* Number of person i among the carers of f (1..), adding it when new. */
static int carer_number(int *seen, int *nseen, int i)
{
	for (int k = 0; k < *nseen; k++)
		if (seen[k] == i)
			return k + 1;
	seen[*nseen] = i;
	return ++*nseen;
}

/* The network map: persons (id, roles, world, segment, death) and ties. */
static uint64_t map_hash(const struct kr_case *c)
{
	uint64_t h = FNV0;
	char d[11];

	for (size_t i = 0; i < c->npersons; i++) {
		const struct kr_person *p = &c->persons[i];
		h = fnv_str(h, p->id);
		h = fnv_int(h, (long)p->roles);
		h = fnv_int(h, p->world * 64 + p->segment);
		h = fnv_str(h, kr_date_format(p->died, d));
	}
	for (size_t i = 0; i < c->nties; i++) {
		const struct kr_tie *t = &c->ties[i];
		h = fnv_str(h, c->persons[t->a].id);
		h = fnv_str(h, c->persons[t->b].id);
		h = fnv_int(h, ((((long)t->strength * 8 + t->quality) * 8 + t->frequency) * 8 +
		                t->direction) * 2 + t->trust_figure);
		h = fnv_int(h, (long)t->support);
	}
	return h;
}

static bool same_date(struct kr_date a, struct kr_date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

/* The facts of document c as if it were the first revision of its case,
 * stored on day `recorded`.  false when out of memory. */
bool kri_facts_from_case(struct kri_facts *f, const struct kr_case *c, long recorded)
{
	int *seen = NULL, nseen = 0;
	size_t ncarers = 0;

	kri_facts_reset(f);
	f->recorded = recorded;
	snprintf(f->municipality, sizeof f->municipality, "%s",
	         c->municipality_code ? c->municipality_code : "");
	snprintf(f->municipality_name, sizeof f->municipality_name, "%s",
	         c->municipality_name ? c->municipality_name : "");
	snprintf(f->region, sizeof f->region, "%s", c->region ? c->region : "");
	f->referrer = c->referrer;
	f->closed_reason = c->closed_reason;
	f->opened = c->opened;
	f->closed = c->closed;
	if (c->child >= 0)
		f->born = c->persons[c->child].born;
	f->perspective = c->perspective_date;

	for (size_t i = 0; i < c->nplacements; i++)
		ncarers += c->placements[i].ncarers;
	if (ncarers && !(seen = malloc(ncarers * sizeof *seen)))
		return !(f->nomem = true);
	for (size_t i = 0; i < c->nplacements && i < MAX_LIST; i++) {
		const struct kr_placement *p = &c->placements[i];
		struct kri_fplacement *q = PUSH(f, placements);
		if (!q)
			break;
		q->start = p->start;
		q->end = p->end;
		q->form = p->form;
		q->variant = p->variant;
		q->end_reason = p->end_reason;
		q->network = p->network;
		q->carers_at = (unsigned)f->ncarers;
		for (size_t k = 0; k < p->ncarers && k < 255; k++) {
			int *n = PUSH(f, carers);
			if (!n)
				break;
			*n = carer_number(seen, &nseen, p->carers[k]);
			q->ncarers++;
		}
	}
	f->ncarer_ids = nseen;
	free(seen);
	for (size_t i = 0; i < c->nevents; i++) {
		struct kri_fbreakdown *b;
		if (c->events[i].type != KR_EV_BREAKDOWN || f->nbreakdowns >= MAX_LIST ||
		    !(b = PUSH(f, breakdowns)))
			continue;
		b->date = c->events[i].date;
		b->placement = c->events[i].placement;
	}
	for (size_t i = 0; i < c->nmeetings && i < MAX_LIST; i++) {
		struct kri_fmeeting *m = PUSH(f, meetings);
		if (!m)
			break;
		m->date = c->meetings[i].date;
		m->continuum = c->meetings[i].continuum;
	}
	f->plan = c->plan.present;
	f->adopted = c->plan.adopted;
	f->reviewed = c->plan.reviewed;
	if (f->plan && (kr_date_valid(f->reviewed) || kr_date_valid(f->adopted))) {
		struct kr_date *d = PUSH(f, reviews);
		if (d)
			*d = kr_date_valid(f->reviewed) ? f->reviewed : f->adopted;
	}
	for (size_t i = 0; i < c->plan.nagreements && i < MAX_LIST; i++) {
		const struct kr_agreement *a = &c->plan.agreements[i];
		struct kri_fagreement *q = PUSH(f, agreements);
		if (!q)
			break;
		q->id = fnv_str(FNV0, a->id);
		q->status = a->status;
		q->due = a->due;
		q->first_seen = KRI_DAY_BEFORE;
		q->closed_since = kr_plan_agreement_open(a) ? KRI_DAY_NEVER : KRI_DAY_BEFORE;
	}
	for (size_t i = 0; i < c->plan.nwishes && f->nwishes < MAX_LIST; i++) {
		const struct kr_wish *w = &c->plan.wishes[i];
		struct kri_fwish *q;
		if (w->by != c->child || !(q = PUSH(f, wishes)))
			continue;
		q->id = fnv_str(FNV0, w->id);
		q->date = w->date;
		q->answered = w->response && *w->response;
		q->answered_day = !q->answered ? KRI_DAY_NEVER : kr_date_valid(w->answered)
		                  ? clamp_day(kr_date_first(w->answered)) : KRI_DAY_UNKNOWN;
	}
	f->map_hash = map_hash(c);
	{
		int32_t *d = PUSH(f, map_days);
		if (d)
			*d = clamp_day(recorded);
	}
	return !f->nomem;
}

/* Adds day to the list of days (oldest first), keeping the newest MAX_DAYS. */
static void add_day(struct kri_facts *f, int32_t day)
{
	int32_t *d;
	if (f->nmap_days && f->map_days[f->nmap_days - 1] == day)
		return;
	if (f->nmap_days == MAX_DAYS) {
		memmove(f->map_days, f->map_days + 1, (MAX_DAYS - 1) * sizeof *f->map_days);
		f->nmap_days--;
	}
	if ((d = PUSH(f, map_days)))
		*d = day;
}

/* What only the revisions tell, carried from prev (the revision before). */
static void carry(struct kri_facts *f, const struct kri_facts *prev)
{
	int32_t today = clamp_day(f->recorded);

	/* the map: made on the first revision, changed when persons or ties did */
	f->nmap_days = 0;
	for (size_t i = 0; i < prev->nmap_days; i++)
		add_day(f, prev->map_days[i]);
	if (prev->map_hash != f->map_hash || !f->nmap_days)
		add_day(f, today);

	/* every review date the plan ever had */
	if (prev->nreviews) {
		struct kr_date cur = { 0, 0, 0 };
		bool have = f->nreviews > 0;
		if (have)
			cur = f->reviews[0];
		f->nreviews = 0;
		for (size_t i = 0; i < prev->nreviews; i++) {
			struct kr_date *d;
			if (f->nreviews == MAX_DAYS)
				break;
			if ((d = PUSH(f, reviews)))
				*d = prev->reviews[i];
		}
		for (size_t i = 0; have && i < f->nreviews; i++)
			have = !same_date(f->reviews[i], cur);
		if (have) {
			struct kr_date *d;
			if (f->nreviews == MAX_DAYS) {
				memmove(f->reviews, f->reviews + 1, (MAX_DAYS - 1) * sizeof *f->reviews);
				f->nreviews--;
			}
			if ((d = PUSH(f, reviews)))
				*d = cur;
		}
	}

	/* agreements: when they appeared and when they stopped being open */
	for (size_t i = 0; i < f->nagreements; i++) {
		struct kri_fagreement *a = &f->agreements[i];
		const struct kri_fagreement *p = NULL;
		bool open = a->status == KR_AGR_OPEN || a->status == KR_AGR_NONE;
		for (size_t k = 0; k < prev->nagreements && !p; k++)
			if (prev->agreements[k].id == a->id)
				p = &prev->agreements[k];
		if (!p) {
			a->first_seen = today;
			a->closed_since = open ? KRI_DAY_NEVER : today;
			continue;
		}
		a->first_seen = p->first_seen;
		if (open)
			a->closed_since = KRI_DAY_NEVER;
		else
			a->closed_since = p->closed_since == KRI_DAY_NEVER ? today : p->closed_since;
	}

	/* wishes: the day a response was first stored, unless it has a date */
	for (size_t i = 0; i < f->nwishes; i++) {
		struct kri_fwish *w = &f->wishes[i];
		const struct kri_fwish *p = NULL;
		if (!w->answered || w->answered_day != KRI_DAY_UNKNOWN)
			continue;
		for (size_t k = 0; k < prev->nwishes && !p; k++)
			if (prev->wishes[k].id == w->id)
				p = &prev->wishes[k];
		w->answered_day = p && p->answered ? p->answered_day : today;
	}
}

/* ---- the day facts ----------------------------------------------------------- */

/* The day facts of case c (revision rev, its history read through s) on
 * day under the thresholds set, whose kri_facts_sig() is sig (computed
 * once by a walk, not per case), into f.  in_plan: whether c is in a
 * family plan, when a walk knows it (kr_fplan_case_refs; then a case in
 * none is not looked up), -1 when not known: the signals count the
 * family's meetings (history_int.h). */
static enum kr_status day_facts(struct kri_facts *f, struct kr_store *s, const struct kr_case *c,
                                long rev, long day, const struct kr_settings *set, int64_t sig,
                                int in_plan, struct kr_error *err)
{
	struct kr_signal_list l = { 0 };
	const struct kr_signal *top;
	struct kr_history *h = NULL;
	enum kr_status rc;

	if ((rc = kr_history_open(s, c->ref, rev, c, &h, err)))
		goto out;
	if (in_plan == 0)
		kri_history_in_plan(h, false);
	if ((rc = kri_signals_judge(c, h, day, set, &l, err)))
		goto out;
	f->day = day;
	f->sig = sig;
	f->fired = f->missing = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct kr_signal *sg = &l.v[i];
		f->fired |= kri_facts_rule_bit(sg->id);
		if (sg->rule)
			f->missing |= kri_facts_rule_bit(sg->rule);
	}
	/* counts and the most severe signal as the case summary has them */
	top = kri_signals_tally(&l, f->counts);
	snprintf(f->top, sizeof f->top, "%s", top ? top->id : "");
	f->top_level = top ? top->level : 0;
out:
	kr_signal_list_cleanup(&l);
	kr_history_free(h);
	return rc;
}

/* ---- the stored model ---------------------------------------------------------- */

struct wb { unsigned char *p; size_t n, cap; bool fail; };

static void put(struct wb *w, const void *x, size_t n)
{
	if (w->fail)
		return;
	if (w->n + n > w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 512;
		unsigned char *g;
		while (cap < w->n + n)
			cap *= 2;
		if (!(g = realloc(w->p, cap))) {
			w->fail = true;
			return;
		}
		w->p = g;
		w->cap = cap;
	}
	memcpy(w->p + w->n, x, n);
	w->n += n;
}

static void put_uint(struct wb *w, uint64_t v, int bytes)
{
	unsigned char b[8];
	for (int i = 0; i < bytes; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(w, b, (size_t)bytes);
}

static void put_date(struct wb *w, struct kr_date d)
{
	put_uint(w, (uint64_t)(uint32_t)d.y << 16 | (uint32_t)d.m << 8 | (uint32_t)d.d, 4);
}

static void put_day(struct wb *w, int32_t day)
{
	put_uint(w, (uint32_t)day, 4);
}

static void put_count(struct wb *w, size_t n)
{
	put_uint(w, n, 2);
}

static bool encode(const struct kri_facts *f, struct wb *w)
{
	put_uint(w, KRI_FACTS_VERSION, 1);
	put_date(w, f->born);
	put_date(w, f->perspective);
	put_count(w, f->nplacements);
	for (size_t i = 0; i < f->nplacements; i++) {
		const struct kri_fplacement *p = &f->placements[i];
		put_date(w, p->start);
		put_date(w, p->end);
		put_uint(w, (uint64_t)p->form, 1);
		put_uint(w, (uint64_t)p->variant, 1);
		put_uint(w, (uint64_t)p->end_reason, 1);
		put_uint(w, (uint64_t)(p->network + 1), 1);
		put_uint(w, p->ncarers, 1);
		for (unsigned k = 0; k < p->ncarers; k++)
			put_uint(w, (uint64_t)f->carers[p->carers_at + k], 2);
	}
	put_count(w, f->nbreakdowns);
	for (size_t i = 0; i < f->nbreakdowns; i++) {
		put_date(w, f->breakdowns[i].date);
		put_uint(w, (uint64_t)(f->breakdowns[i].placement + 1), 2);
	}
	put_count(w, f->nmeetings);
	for (size_t i = 0; i < f->nmeetings; i++) {
		put_date(w, f->meetings[i].date);
		put_uint(w, (uint64_t)f->meetings[i].continuum, 1);
	}
	put_uint(w, f->plan, 1);
	put_date(w, f->adopted);
	put_date(w, f->reviewed);
	put_count(w, f->nreviews);
	for (size_t i = 0; i < f->nreviews; i++)
		put_date(w, f->reviews[i]);
	put_count(w, f->nagreements);
	for (size_t i = 0; i < f->nagreements; i++) {
		const struct kri_fagreement *a = &f->agreements[i];
		put_uint(w, a->id, 8);
		put_uint(w, (uint64_t)a->status, 1);
		put_date(w, a->due);
		put_day(w, a->first_seen);
		put_day(w, a->closed_since);
	}
	put_count(w, f->nwishes);
	for (size_t i = 0; i < f->nwishes; i++) {
		const struct kri_fwish *q = &f->wishes[i];
		put_uint(w, q->id, 8);
		put_date(w, q->date);
		put_uint(w, q->answered, 1);
		put_day(w, q->answered_day);
	}
	put_uint(w, f->map_hash, 8);
	put_count(w, f->nmap_days);
	for (size_t i = 0; i < f->nmap_days; i++)
		put_day(w, f->map_days[i]);
	return !w->fail;
}

struct rb { const unsigned char *p; size_t n, at; bool fail; };

static uint64_t get_uint(struct rb *r, int bytes)
{
	uint64_t v = 0;
	if (r->fail || r->n - r->at < (size_t)bytes) {
		r->fail = true;
		return 0;
	}
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[r->at + (size_t)i] << (8 * i);
	r->at += (size_t)bytes;
	return v;
}

static struct kr_date get_date(struct rb *r)
{
	uint64_t v = get_uint(r, 4);
	struct kr_date d = { (int)(v >> 16), (int)(v >> 8 & 0xff), (int)(v & 0xff) };
	return d;
}

static int32_t get_day(struct rb *r)
{
	return (int32_t)(uint32_t)get_uint(r, 4);
}

/* Decodes the model of a row into f (dimensions and day facts are set by
 * the caller).  false for a record of another layout or a damaged one. */
static bool decode(struct kri_facts *f, const void *data, size_t len)
{
	struct rb r = { data, len, 0, false };
	size_t n;

	if (get_uint(&r, 1) != KRI_FACTS_VERSION)
		return false;
	f->born = get_date(&r);
	f->perspective = get_date(&r);
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct kri_fplacement *p = PUSH(f, placements);
		if (!p)
			return false;
		p->start = get_date(&r);
		p->end = get_date(&r);
		p->form = (int)get_uint(&r, 1);
		p->variant = (int)get_uint(&r, 1);
		p->end_reason = (int)get_uint(&r, 1);
		p->network = (enum kr_tribool)((int)get_uint(&r, 1) - 1);
		p->ncarers = (unsigned)get_uint(&r, 1);
		p->carers_at = (unsigned)f->ncarers;
		for (unsigned k = 0; k < p->ncarers && !r.fail; k++) {
			int *c = PUSH(f, carers);
			if (!c)
				return false;
			*c = (int)get_uint(&r, 2);
			if (*c > f->ncarer_ids)
				f->ncarer_ids = *c;
		}
	}
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct kri_fbreakdown *b = PUSH(f, breakdowns);
		if (!b)
			return false;
		b->date = get_date(&r);
		b->placement = (int)get_uint(&r, 2) - 1;
	}
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct kri_fmeeting *m = PUSH(f, meetings);
		if (!m)
			return false;
		m->date = get_date(&r);
		m->continuum = (int)get_uint(&r, 1);
	}
	f->plan = get_uint(&r, 1) != 0;
	f->adopted = get_date(&r);
	f->reviewed = get_date(&r);
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct kr_date *d = PUSH(f, reviews);
		if (!d)
			return false;
		*d = get_date(&r);
	}
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct kri_fagreement *a = PUSH(f, agreements);
		if (!a)
			return false;
		a->id = get_uint(&r, 8);
		a->status = (int)get_uint(&r, 1);
		a->due = get_date(&r);
		a->first_seen = get_day(&r);
		a->closed_since = get_day(&r);
	}
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		struct kri_fwish *w = PUSH(f, wishes);
		if (!w)
			return false;
		w->id = get_uint(&r, 8);
		w->date = get_date(&r);
		w->answered = get_uint(&r, 1) != 0;
		w->answered_day = get_day(&r);
	}
	f->map_hash = get_uint(&r, 8);
	n = (size_t)get_uint(&r, 2);
	for (size_t i = 0; i < n && !r.fail; i++) {
		int32_t *d = PUSH(f, map_days);
		if (!d)
			return false;
		*d = get_day(&r);
	}
	return !r.fail && r.at == r.n && !f->nomem;
}

/* ---- rows ------------------------------------------------------------------------ */

#define COLS "f.version, f.recorded, f.municipality, f.municipality_name, f.region, " \
             "f.referrer, f.opened, f.closed, f.closed_reason, f.data, f.day, f.sig, " \
             "f.alerts, f.warnings, f.infos, f.top, f.top_level, f.fired, f.missing"
#define NCOLS 19

static const char SQL_INSERT[] =
	"INSERT OR REPLACE INTO facts(case_id, rev, version, recorded, municipality, "
	"municipality_name, region, referrer, opened, closed, closed_reason, data, day, sig, "
	"alerts, warnings, infos, top, top_level, fired, missing) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";
static const char SQL_DAY[] =
	"UPDATE facts SET day = ?3, sig = ?4, alerts = ?5, warnings = ?6, infos = ?7, top = ?8, "
	"top_level = ?9, fired = ?10, missing = ?11 WHERE case_id = ?1 AND rev = ?2";
static const char SQL_ONE[] =
	"SELECT " COLS " FROM facts f WHERE f.case_id = ?1 AND f.rev = ?2";
static const char SQL_HEADS[] =
	"SELECT c.id, c.ref, c.head, f.version, f.day, f.sig FROM cases c LEFT JOIN facts f "
	"ON f.case_id = c.id AND f.rev = c.head ORDER BY c.ref";
static const char SQL_ALL[] =
	"SELECT c.ref, c.head, c.child, c.id, " COLS " FROM cases c JOIN facts f "
	"ON f.case_id = c.id AND f.rev = c.head ORDER BY c.ref";

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* The day facts as parameters ?at..?at+8 (SQL_DAY from 3, SQL_INSERT from 13). */
static void bind_day_facts(sqlite3_stmt *st, int at, const struct kri_facts *f)
{
	sqlite3_bind_int64(st, at, f->day);
	sqlite3_bind_int64(st, at + 1, f->sig);
	sqlite3_bind_int64(st, at + 2, (sqlite3_int64)f->counts[KR_LEVEL_ALERT]);
	sqlite3_bind_int64(st, at + 3, (sqlite3_int64)f->counts[KR_LEVEL_WARNING]);
	sqlite3_bind_int64(st, at + 4, (sqlite3_int64)f->counts[KR_LEVEL_INFO]);
	bind_text_or_null(st, at + 5, f->top);
	sqlite3_bind_int(st, at + 6, f->top_level);
	sqlite3_bind_int64(st, at + 7, (sqlite3_int64)f->fired);
	sqlite3_bind_int64(st, at + 8, (sqlite3_int64)f->missing);
}

static enum kr_status insert_row(struct kr_store *s, int64_t case_id, long rev,
                                 const struct kri_facts *f, struct kr_error *err)
{
	struct wb w = { NULL, 0, 0, false };
	sqlite3_stmt *st;
	enum kr_status rc;

	if (!encode(f, &w)) {
		free(w.p);
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	}
	if ((rc = kri_stmt(s, SQL_INSERT, &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, rev);
	sqlite3_bind_int(st, 3, KRI_FACTS_VERSION);
	sqlite3_bind_int64(st, 4, f->recorded);
	bind_text_or_null(st, 5, f->municipality);
	bind_text_or_null(st, 6, f->municipality_name);
	bind_text_or_null(st, 7, f->region);
	sqlite3_bind_int(st, 8, f->referrer);
	if (kr_date_valid(f->opened))
		sqlite3_bind_int64(st, 9, kr_date_first(f->opened));
	if (kr_date_valid(f->closed))
		sqlite3_bind_int64(st, 10, kr_date_last(f->closed));
	sqlite3_bind_int(st, 11, f->closed_reason);
	sqlite3_bind_blob(st, 12, w.p, (int)w.n, SQLITE_STATIC);
	bind_day_facts(st, 13, f);
	rc = kri_stmt_run(s, st, err);
out:
	free(w.p);
	return rc;
}

static enum kr_status update_day(struct kr_store *s, int64_t case_id, long rev,
                                 const struct kri_facts *f, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = kri_stmt(s, SQL_DAY, &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, rev);
	bind_day_facts(st, 3, f);
	return kri_stmt_run(s, st, err);
}

static void column_text(sqlite3_stmt *st, int col, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(out, n, "%s", t ? (const char *)t : "");
}

/* Reads the facts columns starting at column `at` into f.  false when the
 * row is of another layout or damaged. */
static bool read_row(sqlite3_stmt *st, int at, struct kri_facts *f)
{
	const unsigned char *top;

	kri_facts_reset(f);
	if (sqlite3_column_int(st, at) != KRI_FACTS_VERSION)
		return false;
	f->recorded = (long)sqlite3_column_int64(st, at + 1);
	column_text(st, at + 2, f->municipality, sizeof f->municipality);
	column_text(st, at + 3, f->municipality_name, sizeof f->municipality_name);
	column_text(st, at + 4, f->region, sizeof f->region);
	f->referrer = sqlite3_column_int(st, at + 5);
	if (sqlite3_column_type(st, at + 6) != SQLITE_NULL)
		f->opened = kr_date_from_days((long)sqlite3_column_int64(st, at + 6));
	if (sqlite3_column_type(st, at + 7) != SQLITE_NULL)
		f->closed = kr_date_from_days((long)sqlite3_column_int64(st, at + 7));
	f->closed_reason = sqlite3_column_int(st, at + 8);
	if (!decode(f, sqlite3_column_blob(st, at + 9), (size_t)sqlite3_column_bytes(st, at + 9)))
		return false;
	f->day = (long)sqlite3_column_int64(st, at + 10);
	f->sig = sqlite3_column_int64(st, at + 11);
	f->counts[KR_LEVEL_ALERT] = (size_t)sqlite3_column_int64(st, at + 12);
	f->counts[KR_LEVEL_WARNING] = (size_t)sqlite3_column_int64(st, at + 13);
	f->counts[KR_LEVEL_INFO] = (size_t)sqlite3_column_int64(st, at + 14);
	top = sqlite3_column_text(st, at + 15);
	snprintf(f->top, sizeof f->top, "%s", top ? (const char *)top : "");
	f->top_level = sqlite3_column_int(st, at + 16);
	f->fired = (uint64_t)sqlite3_column_int64(st, at + 17);
	f->missing = (uint64_t)sqlite3_column_int64(st, at + 18);
	return true;
}

/* The facts of revision rev of case_id into f: KR_OK, or KR_ENOTFOUND when
 * there is no usable row. */
static enum kr_status load_row(struct kr_store *s, int64_t case_id, long rev,
                               struct kri_facts *f, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = kri_stmt(s, SQL_ONE, &st, err);
	int step;

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, rev);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		rc = read_row(st, 0, f) ? KR_OK : KR_ENOTFOUND;
	else if (step == SQLITE_DONE)
		rc = KR_ENOTFOUND;
	else
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
	sqlite3_reset(st);
	return rc;
}

/* ---- computing rows ------------------------------------------------------------------ */

/* The facts of revision rev (document c, stored on day recorded) after
 * prev (NULL: the first), into f, with day facts for `day` when day >= 0,
 * written to the store. */
static enum kr_status compute_row(struct kr_store *s, int64_t case_id, long rev,
                                  const struct kr_case *c, long recorded,
                                  const struct kri_facts *prev, long day,
                                  const struct kr_settings *set, struct kri_facts *f,
                                  struct kr_error *err)
{
	enum kr_status rc;

	if (!kri_facts_from_case(f, c, recorded))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	if (prev)
		carry(f, prev);
	if (f->nomem)
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	if (day >= 0 && (rc = day_facts(f, s, c, rev, day, set, kri_facts_sig(set), -1, err)))
		return rc;
	if ((rc = insert_row(s, case_id, rev, f, err)))
		return rc;
	/* the case itself in its binary form, when it came from a document */
	return kr_case_doc(c) ? kri_store_model_put(s, case_id, rev, c, err) : KR_OK;
}

/* Rebuilds the facts of revisions 1..upto of case (case_id, ref) from the
 * documents, leaving those of `upto` in *last; the latest gets day facts
 * for `day` when day >= 0 (the others none). */
static enum kr_status rebuild_chain(struct kr_store *s, int64_t case_id, const char *ref,
                                    long upto, long day, const struct kr_settings *set,
                                    struct kri_facts *last, struct kr_error *err)
{
	struct kr_revision_info *hist = NULL;
	struct kri_facts a, b, *prev = &a, *cur = &b, *t;
	struct kr_case *c = NULL;
	size_t n = 0;
	enum kr_status rc;
	bool have_prev = false;

	kri_facts_init(&a);
	kri_facts_init(&b);
	if ((rc = kr_store_history(s, ref, &hist, &n, err)))
		goto out;
	for (size_t i = 0; i < n && hist[i].rev <= upto; i++) {
		if ((rc = kr_store_get(s, ref, hist[i].rev, &c, err)))
			goto out;
		rc = compute_row(s, case_id, hist[i].rev, c, day_of_stamp(hist[i].created),
		                 have_prev ? prev : NULL, hist[i].rev == upto ? day : -1, set, cur,
		                 err);
		kr_case_free(c);
		c = NULL;
		if (rc)
			goto out;
		t = prev;
		prev = cur;
		cur = t;
		have_prev = true;
	}
	if (last && have_prev) {
		/* hand the latest over: swap the structs, arrays and all */
		struct kri_facts keep = *last;
		*last = *prev;
		*prev = keep;
	}
out:
	kr_case_free(c);
	free(hist);
	kri_facts_cleanup(&a);
	kri_facts_cleanup(&b);
	return rc;
}

enum kr_status kri_facts_write(struct kr_store *s, int64_t case_id, long rev,
                               const struct kr_case *c, const char *now,
                               struct kr_error *err)
{
	struct kri_facts prev, f;
	struct kr_settings set;
	enum kr_status rc = KR_OK;
	long recorded = day_of_stamp(now);
	bool have_prev = false;

	kri_facts_init(&prev);
	kri_facts_init(&f);
	if ((rc = kr_settings_load(s, &set, err)))
		goto out;
	if (rev > 1) {
		rc = load_row(s, case_id, rev - 1, &prev, err);
		if (rc == KR_ENOTFOUND)
			rc = rebuild_chain(s, case_id, c->ref, rev - 1, -1, &set, &prev, err);
		if (rc)
			goto out;
		have_prev = true;
	}
	rc = compute_row(s, case_id, rev, c, recorded, have_prev ? &prev : NULL, recorded, &set,
	                 &f, err);
out:
	kri_facts_cleanup(&prev);
	kri_facts_cleanup(&f);
	return rc;
}

/* ---- the small model as a case ----------------------------------------------------------- */

#define MPUSH(m, arr) grow((void **)&(m)->arr, &(m)->n##arr, &(m)->cap_##arr, \
                           sizeof *(m)->arr, &nomem)

bool kri_facts_case(const struct kri_facts *f, struct kri_mini *m)
{
	bool nomem = false;

	m->npersons = m->nplacements = m->ncarers = m->nevents = 0;
	for (int i = 0; i <= f->ncarer_ids; i++)
		if (!MPUSH(m, persons))
			return false;
	m->persons[0].born = f->born;
	m->persons[0].roles = KR_ROLE_BIT(KR_ROLE_CHILD);
	for (size_t i = 0; i < f->ncarers; i++) {
		int *c = MPUSH(m, carers);
		if (!c)
			return false;
		*c = f->carers[i];
	}
	for (size_t i = 0; i < f->nplacements; i++) {
		const struct kri_fplacement *q = &f->placements[i];
		struct kr_placement *p = MPUSH(m, placements);
		if (!p)
			return false;
		p->form = (enum kr_form)q->form;
		p->variant = (enum kr_variant)q->variant;
		p->network = q->network;
		p->start = q->start;
		p->end = q->end;
		p->end_reason = (enum kr_end_reason)q->end_reason;
		p->ncarers = q->ncarers;
	}
	/* pointers only once the arrays stopped moving */
	for (size_t i = 0; i < f->nplacements; i++)
		m->placements[i].carers = m->ncarers ? m->carers + f->placements[i].carers_at : NULL;
	for (size_t i = 0; i < f->nbreakdowns; i++) {
		struct kr_event *e = MPUSH(m, events);
		if (!e)
			return false;
		e->date = f->breakdowns[i].date;
		e->type = KR_EV_BREAKDOWN;
		e->person = -1;
		e->placement = f->breakdowns[i].placement;
	}
	memset(&m->c, 0, sizeof m->c);
	m->c.ref = "";
	m->c.child = 0;
	m->c.perspective_date = f->perspective;
	m->c.opened = f->opened;
	m->c.closed = f->closed;
	m->c.persons = m->persons;
	m->c.npersons = m->npersons;
	m->c.placements = m->placements;
	m->c.nplacements = m->nplacements;
	m->c.events = m->events;
	m->c.nevents = m->nevents;
	m->c.plan.present = f->plan;
	m->c.plan.adopted = f->adopted;
	m->c.plan.reviewed = f->reviewed;
	return true;
}

void kri_mini_cleanup(struct kri_mini *m)
{
	if (!m)
		return;
	free(m->persons);
	free(m->placements);
	free(m->carers);
	free(m->events);
	memset(m, 0, sizeof *m);
}

/* ---- walking the latest revisions ----------------------------------------------------------- */

/* A latest revision whose row is not usable for the day asked for. */
struct stale {
	char *ref;
	int64_t case_id;
	long rev;
	bool rebuild;              /* no row, or another layout: rebuilt from the documents */
	bool done;                 /* its day facts are in f */
	bool kept;                 /* ... read from day_signals */
	bool in_plan;              /* in a family plan (kr_fplan_case_refs) */
	struct kri_facts f;        /* only the day facts are used */
};

struct refresh {
	struct kr_store *s;
	struct stale *v;
	size_t n;
	long day;
	const struct kr_settings *set;
	int64_t sig;            /* kri_facts_sig(set) */
	struct kr_error *err;
	enum kr_status rc;
};

static int by_ref(const void *a, const void *b)
{
	return strcmp(((const struct stale *)a)->ref, ((const struct stale *)b)->ref);
}

static void free_stale(struct stale *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].ref);
		kri_facts_cleanup(&v[i].f);
	}
	free(v);
}

/* The day facts of one stale latest revision (document or model c, its
 * history read through s), kept in x (refresh() writes them back when it
 * persists). */
static enum kr_status refresh_one(struct refresh *r, struct kr_store *s, struct stale *x,
                                  const struct kr_case *c, struct kr_error *err)
{
	enum kr_status rc = day_facts(&x->f, s, c, x->rev, r->day, r->set, r->sig, x->in_plan,
	                              err);
	x->done = rc == KR_OK;
	return rc;
}

static int refresh_each(const struct kr_case *c, long rev, void *arg)
{
	struct refresh *r = arg;
	struct stale key, *x;

	key.ref = (char *)c->ref;
	x = bsearch(&key, r->v, r->n, sizeof *r->v, by_ref);
	if (!x || x->rebuild || x->done || x->rev != rev)
		return 0;
	return (r->rc = refresh_one(r, r->s, x, c, r->err)) != KR_OK;
}

/* The day facts of the stale latest revisions i = from, from + step, ...
 * of r (not those to be rebuilt), computed from their binary models (or
 * documents) read through store s, kept in r->v[i].f. */
static enum kr_status refresh_range(struct refresh *r, struct kr_store *s, size_t from,
                                    size_t step, struct kr_error *err)
{
	enum kr_status rc = KR_OK;

	for (size_t i = from; i < r->n && !rc; i += step) {
		struct stale *x = &r->v[i];
		struct kr_case *c = NULL;
		if (x->rebuild || x->done)
			continue;
		if ((rc = kri_store_get_model(s, x->ref, x->rev, &c, err)) == KR_OK)
			rc = refresh_one(r, s, x, c, err);
		kr_case_free(c);
	}
	return rc;
}

#define REFRESH_MAX_THREADS 8

struct refresh_worker {
	struct refresh *r;
	const char *path;
	size_t from, step;
	pthread_t thread;
	bool started, opened;
	enum kr_status rc;
	struct kr_error err;
};

/* A worker reads through a connection of its own to the same file. */
static void *refresh_worker(void *arg)
{
	struct refresh_worker *w = arg;
	struct kr_store *s = NULL;

	if (kr_store_open(w->path, &s, &w->err) == KR_OK) {
		w->opened = true;
		w->rc = refresh_range(w->r, s, w->from, w->step, &w->err);
	}
	kr_store_close(s);
	return NULL;
}

/*
 * The day facts of every stale latest revision of r, from the binary
 * models: the rules take ~60 % of the time once nothing is parsed, so the
 * cases are dealt out over the configured threads (kr_config.threads, 0:
 * one per core), each with its own connection, which a WAL database
 * serves side by side.  A database in memory has no file to open again
 * and is read on this thread, as is everything when one thread is set,
 * and the share of a thread that cannot start or cannot open the file.
 * Nothing is written here (see refresh()).
 */
static enum kr_status refresh_models(struct refresh *r)
{
	struct refresh_worker w[REFRESH_MAX_THREADS];
	const char *path = sqlite3_db_filename(kri_store_db(r->s), "main");
	long n = kr_config_get()->threads;
	size_t nw;
	enum kr_status rc = KR_OK;

	if (n == 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	nw = n < 1 ? 1 : n > REFRESH_MAX_THREADS ? REFRESH_MAX_THREADS : (size_t)n;
	if (nw > r->n / 64 + 1)
		nw = r->n / 64 + 1;
	if (nw < 2 || !path || !*path)
		return refresh_range(r, r->s, 0, 1, r->err);
	memset(w, 0, sizeof w);
	for (size_t i = 0; i < nw; i++) {
		w[i].r = r;
		w[i].path = path;
		w[i].from = i;
		w[i].step = nw;
		kr_error_init_lang(&w[i].err, r->err ? r->err->lang : kr_config_get()->lang);
		w[i].started = pthread_create(&w[i].thread, NULL, refresh_worker, &w[i]) == 0;
	}
	for (size_t i = 0; i < nw; i++) {
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
		if (!w[i].started || !w[i].opened) {
			/* no thread, or it could not open the file: its share on this one */
			kr_error_cleanup(&w[i].err);
			kr_error_init_lang(&w[i].err, r->err ? r->err->lang : kr_config_get()->lang);
			w[i].rc = refresh_range(r, r->s, w[i].from, w[i].step, &w[i].err);
		}
		if (w[i].rc && !rc) {
			rc = w[i].rc;
			if (r->err) {
				kr_error_say(r->err, rc, "%s", "%s", w[i].err.message);
				for (size_t k = 0; k < w[i].err.ndetails; k++)
					kr_error_add(r->err, NULL, "%s", "%s", w[i].err.details[k]);
			}
		}
		kr_error_cleanup(&w[i].err);
	}
	return rc;
}

/* Marks the stale entries v[0..n) (sorted by ref) that are in a family
 * plan, from one query: the others are judged without looking their plans
 * up (day_facts). */
static enum kr_status mark_in_plan(struct kr_store *s, struct stale *v, size_t n,
                                   struct kr_error *err)
{
	char **refs = NULL;
	size_t nrefs = 0;
	enum kr_status rc = kr_fplan_case_refs(s, &refs, &nrefs, err);

	for (size_t i = 0, k = 0; rc == KR_OK && i < n; i++) {
		int cmp = 1;
		while (k < nrefs && (cmp = strcmp(refs[k], v[i].ref)) < 0)
			k++;
		v[i].in_plan = k < nrefs && cmp == 0;
	}
	kr_assignment_list_free(refs, nrefs);
	return rc;
}

/* The one number statement st (bound) answers, into *out. */
static enum kr_status one_number(struct kr_store *s, sqlite3_stmt *st, int64_t *out,
                                 struct kr_error *err)
{
	enum kr_status rc = KR_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
	sqlite3_reset(st);
	return rc;
}

/* How many latest revisions have their binary model stored (schema 10). */
static enum kr_status count_models(struct kr_store *s, size_t *n, struct kr_error *err)
{
	sqlite3_stmt *st;
	int64_t k = 0;
	enum kr_status rc = kri_stmt(s, "SELECT count(*) FROM cases c JOIN models m "
	                                "ON m.case_id = c.id AND m.rev = c.head", &st, err);
	if (rc == KR_OK)
		rc = one_number(s, st, &k, err);
	*n = (size_t)k;
	return rc;
}

/* Where refresh() writes the day facts it computed: nowhere (a walk for a
 * report or signals --all), into the facts rows (kring reindex --signals
 * for its day), or into day_signals (the monitor's earlier quarter ends). */
enum keep { KEEP_NONE, KEEP_FACTS, KEEP_DAY };

static const char SQL_DAY_GET[] =
	"SELECT c.ref, d.rev, d.sig, d.alerts, d.warnings, d.infos, d.top, d.top_level, d.fired, "
	"d.missing FROM day_signals d JOIN cases c ON c.id = d.case_id WHERE d.day = ?1";
static const char SQL_DAY_PUT[] =
	"INSERT OR REPLACE INTO day_signals(case_id, rev, day, sig, alerts, warnings, infos, top, "
	"top_level, fired, missing) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/* The day facts of day under signature sig kept in day_signals, into the
 * stale entries v[0..n) (sorted by ref) whose revision they are for: those
 * are done and kept.  Returns how many.  A failing read is only a miss
 * (the facts are computed instead). */
static size_t kept_days(struct kr_store *s, struct stale *v, size_t n, long day, int64_t sig)
{
	sqlite3_stmt *st = kri_store_stmt(s, SQL_DAY_GET);
	const unsigned char *top;
	size_t k = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, day);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct stale key, *x;
		key.ref = (char *)sqlite3_column_text(st, 0);
		if (!key.ref || sqlite3_column_int64(st, 2) != sig ||
		    !(x = bsearch(&key, v, n, sizeof *v, by_ref)) || x->rebuild || x->done ||
		    sqlite3_column_int64(st, 1) != x->rev)
			continue;
		x->f.day = day;
		x->f.sig = sig;
		x->f.counts[KR_LEVEL_ALERT] = (size_t)sqlite3_column_int64(st, 3);
		x->f.counts[KR_LEVEL_WARNING] = (size_t)sqlite3_column_int64(st, 4);
		x->f.counts[KR_LEVEL_INFO] = (size_t)sqlite3_column_int64(st, 5);
		top = sqlite3_column_text(st, 6);
		snprintf(x->f.top, sizeof x->f.top, "%s", top ? (const char *)top : "");
		x->f.top_level = sqlite3_column_int(st, 7);
		x->f.fired = (uint64_t)sqlite3_column_int64(st, 8);
		x->f.missing = (uint64_t)sqlite3_column_int64(st, 9);
		x->done = x->kept = true;
		k++;
	}
	sqlite3_reset(st);
	return k;
}

static enum kr_status keep_day(struct kr_store *s, const struct stale *x,
                               struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = kri_stmt(s, SQL_DAY_PUT, &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, x->case_id);
	sqlite3_bind_int64(st, 2, x->rev);
	bind_day_facts(st, 3, &x->f);
	return kri_stmt_run(s, st, err);
}

/*
 * Brings the day facts of every latest revision to day and set: rows that
 * are missing or of another layout are rebuilt from the documents and
 * stored (a database from before the facts, or an upgrade); the day facts
 * of the others are computed from their documents - kept in *out for the
 * walk, and written back only when persist (kring reindex --signals), so
 * that reading the figures never changes the database.  *out is sorted by
 * ref; free it with free_stale().
 */
static enum kr_status refresh(struct kr_store *s, long day, const struct kr_settings *set,
                              enum keep persist, struct stale **out, size_t *nout,
                              struct kr_error *err)
{
	struct refresh r;
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	size_t cap = 0, ncases = 0, nday = 0, nrebuild = 0, nmodels = 0;
	int64_t sig = kri_facts_sig(set);
	enum kr_status rc;
	bool many;
	int step;

	memset(&r, 0, sizeof r);
	r.s = s;
	r.day = day;
	r.set = set;
	r.sig = sig;
	r.err = err;
	*out = NULL;
	*nout = 0;
	if ((rc = kri_stmt(s, SQL_HEADS, &st, err)))
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		bool missing = sqlite3_column_type(st, 3) == SQLITE_NULL ||
		               sqlite3_column_int(st, 3) != KRI_FACTS_VERSION;
		ncases++;
		if (!missing && sqlite3_column_int64(st, 4) == day &&
		    sqlite3_column_int64(st, 5) == sig)
			continue;
		if (r.n == cap) {
			struct stale *g;
			cap = cap ? cap * 2 : 64;
			if (!(g = realloc(r.v, cap * sizeof *g))) {
				rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
				break;
			}
			r.v = g;
		}
		memset(&r.v[r.n], 0, sizeof r.v[r.n]);
		kri_facts_init(&r.v[r.n].f);
		r.v[r.n].ref = strdup((const char *)sqlite3_column_text(st, 1));
		r.v[r.n].case_id = sqlite3_column_int64(st, 0);
		r.v[r.n].rev = (long)sqlite3_column_int64(st, 2);
		r.v[r.n].rebuild = missing;
		r.n++;
		if (!r.v[r.n - 1].ref) {
			rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
			break;
		}
		nday += !missing;
		nrebuild += missing;
	}
	if (!rc && step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
	sqlite3_reset(st);
	if (rc || r.n == 0)
		goto out;
	/* the days the monitor looks back on may be kept (kr_facts_keep_days) */
	qsort(r.v, r.n, sizeof *r.v, by_ref);
	if ((rc = mark_in_plan(s, r.v, r.n, err)))
		goto out;
	if (nday)
		nday -= kept_days(s, r.v, r.n, day, sig);
	if ((nrebuild || persist) && (rc = kri_tx_begin(s, &tx, err)))
		goto out;
	for (size_t i = 0; i < r.n && !rc; i++)
		if (r.v[i].rebuild)
			rc = rebuild_chain(s, r.v[i].case_id, r.v[i].ref, r.v[i].rev, day, set, NULL,
			                   err);
	if (rc || nday == 0)
		goto out;
	many = nday * 8 > ncases && nday > 64;
	if (many && (rc = count_models(s, &nmodels, err)))
		goto out;
	if (many && nmodels * 2 < nday) {
		/* many, and most without a binary model (a database from before
		 * schema 10 not yet reindexed): parse the documents on all cores */
		if ((rc = kr_store_each(s, refresh_each, &r, err)) == KR_OK)
			rc = r.rc;
	} else {
		rc = refresh_models(&r);
	}
	for (size_t i = 0; i < r.n && !rc && persist; i++)
		if (r.v[i].done)
			rc = persist == KEEP_FACTS ? update_day(s, r.v[i].case_id, r.v[i].rev,
			                                         &r.v[i].f, err)
			     : r.v[i].kept ? KR_OK : keep_day(s, &r.v[i], err);
out:
	rc = kri_tx_end(&tx, rc, err);
	if (rc) {
		free_stale(r.v, r.n);
		return rc;
	}
	*out = r.v;
	*nout = r.n;
	return KR_OK;
}

enum kr_status kri_facts_walk(struct kr_store *s, long day, const struct kr_settings *set,
                              int (*fn)(const struct kri_facts_row *row, void *arg),
                              void *arg, struct kr_error *err)
{
	struct kri_facts f;
	struct stale *v = NULL;
	size_t nv = 0, at = 0;
	sqlite3_stmt *st = NULL;
	enum kr_status rc;
	int64_t sig = kri_facts_sig(set);
	int step;

	kri_facts_init(&f);
	if ((rc = refresh(s, day, set, KEEP_NONE, &v, &nv, err)))
		goto out;
	/* A statement of its own: fn and the stragglers below use the cache. */
	if (sqlite3_prepare_v2(kri_store_db(s), SQL_ALL, -1, &st, NULL) != SQLITE_OK) {
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kri_facts_row row;
		row.ref = (const char *)sqlite3_column_text(st, 0);
		row.rev = (long)sqlite3_column_int64(st, 1);
		row.child = (const char *)sqlite3_column_text(st, 2);
		row.f = &f;
		if (!read_row(st, 4, &f)) {
			rc = kr_error_say(err, KR_EDB, "de feiten van dossier %s zijn beschadigd; "
			                  "draai kring reindex", "the facts of case %s are damaged; "
			                  "run kring reindex", row.ref);
			goto out;
		}
		/* the day facts computed for this walk (both lists are in ref order) */
		while (at < nv && strcmp(v[at].ref, row.ref) < 0)
			at++;
		if (at < nv && v[at].done && v[at].rev == row.rev && !strcmp(v[at].ref, row.ref)) {
			const struct kri_facts *d = &v[at].f;
			f.day = d->day;
			f.sig = d->sig;
			memcpy(f.counts, d->counts, sizeof f.counts);
			memcpy(f.top, d->top, sizeof f.top);
			f.top_level = d->top_level;
			f.fired = d->fired;
			f.missing = d->missing;
		}
		if (f.day != day || f.sig != sig) {
			/* stored while this walk went on: computed here */
			struct kr_case *c = NULL;
			if ((rc = kri_store_get_model(s, row.ref, row.rev, &c, err)) == KR_OK)
				rc = day_facts(&f, s, c, row.rev, day, set, sig, -1, err);
			kr_case_free(c);
			if (rc)
				goto out;
		}
		if (fn(&row, arg))
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
out:
	sqlite3_finalize(st);
	free_stale(v, nv);
	kri_facts_cleanup(&f);
	return rc;
}

/* ---- the public side (facts.h) --------------------------------------------------------------- */

struct rebuild {
	struct kr_store *s;
	long day;
	const struct kr_settings *set;
	struct kri_facts f;
	size_t ncases, nrevisions;
	struct kr_error *err;
	enum kr_status rc;
};

static enum kr_status case_id_of(struct kr_store *s, const char *ref, int64_t *id,
                                 struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = kri_stmt(s, "SELECT id FROM cases WHERE ref = ?1", &st, err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	return one_number(s, st, id, err);
}

static int rebuild_each(const struct kr_case *c, long rev, void *arg)
{
	struct rebuild *b = arg;
	struct kri_facts prev;
	struct kr_revision_info *hist = NULL;
	size_t n = 0;
	int64_t id = 0;

	kri_facts_init(&prev);
	if ((b->rc = case_id_of(b->s, c->ref, &id, b->err)) ||
	    (b->rc = kr_store_history(b->s, c->ref, &hist, &n, b->err)))
		goto out;
	if (rev > 1 && (b->rc = rebuild_chain(b->s, id, c->ref, rev - 1, -1, b->set, &prev,
	                                      b->err)))
		goto out;
	b->rc = compute_row(b->s, id, rev, c, n ? day_of_stamp(hist[n - 1].created) : b->day,
	                    rev > 1 ? &prev : NULL, b->day, b->set, &b->f, b->err);
	b->ncases++;
	b->nrevisions += (size_t)rev;
out:
	free(hist);
	kri_facts_cleanup(&prev);
	return b->rc != KR_OK;
}

enum kr_status kr_facts_rebuild(struct kr_store *s, long day, const struct kr_settings *set,
                                size_t *ncases, size_t *nrevisions, struct kr_error *err)
{
	struct rebuild b;
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	enum kr_status rc;

	memset(&b, 0, sizeof b);
	b.s = s;
	b.day = day;
	b.set = set;
	b.err = err;
	kri_facts_init(&b.f);
	if ((rc = kri_tx_begin(s, &tx, err)) ||
	    (rc = kri_stmt(s, "DELETE FROM facts", &st, err)) ||
	    (rc = kri_stmt_run(s, st, err)) ||
	    (rc = kri_stmt(s, "DELETE FROM models", &st, err)) ||
	    (rc = kri_stmt_run(s, st, err)) ||
	    (rc = kri_stmt(s, "DELETE FROM day_signals", &st, err)) ||
	    (rc = kri_stmt_run(s, st, err)))
		goto out;
	if ((rc = kr_store_each(s, rebuild_each, &b, err)) == KR_OK)
		rc = b.rc;
out:
	rc = kri_tx_end(&tx, rc, err);
	kri_facts_cleanup(&b.f);
	if (ncases)
		*ncases = rc ? 0 : b.ncases;
	if (nrevisions)
		*nrevisions = rc ? 0 : b.nrevisions;
	return rc;
}

enum kr_status kr_facts_refresh(struct kr_store *s, long day, const struct kr_settings *set,
                                size_t *nrefreshed, struct kr_error *err)
{
	struct stale *v = NULL;
	size_t n = 0;
	enum kr_status rc = refresh(s, day, set, KEEP_FACTS, &v, &n, err);
	if (nrefreshed)
		*nrefreshed = rc ? 0 : n;
	free_stale(v, n);
	return rc;
}

enum kr_status kri_facts_kept(struct kr_store *s, const long *days, size_t ndays,
                              const struct kr_settings *set,
                              int (*fn)(const struct kri_facts_row *row, size_t slot, void *arg),
                              void *arg, bool *all, struct kr_error *err)
{
	struct kri_facts f;
	sqlite3_stmt *st;
	size_t have[16] = { 0 };
	int64_t ncases = 0, sig = kri_facts_sig(set);
	enum kr_status rc;
	int step;

	*all = false;
	if (ndays > sizeof have / sizeof *have)
		return KR_OK;
	if ((rc = kri_stmt(s, "SELECT count(*) FROM cases", &st, err)) ||
	    (rc = one_number(s, st, &ncases, err)))
		return rc;
	/* all of them there? (else the caller walks, which judges what is not) */
	if ((rc = kri_stmt(s, "SELECT d.day, count(*) FROM day_signals d JOIN cases c ON "
	                   "c.id = d.case_id AND c.head = d.rev WHERE d.sig = ?1 GROUP BY d.day",
	                   &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, sig);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		for (size_t i = 0; i < ndays; i++)
			if (days[i] == sqlite3_column_int64(st, 0))
				have[i] = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                      "Reading from the database failed");
	for (size_t i = 0; i < ndays; i++)
		if (have[i] != (size_t)ncases)
			return KR_OK;
	if ((rc = kri_stmt(s, "SELECT c.ref, c.head, d.day, d.alerts, d.warnings, d.infos, d.top, "
	                   "d.top_level, d.fired, d.missing FROM cases c JOIN day_signals d ON "
	                   "d.case_id = c.id AND d.rev = c.head WHERE d.sig = ?1 "
	                   "ORDER BY c.ref, d.day", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, sig);
	kri_facts_init(&f);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kri_facts_row row;
		const unsigned char *top;
		long day = (long)sqlite3_column_int64(st, 2);
		size_t slot = ndays;
		for (size_t i = 0; i < ndays; i++)
			if (days[i] == day)
				slot = i;
		if (slot == ndays)
			continue;
		row.ref = (const char *)sqlite3_column_text(st, 0);
		row.rev = (long)sqlite3_column_int64(st, 1);
		row.child = NULL;
		row.f = &f;
		f.day = day;
		f.sig = sig;
		f.counts[KR_LEVEL_ALERT] = (size_t)sqlite3_column_int64(st, 3);
		f.counts[KR_LEVEL_WARNING] = (size_t)sqlite3_column_int64(st, 4);
		f.counts[KR_LEVEL_INFO] = (size_t)sqlite3_column_int64(st, 5);
		top = sqlite3_column_text(st, 6);
		snprintf(f.top, sizeof f.top, "%s", top ? (const char *)top : "");
		f.top_level = sqlite3_column_int(st, 7);
		f.fired = (uint64_t)sqlite3_column_int64(st, 8);
		f.missing = (uint64_t)sqlite3_column_int64(st, 9);
		if (!row.ref || fn(&row, slot, arg))
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
	sqlite3_reset(st);
	kri_facts_cleanup(&f);
	*all = rc == KR_OK;
	return rc;
}

enum kr_status kr_facts_keep_days(struct kr_store *s, const long *days, size_t ndays,
                                  const struct kr_settings *set, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st = NULL;
	enum kr_status rc = KR_OK;
	struct kr_buf b;

	/* the rows of other days go: they were for another day's monitor */
	kr_buf_init(&b, 1u << 16);
	kr_buf_puts(&b, "DELETE FROM day_signals WHERE day NOT IN (-1");
	for (size_t i = 0; i < ndays; i++)
		kr_buf_printf(&b, ", %ld", days[i]);
	if (kr_buf_puts(&b, ")")) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto out;
	}
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if (sqlite3_prepare_v2(kri_store_db(s), b.data, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = kri_store_fail(s, err, "Schrijven in de database lukt niet",
		                    "Writing to the database failed");
		goto out;
	}
	for (size_t i = 0; i < ndays && !rc; i++) {
		struct stale *v = NULL;
		size_t n = 0;
		rc = refresh(s, days[i], set, KEEP_DAY, &v, &n, err);
		free_stale(v, n);
	}
out:
	sqlite3_finalize(st);
	rc = kri_tx_end(&tx, rc, err);
	kr_buf_cleanup(&b);
	return rc;
}

struct signals_walk {
	int (*fn)(const struct kr_facts_signals *row, void *arg);
	void *arg;
};

static int signals_each(const struct kri_facts_row *row, void *arg)
{
	struct signals_walk *w = arg;
	struct kr_facts_signals out;

	out.ref = row->ref;
	out.rev = row->rev;
	out.alert = row->f->counts[KR_LEVEL_ALERT];
	out.warning = row->f->counts[KR_LEVEL_WARNING];
	out.info = row->f->counts[KR_LEVEL_INFO];
	out.top = row->f->top[0] ? row->f->top : NULL;
	return w->fn(&out, w->arg);
}

enum kr_status kr_facts_signals(struct kr_store *s, long day, const struct kr_settings *set,
                                int (*fn)(const struct kr_facts_signals *row, void *arg),
                                void *arg, struct kr_error *err)
{
	struct signals_walk w = { fn, arg };
	return kri_facts_walk(s, day, set, signals_each, &w, err);
}
