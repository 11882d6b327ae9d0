/*
 * cmd_retention.c - `kring retention [--due] [--as-of DATE] [--destroy
 * --reason TEXT]`: lists every case with the day care ended and the day it
 * must be destroyed (retention.h), only the due ones with --due, and with
 * --destroy destroys the due ones (the one destruction path of the
 * library: every revision, link, assignment and index of the case, an audit
 * tombstone, the file compacted).  --as-of counts "due" on another day (for
 * a look ahead; --destroy refuses a day in the future).
 * (To be converted to the declarative option table of cli/opts.h.)
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/init.h"
#include "kring/retention.h"
#include "kring/settings.h"

static void help(enum kr_lang lang)
{
	printf("%s", kr_tr(lang,
	       "Gebruik: kring retention [--due] [--as-of DATUM] [--destroy --reason TEKST]\n"
	       "         kring retention --compact\n"
	       "Toont per dossier wanneer de zorg eindigde en vanaf wanneer het vernietigd moet\n"
	       "worden (20 jaar na het einde van de zorg, 30 na een kinderbeschermingsmaatregel;\n"
	       "instellingen retention.years en retention.measure_years).\n"
	       "  --due              alleen de dossiers die nu vernietigd moeten worden\n"
	       "  --destroy          vernietig die dossiers (onherroepelijk; het logboek houdt\n"
	       "                     alleen een grafsteen: wie, wanneer, op welke grond)\n"
	       "  --reason TEKST     de wettelijke grond, zonder namen (verplicht bij --destroy)\n"
	       "  --compact          schoon het bestand op na een vernietiging die dat niet kon\n",
	       "Usage: kring retention [--due] [--as-of DATE] [--destroy --reason TEXT]\n"
	       "       kring retention --compact\n"
	       "Shows per case when care ended and from when it must be destroyed (20 years\n"
	       "after care ended, 30 after a child protection measure; settings retention.years\n"
	       "and retention.measure_years).\n"
	       "  --due              only the cases that must be destroyed now\n"
	       "  --destroy          destroy those cases (irreversible; the audit trail keeps a\n"
	       "                     tombstone: who, when, on which ground)\n"
	       "  --reason TEXT      the legal ground, without names (required with --destroy)\n"
	       "  --compact          compact the file after a destruction that could not\n"));
}

int cmd_retention(struct kr_cli *cli, int argc, char **argv)
{
	const char *reason = NULL;
	bool due = false, destroy = false, compact = false;
	long today = kr_today(), as_of = today;
	struct kr_retention *v = NULL;
	struct kr_settings set;
	struct kr_store *s;
	struct kr_error err;
	size_t n = 0, done = 0;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int g;
		if (cli_is_help(a)) {
			help(cli->lang);
			return 0;
		}
		if ((g = cli_global_opt(cli, "retention", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(a, "--due") == 0) {
			due = true;
		} else if (strcmp(a, "--compact") == 0) {
			compact = true;
		} else if (strcmp(a, "--destroy") == 0) {
			destroy = due = true;
		} else if (strcmp(a, "--reason") == 0 && i + 1 < argc) {
			reason = argv[++i];
		} else if (strcmp(a, "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("retention", a, argv[++i], &as_of))
				return EXIT_USAGE;
		} else {
			return cli_usage("retention", "unexpected argument \"%s\"", a);
		}
	}
	if (destroy && (!reason || !*reason))
		return cli_usage("retention", "%s", kr_tr(cli->lang,
		                 "--destroy wil --reason met de wettelijke grond",
		                 "--destroy needs --reason with the legal ground"));
	if (destroy && as_of > today)
		return cli_usage("retention", "%s", kr_tr(cli->lang,
		                 "--destroy vernietigt alleen wat vandaag al moet",
		                 "--destroy destroys only what is due today"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (compact) {
		/* after a destruction that could not compact the file (in use) */
		if (kr_retention_compact(s, &err))
			status = cli_fail("retention", &err);
		goto out;
	}
	if (kr_settings_load(s, &set, &err) ||
	    kr_retention_list(s, &set, as_of, due, &v, &n, &err)) {
		status = cli_fail("retention", &err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char ended[11] = "-", until[11] = "-";
		if (v[i].ended >= 0)
			kr_date_format(kr_date_from_days(v[i].ended), ended);
		if (v[i].due >= 0)
			kr_date_format(kr_date_from_days(v[i].due), until);
		printf("%-24s %s %-10s %s %-10s %2d %s%s\n", v[i].ref,
		       kr_tr(cli->lang, "zorg tot", "care until"), ended,
		       kr_tr(cli->lang, "vernietigen vanaf", "destroy from"), until, v[i].years,
		       kr_tr(cli->lang, "jaar", "years"),
		       v[i].measure ? kr_tr(cli->lang, " (maatregel)", " (measure)") : "");
	}
	for (size_t i = 0; destroy && i < n; i++) {
		bool compacted = false;
		if (kr_retention_destroy(s, v[i].ref, cli->author, reason, kr_now(), &compacted,
		                         &err)) {
			status = cli_fail("retention", &err);
			goto out;
		}
		done++;
		printf(kr_tr(cli->lang, "%s vernietigd\n", "%s destroyed\n"), v[i].ref);
		if (!compacted)
			fprintf(stderr, "%s", kr_tr(cli->lang,
			        "kring retention: het bestand is nog niet opgeschoond (in gebruik); "
			        "de gegevens zijn gewist; draai kring retention --compact als het "
			        "rustig is\n", "kring retention: the file is not compacted yet (in "
			        "use); the data is wiped; run kring retention --compact when it is "
			        "quiet\n"));
	}
	if (destroy)
		printf(kr_tr(cli->lang, "%zu dossier(s) vernietigd\n", "%zu case(s) destroyed\n"),
		       done);
out:
	free(v);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
