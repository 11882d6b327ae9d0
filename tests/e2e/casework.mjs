// casework.mjs - end-to-end tests of the case work in the browser (issue
// 11, the case work and words half): writes go item by item, placements
// and the case's own facts, lifeline events changed and removed (asked
// first, undone), meetings as they happen, Signs of Safety with danger
// statements and safety goals, documents, professionals-only items, history
// in words, and the words themselves (plurals, Dutch numbers).  Same
// harness as run.mjs: a fresh database with the example cases, `kring
// serve` on a free 127.0.0.1 port, Debian's chromium through playwright-core;
// every test fails on a console error, a page error, a failed static file or
// a 5xx.  KRING_SCREENSHOTS=1 saves the screens it covers in docs/screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLES, PW, REF, ROOT, TABLET, clean, kring, launch, newPage as harnessPage, pageFetch,
	registerFirst, serve, shot as harnessShot, stop } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const YESTERDAY = iso(Date.now() - DAY);
const NEXT_MONTH = iso(Date.now() + 30 * DAY);

let tmp;
let server;
let base;
let browser;
let page;
let newRef;   /* the case made by the new-case test */

before(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-e2e-cw-'));
	const db = path.join(tmp, 'e2e.db');
	kring(['--db', db, 'init']);
	registerFirst(db);   /* the register before the cases that name its families */
	kring(['--db', db, '--author', 'e2e', 'import', ...EXAMPLES]);
	kring(['--db', db, '--author', 'e2e', 'user', 'add', 'anouk', '--role', 'worker', '--team', 'noord'],
		`${PW.anouk}\n`);
	for (const f of EXAMPLES)
		kring(['--db', db, '--author', 'e2e', 'assign', path.basename(f, '.json'), 'anouk']);
	({ base, proc: server } = await serve(db));
	browser = await launch();
	page = await newPage();
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

/* The harness's page (it records every problem) that also records the
 * writes it sends, for the tests that check writes go item by item. */
async function newPage() {
	const p = await harnessPage({ browser, base }, { viewport: TABLET });
	p.requests = [];
	p.on('request', (r) => {
		if (r.method() !== 'GET')
			p.requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
	});
	return p;
}

const shot = (p, name) => harnessShot(p, name, true);

async function caseDoc(ref) {
	const r = await pageFetch(page, `/api/cases/${ref}`);
	assert.equal(r.status, 200);
	return r.body;
}

/* Waits until the case header shows revision rev or later. */
async function waitRevision(rev) {
	await page.waitForFunction((r) => {
		const m = /(?:versie|revision) (\d+)/.exec((document.querySelector('.case-title') || {}).textContent || '');
		return m && Number(m[1]) >= r;
	}, rev);
}

async function revision(ref) {
	const r = await pageFetch(page, `/api/cases/${ref}`);
	return Number(/\d+/.exec(r.etag)[0]);
}

test('words: every plural key in both languages, the terms of the glossary, "je" and never "u"', () => {
	const nl = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/i18n/nl.json'), 'utf8'));
	const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/i18n/en.json'), 'utf8'));
	assert.deepEqual(Object.keys(nl).sort(), Object.keys(en).sort());
	const missing = [];
	const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((f) =>
		(f.isDirectory() ? walk(path.join(d, f.name)) : f.name.endsWith('.js') ? [path.join(d, f.name)] : []));
	for (const f of walk(path.join(ROOT, 'web/js')))
		for (const m of fs.readFileSync(f, 'utf8').matchAll(/\btp\('([^']+)'/g))
			for (const form of ['one', 'other'])
				if (!(`${m[1]}.${form}` in nl))
					missing.push(`${path.basename(f)}: ${m[1]}.${form}`);
	assert.deepEqual(missing, [], 'every plural has its forms');
	/* one term per concept (docs/glossary.md), "je" not "u" */
	for (const [k, v] of Object.entries(nl)) {
		assert.doesNotMatch(v, /vertrouwenspersoon|wereld van herkomst|biologisch gezin/i, `${k}: glossary term`);
		assert.doesNotMatch(v, /\b(u|uw|Uw)\b(?![-.])/, `${k}: "je", never "u"`);
	}
	for (const [k, v] of Object.entries(en))
		if (!/\.(one|other)$/.test(k))
			assert.doesNotMatch(v, /\{n\} (years|wishes|signals|scores|people)\b/, `${k}: a plural outside a plural key`);
});

test('the case facts form clears "Perspectiefbesluit te laat"; the save goes item by item', async () => {
	await page.goto(`${base}/#/cases/${REF}`);
	await page.waitForSelector('#signals li.signal');
	assert.equal(await page.locator('#signals [data-signal="perspective-overdue"]').count(), 1);
	const rev = await revision(REF);
	page.requests.length = 0;
	await page.click('#edit-case');
	await page.fill('#case-dialog input[name=pd_date]', YESTERDAY);
	await page.fill('#case-dialog textarea[name=pd_outcome]', 'Daan groeit op in het pleeggezin.');
	await page.fill('#case-dialog input[name=mun_code]', 'GM0200');
	await page.fill('#case-dialog input[name=mun_name]', 'Apeldoorn');
	await page.selectOption('#case-dialog select[name=referrer]', 'court');
	await page.click('#case-dialog [data-action=save]');
	await waitRevision(rev + 1);
	await page.waitForFunction(() => !document.querySelector('#signals [data-signal="perspective-overdue"]'));
	assert.deepEqual(page.requests, [`PUT /api/cases/${REF}/case`], 'one item edit, not the whole document');
	const doc = await caseDoc(REF);
	assert.equal(doc.case.perspective_decision.date, YESTERDAY);
	assert.deepEqual(doc.case.municipality, { code: 'GM0200', name: 'Apeldoorn' });
	assert.equal(doc.case.referrer, 'court');
	assert.match(await page.textContent('#case-facts'), /Apeldoorn \(GM0200\)/);
	assert.match(await page.textContent('#case-facts'), /rechter/i);
	assert.notEqual(await page.getAttribute('#factors [data-factor=continuity]', 'data-status'), 'concern');
	/* the history says it in words, once, with the vocabulary's labels */
	const hist = await pageFetch(page, `/api/cases/${REF}/history?after=${rev}`);
	const words = hist.body.revisions[0].changes[0].text.nl;
	assert.match(words, /perspectiefbesluit .*verwezen door gecertificeerde instelling → rechter/);
	assert.equal(words.split('uitkomst perspectiefbesluit').length, 2, 'said once');
	assert.doesNotMatch(words, /court|referrer/);
	await shot(page, 'case-facts');
	clean(page);
});

test('a placement is added and changed through its form, labels from the library', async () => {
	await page.goto(`${base}/#/cases/${REF}`);
	await page.waitForSelector('#add-placement');
	const before = (await caseDoc(REF)).placements.length;
	page.requests.length = 0;
	await page.click('#add-placement');
	const forms = await page.$$eval('#placement-dialog select[name=form] option', (os) => os.map((o) => o.value));
	const meta = await pageFetch(page, '/api/meta');
	assert.deepEqual(forms, Object.keys(meta.body.vocabulary.enums.form), 'the forms of the library, in its order');
	await page.selectOption('#placement-dialog select[name=form]', 'crisis');
	await page.selectOption('#placement-dialog select[name=network]', 'no');
	await page.fill('#placement-dialog input[name=start]', '2023-01-10');
	await page.fill('#placement-dialog input[name=end]', '2023-02-20');
	await page.selectOption('#placement-dialog select[name=end_reason]', 'planned');
	await page.fill('#placement-dialog input[name=search_date]', '2023-01-05');
	await page.selectOption('#placement-dialog select[name=search_outcome]', 'none_available');
	await page.click('#placement-dialog [data-action=save]');
	await page.waitForSelector('#placements [data-placement]:has-text("crisisopvang")');
	assert.deepEqual(page.requests, [`POST /api/cases/${REF}/placements`]);
	let doc = await caseDoc(REF);
	assert.equal(doc.placements.length, before + 1);
	const pl = doc.placements[doc.placements.length - 1];
	assert.equal(pl.form, 'crisis');
	assert.equal(pl.network, false);
	assert.equal(pl.end_reason, 'planned');
	assert.deepEqual(pl.network_search, { date: '2023-01-05', outcome: 'none_available' });
	page.requests.length = 0;
	await page.click(`#placements [data-placement="${pl.id}"] button:has-text("Wijzigen")`);
	await page.fill('#placement-dialog input[name=end]', '2023-03-01');
	await page.click('#placement-dialog [data-action=save]');
	await page.waitForFunction(() => /maart 2023/.test(document.querySelector('#placements').textContent));
	assert.deepEqual(page.requests, [`PUT /api/cases/${REF}/placements/${pl.id}`]);
	doc = await caseDoc(REF);
	assert.equal(doc.placements.find((x) => x.id === pl.id).end, '2023-03-01');
	clean(page);
});

test('a lifeline event is changed, removed after asking, and the removal undone', async () => {
	await page.goto(`${base}/#/cases/${REF}/lifeline`);
	await page.waitForSelector('#event-list li');
	let doc = await caseDoc(REF);
	const n = doc.events.length;
	const first = doc.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.date.localeCompare(b.e.date))[0];
	page.requests.length = 0;
	await page.click('#event-list li >> nth=0 >> [data-action=edit]');
	await page.fill('#event-dialog textarea[name=text]', 'Geboren in het ziekenhuis van Apeldoorn.');
	await page.click('#event-dialog [data-action=save]');
	await page.waitForSelector('#event-list li:has-text("ziekenhuis van Apeldoorn")');
	assert.deepEqual(page.requests, [`PUT /api/cases/${REF}/events/${first.i}`]);
	doc = await caseDoc(REF);
	assert.equal(doc.events.length, n);
	assert.equal(doc.events[first.i].text, 'Geboren in het ziekenhuis van Apeldoorn.');
	/* removing asks first; "Annuleren" keeps it */
	await page.click('#event-list li:has-text("ziekenhuis van Apeldoorn") [data-action=remove]');
	await page.click('dialog [data-action=keep]');
	assert.equal((await caseDoc(REF)).events.length, n);
	page.requests.length = 0;
	await page.click('#event-list li:has-text("ziekenhuis van Apeldoorn") [data-action=remove]');
	await page.click('dialog [data-action=remove]');
	await page.waitForFunction(() => !/ziekenhuis van Apeldoorn/.test(document.querySelector('#event-list').textContent));
	assert.deepEqual(page.requests, [`DELETE /api/cases/${REF}/events/${first.i}`]);
	assert.equal((await caseDoc(REF)).events.length, n - 1);
	/* undo brings it back through the restore endpoint, as it was */
	page.requests.length = 0;
	await page.click('#undo');
	await page.waitForSelector('#event-list li:has-text("ziekenhuis van Apeldoorn")');
	assert.equal(page.requests.length, 1);
	assert.match(page.requests[0], new RegExp(`^POST /api/cases/${REF}/restore$`));
	doc = await caseDoc(REF);
	assert.equal(doc.events.length, n);
	assert.ok(doc.events.some((e) => e.text === 'Geboren in het ziekenhuis van Apeldoorn.'));
	clean(page);
});

test('a new case gets the next free number and a warning for a child who has a case', async () => {
	await page.goto(`${base}/#/cases/new`);
	await page.waitForSelector('form.form');
	const next = await pageFetch(page, '/api/cases/next-ref');
	assert.equal(await page.inputValue('form.form input[type=text] >> nth=0'), next.body.ref);
	await page.getByLabel('Naam van het kind').fill('Lina van Dijk');
	await page.getByLabel('Geboren').fill('2018-06-21');
	await page.click('form.form button[type=submit]');
	await page.waitForSelector('#duplicate-of');
	assert.match(await page.textContent('#duplicate-of'), /PZ-2026-0102/);
	await page.click('dialog [data-action=back]');
	assert.equal((await pageFetch(page, `/api/cases/${next.body.ref}`)).status, 404, 'nothing created');
	await page.click('form.form button[type=submit]');
	await page.click('dialog [data-action=create-anyway]');
	await page.waitForURL(new RegExp(`#/cases/${next.body.ref}/ecogram$`));
	const doc = await caseDoc(next.body.ref);
	assert.equal(doc.persons[0].name, 'Lina van Dijk');
	newRef = next.body.ref;
	clean(page);
});

test('a meeting in the future: planned with time, place and coordinator; what happened waits for its day', async () => {
	await page.goto(`${base}/#/cases/${REF}/meeting/new`);
	await page.waitForSelector('#meeting-form');
	await page.check('#continuum input[value="B"]');
	await page.fill('#meeting-form input[name=date]', NEXT_MONTH);
	await page.fill('#meeting-form input[name=time]', '19:30');
	await page.fill('#meeting-form input[name=place]', 'buurthuis De Kring');
	/* the foster care worker cannot coordinate an Eigen Kracht-conferentie: the library says so */
	const doc = await caseDoc(REF);
	const pro = doc.persons.find((p) => (p.roles || []).includes('foster_care_worker'));
	const outsider = doc.persons.find((p) => (p.roles || []).includes('neighbour') || (p.roles || []).includes('friend'));
	await page.selectOption('#meeting-form select[name=coordinator]', pro.id);
	await page.click('#meeting-form button[type=submit]');
	await page.waitForSelector('#meeting-form .form-error:not([hidden])');
	assert.match(await page.textContent('#meeting-form .form-error'), /onafhankelijk|independent/);
	await page.selectOption('#meeting-form select[name=coordinator]', outsider.id);
	await page.click('#meeting-form button[type=submit]');
	await page.waitForSelector('#attendance-form');
	assert.ok(await page.isDisabled('#attendance input >> nth=0'), 'attendance is closed before the day');
	assert.ok(await page.isDisabled('#attendance-form textarea[name=outcome]'), 'the outcome too');
	assert.ok(await page.isDisabled('#attendance-form button[type=submit]'));
	assert.ok(await page.isDisabled('#outcome-form button[type=submit]'), 'and the outcome into the plan');
	assert.match(await page.textContent('#not-yet'), /daarna/);
	assert.match(await page.textContent('#meeting-when'), /om 19:30, buurthuis De Kring/);
	await shot(page, 'meeting-planned');
	/* the invitation reads naturally: when, where, who leads */
	const inv = await page.textContent('#invitations .invitation >> nth=0');
	assert.match(inv, /Je bent van harte welkom bij een Eigen Kracht-conferentie over/);
	assert.match(inv, /19:30/);
	assert.match(inv, /buurthuis De Kring/);
	assert.match(inv, new RegExp(outsider.name));
	/* and the server refuses attendance before the day too */
	const cur = await caseDoc(REF);
	const m = cur.meetings[cur.meetings.length - 1];
	const csrf = (await pageFetch(page, '/api/session')).body.csrf;
	const etag = (await pageFetch(page, `/api/cases/${REF}`)).etag;
	const r = await pageFetch(page, `/api/cases/${REF}/meetings/${m.id}`, { method: 'PATCH',
		headers: { 'Content-Type': 'application/json', 'If-Match': etag, 'X-CSRF-Token': csrf },
		body: JSON.stringify({ attended: [cur.case.child] }) });
	assert.equal(r.status, 422);
	clean(page);
});

test('Signs of Safety: danger statements and safety goals beside the columns; the scale by several people', async () => {
	await page.goto(`${base}/#/cases/${REF}/plan`);
	await page.waitForSelector('#som-danger_statements');
	page.requests.length = 0;
	await page.fill('#som-danger_statements-new', 'Daan raakt gewond als er thuis weer gedronken wordt.');
	await page.click('#som-danger_statements button[type=submit]');
	await page.waitForSelector('#som-danger_statements li:has-text("weer gedronken")');
	assert.deepEqual(page.requests, [`PUT /api/cases/${REF}/safety_map`]);
	await page.fill('#som-safety_goals-new', 'Sanne drinkt niet als Daan er is, drie maanden lang.');
	await page.click('#som-safety_goals button[type=submit]');
	await page.waitForSelector('#som-safety_goals li:has-text("drie maanden")');
	let doc = await caseDoc(REF);
	assert.deepEqual(doc.plan.safety_map.danger_statements, ['Daan raakt gewond als er thuis weer gedronken wordt.']);
	assert.deepEqual(doc.plan.safety_map.safety_goals, ['Sanne drinkt niet als Daan er is, drie maanden lang.']);
	/* the history says it in words */
	const hist = await pageFetch(page, `/api/cases/${REF}/history`);
	const last = hist.body.revisions[hist.body.revisions.length - 1];
	assert.match(last.changes[0].text.nl, /veiligheidsdoel/);
	/* two people score the same day: a column each */
	const child = doc.case.child;
	const worker = doc.persons.find((p) => (p.roles || []).includes('foster_care_worker')).id;
	for (const [by, score] of [[child, 7], [worker, 4]]) {
		await page.fill('#scale-form input[type=number]', String(score));
		await page.selectOption('#scale-form select[name=by]', by);
		await page.click('#scale-form button[type=submit]');
		await page.waitForFunction((n) => document.querySelectorAll('#scale-chart circle').length >= n,
			((doc.plan.safety_map.scale || []).length) + (by === child ? 1 : 2));
	}
	doc = await caseDoc(REF);
	const people = new Set(doc.plan.safety_map.scale.map((p) => p.by || ''));
	assert.equal(await page.locator('#scale-table thead th').count(), people.size + 1, 'a column per person');
	assert.ok(await page.locator('#scale-chart polyline').count() >= 2, 'a line per person');
	await shot(page, 'plan-safety');
	clean(page);
});

test('an agreement and a concern for professionals only are marked; the plan PDF comes from the library; printing shows values', async () => {
	await page.goto(`${base}/#/cases/${REF}/plan`);
	await page.click('#add-agreement');
	await page.fill('dialog textarea[name=what]', 'Sanne gaat naar de verslavingszorg.');
	await page.check('dialog input[name=professionals]');
	await page.click('dialog [data-action=save]');
	await page.waitForSelector('#agreements tr:has-text("verslavingszorg") .flag.pros');
	let doc = await caseDoc(REF);
	const a = doc.plan.agreements.find((x) => x.what === 'Sanne gaat naar de verslavingszorg.');
	assert.equal(a.visibility, 'professionals');
	await page.fill('#concerns-new', 'Sanne had twee terugvallen.');
	await page.check('#concerns input[name=professionals]');
	await page.click('#concerns button[type=submit]');
	await page.waitForSelector('#concerns li:has-text("terugvallen") .flag.pros');
	doc = await caseDoc(REF);
	assert.deepEqual(doc.plan.concerns[doc.plan.concerns.length - 1],
		{ text: 'Sanne had twee terugvallen.', visibility: 'professionals' });
	/* documents: the plan as a PDF from the library, the kompas under its own name */
	const href = await page.getAttribute('#plan-pdf', 'href');
	assert.match(href, new RegExp(`^/api/cases/${REF}/plan\\.pdf\\?lang=nl$`));
	const pdf = await pageFetch(page, href);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.type, 'application/pdf');
	assert.match(await page.textContent('#kompas-pdf'), /Netwerkkompas/);
	/* printing shows the values, not input boxes */
	await page.emulateMedia({ media: 'print' });
	assert.ok(await page.isVisible('#safety-print'));
	assert.ok(!(await page.isVisible('#plan-safety')));
	assert.ok(!(await page.isVisible('#scale-form')));
	assert.ok(!(await page.isVisible('#agreements select')));
	await page.emulateMedia({ media: 'screen' });
	clean(page);
});

