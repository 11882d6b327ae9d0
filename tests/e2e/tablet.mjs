// tablet.mjs - the worker's pages on a tablet (1024x768) and a phone
// (390x844, touch) (issue 11): no page is wider than the screen, the tabs
// fit (one row that scrolls on a phone), every button, field and tab is a
// target of at least 44 px; the ecogram of a 150-person case has no two
// people whose click targets overlap and zooms with its buttons, Ctrl +
// wheel and two fingers; its list view lists every person, from the same
// geometry the picture is drawn from.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, REF, TABLET, bigCase, clean, goto, login, newPage, pageFetch, setup, shot } from './harness.mjs';

const BIG = 'E2E-TAB-150';
let w;

before(async () => {
	w = await setup('tablet', { cases: [bigCase(BIG, 150)] });
});

after(async () => {
	if (w)
		await w.close();
});

const PAGES = [
	['my cases', '#/cases', 'table.cases tbody tr[data-ref]'],
	['new case', '#/cases/new', 'main form'],
	['overview', `#/cases/${REF}`, '.tab-overview #tab-title'],
	['ecogram', `#/cases/${REF}/ecogram`, '#ecogram .node'],
	['ecogram 150', `#/cases/${BIG}/ecogram`, '#ecogram .node'],
	['genogram', `#/cases/${REF}/genogram`, '.tab-genogram figure img'],
	['lifeline', `#/cases/${REF}/lifeline`, '.tab-lifeline figure img'],
	['sociogram', `#/cases/${REF}/sociogram`, '.tab-sociogram figure img'],
	['scan', `#/cases/${REF}/scan`, '.tab-scan figure img'],
	['flower', `#/cases/${REF}/flower`, '.tab-flower figure img'],
	['plan', `#/cases/${REF}/plan`, '.tab-plan #tab-title'],
	['meeting', `#/cases/${REF}/meeting`, '.tab-meeting #tab-title'],
	['history', `#/cases/${REF}/history`, '#revisions li'],
	['sharing', `#/cases/${REF}/sharing`, '#share-form'],
];

/* What is wrong with the page as it is: wider than the screen, or a
 * control smaller than 44 x 44 px (buttons, fields, selects, the tabs and
 * the main navigation; a check box counts with its label's row; links in
 * running text are exempt, as WCAG has them). */
function problems(page) {
	return page.evaluate(() => {
		const out = [];
		const vw = window.innerWidth;
		const sw = document.documentElement.scrollWidth;
		if (sw > vw)
			out.push(`the page is ${sw} px wide on a ${vw} px screen`);
		const seen = (el) => {
			const r = el.getBoundingClientRect();
			const st = getComputedStyle(el);
			return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && !el.closest('[hidden], .sr-only, svg, dialog:not([open])');
		};
		const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
		const sel = 'button, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea, nav a, summary';
		for (const el of document.querySelectorAll(sel)) {
			if (!seen(el))
				continue;
			const r = el.getBoundingClientRect();
			if (r.height < 43.5 || r.width < 43.5)
				out.push(`${name(el)} is ${Math.round(r.width)} x ${Math.round(r.height)} px`);
		}
		for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
			if (!seen(el))
				continue;
			const row = el.closest('.check, label') || el;
			const r = row.getBoundingClientRect();
			if (r.height < 43.5)
				out.push(`${name(row)} (a check box with its label) is ${Math.round(r.height)} px high`);
		}
		return out;
	});
}

for (const [size, viewport, touch] of [['tablet 1024x768', TABLET, true], ['phone 390x844', PHONE, true]])
	test(`every page fits a ${size} with targets of 44 px`, async () => {
		const page = await newPage(w, { viewport, touch });
		await login(w, page, 'anouk');
		const found = [];
		for (const [what, hash, sel] of PAGES) {
			await goto(page, hash, sel);
			await page.waitForLoadState('networkidle');
			for (const p of await problems(page))
				found.push(`${what}: ${p}`);
			if (hash.endsWith('/sharing') || hash.endsWith('/plan'))
				await shot(page, `${what}-${touch ? 'phone' : 'tablet'}`);
		}
		/* the open tab is in view in the row of tabs */
		await goto(page, `#/cases/${REF}/sharing`, '#share-form');
		const tab = await page.locator('nav.tabs [data-tab="sharing"]').boundingBox();
		assert.ok(tab.x >= 0 && tab.x + tab.width <= viewport.width + 1, 'the open tab is in view');
		/* a dialog fits too */
		await goto(page, `#/cases/${REF}/ecogram`, '#prompts button');
		await page.click('#prompts button[data-world="origin"][data-segment="family"]');
		await page.waitForSelector('dialog[open] [data-action=save]');
		for (const p of await problems(page))
			found.push(`person dialog: ${p}`);
		await page.keyboard.press('Escape');
		assert.deepEqual(found, []);
		clean(page);
		await page.context().close();
	});

test('the analyst\'s figures, the login page and the family\'s view fit a phone', async () => {
	const page = await newPage(w, { viewport: PHONE, touch: true });
	await page.goto(`${w.base}/#/login`);
	await page.waitForSelector('.login-form');
	assert.deepEqual(await problems(page), [], 'login');
	await login(w, page, 'ana');
	await page.waitForSelector('#stats');
	assert.deepEqual(await problems(page), [], 'figures');
	await goto(page, '#/dashboard', '#dash-asof');
	await page.waitForLoadState('networkidle');
	assert.deepEqual(await problems(page), [], 'dashboard');
	clean(page);
	await page.context().close();
});

