/*
 * stats.c - the figures without persons of stats.h, from the case summary
 * of every case (summary.c), so a figure here counts exactly what the case
 * pages show: a child "has a trust figure" when its summary has one, an
 * agreement is overdue when the summary says so.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/enum.h"
#include "kring/history.h"
#include "kring/report.h"
#include "kring/stats.h"
#include "kring/store.h"
#include "kring/summary.h"
#include "kring/words.h"
#include "disclosure_int.h"

struct walk {
	struct kr_store *s;
	const struct kr_settings *set;
	struct kr_stats *st;
	size_t capsizes;
	enum kr_status rc;
};

static int add_case(const struct kr_case *c, long rev, void *arg)
{
	struct walk *w = arg;
	struct kr_stats *st = w->st;
	struct kr_case_summary *sum = NULL;
	struct kr_history *h = NULL;
	long from = kr_days_add_months(st->as_of, -12);

	if ((w->rc = kr_history_open(w->s, c->ref, rev, c, &h, NULL)) ||
	    (w->rc = kr_case_summary(c, h, st->as_of, w->set, &sum, NULL))) {
		kr_history_free(h);
		return 1;
	}
	st->cases++;
	st->by_form[sum->current >= 0 ? c->placements[sum->current].form : KR_FORM_NONE]++;
	/* children, not signals: a child with two overdue agreements counts once */
	for (size_t k = 0; k < st->nids; k++) {
		bool seen[3] = { false, false, false };
		for (size_t i = 0; i < sum->signals.n; i++)
			if (strcmp(sum->signals.v[i].id, st->ids[k]) == 0)
				seen[sum->signals.v[i].level] = true;
		for (int l = 0; l < 3; l++)
			st->signals[k][l] += seen[l];
	}
	if (st->nsizes == w->capsizes) {
		size_t cap = w->capsizes ? w->capsizes * 2 : 64;
		size_t *grown = realloc(st->sizes, cap * sizeof *grown);
		if (!grown) {
			w->rc = KR_ENOMEM;
			goto out;
		}
		st->sizes = grown;
		w->capsizes = cap;
	}
	st->sizes[st->nsizes++] = sum->network_size;
	st->trust += sum->ntrust > 0;
	for (size_t i = 0; i < c->nmeetings; i++) {
		const struct kr_meeting *mt = &c->meetings[i];
		long d;
		if (!kr_date_valid(mt->date))
			continue;
		d = kr_date_first(mt->date);
		if (d > from && d <= st->as_of)
			st->meetings[mt->continuum]++;
	}
	st->overdue += sum->overdue_agreements;
out:
	kr_case_summary_free(sum);
	kr_history_free(h);
	return w->rc != KR_OK;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

void kr_stats_free(struct kr_stats *st)
{
	if (!st)
		return;
	free(st->signals);
	free(st->sizes);
	free(st);
}

enum kr_status kr_stats_compute(struct kr_store *s, long as_of, const struct kr_settings *set,
                                struct kr_stats **out, struct kr_error *err)
{
	struct walk w = { s, set, NULL, 0, KR_OK };
	enum kr_status rc;

	*out = NULL;
	if (!(w.st = calloc(1, sizeof *w.st)))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	w.st->as_of = as_of;
	w.st->ids = kr_signals_catalogue(&w.st->nids);
	if (!(w.st->signals = calloc(w.st->nids, sizeof *w.st->signals))) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto fail;
	}
	if ((rc = kr_store_each(s, add_case, &w, err)))
		goto fail;
	if (w.rc) {
		rc = kr_error_say(err, w.rc, "de cijfers konden niet worden berekend (%s)",
		                  "the figures could not be computed (%s)",
		                  kr_status_label(w.rc, err ? err->lang : KR_LANG_NL));
		goto fail;
	}
	if (w.st->nsizes > 1)
		qsort(w.st->sizes, w.st->nsizes, sizeof *w.st->sizes, cmp_size);
	*out = w.st;
	return KR_OK;
fail:
	kr_stats_free(w.st);
	return rc;
}

/*
 * The published figures: every count goes through the disclosure control
 * of the steering reports (disclosure_int.h, docs/report.md "Disclosure
 * control"), so there is one method for every figure without persons.
 * Each count is a cell; the equations a reader knows are lines (the forms
 * add up to the cases; the children with and without a trust figure add
 * up to the cases); a count that is 0 is 0 in the whole organisation, so
 * it is known and shown.  A shown count is rounded to a multiple of
 * KR_REPORT_ROUND; a held-back count is NULL in JSON and "x" in text.
 */
