// views/meeting.js - network meetings: the list, planning a new one (the
// kind on the Continuüm van betrokkenheid A-D or an action team meeting,
// the date, an invitation list built from the whole network: everyone can
// be chosen, and who is ticked for the kind chosen is the library's
// suggestion (the summary's invite_defaults: the informal network, or the
// action team's members; nothing is derived here), and one meeting:
// printable invitations, the guide (the three phases of an Eigen
// Kracht-conferentie and Wiegeraad's five basic questions), the planning
// (date, time, place, coordinator: independent for an Eigen
// Kracht-conferentie, which the library checks), and what happened: who
// came, the outcome and the minutes, and turning the outcome into the next
// version of the plan (version + 1, adopted/reviewed date, new agreements).
// What happened is filled in once the meeting's day has come (the summary's
// meetings_taken_place: the library's rule, not derived here): the forms
// are disabled before it, and the server refuses it too (docs/case-edit.md).
// Who can be invited or coordinate: the summary's persons_alive.
// A meeting that is a process (an Eigen Kracht-conferentie with its phases,
// a Prima Pleegzorg action team meeting) shows its steps and an invitation
// that follows the step, as the library computed them (meeting_process.js).

import { renderUrl } from '../api.js';
import { go } from '../app.js';
import { cs, loadSummary, save } from '../casestore.js';
import { checkGroup, field, h, mount, nextId, toast } from '../dom.js';
import { CONTINUUM, CONTINUUM_TYPE } from '../enums.js';
import { fmtDate, has, t, te, textLimit, tp } from '../i18n.js';
import { byDate, childId, freshId, living, nameOf, personById,
	plan as planOf, today, tookPlace } from '../model.js';
import { applyTeam, invitationPart, processCard, teamFields } from './meeting_process.js';

/* When and where, in words: "12 december 2026 om 19:30, buurthuis De Kring". */
function whenWhere(m) {
	const parts = [m.date ? fmtDate(m.date) : t('invite.dateFollows')];
	if (m.time)
		parts[0] = t('meeting.at', { date: parts[0], time: m.time });
	if (m.place)
		parts.push(m.place);
	return parts.join(', ');
}

function errs(e) {
	return e.messages || [String(e && e.message ? e.message : e)];
}

function kindLabel(m) {
	return m.continuum ? `${m.continuum} · ${te('meeting', m.type || CONTINUUM_TYPE[m.continuum])}`
		: te('meeting', m.type) || t('common.unknown');
}

function guide() {
	return h('section', { class: 'card guide', id: 'guide', 'aria-labelledby': 'guide-title' },
		h('h3', { id: 'guide-title' }, t('guide.title')),
		h('h4', {}, t('guide.phasesTitle')),
		h('ol', {}, [1, 2, 3].map((i) => h('li', {}, h('strong', {}, t(`guide.phase${i}`)), ' — ', t(`guide.phase${i}Text`)))),
		h('h4', {}, t('guide.questionsTitle')),
		h('ol', { id: 'five-questions' }, [1, 2, 3, 4, 5].map((i) => h('li', {}, t(`guide.q${i}`)))),
		h('p', { class: 'muted small' }, t('guide.circle')));
}

function invitations(doc, m, proc) {
	const child = personById(doc, childId(doc)) || {};
	const first = (child.name || '').split(/\s+/)[0];
	const kind = m.type === 'action_team' ? t('meeting.inviteTeamKind') : (m.continuum && has(`meeting.continuumLong.${m.continuum}`) ? t(`meeting.continuumLong.${m.continuum}`) : '') || kindLabel(m);
	return h('div', { id: 'invitations', class: 'print-only' }, (m.invited || []).filter((id) => id !== m.coordinator)
		.map((id) => h('article', { class: 'invitation' },
			h('h2', {}, t('invite.title')),
			h('p', {}, t('invite.dear', { name: nameOf(doc, id) })),
			h('p', {}, id === childId(doc) ? t('invite.textChild', { kind }) : t('invite.text', { child: first, kind })),
			invitationPart(doc, m, proc),
			h('dl', { class: 'facts invite-facts' },
				h('dt', {}, t('invite.when')), h('dd', {}, m.date ? (m.time ? t('meeting.at', { date: fmtDate(m.date),
					time: m.time }) : fmtDate(m.date)) : t('invite.dateFollows')),
				h('dt', {}, t('invite.where')), h('dd', {}, m.place || t('invite.placeFollows')),
				m.coordinator ? [h('dt', {}, t('invite.coordinator')), h('dd', {}, nameOf(doc, m.coordinator))] : null),
			h('p', {}, t('invite.why')),
			h('p', {}, t('invite.questions')),
			h('ol', {}, [1, 2, 3, 4, 5].map((i) => h('li', {}, t(`guide.q${i}`)))),
			h('p', {}, t('invite.bring')),
			h('p', {}, t('invite.signoff')))));
}

