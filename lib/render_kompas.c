/*
 * render_kompas.c - the Netwerkkompas (Prima Pleegzorg): ecogram, genogram,
 * lifeline and sociogram of one child together on one printable A4
 * landscape page (a 297 x 210 mm viewBox, width and height in mm), for a
 * network meeting.
 *
 * Each panel is the picture of its own renderer (kr_render_svg into a buffer
 * of its own), embedded as a nested <svg x y width height viewBox> in a
 * framed quarter of the page with a caption.  Embedding rewrites the
 * sub-picture so that four of them can live in one document: the XML prolog
 * and the root element are replaced, and every id, every reference to one
 * (url(#..), href="#..", aria-labelledby) and every class name, including
 * the selectors in its <style> blocks, gets a per-panel prefix ("k1-" ..
 * "k4-"), so one panel's styles and markers can never restyle another's.
 * A panel whose renderer refuses the case (KR_EINVAL, KR_EUSAGE) says so in
 * its frame; running out of memory or over the size cap fails the page.
 *
 * Layout boxes: the panels' own boxes, mapped through the same scale and
 * offset the nested <svg> applies (preserveAspectRatio xMidYMid meet), plus
 * the title and captions, all in millimetres.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_int.h"
#include "render_r3.h"

#define PAGE_W 297.0
#define PAGE_H 210.0
#define MARGIN 8.0
#define GAP 5.0
#define TOP 18.0          /* below the title */
#define CAPTION 6.5       /* caption strip at the top of each panel */
#define NPANEL 4
#define MAX_CSS_DEPTH 16

struct span { const char *p; size_t n; };

static int is_name_char(int ch)
{
	return isalnum(ch) || ch == '-' || ch == '_' || ch >= 0x80;
}

/* Writes each whitespace-separated token of v with the prefix. */
static void prefix_tokens(struct kr_buf *b, const char *pfx, const char *v, size_t n)
{
	size_t i = 0;
	int first = 1;

	while (i < n) {
		size_t j;
		while (i < n && isspace((unsigned char)v[i]))
			i++;
		if (i >= n)
			break;
		j = i;
		while (j < n && !isspace((unsigned char)v[j]))
			j++;
		kr_buf_printf(b, "%s%s%.*s", first ? "" : " ", pfx, (int)(j - i), v + i);
		first = 0;
		i = j;
	}
}

/* Writes v with every "url(#" followed by the prefix. */
static void prefix_urls(struct kr_buf *b, const char *pfx, const char *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *hit = NULL;
		for (size_t j = i; j + 5 <= n; j++)
			if (memcmp(v + j, "url(#", 5) == 0) {
				hit = v + j;
				break;
			}
		if (!hit) {
			kr_buf_add(b, v + i, n - i);
			return;
		}
		kr_buf_add(b, v + i, (size_t)(hit - (v + i)) + 5);
		kr_buf_puts(b, pfx);
		i = (size_t)(hit - v) + 5;
	}
}

/* True when css[i] directly follows a number ("1.5em" in a media query),
 * not a name ("n1.edge" is two class selectors). */
static int after_number(const char *css, size_t i)
{
	size_t k = i;

	while (k > 0 && isdigit((unsigned char)css[k - 1]))
		k--;
	return k < i && (k == 0 || !is_name_char((unsigned char)css[k - 1]));
}

/* Rewrites CSS text: in selectors, ".name" and "#name" get the prefix; in
 * declarations only url(#..) does (so colours like #fff stay).  Blocks of
 * at-rules (@media, @supports) hold selectors again. */
