/*
 * cmd_history.c - `kring history REF [--changes]`: the revisions of a case
 * with author and time, oldest first; with --changes, under each revision
 * what changed against the one before, in words (kr_diff_history).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/diff.h"

/* --changes: every revision, then its changes indented. */
static int print_changes(struct kr_cli *cli, struct kr_store *s, const char *ref)
{
	struct kr_revision_changes *v = NULL;
	struct kr_error err;
	struct kr_buf b;
	size_t n = 0;
	int status = 0;

	kr_error_init(&err);
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
	const char *ref = NULL;
	struct kr_store *s;
	struct kr_revision_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = 0;
	bool changes = false;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring history DOSSIER [--changes]\nToont alle versies van het "
			       "dossier, met wie ze maakte en wanneer (UTC).\n"
			       "  --changes  zeg bij elke versie wat er veranderde\n",
			       "Usage: kring history REF [--changes]\nShows every revision of the case, "
			       "who made it and when (UTC).\n"
			       "  --changes  say for every revision what changed\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "history", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--changes") == 0) {
			changes = true;
			continue;
		}
		if (argv[i][0] == '-' || ref)
			return cli_usage("history", "unexpected argument \"%s\"", argv[i]);
		ref = argv[i];
	}
	if (!ref)
		return cli_usage("history", "name the case");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (changes) {
		status = print_changes(cli, s, ref);
	} else if (kr_store_history(s, ref, &v, &n, &err)) {
		status = cli_fail("history", &err);
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
