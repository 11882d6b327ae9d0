/*
 * family_plan.h - the family plan (gezinsplan): one plan for siblings who
 * each have their own case, Wraparound's "1 gezin, 1 plan"
 * (docs/family-plan.md).
 *
 * A family plan arrives as a `kring-familyplan/1` JSON document: the cases
 * it links (two or more, the siblings'), the family's own goals, agreements
 * and wishes, and the network meetings held for the whole family.  Persons
 * are named as {"case": ref, "person": id}: a person of one of the linked
 * cases.  kr_fplan_read() checks the document on its own (types, ids,
 * dates, that every person ref names a linked case); kr_fplan_check() checks
 * it against the store (the cases exist, the persons are in them, a meeting
 * has attended/outcome only once its day has come).  What each child wants
 * and aims for is not copied into the family plan: kr_fplan_view() takes it
 * from the child's own case when the plan is read.
 *
 * Access, from access.h's rule table through kr_access_decide() on every
 * linked case:
 *
 *   read   whoever may read at least one linked case; they see the family
 *          part and only the children of the cases they may read (the others
 *          are left out entirely, with the persons who belong to them);
 *   write  whoever may write every linked case (of the stored plan and of
 *          the new document).
 *
 * Functions that write take part in the open transaction (store_int.h).
 * Strings in struct kr_fplan are borrowed from the document and live as
 * long as the plan.
 */
#ifndef KRING_FAMILY_PLAN_H
#define KRING_FAMILY_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/access.h"
#include "kring/account.h"
#include "kring/case.h"
#include "kring/date.h"
#include "kring/diff.h"
#include "kring/error.h"
#include "kring/store.h"

#define KR_FPLAN_FORMAT "kring-familyplan/1"
#define KR_FPLAN_MAX_BYTES (1024u * 1024u)
#define KR_FPLAN_MAX_CASES 12

/* A person of one of the linked cases, with where the document names it
 * (`meetings[0].invited[2]`). */
struct kr_fplan_person {
	const char *case_ref;
	const char *person;
	char path[96];
};

/* A family meeting, as far as the store's checks need it. */
struct kr_fplan_meeting {
	const char *id;
	struct kr_date date;       /* unset when not planned yet */
	bool has_outcome;          /* outcome given (non-empty) */
	size_t nattended;
	char path[32];             /* `meetings[0]` */
};

struct kr_fplan {
	const char *id;
	const char *name;          /* may be NULL */
	const char **cases; size_t ncases;     /* the linked cases, in document order */
	struct kr_fplan_person *persons; size_t npersons;   /* every person ref */
	struct kr_fplan_meeting *meetings; size_t nmeetings;
	void *priv;                /* the document; library-private */
};

/* Validates a kring-familyplan/1 document of len bytes on its own and
 * builds the model.  On success *out is a new plan freed with
 * kr_fplan_free().  On failure *out is NULL and the status is KR_EINVAL
 * (one "path: message" detail per problem), KR_ETOOBIG (over
 * KR_FPLAN_MAX_BYTES) or KR_ENOMEM. */
enum kr_status kr_fplan_read(const char *text, size_t len, struct kr_fplan **out,
                             struct kr_error *err);

/* The same for a parsed jansson document (json_t *, as void *); the plan
 * takes its own reference. */
enum kr_status kr_fplan_from_json(void *doc, struct kr_fplan **out, struct kr_error *err);

/* Frees a plan.  Accepts NULL. */
void kr_fplan_free(struct kr_fplan *p);

/* The document as text, pretty (2-space indent, trailing newline) or
 * compact: a malloc'd string the caller frees, NULL when out of memory. */
char *kr_fplan_dump(const struct kr_fplan *p, bool pretty);

/* ---- in the store --------------------------------------------------------- */

/* Checks plan p against the store on day `today`: every linked case exists
 * (`cases[1]: unknown case "PZ-2026-0199"`), every person ref names a
 * person of its case (`meetings[0].invited[2]: person "p9" is not in case
 * PZ-2026-0101`), and a meeting has attended or an outcome only when its
 * date has come.  KR_EINVAL with one detail per problem; KR_EDB. */
