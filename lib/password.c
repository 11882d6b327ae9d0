/*
 * password.c - the password rules and hashing of password.h.
 *
 * Strength is zxcvbn's estimate (libzxcvbn, the C port of Dropbox's
 * zxcvbn by Tony Evans, packaged by Debian): the log2 of the guesses an
 * attacker with its dictionaries and patterns would need.  Below
 * MIN_GUESS_BITS (10^10 guesses, zxcvbn's top score, "strong protection
 * from an offline slow-hash attack") a password counts as easy to guess.
 * zxcvbn's dictionaries are English, so a short ranked list of Dutch words,
 * places, clubs and first names that zxcvbn lacks goes in as its "user
 * dictionary", together with the user name and the product's own name.
 * That list is kring's own, written for this purpose (it is not copied
 * from a published list); everything else comes from zxcvbn.
 *
 * Hashing: argon2id through libsodium at the limits of auth.h, inside a
 * counting semaphore (a mutex and a condition variable) of max_hashing
 * places.  The dummy hash for unknown users is made once per set of limits
 * and kept here; verifications are counted for the tests.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <zxcvbn.h>

#include "auth_int.h"
#include "kring/account.h"
#include "kring/password.h"
#include "password_int.h"
#include "utf8_int.h"

#define MIN_GUESS_BITS 33.22   /* log2(10^10) */
#define PWBUF (KR_PASSWORD_MAX * 4 + 1)

/* Dutch password bases zxcvbn's English lists do not hold, most used
 * first (zxcvbn ranks a word by its place). */
static const char *const dutch[] = {
	"wachtwoord", "welkom", "geheim", "hallo", "feyenoord", "ajax", "liefde", "schatje",
	"voetbal", "lieverd", "nederland", "holland", "oranje", "amsterdam", "rotterdam",
	"utrecht", "eindhoven", "groningen", "denhaag", "tilburg", "almere", "breda",
	"nijmegen", "haarlem", "arnhem", "zwolle", "leiden", "maastricht", "dordrecht",
	"enschede", "apeldoorn", "amersfoort", "zaandam", "friesland", "brabant", "limburg",
	"vitesse", "twente", "heerenveen", "sparta", "ikhouvanjou", "laatmeerin", "toegang",
	"inloggen", "gebruiker", "beheerder", "sleutel", "veilig", "kabouter", "prinses",
	"prins", "koning", "koningin", "konijn", "hond", "poes", "paard", "vogel", "bloem",
	"zonnetje", "sterretje", "snoepje", "engeltje", "knuffel", "mama", "papa", "oma",
	"opa", "moeder", "vader", "familie", "vriend", "vriendin", "kinderen", "gezin",
	"pleegzorg", "pleeggezin", "jeugdzorg", "zorg", "dossier", "kantoor", "werk", "thuis",
	"zomer", "winter", "lente", "herfst", "vakantie", "januari", "februari", "maart",
	"april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
	"december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
	"zondag", "gezellig", "lekker", "pannenkoek", "stroopwafel", "kaas", "fiets", "molen",
	"tulp", "klompen", "appel", "banaan", "aardbei", "chocolade", "koffie", "daan", "sem",
	"lucas", "levi", "finn", "milan", "luuk", "thijs", "bram", "lars", "ruben", "jesse",
	"sanne", "lisa", "emma", "julia", "sophie", "lotte", "anna", "eva", "fleur", "iris",
	"lieke", "femke", "anouk", "tess", "mila", "noa", "jan", "piet", "kees", "henk",
	"klaas", "willem", "johan", "gerrit", "hendrik", "dirk", "joost", "sander", "bas",
	"niels", "marieke", "annemarie", "ingrid", "monique", "petra", "wendy", "esther",
	"mirjam", "kring",
};

/* ---- the rules -------------------------------------------------------------- */

/* True when zxcvbn expects fewer than 10^10 guesses for pw,
 * with the Dutch words and the user name (or NULL) as extra words. */
static bool easy(const char *pw, const char *lname)
{
	const char *words[sizeof dutch / sizeof *dutch + 2];
	size_t n = 0;

	if (lname && *lname)
		words[n++] = lname;
	for (size_t i = 0; i < sizeof dutch / sizeof *dutch; i++)
		words[n++] = dutch[i];
	words[n] = NULL;
	return ZxcvbnMatch(pw, words, NULL) < MIN_GUESS_BITS;
}

enum kr_password_verdict kr_password_check(const char *name, const char *password)
{
	char low[PWBUF], lname[KR_ACCOUNT_NAME_MAX + 1] = "";
	size_t n, len;

	if (!password || !kri_utf8_count(password, true, &n))
		return KR_PASSWORD_ENCODING;
	if (n < KR_PASSWORD_MIN)
		return KR_PASSWORD_SHORT;
	if (n > KR_PASSWORD_MAX)
		return KR_PASSWORD_LONG;
	len = strlen(password);
	for (size_t i = 0; i <= len; i++)
		low[i] = (char)tolower((unsigned char)password[i]);
	if (name && *name && strlen(name) <= KR_ACCOUNT_NAME_MAX) {
		size_t k = strlen(name);
		for (size_t i = 0; i <= k; i++)
			lname[i] = (char)tolower((unsigned char)name[i]);
		if (strstr(low, lname))
			return KR_PASSWORD_NAME;
	}
	return easy(password, lname) ? KR_PASSWORD_COMMON : KR_PASSWORD_OK;
}

