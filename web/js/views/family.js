// views/family.js - one foster family or family home of the register
// (#/families/ID): the household with the foster parents' own children and
// their ages (as the library counts them on the day, "ages"), what the
// family offers, its availability, capacity, the children living there now
// and the places left (the server's "in_use" and "vacancies"), training,
// peer group, its own worker and notes; and the form to add a family
// (#/families/new, POST /api/families) or change one (#/families/ID/edit,
// PUT with If-Match of the revision the form was opened on).
// The form edits a copy of the kring-family/1 document, so keys it does not
// know stay.  The server checks the document: its problems ("household[1].
// born: ...") are shown next to the field they name.  When a colleague
// saved first (409) the form stays as it is, says which parts the colleague
// changed, and lets the user put their own changes on the new revision,
// load the new revision, or go back to the form.

import { api, can } from '../api.js';
import { go } from '../app.js';
import { checkGroup, field, h, mount, nextId, openDialog, toast } from '../dom.js';
import { enumValues, fmtDate, fmtNum, t, te, tp } from '../i18n.js';
import { clone, freshId } from '../model.js';

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const enc = encodeURIComponent;

const opt = (kind, empty = true) => [...(empty ? [['', t('common.notSet')]] : []),
	...enumValues(kind).map((v) => [v, te(kind, v)])];

function empty(v) {
	return v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length);
}

function setOrDelete(obj, key, v) {
	if (empty(v))
		delete obj[key];
	else
		obj[key] = v;
}

/* GET /api/families/ID: {id, revision, family, in_use, vacancies, ages}. */
async function load(id) {
	const r = await api('GET', `/api/families/${enc(id)}`);
	return { ...r.data, revision: r.revision || (r.data && r.data.revision) };
}

export async function render(main, params, ctx) {
	const [id, sub] = params;
	if (!can('list')) {
		mount(main, h('h1', {}, t('families.title')), h('p', { role: 'alert' }, t('error.http.403')));
		return;
	}
	if (ctx.mode === 'new')
		return renderForm(main, null, ctx);
	let view;
	try {
		view = await load(id);
	} catch (e) {
		if (e.status !== 404 || !ctx.current())
			throw e;
		mount(main, h('h1', {}, t('family.missingTitle')),
			h('p', { role: 'alert', id: 'family-missing' }, e.messages[0]),
			h('p', {}, h('a', { href: '#/families' }, t('family.toList'))));
		return;
	}
	if (!ctx.current())
		return;
	if (sub === 'edit')
		return renderForm(main, view, ctx);
	if (sub)
		mount(main, h('h1', {}, t('app.notFound')));
	else
		renderFamily(main, view);
}

/* ---- the family's page ---- */

function facts(list) {
	return h('dl', { class: 'facts family-facts' }, list.filter(([, v]) => !empty(v)).map(([k, v, key]) => [
		h('dt', {}, k), h('dd', { dataset: key ? { fact: key } : undefined }, v)]));
}

