/*
 * util.c - the helpers of cli.h that every subcommand shares: opening the
 * store, reporting errors, loading a case at a chosen revision, writing the
 * command's audit row, and writing output files atomically.  What they print
 * is in the language of the run (--lang, which cli_configure() also gives
 * the library), and library errors are printed as the library wrote them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/diff.h"
#include "kring/init.h"

/* The language of this run: cli_configure() gave it to the library. */
static enum kr_lang run_lang(void)
{
	return kr_config_get()->lang;
}

/* The source of the command line's rows: "local:<os user>@<host>" (the
 * operating-system user is there too for rows whose who is a kring account,
 * such as an erasure's admin). */
static const char *source(const struct kr_cli *cli)
{
	static char buf[KR_AUDIT_ADDR_MAX + 1];
	char host[256] = "";

	if (gethostname(host, sizeof host - 1) != 0 || !*host)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	snprintf(buf, sizeof buf, "local:%s@%s", cli->os_user, host);
	return buf;
}

/* The access point of the command: "kring show". */
static const char *access_point(const char *cmd)
{
	static char buf[KR_AUDIT_POINT_MAX + 1];

	snprintf(buf, sizeof buf, "kring %s", cmd ? cmd : "");
	return buf;
}

/* --author (or $KRING_USER) when given and not the operating-system user. */
static const char *on_behalf(const struct kr_cli *cli)
{
	return cli->author_given && strcmp(cli->author, cli->os_user) != 0 ? cli->author : NULL;
}

int cli_audit_context(struct kr_cli *cli, const char *role)
{
	struct kr_error err;
	int status = 0;
	struct kr_audit_context ctx = {
		.on_behalf = on_behalf(cli),
		.address = source(cli),
		.access_point = access_point(cli->cmd),
		.role = role,
	};

	kr_error_init_lang(&err, cli->lang);
	if (kr_audit_context_set(&ctx, &err) != KR_OK) {
		fprintf(stderr, "kring: %s\n", err.message);
		status = EXIT_DATA;
	}
	kr_error_cleanup(&err);
	return status;
}

struct kr_store *cli_open_store(struct kr_cli *cli)
{
	struct kr_store *s = NULL;
	struct kr_error err;

	if (cli_audit_context(cli, CLI_AUDIT_ROLE))
		return NULL;
	kr_error_init_lang(&err, cli->lang);
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
	bool sub = cmd && *cmd;

	fprintf(stderr, "kring%s%s: ", sub ? " " : "", sub ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, kr_tr(run_lang(), "\n(kring%s%s --help laat zien hoe het werkt)\n",
	        "\n(kring%s%s --help shows how to use it)\n"), sub ? " " : "", sub ? cmd : "");
	return EXIT_USAGE;
}

struct kr_case *cli_load_case(struct kr_cli *cli, struct kr_store *s, const char *cmd,
                              const char *ref, struct cli_pick pick, long *rev_out,
                              int *status)
{
	struct kr_error err;
	struct kr_case *c = NULL;
	enum kr_status rc = KR_OK;
	long rev = pick.rev > 0 ? pick.rev : 0;

	kr_error_init_lang(&err, cli->lang);
	if (rev == 0 && pick.recorded >= 0)
		rc = kr_store_revision_recorded(s, ref, pick.recorded, &rev, &err);
	else if (rev == 0)
		rc = kr_store_head(s, ref, &rev, &err);
	if (!rc)
		rc = kr_store_get(s, ref, rev, &c, &err);
	if (rc) {
		*status = cli_fail(cmd, &err);
		c = NULL;
	} else if (rev_out) {
		*rev_out = rev;
	}
	kr_error_cleanup(&err);
	return c;
}

int cli_audit_entry(struct kr_cli *cli, struct kr_store *s, const char *cmd,
                    struct kr_audit_entry *e)
{
	struct kr_error err;
	int status = 0;

