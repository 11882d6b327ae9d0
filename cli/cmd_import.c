/*
 * cmd_import.c - `kring import FILE...`: validate and store case documents.
 *
 * All files are one unit: every document is validated completely, and only
 * when all are valid is anything kept (one transaction).  Every problem is
 * printed as "FILE: path: message", in the language of --lang: the
 * library's messages are asked for in that language, never translated or
 * checked again here.  Exit 1 for invalid data, 2 for usage.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kring/buf.h"
#include "kring/case.h"

static const char *help_nl =
	"Gebruik: kring import [--author NAAM] BESTAND...\n"
	"Leest dossiers in het formaat kring-case/1 (een bestand per dossier, - is de\n"
	"standaardinvoer). Elk dossier wordt eerst helemaal gecontroleerd; als er een\n"
	"fout in zit, wordt niets opgeslagen. Een dossier dat al bestaat krijgt een\n"
	"nieuwe versie.\n";
static const char *help_en =
	"Usage: kring import [--author NAME] FILE...\n"
	"Reads case documents in the kring-case/1 format (one file per case, - is\n"
	"standard input). Every document is checked completely first; if any has a\n"
	"problem, nothing is stored. A case that exists already gets a new revision.\n";

/* Why a file cannot be read, in err's language. */
static enum kr_status io_error(struct kr_error *err, int e, const char *nl, const char *en)
{
	const char *why = strerror(e);

	if (err && err->lang == KR_LANG_NL) {
		switch (e) {
		case ENOENT: why = "het bestand bestaat niet"; break;
		case EACCES: case EPERM: why = "je hebt geen toegang tot het bestand"; break;
		case EISDIR: why = "dit is een map, geen bestand"; break;
		case ENOTDIR: why = "een deel van het pad is geen map"; break;
		default: break;
		}
	}
	return kr_error_say(err, KR_EIO, "%s: %s", "%s: %s", kr_tr(err ? err->lang : KR_LANG_NL,
	                    nl, en), why);
}

/* Reads a whole file, refusing more than limit bytes.  *data is malloc'd. */
static enum kr_status read_all(const char *path, size_t limit, char **data, size_t *len,
                               struct kr_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t n = 0, cap = 0;
	enum kr_status rc = KR_OK;
	struct stat st;

	*data = NULL;
	if (!f)
		return io_error(err, errno, "kan niet worden geopend", "cannot open");
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = kr_error_say(err, KR_EIO, "is een map, geen bestand; noem een bestand",
		                  "is a folder, not a file");
		goto out;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > limit) {
		rc = kr_error_say(err, KR_ETOOBIG, "het bestand is %lld bytes; een dossier mag "
		                  "hoogstens %zu bytes (16 MiB) zijn", "the file is %lld bytes; a case "
		                  "document may be at most %zu bytes (16 MiB)", (long long)st.st_size,
		                  limit);
		goto out;
	}
	for (;;) {
		size_t got;
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			if (!(grown = realloc(buf, cap))) {
				rc = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
				goto out;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > limit) {
			rc = kr_error_say(err, KR_ETOOBIG, "een dossier mag hoogstens %zu bytes (16 MiB) "
			                  "zijn", "a case document may be at most %zu bytes (16 MiB)",
			                  limit);
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(f))
		rc = io_error(err, errno, "lezen lukt niet", "reading failed");
out:
	if (f != stdin)
		fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	*data = buf;
	*len = n;
	return KR_OK;
}

int cmd_import(struct kr_cli *cli, int argc, char **argv)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	int first = 0, status = 0, bad = 0, stored = 0;
	bool open_tx = false;
	struct kr_buf report;

	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			printf("%s", kr_tr(cli->lang, help_nl, help_en));
			return 0;
		}
		if ((g = cli_global_opt(cli, "import", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("import", kr_tr(cli->lang, "onbekende optie \"%s\"",
			                 "unknown option \"%s\""), argv[i]);
		if (!first)
			first = i;
	}
	if (!first)
		return cli_usage("import", "%s", kr_tr(cli->lang, "noem minstens een bestand om in "
		                 "te lezen", "name at least one file to import"));
	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&err, cli->lang);
	kr_buf_init(&report, 1u << 20);
	if (kr_store_begin(s, &err)) {
		status = cli_fail("import", &err);
		goto out;
	}
	open_tx = true;
	for (int i = first; i < argc; i++) {
		char *text = NULL;
		size_t len = 0;
		struct kr_case *c = NULL;
		enum kr_status rc;
		long rev = 0;
		int g;

		if ((g = cli_global_opt(cli, "import", argc, argv, &i)))
			continue;
		kr_error_cleanup(&err);
		rc = read_all(argv[i], KR_CASE_MAX_BYTES, &text, &len, &err);
		if (!rc)
			rc = kr_case_read(text, len, &c, &err);
		if (!rc && bad == 0)
			rc = kr_store_put(s, c, cli->author, 0, &rev, &err);
		if (rc) {
			bad++;
			fprintf(stderr, "%s: %s\n", argv[i], err.message);
			for (size_t k = 0; k < err.ndetails; k++)
				fprintf(stderr, "%s: %s\n", argv[i], err.details[k]);
			if (err.ndropped)
				fprintf(stderr, kr_tr(cli->lang, "%s: ... en nog %zu problemen\n",
				        "%s: ... and %zu more problems\n"), argv[i], err.ndropped);
			if (rc != KR_EINVAL && rc != KR_ETOOBIG && rc != KR_EIO)
				status = EXIT_DATA;
		} else if (bad == 0) {
			stored++;
			if (argc - first <= 20)
				kr_buf_printf(&report, kr_tr(cli->lang,
				              "%s: dossier %s opgeslagen als versie %ld\n",
				              "%s: case %s stored as revision %ld\n"), argv[i], c->ref, rev);
		}
		kr_case_free(c);
		free(text);
	}
	kr_error_cleanup(&err);
	if (bad) {
		kr_store_end(s, false, NULL);
		open_tx = false;
		fprintf(stderr, kr_tr(cli->lang,
		        "kring import: %d bestand(en) afgekeurd; er is niets opgeslagen\n",
		        "kring import: %d file(s) rejected; nothing was stored\n"), bad);
		status = EXIT_DATA;
		goto out;
	}
	open_tx = false;
	if (kr_store_end(s, true, &err)) {
		status = cli_fail("import", &err);
		goto out;
	}
	/* Only now that the commit succeeded do we say what was stored. */
	if (report.data)
		fputs(report.data, stdout);
	if (argc - first > 20)
		printf(kr_tr(cli->lang, "%d dossiers opgeslagen\n", "%d cases stored\n"), stored);
out:
	if (open_tx)
		kr_store_end(s, false, NULL);
	kr_buf_cleanup(&report);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return status;
}
