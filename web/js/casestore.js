// casestore.js - the case that is open in the browser and every change to
// it.  A change is a function that edits a copy of the document; what it
// changed is sent item by item through the item edit API (docs/case-edit.md,
// docs/api.md "Items of a case"): POST for a new item, PUT for a changed one,
// DELETE for a removed one, PUT of the case header, the plan or the safety
// map for their own fields, each with If-Match of the revision it builds on
// and the session's CSRF token.  So two colleagues who change different
// items of one case never undo each other's work.
// When a colleague saved first (409), the conflict dialog says what they
// changed in the server's words (GET .../history?after=N) and lets the user
// apply their own change again on the new revision (when it still applies),
// or take the new revision; it never overwrites silently and never throws the
// user's input away without asking.  Undo takes the user's last change back
// with the inverse item edits (a removed item comes back through the restore
// endpoint, as it was), as a new revision, so history keeps every step.
// The "as of" day (cs.asOf, set with setAsOf; null: today) is the day on
// which the signals, the summary and the pictures judge the latest
// revision (the API's ?as_of=, docs/api.md); it never picks a revision, so
// edits still go to the latest one.  It stays while the same case is open.

import { api, ApiError } from './api.js';
import { h, openDialog, toast } from './dom.js';
import { fmtDateTime, getLang, t } from './i18n.js';
import { applyChanges, clone, diffDocs } from './model.js';

const listeners = new Set();

export const cs = {
	ref: null,
	doc: null,
	revision: null,
	signals: [],
	undo: [],       /* [{before: revision, after: revision, desc}] */
	asOf: null,     /* the day facts are judged on (YYYY-MM-DD); null: today */
};

