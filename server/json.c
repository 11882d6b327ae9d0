/*
 * json.c - how handlers of `kring serve` answer: JSON and byte replies, the
 * error shape {"error", "code", "details"} of docs/api.md with the message
 * in the caller's language, the mapping from library statuses to HTTP
 * statuses, and the typed getters for the request body and the query
 * parameters (allow-listed per route by server/http.c).
 *
 * An error answer never holds a server path or a database message: KR_EDB
 * and KR_EIO become a fixed sentence (the cause goes to stderr, without
 * personal data), KR_EINVAL keeps the library's "path: message" details,
 * which name document paths and ids, never file names.  Handlers ask the
 * library for its messages in the request's language
 * (kr_error_init_lang(&err, r->lang)), so these are passed on as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/date.h"
#include "server.h"

void ks_header(struct ks_req *r, const char *name, const char *value)
{
	struct ks_header *grown = realloc(r->headers, (r->nheaders + 1) * sizeof *grown);
	char *n, *v;
	if (!grown)
		return;
	r->headers = grown;
	n = strdup(name);
	v = strdup(value);
	if (!n || !v) {
		free(n);
		free(v);
		return;
	}
	r->headers[r->nheaders].name = n;
	r->headers[r->nheaders].value = v;
	r->nheaders++;
}

void ks_etag(struct ks_req *r, long rev)
{
	char buf[32];
	snprintf(buf, sizeof buf, "\"%ld\"", rev);
	ks_header(r, "ETag", buf);
}

void ks_reply_take(struct ks_req *r, int status, const char *ctype, char *data, size_t len)
{
	free(r->out);
	r->out = data;
	r->outlen = data ? len : 0;
	r->status = status;
	r->ctype = ctype;
}

void ks_reply_bytes(struct ks_req *r, int status, const char *ctype, const void *data,
                    size_t len)
{
	char *copy = malloc(len ? len : 1);
	if (!copy) {
		ks_error(r, 500, "internal", "De server heeft geen geheugen meer.",
		         "The server is out of memory.");
		return;
	}
	if (len)
		memcpy(copy, data, len);
	ks_reply_take(r, status, ctype, copy, len);
}

void ks_reply_empty(struct ks_req *r, int status)
{
	free(r->out);
	r->out = NULL;
	r->outlen = 0;
	r->status = status;
	r->ctype = NULL;
}

void ks_reply_json(struct ks_req *r, int status, json_t *j)
{
	char *s;
	if (!j) {
		/* out of memory while building: a fixed answer */
		static const char oom[] = "{\"error\":\"out of memory\",\"code\":\"internal\","
		                          "\"details\":[]}";
		ks_reply_bytes(r, 500, "application/json; charset=utf-8", oom, sizeof oom - 1);
		return;
	}
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!s) {
		ks_reply_json(r, 500, NULL);
		return;
	}
	ks_reply_take(r, status, "application/json; charset=utf-8", s, strlen(s));
}

void ks_error(struct ks_req *r, int status, const char *code, const char *nl, const char *en)
{
	ks_reply_json(r, status, json_pack("{s:s, s:s, s:[]}", "error", kr_tr(r->lang, nl, en),
	                                   "code", code, "details"));
}

void ks_error_kr(struct ks_req *r, int status, const char *code, const char *nl,
                 const char *en, const struct kr_error *err)
{
	json_t *j, *d;
	const char *msg = kr_tr(r->lang, nl, en);
	char sentence[sizeof err->message + 2];

	if (!msg && err && err->message[0]) {
		/* the library's message ("dit dossier heeft geen persoon ...") as a
		 * sentence for people: a capital and a full stop */
		size_t n = strlen(err->message);
		snprintf(sentence, sizeof sentence, "%s%s", err->message,
		         strchr(".?!", err->message[n - 1]) ? "" : ".");
		if (sentence[0] >= 'a' && sentence[0] <= 'z')
			sentence[0] = (char)(sentence[0] - 'a' + 'A');
		msg = sentence;
	}
	if (!msg)
		msg = "error";
	j = json_pack("{s:s, s:s, s:[]}", "error", msg, "code", code, "details");
	if (j && err) {
		d = json_object_get(j, "details");
		for (size_t i = 0; i < err->ndetails; i++)
			json_array_append_new(d, json_string(err->details[i]));
		if (err->ndropped) {
			char more[96];
			snprintf(more, sizeof more, kr_tr(r->lang, "... en nog %zu", "... and %zu more"),
			         err->ndropped);
			json_array_append_new(d, json_string(more));
		}
	}
	ks_reply_json(r, status, j);
}

