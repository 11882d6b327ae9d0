/*
 * routes.c - the route table of `kring serve`: every endpoint of
 * docs/api.md as one line saying its method, path pattern, handler, who may
 * call it, how large its body may be, which access decision guards it and
 * which query parameters it takes.  server/http.c enforces all of that
 * before a handler runs, so a handler only does its own work: the access
 * column names an action of the library's rule table (access.h), and the
 * library's verdict decides between going on, 403 and 404.
 *
 * Patterns: a segment "{name}" matches any one path segment (copied into
 * r->args in order); "{name:a|b|c}" matches only one of the listed words.
 * The first matching line wins.  A path that matches some line but not the
 * method gets 405 with the methods that would match.
 */
#include <string.h>

#include "server.h"

#define IDCOLL "{coll:persons|placements|meetings|wishes|goals|agreements|kinship|ties|events}"
#define SINGLE "{single:plan|case|safety_map|support}"
#define KINDS "{file}"

#define R KS_ACCESS(KR_ACCESS_READ)
#define W KS_ACCESS(KR_ACCESS_WRITE)
#define E KS_ACCESS(KR_ACCESS_EXPORT)
#define S KS_ACCESS(KR_ACCESS_SHARE)
#define A KS_ACCESS(KR_ACCESS_ASSIGN)
#define N KS_ACCESS_NONE

