// harness.mjs - what every end-to-end test file shares: a fresh database
// with the example cases, test accounts and extra cases, `kring serve` on a
// free 127.0.0.1 port, Debian's chromium through playwright-core (never a downloaded browser), pages that record
// every problem (console errors, page errors, failed static files, 5xx
// answers), logging in, fetch() from inside a page and screenshots
// (KRING_SCREENSHOTS=1, into docs/screenshots/ as run.mjs does).

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = process.env.KRING_ROOT || path.resolve(HERE, '../..');
export const KRING = process.env.KRING_BIN || path.join(ROOT, 'build/kring');
export const SHOTS = process.env.KRING_SCREENSHOTS === '1';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PW = { anouk: 'Zonnebloem-Veld-42', bram: 'Kastanje-Regen-913', ana: 'Telraam-Oktober-77',
	demo: 'Register-Wolk-Dertig-5' };
export const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort()
	.map((f) => path.join(ROOT, 'examples', f));
const FAMDIR = path.join(ROOT, 'examples', 'families');
export const FAMILIES = fs.existsSync(FAMDIR) ? fs.readdirSync(FAMDIR).filter((f) => f.endsWith('.json')).sort()
	.map((f) => path.join(FAMDIR, f)) : [];
export const REF = 'PZ-2026-0101';
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 1024, height: 768 };

/* Runs the kring command; returns its standard output. */
export function kring(args, input) {
	return execFileSync(KRING, args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

/* A case with n people made by a small deterministic generator (as in
 * ecogram.mjs): every sex, world and segment, long names, half of them with
 * a tie to the child, some ties between others. */
export function bigCase(ref, n) {
	let s = 7;
	const next = () => {
		s = (s * 1103515245 + 12345) % 2147483648;
		return s;
	};
	const pick = (xs) => xs[next() % xs.length];
	const persons = [{ id: 'p0', name: 'Kind Groot', sex: 'f', born: '2015-03-01', roles: ['child'] }];
	const ties = [];
	for (let i = 1; i < n; i++) {
		persons.push({ id: `p${i}`, name: i % 5 ? `Persoon ${i}` : `Maximiliaan van den Heuvel ${i}`,
			sex: pick(['m', 'f', 'x', 'unknown']), world: pick(['origin', 'foster', 'shared', 'professional']),
			segment: pick(['household', 'family', 'friends', 'school_work', 'leisure', 'neighbourhood',
				'religion', 'online', 'professionals']) });
		if (next() % 2)
			ties.push({ a: 'p0', b: `p${i}`, strength: pick(['strong', 'normal', 'weak']),
				quality: pick(['positive', 'neutral', 'ambivalent', 'conflict', 'broken']),
				frequency: pick(['daily', 'weekly', 'monthly', 'yearly']) });
	}
	for (let k = 0; k < 60; k++) {
		const a = 1 + (next() % (n - 1));
		const b = 1 + (next() % (n - 1));
		if (a !== b && !ties.some((x) => (x.a === `p${a}` && x.b === `p${b}`) || (x.a === `p${b}` && x.b === `p${a}`)))
			ties.push({ a: `p${a}`, b: `p${b}`, strength: 'normal' });
	}
	return { format: 'kring-case/1', case: { ref, child: 'p0' }, persons, ties };
}

/* Starts `kring serve` on db; resolves with {base, proc}. */
export function serve(db, extra = []) {
	const proc = spawn(KRING, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--web', path.join(ROOT, 'web'),
		'--quiet', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`kring serve did not start:\n${log}`)), 15000);
		proc.stderr.on('data', (d) => {
			log += d.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
			if (m) {
				clearTimeout(timer);
				resolve({ base: m[1], proc });
			}
		});
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`kring serve exited (${code}):\n${log}`));
		});
	});
}

/* Stops a process started here (SIGTERM, then SIGKILL after 5 s). */
export async function stop(proc) {
	if (!proc || proc.exitCode !== null || proc.signalCode !== null)
		return;
	const gone = new Promise((r) => proc.once('exit', r));
	proc.kill('SIGTERM');
	await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
	if (proc.exitCode === null && proc.signalCode === null)
		proc.kill('SIGKILL');
}

export function launch() {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update'],
	});
}

/* Puts the register's example families (examples/families/) into db, with
 * the account their worker names (demo, a worker of team demo): before
 * the example cases, which place children with these families, as `make
 * run` does. */
export function registerFirst(db) {
	kring(['--db', db, '--author', 'e2e', 'user', 'add', 'demo', '--role', 'worker', '--team', 'demo'], `${PW.demo}\n`);
	for (const f of FAMILIES)
		kring(['--db', db, '--author', 'e2e', 'family', 'import', f]);
}

