/*
 * cmd_show.c - `kring show REF [--revision N] [--as-of DATE]`: a short
 * overview of a case for a worker: the child, the current placement, the
 * network by world, the plan, the last meeting, and the signal counts.
 */
#include <string.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/signals.h"

static const char *world_nl[] = { "onbekend", "herkomst", "pleeggezin", "gedeeld",
	"professioneel" };
static const char *form_nl[] = { "", "informeel netwerk", "steungezin", "deeltijdpleegzorg",
	"voltijdpleegzorg", "crisisopvang", "gezinshuis", "residentieel", "thuis" };

static void show(struct kr_cli *cli, const struct kr_case *c, long on,
                 const struct kr_settings *settings)
{
	enum kr_lang L = cli->lang;
	const struct kr_person *child = &c->persons[c->child];
	int cp = kr_case_current_placement(c, on), age = kr_age_years(child->born, on);
	size_t worlds[KR_WORLD__N] = { 0 }, open = 0, overdue = 0;
	struct kr_signal_list l = { 0 };
	char d[11], d2[11];
	long last_meeting = -1;

	printf("%s %s\n", kr_tr(L, "Dossier", "Case"), c->ref);
	printf("  %-22s %s", kr_tr(L, "kind:", "child:"), kr_case_person_name(c, c->child));
	if (age >= 0)
		printf(kr_tr(L, " (%d jaar, geboren %s)", " (%d, born %s)"), age,
		       kr_date_format(child->born, d));
	printf("\n");
	if (kr_date_valid(c->opened))
		printf("  %-22s %s\n", kr_tr(L, "geopend:", "opened:"), kr_date_format(c->opened, d));
	if (cp >= 0) {
		const struct kr_placement *p = &c->placements[cp];
		printf("  %-22s %s %s %s", kr_tr(L, "plaatsing nu:", "current placement:"),
		       L == KR_LANG_EN ? kr_enum_name(KR_ENUM_FORM, p->form) : form_nl[p->form],
		       kr_tr(L, "sinds", "since"), kr_date_format(p->start, d));
		for (size_t k = 0; k < p->ncarers; k++)
			printf("%s%s", k ? ", " : kr_tr(L, ", bij ", ", with "),
			       kr_case_person_name(c, p->carers[k]));
		printf("%s\n", p->network == KR_TRUE ? kr_tr(L, " (netwerkpleegzorg)",
		                                              " (kinship care)") : "");
	} else {
		printf("  %-22s %s\n", kr_tr(L, "plaatsing nu:", "current placement:"),
		       kr_tr(L, "geen", "none"));
	}
	printf("  %-22s %zu\n", kr_tr(L, "plaatsingen totaal:", "placements in all:"),
	       c->nplacements);
	for (size_t i = 0; i < c->npersons; i++)
		if ((int)i != c->child)
			worlds[c->persons[i].world]++;
	printf("  %-22s %zu %s, %zu %s:", kr_tr(L, "netwerk:", "network:"), c->npersons - 1,
	       kr_tr(L, "personen", "people"), c->nties, kr_tr(L, "banden", "ties"));
	for (int w = 1; w < KR_WORLD__N; w++)
		printf(" %s %zu", L == KR_LANG_EN ? kr_enum_name(KR_ENUM_WORLD, w) : world_nl[w],
		       worlds[w]);
	if (worlds[0])
		printf(" %s %zu", world_nl[0], worlds[0]);
	printf("\n");
	for (size_t t = 0; t < c->nties; t++) {
		const struct kr_tie *tie = &c->ties[t];
		if (tie->trust_figure && (tie->a == c->child || tie->b == c->child))
			printf("  %-22s %s\n", kr_tr(L, "vertrouwensfiguur:", "trust figure:"),
			       kr_case_person_name(c, tie->a == c->child ? tie->b : tie->a));
	}
	if (c->plan.present) {
		for (size_t i = 0; i < c->plan.nagreements; i++) {
			const struct kr_agreement *a = &c->plan.agreements[i];
			if (a->status != KR_AGR_OPEN)
				continue;
			open++;
			overdue += kr_date_valid(a->due) && kr_date_last(a->due) < on;
		}
		printf(kr_tr(L, "  %-22s versie %d, vastgesteld %s, besproken %s; %zu open afspraken "
		             "(%zu te laat), %zu wensen\n",
		             "  %-22s version %d, adopted %s, reviewed %s; %zu open agreements "
		             "(%zu overdue), %zu wishes\n"),
		       kr_tr(L, "netwerkplan:", "network plan:"), c->plan.version,
		       kr_date_valid(c->plan.adopted) ? kr_date_format(c->plan.adopted, d) : "-",
		       kr_date_valid(c->plan.reviewed) ? kr_date_format(c->plan.reviewed, d2) : "-",
		       open, overdue, c->plan.nwishes);
	} else {
		printf("  %-22s %s\n", kr_tr(L, "netwerkplan:", "network plan:"),
		       kr_tr(L, "nog geen", "none yet"));
	}
	for (size_t m = 0; m < c->nmeetings; m++)
		if (kr_date_valid(c->meetings[m].date) && kr_date_first(c->meetings[m].date) <= on &&
		    kr_date_first(c->meetings[m].date) > last_meeting)
			last_meeting = kr_date_first(c->meetings[m].date);
	printf("  %-22s %s\n", kr_tr(L, "laatste bijeenkomst:", "last meeting:"),
	       last_meeting >= 0 ? kr_date_format(kr_date_from_days(last_meeting), d) : "-");
	if (kr_signals_compute(c, on, settings, &l, NULL) == KR_OK) {
		size_t count[3] = { 0 };
		for (size_t i = 0; i < l.n; i++)
			count[l.v[i].level]++;
		printf(kr_tr(L, "  %-22s %zu alarm, %zu let op, %zu info (kring signals %s)\n",
		             "  %-22s %zu alert, %zu warning, %zu info (kring signals %s)\n"),
		       kr_tr(L, "signalen:", "signals:"), count[KR_LEVEL_ALERT],
		       count[KR_LEVEL_WARNING], count[KR_LEVEL_INFO], c->ref);
		kr_signal_list_cleanup(&l);
	}
}

int cmd_show(struct kr_cli *cli, int argc, char **argv)
{
	const char *ref = NULL;
	long rev = 0, on = kr_today();
	struct kr_store *s;
	struct kr_case *c;
	struct kr_settings settings;
	struct kr_error err;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang,
			       "Gebruik: kring show DOSSIER [--revision N] [--as-of DATUM]\n"
			       "Toont een kort overzicht van het dossier.\n",
			       "Usage: kring show REF [--revision N] [--as-of DATE]\n"
			       "Shows a short overview of the case.\n"));
			return 0;
		}
		if ((g = cli_global_opt(cli, "show", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--revision") == 0 && i + 1 < argc) {
			if (!cli_parse_long("show", "--revision", argv[++i], 1, &rev))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("show", "--as-of", argv[++i], &on))
				return EXIT_USAGE;
		} else if (argv[i][0] == '-' || ref) {
			return cli_usage("show", "unexpected argument \"%s\"", argv[i]);
		} else {
			ref = argv[i];
		}
	}
	if (!ref)
		return cli_usage("show", "name the case");
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init(&err);
	if (kr_settings_load(s, &settings, &err)) {
		status = cli_fail("show", &err);
	} else if ((c = cli_load_case(cli, s, "show", ref, rev, -1, &status))) {
		show(cli, c, on, &settings);
		kr_case_free(c);
	}
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
