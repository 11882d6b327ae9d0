/*
 * cmd_signals.c - `kring signals REF [--as-of DATE] [--revision N |
 * --recorded-at TIME] [--format text|json]` and `kring signals --all
 * [--as-of DATE] [--format text|json]`: the signals of one case, most
 * severe first, or a one-line summary per case for all of them.  One audit
 * row per case read; --all writes one row for the read of all cases.
 */
#include <stdlib.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/facts.h"
#include "kring/history.h"
#include "kring/signals.h"
#include "kring/words.h"
#include "opts.h"

struct args {
	const char *ref;
	bool all;
	long on;
	struct cli_pick pick;
	int format;
};

static const struct cli_arg args[] = {
	{ "DOSSIER", "REF", "het dossier, of gebruik --all", "the case, or use --all",
	  offsetof(struct args, ref), CLI_OPTIONAL },
};

static const struct cli_opt opts[] = {
	{ .name = "--all", .kind = CLI_FLAG, .at = offsetof(struct args, all),
	  .help_nl = "alle dossiers: per dossier een regel met de aantallen en het ernstigste "
	             "signaal",
	  .help_en = "all cases: one line per case with the counts and the most severe signal" },
	CLI_OPT_AS_OF(struct args, on),
	CLI_OPT_REVISION(struct args, pick.rev, 1),
	CLI_OPT_RECORDED_AT(struct args, pick.recorded, 1),
	CLI_OPT_FORMAT(struct args, format),
};

static const struct cli_cmd spec = {
	.name = "signals",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Toont wat aandacht nodig heeft in het dossier op DATUM, het ernstigste\n"
	            "eerst, met de reden en wat kan helpen.\n",
	.about_en = "Shows what needs attention in the case on DATE, most severe first, with\n"
	            "the reason and what could help.\n",
};

struct all_ctx {
	struct kr_store *s;
	long on;
	const struct kr_settings *settings;
	bool json;
	size_t ncases;
	enum kr_status rc;
};

/* One object of --all as JSON: the case's signals as the library gives
 * them (kr_signals_to_json), most severe first. */
static int one_case(const struct kr_case *c, long rev, void *arg)
{
	struct all_ctx *a = arg;
	struct kr_signal_list l = { 0 };
	struct kr_history *h = NULL;
	char *j;

	if ((a->rc = kr_history_open(a->s, c->ref, rev, c, &h, NULL)) ||
	    (a->rc = kr_signals_compute(c, h, a->on, a->settings, &l, NULL))) {
		kr_history_free(h);
		return 1;
	}
	kr_history_free(h);
	j = kr_signals_to_json(&l, false);
	printf("%s{\"ref\":\"%s\",\"revision\":%ld,\"signals\":%s}", a->ncases ? ",\n" : "",
	       c->ref, rev, j ? j : "[]");
	free(j);
	a->ncases++;
	kr_signal_list_cleanup(&l);
	return 0;
}

/* One line of --all as text: the counts and the most severe signal the
 * library keeps with every revision (kr_facts_signals). */
static int one_line(const struct kr_facts_signals *row, void *arg)
{
	(void)arg;
	printf("%-20s %7zu %7zu %7zu  %s\n", row->ref, row->alert, row->warning, row->info,
	       row->top ? row->top : "-");
	return 0;
}

/* signals --all: one audit row for the read of all cases, then a line (or
 * a JSON object) per case as the walk goes. */
static int all_cases(struct kr_cli *cli, struct kr_store *s, const struct args *a,
                     const struct kr_settings *settings)
{
	struct all_ctx x = { s, a->on, settings, a->format == CLI_FORMAT_JSON, 0, KR_OK };
	struct kr_error err;
	int status;

	if ((status = cli_audit(cli, s, "signals", KR_AUDIT_READ, NULL,
	                        "signals of all cases read")))
		return status;
	kr_error_init_lang(&err, cli->lang);
	if (x.json)
		printf("[\n");
	else
		printf("%-20s %7s %7s %7s  %s\n", kr_tr(cli->lang, "dossier", "case"),
		       kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_ALERT + 1, cli->lang),
		       kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_WARNING + 1, cli->lang),
		       kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_INFO + 1, cli->lang),
		       kr_tr(cli->lang, "ernstigste", "most severe"));
	/* text: the counts kept with every revision (facts.h), without parsing
	 * the documents when the day's facts are stored */
	if ((x.json ? kr_store_each(s, one_case, &x, &err)
	            : kr_facts_signals(s, a->on, settings, one_line, &x, &err)) || x.rc) {
		if (x.rc)
			kr_error_say(&err, x.rc, "te weinig geheugen", "out of memory");
		status = cli_fail("signals", &err);
	}
	if (x.json)
		printf("\n]\n");
	kr_error_cleanup(&err);
	return status;
}

int cmd_signals(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, false, kr_today(), CLI_PICK_LATEST, 0 };
	struct kr_history *h = NULL;
	struct kr_store *s;
	struct kr_case *c = NULL;
	struct kr_settings settings;
	struct kr_signal_list l = { 0 };
	struct kr_error err;
	struct kr_buf b;
	char *text = NULL;
	long rev = 0;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!a.ref && !a.all)
		return cli_usage("signals", "%s", kr_tr(cli->lang, "noem het dossier, of gebruik "
		                 "--all", "name the case, or use --all"));
	if (a.ref && a.all)
		return cli_usage("signals", "%s", kr_tr(cli->lang, "noem een dossier of gebruik "
		                 "--all, niet allebei", "name a case or use --all, not both"));
	if (a.all && (a.pick.rev > 0 || a.pick.recorded >= 0))
		return cli_usage("signals", "%s", kr_tr(cli->lang, "--all leest de laatste versie "
		                 "van elk dossier: zonder --revision of --recorded-at",
		                 "--all reads the latest revision of every case: no --revision or "
		                 "--recorded-at"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	kr_buf_init(&b, 1u << 24);
	if (kr_settings_load(s, &settings, &err)) {
		status = cli_fail("signals", &err);
		goto out;
	}
	if (a.all) {
		status = all_cases(cli, s, &a, &settings);
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "signals", a.ref, a.pick, &rev, &status)))
		goto out;
	if (kr_history_open(s, a.ref, rev, c, &h, &err) ||
	    kr_signals_compute(c, h, a.on, &settings, &l, &err)) {
		status = cli_fail("signals", &err);
		goto out;
	}
	if (a.format == CLI_FORMAT_JSON) {
		if (!(text = kr_signals_to_json(&l, true))) {
			status = EXIT_DATA;
			goto out;
		}
	} else {
		char d[40];
		kr_buf_printf(&b, kr_tr(cli->lang, "Signalen voor %s op %s:\n\n",
		                        "Signals for %s on %s:\n\n"),
		              c->ref, kr_words_day(a.on, cli->lang, d, sizeof d));
		kr_signals_to_text(&l, cli->lang, &b);
	}
	if ((status = cli_audit(cli, s, "signals", KR_AUDIT_READ, a.ref, "signals read")))
		goto out;
	if (text)
		fputs(text, stdout);
	else if (b.data)
		fputs(b.data, stdout);
out:
	free(text);
	kr_buf_cleanup(&b);
	kr_signal_list_cleanup(&l);
	kr_history_free(h);
	kr_case_free(c);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