enum kr_status kr_fplan_check(struct kr_store *s, const struct kr_fplan *p, long today,
                              struct kr_error *err);

/* Stores plan p as its next revision by author at time now, after
 * kr_fplan_check() on the day of now.  expect_rev -1: the plan must be new
 * (KR_ECONFLICT when it exists); 0: either; > 0: the latest revision must be
 * expect_rev (KR_ECONFLICT otherwise, KR_ENOTFOUND when there is no such
 * plan).  Keeps which cases the plan links.  *rev_out (may be NULL)
 * receives the new revision, 0 on failure.  Acts for whoever the caller
 * is: a front door decides access first (kr_fplan_decide,
 * kr_fplan_may_write). */
enum kr_status kr_fplan_put(struct kr_store *s, const struct kr_fplan *p, const char *author,
                            long expect_rev, time_t now, long *rev_out, struct kr_error *err);

/* Reads plan id (its latest revision) into *out (free with kr_fplan_free),
 * its revision into *rev_out (may be NULL).  KR_ENOTFOUND when there is
 * none; *out NULL on failure. */
enum kr_status kr_fplan_get(struct kr_store *s, const char *id, struct kr_fplan **out,
                            long *rev_out, struct kr_error *err);

/* One plan in a list: nothing about the cases, so a list tells nobody how
 * many children a family has beyond those they may read. */
struct kr_fplan_info {
	char id[65];
	char name[201];            /* "" when the document has none */
	long revision;
};

/* Every plan ordered by id; or, when u is not NULL, only those u may read
 * (kr_fplan_decide); or, when ref is not NULL, only those that link case
 * ref.  *out is a malloc'd array of *n entries the caller frees with free()
 * (NULL and 0 when none, and on failure). */
enum kr_status kr_fplan_list(struct kr_store *s, const struct kr_user *u, const char *ref,
                             struct kr_fplan_info **out, size_t *n, struct kr_error *err);

/* The access decision for plan id: may user u read it (write false) or
 * change it (write true)?  ALLOWED; FORBIDDEN (the role never may, or u
 * may read the plan but not write every case it links: 403); HIDDEN (no
 * such plan, or u may read none of its cases: 404).  Fails closed
 * (HIDDEN).  *reason (may be NULL) receives a short static English
 * sentence for the audit trail. */
enum kr_access_verdict kr_fplan_decide(struct kr_store *s, const struct kr_user *u,
                                       const char *id, bool write, const char **reason);

/* Whether u may write every case that plan p links: KR_OK; otherwise
 * KR_EPERM with a detail per case at its path (`cases[1]: ...`), worded
 * the same for a case that does not exist and one u may not read. */
enum kr_status kr_fplan_may_write(struct kr_store *s, const struct kr_user *u,
                                  const struct kr_fplan *p, struct kr_error *err);

/* What a reader sees of plan p (revision rev): a new JSON object (json_t *,
 * as void *) in *out,
 *
 *   {"id", "revision", "may_write": true|false, "plan": <the document>,
 *    "children": [{"case", "child": {"id", "name", "born"}, "wishes": [...],
 *                  "goals": [...], "people": [{"id", "name"}]}],
 *    "persons": {"<case>/<person>": "name"}}
 *
 * with one child per linked case u may read (u NULL: the operator, every
 * case), from that case's latest revision: the child's own wishes (by the
 * child), the goals of the case's plan and the persons of the case (whom a
 * form may name).  may_write is kr_fplan_decide(..., write true) for u
 * (true for the operator): a front end shows its edit buttons by it and
 * decides nothing itself.  A case u may not read, or that
 * no longer exists, is left out entirely: its ref is removed from
 * plan.cases and every person ref into it from the plan's lists (a
 * coordinator becomes absent), so nothing tells its name or that it is
 * there.  KR_ENOMEM, KR_EDB; *out NULL on failure. */
enum kr_status kr_fplan_view(struct kr_store *s, const struct kr_user *u,
                             const struct kr_fplan *p, long rev, void **out,
                             struct kr_error *err);

