// views/cases.js - "Mijn dossiers": the cases the user may see (GET
// /api/cases) with the most severe signal, overdue agreements and the next
// review date; searchable and sortable by every column.  Also the form for
// a new case (POST /api/cases with a minimal kring-case/1 document): the
// next free number from the server, and a question first when a child with
// the same name and birth date has a case already (409 duplicate).  The
// inbox column counts what the family added through share links.

import { api, can } from '../api.js';
import { go } from '../app.js';
import { field, h, mount, openDialog, toast } from '../dom.js';
import { fmtDate, fmtNum, t, te, textLimit, tp, tsignal } from '../i18n.js';
import { today } from '../model.js';

const LEVEL = { alert: 3, warning: 2, info: 1 };
let sortKey = 'signal';
let sortDir = -1;
let query = '';

function cmp(a, b, key) {
	switch (key) {
	case 'child': return (a.child.name || '').localeCompare(b.child.name || '');
	case 'ref': return a.ref.localeCompare(b.ref);
	case 'signal': {
		const la = a.top_signal ? LEVEL[a.top_signal.level] || 0 : 0;
		const lb = b.top_signal ? LEVEL[b.top_signal.level] || 0 : 0;
		if (la !== lb)
			return la - lb;
		const ca = a.signal_counts || {};
		const cb = b.signal_counts || {};
		return ((ca.alert || 0) - (cb.alert || 0)) || ((ca.warning || 0) - (cb.warning || 0));
	}
	case 'overdue': return (a.overdue_agreements || 0) - (b.overdue_agreements || 0);
	case 'review': return (a.next_review || '9999').localeCompare(b.next_review || '9999');
	case 'updated': return (a.updated || '').localeCompare(b.updated || '');
	case 'inbox': return (a.inbox || 0) - (b.inbox || 0);
	default: return 0;
	}
}

function signalCell(c) {
	if (!c.top_signal)
		return h('span', { class: 'badge ok' }, t('cases.noSignal'));
	const n = c.signal_counts || {};
	return h('span', {},
		h('span', { class: ['badge', c.top_signal.level] }, te('level', c.top_signal.level)), ' ',
		tsignal(c.top_signal.id),
		h('span', { class: 'muted small block' }, [tp('cases.countAlert', n.alert || 0),
			tp('cases.countWarning', n.warning || 0), tp('cases.countInfo', n.info || 0)].join(' · ')));
}

function table(list, tbody) {
	const q = query.trim().toLowerCase();
	const rows = list.filter((c) => !q || [c.ref, c.child && c.child.name,
		c.placement && te('form', c.placement.form)].some((x) => x && String(x).toLowerCase().includes(q)));
	rows.sort((a, b) => cmp(a, b, sortKey) * sortDir || a.ref.localeCompare(b.ref));
	mount(tbody, rows.length ? rows.map((c) => h('tr', { dataset: { ref: c.ref } },
		h('th', { scope: 'row' }, h('a', { href: `#/cases/${encodeURIComponent(c.ref)}` },
			c.child.name || c.child.id), c.child.age !== null && c.child.age !== undefined
			? h('span', { class: 'muted' }, ` (${tp('common.age', c.child.age)})`) : null),
		h('td', {}, c.ref),
		h('td', {}, c.placement ? [te('form', c.placement.form) || t('common.unknown'),
			c.placement.since ? h('span', { class: 'muted small block' },
				t('cases.since', { date: fmtDate(c.placement.since) })) : null] : t('cases.noPlacement')),
		h('td', {}, signalCell(c)),
		h('td', { class: c.overdue_agreements ? 'overdue num' : 'num' }, fmtNum(c.overdue_agreements || 0)),
		h('td', { class: c.review_overdue ? 'overdue' : null },
			c.next_review ? fmtDate(c.next_review) : t('cases.noReview')),
		h('td', { class: 'num' }, c.inbox ? h('a', { class: 'inbox-count', href: `#/cases/${encodeURIComponent(c.ref)}/sharing`,
			'aria-label': tp('cases.inboxLabel', c.inbox) }, fmtNum(c.inbox)) : '0'),
		h('td', { class: 'small' }, c.updated ? fmtDate(String(c.updated).slice(0, 10)) : ''))) :
		h('tr', {}, h('td', { colspan: 8 }, list.length ? t('cases.noMatch') : t('cases.none'))));
}

