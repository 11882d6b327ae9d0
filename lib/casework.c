/*
 * casework.c - the case-work rules of casework.h that look past one
 * document: the next free case ref, and a case that exists already for the
 * same child.  The store finds the candidates (store.c); the access
 * decision (access.c) keeps out what the user may not see.
 */
#include <stdio.h>
#include <string.h>

#include "kring/access.h"
#include "kring/assignment.h"
#include "kring/casework.h"

enum kr_status kr_casework_next_ref(struct kr_store *s, int year, char out[32],
                                    struct kr_error *err)
{
	return kr_store_next_ref(s, KR_CASEWORK_REF_PREFIX, year, out, 32, err);
}

enum kr_status kr_casework_duplicate(struct kr_store *s, const struct kr_user *u,
                                     const struct kr_case *c, char out[128],
                                     struct kr_error *err)
{
	char **refs = NULL;
	size_t n = 0;
	enum kr_status rc;

	out[0] = '\0';
	if (!c || c->child < 0 || !c->persons[c->child].name)
		return KR_OK;
	if ((rc = kr_store_find_child(s, c->persons[c->child].name, c->persons[c->child].born,
	                              &refs, &n, err)))
		return rc;
	for (size_t i = 0; i < n && !out[0]; i++)
		if ((!c->ref || strcmp(refs[i], c->ref) != 0) &&
		    kr_access_decide(s, u, refs[i], KR_ACCESS_READ, NULL) == KR_ACCESS_ALLOWED)
			snprintf(out, 128, "%s", refs[i]);
	kr_assignment_list_free(refs, n);
	return KR_OK;
}
