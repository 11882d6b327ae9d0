// families.mjs - end-to-end tests of the foster family register in the
// browser (issue 13): the list "Pleeggezinnen" with the server's labels and
// figures, a family's page with its household and the ages the library
// counts, adding a family (the server's problems next to the field they
// name), changing one (If-Match; a colleague's save first gives a conflict
// that keeps the input), a worker of another team gets the server's 404,
// an analyst has no register; on a case the matching, the settling-in
// check-ins and the support for both families, saved and shown again.
// Harness as in harness.mjs; every test also fails on a console error, a
// page error, a failed static file or a 5xx.
// The pages and dialogs also pass axe-core and have targets of 44 px on a
// phone and a tablet (as a11y.mjs and tablet.mjs check the other pages).
// KRING_SCREENSHOTS=1 saves docs/screenshots/families.png, family.png and
// matching.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PHONE, ROOT, TABLET, clean, goto, kring, login, newPage, pageFetch, setup, shot } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const KEES_PW = 'Heidebloem-Sneeuw-58';
const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const START = iso(Date.now() - 60 * DAY);   /* a stranger placement two months ago */
const MATCH_REF = 'E2E-MATCH';
let w;

/* A child of 9 in a foster family outside the network since START, with
 * nothing recorded about the matching or the first weeks. */
const matchCase = {
	format: 'kring-case/1', case: { ref: MATCH_REF, child: 'p1' },
	persons: [
		{ id: 'p1', name: 'Noor', sex: 'f', born: '2017-05-02', roles: ['child'], world: 'origin', segment: 'household' },
		{ id: 'p2', name: 'Sandra', sex: 'f', born: '1988-01-10', roles: ['parent'], world: 'origin', segment: 'family' },
		{ id: 'p3', name: 'Tante Mieke', sex: 'f', roles: ['aunt_uncle'], world: 'origin', segment: 'family' },
		{ id: 'p4', name: 'Marieke Bakker', sex: 'f', roles: ['foster_parent'], world: 'foster', segment: 'household' },
	],
	kinship: [{ type: 'parent', parent: 'p2', child: 'p1' }],
	ties: [{ a: 'p1', b: 'p2', strength: 'strong' }, { a: 'p1', b: 'p4', strength: 'normal' }],
	placements: [{ id: 'pl1', form: 'foster_fulltime', network: false, start: START, carers: ['p4'] }],
	events: [], meetings: [],
};

/* An example family of the register with another id and worker. */
function family(file, id, account) {
	const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'families', file), 'utf8'));
	doc.id = id;
	doc.worker = { ...doc.worker, account };
	return doc;
}

before(async () => {
	/* harness.mjs's world (the register's examples first, the example cases,
	 * anouk, bram, ana) and E2E-MATCH; then kees (worker, team zuid) and the
	 * families bakker, linde (anouk's) and yilmaz (kees's) */
	w = await setup('families', { cases: [matchCase] });
	kring(['--db', w.db, '--author', 'e2e', 'user', 'add', 'kees', '--role', 'worker', '--team', 'zuid'],
		`${KEES_PW}\n`);
	for (const [file, id, account] of [['f1.json', 'bakker', 'anouk'], ['f3.json', 'linde', 'anouk'],
		['f2.json', 'yilmaz', 'kees']]) {
		const f = path.join(w.tmp, `${id}.json`);
		fs.writeFileSync(f, JSON.stringify(family(file, id, account)));
		kring(['--db', w.db, '--author', 'e2e', 'family', 'import', f]);
	}
});

after(async () => {
	if (w)
		await w.close();
});

async function loginKees(page) {
	await page.goto(`${w.base}/#/login`);
	await page.fill('input[name=user]', 'kees');
	await page.fill('input[name=password]', KEES_PW);
	await page.click('.login-form button[type=submit]');
	await page.waitForFunction(() => !location.hash.startsWith('#/login') && document.documentElement.dataset.ready);
}

