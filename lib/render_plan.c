/*
 * render_plan.c - the network plan as a signed document (render_plan.h):
 * an A4 PDF drawn with cairo, page by page, text wrapped to the column
 * width with the DejaVu Sans the other pictures use, and the ecogram as
 * kr_render_svg() draws it (through librsvg) on a page of its own.
 *
 * The pages: a title page (the child's name, "Netwerkplan", the day, the
 * plan's version and dates), the plan (safety and the route when worried,
 * worries, what works, what needs to happen, wishes with answers, goals,
 * the parents' permission for the child to feel at home when recorded),
 * the agreements as a table, the ecogram, and the signatures of the child,
 * the parents, the foster parents and the worker.  Items for professionals
 * only stay out unless asked for.  Fixed PDF dates make the bytes the same
 * for the same case, day and options.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/render.h"
#include "kring/render_plan.h"
#include "kring/words.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.0
#define TOP 64.0
#define BOTTOM 70.0
#define COL_W (PAGE_W - 2 * MARGIN)
#define BODY 10.5
#define LEAD 1.35
#define FONT "DejaVu Sans"
#define PDF_FIXED_DATE "2000-01-01T00:00:00Z"
#define SVG_MAX (64u * 1024u * 1024u)

struct doc {
	cairo_t *cr;
	cairo_surface_t *s;
	const struct kr_case *c;
	const struct kr_plan_doc_opts *o;
	enum kr_lang L;
	double y;
	int page;
	bool started;      /* a page is open */
};

static void font(struct doc *d, double size, bool bold)
{
	cairo_select_font_face(d->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
	                       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(d->cr, size);
}

static double width_of(struct doc *d, const char *s, size_t n)
{
	cairo_text_extents_t e;
	char buf[1024];

	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_text_extents(d->cr, buf, &e);
	return e.x_advance;
}

static void show(struct doc *d, double x, double y, const char *s, size_t n)
{
	char buf[1024];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_move_to(d->cr, x, y);
	cairo_show_text(d->cr, buf);
}

/* The footer of the page that is open: the case, the page number. */
static void footer(struct doc *d)
{
	char buf[160];
	font(d, 8, false);
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	snprintf(buf, sizeof buf, "%s %s", kr_tr(d->L, "Netwerkplan", "Network plan"),
	         d->c->ref ? d->c->ref : "");
	show(d, MARGIN, PAGE_H - 36, buf, strlen(buf));
	snprintf(buf, sizeof buf, kr_tr(d->L, "pagina %d", "page %d"), d->page);
	show(d, PAGE_W - MARGIN - width_of(d, buf, strlen(buf)), PAGE_H - 36, buf, strlen(buf));
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

static void new_page(struct doc *d)
{
	if (d->started) {
		footer(d);
		cairo_show_page(d->cr);
	}
	d->started = true;
	d->page++;
	d->y = TOP;
}

/* Room for h more points on this page, else a new one. */
static void room(struct doc *d, double h)
{
	if (!d->started || d->y + h > PAGE_H - BOTTOM)
		new_page(d);
}

/* The byte length of the next line of s (size, bold set) that fits width;
 * breaks at spaces, inside a word only when one word is wider. */
static size_t line_fit(struct doc *d, const char *s, double width)
{
	size_t n = strlen(s), best = 0, i = 0;
	const char *nl = strchr(s, '\n');

	if (nl)
		n = (size_t)(nl - s);
	if (width_of(d, s, n) <= width)
		return n;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (width_of(d, s, j) > width)
			break;
		best = j;
		i = j + 1;
	}
	if (best)
		return best;
	/* one word wider than the line: cut it at a character */
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) == 0x80)
			continue;
		if (width_of(d, s, i) > width)
			break;
		best = i;
	}
	return best ? best : n;
}

