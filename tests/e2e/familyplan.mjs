// familyplan.mjs - end-to-end tests of the family plan (gezinsplan) in the
// browser (issue 13, point 6): from the case of Noah (PZ-2026-0109) a link
// leads to the plan he shares with his sister Tess (PZ-2026-0110); anouk,
// who works on both cases, sees both children with their own wishes and
// goals (from their own cases, a parent's wish not among them), the
// family's goals, agreements and wishes, and the family's network meeting
// with who came and what was decided.  kees, who works on Tess's case only,
// sees the same plan with Tess alone: nothing of Noah's case (no ref, no
// person of it, not his wishes).  An analyst gets no plan (403).  anouk
// changes a goal and an agreement in their dialogs and adds a goal; the page
// and the history in words show it.  kees sees no buttons to change the
// plan (the server says he may not) and a history without Noah's case.  Two
// changes to one agreement at once: the second is told in plain words and
// keeps what was typed, and saving again keeps the other's change too.  The pages
// pass axe-core, in Dutch and in English, with targets of 44 px on a phone.
// Harness as in harness.mjs; every test also fails on a console error, a
// page error, a failed static file or a 5xx.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PHONE, ROOT, TABLET, clean, csrf, goto, kring, login, newPage, pageFetch, setup, shot } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const KEES_PW = 'Heidebloem-Sneeuw-58';
const NOAH = 'PZ-2026-0109';
const TESS = 'PZ-2026-0110';
let w;

before(async () => {
	/* harness.mjs's world (the example cases, anouk and bram on all of them,
	 * ana), kees on Tess's case only, and the example family plan fp1 */
	w = await setup('familyplan');
	kring(['--db', w.db, '--author', 'e2e', 'user', 'add', 'kees', '--role', 'worker', '--team', 'zuid'],
		`${KEES_PW}\n`);
	kring(['--db', w.db, '--author', 'e2e', 'assign', TESS, 'kees']);
	kring(['--db', w.db, '--author', 'e2e', 'familyplan', 'import',
		path.join(ROOT, 'examples', 'familyplans', 'fp1.json')]);
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

/* axe-core on the page as it is: no violation. */
async function axe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	return res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')})`);
}

/* Wider than the screen, or a link in a nav or a button smaller than 44 px. */
function small(page) {
	return page.evaluate(() => {
		const out = [];
		if (document.documentElement.scrollWidth > window.innerWidth)
			out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
		for (const el of document.querySelectorAll('main button, main nav a')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.height > 0 && (r.height < 43.5 || r.width < 43.5))
				out.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" is ${Math.round(r.width)} x ${Math.round(r.height)} px`);
		}
		return out;
	});
}

