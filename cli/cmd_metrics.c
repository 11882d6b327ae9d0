/*
 * cmd_metrics.c - `kring metrics REF [--revision N | --as-of DATE]
 * [--format text|json]`: the network metrics of a case (metrics.h) as a
 * short text for a worker or as JSON for other tools.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/metrics.h"

static const char *const segment_nl[] = { "zonder segment", "huishouden", "familie",
	"vrienden", "school en werk", "vrije tijd", "buurt", "geloof", "online",
	"professionals" };
static const char *const segment_en[] = { "no segment", "household", "family", "friends",
	"school and work", "leisure", "neighbourhood", "religion", "online", "professionals" };
static const char *const world_en[] = { "no world", "family of origin", "foster family",
	"shared", "professionals" };
static const char *const world_nl[] = { "zonder wereld", "gezin van herkomst", "pleeggezin",
	"gedeeld", "professionals" };
static const char *const support_nl[] = { "", "emotioneel", "praktisch", "informatie",
	"respijt", "financieel" };

static void help(enum kr_lang lang)
{
	printf("%s", kr_tr(lang,
	       "Gebruik: kring metrics DOSSIER [--revision N | --as-of DATUM] "
	       "[--format text|json]\n"
	       "Toont netwerkcijfers: grootte per segment en wereld, dichtheid, losse delen,\n"
	       "bruggen tussen gezin van herkomst en pleeggezin, verbinders (betweenness),\n"
	       "steun die het kind krijgt, en mensen zonder banden.\n"
	       "  --as-of DATUM    de stand op DATUM (JJJJ-MM-DD; standaard: vandaag)\n"
	       "  --format json    als JSON (standaard: tekst)\n",
	       "Usage: kring metrics REF [--revision N | --as-of DATE] [--format text|json]\n"
	       "Shows network metrics: size per segment and world, density, components,\n"
	       "bridges between family of origin and foster family, brokers (betweenness),\n"
	       "support the child receives, and people without ties.\n"
	       "  --as-of DATE     the state on DATE (YYYY-MM-DD; default: today)\n"
	       "  --format json    as JSON (default: text)\n"));
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
		       L == KR_LANG_EN ? world_en[k] : world_nl[k], m->per_world[k]);
		any = true;
	}
	printf("\n  %s", kr_tr(L, "per segment:", "per segment:"));
	any = false;
	for (int s = 1; s <= KR_SEG__N; s++) {
		int k = s % KR_SEG__N;
		if (!m->per_segment[k] && k == 0)
			continue;
		printf("%s %s %zu", any ? "," : "",
		       L == KR_LANG_EN ? segment_en[k] : segment_nl[k], m->per_segment[k]);
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
		       L == KR_LANG_EN ? kr_enum_name(KR_ENUM_SUPPORT, s) : support_nl[s],
		       m->support[s]);
	printf(kr_tr(L, "\n  zonder banden: %zu", "\n  without ties: %zu"), m->nisolated);
	for (size_t i = 0; i < m->nisolated; i++)
		printf("%s%s", i ? ", " : " (", m->isolated[i].name);
	printf("%s\n", m->nisolated ? ")" : "");
}

int cmd_metrics(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL;
	long rev = 0, at = -1;
	bool json = false;
	int status = 0;
	struct kr_store *s = NULL;
	struct kr_case *c = NULL;
	struct kr_metrics *m = NULL;
	struct kr_error err;
	char *text = NULL;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			help(cli->lang);
			return 0;
		}
		if ((g = cli_global_opt(cli, "metrics", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--revision") == 0 && i + 1 < argc) {
			if (!cli_parse_long("metrics", "--revision", argv[++i], 1, &rev))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("metrics", "--as-of", argv[++i], &at))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "json") == 0)
				json = true;
			else if (strcmp(f, "text") == 0)
				json = false;
			else
				return cli_usage("metrics", "--format takes text or json, not \"%s\"", f);
		} else if (argv[i][0] == '-') {
			return cli_usage("metrics", "unknown option \"%s\"", argv[i]);
		} else if (!ref) {
			ref = argv[i];
		} else {
			return cli_usage("metrics", "one case at a time (got \"%s\" and \"%s\")", ref,
			                 argv[i]);
		}
	}
	if (!ref)
		return cli_usage("metrics", "name the case");
	if (rev > 0 && at >= 0)
		return cli_usage("metrics", "use --revision or --as-of, not both");
	kr_error_init(&err);
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "metrics", ref, rev, at, &status)))
		goto out;
	if (kr_metrics_compute(c, at >= 0 ? at : kr_today(), &m, &err) != KR_OK) {
		status = cli_fail("metrics", &err);
		goto out;
	}
	if (json) {
		if (kr_metrics_to_json(m, &text) != KR_OK) {
			fprintf(stderr, "kring metrics: out of memory\n");
			status = EXIT_DATA;
			goto out;
		}
		fputs(text, stdout);
	} else {
		print_text(m, cli->lang);
	}
out:
	free(text);
	kr_metrics_free(m);
	kr_case_free(c);
	kr_store_close(s);
	kr_error_cleanup(&err);
	return status;
}
