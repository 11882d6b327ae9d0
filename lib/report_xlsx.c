/*
 * report_xlsx.c - the report of report.h as an Excel workbook
 * (kr_report_xlsx), written with libxlsxwriter: a first sheet about the
 * report (what, when, the disclosure rules), then one sheet per table with
 * its rows - the words for people next to the plain names, the value (empty
 * when held back) and whether it was held back - and a native chart of the
 * focus unit fed from a small block beside the rows; for a team, a sheet
 * with the caseload.  Like export_xlsx.c the workbook goes to a temporary
 * file beside the target that is renamed over it when complete, and its
 * creation time is fixed, so the same report gives the same bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/signals.h"
#include "report_int.h"

struct book {
	lxw_workbook *wb;
	lxw_format *bold, *num, *num1, *wrap;
	enum kr_lang L;
	const struct kr_report *r;
};

static lxw_error about(struct book *bk)
{
	const struct kr_report *r = bk->r;
	enum kr_lang L = bk->L;
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, kr_tr(L, "Over dit rapport",
	                                                        "About this report"));
	char a[11], f[11], t[11], line[160];
	int row = 0;

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 90, bk->wrap);
	worksheet_write_string(ws, row++, 0, r->kind == KR_REPORT_MONITOR
	                       ? kr_tr(L, "Monitor netwerkgericht werken", "Embedding monitor")
	                       : kr_tr(L, "Startfoto jeugdhulp in gezinsvormen", "Startfoto"),
	                       bk->bold);
	worksheet_write_string(ws, ++row, 0, kr_tr(L, "Peildatum", "As of"), bk->bold);
	worksheet_write_string(ws, row++, 1, kr_date_format(kr_date_from_days(r->as_of), a), NULL);
	worksheet_write_string(ws, row, 0, kr_tr(L, "Kwartalen", "Quarters"), bk->bold);
	snprintf(line, sizeof line, "%s - %s", kr_date_format(kr_date_from_days(r->from), f),
	         kr_date_format(kr_date_from_days(r->to), t));
	worksheet_write_string(ws, row++, 1, line, NULL);
	worksheet_write_string(ws, row, 0, kr_tr(L, "Privacy", "Disclosure control"), bk->bold);
	snprintf(line, sizeof line, kr_tr(L, "Aantallen afgerond op %d; echte aantallen onder %d "
	                                     "en wat ze zou verraden zijn leeg.",
	                                     "Counts rounded to %d; true counts under %d and what "
	                                     "would give them away are empty."),
	         KR_REPORT_ROUND, KR_REPORT_SUPPRESS_BELOW);
	worksheet_write_string(ws, row++, 1, line, NULL);
	worksheet_write_string(ws, row, 0, kr_tr(L, "Uitleg", "Definitions"), bk->bold);
	worksheet_write_string(ws, row++, 1, "docs/report.md", NULL);
	row++;
	for (size_t i = 0; i < r->ntables; i++) {
		worksheet_write_string(ws, row, 0, r->tables[i].id, NULL);
		worksheet_write_string(ws, row++, 1, r->tables[i].title[L], NULL);
	}
	return LXW_NO_ERROR;
}

static lxw_error chart(struct book *bk, lxw_worksheet *ws, const char *sheet,
                       const struct kr_report_table *t, lxw_col_t col)
{
	struct kri_chart c;
	lxw_chart *ch;
	lxw_error e = LXW_NO_ERROR;

	if (!kri_report_chart_data(bk->r, t, &c))
		return LXW_NO_ERROR;
	/* the block the chart reads: x down the first column, a column per series */
	for (size_t i = 0; i < c.nx; i++)
		worksheet_write_string(ws, (lxw_row_t)(i + 1), col,
		                       kri_report_label(bk->r, t->chart.x, c.xv[i], bk->L), NULL);
	for (size_t s = 0; s < c.ns; s++) {
		worksheet_write_string(ws, 0, (lxw_col_t)(col + 1 + s), c.sv[s] ?
		                       kri_report_label(bk->r, t->chart.series, c.sv[s], bk->L) :
		                       kr_tr(bk->L, "waarde", "value"), bk->bold);
		for (size_t i = 0; i < c.nx; i++)
			if (c.has[s * c.nx + i])
				worksheet_write_number(ws, (lxw_row_t)(i + 1), (lxw_col_t)(col + 1 + s),
				                       c.v[s * c.nx + i], bk->num1);
	}
	ch = workbook_add_chart(bk->wb, t->chart.type == KR_CHART_LINE ? LXW_CHART_LINE
	                                                               : LXW_CHART_COLUMN);
	if (!ch) {
		e = LXW_ERROR_MEMORY_MALLOC_FAILED;
		goto out;
	}
	for (size_t s = 0; s < c.ns; s++) {
		lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
		if (!ser) {
			e = LXW_ERROR_MEMORY_MALLOC_FAILED;
			goto out;
		}
		chart_series_set_categories(ser, sheet, 1, col, (lxw_row_t)c.nx, col);
		chart_series_set_values(ser, sheet, 1, (lxw_col_t)(col + 1 + s), (lxw_row_t)c.nx,
		                        (lxw_col_t)(col + 1 + s));
		chart_series_set_name_range(ser, sheet, 0, (lxw_col_t)(col + 1 + s));
		if (t->chart.type == KR_CHART_LINE)
			chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
	}
	chart_title_set_name(ch, t->title[bk->L]);
	if (c.ns < 2)
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	else
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_min(ch->y_axis, 0);
	e = worksheet_insert_chart(ws, (lxw_row_t)(c.nx + 3), col, ch);
