/*
 * share.c - the share links of share.h on the `share_links` table of
 * lib/sql/002_access.sql.  Whether `by` may share a case is access.c's
 * decision (KR_ACCESS_SHARE), asked again here so that no caller can make or
 * revoke a link without it.  Tokens are token.c's (the share key).
 *
 * A link is bound for good to one person of one case (issue 10): it
 * carries the case's random uid (a case destroyed and made again under the
 * same ref is another case), and it opens only while the store's
 * case_persons row of its person is active and not past the person's last
 * day (store.c keeps that row with every revision and revokes the links of
 * a person who is removed, died, stopped being involved, or whose id came
 * to stand for somebody else).  No link is made for such a person.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth_int.h"
#include "kring/access.h"
#include "kring/case.h"
#include "kring/share.h"
#include "store_int.h"
#include "token_int.h"

#define SHARE_COLS "l.id, l.case_ref, l.person_id, u.name, l.created, l.expires, " \
                   "coalesce(l.revoked, 0)"

static int fill_share(sqlite3_stmt *st, void *element)
{
	struct kr_share *sh = element;
	memset(sh, 0, sizeof *sh);
	sh->id = sqlite3_column_int64(st, 0);
	kri_column_copy(sh->ref, sizeof sh->ref, st, 1);
	kri_column_copy(sh->person, sizeof sh->person, st, 2);
	kri_column_copy(sh->created_by, sizeof sh->created_by, st, 3);
	sh->created = (time_t)sqlite3_column_int64(st, 4);
	sh->expires = (time_t)sqlite3_column_int64(st, 5);
	sh->revoked = (time_t)sqlite3_column_int64(st, 6);
	return 0;
}

static enum kr_status may_share(struct kr_store *s, const struct kr_user *by, const char *ref,
                                struct kr_error *err)
{
	if (!ref || kr_access_decide(s, by, ref, KR_ACCESS_SHARE, NULL) != KR_ACCESS_ALLOWED)
		return kr_error_say(err, KR_EPERM, "Je mag de links van dit dossier niet beheren.",
		                    "You may not manage the links of this case.");
	return KR_OK;
}

bool kr_share_may_link(const struct kr_case *c, size_t i, time_t now)
{
	return c && i < c->npersons && kr_case_person_until(c, i) >= (long)(now / 86400);
}

enum kr_status kr_share_create(struct kr_store *s, const struct kr_user *by, const char *ref,
                               const char *person, time_t expires, time_t now,
                               char token[KR_AUTH_TOKEN_CHARS + 1], long long *id_out,
                               struct kr_error *err)
{
	struct kr_auth_config cfg;
	struct kri_tx tx = KRI_TX_NONE;
	struct kr_case *c = NULL;
	sqlite3_stmt *st;
	unsigned char th[KRI_TOKEN_HASH];
	enum kr_status rc;
	int pi;

	token[0] = '\0';
	if (id_out)
		*id_out = 0;
	kr_auth_config_get(&cfg);
	if ((rc = kri_auth_ready(err)) || (rc = may_share(s, by, ref, err)))
		goto out;
	if (!person || expires <= now || expires - now > cfg.share_max_s) {
		rc = kr_error_say(err, KR_EINVAL, "Een link verloopt binnen %ld dagen.",
		                  "A share link must expire within %ld days.", cfg.share_max_s / 86400);
		goto out;
	}
	if ((rc = kr_store_get(s, ref, 0, &c, err)))
		goto out;
	if ((pi = kr_case_person_index(c, person)) < 0) {
		rc = kr_error_say(err, KR_ENOTFOUND, "Dossier %s heeft geen persoon %s.",
		                  "Case %s has no person %s.", ref, person);
		goto out;
	}
	if (!kr_share_may_link(c, (size_t)pi, now)) {
		rc = kr_error_say(err, KR_EINVAL, "%s is overleden of niet meer betrokken bij "
		                  "dossier %s: voor hem of haar kan geen link gemaakt worden.",
		                  "%s died or is no longer involved in case %s: no link can be made "
		                  "for them.", person, ref);
		goto out;
	}
	if ((rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "INSERT INTO share_links(token_hash, case_ref, person_id, "
	                   "created_by, created, expires, case_uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	                   "(SELECT uid FROM cases WHERE ref = ?2))", &st, err)))
		goto out;
	kri_token_new(KRI_TOKEN_SHARE, token, th);
	sqlite3_bind_blob(st, 1, th, KRI_TOKEN_HASH, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, person, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, by->id);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)expires);
	if ((rc = kri_stmt_run(s, st, err)) == KR_OK && id_out)
		*id_out = sqlite3_last_insert_rowid(kri_store_db(s));
out:
	rc = kri_tx_end(&tx, rc, err);
	kr_case_free(c);
	if (rc) {
		sodium_memzero(token, KR_AUTH_TOKEN_CHARS + 1);
		if (id_out)
			*id_out = 0;
	}
	return rc;
}

enum kr_status kr_share_verify(struct kr_store *s, const char *token, time_t now,
                               struct kr_share *out, struct kr_error *err)
{
	sqlite3_stmt *st;
	unsigned char th[KRI_TOKEN_HASH];
	enum kr_status rc;
	bool same_case = false, person_ok = false;
	int step;

	memset(out, 0, sizeof *out);
	if ((rc = kri_auth_ready(err)))
		return rc;
	if (!kri_token_parse(KRI_TOKEN_SHARE, token, th))
		return kr_error_say(err, KR_EPERM, "Deze link is niet geldig.",
		                    "This link is not valid.");
	/* the link, whether its case is still the case it was made for, and
	 * whether its person may still hold it on day `now` */
	if ((rc = kri_stmt(s, "SELECT " SHARE_COLS ", c.uid IS NOT NULL AND c.uid = l.case_uid, "
	                   "p.state = 'active' AND (p.until IS NULL OR p.until >= ?2) "
	                   "FROM share_links l JOIN users u ON u.id = l.created_by "
	                   "LEFT JOIN cases c ON c.ref = l.case_ref "
	                   "LEFT JOIN case_persons p ON p.case_id = c.id AND p.person_id = l.person_id "
	                   "WHERE l.token_hash = ?1", &st, err)))
		return rc;
	sqlite3_bind_blob(st, 1, th, KRI_TOKEN_HASH, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(now / 86400));
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		fill_share(st, out);
		same_case = sqlite3_column_int(st, 7) == 1;
		person_ok = sqlite3_column_int(st, 8) == 1;
	}
	sqlite3_reset(st);
	if (step == SQLITE_DONE)
		rc = kr_error_say(err, KR_EPERM, "Deze link is niet geldig.",
		                  "This link is not valid.");
	else if (step != SQLITE_ROW)
		rc = kri_store_fail(s, err, "De link lezen lukt niet", "Reading the link failed");
	else if (out->revoked)
		rc = kr_error_say(err, KR_EPERM, "Deze link is ingetrokken.",
		                  "This link was withdrawn.");
	else if (now >= out->expires)
		rc = kr_error_say(err, KR_EPERM, "Deze link is verlopen.", "This link has expired.");
	else if (!same_case || !person_ok)
		rc = kr_error_say(err, KR_EPERM, "Deze link geldt niet meer: de persoon voor wie hij "
		                  "gemaakt is, hoort niet meer bij het dossier.",
		                  "This link no longer holds: the person it was made for is no "
		                  "longer part of the case.");
	if (rc)
		memset(out, 0, sizeof *out);
	return rc;
}

