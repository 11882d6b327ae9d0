// views/matching.js - the tab "Matching en wennen" of a case (issue 13):
// per placement, newest first, the matching behind the decision
// (placements[].matching: who was considered, the child's wishes and how
// the child took part, the parents' wishes, the foster family's own
// children heard, the first meeting of parents and foster parents, the
// decision and why; the family of the register the child went to,
// placements[].family) and the settling-in check-ins of the first year
// (placements[].settling: the day and how the child, the foster parents,
// their own children and the parents experience it, 1-5 with the library's
// words), with the signals the library computes about that placement.
// Every change is a change of the placement item, saved through
// casestore.save() (PUT .../placements/{id} with If-Match); the server's
// problems are shown next to the field their path names.  Nothing here
// judges a matching or a check-in: that is lib/signals.c's.

import { api, can } from '../api.js';
import { cs, loadSummary, removeAsked, reportError, save } from '../casestore.js';
import { field, h, mount, nextId, openDialog } from '../dom.js';
import { enumValues, fmtDate, t, te } from '../i18n.js';
import { byDate, clone, nameOf } from '../model.js';
import { signalList, signalsAbout } from '../signals.js';

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const VIEWS = ['child', 'foster_parents', 'own_children', 'parents'];
/* the signals about a placement this tab shows (docs/signals.md) */
const SHOWN = [/^matching-/, /^settling-/, /^parents-fosterparents-/, /^parents-without-support$/,
	/^fosterparents-/];
/* the signals about the support of both families (docs/signals.md) */
const SUPPORT_SIGNALS = ['parents-without-support', 'fosterparents-without-contact'];
let shown = null;   /* {body, ctx} of the tab as drawn last, to draw it again */

const opt = (kind, empty = true) => [...(empty ? [['', t('common.notSet')]] : []),
	...enumValues(kind).map((v) => [v, te(kind, v)])];

function empty(v) {
	return v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length);
}

function setOrDelete(obj, key, v) {
	if (empty(v))
		delete obj[key];
	else
		obj[key] = v;
}

function dateField(label, value, opts = {}) {
	return field(label, 'text', { value: value || '', placeholder: t('common.datePlaceholder'),
		hint: opts.hint, pattern: DATE_RE.source.slice(1, -1), inputmode: 'numeric' });
}

/* The families of the register the user may see: id -> name ({} when the
 * register cannot be read). */
async function familyNames() {
	try {
		const r = await api('GET', '/api/families');
		return Object.fromEntries(((r.data && r.data.families) || []).map((f) => [f.id, f.name || f.id]));
	} catch (e) {
		if (e.status === 401)
			throw e;
		return {};
	}
}

function placementTitle(pl) {
	return t('matching.placementTitle', { form: te('form', pl.form) || t('common.unknown'),
		from: fmtDate(pl.start) || t('common.unknown'), to: pl.end ? fmtDate(pl.end) : t('placement.now') });
}

function familyLink(id, names) {
	if (!id)
		return null;
	return h('a', { href: `#/families/${encodeURIComponent(id)}`, class: 'family-link' }, names[id] || id);
}

function yesNo(v) {
	return v === true ? t('matching.yes') : v === false ? t('matching.no') : '';
}

function facts(list) {
	const shown = list.filter(([, v]) => !empty(v));
	return shown.length ? h('dl', { class: 'facts family-facts' }, shown.map(([k, v, key]) => [
		h('dt', {}, k), h('dd', { dataset: key ? { fact: key } : undefined }, v)])) : null;
}

export async function render(body, { ctx }) {
	const doc = cs.doc;
	const [names, sum] = await Promise.all([familyNames(), loadSummary()]);
	if (!ctx.current())
		return;
	const list = byDate(doc.placements || [], 'start').reverse();
	const settling = sum && sum.settling ? sum.settling : null;
	shown = { body, ctx };
	mount(body,
		h('h2', { id: 'tab-title' }, t('tab.matching')),
		h('p', { class: 'lead' }, t('matching.intro')),
		supportCard(doc),
		list.length ? list.map((pl) => placementCard(doc, pl, names,
			settling && settling.placement === pl.id ? settling : null))
			: h('p', { class: 'muted', id: 'no-placements' }, t('matching.noPlacements')));
}

