/*
 * cmd_import.c - `kring import [--recorded-at TIME] FILE...`: validate and
 * store case documents.
 *
 * A file holds one document (pretty-printed or not), or JSON Lines: one
 * document per line, as `kring generate` writes them, so that
 *     kring generate --cases 100 | kring import -
 * works.  A file whose first line that is not blank holds a whole JSON
 * object ("{" ... "}") is read as JSON Lines (blank lines are skipped);
 * any other file as one document.  Each document may be at most 16 MiB.
 *
 * All files are one unit: every document is validated completely, and only
 * when all are valid is anything kept (one transaction).  Every problem is
 * printed as "FILE: path: message", or "FILE:LINE: path: message" for a
 * file of several lines, in the language of --lang: the library's messages
 * are asked for in that language, never translated or checked again here.
 * Exit 1 for invalid data, 2 for usage.
 *
 * --recorded-at TIME records the revisions at TIME instead of now, for a
 * case brought in from paper or another system with its history (imported
 * oldest first).  The store refuses a time before the case's latest
 * revision and a time in the future; a day (YYYY-MM-DD) means the end of
 * that UTC day, and today means now.  Every stored document writes one
 * audit row (C for a new case, U for a new revision) in the same
 * transaction, at the real time, with the system user as who.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/buf.h"
#include "kring/case.h"
#include "kring/date.h"
#include "kring/init.h"
#include "opts.h"

struct args {
	struct cli_list files;
	time_t recorded;
};

static const struct cli_arg args[] = {
	{ "BESTAND", "FILE", "minstens een bestand om in te lezen (- is de standaardinvoer)",
	  "at least one file to import (- is standard input)", offsetof(struct args, files),
	  CLI_MANY },
};

static const struct cli_opt opts[] = {
	{ .name = "--recorded-at", .kind = CLI_TIME, .at = offsetof(struct args, recorded),
	  .help_nl = "leg de versies vast op TIJD in plaats van nu: voor een dossier van papier "
	             "of uit een ander systeem, met zijn geschiedenis (de oudste eerst). "
	             "JJJJ-MM-DD is het eind van die dag (vandaag: nu), of "
	             "JJJJ-MM-DDTUU:MM:SSZ; UTC. Niet in de toekomst, en niet vóór de laatste "
	             "versie van het dossier",
	  .help_en = "record the revisions at TIME instead of now: for a case from paper or "
	             "another system, with its history (oldest first). YYYY-MM-DD is the end "
	             "of that day (today: now), or YYYY-MM-DDTHH:MM:SSZ; UTC. Not in the "
	             "future, and not before the case's latest revision" },
};

static const struct cli_cmd spec = {
	.name = "import",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Leest dossiers in het formaat kring-case/1: een document per bestand, of\n"
	            "JSON Lines (een document per regel, zoals kring generate ze schrijft).\n"
	            "- is de standaardinvoer. Elk document wordt eerst helemaal gecontroleerd;\n"
	            "als er een fout in zit, wordt niets opgeslagen. Een dossier dat al bestaat\n"
	            "krijgt een nieuwe versie.\n",
	.about_en = "Reads case documents in the kring-case/1 format: one document per file,\n"
	            "or JSON Lines (one document per line, as kring generate writes them).\n"
	            "- is standard input. Every document is checked completely first; if any\n"
	            "has a problem, nothing is stored. A case that exists already gets a new\n"
	            "revision.\n",
};

/* Why a file cannot be read, in err's language. */
static enum kr_status io_error(struct kr_error *err, int e, const char *nl, const char *en)
{
	return kr_error_say(err, KR_EIO, "%s: %s", "%s: %s", kr_tr(err->lang, nl, en),
	                    kr_error_errno(err, e));
}

/* ---- reading lines ---------------------------------------------------------- */

/* A growing piece of text: a line, or a whole document. */
struct text {
	char *data;
	size_t len, cap;
	bool nl;               /* a line: it ended with a newline */
};

