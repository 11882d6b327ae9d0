/*
 * audit_checkpoint.c - signed checkpoints of the audit trail (audit.h):
 * making one from the verified head, and checking a trail against the
 * checkpoints kept elsewhere; the public key that a third party holds to
 * check a checkpoint's signature without any secret.
 *
 * A checkpoint is one line,
 *   kring-audit-checkpoint v2 seq=N hash=H time=T pub=P sig=S
 * with N the id of the last row, H its chain hash (64 hex), T the UTC time
 * the checkpoint was made, P the Ed25519 public key (64 hex) and S the
 * Ed25519 signature (128 hex, libsodium crypto_sign_detached) of the exact
 * text before " sig=".  The chain hash of row N depends on every row up to
 * N, their order and ids, so a trail in which row N still has hash H holds
 * rows 1..N as they were; a trail shorter than N was cut below the
 * checkpoint.  The signature makes a checkpoint that was not made with
 * this key (a forged or altered one, or a real one checked against a
 * replaced key file) fail, and anyone with the public key (`kring audit
 * public-key`) can check it without being able to make one.
 *
 * The signing key is kept outside the database like the audit key: its
 * seed is derived from the audit key file (HMAC-SHA256 of a fixed text), so
 * whoever can read the key file can sign, and nobody else can.  The public
 * key P is printed in every checkpoint for convenience only: a verifier
 * compares it with the copy it keeps itself (--public-key).
 *
 * Checkpoints of version 1 (made before signatures, with " key=K mac=M":
 * an HMAC-SHA256 under a key derived from the audit key) are still
 * accepted by kr_audit_verify_expect, which holds the audit key, so files
 * of checkpoints kept before stay useful; they cannot be checked with the
 * public key alone, and new checkpoints are always of version 2.
 *
 * Verification walks the chain once (audit.c's kri_audit_walk), noting the
 * recomputed hash at each checkpoint's row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "kring/init.h"
#include "audit_int.h"
#include "store_int.h"

#define MAGIC "kring-audit-checkpoint v"
#define MAGIC1 MAGIC "1 "
#define MAGIC2 MAGIC "2 "
#define PUB_MAGIC "kring-audit-public-key v1 "
#define MAX_CHECKPOINTS 4096

struct checkpoint {
	int version;                          /* 1: HMAC (before signatures), 2: Ed25519 */
	long long seq;
	unsigned char hash[KRI_AUDIT_HASH_LEN];
	unsigned char key_id[KRI_AUDIT_KEY_ID_LEN];       /* version 1 */
	unsigned char mac[KRI_AUDIT_HASH_LEN];            /* version 1 */
	unsigned char pub[crypto_sign_PUBLICKEYBYTES];    /* version 2 */
	unsigned char sig[crypto_sign_BYTES];             /* version 2 */
	char time[KR_DATE_STAMP_LEN];
	char body[KR_AUDIT_CHECKPOINT_MAX];   /* the text the MAC or signature is over */
	bool seen;                            /* the walk reached its row */
	bool matches;                         /* ... and the hash there was H */
	int line;
};

static void mac_of(const struct kri_audit_key *k, const char *body,
                   unsigned char out[KRI_AUDIT_HASH_LEN])
{
	crypto_auth_hmacsha256_state h;
	crypto_auth_hmacsha256_init(&h, k->checkpoint, KRI_AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)body, strlen(body));
	crypto_auth_hmacsha256_final(&h, out);
	sodium_memzero(&h, sizeof h);
}

/* The Ed25519 key pair of checkpoints: its seed is HMAC-SHA256(audit key,
 * "kring-audit-signing-key-v1").  sk may be NULL (only the public key). */
static void sign_keys(const struct kri_audit_key *k, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                      unsigned char *sk)
{
	static const char text[] = "kring-audit-signing-key-v1";
	unsigned char seed[crypto_sign_SEEDBYTES], own[crypto_sign_SECRETKEYBYTES];
	crypto_auth_hmacsha256_state h;

	crypto_auth_hmacsha256_init(&h, k->key, KRI_AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)text, sizeof text - 1);
	crypto_auth_hmacsha256_final(&h, seed);
	crypto_sign_seed_keypair(pk, sk ? sk : own, seed);
	sodium_memzero(&h, sizeof h);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(own, sizeof own);
}

static enum kr_status no_sodium(struct kr_error *err)
{
	return kr_error_say(err, KR_ENOMEM, "De cryptografische bibliotheek start niet.",
	                    "The cryptography library cannot start.");
}

/* The key, adopting the trail when it has none yet (a checkpoint is the
 * first use of the key for a trail written before keys existed). */
