// forms.js - the dialogs for people and ties, shared by the ecogram, the
// genogram and the sociogram: add or change a person (name, role, sex,
// birth, world, segment, ring, the tie with the child, trust figure),
// remove a person with every reference to them, and add or change a tie
// between two people.  Each dialog saves through casestore.save() and
// stays open with the problems when the server refuses the change.

import { cs, save } from './casestore.js';
import { checkGroup, field, h, openDialog } from './dom.js';
import { t, te, textLimit } from './i18n.js';
import { DIRECTION, FREQUENCY, QUALITY, ROLES, SEGMENTS, SEX, STRENGTH, SUPPORT,
	WORLDS } from './enums.js';
import { childId, freshId, nameOf, personById, setRing, tieIndex, today } from './model.js';

const opt = (kind, values, empty = true) => [
	...(empty ? [['', t('common.notSet')]] : []), ...values.map((v) => [v, te(kind, v)])];

/* Saves, showing refusals in dialog d; resolves true when saved. */
async function trySave(d, desc, change) {
	try {
		const ok = await save(desc, change);
		return ok;
	} catch (e) {
		d.error(e.messages || [String(e)]);
		return false;
	}
}

function setOrDelete(obj, key, v) {
	if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length))
		delete obj[key];
	else
		obj[key] = v;
}

/* Removes person id and every reference to them from doc. */
export function removePerson(doc, id) {
	const gone = (x) => x !== id;
	doc.persons = doc.persons.filter((p) => p.id !== id);
	doc.ties = (doc.ties || []).filter((x) => x.a !== id && x.b !== id);
	doc.kinship = (doc.kinship || []).filter((k) => k.parent !== id && k.child !== id && k.a !== id && k.b !== id);
	for (const pl of doc.placements || []) {
		if (pl.carers)
			pl.carers = pl.carers.filter(gone);
		if (pl.children)
			pl.children = pl.children.filter(gone);
	}
	for (const m of doc.meetings || []) {
		if (m.invited)
			m.invited = m.invited.filter(gone);
		if (m.attended)
			m.attended = m.attended.filter(gone);
	}
	for (const ev of doc.events || [])
		if (ev.person === id)
			delete ev.person;
	const p = doc.plan || {};
	for (const w of p.wishes || [])
		if (w.by === id)
			delete w.by;
	for (const a of p.agreements || [])
		if (a.who)
			a.who = a.who.filter(gone);
	for (const sc of (p.safety_map && p.safety_map.scale) || [])
		if (sc.by === id)
			delete sc.by;
}

/* The dialog to add a person (person null; preset {world, segment, ring,
 * role}) or change one (preset {ring}: the ring the ecogram's geometry put
 * the person in).  Resolves true when saved. */