test('a worker sees the families that are theirs, with the server\'s labels and figures', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await page.click('#mainnav a[href="#/families"]');
	await page.waitForSelector('table.families tbody tr[data-family]');
	const api = await pageFetch(page, '/api/families');
	assert.equal(api.status, 200);
	const rows = await page.$$eval('table.families tbody tr[data-family]', (trs) => trs.map((tr) => ({
		id: tr.dataset.family, cells: [...tr.children].map((c) => c.textContent.trim()) })));
	assert.deepEqual(rows.map((r) => r.id).sort(), api.body.families.map((f) => f.id).sort(), 'the server\'s list');
	assert.deepEqual(rows.map((r) => r.cells[0]), rows.map((r) => r.cells[0]).sort((a, b) => a.localeCompare(b)),
		'by name first');
	await page.click('table.families button[data-sort=vacancies]');
	const vac = await page.$$eval('table.families tbody tr[data-family] td:nth-child(7)', (tds) => tds.map((td) => Number(td.textContent)));
	assert.deepEqual(vac, [...vac].sort((a, b) => b - a), 'most free places first');
	assert.equal(await page.getAttribute('table.families th:has(button[data-sort=vacancies])', 'aria-sort'), 'descending');
	const ids = rows.map((r) => r.id);
	assert.ok(ids.includes('bakker') && ids.includes('linde'), 'the families whose worker anouk is');
	assert.ok(ids.includes('f2'), 'the family a child of anouk\'s cases lives with');
	assert.ok(!ids.includes('yilmaz') && !ids.includes('f3'), 'not a family of another worker');
	const meta = (await pageFetch(page, '/api/meta')).body.vocabulary.enums;
	const bakker = rows.find((r) => r.id === 'bakker').cells;
	const fam = api.body.families.find((f) => f.id === 'bakker');
	assert.equal(bakker[0], 'Familie Bakker');
	assert.equal(bakker[1], meta.family_kind.foster_family.nl);
	assert.equal(bakker[2], meta.family_care.stranger.nl);
	assert.equal(bakker[3], meta.availability.available.nl);
	assert.deepEqual(bakker.slice(4, 7), [String(fam.capacity), String(fam.in_use), String(fam.vacancies)]);
	await page.fill('input[type=search]', 'linde');
	assert.deepEqual(await page.$$eval('table.families tbody tr[data-family]', (trs) => trs.map((tr) => tr.dataset.family)),
		['linde']);
	await page.fill('input[type=search]', '');
	await shot(page, 'families');

	await page.click('table.families a[href="#/families/bakker"]');
	await page.waitForSelector('#household');
	const view = (await pageFetch(page, '/api/families/bakker')).body;
	assert.equal(await page.textContent('#family-title'), 'Familie Bakker');
	const members = await page.$$eval('#household tbody tr', (trs) => trs.map((tr) => ({
		id: tr.dataset.member, role: tr.dataset.role, age: tr.lastElementChild.textContent.trim() })));
	assert.equal(members.length, 4);
	for (const m of members)
		assert.equal(m.age, `${view.ages[m.id]} jaar`, 'the age the library counts');
	assert.equal(members.filter((m) => m.role === 'own_child').length, 2);
	assert.match(await page.textContent('main'), /2 eigen kinderen in huis/);
	assert.match(await page.textContent('[data-fact=peer_group]'), /Pleegoudergroep Zwolle-Zuid/);
	assert.match(await page.textContent('#family-training'), /Samen Starten/);
	await shot(page, 'family', true);

	/* a phone: nothing wider than the screen */
	const phone = await newPage(w, { viewport: PHONE });
	await login(w, phone, 'anouk');
	await goto(phone, '#/families/bakker', '#household');
	assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
		'the family page fits 390 px');
	await goto(phone, '#/families', 'table.families');
	clean(page);
	clean(phone);
	await page.context().close();
	await phone.context().close();
});

