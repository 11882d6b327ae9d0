/*
 * audit_client.c - the client's own log (audit.h): what a child or parent
 * may see of the audit trail of their file, the right NEN 7513 and the
 * Wabvpz give them to know who looked at it.
 *
 * From the rows of one case it keeps the ones where someone did something
 * with the file and it was done: created, read, listed, changed, exported,
 * printed (result ok, or a row from before results were kept; object the
 * case).  Refused attempts, addresses, details and ids are internal and
 * left out.  Rows are grouped per person per day (Dutch time: CET, or CEST
 * from the last Sunday of March to the last Sunday of October, switching at
 * 01:00 UTC as in the whole EU), with the first and last time and a count
 * per kind of use, so a worker's visit of twenty requests reads as one
 * line.  The role is the one the row recorded, else the account's current
 * one; a share-link holder ("share:<person id>") is named by the case's
 * latest revision, as the family knows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kring/audit.h"
#include "kring/case.h"
#include "kring/date.h"
#include "kring/enum.h"
#include "audit_int.h"
#include "store_int.h"

#define SHARE_PREFIX "share:"

const char *kr_audit_how_word(enum kr_audit_how h, enum kr_lang lang)
{
	switch (h) {
	case KR_AUDIT_HOW_READ: return kr_tr(lang, "bekeken", "looked at");
	case KR_AUDIT_HOW_LIST: return kr_tr(lang, "gezien in een lijst van dossiers",
	                                     "seen in a list of files");
	case KR_AUDIT_HOW_CREATE: return kr_tr(lang, "aangemaakt", "created");
	case KR_AUDIT_HOW_CHANGE: return kr_tr(lang, "veranderd", "changed");
	case KR_AUDIT_HOW_EXPORT: return kr_tr(lang, "gedownload of geëxporteerd",
	                                       "downloaded or exported");
	case KR_AUDIT_HOW_PRINT: return kr_tr(lang, "geprint", "printed");
	case KR_AUDIT_HOW__N: break;
	}
	return "?";
}

/* An account's role in the words of the one table (enum.h); a share-link
 * holder is no account, so "share" has its words here. */
const char *kr_audit_role_word(const char *role, enum kr_lang lang)
{
	int v = kr_enum_value(KR_ENUM_ACCOUNT_ROLE, role);

	if (v)
		return kr_enum_label(KR_ENUM_ACCOUNT_ROLE, v, lang);
	if (role && strcmp(role, "share") == 0)
		return kr_tr(lang, "familie of netwerk, via een deellink",
		             "family or network, via a share link");
	return role ? role : "";
}

/* ---- Dutch time ------------------------------------------------------------ */

/* The UTC moment of 01:00 on the last Sunday of month m of year y. */
static long long last_sunday_1am(int y, int m)
{
	long d = kr_days_from_civil(y, m, 31);
	long wd = ((d % 7) + 11) % 7;   /* 0 = Sunday; day 0 (1970-01-01) was a Thursday */
	return (long long)(d - wd) * 86400 + 3600;
}

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; -1 when malformed. */
static long long parse_stamp(const char *s)
{
	int y, mo, d, h, mi, se;
	char z;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 ||
	    z != 'Z')
		return -1;
	return (long long)kr_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

/* t in Dutch time: the day as "YYYY-MM-DD", the time as "HH:MM". */
static void dutch_time(long long t, char day[11], char hm[6])
{
	struct kr_date dt = kr_date_from_days((long)(t / 86400));
	long long local = t + ((t >= last_sunday_1am(dt.y, 3) && t < last_sunday_1am(dt.y, 10))
	                       ? 7200 : 3600);
	long days = (long)(local / 86400);
	long sec = (long)(local % 86400);

	dt = kr_date_from_days(days);
	snprintf(day, 11, "%04d-%02d-%02d", dt.y, dt.m, dt.d);
	snprintf(hm, 6, "%02ld:%02ld", sec / 3600, sec % 3600 / 60);
}

/* ---- the visits ------------------------------------------------------------- */

struct collect {
	struct kr_audit_visit *v;
	size_t n, cap;
	size_t day_start;              /* first visit of the current day */
	struct kr_case *c;             /* for share-link holders' names, loaded once */
	bool tried_case;
};

