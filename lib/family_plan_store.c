/*
 * family_plan_store.c - the family plan (family_plan.h) in the store, on the
 * tables of lib/sql/009_family_plans.sql: family_plans (the latest
 * document), family_plan_revisions (append-only) and family_plan_cases (the
 * cases the latest revision links).  Also the checks of a plan against the
 * cases it links, the access decision and what a reader sees.
 *
 * Access is never derived here: every question about a case goes to
 * kr_access_decide() (access.c's rule table).  A plan may be read by
 * whoever may read one of its cases and changed by whoever may write all of
 * them; the view leaves out every case its reader may not read.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "account_int.h"
#include "assignment_int.h"
#include "family_plan_int.h"
#include "kring/assignment.h"
#include "kring/case.h"
#include "kring/enum.h"
#include "kring/family_plan.h"
#include "store_int.h"

/* ---- checks against the store ------------------------------------------------ */

/* Reads the latest revision of each linked case into cases[i] (NULL when
 * there is no such case).  KR_ENOMEM or KR_EDB; the array is the caller's
 * to free with free_cases. */
static enum kr_status load_cases(struct kr_store *s, const struct kr_fplan *p,
                                 struct kr_case **cases, struct kr_error *err)
{
	for (size_t i = 0; i < p->ncases; i++) {
		struct kr_error quiet;
		enum kr_status rc;

		kr_error_init(&quiet);
		rc = kr_store_get(s, p->cases[i], 0, &cases[i], &quiet);
		kr_error_cleanup(&quiet);
		if (rc == KR_ENOTFOUND)
			cases[i] = NULL;
		else if (rc == KR_ENOMEM)
			return kr_error_say(err, rc, "geen geheugen meer", "out of memory");
		else if (rc)
			return kr_error_say(err, KR_EDB, "dossier %s lezen lukt niet",
			                    "reading case %s failed", p->cases[i]);
	}
	return KR_OK;
}

static void free_cases(struct kr_case **cases, size_t n)
{
	for (size_t i = 0; cases && i < n; i++)
		kr_case_free(cases[i]);
	free(cases);
}

static int case_index(const struct kr_fplan *p, const char *ref)
{
	for (size_t i = 0; i < p->ncases; i++)
		if (strcmp(p->cases[i], ref) == 0)
			return (int)i;
	return -1;
}

enum kr_status kr_fplan_check(struct kr_store *s, const struct kr_fplan *p, long today,
                              struct kr_error *err)
{
	struct kr_case **cases = calloc(p->ncases + 1, sizeof *cases);
	enum kr_status rc;
	size_t bad = 0;

	if (!cases)
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	if ((rc = load_cases(s, p, cases, err)))
		goto out;
	for (size_t i = 0; i < p->ncases; i++) {
		char path[32];
		if (cases[i])
			continue;
		snprintf(path, sizeof path, "cases[%zu]", i);
		kr_error_add(err, path, "onbekend dossier \"%s\"", "unknown case \"%s\"", p->cases[i]);
		bad++;
	}
	for (size_t i = 0; i < p->npersons; i++) {
		const struct kr_fplan_person *fp = &p->persons[i];
		int k = case_index(p, fp->case_ref);
		if (k < 0 || !cases[k])
			continue;   /* reported above, or by kr_fplan_read */
		if (kr_case_person_index(cases[k], fp->person) < 0) {
			kr_error_add(err, fp->path, "persoon \"%s\" staat niet in dossier %s",
			             "person \"%s\" is not in case %s", fp->person, fp->case_ref);
			bad++;
		}
	}
	for (size_t i = 0; i < p->nmeetings; i++) {
		const struct kr_fplan_meeting *m = &p->meetings[i];
		bool come = kr_meeting_taken_place(m->date, today);
		char path[64];
		if (come)
			continue;
		if (m->nattended) {
			snprintf(path, sizeof path, "%s.attended", m->path);
			kr_error_add(err, path, "wie er was vul je in als de dag van de bijeenkomst is "
			             "gekomen", "who attended is filled in once the meeting's day has "
			             "come");
			bad++;
		}
		if (m->has_outcome) {
			snprintf(path, sizeof path, "%s.outcome", m->path);
			kr_error_add(err, path, "de uitkomst vul je in als de dag van de bijeenkomst is "
			             "gekomen", "the outcome is filled in once the meeting's day has "
			             "come");
			bad++;
		}
	}
	if (bad)
		rc = kr_error_say(err, KR_EINVAL, bad == 1 ? "het gezinsplan heeft %zu probleem"
		                  : "het gezinsplan heeft %zu problemen", bad == 1 ?
		                  "the family plan has %zu problem" : "the family plan has %zu "
		                  "problems", bad);
out:
	free_cases(cases, p->ncases);
	return rc;
}

