// share.js - the family's view behind a share link (/s/#<token>): trades
// the token from the URL fragment for a share session (POST
// /api/share/session), removes it from the address bar, and shows the plan
// in plain words, as far as the link's scopes reach (the server leaves out
// the rest): the holder's own tasks first (with a button to mark one
// done), what to do when you are worried and whom to call, the wishes and
// what was done with them, the other agreements, the goals, the next
// meeting, the parents' future plan in their words (scope goals or plan),
// the action team by name and role with its last and next meeting (scope
// plan or meeting), the contact person, and who looked at the file; plus a form to
// add a wish (as long as the library's limit for a wish, GET /api/meta).
// Nothing else of the case is ever asked for.

import { api, setCsrf } from './api.js';
import { h, mount, toast } from './dom.js';
import { fmtDate, getLang, initI18n, setLang, t, te, textLimit } from './i18n.js';

let session = null;
let wishMax = 2000;

function applyStatic() {
	for (const el of document.querySelectorAll('[data-i18n]'))
		el.textContent = t(el.dataset.i18n);
	document.title = t('family.docTitle');
	const ls = document.getElementById('lang-switch');
	ls.textContent = t('app.otherLang');
	ls.setAttribute('lang', getLang() === 'nl' ? 'en' : 'nl');
	ls.setAttribute('aria-label', t('app.otherLangLabel'));
}

function when(at) {
	return at ? `${fmtDate(at.slice(0, 10))} ${at.slice(11, 16)}` : '';
}

function task(a, mine) {
	const late = a.overdue === true;
	const done = a.status === 'done';
	return h('article', { class: ['task', mine ? 'mine' : null, done ? 'done' : null, late ? 'late' : null],
		dataset: { agreement: a.id } },
	h('h3', {}, a.what || ''),
	h('dl', {},
		h('dt', {}, t('family.who')), h('dd', {}, (a.who || []).map((p) => p.name || p.id).join(', ') || t('family.nobody')),
		a.when ? [h('dt', {}, t('family.when')), h('dd', {}, a.when)] : null,
		a.due ? [h('dt', {}, t('family.due')), h('dd', {}, fmtDate(a.due), late ? ` — ${t('family.late')}` : '')] : null,
		a.if_not ? [h('dt', {}, t('family.ifNot')), h('dd', {}, a.if_not)] : null,
		h('dt', {}, t('family.status')), h('dd', {}, te('agreement', a.status || 'open'))),
	mine && a.status !== 'done' && a.status !== 'dropped' ? h('button', { type: 'button', class: 'btn primary',
		onclick: async (ev) => {
			ev.target.disabled = true;
			try {
				await api('POST', `/api/share/agreements/${encodeURIComponent(a.id)}/done`);
				toast(t('family.doneSaved'), 'ok');
				await show();
			} catch (e) {
				ev.target.disabled = false;
				toast((e.messages || [String(e)]).join(' '), 'error');
			}
		} }, t('family.markDone')) : null);
}

/* A person to call, with their role when the server names one. */
function personLine(p) {
	return h('li', {}, h('strong', {}, p.name || p.id), p.role ? ` (${te('role', p.role)})` : '');
}

function section(id, title, ...content) {
	return h('section', { 'aria-labelledby': `${id}-title`, id }, h('h2', { id: `${id}-title` }, title), content);
}

/* What to do when worried (scope safety): the route, whom to call, the
 * safety plan's words and the concerns that are for everyone. */
function safetySection(sf) {
	const route = sf.worry_route;
	return section('safety', t('family.safety'),
		route ? h('div', { class: 'route', id: 'worry-route' },
			h('h3', {}, t('family.worryRoute')),
			route.text ? h('p', {}, route.text) : null,
			(route.call || []).length ? [h('p', {}, t('family.call')),
				h('ol', { class: 'call' }, route.call.map(personLine))] : null)
			: h('p', {}, t('family.noRoute')),
		sf.text ? h('p', { class: 'safety-text' }, sf.text) : null,
		(sf.concerns || []).length ? [h('h3', {}, t('family.concerns')),
			h('ul', {}, sf.concerns.map((c) => h('li', {}, c)))] : null);
}

