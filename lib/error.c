/*
 * error.c - the error record of error.h: a status, a message, and a capped
 * list of "path: message" details collected during validation; and the
 * words for an operating-system error (errno) in the message's language,
 * so a Dutch message never ends in the C library's English.
 */
#include <errno.h>
#include <stdbool.h>
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

void kr_error_add(struct kr_error *err, const char *path, const char *nl, const char *en, ...)
{
	va_list ap;
	if (!err)
		return;
	va_start(ap, en);
	detail_v(err, path, err->lang == KR_LANG_EN ? en : nl, ap);
	va_end(ap);
}

/* jansson's descriptions of a syntax error and how to say them in Dutch.
 * An English text ending in a space is followed by a value ("byte 0xe9"):
 * the value is kept, between nl and after.  The others match whole. */
static const struct {
	const char *en, *nl, *after;
} json_nl[] = {
	{ "'[' or '{' expected", "hier hoort '[' of '{' te staan", "" },
	{ "string or '}' expected", "hier hoort een naam tussen aanhalingstekens of '}' te staan",
	  "" },
	{ "'}' expected", "hier hoort een komma of '}' te staan", "" },
	{ "']' expected", "hier hoort een komma of ']' te staan", "" },
	{ "':' expected", "hier hoort een dubbele punt (':') te staan", "" },
	{ "end of file expected", "na het einde van de JSON staat nog iets; haal dat weg", "" },
	{ "premature end of input", "de JSON houdt te vroeg op; er ontbreekt een stuk aan het "
	  "einde", "" },
	{ "unexpected token", "hier hoort een waarde te staan", "" },
	{ "invalid token", "dit kent JSON niet; zet tekst tussen dubbele aanhalingstekens", "" },
	{ "duplicate object key", "deze naam staat twee keer in hetzelfde object; haal er één "
	  "weg", "" },
	{ "maximum parsing depth reached", "er zitten te veel lijsten en objecten in elkaar", "" },
	{ "invalid escape", "na een '\\' volgt een teken dat JSON niet kent", "" },
	{ "invalid Unicode escape ", "ongeldige \\u-code ", "" },
	{ "invalid Unicode ", "ongeldig Unicode-teken ", "" },
	{ "control character ", "stuurteken ", " in een tekst; schrijf het als \\u-code" },
	{ "unable to decode byte ", "byte ", " is geen UTF-8; bewaar de tekst als UTF-8" },
	{ "too big negative integer", "dit negatieve getal is te groot", "" },
	{ "too big integer", "dit getal is te groot", "" },
	{ "real number overflow", "dit getal is te groot", "" },
	{ "NUL byte in object key not supported", "een naam bevat het teken \\u0000; haal het "
	  "weg", "" },
	{ "\\u0000 is not allowed without JSON_ALLOW_NUL", "\\u0000 mag niet in een tekst; haal "
	  "het weg", "" },
};

/* text (jansson's English) said in Dutch into buf. */
static const char *json_text_nl(const char *text, char *buf, size_t size)
{
	const char *near = strstr(text, " near ");
	size_t base = near ? (size_t)(near - text) : strlen(text);
	const char *nl = "de JSON klopt hier niet", *after = "";
	int restlen = 0;
	const char *rest = "";

	for (size_t i = 0; i < sizeof json_nl / sizeof json_nl[0]; i++) {
		size_t n = strlen(json_nl[i].en);
		bool open = json_nl[i].en[n - 1] == ' ';
		if (open ? (base > n && strncmp(text, json_nl[i].en, n) == 0)
		         : (base == n && strncmp(text, json_nl[i].en, n) == 0)) {
			nl = json_nl[i].nl;
			after = json_nl[i].after;
			if (open) {
				rest = text + n;
				restlen = (int)(base - n);
			}
			break;
		}
	}
	if (near && strncmp(near, " near '", 7) == 0)
		snprintf(buf, size, "%s%.*s%s (bij %s)", nl, restlen, rest, after, near + 6);
	else if (near && strcmp(near, " near end of file") == 0)
		snprintf(buf, size, "%s%.*s%s (aan het einde)", nl, restlen, rest, after);
	else
		snprintf(buf, size, "%s%.*s%s", nl, restlen, rest, after);
	return buf;
}

void kr_error_add_json(struct kr_error *err, const char *path, int line, int column,
                       const char *text)
{
	char nl[400];

	if (!err)
		return;
	if (!text)
		text = "";
	kr_error_add(err, path, "regel %d, kolom %d: %s", "line %d, column %d: %s", line, column,
	             err->lang == KR_LANG_EN ? text : json_text_nl(text, nl, sizeof nl));
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

const char *kr_errno_text(int e, enum kr_lang lang)
{
	static _Thread_local char buf[48];

	if (lang == KR_LANG_EN)
		return strerror(e);
	switch (e) {
	case ENOENT: return "het bestand of de map bestaat niet";
	case EACCES: case EPERM: return "je hebt geen toegang tot het bestand";
	case EISDIR: return "dit is een map, geen bestand";
	case ENOTDIR: return "een deel van het pad is geen map";
	case EEXIST: return "het bestand bestaat al";
	case ENOSPC: return "de schijf is vol";
#ifdef EDQUOT
	case EDQUOT: return "de schijfruimte (quota) is op";
#endif
	case EROFS: return "het bestandssysteem is alleen-lezen";
	case EIO: return "de schijf gaf een lees- of schrijffout";
	case EXDEV: return "het ligt op een ander bestandssysteem";
	case ENAMETOOLONG: return "de naam is te lang";
	case EMFILE: case ENFILE: return "er staan te veel bestanden open";
	case ENOMEM: return "het geheugen is vol";
	case EBUSY: return "het bestand is in gebruik";
	case ETXTBSY: return "het bestand is in gebruik";
	case ELOOP: return "het pad is een symbolische koppeling";
	case EINVAL: return "ongeldig argument";
	case EFBIG: return "het bestand wordt te groot";
	default: break;
	}
	snprintf(buf, sizeof buf, "systeemfout %d", e);
	return buf;
}

const char *kr_error_errno(const struct kr_error *err, int e)
{
	return kr_errno_text(e, err ? err->lang : kr_config_get()->lang);
}
