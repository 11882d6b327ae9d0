/*
 * case.h - the case model: one child's dossier as kring reads it.
 *
 * A case arrives as a `kring-case/1` JSON document (see docs/case-format.md).
 * kr_case_read() validates the whole document and, when it is sound, builds
 * this read-only view of it: persons, kinship, ties, placements, events,
 * meetings and the plan, with every reference resolved to an index into the
 * persons (or placements, goals) array.  Signals, metrics and the renderers
 * all work from this view.  The document itself stays inside the case
 * (kr_case_doc) so unknown keys survive a round trip untouched.
 *
 * Enumerations: value 0 of every enum means "absent in the document".
 * Strings are borrowed from the document and live as long as the case.
 * Index fields are -1 when absent.
 */
#ifndef KRING_CASE_H
#define KRING_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "kring/date.h"
#include "kring/enum.h"
#include "kring/error.h"

#define KR_CASE_FORMAT "kring-case/1"
#define KR_CASE_MAX_BYTES (16u * 1024u * 1024u)

enum kr_sex { KR_SEX_NONE, KR_SEX_M, KR_SEX_F, KR_SEX_X, KR_SEX_UNKNOWN, KR_SEX__N };

/* Roles are a bit set: 1u << KR_ROLE_x. */
enum kr_role {
	KR_ROLE_NONE, KR_ROLE_CHILD, KR_ROLE_PARENT, KR_ROLE_STEP_PARENT,
	KR_ROLE_SIBLING, KR_ROLE_HALF_SIBLING, KR_ROLE_GRANDPARENT,
	KR_ROLE_AUNT_UNCLE, KR_ROLE_COUSIN, KR_ROLE_FOSTER_PARENT,
	KR_ROLE_FOSTER_SIBLING, KR_ROLE_FAMILY_HOME_PARENT, KR_ROLE_FRIEND,
	KR_ROLE_NEIGHBOUR, KR_ROLE_TEACHER, KR_ROLE_COACH, KR_ROLE_MENTOR,
	KR_ROLE_RELIGIOUS, KR_ROLE_FOSTER_CARE_WORKER, KR_ROLE_GUARDIAN,
	KR_ROLE_SOCIAL_TEAM, KR_ROLE_THERAPIST, KR_ROLE_OTHER_PROFESSIONAL,
	KR_ROLE_OTHER, KR_ROLE__N
};
#define KR_ROLE_BIT(r) (1u << (r))

enum kr_world { KR_WORLD_NONE, KR_WORLD_ORIGIN, KR_WORLD_FOSTER, KR_WORLD_SHARED,
	KR_WORLD_PROFESSIONAL, KR_WORLD__N };

enum kr_segment { KR_SEG_NONE, KR_SEG_HOUSEHOLD, KR_SEG_FAMILY, KR_SEG_FRIENDS,
	KR_SEG_SCHOOL_WORK, KR_SEG_LEISURE, KR_SEG_NEIGHBOURHOOD, KR_SEG_RELIGION,
	KR_SEG_ONLINE, KR_SEG_PROFESSIONALS, KR_SEG__N };

enum kr_strength { KR_STRENGTH_NONE, KR_STRENGTH_STRONG, KR_STRENGTH_NORMAL,
	KR_STRENGTH_WEAK, KR_STRENGTH__N };

enum kr_quality { KR_QUALITY_NONE, KR_QUALITY_POSITIVE, KR_QUALITY_NEUTRAL,
	KR_QUALITY_AMBIVALENT, KR_QUALITY_CONFLICT, KR_QUALITY_BROKEN, KR_QUALITY__N };

enum kr_frequency { KR_FREQ_NONE, KR_FREQ_DAILY, KR_FREQ_WEEKLY, KR_FREQ_MONTHLY,
	KR_FREQ_YEARLY, KR_FREQ_RARELY, KR_FREQ_NEVER, KR_FREQ__N };

