// dom.js - small helpers to build the page without innerHTML: h() makes an
// element from a tag, attributes and children (text is always inserted as
// text, so names from a case can never become markup); form fields with
// labels; and modal dialogs on the native <dialog> element (focus stays in
// the dialog, Escape and the browser's Back button close it, focus returns
// to where it came from - to the same control of the page when a save drew
// the page anew meanwhile).

import { t } from './i18n.js';

const SVGNS = 'http://www.w3.org/2000/svg';
let uid = 0;

/* A fresh id for label/aria wiring. */
export function nextId(prefix = 'k') {
	uid += 1;
	return `${prefix}-${uid}`;
}

function setAttrs(el, attrs) {
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k.startsWith('on') && typeof v === 'function')
			el.addEventListener(k.slice(2).toLowerCase(), v);
		else if (k === 'class')
			el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
		else if (k === 'text')
			el.textContent = v;
		else if (k === 'dataset')
			Object.assign(el.dataset, v);
		else if (k === 'value' && 'value' in el && !(el instanceof SVGElement))
			el.value = v;
		else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'multiple')
			el[k] = !!v;
		else
			el.setAttribute(k, v === true ? '' : String(v));
	}
}

function append(el, children) {
	for (const c of children.flat(Infinity)) {
		if (c === null || c === undefined || c === false)
			continue;
		el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
}

/* An HTML element: h('p', {class: 'x'}, 'text', child, ...). */
export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	setAttrs(el, attrs);
	append(el, children);
	return el;
}

/* An SVG element, same calling convention as h(). */
export function s(tag, attrs, ...children) {
	const el = document.createElementNS(SVGNS, tag);
	setAttrs(el, attrs);
	append(el, children);
	return el;
}

/* Removes every child of el and appends the new ones. */
export function mount(el, ...children) {
	el.replaceChildren();
	append(el, children);
	return el;
}

/* A labelled field: returns {wrap, input}.  kind: text, date, number,
 * textarea, select (options: [[value, label]]), checkbox.  opts.id gives
 * the input its id; the input is also named by its label's id
 * (aria-labelledby), so it stays labelled when a caller changes its id. */
export function field(label, kind = 'text', opts = {}) {
	const id = opts.id || nextId('f');
	let input;
	if (kind === 'textarea') {
		input = h('textarea', { id, name: opts.name, rows: opts.rows || 3 });
		if (opts.value)
			input.value = opts.value;
	} else if (kind === 'select') {
		input = h('select', { id, name: opts.name, multiple: opts.multiple },
			(opts.options || []).map(([v, l]) => h('option', { value: v }, l)));
		if (opts.multiple) {
			const vals = new Set(opts.value || []);
			for (const o of input.options)
				o.selected = vals.has(o.value);
		} else if (opts.value !== undefined && opts.value !== null) {
			input.value = opts.value;
		}
	} else {
		input = h('input', { id, name: opts.name, type: kind });
		if (kind === 'checkbox')
			input.checked = !!opts.value;
		else if (opts.value !== undefined && opts.value !== null)
			input.value = opts.value;
	}
	for (const a of ['required', 'min', 'max', 'placeholder', 'autocomplete', 'pattern',
		'maxlength', 'inputmode'])
		if (opts[a] !== undefined)
			input.setAttribute(a, opts[a] === true ? '' : opts[a]);
	if (opts.describedby)
		input.setAttribute('aria-describedby', opts.describedby);
	const lab = h('label', { for: id, id: `${id}-label` }, label);
	input.setAttribute('aria-labelledby', `${id}-label`);
	const wrap = kind === 'checkbox'
		? h('div', { class: 'field check' }, input, lab)
		: h('div', { class: 'field' }, lab, input, opts.hint ? h('p', { class: 'hint' }, opts.hint) : null);
	return { wrap, input };
}

/* A group of checkboxes inside a fieldset: returns {wrap, values()}. */
export function checkGroup(legend, options, selected = [], opts = {}) {
	const sel = new Set(selected);
	const boxes = options.map(([v, l]) => {
		const id = nextId('c');
		const cb = h('input', { type: 'checkbox', id, value: v, checked: sel.has(v) });
		return { cb, el: h('div', { class: 'check' }, cb, h('label', { for: id }, l)) };
	});
	const wrap = h('fieldset', { class: ['checks', opts.class] }, h('legend', {}, legend),
		boxes.map((b) => b.el));
	return {
		wrap,
		values: () => boxes.filter((b) => b.cb.checked).map((b) => b.cb.value),
		boxes,
	};
}