const char *kr_password_message(enum kr_password_verdict v, enum kr_lang lang)
{
	switch (v) {
	case KR_PASSWORD_OK:
		return kr_tr(lang, "Het wachtwoord is goed.", "The password is fine.");
	case KR_PASSWORD_SHORT:
		return kr_tr(lang, "Het wachtwoord is te kort: gebruik minstens 12 tekens. Een zin "
		             "van een paar woorden is makkelijk te onthouden.",
		             "The password is too short: use at least 12 characters. A sentence "
		             "of a few words is easy to remember.");
	case KR_PASSWORD_LONG:
		return kr_tr(lang, "Het wachtwoord is te lang: gebruik hoogstens 128 tekens.",
		             "The password is too long: use at most 128 characters.");
	case KR_PASSWORD_ENCODING:
		return kr_tr(lang, "Het wachtwoord bevat tekens die niet kunnen (zoals een tab of "
		             "een ander stuurteken).",
		             "The password holds characters that are not allowed (such as a tab "
		             "or another control character).");
	case KR_PASSWORD_COMMON:
		return kr_tr(lang, "Dit wachtwoord wordt veel gebruikt of is makkelijk te raden. "
		             "Kies een zin van een paar woorden die niet bij elkaar horen.",
		             "This password is used a lot or is easy to guess. Choose a sentence "
		             "of a few words that do not belong together.");
	case KR_PASSWORD_NAME:
		return kr_tr(lang, "Het wachtwoord mag de gebruikersnaam niet bevatten.",
		             "The password must not contain the user name.");
	}
	return "?";
}

/* ---- hashing: a counting semaphore around argon2id ---------------------------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t place = PTHREAD_COND_INITIALIZER;
static int hashing;                          /* hashes being computed now */
static char dummy_hash[crypto_pwhash_STRBYTES];
static unsigned long long dummy_ops;         /* the limits dummy_hash was made with */
static size_t dummy_mem;
static struct kri_password_counts counts;

static void hash_enter(void)
{
	struct kr_auth_config c;

	pthread_mutex_lock(&lock);
	for (;;) {
		kr_auth_config_get(&c);
		if (hashing < c.max_hashing)
			break;
		pthread_cond_wait(&place, &lock);
	}
	hashing++;
	pthread_mutex_unlock(&lock);
}

static void hash_leave(void)
{
	pthread_mutex_lock(&lock);
	hashing--;
	pthread_cond_signal(&place);
	pthread_mutex_unlock(&lock);
}

void kri_password_wake(void)
{
	pthread_mutex_lock(&lock);
	pthread_cond_broadcast(&place);
	pthread_mutex_unlock(&lock);
}

void kri_password_counts(struct kri_password_counts *out)
{
	pthread_mutex_lock(&lock);
	*out = counts;
	pthread_mutex_unlock(&lock);
}

/* Hashes password at the limits ops/mem into out. */
static enum kr_status hash_with(const char *password, unsigned long long ops, size_t mem,
                                char out[crypto_pwhash_STRBYTES], struct kr_error *err)
{
	int r;

	hash_enter();
	r = crypto_pwhash_str(out, password, strlen(password), ops, mem);
	hash_leave();
	if (r != 0) {
		out[0] = '\0';
		return kr_error_say(err, KR_ENOMEM,
		                    "Er is niet genoeg geheugen om het wachtwoord te versleutelen.",
		                    "There is not enough memory to hash the password.");
	}
	return KR_OK;
}

enum kr_status kr_password_hash(const char *password, char out[KR_PASSWORD_HASH_MAX],
                                struct kr_error *err)
{
	struct kr_auth_config c;
	enum kr_status rc;

	_Static_assert(crypto_pwhash_STRBYTES <= KR_PASSWORD_HASH_MAX, "hash buffer too small");
	out[0] = '\0';
	if ((rc = kri_auth_ready(err)))
		return rc;
	kr_auth_config_get(&c);
	return hash_with(password, c.opslimit, c.memlimit, out, err);
}

/* Verifies, counting the verification (dummy or not). */
static bool verify(const char *hash, const char *password, bool dummy)
{
	int r;

	hash_enter();
	r = crypto_pwhash_str_verify(hash, password, strlen(password));
	hash_leave();
	pthread_mutex_lock(&lock);
	counts.verify++;
	if (dummy)
		counts.dummy++;
	pthread_mutex_unlock(&lock);
	return r == 0;
}

bool kr_password_verify(const char *hash, const char *password)
{
	if (kri_auth_ready(NULL) || !hash || !password)
		return false;
	return verify(hash, password, false);
}

bool kr_password_needs_rehash(const char *hash)
{
	struct kr_auth_config c;

	if (kri_auth_ready(NULL) || !hash)
		return false;
	kr_auth_config_get(&c);
	return crypto_pwhash_str_needs_rehash(hash, c.opslimit, c.memlimit) != 0;
}

void kri_password_verify_dummy(const char *password)
{
	char h[crypto_pwhash_STRBYTES];
	struct kr_auth_config c;
	bool have;

	if (kri_auth_ready(NULL) || !password)
		return;
	kr_auth_config_get(&c);
	pthread_mutex_lock(&lock);
	have = dummy_hash[0] && dummy_ops == c.opslimit && dummy_mem == c.memlimit;
	if (have)
		memcpy(h, dummy_hash, sizeof h);
	pthread_mutex_unlock(&lock);
	if (!have) {
		if (hash_with("kring: no such user, but do the same work", c.opslimit, c.memlimit, h,
		              NULL))
			return;
		pthread_mutex_lock(&lock);
		memcpy(dummy_hash, h, sizeof h);
		dummy_ops = c.opslimit;
		dummy_mem = c.memlimit;
		pthread_mutex_unlock(&lock);
	}
	(void)verify(h, password, true);
}
