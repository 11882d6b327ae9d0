/*
 * cmd_familyplan.c - `kring familyplan import FILE | list [--case REF] |
 * show ID | export ID | history ID`: the family plan (gezinsplan) of siblings who each
 * have their own case (docs/family-plan.md, the format kring-familyplan/1).
 * import checks the whole document, also against the cases it links, and
 * stores it as the plan's next revision; list shows every plan (or those a
 * case is in); show the family part with each child's own wishes and goals
 * taken from the child's case; export writes the document back; history
 * tells every revision in words (kr_fplan_history).  The
 * command acts for the operator, like the other commands, so show sees
 * every linked case.  Every run has its audit row: a write one row in the
 * same transaction, a show one read row per case whose child it shows.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/buf.h"
#include "kring/family_plan.h"
#include "kring/init.h"
#include "opts.h"

struct args {
	const char *verb, *what, *out, *ref;
	int format;
};

static const struct cli_arg args[] = {
	{ "ACTIE", "ACTION", "wat er moet gebeuren: import, list, show, export of history",
	  "what to do: import, list, show, export or history", offsetof(struct args, verb), 0 },
	{ "BESTAND|ID", "FILE|ID", "het bestand (import) of het gezinsplan (show, export, history)",
	  "the file (import) or the family plan (show, export, history)", offsetof(struct args, what),
	  CLI_OPTIONAL },
};

static const struct cli_opt opts[] = {
	{ .name = "--case", .kind = CLI_TEXT, .at = offsetof(struct args, ref),
	  .help_nl = "list: alleen de gezinsplannen waar dit dossier in staat",
	  .help_en = "list: only the family plans this case is in",
	  .value_nl = "DOSSIER", .value_en = "REF" },
	CLI_OPT_FORMAT(struct args, format),
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, out),
	  .help_nl = "export: schrijf naar BESTAND (heel of helemaal niet); standaard naar het "
	             "scherm",
	  .help_en = "export: write to FILE (whole or not at all); by default to standard output" },
};

static const struct cli_cmd spec = {
	.name = "familyplan",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.usage_nl =
	       "Gebruik:\n"
	       "  kring familyplan import BESTAND   zet een gezinsplan (kring-familyplan/1) in kring\n"
	       "  kring familyplan list [--case DOSSIER]   toont de gezinsplannen\n"
	       "  kring familyplan show ID          toont een gezinsplan met de wensen en doelen "
	       "van elk kind\n"
	       "  kring familyplan export ID [-o BESTAND]   schrijft het document als JSON\n"
	       "  kring familyplan history ID       vertelt wat er in elke versie veranderde\n\n",
	.usage_en =
	       "Usage:\n"
	       "  kring familyplan import FILE      stores a family plan (kring-familyplan/1)\n"
	       "  kring familyplan list [--case REF]   lists the family plans\n"
	       "  kring familyplan show ID          shows a family plan with each child's wishes "
	       "and goals\n"
	       "  kring familyplan export ID [-o FILE]   writes the document as JSON\n"
	       "  kring familyplan history ID       tells what changed in each revision\n\n",
	.about_nl =
	       "Het gezinsplan: 1 gezin, 1 plan. Broers en zussen die elk een eigen dossier\n"
	       "hebben, krijgen een gezamenlijk plan met de doelen, afspraken en wensen van het\n"
	       "gezin en de netwerkbijeenkomsten van het hele gezin. De dossiers moeten er eerst\n"
	       "zijn. Een import van een bekend id wordt een nieuwe versie.\n",
	.about_en =
	       "The family plan: one family, one plan. Siblings who each have their own case\n"
	       "get one plan with the family's goals, agreements and wishes and the network\n"
	       "meetings of the whole family. The cases must be stored first. Importing a\n"
	       "known id adds a new revision.\n",
};

static int import(struct kr_cli *cli, struct kr_store *s, const char *path)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	char detail[160];
	size_t len;
	long rev = 0;
	int status = 0;
	char *text = cli_read_file(cli, "familyplan", path, KR_FPLAN_MAX_BYTES, &len);

	kr_error_init_lang(&err, cli->lang);
	if (!text)
		return EXIT_DATA;
	if (kr_fplan_read(text, len, &p, &err))
		goto fail;
	if (kr_store_begin(s, &err))
		goto fail;
	if (kr_fplan_put(s, p, cli->author, 0, kr_now(), &rev, &err)) {
		kr_store_end(s, false, NULL);
		goto fail;
	}
	snprintf(detail, sizeof detail, "family plan %s stored as revision %ld", p->id, rev);
	if ((status = cli_audit(cli, s, "familyplan", rev == 1 ? KR_AUDIT_CREATE : KR_AUDIT_UPDATE,
	                        NULL, detail))) {
		kr_store_end(s, false, NULL);
		goto out;
	}
	if (kr_store_end(s, true, &err))
		goto fail;
	printf(kr_tr(cli->lang, "%s: gezinsplan %s opgeslagen als versie %ld\n",
	             "%s: family plan %s stored as revision %ld\n"), path, p->id, rev);
	goto out;
fail:
	fprintf(stderr, "%s:\n", path);
	status = cli_fail("familyplan", &err);
out:
	kr_fplan_free(p);
	free(text);
	kr_error_cleanup(&err);
	return status;
}

static int list(struct kr_cli *cli, struct kr_store *s, const char *ref, bool json)
{
	struct kr_fplan_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = 0;

	kr_error_init_lang(&err, cli->lang);
	if (kr_fplan_list(s, NULL, ref, &v, &n, &err)) {
		status = cli_fail("familyplan", &err);
		goto out;
	}
	if ((status = cli_audit(cli, s, "familyplan", KR_AUDIT_READ, ref, "family plans listed")))
		goto out;
	if (json) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_pack("{s:s, s:s, s:I}", "id", v[i].id, "name", v[i].name,
			                      "revision", (json_int_t)v[i].revision);
			char *t = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
			printf("%s%s", i ? ",\n " : "", t ? t : "null");
			free(t);
			json_decref(o);
		}
		printf("]\n");
		goto out;
	}
	if (n == 0) {
		printf("%s\n", kr_tr(cli->lang, "Er zijn nog geen gezinsplannen (kring familyplan "
		                     "import).", "There are no family plans yet (kring familyplan "
		                     "import)."));
		goto out;
	}
	printf("%-16s %-40s %s\n", "id", kr_tr(cli->lang, "naam", "name"),
	       kr_tr(cli->lang, "versie", "revision"));
	for (size_t i = 0; i < n; i++)
		printf("%-16s %-40s %ld\n", v[i].id, v[i].name[0] ? v[i].name : "-", v[i].revision);
out:
	free(v);
	kr_error_cleanup(&err);
	return status;
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The name of person ref r ({"case", "person"}) from the view's names. */
static const char *name_of(json_t *names, json_t *r)
{
	char key[140];
	const char *n;

	snprintf(key, sizeof key, "%s/%s", str(r, "case") ? str(r, "case") : "",
	         str(r, "person") ? str(r, "person") : "");
	n = str(names, key);
	return n ? n : str(r, "person") ? str(r, "person") : "?";
}

