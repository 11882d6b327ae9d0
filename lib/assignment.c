/*
 * assignment.c - the assignments of assignment.h on the `assignments` table
 * of lib/sql/002_access.sql: (case ref, user id, since).  Each write is one
 * unit of the store's transaction helper, so an assignment and its audit
 * row commit together when the caller groups them.
 */
#include <stdlib.h>
#include <string.h>

#include "account_int.h"
#include "assignment_int.h"
#include "kring/date.h"
#include "store_int.h"

void kr_assignment_list_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int fill_string(sqlite3_stmt *st, void *element)
{
	const unsigned char *t = sqlite3_column_text(st, 0);
	char **p = element;
	*p = strdup(t ? (const char *)t : "");
	return *p ? 0 : -1;
}

static void drop_string(void *element)
{
	free(*(char **)element);
}

enum kr_status kri_assignment_strings(struct kr_store *s, sqlite3_stmt *st, char ***out,
                                      size_t *n, struct kr_error *err)
{
	void *v = NULL;
	enum kr_status rc = kri_stmt_rows(s, st, sizeof **out, fill_string, drop_string, &v, n,
	                                  err);
	*out = v;
	return rc;
}

/* KR_OK when case ref exists, else KR_ENOTFOUND or KR_EDB. */
static enum kr_status case_exists(struct kr_store *s, const char *ref, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	if ((rc = kri_stmt(s, "SELECT 1 FROM cases WHERE ref = ?1", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		rc = kr_error_say(err, KR_ENOTFOUND, "Er is geen dossier %s.", "There is no case %s.",
		                  ref);
	else if (step != SQLITE_ROW)
		rc = kri_store_fail(s, err, "Het dossier lezen lukt niet", "Reading the case failed");
	sqlite3_reset(st);
	return rc;
}

enum kr_status kr_assignment_add(struct kr_store *s, const char *ref, const char *name,
                                 time_t now, struct kr_error *err)
{
	char at[KR_DATE_STAMP_LEN];
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_user u;
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = case_exists(s, ref, err)) ||
	    (rc = kri_account_find(s, name, &u, NULL, err)))
		goto out;
	if (u.disabled) {
		rc = kr_error_say(err, KR_EINVAL, "Het account %s staat uit.",
		                  "The account %s is disabled.", u.name);
		goto out;
	}
	kr_date_timestamp(now, at);
	if ((rc = kri_stmt(s, "INSERT OR IGNORE INTO assignments(case_ref, user_id, since) "
	                   "VALUES (?1, ?2, ?3)", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u.id);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	rc = kri_stmt_run(s, st, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_assignment_remove(struct kr_store *s, const char *ref, const char *name,
                                    struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	struct kr_user u;
	enum kr_status rc;

	if ((rc = kri_tx_begin(s, &tx, err)) || (rc = kri_account_find(s, name, &u, NULL, err)))
		goto out;
	if ((rc = kri_stmt(s, "DELETE FROM assignments WHERE case_ref = ?1 AND user_id = ?2",
	                   &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u.id);
	if ((rc = kri_stmt_run(s, st, err)))
		goto out;
	if (sqlite3_changes(kri_store_db(s)) == 0)
		rc = kr_error_say(err, KR_ENOTFOUND, "Dossier %s is niet toegewezen aan %s.",
		                  "Case %s is not assigned to %s.", ref, u.name);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_assignment_list(struct kr_store *s, const char *ref, char ***out,
                                  size_t *n, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id "
	                   "WHERE a.case_ref = ?1 ORDER BY u.name COLLATE BINARY", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	return kri_assignment_strings(s, st, out, n, err);
}
