// views/families.js - "Pleeggezinnen": the foster families and family homes
// of the register that the user may see (GET /api/families; which ones is
// the library's decision, kr_family_decide), with their kind, network or
// stranger care, availability, capacity, the children living there now and
// the places left, as the server counts them.  Labels come from the
// library's vocabulary (GET /api/meta); nothing here judges a family.  A
// family's own page and the form to add or change one are views/family.js.

import { api, can } from '../api.js';
import { field, h, mount } from '../dom.js';
import { fmtNum, t, te } from '../i18n.js';

let query = '';

function num(v) {
	return v === null || v === undefined ? t('common.unknown') : fmtNum(v);
}

function rows(list, tbody) {
	const q = query.trim().toLowerCase();
	const shown = list.filter((f) => !q || [f.id, f.name, f.worker, te('family_kind', f.kind),
		te('family_care', f.care), te('availability', f.availability)]
		.some((x) => x && String(x).toLowerCase().includes(q)));
	mount(tbody, shown.length ? shown.map((f) => h('tr', { dataset: { family: f.id } },
		h('th', { scope: 'row' }, h('a', { href: `#/families/${encodeURIComponent(f.id)}` }, f.name || f.id)),
		h('td', {}, te('family_kind', f.kind) || t('common.unknown')),
		h('td', {}, te('family_care', f.care) || t('common.unknown')),
		h('td', { dataset: { availability: f.availability || '' } },
			te('availability', f.availability) || t('common.unknown')),
		h('td', { class: 'num' }, num(f.capacity)),
		h('td', { class: 'num' }, fmtNum(f.in_use || 0)),
		h('td', { class: ['num', f.vacancies ? 'has-room' : null] }, fmtNum(f.vacancies || 0)),
		h('td', {}, f.worker || ''))) :
		h('tr', {}, h('td', { colspan: 8 }, list.length ? t('families.noMatch') : t('families.none'))));
}

export async function render(main, params, ctx) {
	if (!can('list')) {
		mount(main, h('h1', {}, t('families.title')), h('p', { role: 'alert' }, t('error.http.403')));
		return;
	}
	const r = await api('GET', '/api/families');
	if (!ctx.current())
		return;
	const list = (r.data && r.data.families) || [];
	const tbody = h('tbody');
	const search = field(t('families.search'), 'search', { value: query, placeholder: t('families.searchHint') });
	search.input.addEventListener('input', () => {
		query = search.input.value;
		rows(list, tbody);
	});
	const cols = ['name', 'kind', 'care', 'availability', 'capacity', 'inUse', 'vacancies', 'worker'];
	mount(main,
		h('div', { class: 'page-head' },
			h('h1', {}, t('families.title')),
			can('create') ? h('a', { class: 'btn primary', href: '#/families/new', id: 'new-family' },
				t('families.new')) : null),
		h('p', { class: 'lead' }, t('families.intro')),
		h('div', { class: 'toolbar' }, search.wrap),
		h('div', { class: 'table-wrap' }, h('table', { class: 'families' },
			h('caption', { class: 'sr-only' }, t('families.caption')),
			h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col',
				class: ['capacity', 'inUse', 'vacancies'].includes(c) ? 'num' : null }, t(`families.col.${c}`))))),
			tbody)));
	rows(list, tbody);
}
