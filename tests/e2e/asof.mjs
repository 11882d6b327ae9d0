// asof.mjs - end-to-end tests of one meaning of "as of" in the browser
// (issue 9 §5) and of the first year and the parents' permission on the
// case pages (issue 13 §3 and §4):
// - the "Bekijk op dag" picker in the case head: a day a year ago makes the
//   overview (factors, age), the signals and the pictures ask the server
//   with ?as_of= and show what the API says for that day; a band says
//   another day is shown, "Terug naar vandaag" goes back; a case whose
//   revisions were all stored today still shows on a day a year ago (never
//   "bestond nog niet"); the History tab asks ?recorded_at= (the revision
//   current then), judged on the head's day;
// - the overview card with the settling-in schedule of the current home
//   (next check-in, late or not, the latest scores in words) as the summary
//   serves it, also on an earlier day;
// - the plan tab records, changes and removes the parents' permission
//   (plan.blessing) through the plan's item endpoint, also while another
//   day is shown (edits save as usual), and the printed plan is served.
// Harness as in harness.mjs; every test also fails on a console error, a
// page error, a failed static file or a 5xx; the band, the card and the
// dialog pass axe-core and have targets of 44 px on a phone.  KRING_SCREENSHOTS=1 saves
// docs/screenshots/case-as-of.png and overview-settling.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { PHONE, clean, goto, login, newPage, pageFetch, setup, shot } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const TODAY = iso(Date.now());
const YEAR_AGO = iso(Date.now() - 365 * DAY);
const ASOF_REF = 'E2E-ASOF';
const SETTLE_REF = 'E2E-SETTLE';
const SETTLE_START = iso(Date.now() - 50 * DAY);
const FIRST_CHECKIN = iso(Date.now() - 42 * DAY);
let w;

const people = [
	{ id: 'p1', name: 'Daan', sex: 'm', born: '2015-03-04', roles: ['child'], world: 'origin', segment: 'household' },
	{ id: 'p2', name: 'Ilse', sex: 'f', born: '1989-06-01', roles: ['parent'], world: 'origin', segment: 'family' },
	{ id: 'p3', name: 'Ruud', sex: 'm', born: '1987-02-11', roles: ['parent'], world: 'origin', segment: 'family' },
	{ id: 'p4', name: 'Marieke Bakker', sex: 'f', roles: ['foster_parent'], world: 'foster', segment: 'household' },
];

/* A child in crisis care for 400 days: today far past the crisis limits,
 * a year ago 35 days in; every revision is stored today. */
const asofCase = {
	format: 'kring-case/1', case: { ref: ASOF_REF, child: 'p1', opened: iso(Date.now() - 420 * DAY) },
	persons: people,
	kinship: [{ type: 'parent', parent: 'p2', child: 'p1' }, { type: 'parent', parent: 'p3', child: 'p1' }],
	ties: [{ a: 'p1', b: 'p2', strength: 'strong' }, { a: 'p1', b: 'p4', strength: 'normal' }],
	placements: [{ id: 'pl1', form: 'crisis', network: false, start: iso(Date.now() - 400 * DAY), carers: ['p4'] }],
	events: [], meetings: [],
};

/* A foster placement of 50 days with one settling-in check-in. */
const settleCase = {
	format: 'kring-case/1', case: { ref: SETTLE_REF, child: 'p1' },
	persons: people,
	kinship: [{ type: 'parent', parent: 'p2', child: 'p1' }, { type: 'parent', parent: 'p3', child: 'p1' }],
	ties: [{ a: 'p1', b: 'p2', strength: 'strong' }, { a: 'p1', b: 'p4', strength: 'normal' }],
	placements: [{ id: 'pl1', form: 'foster_fulltime', network: true, start: SETTLE_START, carers: ['p4'],
		settling: [{ date: FIRST_CHECKIN, child: 3, foster_parents: 4, own_children: 5, parents: 2 }] }],
	events: [], meetings: [],
};

