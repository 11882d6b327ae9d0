/*
 * cmd_show.c - `kring show REF [--as-of DATE] [--revision N | --recorded-at
 * TIME] [--format text|json]`: the case summary (lib/summary.c) for a
 * worker: the child, where the child lives and the path through care, the
 * network, the trust figure, the plan, the meetings, the signals and the
 * five factors, judged on the as-of day.  This file only parses options,
 * writes the audit row and prints what the library computed.
 */
#include <stdlib.h>

#include <jansson.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/history.h"
#include "kring/summary.h"
#include "opts.h"

struct args {
	const char *ref;
	long on;
	struct cli_pick pick;
	int format;
};

static const struct cli_arg args[] = { CLI_ARG_REF(struct args, ref) };

static const struct cli_opt opts[] = {
	CLI_OPT_AS_OF(struct args, on),
	CLI_OPT_REVISION(struct args, pick.rev, 1),
	CLI_OPT_RECORDED_AT(struct args, pick.recorded, 1),
	CLI_OPT_FORMAT(struct args, format),
};

static const struct cli_cmd spec = {
	.name = "show",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Toont een overzicht van het dossier op DATUM: waar het kind woont, het pad\n"
	            "door de zorg, het netwerk, het plan, de signalen en de vijf factoren.\n",
	.about_en = "Shows an overview of the case on DATE: where the child lives, the path\n"
	            "through care, the network, the plan, the signals and the five factors.\n",
};

int cmd_show(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, kr_today(), CLI_PICK_LATEST, 0 };
	struct kr_store *s;
	struct kr_case *c = NULL;
	struct kr_history *h = NULL;
	struct kr_case_summary *sum = NULL;
	struct kr_settings settings;
	struct kr_error err;
	long rev = 0;
	json_t *j = NULL;
	struct kr_buf b;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	kr_buf_init(&b, 1u << 24);
	if (kr_settings_load(s, &settings, &err)) {
		status = cli_fail("show", &err);
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "show", a.ref, a.pick, &rev, &status)))
		goto out;
	if (kr_history_open(s, a.ref, rev, c, &h, &err) ||
	    kr_case_summary(c, h, a.on, &settings, &sum, &err)) {
		status = cli_fail("show", &err);
		goto out;
	}
	if (a.format == CLI_FORMAT_JSON ? !(j = kr_case_summary_json(sum, true))
	                                : kr_case_summary_text(sum, cli->lang, &b) != KR_OK) {
		status = EXIT_DATA;
		goto out;
	}
	if ((status = cli_audit(cli, s, "show", KR_AUDIT_READ, a.ref, "summary read")))
		goto out;
	if (j) {
		char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (text)
			printf("%s\n", text);
		else
			status = EXIT_DATA;
		free(text);
	} else if (b.data) {
		fputs(b.data, stdout);
	}
out:
	json_decref(j);
	kr_buf_cleanup(&b);
	kr_case_summary_free(sum);
	kr_history_free(h);
	kr_case_free(c);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
