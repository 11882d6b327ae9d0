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
#include "kring/date.h"
#include "kring/facts.h"

int cmd_reindex(struct kr_cli *cli, int argc, char **argv)
{
	long on = kr_today();
	size_t ncases = 0, nrevs = 0;
	bool only_signals = false;
	struct kr_settings set;
	struct kr_store *s;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring reindex [--signals] [--as-of DATUM]\n"
			       "Berekent de feiten van alle versies opnieuw uit de dossiers, met de\n"
			       "signalen van elk dossier op DATUM (standaard vandaag). De cijfers en\n"
			       "signals --all gebruiken die feiten. Met --signals alleen de signalen\n"
			       "die nog niet voor DATUM berekend zijn (bijvoorbeeld elke nacht).\n",
			       "Usage: kring reindex [--signals] [--as-of DATE]\n"
			       "Computes the facts of every revision again from the documents, with\n"
			       "every case's signals on DATE (default today). The figures and\n"
			       "signals --all use these facts. With --signals only the signals not\n"
			       "yet computed for DATE (every night, for instance).\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "reindex", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--signals") == 0) {
			only_signals = true;
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("reindex", "--as-of", argv[++i], &on))
				return EXIT_USAGE;
		} else {
			return cli_usage("reindex", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (kr_settings_load(s, &set, &err) ||
	    (only_signals ? kr_facts_refresh(s, on, &set, &ncases, &err)
	                  : kr_facts_rebuild(s, on, &set, &ncases, &nrevs, &err)))
		status = cli_fail("reindex", &err);
	else if (only_signals)
		printf(kr_tr(cli->lang, "signalen van %zu dossiers bijgewerkt\n",
		             "signals of %zu cases brought up to date\n"), ncases);
	else
		printf(kr_tr(cli->lang, "%zu dossiers, %zu versies opnieuw berekend\n",
		             "%zu cases, %zu revisions computed again\n"), ncases, nrevs);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