test('adding a family: the server\'s problems next to their fields, then saved and there after a reload', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, '#/families', '#new-family');
	await page.click('#new-family');
	await page.waitForSelector('#family-form');
	assert.equal(await page.inputValue('[data-path="worker.account"] input'), 'anouk', 'the user is the worker');
	await page.fill('[data-path=name] input', 'Familie Jansen-Özdemir');
	assert.equal(await page.inputValue('[data-path=id] input'), 'familie-jansen-ozdemir', 'a short name from the name');
	await page.fill('[data-path=id] input', 'jansen');
	await page.fill('[data-path=name] input', 'Familie Jansen');
	assert.equal(await page.inputValue('[data-path=id] input'), 'jansen', 'until the user types one');
	await page.selectOption('[data-path=kind] select', 'foster_family');
	await page.selectOption('[data-path=care] select', 'network');
	await page.fill('[data-path=capacity] input', '2');
	await page.selectOption('[data-path="availability.status"] select', 'available');
	await page.click('#add-member');
	await page.fill('#members fieldset:nth-child(1) input >> nth=0', 'Ria Jansen');
	await page.selectOption('#members fieldset:nth-child(1) select >> nth=0', 'foster_parent');
	await page.click('#add-member');
	const second = '#members fieldset:nth-child(2)';
	await page.fill(`${second} input >> nth=0`, 'Mees Jansen');
	await page.selectOption(`${second} select >> nth=0`, 'own_child');
	await page.fill(`${second} input >> nth=1`, '2015-02-30');   /* no such day */
	await page.click('#save-family');
	await page.waitForSelector('#family-errors:not([hidden])');
	const err = await page.textContent('[data-path="household[1].born"] .field-error');
	assert.match(err, /2015-02-30/, 'the server\'s message sits at the field it names');
	assert.equal(await page.getAttribute('[data-path="household[1].born"] input', 'aria-invalid'), 'true');
	assert.match(await page.textContent('#family-errors'), /Gezinslid 2 · Geboren: .*2015-02-30/,
		'the summary names the field as the form does');
	assert.equal(await page.inputValue('[data-path=name] input'), 'Familie Jansen', 'the input stays');
	assert.equal((await pageFetch(page, '/api/families/jansen')).status, 404, 'nothing saved');
	await page.fill('[data-path="household[1].born"] input', '2015-02-28');
	await page.click('#save-family');
	await page.waitForSelector('#household');
	assert.equal(await page.evaluate(() => location.hash), '#/families/jansen');
	await page.reload();
	await page.waitForSelector('#household');
	assert.equal(await page.textContent('#family-title'), 'Familie Jansen');
	const stored = (await pageFetch(page, '/api/families/jansen')).body;
	assert.equal(stored.family.household[1].role, 'own_child');
	assert.equal(stored.family.worker.account, 'anouk');
	assert.equal(stored.family.capacity, 2);
	assert.match(await page.textContent('[data-fact=care]'), /netwerkpleegzorg/);
	clean(page);
	await page.context().close();
});

test('changing a family with If-Match; a colleague\'s save first is a conflict that keeps the input', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, '#/families/linde', '#edit-family');
	await page.click('#edit-family');
	await page.waitForSelector('#family-form');
	const before = (await pageFetch(page, '/api/families/linde')).body;
	await page.fill('[data-path=capacity] input', '3');
	/* a colleague (the lead of the worker's team) saves the notes meanwhile */
	const colleague = { ...before.family, notes: 'Ruud is in maart met verlof.' };
	const put = await page.evaluate(async ([doc, rev]) => {
		const s = await (await fetch('/api/session')).json();
		const r = await fetch('/api/families/linde', { method: 'PUT', body: JSON.stringify(doc),
			headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf, 'If-Match': `"${rev}"` } });
		return r.status;
	}, [colleague, before.revision]);
	assert.equal(put, 200);
	await page.click('#save-family');
	await page.waitForSelector('#family-conflict:not([hidden])');
	const text = await page.textContent('#family-conflict');
	assert.match(text, /notities/, 'says what the colleague changed');
	assert.match(text, /aantal plekken/, 'and what the user changed');
	assert.equal(await page.inputValue('[data-path=capacity] input'), '3', 'the input stays');
	await page.click('#conflict-mine');
	await page.waitForSelector('#household');
	const after = (await pageFetch(page, '/api/families/linde')).body;
	assert.equal(after.family.capacity, 3);
	assert.equal(after.family.notes, 'Ruud is in maart met verlof.', 'the colleague\'s change stays');
	assert.equal(after.revision, before.revision + 2);
	assert.match(await page.textContent('[data-fact=capacity]'), /^3$/);
	clean(page);
	await page.context().close();
});

