/*
 * cmd_settings.c - `kring settings [KEY VALUE]`: show the organisation's
 * signal thresholds, or change one.
 */
#include <string.h>

#include "cli.h"
#include "kring/settings.h"

int cmd_settings(struct kr_cli *cli, int argc, char **argv)
{
	const char *args[2] = { NULL, NULL };
	int nargs = 0, status = 0;
	struct kr_store *s;
	struct kr_settings v;
	struct kr_error err;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring settings [SLEUTEL WAARDE]\n"
			       "Zonder argumenten: toont alle drempels van de signalen. Met SLEUTEL en\n"
			       "WAARDE: verandert er een (de wijziging wordt gelogd).\n",
			       "Usage: kring settings [KEY VALUE]\n"
			       "Without arguments: shows every signal threshold. With KEY and VALUE:\n"
			       "changes one (the change is logged).\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "settings", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (nargs == 2)
			return cli_usage("settings", "give one KEY and one VALUE");
		args[nargs++] = argv[i];
	}
	if (nargs == 1)
		return cli_usage("settings", "give a VALUE for %s", args[0]);
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (nargs == 2) {
		if (kr_settings_set(s, args[0], args[1], &err))
			status = cli_fail("settings", &err);
		else
			printf("%s = %s\n", args[0], args[1]);
		goto out;
	}
	if (kr_settings_load(s, &v, &err)) {
		status = cli_fail("settings", &err);
		goto out;
	}
	for (int i = 0; i < KR_SET__N; i++) {
		const struct kr_setting_info *in = kr_settings_info(i);
		printf("%-36s %5d  (%s %d, %d..%d %s)\n    %s\n", in->key, v.v[i],
		       kr_tr(cli->lang, "standaard", "default"), in->def, in->min, in->max, in->unit,
		       kr_tr(cli->lang, in->nl, in->en));
	}
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
