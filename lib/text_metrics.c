/*
 * text_metrics.c - how wide text is in the pictures' font, so layouts can
 * place labels without measuring with a real font engine: advance widths
 * of DejaVu Sans for Latin-1 (measured with cairo once), estimates for
 * combining marks and wide scripts, the bold "title" class, and cutting
 * text to a width or a number of characters with an ellipsis.
 */
#include <stdio.h>
#include <string.h>

#include "render_int.h"

/* Advance widths of DejaVu Sans (Book) for U+0020..U+00FF in thousandths of
 * an em, measured with cairo; 0 marks the C1 control range. */
static const unsigned short dejavu_widths[224] = {
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
	1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
	603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
	500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
	635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500,
	500, 838, 401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531,
	684, 684, 684, 684, 684, 684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295,
	775, 748, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 630,
	613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615, 615, 278, 278, 278, 278,
	612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635, 592,
};

/* Decodes one UTF-8 code point at *s and advances; malformed bytes count as
 * one replacement character each. */
static unsigned long utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long cp;
	int n;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0) {
		cp = p[0] & 0x1F;
		n = 1;
	} else if ((p[0] & 0xF0) == 0xE0) {
		cp = p[0] & 0x0F;
		n = 2;
	} else if ((p[0] & 0xF8) == 0xF0) {
		cp = p[0] & 0x07;
		n = 3;
	} else {
		*s = p + 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*s = p + n + 1;
	return cp;
}

double kri_text_width(const char *utf8, double px)
{
	const unsigned char *s = (const unsigned char *)utf8;
	double em = 0;

	if (!s)
		return 0;
	while (*s) {
		unsigned long cp = utf8_next(&s);
		if (cp >= 0x20 && cp <= 0xFF)
			em += dejavu_widths[cp - 0x20] / 1000.0;
		else if (cp >= 0x300 && cp <= 0x36F)
			em += 0;                /* combining marks */
		else if (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		                          (cp >= 0xAC00 && cp <= 0xD7A3) ||
		                          (cp >= 0xF900 && cp <= 0xFAFF) ||
		                          (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x1F300))
			em += 1.0;              /* wide: CJK, Hangul, emoji */
		else
			em += 0.65;
	}
	return em * px;
}

/* True when the class list cls names the bold class "title". */
static bool cls_bold(const char *cls)
{
	const char *p = cls;
	size_t n = strlen("title");

	while (p && (p = strstr(p, "title")) != NULL) {
		if ((p == cls || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
		p += n;
	}
	return false;
}

double kri_text_width_cls(const char *utf8, double px, const char *cls)
{
	return kri_text_width(utf8, px) * (cls_bold(cls) ? KRI_BOLD_FACTOR : 1.0);
}

struct kr_box kri_text_box(double x, double y, double px, enum kr_geom_anchor anchor,
                           const char *cls, const char *text)
{
	double w = kri_text_width_cls(text, px, cls), x0 = x;

	if (anchor == KR_ANCHOR_MIDDLE)
		x0 = x - w / 2;
	else if (anchor == KR_ANCHOR_END)
		x0 = x - w;
	return (struct kr_box){ x0, y - px, w, px * 1.25, -1, KR_BOX_LABEL };
}

const char *kri_text_fit(const char *name, double px, double maxw, char *buf, size_t size)
{
	size_t cut = strlen(name);

	if (kri_text_width(name, px) <= maxw)
		return name;
	if (cut > size - 4)
		cut = size - 4;
	for (;;) {
		/* Step back to the start of a UTF-8 character. */
		while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(buf, name, cut);
		memcpy(buf + cut, "\xe2\x80\xa6", 4);   /* an ellipsis and the NUL */
		if (cut == 0 || kri_text_width(buf, px) <= maxw)
			return buf;
		cut--;
	}
}

void kri_text_clip(const char *s, size_t maxcp, char *out, size_t outsz)
{
	size_t cp = 0, i = 0;

	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (cp == maxcp)
				break;
			cp++;
		}
	}
	if (s[i] && i + 4 <= outsz) {
		memcpy(out, s, i);
		memcpy(out + i, "\xE2\x80\xA6", 4);   /* U+2026 */
		return;
	}
	if (!outsz)
		return;
	while (s[i])
		i++;
	if (i > outsz - 1)                       /* as snprintf("%s") cuts */
		i = outsz - 1;
	memcpy(out, s, i);
	out[i] = '\0';
}
