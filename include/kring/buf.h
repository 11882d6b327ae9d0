/*
 * buf.h - one growable byte buffer with a hard size cap (after curl's dynbuf).
 *
 * Used for JSON, SVG and HTTP bodies.  The buffer always keeps a terminating
 * NUL after its content.  When an append would pass the cap, or memory runs
 * out, the buffer frees its content and enters a failed state: every later
 * append fails too, so a caller may append many times and check once.
 */
#ifndef KRING_BUF_H
#define KRING_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "kring/error.h"

struct kr_buf {
	char *data;     /* NUL-terminated content, owned; NULL while empty */
	size_t len;
	size_t cap;     /* allocated bytes */
	size_t max;     /* hard limit on len */
	int failed;     /* 1 after a failed append: KR_ETOOBIG or KR_ENOMEM */
	enum kr_status why;
};

/* Prepares an empty buffer that may grow to max bytes. */
void kr_buf_init(struct kr_buf *b, size_t max);

/* Frees the content; the buffer may be used again afterwards. Accepts NULL. */
void kr_buf_cleanup(struct kr_buf *b);

/* Appends n bytes.  Returns KR_OK, or KR_ETOOBIG / KR_ENOMEM (and the
 * buffer is emptied and failed). */
enum kr_status kr_buf_add(struct kr_buf *b, const void *p, size_t n);

/* Appends a NUL-terminated string. */
enum kr_status kr_buf_puts(struct kr_buf *b, const char *s);

/* Appends printf-style formatted text. */
enum kr_status kr_buf_printf(struct kr_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum kr_status kr_buf_vprintf(struct kr_buf *b, const char *fmt, va_list ap);

/* Appends s with the five XML special characters escaped (&<>"'), for SVG
 * text and attributes. */
enum kr_status kr_buf_xml(struct kr_buf *b, const char *s);

/* Hands the content to the caller (who frees it with free()) and leaves the
 * buffer empty.  Returns NULL if the buffer failed; "" (allocated) if empty. */
char *kr_buf_steal(struct kr_buf *b, size_t *len);

#endif
