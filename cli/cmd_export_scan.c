/*
 * cmd_export_scan.c - `kring export-scan REF -o FILE.xlsx`: write the
 * Community Scan workbook of a case (every revision, one sheet each, each
 * judged on the day it was recorded, plus an overview) for people who work
 * with the scan in Excel.  The work is done by kr_export_scan_xlsx()
 * (lib/export_xlsx.c).  Audited as an export of the case.
 */
#include "cli.h"
#include "kring/audit.h"
#include "kring/export_xlsx.h"
#include "opts.h"

struct args {
	const char *ref, *out;
};

static const struct cli_arg args[] = { CLI_ARG_REF(struct args, ref) };

static const struct cli_opt opts[] = {
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, out), .exts = "xlsx",
	  .flags = CLI_REQUIRED | CLI_NO_DASH, .value_nl = "BESTAND.xlsx", .value_en = "FILE.xlsx",
	  .help_nl = "de werkmap (heel of helemaal niet geschreven)",
	  .help_en = "the workbook (written whole or not at all)" },
};

static const struct cli_cmd spec = {
	.name = "export-scan",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Schrijft de Community Scan van het dossier als Excel-werkmap: een\n"
	            "overzicht en een blad per versie, met de waarden per segment. Elke versie\n"
	            "is beoordeeld op de dag dat ze vastgelegd is.\n",
	.about_en = "Writes the case's Community Scan as an Excel workbook: an overview and\n"
	            "one sheet per revision, with the values per segment. Each revision is\n"
	            "judged on the day it was recorded.\n",
};

int cmd_export_scan(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL };
	struct kr_store *s;
	struct kr_error err;
	long rev;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	/* the audit row comes first: no workbook without it */
	if (kr_store_head(s, a.ref, &rev, &err) != KR_OK)
		status = cli_fail("export-scan", &err);
	else if (!(status = cli_audit(cli, s, "export-scan", KR_AUDIT_EXPORT, a.ref,
	                              "scan workbook exported")) &&
	         kr_export_scan_xlsx(s, a.ref, a.out, cli->lang, &err) != KR_OK)
		status = cli_fail("export-scan", &err);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
