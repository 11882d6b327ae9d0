/*
 * cli.h - what the subcommands of the `kring` command share: the parsed
 * global options, opening the database, printing errors, and the exit codes.
 *
 * Every subcommand lives in cli/cmd_<name>.c as
 *     int cmd_<name>(struct kr_cli *cli, int argc, char **argv);
 * where argv[0] is the subcommand's name and the rest its own arguments.  It
 * returns the process exit status: 0 success, 1 invalid data or a failed
 * operation, 2 wrong usage.  The command holds no logic of its own beyond
 * parsing arguments and printing: all work is done by libkring.
 */
#ifndef KRING_CLI_H
#define KRING_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "kring/error.h"
#include "kring/lang.h"
#include "kring/store.h"

#define EXIT_DATA 1
#define EXIT_USAGE 2

struct kr_cli {
	const char *db_path;   /* --db, else $KRING_DB, else ./kring.db */
	enum kr_lang lang;     /* --lang, else $KRING_LANG, else nl */
	const char *author;    /* --author, else $KRING_USER, else the login name */
};

/* Opens the store at cli->db_path; prints the error and returns NULL on
 * failure. */
struct kr_store *cli_open_store(struct kr_cli *cli);

/* Prints err (message, then each detail on its own line) to stderr, prefixed
 * with "kring <cmd>: ".  Returns the exit status that fits the error code. */
int cli_fail(const char *cmd, const struct kr_error *err);

/* Prints a usage error to stderr and returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Handles the global options that may also follow the subcommand (--db,
 * --lang, --author) at argv[*i]: returns 1 when it consumed one (advancing
 * *i past its value), 0 when argv[*i] is not one of them, -1 after printing
 * a usage error. */
int cli_global_opt(struct kr_cli *cli, const char *cmd, int argc, char **argv, int *i);

/* Configures libkring for this run (kr_init): the message language of
 * cli->lang, the parse arena, and $KRING_THREADS threads when set. */
void cli_configure(const struct kr_cli *cli);

/* True when arg is "-h" or "--help". */
bool cli_is_help(const char *arg);

/* Parses a date argument ("YYYY-MM-DD") into a day number; prints a usage
 * error and returns false when it is not a real date. */
bool cli_parse_day(const char *cmd, const char *opt, const char *s, long *day);

/* Parses a positive long; prints a usage error and returns false otherwise. */
bool cli_parse_long(const char *cmd, const char *opt, const char *s, long min, long *out);

/* Loads case ref at the revision chosen by --revision N (rev > 0) or the one
 * current at day `at` (at >= 0), else the latest.  Prints errors. */
struct kr_case *cli_load_case(struct kr_cli *cli, struct kr_store *s, const char *cmd,
                              const char *ref, long rev, long at, int *status);

/* Writes len bytes to path ("-" = stdout) atomically: a temporary file in
 * the same folder renamed over the target, so a failure never leaves half a
 * file.  Returns 0 or prints the error and returns EXIT_DATA. */
int cli_write_file(const char *cmd, const char *path, const void *data, size_t len);

/* The subcommands (cli/cmd_<name>.c). */
int cmd_init(struct kr_cli *cli, int argc, char **argv);
int cmd_import(struct kr_cli *cli, int argc, char **argv);
int cmd_export(struct kr_cli *cli, int argc, char **argv);
int cmd_list(struct kr_cli *cli, int argc, char **argv);
int cmd_show(struct kr_cli *cli, int argc, char **argv);
int cmd_stats(struct kr_cli *cli, int argc, char **argv);
int cmd_signals(struct kr_cli *cli, int argc, char **argv);
int cmd_settings(struct kr_cli *cli, int argc, char **argv);
int cmd_history(struct kr_cli *cli, int argc, char **argv);
int cmd_generate(struct kr_cli *cli, int argc, char **argv);
int cmd_render(struct kr_cli *cli, int argc, char **argv);
int cmd_metrics(struct kr_cli *cli, int argc, char **argv);
int cmd_export_scan(struct kr_cli *cli, int argc, char **argv);
int cmd_user(struct kr_cli *cli, int argc, char **argv);
int cmd_assign(struct kr_cli *cli, int argc, char **argv);
int cmd_audit(struct kr_cli *cli, int argc, char **argv);
int cmd_serve(struct kr_cli *cli, int argc, char **argv);
int cmd_report(struct kr_cli *cli, int argc, char **argv);
int cmd_reindex(struct kr_cli *cli, int argc, char **argv);

#endif
