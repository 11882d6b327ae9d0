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
#include "kring/stats.h"
#include "kring/store.h"
#include "kring/summary.h"
#include "kring/words.h"

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

/* A count with small-cell suppression. */
static json_t *cell(size_t n)
{
	if (n > 0 && n < KR_STATS_SMALL)
		return json_string("<5");
	return json_integer((json_int_t)n);
}

static bool small(size_t n)
{
	return n > 0 && n < KR_STATS_SMALL;
}

/*
 * Secondary suppression of a row whose total is published (by_form, whose
 * cells add up to `cases`).  A reader who knows the total and the visible
 * cells knows the sum H of the hidden ones; with one hidden cell that is
 * its value, and with two "<5" cells adding up to 2 both are 1.  So when
 * a row hides anything, more cells are hidden, smallest first, until at
 * least two are hidden and H - (k - 1) >= KR_STATS_SMALL - 1 (k hidden
 * cells, each at least 1: every hidden cell can then be anything from 1 to
 * 4 as far as the total tells), and every hidden cell of such a row is
 * shown as "x" (a "<5" among them would tell the others are 5 or more).
 * When the total itself is hidden ("<5") nothing can be subtracted.  hide[i]
 * is set for the cells to show as "x"; returns whether any is.
 */
static bool row_suppress(const size_t *v, size_t n, size_t total, bool *hide)
{
	size_t k = 0, h = 0;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		hide[i] = small(v[i]);
		any |= hide[i];
		k += hide[i];
		h += hide[i] ? v[i] : 0;
	}
	if (!any || small(total))
		return false;
	while (k < 2 || h + 1 < k + KR_STATS_SMALL - 1) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (v[i] && !hide[i] && (best == n || v[i] < v[best]))
				best = i;
		if (best == n)
			break;   /* everything is hidden */
		hide[best] = true;
		k++;
		h += v[best];
	}
	return true;
}

/* A cell of a row after row_suppress(). */
static json_t *row_cell(size_t n, bool hidden, bool any)
{
	return any && hidden ? json_string("x") : cell(n);
}

/* The share of cases with a trust figure tells how many have one (and how
 * many have none) once the number of cases is known: null when either is
 * a small count. */
static bool share_hidden(const struct kr_stats *st)
{
	return st->cases < KR_STATS_SMALL || st->nsizes == 0 || small(st->trust) ||
	       small(st->cases - st->trust);
}

void *kr_stats_json(const struct kr_stats *st)
{
	json_t *forms = json_object(), *sig = json_object(), *meet = json_object();
	json_t *median, *share;
	bool hide[KR_FORM__N], any;
	char day[11];

	if (!forms || !sig || !meet)
		goto fail;
	any = row_suppress(st->by_form, KR_FORM__N, st->cases, hide);
	for (int f = 0; f < KR_FORM__N; f++)
		if (st->by_form[f])
			json_object_set_new(forms, f ? kr_enum_name(KR_ENUM_FORM, f) : "none",
			                    row_cell(st->by_form[f], hide[f], any));
	for (size_t k = 0; k < st->nids; k++)
		json_object_set_new(sig, st->ids[k], json_pack("{s:o, s:o, s:o}",
		                    "alert", cell(st->signals[k][KR_LEVEL_ALERT]),
		                    "warning", cell(st->signals[k][KR_LEVEL_WARNING]),
		                    "info", cell(st->signals[k][KR_LEVEL_INFO])));
	for (int k = KR_CONT_A; k < KR_CONT__N; k++)
		json_object_set_new(meet, kr_enum_name(KR_ENUM_CONTINUUM, k), cell(st->meetings[k]));
	if (st->meetings[KR_CONT_NONE])
		json_object_set_new(meet, "none", cell(st->meetings[KR_CONT_NONE]));
	if (st->cases < KR_STATS_SMALL || st->nsizes == 0) {
		median = json_null();
	} else {
		size_t n = st->nsizes;
		median = n % 2 ? json_integer((json_int_t)st->sizes[n / 2])
		               : json_real(((double)st->sizes[n / 2 - 1] + (double)st->sizes[n / 2]) /
		                           2.0);
	}
	if (share_hidden(st))
		share = json_null();
	else
		share = json_real((double)(long)((double)st->trust / (double)st->cases * 100.0 + 0.5) /
		                  100.0);
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	                 "as_of", kr_date_format(kr_date_from_days(st->as_of), day),
	                 "cases", cell(st->cases), "by_form", forms, "signals", sig,
	                 "median_network_size", median, "trust_figure_share", share,
	                 "meetings_12m", meet, "agreements_overdue", cell(st->overdue));