static enum kr_status key_ready(struct kr_store *s, const struct kri_audit_key **k,
                                struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	enum kr_status rc;

	if (sodium_init() < 0)
		return no_sodium(err);
	if ((rc = kri_tx_begin(s, &tx, err)) == KR_OK)
		rc = kri_audit_key_get(s, k, err);
	return kri_tx_end(&tx, rc, err);
}

struct last {
	long long id;
	unsigned char hash[KRI_AUDIT_HASH_LEN];
};

static void note_last(long long id, const unsigned char hash[KRI_AUDIT_HASH_LEN], void *arg)
{
	struct last *l = arg;
	l->id = id;
	memcpy(l->hash, hash, KRI_AUDIT_HASH_LEN);
}

enum kr_status kr_audit_checkpoint(struct kr_store *s, time_t now,
                                   char line[KR_AUDIT_CHECKPOINT_MAX], struct kr_error *err)
{
	const struct kri_audit_key *k = NULL;
	struct last l;
	char hash[2 * KRI_AUDIT_HASH_LEN + 1], pub[2 * crypto_sign_PUBLICKEYBYTES + 1];
	char sig[2 * crypto_sign_BYTES + 1], at[KR_DATE_STAMP_LEN], body[KR_AUDIT_CHECKPOINT_MAX];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sg[crypto_sign_BYTES];
	long long bad = 0, last_id = 0;
	enum kr_status rc;

	line[0] = '\0';
	memset(&l, 0, sizeof l);
	if ((rc = key_ready(s, &k, err)) ||
	    (rc = kri_audit_walk(s, k, note_last, &l, &bad, &last_id, err)))
		return rc;
	sign_keys(k, pk, sk);
	sodium_bin2hex(hash, sizeof hash, l.hash, KRI_AUDIT_HASH_LEN);
	sodium_bin2hex(pub, sizeof pub, pk, sizeof pk);
	kr_date_timestamp(now, at);
	snprintf(body, sizeof body, MAGIC2 "seq=%lld hash=%s time=%s pub=%s", l.id, hash, at, pub);
	crypto_sign_detached(sg, NULL, (const unsigned char *)body, strlen(body), sk);
	sodium_memzero(sk, sizeof sk);
	sodium_bin2hex(sig, sizeof sig, sg, sizeof sg);
	snprintf(line, KR_AUDIT_CHECKPOINT_MAX, "%s sig=%s", body, sig);
	return KR_OK;
}

enum kr_status kr_audit_public_key(struct kr_store *s, char line[KR_AUDIT_PUBLIC_KEY_MAX],
                                   struct kr_error *err)
{
	const struct kri_audit_key *k = NULL;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
	enum kr_status rc;

	line[0] = '\0';
	if ((rc = key_ready(s, &k, err)))
		return rc;
	sign_keys(k, pk, NULL);
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	snprintf(line, KR_AUDIT_PUBLIC_KEY_MAX, PUB_MAGIC "%s", hex);
	return KR_OK;
}

/* ---- parsing --------------------------------------------------------------- */

/* Reads "name=<hex of n bytes>" at *p into out and moves *p past it and one
 * space (or to the end).  False when malformed. */
static bool field_hex(const char **p, const char *name, unsigned char *out, size_t n)
{
	size_t len = strlen(name), got = 0;
	const char *v = *p, *end;

	if (strncmp(v, name, len) != 0 || v[len] != '=')
		return false;
	v += len + 1;
	end = v + strspn(v, "0123456789abcdef");
	if ((size_t)(end - v) != 2 * n ||
	    sodium_hex2bin(out, n, v, (size_t)(end - v), NULL, &got, NULL) != 0 || got != n)
		return false;
	*p = *end == ' ' ? end + 1 : end;
	return true;
}

/* Parses the checkpoint that starts at magic (the line's text ends at
 * end).  False when malformed. */
