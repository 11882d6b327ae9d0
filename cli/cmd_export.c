/*
 * cmd_export.c - `kring export REF [--revision N] [-o FILE]`: write a case
 * document (any revision) back as kring-case/1 JSON, unknown keys included.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_export(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL, *out = "-";
	long rev = 0;
	struct kr_store *s;
	struct kr_case *c;
	int status = 0;
	char *text;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring export DOSSIER [--revision N] [-o BESTAND]\n"
			       "Schrijft het dossier (de laatste versie, of versie N) als JSON.\n",
			       "Usage: kring export REF [--revision N] [-o FILE]\n"
			       "Writes the case (the latest revision, or revision N) as JSON.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "export", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--revision") == 0 && i + 1 < argc) {
			if (!cli_parse_long("export", "--revision", argv[++i], 1, &rev))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] == '-') {
			return cli_usage("export", kr_tr(cli->lang, "onbekende optie \"%s\"",
			                 "unknown option \"%s\""), argv[i]);
		} else if (!ref) {
			ref = argv[i];
		} else {
			return cli_usage("export", kr_tr(cli->lang, "een dossier tegelijk (hier "
			                 "\"%s\" en \"%s\")", "one case at a time (got \"%s\" and "
			                 "\"%s\")"), ref, argv[i]);
		}
	}
	if (!ref)
		return cli_usage("export", "%s", kr_tr(cli->lang, "noem het dossier dat je wilt "
		                 "exporteren", "name the case to export"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	if ((c = cli_load_case(cli, s, "export", ref, rev, -1, &status))) {
		if (!(text = kr_case_dump(c, true))) {
			fprintf(stderr, "kring export: %s\n", kr_tr(cli->lang, "te weinig geheugen",
			        "out of memory"));
			status = EXIT_DATA;
		} else {
			status = cli_write_file("export", out, text, strlen(text));
			free(text);
		}
		kr_case_free(c);
	}
	kr_store_close(s);
	return status;
}
