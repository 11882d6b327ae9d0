// views/dashboard.js - the steering dashboard (#/dashboard, issue 12) over
// GET /api/report/{monitor|startfoto} (docs/report.md).  A team lead sees
// the team: the caseload with filters and assignment, and the embedding
// monitor with its trend per quarter per worker.  An analyst or admin sees
// the startfoto per municipality or region with downloads (XLSX, PDF,
// CSV), and the organisation's monitor.  Every chart is the SVG the
// library draws (?charts=svg, the same drawing as in the PDF); every word
// for a figure comes with the report (titles, labels), so nothing here
// computes or names a figure itself.

import { api, can } from '../api.js';
import { h, mount } from '../dom.js';
import { fmtDate, getLang, t, te } from '../i18n.js';

const LEVELS = ['alert', 'warning', 'info'];
const state = { tab: null, asOf: '', place: '', worker: '', level: '', q: '' };

function label(rep, key, val) {
	const l = rep.labels && rep.labels[key] && rep.labels[key][val];
	return l ? l[getLang()] || l.nl : val;
}

function title(x) {
	return x ? x[getLang()] || x.nl : '';
}

/* A value as the report gives it; a held-back count shows as "<N" with the
 * report's own threshold (disclosure.suppress_below, from the library). */
function value(rep, row) {
	if (row.value === null)
		return row.suppressed && rep.disclosure ? `<${rep.disclosure.suppress_below}` : '—';
	return Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(1);
}