function placementCard(doc, pl, names, settling) {
	const m = pl.matching;
	const editable = can('write');
	const sigs = signalsAbout(cs.signals, [pl.id]).filter((sg) => SHOWN.some((re) => re.test(sg.id)));
	const considered = (m && m.considered) || [];
	return h('section', { class: 'card placement-card', dataset: { placement: pl.id },
		'aria-labelledby': `pl-${pl.id}` },
	h('h3', { id: `pl-${pl.id}` }, placementTitle(pl)),
	pl.family ? h('p', {}, t('matching.family'), ' ', familyLink(pl.family, names)) : null,
	sigs.length ? signalList(sigs, { compact: true }) : null,
	h('h4', {}, t('matching.title')),
	pl.network_search ? h('p', { class: 'network-search', id: `search-${pl.id}` }, t('matching.networkSearch', {
		date: fmtDate(pl.network_search.date), outcome: te('search_outcome', pl.network_search.outcome) }),
	pl.network_search.text ? h('span', { class: 'muted block small' }, pl.network_search.text) : null) : null,
	m ? h('div', { class: 'matching-record' },
		facts([
			[t('matching.date'), fmtDate(m.date), 'date'],
			[t('matching.childInvolved'), te('involvement', m.child_involved), 'child_involved'],
			[t('matching.childWishes'), m.child_wishes, 'child_wishes'],
			[t('matching.parentsWishes'), m.parents_wishes, 'parents_wishes'],
			[t('matching.ownChildrenHeard'), [yesNo(m.own_children_heard),
				m.own_children_text ? ` · ${m.own_children_text}` : ''].join(''), 'own_children'],
			[t('matching.firstMeeting'), m.first_meeting ? fmtDate(m.first_meeting) : t('matching.noFirstMeeting'),
				'first_meeting'],
			[t('matching.decision'), m.decision, 'decision'],
			[t('matching.why'), m.why, 'why'],
		]),
		considered.length ? [h('p', {}, h('strong', {}, t('matching.considered'))),
			h('ul', { class: 'plain considered' }, considered.map((k) => h('li', {},
				k.family ? familyLink(k.family, names) : h('span', {}, nameOf(doc, k.person)),
				k.chosen === true ? h('span', { class: 'badge ok' }, t('matching.chosen')) : null,
				k.why ? h('span', { class: 'muted block small' }, k.why) : null)))] : null)
		: h('p', { class: 'muted' }, t('matching.none')),
	editable ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn secondary',
		dataset: { action: 'matching' }, onclick: () => matchingDialog(pl.id, names) },
	m ? t('matching.edit') : t('matching.add'))) : null,
	h('h4', {}, t('settling.title')),
	settling ? schedule(settling) : null,
	checkinTable(pl, editable));
}

/* The settling-in schedule of the child's current home as the library
 * computes it (GET .../summary "settling": each check-in's day, whether it
 * is done, the next one and whether it is late). */
function schedule(st) {
	const items = st.schedule || [];
	const next = st.next_due ? items.findIndex((x) => x.due === st.next_due && !x.done) : -1;
	return h('div', { class: 'settling-schedule' },
		h('p', {}, t('settling.scheduleLine', { done: st.done, total: items.length, since: fmtDate(st.since) })),
		h('ol', { class: 'schedule', id: 'settling-schedule' }, items.map((x, i) => h('li', {
			class: [x.done ? 'done' : null, i === next ? 'next' : null, i === next && st.overdue ? 'late' : null],
			dataset: { due: x.due, done: x.done ? '1' : '0' } },
		h('span', { class: 'when' }, t('settling.checkinN', { n: i + 1, date: fmtDate(x.due) })), ' ',
		x.done ? h('span', { class: 'badge ok' }, t('settling.done'))
			: i === next ? h('span', { class: ['badge', st.overdue ? 'warning' : 'info'] },
				st.overdue ? t('settling.late') : t('settling.next')) : null))));
}