static bool text_add(struct text *t, const char *p, size_t n)
{
	if (t->cap - t->len < n + 1) {
		size_t cap = t->cap ? t->cap : 4096;
		char *grown;
		while (cap - t->len < n + 1)
			cap *= 2;
		if (!(grown = realloc(t->data, cap)))
			return false;
		t->data = grown;
		t->cap = cap;
	}
	if (n)
		memcpy(t->data + t->len, p, n);
	t->len += n;
	t->data[t->len] = '\0';
	return true;
}

struct input {
	FILE *f;
	long line;             /* lines read so far */
	size_t pos, end;       /* the unread part of buf */
	char buf[65536];
};

/* Reads the next line (without its newline) into t, keeping at most limit
 * bytes.  Returns 1 for a line, 0 at the end of the input, -1 when the line
 * is longer than limit (it is read to its end and dropped), -2 for a read
 * error, -3 out of memory. */
static int next_line(struct input *in, size_t limit, struct text *t)
{
	bool got = false, over = false;

	t->len = 0;
	t->nl = false;
	for (;;) {
		const char *p, *nl;
		size_t n, keep;
		if (in->pos == in->end) {
			in->pos = 0;
			in->end = fread(in->buf, 1, sizeof in->buf, in->f);
			if (in->end == 0)
				break;
		}
		got = true;
		p = in->buf + in->pos;
		nl = memchr(p, '\n', in->end - in->pos);
		n = nl ? (size_t)(nl - p) : in->end - in->pos;
		keep = t->len + n > limit ? (limit > t->len ? limit - t->len : 0) : n;
		over = over || keep < n;
		if (!text_add(t, p, keep))
			return -3;
		in->pos += n + (nl != NULL);
		if (nl) {
			t->nl = true;
			break;
		}
	}
	if (ferror(in->f))
		return -2;
	if (!got)
		return 0;
	in->line++;
	return over ? -1 : 1;
}

/* True when the line is blank (only white space). */
static bool blank(const struct text *t)
{
	for (size_t i = 0; i < t->len; i++)
		if (t->data[i] != ' ' && t->data[i] != '\t' && t->data[i] != '\r')
			return false;
	return true;
}

