// views/ecogram.js - the ecogram as the editing surface, drawn in the
// browser from the case document with the same rules as
// lib/render_ecogram.c: the child in the centre, people in rings by
// closeness (ring 1 close .. ring 3 far, ring 4 no tie or no longer in the
// network), the family of origin on the left, the foster family on the
// right, shared people at the top and professionals at the bottom.  Each
// world's sector is split into Community Scan segments.
//
// Click in a segment and ring to add a person there; drag a person to
// another ring (changes the tie with the child) or segment; "draw a tie"
// mode: select A, then B, and set the tie; click a person to change them
// or mark the trust figure.  Every change is one revision (casestore.js).
// Everything is also reachable by keyboard: people are buttons, and the
// list of segments beside the picture ("who else is important to you?")
// opens the same dialog.

import { renderUrl } from '../api.js';
import { cs, reportError, save } from '../casestore.js';
import { h, mount, s } from '../dom.js';
import { SEGMENT_ROLE, WORLD_SEGMENTS, WORLD_SPAN, WORLDS } from '../enums.js';
import { personDialog, tieDialog } from '../forms.js';
import { t, te } from '../i18n.js';
import { alive, childId, childOf, nameOf, personById, ringOf, setRing, tieIndex,
	today, trustFigures } from '../model.js';
import { signalList } from '../signals.js';

/* Band edges: ring k lies between EDGE[k] and EDGE[k + 1]; the child sits
 * inside EDGE[1]. */
const EDGE = [0, 66, 176, 272, 360, 436];
const VIEW = 440;
const ECO_SIGNALS = ['no-trust-figure', 'network-small', 'segment-gap', 'sibling-contact-missing',
	'worlds-disconnected', 'parents-fosterparents-conflict'];

const ui = { mode: 'edit', tieFrom: null, others: true };

const rad = (deg) => (deg * Math.PI) / 180;
const pt = (r, deg) => [r * Math.cos(rad(deg)), r * Math.sin(rad(deg))];
const mid = (k) => (EDGE[k] + EDGE[k + 1]) / 2;
const f1 = (v) => Math.round(v * 10) / 10;

/* Wedges: per world its default segments plus any other segment used.
 * Each wedge gets at least MIN_WEDGE degrees; the rest of the world's
 * sector is shared out by what each wedge needs to give every person in
 * its fullest ring about SLOT user units of arc, so a busy segment (the
 * family) gets room and an empty one stays clickable. */
const MIN_WEDGE = 14;
const SLOT = 60;

/* The world sectors: the foster family on the right, then (going
 * clockwise on screen) professionals at the bottom, the family of origin
 * on the left and the shared world at the top.  Each world gets a share
 * of the circle by what its segments need, but never less than MIN_WORLD
 * degrees, so the picture keeps its four sides; the circle is turned so
 * that origin and foster face each other level. */
const MIN_WORLD = 50;
const ORDER = ['foster', 'professional', 'origin', 'shared'];

