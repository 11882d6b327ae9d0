/*
 * render_lifeline.c - the lifeline (levenslijn): the child's life on one
 * horizontal time axis, from birth (or, when the birth date is unknown, the
 * earliest dated event or placement) to the "as of" day, with a tick per
 * year.
 *
 *   above the axis  the events, one symbol per type with a label, stacked
 *                   in lanes so no two overlap; a thin leader line drops to
 *                   the axis at the event's date;
 *   below the axis  the placements as bars, coloured and patterned by form
 *                   (so a black-and-white print still reads), labelled with
 *                   the form and the carers' names, in lanes of their own;
 *   highlighted     breakdowns (a placement that ended in breakdown, or an
 *                   event of type breakdown) and changes of professional get
 *                   a vermillion marker and a bold label;
 *   the path        from kr_path (lib/path.c), never counted here: a grey
 *                   band under the axis for each period away from home, a
 *                   placement the child came to by a move labelled so
 *                   (a support family, part-time care or a change of form
 *                   with the same carers is no move), and the numbers of
 *                   moves and breakdowns in the description;
 *   check-ins       the settling-in schedule of the first year in a home
 *                   (kr_settling_compute, lib/settling.c: the days and which
 *                   check-in is late are decided there, never here): a small
 *                   black triangle on a placement's bar for each check-in
 *                   held (placements[].settling) up to the as-of day, its
 *                   tooltip saying the scores in words; for the current
 *                   home in its first year an open triangle at the day of
 *                   each check-in that is due and not held, vermillion when
 *                   the schedule says it is overdue; the description says
 *                   how many were held, the lowest score of the latest, and
 *                   when the next one is due;
 *   under it all    a legend of the event types and forms that occur.
 *
 * Events after the as-of day are left out (the picture is of that day);
 * events before the axis start are pinned to the start with their year in
 * the label.  A partial date ("2022-03", "2019") sits in the middle of the
 * period it names, for events and placements alike.  Everything is
 * deterministic: events are ordered by day and then by document order, and
 * numbers are printed with one decimal.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/family_plan.h"
#include "kring/path.h"
#include "kring/settling.h"
#include "kring/words.h"

#include "geometry_int.h"
#include "render_int.h"

#define MARGIN      24.0
#define LANE_UP     20.0   /* pitch of the event lanes */
#define LANE_DOWN   38.0   /* pitch of the placement lanes */
#define LABEL_PX    11.0
#define TICK_PX     10.0
#define SYM_R       6.0
#define BAR_H       12.0
#define LABEL_CP    48     /* labels are clipped to this many characters */
#define VERMILLION  "#D55E00"

struct lev {
	long day;
	double x;
	enum kr_event_type type;
	bool hi;                  /* breakdown / change of professional */
	size_t idx;               /* document order (synthetic birth: SIZE_MAX) */
	char label[LABEL_CP * 4 + 32];
	double lo, hi_x;          /* the unit: symbol plus label */
	bool left;                /* label left of the symbol */
	int lane;
};

struct lpl {
	size_t idx;
	double x0, x1;
	enum kr_form form;
	bool breakdown;
	bool move;                /* the child came to it by a move (kr_path) */
	char label[LABEL_CP * 4 + 64];
	double ux1;               /* right end of the unit */
	int lane;
};

/* Colour and pattern of each placement form (Okabe-Ito where possible). */
static const char *form_colour(enum kr_form f)
{
	static const char *c[KR_FORM__N] = { "#FFFFFF", "#009E73", "#56B4E9", "#F0E442",
		"#0072B2", "#CC79A7", "#E69F00", "#999999", "#FFFFFF" };
	return (unsigned)f < KR_FORM__N ? c[f] : "#FFFFFF";
}

static const char *form_hatch(enum kr_form f)
{
	switch (f) {
	case KR_FORM_INFORMAL_NETWORK: return "M0 8L8 0";
	case KR_FORM_SUPPORT_FAMILY: return "M2 2h1v1h-1zM6 6h1v1h-1z";
	case KR_FORM_FOSTER_PARTTIME: return "M0 4H8";
	case KR_FORM_FOSTER_FULLTIME: return "";
	case KR_FORM_CRISIS: return "M0 8L8 0M0 0L8 8";
	case KR_FORM_FAMILY_HOME: return "M4 0V8";
	case KR_FORM_RESIDENTIAL: return "M0 0L8 8";
	case KR_FORM_HOME: return "M0 4H8M4 0V8";
	default: return "M0 4H8";
	}
}

static bool is_highlight(enum kr_event_type t)
{
	return t == KR_EV_BREAKDOWN || t == KR_EV_PROFESSIONAL_CHANGE;
}

