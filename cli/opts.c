/*
 * opts.c - the option parser of opts.h: reads a subcommand's argv against
 * its table (struct cli_cmd), handles the global options and -h/--help
 * anywhere on the line, and writes the help from the same table.
 *
 * Two passes: the first only looks for -h/--help and --lang (so that every
 * message of the run, also one about an earlier argument, is in the
 * language asked for, and --help wins over any mistake), the second reads
 * everything in order and stops at the first usage error.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "kring/date.h"
#include "kring/store.h"
#include "opts.h"

#define WIDTH 79
#define MAX_OPTS 32

static const struct cli_opt globals[] = {
	{ .name = "--db", .kind = CLI_FILE, .at = offsetof(struct kr_cli, db_path),
	  .help_nl = "de database (standaard ./kring.db of $KRING_DB)",
	  .help_en = "the database (default ./kring.db or $KRING_DB)", .flags = CLI_NO_DASH },
	{ .name = "--lang", .kind = CLI_ENUM, .words = "nl|en",
	  .help_nl = "de taal van wat kring schrijft (standaard nl of $KRING_LANG)",
	  .help_en = "the language kring writes in (default nl or $KRING_LANG)" },
	{ .name = "--author", .kind = CLI_TEXT, .at = offsetof(struct kr_cli, author),
	  .value_nl = "NAAM", .value_en = "NAME",
	  .help_nl = "op wiens naam nieuwe versies komen (standaard $KRING_USER of je "
	             "gebruikersnaam); het logboek noemt daarnaast altijd de gebruiker van het "
	             "systeem",
	  .help_en = "whom new revisions are credited to (default $KRING_USER or your login "
	             "name); the audit trail always names the system user beside it" },
	{ .name = "--audit-key", .kind = CLI_FILE, .at = offsetof(struct kr_cli, audit_key),
	  .help_nl = "het sleutelbestand van het logboek (standaard naast de database, of "
	             "$KRING_AUDIT_KEY)",
	  .help_en = "the audit trail's key file (default next to the database, or "
	             "$KRING_AUDIT_KEY)", .flags = CLI_NO_DASH },
};

/* ---- reading values ------------------------------------------------------ */

static bool is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

/* True when a is an option (not "-", a negative number, or a plain word). */
static bool is_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0' && !(a[1] >= '0' && a[1] <= '9');
}

static const struct cli_opt *find(const struct cli_opt *v, size_t n, const char *a, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i].name) == len && strncmp(v[i].name, a, len) == 0)
			return &v[i];
	return NULL;
}

static const char *value_name(const struct cli_opt *o, enum kr_lang L)
{
	if (o->value_nl)
		return kr_tr(L, o->value_nl, o->value_en);
	switch (o->kind) {
	case CLI_DAY: return kr_tr(L, "DATUM", "DATE");
	case CLI_TIME: return kr_tr(L, "TIJD", "TIME");
	case CLI_LONG: return "N";
	case CLI_ENUM: return o->words;
	case CLI_FILE: return kr_tr(L, "BESTAND", "FILE");
	case CLI_TEXT: return kr_tr(L, "WAARDE", "VALUE");
	case CLI_FLAG: break;
	}
	return "";
}

/* "a|b|c" as "a, b of c" (prefix each word with pre, e.g. "."). */
static void word_list(const char *words, const char *pre, enum kr_lang L, char *out, size_t n)
{
	size_t k = 0, count = 1, i = 0;
	const char *p = words;

	for (const char *q = words; *q; q++)
		count += *q == '|';
	out[0] = '\0';
	while (p && k < n) {
		const char *bar = strchr(p, '|');
		int len = bar ? (int)(bar - p) : (int)strlen(p);
		const char *sep = i == 0 ? "" : i + 1 == count ? kr_tr(L, " of ", " or ") : ", ";
		int w = snprintf(out + k, n - k, "%s%s%.*s", sep, pre, len, p);
		if (w < 0)
			break;
		k += (size_t)w;
		i++;
		p = bar ? bar + 1 : NULL;
	}
}

