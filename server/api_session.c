/*
 * api_session.c - logging in and out over HTTP (docs/api.md "Authentication"):
 * the session cookie, the CSRF token derived from the session, establishing
 * the caller of every request from its cookies, and the two endpoints that
 * need no session at all (/healthz, /api/meta).
 *
 * The CSRF token is BLAKE2b-256 keyed with a secret drawn at start-up, over
 * a purpose word ("session" or "share") and the token of the cookie, in
 * base64url: bound to one session, stored nowhere, and no way back to the
 * session token.  A restart draws a new secret, so clients fetch
 * GET /api/session again after a 403 "csrf".
 *
 * Sessions themselves (random 256-bit tokens, only hashes stored, idle and
 * absolute expiry, throttling) are lib/session.c; this file only carries
 * them in cookies: kring_session (HttpOnly, SameSite=Strict, Path=/; under
 * TLS __Host-kring_session with Secure).  The login and GET /api/session
 * answer the user's capabilities: the scope of every action of the
 * library's rule table (kr_access_scope), which the browser shows instead
 * of guessing from the role.
 */
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>
#include <sodium.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "kring/render.h"
#include "kring/share_view.h"
#include "kring/vocabulary.h"
#include "server.h"

static unsigned char csrf_key[crypto_generichash_KEYBYTES];

int ks_csrf_init(void)
{
	randombytes_buf(csrf_key, sizeof csrf_key);
	return 0;
}

void ks_csrf_token(const char *token, const char *purpose, char out[KR_AUTH_TOKEN_CHARS + 1])
{
	crypto_generichash_state st;
	unsigned char h[32];

	crypto_generichash_init(&st, csrf_key, sizeof csrf_key, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
	crypto_generichash_update(&st, (const unsigned char *)token, strlen(token));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2base64(out, KR_AUTH_TOKEN_CHARS + 1, h, sizeof h,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(h, sizeof h);
}

static const char *session_cookie(const struct ks_req *r)
{
	return r->tls ? "__Host-kring_session" : "kring_session";
}

static const char *share_cookie(const struct ks_req *r)
{
	return r->tls ? "__Secure-kring_share" : "kring_share";
}

static bool token_shape(const char *t)
{
	if (!t || strlen(t) != KR_AUTH_TOKEN_CHARS)
		return false;
	for (; *t; t++)
		if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') ||
		      (*t >= '0' && *t <= '9') || *t == '-' || *t == '_'))
			return false;
	return true;
}

void ks_identify(struct ks_req *r)
{
	const char *tok;
	struct kr_error err;

	kr_error_init(&err);
	tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, session_cookie(r));
	if (token_shape(tok) &&
	    kr_session_verify(r->store, tok, r->now, &r->user, &err) == KR_OK) {
		r->has_user = true;
		snprintf(r->session, sizeof r->session, "%s", tok);
	}
	kr_error_cleanup(&err);
	if (r->route && r->route->who == KS_USER && r->has_user)
		return;
	tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, share_cookie(r));
	if (token_shape(tok) &&
	    kr_share_verify(r->store, tok, r->now, &r->share, &err) == KR_OK) {
		r->has_share = true;
		snprintf(r->share_token, sizeof r->share_token, "%s", tok);
	}
	kr_error_cleanup(&err);
}

static void set_cookie(struct ks_req *r, const char *name, const char *value, const char *path,
                       bool clear)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s=%s; Path=%s; HttpOnly; SameSite=Strict%s%s", name, value,
	         path, r->tls ? "; Secure" : "", clear ? "; Max-Age=0" : "");
	ks_header(r, "Set-Cookie", buf);
}

static json_t *user_json(const struct kr_user *u)
{
	return json_pack("{s:s, s:s, s:s}", "name", u->name, "role", kr_account_role_name(u->role),
	                 "team", u->team);
}

/* {"read": "own", "create": "all", "users": "none", ...}: what u may do,
 * action by action, from the library's rule table. */
static json_t *capabilities_json(const struct kr_user *u)
{
	json_t *j = json_object();
	for (int a = 0; a < KR_ACCESS__N; a++)
		json_object_set_new(j, kr_access_action_name((enum kr_access_action)a),
		                    json_string(kr_access_scope_name(kr_access_scope(u,
		                    (enum kr_access_action)a))));
	return j;
}