fail:
	json_decref(forms);
	json_decref(sig);
	json_decref(meet);
	return NULL;
}

static void text_cell(struct kr_buf *b, size_t n)
{
	if (n > 0 && n < KR_STATS_SMALL)
		kr_buf_puts(b, "<5");
	else
		kr_buf_printf(b, "%zu", n);
}

enum kr_status kr_stats_text(const struct kr_stats *st, enum kr_lang L, struct kr_buf *b)
{
	bool hide[KR_FORM__N], any;
	char d[40];

	kr_buf_printf(b, kr_tr(L, "Cijfers zonder personen op %s\n", "Figures without persons on %s\n"),
	              kr_words_day(st->as_of, L, d, sizeof d));
	kr_buf_printf(b, "  %-44s ", kr_tr(L, "dossiers:", "cases:"));
	text_cell(b, st->cases);
	kr_buf_puts(b, kr_tr(L, "\n  waar de kinderen wonen:\n", "\n  where the children live:\n"));
	any = row_suppress(st->by_form, KR_FORM__N, st->cases, hide);
	for (int f = 0; f < KR_FORM__N; f++) {
		if (!st->by_form[f])
			continue;
		kr_buf_printf(b, "    %-42s ", f ? kr_enum_label(KR_ENUM_FORM, f, L)
		                                 : kr_tr(L, "geen plaatsing", "no placement"));
		if (any && hide[f])
			kr_buf_puts(b, "x");
		else
			text_cell(b, st->by_form[f]);
		kr_buf_puts(b, "\n");
	}
	kr_buf_printf(b, "  %-44s ", kr_tr(L, "met een vertrouwensfiguur:", "with a trust figure:"));
	text_cell(b, st->trust);
	kr_buf_printf(b, "\n  %-44s ", kr_tr(L, "afspraken te laat:", "agreements overdue:"));
	text_cell(b, st->overdue);
	kr_buf_puts(b, kr_tr(L, "\n  netwerkbijeenkomsten in 12 maanden:\n",
	                        "\n  network meetings in 12 months:\n"));
	for (int k = KR_CONT_A; k < KR_CONT__N; k++) {
		kr_buf_printf(b, "    %-42s ", kr_enum_name(KR_ENUM_CONTINUUM, k));
		text_cell(b, st->meetings[k]);
		kr_buf_puts(b, "\n");
	}
	kr_buf_puts(b, kr_tr(L, "  signalen (kinderen; alarm / let op / info):\n",
	                        "  signals (children; alert / warning / info):\n"));
	for (size_t k = 0; k < st->nids; k++) {
		size_t *v = st->signals[k];
		if (!v[0] && !v[1] && !v[2])
			continue;
		kr_buf_printf(b, "    %-42s ", kr_signals_title(st->ids[k], L));
		text_cell(b, v[KR_LEVEL_ALERT]);
		kr_buf_puts(b, " / ");
		text_cell(b, v[KR_LEVEL_WARNING]);
		kr_buf_puts(b, " / ");
		text_cell(b, v[KR_LEVEL_INFO]);
		kr_buf_puts(b, "\n");
	}
	return b->failed ? b->why : KR_OK;
}
