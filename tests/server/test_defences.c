/*
 * test_defences.c - the defences of `kring serve` (issue 4, item 6) seen
 * from the outside: request smuggling (Transfer-Encoding with
 * Content-Length, two Content-Lengths) answered 400 with the connection
 * closed; bodies over the limit 413 (announced and chunked); non-JSON
 * bodies 415; missing or wrong CSRF token and a foreign Origin 403; the
 * security headers on every kind of answer; If-Match missing 428, stale
 * 409 with the current revision, an invalid document 422 with document
 * paths; item edits through kr_case_edit (422 with a path, 404, ETags);
 * unknown query parameters 400, wrong methods 405; static files without
 * directory listings, hidden files or "..".
 *
 * Usage: test_defences KRING  (run from the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "client.h"

#define REF "PZ-2026-0101"
#define PW "Zonnebloem-akker-42"

static struct tc_server S;

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w"))) {
		fputs(text, f);
		fclose(f);
	}
}

/* The headers every answer must carry. */
static void security_headers(const struct tc_resp *r, const char *what, bool api)
{
	char v[512];
	bool ok = tc_header(r, "Content-Security-Policy", v, sizeof v) &&
	          strstr(v, "default-src 'self'") && strstr(v, "frame-ancestors 'none'") &&
	          strstr(v, "script-src 'self'") && !strstr(v, "unsafe-inline");
	tc_check(ok, "%s: Content-Security-Policy", what);
	tc_check(tc_header(r, "X-Content-Type-Options", v, sizeof v) && strcmp(v, "nosniff") == 0,
	         "%s: X-Content-Type-Options", what);
	tc_check(tc_header(r, "Referrer-Policy", v, sizeof v) && strcmp(v, "no-referrer") == 0,
	         "%s: Referrer-Policy", what);
	tc_check(tc_header(r, "Cross-Origin-Opener-Policy", v, sizeof v),
	         "%s: Cross-Origin-Opener-Policy", what);
	tc_check(tc_header(r, "Cache-Control", v, sizeof v) &&
	         strcmp(v, api ? "no-store" : "no-cache") == 0, "%s: Cache-Control %s", what,
	         api ? "no-store" : "no-cache");
	tc_check(!tc_header(r, "Strict-Transport-Security", v, sizeof v),
	         "%s: no HSTS without TLS", what);
}

static bool is_error_json(const struct tc_resp *r, const char *code)
{
	json_t *j = tc_json(r);
	bool ok = j && json_is_string(json_object_get(j, "error")) &&
	          json_is_array(json_object_get(j, "details")) &&
	          (!code || (json_is_string(json_object_get(j, "code")) &&
	                     strcmp(json_string_value(json_object_get(j, "code")), code) == 0));
	json_decref(j);
	return ok && !strstr(r->body, "/tmp/") && !strstr(r->body, S.dir);
}