async function listView(body, ref) {
	/* which meetings have taken place: the library's rule, in the summary */
	const sum = await loadSummary();
	const doc = cs.doc;
	const ms = byDate(doc.meetings || []).reverse();
	mount(body,
		h('div', { class: 'page-head' }, h('h2', { id: 'tab-title' }, t('meeting.title')),
			h('a', { class: 'btn primary', id: 'plan-meeting', href: `#/cases/${encodeURIComponent(ref)}/meeting/new` },
				t('meeting.new'))),
		h('p', { class: 'lead' }, t('meeting.intro')),
		ms.length ? h('ul', { class: 'plain', id: 'meetings' }, ms.map((m) => h('li', { dataset: { meeting: m.id } },
			h('div', {}, h('a', { href: `#/cases/${encodeURIComponent(ref)}/meeting/${encodeURIComponent(m.id)}` },
				m.date ? whenWhere(m) : t('meeting.noDate')), ' · ', kindLabel(m),
			h('span', { class: 'block small muted' }, tp('meeting.invitedCount', (m.invited || []).length), ', ',
				tookPlace(sum, m) ? tp('meeting.attendedCount', (m.attended || []).length) : t('meeting.future')))))) :
			h('p', {}, t('meeting.none')),
		guide());
}

/* The coordinator: any person of the case alive on the summary's day; for
 * an Eigen Kracht-conferentie the library refuses the child and an involved
 * professional (422). */
function coordinatorField(doc, sum, value) {
	return field(t('meeting.coordinator'), 'select', { name: 'coordinator', value: value || '',
		hint: t('meeting.coordinatorHint'),
		options: [['', t('common.notSet')], ...living(doc, sum)
			.map((p) => [p.id, `${p.name || p.id}${(p.roles || [])[0] ? ` (${te('role', p.roles[0])})` : ''}`])] });
}

/* The type of meeting a choice on the form stands for: a continuum letter
 * or 'action_team'. */
function typeOf(choice) {
	return choice === 'action_team' ? 'action_team' : CONTINUUM_TYPE[choice];
}

