/*
 * cmd_generate.c - `kring generate --cases N --seed S [--anchor DATE]
 * [-o DIR]`: synthetic, realistic case documents for tests and benchmarks,
 * the same for the same seed (lib/generate.c does the work).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/generate.h"

int cmd_generate(struct kr_cli *cli, int argc, char **argv)
{
	long ncases = 1, seed = 1, anchor = kr_days_from_civil(2026, 12, 1);
	const char *dir = NULL;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring generate --cases N --seed S [--anchor DATUM] [-o MAP]\n"
			       "Maakt N verzonnen maar realistische dossiers (voor tests en metingen);\n"
			       "dezelfde seed geeft dezelfde dossiers. Met -o een bestand per dossier in\n"
			       "MAP, anders een dossier per regel op de standaarduitvoer. DATUM is\n"
			       "'vandaag' in de verzonnen wereld (standaard 2026-12-01).\n",
			       "Usage: kring generate --cases N --seed S [--anchor DATE] [-o DIR]\n"
			       "Makes N fictional but realistic cases (for tests and benchmarks); the\n"
			       "same seed gives the same cases. With -o one file per case in DIR, else\n"
			       "one case per line on standard output. DATE is 'today' in the\n"
			       "synthetic world (default 2026-12-01).\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "generate", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
			if (!cli_parse_long("generate", "--cases", argv[++i], 1, &ncases))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			if (!cli_parse_long("generate", "--seed", argv[++i], 0, &seed))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--anchor") == 0 && i + 1 < argc) {
			if (!cli_parse_day("generate", "--anchor", argv[++i], &anchor))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			dir = argv[++i];
		} else {
			return cli_usage("generate", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (ncases > 10000000)
		return cli_usage("generate", "--cases: at most 10000000");
	if (dir && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "kring generate: cannot create %s: %s\n", dir, strerror(errno));
		return EXIT_DATA;
	}
	for (long i = 0; i < ncases && !status; i++) {
		struct kr_error err;
		char *doc = NULL;
		kr_error_init(&err);
		if (kr_generate_case((uint64_t)seed, (unsigned long)i, anchor, &doc, &err)) {
			status = cli_fail("generate", &err);
		} else if (dir) {
			char path[4096];
			snprintf(path, sizeof path, "%s/GEN-%ld-%06ld.json", dir, seed, i);
			status = cli_write_file("generate", path, doc, strlen(doc));
		} else if (printf("%s\n", doc) < 0) {
			status = EXIT_DATA;
		}
		free(doc);
		kr_error_cleanup(&err);
	}
	return status;
}
