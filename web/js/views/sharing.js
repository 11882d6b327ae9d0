// views/sharing.js - the "Delen" tab: sharing the plan with the family and
// the network, and what they added.  Three parts:
// - "Nieuw van de familie": the inbox of the case (GET /api/inbox, this
//   case's entry: every wish a link holder wrote and every agreement one
//   marked done since this worker last looked), with "gezien" (POST
//   /api/cases/{ref}/inbox/seen up to the revision shown);
// - a new link: for whom (only the persons the server lists as candidates:
//   alive and still involved; the server refuses the others too), how long,
//   and what it shows (the scopes and their words from GET /api/meta); the
//   link is shown once;
// - every link with what it shows, who made it, until when, its state, and
//   revoke.
// What is for professionals only never reaches a link whatever is chosen
// here: that is the library's rule (lib/share_view.c), said on the page.

import { api } from '../api.js';
import { checkGroup, field, h, mount, toast } from '../dom.js';
import { fmtDate, getLang, t } from '../i18n.js';

let meta = null;

/* The scopes a link can show, with their words: [{name, nl, en, default}]. */
async function scopes() {
	if (!meta) {
		const r = await api('GET', '/api/meta');
		meta = r.data || {};
	}
	return meta.share_scopes || [];
}

function scopeLabel(list, name) {
	const sc = list.find((x) => x.name === name);
	return sc ? sc[getLang()] || sc.nl : name;
}

function when(at) {
	return at ? `${fmtDate(at.slice(0, 10))} ${at.slice(11, 16)}` : '';
}

/* This case's entry of the worker's inbox ({count, items, revision}), or
 * null when nothing is new. */
export async function inboxOf(ref) {
	const r = await api('GET', '/api/inbox');
	return ((r.data && r.data.cases) || []).find((c) => c.ref === ref) || null;
}

/* Shows n (when more than 0) on the "Delen" tab of the case view. */
export function setTabCount(n) {
	const el = document.querySelector('.tabs [data-tab="sharing"] .tab-count');
	if (!el)
		return;
	mount(el, n ? [String(n), h('span', { class: 'sr-only' }, ` ${t('sharing.newCount')}`)] : []);
	el.hidden = !n;
}

function inboxSection(ref, box, redraw) {
	const enc = encodeURIComponent(ref);
	const n = box ? box.count : 0;
	return h('section', { class: 'card', id: 'inbox', 'aria-labelledby': 'inbox-title' },
		h('h3', { id: 'inbox-title' }, t('sharing.inboxTitle'), ' ',
			h('span', { class: ['badge', n ? 'warning' : 'ok'], id: 'inbox-count' }, String(n))),
		n ? [
			h('ul', { class: 'plain inbox-items' }, box.items.map((it) => h('li', {
				class: ['inbox-item', `kind-${it.kind}`], dataset: { kind: it.kind, id: it.id } },
			h('p', {}, h('strong', {}, t(`sharing.inbox.${it.kind}`, { who: it.person ? it.person.who : '' })),
				' ', h('span', { class: 'muted small' }, when(it.at))),
			h('p', { class: 'inbox-text' }, it.text || '')))),
			h('p', { class: 'small muted' }, t('sharing.inboxWhere')),
			h('button', { type: 'button', class: 'btn secondary', id: 'inbox-seen', onclick: async (ev) => {
				ev.target.disabled = true;
				try {
					await api('POST', `/api/cases/${enc}/inbox/seen`, { body: { revision: box.revision } });
					toast(t('sharing.seenSaved'), 'ok');
					await redraw(null);
				} catch (e) {
					ev.target.disabled = false;
					toast((e.messages || [String(e)]).join(' '), 'error');
				}
			} }, t('sharing.seen')),
		] : h('p', { class: 'muted' }, t('sharing.inboxEmpty')));
}

