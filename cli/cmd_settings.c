/*
 * cmd_settings.c - `kring settings [KEY VALUE]`: show the organisation's
 * signal thresholds, or change one (the settings module logs the change;
 * the change is one row of the audit trail too, in the same transaction:
 * object type settings, the key as object, the new value in the detail).
 */
#include <stdio.h>

#include "cli.h"
#include "kring/settings.h"
#include "opts.h"

struct args {
	const char *key, *value;
};

static const struct cli_arg args[] = {
	{ "SLEUTEL", "KEY", "de drempel", "the threshold", offsetof(struct args, key),
	  CLI_OPTIONAL },
	{ "WAARDE", "VALUE", "de waarde", "the value", offsetof(struct args, value),
	  CLI_OPTIONAL },
};

static const struct cli_cmd spec = {
	.name = "settings",
	.args = CLI_N(args),
	.about_nl = "Zonder argumenten: toont alle drempels van de signalen. Met SLEUTEL en\n"
	            "WAARDE: verandert er een (de wijziging wordt gelogd).\n",
	.about_en = "Without arguments: shows every signal threshold. With KEY and VALUE:\n"
	            "changes one (the change is logged).\n",
};

int cmd_settings(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL };
	struct kr_store *s;
	struct kr_settings v;
	struct kr_error err;
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	status = 0;
	if (a.key && !a.value)
		return cli_usage("settings", kr_tr(cli->lang, "geef een WAARDE voor %s",
		                 "give a VALUE for %s"), a.key);
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	if (a.key) {
		char detail[KR_AUDIT_DETAIL_MAX + 1];
		struct kr_audit_entry e = {
			.action = KR_AUDIT_UPDATE,
			.object_type = KR_AUDIT_OBJECT_SETTINGS,
			.object = a.key,
			.event = "settings.update",
			.detail = detail,
		};
		/* the change and its row in the trail land together or not at all */
		snprintf(detail, sizeof detail, "setting changed to %s", a.value);
		if (kr_store_begin(s, &err)) {
			status = cli_fail("settings", &err);
			goto out;
		}
		if (kr_settings_set(s, a.key, a.value, &err))
			status = cli_fail("settings", &err);
		else
			status = cli_audit_entry(cli, s, "settings", &e);
		if (kr_store_end(s, status == 0, &err) && status == 0)
			status = cli_fail("settings", &err);
		if (status == 0)
			printf("%s = %s\n", a.key, a.value);
		goto out;
	}
	if (kr_settings_load(s, &v, &err)) {
		status = cli_fail("settings", &err);
		goto out;
	}
	for (int i = 0; i < KR_SET__N; i++) {
		const struct kr_setting_info *in = kr_settings_info(i);
		printf("%-36s %5d  (%s %d, %d..%d %s)\n    %s\n", in->key, v.v[i],
		       kr_tr(cli->lang, "standaard", "default"), in->def, in->min, in->max, in->unit,
		       kr_tr(cli->lang, in->nl, in->en));
	}
out:
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
