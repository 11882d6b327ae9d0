// dashboard.mjs - end-to-end tests of the steering dashboard (issue 12),
// run by `make e2e` next to run.mjs.  A fresh database holds the example
// cases and 240 generated ones; team noord has a lead (bram) and two
// workers (anouk with the examples, joost with some generated cases), and
// there is an analyst (ana).  The lead sees the team's caseload with the
// children's names, filters it and assigns a case to the other worker, and
// sees the monitor per worker and per quarter as the library's charts; the
// analyst sees the startfoto per municipality without a single name or
// ref, picks a municipality and downloads XLSX, PDF and CSV.  Every test
// fails on a console error, a page error or a 5xx.  KRING_SCREENSHOTS=1
// saves docs/screenshots/dashboard-*.png.  Servers listen on 127.0.0.1.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { registerFirst } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.KRING_ROOT || path.resolve(HERE, '../..');
const KRING = process.env.KRING_BIN || path.join(ROOT, 'build/kring');
const SHOTS = process.env.KRING_SCREENSHOTS === '1';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PW = { anouk: 'Zonnebloem-Veld-42', joost: 'Eikenhout-Rivier-51', bram: 'Kastanje-Regen-913',
	ana: 'Telraam-Oktober-77' };
const AS_OF = '2026-12-01';
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort()
	.map((f) => path.join(ROOT, 'examples', f));

let tmp;
let server;
let base;
let browser;

function kring(args, input) {
	return execFileSync(KRING, args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

async function startServer(db) {
	server = spawn(KRING, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--web', path.join(ROOT, 'web')],
		{ stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`kring serve did not start:\n${log}`)), 15000);
		server.stderr.on('data', (d) => {
			log += d.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
		server.on('exit', (code) => reject(new Error(`kring serve exited (${code}):\n${log}`)));
	});
}

before(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-dash-'));
	const db = path.join(tmp, 'dash.db');
	const gen = path.join(tmp, 'gen');
	kring(['--db', db, 'init']);
	registerFirst(db);   /* the register before the cases that name its families */
	kring(['generate', '--cases', '240', '--seed', '5', '-o', gen]);
	const generated = fs.readdirSync(gen).filter((f) => f.endsWith('.json')).sort()
		.map((f) => path.join(gen, f));
	kring(['--db', db, '--author', 'e2e', 'import', ...EXAMPLES, ...generated]);
	for (const [name, role, team] of [['anouk', 'worker', 'noord'], ['joost', 'worker', 'noord'],
		['bram', 'lead', 'noord'], ['ana', 'analyst', '']])
		kring(['--db', db, '--author', 'e2e', 'user', 'add', name, '--role', role, '--team', team], `${PW[name]}\n`);
	for (const f of EXAMPLES)
		kring(['--db', db, '--author', 'e2e', 'assign', path.basename(f, '.json'), 'anouk']);
	for (const f of generated.slice(0, 16))
		kring(['--db', db, '--author', 'e2e', 'assign', path.basename(f, '.json'), 'joost']);
	kring(['--db', db, 'reindex', '--as-of', AS_OF]);
	base = await startServer(db);
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update'],
	});
});

after(async () => {
	if (browser)
		await browser.close();
	if (server && server.exitCode === null) {
		const gone = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
		if (server.exitCode === null)
			server.kill('SIGKILL');
	}
	if (tmp)
		fs.rmSync(tmp, { recursive: true, force: true });
});

async function newPage() {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	page.problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			page.problems.push(`console.error: ${m.text()}`);
	});
	page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
	page.on('response', (r) => {
		const u = new URL(r.url());
		if (u.origin === base && (r.status() >= 500 || (r.status() >= 400 && !u.pathname.startsWith('/api/'))))
			page.problems.push(`HTTP ${r.status()} ${u.pathname}`);
	});
	return page;
}

function clean(page) {
	assert.deepEqual(page.problems, [], 'no console errors, page errors or failed files');
}

