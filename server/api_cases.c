/*
 * api_cases.c - the case endpoints of docs/api.md: list, create, read,
 * replace, history, export, signals, metrics, pictures and the ecogram's
 * geometry, plus the helpers every case handler shares: loading the asked
 * revision, If-Match, and storing a new revision together with its audit
 * row in one transaction.
 *
 * The access decision was taken before a handler here runs (server/http.c,
 * from the route table); these handlers call the library and shape JSON.
 * Bodies are validated by kr_case_read(), the validator of `kring import`.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>


#include "kring/audit.h"
#include "kring/case_edit.h"
#include "kring/casework.h"
#include "kring/date.h"
#include "kring/diff.h"
#include "kring/export_xlsx.h"
#include "kring/family_plan.h"
#include "kring/inbox.h"
#include "kring/render_plan.h"
#include "kring/geometry.h"
#include "kring/metrics.h"
#include "kring/render.h"
#include "kring/settings.h"
#include "kring/signals.h"
#include "kring/history.h"
#include "kring/summary.h"
#include "server.h"

#define SVG_MAX (64u * 1024u * 1024u)
#define OUT_MAX (128u * 1024u * 1024u)

/* ---- shared helpers --------------------------------------------------------- */

long ks_head_revision(struct ks_req *r, const char *ref)
{
	long rev = 0;
	kr_store_head(r->store, ref, &rev, NULL);
	return rev;
}

static bool parse_long(const char *s, long min, long *out)
{
	char *end;
	long v;
	if (!s || !*s)
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < min)
		return false;
	*out = v;
	return true;
}

/* The revision that ?revision=N or ?recorded_at=TIME (rs, rec; either may
 * be NULL) asks for, in *rev (0: the latest).  recorded_at is the revision
 * that was current at TIME (YYYY-MM-DD: the end of that UTC day), what had
 * been recorded then; ?as_of= never picks a revision: it is the day the
 * facts are judged on.  False after replying 400/404. */
static bool pick_revision(struct ks_req *r, const char *ref, const char *rs, const char *rec,
                          long *rev)
{
	struct kr_error err;
	time_t t;
	bool ok = false;

	*rev = 0;
	kr_error_init_lang(&err, r->lang);
	if (rs && rec) {
		ks_error(r, 400, "bad_request", "Gebruik ?revision= of ?recorded_at=, niet allebei.",
		         "Use ?revision= or ?recorded_at=, not both.");
		goto out;
	}
	if (rs && !parse_long(rs, 1, rev)) {
		ks_error(r, 400, "bad_request", "?revision= moet een positief getal zijn.",
		         "?revision= must be a positive number.");
		goto out;
	}
	if (rec) {
		if (!kr_store_time_parse(rec, &t)) {
			ks_error(r, 400, "bad_request", "?recorded_at= moet een tijd zijn: JJJJ-MM-DD "
			         "(het eind van die dag) of JJJJ-MM-DDTUU:MM:SSZ, in UTC.",
			         "?recorded_at= must be a time: YYYY-MM-DD (the end of that day) or "
			         "YYYY-MM-DDTHH:MM:SSZ, in UTC.");
			goto out;
		}
		if (kr_store_revision_recorded(r->store, ref, t, rev, &err)) {
			ks_fail(r, err.code, &err);
			goto out;
		}
	}
	ok = true;
out:
	kr_error_cleanup(&err);
	return ok;
}

struct kr_case *ks_load_case(struct ks_req *r, bool allow_earlier, long *rev_out)
{
	const char *ref = r->args[0], *rs = allow_earlier ? ks_param(r, "revision") : NULL;
	/* only the routes that allow ?recorded_at= (server/routes.c) can carry it */
	const char *rec = ks_param(r, "recorded_at");
	struct kr_case *c = NULL;
	struct kr_error err;
	long rev = 0;

