/*
 * export_xlsx.c - the Community Scan workbook (include/kring/export_xlsx.h):
 * every revision of a case read from the store, its scan computed as of the
 * day it was stored (lib/scan.c), and written with libxlsxwriter as an
 * overview sheet plus one sheet per revision, each with a radar chart.
 *
 * The workbook goes to a temporary file next to the target (mkstemp), which
 * is renamed over the target only after libxlsxwriter has closed it
 * successfully; any failure removes the temporary file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "kring/export_xlsx.h"
#include "kring/scan.h"
#include "kring/enum.h"
#include "kring/init.h"
#include "kring/lang.h"

#define NSEG (KR_SEG__N - 1)
#define MAX_CHART_SERIES 8      /* the overview chart shows the last eight revisions */
#define SHEET_NAME 32           /* Excel allows 31 characters */

struct rev {
	long rev;
	char date[11];              /* YYYY-MM-DD the revision was stored */
	char sheet[SHEET_NAME];
	struct kr_case *c;
	struct kr_scan scan;
};

struct book {
	lxw_workbook *wb;
	lxw_format *bold, *wrap_bold, *num1, *italic;
	enum kr_lang lang;
};

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" (UTC); 0 when unreadable. */
static time_t parse_utc(const char *iso)
{
	struct kr_date d;
	char day[11];
	int hh = 0, mm = 0, ss = 0;

	if (strlen(iso) < 10)
		return 0;
	memcpy(day, iso, 10);
	day[10] = '\0';
	if (!kr_date_parse_full(day, &d))
		return 0;
	if (strlen(iso) >= 19 && sscanf(iso + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3)
		hh = mm = ss = 0;
	return (time_t)kr_date_first(d) * 86400 + hh * 3600 + mm * 60 + ss;
}

static const char *world_name(const struct kr_case *c, int i, enum kr_lang lang)
{
	return kr_enum_label(KR_ENUM_WORLD, (int)c->persons[i].world, lang);
}

/* One revision's sheet: the people, the segment values, the radar chart. */
static lxw_error write_revision(struct book *bk, const struct rev *r)
{
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, r->sheet);
	lxw_chart *chart;
	lxw_chart_series *ser;
	const struct kr_scan *sc = &r->scan;
	enum kr_lang l = bk->lang;
	const char *head[] = {
		kr_tr(l, "Naam", "Name"), kr_tr(l, "Wereld", "World"),
		kr_tr(l, "Segment", "Segment"), kr_tr(l, "Belang (0-3)", "Importance (0-3)"),
		kr_tr(l, "Contact", "Contact"), kr_tr(l, "Contact (0-4)", "Contact (0-4)"),
		kr_tr(l, "Punten", "Points"),
	};
	const char *head2[] = {
		kr_tr(l, "Segment", "Segment"), kr_tr(l, "Mensen", "People"),
		kr_tr(l, "Punten", "Points"), kr_tr(l, "Waarde (0-10)", "Value (0-10)"),
		kr_tr(l, "Oordeel", "Verdict"),
	};
	lxw_row_t row, seg0;
	char title[128];

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (lxw_col_t k = 0; k < 7; k++)
		worksheet_write_string(ws, 0, k, head[k], bk->bold);
	for (size_t i = 0; i < sc->npeople; i++) {
		const struct kr_scan_person *p = &sc->people[i];
		row = (lxw_row_t)(i + 1);
		worksheet_write_string(ws, row, 0, kr_case_person_name(r->c, p->person), NULL);
		worksheet_write_string(ws, row, 1, world_name(r->c, p->person, l), NULL);
		worksheet_write_string(ws, row, 2, kr_scan_segment_name(p->segment, l), NULL);
		worksheet_write_number(ws, row, 3, p->importance, NULL);
		worksheet_write_string(ws, row, 4, !p->has_tie ?
		                       kr_tr(l, "geen band vastgelegd", "no tie recorded") :
		                       p->frequency == KR_FREQ_NONE ? kr_tr(l, "onbekend", "unknown") :
		                       kr_enum_label(KR_ENUM_FREQUENCY, (int)p->frequency, l), NULL);
		worksheet_write_number(ws, row, 5, p->contact, NULL);
		worksheet_write_number(ws, row, 6, p->points, NULL);
	}
	row = (lxw_row_t)(sc->npeople + 2);
	for (lxw_col_t k = 0; k < 5; k++)
		worksheet_write_string(ws, row, k, head2[k], bk->bold);
	seg0 = row + 1;
	for (int k = 0; k < NSEG; k++) {
		enum kr_segment seg = kr_scan_order[k];
		const struct kr_scan_segment *sg = &sc->seg[seg];
		row = seg0 + (lxw_row_t)k;
		worksheet_write_string(ws, row, 0, kr_scan_segment_name(seg, l), NULL);
		worksheet_write_number(ws, row, 1, (double)sg->count, NULL);
		worksheet_write_number(ws, row, 2, sg->points, NULL);
		worksheet_write_number(ws, row, 3, sg->value, bk->num1);
		worksheet_write_string(ws, row, 4, sg->state == KR_SCAN_OK ?
		                       kr_tr(l, "voldoende", "enough") :
		                       kr_scan_state_name(sg->state, l), NULL);
	}
	row = seg0 + NSEG + 1;
	worksheet_write_string(ws, row, 0, kr_tr(l,
	                       "Punten = belang x contact. Waarde = punten van het segment / 3, "
	                       "hoogstens 10. Zwak: onder 2. Leeg: niemand.",
	                       "Points = importance x contact. Value = the segment's points / 3, "
	                       "at most 10. Weak: under 2. Empty: nobody."), bk->italic);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 2, 18, NULL);
	worksheet_set_column(ws, 3, 3, 14, NULL);
	worksheet_set_column(ws, 4, 4, 20, NULL);
	worksheet_set_column(ws, 5, 6, 13, NULL);

	chart = workbook_add_chart(bk->wb, LXW_CHART_RADAR_WITH_MARKERS);
	if (!chart)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	ser = chart_add_series(chart, NULL, NULL);
	if (!ser)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	chart_series_set_categories(ser, r->sheet, seg0, 0, seg0 + NSEG - 1, 0);
	chart_series_set_values(ser, r->sheet, seg0, 3, seg0 + NSEG - 1, 3);
	chart_series_set_name(ser, r->date);
	snprintf(title, sizeof title, "Community Scan %s", r->date);
	chart_title_set_name(chart, title);
	chart_axis_set_min(chart->y_axis, 0);
	chart_axis_set_max(chart->y_axis, 10);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	return worksheet_insert_chart(ws, 1, 8, chart);
}

