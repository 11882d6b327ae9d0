// share.mjs - sharing the family controls (issue 11): the worker's "Delen"
// tab makes a link that shows what the worker chose (its scopes), lists
// every link with what it shows, revokes one, and offers no link for a
// person who died or is no longer involved (the server refuses one too);
// what is for professionals only never reaches a link - not in any answer
// of the share endpoints (read raw, for every scope at once), not on the
// page; the family sees the route when worried and the contact person,
// can write a wish up to the library's limit that wraps on a 390 px phone,
// and the wish reaches the worker's inbox with a count.  A plan with the
// parents' future plan and an action team (Prima Pleegzorg) shows both:
// the future plan in words with its goals, the team's members by name and
// role, its last and next meeting (when and where only: never what was
// said), each as far as the scopes reach; a plan without them shows
// neither.  An agreement due in a month is late only after that month
// (the library's "overdue", not a comparison of date strings).
// KRING_SCREENSHOTS=1 saves docs/screenshots/family-view-team.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, clean, goto, login, newPage, pageFetch, send, setup, shot } from './harness.mjs';

const REF = 'E2E-SHARE-1';
const SECRET1 = 'Ilse gaat naar de verslavingszorg';
const SECRET2 = 'zorgen over drank bij vader';
const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
const SCOPES = ['own', 'goals', 'safety', 'meeting', 'plan'];
/* this month and the month before, as month-precision dates ("2026-12") */
const THIS_MONTH = day(0).slice(0, 7);
const LAST_MONTH = (() => {
	const d = new Date();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() - 1);
	return d.toISOString().slice(0, 7);
})();

const CASE = {
	format: 'kring-case/1',
	case: { ref: REF, child: 'p1' },
	persons: [
		{ id: 'p1', name: 'Sam Bakker', sex: 'm', born: '2014-05-02', roles: ['child'] },
		{ id: 'p2', name: 'Ilse Bakker', sex: 'f', roles: ['parent'], world: 'origin', segment: 'family' },
		{ id: 'p3', name: 'Ruud Bakker', sex: 'm', roles: ['parent'], world: 'origin', segment: 'family' },
		{ id: 'p4', name: 'Anouk Peters', sex: 'f', roles: ['foster_care_worker'], world: 'professional', segment: 'professionals' },
		{ id: 'p5', name: 'Bert Voogd', sex: 'm', roles: ['guardian'], world: 'professional', segment: 'professionals',
			involved: [{ from: '2020', to: '2021' }] },
		{ id: 'p6', name: 'Opa Kees', sex: 'm', roles: ['grandparent'], world: 'origin', segment: 'family' },
		{ id: 'p7', name: 'Oma Truus', sex: 'f', roles: ['grandparent'], world: 'origin', segment: 'family', died: '2024-03-01' },
	],
	ties: [{ a: 'p1', b: 'p6', strength: 'strong', frequency: 'weekly' }],
	meetings: [{ id: 'm1', date: day(10), time: '19:30', place: 'het buurthuis', type: 'round_table' }],
	plan: {
		safety: 'Opa Kees let op als Sam bij zijn vader is.',
		concerns: ['Sam slaapt slecht', { text: SECRET2, visibility: 'professionals' }],
		worry_route: { text: 'Bel eerst opa Kees, dan Anouk.', call: ['p6', 'p4'] },
		wishes: [{ id: 'w1', by: 'p1', text: 'Op zaterdag blijven voetballen' }],
		goals: [{ id: 'g1', text: 'Sam slaapt rustig', indicator: 'vijf nachten per week doorslapen' }],
		agreements: [
			{ id: 'a1', who: ['p2'], what: 'Ilse belt Sam op zondag' },
			{ id: 'a2', who: ['p2'], what: SECRET1, visibility: 'professionals' },
			{ id: 'a3', who: ['p3'], what: 'Ruud haalt Sam op bij de club' },
			{ id: 'a4', who: ['p6'], what: 'Opa Kees regelt de fiets', due: THIS_MONTH },
			{ id: 'a5', who: ['p6'], what: 'Opa Kees belt de school', due: LAST_MONTH },
		],
	},
};

