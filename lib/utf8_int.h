/*
 * utf8_int.h - checking UTF-8 text (utf8.c): the password rules count code
 * points, and the audit trail refuses fields that are not clean text.
 * Internal to libkring.
 */
#ifndef KRING_UTF8_INT_H
#define KRING_UTF8_INT_H

#include <stdbool.h>
#include <stddef.h>

/* Counts the code points of the NUL-terminated UTF-8 string s into *n.
 * Returns false (and leaves *n alone) for malformed UTF-8 (overlong forms,
 * surrogates, beyond U+10FFFF) and, when no_controls, for C0 controls and
 * DEL. */
bool kri_utf8_count(const char *s, bool no_controls, size_t *n);

#endif
