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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	char label[LABEL_CP * 4 + 64];
	double ux1;               /* right end of the unit */
	int lane;
};

/* Copies s into out, clipped to maxcp code points with an ellipsis. */
static void clip_text(const char *s, size_t maxcp, char *out, size_t outsz)
{
	size_t cp = 0, i = 0;

	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (cp == maxcp)
				break;
			cp++;
		}
	}
	if (s[i] && i + 4 <= outsz) {
		memcpy(out, s, i);
		memcpy(out + i, "\xE2\x80\xA6", 4);   /* U+2026 */
		return;
	}
	snprintf(out, outsz, "%s", s);
}

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

/* The symbol of an event type, centred on (x, y). */
static void ev_symbol(struct kr_buf *b, enum kr_event_type t, double x, double y, double r)
{
	double h = r * 0.866;

	switch (t) {
	case KR_EV_BIRTH:
		kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#FFFFFF\" "
		              "stroke=\"#0072B2\" stroke-width=\"2\"/>", x, y, r - 1);
		break;
	case KR_EV_DEATH:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1f\" stroke=\"#000\" "
		              "stroke-width=\"2.5\"/>", x - r * 0.7, y - r * 0.3, x + r * 0.7, x,
		              y - r, y + r);
		break;
	case KR_EV_LOSS:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fH%.1fL%.1f %.1fZ\" fill=\"#000\"/>",
		              x - r, y - h, x + r, x, y + h);
		break;
	case KR_EV_MOVE:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fV%.1fH%.1fZ\" "
		              "fill=\"#E69F00\" stroke=\"#000\"/>", x - r, y - r * 0.2, x, y - r,
		              x + r, y - r * 0.2, y + r, x - r);
		break;
	case KR_EV_SCHOOL_CHANGE:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fH%.1fZ\" fill=\"#009E73\" "
		              "stroke=\"#000\"/>", x, y - r, x + r, y + h, x - r);
		break;
	case KR_EV_PLACEMENT_START:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#0072B2\"/>",
		              x - h, y - r, x + h, y, x - h, y + r);
		break;
	case KR_EV_PLACEMENT_END:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#FFFFFF\" "
		              "stroke=\"#0072B2\" stroke-width=\"1.5\"/>", x + h, y - r, x - h, y,
		              x + h, y + r);
		break;
	case KR_EV_BREAKDOWN:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" "
		              "stroke=\"" VERMILLION "\" stroke-width=\"3\"/>", x - r, y - r,
		              x + r, y + r, x + r, y - r, x - r, y + r);
		break;
	case KR_EV_PROFESSIONAL_CHANGE:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
		              "fill=\"" VERMILLION "\" stroke=\"#000\"/>", x, y - r, x + r, y, x,
		              y + r, x - r, y);
		break;
	case KR_EV_PERSPECTIVE_DECISION:
		kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fV%.1fL%.1f %.1fL%.1f %.1fV%.1fZ\" "
		              "fill=\"#CC79A7\" stroke=\"#000\"/>", x, y - r, x + h, y - r / 2,
		              y + r / 2, x, y + r, x - h, y + r / 2, y - r / 2);
		break;
	case KR_EV_DEVELOPMENT_CHECK:
		kr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		              "fill=\"#FFFFFF\" stroke=\"#009E73\" stroke-width=\"2\"/>",
		              x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2);
		break;
	case KR_EV_MEETING:
		kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#FFFFFF\" "
		              "stroke=\"#56B4E9\" stroke-width=\"2\"/><circle cx=\"%.1f\" "
		              "cy=\"%.1f\" r=\"2\" fill=\"#000\"/>", x, y, r - 1, x, y);
		break;
	default:
		kr_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#666666\"/>", x, y);
		break;
	}
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
		len += (size_t)snprintf(out + len, sz - len, "%s%s", i ? ", " : "",
		                        kr_case_person_name(c, who[i]));
		if (len >= sz)
			len = sz - 1;
	}
}