function scoreCell(v) {
	if (!v)
		return h('td', { class: 'muted' }, t('settling.notAsked'));
	return h('td', { class: ['score', `score-${v}`], dataset: { score: String(v) } },
		h('span', { class: 'score-n' }, String(v)), ' ', te('settling_score', String(v)));
}

function checkinTable(pl, editable) {
	const items = (pl.settling || []).map((c, i) => ({ c, i }))
		.sort((a, b) => (a.c.date || '').localeCompare(b.c.date || ''));
	const add = editable ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn secondary',
		dataset: { action: 'add-checkin' }, onclick: () => checkinDialog(pl.id, -1) }, t('settling.add'))) : null;
	if (!items.length)
		return [h('p', { class: 'muted' }, t('settling.none')), add];
	const remove = (c, i) => removeAsked(t('settling.what', { date: fmtDate(c.date) }), (d) => {
		const p = placementOf(d, pl.id);
		if (p.settling) {
			p.settling.splice(i, 1);
			if (!p.settling.length)
				delete p.settling;
		}
	}).catch(reportError);
	const actions = (c, i) => h('td', {}, h('div', { class: 'item-actions' },
		h('button', { type: 'button', class: 'btn secondary', dataset: { action: 'edit-checkin' },
			'aria-label': t('settling.editLabel', { date: fmtDate(c.date) }),
			onclick: () => checkinDialog(pl.id, i) }, t('common.edit')),
		h('button', { type: 'button', class: 'btn danger', dataset: { action: 'remove-checkin' },
			'aria-label': t('settling.removeLabel', { date: fmtDate(c.date) }),
			onclick: () => remove(c, i) }, t('common.remove'))));
	const rows = items.map(({ c, i }) => h('tr', { dataset: { checkin: String(i) } },
		h('th', { scope: 'row' }, fmtDate(c.date)),
		VIEWS.map((v) => scoreCell(c[v])),
		h('td', { class: 'small' }, c.text || ''),
		editable ? actions(c, i) : null));
	const head = h('tr', {}, h('th', { scope: 'col' }, t('settling.date')),
		VIEWS.map((v) => h('th', { scope: 'col' }, t(`settling.view.${v}`))),
		h('th', { scope: 'col' }, t('settling.text')),
		editable ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))) : null);
	return [h('div', { class: 'table-wrap' }, h('table', { class: 'settling' },
		h('caption', { class: 'sr-only' }, t('settling.caption', { what: placementTitle(pl) })),
		h('thead', {}, head), h('tbody', {}, rows))), add];
}

/* ---- the server's problems next to their fields ---- */

/* A form whose fields are registered by their path inside the placement
 * ("matching.first_meeting", "settling[2].child"). */
function pathForm() {
	const paths = new Map();
	return {
		reg(path, f) {
			f.wrap.dataset.path = path;
			paths.set(path, f);
			return f;
		},
		clear(root) {
			for (const el of root.querySelectorAll('.field-error'))
				el.remove();
			for (const el of root.querySelectorAll('[aria-invalid]'))
				el.removeAttribute('aria-invalid');
		},
		/* a problem named by its field's label instead of its path */
		said(d) {
			const m = /^(?:placements\[\d+\]\.)?([A-Za-z0-9_.[\]]+): (.*)$/s.exec(d);
			let p = m ? m[1] : '';
			while (p && !paths.has(p)) {
				const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
				p = cut > 0 ? p.slice(0, cut) : '';
			}
			if (!p)
				return d;
			const wrap = paths.get(p).wrap;
			const lab = wrap.querySelector(':scope > label, :scope > legend');
			const row = wrap.closest('fieldset.considered-row');
			const what = [row ? row.querySelector('legend').textContent : '', lab && !row ? lab.textContent : '']
				.filter(Boolean).join(' · ');
			return what ? `${what}: ${m[2]}` : d;
		},
		/* details "placements[N].rest: message" -> next to the field of rest */
		show(root, e) {
			this.clear(root);
			let first = null;
			for (const d of (e && e.details) || []) {
				const m = /^(?:placements\[\d+\]\.)?([A-Za-z0-9_.[\]]+): (.*)$/s.exec(d);
				if (!m)
					continue;
				let p = m[1];
				while (p && !paths.has(p)) {
					const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
					p = cut > 0 ? p.slice(0, cut) : '';
				}
				if (!p)
					continue;
				const f = paths.get(p);
				const id = nextId('fe');
				f.wrap.append(h('p', { class: 'field-error', id }, m[2]));
				if (f.input) {
					f.input.setAttribute('aria-invalid', 'true');
					f.input.setAttribute('aria-describedby', id);
					first = first || f.input;
				}
			}
			if (first)
				first.focus();
		},
	};
}