before(async () => {
	w = await setup('asof', { cases: [asofCase, settleCase] });
});

after(async () => {
	if (w)
		await w.close();
});

async function open(user = 'anouk', opts = {}) {
	const page = await newPage(w, opts);
	await login(w, page, user);
	return page;
}

/* The signals the API gives for ref (on day, or today), as "id:level". */
async function apiSignals(page, ref, day) {
	const q = new URLSearchParams({ lang: 'nl', ...(day ? { as_of: day } : {}) });
	const r = await pageFetch(page, `/api/cases/${ref}/signals?${q}`);
	assert.equal(r.status, 200, r.text);
	const list = Array.isArray(r.body) ? r.body : r.body.signals;
	return list.map((s) => `${s.id}:${s.level}`).sort();
}

/* Waits until the overview of case ref is drawn (the head names it and
 * its factors are in). */
async function caseShown(page, ref) {
	await page.waitForFunction((r) => (document.querySelector('.case-title p')?.textContent || '').includes(r) &&
		document.querySelector('.tab-overview #factors [data-factor]'), ref);
}

async function apiSummary(page, ref, day) {
	const r = await pageFetch(page, `/api/cases/${ref}/summary${day ? `?as_of=${day}` : ''}`);
	assert.equal(r.status, 200, r.text);
	return r.body;
}

/* The signals the overview shows, as "id:level". */
function shownSignals(page) {
	return page.evaluate(() => [...document.querySelectorAll('#signals [data-signal]')].map((el) =>
		`${el.dataset.signal}:${['alert', 'warning', 'info'].find((l) => el.classList.contains(l))}`).sort());
}

async function waitSignals(page, want) {
	await page.waitForFunction((w2) => {
		const got = [...document.querySelectorAll('#signals [data-signal]')].map((el) =>
			`${el.dataset.signal}:${['alert', 'warning', 'info'].find((l) => el.classList.contains(l))}`).sort();
		return JSON.stringify(got) === JSON.stringify(w2);
	}, want);
}

function shownFactors(page) {
	return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#factors [data-factor]')]
		.map((el) => [el.dataset.factor, el.dataset.status])));
}

