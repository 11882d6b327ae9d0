/*
 * cmd_list.c - `kring list [--format text|json]`: every case with its
 * child, latest revision and last change.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

int cmd_list(struct kr_cli *cli, int argc, char **argv)
{
	struct kr_store *s;
	struct kr_case_info *v = NULL;
	struct kr_error err;
	size_t n = 0;
	bool json = false;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring list [--format text|json]\nToont alle dossiers.\n",
			       "Usage: kring list [--format text|json]\nLists all cases.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "list", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "json") == 0)
				json = true;
			else if (strcmp(argv[i], "text") != 0)
				return cli_usage("list", "--format takes text or json");
		} else {
			return cli_usage("list", "unexpected argument \"%s\"", argv[i]);
		}
	}
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (kr_store_list(s, &v, &n, &err)) {
		status = cli_fail("list", &err);
		goto out;
	}
	if (json) {
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