async function trySave(dlg, pf, desc, change) {
	pf.clear(dlg.dialog);
	try {
		return await save(desc, change);
	} catch (e) {
		dlg.error(e.messages ? e.messages.map((l) => pf.said(l)) : [String(e)]);
		pf.show(dlg.dialog, e);
		return false;
	}
}

function placementOf(d, id) {
	const p = (d.placements || []).find((x) => x.id === id);
	if (!p)
		throw new Error(t('matching.placementGone'));
	return p;
}

/* ---- the matching dialog ---- */

function consideredRow(doc, k, names, box) {
	const famOpts = [['', t('common.choose')], ...Object.entries(names).map(([id, n]) => [id, n])];
	if (k.family && !names[k.family])
		famOpts.push([k.family, k.family]);
	const who = field(t('matching.consideredWho'), 'select', { value: k.family ? `f:${k.family}`
		: k.person ? `p:${k.person}` : '', options: [['', t('common.choose')],
		...(doc.persons || []).filter((p) => p.id !== doc.case.child).map((p) => [`p:${p.id}`, p.name || p.id]),
		...famOpts.slice(1).map(([id, n]) => [`f:${id}`, t('matching.registerFamily', { name: n })])] });
	const chosen = field(t('matching.chosenQ'), 'checkbox', { value: k.chosen === true });
	const why = field(t('matching.consideredWhy'), 'text', { value: k.why || '' });
	const row = h('fieldset', { class: 'member considered-row' }, h('legend', {}),
		h('div', { class: 'row' }, who.wrap, why.wrap), chosen.wrap,
		h('div', { class: 'item-actions' }, h('button', { type: 'button', class: 'btn secondary', onclick: () => {
			row.remove();
			number(box);
		} }, t('matching.consideredRemove'))));
	row.kr = { base: k, who, chosen, why };
	return row;
}

function number(box) {
	[...box.children].forEach((row, i) => {
		row.querySelector('legend').textContent = t('matching.consideredN', { n: i + 1 });
	});
}

