/*
 * family.h - the register of foster families and family homes: records of
 * their own, outside any case (docs/foster-families.md).
 *
 * A family arrives as a `kring-family/1` JSON document: who lives in the
 * home (the foster parents, their own children with their dates of birth,
 * other members), what it offers (forms of care, network or stranger care,
 * capacity), whether it is available, its training, its peer group and its
 * own worker (a kring account).  kr_family_read() validates the whole
 * document and builds this read-only view of it; the document stays inside
 * so unknown keys survive a round trip.
 *
 * A placement names its family with placements[].family (case.h).  The
 * store keeps, with every revision of a case, which placements name which
 * family (kri_family_links_sync, called by kr_store_put), so the register
 * knows a family's current use and who may read it:
 *
 *   read   the family's own worker (family.worker.account), a lead of that
 *          worker's team, and everyone who may read a case with a placement
 *          in the family (the workers of its placed children);
 *   write  the family's own worker and a lead of that worker's team;
 *   create every role that may create a case (access.h, `create`).
 *
 * The decision takes its scopes from access.h's rule table (read and write
 * of a case), so a role that may never read a case never reads a family.
 * Functions that write take part in the open transaction (store_int.h).
 *
 * Strings in struct kr_family are borrowed from the document and live as
 * long as the family.  Enumerations: 0 means absent.
 */
#ifndef KRING_FAMILY_H
#define KRING_FAMILY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "kring/access.h"
#include "kring/account.h"
#include "kring/case.h"
#include "kring/date.h"
#include "kring/error.h"
#include "kring/store.h"

#define KR_FAMILY_FORMAT "kring-family/1"
#define KR_FAMILY_MAX_BYTES (1024u * 1024u)

/* A foster family or a family home (gezinshuis). */
enum kr_family_kind { KR_FAMKIND_NONE, KR_FAMKIND_FOSTER_FAMILY, KR_FAMKIND_FAMILY_HOME,
	KR_FAMKIND__N };

/* Care for children of the family's own network, or for children it did
 * not know (bestandspleegzorg). */
enum kr_family_care { KR_FAMCARE_NONE, KR_FAMCARE_NETWORK, KR_FAMCARE_STRANGER,
	KR_FAMCARE__N };

/* Whether the family takes a (new) child. */
enum kr_availability { KR_AVAIL_NONE, KR_AVAIL_AVAILABLE, KR_AVAIL_FULL, KR_AVAIL_PAUSED,
	KR_AVAIL_STOPPED, KR_AVAIL__N };

/* Who a member of the household is. */
enum kr_household_role { KR_HH_NONE, KR_HH_FOSTER_PARENT, KR_HH_FAMILY_HOME_PARENT,
	KR_HH_OWN_CHILD, KR_HH_OTHER_ADULT, KR_HH_OTHER_CHILD, KR_HH__N };

struct kr_family_member {
	const char *id;
	const char *name;          /* may be NULL */
	enum kr_household_role role;
	enum kr_sex sex;
	struct kr_date born;       /* unset when not known */
};

struct kr_family_training {
	const char *name;
	struct kr_date date;       /* unset when not known */
};

struct kr_family {
	const char *id;
	const char *name;          /* may be NULL */
	enum kr_family_kind kind;
	enum kr_family_care care;
	const char *place;         /* may be NULL */
	struct kr_date approved;   /* when the family was approved (goedgekeurd) */
	unsigned forms;            /* bit set: 1u << KR_FORM_x of the forms it offers */
	int capacity;              /* children it can take at once; -1 when absent */
	enum kr_availability availability;
	struct kr_date available_from;
	const char *availability_text;
	struct kr_family_member *members; size_t nmembers;
	struct kr_family_training *training; size_t ntraining;
	const char *worker_name;   /* the family's own worker: a name to show */
	const char *worker_account; /* ... and the kring account; NULL when none */
	const char *peer_group;    /* the peer group (lotgenotengroep) it takes part in */
	struct kr_date peer_group_since;
	const char *notes;
	void *priv;                /* the document; library-private */
};

/* Validates a kring-family/1 document of len bytes and builds the model.
 * On success *out is a new family freed with kr_family_free().  On failure
 * *out is NULL and the status is KR_EINVAL (one "path: message" detail per
 * problem, `household[1].born: ...`), KR_ETOOBIG (over
 * KR_FAMILY_MAX_BYTES) or KR_ENOMEM. */
enum kr_status kr_family_read(const char *text, size_t len, struct kr_family **out,
                              struct kr_error *err);

/* The same for a parsed jansson document (json_t *, as void *); the family
 * takes its own reference. */
enum kr_status kr_family_from_json(void *doc, struct kr_family **out, struct kr_error *err);

/* Frees a family.  Accepts NULL. */
void kr_family_free(struct kr_family *f);

/* The document (json_t *, borrowed while f lives). */
void *kr_family_doc(const struct kr_family *f);

