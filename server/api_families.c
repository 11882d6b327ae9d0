/*
 * api_families.c - the register of foster families (docs/api.md, "Foster
 * families"): GET /api/families lists the families the caller may read,
 * POST /api/families adds one, GET and PUT /api/families/{id} read and
 * change one.  The route table lets in the roles that may list cases
 * (analysts get 403); which family a user may read or change is the
 * library's decision (kr_family_decide: 404 when it is not theirs), and the
 * document, its checks and its derived figures are lib/family*.c's.  Every
 * read and write has its audit row; a write's row commits with it.
 */
#include <stdlib.h>
#include <string.h>

#include "kring/audit.h"
#include "kring/enum.h"
#include "kring/family.h"
#include "server.h"

/* The access decision on family id, answered as the case routes answer
 * theirs (403 for the role, 404 otherwise, with an F row).  Replies and
 * returns false when refused. */
static bool family_allowed(struct ks_req *r, const char *id, bool write)
{
	const char *reason = "";
	char detail[KR_AUDIT_DETAIL_MAX + 1];
	enum kr_access_verdict v = kr_family_decide(r->store, &r->user, id, write, &reason);

	if (v == KR_ACCESS_ALLOWED)
		return true;
	snprintf(detail, sizeof detail, "foster family %.64s %s refused: %s", id,
	         write ? "update" : "read", reason);
	ks_audit(r, KR_AUDIT_FAILED, NULL, detail);
	if (v == KR_ACCESS_FORBIDDEN)
		ks_error(r, 403, "forbidden", "Dat mag je niet met je rol.",
		         "Your role does not allow this.");
	else
		ks_error(r, 404, "not_found", "Dit pleeggezin bestaat niet of je hebt er geen toegang "
		         "toe.", "This foster family does not exist or you have no access to it.");
	return false;
}

static json_t *info_json(const struct kr_family_info *fi)
{
	return json_pack("{s:s, s:s, s:s?, s:I, s:s?, s:s?, s:s?, s:o, s:i, s:i}", "id", fi->id,
	                 "name", fi->name, "worker", fi->worker[0] ? fi->worker : NULL,
	                 "revision", (json_int_t)fi->revision,
	                 "kind", fi->kind ? kr_enum_name(KR_ENUM_FAMILY_KIND, fi->kind) : NULL,
	                 "care", fi->care ? kr_enum_name(KR_ENUM_FAMILY_CARE, fi->care) : NULL,
	                 "availability", fi->availability ?
	                 kr_enum_name(KR_ENUM_AVAILABILITY, fi->availability) : NULL,
	                 "capacity", fi->capacity >= 0 ? json_integer(fi->capacity) : json_null(),
	                 "in_use", fi->in_use, "vacancies", fi->vacancies);
}

void ks_h_families_list(struct ks_req *r)
{
	struct kr_family_info *v = NULL;
	struct kr_error err;
	json_t *arr = NULL;
	size_t n = 0;
	long day;

	kr_error_init_lang(&err, r->lang);
	if (!ks_param_day(r, "as_of", &day))
		goto out;
	if (kr_family_list(r->store, &r->user, day, &v, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(arr = json_array())) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, info_json(&v[i]));
	ks_audit(r, KR_AUDIT_READ, NULL, "foster family register listed");
	ks_reply_json(r, 200, json_pack("{s:o}", "families", arr));
	arr = NULL;
out:
	json_decref(arr);
	free(v);
	kr_error_cleanup(&err);
}

/* Replies with the view of family id (status 200 or 201) and its ETag. */
static void reply_family(struct ks_req *r, const char *id, int status, long day)
{
	struct kr_family *f = NULL;
	struct kr_error err;
	long rev = 0;
	int in_use = 0;
	json_t *j;

	kr_error_init_lang(&err, r->lang);
	if (kr_family_get(r->store, id, &f, &rev, &err) ||
	    kr_family_in_use(r->store, id, day, &in_use, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(j = kr_family_view_json(f, rev, in_use, day))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_etag(r, rev);
	ks_reply_json(r, status, j);
out:
	kr_family_free(f);
	kr_error_cleanup(&err);
}

void ks_h_family_get(struct ks_req *r)
{
	char detail[128];
	long day;

	if (!ks_param_day(r, "as_of", &day) || !family_allowed(r, r->args[0], false))
		return;
	snprintf(detail, sizeof detail, "foster family %.64s read", r->args[0]);
	ks_audit(r, KR_AUDIT_READ, NULL, detail);
	reply_family(r, r->args[0], 200, day);
}

/* The body as a family document; replies 400/413/422 and returns NULL. */
static struct kr_family *body_family(struct ks_req *r)
{
	struct kr_family *f = NULL;
	struct kr_error err;
	json_t *doc = ks_body_json(r);

	kr_error_init_lang(&err, r->lang);
	if (doc && kr_family_from_json(doc, &f, &err))
		ks_fail(r, err.code, &err);
	json_decref(doc);
	kr_error_cleanup(&err);
	return f;
}

/* Ends the write (rc) with its audit row in the same transaction; replies
 * on failure and returns false. */
static bool finish(struct ks_req *r, enum kr_status rc, char action, const char *detail,
                   struct kr_error *err)
{
	if (rc == KR_OK)
		rc = ks_audit_tx(r, action, NULL, detail, err);
	if (rc) {
		ks_end(r->store, false, NULL);
		ks_fail(r, rc, err);
		return false;
	}
	if ((rc = ks_end(r->store, true, err))) {
		ks_fail(r, rc, err);
		return false;
	}
	return true;
}

void ks_h_family_create(struct ks_req *r)
{
	struct kr_family *f = body_family(r);
	struct kr_error err;
	char detail[128];
	long rev = 0;
	enum kr_status rc;

	kr_error_init_lang(&err, r->lang);
	if (!f)
		goto out;
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_family_create(r->store, &r->user, f, r->now, &rev, &err);
	snprintf(detail, sizeof detail, "foster family %.64s created", f->id);
	if (finish(r, rc, KR_AUDIT_CREATE, detail, &err))
		reply_family(r, f->id, 201, r->today);
out:
	kr_family_free(f);
	kr_error_cleanup(&err);
}

void ks_h_family_put(struct ks_req *r)
{
	struct kr_family *f = NULL;
	struct kr_error err;
	char detail[128];
	long expect = 0, rev = 0;
	enum kr_status rc;

	kr_error_init_lang(&err, r->lang);
	if (!family_allowed(r, r->args[0], true) || !ks_if_match(r, &expect) ||
	    !(f = body_family(r)))
		goto out;
	if (strcmp(f->id, r->args[0]) != 0) {
		kr_error_add(&err, "id", "het id \"%s\" hoort bij een ander pleeggezin dan %s in het "
		             "adres", "the id \"%s\" is another family than %s in the address",
		             f->id, r->args[0]);
		ks_fail(r, kr_error_say(&err, KR_EINVAL, "het pleeggezin heeft 1 probleem",
		                        "the foster family document has 1 problem"), &err);
		goto out;
	}
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_family_put(r->store, f, r->user.name, expect, r->now, &rev, &err);
	snprintf(detail, sizeof detail, "foster family %.64s changed", f->id);
	if (finish(r, rc, KR_AUDIT_UPDATE, detail, &err))
		reply_family(r, f->id, 200, r->today);
out:
	kr_family_free(f);
	kr_error_cleanup(&err);
}
