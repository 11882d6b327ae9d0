/*
 * settings.h - an organisation's thresholds for the signal rules, and how
 * long it keeps a case after care ended (retention.h).
 *
 * Every threshold of docs/signals.md has a key ("perspective.warning_months"),
 * a default (the one signals.md gives), a sane range and a description in
 * Dutch and English.  The values live in the store's settings table; a key
 * that was never set has its default.
 */
#ifndef KRING_SETTINGS_H
#define KRING_SETTINGS_H

#include <stddef.h>

#include "kring/error.h"
#include "kring/lang.h"

struct kr_store;

enum kr_setting {
	KR_SET_PERSPECTIVE_WARNING_MONTHS,
	KR_SET_PERSPECTIVE_ALERT_MONTHS,
	KR_SET_DEVELOPMENT_MONTHS,
	KR_SET_DEVELOPMENT_YOUNG_MONTHS,
	KR_SET_DEVELOPMENT_YOUNG_AGE,
	KR_SET_PLAN_MISSING_DAYS,
	KR_SET_PLAN_REVIEW_MONTHS,
	KR_SET_WISH_RESPONSE_DAYS,
	KR_SET_HEARD_MIN_AGE,
	KR_SET_HEARD_WINDOW_MONTHS,
	KR_SET_OVERLOAD_AGREEMENTS,
	KR_SET_OVERLOAD_SHARE_PERCENT,
	KR_SET_OVERLOAD_SHARE_MIN_OPEN,
	KR_SET_NETWORK_MIN_SIZE,
	KR_SET_CHURN_SAME_ROLE,
	KR_SET_CHURN_AT_ONCE,
	KR_SET_CHURN_WINDOW_MONTHS,
	KR_SET_MEETING_AFTER_DAYS,
	KR_SET_MEETING_WINDOW_MONTHS,
	KR_SET_SAFETY_LOW_SCORE,
	KR_SET_SAFETY_DROP_POINTS,
	KR_SET_BREAKDOWN_MIN_AGE,
	KR_SET_BREAKDOWN_MIN_EARLIER,
	KR_SET_INSTABILITY_PLACEMENTS,
	KR_SET_INSTABILITY_WINDOW_MONTHS,
	KR_SET_PATH_HOME_MONTHS,
	KR_SET_OVERLOAD_NETWORK_CARER,
	KR_SET_RECENT_BREAKDOWN_MONTHS,
	KR_SET_CRISIS_WARNING_DAYS,
	KR_SET_CRISIS_ALERT_DAYS,
	KR_SET_NETWORK_SEARCH_DAYS,
	KR_SET_TIE_WORSENED_MIN_MONTHS,
	KR_SET_TIE_WORSENED_MAX_MONTHS,
	KR_SET_CONTACTS_WINDOW_MONTHS,
	KR_SET_MATCHING_WINDOW_MONTHS,   /* placements[].matching: placements this recent */
	KR_SET_MATCHING_CHILD_MIN_AGE,   /* ... the child takes part from this age */
	KR_SET_FIRST_MEETING_DAYS,       /* ... first meeting at most this long after the start */
	KR_SET_SETTLING_1_DAYS,          /* the settling-in schedule: check-ins after ... */
	KR_SET_SETTLING_2_DAYS,
	KR_SET_SETTLING_3_DAYS,
	KR_SET_SETTLING_4_DAYS,
	KR_SET_SETTLING_5_MONTHS,
	KR_SET_SETTLING_6_MONTHS,
	KR_SET_SETTLING_GRACE_DAYS,      /* ... overdue this long after its day */
	KR_SET_SETTLING_DROP_POINTS,     /* ... a score dropping this much */
	KR_SET_SETTLING_LOW_SCORE,       /* ... or this low at the latest check-in */
	KR_SET_SUPPORT_PARENTS_DAYS,     /* parents without support: this long after removal */
	KR_SET_SUPPORT_WINDOW_MONTHS,    /* ... within this long after it */
	KR_SET_SUPPORT_CONTACT_MONTHS,   /* support and foster parents: a contact this recent */
	KR_SET_RETENTION_YEARS,          /* retention.h: years a case is kept after care */
	KR_SET_RETENTION_MEASURE_YEARS,  /* ... after a child protection measure */
	KR_SET_ACTION_TEAM_WEEKS,        /* an action team meets at least this often */
	KR_SET__N
};

struct kr_settings {
	int v[KR_SET__N];
};

struct kr_setting_info {
	const char *key;
	int def, min, max;
	const char *unit;       /* "months", "days", "years", "count", "percent", "points" */
	const char *nl, *en;    /* what it sets */
};

/* The description of setting i (static). */
const struct kr_setting_info *kr_settings_info(enum kr_setting i);

/* Fills *s with the defaults of signals.md.  Never fails. */
void kr_settings_defaults(struct kr_settings *s);

/* Fills *s from the store: defaults overlaid with the stored values.
 * Fails with KR_EDB, or KR_EINVAL when a stored value is out of range. */
enum kr_status kr_settings_load(struct kr_store *st, struct kr_settings *s,
                                struct kr_error *err);

/* Index of the setting with this key, or -1. */
int kr_settings_find(const char *key);

/* Checks and stores one value given as text ("9").  KR_ENOTFOUND for an
 * unknown key, KR_EINVAL for a value that is not a whole number within the
 * setting's range (the message says the range). */
enum kr_status kr_settings_set(struct kr_store *st, const char *key, const char *value,
                               struct kr_error *err);

#endif
