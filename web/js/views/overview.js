// views/overview.js - the case overview: the five factors as the library
// judges them (GET .../summary), the child and the case's own facts (the
// perspective decision, development checks, behaviour, municipality,
// region, referrer, closed) with a form to change them, the placements with
// forms to add, change and remove one, the settling-in schedule of the
// first year in the current home (the next check-in, whether it is late,
// the latest scores in words: the summary's "settling", lib/settling.c),
// and every signal with its reason and advice.  Nothing here judges a case:
// statuses, counts, the current placement and the schedule are the server's.

import { cs, loadSummary, removeAsked, save } from '../casestore.js';
import { checkGroup, field, h, mount, openDialog } from '../dom.js';
import { enumValues, factorLabel, fmtDate, getLang, t, te, textLimit, tp } from '../i18n.js';
import { byDate, childOf, freshId, nameOf } from '../model.js';
import { signalList } from '../signals.js';

const opt = (kind, empty = true) => [...(empty ? [['', t('common.notSet')]] : []),
	...enumValues(kind).map((v) => [v, te(kind, v)])];

function word(m) {
	return m ? m[getLang()] || m.nl || '' : '';
}

function factorTile(f, sum, doc) {
	let detail;
	switch (f.key) {
	case 'heard':
		detail = [tp('count.childWish', sum.wishes ? sum.wishes.child : 0), ', ',
			tp('count.answered', sum.wishes ? sum.wishes.answered : 0)].join('');
		break;
	case 'say':
		detail = sum.last_meeting ? t('factor.say.facts', { kind: te('continuum', sum.last_meeting.continuum) ||
			te('meeting', sum.last_meeting.type) || t('common.unknown'), date: fmtDate(sum.last_meeting.date) })
			: t('factor.say.none');
		break;
	case 'support':
		detail = tp('factor.support.count', sum.network ? sum.network.size : 0);
		break;
	case 'trust':
		detail = (sum.trust_figures || []).length ? sum.trust_figures.map((id) => nameOf(doc, id)).join(', ')
			: t('factor.trust.none');
		break;
	default:
		detail = sum.placement ? t('factor.continuity.since', { since: fmtDate(sum.placement.since) })
			: t('overview.noPlacement');
	}
	const titles = (sum.signal_list || []).filter((sg) => (f.signals || []).includes(sg.id))
		.map((sg) => word(sg.title)).filter((v, i, a) => v && a.indexOf(v) === i);
	return h('li', { class: ['factor', f.status], dataset: { factor: f.key, status: f.status } },
		h('span', { class: 'factor-name' }, word(f.label) || factorLabel(f.key)),
		h('span', { class: ['factor-status', f.status] }, te('factor_status', f.status)),
		h('span', { class: 'factor-detail' }, detail),
		titles.length ? h('span', { class: 'factor-signals small' }, titles.join(', ')) : null);
}

function placementLine(doc, pl) {
	return [
		h('strong', {}, te('form', pl.form) || t('common.unknown')),
		pl.variant ? ` (${te('variant', pl.variant)})` : '',
		pl.network === true ? ` · ${t('placement.network')}` : pl.network === false ? ` · ${t('placement.pool')}` : '',
		h('span', { class: 'block small' }, t('placement.period', { from: fmtDate(pl.start),
			to: pl.end ? fmtDate(pl.end) : t('placement.now') }),
		pl.end_reason ? ` · ${te('end_reason', pl.end_reason)}` : ''),
		(pl.carers || []).length ? h('span', { class: 'block small' },
			t('placement.carers', { names: pl.carers.map((id) => nameOf(doc, id)).join(', ') })) : null,
		pl.network_search ? h('span', { class: 'block small' }, t('placement.searched', {
			date: fmtDate(pl.network_search.date), outcome: te('search_outcome', pl.network_search.outcome) })) : null,
	];
}

function errs(e) {
	return e && e.messages ? e.messages : [String(e && e.message ? e.message : e)];
}