/* A case of Prima Pleegzorg: the future plan, the action team, and its
 * meetings with minutes that never reach a link. */
const MINUTES = 'Ruud was er niet en dat was lastig';
const REF2 = 'E2E-SHARE-2';
const CASE2 = {
	format: 'kring-case/1',
	case: { ref: REF2, child: 'p1' },
	persons: [
		{ id: 'p1', name: 'Noor Visser', sex: 'f', born: '2016-02-11', roles: ['child'] },
		{ id: 'p2', name: 'Eva Visser', sex: 'f', roles: ['parent'], world: 'origin', segment: 'family' },
		{ id: 'p3', name: 'Tante Mies', sex: 'f', roles: ['aunt_uncle'], world: 'origin', segment: 'family' },
		{ id: 'p4', name: 'Anouk Peters', sex: 'f', roles: ['foster_care_worker'], world: 'professional', segment: 'professionals' },
	],
	meetings: [
		{ id: 'm1', date: day(-14), type: 'action_team', attended: ['p2', 'p3'], minutes: MINUTES, outcome: MINUTES },
		{ id: 'm2', date: day(12), time: '10:00', place: 'de bibliotheek', type: 'action_team' },
	],
	plan: {
		future_plan: { date: day(-40), made_by: ['p2', 'p3'], text: 'Noor woont weer bij haar moeder.',
			goals: ['Elk weekend naar huis', 'Eva heeft een vaste baan'] },
		action_team: { formed: day(-30), members: ['p2', 'p3', 'p4'] },
	},
};

let w;
let worker;

before(async () => {
	w = await setup('share', { cases: [CASE, CASE2] });
	worker = await newPage(w);
	await login(w, worker, 'anouk');
});

after(async () => {
	if (w)
		await w.close();
});

/* Opens a share link in a fresh phone context and records the raw text of
 * every answer on /api/share/. */
async function openLink(url) {
	const fam = await newPage(w, { viewport: PHONE, touch: true });
	fam.shareBodies = [];
	fam.on('response', async (r) => {
		if (new URL(r.url()).pathname.startsWith('/api/share/'))
			fam.shareBodies.push(r.text().then((x) => `${r.url()}\n${x}`, () => ''));
	});
	await fam.goto(url);
	await fam.waitForFunction(() => document.documentElement.dataset.ready === '1');
	return fam;
}

async function noSecret(fam) {
	const bodies = await Promise.all(fam.shareBodies);
	assert.ok(bodies.length >= 2, 'the share answers were read');
	for (const b of bodies) {
		assert.ok(!b.includes(SECRET1), `no professionals-only agreement in ${b.split('\n')[0]}`);
		assert.ok(!b.includes(SECRET2), `no professionals-only concern in ${b.split('\n')[0]}`);
		assert.ok(!b.includes('"a2"'), `not even its id in ${b.split('\n')[0]}`);
	}
	const text = await fam.textContent('body');
	assert.ok(!text.includes(SECRET1) && !text.includes(SECRET2), 'nor on the page');
}

/* Makes a link in the Delen tab for the person named `name` with exactly
 * `scopes`; returns its URL. */
async function makeLink(name, scopes) {
	await worker.selectOption('#share-person', { label: name });
	for (const sc of SCOPES) {
		const box = worker.locator(`#share-scopes input[value="${sc}"]`);
		if ((await box.isChecked()) !== scopes.includes(sc))
			await box.click();
	}
	/* the tab may still show the link made before: wait for a new one */
	const before = (await worker.locator('#share-url').count()) ? await worker.inputValue('#share-url') : '';
	await worker.click('#share-form button[type=submit]');
	await worker.waitForFunction((old) => {
		const e = document.querySelector('#share-url');
		return e && e.value && e.value !== old;
	}, before);
	return worker.inputValue('#share-url');
}

