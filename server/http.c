/*
 * http.c - the libmicrohttpd glue of `kring serve`: the daemon (thread
 * pool, connection limit and timeout, optional TLS), the per-request state
 * machine, the defences that come before any handler, the security headers
 * on every answer, one log line per request, the per-thread database
 * connections and the clean shutdown.
 *
 * Defences, in the order they run when the headers are in (docs/api.md):
 *  1. request smuggling: Transfer-Encoding together with Content-Length, two
 *     Content-Lengths, or a Transfer-Encoding other than "chunked" get 400
 *     and the connection is closed (libmicrohttpd 0.9.75 accepts them);
 *  2. the route (404, 405 with Allow) and its allow-listed query parameters;
 *  3. who is calling (401, or 403 for a share-link holder outside
 *     /api/share), Origin / Sec-Fetch-Site and the CSRF token on every
 *     state-changing request (403), the access decision of the library
 *     (kr_access_decide: 404 for a case the caller may not see, 403 for a
 *     role that may not), If-Match on writes (428);
 *  4. the body: only application/json (415), the announced length against
 *     the route's limit (413), then counted while it is read (413).
 * An answer given before the body is read closes the connection, so an
 * unread body can never be taken for the next request.
 *
 * Availability (docs/deploy.md says which limits live here and which in
 * the proxy in front): at most --max-per-address connections from one
 * address, --max-connections in all; a watchdog thread cuts a connection
 * whose request has not brought its headers within --header-deadline
 * seconds, or its headers and body within --request-deadline, counted from
 * the start of the request and not reset by each byte that trickles in
 * (slowloris), and one whose answer has not been sent within
 * SEND_DEADLINE_S of being queued (a client reading a large answer a byte
 * at a time); the listening port is never shared (no SO_REUSEPORT), so a
 * second server on a taken port refuses to start; "%00" in a path or
 * parameter is never decoded into a NUL that would cut the text short.
 *
 * Threads: libmicrohttpd runs a pool of --threads threads, each with its own
 * epoll set; every connection stays on one thread, and every thread opens
 * its own struct kr_store on first use (SQLite in WAL mode serves readers in
 * parallel; writers queue on the database lock with the store's busy
 * timeout).  Shutdown (SIGTERM, SIGINT): stop accepting (quiesce), wait
 * until the requests in flight have been answered (at most 10 s), stop the
 * daemon, flush the audit queue, close every store.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "kring/audit.h"
#include "kring/date.h"
#include "kring/init.h"
#include "server.h"

#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
#define SVG_CSP "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
/* A body past its limit is read and dropped up to this much more, so a
 * client that ignores the 413 still gets it; beyond, the connection is cut. */
#define DISCARD_MAX (16u * 1024u * 1024u)

static struct {
	const struct ks_config *cfg;
	struct MHD_Daemon *d;
	atomic_int in_flight;
	atomic_bool stopping;
	bool started;                  /* was listening */
	pthread_mutex_t lock;          /* guards stores */
	struct kr_store **stores;
	size_t nstores, capstores;
} srv = { .lock = PTHREAD_MUTEX_INITIALIZER };

static _Thread_local struct kr_store *tls_store;

/* Per-request state beyond struct ks_req. */
struct conn_state {
	struct ks_req r;
	struct timespec t0;
	size_t limit;              /* body limit of the route */
	size_t seen;               /* body bytes received */
	bool too_big;
	bool replied;              /* a reply was queued */
	bool deferred;             /* a reply is ready, to be queued at the next call */
	bool counted;              /* in srv.in_flight */
	bool is_head;
	bool held;                 /* suspended until its audit rows are written */
	const char *pattern;       /* for the log */
	const char *method_name;
};

/* ---- the per-thread store ------------------------------------------------ */

struct kr_store *ks_store(struct ks_req *r)
{
	struct kr_error err;
	struct kr_store *s = NULL;

	if (tls_store)
		return tls_store;
	kr_error_init(&err);
	if (kr_store_open(srv.cfg->db_path, &s, &err)) {
		fprintf(stderr, "kring serve: cannot open the database: %s\n", err.message);
		kr_error_cleanup(&err);
		if (r)
			ks_error(r, 503, "unavailable", "De database is niet bereikbaar.",
			         "The database is not available.");
		return NULL;
	}
	/* Checkpoints of the write-ahead log run in the audit writer, outside
	 * the write lock, not in the commit of a request (audit_queue.c). */
	kr_store_autocheckpoint(s, false);
	pthread_mutex_lock(&srv.lock);
	if (srv.nstores == srv.capstores) {
		size_t cap = srv.capstores ? srv.capstores * 2 : 16;
		struct kr_store **grown = realloc(srv.stores, cap * sizeof *grown);
		if (!grown) {
			pthread_mutex_unlock(&srv.lock);
			kr_store_close(s);
			if (r)
				ks_error(r, 503, "unavailable", "De server heeft geen geheugen meer.",
				         "The server is out of memory.");
			return NULL;
		}
		srv.stores = grown;
		srv.capstores = cap;
	}
	srv.stores[srv.nstores++] = s;
	pthread_mutex_unlock(&srv.lock);
	tls_store = s;
	return s;
}

static void close_stores(void)
{
	pthread_mutex_lock(&srv.lock);
	for (size_t i = 0; i < srv.nstores; i++)
		kr_store_close(srv.stores[i]);
	free(srv.stores);
	srv.stores = NULL;
	srv.nstores = srv.capstores = 0;
	pthread_mutex_unlock(&srv.lock);
}

