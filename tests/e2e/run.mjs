// run.mjs - end-to-end tests of kring's browser UI (issue 5), run by
// `make e2e` (tests/e2e/e2e.mk) with node's test runner.  It makes a fresh
// database with the example cases and test accounts, starts `kring serve`
// on a free 127.0.0.1 port, and drives Debian's chromium through
// playwright-core.  Every test also fails on a console error, an uncaught
// page error, a failed static file or a 5xx from the API.
// KRING_SCREENSHOTS=1 saves the main screens in docs/screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, PW, REF, ROOT, SHOTS, clean, newPage as harnessPage, pageFetch, setup, shot as harnessShot }
	from './harness.mjs';

const NEW_REF = `E2E-${process.pid}`;
/* A meeting whose attendance is recorded lies in the past: the server takes
 * attendance only once a meeting's day has come (docs/case-edit.md). */
const MEETING_DAY = new Date(Date.now() - 86400e3).toISOString().slice(0, 10);

let w;          /* the harness's world: database, server, browser */
let base;
const timings = [];

before(async () => {
	w = await setup('run');
	base = w.base;
});

after(async () => {
	if (w)
		await w.close();
	if (timings.length) {
		console.log('# page load times (ms): navigation start -> load event / -> view drawn with its data');
		for (const x of timings)
			console.log(`#   ${x.name.padEnd(22)} ${String(x.load).padStart(5)} / ${String(x.ready).padStart(5)}`);
	}
});

/* A page that records every problem (harness.mjs). */
function newPage(opts = {}) {
	return harnessPage(w, opts);
}

/* A screenshot once the page has settled (KRING_SCREENSHOTS=1). */
async function shot(page, name, full = false) {
	if (!SHOTS)
		return;
	await page.waitForTimeout(300);
	await harnessShot(page, name, full);
}

async function login(page, user) {
	await page.goto(`${base}/#/login`);
	await page.fill('input[name=user]', user);
	await page.fill('input[name=password]', PW[user]);
	await page.click('.login-form button[type=submit]');
}

async function caseDoc(page, ref) {
	const r = await pageFetch(page, `/api/cases/${ref}`);
	assert.equal(r.status, 200);
	return r.body;
}

/* Clicks inside an ecogram cell (segment, ring) like a person would: the
 * first spot of the cell (its middle first) where nobody stands already. */
async function clickCell(page, world, segment, ring) {
	const sel = `#ecogram .cell[data-world="${world}"][data-segment="${segment}"][data-ring="${ring}"]`;
	const spot = await page.$eval(sel, (el) => {
		const d = el.dataset;
		const m = el.ownerSVGElement.getScreenCTM();
		for (const fr of [0.5, 0.3, 0.7, 0.2, 0.8])
			for (const fa of [0.5, 0.3, 0.7, 0.15, 0.85]) {
				const r = Number(d.r0) + (Number(d.r1) - Number(d.r0)) * fr;
				const a = ((Number(d.a0) + (Number(d.a1) - Number(d.a0)) * fa) * Math.PI) / 180;
				const p = new DOMPoint(r * Math.cos(a), r * Math.sin(a)).matrixTransform(m);
				if (document.elementFromPoint(p.x, p.y) === el)
					return { x: p.x, y: p.y };
			}
		return null;
	});
	assert.ok(spot, `a free spot in ${world}/${segment} ring ${ring}`);
	await page.mouse.click(spot.x, spot.y);
}

let worker;   /* anouk's page, shared by the tests in order */

