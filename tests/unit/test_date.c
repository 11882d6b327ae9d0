/*
 * test_date.c - the calendar of date.h: parsing full and partial dates,
 * refusing dates that do not exist, day arithmetic and ages.
 */
#include "testutil.h"

static void parse_ok(void **state)
{
	struct kr_date d;
	(void)state;
	assert_true(kr_date_parse("2014-05-02", &d));
	assert_int_equal(d.y, 2014);
	assert_int_equal(d.m, 5);
	assert_int_equal(d.d, 2);
	assert_true(kr_date_parse("2014-05", &d));
	assert_int_equal(d.d, 0);
	assert_true(kr_date_parse("2014", &d));
	assert_int_equal(d.m, 0);
	assert_true(kr_date_parse("2024-02-29", &d));
	assert_true(kr_date_parse("2000-02-29", &d));
}

static void parse_refused(void **state)
{
	static const char *bad[] = { "2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31",
		"2024-00-10", "2024-01-00", "24-01-01", "2024/01/01", "2024-1-1", "20240101",
		"", "abcd", "2024-01-01T00:00", "0999", " 2024", "2024-01-1x" };
	struct kr_date d;
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (kr_date_parse(bad[i], &d))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(d.y, 0);
	}
	assert_false(kr_date_parse_full("2024-05", &d));
}

static void day_numbers(void **state)
{
	(void)state;
	assert_int_equal(kr_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(kr_days_from_civil(2000, 3, 1), 11017);
	for (long z = -800000; z < 800000; z += 997) {
		struct kr_date d = kr_date_from_days(z);
		assert_int_equal(kr_days_from_civil(d.y, d.m, d.d), z);
	}
}

static void partial_ranges(void **state)
{
	struct kr_date d;
	(void)state;
	kr_date_parse("2024-02", &d);
	assert_int_equal(kr_date_first(d), tu_day("2024-02-01"));
	assert_int_equal(kr_date_last(d), tu_day("2024-02-29"));
	kr_date_parse("2023", &d);
	assert_int_equal(kr_date_first(d), tu_day("2023-01-01"));
	assert_int_equal(kr_date_last(d), tu_day("2023-12-31"));
}

static void add_months(void **state)
{
	(void)state;
	assert_int_equal(kr_days_add_months(tu_day("2024-01-31"), 1), tu_day("2024-02-29"));
	assert_int_equal(kr_days_add_months(tu_day("2023-01-31"), 1), tu_day("2023-02-28"));
	assert_int_equal(kr_days_add_months(tu_day("2026-12-01"), -6), tu_day("2026-06-01"));
	assert_int_equal(kr_days_add_months(tu_day("2026-12-01"), -24), tu_day("2024-12-01"));
	assert_int_equal(kr_days_add_months(tu_day("2026-01-15"), -13), tu_day("2024-12-15"));
}

static void ages(void **state)
{
	struct kr_date b;
	(void)state;
	kr_date_parse("2014-05-02", &b);
	assert_int_equal(kr_age_years(b, tu_day("2024-05-01")), 9);
	assert_int_equal(kr_age_years(b, tu_day("2024-05-02")), 10);
	kr_date_parse("2014", &b);   /* counts from 2014-12-31: never overstated */
	assert_int_equal(kr_age_years(b, tu_day("2024-12-30")), 9);
	assert_int_equal(kr_age_years(b, tu_day("2024-12-31")), 10);
	kr_date_parse("2020-02-29", &b);
	assert_int_equal(kr_age_years(b, tu_day("2021-02-28")), 0);
	assert_int_equal(kr_age_years(b, tu_day("2021-03-01")), 1);
	memset(&b, 0, sizeof b);
	assert_int_equal(kr_age_years(b, tu_day("2021-03-01")), -1);
}

static void format(void **state)
{
	struct kr_date d;
	char buf[11];
	(void)state;
	kr_date_parse("2014-05", &d);
	assert_string_equal(kr_date_format(d, buf), "2014-05");
	kr_date_parse("0999-01-01", &d);
	assert_string_equal(kr_date_format(d, buf), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_ok),
		cmocka_unit_test(parse_refused),
		cmocka_unit_test(day_numbers),
		cmocka_unit_test(partial_ranges),
		cmocka_unit_test(add_months),
		cmocka_unit_test(ages),
		cmocka_unit_test(format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
