/*
 * cmd_stats.c - `kring stats [--as-of DATE] [--format text|json]`: the
 * figures without persons of lib/stats.c over every case, as the server's
 * GET /api/stats gives them (small cells shown as "<5").
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/stats.h"

int cmd_stats(struct kr_cli *cli, int argc, char **argv)
{
	long on = kr_today();
	bool json = false;
	struct kr_store *s;
	struct kr_stats *st = NULL;
	struct kr_settings settings;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring stats [--as-of DATUM] [--format text|json]\n"
			       "Toont cijfers zonder personen over alle dossiers: aantallen onder de 5\n"
			       "staan er als \"<5\", zodat geen kind te herkennen is.\n",
			       "Usage: kring stats [--as-of DATE] [--format text|json]\n"
			       "Shows figures without persons over all cases: counts below 5 are shown\n"
			       "as \"<5\", so that no child can be recognised.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "stats", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("stats", "--as-of", argv[++i], &on))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "json") == 0)
				json = true;
			else if (strcmp(argv[i], "text") == 0)
				json = false;
			else
				return cli_usage("stats", "--format takes text or json, not \"%s\"", argv[i]);
		} else {
			return cli_usage("stats", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (kr_settings_load(s, &settings, &err) ||
	    kr_stats_compute(s, on, &settings, &st, &err)) {
		status = cli_fail("stats", &err);
	} else if (json) {
		json_t *j = kr_stats_json(st);
		char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		if (text)
			printf("%s\n", text);
		else
			status = EXIT_DATA;
		free(text);
		json_decref(j);
	} else {
		struct kr_buf b;
		kr_buf_init(&b, 1u << 22);
		if (kr_stats_text(st, cli->lang, &b) == KR_OK)
			fputs(b.data, stdout);
		else
			status = EXIT_DATA;
		kr_buf_cleanup(&b);
	}
	kr_stats_free(st);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