/* The index of word v in "a|b|c", or -1. */
static int word_index(const char *words, const char *v)
{
	size_t n = strlen(v);
	int i = 0;
	for (const char *p = words; p; i++) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, v, n) == 0)
			return i;
		p = bar ? bar + 1 : NULL;
	}
	return -1;
}

static bool ends_with_one_of(const char *path, const char *exts)
{
	const char *dot = strrchr(path, '.');
	char ext[16];
	size_t n;

	if (!dot || strchr(dot, '/'))
		return false;
	n = strlen(dot + 1);
	if (n == 0 || n >= sizeof ext)
		return false;
	for (size_t i = 0; i <= n; i++)
		ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
	return word_index(exts, ext) >= 0;
}

/* Reads value v of option o into the field at base + o->at.  Prints the
 * usage error and returns false when v is not what o takes. */
static bool take(const char *cmd, const struct cli_opt *o, const char *v, void *base,
                 enum kr_lang L)
{
	char *field = (char *)base + o->at, list[160];

	switch (o->kind) {
	case CLI_FLAG:
		*(bool *)field = true;
		return true;
	case CLI_DAY: {
		struct kr_date d;
		if (!kr_date_parse_full(v, &d)) {
			cli_usage(cmd, kr_tr(L, "%s: \"%s\" is geen datum (JJJJ-MM-DD)",
			          "%s: \"%s\" is not a date (YYYY-MM-DD)"), o->name, v);
			return false;
		}
		*(long *)field = kr_date_first(d);
		return true;
	}
	case CLI_TIME: {
		time_t t;
		if (!kr_store_time_parse(v, &t)) {
			cli_usage(cmd, kr_tr(L, "%s: \"%s\" is geen tijd (JJJJ-MM-DD, of "
			          "JJJJ-MM-DDTUU:MM:SSZ in UTC)", "%s: \"%s\" is not a time (YYYY-MM-DD, "
			          "or YYYY-MM-DDTHH:MM:SSZ in UTC)"), o->name, v);
			return false;
		}
		*(time_t *)field = t;
		return true;
	}
	case CLI_LONG: {
		char *end;
		long n;
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < o->min || n > o->max) {
			if (o->max == LONG_MAX)
				cli_usage(cmd, kr_tr(L, "%s: \"%s\" is geen heel getal van %ld of meer",
				          "%s: \"%s\" is not a whole number of %ld or more"), o->name, v,
				          o->min);
			else
				cli_usage(cmd, kr_tr(L, "%s: \"%s\" is geen heel getal van %ld tot en met %ld",
				          "%s: \"%s\" is not a whole number from %ld to %ld"), o->name, v,
				          o->min, o->max);
			return false;
		}
		*(long *)field = n;
		return true;
	}
	case CLI_ENUM: {
		int k = word_index(o->words, v);
		if (k < 0) {
			word_list(o->words, "", L, list, sizeof list);
			cli_usage(cmd, kr_tr(L, "%s: kies %s, niet \"%s\"", "%s: use %s, not \"%s\""),
			          o->name, list, v);
			return false;
		}
		*(int *)field = k;
		return true;
	}
	case CLI_FILE:
		if (!*v) {
			cli_usage(cmd, kr_tr(L, "%s: noem een bestand", "%s: name a file"), o->name);
			return false;
		}
		if (strcmp(v, "-") == 0 && (o->flags & CLI_NO_DASH)) {
			cli_usage(cmd, kr_tr(L, "%s: \"-\" kan hier niet: noem een bestand",
			          "%s: \"-\" is not possible here: name a file"), o->name);
			return false;
		}
		if (o->exts && strcmp(v, "-") != 0 && !ends_with_one_of(v, o->exts)) {
			word_list(o->exts, ".", L, list, sizeof list);
			cli_usage(cmd, kr_tr(L, "%s: \"%s\": gebruik een bestandsnaam op %s",
			          "%s: \"%s\": use a file name ending in %s"), o->name, v, list);
			return false;
		}
		*(const char **)field = v;
		return true;
	case CLI_TEXT:
		*(const char **)field = v;
		return true;
	}
	return false;
}

