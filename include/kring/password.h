/*
 * password.h - the password rules and how passwords are kept.
 *
 * Rules (ASVS V6.2): 12 to 128 characters, counted in Unicode code points;
 * valid UTF-8 without control characters, neither normalised nor cut; not
 * easy to guess; not containing the user name.  "Easy to guess" is judged
 * by zxcvbn (Debian's libzxcvbn: dictionaries of common passwords, English
 * words, names and surnames, keyboard walks, sequences, repeats, dates and
 * l33t spellings) with a small Dutch supplement and the user name as extra
 * words: a password zxcvbn expects to fall within 10^10 guesses is refused.
 *
 * Keeping (ASVS V6.5): only an argon2id hash (libsodium crypto_pwhash_str)
 * at the configured limits (auth.h; at least INTERACTIVE in production).  A
 * counting semaphore lets at most max_hashing hashes run at once in the
 * process, so a flood of logins cannot exhaust memory; further callers wait
 * for a place.  Thread-safe.
 */
#ifndef KRING_PASSWORD_H
#define KRING_PASSWORD_H

#include <stdbool.h>

#include "kring/error.h"
#include "kring/lang.h"

#define KR_PASSWORD_MIN 12         /* code points */
#define KR_PASSWORD_MAX 128        /* code points */
#define KR_PASSWORD_HASH_MAX 128   /* bytes of a stored hash, its NUL included */

enum kr_password_verdict {
	KR_PASSWORD_OK = 0,
	KR_PASSWORD_SHORT,      /* fewer than 12 characters */
	KR_PASSWORD_LONG,       /* more than 128 characters */
	KR_PASSWORD_ENCODING,   /* not valid UTF-8, or holds control characters */
	KR_PASSWORD_COMMON,     /* easy to guess: a common password, word, pattern or variant */
	KR_PASSWORD_NAME        /* equals or contains the user name */
};

/* Judges password as the new password of user `name` (NULL or "": no name
 * rule).  Returns the first rule it breaks, in the order of the enum, or
 * KR_PASSWORD_OK.  A NULL password is KR_PASSWORD_ENCODING.  Pure; never
 * fails otherwise. */
enum kr_password_verdict kr_password_check(const char *name, const char *password);

/* A sentence for a person explaining verdict v, in lang (Dutch B1 or
 * English).  A static string. */
const char *kr_password_message(enum kr_password_verdict v, enum kr_lang lang);

/* Hashes password with argon2id at the configured limits into out (a
 * NUL-terminated string).  Waits for a place when max_hashing hashes are
 * being computed.  Does not check the rules.  KR_ENOMEM when libsodium
 * cannot start or cannot get the memory; out is then "". */
enum kr_status kr_password_hash(const char *password, char out[KR_PASSWORD_HASH_MAX],
                                struct kr_error *err);

/* True when password matches hash (constant work for a given hash).  False
 * for a NULL argument or a malformed hash. */
bool kr_password_verify(const char *hash, const char *password);

/* True when hash was made with other limits than the configured ones, so
 * the next successful login should store a new one. */
bool kr_password_needs_rehash(const char *hash);

#endif