/* Adds the symbol of an event type, centred on (x, y). */
static void ev_symbol(struct kr_geometry *g, enum kr_event_type t, double x, double y,
                      double r)
{
	double h = r * 0.866;
	struct kr_geom_item *it;

	switch (t) {
	case KR_EV_BIRTH:
		it = kri_geom_circle(g, x, y, r - 1);
		it->style.fill = "#FFFFFF";
		it->style.stroke = "#0072B2";
		it->style.stroke_width = 2;
		break;
	case KR_EV_DEATH:
		it = kri_geom_path(g, "M%.1f %.1fH%.1fM%.1f %.1fV%.1f", x - r * 0.7, y - r * 0.3,
		                   x + r * 0.7, x, y - r, y + r);
		it->style.stroke = "#000";
		it->style.stroke_width = 2.5;
		break;
	case KR_EV_LOSS:
		it = kri_geom_path(g, "M%.1f %.1fH%.1fL%.1f %.1fZ", x - r, y - h, x + r, x, y + h);
		it->style.fill = "#000";
		break;
	case KR_EV_MOVE:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fL%.1f %.1fV%.1fH%.1fZ", x - r, y - r * 0.2,
		                   x, y - r, x + r, y - r * 0.2, y + r, x - r);
		it->style.fill = "#E69F00";
		it->style.stroke = "#000";
		break;
	case KR_EV_SCHOOL_CHANGE:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fH%.1fZ", x, y - r, x + r, y + h, x - r);
		it->style.fill = "#009E73";
		it->style.stroke = "#000";
		break;
	case KR_EV_PLACEMENT_START:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x - h, y - r, x + h, y,
		                   x - h, y + r);
		it->style.fill = "#0072B2";
		break;
	case KR_EV_PLACEMENT_END:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x + h, y - r, x - h, y,
		                   x + h, y + r);
		it->style.fill = "#FFFFFF";
		it->style.stroke = "#0072B2";
		it->style.stroke_width = 1.5;
		break;
	case KR_EV_BREAKDOWN:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f", x - r, y - r,
		                   x + r, y + r, x + r, y - r, x - r, y + r);
		it->style.stroke = VERMILLION;
		it->style.stroke_width = 3;
		break;
	case KR_EV_PROFESSIONAL_CHANGE:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x, y - r, x + r, y,
		                   x, y + r, x - r, y);
		it->style.fill = VERMILLION;
		it->style.stroke = "#000";
		break;
	case KR_EV_PERSPECTIVE_DECISION:
		it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fV%.1fL%.1f %.1fL%.1f %.1fV%.1fZ", x, y - r,
		                   x + h, y - r / 2, y + r / 2, x, y + r, x - h, y + r / 2, y - r / 2);
		it->style.fill = "#CC79A7";
		it->style.stroke = "#000";
		break;
	case KR_EV_DEVELOPMENT_CHECK:
		it = kri_geom_rect(g, x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2);
		it->style.fill = "#FFFFFF";
		it->style.stroke = "#009E73";
		it->style.stroke_width = 2;
		break;
	case KR_EV_MEETING:
		it = kri_geom_circle(g, x, y, r - 1);
		it->style.fill = "#FFFFFF";
		it->style.stroke = "#56B4E9";
		it->style.stroke_width = 2;
		it = kri_geom_circle(g, x, y, 2);
		it->circle.exact = KR_GEOM_EXACT_R;
		it->style.fill = "#000";
		break;
	default:
		it = kri_geom_circle(g, x, y, 3);
		it->circle.exact = KR_GEOM_EXACT_R;
		it->style.fill = "#666666";
		break;
	}
}

/* Appends the strings of the NULL-terminated list to out (of size sz, holding
 * len bytes), cutting at the end of out; returns the new length.  The
 * labels are made of a handful of strings per event, and snprintf's
 * "%s%s%s" was a tenth of the lifeline's time. */
static size_t cat(char *out, size_t sz, size_t len, ...)
{
	va_list ap;
	const char *p;

	va_start(ap, len);
	while ((p = va_arg(ap, const char *)) != NULL) {
		size_t n = strlen(p);
		if (len + 1 >= sz)
			continue;
		if (n > sz - 1 - len)
			n = sz - 1 - len;
		memcpy(out + len, p, n);
		len += n;
	}
	va_end(ap);
	out[len] = '\0';
	return len;
}

static void join_names(const struct kr_case *c, const int *who, size_t n, char *out,
                       size_t sz)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len + 1 < sz; i++) {
		if (i == 3) {
			snprintf(out + len, sz - len, " +%zu", n - 3);
			return;
		}
		len = cat(out, sz, len, i ? ", " : "", kr_case_person_name(c, who[i]),
		          (const char *)NULL);
	}
}

/* The text of an event: its type, and the first of text, person, placement. */
static void event_label(const struct kr_case *c, const struct kr_event *e, enum kr_lang lang,
                        bool pinned, char *out, size_t sz)
{
	char raw[512], what[256] = "", year[16] = "";
	const char *type = kr_enum_label(KR_ENUM_EVENT_TYPE, e->type, lang);

	if (!type || !*type)
		type = kr_tr(lang, "gebeurtenis", "event");
	if (e->text && *e->text)
		cat(what, sizeof what, 0, e->text, (const char *)NULL);
	else if (e->person >= 0)
		cat(what, sizeof what, 0, kr_case_person_name(c, e->person), (const char *)NULL);
	else if (e->placement >= 0)
		cat(what, sizeof what, 0, kr_enum_label(KR_ENUM_FORM,
		    c->placements[e->placement].form, lang), (const char *)NULL);
	if (pinned)
		snprintf(year, sizeof year, "(%d) ", e->date.y);
	cat(raw, sizeof raw, 0, year, type, *what ? ": " : "", what, (const char *)NULL);
	kri_text_clip(raw, LABEL_CP, out, sz);
}

/* Lowest lane where [lo, hi] is free; lanes hold their intervals flat in
 * (lane, lo, hi) triples. */
static int free_lane(const double *iv, const int *ln, size_t n, double lo, double hi,
                     double pad)
{
	for (int lane = 0;; lane++) {
		bool clash = false;
		for (size_t i = 0; i < n && !clash; i++)
			if (ln[i] == lane && iv[2 * i] < hi + pad && lo < iv[2 * i + 1] + pad)
				clash = true;
		if (!clash)
			return lane;
	}
}

struct ll {
	const struct kr_case *c;
	const struct kr_render_opts *o;
	enum kr_lang lang;
	long start, end;
	double x0, pxd;           /* axis start and pixels per day */
	struct lev *ev;
	size_t nev;
	struct lpl *pl;
	size_t npl;
	int nlanes_up, nlanes_down;
	double axis_y, width, height;
	bool form_seen[KR_FORM__N], type_seen[KR_EV__N], any_hi;
	bool any_checkin;         /* a settling-in check-in is drawn */
	bool any_due, any_overdue;   /* ... a due or an overdue one of the schedule */
	struct kr_path *path;     /* the child's path on the as-of day */
	struct kr_settling settling;   /* the current home's schedule (settling.h) */
};