function setOrDelete(obj, key, v) {
	if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length))
		delete obj[key];
	else
		obj[key] = v;
}

/* The dialog to add (pl null) or change a placement. */
async function placementDialog(pl) {
	const doc = cs.doc;
	const x = pl || {};
	const form = field(t('placement.form'), 'select', { options: opt('form', false), value: x.form || 'foster_fulltime',
		name: 'form' });
	const variant = field(t('placement.variant'), 'select', { options: opt('variant'), value: x.variant || '',
		name: 'variant' });
	const network = field(t('placement.networkQ'), 'select', { name: 'network', value: x.network === true ? 'yes'
		: x.network === false ? 'no' : '', options: [['', t('common.notSet')], ['yes', t('placement.network')],
		['no', t('placement.pool')]] });
	const carers = checkGroup(t('placement.carersQ'), doc.persons.filter((p) => p.id !== doc.case.child)
		.map((p) => [p.id, p.name || p.id]), x.carers || [], { class: 'cols2' });
	carers.wrap.id = 'placement-carers';
	const start = field(t('placement.start'), 'date', { value: x.start || '', name: 'start', required: true });
	const end = field(t('placement.end'), 'date', { value: x.end || '', name: 'end' });
	const reason = field(t('placement.endReason'), 'select', { options: opt('end_reason'), value: x.end_reason || '',
		name: 'end_reason' });
	/* the search in the child's own network before this placement */
	const ns = x.network_search || {};
	const nsDate = field(t('placement.searchDate'), 'date', { value: ns.date || '', name: 'search_date' });
	const nsOutcome = field(t('placement.searchOutcome'), 'select', { options: opt('search_outcome'),
		value: ns.outcome || '', name: 'search_outcome' });
	const nsText = field(t('placement.searchText'), 'textarea', { value: ns.text || '', name: 'search_text', rows: 2,
		maxlength: textLimit('placements', 'network_search.text') });
	const d = openDialog({
		title: pl ? t('placement.editTitle') : t('placement.addTitle'),
		body: [h('div', { class: 'row' }, form.wrap, variant.wrap), network.wrap, h('div', { class: 'row' },
			start.wrap, end.wrap), reason.wrap, carers.wrap,
			h('fieldset', {}, h('legend', {}, t('placement.search')), h('div', { class: 'row' }, nsDate.wrap, nsOutcome.wrap),
				nsText.wrap)],
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			if (!start.input.value) {
				d.error(t('placement.startMissing'));
				return false;
			}
			const search = { ...ns };
			setOrDelete(search, 'date', nsDate.input.value);
			setOrDelete(search, 'outcome', nsOutcome.input.value);
			setOrDelete(search, 'text', nsText.input.value.trim());
			const desc = pl ? t('placement.changedDesc', { what: te('form', form.input.value) })
				: t('placement.addedDesc', { what: te('form', form.input.value) });
			try {
				return await save(desc, (doc2) => {
					doc2.placements = doc2.placements || [];
					let it = pl ? doc2.placements.find((y) => y.id === pl.id) : null;
					if (!it) {
						it = { id: freshId(doc2.placements, 'pl') };
						doc2.placements.push(it);
					}
					it.form = form.input.value;
					setOrDelete(it, 'variant', variant.input.value);
					setOrDelete(it, 'network', network.input.value === 'yes' ? true
						: network.input.value === 'no' ? false : '');
					setOrDelete(it, 'carers', carers.values());
					it.start = start.input.value;
					setOrDelete(it, 'end', end.input.value);
					setOrDelete(it, 'end_reason', reason.input.value);
					setOrDelete(it, 'network_search', Object.keys(search).length ? search : '');
				});
			} catch (e) {
				d.error(errs(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), kind: 'secondary' }],
	});
	d.dialog.id = 'placement-dialog';
	return d;
}