async function newView(body, ref) {
	const sum = await loadSummary();
	/* who a new meeting of each type invites by default: the library's rule */
	const defaults = (sum && sum.invite_defaults) || {};
	const doc = cs.doc;
	const name = `cont-${nextId('m')}`;
	const cont = h('fieldset', { class: 'continuum', id: 'continuum' }, h('legend', {}, t('meeting.continuum')),
		CONTINUUM.map((c) => h('label', {},
			h('input', { type: 'radio', name, value: c, checked: c === 'C', required: true }),
			h('span', { class: 'letter' }, c),
			h('strong', {}, te('meeting', CONTINUUM_TYPE[c])),
			h('span', { class: 'small' }, t(`continuum.${c}.text`)))),
		h('label', {},
			h('input', { type: 'radio', name, value: 'action_team', required: true }),
			h('span', { class: 'letter' }, 'PP'),
			h('strong', {}, te('meeting', 'action_team')),
			h('span', { class: 'small' }, t('meeting.actionTeamText'))));
	/* an action team meeting needs the team: asked here when the plan has none */
	const team = (doc.plan || {}).action_team ? null : teamFields(doc, sum);
	const teamSet = team ? h('div', { id: 'new-team', hidden: true }, h('p', { class: 'notice' }, t('meeting.teamFirst')),
		team.wrap) : null;
	const date = field(t('meeting.date'), 'date', { value: '', name: 'date' });
	const time = field(t('meeting.time'), 'time', { value: '', name: 'time' });
	const place = field(t('meeting.place'), 'text', { value: '', name: 'place', maxlength: textLimit('meetings', 'place') });
	const coord = coordinatorField(doc, sum, '');
	const people = living(doc, sum);
	const inv = checkGroup(t('meeting.invite'), people.map((p) => [p.id,
		`${p.name || p.id}${(p.roles || [])[0] ? ` (${te('role', p.roles[0])})` : ''}`]), [], { class: 'cols2 invite-list' });
	inv.wrap.id = 'invite-list';
	const all = h('button', { type: 'button', class: 'btn secondary small', onclick: () => {
		for (const b of inv.boxes)
			b.cb.checked = true;
	} }, t('meeting.inviteAll'));
	const hint = h('p', { class: 'muted small', id: 'invite-hint' });
	/* ticks the library's suggestion for the kind chosen; an action team
	 * that is being formed on this form: the members ticked there */
	const suggest = () => {
		const type = typeOf((cont.querySelector(`input[name="${name}"]:checked`) || {}).value);
		const d = defaults[type] || { rule: 'network', persons: [] };
		const ids = new Set(d.rule === 'action_team' && team ? team.members.values() : d.persons);
		for (const b of inv.boxes)
			b.cb.checked = ids.has(b.cb.value);
		hint.textContent = t(d.rule === 'action_team' ? 'meeting.inviteHintTeam' : 'meeting.inviteHint');
		if (teamSet)
			teamSet.hidden = type !== 'action_team';
	};
	cont.addEventListener('change', suggest);
	if (team)
		team.members.wrap.addEventListener('change', () => {
			if (typeOf((cont.querySelector(`input[name="${name}"]:checked`) || {}).value) === 'action_team')
				suggest();
		});
	suggest();
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { class: 'card', novalidate: true, id: 'meeting-form' }, cont,
		h('div', { class: 'row' }, date.wrap, time.wrap), place.wrap, coord.wrap, teamSet,
		hint, all, inv.wrap, msg,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('meeting.save')),
			h('a', { class: 'btn secondary', href: `#/cases/${encodeURIComponent(ref)}/meeting` }, t('common.cancel'))));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const letter = (form.querySelector(`input[name="${name}"]:checked`) || {}).value;
		const invited = inv.values();
		if (!letter) {
			mount(msg, t('meeting.pickKind'));
			msg.hidden = false;
			return;
		}
		let id = null;
		const pp = letter === 'action_team';
		try {
			if (pp && team && !(await save(t('meeting.teamDesc'), (d) => applyTeam(planOf(d), team.read()))))
				return;
			const ok = await save(t('meeting.plannedDesc', { kind: te('meeting', pp ? 'action_team' : CONTINUUM_TYPE[letter]) }), (d) => {
				d.meetings = d.meetings || [];
				id = freshId(d.meetings, 'm');
				const m = pp ? { id, type: 'action_team', invited } : { id, type: CONTINUUM_TYPE[letter], continuum: letter, invited };
				for (const [k, v] of [['date', date.input.value], ['time', time.input.value],
					['place', place.input.value.trim()], ['coordinator', coord.input.value]])
					if (v)
						m[k] = v;
				d.meetings.push(m);
			});
			if (ok)
				go(`#/cases/${encodeURIComponent(ref)}/meeting/${encodeURIComponent(id)}`);
		} catch (e) {
			mount(msg, h('ul', {}, errs(e).map((x) => h('li', {}, x))));
			msg.hidden = false;
		}
	});
	mount(body, h('h2', { id: 'tab-title' }, t('meeting.newTitle')), h('p', { class: 'lead' }, t('meeting.newIntro')),
		form, guide());
}

