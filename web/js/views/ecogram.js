// views/ecogram.js - the ecogram as the editing surface.  The picture is
// the library's: GET /api/cases/{ref}/layout/ecogram hands out its geometry
// (kring-geometry/1, docs/api.md) and this view only draws it and makes it
// clickable.  Every position, ring, sector, colour and line style comes
// from that geometry; there are no layout rules here.  After every change
// (one revision, casestore.js) the case view renders again and the
// geometry is fetched anew.
//
// Click in a sector (a world's segment in one ring) to add a person there;
// drag a person to another sector (changes the tie with the child and the
// world or segment); "draw a tie" mode: select A, then B, and set the tie;
// click a person to change them or mark the trust figure.  Everything is
// also reachable by keyboard: people are buttons (+ closer, - further
// away), and the list of segments beside the picture ("who else is
// important to you?") opens the same dialog.
//
// Size: a person's click target is the box the geometry gives (target x
// target units); the picture is drawn at least min_scale CSS pixels per
// unit, so a target is at least 44 pixels, and scrolls when it is larger
// than the screen.  Zoom on a tablet or phone: the buttons beside the
// picture, Ctrl (or Cmd) with the scroll wheel (a touchpad's pinch), or two
// fingers; one finger on the background moves the picture.  Zoomed out
// further than min_scale, the whole picture fits but the targets are
// smaller; "as a list" shows the same people (the geometry's nodes, by
// ring, with the picture's own words) as buttons of full size.

import { api, renderUrl } from '../api.js';
import { asOfQuery, cs, reportError, save } from '../casestore.js';
import { h, mount, s } from '../dom.js';
import { SEGMENT_ROLE, WORLDS } from '../enums.js';
import { personDialog, tieDialog } from '../forms.js';
import { getLang, t, te } from '../i18n.js';
import { childId, nameOf, personById, setRing, tieIndex } from '../model.js';
import { signalList } from '../signals.js';

const ECO_SIGNALS = ['no-trust-figure', 'network-small', 'segment-gap', 'sibling-contact-missing',
	'worlds-disconnected', 'parents-fosterparents-conflict'];
const STYLE = { fill: 'fill', fill_opacity: 'fill-opacity', stroke: 'stroke', stroke_width: 'stroke-width',
	stroke_opacity: 'stroke-opacity', dash: 'stroke-dasharray', linecap: 'stroke-linecap',
	linejoin: 'stroke-linejoin' };

const ui = { mode: 'edit', tieFrom: null, others: true, focus: null, view: 'picture', zoom: 1, ref: null,
	scroll: null };
const ZOOM_MAX = 3;

const f1 = (v) => Math.round(v * 10) / 10;
const rad = (deg) => (deg * Math.PI) / 180;

/* ---- reading the geometry ---- */

/* Every item of a geometry with the groups it is in: [{it, path: [group...]}]. */
function flat(items, path = [], out = []) {
	for (const it of items) {
		if (it.type === 'group')
			flat(it.items, [...path, it], out);
		else
			out.push({ it, path });
	}
	return out;
}

const inGroup = (path, cls) => path.some((g) => g.class === cls);

/* The presentation attributes of an item's style. */
function styleAttrs(it) {
	const a = {};
	for (const [k, v] of Object.entries(STYLE))
		if (it[k] !== undefined)
			a[v] = it[k];
	return a;
}

/* SVG elements from an item's parts ({el, attr: value, ...}). */
function parts(it) {
	return (it.parts || []).map(({ el, ...attrs }) => s(el, attrs));
}