/* Support is a bit set: 1u << KR_SUPPORT_x. */
enum kr_support { KR_SUPPORT_NONE, KR_SUPPORT_EMOTIONAL, KR_SUPPORT_PRACTICAL,
	KR_SUPPORT_INFORMATION, KR_SUPPORT_RESPITE, KR_SUPPORT_FINANCIAL, KR_SUPPORT__N };

enum kr_direction { KR_DIR_NONE, KR_DIR_A_TO_B, KR_DIR_B_TO_A, KR_DIR_MUTUAL, KR_DIR__N };

enum kr_kin_type { KR_KIN_NONE, KR_KIN_PARENT, KR_KIN_PARTNERS, KR_KIN__N };
enum kr_kin_kind { KR_KIND_NONE, KR_KIND_BIRTH, KR_KIND_ADOPTIVE, KR_KIND_FOSTER,
	KR_KIND_STEP, KR_KIND__N };
enum kr_partner_status { KR_PARTNER_NONE, KR_PARTNER_MARRIED, KR_PARTNER_COHABITING,
	KR_PARTNER_SEPARATED, KR_PARTNER_DIVORCED, KR_PARTNER_WIDOWED, KR_PARTNER__N };

enum kr_form { KR_FORM_NONE, KR_FORM_INFORMAL_NETWORK, KR_FORM_SUPPORT_FAMILY,
	KR_FORM_FOSTER_PARTTIME, KR_FORM_FOSTER_FULLTIME, KR_FORM_CRISIS,
	KR_FORM_FAMILY_HOME, KR_FORM_RESIDENTIAL, KR_FORM_HOME, KR_FORM__N };
enum kr_variant { KR_VARIANT_NONE, KR_VARIANT_CARE, KR_VARIANT_UPBRINGING, KR_VARIANT__N };
enum kr_end_reason { KR_END_NONE, KR_END_PLANNED, KR_END_BREAKDOWN, KR_END_RETURN_HOME,
	KR_END_ADULTHOOD, KR_END_OTHER, KR_END__N };

/* The outcome of a search in the child's own network for carers
 * (placements[].network_search). */
enum kr_search_outcome { KR_SEARCH_NONE, KR_SEARCH_FOUND, KR_SEARCH_NONE_AVAILABLE,
	KR_SEARCH_NOT_SUITABLE, KR_SEARCH_DECLINED, KR_SEARCH_OTHER, KR_SEARCH__N };

enum kr_event_type { KR_EV_NONE, KR_EV_BIRTH, KR_EV_DEATH, KR_EV_LOSS, KR_EV_MOVE,
	KR_EV_SCHOOL_CHANGE, KR_EV_PLACEMENT_START, KR_EV_PLACEMENT_END,
	KR_EV_BREAKDOWN, KR_EV_PROFESSIONAL_CHANGE, KR_EV_PERSPECTIVE_DECISION,
	KR_EV_DEVELOPMENT_CHECK, KR_EV_MEETING, KR_EV_OTHER, KR_EV__N };

enum kr_meeting_type { KR_MEET_NONE, KR_MEET_DIY, KR_MEET_FAMILY_GROUP_CONFERENCE,
	KR_MEET_ROUND_TABLE, KR_MEET_SIGNS_OF_SAFETY, KR_MEET_OTHER,
	/* a meeting of the Prima Pleegzorg action team (plan.action_team) */
	KR_MEET_ACTION_TEAM, KR_MEET__N };
enum kr_continuum { KR_CONT_NONE, KR_CONT_A, KR_CONT_B, KR_CONT_C, KR_CONT_D, KR_CONT__N };

enum kr_agreement_status { KR_AGR_NONE, KR_AGR_OPEN, KR_AGR_DONE, KR_AGR_DROPPED, KR_AGR__N };

/* Who may see an agreement or a concern of the plan: everyone who sees the
 * plan (absent reads as all), or only the professionals - never a share
 * link (share_view.h). */
