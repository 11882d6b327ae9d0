// process.mjs - meetings as processes in the browser (issue 13 point 5):
// an Eigen Kracht-conferentie shows its phases as steps with their dates,
// the one it is in now highlighted, as the library computed them (the case
// summary's `processes`); recording phases goes through the meeting's
// save; a phase out of order is refused with the library's words; the
// invitation follows the phase (the preparation names the independent
// coordinator, the conference explains information, the family's own time
// and the plan); a Prima Pleegzorg action team meeting is planned with its
// future plan and action team, and its invitation names both.  The
// preparation's lists (who was asked, who comes) are ticked per person,
// saved with the steps and still there after a reload; one who comes
// unasked is refused with the library's words and path.  A new meeting
// ticks who the library suggests for its kind (the summary's
// invite_defaults): the informal network, or for an action team meeting
// the team's members.  axe-core finds nothing on either meeting.  The harness of harness.mjs (setup): a
// fresh database with the example cases, `kring serve`, Debian's chromium;
// every test fails on a console error, a page error, a failed static file
// or a 5xx.  KRING_SCREENSHOTS=1 saves docs/screenshots/meeting-process.png
// and meeting-action-team.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { clean, login, newPage, pageFetch, setup, shot } from './harness.mjs';

const REF = 'PZ-2026-0101';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const AGO = (n) => iso(Date.now() - n * DAY);
const NEXT_MONTH = iso(Date.now() + 30 * DAY);

let w;
let page;

before(async () => {
	w = await setup('process');
	page = await newPage(w);
	await login(w, page, 'anouk');
});

after(async () => {
	if (w)
		await w.close();
});

async function caseDoc(ref) {
	const r = await pageFetch(page, `/api/cases/${ref}`);
	assert.equal(r.status, 200);
	return r.body;
}

/* axe-core on the page as it is; fails with each violation and its elements. */
async function axe(what) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	assert.deepEqual(res.violations.map((v) => `${v.id} (${v.impact}): ${v.help} - ${
		v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${what}`);
}

/* The step the meeting is in now, as the page marks it. */
function currentStep() {
	return page.getAttribute('#process-steps li[aria-current="step"]', 'data-step');
}

test('an Eigen Kracht-conferentie: phases recorded as steps, the current one marked, the invitation following the phase', async () => {
	await page.goto(`${w.base}/#/cases/${REF}/meeting/new`);
	await page.waitForSelector('#meeting-form');
	await page.check('#continuum input[value="B"]');
	await page.fill('#meeting-form input[name=date]', NEXT_MONTH);
	await page.selectOption('#meeting-form select[name=coordinator]', 'p16');   /* Joke, the neighbour */
	await page.click('#meeting-form button[type=submit]');
	await page.waitForSelector('#process-form');
	/* nothing recorded yet: the coordinator comes first; the invitation is for the preparation */
	assert.equal(await page.$('#process-steps li[aria-current="step"]'), null);
	assert.equal(await page.getAttribute('#process-steps li[data-step=coordinator]', 'data-state'), 'next');
	assert.equal(await page.locator('#process-steps li').count(), 6);
	let inv = await page.textContent('#invitations .invitation >> nth=0');
	assert.match(inv, /Je bent van harte welkom bij een Eigen Kracht-conferentie over/);
	assert.match(inv, /Joke Hendriks is de onafhankelijke coördinator/);
	assert.doesNotMatch(inv, /zonder professionals/);
	/* a phase before the one before it: the library refuses it, with its words */
	await page.fill('#process-form input[name=coordinator]', AGO(3));
	await page.fill('#process-form input[name=preparation]', AGO(5));
	await page.click('#process-form button[type=submit]');
	await page.waitForSelector('#process-form .form-error:not([hidden])');
	assert.match(await page.textContent('#process-form .form-error'), /de fasen gaan op volgorde/);
	/* in order: saved, and the preparation is where it stands now */
	await page.fill('#process-form input[name=preparation]', AGO(1));
	await page.click('#process-form button[type=submit]');
	await page.waitForFunction(() => document.querySelector('#process-steps li[aria-current="step"]')
		?.dataset.step === 'preparation');
	assert.equal(await currentStep(), 'preparation');
	assert.equal(await page.getAttribute('#process-steps li[data-step=coordinator]', 'data-state'), 'done');
	assert.equal(await page.getAttribute('#process-steps li[data-step=information]', 'data-state'), 'next');
	assert.match(await page.textContent('#process-now'), /Volgende stap: Informatie van de professionals/);
	const doc = await caseDoc(REF);
	const m = doc.meetings[doc.meetings.length - 1];
	assert.deepEqual(m.process, { coordinator: AGO(3), preparation: AGO(1) });
	/* the invitation now is for the conference: its three parts */
	inv = await page.textContent('#invitations .invitation >> nth=0');
	assert.match(inv, /De conferentie heeft drie delen/);
	assert.match(inv, /Informatie: de professionals vertellen/);
	assert.match(inv, /Eigen tijd: de familie en het netwerk praten samen, zonder professionals/);
	assert.match(inv, /Het plan: jullie vertellen het plan/);
	assert.doesNotMatch(inv, /onafhankelijke coördinator/);
	/* the steps are the library's: the summary says the same */
	const sum = (await pageFetch(page, `/api/cases/${REF}/summary`)).body;
	const p = sum.processes.find((x) => x.meeting === m.id);
	assert.equal(p.current, 'preparation');
	assert.equal(p.next, 'information');
	assert.equal(p.invitation, 'conference');
	await shot(page, 'meeting-process', true);
	await axe('a conference with its steps');
	clean(page);
});

