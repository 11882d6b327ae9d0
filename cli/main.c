/*
 * main.c - the `kring` command: global options, then one subcommand from
 * the table below.  Each subcommand is a thin front door over libkring
 * (cli/cmd_<name>.c); this file only dispatches.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opts.h"

static const struct command {
	const char *name;
	int (*fn)(struct kr_cli *, int, char **);
	const char *nl, *en;
} commands[] = {
	{ "init", cmd_init, "maak een lege database", "create an empty database" },
	{ "import", cmd_import, "lees dossiers (kring-case/1) in", "import case documents" },
	{ "export", cmd_export, "schrijf een dossier als JSON", "write a case as JSON" },
	{ "list", cmd_list, "toon alle dossiers", "list all cases" },
	{ "show", cmd_show, "toon een overzicht van een dossier", "show a case overview" },
	{ "signals", cmd_signals, "toon de signalen van een dossier", "show a case's signals" },
	{ "stats", cmd_stats, "toon cijfers zonder personen over alle dossiers",
	  "show figures without persons over all cases" },
	{ "report", cmd_report, "toon de monitor of de startfoto (cijfers zonder namen)",
	  "show the embedding monitor or the startfoto (figures without names)" },
	{ "reindex", cmd_reindex, "bereken de opgeslagen feiten opnieuw",
	  "compute the stored facts again" },
	{ "settings", cmd_settings, "toon of wijzig de drempels", "show or change thresholds" },
	{ "history", cmd_history, "toon de versies van een dossier", "show a case's revisions" },
	{ "render", cmd_render, "teken een instrument (svg, pdf, png)",
	  "draw an instrument (svg, pdf, png)" },
	{ "metrics", cmd_metrics, "toon netwerkcijfers van een dossier",
	  "show a case's network metrics" },
	{ "export-scan", cmd_export_scan, "schrijf de Community Scan als Excel-bestand",
	  "write the Community Scan as an Excel workbook" },
	{ "user", cmd_user, "beheer accounts (toevoegen, blokkeren, wachtwoord)",
	  "manage accounts (add, disable, password)" },
	{ "family", cmd_family, "het register van pleeggezinnen (import, list, show, export)",
	  "the register of foster families (import, list, show, export)" },
	{ "familyplan", cmd_familyplan, "het gezinsplan van broers en zussen (import, list, show, "
	  "export)", "the family plan of siblings (import, list, show, export)" },
	{ "assign", cmd_assign, "wijs een dossier toe aan een medewerker",
	  "assign a case to a worker" },
	{ "audit", cmd_audit, "toon of controleer het logboek van inzage en wijzigingen",
	  "show or verify the audit trail" },
	{ "retention", cmd_retention, "toon en vernietig wat de bewaartermijn voorbij is",
	  "list and destroy what is past its retention period" },
	{ "erase", cmd_erase, "vernietig een dossier op verzoek (twee beheerders)",
	  "destroy a case on request (two admins)" },
	{ "backup", cmd_backup, "maak een gecontroleerde reservekopie", "make a verified backup" },
	{ "restore", cmd_restore, "zet een reservekopie terug", "restore a backup" },
	{ "serve", cmd_serve, "start de webserver (API en browser)", "start the web server (API, browser)" },
	{ "generate", cmd_generate, "maak synthetische dossiers", "generate synthetic cases" },
};

static void usage(FILE *f, enum kr_lang lang)
{
	fprintf(f, "%s", kr_tr(lang,
	        "Gebruik: kring [--db BESTAND] [--lang nl|en] [--author NAAM] OPDRACHT ...\n\n"
	        "Opdrachten:\n",
	        "Usage: kring [--db FILE] [--lang nl|en] [--author NAME] COMMAND ...\n\n"
	        "Commands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, kr_tr(lang, commands[i].nl, commands[i].en));
	fprintf(f, "%s", kr_tr(lang, "\nAlgemene opties (ook na de opdracht):\n",
	                       "\nGlobal options (also after the command):\n"));
	cli_global_help(lang, f);
	fprintf(f, "%s", kr_tr(lang,
	        "\nDe sleutel van het logboek staat naast de database (DATABASE.audit-key),\n"
	        "of in $KRING_AUDIT_KEY, of --audit-key.\n"
	        "kring OPDRACHT --help vertelt meer over een opdracht.\n",
	        "\nThe audit trail's key is next to the database (DATABASE.audit-key), or in\n"
	        "$KRING_AUDIT_KEY, or --audit-key.\n"
	        "kring COMMAND --help tells more about a command.\n"));
}

/* The operating-system user running kring: the `who` of its audit rows. */
static const char *os_user(void)
{
	static char buf[32];
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	snprintf(buf, sizeof buf, "uid:%ld", (long)getuid());
	return buf;
}

int main(int argc, char **argv)
{
	struct kr_cli cli;
	const char *env;
	int i = 1;

	memset(&cli, 0, sizeof cli);
	env = getenv("KRING_DB");
	cli.db_path = env && *env ? env : "kring.db";
	if (kr_lang_parse(getenv("KRING_LANG"), &cli.lang))
		cli.lang = KR_LANG_NL;
	cli.os_user = os_user();
	env = getenv("KRING_USER");
	cli.author_given = env && *env;
	cli.author = cli.author_given ? env : cli.os_user;
	env = getenv("KRING_AUDIT_KEY");
	cli.audit_key = env && *env ? env : NULL;
	cli_configure(&cli);

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		int g;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout, cli.lang);
			return 0;
		}
		if ((g = cli_global_opt(&cli, "", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g == 0) {
			fprintf(stderr, kr_tr(cli.lang, "kring: onbekende optie \"%s\"\n",
			                      "kring: unknown option \"%s\"\n"), a);
			usage(stderr, cli.lang);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr, cli.lang);
		return EXIT_USAGE;
	}
	for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
		if (strcmp(argv[i], commands[k].name) == 0) {
			cli.cmd = commands[k].name;
			return commands[k].fn(&cli, argc - i, argv + i);
		}
	fprintf(stderr, kr_tr(cli.lang, "kring: onbekende opdracht \"%s\"\n",
	                      "kring: unknown command \"%s\"\n"), argv[i]);
	usage(stderr, cli.lang);
	return EXIT_USAGE;
}
