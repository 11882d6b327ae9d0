/*
 * date.c - ISO 8601 calendar dates of full or partial precision, and the day
 * arithmetic the signal rules need.  Day numbers use Howard Hinnant's
 * days_from_civil algorithm (proleptic Gregorian, 1970-01-01 is day 0).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kring/date.h"
#include "kring/init.h"

int kr_days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool kr_date_parse(const char *s, struct kr_date *out)
{
	struct kr_date d = { 0, 0, 0 };
	size_t n = s ? strlen(s) : 0;

	memset(out, 0, sizeof *out);
	if (n != 4 && n != 7 && n != 10)
		return false;
	d.y = digits(s, 4);
	if (d.y < 1000)
		return false;
	if (n >= 7) {
		if (s[4] != '-')
			return false;
		d.m = digits(s + 5, 2);
		if (d.m < 1 || d.m > 12)
			return false;
	}
	if (n == 10) {
		if (s[7] != '-')
			return false;
		d.d = digits(s + 8, 2);
		if (d.d < 1 || d.d > kr_days_in_month(d.y, d.m))
			return false;
	}
	*out = d;
	return true;
}

bool kr_date_parse_full(const char *s, struct kr_date *out)
{
	if (!s || strlen(s) != 10)
		return memset(out, 0, sizeof *out), false;
	return kr_date_parse(s, out);
}

char *kr_date_format(struct kr_date d, char *buf)
{
	if (!d.y)
		buf[0] = '\0';
	else if (!d.m)
		snprintf(buf, 11, "%04d", d.y);
	else if (!d.d)
		snprintf(buf, 11, "%04d-%02d", d.y, d.m);
	else
		snprintf(buf, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
	return buf;
}

long kr_days_from_civil(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct kr_date kr_date_from_days(long z)
{
	struct kr_date r;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

long kr_date_first(struct kr_date d)
{
	return kr_days_from_civil(d.y, d.m ? d.m : 1, d.d ? d.d : 1);
}

long kr_date_last(struct kr_date d)
{
	int m = d.m ? d.m : 12;
	return kr_days_from_civil(d.y, m, d.d ? d.d : kr_days_in_month(d.y, m));
}

long kr_days_add_months(long day, int n)
{
	struct kr_date d = kr_date_from_days(day);
	long total = (long)d.y * 12 + (d.m - 1) + n;
	int y = (int)(total >= 0 ? total / 12 : (total - 11) / 12);
	int m = (int)(total - (long)y * 12) + 1;
	int dim = kr_days_in_month(y, m);
	return kr_days_from_civil(y, m, d.d > dim ? dim : d.d);
}

int kr_age_years(struct kr_date born, long on)
{
	struct kr_date b, o;
	int age;

	if (!born.y)
		return -1;
	b = kr_date_from_days(kr_date_last(born));
	o = kr_date_from_days(on);
	if (kr_date_last(born) > on)
		return -1;
	age = o.y - b.y;
	if (o.m < b.m || (o.m == b.m && o.d < b.d))
		age--;
	return age;
}

long kr_today(void)
{
	return (long)(kr_now() / 86400);
}

void kr_date_timestamp(time_t t, char out[KR_DATE_STAMP_LEN])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) ||
	    strftime(out, KR_DATE_STAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, KR_DATE_STAMP_LEN, "1970-01-01T00:00:00Z");
}
