/*
 * cmd_audit.c - `kring audit`: the audit trail (NEN 7513, docs/security.md).
 *
 *   kring audit [REF] [--csv]          shows the trail of one case or of
 *                                      everything, or exports it as CSV
 *                                      (cells escaped against formulas);
 *   kring audit REF --for-client       the client's own log: who looked at
 *                                      or changed the file, in plain Dutch
 *                                      (English with --lang en), to print;
 *   kring audit --verify [--expect F]  checks the keyed chain, and with
 *     [--public-key P]                 --expect that the trail still holds
 *                                      the checkpoints in F (signed with
 *                                      the key, or the public key in P):
 *                                      exit 0 when intact, 1 naming the
 *                                      first bad row;
 *   kring audit checkpoint             prints a signed (Ed25519) checkpoint
 *                                      of the head, to keep somewhere else;
 *   kring audit public-key             prints the public key that checks
 *                                      the checkpoints, for a verifier;
 *   kring audit --expect F --public-key P
 *                                      checks, without the database or any
 *                                      secret, that every checkpoint in F
 *                                      was signed with the key of P.
 *
 * All work is done by libkring (audit.h); this file parses and prints.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/buf.h"
#include "kring/init.h"
#include "opts.h"

#define EXPECT_MAX (64u * 1024u * 1024u)

struct show {
	enum kr_lang lang;
	long long n;
};

static const char *action_name(char a, enum kr_lang lang)
{
	switch (a) {
	case 'C': return kr_tr(lang, "gemaakt", "created");
	case 'R': return kr_tr(lang, "gelezen", "read");
	case 'U': return kr_tr(lang, "gewijzigd", "updated");
	case 'D': return kr_tr(lang, "verwijderd", "deleted");
	case 'E': return kr_tr(lang, "geëxporteerd", "exported");
	case 'P': return kr_tr(lang, "geprint", "printed");
	case 'F': return kr_tr(lang, "geweigerd", "refused");
	case 'A': return kr_tr(lang, "in/uitgelogd", "login/out");
	}
	return "?";
}

static int show_row(const struct kr_audit_row *r, void *arg)
{
	struct show *sh = arg;
	char who[KR_AUDIT_WHO_MAX + KR_AUDIT_ROLE_MAX + 4];

	if (r->role[0])
		snprintf(who, sizeof who, "%s/%s", r->who, r->role);
	else
		snprintf(who, sizeof who, "%s", r->who);
	printf("%6lld  %s  %c %-12s  %-22s %-14s %-16s %s", r->id, r->when, r->action,
	       action_name(r->action, sh->lang), who,
	       r->has_ref ? r->ref : r->object[0] ? r->object : "-",
	       r->has_address ? r->address : "-", r->detail);
	if (r->has_on_behalf)
		printf(" (%s %s)", kr_tr(sh->lang, "namens", "on behalf of"), r->on_behalf);
	if (r->result == KR_AUDIT_RESULT_ERROR)
		printf(" [%s]", kr_tr(sh->lang, "fout", "error"));
	if (r->access_point[0])
		printf(" <%s>", r->access_point);
	putchar('\n');
	sh->n++;
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > EXPECT_MAX || !(grown = realloc(buf, cap))) {
				free(buf);
				buf = NULL;
				goto out;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
	*len = n;
out:
	if (f != stdin)
		fclose(f);
	return buf;
}

/* Reads path whole into *text; prints why not and returns false. */
static bool read_input(struct kr_cli *cli, const char *path, char **text, size_t *len)
{
	if ((*text = read_all(path, len)))
		return true;
	fprintf(stderr, kr_tr(cli->lang, "kring audit: %s is niet te lezen\n",
	                      "kring audit: cannot read %s\n"), path);
	return false;
}

