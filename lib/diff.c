/*
 * diff.c - the changes between two revisions of a case (diff.h), in words
 * and as data, and the history of a case built from them.
 *
 * Both revisions are read as their JSON documents (kr_case_doc), so keys
 * kring does not know show up as changes too; the models give the names of
 * the persons the values refer to.  Items are matched by a key per
 * collection (the id; the two persons of a tie; the persons of a kinship
 * link; the type and date of an event), a nested object (network_search,
 * perspective_decision, worry_route, ...) is compared field by field with
 * dotted names, and a list (attendance, roles, concerns, ...) by what was
 * added to it and taken from it.  How a field is said - its label, and
 * whether its value is a date, a person, an enumeration or text - comes
 * from one table (fields[]); a field it does not list is said by its key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diff_int.h"
#include "kring/date.h"
#include "kring/diff.h"
#include "kring/enum.h"
#include "kring/words.h"

#define TEXT_WORDS 60      /* characters of a text quoted in a sentence */
#define LINE_MAX_BYTES (64u * 1024u)

enum ckind { K_ID, K_INDEX, K_OBJECT };

/* The collections in the order of the document. */
static const struct dcoll {
	const char *name, *key;
	bool in_plan;
	enum ckind kind;
	const char *nl, *en;       /* one item, for sentences */
} colls[] = {
	{ "case", "case", false, K_OBJECT, "dossiergegevens", "case details" },
	{ "persons", "persons", false, K_ID, "persoon", "person" },
	{ "kinship", "kinship", false, K_INDEX, "familieband", "kinship link" },
	{ "ties", "ties", false, K_INDEX, "band", "tie" },
	{ "placements", "placements", false, K_ID, "plaatsing", "placement" },
	{ "events", "events", false, K_INDEX, "gebeurtenis", "event" },
	{ "meetings", "meetings", false, K_ID, "bijeenkomst", "meeting" },
	{ "plan", "plan", false, K_OBJECT, "plan", "plan" },
	{ "safety_map", "safety_map", true, K_OBJECT, "Signs of Safety-kaart", "safety map" },
	{ "wishes", "wishes", true, K_ID, "wens", "wish" },
	{ "goals", "goals", true, K_ID, "doel", "goal" },
	{ "agreements", "agreements", true, K_ID, "afspraak", "agreement" },
	{ "support", "support", false, K_OBJECT, "steun voor beide gezinnen",
	  "support for both families" },
};
#define NCOLLS (sizeof colls / sizeof *colls)

/* How a value is said. */
enum vkind {
	V_ANY,      /* by its JSON type: text quoted, numbers, true/false */
	V_TEXT,     /* text, quoted and shortened */
	V_PLAIN,    /* text as it is (a time, an id) */
	V_DATE,
	V_PERSON,   /* a person id: the name */
	V_ENUM,     /* a value of enumeration e: its label */
	V_BOOL,
	V_PERSONS,  /* lists of these: by what was added and taken away */
	V_ENUMS,
	V_TEXTS,
	V_DATES,
	V_SCALE,    /* safety scale points {date, score, by} */
	V_PERIODS,  /* involvement periods {from, to} */
	V_CANDIDATES, /* matching candidates {person | family, chosen, why} */
	V_CHECKINS  /* settling-in check-ins {date, child, ...}: matched by date */
};

