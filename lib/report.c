/*
 * report.c - the figures of report.h, defined in docs/report.md: the
 * embedding monitor and the startfoto, computed from the facts of every
 * latest revision (facts_int.h), and their disclosure control
 * (disclosure_int.h).  The writers are report_write.c (JSON, text, CSV),
 * report_xlsx.c and report_pdf.c.
 *
 * How: one walk over the facts.  Each case is placed in its units - its
 * municipality (the organisation's report: municipalities, their regions,
 * the organisation) or its team and the workers it is assigned to (a
 * team's monitor) - and adds its contribution to their true counts: the
 * small model of the case is turned back into a struct kr_case
 * (kri_facts_case) so that the path (path.h), the current placement
 * (case.h) and the plan's rules (plan.h) answer, and the signals come from
 * the day facts.  Then every count of both reports becomes a cell of one
 * disclosure problem with every equation between them, which is protected
 * at once, and the rows of the report asked for are written out.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "disclosure_int.h"
#include "facts_int.h"
#include "kring/date.h"
#include "kring/enum.h"
#include "kring/family.h"
#include "kring/path.h"
#include "kring/plan.h"
#include "kring/report.h"
#include "kring/signals.h"
#include "report_int.h"
#include "store_int.h"

#define MAXSLOT 16          /* days of the monitor, quarters of the startfoto */
#define MONITOR_QUARTERS 8
#define STARTFOTO_QUARTERS 4
#define NLETTERS 5          /* A B C D, any */

/* The true counts of one unit.  All longs, so units add up as arrays. */
struct acc {
	/* the monitor, per day */
	long mon_children[MAXSLOT], map[MAXSLOT], plan[MAXSLOT], meet[MAXSLOT][NLETTERS];
	long wish_children[MAXSLOT], wish_yes[MAXSLOT];
	long agr_children[MAXSLOT], agr_overdue[MAXSLOT], agr_done[MAXSLOT];
	long trust[MAXSLOT], alert[MAXSLOT], heard_children[MAXSLOT], heard_yes[MAXSLOT];
	/* the startfoto */
	long form[KR_FORM__N];                 /* [0]: no current placement */
	long care[3];                          /* network, stranger, unknown */
	long traj_new[MAXSLOT][KR_REF__N], traj_end[MAXSLOT][KR_REF__N];
	long reason[MAXSLOT][KR_CLOSED__N];
	long bd_children[MAXSLOT], bd_count[MAXSLOT], bd_days[MAXSLOT];
	long moves[4], moves_sum;
	long persp_cohort, persp6, persp12;
	long dev_children, dev_yes;
	long time[4];
	long flow[MAXSLOT][2];
	/* open at the quarter's start + new + sf_minus = open at its end + ended
	 * + sf_plus: what a case that breaks the stock-flow equation (closed
	 * before it was opened) adds to one side */
	long sf_plus[MAXSLOT], sf_minus[MAXSLOT];
	long voice_children, voice_yes, voice_wishes, voice_answered;
};

#define NLONGS (sizeof(struct acc) / sizeof(long))
#define AT(field) offsetof(struct acc, field)

struct vote { char *region; long n; };

struct unit {
	char *key[2];            /* region, municipality / team, worker ("total") */
	char *name;              /* a municipality's name */
	int parent;              /* -1 for the top */
	int level;               /* 0 top, 1 region, 2 municipality (team: 0 team, 1 worker) */
	struct acc a;
	long *days_out;          /* days away from home, for the median */
	size_t ndays, capdays;
	struct vote *votes;      /* municipality: the regions its cases name */
	size_t nvotes;
	bool shown;
};

/* A worker of the team and a case assigned to them. */
struct assigned { char *ref, *worker; };

/* The signals of one case on the monitor's days before the as-of day (the
 * as-of day's come with the walk itself): the rules that fired, those
 * that lacked data and whether an alert was among them, per day. */
struct sigcase {
	char *ref;
	long rev;
	uint64_t fired[MAXSLOT], missing[MAXSLOT];
	bool alert[MAXSLOT], has[MAXSLOT];
};

struct ctx {
	struct kr_store *s;
	const struct kr_report_query *q;
	const struct kr_settings *set;
	struct kr_report *r;
	bool team;
	bool protect;            /* false only for the tests of the definitions */
	/* days and quarters */
	long day[MAXSLOT];       /* the monitor's days; the last is as-of */
	size_t ndays;
	long qs[MAXSLOT], qe[MAXSLOT];   /* the startfoto's quarters */
	size_t nq;
	/* units */
	struct unit *u;
	size_t nu, capu;
	struct assigned *as;
	size_t nas, at;
	struct sigcase *sg;      /* ordered by ref, like the walks */
	size_t nsg, capsg, sgat, sgslot;
	/* per case */
	struct kri_mini mini;
	struct acc c;
	uint64_t bit_trust, bit_trust_prof, bit_heard, bit_dev;
	enum kr_status rc;
	struct kr_error *err;
	bool mun_seen, region_seen;   /* a case names the asked municipality, region */
	/* the disclosure problem and the rows waiting for it */
	struct kri_sdc d;
	size_t children_cell[MAXSLOT];   /* the monitor's open children per day */
	struct pending *p;
	size_t np, capp;
};

/* ---- small helpers ----------------------------------------------------------- */

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static enum kr_status nomem(struct kr_error *err)
{
	return kr_error_say(err, KR_ENOMEM, "geen geheugen meer voor de cijfers",
	                    "out of memory computing the figures");
}

static long quarter_start(long day)
{
	struct kr_date d = kr_date_from_days(day);
	return kr_days_from_civil(d.y, (d.m - 1) / 3 * 3 + 1, 1);
}

static long quarter_end(long day)
{
	return kr_days_add_months(quarter_start(day), 3) - 1;
}

const char *kri_report_quarter(long day, char buf[8])
{
	struct kr_date d = kr_date_from_days(day);
	snprintf(buf, 8, "%04d-Q%d", d.y % 10000, (d.m - 1) / 3 + 1);
	return buf;
}

/* Overlap in days of [a0, a1] and [b0, b1]. */
static long overlap(long a0, long a1, long b0, long b1)
{
	long lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi >= lo ? hi - lo + 1 : 0;
}

static bool foster_form(int form)
{
	return form == KR_FORM_INFORMAL_NETWORK || form == KR_FORM_FOSTER_PARTTIME ||
	       form == KR_FORM_FOSTER_FULLTIME || form == KR_FORM_CRISIS;
}

static bool family_form(int form)
{
	return form == KR_FORM_INFORMAL_NETWORK || form == KR_FORM_FOSTER_FULLTIME ||
	       form == KR_FORM_CRISIS || form == KR_FORM_FAMILY_HOME;
}

/* The case is open on day x: opened by then (or no date) and not closed. */
static bool open_on(const struct kri_facts *f, long x)
{
	return (!kr_date_valid(f->opened) || kr_date_first(f->opened) <= x) &&
	       (!kr_date_valid(f->closed) || kr_date_last(f->closed) > x);
}

/* ---- the windows --------------------------------------------------------------- */

static enum kr_status windows(struct ctx *x, struct kr_error *err)
{
	const struct kr_report_query *q = x->q;
	long as_of = q->as_of, to = q->to >= 0 && q->to < as_of ? q->to : as_of;
	long from = q->from;
	long qe = quarter_start(as_of) - 1;   /* the last quarter that ended before as-of */

	if (q->from >= 0 && q->to >= 0 && q->to < q->from)
		return kr_error_say(err, KR_EUSAGE, "--to ligt voor --from", "--to lies before --from");
	if (quarter_end(as_of) == as_of)
		qe = as_of;
	/* the startfoto: whole quarters that ended by as-of, in the window */
	if (from < 0)
		from = kr_days_add_months(quarter_start(qe), -3 * (STARTFOTO_QUARTERS - 1));
	for (long e = qe; e >= from; e = quarter_start(e) - 1) {
		if (quarter_start(e) > to)
			continue;
		if (x->nq == MAXSLOT)
			return kr_error_say(err, KR_EUSAGE, "hoogstens %d kwartalen tegelijk",
			                    "at most %d quarters at a time", MAXSLOT);
		x->qe[x->nq] = e;
		x->qs[x->nq++] = quarter_start(e);
	}
	for (size_t i = 0; i < x->nq / 2; i++) {     /* oldest first */
		long a = x->qs[i], b = x->qe[i];
		x->qs[i] = x->qs[x->nq - 1 - i];
		x->qe[i] = x->qe[x->nq - 1 - i];
		x->qs[x->nq - 1 - i] = a;
		x->qe[x->nq - 1 - i] = b;
	}
	/* the monitor: quarter ends before as-of, then as-of */
	from = q->from >= 0 ? q->from : kr_days_add_months(quarter_start(as_of), -3 * MONITOR_QUARTERS);
	for (long e = quarter_start(as_of) - 1; e >= from && x->ndays < MAXSLOT - 1;
	     e = quarter_start(e) - 1)
		if (e <= to)
			x->day[x->ndays++] = e;
	for (size_t i = 0; i < x->ndays / 2; i++) {
		long a = x->day[i];
		x->day[i] = x->day[x->ndays - 1 - i];
		x->day[x->ndays - 1 - i] = a;
	}
	x->day[x->ndays++] = as_of;
	x->r->from = x->nq ? x->qs[0] : as_of;
	x->r->to = x->nq ? x->qe[x->nq - 1] : as_of;
	return KR_OK;
}

size_t kr_report_monitor_days(long as_of, long *days, size_t max)
{
	size_t n = 0;
	long from = kr_days_add_months(quarter_start(as_of), -3 * MONITOR_QUARTERS);

	for (long e = quarter_start(as_of) - 1; e >= from && n < max; e = quarter_start(e) - 1)
		days[n++] = e;
	return n;
}

/* ---- units --------------------------------------------------------------------- */

static int add_unit(struct ctx *x, const char *k0, const char *k1, int parent, int level)
{
	struct unit *u;
	if (x->nu == x->capu) {
		size_t cap = x->capu ? x->capu * 2 : 32;
		struct unit *g = realloc(x->u, cap * sizeof *g);
		if (!g)
			return -1;
		x->u = g;
		x->capu = cap;
	}
	u = &x->u[x->nu];
	memset(u, 0, sizeof *u);
	u->key[0] = dup(k0);
	u->key[1] = dup(k1);
	u->name = dup("");
	u->parent = parent;
	u->level = level;
	if (!u->key[0] || !u->key[1] || !u->name) {
		free(u->key[0]);
		free(u->key[1]);
		free(u->name);
		return -1;
	}
	return (int)x->nu++;
}