	if (!e->who)
		e->who = cli->os_user;
	if (!e->on_behalf && strcmp(e->who, cli->os_user) == 0)
		e->on_behalf = on_behalf(cli);
	if (!e->when)
		e->when = kr_now();
	if (!e->role)
		e->role = CLI_AUDIT_ROLE;
	if (!e->access_point)
		e->access_point = access_point(cmd);
	if (!e->address)
		e->address = source(cli);
	kr_error_init_lang(&err, cli->lang);
	if (kr_audit_log(s, e, NULL, &err) != KR_OK) {
		fprintf(stderr, kr_tr(cli->lang, "kring %s: het logboek kan niet worden geschreven, "
		                      "dus er wordt niets getoond of bewaard: %s\n",
		                      "kring %s: the audit trail cannot be written, so nothing is "
		                      "shown or kept: %s\n"), cmd, err.message);
		status = EXIT_DATA;
	}
	kr_error_cleanup(&err);
	return status;
}

int cli_audit(struct kr_cli *cli, struct kr_store *s, const char *cmd, char action,
              const char *ref, const char *detail)
{
	struct kr_audit_entry e = {
		.action = action,
		.ref = ref,
		.detail = detail,
	};

	return cli_audit_entry(cli, s, cmd, &e);
}

char *cli_read_file(struct kr_cli *cli, const char *cmd, const char *path, size_t max,
                    size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = max + 2, n = 0;
	char *buf;

	*len = 0;
	if (!f) {
		fprintf(stderr, kr_tr(cli->lang, "kring %s: %s kan niet worden geopend\n",
		                      "kring %s: cannot open %s\n"), cmd, path);
		return NULL;
	}
	if ((buf = malloc(cap)))
		n = fread(buf, 1, cap - 1, f);
	if (f != stdin)
		fclose(f);
	if (!buf) {
		fprintf(stderr, "kring %s: %s\n", cmd, kr_tr(cli->lang, "te weinig geheugen",
		        "out of memory"));
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

int cli_write_file(const char *cmd, const char *path, const void *data, size_t len)
{
	char *tmp = NULL;
	FILE *f;
	size_t n = strlen(path) + 16;
	int fd, e;

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
	e = errno;
	unlink(tmp);
	errno = e;
fail:
	e = errno;
	fprintf(stderr, kr_tr(run_lang(), "kring %s: %s kan niet worden geschreven: %s\n",
	        "kring %s: cannot write %s: %s\n"), cmd, path, kr_errno_text(e, run_lang()));
	free(tmp);
	return EXIT_DATA;
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
	/* every store of this process is used by one thread at a time (the
	 * bulk walks give each worker its own connection): SQLite needs no
	 * locks of its own, nor its global allocation statistics */
	kr_store_connections_per_thread(NULL);
}

int cli_print_changes(struct kr_cli *cli, const char *cmd,
                      const struct kr_revision_changes *v, size_t n, bool json)
{
	struct kr_buf b;
	json_t *arr = NULL;
	char *text = NULL;
	int status = 0;

	if (json) {
		if (!(arr = kr_diff_history_json(v, n)) ||
		    !(text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
			status = cli_fail(cmd, NULL);
		else
			printf("%s\n", text);
		free(text);
		json_decref(arr);
		return status;
	}
	kr_buf_init(&b, 64u * 1024u * 1024u);
	for (size_t i = 0; i < n; i++) {
		kr_buf_printf(&b, kr_tr(cli->lang, "versie %ld  %s  %s\n", "revision %ld  %s  %s\n"),
		              v[i].info.rev, v[i].info.created, v[i].who);
		if (v[i].diff.n == 0)
			kr_buf_printf(&b, "  %s\n", kr_tr(cli->lang, "(niets veranderd)",
			                                  "(nothing changed)"));
		kr_diff_text(&v[i].diff, cli->lang, "  ", &b);
	}
	if (b.failed)
		status = cli_fail(cmd, NULL);
	else if (b.len)
		fwrite(b.data, 1, b.len, stdout);
	kr_buf_cleanup(&b);
	return status;
}
