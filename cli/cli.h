/*
 * cli.h - what the subcommands of the `kring` command share: the parsed
 * global options, opening the database, printing errors, and the exit codes.
 *
 * Every subcommand lives in cli/cmd_<name>.c as
 *     int cmd_<name>(struct kr_cli *cli, int argc, char **argv);
 * where argv[0] is the subcommand's name and the rest its own arguments.  It
 * returns the process exit status: 0 success, 1 invalid data or a failed
 * operation, 2 wrong usage.  Each describes its arguments and options in
 * one table that cli/opts.c parses (opts.h).  The command holds no logic of
 * its own beyond parsing arguments, writing its audit row and printing: all
 * work is done by libkring.
 */
#ifndef KRING_CLI_H
#define KRING_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "kring/audit.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/store.h"

#define EXIT_DATA 1
#define EXIT_USAGE 2

struct kr_cli {
	const char *db_path;   /* --db, else $KRING_DB, else ./kring.db */
	enum kr_lang lang;     /* --lang, else $KRING_LANG, else nl */
	const char *author;    /* whom new revisions are credited to: --author, else
	                        * $KRING_USER, else os_user */
	bool author_given;     /* author came from --author or $KRING_USER */
	const char *os_user;   /* the operating-system user (getpwuid): the `who` of
	                        * every audit row the command writes */
	const char *audit_key; /* --audit-key, else $KRING_AUDIT_KEY, else NULL: next to
	                        * the database (kr_config.audit_key_file) */
	const char *cmd;       /* the subcommand being run ("show"): the access point
	                        * "kring show" of its audit rows */
};

/* The role of the operating-system user in the audit rows of the command
 * line: whoever can run kring on the database file can read and change
 * every case, whatever account they have in kring. */
#define CLI_AUDIT_ROLE "operator"

/* Opens the store at cli->db_path; prints the error and returns NULL on
 * failure.  Sets the audit context of the run (kr_audit_context_set): the
 * rows the library writes for this command (erasure, retention, accounts)
 * get the access point "kring <cmd>", the source "local:<os user>@<host>",
 * the role CLI_AUDIT_ROLE and the --author as on whose behalf. */
struct kr_store *cli_open_store(struct kr_cli *cli);

/* Sets the audit context of the run (see cli_open_store) with role as the
 * role of the rows the library writes (an erasure's admin: "admin").
 * Returns 0, or prints why not and returns EXIT_DATA. */
int cli_audit_context(struct kr_cli *cli, const char *role);

/* Prints err (message, then each detail on its own line) to stderr, prefixed
 * with "kring <cmd>: ".  Returns the exit status that fits the error code. */
int cli_fail(const char *cmd, const struct kr_error *err);

struct kr_revision_changes;

/* Prints the revisions v[0..n) with what changed (a register's history):
 * as the JSON of the case history, or in words in cli->lang ("versie N
 * WHEN WHO" and the changes indented).  0, or the exit status of running
 * out of memory (said on stderr as from `kring <cmd>`). */
int cli_print_changes(struct kr_cli *cli, const char *cmd,
                      const struct kr_revision_changes *v, size_t n, bool json);

/* Prints a usage error to stderr and returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Configures libkring for this run (kr_init): the message language of
 * cli->lang, the parse arena, the audit key file of cli->audit_key, and
 * $KRING_THREADS threads when set. */
void cli_configure(const struct kr_cli *cli);

/* Which revision of a case a command reads: --revision N (rev > 0), or the
 * one current at --recorded-at TIME (recorded >= 0), else the latest.  The
 * day the facts are judged on (--as-of) is apart from this: every command
 * judges the revision it read on that day. */
struct cli_pick {
	long rev;              /* --revision N; 0 = not given */
	time_t recorded;       /* --recorded-at TIME; -1 = not given */
};
#define CLI_PICK_LATEST { 0, -1 }

/* Loads case ref at the revision pick asks for; *rev_out (may be NULL) is
 * the revision read.  Prints errors and sets *status. */
struct kr_case *cli_load_case(struct kr_cli *cli, struct kr_store *s, const char *cmd,
                              const char *ref, struct cli_pick pick, long *rev_out,
                              int *status);

/* Writes the audit row of this command (NEN 7513; include/kring/audit.h):
 * who is the operating-system user, on whose behalf the --author (or
 * $KRING_USER) when one was given, the role CLI_AUDIT_ROLE, the access
 * point "kring <cmd>", the source "local:<os user>@<host>", the action
 * letter, the case (NULL for a read of all cases) and a detail without
 * personal data.  Joins the transaction open on s, if any.  Returns 0, or
 * prints why the row could not be written and returns EXIT_DATA: the
 * command then stops without output (fail closed). */
int cli_audit(struct kr_cli *cli, struct kr_store *s, const char *cmd, char action,
              const char *ref, const char *detail);

/* The same for an entry the command filled itself (action, ref, detail and
 * any of event, result, object_type, object); who, on_behalf, when, role,
 * access point and source are filled in as cli_audit() does when e leaves
 * them NULL (when 0).  e is changed. */
int cli_audit_entry(struct kr_cli *cli, struct kr_store *s, const char *cmd,
                    struct kr_audit_entry *e);

/* Writes len bytes to path ("-" = stdout) atomically: a temporary file in
 * the same folder renamed over the target, so a failure never leaves half a
 * file.  Returns 0 or prints the error and returns EXIT_DATA. */
int cli_write_file(const char *cmd, const char *path, const void *data, size_t len);

/* Reads path ("-" = standard input) into a NUL-terminated buffer the caller
 * frees, at most max + 1 bytes (so the reader of the document can say it is
 * too big); its length into *len.  Prints "kring CMD: ..." and returns NULL
 * when the file cannot be opened or memory runs out. */
char *cli_read_file(struct kr_cli *cli, const char *cmd, const char *path, size_t max,
                    size_t *len);

/* The subcommands (cli/cmd_<name>.c). */
int cmd_init(struct kr_cli *cli, int argc, char **argv);
int cmd_import(struct kr_cli *cli, int argc, char **argv);
int cmd_export(struct kr_cli *cli, int argc, char **argv);
int cmd_list(struct kr_cli *cli, int argc, char **argv);
int cmd_show(struct kr_cli *cli, int argc, char **argv);
int cmd_stats(struct kr_cli *cli, int argc, char **argv);
int cmd_signals(struct kr_cli *cli, int argc, char **argv);
int cmd_settings(struct kr_cli *cli, int argc, char **argv);
int cmd_retention(struct kr_cli *cli, int argc, char **argv);
int cmd_erase(struct kr_cli *cli, int argc, char **argv);
int cmd_backup(struct kr_cli *cli, int argc, char **argv);
int cmd_restore(struct kr_cli *cli, int argc, char **argv);
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
int cmd_family(struct kr_cli *cli, int argc, char **argv);
int cmd_familyplan(struct kr_cli *cli, int argc, char **argv);

#endif
