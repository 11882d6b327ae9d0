/*
 * cmd_metrics.c - `kring metrics REF [--as-of DATE] [--revision N |
 * --recorded-at TIME] [--format text|json]`: the network metrics of a case
 * (metrics.h) on the as-of day, as a short text for a worker (with the
 * vocabulary's labels, kr_enum_label) or as JSON for other tools.  Audited
 * as a read of the case.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/enum.h"
#include "kring/metrics.h"
#include "opts.h"

struct args {
	const char *ref;
	long on;
	struct cli_pick pick;
	int format;
};

static const struct cli_arg args[] = { CLI_ARG_REF(struct args, ref) };

static const struct cli_opt opts[] = {
	CLI_OPT_AS_OF(struct args, on),
	CLI_OPT_REVISION(struct args, pick.rev, 1),
	CLI_OPT_RECORDED_AT(struct args, pick.recorded, 1),
	CLI_OPT_FORMAT(struct args, format),
};

static const struct cli_cmd spec = {
	.name = "metrics",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Toont netwerkcijfers op DATUM: grootte per segment en wereld, dichtheid,\n"
	            "losse delen, bruggen tussen gezin van herkomst en pleeggezin, verbinders\n"
	            "(betweenness), steun die het kind krijgt, en mensen zonder banden.\n",
	.about_en = "Shows network metrics on DATE: size per segment and world, density,\n"
	            "components, bridges between family of origin and foster family, brokers\n"
	            "(betweenness), support the child receives, and people without ties.\n",
};

/* The label of value k of enumeration e; 0 ("none") has its own words. */
static const char *label(enum kr_enum e, int k, enum kr_lang L)
{
	if (k == 0)
		return e == KR_ENUM_WORLD ? kr_tr(L, "zonder wereld", "no world")
		                          : kr_tr(L, "zonder segment", "no segment");
	return kr_enum_label(e, k, L);
}

static void print_text(const struct kr_metrics *m, enum kr_lang L)
{
	char day[11];
	bool any;

	kr_date_format(kr_date_from_days(m->as_of), day);
	printf(kr_tr(L, "Netwerkcijfers van %s op %s\n", "Network metrics of %s on %s\n"),
	       m->ref, day);
	printf(kr_tr(L, "  grootte: %zu mensen rond het kind\n",
	             "  size: %zu people around the child\n"), m->size);
	printf("  %s", kr_tr(L, "per wereld:", "per world:"));
	any = false;
	for (int w = 1; w <= KR_WORLD__N; w++) {
		int k = w % KR_WORLD__N;
		if (!m->per_world[k] && k == 0)
			continue;
		printf("%s %s %zu", any ? "," : "",
		       label(KR_ENUM_WORLD, k, L), m->per_world[k]);
		any = true;
	}
	printf("\n  %s", kr_tr(L, "per segment:", "per segment:"));
	any = false;
	for (int s = 1; s <= KR_SEG__N; s++) {
		int k = s % KR_SEG__N;
		if (!m->per_segment[k] && k == 0)
			continue;
		printf("%s %s %zu", any ? "," : "",
		       label(KR_ENUM_SEGMENT, k, L), m->per_segment[k]);
		any = true;
	}
	printf(kr_tr(L, "\n  banden: %zu, dichtheid %.3f\n", "\n  ties: %zu, density %.3f\n"),
	       m->ties, m->density);
	printf(kr_tr(L, "  losse delen: %zu (grootte:", "  components: %zu (sizes:"),
	       m->ncomponents);
	for (size_t i = 0; i < m->ncomponents; i++)
		printf(" %zu", m->component_sizes[i]);
	printf(kr_tr(L, "); het kind zit in een deel van %zu\n",
	             "); the child's part has %zu\n"), m->child_component);
	printf(kr_tr(L, "  bruggen tussen herkomst en pleeggezin: %zu\n",
	             "  bridges between origin and foster family: %zu\n"), m->nbridges);
	for (size_t i = 0; i < m->nbridges; i++)
		printf("    %s (%s) - %s (%s)\n", m->bridges[i].a_name, m->bridges[i].a_id,
		       m->bridges[i].b_name, m->bridges[i].b_id);
	printf("  %s\n", kr_tr(L, "verbinders (betweenness):", "brokers (betweenness):"));
	if (!m->nbrokers)
		printf("    %s\n", kr_tr(L, "geen", "none"));
	for (size_t i = 0; i < m->nbrokers; i++)
		printf("    %-24s %8.1f  (%.3f)\n", m->brokers[i].name, m->brokers[i].betweenness,
		       m->brokers[i].normalised);
	printf(kr_tr(L, "  steun voor het kind (%zu mensen):", "  support for the child "
	             "(%zu people):"), m->supporters);
	for (int s = 1; s < KR_SUPPORT__N; s++)
		printf("%s %s %zu", s > 1 ? "," : "",
		       kr_enum_label(KR_ENUM_SUPPORT, s, L),
		       m->support[s]);
	printf(kr_tr(L, "\n  zonder banden: %zu", "\n  without ties: %zu"), m->nisolated);
	for (size_t i = 0; i < m->nisolated; i++)
		printf("%s%s", i ? ", " : " (", m->isolated[i].name);
	printf("%s\n", m->nisolated ? ")" : "");
}

int cmd_metrics(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, kr_today(), CLI_PICK_LATEST, 0 };
	int status = cli_parse(cli, &spec, argc, argv, &a);
	struct kr_store *s = NULL;
	struct kr_case *c = NULL;
	struct kr_metrics *m = NULL;
	struct kr_error err;
	char *text = NULL;

	if (status >= 0)
		return status;
	status = 0;
	kr_error_init_lang(&err, cli->lang);
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "metrics", a.ref, a.pick, NULL, &status)))
		goto out;
	if (kr_metrics_compute(c, a.on, &m, &err) != KR_OK) {
		status = cli_fail("metrics", &err);
		goto out;
	}
	if (a.format == CLI_FORMAT_JSON && kr_metrics_to_json(m, &text) != KR_OK) {
		fprintf(stderr, "kring metrics: %s\n", kr_tr(cli->lang, "te weinig geheugen",
		        "out of memory"));
		status = EXIT_DATA;
		goto out;
	}
	if ((status = cli_audit(cli, s, "metrics", KR_AUDIT_READ, a.ref, "metrics read")))
		goto out;
	if (text)
		fputs(text, stdout);
	else
		print_text(m, cli->lang);
out:
	free(text);
	kr_metrics_free(m);
	kr_case_free(c);
	kr_store_close(s);
	kr_error_cleanup(&err);
	return status;
}
