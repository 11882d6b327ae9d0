/*
 * inbox.c - the inbox of inbox.h: the wishes and done-marks of share-link
 * holders since a worker last looked, derived from the revisions the
 * holders made (their author is "share:<person id>") through diff.c, and
 * the worker's "seen" mark per case in the table inbox_seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kring/diff.h"
#include "kring/inbox.h"
#include "store_int.h"

void kr_inbox_free(struct kr_inbox_item *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].text);
	free(v);
}

/* The revision user u has seen of case ref (0 when never marked). */
static enum kr_status seen_rev(struct kr_store *s, const struct kr_user *u, const char *ref,
                               long *rev, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	*rev = 0;
	if ((rc = kri_stmt(s, "SELECT rev FROM inbox_seen WHERE user_id = ?1 AND case_ref = ?2",
	                   &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*rev = (long)sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Lezen wat je al zag lukt niet",
		                    "Reading what you have seen failed");
	sqlite3_reset(st);
	return rc;
}

/* Adds the items of one holder's revision (its changes in d) to *v. */
static enum kr_status add_items(const struct kr_revision_info *info, const struct kr_case *c,
                                const struct kr_diff *d, struct kr_inbox_item **v, size_t *n,
                                struct kr_error *err)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct kr_change *ch = &d->v[i];
		struct kr_inbox_item it, *g;
		const char *text = NULL;
		bool done = false;

		memset(&it, 0, sizeof it);
		if (strcmp(ch->collection, "wishes") == 0 && ch->op == KR_CHANGE_ADDED) {
			it.kind = KR_INBOX_WISH;
			text = json_string_value(json_object_get(ch->new_value, "text"));
		} else if (strcmp(ch->collection, "agreements") == 0 && ch->op == KR_CHANGE_CHANGED) {
			for (size_t k = 0; k < ch->nfields; k++)
				done = done || (strcmp(ch->fields[k].field, "status") == 0 &&
				                json_string_value(ch->fields[k].new_value) &&
				                strcmp(json_string_value(ch->fields[k].new_value), "done") == 0);
			if (!done)
				continue;
			it.kind = KR_INBOX_DONE;
			for (size_t k = 0; k < c->plan.nagreements; k++)
				if (ch->item && strcmp(c->plan.agreements[k].id, ch->item) == 0)
					text = c->plan.agreements[k].what;
		} else {
			continue;
		}
		it.rev = info->rev;
		snprintf(it.at, sizeof it.at, "%s", info->created);
		snprintf(it.person, sizeof it.person, "%s", info->author + 6);
		kr_diff_author(c, info->author, it.who, sizeof it.who);
		snprintf(it.id, sizeof it.id, "%s", ch->item ? ch->item : "");
		if (!(it.text = strdup(text ? text : "")) || !(g = realloc(*v, (*n + 1) * sizeof *g))) {
			free(it.text);
			return kr_error_say(err, KR_ENOMEM, "te weinig geheugen", "out of memory");
		}
		*v = g;
		g[(*n)++] = it;
	}
	return KR_OK;
}

enum kr_status kr_inbox_case(struct kr_store *s, const struct kr_user *u, const char *ref,
                             struct kr_inbox_item **out, size_t *n, long *head,
                             struct kr_error *err)
{
	struct kr_revision_info *info = NULL;
	struct kr_inbox_item *v = NULL;
	size_t ninfo = 0, k = 0;
	long seen = 0;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if (head)
		*head = 0;
	if ((rc = seen_rev(s, u, ref, &seen, err)) ||
	    (rc = kr_store_history(s, ref, &info, &ninfo, err)))
		goto out;
	if (ninfo == 0) {
		rc = kr_error_say(err, KR_ENOTFOUND, "er is geen dossier %s", "there is no case %s",
		                  ref);
		goto out;
	}
	if (head)
		*head = info[ninfo - 1].rev;
	for (size_t i = 0; i < ninfo; i++) {
		struct kr_case *before = NULL, *after = NULL;
		struct kr_diff d;
		if (info[i].rev <= seen || strncmp(info[i].author, "share:", 6) != 0)
			continue;
		memset(&d, 0, sizeof d);
		if (!(rc = kr_store_get(s, ref, info[i].rev, &after, err)) && info[i].rev > 1)
			rc = kr_store_get(s, ref, info[i].rev - 1, &before, err);
		if (!rc && before)
			rc = kr_diff_cases(before, after, &d, err);
		if (!rc && before)
			rc = add_items(&info[i], after, &d, &v, &k, err);
		kr_diff_cleanup(&d);
		kr_case_free(before);
		kr_case_free(after);
		if (rc)
			goto out;
	}
	*out = v;
	*n = k;
	v = NULL;
out:
	kr_inbox_free(v, k);
	free(info);
	return rc;
}

enum kr_status kr_inbox_count(struct kr_store *s, const struct kr_user *u, const char *ref,
                              size_t *n, struct kr_error *err)
{
	struct kr_inbox_item *v = NULL;
	enum kr_status rc = kr_inbox_case(s, u, ref, &v, n, NULL, err);
	kr_inbox_free(v, *n);
	if (rc)
		*n = 0;
	return rc;
}

enum kr_status kr_inbox_seen(struct kr_store *s, const struct kr_user *u, const char *ref,
                             long rev, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	long head = 0;
	enum kr_status rc;

	if ((rc = kr_store_head(s, ref, &head, err)))
		return rc;
	if (rev <= 0)
		rev = head;
	if (rev > head)
		return kr_error_say(err, KR_ENOTFOUND, "dossier %s heeft geen versie %ld (de laatste "
		                    "is %ld)", "case %s has no revision %ld (the latest is %ld)", ref,
		                    rev, head);
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "INSERT INTO inbox_seen(user_id, case_ref, rev) VALUES (?1, ?2, ?3) "
	                   "ON CONFLICT(user_id, case_ref) DO UPDATE SET rev = max(rev, excluded.rev)",
	                   &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, rev);
	rc = kri_stmt_run(s, st, err);
out:
	return kri_tx_end(&tx, rc, err);
}

void *kr_inbox_json(const struct kr_inbox_item *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_pack("{s:I, s:s, s:{s:s, s:s}, s:s, s:s, s:s}",
		                          "revision", (json_int_t)v[i].rev, "at", v[i].at, "person",
		                          "id", v[i].person, "who", v[i].who, "kind",
		                          v[i].kind == KR_INBOX_WISH ? "wish" : "done", "id", v[i].id,
		                          "text", v[i].text ? v[i].text : ""))) {
			json_decref(a);
			return NULL;
		}
	return a;
}