/* ---- focus after a dialog ---- */

/* The data-* attributes that say which control an element is, the same on
 * the page drawn anew after a save (a person, a segment, an action...). */
const KEYS = ['person', 'world', 'segment', 'action', 'tab', 'share', 'agreement', 'wish', 'ref', 'kind', 'sort'];

/* How to find el again after the page was drawn anew: {id} or {tag, data}
 * or {tag, text}. */
function locator(el) {
	if (!el || el === document.body || !el.tagName)
		return null;
	if (el.id)
		return { id: el.id };
	const data = {};
	for (const k of KEYS)
		if (el.dataset && el.dataset[k] !== undefined)
			data[k] = el.dataset[k];
	if (Object.keys(data).length)
		return { tag: el.tagName, data };
	const text = (el.textContent || '').trim();
	return text ? { tag: el.tagName, text } : null;
}

function find(loc) {
	if (loc.id)
		return document.getElementById(loc.id);
	for (const el of document.querySelectorAll(loc.tag))
		if (loc.data ? Object.entries(loc.data).every(([k, v]) => el.dataset[k] === v)
			: (el.textContent || '').trim() === loc.text)
			return el;
	return null;
}

const lost = () => !document.activeElement || document.activeElement === document.body;

/* Puts focus back on prev and keeps it on that control for a few seconds:
 * when a save draws the page anew (the view re-renders after the dialog
 * closed), prev leaves the page and focus would fall to <body>; then the
 * control that took its place gets it.  Stops at the user's next key or
 * pointer press, and never takes focus from anywhere but <body>. */
function returnFocus(prev) {
	if (prev && prev.isConnected && typeof prev.focus === 'function')
		prev.focus();
	const loc = locator(prev);
	if (!loc)
		return;
	const check = () => {
		if (!lost() || document.querySelector('dialog[open]'))
			return;
		const el = find(loc);
		if (el && typeof el.focus === 'function')
			el.focus();
	};
	check();
	const mo = new MutationObserver(check);
	const stop = () => {
		mo.disconnect();
		clearTimeout(timer);
		document.removeEventListener('pointerdown', stop, true);
		document.removeEventListener('keydown', stop, true);
	};
	const timer = setTimeout(stop, 5000);
	mo.observe(document.body, { childList: true, subtree: true });
	document.addEventListener('pointerdown', stop, true);
	document.addEventListener('keydown', stop, true);
}

/* ---- the Back button closes a dialog ---- */

/* Each open dialog has its own history entry (state {kringDialog: depth,
 * kringEntry: id}); Back leaves it and closes every dialog deeper than the
 * entry reached.  A dialog closed another way takes its entry away with
 * history.back(), which lands a moment later; until then a new dialog
 * waits with its own entry.  That Back is recognised by where it lands
 * (the entry under the closed dialog, stamped with an id when the dialog
 * opened), not by being the next popstate: a link followed meanwhile fires
 * a popstate of its own, and the browser may drop the pending Back for it. */
const open = [];
const LOAD = Math.random().toString(36).slice(2, 8);
let entries = 0;
let ownBack = null;

/* The id of the current history entry, stamped on it if it has none. */
function entryId() {
	if (!(history.state && history.state.kringEntry))
		history.replaceState({ ...(history.state || {}), kringEntry: `${LOAD}.${++entries}` }, '');
	return history.state.kringEntry;
}

function settleOwnBack() {
	if (!ownBack)
		return;
	const r = ownBack.resolve;
	ownBack = null;
	r();
}

window.addEventListener('popstate', (ev) => {
	if (ownBack) {
		const ours = ev.state && ev.state.kringEntry === ownBack.expect;
		settleOwnBack();
		if (ours)
			return;
	}
	/* the depth of the open dialog whose entry this is; any other entry
	 * (the page's, or one a dialog closed another way left behind) has
	 * none open above it */
	const at = ev.state && ev.state.kringEntry ? open.find((x) => x.entry === ev.state.kringEntry) : null;
	const d = at ? at.depth : 0;
	for (const x of [...open].reverse())
		if (x.depth > d)
			x.close();
});

/* A link inside the app followed while that Back is on its way waits for
 * it: otherwise the Back could land after the link and undo it. */
document.addEventListener('click', (ev) => {
	if (!ownBack || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey ||
	    ev.shiftKey || ev.altKey)
		return;
	const a = ev.target instanceof Element ? ev.target.closest('a[href^="#"]') : null;
	if (!a || a.target)
		return;
	ev.preventDefault();
	const href = a.getAttribute('href');
	ownBack.done.then(() => {
		location.hash = href;
	});
}, true);

