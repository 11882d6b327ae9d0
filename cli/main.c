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
	{ "assign", cmd_assign, "wijs een dossier toe aan een medewerker",
	  "assign a case to a worker" },
	{ "audit", cmd_audit, "toon of controleer het logboek van inzage en wijzigingen",
	  "show or verify the audit trail" },
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
	fprintf(f, "%s", kr_tr(lang,
	        "\nDe database is ./kring.db, of $KRING_DB, of --db.\n"
	        "kring OPDRACHT --help vertelt meer over een opdracht.\n",
	        "\nThe database is ./kring.db, or $KRING_DB, or --db.\n"
	        "kring COMMAND --help tells more about a command.\n"));
}

static const char *default_author(void)
{
	const char *s = getenv("KRING_USER");
	struct passwd *pw;
	if (s && *s)
		return s;
	pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "unknown";
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
	cli.author = default_author();

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (cli_is_help(a)) {
			usage(stdout, cli.lang);
			return 0;
		} else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
			cli.db_path = argv[++i];
		} else if (strcmp(a, "--lang") == 0 && i + 1 < argc) {
			if (kr_lang_parse(argv[++i], &cli.lang)) {
				fprintf(stderr, "kring: --lang takes nl or en, not \"%s\"\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--author") == 0 && i + 1 < argc) {
			cli.author = argv[++i];
		} else {
			fprintf(stderr, "kring: unknown option \"%s\"\n", a);
			usage(stderr, cli.lang);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr, cli.lang);
		return EXIT_USAGE;
	}
	cli_configure(&cli);
	for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
		if (strcmp(argv[i], commands[k].name) == 0)
			return commands[k].fn(&cli, argc - i, argv + i);
	fprintf(stderr, "kring: unknown command \"%s\"\n", argv[i]);
	usage(stderr, cli.lang);
	return EXIT_USAGE;
}
