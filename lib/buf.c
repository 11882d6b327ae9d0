/*
 * buf.c - the capped growable buffer of buf.h.  Grows by doubling; on any
 * failure it frees its content and stays failed (see buf.h).
 *
 * kr_buf_printf has a fast path for the conversions the SVG writers use by
 * the thousand (%s %d %u %ld %lu %zu %c %% and %.Nf without flags or
 * width): glibc's printf spends most of a render formatting doubles through
 * its multi-precision code.  The fast path gives the same bytes as glibc
 * (tests/unit/test_buf.c compares them on millions of values).  Any other
 * conversion takes the vsnprintf path.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/buf.h"

void kr_buf_init(struct kr_buf *b, size_t max)
{
	memset(b, 0, sizeof *b);
	b->max = max;
}

void kr_buf_cleanup(struct kr_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
	b->why = KR_OK;
}

static enum kr_status buf_fail(struct kr_buf *b, enum kr_status why)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 1;
	b->why = why;
	return why;
}

static enum kr_status buf_reserve(struct kr_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return b->why;
	if (extra > b->max - b->len)
		return buf_fail(b, KR_ETOOBIG);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return KR_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->data, cap);
	if (!p)
		return buf_fail(b, KR_ENOMEM);
	b->data = p;
	b->cap = cap;
	return KR_OK;
}

enum kr_status kr_buf_add(struct kr_buf *b, const void *p, size_t n)
{
	enum kr_status rc;

	/* The common case first: room enough (cap never exceeds max + 1, and a
	 * failed buffer has cap 0, so this implies both checks of buf_reserve). */
	if (n < b->cap - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return KR_OK;
	}
	if ((rc = buf_reserve(b, n)))
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return KR_OK;
}

enum kr_status kr_buf_puts(struct kr_buf *b, const char *s)
{
	return kr_buf_add(b, s, strlen(s));
}

/* Appends the decimal digits of v (with a '-' when neg). */
static enum kr_status add_uint(struct kr_buf *b, unsigned long long v, bool neg)
{
	char tmp[24];
	size_t i = sizeof tmp;

	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (neg)
		tmp[--i] = '-';
	return kr_buf_add(b, tmp + i, sizeof tmp - i);
}

static enum kr_status add_int(struct kr_buf *b, long long v)
{
	return add_uint(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

/* %.Nf for 0 <= prec <= 6 and |x| * 10^prec < 2^52, rounded as glibc does: to the
 * nearest, and a value exactly halfway (judged on the exact binary value
 * of x, with the product's rounding error from fma) to the even neighbour.
 * False when x is outside that range or not finite: the caller uses printf. */
static bool add_fixed(struct kr_buf *b, double x, int prec)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	double a = fabs(x), v, err, fl, f;
	unsigned long long n, ip, fp, scale = (unsigned long long)pow10[prec];
	char frac[8];

	v = a * pow10[prec];
	if (!(v < 4503599627370496.0))       /* 2^52: v keeps its fraction */
		return false;
	err = fma(a, pow10[prec], -v);      /* exact: a * 10^prec = v + err */
	fl = floor(v);
	f = v - fl;
	n = (unsigned long long)fl;
	if (f > 0.5 || (f == 0.5 && (err > 0 || (err == 0 && (n & 1)))))
		n++;
	ip = n / scale;
	fp = n % scale;
	add_uint(b, ip, signbit(x) != 0);
	if (prec > 0) {
		frac[0] = '.';
		for (int i = prec; i > 0; i--, fp /= 10)
			frac[i] = (char)('0' + fp % 10);
		kr_buf_add(b, frac, (size_t)prec + 1);
	}
	return true;
}

/* The fast path: false (with b->len unchanged) when fmt holds anything it
 * does not handle. */
static bool fast_vprintf(struct kr_buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	const char *p = fmt, *lit = fmt;

	for (; *p; p++) {
		if (*p != '%')
			continue;
		if (p > lit)
			kr_buf_add(b, lit, (size_t)(p - lit));
		p++;
		switch (*p) {
		case '%':
			kr_buf_add(b, "%", 1);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			kr_buf_puts(b, str ? str : "(null)");
			break;
		}
		case 'c': {
			char ch = (char)va_arg(ap, int);
			kr_buf_add(b, &ch, 1);
			break;
		}
		case 'd': case 'i':
			add_int(b, va_arg(ap, int));
			break;
		case 'u':
			add_uint(b, va_arg(ap, unsigned), false);
			break;
		case 'l':
			if (p[1] == 'd' || p[1] == 'i') {
				add_int(b, va_arg(ap, long));
				p++;
			} else if (p[1] == 'u') {
				add_uint(b, va_arg(ap, unsigned long), false);
				p++;
			} else if (p[1] == 'l' && (p[2] == 'd' || p[2] == 'i')) {
				add_int(b, va_arg(ap, long long));
				p += 2;
			} else {
				goto slow;
			}
			break;
		case 'z':
			if (p[1] != 'u')
				goto slow;
			add_uint(b, va_arg(ap, size_t), false);
			p++;
			break;
		case '.':
			if (p[1] < '0' || p[1] > '6' || p[2] != 'f')
				goto slow;
			if (!add_fixed(b, va_arg(ap, double), p[1] - '0'))
				goto slow;
			p += 2;
			break;
		default:
			goto slow;
		}
		lit = p + 1;
	}
	if (p > lit)
		kr_buf_add(b, lit, (size_t)(p - lit));
	return true;
slow:
	if (!b->failed) {
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return false;
}

enum kr_status kr_buf_vprintf(struct kr_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room;
	int n;
	enum kr_status rc;

	if (b->failed)
		return b->why;
	va_copy(cp, ap);
	if (fast_vprintf(b, fmt, cp)) {
		va_end(cp);
		return b->failed ? b->why : KR_OK;
	}
	va_end(cp);
	if (b->failed)
		return b->why;
	/* Format straight into the free space (most calls are short and fit);
	 * only when the text did not fit, grow and format a second time. */
	if (b->cap - b->len < 128 && b->max - b->len >= 128 && (rc = buf_reserve(b, 128)))
		return rc;
	room = b->cap > b->len ? b->cap - b->len : 0;
	va_copy(cp, ap);
	n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, cp);
	va_end(cp);
	if (n < 0)
		return buf_fail(b, KR_ENOMEM);
	if ((size_t)n >= room) {
		rc = buf_reserve(b, (size_t)n);
		if (rc) {
			if (b->data)
				b->data[b->len] = '\0';
			return rc;
		}
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	return KR_OK;
}

enum kr_status kr_buf_printf(struct kr_buf *b, const char *fmt, ...)
{
	va_list ap;
	enum kr_status rc;
	va_start(ap, fmt);
	rc = kr_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

enum kr_status kr_buf_xml(struct kr_buf *b, const char *s)
{
	const char *run = s;
	enum kr_status rc = KR_OK;

	for (; *s && !rc; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default: continue;
		}
		rc = kr_buf_add(b, run, (size_t)(s - run));
		if (!rc)
			rc = kr_buf_puts(b, rep);
		run = s + 1;
	}
	if (!rc)
		rc = kr_buf_add(b, run, (size_t)(s - run));
	return rc;
}

char *kr_buf_steal(struct kr_buf *b, size_t *len)
{
	char *p;

	if (b->failed)
		return NULL;
	if (!b->data) {
		if (buf_reserve(b, 0))
			return NULL;
		b->data[0] = '\0';
	}
	p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
