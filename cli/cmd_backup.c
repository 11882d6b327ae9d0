/*
 * cmd_backup.c - `kring backup FILE`: an online, consistent copy of the
 * database (backup.h: VACUUM INTO, while the server keeps writing),
 * verified on the copy (integrity_check and the audit chain).  FILE must
 * not exist yet.
 */
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/backup.h"
#include "opts.h"

struct args {
	const char *dest;
};

static const struct cli_arg args[] = {
	{ "BESTAND", "FILE", "het bestand van de reservekopie", "the backup file",
	  offsetof(struct args, dest), 0 },
};

static const struct cli_cmd spec = {
	.name = "backup",
	.args = CLI_N(args),
	.about_nl = "Maakt een reservekopie van de database terwijl de server doorwerkt, en\n"
	            "controleert de kopie (integrity_check en het logboek). BESTAND mag nog\n"
	            "niet bestaan. Zie docs/deploy.md voor een schema.\n",
	.about_en = "Makes a backup of the database while the server keeps working, and checks\n"
	            "the copy (integrity_check and the audit trail). FILE must not exist yet.\n"
	            "See docs/deploy.md for a schedule.\n",
};

int cmd_backup(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL };
	struct kr_backup_check c;
	struct kr_store *s;
	struct kr_error err;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	/* a copy of every case leaves the database: its row comes first (so
	 * the copy holds it too), and no row, no copy */
	status = cli_audit_entry(cli, s, "backup", &(struct kr_audit_entry){
		.action = KR_AUDIT_EXPORT, .event = "database.backup",
		.detail = "backup of all cases written" });
	if (status)
		goto out;
	if (kr_backup_write(s, a.dest, &c, &err))
		status = cli_fail("backup", &err);
	else
		printf(kr_tr(cli->lang, "%s: %lld dossiers, %lld logboekregels; integriteit en "
		       "logboek in orde\n", "%s: %lld cases, %lld audit rows; integrity and audit "
		       "trail verified\n"), a.dest, c.cases, c.audit_rows);
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
