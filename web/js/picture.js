// picture.js - shows a picture the server drew (render/{kind}.svg) as an
// image.  The SVG is fetched with the session (no cache) and shown through
// a data: URL, so a new revision always shows the new picture and the
// SVG's own styles stay inside the image.  The picture is drawn for the
// as-of day of the open case (casestore.js asOfQuery) unless params say.

import { api, renderUrl } from './api.js';
import { asOfQuery } from './casestore.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

/* A figure element that fills itself with picture `kind` of case ref. */
export function picture(ref, kind, alt, given = {}) {
	const params = { ...asOfQuery(), ...given };
	const fig = h('figure', { class: 'picture', dataset: { kind } },
		h('p', { class: 'muted' }, t('app.loading')));
	api('GET', renderUrl(ref, kind, 'svg', params)).then((r) => {
		const img = h('img', { alt, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(r.data)}` });
		mount(fig, img, h('figcaption', { class: 'small muted' },
			h('a', { href: renderUrl(ref, kind, 'svg', params), target: '_blank', rel: 'noopener' }, t('picture.open')),
			' · ',
			h('a', { href: renderUrl(ref, kind, 'pdf', params), target: '_blank', rel: 'noopener' }, t('picture.pdf'))));
	}).catch((e) => {
		mount(fig, h('p', { class: 'warn' }, t('picture.failed', { reason: e.messages ? e.messages.join(' ') : String(e) })));
	});
	return fig;
}