static double day_x(const struct ll *l, long day)
{
	if (day < l->start)
		day = l->start;
	if (day > l->end)
		day = l->end;
	return l->x0 + (double)(day - l->start) * l->pxd;
}

/* The middle of a partial date's period ("2023" is 2023-07-02). */
static long mid_day(struct kr_date d)
{
	long first = kr_date_first(d);
	return first + (kr_date_last(d) - first) / 2;
}

static void axis_range(struct ll *l)
{
	const struct kr_case *c = l->c;
	const struct kr_person *child = &c->persons[c->child];
	bool have = false;

	l->end = l->o->as_of;
	if (kr_date_valid(child->born)) {
		l->start = kr_date_first(child->born);
		have = true;
	} else {
		for (size_t i = 0; i < c->nevents; i++) {
			long d;
			if (!kr_date_valid(c->events[i].date))
				continue;
			d = kr_date_first(c->events[i].date);
			if (d <= l->end && (!have || d < l->start)) {
				l->start = d;
				have = true;
			}
		}
		for (size_t i = 0; i < c->nplacements; i++) {
			long d;
			if (!kr_date_valid(c->placements[i].start))
				continue;
			d = kr_date_first(c->placements[i].start);
			if (d <= l->end && (!have || d < l->start)) {
				l->start = d;
				have = true;
			}
		}
	}
	if (!have || l->start >= l->end)
		l->start = l->end - 365;
}

static bool collect_events(struct ll *l)
{
	const struct kr_case *c = l->c;
	bool has_birth = false;
	const struct kr_person *child = &c->persons[c->child];

	l->ev = calloc(c->nevents + c->nmeetings + 1, sizeof *l->ev);
	if (!l->ev)
		return false;
	for (size_t i = 0; i < c->nevents; i++) {
		const struct kr_event *e = &c->events[i];
		struct lev *v;
		long first, last;
		if (!kr_date_valid(e->date))
			continue;
		first = kr_date_first(e->date);
		last = kr_date_last(e->date);
		if (first > l->end)
			continue;
		if (e->type == KR_EV_BIRTH && e->person == c->child)
			has_birth = true;
		v = &l->ev[l->nev++];
		v->day = mid_day(e->date);
		if (v->day > l->end)
			v->day = l->end;
		v->type = e->type;
		v->hi = is_highlight(e->type);
		v->idx = i;
		event_label(c, e, l->lang, last < l->start, v->label, sizeof v->label);
		if (v->day < l->start)
			v->day = l->start;
	}
	/* the meetings of the family plans the case is in (a case drawn as
	 * judged, kr_case_judged): a case's own meetings are on it as its
	 * events, the family's are not in its document */
	for (size_t i = 0; i < c->nmeetings; i++) {
		const struct kr_meeting *m = &c->meetings[i];
		char plan[72], raw[512], year[16] = "";
		struct lev *v;
		if (!kr_meeting_from_family_plan(m, plan, sizeof plan) || !kr_date_valid(m->date) ||
		    kr_date_first(m->date) > l->end)
			continue;
		v = &l->ev[l->nev++];
		v->day = mid_day(m->date);
		if (v->day > l->end)
			v->day = l->end;
		v->type = KR_EV_MEETING;
		v->idx = c->nevents + i;
		if (kr_date_last(m->date) < l->start)
			snprintf(year, sizeof year, "(%d) ", m->date.y);
		snprintf(raw, sizeof raw, "%s%s (%s %s)", year,
		         kr_tr(l->lang, "gezinsbijeenkomst", "family meeting"),
		         kr_tr(l->lang, "gezinsplan", "family plan"), plan);
		kri_text_clip(raw, LABEL_CP, v->label, sizeof v->label);
		if (v->day < l->start)
			v->day = l->start;
	}
	if (!has_birth && kr_date_valid(child->born) && kr_date_first(child->born) <= l->end) {
		struct kr_event e = { child->born, KR_EV_BIRTH, c->child, -1, NULL };
		struct lev *v = &l->ev[l->nev++];
		v->day = kr_date_first(child->born);
		v->type = KR_EV_BIRTH;
		v->idx = (size_t)-1;
		event_label(c, &e, l->lang, false, v->label, sizeof v->label);
	}
	/* by day, then document order (insertion sort: stable, deterministic) */
	for (size_t i = 1; i < l->nev; i++)
		for (size_t j = i; j > 0; j--) {
			struct lev *a = &l->ev[j - 1], *b = &l->ev[j];
			if (a->day < b->day || (a->day == b->day && a->idx <= b->idx))
				break;
			struct lev t = *a;
			*a = *b;
			*b = t;
		}
	for (size_t i = 0; i < l->nev; i++) {
		l->type_seen[l->ev[i].type] = true;
		if (l->ev[i].hi)
			l->any_hi = true;
	}
	return true;
}

