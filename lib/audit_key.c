/*
 * audit_key.c - the key of the audit trail's chain (audit.h,
 * docs/security.md "The key"): the key file, the key id kept in the
 * database, and the one-time re-chaining of a trail written before keys
 * existed.
 *
 * The key file holds one line, "kring-audit-key-v1 " and 64 hex digits (32
 * random bytes from libsodium).  It lives outside the database so that a
 * copy of the database, or someone who may write it but not read the key,
 * cannot rebuild the chain.  It must be a regular file that only its owner
 * may read or write (mode 0600; anything else is refused, as ssh refuses an
 * exposed private key), and it is created, with O_EXCL and mode 0600, only
 * when the database has no key id yet: a database that has one and lost
 * its key stops instead of starting a new chain over the old one.
 *
 * From the key two values are derived with HMAC-SHA256 over fixed texts:
 * the key id (its first 16 bytes; stored in audit_key.key_id, so a wrong
 * key is named as such rather than as a broken row) and the MAC key of
 * checkpoints (audit_checkpoint.c).  The key itself is never stored in the
 * database.
 *
 * Adoption: when the database has no key id, the first unit of work that
 * writes with a key (kri_audit_key_get inside kri_tx) checks the old
 * unkeyed chain, re-chains every row with the key (only the hash column
 * changes; the trigger of 003_audit_nen7513.sql allows that while no key id
 * is set), sets the key id, and appends a row that says how many rows were
 * re-chained and whether the old chain was intact.  All in one unit: it
 * commits or rolls back with the caller's transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "kring/init.h"
#include "audit_int.h"
#include "store_int.h"

#define KEY_MAGIC "kring-audit-key-v1 "
#define KEY_FILE_SUFFIX ".audit-key"

void kri_audit_key_free(struct kri_audit_key *k)
{
	if (!k)
		return;
	sodium_memzero(k, sizeof *k);
	free(k);
}

/* The key id and the checkpoint key of k->key. */
static void derive(struct kri_audit_key *k)
{
	static const char id_text[] = "kring-audit-key-id-v1";
	static const char cp_text[] = "kring-audit-checkpoint-v1";
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_state h;
	crypto_auth_hmacsha256_init(&h, k->key, KRI_AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)id_text, sizeof id_text - 1);
	crypto_auth_hmacsha256_final(&h, mac);
	memcpy(k->id, mac, KRI_AUDIT_KEY_ID_LEN);
	crypto_auth_hmacsha256_init(&h, k->key, KRI_AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)cp_text, sizeof cp_text - 1);
	crypto_auth_hmacsha256_final(&h, k->checkpoint);
	sodium_memzero(&h, sizeof h);
	crypto_auth_hmacsha256_init(&k->start, k->key, KRI_AUDIT_KEY_LEN);
	sodium_memzero(mac, sizeof mac);
}

enum kr_status kr_audit_key_path(struct kr_store *s, char *buf, size_t n,
                                 struct kr_error *err)
{
	const char *conf = kr_config_get()->audit_key_file;
	const char *db = sqlite3_db_filename(kri_store_db(s), "main");
	const char *own = kri_store_audit_key_path(s);
	int m;

	if (n)
		buf[0] = '\0';
	if (own && *own)
		m = snprintf(buf, n, "%s", own);
	else if (conf && *conf)
		m = snprintf(buf, n, "%s", conf);
	else if (db && *db)
		m = snprintf(buf, n, "%s%s", db, KEY_FILE_SUFFIX);
	else
		return kr_error_say(err, KR_EUSAGE, "Deze database heeft geen bestand, dus ook geen "
		                    "sleutelbestand ernaast.", "This database has no file, so no key "
		                    "file next to it either.");
	if (m < 0 || (size_t)m >= n)
		return kr_error_say(err, KR_EUSAGE, "Het pad van het sleutelbestand is te lang.",
		                    "The path of the key file is too long.");
	return KR_OK;
}

enum kr_status kr_audit_key_path_for(const char *db_path, char *buf, size_t n,
                                     struct kr_error *err)
{
	const char *conf = kr_config_get()->audit_key_file;
	int m = conf && *conf ? snprintf(buf, n, "%s", conf)
	                      : snprintf(buf, n, "%s%s", db_path, KEY_FILE_SUFFIX);
	if (m < 0 || (size_t)m >= n)
		return kr_error_say(err, KR_EUSAGE, "Het pad van het sleutelbestand is te lang.",
		                    "The path of the key file is too long.");
	return KR_OK;
}

/* Reads the key file at path into key.  *missing is true (and KR_OK) when
 * there is no such file. */
