/*
 * test_glossary.c - docs/glossary.md lists every label of the library's one
 * vocabulary (enum.c), every signal's title (signals.c) and every factor
 * (summary.c), in both languages, exactly as the library says them: the
 * page people read and the words the software uses cannot drift apart.
 */
#include "testutil.h"
#include "kring/enum.h"
#include "kring/signals.h"
#include "kring/summary.h"

static char *page;

/* The glossary has a table row "| `name` | nl | en |" for this value. */
static void row(const char *name, const char *nl, const char *en)
{
	char want[512];
	snprintf(want, sizeof want, "| `%s` | %s | %s |", name, nl, en);
	if (!strstr(page, want))
		fail_msg("docs/glossary.md has no row %s", want);
}

static void every_label(void **state)
{
	(void)state;
	for (int e = 0; e < KR_ENUM__N; e++) {
		char heading[64];
		snprintf(heading, sizeof heading, "### %s\n", kr_enum_id((enum kr_enum)e));
		if (!strstr(page, heading))
			fail_msg("docs/glossary.md has no section %s", kr_enum_id((enum kr_enum)e));
		for (int k = 1; k < kr_enum_count((enum kr_enum)e); k++)
			row(kr_enum_name((enum kr_enum)e, k),
			    kr_enum_label((enum kr_enum)e, k, KR_LANG_NL),
			    kr_enum_label((enum kr_enum)e, k, KR_LANG_EN));
	}
}

static void every_signal_and_factor(void **state)
{
	size_t n;
	const char *const *ids = kr_signals_catalogue(&n);
	(void)state;
	for (size_t i = 0; i < n; i++)
		row(ids[i], kr_signals_title(ids[i], KR_LANG_NL), kr_signals_title(ids[i], KR_LANG_EN));
	for (int f = 0; f < KR_FACTOR__N; f++)
		row(kr_factor_name((enum kr_factor)f), kr_factor_label((enum kr_factor)f, KR_LANG_NL),
		    kr_factor_label((enum kr_factor)f, KR_LANG_EN));
}

/* One word per concept: the words the glossary rules out are not labels. */
static void one_word_per_concept(void **state)
{
	static const char *const banned[] = { "vertrouwenspersoon", "wereld van het pleeggezin",
		"wereld van herkomst" };
	(void)state;
	for (int e = 0; e < KR_ENUM__N; e++)
		for (int k = 1; k < kr_enum_count((enum kr_enum)e); k++)
			for (size_t b = 0; b < sizeof banned / sizeof *banned; b++)
				if (strstr(kr_enum_label((enum kr_enum)e, k, KR_LANG_NL), banned[b]))
					fail_msg("label \"%s\" uses \"%s\"",
					         kr_enum_label((enum kr_enum)e, k, KR_LANG_NL), banned[b]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_label),
		cmocka_unit_test(every_signal_and_factor),
		cmocka_unit_test(one_word_per_concept),
	};
	int rc;
	page = tu_read_file("docs/glossary.md", NULL);
	if (!page) {
		fprintf(stderr, "test_glossary: run from the repository root\n");
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(page);
	return rc;
}
