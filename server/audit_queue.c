/*
 * audit_queue.c - the audit trail (lib/audit.c) as `kring serve` writes it,
 * failing closed (docs/security.md "In the server").
 *
 * Writes of a case record their row inside the transaction of the write
 * (ks_audit_tx), so the change and its row commit together or not at all.
 *
 * Reads, exports, prints, refusals and logins change nothing in the case.
 * Their rows go to a bounded queue that one writer thread, with its own
 * connection, writes in batches: everything queued while the previous
 * batch was being committed goes in one transaction (group commit; under
 * load a batch waits up to a millisecond for more), so a read does not pay
 * a transaction of its own.  The writer's commits go to the write-ahead log
 * without an fsync each (kr_audit_group_commit): a committed row survives a
 * crash of kring, and the log is synced at every checkpoint (once a
 * second) and every commit of a write.  A request that
 * is answered with something (status below 400) is held until its rows
 * are committed: http.c suspends its connection (the thread serves other
 * connections meanwhile) and the writer resumes it once the batch is in.
 * When a row cannot be kept (the queue is full, memory runs out, the
 * database refuses the batch: disk full, I/O error) the request is answered
 * 503 instead of with the case, so nothing is read, exported or printed
 * without its row on disk.  Nothing is retried: the next batch simply tries
 * again, so the server recovers by itself when the disk has room again.
 *
 * Refusals (403, 404, failed logins, refused writes) are not held: their
 * answer gives nothing away.  Their rows take at most a quarter of the
 * queue, so a flood of probes cannot crowd out the rows of real reads; a
 * refusal row that does not fit, or whose batch fails, is counted, and the
 * counts are written as one row ("audit.unavailable") with the next batch
 * that commits.  Shutdown writes what is queued; when rows or counts could
 * not be written, ks_audit_stop() says how many and the server exits 1.
 *
 * Case references and account names that name nothing (anyone can type
 * them: GET /api/cases/<any text>, a login as <any name>) are kept as a
 * digest (kr_audit_digest), never as the text.
 *
 * The writer also prunes ended sessions and old failure records every ten
 * minutes.  A second thread, the checkpointer, with a connection of its own,
 * alone checkpoints the write-ahead log: a passive checkpoint once a second,
 * outside the write lock.  Every connection of the server has SQLite's
 * automatic checkpoint-on-commit off, so no request (and no writer holding
 * the lock others wait for) pays for copying the log into the database; and
 * since the checkpoint (which syncs the log and the database: 20-60 ms on a
 * busy disk) no longer runs in the writer, no batch of held requests waits
 * for it.  Only when the checkpointer cannot start does the writer
 * checkpoint, once a second, as it did before.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kring/audit.h"
#include "kring/init.h"
#include "server.h"

#define QUEUE_MAX 65536                  /* rows waiting to be written */
#define REFUSALS_MAX (QUEUE_MAX / 4)     /* of which rows of refusals */
#define IDLE_MS 1000                     /* the writer's housekeeping tick */
#define PRUNE_S 600
#define GATHER_US 300                    /* under load, a batch waits at most this long ... */
#define GATHER_ROWS 64                   /* ... or for this many rows, or as many as the
                                            batch before it had (gather_want) */
#define CHECKPOINT_S 1                   /* the checkpointer's period */
#define STOP_TRIES 3                     /* batches tried at shutdown before giving up */

/* What a request's rows came to (see server.h). */
struct ks_audit_ticket {
	int refs;                  /* the request + each queued entry */
	unsigned pending;          /* entries not yet written or failed */
	bool failed;               /* an entry could not be kept */
	bool queued;               /* an entry was queued at all */
	bool waiting;              /* the request is suspended until pending is 0 */
	void (*resume)(void *arg);
	void *arg;
	struct ks_audit_ticket *next_wake;   /* the writer's list of requests to resume */
	struct ks_audit_ticket *wprev, *wnext;   /* q.waiting, while waiting */
};

