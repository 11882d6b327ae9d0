/*
 * cmd_signals.c - `kring signals REF | --all [--as-of DATE] [--format
 * text|json] [--lang nl|en]`: the signals of one case, most severe first,
 * or a one-line summary per case for all of them.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/facts.h"
#include "kring/history.h"
#include "kring/signals.h"
#include "kring/words.h"

static const char *help_nl =
	"Gebruik: kring signals DOSSIER [--as-of DATUM] [--format text|json] [--lang nl|en]\n"
	"       kring signals --all [--as-of DATUM] [--format text|json]\n"
	"Toont wat aandacht nodig heeft in het dossier op DATUM (standaard vandaag),\n"
	"het ernstigste eerst, met de reden en wat kan helpen. --all geeft per dossier\n"
	"een regel met de aantallen.\n";
static const char *help_en =
	"Usage: kring signals REF [--as-of DATE] [--format text|json] [--lang nl|en]\n"
	"       kring signals --all [--as-of DATE] [--format text|json]\n"
	"Shows what needs attention in the case on DATE (default today), most severe\n"
	"first, with the reason and what could help. --all prints one line of counts\n"
	"per case.\n";

struct all_ctx {
	struct kr_store *s;
	long on;
	const struct kr_settings *settings;
	bool json;
	size_t ncases;
	enum kr_status rc;
};

static int one_line(const struct kr_facts_signals *row, void *arg)
{
	(void)arg;
	printf("%-20s %6zu %6zu %6zu  %s\n", row->ref, row->alert, row->warning, row->info,
	       row->top ? row->top : "-");
	return 0;
}

static int one_case(const struct kr_case *c, long rev, void *arg)
{
	struct all_ctx *a = arg;
	struct kr_signal_list l = { 0 };
	size_t count[3] = { 0 };
	struct kr_history *h = NULL;

	if ((a->rc = kr_history_open(a->s, c->ref, rev, c, &h, NULL)) ||
	    (a->rc = kr_signals_compute(c, h, a->on, a->settings, &l, NULL))) {
		kr_history_free(h);
		return 1;
	}
	kr_history_free(h);
	for (size_t i = 0; i < l.n; i++)
		count[l.v[i].level]++;
	if (a->json) {
		char *j = kr_signals_to_json(&l, false);
		printf("%s{\"ref\":\"%s\",\"revision\":%ld,\"signals\":%s}", a->ncases ? ",\n" : "",
		       c->ref, rev, j ? j : "[]");
		free(j);
	} else {
		printf("%-20s %6zu %6zu %6zu  %s\n", c->ref, count[KR_LEVEL_ALERT],
		       count[KR_LEVEL_WARNING], count[KR_LEVEL_INFO], l.n ? l.v[0].id : "-");
	}
	a->ncases++;
	kr_signal_list_cleanup(&l);
	return 0;
}

int cmd_signals(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL;
	long on = kr_today(), rev = 0;
	bool json = false, all = false;
	struct kr_history *h = NULL;
	struct kr_store *s;
	struct kr_case *c = NULL;
	struct kr_settings settings;
	struct kr_signal_list l = { 0 };
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang, help_nl, help_en));
			return 0;
		}
		if ((g = cli_global_opt(cli, "signals", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("signals", "--as-of", argv[++i], &on))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "json") == 0)
				json = true;
			else if (strcmp(argv[i], "text") == 0)
				json = false;
			else
				return cli_usage("signals", "--format takes text or json, not \"%s\"",
				                 argv[i]);
		} else if (strcmp(argv[i], "--all") == 0) {
			all = true;
		} else if (argv[i][0] == '-') {
			return cli_usage("signals", "unknown option \"%s\"", argv[i]);
		} else if (!ref) {
			ref = argv[i];
		} else {
			return cli_usage("signals", "one case at a time (or --all)");
		}
	}
	if (!ref && !all)
		return cli_usage("signals", "name the case, or use --all");
	if (ref && all)
		return cli_usage("signals", "name a case or use --all, not both");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (kr_settings_load(s, &settings, &err)) {
		status = cli_fail("signals", &err);
		goto out;
	}
	if (all) {
		struct all_ctx a = { s, on, &settings, json, 0, KR_OK };
		if (json)
			printf("[\n");
		else
			printf("%-20s %6s %6s %6s  %s\n", kr_tr(cli->lang, "dossier", "case"),
			       kr_tr(cli->lang, "alarm", "alert"), kr_tr(cli->lang, "let op", "warn"),
			       "info", kr_tr(cli->lang, "ernstigste", "most severe"));
		/* text: the counts kept with every revision (facts.h), no parsing */
		if (json ? kr_store_each(s, one_case, &a, &err)
		         : kr_facts_signals(s, on, &settings, one_line, &a, &err)) {
			status = cli_fail("signals", &err);
		} else if (a.rc) {
			kr_error_set(&err, a.rc, "out of memory");
			status = cli_fail("signals", &err);
		}
		if (json)
			printf("\n]\n");
		goto out;
	}
	if (kr_store_head(s, ref, &rev, &err)) {
		status = cli_fail("signals", &err);
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "signals", ref, rev, -1, &status)))
		goto out;
	if (kr_history_open(s, ref, rev, c, &h, &err) ||
	    kr_signals_compute(c, h, on, &settings, &l, &err)) {
		status = cli_fail("signals", &err);
	} else if (json) {
		char *text = kr_signals_to_json(&l, true);
		if (text)
			fputs(text, stdout);
		free(text);
	} else {
		struct kr_buf b;
		char d[40];
		kr_buf_init(&b, 1u << 24);
		kr_buf_printf(&b, kr_tr(cli->lang, "Signalen voor %s op %s:\n\n",
		                        "Signals for %s on %s:\n\n"),
		              c->ref, kr_words_day(on, cli->lang, d, sizeof d));
		kr_signals_to_text(&l, cli->lang, &b);
		if (b.data)
			fputs(b.data, stdout);
		kr_buf_cleanup(&b);
	}
out:
	kr_signal_list_cleanup(&l);
	kr_history_free(h);
	kr_case_free(c);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
