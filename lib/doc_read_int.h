/*
 * doc_read_int.h - reading a JSON document field by field (doc_read.c):
 * the state every document reader of the library shares (the case in
 * case_read.c, the foster family in family.c, the family plan in
 * family_plan.c) and the checks they have in common, each problem named
 * by its path in the document ("household[2].born: ...") in the caller's
 * language.  Internal to libkring.
 */
#ifndef KRING_DOC_READ_INT_H
#define KRING_DOC_READ_INT_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

#include <jansson.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/error.h"

/* The state of reading one document. */
struct kri_doc {
	struct kr_error *err;   /* where problems go; NULL: only counted */
	enum kr_lang lang;      /* of err: the language of the messages */
	size_t nproblems;
	bool nomem;
};

/* One problem at path: nl and en are its Dutch and English formats (see
 * kr_error_add).  Without an error record it is only counted. */
void kri_doc_problem(struct kri_doc *r, const char *path, const char *nl, const char *en, ...)
	__attribute__((format(printf, 3, 5), format(printf, 4, 5)));
void kri_doc_vproblem(struct kri_doc *r, const char *path, const char *nl, const char *en,
                      va_list ap) __attribute__((format(printf, 3, 0), format(printf, 4, 0)));

/* "base.key" (or "key" when base is empty, "base" when key is NULL) in
 * buf[n]; returns buf. */
const char *kri_doc_path(char *buf, size_t n, const char *base, const char *key);

/* The text under key of object o: NULL when absent or null (a problem when
 * required) or not text (a problem).  Borrowed from o. */
const char *kri_doc_text(struct kri_doc *r, const char *base, json_t *o, const char *key,
                         bool required);

/* The value of enumeration e named under key (0 when absent; a problem,
 * listing the allowed names, when unknown). */
int kri_doc_enum(struct kri_doc *r, const char *base, json_t *o, const char *key,
                 enum kr_enum e, bool required);

/* A date of full or partial precision under key; unset when absent, and a
 * problem when it is not a date that exists. */
struct kr_date kri_doc_date(struct kri_doc *r, const char *base, json_t *o, const char *key);

/* The object, or the list, under key of o: NULL when absent or null, and
 * when it is something else (a problem).  Borrowed. */
json_t *kri_doc_object(struct kri_doc *r, const char *base, json_t *o, const char *key);
json_t *kri_doc_list(struct kri_doc *r, const char *base, json_t *o, const char *key);

/* An id or case ref: 1 to 64 characters of A-Z a-z 0-9 - _ . (ids are also
 * path segments of the API). */
bool kri_doc_valid_id(const char *s);

#endif
