/*
 * audit_queue.c - the audit trail (lib/audit.c) as `kring serve` writes it.
 *
 * Writes of a case record their row inside the transaction of the write
 * (ks_audit_tx), so the change and its row commit together or not at all.
 *
 * Reads, exports, prints, refusals and logins change nothing in the case,
 * and at thousands of requests per second a transaction with an fsync per
 * read would cap the server at a few hundred reads per second.  Their rows
 * go through a write-behind queue instead: one writer thread with its own
 * connection takes everything queued at most every 100 ms and writes it in
 * one transaction, chained like any other row (the time of each row is the
 * time of its request).  The queue is flushed at shutdown, after the last
 * request was answered, and before the audit endpoints read the trail.  So
 * a row can be lost only when the process dies hard within those 100 ms;
 * docs/api.md and docs/deploy.md say so.  The writer also prunes ended
 * sessions and old failure records every ten minutes, and it alone
 * checkpoints the write-ahead log: a passive checkpoint once a second,
 * outside the write lock.  Every connection of the server has SQLite's
 * automatic checkpoint-on-commit off, so no request (and no writer holding
 * the lock others wait for) pays for copying the log into the database.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kring/audit.h"
#include "kring/init.h"
#include "server.h"

#define FLUSH_MS 100
#define PRUNE_S 600

struct entry {
	struct entry *next;
	time_t when;
	char action;
	char *who, *on_behalf, *ref, *address, *detail;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
	struct entry *head, **tail;
	unsigned long long queued, written;   /* counts, for flush */
	bool stop, running;
	pthread_t thread;
	char *db_path;
} q = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
        .done = PTHREAD_COND_INITIALIZER, .tail = &q.head };

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