static int verify(struct kr_cli *cli, struct kr_store *s, const char *expect, const char *pubf)
{
	struct kr_error err;
	long long bad = 0, count = 0, rechained = 0;
	char hex[65], keyed[21];
	char *text = NULL, *pub = NULL;
	size_t len = 0, pub_len = 0;
	int status = 0, checked = 0;
	enum kr_status rc;

	kr_error_init(&err);
	if ((expect && !read_input(cli, expect, &text, &len)) ||
	    (pubf && !read_input(cli, pubf, &pub, &pub_len))) {
		status = EXIT_DATA;
		goto out;
	}
	rc = expect ? kr_audit_verify_expect_key(s, text, len, pub, pub_len, &bad, &checked, &err)
	            : kr_audit_verify(s, &bad, &err);
	if (rc == KR_EINVAL) {
		if (bad > 0)
			fprintf(stderr, kr_tr(cli->lang, "kring audit: het logboek is aangetast vanaf "
			                      "regel %lld: %s\n", "kring audit: the audit trail was "
			                      "tampered with from row %lld: %s\n"), bad, err.message);
		else
			fprintf(stderr, kr_tr(cli->lang, "kring audit: het logboek is aangetast: %s\n",
			                      "kring audit: the audit trail was tampered with: %s\n"),
			        err.message);
		status = EXIT_DATA;
		goto out;
	}
	if (rc || kr_audit_head(s, &count, hex, &err) || kr_audit_keyed(s, keyed, &rechained,
	                                                                  &err)) {
		status = cli_fail("audit", &err);
		goto out;
	}
	printf(kr_tr(cli->lang, "Het logboek is in orde: %lld regels, geen regel is gewijzigd, "
	             "ingevoegd, verplaatst of verwijderd.\n", "The audit trail is intact: %lld "
	             "rows, none altered, inserted, moved or removed.\n"), count);
	if (keyed[0])
		printf(kr_tr(cli->lang, "Geketend met de sleutel sinds %s (%lld regels van daarvoor "
		             "zijn toen opnieuw geketend).\n", "Chained with the key since %s (%lld "
		             "rows from before were re-chained then).\n"), keyed, rechained);
	else
		printf("%s", kr_tr(cli->lang, "Het logboek is nog niet met een sleutel geketend: "
		                   "dat gebeurt bij de eerste nieuwe regel.\n", "The trail is not "
		                   "chained with a key yet: that happens with its first new row.\n"));
	if (expect)
		printf(kr_tr(cli->lang, "Alle %d controlepunten van %s kloppen: tot en met elk "
		             "controlepunt is niets veranderd, verwijderd, verplaatst of ingevoegd, "
		             "en het logboek is niet ingekort.\n", "All %d checkpoints of %s hold: "
		             "up to each of them nothing was altered, removed, moved or inserted, and "
		             "the trail was not cut.\n"), checked, expect);
	else if (count)
		printf(kr_tr(cli->lang, "Laatste hash: %s. Bewijs dat er niets aan het eind is "
		             "weggehaald met een controlepunt (kring audit checkpoint) dat je ergens "
		             "anders bewaart.\n", "Last hash: %s. To prove later that nothing was cut "
		             "off the end, keep a checkpoint (kring audit checkpoint) elsewhere.\n"),
		       hex);
out:
	free(text);
	free(pub);
	kr_error_cleanup(&err);
	return status;
}

/* Checks the signatures of the checkpoints in expect with the public key in
 * pubf alone: no database, no secret. */
static int signed_only(struct kr_cli *cli, const char *expect, const char *pubf)
{
	struct kr_error err;
	char *text = NULL, *pub = NULL;
	size_t len = 0, pub_len = 0;
	long long last = 0;
	int status = 0, checked = 0;

	kr_error_init_lang(&err, cli->lang);
	if (!read_input(cli, expect, &text, &len) || !read_input(cli, pubf, &pub, &pub_len)) {
		status = EXIT_DATA;
	} else if (kr_audit_checkpoints_signed(text, len, pub, pub_len, &last, &checked, &err)) {
		fprintf(stderr, "kring audit: %s\n", err.message);
		status = err.code == KR_EUSAGE ? EXIT_USAGE : EXIT_DATA;
	} else {
		printf(kr_tr(cli->lang, "Alle %d controlepunten van %s zijn ondertekend met de "
		             "publieke sleutel van %s (het laatste tot en met regel %lld). Of het "
		             "logboek ze nog bevat, toont kring audit --verify --expect.\n",
		             "All %d checkpoints of %s are signed with the public key of %s (the "
		             "last up to row %lld). Whether the trail still holds them is what kring "
		             "audit --verify --expect shows.\n"), checked, expect, pubf, last);
	}
	free(text);
	free(pub);
	kr_error_cleanup(&err);
	return status;
}

