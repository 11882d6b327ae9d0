/*
 * tu_signals.h - the catalogue of signal rules as docs/signals.md states it
 * (id, the levels it may have, the source document it cites), shared by
 * test_signals.c and test_signals_path.c, which check every list they
 * compute against it.  A rule added to the library without an entry here
 * fails those checks, so the contract and the tests move together.
 * Header-only so each test program stays one file.
 */
#ifndef KRING_TU_SIGNALS_H
#define KRING_TU_SIGNALS_H

#include <string.h>

#include "kring/signals.h"

#define LV_I (1u << KR_LEVEL_INFO)
#define LV_W (1u << KR_LEVEL_WARNING)
#define LV_A (1u << KR_LEVEL_ALERT)

/* The documents of the sources, as the signals name them (never by number). */
#define D000 "Sociale Netwerk Strategieën"
#define D001 "Samen de schouders eronder"
#define D002 "gezinsvormen"
#define D003 "samenwerking tussen ouders en pleegouders"
#define D004 "De rol van het netwerk"

static const struct tu_rule {
	const char *id;
	unsigned levels;        /* the levels the rule may have */
	const char *source;     /* a document of the source column of signals.md */
} catalogue[] = {
	{ "no-trust-figure", LV_W, D001 },
	{ "sibling-contact-missing", LV_W, D001 },
	{ "worlds-disconnected", LV_W, D001 },
	{ "parents-fosterparents-conflict", LV_A, D003 },
	{ "breakdown-risk-profile", LV_A, D002 },
	{ "placement-instability", LV_A, D002 },
	{ "perspective-overdue", LV_W | LV_A, D002 },
	{ "development-check-overdue", LV_W, D002 },
	{ "plan-missing", LV_W, D000 },
	{ "plan-review-overdue", LV_W, D000 },
	{ "agreement-overdue", LV_W, D000 },
	{ "agreement-without-fallback", LV_I, D000 },
	{ "agreement-without-owner", LV_W, D000 },
	{ "wish-unanswered", LV_W, D001 },
	{ "child-not-heard", LV_I, D001 },
	{ "network-overload", LV_W, D004 },
	{ "parents-fosterparents-not-met", LV_W, D003 },
	{ "recent-breakdown", LV_A, D002 },
	{ "crisis-too-long", LV_W | LV_A, D002 },
	{ "network-not-explored", LV_W, D002 },
	{ "tie-worsened", LV_W, D003 },
	{ "contacts-lost", LV_W, D001 },
	{ "trust-figure-professional", LV_I, D000 },
	{ "segment-gap", LV_I, D000 },
	{ "network-small", LV_I, D000 },
	{ "professional-churn", LV_W, D001 },
	{ "no-network-meeting", LV_W, D000 },
	{ "safety-unassessed", LV_W, D000 },
	{ "safety-scale-drop", LV_W, D004 },
	{ "matching-child-not-involved", LV_W, D000 },
	{ "parents-fosterparents-no-first-meeting", LV_W, D003 },
	{ "settling-checkin-overdue", LV_W, D000 },
	{ "settling-score-drop", LV_W, D000 },
	{ "parents-without-support", LV_W, D000 },
	{ "fosterparents-without-contact", LV_W, D000 },
	{ "action-team-not-met", LV_W, D000 },
	{ "data-missing", LV_I, "—" },
};
#define NCAT (sizeof catalogue / sizeof *catalogue)

static inline int cat_index(const char *id)
{
	for (size_t i = 0; i < NCAT; i++)
		if (id && strcmp(catalogue[i].id, id) == 0)
			return (int)i;
	return -1;
}

#endif