enum kr_visibility { KR_VIS_NONE, KR_VIS_ALL, KR_VIS_PROFESSIONALS, KR_VIS__N };

/* Who referred the child (case.referrer), in the categories of CBS
 * Beleidsinformatie Jeugd. */
enum kr_referrer { KR_REF_NONE, KR_REF_MUNICIPAL_ACCESS, KR_REF_GP, KR_REF_YOUTH_DOCTOR,
	KR_REF_CERTIFIED_INSTITUTION, KR_REF_MEDICAL_SPECIALIST, KR_REF_COURT,
	KR_REF_NONE_OTHER, KR_REF__N };

/* Why the trajectory ended (case.closed.reason), in CBS terms. */
enum kr_closed_reason { KR_CLOSED_NONE, KR_CLOSED_AS_PLANNED, KR_CLOSED_EARLY_AGREED,
	KR_CLOSED_EARLY_BY_FAMILY, KR_CLOSED_EARLY_BY_PROVIDER, KR_CLOSED_MOVED_AWAY,
	KR_CLOSED_OTHER, KR_CLOSED__N };

/* How the child took part in choosing the foster family
 * (placements[].matching.child_involved). */
enum kr_involvement { KR_INVOLVE_NONE, KR_INVOLVE_CHOSE, KR_INVOLVE_VISITED, KR_INVOLVE_HEARD,
	KR_INVOLVE_INFORMED, KR_INVOLVE_NOT_INVOLVED, KR_INVOLVE__N };

/* Tri-state for optional booleans. */
enum kr_tribool { KR_UNKNOWN = -1, KR_FALSE = 0, KR_TRUE = 1 };

/* Names and labels of these values: kr_enum_name(), kr_enum_label() in
 * enum.h. */

struct kr_period { struct kr_date from, to; };   /* to unset: still going */

struct kr_person {
	const char *id;
	const char *name;          /* may be NULL */
	enum kr_sex sex;
	struct kr_date born, died;
	unsigned roles;            /* bit set of KR_ROLE_BIT() */
	enum kr_world world;
	enum kr_segment segment;
	struct kr_period *involved; /* professionals: when involved; NULL = always */
	size_t ninvolved;
};

struct kr_kinship {
	enum kr_kin_type type;
	int parent, child;         /* KR_KIN_PARENT: person indices */
	enum kr_kin_kind kind;     /* KR_KIN_PARENT: absent means birth */
	int a, b;                  /* KR_KIN_PARTNERS: person indices */
	enum kr_partner_status status;
	struct kr_date since;
};

struct kr_tie {
	int a, b;                  /* person indices */
	enum kr_strength strength;
	enum kr_quality quality;
	enum kr_frequency frequency;
	unsigned support;          /* bit set of 1u << KR_SUPPORT_x */
	enum kr_direction direction;
	bool trust_figure;
};

/* One candidate weighed in a matching (placements[].matching.considered):
 * a person of the child's network, or a family of the register. */
struct kr_considered {
	int person;                /* person index, -1 when absent */
	const char *family;        /* a family id of the register, NULL when absent */
	enum kr_tribool chosen;
	const char *why;           /* may be NULL */
};

/* The matching behind a placement decision (placements[].matching,
 * docs/case-format.md): who was considered, the wishes of the child and
 * the parents and how the child took part, whether the foster family's own
 * children were heard, the first meeting of parents and foster parents,
 * and the decision with its reasons.  present false: none recorded. */
struct kr_matching {
	bool present;
	struct kr_date date;       /* when the decision was taken */
	struct kr_considered *considered; size_t nconsidered;
	const char *child_wishes;
	enum kr_involvement child_involved;
	const char *parents_wishes;
	enum kr_tribool own_children_heard;
	const char *own_children_text;
	struct kr_date first_meeting;   /* unset: no first meeting recorded */
	const char *decision, *why;
};