struct pub {
	struct kri_sdc d;
	size_t cases, form[KR_FORM__N], trust, notrust, overdue, meet[KR_CONT__N];
	size_t *sig;                     /* [k * 3 + level] */
};

static size_t pub_cell(struct pub *p, size_t value)
{
	size_t i = kri_sdc_cell(&p->d, (long)value);
	if (!p->d.nomem && value == 0)
		kri_sdc_fix(&p->d, i);
	return i;
}

/* Fills p from st; false when memory ran out (then p is cleaned up). */
static bool publish(const struct kr_stats *st, struct pub *p)
{
	size_t members[KR_FORM__N], both[2];

	kri_sdc_init(&p->d, KR_REPORT_SUPPRESS_BELOW);
	if (!(p->sig = calloc(st->nids ? st->nids * 3 : 1, sizeof *p->sig))) {
		kri_sdc_cleanup(&p->d);
		return false;
	}
	p->cases = pub_cell(p, st->cases);
	for (int f = 0; f < KR_FORM__N; f++)
		members[f] = p->form[f] = pub_cell(p, st->by_form[f]);
	kri_sdc_line(&p->d, p->cases, members, KR_FORM__N);
	both[0] = p->trust = pub_cell(p, st->trust);
	both[1] = p->notrust = pub_cell(p, st->cases - st->trust);
	kri_sdc_line(&p->d, p->cases, both, 2);
	p->overdue = pub_cell(p, st->overdue);
	for (int k = 0; k < KR_CONT__N; k++)
		p->meet[k] = pub_cell(p, st->meetings[k]);
	for (size_t k = 0; k < st->nids; k++)
		for (int l = 0; l < 3; l++)
			p->sig[k * 3 + (size_t)l] = pub_cell(p, st->signals[k][l]);
	if (p->d.nomem || !kri_sdc_protect(&p->d)) {
		free(p->sig);
		kri_sdc_cleanup(&p->d);
		return false;
	}
	return true;
}

static void pub_cleanup(struct pub *p)
{
	free(p->sig);
	kri_sdc_cleanup(&p->d);
}

static bool held(const struct pub *p, size_t cell)
{
	return kri_sdc_suppressed(&p->d, cell);
}

static long shown(const struct pub *p, size_t cell)
{
	return kri_sdc_round(p->d.value[cell], KR_REPORT_ROUND);
}

static json_t *cell(const struct pub *p, size_t c)
{
	return held(p, c) ? json_null() : json_integer((json_int_t)shown(p, c));
}

void *kr_stats_json(const struct kr_stats *st)
{
	json_t *forms = NULL, *sig = NULL, *meet = NULL, *median, *share;
	struct pub p;
	char day[11];
	void *out = NULL;

	if (!publish(st, &p))
		return NULL;
	forms = json_object();
	sig = json_object();
	meet = json_object();
	if (!forms || !sig || !meet)
		goto out;
	for (int f = 0; f < KR_FORM__N; f++)
		if (st->by_form[f])
			json_object_set_new(forms, f ? kr_enum_name(KR_ENUM_FORM, f) : "none",
			                    cell(&p, p.form[f]));
	for (size_t k = 0; k < st->nids; k++)
		json_object_set_new(sig, st->ids[k], json_pack("{s:o, s:o, s:o}",
		                    "alert", cell(&p, p.sig[k * 3 + KR_LEVEL_ALERT]),
		                    "warning", cell(&p, p.sig[k * 3 + KR_LEVEL_WARNING]),
		                    "info", cell(&p, p.sig[k * 3 + KR_LEVEL_INFO])));
	for (int k = KR_CONT_A; k < KR_CONT__N; k++)
		json_object_set_new(meet, kr_enum_name(KR_ENUM_CONTINUUM, k), cell(&p, p.meet[k]));
	if (st->meetings[KR_CONT_NONE])
		json_object_set_new(meet, "none", cell(&p, p.meet[KR_CONT_NONE]));
	/* the median of a held-back number of children would describe them */
	if (held(&p, p.cases) || st->nsizes == 0) {
		median = json_null();
	} else {
		size_t n = st->nsizes;
		median = n % 2 ? json_integer((json_int_t)st->sizes[n / 2])
		               : json_real(((double)st->sizes[n / 2 - 1] + (double)st->sizes[n / 2]) /
		                           2.0);
	}
	/* a share rests on its counts: held back with either of them */
	if (held(&p, p.cases) || held(&p, p.trust) || held(&p, p.notrust) || st->cases == 0)
		share = json_null();
	else
		share = json_real((double)(long)((double)st->trust / (double)st->cases * 100.0 + 0.5) /
		                  100.0);
	out = json_pack("{s:s, s:{s:i, s:i}, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	                "as_of", kr_date_format(kr_date_from_days(st->as_of), day),
	                "disclosure", "round_to", KR_REPORT_ROUND, "suppress_below",
	                KR_REPORT_SUPPRESS_BELOW,
	                "cases", cell(&p, p.cases), "by_form", forms, "signals", sig,
	                "median_network_size", median, "trust_figure_share", share,
	                "meetings_12m", meet, "agreements_overdue", cell(&p, p.overdue));
	forms = sig = meet = NULL;   /* taken (or freed) by json_pack's "o" */
out:
	json_decref(forms);
	json_decref(sig);
	json_decref(meet);
	pub_cleanup(&p);
	return out;
}