export async function render(main, params, ctx) {
	if (ctx.mode === 'new' && !can('create')) {
		mount(main, h('h1', {}, t('cases.new')), h('p', { role: 'alert' }, t('error.http.403')));
		return;
	}
	if (ctx.mode === 'new')
		return renderNew(main);
	const r = await api('GET', '/api/cases');
	if (!ctx.current())
		return;
	const list = (r.data && r.data.cases) || [];
	const tbody = h('tbody');
	const cols = [['child', t('cases.col.child')], ['ref', t('cases.col.ref')], [null, t('cases.col.placement')],
		['signal', t('cases.col.signal')], ['overdue', t('cases.col.overdue')],
		['review', t('cases.col.review')], ['inbox', t('cases.col.inbox')], ['updated', t('cases.col.updated')]];
	const head = h('tr');
	const drawHead = () => mount(head, cols.map(([k, label]) => h('th', {
		scope: 'col', 'aria-sort': k && k === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : null },
	k ? h('button', { type: 'button', class: 'sort', onclick: () => {
		if (sortKey === k)
			sortDir = -sortDir;
		else {
			sortKey = k;
			sortDir = k === 'signal' || k === 'overdue' || k === 'updated' || k === 'inbox' ? -1 : 1;
		}
		drawHead();
		table(list, tbody);
	} }, label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' },
		k === sortKey ? (sortDir > 0 ? ' ▲' : ' ▼') : '')) : label)));
	drawHead();
	const search = field(t('cases.search'), 'search', { value: query, placeholder: t('cases.searchHint') });
	search.input.addEventListener('input', () => {
		query = search.input.value;
		table(list, tbody);
	});
	const canCreate = ctx.app.user && can('create');
	mount(main,
		h('div', { class: 'page-head' },
			h('h1', {}, t('cases.title')),
			canCreate ? h('a', { class: 'btn primary', href: '#/cases/new', id: 'new-case' }, t('cases.new')) : null),
		h('div', { class: 'toolbar' }, search.wrap),
		h('div', { class: 'table-wrap' }, h('table', { class: 'cases' },
			h('caption', { class: 'sr-only' }, t('cases.caption')), h('thead', {}, head), tbody)));
	table(list, tbody);
}

/* The next free case number, as the server counts it (GET
 * /api/cases/next-ref); empty when it cannot be had. */
async function nextRef() {
	try {
		const r = await api('GET', '/api/cases/next-ref');
		return (r.data && r.data.ref) || '';
	} catch (e) {
		if (e.status === 401)
			throw e;
		return '';
	}
}

async function renderNew(main) {
	const ref = field(t('newcase.ref'), 'text', { value: await nextRef(), required: true,
		pattern: '[A-Za-z0-9._-]{1,64}', hint: t('newcase.refHint') });
	const name = field(t('newcase.childName'), 'text', { required: true, autocomplete: 'off',
		maxlength: textLimit('persons', 'name') });
	const sex = field(t('person.sex'), 'select', { options: [['', t('common.choose')],
		...['f', 'm', 'x', 'unknown'].map((v) => [v, te('sex', v)])] });
	const born = field(t('person.born'), 'date', { max: today() });
	const opened = field(t('newcase.opened'), 'date', { value: today() });
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { class: 'card form narrow', novalidate: true },
		ref.wrap, name.wrap, sex.wrap, born.wrap, opened.wrap, msg,
		h('div', { class: 'actions' },
			h('button', { type: 'submit', class: 'btn primary' }, t('newcase.create')),
			h('a', { class: 'btn secondary', href: '#/cases' }, t('common.cancel'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const problems = [];
		if (!/^[A-Za-z0-9._-]{1,64}$/.test(ref.input.value))
			problems.push(t('newcase.refBad'));
		if (!name.input.value.trim())
			problems.push(t('newcase.nameMissing'));
		if (problems.length) {
			mount(msg, h('ul', {}, problems.map((p) => h('li', {}, p))));
			msg.hidden = false;
			return;
		}
		const child = { id: 'p1', name: name.input.value.trim(), roles: ['child'], world: 'origin',
			segment: 'household' };
		if (sex.input.value)
			child.sex = sex.input.value;
		if (born.input.value)
			child.born = born.input.value;
		const doc = { format: 'kring-case/1', case: { ref: ref.input.value, child: 'p1' }, persons: [child],
			kinship: [], ties: [], placements: [], events: [], meetings: [] };
		if (opened.input.value)
			doc.case.opened = opened.input.value;
		try {
			await create(doc, false);
		} catch (e) {
			mount(msg, h('ul', {}, (e.messages || [String(e)]).map((p) => h('li', {}, p))));
			msg.hidden = false;
		}
	});
	/* a child with this name and birth date has a case already: say which,
	 * and create it only when the user confirms */
	async function create(doc, confirmed) {
		try {
			await api('POST', '/api/cases', { body: doc, query: confirmed ? { confirm_duplicate: 1 } : undefined });
		} catch (e) {
			if (e.status === 409 && e.body && e.body.code === 'duplicate' && !confirmed) {
				const dup = e.body.duplicate_of;
				const choice = await openDialog({ title: t('newcase.dupTitle'),
					body: [h('p', { id: 'duplicate-of' }, t('newcase.dupText', { ref: dup })),
						h('p', {}, h('a', { href: `#/cases/${encodeURIComponent(dup)}` }, t('newcase.dupOpen', { ref: dup })))],
					actions: [{ id: 'create-anyway', label: t('newcase.dupCreate'), kind: 'secondary', value: 'create' },
						{ id: 'back', label: t('newcase.dupBack'), kind: 'primary', value: 'back' }] });
				if (choice === 'create')
					return create(doc, true);
				return false;
			}
			if (e.status === 409 && !confirmed) {
				/* a colleague took this number meanwhile: the next one */
				const fresh = await nextRef();
				if (fresh && fresh !== doc.case.ref) {
					ref.input.value = fresh;
					toast(t('newcase.refTaken', { ref: fresh }), 'warn');
				}
			}
			throw e;
		}
		go(`#/cases/${encodeURIComponent(doc.case.ref)}/ecogram`);
		return true;
	}
	mount(main, h('h1', {}, t('newcase.title')), h('p', { class: 'lead' }, t('newcase.intro')), form);
	name.input.focus();
}
