/*
 * api_inbox.c - what the family added through share links, as the worker
 * sees it (docs/api.md "The inbox"): GET /api/inbox lists, per case the
 * caller may read, the wishes and done-marks of link holders since the
 * caller last looked; POST /api/cases/{ref}/inbox/seen marks a case seen.
 * The items and the marks are lib/inbox.c's; this file only serialises.
 */
#include <stdlib.h>
#include <string.h>

#include "kring/audit.h"
#include "kring/inbox.h"
#include "server.h"

void ks_h_inbox(struct ks_req *r)
{
	struct kr_case_info *all = NULL;
	struct kr_error err;
	char **refs = NULL;
	size_t nrefs = 0, nall = 0;
	json_t *cases = json_array();

	kr_error_init_lang(&err, r->lang);
	if (!cases) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	if (kr_access_visible_cases(r->store, &r->user, &refs, &nrefs, &err) ||
	    kr_store_list(r->store, &all, &nall, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	/* both lists are ordered by ref */
	for (size_t i = 0, k = 0; i < nrefs; i++) {
		struct kr_inbox_item *v = NULL;
		size_t n = 0;
		long head = 0;
		json_t *items;
		while (k < nall && strcmp(all[k].ref, refs[i]) < 0)
			k++;
		if (k >= nall || strcmp(all[k].ref, refs[i]) != 0)
			continue;
		if (kr_inbox_case(r->store, &r->user, refs[i], &v, &n, &head, &err)) {
			kr_inbox_free(v, n);
			ks_fail(r, err.code, &err);
			goto out;
		}
		if (n && (items = kr_inbox_json(v, n))) {
			json_array_append_new(cases, json_pack("{s:s, s:{s:s}, s:I, s:I, s:o}", "ref",
			                      refs[i], "child", "name", all[k].child, "revision",
			                      (json_int_t)head, "count", (json_int_t)n, "items", items));
			ks_audit(r, KR_AUDIT_READ, refs[i], "inbox read");
		}
		kr_inbox_free(v, n);
	}
	ks_reply_json(r, 200, json_pack("{s:O}", "cases", cases));
out:
	json_decref(cases);
	free(all);
	kr_assignment_list_free(refs, nrefs);
	kr_error_cleanup(&err);
}

void ks_h_inbox_seen(struct ks_req *r)
{
	struct kr_error err;
	json_t *body = NULL, *jr;
	enum kr_status rc;
	long rev = 0, head = 0;

	kr_error_init_lang(&err, r->lang);
	if (!r->body.failed && r->body.len > 0) {
		if (!(body = ks_body_json(r)))
			goto out;
		jr = json_object_get(body, "revision");
		if (jr && (!json_is_integer(jr) || json_integer_value(jr) < 1)) {
			ks_error(r, 400, "bad_request", "\"revision\" is een versie (1 of meer).",
			         "\"revision\" is a revision (1 or more).");
			goto out;
		}
		rev = jr ? (long)json_integer_value(jr) : 0;
	}
	if ((rc = kr_store_head(r->store, r->args[0], &head, &err)) ||
	    (rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_inbox_seen(r->store, &r->user, r->args[0], rev, &err);
	if (rc) {
		ks_end(r->store, false, NULL);
		ks_fail(r, rc, &err);
		goto out;
	}
	if ((rc = ks_end(r->store, true, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, r->args[0], "inbox seen");
	ks_reply_json(r, 200, json_pack("{s:s, s:I}", "ref", r->args[0], "seen",
	                                (json_int_t)(rev ? rev : head)));
out:
	json_decref(body);
	kr_error_cleanup(&err);
}