const struct ks_route ks_routes[] = {
	/* fixed points */
	{ KS_GET, "/healthz", ks_h_healthz, KS_PUBLIC, KS_BODY_NONE, N, "", NULL },
	{ KS_GET, "/api/meta", ks_h_meta, KS_PUBLIC, KS_BODY_NONE, N, "", NULL },

	/* sessions */
	{ KS_POST, "/api/session", ks_h_login, KS_LOGIN, KS_BODY_SMALL, N, "", NULL },
	{ KS_GET, "/api/session", ks_h_session_get, KS_USER, KS_BODY_NONE, N, "", NULL },
	{ KS_DELETE, "/api/session", ks_h_logout, KS_USER, KS_BODY_NONE, N, "", NULL },

	/* cases */
	{ KS_GET, "/api/cases", ks_h_cases_list, KS_USER, KS_BODY_NONE, KS_ACCESS(KR_ACCESS_LIST),
	  "q sort as_of", NULL },
	{ KS_POST, "/api/cases", ks_h_case_create, KS_USER, KS_BODY_CASE,
	  KS_ACCESS(KR_ACCESS_CREATE), "confirm_duplicate", NULL },
	{ KS_GET, "/api/cases/next-ref", ks_h_case_next_ref, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_CREATE), "year", NULL },
	{ KS_GET, "/api/inbox", ks_h_inbox, KS_USER, KS_BODY_NONE, KS_ACCESS(KR_ACCESS_LIST), "",
	  NULL },
	{ KS_GET, "/api/cases/{ref}", ks_h_case_get, KS_USER, KS_BODY_NONE, R,
	  "revision recorded_at as_of", "read refused" },
	{ KS_PUT, "/api/cases/{ref}", ks_h_case_put, KS_USER, KS_BODY_CASE, W, "",
	  "update refused" },
	{ KS_GET, "/api/cases/{ref}/history", ks_h_case_history, KS_USER, KS_BODY_NONE, R,
	  "after", "history refused" },
	{ KS_POST, "/api/cases/{ref}/restore", ks_h_case_restore, KS_USER, KS_BODY_SMALL, W,
	  "revision collection id", "restore refused" },
	{ KS_GET, "/api/cases/{ref}/plan.pdf", ks_h_case_plan_pdf, KS_USER, KS_BODY_NONE, E,
	  "as_of professionals", "plan refused" },
	{ KS_POST, "/api/cases/{ref}/inbox/seen", ks_h_inbox_seen, KS_USER, KS_BODY_SMALL, R, "",
	  "inbox refused" },
	{ KS_GET, "/api/cases/{ref}/scan.xlsx", ks_h_case_scan_xlsx, KS_USER, KS_BODY_NONE, E, "",
	  "export refused" },
	{ KS_GET, "/api/cases/{ref}/export", ks_h_case_export, KS_USER, KS_BODY_NONE, E,
	  "revision recorded_at", "export refused" },
	{ KS_GET, "/api/cases/{ref}/signals", ks_h_case_signals, KS_USER, KS_BODY_NONE, R,
	  "as_of recorded_at", "signals refused" },
	{ KS_GET, "/api/cases/{ref}/summary", ks_h_case_summary, KS_USER, KS_BODY_NONE, R,
	  "as_of recorded_at", "summary refused" },
	{ KS_GET, "/api/cases/{ref}/metrics", ks_h_case_metrics, KS_USER, KS_BODY_NONE, R,
	  "as_of recorded_at", "metrics refused" },
	{ KS_GET, "/api/cases/{ref}/render/" KINDS, ks_h_case_render, KS_USER, KS_BODY_NONE, R,
	  "as_of recorded_at compare", "render refused" },
	{ KS_GET, "/api/cases/{ref}/layout/{kind:ecogram}", ks_h_case_layout, KS_USER,
	  KS_BODY_NONE, R, "as_of recorded_at", "layout refused" },

	/* share links, as the worker sees them */
	{ KS_GET, "/api/cases/{ref}/shares", ks_h_shares_list, KS_USER, KS_BODY_NONE, S, "",
	  "shares refused" },
	{ KS_POST, "/api/cases/{ref}/shares", ks_h_shares_create, KS_USER, KS_BODY_SMALL, S, "",
	  "share refused" },
	{ KS_DELETE, "/api/cases/{ref}/shares/{id}", ks_h_shares_revoke, KS_USER, KS_BODY_NONE,
	  S, "", "revoke refused" },

	/* assignments */
	{ KS_GET, "/api/cases/{ref}/assignees", ks_h_assignees_list, KS_USER, KS_BODY_NONE, R,
	  "", "assignees refused" },
	{ KS_PUT, "/api/cases/{ref}/assignees/{name}", ks_h_assignee_put, KS_USER,
	  KS_BODY_SMALL, A, "", "assign refused" },
	{ KS_DELETE, "/api/cases/{ref}/assignees/{name}", ks_h_assignee_delete, KS_USER,
	  KS_BODY_NONE, A, "", "unassign refused" },

	/* the client's own log: who looked at or changed the file */
	{ KS_GET, "/api/cases/{ref}/audit", ks_h_case_audit, KS_USER, KS_BODY_NONE, R, "format",
	  "client log refused" },

	/* items of a case (kr_case_edit) */
	{ KS_GET, "/api/cases/{ref}/" IDCOLL, ks_h_items_list, KS_USER, KS_BODY_NONE, R, "",
	  "read refused" },
	{ KS_POST, "/api/cases/{ref}/" IDCOLL, ks_h_item_create, KS_USER, KS_BODY_SMALL, W, "",
	  "update refused" },
	{ KS_GET, "/api/cases/{ref}/" IDCOLL "/{id}", ks_h_item_get, KS_USER, KS_BODY_NONE, R,
	  "", "read refused" },
	{ KS_PUT, "/api/cases/{ref}/" IDCOLL "/{id}", ks_h_item_put, KS_USER, KS_BODY_SMALL, W,
	  "", "update refused" },
	{ KS_PATCH, "/api/cases/{ref}/" IDCOLL "/{id}", ks_h_item_patch, KS_USER, KS_BODY_SMALL,
	  W, "", "update refused" },
	{ KS_DELETE, "/api/cases/{ref}/" IDCOLL "/{id}", ks_h_item_delete, KS_USER,
	  KS_BODY_NONE, W, "", "update refused" },
	{ KS_GET, "/api/cases/{ref}/" SINGLE, ks_h_single_get, KS_USER, KS_BODY_NONE, R, "",
	  "read refused" },
	{ KS_PUT, "/api/cases/{ref}/" SINGLE, ks_h_single_put, KS_USER, KS_BODY_SMALL, W, "",
	  "update refused" },
	{ KS_PATCH, "/api/cases/{ref}/" SINGLE, ks_h_single_patch, KS_USER, KS_BODY_SMALL, W, "",
	  "update refused" },

	/* the register of foster families (lib/family_store.c decides per family) */
	{ KS_GET, "/api/families", ks_h_families_list, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_LIST), "as_of", NULL },
	{ KS_POST, "/api/families", ks_h_family_create, KS_USER, KS_BODY_SMALL,
	  KS_ACCESS(KR_ACCESS_CREATE), "", NULL },
	{ KS_GET, "/api/families/{id}", ks_h_family_get, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_LIST), "as_of", NULL },
	{ KS_PUT, "/api/families/{id}", ks_h_family_put, KS_USER, KS_BODY_SMALL,
	  KS_ACCESS(KR_ACCESS_LIST), "", NULL },

	/* family plans of siblings (lib/family_plan_store.c decides per plan) */
	{ KS_GET, "/api/family-plans", ks_h_family_plans_list, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_LIST), "", NULL },
	{ KS_GET, "/api/family-plans/{id}", ks_h_family_plan_get, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_LIST), "", NULL },
	{ KS_PUT, "/api/family-plans/{id}", ks_h_family_plan_put, KS_USER, KS_BODY_SMALL,
	  KS_ACCESS(KR_ACCESS_LIST), "", NULL },
	{ KS_GET, "/api/family-plans/{id}/history", ks_h_family_plan_history, KS_USER,
	  KS_BODY_NONE, KS_ACCESS(KR_ACCESS_LIST), "", NULL },
	{ KS_GET, "/api/cases/{ref}/family-plans", ks_h_case_family_plans, KS_USER, KS_BODY_NONE,
	  R, "", "family plans refused" },

	/* the share-link holder */
	{ KS_POST, "/api/share/session", ks_h_share_login, KS_LOGIN, KS_BODY_SMALL, N, "", NULL },
	{ KS_GET, "/api/share/session", ks_h_share_session, KS_SHARE, KS_BODY_NONE, N, "", NULL },
	{ KS_DELETE, "/api/share/session", ks_h_share_logout, KS_SHARE, KS_BODY_NONE, N, "",
	  NULL },
	{ KS_GET, "/api/share/plan", ks_h_share_plan, KS_SHARE, KS_BODY_NONE, N, "as_of", NULL },
	{ KS_POST, "/api/share/wishes", ks_h_share_wish, KS_SHARE, KS_BODY_SMALL, N, "", NULL },
	{ KS_POST, "/api/share/agreements/{id}/done", ks_h_share_done, KS_SHARE, KS_BODY_SMALL,
	  N, "", NULL },

	/* administration */
	{ KS_GET, "/api/users", ks_h_users_list, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_USERS), "", NULL },
	{ KS_POST, "/api/users", ks_h_users_create, KS_USER, KS_BODY_SMALL,
	  KS_ACCESS(KR_ACCESS_USERS), "", NULL },
	{ KS_PATCH, "/api/users/{name}", ks_h_users_patch, KS_USER, KS_BODY_SMALL,
	  KS_ACCESS(KR_ACCESS_USERS), "", NULL },
	{ KS_GET, "/api/audit", ks_h_audit_get, KS_USER, KS_BODY_NONE,
	  KS_ACCESS_EITHER(KR_ACCESS_CASE_AUDIT, KR_ACCESS_AUDIT), "ref format", "audit refused" },
	{ KS_GET, "/api/audit/verify", ks_h_audit_verify, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_AUDIT), "", NULL },
	{ KS_GET, "/api/stats", ks_h_stats, KS_USER, KS_BODY_NONE, KS_ACCESS(KR_ACCESS_FIGURES),
	  "as_of", NULL },
	{ KS_GET, "/api/report/{kind:monitor|startfoto}", ks_h_report, KS_USER, KS_BODY_NONE,
	  KS_ACCESS(KR_ACCESS_FIGURES), "as_of from to municipality region team format lang charts", NULL },
};

