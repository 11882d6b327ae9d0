/*
 * family_store.c - the register of foster families in the store (family.h)
 * on the tables of lib/sql/008_families.sql: families (the latest document
 * and what lists need), family_revisions (append-only), family_placements
 * (which placements of which case name a family, kept with every revision
 * of a case by kri_family_links_sync), and the access decision on a family.
 *
 * The access decision has the shape of access.c's: the role's scope comes
 * from access.h's rule table (read or write of a case), and one SQL
 * predicate per question says whether the family is the user's own (its
 * worker is the user, or in the user's team) or one of the user's cases has
 * a placement in it (read only).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "account_int.h"
#include "assignment_int.h"
#include "family_int.h"
#include "kring/family.h"
#include "store_int.h"

/* The family's own worker is user ?2 (by name), or a user of team ?4 when
 * ?3 is true. */
#define OWN_WORKER \
	"(f.worker = ?2 OR (?3 AND EXISTS (SELECT 1 FROM users w WHERE w.name = f.worker " \
	"AND w.team = ?4)))"

/* One of the cases in scope (user id ?5, team ?3/?4) has a placement in f
 * that is current, planned, or ended less than PLACED_GRACE_DAYS before
 * today (?8): the worker of a child who stayed there years ago no longer
 * reads the family's household and notes. */
#define PLACED_GRACE_DAYS 183
#define PLACED_CASE \
	"EXISTS (SELECT 1 FROM family_placements fp JOIN cases c ON c.id = fp.case_id " \
	"JOIN assignments a ON a.case_ref = c.ref JOIN users v ON v.id = a.user_id " \
	"WHERE fp.family_id = f.id AND (fp.until IS NULL OR fp.until >= ?8) " \
	"AND (a.user_id = ?5 OR (?3 AND v.team = ?4)))"

/* ?1 the family (or ignored), ?2..?5 the user, ?6 "any family", ?7 reading,
 * ?8 the first day whose placements still count (PLACED_CASE). */
static void bind_user(sqlite3_stmt *st, const struct kr_user *u, enum kr_access_scope sc,
                      bool read)
{
	bool team = (sc == KR_SCOPE_TEAM || sc == KR_SCOPE_TEAM_UNASSIGNED) && u->team[0];
	sqlite3_bind_text(st, 2, u->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, team);
	sqlite3_bind_text(st, 4, u->team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, u->id);
	sqlite3_bind_int(st, 6, sc == KR_SCOPE_ANY);
	sqlite3_bind_int(st, 7, read);
	sqlite3_bind_int64(st, 8, kr_today() - PLACED_GRACE_DAYS);
}

static enum kr_access_verdict verdict(enum kr_access_verdict v, const char *why,
                                      const char **reason)
{
	if (reason)
		*reason = why;
	return v;
}

enum kr_access_verdict kr_family_decide(struct kr_store *s, const struct kr_user *u,
                                        const char *id, bool write, const char **reason)
{
	enum kr_access_scope sc;
	struct kr_user cur;
	sqlite3_stmt *st;
	int exists, own, placed;

	if (!kri_account_current(s, u, &cur))
		return verdict(KR_ACCESS_HIDDEN, "no such account, or it is disabled", reason);
	sc = kr_access_scope(&cur, write ? KR_ACCESS_WRITE : KR_ACCESS_READ);
	if (sc == KR_SCOPE_NONE)
		return verdict(KR_ACCESS_FORBIDDEN, "not allowed for this role", reason);
	if (!id || !*id)
		return verdict(KR_ACCESS_HIDDEN, "no family named", reason);
	st = kri_store_stmt(s, "SELECT 1, " OWN_WORKER ", ?7 AND " PLACED_CASE
	                    " FROM families f WHERE f.id = ?1");
	if (!st)
		return verdict(KR_ACCESS_HIDDEN, "the database could not decide", reason);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	bind_user(st, &cur, sc, !write);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		exists = 1;
		own = sqlite3_column_int(st, 1);
		placed = sqlite3_column_int(st, 2);
		break;
	case SQLITE_DONE:
		exists = own = placed = 0;
		break;
	default:
		sqlite3_reset(st);
		return verdict(KR_ACCESS_HIDDEN, "the database could not decide", reason);
	}
	sqlite3_reset(st);
	if (!exists)
		return verdict(KR_ACCESS_HIDDEN, "no such family", reason);
	if (sc == KR_SCOPE_ANY)
		return verdict(KR_ACCESS_ALLOWED, "allowed on every family for this role", reason);
	if (own)
		return verdict(KR_ACCESS_ALLOWED, "the family's own worker, or in their team",
		               reason);
	if (placed)
		return verdict(KR_ACCESS_ALLOWED, "a child of one of your cases is placed there",
		               reason);
	return verdict(KR_ACCESS_HIDDEN, write ? "not the family's own worker or their lead"
	               : "not the family's worker, and none of your cases is placed there "
	               "(now, or until half a year ago)",
	               reason);
}

