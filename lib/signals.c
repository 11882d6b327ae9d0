/*
 * signals.c - the rules of docs/signals.md (kring-signals/1) evaluated on
 * one case, and the signal list's JSON and text forms.
 *
 * Conventions for incomplete dates, so that a rule fires only when it is
 * certain: a duration ("the placement has run 6 months") counts from the
 * last possible day of a partial start date; an age counts from the last
 * possible day of a partial birth date (kr_age_years); "before as-of"
 * compares the last possible day; "within the window" accepts a partial date
 * whose last possible day falls in it.  Where a needed field is absent the
 * rule emits data-missing, naming the field by its path in the document.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/signals.h"

/* The catalogue, in the order of signals.md. */
enum rule {
	R_NO_TRUST, R_SIBLING, R_WORLDS, R_CONFLICT, R_BREAKDOWN, R_INSTABILITY,
	R_PERSPECTIVE, R_DEVELOPMENT, R_PLAN_MISSING, R_PLAN_REVIEW, R_AGR_OVERDUE,
	R_AGR_FALLBACK, R_AGR_OWNER, R_WISH, R_NOT_HEARD, R_OVERLOAD, R_SEGMENT,
	R_SMALL, R_CHURN, R_NO_MEETING, R_SAFETY_UNASSESSED, R_SAFETY_DROP,
	R_DATA_MISSING, R__N
};

static const struct {
	const char *id;
	const char *source;
} rules[R__N] = {
	[R_NO_TRUST] = { "no-trust-figure", "001 vertrouwensfiguur; 000 §3.6" },
	[R_SIBLING] = { "sibling-contact-missing", "001 sociale steun" },
	[R_WORLDS] = { "worlds-disconnected", "001 ongedeelde werelden" },
	[R_CONFLICT] = { "parents-fosterparents-conflict", "003" },
	[R_BREAKDOWN] = { "breakdown-risk-profile", "002 richtlijn pleegzorg" },
	[R_INSTABILITY] = { "placement-instability", "001, 002" },
	[R_PERSPECTIVE] = { "perspective-overdue", "002" },
	[R_DEVELOPMENT] = { "development-check-overdue", "002" },
	[R_PLAN_MISSING] = { "plan-missing", "000 EKiU, PI Research" },
	[R_PLAN_REVIEW] = { "plan-review-overdue", "000 EKiU" },
	[R_AGR_OVERDUE] = { "agreement-overdue", "000 (monitoren van afspraken)" },
	[R_AGR_FALLBACK] = { "agreement-without-fallback", "000 §3.2" },
	[R_AGR_OWNER] = { "agreement-without-owner", "000" },
	[R_WISH] = { "wish-unanswered", "001 gehoord worden" },
	[R_NOT_HEARD] = { "child-not-heard", "001 eigen regie; 000" },
	[R_OVERLOAD] = { "network-overload", "004" },
	[R_SEGMENT] = { "segment-gap", "000 §3.1 Community Scan" },
	[R_SMALL] = { "network-small", "000" },
	[R_CHURN] = { "professional-churn", "001 continuïteit; 000 §3.5" },
	[R_NO_MEETING] = { "no-network-meeting", "000 §3.7" },
	[R_SAFETY_UNASSESSED] = { "safety-unassessed", "000 §3.7 veiligheid" },
	[R_SAFETY_DROP] = { "safety-scale-drop", "004 kantelmoment; Signs of Safety" },
	[R_DATA_MISSING] = { "data-missing", "—" },
};

const char *const *kr_signals_catalogue(size_t *n)
{
	static const char *ids[R__N];
	for (int i = 0; i < R__N; i++)
		ids[i] = rules[i].id;
	*n = R__N;
	return ids;
}

const char *kr_level_name(enum kr_level level)
{
	switch (level) {
	case KR_LEVEL_ALERT: return "alert";
	case KR_LEVEL_WARNING: return "warning";
	default: return "info";
	}
}

/* The evaluation context. */
struct ctx {
	const struct kr_case *c;
	const struct kr_settings *s;
	long on;
	int cp;                 /* current placement or -1 */
	struct kr_signal_list *out;
	bool nomem;
	unsigned seq;
};

static char *vfmt(struct ctx *x, const char *fmt, va_list ap)
{
	struct kr_buf b;
	char *p;
	kr_buf_init(&b, 1u << 16);
	kr_buf_vprintf(&b, fmt, ap);
	p = kr_buf_steal(&b, NULL);
	if (!p)
		x->nomem = true;
	return p;
}

static char *fmt(struct ctx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(struct ctx *x, const char *f, ...)
{
	va_list ap;
	char *p;
	va_start(ap, f);
	p = vfmt(x, f, ap);
	va_end(ap);
	return p;
}

/* Starts a signal of rule r; texts are set by the caller with fmt(). */
static struct kr_signal *emit(struct ctx *x, enum rule r, enum kr_level level)
{
	struct kr_signal_list *l = x->out;
	struct kr_signal *sg;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kr_signal *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			x->nomem = true;
			return NULL;
		}
		l->v = v;
		l->cap = cap;
	}
	sg = &l->v[l->n++];
	memset(sg, 0, sizeof *sg);
	sg->id = rules[r].id;
	sg->source = rules[r].source;
	sg->level = level;
	sg->seq = x->seq++;
	return sg;
}

static void subject(struct ctx *x, struct kr_signal *sg, const char *id)
{
	char **v;
	if (!sg || !id)
		return;
	for (size_t i = 0; i < sg->nsubjects; i++)
		if (strcmp(sg->subjects[i], id) == 0)
			return;
	v = realloc(sg->subjects, (sg->nsubjects + 1) * sizeof *v);
	if (!v || !(v[sg->nsubjects] = strdup(id))) {
		if (v)
			sg->subjects = v;
		x->nomem = true;
		return;
	}
	sg->subjects = v;
	sg->nsubjects++;
}

static void person_subject(struct ctx *x, struct kr_signal *sg, int i)
{
	if (i >= 0)
		subject(x, sg, x->c->persons[i].id);
}

#define NAME(i) kr_case_person_name(x->c, (i))
#define SET(k) (x->s->v[KR_SET_##k])

/* data-missing for rule r: field is the path of what is missing. */
static void missing(struct ctx *x, enum rule r, const char *field, int person)
{
	struct kr_signal *sg;
	for (size_t i = 0; i < x->out->n; i++) {
		struct kr_signal *o = &x->out->v[i];
		if (o->rule == rules[r].id && o->field && strcmp(o->field, field) == 0)
			return;
	}
	if (!(sg = emit(x, R_DATA_MISSING, KR_LEVEL_INFO)))
		return;
	sg->rule = rules[r].id;
	sg->field = fmt(x, "%s", field);
	person_subject(x, sg, person);
	sg->message[KR_LANG_NL] = fmt(x, "Regel %s kan niet worden nagekeken: het veld %s is niet "
	                              "ingevuld.", rules[r].id, field);
	sg->message[KR_LANG_EN] = fmt(x, "Rule %s cannot be checked: the field %s is not filled "
	                              "in.", rules[r].id, field);
	sg->advice[KR_LANG_NL] = fmt(x, "Vul %s aan, dan kan kring dit signaal beoordelen.", field);
	sg->advice[KR_LANG_EN] = fmt(x, "Fill in %s so kring can judge this signal.", field);
}

static char *date_str(struct kr_date d, char buf[11])
{
	return kr_date_format(d, buf);
}

static bool informal(const struct ctx *x, int i)
{
	return i != x->c->child && x->c->persons[i].world != KR_WORLD_PROFESSIONAL &&
	       kr_case_person_alive(x->c, i, x->on);
}

