// views/overview.js - the case overview: the child, the current placement
// and its history, the five factors as a quick status (factors.js), and
// every signal with its reason and advice.

import { cs } from '../casestore.js';
import { factors } from '../factors.js';
import { h, mount } from '../dom.js';
import { fmtDate, t, te } from '../i18n.js';
import { age, byDate, childOf, currentPlacement, nameOf, today } from '../model.js';
import { signalList } from '../signals.js';

function factorTile(f) {
	const facts = f.facts;
	let detail;
	switch (f.key) {
	case 'heard':
		detail = t('factor.heard.facts', { wishes: facts.wishes, answered: facts.answered,
			meeting: facts.lastMeeting ? fmtDate(facts.lastMeeting) : t('common.never') });
		break;
	case 'say':
		detail = facts.last ? t('factor.say.facts', { kind: te('continuum', facts.last.continuum) ||
			te('meeting', facts.last.type) || t('common.unknown'), date: fmtDate(facts.last.date) })
			: t('factor.say.none');
		break;
	case 'support':
		detail = t('factor.support.facts', { n: facts.network });
		break;
	case 'trust':
		detail = facts.names.length ? facts.names.join(', ') : t('factor.trust.none');
		break;
	default:
		detail = t('factor.continuity.facts', { n: facts.placements, pros: facts.professionals,
			since: facts.since ? fmtDate(facts.since) : '—' });
	}
	return h('li', { class: ['factor', f.status], dataset: { factor: f.key, status: f.status } },
		h('span', { class: 'factor-name' }, t(`factor.${f.key}`)),
		h('span', { class: ['factor-status', f.status] }, t(`factor.status.${f.status}`)),
		h('span', { class: 'factor-detail' }, detail),
		f.signals.length ? h('span', { class: 'factor-signals small' },
			f.signals.map((sg) => t(`signal.${sg.id}`)).filter((v, i, a) => a.indexOf(v) === i).join(', '))
			: null);
}

function placementLine(doc, pl) {
	return [
		h('strong', {}, te('form', pl.form) || t('common.unknown')),
		pl.variant ? ` (${te('variant', pl.variant)})` : '',
		pl.network === true ? ` · ${t('placement.network')}` : pl.network === false ? ` · ${t('placement.pool')}` : '',
		h('span', { class: 'block small' }, t('placement.period', { from: fmtDate(pl.start),
			to: pl.end ? fmtDate(pl.end) : t('placement.now') }),
		pl.end_reason ? ` · ${te('end_reason', pl.end_reason)}` : ''),
		(pl.carers || []).length ? h('span', { class: 'block small' },
			t('placement.carers', { names: pl.carers.map((id) => nameOf(doc, id)).join(', ') })) : null,
	];
}

export async function render(body) {
	const doc = cs.doc;
	const child = childOf(doc) || {};
	const cur = currentPlacement(doc, today());
	const past = byDate(doc.placements || [], 'start').reverse().filter((pl) => pl !== cur);
	const fs = factors(doc, cs.signals);
	mount(body,
		h('h2', { id: 'tab-title', class: 'sr-only' }, t('tab.overview')),
		h('section', { class: 'card', 'aria-labelledby': 'f-title' },
			h('h3', { id: 'f-title' }, t('factor.title')),
			h('p', { class: 'muted small' }, t('factor.intro')),
			h('ul', { class: 'factors', id: 'factors' }, fs.map((f) => factorTile(f)))),
		h('div', { class: 'cols' },
			h('div', { class: 'col' },
				h('section', { class: 'card', 'aria-labelledby': 'c-title' },
					h('h3', { id: 'c-title' }, t('overview.child')),
					h('dl', { class: 'facts' },
						h('dt', {}, t('person.name')), h('dd', {}, child.name || child.id || ''),
						h('dt', {}, t('person.born')), h('dd', {}, child.born ? `${fmtDate(child.born)} (${t('common.years', { n: age(child.born) })})` : t('common.unknown')),
						h('dt', {}, t('overview.opened')), h('dd', {}, fmtDate(doc.case.opened) || '—'),
						h('dt', {}, t('overview.perspective')), h('dd', {},
							doc.case.perspective_decision && doc.case.perspective_decision.date
								? `${fmtDate(doc.case.perspective_decision.date)}: ${doc.case.perspective_decision.outcome || ''}`
								: t('overview.noPerspective'))),
					doc.case.notes ? h('p', { class: 'notes' }, doc.case.notes) : null),
				h('section', { class: 'card', 'aria-labelledby': 'p-title' },
					h('h3', { id: 'p-title' }, t('overview.placement')),
					cur ? h('p', { id: 'current-placement' }, placementLine(doc, cur)) : h('p', {}, t('overview.noPlacement')),
					past.length ? [h('h4', {}, t('overview.history')),
						h('ol', { class: 'placements' }, past.map((pl) => h('li', {}, placementLine(doc, pl))))] : null)),
			h('div', { class: 'col wide' },
				h('section', { class: 'card', 'aria-labelledby': 's-title' },
					h('h3', { id: 's-title' }, t('overview.signals', { n: cs.signals.length })),
					signalList(cs.signals, { id: 'signals' })))));
}