/* The overview: one column per revision, the change, the people, a chart. */
static lxw_error write_overview(struct book *bk, const char *name, const struct rev *revs,
                                size_t n, const char *child)
{
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, name);
	lxw_chart *chart;
	enum kr_lang l = bk->lang;
	lxw_col_t change = (lxw_col_t)(n + 1);
	lxw_row_t total = NSEG + 1;
	char head[64];

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	worksheet_write_string(ws, 0, 0, kr_tr(l, "Segment", "Segment"), bk->bold);
	for (size_t j = 0; j < n; j++) {
		snprintf(head, sizeof head, "%s %ld (%s)", kr_tr(l, "Revisie", "Revision"), revs[j].rev,
		         revs[j].date);
		worksheet_write_string(ws, 0, (lxw_col_t)(j + 1), head, bk->wrap_bold);
	}
	worksheet_write_string(ws, 0, change, kr_tr(l, "Verschil eerste-laatste",
	                       "Change first-last"), bk->wrap_bold);
	for (int k = 0; k < NSEG; k++) {
		enum kr_segment seg = kr_scan_order[k];
		lxw_row_t row = (lxw_row_t)(k + 1);
		worksheet_write_string(ws, row, 0, kr_scan_segment_name(seg, l), NULL);
		for (size_t j = 0; j < n; j++)
			worksheet_write_number(ws, row, (lxw_col_t)(j + 1), revs[j].scan.seg[seg].value,
			                       bk->num1);
		worksheet_write_number(ws, row, change, n ? revs[n - 1].scan.seg[seg].value -
		                       revs[0].scan.seg[seg].value : 0.0, bk->num1);
	}
	worksheet_write_string(ws, total, 0, kr_tr(l, "Mensen in het netwerk",
	                       "People in the network"), bk->bold);
	for (size_t j = 0; j < n; j++)
		worksheet_write_number(ws, total, (lxw_col_t)(j + 1), (double)revs[j].scan.npeople,
		                       bk->bold);
	if (n)
		worksheet_write_number(ws, total, change, (double)revs[n - 1].scan.npeople -
		                       (double)revs[0].scan.npeople, bk->bold);
	snprintf(head, sizeof head, "%s: %s", kr_tr(l, "Kind", "Child"), child);
	worksheet_write_string(ws, total + 2, 0, head, bk->italic);
	worksheet_freeze_panes(ws, 1, 1);
	worksheet_set_row(ws, 0, 32, NULL);
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, change, 14, NULL);

	if (n == 0)
		return LXW_NO_ERROR;
	chart = workbook_add_chart(bk->wb, LXW_CHART_RADAR_WITH_MARKERS);
	if (!chart)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t j = n > MAX_CHART_SERIES ? n - MAX_CHART_SERIES : 0; j < n; j++) {
		lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
		if (!ser)
			return LXW_ERROR_MEMORY_MALLOC_FAILED;
		chart_series_set_categories(ser, name, 1, 0, NSEG, 0);
		chart_series_set_values(ser, name, 1, (lxw_col_t)(j + 1), NSEG, (lxw_col_t)(j + 1));
		chart_series_set_name_range(ser, name, 0, (lxw_col_t)(j + 1));
	}
	chart_title_set_name(chart, kr_tr(l, "Community Scan door de tijd",
	                                  "Community Scan over time"));
	chart_axis_set_min(chart->y_axis, 0);
	chart_axis_set_max(chart->y_axis, 10);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	return worksheet_insert_chart(ws, total + 4, 0, chart);
}

