// bench/pageload.mjs - time to interactive of the worker's pages (issue
// 11): "Mijn dossiers", the case overview and the ecogram of a 150-person
// case, each loaded RUNS times (default 15) in headless Debian chromium
// against `kring serve` on 127.0.0.1 (a fresh database with the example
// cases, the 150-person case of tests/e2e/harness.mjs and a worker).
//
// Time to interactive here: from navigation start until the view is drawn
// with its data and takes input - the app's `kring:drawn` mark, set when
// the route's view resolved (its data fetched, the page built); also the
// load event.  Cold: a fresh browser context each run (empty HTTP cache,
// the session cookie set, so no login in the figure).  Warm: the same page
// loaded again in that context.  Prints median, p90, min and max in ms.
//
// Usage: KRING_BIN=build/kring node bench/pageload.mjs [RUNS]
// (`make bench` runs it; playwright-core from tests/e2e/node_modules).

import os from 'node:os';
import { PW, bigCase, setup } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] || process.env.RUNS || 15);
const BIG = 'BENCH-150';
const PAGES = [
	['my cases', '#/cases', 'table.cases tbody tr[data-ref]'],
	['case overview (150 persons)', `#/cases/${BIG}`, '.tab-overview #tab-title'],
	['ecogram (150 persons)', `#/cases/${BIG}/ecogram`, '#ecogram .node'],
];

function stats(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
	return { median: q(0.5), p90: q(0.9), min: s[0], max: s[s.length - 1] };
}

const fmt = (x) => String(Math.round(x)).padStart(5);

async function once(ctx, base, hash, sel) {
	const page = await ctx.newPage();
	await page.goto(`${base}/${hash}`);
	await page.waitForSelector(sel);
	await page.waitForFunction(() => performance.getEntriesByName('kring:drawn').length > 0);
	const t = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		return { drawn: performance.getEntriesByName('kring:drawn')[0].startTime, load: nav.loadEventEnd };
	});
	await page.close();
	return t;
}

async function main() {
	const w = await setup('bench', { cases: [bigCase(BIG, 150)] });
	try {
		/* the session: log in once, give every run's context its cookie */
		const login = await w.browser.newContext();
		const lp = await login.newPage();
		await lp.goto(`${w.base}/#/login`);
		await lp.fill('input[name=user]', 'anouk');
		await lp.fill('input[name=password]', PW.anouk);
		await lp.click('.login-form button[type=submit]');
		await lp.waitForSelector('table.cases tbody tr[data-ref]');
		const cookies = await login.cookies();
		await login.close();
		const cpu = os.cpus();
		console.log(`# page load: ${RUNS} runs per page, headless chromium, ${cpu.length} cores (${cpu[0].model.trim()})`);
		console.log('#                               cold: drawn median   p90   min   max | load median | warm: drawn median   p90');
		for (const [what, hash, sel] of PAGES) {
			const cold = [];
			const coldLoad = [];
			const warm = [];
			for (let i = 0; i < RUNS; i++) {
				const ctx = await w.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'nl-NL' });
				await ctx.addCookies(cookies);
				const a = await once(ctx, w.base, hash, sel);
				const b = await once(ctx, w.base, hash, sel);
				cold.push(a.drawn);
				coldLoad.push(a.load);
				warm.push(b.drawn);
				await ctx.close();
			}
			const c = stats(cold);
			const l = stats(coldLoad);
			const m = stats(warm);
			console.log(`${what.padEnd(30)} ${fmt(c.median)} ${fmt(c.p90)} ${fmt(c.min)} ${fmt(c.max)} | ${fmt(l.median)}       |  ${fmt(m.median)} ${fmt(m.p90)}`);
		}
	} finally {
		await w.close();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
