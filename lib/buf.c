/*
 * buf.c - the capped growable buffer of buf.h.  Grows by doubling; on any
 * failure it frees its content and stays failed (see buf.h).
 */
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
	enum kr_status rc = buf_reserve(b, n);
	if (rc)
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

enum kr_status kr_buf_vprintf(struct kr_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	enum kr_status rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return buf_fail(b, KR_ENOMEM);
	rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
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