/* The dialog for the case's own facts. */
async function caseDialog() {
	const c = cs.doc.case;
	const pd = c.perspective_decision || {};
	const beh = c.behaviour || {};
	const mun = c.municipality || {};
	const cl = c.closed || {};
	const f = {
		opened: field(t('overview.opened'), 'date', { value: c.opened || '', name: 'opened' }),
		pdDate: field(t('case.pdDate'), 'date', { value: pd.date || '', name: 'pd_date' }),
		pdOutcome: field(t('case.pdOutcome'), 'textarea', { value: pd.outcome || '', name: 'pd_outcome', rows: 2,
			maxlength: textLimit('case', 'perspective_decision.outcome') }),
		checks: field(t('case.checks'), 'text', { value: (c.development_checks || []).join(', '), name: 'checks',
			hint: t('case.checksHint') }),
		ext: field(t('case.externalising'), 'checkbox', { value: !!beh.externalising, name: 'externalising' }),
		int: field(t('case.internalising'), 'checkbox', { value: !!beh.internalising, name: 'internalising' }),
		munCode: field(t('case.munCode'), 'text', { value: mun.code || '', name: 'mun_code', pattern: 'GM[0-9]{4}',
			placeholder: 'GM0200', hint: t('case.munCodeHint') }),
		munName: field(t('case.munName'), 'text', { value: mun.name || '', name: 'mun_name', maxlength: 100 }),
		region: field(t('case.region'), 'text', { value: c.region || '', name: 'region', maxlength: 100 }),
		referrer: field(t('case.referrer'), 'select', { options: opt('referrer'), value: c.referrer || '',
			name: 'referrer' }),
		closedDate: field(t('case.closedDate'), 'date', { value: cl.date || '', name: 'closed_date' }),
		closedReason: field(t('case.closedReason'), 'select', { options: opt('closed_reason'),
			value: cl.reason || '', name: 'closed_reason' }),
	};
	const d = openDialog({
		title: t('case.editTitle'), wide: true,
		body: [f.opened.wrap,
			h('fieldset', {}, h('legend', {}, t('overview.perspective')), f.pdDate.wrap, f.pdOutcome.wrap),
			f.checks.wrap,
			h('fieldset', {}, h('legend', {}, t('case.behaviour')), f.ext.wrap, f.int.wrap),
			h('fieldset', {}, h('legend', {}, t('case.municipality')), h('div', { class: 'row' }, f.munCode.wrap,
				f.munName.wrap), f.region.wrap, f.referrer.wrap),
			h('fieldset', {}, h('legend', {}, t('case.closed')), h('div', { class: 'row' }, f.closedDate.wrap,
				f.closedReason.wrap))],
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			const checks = f.checks.input.value.split(/[\s,;]+/).filter(Boolean);
			const bad = checks.filter((x) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(x));
			if (bad.length) {
				d.error(t('case.checksBad', { dates: bad.join(', ') }));
				return false;
			}
			try {
				return await save(t('case.changedDesc'), (doc) => {
					const k = doc.case;
					setOrDelete(k, 'opened', f.opened.input.value);
					const p = { ...(k.perspective_decision || {}) };
					setOrDelete(p, 'date', f.pdDate.input.value);
					setOrDelete(p, 'outcome', f.pdOutcome.input.value.trim());
					setOrDelete(k, 'perspective_decision', p.date || p.outcome ? p : '');
					setOrDelete(k, 'development_checks', checks);
					const b = { ...(k.behaviour || {}) };
					for (const [key, box] of [['externalising', f.ext], ['internalising', f.int]])
						setOrDelete(b, key, box.input.checked ? true : key in b ? false : '');
					setOrDelete(k, 'behaviour', Object.keys(b).length ? b : '');
					const code = f.munCode.input.value.trim().toUpperCase();
					const name = f.munName.input.value.trim();
					setOrDelete(k, 'municipality', code || name ? { code, name } : '');
					setOrDelete(k, 'region', f.region.input.value.trim());
					setOrDelete(k, 'referrer', f.referrer.input.value);
					const cd = f.closedDate.input.value;
					const cr = f.closedReason.input.value;
					setOrDelete(k, 'closed', cd || cr ? { date: cd, reason: cr } : '');
				});
			} catch (e) {
				d.error(errs(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), kind: 'secondary' }],
	});
	d.dialog.id = 'case-dialog';
	return d;
}