static bool collect_placements(struct ll *l)
{
	const struct kr_case *c = l->c;

	l->pl = calloc(c->nplacements + 1, sizeof *l->pl);
	if (!l->pl)
		return false;
	for (size_t i = 0; i < c->nplacements; i++) {
		const struct kr_placement *p = &c->placements[i];
		const struct kr_path *path = l->path;
		struct lpl *v;
		char names[256], raw[512];
		const char *form;
		long s, e;
		bool ended;
		if (!kr_date_valid(p->start) || kr_date_first(p->start) > l->end)
			continue;
		s = mid_day(p->start);
		ended = kr_date_valid(p->end) && kr_date_first(p->end) <= l->end;
		e = ended ? mid_day(p->end) : l->end;
		v = &l->pl[l->npl++];
		v->idx = i;
		v->form = p->form;
		v->x0 = day_x(l, s);
		v->x1 = day_x(l, e);
		if (v->x1 < v->x0 + 3)
			v->x1 = v->x0 + 3;
		for (size_t k = 0; k < path->nbreakdowns; k++)
			if (path->breakdowns[k].placement == (int)i && path->breakdowns[k].day <= l->end)
				v->breakdown = true;
		for (size_t k = 0; k < path->nmoves; k++)
			if (path->moves[k].placement == (int)i)
				v->move = true;
		form = kr_enum_label(KR_ENUM_FORM, p->form, l->lang);
		if (!form || !*form)
			form = kr_tr(l->lang, "plaatsing", "placement");
		join_names(c, p->carers, p->ncarers, names, sizeof names);
		cat(raw, sizeof raw, 0, form,
		    p->network == KR_TRUE ? kr_tr(l->lang, " (netwerk)", " (network)") : "",
		    *names ? ": " : "", names,
		    v->move ? kr_tr(l->lang, " \xE2\x80\x94 overplaatsing", " \xE2\x80\x94 move") : "",
		    v->breakdown ? kr_tr(l->lang, " \xE2\x80\x94 breakdown",
		                         " \xE2\x80\x94 breakdown") : "", (const char *)NULL);
		kri_text_clip(raw, LABEL_CP + 12, v->label, sizeof v->label);
		l->form_seen[p->form] = true;
		if (v->breakdown)
			l->any_hi = true;
		for (size_t k = 0; k < p->nsettling; k++)
			if (kr_date_valid(p->settling[k].date) &&
			    kr_date_first(p->settling[k].date) <= l->end)
				l->any_checkin = true;
	}
	if (l->settling.placement >= 0 && l->settling.first_year)
		for (int k = l->settling.next; k >= 0 && k < KR_SETTLING_CHECKINS; k++)
			if (l->settling.due[k] <= l->end) {
				if (k == l->settling.next && l->settling.overdue)
					l->any_overdue = true;
				else
					l->any_due = true;
			}
	return true;
}

/* A small black triangle pointing down at the bar: a settling-in check-in. */
static struct kr_geom_item *checkin_mark(struct kr_geometry *g, double x, double y)
{
	struct kr_geom_item *it = kri_geom_path(g, "M%.1f %.1fl-3.5 -5h7z", x, y);
	it->style.fill = "#000";
	return it;
}

/* An open triangle: a check-in of the schedule that is due and not held;
 * vermillion and thicker when it is overdue. */
static struct kr_geom_item *due_mark(struct kr_geometry *g, double x, double y, bool overdue)
{
	struct kr_geom_item *it = kri_geom_path(g, "M%.1f %.1fl-3.5 -5h7z", x, y);
	it->style.fill = "#FFFFFF";
	it->style.stroke = overdue ? VERMILLION : "#000";
	it->style.stroke_width = overdue ? 1.5f : 1;
	return it;
}

/* "kind 3 (wisselend), pleegouders 4 (gaat goed)": the scores of a
 * check-in in words, the views that were asked only; "" when none was. */
static void checkin_scores(const struct kr_checkin *ck, enum kr_lang lang, char *out,
                           size_t sz)
{
	static const char *const nl[KR_VIEW__N] = { "kind", "pleegouders", "eigen kinderen",
		"ouders" };
	static const char *const en[KR_VIEW__N] = { "child", "foster parents",
		"their own children", "parents" };
	size_t len = 0;

	out[0] = '\0';
	for (int w = 0; w < KR_VIEW__N && len + 1 < sz; w++) {
		if (ck->score[w] < 1 || ck->score[w] > 5)
			continue;
		len += (size_t)snprintf(out + len, sz - len, "%s%s %d (%s)", len ? ", " : "",
		                        (lang == KR_LANG_EN ? en : nl)[w], ck->score[w],
		                        kr_enum_label(KR_ENUM_SETTLING_SCORE, ck->score[w], lang));
		if (len >= sz)
			len = sz - 1;
	}
}

/* The lowest score of a check-in, 0 when nobody was asked. */
static int checkin_lowest(const struct kr_checkin *ck)
{
	int lo = 0;

	for (int w = 0; w < KR_VIEW__N; w++)
		if (ck->score[w] >= 1 && ck->score[w] <= 5 && (!lo || ck->score[w] < lo))
			lo = ck->score[w];
	return lo;
}

/* The tooltip of a held check-in: its day and the scores in words. */
static const char *checkin_title(struct ll *l, struct kr_geometry *g,
                                 const struct kr_checkin *ck)
{
	char day[64], sc[320];

	kr_words_date(ck->date, l->lang, day, sizeof day);
	checkin_scores(ck, l->lang, sc, sizeof sc);
	return kri_geom_printf(g, "%s %s%s%s", kr_tr(l->lang, "Gesprek over het wennen,",
	                       "Settling-in check-in,"), day, *sc ? ": " : "", sc);
}

/* Width reserved for a label: bold labels run wider than the estimate. */
static double label_room(const char *s, double px, bool bold)
{
	return kri_text_width(s, px) * (bold ? 1.15 : 1.0);
}

/* Clips label so it fits in room, keeping at least 16 characters; returns
 * the room the label then takes (label_room), measured once. */
