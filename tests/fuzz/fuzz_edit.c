/*
 * fuzz_edit.c - libFuzzer harness for the sub-resource writes of the HTTP
 * API: one kr_case_edit() on a fixed, valid case document.
 *
 * Input format (so that seeds and crash files can be read and written by
 * hand): a first line "OP COLLECTION [ID [DOC]]" and then the body.
 *   OP          A add, R replace, M merge, D remove (any other byte: its
 *               value modulo 4)
 *   COLLECTION  passed as it is (unknown names are part of the game)
 *   ID          passed as it is; "-" or absent means NULL
 *   DOC         a digit choosing the base document (modulo how many)
 * The base documents are the examples and tests/data/valid, as the store
 * keeps them (compact), loaded once from the source tree.
 *
 * Promises checked beyond ASan/UBSan: the input document is never changed;
 * a refusal leaves *out and *new_id NULL and says why, in Dutch and in
 * English alike (the same status and as many details); an accepted edit
 * gives a document that kr_case_read() accepts and that dumps to the same
 * bytes (what the store would write), and an ADD names the new item.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/case.h"
#include "kring/case_edit.h"

#ifndef KRING_FUZZ_ROOT
#define KRING_FUZZ_ROOT "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const doc_files[] = {
	"examples/PZ-2026-0103.json", "examples/PZ-2026-0101.json",
	"examples/PZ-2026-0102.json", "examples/PZ-2026-0104.json",
	"examples/PZ-2026-0105.json", "examples/PZ-2026-0106.json",
	"tests/data/valid/minimal.json", "tests/data/valid/full.json",
	"tests/data/valid/partial-dates.json", "tests/data/valid/review.json",
};
#define NFILES (sizeof doc_files / sizeof doc_files[0])

static char *docs[NFILES];
static size_t ndocs;

/* Reads path below the source root (KRING_FUZZ_ROOT, or $KRING_SRC) and
 * returns it as the store keeps it, or NULL. */
static char *load(const char *root, const char *path)
{
	char full[4096];
	FILE *f;
	char *text = NULL, *out = NULL;
	long n;
	struct kr_case *c = NULL;

	snprintf(full, sizeof full, "%s/%s", root, path);
	if (!(f = fopen(full, "rb")))
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)n)) && fread(text, 1, (size_t)n, f) == (size_t)n &&
	    kr_case_read(text, (size_t)n, &c, NULL) == KR_OK)
		out = kr_case_dump(c, false);
	kr_case_free(c);
	free(text);
	fclose(f);
	return out;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *root = getenv("KRING_SRC") ? getenv("KRING_SRC") : KRING_FUZZ_ROOT;
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < NFILES; i++) {
		char *d = load(root, doc_files[i]);
		if (d)
			docs[ndocs++] = d;
	}
	if (!ndocs) {
		fprintf(stderr, "fuzz_edit: no base documents under %s (set KRING_SRC to the "
		        "source tree)\n", root);
		exit(2);
	}
	return 0;
}

/* The next space-separated token of the header [*p, end) as a C string in
 * buf (truncated), or NULL when there is none. */
static const char *token(const char **p, const char *end, char *buf, size_t cap)
{
	size_t n = 0;

	while (*p < end && **p == ' ')
		(*p)++;
	if (*p >= end)
		return NULL;
	while (*p < end && **p != ' ') {
		if (n + 1 < cap)
			buf[n++] = **p;
		(*p)++;
	}
	buf[n] = '\0';
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size), *p, *end;
	char opbuf[8], coll[80], idbuf[80], docbuf[8], *out = (char *)1, *new_id = (char *)1;
	const char *id, *doc;
	struct kr_edit e;
	struct kr_error err, en;
	size_t out_len = 1, doc_len;
	enum kr_status rc;
	char *copy;

	if (!size)
		return 0;
	end = nl ? nl : in + size;
	p = in;
	if (!token(&p, end, opbuf, sizeof opbuf))
		return 0;
	switch (opbuf[0]) {
	case 'A': e.op = KR_EDIT_ADD; break;
	case 'R': e.op = KR_EDIT_REPLACE; break;
	case 'M': e.op = KR_EDIT_MERGE; break;
	case 'D': e.op = KR_EDIT_REMOVE; break;
	default: e.op = (enum kr_edit_op)((unsigned char)opbuf[0] % 4); break;
	}
	e.collection = token(&p, end, coll, sizeof coll);
	id = token(&p, end, idbuf, sizeof idbuf);
	e.id = id && strcmp(id, "-") != 0 ? id : NULL;
	doc = docs[token(&p, end, docbuf, sizeof docbuf) ?
	           (size_t)(unsigned char)docbuf[0] % ndocs : 0];
	e.body = nl ? nl + 1 : in + size;
	e.body_len = nl ? size - (size_t)(nl + 1 - in) : 0;

	doc_len = strlen(doc);
	copy = malloc(doc_len + 1);
	if (!copy)
		return 0;
	memcpy(copy, doc, doc_len + 1);
	kr_error_init_lang(&err, KR_LANG_NL);
	rc = kr_case_edit(doc, doc_len, &e, &out, &out_len, &new_id, &err);
	if (memcmp(copy, doc, doc_len + 1) != 0) {
		fprintf(stderr, "the input document was changed\n");
		abort();
	}
	if (rc != KR_OK) {
		if (out || new_id || out_len || !err.message[0] || err.code != rc) {
			fprintf(stderr, "refused (%d) but out/new_id set or no message\n", (int)rc);
			abort();
		}
		kr_error_init_lang(&en, KR_LANG_EN);
		if (kr_case_edit(doc, doc_len, &e, &out, &out_len, NULL, &en) != rc ||
		    en.code != rc || !en.message[0] || en.ndetails != err.ndetails ||
		    en.ndropped != err.ndropped) {
			fprintf(stderr, "refused (%d) in Dutch, not alike in English (%d)\n", (int)rc,
			        (int)en.code);
			abort();
		}
		kr_error_cleanup(&en);
	} else {
		struct kr_case *c = NULL;
		char *again;
		if (!out || strlen(out) != out_len || (e.op == KR_EDIT_ADD && !new_id) ||
		    (e.op != KR_EDIT_ADD && new_id)) {
			fprintf(stderr, "accepted, but the results are not what was promised\n");
			abort();
		}
		if (kr_case_read(out, out_len, &c, NULL) != KR_OK) {
			fprintf(stderr, "accepted an edit whose result the validator refuses:\n%s\n",
			        out);
			abort();
		}
		again = kr_case_dump(c, false);
		if (!again || strcmp(again, out) != 0) {
			fprintf(stderr, "the result is not what the store would write\n");
			abort();
		}
		free(again);
		kr_case_free(c);
	}
	free(out);
	free(new_id);
	free(copy);
	kr_error_cleanup(&err);
	return 0;
}