/* ---- small helpers --------------------------------------------------------- */

const char *ks_req_header(struct ks_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *ks_param(struct ks_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static int parse_method(const char *m, bool *head)
{
	*head = false;
	if (strcmp(m, "GET") == 0)
		return KS_GET;
	if (strcmp(m, "HEAD") == 0) {
		*head = true;
		return KS_GET;
	}
	if (strcmp(m, "POST") == 0)
		return KS_POST;
	if (strcmp(m, "PUT") == 0)
		return KS_PUT;
	if (strcmp(m, "PATCH") == 0)
		return KS_PATCH;
	if (strcmp(m, "DELETE") == 0)
		return KS_DELETE;
	return 0;
}

static void allow_header(struct ks_req *r, unsigned allowed)
{
	static const struct { unsigned bit; const char *name; } m[] = {
		{ KS_GET, "GET, HEAD" }, { KS_POST, "POST" }, { KS_PUT, "PUT" },
		{ KS_PATCH, "PATCH" }, { KS_DELETE, "DELETE" },
	};
	char buf[64] = "";
	size_t n = 0;
	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		if (allowed & m[i].bit)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "",
			                      m[i].name);
	ks_header(r, "Allow", buf);
}

/* True when addr is one of the comma-separated addresses of list. */
static bool in_list(const char *list, const char *addr)
{
	size_t n = strlen(addr);
	const char *p = list;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		while (len && *p == ' ') {
			p++;
			len--;
		}
		while (len && p[len - 1] == ' ')
			len--;
		if (len == n && memcmp(p, addr, n) == 0)
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

/* The client address: the TCP peer, or X-Real-IP when the peer is one of
 * the proxies of --trust-proxy.  Returns whether the peer is such a proxy
 * (its X-Forwarded-Proto is then believed too). */
static bool client_address(struct ks_req *r)
{
	const union MHD_ConnectionInfo *ci;
	const char *fwd;
	unsigned char tmp[16];

	snprintf(r->addr, sizeof r->addr, "unknown");
	ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return false;
	if (ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)(const void *)ci->client_addr;
		inet_ntop(AF_INET, &a->sin_addr, r->addr, sizeof r->addr);
	} else if (ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *a =
			(const struct sockaddr_in6 *)(const void *)ci->client_addr;
		inet_ntop(AF_INET6, &a->sin6_addr, r->addr, sizeof r->addr);
	}
	if (!r->cfg->trust_proxy || !in_list(r->cfg->trust_proxy, r->addr))
		return false;
	fwd = ks_req_header(r, "X-Real-IP");
	if (fwd && strlen(fwd) < sizeof r->addr &&
	    (inet_pton(AF_INET, fwd, tmp) == 1 || inet_pton(AF_INET6, fwd, tmp) == 1))
		snprintf(r->addr, sizeof r->addr, "%s", fwd);
	return true;
}

/* ---- the watchdog: deadlines per request, not per byte ----------------- */

enum watch_phase { W_HEADERS, W_BODY, W_BUSY, W_SEND };

/* An answer must have been sent within this many seconds of being queued
 * (or its connection is cut), however slowly the client reads it:
 * libmicrohttpd's own timeout is reset by every byte the client takes.
 * Five minutes take the largest answer (a report workbook of some
 * megabytes) even over a slow line. */
#define SEND_DEADLINE_S 300

/* One connection, from libmicrohttpd's start notice to its close notice. */
struct watch {
	MHD_socket fd;
	time_t start;              /* kr_now() when the current request began */
	enum watch_phase phase;    /* W_BUSY: a handler runs (or waits for its audit row);
	                            * W_SEND: the answer is being sent, since start */
	bool cut;
	struct watch *prev, *next;
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	struct watch *head;
	pthread_t tid;
	bool running, quit;
} wd = { .mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	struct watch *w = *socket_context;
	(void)cls;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci || !(w = calloc(1, sizeof *w)))
			return;
		w->fd = ci->connect_fd;
		w->start = kr_now();
		w->phase = W_HEADERS;
		pthread_mutex_lock(&wd.mu);
		w->next = wd.head;
		if (wd.head)
			wd.head->prev = w;
		wd.head = w;
		pthread_mutex_unlock(&wd.mu);
		*socket_context = w;
		return;
	}
	if (!w)
		return;
	pthread_mutex_lock(&wd.mu);
	if (w->prev)
		w->prev->next = w->next;
	else
		wd.head = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&wd.mu);
	free(w);
	*socket_context = NULL;
}

/* Moves the connection of conn to phase (a new request starts its clock). */
static void watch_phase(struct MHD_Connection *conn, enum watch_phase phase, bool restart)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *w = ci ? ci->socket_context : NULL;

	if (!w)
		return;
	pthread_mutex_lock(&wd.mu);
	w->phase = phase;
	if (restart)
		w->start = kr_now();
	pthread_mutex_unlock(&wd.mu);
}

/* Every quarter second: cut the connections past their deadline.  The
 * socket is only shut down (libmicrohttpd owns it and closes it). */
