// views/login.js - the login page: user name and password, POST
// /api/session; a wrong password and an unknown user get the same message,
// a lockout (429) says how long to wait.

import { api } from '../api.js';
import { loggedIn } from '../app.js';
import { field, h, mount } from '../dom.js';
import { t } from '../i18n.js';

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
			let text = t('login.wrong');
			if (e.status === 429) {
				const after = Number(e.headers && e.headers.get('Retry-After')) || 0;
				text = t('login.locked', { minutes: Math.max(1, Math.ceil(after / 60)) });
			} else if (e.status !== 401) {
				text = e.messages ? e.messages[0] : String(e);
			}
			msg.textContent = text;
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