/* Lines text takes at width (size and weight as set). */
static int count_lines(struct doc *d, const char *s, double width)
{
	int lines = 0;
	while (*s) {
		size_t n = line_fit(d, s, width);
		lines++;
		s += n;
		while (*s == ' ' || *s == '\n')
			s++;
	}
	return lines ? lines : 1;
}

/* Draws text wrapped at (x, y) in width; returns the y after it. */
static double wrap_at(struct doc *d, double x, double y, const char *s, double width,
                      double size)
{
	while (*s) {
		size_t n = line_fit(d, s, width);
		show(d, x, y + size, s, n);
		y += size * LEAD;
		s += n;
		while (*s == ' ' || *s == '\n')
			s++;
	}
	return y;
}

/* A paragraph in the column, over pages as needed. */
static void para(struct doc *d, const char *s, double indent, double size, bool bold)
{
	font(d, size, bold);
	while (*s) {
		size_t n = line_fit(d, s, COL_W - indent);
		room(d, size * LEAD);
		font(d, size, bold);
		show(d, MARGIN + indent, d->y + size, s, n);
		d->y += size * LEAD;
		s += n;
		while (*s == ' ' || *s == '\n')
			s++;
	}
}

static void heading(struct doc *d, const char *s)
{
	room(d, 60);
	d->y += d->y > TOP ? 12 : 0;
	para(d, s, 0, 15, true);
	d->y += 4;
}

static void subheading(struct doc *d, const char *s)
{
	room(d, 40);
	d->y += 6;
	para(d, s, 0, 11.5, true);
	d->y += 2;
}

