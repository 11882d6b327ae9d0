/*
 * api_admin.c - administration over HTTP (docs/api.md "Administration"):
 * accounts (admins only), the assignment of users to a case (admins, and
 * the lead of the case's team), the audit trail (everything for admins,
 * one case for its team's lead) with its verification, and the client's
 * own log of a case (for everyone who may read the case: a plain overview
 * of who looked at or changed the file, to show or print for the child or
 * parent).
 *
 * Who may call what is the library's access decision, asked by the route
 * table (server/routes.c) before a handler runs.  Every change is one
 * transaction holding the change and its audit row (the library's account
 * and assignment functions take part in the open transaction, as
 * lib/audit.c does).
 * Details in the trail name accounts, never clients, and never passwords.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/assignment.h"
#include "kring/audit.h"
#include "kring/password.h"
#include "server.h"

static json_t *user_json(const struct kr_user *u)
{
	return json_pack("{s:s, s:s, s:s, s:b}", "name", u->name, "role",
	                 kr_account_role_name(u->role), "team", u->team, "disabled", (int)u->disabled);
}

/* Replies 422 for a refused account change, naming the password rule when
 * that was the reason. */
static void account_refused(struct ks_req *r, const char *name, const char *pw,
                            const struct kr_error *err)
{
	enum kr_password_verdict v = pw ? kr_password_check(name, pw) : KR_PASSWORD_OK;
	if (v != KR_PASSWORD_OK)
		ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
		              kr_password_message(v, r->lang), "code", "invalid", "details",
		              "password: refused"));
	else
		ks_error_kr(r, 422, "invalid", NULL, NULL, err);
}