out:
	kri_chart_cleanup(&c);
	return e;
}

static lxw_error table_sheet(struct book *bk, const struct kr_report_table *t)
{
	const struct kr_report *r = bk->r;
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, t->id);
	size_t ndims = 0;
	lxw_col_t col;

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].ndims > ndims)
			ndims = t->rows[i].ndims;
	for (size_t d = 0; d < ndims; d++) {
		const char *key = t->nrows ? t->rows[0].key[d] : "";
		worksheet_write_string(ws, 0, (lxw_col_t)d, key, bk->bold);
		worksheet_set_column(ws, (lxw_col_t)d, (lxw_col_t)d, 22, NULL);
	}
	col = (lxw_col_t)ndims;
	worksheet_write_string(ws, 0, col, kr_tr(bk->L, "waarde", "value"), bk->bold);
	worksheet_write_string(ws, 0, (lxw_col_t)(col + 1), kr_tr(bk->L, "weggelaten",
	                       "suppressed"), bk->bold);
	worksheet_write_string(ws, 0, (lxw_col_t)(col + 2), kr_tr(bk->L, "omschrijving",
	                       "description"), bk->bold);
	worksheet_set_column(ws, (lxw_col_t)(col + 2), (lxw_col_t)(col + 2), 60, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct kr_report_row *row = &t->rows[i];
		char label[300] = "";
		size_t used = 0;
		for (size_t d = 0; d < row->ndims; d++) {
			worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)d, row->val[d], NULL);
			if (used < sizeof label)
				used += (size_t)snprintf(label + used, sizeof label - used, "%s%s",
				                         d ? " / " : "", kri_report_label(r, row->key[d],
				                                                          row->val[d], bk->L));
		}
		if (row->has_value)
			worksheet_write_number(ws, (lxw_row_t)(i + 1), col, row->value,
			                       row->count ? bk->num : bk->num1);
		worksheet_write_boolean(ws, (lxw_row_t)(i + 1), (lxw_col_t)(col + 1), row->suppressed,
		                        NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)(col + 2), label, NULL);
	}
	return chart(bk, ws, t->id, t, (lxw_col_t)(col + 4));
}

static lxw_error caseload_sheet(struct book *bk)
{
	enum kr_lang L = bk->L;
	const char *head[] = { kr_tr(L, "medewerker", "worker"), kr_tr(L, "dossier", "case"),
		kr_tr(L, "kind", "child"), kr_tr(L, "woont nu", "lives now"),
		kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_ALERT + 1, L),
		kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_WARNING + 1, L),
		kr_enum_label(KR_ENUM_LEVEL, KR_LEVEL_INFO + 1, L),
		kr_tr(L, "ernstigste signaal", "most severe signal"),
		kr_tr(L, "afspraken te laat", "overdue agreements"),
		kr_tr(L, "volgende bespreking", "next review") };
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, "caseload");

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t k = 0; k < sizeof head / sizeof *head; k++) {
		worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], bk->bold);
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, k == 7 ? 36 : 16, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t i = 0; i < bk->r->ncaseload; i++) {
		const struct kr_report_case *k = &bk->r->caseload[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		char d[11];
		worksheet_write_string(ws, row, 0, k->worker, NULL);
		worksheet_write_string(ws, row, 1, k->ref, NULL);
		worksheet_write_string(ws, row, 2, k->child ? k->child : "", NULL);
		worksheet_write_string(ws, row, 3, *k->form ? kr_enum_label(KR_ENUM_FORM,
		                       kr_enum_value(KR_ENUM_FORM, k->form), L) : "", NULL);
		worksheet_write_number(ws, row, 4, (double)k->alerts, bk->num);
		worksheet_write_number(ws, row, 5, (double)k->warnings, bk->num);
		worksheet_write_number(ws, row, 6, (double)k->infos, bk->num);
		worksheet_write_string(ws, row, 7, k->top ? kr_signals_title(k->top, L) : "", NULL);
		worksheet_write_number(ws, row, 8, (double)k->overdue, bk->num);
		worksheet_write_string(ws, row, 9, k->next_review >= 0 ?
		                       kr_date_format(kr_date_from_days(k->next_review), d) : "", NULL);
	}
	return LXW_NO_ERROR;
}

