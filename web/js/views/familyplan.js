// views/familyplan.js - "Gezinsplan": one plan for siblings who each have
// their own case (docs/family-plan.md).  Shows what the server sends for
// this user (GET /api/family-plans/{id}, the library's view): the children
// of the cases the user may read, each with their own wishes and goals taken
// from their own case, the family's goals, agreements and wishes, and the
// family's network meetings.  A case the user may not read is not in the
// answer at all, so nothing here can show it.  When the server says the
// user may change the plan (may_write: they may change every linked case),
// each goal, agreement, wish and meeting has buttons to change or remove it
// and each part one to add (the dialogs are views/familyplan_edit.js's).
// Below, "Geschiedenis": every revision in words, as the server tells it
// (GET /api/family-plans/{id}/history, cut to what the user may read).

import { api, can } from '../api.js';
import { dialogsSettled, h, mount, toast } from '../dom.js';
import { fmtDate, fmtDateTime, getLang, t, te, tp } from '../i18n.js';
import { newPlanDialog, pieceDialog, removePiece } from './familyplan_edit.js';

/* The name of a person ref {case, person} from the view's names. */
function nameOf(view, ref) {
	if (!ref)
		return '';
	return (view.persons || {})[`${ref.case}/${ref.person}`] || ref.person;
}

function names(view, refs) {
	return (refs || []).map((r) => nameOf(view, r)).join(', ');
}

function emptyOr(list, item) {
	return list && list.length ? h('ul', { class: 'fplan-list' }, list.map(item))
		: h('p', { class: 'muted' }, t('fplan.none'));
}

/* The buttons to change and remove one piece, for a user who may. */
function itemActions(state, list, x, what) {
	if (!state.view.may_write)
		return null;
	return h('span', { class: 'item-actions no-print' },
		h('button', { type: 'button', class: 'btn secondary small', dataset: { action: 'edit' },
			'aria-label': t('common.editWhat', { what }), onclick: () => pieceDialog(state, list, x) }, t('common.edit')),
		h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'remove' },
			'aria-label': t('common.removeWhat', { what }), onclick: () => removePiece(state, list, x, what) },
		t('common.remove')));
}

/* The button to add a piece to list, for a user who may. */
function addButton(state, list) {
	return state.view.may_write ? h('button', { type: 'button', class: 'btn secondary no-print',
		id: `fplan-add-${list}`, onclick: () => pieceDialog(state, list) }, t(`fplan.edit.${list}.add`)) : null;
}

/* Every revision, newest first, with who, when and each change in words. */
function historyList(revs) {
	if (!revs)
		return h('p', { class: 'muted' }, t('fplan.historyFailed'));
	const word = (c) => (c.text && (c.text[getLang()] || c.text.nl)) || '';
	return h('ol', { class: 'plain', id: 'fplan-history', reversed: true }, [...revs].reverse().map((x) =>
		h('li', { dataset: { revision: x.revision } },
			h('div', { class: 'rev' }, h('strong', {}, t('history.rev', { n: x.revision })), ' · ', x.who || x.author,
				' · ', fmtDateTime(x.at)),
			x.changes && x.changes.length ? h('ul', { class: 'changes' }, x.changes.map((c) => h('li', {}, word(c))))
				: h('p', { class: 'muted small' }, t('fplan.historyNothing')))));
}

function child(c) {
	const name = (c.child && (c.child.name || c.child.id)) || c.case;
	const a = c.child && Number.isInteger(c.child.age) ? c.child.age : null;   /* the library's count */
	const id = `fplan-child-${c.case}`;
	return h('article', { class: 'fplan-child card', 'aria-labelledby': id, dataset: { case: c.case } },
		h('h3', { id }, name, a !== null ? h('span', { class: 'age' }, ` ${tp('common.age', a)}`) : null),
		h('p', {}, h('a', { href: `#/cases/${encodeURIComponent(c.case)}/plan` }, t('fplan.openCase', { ref: c.case }))),
		h('h4', {}, t('fplan.childWishes', { name })),
		c.wishes && c.wishes.length ? h('ul', { class: 'fplan-list' }, c.wishes.map((w) => h('li', { dataset: { wish: w.id } },
			h('span', { class: 'wish-text' }, w.text || ''),
			h('span', { class: 'muted' }, ' — ', w.response ? t('fplan.answer', { text: w.response }) : t('fplan.noAnswer')))))
			: h('p', { class: 'muted' }, t('fplan.noWishes')),
		h('h4', {}, t('fplan.childGoals', { name })),
		c.goals && c.goals.length ? h('ul', { class: 'fplan-list' }, c.goals.map((g) => h('li', { dataset: { goal: g.id } }, g.text || g.id)))
			: h('p', { class: 'muted' }, t('fplan.noGoals')));
}

function meeting(state, m) {
	const view = state.view;
	const id = `fplan-meeting-${m.id}`;
	const when = m.date ? (m.time ? t('fplan.meetingWhen', { date: fmtDate(m.date), time: m.time }) : fmtDate(m.date))
		: t('fplan.noDate');
	return h('article', { class: 'fplan-meeting card', 'aria-labelledby': id, dataset: { meeting: m.id } },
		h('h3', { id }, when),
		m.type ? h('p', {}, te('meeting', m.type)) : null,
		m.place ? h('p', {}, t('fplan.place', { place: m.place })) : null,
		m.coordinator ? h('p', {}, t('fplan.coordinator', { name: nameOf(view, m.coordinator) })) : null,
		h('dl', { class: 'fplan-people' },
			h('dt', {}, t('fplan.invited')), h('dd', { class: 'invited' }, names(view, m.invited) || t('fplan.nobody')),
			m.attended && m.attended.length ? [h('dt', {}, t('fplan.attended')),
				h('dd', { class: 'attended' }, names(view, m.attended))] : null,
			m.outcome ? [h('dt', {}, t('fplan.outcome')), h('dd', { class: 'outcome' }, m.outcome)] : null),
		itemActions(state, 'meetings', m, t('fplan.meetingWhat', { when })));
}