static enum kr_status key_read(const char *path, unsigned char key[KRI_AUDIT_KEY_LEN],
                               bool *missing, struct kr_error *err)
{
	char text[128];
	struct stat st;
	enum kr_status rc = KR_OK;
	ssize_t got;
	size_t hexlen = 0;
	int fd;

	*missing = false;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			*missing = true;
			return KR_OK;
		}
		return kr_error_say(err, KR_EPERM, "Het sleutelbestand van het logboek (%s) is niet "
		                    "te openen: %s.", "Cannot open the audit key file (%s): %s.", path,
		                    kr_error_errno(err, errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		rc = kr_error_say(err, KR_EPERM, "Het sleutelbestand van het logboek (%s) is geen "
		                  "gewoon bestand.", "The audit key file (%s) is not a regular file.",
		                  path);
		goto out;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		rc = kr_error_say(err, KR_EPERM, "Het sleutelbestand van het logboek (%s) is ook voor "
		                  "anderen te lezen of te schrijven (modus %03o): maak het alleen "
		                  "voor het serviceaccount leesbaar (chmod 600).", "The audit key file "
		                  "(%s) can be read or written by others (mode %03o): make it readable "
		                  "by the service account only (chmod 600).", path,
		                  (unsigned)(st.st_mode & 0777));
		goto out;
	}
	got = read(fd, text, sizeof text - 1);
	if (got < 0) {
		rc = kr_error_say(err, KR_EPERM, "Het sleutelbestand van het logboek (%s) is niet te "
		                  "lezen: %s.", "Cannot read the audit key file (%s): %s.", path,
		                  kr_error_errno(err, errno));
		goto out;
	}
	text[got] = '\0';
	if (strncmp(text, KEY_MAGIC, strlen(KEY_MAGIC)) != 0 ||
	    sodium_hex2bin(key, KRI_AUDIT_KEY_LEN, text + strlen(KEY_MAGIC),
	                   strlen(text + strlen(KEY_MAGIC)), "\n", &hexlen, NULL) != 0 ||
	    hexlen != KRI_AUDIT_KEY_LEN) {
		rc = kr_error_say(err, KR_EPERM, "%s is geen sleutelbestand van het logboek.",
		                  "%s is not an audit key file.", path);
		goto out;
	}
out:
	sodium_memzero(text, sizeof text);
	close(fd);
	return rc;
}

/* Makes the folder entry of path durable. */
static void sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd;

	if (!copy)
		return;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

/* Creates the key file at path with a new random key (mode 0600, never
 * over an existing file).  *exists is true (and KR_OK) when somebody made
 * it first. */
static enum kr_status key_create(const char *path, unsigned char key[KRI_AUDIT_KEY_LEN],
                                 bool *exists, struct kr_error *err)
{
	char text[sizeof KEY_MAGIC + 2 * KRI_AUDIT_KEY_LEN + 2];
	enum kr_status rc = KR_OK;
	size_t n, done = 0;
	int fd;

	*exists = false;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) {
			*exists = true;
			return KR_OK;
		}
		return kr_error_say(err, KR_EPERM, "Het sleutelbestand van het logboek (%s) is niet "
		                    "te maken: %s.", "Cannot create the audit key file (%s): %s.", path,
		                    kr_error_errno(err, errno));
	}
	randombytes_buf(key, KRI_AUDIT_KEY_LEN);
	snprintf(text, sizeof text, "%s", KEY_MAGIC);
	n = strlen(text);
	sodium_bin2hex(text + n, sizeof text - n, key, KRI_AUDIT_KEY_LEN);
	n = strlen(text);
	text[n++] = '\n';
	while (done < n) {
		ssize_t w = write(fd, text + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done != n || fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		rc = kr_error_say(err, KR_EIO, "Het sleutelbestand van het logboek (%s) is niet te "
		                  "schrijven: %s.", "Cannot write the audit key file (%s): %s.", path,
		                  kr_error_errno(err, errno ? errno : EIO));
		close(fd);
		unlink(path);
		goto out;
	}
	close(fd);
	sync_dir(path);
out:
	sodium_memzero(text, sizeof text);
	return rc;
}

