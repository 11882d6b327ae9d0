// views/plan.js - the network plan: version and dates, concerns, safety
// (text and the Signs of Safety map: worried about / working well / needs
// to happen), the safety scale 0-10 over time as a line with the tipping
// points (kantelmoment) marked, the wishes and what was done with them,
// goals with indicators, and the agreements (who, what, when, due, what if
// it goes wrong, status) with overdue and unowned ones flagged as the
// library says (GET .../summary), and the load per network member (open
// agreements per person).  Signs of Safety as practised: danger statements
// beside the worries, safety goals beside what needs to happen, and the
// safety scale scored by several people (child, parents, foster parents,
// worker) side by side over time.  Agreements and concerns can be marked
// "alleen voor professionals": they never reach a share link.  Documents:
// the plan as the PDF people sign (GET .../plan.pdf, the library's), the
// Netwerkkompas under its own name, and "Plan printen" prints the values.
// The parents' permission (plan.blessing: that the child may feel at home
// with the foster family; when, which parents, in their own words) is shown
// and recorded here, saved through the plan item endpoint like the rest.

import { asOfQuery, cs, loadSummary, removeAsked, save } from '../casestore.js';
import { checkGroup, field, h, mount, openDialog, s, toast } from '../dom.js';
import { renderUrl } from '../api.js';
import { personSelect } from '../forms.js';
import { signalTitle } from '../signals.js';
import { enumValues, fmtDate, fmtNum, getLang, t, te, textLimit, tp } from '../i18n.js';
import { byDate, childId, firstDay, freshId, isOpen, nameOf, plan as planOf,
	today } from '../model.js';

/* The text of a concern: plain text, or {text, visibility}. */
function textOf(x) {
	return typeof x === 'string' ? x : (x && x.text) || '';
}

function forPros(x) {
	return !!x && typeof x === 'object' && x.visibility === 'professionals';
}

/* The mark of an item for professionals only. */
function prosFlag(x) {
	return forPros(x) ? h('span', { class: 'flag pros' }, t('vis.professionals')) : null;
}

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function errs(e) {
	return e.messages || [String(e && e.message ? e.message : e)];
}

/* Saves; on refusal shows a toast and resolves false. */
async function quick(desc, change) {
	try {
		return await save(desc, change);
	} catch (e) {
		toast(errs(e).join(' — '), 'error');
		return false;
	}
}

/* A list of texts with a remove button per item and an add field. */
function textList(id, label, items, onAdd, onRemove, opts = {}) {
	const input = field(label, 'text', { maxlength: opts.max });
	input.input.id = `${id}-new`;
	const pros = opts.visibility ? field(t('vis.professionalsOnly'), 'checkbox', { name: 'professionals' }) : null;
	const form = h('form', { class: 'row add-row no-print', novalidate: true }, input.wrap, pros ? pros.wrap : null,
		h('button', { type: 'submit', class: 'btn secondary' }, t('common.add')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const v = input.input.value.trim();
		if (!v)
			return;
		if (await onAdd(v, pros ? pros.input.checked : false)) {
			input.input.value = '';
			if (pros)
				pros.input.checked = false;
		}
	});
	return h('div', { class: 'editable-list', id },
		items.length ? h('ul', {}, items.map((x, i) => h('li', {}, h('span', {}, textOf(x), ' ', prosFlag(x)),
			h('button', { type: 'button', class: 'btn link small no-print',
				'aria-label': t('common.removeWhat', { what: textOf(x) }),
				onclick: () => onRemove(i, x) }, t('common.remove'))))) : h('p', { class: 'muted' }, t('common.empty')),
		form);
}

function removeText(list, i, x) {
	const same = (y) => JSON.stringify(y) === JSON.stringify(x);
	if (same(list[i]))
		list.splice(i, 1);
	else {
		const j = list.findIndex(same);
		if (j < 0)
			throw new Error(t('plan.gone'));
		list.splice(j, 1);
	}
}

/* The safety scale as a line per person who scored it (child, parents,
 * foster parents, worker ...), side by side over time; the library judges
 * a drop (signal safety-scale-drop), the chart only shows the scores. */