function renderFamily(main, view) {
	const f = view.family || {};
	const av = f.availability || {};
	const ages = view.ages || {};
	const members = f.household || [];
	const own = members.filter((m) => m.role === 'own_child');
	const title = f.name || f.id;
	const availability = [te('availability', av.status),
		av.from ? ` ${t('family.fromDate', { date: fmtDate(av.from) })}` : ''].join('');
	mount(main,
		h('p', { class: 'no-print' }, h('a', { href: '#/families' }, t('family.toList'))),
		h('div', { class: 'page-head' },
			h('div', {}, h('h1', { id: 'family-title' }, title),
				h('p', { class: 'muted' }, t('family.idRev', { id: view.id, rev: view.revision }))),
			h('a', { class: 'btn primary', href: `#/families/${enc(view.id)}/edit`, id: 'edit-family' },
				t('family.edit'))),
		h('div', { class: 'cols' },
			h('section', { class: 'col card', 'aria-labelledby': 'fam-what' },
				h('h2', { id: 'fam-what' }, t('family.what')),
				facts([
					[t('family.kind'), te('family_kind', f.kind), 'kind'],
					[t('family.care'), te('family_care', f.care), 'care'],
					[t('family.place'), f.place],
					[t('family.approved'), fmtDate(f.approved)],
					[t('family.forms'), (f.forms || []).map((x) => te('form', x)).join(', ')],
					[t('family.capacity'), f.capacity === undefined || f.capacity === null ? ''
						: fmtNum(f.capacity), 'capacity'],
					[t('family.inUse'), tp('family.children', view.in_use || 0), 'in_use'],
					[t('family.vacancies'), fmtNum(view.vacancies || 0), 'vacancies'],
					[t('family.availability'), availability, 'availability'],
				]),
				av.text ? h('p', { class: 'notes' }, av.text) : null),
			h('section', { class: 'col card', 'aria-labelledby': 'fam-support' },
				h('h2', { id: 'fam-support' }, t('family.support')),
				facts([
					[t('family.worker'), f.worker ? [f.worker.name || '', f.worker.account
						? h('span', { class: 'muted' }, ` (${f.worker.account})`) : null] : '', 'worker'],
					[t('family.peerGroup'), f.peer_group ? [f.peer_group.name,
						f.peer_group.since ? ` ${t('family.since', { date: fmtDate(f.peer_group.since) })}` : '']
						.join('') : t('family.noPeerGroup'), 'peer_group'],
				]),
				h('h3', {}, t('family.training')),
				(f.training || []).length ? h('ul', { class: 'plain', id: 'family-training' },
					f.training.map((x) => h('li', {}, x.name, x.date ? h('span', { class: 'muted' },
						` · ${fmtDate(x.date)}`) : null)))
					: h('p', { class: 'muted' }, t('family.noTraining')))),
		h('section', { class: 'card', 'aria-labelledby': 'fam-household' },
			h('h2', { id: 'fam-household' }, t('family.household')),
			h('p', {}, tp('family.ownChildren', own.length)),
			members.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'household', id: 'household' },
				h('caption', { class: 'sr-only' }, t('family.household')),
				h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('family.member.name')),
					h('th', { scope: 'col' }, t('family.member.role')),
					h('th', { scope: 'col' }, t('family.member.sex')),
					h('th', { scope: 'col' }, t('family.member.age')))),
				h('tbody', {}, members.map((m) => h('tr', { dataset: { member: m.id, role: m.role || '' } },
					h('th', { scope: 'row' }, m.name || m.id),
					h('td', {}, te('household_role', m.role)),
					h('td', {}, te('sex', m.sex)),
					h('td', {}, typeof ages[m.id] === 'number' ? tp('common.age', ages[m.id])
						: t('common.unknown')))))))
				: h('p', { class: 'muted' }, t('family.noMembers'))),
		f.notes ? h('section', { class: 'card', 'aria-labelledby': 'fam-notes' },
			h('h2', { id: 'fam-notes' }, t('family.notes')), h('p', { class: 'notes' }, f.notes)) : null);
}

/* ---- the form ---- */

/* A short name for an id from a name: "Familie de Vries" -> "familie-de-vries". */
function slug(v) {
	return v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '').slice(0, 64);
}

/* One field registered under its path in the document, so the server's
 * "path: message" lands next to it. */
function reg(paths, path, f) {
	const wrap = f.wrap || f;
	wrap.dataset.path = path;
	paths.set(path, { wrap, input: f.input || null });
	return f;
}

function dateField(label, value, opts = {}) {
	return field(label, 'text', { value: value || '', placeholder: t('common.datePlaceholder'),
		hint: opts.hint, pattern: DATE_RE.source.slice(1, -1), inputmode: 'numeric' });
}

/* The row of one household member (m: the member as it was, or {}). */
function memberRow(m, rowsBox) {
	const row = h('fieldset', { class: 'member', dataset: { member: m.id || '' } });
	const name = field(t('family.member.name'), 'text', { value: m.name || '', autocomplete: 'off' });
	const role = field(t('family.member.role'), 'select', { options: opt('household_role'), value: m.role || '' });
	const sex = field(t('family.member.sex'), 'select', { options: opt('sex'), value: m.sex || '' });
	const born = dateField(t('family.member.born'), m.born);
	const remove = h('button', { type: 'button', class: 'btn secondary', onclick: () => {
		row.remove();
		renumber(rowsBox, 'legendMember');
	} }, t('family.member.remove'));
	row.append(h('legend', {}), h('div', { class: 'row' }, name.wrap, role.wrap),
		h('div', { class: 'row' }, sex.wrap, born.wrap), h('div', { class: 'item-actions' }, remove));
	row.kr = { base: m, name, role, sex, born };
	return row;
}

