/*
 * cmd_export.c - `kring export REF [--revision N | --recorded-at TIME]
 * [-o FILE]`: write a case document (any revision) back as kring-case/1
 * JSON, unknown keys included.  Audited as an export of the case.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "opts.h"

struct args {
	const char *ref, *out;
	struct cli_pick pick;
};

static const struct cli_arg args[] = { CLI_ARG_REF(struct args, ref) };

static const struct cli_opt opts[] = {
	CLI_OPT_REVISION(struct args, pick.rev, 1),
	CLI_OPT_RECORDED_AT(struct args, pick.recorded, 1),
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, out),
	  .help_nl = "schrijf naar BESTAND (heel of helemaal niet); standaard, of met -, naar "
	             "het scherm",
	  .help_en = "write to FILE (whole or not at all); by default, or with -, to standard "
	             "output" },
};

static const struct cli_cmd spec = {
	.name = "export",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Schrijft het dossier (de laatste versie, of een eerdere) als JSON, met\n"
	            "onbekende sleutels erbij.\n",
	.about_en = "Writes the case (the latest revision, or an earlier one) as JSON, unknown\n"
	            "keys included.\n",
};

int cmd_export(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, "-", CLI_PICK_LATEST };
	struct kr_store *s;
	struct kr_case *c;
	char *text = NULL;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	if ((c = cli_load_case(cli, s, "export", a.ref, a.pick, NULL, &status))) {
		if (!(text = kr_case_dump(c, true))) {
			fprintf(stderr, "kring export: %s\n", kr_tr(cli->lang, "te weinig geheugen",
			        "out of memory"));
			status = EXIT_DATA;
		} else if (!(status = cli_audit(cli, s, "export", KR_AUDIT_EXPORT, a.ref,
		                                "case exported"))) {
			status = cli_write_file("export", a.out, text, strlen(text));
		}
		free(text);
		kr_case_free(c);
	}
	kr_store_close(s);
	return status;
}
