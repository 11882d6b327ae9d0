/*
 * report_write.c - the report of report.h as JSON (the contract of
 * docs/report.md), as text for a terminal and as CSV, and the words for
 * its dimension values that every writer (also report_xlsx.c and
 * report_pdf.c) shows people.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/signals.h"
#include "kring/words.h"
#include "report_int.h"

/* ---- words ------------------------------------------------------------------ */

static const struct { const char *key, *val, *nl, *en; } words[] = {
	{ "form", "none", "geen plaatsing", "no placement" },
	{ "care", "network", "netwerkpleegzorg", "network foster care" },
	{ "care", "stranger", "bestandspleegzorg", "stranger foster care" },
	{ "reason", "early_percent", "% voortijdig", "% early" },
	{ "measure", "children", "kinderen", "children" },
	{ "measure", "yes", "ja", "yes" },
	{ "measure", "percent", "%", "%" },
	{ "measure", "within_6_months", "binnen 6 maanden", "within 6 months" },
	{ "measure", "within_12_months", "binnen 12 maanden", "within 12 months" },
	{ "measure", "percent_6", "% binnen 6 maanden", "% within 6 months" },
	{ "measure", "percent_12", "% binnen 12 maanden", "% within 12 months" },
	{ "measure", "breakdowns", "breakdowns", "breakdowns" },
	{ "measure", "placement_years", "plaatsingsjaren", "placement-years" },
	{ "measure", "per_100_years", "per 100 plaatsingsjaren", "per 100 placement-years" },
	{ "measure", "on_time", "op tijd", "on time" },
	{ "measure", "all_answered", "alle wensen beantwoord", "all wishes answered" },
	{ "measure", "wishes_percent", "% wensen beantwoord", "% of wishes answered" },
	{ "measure", "families", "gezinnen", "families" },
	{ "measure", "family_homes", "gezinshuizen", "family homes" },
	{ "measure", "network", "netwerkpleeggezinnen", "network families" },
	{ "measure", "capacity", "plaatsen", "places" },
	{ "measure", "placed", "geplaatste kinderen", "children placed" },
	{ "measure", "vacancies", "vrije plaatsen", "free places" },
	{ "measure", "occupancy_percent", "% bezet", "% occupied" },
	{ "moves", "mean", "gemiddeld", "mean" },
	{ "moves", "0", "geen", "none" },
	{ "moves", "3+", "3 of meer", "3 or more" },
	{ "time", "lt1y", "korter dan 1 jaar", "under 1 year" },
	{ "time", "1to2y", "1 tot 2 jaar", "1 to 2 years" },
	{ "time", "2to5y", "2 tot 5 jaar", "2 to 5 years" },
	{ "time", "5y+", "5 jaar of langer", "5 years or more" },
	{ "time", "median_months", "mediaan (maanden)", "median (months)" },
	{ "flow", "residential_to_family", "leefgroep naar gezinsvorm",
	  "residential care to a family form" },
	{ "flow", "family_to_residential", "gezinsvorm naar leefgroep",
	  "family form to residential care" },
	{ "status", "overdue", "te laat", "overdue" },
	{ "status", "done", "afgerond", "done" },
	{ "continuum", "any", "alle soorten", "any kind" },
	{ "region", "total", "organisatie", "organisation" },
	{ "worker", "total", "heel het team", "whole team" },
	{ NULL, "unknown", "onbekend", "unknown" },
	{ NULL, "total", "totaal", "total" },
};

const char *kri_report_label(const struct kr_report *r, const char *key, const char *val,
                             enum kr_lang lang)
{
	int e = -1, v;

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if ((!words[i].key || strcmp(words[i].key, key) == 0) &&
		    strcmp(words[i].val, val) == 0)
			return lang == KR_LANG_EN ? words[i].en : words[i].nl;
	if (strcmp(key, "municipality") == 0) {
		for (size_t i = 0; r && i < r->nunits; i++)
			if (strcmp(r->units[i].code, val) == 0)
				return r->units[i].name;
		return val;
	}
	if (strcmp(key, "form") == 0)
		e = KR_ENUM_FORM;
	else if (strcmp(key, "referrer") == 0)
		e = KR_ENUM_REFERRER;
	else if (strcmp(key, "reason") == 0)
		e = KR_ENUM_CLOSED_REASON;
	if (e >= 0 && (v = kr_enum_value((enum kr_enum)e, val)))
		return kr_enum_label((enum kr_enum)e, v, lang);
	return val;
}

