/*
 * cmd_generate.c - `kring generate --cases N --seed S [--anchor DATE]
 * [-o DIR [--history]]`: synthetic, realistic case documents for tests and
 * benchmarks, the same for the same seed (lib/generate.c does the work).
 * With -o the family plans of the sibling cases among them go to
 * DIR/familyplans/; with --history also the days on which the cases were
 * recorded before the anchor, and earlier states of some
 * (lib/generate_history.c), as DIR/history/YYYY-MM-DD.jsonl: the documents
 * recorded on that day, one a line, for `kring import --recorded-at DAY`.
 * With --families the placements with strangers name foster families of a
 * generated register (lib/generate_family.c), written to DIR/families/ as
 * one kring-family/1 document each, to import before the cases.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/generate.h"
#include "opts.h"

struct args {
	long ncases, seed, anchor;
	const char *dir;
	bool history, families;
};

/* The open files of DIR/history, by (anchor - day) / 14. */
#define HISTORY_FILES 64
struct history {
	FILE *f[HISTORY_FILES];
};

static const struct cli_opt opts[] = {
	{ .name = "--cases", .kind = CLI_LONG, .at = offsetof(struct args, ncases), .min = 1,
	  .max = 10000000, .help_nl = "hoeveel dossiers (standaard 1)",
	  .help_en = "how many cases (default 1)" },
	{ .name = "--seed", .kind = CLI_LONG, .at = offsetof(struct args, seed), .min = 0,
	  .max = LONG_MAX, .value_nl = "S", .value_en = "S",
	  .help_nl = "het startgetal: dezelfde seed geeft dezelfde dossiers (standaard 1)",
	  .help_en = "the seed: the same seed gives the same cases (default 1)" },
	{ .name = "--anchor", .kind = CLI_DAY, .at = offsetof(struct args, anchor),
	  .help_nl = "'vandaag' in de verzonnen wereld (standaard 2026-12-01)",
	  .help_en = "'today' in the synthetic world (default 2026-12-01)" },
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, dir),
	  .flags = CLI_NO_DASH, .value_nl = "MAP", .value_en = "DIR",
	  .help_nl = "een bestand per dossier in MAP, de gezinsplannen van broers en zussen in "
	             "MAP/familyplans; zonder -o een dossier per regel op de standaarduitvoer "
	             "(JSON Lines, voor kring import -), zonder gezinsplannen",
	  .help_en = "one file per case in DIR, the family plans of siblings in "
	             "DIR/familyplans; without -o one case per line on standard output (JSON "
	             "Lines, for kring import -), without family plans" },
	{ .name = "--history", .kind = CLI_FLAG, .at = offsetof(struct args, history),
	  .help_nl = "met -o: schrijf ook op welke dag elk dossier eerder is vastgelegd, en "
	             "van een deel een eerdere stand (een band die daarna slechter werd, een "
	             "club die na de verhuizing wegviel), in MAP/history/JJJJ-MM-DD.jsonl; lees "
	             "die dag voor dag in met kring import --recorded-at JJJJ-MM-DD, de oudste "
	             "eerst, vóór de dossiers zelf",
	  .help_en = "with -o: also write on which day each case was recorded before, and for "
	             "some an earlier state (a tie that later worsened, a club lost after the "
	             "move), in DIR/history/YYYY-MM-DD.jsonl; import them day by day with kring "
	             "import --recorded-at YYYY-MM-DD, oldest first, before the cases themselves" },
	{ .name = "--families", .kind = CLI_FLAG, .at = offsetof(struct args, families),
	  .help_nl = "met -o: plaatsingen bij vreemden noemen een pleeggezin uit een verzonnen "
	             "register (placements[].family), een bestand per gezin in MAP/families; "
	             "lees die eerst in met kring family import",
	  .help_en = "with -o: placements with strangers name a foster family of a generated "
	             "register (placements[].family), one file per family in DIR/families; "
	             "import those first with kring family import" },
};

/* The family plan of the sibling cases index and index + 1, when there is
 * one, as DIR/familyplans/FP-GEN-<seed>-<index>.json. */
static int family_plan(const struct args *a, long index)
{
	struct kr_error err;
	char *doc = NULL, path[4096];
	int status = 0;

	kr_error_init(&err);
	if (kr_generate_family_plan((uint64_t)a->seed, (unsigned long)index, a->anchor, &doc,
	                            &err)) {
		status = cli_fail("generate", &err);
	} else if (doc) {
		snprintf(path, sizeof path, "%s/familyplans/FP-GEN-%ld-%06ld.json", a->dir, a->seed,
		         index);
		status = cli_write_file("generate", path, doc, strlen(doc));
	}
	free(doc);
	kr_error_cleanup(&err);
	return status;
}

/* Appends the recorded states of case index to DIR/history/DAY.jsonl, a
 * file opened (emptied) the first time this run writes a day. */
