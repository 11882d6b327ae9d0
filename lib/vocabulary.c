/*
 * vocabulary.c - the words of vocabulary.h gathered from the modules that
 * own them (enum.c, signals.c, summary.c, settings.c, render_ecogram.c's
 * ring ties); nothing here defines
 * a word of its own.
 */
#include <jansson.h>

#include "kring/enum.h"
#include "kring/render.h"
#include "kring/settings.h"
#include "kring/signals.h"
#include "kring/summary.h"
#include "kring/vocabulary.h"

static json_t *pair(const char *nl, const char *en)
{
	return json_pack("{s:s, s:s}", "nl", nl, "en", en);
}

void *kr_vocabulary_json(void)
{
	json_t *v = json_object(), *enums = json_object(), *sig = json_object();
	json_t *fac = json_object(), *set = json_object();
	const char *const *ids;
	size_t n;

	if (!v || !enums || !sig || !fac || !set)
		goto fail;
	for (int e = 0; e < KR_ENUM__N; e++) {
		json_t *vals = json_object();
		for (int k = 1; vals && k < kr_enum_count((enum kr_enum)e); k++)
			json_object_set_new(vals, kr_enum_name((enum kr_enum)e, k),
			                    pair(kr_enum_label((enum kr_enum)e, k, KR_LANG_NL),
			                         kr_enum_label((enum kr_enum)e, k, KR_LANG_EN)));
		if (!vals || json_object_set_new(enums, kr_enum_id((enum kr_enum)e), vals))
			goto fail;
	}
	ids = kr_signals_catalogue(&n);
	for (size_t i = 0; i < n; i++)
		if (json_object_set_new(sig, ids[i], json_pack("{s:o, s:s}", "title",
		                        pair(kr_signals_title(ids[i], KR_LANG_NL),
		                             kr_signals_title(ids[i], KR_LANG_EN)),
		                        "source", kr_signals_source(ids[i]))))
			goto fail;
	for (int f = 0; f < KR_FACTOR__N; f++)
		if (json_object_set_new(fac, kr_factor_name((enum kr_factor)f),
		                        pair(kr_factor_label((enum kr_factor)f, KR_LANG_NL),
		                             kr_factor_label((enum kr_factor)f, KR_LANG_EN))))
			goto fail;
	for (int i = 0; i < KR_SET__N; i++) {
		const struct kr_setting_info *in = kr_settings_info((enum kr_setting)i);
		if (json_object_set_new(set, in->key, json_pack("{s:i, s:i, s:i, s:s, s:s, s:s}",
		                        "default", in->def, "min", in->min, "max", in->max,
		                        "unit", in->unit, "nl", in->nl, "en", in->en)))
			goto fail;
	}
	{
		json_t *rt = json_object();
		enum kr_strength st;
		enum kr_frequency fr;
		char key[2] = "0";
		for (int r = 1; rt && kr_render_ecogram_ring_tie(r, &st, &fr); r++) {
			key[0] = (char)('0' + r);
			json_object_set_new(rt, key, json_pack("{s:s, s:s, s:b}",
			                    "strength", kr_enum_name(KR_ENUM_STRENGTH, (int)st),
			                    "frequency", kr_enum_name(KR_ENUM_FREQUENCY, (int)fr),
			                    "keeps_broken", kr_render_ecogram_ring_keeps_broken(r)));
		}
		if (!rt || json_object_set_new(v, "ring_ties", rt))
			goto fail;
	}
	json_object_set_new(v, "enums", enums);
	json_object_set_new(v, "signals", sig);
	json_object_set_new(v, "factors", fac);
	json_object_set_new(v, "settings", set);
	return v;
fail:
	json_decref(v);
	json_decref(enums);
	json_decref(sig);
	json_decref(fac);
	json_decref(set);
	return NULL;
}
