/*
 * cmd_stats.c - `kring stats [--as-of DATE] [--format text|json]`: the
 * figures without persons of lib/stats.c over every case, as the server's
 * GET /api/stats gives them (rounded to 5; small counts held back).  It reads every
 * case, so it is audited as one read of all cases.
 */
#include <stdlib.h>

#include <jansson.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/stats.h"
#include "opts.h"

struct args {
	long on;
	int format;
};

static const struct cli_opt opts[] = {
	CLI_OPT_AS_OF(struct args, on),
	CLI_OPT_FORMAT(struct args, format),
};

static const struct cli_cmd spec = {
	.name = "stats",
	.opts = CLI_N(opts),
	.about_nl = "Toont cijfers zonder personen over alle dossiers: aantallen afgerond op 5;\n"
	            "aantallen onder de 10 (en wat ze zou verraden) staan er als x, zodat geen\n"
	            "kind te herkennen is.\n",
	.about_en = "Shows figures without persons over all cases: counts rounded to 5; counts\n"
	            "under 10 (and what would give them away) are shown as x, so that no child\n"
	            "can be recognised.\n",
};

int cmd_stats(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { kr_today(), 0 };
	struct kr_store *s;
	struct kr_stats *st = NULL;
	struct kr_settings settings;
	struct kr_error err;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (kr_settings_load(s, &settings, &err) ||
	    kr_stats_compute(s, a.on, &settings, &st, &err)) {
		status = cli_fail("stats", &err);
	} else if ((status = cli_audit(cli, s, "stats", KR_AUDIT_READ, NULL,
	                               "figures of all cases read"))) {
		/* fail closed: nothing is shown */
	} else if (a.format == CLI_FORMAT_JSON) {
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