static void *watchdog(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&wd.mu);
	while (!wd.quit) {
		struct timespec until;
		time_t now = kr_now();
		for (struct watch *w = wd.head; w; w = w->next) {
			long limit = w->phase == W_HEADERS ? srv.cfg->header_deadline_s
			             : w->phase == W_SEND ? SEND_DEADLINE_S
			                                  : srv.cfg->request_deadline_s;
			if (w->cut || w->phase == W_BUSY || limit <= 0 || now - w->start <= limit)
				continue;
			shutdown(w->fd, SHUT_RDWR);
			w->cut = true;
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&wd.wake, &wd.mu, &until);
	}
	pthread_mutex_unlock(&wd.mu);
	return NULL;
}

static void watchdog_stop(void)
{
	if (!wd.running)
		return;
	pthread_mutex_lock(&wd.mu);
	wd.quit = true;
	pthread_cond_signal(&wd.wake);
	pthread_mutex_unlock(&wd.mu);
	pthread_join(wd.tid, NULL);
	wd.running = false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* libmicrohttpd's unescaping of paths and parameters, except that "%00"
 * becomes DEL (0x7f), which no path or value accepts, instead of a NUL
 * that would end the text early ("/%00" was "/", the index page).  Returns
 * the new length. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *text)
{
	char *w = text;
	const char *p = text;
	(void)cls;
	(void)conn;

	while (*p) {
		int hi, lo;
		if (p[0] == '%' && p[1] && p[2] &&
		    (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
			int v = hi * 16 + lo;
			*w++ = (char)(v ? v : 0x7f);
			p += 3;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	return (size_t)(w - text);
}

/* The interface language: ?lang=, else the first of nl/en in
 * Accept-Language, else Dutch. */
static enum kr_lang pick_lang(struct ks_req *r)
{
	const char *q = ks_param(r, "lang"), *al;
	enum kr_lang l;

	if (q && kr_lang_parse(q, &l) == 0)
		return l;
	al = ks_req_header(r, "Accept-Language");
	while (al && *al) {
		while (*al == ' ' || *al == ',')
			al++;
		if (strncasecmp(al, "nl", 2) == 0 && (al[2] == '\0' || strchr("-;, ", al[2])))
			return KR_LANG_NL;
		if (strncasecmp(al, "en", 2) == 0 && (al[2] == '\0' || strchr("-;, ", al[2])))
			return KR_LANG_EN;
		al = strchr(al, ',');
	}
	return KR_LANG_NL;
}

/* ---- request smuggling ----------------------------------------------------- */

struct framing {
	int content_length;
	int transfer_encoding;
	bool te_chunked_only;
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	struct framing *f = cls;
	(void)kind;
	if (strcasecmp(key, "Content-Length") == 0) {
		f->content_length++;
	} else if (strcasecmp(key, "Transfer-Encoding") == 0) {
		f->transfer_encoding++;
		f->te_chunked_only = value && strcasecmp(value, "chunked") == 0;
	}
	return MHD_YES;
}

/* True when the framing of the request is ambiguous. */
static bool smuggling(struct MHD_Connection *conn)
{
	struct framing f = { 0, 0, false };
	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_framing, &f);
	if (f.content_length > 1 || f.transfer_encoding > 1)
		return true;
	if (f.transfer_encoding && (f.content_length || !f.te_chunked_only))
		return true;
	return false;
}

/* ---- query parameters ------------------------------------------------------- */

struct param_check {
	const char *allowed;
	bool bad;
};

static bool word_in(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p = list;
	if (!list || n == 0)
		return false;
	while ((p = strstr(p, w))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

static enum MHD_Result check_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	struct param_check *pc = cls;
	(void)kind;
	(void)value;
	if (!word_in(pc->allowed, key) && strcmp(key, "lang") != 0) {
		pc->bad = true;
		return MHD_NO;
	}
	return MHD_YES;
}

/* ---- origin checks ---------------------------------------------------------- */

/* True when Origin (if sent) is our own and Sec-Fetch-Site (if sent) says
 * the request comes from our own pages. */
static bool same_origin(struct ks_req *r)
{
	const char *origin = ks_req_header(r, "Origin");
	const char *site = ks_req_header(r, "Sec-Fetch-Site");
	const char *host = ks_req_header(r, "Host");

	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	if (origin) {
		const char *scheme = r->tls ? "https://" : "http://";
		size_t n = strlen(scheme);
		if (!host || strncmp(origin, scheme, n) != 0 || strcmp(origin + n, host) != 0)
			return false;
	}
	return true;
}

static bool csrf_ok(struct ks_req *r)
{
	const char *sent = ks_req_header(r, "X-CSRF-Token");
	char want[KR_AUTH_TOKEN_CHARS + 1];
	bool ok;

	if (!sent || strlen(sent) != KR_AUTH_TOKEN_CHARS)
		return false;
	if (r->route->who == KS_SHARE) {
		if (!r->has_share)
			return false;
		ks_csrf_token(r->share_token, "share", want);
	} else {
		if (!r->has_user)
			return false;
		ks_csrf_token(r->session, "session", want);
	}
	ok = sodium_memcmp(sent, want, KR_AUTH_TOKEN_CHARS) == 0;
	sodium_memzero(want, sizeof want);
	return ok;
}

static void csrf_refuse(struct ks_req *r)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:[]}", "error", "csrf", "code", "csrf",
	                      "message", kr_tr(r->lang,
	                      "Het verzoek mist een geldige beveiligingscode (X-CSRF-Token). "
	                      "Laad de pagina opnieuw.",
	                      "The request lacks a valid security token (X-CSRF-Token). "
	                      "Reload the page."), "details");
	ks_reply_json(r, 403, j);
}

/* ---- access ------------------------------------------------------------------ */

