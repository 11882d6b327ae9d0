/*
 * enum.c - the enumerations of kring-case/1: their names in the document
 * and their one label per language (enum.h).  A new value is one line in
 * each of the three tables of its enumeration; the static asserts keep the
 * tables and the enum declarations in case.h the same length.
 *
 * The labels are plain Dutch (B1) and short enough for a legend; where the
 * sources use a fixed term (vertrouwensfiguur, gezin van herkomst,
 * Eigen Kracht-conferentie) that term is the label.  docs/glossary.md lists
 * every label; the browser's catalogues take them from GET /api/meta.
 */
#include <string.h>

#include "kring/account.h"
#include "kring/case.h"
#include "kring/enum.h"
#include "kring/family.h"
#include "kring/signals.h"
#include "kring/summary.h"

struct table {
	const char *id;
	const char *const *names, *const *nl, *const *en;
	int n;
};

#define TABLE(id, names, nl, en) { id, names, nl, en, (int)(sizeof names / sizeof *names) }
#define SAME_LENGTH(a, b, c, n)                                                   \
	_Static_assert(sizeof a / sizeof *a == (n) && sizeof b / sizeof *b == (n) && \
	               sizeof c / sizeof *c == (n), #a)

static const char *const sex_names[] = { "", "m", "f", "x", "unknown" };
static const char *const sex_nl[] = { "", "man of jongen", "vrouw of meisje", "x (non-binair)",
	"onbekend" };
static const char *const sex_en[] = { "", "male", "female", "x (non-binary)", "unknown" };
SAME_LENGTH(sex_names, sex_nl, sex_en, KR_SEX__N);

static const char *const role_names[] = { "", "child", "parent", "step_parent", "sibling",
	"half_sibling", "grandparent", "aunt_uncle", "cousin", "foster_parent",
	"foster_sibling", "family_home_parent", "friend", "neighbour", "teacher", "coach",
	"mentor", "religious", "foster_care_worker", "guardian", "social_team", "therapist",
	"other_professional", "other" };
static const char *const role_nl[] = { "", "kind", "ouder", "stiefouder", "broer of zus",
	"halfbroer of halfzus", "opa of oma", "oom of tante", "neef of nicht", "pleegouder",
	"pleegbroer of pleegzus", "gezinshuisouder", "vriend of vriendin",
	"buurman of buurvrouw", "leerkracht", "trainer of coach", "mentor (JIM)",
	"geestelijk begeleider", "pleegzorgbegeleider", "jeugdbeschermer", "wijkteam",
	"behandelaar", "andere professional", "anders" };
static const char *const role_en[] = { "", "child", "parent", "step-parent", "sibling",
	"half-sibling", "grandparent", "aunt or uncle", "cousin", "foster parent",
	"foster sibling", "family-home parent", "friend", "neighbour", "teacher", "coach",
	"mentor (JIM)", "faith leader", "foster care worker", "child protection worker",
	"social team", "therapist", "other professional", "other" };
SAME_LENGTH(role_names, role_nl, role_en, KR_ROLE__N);

static const char *const world_names[] = { "", "origin", "foster", "shared", "professional" };
static const char *const world_nl[] = { "", "gezin van herkomst", "pleeggezin", "gedeeld",
	"professionals" };
static const char *const world_en[] = { "", "family of origin", "foster family", "shared",
	"professionals" };
SAME_LENGTH(world_names, world_nl, world_en, KR_WORLD__N);

static const char *const segment_names[] = { "", "household", "family", "friends",
	"school_work", "leisure", "neighbourhood", "religion", "online", "professionals" };
static const char *const segment_nl[] = { "", "huishouden", "familie", "vrienden",
	"school en werk", "vrije tijd", "buurt", "geloof", "online", "professionals" };
static const char *const segment_en[] = { "", "household", "family", "friends",
	"school and work", "leisure", "neighbourhood", "religion", "online", "professionals" };
SAME_LENGTH(segment_names, segment_nl, segment_en, KR_SEG__N);

static const char *const strength_names[] = { "", "strong", "normal", "weak" };
static const char *const strength_nl[] = { "", "sterk", "gewoon", "zwak" };
static const char *const strength_en[] = { "", "strong", "normal", "weak" };
SAME_LENGTH(strength_names, strength_nl, strength_en, KR_STRENGTH__N);

static const char *const quality_names[] = { "", "positive", "neutral", "ambivalent",
	"conflict", "broken" };
static const char *const quality_nl[] = { "", "goed", "neutraal", "wisselend", "conflict",
	"verbroken" };
static const char *const quality_en[] = { "", "positive", "neutral", "ambivalent",
	"conflict", "broken" };
SAME_LENGTH(quality_names, quality_nl, quality_en, KR_QUALITY__N);

static const char *const frequency_names[] = { "", "daily", "weekly", "monthly", "yearly",
	"rarely", "never" };
static const char *const frequency_nl[] = { "", "elke dag", "elke week", "elke maand",
	"een paar keer per jaar", "bijna nooit", "nooit" };
static const char *const frequency_en[] = { "", "daily", "weekly", "monthly",
	"a few times a year", "rarely", "never" };
SAME_LENGTH(frequency_names, frequency_nl, frequency_en, KR_FREQ__N);

static const char *const support_names[] = { "", "emotional", "practical", "information",
	"respite", "financial" };
static const char *const support_nl[] = { "", "luisteren en troosten", "praktische hulp",
	"informatie en advies", "ontlasten", "geld of spullen" };
static const char *const support_en[] = { "", "listening and comfort", "practical help",
	"information and advice", "respite", "money or goods" };
SAME_LENGTH(support_names, support_nl, support_en, KR_SUPPORT__N);

static const char *const direction_names[] = { "", "a_to_b", "b_to_a", "mutual" };
static const char *const direction_nl[] = { "", "a steunt b", "b steunt a",
	"ze steunen elkaar" };
static const char *const direction_en[] = { "", "a supports b", "b supports a",
	"they support each other" };
SAME_LENGTH(direction_names, direction_nl, direction_en, KR_DIR__N);

static const char *const kin_type_names[] = { "", "parent", "partners" };
static const char *const kin_type_nl[] = { "", "ouder en kind", "partners" };
static const char *const kin_type_en[] = { "", "parent and child", "partners" };
SAME_LENGTH(kin_type_names, kin_type_nl, kin_type_en, KR_KIN__N);

static const char *const kin_kind_names[] = { "", "birth", "adoptive", "foster", "step" };
static const char *const kin_kind_nl[] = { "", "biologisch", "adoptief", "pleeg", "stief" };
static const char *const kin_kind_en[] = { "", "birth", "adoptive", "foster", "step" };
SAME_LENGTH(kin_kind_names, kin_kind_nl, kin_kind_en, KR_KIND__N);

static const char *const partner_names[] = { "", "married", "cohabiting", "separated",
	"divorced", "widowed" };
static const char *const partner_nl[] = { "", "getrouwd", "samenwonend", "uit elkaar",
	"gescheiden", "partner overleden" };
static const char *const partner_en[] = { "", "married", "cohabiting", "separated",
	"divorced", "widowed" };
SAME_LENGTH(partner_names, partner_nl, partner_en, KR_PARTNER__N);

static const char *const form_names[] = { "", "informal_network", "support_family",
	"foster_parttime", "foster_fulltime", "crisis", "family_home", "residential", "home" };
static const char *const form_nl[] = { "", "opvang in het netwerk", "steungezin",
	"deeltijdpleegzorg", "voltijdpleegzorg", "crisisopvang", "gezinshuis", "leefgroep",
	"thuis" };
static const char *const form_en[] = { "", "care in the network", "support family",
	"part-time foster care", "full-time foster care", "crisis care", "family home",
	"residential care", "home" };
SAME_LENGTH(form_names, form_nl, form_en, KR_FORM__N);

static const char *const variant_names[] = { "", "care", "upbringing" };
static const char *const variant_nl[] = { "", "hulpverleningsvariant", "opvoedingsvariant" };
static const char *const variant_en[] = { "", "care variant", "upbringing variant" };
SAME_LENGTH(variant_names, variant_nl, variant_en, KR_VARIANT__N);

static const char *const end_names[] = { "", "planned", "breakdown", "return_home",
	"adulthood", "other" };
static const char *const end_nl[] = { "", "volgens plan", "breakdown", "terug naar huis",
	"meerderjarig", "anders" };
static const char *const end_en[] = { "", "as planned", "breakdown", "return home",
	"adulthood", "other" };
SAME_LENGTH(end_names, end_nl, end_en, KR_END__N);

static const char *const event_names[] = { "", "birth", "death", "loss", "move",
	"school_change", "placement_start", "placement_end", "breakdown",
	"professional_change", "perspective_decision", "development_check", "meeting",
	"other" };
static const char *const event_nl[] = { "", "geboorte", "overlijden", "verlies",
	"verhuizing", "nieuwe school", "start plaatsing", "einde plaatsing", "breakdown",
	"andere hulpverlener", "perspectiefbesluit", "ontwikkelingsonderzoek", "bijeenkomst",
	"anders" };
static const char *const event_en[] = { "", "birth", "death", "loss", "move",
	"school change", "placement start", "placement end", "breakdown",
	"change of professional", "perspective decision", "development check", "meeting",
	"other" };
SAME_LENGTH(event_names, event_nl, event_en, KR_EV__N);

static const char *const meeting_names[] = { "", "diy", "family_group_conference",
	"round_table", "signs_of_safety", "other", "action_team" };
static const char *const meeting_nl[] = { "", "doe-het-zelf", "Eigen Kracht-conferentie",
	"rondetafel", "Signs of Safety", "anders", "actieteamoverleg" };
static const char *const meeting_en[] = { "", "do-it-yourself", "family group conference",
	"round table", "Signs of Safety", "other", "action team meeting" };
SAME_LENGTH(meeting_names, meeting_nl, meeting_en, KR_MEET__N);

static const char *const continuum_names[] = { "", "A", "B", "C", "D" };
SAME_LENGTH(continuum_names, continuum_names, continuum_names, KR_CONT__N);

static const char *const agreement_names[] = { "", "open", "done", "dropped" };
static const char *const agreement_nl[] = { "", "open", "afgerond", "vervallen" };
static const char *const agreement_en[] = { "", "open", "done", "dropped" };
SAME_LENGTH(agreement_names, agreement_nl, agreement_en, KR_AGR__N);

static const char *const search_names[] = { "", "found", "none_available", "not_suitable",
	"declined", "other" };
static const char *const search_nl[] = { "", "iemand uit het netwerk gevonden",
	"niemand beschikbaar", "niet passend", "familie wilde het niet", "anders" };
static const char *const search_en[] = { "", "someone from the network found",
	"nobody available", "not suitable", "the family declined", "other" };
SAME_LENGTH(search_names, search_nl, search_en, KR_SEARCH__N);

static const char *const visibility_names[] = { "", "all", "professionals" };
static const char *const visibility_nl[] = { "", "iedereen", "alleen professionals" };
static const char *const visibility_en[] = { "", "everyone", "professionals only" };
SAME_LENGTH(visibility_names, visibility_nl, visibility_en, KR_VIS__N);

/* The referrers and the reasons for ending of CBS Beleidsinformatie Jeugd,
 * in CBS's own Dutch words. */
static const char *const referrer_names[] = { "", "municipal_access", "gp", "youth_doctor",
	"certified_institution", "medical_specialist", "court", "none_other" };
static const char *const referrer_nl[] = { "", "gemeentelijke toegang", "huisarts",
	"jeugdarts", "gecertificeerde instelling", "medisch specialist",
	"rechter, Raad voor de Kinderbescherming of OM", "geen verwijzer of overig" };
static const char *const referrer_en[] = { "", "municipal access team", "general practitioner",
	"youth health doctor", "certified institution (child protection)", "medical specialist",
	"court, Child Protection Board or public prosecutor", "no referrer or other" };
SAME_LENGTH(referrer_names, referrer_nl, referrer_en, KR_REF__N);

static const char *const closed_names[] = { "", "as_planned", "early_agreed",
	"early_by_family", "early_by_provider", "moved_away", "other" };
static const char *const closed_nl[] = { "", "volgens plan", "voortijdig, in overeenstemming",
	"voortijdig, eenzijdig door de jeugdige of ouders", "voortijdig, eenzijdig door de aanbieder",
	"verhuizing", "overig" };
static const char *const closed_en[] = { "", "as planned", "early, by agreement",
	"early, unilaterally by the youth or parents", "early, unilaterally by the provider",
	"the family moved", "other" };
SAME_LENGTH(closed_names, closed_nl, closed_en, KR_CLOSED__N);

/* The foster family register (family.h). */
static const char *const famkind_names[] = { "", "foster_family", "family_home" };
static const char *const famkind_nl[] = { "", "pleeggezin", "gezinshuis" };
static const char *const famkind_en[] = { "", "foster family", "family home" };
SAME_LENGTH(famkind_names, famkind_nl, famkind_en, KR_FAMKIND__N);

static const char *const famcare_names[] = { "", "network", "stranger" };
static const char *const famcare_nl[] = { "", "netwerkpleegzorg", "bestandspleegzorg" };
static const char *const famcare_en[] = { "", "network foster care",
	"foster care outside the network" };
SAME_LENGTH(famcare_names, famcare_nl, famcare_en, KR_FAMCARE__N);

static const char *const avail_names[] = { "", "available", "full", "paused", "stopped" };
static const char *const avail_nl[] = { "", "beschikbaar", "vol", "even niet", "gestopt" };
static const char *const avail_en[] = { "", "available", "full", "on hold", "stopped" };
SAME_LENGTH(avail_names, avail_nl, avail_en, KR_AVAIL__N);

static const char *const household_names[] = { "", "foster_parent", "family_home_parent",
	"own_child", "other_adult", "other_child" };
static const char *const household_nl[] = { "", "pleegouder", "gezinshuisouder", "eigen kind",
	"andere volwassene", "ander kind in huis" };
static const char *const household_en[] = { "", "foster parent", "family-home parent",
	"own child", "other adult", "other child in the home" };
SAME_LENGTH(household_names, household_nl, household_en, KR_HH__N);

/* How the child took part in the matching (placements[].matching). */
static const char *const involvement_names[] = { "", "chose", "visited", "heard", "informed",
	"not_involved" };
static const char *const involvement_nl[] = { "", "koos mee", "ging eerst op kennismaking",
	"is gehoord", "alleen verteld", "niet betrokken" };
static const char *const involvement_en[] = { "", "chose along", "visited first", "was heard",
	"only told", "not involved" };
SAME_LENGTH(involvement_names, involvement_nl, involvement_en, KR_INVOLVE__N);

/* The 1-5 scale of a settling-in check-in, in words. */
static const char *const score_names[] = { "", "1", "2", "3", "4", "5" };
static const char *const score_nl[] = { "", "gaat heel moeilijk", "gaat moeilijk",
	"wisselend", "gaat goed", "gaat heel goed" };
static const char *const score_en[] = { "", "very hard", "hard", "up and down", "going well",
	"going very well" };
SAME_LENGTH(score_names, score_nl, score_en, 6);

/* Words that are not in the case format but that people read next to it:
 * a signal's level (signals.h), a factor's status (summary.h) and the role
 * of an account (account.h).  Those C enums count from 0; here, as in
 * every table, 0 is "absent", so value k of the C enum is k + 1. */
static const char *const level_names[] = { "", "info", "warning", "alert" };
static const char *const level_nl[] = { "", "info", "let op", "alarm" };
static const char *const level_en[] = { "", "info", "warning", "alert" };
SAME_LENGTH(level_names, level_nl, level_en, KR_LEVEL_ALERT + 2);

static const char *const fstatus_names[] = { "", "ok", "watch", "concern" };
static const char *const fstatus_nl[] = { "", "gaat goed", "let op", "zorg" };
static const char *const fstatus_en[] = { "", "going well", "watch", "concern" };
SAME_LENGTH(fstatus_names, fstatus_nl, fstatus_en, KR_FACTOR_CONCERN + 2);

static const char *const account_names[] = { "", "worker", "lead", "analyst", "admin" };
static const char *const account_nl[] = { "", "begeleider", "teamleider", "analist",
	"beheerder" };
static const char *const account_en[] = { "", "worker", "team lead", "analyst",
	"administrator" };
SAME_LENGTH(account_names, account_nl, account_en, KR_ACCOUNT_ADMIN + 2);

static const struct table tables[KR_ENUM__N] = {
	[KR_ENUM_SEX] = TABLE("sex", sex_names, sex_nl, sex_en),
	[KR_ENUM_ROLE] = TABLE("role", role_names, role_nl, role_en),
	[KR_ENUM_WORLD] = TABLE("world", world_names, world_nl, world_en),
	[KR_ENUM_SEGMENT] = TABLE("segment", segment_names, segment_nl, segment_en),
	[KR_ENUM_STRENGTH] = TABLE("strength", strength_names, strength_nl, strength_en),
	[KR_ENUM_QUALITY] = TABLE("quality", quality_names, quality_nl, quality_en),
	[KR_ENUM_FREQUENCY] = TABLE("frequency", frequency_names, frequency_nl, frequency_en),
	[KR_ENUM_SUPPORT] = TABLE("support", support_names, support_nl, support_en),
	[KR_ENUM_DIRECTION] = TABLE("direction", direction_names, direction_nl, direction_en),
	[KR_ENUM_KIN_TYPE] = TABLE("kin_type", kin_type_names, kin_type_nl, kin_type_en),
	[KR_ENUM_KIN_KIND] = TABLE("kin_kind", kin_kind_names, kin_kind_nl, kin_kind_en),
	[KR_ENUM_PARTNER_STATUS] = TABLE("partner_status", partner_names, partner_nl,
	                                 partner_en),
	[KR_ENUM_FORM] = TABLE("form", form_names, form_nl, form_en),
	[KR_ENUM_VARIANT] = TABLE("variant", variant_names, variant_nl, variant_en),
	[KR_ENUM_END_REASON] = TABLE("end_reason", end_names, end_nl, end_en),
	[KR_ENUM_EVENT_TYPE] = TABLE("event_type", event_names, event_nl, event_en),
	[KR_ENUM_MEETING_TYPE] = TABLE("meeting_type", meeting_names, meeting_nl, meeting_en),
	[KR_ENUM_CONTINUUM] = TABLE("continuum", continuum_names, continuum_names,
	                            continuum_names),
	[KR_ENUM_AGREEMENT_STATUS] = TABLE("agreement_status", agreement_names, agreement_nl,
	                                   agreement_en),
	[KR_ENUM_SEARCH_OUTCOME] = TABLE("search_outcome", search_names, search_nl, search_en),
	[KR_ENUM_VISIBILITY] = TABLE("visibility", visibility_names, visibility_nl,
	                             visibility_en),

	[KR_ENUM_REFERRER] = TABLE("referrer", referrer_names, referrer_nl, referrer_en),
	[KR_ENUM_CLOSED_REASON] = TABLE("closed_reason", closed_names, closed_nl, closed_en),
	[KR_ENUM_FAMILY_KIND] = TABLE("family_kind", famkind_names, famkind_nl, famkind_en),
	[KR_ENUM_FAMILY_CARE] = TABLE("family_care", famcare_names, famcare_nl, famcare_en),
	[KR_ENUM_AVAILABILITY] = TABLE("availability", avail_names, avail_nl, avail_en),
	[KR_ENUM_HOUSEHOLD_ROLE] = TABLE("household_role", household_names, household_nl,
	                                 household_en),
	[KR_ENUM_INVOLVEMENT] = TABLE("involvement", involvement_names, involvement_nl,
	                              involvement_en),
	[KR_ENUM_SETTLING_SCORE] = TABLE("settling_score", score_names, score_nl, score_en),
	[KR_ENUM_LEVEL] = TABLE("level", level_names, level_nl, level_en),
	[KR_ENUM_FACTOR_STATUS] = TABLE("factor_status", fstatus_names, fstatus_nl, fstatus_en),
	[KR_ENUM_ACCOUNT_ROLE] = TABLE("account_role", account_names, account_nl, account_en),
};

const char *kr_enum_name(enum kr_enum e, int value)
{
	if ((unsigned)e >= KR_ENUM__N || value < 0 || value >= tables[e].n)
		return "";
	return tables[e].names[value];
}

int kr_enum_value(enum kr_enum e, const char *name)
{
	if ((unsigned)e >= KR_ENUM__N || !name)
		return 0;
	for (int i = 1; i < tables[e].n; i++)
		if (strcmp(tables[e].names[i], name) == 0)
			return i;
	return 0;
}

int kr_enum_count(enum kr_enum e)
{
	return (unsigned)e < KR_ENUM__N ? tables[e].n : 0;
}

const char *kr_enum_id(enum kr_enum e)
{
	return (unsigned)e < KR_ENUM__N ? tables[e].id : "";
}

const char *kr_enum_label(enum kr_enum e, int value, enum kr_lang lang)
{
	if ((unsigned)e >= KR_ENUM__N || value <= 0 || value >= tables[e].n)
		return "";
	return lang == KR_LANG_EN ? tables[e].en[value] : tables[e].nl[value];
}

const char *kr_enum_role_label(unsigned roles, enum kr_lang lang)
{
	for (int r = 1; r < KR_ROLE__N; r++)
		if (roles & KR_ROLE_BIT(r))
			return kr_enum_label(KR_ENUM_ROLE, r, lang);
	return "";
}