static bool parse_one(const char *magic, const char *end, struct checkpoint *c)
{
	char text[KR_AUDIT_CHECKPOINT_MAX + 1];
	const char *p, *body_end;
	size_t n = (size_t)(end - magic);
	char *stop;

	while (n && (magic[n - 1] == '\r' || magic[n - 1] == ' '))
		n--;
	if (n >= sizeof text)
		return false;
	memcpy(text, magic, n);
	text[n] = '\0';
	if (strncmp(text, MAGIC1, strlen(MAGIC1)) == 0)
		c->version = 1;
	else if (strncmp(text, MAGIC2, strlen(MAGIC2)) == 0)
		c->version = 2;
	else
		return false;
	if (!(body_end = strstr(text, c->version == 1 ? " mac=" : " sig=")))
		return false;
	p = text + strlen(MAGIC1);
	if (strncmp(p, "seq=", 4) != 0)
		return false;
	c->seq = strtoll(p + 4, &stop, 10);
	if (stop == p + 4 || *stop != ' ' || c->seq < 0)
		return false;
	p = stop + 1;
	if (!field_hex(&p, "hash", c->hash, KRI_AUDIT_HASH_LEN) || strncmp(p, "time=", 5) != 0 ||
	    strlen(p) < 5 + KR_DATE_STAMP_LEN - 1 || p[5 + KR_DATE_STAMP_LEN - 1] != ' ')
		return false;
	memcpy(c->time, p + 5, KR_DATE_STAMP_LEN - 1);
	c->time[KR_DATE_STAMP_LEN - 1] = '\0';
	p += 5 + KR_DATE_STAMP_LEN;
	if (c->version == 1) {
		if (!field_hex(&p, "key", c->key_id, KRI_AUDIT_KEY_ID_LEN) || p != body_end + 1 ||
		    !field_hex(&p, "mac", c->mac, KRI_AUDIT_HASH_LEN) || *p)
			return false;
	} else {
		if (!field_hex(&p, "pub", c->pub, sizeof c->pub) || p != body_end + 1 ||
		    !field_hex(&p, "sig", c->sig, sizeof c->sig) || *p)
			return false;
	}
	snprintf(c->body, sizeof c->body, "%.*s", (int)(body_end - text), text);
	return true;
}

/* Every checkpoint in text into a malloc'd *out of *n.  KR_EUSAGE (with the
 * line number) for a malformed one or none at all. */
static enum kr_status parse_all(const char *text, size_t len, struct checkpoint **out,
                                size_t *n, struct kr_error *err)
{
	struct checkpoint *v = NULL;
	size_t cap = 0;
	const char *p = text, *end = text + len;
	int line = 0;

	*out = NULL;
	*n = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *m;
		char buf[2048];
		size_t ll;

		if (!eol)
			eol = end;
		line++;
		ll = (size_t)(eol - p);
		if (ll >= sizeof buf)
			ll = sizeof buf - 1;
		memcpy(buf, p, ll);
		buf[ll] = '\0';
		if ((m = strstr(buf, MAGIC))) {
			if (*n == cap) {
				size_t c = cap ? cap * 2 : 8;
				struct checkpoint *g;
				if (c > MAX_CHECKPOINTS || !(g = realloc(v, c * sizeof *g))) {
					free(v);
					return kr_error_say(err, KR_ETOOBIG, "Te veel controlepunten (meer "
					                    "dan %d).", "Too many checkpoints (more than %d).",
					                    MAX_CHECKPOINTS);
				}
				v = g;
				cap = c;
			}
			memset(&v[*n], 0, sizeof v[*n]);
			if (!parse_one(m, buf + ll, &v[*n])) {
				free(v);
				*n = 0;
				return kr_error_say(err, KR_EUSAGE, "Regel %d bevat een onleesbaar "
				                    "controlepunt van het logboek.", "Line %d holds a "
				                    "malformed audit checkpoint.", line);
			}
			v[*n].line = line;
			(*n)++;
		}
		p = eol < end ? eol + 1 : end;
	}
	if (!*n) {
		free(v);
		return kr_error_say(err, KR_EUSAGE, "Er staat geen controlepunt van het logboek in "
		                    "(een regel van `kring audit checkpoint`).", "It holds no audit "
		                    "checkpoint (a line printed by `kring audit checkpoint`).");
	}
	*out = v;
	return KR_OK;
}

/* The public key in text (a line of `kring audit public-key`, or its 64 hex
 * digits alone) into pk.  KR_EUSAGE when there is none. */
static enum kr_status parse_public(const char *text, size_t len,
                                   unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                                   struct kr_error *err)
{
	char buf[256];
	const char *p;
	size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1, got = 0, hex;

	memcpy(buf, text, n);
	buf[n] = '\0';
	p = strstr(buf, PUB_MAGIC);
	p = p ? p + strlen(PUB_MAGIC) : buf + strspn(buf, " \t\r\n");
	hex = strspn(p, "0123456789abcdef");
	if (hex != 2 * crypto_sign_PUBLICKEYBYTES || (p[hex] && !strchr(" \t\r\n", p[hex])) ||
	    sodium_hex2bin(pk, crypto_sign_PUBLICKEYBYTES, p, hex, NULL, &got, NULL) != 0 ||
	    got != crypto_sign_PUBLICKEYBYTES)
		return kr_error_say(err, KR_EUSAGE, "Er staat geen publieke sleutel van het logboek "
		                    "in (de regel van `kring audit public-key`).", "It holds no public "
		                    "key of the audit trail (the line printed by `kring audit "
		                    "public-key`).");
	return KR_OK;
}

