/*
 * cmd_erase.c - `kring erase`: destroying a case early on a lawful request
 * (parents, a young person of 12 or older), with four eyes (retention.h):
 *   kring erase REF --reason TEXT --admin NAME   one admin asks
 *   kring erase --confirm ID --admin NAME        a second admin confirms: destroyed
 *   kring erase --withdraw ID --admin NAME       the request is withdrawn
 *   kring erase --list                           the open requests
 * Each admin proves who they are with their kring password, read as one
 * line from standard input.
 * (To be converted to the declarative option table of cli/opts.h.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/init.h"
#include "kring/retention.h"
#include "kring/session.h"

static void help(enum kr_lang lang)
{
	printf("%s", kr_tr(lang,
	       "Gebruik: kring erase DOSSIER --reason TEKST --admin NAAM\n"
	       "         kring erase --confirm NR --admin NAAM\n"
	       "         kring erase --withdraw NR --admin NAAM\n"
	       "         kring erase --list\n"
	       "Vernietigt een dossier eerder dan de bewaartermijn, op een verzoek volgens de wet.\n"
	       "Een beheerder vraagt het aan, een tweede beheerder bevestigt; pas dan wordt het\n"
	       "dossier vernietigd. Het wachtwoord van de beheerder komt van standaardinvoer.\n",
	       "Usage: kring erase REF --reason TEXT --admin NAME\n"
	       "       kring erase --confirm ID --admin NAME\n"
	       "       kring erase --withdraw ID --admin NAME\n"
	       "       kring erase --list\n"
	       "Destroys a case before its retention period ends, on a lawful request. One admin\n"
	       "asks, a second admin confirms; only then is the case destroyed. The admin's\n"
	       "password is read from standard input.\n"));
}

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

int cmd_erase(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL, *reason = NULL, *admin = NULL;
	long confirm = 0, withdraw = 0;
	bool list = false, compacted = false;
	struct kr_store *s;
	struct kr_error err;
	long long id = 0;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int g;
		if (cli_is_help(a)) {
			help(cli->lang);
			return 0;
		}
		if ((g = cli_global_opt(cli, "erase", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(a, "--list") == 0) {
			list = true;
		} else if (strcmp(a, "--reason") == 0 && i + 1 < argc) {
			reason = argv[++i];
		} else if (strcmp(a, "--admin") == 0 && i + 1 < argc) {
			admin = argv[++i];
		} else if (strcmp(a, "--confirm") == 0 && i + 1 < argc) {
			if (!cli_parse_long("erase", a, argv[++i], 1, &confirm))
				return EXIT_USAGE;
		} else if (strcmp(a, "--withdraw") == 0 && i + 1 < argc) {
			if (!cli_parse_long("erase", a, argv[++i], 1, &withdraw))
				return EXIT_USAGE;
		} else if (a[0] != '-' && !ref) {
			ref = a;
		} else {
			return cli_usage("erase", "unexpected argument \"%s\"", a);
		}
	}
	if ((ref != NULL) + (confirm > 0) + (withdraw > 0) + list != 1)
		return cli_usage("erase", "give one of REF, --confirm ID, --withdraw ID, --list");
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
		} else {
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
	if (!prove(s, admin, cli->lang)) {
		status = EXIT_DATA;
		goto out;
	}
	if (ref) {
		if (kr_erase_request(s, ref, admin, reason, kr_now(), &id, &err))
			status = cli_fail("erase", &err);
		else
			printf(kr_tr(cli->lang, "verzoek %lld: een tweede beheerder bevestigt met "
			       "kring erase --confirm %lld --admin NAAM\n", "request %lld: a second admin "
			       "confirms with kring erase --confirm %lld --admin NAME\n"), id, id);
	} else if (confirm) {
		if (kr_erase_confirm(s, confirm, admin, kr_now(), &compacted, &err)) {
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
		if (kr_erase_withdraw(s, withdraw, admin, kr_now(), &err))
			status = cli_fail("erase", &err);
		else
			printf(kr_tr(cli->lang, "verzoek %ld ingetrokken\n", "request %ld withdrawn\n"),
			       withdraw);
	}
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