/* True when the line, without surrounding white space, is "{ ... }". */
static bool whole_object(const struct text *t)
{
	size_t a = 0, z = t->len;
	const char *s = t->data;
	while (a < z && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
		a++;
	while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\r'))
		z--;
	return z - a >= 2 && s[a] == '{' && s[z - 1] == '}';
}

/* ---- one import ------------------------------------------------------------- */

struct run {
	struct kr_cli *cli;
	struct kr_store *s;
	struct kr_error err;
	struct kr_buf report;
	const char *recorded;  /* "2026-06-10T23:59:59Z", or NULL */
	int bad, stored, status;
	bool audit_failed;
	bool one_line;         /* the document is one line of JSON Lines: label FILE:LINE */
};

/* Prints err's message and details, each prefixed with label.  For a line
 * of JSON Lines the label already says the line, so a position inside the
 * document ("regel 1, kolom 12") says only its column. */
static void report_error(struct run *r, const char *label)
{
	static const char *const first_line[] = { "regel 1, ", "line 1, " };

	fprintf(stderr, "%s: %s\n", label, r->err.message);
	for (size_t k = 0; k < r->err.ndetails; k++) {
		const char *d = r->err.details[k];
		for (size_t i = 0; r->one_line && i < 2; i++)
			if (!strncmp(d, first_line[i], strlen(first_line[i])))
				d += strlen(first_line[i]);
		fprintf(stderr, "%s: %s\n", label, d);
	}
	if (r->err.ndropped)
		fprintf(stderr, kr_tr(r->cli->lang, "%s: ... en nog %zu problemen\n",
		        "%s: ... and %zu more problems\n"), label, r->err.ndropped);
}

/* Validates one document (text, len), labelled "FILE" or "FILE:LINE" in
 * messages, and stores it with its audit row while all went well. */
static void one_document(struct run *r, const char *label, const char *text, size_t len)
{
	struct kr_case *c = NULL;
	enum kr_status rc;
	long rev = 0;
	char detail[96];

	if (r->audit_failed)
		return;
	kr_error_cleanup(&r->err);
	rc = kr_case_read(text, len, &c, &r->err);
	if (!rc && r->bad == 0)
		rc = kr_store_put(r->s, c, r->cli->author, 0, &rev, &r->err);
	if (rc) {
		r->bad++;
		report_error(r, label);
		if (rc != KR_EINVAL && rc != KR_ETOOBIG && rc != KR_EIO)
			r->status = EXIT_DATA;
	} else if (r->bad == 0) {
		snprintf(detail, sizeof detail, "%s imported%s%s",
		         rev == 1 ? "case" : "revision", r->recorded ? ", recorded at " : "",
		         r->recorded ? r->recorded : "");
		if (cli_audit(r->cli, r->s, "import", rev == 1 ? KR_AUDIT_CREATE : KR_AUDIT_UPDATE,
		              c->ref, detail)) {
			r->audit_failed = true;
		} else {
			/* past 20 documents only the count is said at the end */
			if (++r->stored <= 20)
				kr_buf_printf(&r->report, kr_tr(r->cli->lang,
				              "%s: dossier %s opgeslagen als versie %ld\n",
				              "%s: case %s stored as revision %ld\n"), label, c->ref, rev);
		}
	}
	kr_case_free(c);
}

/* Reads file path (or standard input for "-") and imports its documents. */
static void one_file(struct run *r, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct input *in = malloc(sizeof *in);
	struct text doc = { 0 }, line = { 0 }, tmp;
	struct stat st;
	char label[4200];
	long doc_line = 0;
	bool several = false;
	int got;

	kr_error_cleanup(&r->err);
	if (!f) {
		io_error(&r->err, errno, "kan niet worden geopend", "cannot open");
		goto file_error;
	}
	if (!in)
		goto no_memory;
	in->f = f;
	in->line = 0;
	in->pos = in->end = 0;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		kr_error_say(&r->err, KR_EIO, "is een map, geen bestand; noem een bestand",
		             "is a folder, not a file");
		goto file_error;
	}
	/* the first line that is not blank says how the file is read */
	while ((got = next_line(in, KR_CASE_MAX_BYTES, &line)) == 1 && blank(&line))
		if (!text_add(&doc, "\n", 1))    /* kept: line numbers stay right */
			goto no_memory;
	if (got == -1)
		goto too_big;
	if (got < -1)
		goto read_error;

	if (got == 1 && whole_object(&line)) {
		/* JSON Lines.  A document is imported when the next one is read, so
		 * that its label says the line once the file turns out to hold more
		 * than one. */
		tmp = doc;
		doc = line;
		line = tmp;
		doc_line = in->line;
		for (;;) {
			got = next_line(in, KR_CASE_MAX_BYTES, &line);
			if (got == 1 && blank(&line))
				continue;
			several = several || got != 0;
			if (doc_line) {
				if (several)
					snprintf(label, sizeof label, "%s:%ld", path, doc_line);
				else
					snprintf(label, sizeof label, "%s", path);
				r->one_line = several;
				one_document(r, label, doc.data, doc.len);
				r->one_line = false;
				doc_line = 0;
			}
			if (got == 0)
				break;
			if (got < -1)
				goto read_error;
			if (got == -1) {
				kr_error_cleanup(&r->err);
				snprintf(label, sizeof label, "%s:%ld", path, in->line);
				kr_error_say(&r->err, KR_ETOOBIG, "deze regel is langer dan %zu bytes "
				             "(16 MiB), het meeste dat een dossier mag zijn",
				             "this line is longer than %zu bytes (16 MiB), the most a case "
				             "document may be", (size_t)KR_CASE_MAX_BYTES);
				r->bad++;
				report_error(r, label);
				continue;
			}
			tmp = doc;
			doc = line;
			line = tmp;
			doc_line = in->line;
		}
		goto out;
	}

	/* one document: the lines read so far and the rest of the file */
	while (got == 1) {
		if (doc.len + line.len + line.nl > KR_CASE_MAX_BYTES)
			goto too_big;
		if (!text_add(&doc, line.data, line.len) || (line.nl && !text_add(&doc, "\n", 1)))
			goto no_memory;
		got = next_line(in, KR_CASE_MAX_BYTES, &line);
	}
	if (got == -1)
		goto too_big;
	if (got < -1)
		goto read_error;
	one_document(r, path, doc.data ? doc.data : "", doc.len);
	goto out;

too_big:
	kr_error_cleanup(&r->err);
	kr_error_say(&r->err, KR_ETOOBIG, "een dossier mag hoogstens %zu bytes (16 MiB) zijn",
	             "a case document may be at most %zu bytes (16 MiB)",
	             (size_t)KR_CASE_MAX_BYTES);
	goto file_error;
read_error:
	if (got == -3)
		goto no_memory;
	kr_error_cleanup(&r->err);
	io_error(&r->err, errno, "lezen lukt niet", "reading failed");
	goto file_error;
no_memory:
	kr_error_cleanup(&r->err);
	kr_error_say(&r->err, KR_ENOMEM, "te weinig geheugen", "out of memory");
	r->status = EXIT_DATA;
file_error:
	r->bad++;
	report_error(r, path);
out:
	if (f && f != stdin)
		fclose(f);
	free(in);
	free(doc.data);
	free(line.data);
}

