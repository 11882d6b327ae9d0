/*
 * enum.h - the enumerations of the case format (kring-case/1) by name and
 * by label: the one vocabulary of kring.
 *
 * Every value of every enumeration has its name in the document ("foster")
 * and one label for people in Dutch and in English ("pleeggezin", "foster
 * family").  The command line, the renderers, the signals and the browser
 * (through GET /api/meta) all take their words from here, so one concept
 * has one word everywhere.  docs/glossary.md lists them.
 */
#ifndef KRING_ENUM_H
#define KRING_ENUM_H

#include "kring/lang.h"

/* The enumerations; the value types are in case.h (enum kr_world, ...) and
 * family.h (enum kr_family_kind, ...). */
enum kr_enum {
	KR_ENUM_SEX, KR_ENUM_ROLE, KR_ENUM_WORLD, KR_ENUM_SEGMENT, KR_ENUM_STRENGTH,
	KR_ENUM_QUALITY, KR_ENUM_FREQUENCY, KR_ENUM_SUPPORT, KR_ENUM_DIRECTION,
	KR_ENUM_KIN_TYPE, KR_ENUM_KIN_KIND, KR_ENUM_PARTNER_STATUS, KR_ENUM_FORM,
	KR_ENUM_VARIANT, KR_ENUM_END_REASON, KR_ENUM_EVENT_TYPE, KR_ENUM_MEETING_TYPE,
	KR_ENUM_CONTINUUM, KR_ENUM_AGREEMENT_STATUS, KR_ENUM_SEARCH_OUTCOME, KR_ENUM_VISIBILITY,
	KR_ENUM_REFERRER, KR_ENUM_CLOSED_REASON,
	/* the foster family register (family.h) and the first year (case.h) */
	KR_ENUM_FAMILY_KIND, KR_ENUM_FAMILY_CARE, KR_ENUM_AVAILABILITY, KR_ENUM_HOUSEHOLD_ROLE,
	KR_ENUM_INVOLVEMENT, KR_ENUM_SETTLING_SCORE,
	/* words read next to the case: a signal's level (enum kr_level), a
	 * factor's status (enum kr_factor_status), an account's role (enum
	 * kr_account_role).  Those C enums start at 0, the tables at 1 (0 is
	 * "absent" in every table): pass the C value + 1, e.g.
	 * kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_ALERT + 1, lang) is "alarm". */
	KR_ENUM_LEVEL, KR_ENUM_FACTOR_STATUS, KR_ENUM_ACCOUNT_ROLE, KR_ENUM__N
};

/* The name of value in the document: kr_enum_name(KR_ENUM_WORLD,
 * KR_WORLD_FOSTER) is "foster".  Static; "" for 0 ("absent") and for a value
 * out of range. */
const char *kr_enum_name(enum kr_enum e, int value);

/* The inverse of kr_enum_name(): the value named name, or 0 for an unknown
 * name or NULL. */
int kr_enum_value(enum kr_enum e, const char *name);

/* Number of values including the 0 "absent" value (e.g. KR_WORLD__N); 0 for
 * an unknown enumeration. */
int kr_enum_count(enum kr_enum e);

/* The name of the enumeration itself as /api/meta and the glossary use it
 * ("world", "form", "agreement_status").  Static; "" when out of range. */
const char *kr_enum_id(enum kr_enum e);

/* The label of value for people, in lang: kr_enum_label(KR_ENUM_WORLD,
 * KR_WORLD_FOSTER, KR_LANG_NL) is "pleeggezin".  Static; "" for 0 and for a
 * value out of range. */
const char *kr_enum_label(enum kr_enum e, int value, enum kr_lang lang);

/* The label of the first role in a bit set of roles (1u << KR_ROLE_x), in
 * the order of the enumeration; "" when the set is empty.  Static. */
const char *kr_enum_role_label(unsigned roles, enum kr_lang lang);

#endif