static void entry_free(struct entry *e)
{
	if (!e)
		return;
	free(e->who);
	free(e->on_behalf);
	free(e->ref);
	free(e->address);
	free(e->detail);
	free(e);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A case ref fit for the trail: not too long, no control characters. */
static bool ref_ok(const char *ref)
{
	size_t n = 0;
	if (!ref)
		return true;
	for (; ref[n]; n++)
		if ((unsigned char)ref[n] < 0x20 || ref[n] == 0x7f)
			return false;
	return n > 0 && n <= KR_AUDIT_REF_MAX;
}

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

static const char *on_behalf(const struct ks_req *r)
{
	bool as_share = r->has_share && (!r->has_user || (r->route && r->route->who == KS_SHARE));
	return as_share && r->share.created_by[0] ? r->share.created_by : NULL;
}

void ks_audit_as(struct ks_req *r, const char *who, const char *behalf, char action,
                 const char *ref, const char *detail)
{
	struct entry *e = calloc(1, sizeof *e);
	const char *detail2 = detail;

	if (!ref_ok(ref)) {
		ref = NULL;
		detail2 = "refused: malformed case reference";
	}
	if (!e || !(e->who = dup_or_null(who)) || (behalf && !(e->on_behalf = strdup(behalf))) ||
	    (ref && !(e->ref = strdup(ref))) || !(e->address = dup_or_null(r->addr)) ||
	    (detail2 && !(e->detail = strdup(detail2)))) {
		fprintf(stderr, "kring serve: out of memory: an audit row (%c) is lost\n", action);
		entry_free(e);
		return;
	}
	e->when = r->now;
	e->action = action;
	pthread_mutex_lock(&q.lock);
	*q.tail = e;
	q.tail = &e->next;
	q.queued++;
	pthread_mutex_unlock(&q.lock);
}

void ks_audit(struct ks_req *r, char action, const char *ref, const char *detail)
{
	char who[KS_WHO_BUF];
	ks_audit_as(r, ks_who(r, who), on_behalf(r), action, ref, detail);
}

enum kr_status ks_audit_tx(struct ks_req *r, char action, const char *ref, const char *detail,
                           struct kr_error *err)
{
	char who[KS_WHO_BUF];
	struct kr_audit_entry e;

	memset(&e, 0, sizeof e);
	e.who = ks_who(r, who);
	e.on_behalf = on_behalf(r);
	e.when = r->now;
	e.action = action;
	e.ref = ref;
	e.address = r->addr;
	e.detail = detail;
	return kr_audit_log(r->store, &e, NULL, err);
}

/* Writes the entries of list in one transaction.  Returns 0, or -1 when the
 * database refused (the entries are then kept for the next round). */
static int write_batch(struct kr_store *s, struct entry *list)
{
	struct kr_error err;
	int rc = 0;

	kr_error_init(&err);
	if (ks_begin(s, &err)) {
		rc = -1;
		goto out;
	}
	for (struct entry *e = list; e; e = e->next) {
		struct kr_audit_entry a = { e->who, e->on_behalf, e->when, e->action, e->ref,
		                            e->address, e->detail };
		enum kr_status st = kr_audit_log(s, &a, NULL, &err);
		if (st == KR_EINVAL) {
			fprintf(stderr, "kring serve: audit row refused: %s\n", err.message);
		} else if (st) {
			ks_end(s, false, NULL);
			rc = -1;
			goto out;
		}
	}
	if (ks_end(s, true, &err))
		rc = -1;
out:
	if (rc)
		fprintf(stderr, "kring serve: writing audit rows failed, will retry: %s\n",
		        err.message);
	kr_error_cleanup(&err);
	return rc;
}

static void *writer(void *arg)
{
	struct kr_store *s = NULL;
	struct kr_error err;
	time_t last_prune = 0, last_checkpoint = 0;
	(void)arg;

	kr_error_init(&err);
	if (kr_store_open(q.db_path, &s, &err))
		fprintf(stderr, "kring serve: the audit writer cannot open the database: %s\n",
		        err.message);
	else
		kr_store_autocheckpoint(s, false);
	kr_error_cleanup(&err);
	pthread_mutex_lock(&q.lock);
	for (;;) {
		struct entry *list;
		unsigned long long n = 0;
		struct timespec until;
		bool stop;

		if (!q.head && !q.stop) {
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += FLUSH_MS * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&q.wake, &q.lock, &until);
		}
		list = q.head;
		stop = q.stop;
		q.head = NULL;
		q.tail = &q.head;
		pthread_mutex_unlock(&q.lock);

		for (struct entry *e = list; e; e = e->next)
			n++;
		if (list && s && write_batch(s, list) != 0) {
			/* keep them, in order, in front of what came meanwhile */
			struct entry *last = list;
			struct timespec pause = { 0, 50 * 1000 * 1000 };
			while (last->next)
				last = last->next;
			pthread_mutex_lock(&q.lock);
			last->next = q.head;
			if (!q.head)
				q.tail = &last->next;
			q.head = list;
			pthread_mutex_unlock(&q.lock);
			if (stop)
				break;   /* give up at shutdown rather than hang */
			nanosleep(&pause, NULL);
			pthread_mutex_lock(&q.lock);
			continue;
		}
		while (list) {
			struct entry *next = list->next;
			entry_free(list);
			list = next;
		}
		if (s) {
			/* no connection checkpoints on commit (that would happen while
			 * the other writers wait): it is done here, outside the write
			 * lock, once a second */
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec != last_checkpoint) {
				last_checkpoint = now.tv_sec;
				kr_store_checkpoint(s, NULL);
			}
		}
		if (s && kr_now() - last_prune >= PRUNE_S) {
			last_prune = kr_now();
			kr_session_prune(s, last_prune, NULL);
		}
		pthread_mutex_lock(&q.lock);
		q.written += n;
		pthread_cond_broadcast(&q.done);
		if (stop && !q.head)
			break;
	}
	pthread_mutex_unlock(&q.lock);
	kr_store_close(s);
	return NULL;
}

int ks_audit_start(const char *db_path)
{
	if (!(q.db_path = strdup(db_path)))
		return -1;
	q.stop = false;
	if (pthread_create(&q.thread, NULL, writer, NULL)) {
		fprintf(stderr, "kring serve: cannot start the audit writer\n");
		free(q.db_path);
		q.db_path = NULL;
		return -1;
	}
	q.running = true;
	return 0;
}

void ks_audit_flush(void)
{
	pthread_mutex_lock(&q.lock);
	if (q.running) {
		unsigned long long target = q.queued;
		pthread_cond_signal(&q.wake);
		while (q.written < target && !q.stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += 1;
			pthread_cond_signal(&q.wake);
			if (pthread_cond_timedwait(&q.done, &q.lock, &until) != 0 && q.written < target)
				break;   /* the writer is stuck retrying; do not wait for ever */
		}
	}
	pthread_mutex_unlock(&q.lock);
}

void ks_audit_stop(void)
{
	struct entry *left;

	if (!q.running)
		return;
	pthread_mutex_lock(&q.lock);
	q.stop = true;
	pthread_cond_signal(&q.wake);
	pthread_mutex_unlock(&q.lock);
	pthread_join(q.thread, NULL);
	q.running = false;
	left = q.head;
	if (left)
		fprintf(stderr, "kring serve: some audit rows could not be written at shutdown\n");
	while (left) {
		struct entry *next = left->next;
		entry_free(left);
		left = next;
	}
	q.head = NULL;
	q.tail = &q.head;
	free(q.db_path);
	q.db_path = NULL;
}