static void rewrite_css(struct kr_buf *b, const char *pfx, const char *css, size_t n)
{
	int rules[MAX_CSS_DEPTH];    /* per open brace: 1 = holds rules, 0 = declarations */
	int depth = 0;
	size_t i = 0, stmt = 0;      /* stmt: where the current prelude started */

	while (i < n) {
		char ch = css[i];
		int in_decl = depth > 0 && !rules[depth - 1];
		if (ch == '/' && i + 1 < n && css[i + 1] == '*') {
			const char *end = NULL;
			for (size_t j = i + 2; j + 1 < n; j++)
				if (css[j] == '*' && css[j + 1] == '/') {
					end = css + j + 2;
					break;
				}
			size_t len = end ? (size_t)(end - (css + i)) : n - i;
			kr_buf_add(b, css + i, len);
			i += len;
			continue;
		}
		if (ch == '{') {
			int at = 0;
			size_t k = stmt;
			while (k < i && isspace((unsigned char)css[k]))
				k++;
			at = k < i && css[k] == '@' &&
			     (strncmp(css + k, "@media", 6) == 0 ||
			      strncmp(css + k, "@supports", 9) == 0);
			if (depth < MAX_CSS_DEPTH)
				rules[depth] = at;
			depth++;
			kr_buf_add(b, "{", 1);
			stmt = ++i;
			continue;
		}
		if (ch == '}' || ch == ';') {
			if (ch == '}' && depth > 0)
				depth--;
			kr_buf_add(b, &ch, 1);
			stmt = ++i;
			continue;
		}
		if (!in_decl && (ch == '.' || ch == '#') && i + 1 < n &&
		    (isalpha((unsigned char)css[i + 1]) || css[i + 1] == '_' || css[i + 1] == '-') &&
		    !(ch == '.' && after_number(css, i))) {
			kr_buf_add(b, &ch, 1);
			kr_buf_puts(b, pfx);
			i++;
			continue;
		}
		if (in_decl && ch == 'u' && i + 5 <= n && memcmp(css + i, "url(#", 5) == 0) {
			kr_buf_add(b, "url(#", 5);
			kr_buf_puts(b, pfx);
			i += 5;
			continue;
		}
		kr_buf_add(b, &ch, 1);
		i++;
	}
}

/* Rewrites one start or empty-element tag "<name attr="v" ...>" (t, n
 * bytes, including the angle brackets). */
static void rewrite_tag(struct kr_buf *b, const char *pfx, const char *t, size_t n)
{
	size_t i = 1;

	while (i < n && (is_name_char((unsigned char)t[i]) || t[i] == ':'))
		i++;
	kr_buf_add(b, t, i);
	while (i < n) {
		size_t ns, ne, vs, ve;
		char q;
		if (isspace((unsigned char)t[i]) || t[i] == '/' || t[i] == '>') {
			kr_buf_add(b, t + i, 1);
			i++;
			continue;
		}
		ns = i;
		while (i < n && t[i] != '=' && !isspace((unsigned char)t[i]) && t[i] != '>' &&
		       t[i] != '/')
			i++;
		ne = i;
		if (i >= n || t[i] != '=') {     /* attribute without a value */
			kr_buf_add(b, t + ns, ne - ns);
			continue;
		}
		i++;
		if (i >= n || (t[i] != '"' && t[i] != '\'')) {
			kr_buf_add(b, t + ns, i - ns);
			continue;
		}
		q = t[i++];
		vs = i;
		while (i < n && t[i] != q)
			i++;
		ve = i;
		if (i < n)
			i++;
		kr_buf_add(b, t + ns, ne - ns);
		kr_buf_printf(b, "=%c", q);
#define ATTR_IS(s) (ne - ns == strlen(s) && memcmp(t + ns, s, ne - ns) == 0)
		if (ATTR_IS("id")) {
			kr_buf_puts(b, pfx);
			kr_buf_add(b, t + vs, ve - vs);
		} else if (ATTR_IS("class") || ATTR_IS("aria-labelledby") ||
		           ATTR_IS("aria-describedby")) {
			prefix_tokens(b, pfx, t + vs, ve - vs);
		} else if ((ATTR_IS("href") || ATTR_IS("xlink:href")) && ve > vs && t[vs] == '#') {
			kr_buf_puts(b, "#");
			kr_buf_puts(b, pfx);
			kr_buf_add(b, t + vs + 1, ve - vs - 1);
		} else {
			prefix_urls(b, pfx, t + vs, ve - vs);
		}
#undef ATTR_IS
		kr_buf_add(b, &q, 1);
	}
}