static enum kr_audit_how how_of(const char *action, const char *event)
{
	switch (action ? action[0] : '?') {
	case 'C': return KR_AUDIT_HOW_CREATE;
	case 'U': case 'D': return KR_AUDIT_HOW_CHANGE;
	case 'E': return KR_AUDIT_HOW_EXPORT;
	case 'P': return KR_AUDIT_HOW_PRINT;
	}
	return event && strcmp(event, "case.list") == 0 ? KR_AUDIT_HOW_LIST : KR_AUDIT_HOW_READ;
}

/* The name of share-link holder "share:<id>" from the case, into buf. */
static void share_name(struct kr_store *s, const char *ref, struct collect *col,
                       const char *who, char *buf, size_t n)
{
	int i;

	buf[0] = '\0';
	if (!col->tried_case) {
		col->tried_case = true;
		if (kr_store_get(s, ref, 0, &col->c, NULL) != KR_OK)
			col->c = NULL;
	}
	if (col->c && (i = kr_case_person_index(col->c, who + strlen(SHARE_PREFIX))) >= 0)
		snprintf(buf, n, "%s", kr_case_person_name(col->c, i));
}

static int add_row(struct kr_store *s, const char *ref, struct collect *col, const char *at,
                   const char *who, const char *role, const char *action, const char *event)
{
	char day[11], hm[6], name[KR_AUDIT_WHO_MAX + 1];
	long long t = parse_stamp(at);
	struct kr_audit_visit *vis = NULL;
	bool share = who && strncmp(who, SHARE_PREFIX, strlen(SHARE_PREFIX)) == 0;

	if (t < 0 || !who)
		return 0;
	dutch_time(t, day, hm);
	if (share) {
		share_name(s, ref, col, who, name, sizeof name);
		role = "share";
	} else {
		snprintf(name, sizeof name, "%s", who);
	}
	if (col->n && strcmp(col->v[col->n - 1].day, day) != 0)
		col->day_start = col->n;
	for (size_t i = col->day_start; i < col->n; i++)
		if (strcmp(col->v[i].day, day) == 0 && strcmp(col->v[i].who, name) == 0) {
			vis = &col->v[i];
			break;
		}
	if (!vis) {
		if (col->n == col->cap) {
			size_t c = col->cap ? col->cap * 2 : 16;
			struct kr_audit_visit *g = realloc(col->v, c * sizeof *g);
			if (!g)
				return -1;
			col->v = g;
			col->cap = c;
		}
		vis = &col->v[col->n++];
		memset(vis, 0, sizeof *vis);
		snprintf(vis->day, sizeof vis->day, "%s", day);
		snprintf(vis->from, sizeof vis->from, "%s", hm);
		snprintf(vis->who, sizeof vis->who, "%s", name);
		snprintf(vis->role, sizeof vis->role, "%s", role ? role : "");
	}
	snprintf(vis->to, sizeof vis->to, "%s", hm);
	vis->count[how_of(action, event)]++;
	return 0;
}

enum kr_status kr_audit_client_visits(struct kr_store *s, const char *ref,
                                      struct kr_audit_visit **out, size_t *n,
                                      struct kr_error *err)
{
	struct collect col;
	sqlite3_stmt *st;
	enum kr_status rc = KR_OK;
	int step;

	*out = NULL;
	*n = 0;
	memset(&col, 0, sizeof col);
	st = kri_store_stmt(s, "SELECT a.at, a.who, coalesce(a.role, u.role), a.action, a.event "
	                    "FROM audit a LEFT JOIN users u ON u.name = a.who "
	                    "WHERE a.case_ref = ?1 AND a.action IN ('C','R','U','D','E','P') "
	                    "AND (a.result IS NULL OR a.result = 'ok') "
	                    "AND (a.object_type IS NULL OR a.object_type = 'case') ORDER BY a.id");
	if (!st)
		return kri_audit_read_failed(s, err);
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (add_row(s, ref, &col, (const char *)sqlite3_column_text(st, 0),
		            (const char *)sqlite3_column_text(st, 1),
		            (const char *)sqlite3_column_text(st, 2),
		            (const char *)sqlite3_column_text(st, 3),
		            (const char *)sqlite3_column_text(st, 4))) {
			rc = kr_error_say(err, KR_ENOMEM, "Geen geheugen meer.", "Out of memory.");
			goto out;
		}
	}
	if (step != SQLITE_DONE)
		rc = kri_audit_read_failed(s, err);
out:
	sqlite3_reset(st);
	kr_case_free(col.c);
	if (rc) {
		free(col.v);
		return rc;
	}
	*out = col.v;
	*n = col.n;
	return KR_OK;
}

