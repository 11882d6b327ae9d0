/*
 * scan.c - the Community Scan values (include/kring/scan.h): who is in each
 * network segment on a given day, how important each person is to the child
 * and how often they are in contact, and one value from 0 to 10 per segment.
 * The formula is explained in scan.h and, with a worked example, in
 * docs/instruments-scan-flower.md.  Pure computation on the case model: no
 * allocation besides the people array, deterministic order.
 */
#include <stdlib.h>
#include <string.h>

#include "kring/scan.h"
#include "kring/enum.h"
#include "kring/lang.h"

const enum kr_segment kr_scan_order[KR_SEG__N - 1] = {
	KR_SEG_HOUSEHOLD, KR_SEG_FAMILY, KR_SEG_FRIENDS, KR_SEG_SCHOOL_WORK, KR_SEG_LEISURE,
	KR_SEG_NEIGHBOURHOOD, KR_SEG_RELIGION, KR_SEG_ONLINE, KR_SEG_PROFESSIONALS
};

const char *kr_scan_segment_name(enum kr_segment s, enum kr_lang lang)
{
	/* One set of labels for every picture and the workbook. */
	return kr_enum_label(KR_ENUM_SEGMENT, (int)s, lang);
}

const char *kr_scan_state_name(enum kr_scan_state st, enum kr_lang lang)
{
	switch (st) {
	case KR_SCAN_EMPTY:
		return kr_tr(lang, "leeg", "empty");
	case KR_SCAN_WEAKSEG:
		return kr_tr(lang, "zwak", "weak");
	default:
		return "";
	}
}

enum kr_segment kr_scan_person_segment(const struct kr_case *c, int i)
{
	const struct kr_person *p = &c->persons[i];
	/* The first matching role decides, in this order. */
	static const struct { enum kr_role role; enum kr_segment seg; } map[] = {
		{ KR_ROLE_FOSTER_PARENT, KR_SEG_HOUSEHOLD },
		{ KR_ROLE_FAMILY_HOME_PARENT, KR_SEG_HOUSEHOLD },
		{ KR_ROLE_FOSTER_SIBLING, KR_SEG_HOUSEHOLD },
		{ KR_ROLE_PARENT, KR_SEG_FAMILY },
		{ KR_ROLE_STEP_PARENT, KR_SEG_FAMILY },
		{ KR_ROLE_SIBLING, KR_SEG_FAMILY },
		{ KR_ROLE_HALF_SIBLING, KR_SEG_FAMILY },
		{ KR_ROLE_GRANDPARENT, KR_SEG_FAMILY },
		{ KR_ROLE_AUNT_UNCLE, KR_SEG_FAMILY },
		{ KR_ROLE_COUSIN, KR_SEG_FAMILY },
		{ KR_ROLE_FRIEND, KR_SEG_FRIENDS },
		{ KR_ROLE_TEACHER, KR_SEG_SCHOOL_WORK },
		{ KR_ROLE_COACH, KR_SEG_LEISURE },
		{ KR_ROLE_MENTOR, KR_SEG_LEISURE },
		{ KR_ROLE_NEIGHBOUR, KR_SEG_NEIGHBOURHOOD },
		{ KR_ROLE_RELIGIOUS, KR_SEG_RELIGION },
		{ KR_ROLE_FOSTER_CARE_WORKER, KR_SEG_PROFESSIONALS },
		{ KR_ROLE_GUARDIAN, KR_SEG_PROFESSIONALS },
		{ KR_ROLE_SOCIAL_TEAM, KR_SEG_PROFESSIONALS },
		{ KR_ROLE_THERAPIST, KR_SEG_PROFESSIONALS },
		{ KR_ROLE_OTHER_PROFESSIONAL, KR_SEG_PROFESSIONALS },
	};

	if (p->segment > KR_SEG_NONE && p->segment < KR_SEG__N)
		return p->segment;
	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
		if (kr_person_has_role(p, map[k].role))
			return map[k].seg;
	if (p->world == KR_WORLD_PROFESSIONAL)
		return KR_SEG_PROFESSIONALS;
	return KR_SEG_NONE;
}

