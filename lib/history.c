/*
 * history.c - earlier states of a case (history.h), from the store or from
 * memory.  The store-backed history asks the store which revision was
 * current on a day (the case's revision days, read once with one cached
 * statement that does not touch the documents), answers with
 * the latest case itself when that is the one, and otherwise reads the
 * revision once - from its binary model (kri_store_get_model), or its
 * document where it has none - and keeps it (a handful at most) until it
 * is freed.  kr_history_each() walks the states of a window of days in
 * time order, reading only the revisions current in that window, one at a
 * time (each freed after its call unless kr_history_at() keeps it).
 */
#include <stdlib.h>
#include <string.h>

#include "history_int.h"
#include "kring/family_plan.h"
#include "kring/history.h"
#include "kring/store.h"
#include "store_int.h"

#define KEEP 8

struct state {
	const struct kr_case *c;   /* borrowed (memory) or owned (store, when `own`) */
	long key;                  /* memory: day recorded; store: revision number */
	bool own;
};

struct kr_history {
	struct kr_store *s;        /* NULL: a history in memory */
	char *ref;
	long latest_rev;
	const struct kr_case *latest;
	long *revs, *days;         /* the store's revisions and their days, read once */
	size_t nrevs;
	bool listed, failed;
	struct state *v;
	size_t n, cap;
	/* the latest state as judged (history_int.h): plan -1 not asked yet,
	 * 0 in no family plan, 1 judged holds its family's meetings */
	int plan;
	struct kr_case_judged judged;
};

static enum kr_status push(struct kr_history *h, const struct kr_case *c, long key, bool own)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 4;
		struct state *v = realloc(h->v, cap * sizeof *v);
		if (!v)
			return KR_ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n++] = (struct state){ c, key, own };
	return KR_OK;
}

struct kr_history *kr_history_new(void)
{
	return calloc(1, sizeof(struct kr_history));
}

enum kr_status kr_history_open(struct kr_store *s, const char *ref, long latest_rev,
                               const struct kr_case *latest, struct kr_history **out,
                               struct kr_error *err)
{
	struct kr_history *h = kr_history_new();

	*out = NULL;
	if (!h || !(h->ref = strdup(ref))) {
		free(h);
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	}
	h->s = s;
	h->plan = -1;
	h->latest_rev = latest_rev;
	h->latest = latest;
	*out = h;
	return KR_OK;
}

enum kr_status kr_history_add(struct kr_history *h, const struct kr_case *c, long recorded)
{
	return push(h, c, recorded, false);
}

/* Lists the store's revisions once; false when they cannot be read. */
static bool listed(struct kr_history *h)
{
	if (!h->listed) {
		h->listed = true;
		h->failed = kri_store_revision_days(h->s, h->ref, &h->revs, &h->days,
		                                    &h->nrevs) != KR_OK;
	}
	return !h->failed;
}

const struct kr_case *kr_history_at(struct kr_history *h, long day)
{
	const struct kr_case *best = NULL;
	struct kr_case *c = NULL;
	long rev = 0, best_day = 0;

	if (!h)
		return NULL;
	if (!h->s) {
		for (size_t i = 0; i < h->n; i++)
			if (h->v[i].key <= day && (!best || h->v[i].key >= best_day)) {
				best = h->v[i].c;
				best_day = h->v[i].key;
			}
		return best;
	}
	if (!listed(h))
		return NULL;
	for (size_t i = 0; i < h->nrevs && h->days[i] <= day; i++)
		rev = h->revs[i];
	if (rev == 0)
		return NULL;
	if (rev == h->latest_rev)
		return h->latest;
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].key == rev)
			return h->v[i].c;
	if (h->n >= KEEP || kri_store_get_model(h->s, h->ref, rev, &c, NULL) != KR_OK)
		return NULL;
	if (push(h, c, rev, true) != KR_OK) {
		kr_case_free(c);
		return NULL;
	}
	return c;
}

