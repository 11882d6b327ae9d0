/*
 * cmd_show.c - `kring show REF [--as-of DATE] [--revision N] [--format
 * text|json]`: the case summary (lib/summary.c) for a worker: the child,
 * where the child lives and the path through care, the network, the trust
 * figure, the plan, the meetings, the signals and the five factors.  This
 * file only parses options and prints what the library computed.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/history.h"
#include "kring/summary.h"

int cmd_show(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL;
	long rev = 0, on = kr_today();
	bool json = false;
	struct kr_store *s;
	struct kr_case *c = NULL;
	struct kr_history *h = NULL;
	struct kr_case_summary *sum = NULL;
	struct kr_settings settings;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring show DOSSIER [--as-of DATUM] [--revision N] "
			       "[--format text|json]\n"
			       "Toont een overzicht van het dossier op DATUM (standaard vandaag): waar het\n"
			       "kind woont, het pad door de zorg, het netwerk, het plan, de signalen en de\n"
			       "vijf factoren.  --revision N toont versie N in plaats van de laatste.\n",
			       "Usage: kring show REF [--as-of DATE] [--revision N] [--format text|json]\n"
			       "Shows an overview of the case on DATE (default today): where the child\n"
			       "lives, the path through care, the network, the plan, the signals and the\n"
			       "five factors.  --revision N shows revision N instead of the latest.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "show", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--revision") == 0 && i + 1 < argc) {
			if (!cli_parse_long("show", "--revision", argv[++i], 1, &rev))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("show", "--as-of", argv[++i], &on))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "json") == 0)
				json = true;
			else if (strcmp(argv[i], "text") == 0)
				json = false;
			else
				return cli_usage("show", "--format takes text or json, not \"%s\"", argv[i]);
		} else if (argv[i][0] == '-' || ref) {
			return cli_usage("show", "unexpected argument \"%s\"", argv[i]);
		} else {
			ref = argv[i];
		}
	}
	if (!ref)
		return cli_usage("show", "name the case");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (kr_settings_load(s, &settings, &err) || (rev == 0 && kr_store_head(s, ref, &rev, &err))) {
		status = cli_fail("show", &err);
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "show", ref, rev, -1, &status)))
		goto out;
	if (kr_history_open(s, ref, rev, c, &h, &err) ||
	    kr_case_summary(c, h, on, &settings, &sum, &err)) {
		status = cli_fail("show", &err);
		goto out;
	}
	if (json) {
		json_t *j = kr_case_summary_json(sum, true);
		char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		if (text)
			printf("%s\n", text);
		else
			status = EXIT_DATA;
		free(text);
		json_decref(j);
	} else {
		struct kr_buf b;
		kr_buf_init(&b, 1u << 24);
		if (kr_case_summary_text(sum, cli->lang, &b) == KR_OK)
			fputs(b.data, stdout);
		else
			status = EXIT_DATA;
		kr_buf_cleanup(&b);
	}
out:
	kr_case_summary_free(sum);
	kr_history_free(h);
	kr_case_free(c);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
