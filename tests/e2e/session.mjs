// session.mjs - nothing typed is lost (issue 11, "Never lose data"): when
// the session ends while a worker fills in a form (idle too long, logged
// out elsewhere), the save meets 401; the form stays with its input, a
// login dialog appears over it, and after logging in again the same save
// goes through with the new session's CSRF token.  And `make run`'s demo
// script starts on an existing database as it is: start, add a person,
// restart, the person and the accounts are still there.
//
// The session is ended on the server (DELETE /api/session) and its cookie
// put back in the browser, so the browser presents a session the server no
// longer knows - what an expired session looks like - without waiting.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PW, REF, ROOT, KRING, clean, goto, login, newPage, pageFetch, send, setup, shot, stop } from './harness.mjs';

let w;
let page;

before(async () => {
	w = await setup('session');
	page = await newPage(w);
	await login(w, page, 'anouk');
});

after(async () => {
	if (w)
		await w.close();
});

/* Ends the page's session on the server and gives the browser its old
 * cookie back: the next request presents a session that has ended. */
async function expire(p) {
	const ctx = p.context();
	const cookies = await ctx.cookies();
	assert.ok(cookies.some((c) => c.name === 'kring_session'), 'a session cookie');
	const r = await send(p, 'DELETE', '/api/session');
	assert.equal(r.status, 204);
	await ctx.addCookies(cookies);
	assert.equal((await pageFetch(p, '/api/session')).status, 401, 'the session has ended');
}

async function personNamed(p, name) {
	const r = await pageFetch(p, `/api/cases/${REF}`);
	assert.equal(r.status, 200);
	return r.body.persons.find((x) => x.name === name) || null;
}

test('a person typed in while the session expired is saved after logging in again in place', async () => {
	await goto(page, `#/cases/${REF}/ecogram`, '#ecogram .node');
	await page.click('#prompts button[data-world="origin"][data-segment="family"]');
	await page.waitForSelector('dialog[open] [data-action=save]');
	await page.getByLabel('Naam', { exact: true }).fill('Tante Joke');
	await expire(page);
	await page.click('dialog[open] [data-action=save]');
	const relogin = 'dialog[open]:has([data-action=relogin])';
	await page.waitForSelector(relogin);
	/* the form is still there, under the login, with what was typed */
	assert.equal(await page.locator('dialog[open]').count(), 2);
	assert.equal(await page.locator('dialog[open]:has([data-action=save])').getByLabel('Naam', { exact: true })
		.inputValue(), 'Tante Joke');
	assert.equal(await page.inputValue(`${relogin} input[name=user]`), 'anouk');
	assert.equal(await page.evaluate(() => document.activeElement.name), 'password', 'focus on the password');
	await shot(page, 'session-expired');
	/* a wrong password: the dialog says so and stays */
	await page.fill(`${relogin} input[name=password]`, 'not-the-password-1');
	await page.click(`${relogin} [data-action=relogin]`);
	await page.waitForSelector(`${relogin} .dialog-error:not([hidden])`);
	assert.match(await page.textContent(`${relogin} .dialog-error`), /Verkeerde gebruikersnaam of wachtwoord/);
	await page.fill(`${relogin} input[name=password]`, PW.anouk);
	await page.click(`${relogin} [data-action=relogin]`);
	await page.waitForSelector('dialog[open]', { state: 'detached' });
	await page.waitForSelector('#ecogram .node[aria-label^="Tante Joke,"]');
	const p = await personNamed(page, 'Tante Joke');
	assert.ok(p, 'the person is stored');
	assert.equal(p.world, 'origin');
	assert.equal(p.segment, 'family');
	/* the new session works on: its CSRF token is the one the app uses */
	assert.equal((await pageFetch(page, '/api/session')).status, 200);
	assert.match(page.url(), /#\/cases\/PZ-2026-0101\/ecogram$/, 'still on the same page');
	clean(page);
});

test('not logging in keeps the form and its input; saving again asks again and saves', async () => {
	await page.click('#prompts button[data-world="shared"][data-segment="friends"]');
	await page.waitForSelector('dialog[open] [data-action=save]');
	await page.getByLabel('Naam', { exact: true }).fill('Vriend Sem');
	await expire(page);
	await page.click('dialog[open] [data-action=save]');
	const relogin = 'dialog[open]:has([data-action=relogin])';
	await page.waitForSelector(relogin);
	await page.click(`${relogin} [data-action=relogin-stop]`);
	await page.waitForSelector(relogin, { state: 'detached' });
	const form = 'dialog[open]:has([data-action=save])';
	await page.waitForSelector(`${form} .dialog-error:not([hidden])`);
	assert.equal(await page.locator(form).getByLabel('Naam', { exact: true }).inputValue(), 'Vriend Sem');
	assert.match(page.url(), /\/ecogram$/, 'no jump to the login page');
	await page.click(`${form} [data-action=save]`);
	await page.waitForSelector(relogin);
	await page.fill(`${relogin} input[name=password]`, PW.anouk);
	await page.click(`${relogin} [data-action=relogin]`);
	await page.waitForSelector('dialog[open]', { state: 'detached' });
	const doc = (await pageFetch(page, `/api/cases/${REF}`)).body;
	assert.equal(doc.persons.filter((x) => x.name === 'Vriend Sem').length, 1, 'saved once, after the second try');
	clean(page);
});

test('an expired session while going to another page: log in in place, the page is drawn', async () => {
	await expire(page);
	await goto(page, '#/cases');
	const relogin = 'dialog[open]:has([data-action=relogin])';
	await page.waitForSelector(relogin);
	await page.fill(`${relogin} input[name=password]`, PW.anouk);
	await page.click(`${relogin} [data-action=relogin]`);
	await page.waitForSelector('table.cases tbody tr[data-ref]');
	assert.equal(page.url().endsWith('#/cases'), true);
	clean(page);
});

/* ---- make run: the demo script keeps an existing database ---- */

/* Starts tools/demo.sh (what `make run` runs) on db; resolves with the
 * base URL and everything it printed. */
function demo(db) {
	const proc = spawn('sh', ['tools/demo.sh', KRING], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, KRING_DB: db, KRING_LISTEN: '127.0.0.1:0' } });
	let out = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), 60000);
		const more = (d) => {
			out += d.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve({ proc, base: m[1], out });
			}
		};
		proc.stdout.on('data', more);
		proc.stderr.on('data', more);
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`demo exited (${code}):\n${out}`));
		});
	});
}

