// i18n.js - the message catalogues (web/i18n/nl.json, en.json) and the
// language switch.  Dutch is the default; the choice is remembered in
// localStorage under "kring.lang".  t(key, params) looks a key up and fills
// {name} placeholders; a missing key shows the key itself (and is reported
// once on the console as a warning, never as an error).

const KEY = 'kring.lang';
const LANGS = ['nl', 'en'];
let lang = 'nl';
let cat = {};
const missing = new Set();

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
	await setLang(LANGS.includes(saved) ? saved : 'nl', false);
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

/* The label of an enumeration value (enum.<kind>.<value>), or the value. */
export function te(kind, value) {
	if (value === null || value === undefined || value === '')
		return '';
	const k = `enum.${kind}.${value}`;
	return has(k) ? cat[k] : String(value);
}

/* A date (YYYY, YYYY-MM or YYYY-MM-DD) written for people. */
export function fmtDate(d) {
	if (!d)
		return '';
	const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(d);
	if (!m)
		return String(d);
	const months = t('months').split(',');
	if (!m[2])
		return m[1];
	const mon = months[Number(m[2]) - 1] || m[2];
	if (!m[3])
		return `${mon} ${m[1]}`;
	return `${Number(m[3])} ${mon} ${m[1]}`;
}