function outcomeForm(doc, m, took) {
	const rows = h('div', { id: 'outcome-rows' });
	const addRow = () => {
		const what = field(t('agr.what'), 'text', { maxlength: textLimit('agreements', 'what') });
		const who = checkGroup(t('agr.who'), doc.persons.map((p) => [p.id, p.name || p.id]), [], { class: 'cols2' });
		const due = field(t('agr.due'), 'date', {});
		const ifNot = field(t('agr.ifNot'), 'text', {});
		const row = h('fieldset', { class: 'card outcome-row' }, h('legend', {}, t('outcome.agreement', { n: rows.children.length + 1 })),
			what.wrap, who.wrap, h('div', { class: 'row' }, due.wrap, ifNot.wrap));
		row.read = () => ({ what: what.input.value.trim(), who: who.values(),
			due: due.input.value, if_not: ifNot.input.value.trim() });
		rows.append(row);
		what.input.focus();
	};
	const concerns = field(t('outcome.concerns'), 'textarea', { rows: 2, hint: t('outcome.concernsHint') });
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const p = doc.plan || {};
	const form = h('form', { class: 'card', id: 'outcome-form', novalidate: true },
		h('h3', {}, t('outcome.title')),
		h('p', { class: 'muted small' }, t('outcome.intro', { from: p.version !== undefined ? p.version : 0,
			to: (p.version || 0) + 1 })),
		took ? null : h('p', { class: 'notice' }, t('outcome.notYet')),
		h('fieldset', { class: 'plain-set', disabled: !took }, rows,
			h('button', { type: 'button', class: 'btn secondary', onclick: addRow }, t('outcome.addRow')),
			concerns.wrap, msg,
			h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('outcome.save')))));
	addRow();
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const items = [...rows.children].map((r) => r.read()).filter((x) => x.what);
		const newConcerns = concerns.input.value.split('\n').map((x) => x.trim()).filter(Boolean);
		const date = m.date || today();
		try {
			await save(t('outcome.desc', { date: fmtDate(date) }), (d) => {
				const pl = planOf(d);
				pl.version = (pl.version || 0) + 1;
				if (!pl.adopted)
					pl.adopted = date;
				pl.reviewed = date;
				pl.agreements = pl.agreements || [];
				for (const it of items) {
					const a = { id: freshId(pl.agreements, 'a'), what: it.what, status: 'open' };
					if (it.who.length)
						a.who = it.who;
					if (it.due)
						a.due = it.due;
					if (it.if_not)
						a.if_not = it.if_not;
					pl.agreements.push(a);
				}
				if (newConcerns.length)
					pl.concerns = [...(pl.concerns || []), ...newConcerns];
			});
		} catch (e) {
			mount(msg, h('ul', {}, errs(e).map((x) => h('li', {}, x))));
			msg.hidden = false;
		}
	});
	return form;
}

