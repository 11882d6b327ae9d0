// views/stats.js - figures without persons (GET /api/stats) for analysts,
// leads and admins: number of cases, placement forms, signals, network
// size, trust figures, meetings by continuum letter, overdue agreements.
// Counts arrive rounded and held back by the library's disclosure control;
// a held-back count is null and shows as "—".  The rounding and the
// threshold the page names come with the figures (st.disclosure).

import { api } from '../api.js';
import { field, h, mount } from '../dom.js';
import { fmtDate, fmtNum, t, te, tsignal } from '../i18n.js';

let asOf = '';

/* A figure as people write it here ("12,5"); a held-back one (null) as "—". */
function num(v) {
	if (v === null || v === undefined)
		return '—';
	return typeof v === 'number' ? fmtNum(v) : String(v);
}

export async function render(main, params, ctx) {
	const r = await api('GET', '/api/stats', { query: { as_of: asOf || undefined } });
	if (!ctx.current())
		return;
	const st = r.data || {};
	const date = field(t('stats.asOf'), 'date', { value: asOf || st.as_of || '' });
	date.input.addEventListener('change', () => {
		asOf = date.input.value;
		render(main, params, ctx);
	});
	const table = (obj, label) => h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, label),
		h('th', { scope: 'col', class: 'num' }, t('stats.count')))),
	h('tbody', {}, Object.entries(obj || {}).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', { class: 'num' }, num(v))))));
	const sig = Object.entries(st.signals || {}).map(([id, lv]) => h('tr', {}, h('td', {}, tsignal(id)),
		['alert', 'warning', 'info'].map((l) => h('td', { class: 'num' }, num(lv[l])))));
	mount(main,
		h('h1', {}, t('stats.title')),
		h('p', { class: 'lead' }, t('stats.intro')),
		h('div', { class: 'toolbar' }, date.wrap),
		h('p', { class: 'muted' }, t('stats.asOfIs', { date: fmtDate(st.as_of) })),
		h('div', { class: 'stat-grid', id: 'stats' },
			h('div', { class: 'stat' }, h('div', { class: 'big' }, num(st.cases)), t('stats.cases')),
			h('div', { class: 'stat' }, h('div', { class: 'big' }, num(st.median_network_size)), t('stats.network')),
			h('div', { class: 'stat' }, h('div', { class: 'big' }, st.trust_figure_share === null || st.trust_figure_share === undefined
				? '—' : fmtNum(st.trust_figure_share, { style: 'percent' })), t('stats.trust')),
			h('div', { class: 'stat' }, h('div', { class: 'big' }, num(st.agreements_overdue)), t('stats.overdue'))),
		h('div', { class: 'cols' },
			h('section', { class: 'col card' }, h('h2', {}, t('stats.byForm')),
				table(Object.fromEntries(Object.entries(st.by_form || {}).map(([k, v]) => [te('form', k) || t('stats.noPlacement'), v])),
					t('stats.form'))),
			h('section', { class: 'col card' }, h('h2', {}, t('stats.meetings')),
				table(Object.fromEntries(Object.entries(st.meetings_12m || {}).map(([k, v]) => [`${k} · ${te('continuum', k)}`, v])),
					t('stats.continuum')))),
		h('section', { class: 'card' }, h('h2', {}, t('stats.signals')),
			h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stats.signal')),
				['alert', 'warning', 'info'].map((l) => h('th', { scope: 'col', class: 'num' }, te('level', l))))),
			h('tbody', {}, sig))),
		st.disclosure ? h('p', { class: 'muted small', id: 'stats-disclosure' }, t('stats.suppression',
			{ round: st.disclosure.round_to, below: st.disclosure.suppress_below })) : null);
}