const char *ks_case_ref(struct ks_req *r)
{
	const char *ref;

	if (!r->route)
		return NULL;
	if (strstr(r->route->pattern, "{ref}"))
		return r->args[0];   /* every pattern with {ref} has it first */
	ref = word_in(r->route->params, "ref") ? ks_param(r, "ref") : NULL;
	return ref && *ref ? ref : NULL;
}

/* The access decision of the route: the library's verdict, answered as it
 * is (403 for the role, 404 for a case outside the caller's scope or
 * missing).  A refusal about a case is audited (F) with the library's
 * reason.  Replies and returns false when refused. */
static bool access_ok(struct ks_req *r)
{
	const char *ref = ks_case_ref(r), *reason = "";
	int access = r->route->access & 0xff, whole = r->route->access >> 8;
	char detail[KR_AUDIT_DETAIL_MAX + 1];
	enum kr_access_action act;
	enum kr_access_verdict v;

	if (!ref && whole)
		access = whole;
	if (access == KS_ACCESS_NONE || r->route->who != KS_USER)
		return true;
	act = (enum kr_access_action)(access - 1);
	v = kr_access_decide(r->store, &r->user, ref, act, &reason);
	if (v == KR_ACCESS_ALLOWED)
		return true;
	if (kr_access_on_case(act)) {
		snprintf(detail, sizeof detail, "%s: %s", r->route->audit ? r->route->audit
		         : "access refused", reason);
		ks_audit(r, KR_AUDIT_FAILED, ref, detail);
	}
	if (v == KR_ACCESS_FORBIDDEN)
		ks_error(r, 403, "forbidden", "Dat mag je niet met je rol.",
		         "Your role does not allow this.");
	else
		ks_error(r, 404, "not_found", "Dit dossier bestaat niet of je hebt er geen toegang "
		         "toe.", "This case does not exist or you have no access to it.");
	return false;
}

/* ---- write rate limits ---------------------------------------------------------- */

/*
 * Writes are limited per user and per share link (a token bucket each, by
 * the request clock, in this process's memory): a share-link holder may
 * make SHARE_BURST changes at once and SHARE_PER_HOUR an hour after that,
 * a user USER_BURST at once and --user-writes (USER_PER_S) a second.  Past it: 429 with
 * Retry-After.  Together with the size of a wish (api_share.c) this bounds
 * what one link can add to the database: about 10 x 8 KB an hour.
 */
#define SHARE_BURST 10
#define SHARE_PER_HOUR 10
#define USER_BURST 300
#define USER_PER_S 5
#define RL_SLOTS 4096
#define RL_PROBE 8

struct rl_slot {
	char key[40];
	double tokens;
	time_t at;
};

static struct {
	pthread_mutex_t mu;
	struct rl_slot v[RL_SLOTS];
} rl = { .mu = PTHREAD_MUTEX_INITIALIZER };

/* Takes one token of key's bucket at time now.  Returns 0, or the seconds
 * to wait when the bucket is empty. */
static long rl_take(const char *key, double burst, double per_s, time_t now)
{
	uint32_t h = 2166136261u;
	struct rl_slot *sl = NULL, *oldest = NULL;
	long wait = 0;

	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	pthread_mutex_lock(&rl.mu);
	for (int i = 0; i < RL_PROBE; i++) {
		struct rl_slot *c = &rl.v[(h + (uint32_t)i) % RL_SLOTS];
		if (strcmp(c->key, key) == 0) {
			sl = c;
			break;
		}
		if (!oldest || c->at < oldest->at)
			oldest = c;
	}
	if (!sl) {
		/* a new key, or one forgotten: starts full (the oldest of its
		 * probes makes room; a bucket left alone that long is full anyway) */
		sl = oldest;
		snprintf(sl->key, sizeof sl->key, "%s", key);
		sl->tokens = burst;
		sl->at = now;
	}
	if (now > sl->at) {
		sl->tokens += (double)(now - sl->at) * per_s;
		if (sl->tokens > burst)
			sl->tokens = burst;
		sl->at = now;
	}
	if (sl->tokens >= 1.0)
		sl->tokens -= 1.0;
	else
		wait = (long)((1.0 - sl->tokens) / per_s) + 1;
	pthread_mutex_unlock(&rl.mu);
	return wait;
}

/* The write limit of the caller of r.  Replies 429 and returns false when
 * it is spent. */
static bool rate_ok(struct ks_req *r)
{
	char key[40], retry[24];
	long wait;

	if (r->method == KS_GET || r->route->who == KS_PUBLIC || r->route->who == KS_LOGIN)
		return true;
	if (r->has_share) {
		snprintf(key, sizeof key, "s:%lld", r->share.id);
		wait = rl_take(key, SHARE_BURST, SHARE_PER_HOUR / 3600.0, r->now);
	} else if (r->has_user) {
		snprintf(key, sizeof key, "u:%lld", (long long)r->user.id);
		/* the clock counts whole seconds: the bucket holds at least a
		 * second's worth */
		double per_s = srv.cfg->user_writes_per_s > 0 ? srv.cfg->user_writes_per_s : USER_PER_S;
		wait = rl_take(key, per_s > USER_BURST ? per_s : USER_BURST, per_s, r->now);
	} else {
		return true;
	}
	if (!wait)
		return true;
	snprintf(retry, sizeof retry, "%ld", wait);
	ks_header(r, "Retry-After", retry);
	ks_error(r, 429, "too_many_requests", "Je wijzigt te veel tegelijk. Wacht even en probeer "
	         "het dan opnieuw.", "Too many changes at once. Wait a moment and try again.");
	return false;
}