/* ---- writing ------------------------------------------------------------------ */

/*
 * The family's meetings count as meetings of each child's case
 * (kr_case_judged), so the signal facts kept per case revision (facts.c:
 * the day facts, and the days kept in day_signals) depend on the plans as
 * well.  When a plan changes, the facts of every case it links (before
 * and after the change) are marked to be judged again: day -1 is never a
 * day asked for, so the next walk recomputes them.
 */
enum kr_status kri_fplan_cases_stale(struct kr_store *s, const char *plan, struct kr_error *err)
{
	static const char *const sql[] = {
		"UPDATE facts SET day = -1 WHERE case_id IN (SELECT c.id FROM cases c JOIN "
		"family_plan_cases f ON f.case_ref = c.ref WHERE f.plan_id = ?1)",
		"DELETE FROM day_signals WHERE case_id IN (SELECT c.id FROM cases c JOIN "
		"family_plan_cases f ON f.case_ref = c.ref WHERE f.plan_id = ?1)",
	};
	sqlite3_stmt *st;
	enum kr_status rc;

	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		if ((rc = kri_stmt(s, sql[i], &st, err)))
			return rc;
		sqlite3_bind_text(st, 1, plan, -1, SQLITE_STATIC);
		if ((rc = kri_stmt_run(s, st, err)))
			return rc;
	}
	return KR_OK;
}

static char *fplan_dump(const void *rec)
{
	return kr_fplan_dump(rec, false);
}

static enum kr_status fplan_check(struct kr_store *s, const void *rec, time_t now,
                                  struct kr_error *err)
{
	return kr_fplan_check(s, rec, (long)(now / 86400), err);
}

static enum kr_status fplan_missing(const char *id, struct kr_error *err)
{
	return kr_error_say(err, KR_ENOTFOUND, "gezinsplan %s bestaat niet",
	                    "family plan %s does not exist", id);
}

static void fplan_bind(sqlite3_stmt *st, const void *rec)
{
	const struct kr_fplan *p = rec;

	sqlite3_bind_text(st, 5, p->name, -1, SQLITE_STATIC);
}

/* The cases of the plan (family_plan_cases), as the plan now has them. */
static enum kr_status fplan_cases(struct kr_store *s, const void *rec, struct kr_error *err)
{
	const struct kr_fplan *p = rec;
	sqlite3_stmt *st;
	enum kr_status rc;

