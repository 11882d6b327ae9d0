/*
 * error.c - the error record of error.h: a status, a message, and a capped
 * list of "path: message" details collected during validation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/error.h"
#include "kring/init.h"

void kr_error_init(struct kr_error *err)
{
	kr_error_init_lang(err, kr_config_get()->lang);
}

void kr_error_init_lang(struct kr_error *err, enum kr_lang lang)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->lang = lang;
}

void kr_error_cleanup(struct kr_error *err)
{
	enum kr_lang lang;
	if (!err)
		return;
	lang = err->lang;
	for (size_t i = 0; i < err->ndetails; i++)
		free(err->details[i]);
	free(err->details);
	memset(err, 0, sizeof *err);
	err->lang = lang;
}

enum kr_status kr_error_say(struct kr_error *err, enum kr_status code, const char *nl,
                            const char *en, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, en);
		vsnprintf(err->message, sizeof err->message, err->lang == KR_LANG_EN ? en : nl, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

enum kr_status kr_error_set(struct kr_error *err, enum kr_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

static void detail_v(struct kr_error *err, const char *path, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void detail_v(struct kr_error *err, const char *path, const char *fmt, va_list ap)
{
	char msg[768];
	char *line = NULL;
	char **grown;
	int n;

	if (err->ndetails >= KR_ERROR_MAX_DETAILS)
		goto dropped;
	vsnprintf(msg, sizeof msg, fmt, ap);
	n = snprintf(NULL, 0, "%s%s%s", path ? path : "", path && *path ? ": " : "", msg);
	line = malloc((size_t)n + 1);
	if (!line)
		goto dropped;
	snprintf(line, (size_t)n + 1, "%s%s%s", path ? path : "", path && *path ? ": " : "", msg);
	grown = realloc(err->details, (err->ndetails + 1) * sizeof *grown);
	if (!grown)
		goto dropped;
	err->details = grown;
	err->details[err->ndetails++] = line;
	return;
dropped:
	free(line);
	err->ndropped++;
}

void kr_error_detail(struct kr_error *err, const char *path, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return;
	va_start(ap, fmt);
	detail_v(err, path, fmt, ap);
	va_end(ap);
}

void kr_error_add(struct kr_error *err, const char *path, const char *nl, const char *en, ...)
{
	va_list ap;
	if (!err)
		return;
	va_start(ap, en);
	detail_v(err, path, err->lang == KR_LANG_EN ? en : nl, ap);
	va_end(ap);
}

const char *kr_status_name(enum kr_status code)
{
	switch (code) {
	case KR_OK: return "ok";
	case KR_EINVAL: return "invalid data";
	case KR_EUSAGE: return "wrong usage";
	case KR_ENOTFOUND: return "not found";
	case KR_ECONFLICT: return "conflict";
	case KR_ETOOBIG: return "too large";
	case KR_EIO: return "input/output error";
	case KR_EDB: return "database error";
	case KR_ENOMEM: return "out of memory";
	case KR_EPERM: return "not allowed";
	}
	return "error";
}

const char *kr_status_label(enum kr_status code, enum kr_lang lang)
{
	if (lang == KR_LANG_EN)
		return kr_status_name(code);
	switch (code) {
	case KR_OK: return "gelukt";
	case KR_EINVAL: return "ongeldige gegevens";
	case KR_EUSAGE: return "verkeerd gebruik";
	case KR_ENOTFOUND: return "niet gevonden";
	case KR_ECONFLICT: return "tegelijk gewijzigd";
	case KR_ETOOBIG: return "te groot";
	case KR_EIO: return "lees- of schrijffout";
	case KR_EDB: return "databasefout";
	case KR_ENOMEM: return "geheugen vol";
	case KR_EPERM: return "niet toegestaan";
	}
	return "fout";
}
