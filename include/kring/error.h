/*
 * error.h - status codes and the error record every fallible kring call fills.
 *
 * A fallible function returns an enum kr_status (KR_OK is 0) and, when it
 * fails, writes a message a person can act on into a caller-owned struct
 * kr_error.  Validation collects every problem it finds as a "detail" of the
 * form "path: message" (e.g. `ties[3].b: unknown person "p99"`), so one call
 * reports all that is wrong with a document at once.
 *
 * Ownership: the caller owns the struct; kr_error_init() prepares it and
 * kr_error_cleanup() frees the details.  Passing a NULL error pointer to any
 * kring function is allowed and means "I do not want the message".
 */
#ifndef KRING_ERROR_H
#define KRING_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "kring/lang.h"

enum kr_status {
	KR_OK = 0,
	KR_EINVAL,    /* the data is invalid (details say where) */
	KR_EUSAGE,    /* the call itself was wrong: bad option, bad argument */
	KR_ENOTFOUND, /* no such case, revision, setting */
	KR_ECONFLICT, /* a concurrent change got there first */
	KR_ETOOBIG,   /* input over a size limit */
	KR_EIO,       /* reading or writing a file failed */
	KR_EDB,       /* the database refused or failed */
	KR_ENOMEM,    /* out of memory */
	KR_EPERM      /* not allowed */
};

/* At most this many details are kept; the rest are counted in ndropped. */
#define KR_ERROR_MAX_DETAILS 200

struct kr_error {
	enum kr_status code;
	enum kr_lang lang;  /* the language messages are written in */
	char message[512];
	char **details;     /* "path: message" strings, owned */
	size_t ndetails;
	size_t ndropped;    /* details not kept because of the cap */
};

/* Prepares an empty error record whose messages will be in the library's
 * configured language (kr_config.lang, Dutch by default).  Never fails. */
void kr_error_init(struct kr_error *err);

/* The same, with messages in lang. */
void kr_error_init_lang(struct kr_error *err, enum kr_lang lang);

/* Frees the details and resets the record to empty; the language stays.
 * Accepts NULL. */
void kr_error_cleanup(struct kr_error *err);

/* Sets code and the message in the record's language: nl and en are the
 * Dutch and the English printf formats of the same message, checked by GCC
 * against the same arguments.  Returns code, so a caller can write
 * `return kr_error_say(err, KR_EIO, "...", "...", path)`.  err may be NULL. */
enum kr_status kr_error_say(struct kr_error *err, enum kr_status code, const char *nl,
                            const char *en, ...)
	__attribute__((format(printf, 3, 5), format(printf, 4, 5)));

/* Appends one "path: message" detail in the record's language (nl and en
 * as for kr_error_say).  Past KR_ERROR_MAX_DETAILS it only counts; out of
 * memory it silently counts too (the code already says the document
 * failed).  err may be NULL. */
void kr_error_add(struct kr_error *err, const char *path, const char *nl, const char *en, ...)
	__attribute__((format(printf, 3, 5), format(printf, 4, 5)));

/* Appends the detail for JSON text that does not parse, in the record's
 * language: "path: line L, column C: what is wrong" (Dutch: "regel L, kolom
 * C: ...").  text is the parser's English description (jansson's
 * json_error_t.text, e.g. "'}' expected near ','"); every description
 * jansson gives is said in Dutch too, and the English stays jansson's own
 * words.  path may be NULL or "" for no prefix.  err may be NULL. */
void kr_error_add_json(struct kr_error *err, const char *path, int line, int column,
                       const char *text);

/* A short English name for a status ("invalid data", "not found", ...).
 * Returns a static string. */
const char *kr_status_name(enum kr_status code);

/* The same in lang ("ongeldige gegevens", "niet gevonden", ...). */
const char *kr_status_label(enum kr_status code, enum kr_lang lang);

/* What operating-system error e (an errno value) means, in lang: Dutch
 * words for the common ones ("de schijf is vol", "het bestand bestaat
 * niet"; "systeemfout N" for the rest), strerror() in English.  For the
 * end of a message, so a Dutch message holds no English.  A static string,
 * or a buffer of the calling thread valid until its next call. */
const char *kr_errno_text(int e, enum kr_lang lang);

/* The same in the language of err (NULL: the configured language). */
const char *kr_error_errno(const struct kr_error *err, int e);

#endif