void ks_fail(struct ks_req *r, enum kr_status rc, const struct kr_error *err)
{
	const char *m = err && err->message[0] ? err->message : NULL;

	switch (rc) {
	case KR_ENOTFOUND:
		ks_error_kr(r, 404, "not_found", m ? NULL : "Niet gevonden.", m ? NULL : "Not found.",
		            err);
		break;
	case KR_EINVAL:
		if (err && err->ndetails)
			ks_error_kr(r, 422, "invalid", "De gegevens zijn ongeldig.",
			            "The data is invalid.", err);
		else
			ks_error_kr(r, 422, "invalid", m ? NULL : "De gegevens zijn ongeldig.",
			            m ? NULL : "The data is invalid.", err);
		break;
	case KR_EUSAGE:
		ks_error_kr(r, 400, "bad_request", m ? NULL : "Het verzoek is ongeldig.",
		            m ? NULL : "The request is invalid.", err);
		break;
	case KR_ECONFLICT:
		ks_error_kr(r, 409, "conflict", m ? NULL : "Dat bestaat al.",
		            m ? NULL : "That exists already.", err);
		break;
	case KR_ETOOBIG:
		ks_error_kr(r, 413, "too_large", m ? NULL : "Te groot.", m ? NULL : "Too large.", err);
		break;
	case KR_EPERM:
		ks_error_kr(r, 403, "forbidden", m ? NULL : "Dat mag je niet.",
		            m ? NULL : "You may not do this.", err);
		break;
	case KR_EDB:
		if (m)
			fprintf(stderr, "kring serve: database: %s\n", m);
		ks_error(r, 503, "unavailable", "De database is even niet beschikbaar. Probeer het "
		         "zo opnieuw.", "The database is not available right now. Try again "
		         "shortly.");
		break;
	default:
		if (m)
			fprintf(stderr, "kring serve: %s: %s\n", kr_status_name(rc), m);
		ks_error(r, 500, "internal", "Er ging iets mis op de server.",
		         "Something went wrong on the server.");
	}
}

json_t *ks_body_json(struct ks_req *r)
{
	json_error_t je;
	json_t *j;

	if (r->body.failed || r->body.len == 0) {
		ks_error(r, 400, "bad_request", "Het verzoek heeft geen JSON-inhoud.",
		         "The request has no JSON body.");
		return NULL;
	}
	j = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!j) {
		struct kr_error err;
		kr_error_init_lang(&err, r->lang);
		kr_error_add_json(&err, NULL, je.line, je.column, je.text);
		ks_error_kr(r, 400, "bad_request", "De inhoud is geen geldige JSON.",
		            "The body is not valid JSON.", &err);
		kr_error_cleanup(&err);
		return NULL;
	}
	if (!json_is_object(j) && !json_is_array(j)) {
		json_decref(j);
		ks_error(r, 400, "bad_request", "De inhoud moet een JSON-object zijn.",
		         "The body must be a JSON object.");
		return NULL;
	}
	return j;
}

bool ks_param_day(struct ks_req *r, const char *name, long *day)
{
	const char *v = ks_param(r, name);
	struct kr_date d;

	*day = r->today;
	if (!v)
		return true;
	if (!kr_date_parse_full(v, &d)) {
		char nl[128], en[128];
		snprintf(nl, sizeof nl, "?%s= moet een datum JJJJ-MM-DD zijn.", name);
		snprintf(en, sizeof en, "?%s= must be a date YYYY-MM-DD.", name);
		ks_error(r, 400, "bad_request", nl, en);
		return false;
	}
	*day = kr_days_from_civil(d.y, d.m, d.d);
	return true;
}