void ks_h_users_list(struct ks_req *r)
{
	struct kr_user *v = NULL;
	struct kr_error err;
	size_t n = 0;
	json_t *arr;

	kr_error_init(&err);
	if (kr_account_list(r->store, &v, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, user_json(&v[i]));
	ks_reply_json(r, 200, json_pack("{s:o}", "users", arr));
out:
	free(v);
	kr_error_cleanup(&err);
}

/* Runs the audit row and commit of an account change; replies on failure. */
static bool finish(struct ks_req *r, enum kr_status rc, char action, const char *ref,
                   const char *detail, struct kr_error *err)
{
	if (rc == KR_OK)
		rc = ks_audit_tx(r, action, ref, detail, err);
	if (rc) {
		ks_end(r->store, false, NULL);
		return false;
	}
	if ((rc = ks_end(r->store, true, err))) {
		ks_fail(r, rc, err);
		return false;
	}
	return true;
}

void ks_h_users_create(struct ks_req *r)
{
	json_t *body = ks_body_json(r);
	const char *name, *role, *team, *pw;
	enum kr_account_role ro;
	struct kr_error err;
	struct kr_user u;
	enum kr_status rc;
	char detail[128];

	kr_error_init(&err);
	if (!body)
		goto out;
	name = json_string_value(json_object_get(body, "name"));
	role = json_string_value(json_object_get(body, "role"));
	team = json_string_value(json_object_get(body, "team"));
	pw = json_string_value(json_object_get(body, "password"));
	if (!name || !role || !pw || kr_account_role_parse(role, &ro)) {
		ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
		              kr_tr(r->lang, "Geef name, role (worker, lead, analyst, admin) en "
		                    "password.", "Send name, role (worker, lead, analyst, admin) and "
		                    "password."), "code", "invalid", "details", "role: required"));
		goto out;
	}
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = kr_account_add(r->store, name, ro, team, pw, r->now, NULL, &err);
	snprintf(detail, sizeof detail, "account %s created", kr_account_name_valid(name) ? name : "?");
	if (!finish(r, rc, KR_AUDIT_CREATE, NULL, detail, &err)) {
		if (r->status)
			goto out;
		if (rc == KR_ECONFLICT)
			ks_error(r, 409, "conflict", "Deze gebruikersnaam bestaat al.",
			         "This user name exists already.");
		else if (rc == KR_EINVAL)
			account_refused(r, name, pw, &err);
		else
			ks_fail(r, rc ? rc : err.code, &err);
		goto out;
	}
	if (kr_account_get(r->store, name, &u, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_reply_json(r, 201, json_pack("{s:o}", "user", user_json(&u)));
out:
	kr_error_cleanup(&err);
	json_decref(body);
}

void ks_h_users_patch(struct ks_req *r)
{
	json_t *body = ks_body_json(r), *jd, *jr, *jt, *jp;
	const char *name = r->args[0];
	struct kr_error err;
	struct kr_user u;
	enum kr_account_role ro;
	enum kr_status rc = KR_OK;
	char detail[160];

	kr_error_init(&err);
	if (!body)
		goto out;
	jd = json_object_get(body, "disabled");
	jr = json_object_get(body, "role");
	jt = json_object_get(body, "team");
	jp = json_object_get(body, "password");
	if ((jd && !json_is_boolean(jd)) || (jr && !json_is_string(jr)) ||
	    (jt && !json_is_string(jt)) || (jp && !json_is_string(jp)) ||
	    (jr && kr_account_role_parse(json_string_value(jr), &ro))) {
		ks_reply_json(r, 422, json_pack("{s:s, s:s, s:[s]}", "error",
		              kr_tr(r->lang, "Ongeldige wijziging van het account.",
		                    "Invalid change to the account."), "code", "invalid", "details",
		              "body: disabled (true/false), role, team, password"));
		goto out;
	}
	if (kr_account_get(r->store, name, &u, &err)) {
		if (err.code == KR_ENOTFOUND)
			ks_error(r, 404, "not_found", "Dit account bestaat niet.", "No such account.");
		else
			ks_fail(r, err.code, &err);
		goto out;
	}
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	if (jr || jt)
		rc = kr_account_set_role(r->store, u.name, jr ? ro : u.role,
		                           jt ? json_string_value(jt) : NULL, r->now, &err);
	if (rc == KR_OK && jp)
		rc = kr_account_set_password(r->store, u.name, json_string_value(jp), r->now, &err);
	if (rc == KR_OK && jd)
		rc = kr_account_set_disabled(r->store, u.name, json_is_true(jd), r->now, &err);
	/* the last admin who can log in cannot be demoted or disabled: the
	 * library refuses it (KR_ECONFLICT), said here with its own code */
	if (rc == KR_ECONFLICT) {
		ks_end(r->store, false, NULL);
		ks_error_kr(r, 409, "last_admin", NULL, NULL, &err);
		goto out;
	}
	snprintf(detail, sizeof detail, "account %s changed:%s%s%s%s", u.name, jr ? " role" : "",
	         jt ? " team" : "", jp ? " password" : "",
	         jd ? (json_is_true(jd) ? " disabled" : " enabled") : "");
	if (!finish(r, rc, KR_AUDIT_UPDATE, NULL, detail, &err)) {
		if (r->status)
			goto out;
		if (rc == KR_EINVAL)
			account_refused(r, u.name, jp ? json_string_value(jp) : NULL, &err);
		else
			ks_fail(r, rc ? rc : err.code, &err);
		goto out;
	}
	if (kr_account_get(r->store, u.name, &u, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_reply_json(r, 200, json_pack("{s:o}", "user", user_json(&u)));
out:
	kr_error_cleanup(&err);
	json_decref(body);
}

/* ---- assignments ----------------------------------------------------------------- */

void ks_h_assignees_list(struct ks_req *r)
{
	char **v = NULL;
	size_t n = 0;
	struct kr_error err;
	json_t *arr;

	kr_error_init(&err);
	if (kr_assignment_list(r->store, r->args[0], &v, &n, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	ks_audit(r, KR_AUDIT_READ, r->args[0], "assignees read");
	ks_reply_json(r, 200, json_pack("{s:o}", "assignees", arr));
out:
	kr_assignment_list_free(v, n);
	kr_error_cleanup(&err);
}

static void assignment(struct ks_req *r, bool add)
{
	struct kr_error err;
	enum kr_status rc;
	char detail[128];

	kr_error_init(&err);
	if ((rc = ks_begin(r->store, &err))) {
		ks_fail(r, rc, &err);
		goto out;
	}
	rc = add ? kr_assignment_add(r->store, r->args[0], r->args[1], r->now, &err)
	         : kr_assignment_remove(r->store, r->args[0], r->args[1], &err);
	snprintf(detail, sizeof detail, "%s %s", add ? "assigned" : "unassigned",
	         kr_account_name_valid(r->args[1]) ? r->args[1] : "?");
	if (!finish(r, rc, add ? KR_AUDIT_UPDATE : KR_AUDIT_DELETE, r->args[0], detail, &err)) {
		if (r->status)
			goto out;
		if (rc == KR_ENOTFOUND)
			ks_error(r, 404, "not_found", add ? "Dit account bestaat niet."
			                                  : "Deze toewijzing bestaat niet.",
			         add ? "No such account." : "No such assignment.");
		else if (rc == KR_EINVAL)
			ks_error(r, 422, "invalid", "Dit account is uitgezet.", "This account is disabled.");
		else
			ks_fail(r, rc ? rc : err.code, &err);
		goto out;
	}
	ks_reply_empty(r, 204);
out:
	kr_error_cleanup(&err);
}

void ks_h_assignee_put(struct ks_req *r)
{
	assignment(r, true);
}

void ks_h_assignee_delete(struct ks_req *r)
{
	assignment(r, false);
}

/* ---- the audit trail ---------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static int row_json(const struct kr_audit_row *row, void *arg)
{
	char act[2] = { row->action, '\0' };
	json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:s}", "id",
	                      (json_int_t)row->id, "at", row->when, "who", row->who, "on_behalf",
	                      row->has_on_behalf ? json_string(row->on_behalf) : json_null(),
	                      "action", act, "ref", row->has_ref ? json_string(row->ref)
	                                                         : json_null(),
	                      "address", row->has_address ? json_string(row->address)
	                                                  : json_null(),
	                      "detail", row->detail);
	/* the NEN 7513 fields (null in rows from before they were kept) */
	if (j) {
		json_object_set_new(j, "role", str_or_null(row->role));
		json_object_set_new(j, "event", str_or_null(row->event));
		json_object_set_new(j, "result", str_or_null(kr_audit_result_name(row->result)));
		json_object_set_new(j, "object_type",
		                    str_or_null(kr_audit_object_name(row->object_type)));
		json_object_set_new(j, "object", str_or_null(row->object));
		json_object_set_new(j, "access_point", str_or_null(row->access_point));
	}
	json_array_append_new(arg, j);
	return 0;
}

void ks_h_audit_get(struct ks_req *r)
{
	const char *ref = ks_param(r, "ref"), *format = ks_param(r, "format");
	bool csv = format && strcmp(format, "csv") == 0;
	struct kr_error err;
	json_t *rows = NULL;

	kr_error_init(&err);
	if (format && !csv && strcmp(format, "json") != 0) {
		ks_error(r, 400, "bad_request", "?format= is json of csv.", "?format= is json or csv.");
		goto out;
	}
	/* who may read which trail was decided by the route (http.c) */
	ks_audit_flush();
	if (csv) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		enum kr_status rc;
		if (!f) {
			ks_reply_json(r, 500, NULL);
			goto out;
		}
		rc = kr_audit_export_csv(r->store, ref, f, &err);
		fclose(f);
		if (rc) {
			free(buf);
			ks_fail(r, rc, &err);
			goto out;
		}
		ks_header(r, "Content-Disposition", "attachment; filename=\"audit.csv\"");
		ks_audit(r, KR_AUDIT_EXPORT, ref, "audit trail exported");
		ks_reply_take(r, 200, "text/csv; charset=utf-8", buf, len);
		goto out;
	}
	rows = json_array();
	if (kr_audit_each(r->store, ref, row_json, rows, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, ref, "audit trail read");
	ks_reply_json(r, 200, json_pack("{s:O}", "rows", rows));
out:
	json_decref(rows);
	kr_error_cleanup(&err);
}

void ks_h_audit_verify(struct ks_req *r)
{
	struct kr_error err;
	long long bad = 0, count = 0;
	char hex[65] = "";
	enum kr_status rc;

	kr_error_init(&err);
	ks_audit_flush();
	rc = kr_audit_verify(r->store, &bad, &err);
	if (rc == KR_OK) {
		if (kr_audit_head(r->store, &count, hex, &err)) {
			ks_fail(r, err.code, &err);
			goto out;
		}
		ks_reply_json(r, 200, json_pack("{s:b, s:I, s:s}", "ok", 1, "rows", (json_int_t)count,
		                                "head", hex));
	} else if (rc == KR_EINVAL) {
		ks_reply_json(r, 200, json_pack("{s:b, s:I, s:s}", "ok", 0, "first_bad_id",
		                                (json_int_t)bad, "error", err.message));
	} else {
		ks_fail(r, rc, &err);
	}
out:
	kr_error_cleanup(&err);
}

/* ---- the client's own log -------------------------------------------------------- */

static const char *const how_keys[KR_AUDIT_HOW__N] = {
	[KR_AUDIT_HOW_READ] = "read", [KR_AUDIT_HOW_LIST] = "list",
	[KR_AUDIT_HOW_CREATE] = "create", [KR_AUDIT_HOW_CHANGE] = "change",
	[KR_AUDIT_HOW_EXPORT] = "export", [KR_AUDIT_HOW_PRINT] = "print",
};

void ks_h_case_audit(struct ks_req *r)
{
	const char *ref = r->args[0], *format = ks_param(r, "format");
	bool text = format && strcmp(format, "text") == 0;
	struct kr_audit_visit *v = NULL;
	struct kr_error err;
	struct kr_buf b;
	size_t n = 0;
	json_t *visits = NULL;
	char *out;
	size_t len;

	kr_error_init(&err);
	kr_buf_init(&b, 4u * 1024u * 1024u);
	if (format && !text && strcmp(format, "json") != 0) {
		ks_error(r, 400, "bad_request", "?format= is json of text.",
		         "?format= is json or text.");
		goto out;
	}
	/* who may read it was decided by the route (http.c): whoever may read the case */
	ks_audit_flush();
	if (kr_audit_client_text(r->store, ref, r->lang, &b, &err) ||
	    (!text && kr_audit_client_visits(r->store, ref, &v, &n, &err))) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, ref, "client log read");
	if (text) {
		out = kr_buf_steal(&b, &len);
		ks_reply_take(r, 200, "text/plain; charset=utf-8", out, len);
		goto out;
	}
	visits = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *how = json_object();
		for (int h = 0; h < KR_AUDIT_HOW__N; h++)
			if (v[i].count[h])
				json_object_set_new(how, how_keys[h], json_integer(v[i].count[h]));
		json_array_append_new(visits, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:o}",
		                      "day", v[i].day, "from", v[i].from, "to", v[i].to, "who",
		                      v[i].who, "role", str_or_null(v[i].role), "role_label",
		                      kr_audit_role_word(v[i].role[0] ? v[i].role : NULL, r->lang),
		                      "how", how));
	}
	ks_reply_json(r, 200, json_pack("{s:s, s:s, s:O, s:s}", "ref", ref, "timezone",
	                                "Europe/Amsterdam", "visits", visits, "text",
	                                b.data ? b.data : ""));
out:
	json_decref(visits);
	free(v);
	kr_buf_cleanup(&b);
	kr_error_cleanup(&err);
}