/* ---- global options -------------------------------------------------------- */

/* Applies global option o with value v.  False after a usage error. */
static bool take_global(struct kr_cli *cli, const char *cmd, const struct cli_opt *o,
                        const char *v)
{
	if (strcmp(o->name, "--lang") == 0) {
		struct { int k; } lang;
		if (!take(cmd, o, v, &lang, cli->lang))
			return false;
		if ((enum kr_lang)lang.k != cli->lang) {
			cli->lang = (enum kr_lang)lang.k;
			cli_configure(cli);
		}
		return true;
	}
	if (!take(cmd, o, v, cli, cli->lang))
		return false;
	if (strcmp(o->name, "--author") == 0)
		cli->author_given = true;
	if (strcmp(o->name, "--audit-key") == 0)
		cli_configure(cli);            /* before the store is opened */
	return true;
}

int cli_global_opt(struct kr_cli *cli, const char *cmd, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *eq = strchr(a, '=');
	const struct cli_opt *o = find(CLI_N(globals), a, eq ? (size_t)(eq - a)
	                               : strlen(a));
	const char *v;

	if (!o || !is_option(a))
		return 0;
	if (eq) {
		v = eq + 1;
	} else if (*i + 1 < argc) {
		v = argv[++*i];
	} else {
		cli_usage(cmd, kr_tr(cli->lang, "%s heeft een waarde nodig (%s)",
		          "%s needs a value (%s)"), o->name, value_name(o, cli->lang));
		return -1;
	}
	return take_global(cli, cmd, o, v) ? 1 : -1;
}

/* ---- parsing ---------------------------------------------------------------- */

/* Pass 1: is help asked for, and in which language?  Sets cli->lang from a
 * valid --lang; reports nothing. */
static bool first_pass(struct kr_cli *cli, const struct cli_cmd *cmd, int argc, char **argv)
{
	bool help = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct cli_opt *o;
		size_t len;
		if (strcmp(a, "--") == 0)
			break;
		if (!is_option(a))
			continue;
		if (is_help(a)) {
			help = true;
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		if (!(o = find(cmd->opts, cmd->nopts, a, len)) &&
		    !(o = find(CLI_N(globals), a, len)))
			continue;
		if (o->kind == CLI_FLAG || eq) {
			if (eq && strcmp(o->name, "--lang") == 0)
				kr_lang_parse(eq + 1, &cli->lang);
			continue;
		}
		if (i + 1 < argc && strcmp(o->name, "--lang") == 0)
			kr_lang_parse(argv[i + 1], &cli->lang);
		i++;
	}
	return help;
}

