// views/lifeline.js - the lifeline (levenslijn) as the server draws it,
// the events in date order, each with a button to change it and one to
// remove it (asked first; "Ongedaan maken" brings it back), and a form to
// add an event (date, kind, whom it is about, the placement, a short text).
// The kinds and their words are the library's (GET /api/meta).

import { cs, removeAsked, save } from '../casestore.js';
import { field, h, mount, openDialog } from '../dom.js';
import { personSelect } from '../forms.js';
import { enumValues, fmtDate, t, te, textLimit } from '../i18n.js';
import { byDate, nameOf, today } from '../model.js';
import { picture } from '../picture.js';

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function errs(e) {
	return e && e.messages ? e.messages : [String(e && e.message ? e.message : e)];
}

/* The fields of an event, filled from e; read() gives the event. */
function eventFields(doc, e = {}) {
	const date = field(t('event.date'), 'text', { value: e.date || today(), required: true, name: 'date',
		placeholder: t('common.datePlaceholder'), hint: t('common.dateHint') });
	const type = field(t('event.type'), 'select', { name: 'type', value: e.type || 'other',
		options: enumValues('event').map((v) => [v, te('event', v)]) });
	const person = personSelect(t('event.person'), e.person || '', { name: 'person' });
	const placement = field(t('event.placement'), 'select', { name: 'placement', value: e.placement || '',
		options: [['', t('common.notSet')],
			...(doc.placements || []).map((pl) => [pl.id, `${te('form', pl.form) || pl.id} (${fmtDate(pl.start)})`])] });
	const text = field(t('event.text'), 'textarea', { rows: 2, name: 'text', value: e.text || '',
		maxlength: textLimit('events', 'text') });
	return {
		wraps: [date.wrap, type.wrap, person.wrap, placement.wrap, text.wrap],
		check: () => (DATE_RE.test(date.input.value.trim()) ? null : t('common.dateBad')),
		read: () => {
			/* keys kring does not know stay as they were */
			const out = { ...e, date: date.input.value.trim(), type: type.input.value };
			for (const [k, v] of [['person', person.input.value], ['placement', placement.input.value],
				['text', text.input.value.trim()]])
				if (v)
					out[k] = v;
				else
					delete out[k];
			return out;
		},
	};
}

const label = (e) => `${te('event', e.type)} ${fmtDate(e.date)}`;

/* Finds event e in doc by its whole text (events have no id). */
function indexOf(doc, e) {
	const key = JSON.stringify(e);
	return (doc.events || []).findIndex((x) => JSON.stringify(x) === key);
}

function editDialog(e) {
	const f = eventFields(cs.doc, e);
	const d = openDialog({
		title: t('event.editTitle'),
		body: f.wraps,
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			const bad = f.check();
			if (bad) {
				d.error(bad);
				return false;
			}
			const ne = f.read();
			try {
				return await save(t('event.changedDesc', { what: label(ne) }), (doc) => {
					const i = indexOf(doc, e);
					if (i < 0)
						throw new Error(t('event.gone'));
					doc.events[i] = ne;
				});
			} catch (err) {
				d.error(errs(err));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), kind: 'secondary' }],
	});
	d.dialog.id = 'event-dialog';
}

export async function render(body, { ref }) {
	const doc = cs.doc;
	const f = eventFields(doc);
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { class: 'card', id: 'form-event', novalidate: true },
		h('h3', {}, t('event.add')), f.wraps, msg,
		h('button', { type: 'submit', class: 'btn primary' }, t('event.addBtn')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const bad = f.check();
		if (bad) {
			mount(msg, bad);
			msg.hidden = false;
			return;
		}
		const e = f.read();
		try {
			await save(t('event.addedDesc', { what: te('event', e.type), date: fmtDate(e.date) }), (d) => {
				d.events = d.events || [];
				d.events.push(e);
			});
		} catch (err) {
			mount(msg, h('ul', {}, errs(err).map((m) => h('li', {}, m))));
			msg.hidden = false;
		}
	});
	const events = byDate(doc.events || []);
	mount(body,
		h('h2', { id: 'tab-title' }, t('tab.lifeline')),
		h('p', { class: 'lead' }, t('event.intro')),
		picture(ref, 'lifeline', t('event.alt')),
		h('div', { class: 'cols' },
			h('section', { class: 'col wide card' }, h('h3', {}, t('event.list')),
				events.length ? h('ol', { class: 'plain', id: 'event-list' }, events.map((e) => h('li', {},
					h('span', {}, h('strong', {}, fmtDate(e.date)), ' · ', te('event', e.type),
						e.person ? ` · ${nameOf(doc, e.person)}` : '', e.text ? h('span', { class: 'block small' }, e.text) : null),
					h('span', { class: 'item-actions' },
						h('button', { type: 'button', class: 'btn secondary small', dataset: { action: 'edit' },
							'aria-label': t('common.editWhat', { what: label(e) }), onclick: () => editDialog(e) },
						t('common.edit')),
						h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'remove' },
							'aria-label': t('event.removeLabel', { what: label(e) }), onclick: async () => {
								try {
									await removeAsked(t('event.what', { what: label(e) }), (d) => {
										const i = indexOf(d, e);
										if (i < 0)
											throw new Error(t('event.gone'));
										d.events.splice(i, 1);
									});
								} catch (err) {
									openDialog({ title: t('common.notSaved'), body: errs(err).map((m) => h('p', {}, m)),
										actions: [{ label: t('common.close'), kind: 'primary' }] });
								}
							} }, t('common.remove'))))))
					: h('p', {}, t('event.none'))),
			h('div', { class: 'col side-form' }, form)));
}