static void muted(struct doc *d, const char *s)
{
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	para(d, s, 0, BODY, false);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

static void bullet(struct doc *d, const char *s)
{
	font(d, BODY, false);
	room(d, BODY * LEAD);
	show(d, MARGIN + 4, d->y + BODY, "\xE2\x80\xA2", 3);
	para(d, s, 14, BODY, false);
	d->y += 2;
}

static const char *name_of(const struct kr_case *c, int i)
{
	return i >= 0 ? kr_case_person_name(c, i) : "";
}

/* ---- the parts ---- */

static void title_page(struct doc *d)
{
	const struct kr_case *c = d->c;
	const struct kr_plan *p = &c->plan;
	char day[40], a[40], b[40], line[200];

	new_page(d);
	d->y = 250;
	para(d, kr_tr(d->L, "Netwerkplan", "Network plan"), 0, 30, true);
	d->y += 10;
	para(d, name_of(c, c->child), 0, 22, false);
	d->y += 24;
	snprintf(line, sizeof line, "%s %s", kr_tr(d->L, "Datum:", "Date:"),
	         kr_words_day(d->o->as_of, d->L, day, sizeof day));
	para(d, line, 0, 12, false);
	snprintf(line, sizeof line, "%s %s", kr_tr(d->L, "Dossier:", "Case:"), c->ref ? c->ref : "");
	para(d, line, 0, 12, false);
	if (p->present) {
		snprintf(line, sizeof line, kr_tr(d->L, "Versie %d van het plan", "Version %d of the plan"),
		         p->version);
		para(d, line, 0, 12, false);
		if (kr_date_valid(p->adopted)) {
			snprintf(line, sizeof line, "%s %s", kr_tr(d->L, "Vastgesteld:", "Adopted:"),
			         kr_words_date(p->adopted, d->L, a, sizeof a));
			para(d, line, 0, 12, false);
		}
		if (kr_date_valid(p->reviewed)) {
			snprintf(line, sizeof line, "%s %s", kr_tr(d->L, "Laatst besproken:",
			         "Last reviewed:"), kr_words_date(p->reviewed, d->L, b, sizeof b));
			para(d, line, 0, 12, false);
		}
	}
	d->y += 30;
	muted(d, kr_tr(d->L, "Dit plan is van het kind, de ouders, de pleegouders en hun netwerk. "
	               "Het zegt wat er goed gaat, waar we ons zorgen over maken, wat er moet "
	               "gebeuren en wie wat doet.", "This plan belongs to the child, the parents, "
	               "the foster parents and their network. It says what is going well, what we "
	               "are worried about, what needs to happen and who does what."));
}

static void list_section(struct doc *d, const char *title, const struct kr_strings *v,
                         const enum kr_visibility *vis)
{
	size_t shown = 0;

	subheading(d, title);
	for (size_t i = 0; i < v->n; i++) {
		if (vis && vis[i] == KR_VIS_PROFESSIONALS && !d->o->professionals)
			continue;
		bullet(d, v->v[i]);
		shown++;
	}
	if (!shown)
		muted(d, kr_tr(d->L, "(nog niets opgeschreven)", "(nothing written down yet)"));
}

/* The parents' permission for the child to feel at home with the foster
 * family (plan.blessing): when, which parents, in their own words; only
 * when recorded. */
static void blessing(struct doc *d)
{
	const struct kr_case *c = d->c;
	const struct kr_plan *p = &c->plan;
	const char *names[64];
	char date[40], line[800];
	struct kr_buf b;
	size_t n = 0;

	if (!kr_date_valid(p->blessing_date))
		return;
	subheading(d, kr_tr(d->L, "Toestemming van de ouders", "The parents' permission"));
	for (size_t i = 0; i < p->nblessing_by && n < 64; i++)
		names[n++] = name_of(c, p->blessing_by[i]);
	kr_buf_init(&b, 600);
	kr_words_list(&b, names, n, d->L);
	kr_words_date(p->blessing_date, d->L, date, sizeof date);
	if (n && b.data)
		snprintf(line, sizeof line, kr_tr(d->L, "%s gaven op %s toestemming dat het kind zich "
		         "thuis mag voelen in het pleeggezin.", "%s gave permission on %s for the child "
		         "to feel at home with the foster family."), b.data, date);
	else
		snprintf(line, sizeof line, kr_tr(d->L, "Op %s gaven de ouders toestemming dat het kind "
		         "zich thuis mag voelen in het pleeggezin.", "On %s the parents gave permission "
		         "for the child to feel at home with the foster family."), date);
	kr_buf_cleanup(&b);
	para(d, line, 0, BODY, false);
	if (p->blessing_text && *p->blessing_text) {
		snprintf(line, sizeof line, "\xE2\x80\x9C%s\xE2\x80\x9D", p->blessing_text);
		/* in quotes when it fits the line buffer, else as written */
		para(d, strlen(p->blessing_text) < sizeof line - 8 ? line : p->blessing_text, 14,
		     BODY, false);
	}
}

static void plan_pages(struct doc *d)
{
	const struct kr_case *c = d->c;
	const struct kr_plan *p = &c->plan;
	char line[400], date[40];

	new_page(d);
	heading(d, kr_tr(d->L, "Veiligheid", "Safety"));
	para(d, p->safety && *p->safety ? p->safety : kr_tr(d->L, "(nog niet beschreven)",
	     "(not described yet)"), 0, BODY, false);
	if (p->route_text || p->nroute_call) {
		subheading(d, kr_tr(d->L, "Als je je zorgen maakt", "When you are worried"));
		if (p->route_text)
			para(d, p->route_text, 0, BODY, false);
		for (size_t i = 0; i < p->nroute_call; i++) {
			int w = p->route_call[i];
			snprintf(line, sizeof line, "%zu. %s (%s)", i + 1, name_of(c, w),
			         kr_enum_role_label(c->persons[w].roles, d->L));
			bullet(d, line);
		}
	}
	heading(d, kr_tr(d->L, "Het plan", "The plan"));
	list_section(d, kr_tr(d->L, "Waar maken we ons zorgen over?", "What are we worried about?"),
	             &p->worries, NULL);
	if (p->danger_statements.n)
		list_section(d, kr_tr(d->L, "Wat kan er gebeuren als er niets verandert?",
		                      "What may happen if nothing changes?"),
		             &p->danger_statements, NULL);
	if (p->concerns.n)
		list_section(d, kr_tr(d->L, "Zorgen van het netwerk", "The network's worries"),
		             &p->concerns, p->concerns_visibility);
	list_section(d, kr_tr(d->L, "Wat gaat goed?", "What is working well?"), &p->working_well,
	             NULL);
	list_section(d, kr_tr(d->L, "Wat moet er gebeuren?", "What needs to happen?"),
	             &p->needs_to_happen, NULL);
	if (p->safety_goals.n)
		list_section(d, kr_tr(d->L, "Wanneer is het veilig genoeg?", "When is it safe enough?"),
		             &p->safety_goals, NULL);

	subheading(d, kr_tr(d->L, "Wensen en wat ermee gedaan is", "Wishes and what was done"));
	for (size_t i = 0; i < p->nwishes; i++) {
		const struct kr_wish *w = &p->wishes[i];
		if (w->by >= 0 && kr_date_valid(w->date))
			snprintf(line, sizeof line, "%s (%s):", name_of(c, w->by),
			         kr_words_date(w->date, d->L, date, sizeof date));
		else if (w->by >= 0)
			snprintf(line, sizeof line, "%s:", name_of(c, w->by));
		else
			snprintf(line, sizeof line, "%s:", kr_tr(d->L, "Wens", "Wish"));
		room(d, 3 * BODY * LEAD);
		para(d, line, 0, BODY, true);
		para(d, w->text ? w->text : "", 14, BODY, false);
		if (w->response && *w->response) {
			snprintf(line, sizeof line, "%s %s", kr_tr(d->L, "Antwoord:", "Answer:"),
			         w->response);
			para(d, line, 14, BODY, false);
		} else {
			cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
			para(d, kr_tr(d->L, "Nog geen antwoord.", "Not answered yet."), 14, BODY, false);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
		}
		d->y += 4;
	}
	if (!p->nwishes)
		muted(d, kr_tr(d->L, "(nog geen wensen)", "(no wishes yet)"));

	subheading(d, kr_tr(d->L, "Doelen", "Goals"));
	for (size_t i = 0; i < p->ngoals; i++) {
		bullet(d, p->goals[i].text ? p->goals[i].text : p->goals[i].id);
		if (p->goals[i].indicator) {
			snprintf(line, sizeof line, "%s %s", kr_tr(d->L, "Je ziet het aan:",
			         "You can see it by:"), p->goals[i].indicator);
			para(d, line, 14, BODY, false);
			d->y += 2;
		}
	}
	if (!p->ngoals)
		muted(d, kr_tr(d->L, "(nog geen doelen)", "(no goals yet)"));
	blessing(d);
}

/* The agreements as a table: who, what, when, what if not. */
static void agreements_page(struct doc *d)
{
	static const double w[4] = { 0.22, 0.34, 0.18, 0.26 };
	const struct kr_case *c = d->c;
	const char *head[4] = { kr_tr(d->L, "Wie", "Who"), kr_tr(d->L, "Wat", "What"),
		kr_tr(d->L, "Wanneer", "When"), kr_tr(d->L, "Als het niet lukt", "If not") };
	double pad = 4, x;
	size_t shown = 0;

	heading(d, kr_tr(d->L, "Afspraken", "Agreements"));
	for (size_t i = 0; i < c->plan.nagreements; i++) {
		const struct kr_agreement *a = &c->plan.agreements[i];
		char who[600] = "", when[300] = "", due[40], what[1200];
		const char *cell[4];
		struct kr_buf b;
		double h = 0;
		bool header = shown == 0;

		if (a->visibility == KR_VIS_PROFESSIONALS && !d->o->professionals)
			continue;
		kr_buf_init(&b, sizeof who);
		{
			const char *names[64];
			size_t n = 0;
			for (size_t k = 0; k < a->nwho && n < 64; k++)
				names[n++] = name_of(c, a->who[k]);
			kr_words_list(&b, names, n, d->L);
			snprintf(who, sizeof who, "%s", b.data ? b.data : "");
			kr_buf_cleanup(&b);
		}
		if (a->when && kr_date_valid(a->due))
			snprintf(when, sizeof when, "%s (%s %s)", a->when, kr_tr(d->L, "uiterlijk",
			         "by"), kr_words_date(a->due, d->L, due, sizeof due));
		else if (kr_date_valid(a->due))
			snprintf(when, sizeof when, "%s %s", kr_tr(d->L, "uiterlijk", "by"),
			         kr_words_date(a->due, d->L, due, sizeof due));
		else
			snprintf(when, sizeof when, "%s", a->when ? a->when : "");
		cell[0] = who;
		cell[1] = a->what ? a->what : "";
		cell[2] = when;
		cell[3] = a->if_not ? a->if_not : "";
		if (a->status == KR_AGR_DONE || a->status == KR_AGR_DROPPED) {
			/* a done or dropped agreement says so after what it was */
			snprintf(what, sizeof what, "%s (%s)", cell[1],
			         kr_enum_label(KR_ENUM_AGREEMENT_STATUS, a->status, d->L));
			cell[1] = what;
		}
		font(d, 9.5, false);
		for (int k = 0; k < 4; k++) {
			double ch = count_lines(d, cell[k], w[k] * COL_W - 2 * pad) * 9.5 * LEAD;
			if (ch > h)
				h = ch;
		}
		h += 2 * pad;
		/* a row taller than a page (an old, very long text) is cut at the page */
		if (h > PAGE_H - BOTTOM - TOP - 40)
			h = PAGE_H - BOTTOM - TOP - 40;
		if (header || d->y + h > PAGE_H - BOTTOM) {
			room(d, h + 24);
			font(d, 9.5, true);
			x = MARGIN;
			cairo_set_source_rgb(d->cr, 0.92, 0.92, 0.92);
			cairo_rectangle(d->cr, MARGIN, d->y, COL_W, 9.5 * LEAD + 2 * pad);
			cairo_fill(d->cr);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
			for (int k = 0; k < 4; k++) {
				show(d, x + pad, d->y + pad + 9.5, head[k], strlen(head[k]));
				x += w[k] * COL_W;
			}
			d->y += 9.5 * LEAD + 2 * pad;
		}
		font(d, 9.5, false);
		x = MARGIN;
		cairo_save(d->cr);
		cairo_rectangle(d->cr, MARGIN, d->y, COL_W, h);
		cairo_clip(d->cr);
		for (int k = 0; k < 4; k++) {
			wrap_at(d, x + pad, d->y + pad, cell[k], w[k] * COL_W - 2 * pad, 9.5);
			x += w[k] * COL_W;
		}
		cairo_restore(d->cr);
		cairo_set_line_width(d->cr, 0.5);
		cairo_move_to(d->cr, MARGIN, d->y + h);
		cairo_line_to(d->cr, MARGIN + COL_W, d->y + h);
		cairo_stroke(d->cr);
		d->y += h;
		shown++;
	}
	if (!shown)
		muted(d, kr_tr(d->L, "(nog geen afspraken)", "(no agreements yet)"));
}

/* The ecogram on a page of its own, as large as fits. */
static enum kr_status ecogram_page(struct doc *d, struct kr_error *err)
{
	struct kr_render_opts ro;
	struct kr_buf svg;
	RsvgHandle *h = NULL;
	GError *gerr = NULL;
	RsvgRectangle vp;
	double w = 0, hh = 0, scale;
	enum kr_status rc;

	memset(&ro, 0, sizeof ro);
	ro.lang = d->L;
	ro.as_of = d->o->as_of;
	kr_buf_init(&svg, SVG_MAX);
	if ((rc = kr_render_svg(KR_RENDER_ECOGRAM, d->c, &ro, &svg, err)))
		goto out;
	h = rsvg_handle_new_from_data((const guint8 *)svg.data, svg.len, &gerr);
	if (!h || !rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh) || w <= 0 || hh <= 0) {
		rc = kr_error_say(err, KR_EINVAL, "het ecogram kan niet in het plan",
		                  "the ecogram cannot be put in the plan");
		goto out;
	}
	new_page(d);
	heading(d, kr_tr(d->L, "Ecogram", "Ecogram"));
	scale = fmin(COL_W / w, (PAGE_H - BOTTOM - d->y - 10) / hh);
	vp = (RsvgRectangle){ MARGIN + (COL_W - w * scale) / 2, d->y + 10, w * scale, hh * scale };
	if (!rsvg_handle_render_document(h, d->cr, &vp, &gerr)) {
		rc = kr_error_say(err, KR_EINVAL, "het ecogram kan niet in het plan",
		                  "the ecogram cannot be put in the plan");
		goto out;
	}
	d->y += 10 + hh * scale;
out:
	if (h)
		g_object_unref(h);
	if (gerr)
		g_error_free(gerr);
	kr_buf_cleanup(&svg);
	return rc;
}