test('from a case to its family plan: both children with their own wishes and goals, the family part, the meeting', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, `#/cases/${NOAH}`, '.case-family-plans a[data-family-plan=fp1]');
	assert.match(await page.textContent('.case-family-plans'), /Gezinsplan: Gezin De Boer: Noah en Tess/);
	await page.click('.case-family-plans a[data-family-plan=fp1]');
	await page.waitForSelector('.fplan-child');
	assert.equal(await page.evaluate(() => location.hash), '#/family-plans/fp1');
	assert.equal(await page.textContent('h1'), 'Gezinsplan: Gezin De Boer: Noah en Tess');
	const kids = await page.$$eval('.fplan-child', (els) => els.map((e) => e.dataset.case));
	assert.deepEqual(kids, [NOAH, TESS]);
	const noah = await page.textContent(`.fplan-child[data-case=${NOAH}]`);
	assert.match(noah, /Noah de Boer/);
	/* the age is the library's (GET .../family-plans/fp1 child.age) */
	const view = (await pageFetch(page, '/api/family-plans/fp1')).body;
	const nv = view.children.find((c) => c.case === NOAH);
	assert.ok(Number.isInteger(nv.child.age));
	assert.equal(await page.textContent(`.fplan-child[data-case=${NOAH}] .age`), ` ${nv.child.age} jaar`);
	assert.match(noah, /Ik wil op voetbal blijven bij Yara\./, 'his own wish, from his case');
	assert.match(noah, /nog geen antwoord/);
	assert.match(noah, /Noah blijft voetballen in zijn oude club/, 'his own goal');
	assert.doesNotMatch(noah, /Linda wil weten/, 'a wish of his mother is not his own');
	const tess = await page.textContent(`.fplan-child[data-case=${TESS}]`);
	assert.match(tess, /Ik wil bij Noah logeren\./);
	assert.match(tess, /antwoord: Eén keer per maand logeert Tess/);
	const main = await page.textContent('main');
	assert.match(main, /Noah en Tess zien elkaar elke week/);
	assert.match(main, /wie: Joke Visser, Femke Bos, Marloes Visser/);
	assert.match(main, /Oma Joke rijdt Tess elke zaterdag naar Noah/);
	assert.match(await page.textContent('[data-agreement=a3] .badge'), /gedaan/);
	const m1 = await page.textContent('.fplan-meeting[data-meeting=m1]');
	assert.match(m1, /20 november 2026 om 19:30/);
	assert.match(m1, /Gespreksleider: Anouk de Wit/);
	assert.match(await page.textContent('.fplan-meeting[data-meeting=m1] dd.attended'), /Noah de Boer, Tess de Boer/);
	assert.match(m1, /Eén rooster voor beide kinderen/);
	assert.equal(await page.$('.fplan-meeting[data-meeting=m2] dd.attended'), null, 'a meeting still to come: nobody came yet');
	await shot(page, 'family-plan', true);
	/* the link back to a child's case */
	await page.click(`.fplan-child[data-case=${TESS}] a`);
	await page.waitForSelector('#case-title');
	assert.equal(await page.evaluate(() => location.hash), `#/cases/${TESS}/plan`);
	clean(page);
	await page.context().close();
});

test('a worker of one child sees the plan with that child only, nothing of the other case', async () => {
	const page = await newPage(w);
	await loginKees(page);
	await goto(page, `#/cases/${TESS}`, '.case-family-plans a[data-family-plan=fp1]');
	await goto(page, '#/family-plans/fp1', '.fplan-child');
	const kids = await page.$$eval('.fplan-child', (els) => els.map((e) => e.dataset.case));
	assert.deepEqual(kids, [TESS]);
	const main = await page.textContent('main');
	for (const hidden of [NOAH, 'Femke Bos', 'Anouk de Wit', 'Ik wil op voetbal blijven', 'Noah voelt zich thuis'])
		assert.ok(!main.includes(hidden), `nothing of Noah's case: ${hidden}`);
	assert.match(main, /Noah en Tess zien elkaar elke week/, 'the family\'s own words stay');
	assert.match(main, /wie: Marloes Visser/);
	const api = await pageFetch(page, '/api/family-plans/fp1');
	assert.equal(api.status, 200);
	assert.ok(!api.text.includes(NOAH) && !api.text.includes('Femke Bos'), 'nor in the answer');
	assert.equal((await pageFetch(page, `/api/cases/${NOAH}/family-plans`)).status, 404);
	clean(page);
	await page.context().close();
});

test('an analyst gets no family plan', async () => {
	const page = await newPage(w);
	await login(w, page, 'ana');
	assert.equal((await pageFetch(page, '/api/family-plans/fp1')).status, 403);
	assert.equal((await pageFetch(page, '/api/family-plans')).status, 403);
	clean(page);
	await page.context().close();
});

/* Clicks the dialog's save button and waits until it has closed. */
async function saveDialog(page) {
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open]', { state: 'detached' });
}