struct entry {
	struct entry *next;
	struct ks_audit_ticket *t;
	bool refusal;
	struct kr_audit_entry a;   /* its strings are the malloc'd copies below */
	char *s[9];
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, done, gather;
	struct entry *head, **tail;
	size_t n, nrefusals;                  /* queued now */
	unsigned long long queued, resolved;  /* counts, for flush */
	/* since the last summary row: rows not written, rows of refusals
	 * dropped (queue full), requests answered 503 */
	unsigned long long unwritten, dropped, refused;
	struct ks_audit_ticket *waiting;      /* requests suspended for their rows */
	size_t gather_want;                   /* the writer gathers: wake it at this many */
	bool stop, running;
	pthread_t thread;
	/* the checkpointer (checkpointer()), guarded by lock too */
	pthread_cond_t ckpt_wake;
	bool ckpt_stop, ckpt_running;
	pthread_t ckpt_thread;
	char *db_path;
} q = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
        .done = PTHREAD_COND_INITIALIZER, .gather = PTHREAD_COND_INITIALIZER,
        .ckpt_wake = PTHREAD_COND_INITIALIZER, .tail = &q.head };

static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

enum kr_status ks_begin(struct kr_store *s, struct kr_error *err)
{
	enum kr_status rc;
	pthread_mutex_lock(&write_lock);
	if ((rc = kr_store_begin(s, err)))
		pthread_mutex_unlock(&write_lock);
	return rc;
}

enum kr_status ks_end(struct kr_store *s, bool commit, struct kr_error *err)
{
	enum kr_status rc = kr_store_end(s, commit, err);
	pthread_mutex_unlock(&write_lock);
	return rc;
}

/* ---- who, what and where, from the request --------------------------------- */

const char *ks_who(const struct ks_req *r, char buf[KS_WHO_BUF])
{
	bool as_share = r->has_share && (!r->has_user || (r->route && r->route->who == KS_SHARE));
	if (as_share)
		snprintf(buf, KS_WHO_BUF, "share:%s", r->share.person);
	else if (r->has_user)
		snprintf(buf, KS_WHO_BUF, "%s", r->user.name);
	else
		snprintf(buf, KS_WHO_BUF, "anonymous");
	return buf;
}

static bool as_share(const struct ks_req *r)
{
	return r->has_share && (!r->has_user || (r->route && r->route->who == KS_SHARE));
}

static const char *on_behalf(const struct ks_req *r)
{
	return as_share(r) && r->share.created_by[0] ? r->share.created_by : NULL;
}

static const char *method_name(enum ks_method m)
{
	switch (m) {
	case KS_GET: return "GET";
	case KS_HEAD: return "HEAD";
	case KS_POST: return "POST";
	case KS_PUT: return "PUT";
	case KS_PATCH: return "PATCH";
	case KS_DELETE: return "DELETE";
	}
	return "?";
}

static const char *method_verb(enum ks_method m)
{
	switch (m) {
	case KS_GET: case KS_HEAD: return "read";
	case KS_POST: return "create";
	case KS_PUT: case KS_PATCH: return "update";
	case KS_DELETE: return "delete";
	}
	return "access";
}

/* The context of a row from the request: who, role, source, access point,
 * and the object and event the route implies.  point and event are
 * caller buffers. */
struct context {
	char who[KS_WHO_BUF];
	char point[KR_AUDIT_POINT_MAX + 1];
	char event[KR_AUDIT_EVENT_MAX + 1];
	const char *object;
	enum kr_audit_object type;
};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void context(const struct ks_req *r, char action, bool has_ref, struct kr_audit_entry *e,
                    struct context *c)
{
	const char *pat = r->route ? r->route->pattern : "";
	const char *event = NULL;

	memset(e, 0, sizeof *e);
	c->point[0] = c->event[0] = '\0';
	c->object = NULL;
	c->type = KR_AUDIT_OBJECT_DEFAULT;
	e->who = ks_who(r, c->who);
	e->on_behalf = on_behalf(r);
	e->role = as_share(r) ? "share" : r->has_user ? kr_account_role_name(r->user.role) : NULL;
	e->when = r->now;
	e->action = action;
	e->address = r->addr[0] ? r->addr : NULL;
	if (r->route)
		snprintf(c->point, sizeof c->point, "%s %s", method_name(r->method), pat);
	e->access_point = c->point[0] ? c->point : NULL;