static void free_units(struct ctx *x)
{
	for (size_t i = 0; i < x->nu; i++) {
		free(x->u[i].key[0]);
		free(x->u[i].key[1]);
		free(x->u[i].name);
		free(x->u[i].days_out);
		for (size_t k = 0; k < x->u[i].nvotes; k++)
			free(x->u[i].votes[k].region);
		free(x->u[i].votes);
	}
	free(x->u);
	x->u = NULL;
	x->nu = x->capu = 0;
}

/* The municipality unit of a case (org mode), made on first sight; its
 * region counts one vote.  -1 when out of memory. */
static int municipality_unit(struct ctx *x, const struct kri_facts *f)
{
	const char *code = f->municipality[0] ? f->municipality : "unknown";
	const char *region = f->region[0] ? f->region : "unknown";
	struct unit *u;
	int k = -1;

	for (size_t i = 1; i < x->nu && k < 0; i++)
		if (strcmp(x->u[i].key[1], code) == 0)
			k = (int)i;
	if (k < 0 && (k = add_unit(x, "", code, 0, 2)) < 0)
		return -1;
	u = &x->u[k];
	if (f->municipality_name[0] && !u->name[0]) {
		char *n = dup(f->municipality_name);
		if (!n)
			return -1;
		free(u->name);
		u->name = n;
	}
	for (size_t i = 0; i < u->nvotes; i++)
		if (strcmp(u->votes[i].region, region) == 0) {
			u->votes[i].n++;
			return k;
		}
	{
		struct vote *g = realloc(u->votes, (u->nvotes + 1) * sizeof *g);
		if (!g)
			return -1;
		u->votes = g;
		if (!(g[u->nvotes].region = dup(region)))
			return -1;
		g[u->nvotes++].n = 1;
	}
	return k;
}

static int worker_unit(struct ctx *x, const char *worker)
{
	for (size_t i = 1; i < x->nu; i++)
		if (strcmp(x->u[i].key[1], worker) == 0)
			return (int)i;
	return add_unit(x, x->q->team, worker, 0, 1);
}

static bool add_day_out(struct unit *u, long days)
{
	if (u->ndays == u->capdays) {
		size_t cap = u->capdays ? u->capdays * 2 : 64;
		long *g = realloc(u->days_out, cap * sizeof *g);
		if (!g)
			return false;
		u->days_out = g;
		u->capdays = cap;
	}
	u->days_out[u->ndays++] = days;
	return true;
}

static void acc_add(struct acc *to, const struct acc *from)
{
	long *t = (long *)to;
	const long *f = (const long *)from;
	for (size_t i = 0; i < NLONGS; i++)
		t[i] += f[i];
}

/* ---- one case -------------------------------------------------------------------- */

/* The latest review date on or before day x, or none. */
static bool review_on(const struct kri_facts *f, long x, struct kr_date *out)
{
	bool found = false;
	for (size_t i = 0; i < f->nreviews; i++)
		if (kr_date_last(f->reviews[i]) <= x &&
		    (!found || kr_date_last(f->reviews[i]) >= kr_date_last(*out))) {
			*out = f->reviews[i];
			found = true;
		}
	return found;
}

/* The monitor's dated figures of one case on day x (slot i). */
static void monitor_day(struct ctx *x, const struct kri_facts *f, size_t i)
{
	struct acc *c = &x->c;
	long day = x->day[i], six = kr_days_add_months(day, -6),
	     year = kr_days_add_months(day, -12);
	int wish_days = x->set->v[KR_SET_WISH_RESPONSE_DAYS];
	struct kr_date rv;
	bool letter[NLETTERS] = { false }, any_wish = false, all_in_time = true;
	bool any_agr = false, overdue = false, done = false;

	if (!open_on(f, day))
		return;
	c->mon_children[i] = 1;
	for (size_t k = 0; k < f->nmap_days; k++)
		if (f->map_days[k] > six && f->map_days[k] <= day)
			c->map[i] = 1;
	if (review_on(f, day, &rv)) {
		struct kr_case *m = &x->mini.c;
		struct kr_date keep_r = m->plan.reviewed, keep_a = m->plan.adopted;
		bool keep_p = m->plan.present;
		long next;
		m->plan.present = true;
		m->plan.reviewed = rv;
		m->plan.adopted = rv;
		next = kr_plan_next_review(m, x->set);
		m->plan.present = keep_p;
		m->plan.reviewed = keep_r;
		m->plan.adopted = keep_a;
		c->plan[i] = next >= day;
	}
	for (size_t k = 0; k < f->nmeetings; k++) {
		const struct kri_fmeeting *m = &f->meetings[k];
		if (!kr_date_valid(m->date) || kr_date_first(m->date) > day ||
		    kr_date_last(m->date) <= year)
			continue;
		letter[NLETTERS - 1] = true;
		if (m->continuum >= KR_CONT_A && m->continuum <= KR_CONT_D)
			letter[m->continuum - KR_CONT_A] = true;
	}
	for (int l = 0; l < NLETTERS; l++)
		c->meet[i][l] = letter[l];
	for (size_t k = 0; k < f->nwishes; k++) {
		const struct kri_fwish *w = &f->wishes[k];
		long d;
		if (!kr_date_valid(w->date) || w->answered_day == KRI_DAY_UNKNOWN)
			continue;
		d = kr_date_first(w->date);
		if (d <= year || d + wish_days > day)
			continue;
		any_wish = true;
		if (w->answered_day > d + wish_days)
			all_in_time = false;
	}
	if (any_wish) {
		c->wish_children[i] = 1;
		c->wish_yes[i] = all_in_time;
	}
	for (size_t k = 0; k < f->nagreements; k++) {
		const struct kri_fagreement *a = &f->agreements[k];
		struct kr_agreement stub;
		if (a->first_seen != KRI_DAY_BEFORE && a->first_seen > day)
			continue;
		any_agr = true;
		memset(&stub, 0, sizeof stub);
		stub.status = a->closed_since > day ? KR_AGR_OPEN : (enum kr_agreement_status)a->status;
		stub.due = a->due;
		overdue |= kr_plan_agreement_overdue(&stub, day);
		done |= a->status == KR_AGR_DONE && a->closed_since <= day;
	}
	if (any_agr) {
		c->agr_children[i] = 1;
		c->agr_overdue[i] = overdue;
		c->agr_done[i] = done;
	}
}

/* The monitor's figures that come from the signals, on day slot i: the
 * rules that fired (and lacked data) that day and whether an alert did. */
static void monitor_signals(struct ctx *x, const struct kri_facts *f, size_t i, uint64_t fired,
                            uint64_t missing, bool alert)
{
	struct acc *c = &x->c;
	long day = x->day[i];
	int age = kr_age_years(f->born, day);

	if (!open_on(f, day))
		return;
	c->trust[i] = !(fired & (x->bit_trust | x->bit_trust_prof));
	c->alert[i] = alert;
	if (age >= x->set->v[KR_SET_HEARD_MIN_AGE]) {
		c->heard_children[i] = 1;
		c->heard_yes[i] = !((fired | missing) & x->bit_heard);
	}
}

/* A walk of the facts on an earlier monitor day (x->sgslot): keeps each
 * case's signals of that day. */
static int sig_visit(const struct kri_facts_row *row, void *arg)
{
	struct ctx *x = arg;
	const struct kri_facts *f = row->f;
	size_t s = x->sgslot;
	struct sigcase *k = NULL;

	/* both walks go by ref: a merge */
	while (x->sgat < x->nsg && strcmp(x->sg[x->sgat].ref, row->ref) < 0)
		x->sgat++;
	if (x->sgat < x->nsg && strcmp(x->sg[x->sgat].ref, row->ref) == 0) {
		k = &x->sg[x->sgat];
	} else if (x->sgat == x->nsg) {
		if (x->nsg == x->capsg) {
			size_t cap = x->capsg ? x->capsg * 2 : 1024;
			struct sigcase *g = realloc(x->sg, cap * sizeof *g);
			if (!g)
				goto fail;
			x->sg = g;
			x->capsg = cap;
		}
		k = &x->sg[x->nsg];
		memset(k, 0, sizeof *k);
		if (!(k->ref = dup(row->ref)))
			goto fail;
		k->rev = row->rev;
		x->nsg++;
	} else {
		return 0;     /* a case stored between two walks: left out of the trend */
	}
	if (k->rev != row->rev)
		return 0;
	k->fired[s] = f->fired;
	k->missing[s] = f->missing;
	k->alert[s] = f->counts[KR_LEVEL_ALERT] > 0;
	k->has[s] = true;
	return 0;
fail:
	x->rc = nomem(x->err);
	return 1;
}

/*
 * The signals of every case on every monitor day before the as-of day: a
 * walk per day, whose day facts are computed for it (the cold path).  The
 * monitor only: in the startfoto's run these cells are not shown, and
 * leaving them out changes no other cell's protection - a share's line
 * (children = yes + the others) never hides its children (the others are
 * never shown, and a hidden yes and others add up to the shown children,
 * 10 or more), and the trust, heard and alert cells are in no other line.
 */
static int kept_visit(const struct kri_facts_row *row, size_t slot, void *arg)
{
	struct ctx *x = arg;
	x->sgslot = slot;
	return sig_visit(row, arg);
}

static enum kr_status signal_days(struct ctx *x, struct kr_error *err)
{
	enum kr_status rc;
	bool all = false;

	if (x->q->kind != KR_REPORT_MONITOR)
		return KR_OK;
	/* the days `kring reindex` kept, all in one read */
	x->sgat = 0;
	if ((rc = kri_facts_kept(x->s, x->day, x->ndays - 1, x->set, kept_visit, x, &all, err)))
		return rc;
	if (x->rc)
		return x->rc;
	x->sgat = 0;
	if (all)
		return KR_OK;

	for (size_t s = 0; s + 1 < x->ndays; s++) {
		x->sgslot = s;
		x->sgat = 0;
		if ((rc = kri_facts_walk(x->s, x->day[s], x->set, sig_visit, x, err)))
			return rc;
		if (x->rc)
			return x->rc;
	}
	x->sgat = 0;
	return KR_OK;
}

static void free_sig(struct ctx *x)
{
	for (size_t i = 0; i < x->nsg; i++)
		free(x->sg[i].ref);
	free(x->sg);
	x->sg = NULL;
	x->nsg = x->capsg = 0;
}

/* The startfoto's figures of one case.  *days_out is set (>= 0) when the
 * child lives away from home on as-of. */
