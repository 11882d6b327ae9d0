/*
 * cmd_render.c - `kring render KIND REF -o FILE [--as-of DATE] [--revision
 * N | --recorded-at TIME] [--compare DATE | --compare-revision N]`: draw one
 * of the network instruments of a stored case as SVG, PDF or PNG (the
 * format follows the file's extension; `-o -` writes SVG to standard
 * output), as on the as-of day; `kring render plan REF -o plan.pdf` writes
 * the network plan as the document people sign (render_plan.h).  All
 * drawing is done by libkring.  Audited as an export (SVG) or a print (PDF,
 * PNG).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/audit.h"
#include "kring/date.h"
#include "kring/family_plan.h"
#include "kring/render.h"
#include "kring/render_plan.h"
#include "kring/settings.h"
#include "opts.h"

#define SVG_MAX (64u * 1024u * 1024u)
#define OUT_MAX (256u * 1024u * 1024u)

/* fontconfig (under librsvg and pango, which draw PDF and PNG) keeps its
 * caches until the process ends.  Under AddressSanitizer (make asan) the
 * leak checker would report them; this hook, read only by LeakSanitizer,
 * tells it not to.  Unused in a normal build. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

struct args {
	const char *kind, *ref, *out;
	long on, cmp_rev, cmp_at;
	struct cli_pick pick;
};

static const struct cli_arg args[] = {
	{ "SOORT", "KIND", "de soort tekening", "the kind of picture", offsetof(struct args, kind),
	  0 },
	CLI_ARG_REF(struct args, ref),
};

static const struct cli_opt opts[] = {
	{ .name = "-o", .kind = CLI_FILE, .at = offsetof(struct args, out), .exts = "svg|pdf|png",
	  .flags = CLI_REQUIRED,
	  .help_nl = "waar de tekening heen gaat; de extensie kiest het formaat (.svg, .pdf, "
	             ".png); - schrijft SVG naar het scherm",
	  .help_en = "where the picture goes; the extension picks the format (.svg, .pdf, "
	             ".png); - writes SVG to standard output" },
	CLI_OPT_AS_OF(struct args, on),
	CLI_OPT_REVISION(struct args, pick.rev, 1),
	CLI_OPT_RECORDED_AT(struct args, pick.recorded, 1),
	{ .name = "--compare", .kind = CLI_DAY, .at = offsetof(struct args, cmp_at), .group = 2,
	  .help_nl = "scan: zet ernaast hoe het dossier aan het eind van DATUM vastgelegd was "
	             "(de versie die toen de laatste was), beoordeeld op DATUM",
	  .help_en = "scan: show beside it the case as it was recorded at the end of DATE "
	             "(the revision that was the latest then), judged on DATE" },
	{ .name = "--compare-revision", .kind = CLI_LONG, .at = offsetof(struct args, cmp_rev),
	  .min = 1, .max = LONG_MAX, .group = 2,
	  .help_nl = "scan: zet versie N ernaast, beoordeeld op de dag dat die vastgelegd is",
	  .help_en = "scan: show revision N beside it, judged on the day it was recorded" },
};

static const struct cli_cmd spec = {
	.name = "render",
	.args = CLI_N(args),
	.opts = CLI_N(opts),
	.about_nl = "Tekent een netwerkinstrument van het dossier op DATUM. SOORT is ecogram,\n"
	            "genogram, lifeline (levenslijn), sociogram, scan (Community Scan), flower\n"
	            "(bloem) of kompas (Netwerkkompas). SOORT plan schrijft het netwerkplan\n"
	            "om te ondertekenen als PDF (-o plan.pdf).\n",
	.about_en = "Draws one network instrument of the case on DATE. KIND is ecogram,\n"
	            "genogram, lifeline, sociogram, scan (Community Scan), flower or kompas\n"
	            "(Netwerkkompas). KIND plan writes the network plan to sign as PDF\n"
	            "(-o plan.pdf).\n",
};

/* The day revision rev of ref was written, or -1. */
static long revision_day(struct kr_store *s, const char *ref, long rev)
{
	struct kr_revision_info *h = NULL;
	size_t n = 0;
	long day = -1;
	struct kr_date d;
	char iso[11];

	if (kr_store_history(s, ref, &h, &n, NULL) != KR_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (h[i].rev != rev)
			continue;
		memcpy(iso, h[i].created, 10);
		iso[10] = '\0';
		if (kr_date_parse_full(iso, &d))
			day = kr_date_first(d);
	}
	free(h);
	return day;
}