test('a worker of another team gets the server\'s 404 for a family not theirs', async () => {
	const page = await newPage(w);
	await loginKees(page);
	await goto(page, '#/families', 'table.families');
	assert.deepEqual(await page.$$eval('table.families tbody tr[data-family]', (trs) => trs.map((tr) => tr.dataset.family)),
		['yilmaz']);
	const api = await pageFetch(page, '/api/families/bakker');
	assert.equal(api.status, 404);
	await goto(page, '#/families/bakker', '#family-missing');
	assert.equal(await page.textContent('#family-missing'), api.body.error);
	await goto(page, '#/families/bakker/edit', '#family-missing');
	assert.equal(await page.$('#family-form'), null, 'no form for a family not theirs');
	clean(page);
	await page.context().close();
});

test('an analyst has no register of families', async () => {
	const page = await newPage(w);
	await login(w, page, 'ana');
	assert.equal(await page.$('#mainnav a[href="#/families"]'), null);
	assert.equal((await pageFetch(page, '/api/families')).status, 403);
	await goto(page, '#/families', 'main p[role=alert]');
	assert.equal(await page.$('table.families'), null);
	clean(page);
	await page.context().close();
});

test('the matching of a placement and its check-ins: saved, shown after a reload, signals as the server gives them', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, `#/cases/${MATCH_REF}/matching`, '.placement-card[data-placement=pl1]');
	const card = '.placement-card[data-placement=pl1]';
	const sigIds = () => page.$$eval(`${card} li.signal`, (ls) => ls.map((l) => l.dataset.signal));
	const before = await sigIds();
	for (const id of ['matching-child-not-involved', 'parents-fosterparents-no-first-meeting', 'settling-checkin-overdue'])
		assert.ok(before.includes(id), `the server's signal ${id} is shown (${before})`);
	assert.match(await page.textContent(card), /Nog geen matching vastgelegd/);

	await page.click(`${card} button[data-action=matching]`);
	await page.waitForSelector('dialog[open] [data-path=family] select');
	await page.selectOption('dialog[open] [data-path=family] select', 'bakker');
	await page.click('#add-considered');
	await page.selectOption('dialog[open] .considered-row:nth-child(1) select', 'p:p3');
	await page.fill('dialog[open] .considered-row:nth-child(1) input[type=text]', 'Geen ruimte in huis');
	await page.click('#add-considered');
	await page.selectOption('dialog[open] .considered-row:nth-child(2) select', 'f:bakker');
	await page.check('dialog[open] .considered-row:nth-child(2) input[type=checkbox]');
	await page.selectOption('dialog[open] [data-path="matching.child_involved"] select', 'visited');
	await page.fill('dialog[open] [data-path="matching.child_wishes"] textarea', 'Een huis met een hond en dicht bij school.');
	await page.selectOption('dialog[open] [data-path="matching.own_children_heard"] select', 'yes');
	await page.fill('dialog[open] [data-path="matching.first_meeting"] input', '2026-13-01');   /* no such month */
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open] [data-path="matching.first_meeting"] .field-error');
	assert.match(await page.textContent('dialog[open] [data-path="matching.first_meeting"] .field-error'), /2026-13-01/);
	assert.match(await page.textContent('dialog[open] .dialog-error'), /Kennismaking van ouders en pleegouders: .*2026-13-01/);
	assert.equal(await page.inputValue('dialog[open] [data-path="matching.child_wishes"] textarea'),
		'Een huis met een hond en dicht bij school.', 'the input stays');
	const firstMeeting = iso(Date.now() - 75 * DAY);
	await page.fill('dialog[open] [data-path="matching.first_meeting"] input', firstMeeting);
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open]', { state: 'detached' });

	await page.click(`${card} button[data-action=add-checkin]`);
	await page.waitForSelector('dialog[open] [data-path="settling[0].date"]');
	await page.fill('dialog[open] [data-path="settling[0].date"] input', iso(Date.now() - 52 * DAY));
	await page.selectOption('dialog[open] [data-path="settling[0].child"] select', '4');
	await page.selectOption('dialog[open] [data-path="settling[0].foster_parents"] select', '5');
	await page.selectOption('dialog[open] [data-path="settling[0].own_children"] select', '3');
	await page.fill('dialog[open] [data-path="settling[0].text"] textarea', 'Noor slaapt goed.');
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open]', { state: 'detached' });
	await page.click(`${card} button[data-action=add-checkin]`);
	await page.fill('dialog[open] [data-path="settling[1].date"] input', iso(Date.now() - 38 * DAY));
	await page.selectOption('dialog[open] [data-path="settling[1].child"] select', '2');
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open]', { state: 'detached' });

	await page.reload();
	await page.waitForSelector(`${card} table.settling`);
	const meta = (await pageFetch(page, '/api/meta')).body.vocabulary.enums;
	assert.equal(await page.textContent(`${card} [data-fact=child_involved]`), meta.involvement.visited.nl);
	assert.match(await page.textContent(`${card} [data-fact=child_wishes]`), /hond/);
	assert.match(await page.textContent(`${card} ul.considered`), /Tante Mieke[\s\S]*Familie Bakker/);
	assert.equal(await page.textContent(`${card} a.family-link`), 'Familie Bakker');
	const rows = await page.$$eval(`${card} table.settling tbody tr`, (trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td[data-score]')].map((td) => td.dataset.score)));
	assert.deepEqual(rows, [['4', '5', '3'], ['2']]);
	assert.match(await page.textContent(`${card} table.settling tbody tr:first-child`), new RegExp(meta.settling_score['4'].nl));
	const after = await sigIds();
	assert.ok(!after.includes('matching-child-not-involved'), 'the child took part');
	assert.ok(!after.includes('parents-fosterparents-no-first-meeting'), 'they met first');
	assert.ok(after.includes('settling-score-drop'), `the child's score dropped from 4 to 2 (${after})`);
	const server = (await pageFetch(page, `/api/cases/${MATCH_REF}/signals`)).body;
	const ids = (Array.isArray(server) ? server : server.signals).filter((sg) => (sg.subjects || []).includes('pl1'))
		.map((sg) => sg.id);
	for (const id of after)
		assert.ok(ids.includes(id), `${id} is the server's`);
	const doc = (await pageFetch(page, `/api/cases/${MATCH_REF}`)).body;
	assert.equal(doc.placements[0].family, 'bakker');
	assert.equal(doc.placements[0].matching.first_meeting, firstMeeting);
	assert.deepEqual(doc.placements[0].matching.considered.map((k) => k.person || k.family), ['p3', 'bakker']);
	/* the screenshot: an example placement matched badly, as the library judges it */
	await goto(page, '#/cases/PZ-2026-0107/matching', '.placement-card li.signal');
	assert.match(await page.textContent('#search-pl1'), new RegExp(`20 juni 2026\\): ${meta.search_outcome.not_suitable.nl}`),
		'the search in the child\'s own network comes first');
	await shot(page, 'matching', true);

	/* the family now has a child living there, as the server counts it */
	await goto(page, '#/families/bakker', '#household');
	assert.match(await page.textContent('[data-fact=in_use]'), /^1 kind$/);
	clean(page);
	await page.context().close();
});