	if (starts(pat, "/api/cases/{ref}/shares")) {
		c->type = KR_AUDIT_OBJECT_SHARE;
		if (strstr(pat, "{id}"))
			c->object = r->args[1];
	} else if (starts(pat, "/api/users")) {
		c->type = KR_AUDIT_OBJECT_ACCOUNT;
		if (strstr(pat, "{name}"))
			c->object = r->args[0];
	} else if (starts(pat, "/api/audit")) {
		c->type = KR_AUDIT_OBJECT_AUDIT;
	} else if (strcmp(pat, "/api/cases/{ref}/audit") == 0) {
		c->type = KR_AUDIT_OBJECT_AUDIT;   /* the client's own log of the case */
		event = action == KR_AUDIT_FAILED ? NULL : "audit.client-log";
	} else if (strcmp(pat, "/api/session") == 0) {
		c->type = KR_AUDIT_OBJECT_ACCOUNT;
		c->object = r->has_user ? r->user.name : NULL;
		event = r->method == KS_POST ? "session.login" : r->method == KS_DELETE
		        ? "session.logout" : NULL;
	} else if (strcmp(pat, "/api/share/session") == 0) {
		c->type = KR_AUDIT_OBJECT_SHARE;
		event = r->method == KS_POST ? "share.open" : r->method == KS_DELETE
		        ? "share.close" : NULL;
	} else if (strcmp(pat, "/api/cases") == 0 && r->method == KS_GET) {
		event = "case.list";
	} else if (strcmp(pat, "/api/stats") == 0) {
		event = "figures.read";
	}
	if (c->type == KR_AUDIT_OBJECT_DEFAULT)
		c->type = has_ref ? KR_AUDIT_OBJECT_CASE : KR_AUDIT_OBJECT_NONE;
	if (event)
		snprintf(c->event, sizeof c->event, "%s", event);
	else if (action == KR_AUDIT_FAILED && r->route)
		snprintf(c->event, sizeof c->event, "%s.%s",
		         c->type == KR_AUDIT_OBJECT_NONE ? "system" : kr_audit_object_name(c->type),
		         method_verb(r->method));
	e->event = c->event[0] ? c->event : NULL;
	e->object_type = c->type;
	e->object = c->object;
}

/* True when ref names a case (a ref typed by anyone does not). */
static bool case_exists(struct ks_req *r, const char *ref)
{
	long rev = 0;
	for (const char *p = ref; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	return r->store && strlen(ref) <= KR_AUDIT_REF_MAX &&
	       kr_store_head(r->store, ref, &rev, NULL) == KR_OK && rev > 0;
}

/* ---- the queue --------------------------------------------------------------- */

static void entry_free(struct entry *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < sizeof e->s / sizeof *e->s; i++)
		free(e->s[i]);
	free(e);
}

/* Copies the strings of a into e (a's pointers then point at the copies). */
static bool entry_copy(struct entry *e, const struct kr_audit_entry *a)
{
	const char *const *src[9] = { &a->who, &a->on_behalf, &a->ref, &a->address, &a->detail,
	                              &a->role, &a->event, &a->object, &a->access_point };
	const char **dst[9] = { &e->a.who, &e->a.on_behalf, &e->a.ref, &e->a.address,
	                        &e->a.detail, &e->a.role, &e->a.event, &e->a.object,
	                        &e->a.access_point };
	e->a = *a;
	for (size_t i = 0; i < 9; i++) {
		*dst[i] = NULL;
		if (*src[i] && !(e->s[i] = strdup(*src[i])))
			return false;
		*dst[i] = e->s[i];
	}
	return true;
}

static void waiting_add_locked(struct ks_audit_ticket *t)
{
	t->waiting = true;
	t->wprev = NULL;
	t->wnext = q.waiting;
	if (q.waiting)
		q.waiting->wprev = t;
	q.waiting = t;
}

static void waiting_remove_locked(struct ks_audit_ticket *t)
{
	t->waiting = false;
	if (t->wprev)
		t->wprev->wnext = t->wnext;
	else
		q.waiting = t->wnext;
	if (t->wnext)
		t->wnext->wprev = t->wprev;
	t->wprev = t->wnext = NULL;
}

static void ticket_release_locked(struct ks_audit_ticket *t)
{
	if (t && --t->refs == 0)
		free(t);
}

/* Queues a copy of a for request r.  A refusal row is never held for; the
 * others make r wait (and fail) with them. */
