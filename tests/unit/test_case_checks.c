/* test_case_checks.c - the reader's checks of who may take which part in
 * a case (issue 13): the parents' support person is neutral (not a parent,
 * not a foster parent, not the foster family's worker), and the coordinator
 * of any meeting run as a process (Eigen Kracht-conferentie, Familie
 * Netwerk Beraad) is independent of the professionals and of the families.
 * Each refusal names the path; the accepted variants are stored. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>
#include <jansson.h>

#include "kring/case.h"
#include "kring/error.h"
#include "testutil.h"

/* Reads doc; returns the status and leaves the first problem (English) in
 * out (empty when accepted). */
static int read_doc(json_t *doc, char *out, size_t n)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	struct kr_case *c = NULL;
	struct kr_error err;
	int rc;

	kr_error_init_lang(&err, KR_LANG_EN);
	rc = kr_case_read(text, strlen(text), &c, &err);
	snprintf(out, n, "%s", rc == KR_OK ? "" : err.ndetails ? err.details[0] : err.message);
	kr_error_cleanup(&err);
	kr_case_free(c);
	free(text);
	return rc;
}

static json_t *example(void)
{
	json_error_t je;
	json_t *d = json_load_file("examples/PZ-2026-0109.json", 0, &je);
	assert_non_null(d);
	return d;
}

static void support(json_t *d, const char *who)
{
	json_object_set_new(d, "support", json_pack("{s:{s:s}}", "parents", "person", who));
}

static void parents_support_is_neutral(void **state)
{
	json_t *d = example();
	char msg[512];
	(void)state;
	/* the grandmother: a person of the family's own network, accepted */
	support(d, "p5");
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_OK);
	/* the foster family's worker (Met twee families leven) */
	support(d, "p11");
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_EINVAL);
	assert_non_null(strstr(msg, "support.parents.person: \"p11\" is the foster family's worker"));
	/* a parent supports nobody's parents but is supported */
	support(d, "p2");
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_EINVAL);
	assert_non_null(strstr(msg, "support.parents.person: \"p2\" is a parent"));
	/* a foster parent, also one not (or no longer) among the carers */
	support(d, "p8");
	json_t *pl = json_array_get(json_object_get(d, "placements"), 0);
	json_t *carers = json_object_get(pl, "carers");
	size_t i;
	json_t *v;
	json_array_foreach(carers, i, v)
		if (!strcmp(json_string_value(v), "p8")) {
			json_array_remove(carers, i);
			break;
		}
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_EINVAL);
	assert_non_null(strstr(msg, "support.parents.person: \"p8\" is a foster parent"));
	json_decref(d);
}

static void coordinator_independent_in_any_process(void **state)
{
	json_t *d = example();
	json_t *m = json_array_get(json_object_get(d, "meetings"), 0);
	char msg[512];
	(void)state;
	/* a round table without a process: the worker may lead it */
	json_object_set_new(m, "coordinator", json_string("p11"));
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_OK);
	/* run as a Familie Netwerk Beraad (a process): not the worker */
	json_object_set_new(m, "process", json_pack("{s:s}", "coordinator", "2026-10-01"));
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_EINVAL);
	assert_non_null(strstr(msg, ".coordinator: \"p11\" is a professional involved in this case"));
	/* nor a foster parent or a parent */
	json_object_set_new(m, "coordinator", json_string("p7"));
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_EINVAL);
	assert_non_null(strstr(msg, "\"p7\" belongs to one of the families"));
	json_object_set_new(m, "coordinator", json_string("p3"));
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_EINVAL);
	/* someone from outside: the friend's coach, say */
	json_object_set_new(m, "coordinator", json_string("p10"));
	assert_int_equal(read_doc(d, msg, sizeof msg), KR_OK);
	json_decref(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parents_support_is_neutral),
		cmocka_unit_test(coordinator_independent_in_any_process),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