	if ((rc = kri_fplan_cases_stale(s, p->id, err)))    /* the cases it linked */
		return rc;
	if ((rc = kri_stmt(s, "DELETE FROM family_plan_cases WHERE plan_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_run(s, st, err)))
		return rc;
	for (size_t i = 0; i < p->ncases; i++) {
		if ((rc = kri_stmt(s, "INSERT INTO family_plan_cases(plan_id, case_ref) VALUES "
		                   "(?1, ?2)", &st, err)))
			return rc;
		sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p->cases[i], -1, SQLITE_STATIC);
		if ((rc = kri_stmt_run(s, st, err)))
			return rc;
	}
	return kri_fplan_cases_stale(s, p->id, err);         /* the cases it links now */
}

static const struct kri_register family_plans = {
	.head_sql = "SELECT head FROM family_plans WHERE id = ?1",
	.update_sql = "UPDATE family_plans SET head = ?2, updated = ?3, doc = ?4, name = ?5 "
	              "WHERE id = ?1",
	.insert_sql = "INSERT INTO family_plans(id, head, created, updated, doc, name) "
	              "VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
	.revision_sql = "INSERT INTO family_plan_revisions(plan_id, rev, author, created, doc) "
	                "VALUES (?1, ?2, ?3, ?4, ?5)",
	.read_fail_nl = "Het gezinsplan lezen lukt niet",
	.read_fail_en = "Reading the family plan failed",
	.noun_nl = "gezinsplan", .noun_en = "family plan",
	.dump = fplan_dump, .check = fplan_check, .missing = fplan_missing, .bind = fplan_bind,
	.after = fplan_cases,
};

enum kr_status kr_fplan_put(struct kr_store *s, const struct kr_fplan *p, const char *author,
                            long expect_rev, time_t now, long *rev_out, struct kr_error *err)
{
	return kri_store_register_put(s, &family_plans, p->id, p, author, expect_rev, now,
	                              rev_out, err);
}

/* ---- reading ------------------------------------------------------------------ */

enum kr_status kr_fplan_get(struct kr_store *s, const char *id, struct kr_fplan **out,
                            long *rev_out, struct kr_error *err)
{
	enum kr_status rc;
	char *doc = NULL;
	long rev = 0;

	*out = NULL;
	if (rev_out)
		*rev_out = 0;
	rc = kri_store_head_doc(s, "SELECT head, doc FROM family_plans WHERE id = ?1", id, &doc, &rev,
	                        "Het gezinsplan lezen lukt niet",
	                        "Reading the family plan failed", err);
	if (rc == KR_ENOTFOUND)
		rc = kr_error_say(err, KR_ENOTFOUND, "gezinsplan %s bestaat niet",
		                  "family plan %s does not exist", id);
	if (rc == KR_OK && (rc = kr_fplan_read(doc, strlen(doc), out, err)) == KR_OK && rev_out)
		*rev_out = rev;
	free(doc);
	return rc;
}

/* The refs of the cases plan id links (*n 0 when it links none or does not
 * exist), and whether it exists. */
static enum kr_status linked_cases(struct kr_store *s, const char *id, bool *exists,
                                   char ***refs, size_t *n, struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;
	int step;

	*refs = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT 1 FROM family_plans WHERE id = ?1", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return kri_store_fail(s, err, "Het gezinsplan lezen lukt niet",
		                      "Reading the family plan failed");
	*exists = step == SQLITE_ROW;
	if (!*exists)
		return KR_OK;
	if ((rc = kri_stmt(s, "SELECT case_ref FROM family_plan_cases WHERE plan_id = ?1 "
	                   "ORDER BY case_ref", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	return kri_assignment_strings(s, st, refs, n, err);
}

static enum kr_access_verdict verdict(enum kr_access_verdict v, const char *why,
                                      const char **reason)
{
	if (reason)
		*reason = why;
	return v;
}

enum kr_access_verdict kr_fplan_decide(struct kr_store *s, const struct kr_user *u,
                                       const char *id, bool write, const char **reason)
{
	struct kr_user cur;
	struct kr_error quiet;
	char **refs = NULL;
	size_t n = 0, readable = 0, writable = 0;
	bool exists = false;
	enum kr_status rc;

	if (!kri_account_current(s, u, &cur))
		return verdict(KR_ACCESS_HIDDEN, "no such account, or it is disabled", reason);
	if (kr_access_scope(&cur, KR_ACCESS_READ) == KR_SCOPE_NONE ||
	    (write && kr_access_scope(&cur, KR_ACCESS_WRITE) == KR_SCOPE_NONE))
		return verdict(KR_ACCESS_FORBIDDEN, "not allowed for this role", reason);
	if (!id || !*id)
		return verdict(KR_ACCESS_HIDDEN, "no family plan named", reason);
	kr_error_init(&quiet);
	rc = linked_cases(s, id, &exists, &refs, &n, &quiet);
	kr_error_cleanup(&quiet);
	if (rc)
		return verdict(KR_ACCESS_HIDDEN, "the database could not decide", reason);
	for (size_t i = 0; i < n; i++) {
		readable += kr_access_decide(s, &cur, refs[i], KR_ACCESS_READ, NULL) ==
		            KR_ACCESS_ALLOWED;
		writable += write && kr_access_decide(s, &cur, refs[i], KR_ACCESS_WRITE, NULL) ==
		            KR_ACCESS_ALLOWED;
	}
	kr_assignment_list_free(refs, n);
	if (!exists)
		return verdict(KR_ACCESS_HIDDEN, "no such family plan", reason);
	if (!readable)
		return verdict(KR_ACCESS_HIDDEN, "none of its cases is yours", reason);
	if (!write)
		return verdict(KR_ACCESS_ALLOWED, "you may read one of its cases", reason);
	if (writable == n)
		return verdict(KR_ACCESS_ALLOWED, "you may change every case it links", reason);
	return verdict(KR_ACCESS_FORBIDDEN, "you may not change every case it links", reason);
}

enum kr_status kr_fplan_may_write(struct kr_store *s, const struct kr_user *u,
                                  const struct kr_fplan *p, struct kr_error *err)
{
	size_t bad = 0;

	for (size_t i = 0; i < p->ncases; i++) {
		char path[32];
		if (kr_access_decide(s, u, p->cases[i], KR_ACCESS_WRITE, NULL) == KR_ACCESS_ALLOWED)
			continue;
		snprintf(path, sizeof path, "cases[%zu]", i);
		kr_error_add(err, path, "dossier \"%s\" bestaat niet of je mag het niet wijzigen; "
		             "een gezinsplan wijzig je alleen als je elk dossier erin mag wijzigen",
		             "case \"%s\" does not exist or you may not change it; you change a "
		             "family plan only when you may change every case it links",
		             p->cases[i]);
		bad++;
	}
	if (bad)
		return kr_error_say(err, KR_EPERM, "je mag niet elk dossier van dit gezinsplan "
		                    "wijzigen", "you may not change every case of this family plan");
	return KR_OK;
}

/* One row of the list: id, head, name. */
static int fill_info(sqlite3_stmt *st, void *element)
{
	struct kr_fplan_info *fi = element;

	memset(fi, 0, sizeof *fi);
	kri_column_copy(fi->id, sizeof fi->id, st, 0);
	fi->revision = (long)sqlite3_column_int64(st, 1);
	kri_column_copy(fi->name, sizeof fi->name, st, 2);
	return 0;
}

enum kr_status kr_fplan_list(struct kr_store *s, const struct kr_user *u, const char *ref,
                             struct kr_fplan_info **out, size_t *n, struct kr_error *err)
{
	struct kr_fplan_info *v = NULL;
	sqlite3_stmt *st;
	enum kr_status rc;
	void *rows = NULL;
	size_t m = 0, k = 0;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT p.id, p.head, p.name FROM family_plans p WHERE ?1 IS NULL "
	                   "OR EXISTS (SELECT 1 FROM family_plan_cases c WHERE c.plan_id = p.id "
	                   "AND c.case_ref = ?1) ORDER BY p.id", &st, err)))
		return rc;
	if (ref)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	if ((rc = kri_stmt_rows(s, st, sizeof *v, fill_info, NULL, &rows, &m, err)))
		return rc;
	v = rows;
	for (size_t i = 0; i < m; i++)
		if (!u || kr_fplan_decide(s, u, v[i].id, false, NULL) == KR_ACCESS_ALLOWED)
			v[k++] = v[i];
	if (k == 0) {
		free(v);
		v = NULL;
	}
	*out = v;
	*n = k;
	return KR_OK;
}

/* ---- the reader's view --------------------------------------------------------- */

/* True when person ref r ({"case", "person"}) is in a case of shown. */
static bool ref_shown(json_t *r, json_t *shown)
{
	json_t *c = json_object_get(r, "case");
	return json_is_string(c) && json_object_get(shown, json_string_value(c));
}

/* Removes from list key of every item of list `coll` the refs to cases not
 * shown. */
static void filter_lists(json_t *doc, const char *coll, const char *key, json_t *shown)
{
	json_t *item;
	size_t i;

	json_array_foreach(json_object_get(doc, coll), i, item) {
		json_t *arr = json_object_get(item, key);
		for (size_t k = json_array_size(arr); k-- > 0;)
			if (!ref_shown(json_array_get(arr, k), shown))
				json_array_remove(arr, k);
	}
}

/* Removes key (one person ref) of every item of coll when it is not shown. */
static void filter_one(json_t *doc, const char *coll, const char *key, json_t *shown)
{
	json_t *item, *r;
	size_t i;

	json_array_foreach(json_object_get(doc, coll), i, item)
		if ((r = json_object_get(item, key)) && json_is_object(r) && !ref_shown(r, shown))
			json_object_del(item, key);
}

void kri_fplan_filter(json_t *doc, json_t *shown)
{
	json_t *cases = json_object_get(doc, "cases");

	for (size_t k = json_array_size(cases); k-- > 0;) {
		json_t *c = json_array_get(cases, k);
		if (!json_is_string(c) || !json_object_get(shown, json_string_value(c)))
			json_array_remove(cases, k);
	}
	filter_lists(doc, "goals", "who", shown);
	filter_lists(doc, "agreements", "who", shown);
	filter_lists(doc, "meetings", "invited", shown);
	filter_lists(doc, "meetings", "attended", shown);
	filter_one(doc, "meetings", "coordinator", shown);
	filter_one(doc, "wishes", "by", shown);
}

/* The persons of case c a form may name: [{"id", "name"}]. */
static json_t *persons_json(const struct kr_case *c)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < c->npersons; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "id", c->persons[i].id, "name",
		                      kr_case_person_name(c, (int)i)));
	return arr;
}

