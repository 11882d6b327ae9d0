/*
 * server.h - the internals of `kring serve` (docs/api.md) shared by the
 * files of server/: the configuration, one request as the handlers see it,
 * the route table, the reply helpers, the per-thread store and the audit
 * helpers.
 *
 * How a request flows (server/http.c): libmicrohttpd calls us once when the
 * headers are in.  We refuse request smuggling, find the route
 * (server/routes.c), establish who is calling (session or share cookie),
 * check CSRF and the access decision (kr_access_decide: one verdict, 403 or
 * 404, from the library's rule table), check the body's type and announced
 * size, and only then accept the body, counting it against the route's
 * limit.  When the body is complete the route's handler runs and fills in
 * the reply; http.c adds the security headers, queues it and logs one line.
 *
 * Every handler has the same signature, void fn(struct ks_req *r), and
 * answers through ks_reply_*() / ks_error*().  Symbols shared between files
 * of server/ are ks_...; everything else is static.
 */
#ifndef KRING_SERVER_H
#define KRING_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "kring/access.h"
#include "kring/account.h"
#include "kring/auth.h"
#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"
#include "kring/session.h"
#include "kring/share.h"
#include "kring/store.h"

#define KS_VERSION "0.4.0"

/* Body limits: a whole case document (its 16 MiB cap plus room for
 * whitespace), and everything else. */
#define KS_CASE_BODY_MAX (17u * 1024u * 1024u)
#define KS_BODY_MAX (1024u * 1024u)

/* ---- configuration (cli/cmd_serve.c fills it) --------------------------- */

struct ks_config {
	const char *db_path;
	const char *listen;        /* "127.0.0.1:8080"; port 0 picks a free one */
	const char *web_dir;       /* the browser UI's files */
	const char *tls_cert, *tls_key;   /* PEM file names, or NULL */
	int threads;               /* request threads; 0 = number of cores */
	int max_connections;
	int max_per_address;       /* connections from one client address at once */
	int timeout_s;             /* idle connection timeout */
	int header_deadline_s;     /* a request's headers within this of its start */
	int request_deadline_s;    /* its headers and body within this (not per byte) */
	int user_writes_per_s;     /* a user's changes a second after a burst of 300; 0 = 5 */
	long session_idle_s, session_max_s;
	const char *trust_proxy;   /* proxy addresses (comma-separated) whose X-Real-IP and
	                              X-Forwarded-Proto are believed, or NULL */
	bool quiet;                /* no request log */
	const char *clock_file;    /* tests only (--clock-file): the clock's file, or NULL */
};

/* Runs the server until SIGTERM or SIGINT (the caller has blocked both in
 * every thread; ks_serve waits for them with sigwait).  Returns 0 after a
 * clean shutdown, or prints why it cannot start and returns 1. */
int ks_serve(const struct ks_config *cfg);

/* ---- requests ------------------------------------------------------------ */

enum ks_method {
	KS_GET = 1, KS_HEAD = 2, KS_POST = 4, KS_PUT = 8, KS_PATCH = 16, KS_DELETE = 32
};

/* Who may call a route. */
enum ks_who {
	KS_PUBLIC,     /* anyone, no CSRF (GET only) */
	KS_LOGIN,      /* anyone; state-changing but exempt from the CSRF token */
	KS_USER,       /* a logged-in user */
	KS_SHARE       /* a share-link holder */
};

enum ks_body { KS_BODY_NONE, KS_BODY_SMALL, KS_BODY_CASE };

/* The access decision the dispatcher asks for before the handler runs:
 * KS_ACCESS_NONE asks nothing, KS_ACCESS(KR_ACCESS_READ) etc. ask
 * kr_access_decide() for that action.  A case action takes its case from
 * the {ref} segment of the path, or, on a route without one, from the
 * ?ref= parameter.  KS_ACCESS_EITHER(case_act, act) asks for case_act when
 * ?ref= names a case and for act (an action on no case) when it is left
 * out: GET /api/audit is one case's trail or the whole trail. */
#define KS_ACCESS_NONE 0
#define KS_ACCESS(act) ((int)(act) + 1)
#define KS_ACCESS_EITHER(case_act, act) (KS_ACCESS(case_act) | KS_ACCESS(act) << 8)

struct ks_req;
typedef void (*ks_handler)(struct ks_req *r);

#define KS_MAX_ARGS 4