static int public_key(struct kr_store *s)
{
	struct kr_error err;
	char line[KR_AUDIT_PUBLIC_KEY_MAX];
	int status = 0;

	kr_error_init(&err);
	if (kr_audit_public_key(s, line, &err))
		status = cli_fail("audit", &err);
	else
		printf("%s\n", line);
	kr_error_cleanup(&err);
	return status;
}

static int checkpoint(struct kr_store *s)
{
	struct kr_error err;
	char line[KR_AUDIT_CHECKPOINT_MAX];
	int status = 0;

	kr_error_init(&err);
	if (kr_audit_checkpoint(s, kr_now(), line, &err))
		status = err.code == KR_EINVAL ? (fprintf(stderr, "kring audit: %s\n", err.message),
		                                  EXIT_DATA)
		                               : cli_fail("audit", &err);
	else
		printf("%s\n", line);
	kr_error_cleanup(&err);
	return status;
}

static int for_client(struct kr_cli *cli, struct kr_store *s, const char *ref)
{
	struct kr_error err;
	struct kr_buf b;
	long rev = 0;
	int status = 0;
	struct kr_audit_entry e = {
		.action = KR_AUDIT_READ,
		.ref = ref,
		.event = "audit.client-log",
		.object_type = KR_AUDIT_OBJECT_AUDIT,
		.detail = "client's own log read",
	};

	kr_error_init(&err);
	kr_buf_init(&b, 16u * 1024u * 1024u);
	if (kr_store_head(s, ref, &rev, &err) || kr_audit_client_text(s, ref, cli->lang, &b, &err))
		status = cli_fail("audit", &err);
	else if (!(status = cli_audit_entry(cli, s, "audit", &e)))   /* as the server: audited */
		fputs(b.data ? b.data : "", stdout);
	kr_buf_cleanup(&b);
	kr_error_cleanup(&err);
	return status;
}

struct args {
	const char *ref, *expect, *pub;
	bool verify, csv, client;
};

static const struct cli_arg args[] = {
	{ "DOSSIER|checkpoint|public-key", "REF|checkpoint|public-key",
	  "het dossier, checkpoint of public-key", "the case, checkpoint or public-key",
	  offsetof(struct args, ref), CLI_OPTIONAL },
};

static const struct cli_opt opts[] = {
	{ .name = "--csv", .kind = CLI_FLAG, .at = offsetof(struct args, csv),
	  .help_nl = "schrijf het logboek als CSV (veilig voor spreadsheets)",
	  .help_en = "write the trail as CSV (safe for spreadsheets)" },
	{ .name = "--for-client", .kind = CLI_FLAG, .at = offsetof(struct args, client),
	  .help_nl = "het overzicht voor het kind of de ouder: wie het dossier heeft bekeken of "
	             "veranderd, wanneer en hoe",
	  .help_en = "the overview for the child or parent: who looked at or changed the file, "
	             "when and how" },
	{ .name = "--verify", .kind = CLI_FLAG, .at = offsetof(struct args, verify),
	  .help_nl = "controleer de keten met de sleutel: is er een regel gewijzigd, ingevoegd, "
	             "verplaatst of verwijderd? Exit-status 1 als dat zo is",
	  .help_en = "check the chain with the key: was a row altered, inserted, moved or "
	             "removed? Exit status 1 if so" },
	{ .name = "--expect", .kind = CLI_FILE, .at = offsetof(struct args, expect),
	  .help_nl = "controleer ook de controlepunten in dit bestand (regels van kring audit "
	             "checkpoint, bijvoorbeeld uit syslog)",
	  .help_en = "also check the checkpoints in this file (lines of kring audit checkpoint, "
	             "e.g. from syslog)" },
	{ .name = "--public-key", .kind = CLI_FILE, .at = offsetof(struct args, pub),
	  .help_nl = "controleer de handtekeningen van --expect met de publieke sleutel in dit "
	             "bestand (de regel van kring audit public-key); zonder --verify is de "
	             "database dan niet nodig",
	  .help_en = "check the signatures of --expect with the public key in this file (the line "
	             "of kring audit public-key); without --verify no database is needed" },
};

