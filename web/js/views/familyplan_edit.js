// views/familyplan_edit.js - changing the family plan piece by piece in the
// browser (docs/family-plan.md "Changing the plan"): the dialogs to add,
// change and remove a family goal, an agreement, a wish of the family and a
// family network meeting.  Whether the user may change the plan is the
// server's word (may_write in GET /api/family-plans/{id}, from the
// library); views/familyplan.js only offers these dialogs then.
//
// A save reads the plan anew (GET), changes the one piece in it and sends
// the whole document back (PUT with If-Match).  When someone else changed
// the same piece since the page was drawn, or saved in between (409/412),
// nothing is saved: the dialog stays open with what the user typed, says so
// in plain words, and the page behind it shows the newest plan.  A save
// writes only the fields the user changed in the dialog.  Problems
// the library finds ("agreements[2].who[0]: ...") are shown in the dialog.

import { ApiError, api } from '../api.js';
import { checkGroup, field, h, openDialog } from '../dom.js';
import { enumValues, t, te } from '../i18n.js';
import { clone, freshId } from '../model.js';

/* The four lists of the plan a worker changes here, with the prefix of a
 * new item's id. */
export const PIECES = { goals: 'g', agreements: 'a', wishes: 'w', meetings: 'm' };

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/* A conflict: someone else changed the plan first. */
class Conflict extends Error {}

const key = (r) => `${r.case}/${r.person}`;
const unkey = (k) => {
	const i = k.indexOf('/');
	return { case: k.slice(0, i), person: k.slice(i + 1) };
};

function setOrDelete(obj, k, v) {
	if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length))
		delete obj[k];
	else
		obj[k] = v;
}

/* Checkboxes of the people of every child's case the user sees, one
 * fieldset per child; returns {wrap, values()} with person refs. */
function peopleChecks(state, legend, selected) {
	const sel = (selected || []).map(key);
	const groups = (state.view.children || []).map((c) => checkGroup(
		t('fplan.edit.peopleOf', { name: (c.child && c.child.name) || c.case }),
		(c.people || []).map((p) => [`${c.case}/${p.id}`, p.name || p.id]), sel, { class: 'fplan-people-pick' }));
	return {
		wrap: h('fieldset', { class: 'checks fplan-who' }, h('legend', {}, legend), groups.map((g) => g.wrap)),
		values: () => groups.flatMap((g) => g.values()).map(unkey),
	};
}

/* A select of one person of the children's cases. */
function personSelect(state, label, value) {
	const options = [['', t('common.notSet')]];
	for (const c of state.view.children || [])
		for (const p of c.people || [])
			options.push([`${c.case}/${p.id}`, `${p.name || p.id} (${(c.child && c.child.name) || c.case})`]);
	return field(label, 'select', { options, value: value ? key(value) : '' });
}

/* The messages of a refusal for the dialog. */
function messages(e) {
	if (e instanceof Conflict)
		return [e.message];
	return e && e.messages ? e.messages : [String(e && e.message ? e.message : e)];
}

/* Saves change(plan) on the newest plan.  item: the id of the piece of
 * list `list` being changed (null for a new one); its state when the page
 * was drawn is in state.view.  Resolves when saved; rejects with a
 * Conflict (the page then holds the newest plan) or an ApiError. */
async function savePiece(state, list, item, change) {
	const enc = encodeURIComponent(state.id);
	const fresh = await api('GET', `/api/family-plans/${enc}`);
	const now = fresh.data || {};
	if (fresh.revision !== state.rev && item) {
		const was = ((state.view.plan || {})[list] || []).find((x) => x.id === item);
		const is = ((now.plan || {})[list] || []).find((x) => x.id === item);
		if (JSON.stringify(was) !== JSON.stringify(is)) {
			await state.refresh(fresh);
			throw new Conflict(t('fplan.edit.conflict'));
		}
	}
	const doc = clone(now.plan || {});
	change(doc);
	try {
		await api('PUT', `/api/family-plans/${enc}`, { body: doc, ifMatch: fresh.revision });
	} catch (e) {
		if (e instanceof ApiError && (e.status === 409 || e.status === 412)) {
			await state.refresh();
			throw new Conflict(t('fplan.edit.conflict'));
		}
		throw e;
	}
	await state.refresh();
}

/* The fields of each kind of piece: build(item) returns {body, read()},
 * read() the new values or throws an Error with what is missing. */