static bool in_list(const int *v, size_t n, int i)
{
	for (size_t k = 0; k < n; k++)
		if (v[k] == i)
			return true;
	return false;
}

static bool lives_with_child(const struct ctx *x, int i)
{
	const struct kr_placement *p;
	if (x->cp < 0)
		return false;
	p = &x->c->placements[x->cp];
	return in_list(p->carers, p->ncarers, i) || in_list(p->children, p->nchildren, i);
}

/* Is the (partial) date within [from, to] (day numbers)? */
static bool in_window(struct kr_date d, long from, long to)
{
	return kr_date_valid(d) && kr_date_last(d) >= from && kr_date_first(d) <= to;
}

/* Days a placement has run on x->on, counted from its last possible start. */
static long running_days(const struct ctx *x, const struct kr_placement *p)
{
	return x->on - kr_date_last(p->start);
}

/* True when the placement has run at least `months` months on x->on. */
static bool running_months(const struct ctx *x, const struct kr_placement *p, int months)
{
	return x->on >= kr_days_add_months(kr_date_last(p->start), months);
}

static const char *const freq_nl[] = { "", "dagelijks", "wekelijks", "maandelijks",
	"jaarlijks", "zelden", "nooit" };
static const char *const freq_en[] = { "", "daily", "weekly", "monthly", "yearly", "rarely",
	"never" };

/* ---- the rules ---- */