test('a worker of both children changes a goal and an agreement and adds a goal; the page and the history say so', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, '#/family-plans/fp1', '#fplan-history');
	assert.equal(await page.$('#fplan-readonly'), null);
	await page.click('.fplan-part [data-goal=g2] [data-action=edit]');
	await page.waitForSelector('dialog[open] textarea[name=text]');
	assert.equal(await page.inputValue('dialog[open] textarea[name=text]'), 'Mama Linda ziet de kinderen samen, niet om de beurt');
	assert.deepEqual(await axe(page), [], 'the dialog passes axe');
	await page.fill('dialog[open] textarea[name=text]', 'Mama Linda ziet Noah en Tess samen');
	await saveDialog(page);
	await page.waitForFunction(() => document.querySelector('.fplan-part [data-goal=g2] .fplan-text').textContent
		=== 'Mama Linda ziet Noah en Tess samen');
	await page.click('[data-agreement=a1] [data-action=edit]');
	await page.waitForSelector('dialog[open] input[name=when]');
	await page.fill('dialog[open] input[name=when]', 'elke zaterdag om 10 uur');
	await page.check('dialog[open] input[name=done]');
	await saveDialog(page);
	await page.waitForFunction(() => /gedaan/.test(document.querySelector('[data-agreement=a1] .badge').textContent));
	assert.match(await page.textContent('[data-agreement=a1]'), /wanneer: elke zaterdag om 10 uur/);
	/* a new goal, with who works on it */
	await page.click('#fplan-add-goals');
	await page.waitForSelector('dialog[open] textarea[name=text]');
	await page.click('dialog[open] [data-action=save]');
	assert.match(await page.textContent('dialog[open] .dialog-error'), /Schrijf op wat het gezin wil bereiken/);
	await page.fill('dialog[open] textarea[name=text]', 'Samen een weekend weg');
	await page.check('dialog[open] input[value="PZ-2026-0110/q5"]');
	await saveDialog(page);
	await page.waitForSelector('.fplan-part [data-goal=g3]');
	assert.match(await page.textContent('.fplan-part [data-goal=g3]'), /Samen een weekend weg — wie: Joke Visser/);
	const hist = await page.textContent('#fplan-history');
	assert.match(hist, /doel g2: doel ‘Mama Linda ziet de kinderen samen, niet om de beurt’ → ‘Mama Linda ziet Noah en Tess samen’/);
	assert.match(hist, /afspraak a1 afgerond: wanneer ‘elke zaterdag’ → ‘elke zaterdag om 10 uur’/);
	assert.match(hist, /doel g3 toegevoegd: ‘Samen een weekend weg’/);
	assert.match(hist, /gezinsplan aangemaakt/);
	assert.match(await page.textContent('#fplan-history li[data-revision="3"]'), /anouk/);
	await shot(page, 'family-plan-edited', true);
	clean(page);
	await page.context().close();
});

test('a worker of one child sees no buttons to change the plan, and a history without the other child', async () => {
	const page = await newPage(w);
	await loginKees(page);
	await goto(page, '#/family-plans/fp1', '#fplan-history');
	assert.equal(await page.$('main [data-action=edit]'), null);
	assert.equal(await page.$('main [data-action=remove]'), null);
	assert.equal(await page.$('#fplan-add-goals'), null);
	assert.ok(await page.$('#fplan-readonly'), 'says why there is nothing to change');
	const view = await pageFetch(page, '/api/family-plans/fp1');
	assert.equal(view.body.may_write, false);
	const hist = await page.textContent('#fplan-history');
	assert.match(hist, /afspraak a1 afgerond/);
	assert.doesNotMatch(hist, /Femke Bos|Anouk de Wit|PZ-2026-0109/);
	const api = await pageFetch(page, '/api/family-plans/fp1/history');
	assert.equal(api.status, 200);
	assert.ok(!api.text.includes(NOAH) && !api.text.includes('Femke Bos'), 'nothing of Noah\'s case in the history');
	const token = await csrf(page);
	const put = await pageFetch(page, '/api/family-plans/fp1', { method: 'PUT',
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token, 'If-Match': view.etag },
		body: JSON.stringify(view.body.plan) });
	assert.equal(put.status, 403);
	clean(page);
	await page.context().close();
});