function wedges(doc) {
	const day = today();
	const plan = {};
	for (const w of ORDER) {
		const segs = [...WORLD_SEGMENTS[w]];
		const count = new Map();
		for (const p of doc.persons) {
			if (p.id === childId(doc) || (p.world && WORLD_SPAN[p.world] ? p.world : 'shared') !== w)
				continue;
			if (p.segment && !segs.includes(p.segment))
				segs.push(p.segment);
			const seg = p.segment && segs.includes(p.segment) ? p.segment : segs[0];
			const ring = alive(p, day) ? ringOf(doc, p.id, day) : 4;
			const key = `${seg}/${ring}`;
			count.set(key, (count.get(key) || 0) + 1);
		}
		const need = segs.map((seg) => {
			let deg = MIN_WEDGE;
			for (let k = 1; k <= 4; k++)
				deg = Math.max(deg, ((count.get(`${seg}/${k}`) || 0) * SLOT * 180) / (Math.PI * mid(k)));
			return deg;
		});
		plan[w] = { segs, need, total: Math.max(MIN_WORLD, need.reduce((x, y) => x + y, 0)) };
	}
	/* share out 360 degrees: every world its minimum, the rest by need */
	const sum = ORDER.reduce((n, w) => n + plan[w].total, 0);
	const spareAll = 360 - MIN_WORLD * ORDER.length;
	const extraAll = ORDER.reduce((n, w) => n + (plan[w].total - MIN_WORLD), 0);
	for (const w of ORDER)
		plan[w].span = sum <= 360 ? (plan[w].total * 360) / sum
			: MIN_WORLD + (extraAll ? (spareAll * (plan[w].total - MIN_WORLD)) / extraAll : spareAll / 4);
	/* turn the circle so the two worlds of the child sit level, mirror
	 * images left and right, whatever the top and bottom take */
	const origin = plan.foster.span / 2 + plan.professional.span + plan.origin.span / 2;
	const out = [];
	let a = -plan.foster.span / 2 - (origin - 180) / 2;
	for (const w of ORDER) {
		const { segs, need, span } = plan[w];
		const a1 = a + span;
		const min = Math.min(MIN_WEDGE, span / segs.length);
		const total = need.reduce((x, y) => x + y, 0);
		const extra = need.reduce((x, y) => x + (y - min), 0);
		const spare = span - min * segs.length;
		let b = a;
		segs.forEach((seg, i) => {
			let wdt;
			if (i === segs.length - 1)
				wdt = a1 - b;
			else if (total <= span)
				wdt = need[i] + ((span - total) * need[i]) / total;
			else
				wdt = min + (extra ? (spare * (need[i] - min)) / extra : spare / segs.length);
			out.push({ world: w, segment: seg, a0: b, a1: b + wdt });
			b += wdt;
		});
		a = a1;
	}
	return out;
}

/* The angles [from, to] of world w's sector. */
function worldSpan(ws, w) {
	const mine = ws.filter((x) => x.world === w);
	return [mine[0].a0, mine[mine.length - 1].a1];
}

function wedgeOf(ws, p) {
	const w = p.world && WORLD_SPAN[p.world] ? p.world : 'shared';
	return ws.find((x) => x.world === w && x.segment === p.segment) || ws.find((x) => x.world === w);
}

function sectorPath(r0, r1, a0, a1) {
	const [x0, y0] = pt(r1, a0);
	const [x1, y1] = pt(r1, a1);
	const [x2, y2] = pt(r0, a1);
	const [x3, y3] = pt(r0, a0);
	const large = a1 - a0 > 180 ? 1 : 0;
	return `M${f1(x0)},${f1(y0)} A${r1},${r1} 0 ${large} 1 ${f1(x1)},${f1(y1)} ` +
		`L${f1(x2)},${f1(y2)} A${r0},${r0} 0 ${large} 0 ${f1(x3)},${f1(y3)} Z`;
}

/* The position of every person: {id: {x, y, ring, wedge}}. */
function place(doc, ws) {
	const cells = new Map();
	const day = today();
	for (const p of doc.persons) {
		if (p.id === childId(doc))
			continue;
		const wd = wedgeOf(ws, p);
		const ring = alive(p, day) ? ringOf(doc, p.id, day) : 4;
		const key = `${ws.indexOf(wd)}/${ring}`;
		if (!cells.has(key))
			cells.set(key, { wd, ring, ids: [] });
		cells.get(key).ids.push(p.id);
	}
	const pos = {};
	for (const { wd, ring, ids } of cells.values()) {
		const n = ids.length;
		const span = wd.a1 - wd.a0;
		const each = rad(span / n) * mid(ring);
		const rows = n > 1 && each < SLOT ? (each < 36 ? 3 : 2) : 1;
		const band = EDGE[ring + 1] - EDGE[ring];
		const step = Math.min(34, (band - 24) / rows);
		ids.forEach((id, i) => {
			const a = wd.a0 + ((i + 0.5) * span) / n;
			const r = mid(ring) + ((i % rows) - (rows - 1) / 2) * step;
			const [x, y] = pt(r, a);
			pos[id] = { x, y, ring, wedge: wd, angle: a };
		});
	}
	return pos;
}

/* Where a person's label goes: beside the symbol on the left and right
 * sides of the picture (so people stacked above each other keep their
 * names apart), below it at the top and bottom. */