/* The text of an event: its type, and the first of text, person, placement. */
static void event_label(const struct kr_case *c, const struct kr_event *e, enum kr_lang lang,
                        bool pinned, char *out, size_t sz)
{
	char raw[512], what[256] = "";
	const char *type = kr_enum_label(KR_ENUM_EVENT_TYPE, e->type, lang);

	if (!type || !*type)
		type = kr_tr(lang, "gebeurtenis", "event");
	if (e->text && *e->text)
		snprintf(what, sizeof what, "%s", e->text);
	else if (e->person >= 0)
		snprintf(what, sizeof what, "%s", kr_case_person_name(c, e->person));
	else if (e->placement >= 0)
		snprintf(what, sizeof what, "%s",
		         kr_enum_label(KR_ENUM_FORM, c->placements[e->placement].form, lang));
	if (pinned)
		snprintf(raw, sizeof raw, "(%d) %s%s%s", e->date.y, type, *what ? ": " : "", what);
	else
		snprintf(raw, sizeof raw, "%s%s%s", type, *what ? ": " : "", what);
	clip_text(raw, LABEL_CP, out, sz);
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

	l->ev = calloc(c->nevents + 1, sizeof *l->ev);
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
		v->breakdown = ended && p->end_reason == KR_END_BREAKDOWN;
		for (size_t k = 0; k < c->nevents; k++) {
			const struct kr_event *ev = &c->events[k];
			if (ev->type == KR_EV_BREAKDOWN && ev->placement == (int)i &&
			    kr_date_valid(ev->date) && kr_date_first(ev->date) <= l->end)
				v->breakdown = true;
		}
		form = kr_enum_label(KR_ENUM_FORM, p->form, l->lang);
		if (!form || !*form)
			form = kr_tr(l->lang, "plaatsing", "placement");
		join_names(c, p->carers, p->ncarers, names, sizeof names);
		snprintf(raw, sizeof raw, "%s%s%s%s%s", form,
		         p->network == KR_TRUE ? kr_tr(l->lang, " (netwerk)", " (network)") : "",
		         *names ? ": " : "", names,
		         v->breakdown ? kr_tr(l->lang, " \xE2\x80\x94 breakdown",
		                              " \xE2\x80\x94 breakdown") : "");
		clip_text(raw, LABEL_CP + 12, v->label, sizeof v->label);
		l->form_seen[p->form] = true;
		if (v->breakdown)
			l->any_hi = true;
	}
	return true;
}

/* Width reserved for a label: bold labels run wider than the estimate. */
static double label_room(const char *s, double px, bool bold)
{
	return kri_text_width(s, px) * (bold ? 1.15 : 1.0);
}

