/*
 * date.h - calendar dates as the case format writes them.
 *
 * A date is ISO 8601 `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only that is
 * known.  struct kr_date keeps the precision (month or day 0 when unknown).
 * For arithmetic a date becomes a day number (days since 1970-01-01, proleptic
 * Gregorian); a partial date has a first and a last possible day, and rules
 * choose which one makes them certain rather than guess.
 */
#ifndef KRING_DATE_H
#define KRING_DATE_H

#include <stdbool.h>
#include <time.h>

struct kr_date {
	int y;   /* 0 means "no date" */
	int m;   /* 1..12, or 0 when only the year is known */
	int d;   /* 1..31, or 0 when only year and month are known */
};

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000..9999) into *out.
 * Returns false, leaving *out zeroed, for anything else and for dates that do
 * not exist (2023-02-29, 2024-13-01). */
bool kr_date_parse(const char *s, struct kr_date *out);

/* Parses only a full "YYYY-MM-DD" date. */
bool kr_date_parse_full(const char *s, struct kr_date *out);

/* True when the date is set. */
static inline bool kr_date_valid(struct kr_date d) { return d.y != 0; }

/* Writes the date in its own precision into buf (at least 11 bytes);
 * "" for no date.  Returns buf. */
char *kr_date_format(struct kr_date d, char *buf);

/* Days since 1970-01-01 of a full civil date (no validation). */
long kr_days_from_civil(int y, int m, int d);

/* The inverse of kr_days_from_civil(). */
struct kr_date kr_date_from_days(long days);

/* First and last possible day of a (possibly partial) date as day numbers.
 * Undefined for a date that is not set. */
long kr_date_first(struct kr_date d);
long kr_date_last(struct kr_date d);

/* Day number of the same day n months later (n may be negative); the day is
 * clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28/29). */
long kr_days_add_months(long day, int n);

/* Whole years between birth and on, counting from the LAST possible day of a
 * partial birth date, so the age is never overstated.  -1 when born is not
 * set or lies after on. */
int kr_age_years(struct kr_date born, long on);

/* Today's date in UTC as a day number, by the configured clock (kr_now). */
long kr_today(void);

/* Number of days in month m of year y. */
int kr_days_in_month(int y, int m);

/* A moment (seconds since the epoch) as the ISO 8601 UTC time stamp the
 * store, the audit trail and the HTTP API write: "2026-11-23T09:30:00Z",
 * NUL-terminated in out.  A moment gmtime cannot represent is written as
 * "1970-01-01T00:00:00Z".  Never fails. */
#define KR_DATE_STAMP_LEN 21
void kr_date_timestamp(time_t t, char out[KR_DATE_STAMP_LEN]);

#endif
