/*
 * test_render_plan.c - the plan as a document to sign (lib/render_plan.c):
 * a PDF whose bytes are the same for the same case, day and options; pages
 * for the title, the plan, the agreements, the ecogram and the signatures;
 * Dutch and English give different documents; a case without a plan still
 * gets the title, the ecogram and the signatures; an agreement for
 * professionals only stays out unless asked for; the parents' permission
 * (plan.blessing) is printed with the plan when recorded.
 */
#include "testutil.h"
#include "kring/render_plan.h"

/* fontconfig (under cairo) keeps its caches until the process ends. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* Occurrences of needle in the binary buffer b. */
static size_t count_bin(const struct kr_buf *b, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (size_t i = 0; i + k <= b->len; i++)
		n += memcmp(b->data + i, needle, k) == 0;
	return n;
}

static size_t pages(const struct kr_buf *b)
{
	return count_bin(b, "/Type /Page %");
}

static void render(const struct kr_case *c, enum kr_lang lang, bool pro, struct kr_buf *b)
{
	struct kr_plan_doc_opts o = { lang, tu_day("2026-12-01"), pro };
	kr_buf_init(b, 256u * 1024u * 1024u);
	assert_int_equal(kr_render_plan_pdf(c, &o, b, NULL), KR_OK);
	assert_true(b->len > 1000);
	assert_memory_equal(b->data, "%PDF-", 5);
}

static void example(void **state)
{
	struct kr_case *c = tu_case_from_file("examples/PZ-2026-0103.json");
	struct kr_buf a, b, en;
	(void)state;

	render(c, KR_LANG_NL, false, &a);
	render(c, KR_LANG_NL, false, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_true(pages(&a) >= 5);
	assert_int_equal(count_bin(&a, "/Title (Netwerkplan)"), 1);
	render(c, KR_LANG_EN, false, &en);
	assert_int_equal(count_bin(&en, "/Title (Network plan)"), 1);
	kr_buf_cleanup(&a);
	kr_buf_cleanup(&b);
	kr_buf_cleanup(&en);
	kr_case_free(c);
}

static void no_plan(void **state)
{
	struct kr_case *c = tu_case_from_file("examples/PZ-2026-0102.json");
	struct kr_buf a;
	(void)state;
	assert_false(c->plan.present);
	render(c, KR_LANG_NL, false, &a);
	assert_int_equal(pages(&a), 4);   /* title, "no plan yet", ecogram, signatures */
	kr_buf_cleanup(&a);
	kr_case_free(c);
}

static void professionals_only(void **state)
{
	char *doc = malloc(200000), *p;
	struct kr_case *c;
	struct kr_buf fam, pro;
	(void)state;

	p = doc + snprintf(doc, 200000, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\","
	                   "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"},"
	                   "{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"]}],"
	                   "\"ties\":[{\"a\":\"p1\",\"b\":\"p2\"}],\"plan\":{\"agreements\":["
	                   "{\"id\":\"a1\",\"who\":[\"p2\"],\"what\":\"kort\"}");
	/* twenty long agreements for professionals only */
	for (int k = 0; k < 20; k++) {
		p += snprintf(p, 100, ",{\"id\":\"b%d\",\"who\":[\"p2\"],\"visibility\":"
		              "\"professionals\",\"what\":\"", k);
		for (int i = 0; i < 150; i++)
			p += snprintf(p, 16, "woord%d ", i);
		p += snprintf(p, 4, "\"}");
	}
	snprintf(p, 16, "]}}");
	c = tu_case_from_text(doc);
	render(c, KR_LANG_NL, false, &fam);
	render(c, KR_LANG_NL, true, &pro);
	/* the long agreement for professionals fills pages of its own */
	assert_true(pages(&pro) > pages(&fam) + 3);
	kr_buf_cleanup(&fam);
	kr_buf_cleanup(&pro);
	kr_case_free(c);
	free(doc);
}

/* An old agreement longer than a page is cut at the page, not drawn off it. */
static void huge_row(void **state)
{
	char *doc = malloc(100000), *p;
	struct kr_case *c;
	struct kr_buf a;
	(void)state;

	p = doc + snprintf(doc, 1000, "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\","
	                   "\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\"}],\"plan\":"
	                   "{\"agreements\":[{\"id\":\"a1\",\"what\":\"");
	for (int i = 0; i < 5000; i++)
		p += snprintf(p, 16, "lang%d ", i);
	snprintf(p, 16, "\"}]}}");
	c = tu_case_from_text(doc);
	render(c, KR_LANG_EN, false, &a);
	assert_true(pages(&a) <= 7);
	kr_buf_cleanup(&a);
	kr_case_free(c);
	free(doc);
}

/* The parents' permission (plan.blessing) is part of the printed plan:
 * a case with one gives another document than the same case without, and
 * its words take room (a long text adds pages). */
static void blessing(void **state)
{
	static const char head[] = "{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"T\","
		"\"child\":\"p1\"},\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\"},"
		"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"]}],"
		"\"plan\":{\"goals\":[{\"id\":\"g1\",\"text\":\"Sam woont rustig\"}]";
	char *doc = malloc(200000), *p;
	struct kr_case *c;
	struct kr_buf none, some, long_;
	(void)state;

	snprintf(doc, 200000, "%s}}", head);
	c = tu_case_from_text(doc);
	render(c, KR_LANG_NL, false, &none);
	kr_case_free(c);

	snprintf(doc, 200000, "%s,\"blessing\":{\"date\":\"2026-05-01\",\"by\":[\"p2\"],"
	         "\"text\":\"Sam mag zich thuis voelen.\"}}}", head);
	c = tu_case_from_text(doc);
	assert_int_equal(c->plan.blessing_date.y, 2026);
	render(c, KR_LANG_NL, false, &some);
	kr_case_free(c);
	assert_int_equal(pages(&some), pages(&none));
	assert_false(some.len == none.len && memcmp(some.data, none.data, some.len) == 0);

	p = doc + snprintf(doc, 200000, "%s,\"blessing\":{\"date\":\"2026-05-01\",\"by\":"
	                   "[\"p2\"],\"text\":\"", head);
	for (int i = 0; i < 2000; i++)
		p += snprintf(p, 16, "zegen%d ", i);
	snprintf(p, 16, "\"}}}");
	c = tu_case_from_text(doc);
	render(c, KR_LANG_NL, false, &long_);
	kr_case_free(c);
	assert_true(pages(&long_) >= pages(&none) + 2);
	kr_buf_cleanup(&none);
	kr_buf_cleanup(&some);
	kr_buf_cleanup(&long_);
	free(doc);
}

static void bad_calls(void **state)
{
	struct kr_buf b;
	struct kr_plan_doc_opts o = { KR_LANG_NL, 0, false };
	(void)state;
	kr_buf_init(&b, 1024);
	assert_int_equal(kr_render_plan_pdf(NULL, &o, &b, NULL), KR_EUSAGE);
	assert_int_equal(b.len, 0);
	kr_buf_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example),
		cmocka_unit_test(no_plan),
		cmocka_unit_test(professionals_only),
		cmocka_unit_test(huge_row),
		cmocka_unit_test(blessing),
		cmocka_unit_test(bad_calls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