static const struct field {
	const char *coll, *field;
	enum vkind kind;
	int e;                     /* enum kr_enum for V_ENUM, V_ENUMS */
	const char *nl, *en;       /* "" says the value alone */
} fields[] = {
	{ "case", "ref", V_PLAIN, 0, "dossiernummer", "case ref" },
	{ "case", "child", V_PERSON, 0, "kind", "child" },
	{ "case", "opened", V_DATE, 0, "geopend", "opened" },
	{ "case", "perspective_decision.date", V_DATE, 0, "perspectiefbesluit",
	  "perspective decision" },
	{ "case", "perspective_decision.outcome", V_TEXT, 0, "uitkomst perspectiefbesluit",
	  "perspective decision outcome" },
	{ "case", "development_checks", V_DATES, 0, "ontwikkelingsonderzoek",
	  "development check" },
	{ "case", "behaviour.externalising", V_BOOL, 0, "naar buiten gericht gedrag",
	  "externalising behaviour" },
	{ "case", "behaviour.internalising", V_BOOL, 0, "naar binnen gericht gedrag",
	  "internalising behaviour" },
	{ "case", "notes", V_TEXT, 0, "notities", "notes" },
	{ "case", "municipality.code", V_PLAIN, 0, "CBS-code gemeente", "municipality code" },
	{ "case", "municipality.name", V_TEXT, 0, "gemeente", "municipality" },
	{ "case", "region", V_TEXT, 0, "jeugdregio", "youth region" },
	{ "case", "referrer", V_ENUM, KR_ENUM_REFERRER, "verwezen door", "referred by" },
	{ "case", "closed.date", V_DATE, 0, "afgesloten op", "closed on" },
	{ "case", "closed.reason", V_ENUM, KR_ENUM_CLOSED_REASON, "reden van afsluiten",
	  "reason for closing" },
	{ "persons", "name", V_TEXT, 0, "naam", "name" },
	{ "persons", "sex", V_ENUM, KR_ENUM_SEX, "geslacht", "sex" },
	{ "persons", "born", V_DATE, 0, "geboren", "born" },
	{ "persons", "died", V_DATE, 0, "overleden", "died" },
	{ "persons", "roles", V_ENUMS, KR_ENUM_ROLE, "rol", "role" },
	{ "persons", "world", V_ENUM, KR_ENUM_WORLD, "wereld", "world" },
	{ "persons", "segment", V_ENUM, KR_ENUM_SEGMENT, "segment", "segment" },
	{ "persons", "involved", V_PERIODS, 0, "betrokken", "involved" },
	{ "kinship", "type", V_ENUM, KR_ENUM_KIN_TYPE, "soort", "type" },
	{ "kinship", "parent", V_PERSON, 0, "ouder", "parent" },
	{ "kinship", "child", V_PERSON, 0, "kind", "child" },
	{ "kinship", "kind", V_ENUM, KR_ENUM_KIN_KIND, "soort ouder", "kind of parent" },
	{ "kinship", "a", V_PERSON, 0, "partner", "partner" },
	{ "kinship", "b", V_PERSON, 0, "partner", "partner" },
	{ "kinship", "status", V_ENUM, KR_ENUM_PARTNER_STATUS, "", "" },
	{ "kinship", "since", V_DATE, 0, "sinds", "since" },
	{ "ties", "a", V_PERSON, 0, "persoon", "person" },
	{ "ties", "b", V_PERSON, 0, "persoon", "person" },
	{ "ties", "strength", V_ENUM, KR_ENUM_STRENGTH, "sterkte", "strength" },
	{ "ties", "quality", V_ENUM, KR_ENUM_QUALITY, "", "" },
	{ "ties", "frequency", V_ENUM, KR_ENUM_FREQUENCY, "contact", "contact" },
	{ "ties", "support", V_ENUMS, KR_ENUM_SUPPORT, "steun", "support" },
	{ "ties", "direction", V_ENUM, KR_ENUM_DIRECTION, "richting", "direction" },
	{ "ties", "trust_figure", V_BOOL, 0, "vertrouwensfiguur", "trust figure" },
	{ "placements", "form", V_ENUM, KR_ENUM_FORM, "vorm", "form" },
	{ "placements", "variant", V_ENUM, KR_ENUM_VARIANT, "variant", "variant" },
	{ "placements", "network", V_BOOL, 0, "netwerkpleegzorg", "network foster care" },
	{ "placements", "carers", V_PERSONS, 0, "verzorgers", "carers" },
	{ "placements", "children", V_PERSONS, 0, "samen geplaatst", "placed together" },
	{ "placements", "start", V_DATE, 0, "start", "start" },
	{ "placements", "end", V_DATE, 0, "einde", "end" },
	{ "placements", "end_reason", V_ENUM, KR_ENUM_END_REASON, "reden", "reason" },
	{ "placements", "network_search.date", V_DATE, 0, "netwerkonderzoek",
	  "network search" },
	{ "placements", "network_search.outcome", V_ENUM, KR_ENUM_SEARCH_OUTCOME,
	  "uitkomst netwerkonderzoek", "network search outcome" },
	{ "placements", "network_search.text", V_TEXT, 0, "toelichting netwerkonderzoek",
	  "network search notes" },
	{ "placements", "family", V_PLAIN, 0, "pleeggezin", "foster family" },
	{ "placements", "matching.date", V_DATE, 0, "matchingsbesluit", "matching decided" },
	{ "placements", "matching.considered", V_CANDIDATES, 0, "overwogen", "considered" },
	{ "placements", "matching.child_wishes", V_TEXT, 0, "wensen van het kind bij de matching",
	  "the child's wishes for the matching" },
	{ "placements", "matching.child_involved", V_ENUM, KR_ENUM_INVOLVEMENT,
	  "het kind bij de matching", "the child in the matching" },
	{ "placements", "matching.parents_wishes", V_TEXT, 0,
	  "wensen van de ouders bij de matching", "the parents' wishes for the matching" },
	{ "placements", "matching.own_children_heard", V_BOOL, 0,
	  "eigen kinderen van het pleeggezin gehoord", "the foster family's own children heard" },
	{ "placements", "matching.own_children_text", V_TEXT, 0,
	  "wat de eigen kinderen zeiden", "what the own children said" },
	{ "placements", "matching.first_meeting", V_DATE, 0,
	  "kennismaking ouders en pleegouders", "first meeting of parents and foster parents" },
	{ "placements", "matching.decision", V_TEXT, 0, "besluit van de matching",
	  "matching decision" },
	{ "placements", "matching.why", V_TEXT, 0, "waarom deze match", "why this match" },
	{ "placements", "settling", V_CHECKINS, 0, "wennen", "settling in" },
	{ "events", "date", V_DATE, 0, "datum", "date" },
	{ "events", "type", V_ENUM, KR_ENUM_EVENT_TYPE, "soort", "type" },
	{ "events", "person", V_PERSON, 0, "persoon", "person" },
	{ "events", "placement", V_PLAIN, 0, "plaatsing", "placement" },
	{ "events", "text", V_TEXT, 0, "tekst", "text" },
	{ "meetings", "date", V_DATE, 0, "datum", "date" },
	{ "meetings", "time", V_PLAIN, 0, "tijd", "time" },
	{ "meetings", "place", V_TEXT, 0, "plaats", "place" },
	{ "meetings", "type", V_ENUM, KR_ENUM_MEETING_TYPE, "soort", "type" },
	{ "meetings", "continuum", V_ENUM, KR_ENUM_CONTINUUM, "continuüm", "continuum" },
	{ "meetings", "coordinator", V_PERSON, 0, "coördinator", "coordinator" },
	{ "meetings", "invited", V_PERSONS, 0, "uitgenodigd", "invited" },
	{ "meetings", "attended", V_PERSONS, 0, "aanwezig", "attended" },
	{ "meetings", "outcome", V_TEXT, 0, "besloten", "outcome" },
	{ "meetings", "minutes", V_TEXT, 0, "verslag", "minutes" },
	{ "meetings", "process.coordinator", V_DATE, 0, "coördinator gevonden",
	  "coordinator found" },
	{ "meetings", "process.preparation", V_DATE, 0, "voorbereiding", "preparation" },
	{ "meetings", "process.information", V_DATE, 0, "informatie", "information" },
	{ "meetings", "process.private_time", V_DATE, 0, "eigen tijd", "private time" },
	{ "meetings", "process.plan_presented", V_DATE, 0, "plan verteld", "plan presented" },
	{ "meetings", "process.plan_accepted", V_DATE, 0, "plan aanvaard", "plan accepted" },
	{ "meetings", "process.asked", V_PERSONS, 0, "gevraagd", "asked" },
	{ "meetings", "process.coming", V_PERSONS, 0, "komt", "coming" },
	{ "plan", "version", V_ANY, 0, "versie", "version" },
	{ "plan", "adopted", V_DATE, 0, "vastgesteld", "adopted" },
	{ "plan", "reviewed", V_DATE, 0, "besproken", "reviewed" },
	{ "plan", "safety", V_TEXT, 0, "veiligheid", "safety" },
	{ "plan", "concerns", V_TEXTS, 0, "zorg", "concern" },
	{ "plan", "worry_route.text", V_TEXT, 0, "route bij zorgen", "route when worried" },
	{ "plan", "worry_route.call", V_PERSONS, 0, "bellen bij zorgen", "call when worried" },
	{ "plan", "future_plan.date", V_DATE, 0, "toekomstplan gemaakt", "future plan made" },
	{ "plan", "future_plan.made_by", V_PERSONS, 0, "toekomstplan gemaakt door",
	  "future plan made by" },
	{ "plan", "future_plan.text", V_TEXT, 0, "toekomstplan", "future plan" },
	{ "plan", "future_plan.goals", V_TEXTS, 0, "doel van het toekomstplan",
	  "goal of the future plan" },
	{ "plan", "action_team.formed", V_DATE, 0, "actieteam gevormd", "action team formed" },
	{ "plan", "action_team.members", V_PERSONS, 0, "actieteam", "action team" },
	{ "plan", "blessing.date", V_DATE, 0, "zegen van de ouders", "the parents' blessing" },
	{ "plan", "blessing.by", V_PERSONS, 0, "zegen gegeven door", "blessing given by" },
	{ "plan", "blessing.text", V_TEXT, 0, "zegen in hun woorden", "blessing in their words" },
	{ "safety_map", "worries", V_TEXTS, 0, "zorg", "worry" },
	{ "safety_map", "working_well", V_TEXTS, 0, "gaat goed", "working well" },
	{ "safety_map", "needs_to_happen", V_TEXTS, 0, "moet gebeuren", "needs to happen" },
	{ "safety_map", "danger_statements", V_TEXTS, 0, "gevaarverklaring", "danger statement" },
	{ "safety_map", "safety_goals", V_TEXTS, 0, "veiligheidsdoel", "safety goal" },
	{ "safety_map", "scale", V_SCALE, 0, "veiligheidsschaal", "safety scale" },
	{ "wishes", "by", V_PERSON, 0, "van", "by" },
	{ "wishes", "date", V_DATE, 0, "datum", "date" },
	{ "wishes", "text", V_TEXT, 0, "wens", "wish" },
	{ "wishes", "response", V_TEXT, 0, "antwoord", "answer" },
	{ "wishes", "answered", V_DATE, 0, "beantwoord", "answered" },
	{ "goals", "text", V_TEXT, 0, "doel", "goal" },
	{ "goals", "indicator", V_TEXT, 0, "zichtbaar aan", "indicator" },
	{ "agreements", "goal", V_PLAIN, 0, "doel", "goal" },
	{ "agreements", "who", V_PERSONS, 0, "wie", "who" },
	{ "agreements", "what", V_TEXT, 0, "wat", "what" },
	{ "agreements", "when", V_TEXT, 0, "wanneer", "when" },
	{ "agreements", "due", V_DATE, 0, "uiterlijk", "due" },
	{ "agreements", "if_not", V_TEXT, 0, "als het niet lukt", "if not" },
	{ "agreements", "action_plan", V_BOOL, 0, "actieplan", "action plan" },
	{ "agreements", "status", V_ENUM, KR_ENUM_AGREEMENT_STATUS, "status", "status" },
	{ "agreements", "visibility", V_ENUM, KR_ENUM_VISIBILITY, "zichtbaar voor",
	  "visible to" },
	{ "support", "parents.person", V_PERSON, 0, "steunpersoon van de ouders",
	  "the parents' support person" },
	{ "support", "parents.since", V_DATE, 0, "steun voor de ouders sinds",
	  "support for the parents since" },
	{ "support", "parents.contacts", V_DATES, 0, "contact met de ouders",
	  "contact with the parents" },
	{ "support", "foster_parents.person", V_PERSON, 0, "begeleider van de pleegouders",
	  "the foster parents' worker" },
	{ "support", "foster_parents.since", V_DATE, 0, "begeleiding pleegouders sinds",
	  "support for the foster parents since" },
	{ "support", "foster_parents.contacts", V_DATES, 0, "contact met de pleegouders",
	  "contact with the foster parents" },
	{ "support", "foster_parents.peer_contacts", V_DATES, 0,
	  "contact met andere pleegouders", "contact with other foster parents" },
};
#define NFIELDS (sizeof fields / sizeof *fields)

