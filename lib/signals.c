/*
 * signals.c - the rules of docs/signals.md (kring-signals/1) evaluated on
 * one case, and the signal list's JSON and text forms.
 *
 * Every rule reads the case, the child's path through care (path.c: homes,
 * out-of-home periods, moves, breakdowns) and, for tie-worsened and
 * contacts-lost, the earlier recorded states of the case (history.c).
 * Messages are written to be read aloud: dates in words ("12 april 2026"),
 * durations as people say them ("ruim een jaar"), the child's own pronoun,
 * one signal naming everyone it concerns, and advice that fits the child's
 * age (under 4 through the parents and carers, 4 to 11 with drawings and
 * the child's own words, 12 and older the young person decides along).
 *
 * Conventions for incomplete dates, so that a rule fires only when it is
 * certain: a duration counts from the last possible day of a partial start
 * date; an age counts from the last possible day of a partial birth date
 * (kr_age_years); "before as-of" compares the last possible day; "within the
 * window" accepts a partial date whose last possible day falls in it.  Where
 * a needed field is absent the rule emits data-missing, naming what is
 * missing in words, with the path in the document as `field`.
 */
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/path.h"
#include "kring/plan.h"
#include "kring/settling.h"
#include "kring/signals.h"
#include "kring/words.h"
#include "history_int.h"
#include "signals_int.h"

/* The documents the rules rest on, named as a worker can look them up. */
#define SNS "Sociale Netwerk Strategieën in de pleegzorg (Windesheim en Trias)"
#define ART "artikel Samen de schouders eronder (Graas, Lieben en Roelofs)"
#define GEZ "Ruimte voor jeugdhulp in gezinsvormen, Handreiking en denkkader voor gemeenten"
/* The article carries no title in the copy kring's sources hold: it is named
 * by its subject and the programme and working group it comes from, and
 * every rule names the section (its headings). */
#define SAM "artikel over de samenwerking tussen ouders en pleegouders (programma Versterken " \
	"van de kracht van pleegouders; Lectoraat Jeugd en Gezin van de CHE, Entrea Lindenhout, " \
	"Jeugdbescherming Gelderland)"
#define NET "Participatieonderzoek: De rol van het netwerk in het voorkomen en verkorten van " \
	"uithuisplaatsingen (Jeugdbescherming west)"

/* The catalogue, in the order of signals.md. */
enum rule {
	R_NO_TRUST, R_SIBLING, R_WORLDS, R_CONFLICT, R_BREAKDOWN, R_INSTABILITY,
	R_PERSPECTIVE, R_DEVELOPMENT, R_PLAN_MISSING, R_PLAN_REVIEW, R_AGR_OVERDUE,
	R_AGR_FALLBACK, R_AGR_OWNER, R_WISH, R_NOT_HEARD, R_OVERLOAD, R_NOT_MET,
	R_RECENT_BREAKDOWN, R_CRISIS, R_NOT_EXPLORED, R_TIE_WORSENED, R_CONTACTS_LOST,
	R_TRUST_PRO, R_SEGMENT, R_SMALL, R_CHURN, R_NO_MEETING, R_SAFETY_UNASSESSED,
	R_SAFETY_DROP, R_MATCH_CHILD, R_MATCH_MEETING, R_SETTLING_OVERDUE, R_SETTLING_DROP,
	R_PARENTS_ALONE, R_FP_NO_CONTACT, R_TEAM_NOT_MET, R_DATA_MISSING, R__N
};

static const struct {
	const char *id;
	const char *nl, *en;       /* the rule's short name */
	const char *source;
} rules[R__N] = {
	[R_NO_TRUST] = { "no-trust-figure", "Geen vertrouwensfiguur", "No trust figure",
		ART ", vijf factoren: vertrouwensfiguur; " SNS ", §3.6 Wennen in een pleeggezin" },
	[R_SIBLING] = { "sibling-contact-missing", "Weinig contact met broers en zussen",
		"Little contact with siblings", ART ", vijf factoren: sociale steun" },
	[R_WORLDS] = { "worlds-disconnected", "Twee werelden niet verbonden",
		"Two worlds not connected", ART ", Ongedeelde werelden" },
	[R_CONFLICT] = { "parents-fosterparents-conflict", "Conflict tussen ouders en pleegouders",
		"Conflict between parents and foster parents", SAM ", Schadelijk en ingrijpend (een "
		"conflictueuze samenwerking is een risicofactor voor breakdown)" },
	[R_BREAKDOWN] = { "breakdown-risk-profile", "Risicoprofiel voor breakdown",
		"Breakdown risk profile", GEZ ", §3.1 Het brede palet van jeugdhulp in gezinsvormen "
		"(Pleegzorg: ouder dan 10 en meerdere verplaatsingen) en §3.3, Wat hebben "
		"pleeggezinnen nodig?" },
	[R_INSTABILITY] = { "placement-instability", "Vaak overgeplaatst", "Moved often",
		ART ", inleiding (verplaatsingen voorspellen breakdown) en vijf factoren: "
		"continuïteit; " GEZ ", §3.3, Wat hebben kinderen nodig? (overplaatsingen)" },
	[R_PERSPECTIVE] = { "perspective-overdue", "Perspectiefbesluit te laat",
		"Perspective decision overdue", GEZ ", §3.3, Wat hebben kinderen nodig? "
		"(opvoedingsbesluit een half jaar tot een jaar na de uithuisplaatsing)" },
	[R_DEVELOPMENT] = { "development-check-overdue", "Ontwikkelingsonderzoek te laat",
		"Development check overdue", GEZ ", §3.3, Wat hebben kinderen nodig? (de "
		"ontwikkeling van het kind; de termijnen zijn instellingen van kring)" },
	[R_PLAN_MISSING] = { "plan-missing", "Geen netwerkplan", "No network plan",
		SNS ", §3.3 Eigen Kracht in Uitvoering" },
	[R_PLAN_REVIEW] = { "plan-review-overdue", "Netwerkplan niet meer besproken",
		"Network plan not reviewed", SNS ", §3.3 Eigen Kracht in Uitvoering (steeds het "
		"netwerkplan erbij gepakt)" },
	[R_AGR_OVERDUE] = { "agreement-overdue", "Afspraak over tijd", "Agreement overdue",
		SNS ", §3.3 Eigen Kracht in Uitvoering (afspraken volgen)" },
	[R_AGR_FALLBACK] = { "agreement-without-fallback", "Afspraak zonder plan B",
		"Agreement without a fallback", SNS ", §3.2 Eigen Kracht-conferentie (wat te doen "
		"als er iets misgaat)" },
	[R_AGR_OWNER] = { "agreement-without-owner", "Afspraak zonder naam",
		"Agreement without an owner", SNS ", §3.3 Eigen Kracht in Uitvoering" },
	[R_WISH] = { "wish-unanswered", "Wens zonder antwoord", "Wish without an answer",
		ART ", vijf factoren: gehoord worden" },
	[R_NOT_HEARD] = { "child-not-heard", "Kind niet gehoord", "Child not heard",
		ART ", vijf factoren: eigen regie; " SNS },
	[R_OVERLOAD] = { "network-overload", "Te veel gevraagd van het netwerk",
		"Too much asked of the network", NET ", Hoe zou de begeleiding en het netwerk rondom "
		"het kind graag zien?, punt 3: Wat haalbaar is voor het netwerk, als uitgangspunt "
		"nemen (ook: je hebt een dubbele rol als pleegouder in het netwerk)" },
	[R_NOT_MET] = { "parents-fosterparents-not-met", "Ouders en pleegouders kennen elkaar niet",
		"Parents and foster parents have not met", SAM ", Omslag in denken en doen (eerst een "
		"kennismaking tussen ouders en pleegouders)" },
	[R_RECENT_BREAKDOWN] = { "recent-breakdown", "Plaatsing kort geleden afgebroken",
		"Placement broke down recently", ART ", inleiding (breakdown) en vijf factoren: "
		"gehoord willen worden; " GEZ ", §3.3, Wat hebben kinderen nodig? (de gevolgen "
		"van een voortijdige beëindiging)" },
	[R_CRISIS] = { "crisis-too-long", "Te lang in crisisopvang", "Crisis care too long",
		GEZ ", §3.1 Het brede palet van jeugdhulp in gezinsvormen, Pleegzorg (crisispleegzorg: "
		"veiligheid en rust) en §3.3, Wat hebben kinderen nodig? (van crisis naar "
		"opvoedingsvariant in een en hetzelfde gezin)" },
	[R_NOT_EXPLORED] = { "network-not-explored", "Eigen netwerk niet verkend",
		"Own network not explored", GEZ ", §3.1 Het brede palet van jeugdhulp in "
		"gezinsvormen, Netwerkpleegzorg (pas als netwerkpleegzorg niet mogelijk is); "
		SNS ", §3.2 Eigen Kracht-conferentie" },
	[R_TIE_WORSENED] = { "tie-worsened", "Band verslechterd", "Tie worsened",
		SAM ", Schadelijk en ingrijpend (signalen van conflicten in de samenwerking op tijd "
		"herkennen)" },
	[R_CONTACTS_LOST] = { "contacts-lost", "Eigen contacten verloren", "Own contacts lost",
		ART ", vijf factoren: eigen regie (naar dezelfde sportclub blijven gaan) en "
		"continuïteit (in de contacten van het kind met zijn netwerk)" },
	[R_TRUST_PRO] = { "trust-figure-professional", "Vertrouwensfiguur is een professional",
		"Trust figure is a professional", SNS ", §3.6 Wennen in een pleeggezin (het liefst "
		"iemand uit het netwerk)" },
	[R_SEGMENT] = { "segment-gap", "Leeg deel in het netwerk", "Empty part of the network",
		SNS ", §3.1 Community Scan" },
	[R_SMALL] = { "network-small", "Klein netwerk", "Small network", SNS ", §3.2 Eigen Kracht "
		"conferentie, 3.2.6 Resultaten interviews (de kring zo groot mogelijk; gemiddeld "
		"dertien deelnemers)" },
	[R_CHURN] = { "professional-churn", "Veel wisselende hulpverleners",
		"Many changing professionals", ART ", vijf factoren: continuïteit; " SNS
		", §3.5 Prima Pleegzorg" },
	[R_NO_MEETING] = { "no-network-meeting", "Geen netwerkbijeenkomst",
		"No network meeting", SNS ", §3.7 Wraparound Care (vaker laten terugkomen)" },
	[R_SAFETY_UNASSESSED] = { "safety-unassessed", "Veiligheid niet beschreven",
		"Safety not described", SNS ", §3.7 Wraparound Care (veiligheid)" },
	[R_SAFETY_DROP] = { "safety-scale-drop", "Veiligheid gedaald", "Safety dropped",
		NET ", Het kantelmoment van wel/niet goed genoeg/veilig is niet goed te volgen voor het "
		"netwerk; Signs of Safety" },
	[R_MATCH_CHILD] = { "matching-child-not-involved", "Kind niet betrokken bij de keuze",
		"Child not involved in the matching", SNS ", §3.6 Wennen in een pleeggezin (betrek het "
		"kind bij de matching)" },
	[R_MATCH_MEETING] = { "parents-fosterparents-no-first-meeting",
		"Geen kennismaking voor de plaatsing", "No first meeting before the placement",
		SAM ", Omslag in denken en doen (bij een mogelijke match eerst een kennismaking tussen "
		"ouders en pleegouders)" },
	[R_SETTLING_OVERDUE] = { "settling-checkin-overdue", "Wengesprek te laat",
		"Settling-in check-in overdue", SNS ", §3.6 Wennen in een pleeggezin (het eerste jaar "
		"is onrustig)" },
	[R_SETTLING_DROP] = { "settling-score-drop", "Wennen gaat minder goed",
		"Settling in going worse", SNS ", §3.6 Wennen in een pleeggezin; " SAM
		", Schadelijk en ingrijpend (signalen van conflicten op tijd herkennen)" },
	[R_PARENTS_ALONE] = { "parents-without-support", "Ouders zonder steun",
		"Parents without support", SNS ", §3.4 Met twee families leven (een eigen, neutrale "
		"steun voor de ouders); " SAM ", Verliesbegeleiding na uithuisplaatsing (‘Er was "
		"niemand. Mijn kind was weg’)" },
	[R_FP_NO_CONTACT] = { "fosterparents-without-contact", "Pleegouders zonder contact",
		"Foster parents without contact", SNS ", §3.6 Wennen in een pleeggezin (contact met "
		"andere pleegouders en de begeleider)" },
	[R_TEAM_NOT_MET] = { "action-team-not-met", "Actieteam komt niet samen",
		"Action team not meeting", SNS ", §3.5 Prima Pleegzorg (het actieteam is blijvend "
		"betrokken; structureel werken met actieteams blijft achter)" },
	[R_DATA_MISSING] = { "data-missing", "Gegevens ontbreken", "Data missing", "—" },
};

static const char *catalogue[R__N];
static pthread_once_t catalogue_once = PTHREAD_ONCE_INIT;

static void catalogue_fill(void)
{
	for (int i = 0; i < R__N; i++)
		catalogue[i] = rules[i].id;
}

const char *const *kr_signals_catalogue(size_t *n)
{
	/* filled once: the server's threads and the walks' workers ask at once */
	pthread_once(&catalogue_once, catalogue_fill);
	*n = R__N;
	return catalogue;
}

static int rule_of(const char *id)
{
	for (int i = 0; id && i < R__N; i++)
		if (strcmp(rules[i].id, id) == 0)
			return i;
	return -1;
}

const char *kr_signals_title(const char *id, enum kr_lang lang)
{
	int r = rule_of(id);
	return r < 0 ? NULL : lang == KR_LANG_EN ? rules[r].en : rules[r].nl;
}

const char *kr_signals_source(const char *id)
{
	int r = rule_of(id);
	return r < 0 ? NULL : rules[r].source;
}

const char *kr_level_name(enum kr_level level)
{
	switch (level) {
	case KR_LEVEL_ALERT: return "alert";
	case KR_LEVEL_WARNING: return "warning";
	default: return "info";
	}
}

/* ---- the evaluation context ---------------------------------------------- */

#define NRING 24

struct ctx {
	const struct kr_case *c;
	const struct kr_settings *s;
	struct kr_history *h;
	const struct kr_path *path;
	long on;
	int cp;                 /* current placement or -1 */
	int age;                /* the child's age on as-of, -1 unknown */
	struct kr_signal_list *out;
	bool nomem;
	bool quiet;             /* judge only: no texts, subjects or details */
	unsigned char *parent;  /* per person: a parent of the child (find_parents) */
	unsigned seq;
	char ring[NRING][160];  /* short texts for one message (dates, phrases) */
	unsigned nring;
};

enum { NL = KR_LANG_NL, EN = KR_LANG_EN };

static char *slot(struct ctx *x)
{
	return x->ring[x->nring++ % NRING];
}

