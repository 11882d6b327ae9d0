/*
 * cmd_history.c - `kring history REF`: the revisions of a case with author
 * and time, oldest first.  Audited as a read of the case.
 */
#include <stdlib.h>

#include "cli.h"
#include "kring/audit.h"
#include "opts.h"

struct args {
	const char *ref;
};

static const struct cli_arg args[] = { CLI_ARG_REF(struct args, ref) };

static const struct cli_cmd spec = {
	.name = "history",
	.args = CLI_N(args),
	.about_nl = "Toont alle versies van het dossier: wanneer ze vastgelegd zijn (UTC), op\n"
	            "wiens naam, en hoe groot ze zijn.\n",
	.about_en = "Shows every revision of the case: when it was recorded (UTC), whom it is\n"
	            "credited to, and its size.\n",
};

int cmd_history(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL };
	struct kr_store *s;
	struct kr_revision_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (kr_store_history(s, a.ref, &v, &n, &err)) {
		status = cli_fail("history", &err);
	} else if (!(status = cli_audit(cli, s, "history", KR_AUDIT_READ, a.ref,
	                                "history read"))) {
		printf("%6s  %-20s  %-24s %s\n", kr_tr(cli->lang, "versie", "rev"),
		       kr_tr(cli->lang, "tijd (UTC)", "time (UTC)"),
		       kr_tr(cli->lang, "door", "author"), "bytes");
		for (size_t i = 0; i < n; i++)
			printf("%6ld  %-20s  %-24s %zu\n", v[i].rev, v[i].created, v[i].author,
			       v[i].bytes);
	}
	free(v);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