int cli_parse(struct kr_cli *cli, const struct cli_cmd *cmd, int argc, char **argv,
              void *args)
{
	const char *name = cmd->name;
	const struct cli_opt *in_group[MAX_OPTS + 1] = { NULL };
	bool given[MAX_OPTS] = { false }, only_args = false;
	enum kr_lang before = cli->lang;
	int npos = 0;
	size_t k;

	if (first_pass(cli, cmd, argc, argv)) {
		cli_help(cmd, cli->lang, stdout);
		return 0;
	}
	if (cli->lang != before)
		cli_configure(cli);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq, *v = NULL;
		const struct cli_opt *o;
		size_t len;

		if (only_args || !is_option(a)) {
			argv[1 + npos++] = argv[i];   /* never past i: safe in place */
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = true;
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		if ((o = find(CLI_N(globals), a, len))) {
			int g = cli_global_opt(cli, name, argc, argv, &i);
			if (g < 0)
				return EXIT_USAGE;
			continue;
		}
		if (!(o = find(cmd->opts, cmd->nopts, a, len)))
			return cli_usage(name, kr_tr(cli->lang, "onbekende optie \"%.*s\"",
			                 "unknown option \"%.*s\""), (int)len, a);
		if (o->kind == CLI_FLAG) {
			if (eq)
				return cli_usage(name, kr_tr(cli->lang, "%s heeft geen waarde",
				                 "%s takes no value"), o->name);
		} else if (eq) {
			v = eq + 1;
		} else if (i + 1 < argc) {
			v = argv[++i];
		} else {
			return cli_usage(name, kr_tr(cli->lang, "%s heeft een waarde nodig (%s)",
			                 "%s needs a value (%s)"), o->name, value_name(o, cli->lang));
		}
		k = (size_t)(o - cmd->opts);
		if (o->group > 0 && o->group <= MAX_OPTS) {
			const struct cli_opt *other = in_group[o->group];
			if (other && other != o)
				return cli_usage(name, kr_tr(cli->lang, "%s of %s, niet allebei",
				                 "use %s or %s, not both"), other->name, o->name);
			in_group[o->group] = o;
		}
		if (!take(name, o, v, args, cli->lang))
			return EXIT_USAGE;
		if (k < MAX_OPTS)
			given[k] = true;
	}

	/* the positional arguments, in the order of the table */
	k = 0;
	for (size_t j = 0; j < cmd->nargs; j++) {
		const struct cli_arg *p = &cmd->args[j];
		char *field = (char *)args + p->at;
		if (p->flags & CLI_MANY) {
			struct cli_list *l = (struct cli_list *)(void *)field;
			l->v = argv + 1 + k;
			l->n = npos - (int)k;
			if (l->n <= 0 && !(p->flags & CLI_OPTIONAL))
				return cli_usage(name, kr_tr(cli->lang, "noem %s", "name %s"),
				                 kr_tr(cli->lang, p->what_nl, p->what_en));
			k = (size_t)npos;
			break;
		}
		if ((int)k < npos)
			*(const char **)(void *)field = argv[1 + k++];
		else if (!(p->flags & CLI_OPTIONAL))
			return cli_usage(name, kr_tr(cli->lang, "noem %s", "name %s"),
			                 kr_tr(cli->lang, p->what_nl, p->what_en));
	}
	if ((int)k < npos)
		return cli_usage(name, kr_tr(cli->lang, "een argument te veel: \"%s\"",
		                 "one argument too many: \"%s\""), argv[1 + k]);
	for (size_t j = 0; j < cmd->nopts && j < MAX_OPTS; j++)
		if ((cmd->opts[j].flags & CLI_REQUIRED) && !given[j])
			return cli_usage(name, kr_tr(cli->lang, "geef %s %s op", "give %s %s"),
			                 cmd->opts[j].name, value_name(&cmd->opts[j], cli->lang));
	return -1;
}

/* ---- help ------------------------------------------------------------------- */

/* Writes text from column col, wrapping at WIDTH with later lines indented
 * to column indent; returns the column after the text. */
