/*
 * settings.c - the signal thresholds of settings.h: their table of keys,
 * defaults and ranges, and reading and writing them through the store.
 * The retention terms have a legal floor and an order (legal_floor).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/settings.h"
#include "kring/store.h"

static const struct kr_setting_info infos[KR_SET__N] = {
	[KR_SET_PERSPECTIVE_WARNING_MONTHS] = { "perspective.warning_months", 6, 1, 60, "months",
		"perspectiefbesluit: waarschuwing na zoveel maanden uit huis",
		"perspective decision: warning after this many months out of home" },
	[KR_SET_PERSPECTIVE_ALERT_MONTHS] = { "perspective.alert_months", 12, 1, 120, "months",
		"perspectiefbesluit: alarm na zoveel maanden uit huis",
		"perspective decision: alert after this many months out of home" },
	[KR_SET_DEVELOPMENT_MONTHS] = { "development.interval_months", 12, 1, 60, "months",
		"ontwikkeling van het kind: onderzoek minstens eens per zoveel maanden",
		"child development: a check at least every this many months" },
	[KR_SET_DEVELOPMENT_YOUNG_MONTHS] = { "development.young_interval_months", 6, 1, 60,
		"months", "jonge kinderen: onderzoek minstens eens per zoveel maanden",
		"young children: a check at least every this many months" },
	[KR_SET_DEVELOPMENT_YOUNG_AGE] = { "development.young_age", 3, 0, 18, "years",
		"jonger dan deze leeftijd geldt de kortere termijn",
		"below this age the shorter interval applies" },
	[KR_SET_PLAN_MISSING_DAYS] = { "plan.missing_after_days", 42, 1, 730, "days",
		"netwerkplan nodig als een plaatsing langer loopt dan zoveel dagen",
		"a network plan is needed once a placement runs longer than this many days" },
	[KR_SET_PLAN_REVIEW_MONTHS] = { "plan.review_months", 6, 1, 60, "months",
		"netwerkplan bespreken minstens eens per zoveel maanden",
		"review the network plan at least every this many months" },
	[KR_SET_WISH_RESPONSE_DAYS] = { "wish.response_days", 28, 1, 365, "days",
		"een wens van het kind krijgt binnen zoveel dagen antwoord",
		"a wish of the child gets an answer within this many days" },
	[KR_SET_HEARD_MIN_AGE] = { "heard.min_age", 8, 0, 18, "years",
		"vanaf deze leeftijd letten we erop of het kind gehoord wordt",
		"from this age we check that the child is heard" },
	[KR_SET_HEARD_WINDOW_MONTHS] = { "heard.window_months", 12, 1, 60, "months",
		"het kind is gehoord als het in zoveel maanden een wens gaf of bij een bijeenkomst was",
		"the child counts as heard after a wish or a meeting within this many months" },
	[KR_SET_OVERLOAD_AGREEMENTS] = { "overload.agreements", 3, 1, 100, "count",
		"te veel gevraagd: iemand uit het netwerk heeft zoveel open afspraken",
		"overload: one network member holds this many open agreements" },
	[KR_SET_OVERLOAD_SHARE_PERCENT] = { "overload.share_percent", 40, 1, 100, "percent",
		"te veel gevraagd: iemand heeft meer dan dit deel van de open afspraken",
		"overload: one person holds more than this share of the open agreements" },
	[KR_SET_OVERLOAD_SHARE_MIN_OPEN] = { "overload.share_min_open", 5, 1, 1000, "count",
		"het deel telt pas vanaf zoveel open afspraken",
		"the share counts only from this many open agreements" },
	[KR_SET_NETWORK_MIN_SIZE] = { "network.min_size", 5, 1, 100, "count",
		"klein netwerk: minder dan zoveel mensen (geen professionals) met een band met het kind",
		"small network: fewer than this many non-professionals with a tie to the child" },
	[KR_SET_CHURN_SAME_ROLE] = { "churn.same_role", 3, 2, 100, "count",
		"wisseling: zoveel professionals in dezelfde rol binnen de periode",
		"churn: this many professionals in the same role within the window" },
	[KR_SET_CHURN_AT_ONCE] = { "churn.at_once", 6, 2, 100, "count",
		"te veel professionals tegelijk: zoveel of meer",
		"too many professionals at once: this many or more" },
	[KR_SET_CHURN_WINDOW_MONTHS] = { "churn.window_months", 12, 1, 120, "months",
		"periode waarover wisselingen van professionals geteld worden",
		"the window in which changes of professional are counted" },
	[KR_SET_MEETING_AFTER_DAYS] = { "meeting.after_days", 42, 1, 730, "days",
		"netwerkbijeenkomst nodig als een plaatsing langer loopt dan zoveel dagen",
		"a network meeting is due once a placement runs longer than this many days" },
	[KR_SET_MEETING_WINDOW_MONTHS] = { "meeting.window_months", 12, 1, 60, "months",
		"minstens een netwerkbijeenkomst per zoveel maanden",
		"at least one network meeting every this many months" },
	[KR_SET_SAFETY_LOW_SCORE] = { "safety.low_score", 3, 0, 10, "points",
		"veiligheid: een score van dit getal of lager is een signaal",
		"safety: a score at or below this is a signal" },
	[KR_SET_SAFETY_DROP_POINTS] = { "safety.drop_points", 3, 1, 10, "points",
		"veiligheid: zoveel punten lager dan de vorige score is een signaal",
		"safety: this many points below the previous score is a signal" },
	[KR_SET_BREAKDOWN_MIN_AGE] = { "breakdown.min_age", 10, 0, 18, "years",
		"risicoprofiel: kind is bij de start van de plaatsing minstens zo oud",
		"risk profile: the child is at least this old when the placement starts" },
	[KR_SET_BREAKDOWN_MIN_EARLIER] = { "breakdown.min_earlier", 2, 1, 50, "count",
		"risicoprofiel: minstens zoveel overplaatsingen of breakdowns voor deze plaatsing",
		"risk profile: at least this many moves or breakdowns before this placement" },
	[KR_SET_INSTABILITY_PLACEMENTS] = { "instability.placements", 2, 2, 50, "count",
		"instabiliteit: zoveel overplaatsingen binnen de periode",
		"instability: this many moves within the window" },
	[KR_SET_INSTABILITY_WINDOW_MONTHS] = { "instability.window_months", 24, 1, 240, "months",
		"periode waarover overplaatsingen geteld worden",
		"the window in which moves are counted" },
	[KR_SET_PATH_HOME_MONTHS] = { "path.home_months", 6, 1, 60, "months",
		"een uithuisplaatsing eindigt pas als het kind zo lang weer thuis woont",
		"a period out of home ends only once the child has lived at home this long" },
	[KR_SET_OVERLOAD_NETWORK_CARER] = { "overload.network_carer_agreements", 2, 1, 100,
		"count", "te veel gevraagd: een netwerkpleegouder heeft zoveel open afspraken",
		"overload: a carer from the child's own network holds this many open agreements" },
	[KR_SET_RECENT_BREAKDOWN_MONTHS] = { "recent_breakdown.months", 6, 1, 60, "months",
		"recente breakdown: een plaatsing brak zo kort geleden af",
		"recent breakdown: a placement broke down this recently" },
	[KR_SET_CRISIS_WARNING_DAYS] = { "crisis.warning_days", 28, 1, 365, "days",
		"crisisopvang: waarschuwing als die zo lang duurt",
		"crisis care: warning when it lasts this long" },
	[KR_SET_CRISIS_ALERT_DAYS] = { "crisis.alert_days", 56, 1, 730, "days",
		"crisisopvang: alarm als die zo lang duurt",
		"crisis care: alert when it lasts this long" },
	[KR_SET_NETWORK_SEARCH_DAYS] = { "network_search.meeting_days", 90, 1, 730, "days",
		"netwerk verkend: een netwerkbijeenkomst binnen zoveel dagen voor de plaatsing",
		"network explored: a network meeting within this many days before the placement" },
	[KR_SET_TIE_WORSENED_MIN_MONTHS] = { "tie_worsened.min_months", 3, 1, 60, "months",
		"verslechterde band: vergelijk met het dossier van minstens zoveel maanden geleden",
		"worsened tie: compare with the case as it was at least this many months ago" },
	[KR_SET_TIE_WORSENED_MAX_MONTHS] = { "tie_worsened.max_months", 12, 1, 120, "months",
		"verslechterde band: en hoogstens zoveel maanden geleden",
		"worsened tie: and at most this many months ago" },
	[KR_SET_CONTACTS_WINDOW_MONTHS] = { "contacts.window_months", 12, 1, 120, "months",
		"verloren contacten: vraag zo lang na de start van het huidige thuis om een eerdere "
		"versie van het dossier (het signaal zelf kijkt sinds de start, hoe lang ook)",
		"lost contacts: ask this long after the current home began for an earlier version of "
		"the case (the signal itself looks since the start, however long ago)" },
	[KR_SET_MATCHING_WINDOW_MONTHS] = { "matching.window_months", 12, 1, 120, "months",
		"matching: kijk naar plaatsingen die zo kort geleden begonnen",
		"matching: look at placements that started this recently" },
	[KR_SET_MATCHING_CHILD_MIN_AGE] = { "matching.child_min_age", 4, 0, 18, "years",
		"matching: vanaf deze leeftijd doet het kind mee aan de keuze",
		"matching: from this age the child takes part in the choice" },
	[KR_SET_FIRST_MEETING_DAYS] = { "matching.first_meeting_days", 0, 0, 90, "days",
		"kennismaking ouders en pleegouders: hoogstens zoveel dagen na de start",
		"first meeting of parents and foster parents: at most this many days after the start" },
	[KR_SET_SETTLING_1_DAYS] = { "settling.checkin1_days", 7, 1, 365, "days",
		"wennen: eerste gesprek zoveel dagen na de start", "settling in: first check-in this "
		"many days after the start" },
	[KR_SET_SETTLING_2_DAYS] = { "settling.checkin2_days", 21, 1, 365, "days",
		"wennen: tweede gesprek", "settling in: second check-in" },
	[KR_SET_SETTLING_3_DAYS] = { "settling.checkin3_days", 42, 1, 365, "days",
		"wennen: derde gesprek", "settling in: third check-in" },
	[KR_SET_SETTLING_4_DAYS] = { "settling.checkin4_days", 84, 1, 365, "days",
		"wennen: vierde gesprek", "settling in: fourth check-in" },
	[KR_SET_SETTLING_5_MONTHS] = { "settling.checkin5_months", 6, 1, 24, "months",
		"wennen: vijfde gesprek, zoveel maanden na de start", "settling in: fifth check-in, "
		"this many months after the start" },
	[KR_SET_SETTLING_6_MONTHS] = { "settling.checkin6_months", 12, 1, 36, "months",
		"wennen: laatste gesprek van het eerste jaar", "settling in: last check-in of the "
		"first year" },
	[KR_SET_SETTLING_GRACE_DAYS] = { "settling.grace_days", 14, 0, 90, "days",
		"wennen: een gesprek is te laat zoveel dagen na zijn dag",
		"settling in: a check-in is overdue this many days after its day" },
	[KR_SET_SETTLING_DROP_POINTS] = { "settling.drop_points", 2, 1, 4, "points",
		"wennen: signaal als een score zoveel punten daalt",
		"settling in: a signal when a score drops this many points" },
	[KR_SET_SETTLING_LOW_SCORE] = { "settling.low_score", 2, 0, 4, "points",
		"wennen: signaal als een score bij het laatste gesprek zo laag is of lager (0: uit)",
		"settling in: a signal when a score at the latest check-in is this low or lower "
		"(0: off)" },
	[KR_SET_SUPPORT_PARENTS_DAYS] = { "support.parents_days", 14, 0, 365, "days",
		"steun voor de ouders: zoveel dagen na de uithuisplaatsing is er iemand",
		"support for the parents: this many days after the removal someone is there" },
	[KR_SET_SUPPORT_WINDOW_MONTHS] = { "support.window_months", 12, 1, 120, "months",
		"steun voor de ouders: kijk zo lang na de uithuisplaatsing",
		"support for the parents: look this long after the removal" },
	[KR_SET_SUPPORT_CONTACT_MONTHS] = { "support.contact_months", 3, 1, 24, "months",
		"contact: de ouders met hun steunpersoon, pleegouders met begeleider of lotgenoot, "
		"minstens eens per zoveel maanden", "contact: the parents with their support person, "
		"foster parents with their worker or a peer, at least every this many months" },
	[KR_SET_RETENTION_YEARS] = { "retention.years", 20, 20, 115, "years",
		"bewaartermijn: een dossier wordt zoveel jaar na het einde van de zorg vernietigd",
		"retention: a case is destroyed this many years after care ended" },
	[KR_SET_RETENTION_MEASURE_YEARS] = { "retention.measure_years", 30, 30, 115, "years",
		"bewaartermijn na een kinderbeschermingsmaatregel (ondertoezichtstelling, voogdij)",
		"retention after a child protection measure (supervision order, guardianship)" },
	[KR_SET_ACTION_TEAM_WEEKS] = { "action_team.weeks", 8, 1, 52, "weeks",
		"actieteam: signaal als het zoveel weken niet is samengekomen",
		"action team: a signal when it has not met for this many weeks" },
};

const struct kr_setting_info *kr_settings_info(enum kr_setting i)
{
	return (unsigned)i < KR_SET__N ? &infos[i] : NULL;
}

void kr_settings_defaults(struct kr_settings *s)
{
	for (int i = 0; i < KR_SET__N; i++)
		s->v[i] = infos[i].def;
}

int kr_settings_find(const char *key)
{
	for (int i = 0; i < KR_SET__N; i++)
		if (key && strcmp(infos[i].key, key) == 0)
			return i;
	return -1;
}

/* Parses a whole number in the setting's range. */
static enum kr_status parse_value(int i, const char *text, int *out, struct kr_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < infos[i].min || v > infos[i].max)
		return kr_error_say(err, KR_EINVAL, "%s: \"%s\" is geen heel getal van %d tot en met %d",
		                    "%s: \"%s\" is not a whole number from %d to %d",
		                    infos[i].key, text, infos[i].min, infos[i].max);
	*out = (int)v;
	return KR_OK;
}