/* ---- replies ------------------------------------------------------------------ */

static void add_security_headers(struct MHD_Response *resp, const struct ks_req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy", r->svg_csp ? SVG_CSP : CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cache-Control", r->is_static ? "no-cache" : "no-store");
	if (r->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static void log_line(struct conn_state *cs)
{
	struct timespec t1;
	char when[21], line[256];
	double ms;
	int n;

	if (srv.cfg->quiet)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - cs->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - cs->t0.tv_nsec) / 1e6;
	kr_date_timestamp(cs->r.now, when);
	n = snprintf(line, sizeof line, "%s %s %s %d %.1fms\n", when,
	             cs->method_name ? cs->method_name : "-", cs->pattern ? cs->pattern : "-",
	             cs->r.status, ms);
	if (n > 0)
		(void)!write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static enum MHD_Result queue(struct conn_state *cs)
{
	struct ks_req *r = &cs->r;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (!r->status)
		ks_error(r, 500, "internal", "Er ging iets mis op de server.",
		         "Something went wrong on the server.");
	/* while stopping, every answer ends its connection, so keep-alive
	 * clients cannot hold the server open with new requests */
	if (atomic_load(&srv.stopping))
		r->close = true;
	if (r->out_fd >= 0) {
		resp = MHD_create_response_from_fd(r->fd_size, r->out_fd);
		if (resp)
			r->out_fd = -1;   /* the response closes it */
	} else if (r->out) {
		resp = MHD_create_response_from_buffer(r->outlen, r->out, MHD_RESPMEM_MUST_FREE);
		if (resp)
			r->out = NULL;
	} else {
		resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	add_security_headers(resp, r);
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	if (r->close)
		MHD_add_response_header(resp, "Connection", "close");
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	/* the answer's own clock: sent within SEND_DEADLINE_S (on_completed
	 * starts the next request's) */
	if (ret == MHD_YES)
		watch_phase(r->conn, W_SEND, true);
	log_line(cs);
	return ret;
}

/* ---- the audit trail before the answer ----------------------------------------------- */

static void suspend_conn(void *conn)
{
	MHD_suspend_connection(conn);
}

static void resume_conn(void *conn)
{
	MHD_resume_connection(conn);
}

/* The answer to a request whose audit row could not be kept: 503, and
 * nothing of what the handler made. */
static void audit_refuse(struct ks_req *r)
{
	free(r->out);
	r->out = NULL;
	r->outlen = 0;
	if (r->out_fd >= 0)
		close(r->out_fd);
	r->out_fd = -1;
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->nheaders = 0;
	r->is_static = r->svg_csp = false;
	ks_error(r, 503, "audit_unavailable",
	         "Dit verzoek kan nu niet in het logboek worden vastgelegd, en zonder dat geeft "
	         "kring niets uit een dossier. Probeer het over een paar minuten opnieuw; blijft "
	         "het mislukken, meld het dan aan je beheerder.",
	         "This request cannot be recorded in the audit trail right now, and without that "
	         "kring gives out nothing of a case. Try again in a few minutes; if it keeps "
	         "failing, tell your administrator.");
	ks_header(r, "Retry-After", "30");
}

/* Runs before an answer goes out (docs/security.md, "In the server"): a
 * refused state-changing request gets its audit row; an answer below 400
 * waits until its rows are written (true: the connection was suspended,
 * the writer resumes it) and becomes 503 when one could not be kept. */
static bool audit_hold(struct conn_state *cs)
{
	struct ks_req *r = &cs->r;
	enum ks_audit_state st;

	ks_audit_outcome(r);
	if (!r->status || r->status >= 400)
		return false;   /* a refusal gives nothing away: not held */
	st = ks_audit_wait(r, suspend_conn, resume_conn, r->conn);
	if (st == KS_AUDIT_PENDING) {
		cs->held = true;
		return true;
	}
	if (st == KS_AUDIT_FAILED)
		audit_refuse(r);
	return false;
}

/* ---- the state machine ------------------------------------------------------------ */

/* True when the request carries (or announces) a body. */
static bool has_body(struct ks_req *r, unsigned long long *len, bool *known)
{
	const char *cl = ks_req_header(r, "Content-Length");
	const char *te = ks_req_header(r, "Transfer-Encoding");
	*len = 0;
	*known = false;
	if (te)
		return true;
	if (cl) {
		char *end;
		errno = 0;
		*len = strtoull(cl, &end, 10);
		if (errno || end == cl || *end)
			*len = ULLONG_MAX;
		*known = true;
		return *len > 0;
	}
	return false;
}

static bool is_json_type(const char *ct)
{
	size_t n = strlen("application/json");
	if (!ct || strncasecmp(ct, "application/json", n) != 0)
		return false;
	ct += n;
	while (*ct == ' ')
		ct++;
	return *ct == '\0' || *ct == ';';
}

/* Everything that happens when the headers are in.  Returns true when a
 * reply was made (the request ends there). */
static bool first_call(struct conn_state *cs, const char *url, const char *method)
{
	struct ks_req *r = &cs->r;
	char (*args)[256] = r->args;
	unsigned allowed = 0;
	int m = parse_method(method, &cs->is_head);
	unsigned long long len;
	bool known;
	struct param_check pc;

	cs->method_name = method;
	cs->pattern = "-";
	if (smuggling(r->conn)) {
		r->close = true;
		ks_error(r, 400, "bad_request", "Het verzoek is ongeldig opgebouwd.",
		         "The request is malformed.");
		return true;
	}
	r->lang = pick_lang(r);
	if (!m) {
		ks_header(r, "Allow", "GET, HEAD, POST, PUT, PATCH, DELETE");
		ks_error(r, 405, "method_not_allowed", "Deze methode wordt niet ondersteund.",
		         "This method is not supported.");
		return true;
	}
	r->method = (enum ks_method)m;
	if (strncmp(url, "/api/", 5) != 0 && strcmp(url, "/api") != 0 &&
	    strcmp(url, "/healthz") != 0) {
		cs->pattern = "(static)";
		if (m != KS_GET) {
			ks_header(r, "Allow", "GET, HEAD");
			ks_error(r, 405, "method_not_allowed", "Deze methode is hier niet toegestaan.",
			         "This method is not allowed here.");
			return true;
		}
		if (has_body(r, &len, &known)) {
			r->close = true;
			ks_error(r, 413, "too_large", "Een verzoek hierheen heeft geen inhoud.",
			         "A request here takes no body.");
			return true;
		}
		ks_static(r, url);
		return true;
	}
	r->route = ks_route_find(r->method, url, args, &allowed);
	if (!r->route) {
		if (allowed) {
			allow_header(r, allowed);
			ks_error(r, 405, "method_not_allowed", "Deze methode is hier niet toegestaan.",
			         "This method is not allowed here.");
		} else {
			ks_error(r, 404, "not_found", "Dit adres bestaat niet.",
			         "There is nothing at this address.");
		}
		return true;
	}
	cs->pattern = r->route->pattern;
	pc.allowed = r->route->params;
	pc.bad = false;
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_param, &pc);
	if (pc.bad) {
		ks_error(r, 400, "bad_request", "Het adres bevat een onbekende parameter.",
		         "The address holds an unknown parameter.");
		return true;
	}
	if (r->route->who != KS_PUBLIC) {
		if (!(r->store = ks_store(r)))
			return true;
		ks_identify(r);
	}
	if (r->route->who == KS_USER && !r->has_user) {
		/* a refused access to a case is audited, even without a session */
		if (strncmp(r->route->pattern, "/api/cases/{ref}", 16) == 0)
			ks_audit(r, KR_AUDIT_FAILED, r->args[0], r->has_share
			         ? "refused: share link outside the plan" : "refused: not logged in");
		if (r->has_share)
			ks_error(r, 403, "forbidden", "Met een deellink kun je alleen het plan zien.",
			         "A share link opens only the plan.");
		else
			ks_error(r, 401, "unauthenticated", "Je bent niet (meer) ingelogd.",
			         "You are not logged in (any more).");
		return true;
	}
	if (r->route->who == KS_SHARE && !r->has_share) {
		ks_error(r, 401, "unauthenticated", "Open de deellink opnieuw.",
		         "Open the share link again.");
		return true;
	}
	if (m != KS_GET) {
		if (!same_origin(r)) {
			csrf_refuse(r);
			return true;
		}
		if (r->route->who != KS_LOGIN && r->route->who != KS_PUBLIC && !csrf_ok(r)) {
			csrf_refuse(r);
			return true;
		}
	}
	if (!access_ok(r))
		return true;
	if (!rate_ok(r))
		return true;
	if (r->route->access == KS_ACCESS(KR_ACCESS_WRITE) && !ks_req_header(r, "If-Match")) {
		ks_error(r, 428, "precondition_required",
		         "Stuur If-Match mee met de versie waarop de wijziging is gebaseerd.",
		         "Send If-Match with the revision the change is based on.");
		return true;
	}
	cs->limit = r->route->body == KS_BODY_CASE ? KS_CASE_BODY_MAX : KS_BODY_MAX;
	if (has_body(r, &len, &known)) {
		if (r->route->body == KS_BODY_NONE && m == KS_GET) {
			r->close = true;
			ks_error(r, 400, "bad_request", "Een GET-verzoek heeft geen inhoud.",
			         "A GET request takes no body.");
			return true;
		}
		if (!is_json_type(ks_req_header(r, "Content-Type"))) {
			r->close = true;
			ks_error(r, 415, "unsupported_media_type",
			         "Alleen JSON (application/json) wordt aangenomen.",
			         "Only JSON (application/json) is accepted.");
			return true;
		}
		if (known && len > cs->limit) {
			r->close = true;
			ks_error(r, 413, "too_large", "De inhoud van het verzoek is te groot.",
			         "The request body is too large.");
			return true;
		}
	}
	return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct conn_state *cs = *con_cls;
	struct ks_req *r;
	(void)cls;
	(void)version;

	if (!cs) {
		cs = calloc(1, sizeof *cs);
		if (!cs)
			return MHD_NO;
		*con_cls = cs;
		clock_gettime(CLOCK_MONOTONIC, &cs->t0);
		r = &cs->r;
		r->conn = conn;
		r->cfg = srv.cfg;
		r->out_fd = -1;
		r->tls = srv.cfg->tls_cert != NULL;
		if (client_address(r) && !r->tls) {
			/* behind our own TLS proxy: the browser speaks HTTPS */
			const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
			                                                "X-Forwarded-Proto");
			r->tls = proto && strcmp(proto, "https") == 0;
		}
		r->now = kr_now();
		r->today = (long)(r->now / 86400);
		kr_buf_init(&r->body, KS_CASE_BODY_MAX);
		atomic_fetch_add(&srv.in_flight, 1);
		cs->counted = true;
		watch_phase(conn, W_BODY, false);
		if (first_call(cs, url, method)) {
			unsigned long long len;
			bool known;
			/* Answered from the headers alone.  Without a body the answer waits
			 * for the next call, so libmicrohttpd keeps the connection open
			 * (a response queued this early makes it close); with an unread
			 * body it goes now, and the connection is closed. */
			if (!r->close && !has_body(r, &len, &known)) {
				cs->deferred = true;
				return MHD_YES;
			}
			ks_audit_outcome(r);   /* a refusal: never held */
			cs->replied = true;
			return queue(cs);
		}
		return MHD_YES;
	}
	r = &cs->r;
	if (cs->held) {
		/* resumed by the audit writer: the rows are written, or failed */
		cs->held = false;
		if (ks_audit_wait(r, suspend_conn, resume_conn, conn) == KS_AUDIT_FAILED)
			audit_refuse(r);
		cs->replied = true;
		return queue(cs);
	}
	if (cs->deferred) {
		if (*upload_data_size) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		cs->deferred = false;
		if (audit_hold(cs))
			return MHD_YES;
		cs->replied = true;
		return queue(cs);
	}
	if (cs->replied)
		return MHD_YES;
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		cs->seen += n;
		*upload_data_size = 0;
		if (!cs->too_big && cs->seen > cs->limit) {
			cs->too_big = true;
			kr_buf_cleanup(&r->body);
		}
		if (cs->too_big)
			return cs->seen > cs->limit + DISCARD_MAX ? MHD_NO : MHD_YES;
		if (kr_buf_add(&r->body, upload_data, n)) {
			cs->too_big = true;
			kr_buf_cleanup(&r->body);
		}
		return MHD_YES;
	}
	watch_phase(conn, W_BUSY, false);
	if (cs->too_big) {
		r->close = true;
		ks_error(r, 413, "too_large", "De inhoud van het verzoek is te groot.",
		         "The request body is too large.");
	} else {
		r->route->fn(r);
	}
	if (audit_hold(cs))
		return MHD_YES;
	cs->replied = true;
	return queue(cs);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct conn_state *cs = *con_cls;
	(void)cls;
	(void)toe;
	/* the next request on this connection starts its own clock */
	watch_phase(conn, W_HEADERS, true);
	if (!cs)
		return;
	if (cs->counted)
		atomic_fetch_sub(&srv.in_flight, 1);
	ks_audit_release(&cs->r);
	kr_buf_cleanup(&cs->r.body);
	free(cs->r.out);
	if (cs->r.out_fd >= 0)
		close(cs->r.out_fd);
	for (size_t i = 0; i < cs->r.nheaders; i++) {
		free(cs->r.headers[i].name);
		free(cs->r.headers[i].value);
	}
	free(cs->r.headers);
	sodium_memzero(cs->r.session, sizeof cs->r.session);
	sodium_memzero(cs->r.share_token, sizeof cs->r.share_token);
	free(cs);
	*con_cls = NULL;
}