/* ---- writing ---------------------------------------------------------------- */

enum kr_status kr_family_worker_check(struct kr_store *s, const char *name,
                                      struct kr_error *err)
{
	struct kr_user u;
	struct kr_error quiet;
	enum kr_status rc;

	kr_error_init(&quiet);
	rc = kri_account_find(s, name, &u, NULL, &quiet);
	kr_error_cleanup(&quiet);
	if (rc == KR_ENOTFOUND || (rc == KR_OK && u.disabled)) {
		kr_error_add(err, "worker.account", "er is geen (actief) account \"%s\"",
		             "there is no (enabled) account \"%s\"", name);
		return KR_EINVAL;
	}
	if (rc)
		return kri_store_fail(s, err, "Het account lezen lukt niet",
		                      "Reading the account failed");
	return KR_OK;
}

/* KR_OK when account name exists (and is enabled), else KR_EINVAL with the
 * detail at worker.account and the count as the message. */
static enum kr_status check_worker(struct kr_store *s, const char *name, struct kr_error *err)
{
	enum kr_status rc = kr_family_worker_check(s, name, err);

	if (rc == KR_EINVAL)
		return kr_error_say(err, KR_EINVAL, "het pleeggezin heeft 1 probleem",
		                    "the foster family document has 1 problem");
	return rc;
}

static char *family_dump(const void *rec)
{
	return kr_family_dump(rec, false);
}

/* The family's worker must be an (enabled) account. */
static enum kr_status family_check(struct kr_store *s, const void *rec, time_t now,
                                   struct kr_error *err)
{
	const struct kr_family *f = rec;

	(void)now;
	return f->worker_account ? check_worker(s, f->worker_account, err) : KR_OK;
}

static enum kr_status family_missing(const char *id, struct kr_error *err)
{
	return kr_error_say(err, KR_ENOTFOUND, "pleeggezin %s staat niet in het register",
	                    "foster family %s is not in the register", id);
}

static void family_bind(sqlite3_stmt *st, const void *rec)
{
	const struct kr_family *f = rec;

	sqlite3_bind_text(st, 5, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->worker_account, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, f->capacity < 0 ? 0 : f->capacity);
}

static const struct kri_register families = {
	.head_sql = "SELECT head FROM families WHERE id = ?1",
	.update_sql = "UPDATE families SET head = ?2, updated = ?3, doc = ?4, name = ?5, "
	              "worker = ?6, capacity = ?7 WHERE id = ?1",
	.insert_sql = "INSERT INTO families(id, head, created, updated, doc, name, worker, "
	              "capacity) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
	.revision_sql = "INSERT INTO family_revisions(family_id, rev, author, created, doc) "
	                "VALUES (?1, ?2, ?3, ?4, ?5)",
	.read_fail_nl = "Het pleeggezin lezen lukt niet",
	.read_fail_en = "Reading the foster family failed",
	.noun_nl = "pleeggezin", .noun_en = "foster family",
	.dump = family_dump, .check = family_check, .missing = family_missing,
	.bind = family_bind,
};

enum kr_status kr_family_put(struct kr_store *s, const struct kr_family *f, const char *author,
                             long expect_rev, time_t now, long *rev_out, struct kr_error *err)
{
	return kri_store_register_put(s, &families, f->id, f, author, expect_rev, now, rev_out,
	                              err);
}

enum kr_status kr_family_create(struct kr_store *s, const struct kr_user *u,
                                const struct kr_family *f, time_t now, long *rev_out,
                                struct kr_error *err)
{
	struct kr_user cur;