test('the support for both families: a support person for the parents, the server\'s refusal at its field, saved through its item', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, `#/cases/${MATCH_REF}/matching`, '#support');
	const sigs = () => page.$$eval('#support li.signal', (ls) => ls.map((l) => l.dataset.signal));
	assert.ok((await sigs()).includes('parents-without-support'), `the server's signal (${await sigs()})`);
	const rev0 = (await pageFetch(page, `/api/cases/${MATCH_REF}`)).etag;
	/* the support is written through its item (PUT .../support), never the whole case */
	const writes = [];
	page.on('request', (r) => {
		if (r.method() !== 'GET' && r.url().includes(`/api/cases/${MATCH_REF}`))
			writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
	});
	await page.click('#edit-support');
	await page.waitForSelector('dialog[open] [data-path="support.parents.person"] select');
	/* the foster mother cannot be the parents' own support person */
	await page.selectOption('dialog[open] [data-path="support.parents.person"] select', 'p4');
	await page.fill('dialog[open] [data-path="support.parents.contacts"] textarea', iso(Date.now() - 10 * DAY));
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open] [data-path="support.parents.person"] .field-error');
	assert.equal((await pageFetch(page, `/api/cases/${MATCH_REF}`)).etag, rev0, 'nothing saved');
	await page.selectOption('dialog[open] [data-path="support.parents.person"] select', 'p3');
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open]', { state: 'detached' });
	await page.reload();
	await page.waitForSelector('#support [data-fact=parents-person]');
	assert.equal(await page.textContent('#support [data-fact=parents-person]'), 'Tante Mieke');
	assert.ok(!(await sigs()).includes('parents-without-support'), 'the parents have support now');
	const doc = (await pageFetch(page, `/api/cases/${MATCH_REF}`)).body;
	assert.deepEqual(doc.support.parents, { person: 'p3', contacts: [iso(Date.now() - 10 * DAY)] });
	assert.ok(writes.length > 0 && writes.every((x) => x === `PUT /api/cases/${MATCH_REF}/support`),
		`written through the support item only (${writes.join(', ')})`);
	const hist = (await pageFetch(page, `/api/cases/${MATCH_REF}/history`)).body;
	assert.ok(JSON.stringify(hist).includes('"support"'), 'the history names the support as what changed');
	clean(page);
	await page.context().close();
});

