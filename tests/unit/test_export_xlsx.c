/*
 * test_export_xlsx.c - the Community Scan workbook (lib/export_xlsx.c): a
 * store with three revisions of a case gives a valid zip ("PK") with an
 * overview sheet and one sheet per revision (read from the zip's central
 * directory by this test itself, and, when `unzip` is installed, the sheet
 * names and cell texts from inside); the same store gives the same bytes;
 * English; failures (unknown case, unwritable folder) leave no file behind
 * and an existing file untouched.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kring/export_xlsx.h"
#include "kring/store.h"

#define REF "T-XLSX-SAM"

static const char *V1 =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"" REF "\",\"child\":\"p1\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"]},"
	"{\"id\":\"p5\",\"name\":\"Marga\",\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"roles\":[\"sibling\"],\"world\":\"origin\"}],"
	"\"ties\":[{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"frequency\":\"daily\"}]}";

static const char *V2 =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"" REF "\",\"child\":\"p1\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"]},"
	"{\"id\":\"p5\",\"name\":\"Marga\",\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"roles\":[\"sibling\"],\"world\":\"origin\"},"
	"{\"id\":\"p6\",\"name\":\"Kees\",\"roles\":[\"coach\"],\"world\":\"shared\"}],"
	"\"ties\":[{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"frequency\":\"weekly\","
	"\"trust_figure\":true}]}";

static const char *V3 =
	"{\"format\":\"kring-case/1\",\"case\":{\"ref\":\"" REF "\",\"child\":\"p1\"},"
	"\"persons\":["
	"{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"]},"
	"{\"id\":\"p5\",\"name\":\"Marga\",\"roles\":[\"foster_parent\"],\"world\":\"foster\"},"
	"{\"id\":\"p4\",\"name\":\"Noor\",\"roles\":[\"sibling\"],\"world\":\"origin\"},"
	"{\"id\":\"p6\",\"name\":\"Kees\",\"roles\":[\"coach\"],\"world\":\"shared\"},"
	"{\"id\":\"p10\",\"name\":\"Juf Ria\",\"roles\":[\"teacher\"],\"world\":\"shared\"}],"
	"\"ties\":[{\"a\":\"p1\",\"b\":\"p5\",\"strength\":\"strong\",\"frequency\":\"daily\"},"
	"{\"a\":\"p1\",\"b\":\"p6\",\"strength\":\"strong\",\"frequency\":\"weekly\","
	"\"trust_figure\":true},"
	"{\"a\":\"p1\",\"b\":\"p10\",\"strength\":\"normal\",\"frequency\":\"daily\"}]}";

struct fixture {
	char dir[64];
	char db[128];
	struct kr_store *s;
};

static time_t at(const char *iso)
{
	return (time_t)tu_day(iso) * 86400 + 10 * 3600;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *docs[] = { V1, V2, V3 };
	const char *days[] = { "2024-06-01", "2025-01-10", "2025-06-01" };

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/kring-xlsx-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof f->db, "%s/k.db", f->dir);
	assert_int_equal(kr_store_open(f->db, &f->s, NULL), KR_OK);
	for (int i = 0; i < 3; i++) {
		struct kr_case *c = tu_case_from_text(docs[i]);
		long rev;
		kr_store_set_now(f->s, at(days[i]));
		assert_int_equal(kr_store_put(f->s, c, "test", 0, &rev, NULL), KR_OK);
		assert_int_equal(rev, i + 1);
		kr_case_free(c);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d = opendir(f->dir);
	struct dirent *e;

	kr_store_close(f->s);
	while (d && (e = readdir(d))) {
		char p[512];
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

static unsigned rd16(const unsigned char *p) { return p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
	return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 |
	       (unsigned long)p[3] << 24;
}

/* The member names of a zip file from its central directory, joined with
 * newlines (caller frees). */
static char *zip_names(const unsigned char *z, size_t n)
{
	size_t eocd = SIZE_MAX, off, count;
	char *names = calloc(1, 1);
	size_t len = 0;

	assert_true(n >= 22);
	for (size_t i = n - 22 + 1; i-- > 0;)
		if (rd32(z + i) == 0x06054b50UL) {
			eocd = i;
			break;
		}
	assert_true(eocd != SIZE_MAX);
	count = rd16(z + eocd + 10);
	off = rd32(z + eocd + 16);
	for (size_t k = 0; k < count; k++) {
		size_t nl, el, cl;
		assert_true(off + 46 <= n);
		assert_true(rd32(z + off) == 0x02014b50UL);
		nl = rd16(z + off + 28);
		el = rd16(z + off + 30);
		cl = rd16(z + off + 32);
		assert_true(off + 46 + nl <= n);
		names = realloc(names, len + nl + 2);
		assert_non_null(names);
		memcpy(names + len, z + off + 46, nl);
		len += nl;
		names[len++] = '\n';
		names[len] = '\0';
		off += 46 + nl + el + cl;
	}
	return names;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static bool have_unzip(void)
{
	return system("command -v unzip >/dev/null 2>&1") == 0;
}

/* One member's text through `unzip -p` (caller frees). */
static char *unzip_member(const char *zip, const char *member)
{
	char cmd[600], *out = NULL;
	size_t len = 0, cap = 0, got;
	FILE *p;

	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", zip, member);
	p = popen(cmd, "r");
	assert_non_null(p);
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 16384;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		got = fread(out + len, 1, 4096, p);
		len += got;
	} while (got > 0);
	out[len] = '\0';
	assert_int_equal(pclose(p), 0);
	return out;
}