/* ---- start and stop ----------------------------------------------------------------- */

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	(void)cls;
	vsnprintf(line, sizeof line, fmt, ap);
	fprintf(stderr, "kring serve: http: %s%s", line,
	        line[0] && line[strlen(line) - 1] == '\n' ? "" : "\n");
}

static char *read_pem(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < 1024 * 1024 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
		}
	}
	fclose(f);
	return buf;
}

static bool parse_listen(const char *s, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - s) >= sizeof host)
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || port < 0 || port > 65535)
		return false;
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return false;
	sa->sin_port = htons((uint16_t)port);
	return true;
}

static int configure_auth(const struct ks_config *cfg)
{
	struct kr_auth_config ac;
	struct kr_error err;
	int rc = 0;

	kr_auth_config_get(&ac);
	if (cfg->session_idle_s > 0)
		ac.idle_s = cfg->session_idle_s;
	if (cfg->session_max_s > 0)
		ac.absolute_s = cfg->session_max_s;
	/* the last use is written often enough for short idle limits */
	if (ac.touch_s > ac.idle_s / 4)
		ac.touch_s = ac.idle_s / 4 > 0 ? ac.idle_s / 4 : 1;
	kr_error_init(&err);
	if (kr_auth_configure(&ac, &err)) {
		fprintf(stderr, "kring serve: %s\n", err.message);
		rc = -1;
	}
	kr_error_cleanup(&err);
	return rc;
}

