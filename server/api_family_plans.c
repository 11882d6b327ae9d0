/*
 * api_family_plans.c - the family plan of siblings (docs/api.md, "Family
 * plans"): GET /api/family-plans lists the plans the caller may read, GET
 * /api/family-plans/{id} shows one as its reader may see it, PUT
 * /api/family-plans/{id} creates or replaces one (If-Match for a plan that
 * exists), GET /api/family-plans/{id}/history tells its revisions in words
 * (kr_fplan_history, cut to what the caller may read), and GET
 * /api/cases/{ref}/family-plans lists the plans a case is in.  The route table lets in the roles that may list cases (analysts get
 * 403); every decision on a plan is the library's (kr_fplan_decide: 404 when
 * the caller may read none of its cases, 403 when they may read it but not
 * change every case it links; kr_fplan_may_write for the cases of a new
 * document), and so is the view, which leaves out the cases the caller may
 * not read.  Every read and write has its audit row: a read one row per
 * case whose child it shows, a write's row commits with it.
 */
#include <stdlib.h>
#include <string.h>

#include "kring/audit.h"
#include "kring/family_plan.h"
#include "server.h"

/* Replies 403 or 404 for verdict v on plan id, with an F row. */
static void refuse(struct ks_req *r, const char *id, bool write, enum kr_access_verdict v,
                   const char *reason)
{
	char detail[KR_AUDIT_DETAIL_MAX + 1];

	snprintf(detail, sizeof detail, "family plan %.64s %s refused: %s", id,
	         write ? "update" : "read", reason);
	ks_audit(r, KR_AUDIT_FAILED, NULL, detail);
	if (v == KR_ACCESS_FORBIDDEN)
		ks_error(r, 403, "forbidden", write ? "Een gezinsplan wijzig je alleen als je elk "
		         "dossier erin mag wijzigen." : "Dat mag je niet met je rol.", write ?
		         "You change a family plan only when you may change every case it links." :
		         "Your role does not allow this.");
	else
		ks_error(r, 404, "not_found", "Dit gezinsplan bestaat niet of je hebt er geen toegang "
		         "toe.", "This family plan does not exist or you have no access to it.");
}

static json_t *infos_json(const struct kr_fplan_info *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s?, s:I}", "id", v[i].id, "name",
		                      v[i].name[0] ? v[i].name : NULL, "revision",
		                      (json_int_t)v[i].revision));
	return arr;
}

