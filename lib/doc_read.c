/*
 * doc_read.c - reading a JSON document field by field (doc_read_int.h):
 * the problems with their paths and the checks of text, enumerations,
 * dates, objects, lists and ids that the readers of the case, the foster
 * family and the family plan share.
 */
#include <stdio.h>
#include <string.h>

#include "doc_read_int.h"

void kri_doc_vproblem(struct kri_doc *r, const char *path, const char *nl, const char *en,
                      va_list ap)
{
	char msg[512];

	r->nproblems++;
	if (!r->err)
		return;
	vsnprintf(msg, sizeof msg, kr_tr(r->lang, nl, en), ap);
	kr_error_add(r->err, path, "%s", "%s", msg);
}

void kri_doc_problem(struct kri_doc *r, const char *path, const char *nl, const char *en, ...)
{
	va_list ap;
	va_start(ap, en);
	kri_doc_vproblem(r, path, nl, en, ap);
	va_end(ap);
}

const char *kri_doc_path(char *buf, size_t n, const char *base, const char *key)
{
	snprintf(buf, n, "%s%s%s", base, *base && key ? "." : "", key ? key : "");
	return buf;
}

const char *kri_doc_text(struct kri_doc *r, const char *base, json_t *o, const char *key,
                         bool required)
{
	char path[128];
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			kri_doc_problem(r, kri_doc_path(path, sizeof path, base, key),
			                "is verplicht; vul dit in", "is required");
		return NULL;
	}
	if (!json_is_string(v)) {
		kri_doc_problem(r, kri_doc_path(path, sizeof path, base, key), "hier hoort tekst",
		                "expected text");
		return NULL;
	}
	return json_string_value(v);
}

int kri_doc_enum(struct kri_doc *r, const char *base, json_t *o, const char *key,
                 enum kr_enum e, bool required)
{
	char path[128], allowed[300] = "";
	const char *s = kri_doc_text(r, base, o, key, required);
	size_t used = 0;
	int v;

	if (!s)
		return 0;
	if ((v = kr_enum_value(e, s)))
		return v;
	for (int i = 1; i < kr_enum_count(e) && used < sizeof allowed; i++)
		used += (size_t)snprintf(allowed + used, sizeof allowed - used, "%s%s",
		                         i > 1 ? ", " : "", kr_enum_name(e, i));
	kri_doc_problem(r, kri_doc_path(path, sizeof path, base, key),
	                "onbekende waarde \"%s\"; kies uit: %s",
	                "unknown value \"%s\" (allowed: %s)", s, allowed);
	return 0;
}

struct kr_date kri_doc_date(struct kri_doc *r, const char *base, json_t *o, const char *key)
{
	char path[128];
	struct kr_date d = { 0, 0, 0 };
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return d;
	if (!json_is_string(v) || !kr_date_parse(json_string_value(v), &d)) {
		kri_doc_problem(r, kri_doc_path(path, sizeof path, base, key),
		                "\"%s\" is geen datum die bestaat; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ",
		                "\"%s\" is not a date that exists (use YYYY-MM-DD, YYYY-MM or YYYY)",
		                json_is_string(v) ? json_string_value(v) : "?");
		memset(&d, 0, sizeof d);
	}
	return d;
}

/* The value under key when it is of the kind `is` says, else NULL (with a
 * problem unless absent or null). */
static json_t *of_kind(struct kri_doc *r, const char *base, json_t *o, const char *key,
                       int (*is)(const json_t *), const char *nl, const char *en)
{
	char path[128];
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!is(v)) {
		kri_doc_problem(r, kri_doc_path(path, sizeof path, base, key), "%s", "%s",
		                kr_tr(r->lang, nl, en));
		return NULL;
	}
	return v;
}

static int is_object(const json_t *v)
{
	return json_is_object(v);
}

static int is_array(const json_t *v)
{
	return json_is_array(v);
}

json_t *kri_doc_object(struct kri_doc *r, const char *base, json_t *o, const char *key)
{
	return of_kind(r, base, o, key, is_object, "hier hoort een object ({...})",
	               "expected an object");
}

json_t *kri_doc_list(struct kri_doc *r, const char *base, json_t *o, const char *key)
{
	return of_kind(r, base, o, key, is_array, "hier hoort een lijst ([...])",
	               "expected a list");
}

bool kri_doc_valid_id(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}
