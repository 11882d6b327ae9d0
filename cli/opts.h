/*
 * opts.h - the one option parser of the `kring` command.
 *
 * Every subcommand describes itself in one table (struct cli_cmd): its
 * positional arguments, its options (name, whether it takes a value, what
 * kind of value, where the value goes, help text in Dutch and English), and
 * a description.  cli_parse() reads argv against that table, together with
 * the global options that may also follow the subcommand (--db, --lang,
 * --author) and -h/--help, whose text cli_help() writes from the same table.
 * A wrong argument is a usage error in the language of the run that names
 * the option and says what it takes:
 *     kring show: --as-of: "2026-13-01" is geen datum (JJJJ-MM-DD)
 *
 * Values land in the command's own struct of arguments, at the offset the
 * table gives (offsetof), so a table is static data: the struct holds the
 * defaults before the call and the values given after it.
 *
 * Conventions: an option's value is the next argument ("--as-of 2026-12-01")
 * or follows "=" ("--as-of=2026-12-01"); "-" alone and negative numbers are
 * positional arguments; "--" ends the options.  The last of an option given
 * twice wins.  Options that share a non-zero group exclude each other.
 */
#ifndef KRING_CLI_OPTS_H
#define KRING_CLI_OPTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"

enum cli_kind {
	CLI_FLAG,   /* no value: sets a bool to true */
	CLI_DAY,    /* a date YYYY-MM-DD: a long day number (date.h) */
	CLI_TIME,   /* YYYY-MM-DD (the end of that UTC day) or YYYY-MM-DDTHH:MM:SSZ:
	             * a time_t (kr_store_time_parse) */
	CLI_LONG,   /* a whole number from .min to .max: a long */
	CLI_ENUM,   /* one of the words of .words ("text|json"): an int, the word's index */
	CLI_TEXT,   /* any text: a const char * */
	CLI_FILE,   /* a file or folder name: a const char *; "-" is standard input or
	             * output unless CLI_NO_DASH; .exts lists the endings allowed */
};

/* Flags of an option or argument. */
#define CLI_REQUIRED 1u   /* option: must be given */
#define CLI_NO_DASH  2u   /* file option: "-" is not allowed */
#define CLI_HIDDEN   4u   /* option: not in the help (test options) */
#define CLI_OPTIONAL 8u   /* argument: may be left out */
#define CLI_MANY    16u   /* argument (the last): one or more, into a struct cli_list */

struct cli_opt {
	const char *name;                /* "--as-of", "-o" */
	enum cli_kind kind;
	size_t at;                       /* offsetof the field in the command's struct */
	const char *help_nl, *help_en;   /* one line or more of help, without a newline */
	const char *value_nl, *value_en; /* the value's name in the help; NULL: from the kind */
	long min, max;                   /* CLI_LONG: the range */
	const char *words;               /* CLI_ENUM: the words, separated by '|' */
	const char *exts;                /* CLI_FILE: allowed endings, "svg|pdf|png" */
	int group;                       /* non-zero: one option of the group at most */
	unsigned flags;
};

struct cli_arg {
	const char *name_nl, *name_en;   /* "DOSSIER", "REF" */
	const char *what_nl, *what_en;   /* "het dossier", "the case": for "noem ..." */
	size_t at;                       /* offsetof a const char * (or a struct cli_list) */
	unsigned flags;
};

/* The arguments of a CLI_MANY argument, in order (pointers into argv). */
struct cli_list {
	char **v;
	int n;
};

struct cli_cmd {
	const char *name;                    /* "render" */
	const char *about_nl, *about_en;     /* what the command does (paragraphs) */
	const struct cli_arg *args;
	size_t nargs;
	const struct cli_opt *opts;
	size_t nopts;
	const char *more_nl, *more_en;       /* text after the options, or NULL */
	const char *usage_nl, *usage_en;     /* usage lines instead of the generated one */
};

#define CLI_N(a) (a), (sizeof(a) / sizeof *(a))

/* The options that several commands share, so that they mean the same and
 * read the same everywhere (docs/cli.md, "as of, revision, recorded at").
 * type is the command's struct, field the member the value goes to. */
#define CLI_OPT_AS_OF(type, field) \
	{ .name = "--as-of", .kind = CLI_DAY, .at = offsetof(type, field), \
	  .help_nl = "de dag waarop de feiten beoordeeld worden (standaard vandaag), " \
	             "uit de laatste versie van het dossier", \
	  .help_en = "the day on which the facts are judged (default today), from the " \
	             "latest revision of the case" }
#define CLI_OPT_REVISION(type, field, grp) \
	{ .name = "--revision", .kind = CLI_LONG, .at = offsetof(type, field), .min = 1, \
	  .max = LONG_MAX, .group = grp, \
	  .help_nl = "lees versie N van het dossier (kring history toont ze)", \
	  .help_en = "read revision N of the case (kring history lists them)" }
#define CLI_OPT_RECORDED_AT(type, field, grp) \
	{ .name = "--recorded-at", .kind = CLI_TIME, .at = offsetof(type, field), \
	  .group = grp, \
	  .help_nl = "lees het dossier zoals het op TIJD vastgelegd was: de versie die toen " \
	             "de laatste was (JJJJ-MM-DD is het eind van die dag; of " \
	             "JJJJ-MM-DDTUU:MM:SSZ; UTC)", \
	  .help_en = "read the case as it was recorded at TIME: the revision that was the " \
	             "latest then (YYYY-MM-DD is the end of that day; or " \
	             "YYYY-MM-DDTHH:MM:SSZ; UTC)" }
#define CLI_OPT_FORMAT(type, field) \
	{ .name = "--format", .kind = CLI_ENUM, .at = offsetof(type, field), \
	  .words = "text|json", \
	  .help_nl = "als tekst (standaard) of als JSON", \
	  .help_en = "as text (default) or as JSON" }
#define CLI_FORMAT_JSON 1   /* the index of "json" in CLI_OPT_FORMAT's words */
#define CLI_ARG_REF(type, field) \
	{ "DOSSIER", "REF", "het dossier", "the case", offsetof(type, field), 0 }

/* Parses argv[1 .. argc-1] of command cmd: options into the struct at args
 * (whose fields hold the defaults), positional arguments likewise, the
 * global options into cli (and kr_init again when --lang changes).  Returns
 * -1 when the command goes on, or the status it returns at once: 0 after
 * printing the help (-h/--help anywhere), EXIT_USAGE after printing a usage
 * error.  Reorders argv so that the arguments of a CLI_MANY list are
 * adjacent. */
int cli_parse(struct kr_cli *cli, const struct cli_cmd *cmd, int argc, char **argv,
              void *args);

/* Writes the help of cmd, in lang, to f: the usage line(s) made from the
 * table, the description, every option with its help, and the global
 * options. */
void cli_help(const struct cli_cmd *cmd, enum kr_lang lang, FILE *f);

/* The global options (--db, --lang, --author) before a subcommand, at
 * argv[*i]: 1 when one was read (and *i moved past its value), 0 when
 * argv[*i] is none of them, -1 after a usage error was printed. */
int cli_global_opt(struct kr_cli *cli, const char *cmd, int argc, char **argv, int *i);

/* The help of the global options, for `kring --help`. */
void cli_global_help(enum kr_lang lang, FILE *f);

#endif