function chart(table) {
	if (!table.chart || !table.chart.svg)
		return null;
	return h('img', { class: 'dash-chart', alt: title(table.title),
		src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(table.chart.svg)}` });
}

/* The rows of the report's focus unit. */
function focusRows(rep, table) {
	const [k0, k1] = rep.units;
	return table.rows.filter((r) => r[k0] === rep.scope[k0] && r[k1] === rep.scope[k1]);
}

function rowLabel(rep, row) {
	return Object.keys(row).filter((k) => !['value', 'suppressed', ...rep.units].includes(k))
		.map((k) => label(rep, k, row[k])).join(' · ');
}

function figure(rep, table) {
	const rows = focusRows(rep, table);
	return h('section', { class: 'card dash-table', dataset: { table: table.id } },
		h('h3', {}, title(table.title)),
		h('p', { class: 'muted small' }, title(table.note)),
		chart(table),
		h('details', {}, h('summary', {}, t('dashboard.values')),
			h('table', { class: 'dash-values' }, h('tbody', {}, rows.map((r) => h('tr', {},
				h('td', {}, rowLabel(rep, r)),
				h('td', { class: r.suppressed ? 'num muted' : 'num' }, value(rep, r))))))));
}

function params(extra) {
	const q = { as_of: state.asOf || undefined, ...extra };
	if (state.place.startsWith('m:'))
		q.municipality = state.place.slice(2);
	else if (state.place.startsWith('r:'))
		q.region = state.place.slice(2);
	return q;
}

function downloads(kind) {
	const q = new URLSearchParams(Object.entries(params({ lang: getLang() }))
		.filter(([, v]) => v !== undefined));
	return h('div', { class: 'dash-downloads' }, t('dashboard.download'),
		['xlsx', 'pdf', 'csv'].map((f) => {
			q.set('format', f);
			return h('a', { class: 'btn', href: `/api/report/${kind}?${q}`, download: '' },
				f.toUpperCase());
		}));
}

/* The municipality or region to look at, from the report's own list. */
function placePicker(rep, rerender) {
	const regions = [...new Set((rep.municipalities || []).map((m) => m.region))].sort();
	const sel = h('select', { id: 'dash-place', 'aria-label': t('dashboard.place') },
		h('option', { value: '' }, t('dashboard.organisation')),
		regions.map((r) => h('optgroup', { label: r },
			h('option', { value: `r:${r}`, selected: state.place === `r:${r}` },
				t('dashboard.region', { name: r })),
			rep.municipalities.filter((m) => m.region === r).map((m) => h('option', {
				value: `m:${m.code}`, selected: state.place === `m:${m.code}` },
			`${m.name} (${m.code})`)))));
	sel.addEventListener('change', () => {
		state.place = sel.value;
		rerender();
	});
	return h('label', { class: 'dash-field' }, t('dashboard.place'), ' ', sel);
}

function intro(rep) {
	return h('p', { class: 'muted' }, t('dashboard.window', {
		date: fmtDate(rep.as_of), from: fmtDate(rep.window.from), to: fmtDate(rep.window.to),
		round: rep.disclosure.round_to, below: rep.disclosure.suppress_below }));
}

/* ---- the team's caseload ---------------------------------------------------- */

/* Alerts first, then warnings, then the rest; more of them first. */
function severity(c) {
	const level = c.top ? 3 - LEVELS.indexOf(c.top.level) : 0;
	return level * 1000 + c.signals.alert * 100 + c.signals.warning;
}

function caseload(rep, rerender) {
	const workers = [...new Set(rep.caseload.map((c) => c.worker))].sort();
	const tbody = h('tbody', {});
	const draw = () => {
		const q = state.q.trim().toLowerCase();
		const rows = rep.caseload.filter((c) => (!state.worker || c.worker === state.worker) &&
			(!state.level || (state.level === 'none' ? !c.top : c.top && c.top.level === state.level)) &&
			(!q || [c.ref, c.child].some((x) => x && x.toLowerCase().includes(q))))
			.sort((a, b) => severity(b) - severity(a) || a.worker.localeCompare(b.worker) ||
				a.ref.localeCompare(b.ref));
		mount(tbody, rows.length ? rows.map((c) => h('tr', { dataset: { ref: c.ref } },
			h('td', {}, c.worker),
			h('th', { scope: 'row' }, h('a', { href: `#/cases/${encodeURIComponent(c.ref)}` },
				c.child || c.ref)),
			h('td', {}, c.ref),
			h('td', {}, c.form ? label(rep, 'form', c.form) : t('dashboard.noPlacement')),
			h('td', {}, c.top ? [h('span', { class: ['badge', c.top.level] }, te('level', c.top.level)),
				' ', title(c.top.title)] : h('span', { class: 'badge ok' }, t('dashboard.noSignal')),
			h('span', { class: 'muted small block' }, t('dashboard.counts', c.signals))),
			h('td', { class: c.overdue_agreements ? 'num overdue' : 'num' }, String(c.overdue_agreements)),
			h('td', {}, c.next_review ? fmtDate(c.next_review) : '—'),
			h('td', {}, can('assign') ? assign(c, workers, rerender) : null))) :
			h('tr', {}, h('td', { colspan: 8 }, t('dashboard.noCases'))));
	};
	const wsel = h('select', { 'aria-label': t('dashboard.worker') },
		h('option', { value: '' }, t('dashboard.allWorkers')),
		workers.map((w) => h('option', { value: w, selected: state.worker === w }, w)));
	wsel.addEventListener('change', () => {
		state.worker = wsel.value;
		draw();
	});
	const lsel = h('select', { 'aria-label': t('dashboard.level') },
		h('option', { value: '' }, t('dashboard.allLevels')),
		LEVELS.map((l) => h('option', { value: l, selected: state.level === l }, te('level', l))),
		h('option', { value: 'none', selected: state.level === 'none' }, t('dashboard.noSignal')));
	lsel.addEventListener('change', () => {
		state.level = lsel.value;
		draw();
	});
	const search = h('input', { type: 'search', value: state.q, placeholder: t('dashboard.search') });
	search.addEventListener('input', () => {
		state.q = search.value;
		draw();
	});
	draw();
	return h('section', { class: 'card', id: 'caseload' },
		h('h2', {}, t('dashboard.caseload')),
		h('div', { class: 'toolbar dash-filters' },
			h('label', { class: 'dash-field' }, t('dashboard.worker'), ' ', wsel),
			h('label', { class: 'dash-field' }, t('dashboard.level'), ' ', lsel),
			h('label', { class: 'dash-field' }, t('dashboard.search'), ' ', search)),
		h('div', { class: 'table-wrap' }, h('table', { class: 'dash-caseload' },
			h('thead', {}, h('tr', {}, ['worker', 'child', 'ref', 'form', 'signal', 'overdue', 'review',
				'assign'].map((k) => h('th', { scope: 'col' }, t(`dashboard.col.${k}`))))), tbody)));
}

