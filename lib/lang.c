/*
 * lang.c - parsing the interface language names of lang.h.
 */
#include <string.h>

#include "kring/lang.h"

int kr_lang_parse(const char *s, enum kr_lang *out)
{
	if (s && strcmp(s, "nl") == 0)
		*out = KR_LANG_NL;
	else if (s && strcmp(s, "en") == 0)
		*out = KR_LANG_EN;
	else
		return -1;
	return 0;
}
