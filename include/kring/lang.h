/*
 * lang.h - the interface languages.  Dutch (B1) is the default; English is
 * always available.  Library text that reaches people comes in both.
 */
#ifndef KRING_LANG_H
#define KRING_LANG_H

enum kr_lang { KR_LANG_NL = 0, KR_LANG_EN = 1 };

/* "nl" or "en" into *out; returns 0, or -1 for anything else. */
int kr_lang_parse(const char *s, enum kr_lang *out);

/* Picks the text for lang: nl or en.  Returns one of its arguments.  Both
 * texts are format arguments: printf(kr_tr(l, "%d kind", "%d child"), n)
 * has GCC check both languages' format strings against n. */
static inline const char *kr_tr(enum kr_lang lang, const char *nl, const char *en)
	__attribute__((format_arg(2), format_arg(3)));
static inline const char *kr_tr(enum kr_lang lang, const char *nl, const char *en)
{
	return lang == KR_LANG_EN ? en : nl;
}

#endif
