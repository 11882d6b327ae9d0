/*
 * api_stats.c - figures without persons (docs/api.md "Figures without
 * persons"): GET /api/stats for analysts, leads and admins - the number of
 * cases, by current placement form, signal counts by id and level, the
 * median network size, the share of children with a trust figure, network
 * meetings in the last 12 months by continuum letter, and overdue
 * agreements.  No name, person id or case ref leaves this handler, and
 * every count from 1 to 4 is shown as "<5" (small-cell suppression), so a
 * single child cannot be picked out of the figures.
 */
#include <stdlib.h>
#include <string.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "kring/metrics.h"
#include "kring/settings.h"
#include "kring/signals.h"
#include "server.h"

#define SMALL 5

struct stats {
	long as_of;
	const struct kr_settings *set;
	const char *const *ids;
	size_t nids;
	size_t cases;
	size_t by_form[KR_FORM__N];
	size_t (*signals)[3];          /* [nids][level] */
	size_t *sizes;
	size_t nsizes, capsizes;
	size_t trust;
	size_t meetings[KR_CONT__N];
	size_t overdue;
	bool failed;
};

static int add_case(const struct kr_case *c, long rev, void *arg)
{
	struct stats *s = arg;
	struct kr_signal_list sl;
	struct kr_metrics *m = NULL;
	int pl;
	long from = kr_days_add_months(s->as_of, -12);
	(void)rev;

	s->cases++;
	pl = kr_case_current_placement(c, s->as_of);
	s->by_form[pl >= 0 ? c->placements[pl].form : KR_FORM_NONE]++;
	memset(&sl, 0, sizeof sl);
	if (kr_signals_compute(c, s->as_of, s->set, &sl, NULL) == KR_OK) {
		for (size_t i = 0; i < sl.n; i++)
			for (size_t k = 0; k < s->nids; k++)
				if (strcmp(sl.v[i].id, s->ids[k]) == 0)
					s->signals[k][sl.v[i].level]++;
	}
	kr_signal_list_cleanup(&sl);
	if (kr_metrics_compute(c, s->as_of, &m, NULL) == KR_OK) {
		if (s->nsizes == s->capsizes) {
			size_t cap = s->capsizes ? s->capsizes * 2 : 64;
			size_t *grown = realloc(s->sizes, cap * sizeof *grown);
			if (!grown) {
				s->failed = true;
				kr_metrics_free(m);
				return 1;
			}
			s->sizes = grown;
			s->capsizes = cap;
		}
		s->sizes[s->nsizes++] = m->size;
	}
	kr_metrics_free(m);
	for (size_t i = 0; i < c->nties; i++)
		if (c->ties[i].trust_figure && (c->ties[i].a == c->child || c->ties[i].b == c->child)) {
			s->trust++;
			break;
		}
	for (size_t i = 0; i < c->nmeetings; i++) {
		const struct kr_meeting *mt = &c->meetings[i];
		long d;
		if (!kr_date_valid(mt->date))
			continue;
		d = kr_date_first(mt->date);
		if (d > from && d <= s->as_of)
			s->meetings[mt->continuum]++;
	}
	for (size_t i = 0; i < c->plan.nagreements; i++) {
		const struct kr_agreement *a = &c->plan.agreements[i];
		if ((a->status == KR_AGR_OPEN || a->status == KR_AGR_NONE) &&
		    kr_date_valid(a->due) && kr_date_last(a->due) < s->as_of)
			s->overdue++;
	}
	return 0;
}

/* A count with small-cell suppression. */
static json_t *cell(size_t n)
{
	if (n > 0 && n < SMALL)
		return json_string("<5");
	return json_integer((json_int_t)n);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

void ks_h_stats(struct ks_req *r)
{
	struct kr_settings set;
	struct kr_error err;
	struct stats s;
	json_t *forms = NULL, *sig = NULL, *meet = NULL, *median, *share;
	char day[11];

	memset(&s, 0, sizeof s);
	kr_error_init(&err);
	if (!ks_param_day(r, "as_of", &s.as_of))
		goto out;
	if (kr_settings_load(r->store, &set, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	s.set = &set;
	s.ids = kr_signals_catalogue(&s.nids);
	s.signals = calloc(s.nids ? s.nids : 1, sizeof *s.signals);
	if (!s.signals) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	if (kr_store_each(r->store, add_case, &s, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (s.failed) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	forms = json_object();
	for (int f = 0; f < KR_FORM__N; f++)
		if (s.by_form[f])
			json_object_set_new(forms, f ? kr_enum_name(KR_ENUM_FORM, f) : "none",
			                    cell(s.by_form[f]));
	sig = json_object();
	for (size_t k = 0; k < s.nids; k++)
		json_object_set_new(sig, s.ids[k], json_pack("{s:o, s:o, s:o}",
		                    "alert", cell(s.signals[k][KR_LEVEL_ALERT]),
		                    "warning", cell(s.signals[k][KR_LEVEL_WARNING]),
		                    "info", cell(s.signals[k][KR_LEVEL_INFO])));
	meet = json_object();
	for (int k = KR_CONT_A; k < KR_CONT__N; k++)
		json_object_set_new(meet, kr_enum_name(KR_ENUM_CONTINUUM, k), cell(s.meetings[k]));
	if (s.meetings[KR_CONT_NONE])
		json_object_set_new(meet, "none", cell(s.meetings[KR_CONT_NONE]));
	if (s.cases < SMALL || s.nsizes == 0) {
		median = json_null();
		share = json_null();
	} else {
		qsort(s.sizes, s.nsizes, sizeof *s.sizes, cmp_size);
		median = s.nsizes % 2 ? json_integer((json_int_t)s.sizes[s.nsizes / 2])
		                      : json_real(((double)s.sizes[s.nsizes / 2 - 1] +
		                                   (double)s.sizes[s.nsizes / 2]) / 2.0);
		share = json_real((double)(long)((double)s.trust / (double)s.cases * 100.0 + 0.5) /
		                  100.0);
	}
	ks_audit(r, KR_AUDIT_READ, NULL, "aggregated figures");
	ks_reply_json(r, 200, json_pack("{s:s, s:o, s:O, s:O, s:o, s:o, s:O, s:o}",
	              "as_of", kr_date_format(kr_date_from_days(s.as_of), day),
	              "cases", cell(s.cases), "by_form", forms, "signals", sig,
	              "median_network_size", median, "trust_figure_share", share,
	              "meetings_12m", meet, "agreements_overdue", cell(s.overdue)));
out:
	json_decref(forms);
	json_decref(sig);
	json_decref(meet);
	free(s.signals);
	free(s.sizes);
	kr_error_cleanup(&err);
}