const size_t ks_nroutes = sizeof ks_routes / sizeof *ks_routes;

/* Does segment seg (length n) match pattern segment pat (up to '/' or end)?
 * Copies a placeholder's value into *arg. */
static bool seg_match(const char *pat, size_t plen, const char *seg, size_t n, char *arg,
                      bool *is_arg)
{
	*is_arg = false;
	if (plen >= 2 && pat[0] == '{' && pat[plen - 1] == '}') {
		const char *colon = memchr(pat, ':', plen);
		*is_arg = true;
		if (n == 0 || n >= 256)
			return false;
		if (colon) {
			const char *p = colon + 1, *end = pat + plen - 1;
			bool found = false;
			while (p < end) {
				const char *bar = memchr(p, '|', (size_t)(end - p));
				size_t wl = (size_t)((bar ? bar : end) - p);
				if (wl == n && memcmp(p, seg, n) == 0)
					found = true;
				p += wl + 1;
			}
			if (!found)
				return false;
		}
		memcpy(arg, seg, n);
		arg[n] = '\0';
		return true;
	}
	return plen == n && memcmp(pat, seg, n) == 0;
}

static bool path_match(const char *pattern, const char *path, char args[KS_MAX_ARGS][256])
{
	const char *p = pattern, *u = path;
	int k = 0;

	while (*p && *u) {
		const char *pe, *ue;
		bool is_arg;
		if (*p != '/' || *u != '/')
			return false;
		p++;
		u++;
		pe = strchr(p, '/');
		ue = strchr(u, '/');
		if (!pe)
			pe = p + strlen(p);
		if (!ue)
			ue = u + strlen(u);
		if (k >= KS_MAX_ARGS)
			return false;
		if (!seg_match(p, (size_t)(pe - p), u, (size_t)(ue - u), args[k], &is_arg))
			return false;
		if (is_arg)
			k++;
		p = pe;
		u = ue;
	}
	return *p == '\0' && *u == '\0';
}

const struct ks_route *ks_route_find(enum ks_method method, const char *path,
                                     char args[KS_MAX_ARGS][256], unsigned *allowed)
{
	char tmp[KS_MAX_ARGS][256];
	const struct ks_route *found = NULL;

	*allowed = 0;
	if (strlen(path) > 1024)
		return NULL;
	for (size_t i = 0; i < ks_nroutes; i++) {
		const struct ks_route *rt = &ks_routes[i];
		if (!path_match(rt->pattern, path, found || rt->method != method ? tmp : args))
			continue;
		*allowed |= (unsigned)rt->method;
		if (!found && rt->method == method)
			found = rt;
	}
	return found;
}
