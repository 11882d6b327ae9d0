/*
 * api_share.c - share links (docs/api.md "Share links"): the worker makes,
 * lists and revokes links for one person of one case (lib/share.c keeps them,
 * hashed) and chooses what each shows (its scopes); the holder sees that
 * case as that person through the library's share view (lib/share_view.c:
 * own tasks and wishes, goals, the safety plan, the next meeting, the
 * contact person, who looked at the file - never what is for professionals
 * only) and may add a wish or mark their own agreement done.  Nothing else
 * of the case leaves the server on these paths.
 *
 * The holder's changes are ordinary revisions made with kr_case_edit(),
 * authored "share:<person id>", audited on behalf of the worker who made
 * the link.  The holder sends no If-Match: a change that meets a newer
 * revision is applied again to that one (a few times at most).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kring/audit.h"
#include "kring/case_edit.h"
#include "kring/date.h"
#include "kring/share_view.h"
#include "server.h"

#define SHARE_DAYS_MAX 90
#define RETRIES 5
#define VIEWED_MAX 100

/* ---- the worker's side ------------------------------------------------------- */

/* The "scopes" of a new link's body (absent: the default) into *out.
 * Replies 422 and returns false when it names something else. */
static bool body_scopes(struct ks_req *r, json_t *js, unsigned *out)
{
	char detail[200];
	json_t *v;
	size_t i;

	*out = KR_SHARE_DEFAULT;
	if (!js || json_is_null(js))
		return true;
	if (!json_is_array(js) || json_array_size(js) == 0) {
		snprintf(detail, sizeof detail, "scopes: %s", kr_tr(r->lang, "een lijst met minstens "
		         "één van own, goals, safety, meeting, plan", "a list of at least one of own, "
		         "goals, safety, meeting, plan"));
		goto bad;
	}
	*out = 0;
	json_array_foreach(js, i, v) {
		int sc = kr_share_scope_parse(json_string_value(v));
		if (sc < 0) {
			snprintf(detail, sizeof detail, kr_tr(r->lang, "scopes[%zu]: onbekend onderdeel "
			         "(kies uit own, goals, safety, meeting, plan)", "scopes[%zu]: unknown "
			         "part (choose from own, goals, safety, meeting, plan)"), i);
			goto bad;
		}
		*out |= KR_SHARE_BIT(sc);
	}
	return true;
bad:
	ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
	              kr_tr(r->lang, "Kies wat de link laat zien.", "Choose what the link shows."),
	              "code", "invalid", "details", detail));
	return false;
}

void ks_h_shares_create(struct ks_req *r)
{
	json_t *body = ks_body_json(r), *jp, *jd, *js;
	unsigned scopes = KR_SHARE_DEFAULT;
	char token[KR_AUTH_TOKEN_CHARS + 1], url[64], exp[21];
	struct kr_error err;
	enum kr_status rc;
	long long id = 0;
	json_int_t days = 30;
	time_t expires;

	kr_error_init_lang(&err, r->lang);
	if (!body)
		goto out;
	jp = json_object_get(body, "person");
	jd = json_object_get(body, "days");
	js = json_object_get(body, "scopes");
	if (!json_is_string(jp) || (jd && !json_is_integer(jd))) {
		ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
		              kr_tr(r->lang, "Geef \"person\" (een id) en eventueel \"days\".",
		                    "Send \"person\" (an id) and optionally \"days\"."), "code",
		              "invalid", "details", "person: a person id is required"));
		goto out;
	}
	if (jd)
		days = json_integer_value(jd);
	if (days < 1 || days > SHARE_DAYS_MAX) {
		ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
		              kr_tr(r->lang, "Een link is 1 tot 90 dagen geldig.",
		                    "A link is valid for 1 to 90 days."), "code", "invalid",
		              "details", "days: must be 1 to 90"));
		goto out;
	}
	if (!body_scopes(r, js, &scopes))
		goto out;
	expires = r->now + (time_t)days * 86400;
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_share_create(r->store, &r->user, r->args[0], json_string_value(jp), expires,
	                          r->now, token, &id, &err);
	if (rc == KR_OK)
		rc = kr_share_scopes_set(r->store, id, scopes, &err);
	if (rc == KR_OK)
		rc = ks_audit_tx(r, KR_AUDIT_CREATE, r->args[0], "share link created", &err);
	if (rc) {
		ks_end(r->store, false, NULL);
		if (rc == KR_ENOTFOUND)
			ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
			              kr_tr(r->lang, "Deze persoon staat niet in het dossier.",
			                    "This person is not in the case."), "code", "invalid",
			              "details", "person: no such person in the case"));
		else
			ks_fail(r, rc, &err);
		goto out;
	}
	if ((rc = ks_end(r->store, true, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	snprintf(url, sizeof url, "/s/#%s", token);
	kr_date_timestamp(expires, exp);
	ks_reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)id, "url", url,
	                                "expires", exp, "scopes", kr_share_scopes_json(scopes)));
	sodium_memzero(token, sizeof token);
	sodium_memzero(url, sizeof url);
