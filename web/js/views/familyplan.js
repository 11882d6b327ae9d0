// views/familyplan.js - "Gezinsplan": one plan for siblings who each have
// their own case (docs/family-plan.md).  Shows what the server sends for
// this user (GET /api/family-plans/{id}, the library's view): the children
// of the cases the user may read, each with their own wishes and goals taken
// from their own case, the family's goals, agreements and wishes, and the
// family's network meetings.  A case the user may not read is not in the
// answer at all, so nothing here can show it.  Read only: the plan is
// changed by import or PUT (docs/api.md).

import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { fmtDate, t, tp } from '../i18n.js';
import { age } from '../model.js';

/* The name of a person ref {case, person} from the view's names. */
function nameOf(view, ref) {
	if (!ref)
		return '';
	return (view.persons || {})[`${ref.case}/${ref.person}`] || ref.person;
}

function names(view, refs) {
	return (refs || []).map((r) => nameOf(view, r)).join(', ');
}

function emptyOr(list, item) {
	return list && list.length ? h('ul', { class: 'fplan-list' }, list.map(item))
		: h('p', { class: 'muted' }, t('fplan.none'));
}

function child(c) {
	const name = (c.child && (c.child.name || c.child.id)) || c.case;
	const a = c.child ? age(c.child.born) : null;
	const id = `fplan-child-${c.case}`;
	return h('article', { class: 'fplan-child card', 'aria-labelledby': id, dataset: { case: c.case } },
		h('h3', { id }, name, a !== null ? h('span', { class: 'age' }, ` ${tp('common.age', a)}`) : null),
		h('p', {}, h('a', { href: `#/cases/${encodeURIComponent(c.case)}/plan` }, t('fplan.openCase', { ref: c.case }))),
		h('h4', {}, t('fplan.childWishes', { name })),
		c.wishes && c.wishes.length ? h('ul', { class: 'fplan-list' }, c.wishes.map((w) => h('li', { dataset: { wish: w.id } },
			h('span', { class: 'wish-text' }, w.text || ''),
			h('span', { class: 'muted' }, ' — ', w.response ? t('fplan.answer', { text: w.response }) : t('fplan.noAnswer')))))
			: h('p', { class: 'muted' }, t('fplan.noWishes')),
		h('h4', {}, t('fplan.childGoals', { name })),
		c.goals && c.goals.length ? h('ul', { class: 'fplan-list' }, c.goals.map((g) => h('li', { dataset: { goal: g.id } }, g.text || g.id)))
			: h('p', { class: 'muted' }, t('fplan.noGoals')));
}

function meeting(view, m) {
	const id = `fplan-meeting-${m.id}`;
	const when = m.date ? (m.time ? t('fplan.meetingWhen', { date: fmtDate(m.date), time: m.time }) : fmtDate(m.date))
		: t('fplan.noDate');
	return h('article', { class: 'fplan-meeting card', 'aria-labelledby': id, dataset: { meeting: m.id } },
		h('h3', { id }, when),
		m.place ? h('p', {}, t('fplan.place', { place: m.place })) : null,
		m.coordinator ? h('p', {}, t('fplan.coordinator', { name: nameOf(view, m.coordinator) })) : null,
		h('dl', { class: 'fplan-people' },
			h('dt', {}, t('fplan.invited')), h('dd', { class: 'invited' }, names(view, m.invited) || t('fplan.nobody')),
			m.attended && m.attended.length ? [h('dt', {}, t('fplan.attended')),
				h('dd', { class: 'attended' }, names(view, m.attended))] : null,
			m.outcome ? [h('dt', {}, t('fplan.outcome')), h('dd', { class: 'outcome' }, m.outcome)] : null));
}

export async function render(main, params, ctx) {
	const [id] = params;
	const r = await api('GET', `/api/family-plans/${encodeURIComponent(id)}`);
	if (!ctx.current())
		return;
	const view = r.data || {};
	const plan = view.plan || {};
	const section = (key, ...body) => h('section', { class: 'fplan-part', 'aria-labelledby': `fplan-${key}` },
		h('h2', { id: `fplan-${key}` }, t(`fplan.${key}`)), ...body);
	mount(main,
		h('div', { class: 'page-head' },
			h('h1', { id: 'fplan-title' }, plan.name ? t('fplan.titleNamed', { name: plan.name }) : t('fplan.title'))),
		h('p', { class: 'lead' }, t('fplan.intro')),
		section('children', h('div', { class: 'fplan-children' }, (view.children || []).map(child))),
		section('goals', emptyOr(plan.goals, (g) => h('li', { dataset: { goal: g.id } }, g.text || g.id,
			g.who && g.who.length ? h('span', { class: 'muted' }, ' — ', t('fplan.who', { names: names(view, g.who) })) : null))),
		section('agreements', emptyOr(plan.agreements, (a) => h('li', { dataset: { agreement: a.id } },
			h('span', {}, a.what || a.id),
			a.when ? h('span', { class: 'muted' }, ' — ', t('fplan.when', { when: a.when })) : null,
			a.who && a.who.length ? h('span', { class: 'muted' }, ' — ', t('fplan.who', { names: names(view, a.who) })) : null,
			h('span', { class: ['badge', a.done ? 'done' : 'open'] }, a.done ? t('fplan.done') : t('fplan.open'))))),
		section('wishes', emptyOr(plan.wishes, (w) => h('li', { dataset: { wish: w.id } }, w.text || w.id,
			w.by ? h('span', { class: 'muted' }, ' — ', t('fplan.by', { name: nameOf(view, w.by) })) : null))),
		section('meetings', plan.meetings && plan.meetings.length
			? plan.meetings.map((m) => meeting(view, m)) : h('p', { class: 'muted' }, t('fplan.none'))));
}

/* The family plans case ref is in, as links (for the case's frame): fills
 * el, or leaves it empty when there are none. */
export async function linksFor(el, ref) {
	let r;
	try {
		r = await api('GET', `/api/cases/${encodeURIComponent(ref)}/family-plans`);
	} catch (e) {
		return;
	}
	const list = (r.data && r.data.family_plans) || [];
	if (!list.length)
		return;
	mount(el, h('nav', { class: 'fplan-links', 'aria-label': t('fplan.linksLabel') },
		h('span', {}, `${t('fplan.title')}: `),
		list.map((p, i) => [i ? ', ' : '', h('a', { href: `#/family-plans/${encodeURIComponent(p.id)}`,
			dataset: { familyPlan: p.id } }, p.name || p.id)])));
}