async function matchingDialog(plId, names) {
	const doc = cs.doc;
	const pl = (doc.placements || []).find((x) => x.id === plId);
	const m0 = clone(pl.matching || {});
	const pf = pathForm();
	const famChoices = [['', t('matching.noFamily')], ...Object.entries(names)];
	if (pl.family && !names[pl.family])
		famChoices.push([pl.family, pl.family]);
	const family = pf.reg('family', field(t('matching.familyQ'), 'select', { options: famChoices,
		value: pl.family || '', hint: t('matching.familyHint') }));
	const date = pf.reg('matching.date', dateField(t('matching.date'), m0.date, { hint: t('common.dateHint') }));
	const box = h('div', { class: 'considered-rows' });
	for (const k of m0.considered || [])
		box.append(consideredRow(doc, k, names, box));
	number(box);
	const addConsidered = h('button', { type: 'button', class: 'btn secondary', id: 'add-considered', onclick: () => {
		const row = consideredRow(doc, {}, names, box);
		box.append(row);
		number(box);
		row.kr.who.input.focus();
	} }, t('matching.consideredAdd'));
	const involved = pf.reg('matching.child_involved', field(t('matching.childInvolved'), 'select',
		{ options: opt('involvement'), value: m0.child_involved || '' }));
	const childWishes = pf.reg('matching.child_wishes', field(t('matching.childWishes'), 'textarea',
		{ value: m0.child_wishes || '', rows: 2 }));
	const parentsWishes = pf.reg('matching.parents_wishes', field(t('matching.parentsWishes'), 'textarea',
		{ value: m0.parents_wishes || '', rows: 2 }));
	const heard = pf.reg('matching.own_children_heard', field(t('matching.ownChildrenHeard'), 'select', {
		options: [['', t('common.notSet')], ['yes', t('matching.yes')], ['no', t('matching.no')]],
		value: m0.own_children_heard === true ? 'yes' : m0.own_children_heard === false ? 'no' : '' }));
	const heardText = pf.reg('matching.own_children_text', field(t('matching.ownChildrenText'), 'textarea',
		{ value: m0.own_children_text || '', rows: 2 }));
	const first = pf.reg('matching.first_meeting', dateField(t('matching.firstMeeting'), m0.first_meeting,
		{ hint: t('matching.firstMeetingHint') }));
	const decision = pf.reg('matching.decision', field(t('matching.decision'), 'textarea',
		{ value: m0.decision || '', rows: 2 }));
	const why = pf.reg('matching.why', field(t('matching.why'), 'textarea', { value: m0.why || '', rows: 3 }));
	let dlg = null;
	const register = () => [...box.children].forEach((row, i) => {
		pf.reg(`matching.considered[${i}]`, { wrap: row, input: row.kr.who.input });
		pf.reg(`matching.considered[${i}].why`, row.kr.why);
	});
	dlg = openDialog({
		title: t('matching.dialogTitle', { what: placementTitle(pl) }),
		wide: true,
		body: [family.wrap, date.wrap,
			h('fieldset', { class: 'plain-set' }, h('legend', {}, t('matching.considered')),
				h('p', { class: 'hint' }, t('matching.consideredHint')), box, addConsidered),
			involved.wrap, childWishes.wrap, parentsWishes.wrap,
			h('div', { class: 'row' }, heard.wrap, first.wrap), heardText.wrap, decision.wrap, why.wrap],
		actions: [
			{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
				register();
				const next = { ...m0 };
				setOrDelete(next, 'date', date.input.value.trim());
				setOrDelete(next, 'child_involved', involved.input.value);
				setOrDelete(next, 'child_wishes', childWishes.input.value.trim());
				setOrDelete(next, 'parents_wishes', parentsWishes.input.value.trim());
				setOrDelete(next, 'own_children_heard', heard.input.value === 'yes' ? true
					: heard.input.value === 'no' ? false : '');
				setOrDelete(next, 'own_children_text', heardText.input.value.trim());
				setOrDelete(next, 'first_meeting', first.input.value.trim());
				setOrDelete(next, 'decision', decision.input.value.trim());
				setOrDelete(next, 'why', why.input.value.trim());
				setOrDelete(next, 'considered', [...box.children].map((row) => {
					const k = { ...row.kr.base };
					const v = row.kr.who.input.value;
					delete k.person;
					delete k.family;
					if (v.startsWith('p:'))
						k.person = v.slice(2);
					else if (v.startsWith('f:'))
						k.family = v.slice(2);
					setOrDelete(k, 'chosen', row.kr.chosen.input.checked ? true : (k.chosen === false ? false : ''));
					setOrDelete(k, 'why', row.kr.why.input.value.trim());
					return k;
				}));
				const fam = family.input.value;
				return trySave(dlg, pf, t('matching.savedDesc', { what: placementTitle(pl) }), (d) => {
					const p = placementOf(d, plId);
					setOrDelete(p, 'matching', Object.keys(next).length ? next : '');
					setOrDelete(p, 'family', fam);
				});
			} },
			{ id: 'cancel', label: t('common.cancel'), value: false },
		],
	});
	return dlg;
}