/* One item of the geometry as an SVG element (null for what is not drawn). */
function drawItem(it) {
	const st = styleAttrs(it);
	switch (it.type) {
	case 'label':
		return s('text', { x: it.x, y: it.y, 'font-size': it.size, class: it.class,
			'text-anchor': it.anchor === 'start' ? null : it.anchor }, it.text);
	case 'ring':
	case 'circle':
		return s('circle', { cx: it.x, cy: it.y, r: it.r, class: it.class, ...st });
	case 'rect':
		return s('rect', { x: it.x, y: it.y, width: it.w, height: it.h, rx: it.rx, class: it.class, ...st });
	case 'ellipse':
		return s('ellipse', { cx: it.x, cy: it.y, rx: it.rx, ry: it.ry, class: it.class, ...st,
			transform: it.angle !== undefined ? `rotate(${it.angle} ${it.x} ${it.y})` : null });
	case 'line':
		return s('line', { x1: it.x1, y1: it.y1, x2: it.x2, y2: it.y2, class: it.class, ...st });
	case 'band':
		return s('path', { d: `M${it.x1} ${it.y1}L${it.x2} ${it.y2}`, ...st });
	case 'path':
		return s('path', { d: it.d, class: it.class, ...st });
	case 'polygon': {
		const p = [];
		for (let i = 0; i + 1 < it.points.length; i += 2)
			p.push(`${it.points[i]},${it.points[i + 1]}`);
		return s('polygon', { points: p.join(' '), class: it.class, ...st });
	}
	case 'star':
		return s('g', { class: 'star' }, parts(it));
	case 'node':
		return s('g', { class: 'sym' }, parts(it));
	case 'tie':
		return s('g', { class: ['tie', `q-${it.quality || 'none'}`, `s-${it.strength || 'none'}`],
			stroke: it.colour, 'stroke-width': it.width, fill: 'none', opacity: it.opacity }, parts(it));
	default:
		return null;
	}
}

/* The part of the canvas the editing surface shows: the sectors and the
 * people, their labels included (not the title, the world headings - the
 * sectors' colours and the list beside the picture name the worlds - and
 * the legend, which is shown beside it). */
function extent(g, items) {
	const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
	const add = (x0, y0, x1, y1) => {
		b.x0 = Math.min(b.x0, x0);
		b.y0 = Math.min(b.y0, y0);
		b.x1 = Math.max(b.x1, x1);
		b.y1 = Math.max(b.y1, y1);
	};
	for (const { it, path } of items) {
		if (it.type === 'sector')
			add(it.x - it.r1, it.y - it.r1, it.x + it.r1, it.y + it.r1);
		else if (it.box && it.person)
			add(it.box.x, it.box.y, it.box.x + it.box.w, it.box.y + it.box.h);
	}
	const m = 8;
	return { x: b.x0 - m, y: b.y0 - m, w: b.x1 - b.x0 + 2 * m, h: b.y1 - b.y0 + 2 * m };
}

/* A transparent area over a person's labels that reaches their target, so
 * the names click as the person too and the person has no hole between
 * symbol and name (the layout keeps both clear of everyone else). */
function labelHit(t, boxes) {
	if (!boxes.length)
		return null;
	const r = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
	for (const b of boxes) {
		r.x0 = Math.min(r.x0, b.x);
		r.y0 = Math.min(r.y0, b.y);
		r.x1 = Math.max(r.x1, b.x + b.w);
		r.y1 = Math.max(r.y1, b.y + b.h);
	}
	if (r.x1 <= t.x)
		r.x1 = t.x;
	else if (r.x0 >= t.x + t.w)
		r.x0 = t.x + t.w;
	else if (r.y0 >= t.y + t.h)
		r.y0 = t.y + t.h;
	else if (r.y1 <= t.y)
		r.y1 = t.y;
	return s('rect', { x: f1(r.x0), y: f1(r.y0), width: f1(r.x1 - r.x0), height: f1(r.y1 - r.y0),
		class: 'hit-label' });
}

/* An annular sector as path data, around (0, 0). */
function sectorPath(r0, r1, a0, a1) {
	const pt = (r, a) => `${f1(r * Math.cos(rad(a)))},${f1(r * Math.sin(rad(a)))}`;
	const large = a1 - a0 > 180 ? 1 : 0;
	return `M${pt(r1, a0)} A${f1(r1)},${f1(r1)} 0 ${large} 1 ${pt(r1, a1)} ` +
		`L${pt(r0, a1)} A${f1(r0)},${f1(r0)} 0 ${large} 0 ${pt(r0, a0)} Z`;
}

/* ---- drawing ---- */

/* The name a person's button says: what the picture shows beside the
 * symbol (the geometry's labels: the name, perhaps shortened, the role,
 * "vertrouwensfiguur"), in that order so a speech user can say what they
 * see, the full name first when the picture shortened it, then the ring. */
