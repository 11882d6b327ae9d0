// ecogram.mjs - end-to-end tests of the ecogram in the browser (issue 8,
// layout apart from drawing; issue 11, the ecogram's click targets and the
// colour of a conflict), run by `make e2e` after run.mjs.  The browser must
// draw the ecogram from GET /api/cases/{ref}/layout/ecogram and nothing
// else: every cell, ring, tie and person in the DOM is the geometry's; no
// two people's click targets overlap and each is at least 44 px, in every
// demo case and at 150 people, and clicking the middle of a target reaches
// that person; a conflict between two adults is red in the picture and in
// its legend; and editing (add in a sector, drag, keyboard, draw a tie)
// still works and draws a freshly fetched geometry.
//
// With harness.mjs: a fresh database with the example cases (and here a
// 150-person case and an empty one), `kring serve` on a free port, Debian's
// chromium through playwright-core; every test also fails on a console
// error, a page error, a failed file or a 5xx.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLES, PW, REF, bigCase, kring, launch, newPage, registerFirst, serve, stop } from './harness.mjs';

const BIG = 'E2E-ECO-150';
const EMPTY = 'E2E-ECO-NEW';
const RED = '#D55E00';

let tmp;
let server;
let base;
let browser;
let page;

before(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-e2e-eco-'));
	const db = path.join(tmp, 'e2e.db');
	const big = path.join(tmp, `${BIG}.json`);
	const empty = path.join(tmp, `${EMPTY}.json`);
	fs.writeFileSync(big, JSON.stringify(bigCase(BIG, 150)));
	fs.writeFileSync(empty, JSON.stringify({ format: 'kring-case/1', case: { ref: EMPTY, child: 'c' },
		persons: [{ id: 'c', name: 'Lotte Kuipers', sex: 'f', born: '2016-02-01', roles: ['child'] }] }));
	kring(['--db', db, 'init']);
	registerFirst(db);   /* the register before the cases that name its families */
	kring(['--db', db, '--author', 'e2e', 'import', ...EXAMPLES, big, empty]);
	kring(['--db', db, '--author', 'e2e', 'user', 'add', 'anouk', '--role', 'worker', '--team', 'noord'], `${PW.anouk}\n`);
	for (const ref of [...EXAMPLES.map((f) => path.basename(f, '.json')), BIG, EMPTY])
		kring(['--db', db, '--author', 'e2e', 'assign', ref, 'anouk']);
	({ base, proc: server } = await serve(db));
	browser = await launch();
	/* one page for the whole file, counting the geometry requests */
	page = await newPage({ browser, base });
	page.layouts = 0;
	page.on('request', (r) => {
		if (/\/layout\/ecogram/.test(new URL(r.url()).pathname))
			page.layouts++;
	});
	await page.goto(`${base}/#/login`);
	await page.fill('input[name=user]', 'anouk');
	await page.fill('input[name=password]', PW.anouk);
	await page.click('.login-form button[type=submit]');
	await page.waitForSelector('table.cases');
});

after(async () => {
	if (browser)
		await browser.close();
	await stop(server);
	if (tmp)
		fs.rmSync(tmp, { recursive: true, force: true });
});

function clean() {
	assert.deepEqual(page.problems, [], 'no console errors, page errors or failed files');
}

/* fetch() from inside the page (with its cookies): the parsed body. */
async function fetchJson(url) {
	return page.evaluate(async (u) => {
		const r = await fetch(u, { headers: { Accept: 'application/json' } });
		return { status: r.status, body: await r.json(), etag: r.headers.get('ETag') };
	}, url);
}

/* The items of a geometry, groups opened. */
function flat(items, out = []) {
	for (const it of items) {
		if (it.type === 'group')
			flat(it.items, out);
		else
			out.push(it);
	}
	return out;
}

/* Opens the ecogram of case ref and waits until it is drawn (the page
 * before may have shown another case's). */