/* Nothing but the database (and its WAL files) and `keep` in the folder. */
static void assert_no_leftovers(const struct fixture *f, const char *keep)
{
	DIR *d = opendir(f->dir);
	struct dirent *e;
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "k.db", 4) == 0)
			continue;
		if (keep && strcmp(e->d_name, keep) == 0)
			continue;
		fail_msg("left behind: %s", e->d_name);
	}
	closedir(d);
}

static void test_workbook(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct kr_error err;
	size_t n, n2;
	char *z, *z2, *names;

	snprintf(path, sizeof path, "%s/scan.xlsx", f->dir);
	kr_error_init(&err);
	if (kr_export_scan_xlsx(f->s, REF, path, KR_LANG_NL, &err) != KR_OK)
		fail_msg("export failed: %s", err.message);
	z = tu_read_file(path, &n);
	assert_true(n > 4 && memcmp(z, "PK\x03\x04", 4) == 0);
	names = zip_names((const unsigned char *)z, n);
	/* the overview and one sheet per revision, each with its chart */
	assert_int_equal(count(names, "xl/worksheets/sheet"), 4);
	assert_non_null(strstr(names, "xl/worksheets/sheet4.xml\n"));
	assert_int_equal(count(names, "xl/charts/chart"), 4);
	assert_non_null(strstr(names, "xl/workbook.xml\n"));
	free(names);
	assert_no_leftovers(f, "scan.xlsx");

	/* the same store gives the same bytes */
	assert_int_equal(kr_export_scan_xlsx(f->s, REF, path, KR_LANG_NL, &err), KR_OK);
	z2 = tu_read_file(path, &n2);
	assert_int_equal(n, n2);
	assert_memory_equal(z, z2, n);
	free(z2);
	free(z);

	if (have_unzip()) {
		char *wb = unzip_member(path, "xl/workbook.xml");
		char *strs = unzip_member(path, "xl/sharedStrings.xml");
		char *s1 = unzip_member(path, "xl/worksheets/sheet1.xml");
		const char *sheets[] = { "name=\"Overzicht\"", "name=\"Revisie 1 (2024-06-01)\"",
			"name=\"Revisie 2 (2025-01-10)\"", "name=\"Revisie 3 (2025-06-01)\"" };
		const char *p = wb;
		for (size_t i = 0; i < 4; i++) {   /* in this order */
			p = strstr(p, sheets[i]);
			if (!p)
				fail_msg("no sheet %s in order in\n%s", sheets[i], wb);
		}
		assert_int_equal(count(wb, "<sheet "), 4);
		assert_non_null(strstr(strs, ">Marga<"));
		assert_non_null(strstr(strs, ">Juf Ria<"));
		assert_non_null(strstr(strs, ">familie<"));
		assert_non_null(strstr(strs, ">Belang (0-3)<"));
		assert_non_null(strstr(strs, ">Waarde (0-10)<"));
		/* frozen header row and column on the overview */
		assert_non_null(strstr(s1, "state=\"frozen\""));
		/* household: Marga 12 points -> 4.0 in every revision */
		assert_non_null(strstr(s1, "<v>4</v>"));
		free(s1);
		free(strs);
		free(wb);
	} else {
		fprintf(stderr, "note: unzip not installed; sheet names not checked\n");
	}
	kr_error_cleanup(&err);
}

static void test_english(void **state)
{
	struct fixture *f = *state;
	char path[256];

	snprintf(path, sizeof path, "%s/scan-en.xlsx", f->dir);
	assert_int_equal(kr_export_scan_xlsx(f->s, REF, path, KR_LANG_EN, NULL), KR_OK);
	if (have_unzip()) {
		char *wb = unzip_member(path, "xl/workbook.xml");
		char *strs = unzip_member(path, "xl/sharedStrings.xml");
		assert_non_null(strstr(wb, "name=\"Overview\""));
		assert_non_null(strstr(wb, "name=\"Revision 3 (2025-06-01)\""));
		assert_non_null(strstr(strs, ">Importance (0-3)<"));
		assert_non_null(strstr(strs, ">family<"));
		free(strs);
		free(wb);
	}
	unlink(path);
}

static void test_failures(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct kr_error err;
	FILE *fp;
	char *old;

	kr_error_init(&err);
	/* an existing file stays as it was when the case does not exist */
	snprintf(path, sizeof path, "%s/keep.xlsx", f->dir);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("old", fp);
	fclose(fp);
	assert_int_equal(kr_export_scan_xlsx(f->s, "NO-SUCH-CASE", path, KR_LANG_NL, &err),
	                 KR_ENOTFOUND);
	old = tu_read_file(path, NULL);
	assert_string_equal(old, "old");
	free(old);
	assert_no_leftovers(f, "keep.xlsx");
	unlink(path);
	kr_error_cleanup(&err);

	/* a folder that does not exist */
	snprintf(path, sizeof path, "%s/missing/scan.xlsx", f->dir);
	assert_int_equal(kr_export_scan_xlsx(f->s, REF, path, KR_LANG_NL, &err), KR_EIO);
	assert_non_null(strstr(err.message, path));
	assert_no_leftovers(f, NULL);
	kr_error_cleanup(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_workbook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_english, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