static double clip_to_room(char *label, size_t sz, double room, bool bold)
{
	char tmp[LABEL_CP * 4 + 32];
	size_t cp = 0;
	double w;

	for (const char *p = label; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			cp++;
	if ((w = label_room(label, LABEL_PX, bold)) <= room)
		return w;
	cat(tmp, sizeof tmp, 0, label, (const char *)NULL);
	while (cp > 16) {
		kri_text_clip(tmp, --cp, label, sz);
		if ((w = label_room(label, LABEL_PX, bold)) <= room)
			return w;
	}
	return w;
}

static bool lanes(struct ll *l)
{
	size_t n = l->nev > l->npl ? l->nev : l->npl;
	double *iv = calloc(2 * (n + 1), sizeof *iv);
	int *ln = calloc(n + 1, sizeof *ln);
	double axis_end = day_x(l, l->end);

	if (!iv || !ln) {
		free(iv);
		free(ln);
		return false;
	}
	/* Events right to left, labels to the right of their symbol, so a
	 * leader line never runs through an earlier label's text. */
	l->nlanes_up = 0;
	for (size_t k = l->nev, m = 0; k-- > 0; m++) {
		struct lev *v = &l->ev[k];
		double w, room;
		v->x = day_x(l, v->day);
		/* Near the right end a long label is clipped rather than turned
		 * to the left, where later leader lines would cross it. */
		room = axis_end + 240 - (v->x + SYM_R + 4);
		w = clip_to_room(v->label, sizeof v->label, room, v->hi);
		v->left = v->x + SYM_R + 4 + w > axis_end + 240;
		if (v->left) {
			v->lo = v->x - SYM_R - 4 - w;
			v->hi_x = v->x + SYM_R;
		} else {
			v->lo = v->x - SYM_R;
			v->hi_x = v->x + SYM_R + 4 + w;
		}
		v->lane = free_lane(iv, ln, m, v->lo, v->hi_x, 8);
		iv[2 * m] = v->lo;
		iv[2 * m + 1] = v->hi_x;
		ln[m] = v->lane;
		if (v->lane + 1 > l->nlanes_up)
			l->nlanes_up = v->lane + 1;
	}
	/* Placements left to right. */
	l->nlanes_down = 0;
	for (size_t k = 0; k < l->npl; k++) {
		struct lpl *v = &l->pl[k];
		double end = v->x1 + (v->breakdown ? 14 : 0);
		double lw = label_room(v->label, TICK_PX + 0.5, v->breakdown);
		v->ux1 = fmax(end, v->x0 + lw);
		v->lane = free_lane(iv, ln, k, v->x0, v->ux1, 8);
		iv[2 * k] = v->x0;
		iv[2 * k + 1] = v->ux1;
		ln[k] = v->lane;
		if (v->lane + 1 > l->nlanes_down)
			l->nlanes_down = v->lane + 1;
	}
	free(iv);
	free(ln);
	return true;
}

/* The fill pattern of each form that occurs, and the bold alert class. */
static const char *const css_classes[] = { "alert" };
static const char *const css_rules[] = { "font-weight:bold" };

static void patterns(struct ll *l, struct kr_geometry *g)
{
	struct kr_geom_item *it;

	kri_geom_group(g, NULL, KR_GEOM_F_DEFS | KR_GEOM_F_BREAK);
	for (int f = 0; f < KR_FORM__N; f++) {
		if (!l->form_seen[f])
			continue;
		it = kri_geom_add(g, KR_GEOM_PATTERN);
		it->pattern = (struct kr_geom_pattern){ kri_geom_printf(g, "ll-form-%d", f), 8, 8,
			form_colour((enum kr_form)f), form_hatch((enum kr_form)f) };
		it->style.stroke = "#000";
		it->style.stroke_opacity = 0.55;
		it->style.fill = "#000";
		it->style.fill_opacity = 0.55;
	}
	kri_geom_end(g);
	it = kri_geom_add(g, KR_GEOM_CSS);
	it->css = (struct kr_geom_css){ css_classes, css_rules, 1 };
}

/* A group of short vertical strokes on one line: ticks, leaders. */
static void strokes_begin(struct kr_geometry *g, const char *cls, double width, const char *col)
{
	struct kr_geom_item *it = kri_geom_group(g, cls, KR_GEOM_F_BREAK);
	it->style.stroke = col;
	it->style.stroke_width = width;
	kri_geom_run(g);
}

static void strokes_end(struct kr_geometry *g)
{
	kri_geom_end(g);
	kri_geom_end(g);
}

/* "2019": a year as digits (snprintf's "%d" was most of the ticks' time). */
static void year_text(int y, char *t, size_t sz)
{
	char tmp[16];
	size_t i = sizeof tmp, n = 0;
	unsigned v = y < 0 ? 0u - (unsigned)y : (unsigned)y;

	tmp[--i] = '\0';
	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (y < 0)
		tmp[--i] = '-';
	while (tmp[i] && n + 1 < sz)
		t[n++] = tmp[i++];
	t[n] = '\0';
}

static void year_ticks(struct ll *l, struct kr_geometry *g)
{
	static const int steps[] = { 1, 2, 5, 10, 20, 50, 100 };
	struct kr_date s = kr_date_from_days(l->start), e = kr_date_from_days(l->end);
	double pxy = 365.25 * l->pxd, lastr = -1e9;
	int step = 100;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * pxy >= 40) {
			step = steps[i];
			break;
		}
	strokes_begin(g, "ticks", 0, "#000");
	for (int y = s.y + 1; y <= e.y; y++) {
		double x = day_x(l, kr_days_from_civil(y, 1, 1));
		kri_geom_path(g, "M%.1f %.1fV%.1f", x, l->axis_y, l->axis_y + (y % step == 0 ? 6 : 3));
	}
	strokes_end(g);
	for (int y = s.y + 1; y <= e.y; y++) {
		char t[16];
		double x = day_x(l, kr_days_from_civil(y, 1, 1)), w;
		if (y % step)
			continue;
		year_text(y, t, sizeof t);
		w = kri_text_width(t, TICK_PX);
		if (x - w / 2 < lastr + 4)
			continue;
		kri_geom_label(g, x, l->axis_y + 18, TICK_PX, KR_ANCHOR_MIDDLE, "tick", -1, t);
		lastr = x + w / 2;
	}
}