async function openEcogram(ref) {
	await page.goto(`${base}/#/cases/${ref}/ecogram`);
	await page.waitForFunction((r) => document.querySelector('.case-head') &&
		document.querySelector('.case-head').textContent.includes(r) &&
		document.querySelector('#ecogram .node'), ref);
}

const f1 = (v) => String(Math.round(v * 10) / 10);

test('the browser draws the ecogram from the endpoint\'s geometry and nothing else', async () => {
	await openEcogram(REF);
	const g = (await fetchJson(`/api/cases/${REF}/layout/ecogram`)).body;
	assert.equal(g.format, 'kring-geometry/1');
	const items = flat(g.items);
	const dom = await page.evaluate(() => {
		const svg = document.getElementById('ecogram');
		const attrs = (el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
		return {
			width: Number(svg.getAttribute('width')),
			viewBox: svg.viewBox.baseVal.width,
			nodes: [...svg.querySelectorAll('.node')].map((n) => ({ id: n.dataset.person, ring: n.dataset.ring,
				segment: n.dataset.segment, hit: attrs(n.querySelector('.hit')),
				sym: [...n.querySelector('.sym').children].map(attrs) })),
			cells: [...svg.querySelectorAll('.cell')].map((c) => ({ ...c.dataset })),
			ties: [...svg.querySelectorAll('.ties .tie')].map((t) => ({ stroke: t.getAttribute('stroke'),
				width: t.getAttribute('stroke-width'), d: [...t.children].map((p) => p.getAttribute('d')) })),
			rings: [...svg.querySelectorAll('.rings circle')].map((c) => Number(c.getAttribute('r'))),
		};
	});
	/* people: their target, ring, segment and symbol are the geometry's */
	const nodes = items.filter((it) => it.type === 'node');
	assert.equal(dom.nodes.length, nodes.length, 'every person once');
	for (const n of nodes) {
		const d = dom.nodes.find((x) => x.id === n.person);
		assert.ok(d, `${n.person} is drawn`);
		assert.equal(d.ring, String(n.ring));
		assert.equal(d.segment, n.segment || '');
		for (const [k, v] of [['x', n.box.x], ['y', n.box.y], ['width', n.box.w], ['height', n.box.h]])
			assert.ok(Math.abs(Number(d.hit[k]) - v) < 0.05, `${n.person} target ${k}: ${d.hit[k]} = ${v}`);
		assert.equal(d.sym.length, n.parts.length);
		n.parts.forEach(({ el, ...attrs }, i) => {
			for (const [k, v] of Object.entries(attrs))
				assert.equal(d.sym[i][k], v, `${n.person} symbol ${el} ${k}`);
		});
	}
	/* the sectors are the cells, exactly */
	const sectors = items.filter((it) => it.type === 'sector');
	assert.equal(dom.cells.length, sectors.length);
	for (const sc of sectors)
		assert.ok(dom.cells.some((c) => c.world === sc.world && c.segment === sc.segment && c.ring === String(sc.ring) &&
			c.a0 === f1(sc.a0) && c.a1 === f1(sc.a1) && c.r0 === f1(sc.r0) && c.r1 === f1(sc.r1)),
		`cell ${sc.world}/${sc.segment}/${sc.ring}`);
	/* ties: the writer's pieces, colours and widths */
	const ties = items.filter((it) => it.type === 'tie' && it.tie !== undefined && it.parts.length);
	assert.equal(dom.ties.length, ties.length);
	for (const t of ties)
		assert.ok(dom.ties.some((x) => x.stroke === t.colour && Number(x.width) === t.width &&
			x.d.join('|') === t.parts.map((p) => p.d).join('|')), `tie ${t.tie}`);
	assert.deepEqual(dom.rings, items.filter((it) => it.type === 'ring').map((r) => r.r));
	/* drawn at least min_scale pixels per unit */
	assert.ok(dom.width / dom.viewBox >= g.min_scale - 1e-6, `scale ${dom.width / dom.viewBox}`);
	clean();
});

/* The targets on screen: each at least 44 px, none overlapping, and the
 * middle of each reaches its own person. */
async function checkTargets(ref, expected) {
	await openEcogram(ref);
	const r = await page.evaluate(async () => {
		const nodes = [...document.querySelectorAll('#ecogram .node')];
		const boxes = nodes.map((n) => ({ id: n.dataset.person, b: n.querySelector('.hit').getBoundingClientRect() }));
		const small = boxes.filter((x) => x.b.width < 44 || x.b.height < 44).map((x) => x.id);
		const overlaps = [];
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i].b;
				const b = boxes[j].b;
				if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
					overlaps.push(`${boxes[i].id}/${boxes[j].id}`);
			}
		const wrong = [];
		for (const n of nodes) {
			n.querySelector('.hit').scrollIntoView({ block: 'center', inline: 'center' });
			const b = n.querySelector('.hit').getBoundingClientRect();
			const at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
			const hit = at && at.closest('.node');
			if (!hit || hit.dataset.person !== n.dataset.person)
				wrong.push(`${n.dataset.person}->${hit ? hit.dataset.person : 'nothing'}`);
		}
		return { n: nodes.length, small, overlaps, wrong };
	});
	assert.equal(r.n, expected, `${ref}: every person drawn`);
	assert.deepEqual(r.small, [], `${ref}: targets under 44 px`);
	assert.deepEqual(r.overlaps, [], `${ref}: overlapping targets`);
	assert.deepEqual(r.wrong, [], `${ref}: a click on a person reaches someone else`);
}