function labelPlace(angle, ring) {
	const c = Math.cos(rad(angle));
	if (ring > 1 && c > 0.55)
		return { x: 23, y: 0, y2: 16, anchor: 'start' };
	if (ring > 1 && c < -0.55)
		return { x: -23, y: 0, y2: 16, anchor: 'end' };
	return { x: 0, y: 37, y2: 53, anchor: 'middle' };
}

function symbol(p, r, cls) {
	const sex = p.sex || 'unknown';
	if (sex === 'm')
		return s('rect', { x: -r, y: -r, width: 2 * r, height: 2 * r, rx: 3, class: cls });
	if (sex === 'f')
		return s('circle', { r: r * 1.08, class: cls });
	const d = r * 1.3;
	return s('polygon', { points: `0,${-d} ${d},0 0,${d} ${-d},0`, class: cls });
}

function zigzag(x1, y1, x2, y2) {
	const len = Math.hypot(x2 - x1, y2 - y1);
	const n = Math.max(2, Math.floor(len / 12));
	const ux = (x2 - x1) / len;
	const uy = (y2 - y1) / len;
	let d = `M${f1(x1)},${f1(y1)}`;
	for (let i = 1; i < n; i++) {
		const off = i % 2 ? 5 : -5;
		d += ` L${f1(x1 + ux * (len * i) / n - uy * off)},${f1(y1 + uy * (len * i) / n + ux * off)}`;
	}
	return `${d} L${f1(x2)},${f1(y2)}`;
}

/* The line of a tie from (x1,y1) to (x2,y2), shortened at both ends. */
function tieLine(tie, x1, y1, x2, y2, withChild, bridge) {
	const len = Math.hypot(x2 - x1, y2 - y1) || 1;
	const ux = (x2 - x1) / len;
	const uy = (y2 - y1) / len;
	const s1 = withChild ? 38 : 24;
	const ax = x1 + ux * s1;
	const ay = y1 + uy * s1;
	const bx = x2 - ux * 24;
	const by = y2 - uy * 24;
	const cls = ['tie', `q-${tie.quality || 'none'}`, `s-${tie.strength || 'normal'}`,
		withChild ? 'child-tie' : 'other-tie', bridge ? 'bridge' : null].filter(Boolean).join(' ');
	const dir = tie.direction;
	const ends = {};
	if (dir === 'a_to_b' || dir === 'mutual')
		ends['marker-end'] = 'url(#arrow)';
	if (dir === 'b_to_a' || dir === 'mutual')
		ends['marker-start'] = 'url(#arrow-start)';
	if (tie.quality === 'conflict')
		return s('path', { d: zigzag(ax, ay, bx, by), class: cls, ...ends });
	if (tie.quality === 'broken') {
		const mx = (ax + bx) / 2;
		const my = (ay + by) / 2;
		return s('g', { class: cls },
			s('line', { x1: f1(ax), y1: f1(ay), x2: f1(mx - ux * 8), y2: f1(my - uy * 8) }),
			s('line', { x1: f1(mx + ux * 8), y1: f1(my + uy * 8), x2: f1(bx), y2: f1(by) }));
	}
	return s('line', { x1: f1(ax), y1: f1(ay), x2: f1(bx), y2: f1(by), class: cls, ...ends });
}

/* The name as the picture shows it: whole when short, else the first name
 * and the initial of the last ("Ria Bakker-Smit" -> "Ria B."). */
function shortName(p) {
	const n = (p.name || p.id).trim();
	if (n.length <= 16)
		return n;
	const parts = n.split(/\s+/);
	return parts.length > 1 ? `${parts[0]} ${parts[parts.length - 1][0]}.` : `${n.slice(0, 15)}…`;
}

