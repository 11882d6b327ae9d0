/*
 * report.h - the steering figures of docs/report.md: the embedding monitor
 * (is network-oriented work taking root? for the team lead and the
 * organisation) and the startfoto (the municipality's picture of its
 * children in care, without persons), with disclosure control, and their
 * forms: JSON (the contract of docs/report.md), text, CSV, XLSX and PDF.
 *
 * Every figure is computed here, once, from the facts the store keeps of
 * every revision (facts.h) and the library's derived facts: the child's
 * path (path.h), the plan (plan.h), the signals.  Front doors choose who
 * sees what (access.h) and serialise the result; none computes a figure.
 *
 * Disclosure control: every count is a count of children (or of placements
 * where the table says so), rounded to a multiple of KR_REPORT_ROUND and
 * suppressed when the true value is under KR_REPORT_SUPPRESS_BELOW, with
 * secondary suppression over every row, column and subtotal of all tables
 * of the organisation at once, so that no suppressed cell can be worked
 * out from totals or from two reports of the same day (docs/report.md,
 * "Disclosure control").  Percentages, rates and means come from the true
 * counts and are only shown when the counts they rest on are shown.
 */
#ifndef KRING_REPORT_H
#define KRING_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/buf.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/settings.h"
#include "kring/store.h"

#define KR_REPORT_ROUND 5
#define KR_REPORT_SUPPRESS_BELOW 10

enum kr_report_kind { KR_REPORT_MONITOR, KR_REPORT_STARTFOTO };

struct kr_report_query {
	enum kr_report_kind kind;
	long as_of;                  /* day number */
	long from, to;               /* the window of the per-quarter figures; -1: the
	                                default (docs/report.md) */
	const char *municipality;    /* show this CBS code only, or NULL */
	const char *region;          /* show this region only, or NULL */
	/* The monitor of one team: its cases and workers, with the caseload.
	 * A case belongs to the team when it is assigned to a user of the
	 * team, or to `user` (the lead asking; may be NULL).  NULL: the
	 * organisation's figures without a caseload. */
	const char *team;
	const char *user;
	bool names;                  /* the caseload shows the child's name */
	/* When restrict_cases: only these refs count (sorted by strcmp), e.g.
	 * the cases a lead may read (kr_access_visible_cases). */
	bool restrict_cases;
	char *const *cases;
	size_t ncases;
};

/* Sets q to the defaults: the monitor, as of today, the default window,
 * no filter, no team, no names. */
void kr_report_query_init(struct kr_report_query *q);

#define KR_REPORT_MAX_DIMS 6

/* One row of a table: its dimensions (plain names, "total" for a total)
 * and its value; value is not set when suppressed or not shown. */
struct kr_report_row {
	const char *key[KR_REPORT_MAX_DIMS];   /* static: "municipality", "form", ... */
	const char *val[KR_REPORT_MAX_DIMS];   /* owned by the report */
	size_t ndims;
	double value;
	bool has_value;
	bool suppressed;                       /* a count (or what rests on one) held back */
	bool count;                            /* value is a rounded count of children or
	                                          placements (else a share, rate or mean) */
};

/* How a table is best drawn: the value per `x` (its order as in the rows),
 * one series per value of `series` (NULL: one series), over the rows of the
 * report's focus unit whose `measure` dimension (when set) is `measure`. */
struct kr_report_chart {
	enum { KR_CHART_NONE, KR_CHART_BAR, KR_CHART_LINE } type;
	const char *x, *series;
	const char *measure_key, *measure;
};

struct kr_report_table {
	const char *id;                        /* static: "children_by_form" */
	const char *title[2];                  /* static, [KR_LANG_NL], [KR_LANG_EN] */
	const char *note[2];                   /* static: what it counts; may be "" */
	struct kr_report_chart chart;
	struct kr_report_row *rows;
	size_t nrows, cap;
};

