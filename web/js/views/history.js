// views/history.js - every revision of the case (who, when) with a button
// to put an earlier one back as a new revision, the export download, and
// the share links for the family: make one for a person of the case (the
// link is shown once), see every link with its state, revoke one.

import { api } from '../api.js';
import { cs, restoreRevision } from '../casestore.js';
import { field, h, mount, toast } from '../dom.js';
import { fmtDate, t } from '../i18n.js';
import { personSelect } from '../forms.js';

function when(at) {
	if (!at)
		return '';
	return `${fmtDate(at.slice(0, 10))} ${at.slice(11, 16)}`;
}

async function sharesSection(ref) {
	const sec = h('section', { class: 'card', id: 'shares', 'aria-labelledby': 'share-title' });
	const enc = encodeURIComponent(ref);
	const draw = async (fresh) => {
		let list = [];
		try {
			const r = await api('GET', `/api/cases/${enc}/shares`);
			list = (r.data && r.data.shares) || [];
		} catch (e) {
			if (e.status === 401)
				return;
			list = [];
		}
		const who = personSelect(t('share.person'));
		who.input.id = 'share-person';
		const days = field(t('share.days'), 'number', { value: 30, min: 1, max: 90 });
		const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
		const form = h('form', { class: 'row', id: 'share-form', novalidate: true }, who.wrap, days.wrap,
			h('div', { class: 'field' }, h('span', { 'aria-hidden': 'true' }, ' '),
				h('button', { type: 'submit', class: 'btn primary' }, t('share.create'))));
		form.addEventListener('submit', async (ev) => {
			ev.preventDefault();
			msg.hidden = true;
			if (!who.input.value) {
				mount(msg, t('share.pick'));
				msg.hidden = false;
				return;
			}
			try {
				const r = await api('POST', `/api/cases/${enc}/shares`, { body: { person: who.input.value,
					days: Number(days.input.value) || 30 } });
				await draw(r.data);
			} catch (e) {
				mount(msg, (e.messages || [String(e)]).join(' '));
				msg.hidden = false;
			}
		});
		let shown = null;
		if (fresh) {
			const url = new URL(fresh.url, location.origin).href;
			const input = h('input', { type: 'text', readonly: true, value: url, id: 'share-url',
				'aria-label': t('share.url') });
			shown = h('div', { class: 'warn', role: 'status' },
				h('p', {}, h('strong', {}, t('share.once'))),
				h('div', { class: 'row' }, input, h('button', { type: 'button', class: 'btn secondary', onclick: async () => {
					input.select();
					try {
						await navigator.clipboard.writeText(url);
						toast(t('share.copied'), 'ok');
					} catch (e) {
						toast(t('share.copyByHand'), 'warn');
					}
				} }, t('share.copy'))),
				h('p', { class: 'small' }, t('share.until', { date: when(fresh.expires) })));
		}
		mount(sec, h('h3', { id: 'share-title' }, t('share.title')),
			h('p', { class: 'muted small' }, t('share.intro')),
			form, msg, shown,
			list.length ? h('table', {}, h('thead', {}, h('tr', {}, ['share.col.person', 'share.col.by', 'share.col.until',
				'share.col.state', 'common.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
			h('tbody', {}, list.map((x) => h('tr', { dataset: { share: x.id } },
				h('td', {}, x.person_name || x.person), h('td', {}, x.created_by || ''),
				h('td', {}, when(x.expires)), h('td', {}, t(`share.state.${x.state}`)),
				h('td', {}, x.state === 'active' ? h('button', { type: 'button', class: 'btn danger small', onclick: async () => {
					try {
						await api('DELETE', `/api/cases/${enc}/shares/${encodeURIComponent(x.id)}`);
						await draw(null);
					} catch (e) {
						toast((e.messages || [String(e)]).join(' '), 'error');
					}
				} }, t('share.revoke')) : ''))))) : h('p', { class: 'muted' }, t('share.none')));
	};
	await draw(null);
	return sec;
}

export async function render(body, { ref }) {
	const enc = encodeURIComponent(ref);
	const r = await api('GET', `/api/cases/${enc}/history`);
	const revs = [...((r.data && r.data.revisions) || [])].reverse();
	const shares = await sharesSection(ref);
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
						} }, t('history.restore')))))),
			h('div', { class: 'col' }, shares)));
}