/* Assigning the case to another worker of the team (the assignment API). */
function assign(c, workers, rerender) {
	const others = workers.filter((w) => w !== c.worker);
	if (!others.length)
		return null;
	const sel = h('select', { 'aria-label': t('dashboard.assignTo', { ref: c.ref }) },
		others.map((w) => h('option', { value: w }, w)));
	const btn = h('button', { type: 'button', class: 'btn small' }, t('dashboard.assign'));
	btn.addEventListener('click', async () => {
		btn.disabled = true;
		try {
			await api('PUT', `/api/cases/${encodeURIComponent(c.ref)}/assignees/${encodeURIComponent(sel.value)}`,
				{ body: {} });
			rerender();
		} catch (e) {
			btn.disabled = false;
			btn.replaceWith(h('span', { role: 'alert', class: 'overdue' }, e.messages ? e.messages[0] : String(e)));
		}
	});
	return h('span', { class: 'dash-assign' }, sel, ' ', btn);
}

/* The monitor per worker on the as-of day: a row per worker, a column per
 * figure, the share in percent. */
function perWorker(rep) {
	const [k0, k1] = rep.units;
	const units = [...new Set(rep.tables[0].rows.map((r) => r[k1]))];
	const pct = (table, unit) => {
		const r = table.rows.find((x) => x[k1] === unit && x.day === rep.as_of && x.measure === 'percent' &&
			(!x.continuum || x.continuum === 'any') && (!x.status || x.status === 'overdue'));
		return r ? (r.value === null ? '—' : `${Math.round(r.value)}%`) : '';
	};
	return h('section', { class: 'card', id: 'per-worker' },
		h('h2', {}, t('dashboard.perWorker')),
		h('div', { class: 'table-wrap' }, h('table', { class: 'dash-matrix' },
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dashboard.col.worker')),
				rep.tables.map((tb) => h('th', { scope: 'col' }, title(tb.title))))),
			h('tbody', {}, units.map((u) => h('tr', {},
				h('th', { scope: 'row' }, u === 'total' ? label(rep, k1, u) : u),
				rep.tables.map((tb) => h('td', { class: 'num' }, pct(tb, u)))))))),
		h('p', { class: 'muted small' }, t('dashboard.perWorkerNote', { team: rep.scope[k0] })));
}

/* ---- the view ------------------------------------------------------------------- */

async function load(kind, extra) {
	const r = await api('GET', `/api/report/${kind}`, { query: params({ charts: 'svg', ...extra }) });
	return r.data;
}

export async function render(main, routeParams, ctx) {
	const lead = can('team_figures');
	const tabs = lead ? ['team', 'startfoto'] : ['startfoto', 'monitor'];
	if (!tabs.includes(state.tab))
		state.tab = tabs[0];
	const kind = state.tab === 'startfoto' ? 'startfoto' : 'monitor';
	const rep = await load(kind, {});
	if (!ctx.current())
		return;
	const rerender = () => render(main, routeParams, ctx);
	const date = h('input', { type: 'date', id: 'dash-asof', value: state.asOf || rep.as_of,
		'aria-label': t('dashboard.asOf') });
	date.addEventListener('change', () => {
		state.asOf = date.value;
		rerender();
	});
	const nav = h('div', { class: 'tabs', role: 'tablist' }, tabs.map((k) => {
		const b = h('button', { type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(k === state.tab),
			dataset: { tab: k } }, t(`dashboard.tab.${k}`));
		b.addEventListener('click', () => {
			state.tab = k;
			rerender();
		});
		return b;
	}));
	const body = [];
	if (state.tab === 'team') {
		body.push(caseload(rep, rerender), perWorker(rep));
		body.push(h('h2', {}, t('dashboard.trend')));
	} else {
		body.push(h('h2', {}, t(`dashboard.tab.${state.tab}`)));
		if (!lead || state.tab === 'startfoto')
			body.push(h('div', { class: 'toolbar dash-bar' }, placePicker(rep, rerender), downloads(kind)));
	}
	body.push(h('div', { class: 'dash-grid' }, rep.tables.map((tb) => figure(rep, tb))));
	if (rep.notes)
		body.push(h('p', { class: 'muted small' }, rep.notes.map(title).join(' ')));
	mount(main,
		h('h1', {}, t('dashboard.title')),
		h('p', { class: 'lead' }, t(lead ? 'dashboard.introLead' : 'dashboard.introAnalyst')),
		h('div', { class: 'toolbar' }, h('label', { class: 'dash-field' }, t('dashboard.asOf'), ' ', date)),
		nav, intro(rep), ...body);
}