test('no two click targets overlap and each is at least 44 px: every demo case and 150 people', async () => {
	for (const f of EXAMPLES) {
		const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
		await checkTargets(doc.case.ref, doc.persons.length);
	}
	await checkTargets(BIG, 150);
	/* and a click opens that person, not a neighbour */
	await openEcogram('PZ-2026-0103');
	const doc = (await fetchJson('/api/cases/PZ-2026-0103')).body;
	for (const p of doc.persons.slice(1, 7)) {
		const hit = page.locator(`#ecogram .node[data-person="${p.id}"] .hit`);
		await hit.scrollIntoViewIfNeeded();
		const b = await hit.boundingBox();
		await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
		await page.waitForSelector('dialog[open]');
		assert.equal(await page.getByLabel('Naam', { exact: true }).inputValue(), p.name, `clicking ${p.name}`);
		await page.keyboard.press('Escape');
		await page.waitForSelector('dialog[open]', { state: 'detached' });
	}
	clean();
});

test('a conflict between two adults is red in the picture and in its legend', async () => {
	await openEcogram('PZ-2026-0103');
	const r = await page.evaluate(() => ({
		conflict: [...document.querySelectorAll('#ecogram .tie.q-conflict, #ecogram .tie.q-broken')]
			.map((t) => t.getAttribute('stroke')),
		legend: [...document.querySelectorAll('.eco-legend li')].map((li) => ({ text: li.textContent,
			stroke: (li.querySelector('.tie') || { getAttribute: () => null }).getAttribute('stroke') })),
	}));
	assert.ok(r.conflict.length >= 2, 'the case has ties in conflict');
	assert.deepEqual([...new Set(r.conflict)], [RED]);
	for (const word of ['conflict', 'verbroken']) {
		const row = r.legend.find((x) => x.text.trim() === word);
		assert.ok(row, `the legend says ${word}`);
		assert.equal(row.stroke, RED, `the legend draws ${word} red`);
	}
	clean();
});