	if (rev_out)
		*rev_out = 0;
	if (!kri_account_current(s, u, &cur) ||
	    kr_access_scope(&cur, KR_ACCESS_CREATE) == KR_SCOPE_NONE)
		return kr_error_say(err, KR_EPERM, "met jouw rol kun je geen pleeggezin toevoegen",
		                    "your role cannot add a foster family");
	if (!f->worker_account) {
		kr_error_add(err, "worker.account", "noem de eigen begeleider van het pleeggezin (een "
		             "kring-account); zonder begeleider kan niemand het pleeggezin openen",
		             "name the family's own worker (a kring account); without one nobody can "
		             "open the record");
		return kr_error_say(err, KR_EINVAL, "het pleeggezin heeft 1 probleem",
		                    "the foster family document has 1 problem");
	}
	return kr_family_put(s, f, cur.name, -1, now, rev_out, err);
}

/* KR_OK when family id is in the register; otherwise a detail at path and
 * one more in *bad.  KR_EDB when the database fails. */
static enum kr_status known_family(struct kr_store *s, const char *id, const char *path,
                                   size_t *bad, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	if ((rc = kri_stmt(s, "SELECT 1 FROM families WHERE id = ?1", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		return KR_OK;
	if (step != SQLITE_DONE)
		return kri_store_fail(s, err, "Het register lezen lukt niet",
		                      "Reading the register failed");
	kr_error_add(err, path, "onbekend pleeggezin \"%s\": zet het eerst in het register "
	             "(kring family import)", "unknown foster family \"%s\": add it to the "
	             "register first (kring family import)", id);
	(*bad)++;
	return KR_OK;
}

/* The placement p (at path) fits the register's family it names: a family
 * home takes placements of form family_home, a foster family the forms of
 * foster care (full-time, part-time, crisis, support family); network care
 * (p->network) goes to a family registered for network care and stranger
 * care to one registered for strangers.  A mismatch is a detail at path and
 * one more in *bad.  KR_EDB when the database fails. */
static enum kr_status fits_family(struct kr_store *s, const struct kr_placement *p,
                                  const char *path, size_t *bad, struct kr_error *err)
{
	struct kr_family *f = NULL;
	struct kr_error quiet;
	enum kr_status rc;
	bool foster_form = p->form == KR_FORM_FOSTER_FULLTIME ||
	                   p->form == KR_FORM_FOSTER_PARTTIME || p->form == KR_FORM_CRISIS ||
	                   p->form == KR_FORM_SUPPORT_FAMILY;

	kr_error_init(&quiet);
	rc = kr_family_get(s, p->family, &f, NULL, &quiet);
	kr_error_cleanup(&quiet);
	if (rc)
		return rc == KR_ENOTFOUND ? KR_OK : kri_store_fail(s, err, "Het register lezen lukt "
		                                                   "niet", "Reading the register failed");
	if (p->form != KR_FORM_NONE && f->kind == KR_FAMKIND_FAMILY_HOME &&
	    p->form != KR_FORM_FAMILY_HOME) {
		kr_error_add(err, path, "\"%s\" is een gezinshuis; een plaatsing daar heeft de vorm "
		             "family_home", "\"%s\" is a family home; a placement there has the form "
		             "family_home", p->family);
		(*bad)++;
	} else if (p->form != KR_FORM_NONE && f->kind == KR_FAMKIND_FOSTER_FAMILY && !foster_form) {
		kr_error_add(err, path, "\"%s\" is een pleeggezin; een plaatsing daar is pleegzorg "
		             "(voltijd, deeltijd, crisis of steungezin)", "\"%s\" is a foster family; "
		             "a placement there is foster care (full-time, part-time, crisis or "
		             "support family)", p->family);
		(*bad)++;
	}
	if ((p->network == KR_TRUE && f->care == KR_FAMCARE_STRANGER) ||
	    (p->network == KR_FALSE && f->care == KR_FAMCARE_NETWORK)) {
		kr_error_add(err, path, p->network == KR_TRUE ?
		             "\"%s\" staat in het register voor bestandspleegzorg, maar deze plaatsing "
		             "is netwerkpleegzorg (network: true)" :
		             "\"%s\" staat in het register voor netwerkpleegzorg, maar deze plaatsing "
		             "is bij onbekenden (network: false)", p->network == KR_TRUE ?
		             "\"%s\" is registered for stranger care, but this placement is network "
		             "care (network: true)" : "\"%s\" is registered for network care, but this "
		             "placement is with strangers (network: false)", p->family);
		(*bad)++;
	}
	kr_family_free(f);
	return KR_OK;
}

enum kr_status kri_family_links_sync(struct kr_store *s, sqlite3_int64 case_id,
                                     const struct kr_case *c, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	size_t bad = 0;

	if ((rc = kri_stmt(s, "DELETE FROM family_placements WHERE case_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if ((rc = kri_stmt_run(s, st, err)))
		return rc;
	for (size_t i = 0; i < c->nplacements; i++) {
		const struct kr_placement *p = &c->placements[i];
		char path[96];
		size_t before;
		/* the families a matching weighed must be in the register too */
		for (size_t k = 0; k < p->matching.nconsidered; k++) {
			const char *fid = p->matching.considered[k].family;
			if (!fid)
				continue;
			snprintf(path, sizeof path, "placements[%zu].matching.considered[%zu].family", i, k);
			if ((rc = known_family(s, fid, path, &bad, err)))
				return rc;
		}
		if (!p->family)
			continue;
		snprintf(path, sizeof path, "placements[%zu].family", i);
		before = bad;
		if ((rc = known_family(s, p->family, path, &bad, err)))
			return rc;
		if (bad != before)
			continue;
		if ((rc = fits_family(s, p, path, &bad, err)))
			return rc;
		if (bad != before)
			continue;
		if ((rc = kri_stmt(s, "INSERT OR REPLACE INTO family_placements(case_id, placement_id, "
		                   "family_id, start, until) VALUES (?1, ?2, ?3, ?4, ?5)", &st, err)))
			return rc;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_text(st, 2, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, p->family, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, kr_date_first(p->start));
		if (kr_date_valid(p->end))
			sqlite3_bind_int64(st, 5, kr_date_last(p->end));
		if ((rc = kri_stmt_run(s, st, err)))
			return rc;
	}
	if (bad)
		return kr_error_say(err, KR_EINVAL, "dossier %s past niet bij het register van "
		                    "pleeggezinnen (%zu %s)", "case %s does not fit the register of "
		                    "foster families (%zu %s)", c->ref, bad,
		                    kr_tr(err->lang, bad == 1 ? "probleem" : "problemen",
		                          bad == 1 ? "problem" : "problems"));
	return KR_OK;
}

/* ---- reading ---------------------------------------------------------------- */

enum kr_status kr_family_get(struct kr_store *s, const char *id, struct kr_family **out,
                             long *rev_out, struct kr_error *err)
{
	enum kr_status rc;
	char *doc = NULL;
	long rev = 0;

	*out = NULL;
	if (rev_out)
		*rev_out = 0;
	rc = kri_store_head_doc(s, "SELECT head, doc FROM families WHERE id = ?1", id, &doc, &rev,
	                        "Het pleeggezin lezen lukt niet",
	                        "Reading the foster family failed", err);
	if (rc == KR_ENOTFOUND)
		rc = kr_error_say(err, KR_ENOTFOUND, "pleeggezin %s staat niet in het register",
		                  "foster family %s is not in the register", id);
	if (rc == KR_OK && (rc = kr_family_read(doc, strlen(doc), out, err)) == KR_OK && rev_out)
		*rev_out = rev;
	free(doc);
	return rc;
}

enum kr_status kr_family_in_use(struct kr_store *s, const char *id, long day, int *in_use,
                                struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	*in_use = 0;
	if ((rc = kri_stmt(s, "SELECT count(DISTINCT case_id) FROM family_placements WHERE "
	                   "family_id = ?1 AND start <= ?2 AND (until IS NULL OR until >= ?2)",
	                   &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, day);
	if (sqlite3_step(st) == SQLITE_ROW)
		*in_use = sqlite3_column_int(st, 0);
	else
		rc = kri_store_fail(s, err, "Het register lezen lukt niet", "Reading the register failed");
	sqlite3_reset(st);
	return rc;
}

static void copy(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

/* One row of the list: id, head, name, worker, in use, doc. */
static int fill_info(sqlite3_stmt *st, void *element)
{
	struct kr_family_info *fi = element;
	const unsigned char *doc = sqlite3_column_text(st, 5);
	struct kr_family *f = NULL;

	memset(fi, 0, sizeof *fi);
	copy(fi->id, sizeof fi->id, sqlite3_column_text(st, 0));
	fi->revision = (long)sqlite3_column_int64(st, 1);
	copy(fi->name, sizeof fi->name, sqlite3_column_text(st, 2));
	copy(fi->worker, sizeof fi->worker, sqlite3_column_text(st, 3));
	fi->in_use = sqlite3_column_int(st, 4);
	fi->capacity = -1;
	if (doc && kr_family_read((const char *)doc, strlen((const char *)doc), &f, NULL) == KR_OK) {
		fi->kind = f->kind;
		fi->care = f->care;
		fi->availability = f->availability;
		fi->capacity = f->capacity;
	}
	kr_family_free(f);
	if (fi->capacity > fi->in_use && fi->availability == KR_AVAIL_AVAILABLE)
		fi->vacancies = fi->capacity - fi->in_use;
	return 0;
}

enum kr_status kr_family_list(struct kr_store *s, const struct kr_user *u, long day,
                              struct kr_family_info **out, size_t *n, struct kr_error *err)
{
	enum kr_access_scope sc = KR_SCOPE_ANY;
	struct kr_user cur;
	sqlite3_stmt *st;
	enum kr_status rc;
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (u) {
		if (!kri_account_current(s, u, &cur) ||
		    (sc = kr_access_scope(&cur, KR_ACCESS_READ)) == KR_SCOPE_NONE)
			return KR_OK;
	} else {
		memset(&cur, 0, sizeof cur);
	}
	if ((rc = kri_stmt(s, "SELECT f.id, f.head, f.name, f.worker, (SELECT count(DISTINCT "
	                   "p.case_id) FROM family_placements p WHERE p.family_id = f.id AND "
	                   "p.start <= ?1 AND (p.until IS NULL OR p.until >= ?1)), f.doc "
	                   "FROM families f WHERE ?6 OR " OWN_WORKER " OR (?7 AND " PLACED_CASE
	                   ") ORDER BY f.id", &st, err)))
		return rc;
	bind_user(st, &cur, sc, true);
	sqlite3_bind_int64(st, 1, day);
	rc = kri_stmt_rows(s, st, sizeof **out, fill_info, NULL, &v, n, err);
	*out = v;
	return rc;
}

enum kr_status kr_family_counts(struct kr_store *s, long day, struct kr_family_counts *out,
                                struct kr_error *err)
{
	struct kr_family_info *v = NULL;
	enum kr_status rc;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if ((rc = kr_family_list(s, NULL, day, &v, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (v[i].availability == KR_AVAIL_STOPPED)
			continue;
		out->families++;
		out->family_homes += v[i].kind == KR_FAMKIND_FAMILY_HOME;
		out->network += v[i].care == KR_FAMCARE_NETWORK;
		out->capacity += v[i].capacity > 0 ? v[i].capacity : 0;
		out->in_use += v[i].in_use;
		out->vacancies += v[i].vacancies;
	}
	free(v);
	return KR_OK;
}

enum kr_status kr_family_cases(struct kr_store *s, const char *id, char ***refs,
                               char ***placements, size_t *n, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	size_t m = 0;

	*refs = *placements = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT c.ref FROM family_placements p JOIN cases c ON c.id = "
	                   "p.case_id WHERE p.family_id = ?1 ORDER BY c.ref, p.placement_id",
	                   &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = kri_assignment_strings(s, st, refs, n, err)))
		return rc;
	if ((rc = kri_stmt(s, "SELECT p.placement_id FROM family_placements p JOIN cases c ON "
	                   "c.id = p.case_id WHERE p.family_id = ?1 ORDER BY c.ref, "
	                   "p.placement_id", &st, err)))
		goto fail;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = kri_assignment_strings(s, st, placements, &m, err)))
		goto fail;
	if (m == *n)
		return KR_OK;
	kr_assignment_list_free(*placements, m);
	rc = kr_error_say(err, KR_EDB, "het register veranderde tijdens het lezen",
	                  "the register changed while it was read");
fail:
	kr_assignment_list_free(*refs, *n);
	*refs = *placements = NULL;
	*n = 0;
	return rc;
}