/* The child of case c: the child's own wishes and the plan's goals. */
static json_t *child_json(const char *ref, const struct kr_case *c)
{
	json_t *j, *wishes = json_array(), *goals = json_array();
	char d[16];
	int age;

	for (size_t i = 0; wishes && i < c->plan.nwishes; i++) {
		const struct kr_wish *w = &c->plan.wishes[i];
		if (w->by != c->child)
			continue;
		json_array_append_new(wishes, json_pack("{s:s, s:s?, s:s?, s:s?}", "id", w->id,
		                      "text", w->text, "date", kr_date_valid(w->date) ?
		                      kr_date_format(w->date, d) : NULL, "response",
		                      w->response && *w->response ? w->response : NULL));
	}
	for (size_t i = 0; goals && i < c->plan.ngoals; i++)
		json_array_append_new(goals, json_pack("{s:s, s:s?, s:s?}", "id", c->plan.goals[i].id,
		                      "text", c->plan.goals[i].text, "indicator",
		                      c->plan.goals[i].indicator));
	if (!wishes || !goals) {
		json_decref(wishes);
		json_decref(goals);
		return NULL;
	}
	age = kr_age_years(c->persons[c->child].born, kr_today());
	j = json_pack("{s:s, s:{s:s, s:s, s:s?, s:o}, s:o, s:o, s:o*}", "case", ref, "child", "id",
	              c->persons[c->child].id, "name", kr_case_person_name(c, c->child), "born",
	              kr_date_valid(c->persons[c->child].born) ?
	              kr_date_format(c->persons[c->child].born, d) : NULL,
	              "age", age >= 0 ? json_integer(age) : json_null(),
	              "wishes", wishes, "goals", goals, "people", persons_json(c));
	return j;
}