test('the as-of picker judges the case on a day a year ago, as the API does, and goes back to today', async () => {
	const page = await open();
	await goto(page, `#/cases/${ASOF_REF}`, '#factors [data-factor]');
	assert.equal(await page.$('#as-of-band'), null, 'no band on today');
	const today = await apiSignals(page, ASOF_REF);
	await waitSignals(page, today);
	const then = await apiSignals(page, ASOF_REF, YEAR_AGO);
	assert.notDeepEqual(then, today, 'the day changes what the signals say');
	assert.ok(today.includes('crisis-too-long:alert'), today.join(' '));
	assert.ok(then.includes('crisis-too-long:warning'), then.join(' '));

	/* every request of the page from now on */
	const urls = [];
	page.on('request', (r) => urls.push(r.url()));
	await page.fill('#case-as-of', YEAR_AGO);
	await page.dispatchEvent('#case-as-of', 'change');
	await page.waitForSelector('#as-of-band');
	await waitSignals(page, then);
	const sum = await apiSummary(page, ASOF_REF, YEAR_AGO);
	assert.equal(sum.as_of, YEAR_AGO);
	await page.waitForFunction((f) => JSON.stringify(Object.fromEntries([...document.querySelectorAll(
		'#factors [data-factor]')].map((el) => [el.dataset.factor, el.dataset.status]))) === f,
	JSON.stringify(Object.fromEntries(sum.factors.map((f) => [f.key, f.status]))));
	assert.match(await page.textContent('#case-title .age'), new RegExp(`${sum.child.age} jaar`));
	assert.ok(urls.some((u) => u.includes(`/api/cases/${ASOF_REF}/signals?`) && u.includes(`as_of=${YEAR_AGO}`)));
	assert.ok(urls.some((u) => u.includes(`/api/cases/${ASOF_REF}/summary?`) && u.includes(`as_of=${YEAR_AGO}`)));
	/* the band says which day, and the case shows though its revisions came later */
	const band = await page.textContent('#as-of-band');
	assert.match(band, /Je kijkt naar/);
	assert.match(band, new RegExp(String(Number(YEAR_AGO.slice(0, 4)))));
	const text = await page.textContent('main');
	assert.doesNotMatch(text, /bestond .*nog niet|did not exist/);
	/* the Netwerkkompas PDF of that day */
	assert.match(await page.getAttribute('#print-pdf', 'href'), new RegExp(`as_of=${YEAR_AGO}`));
	await shot(page, 'case-as-of');

	/* the pictures and the ecogram layout of that day */
	urls.length = 0;
	await goto(page, `#/cases/${ASOF_REF}/sociogram`, '.tab-sociogram figure.picture img');
	assert.ok(await page.$('#as-of-band'), 'the band stays on the other tabs');
	assert.equal(await page.inputValue('#case-as-of'), YEAR_AGO);
	assert.ok(urls.some((u) => u.includes('/render/sociogram.svg?') && u.includes(`as_of=${YEAR_AGO}`)), urls.join('\n'));
	await goto(page, `#/cases/${ASOF_REF}/lifeline`, '.tab-lifeline figure.picture img');
	assert.ok(urls.some((u) => u.includes('/render/lifeline.svg?') && u.includes(`as_of=${YEAR_AGO}`)));
	await goto(page, `#/cases/${ASOF_REF}/ecogram`, '.tab-ecogram #tab-title');
	await page.waitForFunction(() => document.querySelector('.tab-ecogram svg, .tab-ecogram .warn'));
	assert.ok(urls.some((u) => u.includes('/layout/ecogram?') && u.includes(`as_of=${YEAR_AGO}`)));
	assert.equal(await page.$('.tab-body .warn'), null);

	/* the History tab asks what was recorded at a moment, judged on the head's day */
	await goto(page, `#/cases/${ASOF_REF}/history`, '#recorded-at');
	assert.equal(await page.$('#as-of'), null, 'no second as-of picker');
	urls.length = 0;
	await page.fill('#recorded-at', TODAY);
	await page.dispatchEvent('#recorded-at', 'change');
	await page.waitForSelector('#recorded-at-result [data-factor]');
	const asked = urls.find((u) => u.includes('/summary?') && u.includes('recorded_at='));
	assert.ok(asked, urls.join('\n'));
	assert.ok(asked.includes(`recorded_at=${TODAY}`) && asked.includes(`as_of=${YEAR_AGO}`), asked);
	assert.match(await page.textContent('#recorded-at-result'), /versie 1 de nieuwste/);

	/* back to today */
	await goto(page, `#/cases/${ASOF_REF}`, '.tab-overview #factors [data-factor]');
	await page.click('#as-of-today');
	await page.waitForFunction(() => !document.querySelector('#as-of-band'));
	await waitSignals(page, today);
	assert.equal(await page.inputValue('#case-as-of'), '');
	assert.deepEqual(await shownSignals(page), today);
	/* another case opens on today */
	await page.fill('#case-as-of', YEAR_AGO);
	await page.dispatchEvent('#case-as-of', 'change');
	await page.waitForSelector('#as-of-band');
	await goto(page, `#/cases/${SETTLE_REF}`);
	await caseShown(page, SETTLE_REF);
	assert.equal(await page.$('#as-of-band'), null);
	clean(page);
	await page.context().close();
});

