// views/history.js - every revision of the case (who, when) with a button
// to put an earlier one back as a new revision, and the export download.
// Share links are the "Delen" tab's (views/sharing.js).

import { api } from '../api.js';
import { cs, restoreRevision } from '../casestore.js';
import { h, mount, toast } from '../dom.js';
import { fmtDate, t } from '../i18n.js';

function when(at) {
	if (!at)
		return '';
	return `${fmtDate(at.slice(0, 10))} ${at.slice(11, 16)}`;
}

export async function render(body, { ref }) {
	const enc = encodeURIComponent(ref);
	const r = await api('GET', `/api/cases/${enc}/history`);
	const revs = [...((r.data && r.data.revisions) || [])].reverse();
	mount(body,
		h('h2', { id: 'tab-title' }, t('history.title')),
		h('div', { class: 'cols' },
			h('section', { class: 'col card', 'aria-labelledby': 'rev-title' },
				h('h3', { id: 'rev-title' }, t('history.revisions')),
				h('p', {}, h('a', { href: `/api/cases/${enc}/export`, download: `${ref}.json` }, t('history.export'))),
				h('ol', { class: 'plain', id: 'revisions', reversed: true }, revs.map((x) => h('li', {},
					h('span', {}, h('strong', {}, t('history.rev', { n: x.revision })), ' · ', x.author, ' · ', when(x.at)),
					x.revision === cs.revision ? h('span', { class: 'badge ok' }, t('history.current'))
						: h('button', { type: 'button', class: 'btn secondary small', onclick: async () => {
							try {
								await restoreRevision(x.revision);
							} catch (e) {
								toast((e.messages || [String(e)]).join(' '), 'error');
							}
						} }, t('history.restore'))))))));
}
