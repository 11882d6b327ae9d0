/*
 * report_int.h - what the files of the report module share (report.c
 * computes, report_write.c, report_xlsx.c and report_pdf.c write): the
 * table definitions and the words for dimension values.
 */
#ifndef KRING_REPORT_INT_H
#define KRING_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/lang.h"
#include "kring/report.h"

struct kri_report_table_def {
	const char *id;
	enum kr_report_kind kind;
	const char *title[2];
	const char *note[2];
};

/* kr_report_compute() with protect false: the true counts, nothing
 * rounded or suppressed.  Only for the tests of the figures' definitions. */
enum kr_status kri_report_compute(struct kr_store *s, const struct kr_report_query *q,
                                  const struct kr_settings *set, bool protect,
                                  struct kr_report **out, struct kr_error *err);

/* "2026-Q3" for the quarter day lies in, into buf. */
const char *kri_report_quarter(long day, char buf[8]);

/* The word for people of a dimension's value (a form, a referrer, a
 * measure, a municipality's name in r, ...); the value itself when there
 * is none.  Static or borrowed from r. */
const char *kri_report_label(const struct kr_report *r, const char *key, const char *val,
                             enum kr_lang lang);

/* The rows of table t that belong to the report's focus unit, in order:
 * indices into t->rows, *n of them (malloc'd; NULL when none). */
size_t *kri_report_focus(const struct kr_report *r, const struct kr_report_table *t,
                         size_t *n);

/* The value of dimension key in row, or NULL. */
const char *kri_report_dim(const struct kr_report_row *row, const char *key);

/* What a table's chart shows for the focus unit: values v[s * nx + i] of
 * series s (names sv[s], or one series with sv[0] NULL) at x value xv[i];
 * has[] false where the value is held back. */
struct kri_chart {
	const char **xv, **sv;
	size_t nx, ns;
	double *v;
	bool *has;
};

/* Fills c for table t.  false when out of memory or there is nothing to
 * draw (c is then empty). */
/* A chart laid out (report_chart.c): coordinates in a w x h box, y down;
 * ink is a palette index (0..KRI_CHART_COLOURS-1) or one of KRI_INK_x;
 * a text's anchor is 0 start, 1 middle, 2 end of the text at x. */
#define KRI_CHART_COLOURS 8
#define KRI_INK_TEXT (-1)
#define KRI_INK_GRID (-2)

struct kri_grect { double x, y, w, h; int ink; };
struct kri_gline { double x0, y0, x1, y1; int ink; double width; };
struct kri_gdot { double x, y, r; int ink; };
struct kri_gtext { double x, y, size; int anchor, ink; char s[96]; };

struct kri_chart_geom {
	double w, h;
	struct kri_grect *rect;
	struct kri_gline *line;
	struct kri_gdot *dot;
	struct kri_gtext *text;
	size_t nrect, nline, ndot, ntext;
	bool fail;
};

/* Lays out the chart of table t in lang into g.  false when there is
 * nothing to draw or memory ran out (g is then empty). */
bool kri_chart_layout(const struct kr_report *r, const struct kr_report_table *t,
                      enum kr_lang lang, double w, double h, struct kri_chart_geom *g);
void kri_chart_geom_cleanup(struct kri_chart_geom *g);

/* "#0072B2" for a palette index or ink. */
const char *kri_chart_colour(int ink);

bool kri_report_chart_data(const struct kr_report *r, const struct kr_report_table *t,
                           struct kri_chart *c);
void kri_chart_cleanup(struct kri_chart *c);

#endif
