/*
 * util.c - the helpers of cli.h that every subcommand shares: opening the
 * store, reporting errors, parsing option values, loading a case at a
 * chosen revision, and writing output files atomically.  What they print
 * is in the language of the run (--lang, which cli_configure() also gives
 * the library), and library errors are printed as the library wrote them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/init.h"

/* The language of this run: cli_configure() gave it to the library. */
static enum kr_lang run_lang(void)
{
	return kr_config_get()->lang;
}

struct kr_store *cli_open_store(struct kr_cli *cli)
{
	struct kr_store *s = NULL;
	struct kr_error err;

	kr_error_init(&err);
	if (kr_store_open(cli->db_path, &s, &err) != KR_OK) {
		fprintf(stderr, "kring: %s\n", err.message);
		s = NULL;
	}
	kr_error_cleanup(&err);
	return s;
}

int cli_fail(const char *cmd, const struct kr_error *err)
{
	fprintf(stderr, "kring %s: %s\n", cmd, err->message[0] ? err->message
	        : kr_tr(err->lang, "mislukt", "failed"));
	for (size_t i = 0; i < err->ndetails; i++)
		fprintf(stderr, "  %s\n", err->details[i]);
	if (err->ndropped)
		fprintf(stderr, kr_tr(err->lang, "  ... en nog %zu\n", "  ... and %zu more\n"),
		        err->ndropped);
	return err->code == KR_EUSAGE ? EXIT_USAGE : EXIT_DATA;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "kring %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, kr_tr(run_lang(), "\n(kring %s --help laat zien hoe het werkt)\n",
	        "\n(kring %s --help shows how to use it)\n"), cmd);
	return EXIT_USAGE;
}

bool cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

bool cli_parse_day(const char *cmd, const char *opt, const char *s, long *day)
{
	struct kr_date d;
	if (!s || !kr_date_parse_full(s, &d)) {
		cli_usage(cmd, kr_tr(run_lang(), "%s: \"%s\" is geen datum (schrijf JJJJ-MM-DD)",
		          "%s: \"%s\" is not a date (use YYYY-MM-DD)"), opt, s ? s : "");
		return false;
	}
	*day = kr_date_first(d);
	return true;
}

bool cli_parse_long(const char *cmd, const char *opt, const char *s, long min, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = s ? strtol(s, &end, 10) : 0;
	if (!s || errno || end == s || *end || v < min) {
		cli_usage(cmd, kr_tr(run_lang(), "%s: \"%s\" is geen heel getal van %ld of meer",
		          "%s: \"%s\" is not a whole number of %ld or more"), opt, s ? s : "", min);
		return false;
	}
	*out = v;
	return true;
}

struct kr_case *cli_load_case(struct kr_cli *cli, struct kr_store *s, const char *cmd,
                              const char *ref, long rev, long at, int *status)
{
	struct kr_error err;
	struct kr_case *c = NULL;
	enum kr_status rc = KR_OK;

	kr_error_init_lang(&err, cli->lang);
	if (rev <= 0 && at >= 0)
		rc = kr_store_revision_at(s, ref, at, &rev, &err);
	if (!rc)
		rc = kr_store_get(s, ref, rev > 0 ? rev : 0, &c, &err);
	if (rc) {
		*status = cli_fail(cmd, &err);
		c = NULL;
	}
	kr_error_cleanup(&err);
	return c;
}

int cli_write_file(const char *cmd, const char *path, const void *data, size_t len)
{
	char *tmp = NULL;
	FILE *f;
	size_t n = strlen(path) + 16;
	int fd;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
			fprintf(stderr, kr_tr(run_lang(), "kring %s: schrijven naar de standaarduitvoer "
			        "mislukt\n", "kring %s: writing to standard output failed\n"), cmd);
			return EXIT_DATA;
		}
		return 0;
	}
	tmp = malloc(n);
	if (!tmp)
		goto fail;
	snprintf(tmp, n, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		goto fail_unlink;
	}
	if (fwrite(data, 1, len, f) != len || fflush(f) || fsync(fileno(f))) {
		fclose(f);
		goto fail_unlink;
	}
	if (fclose(f) || rename(tmp, path))
		goto fail_unlink;
	free(tmp);
	return 0;
fail_unlink:
	unlink(tmp);
fail:
	fprintf(stderr, kr_tr(run_lang(), "kring %s: %s kan niet worden geschreven: %s\n",
	        "kring %s: cannot write %s: %s\n"), cmd, path, strerror(errno));
	free(tmp);
	return EXIT_DATA;
}

int cli_global_opt(struct kr_cli *cli, const char *cmd, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	if (strcmp(a, "--db") && strcmp(a, "--lang") && strcmp(a, "--author") &&
	    strcmp(a, "--audit-key"))
		return 0;
	if (*i + 1 >= argc) {
		cli_usage(cmd, kr_tr(cli->lang, "%s heeft een waarde nodig", "%s needs a value"), a);
		return -1;
	}
	*i += 1;
	if (strcmp(a, "--db") == 0) {
		cli->db_path = argv[*i];
	} else if (strcmp(a, "--author") == 0) {
		cli->author = argv[*i];
	} else if (strcmp(a, "--audit-key") == 0) {
		cli->audit_key = argv[*i];
		cli_configure(cli);
	} else if (kr_lang_parse(argv[*i], &cli->lang)) {
		cli_usage(cmd, kr_tr(cli->lang, "--lang kent nl of en, niet \"%s\"",
		          "--lang takes nl or en, not \"%s\""), argv[*i]);
		return -1;
	} else {
		cli_configure(cli);
	}
	return 1;
}

void cli_configure(const struct kr_cli *cli)
{
	struct kr_config cfg;
	const char *env = getenv("KRING_THREADS");

	kr_config_defaults(&cfg);
	cfg.parse_arena = true;
	cfg.lang = cli->lang;
	cfg.audit_key_file = cli->audit_key;
	if (env && *env) {
		long n = strtol(env, NULL, 10);
		cfg.threads = n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
	kr_init(&cfg, NULL);
}