static void enqueue(struct ks_req *r, const struct kr_audit_entry *a, bool refusal)
{
	struct entry *e = calloc(1, sizeof *e);
	struct kr_error err;
	bool ok = e && entry_copy(e, a);

	/* a malformed row (a bug) would fail the whole batch it joins */
	kr_error_init(&err);
	if (ok && kr_audit_check(a, &err)) {
		fprintf(stderr, "kring serve: audit row refused: %s\n", err.message);
		ok = false;
	}
	kr_error_cleanup(&err);

	if (ok && !r->audit) {
		if ((r->audit = calloc(1, sizeof *r->audit)))
			r->audit->refs = 1;
		else
			ok = false;
	}
	pthread_mutex_lock(&q.lock);
	if (ok && (refusal ? q.nrefusals >= REFUSALS_MAX : q.n >= QUEUE_MAX))
		ok = false;
	if (!ok) {
		if (refusal)
			q.dropped++;
		else if (r->audit)
			r->audit->failed = true;
		else
			r->audit_failed = true;
		pthread_mutex_unlock(&q.lock);
		entry_free(e);
		return;
	}
	e->t = r->audit;
	e->refusal = refusal;
	r->audit->refs++;
	r->audit->pending++;
	r->audit->queued = true;
	*q.tail = e;
	q.tail = &e->next;
	q.n++;
	if (refusal)
		q.nrefusals++;
	q.queued++;
	pthread_cond_signal(&q.wake);
	if (q.gather_want && q.n >= q.gather_want)
		pthread_cond_signal(&q.gather);
	pthread_mutex_unlock(&q.lock);
}

/* Puts the ref of a refusal into e: as it is when it names a case, else
 * its digest as the object (digest is the caller's buffer). */
static void refused_ref(struct ks_req *r, const char *ref, struct kr_audit_entry *e,
                        char digest[KR_AUDIT_DIGEST_LEN])
{
	e->ref = ref;
	if (ref && !case_exists(r, ref)) {
		kr_audit_digest(ref, digest);
		e->ref = NULL;
		e->object = digest;
	}
}

void ks_audit(struct ks_req *r, char action, const char *ref, const char *detail)
{
	struct kr_audit_entry e;
	struct context c;
	char digest[KR_AUDIT_DIGEST_LEN];

	context(r, action, ref != NULL, &e, &c);
	e.detail = detail;
	e.ref = ref;
	if (action == KR_AUDIT_FAILED)
		refused_ref(r, ref, &e, digest);
	enqueue(r, &e, action == KR_AUDIT_FAILED);
}

void ks_audit_as(struct ks_req *r, const char *who, const char *behalf, char action,
                 const char *ref, const char *detail)
{
	struct kr_audit_entry e;
	struct context c;
	struct kr_user u;
	char digest[KR_AUDIT_DIGEST_LEN];

	context(r, action, ref != NULL, &e, &c);
	e.who = who;
	e.on_behalf = behalf;
	e.role = NULL;
	e.ref = ref;
	e.detail = detail;
	if (action == KR_AUDIT_FAILED)
		refused_ref(r, ref, &e, digest);
	/* a failed login as a name that is no account keeps a digest of it
	 * (people type their password into the name field) */
	if (action == KR_AUDIT_FAILED && who && !starts(who, "share:") &&
	    (!r->store || kr_account_get(r->store, who, &u, NULL) != KR_OK)) {
		kr_audit_digest(who, digest);
		e.who = digest;
	} else if (action == KR_AUDIT_FAILED && who && !starts(who, "share:")) {
		e.role = kr_account_role_name(u.role);
		e.object = who;
	}
	enqueue(r, &e, action == KR_AUDIT_FAILED);
}

enum kr_status ks_audit_tx(struct ks_req *r, char action, const char *ref, const char *detail,
                           struct kr_error *err)
{
	struct kr_audit_entry e;
	struct context c;

	context(r, action, ref != NULL, &e, &c);
	e.ref = ref;
	e.detail = detail;
	return kr_audit_log(r->store, &e, NULL, err);
}

