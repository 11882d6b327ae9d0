/*
 * api_items.c - the items of a case as sub-resources (docs/api.md "Items of
 * a case"): persons, placements, meetings, wishes, goals, agreements by id;
 * kinship, ties, events by 0-based position; the case header, the plan and
 * the safety map as single objects.
 *
 * Reads take the item out of the stored document.  Writes go through
 * kr_case_edit() (lib/case_edit.c): it applies the one change to the latest
 * document and validates the whole result with the import validator; the
 * result is stored as the next revision with If-Match as the expected
 * revision and its audit row in the same transaction (ks_store_case).
 * The library checks the body and the result and says what is wrong in the
 * request's language; this file only maps its answer to a status: a body
 * that is not a JSON object (details at "body") 400, any other refusal 422,
 * an unknown item 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/audit.h"
#include "kring/case_edit.h"
#include "server.h"

/* The JSON of collection coll in document doc (borrowed), or NULL. */
static json_t *collection(json_t *doc, const char *coll)
{
	json_t *plan = json_object_get(doc, "plan");
	if (strcmp(coll, "wishes") == 0 || strcmp(coll, "goals") == 0 ||
	    strcmp(coll, "agreements") == 0)
		return json_object_get(plan, coll);
	if (strcmp(coll, "safety_map") == 0)
		return json_object_get(plan, "safety_map");
	return json_object_get(doc, coll);
}

static bool by_index(const char *coll)
{
	return strcmp(coll, "kinship") == 0 || strcmp(coll, "ties") == 0 ||
	       strcmp(coll, "events") == 0;
}

/* Item id of collection coll in doc (borrowed), or NULL. */
static json_t *find_item(json_t *doc, const char *coll, const char *id)
{
	json_t *arr = collection(doc, coll), *it;
	size_t i;

	if (!json_is_array(arr))
		return NULL;
	if (by_index(coll)) {
		char *end;
		long k = strtol(id, &end, 10);
		if (*id < '0' || *id > '9' || *end || k < 0 || (size_t)k >= json_array_size(arr))
			return NULL;
		return json_array_get(arr, (size_t)k);
	}
	json_array_foreach(arr, i, it) {
		const char *v = json_string_value(json_object_get(it, "id"));
		if (v && strcmp(v, id) == 0)
			return it;
	}
	return NULL;
}

static void not_found(struct ks_req *r)
{
	ks_error(r, 404, "not_found", "Dit onderdeel bestaat niet in het dossier.",
	         "This item does not exist in the case.");
}

static void reply_item(struct ks_req *r, int status, long rev, json_t *item)
{
	ks_etag(r, rev);
	ks_reply_json(r, status, json_pack("{s:I, s:O}", "revision", (json_int_t)rev, "item",
	                                   item ? item : json_null()));
}

void ks_h_items_list(struct ks_req *r)
{
	long rev;
	struct kr_case *c = ks_load_case(r, false, &rev);
	json_t *arr;

	if (!c)
		return;
	arr = collection(kr_case_doc(c), r->args[1]);
	ks_audit(r, KR_AUDIT_READ, r->args[0], "items read");
	ks_etag(r, rev);
	ks_reply_json(r, 200, json_pack("{s:I, s:o}", "revision", (json_int_t)rev, "items",
	                                json_is_array(arr) ? json_incref(arr) : json_array()));
	kr_case_free(c);
}

void ks_h_item_get(struct ks_req *r)
{
	long rev;
	struct kr_case *c = ks_load_case(r, false, &rev);
	json_t *it;

	if (!c)
		return;
	if (!(it = find_item(kr_case_doc(c), r->args[1], r->args[2]))) {
		not_found(r);
	} else {
		ks_audit(r, KR_AUDIT_READ, r->args[0], "item read");
		reply_item(r, 200, rev, it);
	}
	kr_case_free(c);
}

void ks_h_single_get(struct ks_req *r)
{
	long rev;
	struct kr_case *c = ks_load_case(r, false, &rev);
	json_t *doc, *it;

	if (!c)
		return;
	doc = kr_case_doc(c);
	it = strcmp(r->args[1], "case") == 0 ? json_object_get(doc, "case")
	                                     : collection(doc, r->args[1]);
	ks_audit(r, KR_AUDIT_READ, r->args[0], "item read");
	reply_item(r, 200, rev, it);
	kr_case_free(c);
}

/* True when the library refused the body itself (not JSON, not an object):
 * its details are at the path "body". */