static int wrap(FILE *f, const char *text, int col, int indent)
{
	const char *p = text;

	while (*p) {
		const char *e = p;
		int n;
		while (*e && *e != ' ')
			e++;
		n = (int)(e - p);
		if (col > indent && col + 1 + n > WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", n, p);
		col += n;
		while (*e == ' ')
			e++;
		p = e;
	}
	return col;
}

/* One item of the usage line: "[--as-of DATUM]" or "-o BESTAND". */
static void opt_item(const struct cli_opt *o, enum kr_lang L, char *out, size_t n)
{
	if (o->kind == CLI_FLAG)
		snprintf(out, n, "%s", o->name);
	else
		snprintf(out, n, "%s %s", o->name, value_name(o, L));
}

/* Writes one usage item as a unit (wrapped as a whole). */
static int usage_item(FILE *f, const char *item, int col, int indent)
{
	int n = (int)strlen(item);
	if (col + 1 + n > WIDTH && col > indent) {
		fprintf(f, "\n%*s", indent, "");
		col = indent;
	} else {
		fputc(' ', f);
		col++;
	}
	fputs(item, f);
	return col + n;
}

static void synopsis(const struct cli_cmd *cmd, enum kr_lang L, FILE *f)
{
	const char *head = kr_tr(L, "Gebruik:", "Usage:");
	int col, indent;
	char item[400], one[120];

	col = fprintf(f, "%s kring %s", head, cmd->name);
	indent = col + 1;
	for (size_t j = 0; j < cmd->nargs; j++) {
		const struct cli_arg *p = &cmd->args[j];
		snprintf(item, sizeof item, "%s%s%s%s", p->flags & CLI_OPTIONAL ? "[" : "",
		         kr_tr(L, p->name_nl, p->name_en), p->flags & CLI_MANY ? "..." : "",
		         p->flags & CLI_OPTIONAL ? "]" : "");
		col = usage_item(f, item, col, indent);
	}
	for (size_t j = 0; j < cmd->nopts; j++) {
		const struct cli_opt *o = &cmd->opts[j];
		bool first = true;
		if (o->flags & CLI_HIDDEN)
			continue;
		if (o->group) {
			/* the group is written once, where its first member stands */
			bool seen = false;
			for (size_t q = 0; q < j; q++)
				seen = seen || cmd->opts[q].group == o->group;
			if (seen)
				continue;
			item[0] = '\0';
			for (size_t q = j; q < cmd->nopts; q++) {
				if (cmd->opts[q].group != o->group || (cmd->opts[q].flags & CLI_HIDDEN))
					continue;
				opt_item(&cmd->opts[q], L, one, sizeof one);
				snprintf(item + strlen(item), sizeof item - strlen(item), "%s%s",
				         first ? "[" : " | ", one);
				first = false;
			}
			snprintf(item + strlen(item), sizeof item - strlen(item), "]");
		} else if (o->flags & CLI_REQUIRED) {
			opt_item(o, L, item, sizeof item);
		} else {
			opt_item(o, L, one, sizeof one);
			snprintf(item, sizeof item, "[%s]", one);
		}
		col = usage_item(f, item, col, indent);
	}
	fputc('\n', f);
}

static void opt_lines(const struct cli_opt *v, size_t n, enum kr_lang L, FILE *f)
{
	for (size_t j = 0; j < n; j++) {
		const struct cli_opt *o = &v[j];
		char item[120];
		int col;
		if (o->flags & CLI_HIDDEN)
			continue;
		opt_item(o, L, item, sizeof item);
		col = fprintf(f, "  %s", item);
		if (col > 22) {
			fprintf(f, "\n%*s", 24, "");
		} else {
			fprintf(f, "%*s", 24 - col, "");
		}
		wrap(f, kr_tr(L, o->help_nl, o->help_en), 24, 24);
		fputc('\n', f);
	}
}

void cli_help(const struct cli_cmd *cmd, enum kr_lang L, FILE *f)
{
	if (cmd->usage_nl)
		fputs(kr_tr(L, cmd->usage_nl, cmd->usage_en), f);
	else
		synopsis(cmd, L, f);
	if (cmd->about_nl)
		fprintf(f, "%s", kr_tr(L, cmd->about_nl, cmd->about_en));
	if (cmd->nopts) {
		bool any = false;
		for (size_t j = 0; j < cmd->nopts; j++)
			any = any || !(cmd->opts[j].flags & CLI_HIDDEN);
		if (any) {
			fputc('\n', f);
			opt_lines(cmd->opts, cmd->nopts, L, f);
		}
	}
	if (cmd->more_nl)
		fprintf(f, "\n%s", kr_tr(L, cmd->more_nl, cmd->more_en));
	fprintf(f, "%s", kr_tr(L, "\nOok hier: --db BESTAND, --lang nl|en, --author NAAM "
	                       "(kring --help).\n",
	                       "\nAlso here: --db FILE, --lang nl|en, --author NAME "
	                       "(kring --help).\n"));
}

void cli_global_help(enum kr_lang L, FILE *f)
{
	opt_lines(CLI_N(globals), L, f);
}