/* The document as text, pretty (2-space indent, trailing newline) or
 * compact: a malloc'd string the caller frees, NULL when out of memory. */
char *kr_family_dump(const struct kr_family *f, bool pretty);

/* ---- the register in the store ------------------------------------------ */

/* Checks that account name, a family's worker.account, exists and is
 * enabled: KR_OK, or KR_EINVAL with one detail `worker.account: ...` added
 * to err (its message is left for the caller, who may be collecting every
 * problem of a document); KR_EDB when the database fails. */
enum kr_status kr_family_worker_check(struct kr_store *s, const char *name,
                                      struct kr_error *err);

/* Stores family f as its next revision by author at time now.  expect_rev
 * -1: the family must be new (KR_ECONFLICT when it exists); 0: either;
 * > 0: the latest revision must be expect_rev (KR_ECONFLICT otherwise,
 * KR_ENOTFOUND when there is no such family).  A named worker account must
 * exist (KR_EINVAL with the detail `worker.account: ...`).  *rev_out (may
 * be NULL) receives the new revision, 0 on failure. */
enum kr_status kr_family_put(struct kr_store *s, const struct kr_family *f, const char *author,
                             long expect_rev, time_t now, long *rev_out, struct kr_error *err);

/* Puts family f in the register for user u (a front door's caller): the
 * role must be one that may create a case (access.h, KR_EPERM otherwise),
 * f must name its own worker (worker.account, KR_EINVAL otherwise: without
 * one nobody could open the record), and f must be new (KR_ECONFLICT).
 * Then as kr_family_put() with author u's name. */
enum kr_status kr_family_create(struct kr_store *s, const struct kr_user *u,
                                const struct kr_family *f, time_t now, long *rev_out,
                                struct kr_error *err);

/* Reads family id (its latest revision) into *out (free with
 * kr_family_free), its revision into *rev_out (may be NULL).  KR_ENOTFOUND
 * when there is none; *out NULL on failure. */
enum kr_status kr_family_get(struct kr_store *s, const char *id, struct kr_family **out,
                             long *rev_out, struct kr_error *err);

/* One family in a list, with its use on a day. */
struct kr_family_info {
	char id[65];
	char name[201];            /* "" when the document has none */
	char worker[KR_ACCOUNT_NAME_MAX + 1];   /* "" when none */
	long revision;
	enum kr_family_kind kind;
	enum kr_family_care care;
	enum kr_availability availability;
	int capacity;              /* -1 when not given */
	int in_use;                /* children placed there on the day */
	int vacancies;             /* capacity - in_use when available, else 0 */
};

/* The use of a family on `day` (a day number): how many cases have a
 * placement there running that day. */
enum kr_status kr_family_in_use(struct kr_store *s, const char *id, long day, int *in_use,
                                struct kr_error *err);

/* Every family ordered by id, with its use on `day`; or, when u is not
 * NULL, only those u may read (kr_family_decide).  *out is a malloc'd array
 * of *n entries the caller frees with free() (NULL and 0 when none, and on
 * failure). */
enum kr_status kr_family_list(struct kr_store *s, const struct kr_user *u, long day,
                              struct kr_family_info **out, size_t *n, struct kr_error *err);

/* The refs of the cases with a placement in family id, and the placement
 * ids, ordered by ref: two malloc'd arrays of *n malloc'd strings freed
 * with kr_assignment_list_free() each.  For the command line, which acts
 * for the operator; the server shows only counts. */
enum kr_status kr_family_cases(struct kr_store *s, const char *id, char ***refs,
                               char ***placements, size_t *n, struct kr_error *err);

/* The access decision for family id: may user u read it (write false) or
 * change it (write true)?  ALLOWED, FORBIDDEN (the role never may: 403) or
 * HIDDEN (no such family, or not one of u's: 404).  Reads u again from the
 * store and fails closed (HIDDEN).  *reason (may be NULL) receives a short
 * static English sentence for the audit trail. */
enum kr_access_verdict kr_family_decide(struct kr_store *s, const struct kr_user *u,
                                        const char *id, bool write, const char **reason);

/* The register's figures on `day`, for the startfoto (report.h): families
 * not stopped, of which family homes and network families, their summed
 * capacity, children placed and vacancies (capacity left in families that
 * are available). */
struct kr_family_counts {
	long families, family_homes, network, capacity, in_use, vacancies;
};
enum kr_status kr_family_counts(struct kr_store *s, long day, struct kr_family_counts *out,
                                struct kr_error *err);

/* The family document with what the register derives on `day` for a front
 * door: {"id", "revision", "family": <document>, "in_use", "vacancies",
 * "ages": {member id: age in whole years}}.  A new reference, NULL when out
 * of memory. */
void *kr_family_view_json(const struct kr_family *f, long revision, int in_use, long day);

#endif