/*
 * The retention terms have a floor set by law (Jeugdwet art. 7.3.10: a
 * youth care file is kept at least 20 years after care ended; kring keeps
 * 30 after a child protection measure, and never less than the general
 * term), so neither can be set below it (their min in infos[]).  A
 * database written before these floors may still hold a shorter term: it
 * is read as the floor, so the law wins without the settings failing to
 * load.
 */
static bool legal_floor(int i)
{
	return i == KR_SET_RETENTION_YEARS || i == KR_SET_RETENTION_MEASURE_YEARS;
}

enum kr_status kr_settings_load(struct kr_store *st, struct kr_settings *s,
                                struct kr_error *err)
{
	kr_settings_defaults(s);
	for (int i = 0; i < KR_SET__N; i++) {
		char *value = NULL;
		char *end;
		long v;
		enum kr_status rc = kr_store_setting_get(st, infos[i].key, &value, err);
		if (!rc && value && legal_floor(i)) {
			v = strtol(value, &end, 10);
			if (end != value && !*end && v >= 1 && v < infos[i].min)
				s->v[i] = infos[i].min;
			else
				rc = parse_value(i, value, &s->v[i], err);
		} else if (!rc && value) {
			rc = parse_value(i, value, &s->v[i], err);
		}
		free(value);
		if (rc)
			return rc;
	}
	return KR_OK;
}

