/*
 * client.c - the HTTP client and server control of client.h for the tests
 * of `kring serve`: sockets, fork/exec, and a little HTTP/1.1 parsing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

int tc_pass, tc_fail;

bool tc_check(bool cond, const char *what, ...)
{
	va_list ap;
	va_start(ap, what);
	printf("%s ", cond ? "ok  " : "FAIL");
	vprintf(what, ap);
	putchar('\n');
	fflush(stdout);
	va_end(ap);
	if (cond)
		tc_pass++;
	else
		tc_fail++;
	return cond;
}

int tc_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, tc_pass, tc_fail);
	return tc_fail ? 1 : 0;
}

char *tc_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *g = realloc(buf, cap = cap ? cap * 2 : 8192);
			if (!g) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = g;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got < 4096)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* ---- server control ---------------------------------------------------------- */

static int run(const char *const *argv, const char *stdin_text, const char *out_path)
{
	int in[2];
	pid_t pid;
	int st;

	if (pipe(in))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(in[0], 0);
		close(in[0]);
		close(in[1]);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	if (stdin_text)
		(void)!write(in[1], stdin_text, strlen(stdin_text));
	close(in[1]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int tc_kring(struct tc_server *s, const char *stdin_text, ...)
{
	const char *argv[32];
	va_list ap;
	int n = 0;
	const char *a;

	argv[n++] = s->kring;
	argv[n++] = "--db";
	argv[n++] = s->db;
	va_start(ap, stdin_text);
	while ((a = va_arg(ap, const char *)) && n < 31)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return run(argv, stdin_text, NULL);
}

bool tc_setup(struct tc_server *s, const char *kring)
{
	char tmpl[] = "/tmp/kring-srv.XXXXXX";
	memset(s, 0, sizeof *s);
	if (!mkdtemp(tmpl))
		return false;
	snprintf(s->dir, sizeof s->dir, "%s", tmpl);
	snprintf(s->db, sizeof s->db, "%s/kring.db", s->dir);
	snprintf(s->log, sizeof s->log, "%s/server.log", s->dir);
	s->kring = kring;
	return tc_kring(s, NULL, "init", NULL) == 0;
}

bool tc_start(struct tc_server *s, const char *web, const char *const *extra)
{
	const char *argv[40];
	int n = 0;
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	argv[n++] = s->kring;
	argv[n++] = "--db";
	argv[n++] = s->db;
	argv[n++] = "serve";
	argv[n++] = "--listen";
	argv[n++] = "127.0.0.1:0";
	argv[n++] = "--web";
	argv[n++] = web;
	for (int i = 0; extra && extra[i] && n < 38; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	unlink(s->log);
	s->port = 0;
	s->pid = fork();
	if (s->pid < 0)
		return false;
	if (s->pid == 0) {
		int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0)
			dup2(nul, 0);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	for (int i = 0; i < 500; i++) {
		char *log = tc_slurp(s->log, NULL), *p;
		int st;
		if (log && (p = strstr(log, "listening on http")) && (p = strstr(p, "127.0.0.1:"))) {
			s->port = atoi(p + 10);
			free(log);
			return s->port > 0;
		}
		free(log);
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			s->pid = 0;
			return false;
		}
		nanosleep(&pause, NULL);
	}
	return false;
}

int tc_stop(struct tc_server *s)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int st;

	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	for (int i = 0; i < 750; i++) {
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			s->pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		nanosleep(&pause, NULL);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &st, 0);
	s->pid = 0;
	return -1;
}

void tc_cleanup(struct tc_server *s)
{
	char cmd[400];
	if (s->pid > 0)
		tc_stop(s);
	if (s->dir[0] && strncmp(s->dir, "/tmp/kring-srv.", 15) == 0 && !getenv("KEEP_TMP")) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
		(void)!system(cmd);
	}
}

/* ---- HTTP ----------------------------------------------------------------------- */

static int connect_to(int port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

struct rbuf {
	char *d;
	size_t n, cap;
};

/* Reads more bytes (waiting at most ms); returns bytes read, 0 at EOF, -1 on
 * timeout or error. */
static ssize_t fill(int fd, struct rbuf *b, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };
	ssize_t k;
	if (b->n + 65536 + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 131072;
		char *g = realloc(b->d, cap);
		if (!g)
			return -1;
		b->d = g;
		b->cap = cap;
	}
	if (poll(&p, 1, ms) <= 0)
		return -1;
	k = recv(fd, b->d + b->n, 65536, 0);
	if (k > 0)
		b->n += (size_t)k;
	return k;
}