function caseFacts(doc) {
	const c = doc.case;
	const child = childOf(doc) || {};
	const pd = c.perspective_decision;
	const beh = c.behaviour || {};
	const behWords = [beh.externalising ? t('case.externalisingShort') : null,
		beh.internalising ? t('case.internalisingShort') : null].filter(Boolean);
	return h('dl', { class: 'facts', id: 'case-facts' },
		h('dt', {}, t('person.name')), h('dd', {}, child.name || child.id || ''),
		h('dt', {}, t('person.born')), h('dd', {}, child.born ? fmtDate(child.born) : t('common.unknown')),
		h('dt', {}, t('overview.opened')), h('dd', {}, fmtDate(c.opened) || '—'),
		h('dt', {}, t('overview.perspective')), h('dd', { id: 'perspective' }, pd && pd.date
			? `${fmtDate(pd.date)}${pd.outcome ? `: ${pd.outcome}` : ''}` : t('overview.noPerspective')),
		h('dt', {}, t('case.checks')), h('dd', {}, (c.development_checks || []).length
			? c.development_checks.map(fmtDate).join(', ') : t('case.noChecks')),
		h('dt', {}, t('case.behaviour')), h('dd', {}, behWords.length ? behWords.join(', ') : t('case.noBehaviour')),
		h('dt', {}, t('case.municipality')), h('dd', {}, c.municipality
			? `${c.municipality.name} (${c.municipality.code})${c.region ? ` · ${c.region}` : ''}` : c.region || '—'),
		h('dt', {}, t('case.referrer')), h('dd', {}, c.referrer ? te('referrer', c.referrer) : '—'),
		c.closed ? [h('dt', {}, t('case.closed')), h('dd', { id: 'closed' }, `${fmtDate(c.closed.date)} · ${
			te('closed_reason', c.closed.reason)}`)] : null);
}

/* The latest check-in recorded on or before the summary's day (dates as
 * written, a partial one counting from its first day), or null. */
function latestCheckin(st, asOf) {
	let best = null;
	for (const c of st.checkins || [])
		if (c.date && (!asOf || c.date <= asOf) && (!best || c.date >= best.date))
			best = c;
	return best;
}

const VIEWS = ['child', 'foster_parents', 'own_children', 'parents'];

/* The settling-in card: the schedule of the current home as the library
 * computes it (GET .../summary "settling"), or nothing without one. */
function settlingCard(sum, ref) {
	const st = sum.settling;
	if (!st)
		return null;
	const items = st.schedule || [];
	const next = st.next_due ? items.findIndex((x) => !x.done && x.due === st.next_due) : -1;
	let state;
	if (!st.first_year)
		state = h('p', { id: 'settling-state' }, t('overview.settlingOver'));
	else if (next < 0)
		state = h('p', { id: 'settling-state' }, t('overview.settlingAllDone'));
	else if (st.overdue)
		state = h('p', { id: 'settling-state', class: 'warn', dataset: { late: '1' } },
			t('overview.settlingLate', { n: next + 1, date: fmtDate(st.next_due) }));
	else
		state = h('p', { id: 'settling-state', dataset: { late: '0' } },
			t('overview.settlingNext', { n: next + 1, date: fmtDate(st.next_due) }));
	const last = latestCheckin(st, sum.as_of);
	return h('section', { class: 'card settling-card', id: 'settling-card', 'aria-labelledby': 'st-title',
		dataset: { placement: st.placement } },
	h('h3', { id: 'st-title' }, t('settling.title')),
	h('p', { class: 'small muted' }, t('overview.settlingDone', { done: st.done, total: items.length,
		since: fmtDate(st.since) })),
	state,
	last ? [h('p', { class: 'small' }, t('overview.settlingLatest', { date: fmtDate(last.date) })),
		h('dl', { class: 'facts settling-scores', id: 'settling-scores' }, VIEWS.map((v) => [
			h('dt', {}, t(`settling.view.${v}`)),
			h('dd', { dataset: { view: v, score: last[v] ? String(last[v]) : '' } },
				last[v] ? `${last[v]} · ${te('settling_score', String(last[v]))}` : t('settling.notAsked'))]))]
		: h('p', { class: 'muted small' }, t('overview.settlingNoCheckin')),
	h('p', { class: 'small' }, h('a', { href: `#/cases/${encodeURIComponent(ref)}/matching` },
		t('overview.settlingMore'))));
}

