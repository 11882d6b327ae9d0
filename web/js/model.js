// model.js - reading and changing a kring-case/1 document in the browser:
// names, ties and rings of the ecogram's editing, open agreements, fresh
// ids, and a keyed difference between two revisions (for the conflict
// dialog and undo).  Pure functions on plain JSON; nothing here touches the
// page.  What the library judges (the current placement, the child's age,
// overdue and unowned agreements, the open agreements per person, the five
// factors) is asked from the server (GET .../summary), never computed here.

import { ringTie } from './i18n.js';

/* A deep copy of a JSON document. */
export function clone(v) {
	return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/* Today as YYYY-MM-DD in the browser's time zone. */
export function today() {
	const d = new Date();
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/* The first day a partial date can stand for. */
export function firstDay(d) {
	if (!d)
		return null;
	if (/^\d{4}$/.test(d))
		return `${d}-01-01`;
	if (/^\d{4}-\d{2}$/.test(d))
		return `${d}-01`;
	return d;
}

export function personById(doc, id) {
	return (doc.persons || []).find((p) => p.id === id) || null;
}

/* The display name of person id (the id when it has no name). */
export function nameOf(doc, id) {
	const p = personById(doc, id);
	return p ? (p.name || p.id) : id;
}

export function childId(doc) {
	return doc.case && doc.case.child;
}

export function childOf(doc) {
	return personById(doc, childId(doc));
}

/* The persons of doc alive on the summary's day, in the case's order, as
 * the library says (the summary's persons_alive, kr_case_person_alive);
 * every person when there is no summary (the server still refuses what the
 * library does not allow). */
export function living(doc, sum) {
	const ids = sum && sum.persons_alive;
	return (doc.persons || []).filter((p) => !ids || ids.includes(p.id));
}

/* True when meeting m has taken place on the summary's day, so who came
 * and what was decided can be filled in: the library's rule
 * (kr_meeting_taken_place), served as the summary's meetings_taken_place. */
export function tookPlace(sum, m) {
	return !!(sum && sum.meetings_taken_place && sum.meetings_taken_place.includes(m.id));
}

export function isProfessional(p) {
	return p.world === 'professional';
}

/* Index of the tie between persons a and b, or -1. */
export function tieIndex(doc, a, b) {
	return (doc.ties || []).findIndex((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
}

/* Sets the tie between the child and person id so that the library puts
 * the person in ecogram ring r (1-3: the tie of GET /api/meta's ring_ties),
 * or removes it for ring 4.  Keeps the tie's other keys (support, trust);
 * a broken tie is no longer broken when ring_ties[r].keeps_broken is false
 * (rings 1 and 2: kr_render_ecogram_ring_keeps_broken).  The caller knows
 * the person's ring now (the geometry's node) and calls this only to
 * change it. */
export function setRing(doc, id, r) {
	const c = childId(doc);
	doc.ties = doc.ties || [];
	const i = tieIndex(doc, c, id);
	if (r >= 4) {
		if (i >= 0)
			doc.ties.splice(i, 1);
		return;
	}
	const want = ringTie(r);
	if (!want)
		throw new Error('GET /api/meta has no ring_ties');
	if (i < 0) {
		doc.ties.push({ a: c, b: id, strength: want.strength, frequency: want.frequency });
		return;
	}
	const tie = doc.ties[i];
	/* the library says whether a broken tie stays in ring r (keeps_broken) */
	if (tie.quality === 'broken' && !want.keeps_broken)
		delete tie.quality;
	tie.strength = want.strength;
	tie.frequency = want.frequency;
}

/* A fresh id: prefix + (highest number in use + 1). */
export function freshId(list, prefix) {
	let max = 0;
	for (const x of list || []) {
		const m = new RegExp(`^${prefix}(\\d+)$`).exec(x.id || '');
		if (m)
			max = Math.max(max, Number(m[1]));
	}
	let n = max + 1;
	while ((list || []).some((x) => x.id === `${prefix}${n}`))
		n += 1;
	return `${prefix}${n}`;
}

export function plan(doc) {
	if (!doc.plan)
		doc.plan = {};
	return doc.plan;
}

export function isOpen(a) {
	return !a.status || a.status === 'open';
}

function keyOf(coll, item, i) {
	if (item && typeof item === 'object' && item.id)
		return item.id;
	if (coll === 'ties' && item && item.a)
		return [item.a, item.b].sort().join('~');
	return `#${i}`;
}

const KEYED = ['persons', 'ties', 'kinship', 'placements', 'events', 'meetings'];
const PLAN_KEYED = ['wishes', 'goals', 'agreements'];

function diffList(coll, a, b, label, out) {
	const am = new Map((a || []).map((x, i) => [keyOf(coll, x, i), x]));
	const bm = new Map((b || []).map((x, i) => [keyOf(coll, x, i), x]));
	for (const [k, v] of bm) {
		if (!am.has(k))
			out.push({ coll, key: k, op: 'added', label: label(v) });
		else if (JSON.stringify(am.get(k)) !== JSON.stringify(v))
			out.push({ coll, key: k, op: 'changed', label: label(v), fields: changedFields(am.get(k), v) });
	}
	for (const [k, v] of am)
		if (!bm.has(k))
			out.push({ coll, key: k, op: 'removed', label: label(v) });
}

function changedFields(x, y) {
	const keys = new Set([...Object.keys(x || {}), ...Object.keys(y || {})]);
	return [...keys].filter((k) => JSON.stringify((x || {})[k]) !== JSON.stringify((y || {})[k]));
}

/* What changed from document a to document b, as a list of
 * {coll, key, op: added|removed|changed, label, fields}.  Lists of items
 * with ids are compared by id, ties by their pair, others by position. */
export function diffDocs(a, b) {
	const out = [];
	const lab = (coll) => (v) => {
		if (coll === 'ties')
			return `${nameOf(b, v.a) || v.a} – ${nameOf(b, v.b) || v.b}`;
		if (coll === 'persons')
			return v.name || v.id;
		if (coll === 'kinship')
			return v.type === 'parent' ? `${nameOf(b, v.parent)} → ${nameOf(b, v.child)}`
				: `${nameOf(b, v.a)} & ${nameOf(b, v.b)}`;
		if (coll === 'events')
			return `${v.date || ''} ${v.type || ''}`.trim();
		return v.text || v.what || v.date || v.id || '';
	};
	for (const c of KEYED)
		diffList(c, a[c], b[c], lab(c), out);
	const pa = a.plan || {};
	const pb = b.plan || {};
	for (const c of PLAN_KEYED)
		diffList(c, pa[c], pb[c], lab(c), out);
	for (const k of ['version', 'adopted', 'reviewed', 'safety', 'concerns', 'safety_map'])
		if (JSON.stringify(pa[k]) !== JSON.stringify(pb[k]))
			out.push({ coll: 'plan', key: k, op: 'changed', label: k });
	for (const k of changedFields(a.case, b.case))
		out.push({ coll: 'case', key: k, op: 'changed', label: k });
	return out;
}

/* Sorts a copy of a list of objects by a date key (partial dates first day). */
export function byDate(list, key = 'date') {
	return [...(list || [])].sort((x, y) => (firstDay(x[key]) || '').localeCompare(firstDay(y[key]) || ''));
}

function listAt(doc, coll, create) {
	if (PLAN_KEYED.includes(coll)) {
		if (!doc.plan) {
			if (!create)
				return null;
			doc.plan = {};
		}
		if (!doc.plan[coll] && create)
			doc.plan[coll] = [];
		return doc.plan[coll] || null;
	}
	if (!doc[coll] && create)
		doc[coll] = [];
	return doc[coll] || null;
}

function findKey(list, coll, key, fromItem) {
	if (key.startsWith('#')) {
		const want = JSON.stringify(fromItem);
		return list.findIndex((x) => JSON.stringify(x) === want);
	}
	return list.findIndex((x, i) => keyOf(coll, x, i) === key);
}

/* Applies the item-level changes that lead from document `from` to
 * document `to` onto doc (in place): items added in `to` are added, items
 * removed are removed, changed items take `to`'s version, and changed plan
 * and case fields take `to`'s value.  Used to re-apply an undo or a restore
 * on top of a colleague's newer revision without undoing their work. */
export function applyChanges(doc, from, to) {
	for (const d of diffDocs(from, to)) {
		if (d.coll === 'plan') {
			if (!doc.plan)
				doc.plan = {};
			const v = (to.plan || {})[d.key];
			if (v === undefined)
				delete doc.plan[d.key];
			else
				doc.plan[d.key] = clone(v);
			continue;
		}
		if (d.coll === 'case') {
			const v = (to.case || {})[d.key];
			if (v === undefined)
				delete doc.case[d.key];
			else
				doc.case[d.key] = clone(v);
			continue;
		}
		const fromList = listAt(from, d.coll, false) || [];
		const toList = listAt(to, d.coll, false) || [];
		const list = listAt(doc, d.coll, true);
		const fi = fromList.findIndex((x, i) => keyOf(d.coll, x, i) === d.key);
		const ti = toList.findIndex((x, i) => keyOf(d.coll, x, i) === d.key);
		if (d.op === 'added') {
			if (findKey(list, d.coll, d.key, toList[ti]) < 0)
				list.push(clone(toList[ti]));
		} else if (d.op === 'removed') {
			const j = findKey(list, d.coll, d.key, fromList[fi]);
			if (j >= 0)
				list.splice(j, 1);
		} else {
			const j = findKey(list, d.coll, d.key, fromList[fi]);
			if (j >= 0)
				list[j] = clone(toList[ti]);
			else
				list.push(clone(toList[ti]));
		}
	}
	return doc;
}
