/*
 * disclosure.c - primary and secondary cell suppression and rounding
 * (disclosure_int.h, docs/report.md "Disclosure control").
 *
 * The secondary suppression is the classic line-by-line heuristic of
 * statistical offices for linked tables, made deterministic: go over every
 * equation (line) again and again; a line in which exactly one cell is
 * hidden lets anyone who knows the other cells work it out, and a line
 * whose hidden cells add up to less than the threshold narrows them down
 * (two hidden zeros next to a known total are both zero); such a line gets
 * its smallest shown member hidden too - the one that costs least - or,
 * when every member is hidden already, its total.  Hiding only grows, so
 * the loop ends; the order of cells and lines fixes the outcome.
 */
#include <stdlib.h>
#include <string.h>

#include "disclosure_int.h"

void kri_sdc_init(struct kri_sdc *d, int below)
{
	memset(d, 0, sizeof *d);
	d->below = below;
}

void kri_sdc_cleanup(struct kri_sdc *d)
{
	if (!d)
		return;
	free(d->value);
	free(d->sup);
	free(d->fixed);
	free(d->line_total);
	free(d->line_first);
	free(d->line_n);
	free(d->pool);
	free(d->sign);
	kri_sdc_init(d, d->below);
}

static bool reserve(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;
	void *g;
	if (need <= *cap)
		return true;
	while (c < need)
		c *= 2;
	if (!(g = realloc(*p, c * size)))
		return false;
	*p = g;
	*cap = c;
	return true;
}

size_t kri_sdc_cell(struct kri_sdc *d, long value)
{
	if (d->nomem)
		return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		long *v = realloc(d->value, cap * sizeof *v);
		bool *sp, *fx = NULL;
		if (v)
			d->value = v;
		sp = v ? realloc(d->sup, cap * sizeof *sp) : NULL;
		if (sp)
			d->sup = sp;
		fx = sp ? realloc(d->fixed, cap * sizeof *fx) : NULL;
		if (!fx) {
			d->nomem = true;
			return 0;
		}
		d->fixed = fx;
		d->cap = cap;
	}
	d->value[d->n] = value;
	d->sup[d->n] = false;
	d->fixed[d->n] = false;
	return d->n++;
}

/* Adds a line: total (or KRI_SDC_NONE) and the members, the first nplus
 * with sign +1, the rest -1. */
static void add_line(struct kri_sdc *d, size_t total, const size_t *members, size_t n,
                     size_t nplus)
{
	if (d->nomem || n == 0)
		return;
	if (d->nlines == d->caplines) {
		size_t cap = d->caplines ? d->caplines * 2 : 256;
		size_t *t = realloc(d->line_total, cap * sizeof *t), *f, *k;
		if (t)
			d->line_total = t;
		f = t ? realloc(d->line_first, cap * sizeof *f) : NULL;
		if (f)
			d->line_first = f;
		k = f ? realloc(d->line_n, cap * sizeof *k) : NULL;
		if (!k) {
			d->nomem = true;
			return;
		}
		d->line_n = k;
		d->caplines = cap;
	}
	if (!reserve((void **)&d->sign, &d->capsign, d->npool + n, 1) ||
	    !reserve((void **)&d->pool, &d->cappool, d->npool + n, sizeof(size_t))) {
		d->nomem = true;
		return;
	}
	d->line_total[d->nlines] = total;
	d->line_first[d->nlines] = d->npool;
	d->line_n[d->nlines] = n;
	memcpy(d->pool + d->npool, members, n * sizeof *members);
	for (size_t i = 0; i < n; i++)
		d->sign[d->npool + i] = i < nplus ? 1 : -1;
	d->npool += n;
	d->nlines++;
}

void kri_sdc_line(struct kri_sdc *d, size_t total, const size_t *members, size_t n)
{
	add_line(d, total, members, n, n);
}

void kri_sdc_eq(struct kri_sdc *d, const size_t *left, size_t nl, const size_t *right,
                size_t nr)
{
	size_t m[64];
	if (nl + nr > 64 || nl + nr == 0) {
		d->nomem = d->nomem || nl + nr > 64;
		return;
	}
	memcpy(m, left, nl * sizeof *m);
	memcpy(m + nl, right, nr * sizeof *m);
	add_line(d, KRI_SDC_NONE, m, nl + nr, nl);
}

void kri_sdc_fix(struct kri_sdc *d, size_t cell)
{
	if (!d->nomem && cell < d->n)
		d->fixed[cell] = true;
}

/*
 * Hides one more cell of line l when it is not safe; true when it did.
 * The total of a line stands on the -1 side.  Hidden cells on both sides
 * of an equation only show their difference, which pins none of them; on
 * one side only they show their sum, which must be two cells or more and
 * at least `below`.  The cell hidden next: the smallest shown cell of the
 * +1 side (the members), else of the -1 side (the total).
 */
static bool fix_line(struct kri_sdc *d, size_t l)
{
	const size_t *m = d->pool + d->line_first[l];
	const signed char *sg = d->sign + d->line_first[l];
	size_t n = d->line_n[l], t = d->line_total[l], nsup = 0, pick = (size_t)-1;
	bool plus = false, minus = false;
	long sum = 0;

	for (size_t i = 0; i < n; i++)
		if (d->sup[m[i]]) {
			nsup++;
			sum += d->value[m[i]];
			plus |= sg[i] > 0;
			minus |= sg[i] < 0;
		}
	if (t != KRI_SDC_NONE && d->sup[t]) {
		nsup++;
		sum += d->value[t];
		minus = true;
	}
	if (nsup == 0 || (plus && minus) || (nsup >= 2 && sum >= d->below))
		return false;
	for (int side = 1; side >= -1 && pick == (size_t)-1; side -= 2) {
		for (size_t i = 0; i < n; i++)
			if (sg[i] == side && !d->sup[m[i]] && !d->fixed[m[i]] &&
			    (pick == (size_t)-1 || d->value[m[i]] < d->value[pick]))
				pick = m[i];
		if (side < 0 && pick == (size_t)-1 && t != KRI_SDC_NONE && !d->sup[t] &&
		    !d->fixed[t])
			pick = t;
	}
	if (pick == (size_t)-1)
		return false;
	d->sup[pick] = true;
	return true;
}

bool kri_sdc_protect(struct kri_sdc *d)
{
	bool changed = true;

	if (d->nomem)
		return false;
	for (size_t i = 0; i < d->n; i++)
		d->sup[i] = !d->fixed[i] && d->value[i] < d->below;
	while (changed) {
		changed = false;
		for (size_t l = 0; l < d->nlines; l++)
			changed |= fix_line(d, l);
	}
	return true;
}

long kri_sdc_round(long value, int to)
{
	if (to <= 1)
		return value;
	return value < 0 ? -kri_sdc_round(-value, to) : (value + to / 2) / to * to;
}