static void signature(struct doc *d, const char *name, const char *role)
{
	char line[300];

	room(d, 70);
	d->y += 26;
	cairo_set_line_width(d->cr, 0.6);
	cairo_move_to(d->cr, MARGIN, d->y);
	cairo_line_to(d->cr, MARGIN + 250, d->y);
	cairo_move_to(d->cr, MARGIN + 300, d->y);
	cairo_line_to(d->cr, MARGIN + COL_W, d->y);
	cairo_stroke(d->cr);
	d->y += 4;
	snprintf(line, sizeof line, "%s (%s)", name, role);
	font(d, 9.5, false);
	show(d, MARGIN, d->y + 9.5, line, strlen(line));
	show(d, MARGIN + 300, d->y + 9.5, kr_tr(d->L, "datum", "date"),
	     strlen(kr_tr(d->L, "datum", "date")));
	d->y += 9.5 * LEAD + 6;
}

/* Is person i a carer of the placement current on the document's day? */
static bool current_carer(const struct kr_case *c, int i, long day)
{
	int pl = kr_case_current_placement(c, day);
	for (size_t k = 0; pl >= 0 && k < c->placements[pl].ncarers; k++)
		if (c->placements[pl].carers[k] == i)
			return true;
	return false;
}

static void signatures_page(struct doc *d)
{
	const struct kr_case *c = d->c;
	long day = d->o->as_of;
	bool any;

	new_page(d);
	heading(d, kr_tr(d->L, "Handtekeningen", "Signatures"));
	muted(d, kr_tr(d->L, "Met je handtekening zeg je dat je dit plan kent en meedoet aan de "
	               "afspraken.", "By signing you say that you know this plan and take part "
	               "in the agreements."));
	if (c->child >= 0)
		signature(d, name_of(c, c->child), kr_enum_label(KR_ENUM_ROLE, KR_ROLE_CHILD, d->L));
	for (size_t i = 0; i < c->npersons; i++)
		if ((int)i != c->child && kr_person_has_role(&c->persons[i], KR_ROLE_PARENT) &&
		    kr_case_person_alive(c, (int)i, day))
			signature(d, name_of(c, (int)i), kr_enum_label(KR_ENUM_ROLE, KR_ROLE_PARENT,
			          d->L));
	/* the foster parents of the current placement, else every foster parent */
	any = false;
	for (int pass = 0; pass < 2 && !any; pass++)
		for (size_t i = 0; i < c->npersons; i++)
			if (kr_person_has_role(&c->persons[i], KR_ROLE_FOSTER_PARENT) &&
			    kr_case_person_alive(c, (int)i, day) &&
			    (pass == 1 || current_carer(c, (int)i, day))) {
				signature(d, name_of(c, (int)i), kr_enum_label(KR_ENUM_ROLE,
				          KR_ROLE_FOSTER_PARENT, d->L));
				any = true;
			}
	/* the worker: the foster care worker involved today, else the guardian */
	any = false;
	for (int pass = 0; pass < 2 && !any; pass++) {
		enum kr_role role = pass ? KR_ROLE_GUARDIAN : KR_ROLE_FOSTER_CARE_WORKER;
		for (size_t i = 0; i < c->npersons; i++)
			if (kr_person_has_role(&c->persons[i], role) &&
			    kr_case_person_alive(c, (int)i, day) &&
			    kr_case_person_involved(c, (int)i, day, day)) {
				signature(d, name_of(c, (int)i), kr_enum_label(KR_ENUM_ROLE, role, d->L));
				any = true;
			}
	}
	if (!any)
		signature(d, "", kr_enum_label(KR_ENUM_ROLE, KR_ROLE_FOSTER_CARE_WORKER, d->L));
}

