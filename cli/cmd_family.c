/*
 * cmd_family.c - `kring family import FILE... | list | show ID | export ID |
 * history ID`:
 * the register of foster families and family homes (docs/foster-families.md,
 * the format kring-family/1).  import validates every document completely
 * (its format and its worker's account, every problem at once) and stores
 * each as the family's next revision, all files in one transaction or
 * none; list shows every family with
 * its capacity, use and vacancies on a day; show one family with its
 * household, the ages of its members and the cases placed there; export
 * writes the document back; history tells every revision with what changed
 * in words (kr_family_history).  The command acts for the operator, like the
 * other commands; every read and write has its audit row (no case ref, the
 * family's id in the detail), a write in the same transaction.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "kring/account.h"
#include "kring/assignment.h"
#include "kring/audit.h"
#include "kring/buf.h"
#include "kring/enum.h"
#include "kring/diff.h"
#include "kring/family.h"
#include "kring/family_history.h"
#include "kring/init.h"
#include "opts.h"

struct args {
	const char *verb, *out;
	struct cli_list what;
	long as_of;
	int format;
};

static const struct cli_arg args[] = {
	{ "ACTIE", "ACTION", "wat er moet gebeuren: import, list, show, export of history",
	  "what to do: import, list, show, export or history", offsetof(struct args, verb), 0 },
	{ "BESTAND|ID", "FILE|ID", "de bestanden (import) of het pleeggezin (show, export, "
	  "history)", "the files (import) or the family (show, export, history)",
	  offsetof(struct args, what),
	  CLI_OPTIONAL | CLI_MANY },
};

static const struct cli_opt opts[] = {
	{ .name = "--as-of", .kind = CLI_DAY, .at = offsetof(struct args, as_of),
	  .help_nl = "list, show: de dag waarop bezetting en leeftijden gelden (standaard vandaag)",
	  .help_en = "list, show: the day use and ages hold for (default today)" },
	CLI_OPT_FORMAT(struct args, format),
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, out),
	  .help_nl = "export: schrijf naar BESTAND (heel of helemaal niet); standaard naar het "
	             "scherm",
	  .help_en = "export: write to FILE (whole or not at all); by default to standard output" },
};

static const struct cli_cmd spec = {
	.name = "family",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.usage_nl =
	       "Gebruik:\n"
	       "  kring family import BESTAND...  zet pleeggezinnen (kring-family/1) in het register\n"
	       "  kring family list               toont alle pleeggezinnen met plaatsen en bezetting\n"
	       "  kring family show ID            toont een pleeggezin: huishouden, leeftijden, "
	       "plaatsingen\n"
	       "  kring family export ID [-o BESTAND]   schrijft het document als JSON\n"
	       "  kring family history ID         vertelt wat er in elke versie veranderde\n\n",
	.usage_en =
	       "Usage:\n"
	       "  kring family import FILE...     puts foster families (kring-family/1) in the "
	       "register\n"
	       "  kring family list               lists every family with its places and use\n"
	       "  kring family show ID            shows a family: household, ages, placements\n"
	       "  kring family export ID [-o FILE]   writes the document as JSON\n"
	       "  kring family history ID         tells what changed in each revision\n\n",
	.about_nl =
	       "Het register van pleeggezinnen en gezinshuizen. Een plaatsing in een dossier\n"
	       "noemt haar pleeggezin met placements[].family; dat pleeggezin moet eerst in het\n"
	       "register staan. Een import van een bekend id wordt een nieuwe versie. Alle\n"
	       "bestanden van een import zijn een geheel: als er een fout in zit, wordt niets\n"
	       "opgeslagen.\n",
	.about_en =
	       "The register of foster families and family homes. A placement of a case names\n"
	       "its family with placements[].family; the family must be in the register first.\n"
	       "Importing a known id adds a new revision. The files of one import are one\n"
	       "unit: if any has a problem, nothing is stored.\n",
};

/* Adds to err, which holds the format problems of the family document
 * text, the problem with its worker.account (an account that does not
 * exist), so that every problem is said at once: kr_family_put checks the
 * account only for a document without other problems. */
static void account_problem(struct kr_cli *cli, struct kr_store *s, const char *text,
                            size_t len, struct kr_error *err)
{
	json_t *doc = json_loadb(text, len, 0, NULL);
	const char *acct = json_string_value(json_object_get(json_object_get(doc, "worker"),
	                                                     "account"));
	size_t n;

	(void)cli;
	if (acct && kr_account_name_valid(acct) &&
	    kr_family_worker_check(s, acct, err) == KR_EINVAL) {
		n = err->ndetails + err->ndropped;
		kr_error_say(err, KR_EINVAL, n == 1 ? "het pleeggezin heeft %zu probleem" :
		             "het pleeggezin heeft %zu problemen", n == 1 ?
		             "the foster family document has %zu problem" :
		             "the foster family document has %zu problems", n);
	}
	json_decref(doc);
}

