// i18n.js - the message catalogues (web/i18n/nl.json, en.json) and the
// language switch.  Dutch is the default; the choice is remembered in
// localStorage under "kring.lang".  t(key, params) looks a key up and fills
// {name} placeholders; a missing key shows the key itself (and is reported
// once on the console as a warning, never as an error).  tp() picks the
// plural form of a key (key.one / key.other) with the language's plural
// rules; numbers and dates are written with Intl (nl-NL, en-GB).
// The words of kring's enumerations and the limits of its texts come from
// the library (GET /api/meta, loaded once with the catalogue): te() asks
// the vocabulary first, the catalogue only for values it does not have.

const KEY = 'kring.lang';
const LANGS = ['nl', 'en'];
let lang = 'nl';
let cat = {};
let meta = null;
const missing = new Set();
const LOCALE = { nl: 'nl-NL', en: 'en-GB' };
/* the catalogue's enumeration kinds that the vocabulary names otherwise */
const VOCAB_KIND = { agreement: 'agreement_status', event: 'event_type', meeting: 'meeting_type',
	kind: 'kin_kind' };

/* The language in use: 'nl' or 'en'. */
export function getLang() {
	return lang;
}

/* Reads the remembered language and loads its catalogue. */
export async function initI18n() {
	let saved = null;
	try {
		saved = localStorage.getItem(KEY);
	} catch (e) {
		saved = null;
	}
	await Promise.all([setLang(LANGS.includes(saved) ? saved : 'nl', false), loadMeta()]);
}

let metaDone;
/* Resolves once GET /api/meta has been read (enums.js fills its lists then). */
export const metaReady = new Promise((r) => { metaDone = r; });

/* Loads GET /api/meta (no session needed) once. */
export async function loadMeta() {
	if (meta)
		return meta;
	try {
		const res = await fetch('/api/meta', { cache: 'no-store', headers: { Accept: 'application/json' } });
		meta = res.ok ? await res.json() : {};
	} catch (e) {
		meta = {};
	}
	metaDone(meta);
	return meta;
}

/* The values of one of the library's enumerations (vocabulary name, e.g.
 * "form", "end_reason", "referrer"), in the library's order. */
export function enumValues(kind) {
	const v = meta && meta.vocabulary && meta.vocabulary.enums && meta.vocabulary.enums[VOCAB_KIND[kind] || kind];
	return v ? Object.keys(v) : [];
}

/* The most characters a text field takes (GET /api/meta limits.text):
 * coll is the item API's collection, fld the field (dotted when nested);
 * undefined when the library sets no limit. */
export function textLimit(coll, fld) {
	const l = meta && meta.limits && meta.limits.text && meta.limits.text[coll];
	return l && typeof l[fld] === 'number' ? l[fld] : undefined;
}

/* The strength and frequency of the tie between the child and a person put
 * in ecogram ring r (1-3), as the library writes it (GET /api/meta
 * vocabulary.ring_ties); null for ring 4 (no tie) or before the meta came. */
export function ringTie(r) {
	const rt = meta && meta.vocabulary && meta.vocabulary.ring_ties;
	return (rt && rt[String(r)]) || null;
}

/* The share scopes of GET /api/meta: [{name, nl, en, default}]. */
export function shareScopes() {
	return (meta && meta.share_scopes) || [];
}

/* Switches to language l, loads its catalogue and (when remember) stores the
 * choice.  Sets <html lang>. */
export async function setLang(l, remember = true) {
	if (!LANGS.includes(l))
		l = 'nl';
	const res = await fetch(`/i18n/${l}.json`, { cache: 'no-cache' });
	cat = await res.json();
	lang = l;
	document.documentElement.lang = l;
	if (remember) {
		try {
			localStorage.setItem(KEY, l);
		} catch (e) {
			/* private mode: the choice lasts for this page only */
		}
	}
}

/* The message for key with {placeholders} filled from params. */
export function t(key, params) {
	let s = cat[key];
	if (s === undefined) {
		if (!missing.has(key)) {
			missing.add(key);
			console.warn('i18n: missing key', key);
		}
		s = key;
	}
	if (params)
		s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m));
	return s;
}

/* True when the catalogue has key. */
export function has(key) {
	return Object.prototype.hasOwnProperty.call(cat, key);
}

/* The label of an enumeration value, in the library's words (GET /api/meta
 * vocabulary: the one vocabulary, lib/enum.c), or the value itself. */
export function te(kind, value) {
	if (value === null || value === undefined || value === '')
		return '';
	const v = meta && meta.vocabulary && meta.vocabulary.enums && meta.vocabulary.enums[VOCAB_KIND[kind] || kind];
	return v && v[value] && v[value][lang] ? v[value][lang] : String(value);
}

/* The title of signal id in the library's words (GET /api/meta
 * vocabulary.signals, lib/signals.c), or the id itself. */
export function tsignal(id) {
	const s = meta && meta.vocabulary && meta.vocabulary.signals && meta.vocabulary.signals[id];
	return s && s.title && s.title[lang] ? s.title[lang] : String(id || '');
}

/* The name of one of the five factors in the library's words (GET /api/meta
 * vocabulary.factors, lib/summary.c), or the key itself. */
export function factorLabel(key) {
	const f = meta && meta.vocabulary && meta.vocabulary.factors && meta.vocabulary.factors[key];
	return f && f[lang] ? f[lang] : String(key || '');
}

/* A number as people write it here: 12,5 in Dutch, 12.5 in English. */
export function fmtNum(n, opts) {
	if (typeof n !== 'number' || !Number.isFinite(n))
		return n === null || n === undefined ? '' : String(n);
	return new Intl.NumberFormat(LOCALE[lang], opts).format(n);
}

/* The message of key in the plural form for n (key.one, key.other, ...
 * by Intl.PluralRules), with {n} the number written for people:
 * tp('count.wish', 1) "1 wens", tp('count.wish', 2) "2 wensen". */
export function tp(key, n, params) {
	const form = new Intl.PluralRules(LOCALE[lang]).select(n);
	const k = has(`${key}.${form}`) ? `${key}.${form}` : `${key}.other`;
	return t(k, { ...params, n: fmtNum(n) });
}

/* A date (YYYY, YYYY-MM or YYYY-MM-DD) written for people: "3 maart 2026",
 * "maart 2026", "2026". */
export function fmtDate(d) {
	if (!d)
		return '';
	const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(d);
	if (!m)
		return String(d);
	if (!m[2])
		return m[1];
	const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
	const opts = m[3] ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
		: { month: 'long', year: 'numeric', timeZone: 'UTC' };
	return new Intl.DateTimeFormat(LOCALE[lang], opts).format(day);
}

/* A moment (ISO 8601 UTC) as people read it, in their own time zone:
 * "3 maart 2026 14:05". */
export function fmtDateTime(iso) {
	if (!iso)
		return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime()))
		return String(iso);
	return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric',
		hour: '2-digit', minute: '2-digit' }).format(d);
}
