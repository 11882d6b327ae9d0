/*
 * audit_tamper.c - the nine tamper scenarios of issue 10 against the keyed
 * audit trail and its checkpoints, played as an attacker who can write the
 * database file (plain SQLite, triggers dropped first) but, unless the
 * scenario says otherwise, cannot read the key file:
 *
 *   1. truncation with a lowered sqlite_sequence;
 *   2. a change of a row with the chain recomputed without a key (SHA-256,
 *      the documented canonical form);
 *   3. a change with the keyed chain recomputed with a guessed key;
 *   4. renumbering (a row removed and the later ones renumbered down);
 *   5. an inserted row (the later ones renumbered up);
 *   6. a row deleted in the middle;
 *   7. reordering (two rows swapped);
 *   8. replacing the key file (a new key, the whole chain rebuilt with it
 *      and the key id in the database changed to match);
 *   9. truncation of the tail after a checkpoint (the trail went on after
 *      a checkpoint, then the tail was cut back).
 *
 * Each starts from the same trail (21 rows: import, user add, `kring assign`) with a
 * checkpoint printed by `kring audit checkpoint`, and each must make
 * `kring audit --verify --expect CHECKPOINT` exit 1 with a message that
 * says what happened, where plain `kring audit --verify` is also checked:
 * it catches 2-7 on its own, but not 1, 8 and the cut of 9 (a shorter
 * chain, or one rebuilt with a key, is consistent in itself): that is what
 * the checkpoint kept elsewhere is for.  The attacker implements the
 * canonical form of docs/security.md independently of libkring, so the
 * documentation is checked too (scenario 8 passes plain --verify only if
 * it is right).  Before the scenarios, the command's other forms: the
 * client's own log (--for-client, Dutch and English) and usage errors, and
 * the checkpoints' Ed25519 signatures (signatures()): checked with only
 * the public key, forged ones refused, old HMAC checkpoints still held.
 *
 * Usage: audit_tamper KRING  (run from the repository root).
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"
#define ROWS 21

static const char *kring;
static char golden[256];

/* ---- running kring ---------------------------------------------------------- */

/* Runs kring --db DIR/kring.db ARGS... with stdout to DIR/out and stderr
 * to DIR/err; returns the exit status. */