/* Calls fn() after every change of the open case (save, undo, reload). */
export function onCaseChange(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

function emit() {
	for (const fn of [...listeners])
		fn(cs);
}

function enc(ref) {
	return encodeURIComponent(ref);
}

/* Loads case ref (when not already open, or when force) and its signals. */
export async function openCase(ref, force = false) {
	if (cs.ref === ref && cs.doc && !force)
		return cs;
	const asOf = cs.ref === ref ? cs.asOf : null;
	const [r, sg] = await Promise.all([api('GET', `/api/cases/${enc(ref)}`), fetchSignals(ref, asOf)]);
	if (cs.ref !== ref) {
		cs.undo = [];
		cs.asOf = null;   /* another case opens on today */
	}
	cs.ref = ref;
	cs.doc = r.data;
	cs.revision = r.revision;
	cs.signals = sg;
	return cs;
}

async function fetchSignals(ref, asOf) {
	try {
		const r = await api('GET', `/api/cases/${enc(ref)}/signals`, { query: { lang: getLang(), as_of: asOf } });
		return Array.isArray(r.data) ? r.data : (r.data && r.data.signals) || [];
	} catch (e) {
		if (e.status === 401)
			throw e;
		return [];
	}
}

/* Fetches the signals of the open case in the current language. */
export async function loadSignals() {
	cs.signals = await fetchSignals(cs.ref, cs.asOf);
}

/* The query that asks the server for the open case judged on the as-of
 * day: {as_of: day}, or {} on today. */
export function asOfQuery() {
	return cs.asOf ? { as_of: cs.asOf } : {};
}

/* Judges the open case on day (YYYY-MM-DD; '' or null: today): fetches
 * the signals for that day and redraws the case (the summary follows on
 * its next load).  Rejects only when the session has ended (401). */
export async function setAsOf(day) {
	const d = day || null;
	if (d === cs.asOf)
		return;
	cs.asOf = d;
	summaryOf = { key: null, promise: null };
	cs.signals = await fetchSignals(cs.ref, d);
	emit();
}

/* The library's summary of the open case (GET .../summary): the five
 * factors, the current placement, counts, the child's age, the open
 * agreements per person; null when it cannot be had.  Asked once per
 * revision: the case head and the open tab share the answer. */
let summaryOf = { key: null, promise: null };

export function loadSummary() {
	const key = `${cs.ref}@${cs.revision}@${cs.asOf || ''}`;
	if (summaryOf.key === key)
		return summaryOf.promise;
	const promise = api('GET', `/api/cases/${enc(cs.ref)}/summary`, { query: asOfQuery() }).then((r) => r.data, (e) => {
		if (summaryOf.promise === promise)
			summaryOf = { key: null, promise: null };   /* ask again next time */
		if (e.status === 401)
			throw e;
		return null;
	});
	summaryOf = { key, promise };
	return promise;
}

/* Forgets the open case (logout). */
export function closeCase() {
	cs.ref = null;
	cs.doc = null;
	cs.revision = null;
	cs.signals = [];
	cs.undo = [];
	cs.asOf = null;
	summaryOf = { key: null, promise: null };
}

/* ---- from a changed copy to item edits ---- */

const ID_COLLS = ['persons', 'placements', 'meetings'];
const PLAN_COLLS = ['wishes', 'goals', 'agreements'];
const INDEX_COLLS = ['kinship', 'ties', 'events'];
const SAME = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function planList(doc, coll) {
	return (doc.plan && doc.plan[coll]) || [];
}

function listOf(doc, coll) {
	return PLAN_COLLS.includes(coll) ? planList(doc, coll) : doc[coll] || [];
}

/* The key that pairs an old and a new version of an item of an index
 * collection that is not the same any more (a tie by its two persons,
 * kinship by its persons); null: pair by position. */
function pairKey(coll, x) {
	if (coll === 'ties')
		return [x.a, x.b].sort().join('~');
	if (coll === 'kinship')
		return x.type === 'parent' ? `p:${x.parent}>${x.child}` : `r:${[x.a, x.b].sort().join('~')}`;
	return null;
}

function idOps(coll, a, b, out) {
	const am = new Map(a.map((x) => [x.id, x]));
	const bm = new Map(b.map((x) => [x.id, x]));
	for (const x of a)
		if (!bm.has(x.id))
			out.push({ op: 'remove', coll, id: x.id, old: x });
	for (const x of b) {
		if (!am.has(x.id))
			out.push({ op: 'add', coll, id: x.id, body: x });
		else if (!SAME(am.get(x.id), x))
			out.push({ op: 'put', coll, id: x.id, body: x, old: am.get(x.id) });
	}
}

function indexOps(coll, a, b, out) {
	const usedA = new Array(a.length).fill(false);
	const usedB = new Array(b.length).fill(false);
	/* unchanged items, matched by their whole text */
	for (let j = 0; j < b.length; j++) {
		const want = JSON.stringify(b[j]);
		const i = a.findIndex((x, k) => !usedA[k] && JSON.stringify(x) === want);
		if (i >= 0) {
			usedA[i] = true;
			usedB[j] = true;
		}
	}
	const changed = [];
	for (let j = 0; j < b.length; j++) {
		if (usedB[j])
			continue;
		const key = pairKey(coll, b[j]);
		let i = -1;
		if (key !== null)
			i = a.findIndex((x, k) => !usedA[k] && pairKey(coll, x) === key);
		else if (j < a.length && !usedA[j])
			i = j;
		if (i >= 0) {
			usedA[i] = true;
			usedB[j] = true;
			changed.push({ op: 'put', coll, id: String(i), body: b[j], old: a[i] });
		}
	}
	out.push(...changed);
	/* removals by index, highest first, so the lower ones keep theirs */
	for (let i = a.length - 1; i >= 0; i--)
		if (!usedA[i])
			out.push({ op: 'remove', coll, id: String(i), old: a[i] });
	for (let j = 0; j < b.length; j++)
		if (!usedB[j])
			out.push({ op: 'add', coll, body: b[j] });
}

function strip(o, keys) {
	const r = { ...(o || {}) };
	for (const k of keys)
		delete r[k];
	return r;
}

/* The item edits that turn document a into document b, in an order the
 * server takes: persons first (others refer to them), removals of
 * referring items before the persons they name. */
export function opsFor(a, b) {
	const out = [];
	const adds = [];
	const removes = [];
	if (!SAME(a.case, b.case))
		out.push({ op: 'single', coll: 'case', body: b.case, old: a.case });
	const pa = a.plan || {};
	const pb = b.plan || {};
	const sub = ['wishes', 'goals', 'agreements', 'safety_map'];
	if (b.plan && !SAME(strip(pa, sub), strip(pb, sub)))
		out.push({ op: 'single', coll: 'plan', body: strip(pb, sub), old: strip(pa, sub) });
	if (pb.safety_map && !SAME(pa.safety_map, pb.safety_map))
		out.push({ op: 'single', coll: 'safety_map', body: pb.safety_map, old: pa.safety_map || null });
	if (!SAME(a.support || {}, b.support || {}))
		out.push({ op: 'single', coll: 'support', body: b.support || {}, old: a.support || {} });
	const order = ['persons', 'placements', 'kinship', 'ties', 'events', 'meetings', 'goals', 'wishes',
		'agreements'];
	for (const coll of order) {
		const ops = [];
		if (INDEX_COLLS.includes(coll))
			indexOps(coll, listOf(a, coll), listOf(b, coll), ops);
		else
			idOps(coll, listOf(a, coll), listOf(b, coll), ops);
		for (const o of ops)
			(o.op === 'add' ? adds : o.op === 'remove' ? removes : out).push(o);
	}
	/* removals: referring items first, persons and goals last */
	const rank = (o) => (o.coll === 'persons' ? 3 : o.coll === 'goals' || o.coll === 'placements' ? 2 : 1);
	removes.sort((x, y) => rank(x) - rank(y));
	/* additions: persons and goals first (others refer to them) */
	adds.sort((x, y) => (3 - rank(x)) - (3 - rank(y)));
	/* a changed item of an index collection is named by its index before
	 * any removal in that collection moves it */
	const early = out.filter((o) => INDEX_COLLS.includes(o.coll));
	const later = out.filter((o) => !INDEX_COLLS.includes(o.coll));
	return [...early, ...removes.filter((o) => rank(o) === 1), ...adds, ...later,
		...removes.filter((o) => rank(o) > 1)];
}

function itemPath(o) {
	const base = `/api/cases/${enc(cs.ref)}/${o.coll}`;
	if (o.op === 'single' || o.op === 'add')
		return base;
	return `${base}/${encodeURIComponent(o.id)}`;
}

/* Sends one item edit on revision rev; resolves with the new revision. */
async function send(o, rev) {
	let r;
	if (o.op === 'restore') {
		r = await api('POST', `/api/cases/${enc(cs.ref)}/restore`, { ifMatch: rev,
			query: { revision: o.revision, collection: o.coll, id: o.id } });
		o.item = r.data && r.data.item;
	} else {
		const method = { add: 'POST', put: 'PUT', single: 'PUT', remove: 'DELETE' }[o.op];
		r = await api(method, itemPath(o), { body: o.op === 'remove' ? undefined : o.body, ifMatch: rev });
	}
	if (r.data && typeof r.data.revision === 'number')
		return r.data.revision;
	return r.revision !== null ? r.revision : rev + 1;
}

/* True when a 409 says the case moved on (and not "that item is there
 * already", which restore answers). */
function stale(e) {
	return e instanceof ApiError && e.status === 409 && e.body && e.body.current_revision !== undefined;
}

/* Sends ops one after the other from revision rev; resolves with the last
 * revision.  Rejects with the ApiError of the first edit refused, carrying
 * .done (how many went through) and .revision (the last stored). */
async function sendAll(ops, rev) {
	let cur = rev;
	for (let i = 0; i < ops.length; i++) {
		try {
			cur = await send(ops[i], cur);
		} catch (e) {
			e.done = i;
			e.revision = cur;
			throw e;
		}
	}
	return cur;
}

async function reload() {
	const r = await api('GET', `/api/cases/${enc(cs.ref)}`);
	cs.doc = r.data;
	cs.revision = r.revision;
	await loadSignals();
}

/* Applies change(doc) to a copy of the open document and saves what it
 * changed, item by item.  desc names the change for people (undo,
 * conflicts).  Resolves true when saved, false when the user chose not to
 * save after a conflict; rejects with ApiError (422 holds the problems as
 * messages) so a form can show it and keep the user's input. */
export async function save(desc, change, opts = {}) {
	const base = cs.doc;
	const draft = clone(base);
	change(draft);
	return store(desc, change, base, cs.revision, draft, opts.undo !== false, opts.ops);
}

async function store(desc, change, base, baseRev, draft, recordUndo, given) {
	const ops = given || opsFor(base, draft);
	if (!ops.length) {
		toast(t('save.nothing'), 'info');
		return true;
	}
	let last;
	try {
		last = await sendAll(ops, baseRev);
	} catch (e) {
		if (e.done > 0)
			await reload();
		if (stale(e))
			return conflict(desc, change, ops, baseRev, recordUndo);
		if (e.done > 0)
			emit();
		throw e;
	}
	await reload();
	if (recordUndo)
		cs.undo.push({ before: baseRev, after: last, desc, ops });
	toast(t('save.saved', { what: desc }), 'ok');
	emit();
	return true;
}

/* The words of one change of the server's history, in the user's language. */
export function changeText(c) {
	return (c.text && (c.text[getLang()] || c.text.nl)) || '';
}

/* The revisions after rev with who made them and what they changed, in the
 * server's words (GET .../history?after=rev). */
async function historyAfter(rev) {
	try {
		const r = await api('GET', `/api/cases/${enc(cs.ref)}/history`, { query: { after: rev } });
		return (r.data && r.data.revisions) || [];
	} catch (e) {
		if (e.status === 401)
			throw e;
		return [];
	}
}

function opKey(o) {
	return `${o.coll}/${o.op === 'single' ? '' : o.id || ''}`;
}

/* The conflict dialog.  Resolves like save(). */
async function conflict(desc, change, ops, baseRev, recordUndo) {
	const cur = await api('GET', `/api/cases/${enc(cs.ref)}`);
	const newer = await historyAfter(baseRev);
	const theirs = newer.flatMap((rv) => (rv.changes || []).map((c) => ({ rv, c })));
	const mineKeys = new Set(ops.map(opKey));
	const both = theirs.filter(({ c }) => mineKeys.has(`${c.collection}/${c.item === null ? '' : c.item}`));
	let redo = null;
	let redoErr = null;
	try {
		redo = clone(cur.data);
		change(redo);
		if (!opsFor(cur.data, redo).length)
			redoErr = t('conflict.already');
	} catch (e) {
		redo = null;
		redoErr = t('conflict.noLongerApplies', { reason: e.message || String(e) });
	}
	const body = [
		h('p', {}, t('conflict.intro', { rev: cur.revision })),
		h('h3', {}, t('conflict.theirs')),
		theirs.length ? h('ul', { class: 'changes', id: 'conflict-theirs' }, theirs.map(({ rv, c }) => h('li', {},
			changeText(c), h('span', { class: 'muted small' }, ` — ${t('conflict.by', { rev: rv.revision,
				author: rv.who || rv.author, at: fmtDateTime(rv.at) })}`))))
			: h('p', {}, t('conflict.nothingVisible')),
		h('h3', {}, t('conflict.mine', { what: desc })),
		h('ul', { class: 'changes' }, diffDocs(cs.doc, applyPreview(change)).map((d) =>
			h('li', {}, t(`conflict.${d.op}`, { what: t(`coll.${d.coll}`), label: d.label })))),
		both.length ? h('p', { class: 'warn' }, t('conflict.overlap', {
			items: both.map(({ c }) => changeText(c)).join('; ') })) : null,
		redoErr ? h('p', { class: 'warn' }, redoErr) : null,
	];
	const actions = [];
	if (redo && !redoErr)
		actions.push({ id: 'reapply', label: both.length ? t('conflict.reapplyAnyway') : t('conflict.reapply'),
			kind: 'primary', value: 'reapply' });
	actions.push({ id: 'theirs', label: t('conflict.takeTheirs'), kind: 'secondary', value: 'theirs' });
	actions.push({ id: 'back', label: t('conflict.back'), kind: 'secondary', value: 'back' });
	const choice = await openDialog({ title: t('conflict.title'), body, actions, wide: true });
	if (choice === 'reapply') {
		cs.doc = cur.data;
		cs.revision = cur.revision;
		return store(desc, change, cur.data, cur.revision, redo, recordUndo);
	}
	if (choice === 'theirs') {
		cs.doc = cur.data;
		cs.revision = cur.revision;
		await loadSignals();
		emit();
		toast(t('conflict.notSaved', { what: desc }), 'warn');
		return false;
	}
	/* back: nothing saved, the form stays open with the user's input */
	return false;
}

function applyPreview(change) {
	const d = clone(cs.doc);
	try {
		change(d);
	} catch (e) {
		/* shown as "no longer applies" */
	}
	return d;
}

/* True when there is a change of this user to undo. */
export function canUndo() {
	return cs.undo.length > 0;
}

/* The description of the change undo() would take back. */
export function undoLabel() {
	return cs.undo.length ? cs.undo[cs.undo.length - 1].desc : '';
}

/* The inverse of the item edits of a change made from revision `before`:
 * an added item is removed, a changed one put back as it was, a removed
 * one restored from revision `before` (where it still was).  An index
 * collection's items are found again in the current document by their
 * text, since indexes move. */
function inverseOps(last, doc) {
	const inv = [];
	for (const o of [...last.ops].reverse()) {
		if (o.op === 'single') {
			if (o.old)
				inv.push({ op: 'single', coll: o.coll, body: o.old });
			continue;
		}
		const list = listOf(doc, o.coll);
		const find = (item) => (INDEX_COLLS.includes(o.coll)
			? list.findIndex((x) => SAME(x, item)) : list.findIndex((x) => x.id === item.id));
		if (o.op === 'add') {
			const i = find(o.body);
			if (i >= 0)
				inv.push({ op: 'remove', coll: o.coll, id: INDEX_COLLS.includes(o.coll) ? String(i) : o.body.id });
		} else if (o.op === 'put') {
			const i = find(o.body);
			if (i >= 0)
				inv.push({ op: 'put', coll: o.coll, id: INDEX_COLLS.includes(o.coll) ? String(i) : o.id,
					body: o.old });
		} else if (o.op === 'remove') {
			inv.push({ op: 'restore', coll: o.coll, id: o.id, revision: last.before });
		} else if (o.op === 'restore') {
			const i = find(o.item || {});
			if (i >= 0)
				inv.push({ op: 'remove', coll: o.coll, id: INDEX_COLLS.includes(o.coll) ? String(i) : o.id });
		}
	}
	/* index removals highest first */
	const idx = inv.filter((o) => o.op === 'remove' && INDEX_COLLS.includes(o.coll))
		.sort((x, y) => Number(y.id) - Number(x.id));
	return [...inv.filter((o) => !(o.op === 'remove' && INDEX_COLLS.includes(o.coll))), ...idx];
}

/* Takes back the user's last change with the inverse item edits, as a new
 * revision on the current one.  A colleague's later work on other items
 * stays; a 409 shows the conflict dialog. */
export async function undo() {
	const last = cs.undo[cs.undo.length - 1];
	if (!last)
		return false;
	const desc = t('undo.desc', { what: last.desc });
	cs.undo.pop();
	let ok = false;
	try {
		/* the same result as a change on any later revision, for the
		 * conflict dialog: the items it touched as they were before it */
		const q = (rev) => api('GET', `/api/cases/${enc(cs.ref)}`, { query: { revision: rev } });
		const [old, after] = await Promise.all([q(last.before), q(last.after)]);
		const change = (doc) => applyChanges(doc, after.data, old.data);
		const ops = inverseOps(last, cs.doc);
		ok = ops.length ? await store(desc, change, cs.doc, cs.revision, null, false, ops)
			: await save(desc, change, { undo: false });
	} finally {
		if (!ok)
			cs.undo.push(last);
	}
	return ok;
}

/* Removes an item after asking; the toast offers to take it back (undo).
 * what names it for people.  Resolves true when removed. */
export async function removeAsked(what, change) {
	const choice = await openDialog({ title: t('remove.title'), body: [h('p', {}, t('remove.ask', { what }))],
		actions: [{ id: 'remove', label: t('common.remove'), kind: 'danger', value: 'yes' },
			{ id: 'keep', label: t('common.cancel'), kind: 'secondary', value: 'no' }] });
	if (choice !== 'yes')
		return false;
	return save(t('remove.desc', { what }), change);
}

/* Brings back item id of collection coll as it was in revision rev (the
 * restore endpoint: its id and words as they were); undo removes it again. */
export async function restoreItem(rev, coll, id, desc) {
	return store(desc, (doc) => doc, cs.doc, cs.revision, null, true,
		[{ op: 'restore', coll, id, revision: rev }]);
}

/* Puts revision rev back as a new revision (from the history view). */
export async function restoreRevision(rev) {
	const old = await api('GET', `/api/cases/${enc(cs.ref)}`, { query: { revision: rev } });
	const desc = t('history.restored', { rev });
	const from = clone(cs.doc);
	return save(desc, (doc) => applyChanges(doc, from, old.data));
}

/* Shows an ApiError from a save as a toast (for changes made without a
 * form, such as a drag on the ecogram). */
export function reportError(e) {
	const msgs = e && e.messages ? e.messages : [String(e && e.message ? e.message : e)];
	toast(msgs.join(' — '), 'error');
}