function wishForm() {
	const text = h('textarea', { id: 'wish-text', rows: 3, maxlength: wishMax,
		'aria-describedby': 'wish-hint wish-left' });
	const left = h('p', { class: 'hint', id: 'wish-left', 'aria-live': 'polite' }, t('family.wishLeft', { n: wishMax }));
	text.addEventListener('input', () => {
		left.textContent = t('family.wishLeft', { n: Math.max(0, wishMax - [...text.value].length) });
	});
	const msg = h('p', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { id: 'wish-form', novalidate: true },
		h('label', { for: 'wish-text' }, t('family.wishLabel')),
		h('p', { class: 'hint', id: 'wish-hint' }, t('family.wishHint')), text, left, msg,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('family.wishSend'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const v = text.value.trim();
		if (!v || [...v].length > wishMax) {
			msg.textContent = v ? t('family.wishLong', { n: wishMax }) : t('family.wishEmpty');
			msg.hidden = false;
			text.focus();
			return;
		}
		try {
			await api('POST', '/api/share/wishes', { body: { text: v } });
			toast(t('family.wishSaved'), 'ok');
			await show();
			document.getElementById('wish-text')?.focus();
		} catch (e) {
			msg.textContent = (e.messages || [String(e)]).join(' ');
			msg.hidden = false;
		}
	});
	return form;
}

/* " Om 19:30 in het buurthuis." as far as the meeting says. */
function meetingWhere(nm) {
	if (nm.time && nm.place)
		return ` ${t('family.meetingAt', { time: nm.time, place: nm.place })}`;
	if (nm.time)
		return ` ${t('family.meetingTime', { time: nm.time })}`;
	return nm.place ? ` ${t('family.meetingPlace', { place: nm.place })}` : '';
}

/* The future plan (plan.future_plan): when and by whom, in their words,
 * and what they want to reach. */
function futurePlanSection(fp) {
	const names = (fp.made_by || []).map((x) => x.name || x.id).join(', ');
	return section('future-plan', t('share.view.futurePlan'),
		fp.date ? h('p', {}, names ? t('share.view.futurePlanMade', { date: fmtDate(fp.date), names })
			: t('share.view.futurePlanDate', { date: fmtDate(fp.date) })) : null,
		fp.text ? h('blockquote', { class: 'future-text' }, h('p', {}, fp.text)) : null,
		(fp.goals || []).length ? [h('p', {}, t('share.view.futureGoals')),
			h('ul', { id: 'future-goals' }, fp.goals.map((g) => h('li', {}, g)))] : null);
}

/* The action team (plan.action_team): its members by name and role, and,
 * when the link shows meetings (meets), its last and next meeting. */
function actionTeamSection(at, meets) {
	const last = at.last_meeting;
	const next = at.next_meeting;
	return section('action-team', t('share.view.actionTeam'),
		h('p', {}, t('share.view.actionTeamIntro')),
		at.formed ? h('p', {}, t('share.view.teamFormed', { date: fmtDate(at.formed) })) : null,
		(at.members || []).length ? h('ul', { class: 'call', id: 'team-members' }, at.members.map(personLine))
			: h('p', {}, t('share.view.teamNobody')),
		last ? h('p', { id: 'team-last' }, t('share.view.teamLast', { date: fmtDate(last.date) })) : null,
		next ? h('p', { class: 'meet', id: 'team-next' }, t('share.view.teamNext', { date: fmtDate(next.date) }),
			meetingWhere(next))
			: (meets ? h('p', { id: 'team-next' }, t('share.view.teamNoNext')) : null));
}