out:
	kr_error_cleanup(&err);
	json_decref(body);
}

/* The persons of c a link can be made for now (kr_share_may_link), in the
 * case's order: [{"id", "name"}]. */
static json_t *candidates(const struct kr_case *c, time_t now)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < c->npersons; i++)
		if (kr_share_may_link(c, i, now))
			json_array_append_new(arr, json_pack("{s:s, s:s}", "id", c->persons[i].id, "name",
			                                     kr_case_person_name(c, (int)i)));
	return arr;
}

void ks_h_shares_list(struct ks_req *r)
{
	struct kr_share *v = NULL;
	struct kr_case *c = NULL;
	struct kr_error err;
	size_t n = 0;
	json_t *arr;
	long rev;

	kr_error_init_lang(&err, r->lang);
	if (!(c = ks_load_case(r, false, &rev)))
		goto out;
	if (kr_share_list(r->store, r->args[0], &v, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		char created[21], expires[21], revoked[21];
		int pi = kr_case_person_index(c, v[i].person);
		const char *state = v[i].revoked ? "revoked" : v[i].expires <= r->now ? "expired"
		                                                                      : "active";
		unsigned scopes = KR_SHARE_DEFAULT;
		kr_date_timestamp(v[i].created, created);
		kr_date_timestamp(v[i].expires, expires);
		kr_date_timestamp(v[i].revoked, revoked);
		if (kr_share_scopes_get(r->store, v[i].id, &scopes, &err)) {
			json_decref(arr);
			ks_fail(r, err.code, &err);
			goto out;
		}
		json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:o}",
		                      "id", (json_int_t)v[i].id, "person", v[i].person, "person_name",
		                      pi >= 0 ? json_string(kr_case_person_name(c, pi)) : json_null(),
		                      "created_by", v[i].created_by, "created", created, "expires",
		                      expires, "revoked", v[i].revoked ? json_string(revoked)
		                                                       : json_null(),
		                      "state", state, "scopes", kr_share_scopes_json(scopes)));
	}
	ks_audit(r, KR_AUDIT_READ, r->args[0], "share links read");
	ks_reply_json(r, 200, json_pack("{s:o, s:o}", "shares", arr, "candidates", candidates(c, r->now)));
out:
	free(v);
	kr_case_free(c);
	kr_error_cleanup(&err);
}