test('two changes to one agreement at once: the second is told in plain words and keeps what was typed', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, '#/family-plans/fp1', '#fplan-history');
	await page.click('[data-agreement=a2] [data-action=edit]');
	await page.waitForSelector('dialog[open] textarea[name=what]');
	await page.fill('dialog[open] textarea[name=what]', 'De begeleiders maken samen één rooster');
	/* meanwhile bram changes the same agreement */
	const other = await newPage(w);
	await login(w, other, 'bram');
	const cur = await pageFetch(other, '/api/family-plans/fp1');
	cur.body.plan.agreements.find((a) => a.id === 'a2').when = 'elke twee weken';
	const token = await csrf(other);
	const put = await pageFetch(other, '/api/family-plans/fp1', { method: 'PUT',
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token, 'If-Match': cur.etag },
		body: JSON.stringify(cur.body.plan) });
	assert.equal(put.status, 200);
	await other.context().close();
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open] .dialog-error:not([hidden])');
	assert.match(await page.textContent('dialog[open] .dialog-error'), /Iemand anders heeft dit deel van het gezinsplan net gewijzigd/);
	assert.equal(await page.inputValue('dialog[open] textarea[name=what]'), 'De begeleiders maken samen één rooster',
		'what was typed is still there');
	await page.waitForFunction(() => /elke twee weken/.test(document.querySelector('[data-agreement=a2]').textContent),
		'the page behind shows the newest plan');
	await saveDialog(page);
	await page.waitForFunction(() => document.querySelector('[data-agreement=a2] .fplan-text').textContent
		=== 'De begeleiders maken samen één rooster');
	assert.match(await page.textContent('[data-agreement=a2]'), /elke twee weken/, 'the other change stays');
	clean(page);
	await page.context().close();
});

for (const [size, viewport] of [['phone', PHONE], ['tablet', TABLET]])
	test(`the family plan and the case's link to it: axe finds nothing, in Dutch and English, on a ${size}`, async () => {
		const page = await newPage(w, { viewport, touch: true });
		await login(w, page, 'anouk');
		const found = [];
		const check = async (what) => {
			await page.waitForLoadState('networkidle');
			for (const p of [...await small(page), ...await axe(page)])
				found.push(`${what}: ${p}`);
		};
		await goto(page, `#/cases/${NOAH}`, '.case-family-plans a[data-family-plan=fp1]');
		await check('a case in a family plan');
		await goto(page, '#/family-plans/fp1', '.fplan-meeting');
		await check('the family plan');
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		await goto(page, '#/family-plans/fp1', '.fplan-meeting');
		await page.waitForFunction(() => document.querySelector('h1').textContent.startsWith('Family plan'));
		assert.match(await page.textContent('main'), /The family's goals/);
		await check('the family plan (en)');
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'nl');
		assert.deepEqual(found, []);
		clean(page);
		await page.context().close();
	});

test('a worker makes a family plan from a case page: two cases at least, then the new plan opens', async () => {
	const page = await newPage(w);
	await login(w, page, 'anouk');
	await goto(page, '#/cases/PZ-2026-0101', '#new-family-plan');
	await page.click('#new-family-plan');
	await page.waitForSelector('dialog[open] .fplan-cases-pick');
	await page.fill('dialog[open] input[name=name]', 'Gezin Bakker: Daan en Sem');
	/* one case is not a family plan: said in the dialog, nothing made */
	await page.click('dialog[open] [data-action=save]');
	await page.waitForSelector('dialog[open] .dialog-error:not([hidden])');
	assert.match(await page.textContent('dialog[open] .dialog-error'), /ten minste twee dossiers/);
	assert.deepEqual(await axe(page), [], 'the dialog passes axe');
	await shot(page, 'family-plan-new');
	await page.getByLabel(/PZ-2026-0102/).check();
	await page.click('dialog[open] [data-action=save]');
	await page.waitForFunction(() => location.hash.startsWith('#/family-plans/gp-'));
	await page.waitForSelector('.fplan-child');
	assert.equal(await page.textContent('h1'), 'Gezinsplan: Gezin Bakker: Daan en Sem');
	const kids = await page.$$eval('.fplan-child', (els) => els.map((e) => e.dataset.case));
	assert.deepEqual(kids.sort(), ['PZ-2026-0101', 'PZ-2026-0102']);
	/* the case page now links to it */
	const id = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
	await goto(page, '#/cases/PZ-2026-0102', `.case-family-plans a[data-family-plan="${id}"]`);
	clean(page);
	await page.context().close();
});
