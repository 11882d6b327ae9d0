/*
 * cmd_assign.c - `kring assign REF USER [--remove]`: gives a user access to
 * a case (or takes it away).  A worker sees only the cases assigned to
 * them, a lead the cases of their team.  The change and its audit row are
 * written in one transaction.
 */
#include <string.h>
#include <time.h>

#include "cli.h"
#include "kring/assignment.h"
#include "kring/audit.h"
#include "kring/init.h"

/* Declared here until cli/cli.h lists it with the other subcommands. */

int cmd_assign(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL, *name = NULL;
	struct kr_store *s = NULL;
	struct kr_error err;
	struct kr_audit_entry e;
	char detail[160];
	bool remove = false;
	enum kr_status rc;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring assign DOSSIER GEBRUIKER [--remove]\n"
			       "Wijst het dossier toe aan de gebruiker: die mag het dan lezen en wijzigen\n"
			       "(een teamleider ziet de dossiers van zijn team). Met --remove vervalt de\n"
			       "toewijzing. Een dossier kan aan meer mensen zijn toegewezen.\n",
			       "Usage: kring assign REF USER [--remove]\n"
			       "Assigns the case to the user, who may then read and change it (a lead\n"
			       "sees the cases of their team). --remove ends the assignment. A case\n"
			       "may be assigned to several people.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "assign", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--remove") == 0)
			remove = true;
		else if (argv[i][0] == '-')
			return cli_usage("assign", "unknown option \"%s\"", argv[i]);
		else if (!ref)
			ref = argv[i];
		else if (!name)
			name = argv[i];
		else
			return cli_usage("assign", "unexpected argument \"%s\"", argv[i]);
	}
	if (!ref || !name)
		return cli_usage("assign", "name the case and the user");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if ((rc = kr_store_begin(s, &err)))
		goto fail;
	if (remove) {
		snprintf(detail, sizeof detail, "assignment to %s ended", name);
		rc = kr_assignment_remove(s, ref, name, &err);
	} else {
		snprintf(detail, sizeof detail, "assigned to %s", name);
		rc = kr_assignment_add(s, ref, name, kr_now(), &err);
	}
	e = (struct kr_audit_entry){ .who = cli->author, .when = kr_now(),
	                             .action = remove ? KR_AUDIT_DELETE : KR_AUDIT_UPDATE,
	                             .ref = ref, .detail = detail, .access_point = "kring assign" };
	if (rc == KR_OK)
		rc = kr_audit_log(s, &e, NULL, &err);
	if (rc) {
		kr_store_end(s, false, NULL);
		goto fail;
	}
	if ((rc = kr_store_end(s, true, &err)))
		goto fail;
	if (remove)
		printf(kr_tr(cli->lang, "Dossier %s is niet meer toegewezen aan %s.\n",
		             "Case %s is no longer assigned to %s.\n"), ref, name);
	else
		printf(kr_tr(cli->lang, "Dossier %s is toegewezen aan %s.\n",
		             "Case %s is assigned to %s.\n"), ref, name);
	goto out;
fail:
	status = cli_fail("assign", &err);
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
