// views/pictures.js - the sociogram, the Community Scan (with an earlier
// date to compare with, kept in the URL: #/cases/REF/scan/YYYY-MM-DD, so a
// comparison can be bookmarked and sent to a colleague; and the workbook of
// every revision to download) and the Wraparound flower, as the server
// draws them, each with a short explanation and the people it is about.

import { cs } from '../casestore.js';
import { field, h, mount } from '../dom.js';
import { getLang, t } from '../i18n.js';
import { picture } from '../picture.js';
import { today } from '../model.js';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export async function render(body, { ref, tab, sub }) {
	const title = t(`tab.${tab}`);
	if (tab !== 'scan') {
		mount(body, h('h2', { id: 'tab-title' }, title),
			h('p', { class: 'lead' }, t(`pictures.${tab}.intro`)),
			picture(ref, tab, t(`pictures.${tab}.alt`, { name: cs.doc.case.ref })));
		return;
	}
	let compare = sub && DAY_RE.test(sub) ? sub : '';
	const base = `#/cases/${encodeURIComponent(ref)}/scan`;
	/* the compare date in the address, without drawing the page again */
	const remember = () => history.replaceState(null, '', compare ? `${base}/${compare}` : base);
	const cmp = field(t('pictures.scan.compare'), 'date', { value: compare, max: today(),
		hint: t('pictures.scan.compareHint') });
	const holder = h('div');
	const show = () => mount(holder, picture(ref, 'scan', t('pictures.scan.alt', { name: cs.doc.case.ref }),
		{ compare: cmp.input.value || undefined }));
	cmp.input.id = 'scan-compare';
	cmp.input.addEventListener('change', () => {
		compare = DAY_RE.test(cmp.input.value) ? cmp.input.value : '';
		remember();
		show();
	});
	mount(body, h('h2', { id: 'tab-title' }, title),
		h('p', { class: 'lead' }, t('pictures.scan.intro')),
		h('div', { class: 'toolbar' }, cmp.wrap,
			h('button', { type: 'button', class: 'btn secondary', onclick: () => {
				cmp.input.value = '';
				compare = '';
				remember();
				show();
			} }, t('pictures.scan.noCompare')),
			h('a', { class: 'btn secondary', id: 'scan-xlsx', download: `${ref}-scan.xlsx`,
				href: `/api/cases/${encodeURIComponent(ref)}/scan.xlsx?${new URLSearchParams({ lang: getLang() })}` },
			t('pictures.scan.xlsx'))),
		holder);
	show();
}