int kr_scan_person_current(const struct kr_case *c, int i, long as_of)
{
	const struct kr_person *p = &c->persons[i];

	if (i == c->child)
		return 0;
	if (kr_date_valid(p->born) && kr_date_first(p->born) > as_of)
		return 0;
	if (!kr_case_person_alive(c, i, as_of))
		return 0;
	if (p->ninvolved > 0) {
		for (size_t k = 0; k < p->ninvolved; k++) {
			const struct kr_period *pe = &p->involved[k];
			if (kr_date_valid(pe->from) && kr_date_first(pe->from) > as_of)
				continue;
			if (kr_date_valid(pe->to) && kr_date_last(pe->to) < as_of)
				continue;
			return 1;
		}
		return 0;
	}
	return 1;
}

int kr_scan_importance(const struct kr_tie *t)
{
	int imp;

	if (!t)
		return 1;
	if (t->quality == KR_QUALITY_BROKEN)
		return 0;
	if (t->trust_figure)
		return 3;
	switch (t->strength) {
	case KR_STRENGTH_STRONG:
		imp = 3;
		break;
	case KR_STRENGTH_WEAK:
		imp = 1;
		break;
	default:
		imp = 2;
		break;
	}
	if ((t->quality == KR_QUALITY_AMBIVALENT || t->quality == KR_QUALITY_CONFLICT) && imp > 1)
		imp--;
	return imp;
}

int kr_scan_contact(const struct kr_tie *t)
{
	if (!t)
		return 1;
	switch (t->frequency) {
	case KR_FREQ_DAILY:
		return 4;
	case KR_FREQ_WEEKLY:
		return 3;
	case KR_FREQ_MONTHLY:
		return 2;
	case KR_FREQ_YEARLY:
	case KR_FREQ_RARELY:
		return 1;
	case KR_FREQ_NEVER:
		return 0;
	default:
		return 1;
	}
}

/* Position of a segment in kr_scan_order. */
static int seg_rank(enum kr_segment s)
{
	for (int k = 0; k < KR_SEG__N - 1; k++)
		if (kr_scan_order[k] == s)
			return k;
	return KR_SEG__N;
}

static int cmp_people(const void *pa, const void *pb)
{
	const struct kr_scan_person *a = pa, *b = pb;
	int ra = seg_rank(a->segment), rb = seg_rank(b->segment);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	return (a->person > b->person) - (a->person < b->person);
}

void kr_scan_cleanup(struct kr_scan *s)
{
	if (!s)
		return;
	free(s->people);
	memset(s, 0, sizeof *s);
}

enum kr_status kr_scan_compute(const struct kr_case *c, long as_of, struct kr_scan *out,
                               struct kr_error *err)
{
	enum kr_status rc = KR_OK;

	memset(out, 0, sizeof *out);
	out->as_of = as_of;
	if (c->npersons > 0) {
		out->people = calloc(c->npersons, sizeof *out->people);
		if (!out->people) {
			rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen om de scan te maken",
			                  "out of memory computing the scan");
			goto out;
		}
	}
	for (size_t i = 0; i < c->npersons; i++) {
		struct kr_scan_person *row;
		const struct kr_tie *t = NULL;
		enum kr_segment seg;
		int ti;

		if (!kr_scan_person_current(c, (int)i, as_of))
			continue;
		seg = kr_scan_person_segment(c, (int)i);
		if (seg == KR_SEG_NONE) {
			out->nunplaced++;
			continue;
		}
		ti = c->child >= 0 ? kr_case_tie_between(c, (int)i, c->child) : -1;
		if (ti >= 0)
			t = &c->ties[ti];
		row = &out->people[out->npeople++];
		row->person = (int)i;
		row->segment = seg;
		row->has_tie = t != NULL;
		row->importance = kr_scan_importance(t);
		row->frequency = t ? t->frequency : KR_FREQ_NONE;
		row->contact = kr_scan_contact(t);
		row->points = row->importance * row->contact;
		out->seg[seg].count++;
		out->seg[seg].points += row->points;
	}
	if (out->npeople > 1)
		qsort(out->people, out->npeople, sizeof *out->people, cmp_people);
	for (int k = 1; k < KR_SEG__N; k++) {
		struct kr_scan_segment *sg = &out->seg[k];
		/* Tenths as an integer, so rounding is exact and the same everywhere. */
		long tenths = ((long)sg->points * 10 + 1) / 3;
		if (tenths > 100)
			tenths = 100;
		sg->value = (double)tenths / 10.0;
		if (sg->count == 0)
			sg->state = KR_SCAN_EMPTY;
		else if (sg->value < KR_SCAN_WEAK)
			sg->state = KR_SCAN_WEAKSEG;
		else
			sg->state = KR_SCAN_OK;
	}
out:
	if (rc != KR_OK)
		kr_scan_cleanup(out);
	return rc;
}