const FORMS = {
	goals(state, g) {
		const text = field(t('fplan.edit.goalText'), 'textarea', { value: g ? g.text : '', rows: 3, name: 'text' });
		const who = peopleChecks(state, t('fplan.edit.whoWorks'), g && g.who);
		return {
			body: [text.wrap, who.wrap],
			read() {
				const v = text.input.value.trim();
				if (!v) {
					text.input.focus();
					throw new Error(t('fplan.edit.goalMissing'));
				}
				return { text: v, who: who.values() };
			},
		};
	},
	agreements(state, a) {
		const what = field(t('fplan.edit.what'), 'textarea', { value: a ? a.what : '', rows: 3, name: 'what' });
		const when = field(t('fplan.edit.when'), 'text', { value: a ? a.when || '' : '', name: 'when',
			hint: t('fplan.edit.whenHint') });
		const who = peopleChecks(state, t('fplan.edit.whoDoes'), a && a.who);
		const done = field(t('fplan.edit.done'), 'checkbox', { value: a ? !!a.done : false, name: 'done' });
		return {
			body: [what.wrap, who.wrap, when.wrap, done.wrap],
			read() {
				const v = what.input.value.trim();
				if (!v) {
					what.input.focus();
					throw new Error(t('fplan.edit.whatMissing'));
				}
				return { what: v, who: who.values(), when: when.input.value.trim(), done: done.input.checked ? true : '' };
			},
		};
	},
	wishes(state, w) {
		const text = field(t('fplan.edit.wishText'), 'textarea', { value: w ? w.text : '', rows: 3, name: 'text' });
		const by = personSelect(state, t('fplan.edit.wishBy'), w && w.by);
		const date = field(t('fplan.edit.date'), 'text', { value: w ? w.date || '' : '', name: 'date',
			placeholder: t('common.datePlaceholder'), hint: t('common.dateHint') });
		return {
			body: [text.wrap, by.wrap, date.wrap],
			read() {
				const v = text.input.value.trim();
				const d = date.input.value.trim();
				if (!v) {
					text.input.focus();
					throw new Error(t('fplan.edit.wishMissing'));
				}
				if (d && !DATE_RE.test(d)) {
					date.input.focus();
					throw new Error(t('common.dateBad'));
				}
				return { text: v, by: by.input.value ? unkey(by.input.value) : '', date: d };
			},
		};
	},
	meetings(state, m) {
		const date = field(t('fplan.edit.date'), 'text', { value: m ? m.date || '' : '', name: 'date',
			placeholder: t('common.datePlaceholder'), hint: t('common.dateHint') });
		const time = field(t('fplan.edit.time'), 'text', { value: m ? m.time || '' : '', name: 'time',
			placeholder: t('fplan.edit.timePlaceholder') });
		const type = field(t('fplan.edit.type'), 'select', { name: 'type', value: m ? m.type || '' : '',
			options: [['', t('common.notSet')], ...enumValues('meeting').map((v) => [v, te('meeting', v)])] });
		const place = field(t('fplan.edit.place'), 'text', { value: m ? m.place || '' : '', name: 'place' });
		const coord = personSelect(state, t('fplan.edit.coordinator'), m && m.coordinator);
		const invited = peopleChecks(state, t('fplan.invited'), m && m.invited);
		const attended = peopleChecks(state, t('fplan.attended'), m && m.attended);
		const outcome = field(t('fplan.outcome'), 'textarea', { value: m ? m.outcome || '' : '', rows: 3, name: 'outcome',
			hint: t('fplan.edit.outcomeHint') });
		return {
			body: [h('div', { class: 'row' }, date.wrap, time.wrap), type.wrap, place.wrap, coord.wrap, invited.wrap,
				attended.wrap, outcome.wrap],
			read() {
				const d = date.input.value.trim();
				const tm = time.input.value.trim();
				if (d && !DATE_RE.test(d)) {
					date.input.focus();
					throw new Error(t('common.dateBad'));
				}
				if (tm && !/^([01]\d|2[0-3]):[0-5]\d$/.test(tm)) {
					time.input.focus();
					throw new Error(t('fplan.edit.timeBad'));
				}
				return { date: d, time: tm, type: type.input.value, place: place.input.value.trim(),
					coordinator: coord.input.value ? unkey(coord.input.value) : '',
					invited: invited.values(), attended: attended.values(), outcome: outcome.input.value.trim() };
			},
		};
	},
};