enum kr_status kri_audit_db_key_id(struct kr_store *s, unsigned char id[KRI_AUDIT_KEY_ID_LEN],
                                   bool *has, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	*has = false;
	if (!(st = kri_store_stmt(s, "SELECT key_id FROM audit_key WHERE one = 1")))
		return kri_audit_read_failed(s, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_bytes(st, 0) == KRI_AUDIT_KEY_ID_LEN) {
		memcpy(id, sqlite3_column_blob(st, 0), KRI_AUDIT_KEY_ID_LEN);
		*has = true;
	} else if (step != SQLITE_ROW && step != SQLITE_DONE) {
		rc = kri_audit_read_failed(s, err);
	}
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_audit_keyed(struct kr_store *s, char at[21], long long *rechained,
                              struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	at[0] = '\0';
	*rechained = 0;
	if (!(st = kri_store_stmt(s, "SELECT keyed_at, rechained FROM audit_key "
	                          "WHERE one = 1 AND key_id IS NOT NULL")))
		return kri_audit_read_failed(s, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		snprintf(at, 21, "%s", t ? t : "");
		*rechained = sqlite3_column_int64(st, 1);
	} else if (step != SQLITE_DONE) {
		rc = kri_audit_read_failed(s, err);
	}
	sqlite3_reset(st);
	return rc;
}

/* Loads (or, when allowed, creates) the key of s into a new *out. */
static enum kr_status key_load(struct kr_store *s, bool may_create, struct kri_audit_key **out,
                               struct kr_error *err)
{
	struct kri_audit_key *k;
	char path[4096];
	enum kr_status rc;
	bool missing = false, exists = false;

	*out = NULL;
	if (!(k = calloc(1, sizeof *k)))
		return kr_error_say(err, KR_ENOMEM, "Geen geheugen meer.", "Out of memory.");
	rc = kr_audit_key_path(s, path, sizeof path, NULL);
	if (rc == KR_EUSAGE && may_create && !kr_config_get()->audit_key_file) {
		/* a database without a file lives as long as this connection:
		 * so does its key */
		randombytes_buf(k->key, KRI_AUDIT_KEY_LEN);
		k->created = true;
		rc = KR_OK;
		goto done;
	}
	if (rc && (rc = kr_audit_key_path(s, path, sizeof path, err)))
		goto out;
	for (int attempt = 0; attempt < 2; attempt++) {
		if ((rc = key_read(path, k->key, &missing, err)) || !missing)
			break;
		if (!may_create) {
			rc = kr_error_say(err, KR_EPERM, "Het sleutelbestand van het logboek (%s) "
			                  "ontbreekt. Zonder die sleutel kan het logboek niet worden "
			                  "aangevuld of gecontroleerd: zet het terug uit de back-up die "
			                  "bij deze database hoort (of geef het pad met --audit-key).",
			                  "The audit key file (%s) is missing. Without that key the audit "
			                  "trail cannot be extended or verified: restore it from the "
			                  "backup that belongs with this database (or give its path with "
			                  "--audit-key).", path);
			break;
		}
		if ((rc = key_create(path, k->key, &exists, err)) || !exists) {
			k->created = rc == KR_OK;
			break;
		}
		/* made by another process just now: read theirs */
	}
	if (rc)
		goto out;
done:
	derive(k);
	*out = k;
	return KR_OK;
out:
	kri_audit_key_free(k);
	return rc;
}

/* ---- adoption ------------------------------------------------------------- */

struct rehash {
	long long id;
	unsigned char hash[KRI_AUDIT_HASH_LEN];
};

/* Re-chains every row of the trail with k (one unit of work, inside the
 * caller's), sets the key id and appends a row saying so. */
static enum kr_status adopt(struct kr_store *s, const struct kri_audit_key *k,
                            struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	struct rehash *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	unsigned char prev[KRI_AUDIT_HASH_LEN], dbid[KRI_AUDIT_KEY_ID_LEN];
	char at[KR_DATE_STAMP_LEN], detail[KR_AUDIT_DETAIL_MAX + 1];
	long long v1_bad = 0, last = 0;
	bool has = false;
	enum kr_status rc;
	int step;
	time_t now = kr_now();

	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = kri_audit_db_key_id(s, dbid, &has, err)))
		goto out;
	if (has)
		goto out;   /* adopted by another connection meanwhile: the caller checks */
	if ((rc = kri_stmt(s, "SELECT count(*) FROM audit", &st, err)))
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0 && !k->created) {
		char path[4096];
		sqlite3_reset(st);
		if (kr_audit_key_path(s, path, sizeof path, NULL))
			snprintf(path, sizeof path, "(none)");
		rc = kr_error_say(err, KR_EPERM, "Het logboek heeft regels maar noemt geen sleutel, "
		                  "terwijl het sleutelbestand %s al bestaat: de sleutel-id is uit de "
		                  "database gehaald (om gewijzigde regels opnieuw te laten ketenen), "
		                  "of het bestand hoort bij een andere database. Er wordt niets "
		                  "opnieuw geketend. Was dit een eerste start die niet afkwam, "
		                  "verwijder dan het sleutelbestand en start opnieuw.",
		                  "The audit trail has rows but names no key, while the key file %s "
		                  "exists already: the key id was removed from the database (to have "
		                  "altered rows re-chained), or the file belongs to another database. "
		                  "Nothing is re-chained. If this was a first start that did not "
		                  "finish, remove the key file and start again.", path);
		goto out;
	}
	sqlite3_reset(st);
	/* the verdict of the old chain, for the record */
	if (kri_audit_walk(s, NULL, NULL, NULL, &v1_bad, &last, NULL) != KR_OK && v1_bad == 0)
		v1_bad = -1;
	if ((rc = kri_stmt(s, "SELECT " KRI_AUDIT_COLUMNS " FROM audit ORDER BY id", &st, err)))
		goto out;
	memset(prev, 0, sizeof prev);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kri_audit_row r;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 256;
			struct rehash *g = realloc(v, c * sizeof *g);
			if (!g) {
				sqlite3_reset(st);
				rc = kr_error_say(err, KR_ENOMEM, "Geen geheugen meer.", "Out of memory.");
				goto out;
			}
			v = g;
			cap = c;
		}
		kri_audit_row_read(st, &r);
		v[n].id = r.id;
		kri_audit_hash(k, prev, &r, v[n].hash);
		memcpy(prev, v[n].hash, sizeof prev);
		n++;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		rc = kri_audit_read_failed(s, err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = kri_stmt(s, "UPDATE audit SET hash = ?2 WHERE id = ?1", &st, err)))
			goto out;
		sqlite3_bind_int64(st, 1, v[i].id);
		sqlite3_bind_blob(st, 2, v[i].hash, KRI_AUDIT_HASH_LEN, SQLITE_STATIC);
		if ((rc = kri_stmt_run(s, st, err)))
			goto out;
	}
	kr_date_timestamp(now, at);
	if ((rc = kri_stmt(s, "UPDATE audit_key SET key_id = ?1, keyed_at = ?2, rechained = ?3 "
	                   "WHERE one = 1", &st, err)))
		goto out;
	sqlite3_bind_blob(st, 1, k->id, KRI_AUDIT_KEY_ID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (long long)n);
	if ((rc = kri_stmt_run(s, st, err)))
		goto out;
	if (n) {
		struct kr_audit_entry e;
		memset(&e, 0, sizeof e);
		if (v1_bad == 0)
			snprintf(detail, sizeof detail, "%zu rows written before the key re-chained "
			         "with it; their unkeyed chain was intact", n);
		else if (v1_bad > 0)
			snprintf(detail, sizeof detail, "%zu rows written before the key re-chained "
			         "with it; their unkeyed chain was BROKEN at row %lld", n, v1_bad);
		else
			snprintf(detail, sizeof detail, "%zu rows written before the key re-chained "
			         "with it; their unkeyed chain could not be read", n);
		e.who = "kring";
		e.when = now;
		e.action = KR_AUDIT_UPDATE;
		e.detail = detail;
		e.event = "audit.rechain";
		e.object_type = KR_AUDIT_OBJECT_AUDIT;
		rc = kri_audit_append(s, k, &e, NULL, err);
	}
