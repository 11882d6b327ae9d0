/*
 * cmd_render.c - `kring render KIND REF [--revision N | --as-of DATE]
 * [--compare DATE | --compare-revision N] [--lang nl|en] -o FILE`: draw one
 * of the network instruments of a stored case as SVG, PDF or PNG (the
 * format follows the file's extension; `-o -` writes SVG to standard
 * output).  `kring render plan REF -o plan.pdf` writes the network plan as
 * the document people sign (render_plan.h).  All drawing is done by
 * libkring (render.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kring/date.h"
#include "kring/render.h"
#include "kring/render_plan.h"

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

static void help(enum kr_lang lang)
{
	printf("%s", kr_tr(lang,
	       "Gebruik: kring render SOORT DOSSIER [--revision N | --as-of DATUM]\n"
	       "                      [--compare DATUM | --compare-revision N] [--lang nl|en]\n"
	       "                      -o BESTAND\n"
	       "Tekent een netwerkinstrument van het dossier. SOORT is ecogram, genogram,\n"
	       "lifeline (levenslijn), sociogram, scan (Community Scan), flower (bloem) of\n"
	       "kompas (Netwerkkompas). Het formaat volgt uit de extensie van BESTAND: .svg,\n"
	       ".pdf of .png; -o - schrijft SVG naar het scherm. SOORT plan schrijft het\n"
	       "netwerkplan om te ondertekenen als PDF (-o plan.pdf).\n"
	       "  --revision N        teken versie N van het dossier\n"
	       "  --as-of DATUM       teken de stand op DATUM (JJJJ-MM-DD; standaard: vandaag)\n"
	       "  --compare DATUM     scan: zet de stand op DATUM ernaast\n"
	       "  --compare-revision N  scan: zet versie N ernaast\n",
	       "Usage: kring render KIND REF [--revision N | --as-of DATE]\n"
	       "                    [--compare DATE | --compare-revision N] [--lang nl|en]\n"
	       "                    -o FILE\n"
	       "Draws one network instrument of the case. KIND is ecogram, genogram,\n"
	       "lifeline, sociogram, scan (Community Scan), flower or kompas (Netwerkkompas).\n"
	       "The format follows FILE's extension: .svg, .pdf or .png; -o - writes SVG to\n"
	       "standard output. KIND plan writes the network plan to sign as PDF\n"
	       "(-o plan.pdf).\n"
	       "  --revision N        draw revision N of the case\n"
	       "  --as-of DATE        draw the state on DATE (YYYY-MM-DD; default: today)\n"
	       "  --compare DATE      scan: show the state on DATE alongside\n"
	       "  --compare-revision N  scan: show revision N alongside\n"));
}

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
static int render_plan(struct kr_cli *cli, const char *ref, long rev, long at,
                       const char *out_path)
{
	struct kr_plan_doc_opts o;
	struct kr_store *s = NULL;
	struct kr_case *c = NULL;
	struct kr_error err;
	struct kr_buf pdf;
	int status = 0;

	if (!out_path || kr_render_format_from_path(out_path) != KR_FORMAT_PDF)
		return cli_usage("render", "the plan is a PDF: say where with -o FILE.pdf");
	if (rev > 0 && at >= 0)
		return cli_usage("render", "use --revision or --as-of, not both");
	kr_buf_init(&pdf, OUT_MAX);
	kr_error_init(&err);
	if (!(s = cli_open_store(cli))) {
		status = EXIT_DATA;
		goto out;
	}
	if (!(c = cli_load_case(cli, s, "render", ref, rev, at, &status)))
		goto out;
	memset(&o, 0, sizeof o);
	o.lang = cli->lang;
	o.as_of = at >= 0 ? at : kr_today();
	if (kr_render_plan_pdf(c, &o, &pdf, &err))
		status = cli_fail("render", &err);
	else
		status = cli_write_file("render", out_path, pdf.data, pdf.len);
out:
	kr_case_free(c);
	kr_store_close(s);
	kr_buf_cleanup(&pdf);
	kr_error_cleanup(&err);
	return status;
}

int cmd_render(struct kr_cli *cli, int argc, char **argv)
{
	const char *kind_name = NULL, *ref = NULL, *out_path = NULL;
	long rev = 0, at = -1, cmp_rev = 0, cmp_at = -1;
	int kind, fmt, status = 0;
	struct kr_store *s = NULL;
	struct kr_case *c = NULL, *earlier = NULL;
	struct kr_render_opts opts;
	struct kr_buf svg, conv;
	struct kr_error err;
	enum kr_status rc;

	kr_buf_init(&svg, SVG_MAX);
	kr_buf_init(&conv, OUT_MAX);
	kr_error_init(&err);
	for (int i = 1; i < argc; i++) {
		int g;
		if (cli_is_help(argv[i])) {
			help(cli->lang);
			return 0;
		}
		if ((g = cli_global_opt(cli, "render", argc, argv, &i)) < 0)
			return EXIT_USAGE;
		if (g)
			continue;
		if (strcmp(argv[i], "--revision") == 0 && i + 1 < argc) {
			if (!cli_parse_long("render", "--revision", argv[++i], 1, &rev))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (!cli_parse_day("render", "--as-of", argv[++i], &at))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--compare") == 0 && i + 1 < argc) {
			if (!cli_parse_day("render", "--compare", argv[++i], &cmp_at))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--compare-revision") == 0 && i + 1 < argc) {
			if (!cli_parse_long("render", "--compare-revision", argv[++i], 1, &cmp_rev))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out_path = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage("render", "unknown option \"%s\"", argv[i]);
		} else if (!kind_name) {
			kind_name = argv[i];
		} else if (!ref) {
			ref = argv[i];
		} else {
			return cli_usage("render", "too many arguments (\"%s\")", argv[i]);
		}
	}
	if (!kind_name || !ref)
		return cli_usage("render", "name the kind of picture and the case");
	if (strcmp(kind_name, "plan") == 0)
		return render_plan(cli, ref, rev, at, out_path);
	if ((kind = kr_render_kind_parse(kind_name)) < 0)
		return cli_usage("render", "unknown kind \"%s\" (ecogram, genogram, lifeline, "
		                 "sociogram, scan, flower, kompas)", kind_name);
	if (!out_path)
		return cli_usage("render", "say where to write the picture with -o FILE");
	if ((fmt = kr_render_format_from_path(out_path)) < 0)
		return cli_usage("render", "\"%s\": use a file name ending in .svg, .pdf or .png",
		                 out_path);
	if (rev > 0 && at >= 0)
		return cli_usage("render", "use --revision or --as-of, not both");
	if (cmp_rev > 0 && cmp_at >= 0)
		return cli_usage("render", "use --compare or --compare-revision, not both");

	if (!(s = cli_open_store(cli)))
		return EXIT_DATA;
	if (!(c = cli_load_case(cli, s, "render", ref, rev, at, &status)))
		goto out;
	memset(&opts, 0, sizeof opts);
	opts.lang = cli->lang;
	opts.as_of = at >= 0 ? at : kr_today();
	if (cmp_rev > 0 || cmp_at >= 0) {
		if (!(earlier = cli_load_case(cli, s, "render", ref, cmp_rev, cmp_at, &status)))
			goto out;
		opts.compare = earlier;
		opts.compare_day = cmp_at >= 0 ? cmp_at : revision_day(s, ref, cmp_rev);
		if (opts.compare_day < 0)
			opts.compare_day = opts.as_of;
	}
	rc = kr_render_svg((enum kr_render_kind)kind, c, &opts, &svg, &err);
	if (rc == KR_OK && fmt != KR_FORMAT_SVG)
		rc = kr_render_convert(svg.data, svg.len, (enum kr_render_format)fmt, &conv, &err);
	if (rc != KR_OK) {
		status = cli_fail("render", &err);
		goto out;
	}
	if (fmt == KR_FORMAT_SVG)
		status = cli_write_file("render", out_path, svg.data, svg.len);
	else
		status = cli_write_file("render", out_path, conv.data, conv.len);
out:
	kr_case_free(c);
	kr_case_free(earlier);
	kr_store_close(s);
	kr_buf_cleanup(&svg);
	kr_buf_cleanup(&conv);
	kr_error_cleanup(&err);
	return status;
}
