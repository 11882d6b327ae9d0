/*
 * cmd_export_scan.c - `kring export-scan REF -o FILE.xlsx [--lang nl|en]`:
 * write the Community Scan workbook of a case (every revision, one sheet
 * each, plus an overview) for people who work with the scan in Excel.
 * The work is done by kr_export_scan_xlsx() (lib/export_xlsx.c).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "kring/export_xlsx.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int cmd_export_scan(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL, *out = NULL;
	struct kr_store *s;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring export-scan DOSSIER -o BESTAND.xlsx [--lang nl|en]\n"
			       "Schrijft de Community Scan van het dossier als Excel-werkmap: een\n"
			       "overzicht en een blad per versie, met de waarden per segment.\n",
			       "Usage: kring export-scan REF -o FILE.xlsx [--lang nl|en]\n"
			       "Writes the case's Community Scan as an Excel workbook: an overview\n"
			       "and one sheet per revision, with the values per segment.\n"));
			return 0;
		}
		g = cli_global_opt(cli, "export-scan", argc, argv, &i);
		if (g < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] == '-') {
			return cli_usage("export-scan", "unknown option \"%s\"", argv[i]);
		} else if (!ref) {
			ref = argv[i];
		} else {
			return cli_usage("export-scan", "one case at a time (got \"%s\" and \"%s\")",
			                 ref, argv[i]);
		}
	}
	if (!ref)
		return cli_usage("export-scan", "name the case to export");
	if (!out)
		return cli_usage("export-scan", "say where the workbook goes: -o FILE.xlsx");
	if (strcmp(out, "-") == 0 || !ends_with(out, ".xlsx"))
		return cli_usage("export-scan",
		                 "the workbook must be a file ending in .xlsx (got \"%s\")", out);
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (kr_export_scan_xlsx(s, ref, out, cli->lang, &err) != KR_OK)
		status = cli_fail("export-scan", &err);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
