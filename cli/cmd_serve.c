/*
 * cmd_serve.c - `kring serve`: the HTTP API and the browser UI
 * (docs/api.md, server/).  Parses the options, blocks SIGTERM and SIGINT in
 * every thread (the server waits for them with sigwait and then shuts down
 * cleanly), and runs the server until then.
 *
 * For tests only, --clock-file FILE (refused unless --unsafe-testing is
 * given too) makes the library's clock (kr_config.clock, so sessions,
 * throttling, audit and revision times) read the time from FILE, which the
 * test writes, instead of the system clock: session expiry is then tested
 * at the exact second without sleeping.  docs/deploy.md says why it must
 * never be used in production.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kring/init.h"
#include "opts.h"
#include "../server/server.h"

/* The last time read from the clock file: the clock keeps it when the file
 * is being rewritten (empty or half-written) at the moment it is read. */
static _Atomic long long file_now;

/* kr_config.clock for --clock-file: seconds since the epoch, the first
 * number in the file. */
static time_t file_clock(void *arg)
{
	char buf[32];
	FILE *f = fopen(arg, "r");
	long long v;
	char *end;

	if (f) {
		if (fgets(buf, sizeof buf, f)) {
			errno = 0;
			v = strtoll(buf, &end, 10);
			if (!errno && end != buf && v > 0)
				atomic_store(&file_now, v);
		}
		fclose(f);
	}
	return (time_t)atomic_load(&file_now);
}

/* Installs the file clock; refuses a file others could write or that holds
 * no time yet.  Returns 0, or prints why not and returns EXIT_USAGE. */
static int use_clock_file(const char *path, enum kr_lang lang)
{
	struct kr_config c = *kr_config_get();
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)))
		return cli_usage("serve", "%s: \"%s\"", kr_tr(lang,
		                 "--clock-file wil een gewoon bestand van jezelf waarin niemand anders "
		                 "mag schrijven", "--clock-file needs a regular file of your own that "
		                 "nobody else may write"), path);
	c.clock = file_clock;
	c.clock_arg = (void *)path;
	if (file_clock(c.clock_arg) <= 0 || kr_init(&c, NULL) != KR_OK)
		return cli_usage("serve", "%s: \"%s\"", kr_tr(lang,
		                 "--clock-file: het bestand bevat geen tijd (seconden sinds 1970)",
		                 "--clock-file: the file holds no time (seconds since 1970)"), path);
	return 0;
}

struct args {
	struct ks_config cfg;
	long user_writes;
	long threads, max_connections, timeout, max_per_address, header_deadline,
	     request_deadline;
	bool unsafe_testing;
};

#define AT(f) offsetof(struct args, f)