/* ---- a check-in ---- */

async function checkinDialog(plId, index) {
	const pl = (cs.doc.placements || []).find((x) => x.id === plId);
	const c0 = index >= 0 ? clone(pl.settling[index]) : {};
	const at = index >= 0 ? index : (pl.settling || []).length;
	const pf = pathForm();
	const base = `settling[${at}]`;
	const date = pf.reg(`${base}.date`, dateField(t('settling.date'), c0.date, { hint: t('common.dateHint') }));
	const scores = VIEWS.map((v) => pf.reg(`${base}.${v}`, field(t(`settling.ask.${v}`), 'select', {
		options: [['', t('settling.notAsked')], ...enumValues('settling_score').map((s) => [s, `${s} · ${te('settling_score', s)}`])],
		value: c0[v] ? String(c0[v]) : '' })));
	const text = pf.reg(`${base}.text`, field(t('settling.text'), 'textarea', { value: c0.text || '', rows: 3 }));
	let dlg = null;
	dlg = openDialog({
		title: index >= 0 ? t('settling.editTitle', { date: fmtDate(c0.date) }) : t('settling.addTitle'),
		body: [h('p', { class: 'hint' }, t('settling.hint')), date.wrap,
			h('fieldset', { class: 'plain-set scores' }, h('legend', {}, t('settling.how')),
				scores.map((f) => f.wrap)), text.wrap],
		actions: [
			{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
				const d0 = date.input.value.trim();
				if (!d0) {
					dlg.error(t('settling.dateMissing'));
					date.input.focus();
					return false;
				}
				const next = { ...c0, date: d0 };
				VIEWS.forEach((v, i) => setOrDelete(next, v, scores[i].input.value ? Number(scores[i].input.value) : ''));
				setOrDelete(next, 'text', text.input.value.trim());
				const desc = t(index >= 0 ? 'settling.changedDesc' : 'settling.addedDesc', { date: fmtDate(d0) });
				return trySave(dlg, pf, desc, (d) => {
					const p = placementOf(d, plId);
					p.settling = p.settling || [];
					if (index >= 0)
						p.settling[index] = next;
					else
						p.settling.push(next);
				});
			} },
			{ id: 'cancel', label: t('common.cancel'), value: false },
		],
	});
	return dlg;
}


/* ---- support for both families (the case's support object) ---- */

function dates(list) {
	return (list || []).length ? [...list].sort().map(fmtDate).join(', ') : t('support.noContacts');
}

function supportCard(doc) {
	const sp = doc.support || {};
	const par = sp.parents || null;
	const fp = sp.foster_parents || null;
	const sigs = cs.signals.filter((sg) => SUPPORT_SIGNALS.includes(sg.id));
	return h('section', { class: 'card support-card', id: 'support', 'aria-labelledby': 'support-title' },
		h('h3', { id: 'support-title' }, t('support.title')),
		h('p', { class: 'hint' }, t('support.intro')),
		sigs.length ? signalList(sigs, { compact: true }) : null,
		h('h4', {}, t('support.parents')),
		par ? facts([
			[t('support.person'), nameOf(doc, par.person), 'parents-person'],
			[t('support.since'), fmtDate(par.since)],
			[t('support.contacts'), dates(par.contacts), 'parents-contacts'],
		]) : h('p', { class: 'muted' }, t('support.parentsNone')),
		h('h4', {}, t('support.fosterParents')),
		fp ? facts([
			[t('support.worker'), fp.person ? nameOf(doc, fp.person) : '', 'fp-person'],
			[t('support.since'), fmtDate(fp.since)],
			[t('support.contacts'), dates(fp.contacts), 'fp-contacts'],
			[t('support.peerContacts'), dates(fp.peer_contacts), 'fp-peer'],
		]) : h('p', { class: 'muted' }, t('support.fosterParentsNone')),
		can('write') ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn secondary',
			id: 'edit-support', onclick: () => supportDialog() }, t('support.edit'))) : null);
}