/* One check-in of the settling-in schedule (placements[].settling): the
 * day and, on the 1-5 scale (0 = not asked), how the child, the foster
 * parents, their own children and the parents experience it. */
enum kr_view { KR_VIEW_CHILD, KR_VIEW_FOSTER_PARENTS, KR_VIEW_OWN_CHILDREN, KR_VIEW_PARENTS,
	KR_VIEW__N };
struct kr_checkin {
	struct kr_date date;
	int score[KR_VIEW__N];
	const char *text;          /* may be NULL */
};

struct kr_placement {
	const char *id;
	enum kr_form form;
	enum kr_variant variant;
	enum kr_tribool network;
	int *carers; size_t ncarers;       /* person indices */
	int *children; size_t nchildren;   /* person indices */
	struct kr_date start, end;
	enum kr_end_reason end_reason;
	/* network_search: whether and when the child's own network was
	 * searched for carers before this placement (search_date unset: none
	 * recorded). */
	struct kr_date search_date;
	enum kr_search_outcome search_outcome;
	const char *search_text;   /* may be NULL */
	/* the foster family or family home of the register (family.h) the
	 * child lives with: its id, NULL when the placement names none */
	const char *family;
	struct kr_matching matching;
	/* the check-ins of the first year, in document order */
	struct kr_checkin *settling; size_t nsettling;
};

struct kr_event {
	struct kr_date date;
	enum kr_event_type type;
	int person;                /* -1 when absent */
	int placement;             /* -1 when absent */
	const char *text;          /* may be NULL */
};

struct kr_meeting {
	const char *id;
	struct kr_date date;
	enum kr_meeting_type type;
	enum kr_continuum continuum;
	int *invited; size_t ninvited;
	int *attended; size_t nattended;
	/* as it happens (docs/case-format.md): time "HH:MM", place, the
	 * coordinator (person index, -1), what was decided and the minutes;
	 * NULL when absent */
	const char *time, *place;
	int coordinator;
	const char *outcome, *minutes;
	/* meetings[].process: the phases of an Eigen Kracht-conferentie or a
	 * Familie Netwerk Beraad, in their order (KR_PHASE_x; unset: not
	 * recorded), and who was asked and who comes (person indices) */
	struct kr_date phase[6];
	int *asked; size_t nasked;
	int *coming; size_t ncoming;
};

/* The phases of meetings[].process, in the order they happen. */
enum kr_phase { KR_PHASE_COORDINATOR, KR_PHASE_PREPARATION, KR_PHASE_INFORMATION,
	KR_PHASE_PRIVATE_TIME, KR_PHASE_PLAN_PRESENTED, KR_PHASE_PLAN_ACCEPTED, KR_PHASE__N };

struct kr_scale_point { struct kr_date date; int score; int by; };

struct kr_wish {
	const char *id;
	int by;                    /* person index, -1 when absent */
	struct kr_date date;
	const char *text, *response;   /* response NULL (or "") = unanswered */
	struct kr_date answered;   /* when the response was given; unset: not recorded */
};

struct kr_goal { const char *id; const char *text, *indicator; };

struct kr_agreement {
	const char *id;
	int goal;                  /* goal index, -1 when absent */
	int *who; size_t nwho;     /* person indices */
	const char *what, *when, *if_not;
	struct kr_date due;
	enum kr_agreement_status status;   /* absent reads as open */
	enum kr_visibility visibility;     /* absent reads as all */
	bool action_plan;          /* part of the action plan (plan.future_plan) */
};

struct kr_strings { const char **v; size_t n; };

