/*
 * cmd_reindex.c - `kring reindex [--signals] [--as-of DATE]`: throws away
 * the facts the store keeps of every revision (lib/facts.c) and computes
 * them again from the documents, with the signals of every case's latest
 * revision for DATE (default today); with --signals only those signal
 * facts, where they are for another day or other thresholds.  Reports and
 * `signals --all` are right without it (they compute what is out of date
 * for themselves, without storing it); a nightly `kring reindex --signals`
 * makes the day's figures fast from the first one (docs/report.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/facts.h"
#include "kring/report.h"
#include "opts.h"

struct args {
	long on;
	bool only_signals;
};

static const struct cli_opt opts[] = {
	{ .name = "--signals", .kind = CLI_FLAG, .at = offsetof(struct args, only_signals),
	  .help_nl = "alleen de signalen die nog niet voor DATUM berekend zijn (bijvoorbeeld "
	             "elke nacht)",
	  .help_en = "only the signals not yet computed for DATE (every night, for instance)" },
	{ .name = "--as-of", .kind = CLI_DAY, .at = offsetof(struct args, on),
	  .help_nl = "de dag van de signalen (standaard vandaag)",
	  .help_en = "the day of the signals (default today)" },
};

static const struct cli_cmd spec = {
	.name = "reindex",
	.opts = CLI_N(opts),
	.about_nl = "Berekent de feiten van alle versies opnieuw uit de dossiers, met de\n"
	            "signalen van elk dossier op DATUM. De cijfers en signals --all gebruiken\n"
	            "die feiten (docs/report.md).\n",
	.about_en = "Computes the facts of every revision again from the documents, with every\n"
	            "case's signals on DATE. The figures and signals --all use these facts\n"
	            "(docs/report.md).\n",
};

int cmd_reindex(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { kr_today(), false };
	size_t ncases = 0, nrevs = 0, ndays;
	long days[16];
	struct kr_settings set;
	struct kr_store *s;
	struct kr_error err;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	/* it reads every case: one row for the read of all cases, first */
	status = cli_audit_entry(cli, s, "reindex", &(struct kr_audit_entry){
		.action = KR_AUDIT_READ, .event = "facts.rebuild",
		.detail = a.only_signals ? "signals of all cases computed again"
		                         : "facts of all cases computed again" });
	if (status)
		goto out;
	if (kr_settings_load(s, &set, &err) ||
	    (a.only_signals ? kr_facts_refresh(s, a.on, &set, &ncases, &err)
	                    : kr_facts_rebuild(s, a.on, &set, &ncases, &nrevs, &err)) ||
	    (ndays = kr_report_monitor_days(a.on, days, sizeof days / sizeof *days),
	     kr_facts_keep_days(s, days, ndays, &set, &err)))
		status = cli_fail("reindex", &err);
	else if (a.only_signals)
		printf(kr_tr(cli->lang, "signalen van %zu dossiers bijgewerkt\n",
		             "signals of %zu cases brought up to date\n"), ncases);
	else
		printf(kr_tr(cli->lang, "%zu dossiers, %zu versies opnieuw berekend\n",
		             "%zu cases, %zu revisions computed again\n"), ncases, nrevs);
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
