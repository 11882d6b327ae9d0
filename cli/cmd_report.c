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
#include "kring/report.h"

static const char *help_nl =
	"Gebruik: kring report monitor|startfoto [--as-of DATUM] [--from DATUM --to DATUM]\n"
	"           [--municipality CODE] [--region REGIO] [--team TEAM]\n"
	"           [--format text|json|csv|xlsx|pdf] [-o BESTAND]\n"
	"De monitor (is netwerkgericht werken ingebed?) of de startfoto van de gemeente,\n"
	"zonder namen: aantallen zijn afgerond op 5 en onder de 10 weggelaten. --team geeft\n"
	"de monitor van een team met de caseload per medewerker. xlsx en pdf gaan naar -o\n"
	"(verplicht); de rest naar het scherm of -o. Uitleg: docs/report.md.\n";
static const char *help_en =
	"Usage: kring report monitor|startfoto [--as-of DATE] [--from DATE --to DATE]\n"
	"           [--municipality CODE] [--region REGION] [--team TEAM]\n"
	"           [--format text|json|csv|xlsx|pdf] [-o FILE]\n"
	"The embedding monitor or the municipality's startfoto, without names: counts are\n"
	"rounded to 5 and left out under 10. --team gives a team's monitor with the caseload\n"
	"per worker. xlsx and pdf go to -o (required); the rest to the screen or -o.\n"
	"Explained in docs/report.md.\n";

enum fmt { F_TEXT, F_JSON, F_CSV, F_XLSX, F_PDF };

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
	int status = 0, kind = -1;

	kr_report_query_init(&q);
	kr_buf_init(&b, 1u << 28);
	kr_error_init_lang(&err, cli->lang);
	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang, help_nl, help_en));
			goto out;
		}
		if ((g = cli_global_opt(cli, "report", argc, argv, &i)) < 0) {
			status = EXIT_USAGE;
			goto out;
		}
		if (g)
			continue;
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			as_of_given = true;
			if (!cli_parse_day("report", "--as-of", argv[++i], &q.as_of))
				status = EXIT_USAGE;
		} else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
			if (!cli_parse_day("report", "--from", argv[++i], &q.from))
				status = EXIT_USAGE;
		} else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
			if (!cli_parse_day("report", "--to", argv[++i], &q.to))
				status = EXIT_USAGE;
		} else if (strcmp(argv[i], "--municipality") == 0 && i + 1 < argc) {
			q.municipality = argv[++i];
		} else if (strcmp(argv[i], "--region") == 0 && i + 1 < argc) {
			q.region = argv[++i];
		} else if (strcmp(argv[i], "--team") == 0 && i + 1 < argc) {
			q.team = argv[++i];
			q.names = true;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			int f = -1;
			i++;
			for (int k = 0; k < 5; k++)
				if (strcmp(argv[i], fmts[k]) == 0)
					f = k;
			if (f < 0) {
				status = cli_usage("report", "--format takes text, json, csv, xlsx or pdf, "
				                   "not \"%s\"", argv[i]);
				goto out;
			}
			fmt = (enum fmt)f;
		} else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
		           i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] != '-' && kind < 0) {
			if ((kind = kr_report_kind_parse(argv[i])) < 0) {
				status = cli_usage("report", "monitor or startfoto, not \"%s\"", argv[i]);
				goto out;
			}
		} else {
			status = cli_usage("report", "unexpected argument \"%s\"", argv[i]);
			goto out;
		}
		if (status)
			goto out;
	}
	if (kind < 0) {
		status = cli_usage("report", "name the report: monitor or startfoto");
		goto out;
	}
	if (q.municipality && q.region) {
		status = cli_usage("report", "--municipality or --region, not both");
		goto out;
	}
	if ((fmt == F_XLSX || fmt == F_PDF) && (!out || strcmp(out, "-") == 0)) {
		status = cli_usage("report", "--format %s writes a file: give -o FILE", fmts[fmt]);
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