/* Why writing failed, in the error's language: the system's words
 * (strerror) in English, the common causes in Dutch - like the command
 * line's io_error (cli/cmd_import.c) - and otherwise a Dutch sentence with
 * the number. */
static enum kr_status write_failed(struct kr_error *err, const char *path, int e)
{
	const char *nl;
	char other[64];

	switch (e) {
	case ENOENT: case ENOTDIR: nl = "de map bestaat niet"; break;
	case EACCES: case EPERM: nl = "je hebt geen toegang tot de map of het bestand"; break;
	case EISDIR: nl = "dit is een map, geen bestand"; break;
	case ENOSPC: nl = "de schijf is vol"; break;
#ifdef EDQUOT
	case EDQUOT: nl = "je quotum op de schijf is op"; break;
#endif
	case EROFS: nl = "de schijf is alleen-lezen"; break;
	default:
		snprintf(other, sizeof other, "het systeem weigerde (foutcode %d)", e);
		nl = other;
	}
	return kr_error_say(err, KR_EIO, "%s kan niet worden geschreven: %s%.0s",
	                    "cannot write %s: %.0s%s", path, nl, strerror(e));
}

enum kr_status kr_report_xlsx(const struct kr_report *r, enum kr_lang lang, const char *path,
                              struct kr_error *err)
{
	lxw_workbook_options wopt = { .constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0 };
	lxw_doc_properties props;
	lxw_error le = LXW_NO_ERROR;
	struct book bk;
	enum kr_status rc = KR_OK;
	size_t tlen = strlen(path) + 16;
	char *tmp = malloc(tlen);
	int fd = -1;
	bool made = false, synced;

	memset(&bk, 0, sizeof bk);
	bk.L = lang;
	bk.r = r;
	if (!tmp)
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	snprintf(tmp, tlen, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = write_failed(err, path, errno);
		goto out;
	}
	close(fd);
	made = true;
	if (!(bk.wb = workbook_new_opt(tmp, &wopt))) {
		rc = kr_error_say(err, KR_EIO, "%s kan niet worden geschreven",
		                  "cannot write %s", path);
		goto out;
	}
	bk.bold = workbook_add_format(bk.wb);
	bk.num = workbook_add_format(bk.wb);
	bk.num1 = workbook_add_format(bk.wb);
	bk.wrap = workbook_add_format(bk.wb);
	format_set_bold(bk.bold);
	format_set_num_format(bk.num, "0");
	format_set_num_format(bk.num1, "0.0");
	format_set_text_wrap(bk.wrap);
	memset(&props, 0, sizeof props);
	props.title = r->kind == KR_REPORT_MONITOR ? "kring monitor" : "kring startfoto";
	props.created = (time_t)r->as_of * 86400;   /* never "now": same report, same bytes */
	if (props.created <= 0)
		props.created = 1;
	workbook_set_properties(bk.wb, &props);
	le = about(&bk);
	for (size_t i = 0; i < r->ntables && le == LXW_NO_ERROR; i++)
		le = table_sheet(&bk, &r->tables[i]);
	if (le == LXW_NO_ERROR && r->has_caseload)
		le = caseload_sheet(&bk);
	if (le != LXW_NO_ERROR) {
		workbook_close(bk.wb);
		rc = kr_error_say(err, le == LXW_ERROR_MEMORY_MALLOC_FAILED ? KR_ENOMEM : KR_EIO,
		                  "%s kan niet worden geschreven: de werkmap maken mislukte%.0s",
		                  "cannot write %s: %s", path, lxw_strerror(le));
		goto out;
	}
	if ((le = workbook_close(bk.wb)) != LXW_NO_ERROR) {
		rc = kr_error_say(err, KR_EIO, "%s kan niet worden geschreven: de werkmap afmaken "
		                  "mislukte%.0s", "cannot write %s: %s", path, lxw_strerror(le));
		goto out;
	}
	fd = open(tmp, O_RDONLY);
	synced = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	if (!synced || rename(tmp, path) != 0) {
		rc = write_failed(err, path, errno);
		goto out;
	}
	made = false;
out:
	if (made)
		unlink(tmp);
	free(tmp);
	return rc;
}
