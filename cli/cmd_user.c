/*
 * cmd_user.c - `kring user`: the accounts of the server (add, disable,
 * enable, passwd, list).  Passwords are read from standard input when it is
 * not a terminal (the first line, newline stripped), otherwise asked twice
 * without echo.  Every change is written to the audit trail in the same
 * transaction, with the operating-system user as who (and --author, when
 * given, as on whose behalf).
 */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "kring/account.h"
#include "kring/audit.h"
#include "kring/init.h"
#include "kring/password.h"
#include "opts.h"

#define PW_BUF 1024   /* more than 128 code points of 4 bytes */

struct args {
	const char *verb, *name, *team, *role;
};

static const struct cli_arg args[] = {
	{ "ACTIE", "ACTION", "wat er moet gebeuren: add, disable, enable, passwd of list",
	  "what to do: add, disable, enable, passwd or list", offsetof(struct args, verb), 0 },
	{ "NAAM", "NAME", "het account", "the account", offsetof(struct args, name),
	  CLI_OPTIONAL },
};

static const struct cli_opt opts[] = {
	{ .name = "--role", .kind = CLI_TEXT, .at = offsetof(struct args, role),
	  .value_nl = "worker|lead|analyst|admin", .value_en = "worker|lead|analyst|admin",
	  .help_nl = "add: de rol van het nieuwe account", .help_en = "add: the new account's role" },
	{ .name = "--team", .kind = CLI_TEXT, .at = offsetof(struct args, team),
	  .value_nl = "TEAM", .value_en = "TEAM",
	  .help_nl = "add: het team (voor een teamleider en zijn medewerkers)",
	  .help_en = "add: the team (for a lead and their workers)" },
};

static const struct cli_cmd spec = {
	.name = "user",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.usage_nl =
	       "Gebruik:\n"
	       "  kring user add NAAM --role worker|lead|analyst|admin [--team TEAM]\n"
	       "  kring user disable NAAM      zet een account uit en beëindigt zijn sessies\n"
	       "  kring user enable NAAM       zet een account weer aan\n"
	       "  kring user passwd NAAM       nieuw wachtwoord (beëindigt alle sessies)\n"
	       "  kring user list              toont alle accounts\n\n",
	.usage_en =
	       "Usage:\n"
	       "  kring user add NAME --role worker|lead|analyst|admin [--team TEAM]\n"
	       "  kring user disable NAME      disables an account and ends its sessions\n"
	       "  kring user enable NAME       enables an account again\n"
	       "  kring user passwd NAME       sets a new password (ends all sessions)\n"
	       "  kring user list              lists all accounts\n\n",
	.about_nl =
	       "Rollen: worker ziet de dossiers die aan hem zijn toegewezen, lead die van zijn\n"
	       "team, analyst alleen cijfers zonder personen, admin beheert accounts.\n"
	       "Het wachtwoord (12 tot 128 tekens) komt van standaardinvoer als dat geen\n"
	       "terminal is (de eerste regel); anders vraagt kring er twee keer om.\n"
	       "Er zijn geen standaardaccounts. Elke wijziging staat in het logboek, met de\n"
	       "gebruiker van het systeem (en --author als je die noemt).\n",
	.about_en =
	       "Roles: a worker sees the cases assigned to them, a lead those of their team,\n"
	       "an analyst only figures without persons, an admin manages accounts.\n"
	       "The password (12 to 128 characters) is read from standard input when that is\n"
	       "not a terminal (the first line); otherwise kring asks for it twice.\n"
	       "There are no default accounts. Every change is in the audit trail, with the\n"
	       "system user (and --author when you give one).\n",
};

/* Reads one line of at most PW_BUF - 1 bytes from f into buf without the
 * newline.  Returns 0, 1 when the line is too long (the rest is consumed),
 * or -1 at end of input with nothing read. */