/* The world of one test file: a database with the register's example
 * families (their worker's account demo) and the example cases (plus the
 * documents of `cases`), anouk (worker), bram (lead) and ana (analyst),
 * every case assigned to anouk and bram, the server and the browser.
 * Returns {base, tmp, db, browser, close()}. */
export async function setup(name, { cases = [], serveArgs = [] } = {}) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kring-e2e-${name}-`));
	const db = path.join(tmp, 'e2e.db');
	const files = cases.map((c) => {
		const f = path.join(tmp, `${c.case.ref}.json`);
		fs.writeFileSync(f, JSON.stringify(c));
		return f;
	});
	kring(['--db', db, 'init']);
	kring(['--db', db, '--author', 'e2e', 'user', 'add', 'anouk', '--role', 'worker', '--team', 'noord'], `${PW.anouk}\n`);
	kring(['--db', db, '--author', 'e2e', 'user', 'add', 'bram', '--role', 'lead', '--team', 'noord'], `${PW.bram}\n`);
	kring(['--db', db, '--author', 'e2e', 'user', 'add', 'ana', '--role', 'analyst'], `${PW.ana}\n`);
	registerFirst(db);
	kring(['--db', db, '--author', 'e2e', 'import', ...EXAMPLES, ...files]);
	for (const ref of [...EXAMPLES.map((f) => path.basename(f, '.json')), ...cases.map((c) => c.case.ref)]) {
		kring(['--db', db, '--author', 'e2e', 'assign', ref, 'anouk']);
		kring(['--db', db, '--author', 'e2e', 'assign', ref, 'bram']);
	}
	const { base, proc } = await serve(db, serveArgs);
	const browser = await launch();
	return {
		base, tmp, db, browser, proc,
		async close() {
			await browser.close();
			await stop(proc);
			fs.rmSync(tmp, { recursive: true, force: true });
		},
	};
}

/* A page of a fresh browser context that records every problem (console
 * errors except the browser's own "Failed to load resource" line, judged
 * by the response instead; uncaught errors; failed static files; 5xx). */
export async function newPage(w, opts = {}) {
	const ctx = await w.browser.newContext({ viewport: opts.viewport || TABLET, locale: 'nl-NL',
		hasTouch: !!opts.touch, isMobile: !!opts.touch, ...opts.context });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	page.problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			page.problems.push(`console.error: ${m.text()}`);
	});
	page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
	page.on('response', (r) => {
		const u = new URL(r.url());
		if (u.origin !== w.base)
			return;
		if (r.status() >= 500 || (r.status() >= 400 && !u.pathname.startsWith('/api/')))
			page.problems.push(`HTTP ${r.status()} ${u.pathname}`);
	});
	return page;
}

export function clean(page) {
	assert.deepEqual(page.problems, [], 'no console errors, page errors or failed files');
}

/* Logs user in on the login page and waits for their start page. */
export async function login(w, page, user) {
	await page.goto(`${w.base}/#/login`);
	await page.fill('input[name=user]', user);
	await page.fill('input[name=password]', PW[user]);
	await page.click('.login-form button[type=submit]');
	await page.waitForFunction(() => !location.hash.startsWith('#/login') && document.documentElement.dataset.ready);
}

/* Goes to a hash route of the worker's app and waits until it is drawn. */
export async function goto(page, hash, selector) {
	await page.evaluate((hsh) => {
		location.hash = hsh;
	}, hash);
	if (selector)
		await page.waitForSelector(selector);
}

/* fetch() from inside the page (with its cookies); returns {status, body, text}. */
export function pageFetch(page, url, init = {}) {
	return page.evaluate(async ([u, i]) => {
		const r = await fetch(u, i);
		const text = await r.text();
		let body = text;
		try {
			body = JSON.parse(text);
		} catch (e) {
			body = text;
		}
		return { status: r.status, body, text, etag: r.headers.get('ETag'), type: r.headers.get('Content-Type') };
	}, [url, init]);
}

/* The session's CSRF token (GET /api/session from inside the page). */
export async function csrf(page) {
	const r = await pageFetch(page, '/api/session');
	assert.equal(r.status, 200);
	return r.body.csrf;
}

/* A JSON request with the session's CSRF token from inside the page. */
export async function send(page, method, url, body) {
	const token = await csrf(page);
	return pageFetch(page, url, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
		body: body === undefined ? undefined : JSON.stringify(body) });
}

/* Saves a screenshot as docs/screenshots/NAME.png when KRING_SCREENSHOTS=1. */
export async function shot(page, name, full = false) {
	if (!SHOTS)
		return;
	const dir = path.join(ROOT, 'docs', 'screenshots');
	fs.mkdirSync(dir, { recursive: true });
	await page.evaluate(() => {
		const t = document.getElementById('toasts');
		if (t)
			t.replaceChildren();
		window.scrollTo(0, 0);
	});
	await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: full });
}