/* ---- the family's meetings as the child's (family_plan_store.c) ------------ */

/* A case as it is judged: a shallow copy of the case with the meetings of
 * the family plans it is in appended to its own (docs/family-plan.md, "The
 * family meeting in each child's case").  A family meeting counts for a
 * child's case when at least one person of that case was invited, came or
 * coordinated it, and it has a date.  It is projected onto the case: id
 * "<plan id>/<meeting id>" (a case's own meeting ids have no '/': see
 * kr_meeting_from_family_plan), date, type (`other` when the plan gives
 * none), time, place, the family's outcome, and only the persons of THIS
 * case as invited, attended and coordinator (a coordinator from a sibling's
 * case is -1): nothing of a sibling's case comes along.  The stored
 * document, exports and edits never see it: c.priv is the original case's
 * (kr_case_doc(&j->c) is its unchanged document). */
struct kr_case_judged {
	struct kr_case c;          /* the copy; its arrays are borrowed or owned by priv */
	size_t nfamily;            /* how many of c.meetings (the last ones) are the family's */
	void *priv;                /* library-private */
};

/* Fills *out with case c (borrowed: it must outlive *out) as judged: with
 * the meetings of every family plan that links c->ref, from the plans'
 * latest revisions, whatever revision c is.  A case in no plan costs one
 * indexed lookup and is copied as it is (out->nfamily 0).  Free with
 * kr_case_judged_cleanup() (also after a failure).  KR_ENOMEM, KR_EDB. */
enum kr_status kr_case_judged(struct kr_store *s, const struct kr_case *c,
                              struct kr_case_judged *out, struct kr_error *err);

/* Frees what kr_case_judged() made.  Accepts a zeroed struct. */
void kr_case_judged_cleanup(struct kr_case_judged *j);

/* True when meeting m was projected from a family plan (its id is
 * "<plan id>/<meeting id>"); its plan's id is then in *plan (up to size
 * bytes, may be NULL). */
bool kr_meeting_from_family_plan(const struct kr_meeting *m, char *plan, size_t size);

/* Every case ref linked by some family plan, sorted (strcmp), in one query:
 * a walk over all cases asks kr_case_judged() only for these.  *out is
 * freed with kr_assignment_list_free() (NULL and 0 when none). */
enum kr_status kr_fplan_case_refs(struct kr_store *s, char ***out, size_t *n,
                                  struct kr_error *err);

/* ---- the history in words (family_plan_history.c) ------------------------- */

/* The changes from plan document before (json_t *, as void *; NULL: the
 * plan was created) to document after, in words (diff.h's struct kr_diff:
 * collection "plan" for the name and the linked cases, "goals",
 * "agreements", "wishes", "meetings" matched by id), with persons said by
 * their names from names ({"<case>/<person>": "name"}, json_t *, may be
 * NULL: a person is then said as "person (case)").  Both documents are
 * borrowed.  *out is zeroed first and freed with kr_diff_cleanup().  Fails
 * only with KR_EUSAGE (after NULL) or KR_ENOMEM. */
enum kr_status kr_fplan_diff(const void *before, const void *after, const void *names,
                             struct kr_diff *out, struct kr_error *err);

/* The history of plan id as reader u sees it (u NULL: the operator, every
 * case): every revision, oldest first, with who made it and what changed
 * against the revision before (kr_fplan_diff).  Both revisions are first
 * cut to what u may see, as in kr_fplan_view: a case u may not read is left
 * out with every person of it, so a change that concerns only that child
 * is not in the history at all, and a revision left without changes still
 * says who made it and when.  Persons are named from the linked cases'
 * latest revisions.  *out is a malloc'd array of *n entries freed with
 * kr_diff_history_free(); serialise it with kr_diff_history_json().  Access
 * is the caller's to decide first (kr_fplan_decide).  KR_ENOTFOUND (no such
 * plan), KR_EDB, KR_ENOMEM; *out NULL and *n 0 on failure. */
enum kr_status kr_fplan_history(struct kr_store *s, const struct kr_user *u, const char *id,
                                struct kr_revision_changes **out, size_t *n,
                                struct kr_error *err);

#endif
