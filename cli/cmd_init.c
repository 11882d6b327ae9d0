/*
 * cmd_init.c - `kring init`: create (or migrate) the database.
 */
#include "cli.h"
#include "opts.h"

static const struct cli_cmd spec = {
	.name = "init",
	.about_nl = "Maakt de database aan (of werkt hem bij naar de nieuwste versie).\n",
	.about_en = "Creates the database (or migrates it to the latest schema).\n",
};

int cmd_init(struct kr_cli *cli, int argc, char **argv)
{
	struct kr_store *s;
	int st = cli_parse(cli, &spec, argc, argv, NULL);

	if (st >= 0)
		return st;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	printf(kr_tr(cli->lang, "database %s is klaar (schemaversie %d)\n",
	             "database %s is ready (schema version %d)\n"),
	       cli->db_path, kr_store_schema_version());
	kr_store_close(s);
	return 0;
}
