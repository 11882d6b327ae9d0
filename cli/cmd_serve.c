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

static void help(enum kr_lang lang)
{
	printf("%s", kr_tr(lang,
	       "Gebruik: kring serve [--listen ADRES:POORT] [--web MAP] [--tls-cert F --tls-key F]\n"
	       "                     [--threads N] [--max-connections N] [--timeout S]\n"
	       "                     [--max-per-address N] [--header-deadline S]\n"
	       "                     [--request-deadline S] [--session-idle S] [--session-max S]\n"
	       "                     [--trust-proxy ADRES[,ADRES]] [--quiet]\n\n"
	       "Start de webserver: de HTTP API (docs/api.md) onder /api en de browser-app\n"
	       "uit MAP (standaard ./web).  Standaard op 127.0.0.1:8080; poort 0 kiest een vrije.\n"
	       "  --session-idle S   een sessie eindigt na S seconden zonder gebruik (1800)\n"
	       "  --session-max S    en altijd S seconden na het inloggen (43200)\n"
	       "  --max-per-address N  hooguit N verbindingen tegelijk van een adres (64)\n"
	       "  --header-deadline S  de kopregels van een verzoek binnen S seconden (10)\n"
	       "  --request-deadline S het hele verzoek (kop en inhoud) binnen S seconden (60)\n"
	       "  --trust-proxy ADRES  geloof X-Real-IP en X-Forwarded-Proto alleen van deze\n"
	       "                     proxy-adressen (met komma's; zie docs/deploy.md)\n"
	       "  --quiet            schrijf geen regel per verzoek\n"
	       "Stoppen: Ctrl-C of SIGTERM; lopende verzoeken worden eerst afgemaakt.\n",
	       "Usage: kring serve [--listen ADDRESS:PORT] [--web DIR] [--tls-cert F --tls-key F]\n"
	       "                   [--threads N] [--max-connections N] [--timeout S]\n"
	       "                   [--max-per-address N] [--header-deadline S]\n"
	       "                   [--request-deadline S] [--session-idle S] [--session-max S]\n"
	       "                   [--trust-proxy ADDRESS[,ADDRESS]] [--quiet]\n\n"
	       "Starts the web server: the HTTP API (docs/api.md) under /api and the browser UI\n"
	       "from DIR (default ./web).  Listens on 127.0.0.1:8080; port 0 picks a free one.\n"
	       "  --session-idle S   a session ends after S seconds unused (1800)\n"
	       "  --session-max S    and always S seconds after login (43200)\n"
	       "  --max-per-address N  at most N connections at once from one address (64)\n"
	       "  --header-deadline S  a request's headers within S seconds (10)\n"
	       "  --request-deadline S the whole request (headers and body) within S seconds (60)\n"
	       "  --trust-proxy ADDRESS  believe X-Real-IP and X-Forwarded-Proto only from these\n"
	       "                     proxy addresses (comma-separated; see docs/deploy.md)\n"
	       "  --quiet            no log line per request\n"
	       "Stop it with Ctrl-C or SIGTERM; requests in flight are finished first.\n"));
}

int cmd_serve(struct kr_cli *cli, int argc, char **argv)
{
	struct ks_config cfg;
	sigset_t sigs;
	bool unsafe_testing = false;
	long v;

	memset(&cfg, 0, sizeof cfg);
	cfg.listen = "127.0.0.1:8080";
	cfg.web_dir = "web";
	cfg.max_connections = 512;
	cfg.max_per_address = 64;
	cfg.timeout_s = 30;
	cfg.header_deadline_s = 10;
	cfg.request_deadline_s = 60;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int g;
		if (cli_is_help(a)) {
			help(cli->lang);
			return 0;
		}
		if ((g = cli_global_opt(cli, "serve", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(a, "--quiet") == 0) {
			cfg.quiet = true;
			continue;
		}
		if (strcmp(a, "--unsafe-testing") == 0) {
			unsafe_testing = true;
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage("serve", "unknown option or missing value: \"%s\"", a);
		if (strcmp(a, "--listen") == 0) {
			cfg.listen = argv[++i];
		} else if (strcmp(a, "--web") == 0) {
			cfg.web_dir = argv[++i];
		} else if (strcmp(a, "--tls-cert") == 0) {
			cfg.tls_cert = argv[++i];
		} else if (strcmp(a, "--tls-key") == 0) {
			cfg.tls_key = argv[++i];
		} else if (strcmp(a, "--threads") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &v) || v > 256)
				return EXIT_USAGE;
			cfg.threads = (int)v;
		} else if (strcmp(a, "--max-connections") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &v) || v > 100000)
				return EXIT_USAGE;
			cfg.max_connections = (int)v;
		} else if (strcmp(a, "--trust-proxy") == 0) {
			cfg.trust_proxy = argv[++i];
		} else if (strcmp(a, "--max-per-address") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &v) || v > 100000)
				return EXIT_USAGE;
			cfg.max_per_address = (int)v;
		} else if (strcmp(a, "--header-deadline") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &v) || v > 3600)
				return EXIT_USAGE;
			cfg.header_deadline_s = (int)v;
		} else if (strcmp(a, "--request-deadline") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &v) || v > 86400)
				return EXIT_USAGE;
			cfg.request_deadline_s = (int)v;
		} else if (strcmp(a, "--timeout") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &v) || v > 3600)
				return EXIT_USAGE;
			cfg.timeout_s = (int)v;
		} else if (strcmp(a, "--session-idle") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &cfg.session_idle_s))
				return EXIT_USAGE;
		} else if (strcmp(a, "--session-max") == 0) {
			if (!cli_parse_long("serve", a, argv[++i], 1, &cfg.session_max_s))
				return EXIT_USAGE;
		} else if (strcmp(a, "--clock-file") == 0) {
			cfg.clock_file = argv[++i];
		} else {
			return cli_usage("serve", "unknown option \"%s\"", a);
		}
	}
	if (cfg.clock_file && !unsafe_testing)
		return cli_usage("serve", "%s", kr_tr(cli->lang,
		                 "--clock-file is een testoptie: wie het bestand kan schrijven, kan "
		                 "elke sessie beëindigen of verlengen. Het kan alleen samen met "
		                 "--unsafe-testing.", "--clock-file is a test option: whoever writes "
		                 "the file can end or extend every session. It needs --unsafe-testing."));
	if (cfg.clock_file && use_clock_file(cfg.clock_file, cli->lang))
		return EXIT_USAGE;
	cfg.db_path = cli->db_path;
	/* every thread started from here on inherits the mask; ks_serve waits */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	return ks_serve(&cfg);
}
