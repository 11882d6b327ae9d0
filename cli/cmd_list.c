/*
 * cmd_list.c - `kring list [--format text|json]`: every case with its
 * child, latest revision and last change.  It shows the children's names,
 * so it is audited as one read of all cases.
 */
#include <stdlib.h>

#include <jansson.h>

#include "cli.h"
#include "kring/audit.h"
#include "opts.h"

struct args {
	int format;
};

static const struct cli_opt opts[] = { CLI_OPT_FORMAT(struct args, format) };

static const struct cli_cmd spec = {
	.name = "list",
	.opts = CLI_N(opts),
	.about_nl = "Toont alle dossiers: het kind, de laatste versie, wanneer het dossier\n"
	            "geopend en voor het laatst gewijzigd is, en het aantal personen.\n",
	.about_en = "Lists all cases: the child, the latest revision, when the case was\n"
	            "opened and last changed, and the number of persons.\n",
};

int cmd_list(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { 0 };
	struct kr_store *s;
	struct kr_case_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (kr_store_list(s, &v, &n, &err)) {
		status = cli_fail("list", &err);
		goto out;
	}
	if ((status = cli_audit(cli, s, "list", KR_AUDIT_READ, NULL, "all cases listed")))
		goto out;
	if (a.format == CLI_FORMAT_JSON) {
		json_t *arr = json_array();
		char *text;
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s, s:s, s:I}",
			                      "ref", v[i].ref, "child", v[i].child,
			                      "revision", (json_int_t)v[i].head, "opened", v[i].opened,
			                      "updated", v[i].updated, "persons",
			                      (json_int_t)v[i].npersons));
		text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (text)
			printf("%s\n", text);
		free(text);
		json_decref(arr);
	} else {
		printf("%-20s %-20s %6s %-10s %-20s %s\n", kr_tr(cli->lang, "dossier", "case"),
		       kr_tr(cli->lang, "kind", "child"), kr_tr(cli->lang, "versie", "rev"),
		       kr_tr(cli->lang, "geopend", "opened"), kr_tr(cli->lang, "gewijzigd", "updated"),
		       kr_tr(cli->lang, "personen", "persons"));
		for (size_t i = 0; i < n; i++)
			printf("%-20s %-20s %6ld %-10s %-20s %zu\n", v[i].ref, v[i].child, v[i].head,
			       v[i].opened, v[i].updated, v[i].npersons);
		if (n == 0)
			printf("%s", kr_tr(cli->lang, "(nog geen dossiers)\n", "(no cases yet)\n"));
	}
out:
	free(v);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