/* The plan's parts that are collections of their own. */
static const char *const plan_parts[] = { "safety_map", "wishes", "goals", "agreements", NULL };

struct dctx {
	const struct kr_case *before, *after;
	struct kr_diff *d;
	bool nomem;
};

static const struct field *field_of(const char *coll, const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].coll, coll) == 0 && strcmp(fields[i].field, name) == 0)
			return &fields[i];
	return NULL;
}

/* The name of person id: in c, else in other, else the id itself. */
static const char *person_name(const struct kr_case *c, const struct kr_case *other,
                               const char *id)
{
	int i;
	if (!id)
		return "?";
	if (c && (i = kr_case_person_index(c, id)) >= 0)
		return kr_case_person_name(c, i);
	if (other && (i = kr_case_person_index(other, id)) >= 0)
		return kr_case_person_name(other, i);
	return id;
}

/* Appends text quoted and shortened to TEXT_WORDS characters. */
static void quoted(struct kr_buf *b, const char *s)
{
	size_t n = 0, at = 0;

	while (s[at] && n < TEXT_WORDS) {
		at++;
		while ((s[at] & 0xC0) == 0x80)
			at++;
		n++;
	}
	kr_buf_puts(b, "\xE2\x80\x98");   /* ‘ */
	kr_buf_add(b, s, at);
	if (s[at])
		kr_buf_puts(b, "\xE2\x80\xA6");   /* … */
	kr_buf_puts(b, "\xE2\x80\x99");   /* ’ */
}

static void date_words(struct kr_buf *b, const char *s, enum kr_lang L)
{
	struct kr_date d;
	char buf[40];
	if (s && kr_date_parse(s, &d))
		kr_buf_puts(b, kr_words_date(d, L, buf, sizeof buf));
	else if (s)
		kr_buf_puts(b, s);
}

/* One value, said as kind k (a list kind says one element of its list). */
static void value_words(struct kr_buf *b, const struct dctx *x, const struct kr_case *c,
                        enum vkind k, int e, json_t *v, enum kr_lang L)
{
	const char *s = json_string_value(v);

	switch (k) {
	case V_TEXT: case V_TEXTS:
		if (json_is_object(v))   /* a concern written as {"text", "visibility"} */
			s = json_string_value(json_object_get(v, "text"));
		if (s)
			quoted(b, s);
		if (json_is_object(v) && kr_enum_value(KR_ENUM_VISIBILITY, json_string_value(
		    json_object_get(v, "visibility"))) == KR_VIS_PROFESSIONALS)
			kr_buf_printf(b, " (%s)", kr_enum_label(KR_ENUM_VISIBILITY,
			              KR_VIS_PROFESSIONALS, L));
		if (s)
			return;
		break;
	case V_PLAIN:
		if (s) {
			kr_buf_puts(b, s);
			return;
		}
		break;
	case V_DATE: case V_DATES:
		if (s) {
			date_words(b, s, L);
			return;
		}
		break;
	case V_PERSON: case V_PERSONS:
		if (s) {
			kr_buf_puts(b, person_name(c, c == x->after ? x->before : x->after, s));
			return;
		}
		break;
	case V_ENUM: case V_ENUMS:
		if (s && kr_enum_value((enum kr_enum)e, s)) {
			kr_buf_puts(b, kr_enum_label((enum kr_enum)e, kr_enum_value((enum kr_enum)e, s),
			            L));
			return;
		}
		break;
	case V_SCALE:
		if (json_is_object(v) && json_is_integer(json_object_get(v, "score"))) {
			kr_buf_printf(b, "%lld", (long long)json_integer_value(json_object_get(v,
			              "score")));
			if (json_string_value(json_object_get(v, "date"))) {
				kr_buf_puts(b, kr_tr(L, " op ", " on "));
				date_words(b, json_string_value(json_object_get(v, "date")), L);
			}
			if ((s = json_string_value(json_object_get(v, "by"))))
				kr_buf_printf(b, " (%s)", person_name(c, x->before, s));
			return;
		}
		break;
	case V_PERIODS:
		if (json_is_object(v)) {
			const char *from = json_string_value(json_object_get(v, "from"));
			const char *to = json_string_value(json_object_get(v, "to"));
			if (from)
				date_words(b, from, L);
			else
				kr_buf_puts(b, kr_tr(L, "altijd", "always"));
			kr_buf_puts(b, " \xE2\x80\x93 ");   /* – */
			if (to)
				date_words(b, to, L);
			else
				kr_buf_puts(b, kr_tr(L, "nu", "now"));
			return;
		}
		break;
	case V_CANDIDATES:
		if (json_is_object(v)) {
			if ((s = json_string_value(json_object_get(v, "person"))))
				kr_buf_puts(b, person_name(c, c == x->after ? x->before : x->after, s));
			else if ((s = json_string_value(json_object_get(v, "family"))))
				kr_buf_printf(b, kr_tr(L, "pleeggezin %s", "foster family %s"), s);
			else
				kr_buf_puts(b, "?");
			if (json_is_true(json_object_get(v, "chosen")))
				kr_buf_puts(b, kr_tr(L, " (gekozen)", " (chosen)"));
			return;
		}
		break;
	case V_CHECKINS:
		if (json_is_object(v)) {
			kr_buf_puts(b, kr_tr(L, "gesprek van ", "check-in of "));
			date_words(b, json_string_value(json_object_get(v, "date")), L);
			return;
		}
		break;
	case V_BOOL: case V_ANY:
		break;
	}
	kri_diff_scalar_words(b, v, L);
}