function trainingRow(x, rowsBox) {
	const row = h('fieldset', { class: 'training-row' });
	const name = field(t('family.trainingName'), 'text', { value: x.name || '', autocomplete: 'off' });
	const date = dateField(t('family.trainingDate'), x.date);
	const remove = h('button', { type: 'button', class: 'btn secondary', onclick: () => {
		row.remove();
		renumber(rowsBox, 'legendTraining');
	} }, t('family.trainingRemove'));
	row.append(h('legend', {}), h('div', { class: 'row' }, name.wrap, date.wrap),
		h('div', { class: 'item-actions' }, remove));
	row.kr = { base: x, name, date };
	return row;
}

/* Numbers the rows' legends ("Gezinslid 2") so each group has a name. */
function renumber(box, key) {
	[...box.children].forEach((row, i) => {
		row.querySelector('legend').textContent = t(`family.${key}`, { n: i + 1 });
	});
}

function renderForm(main, view, ctx) {
	const isNew = !view;
	let base = isNew ? { format: 'kring-family/1' } : clone(view.family);
	let baseRev = isNew ? null : view.revision;
	const paths = new Map();
	const f0 = base;
	const av0 = f0.availability || {};
	const id = reg(paths, 'id', field(t('family.id'), 'text', { value: f0.id || '', required: true,
		pattern: '[A-Za-z0-9._-]{1,64}', hint: t('family.idHint'), autocomplete: 'off' }));
	if (!isNew)
		id.input.readOnly = true;
	const name = reg(paths, 'name', field(t('family.name'), 'text', { value: f0.name || '', autocomplete: 'off',
		maxlength: 200 }));
	if (isNew) {
		/* the short name follows the name until the user types one */
		let typed = false;
		id.input.addEventListener('input', () => {
			typed = true;
		});
		name.input.addEventListener('input', () => {
			if (!typed)
				id.input.value = slug(name.input.value);
		});
	}
	const kind = reg(paths, 'kind', field(t('family.kind'), 'select', { options: opt('family_kind'), value: f0.kind || '' }));
	const care = reg(paths, 'care', field(t('family.care'), 'select', { options: opt('family_care'), value: f0.care || '' }));
	const place = reg(paths, 'place', field(t('family.place'), 'text', { value: f0.place || '' }));
	const approved = reg(paths, 'approved', dateField(t('family.approved'), f0.approved, { hint: t('common.dateHint') }));
	const forms = checkGroup(t('family.forms'), enumValues('form').map((v) => [v, te('form', v)]), f0.forms || [],
		{ class: 'cols2' });
	reg(paths, 'forms', forms);
	const capacity = reg(paths, 'capacity', field(t('family.capacity'), 'number', { min: 0, max: 50,
		value: f0.capacity === undefined || f0.capacity === null ? '' : String(f0.capacity),
		hint: t('family.capacityHint') }));
	const avStatus = reg(paths, 'availability.status', field(t('family.availability'), 'select',
		{ options: opt('availability'), value: av0.status || '' }));
	const avFrom = reg(paths, 'availability.from', dateField(t('family.availableFrom'), av0.from));
	const avText = reg(paths, 'availability.text', field(t('family.availabilityText'), 'textarea',
		{ value: av0.text || '', rows: 2 }));
	const members = h('div', { class: 'members', id: 'members' });
	for (const m of f0.household || [])
		members.append(memberRow(m, members));
	renumber(members, 'legendMember');
	const training = h('div', { class: 'training-rows', id: 'training-rows' });
	for (const x of f0.training || [])
		training.append(trainingRow(x, training));
	renumber(training, 'legendTraining');
	const w0 = f0.worker || {};
	const workerName = reg(paths, 'worker.name', field(t('family.workerName'), 'text', { value: w0.name || '' }));
	const workerAccount = reg(paths, 'worker.account', field(t('family.workerAccount'), 'text', {
		value: isNew ? (w0.account || (ctx.app.user && ctx.app.user.name) || '') : (w0.account || ''),
		hint: t('family.workerAccountHint'), autocomplete: 'off' }));
	const pg0 = f0.peer_group || {};
	const peer = reg(paths, 'peer_group.name', field(t('family.peerGroupName'), 'text', { value: pg0.name || '' }));
	const peerSince = reg(paths, 'peer_group.since', dateField(t('family.peerGroupSince'), pg0.since));
	const notes = reg(paths, 'notes', field(t('family.notes'), 'textarea', { value: f0.notes || '', rows: 4 }));
	const summary = h('div', { class: 'form-error', role: 'alert', id: 'family-errors', tabindex: '-1', hidden: true });
	const conflictBox = h('div', { class: 'warn', role: 'alert', id: 'family-conflict', hidden: true });

	const addMember = h('button', { type: 'button', class: 'btn secondary', id: 'add-member', onclick: () => {
		const row = memberRow({}, members);
		members.append(row);
		renumber(members, 'legendMember');
		row.kr.name.input.focus();
	} }, t('family.member.add'));
	const addTraining = h('button', { type: 'button', class: 'btn secondary', id: 'add-training', onclick: () => {
		const row = trainingRow({}, training);
		training.append(row);
		renumber(training, 'legendTraining');
		row.kr.name.input.focus();
	} }, t('family.trainingAdd'));

	/* The rows' paths follow their order in the document at submit. */
	function registerRows() {
		for (const k of [...paths.keys()])
			if (k.startsWith('household[') || k.startsWith('training['))
				paths.delete(k);
		[...members.children].forEach((row, i) => {
			const p = `household[${i}]`;
			reg(paths, p, { wrap: row });
			for (const k of ['name', 'role', 'sex', 'born'])
				reg(paths, `${p}.${k}`, row.kr[k]);
			paths.set(`${p}.id`, paths.get(p));
		});
		[...training.children].forEach((row, i) => {
			const p = `training[${i}]`;
			reg(paths, p, { wrap: row });
			reg(paths, `${p}.name`, row.kr.name);
			reg(paths, `${p}.date`, row.kr.date);
		});
	}

	/* The document as the form says, on top of doc (keys the form does not
	 * know stay). */
	function build(doc) {
		const d = clone(doc);
		d.format = d.format || 'kring-family/1';
		d.id = id.input.value.trim();
		setOrDelete(d, 'name', name.input.value.trim());
		setOrDelete(d, 'kind', kind.input.value);
		setOrDelete(d, 'care', care.input.value);
		setOrDelete(d, 'place', place.input.value.trim());
		setOrDelete(d, 'approved', approved.input.value.trim());
		setOrDelete(d, 'forms', forms.values());
		const cap = capacity.input.value.trim();
		setOrDelete(d, 'capacity', cap === '' ? '' : Number(cap));
		const av = { ...(d.availability || {}) };
		setOrDelete(av, 'status', avStatus.input.value);
		setOrDelete(av, 'from', avFrom.input.value.trim());
		setOrDelete(av, 'text', avText.input.value.trim());
		setOrDelete(d, 'availability', Object.keys(av).length ? av : '');
		const used = [...members.children].map((row) => ({ id: row.kr.base.id }));
		d.household = [...members.children].map((row, i) => {
			const m = { ...row.kr.base };
			if (!m.id) {
				m.id = freshId(used, 'h');
				used[i] = { id: m.id };
			}
			setOrDelete(m, 'name', row.kr.name.input.value.trim());
			setOrDelete(m, 'role', row.kr.role.input.value);
			setOrDelete(m, 'sex', row.kr.sex.input.value);
			setOrDelete(m, 'born', row.kr.born.input.value.trim());
			return m;
		});
		setOrDelete(d, 'household', d.household);
		d.training = [...training.children].map((row) => {
			const x = { ...row.kr.base };
			setOrDelete(x, 'name', row.kr.name.input.value.trim());
			setOrDelete(x, 'date', row.kr.date.input.value.trim());
			return x;
		});
		setOrDelete(d, 'training', d.training);
		const w = { ...(d.worker || {}) };
		setOrDelete(w, 'name', workerName.input.value.trim());
		setOrDelete(w, 'account', workerAccount.input.value.trim());
		setOrDelete(d, 'worker', Object.keys(w).length ? w : '');
		const pg = { ...(d.peer_group || {}) };
		setOrDelete(pg, 'name', peer.input.value.trim());
		setOrDelete(pg, 'since', peerSince.input.value.trim());
		setOrDelete(d, 'peer_group', Object.keys(pg).length ? pg : '');
		setOrDelete(d, 'notes', notes.input.value.trim());
		return d;
	}

	function clearErrors() {
		summary.hidden = true;
		summary.replaceChildren();
		for (const el of main.querySelectorAll('.field-error'))
			el.remove();
		for (const el of main.querySelectorAll('[aria-invalid]')) {
			el.removeAttribute('aria-invalid');
			const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.startsWith('fe-'));
			if (ids.length)
				el.setAttribute('aria-describedby', ids.join(' '));
			else
				el.removeAttribute('aria-describedby');
		}
	}

	/* The field a path names, or the nearest one that holds it
	 * (forms[1] -> forms, household[2].id -> household[2]). */
	function fieldOf(path) {
		let p = path;
		while (p) {
			if (paths.has(p))
				return paths.get(p);
			const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
			p = cut > 0 ? p.slice(0, cut) : '';
		}
		return null;
	}

	/* Shows the server's problems: each next to its field, all in the
	 * summary; focuses the first field. */
	function showErrors(e) {
		clearErrors();
		const lines = e.messages || [String(e)];
		let first = null;
		/* in the summary a problem is named by its field's label
		 * ("Gezinslid 2 · Geboren: ...") instead of its path */
		const said = (d) => {
			const m = /^([A-Za-z0-9_.[\]]+): (.*)$/s.exec(d);
			const target = m && fieldOf(m[1]);
			if (!target)
				return d;
			const lab = target.wrap.querySelector(':scope > label, :scope > legend');
			const row = target.wrap.closest('fieldset.member, fieldset.training-row');
			const rowName = row && row !== target.wrap ? row.querySelector('legend').textContent : '';
			const what = [rowName, lab ? lab.textContent : ''].filter(Boolean).join(' · ');
			return what ? `${what}: ${m[2]}` : d;
		};
		mount(summary, h('p', {}, lines[0]), lines.length > 1
			? h('ul', {}, lines.slice(1).map((l) => h('li', {}, said(l)))) : null);
		summary.hidden = false;
		for (const d of e.details || []) {
			const m = /^([A-Za-z0-9_.[\]]+): (.*)$/s.exec(d);
			const target = m && fieldOf(m[1]);
			if (!target)
				continue;
			const eid = nextId('fe');
			target.wrap.append(h('p', { class: 'field-error', id: eid }, m[2]));
			const input = target.input || target.wrap.querySelector('input, select, textarea');
			if (input) {
				input.setAttribute('aria-invalid', 'true');
				input.setAttribute('aria-describedby',
					[input.getAttribute('aria-describedby'), eid].filter(Boolean).join(' '));
				first = first || input;
			}
		}
		if (!(e.details || []).length && e.status === 409 && isNew) {
			/* the id is taken: the problem is the id */
			id.input.setAttribute('aria-invalid', 'true');
			first = id.input;
		}
		(first || summary).focus();
		if (!first)
			summary.scrollIntoView({ block: 'center' });
	}

	/* The top-level parts of the document that differ between a and b. */
	function partsChanged(a, b) {
		const keys = new Set([...Object.keys(a || {}), ...Object.keys(b || {})]);
		return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
	}

	function partLabel(k) {
		const key = `family.part.${k}`;
		const s = t(key);
		return s === key ? k : s;
	}

	async function put(doc, rev) {
		const r = await api('PUT', `/api/families/${enc(doc.id)}`, { body: doc, ifMatch: rev });
		return r;
	}

	async function onConflict(mine) {
		let latest;
		try {
			latest = await load(mine.id);
		} catch (e) {
			showErrors(e);
			return;
		}
		const theirs = partsChanged(base, latest.family).filter((k) => k !== 'format');
		const ours = partsChanged(base, mine).filter((k) => k !== 'format');
		const both = ours.filter((k) => theirs.includes(k));
		const list = (ks) => ks.map(partLabel).join(', ');
		mount(conflictBox,
			h('p', {}, h('strong', {}, t('family.conflict', { rev: latest.revision }))),
			h('p', {}, theirs.length ? t('family.conflictTheirs', { parts: list(theirs) }) : t('family.conflictNothing')),
			ours.length ? h('p', {}, t('family.conflictMine', { parts: list(ours) })) : null,
			both.length ? h('p', {}, t('family.conflictBoth', { parts: list(both) })) : null,
			h('div', { class: 'actions' },
				h('button', { type: 'button', class: 'btn primary', id: 'conflict-mine', onclick: async () => {
					/* my changed parts on top of the colleague's revision */
					const next = clone(latest.family);
					for (const k of ours)
						setOrDelete(next, k, mine[k]);
					base = latest.family;
					baseRev = latest.revision;
					conflictBox.hidden = true;
					await submitDoc(next);
				} }, both.length ? t('family.conflictUseMineAnyway') : t('family.conflictUseMine')),
				h('button', { type: 'button', class: 'btn secondary', id: 'conflict-load', onclick: async () => {
					const sure = await openDialog({ title: t('family.conflictLoadTitle'),
						body: [h('p', {}, t('family.conflictLoadText', { parts: list(ours) || t('common.notSet') }))],
						actions: [{ id: 'confirm', label: t('family.conflictLoad'), kind: 'danger', value: 'yes' },
							{ label: t('common.cancel'), value: 'no' }] });
					if (sure === 'yes')
						renderForm(main, latest, ctx);
				} }, t('family.conflictLoad')),
				h('button', { type: 'button', class: 'btn secondary', id: 'conflict-back', onclick: () => {
					conflictBox.hidden = true;
				} }, t('family.conflictBack'))));
		conflictBox.hidden = false;
		conflictBox.scrollIntoView({ block: 'center' });
		main.querySelector('#conflict-mine').focus();
	}

	async function submitDoc(doc) {
		registerRows();
		try {
			const r = isNew ? await api('POST', '/api/families', { body: doc }) : await put(doc, baseRev);
			toast(isNew ? t('family.added', { name: doc.name || doc.id }) : t('family.saved', { name: doc.name || doc.id }), 'ok');
			go(`#/families/${enc((r.data && r.data.id) || doc.id)}`);
		} catch (e) {
			if (e.status === 409 && !isNew) {
				clearErrors();
				await onConflict(doc);
				return;
			}
			showErrors(e);
		}
	}

	const form = h('form', { class: 'card form family-form', novalidate: true, id: 'family-form' },
		conflictBox, summary,
		h('fieldset', { class: 'plain-set' }, h('legend', {}, t('family.what')),
			h('div', { class: 'row' }, id.wrap, name.wrap),
			h('div', { class: 'row' }, kind.wrap, care.wrap),
			h('div', { class: 'row' }, place.wrap, approved.wrap),
			forms.wrap,
			h('div', { class: 'row' }, capacity.wrap, avStatus.wrap, avFrom.wrap),
			avText.wrap),
		h('fieldset', { class: 'plain-set' }, h('legend', {}, t('family.household')),
			h('p', { class: 'hint' }, t('family.householdHint')),
			members, addMember),
		h('fieldset', { class: 'plain-set' }, h('legend', {}, t('family.support')),
			h('div', { class: 'row' }, workerName.wrap, workerAccount.wrap),
			h('div', { class: 'row' }, peer.wrap, peerSince.wrap),
			h('h2', { class: 'in-form' }, t('family.training')),   /* the form's headings follow its h1 */
			training, addTraining),
		notes.wrap,
		h('div', { class: 'actions' },
			h('button', { type: 'submit', class: 'btn primary', id: 'save-family' },
				isNew ? t('family.add') : t('common.save')),
			h('a', { class: 'btn secondary', href: isNew ? '#/families' : `#/families/${enc(base.id)}` },
				t('common.cancel'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		clearErrors();
		conflictBox.hidden = true;
		const btn = form.querySelector('#save-family');
		btn.disabled = true;
		try {
			await submitDoc(build(base));
		} finally {
			btn.disabled = false;
		}
	});
	mount(main,
		h('p', { class: 'no-print' }, h('a', { href: isNew ? '#/families' : `#/families/${enc(base.id)}` },
			isNew ? t('family.toList') : t('family.toFamily', { name: base.name || base.id }))),
		h('h1', {}, isNew ? t('family.newTitle') : t('family.editTitle', { name: base.name || base.id })),
		isNew ? h('p', { class: 'lead' }, t('family.newIntro')) : null,
		form);
	(isNew ? id.input : name.input).focus();
}