test('catalogues: the same keys in nl and en, every key used exists, no inline styles', () => {
	const nl = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/i18n/nl.json'), 'utf8'));
	const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/i18n/en.json'), 'utf8'));
	assert.deepEqual(Object.keys(nl).sort(), Object.keys(en).sort());
	const files = [];
	const walk = (d) => {
		for (const f of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, f.name);
			if (f.isDirectory())
				walk(p);
			else if (/\.(js|html)$/.test(f.name))
				files.push(p);
		}
	};
	walk(path.join(ROOT, 'web'));
	const missing = [];
	for (const f of files) {
		const src = fs.readFileSync(f, 'utf8');
		for (const m of src.matchAll(/\bt\('([^']+)'/g))
			if (!(m[1] in nl))
				missing.push(`${path.basename(f)}: ${m[1]}`);
		for (const m of src.matchAll(/data-i18n="([^"]+)"/g))
			if (!(m[1] in nl))
				missing.push(`${path.basename(f)}: ${m[1]}`);
		assert.doesNotMatch(src, /\sstyle="|setAttribute\('style'|<script>|\son[a-z]+="/,
			`${path.basename(f)} has an inline style or script`);
		assert.doesNotMatch(src, /https?:\/\/(?!www\.w3\.org)/, `${path.basename(f)} loads something from outside`);
	}
	assert.deepEqual(missing, []);
	/* every module of the worker's UI is preloaded, so the page needs no waterfall */
	const index = fs.readFileSync(path.join(ROOT, 'web/index.html'), 'utf8');
	for (const f of files.filter((x) => x.endsWith('.js'))) {
		const rel = `/${path.relative(path.join(ROOT, 'web'), f)}`;
		if (rel !== '/js/share.js' && rel !== '/js/app.js')
			assert.ok(index.includes(`<link rel="modulepreload" href="${rel}">`), `${rel} is preloaded`);
	}
});

test('a worker logs in and sees their cases, searchable and sortable', async () => {
	worker = await newPage();
	await worker.goto(`${base}/`);
	await worker.waitForSelector('.login-form');
	await shot(worker, 'login');
	await worker.fill('input[name=user]', 'anouk');
	await worker.fill('input[name=password]', 'not-the-password-1');
	await worker.click('.login-form button[type=submit]');
	await worker.waitForSelector('.login-form .form-error:not([hidden])');
	assert.match(await worker.textContent('.login-form .form-error'), /Verkeerde gebruikersnaam of wachtwoord/);
	await worker.fill('input[name=password]', PW.anouk);
	await worker.click('.login-form button[type=submit]');
	await worker.waitForSelector('table.cases tbody tr[data-ref]');
	assert.equal(await worker.locator('table.cases tbody tr[data-ref]').count(), EXAMPLES.length);
	/* most severe first by default: the first row has an alert */
	assert.match(await worker.textContent('table.cases tbody tr:first-child'), /alarm/);
	await shot(worker, 'my-cases');
	await worker.click('button.sort:has-text("Kind")');
	const first = await worker.textContent('table.cases tbody tr:first-child th');
	await worker.click('button.sort:has-text("Kind")');
	assert.notEqual(await worker.textContent('table.cases tbody tr:first-child th'), first);
	await worker.fill('input[type=search]', 'Daan');
	assert.equal(await worker.locator('table.cases tbody tr[data-ref]').count(), 1);
	await worker.fill('input[type=search]', '');
	clean(worker);
});

test('the case overview shows the child, placements, signals with advice and the five factors', async () => {
	await worker.goto(`${base}/#/cases/${REF}`);
	await worker.waitForSelector('#signals li.signal');
	const api = await pageFetch(worker, `/api/cases/${REF}/signals`);
	assert.equal(await worker.locator('#signals li.signal').count(), api.body.length);
	assert.ok(await worker.locator('#signals .advice').count() > 0, 'advice is shown');
	assert.equal(await worker.locator('#factors li.factor').count(), 5);
	assert.equal(await worker.getAttribute('#factors [data-factor=trust]', 'data-status'), 'ok');
	assert.equal(await worker.getAttribute('#factors [data-factor=continuity]', 'data-status'), 'concern');
	assert.match(await worker.textContent('#current-placement'), /voltijdpleegzorg/);
	await shot(worker, 'case-overview', true);
	clean(worker);
});

test('a worker creates a case', async () => {
	await worker.goto(`${base}/#/cases`);
	await worker.click('#new-case');
	await worker.waitForSelector('form.form');
	await worker.fill('form.form input[type=text] >> nth=0', NEW_REF);
	await worker.getByLabel('Naam van het kind').fill('Mila de Boer');
	await worker.getByLabel('Geslacht').selectOption('f');
	await worker.getByLabel('Geboren').fill('2015-06-01');
	await worker.click('form.form button[type=submit]');
	await worker.waitForURL(new RegExp(`#/cases/${NEW_REF}/ecogram$`));
	await worker.waitForSelector('#ecogram');
	const doc = await caseDoc(worker, NEW_REF);
	assert.equal(doc.persons.length, 1);
	assert.equal(doc.persons[0].name, 'Mila de Boer');
	clean(worker);
});

