/*
 * static.c - the browser UI's files (docs/api.md "Static files"): every
 * path outside /api is a file of the web folder (--web, default ./web);
 * "/" is index.html and "/s/" (the share-link page) share.html.
 *
 * Only files with an allow-listed extension are served, with a fixed
 * Content-Type; no directory listings; a path with "..", a backslash, an
 * empty or hidden segment ("/.git") is not found; symbolic links are not
 * followed at the last step (O_NOFOLLOW) and only regular files are sent.
 * Answers carry Cache-Control: no-cache (the files hold no personal data)
 * and an ETag of size and modification time, answered with 304.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"

#define PATH_MAX_WEB 512

static const struct { const char *ext, *type; } types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".woff2", "font/woff2" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return NULL;
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

/* True when every segment of path is a plain name. */
static bool safe_path(const char *path)
{
	const char *p = path;
	if (*p != '/' || strchr(path, '\\') || strlen(path) >= 256)
		return false;
	while (*p == '/') {
		p++;
		if (*p == '/' || *p == '.' || (*p == '\0' && p != path + 1))
			return false;
		while (*p && *p != '/') {
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				return false;
			p++;
		}
	}
	return *p == '\0';
}

static void missing(struct ks_req *r)
{
	r->is_static = true;
	ks_error(r, 404, "not_found", "Deze pagina bestaat niet.", "This page does not exist.");
}

void ks_static(struct ks_req *r, const char *path)
{
	char file[PATH_MAX_WEB], etag[64];
	const char *type, *inm;
	struct stat st;
	int fd;

	if (strcmp(path, "/") == 0)
		path = "/index.html";
	else if (strcmp(path, "/s/") == 0 || strcmp(path, "/s") == 0)
		path = "/share.html";
	if (!safe_path(path) || !(type = type_of(path)) ||
	    (size_t)snprintf(file, sizeof file, "%s%s", r->cfg->web_dir, path) >= sizeof file) {
		missing(r);
		return;
	}
	fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		missing(r);
		return;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		missing(r);
		return;
	}
	r->is_static = true;
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_size,
	         (unsigned long long)st.st_mtime);
	ks_header(r, "ETag", etag);
	inm = ks_req_header(r, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		close(fd);
		ks_reply_empty(r, 304);
		return;
	}
	r->out_fd = fd;
	r->fd_size = (size_t)st.st_size;
	r->ctype = type;
	r->status = 200;
}