/* Clips label so it fits in room, keeping at least 16 characters. */
static void clip_to_room(char *label, size_t sz, double room, bool bold)
{
	char tmp[LABEL_CP * 4 + 32];
	size_t cp = 0;

	for (const char *p = label; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			cp++;
	if (label_room(label, LABEL_PX, bold) <= room)
		return;
	snprintf(tmp, sizeof tmp, "%s", label);
	while (cp > 16) {
		clip_text(tmp, --cp, label, sz);
		if (label_room(label, LABEL_PX, bold) <= room)
			return;
	}
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
		clip_to_room(v->label, sizeof v->label, room, v->hi);
		w = label_room(v->label, LABEL_PX, v->hi);
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

static void patterns(struct ll *l, struct kr_buf *b)
{
	kr_buf_puts(b, "<defs>\n");
	for (int f = 0; f < KR_FORM__N; f++) {
		const char *h = form_hatch((enum kr_form)f);
		if (!l->form_seen[f])
			continue;
		kr_buf_printf(b, "<pattern id=\"ll-form-%d\" width=\"8\" height=\"8\" "
		              "patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" "
		              "fill=\"%s\"/>", f, form_colour((enum kr_form)f));
		if (*h)
			kr_buf_printf(b, "<path d=\"%s\" stroke=\"#000\" stroke-opacity=\"0.55\" "
			              "fill=\"#000\" fill-opacity=\"0.55\"/>", h);
		kr_buf_puts(b, "</pattern>\n");
	}
	kr_buf_puts(b, "</defs>\n<style>.alert{font-weight:bold}</style>\n");
}

static void year_ticks(struct ll *l, struct kr_buf *b)
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
	kr_buf_puts(b, "<g class=\"ticks\" stroke=\"#000\">\n");
	for (int y = s.y + 1; y <= e.y; y++) {
		double x = day_x(l, kr_days_from_civil(y, 1, 1));
		kr_buf_printf(b, "<path d=\"M%.1f %.1fV%.1f\"%s/>", x, l->axis_y, l->axis_y +
		              (y % step == 0 ? 6 : 3), "");
	}
	kr_buf_puts(b, "\n</g>\n");
	for (int y = s.y + 1; y <= e.y; y++) {
		char t[16];
		double x = day_x(l, kr_days_from_civil(y, 1, 1)), w;
		if (y % step)
			continue;
		snprintf(t, sizeof t, "%d", y);
		w = kri_text_width(t, TICK_PX);
		if (x - w / 2 < lastr + 4)
			continue;
		kri_svg_text(b, l->o, x, l->axis_y + 18, TICK_PX, "middle", "tick", -1, t);
		lastr = x + w / 2;
	}
}

static void draw_events(struct ll *l, struct kr_buf *b)
{
	kr_buf_puts(b, "<g class=\"leaders\" stroke=\"#888888\" stroke-width=\"0.8\">\n");
	for (size_t i = 0; i < l->nev; i++) {
		const struct lev *v = &l->ev[i];
		double cy = l->axis_y - 24 - LANE_UP * v->lane;
		kr_buf_printf(b, "<path d=\"M%.1f %.1fV%.1f\"/>", v->x, l->axis_y, cy + SYM_R);
	}
	kr_buf_puts(b, "\n</g>\n<g class=\"events\">\n");
	for (size_t i = 0; i < l->nev; i++) {
		const struct lev *v = &l->ev[i];
		double cy = l->axis_y - 24 - LANE_UP * v->lane;
		ev_symbol(b, v->type, v->x, cy, SYM_R);
		kr_buf_puts(b, "\n");
		kr_layout_add(l->o->layout, v->x - SYM_R, cy - SYM_R, 2 * SYM_R, 2 * SYM_R, -1,
		              KR_BOX_SYMBOL);
		if (v->left)
			kri_svg_text(b, l->o, v->x - SYM_R - 4, cy + 4, LABEL_PX, "end",
			             v->hi ? "alert" : NULL, -1, v->label);
		else
			kri_svg_text(b, l->o, v->x + SYM_R + 4, cy + 4, LABEL_PX, "start",
			             v->hi ? "alert" : NULL, -1, v->label);
	}
	kr_buf_puts(b, "</g>\n");
}

static void breakdown_mark(struct kr_buf *b, double x, double y)
{
	/* a vermillion flash: a zigzag bolt */
	kr_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1f\" fill=\"none\" "
	              "stroke=\"" VERMILLION "\" stroke-width=\"2.5\"/>", x + 2, y, x + 8, y + 5,
	              x + 3, y + 8, x + 9, y + 13);
}

static void draw_placements(struct ll *l, struct kr_buf *b)
{
	double top0 = l->axis_y + 34;

	kr_buf_puts(b, "<g class=\"placements\">\n");
	for (size_t i = 0; i < l->npl; i++) {
		const struct lpl *v = &l->pl[i];
		double y = top0 + LANE_DOWN * v->lane;
		kr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		              "fill=\"url(#ll-form-%d)\" stroke=\"#000\"/>", v->x0, y, v->x1 - v->x0,
		              BAR_H, (int)v->form);
		kr_layout_add(l->o->layout, v->x0, y, v->x1 - v->x0, BAR_H, -1, KR_BOX_SYMBOL);
		if (v->breakdown) {
			breakdown_mark(b, v->x1, y - 0.5);
			kr_layout_add(l->o->layout, v->x1 + 1, y - 1, 10, 14, -1, KR_BOX_SYMBOL);
		}
		kr_buf_puts(b, "\n");
		kri_svg_text(b, l->o, v->x0, y + BAR_H + 13, TICK_PX + 0.5, "start",
		             v->breakdown ? "alert" : NULL, -1, v->label);
	}
	kr_buf_puts(b, "</g>\n");
}