struct ks_route {
	enum ks_method method;
	const char *pattern;       /* "/api/cases/{ref}/history"; {x} matches one segment */
	ks_handler fn;
	enum ks_who who;
	enum ks_body body;
	int access;                /* KS_ACCESS(KR_ACCESS_READ) etc., KS_ACCESS_NONE */
	const char *params;        /* allowed query parameters, space-separated */
	const char *audit;         /* detail for the F row when access to a case is refused */
};

/* The route table (server/routes.c). */
extern const struct ks_route ks_routes[];
extern const size_t ks_nroutes;

/* Finds the route for method and path.  Returns it with the {x} segments
 * copied into args (at most KS_MAX_ARGS, each < 256 bytes), or NULL; then
 * *allowed is the set of methods the path does have (0: no such path). */
const struct ks_route *ks_route_find(enum ks_method method, const char *path,
                                     char args[KS_MAX_ARGS][256], unsigned *allowed);

struct ks_header {
	char *name, *value;
};

struct ks_req {
	/* set by http.c */
	void *conn;                    /* struct MHD_Connection * */
	const struct ks_config *cfg;
	const struct ks_route *route;
	enum ks_method method;
	char args[KS_MAX_ARGS][256];   /* the {x} segments of the path, in order */
	time_t now;
	long today;                    /* day number of now (UTC) */
	enum kr_lang lang;
	char addr[64];                 /* the client address */
	bool tls;
	struct kr_store *store;        /* this thread's connection */
	struct kr_buf body;            /* the request body */

	/* the audit rows this request queued (audit_queue.c) */
	struct ks_audit_ticket *audit;
	bool audit_failed;             /* a row could not even be queued */

	/* who is calling */
	bool has_user;
	struct kr_user user;
	char session[KR_AUTH_TOKEN_CHARS + 1];   /* the session token, when any */
	bool has_share;
	struct kr_share share;
	char share_token[KR_AUTH_TOKEN_CHARS + 1];

	/* the reply */
	int status;
	char *out;                     /* malloc'd body, or NULL */
	size_t outlen;
	int out_fd;                    /* a file to send instead of out (-1: none) */
	size_t fd_size;
	const char *ctype;             /* static string */
	struct ks_header *headers;
	size_t nheaders;
	bool close;                    /* Connection: close */
	bool is_static;                /* Cache-Control: no-cache instead of no-store */
	bool svg_csp;                  /* a picture: its own stricter CSP */
};

/* ---- replies (server/json.c) --------------------------------------------- */

/* Replies with status and the JSON value j (the reference is stolen; NULL
 * answers 500).  Compact JSON. */
void ks_reply_json(struct ks_req *r, int status, json_t *j);

/* Replies with status and len bytes of data of type ctype (static string);
 * data is copied. */
void ks_reply_bytes(struct ks_req *r, int status, const char *ctype, const void *data,
                    size_t len);

/* The same, taking ownership of a malloc'd buffer. */
void ks_reply_take(struct ks_req *r, int status, const char *ctype, char *data, size_t len);

/* Replies with status and no body (204, 304). */
void ks_reply_empty(struct ks_req *r, int status);

/* Adds a header to the reply (copied).  Ignored when out of memory. */
void ks_header(struct ks_req *r, const char *name, const char *value);

/* Sets ETag: "rev". */
void ks_etag(struct ks_req *r, long rev);

/* Replies with an error: {"error": <nl or en>, "code": code, "details": []}. */
void ks_error(struct ks_req *r, int status, const char *code, const char *nl, const char *en);

/* Replies with an error built from a library error: the message in err (which
 * is English, from the library) is used for both languages unless nl/en are
 * given; err's details become "details". */
void ks_error_kr(struct ks_req *r, int status, const char *code, const char *nl,
                 const char *en, const struct kr_error *err);

/* Maps a library status to an HTTP status and error reply (KR_ENOTFOUND
 * 404, KR_EINVAL 422, KR_EUSAGE 400, KR_ECONFLICT 409, KR_ETOOBIG 413,
 * KR_EPERM 403, KR_EDB 503, else 500).  Never puts a server path in the
 * answer: database messages go to stderr and the answer gets a fixed
 * sentence. */
void ks_fail(struct ks_req *r, enum kr_status rc, const struct kr_error *err);

/* Parses the request body as a JSON object or array (duplicate keys
 * refused).  On failure replies 400 and returns NULL. */
json_t *ks_body_json(struct ks_req *r);

/* The query parameter name, or NULL. */
const char *ks_param(struct ks_req *r, const char *name);

/* The case a request is about: the {ref} segment of its route's path, or
 * the ?ref= parameter on a route without one; NULL when it names none. */
const char *ks_case_ref(struct ks_req *r);