/* Makes sure the file on disk reached the disk before it is renamed. */
/* Why libxlsxwriter failed, in err's language (its own text is English). */
static const char *lxw_text(lxw_error le, const struct kr_error *err)
{
	static _Thread_local char buf[64];

	if ((err ? err->lang : kr_config_get()->lang) == KR_LANG_EN)
		return lxw_strerror(le);
	switch (le) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED: return "het geheugen is vol";
	case LXW_ERROR_CREATING_XLSX_FILE: return "het bestand kan niet worden gemaakt";
	case LXW_ERROR_CREATING_TMPFILE: return "een tijdelijk bestand kan niet worden gemaakt";
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD: return "het bestand kan niet worden ingepakt (zip)";
	default: break;
	}
	snprintf(buf, sizeof buf, "fout %d van de werkmapbibliotheek", (int)le);
	return buf;
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

enum kr_status kr_export_scan_xlsx(struct kr_store *s, const char *ref, const char *path,
                                   enum kr_lang lang, struct kr_error *err)
{
	struct kr_revision_info *hist = NULL;
	struct rev *revs = NULL;
	size_t n = 0;
	char *tmp = NULL;
	struct book bk;
	lxw_workbook_options wopt = { .constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0 };
	lxw_doc_properties props;
	lxw_error le = LXW_NO_ERROR;
	enum kr_status st;
	char title[256];
	int fd, tmp_made = 0;
	size_t tlen;