async function shot(page, name) {
	if (!SHOTS)
		return;
	const dir = path.join(ROOT, 'docs', 'screenshots');
	fs.mkdirSync(dir, { recursive: true });
	await page.waitForTimeout(300);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

async function login(page, user) {
	await page.goto(`${base}/#/login`);
	await page.fill('input[name=user]', user);
	await page.fill('input[name=password]', PW[user]);
	await page.click('.login-form button[type=submit]');
	await page.waitForSelector('#mainnav a');
}

/* The dashboard as of the demo date (the examples are written for it). */
async function openDashboard(page) {
	await page.goto(`${base}/#/dashboard`);
	await page.waitForSelector('#dash-asof');
	await page.fill('#dash-asof', AS_OF);
	await page.dispatchEvent('#dash-asof', 'change');
	await page.waitForFunction((d) => document.querySelector('#dash-asof').value === d &&
		document.querySelectorAll('.dash-table').length > 0, AS_OF);
}

test('the lead sees the team\'s caseload with names, filters it and assigns a case', async () => {
	const page = await newPage();
	await login(page, 'bram');
	assert.ok(await page.$('#mainnav a[href="#/dashboard"]'), 'the dashboard is in the navigation');
	await openDashboard(page);
	await page.waitForSelector('#caseload tbody tr[data-ref]');
	const rows = await page.$$eval('#caseload tbody tr[data-ref]', (tr) => tr.map((r) => r.textContent));
	assert.ok(rows.length >= 12 && rows.length <= EXAMPLES.length + 16, 'the team\'s open cases, once per worker');
	assert.ok(rows.some((r) => r.includes('Daan') && r.includes('PZ-2026-0101')), 'the child\'s name');
	/* filter: alerts only, then one worker */
	await page.selectOption('#caseload select >> nth=1', 'alert');
	const alerts = await page.$$eval('#caseload tbody tr[data-ref] .badge', (b) => b.map((x) => x.className));
	assert.ok(alerts.length > 0 && alerts.every((c) => c.includes('alert')), 'only alerts');
	await page.selectOption('#caseload select >> nth=1', '');
	await page.selectOption('#caseload select >> nth=0', 'joost');
	const workers = await page.$$eval('#caseload tbody tr[data-ref] td:first-child', (td) => td.map((x) => x.textContent));
	assert.ok(workers.length > 0 && workers.every((w) => w === 'joost'), 'only joost\'s cases');
	await page.selectOption('#caseload select >> nth=0', '');
	await page.fill('#caseload input[type=search]', 'pz-2026-0101');
	assert.equal(await page.$$eval('#caseload tbody tr[data-ref]', (tr) => tr.length), 1);
	await page.fill('#caseload input[type=search]', '');
	/* the monitor: per worker, and a chart per figure drawn by the library */
	assert.ok(await page.$('#per-worker td.num'));
	const charts = await page.$$eval('.dash-table img.dash-chart', (im) => im.map((i) => i.getAttribute('src')));
	assert.ok(charts.length >= 6, 'charts of the monitor');
	assert.ok(charts.every((s) => s.startsWith('data:image/svg+xml')), 'SVG from the server');
	await shot(page, 'dashboard-lead');
	/* assign PZ-2026-0103 to joost too */
	const row = page.locator('#caseload tbody tr[data-ref="PZ-2026-0103"]').first();
	await row.locator('select').selectOption('joost');
	await row.locator('button').click();
	await page.waitForFunction(() => [...document.querySelectorAll('#caseload tbody tr[data-ref="PZ-2026-0103"]')]
		.some((tr) => tr.firstElementChild.textContent === 'joost'));
	clean(page);
	await page.context().close();
});

test('the analyst sees the startfoto per municipality without persons and downloads it', async () => {
	const page = await newPage();
	await login(page, 'ana');
	await openDashboard(page);
	assert.ok(await page.$('[data-table="children_by_form"] img.dash-chart'), 'children by family form, drawn');
	const names = new Set();
	for (const f of EXAMPLES)
		for (const p of JSON.parse(fs.readFileSync(f, 'utf8')).persons)
			for (const part of (p.name || '').split(/\s+/))
				if (part.length > 3)
					names.add(part);
	/* every figure's values, opened */
	await page.$$eval('.dash-table details', (d) => d.forEach((x) => { x.open = true; }));
	const text = await page.textContent('body');
	for (const n of names)
		assert.doesNotMatch(text, new RegExp(`(^|[^\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u'),
			`the analyst's dashboard does not show "${n}"`);
	assert.doesNotMatch(text, /PZ-2026-|GEN-5-/);
	await shot(page, 'dashboard-analyst');
	/* one municipality */
	await page.selectOption('#dash-place', 'm:GM0200');
	await page.waitForFunction(() => document.querySelector('#dash-place').value === 'm:GM0200' &&
		[...document.querySelectorAll('.dash-downloads a')].every((a) => a.href.includes('municipality=GM0200')));
	/* the downloads: the same figures as XLSX, PDF and CSV */
	const links = await page.$$eval('.dash-downloads a', (a) => a.map((x) => x.getAttribute('href')));
	assert.equal(links.length, 3);
	for (const [href, type] of [[links[0], 'spreadsheetml'], [links[1], 'application/pdf'], [links[2], 'text/csv']]) {
		const r = await page.evaluate(async (u) => {
			const res = await fetch(u);
			const buf = await res.arrayBuffer();
			return { status: res.status, type: res.headers.get('Content-Type'), len: buf.byteLength };
		}, href);
		assert.equal(r.status, 200, href);
		assert.ok(r.type.includes(type), `${href}: ${r.type}`);
		assert.ok(r.len > 100);
	}
	/* the organisation's monitor */
	await page.selectOption('#dash-place', '');
	await page.waitForFunction(() => [...document.querySelectorAll('.dash-downloads a')]
		.every((a) => !a.href.includes('municipality=')));
	await page.click('.tabs .tab[data-tab="monitor"]');
	await page.waitForSelector('[data-table="map_changed"]');
	assert.equal(await page.$('#caseload'), null, 'no caseload for an analyst');
	await shot(page, 'dashboard-monitor');
	clean(page);
	await page.context().close();
});

test('a worker has no dashboard', async () => {
	const page = await newPage();
	await login(page, 'anouk');
	assert.equal(await page.$('#mainnav a[href="#/dashboard"]'), null);
	const status = await page.evaluate(async () => (await fetch('/api/report/monitor')).status);
	assert.equal(status, 403);
	clean(page);
	await page.context().close();
});
