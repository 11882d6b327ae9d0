// factors.js - the five factors that matter most to foster children
// (DOMAIN.md, source 001) as a quick status derived from the signals and
// the case data.  docs/ui.md documents the mapping:
//   heard        child-not-heard, wish-unanswered
//   say          plan-missing, no-network-meeting, plan-review-overdue, and
//                the continuum letter of the latest meeting (D = watch)
//   support      sibling-contact-missing, worlds-disconnected,
//                parents-fosterparents-conflict, network-small, segment-gap,
//                network-overload
//   trust        no-trust-figure (always "concern")
//   continuity   placement-instability, breakdown-risk-profile,
//                perspective-overdue, professional-churn
// A factor is "concern" when one of its signals is an alert, "watch" when
// one is a warning or info, else "ok"; data-missing signals of those rules
// make it "watch" as well.

import { alive, byDate, childId, currentPlacement, isProfessional, nameOf, tieIndex,
	today, trustFigures } from './model.js';

export const FACTORS = {
	heard: ['child-not-heard', 'wish-unanswered'],
	say: ['plan-missing', 'no-network-meeting', 'plan-review-overdue'],
	support: ['sibling-contact-missing', 'worlds-disconnected', 'parents-fosterparents-conflict',
		'network-small', 'segment-gap', 'network-overload'],
	trust: ['no-trust-figure'],
	continuity: ['placement-instability', 'breakdown-risk-profile', 'perspective-overdue',
		'professional-churn'],
};

const RANK = { ok: 0, watch: 1, concern: 2 };

function worse(a, b) {
	return RANK[b] > RANK[a] ? b : a;
}

/* [{key, status, signals: [...], facts: {...}}] for the five factors. */
export function factors(doc, signals, day = today()) {
	const out = [];
	const c = childId(doc);
	for (const [key, ids] of Object.entries(FACTORS)) {
		let status = 'ok';
		const mine = signals.filter((sg) => ids.includes(sg.id) ||
			(sg.id === 'data-missing' && ids.includes(sg.rule)));
		for (const sg of mine) {
			if (key === 'trust' && sg.id === 'no-trust-figure')
				status = 'concern';
			else if (sg.level === 'alert')
				status = worse(status, 'concern');
			else
				status = worse(status, 'watch');
		}
		const facts = {};
		if (key === 'heard') {
			const wishes = ((doc.plan && doc.plan.wishes) || []).filter((w) => w.by === c);
			facts.wishes = wishes.length;
			facts.answered = wishes.filter((w) => w.response).length;
			const met = byDate((doc.meetings || []).filter((m) => (m.attended || []).includes(c)));
			facts.lastMeeting = met.length ? met[met.length - 1].date : null;
		} else if (key === 'say') {
			const ms = byDate((doc.meetings || []).filter((m) => m.date));
			const last = ms.length ? ms[ms.length - 1] : null;
			facts.last = last;
			if (last && last.continuum === 'D')
				status = worse(status, 'watch');
			facts.planVersion = doc.plan && doc.plan.version;
		} else if (key === 'support') {
			facts.network = (doc.persons || []).filter((p) => p.id !== c && !isProfessional(p) &&
				alive(p, day) && tieIndex(doc, c, p.id) >= 0).length;
		} else if (key === 'trust') {
			facts.names = trustFigures(doc, day).map((id) => nameOf(doc, id));
		} else if (key === 'continuity') {
			facts.placements = (doc.placements || []).length;
			const cur = currentPlacement(doc, day);
			facts.since = cur ? cur.start : null;
			facts.professionals = (doc.persons || []).filter((p) => isProfessional(p)).length;
		}
		out.push({ key, status, signals: mine, facts });
	}
	return out;
}