enum kr_status kr_fplan_view(struct kr_store *s, const struct kr_user *u,
                             const struct kr_fplan *p, long rev, void **out,
                             struct kr_error *err)
{
	struct kr_case **cases = calloc(p->ncases + 1, sizeof *cases);
	json_t *doc = NULL, *shown = json_object(), *children = json_array();
	json_t *names = json_object(), *j = NULL;
	enum kr_status rc;

	*out = NULL;
	if (!cases || !shown || !children || !names ||
	    !(doc = json_deep_copy(p->priv))) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto out;
	}
	if ((rc = load_cases(s, p, cases, err)))
		goto out;
	for (size_t i = 0; i < p->ncases; i++) {
		if (!cases[i] || (u && kr_access_decide(s, u, p->cases[i], KR_ACCESS_READ, NULL) !=
		                  KR_ACCESS_ALLOWED))
			continue;
		json_object_set_new(shown, p->cases[i], json_true());
		json_array_append_new(children, child_json(p->cases[i], cases[i]));
	}
	for (size_t i = 0; i < p->npersons; i++) {
		const struct kr_fplan_person *fp = &p->persons[i];
		int k = case_index(p, fp->case_ref), pi;
		char key[140];
		if (k < 0 || !cases[k] || !json_object_get(shown, fp->case_ref) ||
		    (pi = kr_case_person_index(cases[k], fp->person)) < 0)
			continue;
		snprintf(key, sizeof key, "%s/%s", fp->case_ref, fp->person);
		json_object_set_new(names, key, json_string(kr_case_person_name(cases[k], pi)));
	}
	kri_fplan_filter(doc, shown);
	if (!(j = json_pack("{s:s, s:I, s:b, s:O, s:O, s:O}", "id", p->id, "revision",
	                    (json_int_t)rev, "may_write", !u || kr_fplan_decide(s, u, p->id, true,
	                    NULL) == KR_ACCESS_ALLOWED, "plan", doc, "children", children,
	                    "persons", names))) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto out;
	}
	*out = j;
