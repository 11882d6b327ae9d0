// api.js - the only place that talks to the kring HTTP API (docs/api.md):
// JSON in and out, the session's CSRF token on every state-changing
// request, If-Match with the case revision on every case write, and errors
// as ApiError {status, body, messages}.  A 401 on any call except the login
// itself (the session ended: idle, logged out elsewhere) first asks the
// app to log in again in place (setReauth: a login dialog over whatever
// the user was doing, so typed work stays) and then sends the same request
// again with the fresh CSRF token; only when the user does not log in
// again does it raise the "kring:unauthorized" event so the app shows the
// login page.
// It also keeps the session's capabilities (what the user may do, computed
// by the server from its one rule table), so views ask can('create')
// instead of guessing from the role.

import { getLang, t } from './i18n.js';

let csrf = null;
let csrfSource = '/api/session';
let caps = {};
let reauth = null;
let reauthing = null;

/* Remembers the capabilities of the login or GET /api/session answer:
 * {read: "own", create: "all", users: "none", ...} (docs/api.md); null or
 * nothing forgets them (logged out). */
export function setCapabilities(c) {
	caps = c && typeof c === 'object' ? c : {};
}

/* True when the user may do action at all: on no case ("create", "list",
 * "figures", "users", "audit"), or on some case ("read", "write", "export",
 * "share", "assign", "case_audit"; which cases is the server's to decide). */
export function can(action) {
	const scope = caps[action];
	return typeof scope === 'string' && scope !== 'none';
}

/* Remembers the CSRF token from the login or GET /api/session answer;
 * source is where a fresh one can be fetched (the share page uses
 * /api/share/session). */
export function setCsrf(v, source = '/api/session') {
	csrf = v || null;
	csrfSource = source;
}

/* Sets the function that logs the user in again after a 401: it returns a
 * promise of true (logged in again, the CSRF token set) or false (the user
 * would not).  Concurrent 401s share one such login. */
export function setReauth(fn) {
	reauth = fn;
}

function loginAgain() {
	if (!reauthing)
		reauthing = Promise.resolve(reauth()).catch(() => false).finally(() => {
			reauthing = null;
		});
	return reauthing;
}

export class ApiError extends Error {
	constructor(status, body, headers) {
		const msg = body && typeof body === 'object' && body.error ? body.error : `HTTP ${status}`;
		super(msg);
		this.status = status;
		this.body = body;
		this.headers = headers;
		this.details = body && Array.isArray(body.details) ? body.details : [];
	}

	/* The problem for people: a sentence for the status, then the details
	 * (computed when asked, so the catalogue is loaded by then). */
	get messages() {
		return [ApiError.human(this.status, this.message), ...this.details];
	}

	/* A sentence for people: the server's own (it speaks the user's
	 * language), else the catalogue's for the status. */
	static human(status, msg) {
		if (msg && msg !== 'csrf' && !msg.startsWith('HTTP '))
			return msg;
		const key = `error.http.${status}`;
		const s = t(key);
		return s !== key ? s : t('error.network');
	}
}

/* The revision number in an ETag header ("7" or W/"7"), or null. */
export function etagRevision(v) {
	if (!v)
		return null;
	const m = /"?(\d+)"?\s*$/.exec(v);
	return m ? Number(m[1]) : null;
}

/* Sends one request.  opts: {body, ifMatch, query, raw}.  Resolves with
 * {status, data, revision, headers}; rejects with ApiError (status 0 when
 * the server could not be reached). */
export async function api(method, path, opts = {}) {
	const headers = { Accept: 'application/json', 'Accept-Language': getLang() };
	if (opts.body !== undefined)
		headers['Content-Type'] = 'application/json; charset=utf-8';
	if (method !== 'GET' && method !== 'HEAD' && csrf)
		headers['X-CSRF-Token'] = csrf;
	if (opts.ifMatch !== undefined && opts.ifMatch !== null)
		headers['If-Match'] = `"${opts.ifMatch}"`;
	let url = path;
	if (opts.query) {
		const q = new URLSearchParams();
		for (const [k, v] of Object.entries(opts.query))
			if (v !== undefined && v !== null && v !== '')
				q.set(k, v);
		const qs = q.toString();
		if (qs)
			url += (url.includes('?') ? '&' : '?') + qs;
	}
	let res;
	try {
		res = await fetch(url, {
			method, headers, credentials: 'same-origin', cache: 'no-store',
			body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
		});
	} catch (e) {
		throw new ApiError(0, { error: t('error.network') });
	}
	let data = null;
	if (res.status !== 204) {
		const ct = res.headers.get('Content-Type') || '';
		if (ct.includes('json'))
			data = await res.json().catch(() => null);
		else
			data = await res.text().catch(() => null);
	}
	if (res.status === 403 && data && data.code === 'csrf' && !opts.csrfRetried && csrfSource) {
		/* the server restarted and drew a new secret: fetch the token again, retry once */
		try {
			const r = await fetch(csrfSource, { credentials: 'same-origin', cache: 'no-store',
				headers: { Accept: 'application/json' } });
			if (r.ok) {
				const b = await r.json();
				if (b && b.csrf) {
					csrf = b.csrf;
					return api(method, path, { ...opts, csrfRetried: true });
				}
			}
		} catch (e) {
			/* fall through to the error */
		}
	}
	if (!res.ok) {
		const err = new ApiError(res.status, data, res.headers);
		if (res.status === 401 && !opts.noAuthEvent) {
			if (reauth && !opts.reauthed && await loginAgain())
				return api(method, path, { ...opts, reauthed: true, csrfRetried: false });
			/* an open dialog keeps what was typed: its save shows the error */
			if (!document.querySelector('dialog[open]'))
				window.dispatchEvent(new CustomEvent('kring:unauthorized'));
		}
		throw err;
	}
	return { status: res.status, data, revision: etagRevision(res.headers.get('ETag')), headers: res.headers };
}

/* The URL of a rendered picture of a case. */
export function renderUrl(ref, kind, fmt = 'svg', params = {}) {
	const q = new URLSearchParams({ lang: getLang() });
	for (const [k, v] of Object.entries(params))
		if (v)
			q.set(k, v);
	return `/api/cases/${encodeURIComponent(ref)}/render/${kind}.${fmt}?${q}`;
}