out:
	free(v);
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kri_audit_key_get(struct kr_store *s, const struct kri_audit_key **out,
                                 struct kr_error *err)
{
	struct kri_audit_key **slot = kri_store_audit_key(s);
	unsigned char dbid[KRI_AUDIT_KEY_ID_LEN];
	char want[2 * KRI_AUDIT_KEY_ID_LEN + 1], got[2 * KRI_AUDIT_KEY_ID_LEN + 1];
	bool has = false;
	enum kr_status rc;

	*out = NULL;
	if ((rc = kri_audit_db_key_id(s, dbid, &has, err)))
		return rc;
	if (!*slot && (rc = key_load(s, !has, slot, err)))
		return rc;
	if (!has) {
		if ((rc = adopt(s, *slot, err)) || (rc = kri_audit_db_key_id(s, dbid, &has, err)))
			return rc;
	}
	if (!has || sodium_memcmp(dbid, (*slot)->id, KRI_AUDIT_KEY_ID_LEN) != 0) {
		char path[4096];
		if (kr_audit_key_path(s, path, sizeof path, NULL))
			snprintf(path, sizeof path, "(none)");
		sodium_bin2hex(want, sizeof want, dbid, KRI_AUDIT_KEY_ID_LEN);
		sodium_bin2hex(got, sizeof got, (*slot)->id, KRI_AUDIT_KEY_ID_LEN);
		/* forget it: a corrected file is read again at the next call */
		kri_audit_key_free(*slot);
		*slot = NULL;
		return kr_error_say(err, KR_EPERM, "De sleutel in %s is niet de sleutel waarmee dit "
		                    "logboek is gemaakt (sleutel-id %s, het logboek verwacht %s): zet "
		                    "het juiste sleutelbestand terug.", "The key in %s is not the key "
		                    "this audit trail was made with (key id %s, the trail expects %s): "
		                    "restore the right key file.", path, got, has ? want : "-");
	}
	*out = *slot;
	return KR_OK;
}