/* Checks the signatures of the version-2 checkpoints of v against pk (and
 * the MACs of version 1 against k, when k is given: without the audit key
 * a version-1 checkpoint cannot be checked and is refused).  KR_EINVAL
 * naming the first that does not hold. */
static enum kr_status check_signed(const struct checkpoint *v, size_t n,
                                   const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                                   const struct kri_audit_key *k, struct kr_error *err)
{
	char want[2 * crypto_sign_PUBLICKEYBYTES + 1], got[2 * crypto_sign_PUBLICKEYBYTES + 1];
	unsigned char mac[KRI_AUDIT_HASH_LEN];

	for (size_t i = 0; i < n; i++) {
		const struct checkpoint *c = &v[i];
		if (c->version == 1) {
			if (!k)
				return kr_error_say(err, KR_EINVAL, "Het controlepunt van regel %lld (%s) "
				                    "is van versie 1 (van voor de handtekeningen): dat is "
				                    "alleen met de sleutel van het logboek te controleren "
				                    "(kring audit --verify --expect), niet met de publieke "
				                    "sleutel.", "The checkpoint of row %lld (%s) is of version "
				                    "1 (from before signatures): it can be checked only with "
				                    "the audit key (kring audit --verify --expect), not with "
				                    "the public key.", c->seq, c->time);
			mac_of(k, c->body, mac);
			if (sodium_memcmp(c->key_id, k->id, KRI_AUDIT_KEY_ID_LEN) == 0 &&
			    sodium_memcmp(mac, c->mac, KRI_AUDIT_HASH_LEN) == 0)
				continue;
		} else if (sodium_memcmp(c->pub, pk, crypto_sign_PUBLICKEYBYTES) == 0 &&
		           crypto_sign_verify_detached(c->sig, (const unsigned char *)c->body,
		                                       strlen(c->body), pk) == 0) {
			continue;
		}
		if (c->version == 2 && sodium_memcmp(c->pub, pk, crypto_sign_PUBLICKEYBYTES) == 0)
			return kr_error_say(err, KR_EINVAL, "De handtekening van het controlepunt van "
			                    "regel %lld (%s) klopt niet: het controlepunt is veranderd of "
			                    "nagemaakt, niet met deze sleutel gemaakt.", "The signature "
			                    "of the checkpoint of row %lld (%s) does not hold: the "
			                    "checkpoint was altered or forged, not made with this key.",
			                    c->seq, c->time);
		sodium_bin2hex(want, sizeof want, c->version == 1 ? c->key_id : c->pub,
		               c->version == 1 ? KRI_AUDIT_KEY_ID_LEN : crypto_sign_PUBLICKEYBYTES);
		sodium_bin2hex(got, sizeof got, pk, crypto_sign_PUBLICKEYBYTES);
		return kr_error_say(err, KR_EINVAL, "Het controlepunt van regel %lld (%s) is niet met "
		                    "deze sleutel gemaakt (sleutel %.16s…, deze sleutel %.16s…): het "
		                    "sleutelbestand is vervangen, of het controlepunt is veranderd of "
		                    "nagemaakt.", "The checkpoint of row %lld (%s) was not made with "
		                    "this key (key %.16s…, this key %.16s…): the key file was replaced, "
		                    "or the checkpoint was altered or forged.", c->seq, c->time, want,
		                    got);
	}
	return KR_OK;
}

enum kr_status kr_audit_checkpoints_signed(const char *text, size_t len, const char *pub,
                                           size_t pub_len, long long *last_seq, int *checked,
                                           struct kr_error *err)
{
	struct checkpoint *v = NULL;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	size_t n = 0;
	enum kr_status rc;

	if (last_seq)
		*last_seq = 0;
	if (checked)
		*checked = 0;
	if (sodium_init() < 0)
		return no_sodium(err);
	if ((rc = parse_public(pub, pub_len, pk, err)) || (rc = parse_all(text, len, &v, &n, err)))
		goto out;
	if ((rc = check_signed(v, n, pk, NULL, err)))
		goto out;
	for (size_t i = 0; i < n && last_seq; i++)
		if (v[i].seq > *last_seq)
			*last_seq = v[i].seq;
	if (checked)
		*checked = (int)n;
out:
	free(v);
	return rc;
}

/* ---- checking ---------------------------------------------------------------- */

struct expect {
	struct checkpoint *v;
	size_t n;
};