test('the Delen tab offers links only for the living and involved; the server refuses the others', async () => {
	await goto(worker, `#/cases/${REF}/sharing`, '#share-form');
	const options = await worker.locator('#share-person option').allTextContents();
	for (const n of ['Ilse Bakker', 'Ruud Bakker', 'Opa Kees', 'Sam Bakker'])
		assert.ok(options.includes(n), `${n} can get a link`);
	assert.ok(!options.includes('Oma Truus'), 'no link for a person who died');
	assert.ok(!options.includes('Bert Voogd'), 'no link for a person no longer involved');
	/* the scopes and their words come from the server */
	const labels = await worker.locator('#share-scopes label').allTextContents();
	assert.equal(labels.length, 5);
	assert.ok(labels.some((l) => /wie je belt bij zorgen/.test(l)));
	for (const p of ['p7', 'p5']) {
		const r = await send(worker, 'POST', `/api/cases/${REF}/shares`, { person: p, days: 30 });
		assert.ok(r.status >= 400 && r.status < 500, `POST a link for ${p} is refused (${r.status})`);
		assert.match(JSON.stringify(r.body), /overleden of niet meer betrokken|died or is no longer involved/);
	}
	assert.equal((await pageFetch(worker, `/api/cases/${REF}/shares`)).body.shares.length, 0);
	clean(worker);
});

test('no answer of a share link and no page holds what is for professionals only, whatever it shows', async () => {
	const url = await makeLink('Ilse Bakker', SCOPES);
	const row = worker.locator('#shares tbody tr').first();
	assert.match(await row.textContent(), /Ilse Bakker/);
	assert.equal(await row.locator('.shows li').count(), 5, 'the list says what the link shows');
	const fam = await openLink(url);
	await fam.waitForSelector('#my-tasks .task');
	/* every endpoint of the holder: the session, the plan, a wish, a done-mark */
	await fam.fill('#wish-text', 'Ik wil Sam vaker zien.');
	await fam.click('#wish-form button[type=submit]');
	await fam.waitForSelector('.wish:has-text("vaker zien")');
	await fam.click('#my-tasks .task[data-agreement="a1"] button');
	await fam.waitForSelector('#my-tasks .task[data-agreement="a1"].done');
	const hidden = await pageFetch(fam, '/api/share/agreements/a2/done', { method: 'POST',
		headers: { 'X-CSRF-Token': (await pageFetch(fam, '/api/share/session')).body.csrf } });
	assert.equal(hidden.status, 404, 'the professionals-only agreement does not exist for the holder');
	fam.shareBodies.push(Promise.resolve(hidden.text), Promise.resolve(JSON.stringify(
		(await pageFetch(fam, '/api/share/plan')).body)), Promise.resolve((await pageFetch(fam, '/api/share/session')).text));
	await noSecret(fam);
	/* the route when worried and the contact person */
	assert.match(await fam.textContent('#worry-route'), /Bel eerst opa Kees, dan Anouk\./);
	assert.deepEqual((await fam.locator('#worry-route .call li').allTextContents()).map((x) => x.split(' (')[0]),
		['Opa Kees', 'Anouk Peters']);
	assert.match(await fam.textContent('#contact'), /Anouk Peters/);
	assert.match(await fam.textContent('#next-meeting'), /19:30 in het buurthuis/);
	assert.match(await fam.textContent('#agreements'), /Ruud haalt Sam op/);
	clean(fam);
	await fam.context().close();
});

