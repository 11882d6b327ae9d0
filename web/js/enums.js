// enums.js - the enumerations of kring-case/1 (docs/case-format.md) as
// lists, so forms can offer every value with its label from the catalogue.

export const ROLES = ['child', 'parent', 'step_parent', 'sibling', 'half_sibling', 'grandparent',
	'aunt_uncle', 'cousin', 'foster_parent', 'foster_sibling', 'family_home_parent', 'friend',
	'neighbour', 'teacher', 'coach', 'mentor', 'religious', 'foster_care_worker', 'guardian',
	'social_team', 'therapist', 'other_professional', 'other'];
export const PRO_ROLES = ['foster_care_worker', 'guardian', 'social_team', 'therapist',
	'other_professional'];
export const SEX = ['f', 'm', 'x', 'unknown'];
export const WORLDS = ['origin', 'foster', 'shared', 'professional'];
export const SEGMENTS = ['household', 'family', 'friends', 'school_work', 'leisure', 'neighbourhood',
	'religion', 'online', 'professionals'];
export const STRENGTH = ['strong', 'normal', 'weak'];
export const QUALITY = ['positive', 'neutral', 'ambivalent', 'conflict', 'broken'];
export const FREQUENCY = ['daily', 'weekly', 'monthly', 'yearly', 'rarely', 'never'];
export const SUPPORT = ['emotional', 'practical', 'information', 'respite', 'financial'];
export const DIRECTION = ['a_to_b', 'b_to_a', 'mutual'];
export const KIN_KIND = ['birth', 'adoptive', 'foster', 'step'];
export const PARTNER_STATUS = ['married', 'cohabiting', 'separated', 'divorced', 'widowed'];
export const FORMS = ['informal_network', 'support_family', 'foster_parttime', 'foster_fulltime',
	'crisis', 'family_home', 'residential', 'home'];
export const VARIANTS = ['care', 'upbringing'];
export const END_REASONS = ['planned', 'breakdown', 'return_home', 'adulthood', 'other'];
export const EVENT_TYPES = ['birth', 'death', 'loss', 'move', 'school_change', 'placement_start',
	'placement_end', 'breakdown', 'professional_change', 'perspective_decision',
	'development_check', 'meeting', 'other'];
export const MEETING_TYPES = ['diy', 'family_group_conference', 'round_table', 'signs_of_safety',
	'other'];
export const CONTINUUM = ['A', 'B', 'C', 'D'];
export const CONTINUUM_TYPE = { A: 'diy', B: 'family_group_conference', C: 'round_table',
	D: 'signs_of_safety' };
export const AGREEMENT_STATUS = ['open', 'done', 'dropped'];

/* The role suggested for a new person in a segment, where one is likely
 * (household and family are left open: too many possibilities). */
export const SEGMENT_ROLE = {
	friends: 'friend', school_work: 'teacher', leisure: 'coach', neighbourhood: 'neighbour',
	religion: 'religious', online: 'friend', professionals: 'foster_care_worker',
};