static const struct cli_cmd spec = {
	.name = "audit",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Toont het logboek (NEN 7513): wie (en in welke rol) wat deed met welk\n"
	            "dossier, wanneer (UTC), vanaf welk adres en via welke ingang. Letters:\n"
	            "C gemaakt, R gelezen, U gewijzigd, D verwijderd, E geëxporteerd, P geprint,\n"
	            "F geweigerd, A in- of uitgelogd. `kring audit checkpoint` drukt een\n"
	            "ondertekend controlepunt af om ergens anders te bewaren; --verify --expect\n"
	            "BESTAND controleert het logboek daartegen. `kring audit public-key` drukt\n"
	            "de publieke sleutel af: daarmee controleert iemand anders de handtekening\n"
	            "(--expect BESTAND --public-key SLEUTEL), zonder database of geheim. De\n"
	            "sleutel staat in DATABASE.audit-key, of waar --audit-key zegt.\n",
	.about_en = "Shows the audit trail (NEN 7513): who (in which role) did what with which\n"
	            "case, when (UTC), from which address and through which access point.\n"
	            "Letters: C created, R read, U updated, D deleted, E exported, P printed,\n"
	            "F refused, A login or logout. `kring audit checkpoint` prints a signed\n"
	            "checkpoint to keep elsewhere; --verify --expect FILE checks the trail\n"
	            "against it. `kring audit public-key` prints the public key with which\n"
	            "someone else checks the signature (--expect FILE --public-key KEY),\n"
	            "without the database or any secret. The key is in DATABASE.audit-key,\n"
	            "or where --audit-key says.\n",
};

int cmd_audit(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL, NULL, false, false, false };
	struct kr_store *s;
	struct kr_error err;
	struct show sh = { cli->lang, 0 };
	const char *ref;
	bool cp, pk;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	cp = a.ref && strcmp(a.ref, "checkpoint") == 0;
	pk = a.ref && strcmp(a.ref, "public-key") == 0;
	ref = cp || pk ? NULL : a.ref;
	sh.lang = cli->lang;
	if (a.pub && !a.expect)
		return cli_usage("audit", "%s", kr_tr(cli->lang, "--public-key hoort bij --expect",
		                 "--public-key goes with --expect"));
	if (a.expect && !a.verify && !a.pub)
		return cli_usage("audit", "%s", kr_tr(cli->lang, "--expect hoort bij --verify (of "
		                 "bij --public-key)", "--expect goes with --verify (or with "
		                 "--public-key)"));
	if ((a.verify || a.pub) && (a.csv || ref || a.client || cp || pk))
		return cli_usage("audit", "%s", kr_tr(cli->lang, "--verify controleert het hele "
		                 "logboek: zonder dossier, --csv of --for-client", "--verify checks the "
		                 "whole trail: it takes no case, --csv or --for-client"));
	if ((cp || pk) && (a.csv || a.client))
		return cli_usage("audit", "%s", kr_tr(cli->lang, "checkpoint en public-key hebben "
		                 "geen andere opties", "checkpoint and public-key take no other "
		                 "options"));
	/* a third party's check: the checkpoints and the public key, nothing else */
	if (a.pub && !a.verify)
		return signed_only(cli, a.expect, a.pub);
	if (a.client && (!ref || a.csv))
		return cli_usage("audit", "%s", kr_tr(cli->lang, "--for-client hoort bij één dossier "
		                 "en niet bij --csv", "--for-client takes one case and no --csv"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (a.verify) {
		status = verify(cli, s, a.expect, a.pub);
	} else if (cp) {
		status = checkpoint(s);
	} else if (pk) {
		status = public_key(s);
	} else if (a.client) {
		status = for_client(cli, s, ref);
	} else if (a.csv) {
		if (kr_audit_export_csv(s, ref, stdout, &err))
			status = cli_fail("audit", &err);
	} else {
		printf("%6s  %-20s  %-14s  %-22s %-14s %-16s %s\n", "id",
		       kr_tr(cli->lang, "tijd (UTC)", "time (UTC)"), kr_tr(cli->lang, "actie", "action"),
		       kr_tr(cli->lang, "wie/rol", "who/role"), kr_tr(cli->lang, "dossier", "case"),
		       kr_tr(cli->lang, "adres", "address"), "detail");
		if (kr_audit_each(s, ref, show_row, &sh, &err))
			status = cli_fail("audit", &err);
		else if (sh.n == 0)
			printf("%s\n", kr_tr(cli->lang, "(geen regels)", "(no rows)"));
	}
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