/* Lists the plans the caller may read, of case ref or of every case. */
static void reply_list(struct ks_req *r, const char *ref)
{
	struct kr_fplan_info *v = NULL;
	struct kr_error err;
	json_t *arr;
	size_t n = 0;

	kr_error_init_lang(&err, r->lang);
	if (kr_fplan_list(r->store, &r->user, ref, &v, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(arr = infos_json(v, n))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, ref, "family plans listed");
	ks_reply_json(r, 200, json_pack("{s:o}", "family_plans", arr));
out:
	free(v);
	kr_error_cleanup(&err);
}

void ks_h_family_plans_list(struct ks_req *r)
{
	reply_list(r, NULL);
}

void ks_h_case_family_plans(struct ks_req *r)
{
	reply_list(r, r->args[0]);
}

/* Replies with the caller's view of plan id (status 200 or 201) and its
 * ETag, with a read row per case whose child it shows. */
static void reply_plan(struct ks_req *r, const char *id, int status)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	char detail[128];
	json_t *j = NULL, *c;
	long rev = 0;
	size_t i;

	kr_error_init_lang(&err, r->lang);
	if (kr_fplan_get(r->store, id, &p, &rev, &err) ||
	    kr_fplan_view(r->store, &r->user, p, rev, (void **)&j, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "family plan %.64s read", id);
	json_array_foreach(json_object_get(j, "children"), i, c)
		ks_audit(r, KR_AUDIT_READ, json_string_value(json_object_get(c, "case")), detail);
	ks_etag(r, rev);
	ks_reply_json(r, status, j);
	j = NULL;
out:
	json_decref(j);
	kr_fplan_free(p);
	kr_error_cleanup(&err);
}

void ks_h_family_plan_get(struct ks_req *r)
{
	const char *reason = "";
	enum kr_access_verdict v = kr_fplan_decide(r->store, &r->user, r->args[0], false, &reason);

	if (v != KR_ACCESS_ALLOWED) {
		refuse(r, r->args[0], false, v, reason);
		return;
	}
	reply_plan(r, r->args[0], 200);
}

/* The body as a plan document whose id is the one in the address; replies
 * 400/413/422 and returns NULL. */
static struct kr_fplan *body_plan(struct ks_req *r)
{
	struct kr_fplan *p = NULL;
	struct kr_error err;
	json_t *doc = ks_body_json(r);

	kr_error_init_lang(&err, r->lang);
	if (doc && kr_fplan_from_json(doc, &p, &err) == KR_OK && strcmp(p->id, r->args[0])) {
		kr_error_add(&err, "id", "het id \"%s\" hoort bij een ander gezinsplan dan %s in het "
		             "adres", "the id \"%s\" is another family plan than %s in the address",
		             p->id, r->args[0]);
		kr_error_say(&err, KR_EINVAL, "het gezinsplan heeft 1 probleem",
		             "the family plan has 1 problem");
		kr_fplan_free(p);
		p = NULL;
	}
	if (doc && !p)
		ks_fail(r, err.code, &err);
	json_decref(doc);
	kr_error_cleanup(&err);
	return p;
}

void ks_h_family_plan_put(struct ks_req *r)
{
	struct kr_fplan *p = NULL, *old = NULL;
	struct kr_error err;
	const char *reason = "";
	char detail[128];
	long expect = -1, rev = 0;
	enum kr_status rc;
	enum kr_access_verdict v = kr_fplan_decide(r->store, &r->user, r->args[0], true, &reason);

	kr_error_init_lang(&err, r->lang);
	if (v == KR_ACCESS_HIDDEN) {
		/* a plan that exists but is not the caller's stays hidden; one that
		 * does not exist yet is made */
		rc = kr_fplan_get(r->store, r->args[0], &old, NULL, &err);
		kr_error_cleanup(&err);
		kr_error_init_lang(&err, r->lang);
		if (rc != KR_ENOTFOUND) {
			refuse(r, r->args[0], true, v, reason);
			goto out;
		}
		/* If-Match on a plan that does not exist: 404 from kr_fplan_put */
		if (ks_req_header(r, "If-Match") && !ks_if_match(r, &expect))
			goto out;
	} else if (v == KR_ACCESS_FORBIDDEN) {
		refuse(r, r->args[0], true, v, reason);
		goto out;
	} else if (!ks_if_match(r, &expect)) {
		goto out;
	}
	if (!(p = body_plan(r)))
		goto out;
	if ((rc = kr_fplan_may_write(r->store, &r->user, p, &err))) {
		snprintf(detail, sizeof detail, "family plan %.64s %s refused: not every case is "
		         "yours to change", p->id, v == KR_ACCESS_HIDDEN ? "create" : "update");
		ks_audit(r, KR_AUDIT_FAILED, NULL, detail);
		ks_fail(r, rc, &err);
		goto out;
	}
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_fplan_put(r->store, p, r->user.name, expect, r->now, &rev, &err);
	snprintf(detail, sizeof detail, "family plan %.64s %s", p->id,
	         rev == 1 ? "created" : "changed");
	if (rc == KR_OK)
		rc = ks_audit_tx(r, rev == 1 ? KR_AUDIT_CREATE : KR_AUDIT_UPDATE, NULL, detail, &err);
	if (rc) {
		ks_end(r->store, false, NULL);
		ks_fail(r, rc, &err);
		goto out;
	}
	if ((rc = ks_end(r->store, true, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	reply_plan(r, p->id, rev == 1 ? 201 : 200);
out:
	kr_fplan_free(old);
	kr_fplan_free(p);
	kr_error_cleanup(&err);
}

void ks_h_family_plan_history(struct ks_req *r)
{
	struct kr_revision_changes *h = NULL;
	struct kr_fplan *p = NULL;
	struct kr_error err;
	const char *reason = "";
	char detail[128];
	size_t n = 0;
	long rev = 0;
	json_t *arr;
	enum kr_access_verdict v = kr_fplan_decide(r->store, &r->user, r->args[0], false, &reason);

	kr_error_init_lang(&err, r->lang);
	if (v != KR_ACCESS_ALLOWED) {
		refuse(r, r->args[0], false, v, reason);
		goto out;
	}
	if (kr_fplan_get(r->store, r->args[0], &p, &rev, &err) ||
	    kr_fplan_history(r->store, &r->user, r->args[0], &h, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(arr = kr_diff_history_json(h, n))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	/* one read row per linked case the caller may read, as for the plan */
	snprintf(detail, sizeof detail, "family plan %.64s history read", r->args[0]);
	for (size_t i = 0; i < p->ncases; i++)
		if (kr_access_decide(r->store, &r->user, p->cases[i], KR_ACCESS_READ, NULL) ==
		    KR_ACCESS_ALLOWED)
			ks_audit(r, KR_AUDIT_READ, p->cases[i], detail);
	ks_etag(r, rev);
	ks_reply_json(r, 200, json_pack("{s:s, s:o}", "id", r->args[0], "revisions", arr));
out:
	kr_diff_history_free(h, n);
	kr_fplan_free(p);
	kr_error_cleanup(&err);
}
