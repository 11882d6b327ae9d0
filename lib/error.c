/*
 * error.c - the error record of error.h: a status, a message, and a capped
 * list of "path: message" details collected during validation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/error.h"

void kr_error_init(struct kr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

void kr_error_cleanup(struct kr_error *err)
{
	if (!err)
		return;
	for (size_t i = 0; i < err->ndetails; i++)
		free(err->details[i]);
	free(err->details);
	memset(err, 0, sizeof *err);
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

void kr_error_detail(struct kr_error *err, const char *path, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	char *line = NULL;
	char **grown;
	int n;

	if (!err)
		return;
	if (err->ndetails >= KR_ERROR_MAX_DETAILS)
		goto dropped;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
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