/* Draws the page from state (view and history). */
function draw(main, state) {
	const view = state.view;
	const plan = view.plan || {};
	const section = (key, ...body) => h('section', { class: 'fplan-part', 'aria-labelledby': `fplan-${key}` },
		h('div', { class: 'page-head' }, h('h2', { id: `fplan-${key}` }, t(`fplan.${key}`)), addButton(state, key)), ...body);
	mount(main,
		h('div', { class: 'page-head' },
			h('h1', { id: 'fplan-title' }, plan.name ? t('fplan.titleNamed', { name: plan.name }) : t('fplan.title'))),
		h('p', { class: 'lead' }, t('fplan.intro')),
		view.may_write ? null : h('p', { class: 'muted', id: 'fplan-readonly' }, t('fplan.readOnly')),
		h('section', { class: 'fplan-part', 'aria-labelledby': 'fplan-children' },
			h('h2', { id: 'fplan-children' }, t('fplan.children')),
			h('div', { class: 'fplan-children' }, (view.children || []).map(child))),
		section('goals', emptyOr(plan.goals, (g) => h('li', { dataset: { goal: g.id } }, h('span', { class: 'fplan-text' }, g.text || g.id),
			g.who && g.who.length ? h('span', { class: 'muted' }, ' — ', t('fplan.who', { names: names(view, g.who) })) : null,
			itemActions(state, 'goals', g, g.text || g.id)))),
		section('agreements', emptyOr(plan.agreements, (a) => h('li', { dataset: { agreement: a.id } },
			h('span', { class: 'fplan-text' }, a.what || a.id),
			a.when ? h('span', { class: 'muted' }, ' — ', t('fplan.when', { when: a.when })) : null,
			a.who && a.who.length ? h('span', { class: 'muted' }, ' — ', t('fplan.who', { names: names(view, a.who) })) : null,
			h('span', { class: ['badge', a.done ? 'done' : 'open'] }, a.done ? t('fplan.done') : t('fplan.open')),
			itemActions(state, 'agreements', a, a.what || a.id)))),
		section('wishes', emptyOr(plan.wishes, (w) => h('li', { dataset: { wish: w.id } }, h('span', { class: 'fplan-text' }, w.text || w.id),
			w.by ? h('span', { class: 'muted' }, ' — ', t('fplan.by', { name: nameOf(view, w.by) })) : null,
			itemActions(state, 'wishes', w, w.text || w.id)))),
		section('meetings', plan.meetings && plan.meetings.length
			? plan.meetings.map((m) => meeting(state, m)) : h('p', { class: 'muted' }, t('fplan.none'))),
		h('section', { class: 'fplan-part', 'aria-labelledby': 'fplan-history-title' },
			h('h2', { id: 'fplan-history-title' }, t('fplan.history')),
			historyList(state.history)));
}

/* The plan's history, or null when it cannot be read. */
async function loadHistory(id) {
	try {
		const r = await api('GET', `/api/family-plans/${encodeURIComponent(id)}/history`);
		return (r.data && r.data.revisions) || [];
	} catch (e) {
		return null;
	}
}

export async function render(main, params, ctx) {
	const [id] = params;
	const enc = encodeURIComponent(id);
	const [r, history] = await Promise.all([api('GET', `/api/family-plans/${enc}`), loadHistory(id)]);
	if (!ctx.current())
		return;
	const state = { id, view: r.data || {}, rev: r.revision, history };
	/* after a save or a conflict: the newest plan (fresh: a GET already
	 * made) and its history, drawn anew */
	state.refresh = async (fresh) => {
		const [f, hist] = await Promise.all([fresh ? Promise.resolve(fresh) : api('GET', `/api/family-plans/${enc}`),
			loadHistory(id)]);
		state.view = f.data || {};
		state.rev = f.revision;
		state.history = hist;
		if (ctx.current())
			draw(main, state);
	};
	draw(main, state);
}

/* For a user who may change cases, the button that makes a family plan
 * from case ref (a name and the siblings' cases, familyplan_edit.js) and
 * then opens it; null for anyone else. */
export function newPlanButton(ref) {
	if (!can('write'))
		return null;
	return h('button', { type: 'button', class: 'btn secondary no-print', id: 'new-family-plan',
		onclick: async () => {
			try {
				const id = await newPlanDialog(ref);
				if (id) {
					await dialogsSettled();   /* the dialog's Back first, then the new page */
					location.hash = `#/family-plans/${encodeURIComponent(id)}`;
				}
			} catch (e) {
				toast(e && e.messages ? e.messages.join(' — ') : String(e && e.message ? e.message : e), 'error');
			}
		} }, t('fplan.new.button'));
}

/* The family plans case ref is in, as links (for the case's frame): fills
 * el, or leaves it empty when there are none. */
export async function linksFor(el, ref) {
	let r;
	try {
		r = await api('GET', `/api/cases/${encodeURIComponent(ref)}/family-plans`);
	} catch (e) {
		return;
	}
	const list = (r.data && r.data.family_plans) || [];
	if (!list.length)
		return;
	mount(el, h('nav', { class: 'fplan-links', 'aria-label': t('fplan.linksLabel') },
		h('span', {}, `${t('fplan.title')}: `),
		list.map((p, i) => [i ? ', ' : '', h('a', { href: `#/family-plans/${encodeURIComponent(p.id)}`,
			dataset: { familyPlan: p.id } }, p.name || p.id)])));
}