static int k(const char *dir, ...)
{
	const char *argv[16];
	char db[300], out[300], err[300];
	va_list ap;
	int n = 0, st;
	pid_t pid;

	snprintf(db, sizeof db, "%s/kring.db", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(err, sizeof err, "%s/err", dir);
	argv[n++] = kring;
	argv[n++] = "--lang";
	argv[n++] = "en";
	argv[n++] = "--db";
	argv[n++] = db;
	va_start(ap, dir);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	if ((pid = fork()) == 0) {
		int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_RDONLY);
		dup2(nul, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static bool file_has(const char *dir, const char *name, const char *text)
{
	char path[300], *s;
	bool yes;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	s = tc_slurp(path, NULL);
	yes = s && strstr(s, text);
	if (!yes)
		fprintf(stderr, "  (%s lacks \"%s\": %s)\n", name, text, s ? s : "(none)");
	free(s);
	return yes;
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fprintf(stderr, "audit_tamper: \"%s\" failed\n", cmd);
}

/* A new folder holding a copy of the golden trail and its key. */
static void fresh(char dir[256])
{
	snprintf(dir, 256, "/tmp/kring-tamper.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	sh("cp -p %s/kring.db %s/kring.db.audit-key %s/", golden, golden, dir);
}

/* `kring audit checkpoint` appended to DIR/name. */
static bool checkpoint(const char *dir, const char *name)
{
	char path[300];
	bool ok = k(dir, "audit", "checkpoint", NULL) == 0;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	sh("cat %s/out >> %s", dir, path);
	return ok;
}

/* More rows, the way the golden trail was written. */
static void more_rows(const char *dir, int n)
{
	for (int i = 0; i < n; i++)
		k(dir, "assign", REF, "wim", i % 2 ? "--remove" : NULL, NULL);
}

/* ---- the attacker --------------------------------------------------------------- */

static sqlite3 *open_raw(const char *dir)
{
	char path[300];
	sqlite3 *db = NULL;
	snprintf(path, sizeof path, "%s/kring.db", dir);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "DROP TRIGGER IF EXISTS audit_no_update; "
	                 "DROP TRIGGER IF EXISTS audit_no_delete; "
	                 "DROP TRIGGER IF EXISTS audit_key_once;", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	return db;
}

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "audit_tamper: %s: %s\n", sql, msg);
		abort();
	}
}

/* One field of the canonical form (docs/security.md): "N" for NULL, else
 * "S<length>:<bytes>". */
static void canon(unsigned char **p, size_t *n, size_t *cap, const char *v)
{
	char head[32];
	size_t len = v ? strlen(v) : 0, hl;
	hl = v ? (size_t)snprintf(head, sizeof head, "S%zu:", len) : (size_t)snprintf(head,
	                                                                           sizeof head, "N");
	while (*n + hl + len > *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*p = realloc(*p, *cap);
	}
	memcpy(*p + *n, head, hl);
	*n += hl;
	if (len)
		memcpy(*p + *n, v, len);
	*n += len;
}

enum mac { SHA256, HMAC };

/* Recomputes hash for every row from id `from` on, chaining from the stored
 * hash of the row before (or 32 zero bytes), with SHA-256 or with
 * HMAC-SHA256 under key. */
static void rechain(sqlite3 *db, long long from, enum mac how, const unsigned char key[32])
{
	static const char *const cols[] = { "at", "who", "role", "on_behalf", "action", "event",
	                                    "result", "object_type", "case_ref", "object",
	                                    "access_point", "address", "detail" };
	unsigned char prev[32] = { 0 }, hash[32];
	sqlite3_stmt *st, *up, *pv;

	if (sqlite3_prepare_v2(db, "SELECT hash FROM audit WHERE id < ?1 ORDER BY id DESC LIMIT 1",
	                       -1, &pv, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_int64(pv, 1, from);
	if (sqlite3_step(pv) == SQLITE_ROW)
		memcpy(prev, sqlite3_column_blob(pv, 0), 32);
	sqlite3_finalize(pv);
	if (sqlite3_prepare_v2(db, "SELECT id, at, who, role, on_behalf, action, event, result, "
	                       "object_type, case_ref, object, access_point, address, detail FROM "
	                       "audit WHERE id >= ?1 ORDER BY id", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "UPDATE audit SET hash = ?2 WHERE id = ?1", -1, &up, NULL))
		abort();
	sqlite3_bind_int64(st, 1, from);
	while (sqlite3_step(st) == SQLITE_ROW) {
		unsigned char *buf = NULL;
		size_t n = 0, cap = 0;
		char id[32];
		snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(st, 0));
		canon(&buf, &n, &cap, id);
		for (int i = 0; i < 13; i++)
			canon(&buf, &n, &cap, (const char *)sqlite3_column_text(st, i + 1));
		(void)cols;
		if (how == SHA256) {
			crypto_hash_sha256_state h;
			crypto_hash_sha256_init(&h);
			crypto_hash_sha256_update(&h, prev, 32);
			crypto_hash_sha256_update(&h, buf, n);
			crypto_hash_sha256_final(&h, hash);
		} else {
			crypto_auth_hmacsha256_state h;
			crypto_auth_hmacsha256_init(&h, key, 32);
			crypto_auth_hmacsha256_update(&h, prev, 32);
			crypto_auth_hmacsha256_update(&h, buf, n);
			crypto_auth_hmacsha256_final(&h, hash);
		}
		free(buf);
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_blob(up, 2, hash, 32, SQLITE_TRANSIENT);
		if (sqlite3_step(up) != SQLITE_DONE)
			abort();
		sqlite3_reset(up);
		memcpy(prev, hash, 32);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
}

/* ---- checks --------------------------------------------------------------------- */

/* Plain --verify: exit 1 naming what happened (caught), or exit 0. */
static void plain_verify(const char *dir, int scenario, bool caught, const char *word)
{
	int st = k(dir, "audit", "--verify", NULL);
	if (caught)
		tc_check(st == 1 && file_has(dir, "err", word), "%d: plain --verify catches it "
		         "(exit %d, \"%s\")", scenario, st, word);
	else
		tc_check(st == 0, "%d: plain --verify cannot see it (exit %d): the checkpoint must",
		         scenario, st);
}

static void expect_verify(const char *dir, int scenario, const char *cps, const char *word)
{
	char path[300];
	int st;
	snprintf(path, sizeof path, "%s/%s", dir, cps);
	st = k(dir, "audit", "--verify", "--expect", path, NULL);
	tc_check(st == 1 && file_has(dir, "err", word), "%d: --verify --expect %s catches it "
	         "(exit %d, \"%s\")", scenario, cps, st, word);
}

/* A fresh copy with a checkpoint that holds before the attack. */
static void start(char dir[256], int scenario)
{
	char path[300];
	fresh(dir);
	tc_check(checkpoint(dir, "cp"), "%d: kring audit checkpoint", scenario);
	snprintf(path, sizeof path, "%s/cp", dir);
	tc_check(k(dir, "audit", "--verify", "--expect", path, NULL) == 0,
	         "%d: before the attack --expect holds", scenario);
}

static void done(const char *dir)
{
	if (!getenv("KEEP_TMP"))
		sh("rm -rf %s", dir);
}

/* Writes text to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[300];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		abort();
	fputs(text, f);
	fclose(f);
}

static void hmac(const unsigned char key[32], const char *text, unsigned char out[32])
{
	crypto_auth_hmacsha256_state h;
	crypto_auth_hmacsha256_init(&h, key, 32);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)text, strlen(text));
	crypto_auth_hmacsha256_final(&h, out);
}

/*
 * Signed checkpoints (Ed25519, docs/security.md "Checkpoints"): a third
 * party holding only the checkpoints and the public key checks them, with
 * no database and no secret; a forged checkpoint (sequence or hash
 * changed, or signed with another key pair) is refused with the public key
 * and with --verify --expect; a public key of another trail is refused; a
 * checkpoint of version 1 (an HMAC, made before signatures) still holds
 * with the audit key but not with the public key alone.
 */
static void signatures(void)
{
	char dir[256], v[256], path[300], pub[300], forged[640], body[512], hex[129];
	char hash[65], at[32], *cp, *p, *keyfile;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sig[crypto_sign_BYTES], key[32], mac[32];
	size_t got = 0;

	fresh(dir);
	tc_check(checkpoint(dir, "cp"), "signed: kring audit checkpoint");
	cp = tc_slurp((snprintf(path, sizeof path, "%s/cp", dir), path), NULL);
	tc_check(cp && strncmp(cp, "kring-audit-checkpoint v2 seq=21 hash=", 38) == 0 &&
	         strstr(cp, " pub=") && strstr(cp, " sig="), "signed: a v2 line with pub= and sig=");
	tc_check(k(dir, "audit", "public-key", NULL) == 0 &&
	         file_has(dir, "out", "kring-audit-public-key v1 "), "kring audit public-key");
	sh("cp %s/out %s/pub", dir, dir);
	/* the verifier: a folder with the checkpoint and the public key, no
	 * database, no key file */
	snprintf(v, sizeof v, "/tmp/kring-verifier.XXXXXX");
	if (!cp || !mkdtemp(v))
		abort();
	sh("cp %s/cp %s/pub %s/", dir, dir, v);
	snprintf(path, sizeof path, "%s/cp", v);
	snprintf(pub, sizeof pub, "%s/pub", v);
	tc_check(k(v, "audit", "--expect", path, "--public-key", pub, NULL) == 0 &&
	         file_has(v, "out", "signed with the public key"),
	         "signed: a checkpoint checked with only the public key");
	snprintf(path, sizeof path, "%s/kring.db", v);
	tc_check(access(path, F_OK) != 0, "... which needs no database (none was made)");
	/* a changed sequence */
	snprintf(forged, sizeof forged, "%s", cp);
	p = strstr(forged, "seq=21 ");
	p[5] = '0';
	put_file(v, "forged-seq", forged);
	snprintf(path, sizeof path, "%s/forged-seq", v);
	tc_check(k(v, "audit", "--expect", path, "--public-key", pub, NULL) == 1 &&
	         file_has(v, "err", "row 20") && file_has(v, "err", "altered or forged"),
	         "signed: a checkpoint with its sequence changed is refused (public key)");
	tc_check(k(dir, "audit", "--verify", "--expect", path, NULL) == 1 &&
	         file_has(dir, "err", "altered or forged"), "... and by --verify --expect");
	/* a changed hash */
	snprintf(forged, sizeof forged, "%s", cp);
	p = strstr(forged, "hash=") + 5;
	*p = *p == '0' ? '1' : '0';
	put_file(v, "forged-hash", forged);
	snprintf(path, sizeof path, "%s/forged-hash", v);
	tc_check(k(v, "audit", "--expect", path, "--public-key", pub, NULL) == 1 &&
	         file_has(v, "err", "altered or forged"),
	         "signed: a checkpoint with its hash changed is refused (public key)");
	tc_check(k(dir, "audit", "--verify", "--expect", path, NULL) == 1,
	         "... and by --verify --expect");
	/* signed afresh with another key pair, its own pub in the line */
	crypto_sign_keypair(pk, sk);
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	snprintf(body, sizeof body, "%.*s pub=%s", (int)(strstr(cp, " pub=") - cp), cp, hex);
	crypto_sign_detached(sig, NULL, (const unsigned char *)body, strlen(body), sk);
	sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
	snprintf(forged, sizeof forged, "%s sig=%s\n", body, hex);
	put_file(v, "forged-key", forged);
	snprintf(path, sizeof path, "%s/forged-key", v);
	tc_check(k(v, "audit", "--expect", path, "--public-key", pub, NULL) == 1 &&
	         file_has(v, "err", "not made with this key"),
	         "signed: a checkpoint signed with another key pair is refused (public key)");
	tc_check(k(dir, "audit", "--verify", "--expect", path, NULL) == 1 &&
	         file_has(dir, "err", "not made with this key"), "... and by --verify --expect");
	/* the forger's public key is not this trail's */
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	snprintf(forged, sizeof forged, "kring-audit-public-key v1 %s\n", hex);
	put_file(v, "other-pub", forged);
	snprintf(path, sizeof path, "%s/cp", v);
	snprintf(pub, sizeof pub, "%s/other-pub", v);
	tc_check(k(dir, "audit", "--verify", "--expect", path, "--public-key", pub, NULL) == 1 &&
	         file_has(dir, "err", "does not belong"),
	         "signed: --verify --expect with another trail's public key is refused");
	tc_check(k(v, "audit", "--expect", path, "--public-key", pub, NULL) == 1,
	         "... and the true checkpoint does not pass with it");
	/* version 1 (HMAC): still accepted with the audit key */
	snprintf(path, sizeof path, "%s/kring.db.audit-key", dir);
	keyfile = tc_slurp(path, NULL);
	if (!keyfile || sodium_hex2bin(key, sizeof key, keyfile + strlen("kring-audit-key-v1 "), 64,
	                               NULL, &got, NULL) != 0 || got != 32 ||
	    sscanf(cp, "kring-audit-checkpoint v2 seq=21 hash=%64s time=%31s", hash, at) != 2)
		abort();
	hmac(key, "kring-audit-key-id-v1", mac);
	sodium_bin2hex(hex, sizeof hex, mac, 16);
	snprintf(body, sizeof body, "kring-audit-checkpoint v1 seq=21 hash=%s time=%s key=%s", hash,
	         at, hex);
	hmac(key, "kring-audit-checkpoint-v1", key);
	hmac(key, body, mac);
	sodium_bin2hex(hex, sizeof hex, mac, 32);
	snprintf(forged, sizeof forged, "%s mac=%s\n", body, hex);
	put_file(dir, "cp-v1", forged);
	snprintf(path, sizeof path, "%s/cp-v1", dir);
	snprintf(pub, sizeof pub, "%s/pub", dir);
	tc_check(k(dir, "audit", "--verify", "--expect", path, NULL) == 0,
	         "a version-1 (HMAC) checkpoint still holds with the audit key");
	tc_check(k(dir, "audit", "--expect", path, "--public-key", pub, NULL) == 1 &&
	         file_has(dir, "err", "version 1"), "... but not with the public key alone");
	free(keyfile);
	free(cp);
	done(v);
	done(dir);
}

int main(int argc, char **argv)
{
	struct tc_server g;
	char dir[256], path[300];
	unsigned char key[32];
	sqlite3 *db;

	if (argc < 2) {
		fprintf(stderr, "usage: audit_tamper KRING\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 1;
	kring = argv[1];
	/* the golden trail: 21 rows */
	if (!tc_check(tc_setup(&g, kring), "setup"))
		return tc_done("audit_tamper");
	snprintf(golden, sizeof golden, "%s", g.dir);
	tc_check(tc_kring(&g, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&g, PW "\n", "user", "add", "wim", "--role", "worker", NULL) == 0,
	         "user add");
	more_rows(golden, ROWS - 2);   /* import and user add wrote the first two */
	tc_check(k(golden, "audit", "--verify", NULL) == 0 && file_has(golden, "out", "21 rows"),
	         "the golden trail: 21 rows, intact");
	tc_check(k(golden, "audit", "PZ-none", "--for-client", NULL) == 1,
	         "--for-client of a case that does not exist: exit 1");
	tc_check(k(golden, "audit", "--for-client", NULL) == 2, "--for-client without a case: 2");
	tc_check(k(golden, "audit", "--expect", "x", NULL) == 2,
	         "--expect without --verify or --public-key: 2");
	tc_check(k(golden, "audit", "--public-key", "x", NULL) == 2, "--public-key alone: 2");
	tc_check(k(golden, "audit", "--verify", REF, NULL) == 2, "--verify with a case: 2");
	tc_check(k(golden, "audit", "checkpoint", "--csv", NULL) == 2, "checkpoint --csv: 2");
	snprintf(path, sizeof path, "%s/out", golden);
	tc_check(k(golden, "audit", "--verify", "--expect", path, NULL) == 2 &&
	         file_has(golden, "err", "no audit checkpoint"),
	         "--expect of a file without a checkpoint: 2, saying so");

	signatures();

	/* 1. truncation with a lowered sqlite_sequence */
	start(dir, 1);
	db = open_raw(dir);
	exec(db, "DELETE FROM audit WHERE id > 15; UPDATE sqlite_sequence SET seq = 15 "
	         "WHERE name = 'audit'");
	sqlite3_close(db);
	plain_verify(dir, 1, false, NULL);
	expect_verify(dir, 1, "cp", "cut below the checkpoint of row 21");
	done(dir);

	/* 2. a change with the chain recomputed, unkeyed */
	start(dir, 2);
	db = open_raw(dir);
	exec(db, "UPDATE audit SET who = 'someone-else' WHERE id = 5");
	rechain(db, 5, SHA256, NULL);
	sqlite3_close(db);
	plain_verify(dir, 2, true, "from row 5");
	expect_verify(dir, 2, "cp", "row 5");
	done(dir);

	/* 3. a change with the keyed chain recomputed with a guessed key */
	start(dir, 3);
	randombytes_buf(key, sizeof key);
	db = open_raw(dir);
	exec(db, "UPDATE audit SET detail = 'nothing happened' WHERE id = 8");
	rechain(db, 8, HMAC, key);
	sqlite3_close(db);
	plain_verify(dir, 3, true, "from row 8");
	expect_verify(dir, 3, "cp", "row 8");
	done(dir);

	/* 4. renumbering: row 7 removed, the rest moved down, chain redone */
	start(dir, 4);
	db = open_raw(dir);
	exec(db, "DELETE FROM audit WHERE id = 7");
	for (int id = 8; id <= ROWS; id++) {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE audit SET id = %d WHERE id = %d", id - 1, id);
		exec(db, sql);
	}
	exec(db, "UPDATE sqlite_sequence SET seq = 20 WHERE name = 'audit'");
	rechain(db, 7, SHA256, NULL);
	sqlite3_close(db);
	plain_verify(dir, 4, true, "from row 7");
	expect_verify(dir, 4, "cp", "row 7");
	done(dir);

	/* 5. an inserted row: the later ones moved up, seq raised */
	start(dir, 5);
	db = open_raw(dir);
	for (int id = ROWS; id >= 6; id--) {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE audit SET id = %d WHERE id = %d", id + 1, id);
		exec(db, sql);
	}
	exec(db, "INSERT INTO audit(id, at, who, action, case_ref, detail, hash, result, "
	         "object_type, event) SELECT 6, at, 'wim', 'E', '" REF "', 'case exported', hash, "
	         "'ok', 'case', 'case.export' FROM audit WHERE id = 5; "
	         "UPDATE sqlite_sequence SET seq = 22 WHERE name = 'audit'");
	sqlite3_close(db);
	plain_verify(dir, 5, true, "from row 6");
	expect_verify(dir, 5, "cp", "row 6");
	done(dir);

	/* 6. a row deleted in the middle */
	start(dir, 6);
	db = open_raw(dir);
	exec(db, "DELETE FROM audit WHERE id = 9");
	sqlite3_close(db);
	plain_verify(dir, 6, true, "removed");
	expect_verify(dir, 6, "cp", "row 9 was removed");
	done(dir);

	/* 7. reordering: rows 4 and 5 swapped, hashes and all */
	start(dir, 7);
	db = open_raw(dir);
	exec(db, "UPDATE audit SET id = -4 WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 5; "
	         "UPDATE audit SET id = 5 WHERE id = -4");
	sqlite3_close(db);
	plain_verify(dir, 7, true, "from row 4");
	expect_verify(dir, 7, "cp", "row 4");
	done(dir);

	/* 8. replacing the key file */
	start(dir, 8);
	{
		unsigned char id[32];
		char hex[65], line[128];
		FILE *f;
		crypto_auth_hmacsha256_state h;

		randombytes_buf(key, sizeof key);
		sodium_bin2hex(hex, sizeof hex, key, 32);
		snprintf(path, sizeof path, "%s/kring.db.audit-key", dir);
		/* first only the file: kring names the wrong key */
		f = fopen(path, "w");
		snprintf(line, sizeof line, "kring-audit-key-v1 %s\n", hex);
		fputs(line, f);
		fclose(f);
		tc_check(k(dir, "audit", "--verify", NULL) == 1 &&
		         file_has(dir, "err", "not the key this audit trail was made with"),
		         "8: a replaced key file alone is named as such");
		/* then the whole chain rebuilt with it, and the key id changed */
		crypto_auth_hmacsha256_init(&h, key, 32);
		crypto_auth_hmacsha256_update(&h, (const unsigned char *)"kring-audit-key-id-v1", 21);
		crypto_auth_hmacsha256_final(&h, id);
		db = open_raw(dir);
		exec(db, "UPDATE audit SET detail = 'nothing happened' WHERE id = 3");
		rechain(db, 1, HMAC, key);
		{
			sqlite3_stmt *st;
			sqlite3_prepare_v2(db, "UPDATE audit_key SET key_id = ?1", -1, &st, NULL);
			sqlite3_bind_blob(st, 1, id, 16, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				abort();
			sqlite3_finalize(st);
		}
		sqlite3_close(db);
	}
	plain_verify(dir, 8, false, NULL);
	expect_verify(dir, 8, "cp", "not made with this key");
	done(dir);

	/* 9. truncation of the tail after a checkpoint */
	start(dir, 9);
	more_rows(dir, 5);   /* 26 rows; the checkpoint "cp" is at 21 */
	tc_check(checkpoint(dir, "cp-later"), "9: a later checkpoint, at row 26");
	db = open_raw(dir);
	exec(db, "DELETE FROM audit WHERE id > 23; UPDATE sqlite_sequence SET seq = 23 "
	         "WHERE name = 'audit'");
	sqlite3_close(db);
	plain_verify(dir, 9, false, NULL);
	/* the rows up to the first checkpoint are whole: it holds (the cut
	 * is after it) ... */
	snprintf(path, sizeof path, "%s/cp", dir);
	tc_check(k(dir, "audit", "--verify", "--expect", path, NULL) == 0,
	         "9: the checkpoint at row 21 still holds (rows 22-23 are there)");
	/* ... the later one does not */
	expect_verify(dir, 9, "cp-later", "cut below the checkpoint of row 26");
	sh("cat %s/cp %s/cp-later > %s/all", dir, dir, dir);
	expect_verify(dir, 9, "all", "cut below the checkpoint of row 26");
	/* and cut below the first one too */
	db = open_raw(dir);
	exec(db, "DELETE FROM audit WHERE id > 18; UPDATE sqlite_sequence SET seq = 18 "
	         "WHERE name = 'audit'");
	sqlite3_close(db);
	expect_verify(dir, 9, "cp", "cut below the checkpoint of row 21");
	done(dir);

	/* last: reading the client's own log is itself a row (audit.client-log),
	 * and the scenarios above count on the golden trail's 21 */
	tc_check(k(golden, "audit", REF, "--for-client", NULL) == 0 &&
	         file_has(golden, "out", "Who looked at or changed file " REF "?") &&
	         file_has(golden, "out", "created (once), changed (19 times)") &&
	         file_has(golden, "out", "Dutch time"), "kring audit REF --for-client (English)");
	tc_check(k(golden, "audit", REF, "--for-client", "--lang", "nl", NULL) == 0 &&
	         file_has(golden, "out", "Wie heeft dossier " REF " bekeken of veranderd?") &&
	         file_has(golden, "out", "veranderd (19 keer)"), "... and in Dutch");
	tc_cleanup(&g);
	return tc_done("audit_tamper");
}