static cairo_status_t write_to_buf(void *closure, const unsigned char *data,
                                   unsigned int length)
{
	return kr_buf_add(closure, data, length) == KR_OK ? CAIRO_STATUS_SUCCESS
	                                                  : CAIRO_STATUS_WRITE_ERROR;
}

enum kr_status kr_render_plan_pdf(const struct kr_case *c, const struct kr_plan_doc_opts *o,
                                  struct kr_buf *out, struct kr_error *err)
{
	struct doc d;
	enum kr_status rc = KR_OK;
	size_t start = out ? out->len : 0;

	if (!c || !o || !out)
		return kr_error_say(err, KR_EUSAGE, "kr_render_plan_pdf: c, o en out zijn verplicht",
		                    "kr_render_plan_pdf: c, o and out are required");
	memset(&d, 0, sizeof d);
	d.c = c;
	d.o = o;
	d.L = o->lang;
	d.s = cairo_pdf_surface_create_for_stream(write_to_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(d.s, CAIRO_PDF_METADATA_CREATE_DATE, PDF_FIXED_DATE);
	cairo_pdf_surface_set_metadata(d.s, CAIRO_PDF_METADATA_MOD_DATE, PDF_FIXED_DATE);
	cairo_pdf_surface_set_metadata(d.s, CAIRO_PDF_METADATA_CREATOR, "kring");
	cairo_pdf_surface_set_metadata(d.s, CAIRO_PDF_METADATA_TITLE,
	                               kr_tr(d.L, "Netwerkplan", "Network plan"));
	d.cr = cairo_create(d.s);
	if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS) {
		rc = kr_error_say(err, KR_ENOMEM, "de PDF kan niet gemaakt worden",
		                  "the PDF cannot be made");
		goto out;
	}
	cairo_set_source_rgb(d.cr, 0, 0, 0);
	title_page(&d);
	if (c->plan.present) {
		plan_pages(&d);
		agreements_page(&d);
	} else {
		new_page(&d);
		heading(&d, kr_tr(d.L, "Het plan", "The plan"));
		muted(&d, kr_tr(d.L, "Dit dossier heeft nog geen netwerkplan.",
		                "This case has no network plan yet."));
	}
	if ((rc = ecogram_page(&d, err)))
		goto out;
	signatures_page(&d);
	footer(&d);
	cairo_show_page(d.cr);
	cairo_destroy(d.cr);
	d.cr = NULL;
	cairo_surface_finish(d.s);
	if (cairo_surface_status(d.s) != CAIRO_STATUS_SUCCESS || out->failed)
		rc = out->failed ? kr_error_say(err, out->why, "de PDF past niet in het geheugen",
		                                "the PDF does not fit in memory")
		                 : kr_error_say(err, KR_EIO, "de PDF schrijven lukt niet",
		                                "writing the PDF failed");
out:
	if (d.cr)
		cairo_destroy(d.cr);
	if (d.s)
		cairo_surface_destroy(d.s);
	if (rc != KR_OK && !out->failed && out->len > start) {
		out->len = start;
		if (out->data)
			out->data[start] = '\0';
	}
	return rc;
}
