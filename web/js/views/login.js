// views/login.js - the login page: user name and password, POST
// /api/session; a wrong password and an unknown user get the same message,
// a lockout (429) says how long to wait.  Also the login in place when a
// session ended while the user worked (loginDialog): a dialog over the
// page and over any open form, so what was typed stays and the save that
// met the 401 goes through afterwards.

import { api } from '../api.js';
import { loggedIn } from '../app.js';
import { field, h, mount, openDialog } from '../dom.js';
import { t } from '../i18n.js';

/* The sentence for a failed login (e: the ApiError of POST /api/session). */
function failText(e) {
	if (e.status === 429) {
		const after = Number(e.headers && e.headers.get('Retry-After')) || 0;
		return t('login.locked', { minutes: Math.max(1, Math.ceil(after / 60)) });
	}
	return e.status === 401 ? t('login.wrong') : (e.messages ? e.messages[0] : String(e));
}

/* Asks the user who was logged in (name) for their password again, in a
 * dialog.  Resolves with the answer of POST /api/session, or null when the
 * user closes the dialog (Escape, the close button, "Stop"). */
export async function loginDialog(name) {
	const user = field(t('login.user'), 'text', { autocomplete: 'username', name: 'user', value: name });
	user.input.readOnly = true;
	const pw = field(t('login.password'), 'password', { autocomplete: 'current-password', required: true,
		name: 'password' });
	let answer = null;
	const dlg = openDialog({
		title: t('login.againTitle'),
		body: [h('p', { id: 'relogin-intro' }, t('login.againIntro')), user.wrap, pw.wrap],
		actions: [
			{ label: t('login.againStop'), id: 'relogin-stop' },
			{ label: t('login.submit'), kind: 'primary', submit: true, id: 'relogin', onClick: async () => {
				if (!pw.input.value)
					throw new Error(t('login.empty'));
				try {
					const res = await api('POST', '/api/session', {
						body: { user: name, password: pw.input.value }, noAuthEvent: true });
					answer = res.data;
					return true;
				} catch (e) {
					pw.input.value = '';
					throw new Error(failText(e));
				}
			} },
		],
	});
	pw.input.focus();
	await dlg;
	return answer;
}

export async function render(main) {
	const user = field(t('login.user'), 'text', { autocomplete: 'username', required: true, name: 'user' });
	const pw = field(t('login.password'), 'password', { autocomplete: 'current-password', required: true,
		name: 'password' });
	const msg = h('p', { class: 'form-error', role: 'alert', hidden: true });
	const btn = h('button', { type: 'submit', class: 'btn primary' }, t('login.submit'));
	const form = h('form', { class: 'login-form', novalidate: true }, user.wrap, pw.wrap, msg, btn);
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		if (!user.input.value || !pw.input.value) {
			msg.textContent = t('login.empty');
			msg.hidden = false;
			return;
		}
		btn.disabled = true;
		try {
			const r = await api('POST', '/api/session', {
				body: { user: user.input.value.trim(), password: pw.input.value }, noAuthEvent: true });
			pw.input.value = '';
			loggedIn(r.data);
		} catch (e) {
			msg.textContent = failText(e);
			msg.hidden = false;
			pw.input.focus();
		} finally {
			btn.disabled = false;
		}
	});
	mount(main, h('section', { class: 'login' },
		h('div', { class: 'login-card' },
			h('h1', {}, t('login.title')),
			h('p', { class: 'lead' }, t('login.intro')),
			form),
		h('p', { class: 'muted small' }, t('login.family'))));
	user.input.focus();
}