/* Resolves once the Back a closed dialog took (its history entry) has
 * landed: a page change made before that would be undone by it. */
export function dialogsSettled() {
	return ownBack ? ownBack.done : Promise.resolve();
}

/* Shows a modal dialog.  spec: {title, body: [nodes], actions: [{label,
 * kind, onClick}], wide}.  onClick may be async; it returns true to close
 * the dialog.  Resolves with the value passed to close() (undefined on
 * Escape or cancel).  The returned promise also has .dialog and .close and
 * .error(msgs) to show problems inside the dialog. */
export function openDialog(spec) {
	const prev = document.activeElement;
	const titleId = nextId('dt');
	const err = h('div', { class: 'dialog-error', role: 'alert', hidden: true });
	const dlg = h('dialog', { class: ['dialog', spec.wide ? 'wide' : null], 'aria-labelledby': titleId });
	let resolve;
	const done = new Promise((r) => { resolve = r; });
	let result;
	const close = (v) => {
		result = v;
		if (dlg.open)
			dlg.close();
	};
	const showError = (msgs) => {
		const list = Array.isArray(msgs) ? msgs : [msgs];
		if (!list.length || (list.length === 1 && !list[0])) {
			err.hidden = true;
			err.replaceChildren();
			return;
		}
		mount(err, list.length === 1 ? h('p', {}, list[0]) : h('ul', {}, list.map((m) => h('li', {}, m))));
		err.hidden = false;
	};
	const buttons = (spec.actions || []).map((a) => {
		const b = h('button', { type: a.submit ? 'submit' : 'button', class: ['btn', a.kind || 'secondary'],
			dataset: a.id ? { action: a.id } : undefined, disabled: a.disabled }, a.label);
		b.addEventListener('click', async (ev) => {
			ev.preventDefault();
			if (!a.onClick) {
				close(a.value);
				return;
			}
			b.disabled = true;
			try {
				const r = await a.onClick(ev);
				if (r)
					close(r === true ? a.value : r);
			} catch (e) {
				showError(e && e.messages ? e.messages : String(e && e.message ? e.message : e));
			} finally {
				b.disabled = false;
			}
		});
		return b;
	});
	const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
		h('div', { class: 'dialog-head' },
			h('h2', { id: titleId }, spec.title),
			h('button', { type: 'button', class: 'btn icon close', 'aria-label': t('common.close'),
				onclick: () => close(undefined) }, '×')),
		h('div', { class: 'dialog-body' }, spec.body || []),
		err,
		h('div', { class: 'dialog-actions' }, buttons));
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		const primary = buttons.find((b, i) => spec.actions[i].submit);
		if (primary && !primary.disabled)
			primary.click();
	});
	dlg.append(form);
	const me = { depth: open.length ? open[open.length - 1].depth + 1 : 1, close: () => close(undefined) };
	open.push(me);
	const push = () => {
		if (!open.includes(me))
			return;
		me.below = entryId();
		me.entry = `${LOAD}.${++entries}`;
		history.pushState({ ...(history.state || {}), kringDialog: me.depth, kringEntry: me.entry }, '');
	};
	if (ownBack)
		ownBack.done.then(push);
	else
		push();
	dlg.addEventListener('close', () => {
		open.splice(open.indexOf(me), 1);
		/* closed here, not by Back: its history entry goes (unless the
		 * dialog's action went to another page meanwhile) */
		if (history.state && me.entry && history.state.kringEntry === me.entry && !ownBack) {
			let r;
			const p = new Promise((x) => { r = x; });
			ownBack = { done: p, resolve: r, expect: me.below };
			history.back();
		}
		dlg.remove();
		returnFocus(prev);
		resolve(result);
	});
	document.body.append(dlg);
	dlg.showModal();
	const first = dlg.querySelector('.dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea, .dialog-body button')
		|| buttons[0];
	if (first)
		first.focus();
	done.dialog = dlg;
	done.close = close;
	done.error = showError;
	return done;
}

/* A short message that disappears by itself (role=status). */
export function toast(msg, kind = 'info') {
	let box = document.getElementById('toasts');
	if (!box) {
		box = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
		document.body.append(box);
	}
	const el = h('div', { class: ['toast', kind] }, msg);
	box.append(el);
	while (box.children.length > 2)
		box.firstChild.remove();
	setTimeout(() => el.remove(), kind === 'error' || kind === 'warn' ? 8000 : 3000);
}