static int read_line(FILE *f, char *buf)
{
	size_t n = 0;
	int c, any = 0, over = 0;

	while ((c = getc(f)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (n + 1 < PW_BUF)
			buf[n++] = (char)c;
		else
			over = 1;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (!any)
		return -1;
	return over;
}

/* Asks for a line on the terminal without echo. */
static int ask(const char *prompt, char *buf)
{
	struct termios old, quiet;
	int r, restore;

	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	restore = tcgetattr(STDIN_FILENO, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	r = read_line(stdin, buf);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return r;
}

/* Gets the new password for user name into pw and checks the rules.
 * Returns 0 or the exit status after printing why not. */
static int get_password(struct kr_cli *cli, const char *cmd, const char *name, char *pw)
{
	char again[PW_BUF];
	enum kr_password_verdict v;
	int r;

	if (!isatty(STDIN_FILENO)) {
		r = read_line(stdin, pw);
	} else {
		r = ask(kr_tr(cli->lang, "Nieuw wachtwoord: ", "New password: "), pw);
		if (r == 0) {
			r = ask(kr_tr(cli->lang, "Nog een keer: ", "Once more: "), again);
			if (r == 0 && strcmp(pw, again) != 0) {
				sodium_memzero(again, sizeof again);
				fprintf(stderr, "kring %s: %s\n", cmd, kr_tr(cli->lang,
				        "de twee wachtwoorden zijn niet gelijk",
				        "the two passwords differ"));
				return EXIT_DATA;
			}
			sodium_memzero(again, sizeof again);
		}
	}
	if (r < 0) {
		fprintf(stderr, "kring %s: %s\n", cmd, kr_tr(cli->lang,
		        "geen wachtwoord gekregen", "no password given"));
		return EXIT_DATA;
	}
	v = r > 0 ? KR_PASSWORD_LONG : kr_password_check(name, pw);
	if (v != KR_PASSWORD_OK) {
		fprintf(stderr, "kring %s: %s\n", cmd, kr_password_message(v, cli->lang));
		return EXIT_DATA;
	}
	return 0;
}

/* Ends one account change (rc) with its audit row in one transaction.
 * Returns 0, or the exit status after the change was rolled back; the
 * caller reports rc != KR_OK. */
static int audited(struct kr_store *s, struct kr_cli *cli, char action, const char *detail,
                   enum kr_status *rc, struct kr_error *err)
{
	int status;
	if (*rc != KR_OK) {
		kr_store_end(s, false, NULL);
		return EXIT_DATA;
	}
	if ((status = cli_audit(cli, s, "user", action, NULL, detail))) {
		kr_store_end(s, false, NULL);
		return status;
	}
	*rc = kr_store_end(s, true, err);
	return *rc ? EXIT_DATA : 0;
}

static int list(struct kr_cli *cli, struct kr_store *s)
{
	struct kr_user *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = 0;

	kr_error_init(&err);
	if (kr_account_list(s, &v, &n, &err)) {
		status = cli_fail("user", &err);
	} else if (n == 0) {
		printf("%s\n", kr_tr(cli->lang, "Er zijn nog geen accounts (kring user add).",
		                     "There are no accounts yet (kring user add)."));
	} else {
		printf("%-24s %-8s %-20s %s\n", kr_tr(cli->lang, "naam", "name"),
		       kr_tr(cli->lang, "rol", "role"), "team", "status");
		for (size_t i = 0; i < n; i++)
			printf("%-24s %-8s %-20s %s\n", v[i].name, kr_account_role_name(v[i].role),
			       v[i].team[0] ? v[i].team : "-",
			       v[i].disabled ? kr_tr(cli->lang, "uit", "disabled")
			                     : kr_tr(cli->lang, "actief", "active"));
	}
	free(v);
	kr_error_cleanup(&err);
	return status;
}

/* The usage error for an unknown role, naming the roles the library knows. */
static int bad_role(struct kr_cli *cli, const char *role)
{
	char list[128] = "";
	size_t n = 0;

	for (int i = 0; i < KR_ACCOUNT_ROLES; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
		                      i == 0 ? "" : i + 1 < KR_ACCOUNT_ROLES ? ", "
		                      : kr_tr(cli->lang, " of ", " or "),
		                      kr_account_role_name((enum kr_account_role)i));
	return cli_usage("user", kr_tr(cli->lang, "--role: kies %s, niet \"%s\"",
	                 "--role: use %s, not \"%s\""), list, role);
}

int cmd_user(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL, NULL, NULL };
	const char *verb, *name, *team;
	enum kr_account_role role = KR_ACCOUNT_WORKER;
	struct kr_store *s = NULL;
	struct kr_error err;
	char pw[PW_BUF] = "", detail[160];
	enum kr_status rc = KR_OK;
	int status = cli_parse(cli, &spec, argc, argv, &a);
	bool is_list;

	if (status >= 0)
		return status;
	status = 0;
	verb = a.verb;
	name = a.name;
	team = a.team;
	is_list = strcmp(verb, "list") == 0;
	if (!is_list && strcmp(verb, "add") && strcmp(verb, "disable") &&
	    strcmp(verb, "enable") && strcmp(verb, "passwd"))
		return cli_usage("user", kr_tr(cli->lang, "onbekende actie \"%s\" (add, disable, "
		                 "enable, passwd, list)", "unknown action \"%s\" (add, disable, "
		                 "enable, passwd, list)"), verb);
	if (is_list && name)
		return cli_usage("user", "%s", kr_tr(cli->lang, "list neemt geen naam",
		                 "list takes no name"));
	if (!is_list && !name)
		return cli_usage("user", "%s", kr_tr(cli->lang, "noem het account",
		                 "name the account"));
	if ((a.role || team) && strcmp(verb, "add"))
		return cli_usage("user", "%s", kr_tr(cli->lang, "--role en --team horen bij add",
		                 "--role and --team go with add"));
	if (strcmp(verb, "add") == 0) {
		if (!a.role)
			return cli_usage("user", "%s", kr_tr(cli->lang,
			                 "add heeft --role worker|lead|analyst|admin nodig",
			                 "add needs --role worker|lead|analyst|admin"));
		if (kr_account_role_parse(a.role, &role))
			return bad_role(cli, a.role);
		if (!kr_account_name_valid(name))
			return cli_usage("user", "%s", kr_tr(cli->lang,
			                 "een naam heeft 2 tot 64 tekens: letters, cijfers en . _ @ -",
			                 "a name has 2 to 64 characters: letters, digits and . _ @ -"));
		if (team && *team && !kr_account_name_valid(team))
			return cli_usage("user", "%s", kr_tr(cli->lang,
			                 "een team heeft 2 tot 64 tekens: letters, cijfers en . _ @ -",
			                 "a team has 2 to 64 characters: letters, digits and . _ @ -"));
	}

	kr_error_init(&err);
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (strcmp(verb, "list") == 0) {
		status = list(cli, s);
		goto out;
	}
	if (strcmp(verb, "passwd") == 0 &&
	    (rc = kr_account_get(s, name, &(struct kr_user){ 0 }, &err)))
		goto fail;
	if ((strcmp(verb, "add") == 0 || strcmp(verb, "passwd") == 0) &&
	    (status = get_password(cli, "user", name, pw)))
		goto out;
	if ((rc = kr_store_begin(s, &err)))
		goto fail;
	if (strcmp(verb, "add") == 0) {
		snprintf(detail, sizeof detail, "account %s added (%s%s%s)", name,
		         kr_account_role_name(role), team && *team ? ", team " : "",
		         team && *team ? team : "");
		rc = kr_account_add(s, name, role, team, pw, kr_now(), NULL, &err);
		status = audited(s, cli, KR_AUDIT_CREATE, detail, &rc, &err);
	} else if (strcmp(verb, "passwd") == 0) {
		snprintf(detail, sizeof detail, "password of account %s changed", name);
		rc = kr_account_set_password(s, name, pw, kr_now(), &err);
		status = audited(s, cli, KR_AUDIT_UPDATE, detail, &rc, &err);
	} else {
		bool off = strcmp(verb, "disable") == 0;
		snprintf(detail, sizeof detail, "account %s %s", name, off ? "disabled" : "enabled");
		rc = kr_account_set_disabled(s, name, off, kr_now(), &err);
		status = audited(s, cli, KR_AUDIT_UPDATE, detail, &rc, &err);
	}
	if (rc)
		goto fail;
	if (status)
		goto out;
	if (strcmp(verb, "add") == 0)
		printf(kr_tr(cli->lang, "Account %s gemaakt (%s).\n", "Account %s created (%s).\n"),
		       name, kr_account_role_name(role));
	else if (strcmp(verb, "passwd") == 0)
		printf(kr_tr(cli->lang, "Wachtwoord van %s gewijzigd; alle sessies zijn beëindigd.\n",
		             "Password of %s changed; all sessions have ended.\n"), name);
	else if (strcmp(verb, "disable") == 0)
		printf(kr_tr(cli->lang, "Account %s staat uit; alle sessies zijn beëindigd.\n",
		             "Account %s is disabled; all sessions have ended.\n"), name);
	else
		printf(kr_tr(cli->lang, "Account %s staat weer aan.\n", "Account %s is enabled.\n"),
		       name);
	goto out;
fail:
	if (rc == KR_ENOTFOUND)
		fprintf(stderr, "kring user: %s\n", kr_tr(cli->lang, "dat account bestaat niet",
		                                          "no such account"));
	else if (rc == KR_ECONFLICT && strcmp(verb, "add") == 0)
		fprintf(stderr, "kring user: %s\n", kr_tr(cli->lang, "dat account bestaat al",
		                                          "that account exists already"));
	else
		cli_fail("user", &err);
	status = err.code == KR_EUSAGE ? EXIT_USAGE : EXIT_DATA;
out:
	sodium_memzero(pw, sizeof pw);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
