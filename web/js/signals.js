// signals.js - showing signals (docs/signals.md) in the page: the message
// and advice in the user's language, a level badge, and a compact list.

import { h } from './dom.js';
import { getLang, t, te, tsignal } from './i18n.js';

/* The text of a message that may be {nl, en} or a plain string. */
export function msg(m) {
	if (!m)
		return '';
	if (typeof m === 'string')
		return m;
	return m[getLang()] || m.nl || m.en || '';
}

/* The title of a signal: the one it came with (sg.title), else the library's vocabulary's. */
export function signalTitle(sg) {
	return sg.title ? msg(sg.title) : tsignal(sg.id);
}

/* One signal as a list item: badge, title, reason, advice, source (in
 * compact form the reason and advice fold away under the title). */
export function signalItem(sg, compact = false) {
	if (compact)
		return h('li', { class: ['signal', 'compact', sg.level], dataset: { signal: sg.id } },
			h('details', {}, h('summary', {}, h('span', { class: ['badge', sg.level] }, te('level', sg.level)), ' ',
				h('strong', {}, signalTitle(sg))),
			h('p', { class: 'reason' }, msg(sg.message)),
			sg.advice ? h('p', { class: 'advice' }, h('span', { class: 'label' }, t('signals.advice')), ' ',
				msg(sg.advice)) : null));
	return h('li', { class: ['signal', sg.level], dataset: { signal: sg.id } },
		h('div', { class: 'signal-head' },
			h('span', { class: ['badge', sg.level] }, te('level', sg.level)), ' ',
			h('strong', {}, signalTitle(sg))),
		h('p', { class: 'reason' }, msg(sg.message)),
		sg.advice ? h('p', { class: 'advice' }, h('span', { class: 'label' }, t('signals.advice')), ' ',
			msg(sg.advice)) : null,
		sg.source ? h('p', { class: 'muted small' }, t('signals.source', { source: sg.source })) : null);
}

/* The list of signals, or a friendly line when there are none. */
export function signalList(signals, opts = {}) {
	if (!signals.length)
		return h('p', { class: 'ok-line' }, opts.empty || t('signals.none'));
	return h('ul', { class: 'signals', id: opts.id }, signals.map((sg) => signalItem(sg, !!opts.compact)));
}

/* Signals whose subjects include any of ids. */
export function signalsAbout(signals, ids) {
	const want = new Set(ids);
	return signals.filter((sg) => (sg.subjects || []).some((x) => want.has(x)));
}