/* Dates typed one per line or separated by commas. */
function dateList(v) {
	return v.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
}

/* Saves change(doc) to the support of both families through the item API
 * (casestore.save(): PUT /api/cases/{ref}/support with If-Match), so the
 * server validates the change and the history names it; a colleague's
 * change first is the casestore's conflict dialog. */
async function saveSupport(change) {
	const ok = await save(t('support.title'), change);
	if (ok && shown && shown.ctx.current())
		await render(shown.body, { ctx: shown.ctx });
	return ok;
}

async function supportDialog() {
	const doc = cs.doc;
	const sp = clone(doc.support || {});
	const p0 = sp.parents || {};
	const f0 = sp.foster_parents || {};
	const pf = pathForm();
	const people = [['', t('common.choose')], ...(doc.persons || []).filter((p) => p.id !== doc.case.child)
		.map((p) => [p.id, p.name || p.id])];
	const pPerson = pf.reg('support.parents.person', field(t('support.parentsPerson'), 'select',
		{ options: people, value: p0.person || '', hint: t('support.parentsPersonHint') }));
	const pSince = pf.reg('support.parents.since', dateField(t('support.since'), p0.since));
	const pContacts = pf.reg('support.parents.contacts', field(t('support.contacts'), 'textarea',
		{ value: (p0.contacts || []).join('\n'), rows: 2, hint: t('support.datesHint') }));
	const fPerson = pf.reg('support.foster_parents.person', field(t('support.worker'), 'select',
		{ options: people, value: f0.person || '' }));
	const fSince = pf.reg('support.foster_parents.since', dateField(t('support.since'), f0.since));
	const fContacts = pf.reg('support.foster_parents.contacts', field(t('support.contacts'), 'textarea',
		{ value: (f0.contacts || []).join('\n'), rows: 2, hint: t('support.datesHint') }));
	const fPeer = pf.reg('support.foster_parents.peer_contacts', field(t('support.peerContacts'), 'textarea',
		{ value: (f0.peer_contacts || []).join('\n'), rows: 2, hint: t('support.datesHint') }));
	let dlg = null;
	dlg = openDialog({
		title: t('support.title'),
		wide: true,
		body: [
			h('fieldset', { class: 'plain-set' }, h('legend', {}, t('support.parents')),
				pPerson.wrap, pSince.wrap, pContacts.wrap),
			h('fieldset', { class: 'plain-set' }, h('legend', {}, t('support.fosterParents')),
				fPerson.wrap, fSince.wrap, fContacts.wrap, fPeer.wrap)],
		actions: [
			{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
				const par = { ...p0 };
				setOrDelete(par, 'person', pPerson.input.value);
				setOrDelete(par, 'since', pSince.input.value.trim());
				setOrDelete(par, 'contacts', dateList(pContacts.input.value));
				const fp = { ...f0 };
				setOrDelete(fp, 'person', fPerson.input.value);
				setOrDelete(fp, 'since', fSince.input.value.trim());
				setOrDelete(fp, 'contacts', dateList(fContacts.input.value));
				setOrDelete(fp, 'peer_contacts', dateList(fPeer.input.value));
				pf.clear(dlg.dialog);
				try {
					return await saveSupport((d) => {
						const next = { ...(d.support || {}) };
						setOrDelete(next, 'parents', Object.keys(par).length ? par : '');
						setOrDelete(next, 'foster_parents', Object.keys(fp).length ? fp : '');
						setOrDelete(d, 'support', Object.keys(next).length ? next : '');
					});
				} catch (e) {
					dlg.error(e.messages ? e.messages.map((l) => pf.said(l)) : [String(e)]);
					pf.show(dlg.dialog, e);
					return false;
				}
			} },
			{ id: 'cancel', label: t('common.cancel'), value: false },
		],
	});
	return dlg;
}
