/*
 * api_report.c - GET /api/report/{monitor|startfoto}: the steering figures
 * of lib/report.c (docs/report.md, docs/api.md) with the parameters of
 * `kring report` (as_of, from, to, municipality, region, team, format,
 * lang).  The route lets leads, analysts and admins in (the "figures"
 * action of access.h; a worker gets 403); here the role decides the rest:
 *   - a lead's monitor is the monitor of the lead's own team, over the
 *     cases the lead may read (kr_access_visible_cases), with the caseload
 *     and the children's names; ?team= may only name that team;
 *   - an analyst's or admin's monitor is the organisation's, never per
 *     team and never with names or refs; the startfoto is the same for
 *     everyone who may see figures.
 * With ?charts=svg the JSON carries every table's chart as the SVG the
 * library draws (the same drawing as in the PDF), for the dashboard.
 * Every answer is audited: one row for the figures, and for a caseload one
 * read row per case whose child's name it shows.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kring/access.h"
#include "kring/audit.h"
#include "kring/report.h"
#include "server.h"

enum fmt { F_JSON, F_CSV, F_XLSX, F_PDF };

static const char *const fmt_names[] = { "json", "csv", "xlsx", "pdf" };
static const char *const fmt_types[] = {
	"application/json; charset=utf-8", "text/csv; charset=utf-8",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf",
};

/* The workbook, written to a file that is gone once it is sent. */
static void reply_xlsx(struct ks_req *r, const struct kr_report *rep, enum kr_lang lang,
                       const char *disp)
{
	char path[] = "/tmp/kring-report-XXXXXX";
	struct kr_error err;
	struct stat st;
	int fd = mkstemp(path);

	kr_error_init_lang(&err, r->lang);
	if (fd < 0) {
		ks_reply_json(r, 500, NULL);
		return;
	}
	close(fd);
	if (kr_report_xlsx(rep, lang, path, &err)) {
		unlink(path);
		ks_fail(r, err.code, &err);
		kr_error_cleanup(&err);
		return;
	}
	fd = open(path, O_RDONLY);
	unlink(path);
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		ks_reply_json(r, 500, NULL);
		return;
	}
	ks_header(r, "Content-Disposition", disp);
	r->status = 200;
	r->ctype = fmt_types[F_XLSX];
	r->out_fd = fd;
	r->fd_size = (size_t)st.st_size;
	kr_error_cleanup(&err);
}

/* The report's JSON; with ?charts=svg every table's chart also comes as
 * the SVG the library draws (chart.svg), for the dashboard. */
static json_t *with_charts(struct ks_req *r, const struct kr_report *rep, enum kr_lang lang)
{
	json_t *j = kr_report_json(rep), *tables;
	const char *v = ks_param(r, "charts");

	if (!j || !v || strcmp(v, "svg") != 0)
		return j;
	tables = json_object_get(j, "tables");
	for (size_t i = 0; i < rep->ntables; i++) {
		struct kr_buf b;
		json_t *chart = json_object_get(json_array_get(tables, i), "chart");
		kr_buf_init(&b, 1u << 20);
		if (kr_report_chart_svg(rep, &rep->tables[i], lang, &b) == KR_OK && b.data)
			json_object_set_new(chart, "svg", json_string(b.data));
		kr_buf_cleanup(&b);
	}
	return j;
}

void ks_h_report(struct ks_req *r)
{
	struct kr_report_query q;
	struct kr_report *rep = NULL;
	struct kr_error err;
	struct kr_buf b;
	char **visible = NULL, disp[128], detail[160];
	size_t nvisible = 0;
	enum kr_lang lang = r->lang;
	enum fmt fmt = F_JSON;
	const char *v, *team = ks_param(r, "team");

	kr_error_init_lang(&err, r->lang);
	kr_buf_init(&b, 1u << 28);
	kr_report_query_init(&q);
	q.kind = (enum kr_report_kind)kr_report_kind_parse(r->args[0]);
	if (!ks_param_day(r, "as_of", &q.as_of))
		goto out;
	if ((v = ks_param(r, "from")) && !ks_param_day(r, "from", &q.from))
		goto out;
	if ((v = ks_param(r, "to")) && !ks_param_day(r, "to", &q.to))
		goto out;
	if (!ks_param(r, "as_of") && ks_param(r, "to"))
		q.as_of = q.to;
	q.municipality = ks_param(r, "municipality");
	q.region = ks_param(r, "region");
	if ((v = ks_param(r, "lang")))
		lang = strcmp(v, "en") == 0 ? KR_LANG_EN : KR_LANG_NL;
	if ((v = ks_param(r, "format"))) {
		int f = -1;
		for (int k = 0; k < 4; k++)
			if (strcmp(v, fmt_names[k]) == 0)
				f = k;
		if (f < 0) {
			ks_error(r, 400, "bad_request", "?format= is json, csv, xlsx of pdf.",
			         "?format= is json, csv, xlsx or pdf.");
			goto out;
		}
		fmt = (enum fmt)f;
	}
	if (q.municipality && q.region) {
		ks_error(r, 400, "bad_request", "Kies ?municipality= of ?region=, niet allebei.",
		         "Choose ?municipality= or ?region=, not both.");
		goto out;
	}
	/* who sees what: the library's rule */
	if (kr_access_report_scope(r->store, &r->user, team, &q, &visible, &nvisible, &err)) {
		if (err.code == KR_EPERM)
			ks_audit(r, KR_AUDIT_FAILED, NULL, "report of another team refused");
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (kr_report_compute(r->store, &q, NULL, &rep, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "report %s%s%s (%s)", r->args[0], q.team ? " of team " : "",
	         q.team ? q.team : "", fmt_names[fmt]);
	ks_audit(r, fmt == F_JSON ? KR_AUDIT_READ : fmt == F_PDF ? KR_AUDIT_PRINT : KR_AUDIT_EXPORT,
	         NULL, detail);
	for (size_t i = 0; i < rep->ncaseload; i++) {
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(rep->caseload[k].ref, rep->caseload[i].ref) == 0;
		if (!seen)
			ks_audit(r, KR_AUDIT_READ, rep->caseload[i].ref, "caseload in the report");
	}
	snprintf(disp, sizeof disp, "attachment; filename=\"%s-%s.%s\"", r->args[0],
	         ks_param(r, "as_of") ? ks_param(r, "as_of") : "today", fmt_names[fmt]);
	switch (fmt) {
	case F_XLSX:
		reply_xlsx(r, rep, lang, disp);
		goto out;
	case F_PDF:
		kr_report_pdf(rep, lang, &b, &err);
		break;
	case F_CSV:
		kr_report_csv(rep, lang, &b);
		break;
	default:
		ks_reply_json(r, 200, with_charts(r, rep, lang));
		goto out;
	}
	if (b.failed || !b.data) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_header(r, "Content-Disposition", disp);
	{
		size_t len = 0;
		char *data = kr_buf_steal(&b, &len);
		ks_reply_take(r, 200, fmt_types[fmt], data, len);
	}
out:
	kr_report_free(rep);
	kr_assignment_list_free(visible, nvisible);
	kr_buf_cleanup(&b);
	kr_error_cleanup(&err);
}
