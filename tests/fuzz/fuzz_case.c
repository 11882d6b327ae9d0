/*
 * fuzz_case.c - libFuzzer harness for the import path: the bytes are a
 * case document, as in `kring import`, `PUT /api/cases/{ref}` and
 * `POST /api/cases`, read and validated by kr_case_read().
 *
 * Besides what ASan and UBSan catch, it checks two promises: a refusal
 * always says why (a message), and a document that is accepted, dumped as
 * the store dumps it and read again is accepted again and dumps to the same
 * bytes.  Build and run: `make fuzz-smoke` / `make fuzz-long`
 * (tests/fuzz/README.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kr_error err;
	struct kr_case *c = NULL, *again = NULL;
	enum kr_status rc;
	char *dump = NULL, *dump2 = NULL;

	kr_error_init(&err);
	rc = kr_case_read((const char *)data, size, &c, &err);
	if (rc != KR_OK) {
		if (c || !err.message[0] || err.code != rc) {
			fprintf(stderr, "refused (%d) without a message or with a case\n", (int)rc);
			abort();
		}
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
	return 0;
}