/* Legend items: event types and forms that occur, and the highlight. */
static double legend(struct ll *l, struct kr_buf *b, double y, double width, bool draw)
{
	double x = MARGIN, px = 10, rowh = 20;
	const struct kr_render_opts *o = l->o;

	if (draw)
		kri_svg_text(b, o, MARGIN, y + 10, 11, "start", "legend-title", -1,
		             kr_tr(l->lang, "Legenda", "Legend"));
	y += 20;
	if (draw)
		kr_buf_puts(b, "<g class=\"legend\">\n");
	for (int pass = 0; pass < 3; pass++) {
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
			if (pass == 0)
				t = kr_enum_label(KR_ENUM_EVENT_TYPE, k, l->lang);
			else if (pass == 1)
				t = kr_enum_label(KR_ENUM_FORM, k, l->lang);
			else
				t = kr_tr(l->lang, "rood: breakdown of andere hulpverlener",
				          "red: breakdown or change of professional");
			if (!t || !*t)
				t = pass == 1 ? kr_tr(l->lang, "plaatsing", "placement") :
				    kr_tr(l->lang, "gebeurtenis", "event");
			tw = kri_text_width(t, px);
			if (x + iw + 6 + tw > width - MARGIN && x > MARGIN) {
				x = MARGIN;
				y += rowh;
			}
			if (draw) {
				if (pass == 0)
					ev_symbol(b, (enum kr_event_type)k, x + 7, y + 7, SYM_R);
				else if (pass == 1)
					kr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\" "
					              "height=\"12\" fill=\"url(#ll-form-%d)\" "
					              "stroke=\"#000\"/>", x, y + 1, k);
				else
					breakdown_mark(b, x + 1, y);
				kr_buf_puts(b, "\n");
				kr_layout_add(o->layout, x, y, iw, 14, -1, KR_BOX_SYMBOL);
				kri_svg_text(b, o, x + iw + 6, y + 11, px, "start",
				             pass == 2 ? "alert" : NULL, -1, t);
			}
			x += iw + 6 + label_room(t, px, pass == 2) + 18;
		}
	}
	if (draw)
		kr_buf_puts(b, "</g>\n");
	return y + rowh + 8;
}

static void draw(struct ll *l, struct kr_buf *b)
{
	const struct kr_case *c = l->c;
	char title[256], desc[512], from[11], to[11], asof[11];
	const char *cname = kr_case_person_name(c, c->child);
	double axis_end = day_x(l, l->end), right = axis_end, lh, ybottom;
	struct kr_date df = kr_date_from_days(l->start), dt = kr_date_from_days(l->end);

	kr_date_format(df, from);
	kr_date_format(dt, to);
	kr_date_format(dt, asof);
	snprintf(title, sizeof title, kr_tr(l->lang, "Levenslijn van %s", "Lifeline of %s"), cname);
	snprintf(desc, sizeof desc,
	         kr_tr(l->lang, "Het leven van %s van %s tot %s: %zu gebeurtenissen, "
	               "%zu plaatsingen.", "The life of %s from %s to %s: %zu events, "
	               "%zu placements."), cname, from, to, l->nev, l->npl);
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
	lh = legend(l, NULL, ybottom, l->width, false) - ybottom;
	l->height = ybottom + lh;

	kri_svg_open(b, l->width, l->height, title, desc);
	patterns(l, b);
	kri_svg_text(b, l->o, MARGIN, 28, 16, "start", "title", -1, title);
	kr_buf_printf(b, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#000\" stroke-width=\"2\"/>"
	              "<path d=\"M%.1f %.1fl-7 -4v8z\" fill=\"#000\"/>\n", l->x0, l->axis_y,
	              axis_end, axis_end + 6, l->axis_y);
	year_ticks(l, b);
	kri_svg_text(b, l->o, axis_end + 12, l->axis_y + 4, TICK_PX, "start", "asof", -1, asof);
	draw_events(l, b);
	draw_placements(l, b);
	legend(l, b, ybottom, l->width, true);
	kri_svg_close(b);
}

enum kr_status kri_render_lifeline(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_buf *out, struct kr_error *err)
{
	struct ll l;
	enum kr_status rc = KR_OK;
	double years, w;

	memset(&l, 0, sizeof l);
	if (!c || !o || !out)
		return kr_error_set(err, KR_EUSAGE, "lifeline: missing case, options or buffer");
	if (c->child < 0 || (size_t)c->child >= c->npersons)
		return kr_error_set(err, KR_EINVAL, "lifeline: the case names no child");
	l.c = c;
	l.o = o;
	l.lang = o->lang;
	axis_range(&l);
	years = (double)(l.end - l.start) / 365.25;
	w = years * 64;
	if (w < 600)
		w = 600;
	if (w > 1600)
		w = 1600;
	l.x0 = MARGIN + 16;
	l.pxd = w / (double)(l.end - l.start);
	if (!collect_events(&l) || !collect_placements(&l) || !lanes(&l)) {
		rc = kr_error_set(err, KR_ENOMEM, "lifeline: out of memory");
		goto out;
	}
	draw(&l, out);
	if (out->failed)
		rc = kr_error_set(err, out->why, "lifeline: the picture does not fit in the buffer");
out:
	free(l.ev);
	free(l.pl);
	return rc;
}