/* Prints err as "FILE: message" and "FILE: path: problem" lines. */
static void file_problems(struct kr_cli *cli, const char *path, const struct kr_error *err)
{
	fprintf(stderr, "%s: %s\n", path, err->message);
	for (size_t k = 0; k < err->ndetails; k++)
		fprintf(stderr, "%s: %s\n", path, err->details[k]);
	if (err->ndropped)
		fprintf(stderr, kr_tr(cli->lang, "%s: ... en nog %zu problemen\n",
		        "%s: ... and %zu more problems\n"), path, err->ndropped);
}

/* Imports the files as one unit: every document is checked completely
 * (its format and its worker's account), and only when all are valid is
 * anything kept, each family as its next revision with its audit row, in
 * one transaction. */
static int import(struct kr_cli *cli, struct kr_store *s, const struct cli_list *files)
{
	struct kr_error err;
	struct kr_buf said;
	int status = 0, bad = 0;

	kr_error_init_lang(&err, cli->lang);
	kr_buf_init(&said, 1u << 20);
	if (kr_store_begin(s, &err)) {
		status = cli_fail("family", &err);
		goto out;
	}
	for (int i = 0; i < files->n && !status; i++) {
		const char *path = files->v[i];
		struct kr_family *f = NULL;
		char detail[160];
		size_t len;
		long rev = 0;
		enum kr_status rc;
		char *text = cli_read_file(cli, "family", path, KR_FAMILY_MAX_BYTES, &len);

		kr_error_cleanup(&err);
		if (!text) {
			bad++;
			continue;
		}
		rc = kr_family_read(text, len, &f, &err);
		if (rc == KR_EINVAL)
			account_problem(cli, s, text, len, &err);
		else if (!rc)
			rc = kr_family_put(s, f, cli->author, 0, kr_now(), &rev, &err);
		if (rc) {
			bad++;
			file_problems(cli, path, &err);
			if (rc != KR_EINVAL && rc != KR_ETOOBIG && rc != KR_EIO)
				status = EXIT_DATA;
		} else if (!bad) {
			snprintf(detail, sizeof detail, "foster family %s stored as revision %ld", f->id,
			         rev);
			status = cli_audit(cli, s, "family", rev == 1 ? KR_AUDIT_CREATE :
			                   KR_AUDIT_UPDATE, NULL, detail);
			kr_buf_printf(&said, kr_tr(cli->lang, "%s: pleeggezin %s opgeslagen als versie "
			              "%ld\n", "%s: foster family %s stored as revision %ld\n"), path,
			              f->id, rev);
		}
		kr_family_free(f);
		free(text);
	}
	if (bad || status) {
		kr_store_end(s, false, NULL);
		if (bad)
			fprintf(stderr, kr_tr(cli->lang,
			        "kring family import: %d document(en) afgekeurd; er is niets opgeslagen\n",
			        "kring family import: %d document(s) rejected; nothing was stored\n"),
			        bad);
		status = EXIT_DATA;
		goto out;
	}
	kr_error_cleanup(&err);
	if (kr_store_end(s, true, &err)) {
		status = cli_fail("family", &err);
		goto out;
	}
	if (said.data)
		fputs(said.data, stdout);
out:
	kr_buf_cleanup(&said);
	kr_error_cleanup(&err);
	return status;
}

static const char *num(char *buf, size_t n, int v)
{
	if (v < 0)
		return "-";
	snprintf(buf, n, "%d", v);
	return buf;
}

