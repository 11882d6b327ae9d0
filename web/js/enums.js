// enums.js - the enumerations of kring-case/1 as lists for forms, filled
// from the library's vocabulary (GET /api/meta, read once at start by
// i18n.js): the values and their order are the library's, the words te()'s.
// Nothing here is a copy of lib/enum.c.  The lists are filled in place, so
// a module may import them at load and read them once the app runs.  What
// is the UI's own stays here: the role suggested for a new person in a
// segment, and which kind of meeting goes with which letter of the
// Continuüm when a worker picks one.

import { enumValues, metaReady } from './i18n.js';

export const ROLES = [];
export const SEX = [];
export const WORLDS = [];
export const SEGMENTS = [];
export const STRENGTH = [];
export const QUALITY = [];
export const FREQUENCY = [];
export const SUPPORT = [];
export const DIRECTION = [];
export const KIN_KIND = [];
export const PARTNER_STATUS = [];
export const CONTINUUM = [];

const LISTS = [[ROLES, 'role'], [SEX, 'sex'], [WORLDS, 'world'], [SEGMENTS, 'segment'],
	[STRENGTH, 'strength'], [QUALITY, 'quality'], [FREQUENCY, 'frequency'], [SUPPORT, 'support'],
	[DIRECTION, 'direction'], [KIN_KIND, 'kin_kind'], [PARTNER_STATUS, 'partner_status'],
	[CONTINUUM, 'continuum']];

metaReady.then(() => {
	for (const [list, kind] of LISTS)
		list.splice(0, list.length, ...enumValues(kind));
});

/* The kind of meeting a letter of the Continuüm van betrokkenheid stands for
 * when the worker picks the letter (docs/ui.md "The meeting"). */
export const CONTINUUM_TYPE = { A: 'diy', B: 'family_group_conference', C: 'round_table',
	D: 'signs_of_safety' };

/* The role suggested for a new person in a segment, where one is likely
 * (household and family are left open: too many possibilities). */
export const SEGMENT_ROLE = {
	friends: 'friend', school_work: 'teacher', leisure: 'coach', neighbourhood: 'neighbour',
	religion: 'religious', online: 'friend', professionals: 'foster_care_worker',
};