const char *kri_report_dim(const struct kr_report_row *row, const char *key)
{
	for (size_t k = 0; key && k < row->ndims; k++)
		if (strcmp(row->key[k], key) == 0)
			return row->val[k];
	return NULL;
}

static bool in_focus(const struct kr_report *r, const struct kr_report_row *row)
{
	for (int k = 0; k < 2; k++) {
		const char *v = kri_report_dim(row, r->scope_key[k]);
		if (!v || strcmp(v, r->scope_val[k]) != 0)
			return false;
	}
	return true;
}

size_t *kri_report_focus(const struct kr_report *r, const struct kr_report_table *t, size_t *n)
{
	size_t *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);

	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < t->nrows; i++)
		if (in_focus(r, &t->rows[i]))
			v[(*n)++] = i;
	return v;
}

/* Values that a chart leaves out: totals and statistics next to counts. */
static bool not_drawn(const char *key, const char *val)
{
	static const char *const skip[] = { "total", "mean", "median_months", "early_percent" };
	for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
		if (strcmp(val, skip[i]) == 0)
			return true;
	/* shares are drawn as their percentages */
	return strcmp(key, "measure") == 0 && !strstr(val, "percent");
}

/* The x values a table's chart draws when not every one but the totals
 * and statistics: the foster families' places - all, taken, free. */
static const struct { const char *table, *const x[4]; } only[] = {
	{ "foster_families", { "capacity", "placed", "vacancies", NULL } },
};

/* Whether the chart of table t draws x value x. */
static bool drawn(const struct kr_report_table *t, const char *x)
{
	for (size_t k = 0; k < sizeof only / sizeof *only; k++) {
		if (strcmp(only[k].table, t->id) != 0)
			continue;
		for (size_t i = 0; only[k].x[i]; i++)
			if (strcmp(only[k].x[i], x) == 0)
				return true;
		return false;
	}
	return !not_drawn(t->chart.x, x);
}

static size_t find_or_add(const char **v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	v[*n] = s;
	return (*n)++;
}

void kri_chart_cleanup(struct kri_chart *c)
{
	free(c->xv);
	free(c->sv);
	free(c->v);
	free(c->has);
	memset(c, 0, sizeof *c);
}

bool kri_report_chart_data(const struct kr_report *r, const struct kr_report_table *t,
                           struct kri_chart *c)
{
	const struct kr_report_chart *ch = &t->chart;
	size_t n = 0, *rows = NULL;

	memset(c, 0, sizeof *c);
	if (ch->type == KR_CHART_NONE || !(rows = kri_report_focus(r, t, &n)) || !n)
		goto none;
	if (!(c->xv = calloc(n, sizeof *c->xv)) || !(c->sv = calloc(n + 1, sizeof *c->sv)))
		goto none;
	/* the x values and series, in the order of the rows */
	for (size_t i = 0; i < n; i++) {
		const struct kr_report_row *row = &t->rows[rows[i]];
		const char *x = kri_report_dim(row, ch->x), *sv = kri_report_dim(row, ch->series);
		const char *m = kri_report_dim(row, ch->measure_key);
		if (!x || !drawn(t, x) || (ch->measure && (!m || strcmp(m, ch->measure))) ||
		    (ch->series && (!sv || not_drawn(ch->series, sv))))
			continue;
		find_or_add(c->xv, &c->nx, x);
		if (ch->series)
			find_or_add(c->sv, &c->ns, sv);
	}
	if (!ch->series)
		c->ns = 1;
	if (!c->nx || !(c->v = calloc(c->nx * c->ns, sizeof *c->v)) ||
	    !(c->has = calloc(c->nx * c->ns, sizeof *c->has)))
		goto none;
	for (size_t i = 0; i < n; i++) {
		const struct kr_report_row *row = &t->rows[rows[i]];
		const char *x = kri_report_dim(row, ch->x), *sv = kri_report_dim(row, ch->series);
		const char *m = kri_report_dim(row, ch->measure_key);
		size_t xi = 0, si = 0;
		if (!x || !drawn(t, x) || (ch->measure && (!m || strcmp(m, ch->measure))) ||
		    (ch->series && (!sv || not_drawn(ch->series, sv))))
			continue;
		while (xi < c->nx && strcmp(c->xv[xi], x))
			xi++;
		while (ch->series && si < c->ns && strcmp(c->sv[si], sv))
			si++;
		c->v[si * c->nx + xi] = row->value;
		c->has[si * c->nx + xi] = row->has_value;
	}
	free(rows);
	return true;
none:
	free(rows);
	kri_chart_cleanup(c);
	return false;
}

static const char *day_text(long day, char buf[11])
{
	return kr_date_format(kr_date_from_days(day), buf);
}