test('the scopes limit what a link shows', async () => {
	await goto(worker, `#/cases/${REF}/sharing`, '#share-form');
	const url = await makeLink('Ruud Bakker', ['goals']);
	const fam = await openLink(url);
	await fam.waitForSelector('#goals');
	assert.match(await fam.textContent('#goals'), /Sam slaapt rustig/);
	for (const sel of ['#my-tasks', '#safety', '#agreements', '#next-meeting'])
		assert.equal(await fam.locator(sel).count(), 0, `${sel} is not shown`);
	const body = await fam.textContent('body');
	for (const x of ['Ruud haalt Sam op', 'Bel eerst opa Kees', 'Ilse belt', 'buurthuis'])
		assert.ok(!body.includes(x), `"${x}" is not shown`);
	const plan = (await pageFetch(fam, '/api/share/plan')).body;
	assert.deepEqual(plan.scopes, ['goals']);
	assert.deepEqual([plan.my_tasks.length, plan.agreements.length, plan.safety, plan.next_meeting], [0, 0, null, null]);
	/* a plan without a future plan or action team shows neither */
	assert.deepEqual([plan.future_plan, plan.action_team], [null, null]);
	assert.equal(await fam.locator('#future-plan, #action-team').count(), 0);
	/* the contact person is always there */
	assert.match(await fam.textContent('#contact'), /Anouk Peters/);
	await noSecret(fam);
	clean(fam);
	await fam.context().close();
});

test('the future plan and the action team: in words, by name and role, with the team\'s meetings; as far as the scopes reach', async () => {
	await goto(worker, `#/cases/${REF2}/sharing`, '#share-form');
	let fam = await openLink(await makeLink('Eva Visser', ['own', 'goals', 'meeting']));
	await fam.waitForSelector('#future-plan');
	const fp = await fam.textContent('#future-plan');
	assert.match(fp, /Het toekomstplan/);
	assert.match(fp, /door Eva Visser, Tante Mies\./);
	assert.match(fp, /Noor woont weer bij haar moeder\./);
	assert.deepEqual(await fam.locator('#future-goals li').allTextContents(), ['Elk weekend naar huis', 'Eva heeft een vaste baan']);
	assert.deepEqual(await fam.locator('#team-members li').allTextContents(),
		['Eva Visser (ouder)', 'Tante Mies (oom of tante)', 'Anouk Peters (pleegzorgbegeleider)']);
	assert.match(await fam.textContent('#team-last'), /Het laatste overleg was op/);
	assert.match(await fam.textContent('#team-next'), /Het volgende overleg is op .* Om 10:00 in de bibliotheek\./);
	const bodies = await Promise.all(fam.shareBodies);
	for (const b of bodies)
		assert.ok(!b.includes(MINUTES), `what was said at a meeting never reaches a link (${b.split('\n')[0]})`);
	assert.ok(!(await fam.textContent('body')).includes(MINUTES));
	const width = await fam.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= PHONE.width, `no horizontal scroll on a phone (${width} px wide)`);
	await shot(fam, 'family-view-team', true);
	clean(fam);
	await fam.context().close();
	/* own tasks only: neither the future plan nor the team */
	fam = await openLink(await makeLink('Tante Mies', ['own']));
	await fam.waitForSelector('#wish-form');
	assert.equal(await fam.locator('#future-plan, #action-team').count(), 0);
	const plan = (await pageFetch(fam, '/api/share/plan')).body;
	assert.deepEqual([plan.future_plan, plan.action_team], [null, null]);
	clean(fam);
	await fam.context().close();
	/* the whole plan without meetings: the team, not when it meets */
	fam = await openLink(await makeLink('Tante Mies', ['plan']));
	await fam.waitForSelector('#action-team');
	assert.equal(await fam.locator('#team-members li').count(), 3);
	assert.equal(await fam.locator('#team-last, #team-next').count(), 0);
	assert.ok(!(await fam.textContent('body')).includes('bibliotheek'));
	clean(fam);
	await fam.context().close();
	clean(worker);
});