struct kr_plan {
	bool present;              /* false: the document has no plan */
	int version;               /* 0 when absent */
	struct kr_date adopted, reviewed;
	const char *safety;        /* NULL when absent */
	bool has_safety_map;
	struct kr_strings worries, working_well, needs_to_happen, concerns;
	/* Signs of Safety beside the three columns: what the professionals fear
	 * will happen if nothing changes (danger statements) and what has to be
	 * true to be safe enough (safety goals) */
	struct kr_strings danger_statements, safety_goals;
	/* per concern (parallel to concerns.v): who may see it; a concern
	 * written as plain text is for all */
	enum kr_visibility *concerns_visibility;
	/* the route when there are worries (plan.worry_route): what to do, in
	 * words, and whom to call, in order (person indices) */
	const char *route_text;
	int *route_call; size_t nroute_call;
	struct kr_scale_point *scale; size_t nscale;   /* in document order */
	struct kr_wish *wishes; size_t nwishes;
	struct kr_goal *goals; size_t ngoals;
	struct kr_agreement *agreements; size_t nagreements;
	/* the parents' blessing (plan.blessing): that the child may feel at
	 * home with the foster family; date unset when none is recorded */
	struct kr_date blessing_date;
	int *blessing_by; size_t nblessing_by;
	const char *blessing_text;
	/* Prima Pleegzorg (plan.future_plan, plan.action_team): the future plan
	 * the parents made with their supporters (date unset: none recorded),
	 * and the action team that carries the action plan made from it
	 * (formed unset and no members: none recorded); person indices */
	struct kr_date future_date;
	int *future_by; size_t nfuture_by;
	const char *future_text;
	struct kr_strings future_goals;
	bool has_future_plan, has_action_team;
	struct kr_date team_formed;
	int *team; size_t nteam;
};

/* A named support person (support.parents, support.foster_parents): who,
 * since when, and the days they were in contact; for the foster parents
 * also their contacts with peers (other foster parents).  present false:
 * none recorded. */
struct kr_support_person {
	bool present;
	int person;                /* person index, -1 when absent */
	struct kr_date since;
	struct kr_date *contacts; size_t ncontacts;
	struct kr_date *peer; size_t npeer;
};

struct kr_case {
	const char *ref;
	int child;                 /* person index of case.child */
	struct kr_date opened;
	struct kr_date perspective_date;
	const char *perspective_outcome;
	struct kr_date *development_checks; size_t ndevelopment_checks;
	enum kr_tribool externalising, internalising;
	const char *notes;
	/* The responsible municipality (woonplaatsbeginsel): CBS code "GM0200"
	 * and name, both NULL when absent; the youth region (jeugdregio), NULL
	 * when absent. */
	const char *municipality_code, *municipality_name;
	const char *region;
	enum kr_referrer referrer;
	struct kr_date closed;     /* when the trajectory ended; unset: still open */
	enum kr_closed_reason closed_reason;

	struct kr_person *persons; size_t npersons;
	struct kr_kinship *kinship; size_t nkinship;
	struct kr_tie *ties; size_t nties;
	struct kr_placement *placements; size_t nplacements;
	struct kr_event *events; size_t nevents;
	struct kr_meeting *meetings; size_t nmeetings;
	struct kr_plan plan;
	/* support for both families (docs/case-format.md, `support`) */
	struct kr_support_person support_parents, support_fosterparents;

	void *priv;                /* the document and the arena; library-private */
};

/* Validates a kring-case/1 document given as text of len bytes (need not be
 * NUL-terminated) and builds the model.  On success *out is a new case that
 * the caller frees with kr_case_free().  On failure *out is NULL, the status
 * is KR_EINVAL (with one "path: message" detail per problem; JSON syntax
 * errors as "line L, column C: ..."), KR_ETOOBIG (over KR_CASE_MAX_BYTES) or
 * KR_ENOMEM. */
enum kr_status kr_case_read(const char *text, size_t len, struct kr_case **out,
                            struct kr_error *err);

/* The same for a document already parsed by jansson (a json_t *, passed as
 * void * so this header does not need jansson).  The case takes its own
 * reference to doc; the caller keeps theirs.  Error paths start at the
 * document root ("persons[2].born: ..."). */