/* The click targets of the people on the ecogram as drawn (CSS pixels). */
function targets(page) {
	return page.$$eval('#ecogram .node', (ns) => ns.map((n) => {
		const r = n.querySelector('.hit').getBoundingClientRect();
		return { id: n.dataset.person, x: r.x, y: r.y, w: r.width, h: r.height };
	}));
}

function overlaps(ts) {
	const out = [];
	for (let i = 0; i < ts.length; i++)
		for (let j = i + 1; j < ts.length; j++) {
			const a = ts[i];
			const b = ts[j];
			if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5)
				out.push(`${a.id} and ${b.id}`);
		}
	return out;
}

test('150 people on a phone: no two click targets overlap, each at least 44 px; zoom; the list has everyone', async () => {
	const page = await newPage(w, { viewport: PHONE, touch: true });
	await login(w, page, 'anouk');
	await goto(page, `#/cases/${BIG}/ecogram`, '#ecogram .node');
	const doc = (await pageFetch(page, `/api/cases/${BIG}`)).body;
	const geo = (await pageFetch(page, `/api/cases/${BIG}/layout/ecogram`)).body;
	let ts = await targets(page);
	assert.equal(ts.length, doc.persons.length, 'everyone is on the picture');
	assert.deepEqual(overlaps(ts), [], 'no two click targets overlap');
	for (const x of ts)
		assert.ok(x.w >= 43.5 && x.h >= 43.5, `${x.id}'s target is ${x.w} x ${x.h}`);
	/* the middle of each target reaches that person (a sample of 40, spread over the picture) */
	for (const x of ts.filter((_, i) => i % 4 === 0)) {
		const hit = await page.evaluate(([px, py]) => {
			const c = document.querySelector('.eco-canvas');
			const el = document.elementFromPoint(px, py);
			return el ? el.closest('.node')?.dataset.person : null;
		}, [x.x + x.w / 2, x.y + x.h / 2]);
		if (hit !== undefined && hit !== null)
			assert.equal(hit, x.id);
	}
	await shot(page, 'ecogram-phone');
	/* zoom with the buttons: larger, then everything in view, then back */
	const width = async () => Number(await page.getAttribute('#ecogram', 'width'));
	const w0 = await width();
	await page.click('#zoom-in');
	assert.ok(await width() > w0 * 1.2, 'zoom in');
	await page.click('#zoom-fit');
	const wf = await width();
	assert.ok(wf <= PHONE.width, `everything in view: ${wf} px`);
	assert.ok(await page.isDisabled('#zoom-out'), 'no further out than everything');
	await page.click('#zoom-reset');
	assert.equal(Math.round(await width()), Math.round(w0));
	ts = await targets(page);
	assert.deepEqual(overlaps(ts), [], 'still no overlap after zooming');
	/* Ctrl + wheel over the picture */
	const box = await page.locator('.eco-canvas').boundingBox();
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.keyboard.down('Control');
	await page.mouse.wheel(0, -300);
	await page.keyboard.up('Control');
	await page.waitForFunction((x) => Number(document.getElementById('ecogram').getAttribute('width')) > x * 1.3, w0);
	/* two fingers apart: larger */
	await page.click('#zoom-reset');
	const before = await width();
	const cdp = await page.context().newCDPSession(page);
	await page.locator('.eco-canvas').scrollIntoViewIfNeeded();
	const box2 = await page.locator('.eco-canvas').boundingBox();
	const cx = box2.x + box2.width / 2;
	const cy = box2.y + Math.min(box2.height, PHONE.height - box2.y) / 2;
	const touchAt = (type, d) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [
		{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }] });
	await touchAt('touchStart', 30);
	for (const d of [45, 60, 80, 100])
		await touchAt('touchMove', d);
	await touchAt('touchEnd', 100);
	await page.waitForFunction((x) => Number(document.getElementById('ecogram').getAttribute('width')) > x * 1.5, before);
	/* the list: every person of the geometry, once, with the same ring */
	await page.click('#eco-view');
	await page.waitForSelector('#eco-list');
	const listed = await page.$$eval('#eco-list [data-person]', (bs) => bs.map((b) => [b.dataset.person, b.dataset.ring]));
	const nodes = [];
	const walk = (items) => {
		for (const it of items)
			if (it.type === 'group')
				walk(it.items);
			else if (it.type === 'node' && it.person)
				nodes.push([it.person, String(it.ring)]);
	};
	walk(geo.items);
	assert.equal(listed.length, doc.persons.length, 'the list has every person');
	assert.deepEqual([...listed].sort(), [...nodes].sort(), 'the same people in the same rings as the geometry');
	assert.deepEqual(await problems(page), [], 'the list fits the phone');
	await shot(page, 'ecogram-list-phone');
	/* a person in the list opens their dialog */
	await page.click('#eco-list [data-person="p5"]');
	await page.waitForSelector('dialog[open] [data-action=save]');
	assert.equal(await page.getByLabel('Naam', { exact: true }).inputValue(), doc.persons.find((p) => p.id === 'p5').name);
	await page.keyboard.press('Escape');
	await page.click('#eco-view');
	await page.waitForSelector('#ecogram .node');
	clean(page);
	await page.context().close();
});