bool kr_history_recorded_by(struct kr_history *h, long day)
{
	if (!h)
		return false;
	if (!h->s) {
		for (size_t i = 0; i < h->n; i++)
			if (h->v[i].key <= day)
				return true;
		return false;
	}
	return listed(h) && h->nrevs && h->days[0] <= day;
}

/* Revision rev of the store-backed history h: the latest case, a kept
 * one, or read now (*owned set when the caller must free it). */
static const struct kr_case *revision(struct kr_history *h, long rev, bool *owned)
{
	struct kr_case *c = NULL;

	*owned = false;
	if (rev == h->latest_rev)
		return h->latest;
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].key == rev)
			return h->v[i].c;
	if (kri_store_get_model(h->s, h->ref, rev, &c, NULL) != KR_OK)
		return NULL;
	*owned = true;   /* not kept: a long window must not fill memory */
	return c;
}

/* The order of a history in memory: day recorded, then order added. */
static int by_key(const void *pa, const void *pb)
{
	const struct state *const *a = pa, *const *b = pb;
	if ((*a)->key != (*b)->key)
		return (*a)->key < (*b)->key ? -1 : 1;
	return *a < *b ? -1 : *a > *b;
}

size_t kr_history_each(struct kr_history *h, long from, long to,
                       bool (*fn)(const struct kr_case *c, long day, void *arg), void *arg)
{
	size_t calls = 0;

	if (!h || from > to)
		return 0;
	if (!h->s) {
		const struct state **v = malloc((h->n ? h->n : 1) * sizeof *v);
		size_t k = 0;
		if (!v)
			return 0;
		for (size_t i = 0; i < h->n; i++)
			if (h->v[i].key <= to)
				v[k++] = &h->v[i];
		qsort(v, k, sizeof *v, by_key);
		for (size_t i = 0; i < k; i++) {
			/* current at the end of days key .. next key - 1 */
			long last = i + 1 < k ? v[i + 1]->key - 1 : to;
			if (last < from || last < v[i]->key)
				continue;
			calls++;
			if (!fn(v[i]->c, last < to ? last : to, arg))
				break;
		}
		free(v);
		return calls;
	}
	if (!listed(h))
		return 0;
	for (size_t i = 0; i < h->nrevs && h->days[i] <= to; i++) {
		long last = i + 1 < h->nrevs ? h->days[i + 1] - 1 : to;
		const struct kr_case *c;
		bool owned, go;
		/* only revisions current at the end of some day in the window */
		if (last < from || last < h->days[i])
			continue;
		if (!(c = revision(h, h->revs[i], &owned)))
			continue;
		calls++;
		go = fn(c, last < to ? last : to, arg);
		if (owned)
			kr_case_free((struct kr_case *)c);
		if (!go)
			break;
	}
	return calls;
}

void kr_history_free(struct kr_history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].own)
			kr_case_free((struct kr_case *)h->v[i].c);
	kr_case_judged_cleanup(&h->judged);
	free(h->v);
	free(h->revs);
	free(h->days);
	free(h->ref);
	free(h);
}

enum kr_status kri_history_judged(struct kr_history *h, const struct kr_case *c,
                                  const struct kr_case **out, struct kr_error *err)
{
	enum kr_status rc;

	*out = c;
	if (!h || !h->s || c != h->latest || h->plan == 0)
		return KR_OK;
	if (h->plan < 0) {
		if ((rc = kr_case_judged(h->s, c, &h->judged, err))) {
			kr_case_judged_cleanup(&h->judged);
			return rc;
		}
		h->plan = h->judged.nfamily > 0;
	}
	if (h->plan)
		*out = &h->judged.c;
	return KR_OK;
}

void kri_history_in_plan(struct kr_history *h, bool in_plan)
{
	if (h && !in_plan && h->plan < 0)
		h->plan = 0;
}