async function detailView(body, ref, id) {
	const sum = await loadSummary();
	const doc = cs.doc;
	const m = (doc.meetings || []).find((x) => x.id === id);
	if (!m) {
		mount(body, h('h2', { id: 'tab-title' }, t('meeting.notFound')),
			h('a', { href: `#/cases/${encodeURIComponent(ref)}/meeting` }, t('meeting.back')));
		return;
	}
	const proc = ((sum && sum.processes) || []).find((p) => p.meeting === id) || null;
	const invitedIds = m.invited || [];
	const extra = (m.attended || []).filter((x) => !invitedIds.includes(x));
	const took = tookPlace(sum, m);
	/* planning: always possible */
	const date = field(t('meeting.date'), 'date', { value: m.date || '', name: 'date' });
	const time = field(t('meeting.time'), 'time', { value: m.time || '', name: 'time' });
	const place = field(t('meeting.place'), 'text', { value: m.place || '', name: 'place',
		maxlength: textLimit('meetings', 'place') });
	const coord = coordinatorField(doc, sum, m.coordinator);
	const planMsg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const planForm = h('form', { class: 'card', id: 'planning-form', novalidate: true },
		h('h3', {}, t('meeting.planning')), h('div', { class: 'row' }, date.wrap, time.wrap), place.wrap, coord.wrap,
		planMsg, h('button', { type: 'submit', class: 'btn primary' }, t('meeting.savePlanning')));
	planForm.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		planMsg.hidden = true;
		try {
			await save(t('meeting.planningDesc', { when: fmtDate(date.input.value) || t('meeting.noDate') }), (d) => {
				const x = (d.meetings || []).find((y) => y.id === id);
				if (!x)
					throw new Error(t('meeting.notFound'));
				for (const [k, v] of [['date', date.input.value], ['time', time.input.value],
					['place', place.input.value.trim()], ['coordinator', coord.input.value]])
					if (v)
						x[k] = v;
					else
						delete x[k];
			});
		} catch (e) {
			mount(planMsg, h('ul', {}, errs(e).map((x) => h('li', {}, x))));
			planMsg.hidden = false;
		}
	});
	/* what happened: once the day has come */
	const att = checkGroup(t('meeting.attended'), [...invitedIds, ...extra].map((pid) => [pid, nameOf(doc, pid)]),
		m.attended || [], { class: 'cols2' });
	att.wrap.id = 'attendance';
	const outcome = field(t('meeting.outcome'), 'textarea', { value: m.outcome || '', name: 'outcome', rows: 3,
		maxlength: textLimit('meetings', 'outcome') });
	const minutes = field(t('meeting.minutes'), 'textarea', { value: m.minutes || '', name: 'minutes', rows: 6,
		maxlength: textLimit('meetings', 'minutes') });
	const attMsg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const attSet = h('fieldset', { class: 'plain-set', disabled: !took }, att.wrap, outcome.wrap, minutes.wrap,
		attMsg, h('button', { type: 'submit', class: 'btn primary' }, t('meeting.saveAttendance')));
	const attForm = h('form', { class: 'card', id: 'attendance-form', novalidate: true },
		h('h3', {}, t('meeting.record')),
		took ? null : h('p', { class: 'notice', id: 'not-yet' }, m.date ? t('meeting.notYet', { date: fmtDate(m.date) })
			: t('meeting.noDateYet')),
		attSet);
	attForm.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		attMsg.hidden = true;
		const who = att.values();
		try {
			await save(tp('meeting.attendanceCount', who.length), (d) => {
				const x = (d.meetings || []).find((y) => y.id === id);
				if (!x)
					throw new Error(t('meeting.notFound'));
				x.attended = who;
				for (const [k, v] of [['outcome', outcome.input.value.trim()], ['minutes', minutes.input.value.trim()]])
					if (v)
						x[k] = v;
					else
						delete x[k];
			});
		} catch (e) {
			mount(attMsg, h('ul', {}, errs(e).map((x) => h('li', {}, x))));
			attMsg.hidden = false;
		}
	});
	const printInv = h('button', { type: 'button', class: 'btn secondary', id: 'print-invitations', onclick: () => {
		document.body.classList.add('printing-invitations');
		window.addEventListener('afterprint', () => document.body.classList.remove('printing-invitations'), { once: true });
		window.print();
	} }, t('meeting.printInvitations'));
	mount(body,
		h('div', { class: 'page-head' },
			h('h2', { id: 'tab-title' }, t('meeting.one', { date: m.date ? fmtDate(m.date) : t('meeting.noDate') })),
			h('div', { class: 'actions' }, printInv,
				h('a', { class: 'btn secondary', href: renderUrl(ref, 'kompas', 'pdf'), target: '_blank', rel: 'noopener' },
					t('meeting.planPdf')),
				h('a', { class: 'btn link', href: `#/cases/${encodeURIComponent(ref)}/meeting` }, t('meeting.back')))),
		h('p', { class: 'lead', id: 'meeting-kind' }, kindLabel(m), ' — ', m.type === 'action_team' && !m.continuum
			? t('meeting.actionTeamText') : t(`continuum.${m.continuum || 'C'}.text`)),
		h('p', { id: 'meeting-when' }, whenWhere(m), m.coordinator ? ` · ${t('invite.coordinator')}: ${nameOf(doc, m.coordinator)}` : ''),
		h('p', {}, t('meeting.invitedList', { names: invitedIds.map((pid) => nameOf(doc, pid)).join(', ') || '—' })),
		h('div', { class: 'cols' },
			h('div', { class: 'col' }, processCard(doc, m, proc, sum), planForm, attForm, guide()),
			h('div', { class: 'col' }, outcomeForm(doc, m, took))),
		invitations(doc, m, proc));
}

export async function render(body, { ref, sub }) {
	if (sub === 'new')
		await newView(body, ref);
	else if (sub)
		await detailView(body, ref, sub);
	else
		await listView(body, ref);
}