/* The end of the tag starting at s[i] == '<' (index after '>'), honouring
 * quoted attribute values; n when unterminated. */
static size_t tag_end(const char *s, size_t i, size_t n)
{
	char q = 0;

	for (i++; i < n; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return n;
}

static const char *find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

/* Rewrites the content of a sub-picture (between its root tags). */
static void rewrite_content(struct kr_buf *b, const char *pfx, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		size_t at, end;
		if (!lt) {
			kr_buf_add(b, s + i, n - i);
			return;
		}
		at = (size_t)(lt - s);
		kr_buf_add(b, s + i, at - i);
		if (n - at >= 4 && memcmp(s + at, "<!--", 4) == 0) {
			const char *e = find(s + at, n - at, "-->");
			end = e ? (size_t)(e - s) + 3 : n;
			kr_buf_add(b, s + at, end - at);
		} else if (n - at >= 9 && memcmp(s + at, "<![CDATA[", 9) == 0) {
			const char *e = find(s + at, n - at, "]]>");
			end = e ? (size_t)(e - s) + 3 : n;
			kr_buf_add(b, s + at, end - at);
		} else if (s[at + 1] == '/' || s[at + 1] == '?' || s[at + 1] == '!') {
			end = tag_end(s, at, n);
			kr_buf_add(b, s + at, end - at);
		} else {
			end = tag_end(s, at, n);
			rewrite_tag(b, pfx, s + at, end - at);
			if (end - at > 6 && memcmp(s + at, "<style", 6) == 0 &&
			    !is_name_char((unsigned char)s[at + 6]) && s[end - 2] != '/') {
				const char *close = find(s + end, n - end, "</style>");
				size_t cend = close ? (size_t)(close - s) : n;
				rewrite_css(b, pfx, s + end, cend - end);
				end = cend;
			}
		}
		i = end;
	}
}

/* The root <svg element of a document: past the XML prolog, comments,
 * processing instructions and a doctype; NULL when the first element is
 * not svg. */
static const char *find_root(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		size_t at;
		if (!lt)
			return NULL;
		at = (size_t)(lt - s);
		if (n - at >= 4 && memcmp(s + at, "<!--", 4) == 0) {
			const char *e = find(s + at, n - at, "-->");
			if (!e)
				return NULL;
			i = (size_t)(e - s) + 3;
		} else if (n - at >= 2 && (s[at + 1] == '?' || s[at + 1] == '!')) {
			i = tag_end(s, at, n);
		} else if (n - at >= 5 && memcmp(s + at, "<svg", 4) == 0 &&
		           (isspace((unsigned char)s[at + 4]) || s[at + 4] == '>')) {
			return s + at;
		} else {
			return NULL;
		}
	}
	return NULL;
}

/* The value of attribute name in tag t (n bytes), or an empty span. */
static struct span attr(const char *t, size_t n, const char *name)
{
	struct span sp = { NULL, 0 };
	size_t k = strlen(name);

	for (size_t i = 1; i + k + 2 < n; i++) {
		if (!isspace((unsigned char)t[i - 1]) || memcmp(t + i, name, k) != 0 ||
		    t[i + k] != '=' || (t[i + k + 1] != '"' && t[i + k + 1] != '\''))
			continue;
		char q = t[i + k + 1];
		const char *v = t + i + k + 2, *e = memchr(v, q, n - (size_t)(v - t));
		if (e) {
			sp.p = v;
			sp.n = (size_t)(e - v);
		}
		return sp;
	}
	return sp;
}

