/*
 * cmd_assign.c - `kring assign REF USER [--remove]`: gives a user access to
 * a case (or takes it away).  A worker sees only the cases assigned to
 * them, a lead the cases of their team.  The change and its audit row (the
 * system user, on behalf of --author when given) are written in one
 * transaction.
 */
#include "cli.h"
#include "kring/assignment.h"
#include "kring/audit.h"
#include "kring/init.h"
#include "opts.h"

struct args {
	const char *ref, *name;
	bool remove;
};

static const struct cli_arg args[] = {
	CLI_ARG_REF(struct args, ref),
	{ "GEBRUIKER", "USER", "de gebruiker", "the user", offsetof(struct args, name), 0 },
};

static const struct cli_opt opts[] = {
	{ .name = "--remove", .kind = CLI_FLAG, .at = offsetof(struct args, remove),
	  .help_nl = "beëindig de toewijzing", .help_en = "end the assignment" },
};

static const struct cli_cmd spec = {
	.name = "assign",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Wijst het dossier toe aan de gebruiker: die mag het dan lezen en wijzigen\n"
	            "(een teamleider ziet de dossiers van zijn team). Een dossier kan aan meer\n"
	            "mensen zijn toegewezen. De wijziging en haar regel in het logboek worden\n"
	            "samen bewaard.\n",
	.about_en = "Assigns the case to the user, who may then read and change it (a lead\n"
	            "sees the cases of their team). A case may be assigned to several people.\n"
	            "The change and its audit row are kept together.\n",
};

int cmd_assign(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL, false };
	struct kr_store *s = NULL;
	struct kr_error err;
	char detail[160];
	enum kr_status rc;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if ((rc = kr_store_begin(s, &err)))
		goto fail;
	if (a.remove) {
		snprintf(detail, sizeof detail, "assignment to %s ended", a.name);
		rc = kr_assignment_remove(s, a.ref, a.name, &err);
	} else {
		snprintf(detail, sizeof detail, "assigned to %s", a.name);
		rc = kr_assignment_add(s, a.ref, a.name, kr_now(), &err);
	}
	if (rc) {
		kr_store_end(s, false, NULL);
		goto fail;
	}
	if ((status = cli_audit(cli, s, "assign", a.remove ? KR_AUDIT_DELETE : KR_AUDIT_UPDATE,
	                        a.ref, detail))) {
		kr_store_end(s, false, NULL);
		goto out;
	}
	if ((rc = kr_store_end(s, true, &err)))
		goto fail;
	if (a.remove)
		printf(kr_tr(cli->lang, "Dossier %s is niet meer toegewezen aan %s.\n",
		             "Case %s is no longer assigned to %s.\n"), a.ref, a.name);
	else
		printf(kr_tr(cli->lang, "Dossier %s is toegewezen aan %s.\n",
		             "Case %s is assigned to %s.\n"), a.ref, a.name);
	goto out;
fail:
	status = cli_fail("assign", &err);
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