static void startfoto(struct ctx *x, const struct kri_facts *f, const struct kr_path *p,
                      long *days_out)
{
	struct acc *c = &x->c;
	const struct kr_case *m = &x->mini.c;
	long as_of = x->q->as_of;
	int cur = p->current, form = cur >= 0 ? m->placements[cur].form : 0;
	int age = kr_age_years(f->born, as_of);

	*days_out = -1;
	if (open_on(f, as_of)) {
		c->form[form]++;
		if (cur >= 0 && foster_form(form)) {
			enum kr_tribool net = m->placements[cur].network;
			c->care[net == KR_TRUE ? 0 : net == KR_FALSE ? 1 : 2]++;
		}
		if (cur >= 0 && kr_path_form_fulltime((enum kr_form)form)) {
			long d = p->days_out;
			c->moves[p->moves_period > 3 ? 3 : p->moves_period]++;
			c->moves_sum += p->moves_period;
			c->time[d < 365 ? 0 : d < 730 ? 1 : d < 1826 ? 2 : 3]++;
			*days_out = d;
		}
		if (cur >= 0 && age >= 0 && age < 18) {
			c->dev_children = 1;
			c->dev_yes = !((f->fired | f->missing) & x->bit_dev);
		}
		if (cur >= 0 && f->nwishes) {
			long answered = 0;
			for (size_t k = 0; k < f->nwishes; k++)
				answered += f->wishes[k].answered;
			c->voice_children = 1;
			c->voice_yes = answered == (long)f->nwishes;
			c->voice_wishes = (long)f->nwishes;
			c->voice_answered = answered;
		}
	}
	/* the perspective decision: children who left home 12 to 24 months ago
	 * and were still away a year later */
	for (size_t k = 0; k < p->nperiods; k++) {
		const struct kr_path_period *per = &p->periods[k];
		long y1 = kr_days_add_months(per->start, 12), pd;
		if (per->start <= kr_days_add_months(as_of, -24) ||
		    per->start > kr_days_add_months(as_of, -12) || (per->end >= 0 && per->end < y1))
			continue;
		c->persp_cohort = 1;
		pd = kr_date_valid(f->perspective) ? kr_date_first(f->perspective) : -1;
		c->persp6 = pd >= per->start && pd <= kr_days_add_months(per->start, 6);
		c->persp12 = pd >= per->start && pd <= y1;
	}
	for (size_t i = 0; i < x->nq; i++) {
		long qs = x->qs[i], qe = x->qe[i], days = 0, flow = 0;
		if (kr_date_valid(f->opened) && kr_date_first(f->opened) >= qs &&
		    kr_date_first(f->opened) <= qe) {
			c->traj_new[i][f->referrer]++;
			flow++;
		}
		if (kr_date_valid(f->closed) && kr_date_last(f->closed) >= qs &&
		    kr_date_last(f->closed) <= qe) {
			c->traj_end[i][f->referrer]++;
			c->reason[i][f->closed_reason]++;
			flow--;
		}
		flow += open_on(f, qs - 1) - open_on(f, qe);
		if (flow > 0)
			c->sf_plus[i] = flow;
		else
			c->sf_minus[i] = -flow;
		for (size_t k = 0; k < p->nhomes; k++)
			days += overlap(p->homes[k].start, p->homes[k].end < 0 ? as_of
			                : p->homes[k].end, qs, qe);
		if (days > 0) {
			c->bd_children[i] = 1;
			c->bd_days[i] = days;
		}
		for (size_t k = 0; k < p->nbreakdowns; k++)
			c->bd_count[i] += p->breakdowns[k].period >= 0 && p->breakdowns[k].day >= qs &&
			                  p->breakdowns[k].day <= qe;
		for (size_t k = 1; k < p->nhomes; k++) {
			const struct kr_path_home *h = &p->homes[k];
			int from = m->placements[p->homes[k - 1].last].form, to = m->placements[h->first].form;
			if (!h->move || h->start < qs || h->start > qe)
				continue;
			if (from == KR_FORM_RESIDENTIAL && family_form(to))
				c->flow[i][0] = 1;
			if (family_form(from) && to == KR_FORM_RESIDENTIAL)
				c->flow[i][1] = 1;
		}
	}
}

/* The caseload row of one case for one worker. */
static bool caseload_row(struct ctx *x, const struct kri_facts_row *row, const char *worker,
                         const struct kr_path *p)
{
	struct kr_report *r = x->r;
	struct kr_report_case *k;
	const struct kr_case *m = &x->mini.c;
	const struct kri_facts *f = row->f;
	size_t n;
	const char *const *ids = kr_signals_catalogue(&n);

	if (r->ncaseload % 64 == 0) {
		struct kr_report_case *g = realloc(r->caseload, (r->ncaseload + 64) * sizeof *g);
		if (!g)
			return false;
		r->caseload = g;
	}
	k = &r->caseload[r->ncaseload];
	memset(k, 0, sizeof *k);
	k->worker = dup(worker);
	k->ref = dup(row->ref);
	k->child = x->q->names ? dup(row->child) : NULL;
	if (!k->worker || !k->ref || (x->q->names && !k->child)) {
		free(k->worker);
		free(k->ref);
		free(k->child);
		return false;
	}
	r->ncaseload++;
	k->form = p->current >= 0 ? kr_enum_name(KR_ENUM_FORM, m->placements[p->current].form) : "";
	k->alerts = f->counts[KR_LEVEL_ALERT];
	k->warnings = f->counts[KR_LEVEL_WARNING];
	k->infos = f->counts[KR_LEVEL_INFO];
	for (size_t i = 0; i < n && !k->top; i++)
		if (strcmp(ids[i], f->top) == 0)
			k->top = ids[i];
	k->top_level = f->top_level;
	for (size_t i = 0; i < f->nagreements; i++) {
		struct kr_agreement stub;
		memset(&stub, 0, sizeof stub);
		stub.status = (enum kr_agreement_status)f->agreements[i].status;
		stub.due = f->agreements[i].due;
		k->overdue += kr_plan_agreement_overdue(&stub, x->q->as_of);
	}
	k->next_review = kr_plan_next_review(m, x->set);
	return true;
}