out:
	free_cases(cases, p->ncases);
	json_decref(doc);
	json_decref(shown);
	json_decref(children);
	json_decref(names);
	return rc;
}

/* ---- the family's meetings as the child's -------------------------------------- */

/* What a judged case owns: the merged meetings, the person lists and ids
 * of the projected ones, and the plan documents their texts are borrowed
 * from. */
struct judged_priv {
	struct kr_meeting *meetings;
	void **own; size_t nown, capown;
	json_t *docs;
};

static bool keep(struct judged_priv *jp, void *p)
{
	if (!p)
		return false;
	if (jp->nown == jp->capown) {
		size_t cap = jp->capown ? jp->capown * 2 : 16;
		void **g = realloc(jp->own, cap * sizeof *g);
		if (!g) {
			free(p);
			return false;
		}
		jp->own = g;
		jp->capown = cap;
	}
	jp->own[jp->nown++] = p;
	return true;
}

/* The persons of case c in list arr ([{"case", "person"}]): indices into
 * *out (kept by jp), their count in *n.  False when out of memory. */
static bool own_persons(struct judged_priv *jp, const struct kr_case *c, json_t *arr, int **out,
                        size_t *n)
{
	json_t *r;
	size_t i;
	int *v;

	*out = NULL;
	*n = 0;
	if (!json_array_size(arr))
		return true;
	if (!keep(jp, v = malloc(json_array_size(arr) * sizeof *v)))
		return false;
	json_array_foreach(arr, i, r) {
		const char *ref = json_string_value(json_object_get(r, "case"));
		const char *id = json_string_value(json_object_get(r, "person"));
		int k;
		if (!ref || !id || strcmp(ref, c->ref) || (k = kr_case_person_index(c, id)) < 0)
			continue;
		for (size_t d = 0; d < *n; d++)
			if (v[d] == k)
				goto dup;
		v[(*n)++] = k;
dup:
		;
	}
	*out = v;
	return true;
}

/* Meeting mj of plan `plan` projected onto case c into *m: false when it
 * does not count for c (no date, none of c's persons in it); *nomem when
 * out of memory. */
static bool project(struct judged_priv *jp, const struct kr_case *c, const char *plan,
                    json_t *mj, struct kr_meeting *m, bool *nomem)
{
	const char *mid = json_string_value(json_object_get(mj, "id"));
	const char *t = json_string_value(json_object_get(mj, "type"));
	json_t *co = json_object_get(mj, "coordinator");
	const char *cref = json_string_value(json_object_get(co, "case"));
	const char *cid = json_string_value(json_object_get(co, "person"));
	size_t size;
	char *id;

	memset(m, 0, sizeof *m);
	if (!mid || !kr_date_parse(json_string_value(json_object_get(mj, "date")) ?
	                           json_string_value(json_object_get(mj, "date")) : "", &m->date))
		return false;
	m->coordinator = cref && cid && !strcmp(cref, c->ref) ? kr_case_person_index(c, cid) : -1;
	if (!own_persons(jp, c, json_object_get(mj, "invited"), &m->invited, &m->ninvited) ||
	    !own_persons(jp, c, json_object_get(mj, "attended"), &m->attended, &m->nattended)) {
		*nomem = true;
		return false;
	}
	if (!m->ninvited && !m->nattended && m->coordinator < 0)
		return false;    /* the family met, but without anyone of this child's case */
	size = strlen(plan) + strlen(mid) + 2;
	if (!keep(jp, id = malloc(size))) {
		*nomem = true;
		return false;
	}
	snprintf(id, size, "%s/%s", plan, mid);
	m->id = id;
	m->type = t && kr_enum_value(KR_ENUM_MEETING_TYPE, t) ?
	          (enum kr_meeting_type)kr_enum_value(KR_ENUM_MEETING_TYPE, t) : KR_MEET_OTHER;
	m->continuum = KR_CONT_NONE;
	m->time = json_string_value(json_object_get(mj, "time"));
	m->place = json_string_value(json_object_get(mj, "place"));
	m->outcome = json_string_value(json_object_get(mj, "outcome"));
	return true;
}