static json_t *session_body(struct ks_req *r)
{
	char csrf[KR_AUTH_TOKEN_CHARS + 1];
	json_t *j;
	ks_csrf_token(r->session, "session", csrf);
	j = json_pack("{s:o, s:s, s:o}", "user", user_json(&r->user), "csrf", csrf,
	              "capabilities", capabilities_json(&r->user));
	sodium_memzero(csrf, sizeof csrf);
	return j;
}

void ks_h_healthz(struct ks_req *r)
{
	ks_reply_bytes(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}

/* limits.text: {"wishes": {"text": 2000, ...}, ...} from the library's one
 * table of text limits. */
static json_t *text_limits_json(void)
{
	size_t n;
	const struct kr_text_limit *l = kr_case_text_limits(&n);
	json_t *j = json_object();

	for (size_t i = 0; j && i < n; i++) {
		json_t *c = json_object_get(j, l[i].collection);
		if (!c && json_object_set_new(j, l[i].collection, (c = json_object())))
			break;
		json_object_set_new(c, l[i].field, json_integer((json_int_t)l[i].max));
	}
	return j;
}

void ks_h_meta(struct ks_req *r)
{
	static const char *const colls[] = { "persons", "placements", "meetings", "wishes",
		"goals", "agreements", "kinship", "ties", "events" };
	json_t *kinds = json_array(), *c = json_array();
	for (int k = 0; k < KR_RENDER__N; k++)
		json_array_append_new(kinds, json_string(kr_render_kind_name((enum kr_render_kind)k)));
	for (size_t i = 0; i < sizeof colls / sizeof *colls; i++)
		json_array_append_new(c, json_string(colls[i]));
	ks_reply_json(r, 200, json_pack("{s:s, s:s, s:o, s:o, s:{s:I, s:I, s:o}, s:o, s:o}",
	              "version", KS_VERSION, "lang_default", "nl", "kinds", kinds, "collections",
	              c, "limits", "case_bytes", (json_int_t)KS_CASE_BODY_MAX, "body_bytes",
	              (json_int_t)KS_BODY_MAX, "text", text_limits_json(), "share_scopes",
	              kr_share_scopes_meta_json(), "vocabulary", kr_vocabulary_json()));
}

void ks_h_login(struct ks_req *r)
{
	json_t *body = ks_body_json(r), *ju, *jp, *reply;
	struct kr_login login;
	struct kr_error err;
	struct kr_auth_config ac;
	enum kr_status rc;
	const char *name, *pw;
	char retry[32], csrf[KR_AUTH_TOKEN_CHARS + 1], expires[KR_DATE_STAMP_LEN];

	if (!body)
		return;
	kr_error_init(&err);
	memset(&login, 0, sizeof login);
	ju = json_object_get(body, "user");
	jp = json_object_get(body, "password");
	if (!json_is_string(ju) || !json_is_string(jp)) {
		ks_error(r, 400, "bad_request", "Geef \"user\" en \"password\" mee.",
		         "Send \"user\" and \"password\".");
		goto out;
	}
	name = json_string_value(ju);
	pw = json_string_value(jp);
	rc = kr_session_login(r->store, name, pw, r->addr, r->now, &login, &err);
	if (rc == KR_EPERM || rc == KR_EINVAL || rc == KR_ENOTFOUND) {
		ks_audit_as(r, kr_account_name_valid(name) ? name : "unknown", NULL, KR_AUDIT_FAILED,
		            NULL, "login refused");
		if (login.retry_after > 0) {
			snprintf(retry, sizeof retry, "%ld", login.retry_after);
			ks_header(r, "Retry-After", retry);
			ks_error(r, 429, "throttled",
			         "Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.",
			         "Too many failed attempts. Wait a while, then try again.");
		} else {
			ks_error(r, 401, "unauthenticated", "Verkeerde gebruikersnaam of wachtwoord.",
			         "Wrong user name or password.");
		}
		goto out;
	}
	if (rc) {
		ks_fail(r, rc, &err);
		goto out;
	}
	/* a login over an existing session ends the old one */
	if (r->has_user)
		kr_session_logout(r->store, r->session, NULL);
	r->user = login.user;
	r->has_user = true;
	snprintf(r->session, sizeof r->session, "%s", login.token);
	set_cookie(r, session_cookie(r), login.token, "/", false);
	kr_auth_config_get(&ac);
	kr_date_timestamp(r->now + ac.absolute_s, expires);
	ks_csrf_token(login.token, "session", csrf);
	reply = json_pack("{s:o, s:s, s:{s:I, s:s}, s:o}", "user", user_json(&login.user), "csrf",
	                  csrf, "expires", "idle_s", (json_int_t)ac.idle_s, "absolute", expires,
	                  "capabilities", capabilities_json(&login.user));
	ks_audit(r, KR_AUDIT_AUTH, NULL, "login");
	ks_reply_json(r, 200, reply);
	sodium_memzero(csrf, sizeof csrf);
out:
	sodium_memzero(&login, sizeof login);
	kr_error_cleanup(&err);
	json_decref(body);
}

void ks_h_session_get(struct ks_req *r)
{
	ks_reply_json(r, 200, session_body(r));
}

void ks_h_logout(struct ks_req *r)
{
	struct kr_error err;
	kr_error_init(&err);
	if (kr_session_logout(r->store, r->session, &err)) {
		ks_fail(r, err.code, &err);
		kr_error_cleanup(&err);
		return;
	}
	kr_error_cleanup(&err);
	ks_audit(r, KR_AUDIT_AUTH, NULL, "logout");
	set_cookie(r, session_cookie(r), "", "/", true);
	ks_reply_empty(r, 204);
}

/* ---- the share-link holder's session ------------------------------------- */

/* The body of POST/GET /api/share/session. */
static json_t *share_body(struct ks_req *r)
{
	struct kr_case *c = NULL;
	struct kr_error err;
	char csrf[KR_AUTH_TOKEN_CHARS + 1], expires[KR_DATE_STAMP_LEN];
	const char *pname;
	int pi;
	json_t *j;

	kr_error_init(&err);
	if (kr_store_get(r->store, r->share.ref, 0, &c, &err)) {
		ks_fail(r, err.code, &err);
		kr_error_cleanup(&err);
		return NULL;
	}
	kr_error_cleanup(&err);
	pi = kr_case_person_index(c, r->share.person);
	pname = pi >= 0 ? kr_case_person_name(c, pi) : r->share.person;
	kr_date_timestamp(r->share.expires, expires);
	ks_csrf_token(r->share_token, "share", csrf);
	j = json_pack("{s:s, s:{s:s, s:s}, s:s, s:s}", "csrf", csrf, "person", "id",
	              r->share.person, "name", pname, "ref", r->share.ref, "expires", expires);
	sodium_memzero(csrf, sizeof csrf);
	kr_case_free(c);
	return j;
}

void ks_h_share_login(struct ks_req *r)
{
	json_t *body = ks_body_json(r), *jt, *reply;
	struct kr_error err;
	const char *tok;

	if (!body)
		return;
	kr_error_init(&err);
	jt = json_object_get(body, "token");
	tok = json_string_value(jt);
	r->has_share = false;
	if (!token_shape(tok) ||
	    kr_share_verify(r->store, tok, r->now, &r->share, &err) != KR_OK) {
		ks_audit_as(r, "share:unknown", NULL, KR_AUDIT_FAILED, NULL, "share link refused");
		ks_error(r, 401, "unauthenticated",
		         "Deze link werkt niet (meer). Vraag je begeleider om een nieuwe.",
		         "This link does not work (any more). Ask your worker for a new one.");
		goto out;
	}
	r->has_share = true;
	snprintf(r->share_token, sizeof r->share_token, "%s", tok);
	if (!(reply = share_body(r)))
		goto out;
	set_cookie(r, share_cookie(r), tok, "/api/share", false);
	ks_audit(r, KR_AUDIT_AUTH, r->share.ref, "share link opened");
	ks_reply_json(r, 200, reply);
out:
	kr_error_cleanup(&err);
	json_decref(body);
}

void ks_h_share_session(struct ks_req *r)
{
	json_t *j = share_body(r);
	if (j)
		ks_reply_json(r, 200, j);
}

void ks_h_share_logout(struct ks_req *r)
{
	set_cookie(r, share_cookie(r), "", "/api/share", true);
	ks_reply_empty(r, 204);
}