test('the overview shows the settling-in schedule as the summary has it, also on an earlier day', async () => {
	const page = await open();
	await goto(page, `#/cases/${SETTLE_REF}`, '#settling-card');
	const sum = await apiSummary(page, SETTLE_REF);
	const st = sum.settling;
	assert.equal(st.placement, 'pl1');
	assert.equal(st.done, 1);
	assert.equal(st.overdue, true, 'the second check-in (3 weeks) is more than the grace late');
	const state = await page.textContent('#settling-state');
	assert.match(state, /Te laat: gesprek 2/);
	assert.equal(await page.getAttribute('#settling-state', 'data-late'), '1');
	assert.match(await page.textContent('#settling-card'), /1 van de 6 gesprekken gedaan/);
	/* the latest scores, in words */
	const scores = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#settling-scores dd')]
		.map((el) => [el.dataset.view, [el.dataset.score, el.textContent]])));
	assert.deepEqual(Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v[0]])),
		{ child: '3', foster_parents: '4', own_children: '5', parents: '2' });
	for (const [, [n, words]] of Object.entries(scores))
		assert.match(words, new RegExp(`^${n} · \\S`), 'a score in words');
	assert.match(await page.textContent('#settling-card'), /Pleegouders/);
	await shot(page, 'overview-settling', true);

	/* three days after the start: nothing late, no check-in yet */
	const early = iso(Date.parse(SETTLE_START) + 3 * DAY);
	await page.fill('#case-as-of', early);
	await page.dispatchEvent('#case-as-of', 'change');
	await page.waitForSelector('#as-of-band');
	await page.waitForFunction(() => document.querySelector('#settling-state')?.dataset.late === '0');
	const sumEarly = await apiSummary(page, SETTLE_REF, early);
	assert.equal(sumEarly.settling.done, 0);
	assert.match(await page.textContent('#settling-state'), /Volgend gesprek: nummer 1/);
	assert.equal(await page.$('#settling-scores'), null);
	assert.match(await page.textContent('#settling-card'), /nog geen gesprek/);
	/* a case without a current foster home has no card */
	await goto(page, '#/cases/PZ-2026-0102');
	await caseShown(page, 'PZ-2026-0102');
	const s2 = await apiSummary(page, 'PZ-2026-0102');
	assert.equal(!!(await page.$('#settling-card')), !!s2.settling);
	clean(page);
	await page.context().close();
});