static void note_checkpoints(long long id, const unsigned char hash[KRI_AUDIT_HASH_LEN],
                             void *arg)
{
	struct expect *x = arg;
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i].seq == id) {
			x->v[i].seen = true;
			x->v[i].matches = sodium_memcmp(x->v[i].hash, hash, KRI_AUDIT_HASH_LEN) == 0;
		}
}

enum kr_status kr_audit_verify_expect(struct kr_store *s, const char *text, size_t len,
                                      long long *first_bad_id, int *checked,
                                      struct kr_error *err)
{
	return kr_audit_verify_expect_key(s, text, len, NULL, 0, first_bad_id, checked, err);
}

enum kr_status kr_audit_verify_expect_key(struct kr_store *s, const char *text, size_t len,
                                          const char *pub, size_t pub_len,
                                          long long *first_bad_id, int *checked,
                                          struct kr_error *err)
{
	struct expect x = { NULL, 0 };
	const struct kri_audit_key *k = NULL;
	unsigned char db_id[KRI_AUDIT_KEY_ID_LEN], pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char own[crypto_sign_PUBLICKEYBYTES];
	long long last = 0;
	bool keyed = false;
	enum kr_status rc, walk;
	struct kr_error werr;

	*first_bad_id = 0;
	if (checked)
		*checked = 0;
	kr_error_init_lang(&werr, err ? err->lang : kr_config_get()->lang);
	if ((rc = parse_all(text, len, &x.v, &x.n, err)))
		goto out;
	if (sodium_init() < 0) {
		rc = no_sodium(err);
		goto out;
	}
	if (pub && (rc = parse_public(pub, pub_len, pk, err)))
		goto out;
	if ((rc = kri_audit_db_key_id(s, db_id, &keyed, err)))
		goto out;
	if (!keyed) {
		rc = kr_error_say(err, KR_EINVAL, "Het logboek noemt geen sleutel, maar de "
		                  "controlepunten zijn met een sleutel gemaakt: het logboek is "
		                  "vervangen of de sleutel-id is eruit gehaald.", "The audit trail "
		                  "names no key, but the checkpoints were made with one: the trail was "
		                  "replaced or its key id removed.");
		goto out;
	}
	if ((rc = kri_audit_key_get(s, &k, err)))
		goto out;
	sign_keys(k, own, NULL);
	/* the verifier's own copy of the public key must be this trail's */
	if (pub && sodium_memcmp(pk, own, sizeof pk) != 0) {
		rc = kr_error_say(err, KR_EINVAL, "De publieke sleutel hoort niet bij de sleutel van "
		                  "dit logboek: het sleutelbestand is vervangen, of het is de sleutel "
		                  "van een ander logboek.", "The public key does not belong to this "
		                  "audit trail's key: the key file was replaced, or it is another "
		                  "trail's key.");
		goto out;
	}
	/* every checkpoint must be one this key made */
	if ((rc = check_signed(x.v, x.n, own, k, err)))
		goto out;
	walk = kri_audit_walk(s, k, note_checkpoints, &x, first_bad_id, &last, &werr);
	/* a checkpoint past the end: cut off below it (also when the walk
	 * stopped early, the rows up to a checkpoint it did not reach say
	 * more than the walk's own message) */
	for (size_t i = 0; i < x.n; i++) {
		const struct checkpoint *c = &x.v[i];
		if (c->seen && !c->matches) {
			*first_bad_id = c->seq;
			rc = kr_error_say(err, KR_EINVAL, "Het logboek gaat niet meer door het "
			                  "controlepunt van regel %lld (%s): regels tot en met %lld zijn "
			                  "veranderd, verwijderd, verplaatst of ingevoegd.", "The audit "
			                  "trail no longer passes through the checkpoint of row %lld (%s): "
			                  "rows up to %lld were altered, removed, moved or inserted.",
			                  c->seq, c->time, c->seq);
			goto out;
		}
		if (!c->seen && walk == KR_OK && c->seq > last) {
			*first_bad_id = last + 1;
			rc = kr_error_say(err, KR_EINVAL, "Het logboek is ingekort tot onder het "
			                  "controlepunt van regel %lld (%s): het eindigt bij regel %lld.",
			                  "The audit trail was cut below the checkpoint of row %lld (%s): "
			                  "it ends at row %lld.", c->seq, c->time, last);
			goto out;
		}
	}
	if (walk != KR_OK) {
		rc = walk;
		kr_error_say(err, walk, "%s", "%s", werr.message);
		goto out;
	}
	if (checked)
		*checked = (int)x.n;
out:
	kr_error_cleanup(&werr);
	free(x.v);
	return rc;
}