static void draw_events(struct ll *l, struct kr_geometry *g)
{
	strokes_begin(g, "leaders", 0.8, "#888888");
	for (size_t i = 0; i < l->nev; i++) {
		const struct lev *v = &l->ev[i];
		double cy = l->axis_y - 24 - LANE_UP * v->lane;
		kri_geom_path(g, "M%.1f %.1fV%.1f", v->x, l->axis_y, cy + SYM_R);
	}
	strokes_end(g);
	kri_geom_group(g, "events", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < l->nev; i++) {
		const struct lev *v = &l->ev[i];
		double cy = l->axis_y - 24 - LANE_UP * v->lane;
		kri_geom_box(kri_geom_run(g), v->x - SYM_R, cy - SYM_R, 2 * SYM_R, 2 * SYM_R, -1,
		             KR_BOX_SYMBOL);
		ev_symbol(g, v->type, v->x, cy, SYM_R);
		kri_geom_end(g);
		if (v->left)
			kri_geom_label(g, v->x - SYM_R - 4, cy + 4, LABEL_PX, KR_ANCHOR_END,
			               v->hi ? "alert" : NULL, -1, v->label);
		else
			kri_geom_label(g, v->x + SYM_R + 4, cy + 4, LABEL_PX, KR_ANCHOR_START,
			               v->hi ? "alert" : NULL, -1, v->label);
	}
	kri_geom_end(g);
}

/* A vermillion flash, a zigzag bolt: a placement that broke down. */
static struct kr_geom_item *breakdown_mark(struct kr_geometry *g, double x, double y)
{
	struct kr_geom_item *it = kri_geom_path(g, "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1f",
	                                        x + 2, y, x + 8, y + 5, x + 3, y + 8, x + 9,
	                                        y + 13);
	it->style.fill = "none";
	it->style.stroke = VERMILLION;
	it->style.stroke_width = 2.5;
	return it;
}

/* Grey bands just under the year labels: the periods the child lived away
 * from home (kr_path), so a return home and a new removal read at a glance. */
static void draw_periods(struct ll *l, struct kr_geometry *g)
{
	const struct kr_path *p = l->path;

	if (p->nperiods == 0)
		return;
	kri_geom_group(g, "out-of-home", 0);
	for (size_t i = 0; i < p->nperiods; i++) {
		long s = p->periods[i].start, e = p->periods[i].end < 0 ? l->end : p->periods[i].end;
		double x0 = day_x(l, s), x1 = day_x(l, e);
		struct kr_geom_item *it;
		if (s > l->end)
			continue;
		if (x1 < x0 + 2)
			x1 = x0 + 2;
		it = kri_geom_rect(g, x0, l->axis_y + 23, x1 - x0, 5);
		it->style.fill = "#8a8a8a";
	}
	kri_geom_end(g);
}

/* The check-ins of the current home's schedule that are due by the as-of
 * day and not held, on the bar of v when v is the home's placement where
 * that day falls: the current placement, or the one that began the home
 * before it (crisis care that became the foster family). */
static void schedule_marks(struct ll *l, struct kr_geometry *g, const struct lpl *v, double y)
{
	const struct kr_settling *st = &l->settling;
	int cur = l->path->current;

	if (st->placement < 0 || !st->first_year || st->next < 0)
		return;
	if ((int)v->idx != cur && (int)v->idx != st->placement)
		return;
	for (int k = st->next; k < KR_SETTLING_CHECKINS; k++) {
		long day = st->due[k];
		bool late = k == st->next && st->overdue, on_cur;
		char when[64];
		if (day > l->end)
			break;
		on_cur = cur == st->placement || !kr_date_valid(l->c->placements[cur].start) ||
		         day >= mid_day(l->c->placements[cur].start);
		if ((int)v->idx != (on_cur ? cur : st->placement))
			continue;
		kr_words_day(day, l->lang, when, sizeof when);
		kri_geom_group(g, late ? "checkin-due overdue" : "checkin-due", 0)->group.title =
			kri_geom_printf(g, late ? kr_tr(l->lang, "Gesprek %d over het wennen, rond %s: "
			                                "te laat", "Settling-in check-in %d, around %s: "
			                                "overdue")
			                        : kr_tr(l->lang, "Gesprek %d over het wennen, rond %s: "
			                                "nog niet gehouden", "Settling-in check-in %d, "
			                                "around %s: not held yet"), k + 1, when);
		due_mark(g, day_x(l, day), y, late);
		kri_geom_end(g);
	}
}

static void draw_placements(struct ll *l, struct kr_geometry *g)
{
	double top0 = l->axis_y + 34;

	kri_geom_group(g, "placements", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < l->npl; i++) {
		const struct lpl *v = &l->pl[i];
		double y = top0 + LANE_DOWN * v->lane;
		struct kr_geom_item *it;
		kri_geom_run(g);
		it = kri_geom_rect(g, v->x0, y, v->x1 - v->x0, BAR_H);
		it->style.fill = kri_geom_printf(g, "url(#ll-form-%d)", (int)v->form);
		it->style.stroke = "#000";
		kri_geom_box(it, v->x0, y, v->x1 - v->x0, BAR_H, -1, KR_BOX_SYMBOL);
		if (v->breakdown)
			kri_geom_box(breakdown_mark(g, v->x1, y - 0.5), v->x1 + 1, y - 1, 10, 14, -1,
			             KR_BOX_SYMBOL);
		for (size_t k = 0; k < l->c->placements[v->idx].nsettling; k++) {
			const struct kr_checkin *ck = &l->c->placements[v->idx].settling[k];
			if (!kr_date_valid(ck->date) || kr_date_first(ck->date) > l->end)
				continue;
			kri_geom_group(g, "checkin", 0)->group.title = checkin_title(l, g, ck);
			checkin_mark(g, day_x(l, mid_day(ck->date)), y);
			kri_geom_end(g);
		}
		schedule_marks(l, g, v, y);
		kri_geom_end(g);
		kri_geom_label(g, v->x0, y + BAR_H + 13, TICK_PX + 0.5, KR_ANCHOR_START,
		               v->breakdown ? "alert" : NULL, -1, v->label);
	}
	kri_geom_end(g);
}