static char *vfmt(struct ctx *x, const char *f, va_list ap) __attribute__((format(printf, 2, 0)));
static char *vfmt(struct ctx *x, const char *f, va_list ap)
{
	struct kr_buf b;
	char *p;
	if (x->quiet)   /* an empty text: the rules still see a text */
		p = strdup("");
	else {
		kr_buf_init(&b, 1u << 16);
		kr_buf_vprintf(&b, f, ap);
		p = kr_buf_steal(&b, NULL);
	}
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

/* A short text into the ring (valid for the next NRING short texts). */
static const char *sfmt(struct ctx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *sfmt(struct ctx *x, const char *f, ...)
{
	char *b;
	va_list ap;
	if (x->quiet)   /* judging only: no texts (as vfmt) */
		return "";
	b = slot(x);
	va_start(ap, f);
	vsnprintf(b, sizeof x->ring[0], f, ap);
	va_end(ap);
	return b;
}

#define NAME(i) kr_case_person_name(x->c, (int)(i))
#define CHILD NAME(x->c->child)
#define SET(k) (x->s->v[KR_SET_##k])

/* Dates and durations in words. */
static const char *W(struct ctx *x, struct kr_date d, int lang)
{
	return kr_words_date(d, (enum kr_lang)lang, slot(x), sizeof x->ring[0]);
}

static const char *WD(struct ctx *x, long day, int lang)
{
	return kr_words_day(day, (enum kr_lang)lang, slot(x), sizeof x->ring[0]);
}

static const char *SPAN(struct ctx *x, long from, long to, int lang)
{
	return kr_words_span(from, to, (enum kr_lang)lang, slot(x), sizeof x->ring[0]);
}

/* The child's pronouns; Dutch without a settled pronoun repeats the name. */
static const char *HE(struct ctx *x, int lang)
{
	enum kr_sex sex = x->c->persons[x->c->child].sex;
	struct kr_pronouns p = kr_words_pronouns(sex, (enum kr_lang)lang);
	/* English "they" would need a plural verb ("they need"), which the
	 * messages, written for he and she, do not have: repeat the name */
	if (lang == EN && sex != KR_SEX_M && sex != KR_SEX_F)
		return CHILD;
	return p.subject ? p.subject : CHILD;
}

static const char *HIM(struct ctx *x, int lang)
{
	struct kr_pronouns p = kr_words_pronouns(x->c->persons[x->c->child].sex, (enum kr_lang)lang);
	return p.object ? p.object : CHILD;
}

static const char *HIS(struct ctx *x, int lang)
{
	struct kr_pronouns p = kr_words_pronouns(x->c->persons[x->c->child].sex, (enum kr_lang)lang);
	return p.possessive ? p.possessive : sfmt(x, "%s%s", CHILD, lang == NL ? "s" : "'s");
}

/* Age groups of the advice. */
enum agegroup { YOUNG, CHILD_AGE, TEEN };

static enum agegroup agegroup(const struct ctx *x)
{
	if (x->age >= 0 && x->age < 4)
		return YOUNG;
	if (x->age >= 12)
		return TEEN;
	return CHILD_AGE;
}

/* "Vraag Sam, met tekeningen en in eigen woorden," and its siblings: how
 * to ask the child something, fitted to the child's age. */
static const char *ASK(struct ctx *x, int lang)
{
	switch (agegroup(x)) {
	case YOUNG:
		return lang == NL ? sfmt(x, "Vraag de ouders en pleegouders van %s, die %s het best "
		                        "kennen,", CHILD, HIM(x, NL))
		                  : sfmt(x, "Ask %s's parents and foster parents, who know %s best,",
		                         CHILD, HIM(x, EN));
	case TEEN:
		return lang == NL ? sfmt(x, "Vraag %s, die hier zelf over meebeslist,", CHILD)
		                  : sfmt(x, "Ask %s, who has a say in this,", CHILD);
	default:
		return lang == NL ? sfmt(x, "Vraag %s, met tekeningen en in eigen woorden,", CHILD)
		                  : sfmt(x, "Ask %s, with drawings and in %s own words,", CHILD,
		                         HIS(x, EN));
	}
}

/* "samen met Sam" fitted to age: through the carers, with drawings, or with
 * the young person deciding along. */
static const char *WITH(struct ctx *x, int lang)
{
	switch (agegroup(x)) {
	case YOUNG:
		return lang == NL ? sfmt(x, "samen met de ouders en pleegouders van %s", CHILD)
		                  : sfmt(x, "together with %s's parents and foster parents", CHILD);
	case TEEN:
		return lang == NL ? sfmt(x, "samen met %s, die zelf meebeslist", CHILD)
		                  : sfmt(x, "together with %s, who decides along", CHILD);
	default:
		return lang == NL ? sfmt(x, "samen met %s, met tekeningen en in %s eigen woorden",
		                         CHILD, HIS(x, NL))
		                  : sfmt(x, "together with %s, with drawings and in %s own words",
		                         CHILD, HIS(x, EN));
	}
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
	sg->title[NL] = rules[r].nl;
	sg->title[EN] = rules[r].en;
	sg->source = rules[r].source;
	sg->level = level;
	sg->seq = x->seq++;
	if (!x->quiet && !(sg->details = json_object()))
		x->nomem = true;
	return sg;
}

static void subject(struct ctx *x, struct kr_signal *sg, const char *id)
{
	char **v;
	if (!sg || !id || !*id || x->quiet)
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

/* details: key = value (a new reference, or NULL meaning out of memory). */
static void detail(struct ctx *x, struct kr_signal *sg, const char *key, json_t *v)
{
	if (x->quiet) {
		json_decref(v);
		return;
	}
	if (!sg || !v || json_object_set_new(sg->details, key, v))
		x->nomem = true;
}

static void detail_int(struct ctx *x, struct kr_signal *sg, const char *key, long v)
{
	detail(x, sg, key, json_integer(v));
}

static void detail_date(struct ctx *x, struct kr_signal *sg, const char *key, struct kr_date d)
{
	char b[11];
	detail(x, sg, key, json_string(kr_date_format(d, b)));
}

static void detail_day(struct ctx *x, struct kr_signal *sg, const char *key, long day)
{
	detail_date(x, sg, key, kr_date_from_days(day));
}

/* Appends person i's id to the details array `key`. */
static void detail_person(struct ctx *x, struct kr_signal *sg, const char *key, int i)
{
	json_t *a;
	if (!sg || x->quiet)
		return;
	if (!(a = json_object_get(sg->details, key))) {
		detail(x, sg, key, json_array());
		a = json_object_get(sg->details, key);
	}
	if (!a || json_array_append_new(a, json_string(x->c->persons[i].id)))
		x->nomem = true;
}

/* Appends the string v to the details array `key`. */
static void detail_string_to(struct ctx *x, struct kr_signal *sg, const char *key,
                             const char *v)
{
	json_t *a;
	if (!sg || x->quiet)
		return;
	if (!(a = json_object_get(sg->details, key))) {
		detail(x, sg, key, json_array());
		a = json_object_get(sg->details, key);
	}
	if (!a || json_array_append_new(a, json_string(v)))
		x->nomem = true;
}

/*
 * data-missing for rule r: `field` is the path in the document, what_nl and
 * what_en say it in words ("de geboortedatum van Sam").
 */
static struct kr_signal *missing_sig(struct ctx *x, enum rule r, const char *field,
                                     int person, const char *what_nl, const char *what_en)
{
	struct kr_signal *sg;
	for (size_t i = 0; i < x->out->n; i++) {
		struct kr_signal *o = &x->out->v[i];
		if (o->rule == rules[r].id && o->field && strcmp(o->field, field) == 0)
			return NULL;
	}
	if (!(sg = emit(x, R_DATA_MISSING, KR_LEVEL_INFO)))
		return NULL;
	sg->rule = rules[r].id;
	/* kept also when judging only: it tells data-missing signals apart */
	if (!(sg->field = strdup(field)))
		x->nomem = true;
	person_subject(x, sg, person);
	detail(x, sg, "rule", json_string(rules[r].id));
	detail(x, sg, "field", json_string(field));
	sg->message[NL] = fmt(x, "Het signaal \"%s\" kan niet worden nagekeken: %s ontbreekt.",
	                      rules[r].nl, what_nl);
	sg->message[EN] = fmt(x, "The signal \"%s\" cannot be checked: %s is missing.",
	                      rules[r].en, what_en);
	if (strcmp(field, "revisions") == 0) {
		sg->advice[NL] = fmt(x, "Dit gaat vanzelf: kring vergelijkt met eerdere versies van "
		                     "het dossier zodra die er zijn. Houd het dossier bij, dan ziet "
		                     "kring op tijd wat er verandert.");
		sg->advice[EN] = fmt(x, "This resolves itself: kring compares with earlier versions of "
		                     "the case once they exist. Keep the case up to date, and kring "
		                     "sees in time what changes.");
		return sg;
	}
	sg->advice[NL] = fmt(x, "Vul %s aan, dan kan kring dit beoordelen.", what_nl);
	sg->advice[EN] = fmt(x, "Fill in %s so kring can judge this.", what_en);
	return sg;
}

static void missing(struct ctx *x, enum rule r, const char *field, int person,
                    const char *what_nl, const char *what_en)
{
	missing_sig(x, r, field, person, what_nl, what_en);
}

static void missing_born(struct ctx *x, enum rule r)
{
	char field[64];
	snprintf(field, sizeof field, "persons[%d].born", x->c->child);
	missing(x, r, field, x->c->child, sfmt(x, "de geboortedatum van %s", CHILD),
	        sfmt(x, "%s's date of birth", CHILD));
}

/* "de tweede", "the second": ordinal words for the n-th item (0-based). */
static const char *ORD(struct ctx *x, size_t n, int lang)
{
	static const char *const nl[] = { "eerste", "tweede", "derde", "vierde", "vijfde",
		"zesde", "zevende", "achtste", "negende", "tiende" };
	static const char *const en[] = { "first", "second", "third", "fourth", "fifth",
		"sixth", "seventh", "eighth", "ninth", "tenth" };
	if (n < 10)
		return lang == NL ? nl[n] : en[n];
	return lang == NL ? sfmt(x, "%zue", n + 1) : sfmt(x, "%zuth", n + 1);
}

/* ---- what the rules share ------------------------------------------------- */

static bool in_list(const int *v, size_t n, int i)
{
	for (size_t k = 0; k < n; k++)
		if (v[k] == i)
			return true;
	return false;
}

/* Part of the network on as-of: alive, and a professional only while
 * involved. */
static bool in_network(const struct ctx *x, int i)
{
	const struct kr_person *p = &x->c->persons[i];
	return kr_case_person_alive(x->c, i, x->on) &&
	       (p->world != KR_WORLD_PROFESSIONAL || kr_case_person_involved(x->c, i, x->on, x->on));
}

/* Informal: not the child, not a professional, alive. */
static bool informal(const struct ctx *x, int i)
{
	return i != x->c->child && x->c->persons[i].world != KR_WORLD_PROFESSIONAL &&
	       kr_case_person_alive(x->c, i, x->on);
}

static bool lives_with_child(const struct ctx *x, int i)
{
	const struct kr_placement *p;
	if (x->cp < 0)
		return false;
	p = &x->c->placements[x->cp];
	return in_list(p->carers, p->ncarers, i) || in_list(p->children, p->nchildren, i);
}

/* The current carers, when the child lives away from home. */
static const struct kr_placement *current_home(const struct ctx *x)
{
	if (x->cp < 0 || x->c->placements[x->cp].form == KR_FORM_HOME)
		return NULL;
	return &x->c->placements[x->cp];
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

/* Marks in x->parent the persons who are a parent of the child: by role,
 * or by a birth or adoptive parent link in the kinship (once per case: the
 * rules ask it per person and per tie). */
static void find_parents(struct ctx *x)
{
	const struct kr_case *c = x->c;
	for (size_t i = 0; i < c->npersons; i++)
		x->parent[i] = kr_person_has_role(&c->persons[i], KR_ROLE_PARENT);
	for (size_t k = 0; k < c->nkinship; k++) {
		const struct kr_kinship *kin = &c->kinship[k];
		if (kin->type == KR_KIN_PARENT && kin->child == c->child && kin->parent >= 0 &&
		    (size_t)kin->parent < c->npersons &&
		    (kin->kind == KR_KIND_NONE || kin->kind == KR_KIND_BIRTH ||
		     kin->kind == KR_KIND_ADOPTIVE))
			x->parent[kin->parent] = 1;
	}
}

static bool is_parent_of_child(const struct ctx *x, int i)
{
	return x->parent[i] != 0;
}

/* A list of person names "A, B en C", malloc'd (NULL only when out of
 * memory, which is noted). */
static char *names(struct ctx *x, const int *who, size_t n, int lang)
{
	struct kr_buf b;
	const char **v = calloc(n ? n : 1, sizeof *v);
	char *p;

	kr_buf_init(&b, 1u << 16);
	if (v) {
		for (size_t i = 0; i < n; i++)
			v[i] = NAME(who[i]);
		kr_words_list(&b, v, n, (enum kr_lang)lang);
	} else {
		kr_buf_puts(&b, "");
		b.failed = true;
	}
	free(v);
	p = kr_buf_steal(&b, NULL);
	if (!p)
		x->nomem = true;
	return p;
}

/* A growable list of texts joined as "A, B en C" at the end. */
struct phrases {
	char *v[2][64];
	size_t n;
};

static void phrase(struct ctx *x, struct phrases *ph, char *nl, char *en)
{
	if (!nl || !en)
		x->nomem = true;
	if (ph->n >= 64 || !nl || !en) {
		free(nl);
		free(en);
		return;
	}
	ph->v[NL][ph->n] = nl;
	ph->v[EN][ph->n] = en;
	ph->n++;
}

static char *joined(struct ctx *x, struct phrases *ph, int lang)
{
	struct kr_buf b;
	char *p;
	kr_buf_init(&b, 1u << 16);
	kr_words_list(&b, (const char *const *)ph->v[lang], ph->n, (enum kr_lang)lang);
	if (!ph->n)
		kr_buf_puts(&b, "");
	p = kr_buf_steal(&b, NULL);
	if (!p)
		x->nomem = true;
	return p;
}

/* The phrases separated by "; ": for phrases that are lists themselves
 * ("Ilse met Marga en Jan; Ruud met Marga en Jan"). */
static char *joined_apart(struct ctx *x, struct phrases *ph, int lang)
{
	struct kr_buf b;
	char *p;
	kr_buf_init(&b, 1u << 16);
	kr_buf_puts(&b, "");
	for (size_t i = 0; i < ph->n; i++)
		kr_buf_printf(&b, "%s%s", i ? "; " : "", ph->v[lang][i]);
	p = kr_buf_steal(&b, NULL);
	if (!p)
		x->nomem = true;
	return p;
}

static void phrases_free(struct phrases *ph)
{
	for (size_t i = 0; i < ph->n; i++) {
		free(ph->v[NL][i]);
		free(ph->v[EN][i]);
	}
	ph->n = 0;
}

/* ---- the rules ------------------------------------------------------------ */

static void rule_trust(struct ctx *x)
{
	const struct kr_case *c = x->c;
	int current[64], former = -1;
	size_t ncur = 0, npro = 0;
	struct kr_signal *sg;

	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		int o = tie->a == c->child ? tie->b : tie->b == c->child ? tie->a : -1;
		if (o < 0 || !tie->trust_figure)
			continue;
		if (!in_network(x, o)) {
			if (former < 0)
				former = o;
			continue;
		}
		if (ncur < 64 && !in_list(current, ncur, o)) {
			current[ncur++] = o;
			npro += c->persons[o].world == KR_WORLD_PROFESSIONAL;
		}
	}
	if (ncur > 0 && npro == ncur) {
		char *who_nl, *who_en;
		if (!(sg = emit(x, R_TRUST_PRO, KR_LEVEL_INFO)))
			return;
		person_subject(x, sg, c->child);
		for (size_t k = 0; k < ncur; k++) {
			person_subject(x, sg, current[k]);
			detail_person(x, sg, "trust_figures", current[k]);
		}
		who_nl = names(x, current, ncur, NL);
		who_en = names(x, current, ncur, EN);
		sg->message[NL] = fmt(x, "De vertrouwensfiguur van %s is %s, %s.", CHILD,
		                      who_nl ? who_nl : "", ncur == 1 ? "een professional"
		                      : "allemaal professionals");
		sg->message[EN] = fmt(x, "%s's trust figure%s %s, %s.", CHILD, ncur == 1 ? " is" :
		                      "s are", who_en ? who_en : "", ncur == 1 ? "a professional"
		                      : "all professionals");
		sg->advice[NL] = fmt(x, "Een professional gaat weer weg. %s wie er uit %s eigen "
		                     "netwerk ook vertrouwensfiguur kan zijn: familie, een buur, een "
		                     "coach of een mentor die %s zelf kiest.", ASK(x, NL), HIS(x, NL),
		                     CHILD);
		sg->advice[EN] = fmt(x, "A professional leaves again. %s who from %s own network can "
		                     "also be a trust figure: family, a neighbour, a coach or a mentor "
		                     "%s chooses.", ASK(x, EN), HIS(x, EN), HE(x, EN));
		free(who_nl);
		free(who_en);
		return;
	}
	if (ncur > 0 || !(sg = emit(x, R_NO_TRUST, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	if (former >= 0) {
		person_subject(x, sg, former);
		detail_person(x, sg, "former_trust_figure", former);
		if (!kr_case_person_alive(c, former, x->on)) {
			sg->message[NL] = fmt(x, "%s heeft nu geen vertrouwensfiguur: %s, %s "
			                      "vertrouwensfiguur, is overleden.", CHILD, NAME(former),
			                      HIS(x, NL));
			sg->message[EN] = fmt(x, "%s has no trust figure now: %s, %s trust figure, has "
			                      "died.", CHILD, NAME(former), HIS(x, EN));
		} else {
			sg->message[NL] = fmt(x, "%s heeft nu geen vertrouwensfiguur: %s was dat, maar "
			                      "is als professional niet meer betrokken.", CHILD,
			                      NAME(former));
			sg->message[EN] = fmt(x, "%s has no trust figure now: %s was, but is no longer "
			                      "involved as a professional.", CHILD, NAME(former));
		}
	} else {
		sg->message[NL] = fmt(x, "%s heeft geen vertrouwensfiguur: bij geen enkele band van "
		                      "%s is iemand als vertrouwensfiguur aangegeven.", CHILD, CHILD);
		sg->message[EN] = fmt(x, "%s has no trust figure: none of %s's ties is marked as "
		                      "trust figure.", CHILD, CHILD);
	}
	if (agegroup(x) == YOUNG) {
		sg->advice[NL] = fmt(x, "%s bij wie %s troost zoekt en zich veilig voelt, liefst "
		                     "iemand uit het eigen netwerk. Leg die persoon vast als "
		                     "vertrouwensfiguur.", ASK(x, NL), HE(x, NL));
		sg->advice[EN] = fmt(x, "%s with whom %s seeks comfort and feels safe, preferably "
		                     "someone from %s own network. Mark that person as trust figure.",
		                     ASK(x, EN), HE(x, EN), HIS(x, EN));
	} else {
		sg->advice[NL] = fmt(x, "%s wie %s vertrouwt en bij wie %s terecht kan als er iets is, "
		                     "liefst iemand uit het eigen netwerk. Leg die persoon vast als "
		                     "vertrouwensfiguur.", ASK(x, NL), HE(x, NL), HE(x, NL));
		sg->advice[EN] = fmt(x, "%s whom %s trusts and can turn to when something is wrong, "
		                     "preferably someone from %s own network. Mark that person as "
		                     "trust figure.", ASK(x, EN), HE(x, EN), HIS(x, EN));
	}
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
	struct phrases ph = { .n = 0 };
	int who[64];
	size_t n = 0;
	struct kr_signal *sg;
	char *nl, *en;

	for (size_t i = 0; i < c->npersons; i++) {
		int t;
		char field[64];
		if (!is_sibling(x, (int)i) || !kr_case_person_alive(c, (int)i, x->on) ||
		    lives_with_child(x, (int)i))
			continue;
		t = kr_case_tie_between(c, c->child, (int)i);
		if (t >= 0 && c->ties[t].frequency == KR_FREQ_NONE) {
			snprintf(field, sizeof field, "ties[%d].frequency", t);
			missing(x, R_SIBLING, field, (int)i,
			        sfmt(x, "hoe vaak %s en %s elkaar zien", CHILD, NAME(i)),
			        sfmt(x, "how often %s and %s see each other", CHILD, NAME(i)));
			continue;
		}
		if (t >= 0 && c->ties[t].frequency != KR_FREQ_RARELY &&
		    c->ties[t].frequency != KR_FREQ_NEVER)
			continue;
		if (n < 64)
			who[n++] = (int)i;
		if (t < 0)
			phrase(x, &ph, fmt(x, "%s (geen contact vastgelegd)", NAME(i)),
			       fmt(x, "%s (no contact recorded)", NAME(i)));
		else
			phrase(x, &ph, fmt(x, "%s (%s contact)", NAME(i),
			                   kr_enum_label(KR_ENUM_FREQUENCY, c->ties[t].frequency, KR_LANG_NL)),
			       fmt(x, "%s (%s in contact)", NAME(i),
			           kr_enum_label(KR_ENUM_FREQUENCY, c->ties[t].frequency, KR_LANG_EN)));
	}
	if (!n || !(sg = emit(x, R_SIBLING, KR_LEVEL_WARNING))) {
		phrases_free(&ph);
		return;
	}
	person_subject(x, sg, c->child);
	for (size_t k = 0; k < n; k++) {
		person_subject(x, sg, who[k]);
		detail_person(x, sg, "siblings", who[k]);
	}
	nl = joined(x, &ph, NL);
	en = joined(x, &ph, EN);
	sg->message[NL] = fmt(x, "%s heeft weinig of geen contact met %s die niet bij %s %s: %s.",
	                      CHILD, n == 1 ? "een broer of zus" : "broers en zussen", HIM(x, NL),
	                      n == 1 ? "woont" : "wonen", nl ? nl : "");
	sg->message[EN] = fmt(x, "%s has little or no contact with %s: %s, who %s not live with "
	                      "%s.", CHILD, n == 1 ? "a sibling" : "siblings", en ? en : "",
	                      n == 1 ? "does" : "do", HIM(x, EN));
	sg->advice[NL] = fmt(x, "Contact met broers en zussen is een belangrijke steun. Bespreek "
	                     "%s hoe ze elkaar vaker kunnen zien, en maak er een afspraak van in "
	                     "het netwerkplan.", WITH(x, NL));
	sg->advice[EN] = fmt(x, "Contact with siblings is an important support. Discuss %s how "
	                     "they can see each other more often, and make it an agreement in "
	                     "the network plan.", WITH(x, EN));
	free(nl);
	free(en);
	phrases_free(&ph);
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
	detail_int(x, sg, "origin", norigin);
	detail_int(x, sg, "foster", nfoster);
	sg->message[NL] = fmt(x, "De twee werelden van %s zijn niet verbonden: niemand uit het "
	                      "gezin van herkomst en %s netwerk (%d %s) heeft een goede band met "
	                      "iemand uit het pleeggezin en %s netwerk (%d %s).", CHILD,
	                      norigin == 1 ? "zijn" : "hun", norigin,
	                      norigin == 1 ? "persoon" : "personen", nfoster == 1 ? "zijn" : "hun",
	                      nfoster, nfoster == 1 ? "persoon" : "personen");
	sg->message[EN] = fmt(x, "%s's two worlds are not connected: nobody of the family of "
	                      "origin and its network (%d %s) has a good tie with anyone of the "
	                      "foster family and its network (%d %s).", CHILD, norigin,
	                      norigin == 1 ? "person" : "people", nfoster,
	                      nfoster == 1 ? "person" : "people");
	sg->advice[NL] = fmt(x, "Zoek %s naar mensen die een brug kunnen slaan, bijvoorbeeld een "
	                     "kennismaking tussen ouders en pleegouders of een gezamenlijke "
	                     "netwerkbijeenkomst. Dan hoeft %s niet te kiezen.", WITH(x, NL),
	                     HE(x, NL));
	sg->advice[EN] = fmt(x, "Look %s for people who can build a bridge, for instance a "
	                     "meeting between parents and foster parents or a joint network "
	                     "meeting. Then %s does not have to choose.", WITH(x, EN), HE(x, EN));
}

/* Are persons a and b family of each other in the genogram (parent and
 * child, or partners)?  Then they have certainly met. */
static bool kin(const struct kr_case *c, int a, int b)
{
	for (size_t k = 0; k < c->nkinship; k++) {
		const struct kr_kinship *kn = &c->kinship[k];
		if ((kn->type == KR_KIN_PARENT && ((kn->parent == a && kn->child == b) ||
		                                   (kn->parent == b && kn->child == a))) ||
		    (kn->type == KR_KIN_PARTNERS && ((kn->a == a && kn->b == b) ||
		                                     (kn->a == b && kn->b == a))))
			return true;
	}
	return false;
}

/* The parents of the child and the carers of the current home, as pairs:
 * conflict (quality conflict/broken) or not met (no tie, and not family of
 * each other).  Not met is said per parent: "Rick met Ria en Henk". */
static void rule_parents_carers(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p = current_home(x);
	struct phrases conflict = { .n = 0 }, notmet = { .n = 0 }, unknown = { .n = 0 };
	int cpair[64][2], npair[64][2], upair[64][3];
	size_t nc = 0, nn = 0, nu = 0;
	struct kr_signal *sg;
	bool away;

	if (!p)
		return;
	/* not-met is about the foster parents the child lives with: a
	 * full-time placement away from home, never a support family or
	 * part-time care while the child lives at home */
	away = x->path->out_of_home && kr_path_form_fulltime(p->form);
	for (size_t i = 0; i < c->npersons; i++) {
		int unmet[64];
		size_t nun = 0;
		if ((int)i == c->child || !is_parent_of_child(x, (int)i) ||
		    !kr_case_person_alive(c, (int)i, x->on) || in_list(p->carers, p->ncarers, (int)i))
			continue;
		for (size_t k = 0; k < p->ncarers; k++) {
			int f = p->carers[k], t = kr_case_tie_between(c, (int)i, f);
			if (!kr_case_person_alive(c, f, x->on) || f == c->child)
				continue;
			if (t < 0) {
				if (!away || kin(c, (int)i, f))
					continue;
				if (nn < 64) {
					npair[nn][0] = (int)i;
					npair[nn++][1] = f;
				}
				if (nun < 64)
					unmet[nun++] = f;
				continue;
			}
			if (c->ties[t].quality == KR_QUALITY_NONE) {
				if (nu < 64) {
					upair[nu][0] = (int)i;
					upair[nu][1] = f;
					upair[nu++][2] = t;
				}
				phrase(x, &unknown, fmt(x, "tussen %s en %s", NAME(i), NAME(f)),
				       fmt(x, "between %s and %s", NAME(i), NAME(f)));
				continue;
			}
			if (c->ties[t].quality != KR_QUALITY_CONFLICT &&
			    c->ties[t].quality != KR_QUALITY_BROKEN)
				continue;
			if (nc < 64) {
				cpair[nc][0] = (int)i;
				cpair[nc++][1] = f;
			}
			phrase(x, &conflict,
			       fmt(x, "tussen %s (ouder) en %s (pleegouder) is %s", NAME(i), NAME(f),
			           c->ties[t].quality == KR_QUALITY_BROKEN ? "de band verbroken"
			           : "een conflict"),
			       fmt(x, "between %s (parent) and %s (foster parent) %s", NAME(i), NAME(f),
			           c->ties[t].quality == KR_QUALITY_BROKEN ? "the tie is broken"
			           : "there is conflict"));
		}
		if (nun) {
			char *nl = names(x, unmet, nun, NL), *en = names(x, unmet, nun, EN);
			phrase(x, &notmet, fmt(x, "%s met %s", NAME(i), nl ? nl : ""),
			       fmt(x, "%s with %s", NAME(i), en ? en : ""));
			free(nl);
			free(en);
		}
	}
	/* Ties without quality: one data-missing naming every pair, every
	 * path in details.fields (field: the first). */
	if (nu) {
		char *nl = joined(x, &unknown, NL), *en = joined(x, &unknown, EN);
		char *wnl = fmt(x, "de kwaliteit van de band %s", nl ? nl : "");
		char *wen = fmt(x, "the quality of the tie %s", en ? en : "");
		char field[64];
		snprintf(field, sizeof field, "ties[%d].quality", upair[0][2]);
		sg = missing_sig(x, R_CONFLICT, field, -1, wnl ? wnl : "", wen ? wen : "");
		for (size_t k = 0; sg && k < nu; k++) {
			person_subject(x, sg, upair[k][0]);
			person_subject(x, sg, upair[k][1]);
			snprintf(field, sizeof field, "ties[%d].quality", upair[k][2]);
			detail_string_to(x, sg, "fields", field);
		}
		free(nl);
		free(en);
		free(wnl);
		free(wen);
	}
	if (nc && (sg = emit(x, R_CONFLICT, KR_LEVEL_ALERT))) {
		char *nl = joined(x, &conflict, NL), *en = joined(x, &conflict, EN);
		for (size_t k = 0; k < nc; k++) {
			person_subject(x, sg, cpair[k][0]);
			person_subject(x, sg, cpair[k][1]);
		}
		sg->message[NL] = fmt(x, "Ouders en pleegouders van %s werken niet goed samen: %s.",
		                      CHILD, nl ? nl : "");
		sg->message[EN] = fmt(x, "%s's parents and foster parents do not work together well: "
		                      "%s.", CHILD, en ? en : "");
		sg->advice[NL] = fmt(x, "Een moeizame samenwerking tussen ouders en pleegouders is "
		                     "een risico voor de plaatsing. Bespreek het op tijd, maak "
		                     "duidelijke afspraken en zorg voor een open gesprek, eventueel "
		                     "met hulp van een onafhankelijke bemiddelaar. %s moet niet hoeven "
		                     "kiezen.", CHILD);
		sg->advice[EN] = fmt(x, "A difficult collaboration between parents and foster parents "
		                     "puts the placement at risk. Talk about it in time, make clear "
		                     "agreements and keep the dialogue open, if needed with an "
		                     "independent mediator. %s should not have to choose.", CHILD);
		free(nl);
		free(en);
	}
	if (nn && (sg = emit(x, R_NOT_MET, KR_LEVEL_WARNING))) {
		char *nl = joined_apart(x, &notmet, NL), *en = joined_apart(x, &notmet, EN);
		for (size_t k = 0; k < nn; k++) {
			person_subject(x, sg, npair[k][0]);
			person_subject(x, sg, npair[k][1]);
		}
		sg->message[NL] = fmt(x, "Ouders en pleegouders van %s kennen elkaar nog niet. Er is "
		                      "geen band vastgelegd van %s.", CHILD, nl ? nl : "");
		sg->message[EN] = fmt(x, "%s's parents and foster parents do not know each other yet. "
		                      "No tie is recorded of %s.", CHILD, en ? en : "");
		sg->advice[NL] = fmt(x, "Organiseer een kennismaking tussen ouders en pleegouders, "
		                     "goed voorbereid door de begeleider: wat willen ze van elkaar "
		                     "weten, wat vinden ze belangrijk voor %s? Een goede start maakt "
		                     "samenwerken makkelijker.", CHILD);
		sg->advice[EN] = fmt(x, "Arrange a first meeting of parents and foster parents, well "
		                     "prepared by the worker: what do they want to know of each other, "
		                     "what matters to them for %s? A good start makes working together "
		                     "easier.", CHILD);
		free(nl);
		free(en);
	}
	phrases_free(&conflict);
	phrases_free(&notmet);
	phrases_free(&unknown);
}

/* The advice of breakdown-risk-profile and placement-instability fits the
 * form the child lives in now. */
static bool lives_in_family_home(const struct ctx *x)
{
	const struct kr_placement *p = current_home(x);
	return p && (p->form == KR_FORM_FAMILY_HOME || p->form == KR_FORM_RESIDENTIAL);
}

static void missing_form(struct ctx *x, enum rule r)
{
	char field[64];
	int i = x->path->unclassified;
	snprintf(field, sizeof field, "placements[%d].form", i);
	missing(x, r, field, -1,
	        sfmt(x, "de vorm van plaatsing %s", x->c->placements[i].id),
	        sfmt(x, "the form of placement %s", x->c->placements[i].id));
}

static void rule_breakdown(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_path *pa = x->path;
	const struct kr_placement *p;
	long start;
	int age, earlier;
	enum kr_tribool old_enough;
	struct kr_signal *sg;

	if (!pa->out_of_home)
		return;
	p = &c->placements[pa->homes[pa->home].last];
	start = pa->home_since;
	earlier = kr_path_disruptions(pa, LONG_MIN / 2, start);
	age = kr_age_years(c->persons[c->child].born, start);
	old_enough = !kr_date_valid(c->persons[c->child].born) ? KR_UNKNOWN
	             : age >= SET(BREAKDOWN_MIN_AGE) ? KR_TRUE : KR_FALSE;
	if (earlier < SET(BREAKDOWN_MIN_EARLIER)) {
		if (pa->unclassified >= 0)
			missing_form(x, R_BREAKDOWN);
		return;
	}
	if (old_enough == KR_FALSE || c->externalising == KR_FALSE)
		return;
	if (old_enough == KR_UNKNOWN || c->externalising == KR_UNKNOWN) {
		if (old_enough == KR_UNKNOWN)
			missing_born(x, R_BREAKDOWN);
		if (c->externalising == KR_UNKNOWN)
			missing(x, R_BREAKDOWN, "case.behaviour.externalising", c->child,
			        sfmt(x, "of %s naar buiten gericht gedrag laat zien (externaliserend)",
			             CHILD),
			        sfmt(x, "whether %s shows externalising behaviour", CHILD));
		return;
	}
	if (!(sg = emit(x, R_BREAKDOWN, KR_LEVEL_ALERT)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, p->id);
	detail_int(x, sg, "age_at_start", age);
	detail_int(x, sg, "moves_and_breakdowns_before", earlier);
	detail_day(x, sg, "home_since", start);
	sg->message[NL] = fmt(x, "%s was %d jaar toen %s op %s in dit thuis kwam, had daarvoor al "
	                      "%d keer een thuis moeten verlaten (overplaatsing of breakdown) en "
	                      "laat naar buiten gericht gedrag zien. Bij dit profiel loopt "
	                      "ongeveer de helft van de plaatsingen voortijdig af.", CHILD, age,
	                      HE(x, NL), W(x, pa->homes[pa->home].since, NL), earlier);
	sg->message[EN] = fmt(x, "%s was %d when %s came to this home on %s, had already had to "
	                      "leave a home %s before (a move or a breakdown) and shows "
	                      "externalising behaviour. About half of placements with this profile "
	                      "end early.", CHILD, age, HE(x, EN), W(x, pa->homes[pa->home].since, EN),
	                      earlier == 1 ? "once" : sfmt(x, "%d times", earlier));
	if (lives_in_family_home(x)) {
		sg->advice[NL] = fmt(x, "Zorg dat %s hier kan blijven: intensieve, specialistische "
		                     "steun voor %s en voor wie %s opvoedt, en een netwerk dat "
		                     "meedoet. Nog een overplaatsing maakt het zwaarder.", CHILD,
		                     HIM(x, NL), HIM(x, NL));
		sg->advice[EN] = fmt(x, "Help %s stay here: intensive specialist support for %s and "
		                     "for those who raise %s, and a network that takes part. Another "
		                     "move makes it harder.", CHILD, HIM(x, EN), HIM(x, EN));
	} else {
		sg->advice[NL] = fmt(x, "Volgens de richtlijn pleegzorg past hier alleen pleegzorg "
		                     "met intensieve, specialistische steun voor %s en de "
		                     "pleegouders; overweeg anders een gezinshuis.", CHILD);
		sg->advice[EN] = fmt(x, "Following the foster care guideline, foster care fits here "
		                     "only with intensive specialist support for %s and the foster "
		                     "parents; otherwise consider a family home.", CHILD);
	}
}

/* The form of the home the child lives in on as-of as the path sees it:
 * KR_FORM_HOME when the child lives at home (no current placement away from
 * home), else the form of the latest placement of the current home. */
static enum kr_form home_form(const struct ctx *x)
{
	const struct kr_path *pa = x->path;
	if (!pa->out_of_home || pa->home < 0)
		return KR_FORM_HOME;
	return x->c->placements[pa->homes[pa->home].last].form;
}

/* The advice of placement-instability, fitted to where the child lives now:
 * at home (keep the child there), in crisis care (one lasting place, so the
 * next move is the last), with a foster or network family, in a family
 * home, or in residential care (make the place last). */
static void instability_advice(struct ctx *x, struct kr_signal *sg)
{
	switch (home_form(x)) {
	case KR_FORM_HOME:
		sg->advice[NL] = fmt(x, "Elke overplaatsing maakt het moeilijker voor %s. %s woont "
		                     "nu weer thuis: zet steun in voor %s en de ouders, zodat %s "
		                     "thuis kan blijven, betrek het netwerk erbij, en houd school, "
		                     "vrienden en club zoveel mogelijk hetzelfde.", CHILD, CHILD,
		                     HIM(x, NL), HE(x, NL));
		sg->advice[EN] = fmt(x, "Every move makes it harder for %s. %s lives at home again: "
		                     "put support in place for %s and the parents so that %s can "
		                     "stay at home, involve the network, and keep school, friends "
		                     "and club the same where possible.", CHILD, CHILD, HIM(x, EN),
		                     HE(x, EN));
		break;
	case KR_FORM_CRISIS:
		sg->advice[NL] = fmt(x, "Elke overplaatsing maakt het moeilijker voor %s, en %s "
		                     "woont nu in crisisopvang. Zoek samen met de ouders en het "
		                     "netwerk snel een vaste plek, eerst in het eigen netwerk van "
		                     "%s, zodat de volgende verhuizing de laatste is; houd school, "
		                     "vrienden en club zoveel mogelijk hetzelfde.", CHILD, HE(x, NL),
		                     CHILD);
		sg->advice[EN] = fmt(x, "Every move makes it harder for %s, and %s is in crisis "
		                     "care now. Find a lasting place soon with the parents and the "
		                     "network, first in %s's own network, so that the next move is "
		                     "the last; keep school, friends and club the same where "
		                     "possible.", CHILD, HE(x, EN), CHILD);
		break;
	case KR_FORM_FAMILY_HOME:
		sg->advice[NL] = fmt(x, "Elke overplaatsing maakt het moeilijker voor %s. Zorg dat "
		                     "%s in dit gezinshuis kan blijven: extra steun voor %s en de "
		                     "gezinshuisouders, een netwerk dat meedoet, en school, vrienden "
		                     "en club zoveel mogelijk hetzelfde.", CHILD, HE(x, NL),
		                     HIM(x, NL));
		sg->advice[EN] = fmt(x, "Every move makes it harder for %s. Help %s stay in this "
		                     "family home: extra support for %s and the family home "
		                     "parents, a network that takes part, and school, friends and "
		                     "club the same where possible.", CHILD, HIM(x, EN), HIM(x, EN));
		break;
	case KR_FORM_RESIDENTIAL:
		sg->advice[NL] = fmt(x, "Elke overplaatsing maakt het moeilijker voor %s. Zorg dat "
		                     "%s op deze plek kan blijven, met vaste begeleiders en een "
		                     "netwerk dat meedoet, en houd school, vrienden en club zoveel "
		                     "mogelijk hetzelfde.", CHILD, HE(x, NL));
		sg->advice[EN] = fmt(x, "Every move makes it harder for %s. Help %s stay at this "
		                     "place, with the same care staff and a network that takes "
		                     "part, and keep school, friends and club the same where "
		                     "possible.", CHILD, HIM(x, EN));
		break;
	default:   /* foster and network families (and a form not recorded) */
		sg->advice[NL] = fmt(x, "Elke overplaatsing maakt het moeilijker voor %s. Zet extra "
		                     "steun in voor %s en het gezin waar %s nu woont, zodat %s daar "
		                     "kan blijven, betrek het netwerk erbij, en houd school, vrienden "
		                     "en club zoveel mogelijk hetzelfde.", CHILD, HIM(x, NL),
		                     HE(x, NL), HE(x, NL));
		sg->advice[EN] = fmt(x, "Every move makes it harder for %s. Put extra support in "
		                     "place for %s and the family %s lives with now, so that %s can "
		                     "stay there, involve the network, and keep school, friends and "
		                     "club the same where possible.", CHILD, HIM(x, EN), HE(x, EN),
		                     HE(x, EN));
		break;
	}
}

static void rule_instability(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_path *pa = x->path;
	long from = kr_days_add_months(x->on, -SET(INSTABILITY_WINDOW_MONTHS));
	int n = kr_path_moves_between(pa, from, x->on);
	struct kr_buf dnl, den;
	struct kr_signal *sg;
	int k = 0;

	if (n < SET(INSTABILITY_PLACEMENTS)) {
		if (pa->unclassified >= 0)
			missing_form(x, R_INSTABILITY);
		return;
	}
	if (!(sg = emit(x, R_INSTABILITY, KR_LEVEL_ALERT)))
		return;
	person_subject(x, sg, c->child);
	kr_buf_init(&dnl, 4096);
	kr_buf_init(&den, 4096);
	for (size_t m = 0; m < pa->nmoves; m++) {
		const struct kr_path_event *mv = &pa->moves[m];
		if (mv->day <= from || mv->day > x->on)
			continue;
		subject(x, sg, c->placements[mv->placement].id);
		k++;
		kr_buf_printf(&dnl, "%s%s", k == 1 ? "" : k == n ? " en " : ", ", WD(x, mv->day, NL));
		kr_buf_printf(&den, "%s%s", k == 1 ? "" : k == n ? " and " : ", ", WD(x, mv->day, EN));
	}
	detail_int(x, sg, "moves", n);
	detail_int(x, sg, "window_months", SET(INSTABILITY_WINDOW_MONTHS));
	sg->message[NL] = fmt(x, "%s is in de afgelopen %d maanden %d keer overgeplaatst (%s).",
	                      CHILD, SET(INSTABILITY_WINDOW_MONTHS), n,
	                      dnl.data ? dnl.data : "");
	sg->message[EN] = fmt(x, "%s moved %d times in the last %d months (%s).", CHILD, n,
	                      SET(INSTABILITY_WINDOW_MONTHS), den.data ? den.data : "");
	kr_buf_cleanup(&dnl);
	kr_buf_cleanup(&den);
	instability_advice(x, sg);
}

static void rule_perspective(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_path *pa = x->path;
	const struct kr_path_period *per;
	int months;
	bool alert;
	struct kr_signal *sg;
	char field[64];

	if (!pa->out_of_home) {
		/* a current placement without form that may be a home */
		if (x->cp >= 0 && c->placements[x->cp].form == KR_FORM_NONE &&
		    running_days(x, &c->placements[x->cp]) >= 0 &&
		    x->on >= kr_days_add_months(kr_date_last(c->placements[x->cp].start),
		                                SET(PERSPECTIVE_WARNING_MONTHS))) {
			snprintf(field, sizeof field, "placements[%d].form", x->cp);
			missing(x, R_PERSPECTIVE, field, -1,
			        sfmt(x, "de vorm van plaatsing %s", c->placements[x->cp].id),
			        sfmt(x, "the form of placement %s", c->placements[x->cp].id));
		}
		return;
	}
	per = &pa->periods[pa->period];
	if (kr_date_valid(c->perspective_date) && kr_date_last(c->perspective_date) >= per->start &&
	    kr_date_first(c->perspective_date) <= x->on)
		return;
	months = kr_words_months_between(per->start, x->on);
	if (months < SET(PERSPECTIVE_WARNING_MONTHS))
		return;
	alert = months >= SET(PERSPECTIVE_ALERT_MONTHS);
	if (!(sg = emit(x, R_PERSPECTIVE, alert ? KR_LEVEL_ALERT : KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, c->placements[pa->homes[per->first_home].first].id);
	detail_day(x, sg, "out_of_home_since", per->start);
	detail_int(x, sg, "months", months);
	detail_int(x, sg, "moves", per->moves);
	sg->message[NL] = fmt(x, "%s woont sinds %s niet meer thuis, nu %s%s, en er is nog geen "
	                      "perspectiefbesluit.", CHILD, W(x, per->since, NL),
	                      SPAN(x, per->start, x->on, NL),
	                      per->moves == 0 ? "" : per->moves == 1 ? " (een keer overgeplaatst)"
	                      : sfmt(x, " (%d keer overgeplaatst)", per->moves));
	sg->message[EN] = fmt(x, "%s has lived away from home since %s, %s now%s, and there is no "
	                      "perspective decision yet.", CHILD, W(x, per->since, EN),
	                      SPAN(x, per->start, x->on, EN),
	                      per->moves == 0 ? "" : per->moves == 1 ? " (moved once)"
	                      : sfmt(x, " (moved %d times)", per->moves));
	sg->advice[NL] = fmt(x, "Neem binnen een half jaar tot een jaar na de uithuisplaatsing een "
	                     "besluit over het perspectief van %s: terug naar huis, of opgroeien "
	                     "in het pleeggezin. Duidelijkheid geeft rust.", CHILD);
	sg->advice[EN] = fmt(x, "Decide on %s's perspective within half a year to a year after "
	                     "the removal from home: back home, or growing up in the foster "
	                     "family. Clarity gives peace.", CHILD);
}

static void rule_development(struct ctx *x)
{
	const struct kr_case *c = x->c;
	long latest = -1000000000L;
	bool known = kr_date_valid(c->persons[c->child].born);
	long from = kr_days_add_months(x->on, -SET(DEVELOPMENT_MONTHS));
	long young_from = kr_days_add_months(x->on, -SET(DEVELOPMENT_YOUNG_MONTHS));
	long needed;
	struct kr_signal *sg;

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
	if (known && x->age >= 18)   /* the rule is about children, not young adults */
		return;
	if (!known && latest >= from) {
		missing_born(x, R_DEVELOPMENT);
		return;
	}
	needed = known && x->age < SET(DEVELOPMENT_YOUNG_AGE) ? SET(DEVELOPMENT_YOUNG_MONTHS)
	                                                      : SET(DEVELOPMENT_MONTHS);
	if (latest >= kr_days_add_months(x->on, -(int)needed))
		return;
	if (!(sg = emit(x, R_DEVELOPMENT, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	detail_int(x, sg, "interval_months", needed);
	if (latest > -1000000000L) {
		detail_day(x, sg, "last_check", latest);
		sg->message[NL] = fmt(x, "De ontwikkeling van %s is voor het laatst onderzocht op %s, "
		                      "%s geleden; dat moet minstens eens per %ld maanden.", CHILD,
		                      WD(x, latest, NL), SPAN(x, latest, x->on, NL), needed);
		sg->message[EN] = fmt(x, "%s's development was last checked on %s, %s ago; it should "
		                      "be checked at least every %ld months.", CHILD, WD(x, latest, EN),
		                      SPAN(x, latest, x->on, EN), needed);
	} else {
		sg->message[NL] = fmt(x, "Er is geen onderzoek naar de ontwikkeling van %s vastgelegd.",
		                      CHILD);
		sg->message[EN] = fmt(x, "No check of %s's development is recorded.", CHILD);
	}
	sg->advice[NL] = fmt(x, "Laat de ontwikkeling van %s onderzoeken: minstens eens per jaar, "
	                     "en tot 3 jaar elk half jaar.", CHILD);
	sg->advice[EN] = fmt(x, "Have %s's development assessed: at least yearly, and every six "
	                     "months up to age 3.", CHILD);
}

static void rule_plan(struct ctx *x)
{
	const struct kr_case *c = x->c;
	struct kr_signal *sg;

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
		detail_date(x, sg, "placement_start", p->start);
		sg->message[NL] = fmt(x, "De plaatsing loopt sinds %s (%s) en er is nog geen "
		                      "netwerkplan.", W(x, p->start, NL),
		                      SPAN(x, kr_date_last(p->start), x->on, NL));
		sg->message[EN] = fmt(x, "The placement has run since %s (%s) and there is no network "
		                      "plan yet.", W(x, p->start, EN),
		                      SPAN(x, kr_date_last(p->start), x->on, EN));
		sg->advice[NL] = fmt(x, "Maak %s, de ouders, de pleegouders en het netwerk een "
		                     "netwerkplan: wie doet wat, wanneer, en wat als het misgaat.",
		                     WITH(x, NL));
		sg->advice[EN] = fmt(x, "Make a network plan %s, the parents, the foster parents and "
		                     "the network: who does what, when, and what if it goes wrong.",
		                     WITH(x, EN));
		return;
	}
	struct kr_date ref = kr_date_valid(c->plan.reviewed) ? c->plan.reviewed : c->plan.adopted;
	long due = kr_plan_next_review(c, x->s);
	if (!kr_date_valid(ref)) {
		missing(x, R_PLAN_REVIEW, "plan.reviewed", -1,
		        "de datum waarop het netwerkplan voor het laatst is besproken",
		        "the date the network plan was last reviewed");
	} else if (x->on > due && (sg = emit(x, R_PLAN_REVIEW, KR_LEVEL_WARNING))) {
		person_subject(x, sg, c->child);
		detail_date(x, sg, "reviewed", ref);
		sg->message[NL] = fmt(x, "Het netwerkplan is voor het laatst besproken op %s, %s "
		                      "geleden.", W(x, ref, NL), SPAN(x, kr_date_last(ref), x->on, NL));
		sg->message[EN] = fmt(x, "The network plan was last reviewed on %s, %s ago.",
		                      W(x, ref, EN), SPAN(x, kr_date_last(ref), x->on, EN));
		sg->advice[NL] = fmt(x, "Pak het netwerkplan er weer bij met iedereen die meedoet: wat "
		                     "gaat goed, wat moet anders, kloppen de afspraken nog?");
		sg->advice[EN] = fmt(x, "Take the network plan up again with everyone involved: what "
		                     "goes well, what must change, do the agreements still hold?");
	}
	if (!c->plan.safety || !*c->plan.safety) {
		if (!(sg = emit(x, R_SAFETY_UNASSESSED, KR_LEVEL_WARNING)))
			return;
		person_subject(x, sg, c->child);
		sg->message[NL] = fmt(x, "In het netwerkplan staat niet wat %s veilig houdt en wie "
		                      "daarop let.", CHILD);
		sg->message[EN] = fmt(x, "The network plan does not say what keeps %s safe and who "
		                      "watches it.", CHILD);
		sg->advice[NL] = fmt(x, "Veiligheid gaat voor. Beschrijf samen met het netwerk wat er "
		                     "nodig is voor de veiligheid van %s en wie wat doet als het "
		                     "misgaat.", CHILD);
		sg->advice[EN] = fmt(x, "Safety comes first. Describe with the network what %s's "
		                     "safety needs and who does what if it goes wrong.", CHILD);
	}
}

static void rule_agreements(struct ctx *x)
{
	const struct kr_plan *pl = &x->c->plan;

	for (size_t i = 0; i < pl->nagreements; i++) {
		const struct kr_agreement *a = &pl->agreements[i];
		const char *what = a->what && *a->what ? a->what : a->id;
		struct kr_signal *sg;
		char *who_nl, *who_en;

		if (!kr_plan_agreement_open(a))
			continue;
		who_nl = names(x, a->who, a->nwho, NL);
		who_en = names(x, a->who, a->nwho, EN);
		if (kr_plan_agreement_overdue(a, x->on) &&
		    (sg = emit(x, R_AGR_OVERDUE, KR_LEVEL_WARNING))) {
			subject(x, sg, a->id);
			for (size_t k = 0; k < a->nwho; k++)
				person_subject(x, sg, a->who[k]);
			detail_date(x, sg, "due", a->due);
			sg->message[NL] = fmt(x, "De afspraak \"%s\"%s%s%s moest klaar zijn op %s en "
			                      "staat nog open.", what, a->nwho ? " (" : "",
			                      who_nl ? who_nl : "", a->nwho ? ")" : "", W(x, a->due, NL));
			sg->message[EN] = fmt(x, "The agreement \"%s\"%s%s%s was due on %s and is still "
			                      "open.", what, a->nwho ? " (" : "", who_en ? who_en : "",
			                      a->nwho ? ")" : "", W(x, a->due, EN));
			if (a->if_not && *a->if_not) {
				sg->advice[NL] = fmt(x, "Vraag na hoe het staat. Lukt het niet, gebruik dan "
				                     "wat afgesproken is voor als het misgaat (%s), of maak "
				                     "een nieuwe afspraak.", a->if_not);
				sg->advice[EN] = fmt(x, "Ask how it is going. If it does not work out, use "
				                     "what was agreed for when it goes wrong (%s), or make a "
				                     "new agreement.", a->if_not);
			} else {
				sg->advice[NL] = fmt(x, "Vraag na hoe het staat, en spreek samen af wat er "
				                     "gebeurt als het niet lukt: wie neemt het over, of wat "
				                     "is de nieuwe datum?");
				sg->advice[EN] = fmt(x, "Ask how it is going, and agree together what "
				                     "happens if it does not work out: who takes over, or "
				                     "what is the new date?");
			}
		}
		if ((!a->if_not || !*a->if_not) && (sg = emit(x, R_AGR_FALLBACK, KR_LEVEL_INFO))) {
			subject(x, sg, a->id);
			sg->message[NL] = fmt(x, "Bij de afspraak \"%s\" staat niet wat er gebeurt als "
			                      "het niet lukt.", what);
			sg->message[EN] = fmt(x, "The agreement \"%s\" does not say what happens if it "
			                      "does not work out.", what);
			sg->advice[NL] = fmt(x, "Spreek af wie het overneemt of wat er dan gebeurt: \"wat "
			                     "als het misgaat\" hoort bij elke afspraak.");
			sg->advice[EN] = fmt(x, "Agree who takes over or what happens then: \"what if it "
			                     "goes wrong\" belongs to every agreement.");
		}
		if (a->nwho == 0 && (sg = emit(x, R_AGR_OWNER, KR_LEVEL_WARNING))) {
			subject(x, sg, a->id);
			sg->message[NL] = fmt(x, "Niemand is verantwoordelijk voor de afspraak \"%s\".",
			                      what);
			sg->message[EN] = fmt(x, "Nobody is responsible for the agreement \"%s\".", what);
			sg->advice[NL] = fmt(x, "Spreek af wie dit doet. Een afspraak zonder naam wordt "
			                     "vaak niet uitgevoerd.");
			sg->advice[EN] = fmt(x, "Agree who does this. An agreement without a name often "
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
	size_t nth = 0;
	struct kr_signal *sg;
	char field[64];

	for (size_t i = 0; i < pl->nwishes; i++) {
		const struct kr_wish *w = &pl->wishes[i];
		if (w->by != c->child)
			continue;
		nth++;
		if (in_window(w->date, from, x->on))
			heard = true;
		if (w->response && *w->response)
			continue;
		if (!kr_date_valid(w->date)) {
			snprintf(field, sizeof field, "plan.wishes[%zu].date", i);
			missing(x, R_WISH, field, c->child,
			        sfmt(x, "de datum van de %s wens van %s", ORD(x, nth - 1, NL), CHILD),
			        sfmt(x, "the date of %s's %s wish", CHILD, ORD(x, nth - 1, EN)));
			continue;
		}
		if (x->on - kr_date_last(w->date) <= SET(WISH_RESPONSE_DAYS) ||
		    !(sg = emit(x, R_WISH, KR_LEVEL_WARNING)))
			continue;
		subject(x, sg, w->id);
		person_subject(x, sg, c->child);
		detail_date(x, sg, "date", w->date);
		detail_int(x, sg, "days", x->on - kr_date_last(w->date));
		sg->message[NL] = fmt(x, "%s gaf op %s een wens aan (\"%s\") en heeft na %s nog geen "
		                      "antwoord.", CHILD, W(x, w->date, NL), w->text ? w->text : w->id,
		                      SPAN(x, kr_date_last(w->date), x->on, NL));
		sg->message[EN] = fmt(x, "%s made a wish on %s (\"%s\") and has had no answer after "
		                      "%s.", CHILD, W(x, w->date, EN), w->text ? w->text : w->id,
		                      SPAN(x, kr_date_last(w->date), x->on, EN));
		sg->advice[NL] = fmt(x, "Vertel %s wat er met de wens gedaan is, ook als het antwoord "
		                     "nee is%s. Gehoord worden betekent ook horen wat er met je wens "
		                     "gebeurt.", CHILD, agegroup(x) == TEEN ? ""
		                     : ", in woorden die passen bij de leeftijd");
		sg->advice[EN] = fmt(x, "Tell %s what was done with the wish, even if the answer is "
		                     "no%s. Being heard also means hearing what happened to your wish.",
		                     CHILD, agegroup(x) == TEEN ? "" : ", in words that fit the age");
	}
	for (size_t m = 0; m < c->nmeetings && !heard; m++)
		heard = in_window(c->meetings[m].date, from, x->on) &&
		        kr_date_first(c->meetings[m].date) <= x->on &&
		        in_list(c->meetings[m].attended, c->meetings[m].nattended, c->child);
	if (heard)
		return;
	if (!kr_date_valid(c->persons[c->child].born)) {
		missing_born(x, R_NOT_HEARD);
		return;
	}
	if (x->age < SET(HEARD_MIN_AGE) || !(sg = emit(x, R_NOT_HEARD, KR_LEVEL_INFO)))
		return;
	person_subject(x, sg, c->child);
	detail_int(x, sg, "age", x->age);
	sg->message[NL] = fmt(x, "%s is %d jaar. In de afgelopen %d maanden is er geen wens van %s "
	                      "vastgelegd en was %s bij geen enkele netwerkbijeenkomst.", CHILD,
	                      x->age, SET(HEARD_WINDOW_MONTHS), HIM(x, NL), HE(x, NL));
	sg->message[EN] = fmt(x, "%s is %d. In the last %d months no wish of %s was recorded and "
	                      "%s attended no network meeting.", CHILD, x->age,
	                      SET(HEARD_WINDOW_MONTHS), HIS(x, EN), HE(x, EN));
	if (agegroup(x) == TEEN) {
		sg->advice[NL] = fmt(x, "Vraag %s wat %s wil en nodig %s uit voor de volgende "
		                     "bijeenkomst: %s beslist mee over contacten en de plaatsing.",
		                     CHILD, HE(x, NL), HIM(x, NL), HE(x, NL));
		sg->advice[EN] = fmt(x, "Ask %s what %s wants and invite %s to the next meeting: %s "
		                     "has a say in decisions about contacts and the placement.", CHILD,
		                     HE(x, EN), HIM(x, EN), HE(x, EN));
	} else {
		sg->advice[NL] = fmt(x, "Vraag %s met tekeningen en in eigen woorden wat %s wil, en "
		                     "laat %s meedoen aan de volgende bijeenkomst op een manier die "
		                     "past. Het kind heeft recht op een stem.", CHILD, HE(x, NL),
		                     HIM(x, NL));
		sg->advice[EN] = fmt(x, "Ask %s with drawings and in %s own words what %s wants, and "
		                     "let %s take part in the next meeting in a way that fits. The "
		                     "child has a right to a voice.", CHILD, HIS(x, EN), HE(x, EN),
		                     HIM(x, EN));
	}
}

static void rule_overload(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_plan *pl = &c->plan;
	const struct kr_placement *home = current_home(x);
	struct phrases ph = { .n = 0 };
	int who[64];
	size_t open = 0, n = 0;
	struct kr_signal *sg;
	char *nl, *en;

	for (size_t i = 0; i < pl->nagreements; i++)
		open += kr_plan_agreement_open(&pl->agreements[i]);
	for (size_t p = 0; p < c->npersons && open; p++) {
		size_t mine = 0;
		bool carer;
		if (!informal(x, (int)p))
			continue;
		for (size_t i = 0; i < pl->nagreements; i++)
			mine += kr_plan_agreement_open(&pl->agreements[i]) &&
			        in_list(pl->agreements[i].who, pl->agreements[i].nwho, (int)p);
		carer = home && home->network == KR_TRUE && in_list(home->carers, home->ncarers, (int)p);
		if (mine < (size_t)SET(OVERLOAD_AGREEMENTS) &&
		    !(carer && mine >= (size_t)SET(OVERLOAD_NETWORK_CARER)) &&
		    !(open >= (size_t)SET(OVERLOAD_SHARE_MIN_OPEN) &&
		      mine * 100 > (size_t)SET(OVERLOAD_SHARE_PERCENT) * open))
			continue;
		if (n < 64)
			who[n++] = (int)p;
		if (carer)
			phrase(x, &ph, fmt(x, "%s staat op %zu van de %zu open afspraken en is als "
			                   "pleegouder uit het eigen netwerk al dubbel belast", NAME(p),
			                   mine, open),
			       fmt(x, "%s is named on %zu of the %zu open agreements and already carries "
			           "a double role as foster parent from the child's own network", NAME(p),
			           mine, open));
		else
			phrase(x, &ph, fmt(x, "%s staat op %zu van de %zu open afspraken", NAME(p), mine,
			                   open),
			       fmt(x, "%s is named on %zu of the %zu open agreements", NAME(p), mine,
			           open));
	}
	if (!n || !(sg = emit(x, R_OVERLOAD, KR_LEVEL_WARNING))) {
		phrases_free(&ph);
		return;
	}
	for (size_t k = 0; k < n; k++) {
		person_subject(x, sg, who[k]);
		detail_person(x, sg, "persons", who[k]);
		for (size_t i = 0; i < pl->nagreements; i++)
			if (kr_plan_agreement_open(&pl->agreements[i]) &&
			    in_list(pl->agreements[i].who, pl->agreements[i].nwho, who[k]))
				subject(x, sg, pl->agreements[i].id);
	}
	detail_int(x, sg, "open_agreements", (long)open);
	nl = joined(x, &ph, NL);
	en = joined(x, &ph, EN);
	sg->message[NL] = fmt(x, "%s.", nl ? nl : "");
	sg->message[EN] = fmt(x, "%s.", en ? en : "");
	sg->advice[NL] = fmt(x, "Vraag of dit haalbaar is. Vraag van het netwerk alleen wat het "
	                     "aankan, en verdeel taken over meer mensen.");
	sg->advice[EN] = fmt(x, "Ask whether this is feasible. Ask of the network only what it "
	                     "can carry, and spread tasks over more people.");
	free(nl);
	free(en);
	phrases_free(&ph);
}

/* The carers of the placement as "bij Marga en Kees", or "" when none. */
static const char *AT_CARERS(struct ctx *x, const struct kr_placement *p, int lang)
{
	char *n;
	const char *r;
	if (!p->ncarers)
		return "";
	n = names(x, p->carers, p->ncarers, lang);
	r = sfmt(x, lang == NL ? " bij %s" : " with %s", n ? n : "");
	free(n);
	return r;
}

static void rule_recent_breakdown(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_path *pa = x->path;
	long from = kr_days_add_months(x->on, -SET(RECENT_BREAKDOWN_MONTHS));
	const struct kr_path_event *b = NULL;
	struct kr_signal *sg;

	for (size_t k = pa->nbreakdowns; k-- > 0;)
		if (pa->breakdowns[k].day >= from && pa->breakdowns[k].day <= x->on) {
			b = &pa->breakdowns[k];
			break;
		}
	if (!b)
		return;
	for (size_t m = 0; m < c->nmeetings; m++) {
		const struct kr_date d = c->meetings[m].date;
		if (kr_date_valid(d) && kr_date_first(d) >= b->day && kr_date_last(d) <= x->on)
			return;
	}
	if (!(sg = emit(x, R_RECENT_BREAKDOWN, KR_LEVEL_ALERT)))
		return;
	person_subject(x, sg, c->child);
	detail_day(x, sg, "breakdown", b->day);
	if (b->placement >= 0) {
		const struct kr_placement *p = &c->placements[b->placement];
		subject(x, sg, p->id);
		sg->message[NL] = fmt(x, "De plaatsing van %s%s brak op %s af, %s geleden, en sindsdien "
		                      "is er geen netwerkbijeenkomst geweest.", CHILD,
		                      AT_CARERS(x, p, NL), WD(x, b->day, NL),
		                      SPAN(x, b->day, x->on, NL));
		sg->message[EN] = fmt(x, "%s's placement%s broke down on %s, %s ago, and there has been "
		                      "no network meeting since.", CHILD, AT_CARERS(x, p, EN),
		                      WD(x, b->day, EN), SPAN(x, b->day, x->on, EN));
	} else {
		sg->message[NL] = fmt(x, "Op %s is een plaatsing van %s afgebroken, %s geleden, en "
		                      "sindsdien is er geen netwerkbijeenkomst geweest.",
		                      WD(x, b->day, NL), CHILD, SPAN(x, b->day, x->on, NL));
		sg->message[EN] = fmt(x, "On %s a placement of %s broke down, %s ago, and there has "
		                      "been no network meeting since.", WD(x, b->day, EN), CHILD,
		                      SPAN(x, b->day, x->on, EN));
	}
	sg->advice[NL] = fmt(x, "Praat %s over wat er gebeurd is en wat %s nu nodig heeft, en "
	                     "breng het netwerk bij elkaar. Een breakdown doet pijn, ook bij de "
	                     "ouders en het pleeggezin.", WITH(x, NL), HE(x, NL));
	sg->advice[EN] = fmt(x, "Talk %s about what happened and what %s needs now, and bring the "
	                     "network together. A breakdown hurts, the parents and the foster "
	                     "family too.", WITH(x, EN), HE(x, EN));
}

static void rule_crisis(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p;
	long days;
	bool alert;
	struct kr_signal *sg;

	if (x->cp < 0 || c->placements[x->cp].form != KR_FORM_CRISIS)
		return;
	p = &c->placements[x->cp];
	days = running_days(x, p);
	if (days < SET(CRISIS_WARNING_DAYS))
		return;
	alert = days >= SET(CRISIS_ALERT_DAYS);
	if (!(sg = emit(x, R_CRISIS, alert ? KR_LEVEL_ALERT : KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, p->id);
	detail_date(x, sg, "since", p->start);
	detail_int(x, sg, "days", days);
	sg->message[NL] = fmt(x, "%s is sinds %s in crisisopvang%s, nu %s. Crisisopvang is bedoeld "
	                      "voor korte tijd.", CHILD, W(x, p->start, NL), AT_CARERS(x, p, NL),
	                      SPAN(x, kr_date_last(p->start), x->on, NL));
	sg->message[EN] = fmt(x, "%s has been in crisis care%s since %s, %s now. Crisis care is "
	                      "meant to be short.", CHILD, AT_CARERS(x, p, EN), W(x, p->start, EN),
	                      SPAN(x, kr_date_last(p->start), x->on, EN));
	sg->advice[NL] = fmt(x, "Zoek snel samen met de ouders en het netwerk een vaste plek, eerst "
	                     "in het eigen netwerk van %s, en werk aan een besluit over het "
	                     "perspectief. Kan %s bij de crisispleegouders blijven, maak daar dan "
	                     "een gewone plaatsing van.", CHILD, HE(x, NL));
	sg->advice[EN] = fmt(x, "Find a lasting place soon with the parents and the network, first "
	                     "in %s's own network, and work towards a perspective decision. If %s "
	                     "can stay with the crisis carers, make it a regular placement.", CHILD,
	                     HE(x, EN));
}

static void rule_not_explored(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_path *pa = x->path;
	const struct kr_placement *p, *first;
	struct kr_date since;
	long start;
	int idx;
	struct kr_signal *sg;
	char field[64];

	if (x->cp < 0)
		return;
	p = &c->placements[x->cp];
	if (p->form != KR_FORM_FOSTER_FULLTIME && p->form != KR_FORM_FOSTER_PARTTIME)
		return;
	idx = x->cp;
	first = p;
	start = kr_date_last(p->start);
	since = p->start;
	if (pa->out_of_home && pa->homes[pa->home].last == x->cp) {
		idx = pa->homes[pa->home].first;
		first = &c->placements[idx];
		start = pa->home_since;
		since = pa->homes[pa->home].since;
	}
	if (kr_date_valid(p->search_date) || kr_date_valid(first->search_date))
		return;
	if (p->network == KR_UNKNOWN) {
		snprintf(field, sizeof field, "placements[%d].network", x->cp);
		missing(x, R_NOT_EXPLORED, field, -1,
		        sfmt(x, "of plaatsing %s bij iemand uit het eigen netwerk is", p->id),
		        sfmt(x, "whether placement %s is with someone of the child's own network",
		             p->id));
		return;
	}
	if (p->network == KR_TRUE)
		return;
	/* from 90 days before the home began (crisis care with the same
	 * carers, say) up to the start of this placement itself */
	for (size_t m = 0; m < c->nmeetings; m++) {
		const struct kr_date d = c->meetings[m].date;
		if (in_window(d, start - SET(NETWORK_SEARCH_DAYS), kr_date_last(p->start)))
			return;
	}
	if (!(sg = emit(x, R_NOT_EXPLORED, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, first->id);
	detail_day(x, sg, "since", start);
	sg->message[NL] = fmt(x, "%s woont sinds %s%s, een pleeggezin van buiten het eigen netwerk. "
	                      "Er is niet vastgelegd dat eerst in het eigen netwerk is gezocht: "
	                      "geen netwerkbijeenkomst in de %d dagen ervoor en geen netwerkonderzoek.",
	                      CHILD, W(x, since, NL), AT_CARERS(x, p, NL),
	                      SET(NETWORK_SEARCH_DAYS));
	sg->message[EN] = fmt(x, "%s has lived%s since %s, a foster family from outside the child's "
	                      "own network. Nothing shows the own network was searched first: no "
	                      "network meeting in the %d days before and no network search.", CHILD,
	                      AT_CARERS(x, p, EN), W(x, since, EN), SET(NETWORK_SEARCH_DAYS));
	sg->advice[NL] = fmt(x, "Netwerkpleegzorg gaat voor. Onderzoek alsnog met de familie wie "
	                     "uit het eigen netwerk kan helpen, als pleeggezin, steungezin of voor "
	                     "contact (bijvoorbeeld in een Eigen Kracht-conferentie), en leg de "
	                     "uitkomst vast bij de plaatsing.");
	sg->advice[EN] = fmt(x, "Care within the network comes first. Explore with the family who "
	                     "from the own network can help, as foster family, support family or "
	                     "for contact (for instance in a family group conference), and record "
	                     "the outcome with the placement.");
}


/* ---- matching and the first year (issue 13) ----------------------------- */

/* The placement that began the child's current home (settling.h). */
static int home_first(const struct ctx *x)
{
	return kr_settling_home_first(x->path);
}

/* The placement whose matching counts when the current home is one the
 * matching rules look at: a foster family or a family home outside the
 * child's own network (network false), the home begun in the matching
 * window before as-of.  NULL otherwise. */
static const struct kr_placement *matched_placement(const struct ctx *x)
{
	const struct kr_placement *p, *h;

	if (x->cp < 0)
		return NULL;
	p = &x->c->placements[x->cp];
	h = &x->c->placements[home_first(x)];
	if (p->form != KR_FORM_FOSTER_FULLTIME && p->form != KR_FORM_FOSTER_PARTTIME &&
	    p->form != KR_FORM_FAMILY_HOME)
		return NULL;
	if (p->network != KR_FALSE ||
	    kr_date_first(h->start) < kr_days_add_months(x->on, -SET(MATCHING_WINDOW_MONTHS)))
		return NULL;
	return h;
}

static void rule_match_child(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p = matched_placement(x);
	enum kr_involvement inv;
	int age;
	struct kr_signal *sg;

	if (!p)
		return;
	if (!kr_date_valid(c->persons[c->child].born)) {
		missing_born(x, R_MATCH_CHILD);
		return;
	}
	age = kr_age_years(c->persons[c->child].born, kr_date_first(p->start));
	if (age < SET(MATCHING_CHILD_MIN_AGE))
		return;
	inv = p->matching.child_involved;
	if (inv == KR_INVOLVE_CHOSE || inv == KR_INVOLVE_VISITED || inv == KR_INVOLVE_HEARD)
		return;
	if (!(sg = emit(x, R_MATCH_CHILD, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, p->id);
	detail_date(x, sg, "since", p->start);
	detail_int(x, sg, "age_at_start", age);
	detail(x, sg, "involvement", inv ? json_string(kr_enum_name(KR_ENUM_INVOLVEMENT, inv))
	                                 : json_null());
	sg->message[NL] = fmt(x, "%s woont sinds %s%s, een pleeggezin van buiten het eigen netwerk. "
	                      "%s was toen %d jaar, maar %s.", CHILD, W(x, p->start, NL),
	                      AT_CARERS(x, p, NL), CHILD, age,
	                      inv == KR_INVOLVE_INFORMED ? sfmt(x, "%s kreeg het alleen te horen",
	                                                        HE(x, NL))
	                      : inv == KR_INVOLVE_NOT_INVOLVED ? sfmt(x, "%s deed niet mee aan de "
	                                                              "keuze", HE(x, NL))
	                      : sfmt(x, "er staat niet bij hoe %s meedeed aan de keuze",
	                             HE(x, NL)));
	sg->message[EN] = fmt(x, "%s has lived%s since %s, a foster family from outside the child's "
	                      "own network. %s was %d then, but %s.", CHILD, AT_CARERS(x, p, EN),
	                      W(x, p->start, EN), CHILD, age,
	                      inv == KR_INVOLVE_INFORMED ? sfmt(x, "%s was only told", HE(x, EN))
	                      : inv == KR_INVOLVE_NOT_INVOLVED ? sfmt(x, "%s took no part in the "
	                                                              "choice", HE(x, EN))
	                      : sfmt(x, "nothing says how %s took part in the choice", HE(x, EN)));
	sg->advice[NL] = fmt(x, "Een kind dat meekiest, went beter. %s wat %s van het gezin vindt en "
	                     "wat %s nodig heeft om er te wennen, en leg bij de plaatsing vast hoe "
	                     "%s meedeed (matching).", ASK(x, NL), HE(x, NL), HE(x, NL), HE(x, NL));
	sg->advice[EN] = fmt(x, "A child who takes part in the choice settles better. %s what %s "
	                     "thinks of the family and what %s needs to settle there, and record "
	                     "with the placement how %s took part (matching).", ASK(x, EN),
	                     HE(x, EN), HE(x, EN), HE(x, EN));
}

static void rule_match_meeting(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_placement *p = matched_placement(x);
	const struct kr_date fm = p ? p->matching.first_meeting : (struct kr_date){ 0, 0, 0 };
	long late = 0;
	struct kr_signal *sg;

	if (!p)
		return;
	if (kr_date_valid(fm)) {
		late = kr_date_first(fm) - kr_date_last(p->start);
		if (late <= SET(FIRST_MEETING_DAYS))
			return;
	}
	if (!(sg = emit(x, R_MATCH_MEETING, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	subject(x, sg, p->id);
	for (size_t k = 0; k < p->ncarers; k++)
		person_subject(x, sg, p->carers[k]);
	detail_date(x, sg, "since", p->start);
	if (kr_date_valid(fm)) {
		detail_date(x, sg, "first_meeting", fm);
		detail_int(x, sg, "days_after_start", late);
	}
	sg->message[NL] = kr_date_valid(fm)
		? fmt(x, "%s woont sinds %s%s, een pleeggezin van buiten het eigen netwerk. De ouders en "
		      "de pleegouders leerden elkaar pas %s kennen, %s na de start.", CHILD,
		      W(x, p->start, NL), AT_CARERS(x, p, NL), W(x, fm, NL),
		      SPAN(x, kr_date_last(p->start), kr_date_first(fm), NL))
		: fmt(x, "%s woont sinds %s%s, een pleeggezin van buiten het eigen netwerk. Er staat "
		      "niet bij dat de ouders en de pleegouders elkaar voor de plaatsing hebben "
		      "leren kennen.", CHILD, W(x, p->start, NL), AT_CARERS(x, p, NL));
	sg->message[EN] = kr_date_valid(fm)
		? fmt(x, "%s has lived%s since %s, a foster family from outside the child's own "
		      "network. The parents and the foster parents first met on %s, %s after the "
		      "start.", CHILD, AT_CARERS(x, p, EN), W(x, p->start, EN), W(x, fm, EN),
		      SPAN(x, kr_date_last(p->start), kr_date_first(fm), EN))
		: fmt(x, "%s has lived%s since %s, a foster family from outside the child's own "
		      "network. Nothing says the parents and the foster parents met before the "
		      "placement.", CHILD, AT_CARERS(x, p, EN), W(x, p->start, EN));
	sg->advice[NL] = fmt(x, "Ouders en pleegouders die elkaar kennen, werken beter samen en "
	                     "geven %s ruimte om in twee gezinnen te leven. Organiseer een "
	                     "kennismaking en leg de datum vast bij de matching.", CHILD);
	sg->advice[EN] = fmt(x, "Parents and foster parents who know each other work together "
	                     "better and leave %s room to live in two families. Arrange a first "
	                     "meeting and record its date with the matching.", CHILD);
}

/* The placement that began the current home when it has a settling-in
 * schedule (settling.h), else NULL. */
static const struct kr_placement *settling_placement(const struct ctx *x)
{
	struct kr_settling st;

	kr_settling_compute(x->c, x->path, x->s, &st);
	return st.placement >= 0 ? &x->c->placements[st.placement] : NULL;
}

static void rule_settling_overdue(struct ctx *x)
{
	struct kr_settling st;
	const struct kr_placement *p;
	long due;
	size_t done;
	struct kr_signal *sg;

	kr_settling_compute(x->c, x->path, x->s, &st);
	if (!st.overdue)
		return;
	p = &x->c->placements[st.placement];
	due = st.due[st.next];
	done = st.done;
	if (!(sg = emit(x, R_SETTLING_OVERDUE, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, x->c->child);
	subject(x, sg, p->id);
	detail_date(x, sg, "since", p->start);
	detail_int(x, sg, "done", (long)done);
	detail_int(x, sg, "checkin", (long)done + 1);
	detail_day(x, sg, "due", due);
	sg->message[NL] = fmt(x, "%s woont sinds %s%s. Gesprek %zu over het wennen hoorde rond %s; "
	                      "er %s %zu vastgelegd.", CHILD, W(x, p->start, NL),
	                      AT_CARERS(x, p, NL), done + 1, WD(x, due, NL),
	                      done == 1 ? "is er" : "zijn er", done);
	sg->message[EN] = fmt(x, "%s has lived%s since %s. Settling-in check-in %zu was due around "
	                      "%s; %zu %s recorded.", CHILD, AT_CARERS(x, p, EN),
	                      W(x, p->start, EN), done + 1, WD(x, due, EN), done,
	                      done == 1 ? "is" : "are");
	sg->advice[NL] = fmt(x, "Het eerste jaar is onrustig. Vraag %s, de pleegouders, hun eigen "
	                     "kinderen en de ouders hoe het gaat (1 tot 5) en leg het gesprek vast.",
	                     CHILD);
	sg->advice[EN] = fmt(x, "The first year is turbulent. Ask %s, the foster parents, their own "
	                     "children and the parents how it goes (1 to 5) and record the check-in.",
	                     CHILD);
}

static void rule_settling_drop(struct ctx *x)
{
	static const char *const view_name[KR_VIEW__N] = { "child", "foster_parents",
		"own_children", "parents" };
	static const char *const view_nl[KR_VIEW__N] = { "het kind", "de pleegouders",
		"hun eigen kinderen", "de ouders" };
	static const char *const view_en[KR_VIEW__N] = { "the child", "the foster parents",
		"their own children", "the parents" };
	const struct kr_placement *p = settling_placement(x);
	struct kr_signal *sg = NULL;
	const struct kr_checkin *latest = NULL;
	struct phrases ph = { .n = 0 };
	char *nl = NULL, *en = NULL;
	size_t ndrop = 0;

	if (!p)
		return;
	for (int w = 0; w < KR_VIEW__N; w++) {
		const struct kr_checkin *last = NULL, *prev = NULL;
		bool drop, low;
		/* the two latest check-ins up to as-of that scored this view */
		for (size_t k = 0; k < p->nsettling; k++) {
			const struct kr_checkin *ck = &p->settling[k];
			if (!ck->score[w] || !kr_date_valid(ck->date) || kr_date_first(ck->date) > x->on)
				continue;
			if (!last || kr_date_first(ck->date) >= kr_date_first(last->date)) {
				prev = last;
				last = ck;
			} else if (!prev || kr_date_first(ck->date) >= kr_date_first(prev->date)) {
				prev = ck;
			}
		}
		if (!last)
			continue;
		drop = prev && prev->score[w] - last->score[w] >= SET(SETTLING_DROP_POINTS);
		/* low from the start (1, then 1) never drops: a low score at the
		 * latest check-in is the same warning */
		low = last->score[w] <= SET(SETTLING_LOW_SCORE);
		if (!drop && !low)
			continue;
		if (!sg && !(sg = emit(x, R_SETTLING_DROP, KR_LEVEL_WARNING)))
			break;
		latest = last;
		if (drop) {
			ndrop++;
			detail(x, sg, view_name[w], json_pack("{s:i, s:i}", "was", prev->score[w],
			                                      "now", last->score[w]));
			phrase(x, &ph, fmt(x, "%s van %d naar %d (%s)", view_nl[w], prev->score[w],
			                   last->score[w], kr_enum_label(KR_ENUM_SETTLING_SCORE,
			                                                 last->score[w], KR_LANG_NL)),
			       fmt(x, "%s from %d to %d (%s)", view_en[w], prev->score[w],
			           last->score[w], kr_enum_label(KR_ENUM_SETTLING_SCORE,
			                                         last->score[w], KR_LANG_EN)));
		} else {
			detail(x, sg, view_name[w], prev ? json_pack("{s:i, s:i}", "was",
			       prev->score[w], "now", last->score[w]) : json_pack("{s:i}", "now",
			       last->score[w]));
			phrase(x, &ph, fmt(x, "%s %d (%s)", view_nl[w], last->score[w],
			                   kr_enum_label(KR_ENUM_SETTLING_SCORE, last->score[w],
			                                 KR_LANG_NL)),
			       fmt(x, "%s %d (%s)", view_en[w], last->score[w],
			           kr_enum_label(KR_ENUM_SETTLING_SCORE, last->score[w],
			                         KR_LANG_EN)));
		}
	}
	if (!sg)
		goto out;
	nl = joined(x, &ph, NL);
	en = joined(x, &ph, EN);
	person_subject(x, sg, x->c->child);
	subject(x, sg, p->id);
	detail_date(x, sg, "date", latest->date);
	detail_int(x, sg, "low_score", SET(SETTLING_LOW_SCORE));
	sg->message[NL] = fmt(x, "Bij het laatste gesprek over het wennen van %s (%s) %s: %s.",
	                      CHILD, W(x, latest->date, NL),
	                      ndrop == ph.n ? "ging de score omlaag" : !ndrop ? "was de score laag"
	                      : "ging de score omlaag of was die laag", nl ? nl : "");
	sg->message[EN] = fmt(x, "At the latest settling-in check-in of %s (%s) %s: %s.", CHILD,
	                      W(x, latest->date, EN),
	                      ndrop == ph.n ? "a score went down" : !ndrop ? "a score was low"
	                      : "a score went down or was low", en ? en : "");
	sg->advice[NL] = fmt(x, "Ga er snel op in, voordat het vastloopt: vraag wat er veranderd is, "
	                     "ook aan de eigen kinderen van de pleegouders, en spreek af wat helpt.");
	sg->advice[EN] = fmt(x, "Take it up soon, before it gets stuck: ask what changed, the foster "
	                     "parents' own children too, and agree on what helps.");
out:
	phrases_free(&ph);
	free(nl);
	free(en);
}


/* ---- support for both families (issue 13) ------------------------------- */

/* The last day of the latest date in v[0..n) that lies on or before `on`
 * (its first day), or LONG_MIN when none does. */
static long latest_contact(const struct kr_date *v, size_t n, long on)
{
	long best = LONG_MIN;
	for (size_t i = 0; i < n; i++)
		if (kr_date_valid(v[i]) && kr_date_first(v[i]) <= on && kr_date_last(v[i]) > best)
			best = kr_date_last(v[i]);
	return best;
}

static void rule_parents_alone(struct ctx *x)
{
	const struct kr_path *pa = x->path;
	const struct kr_support_person *sp = &x->c->support_parents;
	long start, last = LONG_MIN, limit = kr_days_add_months(x->on, -SET(SUPPORT_CONTACT_MONTHS));
	struct kr_signal *sg;

	if (!pa->out_of_home || pa->period < 0)
		return;
	start = pa->periods[pa->period].start;
	if (x->on - start < SET(SUPPORT_PARENTS_DAYS) ||
	    start < kr_days_add_months(x->on, -SET(SUPPORT_WINDOW_MONTHS)))
		return;
	if (sp->person >= 0) {
		last = latest_contact(sp->contacts, sp->ncontacts, x->on);
		if (kr_date_valid(sp->since) && kr_date_first(sp->since) <= x->on &&
		    kr_date_last(sp->since) > last)
			last = kr_date_last(sp->since);
		if (last >= limit)
			return;
	}
	if (!(sg = emit(x, R_PARENTS_ALONE, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, x->c->child);
	person_subject(x, sg, sp->person);
	detail_day(x, sg, "away_since", start);
	if (last != LONG_MIN)
		detail_day(x, sg, "last_contact", last);
	sg->message[NL] = sp->person < 0
		? fmt(x, "%s woont sinds %s niet meer thuis. Er staat niemand genoemd die de ouders "
		      "steunt.", CHILD, WD(x, start, NL))
		: fmt(x, "%s woont sinds %s niet meer thuis. %s steunt de ouders, maar het laatste "
		      "contact was %s.", CHILD, WD(x, start, NL), NAME(sp->person),
		      last == LONG_MIN ? "niet vastgelegd" : WD(x, last, NL));
	sg->message[EN] = sp->person < 0
		? fmt(x, "%s has lived away from home since %s. Nobody is named who supports the "
		      "parents.", CHILD, WD(x, start, EN))
		: fmt(x, "%s has lived away from home since %s. %s supports the parents, but the last "
		      "contact was %s.", CHILD, WD(x, start, EN), NAME(sp->person),
		      last == LONG_MIN ? "not recorded" : WD(x, last, EN));
	sg->advice[NL] = fmt(x, "Ouders blijven na een uithuisplaatsing vaak alleen achter. Zorg "
	                     "voor een eigen steunpersoon voor de ouders, niet de begeleider van het "
	                     "pleeggezin, en houd het contact vast.");
	sg->advice[EN] = fmt(x, "After a removal parents are often left alone. Make sure they have "
	                     "a support person of their own, not the foster family's worker, and "
	                     "keep in touch.");
}

static void rule_fp_no_contact(struct ctx *x)
{
	const struct kr_support_person *sf = &x->c->support_fosterparents;
	const struct kr_placement *p, *h;
	long limit = kr_days_add_months(x->on, -SET(SUPPORT_CONTACT_MONTHS)), last;
	struct kr_signal *sg;

	if (x->cp < 0)
		return;
	p = &x->c->placements[x->cp];
	if (p->form == KR_FORM_HOME || p->form == KR_FORM_RESIDENTIAL || !p->ncarers)
		return;
	h = &x->c->placements[home_first(x)];
	if (!kr_date_valid(h->start) || kr_date_last(h->start) > limit)
		return;
	/* Nothing recorded about the foster parents' support: kring cannot
	 * tell whether they are on their own, and says so (issue 13) */
	if (!sf->present) {
		missing(x, R_FP_NO_CONTACT, "support.foster_parents", -1,
		        sfmt(x, "de steun voor de pleegouders van %s (begeleider en contacten)",
		             CHILD),
		        sfmt(x, "the support of %s's foster parents (worker and contacts)", CHILD));
		return;
	}
	last = latest_contact(sf->contacts, sf->ncontacts, x->on);
	if (latest_contact(sf->peer, sf->npeer, x->on) > last)
		last = latest_contact(sf->peer, sf->npeer, x->on);
	if (last >= limit)
		return;
	if (!(sg = emit(x, R_FP_NO_CONTACT, KR_LEVEL_WARNING)))
		return;
	for (size_t k = 0; k < p->ncarers; k++)
		person_subject(x, sg, p->carers[k]);
	subject(x, sg, p->id);
	if (last != LONG_MIN)
		detail_day(x, sg, "last_contact", last);
	sg->message[NL] = last == LONG_MIN
		? fmt(x, "Er is geen contact vastgelegd van de pleegouders van %s met hun begeleider "
		      "of met andere pleegouders.", CHILD)
		: fmt(x, "De pleegouders van %s hadden sinds %s geen contact meer met hun begeleider "
		      "of met andere pleegouders.", CHILD, WD(x, last, NL));
	sg->message[EN] = last == LONG_MIN
		? fmt(x, "No contact is recorded of %s's foster parents with their worker or with "
		      "other foster parents.", CHILD)
		: fmt(x, "%s's foster parents have had no contact with their worker or with other "
		      "foster parents since %s.", CHILD, WD(x, last, EN));
	sg->advice[NL] = fmt(x, "Pleegouders die er niet alleen voor staan, houden het langer vol. "
	                     "Plan een gesprek met de begeleider en wijs op de pleegoudergroep.");
	sg->advice[EN] = fmt(x, "Foster parents who are not on their own keep going longer. Plan "
	                     "a talk with the worker and point to the foster parents' group.");
}

/* Prima Pleegzorg: an action team that was formed meets regularly.  The
 * last time it met is its latest action_team meeting on or before as-of
 * (else the day it was formed); N weeks after that, the signal. */
static void rule_team_not_met(struct ctx *x)
{
	const struct kr_plan *pl = &x->c->plan;
	long last, weeks = SET(ACTION_TEAM_WEEKS);
	int met = -1;
	struct kr_signal *sg;

	if (!pl->has_action_team || !kr_date_valid(pl->team_formed) ||
	    kr_date_valid(x->c->closed))
		return;
	last = kr_date_last(pl->team_formed);
	for (size_t i = 0; i < x->c->nmeetings; i++) {
		const struct kr_meeting *m = &x->c->meetings[i];
		if (m->type != KR_MEET_ACTION_TEAM || !kr_date_valid(m->date) ||
		    kr_date_first(m->date) > x->on)
			continue;
		if (kr_date_first(m->date) >= last) {
			last = kr_date_first(m->date);
			met = (int)i;
		}
	}
	if (last > x->on || x->on - last < weeks * 7)
		return;
	if (!(sg = emit(x, R_TEAM_NOT_MET, KR_LEVEL_WARNING)))
		return;
	for (size_t k = 0; k < pl->nteam; k++)
		person_subject(x, sg, pl->team[k]);
	detail_day(x, sg, met >= 0 ? "last_meeting" : "formed", last);
	sg->message[NL] = met >= 0
		? fmt(x, "Het actieteam rond %s is sinds %s niet meer samengekomen.", CHILD,
		      WD(x, last, NL))
		: fmt(x, "Het actieteam rond %s is op %s gevormd en is sindsdien niet samengekomen.",
		      CHILD, WD(x, last, NL));
	sg->message[EN] = met >= 0
		? fmt(x, "The action team around %s has not met since %s.", CHILD, WD(x, last, EN))
		: fmt(x, "The action team around %s was formed on %s and has not met since.", CHILD,
		      WD(x, last, EN));
	sg->advice[NL] = fmt(x, "Een actieteam blijft betrokken door geregeld samen te komen. "
	                     "Plan een actieteamoverleg en neem het actieplan erbij.");
	sg->advice[EN] = fmt(x, "An action team stays involved by meeting regularly. Plan an "
	                     "action team meeting and take up the action plan.");
}

/* ---- rules that compare with earlier revisions ---------------------------- */

static bool worse_quality(enum kr_quality was, enum kr_quality now)
{
	return (was == KR_QUALITY_POSITIVE || was == KR_QUALITY_NEUTRAL) &&
	       (now == KR_QUALITY_AMBIVALENT || now == KR_QUALITY_CONFLICT ||
	        now == KR_QUALITY_BROKEN);
}

static bool is_foster_parent(const struct ctx *x, int i)
{
	const struct kr_placement *h = current_home(x);
	return kr_person_has_role(&x->c->persons[i], KR_ROLE_FOSTER_PARENT) ||
	       kr_person_has_role(&x->c->persons[i], KR_ROLE_FAMILY_HOME_PARENT) ||
	       (h && in_list(h->carers, h->ncarers, i));
}

/* Is the tie between persons a and b of the current case one that
 * tie-worsened watches? */
static bool watched(const struct ctx *x, int a, int b)
{
	const struct kr_case *c = x->c;
	if (a == c->child || b == c->child) {
		int o = a == c->child ? b : a;
		return informal(x, o);
	}
	return (is_parent_of_child(x, a) && is_foster_parent(x, b)) ||
	       (is_parent_of_child(x, b) && is_foster_parent(x, a));
}

/* A tie that is worse now (tie-worsened), and the best state it had in the
 * window: its best quality (positive over neutral) and whether it was
 * strong, each with the latest day it was so. */
struct worse {
	int t;                      /* index in the current case's ties */
	enum kr_quality quality;    /* best positive/neutral seen, or KR_QUALITY_NONE */
	long quality_day, strong_day;   /* -1: never so in the window */
};

struct worse_walk {
	const struct kr_case *c;
	struct worse *v;
	size_t n;
};

/* kr_history_each(): note the state of each watched tie in one revision. */
static bool note_state(const struct kr_case *o, long day, void *arg)
{
	struct worse_walk *w = arg;
	for (size_t k = 0; k < w->n; k++) {
		struct worse *wv = &w->v[k];
		const struct kr_tie *now = &w->c->ties[wv->t];
		int oa = kr_case_person_index(o, w->c->persons[now->a].id);
		int ob = kr_case_person_index(o, w->c->persons[now->b].id);
		int ot = oa >= 0 && ob >= 0 ? kr_case_tie_between(o, oa, ob) : -1;
		const struct kr_tie *was;
		if (ot < 0)
			continue;
		was = &o->ties[ot];
		if (worse_quality(was->quality, now->quality) &&
		    (wv->quality == KR_QUALITY_NONE || was->quality == wv->quality ||
		     was->quality == KR_QUALITY_POSITIVE)) {
			wv->quality = was->quality;
			wv->quality_day = day;
		}
		if (was->strength == KR_STRENGTH_STRONG && now->strength == KR_STRENGTH_WEAK)
			wv->strong_day = day;
	}
	return true;
}

static void rule_tie_worsened(struct ctx *x)
{
	const struct kr_case *c = x->c;
	long recent = kr_days_add_months(x->on, -SET(TIE_WORSENED_MIN_MONTHS));
	long far = kr_days_add_months(x->on, -SET(TIE_WORSENED_MAX_MONTHS));
	struct worse_walk w = { .c = c, .n = 0 };
	struct phrases ph = { .n = 0 };
	int who[128];
	size_t n = 0;
	long compared = -1;
	struct kr_signal *sg = NULL;
	char *nl, *en;

	if (!x->h)
		return;
	if (!kr_history_recorded_by(x->h, recent)) {
		missing(x, R_TIE_WORSENED, "revisions", -1,
		        sfmt(x, "een versie van dit dossier van %d maanden of langer geleden",
		             SET(TIE_WORSENED_MIN_MONTHS)),
		        sfmt(x, "a version of this case from %d months ago or longer",
		             SET(TIE_WORSENED_MIN_MONTHS)));
		return;
	}
	/* Only ties that are worse now can have worsened: without one, no
	 * earlier revision is read at all (the walk over every case). */
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *now = &c->ties[t];
		bool bad = now->quality == KR_QUALITY_AMBIVALENT ||
		           now->quality == KR_QUALITY_CONFLICT || now->quality == KR_QUALITY_BROKEN ||
		           now->strength == KR_STRENGTH_WEAK;
		if (!bad || !watched(x, now->a, now->b) || !kr_case_person_alive(c, now->a, x->on) ||
		    !kr_case_person_alive(c, now->b, x->on))
			continue;
		if (!w.v && !(w.v = malloc(c->nties * sizeof *w.v))) {
			x->nomem = true;
			return;
		}
		w.v[w.n++] = (struct worse){ (int)t, KR_QUALITY_NONE, -1, -1 };
	}
	if (!w.n)
		return;
	kr_history_each(x->h, far, recent, note_state, &w);
	for (size_t k = 0; k < w.n; k++) {
		const struct worse *wv = &w.v[k];
		const struct kr_tie *now = &c->ties[wv->t];
		int a = now->a, b = now->b;
		long day = wv->quality != KR_QUALITY_NONE ? wv->quality_day : wv->strong_day;
		if (day < 0)
			continue;
		if (n + 2 <= 128) {
			who[n++] = a;
			who[n++] = b;
		}
		if (compared < 0 || day < compared)
			compared = day;
		if (wv->quality != KR_QUALITY_NONE)
			phrase(x, &ph, fmt(x, "de band tussen %s en %s was op %s %s en is nu %s",
			                   NAME(a), NAME(b), WD(x, day, NL),
			                   kr_enum_label(KR_ENUM_QUALITY, wv->quality, KR_LANG_NL),
			                   kr_enum_label(KR_ENUM_QUALITY, now->quality, KR_LANG_NL)),
			       fmt(x, "the tie between %s and %s was %s on %s and is %s now",
			           NAME(a), NAME(b),
			           kr_enum_label(KR_ENUM_QUALITY, wv->quality, KR_LANG_EN),
			           WD(x, day, EN),
			           kr_enum_label(KR_ENUM_QUALITY, now->quality, KR_LANG_EN)));
		else
			phrase(x, &ph, fmt(x, "de band tussen %s en %s was op %s sterk en is nu "
			                   "zwak", NAME(a), NAME(b), WD(x, day, NL)),
			       fmt(x, "the tie between %s and %s was strong on %s and is weak now",
			           NAME(a), NAME(b), WD(x, day, EN)));
	}
	free(w.v);
	if (!n || !(sg = emit(x, R_TIE_WORSENED, KR_LEVEL_WARNING))) {
		phrases_free(&ph);
		return;
	}
	person_subject(x, sg, c->child);
	for (size_t k = 0; k < n; k++)
		person_subject(x, sg, who[k]);
	detail_day(x, sg, "compared_with", compared);
	nl = joined(x, &ph, NL);
	en = joined(x, &ph, EN);
	sg->message[NL] = fmt(x, "Vergeleken met eerder is het slechter geworden: %s.", nl ? nl : "");
	sg->message[EN] = fmt(x, "Compared with before, it got worse: %s.", en ? en : "");
	sg->advice[NL] = fmt(x, "Een verslechterde band kan het begin zijn van een conflict. Vraag "
	                     "de betrokkenen op tijd wat er veranderd is, en zoek %s naar wat kan "
	                     "helpen voordat het escaleert.", WITH(x, NL));
	sg->advice[EN] = fmt(x, "A worsened tie can be the start of a conflict. Ask those involved "
	                     "in time what changed, and look %s for what could help before it "
	                     "escalates.", WITH(x, EN));
	free(nl);
	free(en);
	phrases_free(&ph);
}

static void rule_contacts_lost(struct ctx *x)
{
	const struct kr_case *c = x->c;
	const struct kr_path *pa = x->path;
	const struct kr_case *before;
	struct phrases ph = { .n = 0 };
	int who[64];
	size_t n = 0;
	long since;
	struct kr_signal *sg;
	char *nl, *en;

	if (!x->h || !pa->out_of_home)
		return;
	since = pa->home_since;
	/* Since the current home began, however long ago (issue 9).  Only
	 * the data-missing is bounded: a case recorded after its home began
	 * can never get the revision before it (unless imported with its
	 * history), so it is asked for only while the home is younger than
	 * contacts.window_months. */
	if (!(before = kr_history_at(x->h, since - 1))) {
		if (since <= kr_days_add_months(x->on, -SET(CONTACTS_WINDOW_MONTHS)))
			return;
		missing(x, R_CONTACTS_LOST, "revisions", -1,
		        sfmt(x, "een versie van dit dossier van voor %s, toen %s in dit thuis kwam",
		             W(x, pa->homes[pa->home].since, NL), CHILD),
		        sfmt(x, "a version of this case from before %s, when %s came to this home",
		             W(x, pa->homes[pa->home].since, EN), CHILD));
		return;
	}
	for (size_t t = 0; t < before->nties; t++) {
		const struct kr_tie *was = &before->ties[t];
		int o = was->a == before->child ? was->b : was->b == before->child ? was->a : -1;
		enum kr_segment seg;
		int i, nt;
		if (o < 0)
			continue;
		seg = before->persons[o].segment;
		if (seg != KR_SEG_FRIENDS && seg != KR_SEG_SCHOOL_WORK && seg != KR_SEG_LEISURE)
			continue;
		if (was->frequency == KR_FREQ_RARELY || was->frequency == KR_FREQ_NEVER)
			continue;
		i = kr_case_person_index(c, before->persons[o].id);
		nt = i >= 0 ? kr_case_tie_between(c, c->child, i) : -1;
		if (i >= 0 && !kr_case_person_alive(c, i, x->on))
			continue;
		if (nt >= 0 && c->ties[nt].frequency != KR_FREQ_RARELY &&
		    c->ties[nt].frequency != KR_FREQ_NEVER)
			continue;
		if (i >= 0 && n < 64)
			who[n++] = i;
		phrase(x, &ph,
		       fmt(x, "%s (%s)%s", kr_case_person_name(before, o),
		           kr_enum_label(KR_ENUM_SEGMENT, seg, KR_LANG_NL),
		           nt < 0 ? ": geen contact meer" : sfmt(x, ": nu %s contact",
		           kr_enum_label(KR_ENUM_FREQUENCY, c->ties[nt].frequency, KR_LANG_NL))),
		       fmt(x, "%s (%s)%s", kr_case_person_name(before, o),
		           kr_enum_label(KR_ENUM_SEGMENT, seg, KR_LANG_EN),
		           nt < 0 ? ": no contact any more" : sfmt(x, ": now %s in contact",
		           kr_enum_label(KR_ENUM_FREQUENCY, c->ties[nt].frequency, KR_LANG_EN))));
	}
	if (!ph.n || !(sg = emit(x, R_CONTACTS_LOST, KR_LEVEL_WARNING))) {
		phrases_free(&ph);
		return;
	}
	person_subject(x, sg, c->child);
	for (size_t k = 0; k < n; k++)
		person_subject(x, sg, who[k]);
	detail_day(x, sg, "home_since", since);
	nl = joined(x, &ph, NL);
	en = joined(x, &ph, EN);
	sg->message[NL] = fmt(x, "Sinds %s op %s verhuisde, heeft %s minder contact met eigen "
	                      "vrienden, school of club: %s.", CHILD, W(x, pa->homes[pa->home].since, NL),
	                      HE(x, NL),
	                      nl ? nl : "");
	sg->message[EN] = fmt(x, "Since %s moved on %s, %s has less contact with %s own friends, "
	                      "school or club: %s.", CHILD, W(x, pa->homes[pa->home].since, EN),
	                      HE(x, EN),
	                      HIS(x, EN), en ? en : "");
	sg->advice[NL] = fmt(x, "Een kind houdt waar het kan de eigen school, vrienden en club. "
	                     "Kijk %s hoe deze contacten terug kunnen komen, en wie kan helpen met "
	                     "vervoer of afspraken.", WITH(x, NL));
	sg->advice[EN] = fmt(x, "A child keeps its own school, friends and club where it can. Look "
	                     "%s at how these contacts can come back, and who can help with "
	                     "transport or arrangements.", WITH(x, EN));
	free(nl);
	free(en);
	phrases_free(&ph);
}

/* ---- the network ---------------------------------------------------------- */

static void rule_network(struct ctx *x)
{
	const struct kr_case *c = x->c;
	static const enum kr_segment wanted[] = { KR_SEG_FAMILY, KR_SEG_FRIENDS,
		KR_SEG_SCHOOL_WORK, KR_SEG_LEISURE };
	bool have[KR_SEG__N] = { false };
	int size = 0, seen[1024];
	size_t nseen = 0;
	struct kr_signal *sg;
	struct phrases ph = { .n = 0 };

	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		int o = tie->a == c->child ? tie->b : tie->b == c->child ? tie->a : -1;
		if (o < 0 || !in_network(x, o))
			continue;
		have[c->persons[o].segment] = true;
		if (informal(x, o) && !in_list(seen, nseen, o)) {
			size++;
			if (nseen < 1024)
				seen[nseen++] = o;
		}
	}
	for (size_t k = 0; k < sizeof wanted / sizeof *wanted; k++)
		if (!have[wanted[k]])
			phrase(x, &ph, fmt(x, "%s", kr_enum_label(KR_ENUM_SEGMENT, wanted[k], KR_LANG_NL)),
			       fmt(x, "%s", kr_enum_label(KR_ENUM_SEGMENT, wanted[k], KR_LANG_EN)));
	if (ph.n && (sg = emit(x, R_SEGMENT, KR_LEVEL_INFO))) {
		char *nl = joined(x, &ph, NL), *en = joined(x, &ph, EN);
		person_subject(x, sg, c->child);
		for (size_t k = 0; k < sizeof wanted / sizeof *wanted && !x->quiet; k++)
			if (!have[wanted[k]]) {
				json_t *a = json_object_get(sg->details, "segments");
				if (!a) {
					detail(x, sg, "segments", json_array());
					a = json_object_get(sg->details, "segments");
				}
				if (!a || json_array_append_new(a, json_string(kr_enum_name(
				                                    KR_ENUM_SEGMENT, wanted[k]))))
					x->nomem = true;
			}
		sg->message[NL] = fmt(x, "In %s van het netwerk heeft niemand een band met %s: %s.",
		                      ph.n == 1 ? "dit deel" : "deze delen", CHILD, nl ? nl : "");
		sg->message[EN] = fmt(x, "Nobody in %s of the network has a tie with %s: %s.",
		                      ph.n == 1 ? "this part" : "these parts", CHILD, en ? en : "");
		sg->advice[NL] = fmt(x, "%s per deel: wie is er nog meer belangrijk voor jou? Denk aan "
		                     "familie, vrienden, school of werk, sport en hobby's.", ASK(x, NL));
		sg->advice[EN] = fmt(x, "%s for each part: who else is important to you? Think of "
		                     "family, friends, school or work, sports and hobbies.", ASK(x, EN));
		free(nl);
		free(en);
	}
	phrases_free(&ph);
	if (size >= SET(NETWORK_MIN_SIZE) || !(sg = emit(x, R_SMALL, KR_LEVEL_INFO)))
		return;
	person_subject(x, sg, c->child);
	detail_int(x, sg, "size", size);
	sg->message[NL] = fmt(x, "%s heeft een band met %d %s buiten de professionals; dat is een "
	                      "klein netwerk.", CHILD, size, size == 1 ? "persoon" : "personen");
	sg->message[EN] = fmt(x, "%s has a tie with %d %s besides professionals; that is a small "
	                      "network.", CHILD, size, size == 1 ? "person" : "people");
	sg->advice[NL] = fmt(x, "Breng %s het netwerk in kaart en zoek naar mensen die er (weer) "
	                     "bij kunnen komen: familie, buren, een mentor.", WITH(x, NL));
	sg->advice[EN] = fmt(x, "Map the network %s and look for people who can (re)join: family, "
	                     "neighbours, a mentor.", WITH(x, EN));
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
		n += c->persons[j].world == KR_WORLD_PROFESSIONAL &&
		     kr_case_person_involved(c, (int)j, t, t);
	return n;
}

static void rule_churn(struct ctx *x)
{
	const struct kr_case *c = x->c;
	long from = kr_days_add_months(x->on, -SET(CHURN_WINDOW_MONTHS));
	int count[KR_ROLE__N] = { 0 };
	int best;
	long best_t = from;
	struct kr_signal *sg;

	for (size_t i = 0; i < c->npersons; i++) {
		const struct kr_person *p = &c->persons[i];
		int r;
		if (p->world != KR_WORLD_PROFESSIONAL || !kr_case_person_involved(c, (int)i, from, x->on))
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
			    kr_case_person_involved(c, (int)i, from, x->on))
				person_subject(x, sg, (int)i);
		}
		detail(x, sg, "role", json_string(kr_enum_name(KR_ENUM_ROLE, r)));
		detail_int(x, sg, "count", count[r]);
		sg->message[NL] = fmt(x, "In de afgelopen %d maanden waren %d verschillende mensen in "
		                      "de rol %s betrokken bij %s.", SET(CHURN_WINDOW_MONTHS), count[r],
		                      kr_enum_label(KR_ENUM_ROLE, r, KR_LANG_NL), CHILD);
		sg->message[EN] = fmt(x, "In the last %d months %d different people in the role %s were "
		                      "involved with %s.", SET(CHURN_WINDOW_MONTHS), count[r],
		                      kr_enum_label(KR_ENUM_ROLE, r, KR_LANG_EN), CHILD);
		sg->advice[NL] = fmt(x, "Continuïteit helpt: houd het aantal wisselingen klein, en "
		                     "zorg bij een wissel voor een goede overdracht waar %s bij is.",
		                     CHILD);
		sg->advice[EN] = fmt(x, "Continuity helps: keep changes of professional few, and make "
		                     "every handover a good one, with %s present.", CHILD);
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
		person_subject(x, sg, c->child);
		for (size_t j = 0; j < c->npersons; j++)
			if (c->persons[j].world == KR_WORLD_PROFESSIONAL &&
			    kr_case_person_involved(c, (int)j, best_t, best_t))
				person_subject(x, sg, (int)j);
		detail_day(x, sg, "on", best_t);
		detail_int(x, sg, "count", best);
		sg->message[NL] = fmt(x, "Op %s waren %d professionals tegelijk betrokken bij %s.",
		                      WD(x, best_t, NL), best, CHILD);
		sg->message[EN] = fmt(x, "On %s, %d professionals were involved with %s at the same "
		                      "time.", WD(x, best_t, EN), best, CHILD);
		sg->advice[NL] = fmt(x, "Veel hulpverleners tegelijk is zwaar voor een kind en een "
		                     "gezin. Kijk samen welke hulp nodig is, en wie de vaste "
		                     "contactpersoon is.");
		sg->advice[EN] = fmt(x, "Many professionals at once is hard on a child and a family. "
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
		missing(x, R_NO_MEETING, field, -1,
		        sfmt(x, "de datum van bijeenkomst %s", c->meetings[undated].id),
		        sfmt(x, "the date of meeting %s", c->meetings[undated].id));
		return;
	}
	if (!(sg = emit(x, R_NO_MEETING, KR_LEVEL_WARNING)))
		return;
	person_subject(x, sg, c->child);
	detail_int(x, sg, "window_months", SET(MEETING_WINDOW_MONTHS));
	sg->message[NL] = fmt(x, "Er was in de afgelopen %d maanden geen netwerkbijeenkomst rond "
	                      "%s.", SET(MEETING_WINDOW_MONTHS), CHILD);
	sg->message[EN] = fmt(x, "There was no network meeting around %s in the last %d months.",
	                      CHILD, SET(MEETING_WINDOW_MONTHS));
	sg->advice[NL] = fmt(x, "Organiseer een netwerkbijeenkomst, niet alleen aan het begin maar "
	                     "steeds opnieuw: kies de vorm samen met de familie (van doe-het-zelf "
	                     "tot rondetafel).");
	sg->advice[EN] = fmt(x, "Organise a network meeting, not only at the start but again and "
	                     "again: choose the form with the family (from do-it-yourself to round "
	                     "table).");
}

static void rule_safety_drop(struct ctx *x)
{
	const struct kr_plan *pl = &x->c->plan;
	int last = -1, prev = -1;
	struct kr_signal *sg;
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
	detail_date(x, sg, "date", pl->scale[last].date);
	detail_int(x, sg, "score", pl->scale[last].score);
	if (prev >= 0)
		detail_int(x, sg, "previous", pl->scale[prev].score);
	if (drop) {
		sg->message[NL] = fmt(x, "De veiligheid is op %s gescoord met %d, %d punten lager dan "
		                      "de vorige keer (%d).", W(x, pl->scale[last].date, NL),
		                      pl->scale[last].score,
		                      pl->scale[prev].score - pl->scale[last].score,
		                      pl->scale[prev].score);
		sg->message[EN] = fmt(x, "Safety was scored %d on %s, %d points below the previous "
		                      "score (%d).", pl->scale[last].score,
		                      W(x, pl->scale[last].date, EN),
		                      pl->scale[prev].score - pl->scale[last].score,
		                      pl->scale[prev].score);
	} else {
		sg->message[NL] = fmt(x, "De veiligheid is op %s gescoord met %d op een schaal van 0 "
		                      "tot 10.", W(x, pl->scale[last].date, NL), pl->scale[last].score);
		sg->message[EN] = fmt(x, "Safety was scored %d on a scale of 0 to 10 on %s.",
		                      pl->scale[last].score, W(x, pl->scale[last].date, EN));
	}
	sg->advice[NL] = fmt(x, "Bespreek met het netwerk wat er veranderd is en wat nu nodig is. "
	                     "Het netwerk moet kunnen volgen wanneer en waarom de situatie als "
	                     "onveilig wordt gezien.");
	sg->advice[EN] = fmt(x, "Discuss with the network what changed and what is needed now. The "
	                     "network must be able to follow when and why the situation is judged "
	                     "unsafe.");
}

/* ---- the engine ----------------------------------------------------------- */

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

static enum kr_status compute(const struct kr_case *c, struct kr_history *h, long as_of,
                              const struct kr_settings *s, bool quiet,
                              struct kr_signal_list *out, struct kr_error *err)
{
	struct kr_settings defaults;
	struct kr_path *path = NULL;
	struct ctx *x;
	enum kr_status rc = KR_OK;

	if (!s) {
		kr_settings_defaults(&defaults);
		s = &defaults;
	}
	/* a case read from the store is judged with its family plans' meetings
	 * (history_int.h, docs/family-plan.md) */
	if ((rc = kri_history_judged(h, c, &c, err)))
		return rc;
	/* malloc, not calloc: the ring of short texts needs no zeroing */
	if (!(x = malloc(sizeof *x)))
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer voor de signalen",
		                    "out of memory while computing signals");
	x->nomem = false;
	x->quiet = quiet;
	x->seq = 0;
	x->nring = 0;
	if (!(x->parent = calloc(c->npersons ? c->npersons : 1, 1))) {
		free(x);
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer voor de signalen",
		                    "out of memory while computing signals");
	}
	if ((rc = kr_path_compute(c, as_of, s, &path, err)))
		goto out;
	x->c = c;
	x->s = s;
	x->h = h;
	find_parents(x);
	x->path = path;
	x->on = as_of;
	x->out = out;
	x->cp = kr_case_current_placement(c, as_of);
	x->age = kr_age_years(c->persons[c->child].born, as_of);

	/* Catalogue order; data-missing signals take their place as they come. */
	rule_trust(x);
	rule_sibling(x);
	rule_worlds(x);
	rule_parents_carers(x);
	rule_breakdown(x);
	rule_instability(x);
	rule_perspective(x);
	rule_development(x);
	rule_plan(x);
	rule_agreements(x);
	rule_wishes(x);
	rule_overload(x);
	rule_recent_breakdown(x);
	rule_crisis(x);
	rule_not_explored(x);
	rule_tie_worsened(x);
	rule_contacts_lost(x);
	rule_network(x);
	rule_churn(x);
	rule_meeting(x);
	rule_safety_drop(x);
	rule_match_child(x);
	rule_match_meeting(x);
	rule_settling_overdue(x);
	rule_settling_drop(x);
	rule_parents_alone(x);
	rule_fp_no_contact(x);
	rule_team_not_met(x);

	for (size_t i = 0; i < out->n && !x->nomem && !quiet; i++)
		for (int l = 0; l < 2; l++)
			if (!out->v[i].message[l] || !out->v[i].advice[l])
				x->nomem = true;
	if (x->nomem) {
		kr_signal_list_cleanup(out);
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer voor de signalen",
		                  "out of memory while computing signals");
		goto out;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_severity);
out:
	kr_path_free(path);
	free(x->parent);
	free(x);
	return rc;
}

enum kr_status kr_signals_compute(const struct kr_case *c, struct kr_history *h, long as_of,
                                  const struct kr_settings *s, struct kr_signal_list *out,
                                  struct kr_error *err)
{
	return compute(c, h, as_of, s, false, out, err);
}

enum kr_status kri_signals_judge(const struct kr_case *c, struct kr_history *h, long as_of,
                                 const struct kr_settings *s, struct kr_signal_list *out,
                                 struct kr_error *err)
{
	return compute(c, h, as_of, s, true, out, err);
}

const struct kr_signal *kri_signals_tally(const struct kr_signal_list *l, size_t counts[3])
{
	counts[KR_LEVEL_INFO] = counts[KR_LEVEL_WARNING] = counts[KR_LEVEL_ALERT] = 0;
	for (size_t i = 0; i < l->n; i++)
		counts[l->v[i].level]++;
	return l->n ? &l->v[0] : NULL;
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
		json_decref(sg->details);
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

void *kr_signals_json(const struct kr_signal_list *l)
{
	json_t *arr = json_array();

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
		json_object_set_new(o, "title", pair(sg->title[0], sg->title[1]));
		if (sg->rule) {
			json_object_set_new(o, "rule", json_string(sg->rule));
			json_object_set_new(o, "field", json_string(sg->field));
		}
		json_object_set(o, "details", sg->details ? (json_t *)sg->details : json_object());
		if (json_array_append_new(arr, o)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

char *kr_signals_to_json(const struct kr_signal_list *l, bool pretty)
{
	json_t *arr = kr_signals_json(l);
	char *s, *t;
	size_t n;

	if (!arr)
		return NULL;
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
	if (l->n == 0)
		kr_buf_puts(out, kr_tr(lang, "Geen signalen.\n", "No signals.\n"));
	for (size_t i = 0; i < l->n; i++) {
		const struct kr_signal *sg = &l->v[i];
		kr_buf_printf(out, "[%s] %s (%s)\n  %s\n  %s %s\n",
		              kr_enum_label(KR_ENUM_LEVEL, (int)sg->level + 1, lang), sg->title[lang],
		              sg->id, sg->message[lang],
		              kr_tr(lang, "Wat kan helpen:", "What could help:"), sg->advice[lang]);
	}
	return out->failed ? out->why : KR_OK;
}