void ks_audit_outcome(struct ks_req *r)
{
	struct kr_audit_entry e;
	struct context c;
	char detail[64], digest[KR_AUDIT_DIGEST_LEN];
	const char *ref;

	if (!r->route || r->route->who == KS_PUBLIC || r->method == KS_GET || r->status < 400 ||
	    (r->audit && r->audit->queued))
		return;
	ref = ks_case_ref(r);
	context(r, KR_AUDIT_FAILED, ref != NULL, &e, &c);
	snprintf(c.event, sizeof c.event, "%s.%s", c.type == KR_AUDIT_OBJECT_NONE ? "system"
	         : kr_audit_object_name(c.type), method_verb(r->method));
	if (strcmp(r->route->pattern, "/api/session") == 0 && r->method == KS_POST)
		snprintf(c.event, sizeof c.event, "session.login");
	e.event = c.event;
	e.result = r->status >= 500 ? KR_AUDIT_RESULT_ERROR : KR_AUDIT_RESULT_REFUSED;
	snprintf(detail, sizeof detail, "%s: HTTP %d", r->status >= 500 ? "failed" : "refused",
	         r->status);
	e.detail = detail;
	refused_ref(r, ref, &e, digest);
	enqueue(r, &e, true);
}

enum ks_audit_state ks_audit_wait(struct ks_req *r, void (*suspend)(void *arg),
                                  void (*resume)(void *arg), void *arg)
{
	struct ks_audit_ticket *t = r->audit;
	enum ks_audit_state st;

	pthread_mutex_lock(&q.lock);
	if (r->audit_failed || (t && t->failed)) {
		st = KS_AUDIT_FAILED;
		q.refused++;
	} else if (!t || t->pending == 0) {
		st = KS_AUDIT_KEPT;
	} else {
		waiting_add_locked(t);
		t->resume = resume;
		t->arg = arg;
		suspend(arg);
		st = KS_AUDIT_PENDING;
	}
	pthread_mutex_unlock(&q.lock);
	return st;
}

void ks_audit_give_up(void)
{
	struct ks_audit_ticket *wake = NULL;

	pthread_mutex_lock(&q.lock);
	while (q.waiting) {
		struct ks_audit_ticket *t = q.waiting;
		waiting_remove_locked(t);
		t->failed = true;
		t->next_wake = wake;
		wake = t;
	}
	pthread_mutex_unlock(&q.lock);
	while (wake) {
		struct ks_audit_ticket *t = wake;
		wake = t->next_wake;
		t->resume(t->arg);
	}
}

void ks_audit_release(struct ks_req *r)
{
	if (!r->audit)
		return;
	pthread_mutex_lock(&q.lock);
	ticket_release_locked(r->audit);
	pthread_mutex_unlock(&q.lock);
	r->audit = NULL;
}

/* ---- the writer ------------------------------------------------------------------- */

/* Writes the summary of what could not be kept (when a count is not 0)
 * and the entries of list in one transaction (kr_audit_log_many: the key,
 * the last row and the high-water mark read once per batch).  Returns 0, or
 * -1 when the database refused (nothing of the batch was written). */
static int write_batch(struct kr_store *s, struct entry *list, unsigned long long counts[3],
                       time_t now)
{
	char detail[KR_AUDIT_DETAIL_MAX + 1];
	struct kr_audit_entry sum = { .who = "kring serve", .when = now,
	                              .action = KR_AUDIT_FAILED, .detail = detail,
	                              .event = "audit.unavailable",
	                              .result = KR_AUDIT_RESULT_ERROR,
	                              .object_type = KR_AUDIT_OBJECT_AUDIT };
	const struct kr_audit_entry **v = NULL;
	struct kr_error err;
	size_t n = 0, cap = 1;
	int rc = -1;

	kr_error_init(&err);
	for (struct entry *e = list; e; e = e->next)
		cap++;
	if (!s || !(v = malloc(cap * sizeof *v)))
		goto out;
	if (counts[0] || counts[1] || counts[2]) {
		snprintf(detail, sizeof detail, "while the audit trail could not be written: %llu "
		         "rows not written, %llu rows of refusals dropped (queue full), %llu requests "
		         "answered 503", counts[0], counts[1], counts[2]);
		v[n++] = &sum;
	}
	for (struct entry *e = list; e; e = e->next)
		v[n++] = &e->a;
	if (ks_begin(s, &err))
		goto out;
	if (kr_audit_log_many(s, v, n, NULL, &err)) {
		ks_end(s, false, NULL);
		goto out;
	}
	if (ks_end(s, true, &err) == KR_OK)
		rc = 0;
out:
	if (rc)
		fprintf(stderr, "kring serve: writing audit rows failed: %s\n",
		        s && v ? err.message : s ? "out of memory" : "no database connection");
	free(v);
	kr_error_cleanup(&err);
	return rc;
}