/* "label: name, name" for a list of person refs; nothing when empty. */
static void people(const char *indent, const char *label, json_t *names, json_t *arr)
{
	json_t *r;
	size_t i;

	if (!json_array_size(arr))
		return;
	printf("%s%s ", indent, label);
	json_array_foreach(arr, i, r)
		printf("%s%s", i ? ", " : "", name_of(names, r));
	printf("\n");
}

static void show_text(struct kr_cli *cli, json_t *view)
{
	enum kr_lang l = cli->lang;
	json_t *plan = json_object_get(view, "plan"), *names = json_object_get(view, "persons");
	json_t *v, *w;
	size_t i, k;

	printf("%s %s (%s %lld)%s%s\n", kr_tr(l, "Gezinsplan", "Family plan"), str(view, "id"),
	       kr_tr(l, "versie", "revision"),
	       (long long)json_integer_value(json_object_get(view, "revision")),
	       str(plan, "name") ? ": " : "", str(plan, "name") ? str(plan, "name") : "");
	printf("%s\n", kr_tr(l, "De kinderen (uit hun eigen dossier):",
	                     "The children (from their own cases):"));
	json_array_foreach(json_object_get(view, "children"), i, v) {
		json_t *child = json_object_get(v, "child");
		printf("  %-16s %s%s%s%s\n", str(v, "case"), str(child, "name"),
		       str(child, "born") ? " (" : "", str(child, "born") ? str(child, "born") : "",
		       str(child, "born") ? ")" : "");
		json_array_foreach(json_object_get(v, "wishes"), k, w)
			printf("    %s %s\n", kr_tr(l, "wens:", "wish:"), str(w, "text") ? str(w, "text")
			       : "");
		json_array_foreach(json_object_get(v, "goals"), k, w)
			printf("    %s %s\n", kr_tr(l, "doel:", "goal:"), str(w, "text") ? str(w, "text")
			       : "");
	}
	if (json_array_size(json_object_get(plan, "goals")))
		printf("%s\n", kr_tr(l, "Doelen van het gezin:", "The family's goals:"));
	json_array_foreach(json_object_get(plan, "goals"), i, v) {
		printf("  %-8s %s\n", str(v, "id"), str(v, "text") ? str(v, "text") : "");
		people("           ", kr_tr(l, "wie:", "who:"), names, json_object_get(v, "who"));
	}
	if (json_array_size(json_object_get(plan, "agreements")))
		printf("%s\n", kr_tr(l, "Afspraken:", "Agreements:"));
	json_array_foreach(json_object_get(plan, "agreements"), i, v) {
		printf("  %-8s %s%s%s%s\n", str(v, "id"), str(v, "what") ? str(v, "what") : "",
		       str(v, "when") ? " (" : "", str(v, "when") ? str(v, "when") : "",
		       str(v, "when") ? ")" : "");
		people("           ", kr_tr(l, "wie:", "who:"), names, json_object_get(v, "who"));
		if (json_is_true(json_object_get(v, "done")))
			printf("           %s\n", kr_tr(l, "gedaan", "done"));
	}
	if (json_array_size(json_object_get(plan, "wishes")))
		printf("%s\n", kr_tr(l, "Wensen van het gezin:", "The family's wishes:"));
	json_array_foreach(json_object_get(plan, "wishes"), i, v) {
		json_t *by = json_object_get(v, "by");
		printf("  %-8s %s%s%s%s\n", str(v, "id"), str(v, "text") ? str(v, "text") : "",
		       by ? " (" : "", by ? name_of(names, by) : "", by ? ")" : "");
	}
	if (json_array_size(json_object_get(plan, "meetings")))
		printf("%s\n", kr_tr(l, "Netwerkbijeenkomsten van het gezin:",
		                     "The family's network meetings:"));
	json_array_foreach(json_object_get(plan, "meetings"), i, v) {
		json_t *c = json_object_get(v, "coordinator");
		printf("  %-8s %s%s%s%s%s\n", str(v, "id"),
		       str(v, "date") ? str(v, "date") : kr_tr(l, "(nog geen datum)", "(no date yet)"),
		       str(v, "time") ? " " : "", str(v, "time") ? str(v, "time") : "",
		       str(v, "place") ? ", " : "", str(v, "place") ? str(v, "place") : "");
		if (c)
			printf("           %s %s\n", kr_tr(l, "gespreksleider:", "coordinator:"),
			       name_of(names, c));
		people("           ", kr_tr(l, "uitgenodigd:", "invited:"), names,
		       json_object_get(v, "invited"));
		people("           ", kr_tr(l, "aanwezig:", "attended:"), names,
		       json_object_get(v, "attended"));
		if (str(v, "outcome"))
			printf("           %s %s\n", kr_tr(l, "uitkomst:", "outcome:"), str(v, "outcome"));
	}
}