/* Legend items: event types and forms that occur, and the highlight.
 * Measures only when g is NULL; returns the y below the legend. */
static double legend(struct ll *l, struct kr_geometry *g, double y, double width)
{
	double x = MARGIN, px = 10, rowh = 20;

	if (g) {
		kri_geom_label(g, MARGIN, y + 10, 11, KR_ANCHOR_START, "legend-title", -1,
		               kr_tr(l->lang, "Legenda", "Legend"));
		kri_geom_group(g, "legend", KR_GEOM_F_BREAK);
	}
	y += 20;
	for (int pass = 0; pass < 7; pass++) {
		int n = pass == 0 ? KR_EV__N : pass == 1 ? KR_FORM__N : 1;
		for (int k = 0; k < n; k++) {
			const char *t;
			double iw = pass == 1 ? 24 : 14, tw;
			if (pass == 0 && (!l->type_seen[k]))
				continue;
			if (pass == 1 && !l->form_seen[k])
				continue;
			if (pass == 2 && !l->any_hi)
				continue;
			if (pass == 3 && l->path->nperiods == 0)
				continue;
			if (pass == 4 && !l->any_checkin)
				continue;
			if (pass == 5 && !l->any_due)
				continue;
			if (pass == 6 && !l->any_overdue)
				continue;
			if (pass == 0)
				t = kr_enum_label(KR_ENUM_EVENT_TYPE, k, l->lang);
			else if (pass == 1)
				t = kr_enum_label(KR_ENUM_FORM, k, l->lang);
			else if (pass == 2)
				t = kr_tr(l->lang, "rood: breakdown of andere hulpverlener",
				          "red: breakdown or change of professional");
			else if (pass == 3)
				t = kr_tr(l->lang, "grijze balk: uit huis", "grey band: away from home");
			else if (pass == 4)
				t = kr_tr(l->lang, "driehoekje: gesprek over het wennen",
				          "small triangle: settling-in check-in");
			else if (pass == 5)
				t = kr_tr(l->lang, "open driehoekje: gesprek over het wennen dat nu moet",
				          "open triangle: settling-in check-in due now");
			else
				t = kr_tr(l->lang, "rood open driehoekje: gesprek over het wennen te laat",
				          "red open triangle: settling-in check-in overdue");
			if (!t || !*t)
				t = pass == 1 ? kr_tr(l->lang, "plaatsing", "placement") :
				    kr_tr(l->lang, "gebeurtenis", "event");
			tw = kri_text_width(t, px);   /* once: label_room is this, wider when bold */
			if (x + iw + 6 + tw > width - MARGIN && x > MARGIN) {
				x = MARGIN;
				y += rowh;
			}
			if (g) {
				kri_geom_box(kri_geom_run(g), x, y, iw, 14, -1, KR_BOX_SYMBOL);
				if (pass == 0) {
					ev_symbol(g, (enum kr_event_type)k, x + 7, y + 7, SYM_R);
				} else if (pass == 1) {
					struct kr_geom_item *it = kri_geom_rect(g, x, y + 1, 24, 12);
					it->rect.exact = KR_GEOM_EXACT_W | KR_GEOM_EXACT_H;
					it->style.fill = kri_geom_printf(g, "url(#ll-form-%d)", k);
					it->style.stroke = "#000";
				} else if (pass == 2) {
					breakdown_mark(g, x + 1, y);
				} else if (pass == 3) {
					struct kr_geom_item *it = kri_geom_rect(g, x, y + 4, 14, 5);
					it->style.fill = "#8a8a8a";
				} else if (pass == 4) {
					checkin_mark(g, x + 7, y + 10);
				} else {
					due_mark(g, x + 7, y + 10, pass == 6);
				}
				kri_geom_end(g);
				kri_geom_label(g, x + iw + 6, y + 11, px, KR_ANCHOR_START,
				               pass == 2 || pass == 6 ? "alert" : NULL, -1, t);
			}
			x += iw + 6 + tw * (pass == 2 || pass == 6 ? 1.15 : 1.0) + 18;
		}
	}
	if (g)
		kri_geom_end(g);
	return y + rowh + 8;
}

/* Appends the settling-in schedule of the current home in its first year
 * to the description: how many check-ins were held, the lowest score of
 * the latest, and when the next is due (or that it is overdue). */
static void settling_desc(const struct ll *l, char *desc, size_t sz)
{
	const struct kr_settling *st = &l->settling;
	const struct kr_placement *h;
	const struct kr_checkin *latest = NULL;
	size_t len = strlen(desc);
	char when[64];
	int lo;

	if (st->placement < 0 || !st->first_year || len + 1 >= sz)
		return;
	h = &l->c->placements[st->placement];
	for (size_t k = 0; k < h->nsettling; k++)
		if (kr_date_valid(h->settling[k].date) && kr_date_first(h->settling[k].date) <= l->end &&
		    (!latest || kr_date_first(h->settling[k].date) >= kr_date_first(latest->date)))
			latest = &h->settling[k];
	len += (size_t)snprintf(desc + len, sz - len, kr_tr(l->lang, " Wennen: %zu van de %d "
	                        "gesprekken gedaan", " Settling in: %zu of %d check-ins done"),
	                        st->done, KR_SETTLING_CHECKINS);
	if (len < sz && latest && (lo = checkin_lowest(latest)) > 0)
		len += (size_t)snprintf(desc + len, sz - len, kr_tr(l->lang, ", laagste score bij "
		                        "het laatste %d (%s)", ", lowest score at the latest %d (%s)"),
		                        lo, kr_enum_label(KR_ENUM_SETTLING_SCORE, lo, l->lang));
	if (len < sz && st->next >= 0) {
		kr_words_day(st->due[st->next], l->lang, when, sizeof when);
		len += (size_t)snprintf(desc + len, sz - len, st->overdue ?
		                        kr_tr(l->lang, "; het volgende (rond %s) is te laat",
		                              "; the next (around %s) is overdue") :
		                        kr_tr(l->lang, "; het volgende rond %s",
		                              "; the next around %s"), when);
	}
	if (len < sz)
		snprintf(desc + len, sz - len, ".");
}

