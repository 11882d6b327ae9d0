// views/meeting_process.js - a meeting that is a process (issue 13 point
// 5), for views/meeting.js: its steps with their dates, the one it is in
// now highlighted and the next one named, as the library computed them
// (the case summary's `processes`; nothing is derived here), recorded
// through the same save as the rest of the meeting; for a Prima Pleegzorg
// action team meeting the future plan and the action team that carries
// it; and the part of the invitation that follows the step: the
// preparation names the independent coordinator, the conference explains
// the information, the family's own time and the plan, the action team
// meeting names the team and the future plan.  The preparation of a
// conference records who was asked and who comes (meetings[].process.asked
// and .coming): a row per person of the network with two ticks, saved with
// the steps; everyone who comes must have been asked, which the library
// checks and says with its path.

import { save } from '../casestore.js';
import { checkGroup, field, h, mount } from '../dom.js';
import { fmtDate, t, te, textLimit } from '../i18n.js';
import { living, nameOf, plan as planOf } from '../model.js';

/* A full date for a date input; '' for none or a partial date. */
function full(d) {
	return /^\d{4}-\d{2}-\d{2}$/.test(d || '') ? d : '';
}

function errs(e) {
	return e.messages || [String(e && e.message ? e.message : e)];
}

/* The state of step i of process p: done, now, next or later. */
function stateOf(p, i) {
	if (i === p.steps.findIndex((s) => s.key === p.current))
		return 'now';
	if (i === p.steps.findIndex((s) => s.key === p.next))
		return 'next';
	return p.steps[i].done ? 'done' : 'later';
}

/* The steps as a list; inputs (a map key -> date input) makes each step's
 * date editable. */
function stepList(p, inputs) {
	return h('ol', { class: 'steps', id: 'process-steps' }, p.steps.map((s, i) => {
		const st = stateOf(p, i);
		const label = t(`meeting.step.${s.key}`);
		return h('li', { class: ['step', `step-${st}`], dataset: { step: s.key, state: st },
			'aria-current': st === 'now' ? 'step' : null },
		inputs && inputs[s.key] ? inputs[s.key].wrap : h('span', { class: 'step-name' }, label),
		h('span', { class: 'step-state small' }, t(`meeting.stepState.${st}`)),
		inputs && inputs[s.key] ? null
			: h('span', { class: 'step-date small' }, s.date ? fmtDate(s.date) : t('meeting.stepNoDate')));
	}));
}

/* The ids of list `was` still ticked (in their order), then those newly
 * ticked (in the order of the rows). */
function keepOrder(was, ticked) {
	const on = new Set(ticked);
	return [...was.filter((id) => on.has(id)), ...ticked.filter((id) => !was.includes(id))];
}

/* Who was asked and who comes (meetings[].process.asked, .coming): a row per
 * person alive on the summary's day (and anyone already on a list), with a
 * tick for each;
 * read() gives both lists.  The library refuses one who comes unasked. */
function preparationTable(doc, m, sum) {
	const pr = m.process || {};
	const asked = pr.asked || [];
	const coming = pr.coming || [];
	const live = new Set(living(doc, sum).map((x) => x.id));
	const people = doc.persons.filter((x) => live.has(x.id) || asked.includes(x.id) || coming.includes(x.id));
	const rows = people.map((x) => {
		const name = x.name || x.id;
		const box = (list, key) => h('input', { type: 'checkbox', name: key, value: x.id, checked: list.includes(x.id),
			'aria-label': t(`meeting.prep.${key}Of`, { name }) });
		const a = box(asked, 'asked');
		const c = box(coming, 'coming');
		return { id: x.id, a, c, el: h('tr', { dataset: { person: x.id } },
			h('th', { scope: 'row' }, name, (x.roles || [])[0] ? h('span', { class: 'small muted' }, ` (${te('role', x.roles[0])})`) : null),
			h('td', {}, h('div', { class: 'check' }, a)), h('td', {}, h('div', { class: 'check' }, c))) };
	});
	const count = h('p', { class: 'small', id: 'prep-count', 'aria-live': 'polite' });
	const recount = () => {
		count.textContent = t('meeting.prep.count', { asked: rows.filter((r) => r.a.checked).length,
			coming: rows.filter((r) => r.c.checked).length });
	};
	recount();
	const wrap = h('fieldset', { class: 'plain-set prep', id: 'process-prep' },
		h('legend', {}, t('meeting.prep.title')),
		h('p', { class: 'muted small' }, t('meeting.prep.intro')), count,
		h('div', { class: 'table-wrap' }, h('table', { class: 'prep-table' },
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('meeting.prep.person')),
				h('th', { scope: 'col' }, t('meeting.prep.asked')), h('th', { scope: 'col' }, t('meeting.prep.coming')))),
			h('tbody', {}, rows.map((r) => r.el)))));
	wrap.addEventListener('change', recount);
	const read = () => ({ asked: keepOrder(asked, rows.filter((r) => r.a.checked).map((r) => r.id)),
		coming: keepOrder(coming, rows.filter((r) => r.c.checked).map((r) => r.id)) });
	return { wrap, read };
}