/* Reads ?as_of= (default today) into *day.  Replies 400 and returns false
 * when it is malformed. */
bool ks_param_day(struct ks_req *r, const char *name, long *day);

/* Reads a request header, or NULL. */
const char *ks_req_header(struct ks_req *r, const char *name);

/* ---- the store and the audit trail (server/audit_queue.c, server/http.c) -- */

/* This thread's store (opened on first use).  NULL after a reply of 503. */
struct kr_store *ks_store(struct ks_req *r);

/* Who the caller is for the audit trail and as author: the user name, or
 * "share:<person id>" for a share-link holder (with on_behalf the name of
 * the worker who made the link). */
#define KS_WHO_BUF 160
const char *ks_who(const struct ks_req *r, char buf[KS_WHO_BUF]);

/* Queues an audit row for the caller (reads, exports, prints, refusals,
 * logins), with the role, the access point (method and route), the source
 * address and the object and event the route implies.  The writer thread
 * commits it with the rows of other requests (group commit).  An answer
 * below 400 is held until its rows are committed and becomes 503 when one
 * could not be kept (ks_audit_wait, called by http.c); a refusal (letter F)
 * is not held.  A refused ref that names no case is kept as a digest. */
void ks_audit(struct ks_req *r, char action, const char *ref, const char *detail);

/* The same for a caller named explicitly (failed logins: who is the name
 * typed, kept as a digest when it is no account). */
void ks_audit_as(struct ks_req *r, const char *who, const char *on_behalf, char action,
                 const char *ref, const char *detail);

/* Writes an audit row for the caller now, inside the transaction open on
 * the request's store (the write it records commits with it). */
enum kr_status ks_audit_tx(struct ks_req *r, char action, const char *ref, const char *detail,
                           struct kr_error *err);

/* Called by http.c before every answer: a state-changing request that is
 * refused or fails (4xx, 5xx: 409, 422, 428, a CSRF refusal, ...) and has
 * no audit row yet gets one (F, result refused or error). */
void ks_audit_outcome(struct ks_req *r);

/* Where the audit rows of a request stand before its answer goes out:
 * all kept (or none queued), one could not be kept (answer 503), or still
 * being written: then suspend(arg) was called, and resume(arg) will be
 * called from the writer thread once they are written or failed. */
enum ks_audit_state { KS_AUDIT_KEPT, KS_AUDIT_FAILED, KS_AUDIT_PENDING };
enum ks_audit_state ks_audit_wait(struct ks_req *r, void (*suspend)(void *arg),
                                  void (*resume)(void *arg), void *arg);

/* Resumes every request still held for its rows, as failed (503): for a
 * shutdown whose writer is stuck, since libmicrohttpd cannot stop while a
 * connection is suspended. */
void ks_audit_give_up(void);

/* Lets go of the request's audit state (when the request is done). */
void ks_audit_release(struct ks_req *r);

/* Opens / ends a write transaction on s (kr_store_begin / kr_store_end).
 * The writers of this process first queue on one mutex, so they wait their
 * turn in order instead of sleeping in SQLite's busy handler (which backs
 * off in steps of up to 100 ms).  ks_end always releases the mutex; ks_begin
 * releases it when it fails. */
enum kr_status ks_begin(struct kr_store *s, struct kr_error *err);
enum kr_status ks_end(struct kr_store *s, bool commit, struct kr_error *err);

/* Starts / stops the audit writer thread.  Stop writes what is queued and
 * returns how many rows (and counted refusals) could not be written: 0 when
 * the trail is complete. */
int ks_audit_start(const char *db_path);
unsigned long long ks_audit_stop(void);

/* Writes every queued row now and waits until they are written (tests and
 * the audit endpoints use it so a trail they show is complete). */
void ks_audit_flush(void);

/* ---- sessions and CSRF (server/api_session.c) ---------------------------- */

/* Initialises the CSRF secret (random, per process).  Returns 0 or -1. */
int ks_csrf_init(void);

/* The CSRF token for a session or share token, into out (44 bytes). */
void ks_csrf_token(const char *token, const char *purpose, char out[KR_AUTH_TOKEN_CHARS + 1]);

/* Establishes the caller from the cookies: sets has_user / has_share. */
void ks_identify(struct ks_req *r);

/* ---- cases (server/api_cases.c) ------------------------------------------ */

/* Loads case r->args[0] at the revision asked by ?recorded_at= (the one
 * current at that time; only routes that allow the parameter carry it) or
 * ?revision= (when allow_earlier), else the latest.  ?as_of= never picks a
 * revision.  Replies and returns NULL on failure. */