enum kr_status kri_svg_embed(struct kr_buf *b, const char *pfx, const char *sub, size_t len,
                             double x, double y, double w, double h,
                             const struct kr_layout *sublay, struct kr_layout *lay)
{
	const char *root = find_root(sub, len), *close;
	size_t rend;
	struct span vb, role, lab;
	double vx, vy, vw, vh, s, ox, oy;
	enum kr_status st = KR_OK;

	if (!root)
		return KR_EINVAL;
	rend = tag_end(sub, (size_t)(root - sub), len);
	vb = attr(root, rend - (size_t)(root - sub), "viewBox");
	if (!vb.p || sscanf(vb.p, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &vx, &vy, &vw, &vh) != 4 ||
	    !(vw > 0) || !(vh > 0))
		return KR_EINVAL;
	close = NULL;
	for (size_t i = len; i >= rend + 6; i--)
		if (memcmp(sub + i - 6, "</svg>", 6) == 0) {
			close = sub + i - 6;
			break;
		}
	if (!close)
		return KR_EINVAL;
	role = attr(root, rend - (size_t)(root - sub), "role");
	lab = attr(root, rend - (size_t)(root - sub), "aria-labelledby");

	kr_buf_printf(b, "<svg x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
	              "viewBox=\"%.*s\" preserveAspectRatio=\"xMidYMid meet\"",
	              x, y, w, h, (int)vb.n, vb.p);
	if (role.p)
		kr_buf_printf(b, " role=\"%.*s\"", (int)role.n, role.p);
	if (lab.p) {
		kr_buf_puts(b, " aria-labelledby=\"");
		prefix_tokens(b, pfx, lab.p, lab.n);
		kr_buf_puts(b, "\"");
	}
	kr_buf_puts(b, ">\n");
	rewrite_content(b, pfx, sub + rend, (size_t)(close - (sub + rend)));
	kr_buf_puts(b, "</svg>\n");

	/* The same mapping as preserveAspectRatio="xMidYMid meet". */
	s = fmin(w / vw, h / vh);
	ox = x + (w - vw * s) / 2.0 - vx * s;
	oy = y + (h - vh * s) / 2.0 - vy * s;
	for (size_t i = 0; sublay && i < sublay->n && st == KR_OK; i++) {
		const struct kr_box *bx = &sublay->boxes[i];
		st = kr_layout_add(lay, ox + bx->x * s, oy + bx->y * s, bx->w * s, bx->h * s,
		                   bx->person, bx->kind);
	}
	return b->failed ? b->why : st;
}

enum kr_status kri_render_kompas(const struct kr_case *c, const struct kr_render_opts *o,
                                 struct kr_buf *out, struct kr_error *err)
{
	static const struct { enum kr_render_kind kind; const char *nl, *en; } panel[NPANEL] = {
		{ KR_RENDER_ECOGRAM, "Ecogram", "Ecogram" },
		{ KR_RENDER_GENOGRAM, "Genogram", "Genogram" },
		{ KR_RENDER_LIFELINE, "Levenslijn", "Lifeline" },
		{ KR_RENDER_SOCIOGRAM, "Sociogram", "Sociogram" },
	};
	const double pw = (PAGE_W - 2.0 * MARGIN - GAP) / 2.0;
	const double ph = (PAGE_H - TOP - MARGIN - GAP) / 2.0;
	const char *child = c->child >= 0 ? kr_case_person_name(c, c->child) : c->ref;
	struct kr_buf sub;
	struct kr_layout sublay = { NULL, 0, 0 };
	struct kr_error suberr;
	enum kr_status st = KR_OK;
	char title[256], d[16], buf[640];

	kr_buf_init(&sub, out->max);
	kr_error_init(&suberr);
	kr_date_format(kr_date_from_days(o->as_of), d);
	snprintf(title, sizeof title, "%s %s, %s %s", kr_tr(o->lang, "Netwerkkompas van",
	         "Network compass of"), child, kr_tr(o->lang, "stand op", "as of"), d);