static void smuggling(void)
{
	struct tc_resp r;
	char req[512];
	int n;

	n = snprintf(req, sizeof req, "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: application/json\r\nContent-Length: 4\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/meta HTTP/1.1\r\n"
	             "Host: 127.0.0.1\r\n\r\n");
	tc_check(tc_raw(S.port, req, (size_t)n, &r), "TE+CL: answered");
	tc_check(r.status == 400, "TE+CL: 400 (got %d)", r.status);
	tc_check(r.closed, "TE+CL: connection closed");
	tc_check(is_error_json(&r, "bad_request"), "TE+CL: JSON error");
	security_headers(&r, "TE+CL 400", true);
	tc_resp_free(&r);

	n = snprintf(req, sizeof req, "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: application/json\r\nContent-Length: 2\r\n"
	             "Content-Length: 40\r\n\r\n{}GET /api/meta HTTP/1.1\r\nHost: x\r\n\r\n");
	tc_check(tc_raw(S.port, req, (size_t)n, &r), "two CLs: answered");
	tc_check(r.status == 400, "two CLs: 400 (got %d)", r.status);
	tc_check(r.closed, "two CLs: connection closed");
	tc_resp_free(&r);

	n = snprintf(req, sizeof req, "GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
	tc_check(tc_raw(S.port, req, (size_t)n, &r) && r.status == 400 && r.closed,
	         "TE+CL on GET: 400 and closed (got %d)", r.status);
	tc_resp_free(&r);

	n = snprintf(req, sizeof req, "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
	             "0\r\n\r\n");
	tc_check(tc_raw(S.port, req, (size_t)n, &r) && r.status == 400 && r.closed,
	         "TE other than chunked: 400 and closed (got %d)", r.status);
	tc_resp_free(&r);

	/* a sound keep-alive request stays open */
	n = snprintf(req, sizeof req, "GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	tc_check(tc_raw(S.port, req, (size_t)n, &r) && r.status == 200 && !r.closed,
	         "a sound request keeps the connection (got %d, closed %d)", r.status, r.closed);
	tc_resp_free(&r);
}

static void limits(const struct tc_session *w)
{
	struct tc_resp r;
	char head[512], *big;
	size_t n = 2u * 1024u * 1024u;
	int k;

	/* announced too large: refused before reading */
	k = snprintf(head, sizeof head, "POST /api/cases/" REF "/wishes HTTP/1.1\r\n"
	             "Host: 127.0.0.1\r\n%sX-CSRF-Token: %s\r\nIf-Match: \"1\"\r\n"
	             "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n",
	             w->cookie, w->csrf);
	tc_check(tc_raw(S.port, head, (size_t)k, &r) && r.status == 413 && r.closed,
	         "Content-Length over 1 MiB: 413 and closed (got %d)", r.status);
	tc_check(is_error_json(&r, "too_large"), "413 is a JSON error");
	tc_resp_free(&r);

	k = snprintf(head, sizeof head, "POST /api/cases HTTP/1.1\r\n"
	             "Host: 127.0.0.1\r\n%sX-CSRF-Token: %s\r\n"
	             "Content-Type: application/json\r\nContent-Length: 18000000\r\n\r\n",
	             w->cookie, w->csrf);
	tc_check(tc_raw(S.port, head, (size_t)k, &r) && r.status == 413,
	         "case document over 17 MiB: 413 (got %d)", r.status);
	tc_resp_free(&r);

	/* chunked past the limit: counted while read */
	big = malloc(n + 1024);
	if (big) {
		size_t off;
		k = snprintf(big, 1024, "PATCH /api/cases/" REF "/plan HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		             "%sX-CSRF-Token: %s\r\nIf-Match: \"1\"\r\n"
		             "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
		             w->cookie, w->csrf);
		off = (size_t)k;
		for (int c = 0; c < 32; c++) {
			off += (size_t)snprintf(big + off, 16, "10000\r\n");
			memset(big + off, ' ', 0x10000);
			off += 0x10000;
			memcpy(big + off, "\r\n", 2);
			off += 2;
			if (off + 0x10000 + 64 > n)
				break;
		}
		memcpy(big + off, "0\r\n\r\n", 5);
		off += 5;
		tc_check(tc_raw(S.port, big, off, &r) && r.status == 413,
		         "chunked body past 1 MiB: 413 (got %d)", r.status);
		tc_resp_free(&r);
		free(big);
	}

	/* only JSON */
	tc_request(S.port, "POST", "/api/session", "Content-Type: text/plain\r\n", "user=a", 6, &r);
	tc_check(r.status == 415, "text/plain body: 415 (got %d)", r.status);
	tc_check(is_error_json(&r, "unsupported_media_type"), "415 is a JSON error");
	tc_resp_free(&r);
	tc_request(S.port, "POST", "/api/session", "Content-Type: multipart/form-data; boundary=x\r\n",
	           "--x--", 5, &r);
	tc_check(r.status == 415, "multipart body: 415 (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "POST", "/api/session", NULL, "{}", 2, &r);
	tc_check(r.status == 415, "body without Content-Type: 415 (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json; charset=utf-8\r\n",
	           "{\"user\":1}", 10, &r);
	tc_check(r.status == 400, "application/json; charset=utf-8 accepted (400 for the content, "
	         "got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n",
	           "{\"user\":\"a\",\"user\":\"b\"}", 23, &r);
	tc_check(r.status == 400, "duplicate keys: 400 (got %d)", r.status);
	tc_resp_free(&r);
}

static void csrf(const struct tc_session *w)
{
	struct tc_resp r;
	char hdr[512];

	/* no token */
	snprintf(hdr, sizeof hdr, "%sIf-Match: \"1\"\r\nContent-Type: application/json\r\n",
	         w->cookie);
	tc_request(S.port, "PATCH", "/api/cases/" REF "/plan", hdr, "{\"version\":3}", 13, &r);
	tc_check(r.status == 403, "PATCH without X-CSRF-Token: 403 (got %d)", r.status);
	{
		json_t *j = tc_json(&r);
		tc_check(j && strcmp(json_string_value(json_object_get(j, "error")), "csrf") == 0,
		         "csrf refusal says {\"error\": \"csrf\"}");
		json_decref(j);
	}
	tc_resp_free(&r);
	/* a wrong token */
	snprintf(hdr, sizeof hdr, "%sX-CSRF-Token: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
	         "If-Match: \"1\"\r\nContent-Type: application/json\r\n", w->cookie);
	tc_request(S.port, "PATCH", "/api/cases/" REF "/plan", hdr, "{\"version\":3}", 13, &r);
	tc_check(r.status == 403, "PATCH with a wrong token: 403 (got %d)", r.status);
	tc_resp_free(&r);
	/* the right token, but from another site */
	tc_call(S.port, w, "PATCH", "/api/cases/" REF "/plan",
	        "If-Match: \"1\"\r\nOrigin: https://evil.example\r\n", "{\"version\":3}", &r);
	tc_check(r.status == 403, "foreign Origin: 403 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "PATCH", "/api/cases/" REF "/plan",
	        "If-Match: \"1\"\r\nSec-Fetch-Site: cross-site\r\n", "{\"version\":3}", &r);
	tc_check(r.status == 403, "Sec-Fetch-Site: cross-site: 403 (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "POST", "/api/session", "Content-Type: application/json\r\n"
	           "Origin: https://evil.example\r\n", "{}", 2, &r);
	tc_check(r.status == 403, "login from a foreign Origin: 403 (got %d)", r.status);
	tc_resp_free(&r);
	/* logout needs the token too */
	snprintf(hdr, sizeof hdr, "%s", w->cookie);
	tc_request(S.port, "DELETE", "/api/session", hdr, NULL, 0, &r);
	tc_check(r.status == 403, "logout without the token: 403 (got %d)", r.status);
	tc_resp_free(&r);
}

static void concurrency_rules(const struct tc_session *w, const char *doc)
{
	struct tc_resp r;
	char etag[32], bad[256];
	json_t *j;

	tc_call(S.port, w, "PUT", "/api/cases/" REF, NULL, doc, &r);
	tc_check(r.status == 428, "PUT without If-Match: 428 (got %d)", r.status);
	tc_check(is_error_json(&r, "precondition_required"), "428 is a JSON error");
	tc_resp_free(&r);
	tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: \"1\"\r\n", doc, &r);
	tc_check(r.status == 200, "PUT with If-Match \"1\": 200 (got %d)", r.status);
	tc_check(tc_header(&r, "ETag", etag, sizeof etag) && strcmp(etag, "\"2\"") == 0,
	         "new ETag \"2\" (got %s)", etag);
	security_headers(&r, "PUT 200", true);
	tc_resp_free(&r);
	tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: \"1\"\r\n", doc, &r);
	tc_check(r.status == 409, "stale If-Match: 409 (got %d)", r.status);
	j = tc_json(&r);
	tc_check(j && json_integer_value(json_object_get(j, "current_revision")) == 2,
	         "409 says current_revision 2");
	json_decref(j);
	tc_resp_free(&r);
	tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: *\r\n", doc, &r);
	tc_check(r.status == 428, "If-Match: * is not enough: 428 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: \"abc\"\r\n", doc, &r);
	tc_check(r.status == 400, "malformed If-Match: 400 (got %d)", r.status);
	tc_resp_free(&r);
	/* an invalid document: 422 with a document path */
	{
		const char *tie = strstr(doc, "\"ties\"");
		char *copy = malloc(strlen(doc) + 8), *p, *q;
		if (copy && tie && (p = strstr(doc + (tie - doc), "\"b\":\"")) &&
		    (q = strchr(p + 5, '"'))) {
			/* the first tie points to an unknown person */
			snprintf(copy, strlen(doc) + 8, "%.*sp99%s", (int)(p + 5 - doc), doc, q);
			tc_call(S.port, w, "PUT", "/api/cases/" REF, "If-Match: \"2\"\r\n", copy, &r);
			tc_check(r.status == 422, "invalid document: 422 (got %d)", r.status);
			tc_check(r.body && strstr(r.body, "ties[0].b") && strstr(r.body, "p99"),
			         "422 names the path ties[0].b: %s", r.body ? r.body : "");
			tc_resp_free(&r);
		} else {
			tc_check(false, "the example has a tie to break");
		}
		free(copy);
	}
	/* the ref in the body must be the ref of the URL */
	snprintf(bad, sizeof bad, "/api/cases/PZ-2026-0101");
	{
		char *copy = strdup(doc), *p = copy ? strstr(copy, REF) : NULL;
		if (p) {
			memcpy(p, "PZ-2026-0999", 12);
			tc_call(S.port, w, "PUT", bad, "If-Match: \"2\"\r\n", copy, &r);
			tc_check(r.status == 422 && r.body && strstr(r.body, "case.ref"),
			         "PUT with another ref in the body: 422 case.ref (got %d)", r.status);
			tc_resp_free(&r);
		}
		free(copy);
	}
}

