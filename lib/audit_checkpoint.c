/*
 * audit_checkpoint.c - signed checkpoints of the audit trail (audit.h):
 * making one from the verified head, and checking a trail against the
 * checkpoints kept elsewhere.
 *
 * A checkpoint is one line,
 *   kring-audit-checkpoint v1 seq=N hash=H time=T key=K mac=M
 * with N the id of the last row, H its chain hash (64 hex), T the UTC time
 * the checkpoint was made, K the key id (32 hex, audit_key.c) and M the
 * HMAC-SHA256, under the checkpoint key derived from the audit key, of the
 * exact text before " mac=".  The chain hash of row N depends on every row
 * up to N, their order and ids, so a trail in which row N still has hash H
 * holds rows 1..N as they were; a trail shorter than N was cut below the
 * checkpoint.  The MAC makes a checkpoint that was not made with this
 * key (a forged one, or a real one checked against a replaced key file)
 * fail instead of vouching for a chain rebuilt with another key.
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

#define MAGIC "kring-audit-checkpoint v1 "
#define MAX_CHECKPOINTS 4096

struct checkpoint {
	long long seq;
	unsigned char hash[KRI_AUDIT_HASH_LEN];
	unsigned char key_id[KRI_AUDIT_KEY_ID_LEN];
	unsigned char mac[KRI_AUDIT_HASH_LEN];
	char time[KR_DATE_STAMP_LEN];
	char body[KR_AUDIT_CHECKPOINT_MAX];   /* the text the MAC is over */
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

/* The key, adopting the trail when it has none yet (a checkpoint is the
 * first use of the key for a trail written before keys existed). */
static enum kr_status key_ready(struct kr_store *s, const struct kri_audit_key **k,
                                struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	enum kr_status rc;

	if (sodium_init() < 0)
		return kr_error_say(err, KR_ENOMEM, "De cryptografische bibliotheek start niet.",
		                    "The cryptography library cannot start.");
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
	char hash[2 * KRI_AUDIT_HASH_LEN + 1], id[2 * KRI_AUDIT_KEY_ID_LEN + 1];
	char mac[2 * KRI_AUDIT_HASH_LEN + 1], at[KR_DATE_STAMP_LEN], body[KR_AUDIT_CHECKPOINT_MAX];
	unsigned char m[KRI_AUDIT_HASH_LEN];
	long long bad = 0, last_id = 0;
	enum kr_status rc;

	line[0] = '\0';
	memset(&l, 0, sizeof l);
	if ((rc = key_ready(s, &k, err)) ||
	    (rc = kri_audit_walk(s, k, note_last, &l, &bad, &last_id, err)))
		return rc;
	sodium_bin2hex(hash, sizeof hash, l.hash, KRI_AUDIT_HASH_LEN);
	sodium_bin2hex(id, sizeof id, k->id, KRI_AUDIT_KEY_ID_LEN);
	kr_date_timestamp(now, at);
	snprintf(body, sizeof body, MAGIC "seq=%lld hash=%s time=%s key=%s", l.id, hash, at, id);
	mac_of(k, body, m);
	sodium_bin2hex(mac, sizeof mac, m, KRI_AUDIT_HASH_LEN);
	snprintf(line, KR_AUDIT_CHECKPOINT_MAX, "%s mac=%s", body, mac);
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
	if (!(body_end = strstr(text, " mac=")))
		return false;
	p = text + strlen(MAGIC);
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
	if (!field_hex(&p, "key", c->key_id, KRI_AUDIT_KEY_ID_LEN) || p != body_end + 1 ||
	    !field_hex(&p, "mac", c->mac, KRI_AUDIT_HASH_LEN) || *p)
		return false;
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
	struct expect x = { NULL, 0 };
	const struct kri_audit_key *k = NULL;
	unsigned char db_id[KRI_AUDIT_KEY_ID_LEN], mac[KRI_AUDIT_HASH_LEN];
	char want[2 * KRI_AUDIT_KEY_ID_LEN + 1], got[2 * KRI_AUDIT_KEY_ID_LEN + 1];
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
		rc = kr_error_say(err, KR_ENOMEM, "De cryptografische bibliotheek start niet.",
		                  "The cryptography library cannot start.");
		goto out;
	}
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
	/* every checkpoint must be one this key made */
	for (size_t i = 0; i < x.n; i++) {
		mac_of(k, x.v[i].body, mac);
		if (sodium_memcmp(x.v[i].key_id, k->id, KRI_AUDIT_KEY_ID_LEN) != 0 ||
		    sodium_memcmp(mac, x.v[i].mac, KRI_AUDIT_HASH_LEN) != 0) {
			sodium_bin2hex(want, sizeof want, x.v[i].key_id, KRI_AUDIT_KEY_ID_LEN);
			sodium_bin2hex(got, sizeof got, k->id, KRI_AUDIT_KEY_ID_LEN);
			rc = kr_error_say(err, KR_EINVAL, "Het controlepunt van regel %lld (%s) is niet "
			                  "met deze sleutel gemaakt (sleutel-id %s, deze sleutel %s): het "
			                  "sleutelbestand is vervangen, of het controlepunt is veranderd.",
			                  "The checkpoint of row %lld (%s) was not made with this key "
			                  "(key id %s, this key %s): the key file was replaced, or the "
			                  "checkpoint was altered.", x.v[i].seq, x.v[i].time, want, got);
			goto out;
		}
	}
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
