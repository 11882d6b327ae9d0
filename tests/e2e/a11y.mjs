// a11y.mjs - accessibility of every page (issue 11): axe-core (npm, run
// inside the page) finds no violation on any screen of the worker's app,
// on a dialog, on the login page and on the family's view, in Dutch and
// in English; focus returns to the element that opened a dialog (also
// after the save drew the page anew), and a dialog closes on Escape and on
// the browser's Back button without leaving the page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { PHONE, PW, REF, clean, goto, login, newPage, send, setup } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let w;
let worker;

before(async () => {
	w = await setup('a11y');
	worker = await newPage(w);
	await login(w, worker, 'anouk');
});

after(async () => {
	if (w)
		await w.close();
});

/* Runs axe-core on the page as it is (every rule that is not experimental:
 * WCAG 2.x A and AA and the best practices); fails with each violation, its
 * impact and the elements. */
async function axe(page, what) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	const lines = res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
		v.nodes.slice(0, 6).map((n) => `      ${n.target.join(' ')} - ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}`)
			.join('\n'));
	assert.deepEqual(lines, [], `axe on ${what}`);
}

const PAGES = [
	['my cases', '#/cases', 'table.cases tbody tr[data-ref]'],
	['overview', `#/cases/${REF}`, '.tab-overview #tab-title'],
	['ecogram', `#/cases/${REF}/ecogram`, '#ecogram .node'],
	['genogram', `#/cases/${REF}/genogram`, '.tab-genogram figure img'],
	['lifeline', `#/cases/${REF}/lifeline`, '.tab-lifeline figure img'],
	['sociogram', `#/cases/${REF}/sociogram`, '.tab-sociogram figure img'],
	['scan', `#/cases/${REF}/scan`, '.tab-scan figure img'],
	['flower', `#/cases/${REF}/flower`, '.tab-flower figure img'],
	['plan', `#/cases/${REF}/plan`, '.tab-plan #tab-title'],
	['meeting', `#/cases/${REF}/meeting`, '.tab-meeting #tab-title'],
	['history', `#/cases/${REF}/history`, '#revisions li'],
	['sharing', `#/cases/${REF}/sharing`, '#share-form'],
	['new case', '#/cases/new', 'main form'],
	['matching', '#/cases/PZ-2026-0107/matching', '.placement-card'],
	['families', '#/families', 'table.families tbody tr[data-family]'],
	['a family', '#/families/f2', '#household'],
	['new family', '#/families/new', 'main form'],
];

for (const lang of ['nl', 'en'])
	test(`axe finds nothing on any page of the worker's app (${lang})`, async () => {
		if (lang === 'en') {
			await goto(worker, '#/cases', 'table.cases tbody tr[data-ref]');
			await worker.click('#lang-switch');
			await worker.waitForFunction(() => document.documentElement.lang === 'en');
		}
		try {
			for (const [what, hash, sel] of PAGES) {
				await goto(worker, hash, sel);
				await worker.waitForLoadState('networkidle');
				await axe(worker, `${what} (${lang})`);
			}
		} finally {
			if (lang === 'en') {
				await worker.click('#lang-switch');
				await worker.waitForFunction(() => document.documentElement.lang === 'nl');
			}
		}
		clean(worker);
	});

test('axe finds nothing on dialogs: a person, the login in place', async () => {
	await goto(worker, `#/cases/${REF}/ecogram`, '#ecogram .node');
	await worker.click('#prompts button[data-world="origin"][data-segment="family"]');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await axe(worker, 'the person dialog');
	await worker.keyboard.press('Escape');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	await worker.locator('#ecogram .people .node').first().focus();
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await axe(worker, 'a person\'s dialog');
	/* the session ends: the login in place, over the form */
	const ctx = worker.context();
	const cookies = await ctx.cookies();
	assert.equal((await send(worker, 'DELETE', '/api/session')).status, 204);
	await ctx.addCookies(cookies);
	const nameField = worker.getByLabel('Naam', { exact: true });
	await nameField.fill(`${await nameField.inputValue()} B.`);
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('dialog[open] [data-action=relogin]');
	await axe(worker, 'the login in place');
	await worker.fill('dialog[open] input[name=password]', PW.anouk);
	await worker.click('dialog[open] [data-action=relogin]');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	clean(worker);
});

test('axe finds nothing for the analyst\'s figures and the dashboard', async () => {
	const an = await newPage(w);
	await login(w, an, 'ana');
	await an.waitForSelector('#stats');
	await an.waitForLoadState('networkidle');
	await axe(an, 'figures');
	await goto(an, '#/dashboard', '#dash-asof');
	await an.waitForLoadState('networkidle');
	await axe(an, 'dashboard');
	clean(an);
	await an.context().close();
});