/* ---- JSON --------------------------------------------------------------------- */

static json_t *pair(const char *nl, const char *en)
{
	return json_pack("{s:s, s:s}", "nl", nl, "en", en);
}

static json_t *jrow(const struct kr_report_row *row)
{
	json_t *o = json_object();
	for (size_t k = 0; o && k < row->ndims; k++)
		json_object_set_new(o, row->key[k], json_string(row->val[k]));
	if (!o)
		return NULL;
	if (!row->has_value)
		json_object_set_new(o, "value", json_null());
	else if (row->count)
		json_object_set_new(o, "value", json_integer((json_int_t)row->value));
	else
		json_object_set_new(o, "value", json_real((double)(long long)(row->value * 10.0 +
		                    (row->value < 0 ? -0.5 : 0.5)) / 10.0));
	json_object_set_new(o, "suppressed", json_boolean(row->suppressed));
	return o;
}

static json_t *jchart(const struct kr_report_chart *c)
{
	static const char *const types[] = { "none", "bar", "line" };
	return json_pack("{s:s, s:o, s:o, s:o, s:o}", "type", types[c->type],
	                 "x", c->x ? json_string(c->x) : json_null(),
	                 "series", c->series ? json_string(c->series) : json_null(),
	                 "measure_key", c->measure_key ? json_string(c->measure_key) : json_null(),
	                 "measure", c->measure ? json_string(c->measure) : json_null());
}

static json_t *jcase(const struct kr_report_case *k)
{
	char d[11];
	json_t *top = json_null();
	if (k->top)
		top = json_pack("{s:s, s:s, s:{s:s, s:s}}", "id", k->top, "level",
		                kr_level_name((enum kr_level)k->top_level), "title", "nl",
		                kr_signals_title(k->top, KR_LANG_NL), "en",
		                kr_signals_title(k->top, KR_LANG_EN));
	return json_pack("{s:s, s:s, s:o, s:s, s:{s:I, s:I, s:I}, s:o, s:I, s:o}",
	                 "worker", k->worker, "ref", k->ref,
	                 "child", k->child ? json_string(k->child) : json_null(),
	                 "form", k->form,
	                 "signals", "alert", (json_int_t)k->alerts, "warning",
	                 (json_int_t)k->warnings, "info", (json_int_t)k->infos,
	                 "top", top, "overdue_agreements", (json_int_t)k->overdue,
	                 "next_review", k->next_review >= 0 ?
	                 json_string(day_text(k->next_review, d)) : json_null());
}

/* The words for people of every dimension value the rows use:
 * {"form": {"foster_fulltime": {"nl": "voltijdpleegzorg", "en": ...}}}. */
static json_t *jlabels(const struct kr_report *r)
{
	json_t *o = json_object();
	for (size_t t = 0; o && t < r->ntables; t++)
		for (size_t i = 0; i < r->tables[t].nrows; i++) {
			const struct kr_report_row *row = &r->tables[t].rows[i];
			for (size_t k = 0; k < row->ndims; k++) {
				json_t *d = json_object_get(o, row->key[k]);
				if (!d) {
					d = json_object();
					json_object_set_new(o, row->key[k], d);
				}
				if (d && !json_object_get(d, row->val[k]))
					json_object_set_new(d, row->val[k], pair(
					        kri_report_label(r, row->key[k], row->val[k], KR_LANG_NL),
					        kri_report_label(r, row->key[k], row->val[k], KR_LANG_EN)));
			}
		}
	/* the forms of the caseload */
	for (size_t i = 0; o && i < r->ncaseload; i++) {
		json_t *d = json_object_get(o, "form");
		const char *f = r->caseload[i].form;
		if (!*f)
			continue;
		if (!d) {
			d = json_object();
			json_object_set_new(o, "form", d);
		}
		if (d && !json_object_get(d, f))
			json_object_set_new(d, f, pair(kri_report_label(r, "form", f, KR_LANG_NL),
			                               kri_report_label(r, "form", f, KR_LANG_EN)));
	}
	return o;
}