int cmd_import(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { { NULL, 0 }, -1 };
	struct run r;
	char when[KR_DATE_STAMP_LEN];
	int status = cli_parse(cli, &spec, argc, argv, &a);

	if (status >= 0)
		return status;
	memset(&r, 0, sizeof r);
	r.cli = cli;
	if (a.recorded >= 0) {
		time_t now = kr_now();
		/* a day means its end; today's end lies ahead, so today means now */
		if (a.recorded % 86400 == 86399 && a.recorded / 86400 == now / 86400)
			a.recorded = now;
		kr_date_timestamp(a.recorded, when);
		if (a.recorded > now)
			return cli_usage("import", kr_tr(cli->lang, "--recorded-at: %s ligt in de "
			                 "toekomst", "--recorded-at: %s lies in the future"), when);
		r.recorded = when;
	}
	if (!(r.s = cli_open_store(cli)))
		return EXIT_DATA;
	kr_error_init_lang(&r.err, cli->lang);
	kr_buf_init(&r.report, 1u << 20);
	if (a.recorded >= 0)
		kr_store_set_now(r.s, a.recorded);
	if (kr_store_begin(r.s, &r.err)) {
		status = cli_fail("import", &r.err);
		goto out;
	}
	for (int i = 0; i < a.files.n && !r.audit_failed; i++)
		one_file(&r, a.files.v[i]);
	if (r.bad || r.audit_failed) {
		kr_store_end(r.s, false, NULL);
		if (r.bad)
			fprintf(stderr, kr_tr(cli->lang,
			        "kring import: %d document(en) afgekeurd; er is niets opgeslagen\n",
			        "kring import: %d document(s) rejected; nothing was stored\n"), r.bad);
		status = EXIT_DATA;
		goto out;
	}
	kr_error_cleanup(&r.err);
	if (kr_store_end(r.s, true, &r.err)) {
		status = cli_fail("import", &r.err);
		goto out;
	}
	/* Only now that the commit succeeded do we say what was stored. */
	status = r.status;
	if (r.stored <= 20 && r.report.data)
		fputs(r.report.data, stdout);
	else if (r.stored > 20)
		printf(kr_tr(cli->lang, "%d dossiers opgeslagen\n", "%d cases stored\n"), r.stored);
out:
	kr_buf_cleanup(&r.report);
	kr_error_cleanup(&r.err);
	kr_store_close(r.s);
	return status;
}