static void text_cell(struct kr_buf *b, const struct pub *p, size_t c)
{
	if (held(p, c))
		kr_buf_puts(b, "x");
	else
		kr_buf_printf(b, "%ld", shown(p, c));
}

enum kr_status kr_stats_text(const struct kr_stats *st, enum kr_lang L, struct kr_buf *b)
{
	struct pub p;
	char d[40];

	if (!publish(st, &p))
		return KR_ENOMEM;
	kr_buf_printf(b, kr_tr(L, "Cijfers zonder personen op %s\n", "Figures without persons on %s\n"),
	              kr_words_day(st->as_of, L, d, sizeof d));
	kr_buf_printf(b, "  %-44s ", kr_tr(L, "dossiers:", "cases:"));
	text_cell(b, &p, p.cases);
	kr_buf_puts(b, kr_tr(L, "\n  waar de kinderen wonen:\n", "\n  where the children live:\n"));
	for (int f = 0; f < KR_FORM__N; f++) {
		if (!st->by_form[f])
			continue;
		kr_buf_printf(b, "    %-42s ", f ? kr_enum_label(KR_ENUM_FORM, f, L)
		                                 : kr_tr(L, "geen plaatsing", "no placement"));
		text_cell(b, &p, p.form[f]);
		kr_buf_puts(b, "\n");
	}
	kr_buf_printf(b, "  %-44s ", kr_tr(L, "met een vertrouwensfiguur:", "with a trust figure:"));
	text_cell(b, &p, p.trust);
	kr_buf_printf(b, "\n  %-44s ", kr_tr(L, "afspraken te laat:", "agreements overdue:"));
	text_cell(b, &p, p.overdue);
	kr_buf_puts(b, kr_tr(L, "\n  netwerkbijeenkomsten in 12 maanden:\n",
	                        "\n  network meetings in 12 months:\n"));
	for (int k = KR_CONT_A; k < KR_CONT__N; k++) {
		kr_buf_printf(b, "    %-42s ", kr_enum_name(KR_ENUM_CONTINUUM, k));
		text_cell(b, &p, p.meet[k]);
		kr_buf_puts(b, "\n");
	}
	kr_buf_puts(b, kr_tr(L, "  signalen (kinderen; alarm / let op / info):\n",
	                        "  signals (children; alert / warning / info):\n"));
	for (size_t k = 0; k < st->nids; k++) {
		size_t *v = st->signals[k];
		if (!v[0] && !v[1] && !v[2])
			continue;
		kr_buf_printf(b, "    %-42s ", kr_signals_title(st->ids[k], L));
		for (int l = KR_LEVEL_ALERT; l >= KR_LEVEL_INFO; l--) {
			text_cell(b, &p, p.sig[k * 3 + (size_t)l]);
			kr_buf_puts(b, l > KR_LEVEL_INFO ? " / " : "\n");
		}
	}
	kr_buf_printf(b, kr_tr(L, "\nAantallen zijn afgerond op %d; x: minder dan %d, of zou een klein "
	                          "aantal verraden (niet getoond).\n",
	                       "\nCounts are rounded to %d; x: under %d, or it would give a small "
	                       "count away (not shown).\n"), KR_REPORT_ROUND, KR_REPORT_SUPPRESS_BELOW);
	pub_cleanup(&p);
	return b->failed ? b->why : KR_OK;
}