const TEN = [
	['Oma Truus', 'origin', 'family', 1], ['Opa Wim', 'origin', 'family', 2], ['Mama Ilse', 'origin', 'family', 2],
	['Juf Sanne', 'shared', 'school_work', 2], ['Vriendin Fenna', 'shared', 'friends', 1],
	['Trainer Rob', 'shared', 'leisure', 3], ['Pleegmoeder Karin', 'foster', 'household', 1],
	['Pleegvader Erik', 'foster', 'household', 1], ['Buurvrouw Els', 'foster', 'neighbourhood', 3],
	['Begeleider Noor', 'professional', 'professionals', 2],
];

test('maps 10 people on the ecogram by clicking in their segment and ring', async () => {
	for (const [i, [name, world, segment, ring]] of TEN.entries()) {
		await clickCell(worker, world, segment, ring);
		await worker.waitForSelector('dialog[open]');
		await worker.getByLabel('Naam', { exact: true }).fill(name);
		await worker.click('dialog[open] [data-action=save]');
		await worker.waitForSelector('dialog[open]', { state: 'detached' });
		await worker.waitForFunction((n) => document.querySelectorAll('#ecogram .people .node').length === n, i + 1);
		const node = worker.locator(`#ecogram .node[aria-label^="${name},"]`);
		assert.equal(await node.getAttribute('data-ring'), String(ring), `${name} lands in ring ${ring}`);
		assert.equal(await node.getAttribute('data-world'), world);
		assert.equal(await node.getAttribute('data-segment'), segment);
	}
	/* touch targets of at least 44 px on a 1024 x 768 screen */
	const hit = await worker.locator('#ecogram .node .hit').first().boundingBox();
	assert.ok(hit.width >= 44 && hit.height >= 44, `a person is ${hit.width} px wide`);
	const doc = await caseDoc(worker, NEW_REF);
	assert.equal(doc.persons.length, 11);
	assert.equal(doc.ties.length, 10, 'every person has a tie with the child');
	const karin = doc.persons.find((p) => p.name === 'Pleegmoeder Karin');
	const tie = doc.ties.find((x) => x.b === karin.id);
	assert.equal(tie.strength, 'strong');
	await shot(worker, 'ecogram');
	clean(worker);
});

test('drags a person to another ring and draws a tie between two people', async () => {
	const node = worker.locator('#ecogram .node[aria-label^="Buurvrouw Els,"]');
	assert.equal(await node.getAttribute('data-ring'), '3');
	/* a person at the canvas's bottom edge is scrolled into view first, as a person would */
	await node.locator('.hit').scrollIntoViewIfNeeded();
	const from = await node.locator('.hit').boundingBox();
	const target = await worker.$eval('#ecogram .cell[data-world="foster"][data-segment="neighbourhood"][data-ring="1"]', (el) => {
		const p = new DOMPoint(Number(el.dataset.cx), Number(el.dataset.cy)).matrixTransform(el.ownerSVGElement.getScreenCTM());
		return { x: p.x, y: p.y };
	});
	await worker.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await worker.mouse.down();
	await worker.mouse.move(from.x + from.width / 2 - 20, from.y + from.height / 2, { steps: 4 });
	await worker.mouse.move(target.x, target.y, { steps: 10 });
	await worker.mouse.up();
	await worker.waitForFunction(() => {
		const n = document.querySelector('#ecogram .node[aria-label^="Buurvrouw Els,"]');
		return n && n.dataset.ring === '1';
	});
	let doc = await caseDoc(worker, NEW_REF);
	const els = doc.persons.find((p) => p.name === 'Buurvrouw Els');
	assert.equal(doc.ties.find((x) => x.b === els.id).strength, 'strong');
	/* draw a tie: Karin - Ilse (the two worlds meet) */
	await worker.click('#tie-mode');
	await worker.click('#ecogram .node[aria-label^="Pleegmoeder Karin,"]');
	await worker.click('#ecogram .node[aria-label^="Mama Ilse,"]');
	await worker.waitForSelector('dialog[open]');
	await worker.getByLabel('Hoe sterk?').selectOption('normal');
	await worker.getByLabel('Hoe voelt het contact?').selectOption('positive');
	await worker.getByLabel('Hoe vaak contact?').selectOption('monthly');
	await worker.getByLabel('praktische hulp').check();
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	await worker.click('#tie-mode');
	doc = await caseDoc(worker, NEW_REF);
	const id = (n) => doc.persons.find((p) => p.name === n).id;
	const tie = doc.ties.find((x) => [x.a, x.b].sort().join() === [id('Pleegmoeder Karin'), id('Mama Ilse')].sort().join());
	assert.ok(tie, 'the tie was saved');
	assert.equal(tie.quality, 'positive');
	assert.deepEqual(tie.support, ['practical']);
	clean(worker);
});