test('the plan tab records, changes and removes the parents\' permission, also while another day is shown', async () => {
	const page = await open();
	await goto(page, `#/cases/${SETTLE_REF}/plan`, '#blessing');
	assert.match(await page.textContent('#blessing-none'), /Nog niet vastgelegd/);
	/* viewing another day: edits save as usual */
	await page.fill('#case-as-of', YEAR_AGO);
	await page.dispatchEvent('#case-as-of', 'change');
	await page.waitForSelector('#as-of-band');
	await page.waitForFunction((d) => (document.querySelector('#plan-pdf')?.href || '').includes(`as_of=${d}`), YEAR_AGO);
	await page.click('#edit-blessing');
	await page.waitForSelector('#blessing-dialog');
	/* only the parents are offered */
	const offered = await page.$$eval('#blessing-by label', (ls) => ls.map((l) => l.textContent));
	assert.deepEqual(offered.sort(), ['Ilse', 'Ruud']);
	await page.fill('#blessing-dialog input[name=blessing_date]', SETTLE_START);
	await page.check('#blessing-by label:has-text("Ilse") >> xpath=../input');
	await page.fill('#blessing-dialog textarea[name=blessing_text]', 'Daan mag zich thuis voelen bij Marieke.');
	await page.click('#blessing-dialog [data-action=save]');
	await page.waitForSelector('#blessing-given');
	assert.match(await page.textContent('#blessing-given'), /door Ilse/);
	assert.match(await page.textContent('#blessing-text'), /thuis voelen bij Marieke/);
	assert.ok(await page.$('#as-of-band'), 'the chosen day stays');
	let doc = (await pageFetch(page, `/api/cases/${SETTLE_REF}`)).body;
	assert.deepEqual(doc.plan.blessing, { date: SETTLE_START, by: ['p2'], text: 'Daan mag zich thuis voelen bij Marieke.' });
	/* the history names the change as a change of the plan */
	const hist = (await pageFetch(page, `/api/cases/${SETTLE_REF}/history`)).body;
	const last = hist.revisions[hist.revisions.length - 1];
	assert.ok(last.changes.some((c) => c.collection === 'plan'), JSON.stringify(last.changes));
	/* change: both parents, no words */
	await page.click('#edit-blessing');
	await page.waitForSelector('#blessing-dialog');
	await page.check('#blessing-by label:has-text("Ruud") >> xpath=../input');
	await page.fill('#blessing-dialog textarea[name=blessing_text]', '');
	await page.click('#blessing-dialog [data-action=save]');
	await page.waitForFunction(() => /Ilse, Ruud/.test(document.querySelector('#blessing-given')?.textContent || ''));
	assert.equal(await page.$('#blessing-text'), null);
	doc = (await pageFetch(page, `/api/cases/${SETTLE_REF}`)).body;
	assert.deepEqual(doc.plan.blessing, { date: SETTLE_START, by: ['p2', 'p3'] });
	/* the printed plan is served with it */
	const pdf = await pageFetch(page, `/api/cases/${SETTLE_REF}/plan.pdf?lang=nl`);
	assert.equal(pdf.status, 200);
	assert.match(pdf.type, /pdf/);
	/* a missing date is said in the dialog */
	await page.click('#edit-blessing');
	await page.waitForSelector('#blessing-dialog');
	await page.fill('#blessing-dialog input[name=blessing_date]', '');
	await page.click('#blessing-dialog [data-action=save]');
	await page.waitForFunction(() => /datum/.test(document.querySelector('#blessing-dialog')?.textContent || ''));
	await page.click('#blessing-dialog [data-action=cancel]');
	/* remove */
	await page.click('#remove-blessing');
	await page.click('dialog[open] [data-action=remove]');
	await page.waitForSelector('#blessing-none');
	doc = (await pageFetch(page, `/api/cases/${SETTLE_REF}`)).body;
	assert.equal(doc.plan.blessing, undefined);
	clean(page);
	await page.context().close();
});

async function axe(page, what) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	assert.deepEqual(res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 4).map((n) =>
		n.target.join(' ')).join(', ')})`), [], `axe on ${what}`);
}

/* Wider than the screen, or a button or field in the case head or main smaller than 44 px. */
function small(page) {
	return page.evaluate(() => {
		const out = [];
		if (document.documentElement.scrollWidth > window.innerWidth)
			out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
		for (const el of document.querySelectorAll('main button, main input, main a.btn, dialog[open] button')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.height > 0 && (r.height < 43.5 || r.width < 43.5) && el.type !== 'checkbox')
				out.push(`${el.tagName} "${(el.textContent || el.id).trim().slice(0, 30)}" is ${Math.round(r.width)} x ${
					Math.round(r.height)} px`);
		}
		return out;
	});
}

test('the band, the settling-in card, the permission and its dialog: axe finds nothing, 44 px on a phone', async () => {
	const page = await open('anouk', { viewport: PHONE });
	await goto(page, `#/cases/${SETTLE_REF}`, '#settling-card');
	await page.fill('#case-as-of', iso(Date.parse(SETTLE_START) + 30 * DAY));
	await page.dispatchEvent('#case-as-of', 'change');
	await page.waitForSelector('#as-of-band');
	await page.waitForSelector('#settling-scores');
	await axe(page, 'overview on another day');
	assert.deepEqual(await small(page), []);
	await goto(page, `#/cases/${SETTLE_REF}/plan`, '#blessing');
	await axe(page, 'plan with the permission');
	assert.deepEqual(await small(page), []);
	await page.click('#edit-blessing');
	await page.waitForSelector('#blessing-dialog');
	await axe(page, 'the permission dialog');
	assert.deepEqual(await small(page), []);
	await page.click('#blessing-dialog [data-action=cancel]');
	clean(page);
	await page.context().close();
});