/* What is wrong with the page as it is (as tablet.mjs judges it): wider
 * than the screen, or a control smaller than 44 x 44 px (a check box
 * counts with its label's row). */
function problems(page) {
	return page.evaluate(() => {
		const out = [];
		if (document.documentElement.scrollWidth > window.innerWidth)
			out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
		const seen = (el) => {
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' &&
				!el.closest('[hidden], .sr-only, svg, dialog:not([open])');
		};
		const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
		for (const el of document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea, nav a, summary')) {
			const r = el.getBoundingClientRect();
			if (seen(el) && (r.height < 43.5 || r.width < 43.5))
				out.push(`${name(el)} is ${Math.round(r.width)} x ${Math.round(r.height)} px`);
		}
		for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio]'))
			if (seen(el) && (el.closest('.check, label') || el).getBoundingClientRect().height < 43.5)
				out.push(`${name(el.closest('.check, label') || el)} (a check box with its label) is too low`);
		return out;
	});
}

/* axe-core on the page as it is: no violation (WCAG 2.x A, AA, best practices). */
async function axe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	return res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')})`);
}

const SCREENS = [
	['the register', '#/families', 'table.families tbody tr[data-family]'],
	['a family', '#/families/bakker', '#household'],
	['a family\'s form', '#/families/bakker/edit', '#family-form'],
	['a new family', '#/families/new', '#family-form'],
	['matching en wennen', `#/cases/${MATCH_REF}/matching`, '.placement-card'],
];

for (const [size, viewport] of [['phone', PHONE], ['tablet', TABLET]])
	test(`the register, a family, its form, the matching tab and its dialogs: axe finds nothing, targets of 44 px on a ${size}`, async () => {
		const page = await newPage(w, { viewport, touch: true });
		await login(w, page, 'anouk');
		const found = [];
		const check = async (what) => {
			for (const p of [...await problems(page), ...await axe(page)])
				found.push(`${what}: ${p}`);
		};
		for (const [what, hash, sel] of SCREENS) {
			await goto(page, hash, sel);
			await page.waitForLoadState('networkidle');
			await check(what);
		}
		const card = '.placement-card[data-placement=pl1]';
		await page.click(`${card} button[data-action=matching]`);
		await page.waitForSelector('dialog[open] [data-action=save]');
		if (!(await page.$('dialog[open] .considered-row')))
			await page.click('#add-considered');
		await check('the matching dialog');
		await page.keyboard.press('Escape');
		await page.waitForSelector('dialog[open]', { state: 'detached' });
		await page.click(`${card} button[data-action=add-checkin]`);
		await page.waitForSelector('dialog[open] [data-action=save]');
		await check('a check-in');
		await page.keyboard.press('Escape');
		await page.waitForSelector('dialog[open]', { state: 'detached' });
		await page.click('#edit-support');
		await page.waitForSelector('dialog[open] [data-action=save]');
		await check('the support dialog');
		await page.keyboard.press('Escape');
		await page.waitForSelector('dialog[open]', { state: 'detached' });
		if (size === 'tablet') {
			/* in English too */
			await page.click('#lang-switch');
			await page.waitForFunction(() => document.documentElement.lang === 'en');
			for (const [what, hash, sel] of SCREENS) {
				await goto(page, hash, sel);
				await page.waitForLoadState('networkidle');
				await check(`${what} (en)`);
			}
			assert.match(await page.textContent('main'), /Matching and settling in/);
			await page.click('#lang-switch');
			await page.waitForFunction(() => document.documentElement.lang === 'nl');
		}
		assert.deepEqual(found, []);
		clean(page);
		await page.context().close();
	});