static int history(struct kr_cli *cli, const struct args *a, struct history *h, long index)
{
	struct kr_generated_revision rev[KR_GENERATE_MAX_HISTORY];
	struct kr_error err;
	size_t n = 0;
	int status = 0;

	kr_error_init_lang(&err, cli->lang);
	if (kr_generate_history((uint64_t)a->seed, (unsigned long)index, a->anchor, rev, &n,
	                        &err)) {
		status = cli_fail("generate", &err);
		goto out;
	}
	for (size_t k = 0; k < n && !status; k++) {
		long slot = (a->anchor - rev[k].day) / 14;
		if (a->families && kr_generate_families((uint64_t)a->seed, (unsigned long)index,
		                                        a->anchor, &rev[k].doc, NULL, NULL, &err)) {
			status = cli_fail("generate", &err);
			break;
		}
		char path[4096], day[16];
		kr_date_format(kr_date_from_days(rev[k].day), day);
		snprintf(path, sizeof path, "%s/history/%s.jsonl", a->dir, day);
		if (slot < 0 || slot >= HISTORY_FILES)
			continue;
		if (!h->f[slot] && !(h->f[slot] = fopen(path, "w"))) {
			fprintf(stderr, kr_tr(cli->lang, "kring generate: %s kan niet gemaakt worden: %s\n",
			                      "kring generate: cannot create %s: %s\n"), path,
			        strerror(errno));
			status = EXIT_DATA;
		} else if (fprintf(h->f[slot], "%s\n", rev[k].doc) < 0) {
			fprintf(stderr, kr_tr(cli->lang, "kring generate: schrijven naar %s lukt niet\n",
			                      "kring generate: cannot write to %s\n"), path);
			status = EXIT_DATA;
		}
	}
	for (size_t k = 0; k < n; k++)
		free(rev[k].doc);
out:
	kr_error_cleanup(&err);
	return status;
}

/* Closes the history files; EXIT_DATA when one could not be written. */
static int history_close(struct kr_cli *cli, struct history *h)
{
	int status = 0;
	for (int k = 0; k < HISTORY_FILES; k++)
		if (h->f[k] && fclose(h->f[k]) != 0) {
			fprintf(stderr, kr_tr(cli->lang, "kring generate: een bestand in history/ kon "
			                      "niet worden weggeschreven: %s\n", "kring generate: a file "
			                      "in history/ could not be written: %s\n"), strerror(errno));
			status = EXIT_DATA;
		}
	return status;
}

/* Links the placements of case index (*doc) to their families and writes
 * each family to DIR/families/ID.json. */
static int families(struct kr_cli *cli, const struct args *a, long index, char **doc)
{
	char *fam[KR_GENERATE_MAX_FAMILIES];
	struct kr_error err;
	size_t n = 0;
	int status = 0;

	kr_error_init_lang(&err, cli->lang);
	if (kr_generate_families((uint64_t)a->seed, (unsigned long)index, a->anchor, doc, fam, &n,
	                         &err)) {
		status = cli_fail("generate", &err);
		goto out;
	}
	for (size_t k = 0; k < n; k++) {
		json_t *j = status ? NULL : json_loads(fam[k], 0, NULL);
		const char *id = json_string_value(json_object_get(j, "id"));
		char path[4096];
		if (!status && id) {
			snprintf(path, sizeof path, "%s/families/%s.json", a->dir, id);
			status = cli_write_file("generate", path, fam[k], strlen(fam[k]));
		}
		json_decref(j);
		free(fam[k]);
	}
out:
	kr_error_cleanup(&err);
	return status;
}

static int make_dir(struct kr_cli *cli, const char *dir)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, kr_tr(cli->lang, "kring generate: map %s kan niet gemaakt worden: %s\n",
		                      "kring generate: cannot create %s: %s\n"), dir, strerror(errno));
		return EXIT_DATA;
	}
	return 0;
}

static const struct cli_cmd spec = {
	.name = "generate",
	.opts = CLI_N(opts),
	.about_nl = "Maakt verzonnen maar realistische dossiers (voor tests en metingen).\n",
	.about_en = "Makes fictional but realistic cases (for tests and benchmarks).\n",
};

int cmd_generate(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { 1, 1, kr_days_from_civil(2026, 12, 1), NULL, false, false };
	struct history h;
	int status = cli_parse(cli, &spec, argc, argv, &a), closed;

	if (status >= 0)
		return status;
	status = 0;
	memset(&h, 0, sizeof h);
	if (a.history && !a.dir)
		return cli_usage("generate", "%s", kr_tr(cli->lang, "--history schrijft naar "
		                 "MAP/history/: noem de map met -o MAP", "--history writes to "
		                 "DIR/history/: name the folder with -o DIR"));
	if (a.families && !a.dir)
		return cli_usage("generate", "%s", kr_tr(cli->lang, "--families schrijft naar "
		                 "MAP/families/: noem de map met -o MAP", "--families writes to "
		                 "DIR/families/: name the folder with -o DIR"));
	if (a.dir) {
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/familyplans", a.dir);
		if ((status = make_dir(cli, a.dir)) || (status = make_dir(cli, sub)))
			return status;
		snprintf(sub, sizeof sub, "%s/history", a.dir);
		if (a.history && (status = make_dir(cli, sub)))
			return status;
		snprintf(sub, sizeof sub, "%s/families", a.dir);
		if (a.families && (status = make_dir(cli, sub)))
			return status;
	}
	for (long i = 0; i < a.ncases && !status; i++) {
		struct kr_error err;
		char *doc = NULL;
		kr_error_init(&err);
		if (kr_generate_case((uint64_t)a.seed, (unsigned long)i, a.anchor, &doc, &err)) {
			status = cli_fail("generate", &err);
		} else if (a.families && (status = families(cli, &a, i, &doc))) {
			;
		} else if (a.dir) {
			char path[4096];
			snprintf(path, sizeof path, "%s/GEN-%ld-%06ld.json", a.dir, a.seed, i);
			status = cli_write_file("generate", path, doc, strlen(doc));
		} else if (printf("%s\n", doc) < 0) {
			status = EXIT_DATA;
		}
		free(doc);
		kr_error_cleanup(&err);
		/* the pair's plan once both its cases are written */
		if (!status && a.dir && i % 2 == 1)
			status = family_plan(&a, i - 1);
		if (!status && a.history)
			status = history(cli, &a, &h, i);
	}
	closed = history_close(cli, &h);
	return status ? status : closed;
}