static bool body_refused(const struct kr_error *err)
{
	return err->ndetails > 0 && strncmp(err->details[0], "body: ", 6) == 0;
}

/* Applies one edit to the latest revision and stores the result.  coll and
 * id name the item; body is the request body or NULL. */
static void edit(struct ks_req *r, enum kr_edit_op op, const char *coll, const char *id)
{
	struct kr_case *c = NULL, *next = NULL;
	struct kr_error err;
	struct kr_edit e;
	char *doc = NULL, *out = NULL, *new_id = NULL, detail[64];
	size_t out_len = 0;
	long expect, head, rev;
	enum kr_status rc;
	json_t *it;
	static const char *const verb[] = { "added", "replaced", "updated", "removed" };

	kr_error_init_lang(&err, r->lang);
	if (!ks_if_match(r, &expect))
		goto out;
	head = ks_head_revision(r, r->args[0]);
	if (head != expect) {
		char nl[160], en[160];
		snprintf(nl, sizeof nl, "Iemand anders heeft dit dossier intussen gewijzigd "
		         "(versie %ld). Laad het opnieuw.", head);
		snprintf(en, sizeof en, "Someone else changed this case meanwhile (revision %ld). "
		         "Load it again.", head);
		ks_reply_json(r, 409, json_pack("{s:s, s:s, s:[], s:I}", "error",
		              kr_tr(r->lang, nl, en), "code", "conflict", "details",
		              "current_revision", (json_int_t)head));
		goto out;
	}
	if ((rc = kr_store_get(r->store, r->args[0], head, &c, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	if (!(doc = kr_case_dump(c, false))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	memset(&e, 0, sizeof e);
	e.op = op;
	e.collection = coll;
	e.id = id;
	if (op != KR_EDIT_REMOVE && !r->body.failed && r->body.len > 0) {
		e.body = r->body.data;   /* without one the library says a body is needed */
		e.body_len = r->body.len;
	}
	/* kr_case_edit keeps ids and case.ref and validates the whole result */
	rc = kr_case_edit(doc, strlen(doc), &e, &out, &out_len, &new_id, &err);
	if (!rc)
		rc = kr_case_read(out, out_len, &next, &err);   /* the case to store */
	if (rc == KR_EINVAL) {
		bool body = body_refused(&err);
		ks_error_kr(r, body ? 400 : 422, body ? "bad_request" : "invalid", NULL, NULL, &err);
		goto out;
	}
	if (rc) {
		ks_fail(r, rc, &err);   /* 404 for an unknown item, with the library's words */
		goto out;
	}
	snprintf(detail, sizeof detail, "%s %s", coll, verb[op]);
	if (!ks_store_case(r, next, expect, KR_AUDIT_UPDATE, detail, &rev))
		goto out;
	if (op == KR_EDIT_REMOVE) {
		ks_etag(r, rev);
		ks_reply_empty(r, 204);
		goto out;
	}
	if (!id || op == KR_EDIT_ADD)
		id = new_id;
	if (strcmp(coll, "case") == 0)
		it = json_object_get(kr_case_doc(next), "case");
	else if (!id)
		it = collection(kr_case_doc(next), coll);
	else
		it = find_item(kr_case_doc(next), coll, id);
	if (op == KR_EDIT_ADD && id) {
		char loc[600];
		snprintf(loc, sizeof loc, "/api/cases/%s/%s/%s", r->args[0], coll, id);
		ks_header(r, "Location", loc);
	}
	reply_item(r, op == KR_EDIT_ADD ? 201 : 200, rev, it);
out:
	kr_case_free(c);
	kr_case_free(next);
	free(doc);
	free(out);
	free(new_id);
	kr_error_cleanup(&err);
}

void ks_h_item_create(struct ks_req *r)
{
	edit(r, KR_EDIT_ADD, r->args[1], NULL);
}

void ks_h_item_put(struct ks_req *r)
{
	edit(r, KR_EDIT_REPLACE, r->args[1], r->args[2]);
}

void ks_h_item_patch(struct ks_req *r)
{
	edit(r, KR_EDIT_MERGE, r->args[1], r->args[2]);
}

void ks_h_item_delete(struct ks_req *r)
{
	edit(r, KR_EDIT_REMOVE, r->args[1], r->args[2]);
}

void ks_h_single_put(struct ks_req *r)
{
	edit(r, KR_EDIT_REPLACE, r->args[1], NULL);
}

void ks_h_single_patch(struct ks_req *r)
{
	edit(r, KR_EDIT_MERGE, r->args[1], NULL);
}