test('marks a trust figure and no-trust-figure disappears; undo brings it back', async () => {
	await worker.waitForSelector('#eco-signals [data-signal="no-trust-figure"]');
	await worker.click('#ecogram .node[aria-label^="Oma Truus,"]');
	await worker.waitForSelector('dialog[open]');
	await worker.getByLabel('Vertrouwensfiguur van Mila de Boer').check();
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('#eco-signals [data-signal="no-trust-figure"]', { state: 'detached' });
	assert.match(await worker.textContent('#trust-box'), /Oma Truus/);
	assert.equal(await worker.locator('#ecogram .node.trust').count(), 1);
	/* undo: the previous revision's content comes back as a new revision */
	const before = (await caseDoc(worker, NEW_REF));
	await worker.click('#undo');
	await worker.waitForSelector('#eco-signals [data-signal="no-trust-figure"]');
	const hist = await pageFetch(worker, `/api/cases/${NEW_REF}/history`);
	assert.ok(hist.body.revisions.length >= 15, 'undo is a new revision');
	assert.ok(before.ties.some((x) => x.trust_figure));
	assert.ok(!(await caseDoc(worker, NEW_REF)).ties.some((x) => x.trust_figure));
	/* and by keyboard this time: Tab to the person, Enter, tick, save */
	await worker.focus('#ecogram .node[aria-label^="Oma Truus,"]');
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open]');
	await worker.getByLabel('Vertrouwensfiguur van Mila de Boer').check();
	await worker.keyboard.press('Escape');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	assert.equal(await worker.evaluate(() => document.activeElement.closest('.node') !== null), true,
		'focus returns to the person after Escape');
	await worker.keyboard.press('Enter');
	await worker.getByLabel('Vertrouwensfiguur van Mila de Boer').check();
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('#eco-signals [data-signal="no-trust-figure"]', { state: 'detached' });
	clean(worker);
});

test('a colleague\'s change is shown in a conflict dialog and both changes are kept', async () => {
	const colleague = await newPage();
	await login(colleague, 'bram');
	await colleague.waitForSelector('table.cases');
	await colleague.goto(`${base}/#/cases/${NEW_REF}/ecogram`);
	await colleague.waitForSelector('#ecogram');
	/* anouk adds a person; bram's page still holds the older revision */
	await clickCell(worker, 'shared', 'online', 2);
	await worker.getByLabel('Naam', { exact: true }).fill('Gamevriend Tim');
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	await clickCell(colleague, 'shared', 'religion', 3);
	await colleague.getByLabel('Naam', { exact: true }).fill('Imam Yusuf');
	await colleague.click('dialog[open] [data-action=save]');
	await colleague.waitForSelector('dialog[open] [data-action=reapply]');
	const dlg = 'dialog[open]:has([data-action=reapply])';
	assert.match(await colleague.textContent(dlg), /Gamevriend Tim/, 'the colleague\'s change is shown');
	assert.match(await colleague.textContent('#conflict-theirs'), /Gamevriend Tim.*anouk/s,
		'in the history\'s words, with who made it');
	assert.match(await colleague.textContent(dlg), /Imam Yusuf/, 'the own change is shown');
	await colleague.click(`${dlg} [data-action=reapply]`);
	await colleague.waitForFunction(() => !document.querySelector('dialog[open]'));
	const doc = await caseDoc(colleague, NEW_REF);
	const names = doc.persons.map((p) => p.name);
	assert.ok(names.includes('Gamevriend Tim') && names.includes('Imam Yusuf'), 'no change is lost');
	clean(colleague);
	await colleague.context().close();
});