struct kr_case *ks_load_case(struct ks_req *r, bool allow_earlier, long *rev_out);

/* The latest revision number of case ref (0 when missing). */
long ks_head_revision(struct ks_req *r, const char *ref);

/* Reads If-Match into *rev.  Replies 428 (missing) or 400 (malformed) and
 * returns false. */
bool ks_if_match(struct ks_req *r, long *rev);

/* Stores case c (already validated) as the next revision with the caller
 * as author, based on expect_rev, with an audit row (action, detail) in the
 * same transaction.  On success returns true with *rev_out the new revision;
 * otherwise replies (409 with current_revision, 500, ...) and returns false. */
bool ks_store_case(struct ks_req *r, const struct kr_case *c, long expect_rev, char action,
                   const char *detail, long *rev_out);

/* The same without replying: returns the status (KR_ECONFLICT with
 * *rev_out the current revision) and fills err. */
enum kr_status ks_put_case(struct ks_req *r, const struct kr_case *c, long expect_rev,
                           char action, const char *detail, long *rev_out, struct kr_error *err);

/* ---- static files (server/static.c) --------------------------------------- */

/* Serves r's path from the web folder (GET and HEAD). */
void ks_static(struct ks_req *r, const char *path);

/* ---- handlers ---------------------------------------------------------------- */

void ks_h_healthz(struct ks_req *r);
void ks_h_meta(struct ks_req *r);
void ks_h_login(struct ks_req *r);
void ks_h_session_get(struct ks_req *r);
void ks_h_logout(struct ks_req *r);

void ks_h_cases_list(struct ks_req *r);
void ks_h_case_create(struct ks_req *r);
void ks_h_case_get(struct ks_req *r);
void ks_h_case_put(struct ks_req *r);
void ks_h_case_history(struct ks_req *r);
void ks_h_case_export(struct ks_req *r);
void ks_h_case_signals(struct ks_req *r);
void ks_h_case_summary(struct ks_req *r);
void ks_h_case_metrics(struct ks_req *r);
void ks_h_case_render(struct ks_req *r);
void ks_h_case_layout(struct ks_req *r);
void ks_h_case_next_ref(struct ks_req *r);
void ks_h_case_restore(struct ks_req *r);
void ks_h_case_plan_pdf(struct ks_req *r);
void ks_h_case_scan_xlsx(struct ks_req *r);
void ks_h_inbox(struct ks_req *r);
void ks_h_families_list(struct ks_req *r);
void ks_h_family_create(struct ks_req *r);
void ks_h_family_get(struct ks_req *r);
void ks_h_family_put(struct ks_req *r);

/* ---- family plans (server/api_family_plans.c) ----------------------------- */
void ks_h_family_plans_list(struct ks_req *r);
void ks_h_family_plan_get(struct ks_req *r);
void ks_h_family_plan_put(struct ks_req *r);
void ks_h_family_plan_history(struct ks_req *r);
void ks_h_case_family_plans(struct ks_req *r);
void ks_h_inbox_seen(struct ks_req *r);

void ks_h_items_list(struct ks_req *r);
void ks_h_item_create(struct ks_req *r);
void ks_h_item_get(struct ks_req *r);
void ks_h_item_put(struct ks_req *r);
void ks_h_item_patch(struct ks_req *r);
void ks_h_item_delete(struct ks_req *r);
void ks_h_single_get(struct ks_req *r);
void ks_h_single_put(struct ks_req *r);
void ks_h_single_patch(struct ks_req *r);

void ks_h_shares_create(struct ks_req *r);
void ks_h_shares_list(struct ks_req *r);
void ks_h_shares_revoke(struct ks_req *r);
void ks_h_share_login(struct ks_req *r);
void ks_h_share_session(struct ks_req *r);
void ks_h_share_logout(struct ks_req *r);
void ks_h_share_plan(struct ks_req *r);
void ks_h_share_wish(struct ks_req *r);
void ks_h_share_done(struct ks_req *r);

void ks_h_users_list(struct ks_req *r);
void ks_h_users_create(struct ks_req *r);
void ks_h_users_patch(struct ks_req *r);
void ks_h_assignees_list(struct ks_req *r);
void ks_h_assignee_put(struct ks_req *r);
void ks_h_assignee_delete(struct ks_req *r);
void ks_h_audit_get(struct ks_req *r);
void ks_h_audit_verify(struct ks_req *r);
void ks_h_case_audit(struct ks_req *r);

void ks_h_stats(struct ks_req *r);
void ks_h_report(struct ks_req *r);

#endif
