/*
 * cmd_backup.c - `kring backup FILE`: an online, consistent copy of the
 * database (backup.h: VACUUM INTO, while the server keeps writing),
 * verified on the copy (integrity_check and the audit chain).  FILE must
 * not exist yet.
 * (To be converted to the declarative option table of cli/opts.h.)
 */
#include <string.h>

#include "cli.h"
#include "kring/backup.h"

int cmd_backup(struct kr_cli *cli, int argc, char **argv)
{
	const char *dest = NULL;
	struct kr_backup_check c;
	struct kr_store *s;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring backup BESTAND\n"
			       "Maakt een reservekopie van de database terwijl de server doorwerkt, en\n"
			       "controleert de kopie (integrity_check en het logboek). BESTAND mag nog\n"
			       "niet bestaan. Zie docs/deploy.md voor een schema.\n",
			       "Usage: kring backup FILE\n"
			       "Makes a backup of the database while the server keeps working, and checks\n"
			       "the copy (integrity_check and the audit trail). FILE must not exist yet.\n"
			       "See docs/deploy.md for a schedule.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "backup", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (argv[i][0] == '-' || dest)
			return cli_usage("backup", "unexpected argument \"%s\"", argv[i]);
		dest = argv[i];
	}
	if (!dest)
		return cli_usage("backup", "name the backup file");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (kr_backup_write(s, dest, &c, &err))
		status = cli_fail("backup", &err);
	else
		printf(kr_tr(cli->lang, "%s: %lld dossiers, %lld logboekregels; integriteit en "
		       "logboek in orde\n", "%s: %lld cases, %lld audit rows; integrity and audit "
		       "trail verified\n"), dest, c.cases, c.audit_rows);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