test('an agreement with a past due date is flagged, one without an owner too', async () => {
	await worker.goto(`${base}/#/cases/${NEW_REF}/plan`);
	await worker.waitForSelector('#add-agreement');
	await worker.click('#add-agreement');
	await worker.getByLabel('Wat?').fill('Oma Truus belt de school over het rapport.');
	await worker.getByLabel('Oma Truus').check();
	await worker.getByLabel('Klaar op').fill('2020-01-15');
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('#agreements tr[data-overdue="1"]');
	assert.match(await worker.textContent('#agreements tr[data-overdue="1"]'), /te laat/);
	await worker.click('#add-agreement');
	await worker.getByLabel('Wat?').fill('Iemand zoekt een zwemclub.');
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('#agreements tr[data-unowned="1"]');
	assert.match(await worker.textContent('#plan-signals'), /Afspraak over tijd/);
	assert.match(await worker.textContent('#load'), /Oma Truus/);
	/* the load is the library's count (summary agreements.per_person) */
	const per = (await (await worker.request.get(`${base}/api/cases/${NEW_REF}/summary`)).json()).agreements.per_person;
	assert.equal(await worker.locator('#load li').count(), per.length);
	assert.equal(await worker.textContent(`#load li[data-person="${per[0].person}"] .num`), String(per[0].open));
	/* the child's age in the head is the library's */
	const kid = (await (await worker.request.get(`${base}/api/cases/${NEW_REF}/summary`)).json()).child;
	if (Number.isInteger(kid.age))
		await worker.waitForSelector(`#case-title .age:has-text("${kid.age} jaar")`);
	/* a safety score, drawn on the line */
	await worker.getByLabel('Score (0-10)').fill('6');
	await worker.click('#scale-form button[type=submit]');
	await worker.waitForSelector('#scale-chart circle.pt');
	await shot(worker, 'plan', true);
	clean(worker);
});

test('plans a round-table meeting, records attendance and turns the outcome into the next plan', async () => {
	await worker.goto(`${base}/#/cases/${NEW_REF}/meeting`);
	await worker.click('#plan-meeting');
	await worker.waitForSelector('#meeting-form');
	await worker.check('#continuum input[value="C"]');
	await worker.fill('#meeting-form input[type=date]', MEETING_DAY);
	const invited = await worker.locator('#invite-list input:checked').count();
	assert.ok(invited >= 10, 'the whole informal network is suggested');
	await worker.click('#meeting-form button[type=submit]');
	await worker.waitForSelector('#attendance-form');
	assert.equal(await worker.locator('#invitations .invitation').count(), invited, 'one invitation per person');
	assert.equal(await worker.locator('#five-questions li').count(), 5);
	/* printing the invitations prints them and nothing else */
	await worker.evaluate(() => document.body.classList.add('printing-invitations'));
	await worker.emulateMedia({ media: 'print' });
	assert.ok(await worker.isVisible('#invitations .invitation >> nth=0'));
	assert.ok(!(await worker.isVisible('#attendance-form')));
	assert.ok(!(await worker.isVisible('nav.tabs')));
	await worker.emulateMedia({ media: 'screen' });
	await worker.evaluate(() => document.body.classList.remove('printing-invitations'));
	assert.ok(!(await worker.isVisible('#invitations')));
	for (const n of ['Oma Truus', 'Mama Ilse', 'Pleegmoeder Karin'])
		await worker.locator('#attendance').getByLabel(n, { exact: true }).check();
	/* saved item by item: wait for the meeting's own write */
	await Promise.all([
		worker.waitForResponse((r) => r.request().method() === 'PUT' && /\/meetings\/m\d+$/.test(r.url())),
		worker.click('#attendance-form button[type=submit]'),
	]);
	await worker.waitForFunction(() => document.querySelectorAll('#attendance input:checked').length === 3);
	let doc = await caseDoc(worker, NEW_REF);
	const m = doc.meetings[doc.meetings.length - 1];
	assert.equal(m.type, 'round_table');
	assert.equal(m.continuum, 'C');
	assert.equal(m.attended.length, 3);
	const version = doc.plan.version || 0;
	await worker.fill('#outcome-rows input[type=text] >> nth=0', 'Mama Ilse komt elke woensdag eten.');
	await worker.click('#outcome-form button[type=submit]');
	/* saved item by item: wait until the form speaks of the next version */
	await worker.waitForFunction((v) => new RegExp(`versie ${v} naar versie`).test(
		document.querySelector('#outcome-form').textContent), version + 1);
	doc = await caseDoc(worker, NEW_REF);
	assert.equal(doc.plan.version, version + 1);
	assert.equal(doc.plan.reviewed, MEETING_DAY);
	assert.ok(doc.plan.agreements.some((a) => a.what === 'Mama Ilse komt elke woensdag eten.'));
	await shot(worker, 'meeting', true);
	clean(worker);
});

