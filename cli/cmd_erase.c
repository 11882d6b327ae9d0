/*
 * cmd_erase.c - `kring erase`: destroying a case early on a lawful request
 * (parents, a young person of 12 or older), with four eyes (retention.h):
 *   kring erase REF --reason TEXT --admin NAME   one admin asks
 *   kring erase --confirm ID --admin NAME        a second admin confirms: destroyed
 *   kring erase --withdraw ID --admin NAME       the request is withdrawn
 *   kring erase --list                           the open requests
 * Each admin proves who they are with their kring password, read as one
 * line from standard input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/init.h"
#include "kring/retention.h"
#include "kring/session.h"
#include "opts.h"

struct args {
	const char *ref, *reason, *admin;
	long confirm, withdraw;
	bool list;
};

static const struct cli_arg args[] = {
	{ "DOSSIER", "REF", "het dossier", "the case", offsetof(struct args, ref), CLI_OPTIONAL },
};

static const struct cli_opt opts[] = {
	{ .name = "--reason", .kind = CLI_TEXT, .at = offsetof(struct args, reason),
	  .value_nl = "TEKST", .value_en = "TEXT",
	  .help_nl = "de wettelijke grond van het verzoek, zonder namen",
	  .help_en = "the legal ground of the request, without names" },
	{ .name = "--admin", .kind = CLI_TEXT, .at = offsetof(struct args, admin),
	  .value_nl = "NAAM", .value_en = "NAME",
	  .help_nl = "je accountnaam als beheerder; het wachtwoord komt van standaardinvoer",
	  .help_en = "your account name as admin; the password comes from standard input" },
	{ .name = "--confirm", .kind = CLI_LONG, .at = offsetof(struct args, confirm), .min = 1,
	  .max = LONG_MAX, .group = 1, .value_nl = "NR", .value_en = "ID",
	  .help_nl = "bevestig verzoek NR als tweede beheerder: het dossier wordt vernietigd",
	  .help_en = "confirm request ID as the second admin: the case is destroyed" },
	{ .name = "--withdraw", .kind = CLI_LONG, .at = offsetof(struct args, withdraw), .min = 1,
	  .max = LONG_MAX, .group = 1, .value_nl = "NR", .value_en = "ID",
	  .help_nl = "trek verzoek NR in", .help_en = "withdraw request ID" },
	{ .name = "--list", .kind = CLI_FLAG, .at = offsetof(struct args, list), .group = 1,
	  .help_nl = "toon de open verzoeken", .help_en = "list the open requests" },
};

static const struct cli_cmd spec = {
	.name = "erase",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.usage_nl = "kring erase DOSSIER --reason TEKST --admin NAAM\n"
	            "kring erase --confirm NR --admin NAAM\n"
	            "kring erase --withdraw NR --admin NAAM\n"
	            "kring erase --list\n",
	.usage_en = "kring erase REF --reason TEXT --admin NAME\n"
	            "kring erase --confirm ID --admin NAME\n"
	            "kring erase --withdraw ID --admin NAME\n"
	            "kring erase --list\n",
	.about_nl = "Vernietigt een dossier eerder dan de bewaartermijn, op een verzoek volgens\n"
	            "de wet. Een beheerder vraagt het aan, een tweede beheerder bevestigt; pas\n"
	            "dan wordt het dossier vernietigd.\n",
	.about_en = "Destroys a case before its retention period ends, on a lawful request. One\n"
	            "admin asks, a second admin confirms; only then is the case destroyed.\n",
};

/* Checks that name's password (one line of stdin) is right, through a
 * login that is ended at once.  Prints why not and returns false. */