test('plurals and numbers follow the language: "1 wens", "2 wensen"', async () => {
	assert.ok(newRef, 'the new-case test ran first');
	await page.goto(`${base}/#/cases/${newRef}/plan`);
	/* the tab may still show the plan of the case before for a moment */
	await page.waitForFunction(() => /\(0 wensen\)/.test((document.querySelector('#wish-count') || {}).textContent || ''));
	for (const [text, want] of [['Ik wil bij mijn hond blijven.', /\(1 wens\)/], ['Ik wil op voetbal.', /\(2 wensen\)/]]) {
		await page.click('#add-wish');
		await page.fill('dialog textarea >> nth=0', text);
		await page.click('dialog [data-action=save]');
		await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#wish-count').textContent),
			want.source);
	}
	await page.goto(`${base}/#/cases/${newRef}`);
	await page.waitForSelector('#factors [data-factor=heard]');
	assert.match(await page.textContent('#factors [data-factor=heard]'), /2 wensen van het kind/);
	/* dates in Dutch words, from Intl */
	assert.match(await page.textContent('#case-facts'), /21 juni 2018/);
	/* and in English: "1 wish", "2 wishes" */
	await page.evaluate(() => localStorage.setItem('kring.lang', 'en'));
	await page.goto(`${base}/#/cases/${newRef}/plan`);
	await page.reload();
	await page.waitForSelector('#wish-count');
	await page.waitForFunction(() => /\(2 wishes\)/.test(document.querySelector('#wish-count').textContent));
	await page.evaluate(() => localStorage.setItem('kring.lang', 'nl'));
	await page.reload();
	await page.waitForSelector('#wish-count');
	clean(page);
});