	*rev_out = 0;
	kr_error_init(&err);
	if (!pick_revision(r, ref, rs, rec, &rev))
		goto out;
	if (rev == 0 && (rev = ks_head_revision(r, ref)) == 0) {
		ks_error(r, 404, "not_found", "Dit dossier bestaat niet of je hebt er geen toegang toe.",
		         "This case does not exist or you have no access to it.");
		goto out;
	}
	if (kr_store_get(r->store, ref, rev, &c, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	*rev_out = rev;
out:
	kr_error_cleanup(&err);
	return c;
}

bool ks_if_match(struct ks_req *r, long *rev)
{
	const char *h = ks_req_header(r, "If-Match");
	char buf[32];
	size_t n;

	*rev = 0;
	if (!h) {
		ks_error(r, 428, "precondition_required",
		         "Stuur If-Match mee met de versie waarop de wijziging is gebaseerd.",
		         "Send If-Match with the revision the change is based on.");
		return false;
	}
	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	n = strlen(h);
	if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
		if (n - 2 >= sizeof buf)
			goto bad;
		memcpy(buf, h + 1, n - 2);
		buf[n - 2] = '\0';
		h = buf;
	}
	if (strcmp(h, "*") == 0) {
		ks_error(r, 428, "precondition_required",
		         "If-Match: * is niet genoeg: noem de versie die je hebt gezien.",
		         "If-Match: * is not enough: name the revision you saw.");
		return false;
	}
	if (parse_long(h, 1, rev))
		return true;
bad:
	ks_error(r, 400, "bad_request", "If-Match moet een versie zijn, zoals \"3\".",
	         "If-Match must be a revision, such as \"3\".");
	return false;
}

static void conflict(struct ks_req *r, long current)
{
	char nl[160], en[160];
	snprintf(nl, sizeof nl, "Iemand anders heeft dit dossier intussen gewijzigd (versie %ld). "
	         "Laad het opnieuw.", current);
	snprintf(en, sizeof en, "Someone else changed this case meanwhile (revision %ld). "
	         "Load it again.", current);
	ks_reply_json(r, 409, json_pack("{s:s, s:s, s:[], s:I}", "error", kr_tr(r->lang, nl, en),
	              "code", "conflict", "details", "current_revision", (json_int_t)current));
}

enum kr_status ks_put_case(struct ks_req *r, const struct kr_case *c, long expect_rev,
                           char action, const char *detail, long *rev_out, struct kr_error *err)
{
	char who[KS_WHO_BUF];
	enum kr_status rc;

	*rev_out = 0;
	if ((rc = ks_begin(r->store, err)))
		return rc;
	rc = kr_store_put(r->store, c, ks_who(r, who), expect_rev, rev_out, err);
	if (rc == KR_OK)
		rc = ks_audit_tx(r, action, c->ref, detail, err);
	if (rc) {
		ks_end(r->store, false, NULL);
		if (rc != KR_ECONFLICT)
			*rev_out = 0;
		return rc;
	}
	if ((rc = ks_end(r->store, true, err)))
		*rev_out = 0;
	return rc;
}

bool ks_store_case(struct ks_req *r, const struct kr_case *c, long expect_rev, char action,
                   const char *detail, long *rev_out)
{
	struct kr_error err;
	enum kr_status rc;

	kr_error_init(&err);
	rc = ks_put_case(r, c, expect_rev, action, detail, rev_out, &err);
	if (rc == KR_ECONFLICT && expect_rev > 0)
		conflict(r, *rev_out);
	else if (rc)
		ks_fail(r, rc, &err);
	if (rc)
		*rev_out = 0;
	kr_error_cleanup(&err);
	return rc == KR_OK;
}

/* The stored text of revision rev of case ref (0: the latest) and its
 * revision number, in one statement (so the two agree), as a malloc'd copy.
 * The store keeps each revision exactly as kr_case_dump(c, false) wrote it
 * after validation, so these are the bytes kr_store_get + kr_case_dump
 * would give, without parsing 10-100 KiB of JSON twice per read.  NULL when
 * there is no such revision.  (store.h has no call for the raw text yet;
 * this is the one read of the store's tables outside lib/store.c.) */
static char *raw_doc(struct ks_req *r, const char *ref, long rev, long *rev_out, size_t *len)
{
	char *doc = NULL;
	kr_store_get_text(r->store, ref, rev, &doc, len, rev_out, NULL);
	return doc;
}

/* Replies 200/201 with the document of c, its ETag and (for 201) Location. */
static void reply_doc(struct ks_req *r, int status, const struct kr_case *c, long rev)
{
	size_t len = 0;
	long got = 0;
	/* the stored bytes (just written, in the page cache) save a second dump */
	char *doc = raw_doc(r, c->ref, rev, &got, &len);
	if (!doc && (doc = kr_case_dump(c, false)))
		len = strlen(doc);
	if (!doc) {
		ks_reply_json(r, 500, NULL);
		return;
	}
	ks_etag(r, rev);
	if (status == 201) {
		char loc[300];
		snprintf(loc, sizeof loc, "/api/cases/%s", c->ref);
		ks_header(r, "Location", loc);
	}
	ks_reply_take(r, status, "application/json; charset=utf-8", doc, len);
}

/* Reads the body as a case document; replies 413/422/400 on failure. */
static struct kr_case *body_case(struct ks_req *r)
{
	struct kr_case *c = NULL;
	struct kr_error err;
	enum kr_status rc;

	kr_error_init(&err);
	if (r->body.failed || r->body.len == 0) {
		ks_error(r, 400, "bad_request", "Het verzoek heeft geen dossier als inhoud.",
		         "The request has no case document as its body.");
		goto out;
	}
	rc = kr_case_read(r->body.data, r->body.len, &c, &err);
	if (rc == KR_EINVAL)
		ks_error_kr(r, 422, "invalid", "Het dossier is ongeldig.", "The case is invalid.", &err);
	else if (rc)
		ks_fail(r, rc, &err);
out:
	kr_error_cleanup(&err);
	return c;
}

/* ---- list ------------------------------------------------------------------------ */

struct row {
	json_t *j;
	const char *ref, *child;
	const char *updated;
	long review;               /* day number, LONG_MAX when none */
	int top;                   /* 3 alert, 2 warning, 1 info, 0 none */
	size_t counts[3];
};

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->ref, ((const struct row *)b)->ref);
}