/* `kring render plan REF -o FILE.pdf`: the plan as a document to sign. */
static int render_plan(struct kr_cli *cli, const struct args *a)
{
	struct kr_plan_doc_opts o;
	struct kr_store *s = NULL;
	struct kr_case *c = NULL;
	struct kr_error err;
	struct kr_buf pdf;
	int status = 0;

	if (kr_render_format_from_path(a->out) != KR_FORMAT_PDF)
		return cli_usage("render", "%s", kr_tr(cli->lang, "het plan is een PDF: zeg waar "
		                 "met -o BESTAND.pdf", "the plan is a PDF: say where with -o FILE.pdf"));
	kr_buf_init(&pdf, OUT_MAX);
	kr_error_init_lang(&err, cli->lang);
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "render", a->ref, a->pick, NULL, &status)))
		goto out;
	memset(&o, 0, sizeof o);
	o.lang = cli->lang;
	o.as_of = a->on;
	if (kr_render_plan_pdf(c, &o, &pdf, &err))
		status = cli_fail("render", &err);
	else if (!(status = cli_audit(cli, s, "render", KR_AUDIT_PRINT, a->ref,
	                              "plan printed (pdf)")))
		status = cli_write_file("render", a->out, pdf.data, pdf.len);
out:
	kr_case_free(c);
	kr_store_close(s);
	kr_buf_cleanup(&pdf);
	kr_error_cleanup(&err);
	return status;
}

int cmd_render(struct kr_cli *cli, int argc, char **argv)
{
	struct args a = { NULL, NULL, NULL, kr_today(), 0, -1, CLI_PICK_LATEST };
	int kind, fmt, status = cli_parse(cli, &spec, argc, argv, &a);
	struct kr_store *s = NULL;
	struct kr_case *c = NULL, *earlier = NULL;
	struct kr_render_opts ro;
	struct kr_settings set;
	struct kr_buf svg, conv;
	struct kr_case_judged judged = { 0 };
	struct kr_error err;
	enum kr_status rc;
	char detail[64];

	if (status >= 0)
		return status;
	status = 0;
	if (strcmp(a.kind, "plan") == 0)
		return render_plan(cli, &a);
	if ((kind = kr_render_kind_parse(a.kind)) < 0)
		return cli_usage("render", kr_tr(cli->lang, "onbekende soort \"%s\" (ecogram, "
		                 "genogram, lifeline, sociogram, scan, flower, kompas, plan)",
		                 "unknown kind \"%s\" (ecogram, genogram, lifeline, sociogram, scan, "
		                 "flower, kompas, plan)"), a.kind);
	fmt = strcmp(a.out, "-") == 0 ? KR_FORMAT_SVG : kr_render_format_from_path(a.out);
	if (fmt < 0)
		return cli_usage("render", kr_tr(cli->lang, "\"%s\": gebruik een bestandsnaam op "
		                 ".svg, .pdf of .png", "\"%s\": use a file name ending in .svg, "
		                 ".pdf or .png"), a.out);

	kr_buf_init(&svg, SVG_MAX);
	kr_buf_init(&conv, OUT_MAX);
	kr_error_init_lang(&err, cli->lang);
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (kr_settings_load(s, &set, &err)) {
		status = cli_fail("render", &err);
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "render", a.ref, a.pick, NULL, &status)))
		goto out;
	memset(&ro, 0, sizeof ro);
	ro.lang = cli->lang;
	ro.as_of = a.on;
	ro.settings = &set;   /* the thresholds `kring show` and the signals use */
	if (a.cmp_rev > 0 || a.cmp_at >= 0) {
		/* an earlier state: the revision recorded by the end of that day, not
		 * the latest judged on another day */
		struct cli_pick then = { a.cmp_rev, -1 };
		if (a.cmp_at >= 0 && kr_store_revision_at(s, a.ref, a.cmp_at, &then.rev, &err)) {
			status = cli_fail("render", &err);
			goto out;
		}
		if (!(earlier = cli_load_case(cli, s, "render", a.ref, then, NULL, &status)))
			goto out;
		ro.compare = earlier;
		ro.compare_day = a.cmp_at >= 0 ? a.cmp_at : revision_day(s, a.ref, a.cmp_rev);
		if (ro.compare_day < 0)
			ro.compare_day = ro.as_of;
	}
	/* drawn as judged: the lifeline shows the family plans' meetings too */
	if ((rc = kr_case_judged(s, c, &judged, &err)) == KR_OK)
		rc = kr_render_svg((enum kr_render_kind)kind, &judged.c, &ro, &svg, &err);
	if (rc == KR_OK && fmt != KR_FORMAT_SVG)
		rc = kr_render_convert(svg.data, svg.len, (enum kr_render_format)fmt, &conv, &err);
	if (rc != KR_OK) {
		status = cli_fail("render", &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "%s drawn (%s)", kr_render_kind_name(kind),
	         fmt == KR_FORMAT_SVG ? "svg" : fmt == KR_FORMAT_PDF ? "pdf" : "png");
	if ((status = cli_audit(cli, s, "render", fmt == KR_FORMAT_SVG ? KR_AUDIT_EXPORT
	                        : KR_AUDIT_PRINT, a.ref, detail)))
		goto out;
	if (fmt == KR_FORMAT_SVG)
		status = cli_write_file("render", a.out, svg.data, svg.len);
	else
		status = cli_write_file("render", a.out, conv.data, conv.len);
out:
	kr_case_judged_cleanup(&judged);
	kr_case_free(c);
	kr_case_free(earlier);
	kr_store_close(s);
	kr_buf_cleanup(&svg);
	kr_buf_cleanup(&conv);
	kr_error_cleanup(&err);
	return status;
}