/* Loads the audit key of the database (creating it on first use,
 * re-chaining a trail from before keys once).  Returns 0, or prints why
 * not and returns -1. */
static int audit_ready(struct kr_store *s)
{
	struct kr_error err;
	char path[4096] = "";
	int rc = 0;

	kr_error_init(&err);
	if (kr_audit_prepare(s, &err)) {
		fprintf(stderr, "kring serve: the audit trail cannot be written: %s\n", err.message);
		rc = -1;
	} else if (kr_audit_key_path(s, path, sizeof path, NULL) == KR_OK) {
		fprintf(stderr, "kring serve: audit key: %s\n", path);
	}
	kr_error_cleanup(&err);
	return rc;
}

int ks_serve(const struct ks_config *cfg)
{
	struct sockaddr_in sa;
	sigset_t sigs;
	int sig = 0, threads = cfg->threads, rc = 1;
	char *cert = NULL, *key = NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	                 MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	const union MHD_DaemonInfo *di;
	struct kr_store *probe;
	struct timespec deadline, now;

	srv.cfg = cfg;
	/* Before SQLite starts: every connection here is used by one thread at a
	 * time (one per pool thread, one for the audit writer), so SQLite's
	 * per-connection mutexes are not needed, and its global allocation
	 * statistics would put one process-wide mutex around every malloc. */
	if (kr_store_connections_per_thread(NULL))
		fprintf(stderr, "kring serve: SQLite started early; it keeps its own locks\n");
	if (sodium_init() < 0 || ks_csrf_init()) {
		fprintf(stderr, "kring serve: the cryptography library cannot start\n");
		return 1;
	}
	if (configure_auth(cfg))
		return 1;
	if (!parse_listen(cfg->listen, &sa)) {
		fprintf(stderr, "kring serve: --listen takes ADDRESS:PORT with an IPv4 address, "
		        "e.g. 127.0.0.1:8080, not \"%s\"\n", cfg->listen);
		return 2;
	}
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 && n < 64 ? (int)n : 2;
	}
	/* open (create, migrate) the database once before serving, with its
	 * audit key: a missing or wrong key stops the server here */
	if (!(probe = ks_store(NULL)))
		return 1;
	if (audit_ready(probe))
		goto out;
	if (ks_audit_start(cfg->db_path))
		goto out;
	if (cfg->tls_cert || cfg->tls_key) {
		if (!cfg->tls_cert || !cfg->tls_key) {
			fprintf(stderr, "kring serve: TLS needs both --tls-cert and --tls-key\n");
			goto out_audit;
		}
		if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
			fprintf(stderr, "kring serve: this libmicrohttpd has no TLS support\n");
			goto out_audit;
		}
		if (!(cert = read_pem(cfg->tls_cert)) || !(key = read_pem(cfg->tls_key))) {
			fprintf(stderr, "kring serve: cannot read the TLS certificate or key\n");
			goto out_audit;
		}
		flags |= MHD_USE_TLS;
	}
	srv.d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
	                         MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	                         MHD_OPTION_CONNECTION_LIMIT,
	                         (unsigned)(cfg->max_connections > 0 ? cfg->max_connections : 512),
	                         MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	                         (unsigned)(cfg->max_per_address > 0 ? cfg->max_per_address : 64),
	                         MHD_OPTION_CONNECTION_TIMEOUT,
	                         (unsigned)(cfg->timeout_s > 0 ? cfg->timeout_s : 30),
	                         /* room for a request line with ~1,000 parameters, so it is
	                          * answered (400) instead of stalling until the timeout (96 KB
	                          * is enough, 64 KB is not; test_availability).  No more:
	                          * libmicrohttpd zeroes a connection's whole pool for every
	                          * request it serves on it, and at 256 KB that memset was 17 %
	                          * of the server's time (BENCHMARKS.md, HTTP, 2026-12-06) */
	                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	                         MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	                         MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
	                         cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
	                         MHD_OPTION_HTTPS_MEM_KEY, key,
	                         MHD_OPTION_END);
	if (!srv.d) {
		fprintf(stderr, "kring serve: cannot listen on %s: %s\n", cfg->listen,
		        errno ? strerror(errno) : "refused");
		goto out_audit;
	}
	if (pthread_create(&wd.tid, NULL, watchdog, NULL) == 0)
		wd.running = true;
	else
		fprintf(stderr, "kring serve: cannot start the watchdog: no request deadlines\n");
	di = MHD_get_daemon_info(srv.d, MHD_DAEMON_INFO_BIND_PORT);
	{
		char host[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
		srv.started = true;
		fprintf(stderr, "kring serve: listening on %s://%s:%u/ (%d threads)\n",
		        cert ? "https" : "http", host, di ? (unsigned)di->port : 0, threads);
		if (cfg->clock_file)
			fprintf(stderr, "kring serve: TEST MODE: the clock is read from %s; never run "
			        "a real server like this\n", cfg->clock_file);
	}

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	while (sigwait(&sigs, &sig) != 0)
		;
	fprintf(stderr, "kring serve: stopping (signal %d): finishing the requests in flight\n", sig);
	atomic_store(&srv.stopping, true);
	{
		MHD_socket ls = MHD_quiesce_daemon(srv.d);
		if (ls != MHD_INVALID_SOCKET)
			close(ls);
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += 10;
	for (int gave_up = 0;;) {
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (atomic_load(&srv.in_flight) == 0 || now.tv_sec > deadline.tv_sec + 2)
			break;
		if (now.tv_sec > deadline.tv_sec && !gave_up++)
			ks_audit_give_up();   /* answer those still held for their rows: 503 */
		nanosleep(&pause, NULL);
	}
	MHD_stop_daemon(srv.d);
	srv.d = NULL;
	watchdog_stop();
	rc = 0;
out_audit:
	if (ks_audit_stop() && rc == 0)
		rc = 1;   /* the trail is not complete: say so by the exit status */
out:
	close_stores();
	if (key)
		sodium_memzero(key, strlen(key));
	free(cert);
	free(key);
	if (rc == 0)
		fprintf(stderr, "kring serve: stopped\n");
	else if (srv.started)
		fprintf(stderr, "kring serve: stopped, with the audit trail incomplete (exit 1)\n");
	return rc;
}
