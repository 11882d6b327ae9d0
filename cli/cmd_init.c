/*
 * cmd_init.c - `kring init`: create (or migrate) the database.
 */
#include <string.h>

#include "cli.h"

int cmd_init(struct kr_cli *cli, int argc, char **argv)
{
	struct kr_store *s;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring init\nMaakt de database aan (of werkt hem bij naar de "
			       "nieuwste versie).\n",
			       "Usage: kring init\nCreates the database (or migrates it to the latest "
			       "schema).\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "init", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (!g)
			return cli_usage("init", "unexpected argument \"%s\"", argv[i]);
	}
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	printf(kr_tr(cli->lang, "database %s is klaar (schemaversie %d)\n",
	             "database %s is ready (schema version %d)\n"),
	       cli->db_path, kr_store_schema_version());
	kr_store_close(s);
	return 0;
}
