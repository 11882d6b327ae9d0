/*
 * fuzz_case.c - libFuzzer harness for the import path: the bytes are a
 * case document, as in `kring import`, `PUT /api/cases/{ref}` and
 * `POST /api/cases`, read and validated by kr_case_read().
 *
 * Besides what ASan and UBSan catch, it checks three promises: a refusal
 * always says why (a message); it says it in Dutch and in English alike (the
 * same status, as many details, at the same paths); and a document that is
 * accepted, dumped as the store dumps it and read again is accepted again
 * and dumps to the same bytes.  Build and run: `make fuzz-smoke` / `make fuzz-long`
 * (tests/fuzz/README.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The length of the document path that opens detail d ("ties[3].b" in
 * "ties[3].b: ..."), 0 when it opens with words ("line 3, column 1: ..."). */
static size_t path_len(const char *d)
{
	const char *colon = strstr(d, ": ");
	size_t n = colon ? (size_t)(colon - d) : 0;
	return memchr(d, ' ', n) ? 0 : n;
}

/* Aborts unless nl and en (the same refusal in Dutch and in English) agree
 * on the status, the number of details and their paths. */
static void same_refusal(const struct kr_error *nl, const struct kr_error *en)
{
	if (nl->code != en->code || nl->ndetails != en->ndetails ||
	    nl->ndropped != en->ndropped || !en->message[0]) {
		fprintf(stderr, "Dutch and English differ: %d/%d, %zu/%zu details\n", (int)nl->code,
		        (int)en->code, nl->ndetails, en->ndetails);
		abort();
	}
	for (size_t i = 0; i < nl->ndetails; i++) {
		size_t n = path_len(en->details[i]);
		if (path_len(nl->details[i]) != n || memcmp(nl->details[i], en->details[i], n)) {
			fprintf(stderr, "other paths: %s / %s\n", nl->details[i], en->details[i]);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kr_error err, en;
	struct kr_case *c = NULL, *again = NULL;
	enum kr_status rc;
	char *dump = NULL, *dump2 = NULL;

	kr_error_init_lang(&err, KR_LANG_NL);
	kr_error_init_lang(&en, KR_LANG_EN);
	rc = kr_case_read((const char *)data, size, &c, &err);
	if (rc != KR_OK) {
		if (c || !err.message[0] || err.code != rc) {
			fprintf(stderr, "refused (%d) without a message or with a case\n", (int)rc);
			abort();
		}
		if (kr_case_read((const char *)data, size, &again, &en) != rc)
			abort();
		same_refusal(&err, &en);
		goto out;
	}
	dump = kr_case_dump(c, false);
	if (!dump)
		abort();
	if (kr_case_read(dump, strlen(dump), &again, NULL) != KR_OK) {
		fprintf(stderr, "accepted, dumped, and then refused: %s\n", dump);
		abort();
	}
	dump2 = kr_case_dump(again, false);
	if (!dump2 || strcmp(dump, dump2) != 0)
		abort();
out:
	free(dump);
	free(dump2);
	kr_case_free(again);
	kr_case_free(c);
	kr_error_cleanup(&err);
	kr_error_cleanup(&en);
	return 0;
}
