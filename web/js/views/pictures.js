// views/pictures.js - the sociogram, the Community Scan (with an earlier
// date to compare with) and the Wraparound flower, as the server draws
// them, each with a short explanation and the people it is about.

import { cs } from '../casestore.js';
import { field, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { picture } from '../picture.js';
import { today } from '../model.js';

let compare = null;

export async function render(body, { ref, tab }) {
	const title = t(`tab.${tab}`);
	if (tab !== 'scan') {
		mount(body, h('h2', { id: 'tab-title' }, title),
			h('p', { class: 'lead' }, t(`pictures.${tab}.intro`)),
			picture(ref, tab, t(`pictures.${tab}.alt`, { name: cs.doc.case.ref })));
		return;
	}
	if (compare === null)
		compare = '';
	const cmp = field(t('pictures.scan.compare'), 'date', { value: compare, max: today(),
		hint: t('pictures.scan.compareHint') });
	const holder = h('div');
	const show = () => mount(holder, picture(ref, 'scan', t('pictures.scan.alt', { name: cs.doc.case.ref }),
		{ compare: cmp.input.value || undefined }));
	cmp.input.id = 'scan-compare';
	cmp.input.addEventListener('change', () => {
		compare = cmp.input.value;
		show();
	});
	mount(body, h('h2', { id: 'tab-title' }, title),
		h('p', { class: 'lead' }, t('pictures.scan.intro')),
		h('div', { class: 'toolbar' }, cmp.wrap,
			h('button', { type: 'button', class: 'btn secondary', onclick: () => {
				cmp.input.value = '';
				compare = '';
				show();
			} }, t('pictures.scan.noCompare'))),
		holder);
	show();
}