void ks_h_shares_revoke(struct ks_req *r)
{
	struct kr_share *v = NULL;
	struct kr_error err;
	enum kr_status rc;
	size_t n = 0;
	long long id;
	char *end;
	bool found = false;

	kr_error_init_lang(&err, r->lang);
	id = strtoll(r->args[1], &end, 10);
	if (*end || id <= 0)
		goto missing;
	if (kr_share_list(r->store, r->args[0], &v, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		found |= v[i].id == id;
	if (!found)
		goto missing;
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_share_revoke(r->store, &r->user, id, r->now, &err);
	if (rc == KR_OK)
		rc = ks_audit_tx(r, KR_AUDIT_DELETE, r->args[0], "share link revoked", &err);
	if (rc) {
		ks_end(r->store, false, NULL);
		ks_fail(r, rc, &err);
		goto out;
	}
	if ((rc = ks_end(r->store, true, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	ks_reply_empty(r, 204);
	goto out;
missing:
	ks_error(r, 404, "not_found", "Deze link bestaat niet.", "There is no such link.");
out:
	free(v);
	kr_error_cleanup(&err);
}

/* ---- the holder's side ---------------------------------------------------------- */

void ks_h_share_plan(struct ks_req *r)
{
	struct kr_case *c = NULL;
	struct kr_error err;
	json_t *view = NULL;
	void *views = NULL;
	unsigned scopes;
	long day;

	kr_error_init_lang(&err, r->lang);
	if (!ks_param_day(r, "as_of", &day))
		goto out;
	if (kr_store_get(r->store, r->share.ref, 0, &c, &err) ||
	    kr_share_scopes_get(r->store, r->share.id, &scopes, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(view = kr_share_view_json(c, r->share.person, scopes, day))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	/* who looked at the file: the trail, complete up to this request */
	ks_audit_flush();
	if (kr_share_viewed_by_json(r->store, c, r->share.ref, VIEWED_MAX, &views, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	json_object_set_new(view, "viewed_by", views);
	ks_audit(r, KR_AUDIT_READ, r->share.ref, "plan viewed by link");
	ks_reply_json(r, 200, view);
	view = NULL;
out:
	json_decref(view);
	kr_case_free(c);
	kr_error_cleanup(&err);
}

/* Applies edit e to the latest revision of the holder's case and stores it,
 * retrying when another change got there first.  check (may be NULL) looks
 * at the latest case first and replies (returning false) when the edit is
 * not allowed.  On success replies status with the item (coll, id). */
static void holder_edit(struct ks_req *r, struct kr_edit *e, const char *detail, int status,
                        bool (*check)(struct ks_req *r, const struct kr_case *c))
{
	struct kr_error err;
	enum kr_status rc = KR_ECONFLICT;
	char *new_id = NULL;

	kr_error_init_lang(&err, r->lang);
	for (int attempt = 0; attempt < RETRIES && rc == KR_ECONFLICT; attempt++) {
		struct kr_case *c = NULL, *next = NULL;
		char *doc = NULL, *out = NULL;
		size_t out_len = 0;
		long head = ks_head_revision(r, r->share.ref), rev = 0;

		kr_error_cleanup(&err);
		free(new_id);
		new_id = NULL;
		rc = kr_store_get(r->store, r->share.ref, head, &c, &err);
		if (rc == KR_OK && check && !check(r, c)) {
			kr_case_free(c);
			goto out;
		}
		if (rc == KR_OK && !(doc = kr_case_dump(c, false)))
			rc = kr_error_say(&err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		if (rc == KR_OK)
			rc = kr_case_edit(doc, strlen(doc), e, &out, &out_len, &new_id, &err);
		if (rc == KR_OK)
			rc = kr_case_read(out, out_len, &next, &err);
		if (rc == KR_OK)
			rc = ks_put_case(r, next, head, KR_AUDIT_UPDATE, detail, &rev, &err);
		if (rc == KR_OK) {
			const char *id = e->op == KR_EDIT_ADD ? new_id : e->id;
			json_t *arr = json_object_get(json_object_get(kr_case_doc(next), "plan"),
			                              e->collection), *it, *found = NULL;
			size_t i;
			json_array_foreach(arr, i, it)
				if (id && json_is_string(json_object_get(it, "id")) &&
				    strcmp(json_string_value(json_object_get(it, "id")), id) == 0)
					found = it;
			ks_etag(r, rev);
			ks_reply_json(r, status, json_pack("{s:I, s:O}", "revision", (json_int_t)rev,
			                                   "item", found ? found : json_null()));
		}
		kr_case_free(c);
		kr_case_free(next);
		free(doc);
		free(out);
	}
	if (rc == KR_ENOTFOUND)
		ks_error(r, 404, "not_found", "Dit bestaat niet (meer) in het plan.",
		         "This does not exist (any more) in the plan.");
	else if (rc == KR_EINVAL)
		ks_error_kr(r, 422, "invalid", "Dit kan zo niet worden opgeslagen.",
		            "This cannot be stored like this.", &err);
	else if (rc == KR_ECONFLICT)
		ks_error(r, 503, "unavailable", "Het plan wordt nu door anderen gewijzigd. Probeer "
		         "het zo opnieuw.", "Others are changing the plan right now. Try again "
		         "shortly.");
	else if (rc)
		ks_fail(r, rc, &err);
out:
	free(new_id);
	kr_error_cleanup(&err);
}

/* The library's verdict on the holder (kr_share_view_holder_in_case): a
 * person removed from the case gets its 403 with its words. */
static bool holder_in_case(struct ks_req *r, const struct kr_case *c)
{
	struct kr_error err;
	enum kr_status rc;

	kr_error_init_lang(&err, r->lang);
	if ((rc = kr_share_view_holder_in_case(c, r->share.person, &err)))
		ks_fail(r, rc, &err);
	kr_error_cleanup(&err);
	return rc == KR_OK;
}

void ks_h_share_wish(struct ks_req *r)
{
	json_t *body = ks_body_json(r);
	struct kr_error err;
	struct kr_edit e;
	enum kr_status rc;
	char *text = NULL;

	if (!body)
		return;
	kr_error_init_lang(&err, r->lang);
	rc = kr_share_view_wish_item(r->share.person, json_string_value(json_object_get(body, "text")),
	                             r->today, &text, &err);
	if (rc == KR_EINVAL) {
		ks_error_kr(r, 422, "invalid", NULL, NULL, &err);
		goto out;
	} else if (rc) {
		ks_fail(r, rc, &err);
		goto out;
	}
	memset(&e, 0, sizeof e);
	e.op = KR_EDIT_ADD;
	e.collection = "wishes";
	e.body = text;
	e.body_len = strlen(text);
	holder_edit(r, &e, "wish added by link", 201, holder_in_case);
out:
	free(text);
	kr_error_cleanup(&err);
	json_decref(body);
}

static bool own_agreement(struct ks_req *r, const struct kr_case *c)
{
	struct kr_error err;
	enum kr_status rc;
	unsigned scopes;

	if (!holder_in_case(r, c))
		return false;
	kr_error_init_lang(&err, r->lang);
	if (!(rc = kr_share_scopes_get(r->store, r->share.id, &scopes, &err)))
		rc = kr_share_view_may_mark_done(c, r->share.person, scopes, r->args[0], &err);
	if (rc == KR_EPERM)
		ks_error(r, 403, "forbidden", "Deze afspraak is niet van jou.",
		         "This agreement is not yours.");
	else if (rc)
		ks_fail(r, rc, &err);
	kr_error_cleanup(&err);
	return rc == KR_OK;
}

void ks_h_share_done(struct ks_req *r)
{
	static const char patch[] = "{\"status\":\"done\"}";
	struct kr_edit e;

	memset(&e, 0, sizeof e);
	e.op = KR_EDIT_MERGE;
	e.collection = "agreements";
	e.id = r->args[0];
	e.body = patch;
	e.body_len = sizeof patch - 1;
	holder_edit(r, &e, "agreement done by link", 200, own_agreement);
}
