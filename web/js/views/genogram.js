// views/genogram.js - the genogram as the server draws it, with forms
// beside it to add the kinship links it is built from: "X is a parent of
// Y" (birth, adoptive, foster, step) and "X and Y are partners" (with
// status and since when), the list of links with a button to remove each,
// and a button to add a person who is missing.

import { cs, removeAsked, save } from '../casestore.js';
import { field, h, mount, toast } from '../dom.js';
import { KIN_KIND, PARTNER_STATUS } from '../enums.js';
import { personDialog, personSelect } from '../forms.js';
import { t, te } from '../i18n.js';
import { nameOf } from '../model.js';
import { picture } from '../picture.js';

async function submit(form, msg, desc, change) {
	msg.hidden = true;
	try {
		const ok = await save(desc, change);
		if (ok)
			form.reset();
	} catch (e) {
		mount(msg, h('ul', {}, (e.messages || [String(e)]).map((m) => h('li', {}, m))));
		msg.hidden = false;
	}
}

function kinLabel(doc, k) {
	if (k.type === 'parent')
		return t('kin.parentOf', { parent: nameOf(doc, k.parent), child: nameOf(doc, k.child),
			kind: te('kind', k.kind || 'birth') });
	return t('kin.partners', { a: nameOf(doc, k.a), b: nameOf(doc, k.b),
		status: k.status ? te('partner_status', k.status) : t('common.notSet'),
		since: k.since ? ` (${t('kin.since', { date: k.since })})` : '' });
}

export async function render(body, { ref }) {
	const doc = cs.doc;
	const pParent = personSelect(t('kin.parent'));
	const pChild = personSelect(t('kin.child'));
	const pKind = field(t('kin.kind'), 'select', { options: KIN_KIND.map((v) => [v, te('kind', v)]), value: 'birth' });
	const msg1 = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const f1 = h('form', { class: 'card', id: 'form-parent', novalidate: true },
		h('h3', {}, t('kin.addParent')), pParent.wrap, pChild.wrap, pKind.wrap, msg1,
		h('button', { type: 'submit', class: 'btn primary' }, t('kin.addParentBtn')));
	f1.addEventListener('submit', (ev) => {
		ev.preventDefault();
		const a = pParent.input.value;
		const b = pChild.input.value;
		if (!a || !b || a === b) {
			mount(msg1, t('kin.pickTwo'));
			msg1.hidden = false;
			return;
		}
		const kind = pKind.input.value;
		submit(f1, msg1, t('kin.parentDesc', { parent: nameOf(doc, a), child: nameOf(doc, b) }), (d) => {
			d.kinship = d.kinship || [];
			const link = { type: 'parent', parent: a, child: b };
			if (kind && kind !== 'birth')
				link.kind = kind;
			d.kinship.push(link);
		});
	});
	const pa = personSelect(t('kin.partnerA'));
	const pb = personSelect(t('kin.partnerB'));
	const pStatus = field(t('kin.status'), 'select', { options: [['', t('common.notSet')],
		...PARTNER_STATUS.map((v) => [v, te('partner_status', v)])] });
	const pSince = field(t('kin.sinceLabel'), 'text', { placeholder: t('common.datePlaceholder'),
		pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' });
	const msg2 = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const f2 = h('form', { class: 'card', id: 'form-partners', novalidate: true },
		h('h3', {}, t('kin.addPartners')), pa.wrap, pb.wrap, pStatus.wrap, pSince.wrap, msg2,
		h('button', { type: 'submit', class: 'btn primary' }, t('kin.addPartnersBtn')));
	f2.addEventListener('submit', (ev) => {
		ev.preventDefault();
		const a = pa.input.value;
		const b = pb.input.value;
		const since = pSince.input.value.trim();
		if (!a || !b || a === b) {
			mount(msg2, t('kin.pickTwo'));
			msg2.hidden = false;
			return;
		}
		if (since && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(since)) {
			mount(msg2, t('common.dateBad'));
			msg2.hidden = false;
			return;
		}
		const status = pStatus.input.value;
		submit(f2, msg2, t('kin.partnersDesc', { a: nameOf(doc, a), b: nameOf(doc, b) }), (d) => {
			d.kinship = d.kinship || [];
			const link = { type: 'partners', a, b };
			if (status)
				link.status = status;
			if (since)
				link.since = since;
			d.kinship.push(link);
		});
	});
	const list = h('ul', { class: 'plain', id: 'kinship-list' }, (doc.kinship || []).map((k) => {
		const key = JSON.stringify(k);
		return h('li', {}, h('span', {}, kinLabel(doc, k)),
			h('button', { type: 'button', class: 'btn danger small', 'aria-label': t('kin.removeLabel', { what: kinLabel(doc, k) }),
				onclick: async () => {
					try {
						await removeAsked(t('kin.what', { what: kinLabel(doc, k) }), (d) => {
							const i = (d.kinship || []).findIndex((x) => JSON.stringify(x) === key);
							if (i < 0)
								throw new Error(t('kin.gone'));
							d.kinship.splice(i, 1);
						});
					} catch (e) {
						toast((e.messages || [String(e)]).join(' '), 'error');
					}
				} }, t('common.remove')));
	}));
	mount(body,
		h('h2', { id: 'tab-title' }, t('tab.genogram')),
		h('p', { class: 'lead' }, t('kin.intro')),
		h('div', { class: 'cols' },
			h('div', { class: 'col wide' }, picture(ref, 'genogram', t('kin.alt')),
				h('section', { class: 'card' }, h('h3', {}, t('kin.list')),
					(doc.kinship || []).length ? list : h('p', {}, t('kin.none')))),
			h('div', { class: 'col side-form' },
				h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn secondary',
					onclick: () => personDialog(null, {}) }, t('kin.addPerson'))),
				f1, f2)));
}