/* A retention term v for setting i is at least the floor (parse_value) and
 * the term after a measure is never shorter than the general one, compared
 * with the other term as it is now.  KR_EINVAL saying what to change. */
static enum kr_status check_terms(struct kr_store *st, int i, int v, struct kr_error *err)
{
	struct kr_settings cur;
	enum kr_status rc;

	if (!legal_floor(i))
		return KR_OK;
	if ((rc = kr_settings_load(st, &cur, err)))
		return rc;
	if (i == KR_SET_RETENTION_YEARS && v > cur.v[KR_SET_RETENTION_MEASURE_YEARS])
		return kr_error_say(err, KR_EINVAL, "retention.years: %d jaar is langer dan "
		                    "retention.measure_years (%d); na een kinderbeschermingsmaatregel "
		                    "blijft een dossier minstens even lang bewaard, dus verhoog eerst "
		                    "retention.measure_years", "retention.years: %d years is longer than "
		                    "retention.measure_years (%d); after a child protection measure a "
		                    "case is kept at least as long, so raise retention.measure_years "
		                    "first", v, cur.v[KR_SET_RETENTION_MEASURE_YEARS]);
	if (i == KR_SET_RETENTION_MEASURE_YEARS && v < cur.v[KR_SET_RETENTION_YEARS])
		return kr_error_say(err, KR_EINVAL, "retention.measure_years: %d jaar is korter dan "
		                    "retention.years (%d); na een kinderbeschermingsmaatregel blijft "
		                    "een dossier minstens even lang bewaard", "retention.measure_years: "
		                    "%d years is shorter than retention.years (%d); after a child "
		                    "protection measure a case is kept at least as long", v,
		                    cur.v[KR_SET_RETENTION_YEARS]);
	return KR_OK;
}

enum kr_status kr_settings_set(struct kr_store *st, const char *key, const char *value,
                               struct kr_error *err)
{
	int i = kr_settings_find(key), v;
	enum kr_status rc;

	if (i < 0)
		return kr_error_say(err, KR_ENOTFOUND,
		                    "er is geen instelling \"%s\" (kring settings toont ze allemaal)",
		                    "no setting \"%s\" (kring settings lists them)", key);
	if (legal_floor(i)) {
		char *end;
		long n = strtol(value, &end, 10);
		if (end != value && !*end && n < infos[i].min)
			return kr_error_say(err, KR_EINVAL, "%s: %ld jaar is korter dan de wet toestaat; "
			                    "een dossier blijft minstens %d jaar bewaard (Jeugdwet, "
			                    "artikel 7.3.10)", "%s: %ld years is shorter than the law "
			                    "allows; a case is kept at least %d years (Youth Act, "
			                    "section 7.3.10)", key, n, infos[i].min);
	}
	if ((rc = parse_value(i, value, &v, err)))
		return rc;
	if ((rc = check_terms(st, i, v, err)))
		return rc;
	char canon[16];
	snprintf(canon, sizeof canon, "%d", v);
	return kr_store_setting_set(st, key, canon, err);
}