/* ---- as text ------------------------------------------------------------------ */

static const char *weekday(long day, enum kr_lang lang)
{
	static const char *const nl[] = { "zondag", "maandag", "dinsdag", "woensdag", "donderdag",
	                                  "vrijdag", "zaterdag" };
	static const char *const en[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
	                                  "Friday", "Saturday" };
	long wd = ((day % 7) + 11) % 7;
	return lang == KR_LANG_EN ? en[wd] : nl[wd];
}

static const char *month_name(int m, enum kr_lang lang)
{
	static const char *const nl[] = { "januari", "februari", "maart", "april", "mei", "juni",
	                                  "juli", "augustus", "september", "oktober", "november",
	                                  "december" };
	static const char *const en[] = { "January", "February", "March", "April", "May", "June",
	                                  "July", "August", "September", "October", "November",
	                                  "December" };
	if (m < 1 || m > 12)
		return "?";
	return lang == KR_LANG_EN ? en[m - 1] : nl[m - 1];
}

static void visit_line(struct kr_buf *b, const struct kr_audit_visit *v, enum kr_lang lang)
{
	const char *role = kr_audit_role_word(v->role[0] ? v->role : NULL, lang);
	bool first = true;

	if (strcmp(v->from, v->to) == 0)
		kr_buf_printf(b, "  %s          ", v->from);
	else
		kr_buf_printf(b, "  %s - %s  ", v->from, v->to);
	if (v->who[0] && role[0])
		kr_buf_printf(b, "%s (%s): ", v->who, role);
	else if (v->who[0])
		kr_buf_printf(b, "%s: ", v->who);
	else
		kr_buf_printf(b, "%s: ", kr_tr(lang, "iemand via een deellink",
		                               "someone with a share link"));
	for (int h = 0; h < KR_AUDIT_HOW__N; h++) {
		if (!v->count[h])
			continue;
		kr_buf_printf(b, "%s%s ", first ? "" : ", ",
		              kr_audit_how_word((enum kr_audit_how)h, lang));
		if (v->count[h] == 1)
			kr_buf_puts(b, kr_tr(lang, "(1 keer)", "(once)"));
		else
			kr_buf_printf(b, kr_tr(lang, "(%u keer)", "(%u times)"), v->count[h]);
		first = false;
	}
	kr_buf_puts(b, "\n");
}

enum kr_status kr_audit_client_text(struct kr_store *s, const char *ref, enum kr_lang lang,
                                    struct kr_buf *out, struct kr_error *err)
{
	struct kr_audit_visit *v = NULL;
	size_t n = 0;
	enum kr_status rc;

	if ((rc = kr_audit_client_visits(s, ref, &v, &n, err)))
		return rc;
	kr_buf_printf(out, kr_tr(lang, "Wie heeft dossier %s bekeken of veranderd?\n\n",
	                         "Who looked at or changed file %s?\n\n"), ref);
	kr_buf_puts(out, kr_tr(lang,
	            "Dit overzicht laat zien wie met je dossier heeft gewerkt, op welke dag\n"
	            "en hoe. Tijden zijn in Nederlandse tijd.\n",
	            "This overview shows who worked with your file, on which day and how.\n"
	            "Times are Dutch time (CET/CEST).\n"));
	if (!n)
		kr_buf_puts(out, kr_tr(lang, "\nNiemand heeft dit dossier bekeken of veranderd.\n",
		                       "\nNobody has looked at or changed this file.\n"));
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i].day, v[i - 1].day) != 0) {
			struct kr_date d;
			if (kr_date_parse_full(v[i].day, &d)) {
				kr_buf_printf(out, "\n%s %d %s %d\n", weekday(kr_date_first(d), lang),
				              d.d, month_name(d.m, lang), d.y);
			}
		}
		visit_line(out, &v[i], lang);
	}
	kr_buf_puts(out, kr_tr(lang,
	            "\nHeb je een vraag over dit overzicht, of denk je dat iemand je dossier\n"
	            "niet had mogen zien? Vraag het je begeleider of de privacyfunctionaris\n"
	            "van de organisatie.\n",
	            "\nDo you have a question about this overview, or do you think someone\n"
	            "should not have seen your file? Ask your worker or the organisation's\n"
	            "data protection officer.\n"));
	free(v);
	if (out->failed)
		return kr_error_say(err, out->why, "Het overzicht past niet in het geheugen.",
		                    "The overview does not fit in memory.");
	return KR_OK;
}