test('editing from the geometry: add in a sector, keyboard, drag, draw a tie; each save fetches it anew', async () => {
	await openEcogram(EMPTY);
	assert.equal(await page.locator('#ecogram .people .node').count(), 0);
	/* add two people by clicking in their sector: the middle of the cell */
	const add = async (world, segment, ring, name) => {
		const before = page.layouts;
		const cell = page.locator(`#ecogram .cell[data-world="${world}"][data-segment="${segment}"][data-ring="${ring}"]`);
		const spot = await cell.evaluate((el) => {
			const d = el.dataset;
			const m = el.ownerSVGElement.getScreenCTM();
			const p = new DOMPoint(Number(d.cx), Number(d.cy)).matrixTransform(m);
			return { x: p.x, y: p.y };
		});
		await page.mouse.click(spot.x, spot.y);
		await page.waitForSelector('dialog[open]');
		await page.getByLabel('Naam', { exact: true }).fill(name);
		await page.click('dialog[open] [data-action=save]');
		await page.waitForSelector('dialog[open]', { state: 'detached' });
		await page.waitForSelector(`#ecogram .node[aria-label^="${name},"]`);
		assert.ok(page.layouts > before, 'the geometry is fetched again after the save');
	};
	await add('origin', 'family', 2, 'Papa Joost');
	await add('foster', 'household', 1, 'Pleegmoeder Ans');
	const joost = page.locator('#ecogram .node[aria-label^="Papa Joost,"]');
	assert.equal(await joost.getAttribute('data-ring'), '2');
	assert.equal(await joost.getAttribute('data-world'), 'origin');
	assert.equal(await joost.getAttribute('data-segment'), 'family');
	/* the new person sits where the new geometry says */
	const g = (await fetchJson(`/api/cases/${EMPTY}/layout/ecogram`)).body;
	const id = await joost.getAttribute('data-person');
	const n = flat(g.items).find((it) => it.type === 'node' && it.person === id);
	assert.equal(await joost.locator('.hit').getAttribute('x'), String(n.box.x));
	/* keyboard: + closer, - further away */
	await joost.focus();
	await page.keyboard.press('+');
	await page.waitForFunction(() => document.querySelector('#ecogram .node[aria-label^="Papa Joost,"]')?.dataset.ring === '1');
	for (const ring of ['2', '3']) {
		await page.keyboard.press('-');
		await page.waitForFunction((r) => document.activeElement?.dataset.ring === r &&
			document.activeElement.getAttribute('aria-label').startsWith('Papa Joost,'), ring);
	}
	/* drag to the family of origin's friends in ring 2 */
	const from = await page.locator('#ecogram .node[aria-label^="Papa Joost,"] .hit').boundingBox();
	const to = await page.$eval('#ecogram .cell[data-world="origin"][data-segment="friends"][data-ring="2"]', (el) => {
		const p = new DOMPoint(Number(el.dataset.cx), Number(el.dataset.cy)).matrixTransform(el.ownerSVGElement.getScreenCTM());
		return { x: p.x, y: p.y };
	});
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 15, from.y + from.height / 2, { steps: 4 });
	await page.mouse.move(to.x, to.y, { steps: 10 });
	await page.mouse.up();
	await page.waitForFunction(() => {
		const el = document.querySelector('#ecogram .node[aria-label^="Papa Joost,"]');
		return el && el.dataset.ring === '2' && el.dataset.segment === 'friends';
	});
	/* a tie in conflict between the two adults: drawn red */
	await page.click('#tie-mode');
	await page.click('#ecogram .node[aria-label^="Papa Joost,"]');
	await page.click('#ecogram .node[aria-label^="Pleegmoeder Ans,"]');
	await page.waitForSelector('dialog[open]');
	await page.getByLabel('Hoe sterk?').selectOption('normal');
	await page.getByLabel('Hoe voelt het contact?').selectOption('conflict');
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open]', { state: 'detached' });
	await page.click('#tie-mode');
	await page.waitForSelector('#ecogram .ties .tie.q-conflict');
	assert.equal(await page.getAttribute('#ecogram .ties .tie.q-conflict', 'stroke'), RED);
	const doc = (await fetchJson(`/api/cases/${EMPTY}`)).body;
	assert.equal(doc.persons.length, 3);
	assert.ok(doc.ties.some((x) => x.quality === 'conflict'));
	clean();
});