static const struct cli_opt opts[] = {
	{ .name = "--listen", .kind = CLI_TEXT, .at = AT(cfg.listen),
	  .value_nl = "ADRES:POORT", .value_en = "ADDRESS:PORT",
	  .help_nl = "waar de server luistert (standaard 127.0.0.1:8080; poort 0 kiest een vrije)",
	  .help_en = "where the server listens (default 127.0.0.1:8080; port 0 picks a free one)" },
	{ .name = "--web", .kind = CLI_FILE, .at = AT(cfg.web_dir), .flags = CLI_NO_DASH,
	  .value_nl = "MAP", .value_en = "DIR",
	  .help_nl = "de map van de browser-app (standaard ./web)",
	  .help_en = "the folder of the browser UI (default ./web)" },
	{ .name = "--tls-cert", .kind = CLI_FILE, .at = AT(cfg.tls_cert), .flags = CLI_NO_DASH,
	  .help_nl = "TLS: het certificaat (PEM), met --tls-key",
	  .help_en = "TLS: the certificate (PEM), with --tls-key" },
	{ .name = "--tls-key", .kind = CLI_FILE, .at = AT(cfg.tls_key), .flags = CLI_NO_DASH,
	  .help_nl = "TLS: de sleutel (PEM)", .help_en = "TLS: the key (PEM)" },
	{ .name = "--threads", .kind = CLI_LONG, .at = AT(threads), .min = 1, .max = 256,
	  .help_nl = "hoeveel threads verzoeken afhandelen (standaard: een per kern)",
	  .help_en = "how many threads handle requests (default: one per core)" },
	{ .name = "--max-connections", .kind = CLI_LONG, .at = AT(max_connections), .min = 1,
	  .max = 100000, .help_nl = "hoeveel verbindingen tegelijk (standaard 256)",
	  .help_en = "how many connections at once (default 256)" },
	{ .name = "--timeout", .kind = CLI_LONG, .at = AT(timeout), .min = 1, .max = 3600,
	  .value_nl = "S", .value_en = "S",
	  .help_nl = "seconden voordat een stille verbinding sluit (standaard 30)",
	  .help_en = "seconds before an idle connection is closed (default 30)" },
	{ .name = "--session-idle", .kind = CLI_LONG, .at = AT(cfg.session_idle_s), .min = 1,
	  .max = LONG_MAX, .value_nl = "S", .value_en = "S",
	  .help_nl = "een sessie eindigt na S seconden zonder gebruik (1800)",
	  .help_en = "a session ends after S seconds unused (1800)" },
	{ .name = "--session-max", .kind = CLI_LONG, .at = AT(cfg.session_max_s), .min = 1,
	  .max = LONG_MAX, .value_nl = "S", .value_en = "S",
	  .help_nl = "en altijd S seconden na het inloggen (43200)",
	  .help_en = "and always S seconds after login (43200)" },
	{ .name = "--max-per-address", .kind = CLI_LONG, .at = AT(max_per_address), .min = 1,
	  .max = 100000, .help_nl = "hooguit N verbindingen tegelijk van een adres (64)",
	  .help_en = "at most N connections at once from one address (64)" },
	{ .name = "--user-writes", .kind = CLI_LONG, .at = AT(user_writes), .min = 1,
	  .max = 1000000, .help_nl = "een gebruiker doet hooguit N wijzigingen per seconde, na "
	  "300 in een keer (5)", .help_en = "a user makes at most N changes a second, after 300 "
	  "at once (5)" },
	{ .name = "--header-deadline", .kind = CLI_LONG, .at = AT(header_deadline), .min = 1,
	  .max = 3600, .value_nl = "S", .value_en = "S",
	  .help_nl = "de kopregels van een verzoek binnen S seconden (10)",
	  .help_en = "a request's headers within S seconds (10)" },
	{ .name = "--request-deadline", .kind = CLI_LONG, .at = AT(request_deadline), .min = 1,
	  .max = 86400, .value_nl = "S", .value_en = "S",
	  .help_nl = "het hele verzoek (kop en inhoud) binnen S seconden (60)",
	  .help_en = "the whole request (headers and body) within S seconds (60)" },
	{ .name = "--trust-proxy", .kind = CLI_TEXT, .at = AT(cfg.trust_proxy),
	  .value_nl = "ADRES[,ADRES]", .value_en = "ADDRESS[,ADDRESS]",
	  .help_nl = "geloof X-Real-IP en X-Forwarded-Proto alleen van deze proxy-adressen "
	             "(zie docs/deploy.md)",
	  .help_en = "believe X-Real-IP and X-Forwarded-Proto only from these proxy addresses "
	             "(see docs/deploy.md)" },
	{ .name = "--quiet", .kind = CLI_FLAG, .at = AT(cfg.quiet),
	  .help_nl = "schrijf geen regel per verzoek", .help_en = "no log line per request" },
	/* test options: docs/deploy.md says why never in production */
	{ .name = "--clock-file", .kind = CLI_FILE, .at = AT(cfg.clock_file),
	  .flags = CLI_NO_DASH | CLI_HIDDEN },
	{ .name = "--unsafe-testing", .kind = CLI_FLAG, .at = AT(unsafe_testing),
	  .flags = CLI_HIDDEN },
};

static const struct cli_cmd spec = {
	.name = "serve",
	.opts = CLI_N(opts),
	.about_nl = "Start de webserver: de HTTP API (docs/api.md) onder /api en de browser-app.\n",
	.about_en = "Starts the web server: the HTTP API (docs/api.md) under /api and the\n"
	            "browser UI.\n",
	.more_nl = "Stoppen: Ctrl-C of SIGTERM; lopende verzoeken worden eerst afgemaakt.\n",
	.more_en = "Stop it with Ctrl-C or SIGTERM; requests in flight are finished first.\n",
};

int cmd_serve(struct kr_cli *cli, int argc, char **argv)
{
	struct args a;
	struct ks_config *cfg = &a.cfg;
	sigset_t sigs;
	int status;

	memset(&a, 0, sizeof a);
	cfg->listen = "127.0.0.1:8080";
	cfg->web_dir = "web";
	a.max_connections = 512;
	a.timeout = 30;
	a.max_per_address = 64;
	a.header_deadline = 10;
	a.user_writes = 5;
	a.request_deadline = 60;
	if ((status = cli_parse(cli, &spec, argc, argv, &a)) >= 0)
		return status;
	cfg->threads = (int)a.threads;
	cfg->max_connections = (int)a.max_connections;
	cfg->timeout_s = (int)a.timeout;
	cfg->max_per_address = (int)a.max_per_address;
	cfg->header_deadline_s = (int)a.header_deadline;
	cfg->user_writes_per_s = (int)a.user_writes;
	cfg->request_deadline_s = (int)a.request_deadline;
	if (cfg->clock_file && !a.unsafe_testing)
		return cli_usage("serve", "%s", kr_tr(cli->lang,
		                 "--clock-file is een testoptie: wie het bestand kan schrijven, kan "
		                 "elke sessie beëindigen of verlengen. Het kan alleen samen met "
		                 "--unsafe-testing.", "--clock-file is a test option: whoever writes "
		                 "the file can end or extend every session. It needs --unsafe-testing."));
	if (cfg->clock_file && use_clock_file(cfg->clock_file, cli->lang))
		return EXIT_USAGE;
	cfg->db_path = cli->db_path;
	/* every thread started from here on inherits the mask; ks_serve waits */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	return ks_serve(cfg);
}
