/*
 * generate.h - realistic synthetic kring-case/1 documents for tests and
 * benchmarks (`kring generate`).
 *
 * A synthetic population is named by a seed; case number `index` of it is
 * always the same document, on any machine, so tests and benchmarks can
 * name their data instead of storing it.  The cases look like the dossiers a
 * Dutch foster-care worker keeps: a child with a three-generation family,
 * the foster family and its network, school and club, professionals who come
 * and go, one to four placements, life events, network meetings and (mostly)
 * a network plan.  Names and texts are Dutch and invented.  The distributions
 * are described in bench/profiles.md.
 *
 * Every generated document passes kr_case_read().  Some pairs of cases are
 * brothers and sisters placed apart, with a family plan that links them
 * (kr_generate_family_plan).
 */
#ifndef KRING_GENERATE_H
#define KRING_GENERATE_H

#include <stdint.h>

#include "kring/error.h"

/* Bounds on the number of persons in one generated case. */
#define KR_GENERATE_MIN_PERSONS 5
#define KR_GENERATE_MAX_PERSONS 60

/* Writes case number `index` (0-based) of the synthetic population `seed`
 * as a compact kring-case/1 JSON document (keys in a fixed order, no
 * trailing newline).  Its ref is "GEN-<seed>-<index padded to 6 digits>",
 * e.g. "GEN-1-000042".
 *
 * `anchor_day` (a day number, see date.h) is the "today" of the synthetic
 * world: every date lies on or before it, except agreement due dates and
 * professional involvement, which may lie up to 6 months after it, and a
 * family group conference planned (in preparation) up to 70 days after it.  It must
 * lie in the years 1900..9000.
 *
 * Deterministic: the same (seed, index, anchor_day) always gives the same
 * bytes, on any machine (integer arithmetic only, no global state), and the
 * function is safe to call from several threads at once.
 *
 * On success *out is a malloc'd NUL-terminated string the caller frees and
 * the result is KR_OK.  On failure *out is NULL and the result is
 * KR_EUSAGE (out is NULL or anchor_day out of range) or KR_ENOMEM; err
 * (may be NULL) says which.  Time: about 0.1 ms per case. */
enum kr_status kr_generate_case(uint64_t seed, unsigned long index, long anchor_day,
                                char **out, struct kr_error *err);

/* Writes the family plan (kring-familyplan/1, docs/family-plan.md) of the
 * brothers or sisters whose cases are numbers `index` and `index + 1` of
 * the population `seed`, when `index` starts such a pair of sibling cases
 * (about one even-numbered case in twelve does).  The two cases share their
 * parents and grandparents, and each child is a sibling in the other's
 * case.  The plan's id is "FP-GEN-<seed>-<index padded to 6 digits>"; its
 * persons are persons of the two cases, so it passes kr_fplan_read() and,
 * once both cases are stored, kr_fplan_check() on any day from the anchor
 * on.  A family meeting before the anchor has attended and outcome, one
 * after it is planned only.
 *
 * Deterministic like kr_generate_case().  On success the result is KR_OK
 * and *out is a malloc'd compact JSON document the caller frees, or NULL
 * when `index` starts no pair (then there is no plan to write).  On failure
 * *out is NULL and the result is KR_EUSAGE (out is NULL or anchor_day out
 * of range) or KR_ENOMEM; err (may be NULL) says which. */
enum kr_status kr_generate_family_plan(uint64_t seed, unsigned long index, long anchor_day,
                                       char **out, struct kr_error *err);

/* At most this many recorded states of one case (kr_generate_history). */
#define KR_GENERATE_MAX_HISTORY 2

/* One recorded state of a generated case: the document as it was stored on
 * `day` (a day number). */
struct kr_generated_revision {
	long day;
	char *doc;
};

/* The recorded history of case number `index` of the population `seed`
 * (lib/generate_history.c, docs/cli.md `kring generate --history`): in
 * out[0..*n-1], oldest first, the states to store with `kring import
 * --recorded-at DAY` before the anchor.  *n is 0 (a case opened in the last
 * days: stored on the day of the import only), 1 (the current document, the
 * same bytes as kr_generate_case(), recorded on a day of the 14 months
 * before the anchor) or 2 (first an earlier state recorded 3 to 12 months
 * before the anchor whose network map differs: a tie that later worsened, or
 * a friend or club tie the child lost after the move to the current home).
 * Every day lies on the grid anchor_day - 14 k (k >= 0), so a population
 * has few distinct days.
 *
 * Deterministic like kr_generate_case().  On success the caller frees each
 * out[k].doc; on failure *n is 0 and the result is KR_EUSAGE (out or n is
 * NULL, anchor_day out of range) or KR_ENOMEM; err (may be NULL) says
 * which. */
enum kr_status kr_generate_history(uint64_t seed, unsigned long index, long anchor_day,
                                   struct kr_generated_revision out[KR_GENERATE_MAX_HISTORY],
                                   size_t *n, struct kr_error *err);

/* At most this many foster families of one case (kr_generate_families). */
#define KR_GENERATE_MAX_FAMILIES 4

/* Links the placements of a generated case with strangers to foster
 * families of a generated register (lib/generate_family.c, docs/cli.md
 * `kring generate --families`).  *doc is case number `index` of the
 * population `seed` as kr_generate_case() or kr_generate_history() wrote
 * it; it is replaced (the old string freed) by the same case whose
 * placements in a foster family or family home with strangers name their
 * family in placements[].family ("GF-<seed>-<index padded to 6
 * digits>-<placement number>"), chosen in the placement's matching.  When
 * families and n are not NULL, families[0..*n-1] are those families as
 * malloc'd kring-family/1 documents (pretty JSON) for the caller to free:
 * import them before the case.  A family's capacity is at least the number
 * of children placed there.
 *
 * Deterministic.  On failure *doc is unchanged, *n is 0 and the result is
 * KR_EUSAGE (no document), KR_EINVAL (not JSON) or KR_ENOMEM; err (may be
 * NULL) says which. */
enum kr_status kr_generate_families(uint64_t seed, unsigned long index, long anchor_day,
                                    char **doc, char *families[KR_GENERATE_MAX_FAMILIES],
                                    size_t *n, struct kr_error *err);

#endif
