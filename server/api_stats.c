/*
 * api_stats.c - GET /api/stats for analysts, leads and admins: the figures
 * without persons of lib/stats.c (docs/api.md "Figures without persons"),
 * serialised as they come.  No name, person id or case ref is in them.
 */
#include "kring/audit.h"
#include "kring/settings.h"
#include "kring/stats.h"
#include "server.h"

void ks_h_stats(struct ks_req *r)
{
	struct kr_settings set;
	struct kr_stats *st = NULL;
	struct kr_error err;
	json_t *j;
	long as_of;

	kr_error_init_lang(&err, r->lang);
	if (!ks_param_day(r, "as_of", &as_of))
		goto out;
	if (kr_settings_load(r->store, &set, &err) ||
	    kr_stats_compute(r->store, as_of, &set, &st, &err)) {
		ks_fail(r, err.code, &err);
		goto out;
	}
	if (!(j = kr_stats_json(st))) {
		ks_reply_json(r, 500, NULL);
		goto out;
	}
	ks_audit(r, KR_AUDIT_READ, NULL, "aggregated figures");
	ks_reply_json(r, 200, j);
out:
	kr_stats_free(st);
	kr_error_cleanup(&err);
}