static int cmp_child(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcasecmp(x->child, y->child);
	return c ? c : strcmp(x->ref, y->ref);
}

static int cmp_updated(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(y->updated, x->updated);
	return c ? c : strcmp(x->ref, y->ref);
}

static int cmp_signals(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	for (int k = 2; k >= 0; k--)
		if (x->counts[k] != y->counts[k])
			return x->counts[k] < y->counts[k] ? 1 : -1;
	return strcmp(x->ref, y->ref);
}

static int cmp_review(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->review != y->review)
		return x->review < y->review ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return true;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* One row of the case list: the library's summary, with the keys the list
 * has always had (top_signal, signal_counts, overdue_agreements,
 * next_review, review_overdue) taken from it. */
static json_t *list_row(struct ks_req *r, const struct kr_case *c, long rev,
                        const char *updated, long as_of, const struct kr_settings *set,
                        struct row *row)
{
	struct kr_case_summary *sum = NULL;
	struct kr_history *h = NULL;
	json_t *j = NULL, *sj;
	size_t inbox = 0;

	if (kr_history_open(r->store, c->ref, rev, c, &h, NULL) ||
	    kr_case_summary(c, h, as_of, set, &sum, NULL) || !(sj = kr_case_summary_json(sum, false)))
		goto out;
	for (int k = 0; k < 3; k++)
		row->counts[k] = sum->counts[k];
	row->top = sum->signals.n ? (int)sum->signals.v[0].level + 1 : 0;
	row->review = sum->next_review >= 0 ? sum->next_review : LONG_MAX;
	if (kr_inbox_count(r->store, &r->user, c->ref, &inbox, NULL))
		inbox = 0;
	j = json_pack("{s:s, s:O, s:O, s:I, s:s, s:O, s:{s:I, s:I, s:I}, s:I, s:O, s:b, s:I, s:o}",
	              "ref", c->ref, "child", json_object_get(sj, "child"),
	              "placement", json_object_get(sj, "placement"), "revision", (json_int_t)rev,
	              "updated", updated, "top_signal",
	              json_object_get(json_object_get(sj, "signals"), "top"),
	              "signal_counts", "alert", (json_int_t)sum->counts[KR_LEVEL_ALERT],
	              "warning", (json_int_t)sum->counts[KR_LEVEL_WARNING], "info",
	              (json_int_t)sum->counts[KR_LEVEL_INFO], "overdue_agreements",
	              (json_int_t)sum->overdue_agreements, "next_review",
	              json_object_get(json_object_get(sj, "plan"), "next_review"),
	              "review_overdue", (int)sum->review_overdue,
	              "inbox", (json_int_t)inbox, "summary", sj);
out:
	kr_case_summary_free(sum);
	kr_history_free(h);
	return j;
}