static void draw(struct ll *l, struct kr_geometry *g)
{
	const struct kr_case *c = l->c;
	char title[256], desc[1024], from[11], to[11], asof[11];
	const char *cname = kr_case_person_name(c, c->child);
	double axis_end = day_x(l, l->end), right = axis_end, lh, ybottom;
	struct kr_date df = kr_date_from_days(l->start), dt = kr_date_from_days(l->end);
	struct kr_geom_item *it;

	kr_date_format(df, from);
	kr_date_format(dt, to);
	memcpy(asof, to, sizeof asof);
	snprintf(title, sizeof title, kr_tr(l->lang, "Levenslijn van %s", "Lifeline of %s"), cname);
	{
		char nev[48], npl[48], nmv[48], nbd[48];
		kr_words_count((long)l->nev, l->lang, "gebeurtenis", "gebeurtenissen", "event",
		               "events", nev, sizeof nev);
		kr_words_count((long)l->npl, l->lang, "plaatsing", "plaatsingen", "placement",
		               "placements", npl, sizeof npl);
		kr_words_count(l->path->moves_total, l->lang, "overplaatsing", "overplaatsingen",
		               "move", "moves", nmv, sizeof nmv);
		kr_words_count(l->path->breakdowns_total, l->lang, "breakdown", "breakdowns",
		               "breakdown", "breakdowns", nbd, sizeof nbd);
		snprintf(desc, sizeof desc,
		         kr_tr(l->lang, "Het leven van %s van %s tot %s: %s, %s, %s, %s.",
		               "The life of %s from %s to %s: %s, %s, %s, %s."),
		         cname, from, to, nev, npl, nmv, nbd);
		settling_desc(l, desc, sizeof desc);
	}
	for (size_t i = 0; i < l->nev; i++)
		right = fmax(right, l->ev[i].hi_x);
	for (size_t i = 0; i < l->npl; i++)
		right = fmax(right, l->pl[i].ux1);
	right = fmax(right, axis_end + 12 + kri_text_width(asof, TICK_PX));
	l->width = fmax(right + MARGIN, MARGIN + kri_text_width(title, 16) + MARGIN);
	if (l->width < 560)
		l->width = 560;
	l->axis_y = 60 + LANE_UP * l->nlanes_up + 8;
	ybottom = l->axis_y + 34 + LANE_DOWN * l->nlanes_down + 8;
	lh = legend(l, NULL, ybottom, l->width) - ybottom;
	l->height = ybottom + lh;

	kri_geom_reserve(g, 100 + 5 * l->nev + 4 * l->npl + 2 * (size_t)(l->end - l->start) / 365);
	g->width = l->width;
	g->height = l->height;
	g->title = kri_geom_str(g, title);
	g->desc = kri_geom_str(g, desc);
	patterns(l, g);
	kri_geom_label(g, MARGIN, 28, 16, KR_ANCHOR_START, "title", -1, title);
	kri_geom_run(g);
	it = kri_geom_path(g, "M%.1f %.1fH%.1f", l->x0, l->axis_y, axis_end);
	it->style.stroke = "#000";
	it->style.stroke_width = 2;
	it = kri_geom_path(g, "M%.1f %.1fl-7 -4v8z", axis_end + 6, l->axis_y);
	it->style.fill = "#000";
	kri_geom_end(g);
	year_ticks(l, g);
	kri_geom_label(g, axis_end + 12, l->axis_y + 4, TICK_PX, KR_ANCHOR_START, "asof", -1,
	               asof);
	draw_periods(l, g);
	draw_events(l, g);
	draw_placements(l, g);
	legend(l, g, ybottom, l->width);
}

enum kr_status kri_layout_lifeline(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_geometry *g, struct kr_error *err)
{
	struct ll l;
	enum kr_status rc = KR_OK;
	double years, w;

	memset(&l, 0, sizeof l);
	if (!c || !o || !g)
		return kr_error_say(err, KR_EUSAGE, "lifeline: dossier, opties of geometrie ontbreekt",
		                    "lifeline: missing case, options or geometry");
	if (c->child < 0 || (size_t)c->child >= c->npersons)
		return kr_error_say(err, KR_EINVAL, "lifeline: het dossier noemt geen kind",
		                    "lifeline: the case names no child");
	l.c = c;
	l.o = o;
	l.lang = o->lang;
	axis_range(&l);
	rc = kr_path_compute(c, l.end, o->settings, &l.path, err);
	if (rc != KR_OK)
		goto out;
	kr_settling_compute(c, l.path, o->settings, &l.settling);
	years = (double)(l.end - l.start) / 365.25;
	w = years * 64;
	if (w < 600)
		w = 600;
	if (w > 1600)
		w = 1600;
	l.x0 = MARGIN + 16;
	l.pxd = w / (double)(l.end - l.start);
	if (!collect_events(&l) || !collect_placements(&l) || !lanes(&l)) {
		rc = kr_error_say(err, KR_ENOMEM, "lifeline: geen geheugen meer", "lifeline: out of memory");
		goto out;
	}
	draw(&l, g);
out:
	free(l.ev);
	free(l.pl);
	kr_path_free(l.path);
	return rc;
}
