/*
 * test_buf.c - the capped buffer: growth, the cap, the failed state, XML
 * escaping, and kr_buf_printf's fast path, which must give exactly the
 * bytes glibc's snprintf gives (checked on millions of doubles, including
 * the halfway cases and negative values that round to zero).
 */
#include <math.h>
#include <stdint.h>

#include "testutil.h"
#include "kring/buf.h"

/* The formats come from a table on purpose: the fast path of
 * kr_buf_printf is compared with glibc on every one of them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void same_as_libc(const char *fmt, double x)
{
	char want[128];
	struct kr_buf b;

	kr_buf_init(&b, 1 << 20);
	snprintf(want, sizeof want, fmt, x);
	assert_int_equal(kr_buf_printf(&b, fmt, x), KR_OK);
	if (strcmp(b.data, want) != 0)
		fail_msg("%s of %.17g: got \"%s\", want \"%s\"", fmt, x, b.data, want);
	kr_buf_cleanup(&b);
}
#pragma GCC diagnostic pop

static void test_fixed_matches_glibc(void **state)
{
	static const char *const fmts[] = { "%.0f", "%.1f", "%.2f", "%.3f", "%.6f" };
	uint64_t r = 0x9e3779b97f4a7c15u;
	(void)state;

	/* Halfway values, exactly representable and not. */
	for (int i = -20000; i <= 20000; i++)
		for (size_t f = 0; f < 5; f++) {
			same_as_libc(fmts[f], i / 8.0);
			same_as_libc(fmts[f], i / 20.0);
			same_as_libc(fmts[f], i / 200.0 + 0.005);
		}
	/* Random magnitudes and bit patterns. */
	for (int i = 0; i < 400000; i++) {
		double x;
		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		x = (double)(int64_t)(r >> 11) / (double)(1ull << (r % 60));
		same_as_libc(fmts[i % 5], x);
		same_as_libc(fmts[i % 5], -x / 1e6);
	}
	same_as_libc("%.1f", -0.0);
	same_as_libc("%.1f", -0.04);
	same_as_libc("%.2f", 1e11 + 0.125);
	same_as_libc("%.1f", 1e13);        /* outside the fast range: printf */
	same_as_libc("%.1f", INFINITY);
	same_as_libc("%.1f", NAN);
}

static void test_mixed_formats(void **state)
{
	struct kr_buf b;
	char want[256];
	(void)state;

	kr_buf_init(&b, 1 << 20);
	kr_buf_printf(&b, "<a x=\"%.1f\" n=\"%d\" u=\"%u\" l=\"%ld\" lu=\"%lu\" z=\"%zu\" "
	              "ll=\"%lld\" c=\"%c\" s=\"%s\" p=\"%%\" w=\"%5.1f|%-4s|%03d\"/>",
	              12.25, -42, 7u, -123456789L, 99ul, (size_t)18, -9000000000LL, 'q', "tekst",
	              3.14159, "ab", 7);
	snprintf(want, sizeof want, "<a x=\"%.1f\" n=\"%d\" u=\"%u\" l=\"%ld\" lu=\"%lu\" "
	         "z=\"%zu\" ll=\"%lld\" c=\"%c\" s=\"%s\" p=\"%%\" w=\"%5.1f|%-4s|%03d\"/>",
	         12.25, -42, 7u, -123456789L, 99ul, (size_t)18, -9000000000LL, 'q', "tekst",
	         3.14159, "ab", 7);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	kr_buf_cleanup(&b);
}

static void test_cap_and_failure(void **state)
{
	struct kr_buf b;
	(void)state;

	kr_buf_init(&b, 10);
	assert_int_equal(kr_buf_puts(&b, "0123456789"), KR_OK);
	assert_int_equal(b.len, 10);
	assert_int_equal(kr_buf_printf(&b, "%d", 1), KR_ETOOBIG);
	assert_null(b.data);
	assert_int_equal(kr_buf_puts(&b, "x"), KR_ETOOBIG);   /* stays failed */
	kr_buf_cleanup(&b);

	kr_buf_init(&b, 12);
	assert_int_equal(kr_buf_printf(&b, "%.1f and %s", 1.5, "much more"), KR_ETOOBIG);
	kr_buf_cleanup(&b);

	/* A long formatted text goes through the growing path. */
	kr_buf_init(&b, 1 << 20);
	{
		char want[32 * 1000], *w = want;
		for (int i = 0; i < 1000; i++) {
			assert_int_equal(kr_buf_printf(&b, "%08d;%5.2f;", i, i / 3.0), KR_OK);
			w += snprintf(w, 32, "%08d;%5.2f;", i, i / 3.0);
		}
		assert_int_equal(b.len, (size_t)(w - want));
		assert_string_equal(b.data, want);
	}
	kr_buf_cleanup(&b);
}

static void test_xml(void **state)
{
	struct kr_buf b;
	(void)state;
	kr_buf_init(&b, 1 << 20);
	kr_buf_xml(&b, "a<b>&\"c'");
	assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&apos;");
	kr_buf_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_matches_glibc),
		cmocka_unit_test(test_mixed_formats),
		cmocka_unit_test(test_cap_and_failure),
		cmocka_unit_test(test_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