static int show(struct kr_cli *cli, struct kr_store *s, const char *id, bool json,
                bool export, const char *out)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	char detail[160];
	long rev = 0;
	int status = 0;
	char *text = NULL;
	json_t *view = NULL, *c;
	size_t i;

	kr_error_init_lang(&err, cli->lang);
	if (kr_fplan_get(s, id, &p, &rev, &err) ||
	    (!export && kr_fplan_view(s, NULL, p, rev, (void **)&view, &err))) {
		status = cli_fail("familyplan", &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "family plan %s %s", id, export ? "exported" : "read");
	if (export) {
		status = cli_audit(cli, s, "familyplan", KR_AUDIT_EXPORT, NULL, detail);
	} else {
		json_array_foreach(json_object_get(view, "children"), i, c)
			if ((status = cli_audit(cli, s, "familyplan", KR_AUDIT_READ, str(c, "case"),
			                        detail)))
				break;
	}
	if (status)
		goto out;
	if (export) {
		if (!(text = kr_fplan_dump(p, true))) {
			status = cli_fail("familyplan", &err);
			goto out;
		}
		status = cli_write_file("familyplan", out, text, strlen(text));
	} else if (json) {
		if (!(text = json_dumps(view, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
			status = EXIT_DATA;
		else
			printf("%s\n", text);
	} else {
		show_text(cli, view);
	}
out:
	free(text);
	json_decref(view);
	kr_fplan_free(p);
	kr_error_cleanup(&err);
	return status;
}

/* Every revision of plan id in words, or as the API's JSON; one read row
 * per case the plan links (the operator sees every one). */
static int history(struct kr_cli *cli, struct kr_store *s, const char *id, bool json)
{
	struct kr_revision_changes *v = NULL;
	struct kr_fplan *p = NULL;
	struct kr_error err;
	char detail[160];
	size_t n = 0;
	int status = 0;

	kr_error_init_lang(&err, cli->lang);
	if (kr_fplan_get(s, id, &p, NULL, &err) ||
	    kr_fplan_history(s, NULL, id, &v, &n, &err)) {
		status = cli_fail("familyplan", &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "family plan %s history read", id);
	for (size_t i = 0; i < p->ncases && !status; i++)
		status = cli_audit(cli, s, "familyplan", KR_AUDIT_READ, p->cases[i], detail);
	if (status)
		goto out;
	status = cli_print_changes(cli, "familyplan", v, n, json);
out:
	kr_diff_history_free(v, n);
	kr_fplan_free(p);
	kr_error_cleanup(&err);
	return status;
}

int cmd_familyplan(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL, "-", NULL, 0 };
	struct kr_store *s = NULL;
	int status = cli_parse(cli, &spec, argc, argv, &a);
	bool is_list;

	if (status >= 0)
		return status;
	is_list = strcmp(a.verb, "list") == 0;
	if (!is_list && strcmp(a.verb, "import") && strcmp(a.verb, "show") &&
	    strcmp(a.verb, "export") && strcmp(a.verb, "history"))
		return cli_usage("familyplan", kr_tr(cli->lang, "onbekende actie \"%s\" (import, "
		                 "list, show, export, history)", "unknown action \"%s\" (import, "
		                 "list, show, export, history)"), a.verb);
	if (is_list && a.what)
		return cli_usage("familyplan", "%s", kr_tr(cli->lang, "list neemt geen argument",
		                 "list takes no argument"));
	if (!is_list && !a.what)
		return cli_usage("familyplan", "%s", strcmp(a.verb, "import") == 0 ?
		                 kr_tr(cli->lang, "noem het bestand", "name the file") :
		                 kr_tr(cli->lang, "noem het gezinsplan (id)",
		                       "name the family plan (id)"));
	if (strcmp(a.out, "-") && strcmp(a.verb, "export"))
		return cli_usage("familyplan", "%s", kr_tr(cli->lang, "-o hoort bij export",
		                 "-o goes with export"));
	if (a.ref && !is_list)
		return cli_usage("familyplan", "%s", kr_tr(cli->lang, "--case hoort bij list",
		                 "--case goes with list"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	if (is_list)
		status = list(cli, s, a.ref, a.format == CLI_FORMAT_JSON);
	else if (strcmp(a.verb, "import") == 0)
		status = import(cli, s, a.what);
	else if (strcmp(a.verb, "history") == 0)
		status = history(cli, s, a.what, a.format == CLI_FORMAT_JSON);
	else
		status = show(cli, s, a.what, a.format == CLI_FORMAT_JSON,
		              strcmp(a.verb, "export") == 0, a.out);
	kr_store_close(s);
	return status;
}