function newLinkSection(ref, candidates, list, fresh, redraw) {
	const enc = encodeURIComponent(ref);
	const who = field(t('share.person'), 'select', { name: 'person', id: 'share-person',
		options: [['', t('sharing.choose')], ...candidates.map((p) => [p.id, p.name])] });
	const days = field(t('share.days'), 'number', { value: 30, min: 1, max: 90, name: 'days', inputmode: 'numeric' });
	const what = checkGroup(t('sharing.shows'), list.map((sc) => [sc.name, scopeLabel(list, sc.name)]),
		list.filter((sc) => sc.default).map((sc) => sc.name), { class: 'scopes' });
	what.wrap.id = 'share-scopes';
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { id: 'share-form', novalidate: true },
		h('div', { class: 'row' }, who.wrap, days.wrap),
		h('p', { class: 'hint', id: 'share-who-hint' }, t('sharing.whoHint')),
		what.wrap,
		h('p', { class: 'hint' }, t('sharing.never')),
		msg,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('share.create'))));
	who.input.setAttribute('aria-describedby', 'share-who-hint');
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const problems = [];
		if (!who.input.value)
			problems.push(t('share.pick'));
		if (!what.values().length)
			problems.push(t('sharing.pickScope'));
		if (problems.length) {
			mount(msg, problems.join(' '));
			msg.hidden = false;
			(who.input.value ? what.boxes[0].cb : who.input).focus();
			return;
		}
		try {
			const r = await api('POST', `/api/cases/${enc}/shares`, { body: { person: who.input.value,
				days: Number(days.input.value) || 30, scopes: what.values() } });
			await redraw(r.data);
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
		shown = h('div', { class: 'warn', role: 'status', id: 'share-fresh' },
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
			h('p', { class: 'small' }, t('share.until', { date: when(fresh.expires) }), ' ',
				t('sharing.freshShows', { what: (fresh.scopes || []).map((x) => scopeLabel(list, x)).join(', ') })));
	}
	return h('section', { class: 'card', id: 'share-new', 'aria-labelledby': 'share-new-title' },
		h('h3', { id: 'share-new-title' }, t('sharing.newTitle')),
		h('p', { class: 'muted small' }, t('sharing.intro')),
		shown, form);
}

function linksSection(ref, links, list, redraw) {
	const enc = encodeURIComponent(ref);
	return h('section', { class: 'card', id: 'shares', 'aria-labelledby': 'share-title' },
		h('h3', { id: 'share-title' }, t('sharing.linksTitle')),
		links.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'links' },
			h('caption', { class: 'sr-only' }, t('sharing.linksTitle')),
			h('thead', {}, h('tr', {}, ['share.col.person', 'sharing.col.shows', 'share.col.by', 'share.col.until',
				'share.col.state', 'common.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
			h('tbody', {}, links.map((x) => h('tr', { dataset: { share: x.id, state: x.state } },
				h('th', { scope: 'row' }, x.person_name || x.person),
				h('td', { class: 'shows' }, h('ul', { class: 'plain' }, (x.scopes || []).map((sc) =>
					h('li', { dataset: { scope: sc } }, scopeLabel(list, sc))))),
				h('td', {}, x.created_by || ''), h('td', {}, when(x.expires)),
				h('td', {}, t(`share.state.${x.state}`)),
				h('td', {}, x.state === 'active' ? h('button', { type: 'button', class: 'btn danger small',
					'aria-label': t('sharing.revokeFor', { name: x.person_name || x.person }), onclick: async () => {
						try {
							await api('DELETE', `/api/cases/${enc}/shares/${encodeURIComponent(x.id)}`);
							toast(t('sharing.revoked', { name: x.person_name || x.person }), 'ok');
							await redraw(null);
						} catch (e) {
							toast((e.messages || [String(e)]).join(' '), 'error');
						}
					} }, t('share.revoke')) : '')))))) : h('p', { class: 'muted' }, t('share.none')));
}

export async function render(body, { ref, ctx }) {
	const enc = encodeURIComponent(ref);
	const draw = async (fresh) => {
		const [sr, box, list] = await Promise.all([api('GET', `/api/cases/${enc}/shares`), inboxOf(ref), scopes()]);
		if (ctx && !ctx.current())
			return;
		const d = sr.data || {};
		const focus = document.activeElement && document.activeElement.id;
		mount(body,
			h('h2', { id: 'tab-title', tabindex: -1 }, t('sharing.title')),
			h('div', { class: 'cols' },
				h('div', { class: 'col' }, inboxSection(ref, box, draw), linksSection(ref, d.shares || [], list, draw)),
				h('div', { class: 'col' }, newLinkSection(ref, d.candidates || [], list, fresh, draw))));
		setTabCount(box ? box.count : 0);
		if (fresh)
			document.getElementById('share-url')?.focus();
		else if (focus && document.getElementById(focus))
			document.getElementById(focus).focus();
		else if (focus)
			document.getElementById('tab-title').focus();   /* the button used is gone */
	};
	await draw(null);
}