export async function render(body, { ref }) {
	const doc = cs.doc;
	const sum = (await loadSummary()) || { factors: [], signal_list: [] };
	if (cs.doc !== doc)
		return;
	const curId = sum.placement ? sum.placement.id : null;
	const cur = (doc.placements || []).find((pl) => pl.id === curId) || null;
	const past = byDate(doc.placements || [], 'start').reverse().filter((pl) => pl !== cur);
	const plItem = (pl) => h('li', { dataset: { placement: pl.id } }, h('span', {}, placementLine(doc, pl)),
		h('span', { class: 'item-actions' },
			h('button', { type: 'button', class: 'btn secondary small', 'aria-label': t('placement.editLabel', {
				what: `${te('form', pl.form)} ${fmtDate(pl.start)}` }), onclick: () => placementDialog(pl) },
			t('common.edit')),
			h('button', { type: 'button', class: 'btn danger small', 'aria-label': t('placement.removeLabel', {
				what: `${te('form', pl.form)} ${fmtDate(pl.start)}` }), onclick: () => removeAsked(
				t('placement.what', { what: te('form', pl.form), date: fmtDate(pl.start) }), (d) => {
					d.placements = (d.placements || []).filter((x) => x.id !== pl.id);
				}).catch((e) => openDialog({ title: t('common.notSaved'), body: errs(e).map((m) => h('p', {}, m)),
				actions: [{ label: t('common.close'), kind: 'primary' }] })) }, t('common.remove'))));
	mount(body,
		h('h2', { id: 'tab-title', class: 'sr-only' }, t('tab.overview')),
		h('section', { class: 'card', 'aria-labelledby': 'f-title' },
			h('h3', { id: 'f-title' }, t('factor.title')),
			h('p', { class: 'muted small' }, t('factor.intro')),
			h('ul', { class: 'factors', id: 'factors' }, (sum.factors || []).map((f) => factorTile(f, sum, doc)))),
		h('div', { class: 'cols' },
			h('div', { class: 'col' },
				h('section', { class: 'card', 'aria-labelledby': 'c-title' },
					h('div', { class: 'card-head' }, h('h3', { id: 'c-title' }, t('overview.child')),
						h('button', { type: 'button', class: 'btn secondary small', id: 'edit-case',
							onclick: () => caseDialog() }, t('case.edit'))),
					caseFacts(doc),
					doc.case.notes ? h('p', { class: 'notes' }, doc.case.notes) : null),
				h('section', { class: 'card', 'aria-labelledby': 'p-title' },
					h('div', { class: 'card-head' }, h('h3', { id: 'p-title' }, t('overview.placement')),
						h('button', { type: 'button', class: 'btn secondary small', id: 'add-placement',
							onclick: () => placementDialog(null) }, t('placement.add'))),
					cur ? h('ul', { class: 'plain', id: 'current-placement' }, plItem(cur))
						: h('p', {}, t('overview.noPlacement')),
					past.length ? [h('h4', {}, t('overview.history')),
						h('ol', { class: 'placements plain', id: 'placements' }, past.map(plItem))] : null),
				settlingCard(sum, ref)),
			h('div', { class: 'col wide' },
				h('section', { class: 'card', 'aria-labelledby': 's-title' },
					h('h3', { id: 's-title' }, tp('overview.signalsCount', cs.signals.length)),
					signalList(cs.signals, { id: 'signals' })))));
}
