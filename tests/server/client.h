/*
 * client.h - what the server tests share: a small HTTP/1.1 client over
 * plain sockets (no curl), starting and stopping `kring serve` on a free
 * 127.0.0.1 port against a fresh database, running `kring` commands, and
 * the check() bookkeeping every test program prints.
 *
 * Every request opens its own connection unless a struct tc_conn is kept;
 * answers are read by Content-Length or chunked framing, or to the close.
 */
#ifndef KRING_TESTS_CLIENT_H
#define KRING_TESTS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

/* ---- checks -------------------------------------------------------------- */

extern int tc_pass, tc_fail;

/* Records one check: prints "ok   what" or "FAIL what" (with the printf-style
 * reason) and counts it.  Returns cond. */
bool tc_check(bool cond, const char *what, ...) __attribute__((format(printf, 2, 3)));

/* Prints the summary line "<name>: N passed, N failed" and returns the exit
 * status (0 when nothing failed). */
int tc_done(const char *name);

/* ---- the server ------------------------------------------------------------ */

struct tc_server {
	pid_t pid;
	int port;
	char dir[256];      /* the temporary folder (database, log) */
	char db[300];
	char log[300];
	const char *kring;  /* path of the kring binary */
};

/* Makes a temporary folder with an empty database (kring init). */
bool tc_setup(struct tc_server *s, const char *kring);

/* Starts `kring --db DB serve --listen 127.0.0.1:0 --web WEB [extra...]` (extra:
 * NULL-terminated, may be NULL) with stderr to the log, and waits for it to
 * listen.  Returns false when it does not come up in 10 s. */
bool tc_start(struct tc_server *s, const char *web, const char *const *extra);

/* Stops it with SIGTERM and returns its exit status (-1 when it did not
 * exit in 15 s; it is then killed). */
int tc_stop(struct tc_server *s);

/* Removes the temporary folder. */
void tc_cleanup(struct tc_server *s);

/* Runs `kring --db DB args...` (NULL-terminated) with stdin_text (may be NULL)
 * on standard input, output to /dev/null.  Returns the exit status. */
int tc_kring(struct tc_server *s, const char *stdin_text, ...) __attribute__((sentinel));

/* ---- HTTP --------------------------------------------------------------------- */

struct tc_resp {
	int status;
	char *head;         /* the status line and headers, NUL-terminated */
	char *body;         /* NUL-terminated */
	size_t len;
	bool closed;        /* the server closed the connection after the answer */
};

/* One request on a new connection: method, path, extra header lines (each
 * ending in "\r\n"; may be NULL) and a body (may be NULL).  Content-Length is
 * added for a body.  Returns false when no answer could be read. */
bool tc_request(int port, const char *method, const char *path, const char *headers,
                const char *body, size_t len, struct tc_resp *out);

/* Sends raw bytes on a new connection and reads one answer; out->closed
 * says whether the server closed the connection within a second after it. */
bool tc_raw(int port, const char *bytes, size_t len, struct tc_resp *out);

/* Frees the answer's strings. */
void tc_resp_free(struct tc_resp *r);

/* The value of header name in r (case-insensitive) into buf; false when
 * missing. */
bool tc_header(const struct tc_resp *r, const char *name, char *buf, size_t n);

/* The body as JSON (new reference) or NULL. */
json_t *tc_json(const struct tc_resp *r);

/* A logged-in client: its cookie header line and CSRF token. */
struct tc_session {
	char cookie[128];   /* "Cookie: kring_session=...\r\n" */
	char csrf[64];
};

/* Logs user in with password; false when the login is refused. */
bool tc_login(int port, const char *user, const char *password, struct tc_session *s);

/* A request as session s (NULL: anonymous), with the CSRF header on
 * state-changing methods, Content-Type: application/json for a body, and
 * extra header lines (may be NULL). */
bool tc_call(int port, const struct tc_session *s, const char *method, const char *path,
             const char *extra, const char *body, struct tc_resp *out);

/* Reads a whole file into a malloc'd NUL-terminated string (NULL on error). */
char *tc_slurp(const char *path, size_t *len);

#endif
