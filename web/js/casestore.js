// casestore.js - the case that is open in the browser and every change to
// it.  A change is a function that edits a copy of the document; it is sent
// as the whole document with PUT and If-Match of the revision it was made
// on.  When a colleague saved first (409), the conflict dialog shows what
// they changed, and lets the user apply their own change again on the new
// revision (when it still applies), or look at the new revision first; it
// never overwrites silently and never throws the user's input away without
// asking.  Undo puts the document as it was before the user's last change
// back as a new revision (If-Match of the current one), so history keeps
// every step.

import { api, ApiError } from './api.js';
import { h, openDialog, toast } from './dom.js';
import { fmtDate, getLang, t } from './i18n.js';
import { applyChanges, clone, diffDocs, overlap } from './model.js';

const listeners = new Set();

export const cs = {
	ref: null,
	doc: null,
	revision: null,
	signals: [],
	undo: [],       /* [{before: revision, after: revision, desc}] */
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
	const [r, sg] = await Promise.all([api('GET', `/api/cases/${enc(ref)}`), fetchSignals(ref)]);
	if (cs.ref !== ref)
		cs.undo = [];
	cs.ref = ref;
	cs.doc = r.data;
	cs.revision = r.revision;
	cs.signals = sg;
	return cs;
}

async function fetchSignals(ref) {
	try {
		const r = await api('GET', `/api/cases/${enc(ref)}/signals`, { query: { lang: getLang() } });
		return Array.isArray(r.data) ? r.data : (r.data && r.data.signals) || [];
	} catch (e) {
		if (e.status === 401)
			throw e;
		return [];
	}
}

/* Fetches the signals of the open case in the current language. */
export async function loadSignals() {
	cs.signals = await fetchSignals(cs.ref);
}

/* Forgets the open case (logout). */
export function closeCase() {
	cs.ref = null;
	cs.doc = null;
	cs.revision = null;
	cs.signals = [];
	cs.undo = [];
}

async function afterSave(r, draft, before, desc, recordUndo) {
	cs.doc = r.data && r.data.format ? r.data : draft;
	cs.revision = r.revision !== null ? r.revision : (cs.revision || 0) + 1;
	if (recordUndo)
		cs.undo.push({ before, after: cs.revision, desc });
	await loadSignals();
	emit();
}

/* Applies change(doc) to a copy of the open document and saves it.
 * desc names the change for people (undo, conflicts).  Resolves true when
 * saved, false when the user chose not to save after a conflict; rejects
 * with ApiError (422 holds the problems as messages) so a form can show it
 * and keep the user's input. */
export async function save(desc, change, opts = {}) {
	const base = cs.doc;
	const baseRev = cs.revision;
	const draft = clone(base);
	change(draft);
	return put(desc, change, base, baseRev, draft, opts.undo !== false);
}

async function put(desc, change, base, baseRev, draft, recordUndo) {
	try {
		const r = await api('PUT', `/api/cases/${enc(cs.ref)}`, { body: draft, ifMatch: baseRev });
		await afterSave(r, draft, baseRev, desc, recordUndo);
		toast(t('save.saved', { what: desc }), 'ok');
		return true;
	} catch (e) {
		if (e instanceof ApiError && e.status === 409)
			return conflict(desc, change, base, draft, recordUndo);
		throw e;
	}
}

function describe(d) {
	return t(`conflict.${d.op}`, { what: t(`coll.${d.coll}`), label: d.label });
}

/* The conflict dialog.  Resolves like save(). */
async function conflict(desc, change, base, draft, recordUndo) {
	const cur = await api('GET', `/api/cases/${enc(cs.ref)}`);
	let hist = [];
	try {
		const hr = await api('GET', `/api/cases/${enc(cs.ref)}/history`);
		hist = (hr.data && hr.data.revisions) || [];
	} catch (e) {
		hist = [];
	}
	const theirs = diffDocs(base, cur.data);
	const mine = diffDocs(base, draft);
	const both = overlap(mine, theirs);
	let redo = null;
	let redoErr = null;
	try {
		redo = clone(cur.data);
		change(redo);
		if (JSON.stringify(redo) === JSON.stringify(cur.data))
			redoErr = t('conflict.already');
	} catch (e) {
		redo = null;
		redoErr = t('conflict.noLongerApplies', { reason: e.message || String(e) });
	}
	const newer = hist.filter((x) => x.revision > (cs.revision || 0));
	const body = [
		h('p', {}, t('conflict.intro', { rev: cur.revision })),
		newer.length ? h('p', { class: 'muted' }, newer.map((x) =>
			t('conflict.by', { rev: x.revision, author: x.author, at: fmtDate((x.at || '').slice(0, 10)) })).join(' · ')) : null,
		h('h3', {}, t('conflict.theirs')),
		theirs.length ? h('ul', { class: 'changes' }, theirs.map((d) => h('li', {}, describe(d))))
			: h('p', {}, t('conflict.nothingVisible')),
		h('h3', {}, t('conflict.mine', { what: desc })),
		h('ul', { class: 'changes' }, mine.map((d) => h('li', {}, describe(d)))),
		both.length ? h('p', { class: 'warn' }, t('conflict.overlap', {
			items: both.map((d) => d.label).join(', ') })) : null,
		redoErr ? h('p', { class: 'warn' }, redoErr) : null,
	];
	const actions = [];
	if (redo && !redoErr)
		actions.push({ id: 'reapply', label: both.length ? t('conflict.reapplyAnyway') : t('conflict.reapply'),
			kind: 'primary', value: 'reapply' });
	actions.push({ id: 'theirs', label: t('conflict.takeTheirs'), kind: 'secondary', value: 'theirs' });
	actions.push({ id: 'back', label: t('conflict.back'), kind: 'secondary', value: 'back' });
	const choice = await openDialog({ title: t('conflict.title'), body, actions, wide: true });
	if (choice === 'reapply')
		return put(desc, change, cur.data, cur.revision, redo, recordUndo);
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

/* True when there is a change of this user to undo. */
export function canUndo() {
	return cs.undo.length > 0;
}

/* The description of the change undo() would take back. */
export function undoLabel() {
	return cs.undo.length ? cs.undo[cs.undo.length - 1].desc : '';
}

/* Takes back the user's last change: the document of the revision before
 * it becomes a new revision.  Refuses (with the conflict dialog) when a
 * colleague saved after that change. */
export async function undo() {
	const last = cs.undo[cs.undo.length - 1];
	if (!last)
		return false;
	const q = (rev) => api('GET', `/api/cases/${enc(cs.ref)}`, { query: { revision: rev } });
	const old = await q(last.before);
	const after = last.after === cs.revision ? { data: clone(cs.doc) } : await q(last.after);
	const desc = t('undo.desc', { what: last.desc });
	const restore = (doc) => applyChanges(doc, after.data, old.data);
	cs.undo.pop();
	let ok = false;
	try {
		ok = await save(desc, restore, { undo: false });
	} finally {
		if (!ok)
			cs.undo.push(last);
	}
	return ok;
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