static bool is_list_kind(enum vkind k)
{
	return k == V_PERSONS || k == V_ENUMS || k == V_TEXTS || k == V_DATES || k == V_SCALE ||
	       k == V_PERIODS || k == V_CANDIDATES || k == V_CHECKINS;
}

/* One element or value of field f as kind k, of the revision before (old)
 * or after: the kri_diff_say of field_words. */
struct say_field {
	const struct dctx *x;
	const struct field *f;
	enum vkind kind;
};

static void say_field(struct kr_buf *b, json_t *v, bool old, void *arg, enum kr_lang L)
{
	const struct say_field *a = arg;

	value_words(b, a->x, old ? a->x->before : a->x->after, a->kind, a->f ? a->f->e : 0, v, L);
}

/* True when text v is longer than a sentence quotes. */
static bool long_text(json_t *v)
{
	const char *s = json_string_value(v);
	size_t n = 0;
	for (; s && *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n > TEXT_WORDS;
}

/* The check-in of list a on the day of check-in v, or NULL. */
static json_t *checkin_on(json_t *a, json_t *v)
{
	const char *day = json_string_value(json_object_get(v, "date"));
	size_t i;
	json_t *e;
	json_array_foreach(a, i, e)
		if (day && json_string_value(json_object_get(e, "date")) &&
		    strcmp(day, json_string_value(json_object_get(e, "date"))) == 0)
			return e;
	return NULL;
}

/* The settling-in check-ins that changed, matched by their day: a score
 * in words ("wennen: gesprek van 3 maart 2026: kind gaat heel goed → gaat
 * moeilijk"), a check-in added ("erbij") or taken away ("eraf"). */
static void checkin_words(struct kr_buf *b, const struct dctx *x, const char *label, json_t *ov,
                          json_t *nv, enum kr_lang L)
{
	static const char *const views[4] = { "child", "foster_parents", "own_children",
		"parents" };
	static const char *const view_nl[4] = { "kind", "pleegouders", "eigen kinderen",
		"ouders" };
	static const char *const view_en[4] = { "child", "foster parents", "own children",
		"parents" };
	size_t i, said = 0;
	json_t *e;

	kr_buf_printf(b, "%s: ", label);
	json_array_foreach(nv, i, e) {
		json_t *o = checkin_on(ov, e);
		if (o && json_equal(o, e))
			continue;
		kr_buf_puts(b, said++ ? "; " : "");
		value_words(b, x, x->after, V_CHECKINS, 0, e, L);
		if (!o) {
			kr_buf_puts(b, kr_tr(L, " erbij", " added"));
			continue;
		}
		for (int v = 0, n = 0; v < 4; v++) {
			json_t *a = json_object_get(o, views[v]), *z = json_object_get(e, views[v]);
			if ((!a && !z) || (a && z && json_equal(a, z)))
				continue;
			kr_buf_printf(b, "%s%s ", n++ ? ", " : ": ", kr_tr(L, view_nl[v], view_en[v]));
			if (a)
				kr_buf_puts(b, kr_enum_label(KR_ENUM_SETTLING_SCORE,
				            (int)json_integer_value(a), L));
			else
				kr_buf_puts(b, kr_tr(L, "niet gevraagd", "not asked"));
			kr_buf_puts(b, " \xE2\x86\x92 ");   /* → */
			if (z)
				kr_buf_puts(b, kr_enum_label(KR_ENUM_SETTLING_SCORE,
				            (int)json_integer_value(z), L));
			else
				kr_buf_puts(b, kr_tr(L, "niet gevraagd", "not asked"));
		}
		if ((json_object_get(o, "text") || json_object_get(e, "text")) &&
		    !json_equal(json_object_get(o, "text"), json_object_get(e, "text")))
			kr_buf_puts(b, kr_tr(L, ", toelichting aangepast", ", notes changed"));
	}
	json_array_foreach(ov, i, e) {
		if (checkin_on(nv, e))
			continue;
		kr_buf_puts(b, said++ ? "; " : "");
		value_words(b, x, x->before, V_CHECKINS, 0, e, L);
		kr_buf_puts(b, kr_tr(L, " eraf", " removed"));
	}
	if (!said)
		kr_buf_puts(b, kr_tr(L, "andere volgorde", "order changed"));
}

/* One field's change in words: "einde 14 september 2026", "goed → conflict",
 * "aanwezig: Sam erbij". */
static void field_words(struct kr_buf *b, const struct dctx *x, const struct dcoll *k,
                        const struct kr_field_change *fc, enum kr_lang L)
{
	const struct field *f = field_of(k->name, fc->field);
	const char *label = f ? kr_tr(L, f->nl, f->en) : fc->field;
	enum vkind kind = f ? f->kind : V_ANY;
	json_t *ov = fc->old_value, *nv = fc->new_value;

	if (!f && (json_is_array(ov) || json_is_array(nv)))
		kind = V_TEXTS;
	if (kind == V_CHECKINS && (!ov || json_is_array(ov)) && (!nv || json_is_array(nv))) {
		checkin_words(b, x, label, ov, nv, L);
		return;
	}
	struct say_field sf = { x, f, kind };

	if (is_list_kind(kind) && (!ov || json_is_array(ov)) && (!nv || json_is_array(nv))) {
		kri_diff_list_change(b, label, ov, nv, say_field, &sf, L);
		return;
	}
	if (is_list_kind(kind))
		sf.kind = kind = V_ANY;
	if (*label)
		kr_buf_printf(b, "%s ", label);
	kri_diff_value_change(b, ov, nv, kind == V_TEXT || (kind == V_ANY && json_is_string(ov)),
	                      say_field, &sf, L);
}

/* Who or what an item is: "Oma Truus", "band tussen Ilse en Marga",
 * "plaatsing pl2", "gebeurtenis verhuizing (maart 2024)". */
static void subject(struct kr_buf *b, const struct dctx *x, const struct kr_case *c,
                    const struct dcoll *k, json_t *it, enum kr_lang L)
{
	const char *noun = kr_tr(L, k->nl, k->en), *id = json_string_value(json_object_get(it, "id"));
	const struct kr_case *other = c == x->after ? x->before : x->after;

	if (strcmp(k->name, "persons") == 0) {
		const char *name = json_string_value(json_object_get(it, "name"));
		kr_buf_puts(b, name && *name ? name : id ? id : "?");
	} else if (strcmp(k->name, "ties") == 0) {
		kr_buf_printf(b, kr_tr(L, "band tussen %s en %s", "tie between %s and %s"),
		              person_name(c, other, json_string_value(json_object_get(it, "a"))),
		              person_name(c, other, json_string_value(json_object_get(it, "b"))));
	} else if (strcmp(k->name, "kinship") == 0) {
		const char *type = json_string_value(json_object_get(it, "type"));
		if (type && strcmp(type, "partners") == 0)
			kr_buf_printf(b, kr_tr(L, "partners %s en %s", "partners %s and %s"),
			              person_name(c, other, json_string_value(json_object_get(it, "a"))),
			              person_name(c, other, json_string_value(json_object_get(it, "b"))));
		else
			kr_buf_printf(b, kr_tr(L, "%s ouder van %s", "%s parent of %s"),
			              person_name(c, other, json_string_value(json_object_get(it,
			              "parent"))), person_name(c, other, json_string_value(
			              json_object_get(it, "child"))));
	} else if (strcmp(k->name, "events") == 0) {
		const char *type = json_string_value(json_object_get(it, "type"));
		int t = kr_enum_value(KR_ENUM_EVENT_TYPE, type);
		kr_buf_printf(b, "%s %s", noun, t ? kr_enum_label(KR_ENUM_EVENT_TYPE, t, L)
		                                  : type ? type : "?");
		if (json_string_value(json_object_get(it, "date"))) {
			kr_buf_puts(b, " (");
			date_words(b, json_string_value(json_object_get(it, "date")), L);
			kr_buf_puts(b, ")");
		}
	} else if (k->kind == K_ID) {
		kr_buf_printf(b, "%s %s", noun, id ? id : "?");
	} else {
		kr_buf_puts(b, noun);
	}
}

/* The words after "toegevoegd" that say what was added. */
static void added_detail(struct kr_buf *b, const struct dctx *x, const struct dcoll *k,
                         json_t *it, enum kr_lang L)
{
	const char *s;
	if (strcmp(k->name, "wishes") == 0 || strcmp(k->name, "goals") == 0) {
		if ((s = json_string_value(json_object_get(it, "text")))) {
			kr_buf_puts(b, ": ");
			quoted(b, s);
		}
	} else if (strcmp(k->name, "agreements") == 0) {
		if ((s = json_string_value(json_object_get(it, "what")))) {
			kr_buf_puts(b, ": ");
			quoted(b, s);
		}
	} else if (strcmp(k->name, "placements") == 0) {
		int form = kr_enum_value(KR_ENUM_FORM, json_string_value(json_object_get(it, "form")));
		kr_buf_puts(b, " (");
		if (form)
			kr_buf_printf(b, "%s, ", kr_enum_label(KR_ENUM_FORM, form, L));
		kr_buf_puts(b, kr_tr(L, "vanaf ", "from "));
		date_words(b, json_string_value(json_object_get(it, "start")), L);
		kr_buf_puts(b, ")");
	} else if (strcmp(k->name, "events") == 0) {
		if ((s = json_string_value(json_object_get(it, "text")))) {
			kr_buf_puts(b, ": ");
			quoted(b, s);
		}
	} else if (strcmp(k->name, "meetings") == 0) {
		if ((s = json_string_value(json_object_get(it, "date")))) {
			kr_buf_puts(b, kr_tr(L, " (", " ("));
			date_words(b, s, L);
			kr_buf_puts(b, ")");
		}
	}
	(void)x;
}

/* The sentence of change ch in lang L. */
static char *sentence(const struct dctx *x, const struct dcoll *k, const struct kr_change *ch,
                      json_t *old_item, json_t *new_item, enum kr_lang L)
{
	struct kr_buf b;

	kr_buf_init(&b, LINE_MAX_BYTES);
	if (ch->op == KR_CHANGE_ADDED) {
		if (strcmp(k->name, "wishes") == 0 &&
		    json_string_value(json_object_get(new_item, "by"))) {
			kr_buf_printf(&b, kr_tr(L, "wens %s van %s", "wish %s by %s"),
			              json_string_value(json_object_get(new_item, "id")),
			              person_name(x->after, x->before,
			                          json_string_value(json_object_get(new_item, "by"))));
		} else {
			subject(&b, x, x->after, k, new_item, L);
		}
		kr_buf_puts(&b, kr_tr(L, " toegevoegd", " added"));
		added_detail(&b, x, k, new_item, L);
	} else if (ch->op == KR_CHANGE_REMOVED) {
		subject(&b, x, x->before, k, old_item, L);
		kr_buf_puts(&b, kr_tr(L, " verwijderd", " removed"));
	} else {
		subject(&b, x, x->after, k, new_item, L);
		/* an agreement that was done, dropped or opened again says so first */
		if (strcmp(k->name, "agreements") == 0) {
			for (size_t i = 0; i < ch->nfields; i++) {
				const char *st = json_string_value(ch->fields[i].new_value);
				if (strcmp(ch->fields[i].field, "status") != 0)
					continue;
				if (!st || strcmp(st, "open") == 0)
					kr_buf_puts(&b, kr_tr(L, " weer open", " open again"));
				else if (strcmp(st, "done") == 0)
					kr_buf_puts(&b, kr_tr(L, " afgerond", " done"));
				else if (strcmp(st, "dropped") == 0)
					kr_buf_puts(&b, kr_tr(L, " vervallen", " dropped"));
			}
		}
		for (size_t i = 0, shown = 0; i < ch->nfields; i++) {
			if (strcmp(k->name, "agreements") == 0 &&
			    strcmp(ch->fields[i].field, "status") == 0)
				continue;
			kr_buf_puts(&b, shown++ ? ", " : ": ");
			field_words(&b, x, k, &ch->fields[i], L);
		}
	}
	return kr_buf_steal(&b, NULL);
}

/* ---- comparing items ---- */

static void nomem(struct dctx *x)
{
	x->nomem = true;
}

static bool skipped_key(const struct dcoll *k, const char *key)
{
	if (strcmp(k->name, "plan") != 0)
		return false;
	for (const char *const *p = plan_parts; *p; p++)
		if (strcmp(*p, key) == 0)
			return true;
	return false;
}

/* The fields of o and n (either may be NULL) that differ, nested objects
 * field by field with dotted names below prefix; a top-level key skip says
 * true of is left out.  False when memory ran out. */
static bool walk_fields(struct kr_change *ch, const char *prefix, json_t *o, json_t *n,
                        bool (*skip)(const char *key, const void *arg), const void *arg)
{
	char name[256];
	const char *key;
	json_t *ov, *nv;
	bool ok = true;

	json_object_foreach(o, key, ov) {
		if (!*prefix && skip && skip(key, arg))
			continue;
		snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", key);
		ov = kri_diff_present(ov);
		nv = kri_diff_present(json_object_get(n, key));
		if ((!ov && !nv) || (ov && nv && json_equal(ov, nv)))
			continue;
		if ((json_is_object(ov) || !ov) && (json_is_object(nv) || !nv))
			ok = walk_fields(ch, name, ov, nv, skip, arg) && ok;
		else
			ok = kri_diff_add_field(ch, name, ov, nv) && ok;
	}
	json_object_foreach(n, key, nv) {
		/* a key o has at all (even null) was said by the loop above */
		if ((!*prefix && skip && skip(key, arg)) || json_object_get(o, key) ||
		    !(nv = kri_diff_present(nv)))
			continue;
		snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", key);
		if (json_is_object(nv))
			ok = walk_fields(ch, name, NULL, nv, skip, arg) && ok;
		else
			ok = kri_diff_add_field(ch, name, NULL, nv) && ok;
	}
	return ok;
}

bool kri_diff_fields(struct kr_change *ch, json_t *o, json_t *n,
                     bool (*skip)(const char *key, const void *arg), const void *arg)
{
	return walk_fields(ch, "", o, n, skip, arg);
}

static bool skip_plan_part(const char *key, const void *arg)
{
	return skipped_key(arg, key);
}

/* The fields of two versions of one item (either may be NULL) that differ. */
static void compare(struct dctx *x, const struct dcoll *k, struct kr_change *ch, json_t *o,
                    json_t *n)
{
	if (!kri_diff_fields(ch, o, n, skip_plan_part, k))
		nomem(x);
}

static struct kr_change *new_change(struct dctx *x, const struct dcoll *k,
                                    enum kr_change_op op, const char *item)
{
	return kri_diff_new_change(x->d, k->name, op, item, &x->nomem);
}

static void finish(struct dctx *x, const struct dcoll *k, struct kr_change *ch, json_t *o,
                   json_t *n)
{
	for (int L = 0; L < 2 && !x->nomem; L++)
		if (!(ch->text[L] = sentence(x, k, ch, o, n, (enum kr_lang)L)))
			nomem(x);
}

/* What identifies an item of an index collection (a tie by its two
 * persons in either order, a kinship link by type and persons, an event by
 * type and date), into buf. */
static void base_key(const struct dcoll *k, json_t *it, char *buf, size_t n)
{
	const char *type = json_string_value(json_object_get(it, "type")), *a, *b, *t;
	bool ordered = false;

	if (strcmp(k->name, "events") == 0) {
		a = type;
		b = json_string_value(json_object_get(it, "date"));
		ordered = true;
	} else if (strcmp(k->name, "kinship") == 0 && type && strcmp(type, "parent") == 0) {
		a = json_string_value(json_object_get(it, "parent"));
		b = json_string_value(json_object_get(it, "child"));
		ordered = true;
	} else {
		a = json_string_value(json_object_get(it, "a"));
		b = json_string_value(json_object_get(it, "b"));
	}
	a = a ? a : "";
	b = b ? b : "";
	if (!ordered && strcmp(a, b) > 0) {
		t = a;
		a = b;
		b = t;
	}
	snprintf(buf, n, "%s\x1f%s\x1f%s", type ? type : "", a, b);
}

static void free_keys(char **keys, size_t n)
{
	for (size_t i = 0; keys && i < n; i++)
		free(keys[i]);
	free(keys);
}

/* The matching key of every item of arr: the id, "" for the one single
 * object, else base_key() with "#n" for the n-th item of the same base. */
static char **keys_of(struct dctx *x, const struct dcoll *k, json_t *arr)
{
	size_t n = json_array_size(arr), nth;
	char **keys = calloc(n ? n : 1, sizeof *keys), buf[700];

	if (!keys) {
		nomem(x);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(arr, i);
		const char *id = json_string_value(json_object_get(it, "id"));
		if (k->kind == K_INDEX)
			base_key(k, it, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "%s", k->kind == K_ID && id ? id : "");
		if (!(keys[i] = strdup(buf))) {
			nomem(x);
			free_keys(keys, i);
			return NULL;
		}
	}
	if (k->kind != K_INDEX)
		return keys;
	/* the n-th of the same base: counted from the bases, then appended */
	for (size_t i = n; i-- > 0;) {
		char *with;
		nth = 0;
		for (size_t j = 0; j < i; j++)
			nth += strcmp(keys[j], keys[i]) == 0;
		snprintf(buf, sizeof buf, "%s#%zu", keys[i], nth);
		if (!(with = strdup(buf))) {
			nomem(x);
			free_keys(keys, n);
			return NULL;
		}
		free(keys[i]);
		keys[i] = with;
	}
	return keys;
}

/* The items of collection k in document root (a new reference to the
 * list, or to a list of the one object; NULL when there is none). */
static json_t *items_of(json_t *root, const struct dcoll *k)
{
	json_t *parent = k->in_plan ? json_object_get(root, "plan") : root;
	json_t *v = json_is_object(parent) ? json_object_get(parent, k->key) : NULL;

	if (k->kind == K_OBJECT)
		return json_is_object(v) ? json_pack("[O]", v) : json_array();
	return json_is_array(v) ? json_incref(v) : json_array();
}

static void diff_collection(struct dctx *x, const struct dcoll *k)
{
	json_t *oa = items_of(kr_case_doc(x->before), k), *na = items_of(kr_case_doc(x->after), k);
	size_t no = json_array_size(oa), nn = json_array_size(na);
	char **ok = NULL, **nk = NULL, num[32];
	bool *used = NULL;

	if (!oa || !na) {
		nomem(x);
		goto out;
	}
	if (!(ok = keys_of(x, k, oa)) || !(nk = keys_of(x, k, na)) ||
	    !(used = calloc(no ? no : 1, sizeof *used))) {
		nomem(x);
		goto out;
	}
	for (size_t i = 0; i < nn && !x->nomem; i++) {
		json_t *n = json_array_get(na, i), *o = NULL;
		struct kr_change *ch;
		const char *item = NULL;
		for (size_t j = 0; j < no && !o; j++)
			if (!used[j] && strcmp(ok[j], nk[i]) == 0) {
				used[j] = true;
				o = json_array_get(oa, j);
			}
		if (k->kind == K_ID) {
			item = json_string_value(json_object_get(n, "id"));
		} else if (k->kind == K_INDEX) {
			snprintf(num, sizeof num, "%zu", i);
			item = num;
		}
		if (o && json_equal(o, n))
			continue;
		if (!o && k->kind != K_OBJECT) {
			if ((ch = new_change(x, k, KR_CHANGE_ADDED, item))) {
				ch->new_value = json_incref(n);
				finish(x, k, ch, NULL, n);
			}
			continue;
		}
		if (!(ch = new_change(x, k, KR_CHANGE_CHANGED, item)))
			break;
		compare(x, k, ch, o, n);
		if (ch->nfields == 0 && !x->nomem) {
			/* only nulls and absent keys differ: no change to speak of */
			free(ch->item);
			x->d->n--;
			continue;
		}
		finish(x, k, ch, o, n);
	}
	for (size_t j = 0; j < no && !x->nomem; j++) {
		json_t *o = json_array_get(oa, j);
		struct kr_change *ch;
		const char *item = NULL;
		if (used[j])
			continue;
		if (k->kind == K_OBJECT) {
			/* the plan or safety map is gone: each field cleared */
			if (!(ch = new_change(x, k, KR_CHANGE_CHANGED, NULL)))
				break;
			compare(x, k, ch, o, NULL);
			if (!ch->nfields) {
				x->d->n--;
				continue;
			}
			finish(x, k, ch, o, NULL);
			continue;
		}
		if (k->kind == K_ID) {
			item = json_string_value(json_object_get(o, "id"));
		} else {
			snprintf(num, sizeof num, "%zu", j);
			item = num;
		}
		if ((ch = new_change(x, k, KR_CHANGE_REMOVED, item))) {
			ch->old_value = json_incref(o);
			finish(x, k, ch, o, NULL);
		}
	}
out:
	free(used);
	free_keys(ok, no);
	free_keys(nk, nn);
	json_decref(oa);
	json_decref(na);
}

static void change_cleanup(struct kr_change *ch)
{
	for (size_t i = 0; i < ch->nfields; i++) {
		free(ch->fields[i].field);
		json_decref(ch->fields[i].old_value);
		json_decref(ch->fields[i].new_value);
	}
	free(ch->fields);
	free(ch->item);
	json_decref(ch->old_value);
	json_decref(ch->new_value);
	free(ch->text[0]);
	free(ch->text[1]);
}

void kr_diff_cleanup(struct kr_diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		change_cleanup(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* The one change of a case that was created. */
static void created(struct dctx *x)
{
	struct kr_change *ch = new_change(x, &colls[0], KR_CHANGE_ADDED, NULL);
	struct kr_buf b;

	x->d->created = true;
	if (!ch)
		return;
	ch->collection = "case";
	for (int L = 0; L < 2; L++) {
		kr_buf_init(&b, LINE_MAX_BYTES);
		if (x->after->npersons == 1)
			kr_buf_puts(&b, kr_tr((enum kr_lang)L, "dossier aangemaakt (1 persoon)",
			            "case created (1 person)"));
		else
			kr_buf_printf(&b, kr_tr((enum kr_lang)L, "dossier aangemaakt (%zu personen)",
			              "case created (%zu persons)"), x->after->npersons);
		if (!(ch->text[L] = kr_buf_steal(&b, NULL)))
			nomem(x);
	}
}

enum kr_status kr_diff_cases(const struct kr_case *before, const struct kr_case *after,
                             struct kr_diff *out, struct kr_error *err)
{
	struct dctx x = { before, after, out, false };

	memset(out, 0, sizeof *out);
	if (!after)
		return kr_error_say(err, KR_EUSAGE, "kr_diff_cases: after is verplicht",
		                    "kr_diff_cases: after is required");
	if (!before)
		created(&x);
	else
		for (size_t i = 0; i < NCOLLS && !x.nomem; i++)
			diff_collection(&x, &colls[i]);
	if (x.nomem) {
		kr_diff_cleanup(out);
		return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	}
	return KR_OK;
}

static json_t *or_null(void *v)
{
	return v ? json_incref(v) : json_null();
}

void *kr_diff_json(const struct kr_diff *d)
{
	static const char *const ops[] = { "added", "removed", "changed" };
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < d->n; i++) {
		const struct kr_change *ch = &d->v[i];
		json_t *f = json_array(), *j;
		for (size_t k = 0; f && k < ch->nfields; k++)
			if (json_array_append_new(f, json_pack("{s:s, s:o, s:o}", "field",
			                          ch->fields[k].field, "old",
			                          or_null(ch->fields[k].old_value), "new",
			                          or_null(ch->fields[k].new_value)))) {
				json_decref(f);
				f = NULL;
			}
		j = f ? json_pack("{s:s, s:s, s:o, s:{s:s, s:s}, s:o, s:o, s:o}", "op", ops[ch->op],
		                  "collection", ch->collection, "item",
		                  ch->item ? json_string(ch->item) : json_null(), "text", "nl",
		                  ch->text[0] ? ch->text[0] : "", "en", ch->text[1] ? ch->text[1] : "",
		                  "fields", f, "old", or_null(ch->old_value), "new",
		                  or_null(ch->new_value)) : NULL;
		if (!j || json_array_append_new(arr, j)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

enum kr_status kr_diff_text(const struct kr_diff *d, enum kr_lang lang, const char *prefix,
                            struct kr_buf *out)
{
	for (size_t i = 0; i < d->n; i++)
		kr_buf_printf(out, "%s%s\n", prefix ? prefix : "",
		              d->v[i].text[lang == KR_LANG_EN] ? d->v[i].text[lang == KR_LANG_EN] : "");
	return out->failed ? out->why : KR_OK;
}

char *kr_diff_author(const struct kr_case *c, const char *author, char *buf, size_t n)
{
	int i;

	if (author && strncmp(author, "share:", 6) == 0) {
		i = c ? kr_case_person_index(c, author + 6) : -1;
		snprintf(buf, n, "%s (link)", i >= 0 ? kr_case_person_name(c, i) : author + 6);
	} else {
		snprintf(buf, n, "%s", author ? author : "");
	}
	return buf;
}

/* ---- the history ---- */

void kr_diff_history_free(struct kr_revision_changes *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		kr_diff_cleanup(&v[i].diff);
	free(v);
}

enum kr_status kr_diff_history(struct kr_store *s, const char *ref, long after,
                               struct kr_revision_changes **out, size_t *n,
                               struct kr_error *err)
{
	struct kr_revision_info *info = NULL;
	struct kr_revision_changes *v = NULL;
	struct kr_case *prev = NULL, *cur = NULL;
	size_t ninfo = 0, k = 0;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kr_store_history(s, ref, &info, &ninfo, err)))
		goto out;
	if (ninfo == 0) {
		rc = kr_error_say(err, KR_ENOTFOUND, "er is geen dossier %s", "there is no case %s",
		                  ref);
		goto out;
	}
	if (!(v = calloc(ninfo, sizeof *v))) {
		rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < ninfo; i++) {
		struct kr_revision_changes *r;
		if (info[i].rev <= after) {
			/* only the one just before the first asked for is read */
			if (i + 1 < ninfo && info[i + 1].rev > after && info[i].rev > 0) {
				kr_case_free(prev);
				prev = NULL;
				if ((rc = kr_store_get(s, ref, info[i].rev, &prev, err)))
					goto out;
			}
			continue;
		}
		if ((rc = kr_store_get(s, ref, info[i].rev, &cur, err)))
			goto out;
		r = &v[k++];
		r->info = info[i];
		kr_diff_author(cur, info[i].author, r->who, sizeof r->who);
		if (strncmp(info[i].author, "share:", 6) == 0)
			snprintf(r->person, sizeof r->person, "%s", info[i].author + 6);
		if ((rc = kr_diff_cases(prev, cur, &r->diff, err)))
			goto out;
		kr_case_free(prev);
		prev = cur;
		cur = NULL;
	}
	*out = v;
	*n = k;
	v = NULL;
out:
	kr_diff_history_free(v, k);
	kr_case_free(prev);
	kr_case_free(cur);
	free(info);
	return rc;
}

void *kr_diff_history_json(const struct kr_revision_changes *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++) {
		json_t *changes = kr_diff_json(&v[i].diff);
		json_t *j = changes ? json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o}", "revision",
		                                (json_int_t)v[i].info.rev, "author", v[i].info.author,
		                                "at", v[i].info.created, "bytes",
		                                (json_int_t)v[i].info.bytes, "who", v[i].who,
		                                "person", v[i].person[0] ? json_string(v[i].person)
		                                                         : json_null(),
		                                "changes", changes) : NULL;
		if (!j || json_array_append_new(arr, j)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* ---- shared with other histories (diff_int.h) ---- */

void kri_diff_quoted(struct kr_buf *b, const char *s)
{
	quoted(b, s);
}

void kri_diff_date_words(struct kr_buf *b, const char *s, enum kr_lang L)
{
	date_words(b, s, L);
}

bool kri_diff_long_text(const void *v)
{
	return long_text((json_t *)v);
}

void kri_diff_scalar_words(struct kr_buf *b, json_t *v, enum kr_lang L)
{
	const char *s = json_string_value(v);
	char *dump;

	if (json_is_true(v))
		kr_buf_puts(b, kr_tr(L, "ja", "yes"));
	else if (json_is_false(v))
		kr_buf_puts(b, kr_tr(L, "nee", "no"));
	else if (json_is_integer(v))
		kr_buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (s)
		quoted(b, s);
	else if ((dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY))) {
		quoted(b, dump);
		free(dump);
	}
}

bool kri_diff_in_list(json_t *arr, json_t *v)
{
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
		if (json_equal(e, v))
			return true;
	return false;
}

static size_t count_minus(json_t *a, json_t *other)
{
	size_t i, n = 0;
	json_t *e;
	json_array_foreach(a, i, e)
		n += !kri_diff_in_list(other, e);
	return n;
}

/* The elements of a that are not in other, said by say as one list ("Sam
 * en Ruud"). */
static void list_minus(struct kr_buf *b, json_t *a, json_t *other, bool old, kri_diff_say *say,
                       void *arg, enum kr_lang L)
{
	struct kr_buf one;
	const char **names = NULL;
	char **owned = NULL;
	size_t i, n = 0;
	json_t *e;

	names = calloc(json_array_size(a) + 1, sizeof *names);
	owned = calloc(json_array_size(a) + 1, sizeof *owned);
	if (!names || !owned) {
		b->failed = 1;
		b->why = KR_ENOMEM;
		goto out;
	}
	json_array_foreach(a, i, e) {
		if (kri_diff_in_list(other, e))
			continue;
		kr_buf_init(&one, LINE_MAX_BYTES);
		say(&one, e, old, arg, L);
		owned[n] = kr_buf_steal(&one, NULL);
		names[n] = owned[n] ? owned[n] : "?";
		n++;
	}
	kr_words_list(b, names, n, L);
out:
	for (size_t j = 0; owned && j < n; j++)
		free(owned[j]);
	free(owned);
	free((void *)names);
}

void kri_diff_list_change(struct kr_buf *b, const char *label, json_t *ov, json_t *nv,
                          kri_diff_say *say, void *arg, enum kr_lang L)
{
	size_t plus = count_minus(nv, ov), minus = count_minus(ov, nv);

	kr_buf_printf(b, "%s: ", label);
	if (plus) {
		if (L == KR_LANG_EN)
			kr_buf_puts(b, "added ");
		list_minus(b, nv, ov, false, say, arg, L);
		if (L == KR_LANG_NL)
			kr_buf_puts(b, " erbij");
	}
	if (minus) {
		kr_buf_puts(b, plus ? ", " : "");
		if (L == KR_LANG_EN)
			kr_buf_puts(b, "removed ");
		list_minus(b, ov, nv, true, say, arg, L);
		if (L == KR_LANG_NL)
			kr_buf_puts(b, " eraf");
	}
	if (!plus && !minus)
		kr_buf_puts(b, kr_tr(L, "andere volgorde", "order changed"));
}

void kri_diff_value_change(struct kr_buf *b, json_t *ov, json_t *nv, bool texts,
                           kri_diff_say *say, void *arg, enum kr_lang L)
{
	if (!ov) {
		say(b, nv, false, arg, L);
	} else if (!nv) {
		kr_buf_puts(b, kr_tr(L, "gewist (was ", "cleared (was "));
		say(b, ov, true, arg, L);
		kr_buf_puts(b, ")");
	} else if (texts && json_is_string(nv) && (long_text(ov) || long_text(nv))) {
		/* two long texts would look alike when shortened: say it changed */
		kr_buf_puts(b, kr_tr(L, "aangepast", "changed"));
	} else {
		say(b, ov, true, arg, L);
		kr_buf_puts(b, " \xE2\x86\x92 ");   /* → */
		say(b, nv, false, arg, L);
	}
}

json_t *kri_diff_present(json_t *v)
{
	return v && !json_is_null(v) ? v : NULL;
}

bool kri_diff_add_field(struct kr_change *ch, const char *name, json_t *ov, json_t *nv)
{
	struct kr_field_change *g = realloc(ch->fields, (ch->nfields + 1) * sizeof *g);

	if (!g)
		return false;
	ch->fields = g;
	g = &ch->fields[ch->nfields];
	if (!(g->field = strdup(name)))
		return false;
	g->old_value = ov ? json_incref(ov) : NULL;
	g->new_value = nv ? json_incref(nv) : NULL;
	ch->nfields++;
	return true;
}

struct kr_change *kri_diff_new_change(struct kr_diff *d, const char *collection,
                                      enum kr_change_op op, const char *item, bool *nomem)
{
	struct kr_change *v = realloc(d->v, (d->n + 1) * sizeof *v), *ch;

	if (!v) {
		*nomem = true;
		return NULL;
	}
	d->v = v;
	ch = &v[d->n++];
	memset(ch, 0, sizeof *ch);
	ch->op = op;
	ch->collection = collection;
	if (item && !(ch->item = strdup(item)))
		*nomem = true;
	return ch;
}