export async function personDialog(person, preset = {}) {
	const doc = cs.doc;
	const isChild = person && person.id === childId(doc);
	/* the ring the library's geometry shows the person in (ring 4 when
	 * the caller does not know it: no tie) */
	const ring0 = preset.ring || (person ? 4 : 2);
	const ti = person ? tieIndex(doc, childId(doc), person.id) : -1;
	const tie0 = ti >= 0 ? doc.ties[ti] : {};
	const childName = nameOf(doc, childId(doc));
	const name = field(t('person.name'), 'text', { value: person ? person.name : '', required: true,
		autocomplete: 'off', maxlength: textLimit('persons', 'name') });
	const role = field(t('person.role'), 'select', { options: opt('role', ROLES),
		value: person ? ((person.roles || [])[0] || '') : (preset.role || '') });
	const sex = field(t('person.sex'), 'select', { options: opt('sex', SEX), value: person ? person.sex || '' : '' });
	const born = field(t('person.born'), 'text', { value: person ? person.born || '' : '',
		placeholder: t('common.datePlaceholder'), hint: t('common.dateHint'), pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' });
	const world = field(t('person.world'), 'select', { options: opt('world', WORLDS),
		value: person ? person.world || '' : (preset.world || '') });
	const segment = field(t('person.segment'), 'select', { options: opt('segment', SEGMENTS),
		value: person ? person.segment || '' : (preset.segment || '') });
	const ring = field(t('person.ring'), 'select', { options: [1, 2, 3, 4].map((r) =>
		[String(r), t(`ring.${r}`)]), value: String(ring0) });
	const trust = field(t('person.trust', { child: childName }), 'checkbox', { value: !!tie0.trust_figure });
	const quality = field(t('tie.quality'), 'select', { options: opt('quality', QUALITY), value: tie0.quality || '' });
	const support = checkGroup(t('tie.support'), SUPPORT.map((v) => [v, te('support', v)]), tie0.support || []);
	const died = field(t('person.died'), 'text', { value: person ? person.died || '' : '',
		placeholder: t('common.datePlaceholder'), pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' });
	const extra = h('details', { class: 'more' }, h('summary', {}, t('person.more')),
		quality.wrap, support.wrap, died.wrap);
	const bodyParts = [name.wrap, h('div', { class: 'row' }, role.wrap, sex.wrap), born.wrap];
	if (!isChild) {
		bodyParts.push(h('div', { class: 'row' }, world.wrap, segment.wrap), ring.wrap, trust.wrap, extra);
		ring.wrap.append(h('p', { class: 'hint' }, t('person.ringHint', { child: childName })));
	}
	const title = person ? t('person.editTitle', { name: person.name || person.id })
		: t('person.addTitle');
	const actions = [];
	let dlg = null;
	actions.push({ id: 'save', label: person ? t('common.save') : t('person.add'), kind: 'primary', submit: true,
		onClick: async () => {
			const nm = name.input.value.trim();
			if (!nm) {
				dlg.error(t('person.nameMissing'));
				name.input.focus();
				return false;
			}
			for (const f of [born, died])
				if (f.input.value && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(f.input.value.trim())) {
					dlg.error(t('common.dateBad'));
					f.input.focus();
					return false;
				}
			const vals = {
				name: nm, sex: sex.input.value, born: born.input.value.trim(), died: died.input.value.trim(),
				world: world.input.value, segment: segment.input.value,
			};
			const r = Number(ring.input.value);
			const wantTrust = trust.input.checked;
			const q = quality.input.value;
			const sup = support.values();
			const roleV = role.input.value;
			if (!person) {
				let newId = null;
				const desc = t('person.addedDesc', { name: nm });
				return trySave(dlg, desc, (d) => {
					newId = freshId(d.persons, 'p');
					const p = { id: newId };
					for (const [k, v] of Object.entries(vals))
						setOrDelete(p, k, v);
					if (roleV)
						p.roles = [roleV];
					d.persons.push(p);
					if (r < 4 || wantTrust)
						setRing(d, newId, Math.min(r, 3));
					const i = tieIndex(d, childId(d), newId);
					if (i >= 0) {
						if (wantTrust)
							d.ties[i].trust_figure = true;
						setOrDelete(d.ties[i], 'quality', q);
						setOrDelete(d.ties[i], 'support', sup);
					}
				});
			}
			const desc = t('person.changedDesc', { name: nm });
			const before = { name: person.name || '', sex: person.sex || '', born: person.born || '',
				died: person.died || '', world: person.world || '', segment: person.segment || '' };
			return trySave(dlg, desc, (d) => {
				const p = personById(d, person.id);
				if (!p)
					throw new Error(t('person.gone', { name: nm }));
				for (const [k, v] of Object.entries(vals))
					if (v !== before[k])
						setOrDelete(p, k, v);
				const oldRole = (person.roles || [])[0] || '';
				if (roleV !== oldRole) {
					const rest = (p.roles || []).filter((x) => x !== oldRole && x !== roleV);
					setOrDelete(p, 'roles', roleV ? [roleV, ...rest] : rest);
				}
				if (isChild)
					return;
				if (r !== ring0 || (wantTrust && tieIndex(d, childId(d), p.id) < 0))
					setRing(d, p.id, wantTrust ? Math.min(r, 3) : r);
				const i = tieIndex(d, childId(d), p.id);
				if (i >= 0) {
					if (wantTrust !== !!tie0.trust_figure)
						setOrDelete(d.ties[i], 'trust_figure', wantTrust ? true : '');
					if (q !== (tie0.quality || ''))
						setOrDelete(d.ties[i], 'quality', q);
					if (JSON.stringify(sup) !== JSON.stringify(tie0.support || []))
						setOrDelete(d.ties[i], 'support', sup);
				}
			});
		} });
	if (person && !isChild)
		actions.push({ id: 'remove', label: t('person.remove'), kind: 'danger', onClick: async () => {
			const sure = await openDialog({ title: t('person.removeTitle', { name: person.name || person.id }),
				body: [h('p', {}, t('person.removeText'))],
				actions: [{ label: t('person.remove'), kind: 'danger', value: 'yes', id: 'confirm' },
					{ label: t('common.cancel'), value: 'no' }] });
			if (sure !== 'yes')
				return false;
			return trySave(dlg, t('person.removedDesc', { name: person.name || person.id }),
				(d) => removePerson(d, person.id));
		} });
	actions.push({ id: 'cancel', label: t('common.cancel'), kind: 'secondary', value: false });
	dlg = openDialog({ title, body: bodyParts, actions });
	return dlg;
}

/* The dialog for the tie between persons a and b.  Resolves true when saved. */
export async function tieDialog(a, b) {
	const doc = cs.doc;
	const i = tieIndex(doc, a, b);
	const tie0 = i >= 0 ? doc.ties[i] : {};
	/* keep the order of an existing tie so a_to_b stays meaningful */
	const A = i >= 0 ? tie0.a : a;
	const B = i >= 0 ? tie0.b : b;
	const na = nameOf(doc, A);
	const nb = nameOf(doc, B);
	const strength = field(t('tie.strength'), 'select', { options: opt('strength', STRENGTH), value: tie0.strength || '' });
	const quality = field(t('tie.quality'), 'select', { options: opt('quality', QUALITY), value: tie0.quality || '' });
	const frequency = field(t('tie.frequency'), 'select', { options: opt('frequency', FREQUENCY), value: tie0.frequency || '' });
	const direction = field(t('tie.direction'), 'select', { options: [['', t('common.notSet')],
		['a_to_b', t('tie.dirAB', { a: na, b: nb })], ['b_to_a', t('tie.dirAB', { a: nb, b: na })],
		['mutual', te('direction', 'mutual')]], value: tie0.direction || '' });
	const support = checkGroup(t('tie.support'), SUPPORT.map((v) => [v, te('support', v)]), tie0.support || []);
	const withChild = A === childId(doc) || B === childId(doc);
	const trust = field(t('person.trust', { child: nameOf(doc, childId(doc)) }), 'checkbox',
		{ value: !!tie0.trust_figure });
	let dlg = null;
	const actions = [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
		const vals = { strength: strength.input.value, quality: quality.input.value,
			frequency: frequency.input.value, direction: direction.input.value, support: support.values() };
		const olds = { strength: tie0.strength || '', quality: tie0.quality || '',
			frequency: tie0.frequency || '', direction: tie0.direction || '', support: tie0.support || [] };
		const trustNow = withChild && trust.input.checked;
		return trySave(dlg, t('tie.savedDesc', { a: na, b: nb }), (d) => {
			d.ties = d.ties || [];
			let j = tieIndex(d, A, B);
			if (j < 0) {
				d.ties.push({ a: A, b: B });
				j = d.ties.length - 1;
			}
			for (const [k, v] of Object.entries(vals))
				if (i < 0 || JSON.stringify(v) !== JSON.stringify(olds[k]))
					setOrDelete(d.ties[j], k, v);
			if (withChild && trustNow !== !!tie0.trust_figure)
				setOrDelete(d.ties[j], 'trust_figure', trustNow ? true : '');
		});
	} }];
	if (i >= 0)
		actions.push({ id: 'remove', label: t('tie.remove'), kind: 'danger', onClick: async () => {
			/* removing asks first; undo brings it back */
			const sure = await openDialog({ title: t('remove.title'),
				body: [h('p', {}, t('remove.ask', { what: t('tie.what', { a: na, b: nb }) }))],
				actions: [{ label: t('common.remove'), kind: 'danger', value: 'yes', id: 'confirm' },
					{ label: t('common.cancel'), kind: 'secondary', value: 'no', id: 'keep' }] });
			if (sure !== 'yes')
				return false;
			return trySave(dlg, t('tie.removedDesc', { a: na, b: nb }), (d) => {
				const j = tieIndex(d, A, B);
				if (j >= 0)
					d.ties.splice(j, 1);
			});
		} });
	actions.push({ id: 'cancel', label: t('common.cancel'), kind: 'secondary', value: false });
	dlg = openDialog({
		title: i >= 0 ? t('tie.editTitle', { a: na, b: nb }) : t('tie.addTitle', { a: na, b: nb }),
		body: [h('div', { class: 'row' }, strength.wrap, frequency.wrap), quality.wrap, support.wrap,
			direction.wrap, withChild ? trust.wrap : null],
		actions,
	});
	return dlg;
}

/* A select of the persons of the open case. */
export function personSelect(label, value = '', opts = {}) {
	const doc = cs.doc;
	return field(label, 'select', { ...opts, value,
		options: [...(opts.noEmpty ? [] : [['', t('common.choose')]]),
			...doc.persons.map((p) => [p.id, p.name || p.id])] });
}

export { today };
