/*
 * cmd_history.c - `kring history REF`: the revisions of a case with author
 * and time, oldest first.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_history(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL;
	struct kr_store *s;
	struct kr_revision_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring history DOSSIER\nToont alle versies van het dossier, met "
			       "wie ze maakte en wanneer (UTC).\n",
			       "Usage: kring history REF\nShows every revision of the case, who made it "
			       "and when (UTC).\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "history", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (argv[i][0] == '-' || ref)
			return cli_usage("history", "unexpected argument \"%s\"", argv[i]);
		ref = argv[i];
	}
	if (!ref)
		return cli_usage("history", "name the case");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (kr_store_history(s, ref, &v, &n, &err)) {
		status = cli_fail("history", &err);
	} else {
		printf("%6s  %-20s  %-24s %s\n", kr_tr(cli->lang, "versie", "rev"),
		       kr_tr(cli->lang, "tijd (UTC)", "time (UTC)"),
		       kr_tr(cli->lang, "door", "author"), "bytes");
		for (size_t i = 0; i < n; i++)
			printf("%6ld  %-20s  %-24s %zu\n", v[i].rev, v[i].created, v[i].author,
			       v[i].bytes);
	}
	free(v);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
