/*
 * cmd_history.c - `kring history REF [--changes]`: the revisions of a case
 * with author and time, oldest first; with --changes, under each revision
 * what changed against the one before, in words (kr_diff_history).
 * Audited as a read of the case.
 */
#include <stdlib.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/diff.h"
#include "opts.h"

struct args {
	const char *ref;
	bool changes;
};

static const struct cli_arg args[] = { CLI_ARG_REF(struct args, ref) };

static const struct cli_opt opts[] = {
	{ .name = "--changes", .kind = CLI_FLAG, .at = offsetof(struct args, changes),
	  .help_nl = "zeg bij elke versie wat er veranderde, in woorden",
	  .help_en = "say for every revision what changed, in words" },
};

static const struct cli_cmd spec = {
	.name = "history",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Toont alle versies van het dossier: wanneer ze vastgelegd zijn (UTC), op\n"
	            "wiens naam, en hoe groot ze zijn.\n",
	.about_en = "Shows every revision of the case: when it was recorded (UTC), whom it is\n"
	            "credited to, and its size.\n",
};

/* --changes: every revision, then its changes indented. */
static int print_changes(struct kr_cli *cli, struct kr_store *s, const char *ref)
{
	struct kr_revision_changes *v = NULL;
	struct kr_error err;
	struct kr_buf b;
	size_t n = 0;
	int status = 0;

	kr_error_init_lang(&err, cli->lang);
	kr_buf_init(&b, 64u * 1024u * 1024u);
	if (kr_diff_history(s, ref, 0, &v, &n, &err)) {
		status = cli_fail("history", &err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		kr_buf_printf(&b, kr_tr(cli->lang, "versie %ld  %s  %s\n", "revision %ld  %s  %s\n"),
		              v[i].info.rev, v[i].info.created, v[i].who);
		kr_diff_text(&v[i].diff, cli->lang, "  ", &b);
	}
	if (b.failed)
		status = cli_fail("history", NULL);
	else if (b.len)
		fwrite(b.data, 1, b.len, stdout);
out:
	kr_diff_history_free(v, n);
	kr_buf_cleanup(&b);
	kr_error_cleanup(&err);
	return status;
}

int cmd_history(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, false };
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
	} else if ((status = cli_audit(cli, s, "history", KR_AUDIT_READ, a.ref,
	                               "history read"))) {
		/* not audited: nothing shown */
	} else if (a.changes) {
		status = print_changes(cli, s, a.ref);
	} else {
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