enum kr_status kr_share_revoke(struct kr_store *s, const struct kr_user *by, long long id,
                               time_t now, struct kr_error *err)
{
	struct kri_tx tx = KRI_TX_NONE;
	sqlite3_stmt *st;
	char ref[128] = "";
	enum kr_status rc = KR_OK;
	int step;

	if ((rc = kri_stmt(s, "SELECT case_ref FROM share_links WHERE id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		kri_column_copy(ref, sizeof ref, st, 0);
	sqlite3_reset(st);
	if (step == SQLITE_DONE)
		rc = kr_error_say(err, KR_ENOTFOUND, "Er is geen link %lld.", "There is no link %lld.",
		                  id);
	else if (step != SQLITE_ROW)
		rc = kri_store_fail(s, err, "De link lezen lukt niet", "Reading the link failed");
	if (rc || (rc = may_share(s, by, ref, err)) || (rc = kri_tx_begin(s, &tx, err)))
		goto out;
	if ((rc = kri_stmt(s, "UPDATE share_links SET revoked = ?2 WHERE id = ?1 AND "
	                   "revoked IS NULL", &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(now > 0 ? now : 1));
	rc = kri_stmt_run(s, st, err);
out:
	return kri_tx_end(&tx, rc, err);
}

enum kr_status kr_share_list(struct kr_store *s, const char *ref, struct kr_share **out,
                             size_t *n, struct kr_error *err)
{
	sqlite3_stmt *st;
	void *v = NULL;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT " SHARE_COLS " FROM share_links l JOIN users u "
	                   "ON u.id = l.created_by WHERE l.case_ref = ?1 ORDER BY l.id DESC", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	rc = kri_stmt_rows(s, st, sizeof **out, fill_share, NULL, &v, n, err);
	*out = v;
	return rc;
}