	memset(&bk, 0, sizeof bk);
	bk.lang = lang;
	st = kr_store_history(s, ref, &hist, &n, err);
	if (st != KR_OK)
		goto out;
	if (n == 0) {
		st = kr_error_say(err, KR_ENOTFOUND, "er is geen dossier \"%s\"", "no case \"%s\"",
		                  ref);
		goto out;
	}
	revs = calloc(n, sizeof *revs);
	if (!revs) {
		st = kr_error_say(err, KR_ENOMEM, "te weinig geheugen om de versies te lezen",
		                  "out of memory reading the revisions");
		goto out;
	}
	for (size_t j = 0; j < n; j++) {
		struct rev *r = &revs[j];
		struct kr_date d;
		r->rev = hist[j].rev;
		memcpy(r->date, hist[j].created, 10);
		r->date[10] = '\0';
		if (!kr_date_parse_full(r->date, &d)) {
			st = kr_error_say(err, KR_EDB, "versie %ld van \"%s\" heeft geen leesbare datum",
			                  "revision %ld of \"%s\" has no readable date", r->rev, ref);
			goto out;
		}
		snprintf(r->sheet, sizeof r->sheet, "%s %ld (%s)", kr_tr(lang, "Revisie", "Revision"),
		         r->rev, r->date);
		st = kr_store_get(s, ref, r->rev, &r->c, err);
		if (st != KR_OK)
			goto out;
		st = kr_scan_compute(r->c, kr_date_first(d), &r->scan, err);
		if (st != KR_OK)
			goto out;
	}

	/* A temporary file beside the target. */
	tlen = strlen(path) + 16;
	tmp = malloc(tlen);
	if (!tmp) {
		st = kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		goto out;
	}
	snprintf(tmp, tlen, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		st = kr_error_say(err, KR_EIO, "%s kan niet worden geschreven: %s",
		                  "cannot write %s: %s", path, kr_error_errno(err, errno));
		goto out;
	}
	close(fd);
	tmp_made = 1;

	bk.wb = workbook_new_opt(tmp, &wopt);
	if (!bk.wb) {
		st = kr_error_say(err, KR_EIO, "%s kan niet worden geschreven: de werkmap kon niet "
		                  "worden gemaakt", "cannot write %s: the workbook could not be "
		                  "started", path);
		goto out;
	}
	bk.bold = workbook_add_format(bk.wb);
	bk.wrap_bold = workbook_add_format(bk.wb);
	bk.num1 = workbook_add_format(bk.wb);
	bk.italic = workbook_add_format(bk.wb);
	format_set_bold(bk.bold);
	format_set_bold(bk.wrap_bold);
	format_set_text_wrap(bk.wrap_bold);
	format_set_num_format(bk.num1, "0.0");
	format_set_italic(bk.italic);

	memset(&props, 0, sizeof props);
	snprintf(title, sizeof title, "Community Scan %s", ref);
	props.title = title;
	props.created = parse_utc(hist[n - 1].created);
	if (props.created == 0)
		props.created = 1;      /* never "now": the same store gives the same bytes */
	workbook_set_properties(bk.wb, &props);

	le = write_overview(&bk, kr_tr(lang, "Overzicht", "Overview"), revs, n,
	                    revs[n - 1].c->child >= 0 ?
	                    kr_case_person_name(revs[n - 1].c, revs[n - 1].c->child) : ref);
	for (size_t j = 0; j < n && le == LXW_NO_ERROR; j++)
		le = write_revision(&bk, &revs[j]);
	if (le != LXW_NO_ERROR) {
		workbook_close(bk.wb);
		bk.wb = NULL;
		st = kr_error_say(err, le == LXW_ERROR_MEMORY_MALLOC_FAILED ? KR_ENOMEM : KR_EIO,
		                  "%s kan niet worden geschreven: %s", "cannot write %s: %s", path,
		                  lxw_text(le, err));
		goto out;
	}
	le = workbook_close(bk.wb);
	bk.wb = NULL;
	if (le != LXW_NO_ERROR) {
		st = kr_error_say(err, KR_EIO, "%s kan niet worden geschreven: %s",
		                  "cannot write %s: %s", path, lxw_text(le, err));
		goto out;
	}
	if (sync_file(tmp) != 0 || rename(tmp, path) != 0) {
		st = kr_error_say(err, KR_EIO, "%s kan niet worden geschreven: %s",
		                  "cannot write %s: %s", path, kr_error_errno(err, errno));
		goto out;
	}
	tmp_made = 0;
out:
	if (tmp_made)
		unlink(tmp);
	free(tmp);
	for (size_t j = 0; revs && j < n; j++) {
		kr_scan_cleanup(&revs[j].scan);
		kr_case_free(revs[j].c);
	}
	free(revs);
	free(hist);
	return st;
}
