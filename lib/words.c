/*
 * words.c - dates, durations, pronouns and lists in plain words (words.h).
 * Durations are rounded down the way people say them ("ruim een jaar",
 * "bijna 3 jaar"), so a message never overstates how long something took.
 */
#include <stdio.h>
#include <string.h>

#include "kring/case.h"
#include "kring/words.h"

static const char *const month_nl[] = { "", "januari", "februari", "maart", "april", "mei",
	"juni", "juli", "augustus", "september", "oktober", "november", "december" };
static const char *const month_en[] = { "", "January", "February", "March", "April", "May",
	"June", "July", "August", "September", "October", "November", "December" };

char *kr_words_date(struct kr_date d, enum kr_lang lang, char *buf, size_t n)
{
	const char *const *m = lang == KR_LANG_EN ? month_en : month_nl;

	if (!kr_date_valid(d) || d.m < 0 || d.m > 12)
		snprintf(buf, n, "%s", "");
	else if (d.m == 0)
		snprintf(buf, n, "%d", d.y);
	else if (d.d == 0)
		snprintf(buf, n, "%s %d", m[d.m], d.y);
	else
		snprintf(buf, n, "%d %s %d", d.d, m[d.m], d.y);
	return buf;
}

char *kr_words_day(long day, enum kr_lang lang, char *buf, size_t n)
{
	return kr_words_date(kr_date_from_days(day), lang, buf, n);
}

int kr_words_months_between(long from, long to)
{
	int m = 0;
	if (to < from)
		return 0;
	/* a first guess from the days, then exact by the calendar */
	m = (int)((to - from) / 31);
	while (kr_days_add_months(from, m + 1) <= to)
		m++;
	while (m > 0 && kr_days_add_months(from, m) > to)
		m--;
	return m;
}

char *kr_words_span(long from, long to, enum kr_lang lang, char *buf, size_t n)
{
	long days = to - from;
	int months = kr_words_months_between(from, to), y = months / 12, r = months % 12;
	bool en = lang == KR_LANG_EN;

	if (days < 0)
		days = 0;
	if (days < 14)
		snprintf(buf, n, en ? "%ld %s" : "%ld %s", days,
		         days == 1 ? (en ? "day" : "dag") : (en ? "days" : "dagen"));
	else if (months < 2)
		snprintf(buf, n, "%ld %s", days / 7, en ? "weeks" : "weken");
	else if (months < 12)
		snprintf(buf, n, "%d %s", months, en ? "months" : "maanden");
	else if (y == 1 && r < 3)
		snprintf(buf, n, "%s", en ? "a year" : "een jaar");
	else if (y == 1 && r < 6)
		snprintf(buf, n, "%s", en ? "over a year" : "ruim een jaar");
	else if (y == 1 && r < 9)
		snprintf(buf, n, "%s", en ? "a year and a half" : "anderhalf jaar");
	else if (r >= 9)
		snprintf(buf, n, en ? "almost %d years" : "bijna %d jaar", y + 1);
	else if (r >= 3)
		snprintf(buf, n, en ? "over %d years" : "ruim %d jaar", y);
	else
		snprintf(buf, n, en ? "%d years" : "%d jaar", y);
	return buf;
}

struct kr_pronouns kr_words_pronouns(int sex, enum kr_lang lang)
{
	struct kr_pronouns p = { NULL, NULL, NULL };
	if (lang == KR_LANG_EN) {
		if (sex == KR_SEX_M)
			p = (struct kr_pronouns){ "he", "him", "his" };
		else if (sex == KR_SEX_F)
			p = (struct kr_pronouns){ "she", "her", "her" };
		else
			p = (struct kr_pronouns){ "they", "them", "their" };
	} else if (sex == KR_SEX_M) {
		p = (struct kr_pronouns){ "hij", "hem", "zijn" };
	} else if (sex == KR_SEX_F) {
		p = (struct kr_pronouns){ "zij", "haar", "haar" };
	}
	return p;
}

enum kr_status kr_words_list(struct kr_buf *b, const char *const *names, size_t n,
                             enum kr_lang lang)
{
	for (size_t i = 0; i < n; i++)
		kr_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? (lang == KR_LANG_EN ? " and "
		              : " en ") : ", ", names[i]);
	return b->failed ? b->why : KR_OK;
}

char *kr_words_count(long count, enum kr_lang lang, const char *nl_one, const char *nl_many,
                     const char *en_one, const char *en_many, char *buf, size_t n)
{
	const char *w = lang == KR_LANG_EN ? (count == 1 ? en_one : en_many) :
	                (count == 1 ? nl_one : nl_many);

	snprintf(buf, n, "%ld %s", count, w);
	return buf;
}