test('the Community Scan: the compare date lives in the URL, the workbook downloads', async () => {
	const drawn = page.waitForRequest((r) => /\/render\/scan\.svg\?.*compare=2026-01-15/.test(r.url()));
	await page.goto(`${base}/#/cases/${REF}/scan/2026-01-15`);
	await drawn;
	assert.equal(await page.inputValue('#scan-compare'), '2026-01-15');
	const again = page.waitForRequest((r) => /\/render\/scan\.svg\?.*compare=2025-12-01/.test(r.url()));
	await page.fill('#scan-compare', '2025-12-01');
	await page.dispatchEvent('#scan-compare', 'change');
	await again;
	assert.match(page.url(), new RegExp(`#/cases/${REF}/scan/2025-12-01$`));
	const href = await page.getAttribute('#scan-xlsx', 'href');
	const r = await pageFetch(page, href);
	assert.equal(r.status, 200);
	assert.equal(r.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	clean(page);
});

test('history in words with who (a family member through a link by name), the inbox count, bring back, as of', async () => {
	/* the family adds a wish through a share link */
	const csrf = (await pageFetch(page, '/api/session')).body.csrf;
	const doc = await caseDoc(REF);
	const mother = doc.persons.find((p) => p.name === 'Sanne Bakker');
	const link = await pageFetch(page, `/api/cases/${REF}/shares`, { method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
		body: JSON.stringify({ person: mother.id, days: 7 }) });
	assert.equal(link.status, 201);
	const ctx = await browser.newContext();
	const fam = await ctx.newPage();
	await fam.goto(`${base}${link.body.url}`);
	await fam.waitForFunction(() => !location.hash);
	const w = await fam.evaluate(async () => {
		const s = await (await fetch('/api/share/session')).json();
		const r = await fetch('/api/share/wishes', { method: 'POST', headers: { 'Content-Type': 'application/json',
			'X-CSRF-Token': s.csrf }, body: JSON.stringify({ text: 'Ik wil met Daan naar de kinderboerderij.' }) });
		return r.status;
	});
	assert.equal(w, 201);
	await ctx.close();
	/* Mijn dossiers counts it */
	await page.goto(`${base}/#/cases`);
	await page.waitForSelector(`tr[data-ref="${REF}"] .inbox-count`);
	assert.equal((await page.textContent(`tr[data-ref="${REF}"] .inbox-count`)).trim(), '1');
	/* the count leads to what the family added (the "Delen" tab's inbox) */
	await page.click(`tr[data-ref="${REF}"] .inbox-count`);
	await page.waitForSelector('#inbox-seen');
	assert.match(await page.textContent('#inbox'), /Sanne Bakker.*kinderboerderij/s);
	await page.click('#inbox-seen');
	await page.waitForSelector('#inbox:has-text("Niets nieuws")');
	/* the history says who and what, in words */
	await page.goto(`${base}/#/cases/${REF}/history`);
	await page.waitForSelector('#revisions');
	const top = await page.textContent('#revisions > li >> nth=0');
	assert.match(top, /Sanne Bakker \(link\)/);
	assert.match(top, /kinderboerderij/);
	assert.doesNotMatch(await page.textContent('#revisions'), /\bu\b|\buw\b/, 'je, never u');
	await shot(page, 'history');
	/* a removed item comes back from the history */
	const n = (await caseDoc(REF)).plan.wishes.length;
	await page.goto(`${base}/#/cases/${REF}/plan`);
	await page.waitForSelector('#wishes');
	const rev = await revision(REF);
	await pageFetch(page, `/api/cases/${REF}/wishes/${(await caseDoc(REF)).plan.wishes[n - 1].id}`, { method: 'DELETE',
		headers: { 'If-Match': `"${rev}"`, 'X-CSRF-Token': csrf } });
	await page.goto(`${base}/#/cases/${REF}/history`);
	await page.waitForSelector('#revisions [data-action=bring-back]');
	assert.match(await page.textContent('#revisions > li >> nth=0'), /verwijderd|weggehaald/);
	await page.click('#revisions > li >> nth=0 >> [data-action=bring-back]');
	await page.waitForFunction((r) => document.querySelector('#revisions > li').dataset.revision === String(r), rev + 2);
	assert.equal((await caseDoc(REF)).plan.wishes.length, n);
	/* recorded on a day: the library's summary of the revision that was the latest then */
	await page.fill('#recorded-at', iso(Date.now()));
	await page.dispatchEvent('#recorded-at', 'change');
	await page.waitForSelector('#recorded-at-result [data-factor]');
	assert.match(await page.textContent('#recorded-at-result'), new RegExp(`versie ${rev + 2}`));
	clean(page);
});

test('a person removed with every reference to them comes back whole with undo', async () => {
	const ref = 'PZ-2026-0103';
	const before = await caseDoc(ref);
	await page.goto(`${base}/#/cases/${ref}/ecogram`);
	await page.waitForSelector('#ecogram .node[aria-label^="Gerda Visser,"]');
	await page.click('#ecogram .node[aria-label^="Gerda Visser,"]');
	await page.click('dialog[open] [data-action=remove]');
	await page.click('dialog[open] [data-action=confirm]');
	await page.waitForSelector('#ecogram .node[aria-label^="Gerda Visser,"]', { state: 'detached' });
	let doc = await caseDoc(ref);
	assert.ok(!doc.persons.some((p) => p.id === 'p6'));
	assert.ok(!doc.ties.some((x) => x.a === 'p6' || x.b === 'p6'), 'her ties went with her');
	await page.click('#undo');
	await page.waitForSelector('#ecogram .node[aria-label^="Gerda Visser,"]');
	doc = await caseDoc(ref);
	const sorted = (l) => l.map((x) => JSON.stringify(x)).sort();
	assert.deepEqual(sorted(doc.persons), sorted(before.persons), 'every person as before');
	assert.deepEqual(sorted(doc.ties), sorted(before.ties), 'every tie as before');
	assert.deepEqual(sorted(doc.kinship), sorted(before.kinship), 'every family link as before');
	assert.deepEqual(doc.plan.agreements, before.plan.agreements, 'her agreement names her again');
	clean(page);
});

test('a goal is removed only after asking; one an agreement still names is refused with the reason', async () => {
	await page.goto(`${base}/#/cases/${REF}/plan`);
	await page.waitForSelector('#add-goal');
	await page.click('#add-goal');
	await page.fill('dialog[open] textarea >> nth=0', 'Daan zwemt zijn A-diploma.');
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('#goals li:has-text("A-diploma")');
	await page.click('#goals li:has-text("A-diploma") [data-action=remove]');
	await page.click('dialog[open] [data-action=remove]');
	await page.waitForFunction(() => !/A-diploma/.test(document.querySelector('#goals') ? document.querySelector('#goals').textContent : ''));
	await page.click('#undo');
	await page.waitForSelector('#goals li:has-text("A-diploma")');
	/* a goal an agreement works towards stays, and the toast says why */
	const doc = await caseDoc(REF);
	const named = doc.plan.agreements.find((a) => a.goal);
	assert.ok(named, 'an agreement names a goal in the example');
	const goal = doc.plan.goals.find((g) => g.id === named.goal);
	await page.click(`#goals li:has-text(${JSON.stringify(goal.text.slice(0, 20))}) [data-action=remove]`);
	await page.click('dialog[open] [data-action=remove]');
	await page.waitForSelector('.toast.error');
	assert.match(await page.textContent('.toast.error'), /still refers|verwijst|nog naar/);
	assert.ok((await caseDoc(REF)).plan.goals.some((g) => g.id === goal.id));
	page.problems.length = 0;   /* the 422 is the point here */
	clean(page);
});

/* Escape closes the open dialog; its history entry goes with a history.back()
 * that lands a moment later.  Wait for it, so the next step (a new page, a new
 * dialog) is not undone by that late Back. */
async function escapeDialog() {
	await page.keyboard.press('Escape');
	await page.waitForFunction(() => !document.querySelector('dialog[open]')
		&& !(history.state && history.state.kringDialog));
}

/* axe-core on the page as it is; fails with each violation and its elements. */
async function axe(what) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	assert.deepEqual(res.violations.map((v) => `${v.id} (${v.impact}): ${v.help} - ${
		v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${what}`);
}

test('axe finds nothing on the case-work dialogs: case facts, placement, event, removal, meeting planned', async () => {
	await page.goto(`${base}/#/cases/${REF}`);
	await page.waitForSelector('#edit-case');
	await page.click('#edit-case');
	await page.waitForSelector('#case-dialog');
	await axe('the case facts dialog');
	await escapeDialog();
	await page.click('#add-placement');
	await page.waitForSelector('#placement-dialog');
	await axe('the placement dialog');
	await escapeDialog();
	await page.goto(`${base}/#/cases/${REF}/lifeline`);
	await page.waitForSelector('#event-list [data-action=edit]');
	await page.click('#event-list li >> nth=0 >> [data-action=edit]');
	await page.waitForSelector('#event-dialog');
	await axe('the event dialog');
	await escapeDialog();
	await page.click('#event-list li >> nth=0 >> [data-action=remove]');
	await page.waitForSelector('dialog[open] [data-action=keep]');
	await axe('the question before removing');
	await page.click('dialog[open] [data-action=keep]');
	const doc = await caseDoc(REF);
	const future = doc.meetings.find((m) => m.date && m.date > iso(Date.now()));
	await page.goto(`${base}/#/cases/${REF}/meeting/${future.id}`);
	await page.waitForSelector('#planning-form');
	await axe('a meeting that has not taken place');
	clean(page);
});
