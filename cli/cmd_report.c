/*
 * cmd_report.c - `kring report monitor|startfoto [--as-of DATE] [--from DATE
 * --to DATE] [--municipality CODE] [--region R] [--team T] [--format
 * text|json|csv|xlsx|pdf] [-o FILE]`: the steering figures of
 * docs/report.md, computed by lib/report.c and written in one of five forms.
 * The command reads the database directly, so it may see everything: with
 * --team the caseload shows the children's names, as the team's lead sees
 * them in the browser.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/audit.h"
#include "kring/report.h"
#include "opts.h"

enum fmt { F_TEXT, F_JSON, F_CSV, F_XLSX, F_PDF };

struct args {
	const char *kind, *out, *municipality, *region, *team;
	long as_of, from, to;
	int fmt;
};

static const struct cli_arg args[] = {
	{ "monitor|startfoto", "monitor|startfoto", "het rapport (monitor of startfoto)",
	  "the report (monitor or startfoto)", offsetof(struct args, kind), 0 },
};

static const struct cli_opt opts[] = {
	{ .name = "--as-of", .kind = CLI_DAY, .at = offsetof(struct args, as_of),
	  .help_nl = "de dag van de cijfers (standaard vandaag, of --to)",
	  .help_en = "the day of the figures (default today, or --to)" },
	{ .name = "--from", .kind = CLI_DAY, .at = offsetof(struct args, from),
	  .help_nl = "het begin van de periode (instroom, uitstroom, stromen)",
	  .help_en = "the start of the period (starts, ends, flows)" },
	{ .name = "--to", .kind = CLI_DAY, .at = offsetof(struct args, to),
	  .help_nl = "het eind van de periode", .help_en = "the end of the period" },
	{ .name = "--municipality", .kind = CLI_TEXT, .at = offsetof(struct args, municipality),
	  .group = 1, .value_nl = "CODE", .value_en = "CODE",
	  .help_nl = "alleen deze gemeente (CBS-code, GM0200)",
	  .help_en = "only this municipality (CBS code, GM0200)" },
	{ .name = "--region", .kind = CLI_TEXT, .at = offsetof(struct args, region), .group = 1,
	  .value_nl = "REGIO", .value_en = "REGION",
	  .help_nl = "alleen deze jeugdregio", .help_en = "only this youth region" },
	{ .name = "--team", .kind = CLI_TEXT, .at = offsetof(struct args, team),
	  .value_nl = "TEAM", .value_en = "TEAM",
	  .help_nl = "de monitor van een team, met de caseload per medewerker (met namen)",
	  .help_en = "a team's monitor, with the caseload per worker (with names)" },
	{ .name = "--format", .kind = CLI_ENUM, .at = offsetof(struct args, fmt),
	  .words = "text|json|csv|xlsx|pdf",
	  .help_nl = "tekst (standaard), JSON, CSV, Excel of PDF (xlsx en pdf gaan naar -o)",
	  .help_en = "text (default), JSON, CSV, Excel or PDF (xlsx and pdf go to -o)" },
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, out),
	  .help_nl = "schrijf naar BESTAND (heel of helemaal niet)",
	  .help_en = "write to FILE (whole or not at all)" },
};

static const struct cli_cmd spec = {
	.name = "report",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "De monitor (is netwerkgericht werken ingebed?) of de startfoto van de\n"
	            "gemeente, zonder namen: aantallen zijn afgerond op 5 en onder de 10\n"
	            "weggelaten. Uitleg: docs/report.md.\n",
	.about_en = "The embedding monitor or the municipality's startfoto, without names:\n"
	            "counts are rounded to 5 and left out under 10. Explained in\n"
	            "docs/report.md.\n",
};

int cmd_report(struct kr_cli *cli, int argc, char **argv)
{
	static const char *const fmts[] = { "text", "json", "csv", "xlsx", "pdf" };
	struct kr_report_query q;
	struct kr_report *r = NULL;
	struct kr_store *s = NULL;
	struct kr_error err;
	struct kr_buf b;
	enum fmt fmt = F_TEXT;
	const char *out = NULL;
	bool as_of_given = false;
	struct args a = { NULL, NULL, NULL, NULL, NULL, -1, -1, -1, 0 };
	int status = 0, kind = -1;

	kr_report_query_init(&q);
	kr_buf_init(&b, 1u << 28);
	kr_error_init_lang(&err, cli->lang);
	a.from = q.from;
	a.to = q.to;
	status = cli_parse(cli, &spec, argc, argv, &a);
	if (status >= 0)
		goto out;
	status = 0;
	if ((kind = kr_report_kind_parse(a.kind)) < 0) {
		status = cli_usage("report", kr_tr(cli->lang, "monitor of startfoto, niet \"%s\"",
		                   "monitor or startfoto, not \"%s\""), a.kind);
		goto out;
	}
	as_of_given = a.as_of >= 0;
	if (as_of_given)
		q.as_of = a.as_of;
	q.from = a.from;
	q.to = a.to;
	q.municipality = a.municipality;
	q.region = a.region;
	if (a.team) {
		q.team = a.team;
		q.names = true;
	}
	fmt = (enum fmt)a.fmt;
	out = a.out;
	if ((fmt == F_XLSX || fmt == F_PDF) && (!out || strcmp(out, "-") == 0)) {
		status = cli_usage("report", kr_tr(cli->lang, "--format %s schrijft een bestand: geef "
		                   "-o BESTAND", "--format %s writes a file: give -o FILE"), fmts[fmt]);
		goto out;
	}
	if (!as_of_given && q.to >= 0)
		q.as_of = q.to;
	q.kind = (enum kr_report_kind)kind;
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (kr_report_compute(s, &q, NULL, &r, &err)) {
		status = cli_fail("report", &err);
		goto out;
	}
	/* a report with a caseload names children: audited like every read */
	if ((status = cli_audit(cli, s, "report", KR_AUDIT_READ, NULL,
	                        q.names ? "report read (with the caseload)" : "report read")))
		goto out;
	switch (fmt) {
	case F_JSON: {
		json_t *j = kr_report_json(r);
		char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		if (text) {
			kr_buf_puts(&b, text);
			kr_buf_puts(&b, "\n");
		} else {
			kr_error_say(&err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		}
		free(text);
		json_decref(j);
		break;
	}
	case F_CSV:
		kr_report_csv(r, cli->lang, &b);
		break;
	case F_XLSX:
		if (kr_report_xlsx(r, cli->lang, out, &err))
			status = cli_fail("report", &err);
		goto out;
	case F_PDF:
		kr_report_pdf(r, cli->lang, &b, &err);
		break;
	default:
		kr_report_text(r, cli->lang, &b);
	}
	if (b.failed || !b.data) {
		if (!err.code)
			kr_error_say(&err, b.failed ? b.why : KR_ENOMEM, "het rapport past niet in het "
			             "geheugen", "the report does not fit in memory");
		status = cli_fail("report", &err);
	} else if (out && strcmp(out, "-") != 0) {
		status = cli_write_file("report", out, b.data, b.len);
	} else {
		fwrite(b.data, 1, b.len, stdout);
	}
out:
	kr_report_free(r);
	kr_buf_cleanup(&b);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