function nodeLabel(p, node, texts, trust) {
	const name = p.name || p.id;
	const role = (p.roles || [])[0];
	const shown = texts.length ? [...texts] : [name];
	if (shown[0] !== name)
		shown.unshift(name);
	if (node.child)
		return t('eco.childLabel', { name: shown.join(', ') });
	if (role && !shown.includes(te('role', role)))
		shown.push(te('role', role));
	if (trust && !texts.length)
		shown.push(t('eco.trustFigure'));
	return `${shown.join(', ')}, ${t(`ring.${node.ring}`)}`;
}

/* The picture: sectors to click in, rings, ties, people (each a button with
 * its click target, symbol, star and labels).  Drawn around the child at
 * (0, 0) of the SVG's own units. */
function draw(g, items, doc) {
	const cx = g.centre.x;
	const cy = g.centre.y;
	const box = extent(g, items);
	const child = items.find(({ it }) => it.type === 'node' && it.child);
	const childId = child ? child.it.person : null;
	const trust = new Set(items.filter(({ it }) => it.type === 'node' && it.trust).map(({ it }) => it.person));
	const svg = s('svg', { viewBox: `${f1(box.x - cx)} ${f1(box.y - cy)} ${f1(box.w)} ${f1(box.h)}`,
		class: 'eco', id: 'ecogram', role: 'group',
		'aria-label': t('eco.svgLabel', { name: nameOf(doc, childId) }) });
	const world = s('g', { transform: `translate(${-cx} ${-cy})` });
	const cells = s('g', { class: 'cells' });
	const rings = s('g', { class: 'rings', 'aria-hidden': 'true', fill: 'none' });
	const ties = s('g', { class: 'ties', 'aria-hidden': 'true' });
	const people = s('g', { class: 'people' });
	const centre = s('g', { class: 'centre' });
	const nodes = new Map();
	for (const { it, path } of items) {
		if (it.type === 'sector') {
			const a0 = it.a0;
			const a1 = it.a1;
			const mid = rad((a0 + a1) / 2);
			const rm = (it.r0 + it.r1) / 2;
			cells.append(s('path', { d: sectorPath(it.r0, it.r1, a0, a1), transform: `translate(${cx} ${cy})`,
				class: `cell w-${it.world} r${it.ring}`, dataset: { world: it.world, segment: it.segment,
					ring: it.ring, cx: f1(rm * Math.cos(mid)), cy: f1(rm * Math.sin(mid)), a0: f1(a0), a1: f1(a1),
					r0: f1(it.r0), r1: f1(it.r1) } },
			s('title', {}, t('eco.cellTitle', { segment: te('segment', it.segment),
				world: te('world', it.world), ring: t(`ring.${it.ring}`) }))));
		} else if (it.type === 'ring') {
			const grp = path[path.length - 1] || {};
			rings.append(s('circle', { cx: it.x, cy: it.y, r: it.r, ...styleAttrs(grp) }));
		} else if (it.type === 'tie' && it.tie !== undefined) {
			const withChild = it.a === childId || it.b === childId;
			if (withChild || ui.others)
				ties.append(drawItem(it));
		} else if (it.type === 'node') {
			nodes.set(it.person, { node: it, extra: [], labels: [], texts: [] });
		} else if ((it.type === 'star' || it.type === 'label') && it.person && !inGroup(path, 'legend')) {
			const n = nodes.get(it.person);
			/* a space between two labels (not drawn: text directly in a
			 * <g> is not rendered), so "Sanne Bakker" "ouder" read as two
			 * words, as the button's name says them */
			if (n)
				n.extra.push(drawItem(it), it.type === 'label' ? ' ' : null);
			if (n && it.box)
				n.labels.push(it.box);
			if (n && it.type === 'label' && it.text)
				n.texts.push(it.text);
		}
	}
	for (const [id, { node, extra, labels, texts }] of nodes) {
		const p = personById(doc, id) || { id };
		const isChild = node.child;
		const b = node.box;
		const label = nodeLabel(p, node, texts, trust.has(id));
		(isChild ? centre : people).append(s('g', { class: ['node', isChild ? 'child' : null, node.deceased ? 'dead' : null,
			node.trust ? 'trust' : null], tabindex: 0, role: 'button', 'aria-label': label,
		dataset: { person: id, ring: node.ring, world: node.world || '', segment: node.segment || '' } },
		s('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6, class: 'hit' }),
		labelHit(b, labels), drawItem(node), extra));
	}
	world.append(cells, rings, ties, centre, people);
	svg.append(world);
	return svg;
}

/* The legend beside the picture, from the geometry's own legend: each entry
 * its sample (drawn as the picture draws it) and its words. */
function legendList(g) {
	const legend = flat(g.items, []).filter(({ path }) => inGroup(path, 'legend'));
	const entries = [];
	for (const { it, path } of legend) {
		const entry = path.find((x) => x.class === 'legend-item');
		let last = entries[entries.length - 1];
		if (!entry) {
			if (it.type === 'label')
				entries.push({ note: it.text });
			continue;
		}
		if (!last || last.group !== entry) {
			last = { group: entry, sample: [], text: '' };
			entries.push(last);
		}
		if (it.type === 'label')
			last.text = it.text;
		else
			last.sample.push(it);
	}
	return h('ul', { class: 'eco-legend' }, entries.map((e) => {
		if (e.note)
			return h('li', { class: 'note' }, e.note);
		const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
		for (const it of e.sample) {
			let r = it.box;
			if (!r && it.x1 !== undefined)
				r = { x: it.x1, y: it.y1 - 8, w: it.x2 - it.x1, h: 16 };
			else if (!r && it.x !== undefined)
				r = { x: it.x - (it.r || 8), y: it.y - (it.r || 8), w: 2 * (it.r || 8), h: 2 * (it.r || 8) };
			if (!r)
				continue;
			b.x0 = Math.min(b.x0, r.x);
			b.y0 = Math.min(b.y0, r.y);
			b.x1 = Math.max(b.x1, r.x + r.w);
			b.y1 = Math.max(b.y1, r.y + r.h);
		}
		const w = b.x1 - b.x0 + 4;
		const ht = b.y1 - b.y0 + 4;
		return h('li', {}, s('svg', { viewBox: `${f1(b.x0 - 2)} ${f1(b.y0 - 2)} ${f1(w)} ${f1(ht)}`,
			width: f1(w), height: f1(ht), 'aria-hidden': 'true', class: 'sample' },
		e.sample.map(drawItem)), h('span', {}, e.text));
	}));
}

/* ---- interaction ---- */

/* SVG user coordinates (around the child) of a pointer event. */
function toSvg(svg, ev) {
	const m = svg.getScreenCTM();
	if (!m)
		return { x: 0, y: 0 };
	const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
	return { x: p.x, y: p.y };
}

/* The sector a point (around the child) falls in, or null. */
function hitSector(sectors, x, y) {
	const r = Math.hypot(x, y);
	const a = (Math.atan2(y, x) * 180) / Math.PI;
	return sectors.find((sc) => {
		let aa = a;
		while (aa < sc.a0)
			aa += 360;
		return r >= sc.r0 && r < sc.r1 && aa < sc.a1;
	}) || null;
}

function addAt(world, segment, ring) {
	return personDialog(null, { world, segment, ring, role: SEGMENT_ROLE[segment] });
}

/* Moves person id from (ring, world, segment) of its node to those of the
 * sector `to`: the tie with the child and the person's world and segment. */
async function moveTo(id, from, to) {
	const p = personById(cs.doc, id);
	if (!p)
		return;
	const changeWedge = from.world !== to.world || from.segment !== to.segment;
	if (to.ring === from.ring && !changeWedge)
		return;
	const desc = t('eco.movedDesc', { name: p.name || id, ring: t(`ring.${to.ring}`) });
	try {
		await save(desc, (d) => {
			const q = personById(d, id);
			if (!q)
				throw new Error(t('person.gone', { name: p.name || id }));
			if (to.ring !== from.ring)
				setRing(d, id, to.ring);
			if (changeWedge) {
				q.world = to.world;
				q.segment = to.segment;
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

const where = (node) => ({ ring: Number(node.dataset.ring), world: node.dataset.world,
	segment: node.dataset.segment });

/* A person chosen (on the picture or in the list): the person's dialog
 * (with the ring the geometry put the person in), or one end of a new tie
 * in "draw a tie" mode. */
function activateId(id, status, ring) {
	if (ui.mode === 'tie') {
		selectForTie(id, status);
		return;
	}
	const p = personById(cs.doc, id);
	if (p)
		personDialog(p, { ring });
}

function wire(svg, sectors, status) {
	let drag = null;
	let suppressUntil = 0;
	const put = (node, dx, dy) => node.setAttribute('transform', dx || dy ? `translate(${f1(dx)} ${f1(dy)})` : '');
	svg.addEventListener('pointerdown', (ev) => {
		const node = ev.target.closest('.node');
		if (!node || node.classList.contains('child') || ev.button !== 0 || ui.mode !== 'edit')
			return;
		drag = { node, id: node.dataset.person, start: toSvg(svg, ev), moved: false, pointerId: ev.pointerId };
		node.setPointerCapture(ev.pointerId);
	});
	svg.addEventListener('pointermove', (ev) => {
		if (!drag || ev.pointerId !== drag.pointerId)
			return;
		if (ui.pinching) {     /* a second finger: a pinch, not a drag */
			put(drag.node, 0, 0);
			drag.node.classList.remove('dragging');
			drag = null;
			return;
		}
		const p = toSvg(svg, ev);
		const dx = p.x - drag.start.x;
		const dy = p.y - drag.start.y;
		if (!drag.moved && Math.hypot(dx, dy) < 8)
			return;
		drag.moved = true;
		put(drag.node, dx, dy);
		drag.node.classList.add('dragging');
		const hit = hitSector(sectors, p.x, p.y);
		for (const c of svg.querySelectorAll('.cell.drop'))
			c.classList.remove('drop');
		if (hit)
			svg.querySelector(`.cell[data-world="${hit.world}"][data-segment="${hit.segment}"][data-ring="${hit.ring}"]`)
				?.classList.add('drop');
	});
	const endDrag = async (ev) => {
		if (!drag || ev.pointerId !== drag.pointerId)
			return;
		const d = drag;
		drag = null;
		if (!d.moved)
			return;     /* a click: handled by the click listener */
		suppressUntil = Date.now() + 400;
		const p = toSvg(svg, ev);
		const hit = hitSector(sectors, p.x, p.y);
		if (hit)
			await moveTo(d.id, where(d.node), hit);
		put(d.node, 0, 0);
		d.node.classList.remove('dragging');
	};
	svg.addEventListener('pointerup', endDrag);
	svg.addEventListener('pointercancel', (ev) => {
		if (drag && ev.pointerId === drag.pointerId) {
			put(drag.node, 0, 0);
			drag = null;
		}
	});
	const activate = (node) => activateId(node.dataset.person, status, Number(node.dataset.ring));
	svg.addEventListener('click', (ev) => {
		if (Date.now() < suppressUntil || Date.now() < (ui.noClickUntil || 0))
			return;
		const node = ev.target.closest('.node');
		if (node) {
			activate(node);
			return;
		}
		const cell = ev.target.closest('.cell');
		if (cell && ui.mode === 'edit')
			addAt(cell.dataset.world, cell.dataset.segment, Number(cell.dataset.ring));
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
			const from = where(node);
			const ring = ev.key === '+' ? Math.max(1, from.ring - 1) : Math.min(4, from.ring + 1);
			/* the picture is drawn anew after the save: focus goes back to
			 * the same person there */
			ui.focus = node.dataset.person;
			moveTo(ui.focus, from, { ...from, ring });
		}
	});
}

/* The scale (CSS pixels per unit) the picture opens at: at least
 * min_scale, as large as the screen allows but never above one pixel per
 * unit; and the scale at which the whole picture fits. */
function scales(canvas, svg, g) {
	const vb = svg.viewBox.baseVal;
	const room = Math.max(320, window.innerHeight - canvas.getBoundingClientRect().top - 16);
	const all = Math.min(canvas.clientWidth / vb.width, room / vb.height);
	return { base: Math.max(g.min_scale, Math.min(1, all)), all: Math.min(all, g.min_scale), room };
}

/* Draws the picture at zoom z (times the opening scale), keeping the point
 * at (cx, cy) of the screen (or the canvas's middle) where it was. */
function setZoom(canvas, svg, g, z, at) {
	const sc = scales(canvas, svg, g);
	const zoom = Math.min(ZOOM_MAX, Math.max(sc.all / sc.base, z));
	const vb = svg.viewBox.baseVal;
	const r = canvas.getBoundingClientRect();
	const ox = at ? at.x - r.left : canvas.clientWidth / 2;
	const oy = at ? at.y - r.top : canvas.clientHeight / 2;
	const oldW = svg.width.baseVal.value || 1;
	const oldH = svg.height.baseVal.value || 1;
	const fx = (canvas.scrollLeft + ox) / oldW;
	const fy = (canvas.scrollTop + oy) / oldH;
	const w = vb.width * sc.base * zoom;
	const hh = vb.height * sc.base * zoom;
	svg.setAttribute('width', f1(w));
	svg.setAttribute('height', f1(hh));
	canvas.scrollLeft = Math.max(0, fx * w - ox);
	canvas.scrollTop = Math.max(0, fy * hh - oy);
	ui.zoom = zoom;
	ui.scroll = { left: canvas.scrollLeft, top: canvas.scrollTop };
	const out = document.getElementById('zoom-out');
	const inn = document.getElementById('zoom-in');
	if (out)
		out.disabled = zoom <= sc.all / sc.base + 1e-6;
	if (inn)
		inn.disabled = zoom >= ZOOM_MAX - 1e-6;
}

/* Shows the picture at the opening scale times ui.zoom.  The canvas is as
 * high as the screen below its top and scrolls when the picture is larger:
 * centred on the child the first time, where it was after a change. */
function fit(canvas, svg, g, keep) {
	const vb = svg.viewBox.baseVal;
	const sc = scales(canvas, svg, g);
	const zoom = Math.min(ZOOM_MAX, Math.max(sc.all / sc.base, keep ? ui.zoom : 1));
	svg.setAttribute('width', f1(vb.width * sc.base * zoom));
	svg.setAttribute('height', f1(vb.height * sc.base * zoom));
	canvas.style.maxHeight = `${Math.round(sc.room)}px`;
	ui.zoom = zoom;
	if (keep && ui.scroll) {
		canvas.scrollLeft = ui.scroll.left;
		canvas.scrollTop = ui.scroll.top;
	} else {
		canvas.scrollLeft = Math.max(0, -vb.x * sc.base * zoom - canvas.clientWidth / 2);
		canvas.scrollTop = Math.max(0, -vb.y * sc.base * zoom - canvas.clientHeight / 2);
	}
	setZoom(canvas, svg, g, zoom, null);
}

/* Zoom and move by hand: Ctrl/Cmd + wheel (and a touchpad's pinch) zooms
 * around the pointer; two fingers pinch; one finger on the background
 * moves the picture (the picture takes every touch itself: touch-action
 * none, so a person can be dragged with a finger). */
function wireZoom(canvas, svg, g) {
	canvas.addEventListener('scroll', () => {
		ui.scroll = { left: canvas.scrollLeft, top: canvas.scrollTop };
	}, { passive: true });
	canvas.addEventListener('wheel', (ev) => {
		if (!ev.ctrlKey && !ev.metaKey)
			return;
		ev.preventDefault();
		setZoom(canvas, svg, g, ui.zoom * Math.exp(-ev.deltaY * 0.0025), { x: ev.clientX, y: ev.clientY });
	}, { passive: false });
	const touches = new Map();
	let pinch = null;
	let pan = null;
	svg.addEventListener('pointerdown', (ev) => {
		if (ev.pointerType !== 'touch')
			return;
		touches.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
		if (touches.size === 2) {
			const [a, b] = [...touches.values()];
			pinch = { d: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: ui.zoom };
			pan = null;
			ui.pinching = true;
		} else if (touches.size === 1 && !ev.target.closest('.node')) {
			pan = { x: ev.clientX, y: ev.clientY, left: canvas.scrollLeft, top: canvas.scrollTop, moved: false };
		}
	}, true);
	svg.addEventListener('pointermove', (ev) => {
		if (ev.pointerType !== 'touch' || !touches.has(ev.pointerId))
			return;
		touches.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
		if (pinch && touches.size >= 2) {
			const [a, b] = [...touches.values()];
			const d = Math.hypot(a.x - b.x, a.y - b.y) || 1;
			setZoom(canvas, svg, g, pinch.zoom * (d / pinch.d), { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
		} else if (pan) {
			const dx = ev.clientX - pan.x;
			const dy = ev.clientY - pan.y;
			if (Math.hypot(dx, dy) > 8)
				pan.moved = true;
			if (pan.moved) {
				canvas.scrollLeft = pan.left - dx;
				canvas.scrollTop = pan.top - dy;
			}
		}
	}, true);
	const end = (ev) => {
		if (ev.pointerType !== 'touch')
			return;
		touches.delete(ev.pointerId);
		if (touches.size < 2)
			pinch = null;
		if (!touches.size) {
			/* a pan or a pinch is no tap: no person added where the finger lifted */
			ui.noClickUntil = pan && pan.moved ? Date.now() + 400 : ui.noClickUntil;
			if (ui.pinching)
				ui.noClickUntil = Date.now() + 400;
			ui.pinching = false;
			pan = null;
		}
	};
	svg.addEventListener('pointerup', end, true);
	svg.addEventListener('pointercancel', end, true);
}

/* The same people as the picture, as a list: the geometry's nodes by ring
 * (the child first), each a button with the words the picture shows beside
 * the symbol and the world and segment. */
function personList(items, doc, activate) {
	const nodes = items.filter(({ it }) => it.type === 'node' && it.person).map(({ it }) => it);
	const words = new Map();
	for (const { it, path } of items)
		if (it.type === 'label' && it.person && it.text && !inGroup(path, 'legend'))
			words.set(it.person, [...(words.get(it.person) || []), it.text]);
	const item = (n) => {
		const p = personById(doc, n.person) || { id: n.person };
		const texts = words.get(n.person) || [];
		const name = p.name || p.id;
		const more = texts.filter((x, i) => !(i === 0 || x === name));
		const where = n.world ? [te('world', n.world), n.segment ? te('segment', n.segment) : null].filter(Boolean).join(' · ') : '';
		return h('li', {}, h('button', { type: 'button', class: ['person-item', n.world ? `w-${n.world}` : null,
			n.deceased ? 'dead' : null], dataset: { person: n.person, ring: n.ring },
		onclick: () => activate(n.person, n.ring) },
		h('strong', {}, name), more.length ? h('span', {}, more.join(', ')) : null,
		where ? h('span', { class: 'muted small' }, where) : null));
	};
	const child = nodes.filter((n) => n.child);
	const groups = [1, 2, 3, 4].map((r) => [r, nodes.filter((n) => !n.child && n.ring === r)]).filter(([, ns]) => ns.length);
	return h('div', { class: 'eco-list', id: 'eco-list' },
		child.length ? h('section', { 'aria-labelledby': 'eco-list-child' },
			h('h3', { id: 'eco-list-child' }, t('eco.listChild')), h('ul', { class: 'people-list' }, child.map(item))) : null,
		groups.map(([r, ns]) => h('section', { 'aria-labelledby': `eco-list-r${r}` },
			h('h3', { id: `eco-list-r${r}` }, t(`ring.${r}`), ' ', h('span', { class: 'muted small' }, `(${ns.length})`)),
			h('ul', { class: 'people-list' }, ns.map(item)))));
}

export async function render(body) {
	const doc = cs.doc;
	let g;
	try {
		const r = await api('GET', `/api/cases/${encodeURIComponent(cs.ref)}/layout/ecogram`,
			{ query: { lang: getLang(), ...asOfQuery() } });   /* the as-of day of the case head */
		g = r.data;
	} catch (e) {
		if (e.status === 401)
			throw e;
		mount(body, h('p', { class: 'warn' }, t('picture.failed', { reason: e.messages ? e.messages.join(' ') : String(e) })));
		return;
	}
	const items = flat(g.items);
	const sectors = items.filter(({ it }) => it.type === 'sector').map(({ it }) => it);
	const svg = draw(g, items, doc);
	const status = h('p', { class: 'mode-status', role: 'status', 'aria-live': 'polite' },
		ui.mode === 'tie' ? t('eco.tiePickA') : t('eco.howto'));
	const tieBtn = h('button', { type: 'button', class: ['btn', ui.mode === 'tie' ? 'primary' : 'secondary'],
		id: 'tie-mode', 'aria-pressed': ui.mode === 'tie' ? 'true' : 'false', onclick: () => {
			ui.mode = ui.mode === 'tie' ? 'edit' : 'tie';
			ui.tieFrom = null;
			render(body).then(() => document.getElementById('tie-mode')?.focus());
		} }, ui.mode === 'tie' ? t('eco.tieModeOff') : t('eco.tieMode'));
	const othersCb = h('input', { type: 'checkbox', id: 'eco-others', checked: ui.others, onchange: (ev) => {
		ui.others = ev.target.checked;
		render(body);
	} });
	/* the trust figures as the library's geometry marks them */
	const trust = items.filter(({ it }) => it.type === 'node' && it.trust).map(({ it }) => it.person);
	const sigs = cs.signals.filter((sg) => ECO_SIGNALS.includes(sg.id));
	const childName = nameOf(doc, childId(doc));
	/* the segments of each world as the geometry has them, with the number
	 * of people in rings 1-3 */
	const nodes = items.filter(({ it }) => it.type === 'node' && !it.child).map(({ it }) => it);
	const wedges = sectors.filter((sc) => sc.ring === 1);
	const prompts = h('div', { class: 'prompts', id: 'prompts' }, WORLDS.map((w) => h('div', { class: 'prompt-world' },
		h('h4', { class: `w-${w}` }, te('world', w)),
		h('ul', {}, wedges.filter((wd) => wd.world === w).map((wd) => {
			const n = nodes.filter((p) => (p.world || 'shared') === wd.world && p.segment === wd.segment &&
				p.ring < 4).length;
			return h('li', {}, h('button', { type: 'button', class: ['prompt', `w-${wd.world}`],
				dataset: { world: wd.world, segment: wd.segment },
				/* what the button shows first ("Familie 3"), then what it means */
				'aria-label': `${te('segment', wd.segment)} ${n} (${t('eco.count', { n })}), ${te('world', wd.world)}: ${t('eco.prompt')}`,
				onclick: () => addAt(wd.world, wd.segment, 2) },
			h('span', { 'aria-hidden': 'true' }, '+ '), te('segment', wd.segment),
			h('span', { class: 'prompt-n' }, ` ${n}`)));
		})))));
	const keep = ui.ref === cs.ref;
	if (!keep) {
		ui.ref = cs.ref;
		ui.zoom = 1;
		ui.scroll = null;
	}
	const list = ui.view === 'list';
	const canvas = h('div', { class: 'eco-canvas', hidden: list }, svg);
	const again = (id) => render(body).then(() => document.getElementById(id)?.focus());
	const tool = (id, label, text, onclick) => h('button', { type: 'button', class: 'btn secondary', id,
		'aria-label': label === text ? null : label, title: label === text ? null : label, onclick }, text);
	const tools = h('div', { class: 'eco-tools', role: 'toolbar', 'aria-label': t('eco.tools') },
		list ? null : [
			tool('zoom-out', t('eco.zoomOut'), '−', () => setZoom(canvas, svg, g, ui.zoom / 1.25, null)),
			tool('zoom-in', t('eco.zoomIn'), '+', () => setZoom(canvas, svg, g, ui.zoom * 1.25, null)),
			tool('zoom-fit', t('eco.zoomFit'), t('eco.zoomFit'), () => setZoom(canvas, svg, g, 0, null)),
			tool('zoom-reset', t('eco.zoomReset'), t('eco.zoomReset'), () => setZoom(canvas, svg, g, 1, null)),
		],
		h('button', { type: 'button', class: 'btn secondary', id: 'eco-view', onclick: () => {
			ui.view = list ? 'picture' : 'list';
			again('eco-view');
		} }, list ? t('eco.viewPicture') : t('eco.viewList')));
	mount(body,
		h('h2', { id: 'tab-title', class: 'sr-only' }, t('tab.ecogram')),
		h('div', { class: 'eco-layout' },
			h('div', { class: 'eco-main' }, canvas,
				list ? personList(items, doc, (id, ring) => activateId(id, status, ring)) : null, tools,
				h('p', { class: 'muted small' }, list ? t('eco.listHint') : t('eco.keys'))),
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
					legendList(g)),
				h('p', {}, h('a', { href: renderUrl(cs.ref, 'ecogram', 'svg'), target: '_blank', rel: 'noopener' },
					t('eco.serverPicture'))))));
	if (!list) {
		fit(canvas, svg, g, keep);
		wire(svg, sectors, status);
		wireZoom(canvas, svg, g);
	}
	if (ui.focus) {
		svg.querySelector(`.node[data-person="${CSS.escape(ui.focus)}"]`)?.focus();
		ui.focus = null;
	}
}

export { hitSector, tieIndex };