	kr_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	              "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 %.1f %.1f\" "
	              "width=\"%.0fmm\" height=\"%.0fmm\" role=\"img\" "
	              "aria-labelledby=\"kompas-title kompas-desc\">\n<title id=\"kompas-title\">",
	              PAGE_W, PAGE_H, PAGE_W, PAGE_H);
	kr_buf_xml(out, title);
	kr_buf_puts(out, "</title>\n<desc id=\"kompas-desc\">");
	kr_buf_xml(out, kr_tr(o->lang,
	           "Ecogram, genogram, levenslijn en sociogram op een A4-pagina, voor een "
	           "netwerkbijeenkomst.",
	           "Ecogram, genogram, lifeline and sociogram on one A4 page, for a network "
	           "meeting."));
	kr_buf_puts(out, "</desc>\n<style>text{font-family:\"DejaVu Sans\",sans-serif}"
	            ".kompas-title,.kompas-caption{font-weight:bold}"
	            ".kompas-missing{font-style:italic;fill:#444}</style>\n"
	            "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
	if (out->failed) {
		st = out->why;
		goto out;
	}
	st = kri_svg_text(out, o, MARGIN, 12.0, 6.0, "start", "kompas-title", -1,
	                  kri_text_fit(title, 6.0, PAGE_W - 2.0 * MARGIN, buf, sizeof buf));
	if (st != KR_OK)
		goto out;

	for (int k = 0; k < NPANEL; k++) {
		struct kr_render_opts so = *o;
		double px = MARGIN + (k % 2) * (pw + GAP), py = TOP + (k / 2) * (ph + GAP);
		char pfx[8];
		enum kr_status rs;

		snprintf(pfx, sizeof pfx, "k%d-", k + 1);
		kr_buf_printf(out, "<g class=\"kompas-panel\">\n<rect x=\"%.1f\" y=\"%.1f\" "
		              "width=\"%.1f\" height=\"%.1f\" rx=\"1.5\" fill=\"none\" "
		              "stroke=\"#999\" stroke-width=\"0.3\"/>\n", px, py, pw, ph);
		st = kri_svg_text(out, o, px + 2.0, py + 4.8, 4.2, "start", "kompas-caption", -1,
		                  kr_tr(o->lang, panel[k].nl, panel[k].en));
		if (st != KR_OK)
			goto out;
		so.compare = NULL;
		so.layout = o->layout ? &sublay : NULL;
		kr_buf_cleanup(&sub);
		kr_layout_cleanup(&sublay);
		kr_error_cleanup(&suberr);
		rs = kr_render_svg(panel[k].kind, c, &so, &sub, &suberr);
		if (rs == KR_OK)
			rs = kri_svg_embed(out, pfx, sub.data ? sub.data : "", sub.len, px + 1.0,
			           py + CAPTION + 0.5, pw - 2.0, ph - CAPTION - 1.5,
			           o->layout ? &sublay : NULL, o->layout);
		if (rs == KR_ENOMEM || rs == KR_ETOOBIG) {
			st = kr_error_set(err, rs, "%s", suberr.code ? suberr.message :
			                  "out of room drawing the network compass");
			goto out;
		}
		if (rs != KR_OK) {
			/* This panel cannot be drawn for this case: say so in its frame. */
			char msg[600];
			snprintf(msg, sizeof msg, "%s: %s", kr_tr(o->lang, "niet beschikbaar",
			         "not available"), suberr.code ? suberr.message : kr_status_name(rs));
			st = kri_svg_text(out, o, px + 4.0, py + ph / 2.0, 3.5, "start",
			                  "kompas-missing", -1,
			                  kri_text_fit(msg, 3.5, pw - 8.0, buf, sizeof buf));
			if (st != KR_OK)
				goto out;
		}
		kr_buf_puts(out, "</g>\n");
	}
	st = kri_svg_close(out);
	if (st == KR_OK && out->failed)
		st = out->why;
out:
	if (st != KR_OK && err && err->code == KR_OK)
		kr_error_set(err, st, "could not write the network compass");
	kr_buf_cleanup(&sub);
	kr_layout_cleanup(&sublay);
	kr_error_cleanup(&suberr);
	return st;
}