async function show() {
	const main = document.getElementById('main');
	const r = await api('GET', '/api/share/plan');
	const p = r.data || {};
	const me = p.person || session.person || {};
	const scopes = new Set(p.scopes || []);
	const myIds = new Set((p.my_tasks || []).map((a) => a.id));
	const others = (p.agreements || []).filter((a) => !myIds.has(a.id));
	const nm = p.next_meeting;
	const contact = p.contact || [];
	mount(main,
		h('h1', {}, t('family.title', { child: (p.child && p.child.name) || '' })),
		h('p', { class: 'lead' }, t('family.hello', { name: me.name || '' })),
		h('p', {}, t('family.intro')),
		nm ? h('p', { class: 'meet', id: 'next-meeting' }, t('family.nextMeeting', { date: nm.date ? fmtDate(nm.date) : '?',
			kind: te('meeting', nm.type) || '' }),
		meetingWhere(nm)) : null,
		scopes.has('own') ? section('my-tasks', t('family.myTasks'),
			(p.my_tasks || []).length ? p.my_tasks.map((a) => task(a, true)) : h('p', {}, t('family.noTasks'))) : null,
		p.safety ? safetySection(p.safety) : null,
		section('wishes', t('family.wishes'),
			(p.wishes || []).length ? p.wishes.map((w) => h('div', { class: 'wish', dataset: { wish: w.id } },
				h('p', {}, h('strong', {}, w.text || '')),
				h('p', { class: 'small muted' }, [w.by_name, w.date ? fmtDate(w.date) : null].filter(Boolean).join(' · ')),
				w.response ? h('p', { class: 'answer' }, t('family.answer', { text: w.response }))
					: h('p', { class: 'open-answer' }, t('family.noAnswer'))))
				: (scopes.has('own') || scopes.has('plan') ? h('p', {}, t('family.noWishes')) : null),
			wishForm()),
		scopes.has('plan') ? section('agreements', t('family.otherTasks'),
			others.length ? others.map((a) => task(a, false)) : h('p', {}, t('family.noOtherTasks'))) : null,
		scopes.has('goals') ? section('goals', t('family.goals'),
			(p.goals || []).length ? h('ul', {}, p.goals.map((g) => h('li', {}, h('strong', {}, g.text || ''),
				g.indicator ? h('span', { class: 'block small' }, t('family.indicator', { text: g.indicator })) : null)))
				: h('p', {}, t('family.noGoals'))) : null,
		p.future_plan ? futurePlanSection(p.future_plan) : null,
		p.action_team ? actionTeamSection(p.action_team, scopes.has('meeting')) : null,
		section('contact', t('family.contact'),
			contact.length ? [h('p', {}, t('family.contactIntro')), h('ul', { class: 'call' }, contact.map(personLine))]
				: h('p', {}, t('family.noContact'))),
		section('viewed-by', t('family.viewedBy'),
			h('p', { class: 'small muted' }, t('family.viewedIntro')),
			(p.viewed_by || []).length ? viewTable(p.viewed_by.slice(0, 8)) : h('p', {}, t('family.noViews')),
			(p.viewed_by || []).length > 8 ? h('details', {}, h('summary', {}, t('family.viewMore', {
				n: p.viewed_by.length - 8 })), viewTable(p.viewed_by.slice(8))) : null),
		h('p', { class: 'small muted' }, t('family.privacy')));
}

function viewTable(rows) {
	return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {},
		h('th', { scope: 'col' }, t('family.viewWho')), h('th', { scope: 'col' }, t('family.viewWhen')),
		h('th', { scope: 'col' }, t('family.viewWhat')))),
	h('tbody', {}, rows.map((v) => h('tr', {}, h('td', {}, v.who), h('td', {}, when(v.at)),
		h('td', {}, t(`audit.${v.action}`)))))));
}

function fail(key) {
	mount(document.getElementById('main'), h('h1', {}, t('family.failTitle')), h('p', { role: 'alert' }, t(key)));
}

async function boot() {
	await initI18n();
	applyStatic();
	document.getElementById('lang-switch').addEventListener('click', async () => {
		await setLang(getLang() === 'nl' ? 'en' : 'nl');
		applyStatic();
		if (session)
			await show();
	});
	const token = location.hash.replace(/^#/, '');
	try {
		if (token) {
			const r = await api('POST', '/api/share/session', { body: { token }, noAuthEvent: true });
			session = r.data;
			/* the token leaves the address bar and the history */
			history.replaceState(null, '', location.pathname);
		} else {
			const r = await api('GET', '/api/share/session', { noAuthEvent: true });
			session = r.data;
		}
	} catch (e) {
		fail(token ? 'family.badLink' : 'family.noLink');
		document.documentElement.dataset.ready = '1';
		return;
	}
	setCsrf(session.csrf, '/api/share/session');
	/* the library's limit of a wish (GET /api/meta, read with the catalogue);
	 * without it the form keeps 2,000 and the server says so when a wish is longer */
	wishMax = textLimit('wishes', 'text') || wishMax;
	try {
		await show();
	} catch (e) {
		fail('family.loadFailed');
	}
	document.documentElement.dataset.ready = '1';
}

boot();
