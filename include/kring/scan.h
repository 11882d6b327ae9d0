/*
 * scan.h - the Community Scan: the child's network in segments (household,
 * family, friends, school/work, leisure, neighbourhood, religion, online,
 * professionals), with each person's importance and contact frequency and
 * one value from 0 to 10 per segment.  The values are what the spider-web
 * picture (kring render scan) and the workbook (kring export-scan) show;
 * repeated over time they show where the network grows or thins out.
 *
 * The formula, in words a worker can check by hand (docs/instruments-scan-
 * flower.md has a worked example):
 *   importance  3 very important (strong tie with the child, or trust figure)
 *               2 important      (normal tie, or a tie without a strength)
 *               1 less important (weak tie, or no tie with the child recorded)
 *               a tense tie (ambivalent, conflict) counts one step lower (not
 *               below 1); a broken tie counts 0.
 *   contact     4 daily, 3 weekly, 2 monthly, 1 yearly or rarely, 0 never;
 *               1 when the frequency is unknown or there is no tie.
 *   points      importance x contact (0..12 per person).
 *   value       the segment's points divided by 3, at most 10.0, rounded to
 *               one decimal.  So three very important people seen every day
 *               (3 x 12 = 36 points) fill a segment.
 * Who counts: everyone in the case except the child, people who died on or
 * before the day (or were not yet born), and professionals whose involved
 * periods do not cover the day.  A person without a segment gets one from
 * their roles (parent -> family, foster parent -> household, teacher ->
 * school/work, ...); a person whose roles give none is left out.
 */
#ifndef KRING_SCAN_H
#define KRING_SCAN_H

#include <stddef.h>

#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"

/* The highest segment value, and the value under which a segment is called
 * weak ("zwak").  A segment with nobody in it is empty ("leeg"). */
#define KR_SCAN_MAX 10.0
#define KR_SCAN_WEAK 2.0

/* The state of one segment, for labels. */
enum kr_scan_state { KR_SCAN_EMPTY, KR_SCAN_WEAKSEG, KR_SCAN_OK };

/* One person in the scan. */
struct kr_scan_person {
	int person;                 /* person index in the case */
	enum kr_segment segment;    /* the person's segment (given or derived) */
	int has_tie;                /* 1 when a tie with the child is recorded */
	int importance;             /* 0..3, see above */
	enum kr_frequency frequency;/* the tie's frequency; KR_FREQ_NONE when unknown */
	int contact;                /* 0..4, see above */
	int points;                 /* importance * contact, 0..12 */
};

/* One segment. */
struct kr_scan_segment {
	size_t count;               /* people in it */
	int points;                 /* sum of their points */
	double value;               /* min(10, points / 3), one decimal */
	enum kr_scan_state state;
};

struct kr_scan {
	long as_of;                 /* the day the scan is from */
	struct kr_scan_segment seg[KR_SEG__N];   /* indexed by enum kr_segment; [0] unused */
	struct kr_scan_person *people;   /* ordered by segment, then points (high first),
	                                    then document order; owned */
	size_t npeople;
	size_t nunplaced;           /* people left out because no segment could be derived */
};

/* Computes the Community Scan of case c as of day `as_of` (a day number).
 * *out is overwritten; release it with kr_scan_cleanup().  Fails only with
 * KR_ENOMEM (out is then empty). */
enum kr_status kr_scan_compute(const struct kr_case *c, long as_of, struct kr_scan *out,
                               struct kr_error *err);

/* Frees the people array and empties the scan.  Accepts NULL. */
void kr_scan_cleanup(struct kr_scan *s);

/* The segment person i belongs to for the scan: its own segment, else one
 * derived from its roles, else KR_SEG_NONE. */
enum kr_segment kr_scan_person_segment(const struct kr_case *c, int i);

/* True (1) when person i counts in the network on day `as_of`: not the
 * child, born and alive on that day, and (for professionals with involved
 * periods) involved on that day. */
int kr_scan_person_current(const struct kr_case *c, int i, long as_of);

/* Importance (0..3) and contact points (0..4) as defined above, for a person
 * with tie t to the child (t NULL: no tie). */
int kr_scan_importance(const struct kr_tie *t);
int kr_scan_contact(const struct kr_tie *t);

/* The segments in the order the scan shows them (household first,
 * professionals last): KR_SEG__N - 1 entries. */
extern const enum kr_segment kr_scan_order[KR_SEG__N - 1];

/* Dutch or English name of a segment ("school en werk", "school and work"),
 * and of a state ("leeg"/"empty", "zwak"/"weak", "" for KR_SCAN_OK).
 * Static strings. */
const char *kr_scan_segment_name(enum kr_segment s, enum kr_lang lang);
const char *kr_scan_state_name(enum kr_scan_state st, enum kr_lang lang);

#endif