/* One case of a team's caseload (the monitor of a team only). */
struct kr_report_case {
	char *worker;                          /* the assigned user */
	char *ref;
	char *child;                           /* the child's name, NULL without names */
	const char *form;                      /* static enum name of the current placement,
	                                          "" when none */
	size_t alerts, warnings, infos;
	const char *top;                       /* static rule id of the most severe signal,
	                                          NULL when none */
	int top_level;
	size_t overdue;                        /* overdue agreements on as-of */
	long next_review;                      /* day, -1: none */
};

/* A municipality the report shows: its CBS code, name and region. */
struct kr_report_unit {
	char *code, *name, *region;
};

struct kr_report {
	enum kr_report_kind kind;
	long as_of, from, to;                  /* to: the last day of the window */
	const char *scope_key[2];              /* the focus unit's dimensions, e.g.
	                                          {"region", "municipality"} */
	char *scope_val[2];                    /* and its values ("total", code, ...) */
	const char *unit_dims[2];              /* the dimensions that name a unit */
	struct kr_report_table *tables;
	size_t ntables;
	bool has_caseload;
	struct kr_report_case *caseload;
	size_t ncaseload;
	struct kr_report_unit *units;          /* the organisation's report only */
	size_t nunits;
	size_t children;                       /* cases walked (not published) */
};

/* The earlier days the embedding monitor of day as_of looks back on (the
 * ends of its eight quarters before as_of), at most max of them, into
 * days; returns how many.  `kring reindex` keeps their signals
 * (kr_facts_keep_days).  Never fails. */
size_t kr_report_monitor_days(long as_of, long *days, size_t max);

/* Computes report q over store s with the thresholds set (NULL: load
 * them).  *out is new; free it with kr_report_free().  Reads the facts of
 * every latest revision, recomputing (and storing) stale ones first
 * (facts.h).  KR_EUSAGE for a query that makes no sense (a team for the
 * startfoto, a window that ends before it begins, more than 16 quarters);
 * KR_EDB, KR_ENOMEM. */
enum kr_status kr_report_compute(struct kr_store *s, const struct kr_report_query *q,
                                 const struct kr_settings *set, struct kr_report **out,
                                 struct kr_error *err);

/* Frees a report.  Accepts NULL. */
void kr_report_free(struct kr_report *r);

/* "monitor" / "startfoto" (static); the inverse returns -1 for anything
 * else. */
const char *kr_report_kind_name(enum kr_report_kind k);
int kr_report_kind_parse(const char *name);

/* The report as the JSON of docs/report.md (a json_t *, new reference),
 * with the caseload's signal titles in both languages.  NULL when out of
 * memory. */
void *kr_report_json(const struct kr_report *r);

/* The report for a terminal, in lang, appended to out. */
enum kr_status kr_report_text(const struct kr_report *r, enum kr_lang lang, struct kr_buf *out);

/* The report as CSV (RFC 4180, comma, a header row, one row per table row:
 * table, every dimension, value, suppressed), appended to out. */
enum kr_status kr_report_csv(const struct kr_report *r, enum kr_lang lang, struct kr_buf *out);

/* The report as an Excel workbook at path: a sheet per table (and the
 * caseload), each with a native chart; written to a temporary file beside
 * path and renamed over it when complete.  KR_EIO, KR_ENOMEM. */
enum kr_status kr_report_xlsx(const struct kr_report *r, enum kr_lang lang, const char *path,
                              struct kr_error *err);

/* The chart of table t (one of r->tables) as SVG text in lang, appended to
 * out: the same drawing as in the PDF.  KR_ENOTFOUND when the table has
 * nothing to draw for the focus unit; KR_ENOMEM, KR_ETOOBIG. */
enum kr_status kr_report_chart_svg(const struct kr_report *r, const struct kr_report_table *t,
                                   enum kr_lang lang, struct kr_buf *out);

/* The report as a printable PDF (A4, charts drawn with cairo), appended
 * to out.  The bytes depend only on the report.  KR_ENOMEM, KR_EIO. */
enum kr_status kr_report_pdf(const struct kr_report *r, enum kr_lang lang, struct kr_buf *out,
                             struct kr_error *err);

#endif
