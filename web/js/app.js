// app.js - the shell of the worker's UI (web/index.html): session check,
// login and logout, the language switch, the main navigation and the hash
// router (#/login, #/cases, #/cases/new, #/cases/REF[/TAB[/ID]], #/stats,
// #/dashboard, #/families[/ID], #/family-plans/ID).
// Each view is a module with render(main, params, app).

import { api, can, setCapabilities, setCsrf, setReauth } from './api.js';
import { closeCase } from './casestore.js';
import { h, mount } from './dom.js';
import { getLang, initI18n, setLang, t, te } from './i18n.js';
import * as casesView from './views/cases.js';
import * as dashboardView from './views/dashboard.js';
import * as familiesView from './views/families.js';
import * as familyView from './views/family.js';
import * as familyPlanView from './views/familyplan.js';
import * as caseView from './views/case.js';
import * as loginView from './views/login.js';
import * as statsView from './views/stats.js';

export const app = {
	user: null,        /* {name, role, team} */
	after: null,       /* the route to go to after login */
	renderSeq: 0,
};

const routes = [
	[/^#\/login$/, loginView, false],
	[/^#\/cases$/, casesView, true],
	[/^#\/cases\/new$/, casesView, true, 'new'],
	[/^#\/cases\/([^/]+)(?:\/([a-z_]+))?(?:\/([^/]+))?$/, caseView, true],
	[/^#\/stats$/, statsView, true],
	[/^#\/dashboard$/, dashboardView, true],
	[/^#\/families$/, familiesView, true], [/^#\/families\/new$/, familyView, true, 'new'],
	[/^#\/families\/([^/]+)(?:\/(edit))?$/, familyView, true],
	[/^#\/family-plans\/([^/]+)$/, familyPlanView, true],
];

/* The start page: the case list for those who may list cases, else the
 * figures for those who may see them (the session's capabilities). */
export function home() {
	return app.user && !can('list') && can('figures') ? '#/stats' : '#/cases';
}

/* Goes to a route (a hash beginning with #/). */
export function go(hash) {
	if (location.hash === hash)
		route();
	else
		location.hash = hash;
}

function applyStatic() {
	for (const el of document.querySelectorAll('[data-i18n]'))
		el.textContent = t(el.dataset.i18n);
	for (const el of document.querySelectorAll('[data-i18n-label]'))
		el.setAttribute('aria-label', t(el.dataset.i18nLabel));
	document.title = t('app.title');
	const ls = document.getElementById('lang-switch');
	ls.textContent = t('app.otherLang');
	ls.setAttribute('lang', getLang() === 'nl' ? 'en' : 'nl');
	ls.setAttribute('aria-label', t('app.otherLangLabel'));
}

function renderTop() {
	const nav = document.getElementById('mainnav');
	const who = document.getElementById('who');
	const out = document.getElementById('logout');
	const u = app.user;
	const cur = location.hash || '';
	const items = [];
	if (u && can('list'))
		items.push(['#/cases', t('nav.cases')], ['#/families', t('nav.families')]);
	if (u && can('figures'))
		items.push(['#/stats', t('nav.stats')], ['#/dashboard', t('nav.dashboard')]);
	mount(nav, items.map(([href, label]) => h('a', {
		href, 'aria-current': cur.startsWith(href) ? 'page' : null }, label)));
	mount(who, u ? t('app.who', { name: u.name, role: te('account_role', u.role) }) : '');
	out.hidden = !u;
	document.getElementById('brand').setAttribute('href', u ? home() : '#/login');
}

/* Renders the view for the current hash. */
export async function route() {
	const hash = location.hash && location.hash.startsWith('#/') ? location.hash : '';
	const main = document.getElementById('main');
	const seq = ++app.renderSeq;
	if (!hash) {
		go(app.user ? home() : '#/login');
		return;
	}
	let hit = null;
	for (const [re, view, needsAuth, mode] of routes) {
		const m = re.exec(hash);
		if (m) {
			hit = { view, needsAuth, params: m.slice(1).map((x) => (x ? decodeURIComponent(x) : x)), mode };
			break;
		}
	}
	renderTop();
	if (!hit) {
		mount(main, h('h1', {}, t('app.notFound')), h('p', {}, h('a', { href: home() }, t('app.toStart'))));
		return;
	}
	if (hit.needsAuth && !app.user) {
		app.after = hash;
		go('#/login');
		return;
	}
	if (hit.view === loginView && app.user) {
		go(home());
		return;
	}
	try {
		await hit.view.render(main, hit.params, { mode: hit.mode, seq, app, current: () => seq === app.renderSeq });
		if (seq === app.renderSeq && !performance.getEntriesByName('kring:drawn').length)
			performance.mark('kring:drawn');
	} catch (e) {
		if (seq !== app.renderSeq)
			return;
		if (e && e.status === 401)
			return;
		mount(main, h('h1', {}, t('error.title')),
			h('p', { role: 'alert' }, e && e.messages ? e.messages.join(' ') : String(e)),
			h('p', {}, h('a', { href: home() }, t('app.toStart'))));
	}
}

/* Called by the login view with the answer of POST /api/session. */
export function loggedIn(body) {
	app.user = body.user;
	setCapabilities(body.capabilities);
	setCsrf(body.csrf);
	const next = app.after && app.after !== '#/login' ? app.after : home();
	app.after = null;
	go(next);
}

/* After a 401 while logged in: the login dialog in place (views/login.js);
 * true once the same user is logged in again (capabilities and CSRF token
 * fresh), false when there was no user or they stopped. */
async function reauthenticate() {
	if (!app.user)
		return false;
	const body = await loginView.loginDialog(app.user.name);
	if (!body)
		return false;
	app.user = body.user;
	setCapabilities(body.capabilities);
	setCsrf(body.csrf);
	return true;
}

async function logout() {
	try {
		await api('DELETE', '/api/session');
	} catch (e) {
		/* the session may have ended already */
	}
	app.user = null;
	setCapabilities(null);
	setCsrf(null);
	closeCase();
	go('#/login');
}

async function boot() {
	const session = api('GET', '/api/session', { noAuthEvent: true }).then((r) => r.data, () => null);
	await initI18n();
	applyStatic();
	document.getElementById('skip').addEventListener('click', (ev) => {
		ev.preventDefault();
		document.getElementById('main').focus();
	});
	document.getElementById('logout').addEventListener('click', logout);
	document.getElementById('lang-switch').addEventListener('click', async () => {
		await setLang(getLang() === 'nl' ? 'en' : 'nl');
		applyStatic();
		closeCase();   /* signals come back in the other language */
		route();
	});
	setReauth(reauthenticate);
	window.addEventListener('kring:unauthorized', () => {
		if (!app.user)
			return;
		app.user = null;
		setCapabilities(null);
		setCsrf(null);
		closeCase();
		for (const d of document.querySelectorAll('dialog[open]'))
			d.close();
		app.after = location.hash;
		go('#/login');
	});
	const s = await session;
	app.user = s ? s.user : null;
	if (s) {
		setCapabilities(s.capabilities);
		setCsrf(s.csrf);
	}
	window.addEventListener('hashchange', route);
	await route();
	document.documentElement.dataset.ready = '1';
}

boot();