test('axe finds nothing on the login page and on the family\'s view (phone)', async () => {
	const p = await newPage(w);
	await p.goto(`${w.base}/#/login`);
	await p.waitForSelector('.login-form');
	await axe(p, 'login');
	await p.click('.login-form button[type=submit]');
	await p.waitForSelector('.login-form .form-error:not([hidden])');
	await axe(p, 'login with an error');
	await p.context().close();
	const r = await worker.evaluate(async (ref) => {
		const s = await (await fetch('/api/session')).json();
		const res = await fetch(`/api/cases/${ref}/shares`, { method: 'POST', headers: { 'Content-Type': 'application/json',
			'X-CSRF-Token': s.csrf }, body: JSON.stringify({ person: 'p2', scopes: ['own', 'goals', 'safety', 'meeting', 'plan'] }) });
		return res.json();
	}, REF);
	const fam = await newPage(w, { viewport: PHONE, touch: true });
	await fam.goto(new URL(r.url, w.base).href);
	await fam.waitForSelector('#wish-form');
	await axe(fam, 'the family\'s view');
	clean(fam);
	await fam.context().close();
});

test('focus returns to what opened a dialog, also after the save drew the page anew', async () => {
	await goto(worker, `#/cases/${REF}/ecogram`, '#ecogram .node');
	/* cancel: back on the button */
	const prompt = '#prompts button[data-world="shared"][data-segment="friends"]';
	await worker.focus(prompt);
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await worker.keyboard.press('Escape');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	assert.equal(await worker.evaluate(() => document.activeElement.dataset.segment), 'friends');
	/* save: the ecogram is drawn anew, focus on the same button of the new page */
	await worker.focus(prompt);
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await worker.getByLabel('Naam', { exact: true }).fill('Vriendin Noor');
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	await worker.waitForSelector('#ecogram .node[aria-label^="Vriendin Noor,"]');
	await worker.waitForFunction(() => document.activeElement && document.activeElement.dataset.segment === 'friends');
	/* a person: focus back on that person after the save */
	const node = worker.locator('#ecogram .node[aria-label^="Vriendin Noor,"]');
	await node.focus();
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await worker.getByLabel('Naam', { exact: true }).fill('Vriendin Noor B.');
	await worker.click('dialog[open] [data-action=save]');
	await worker.waitForSelector('#ecogram .node[aria-label^="Vriendin Noor B.,"]');
	await worker.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('aria-label')
		&& document.activeElement.getAttribute('aria-label').startsWith('Vriendin Noor B.,'));
	clean(worker);
});

/* A dialog's history entry is there (it waits for the Back of a dialog
 * closed just before; a person cannot press Back that fast, a test can). */
function hasEntry(page) {
	return page.waitForFunction(() => history.state && history.state.kringDialog);
}

/* The Back a closed dialog took to remove its entry has landed. */
function settled(page) {
	return page.evaluate(() => import('/js/dom.js').then((m) => m.dialogsSettled()));
}

test('the browser\'s Back button closes a dialog and stays on the page', async () => {
	await settled(worker);
	await goto(worker, `#/cases/${REF}/ecogram`, '#ecogram .node');
	const prompt = '#prompts button[data-world="origin"][data-segment="family"]';
	await worker.focus(prompt);
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await worker.getByLabel('Naam', { exact: true }).fill('Niet bewaard');
	await hasEntry(worker);
	await worker.goBack();
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	assert.match(worker.url(), /\/ecogram$/, 'still on the ecogram');
	assert.equal(await worker.evaluate(() => document.activeElement.dataset.segment), 'family');
	assert.equal(await worker.locator('#ecogram .node[aria-label^="Niet bewaard,"]').count(), 0);
	/* closing it with Escape leaves no extra step in the history: Back then leaves the page */
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await hasEntry(worker);
	await worker.keyboard.press('Escape');
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	await settled(worker);
	await goto(worker, `#/cases/${REF}/plan`, '.tab-plan #tab-title');
	await worker.goBack();
	await worker.waitForFunction(() => location.hash.endsWith('/ecogram'));
	/* a link followed the moment a dialog closed: its Back does not undo
	 * the link, and the next dialog still closes on Back */
	await worker.waitForSelector('#ecogram .node');
	await worker.focus(prompt);
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await hasEntry(worker);
	await worker.evaluate((r) => {
		document.querySelector('dialog[open]').close();
		document.querySelector(`a[href="#/cases/${r}/plan"]`).click();
	}, REF);
	await worker.waitForSelector('.tab-plan #tab-title');
	await settled(worker);
	await new Promise((r) => setTimeout(r, 300));
	assert.match(worker.url(), /\/plan$/, 'the link is not undone');
	await goto(worker, `#/cases/${REF}/ecogram`, '#ecogram .node');
	await worker.focus(prompt);
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await hasEntry(worker);
	await worker.goBack();
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	assert.match(worker.url(), /\/ecogram$/, 'still on the ecogram');
	/* an entry a dialog left behind (its own Back came too late, on a slow
	 * machine) counts as the page's: Back onto it closes the open dialog */
	await worker.evaluate(() => history.pushState({ kringDialog: 1, kringEntry: 'left-behind' }, ''));
	await worker.focus(prompt);
	await worker.keyboard.press('Enter');
	await worker.waitForSelector('dialog[open] [data-action=save]');
	await hasEntry(worker);
	await worker.goBack();
	await worker.waitForSelector('dialog[open]', { state: 'detached' });
	assert.match(worker.url(), /\/ecogram$/, 'still on the ecogram');
	clean(worker);
});