test('make run: a restart starts on the existing database and keeps what was added', async () => {
	const db = path.join(w.tmp, 'demo.db');
	const first = await demo(db);
	let second = null;
	try {
		const pw = /^\s+demo\s+(\S+)\s+worker/m.exec(first.out);
		assert.ok(pw, 'the demo password is printed once');
		const dp = await newPage({ browser: w.browser, base: first.base });
		await dp.goto(`${first.base}/#/login`);
		await dp.fill('input[name=user]', 'demo');
		await dp.fill('input[name=password]', pw[1]);
		await dp.click('.login-form button[type=submit]');
		await dp.waitForSelector('table.cases tbody tr[data-ref]');
		const cur = await pageFetch(dp, `/api/cases/${REF}`);
		const added = await dp.evaluate(async ([ref, rev]) => {
			const s = await (await fetch('/api/session')).json();
			const r = await fetch(`/api/cases/${ref}/persons`, { method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf, 'If-Match': `"${rev}"` },
				body: JSON.stringify({ name: 'Buurman Kees', world: 'foster', segment: 'neighbourhood' }) });
			return r.status;
		}, [REF, cur.etag.replace(/\D/g, '')]);
		assert.equal(added, 201);
		await dp.context().close();
		await stop(first.proc);

		second = await demo(db);
		assert.match(second.out, /Database .* bestaat al/, 'the script says it starts on the existing database');
		assert.doesNotMatch(second.out, /Demo-accounts/, 'no new accounts, no new passwords');
		const dp2 = await newPage({ browser: w.browser, base: second.base });
		await dp2.goto(`${second.base}/#/login`);
		await dp2.fill('input[name=user]', 'demo');
		await dp2.fill('input[name=password]', pw[1]);
		await dp2.click('.login-form button[type=submit]');
		await dp2.waitForSelector('table.cases tbody tr[data-ref]');
		const doc = await pageFetch(dp2, `/api/cases/${REF}`);
		assert.ok(doc.body.persons.some((x) => x.name === 'Buurman Kees'), 'the person added before the restart');
		clean(dp2);
		await dp2.context().close();
	} finally {
		await stop(first.proc);
		if (second)
			await stop(second.proc);
		for (const f of fs.readdirSync(w.tmp).filter((x) => x.startsWith('demo.db')))
			fs.rmSync(path.join(w.tmp, f), { force: true });
	}
});