void ks_h_cases_list(struct ks_req *r)
{
	const char *q = ks_param(r, "q"), *sort = ks_param(r, "sort");
	int (*cmp)(const void *, const void *) = cmp_ref;
	struct kr_case_info *all = NULL;
	struct kr_settings set;
	struct kr_error err;
	struct row *rows = NULL;
	char **refs = NULL;
	size_t nrefs = 0, nall = 0, nrows = 0;
	json_t *arr = NULL;
	long as_of;

	kr_error_init(&err);
	if (!ks_param_day(r, "as_of", &as_of))
		goto out;
	if (sort && strcmp(sort, "ref") != 0) {
		if (strcmp(sort, "child") == 0)
			cmp = cmp_child;
		else if (strcmp(sort, "updated") == 0)
			cmp = cmp_updated;
		else if (strcmp(sort, "signals") == 0)
			cmp = cmp_signals;
		else if (strcmp(sort, "review") == 0)
			cmp = cmp_review;
		else {
			ks_error(r, 400, "bad_request", "?sort= is ref, child, updated, signals of review.",
			         "?sort= is ref, child, updated, signals or review.");
			goto out;
		}
	}
	if (kr_settings_load(r->store, &set, &err) ||
	    kr_access_visible_cases(r->store, &r->user, &refs, &nrefs, &err) ||
	    kr_store_list(r->store, &all, &nall, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	rows = calloc(nrefs ? nrefs : 1, sizeof *rows);
	arr = json_array();
	if (!rows || !arr) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	/* both lists are ordered by ref */
	for (size_t i = 0, k = 0; i < nrefs; i++) {
		struct kr_case *c = NULL;
		struct row *row = &rows[nrows];
		while (k < nall && strcmp(all[k].ref, refs[i]) < 0)
			k++;
		if (k >= nall || strcmp(all[k].ref, refs[i]) != 0)
			continue;
		if (q && !contains_ci(all[k].ref, q) && !contains_ci(all[k].child, q))
			continue;
		if (kr_store_get(r->store, refs[i], all[k].head, &c, &err)) {
			ks_fail(r, err.code, &err);
			goto out;
		}
		row->ref = all[k].ref;
		row->child = all[k].child;
		row->updated = all[k].updated;
		row->j = list_row(r, c, all[k].head, all[k].updated, as_of, &set, row);
		kr_case_free(c);
		if (!row->j) {
			ks_reply_json(r, 500, NULL);
			goto out;
		}
		nrows++;
	}
	qsort(rows, nrows, sizeof *rows, cmp);
	for (size_t i = 0; i < nrows; i++) {
		json_array_append(arr, rows[i].j);
		ks_audit(r, KR_AUDIT_READ, rows[i].ref, "listed");
	}
	ks_reply_json(r, 200, json_pack("{s:O}", "cases", arr));
out:
	for (size_t i = 0; rows && i < nrows; i++)
		json_decref(rows[i].j);
	free(rows);
	json_decref(arr);
	free(all);
	kr_assignment_list_free(refs, nrefs);
	kr_error_cleanup(&err);
}

/* ---- one case --------------------------------------------------------------------- */

/* The rules of a change made by a person (case_edit.h) on a whole
 * document c, against the stored case ref (NULL: a new case).  Replies 422
 * (or the failure) and returns false when c breaks one. */
static bool rules_hold(struct ks_req *r, const char *ref, const struct kr_case *c)
{
	struct kr_case *before = NULL;
	struct kr_error err;
	enum kr_status rc = KR_OK;

	kr_error_init_lang(&err, r->lang);
	if (ref && (rc = kr_store_get(r->store, ref, 0, &before, &err)) == KR_ENOTFOUND)
		rc = KR_OK;
	if (!rc && (rc = kr_case_check_change(before, c, r->today, &err)) == KR_EINVAL)
		ks_error_kr(r, 422, "invalid", NULL, NULL, &err);
	else if (rc)
		ks_fail(r, rc, &err);
	kr_case_free(before);
	kr_error_cleanup(&err);
	return rc == KR_OK;
}

void ks_h_case_create(struct ks_req *r)
{
	struct kr_case *c = body_case(r);
	const char *confirm = ks_param(r, "confirm_duplicate");
	struct kr_error err;
	char who[KS_WHO_BUF], dup[128];
	enum kr_status rc;
	long rev = 0;

	kr_error_init_lang(&err, r->lang);
	if (!c || !rules_hold(r, NULL, c))
		goto out;
	if (confirm && strcmp(confirm, "1") != 0) {
		ks_error(r, 400, "bad_request", "?confirm_duplicate= is 1 of weglaten.",
		         "?confirm_duplicate= is 1 or left out.");
		goto out;
	}
	if (!confirm) {
		if ((rc = kr_casework_duplicate(r->store, &r->user, c, dup, &err))) {
			ks_fail(r, rc, &err);
			goto out;
		}
		if (dup[0]) {
			char nl[300], en[300];
			snprintf(nl, sizeof nl, "Er is al een dossier voor een kind met deze naam en "
			         "geboortedatum: %s. Open dat dossier, of maak dit toch aan met "
			         "?confirm_duplicate=1.", dup);
			snprintf(en, sizeof en, "There is a case for a child with this name and birth "
			         "date already: %s. Open that case, or create this one anyway with "
			         "?confirm_duplicate=1.", dup);
			ks_reply_json(r, 409, json_pack("{s:s, s:s, s:[], s:s}", "error",
			              kr_tr(r->lang, nl, en), "code", "duplicate", "details",
			              "duplicate_of", dup));
			goto out;
		}
	}
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_store_put(r->store, c, ks_who(r, who), -1, &rev, &err);
	if (rc == KR_OK)
		rc = kr_assignment_add(r->store, c->ref, r->user.name, r->now, &err);
	if (rc == KR_OK)
		rc = ks_audit_tx(r, KR_AUDIT_CREATE, c->ref, "case created", &err);
	if (rc) {
		ks_end(r->store, false, NULL);
		if (rc == KR_ECONFLICT)
			ks_error(r, 409, "conflict", "Er bestaat al een dossier met dit nummer.",
			         "A case with this ref exists already.");
		else
			ks_fail(r, rc, &err);
		goto out;
	}
	if ((rc = ks_end(r->store, true, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	reply_doc(r, 201, c, rev);
out:
	kr_case_free(c);
	kr_error_cleanup(&err);
}

void ks_h_case_get(struct ks_req *r)
{
	const char *rs = ks_param(r, "revision"), *rec = ks_param(r, "recorded_at");
	struct kr_error err;
	long rev = 0, got;
	size_t len;
	char *doc;

	kr_error_init(&err);
	if (ks_param(r, "as_of")) {
		/* as_of used to pick the revision stored on that day; it now means the
		 * day facts are judged on everywhere, which a document read has not */
		ks_error(r, 400, "bad_request", "?as_of= is de dag waarop feiten beoordeeld worden; "
		         "voor het dossier zoals het vastgelegd was: ?recorded_at= of ?revision=.",
		         "?as_of= is the day facts are judged on; for the case as it was recorded: "
		         "?recorded_at= or ?revision=.");
		goto out;
	}
	if (!pick_revision(r, r->args[0], rs, rec, &rev))
		goto out;
	if (!(doc = raw_doc(r, r->args[0], rev, &got, &len))) {
		if (rev > 0)
			ks_error(r, 404, "not_found", "Deze versie van het dossier bestaat niet.",
			         "This revision of the case does not exist.");
		else
			ks_error(r, 404, "not_found", "Dit dossier bestaat niet of je hebt er geen "
			         "toegang toe.", "This case does not exist or you have no access to it.");
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, r->args[0], "case read");
	ks_etag(r, got);
	ks_reply_take(r, 200, "application/json; charset=utf-8", doc, len);
out:
	kr_error_cleanup(&err);
}

void ks_h_case_put(struct ks_req *r)
{
	struct kr_case *c = NULL;
	long expect, rev;

	if (!ks_if_match(r, &expect) || !(c = body_case(r)))
		goto out;
	if (strcmp(c->ref, r->args[0]) != 0) {
		char d[400];
		snprintf(d, sizeof d, "case.ref: must be \"%s\", the case in the address", r->args[0]);
		ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
		              kr_tr(r->lang, "Het dossiernummer in het document klopt niet met het adres.",
		                    "The case ref in the document does not match the address."),
		              "code", "invalid", "details", d));
		goto out;
	}
	if (!rules_hold(r, r->args[0], c) ||
	    !ks_store_case(r, c, expect, KR_AUDIT_UPDATE, "case replaced", &rev))
		goto out;
	reply_doc(r, 200, c, rev);
out:
	kr_case_free(c);
}

void ks_h_case_history(struct ks_req *r)
{
	struct kr_revision_changes *h = NULL;
	struct kr_error err;
	const char *after = ks_param(r, "after");
	size_t n = 0;
	long from = 0;
	json_t *arr;

	kr_error_init_lang(&err, r->lang);
	if (after && !parse_long(after, 0, &from)) {
		ks_error(r, 400, "bad_request", "?after= moet een versie zijn (0 of meer).",
		         "?after= must be a revision (0 or more).");
		goto out;
	}
	if (kr_diff_history(r->store, r->args[0], from, &h, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(arr = kr_diff_history_json(h, n))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, r->args[0], "history read");
	ks_etag(r, ks_head_revision(r, r->args[0]));
	ks_reply_json(r, 200, json_pack("{s:o}", "revisions", arr));
out:
	kr_diff_history_free(h, n);
	kr_error_cleanup(&err);
}

void ks_h_case_next_ref(struct ks_req *r)
{
	const char *ys = ks_param(r, "year");
	struct kr_error err;
	char ref[32];
	long year = kr_date_from_days(r->today).y;

	kr_error_init_lang(&err, r->lang);
	if (ys && (!parse_long(ys, 1000, &year) || year > 9999)) {
		ks_error(r, 400, "bad_request", "?year= is een jaar van vier cijfers, zoals 2026.",
		         "?year= is a year of four digits, such as 2026.");
		goto out;
	}
	if (kr_casework_next_ref(r->store, (int)year, ref, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_reply_json(r, 200, json_pack("{s:s, s:I}", "ref", ref, "year", (json_int_t)year));
out:
	kr_error_cleanup(&err);
}

void ks_h_case_restore(struct ks_req *r)
{
	const char *rs = ks_param(r, "revision"), *coll = ks_param(r, "collection");
	const char *id = ks_param(r, "id");
	struct kr_case *next = NULL;
	struct kr_error err;
	char *now = NULL, *then = NULL, *out = NULL, *new_id = NULL, detail[64], loc[600];
	size_t now_len = 0, then_len = 0, out_len = 0;
	long expect, head = 0, rev = 0, from;
	enum kr_status rc;
	json_t *arr, *it, *found = NULL;
	size_t i;

	kr_error_init_lang(&err, r->lang);
	if (!rs || !coll || !id || !parse_long(rs, 1, &from) ||
	    !kr_case_edit_collection_valid(coll)) {
		ks_error(r, 400, "bad_request", "Geef ?revision=N&collection=...&id=... mee: de versie "
		         "waarin het onderdeel nog stond.", "Send ?revision=N&collection=...&id=...: "
		         "the revision that still had the item.");
		goto out;
	}
	if (!ks_if_match(r, &expect))
		goto out;
	if ((rc = kr_store_get_text(r->store, r->args[0], 0, &now, &now_len, &head, &err)) ||
	    (rc = kr_store_get_text(r->store, r->args[0], from, &then, &then_len, NULL, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	if (head != expect) {
		conflict(r, head);
		goto out;
	}
	rc = kr_case_restore(now, now_len, then, then_len, coll, id, &out, &out_len, &new_id, &err);
	if (!rc)
		rc = kr_case_read(out, out_len, &next, &err);
	if (rc) {
		ks_fail(r, rc, &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "%s restored", coll);
	if (!ks_store_case(r, next, expect, KR_AUDIT_UPDATE, detail, &rev))
		goto out;
	arr = json_object_get(kr_case_doc(next), coll);
	if (!arr)
		arr = json_object_get(json_object_get(kr_case_doc(next), "plan"), coll);
	json_array_foreach(arr, i, it) {
		const char *v = json_string_value(json_object_get(it, "id"));
		if ((v && new_id && strcmp(v, new_id) == 0) || (!v && new_id && (size_t)strtol(new_id, NULL,
		                                                                     10) == i))
			found = it;
	}
	snprintf(loc, sizeof loc, "/api/cases/%s/%s/%s", r->args[0], coll, new_id ? new_id : "");
	ks_header(r, "Location", loc);
	ks_etag(r, rev);
	ks_reply_json(r, 201, json_pack("{s:I, s:O}", "revision", (json_int_t)rev, "item",
	                                found ? found : json_null()));
out:
	kr_case_free(next);
	free(now);
	free(then);
	free(out);
	free(new_id);
	kr_error_cleanup(&err);
}

void ks_h_case_plan_pdf(struct ks_req *r)
{
	const char *pro = ks_param(r, "professionals");
	struct kr_plan_doc_opts o;
	struct kr_case *c = NULL;
	struct kr_error err;
	struct kr_buf pdf;
	char disp[300];
	long rev, day;
	size_t n;
	char *data;

	kr_buf_init(&pdf, OUT_MAX);
	kr_error_init_lang(&err, r->lang);
	if (pro && strcmp(pro, "1") != 0 && strcmp(pro, "0") != 0) {
		ks_error(r, 400, "bad_request", "?professionals= is 0 of 1.",
		         "?professionals= is 0 or 1.");
		goto out;
	}
	if (!ks_param_day(r, "as_of", &day) || !(c = ks_load_case(r, false, &rev)))
		goto out;
	memset(&o, 0, sizeof o);
	o.lang = r->lang;
	o.as_of = day;
	o.professionals = pro && strcmp(pro, "1") == 0;
	if (kr_render_plan_pdf(c, &o, &pdf, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_audit(r, KR_AUDIT_PRINT, r->args[0], "plan pdf");
	ks_etag(r, rev);
	snprintf(disp, sizeof disp, "inline; filename=\"%s-plan.pdf\"", c->ref);
	ks_header(r, "Content-Disposition", disp);
	data = kr_buf_steal(&pdf, &n);
	ks_reply_take(r, 200, "application/pdf", data, n);
out:
	kr_case_free(c);
	kr_buf_cleanup(&pdf);
	kr_error_cleanup(&err);
}

/* Reads the whole file at path (at most OUT_MAX bytes) into *out (malloc'd,
 * the caller frees it).  Returns 0, or -1 with *out NULL. */
static int slurp(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0)
		goto out;
	size = ftell(f);
	if (size < 0 || (unsigned long)size > OUT_MAX || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
		goto out;
	*out = buf;
	*len = (size_t)size;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

/* GET /api/cases/{ref}/scan.xlsx: the Community Scan workbook of every
 * revision of the case (kr_export_scan_xlsx, the workbook `kring
 * export-scan` writes).  libxlsxwriter writes to files only, so the
 * workbook goes to a private temporary folder (mkdtemp: mode 0700) that is
 * removed again before the answer leaves. */
void ks_h_case_scan_xlsx(struct ks_req *r)
{
	char dir[] = P_tmpdir "/kring-scan-XXXXXX";
	char path[sizeof dir + 16], disp[300];
	struct kr_error err;
	char *data = NULL;
	size_t n = 0;
	long rev = 0;
	bool made = false;

	kr_error_init_lang(&err, r->lang);
	if (!mkdtemp(dir)) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	made = true;
	snprintf(path, sizeof path, "%s/scan.xlsx", dir);
	if (kr_export_scan_xlsx(r->store, r->args[0], path, r->lang, &err) != KR_OK) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (slurp(path, &data, &n) != 0) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	if (kr_store_head(r->store, r->args[0], &rev, NULL) == KR_OK)
		ks_etag(r, rev);
	ks_audit(r, KR_AUDIT_EXPORT, r->args[0], "scan workbook");
	snprintf(disp, sizeof disp, "attachment; filename=\"%s-scan.xlsx\"", r->args[0]);
	ks_header(r, "Content-Disposition", disp);
	ks_reply_take(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	              data, n);
	data = NULL;
out:
	if (made) {
		unlink(path);
		rmdir(dir);
	}
	free(data);
	kr_error_cleanup(&err);
}

void ks_h_case_export(struct ks_req *r)
{
	long rev;
	struct kr_case *c = ks_load_case(r, true, &rev);
	char *doc, disp[300];

	if (!c)
		return;
	doc = kr_case_dump(c, true);
	if (!doc) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	snprintf(disp, sizeof disp, "attachment; filename=\"%s.json\"", c->ref);
	ks_header(r, "Content-Disposition", disp);
	ks_etag(r, rev);
	ks_audit(r, KR_AUDIT_EXPORT, r->args[0], "case exported");
	ks_reply_take(r, 200, "application/json; charset=utf-8", doc, strlen(doc));
out:
	kr_case_free(c);
}

void ks_h_case_signals(struct ks_req *r)
{
	struct kr_signal_list sl;
	struct kr_settings set;
	struct kr_error err;
	struct kr_case *c = NULL;
	struct kr_history *h = NULL;
	long day, rev;
	char *s;

	memset(&sl, 0, sizeof sl);
	kr_error_init_lang(&err, r->lang);
	if (!ks_param_day(r, "as_of", &day) || !(c = ks_load_case(r, false, &rev)))
		goto out;
	if (kr_settings_load(r->store, &set, &err) ||
	    kr_history_open(r->store, c->ref, rev, c, &h, &err) ||
	    kr_signals_compute(c, h, day, &set, &sl, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(s = kr_signals_to_json(&sl, false))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_etag(r, rev);
	ks_audit(r, KR_AUDIT_READ, r->args[0], "signals read");
	ks_reply_take(r, 200, "application/json; charset=utf-8", s, strlen(s));
out:
	kr_signal_list_cleanup(&sl);
	kr_history_free(h);
	kr_case_free(c);
	kr_error_cleanup(&err);
}

void ks_h_case_summary(struct ks_req *r)
{
	struct kr_case_summary *sum = NULL;
	struct kr_settings set;
	struct kr_error err;
	struct kr_case *c = NULL;
	struct kr_history *h = NULL;
	json_t *j;
	long day, rev;

	kr_error_init_lang(&err, r->lang);
	if (!ks_param_day(r, "as_of", &day) || !(c = ks_load_case(r, false, &rev)))
		goto out;
	if (kr_settings_load(r->store, &set, &err) ||
	    kr_history_open(r->store, c->ref, rev, c, &h, &err) ||
	    kr_case_summary(c, h, day, &set, &sum, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(j = kr_case_summary_json(sum, true))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	json_object_set_new(j, "revision", json_integer(rev));
	ks_etag(r, rev);
	ks_audit(r, KR_AUDIT_READ, r->args[0], "summary read");
	ks_reply_json(r, 200, j);
out:
	kr_case_summary_free(sum);
	kr_history_free(h);
	kr_case_free(c);
	kr_error_cleanup(&err);
}

void ks_h_case_metrics(struct ks_req *r)
{
	struct kr_metrics *m = NULL;
	struct kr_error err;
	struct kr_case *c = NULL;
	char *s = NULL;
	long day, rev;

	kr_error_init(&err);
	if (!ks_param_day(r, "as_of", &day) || !(c = ks_load_case(r, false, &rev)))
		goto out;
	if (kr_metrics_compute(c, day, &m, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (kr_metrics_to_json(m, &s)) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_etag(r, rev);
	ks_audit(r, KR_AUDIT_READ, r->args[0], "metrics read");
	ks_reply_take(r, 200, "application/json; charset=utf-8", s, strlen(s));
out:
	kr_metrics_free(m);
	kr_case_free(c);
	kr_error_cleanup(&err);
}

/* ---- pictures ------------------------------------------------------------------------ */

/* The request's case and the options of its pictures: the day (as_of), the
 * language, the organisation's thresholds (loaded into *set, which opts
 * borrows: the same ones the signals and the summary judge with), and for
 * compare= the case as it was on that day (*earlier, caller frees).  Replies
 * and returns NULL on failure; returns the case (caller frees) on success. */
static struct kr_case *picture_case(struct ks_req *r, struct kr_render_opts *opts,
                                    struct kr_settings *set, struct kr_case **earlier,
                                    long *rev)
{
	struct kr_case *c = NULL;
	struct kr_error err;
	const char *cmp = ks_param(r, "compare");
	long day, cday = -1, crev = 0;

	kr_error_init(&err);
	memset(opts, 0, sizeof *opts);
	*earlier = NULL;
	if (!ks_param_day(r, "as_of", &day))
		goto fail;
	if (cmp && !ks_param_day(r, "compare", &cday))
		goto fail;
	if (kr_settings_load(r->store, set, &err)) {
		ks_fail(r, err.code, &err);
		goto fail;
	}
	if (!(c = ks_load_case(r, false, rev)))
		goto fail;
	if (cmp) {
		if (kr_store_revision_at(r->store, r->args[0], cday, &crev, &err) ||
		    kr_store_get(r->store, r->args[0], crev, earlier, &err)) {
			if (err.code == KR_ENOTFOUND)
				ks_error(r, 422, "invalid", "Op die datum bestond het dossier nog niet.",
				         "The case did not exist on that day.");
			else
				ks_fail(r, err.code, &err);
			goto fail;
		}
		opts->compare = *earlier;
		opts->compare_day = cday;
	}
	opts->lang = r->lang;
	opts->as_of = day;
	opts->settings = set;
	kr_error_cleanup(&err);
	return c;
fail:
	kr_case_free(c);
	kr_case_free(*earlier);
	*earlier = NULL;
	kr_error_cleanup(&err);
	return NULL;
}

/* Draws the SVG of kind for the request's case into svg.  Replies and
 * returns NULL on failure; returns the case (caller frees) on success. */
static struct kr_case *draw(struct ks_req *r, enum kr_render_kind kind, struct kr_buf *svg,
                            long *rev)
{
	struct kr_render_opts opts;
	struct kr_settings set;
	struct kr_case *c, *earlier = NULL;
	struct kr_case_judged judged;
	struct kr_error err;

	kr_error_init(&err);
	memset(&judged, 0, sizeof judged);
	if (!(c = picture_case(r, &opts, &set, &earlier, rev)))
		return NULL;
	/* drawn as judged: the lifeline shows the family plans' meetings too */
	if (kr_case_judged(r->store, c, &judged, &err) ||
	    kr_render_svg(kind, &judged.c, &opts, svg, &err)) {
		ks_fail(r, err.code, &err);
		kr_case_free(c);
		c = NULL;
	}
	kr_case_judged_cleanup(&judged);
	kr_case_free(earlier);
	kr_error_cleanup(&err);
	return c;
}

void ks_h_case_render(struct ks_req *r)
{
	const char *file = r->args[1], *dot = strrchr(file, '.');
	char name[32], detail[64];
	struct kr_buf svg, conv;
	struct kr_error err;
	struct kr_case *c = NULL;
	int kind, fmt;
	long rev;
	static const char *const ctype[] = { "image/svg+xml", "application/pdf", "image/png" };

	kr_buf_init(&svg, SVG_MAX);
	kr_buf_init(&conv, OUT_MAX);
	kr_error_init(&err);
	fmt = dot ? kr_render_format_from_path(file) : -1;
	if (!dot || (size_t)(dot - file) >= sizeof name || fmt < 0) {
		ks_error(r, 404, "not_found", "Onbekende tekening: gebruik KIND.svg, .pdf of .png.",
		         "Unknown picture: use KIND.svg, .pdf or .png.");
		goto out;
	}
	memcpy(name, file, (size_t)(dot - file));
	name[dot - file] = '\0';
	if ((kind = kr_render_kind_parse(name)) < 0) {
		ks_error(r, 404, "not_found", "Onbekende tekening: ecogram, genogram, lifeline, "
		         "sociogram, scan, flower of kompas.", "Unknown picture: ecogram, genogram, "
		         "lifeline, sociogram, scan, flower or kompas.");
		goto out;
	}
	if (!(c = draw(r, (enum kr_render_kind)kind, &svg, &rev)))
		goto out;
	if (fmt != KR_FORMAT_SVG &&
	    kr_render_convert(svg.data, svg.len, (enum kr_render_format)fmt, &conv, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "%s %s", name, dot + 1);
	ks_audit(r, fmt == KR_FORMAT_SVG ? KR_AUDIT_READ : KR_AUDIT_PRINT, r->args[0], detail);
	ks_etag(r, rev);
	if (fmt == KR_FORMAT_SVG) {
		size_t n;
		char *s = kr_buf_steal(&svg, &n);
		r->svg_csp = true;
		ks_reply_take(r, 200, ctype[fmt], s, n);
	} else {
		size_t n;
		char *s = kr_buf_steal(&conv, &n);
		char disp[300];
		snprintf(disp, sizeof disp, "inline; filename=\"%s-%s\"", c->ref, file);
		ks_header(r, "Content-Disposition", disp);
		ks_reply_take(r, 200, ctype[fmt], s, n);
	}
out:
	kr_case_free(c);
	kr_buf_cleanup(&svg);
	kr_buf_cleanup(&conv);
	kr_error_cleanup(&err);
}

/* The ecogram's geometry as the library laid it out (kr_geometry_to_json):
 * the browser draws and edits the ecogram from it. */
void ks_h_case_layout(struct ks_req *r)
{
	struct kr_render_opts opts;
	struct kr_settings set;
	struct kr_case *c = NULL, *earlier = NULL;
	struct kr_geometry *g = NULL;
	struct kr_error err;
	struct kr_buf out;
	long rev;

	kr_error_init(&err);
	kr_buf_init(&out, OUT_MAX);
	if (!(c = picture_case(r, &opts, &set, &earlier, &rev)))
		goto out;
	if (kr_render_geometry(KR_RENDER_ECOGRAM, c, &opts, &g, &err) ||
	    kr_geometry_to_json(g, &out, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, r->args[0], "ecogram layout");
	ks_etag(r, rev);
	{
		size_t n;
		char *s = kr_buf_steal(&out, &n);
		ks_reply_take(r, 200, "application/json; charset=utf-8", s, n);
	}
out:
	kr_geometry_free(g);
	kr_case_free(c);
	kr_case_free(earlier);
	kr_buf_cleanup(&out);
	kr_error_cleanup(&err);
}