/* The persons ticked in column `key` (asked, coming) of the preparation. */
function ticked(key) {
	return page.$$eval(`#process-prep input[name=${key}]:checked`, (xs) => xs.map((x) => x.value));
}

/* Saves the steps form and waits until the page has read the case again
 * (what the save does once the server stored the change). */
async function saveSteps() {
	const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/cases/${REF}`
		&& r.request().method() === 'GET');
	await page.click('#process-form button[type=submit]');
	assert.equal((await reloaded).status(), 200);
}

test('the preparation: who was asked and who comes, ticked per person, saved and still there after a reload', async () => {
	let doc = await caseDoc(REF);
	const m = doc.meetings[doc.meetings.length - 1];
	const at = doc.meetings.length - 1;
	assert.equal(m.type, 'family_group_conference');
	await page.goto(`${w.base}/#/cases/${REF}/meeting/${m.id}`);
	await page.waitForSelector('#process-prep');
	assert.deepEqual([await ticked('asked'), await ticked('coming')], [[], []]);
	assert.match(await page.textContent('#prep-count'), /Gevraagd: 0, komen: 0/);
	/* one who comes but was not asked: the library refuses it, with the path */
	await page.check('#process-prep input[name=asked][value=p2]');
	await page.check('#process-prep input[name=coming][value=p9]');
	await page.click('#process-form button[type=submit]');
	await page.waitForSelector('#process-form .form-error:not([hidden])');
	assert.match(await page.textContent('#process-form .form-error'),
		new RegExp(`meetings\\[${at}\\]\\.process\\.coming\\[0\\]: "p9" komt, maar staat niet bij wie er gevraagd is`));
	doc = await caseDoc(REF);
	assert.equal(doc.meetings[at].process.asked, undefined, 'nothing stored');
	/* asked too: saved */
	await page.check('#process-prep input[name=asked][value=p9]');
	await page.check('#process-prep input[name=asked][value=p4]');
	assert.match(await page.textContent('#prep-count'), /Gevraagd: 3, komen: 1/);
	await saveSteps();
	doc = await caseDoc(REF);
	assert.deepEqual(doc.meetings[at].process.asked, ['p2', 'p4', 'p9']);
	assert.deepEqual(doc.meetings[at].process.coming, ['p9']);
	/* the dates recorded before stay */
	assert.equal(doc.meetings[at].process.preparation, AGO(1));
	/* after a reload the ticks are there; untick one: it goes, the order of the rest stays */
	await page.reload();
	await page.waitForSelector('#process-prep');
	assert.deepEqual(await ticked('asked'), ['p2', 'p4', 'p9']);
	assert.deepEqual(await ticked('coming'), ['p9']);
	await page.uncheck('#process-prep input[name=asked][value=p4]');
	await page.check('#process-prep input[name=coming][value=p2]');
	await saveSteps();
	doc = await caseDoc(REF);
	assert.deepEqual(doc.meetings[at].process.asked, ['p2', 'p9']);
	assert.deepEqual(doc.meetings[at].process.coming, ['p9', 'p2']);
	await page.reload();
	await page.waitForSelector('#process-prep');
	assert.deepEqual(await ticked('coming'), ['p2', 'p9']);
	assert.match(await page.textContent('#prep-count'), /Gevraagd: 2, komen: 2/);
	await axe('a conference with who was asked and who comes');
	clean(page);
});