/* The dialog to add a piece to list (item null) or change item.  state:
 * {id, view, rev, refresh(fresh?)}, refresh drawing the page anew with the
 * newest plan.  Resolves when the dialog closes. */
export function pieceDialog(state, list, item = null) {
	const form = FORMS[list](state, item);
	/* what the form said when it opened: a save writes only what the user
	 * changed, so it keeps what someone else changed meanwhile */
	let initial = {};
	try {
		initial = form.read();
	} catch (e) {
		initial = {};
	}
	let dlg = null;
	dlg = openDialog({
		title: t(`fplan.edit.${list}.${item ? 'edit' : 'add'}`),
		wide: list === 'meetings',
		body: form.body,
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			let vals;
			try {
				vals = form.read();
			} catch (e) {
				dlg.error(e.message);
				return false;
			}
			try {
				await savePiece(state, list, item && item.id, (doc) => {
					doc[list] = doc[list] || [];
					let x = item ? doc[list].find((y) => y.id === item.id) : null;
					if (item && !x)
						throw new Conflict(t('fplan.edit.gone'));
					if (!x) {
						x = { id: freshId(doc[list], PIECES[list]) };
						doc[list].push(x);
					}
					for (const [k, v] of Object.entries(vals))
						if (!item || JSON.stringify(v) !== JSON.stringify(initial[k]))
							setOrDelete(x, k, v);
				});
				return true;
			} catch (e) {
				dlg.error(messages(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), kind: 'secondary', value: false }],
	});
	return dlg;
}

/* Asks, then removes item from list. */
export async function removePiece(state, list, item, what) {
	let dlg = null;
	dlg = openDialog({
		title: t('remove.title'),
		body: [h('p', {}, t('fplan.edit.removeAsk', { what }))],
		actions: [{ id: 'confirm', label: t('common.remove'), kind: 'danger', onClick: async () => {
			try {
				await savePiece(state, list, item.id, (doc) => {
					doc[list] = (doc[list] || []).filter((x) => x.id !== item.id);
				});
				return true;
			} catch (e) {
				dlg.error(messages(e));
				return false;
			}
		} }, { id: 'keep', label: t('common.cancel'), kind: 'secondary', value: false }],
	});
	return dlg;
}

/* A new plan's id: "gp-" and ten random letters and digits (a family plan
 * id is free text to the library; this one cannot clash by accident). */
function newId() {
	const a = new Uint8Array(10);
	crypto.getRandomValues(a);
	return `gp-${[...a].map((b) => '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36]).join('')}`;
}

/* The dialog to make a family plan from case ref: a name and the brothers'
 * and sisters' cases (the worker's own cases, ref ticked).  The server
 * creates it (PUT /api/family-plans/{id}) only when the user may change
 * every case in it; its refusal is shown in the dialog.  Resolves with the
 * new plan's id, or undefined when closed. */
export async function newPlanDialog(ref) {
	const r = await api('GET', '/api/cases');
	const cases = ((r.data && r.data.cases) || []).map((c) => [c.ref,
		`${(c.child && (c.child.name || c.child.id)) || c.ref} (${c.ref})`]);
	const name = field(t('fplan.new.name'), 'text', { name: 'name', maxlength: 200, hint: t('fplan.new.nameHint') });
	const pick = checkGroup(t('fplan.new.cases'), cases, [ref], { class: 'fplan-cases-pick' });
	return openDialog({
		title: t('fplan.new.title'),
		body: [h('p', { class: 'muted' }, t('fplan.new.intro')), name.wrap, pick.wrap],
		actions: [
			{ id: 'save', label: t('fplan.new.make'), kind: 'primary', submit: true, async onClick() {
				const chosen = pick.values();
				if (chosen.length < 2)
					throw new Error(t('fplan.new.twoCases'));
				const doc = { format: 'kring-familyplan/1', id: newId(), cases: chosen };
				const n = name.input.value.trim();
				if (n)
					doc.name = n;
				await api('PUT', `/api/family-plans/${encodeURIComponent(doc.id)}`, { body: doc });
				return doc.id;
			} },
			{ id: 'cancel', label: t('common.cancel'), kind: 'secondary', value: undefined },
		],
	});
}