export function scaleChart(scale, doc) {
	const pts = byDate(scale || []).filter((p) => typeof p.score === 'number');
	const W = 720;
	const H = 260;
	const L = 40;
	const R = 20;
	const T = 16;
	const B = 44;
	const who = [...new Set(pts.map((p) => p.by || ''))];
	const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'scale-chart', id: 'scale-chart', role: 'img',
		'aria-label': pts.length ? `${t('plan.scaleTitle')}: ${tp('plan.scaleScores', pts.length)}, ${
			tp('plan.scalePeople', who.length)}`
			: t('plan.scaleEmpty') });
	const y = (v) => T + ((10 - v) * (H - T - B)) / 10;
	svg.append(s('rect', { x: L, y: y(3), width: W - L - R, height: y(0) - y(3), class: 'danger-zone' }));
	for (let v = 0; v <= 10; v += 2) {
		svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }));
		svg.append(s('text', { x: L - 8, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmtNum(v)));
	}
	if (!pts.length)
		return svg;
	const dayOf = (p) => Date.parse(firstDay(p.date));
	const days = pts.map(dayOf);
	const d0 = Math.min(...days);
	const d1 = Math.max(...days);
	const x = (d) => (d1 === d0 ? (L + W - R) / 2 : L + 10 + ((d - d0) * (W - L - R - 20)) / (d1 - d0));
	const dates = [...new Set(pts.map((p) => p.date))];
	for (const dt of dates)
		svg.append(s('text', { x: x(dayOf({ date: dt })), y: H - B + 18, class: 'axis', 'text-anchor': 'middle' },
			fmtDate(dt)));
	who.forEach((by, k) => {
		const mine = pts.filter((p) => (p.by || '') === by);
		const cls = `series-${k % 6}`;
		svg.append(s('polyline', { class: ['scale-line', cls].join(' '),
			points: mine.map((p) => `${x(dayOf(p)).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ') }));
		for (const p of mine)
			svg.append(s('circle', { cx: x(dayOf(p)), cy: y(p.score), r: 6, class: ['pt', cls].join(' ') },
				s('title', {}, `${fmtDate(p.date)}: ${fmtNum(p.score)} (${by ? nameOf(doc, by) : t('plan.scaleNobody')})`)));
	});
	return svg;
}

/* The scores side by side: a row per date, a column per person. */
function scaleTable(scale, doc) {
	const pts = byDate(scale || []).filter((p) => typeof p.score === 'number');
	if (!pts.length)
		return null;
	const who = [...new Set(pts.map((p) => p.by || ''))];
	const dates = [...new Set(pts.map((p) => p.date))];
	return h('div', { class: 'table-wrap' }, h('table', { class: 'scale-table', id: 'scale-table' },
		h('caption', {}, t('plan.scaleTableCaption')),
		h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('plan.scaleDate')),
			who.map((by, k) => h('th', { scope: 'col' }, h('span', { class: ['swatch', `series-${k % 6}`], 'aria-hidden': 'true' }),
				by ? nameOf(doc, by) : t('plan.scaleNobody'))))),
		h('tbody', {}, dates.map((dt) => h('tr', {}, h('th', { scope: 'row' }, fmtDate(dt)),
			who.map((by) => {
				const p = pts.filter((q) => q.date === dt && (q.by || '') === by).pop();
				return h('td', { class: 'num' }, p ? fmtNum(p.score) : '');
			}))))));
}

/* The dialog to add or change an agreement. */
export function agreementDialog(a = null) {
	const doc = cs.doc;
	const p = doc.plan || {};
	const what = field(t('agr.what'), 'textarea', { value: a ? a.what : '', rows: 2, name: 'what',
		maxlength: textLimit('agreements', 'what') });
	const who = checkGroup(t('agr.who'), doc.persons.map((x) => [x.id, x.name || x.id]), a ? a.who || [] : [],
		{ class: 'cols2' });
	const when = field(t('agr.when'), 'text', { value: a ? a.when : '', placeholder: t('agr.whenHint'),
		maxlength: textLimit('agreements', 'when') });
	const due = field(t('agr.due'), 'date', { value: a ? a.due : '' });
	const ifNot = field(t('agr.ifNot'), 'textarea', { value: a ? a.if_not : '', rows: 2, hint: t('agr.ifNotHint'),
		maxlength: textLimit('agreements', 'if_not') });
	const pros = field(t('vis.professionalsOnly'), 'checkbox', { value: forPros(a), name: 'professionals' });
	const goal = field(t('agr.goal'), 'select', { value: a ? a.goal || '' : '', options: [['', t('common.notSet')],
		...(p.goals || []).map((g) => [g.id, g.text || g.id])] });
	const status = field(t('agr.status'), 'select', { value: a ? a.status || 'open' : 'open',
		options: enumValues('agreement').map((v) => [v, te('agreement', v)]) });
	let dlg = null;
	dlg = openDialog({
		title: a ? t('agr.editTitle') : t('agr.addTitle'), wide: true,
		body: [what.wrap, who.wrap, h('div', { class: 'row' }, when.wrap, due.wrap), ifNot.wrap,
			h('div', { class: 'row' }, goal.wrap, status.wrap), pros.wrap,
			h('p', { class: 'hint' }, t('vis.hint'))],
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			if (!what.input.value.trim()) {
				dlg.error(t('agr.whatMissing'));
				return false;
			}
			const vals = { what: what.input.value.trim(), who: who.values(), when: when.input.value.trim(),
				due: due.input.value, if_not: ifNot.input.value.trim(), goal: goal.input.value,
				status: status.input.value, visibility: pros.input.checked ? 'professionals' : '' };
			const set = (o, k, v) => {
				if (v === '' || (Array.isArray(v) && !v.length))
					delete o[k];
				else
					o[k] = v;
			};
			try {
				return await save(a ? t('agr.changedDesc', { what: vals.what }) : t('agr.addedDesc', { what: vals.what }), (d) => {
					const pl = planOf(d);
					pl.agreements = pl.agreements || [];
					let item;
					if (a) {
						item = pl.agreements.find((x) => x.id === a.id);
						if (!item)
							throw new Error(t('plan.gone'));
						const old = { what: a.what || '', who: a.who || [], when: a.when || '', due: a.due || '',
							if_not: a.if_not || '', goal: a.goal || '', status: a.status || 'open',
							visibility: forPros(a) ? 'professionals' : '' };
						for (const [k, v] of Object.entries(vals))
							if (JSON.stringify(v) !== JSON.stringify(old[k]))
								set(item, k, v);
					} else {
						item = { id: freshId(pl.agreements, 'a') };
						for (const [k, v] of Object.entries(vals))
							set(item, k, v);
						pl.agreements.push(item);
					}
				});
			} catch (e) {
				dlg.error(errs(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), value: false }],
	});
	return dlg;
}

function wishDialog(w = null) {
	const doc = cs.doc;
	const by = personSelect(t('wish.by'), w ? w.by || '' : childId(doc));
	const date = field(t('wish.date'), 'date', { value: w ? w.date : today() });
	const text = field(t('wish.text'), 'textarea', { value: w ? w.text : '', rows: 2, maxlength: textLimit('wishes', 'text') });
	const resp = field(t('wish.response'), 'textarea', { value: w ? w.response : '', rows: 3, hint: t('wish.responseHint'),
		maxlength: textLimit('wishes', 'response') });
	let dlg = null;
	dlg = openDialog({
		title: w ? t('wish.editTitle') : t('wish.addTitle'),
		body: [by.wrap, date.wrap, text.wrap, resp.wrap],
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			const vals = { by: by.input.value, date: date.input.value, text: text.input.value.trim(),
				response: resp.input.value.trim() };
			if (!vals.text) {
				dlg.error(t('wish.textMissing'));
				return false;
			}
			try {
				return await save(w ? t('wish.changedDesc') : t('wish.addedDesc'), (d) => {
					const pl = planOf(d);
					pl.wishes = pl.wishes || [];
					let item = w ? pl.wishes.find((x) => x.id === w.id) : null;
					if (w && !item)
						throw new Error(t('plan.gone'));
					if (!item) {
						item = { id: freshId(pl.wishes, 'w') };
						pl.wishes.push(item);
					}
					const old = w ? { by: w.by || '', date: w.date || '', text: w.text || '', response: w.response || '' } : {};
					for (const [k, v] of Object.entries(vals))
						if (!w || v !== old[k]) {
							if (v === '')
								delete item[k];
							else
								item[k] = v;
						}
				});
			} catch (e) {
				dlg.error(errs(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), value: false }],
	});
	return dlg;
}

function goalDialog(g = null) {
	const text = field(t('goal.text'), 'textarea', { value: g ? g.text : '', rows: 2, maxlength: textLimit('goals', 'text') });
	const ind = field(t('goal.indicator'), 'textarea', { value: g ? g.indicator : '', rows: 2, hint: t('goal.indicatorHint'),
		maxlength: textLimit('goals', 'indicator') });
	let dlg = null;
	dlg = openDialog({
		title: g ? t('goal.editTitle') : t('goal.addTitle'),
		body: [text.wrap, ind.wrap],
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			const tv = text.input.value.trim();
			const iv = ind.input.value.trim();
			if (!tv) {
				dlg.error(t('goal.textMissing'));
				return false;
			}
			try {
				return await save(g ? t('goal.changedDesc') : t('goal.addedDesc'), (d) => {
					const pl = planOf(d);
					pl.goals = pl.goals || [];
					let item = g ? pl.goals.find((x) => x.id === g.id) : null;
					if (g && !item)
						throw new Error(t('plan.gone'));
					if (!item) {
						item = { id: freshId(pl.goals, 'g') };
						pl.goals.push(item);
					}
					item.text = tv;
					if (iv)
						item.indicator = iv;
					else
						delete item.indicator;
				});
			} catch (e) {
				dlg.error(errs(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), value: false }],
	});
	return dlg;
}

function agreementsTable(doc, sum) {
	const p = doc.plan || {};
	const list = p.agreements || [];
	/* overdue and without owner as the library judges them */
	const overdue = new Set((sum && sum.agreements && sum.agreements.overdue_ids) || []);
	const unownedIds = new Set((sum && sum.agreements && sum.agreements.unowned_ids) || []);
	const isOverdue = (a) => overdue.has(a.id);
	const isUnowned = (a) => unownedIds.has(a.id);
	if (!list.length)
		return h('p', { class: 'muted' }, t('agr.none'));
	const order = [...list].sort((x, y) => {
		const r = (a) => (isOverdue(a) ? 0 : isUnowned(a) ? 1 : isOpen(a) ? 2 : 3);
		return r(x) - r(y) || (x.due || '9999').localeCompare(y.due || '9999');
	});
	return h('div', { class: 'table-wrap' }, h('table', { class: 'agreements', id: 'agreements' },
		h('caption', { class: 'sr-only' }, t('agr.caption')),
		h('thead', {}, h('tr', {}, ['agr.what', 'agr.who', 'agr.when', 'agr.due', 'agr.ifNot', 'agr.status', 'common.actions']
			.map((k) => h('th', { scope: 'col', class: k === 'common.actions' ? 'no-print' : null }, t(k))))),
		h('tbody', {}, order.map((a) => {
			const over = isOverdue(a);
			const unowned = isUnowned(a);
			const statusSel = h('select', { 'aria-label': t('agr.statusOf', { what: a.what || a.id }), class: 'status-select no-print',
				onchange: async (ev) => {
					const v = ev.target.value;
					await quick(t('agr.statusDesc', { what: a.what || a.id, status: te('agreement', v) }), (d) => {
						const item = ((d.plan || {}).agreements || []).find((x) => x.id === a.id);
						if (!item)
							throw new Error(t('plan.gone'));
						item.status = v;
					});
				} }, enumValues('agreement').map((v) => h('option', { value: v, selected: (a.status || 'open') === v }, te('agreement', v))));
			return h('tr', { class: [over ? 'is-overdue' : null, unowned ? 'is-unowned' : null,
				!isOpen(a) ? 'is-done' : null], dataset: { agreement: a.id, overdue: over ? '1' : '0', unowned: unowned ? '1' : '0' } },
			h('td', {}, over ? h('span', { class: 'flag overdue' }, t('agr.overdue')) : null,
				unowned ? h('span', { class: 'flag unowned' }, t('agr.unowned')) : null,
				isOpen(a) && !a.if_not ? h('span', { class: 'flag nofallback' }, t('agr.noFallback')) : null,
				prosFlag(a),
				h('span', { class: 'block' }, a.what || '')),
			h('td', {}, (a.who || []).map((id) => nameOf(doc, id)).join(', ') || '—'),
			h('td', {}, a.when || ''),
			h('td', { class: over ? 'overdue' : null }, a.due ? fmtDate(a.due) : ''),
			h('td', {}, a.if_not || ''),
			h('td', {}, statusSel, h('span', { class: 'print-only' }, te('agreement', a.status || 'open'))),
			h('td', { class: 'no-print' }, h('span', { class: 'item-actions' },
				h('button', { type: 'button', class: 'btn secondary small', onclick: () => agreementDialog(a),
					'aria-label': t('common.editWhat', { what: a.what || a.id }) }, t('common.edit')),
				h('button', { type: 'button', class: 'btn danger small', 'aria-label': t('common.removeWhat', { what: a.what || a.id }),
					onclick: () => removeAsked(t('agr.what1', { what: a.what || a.id }), (d) => {
						d.plan.agreements = d.plan.agreements.filter((x) => x.id !== a.id);
					}).catch((e) => toast(errs(e).join(' — '), 'error')) }, t('common.remove')))));
		}))));
}

/* The dialog to record or change the parents' permission (plan.blessing). */
function blessingDialog(doc) {
	const b = (doc.plan && doc.plan.blessing) || {};
	const kids = new Set([childId(doc)]);
	const parents = (doc.persons || []).filter((x) => (x.roles || []).includes('parent') || (b.by || []).includes(x.id));
	const who = (parents.length ? parents : (doc.persons || []).filter((x) => !kids.has(x.id)))
		.map((x) => [x.id, x.name || x.id]);
	const date = field(t('plan.blessingDate'), 'date', { value: b.date || '', name: 'blessing_date', required: true,
		max: today() });
	const by = checkGroup(t('plan.blessingBy'), who, b.by || []);
	by.wrap.id = 'blessing-by';
	const text = field(t('plan.blessingText'), 'textarea', { value: b.text || '', rows: 3, name: 'blessing_text',
		maxlength: textLimit('plan', 'blessing.text') });
	let dlg = null;
	dlg = openDialog({
		title: doc.plan && doc.plan.blessing ? t('plan.blessingEdit') : t('plan.blessingAdd'),
		body: [h('p', { class: 'hint' }, t('plan.blessingIntro')), date.wrap, by.wrap, text.wrap],
		actions: [{ id: 'save', label: t('common.save'), kind: 'primary', submit: true, onClick: async () => {
			const dv = date.input.value;
			if (!DATE_RE.test(dv)) {
				dlg.error(t('plan.blessingDateMissing'));
				return false;
			}
			const tv = text.input.value.trim();
			const bv = by.values();
			try {
				return await save(t('plan.blessingDesc'), (d) => {
					const nb = { ...((d.plan && d.plan.blessing) || {}), date: dv };
					if (bv.length)
						nb.by = bv;
					else
						delete nb.by;
					if (tv)
						nb.text = tv;
					else
						delete nb.text;
					planOf(d).blessing = nb;
				});
			} catch (e) {
				dlg.error(errs(e));
				return false;
			}
		} }, { id: 'cancel', label: t('common.cancel'), value: false }],
	});
	dlg.dialog.id = 'blessing-dialog';
	return dlg;
}

/* The card with the parents' permission: when, who, their words. */
function blessingCard(doc) {
	const b = doc.plan && doc.plan.blessing;
	const names = b ? (b.by || []).map((id) => nameOf(doc, id)).join(', ') : '';
	return h('section', { class: 'card', id: 'blessing', 'aria-labelledby': 'blessing-title' },
		h('div', { class: 'page-head' }, h('h3', { id: 'blessing-title' }, t('plan.blessingTitle')),
			h('span', { class: 'item-actions no-print' },
				h('button', { type: 'button', class: 'btn secondary small', id: 'edit-blessing',
					onclick: () => blessingDialog(cs.doc) }, b ? t('plan.blessingEdit') : t('plan.blessingAdd')),
				b ? h('button', { type: 'button', class: 'btn danger small', id: 'remove-blessing',
					onclick: () => removeAsked(t('plan.blessingWhat'), (d) => {
						if (d.plan)
							delete d.plan.blessing;
					}).catch((e) => toast(errs(e).join(' — '), 'error')) }, t('common.remove')) : null)),
		h('p', { class: 'muted small' }, t('plan.blessingIntro')),
		b ? [h('p', { id: 'blessing-given' }, names ? t('plan.blessingGivenBy', { date: fmtDate(b.date), names })
			: t('plan.blessingGiven', { date: fmtDate(b.date) })),
		b.text ? h('blockquote', { class: 'blessing-text', id: 'blessing-text' }, b.text) : null]
			: h('p', { class: 'muted', id: 'blessing-none' }, t('plan.blessingNone')));
}

export async function render(body, { ref }) {
	const doc = cs.doc;
	const sum = await loadSummary();
	if (cs.doc !== doc)
		return;
	const p = doc.plan || {};
	const sm = p.safety_map || {};
	const hasPlan = Object.keys(p).length > 0;
	const load = (sum && sum.agreements && sum.agreements.per_person) || [];
	const max = Math.max(1, ...load.map((x) => x.open));
	const overloadIds = new Set(cs.signals.filter((sg) => sg.id === 'network-overload').flatMap((sg) => sg.subjects || []));
	const safety = field(t('plan.safety'), 'textarea', { value: p.safety || '', rows: 3, hint: t('plan.safetyHint'),
		maxlength: textLimit('plan', 'safety') });
	safety.input.id = 'plan-safety';
	const safetyForm = h('form', { novalidate: true, class: 'no-print' }, safety.wrap,
		h('button', { type: 'submit', class: 'btn secondary' }, t('common.save')));
	safetyForm.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const v = safety.input.value.trim();
		await quick(t('plan.safetyDesc'), (d) => {
			if (v)
				planOf(d).safety = v;
			else if (d.plan)
				delete d.plan.safety;
		});
	});
	const scDate = field(t('plan.scaleDate'), 'date', { value: today(), max: today() });
	const scScore = field(t('plan.scaleScore'), 'number', { min: 0, max: 10, inputmode: 'numeric' });
	const scBy = personSelect(t('plan.scaleBy'), '', { name: 'by' });
	const scForm = h('form', { class: 'row no-print', id: 'scale-form', novalidate: true }, scDate.wrap, scScore.wrap, scBy.wrap,
		h('div', { class: 'field' }, h('span', { 'aria-hidden': 'true' }, ' '),
			h('button', { type: 'submit', class: 'btn secondary' }, t('plan.scaleAdd'))));
	scForm.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const n = Number(scScore.input.value);
		if (scScore.input.value === '' || !Number.isInteger(n) || n < 0 || n > 10 || !DATE_RE.test(scDate.input.value)) {
			toast(t('plan.scaleBad'), 'error');
			return;
		}
		const by = scBy.input.value;
		await quick(t('plan.scaleDesc', { score: n }), (d) => {
			const pl = planOf(d);
			pl.safety_map = pl.safety_map || {};
			pl.safety_map.scale = pl.safety_map.scale || [];
			const pt = { date: scDate.input.value, score: n };
			if (by)
				pt.by = by;
			pl.safety_map.scale.push(pt);
		});
	});
	const somCol = (key) => h('div', { class: ['som-col', key] }, h('h4', {}, t(`som.${key}`)),
		h('p', { class: 'muted small' }, t(`som.${key}Hint`)),
		textList(`som-${key}`, t(`som.${key}Add`), sm[key] || [],
			(v) => quick(t('som.addedDesc', { what: t(`som.${key}`) }), (d) => {
				const pl = planOf(d);
				pl.safety_map = pl.safety_map || {};
				pl.safety_map[key] = [...(pl.safety_map[key] || []), v];
			}),
			(i, x) => removeAsked(t('som.what', { what: x }), (d) => removeText(d.plan.safety_map[key], i, x))
				.catch((e) => toast(errs(e).join(' — '), 'error')),
			{ max: textLimit('safety_map', key) }));
	const wishes = p.wishes || [];
	const goals = p.goals || [];
	const meta = [
		t('plan.version', { n: p.version !== undefined ? fmtNum(p.version) : '—' }),
		t('plan.adopted', { date: p.adopted ? fmtDate(p.adopted) : '—' }),
		t('plan.reviewed', { date: p.reviewed ? fmtDate(p.reviewed) : '—' }),
	].join(' · ');
	const planSignals = cs.signals.filter((sg) => ['plan-missing', 'plan-review-overdue', 'agreement-overdue',
		'agreement-without-owner', 'network-overload', 'wish-unanswered', 'safety-unassessed', 'safety-scale-drop'].includes(sg.id));
	mount(body,
		h('div', { class: 'page-head' },
			h('h2', { id: 'tab-title' }, t('plan.title')),
			h('div', { class: 'actions no-print' },
				h('a', { class: 'btn primary', id: 'plan-pdf', target: '_blank', rel: 'noopener',
					href: `/api/cases/${encodeURIComponent(ref)}/plan.pdf?${new URLSearchParams({ lang: getLang(), ...asOfQuery() })}` },
				t('plan.pdf')),
				h('a', { class: 'btn secondary', id: 'kompas-pdf', target: '_blank', rel: 'noopener',
					href: renderUrl(ref, 'kompas', 'pdf', asOfQuery()) }, t('plan.kompas')),
				h('button', { type: 'button', class: 'btn secondary', id: 'plan-print', onclick: () => window.print() },
					t('plan.print')))),
		h('p', { class: 'muted' }, hasPlan ? meta : t('plan.none')),
		planSignals.length ? h('p', { class: 'warn', id: 'plan-signals' }, t('plan.signals', {
			list: [...new Set(planSignals.map((sg) => signalTitle(sg)))].join(', ') })) : null,
		h('section', { class: 'card', 'aria-labelledby': 'agr-title' },
			h('div', { class: 'page-head' }, h('h3', { id: 'agr-title' }, t('agr.title')),
				h('button', { type: 'button', class: 'btn primary no-print', id: 'add-agreement', onclick: () => agreementDialog() },
					t('agr.add'))),
			agreementsTable(doc, sum)),
		h('section', { class: 'card', 'aria-labelledby': 'load-title' },
			h('h3', { id: 'load-title' }, t('load.title')),
			h('p', { class: 'muted small' }, t('load.intro')),
			load.length ? h('ul', { class: 'load', id: 'load' }, load.map((x) => h('li', {
				class: overloadIds.has(x.person) ? 'heavy' : null, dataset: { person: x.person } },
			h('span', {}, x.name), h('span', { class: 'bar', 'aria-hidden': 'true', dataset: { w: x.open } }),
			h('span', { class: 'num' }, fmtNum(x.open))))) : h('p', { class: 'muted' }, t('load.none'))),
		h('section', { class: 'card', 'aria-labelledby': 'safety-title' },
			h('h3', { id: 'safety-title' }, t('plan.safetyTitle')),
			h('p', { class: 'print-only', id: 'safety-print' }, p.safety || t('common.empty')),
			safetyForm,
			h('h4', {}, t('som.title')),
			h('div', { class: 'som' }, somCol('worries'), somCol('working_well'), somCol('needs_to_happen')),
			h('div', { class: 'som som2' }, somCol('danger_statements'), somCol('safety_goals')),
			h('h4', {}, t('plan.scaleTitle')),
			h('p', { class: 'muted small' }, t('plan.scaleIntro')),
			scaleChart(sm.scale, doc),
			scaleTable(sm.scale, doc),
			scForm),
		h('section', { class: 'card', 'aria-labelledby': 'wish-title' },
			h('div', { class: 'page-head' }, h('h3', { id: 'wish-title' }, t('wish.title'),
				h('span', { class: 'muted small', id: 'wish-count' }, ` (${tp('count.wish', wishes.length)})`)),
				h('button', { type: 'button', class: 'btn secondary no-print', id: 'add-wish', onclick: () => wishDialog() }, t('wish.add'))),
			wishes.length ? h('ul', { class: 'plain', id: 'wishes' }, wishes.map((w) => h('li', { dataset: { wish: w.id } },
				h('div', {}, h('strong', {}, w.text || ''),
					h('span', { class: 'block small muted' }, [w.by ? nameOf(doc, w.by) : null, w.date ? fmtDate(w.date) : null].filter(Boolean).join(' · ')),
					w.response ? h('span', { class: 'block' }, t('wish.done', { response: w.response }))
						: h('span', { class: 'block overdue' }, t('wish.unanswered'))),
				h('span', { class: 'item-actions no-print' },
					h('button', { type: 'button', class: 'btn secondary small', onclick: () => wishDialog(w),
						'aria-label': w.response ? t('common.editWhat', { what: w.text || w.id })
							: `${t('wish.answer')}: ${w.text || w.id}` }, w.response ? t('common.edit') : t('wish.answer')),
					h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'remove' },
						'aria-label': t('common.removeWhat', { what: w.text || w.id }),
						onclick: () => removeAsked(t('wish.what', { what: w.text || w.id }), (d) => {
							d.plan.wishes = d.plan.wishes.filter((x) => x.id !== w.id);
						}).catch((e) => toast(errs(e).join(' — '), 'error')) }, t('common.remove'))))))
				: h('p', { class: 'muted' }, t('wish.none'))),
		h('section', { class: 'card', 'aria-labelledby': 'goal-title' },
			h('div', { class: 'page-head' }, h('h3', { id: 'goal-title' }, t('goal.title')),
				h('button', { type: 'button', class: 'btn secondary no-print', id: 'add-goal', onclick: () => goalDialog() }, t('goal.add'))),
			goals.length ? h('ul', { class: 'plain', id: 'goals' }, goals.map((g) => h('li', {},
				h('div', {}, h('strong', {}, g.text || g.id),
					h('span', { class: 'block small' }, g.indicator ? t('goal.indicatorIs', { text: g.indicator }) : t('goal.noIndicator'))),
				h('span', { class: 'item-actions no-print' },
					h('button', { type: 'button', class: 'btn secondary small', onclick: () => goalDialog(g),
						'aria-label': t('common.editWhat', { what: g.text || g.id }) }, t('common.edit')),
					h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'remove' },
						'aria-label': t('common.removeWhat', { what: g.text || g.id }),
						onclick: () => removeAsked(t('goal.what', { what: g.text || g.id }), (d) => {
							d.plan.goals = d.plan.goals.filter((x) => x.id !== g.id);
						}).catch((e) => toast(errs(e).join(' — '), 'error')) }, t('common.remove'))))))
				: h('p', { class: 'muted' }, t('goal.none'))),
		h('section', { class: 'card', 'aria-labelledby': 'concern-title' },
			h('h3', { id: 'concern-title' }, t('plan.concerns')),
			textList('concerns', t('plan.concernAdd'), p.concerns || [],
				(v, pros) => quick(t('plan.concernAddedDesc'), (d) => {
					const pl = planOf(d);
					pl.concerns = [...(pl.concerns || []), pros ? { text: v, visibility: 'professionals' } : v];
				}),
				(i, x) => removeAsked(t('plan.concernWhat', { what: textOf(x) }), (d) => removeText(d.plan.concerns, i, x))
					.catch((e) => toast(errs(e).join(' — '), 'error')),
				{ visibility: true, max: textLimit('plan', 'concerns') })),
		blessingCard(doc));
	/* bar widths are set from JS (allowed by the CSP, unlike style attributes) */
	for (const bar of body.querySelectorAll('.bar'))
		bar.style.width = `${(Number(bar.dataset.w) / max) * 100}%`;
}
