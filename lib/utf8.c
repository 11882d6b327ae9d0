/*
 * utf8.c - the UTF-8 check of utf8_int.h: a strict decoder (RFC 3629) that
 * counts code points and can refuse control characters.
 */
#include "utf8_int.h"

bool kri_utf8_count(const char *s, bool no_controls, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0;

	while (*p) {
		unsigned c = *p, cp, len, i;
		if (c < 0x80) {
			if (no_controls && (c < 0x20 || c == 0x7f))
				return false;
			p++;
			k++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += len;
		k++;
	}
	*n = k;
	return true;
}