static int by_ref(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int visit(const struct kri_facts_row *row, void *arg)
{
	struct ctx *x = arg;
	const struct kri_facts *f = row->f;
	struct kr_path *p = NULL;
	int units[64], nunits = 0;
	const char *workers[64];
	long days_out;

	if (x->q->municipality && strcmp(f->municipality[0] ? f->municipality : "unknown",
	                                 x->q->municipality) == 0)
		x->mun_seen = true;
	if (x->q->region && strcmp(f->region[0] ? f->region : "unknown", x->q->region) == 0)
		x->region_seen = true;
	if (x->q->restrict_cases &&
	    !bsearch(&row->ref, x->q->cases, x->q->ncases, sizeof *x->q->cases, by_ref))
		return 0;
	if (x->team) {
		/* a team's cases of one municipality or region only */
		if ((x->q->municipality && strcmp(f->municipality, x->q->municipality) != 0) ||
		    (x->q->region && strcmp(f->region, x->q->region) != 0))
			return 0;
		/* the assignments are sorted by ref, like the walk */
		while (x->at < x->nas && strcmp(x->as[x->at].ref, row->ref) < 0)
			x->at++;
		for (size_t k = x->at; k < x->nas && strcmp(x->as[k].ref, row->ref) == 0 &&
		     nunits < 63; k++) {
			int w = worker_unit(x, x->as[k].worker);
			if (w < 0)
				goto fail;
			workers[nunits] = x->as[k].worker;
			units[nunits++] = w;
		}
		if (!nunits)
			return 0;
		units[nunits++] = 0;
	} else {
		if ((units[0] = municipality_unit(x, f)) < 0)
			goto fail;
		nunits = 1;
	}
	if (!kri_facts_case(f, &x->mini) ||
	    kr_path_compute(&x->mini.c, x->q->as_of, x->set, &p, NULL))
		goto fail;
	memset(&x->c, 0, sizeof x->c);
	for (size_t i = 0; i < x->ndays; i++)
		monitor_day(x, f, i);
	monitor_signals(x, f, x->ndays - 1, f->fired, f->missing, f->counts[KR_LEVEL_ALERT] > 0);
	while (x->sgat < x->nsg && strcmp(x->sg[x->sgat].ref, row->ref) < 0)
		x->sgat++;
	if (x->sgat < x->nsg && strcmp(x->sg[x->sgat].ref, row->ref) == 0 &&
	    x->sg[x->sgat].rev == row->rev) {
		const struct sigcase *k = &x->sg[x->sgat];
		for (size_t i = 0; i + 1 < x->ndays; i++)
			if (k->has[i])
				monitor_signals(x, f, i, k->fired[i], k->missing[i], k->alert[i]);
	}
	startfoto(x, f, p, &days_out);
	for (int i = 0; i < nunits; i++) {
		struct unit *u = &x->u[units[i]];
		acc_add(&u->a, &x->c);
		if (days_out >= 0 && !add_day_out(u, days_out))
			goto fail;
		if (x->team && units[i] != 0 && open_on(f, x->q->as_of) &&
		    !caseload_row(x, row, workers[i], p))
			goto fail;
	}
	x->r->children++;
	kr_path_free(p);
	return 0;
fail:
	kr_path_free(p);
	x->rc = nomem(x->err);
	return 1;
}

/* ---- the team's assignments -------------------------------------------------------- */

static void free_assigned(struct ctx *x)
{
	for (size_t i = 0; i < x->nas; i++) {
		free(x->as[i].ref);
		free(x->as[i].worker);
	}
	free(x->as);
	x->as = NULL;
	x->nas = 0;
}

static enum kr_status load_assigned(struct ctx *x, struct kr_error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	enum kr_status rc;
	int step;

	if ((rc = kri_stmt(x->s, "SELECT a.case_ref, u.name FROM assignments a JOIN users u "
	                   "ON u.id = a.user_id WHERE (?1 <> '' AND u.team = ?1) OR u.name = ?2 "
	                   "ORDER BY a.case_ref, u.name", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, x->q->team, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, x->q->user ? x->q->user : "", -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (x->nas == cap) {
			struct assigned *g;
			cap = cap ? cap * 2 : 64;
			if (!(g = realloc(x->as, cap * sizeof *g))) {
				rc = nomem(err);
				break;
			}
			x->as = g;
		}
		x->as[x->nas].ref = dup((const char *)sqlite3_column_text(st, 0));
		x->as[x->nas].worker = dup((const char *)sqlite3_column_text(st, 1));
		x->nas++;
		if (!x->as[x->nas - 1].ref || !x->as[x->nas - 1].worker) {
			rc = nomem(err);
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = kri_store_fail(x->s, err, "Lezen uit de database lukt niet",
		                    "Reading from the database failed");
	sqlite3_reset(st);
	return rc;
}

/* ---- the hierarchy of the organisation ----------------------------------------------- */

static int cmp_str(const char *a, const char *b)
{
	int ua = strcmp(a, "unknown") == 0, ub = strcmp(b, "unknown") == 0;
	return ua != ub ? ua - ub : strcmp(a, b);
}

/* Sorts the units into display order: the organisation, then per region
 * its total and its municipalities, by name and code ("unknown" last). */
static int unit_order(const void *pa, const void *pb)
{
	const struct unit *a = pa, *b = pb;
	int c;
	if (a->level == 0 || b->level == 0)
		return a->level - b->level;
	if ((c = cmp_str(a->key[0], b->key[0])))
		return c;
	if (a->level != b->level)
		return a->level - b->level;
	return cmp_str(a->key[1], b->key[1]);
}

/* Gives every municipality the region most of its cases name, makes the
 * region units, adds the counts up and sorts the units.  Team mode: sorts
 * the workers. */
static enum kr_status build_tree(struct ctx *x, struct kr_error *err)
{
	size_t nleaf = x->nu;

	if (x->team) {
		if (x->nu > 2)
			qsort(x->u + 1, x->nu - 1, sizeof *x->u, unit_order);
		return KR_OK;
	}
	for (size_t i = 1; i < nleaf; i++) {
		struct unit *u = &x->u[i];
		const char *best = "unknown";
		long n = -1;
		char *k;
		for (size_t v = 0; v < u->nvotes; v++)
			if (u->votes[v].n > n || (u->votes[v].n == n &&
			                          cmp_str(u->votes[v].region, best) < 0)) {
				best = u->votes[v].region;
				n = u->votes[v].n;
			}
		if (!(k = dup(best)))
			return nomem(err);
		free(u->key[0]);
		u->key[0] = k;
	}
	for (size_t i = 1; i < nleaf; i++) {
		int reg = -1;
		for (size_t k = nleaf; k < x->nu && reg < 0; k++)
			if (strcmp(x->u[k].key[0], x->u[i].key[0]) == 0)
				reg = (int)k;
		if (reg < 0 && (reg = add_unit(x, x->u[i].key[0], "total", 0, 1)) < 0)
			return nomem(err);
	}
	qsort(x->u + 1, x->nu - 1, sizeof *x->u, unit_order);
	/* parents by key, now that the order is fixed; sums from the leaves up */
	for (size_t i = 1; i < x->nu; i++) {
		struct unit *u = &x->u[i];
		if (u->level != 2)
			continue;
		for (size_t k = 1; k < x->nu; k++)
			if (x->u[k].level == 1 && strcmp(x->u[k].key[0], u->key[0]) == 0)
				u->parent = (int)k;
	}
	for (int level = 2; level >= 1; level--)
		for (size_t i = 1; i < x->nu; i++) {
			struct unit *u = &x->u[i], *up;
			if (u->level != level)
				continue;
			up = &x->u[u->parent];
			acc_add(&up->a, &u->a);
			for (size_t k = 0; k < u->ndays; k++)
				if (!add_day_out(up, u->days_out[k]))
					return nomem(err);
		}
	return KR_OK;
}

/* Which units the report shows. */
static void choose_shown(struct ctx *x)
{
	const struct kr_report_query *q = x->q;
	for (size_t i = 0; i < x->nu; i++) {
		struct unit *u = &x->u[i];
		if (x->team || (!q->municipality && !q->region))
			u->shown = true;
		else if (q->municipality)
			u->shown = u->level == 2 && strcmp(u->key[1], q->municipality) == 0;
		else
			u->shown = u->level >= 1 && strcmp(u->key[0], q->region) == 0;
	}
}

/* ---- cells, lines and rows ---------------------------------------------------------- */

static long acc_get(const struct unit *u, size_t off)
{
	return *(const long *)((const char *)&u->a + off);
}

/* A count that is zero for the top unit (the organisation, the team) is
 * zero for every unit: it tells nothing about a child and is shown. */
static void fix_zero(struct ctx *x, size_t base)
{
	if (x->d.nomem || x->d.value[base] != 0)
		return;
	for (size_t i = 0; i < x->nu; i++)
		kri_sdc_fix(&x->d, base + i);
}

/* A cell per unit of the count at offset off, and the equations of the
 * organisation's hierarchy between them.  Returns the cell of unit 0; unit
 * i's cell is that plus i. */
static size_t unit_cells(struct ctx *x, size_t off)
{
	size_t base = x->d.n;
	for (size_t i = 0; i < x->nu; i++)
		kri_sdc_cell(&x->d, acc_get(&x->u[i], off));
	fix_zero(x, base);
	if (x->team)
		return base;
	for (size_t i = 0; i < x->nu; i++) {
		size_t m[256], n = 0;
		for (size_t k = 1; k < x->nu && n < 256; k++)
			if (x->u[k].parent == (int)i && (int)k != (int)i &&
			    x->u[k].level == x->u[i].level + 1)
				m[n++] = base + k;
		if (n)
			kri_sdc_line(&x->d, base + i, m, n);
	}
	return base;
}

/* A cell per unit of a value that is not in struct acc (a complement):
 * vals[i] for unit i, with the hierarchy's equations. */
static size_t unit_cells_of(struct ctx *x, const long *vals)
{
	size_t base = x->d.n;
	for (size_t i = 0; i < x->nu; i++)
		kri_sdc_cell(&x->d, vals[i]);
	fix_zero(x, base);
	if (x->team)
		return base;
	for (size_t i = 0; i < x->nu; i++) {
		size_t m[256], n = 0;
		for (size_t k = 1; k < x->nu && n < 256; k++)
			if (x->u[k].parent == (int)i && x->u[k].level == x->u[i].level + 1)
				m[n++] = base + k;
		if (n)
			kri_sdc_line(&x->d, base + i, m, n);
	}
	return base;
}

/* For every unit: total = the members' cells. */
static void unit_lines(struct ctx *x, size_t total, const size_t *members, size_t n)
{
	for (size_t i = 0; i < x->nu; i++) {
		size_t m[32];
		for (size_t k = 0; k < n && k < 32; k++)
			m[k] = members[k] + i;
		kri_sdc_line(&x->d, total + i, m, n < 32 ? n : 32);
	}
}

enum pkind { P_COUNT, P_DERIVED };

#define KRI_MAXDEPS 8

struct pending {
	int table;
	size_t unit, seq;
	const char *key[KR_REPORT_MAX_DIMS];
	const char *val[KR_REPORT_MAX_DIMS];   /* borrowed: units' keys or static */
	char own[KR_REPORT_MAX_DIMS][16];      /* day and quarter texts */
	size_t ndims;
	enum pkind kind;
	bool whole;              /* a derived row that is a whole number (families) */
	size_t cell, deps[KRI_MAXDEPS];
	size_t ndeps;
	double value;
};

static struct pending *pend(struct ctx *x, int table, size_t unit)
{
	struct pending *p;
	if (x->np == x->capp) {
		size_t cap = x->capp ? x->capp * 2 : 1024;
		struct pending *g = realloc(x->p, cap * sizeof *g);
		if (!g)
			return NULL;
		x->p = g;
		x->capp = cap;
	}
	p = &x->p[x->np];
	memset(p, 0, sizeof *p);
	p->seq = x->np++;
	p->unit = unit;
	p->table = table;
	p->key[0] = x->r->unit_dims[0];
	p->key[1] = x->r->unit_dims[1];
	p->val[0] = x->u[unit].level == 0 && !x->team ? "total" : x->u[unit].key[0];
	p->val[1] = x->u[unit].key[1];
	p->ndims = 2;
	return p;
}

static void dim(struct pending *p, const char *key, const char *val)
{
	if (!p || p->ndims >= KR_REPORT_MAX_DIMS)
		return;
	p->key[p->ndims] = key;
	p->val[p->ndims++] = val;
}

/* A dimension whose text is made here (a day, a quarter). */
static void dim_own(struct pending *p, const char *key, const char *text)
{
	if (!p || p->ndims >= KR_REPORT_MAX_DIMS)
		return;
	snprintf(p->own[p->ndims], sizeof p->own[p->ndims], "%s", text);
	p->key[p->ndims] = key;
	p->val[p->ndims] = NULL;    /* set to own[] when the row is written */
	p->ndims++;
}

static struct pending *count_row(struct ctx *x, int table, size_t unit, size_t cell)
{
	struct pending *p = x->u[unit].shown ? pend(x, table, unit) : NULL;
	if (p) {
		p->kind = P_COUNT;
		p->cell = cell;
	}
	if (x->u[unit].shown && !p)
		x->d.nomem = true;
	return p;
}

/* A derived value (a percentage, rate, mean, median) of unit: deps are the
 * cells it rests on, the first the children it is computed over; it is
 * held back when any of them is (docs/report.md rule 5). */
static struct pending *derived_row(struct ctx *x, int table, size_t unit, double value,
                                   const size_t *deps, size_t ndeps)
{
	struct pending *p = x->u[unit].shown ? pend(x, table, unit) : NULL;
	if (p) {
		p->kind = P_DERIVED;
		p->value = value;
		p->ndeps = ndeps < KRI_MAXDEPS ? ndeps : KRI_MAXDEPS;
		if (p->ndeps)
			memcpy(p->deps, deps, p->ndeps * sizeof *deps);
	}
	if (x->u[unit].shown && !p)
		x->d.nomem = true;
	return p;
}

static double pct(long yes, long all)
{
	return all > 0 ? 100.0 * (double)yes / (double)all : 0.0;
}

/* A count as it is published: rounded (true when not protecting). */
static long published(const struct ctx *x, size_t cell)
{
	return kri_sdc_round(x->d.value[cell], x->protect ? KR_REPORT_ROUND : 1);
}

/*
 * The percentage of the children in cells yes[0..nyes) of those in cell
 * all, from the published (rounded) counts, as a whole number (docs/
 * report.md "Disclosure control", 5): a percentage of the true counts with
 * one decimal gives the true counts back (30.3 % next to 100 and 30 can
 * only be 30 of 99); one of the published counts tells nothing they do not.
 * Without protection (the tests of the definitions): of the true counts.
 */
static double pct_published(const struct ctx *x, const size_t *yes, size_t nyes, size_t all)
{
	long y = 0, n = published(x, all);
	double v;
	for (size_t k = 0; k < nyes; k++)
		y += published(x, yes[k]);
	if (y > n)
		y = n;
	v = pct(y, n);
	return x->protect ? (double)(long)(v + 0.5) : v;
}

/* ---- the tables ------------------------------------------------------------------------ */

/* Table numbers, in the order of the report. */
enum {
	T_MAP, T_PLAN, T_MEETING, T_TRUST, T_WISHES, T_AGREEMENTS, T_HEARD, T_ALERTS,
	T_FORM, T_CARE, T_NEW, T_ENDED, T_REASON, T_BREAKDOWNS, T_MOVES, T_PERSPECTIVE,
	T_DEVELOPMENT, T_TIME, T_FLOWS, T_VOICE, T_FAMILIES, T__N
};

static const struct kri_report_table_def defs[T__N] = {
	[T_MAP] = { "map_changed", KR_REPORT_MONITOR,
		{ "Netwerkkaart bijgewerkt in de laatste 6 maanden",
		  "Network map changed in the last 6 months" },
		{ "Kinderen met een lopend dossier; ja: het netwerk (personen of banden) is in de "
		  "6 maanden tot de dag gewijzigd.",
		  "Children with an open case; yes: the network (persons or ties) changed in the "
		  "6 months up to the day." } },
	[T_PLAN] = { "plan_reviewed", KR_REPORT_MONITOR,
		{ "Netwerkplan op tijd besproken", "Network plan reviewed in time" },
		{ "Ja: het plan is vastgesteld of besproken en de dag ligt niet na de volgende "
		  "bespreking (plan.review_months, standaard 6 maanden).",
		  "Yes: the plan was adopted or reviewed and the day is not after the next review "
		  "(plan.review_months, 6 months by default)." } },
	[T_MEETING] = { "network_meeting", KR_REPORT_MONITOR,
		{ "Netwerkbijeenkomst in de laatste 12 maanden, per letter van het Continuüm",
		  "Network meeting in the last 12 months, by Continuum letter" },
		{ "Een kind telt mee bij elke letter waarvan het een bijeenkomst had; any: een "
		  "bijeenkomst van welke soort dan ook.",
		  "A child counts for every letter it had a meeting of; any: a meeting of any "
		  "kind." } },
	[T_TRUST] = { "trust_figure", KR_REPORT_MONITOR,
		{ "Vertrouwensfiguur uit het netwerk", "Trust figure from the network" },
		{ "Op de peildatum: een vertrouwensfiguur die geen professional is (de signalen "
		  "no-trust-figure en trust-figure-professional zijn er niet).",
		  "On the as-of day: a trust figure who is not a professional (neither "
		  "no-trust-figure nor trust-figure-professional fires)." } },
	[T_WISHES] = { "wishes_answered", KR_REPORT_MONITOR,
		{ "Wensen binnen 4 weken beantwoord", "Wishes answered within 4 weeks" },
		{ "Kinderen met een eigen wens uit de 12 maanden tot de dag (minstens 4 weken "
		  "oud); ja: alle zijn binnen wish.response_days beantwoord.",
		  "Children with a wish of their own from the 12 months up to the day (at least 4 "
		  "weeks old); yes: all were answered within wish.response_days." } },
	[T_AGREEMENTS] = { "agreements", KR_REPORT_MONITOR,
		{ "Afspraken: afgerond en te laat", "Agreements: done and overdue" },
		{ "Kinderen met afspraken in het plan; overdue: minstens een te late afspraak; "
		  "done: minstens een afgeronde.",
		  "Children with agreements in the plan; overdue: at least one overdue; done: at "
		  "least one done." } },
	[T_HEARD] = { "heard", KR_REPORT_MONITOR,
		{ "Kind gehoord in de laatste 12 maanden", "Child heard in the last 12 months" },
		{ "Kinderen van heard.min_age (8) jaar en ouder; ja: het signaal child-not-heard "
		  "is er niet.",
		  "Children aged heard.min_age (8) or older; yes: child-not-heard does not "
		  "fire." } },
	[T_ALERTS] = { "alerts", KR_REPORT_MONITOR,
		{ "Kinderen met een alarmsignaal", "Children with an alert" },
		{ "Kinderen, niet signalen: een kind met drie alarmen telt een keer.",
		  "Children, not signals: a child with three alerts counts once." } },
	[T_FORM] = { "children_by_form", KR_REPORT_STARTFOTO,
		{ "Kinderen per gezinsvorm", "Children by family form" },
		{ "Kinderen met een lopend dossier op de peildatum, naar de vorm van hun huidige "
		  "plaatsing (none: geen plaatsing); residential is de leefgroep.",
		  "Children with an open case on the as-of day, by the form of their current "
		  "placement (none: no placement); residential is residential care." } },
	[T_CARE] = { "children_by_care_type", KR_REPORT_STARTFOTO,
		{ "Netwerkpleegzorg en bestandspleegzorg", "Network and stranger foster care" },
		{ "Kinderen in pleegzorg (netwerk, deeltijd, voltijd, crisis) op de peildatum.",
		  "Children in foster care (network, part-time, full-time, crisis) on the as-of "
		  "day." } },
	[T_NEW] = { "trajectories_new", KR_REPORT_STARTFOTO,
		{ "Nieuwe trajecten per kwartaal, per verwijzer",
		  "New trajectories per quarter, by referrer" },
		{ "Dossiers geopend in het kwartaal.", "Cases opened in the quarter." } },
	[T_ENDED] = { "trajectories_ended", KR_REPORT_STARTFOTO,
		{ "Beëindigde trajecten per kwartaal, per verwijzer",
		  "Ended trajectories per quarter, by referrer" },
		{ "Dossiers met case.closed in het kwartaal.",
		  "Cases with case.closed in the quarter." } },
	[T_REASON] = { "ended_by_reason", KR_REPORT_STARTFOTO,
		{ "Beëindigd volgens plan of voortijdig (CBS)", "Ended as planned or early (CBS)" },
		{ "Beëindigde trajecten per reden van CBS; early_percent: voortijdig (de drie "
		  "redenen early_*) van het totaal.",
		  "Ended trajectories by CBS reason; early_percent: early (the three early_* "
		  "reasons) of the total." } },
	[T_BREAKDOWNS] = { "breakdowns", KR_REPORT_STARTFOTO,
		{ "Breakdowns per 100 plaatsingsjaren", "Breakdowns per 100 placement-years" },
		{ "Breakdowns (plaatsingen, tijdens een uithuisplaatsing) per 100 jaar dat "
		  "kinderen in het kwartaal uit huis woonden.",
		  "Breakdowns (placements, during an out-of-home period) per 100 years children "
		  "lived away from home in the quarter." } },
	[T_MOVES] = { "moves", KR_REPORT_STARTFOTO,
		{ "Overplaatsingen per kind", "Moves per child" },
		{ "Kinderen die op de peildatum uit huis wonen, naar het aantal overplaatsingen "
		  "in deze uithuisplaatsing; mean: gemiddeld.",
		  "Children living away from home on the as-of day, by moves in this out-of-home "
		  "period; mean: the average." } },
	[T_PERSPECTIVE] = { "perspective_decision", KR_REPORT_STARTFOTO,
		{ "Perspectiefbesluit binnen 6 en 12 maanden",
		  "Perspective decision within 6 and 12 months" },
		{ "Kinderen die 12 tot 24 maanden voor de peildatum uit huis gingen en een jaar "
		  "later nog uit huis woonden.",
		  "Children who left home 12 to 24 months before the as-of day and still lived "
		  "away a year later." } },
	[T_DEVELOPMENT] = { "development_checks", KR_REPORT_STARTFOTO,
		{ "Ontwikkelingsonderzoek op tijd", "Development checks on time" },
		{ "Kinderen in zorg onder 18; ja: development-check-overdue is er niet.",
		  "Children in care under 18; yes: development-check-overdue does not fire." } },
	[T_TIME] = { "time_out_of_home", KR_REPORT_STARTFOTO,
		{ "Tijd uit huis", "Time out of home" },
		{ "Kinderen die op de peildatum uit huis wonen, naar de duur van deze "
		  "uithuisplaatsing; median_months: de mediaan.",
		  "Children living away from home on the as-of day, by the length of this "
		  "out-of-home period; median_months: the median." } },
	[T_FLOWS] = { "flows", KR_REPORT_STARTFOTO,
		{ "Van leefgroep naar gezinsvorm en terug", "From residential care to a family "
		  "form and back" },
		{ "Kinderen die in het kwartaal verhuisden van een leefgroep naar een gezinsvorm "
		  "(pleeggezin, netwerk, crisis, gezinshuis) of andersom.",
		  "Children who moved in the quarter from residential care to a family form "
		  "(foster family, network, crisis, family home) or back." } },
	[T_VOICE] = { "voice", KR_REPORT_STARTFOTO,
		{ "De stem van het kind", "The child's voice" },
		{ "Kinderen in zorg met een eigen wens; all_answered: alle wensen beantwoord; "
		  "wishes_percent: beantwoorde wensen van alle wensen.",
		  "Children in care with a wish of their own; all_answered: every wish answered; "
		  "wishes_percent: answered wishes of all wishes." } },
	[T_FAMILIES] = { "foster_families", KR_REPORT_STARTFOTO,
		{ "Pleeggezinnen en gezinshuizen in het register",
		  "Foster families and family homes in the register" },
		{ "Het register van de organisatie op de peildatum (alleen het totaal), zonder de "
		  "gestopte gezinnen: het aantal, waarvan gezinshuizen en netwerkpleeggezinnen, de "
		  "plaatsen samen, de kinderen die er die dag wonen, de vrije plaatsen bij gezinnen "
		  "die op de peildatum beschikbaar zijn en het deel van de plaatsen dat bezet is.",
		  "The organisation's register on the as-of day (the total only), without the "
		  "families that stopped: how many, of which family homes and network families, "
		  "their places together, the children living there that day, the free places in "
		  "families available on the as-of day and the share of the places taken." } },
};

/* How each table is best drawn (report.h). */
static struct kr_report_chart chart_of(int t)
{
	struct kr_report_chart c = { KR_CHART_LINE, "day", NULL, "measure", "percent" };
	switch (t) {
	case T_MEETING: c.series = "continuum"; break;
	case T_AGREEMENTS: c.series = "status"; break;
	case T_FORM: c = (struct kr_report_chart){ KR_CHART_BAR, "form", NULL, NULL, NULL }; break;
	case T_CARE: c = (struct kr_report_chart){ KR_CHART_BAR, "care", NULL, NULL, NULL }; break;
	case T_NEW: case T_ENDED:
		c = (struct kr_report_chart){ KR_CHART_BAR, "quarter", NULL, "referrer", "total" };
		break;
	case T_REASON:
		c = (struct kr_report_chart){ KR_CHART_BAR, "quarter", "reason", NULL, NULL };
		break;
	case T_BREAKDOWNS:
		c = (struct kr_report_chart){ KR_CHART_LINE, "quarter", NULL, "measure",
		                              "per_100_years" };
		break;
	case T_MOVES: c = (struct kr_report_chart){ KR_CHART_BAR, "moves", NULL, NULL, NULL }; break;
	case T_TIME: c = (struct kr_report_chart){ KR_CHART_BAR, "time", NULL, NULL, NULL }; break;
	case T_FLOWS: c = (struct kr_report_chart){ KR_CHART_BAR, "quarter", "flow", NULL, NULL }; break;
	case T_PERSPECTIVE: case T_DEVELOPMENT: case T_VOICE: case T_FAMILIES:
		/* the foster families: their places (report_write.c, drawn()) */
		c = (struct kr_report_chart){ KR_CHART_BAR, "measure", NULL, NULL, NULL };
		break;
	default: break;
	}
	return c;
}

/* The register of foster families (family.h) on the as-of day, for the
 * total unit (docs/report.md, foster_families): families, family homes,
 * network families and places of the families that did not stop; the
 * children placed there that day (a count of children: rounded and held
 * back like every other, a cell of its own), the share of the places they
 * take, and the free places of the families available that day (available,
 * and `availability.from` not after the day).  Families and places are not
 * children and are not suppressed; the register is the organisation's, so
 * it has no rows per municipality. */
static enum kr_status family_rows(struct ctx *x, struct kr_error *err)
{
	static const char *const names[5] = { "families", "family_homes", "network",
		"capacity", "vacancies" };
	struct kr_family_info *fi = NULL;
	long v[5] = { 0 }, placed = 0, as_of = x->q->as_of;
	size_t n = 0, cell;
	enum kr_status rc;
	struct pending *p;

	if ((rc = kr_family_list(x->s, NULL, as_of, &fi, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		bool available = fi[i].availability == KR_AVAIL_AVAILABLE;
		if (fi[i].availability == KR_AVAIL_STOPPED)
			continue;
		v[0]++;
		v[1] += fi[i].kind == KR_FAMKIND_FAMILY_HOME;
		v[2] += fi[i].care == KR_FAMCARE_NETWORK;
		v[3] += fi[i].capacity > 0 ? fi[i].capacity : 0;
		placed += fi[i].in_use;
		if (available) {
			struct kr_family *f = NULL;
			if ((rc = kr_family_get(x->s, fi[i].id, &f, NULL, err)))
				goto out;
			available = !kr_date_valid(f->available_from) ||
			            kr_date_first(f->available_from) <= as_of;
			kr_family_free(f);
		}
		if (available && fi[i].capacity > fi[i].in_use)
			v[4] += fi[i].capacity - fi[i].in_use;
	}
	/* in the order of the places' chart: all, taken, free */
	cell = kri_sdc_cell(&x->d, placed);
	for (size_t k = 0; k < 5; k++) {
		if (k == 4)
			dim(count_row(x, T_FAMILIES, 0, cell), "measure", "placed");
		p = derived_row(x, T_FAMILIES, 0, (double)v[k], NULL, 0);
		if (p)
			p->whole = true;
		dim(p, "measure", names[k]);
	}
	{
		/* of the published count of children, a whole number (rule 5) */
		long pub = x->protect ? kri_sdc_round(placed, KR_REPORT_ROUND) : placed;
		double pc = v[3] > 0 ? 100.0 * (double)pub / (double)v[3] : 0.0;
		p = derived_row(x, T_FAMILIES, 0, x->protect ? (double)(long)(pc + 0.5) : pc, &cell, 1);
		dim(p, "measure", "occupancy_percent");
	}
out:
	free(fi);
	return rc;
}

static void day_text(long day, char buf[11])
{
	kr_date_format(kr_date_from_days(day), buf);
}

/* The cells of those who are not `yes` (never shown, but they follow from
 * the total and the yes count) and the equation total = yes + not. */
static void complement(struct ctx *x, size_t tot, size_t yes)
{
	long *comp = malloc(x->nu * sizeof *comp);
	size_t m[2];

	if (!comp) {
		x->d.nomem = true;
		return;
	}
	for (size_t i = 0; i < x->nu; i++)
		comp[i] = x->d.value[tot + i] - x->d.value[yes + i];
	m[0] = yes;
	m[1] = unit_cells_of(x, comp);
	free(comp);
	unit_lines(x, tot, m, 2);
}

/* A share figure of the monitor: for each day, yes and its complement
 * against the total cells tot (one per unit and day). */
static void share(struct ctx *x, int t, const char *catkey, const char *cat, const size_t *tot,
                  size_t yes_off, size_t stride, size_t from_slot)
{
	for (size_t s = from_slot; s < x->ndays; s++) {
		size_t yes = unit_cells(x, yes_off + (s - from_slot) * stride);
		char day[11];
		complement(x, tot[s], yes);
		day_text(x->day[s], day);
		for (size_t i = 0; i < x->nu; i++) {
			size_t deps[2] = { tot[s] + i, yes + i };
			struct pending *p;
			p = count_row(x, t, i, yes + i);
			dim_own(p, "day", day);
			if (catkey)
				dim(p, catkey, cat);
			dim(p, "measure", "yes");
			p = derived_row(x, t, i, pct_published(x, deps + 1, 1, deps[0]), deps, 2);
			dim_own(p, "day", day);
			if (catkey)
				dim(p, catkey, cat);
			dim(p, "measure", "percent");
		}
	}
}

/* The "children" rows of a monitor table (the totals of its shares). */
static void total_rows(struct ctx *x, int t, const size_t *tot, size_t from_slot)
{
	for (size_t s = from_slot; s < x->ndays; s++) {
		char day[11];
		day_text(x->day[s], day);
		for (size_t i = 0; i < x->nu; i++) {
			struct pending *p = count_row(x, t, i, tot[s] + i);
			dim_own(p, "day", day);
			dim(p, "measure", "children");
		}
	}
}

static void monitor_tables(struct ctx *x)
{
	static const char *const letters[NLETTERS] = { "A", "B", "C", "D", "any" };
	size_t children[MAXSLOT], wish[MAXSLOT], agr[MAXSLOT], heard[MAXSLOT];

	for (size_t s = 0; s < x->ndays; s++) {
		children[s] = unit_cells(x, AT(mon_children) + s * sizeof(long));
		x->children_cell[s] = children[s];
		wish[s] = unit_cells(x, AT(wish_children) + s * sizeof(long));
		agr[s] = unit_cells(x, AT(agr_children) + s * sizeof(long));
	}
	for (size_t s = 0; s < x->ndays; s++)
		heard[s] = unit_cells(x, AT(heard_children) + s * sizeof(long));
	total_rows(x, T_MAP, children, 0);
	share(x, T_MAP, NULL, NULL, children, AT(map), sizeof(long), 0);
	total_rows(x, T_PLAN, children, 0);
	share(x, T_PLAN, NULL, NULL, children, AT(plan), sizeof(long), 0);
	total_rows(x, T_MEETING, children, 0);
	for (int l = 0; l < NLETTERS; l++)
		share(x, T_MEETING, "continuum", letters[l], children,
		      AT(meet) + (size_t)l * sizeof(long), NLETTERS * sizeof(long), 0);
	total_rows(x, T_TRUST, children, 0);
	share(x, T_TRUST, NULL, NULL, children, AT(trust), sizeof(long), 0);
	total_rows(x, T_WISHES, wish, 0);
	share(x, T_WISHES, NULL, NULL, wish, AT(wish_yes), sizeof(long), 0);
	total_rows(x, T_AGREEMENTS, agr, 0);
	share(x, T_AGREEMENTS, "status", "overdue", agr, AT(agr_overdue), sizeof(long), 0);
	share(x, T_AGREEMENTS, "status", "done", agr, AT(agr_done), sizeof(long), 0);
	total_rows(x, T_HEARD, heard, 0);
	share(x, T_HEARD, NULL, NULL, heard, AT(heard_yes), sizeof(long), 0);
	total_rows(x, T_ALERTS, children, 0);
	share(x, T_ALERTS, NULL, NULL, children, AT(alert), sizeof(long), 0);
}

/* A table of categories of one count per unit: a cell per category and
 * unit, plus the total unless total_cell is given (then that cell is the
 * total, shared with another table).  Returns the first category's cells;
 * category k of unit i is that + k * nu + i. */
static size_t category_cells(struct ctx *x, size_t off, size_t stride, size_t ncat,
                             bool additive, size_t *total_out)
{
	size_t base = x->d.n;
	for (size_t k = 0; k < ncat; k++)
		unit_cells(x, off + k * stride);
	if (additive) {
		long *sum = calloc(x->nu, sizeof *sum);
		size_t m[32];
		if (!sum) {
			x->d.nomem = true;
			return base;
		}
		for (size_t i = 0; i < x->nu; i++)
			for (size_t k = 0; k < ncat; k++)
				sum[i] += x->d.value[base + k * x->nu + i];
		*total_out = unit_cells_of(x, sum);
		free(sum);
		for (size_t k = 0; k < ncat && k < 32; k++)
			m[k] = base + k * x->nu;
		unit_lines(x, *total_out, m, ncat < 32 ? ncat : 32);
	}
	return base;
}

static void category_rows(struct ctx *x, int t, size_t base, size_t total, const char *key,
                          const char *const *names, size_t ncat, const char *slotkey,
                          const char *slot)
{
	for (size_t i = 0; i < x->nu; i++) {
		struct pending *p;
		for (size_t k = 0; k < ncat; k++) {
			if (!names[k])
				continue;
			p = count_row(x, t, i, base + k * x->nu + i);
			if (slotkey)
				dim_own(p, slotkey, slot);
			dim(p, key, names[k]);
		}
		if (total != (size_t)-1) {
			p = count_row(x, t, i, total + i);
			if (slotkey)
				dim_own(p, slotkey, slot);
			dim(p, key, "total");
		}
	}
}

static const char *const care_names[3] = { "network", "stranger", "unknown" };
static const char *const moves_names[4] = { "0", "1", "2", "3+" };
static const char *const time_names[4] = { "lt1y", "1to2y", "2to5y", "5y+" };

static double median_months(const struct unit *u)
{
	long *v = u->days_out;
	size_t n = u->ndays;
	double m;
	if (!n)
		return 0;
	/* a copy would do, but the order of days_out no longer matters */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && v[k - 1] > v[k]; k--) {
			long t = v[k];
			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	m = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
	return m / 30.4375;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/*
 * The equation that links the monitor and the startfoto: the children open
 * at the end of the quarter before quarter s, plus the new trajectories of
 * s, equal those open at the end of s plus the ended ones (per unit), when
 * both ends are days of the monitor.  The residual cells (cases closed
 * before they were opened) keep it exact; they are zero in sound data.
 */
static void stock_flow(struct ctx *x, size_t s, size_t nw_total, size_t en_total)
{
	size_t a = MAXSLOT, b = MAXSLOT, plus, minus;

	for (size_t k = 0; k < x->ndays; k++) {
		if (x->day[k] == x->qs[s] - 1)
			a = k;
		if (x->day[k] == x->qe[s])
			b = k;
	}
	if (a == MAXSLOT || b == MAXSLOT)
		return;
	plus = unit_cells(x, AT(sf_plus) + s * sizeof(long));
	minus = unit_cells(x, AT(sf_minus) + s * sizeof(long));
	for (size_t i = 0; i < x->nu; i++) {
		size_t l[3] = { x->children_cell[a] + i, nw_total + i, minus + i };
		size_t r[3] = { x->children_cell[b] + i, en_total + i, plus + i };
		kri_sdc_eq(&x->d, l, 3, r, 3);
	}
}

static void startfoto_tables(struct ctx *x)
{
	const char *form_names[KR_FORM__N], *ref_names[KR_REF__N], *reason_names[KR_CLOSED__N];
	size_t form, form_total, care, care_total, foster[4], full[5], out_total, tmp;
	size_t nu = x->nu;

	form_names[0] = "none";
	for (int k = 1; k < KR_FORM__N; k++)
		form_names[k] = kr_enum_name(KR_ENUM_FORM, k);
	ref_names[0] = "unknown";
	for (int k = 1; k < KR_REF__N; k++)
		ref_names[k] = kr_enum_name(KR_ENUM_REFERRER, k);
	reason_names[0] = "unknown";
	for (int k = 1; k < KR_CLOSED__N; k++)
		reason_names[k] = kr_enum_name(KR_ENUM_CLOSED_REASON, k);

	/* children by form, network or stranger care; both share the form cells */
	form = category_cells(x, AT(form), sizeof(long), KR_FORM__N, true, &form_total);
	category_rows(x, T_FORM, form, form_total, "form", form_names, KR_FORM__N, NULL, NULL);
	/* the same children as the monitor's open children on the as-of day */
	for (size_t i = 0; i < nu; i++) {
		size_t l = form_total + i, r = x->children_cell[x->ndays - 1] + i;
		kri_sdc_eq(&x->d, &l, 1, &r, 1);
	}
	care = category_cells(x, AT(care), sizeof(long), 3, true, &care_total);
	foster[0] = form + KR_FORM_INFORMAL_NETWORK * nu;
	foster[1] = form + KR_FORM_FOSTER_PARTTIME * nu;
	foster[2] = form + KR_FORM_FOSTER_FULLTIME * nu;
	foster[3] = form + KR_FORM_CRISIS * nu;
	unit_lines(x, care_total, foster, 4);
	category_rows(x, T_CARE, care, care_total, "care", care_names, 3, NULL, NULL);

	/* trajectories per quarter; the ended ones share their totals with the reasons */
	for (size_t s = 0; s < x->nq; s++) {
		char qt[8];
		size_t nw, nw_total, en, en_total, rs, rs_total;
		kri_report_quarter(x->qs[s], qt);
		nw = category_cells(x, AT(traj_new) + s * KR_REF__N * sizeof(long), sizeof(long),
		                    KR_REF__N, true, &nw_total);
		category_rows(x, T_NEW, nw, nw_total, "referrer", ref_names, KR_REF__N, "quarter", qt);
		en = category_cells(x, AT(traj_end) + s * KR_REF__N * sizeof(long), sizeof(long),
		                    KR_REF__N, true, &en_total);
		category_rows(x, T_ENDED, en, en_total, "referrer", ref_names, KR_REF__N, "quarter",
		              qt);
		rs = category_cells(x, AT(reason) + s * KR_CLOSED__N * sizeof(long), sizeof(long),
		                    KR_CLOSED__N, false, &tmp);
		{
			size_t m[KR_CLOSED__N];
			for (int k = 0; k < KR_CLOSED__N; k++)
				m[k] = rs + (size_t)k * nu;
			rs_total = en_total;
			unit_lines(x, rs_total, m, KR_CLOSED__N);
		}
		category_rows(x, T_REASON, rs, rs_total, "reason", reason_names, KR_CLOSED__N,
		              "quarter", qt);
		stock_flow(x, s, nw_total, en_total);
		for (size_t i = 0; i < nu; i++) {
			size_t deps[4] = { rs_total + i, rs + KR_CLOSED_EARLY_AGREED * nu + i,
				rs + KR_CLOSED_EARLY_BY_FAMILY * nu + i,
				rs + KR_CLOSED_EARLY_BY_PROVIDER * nu + i };
			struct pending *p = derived_row(x, T_REASON, i,
			                                pct_published(x, deps + 1, 3, deps[0]), deps, 4);
			dim_own(p, "quarter", qt);
			dim(p, "reason", "early_percent");
		}
		/* breakdowns per 100 placement-years */
		{
			size_t ch = unit_cells(x, AT(bd_children) + s * sizeof(long));
			size_t bd = unit_cells(x, AT(bd_count) + s * sizeof(long));
			for (size_t i = 0; i < nu; i++) {
				struct pending *p;
				long days = acc_get(&x->u[i], AT(bd_days) + s * sizeof(long));
				size_t deps[2] = { ch + i, bd + i };
				p = count_row(x, T_BREAKDOWNS, i, ch + i);
				dim_own(p, "quarter", qt);
				dim(p, "measure", "children");
				p = count_row(x, T_BREAKDOWNS, i, bd + i);
				dim_own(p, "quarter", qt);
				dim(p, "measure", "breakdowns");
				p = derived_row(x, T_BREAKDOWNS, i, (double)days / 365.25, deps, 1);
				dim_own(p, "quarter", qt);
				dim(p, "measure", "placement_years");
				p = derived_row(x, T_BREAKDOWNS, i, days ? 100.0 * (double)
				                x->d.value[bd + i] * 365.25 / (double)days : 0.0, deps, 2);
				dim_own(p, "quarter", qt);
				dim(p, "measure", "per_100_years");
			}
		}
		/* flows */
		{
			static const char *const flow_names[2] = { "residential_to_family",
				"family_to_residential" };
			size_t fl = category_cells(x, AT(flow) + s * 2 * sizeof(long), sizeof(long), 2,
			                           false, &tmp);
			category_rows(x, T_FLOWS, fl, (size_t)-1, "flow", flow_names, 2, "quarter", qt);
		}
	}

	/* moves and time out of home: the children away from home, the same cells
	 * as the full-time forms of children_by_form */
	full[0] = form + KR_FORM_INFORMAL_NETWORK * nu;
	full[1] = form + KR_FORM_FOSTER_FULLTIME * nu;
	full[2] = form + KR_FORM_CRISIS * nu;
	full[3] = form + KR_FORM_FAMILY_HOME * nu;
	full[4] = form + KR_FORM_RESIDENTIAL * nu;
	{
		size_t mv = category_cells(x, AT(moves), sizeof(long), 4, true, &out_total);
		size_t tm, m[4];
		unit_lines(x, out_total, full, 5);
		category_rows(x, T_MOVES, mv, out_total, "moves", moves_names, 4, NULL, NULL);
		for (size_t i = 0; i < nu; i++) {
			/* the mean rests on every category (docs/report.md rule 5) */
			size_t deps[5] = { out_total + i, mv + i, mv + nu + i, mv + 2 * nu + i,
				mv + 3 * nu + i };
			long all = x->d.value[out_total + i];
			struct pending *p = derived_row(x, T_MOVES, i, all ? (double)acc_get(&x->u[i],
			                                AT(moves_sum)) / (double)all : 0.0, deps, 5);
			dim(p, "moves", "mean");
		}
		tm = category_cells(x, AT(time), sizeof(long), 4, false, &tmp);
		for (size_t k = 0; k < 4; k++)
			m[k] = tm + k * nu;
		unit_lines(x, out_total, m, 4);
		category_rows(x, T_TIME, tm, out_total, "time", time_names, 4, NULL, NULL);
		for (size_t i = 0; i < nu; i++) {
			size_t deps[5] = { out_total + i, tm + i, tm + nu + i, tm + 2 * nu + i,
				tm + 3 * nu + i };
			struct pending *p;
			qsort(x->u[i].days_out, x->u[i].ndays, sizeof(long), cmp_long);
			p = derived_row(x, T_TIME, i, median_months(&x->u[i]), deps, 5);
			dim(p, "time", "median_months");
		}
	}

	/* the perspective decision, development checks, the child's voice */
	{
		static const struct { int t; size_t total, yes[2]; const char *name[2], *pct[2]; } sh[] = {
			{ T_PERSPECTIVE, AT(persp_cohort), { AT(persp6), AT(persp12) },
			  { "within_6_months", "within_12_months" }, { "percent_6", "percent_12" } },
			{ T_DEVELOPMENT, AT(dev_children), { AT(dev_yes), 0 }, { "on_time", NULL },
			  { "percent", NULL } },
			{ T_VOICE, AT(voice_children), { AT(voice_yes), 0 }, { "all_answered", NULL },
			  { "percent", NULL } },
		};
		for (size_t k = 0; k < sizeof sh / sizeof *sh; k++) {
			size_t tot = unit_cells(x, sh[k].total);
			for (size_t i = 0; i < nu; i++)
				dim(count_row(x, sh[k].t, i, tot + i), "measure", "children");
			for (int j = 0; j < 2 && sh[k].name[j]; j++) {
				size_t yes = unit_cells(x, sh[k].yes[j]);
				complement(x, tot, yes);
				for (size_t i = 0; i < nu; i++) {
					size_t deps[2] = { tot + i, yes + i };
					dim(count_row(x, sh[k].t, i, yes + i), "measure", sh[k].name[j]);
					dim(derived_row(x, sh[k].t, i, pct_published(x, deps + 1, 1, deps[0]),
					                deps, 2), "measure", sh[k].pct[j]);
				}
			}
			if (sh[k].t == T_VOICE)
				for (size_t i = 0; i < nu; i++) {
					/* wishes, not children: no count of them is published;
					 * a whole number all the same */
					size_t deps[1] = { tot + i };
					double v = pct(acc_get(&x->u[i], AT(voice_answered)),
					               acc_get(&x->u[i], AT(voice_wishes)));
					dim(derived_row(x, T_VOICE, i, x->protect ? (double)(long)(v + 0.5) : v,
					                deps, 1), "measure", "wishes_percent");
				}
		}
	}
}

/* ---- writing the rows out -------------------------------------------------------------- */

/* Rows by table, then unit, then the order they were made in. */
static int pending_order(const void *pa, const void *pb)
{
	const struct pending *a = pa, *b = pb;
	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static enum kr_status emit(struct ctx *x, struct kr_error *err)
{
	struct kr_report *r = x->r;
	size_t n = 0;

	qsort(x->p, x->np, sizeof *x->p, pending_order);

	for (int t = 0; t < T__N; t++)
		n += defs[t].kind == r->kind && (!x->team || defs[t].kind == KR_REPORT_MONITOR);
	if (!(r->tables = calloc(n ? n : 1, sizeof *r->tables)))
		return nomem(err);
	for (int t = 0; t < T__N; t++) {
		struct kr_report_table *tb;
		if (defs[t].kind != r->kind)
			continue;
		tb = &r->tables[r->ntables++];
		tb->id = defs[t].id;
		tb->title[0] = defs[t].title[0];
		tb->title[1] = defs[t].title[1];
		tb->note[0] = defs[t].note[0];
		tb->note[1] = defs[t].note[1];
		tb->chart = chart_of(t);
		for (size_t i = 0; i < x->np; i++) {
			const struct pending *p = &x->p[i];
			struct kr_report_row *row;
			bool sup = false;
			if (p->table != t)
				continue;
			if (tb->nrows == tb->cap) {
				size_t cap = tb->cap ? tb->cap * 2 : 64;
				struct kr_report_row *g = realloc(tb->rows, cap * sizeof *g);
				if (!g)
					return nomem(err);
				tb->rows = g;
				tb->cap = cap;
			}
			row = &tb->rows[tb->nrows];
			memset(row, 0, sizeof *row);
			row->ndims = p->ndims;
			for (size_t k = 0; k < p->ndims; k++) {
				row->key[k] = p->key[k];
				if (!(row->val[k] = dup(p->val[k] ? p->val[k] : p->own[k]))) {
					for (size_t j = 0; j < k; j++)
						free((char *)row->val[j]);
					return nomem(err);
				}
			}
			tb->nrows++;
			if (p->kind == P_COUNT) {
				sup = kri_sdc_suppressed(&x->d, p->cell);
				row->count = true;
				row->value = (double)kri_sdc_round(x->d.value[p->cell], x->protect
				                                   ? KR_REPORT_ROUND : 1);
			} else {
				for (size_t k = 0; k < p->ndeps; k++)
					sup |= kri_sdc_suppressed(&x->d, p->deps[k]);
				/* deps[0] counts the children the figure is computed over:
				 * never fewer than the threshold, also when that count is
				 * a zero everyone knows */
				if (p->ndeps && x->protect &&
				    x->d.value[p->deps[0]] < KR_REPORT_SUPPRESS_BELOW)
					sup = true;
				row->value = p->value;
				row->count = p->whole;   /* whole families and places */
			}
			row->suppressed = sup;
			row->has_value = !sup;
			if (sup)
				row->value = 0;
		}
	}
	return KR_OK;
}

/* ---- the report ------------------------------------------------------------------------ */

void kr_report_query_init(struct kr_report_query *q)
{
	memset(q, 0, sizeof *q);
	q->kind = KR_REPORT_MONITOR;
	q->as_of = kr_today();
	q->from = q->to = -1;
}

const char *kr_report_kind_name(enum kr_report_kind k)
{
	return k == KR_REPORT_STARTFOTO ? "startfoto" : "monitor";
}

int kr_report_kind_parse(const char *name)
{
	if (name && strcmp(name, "monitor") == 0)
		return KR_REPORT_MONITOR;
	if (name && strcmp(name, "startfoto") == 0)
		return KR_REPORT_STARTFOTO;
	return -1;
}

void kr_report_free(struct kr_report *r)
{
	if (!r)
		return;
	for (size_t t = 0; t < r->ntables; t++) {
		for (size_t i = 0; i < r->tables[t].nrows; i++)
			for (size_t k = 0; k < r->tables[t].rows[i].ndims; k++)
				free((char *)r->tables[t].rows[i].val[k]);
		free(r->tables[t].rows);
	}
	free(r->tables);
	for (size_t i = 0; i < r->ncaseload; i++) {
		free(r->caseload[i].worker);
		free(r->caseload[i].ref);
		free(r->caseload[i].child);
	}
	free(r->caseload);
	free(r->scope_val[0]);
	free(r->scope_val[1]);
	for (size_t i = 0; i < r->nunits; i++) {
		free(r->units[i].code);
		free(r->units[i].name);
		free(r->units[i].region);
	}
	free(r->units);
	free(r);
}

/* The municipalities the report names, for labels (code, name, region). */
static enum kr_status list_units(struct ctx *x, struct kr_error *err)
{
	struct kr_report *r = x->r;
	if (x->team)
		return KR_OK;
	if (!(r->units = calloc(x->nu ? x->nu : 1, sizeof *r->units)))
		return nomem(err);
	for (size_t i = 0; i < x->nu; i++) {
		const struct unit *u = &x->u[i];
		struct kr_report_unit *o;
		if (u->level != 2 || !u->shown)
			continue;
		o = &r->units[r->nunits++];
		o->code = dup(u->key[1]);
		o->name = dup(u->name[0] ? u->name : u->key[1]);
		o->region = dup(u->key[0]);
		if (!o->code || !o->name || !o->region)
			return nomem(err);
	}
	return KR_OK;
}

static enum kr_status scope(struct ctx *x, struct kr_error *err)
{
	struct kr_report *r = x->r;
	const struct kr_report_query *q = x->q;
	const char *a = "total", *b = "total";

	if (x->team) {
		a = q->team;
	} else if (q->municipality) {
		b = q->municipality;
		for (size_t i = 0; i < x->nu; i++)
			if (x->u[i].level == 2 && strcmp(x->u[i].key[1], b) == 0)
				a = x->u[i].key[0];
	} else if (q->region) {
		a = q->region;
	}
	r->scope_key[0] = r->unit_dims[0];
	r->scope_key[1] = r->unit_dims[1];
	if (!(r->scope_val[0] = dup(a)) || !(r->scope_val[1] = dup(b)))
		return nomem(err);
	return KR_OK;
}

/* A CBS municipality code: GM and four digits (or "unknown", the unit of
 * the cases without one). */
static bool code_form(const char *c)
{
	if (strcmp(c, "unknown") == 0)
		return true;
	if (strlen(c) != 6 || c[0] != 'G' || c[1] != 'M')
		return false;
	for (int i = 2; i < 6; i++)
		if (c[i] < '0' || c[i] > '9')
			return false;
	return true;
}

/* The asked municipality, region and team: a usage error when a code has
 * the wrong form, not found when no case (no user) names them. */
static enum kr_status check_query(struct ctx *x, bool after, struct kr_error *err)
{
	const struct kr_report_query *q = x->q;
	enum kr_status rc;
	sqlite3_stmt *st;
	int step;

	if (!after) {
		if (q->municipality && !code_form(q->municipality))
			return kr_error_say(err, KR_EUSAGE, "de gemeente (municipality) \"%s\" is geen "
			                    "gemeentecode van het CBS: GM en vier cijfers, zoals GM0200",
			                    "the municipality (municipality) \"%s\" is not a CBS code: "
			                    "GM and four digits, like GM0200", q->municipality);
		if (q->region && !q->region[0])
			return kr_error_say(err, KR_EUSAGE, "de regio (region) is leeg",
			                    "the region (region) is empty");
		if (!q->team || !q->team[0])
			return KR_OK;
		if ((rc = kri_stmt(x->s, "SELECT EXISTS (SELECT 1 FROM users WHERE team = ?1)", &st,
		                   err)))
			return rc;
		sqlite3_bind_text(st, 1, q->team, -1, SQLITE_STATIC);
		step = sqlite3_step(st);
		rc = step == SQLITE_ROW ? KR_OK : kri_store_fail(x->s, err, "Lezen uit de database "
		                                                 "lukt niet", "Reading from the "
		                                                 "database failed");
		if (!rc && sqlite3_column_int(st, 0) == 0)
			rc = kr_error_say(err, KR_ENOTFOUND, "het team (team) \"%s\" bestaat niet: geen "
			                  "gebruiker hoort erbij", "the team (team) \"%s\" does not "
			                  "exist: no user belongs to it", q->team);
		sqlite3_reset(st);
		return rc;
	}
	if (q->municipality && !x->mun_seen)
		return kr_error_say(err, KR_ENOTFOUND, "de gemeente (municipality) %s is onbekend: "
		                    "geen dossier noemt haar", "the municipality (municipality) %s "
		                    "is unknown: no case names it", q->municipality);
	if (q->region && !x->region_seen)
		return kr_error_say(err, KR_ENOTFOUND, "de regio (region) \"%s\" is onbekend: geen "
		                    "dossier noemt haar", "the region (region) \"%s\" is unknown: "
		                    "no case names it", q->region);
	return KR_OK;
}

enum kr_status kr_report_compute(struct kr_store *s, const struct kr_report_query *q,
                                 const struct kr_settings *set, struct kr_report **out,
                                 struct kr_error *err)
{
	return kri_report_compute(s, q, set, true, out, err);
}

enum kr_status kri_report_compute(struct kr_store *s, const struct kr_report_query *q,
                                  const struct kr_settings *set, bool protect,
                                  struct kr_report **out, struct kr_error *err)
{
	struct ctx x;
	struct kr_settings loaded;
	enum kr_status rc;

	*out = NULL;
	memset(&x, 0, sizeof x);
	kri_sdc_init(&x.d, KR_REPORT_SUPPRESS_BELOW);
	x.s = s;
	x.q = q;
	x.err = err;
	x.team = q->team != NULL;
	x.protect = protect;
	if (x.team && q->kind != KR_REPORT_MONITOR)
		return kr_error_say(err, KR_EUSAGE, "een team heeft een monitor, geen startfoto; "
		                    "laat --team weg", "a team has a monitor, not a startfoto: leave "
		                    "out --team");
	if (!set) {
		if ((rc = kr_settings_load(s, &loaded, err)))
			return rc;
		set = &loaded;
	}
	x.set = set;
	if (!(x.r = calloc(1, sizeof *x.r)))
		return nomem(err);
	x.r->kind = q->kind;
	x.r->as_of = q->as_of;
	x.r->unit_dims[0] = x.team ? "team" : "region";
	x.r->unit_dims[1] = x.team ? "worker" : "municipality";
	x.r->has_caseload = x.team;
	x.bit_trust = kri_facts_rule_bit("no-trust-figure");
	x.bit_trust_prof = kri_facts_rule_bit("trust-figure-professional");
	x.bit_heard = kri_facts_rule_bit("child-not-heard");
	x.bit_dev = kri_facts_rule_bit("development-check-overdue");
	if ((rc = windows(&x, err)) || (rc = check_query(&x, false, err)))
		goto out;
	if (add_unit(&x, x.team ? q->team : "total", "total", -1, 0) < 0) {
		rc = nomem(err);
		goto out;
	}
	if (x.team && (rc = load_assigned(&x, err)))
		goto out;
	if ((rc = signal_days(&x, err)))
		goto out;
	if ((rc = kri_facts_walk(s, q->as_of, set, visit, &x, err)))
		goto out;
	if ((rc = x.rc) || (rc = check_query(&x, true, err)))
		goto out;
	if ((rc = build_tree(&x, err)))
		goto out;
	choose_shown(&x);
	/* both reports' cells, protected together (docs/report.md) */
	monitor_tables(&x);
	if (!x.team) {
		startfoto_tables(&x);
		if ((rc = family_rows(&x, err)))
			goto out;
	}
	if (x.d.nomem || (protect && !kri_sdc_protect(&x.d))) {
		rc = nomem(err);
		goto out;
	}
	if ((rc = emit(&x, err)) || (rc = list_units(&x, err)) || (rc = scope(&x, err)))
		goto out;
	*out = x.r;
	x.r = NULL;
out:
	kr_report_free(x.r);
	free(x.p);
	kri_sdc_cleanup(&x.d);
	kri_mini_cleanup(&x.mini);
	free_units(&x);
	free_assigned(&x);
	free_sig(&x);
	return rc;
}
