/*
 * cmd_reindex.c - `kring reindex [--as-of DATE]`: throws away the facts the
 * store keeps of every revision (lib/facts.c) and computes them again from
 * the documents, with the signals of every case's latest revision for DATE
 * (default today).  Needed only after an upgrade that changes the facts,
 * or to prepare a day's figures ahead (a nightly run makes the first
 * report of the day as fast as the rest); reports and `signals --all`
 * recompute what is out of date by themselves.
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
	struct kr_settings set;
	struct kr_store *s;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring reindex [--as-of DATUM]\n"
			       "Berekent de feiten van alle versies opnieuw uit de dossiers, met de\n"
			       "signalen van elk dossier op DATUM (standaard vandaag). De cijfers en\n"
			       "signals --all gebruiken die feiten.\n",
			       "Usage: kring reindex [--as-of DATE]\n"
			       "Computes the facts of every revision again from the documents, with\n"
			       "every case's signals on DATE (default today). The figures and\n"
			       "signals --all use these facts.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "reindex", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
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
	    kr_facts_rebuild(s, on, &set, &ncases, &nrevs, &err))
		status = cli_fail("reindex", &err);
	else
		printf(kr_tr(cli->lang, "%zu dossiers, %zu versies opnieuw berekend\n",
		             "%zu cases, %zu revisions computed again\n"), ncases, nrevs);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