static void items(const struct tc_session *w)
{
	struct tc_resp r;
	char etag[32], loc[256];
	json_t *j;

	tc_call(S.port, w, "GET", "/api/cases/" REF "/persons", NULL, NULL, &r);
	j = tc_json(&r);
	tc_check(r.status == 200 && json_array_size(json_object_get(j, "items")) > 3,
	         "GET persons: the list (got %d)", r.status);
	json_decref(j);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases/" REF "/persons/p1", NULL, NULL, &r);
	j = tc_json(&r);
	tc_check(r.status == 200 && json_is_object(json_object_get(j, "item")) &&
	         tc_header(&r, "ETag", etag, sizeof etag) && strcmp(etag, "\"2\"") == 0,
	         "GET persons/p1: the item with ETag \"2\" (got %d)", r.status);
	json_decref(j);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases/" REF "/persons/p999", NULL, NULL, &r);
	tc_check(r.status == 404, "unknown item: 404 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases/" REF "/ties/0", NULL, NULL, &r);
	tc_check(r.status == 200, "GET ties/0 by position: 200 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases/" REF "/ties/9999", NULL, NULL, &r);
	tc_check(r.status == 404, "GET ties/9999: 404 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases/" REF "/plan", NULL, NULL, &r);
	tc_check(r.status == 200, "GET plan: 200 (got %d)", r.status);
	tc_resp_free(&r);

	/* a tie to an unknown person: 422 with the document path, in the
	 * request's language (Dutch by default) */
	tc_call(S.port, w, "POST", "/api/cases/" REF "/ties", "If-Match: \"2\"\r\n",
	        "{\"a\":\"p1\",\"b\":\"p99\",\"strength\":\"weak\"}", &r);
	tc_check(r.status == 422 && r.body && strstr(r.body, ".b: onbekende persoon") &&
	         strstr(r.body, "ties[") && strstr(r.body, "\"error\":\"De wijziging maakt het "
	         "dossier ongeldig (1 probleem).\""),
	         "POST ties with b=p99: 422 ties[n].b (got %d: %s)", r.status, r.body ? r.body : "");
	tc_resp_free(&r);
	tc_call(S.port, w, "POST", "/api/cases/" REF "/ties",
	        "If-Match: \"2\"\r\nAccept-Language: en-GB, nl;q=0.5\r\n",
	        "{\"a\":\"p1\",\"b\":\"p99\",\"strength\":\"weak\"}", &r);
	tc_check(r.status == 422 && r.body && strstr(r.body, ".b: unknown person") &&
	         !strstr(r.body, "onbekend") && !strstr(r.body, "ongeldig"),
	         "... in English for Accept-Language: en (got %d: %s)", r.status,
	         r.body ? r.body : "");
	tc_resp_free(&r);
	/* a body that is not JSON: 400, said by the library in the request's language */
	tc_call(S.port, w, "POST", "/api/cases/" REF "/wishes?lang=en", "If-Match: \"2\"\r\n",
	        "{\"by\": \"p1\",}", &r);
	tc_check(r.status == 400 && r.body && strstr(r.body, "\"bad_request\"") &&
	         strstr(r.body, "body: line 1, column "),
	         "POST a body that is not JSON: 400 with body: line ... (got %d: %s)", r.status,
	         r.body ? r.body : "");
	tc_resp_free(&r);
	tc_call(S.port, w, "PATCH", "/api/cases/" REF "/persons/p1", "If-Match: \"2\"\r\n",
	        "[1]", &r);
	tc_check(r.status == 400 && r.body && strstr(r.body, "body: hier hoort een object"),
	         "PATCH with a list: 400, in Dutch (got %d: %s)", r.status, r.body ? r.body : "");
	tc_resp_free(&r);
	tc_call(S.port, w, "DELETE", "/api/cases/" REF "/persons/p999", "If-Match: \"2\"\r\n",
	        NULL, &r);
	tc_check(r.status == 404 && r.body && strstr(r.body, "geen persoon \\\"p999\\\""),
	         "DELETE an unknown person: 404 naming it (got %d: %s)", r.status,
	         r.body ? r.body : "");
	tc_resp_free(&r);
	/* add a wish */
	tc_call(S.port, w, "POST", "/api/cases/" REF "/wishes", "If-Match: \"2\"\r\n",
	        "{\"by\":\"p1\",\"date\":\"2026-11-20\",\"text\":\"elke week zwemmen\"}", &r);
	j = tc_json(&r);
	tc_check(r.status == 201 && json_integer_value(json_object_get(j, "revision")) == 3 &&
	         json_is_string(json_object_get(json_object_get(j, "item"), "id")) &&
	         tc_header(&r, "ETag", etag, sizeof etag) && strcmp(etag, "\"3\"") == 0 &&
	         tc_header(&r, "Location", loc, sizeof loc),
	         "POST wishes: 201, revision 3, ETag \"3\", Location (got %d)", r.status);
	json_decref(j);
	tc_resp_free(&r);
	tc_call(S.port, w, "POST", "/api/cases/" REF "/wishes", "If-Match: \"2\"\r\n",
	        "{\"by\":\"p1\",\"date\":\"2026-11-20\",\"text\":\"nog een\"}", &r);
	tc_check(r.status == 409, "POST with a stale If-Match: 409 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "POST", "/api/cases/" REF "/wishes", NULL,
	        "{\"by\":\"p1\",\"date\":\"2026-11-20\",\"text\":\"nog een\"}", &r);
	tc_check(r.status == 428, "POST item without If-Match: 428 (got %d)", r.status);
	tc_resp_free(&r);
	/* merge patch of the plan */
	tc_call(S.port, w, "PATCH", "/api/cases/" REF "/plan", "If-Match: \"3\"\r\n",
	        "{\"safety\":\"De buurvrouw let op.\"}", &r);
	j = tc_json(&r);
	tc_check(r.status == 200 && strcmp(json_string_value(json_object_get(json_object_get(j,
	         "item"), "safety")) ? json_string_value(json_object_get(json_object_get(j, "item"),
	         "safety")) : "", "De buurvrouw let op.") == 0,
	         "PATCH plan: 200 with the merged plan (got %d)", r.status);
	json_decref(j);
	tc_resp_free(&r);
	/* the child cannot be removed */
	tc_call(S.port, w, "DELETE", "/api/cases/" REF "/persons/p1", "If-Match: \"4\"\r\n", NULL, &r);
	tc_check(r.status == 422, "DELETE the child: 422 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "DELETE", "/api/cases/" REF "/events/0", "If-Match: \"4\"\r\n", NULL, &r);
	tc_check(r.status == 204 && tc_header(&r, "ETag", etag, sizeof etag) &&
	         strcmp(etag, "\"5\"") == 0, "DELETE events/0: 204 with ETag \"5\" (got %d)",
	         r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases/" REF "/history", NULL, NULL, &r);
	j = tc_json(&r);
	tc_check(r.status == 200 && json_array_size(json_object_get(j, "revisions")) == 5,
	         "history has 5 revisions");
	json_decref(j);
	tc_resp_free(&r);
}

static void routing_and_static(const struct tc_session *w, const char *web)
{
	struct tc_resp r;
	char v[256];

	tc_call(S.port, w, "GET", "/api/cases?bogus=1", NULL, NULL, &r);
	tc_check(r.status == 400, "unknown query parameter: 400 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/cases?as_of=2026-13-01", NULL, NULL, &r);
	tc_check(r.status == 400, "malformed as_of: 400 (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "POST", "/api/cases/" REF "/history", NULL, "{}", &r);
	tc_check(r.status == 405 && tc_header(&r, "Allow", v, sizeof v) && strstr(v, "GET"),
	         "POST on a GET path: 405 with Allow (got %d)", r.status);
	tc_resp_free(&r);
	tc_call(S.port, w, "GET", "/api/nothing", NULL, NULL, &r);
	tc_check(r.status == 404 && is_error_json(&r, "not_found"), "unknown API path: 404 JSON");
	security_headers(&r, "API 404", true);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/api/meta", NULL, NULL, 0, &r);
	tc_check(r.status == 200 && r.body && strstr(r.body, "\"lang_default\":\"nl\""),
	         "GET /api/meta without session: 200");
	security_headers(&r, "meta", true);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/healthz", NULL, NULL, 0, &r);
	tc_check(r.status == 200 && r.body && strncmp(r.body, "ok", 2) == 0, "GET /healthz: ok");
	tc_resp_free(&r);

	tc_request(S.port, "GET", "/", NULL, NULL, 0, &r);
	tc_check(r.status == 200 && r.body && strstr(r.body, "index page") &&
	         tc_header(&r, "Content-Type", v, sizeof v) && strncmp(v, "text/html", 9) == 0,
	         "/ serves index.html as text/html (got %d)", r.status);
	security_headers(&r, "static /", false);
	tc_check(tc_header(&r, "ETag", v, sizeof v), "static files have an ETag");
	tc_resp_free(&r);
	{
		char hdr[300];
		snprintf(hdr, sizeof hdr, "If-None-Match: %s\r\n", v);
		tc_request(S.port, "GET", "/", hdr, NULL, 0, &r);
		tc_check(r.status == 304, "If-None-Match: 304 (got %d)", r.status);
		tc_resp_free(&r);
	}
	{
		static const char get[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
		static const char anon[] = "GET /api/cases HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
		tc_check(tc_raw(S.port, get, sizeof get - 1, &r) && r.status == 200 && !r.closed,
		         "a static file keeps the connection open (closed %d)", r.closed);
		tc_resp_free(&r);
		tc_check(tc_raw(S.port, anon, sizeof anon - 1, &r) && r.status == 401 && !r.closed,
		         "a 401 without a body keeps the connection open (closed %d)", r.closed);
		tc_resp_free(&r);
	}
	tc_request(S.port, "GET", "/s/", NULL, NULL, 0, &r);
	tc_check(r.status == 200 && r.body && strstr(r.body, "share page"), "/s/ serves share.html");
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/app.js", NULL, NULL, 0, &r);
	tc_check(r.status == 200 && tc_header(&r, "Content-Type", v, sizeof v) &&
	         strncmp(v, "text/javascript", 15) == 0, "app.js as text/javascript");
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/css/", NULL, NULL, 0, &r);
	tc_check(r.status == 404, "no directory listing (got %d)", r.status);
	security_headers(&r, "static 404", false);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/.secret.txt", NULL, NULL, 0, &r);
	tc_check(r.status == 404, "hidden file: 404 (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/../kring.db", NULL, NULL, 0, &r);
	tc_check(r.status == 404 || r.status == 400, "/../kring.db: refused (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/%2e%2e/kring.db", NULL, NULL, 0, &r);
	tc_check(r.status == 404 || r.status == 400, "/%%2e%%2e/kring.db: refused (got %d)",
	         r.status);
	tc_resp_free(&r);
	tc_request(S.port, "GET", "/notes.md", NULL, NULL, 0, &r);
	tc_check(r.status == 404, "extension not on the list: 404 (got %d)", r.status);
	tc_resp_free(&r);
	tc_request(S.port, "POST", "/index.html", "Content-Type: application/json\r\n", "{}", 2, &r);
	tc_check(r.status == 405, "POST to a static file: 405 (got %d)", r.status);
	tc_resp_free(&r);
	(void)web;
}

int main(int argc, char **argv)
{
	const char *kring = argc > 1 ? argv[1] : "build/kring";
	struct tc_session w;
	char web[400], path[512], *doc;
	struct tc_resp r;

	if (!tc_setup(&S, kring)) {
		fprintf(stderr, "test_defences: cannot set up\n");
		return 1;
	}
	snprintf(web, sizeof web, "%s/web", S.dir);
	mkdir(web, 0700);
	snprintf(path, sizeof path, "%s/css", web);
	mkdir(path, 0700);
	write_file(web, "index.html", "<!doctype html><title>index page</title>\n");
	write_file(web, "share.html", "<!doctype html><title>share page</title>\n");
	write_file(web, "app.js", "export const x = 1;\n");
	write_file(web, ".secret.txt", "secret\n");
	write_file(web, "notes.md", "notes\n");
	tc_check(tc_kring(&S, NULL, "import", "examples/" REF ".json", NULL) == 0, "import");
	tc_check(tc_kring(&S, PW "\n", "user", "add", "anouk", "--role", "worker", "--team", "noord",
	                  NULL) == 0, "user add");
	tc_check(tc_kring(&S, NULL, "assign", REF, "anouk", NULL) == 0, "assign");
	if (!tc_check(tc_start(&S, web, NULL), "server starts")) {
		tc_cleanup(&S);
		return tc_done("defences");
	}
	tc_check(tc_login(S.port, "anouk", PW, &w), "login");
	tc_call(S.port, &w, "GET", "/api/cases/" REF, NULL, NULL, &r);
	doc = r.body ? strdup(r.body) : NULL;
	tc_check(r.status == 200 && doc, "GET the case");
	security_headers(&r, "GET case", true);
	tc_resp_free(&r);

	smuggling();
	limits(&w);
	csrf(&w);
	if (doc)
		concurrency_rules(&w, doc);
	items(&w);
	routing_and_static(&w, web);
	free(doc);
	tc_check(tc_stop(&S) == 0, "server stops cleanly (exit 0)");
	tc_cleanup(&S);
	return tc_done("defences");
}