enum kr_status kr_case_from_json(void *doc, struct kr_case **out, struct kr_error *err);

/* Frees the case and its document.  Accepts NULL. */
void kr_case_free(struct kr_case *c);

/* The case's document as a jansson json_t * (borrowed; valid while the case
 * lives).  Unknown keys are all there.  NULL for a case the library
 * rebuilt from the store's binary model (for the signal rules only; every
 * case a caller gets from kr_case_read or kr_store_get has its document). */
void *kr_case_doc(const struct kr_case *c);

/* Serialises the document: pretty (2-space indent, trailing newline) or
 * compact.  Keys keep their order.  Returns a malloc'd string the caller
 * frees, or NULL when out of memory or when the case has no document. */
char *kr_case_dump(const struct kr_case *c, bool pretty);

/* The longest texts kring takes through a front door, in characters
 * (Unicode code points), one entry per field: the same numbers the
 * browser's forms use (GET /api/meta, limits.text) and docs/case-format.md
 * lists.  collection is the item API's name ("wishes", "case", "plan",
 * "safety_map", ...); field the key in the item, dotted when nested
 * ("perspective_decision.outcome", "worry_route.text"); for a list of texts
 * (plan.concerns, the safety map's columns) the limit holds for each text.
 * kr_case_read() does not apply them, so an old document still imports;
 * kr_case_check_change() (case_edit.h) refuses a longer text that a change
 * brings in. */
struct kr_text_limit {
	const char *collection;
	const char *field;
	size_t max;
};

/* The table of limits: *n entries (n may be NULL), static, in the order of
 * the document.  Never fails. */
const struct kr_text_limit *kr_case_text_limits(size_t *n);

/* The limit of collection.field in characters, 0 when it has none. */
size_t kr_case_text_limit(const char *collection, const char *field);

/* Index of the person with this id, or -1. */
int kr_case_person_index(const struct kr_case *c, const char *id);

/* The display name of person i: its name, else its id.  Never NULL. */
const char *kr_case_person_name(const struct kr_case *c, int i);

/* True when person i has role r. */
static inline bool kr_person_has_role(const struct kr_person *p, enum kr_role r)
{
	return (p->roles & KR_ROLE_BIT(r)) != 0;
}

/* The current placement on day `on` (a day number): start <= on and end unset
 * or after on; the latest start wins.  Returns its index or -1. */
int kr_case_current_placement(const struct kr_case *c, long on);

/* True when person i is alive on day `on` (no died date, or died after it;
 * a partial died date counts from its first day). */
bool kr_case_person_alive(const struct kr_case *c, int i, long on);

/* True when a meeting dated d has taken place by day `on`: its date is
 * known and its first day is on or before on.  Only then are who came, the
 * outcome and the minutes filled in (kr_case_edit refuses them before);
 * the case summary serialises it per meeting (meetings_taken_place). */
bool kr_meeting_taken_place(struct kr_date d, long on);

/* True when person i is a professional: world `professional`, or one of
 * the roles foster_care_worker, guardian, social_team, therapist,
 * other_professional.  False for an index out of range. */
bool kr_case_person_professional(const struct kr_case *c, int i);

/* True when person i is involved on some day from `from` to `to` (day
 * numbers, from <= to; the same day twice for one day) by its `involved`
 * periods; a person without periods is involved all the time.  A partial
 * date of a period counts with all the days it may stand for. */
bool kr_case_person_involved(const struct kr_case *c, int i, long from, long to);

/* The last day (a day number) on which person i is part of the network:
 * the day before their death, the last day of their last `involved`
 * period (open periods never end), else LONG_MAX.  The share links use it:
 * no link for a person past it, and the store revokes their links. */
long kr_case_person_until(const struct kr_case *c, size_t i);

/* Index of the tie between persons i and j (either order), or -1. */
int kr_case_tie_between(const struct kr_case *c, int i, int j);

#endif