/* Resolves the entries of a written (ok) or failed batch: their requests
 * learn the outcome; those waiting are put on *wake to be resumed. */
static void resolve_locked(struct entry *list, bool ok, struct ks_audit_ticket **wake)
{
	for (struct entry *e = list; e; e = e->next) {
		struct ks_audit_ticket *t = e->t;
		if (!ok)
			q.unwritten++;
		q.resolved++;
		if (!t)
			continue;
		if (!ok)
			t->failed = true;
		if (--t->pending == 0 && t->waiting) {
			waiting_remove_locked(t);
			t->next_wake = *wake;
			*wake = t;
		}
	}
}

static void *writer(void *arg)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	time_t last_prune = 0;
	struct timespec last_checkpoint = { 0, 0 };
	int stop_tries = 0;
	size_t last_batch = 0;
	(void)arg;

	kr_error_init(&err);
	pthread_mutex_lock(&q.lock);
	for (;;) {
		struct entry *list;
		struct ks_audit_ticket *wake = NULL;
		unsigned long long counts[3];
		struct timespec now;
		bool stop, ok = true, checkpoint;

		if (!q.head && !q.stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += IDLE_MS / 1000;
			pthread_cond_timedwait(&q.wake, &q.lock, &until);
		}
		if (q.head && !q.stop && last_batch > 1 && q.n < GATHER_ROWS &&
		    q.n < last_batch) {
			/* under load (the last batch served several requests), wait a
			 * moment for more: fewer, larger transactions.  But only until
			 * as many rows wait as the last batch had: every request waits
			 * for its batch, so with 32 connections a batch can never
			 * hold more than 32 reads, and waiting out the whole window
			 * for rows that cannot come held every read for 1 ms
			 * (BENCHMARKS.md, HTTP, 2026-12-06). */
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += GATHER_US * 1000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			q.gather_want = last_batch < GATHER_ROWS ? last_batch : GATHER_ROWS;
			while (q.n < q.gather_want && !q.stop &&
			       pthread_cond_timedwait(&q.gather, &q.lock, &until) == 0)
				;
			q.gather_want = 0;
		}
		list = q.head;
		stop = q.stop;
		last_batch = q.n;
		q.head = NULL;
		q.tail = &q.head;
		q.n = q.nrefusals = 0;
		counts[0] = q.unwritten;
		counts[1] = q.dropped;
		counts[2] = q.refused;
		checkpoint = !q.ckpt_running;
		pthread_mutex_unlock(&q.lock);

		if (!s) {
			/* (re)open: a database that could not be opened may come back */
			kr_error_cleanup(&err);
			if (kr_store_open(q.db_path, &s, &err) == KR_OK) {
				kr_store_autocheckpoint(s, false);
				if (kr_audit_group_commit(s, &err))
					fprintf(stderr, "kring serve: %s\n", err.message);
			} else {
				fprintf(stderr, "kring serve: the audit writer cannot open the database: "
				        "%s\n", err.message);
			}
		}
		if (list || counts[0] || counts[1] || counts[2])
			ok = write_batch(s, list, counts, kr_now()) == 0;

		pthread_mutex_lock(&q.lock);
		if (ok) {
			q.unwritten -= counts[0];
			q.dropped -= counts[1];
			q.refused -= counts[2];
		}
		resolve_locked(list, ok, &wake);
		pthread_cond_broadcast(&q.done);
		pthread_mutex_unlock(&q.lock);

		while (wake) {
			struct ks_audit_ticket *t = wake;
			wake = t->next_wake;
			t->resume(t->arg);   /* the request still holds t: it is suspended */
		}
		if (list) {
			pthread_mutex_lock(&q.lock);
			for (struct entry *e = list; e; e = e->next)
				ticket_release_locked(e->t);
			pthread_mutex_unlock(&q.lock);
		}
		while (list) {
			struct entry *next = list->next;
			entry_free(list);
			list = next;
		}
		if (s) {
			/* only when the checkpointer could not start: then the writer
			 * checkpoints once a second, outside the write lock, as before */
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (checkpoint && now.tv_sec != last_checkpoint.tv_sec) {
				last_checkpoint = now;
				kr_store_checkpoint(s, NULL);
			}
			if (kr_now() - last_prune >= PRUNE_S) {
				last_prune = kr_now();
				kr_session_prune(s, last_prune, NULL);
			}
		}
		pthread_mutex_lock(&q.lock);
		if (stop && !q.head) {
			bool owed = q.unwritten || q.dropped || q.refused;
			if (!owed || ++stop_tries >= STOP_TRIES)
				break;
			/* a last try for the summary of what was lost */
			pthread_mutex_unlock(&q.lock);
			nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
			pthread_mutex_lock(&q.lock);
		}
	}
	pthread_mutex_unlock(&q.lock);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return NULL;
}