static int list(struct kr_cli *cli, struct kr_store *s, long day, bool json)
{
	struct kr_family_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = 0;
	char cap[16];

	kr_error_init_lang(&err, cli->lang);
	if (kr_family_list(s, NULL, day, &v, &n, &err)) {
		status = cli_fail("family", &err);
		goto out;
	}
	if ((status = cli_audit(cli, s, "family", KR_AUDIT_READ, NULL, "foster family register "
	                        "listed")))
		goto out;
	if (json) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_pack("{s:s, s:s, s:s?, s:I, s:s, s:s, s:s, s:i, s:i, s:i}",
			                      "id", v[i].id, "name", v[i].name, "worker",
			                      v[i].worker[0] ? v[i].worker : NULL, "revision",
			                      (json_int_t)v[i].revision,
			                      "kind", kr_enum_name(KR_ENUM_FAMILY_KIND, v[i].kind),
			                      "care", kr_enum_name(KR_ENUM_FAMILY_CARE, v[i].care),
			                      "availability", kr_enum_name(KR_ENUM_AVAILABILITY,
			                                                   v[i].availability),
			                      "capacity", v[i].capacity, "in_use", v[i].in_use,
			                      "vacancies", v[i].vacancies);
			char *t = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
			printf("%s%s", i ? ",\n " : "", t ? t : "null");
			free(t);
			json_decref(o);
		}
		printf("]\n");
		goto out;
	}
	if (n == 0) {
		printf("%s\n", kr_tr(cli->lang, "Er staan nog geen pleeggezinnen in het register "
		                     "(kring family import).", "The register holds no foster "
		                     "families yet (kring family import)."));
		goto out;
	}
	printf("%-12s %-30s %-20s %-14s %7s %7s %7s\n", "id", kr_tr(cli->lang, "naam", "name"),
	       kr_tr(cli->lang, "soort", "kind"), kr_tr(cli->lang, "beschikbaar", "available"),
	       kr_tr(cli->lang, "plaatsen", "places"), kr_tr(cli->lang, "bezet", "in use"),
	       kr_tr(cli->lang, "vrij", "free"));
	for (size_t i = 0; i < n; i++)
		printf("%-12s %-30s %-20s %-14s %7s %7d %7d\n", v[i].id, v[i].name[0] ? v[i].name : "-",
		       v[i].kind ? kr_enum_label(KR_ENUM_FAMILY_KIND, v[i].kind, cli->lang) : "-",
		       v[i].availability ? kr_enum_label(KR_ENUM_AVAILABILITY, v[i].availability,
		                                         cli->lang) : "-",
		       num(cap, sizeof cap, v[i].capacity), v[i].in_use, v[i].vacancies);
out:
	free(v);
	kr_error_cleanup(&err);
	return status;
}

static void show_text(struct kr_cli *cli, const struct kr_family *f, long rev, int in_use,
                      long day, char **refs, char **pls, size_t nrefs)
{
	enum kr_lang l = cli->lang;
	char d[11];

	printf("%s %s (%s %ld)\n", kr_tr(l, "Pleeggezin", "Foster family"), f->id,
	       kr_tr(l, "versie", "revision"), rev);
	if (f->name)
		printf("  %-16s %s\n", kr_tr(l, "naam", "name"), f->name);
	if (f->kind)
		printf("  %-16s %s\n", kr_tr(l, "soort", "kind"),
		       kr_enum_label(KR_ENUM_FAMILY_KIND, f->kind, l));
	if (f->care)
		printf("  %-16s %s\n", kr_tr(l, "pleegzorg", "care"),
		       kr_enum_label(KR_ENUM_FAMILY_CARE, f->care, l));
	if (f->place)
		printf("  %-16s %s\n", kr_tr(l, "plaats", "place"), f->place);
	if (f->availability)
		printf("  %-16s %s\n", kr_tr(l, "beschikbaar", "available"),
		       kr_enum_label(KR_ENUM_AVAILABILITY, f->availability, l));
	if (f->capacity >= 0)
		printf("  %-16s %d, %s %d\n", kr_tr(l, "plaatsen", "places"), f->capacity,
		       kr_tr(l, "bezet", "in use"), in_use);
	if (f->worker_name || f->worker_account)
		printf("  %-16s %s%s%s%s\n", kr_tr(l, "eigen begeleider", "own worker"),
		       f->worker_name ? f->worker_name : "", f->worker_account ? " (" : "",
		       f->worker_account ? f->worker_account : "", f->worker_account ? ")" : "");
	if (f->peer_group)
		printf("  %-16s %s\n", kr_tr(l, "lotgenotengroep", "peer group"), f->peer_group);
	if (f->nmembers)
		printf("  %s\n", kr_tr(l, "huishouden:", "household:"));
	for (size_t i = 0; i < f->nmembers; i++) {
		const struct kr_family_member *m = &f->members[i];
		printf("    %-8s %-28s %-22s", m->id ? m->id : "", m->name ? m->name : "-",
		       kr_enum_label(KR_ENUM_HOUSEHOLD_ROLE, m->role, l));
		if (kr_date_valid(m->born))
			printf(" %s (%d %s)", kr_date_format(m->born, d), kr_age_years(m->born, day),
			       kr_tr(l, "jaar", "years"));
		printf("\n");
	}
	for (size_t i = 0; i < f->ntraining; i++)
		printf("  %-16s %s%s%s\n", i ? "" : kr_tr(l, "training", "training"),
		       f->training[i].name ? f->training[i].name : "",
		       kr_date_valid(f->training[i].date) ? ", " : "",
		       kr_date_valid(f->training[i].date) ? kr_date_format(f->training[i].date, d) : "");
	for (size_t i = 0; i < nrefs; i++)
		printf("  %-16s %s, %s %s\n", i ? "" : kr_tr(l, "plaatsingen", "placements"), refs[i],
		       kr_tr(l, "plaatsing", "placement"), pls[i]);
}