test('a share link: the family adds a wish, marks its task done, and reaches nothing else', async () => {
	await worker.goto(`${base}/#/cases/${REF}/sharing`);
	await worker.waitForSelector('#share-form');
	await worker.selectOption('#share-person', { label: 'Ria Bakker-Smit' });
	await worker.click('#share-form button[type=submit]');
	const url = await worker.inputValue('#share-url');
	assert.match(url, /\/s\/#[A-Za-z0-9_-]{20,}$/);
	clean(worker);
	const fam = await newPage({ viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true } });
	await fam.goto(url);
	await fam.waitForSelector('#my-tasks .task');
	assert.equal(new URL(fam.url()).hash, '', 'the token leaves the address bar');
	assert.match(await fam.textContent('h1'), /Daan/);
	/* own tasks first: every task in "my tasks" names Ria */
	for (const t of await fam.locator('#my-tasks .task').allTextContents())
		assert.match(t, /Ria/);
	await fam.fill('#wish-text', 'Ik wil met Daan naar de dierentuin.');
	await fam.click('#wish-form button[type=submit]');
	await fam.waitForSelector('.wish:has-text("dierentuin")');
	const open = fam.locator('#my-tasks .task button');
	const before = await open.count();
	assert.ok(before > 0);
	await open.first().click();
	await fam.waitForFunction((n) => document.querySelectorAll('#my-tasks .task button').length === n - 1, before);
	await shot(fam, 'family-view');
	/* nothing else: no case, no other case, no worker page */
	for (const u of ['/api/cases', `/api/cases/${REF}`, '/api/cases/PZ-2026-0102', `/api/cases/${REF}/signals`,
		`/api/cases/${REF}/render/ecogram.svg`, '/api/stats', '/api/users', '/api/session'])
		assert.ok([401, 403, 404].includes((await pageFetch(fam, u)).status), `${u} is closed to the link holder`);
	const w = await pageFetch(fam, `/api/cases/${REF}/shares`, { method: 'POST',
		headers: { 'Content-Type': 'application/json' }, body: '{"person":"p2"}' });
	assert.ok([401, 403].includes(w.status));
	await fam.goto(`${base}/#/cases`);
	await fam.waitForSelector('.login-form');
	assert.equal(await fam.locator('table.cases').count(), 0);
	assert.doesNotMatch(await fam.textContent('main'), /Daan|Bakker/);
	await fam.goto(`${base}/#/cases/${REF}`);
	await fam.waitForSelector('.login-form');
	clean(fam);
	await fam.context().close();
	/* the worker sees the family's wish as part of the plan */
	const doc = await caseDoc(worker, REF);
	assert.ok(doc.plan.wishes.some((x) => x.text === 'Ik wil met Daan naar de dierentuin.'));
});