/* The card of a conference: the six phases with a date field each, and who
 * was asked and who comes. */
function conferenceCard(doc, m, p, sum) {
	const inputs = {};
	for (const s of p.steps)
		inputs[s.key] = field(t(`meeting.step.${s.key}`), 'date',
			{ name: s.key, value: full(s.date), hint: s.date && !full(s.date) ? fmtDate(s.date) : undefined });
	const prep = preparationTable(doc, m, sum);
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { class: 'card process', id: 'process-form', novalidate: true },
		h('h3', {}, t('meeting.processTitle')),
		h('p', { class: 'muted small' }, t('meeting.processIntro')),
		h('p', { id: 'process-now' }, p.next ? t('meeting.processNext', { step: t(`meeting.step.${p.next}`) })
			: t('meeting.processDone')),
		stepList(p, inputs), prep.wrap, msg,
		h('button', { type: 'submit', class: 'btn primary' }, t('meeting.processSave')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const lists = prep.read();
		try {
			await save(t('meeting.processDesc'), (d) => {
				const x = (d.meetings || []).find((y) => y.id === m.id);
				if (!x)
					throw new Error(t('meeting.notFound'));
				const pr = { ...(x.process || {}) };
				for (const s of p.steps) {
					const v = inputs[s.key].input.value;
					if (v === full(pr[s.key]))
						continue;   /* unchanged (a partial date stays) */
					if (v)
						pr[s.key] = v;
					else
						delete pr[s.key];
				}
				for (const k of ['asked', 'coming'])
					if (lists[k].length)
						pr[k] = lists[k];
					else
						delete pr[k];
				x.process = pr;
			});
		} catch (e) {
			mount(msg, h('ul', {}, errs(e).map((x) => h('li', {}, x))));
			msg.hidden = false;
		}
	});
	return form;
}

/* The fields of the future plan and the action team; read() gives the
 * plan's future_plan and action_team as they should be; members is the
 * check group of the team's members. */
export function teamFields(doc, sum) {
	const pl = doc.plan || {};
	const fp = pl.future_plan || {};
	const at = pl.action_team || {};
	const people = living(doc, sum).map((x) => [x.id, x.name || x.id]);
	const date = field(t('plan.futurePlanDate'), 'date', { name: 'future_date', value: full(fp.date) });
	const by = checkGroup(t('plan.futurePlanBy'), people, fp.made_by || [], { class: 'cols2' });
	by.wrap.id = 'future-by';
	const text = field(t('plan.futurePlanText'), 'textarea', { name: 'future_text', value: fp.text || '', rows: 2,
		maxlength: textLimit('plan', 'future_plan.text') });
	const goals = field(t('plan.futurePlanGoals'), 'textarea', { name: 'future_goals',
		value: (fp.goals || []).join('\n'), rows: 3, hint: t('plan.futurePlanGoalsHint') });
	const formed = field(t('plan.actionTeamFormed'), 'date', { name: 'team_formed', value: full(at.formed) });
	const members = checkGroup(t('plan.actionTeamMembers'), people, at.members || [], { class: 'cols2' });
	members.wrap.id = 'team-members';
	const wrap = h('div', { class: 'team-fields' },
		h('fieldset', { class: 'plain-set' }, h('legend', {}, t('plan.futurePlan')),
			h('p', { class: 'muted small' }, t('plan.futurePlanIntro')), date.wrap, by.wrap, text.wrap, goals.wrap),
		h('fieldset', { class: 'plain-set' }, h('legend', {}, t('plan.actionTeam')),
			h('p', { class: 'muted small' }, t('plan.actionTeamIntro')), formed.wrap, members.wrap));
	const read = () => {
		const f = { ...fp };
		const a = { ...at };
		const set = (o, k, v) => {
			if (v && v.length)
				o[k] = v;
			else
				delete o[k];
		};
		if (date.input.value !== full(fp.date))
			set(f, 'date', date.input.value);
		set(f, 'made_by', by.values());
		set(f, 'text', text.input.value.trim());
		set(f, 'goals', goals.input.value.split('\n').map((x) => x.trim()).filter(Boolean));
		if (formed.input.value !== full(at.formed))
			set(a, 'formed', formed.input.value);
		set(a, 'members', members.values());
		return { future_plan: Object.keys(f).length ? f : null, action_team: Object.keys(a).length ? a : null };
	};
	return { wrap, read, members };
}