test('a long wish wraps on a phone, the form stops at the limit, and the worker sees it with a count', async () => {
	await goto(worker, `#/cases/${REF}/sharing`, '#share-form');
	const url = await makeLink('Opa Kees', ['own', 'safety']);
	const fam = await openLink(url);
	await fam.waitForSelector('#wish-form');
	assert.equal(await fam.getAttribute('#wish-text', 'maxlength'), '2000', 'the library\'s limit for a wish');
	await fam.fill('#wish-text', 'x'.repeat(2500));
	assert.equal((await fam.inputValue('#wish-text')).length, 2000, 'the form takes 2,000 characters');
	await fam.fill('#wish-text', `Logeren${'a'.repeat(1990)}`);
	await fam.click('#wish-form button[type=submit]');
	await fam.waitForSelector('.wish:has-text("Logeren")');
	const width = await fam.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= PHONE.width, `no horizontal scroll on a phone (${width} px wide)`);
	/* a wish past the limit is refused by the server too */
	const long = await pageFetch(fam, '/api/share/wishes', { method: 'POST', headers: {
		'Content-Type': 'application/json', 'X-CSRF-Token': (await pageFetch(fam, '/api/share/session')).body.csrf },
	body: JSON.stringify({ text: 'y'.repeat(5000) }) });
	assert.equal(long.status, 422);
	await shot(fam, 'family-view', true);
	clean(fam);
	await fam.context().close();

	/* the worker: Ilse's wish and done-mark and Kees's wish, counted on the tab and in the inbox */
	await goto(worker, `#/cases/${REF}`, '.tab-overview #tab-title');
	await worker.waitForFunction(() => /^3/.test(document.querySelector('.tabs [data-tab="sharing"] .tab-count:not([hidden])')
		?.textContent || ''));
	await goto(worker, `#/cases/${REF}/sharing`, '#inbox .inbox-item');
	assert.equal(await worker.textContent('#inbox-count'), '3');
	const items = await worker.locator('#inbox .inbox-item').allTextContents();
	assert.ok(items.some((x) => /Opa Kees.*Logeren/s.test(x)), 'the wish, with who wrote it');
	assert.ok(items.some((x) => /Ilse Bakker.*Ilse belt Sam op zondag/s.test(x)), 'the agreement marked done');
	await shot(worker, 'sharing', true);
	await worker.click('#inbox-seen');
	await worker.waitForSelector('#inbox-count:text("0")');
	assert.equal(await worker.locator('.tabs [data-tab="sharing"] .tab-count:not([hidden])').count(), 0);
	clean(worker);
});

test('a revoked link stops at once', async () => {
	await goto(worker, `#/cases/${REF}/sharing`, '#shares');
	const url = await makeLink('Sam Bakker', ['own']);
	const fam = await openLink(url);
	await fam.waitForSelector('#wish-form');
	const row = worker.locator('#shares tbody tr', { hasText: 'Sam Bakker' }).first();
	await row.locator('button').click();
	await worker.waitForSelector('#shares tbody tr[data-state="revoked"]:has-text("Sam Bakker")');
	assert.equal((await pageFetch(fam, '/api/share/plan')).status, 401);
	clean(worker);
	await fam.context().close();
});

test('an agreement due this month is not late yet; one due last month is (the library says so)', async () => {
	await goto(worker, `#/cases/${REF}/sharing`, '#share-form');
	const fam = await openLink(await makeLink('Opa Kees', ['own']));
	await fam.waitForSelector('#my-tasks .task[data-agreement="a5"]');
	const plan = (await pageFetch(fam, '/api/share/plan')).body;
	assert.deepEqual(plan.my_tasks.map((a) => [a.id, a.overdue]), [['a4', false], ['a5', true]]);
	assert.equal(await fam.locator('#my-tasks .task[data-agreement="a4"].late').count(), 0,
		`due ${THIS_MONTH}: the month is not over, not late`);
	assert.equal(await fam.locator('#my-tasks .task[data-agreement="a5"].late').count(), 1, `due ${LAST_MONTH}: late`);
	assert.doesNotMatch(await fam.textContent('#my-tasks .task[data-agreement="a4"]'), /te laat/);
	assert.match(await fam.textContent('#my-tasks .task[data-agreement="a5"]'), /te laat/);
	clean(fam);
	await fam.context().close();
});