/* The SVG element (without event handlers). */
function draw(doc, ws, pos) {
	const c = childId(doc);
	const child = childOf(doc) || { id: c };
	const trust = new Set(trustFigures(doc));
	const svg = s('svg', { viewBox: `${-VIEW - 60} ${-VIEW - 10} ${2 * VIEW + 120} ${2 * VIEW + 70}`, class: 'eco',
		id: 'ecogram', role: 'group', 'aria-label': t('eco.svgLabel', { name: child.name || c }) });
	svg.append(s('defs', {},
		s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 11, markerHeight: 11,
			markerUnits: 'userSpaceOnUse', orient: 'auto' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' })),
		s('marker', { id: 'arrow-start', viewBox: '0 0 10 10', refX: 1, refY: 5, markerWidth: 11,
			markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto' },
		s('path', { d: 'M10,0 L0,5 L10,10 z', class: 'arrowhead' }))));
	/* the cells: one per segment and ring, clickable */
	const cells = s('g', { class: 'cells' });
	for (const wd of ws)
		for (let k = 1; k <= 4; k++) {
			const [cx, cy] = pt(mid(k), (wd.a0 + wd.a1) / 2);
			cells.append(s('path', { d: sectorPath(EDGE[k], EDGE[k + 1], wd.a0, wd.a1),
				class: `cell w-${wd.world} r${k}`, dataset: { world: wd.world, segment: wd.segment, ring: k,
					cx: f1(cx), cy: f1(cy), a0: f1(wd.a0), a1: f1(wd.a1), r0: EDGE[k], r1: EDGE[k + 1] } },
			s('title', {}, t('eco.cellTitle', { segment: te('segment', wd.segment),
				world: te('world', wd.world), ring: t(`ring.${k}`) }))));
		}
	svg.append(cells);
	/* ring and world borders */
	const guides = s('g', { class: 'guides', 'aria-hidden': 'true' });
	for (let k = 1; k <= 5; k++)
		guides.append(s('circle', { r: EDGE[k], class: k === 5 ? 'edge outer' : 'edge' }));
	for (const w of WORLDS) {
		const from = worldSpan(ws, w)[0];
		const [x0, y0] = pt(EDGE[1], from);
		const [x1, y1] = pt(EDGE[5], from);
		guides.append(s('line', { x1: f1(x0), y1: f1(y0), x2: f1(x1), y2: f1(y1), class: 'world-edge' }));
	}
	for (const wd of ws) {
		const [x, y] = pt(EDGE[5] - 14, (wd.a0 + wd.a1) / 2);
		guides.append(s('text', { x: f1(x), y: f1(y), class: `seg-label w-${wd.world}` }, te('segment', wd.segment)));
	}
	for (let k = 1; k <= 4; k++) {
		const [x, y] = pt(mid(k), worldSpan(ws, 'shared')[1]);
		guides.append(s('text', { x: f1(x), y: f1(y), class: 'ring-label' }, t(`ring.${k}`)));
	}
	svg.append(guides);
	/* ties between other people, then ties with the child */
	const lines = s('g', { class: 'ties', 'aria-hidden': 'true' });
	for (const tie of doc.ties || []) {
		const withChild = tie.a === c || tie.b === c;
		if (!withChild && !ui.others)
			continue;
		const pa = tie.a === c ? { x: 0, y: 0 } : pos[tie.a];
		const pb = tie.b === c ? { x: 0, y: 0 } : pos[tie.b];
		if (!pa || !pb)
			continue;
		const A = personById(doc, tie.a) || {};
		const B = personById(doc, tie.b) || {};
		const bridge = !withChild && ((A.world === 'origin' && B.world === 'foster') ||
			(A.world === 'foster' && B.world === 'origin'));
		lines.append(tieLine(tie, pa.x, pa.y, pb.x, pb.y, withChild, bridge));
	}
	svg.append(lines);
	/* the child */
	svg.append(s('g', { class: 'node child', transform: 'translate(0,0)', tabindex: 0, role: 'button',
		dataset: { person: c }, 'aria-label': t('eco.childLabel', { name: child.name || c }) },
	symbol(child, 26, `sym w-${child.world || 'shared'}`),
	symbol(child, 31, 'sym-ring'),
	s('text', { y: 54, class: 'name child-name' }, shortName(child))));
	/* the people */
	const people = s('g', { class: 'people' });
	const day = today();
	for (const p of doc.persons) {
		if (p.id === c || !pos[p.id])
			continue;
		const { x, y, ring, angle } = pos[p.id];
		const lp = labelPlace(angle, ring);
		const dead = !alive(p, day);
		const role = (p.roles || [])[0];
		const g = s('g', { class: ['node', dead ? 'dead' : null, trust.has(p.id) ? 'trust' : null].filter(Boolean).join(' '),
			transform: `translate(${f1(x)},${f1(y)})`, tabindex: 0, role: 'button',
			dataset: { person: p.id, ring, world: p.world || '', segment: p.segment || '' },
			'aria-label': t('eco.personLabel', { name: p.name || p.id, role: role ? te('role', role) : '',
				ring: t(`ring.${ring}`) }) + (trust.has(p.id) ? `, ${t('eco.trustFigure')}` : '') },
		s('circle', { r: 34, class: 'hit' }),
		symbol(p, 17, `sym w-${p.world || 'shared'}`),
		dead ? s('path', { d: 'M-12,-12 L12,12 M12,-12 L-12,12', class: 'cross' }) : null,
		trust.has(p.id) ? s('path', { class: 'star', transform: 'translate(17,-17)',
			d: 'M0,-10 L2.9,-3.1 L9.5,-3.1 L4.2,1.2 L6.2,8.1 L0,4 L-6.2,8.1 L-4.2,1.2 L-9.5,-3.1 L-2.9,-3.1 Z' }) : null,
		s('text', { x: lp.x, y: lp.y, class: 'name', 'text-anchor': lp.anchor }, shortName(p)),
		role ? s('text', { x: lp.x, y: lp.y2, class: 'role', 'text-anchor': lp.anchor }, te('role', role)) : null,
		s('title', {}, p.name || p.id));
		people.append(g);
	}
	svg.append(people);
	return svg;
}

/* SVG user coordinates of a pointer event. */
function toSvg(svg, ev) {
	const m = svg.getScreenCTM();
	if (!m)
		return { x: 0, y: 0 };
	const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
	return { x: p.x, y: p.y };
}

/* Which segment and ring a point falls in (ring 0 is the child). */
function hitTest(ws, x, y) {
	const r = Math.hypot(x, y);
	let a = (Math.atan2(y, x) * 180) / Math.PI;
	if (a < ws[0].a0)
		a += 360;
	let ring = 0;
	for (let k = 1; k <= 4; k++)
		if (r >= EDGE[k])
			ring = k;
	if (r > EDGE[5])
		ring = 5;
	const wd = ws.find((w) => a >= w.a0 && a < w.a1) || ws[0];
	return { ring, wedge: wd };
}

function addAt(world, segment, ring) {
	return personDialog(null, { world, segment, ring, role: SEGMENT_ROLE[segment] });
}

async function moveTo(p, ring, wd) {
	const doc = cs.doc;
	const curRing = ringOf(doc, p.id);
	const cur = wedgeOf(wedges(doc), p);
	const changeWedge = !cur || cur.world !== wd.world || cur.segment !== wd.segment;
	if (ring === curRing && !changeWedge)
		return;
	const desc = t('eco.movedDesc', { name: p.name || p.id, ring: t(`ring.${ring}`) });
	try {
		await save(desc, (d) => {
			const q = personById(d, p.id);
			if (!q)
				throw new Error(t('person.gone', { name: p.name || p.id }));
			if (ring !== curRing)
				setRing(d, p.id, ring);
			if (changeWedge) {
				q.world = wd.world;
				q.segment = wd.segment;
			}
		});
	} catch (e) {
		reportError(e);
	}
}

function selectForTie(id, status) {
	if (!ui.tieFrom) {
		ui.tieFrom = id;
		status.textContent = t('eco.tiePickB', { name: nameOf(cs.doc, id) });
		for (const n of document.querySelectorAll('#ecogram .node'))
			n.classList.toggle('picked', n.dataset.person === id);
		return;
	}
	if (ui.tieFrom === id)
		return;
	const a = ui.tieFrom;
	ui.tieFrom = null;
	for (const n of document.querySelectorAll('#ecogram .node.picked'))
		n.classList.remove('picked');
	status.textContent = t('eco.tiePickA');
	tieDialog(a, id);
}

function wire(svg, ws, pos, status) {
	const doc = cs.doc;
	let drag = null;
	let suppressUntil = 0;
	svg.addEventListener('pointerdown', (ev) => {
		const node = ev.target.closest('.node');
		if (!node || node.classList.contains('child') || ev.button !== 0 || ui.mode !== 'edit')
			return;
		const start = toSvg(svg, ev);
		drag = { node, id: node.dataset.person, start, moved: false, pointerId: ev.pointerId };
		node.setPointerCapture(ev.pointerId);
	});
	svg.addEventListener('pointermove', (ev) => {
		if (!drag || ev.pointerId !== drag.pointerId)
			return;
		const p = toSvg(svg, ev);
		const dx = p.x - drag.start.x;
		const dy = p.y - drag.start.y;
		if (!drag.moved && Math.hypot(dx, dy) < 8)
			return;
		drag.moved = true;
		const base = pos[drag.id];
		drag.node.setAttribute('transform', `translate(${f1(base.x + dx)},${f1(base.y + dy)})`);
		drag.node.classList.add('dragging');
		const hit = hitTest(ws, p.x, p.y);
		for (const c of svg.querySelectorAll('.cell.drop'))
			c.classList.remove('drop');
		const cell = svg.querySelector(`.cell[data-world="${hit.wedge.world}"][data-segment="${hit.wedge.segment}"][data-ring="${Math.min(Math.max(hit.ring, 1), 4)}"]`);
		if (cell)
			cell.classList.add('drop');
	});
	const endDrag = async (ev) => {
		if (!drag || ev.pointerId !== drag.pointerId)
			return;
		const d = drag;
		drag = null;
		if (!d.moved) {
			/* a click: handled by the click listener */
			return;
		}
		suppressUntil = Date.now() + 400;
		const p = toSvg(svg, ev);
		const hit = hitTest(ws, p.x, p.y);
		const person = personById(doc, d.id);
		if (!person || hit.ring < 1) {
			d.node.setAttribute('transform', `translate(${f1(pos[d.id].x)},${f1(pos[d.id].y)})`);
			return;
		}
		await moveTo(person, Math.min(hit.ring, 4), hit.wedge);
		d.node.setAttribute('transform', `translate(${f1(pos[d.id].x)},${f1(pos[d.id].y)})`);
		d.node.classList.remove('dragging');
	};
	svg.addEventListener('pointerup', endDrag);
	svg.addEventListener('pointercancel', (ev) => {
		if (drag && ev.pointerId === drag.pointerId) {
			drag.node.setAttribute('transform', `translate(${f1(pos[drag.id].x)},${f1(pos[drag.id].y)})`);
			drag = null;
		}
	});
	const activate = (node) => {
		const id = node.dataset.person;
		if (ui.mode === 'tie') {
			selectForTie(id, status);
			return;
		}
		const p = personById(cs.doc, id);
		if (p)
			personDialog(p);
	};
	svg.addEventListener('click', (ev) => {
		if (Date.now() < suppressUntil)
			return;
		const node = ev.target.closest('.node');
		if (node) {
			activate(node);
			return;
		}
		const cell = ev.target.closest('.cell');
		if (cell && ui.mode === 'edit')
			addAt(cell.dataset.world, cell.dataset.segment, Math.min(Number(cell.dataset.ring), 4));
	});
	svg.addEventListener('keydown', (ev) => {
		const node = ev.target.closest && ev.target.closest('.node');
		if (!node)
			return;
		if (ev.key === 'Enter' || ev.key === ' ') {
			ev.preventDefault();
			activate(node);
		} else if ((ev.key === '+' || ev.key === '-') && !node.classList.contains('child')) {
			/* keyboard alternative to dragging: + closer, - further away */
			ev.preventDefault();
			const p = personById(cs.doc, node.dataset.person);
			const r = ringOf(cs.doc, p.id);
			const nr = ev.key === '+' ? Math.max(1, r - 1) : Math.min(4, r + 1);
			if (nr !== r)
				moveTo(p, nr, wedgeOf(wedges(cs.doc), p)).then(() => {
					const again = document.querySelector(`#ecogram .node[data-person="${p.id}"]`);
					if (again)
						again.focus();
				});
		}
	});
}

export async function render(body) {
	const doc = cs.doc;
	const ws = wedges(doc);
	const pos = place(doc, ws);
	const svg = draw(doc, ws, pos);
	const status = h('p', { class: 'mode-status', role: 'status', 'aria-live': 'polite' },
		ui.mode === 'tie' ? t('eco.tiePickA') : t('eco.howto'));
	const tieBtn = h('button', { type: 'button', class: ['btn', ui.mode === 'tie' ? 'primary' : 'secondary'],
		id: 'tie-mode', 'aria-pressed': ui.mode === 'tie' ? 'true' : 'false', onclick: () => {
			ui.mode = ui.mode === 'tie' ? 'edit' : 'tie';
			ui.tieFrom = null;
			render(body);
			const b = document.getElementById('tie-mode');
			if (b)
				b.focus();
		} }, ui.mode === 'tie' ? t('eco.tieModeOff') : t('eco.tieMode'));
	const othersCb = h('input', { type: 'checkbox', id: 'eco-others', checked: ui.others, onchange: (ev) => {
		ui.others = ev.target.checked;
		render(body);
	} });
	const trust = trustFigures(doc);
	const sigs = cs.signals.filter((sg) => ECO_SIGNALS.includes(sg.id));
	const childName = nameOf(doc, childId(doc));
	const prompts = h('div', { class: 'prompts', id: 'prompts' }, WORLDS.map((w) => h('div', { class: 'prompt-world' },
		h('h4', { class: `w-${w}` }, te('world', w)),
		h('ul', {}, ws.filter((wd) => wd.world === w).map((wd) => {
			const n = Object.values(pos).filter((p) => p.wedge === wd && p.ring < 4).length;
			return h('li', {}, h('button', { type: 'button', class: ['prompt', `w-${wd.world}`],
				dataset: { world: wd.world, segment: wd.segment },
				'aria-label': `${t('eco.prompt')} ${te('segment', wd.segment)}, ${te('world', wd.world)} (${t('eco.count', { n })})`,
				onclick: () => addAt(wd.world, wd.segment, 2) },
			h('span', { 'aria-hidden': 'true' }, '+ '), te('segment', wd.segment),
			h('span', { class: 'prompt-n' }, ` ${n}`)));
		})))));
	mount(body,
		h('h2', { id: 'tab-title', class: 'sr-only' }, t('tab.ecogram')),
		h('div', { class: 'eco-layout' },
			h('div', { class: 'eco-canvas' }, svg,
				h('p', { class: 'muted small' }, t('eco.keys'))),
			h('aside', { class: 'eco-side', 'aria-label': t('eco.side') },
				status,
				h('div', { class: 'actions' }, tieBtn),
				h('div', { class: 'check' }, othersCb, h('label', { for: 'eco-others' }, t('eco.showOthers'))),
				h('section', { class: ['trust-box', trust.length ? 'ok' : 'missing'], id: 'trust-box' },
					h('h3', {}, t('eco.trustTitle')),
					h('p', {}, trust.length ? t('eco.trustIs', { names: trust.map((id) => nameOf(doc, id)).join(', '),
						child: childName }) : t('eco.trustNone', { child: childName }))),
				h('section', { 'aria-labelledby': 'eco-sig' },
					h('h3', { id: 'eco-sig' }, t('eco.signals')),
					signalList(sigs, { id: 'eco-signals', empty: t('eco.noSignals'), compact: true })),
				h('section', { 'aria-labelledby': 'eco-prompts' },
					h('h3', { id: 'eco-prompts' }, t('eco.promptsTitle')),
					prompts),
				h('section', { class: 'legend', 'aria-labelledby': 'eco-legend' },
					h('h3', { id: 'eco-legend' }, t('eco.legend')),
					h('ul', {}, WORLDS.map((w) => h('li', {}, h('span', { class: `swatch w-${w}`, 'aria-hidden': 'true' }),
						te('world', w))),
					['strong', 'normal', 'weak'].map((st) => h('li', {}, h('span', { class: `line s-${st}`, 'aria-hidden': 'true' }),
						te('strength', st))),
					h('li', {}, h('span', { class: 'line q-conflict', 'aria-hidden': 'true' }), te('quality', 'conflict')),
					h('li', {}, h('span', { class: 'star-mark', 'aria-hidden': 'true' }, '★'), t('eco.trustFigure')))),
				h('p', {}, h('a', { href: renderUrl(cs.ref, 'ecogram', 'svg'), target: '_blank', rel: 'noopener' },
					t('eco.serverPicture'))))));
	wire(svg, ws, pos, status);
}

export { hitTest, wedges, tieIndex };
