/*
 * cmd_restore.c - `kring restore FILE [--replace]`: puts a backup in place
 * as the database (--db): verified first, then copied, verified again and
 * renamed into place.  An existing database is only replaced with
 * --replace, and then moved aside (DB.before-restore-<time>), never
 * deleted by kring: the command says that it holds every case of before,
 * also those destroyed afterwards, and must be deleted once the restore
 * is checked (docs/deploy.md).  Stop the server first.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/backup.h"
#include "kring/init.h"
#include "opts.h"

struct args {
	const char *src;
	bool replace;
};

static const struct cli_arg args[] = {
	{ "BESTAND", "FILE", "de reservekopie", "the backup", offsetof(struct args, src),
	  0 },
};

static const struct cli_opt opts[] = {
	{ .name = "--replace", .kind = CLI_FLAG, .at = offsetof(struct args, replace),
	  .help_nl = "vervang een bestaande database (die wordt bewaard als "
	             "DATABASE.before-restore-<tijd>; kring wist die niet, jij wel: hij houdt "
	             "ook wat later vernietigd wordt)",
	  .help_en = "replace an existing database (kept as DATABASE.before-restore-<time>; "
	             "kring does not delete it, you must: it keeps what is destroyed later "
	             "too)" },
};

static const struct cli_cmd spec = {
	.name = "restore",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Zet een reservekopie terug als de database (--db), na controle. Een\n"
	            "bestaande database wordt alleen met --replace vervangen. Stop eerst de\n"
	            "server.\n",
	.about_en = "Puts a backup back as the database (--db), after checking it. An existing\n"
	            "database is only replaced with --replace. Stop the server first.\n",
};

/* Writes the restore's row in the database it restored (the trail the
 * server goes on with): who restored it, when, and whether a database was
 * moved aside (it keeps destroyed cases: docs/deploy.md). */
static int audit_restore(struct kr_cli *cli, const char *moved)
{
	struct kr_store *s = cli_open_store(cli);
	int status;

	if (!s)
		return EXIT_DATA;
	status = cli_audit_entry(cli, s, "restore", &(struct kr_audit_entry){
		.action = KR_AUDIT_UPDATE, .event = "database.restore",
		.detail = moved ? "database restored from a backup; the previous one moved aside"
		                : "database restored from a backup" });
	kr_store_close(s);
	return status;
}

int cmd_restore(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, false };
	char *moved = NULL;
	struct kr_error err;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	kr_error_init_lang(&err, cli->lang);
	if (kr_backup_restore(a.src, cli->db_path, a.replace, kr_now(), &moved, &err)) {
		status = cli_fail("restore", &err);
	} else if ((status = audit_restore(cli, moved))) {
		fprintf(stderr, kr_tr(cli->lang, "kring restore: %s is teruggezet, maar de regel in "
		        "het logboek ontbreekt; gebruik de database pas als dat is opgelost\n",
		        "kring restore: %s is restored, but its row in the audit trail is missing; do "
		        "not use the database until that is solved\n"), cli->db_path);
	} else {
		if (moved)
			printf(kr_tr(cli->lang, "de vorige database staat nu in %s\n"
			       "Dat bestand bevat alle dossiers van voor het terugzetten, ook wat "
			       "daarna vernietigd wordt: verwijder het zodra het teruggezette bestand "
			       "is gecontroleerd, en bewaar het nooit langer dan je oudste "
			       "reservekopie (docs/deploy.md).\n",
			       "the previous database is now %s\n"
			       "That file holds every case from before the restore, also what is "
			       "destroyed afterwards: delete it once the restored database has been "
			       "checked, and never keep it longer than your oldest backup "
			       "(docs/deploy.md).\n"), moved);
		printf(kr_tr(cli->lang, "%s teruggezet als %s\n", "%s restored as %s\n"), a.src,
		       cli->db_path);
	}
	free(moved);
	kr_error_cleanup(&err);
	return status;
}