/* Checkpoints the write-ahead log once a second, with a connection of its
 * own, so that the writer never holds back a batch (and the requests held
 * for it) while the log is copied into the database and synced: a passive
 * checkpoint does not block a writer, and it takes tens of milliseconds on
 * a busy disk. */
static void *checkpointer(void *arg)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	(void)arg;

	kr_error_init(&err);
	pthread_mutex_lock(&q.lock);
	while (!q.ckpt_stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += CHECKPOINT_S;
		pthread_cond_timedwait(&q.ckpt_wake, &q.lock, &until);
		if (q.ckpt_stop)
			break;
		pthread_mutex_unlock(&q.lock);
		if (!s) {
			kr_error_cleanup(&err);
			if (kr_store_open(q.db_path, &s, &err) == KR_OK)
				kr_store_autocheckpoint(s, false);
		}
		if (s)
			kr_store_checkpoint(s, NULL);
		pthread_mutex_lock(&q.lock);
	}
	pthread_mutex_unlock(&q.lock);
	kr_error_cleanup(&err);
	kr_store_close(s);
	return NULL;
}

int ks_audit_start(const char *db_path)
{
	if (!(q.db_path = strdup(db_path)))
		return -1;
	q.stop = false;
	q.unwritten = q.dropped = q.refused = 0;
	if (pthread_create(&q.thread, NULL, writer, NULL)) {
		fprintf(stderr, "kring serve: cannot start the audit writer\n");
		free(q.db_path);
		q.db_path = NULL;
		return -1;
	}
	q.running = true;
	/* under the lock: the writer, running already, reads ckpt_running */
	pthread_mutex_lock(&q.lock);
	q.ckpt_stop = false;
	q.ckpt_running = pthread_create(&q.ckpt_thread, NULL, checkpointer, NULL) == 0;
	pthread_mutex_unlock(&q.lock);
	if (!q.ckpt_running)   /* the writer checkpoints instead */
		fprintf(stderr, "kring serve: cannot start the checkpoint thread; the audit writer "
		        "checkpoints instead\n");
	return 0;
}

void ks_audit_flush(void)
{
	pthread_mutex_lock(&q.lock);
	if (q.running) {
		unsigned long long target = q.queued;
		for (int tries = 0; q.resolved < target && tries < 30; tries++) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += 1;
			pthread_cond_signal(&q.wake);
			pthread_cond_timedwait(&q.done, &q.lock, &until);
		}
	}
	pthread_mutex_unlock(&q.lock);
}

unsigned long long ks_audit_stop(void)
{
	unsigned long long lost;

	if (!q.running)
		return 0;
	pthread_mutex_lock(&q.lock);
	q.stop = true;
	pthread_cond_signal(&q.wake);
	pthread_cond_signal(&q.gather);   /* a gathering writer stops waiting at once */
	pthread_mutex_unlock(&q.lock);
	pthread_join(q.thread, NULL);
	q.running = false;
	if (q.ckpt_running) {
		pthread_mutex_lock(&q.lock);
		q.ckpt_stop = true;
		pthread_cond_signal(&q.ckpt_wake);
		pthread_mutex_unlock(&q.lock);
		pthread_join(q.ckpt_thread, NULL);
		q.ckpt_running = false;   /* the writer has ended: no lock needed */
	}
	lost = q.unwritten + q.dropped;
	if (lost || q.refused)
		fprintf(stderr, "kring serve: the audit trail could not be completed before "
		        "stopping: %llu rows not written, %llu rows of refusals dropped, %llu "
		        "requests answered 503 (and that could not be recorded either)\n",
		        q.unwritten, q.dropped, q.refused);
	lost += q.refused;
	free(q.db_path);
	q.db_path = NULL;
	return lost;
}
