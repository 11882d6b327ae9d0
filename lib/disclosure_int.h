/*
 * disclosure_int.h - statistical disclosure control for the figures of
 * report.h (lib/disclosure.c; the method is docs/report.md "Disclosure
 * control"): cells (true counts), lines (a total and the cells that add up
 * to it), primary and secondary suppression, rounding.
 *
 * A caller makes every cell of every table it may publish, including the
 * cells it never shows but that follow from others (the children without
 * a trust figure: all children minus those with one), adds every equation
 * that holds between them (a row and its total, the municipalities of a
 * region and the region, two tables that count the same children), and
 * calls kri_sdc_protect() once for all of them.
 */
#ifndef KRING_DISCLOSURE_INT_H
#define KRING_DISCLOSURE_INT_H

#include <stdbool.h>
#include <stddef.h>

struct kri_sdc {
	long *value;
	bool *sup;
	bool *fixed;               /* known to everyone: never hidden */
	size_t n, cap;
	size_t *line_total, *line_first, *line_n;   /* members in pool[first .. first+n) */
	size_t nlines, caplines;
	size_t *pool;
	signed char *sign;         /* per pool entry: +1, or -1 on the other side */
	size_t npool, cappool, capsign;
	int below;                 /* suppress true values under this */
	bool nomem;
};

/* An empty problem with the threshold `below` (KR_REPORT_SUPPRESS_BELOW). */
void kri_sdc_init(struct kri_sdc *d, int below);
void kri_sdc_cleanup(struct kri_sdc *d);

/* A new cell holding the true count value; returns its index. */
size_t kri_sdc_cell(struct kri_sdc *d, long value);

/* Marks cell as known to everyone (a count that is zero in the whole
 * organisation, so zero everywhere): it is shown, never hidden, and it
 * never hides anything else. */
void kri_sdc_fix(struct kri_sdc *d, size_t cell);

/* No cell: the total of a line made by kri_sdc_eq(). */
#define KRI_SDC_NONE ((size_t)-1)

/* The equation total = members[0] + ... + members[n-1]. */
void kri_sdc_line(struct kri_sdc *d, size_t total, const size_t *members, size_t n);

/* The equation left[0] + ... + left[nl-1] = right[0] + ... + right[nr-1]
 * between cells of different tables (the children open at the start of a
 * quarter and those who came in it = those open at its end and those who
 * left).  Stored as a line with total KRI_SDC_NONE whose members on the
 * right have sign -1. */
void kri_sdc_eq(struct kri_sdc *d, const size_t *left, size_t nl, const size_t *right,
                size_t nr);

/* Primary suppression (true value under `below`), then secondary until
 * every line is safe: in every line either nothing is suppressed, or at
 * least two of its cells are and, when they all stand on one side of the
 * equation (members of a shown total), they add up to at least `below`; a
 * line that is not safe gets its smallest shown member suppressed (its
 * total, or a cell of the other side, when no member is left).
 * false when memory ran out (d->nomem). */
bool kri_sdc_protect(struct kri_sdc *d);

static inline bool kri_sdc_suppressed(const struct kri_sdc *d, size_t cell)
{
	return d->sup[cell];
}

/* value rounded to the nearest multiple of `to` (halves up). */
long kri_sdc_round(long value, int to);

#endif
