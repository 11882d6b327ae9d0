// views/families.js - "Pleeggezinnen": the foster families and family homes
// of the register that the user may see (GET /api/families; which ones is
// the library's decision, kr_family_decide), with their kind, network or
// stranger care, availability, capacity, the children living there now and
// the places left, as the server counts them; searchable, every column
// sorts.  Labels come from the library's vocabulary (GET /api/meta);
// nothing here judges a family.  A family's own page and the form to add or
// change one are views/family.js.

import { api, can } from '../api.js';
import { field, h, mount } from '../dom.js';
import { fmtNum, t, te } from '../i18n.js';

let query = '';
let sortKey = 'name';
let sortDir = 1;

/* Compares two families by a column, for the user's sort (values as the
 * server gives them; labels in the user's language). */
function cmp(a, b, key) {
	switch (key) {
	case 'kind': return te('family_kind', a.kind).localeCompare(te('family_kind', b.kind));
	case 'care': return te('family_care', a.care).localeCompare(te('family_care', b.care));
	case 'availability': return te('availability', a.availability).localeCompare(te('availability', b.availability));
	case 'capacity': return (a.capacity ?? -1) - (b.capacity ?? -1);
	case 'inUse': return (a.in_use || 0) - (b.in_use || 0);
	case 'vacancies': return (a.vacancies || 0) - (b.vacancies || 0);
	case 'worker': return (a.worker || '').localeCompare(b.worker || '');
	default: return (a.name || a.id).localeCompare(b.name || b.id);
	}
}

function num(v) {
	return v === null || v === undefined ? t('common.unknown') : fmtNum(v);
}

function rows(list, tbody) {
	const q = query.trim().toLowerCase();
	const shown = list.filter((f) => !q || [f.id, f.name, f.worker, te('family_kind', f.kind),
		te('family_care', f.care), te('availability', f.availability)]
		.some((x) => x && String(x).toLowerCase().includes(q)));
	shown.sort((a, b) => cmp(a, b, sortKey) * sortDir || a.id.localeCompare(b.id));
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
	const numeric = ['capacity', 'inUse', 'vacancies'];
	const head = h('tr');
	const drawHead = () => mount(head, cols.map((c) => h('th', { scope: 'col', class: numeric.includes(c) ? 'num' : null,
		'aria-sort': c === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : null },
	h('button', { type: 'button', class: 'sort', dataset: { sort: c }, onclick: () => {
		if (sortKey === c)
			sortDir = -sortDir;
		else {
			sortKey = c;
			sortDir = numeric.includes(c) ? -1 : 1;
		}
		drawHead();
		rows(list, tbody);
	} }, t(`families.col.${c}`), h('span', { class: 'sort-mark', 'aria-hidden': 'true' },
		c === sortKey ? (sortDir > 0 ? ' ▲' : ' ▼') : '')))));
	drawHead();
	mount(main,
		h('div', { class: 'page-head' },
			h('h1', {}, t('families.title')),
			can('create') ? h('a', { class: 'btn primary', href: '#/families/new', id: 'new-family' },
				t('families.new')) : null),
		h('p', { class: 'lead' }, t('families.intro')),
		h('div', { class: 'toolbar' }, search.wrap),
		h('div', { class: 'table-wrap' }, h('table', { class: 'families' },
			h('caption', { class: 'sr-only' }, t('families.caption')),
			h('thead', {}, head), tbody)));
	rows(list, tbody);
}