static bool read_answer(int fd, struct tc_resp *out, bool want_close)
{
	struct rbuf b = { NULL, 0, 0 };
	char *end = NULL, *cl, *te;
	size_t hlen, need;
	bool chunked = false, ok = false;

	memset(out, 0, sizeof *out);
	for (;;) {
		ssize_t k;
		if (b.n) {
			b.d[b.n] = '\0';
			if ((end = strstr(b.d, "\r\n\r\n")))
				break;
		}
		if ((k = fill(fd, &b, 30000)) <= 0)
			goto out;
	}
	hlen = (size_t)(end - b.d) + 4;
	out->head = strndup(b.d, hlen - 2);
	if (!out->head || sscanf(b.d, "HTTP/1.%*d %d", &out->status) != 1)
		goto out;
	{
		char v[64];
		if (tc_header(out, "Content-Length", v, sizeof v)) {
			cl = v;
			need = (size_t)strtoull(cl, NULL, 10);
			while (b.n < hlen + need)
				if (fill(fd, &b, 30000) <= 0)
					goto out;
			out->body = strndup(b.d + hlen, need);
			out->len = need;
		} else if (tc_header(out, "Transfer-Encoding", v, sizeof v)) {
			te = v;
			chunked = strcasecmp(te, "chunked") == 0;
			(void)chunked;
			/* chunked: read to the terminating 0 chunk */
			for (;;) {
				size_t pos = hlen, total = 0;
				bool complete = false;
				char *body = malloc(b.n + 1);
				if (!body)
					goto out;
				while (pos < b.n) {
					char *nl = strstr(b.d + pos, "\r\n");
					size_t sz;
					if (!nl)
						break;
					sz = (size_t)strtoul(b.d + pos, NULL, 16);
					if (sz == 0) {
						complete = true;
						break;
					}
					pos = (size_t)(nl - b.d) + 2;
					if (pos + sz + 2 > b.n)
						break;
					memcpy(body + total, b.d + pos, sz);
					total += sz;
					pos += sz + 2;
				}
				if (complete) {
					body[total] = '\0';
					out->body = body;
					out->len = total;
					break;
				}
				free(body);
				if (fill(fd, &b, 30000) <= 0)
					goto out;
			}
		} else {
			/* no length: to the close (or nothing for 204/304) */
			if (out->status != 204 && out->status != 304)
				while (fill(fd, &b, 2000) > 0)
					;
			out->body = strndup(b.d + hlen, b.n - hlen);
			out->len = b.n - hlen;
		}
	}
	ok = out->body != NULL;
	if (ok && want_close) {
		/* does the server close it? */
		struct rbuf x = { NULL, 0, 0 };
		ssize_t k = fill(fd, &x, 1000);
		out->closed = k == 0 || (k < 0 && errno == ECONNRESET);
		free(x.d);
	}
out:
	free(b.d);
	return ok;
}

bool tc_raw(int port, const char *bytes, size_t len, struct tc_resp *out)
{
	int fd = connect_to(port);
	bool ok;
	memset(out, 0, sizeof *out);
	if (fd < 0)
		return false;
	ok = send_all(fd, bytes, len) && read_answer(fd, out, true);
	close(fd);
	return ok;
}

bool tc_request(int port, const char *method, const char *path, const char *headers,
                const char *body, size_t len, struct tc_resp *out)
{
	char head[4096];
	int fd, n;
	bool ok;

	memset(out, 0, sizeof *out);
	n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s", method, path,
	             port, headers ? headers : "");
	if (body)
		n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %zu\r\n", len);
	n += snprintf(head + n, sizeof head - (size_t)n, "Connection: close\r\n\r\n");
	if (n >= (int)sizeof head)
		return false;
	if ((fd = connect_to(port)) < 0)
		return false;
	/* an early answer (413, 401) may come before the whole body was sent, so
	 * a failed send is not yet a failure */
	if (send_all(fd, head, (size_t)n) && body)
		send_all(fd, body, len);
	ok = read_answer(fd, out, false);
	close(fd);
	return ok;
}

void tc_resp_free(struct tc_resp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

bool tc_header(const struct tc_resp *r, const char *name, char *buf, size_t n)
{
	const char *p = r->head;
	size_t nl = strlen(name);
	if (!p)
		return false;
	while ((p = strstr(p, "\r\n"))) {
		p += 2;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1, *e;
			while (*v == ' ')
				v++;
			e = strstr(v, "\r\n");
			if (!e)
				e = v + strlen(v);
			snprintf(buf, n, "%.*s", (int)(e - v), v);
			return true;
		}
	}
	return false;
}

json_t *tc_json(const struct tc_resp *r)
{
	return r->body ? json_loadb(r->body, r->len, JSON_DECODE_ANY, NULL) : NULL;
}

bool tc_login(int port, const char *user, const char *password, struct tc_session *s)
{
	struct tc_resp r;
	char body[512], cookie[256], *semi;
	json_t *j;
	bool ok = false;

	memset(s, 0, sizeof *s);
	snprintf(body, sizeof body, "{\"user\":\"%s\",\"password\":\"%s\"}", user, password);
	if (!tc_request(port, "POST", "/api/session", "Content-Type: application/json\r\n", body,
	                strlen(body), &r))
		return false;
	if (r.status == 200 && tc_header(&r, "Set-Cookie", cookie, sizeof cookie) &&
	    (j = tc_json(&r))) {
		const char *csrf = json_string_value(json_object_get(j, "csrf"));
		if ((semi = strchr(cookie, ';')))
			*semi = '\0';
		snprintf(s->cookie, sizeof s->cookie, "Cookie: %s\r\n", cookie);
		snprintf(s->csrf, sizeof s->csrf, "%s", csrf ? csrf : "");
		ok = csrf != NULL;
		json_decref(j);
	}
	tc_resp_free(&r);
	return ok;
}

bool tc_call(int port, const struct tc_session *s, const char *method, const char *path,
             const char *extra, const char *body, struct tc_resp *out)
{
	char headers[2048];
	int n = 0;
	bool change = strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;

	headers[0] = '\0';
	if (s)
		n += snprintf(headers + n, sizeof headers - (size_t)n, "%s", s->cookie);
	if (s && change)
		n += snprintf(headers + n, sizeof headers - (size_t)n, "X-CSRF-Token: %s\r\n", s->csrf);
	if (body)
		n += snprintf(headers + n, sizeof headers - (size_t)n,
		              "Content-Type: application/json\r\n");
	if (extra)
		snprintf(headers + n, sizeof headers - (size_t)n, "%s", extra);
	return tc_request(port, method, path, headers, body, body ? strlen(body) : 0, out);
}