enum kr_status kr_case_judged(struct kr_store *s, const struct kr_case *c,
                              struct kr_case_judged *out, struct kr_error *err)
{
	struct judged_priv *jp = NULL;
	struct kr_meeting *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	enum kr_status rc;
	bool nomem = false;
	int step;

	memset(out, 0, sizeof *out);
	out->c = *c;
	if ((rc = kri_stmt(s, "SELECT p.id, p.doc FROM family_plan_cases fc JOIN family_plans p "
	                   "ON p.id = fc.plan_id WHERE fc.case_ref = ?1 ORDER BY p.id", &st, err)))
		return rc;
	sqlite3_bind_text(st, 1, c->ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !nomem) {
		const char *doc = (const char *)sqlite3_column_text(st, 1);
		json_t *j = doc ? json_loads(doc, 0, NULL) : NULL, *mj;
		char plan[65];
		size_t i;

		if (!j)
			continue;   /* a stored plan was checked when it was put */
		kri_column_copy(plan, sizeof plan, st, 0);
		if (!jp && (!(jp = calloc(1, sizeof *jp)) || !(jp->docs = json_array()))) {
			json_decref(j);
			nomem = true;
			break;
		}
		json_array_append_new(jp->docs, j);
		json_array_foreach(json_object_get(j, "meetings"), i, mj) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 4;
				struct kr_meeting *g = realloc(v, nc * sizeof *g);
				if (!g) {
					nomem = true;
					break;
				}
				v = g;
				cap = nc;
			}
			if (project(jp, c, plan, mj, &v[n], &nomem))
				n++;
			if (nomem)
				break;
		}
	}
	if (!nomem && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = kri_store_fail(s, err, "Het gezinsplan lezen lukt niet",
		                    "Reading the family plan failed");
	sqlite3_reset(st);
	out->priv = jp;
	if (nomem)
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
	if (rc || n == 0)
		goto out;
	if (!(jp->meetings = malloc((c->nmeetings + n) * sizeof *jp->meetings))) {
		rc = kr_error_say(err, KR_ENOMEM, "geen geheugen meer", "out of memory");
		goto out;
	}
	if (c->nmeetings)
		memcpy(jp->meetings, c->meetings, c->nmeetings * sizeof *jp->meetings);
	memcpy(jp->meetings + c->nmeetings, v, n * sizeof *v);
	out->c.meetings = jp->meetings;
	out->c.nmeetings = c->nmeetings + n;
	out->nfamily = n;
out:
	free(v);
	return rc;
}

void kr_case_judged_cleanup(struct kr_case_judged *j)
{
	struct judged_priv *jp;

	if (!j || !(jp = j->priv))
		return;
	for (size_t i = 0; i < jp->nown; i++)
		free(jp->own[i]);
	free(jp->own);
	free(jp->meetings);
	json_decref(jp->docs);
	free(jp);
	j->priv = NULL;
}

bool kr_meeting_from_family_plan(const struct kr_meeting *m, char *plan, size_t size)
{
	const char *slash = m && m->id ? strchr(m->id, '/') : NULL;

	if (!slash)
		return false;
	if (plan && size)
		snprintf(plan, size, "%.*s", (int)(slash - m->id), m->id);
	return true;
}

enum kr_status kr_fplan_case_refs(struct kr_store *s, char ***out, size_t *n,
                                  struct kr_error *err)
{
	sqlite3_stmt *st;
	enum kr_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = kri_stmt(s, "SELECT DISTINCT case_ref FROM family_plan_cases ORDER BY "
	                   "case_ref COLLATE BINARY", &st, err)))
		return rc;
	return kri_assignment_strings(s, st, out, n, err);
}
