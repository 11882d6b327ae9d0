// views/lifeline.js - the lifeline (levenslijn) as the server draws it,
// the events in date order with a button to remove each, and a form to
// add an event (date, kind, whom it is about, the placement, a short text).

import { cs, save } from '../casestore.js';
import { field, h, mount, toast } from '../dom.js';
import { EVENT_TYPES } from '../enums.js';
import { personSelect } from '../forms.js';
import { fmtDate, t, te } from '../i18n.js';
import { byDate, nameOf, today } from '../model.js';
import { picture } from '../picture.js';

export async function render(body, { ref }) {
	const doc = cs.doc;
	const date = field(t('event.date'), 'text', { value: today(), required: true,
		placeholder: t('common.datePlaceholder'), hint: t('common.dateHint') });
	const type = field(t('event.type'), 'select', { options: EVENT_TYPES.map((v) => [v, te('event', v)]), value: 'other' });
	const person = personSelect(t('event.person'));
	const placement = field(t('event.placement'), 'select', { options: [['', t('common.notSet')],
		...(doc.placements || []).map((pl) => [pl.id, `${te('form', pl.form) || pl.id} (${fmtDate(pl.start)})`])] });
	const text = field(t('event.text'), 'textarea', { rows: 2 });
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { class: 'card', id: 'form-event', novalidate: true },
		h('h3', {}, t('event.add')), date.wrap, type.wrap, person.wrap, placement.wrap, text.wrap, msg,
		h('button', { type: 'submit', class: 'btn primary' }, t('event.addBtn')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const dv = date.input.value.trim();
		if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(dv)) {
			mount(msg, t('common.dateBad'));
			msg.hidden = false;
			return;
		}
		const e = { date: dv, type: type.input.value };
		if (person.input.value)
			e.person = person.input.value;
		if (placement.input.value)
			e.placement = placement.input.value;
		if (text.input.value.trim())
			e.text = text.input.value.trim();
		try {
			await save(t('event.addedDesc', { what: te('event', e.type), date: fmtDate(dv) }), (d) => {
				d.events = d.events || [];
				d.events.push(e);
			});
		} catch (err) {
			mount(msg, h('ul', {}, (err.messages || [String(err)]).map((m) => h('li', {}, m))));
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
				events.length ? h('ol', { class: 'plain', id: 'event-list' }, events.map((e) => {
					const key = JSON.stringify(e);
					return h('li', {}, h('span', {}, h('strong', {}, fmtDate(e.date)), ' · ', te('event', e.type),
						e.person ? ` · ${nameOf(doc, e.person)}` : '', e.text ? h('span', { class: 'block small' }, e.text) : null),
					h('button', { type: 'button', class: 'btn danger small', 'aria-label': t('event.removeLabel', {
						what: `${fmtDate(e.date)} ${te('event', e.type)}` }), onclick: async () => {
						try {
							await save(t('event.removedDesc', { what: te('event', e.type), date: fmtDate(e.date) }), (d) => {
								const i = (d.events || []).findIndex((x) => JSON.stringify(x) === key);
								if (i < 0)
									throw new Error(t('event.gone'));
								d.events.splice(i, 1);
							});
						} catch (err) {
							toast((err.messages || [String(err)]).join(' '), 'error');
						}
					} }, t('common.remove')));
				})) : h('p', {}, t('event.none'))),
			h('div', { class: 'col side-form' }, form)));
}
