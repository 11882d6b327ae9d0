/*
 * cmd_retention.c - `kring retention [--due] [--as-of DATE] [--destroy
 * --reason TEXT]`: lists every case with the day care ended and the day it
 * must be destroyed (retention.h), only the due ones with --due, and with
 * --destroy destroys the due ones (the one destruction path of the
 * library: every revision, link, assignment and index of the case, an audit
 * tombstone, the file compacted).  --as-of counts "due" on another day (for
 * a look ahead; --destroy refuses a day in the future).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/init.h"
#include "kring/retention.h"
#include "kring/settings.h"
#include "opts.h"

struct args {
	const char *reason;
	long as_of;
	bool due, destroy, compact;
};

static const struct cli_opt opts[] = {
	{ .name = "--due", .kind = CLI_FLAG, .at = offsetof(struct args, due),
	  .help_nl = "alleen de dossiers die nu vernietigd moeten worden",
	  .help_en = "only the cases that must be destroyed now" },
	{ .name = "--as-of", .kind = CLI_DAY, .at = offsetof(struct args, as_of),
	  .help_nl = "tel \"nu\" vanaf deze dag (om vooruit te kijken; niet met --destroy)",
	  .help_en = "count \"now\" from this day (to look ahead; not with --destroy)" },
	{ .name = "--destroy", .kind = CLI_FLAG, .at = offsetof(struct args, destroy),
	  .help_nl = "vernietig die dossiers (onherroepelijk; het logboek houdt alleen een "
	             "grafsteen: wie, wanneer, op welke grond)",
	  .help_en = "destroy those cases (irreversible; the audit trail keeps a tombstone: "
	             "who, when, on which ground)" },
	{ .name = "--reason", .kind = CLI_TEXT, .at = offsetof(struct args, reason),
	  .value_nl = "TEKST", .value_en = "TEXT",
	  .help_nl = "de wettelijke grond, zonder namen (verplicht bij --destroy)",
	  .help_en = "the legal ground, without names (required with --destroy)" },
	{ .name = "--compact", .kind = CLI_FLAG, .at = offsetof(struct args, compact),
	  .help_nl = "schoon het bestand op na een vernietiging die dat niet kon",
	  .help_en = "compact the file after a destruction that could not" },
};

static const struct cli_cmd spec = {
	.name = "retention",
	.opts = CLI_N(opts),
	.about_nl = "Toont per dossier wanneer de zorg eindigde en vanaf wanneer het vernietigd\n"
	            "moet worden (20 jaar na het einde van de zorg, 30 na een\n"
	            "kinderbeschermingsmaatregel; instellingen retention.years en\n"
	            "retention.measure_years).\n",
	.about_en = "Shows per case when care ended and from when it must be destroyed (20\n"
	            "years after care ended, 30 after a child protection measure; settings\n"
	            "retention.years and retention.measure_years).\n",
};

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
	struct args args = { NULL, today, false, false, false };
	int status = cli_parse(cli, &spec, argc, argv, &args);

	if (status >= 0)
		return status;
	status = 0;
	reason = args.reason;
	due = args.due || args.destroy;
	destroy = args.destroy;
	compact = args.compact;
	as_of = args.as_of;
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
	kr_error_init_lang(&err, cli->lang);
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
	/* every ref with its dates: one row for the read of all cases */
	if ((status = cli_audit_entry(cli, s, "retention", &(struct kr_audit_entry){
		.action = KR_AUDIT_READ, .event = "retention.list",
		.detail = due ? "cases due for destruction listed" : "retention of all cases listed" })))
		goto out;
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
		/* the tombstone's who is the operating-system user; --author is on
		 * whose behalf, with the command and its source (the audit context
		 * cli_open_store set) */
		if (kr_retention_destroy(s, v[i].ref, cli->os_user, reason, kr_now(), &compacted,
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
