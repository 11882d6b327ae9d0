/*
 * test_glossary.c - docs/glossary.md lists every label of the library's one
 * vocabulary (enum.c), every signal's title (signals.c) and every factor
 * (summary.c), in both languages, exactly as the library says them: the
 * page people read and the words the software uses cannot drift apart.
 * The browser's catalogues (web/i18n/nl.json and en.json) follow the same page: no
 * value uses a word its "not" column rules out, and the Dutch one says
 * "je", never "u" or "uw".
 */
#include <ctype.h>

#include <jansson.h>

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

/* A whole word w (case-insensitive) in text t. */
static bool has_word(const char *t, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = t; *p; p++)
		if (strncasecmp(p, w, n) == 0 && (p == t || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[n]))
			return true;
	return false;
}

static void catalogues_follow(void **state)
{
	static const char *const banned_nl[] = { "vertrouwenspersoon", "vertrouwenspersonen",
		"wereld van het pleeggezin", "wereld van herkomst", "biologisch gezin", "u", "uw" };
	static const char *const banned_en[] = { "confidential adviser", "biological family" };
	static const struct { const char *file; const char *const *banned; size_t n; } cat[] = {
		{ "web/i18n/nl.json", banned_nl, sizeof banned_nl / sizeof *banned_nl },
		{ "web/i18n/en.json", banned_en, sizeof banned_en / sizeof *banned_en },
	};
	(void)state;
	for (size_t c = 0; c < sizeof cat / sizeof *cat; c++) {
		json_error_t jerr;
		json_t *o = json_load_file(cat[c].file, 0, &jerr), *v;
		const char *key;
		if (!o)
			fail_msg("%s: %s", cat[c].file, jerr.text);
		json_object_foreach(o, key, v) {
			const char *t = json_string_value(v);
			for (size_t b = 0; t && b < cat[c].n; b++)
				if (has_word(t, cat[c].banned[b]))
					fail_msg("%s: %s = \"%s\" uses \"%s\" (docs/glossary.md)", cat[c].file,
					         key, t, cat[c].banned[b]);
		}
		json_decref(o);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_label),
		cmocka_unit_test(every_signal_and_factor),
		cmocka_unit_test(one_word_per_concept),
		cmocka_unit_test(catalogues_follow),
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