test('Prima Pleegzorg: an action team meeting planned with the future plan and the team; its invitation names both', async () => {
	await page.goto(`${w.base}/#/cases/${REF}/meeting/new`);
	await page.waitForSelector('#meeting-form');
	assert.ok(await page.isHidden('#new-team'), 'the team is asked only for an action team meeting');
	await page.check('#continuum input[value="action_team"]');
	await page.waitForSelector('#new-team:not([hidden])');
	await page.fill('#new-team input[name=future_date]', AGO(10));
	await page.check('#future-by input[value=p2]');
	await page.check('#future-by input[value=p9]');
	await page.fill('#new-team textarea[name=future_text]', 'Daan gaat weer bij zijn moeder wonen.');
	await page.fill('#new-team textarea[name=future_goals]', 'Elk weekend naar huis\nSanne heeft een vaste baan');
	await page.fill('#new-team input[name=team_formed]', AGO(4));
	for (const id of ['p2', 'p4', 'p9'])
		await page.check(`#team-members input[value=${id}]`);
	/* the team is formed on this form: its members are who is invited */
	assert.deepEqual(await page.$$eval('#invite-list input:checked', (xs) => xs.map((x) => x.value).sort()),
		['p2', 'p4', 'p9']);
	assert.match(await page.textContent('#invite-hint'), /leden van het actieteam/);
	await page.fill('#meeting-form input[name=date]', NEXT_MONTH);
	await page.click('#meeting-form button[type=submit]');
	await page.waitForSelector('#team-form');
	const doc = await caseDoc(REF);
	assert.deepEqual(doc.plan.action_team, { formed: AGO(4), members: ['p2', 'p4', 'p9'] });
	assert.deepEqual(doc.plan.future_plan.made_by, ['p2', 'p9']);
	const m = doc.meetings[doc.meetings.length - 1];
	assert.equal(m.type, 'action_team');
	assert.equal(m.continuum, undefined);
	/* the team was formed; this meeting comes next */
	assert.equal(await currentStep(), 'action_team');
	assert.equal(await page.getAttribute('#process-steps li[data-step=meeting]', 'data-state'), 'next');
	assert.match(await page.textContent('#meeting-kind'), /actieteamoverleg/);
	const inv = await page.textContent('#invitations .invitation:has-text("Beste Sanne Bakker,")');
	assert.match(inv, /Je bent van harte welkom bij het actieteamoverleg over Daan/);
	assert.match(inv, /Het actieteam: Sanne Bakker, Ria Bakker-Smit, Tineke Jansen-Kok\./);
	assert.match(inv, /toekomstplan van .*gemaakt door Sanne Bakker, Tineke Jansen-Kok/);
	assert.match(inv, /Elk weekend naar huis/);
	await shot(page, 'meeting-action-team', true);
	/* the team changed in the meeting: formed before the future plan is refused with the library's words */
	await page.fill('#team-form input[name=team_formed]', AGO(20));
	await page.click('#team-form button[type=submit]');
	await page.waitForSelector('#team-form .form-error:not([hidden])');
	assert.match(await page.textContent('#team-form .form-error'), /voor het toekomstplan/);
	await page.fill('#team-form input[name=team_formed]', AGO(4));
	await axe('an action team meeting');
	clean(page);
});

test('a new meeting ticks who the library suggests: the informal network, or the action team\'s members', async () => {
	const sum = (await pageFetch(page, `/api/cases/${REF}/summary`)).body;
	const doc = await caseDoc(REF);
	const team = sum.invite_defaults.action_team;
	assert.equal(team.rule, 'action_team');
	assert.deepEqual(team.persons, doc.plan.action_team.members);
	const network = sum.invite_defaults.round_table;
	assert.equal(network.rule, 'network');
	const checked = () => page.$$eval('#invite-list input:checked', (xs) => xs.map((x) => x.value));
	await page.goto(`${w.base}/#/cases/${REF}/meeting/new`);
	await page.waitForSelector('#meeting-form');
	/* a round table (the kind ticked first): the informal network */
	assert.deepEqual(await checked(), network.persons);
	assert.ok(network.persons.length > team.persons.length);
	assert.match(await page.textContent('#invite-hint'), /Iedereen uit het netwerk/);
	/* an action team meeting: the team's members, nobody else */
	await page.check('#continuum input[value="action_team"]');
	await page.waitForFunction(() => /leden van het actieteam/.test(document.querySelector('#invite-hint').textContent));
	assert.deepEqual((await checked()).sort(), [...team.persons].sort());
	assert.ok(await page.isHidden('#new-team') || !(await page.$('#new-team')), 'the team is there: not asked again');
	/* saved as suggested */
	await page.fill('#meeting-form input[name=date]', NEXT_MONTH);
	await page.click('#meeting-form button[type=submit]');
	await page.waitForSelector('#team-form');
	const after = await caseDoc(REF);
	const m = after.meetings[after.meetings.length - 1];
	assert.equal(m.type, 'action_team');
	assert.deepEqual([...m.invited].sort(), [...team.persons].sort());
	/* back to another kind: the network again */
	await page.goto(`${w.base}/#/cases/${REF}/meeting/new`);
	await page.waitForSelector('#meeting-form');
	await page.check('#continuum input[value="action_team"]');
	await page.check('#continuum input[value="A"]');
	assert.deepEqual(await checked(), sum.invite_defaults.diy.persons);
	await axe('a new meeting with its suggestion');
	clean(page);
});

test('the example PZ-2026-0108: the conference done, the action team of its future plan', async () => {
	const sum = (await pageFetch(page, '/api/cases/PZ-2026-0108/summary')).body;
	const conf = sum.processes.find((x) => x.meeting === 'm1');
	assert.equal(conf.kind, 'conference');
	assert.equal(conf.current, 'plan_accepted');
	assert.equal(conf.next, null);
	const team = sum.processes.find((x) => x.meeting === 'm3');
	assert.equal(team.kind, 'action_team');
	assert.equal(team.invitation, 'action_team');
	await page.goto(`${w.base}/#/cases/PZ-2026-0108/meeting/m1`);
	await page.waitForSelector('#process-form');
	assert.equal(await currentStep(), 'plan_accepted');
	assert.match(await page.textContent('#process-now'), /Alle stappen zijn gezet/);
	clean(page);
});