static void rule_no_trust(struct ctx *x)
{
	const struct kr_case *c = x->c;
	struct kr_signal *sg;
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		int other = tie->a == c->child ? tie->b : tie->b == c->child ? tie->a : -1;
		if (other >= 0 && tie->trust_figure && kr_case_person_alive(c, other, x->on))
			return;
	}
	if (!(sg = emit(x, R_NO_TRUST, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	sg->message[0] = fmt(x, "%s heeft geen vertrouwensfiguur: bij geen enkele band van %s is "
	                     "een vertrouwensfiguur aangegeven.", NAME(c->child), NAME(c->child));
	sg->message[1] = fmt(x, "%s has no trust figure: none of %s's ties is marked as trust "
	                     "figure.", NAME(c->child), NAME(c->child));
	sg->advice[0] = fmt(x, "Vraag %s wie hij of zij vertrouwt en bij wie hij of zij terecht "
	                    "kan, liefst iemand uit het eigen netwerk. Leg die persoon vast als "
	                    "vertrouwensfiguur.", NAME(c->child));
	sg->advice[1] = fmt(x, "Ask %s whom they trust and can turn to, preferably someone from "
	                    "their own network, and mark that person as trust figure.",
	                    NAME(c->child));
}

/* Siblings: role sibling/half_sibling, or sharing a birth/adoptive parent. */
static bool is_sibling(const struct ctx *x, int i)
{
	const struct kr_case *c = x->c;
	const struct kr_person *p = &c->persons[i];
	if (i == c->child || kr_person_has_role(p, KR_ROLE_FOSTER_SIBLING))
		return false;
	if (kr_person_has_role(p, KR_ROLE_SIBLING) || kr_person_has_role(p, KR_ROLE_HALF_SIBLING))
		return true;
	for (size_t a = 0; a < c->nkinship; a++) {
		const struct kr_kinship *ka = &c->kinship[a];
		if (ka->type != KR_KIN_PARENT || ka->child != i || ka->kind == KR_KIND_FOSTER ||
		    ka->kind == KR_KIND_STEP)
			continue;
		for (size_t b = 0; b < c->nkinship; b++) {
			const struct kr_kinship *kb = &c->kinship[b];
			if (kb->type == KR_KIN_PARENT && kb->child == c->child &&
			    kb->parent == ka->parent && kb->kind != KR_KIND_FOSTER &&
			    kb->kind != KR_KIND_STEP)
				return true;
		}
	}
	return false;
}

static void rule_sibling(struct ctx *x)
{
	const struct kr_case *c = x->c;
	for (size_t i = 0; i < c->npersons; i++) {
		int t;
		struct kr_signal *sg;
		char field[64];
		if (!is_sibling(x, (int)i) || !kr_case_person_alive(c, (int)i, x->on) ||
		    lives_with_child(x, (int)i))
			continue;
		t = kr_case_tie_between(c, c->child, (int)i);
		if (t >= 0 && c->ties[t].frequency == KR_FREQ_NONE) {
			snprintf(field, sizeof field, "ties[%d].frequency", t);
			missing(x, R_SIBLING, field, (int)i);
			continue;
		}
		if (t >= 0 && c->ties[t].frequency != KR_FREQ_RARELY &&
		    c->ties[t].frequency != KR_FREQ_NEVER)
			continue;
		if (!(sg = emit(x, R_SIBLING, KR_LEVEL_WARNING)))
			return;
		person_subject(x, sg, c->child);
		person_subject(x, sg, (int)i);
		if (t < 0) {
			sg->message[0] = fmt(x, "%s woont niet bij %s, en er is geen contact tussen hen "
			                     "vastgelegd.", NAME(i), NAME(c->child));
			sg->message[1] = fmt(x, "%s does not live with %s, and no contact between them "
			                     "is recorded.", NAME(i), NAME(c->child));
		} else {
			int f = c->ties[t].frequency;
			sg->message[0] = fmt(x, "%s woont niet bij %s en ze hebben %s contact.", NAME(i),
			                     NAME(c->child), freq_nl[f]);
			sg->message[1] = fmt(x, "%s does not live with %s and they are in contact %s.",
			                     NAME(i), NAME(c->child), freq_en[f]);
		}
		sg->advice[0] = fmt(x, "Contact met broers en zussen is een belangrijke steun. Bespreek "
		                     "met %s en het netwerk hoe %s en %s elkaar vaker kunnen zien, en "
		                     "maak er een afspraak van in het netwerkplan.", NAME(c->child),
		                     NAME(c->child), NAME(i));
		sg->advice[1] = fmt(x, "Contact with siblings is an important support. Discuss with %s "
		                     "and the network how %s and %s can see each other more often, and "
		                     "make it an agreement in the network plan.", NAME(c->child),
		                     NAME(c->child), NAME(i));
	}
}

static void rule_worlds(struct ctx *x)
{
	const struct kr_case *c = x->c;
	int norigin = 0, nfoster = 0;
	struct kr_signal *sg;

	for (size_t i = 0; i < c->npersons; i++) {
		if (!informal(x, (int)i))
			continue;
		norigin += c->persons[i].world == KR_WORLD_ORIGIN;
		nfoster += c->persons[i].world == KR_WORLD_FOSTER;
	}
	if (!norigin || !nfoster)
		return;
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		enum kr_world wa = c->persons[tie->a].world, wb = c->persons[tie->b].world;
		if (tie->a == c->child || tie->b == c->child ||
		    !kr_case_person_alive(c, tie->a, x->on) || !kr_case_person_alive(c, tie->b, x->on))
			continue;
		if (!((wa == KR_WORLD_ORIGIN && wb == KR_WORLD_FOSTER) ||
		      (wa == KR_WORLD_FOSTER && wb == KR_WORLD_ORIGIN)))
			continue;
		if (tie->quality != KR_QUALITY_CONFLICT && tie->quality != KR_QUALITY_BROKEN)
			return;
	}
	if (!(sg = emit(x, R_WORLDS, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	sg->message[0] = fmt(x, "De twee werelden van %s zijn niet verbonden: niemand uit de familie "
	                     "van herkomst (%d %s) heeft een goede band met iemand uit de "
	                     "wereld van het pleeggezin (%d %s).", NAME(c->child), norigin,
	                     norigin == 1 ? "persoon" : "personen", nfoster,
	                     nfoster == 1 ? "persoon" : "personen");
	sg->message[1] = fmt(x, "%s's two worlds are not connected: nobody of the family of origin "
	                     "(%d %s) has a good tie with anyone of the foster family's world "
	                     "(%d %s).", NAME(c->child), norigin, norigin == 1 ? "person" : "people",
	                     nfoster, nfoster == 1 ? "person" : "people");
	sg->advice[0] = fmt(x, "Zoek samen met %s naar mensen die een brug kunnen slaan, bijvoorbeeld "
	                    "een kennismaking tussen ouders en pleegouders of een gezamenlijke "
	                    "netwerkbijeenkomst.", NAME(c->child));
	sg->advice[1] = fmt(x, "Look with %s for people who can build a bridge, for instance a "
	                    "meeting between parents and foster parents or a joint network meeting.",
	                    NAME(c->child));
}

static bool is_parent_of_child(const struct ctx *x, int i)
{
	const struct kr_case *c = x->c;
	if (kr_person_has_role(&c->persons[i], KR_ROLE_PARENT))
		return true;
	for (size_t k = 0; k < c->nkinship; k++) {
		const struct kr_kinship *kin = &c->kinship[k];
		if (kin->type == KR_KIN_PARENT && kin->parent == i && kin->child == c->child &&
		    (kin->kind == KR_KIND_NONE || kin->kind == KR_KIND_BIRTH ||
		     kin->kind == KR_KIND_ADOPTIVE))
			return true;
	}
	return false;
}

static void rule_conflict(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p;

	if (x->cp < 0)
		return;
	p = &c->placements[x->cp];
	for (size_t i = 0; i < c->npersons; i++) {
		if ((int)i == c->child || !is_parent_of_child(x, (int)i) ||
		    !kr_case_person_alive(c, (int)i, x->on) || in_list(p->carers, p->ncarers, (int)i))
			continue;
		for (size_t k = 0; k < p->ncarers; k++) {
			int f = p->carers[k], t = kr_case_tie_between(c, (int)i, f);
			struct kr_signal *sg;
			char field[64];
			if (!kr_case_person_alive(c, f, x->on))
				continue;
			if (t >= 0 && c->ties[t].quality == KR_QUALITY_NONE) {
				snprintf(field, sizeof field, "ties[%d].quality", t);
				missing(x, R_CONFLICT, field, (int)i);
				continue;
			}
			if (t >= 0 && c->ties[t].quality != KR_QUALITY_CONFLICT &&
			    c->ties[t].quality != KR_QUALITY_BROKEN)
				continue;
			if (!(sg = emit(x, R_CONFLICT, t < 0 ? KR_LEVEL_WARNING : KR_LEVEL_ALERT)))
				return;
			person_subject(x, sg, (int)i);
			person_subject(x, sg, f);
			if (t < 0) {
				sg->message[0] = fmt(x, "Er is geen band vastgelegd tussen %s (ouder) en %s "
				                     "(pleegouder).", NAME(i), NAME(f));
				sg->message[1] = fmt(x, "No tie is recorded between %s (parent) and %s "
				                     "(foster parent).", NAME(i), NAME(f));
			} else {
				bool broken = c->ties[t].quality == KR_QUALITY_BROKEN;
				sg->message[0] = fmt(x, "De band tussen %s (ouder) en %s (pleegouder) is %s.",
				                     NAME(i), NAME(f), broken ? "verbroken" : "een conflict");
				sg->message[1] = fmt(x, "The tie between %s (parent) and %s (foster parent) "
				                     "is %s.", NAME(i), NAME(f),
				                     broken ? "broken" : "in conflict");
			}
			sg->advice[0] = fmt(x, "Een moeizame samenwerking tussen ouders en pleegouders is "
			                    "een risico voor de plaatsing. Bespreek het op tijd, maak "
			                    "duidelijke afspraken en zorg voor een open gesprek, eventueel "
			                    "met hulp van een onafhankelijke bemiddelaar.");
			sg->advice[1] = fmt(x, "A difficult collaboration between parents and foster "
			                    "parents puts the placement at risk. Talk about it in time, make "
			                    "clear agreements and keep the dialogue open, if needed with an "
			                    "independent mediator.");
		}
	}
}

static void rule_breakdown(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p;
	long start;
	int age, earlier = 0;
	enum kr_tribool old_enough, many;
	struct kr_signal *sg;
	char field[64];

	if (x->cp < 0)
		return;
	p = &c->placements[x->cp];
	start = kr_date_first(p->start);
	for (size_t i = 0; i < c->nplacements; i++)
		if ((int)i != x->cp && kr_date_first(c->placements[i].start) < start)
			earlier++;
	age = kr_age_years(c->persons[c->child].born, start);
	old_enough = !kr_date_valid(c->persons[c->child].born) ? KR_UNKNOWN
	             : age >= SET(BREAKDOWN_MIN_AGE) ? KR_TRUE : KR_FALSE;
	many = earlier >= SET(BREAKDOWN_MIN_EARLIER) ? KR_TRUE : KR_FALSE;
	if (old_enough == KR_FALSE || many == KR_FALSE || c->externalising == KR_FALSE)
		return;
	if (old_enough == KR_UNKNOWN || c->externalising == KR_UNKNOWN) {
		if (old_enough == KR_UNKNOWN) {
			snprintf(field, sizeof field, "persons[%d].born", c->child);
			missing(x, R_BREAKDOWN, field, c->child);
		}
		if (c->externalising == KR_UNKNOWN)
			missing(x, R_BREAKDOWN, "case.behaviour.externalising", c->child);
		return;
	}
	if (!(sg = emit(x, R_BREAKDOWN, KR_LEVEL_ALERT)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, p->id);
	sg->message[0] = fmt(x, "%s was %d jaar bij de start van deze plaatsing, had daarvoor al %d "
	                     "%s en laat externaliserend gedrag zien. Bij dit profiel "
	                     "loopt ongeveer de helft van de plaatsingen voortijdig af.",
	                     NAME(c->child), age, earlier, earlier == 1 ? "plaatsing" : "plaatsingen");
	sg->message[1] = fmt(x, "%s was %d when this placement started, had %d %s before "
	                     "and shows externalising behaviour. About half of placements with this "
	                     "profile end early.", NAME(c->child), age, earlier,
	                     earlier == 1 ? "placement" : "placements");
	sg->advice[0] = fmt(x, "Volgens de richtlijn pleegzorg past hier alleen pleegzorg met "
	                    "intensieve, specialistische steun voor kind en pleegouders; overweeg "
	                    "anders een gezinshuis.");
	sg->advice[1] = fmt(x, "Following the foster care guideline, foster care fits here only "
	                    "with intensive specialist support for child and foster parents; "
	                    "otherwise consider a family home.");
}

static void rule_instability(struct ctx *x)
{
	const struct kr_case *c = x->c;
	long from = kr_days_add_months(x->on, -SET(INSTABILITY_WINDOW_MONTHS));
	int n = 0;
	struct kr_signal *sg;

	for (size_t i = 0; i < c->nplacements; i++) {
		long st = kr_date_first(c->placements[i].start);
		n += st > from && st <= x->on;
	}
	if (n < SET(INSTABILITY_PLACEMENTS) || !(sg = emit(x, R_INSTABILITY, KR_LEVEL_ALERT)))
		return;
	person_subject(x, sg, c->child);
	for (size_t i = 0; i < c->nplacements; i++) {
		long st = kr_date_first(c->placements[i].start);
		if (st > from && st <= x->on)
			subject(x, sg, c->placements[i].id);
	}
	sg->message[0] = fmt(x, "%s is in de afgelopen %d maanden %d keer geplaatst.",
	                     NAME(c->child), SET(INSTABILITY_WINDOW_MONTHS), n);
	sg->message[1] = fmt(x, "%s was placed %d times in the last %d months.", NAME(c->child),
	                     n, SET(INSTABILITY_WINDOW_MONTHS));
	sg->advice[0] = fmt(x, "Elke overplaatsing maakt het moeilijker voor %s. Zet extra steun "
	                    "in om deze plaatsing te laten slagen en betrek het netwerk erbij.",
	                    NAME(c->child));
	sg->advice[1] = fmt(x, "Every move makes it harder for %s. Put extra support in place to "
	                    "make this placement last, and involve the network.", NAME(c->child));
}

static void rule_perspective(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p;
	bool alert, warn;
	long months;
	struct kr_signal *sg;
	char field[64], d[11];

	if (x->cp < 0)
		return;
	p = &c->placements[x->cp];
	if (kr_date_valid(c->perspective_date) && kr_date_first(c->perspective_date) <= x->on)
		return;
	alert = running_months(x, p, SET(PERSPECTIVE_ALERT_MONTHS));
	warn = running_months(x, p, SET(PERSPECTIVE_WARNING_MONTHS));
	if (!alert && !warn)
		return;
	if (p->form == KR_FORM_NONE) {
		snprintf(field, sizeof field, "placements[%d].form", x->cp);
		missing(x, R_PERSPECTIVE, field, -1);
		return;
	}
	if (p->form != KR_FORM_FOSTER_FULLTIME && p->form != KR_FORM_CRISIS &&
	    p->form != KR_FORM_FAMILY_HOME && p->form != KR_FORM_RESIDENTIAL)
		return;
	if (!(sg = emit(x, R_PERSPECTIVE, alert ? KR_LEVEL_ALERT : KR_LEVEL_WARNING)))
		return;
	months = alert ? SET(PERSPECTIVE_ALERT_MONTHS) : SET(PERSPECTIVE_WARNING_MONTHS);
	person_subject(x, sg, c->child);
	subject(x, sg, p->id);
	sg->message[0] = fmt(x, "De plaatsing loopt sinds %s, al %ld maanden of langer, en er is nog "
	                     "geen perspectiefbesluit.", date_str(p->start, d), months);
	sg->message[1] = fmt(x, "The placement has run since %s, %ld months or more, and there is "
	                     "no perspective decision yet.", d, months);
	sg->advice[0] = fmt(x, "Neem binnen een half jaar tot een jaar na de plaatsing een besluit "
	                    "over het perspectief van %s: terug naar huis, of opgroeien in het "
	                    "pleeggezin. Duidelijkheid geeft rust.", NAME(c->child));
	sg->advice[1] = fmt(x, "Decide on %s's perspective within half a year to a year after "
	                    "placement: back home, or growing up in the foster family. Clarity "
	                    "gives peace.", NAME(c->child));
}

static void rule_development(struct ctx *x)
{
	const struct kr_case *c = x->c;
	long latest = -1000000000L;
	int age = kr_age_years(c->persons[c->child].born, x->on);
	bool known = kr_date_valid(c->persons[c->child].born);
	long young_from = kr_days_add_months(x->on, -SET(DEVELOPMENT_YOUNG_MONTHS));
	long from = kr_days_add_months(x->on, -SET(DEVELOPMENT_MONTHS));
	long needed;
	struct kr_signal *sg;
	char field[64], d[11];

	for (size_t i = 0; i < c->ndevelopment_checks; i++) {
		long l = kr_date_last(c->development_checks[i]);
		if (kr_date_first(c->development_checks[i]) <= x->on && l > latest)
			latest = l;
	}
	for (size_t i = 0; i < c->nevents; i++) {
		long l = kr_date_last(c->events[i].date);
		if (c->events[i].type == KR_EV_DEVELOPMENT_CHECK &&
		    kr_date_first(c->events[i].date) <= x->on && l > latest)
			latest = l;
	}
	if (latest >= young_from && latest >= from)
		return;
	if (known && age >= 18)   /* the rule is about children, not young adults */
		return;
	if (!known && latest >= from) {
		snprintf(field, sizeof field, "persons[%d].born", c->child);
		missing(x, R_DEVELOPMENT, field, c->child);
		return;
	}
	needed = known && age < SET(DEVELOPMENT_YOUNG_AGE) ? SET(DEVELOPMENT_YOUNG_MONTHS)
	                                                     : SET(DEVELOPMENT_MONTHS);
	if (latest >= kr_days_add_months(x->on, -(int)needed))
		return;
	if (!(sg = emit(x, R_DEVELOPMENT, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	if (latest > -1000000000L) {
		date_str(kr_date_from_days(latest), d);
		sg->message[0] = fmt(x, "De laatste keer dat de ontwikkeling van %s is onderzocht was "
		                     "%s, langer dan %ld maanden geleden.", NAME(c->child), d, needed);
		sg->message[1] = fmt(x, "%s's development was last checked on %s, more than %ld months "
		                     "ago.", NAME(c->child), d, needed);
	} else {
		sg->message[0] = fmt(x, "Er is geen onderzoek naar de ontwikkeling van %s vastgelegd.",
		                     NAME(c->child));
		sg->message[1] = fmt(x, "No check of %s's development is recorded.", NAME(c->child));
	}
	sg->advice[0] = fmt(x, "Laat de ontwikkeling van %s onderzoeken: minstens eens per jaar, en "
	                    "tot 3 jaar elk half jaar.", NAME(c->child));
	sg->advice[1] = fmt(x, "Have %s's development assessed: at least yearly, and every six "
	                    "months up to age 3.", NAME(c->child));
}

static void rule_plan(struct ctx *x)
{
	const struct kr_case *c = x->c;
	struct kr_signal *sg;
	char d[11];

	if (!c->plan.present) {
		const struct kr_placement *p;
		if (x->cp < 0)
			return;
		p = &c->placements[x->cp];
		if (running_days(x, p) <= SET(PLAN_MISSING_DAYS) ||
		    !(sg = emit(x, R_PLAN_MISSING, KR_LEVEL_WARNING)))
			return;
		person_subject(x, sg, c->child);
		subject(x, sg, p->id);
		sg->message[0] = fmt(x, "De plaatsing loopt sinds %s (%ld dagen) en er is nog geen "
		                     "netwerkplan.", date_str(p->start, d), running_days(x, p));
		sg->message[1] = fmt(x, "The placement has run since %s (%ld days) and there is no "
		                     "network plan yet.", d, running_days(x, p));
		sg->advice[0] = fmt(x, "Maak samen met %s, de ouders, de pleegouders en het netwerk een "
		                    "netwerkplan: wie doet wat, wanneer, en wat als het misgaat.",
		                    NAME(c->child));
		sg->advice[1] = fmt(x, "Make a network plan together with %s, the parents, the foster "
		                    "parents and the network: who does what, when, and what if it goes "
		                    "wrong.", NAME(c->child));
		return;
	}
	struct kr_date ref = kr_date_valid(c->plan.reviewed) ? c->plan.reviewed : c->plan.adopted;
	if (!kr_date_valid(ref)) {
		missing(x, R_PLAN_REVIEW, "plan.reviewed", -1);
	} else if (x->on > kr_days_add_months(kr_date_last(ref), SET(PLAN_REVIEW_MONTHS)) &&
	           (sg = emit(x, R_PLAN_REVIEW, KR_LEVEL_WARNING))) {
		person_subject(x, sg, c->child);
		sg->message[0] = fmt(x, "Het netwerkplan is voor het laatst besproken op %s, meer dan "
		                     "%d maanden geleden.", date_str(ref, d), SET(PLAN_REVIEW_MONTHS));
		sg->message[1] = fmt(x, "The network plan was last reviewed on %s, more than %d months "
		                     "ago.", d, SET(PLAN_REVIEW_MONTHS));
		sg->advice[0] = fmt(x, "Pak het netwerkplan er weer bij met iedereen die meedoet: wat "
		                    "gaat goed, wat moet anders, kloppen de afspraken nog?");
		sg->advice[1] = fmt(x, "Take the network plan up again with everyone involved: what "
		                    "goes well, what must change, do the agreements still hold?");
	}
	if (!c->plan.safety || !*c->plan.safety) {
		if (!(sg = emit(x, R_SAFETY_UNASSESSED, KR_LEVEL_WARNING)))
			return;
		person_subject(x, sg, c->child);
		sg->message[0] = fmt(x, "In het netwerkplan staat niet wat %s veilig houdt en wie "
		                     "daarop let.", NAME(c->child));
		sg->message[1] = fmt(x, "The network plan does not say what keeps %s safe and who "
		                     "watches it.", NAME(c->child));
		sg->advice[0] = fmt(x, "Veiligheid gaat voor. Beschrijf samen met het netwerk wat er "
		                    "nodig is voor de veiligheid van %s en wie wat doet als het "
		                    "misgaat.", NAME(c->child));
		sg->advice[1] = fmt(x, "Safety comes first. Describe with the network what %s's "
		                    "safety needs and who does what if it goes wrong.", NAME(c->child));
	}
}

/* Appends the names of the persons in who[] as "A, B en C". */
static char *names(struct ctx *x, const int *who, size_t n, const char *and_word)
{
	struct kr_buf b;
	char *p;
	kr_buf_init(&b, 1u << 14);
	for (size_t i = 0; i < n; i++)
		kr_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? and_word : ", ", NAME(who[i]));
	p = kr_buf_steal(&b, NULL);
	if (!p)
		x->nomem = true;
	return p;
}

static void rule_agreements(struct ctx *x)
{
	const struct kr_plan *pl = &x->c->plan;

	for (size_t i = 0; i < pl->nagreements; i++) {
		const struct kr_agreement *a = &pl->agreements[i];
		const char *what = a->what && *a->what ? a->what : a->id;
		struct kr_signal *sg;
		char d[11];
		char *who_nl, *who_en;

		if (a->status != KR_AGR_OPEN)
			continue;
		who_nl = names(x, a->who, a->nwho, " en ");
		who_en = names(x, a->who, a->nwho, " and ");
		if (kr_date_valid(a->due) && kr_date_last(a->due) < x->on &&
		    (sg = emit(x, R_AGR_OVERDUE, KR_LEVEL_WARNING))) {
			subject(x, sg, a->id);
			for (size_t k = 0; k < a->nwho; k++)
				person_subject(x, sg, a->who[k]);
			date_str(a->due, d);
			sg->message[0] = fmt(x, "De afspraak \"%s\"%s%s%s moest klaar zijn op %s en staat "
			                     "nog open.", what, a->nwho ? " (" : "", who_nl ? who_nl : "",
			                     a->nwho ? ")" : "", d);
			sg->message[1] = fmt(x, "The agreement \"%s\"%s%s%s was due on %s and is still "
			                     "open.", what, a->nwho ? " (" : "", who_en ? who_en : "",
			                     a->nwho ? ")" : "", d);
			if (a->if_not && *a->if_not) {
				sg->advice[0] = fmt(x, "Vraag na hoe het staat. Lukt het niet, gebruik dan "
				                    "wat afgesproken is voor als het misgaat (%s), of maak "
				                    "een nieuwe afspraak.", a->if_not);
				sg->advice[1] = fmt(x, "Ask how it is going. If it does not work out, use "
				                    "what was agreed for when it goes wrong (%s), or make a "
				                    "new agreement.", a->if_not);
			} else {
				sg->advice[0] = fmt(x, "Vraag na hoe het staat, en spreek samen af wat er "
				                    "gebeurt als het niet lukt: wie neemt het over, of wat "
				                    "is de nieuwe datum?");
				sg->advice[1] = fmt(x, "Ask how it is going, and agree together what happens "
				                    "if it does not work out: who takes over, or what is the "
				                    "new date?");
			}
		}
		if ((!a->if_not || !*a->if_not) && (sg = emit(x, R_AGR_FALLBACK, KR_LEVEL_INFO))) {
			subject(x, sg, a->id);
			sg->message[0] = fmt(x, "Bij de afspraak \"%s\" staat niet wat er gebeurt als het "
			                     "niet lukt.", what);
			sg->message[1] = fmt(x, "The agreement \"%s\" does not say what happens if it "
			                     "does not work out.", what);
			sg->advice[0] = fmt(x, "Spreek af wie het overneemt of wat er dan gebeurt: \"wat "
			                    "als het misgaat\" hoort bij elke afspraak.");
			sg->advice[1] = fmt(x, "Agree who takes over or what happens then: \"what if it "
			                    "goes wrong\" belongs to every agreement.");
		}
		if (a->nwho == 0 && (sg = emit(x, R_AGR_OWNER, KR_LEVEL_WARNING))) {
			subject(x, sg, a->id);
			sg->message[0] = fmt(x, "Niemand is verantwoordelijk voor de afspraak \"%s\".",
			                     what);
			sg->message[1] = fmt(x, "Nobody is responsible for the agreement \"%s\".", what);
			sg->advice[0] = fmt(x, "Spreek af wie dit doet. Een afspraak zonder naam wordt "
			                    "vaak niet uitgevoerd.");
			sg->advice[1] = fmt(x, "Agree who does this. An agreement without a name often "
			                    "does not get done.");
		}
		free(who_nl);
		free(who_en);
	}
}

static void rule_wishes(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_plan *pl = &c->plan;
	long from = kr_days_add_months(x->on, -SET(HEARD_WINDOW_MONTHS));
	bool heard = false;
	int age;
	struct kr_signal *sg;
	char field[64], d[11];

	for (size_t i = 0; i < pl->nwishes; i++) {
		const struct kr_wish *w = &pl->wishes[i];
		if (w->by != c->child)
			continue;
		if (in_window(w->date, from, x->on))
			heard = true;
		if (w->response && *w->response)
			continue;
		if (!kr_date_valid(w->date)) {
			snprintf(field, sizeof field, "plan.wishes[%zu].date", i);
			missing(x, R_WISH, field, c->child);
			continue;
		}
		if (x->on - kr_date_last(w->date) <= SET(WISH_RESPONSE_DAYS) ||
		    !(sg = emit(x, R_WISH, KR_LEVEL_WARNING)))
			continue;
		subject(x, sg, w->id);
		person_subject(x, sg, c->child);
		date_str(w->date, d);
		sg->message[0] = fmt(x, "%s gaf op %s een wens aan (\"%s\") en heeft na %ld dagen nog "
		                     "geen antwoord.", NAME(c->child), d, w->text ? w->text : w->id,
		                     x->on - kr_date_last(w->date));
		sg->message[1] = fmt(x, "%s made a wish on %s (\"%s\") and has had no answer after %ld "
		                     "days.", NAME(c->child), d, w->text ? w->text : w->id,
		                     x->on - kr_date_last(w->date));
		sg->advice[0] = fmt(x, "Vertel %s wat er met de wens gedaan is, ook als het antwoord "
		                    "nee is. Gehoord worden betekent ook horen wat er met je wens "
		                    "gebeurt.", NAME(c->child));
		sg->advice[1] = fmt(x, "Tell %s what was done with the wish, even if the answer is no. "
		                    "Being heard also means hearing what happened to your wish.",
		                    NAME(c->child));
	}
	for (size_t m = 0; m < c->nmeetings && !heard; m++)
		heard = in_window(c->meetings[m].date, from, x->on) &&
		        in_list(c->meetings[m].attended, c->meetings[m].nattended, c->child);
	if (heard)
		return;
	if (!kr_date_valid(c->persons[c->child].born)) {
		snprintf(field, sizeof field, "persons[%d].born", c->child);
		missing(x, R_NOT_HEARD, field, c->child);
		return;
	}
	age = kr_age_years(c->persons[c->child].born, x->on);
	if (age < SET(HEARD_MIN_AGE) || !(sg = emit(x, R_NOT_HEARD, KR_LEVEL_INFO)))
		return;
	person_subject(x, sg, c->child);
	sg->message[0] = fmt(x, "%s is %d jaar. In de afgelopen %d maanden is er geen wens van %s "
	                     "vastgelegd en was %s bij geen enkele netwerkbijeenkomst.",
	                     NAME(c->child), age, SET(HEARD_WINDOW_MONTHS), NAME(c->child),
	                     NAME(c->child));
	sg->message[1] = fmt(x, "%s is %d. In the last %d months no wish of %s was recorded and %s "
	                     "attended no network meeting.", NAME(c->child), age,
	                     SET(HEARD_WINDOW_MONTHS), NAME(c->child), NAME(c->child));
	sg->advice[0] = fmt(x, "Vraag %s wat hij of zij wil, en nodig %s uit voor de volgende "
	                    "bijeenkomst. Het kind heeft recht op een stem in besluiten over "
	                    "contacten en de plaatsing.", NAME(c->child), NAME(c->child));
	sg->advice[1] = fmt(x, "Ask %s what they want, and invite %s to the next meeting. The child "
	                    "has a right to a say in decisions about contacts and the placement.",
	                    NAME(c->child), NAME(c->child));
}

static void rule_overload(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_plan *pl = &c->plan;
	size_t open = 0;

	for (size_t i = 0; i < pl->nagreements; i++)
		open += pl->agreements[i].status == KR_AGR_OPEN;
	for (size_t p = 0; p < c->npersons && open; p++) {
		size_t mine = 0;
		struct kr_signal *sg;
		if (!informal(x, (int)p))
			continue;
		for (size_t i = 0; i < pl->nagreements; i++)
			mine += pl->agreements[i].status == KR_AGR_OPEN &&
			        in_list(pl->agreements[i].who, pl->agreements[i].nwho, (int)p);
		if (mine < (size_t)SET(OVERLOAD_AGREEMENTS) &&
		    !(open >= (size_t)SET(OVERLOAD_SHARE_MIN_OPEN) &&
		      mine * 100 > (size_t)SET(OVERLOAD_SHARE_PERCENT) * open))
			continue;
		if (!(sg = emit(x, R_OVERLOAD, KR_LEVEL_WARNING)))
			return;
		person_subject(x, sg, (int)p);
		for (size_t i = 0; i < pl->nagreements; i++)
			if (pl->agreements[i].status == KR_AGR_OPEN &&
			    in_list(pl->agreements[i].who, pl->agreements[i].nwho, (int)p))
				subject(x, sg, pl->agreements[i].id);
		sg->message[0] = fmt(x, "%s staat op %zu van de %zu open afspraken.", NAME(p), mine,
		                     open);
		sg->message[1] = fmt(x, "%s is named on %zu of the %zu open agreements.", NAME(p), mine,
		                     open);
		sg->advice[0] = fmt(x, "Vraag %s of dit haalbaar is. Vraag van het netwerk alleen wat "
		                    "het aankan, en verdeel taken over meer mensen.", NAME(p));
		sg->advice[1] = fmt(x, "Ask %s whether this is feasible. Ask of the network only what it "
		                    "can carry, and spread tasks over more people.", NAME(p));
	}
}

static const char *const role_nl[KR_ROLE__N] = { "", "kind", "ouder", "stiefouder",
	"broer of zus", "halfbroer of halfzus", "grootouder", "oom of tante", "neef of nicht",
	"pleegouder", "pleegbroer of pleegzus", "gezinshuisouder", "vriend", "buur", "leerkracht",
	"coach", "mentor", "geestelijk begeleider", "pleegzorgbegeleider", "jeugdbeschermer",
	"wijkteam", "therapeut", "andere professional", "anders" };

static const char *const seg_nl[KR_SEG__N] = { "", "huishouden", "familie", "vrienden",
	"school/werk", "vrije tijd", "buurt", "geloof", "online", "professionals" };

static void rule_network(struct ctx *x)
{
	const struct kr_case *c = x->c;
	static const enum kr_segment wanted[] = { KR_SEG_FAMILY, KR_SEG_FRIENDS,
		KR_SEG_SCHOOL_WORK, KR_SEG_LEISURE };
	bool have[KR_SEG__N] = { false };
	int size = 0;
	struct kr_signal *sg;
	struct kr_buf nl, en;
	int gaps = 0;

	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		int o = tie->a == c->child ? tie->b : tie->b == c->child ? tie->a : -1;
		if (o < 0 || !kr_case_person_alive(c, o, x->on))
			continue;
		have[c->persons[o].segment] = true;
		size += informal(x, o);
	}
	kr_buf_init(&nl, 4096);
	kr_buf_init(&en, 4096);
	for (size_t k = 0; k < sizeof wanted / sizeof *wanted; k++) {
		if (have[wanted[k]])
			continue;
		kr_buf_printf(&nl, "%s%s", gaps ? ", " : "", seg_nl[wanted[k]]);
		kr_buf_printf(&en, "%s%s", gaps ? ", " : "",
		              kr_enum_name(KR_ENUM_SEGMENT, wanted[k]));
		gaps++;
	}
	if (gaps && (sg = emit(x, R_SEGMENT, KR_LEVEL_INFO))) {
		person_subject(x, sg, c->child);
		sg->message[0] = fmt(x, "In %s van het netwerk heeft niemand een band met %s: %s.",
		                     gaps == 1 ? "dit deel" : "deze delen", NAME(c->child),
		                     nl.data ? nl.data : "");
		sg->message[1] = fmt(x, "Nobody in %s of the network has a tie with %s: %s.",
		                     gaps == 1 ? "this segment" : "these segments", NAME(c->child),
		                     en.data ? en.data : "");
		sg->advice[0] = fmt(x, "Vraag %s per deel: wie is er nog meer belangrijk voor jou? "
		                    "Denk aan familie, vrienden, school of werk, sport en hobby's.",
		                    NAME(c->child));
		sg->advice[1] = fmt(x, "Ask %s for each segment: who else is important to you? Think "
		                    "of family, friends, school or work, sports and hobbies.",
		                    NAME(c->child));
	}
	kr_buf_cleanup(&nl);
	kr_buf_cleanup(&en);
	if (size >= SET(NETWORK_MIN_SIZE) || !(sg = emit(x, R_SMALL, KR_LEVEL_INFO)))
		return;
	person_subject(x, sg, c->child);
	sg->message[0] = fmt(x, "%s heeft een band met %d %s buiten de professionals; dat is een "
	                     "klein netwerk.", NAME(c->child), size, size == 1 ? "persoon" : "personen");
	sg->message[1] = fmt(x, "%s has a tie with %d %s besides professionals; that is a small "
	                     "network.", NAME(c->child), size, size == 1 ? "person" : "people");
	sg->advice[0] = fmt(x, "Breng samen met %s het netwerk in kaart en zoek naar mensen die "
	                    "er (weer) bij kunnen komen: familie, buren, een mentor.", NAME(c->child));
	sg->advice[1] = fmt(x, "Map the network together with %s and look for people who can "
	                    "(re)join: family, neighbours, a mentor.", NAME(c->child));
}

/* Is professional i involved on day t? */
static bool involved_on(const struct kr_person *p, long t)
{
	if (!p->ninvolved)
		return true;
	for (size_t k = 0; k < p->ninvolved; k++) {
		const struct kr_period *per = &p->involved[k];
		if ((!kr_date_valid(per->from) || kr_date_first(per->from) <= t) &&
		    (!kr_date_valid(per->to) || kr_date_last(per->to) >= t))
			return true;
	}
	return false;
}

static bool involved_between(const struct kr_person *p, long from, long to)
{
	if (!p->ninvolved)
		return true;
	for (size_t k = 0; k < p->ninvolved; k++) {
		const struct kr_period *per = &p->involved[k];
		if ((!kr_date_valid(per->from) || kr_date_first(per->from) <= to) &&
		    (!kr_date_valid(per->to) || kr_date_last(per->to) >= from))
			return true;
	}
	return false;
}

/* The professional role of a person: the first professional role it has,
 * else its first role at all, else 0. */
static int pro_role(const struct kr_person *p)
{
	static const enum kr_role pro[] = { KR_ROLE_FOSTER_CARE_WORKER, KR_ROLE_GUARDIAN,
		KR_ROLE_SOCIAL_TEAM, KR_ROLE_THERAPIST, KR_ROLE_OTHER_PROFESSIONAL };
	for (size_t k = 0; k < sizeof pro / sizeof *pro; k++)
		if (kr_person_has_role(p, pro[k]))
			return pro[k];
	for (int r = 1; r < KR_ROLE__N; r++)
		if (kr_person_has_role(p, r))
			return r;
	return 0;
}

static int count_involved(const struct kr_case *c, long t)
{
	int n = 0;
	for (size_t j = 0; j < c->npersons; j++)
		n += c->persons[j].world == KR_WORLD_PROFESSIONAL && involved_on(&c->persons[j], t);
	return n;
}

static void rule_churn(struct ctx *x)
{
	const struct kr_case *c = x->c;
	long from = kr_days_add_months(x->on, -SET(CHURN_WINDOW_MONTHS));
	int count[KR_ROLE__N] = { 0 };
	int best = 0;
	long best_t = from;
	struct kr_signal *sg;

	for (size_t i = 0; i < c->npersons; i++) {
		const struct kr_person *p = &c->persons[i];
		int r;
		if (p->world != KR_WORLD_PROFESSIONAL || !involved_between(p, from, x->on))
			continue;
		if ((r = pro_role(p)))
			count[r]++;
	}
	for (int r = 1; r < KR_ROLE__N; r++) {
		if (count[r] < SET(CHURN_SAME_ROLE) || !(sg = emit(x, R_CHURN, KR_LEVEL_WARNING)))
			continue;
		person_subject(x, sg, c->child);
		for (size_t i = 0; i < c->npersons; i++) {
			const struct kr_person *p = &c->persons[i];
			if (p->world == KR_WORLD_PROFESSIONAL && pro_role(p) == r &&
			    involved_between(p, from, x->on))
				person_subject(x, sg, (int)i);
		}
		sg->message[0] = fmt(x, "In de afgelopen %d maanden waren %d verschillende mensen in "
		                     "de rol %s betrokken bij %s.", SET(CHURN_WINDOW_MONTHS), count[r],
		                     role_nl[r], NAME(c->child));
		sg->message[1] = fmt(x, "In the last %d months %d different people in the role %s were "
		                     "involved with %s.", SET(CHURN_WINDOW_MONTHS), count[r],
		                     kr_enum_name(KR_ENUM_ROLE, r), NAME(c->child));
		sg->advice[0] = fmt(x, "Continuïteit helpt: houd het aantal wisselingen klein, en zorg "
		                    "bij een wissel voor een goede overdracht waar %s bij is.",
		                    NAME(c->child));
		sg->advice[1] = fmt(x, "Continuity helps: keep changes of professional few, and make "
		                    "every handover a good one, with %s present.", NAME(c->child));
	}
	/* The most professionals involved at one moment: enough to look at the
	 * window's start and at every involvement that starts inside it. */
	best = count_involved(c, from);
	for (size_t i = 0; i < c->npersons; i++) {
		const struct kr_person *p = &c->persons[i];
		if (p->world != KR_WORLD_PROFESSIONAL)
			continue;
		for (size_t k = 0; k < p->ninvolved; k++) {
			long t;
			int n;
			if (!kr_date_valid(p->involved[k].from))
				continue;
			t = kr_date_first(p->involved[k].from);
			if (t < from || t > x->on || (n = count_involved(c, t)) <= best)
				continue;
			best = n;
			best_t = t;
		}
	}
	if (best >= SET(CHURN_AT_ONCE) && (sg = emit(x, R_CHURN, KR_LEVEL_WARNING))) {
		char d[11];
		person_subject(x, sg, c->child);
		for (size_t j = 0; j < c->npersons; j++)
			if (c->persons[j].world == KR_WORLD_PROFESSIONAL &&
			    involved_on(&c->persons[j], best_t))
				person_subject(x, sg, (int)j);
		date_str(kr_date_from_days(best_t), d);
		sg->message[0] = fmt(x, "Op %s waren %d professionals tegelijk betrokken bij %s.", d,
		                     best, NAME(c->child));
		sg->message[1] = fmt(x, "On %s, %d professionals were involved with %s at the same "
		                     "time.", d, best, NAME(c->child));
		sg->advice[0] = fmt(x, "Veel hulpverleners tegelijk is zwaar voor een kind en een "
		                    "gezin. Kijk samen welke hulp nodig is, en wie de vaste "
		                    "contactpersoon is.");
		sg->advice[1] = fmt(x, "Many professionals at once is hard on a child and a family. "
		                    "Look together at which help is needed, and who is the one contact "
		                    "person.");
	}
}

static void rule_meeting(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p;
	long from = kr_days_add_months(x->on, -SET(MEETING_WINDOW_MONTHS));
	int undated = -1;
	struct kr_signal *sg;

	if (x->cp < 0)
		return;
	p = &c->placements[x->cp];
	if (running_days(x, p) <= SET(MEETING_AFTER_DAYS))
		return;
	for (size_t m = 0; m < c->nmeetings; m++) {
		if (in_window(c->meetings[m].date, from, x->on))
			return;
		if (!kr_date_valid(c->meetings[m].date) && undated < 0)
			undated = (int)m;
	}
	if (undated >= 0) {
		char field[64];
		snprintf(field, sizeof field, "meetings[%d].date", undated);
		missing(x, R_NO_MEETING, field, -1);
		return;
	}
	if (!(sg = emit(x, R_NO_MEETING, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	sg->message[0] = fmt(x, "Er was in de afgelopen %d maanden geen netwerkbijeenkomst rond %s.",
	                     SET(MEETING_WINDOW_MONTHS), NAME(c->child));
	sg->message[1] = fmt(x, "There was no network meeting around %s in the last %d months.",
	                     NAME(c->child), SET(MEETING_WINDOW_MONTHS));
	sg->advice[0] = fmt(x, "Organiseer een netwerkbijeenkomst, niet alleen aan het begin maar "
	                    "steeds opnieuw: kies de vorm samen met de familie (van doe-het-zelf tot "
	                    "rondetafel).");
	sg->advice[1] = fmt(x, "Organise a network meeting, not only at the start but again and "
	                    "again: choose the form with the family (from do-it-yourself to round "
	                    "table).");
}

static void rule_safety_drop(struct ctx *x)
{
	const struct kr_plan *pl = &x->c->plan;
	int last = -1, prev = -1;
	struct kr_signal *sg;
	char d[11];
	bool low, drop;

	/* Latest and previous point on or before as-of; ties keep document order. */
	for (size_t i = 0; i < pl->nscale; i++) {
		long t = kr_date_first(pl->scale[i].date);
		if (t > x->on)
			continue;
		if (last < 0 || t >= kr_date_first(pl->scale[last].date)) {
			prev = last;
			last = (int)i;
		} else if (prev < 0 || t >= kr_date_first(pl->scale[prev].date)) {
			prev = (int)i;
		}
	}
	if (last < 0)
		return;
	low = pl->scale[last].score <= SET(SAFETY_LOW_SCORE);
	drop = prev >= 0 && pl->scale[prev].score - pl->scale[last].score >= SET(SAFETY_DROP_POINTS);
	if ((!low && !drop) || !(sg = emit(x, R_SAFETY_DROP, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, x->c->child);
	date_str(pl->scale[last].date, d);
	if (drop) {
		sg->message[0] = fmt(x, "De veiligheid is op %s gescoord met %d, %d punten lager dan de "
		                     "vorige keer (%d).", d, pl->scale[last].score,
		                     pl->scale[prev].score - pl->scale[last].score, pl->scale[prev].score);
		sg->message[1] = fmt(x, "Safety was scored %d on %s, %d points below the previous score "
		                     "(%d).", pl->scale[last].score, d,
		                     pl->scale[prev].score - pl->scale[last].score, pl->scale[prev].score);
	} else {
		sg->message[0] = fmt(x, "De veiligheid is op %s gescoord met %d op een schaal van 0 tot "
		                     "10.", d, pl->scale[last].score);
		sg->message[1] = fmt(x, "Safety was scored %d on a scale of 0 to 10 on %s.",
		                     pl->scale[last].score, d);
	}
	sg->advice[0] = fmt(x, "Bespreek met het netwerk wat er veranderd is en wat nu nodig is. "
	                    "Het netwerk moet kunnen volgen wanneer en waarom de situatie als "
	                    "onveilig wordt gezien.");
	sg->advice[1] = fmt(x, "Discuss with the network what changed and what is needed now. The "
	                    "network must be able to follow when and why the situation is judged "
	                    "unsafe.");
}

static int catalogue_index(const char *id)
{
	for (int i = 0; i < R__N; i++)
		if (rules[i].id == id)
			return i;
	return R__N;
}

/* Most severe first, then in catalogue order, then in the order of the data. */
static int by_severity(const void *pa, const void *pb)
{
	const struct kr_signal *a = pa, *b = pb;
	int ia, ib;
	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	ia = catalogue_index(a->id);
	ib = catalogue_index(b->id);
	if (ia != ib)
		return ia < ib ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

enum kr_status kr_signals_compute(const struct kr_case *c, long as_of,
                                  const struct kr_settings *s, struct kr_signal_list *out,
                                  struct kr_error *err)
{
	struct kr_settings defaults;
	struct ctx x;

	if (!s) {
		kr_settings_defaults(&defaults);
		s = &defaults;
	}
	memset(&x, 0, sizeof x);
	x.c = c;
	x.s = s;
	x.on = as_of;
	x.out = out;
	x.cp = kr_case_current_placement(c, as_of);

	/* Catalogue order; data-missing signals take their place as they come. */
	rule_no_trust(&x);
	rule_sibling(&x);
	rule_worlds(&x);
	rule_conflict(&x);
	rule_breakdown(&x);
	rule_instability(&x);
	rule_perspective(&x);
	rule_development(&x);
	rule_plan(&x);
	rule_agreements(&x);
	rule_wishes(&x);
	rule_overload(&x);
	rule_network(&x);
	rule_churn(&x);
	rule_meeting(&x);
	rule_safety_drop(&x);

	for (size_t i = 0; i < out->n && !x.nomem; i++)
		for (int l = 0; l < 2; l++)
			if (!out->v[i].message[l] || !out->v[i].advice[l])
				x.nomem = true;
	if (x.nomem) {
		kr_signal_list_cleanup(out);
		return kr_error_set(err, KR_ENOMEM, "out of memory while computing signals");
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_severity);
	return KR_OK;
}

void kr_signal_list_cleanup(struct kr_signal_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct kr_signal *sg = &l->v[i];
		for (size_t k = 0; k < sg->nsubjects; k++)
			free(sg->subjects[k]);
		free(sg->subjects);
		for (int k = 0; k < 2; k++) {
			free(sg->message[k]);
			free(sg->advice[k]);
		}
		free(sg->field);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static json_t *pair(const char *nl, const char *en)
{
	json_t *o = json_object();
	json_object_set_new(o, "nl", json_string(nl));
	json_object_set_new(o, "en", json_string(en));
	return o;
}

char *kr_signals_to_json(const struct kr_signal_list *l, bool pretty)
{
	json_t *arr = json_array();
	char *s, *t;
	size_t n;

	if (!arr)
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct kr_signal *sg = &l->v[i];
		json_t *o = json_object(), *subj = json_array();
		for (size_t k = 0; k < sg->nsubjects; k++)
			json_array_append_new(subj, json_string(sg->subjects[k]));
		json_object_set_new(o, "id", json_string(sg->id));
		json_object_set_new(o, "level", json_string(kr_level_name(sg->level)));
		json_object_set_new(o, "subjects", subj);
		json_object_set_new(o, "message", pair(sg->message[0], sg->message[1]));
		json_object_set_new(o, "advice", pair(sg->advice[0], sg->advice[1]));
		json_object_set_new(o, "source", json_string(sg->source));
		if (sg->rule) {
			json_object_set_new(o, "rule", json_string(sg->rule));
			json_object_set_new(o, "field", json_string(sg->field));
		}
		json_array_append_new(arr, o);
	}
	s = json_dumps(arr, JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT));
	json_decref(arr);
	if (!s || !pretty)
		return s;
	n = strlen(s);
	if (!(t = realloc(s, n + 2))) {
		free(s);
		return NULL;
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	return t;
}

enum kr_status kr_signals_to_text(const struct kr_signal_list *l, enum kr_lang lang,
                                  struct kr_buf *out)
{
	static const char *const level_nl[] = { "info", "let op", "ALARM" };
	static const char *const level_en[] = { "info", "warning", "ALERT" };

	if (l->n == 0)
		kr_buf_puts(out, kr_tr(lang, "Geen signalen.\n", "No signals.\n"));
	for (size_t i = 0; i < l->n; i++) {
		const struct kr_signal *sg = &l->v[i];
		kr_buf_printf(out, "[%s] %s\n  %s\n  %s %s\n",
		              (lang == KR_LANG_EN ? level_en : level_nl)[sg->level], sg->id,
		              sg->message[lang], kr_tr(lang, "Wat kan helpen:", "What could help:"),
		              sg->advice[lang]);
	}
	return out->failed ? out->why : KR_OK;
}