void *kr_report_json(const struct kr_report *r)
{
	json_t *o, *tables = json_array(), *units = json_array(), *scope = json_object();
	json_t *labels = NULL;
	char a[11], f[11], t[11];

	if (!tables || !units || !scope)
		goto fail;
	for (size_t i = 0; i < r->ntables; i++) {
		const struct kr_report_table *tb = &r->tables[i];
		json_t *rows = json_array(), *jt;
		for (size_t k = 0; rows && k < tb->nrows; k++)
			json_array_append_new(rows, jrow(&tb->rows[k]));
		jt = json_pack("{s:s, s:o, s:o, s:o, s:o}", "id", tb->id,
		               "title", pair(tb->title[0], tb->title[1]),
		               "note", pair(tb->note[0], tb->note[1]), "chart", jchart(&tb->chart),
		               "rows", rows ? rows : json_null());
		if (!jt || json_array_append_new(tables, jt))
			goto fail;
	}
	for (size_t i = 0; i < r->nunits; i++)
		json_array_append_new(units, json_pack("{s:s, s:s, s:s}", "code", r->units[i].code,
		                      "name", r->units[i].name, "region", r->units[i].region));
	for (int k = 0; k < 2; k++)
		json_object_set_new(scope, r->scope_key[k], json_string(r->scope_val[k]));
	if (!(labels = jlabels(r)))
		goto fail;
	o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:i, s:i}, s:o, s:[s,s], s:o, s:o, s:o}",
	              "report", kr_report_kind_name(r->kind), "as_of", day_text(r->as_of, a),
	              "window", "from", day_text(r->from, f), "to", day_text(r->to, t),
	              "disclosure", "round_to", KR_REPORT_ROUND, "suppress_below",
	              KR_REPORT_SUPPRESS_BELOW, "scope", scope, "units", r->unit_dims[0],
	              r->unit_dims[1], "municipalities", units, "labels", labels, "tables", tables);
	scope = units = tables = labels = NULL;
	if (!o)
		goto fail;
	if (r->kind == KR_REPORT_STARTFOTO)
		json_object_set_new(o, "notes", json_pack("[o]", pair(
		        "De pleeggezinnen en hun plaatsen komen uit het register van de hele "
		        "organisatie, niet per gemeente.",
		        "The foster families and their places come from the register of the whole "
		        "organisation, not per municipality.")));
	if (r->has_caseload) {
		json_t *cl = json_array();
		for (size_t i = 0; cl && i < r->ncaseload; i++)
			json_array_append_new(cl, jcase(&r->caseload[i]));
		json_object_set_new(o, "caseload", cl ? cl : json_null());
	}
	return o;
fail:
	json_decref(tables);
	json_decref(units);
	json_decref(scope);
	json_decref(labels);
	return NULL;
}

/* ---- text ------------------------------------------------------------------------ */

static void value_text(const struct kr_report_row *row, char *buf, size_t n)
{
	if (!row->has_value)
		snprintf(buf, n, "%s", row->count ? "<10" : "-");
	else if (row->count)
		snprintf(buf, n, "%ld", (long)row->value);
	else
		snprintf(buf, n, "%.1f", row->value);
}