static int show(struct kr_cli *cli, struct kr_store *s, const char *id, long day, bool json,
                bool export, const char *out)
{
	struct kr_family *f = NULL;
	struct kr_error err;
	char **refs = NULL, **pls = NULL, detail[160];
	size_t nrefs = 0;
	long rev = 0;
	int in_use = 0, status = 0;
	char *text = NULL;

	kr_error_init_lang(&err, cli->lang);
	if (kr_family_get(s, id, &f, &rev, &err) || kr_family_in_use(s, id, day, &in_use, &err) ||
	    kr_family_cases(s, id, &refs, &pls, &nrefs, &err)) {
		status = cli_fail("family", &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "foster family %s %s", id, export ? "exported" : "read");
	if ((status = cli_audit(cli, s, "family", export ? KR_AUDIT_EXPORT : KR_AUDIT_READ, NULL,
	                        detail)))
		goto out;
	if (export) {
		if (!(text = kr_family_dump(f, true))) {
			status = cli_fail("family", &err);
			goto out;
		}
		status = cli_write_file("family", out, text, strlen(text));
	} else if (json) {
		json_t *j = kr_family_view_json(f, rev, in_use, day);
		if (!j || !(text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
			status = EXIT_DATA;
		else
			printf("%s\n", text);
		json_decref(j);
	} else {
		show_text(cli, f, rev, in_use, day, refs, pls, nrefs);
	}
out:
	free(text);
	kr_assignment_list_free(refs, nrefs);
	kr_assignment_list_free(pls, nrefs);
	kr_family_free(f);
	kr_error_cleanup(&err);
	return status;
}

/* Every revision of family id with what changed, as text or as the JSON
 * of the case history. */
static int history(struct kr_cli *cli, struct kr_store *s, const char *id, bool json)
{
	struct kr_revision_changes *v = NULL;
	struct kr_error err;
	char detail[160];
	size_t n = 0;
	int status = 0;

	kr_error_init_lang(&err, cli->lang);
	if (kr_family_history(s, id, &v, &n, &err)) {
		status = cli_fail("family", &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "foster family %s history read", id);
	if ((status = cli_audit(cli, s, "family", KR_AUDIT_READ, NULL, detail)))
		goto out;
	status = cli_print_changes(cli, "family", v, n, json);
out:
	kr_diff_history_free(v, n);
	kr_error_cleanup(&err);
	return status;
}

int cmd_family(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, "-", { NULL, 0 }, -1, 0 };
	struct kr_store *s = NULL;
	int status = cli_parse(cli, &spec, argc, argv, &a);
	bool is_list;

	if (status >= 0)
		return status;
	is_list = strcmp(a.verb, "list") == 0;
	if (!is_list && strcmp(a.verb, "import") && strcmp(a.verb, "show") &&
	    strcmp(a.verb, "export") && strcmp(a.verb, "history"))
		return cli_usage("family", kr_tr(cli->lang, "onbekende actie \"%s\" (import, list, "
		                 "show, export, history)", "unknown action \"%s\" (import, list, "
		                 "show, export, history)"), a.verb);
	if (is_list && a.what.n)
		return cli_usage("family", "%s", kr_tr(cli->lang, "list neemt geen argument",
		                 "list takes no argument"));
	if (!is_list && strcmp(a.verb, "import") && a.what.n > 1)
		return cli_usage("family", kr_tr(cli->lang, "%s neemt een pleeggezin (id)",
		                 "%s takes one family (id)"), a.verb);
	if (!is_list && !a.what.n)
		return cli_usage("family", "%s", strcmp(a.verb, "import") == 0 ?
		                 kr_tr(cli->lang, "noem het bestand", "name the file") :
		                 kr_tr(cli->lang, "noem het pleeggezin (id)", "name the family (id)"));
	if (strcmp(a.out, "-") && strcmp(a.verb, "export"))
		return cli_usage("family", "%s", kr_tr(cli->lang, "-o hoort bij export",
		                 "-o goes with export"));
	if (a.as_of < 0)
		a.as_of = kr_today();
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	if (is_list)
		status = list(cli, s, a.as_of, a.format == CLI_FORMAT_JSON);
	else if (strcmp(a.verb, "import") == 0)
		status = import(cli, s, &a.what);
	else if (strcmp(a.verb, "history") == 0)
		status = history(cli, s, a.what.v[0], a.format == CLI_FORMAT_JSON);
	else
		status = show(cli, s, a.what.v[0], a.as_of, a.format == CLI_FORMAT_JSON,
		              strcmp(a.verb, "export") == 0, a.out);
	kr_store_close(s);
	return status;
}
