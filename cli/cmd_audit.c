/*
 * cmd_audit.c - `kring audit [REF] [--verify] [--csv]`: shows the audit
 * trail (NEN 7513) of one case or of everything, exports it as CSV (cells
 * escaped against formula injection), or checks the hash chain: exit 0 when
 * no row was altered or removed, 1 naming the first row that was.
 */
#include "cli.h"
#include "kring/audit.h"
#include "opts.h"

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
	printf("%6lld  %s  %c %-12s  %-16s %-14s %-16s %s", r->id, r->when, r->action,
	       action_name(r->action, sh->lang), r->who, r->has_ref ? r->ref : "-",
	       r->has_address ? r->address : "-", r->detail);
	if (r->has_on_behalf)
		printf(" (%s %s)", kr_tr(sh->lang, "namens", "on behalf of"), r->on_behalf);
	putchar('\n');
	sh->n++;
	return 0;
}

static int verify(struct kr_cli *cli, struct kr_store *s)
{
	struct kr_error err;
	long long bad = 0, count = 0;
	char hex[65];
	int status = 0;

	kr_error_init(&err);
	if (kr_audit_verify(s, &bad, &err) == KR_OK) {
		if (kr_audit_head(s, &count, hex, &err)) {
			status = cli_fail("audit", &err);
		} else {
			printf(kr_tr(cli->lang, "Het logboek is in orde: %lld regels, geen regel is "
			             "gewijzigd of verwijderd.\n",
			             "The audit trail is intact: %lld rows, none altered or removed.\n"),
			       count);
			if (count)
				printf(kr_tr(cli->lang, "Laatste hash: %s (bewaar die ergens anders om "
				             "later te kunnen bewijzen dat er niets aan het eind is "
				             "weggehaald)\n",
				             "Last hash: %s (keep it elsewhere to prove later that nothing "
				             "was cut off the end)\n"), hex);
		}
	} else if (bad > 0) {
		fprintf(stderr, kr_tr(cli->lang, "kring audit: het logboek is aangetast vanaf regel "
		                      "%lld: %s\n",
		                      "kring audit: the audit trail was tampered with from row %lld: "
		                      "%s\n"), bad, err.message);
		status = EXIT_DATA;
	} else {
		status = cli_fail("audit", &err);
	}
	kr_error_cleanup(&err);
	return status;
}

struct args {
	const char *ref;
	bool verify, csv;
};

static const struct cli_arg args[] = {
	{ "DOSSIER", "REF", "het dossier", "the case", offsetof(struct args, ref), CLI_OPTIONAL },
};

static const struct cli_opt opts[] = {
	{ .name = "--csv", .kind = CLI_FLAG, .at = offsetof(struct args, csv),
	  .help_nl = "schrijf het logboek als CSV (veilig voor spreadsheets)",
	  .help_en = "write the trail as CSV (safe for spreadsheets)" },
	{ .name = "--verify", .kind = CLI_FLAG, .at = offsetof(struct args, verify),
	  .help_nl = "controleer de hashketen: is er een regel gewijzigd of verwijderd? "
	             "Exit-status 1 als dat zo is",
	  .help_en = "check the hash chain: was a row altered or removed? Exit status 1 if so" },
};

static const struct cli_cmd spec = {
	.name = "audit",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Toont het logboek (NEN 7513): wie wat deed met welk dossier, wanneer (UTC)\n"
	            "en vanaf welk adres of welke opdracht (cli:...). Letters: C gemaakt,\n"
	            "R gelezen, U gewijzigd, D verwijderd, E geëxporteerd, P geprint,\n"
	            "F geweigerde toegang, A in- of uitgelogd.\n",
	.about_en = "Shows the audit trail (NEN 7513): who did what with which case, when (UTC)\n"
	            "and from which address or command (cli:...). Letters: C created, R read,\n"
	            "U updated, D deleted, E exported, P printed, F refused access, A login or\n"
	            "logout.\n",
};

int cmd_audit(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, false, false };
	struct kr_store *s;
	struct kr_error err;
	struct show sh = { cli->lang, 0 };
	const char *ref;
	bool check, csv;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	ref = a.ref;
	check = a.verify;
	csv = a.csv;
	sh.lang = cli->lang;
	if (check && (csv || ref))
		return cli_usage("audit", "%s", kr_tr(cli->lang, "--verify controleert het hele "
		                 "logboek: zonder dossier en zonder --csv", "--verify checks the whole "
		                 "trail: it takes no case and no --csv"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (check) {
		status = verify(cli, s);
	} else if (csv) {
		if (kr_audit_export_csv(s, ref, stdout, &err))
			status = cli_fail("audit", &err);
	} else {
		printf("%6s  %-20s  %-14s  %-16s %-14s %-16s %s\n", "id",
		       kr_tr(cli->lang, "tijd (UTC)", "time (UTC)"), kr_tr(cli->lang, "actie", "action"),
		       kr_tr(cli->lang, "wie", "who"), kr_tr(cli->lang, "dossier", "case"),
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