/* Characters, not bytes, for padding. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void unit_heading(const struct kr_report *r, const struct kr_report_row *row,
                         enum kr_lang L, struct kr_buf *b)
{
	const char *a = kri_report_dim(row, r->unit_dims[0]);
	const char *c = kri_report_dim(row, r->unit_dims[1]);
	if (strcmp(r->unit_dims[0], "team") == 0)
		kr_buf_printf(b, "  %s %s: %s\n", kr_tr(L, "team", "team"), a,
		              kri_report_label(r, "worker", c, L));
	else if (strcmp(c, "total") != 0)
		kr_buf_printf(b, "  %s (%s, %s)\n", kri_report_label(r, "municipality", c, L), c,
		              kri_report_label(r, "region", a, L));
	else if (strcmp(a, "total") == 0)
		kr_buf_printf(b, "  %s\n", kr_tr(L, "De hele organisatie", "The whole organisation"));
	else
		kr_buf_printf(b, "  %s %s\n", kr_tr(L, "Regio", "Region"), a);
}

enum kr_status kr_report_text(const struct kr_report *r, enum kr_lang L, struct kr_buf *b)
{
	char a[11], f[11], t[11];

	kr_buf_printf(b, "%s %s %s\n", r->kind == KR_REPORT_MONITOR
	              ? kr_tr(L, "Monitor netwerkgericht werken", "Embedding monitor")
	              : kr_tr(L, "Startfoto jeugdhulp in gezinsvormen", "Startfoto"),
	              kr_tr(L, "op", "on"), day_text(r->as_of, a));
	kr_buf_printf(b, kr_tr(L, "Kwartalen van %s tot en met %s. Aantallen zijn afgerond op %d; "
	                          "onder %d staat <%d.\n",
	                          "Quarters from %s to %s. Counts are rounded to %d; under %d "
	                          "shows <%d.\n"),
	              day_text(r->from, f), day_text(r->to, t), KR_REPORT_ROUND,
	              KR_REPORT_SUPPRESS_BELOW, KR_REPORT_SUPPRESS_BELOW);
	for (size_t i = 0; i < r->ntables; i++) {
		const struct kr_report_table *tb = &r->tables[i];
		const char *pa = NULL, *pb = NULL;
		kr_buf_printf(b, "\n%s\n  %s\n", tb->title[L], tb->note[L]);
		for (size_t k = 0; k < tb->nrows; k++) {
			const struct kr_report_row *row = &tb->rows[k];
			char v[32], label[256] = "";
			size_t used = 0;
			if (!pa || strcmp(pa, row->val[0]) || strcmp(pb, row->val[1]))
				unit_heading(r, row, L, b);
			pa = row->val[0];
			pb = row->val[1];
			for (size_t d = 2; d < row->ndims && used < sizeof label; d++)
				used += (size_t)snprintf(label + used, sizeof label - used, "%s%s",
				                         d > 2 ? ", " : "",
				                         kri_report_label(r, row->key[d], row->val[d], L));
			value_text(row, v, sizeof v);
			kr_buf_printf(b, "    %s%*s %8s\n", label,
			              (int)(width(label) < 48 ? 48 - width(label) : 0), "", v);
		}
	}
	if (r->has_caseload) {
		kr_buf_printf(b, "\n%s\n", kr_tr(L, "Caseload", "Caseload"));
		for (size_t i = 0; i < r->ncaseload; i++) {
			const struct kr_report_case *k = &r->caseload[i];
			kr_buf_printf(b, "  %-16s %-20s %-22s %-20s %zu/%zu/%zu  %s\n", k->worker, k->ref,
			              k->child ? k->child : "", *k->form ? kr_enum_label(KR_ENUM_FORM,
			              kr_enum_value(KR_ENUM_FORM, k->form), L) : "-", k->alerts,
			              k->warnings, k->infos, k->top ? kr_signals_title(k->top, L) : "-");
		}
	}
	if (r->kind == KR_REPORT_STARTFOTO)
		kr_buf_puts(b, kr_tr(L, "\nDe pleeggezinnen en hun plaatsen komen uit het register van "
		                        "de hele organisatie, niet per gemeente.\n",
		                        "\nThe foster families and their places come from the register "
		                        "of the whole organisation, not per municipality.\n"));
	return b->failed ? b->why : KR_OK;
}

/* ---- CSV -------------------------------------------------------------------------- */

static void csv_field(struct kr_buf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		kr_buf_puts(b, s);
		return;
	}
	kr_buf_puts(b, "\"");
	for (; *s; s++)
		kr_buf_add(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
	kr_buf_puts(b, "\"");
}

enum kr_status kr_report_csv(const struct kr_report *r, enum kr_lang L, struct kr_buf *b)
{
	const char *keys[32];
	size_t nkeys = 0;

	/* every dimension that occurs, in order of first appearance */
	for (size_t i = 0; i < r->ntables; i++)
		for (size_t k = 0; k < r->tables[i].nrows; k++)
			for (size_t d = 0; d < r->tables[i].rows[k].ndims; d++) {
				const char *key = r->tables[i].rows[k].key[d];
				size_t j = 0;
				while (j < nkeys && strcmp(keys[j], key) != 0)
					j++;
				if (j == nkeys && nkeys < 32)
					keys[nkeys++] = key;
			}
	kr_buf_puts(b, "table,title");
	for (size_t j = 0; j < nkeys; j++)
		kr_buf_printf(b, ",%s", keys[j]);
	kr_buf_puts(b, ",value,suppressed\r\n");
	for (size_t i = 0; i < r->ntables; i++) {
		const struct kr_report_table *tb = &r->tables[i];
		for (size_t k = 0; k < tb->nrows; k++) {
			const struct kr_report_row *row = &tb->rows[k];
			kr_buf_puts(b, tb->id);
			kr_buf_puts(b, ",");
			csv_field(b, tb->title[L]);
			for (size_t j = 0; j < nkeys; j++) {
				const char *v = kri_report_dim(row, keys[j]);
				kr_buf_puts(b, ",");
				csv_field(b, v ? v : "");
			}
			if (!row->has_value)
				kr_buf_puts(b, ",");
			else if (row->count)
				kr_buf_printf(b, ",%ld", (long)row->value);
			else
				kr_buf_printf(b, ",%.1f", row->value);
			kr_buf_printf(b, ",%s\r\n", row->suppressed ? "true" : "false");
		}
	}
	return b->failed ? b->why : KR_OK;
}