/* Writes what teamFields read into plan pl (of a draft). */
export function applyTeam(pl, v) {
	for (const k of ['future_plan', 'action_team'])
		if (v[k])
			pl[k] = v[k];
		else
			delete pl[k];
}

/* The card of an action team meeting: future plan -> action team ->
 * this meeting, and the form for the first two. */
function actionTeamCard(doc, p, sum) {
	const tf = teamFields(doc, sum);
	const msg = h('div', { class: 'form-error', role: 'alert', hidden: true });
	const form = h('form', { class: 'card process', id: 'team-form', novalidate: true },
		h('h3', {}, t('meeting.teamTitle')),
		h('p', { class: 'muted small' }, t('meeting.teamIntro')),
		h('p', { id: 'process-now' }, p.next ? t('meeting.processNext', { step: t(`meeting.step.${p.next}`) })
			: t('meeting.teamDone')),
		stepList(p, null), tf.wrap, msg,
		h('button', { type: 'submit', class: 'btn primary' }, t('meeting.teamSave')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.hidden = true;
		const v = tf.read();
		try {
			await save(t('meeting.teamDesc'), (d) => applyTeam(planOf(d), v));
		} catch (e) {
			mount(msg, h('ul', {}, errs(e).map((x) => h('li', {}, x))));
			msg.hidden = false;
		}
	});
	return form;
}

/* The process card of meeting m with the library's process p (null: the
 * meeting is no process, nothing is shown); sum is the case summary (who
 * is alive on its day). */
export function processCard(doc, m, p, sum) {
	if (!p)
		return null;
	return p.kind === 'action_team' ? actionTeamCard(doc, p, sum) : conferenceCard(doc, m, p, sum);
}

/* The paragraphs of an invitation that follow the step (p.invitation). */
export function invitationPart(doc, m, p) {
	if (!p)
		return null;
	if (p.invitation === 'preparation')
		return h('div', { class: 'invite-step', dataset: { invitation: 'preparation' } },
			h('p', {}, m.coordinator ? t('meeting.invitePreparation', { coordinator: nameOf(doc, m.coordinator) })
				: t('meeting.invitePreparationNobody')),
			h('p', {}, t('meeting.invitePreparationWhy')));
	if (p.invitation === 'conference')
		return h('div', { class: 'invite-step', dataset: { invitation: 'conference' } },
			h('p', {}, t('meeting.inviteConference')),
			h('ol', {}, ['Information', 'PrivateTime', 'Plan'].map((k) => h('li', {}, t(`meeting.inviteConference${k}`)))));
	if (p.invitation === 'action_team') {
		const pl = doc.plan || {};
		const fp = pl.future_plan || {};
		const team = ((pl.action_team || {}).members || []).map((id) => nameOf(doc, id));
		return h('div', { class: 'invite-step', dataset: { invitation: 'action_team' } },
			h('p', {}, team.length ? t('meeting.inviteTeam', { names: team.join(', ') }) : t('meeting.inviteTeamNobody')),
			h('p', {}, fp.date ? t('meeting.inviteFuturePlan', { date: fmtDate(fp.date),
				names: (fp.made_by || []).map((id) => nameOf(doc, id)).join(', ') || '—' })
				: t('meeting.inviteFuturePlanNone')),
			fp.text ? h('p', {}, h('em', {}, fp.text)) : null,
			(fp.goals || []).length ? h('ul', {}, fp.goals.map((g) => h('li', {}, g))) : null);
	}
	return null;
}