test('an analyst sees figures and no person', async () => {
	const an = await newPage();
	await login(an, 'ana');
	await an.waitForSelector('#stats');
	assert.match(an.url(), /#\/stats$/);
	const names = new Set();
	for (const f of EXAMPLES)
		for (const p of JSON.parse(fs.readFileSync(f, 'utf8')).persons)
			for (const part of (p.name || '').split(/\s+/))
				if (part.length > 3)
					names.add(part);
	const text = await an.textContent('body');
	for (const n of names)
		assert.ok(!text.includes(n), `the analyst's page does not show "${n}"`);
	assert.doesNotMatch(text, /PZ-2026-/);
	/* every signal, also the newer ones, by the library's title (GET /api/meta), never its id;
	 * the levels in the library's words; the disclosure rule as GET /api/stats says it */
	const sigRows = await an.locator('section.card table tbody tr td:first-child')
		.allTextContents();
	assert.ok(sigRows.includes('Wengesprek te laat'), 'settling-checkin-overdue has its title');
	assert.ok(sigRows.includes('Geen kennismaking voor de plaatsing'), 'a newer signal has its title');
	for (const r of sigRows)
		assert.doesNotMatch(r, /^[a-z]+(-[a-z]+)+$/, `"${r}" is a title, not an id`);
	assert.match(text, /alarm/);
	assert.match(await an.textContent('#stats-disclosure'), /afgerond op 5\. Aantallen onder de 10,/);
	assert.equal((await pageFetch(an, '/api/cases')).status, 403);
	assert.equal((await pageFetch(an, `/api/cases/${REF}`)).status, 403);
	await an.goto(`${base}/#/cases/${REF}`);
	await an.waitForSelector('[role=alert]');
	assert.doesNotMatch(await an.textContent('main'), /Daan/);
	clean(an);
	await an.context().close();
});

test('English switch is remembered; dialogs close on Escape', async () => {
	await worker.goto(`${base}/#/cases`);
	await worker.waitForSelector('table.cases');
	await worker.click('#lang-switch');
	await worker.waitForSelector('h1:has-text("My cases")');
	await worker.reload();
	await worker.waitForSelector('h1:has-text("My cases")');
	assert.equal(await worker.getAttribute('html', 'lang'), 'en');
	await worker.goto(`${base}/#/cases/${REF}/plan`);
	await worker.click('#add-agreement');
	await worker.waitForSelector('dialog[open]');
	await worker.keyboard.press('Escape');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	assert.equal(await worker.evaluate(() => document.activeElement.id), 'add-agreement');
	await worker.click('#lang-switch');
	await worker.waitForSelector('h2:has-text("Netwerkplan")');
	clean(worker);
});

test('every page loads without errors (times reported, not judged)', async () => {
	const pages = [
		['login', '/#/login', '.login-form', null],
		['my cases', '/#/cases', 'table.cases tbody tr', 'anouk'],
		['overview', `/#/cases/${REF}`, '#signals', 'anouk'],
		['ecogram', `/#/cases/${REF}/ecogram`, '#ecogram .node', 'anouk'],
		['genogram', `/#/cases/${REF}/genogram`, '#kinship-list', 'anouk'],
		['lifeline', `/#/cases/${REF}/lifeline`, '#event-list', 'anouk'],
		['sociogram', `/#/cases/${REF}/sociogram`, 'figure.picture', 'anouk'],
		['scan', `/#/cases/${REF}/scan`, 'figure.picture', 'anouk'],
		['flower', `/#/cases/${REF}/flower`, 'figure.picture', 'anouk'],
		['plan', `/#/cases/${REF}/plan`, '#agreements', 'anouk'],
		['meeting', `/#/cases/${REF}/meeting`, '#meetings', 'anouk'],
		['history', `/#/cases/${REF}/history`, '#revisions', 'anouk'],
		['figures (analyst)', '/#/stats', '#stats', 'ana'],
	];
	const sessions = {};
	for (const [name, route, sel, user] of pages) {
		let page = sessions[user || 'none'];
		if (!page) {
			page = await newPage();
			if (user) {
				await login(page, user);
				await page.waitForSelector(user === 'ana' ? '#stats' : 'table.cases');
			}
			sessions[user || 'none'] = page;
		}
		/* load the page once, then measure a reload from the same origin (a
		 * navigation from about:blank or another site also pays for the
		 * browser's process switch that Cross-Origin-Opener-Policy asks for) */
		await page.goto(`${base}${route}`, { waitUntil: 'load' });
		await page.waitForSelector(sel);
		await page.reload({ waitUntil: 'load' });
		await page.waitForSelector(sel);
		const t = await page.evaluate(() => {
			const nav = performance.getEntriesByType('navigation')[0];
			const drawn = performance.getEntriesByName('kring:drawn')[0];
			return { load: Math.round(nav.loadEventEnd - nav.startTime),
				ready: drawn ? Math.round(drawn.startTime) : -1 };
		});
		/* the times are reported, not judged: speed is measured in
		 * bench/pageload.mjs (BENCHMARKS.md), never in a test */
		timings.push({ name, ...t });
		assert.ok(t.load > 0, `${name} reached its load event`);
		clean(page);
	}
	for (const p of Object.values(sessions))
		await p.context().close();
});
