// views/case.js - the frame around one case: the child's name and age, the
// revision, undo, the tabs (overview, ecogram, genogram, lifeline,
// sociogram, Community Scan, flower, plan, meeting, history and sharing,
// the last with the number of things the family added that this worker has
// not seen), links to the family plans the case is in, the "as of" day
// picker (the day on which the overview, the signals and the pictures judge
// the latest revision; a band says so while it is not today, with a way
// back; edits still save as usual), and re-rendering the open tab after
// every change of the case.

import { renderUrl } from '../api.js';
import { asOfQuery, canUndo, cs, loadSummary, onCaseChange, openCase, reportError, setAsOf, undo, undoLabel } from '../casestore.js';
import { h, mount } from '../dom.js';
import { fmtDate, t, tp } from '../i18n.js';
import { childOf, today } from '../model.js';
import * as ecogram from './ecogram.js';
import { linksFor as familyPlanLinks, newPlanButton } from './familyplan.js';
import * as genogram from './genogram.js';
import * as history from './history.js';
import * as lifeline from './lifeline.js';
import * as matching from './matching.js';
import * as meeting from './meeting.js';
import * as overview from './overview.js';
import * as pictures from './pictures.js';
import * as planView from './plan.js';
import * as sharing from './sharing.js';

const TABS = [
	['overview', overview], ['matching', matching], ['ecogram', ecogram], ['genogram', genogram], ['lifeline', lifeline],
	['sociogram', pictures], ['scan', pictures], ['flower', pictures], ['plan', planView],
	['meeting', meeting], ['history', history], ['sharing', sharing],
];

let unsub = null;

export async function render(main, params, ctx) {
	const [ref, tabName = 'overview', sub] = params;
	const tab = TABS.find(([n]) => n === tabName);
	if (!tab) {
		mount(main, h('h1', {}, t('app.notFound')));
		return;
	}
	await openCase(ref, true);   /* always the latest revision: a colleague may have saved */
	if (!ctx.current())
		return;
	if (unsub)
		unsub();
	const head = h('div', { class: 'case-head' });
	const plans = h('div', { class: 'case-family-plans' });
	const body = h('section', { class: ['tab-body', `tab-${tabName}`], 'aria-labelledby': 'tab-title' });
	const nav = h('nav', { class: 'tabs', 'aria-label': t('case.tabs') }, TABS.map(([n]) => h('a', {
		href: `#/cases/${encodeURIComponent(ref)}${n === 'overview' ? '' : `/${n}`}`,
		'aria-current': n === tabName ? 'page' : null, dataset: { tab: n } }, t(`tab.${n}`),
	n === 'sharing' ? h('span', { class: 'tab-count', hidden: true }) : null)));
	const draw = async () => {
		if (!ctx.current())
			return;
		drawHead(head, ref);
		const y = window.scrollY;
		await tab[1].render(body, { ref, tab: tabName, sub, ctx });
		window.scrollTo(0, y);
	};
	mount(main, head, plans, nav, body);
	familyPlanLinks(plans, ref);   /* the family plans the case is in, when any */
	/* on a phone the tabs are one row that scrolls: the open one in view */
	nav.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
	if (tabName !== 'sharing')
		inboxBadge(nav, ref, ctx);
	unsub = onCaseChange(() => {
		if (ctx.current())
			draw();
		else if (unsub) {
			unsub();
			unsub = null;
		}
	});
	await draw();
}

/* The number of things the family added, on the "Delen" tab (the
 * sharing view sets it itself when open). */
async function inboxBadge(nav, ref, ctx) {
	let box = null;
	try {
		box = await sharing.inboxOf(ref);
	} catch (e) {
		return;
	}
	if (ctx.current())
		sharing.setTabCount(box ? box.count : 0);
}

/* The child's age last shown in the head, per case (see drawHead). */
let lastAge = { ref: null, age: null };

function drawHead(head, ref) {
	const doc = cs.doc;
	const child = childOf(doc) || { id: doc.case.child };
	/* the age as the library counts it (partial birth dates, as-of day);
	 * until the summary of this revision is in, the age last shown for this
	 * case stays, so the head does not shift under the pointer */
	const ageSpan = h('span', { class: 'age' });
	const showAge = (a) => {
		ageSpan.textContent = Number.isInteger(a) ? ` ${tp('common.age', a)}` : '';
	};
	showAge(lastAge.ref === ref ? lastAge.age : null);
	loadSummary().then((sum) => {
		if (sum && sum.child && cs.doc === doc) {
			lastAge = { ref, age: sum.child.age };
			showAge(sum.child.age);
		}
	}).catch(() => {});
	const undoBtn = h('button', { type: 'button', class: 'btn secondary', id: 'undo',
		disabled: !canUndo(), title: canUndo() ? t('undo.title', { what: undoLabel() }) : null,
		onclick: async () => {
			try {
				await undo();
			} catch (e) {
				reportError(e);
			}
		} }, t('undo.button'));
	mount(head,
		h('div', { class: 'case-title' },
			h('h1', { id: 'case-title' }, child.name || child.id, ageSpan),
			h('p', { class: 'muted' }, t('case.refRev', { ref, rev: cs.revision }))),
		/* the picker under the buttons: the head keeps the height it had */
		h('div', { class: 'case-side' },
			h('div', { class: 'case-actions' },
				undoBtn,
				newPlanButton(ref),
				h('a', { class: 'btn secondary', href: renderUrl(ref, 'kompas', 'pdf', asOfQuery()), target: '_blank',
					rel: 'noopener', id: 'print-pdf' }, t('case.pdf'))),
			asOfPicker()),
		cs.asOf ? asOfBand() : null);
}

/* Sets the as-of day; the case redraws when the signals of that day are in. */
async function judgeOn(day) {
	try {
		await setAsOf(day);
	} catch (e) {
		reportError(e);
	}
}

/* The "as of" date field of the case head: empty is today. */
function asOfPicker() {
	const input = h('input', { type: 'date', id: 'case-as-of', name: 'as_of', value: cs.asOf || '',
		'aria-describedby': 'case-as-of-hint' });
	input.addEventListener('change', () => {
		const v = input.value;
		if (!v || /^\d{4}-\d{2}-\d{2}$/.test(v))
			judgeOn(v === today() ? null : v);
	});
	return h('div', { class: ['field', 'as-of-field', cs.asOf ? 'set' : null] },
		h('label', { for: 'case-as-of' }, t('case.asOf')), input,
		h('span', { class: 'sr-only', id: 'case-as-of-hint' }, t('case.asOfHint')));
}

/* The band that says the page judges another day than today. */
function asOfBand() {
	return h('div', { class: 'as-of-band', id: 'as-of-band', role: 'status' },
		h('p', {}, h('strong', {}, t('case.asOfShown', { date: fmtDate(cs.asOf) })), ' ', t('case.asOfExplain')),
		h('button', { type: 'button', class: 'btn secondary small', id: 'as-of-today', onclick: () => judgeOn(null) },
			t('case.asOfToday')));
}
