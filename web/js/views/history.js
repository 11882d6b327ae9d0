// views/history.js - every revision of the case in words, as the server's
// history says them (who - a change through a share link names the family
// member -, when, what changed: "Oma Truus toegevoegd", "afspraak a3
// afgerond"), with a button to put an earlier revision back and one to
// bring back an item that was removed (the restore endpoint); what was
// recorded at an earlier moment (the "recorded on" picker: ?recorded_at=,
// the revision that was the latest then, judged on the as-of day of the
// case head, today unless chosen there); the export download.  What the
// family added through share links (the inbox) and making and revoking
// share links are the "Delen" tab's (views/sharing.js).

import { api } from '../api.js';
import { asOfQuery, changeText, cs, restoreItem, restoreRevision } from '../casestore.js';
import { field, h, mount, toast } from '../dom.js';
import { fmtDate, fmtDateTime, getLang, t, te, tp } from '../i18n.js';

/* One revision: who, when, and each change in words. */
function revisionItem(x) {
	return h('li', { dataset: { revision: x.revision } },
		h('div', { class: 'rev' },
			h('span', {}, h('strong', {}, t('history.rev', { n: x.revision })), ' · ',
				h('span', { class: x.person ? 'by-family' : null }, x.who || x.author), ' · ', fmtDateTime(x.at)),
			h('ul', { class: 'changes' }, (x.changes || []).map((c) => h('li', {}, changeText(c),
				c.op === 'removed' && c.item !== null && x.revision > 1 && !['case', 'plan', 'safety_map'].includes(c.collection)
					? [' ', h('button', { type: 'button', class: 'btn link small', dataset: { action: 'bring-back' },
						onclick: async () => {
							try {
								await restoreItem(x.revision - 1, c.collection, c.item, changeText(c));
							} catch (e) {
								toast((e.messages || [String(e)]).join(' '), 'error');
							}
						} }, t('history.bringBack'))] : null)))),
		x.revision === cs.revision ? h('span', { class: 'badge ok' }, t('history.current'))
			: h('button', { type: 'button', class: 'btn secondary small', onclick: async () => {
				try {
					await restoreRevision(x.revision);
				} catch (e) {
					toast((e.messages || [String(e)]).join(' '), 'error');
				}
			} }, t('history.restore')));
}

/* What was recorded at a moment: the revision that was the latest at the
 * end of the chosen day (?recorded_at=), judged on the as-of day of the
 * case head (?as_of=; today unless chosen there). */
function recordedSection(ref) {
	const day = field(t('history.recordedAt'), 'date', { name: 'recorded_at', hint: t('history.recordedAtHint') });
	const out = h('div', { id: 'recorded-at-result', 'aria-live': 'polite' });
	day.input.id = 'recorded-at';
	day.input.addEventListener('change', async () => {
		const d = day.input.value;
		if (!d) {
			mount(out);
			return;
		}
		try {
			const r = await api('GET', `/api/cases/${encodeURIComponent(ref)}/summary`,
				{ query: { recorded_at: d, ...asOfQuery() } });
			const sum = r.data;
			const word = (m) => (m ? m[getLang()] || m.nl : '');
			mount(out, h('p', {}, t('history.recordedRev', { rev: r.revision, date: fmtDate(d) })),
				h('p', { class: 'small muted' }, cs.asOf ? t('history.judgedOn', { date: fmtDate(cs.asOf) })
					: t('history.judgedToday')),
				h('ul', { class: 'plain' }, (sum.factors || []).map((f) => h('li', { dataset: { factor: f.key, status: f.status } },
					h('span', {}, word(f.label)), h('span', { class: ['factor-status', f.status] }, te('factor_status', f.status))))),
				h('p', { class: 'small' }, tp('history.recordedSignals', (sum.signal_list || []).length)));
		} catch (e) {
			mount(out, h('p', { class: 'muted' }, (e.messages || [String(e)]).join(' ')));
		}
	});
	return h('section', { class: 'card', 'aria-labelledby': 'recorded-title' },
		h('h3', { id: 'recorded-title' }, t('history.recordedTitle')), day.wrap, out);
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
				h('ol', { class: 'plain', id: 'revisions', reversed: true }, revs.map((x) => revisionItem(x)))),
			h('div', { class: 'col' }, recordedSection(ref))));
}