static bool prove(struct kr_store *s, const char *name, enum kr_lang lang)
{
	char pw[256];
	struct kr_login login;
	struct kr_error err;
	size_t n;
	bool ok;

	if (!fgets(pw, sizeof pw, stdin)) {
		fprintf(stderr, "%s", kr_tr(lang, "kring erase: geef het wachtwoord op standaardinvoer\n",
		        "kring erase: give the password on standard input\n"));
		return false;
	}
	n = strlen(pw);
	while (n && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
		pw[--n] = '\0';
	kr_error_init(&err);
	ok = kr_session_login(s, name, pw, "cli", kr_now(), &login, &err) == KR_OK;
	sodium_memzero(pw, sizeof pw);
	if (ok) {
		kr_session_logout(s, login.token, NULL);
		sodium_memzero(login.token, sizeof login.token);
	} else {
		cli_fail("erase", &err);
	}
	kr_error_cleanup(&err);
	return ok;
}

/* Writes the row of a refused attempt (wrong password, the same admin
 * confirming, not an admin): who is the operating-system user, the object
 * the account named with --admin. */
static void refused(struct kr_cli *cli, struct kr_store *s, const char *event, const char *ref,
                    const char *admin, const char *detail)
{
	cli_audit_context(cli, CLI_AUDIT_ROLE);
	cli_audit_entry(cli, s, "erase", &(struct kr_audit_entry){
		.action = KR_AUDIT_FAILED, .event = event, .ref = ref,
		.object_type = KR_AUDIT_OBJECT_ACCOUNT, .object = admin, .detail = detail });
}

int cmd_erase(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL, *reason = NULL, *admin = NULL;
	long confirm = 0, withdraw = 0;
	bool list = false, compacted = false;
	struct kr_store *s;
	struct kr_error err;
	long long id = 0;
	const char *event;
	enum kr_status rc = KR_OK;
	struct args a = { NULL, NULL, NULL, 0, 0, false };
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	ref = a.ref;
	reason = a.reason;
	admin = a.admin;
	confirm = a.confirm;
	withdraw = a.withdraw;
	list = a.list;
	if ((ref != NULL) + (confirm > 0) + (withdraw > 0) + list != 1)
		return cli_usage("erase", "%s", kr_tr(cli->lang, "geef een van DOSSIER, --confirm NR, "
		                 "--withdraw NR, --list", "give one of REF, --confirm ID, --withdraw ID, "
		                 "--list"));
	if (ref && !reason)
		return cli_usage("erase", "%s", kr_tr(cli->lang, "geef --reason met de wettelijke grond",
		                 "give --reason with the legal ground"));
	if (!list && !admin)
		return cli_usage("erase", "%s", kr_tr(cli->lang, "geef --admin met je accountnaam",
		                 "give --admin with your account name"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (list) {
		struct kr_erase_request *v = NULL;
		size_t n = 0;
		if (kr_erase_list(s, &v, &n, &err)) {
			status = cli_fail("erase", &err);
		} else if (!(status = cli_audit_entry(cli, s, "erase", &(struct kr_audit_entry){
		                    .action = KR_AUDIT_READ, .event = "erase.list",
		                    .detail = "open erasure requests listed" }))) {
			for (size_t i = 0; i < n; i++) {
				char when[21];
				kr_date_timestamp(v[i].requested, when);
				printf("%lld  %-24s %s  %s  %s\n", v[i].id, v[i].ref, when, v[i].requested_by,
				       v[i].reason);
			}
		}
		free(v);
		goto out;
	}
	event = ref ? "erase.request" : confirm ? "erase.confirm" : "erase.withdraw";
	if (!prove(s, admin, cli->lang)) {
		refused(cli, s, event, ref, admin, "erasure refused: the password did not prove "
		        "the admin");
		status = EXIT_DATA;
		goto out;
	}
	/* the rows the library writes: the admin proved by password as who,
	 * with the command, its source (the operating-system user) and role */
	if ((status = cli_audit_context(cli, "admin")))
		goto out;
	if (ref) {
		if ((rc = kr_erase_request(s, ref, admin, reason, kr_now(), &id, &err)))
			status = cli_fail("erase", &err);
		else
			printf(kr_tr(cli->lang, "verzoek %lld: een tweede beheerder bevestigt met "
			       "kring erase --confirm %lld --admin NAAM\n", "request %lld: a second admin "
			       "confirms with kring erase --confirm %lld --admin NAME\n"), id, id);
	} else if (confirm) {
		if ((rc = kr_erase_confirm(s, confirm, admin, kr_now(), &compacted, &err))) {
			status = cli_fail("erase", &err);
		} else {
			printf(kr_tr(cli->lang, "verzoek %ld bevestigd: het dossier is vernietigd\n",
			       "request %ld confirmed: the case is destroyed\n"), confirm);
			if (!compacted)
				fprintf(stderr, "%s", kr_tr(cli->lang,
				        "kring erase: het bestand is nog niet opgeschoond (in gebruik); draai "
				        "kring retention --compact als het rustig is\n", "kring erase: the file is "
				        "not compacted yet (in use); run kring retention --compact when it is "
				        "quiet\n"));
		}
	} else {
		if ((rc = kr_erase_withdraw(s, withdraw, admin, kr_now(), &err)))
			status = cli_fail("erase", &err);
		else
			printf(kr_tr(cli->lang, "verzoek %ld ingetrokken\n", "request %ld withdrawn\n"),
			       withdraw);
	}
	if (rc == KR_EPERM)
		refused(cli, s, event, ref, admin, "erasure refused: a second, enabled admin must "
		        "confirm");
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
