/*
 * cmd_restore.c - `kring restore FILE [--replace]`: puts a backup in place
 * as the database (--db): verified first, then copied, verified again and
 * renamed into place.  An existing database is only replaced with
 * --replace, and then moved aside (DB.before-restore-<time>), never
 * deleted.  Stop the server first.
 * (To be converted to the declarative option table of cli/opts.h.)
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/backup.h"
#include "kring/init.h"

int cmd_restore(struct kr_cli *cli, int argc, char **argv)
{
	const char *src = NULL;
	bool replace = false;
	char *moved = NULL;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring restore BESTAND [--replace]\n"
			       "Zet een reservekopie terug als de database (--db), na controle. Een\n"
			       "bestaande database wordt alleen met --replace vervangen; die wordt dan\n"
			       "bewaard als DATABASE.before-restore-<tijd>. Stop eerst de server.\n",
			       "Usage: kring restore FILE [--replace]\n"
			       "Puts a backup back as the database (--db), after checking it. An existing\n"
			       "database is only replaced with --replace; it is then kept as\n"
			       "DATABASE.before-restore-<time>. Stop the server first.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "restore", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--replace") == 0)
			replace = true;
		else if (argv[i][0] == '-' || src)
			return cli_usage("restore", "unexpected argument \"%s\"", argv[i]);
		else
			src = argv[i];
	}
	if (!src)
		return cli_usage("restore", "name the backup file");
	kr_error_init(&err);
	if (kr_backup_restore(src, cli->db_path, replace, kr_now(), &moved, &err)) {
		status = cli_fail("restore", &err);
	} else {
		if (moved)
			printf(kr_tr(cli->lang, "de vorige database staat nu in %s\n",
			       "the previous database is now %s\n"), moved);
		printf(kr_tr(cli->lang, "%s teruggezet als %s\n", "%s restored as %s\n"), src,
		       cli->db_path);
	}
	free(moved);
	kr_error_cleanup(&err);
	return status;
}
