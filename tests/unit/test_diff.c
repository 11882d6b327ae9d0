/*
 * test_diff.c - kr_diff_cases() and the history (lib/diff.c): for every
 * collection of a case (the header, persons, kinship, ties, placements,
 * events, meetings, the plan, its safety map, wishes, goals, agreements)
 * a change made with kr_case_edit() is said in Dutch and in English and
 * given as data (collection, item, field, old, new); equal documents give
 * nothing; a new case says it was created; the JSON form; and the history
 * of a stored case names a share-link holder by name.
 */
#include <jansson.h>

#include "testutil.h"
#include "tu_db.h"
#include "kring/case_edit.h"
#include "kring/diff.h"
#include "kring/init.h"
#include "kring/store.h"

#define BASE "{\"format\":\"kring-case/1\"," \
	"\"case\":{\"ref\":\"T-DIFF\",\"child\":\"p1\",\"notes\":\"rustig\"}," \
	"\"persons\":[{\"id\":\"p1\",\"name\":\"Sam\",\"roles\":[\"child\"],\"born\":\"2014-05-02\"}," \
	"{\"id\":\"p2\",\"name\":\"Ilse\",\"roles\":[\"parent\"],\"born\":\"1990\",\"world\":\"origin\"}," \
	"{\"id\":\"p3\",\"name\":\"Marga\",\"roles\":[\"foster_parent\"],\"world\":\"foster\"}," \
	"{\"id\":\"p4\",\"name\":\"Anouk\",\"roles\":[\"foster_care_worker\"],\"world\":\"professional\"}]," \
	"\"kinship\":[{\"type\":\"parent\",\"parent\":\"p2\",\"child\":\"p1\"}]," \
	"\"ties\":[{\"a\":\"p1\",\"b\":\"p2\",\"strength\":\"strong\",\"quality\":\"positive\"}," \
	"{\"a\":\"p2\",\"b\":\"p3\",\"quality\":\"positive\"}]," \
	"\"placements\":[{\"id\":\"pl1\",\"form\":\"foster_fulltime\",\"carers\":[\"p3\"]," \
	"\"start\":\"2025-01-15\"}]," \
	"\"events\":[{\"date\":\"2025-01-15\",\"type\":\"placement_start\",\"placement\":\"pl1\"}]," \
	"\"meetings\":[{\"id\":\"m1\",\"date\":\"2025-03-01\",\"type\":\"round_table\"," \
	"\"invited\":[\"p1\",\"p2\",\"p3\"]}]," \
	"\"plan\":{\"version\":1,\"safety\":\"Marga let op\",\"concerns\":[\"slapen\"]," \
	"\"safety_map\":{\"worries\":[\"ruzie\"]}," \
	"\"wishes\":[{\"id\":\"w1\",\"by\":\"p1\",\"text\":\"voetbal\"}]," \
	"\"goals\":[{\"id\":\"g1\",\"text\":\"rust\"}]," \
	"\"agreements\":[{\"id\":\"a1\",\"who\":[\"p2\"],\"what\":\"bellen\"}]}}"

static time_t fixed_clock(void *arg)
{
	(void)arg;
	return (time_t)1796083200;   /* 2026-12-01T00:00:00Z */
}

static int setup(void **state)
{
	struct kr_config cfg;
	(void)state;
	kr_config_defaults(&cfg);
	cfg.clock = fixed_clock;
	assert_int_equal(kr_init(&cfg, NULL), KR_OK);
	return 0;
}

/* doc after one edit (which must succeed); caller frees. */
static char *edited(const char *doc, enum kr_edit_op op, const char *coll, const char *id,
                    const char *body)
{
	struct kr_edit e = { op, coll, id, body, body ? strlen(body) : 0 };
	struct kr_error err;
	char *out = NULL;
	size_t len = 0;

	kr_error_init_lang(&err, KR_LANG_EN);
	if (kr_case_edit(doc, strlen(doc), &e, &out, &len, NULL, &err) != KR_OK) {
		fprintf(stderr, "edit: %s\n", err.message);
		for (size_t i = 0; i < err.ndetails; i++)
			fprintf(stderr, "  %s\n", err.details[i]);
		fail_msg("edit refused");
	}
	kr_error_cleanup(&err);
	return out;
}

/* The changes from doc a to doc b. */
static void diff_docs(const char *a, const char *b, struct kr_diff *d)
{
	struct kr_case *ca = a ? tu_case_from_text(a) : NULL, *cb = tu_case_from_text(b);
	assert_int_equal(kr_diff_cases(ca, cb, d, NULL), KR_OK);
	kr_case_free(ca);
	kr_case_free(cb);
}

static void dump(const struct kr_diff *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  [%zu] %s | %s\n", i, d->v[i].text[0], d->v[i].text[1]);
}

/* One edit of BASE gives exactly one change, said as nl and en, in
 * collection coll about item (NULL for none) with operation op. */
static struct kr_diff one(enum kr_edit_op eop, const char *coll, const char *id,
                          const char *body, enum kr_change_op op, const char *dcoll,
                          const char *item, const char *nl, const char *en)
{
	char *after = edited(BASE, eop, coll, id, body);
	struct kr_diff d;

	diff_docs(BASE, after, &d);
	free(after);
	if (d.n != 1 || strcmp(d.v[0].text[0], nl) != 0 || strcmp(d.v[0].text[1], en) != 0) {
		dump(&d);
		fail_msg("want \"%s\" / \"%s\"", nl, en);
	}
	assert_int_equal(d.v[0].op, op);
	assert_string_equal(d.v[0].collection, dcoll);
	if (item)
		assert_string_equal(d.v[0].item, item);
	else
		assert_null(d.v[0].item);
	return d;
}

/* Field k of change 0 is name, old -> new (JSON texts, "" for absent). */
static void field_is(const struct kr_diff *d, size_t k, const char *name, const char *old,
                     const char *new_)
{
	const struct kr_field_change *f;
	char *o, *n;

	assert_true(k < d->v[0].nfields);
	f = &d->v[0].fields[k];
	assert_string_equal(f->field, name);
	o = f->old_value ? json_dumps(f->old_value, JSON_ENCODE_ANY | JSON_COMPACT) : strdup("");
	n = f->new_value ? json_dumps(f->new_value, JSON_ENCODE_ANY | JSON_COMPACT) : strdup("");
	assert_string_equal(o, old);
	assert_string_equal(n, new_);
	free(o);
	free(n);
}

static void persons(void **state)
{
	struct kr_diff d;
	(void)state;

	d = one(KR_EDIT_ADD, "persons", NULL, "{\"name\":\"Oma Truus\",\"roles\":[\"grandparent\"]}",
	        KR_CHANGE_ADDED, "persons", "p5", "Oma Truus toegevoegd", "Oma Truus added");
	assert_string_equal(json_string_value(json_object_get(d.v[0].new_value, "name")),
	                    "Oma Truus");
	assert_int_equal(d.v[0].nfields, 0);
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "persons", "p2", "{\"born\":\"1991-02\",\"sex\":\"f\"}",
	        KR_CHANGE_CHANGED, "persons", "p2",
	        "Ilse: geboren 1990 \xE2\x86\x92 februari 1991, geslacht vrouw of meisje",
	        "Ilse: born 1990 \xE2\x86\x92 February 1991, sex female");
	field_is(&d, 0, "born", "\"1990\"", "\"1991-02\"");
	field_is(&d, 1, "sex", "", "\"f\"");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "persons", "p3", "{\"roles\":[\"foster_parent\",\"aunt_uncle\"]}",
	        KR_CHANGE_CHANGED, "persons", "p3", "Marga: rol: oom of tante erbij",
	        "Marga: role: added aunt or uncle");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_REMOVE, "persons", "p4", NULL, KR_CHANGE_REMOVED, "persons", "p4",
	        "Anouk verwijderd", "Anouk removed");
	assert_string_equal(json_string_value(json_object_get(d.v[0].old_value, "id")), "p4");
	kr_diff_cleanup(&d);
}

static void ties_and_kinship(void **state)
{
	struct kr_diff d;
	(void)state;

	d = one(KR_EDIT_MERGE, "ties", "1", "{\"quality\":\"conflict\"}", KR_CHANGE_CHANGED,
	        "ties", "1", "band tussen Ilse en Marga: goed \xE2\x86\x92 conflict",
	        "tie between Ilse and Marga: positive \xE2\x86\x92 conflict");
	field_is(&d, 0, "quality", "\"positive\"", "\"conflict\"");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "ties", "0", "{\"trust_figure\":true,\"support\":[\"emotional\"]}",
	        KR_CHANGE_CHANGED, "ties", "0",
	        "band tussen Sam en Ilse: vertrouwensfiguur ja, steun: luisteren en troosten erbij",
	        "tie between Sam and Ilse: trust figure yes, support: added listening and comfort");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_ADD, "ties", NULL, "{\"a\":\"p3\",\"b\":\"p1\",\"strength\":\"weak\"}",
	        KR_CHANGE_ADDED, "ties", "2", "band tussen Marga en Sam toegevoegd",
	        "tie between Marga and Sam added");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_REMOVE, "ties", "0", NULL, KR_CHANGE_REMOVED, "ties", "0",
	        "band tussen Sam en Ilse verwijderd", "tie between Sam and Ilse removed");
	kr_diff_cleanup(&d);
	/* removing the first tie moves the second to index 0: still the same tie */
	{
		char *a = edited(BASE, KR_EDIT_REMOVE, "ties", "0", NULL);
		char *b = edited(a, KR_EDIT_MERGE, "ties", "0", "{\"quality\":\"broken\"}");
		diff_docs(a, b, &d);
		assert_int_equal(d.n, 1);
		assert_string_equal(d.v[0].text[1], "tie between Ilse and Marga: positive "
		                    "\xE2\x86\x92 broken");
		kr_diff_cleanup(&d);
		free(a);
		free(b);
	}
	d = one(KR_EDIT_MERGE, "kinship", "0", "{\"kind\":\"adoptive\"}", KR_CHANGE_CHANGED,
	        "kinship", "0", "Ilse ouder van Sam: soort ouder adoptief",
	        "Ilse parent of Sam: kind of parent adoptive");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_ADD, "kinship", NULL, "{\"type\":\"partners\",\"a\":\"p2\",\"b\":\"p3\","
	        "\"status\":\"separated\"}", KR_CHANGE_ADDED, "kinship", "1",
	        "partners Ilse en Marga toegevoegd", "partners Ilse and Marga added");
	kr_diff_cleanup(&d);
}

static void placements_events_meetings(void **state)
{
	struct kr_diff d;
	(void)state;

	d = one(KR_EDIT_MERGE, "placements", "pl1", "{\"end\":\"2026-09-14\","
	        "\"end_reason\":\"breakdown\"}", KR_CHANGE_CHANGED, "placements", "pl1",
	        "plaatsing pl1: einde 14 september 2026, reden breakdown",
	        "placement pl1: end 14 September 2026, reason breakdown");
	field_is(&d, 0, "end", "", "\"2026-09-14\"");
	field_is(&d, 1, "end_reason", "", "\"breakdown\"");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "placements", "pl1", "{\"network_search\":{\"date\":\"2024-12\","
	        "\"outcome\":\"none_available\"}}", KR_CHANGE_CHANGED, "placements", "pl1",
	        "plaatsing pl1: netwerkonderzoek december 2024, uitkomst netwerkonderzoek niemand "
	        "beschikbaar", "placement pl1: network search December 2024, network search "
	        "outcome nobody available");
	field_is(&d, 1, "network_search.outcome", "", "\"none_available\"");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_ADD, "placements", NULL, "{\"form\":\"crisis\",\"start\":\"2024-06-01\","
	        "\"end\":\"2025-01-14\"}", KR_CHANGE_ADDED, "placements", "pl2",
	        "plaatsing pl2 toegevoegd (crisisopvang, vanaf 1 juni 2024)",
	        "placement pl2 added (crisis care, from 1 June 2024)");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_ADD, "events", NULL, "{\"date\":\"2024-03\",\"type\":\"move\","
	        "\"text\":\"naar Zwolle\"}", KR_CHANGE_ADDED, "events", "1",
	        "gebeurtenis verhuizing (maart 2024) toegevoegd: \xE2\x80\x98naar Zwolle\xE2\x80\x99",
	        "event move (March 2024) added: \xE2\x80\x98naar Zwolle\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "events", "0", "{\"text\":\"bij Marga\"}", KR_CHANGE_CHANGED,
	        "events", "0", "gebeurtenis start plaatsing (15 januari 2025): tekst "
	        "\xE2\x80\x98" "bij Marga\xE2\x80\x99", "event placement start (15 January 2025): "
	        "text \xE2\x80\x98" "bij Marga\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "meetings", "m1", "{\"attended\":[\"p1\",\"p2\"],\"time\":\"19:30\","
	        "\"place\":\"buurthuis\"}", KR_CHANGE_CHANGED, "meetings", "m1",
	        "bijeenkomst m1: aanwezig: Sam en Ilse erbij, tijd 19:30, plaats "
	        "\xE2\x80\x98" "buurthuis\xE2\x80\x99",
	        "meeting m1: attended: added Sam and Ilse, time 19:30, place "
	        "\xE2\x80\x98" "buurthuis\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "meetings", "m1", "{\"invited\":[\"p1\",\"p3\"]}",
	        KR_CHANGE_CHANGED, "meetings", "m1", "bijeenkomst m1: uitgenodigd: Ilse eraf",
	        "meeting m1: invited: removed Ilse");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_ADD, "meetings", NULL, "{\"date\":\"2026-12-12\",\"type\":\"round_table\"}",
	        KR_CHANGE_ADDED, "meetings", "m2", "bijeenkomst m2 toegevoegd (12 december 2026)",
	        "meeting m2 added (12 December 2026)");
	kr_diff_cleanup(&d);
}

static void header_and_plan(void **state)
{
	struct kr_diff d;
	(void)state;

	d = one(KR_EDIT_MERGE, "case", NULL, "{\"notes\":\"druk\",\"perspective_decision\":"
	        "{\"date\":\"2026-02-10\"}}", KR_CHANGE_CHANGED, "case", NULL,
	        "dossiergegevens: notities \xE2\x80\x98rustig\xE2\x80\x99 \xE2\x86\x92 "
	        "\xE2\x80\x98" "druk\xE2\x80\x99, perspectiefbesluit 10 februari 2026",
	        "case details: notes \xE2\x80\x98rustig\xE2\x80\x99 \xE2\x86\x92 "
	        "\xE2\x80\x98" "druk\xE2\x80\x99, perspective decision 10 February 2026");
	field_is(&d, 1, "perspective_decision.date", "", "\"2026-02-10\"");
	kr_diff_cleanup(&d);
	/* a field that was null before is said once; the case's CBS fields by their
	 * names and labels */
	{
		char *a = edited(BASE, KR_EDIT_REPLACE, "case", NULL, "{\"child\":\"p1\",\"notes\":"
		                 "\"rustig\",\"perspective_decision\":{\"date\":null},\"referrer\":\"gp\"}");
		char *b = edited(a, KR_EDIT_MERGE, "case", NULL, "{\"perspective_decision\":{\"date\":"
		                 "\"2026-02-10\"},\"referrer\":\"court\",\"region\":\"Noord\","
		                 "\"municipality\":{\"code\":\"GM0200\",\"name\":\"Apeldoorn\"},"
		                 "\"closed\":{\"date\":\"2026-11-30\",\"reason\":\"as_planned\"}}");
		diff_docs(a, b, &d);
		assert_int_equal(d.n, 1);
		assert_int_equal(d.v[0].nfields, 7);
		assert_non_null(strstr(d.v[0].text[0], "perspectiefbesluit 10 februari 2026, verwezen "
		                       "door"));
		assert_null(strstr(strstr(d.v[0].text[0], "perspectiefbesluit") + 1,
		                   "perspectiefbesluit"));
		assert_null(strstr(d.v[0].text[0], "court"));
		assert_non_null(strstr(d.v[0].text[0], "jeugdregio \xE2\x80\x98Noord\xE2\x80\x99"));
		assert_non_null(strstr(d.v[0].text[0], "gemeente \xE2\x80\x98" "Apeldoorn"));
		assert_non_null(strstr(d.v[0].text[1], "closed on 30 November 2026"));
		assert_null(strstr(d.v[0].text[1], "as_planned"));
		kr_diff_cleanup(&d);
		free(a);
		free(b);
	}
	d = one(KR_EDIT_MERGE, "plan", NULL, "{\"version\":2,\"concerns\":[\"slapen\","
	        "{\"text\":\"drank\",\"visibility\":\"professionals\"}]}", KR_CHANGE_CHANGED, "plan",
	        NULL, "plan: versie 1 \xE2\x86\x92 2, zorg: \xE2\x80\x98" "drank\xE2\x80\x99 "
	        "(alleen professionals) erbij", "plan: version 1 \xE2\x86\x92 2, concern: added "
	        "\xE2\x80\x98" "drank\xE2\x80\x99 (professionals only)");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "plan", NULL, "{\"worry_route\":{\"text\":\"eerst bellen\","
	        "\"call\":[\"p3\",\"p4\"]}}", KR_CHANGE_CHANGED, "plan", NULL,
	        "plan: route bij zorgen \xE2\x80\x98" "eerst bellen\xE2\x80\x99, bellen bij zorgen: "
	        "Marga en Anouk erbij", "plan: route when worried \xE2\x80\x98" "eerst bellen"
	        "\xE2\x80\x99, call when worried: added Marga and Anouk");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "safety_map", NULL, "{\"worries\":[],\"working_well\":[\"school\"],"
	        "\"scale\":[{\"date\":\"2026-11-02\",\"score\":6,\"by\":\"p4\"}]}", KR_CHANGE_CHANGED,
	        "safety_map", NULL, "Signs of Safety-kaart: zorg: \xE2\x80\x98ruzie\xE2\x80\x99 "
	        "eraf, gaat goed: \xE2\x80\x98school\xE2\x80\x99 erbij, veiligheidsschaal: 6 op 2 "
	        "november 2026 (Anouk) erbij", "safety map: worry: removed \xE2\x80\x98ruzie"
	        "\xE2\x80\x99, working well: added \xE2\x80\x98school\xE2\x80\x99, safety scale: "
	        "added 6 on 2 November 2026 (Anouk)");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "safety_map", NULL, "{\"danger_statements\":[\"vallen\"],"
	        "\"safety_goals\":[\"oma kijkt mee\"]}", KR_CHANGE_CHANGED, "safety_map", NULL,
	        "Signs of Safety-kaart: gevaarverklaring: \xE2\x80\x98vallen\xE2\x80\x99 erbij, "
	        "veiligheidsdoel: \xE2\x80\x98oma kijkt mee\xE2\x80\x99 erbij", "safety map: "
	        "danger statement: added \xE2\x80\x98vallen\xE2\x80\x99, safety goal: added "
	        "\xE2\x80\x98oma kijkt mee\xE2\x80\x99");
	kr_diff_cleanup(&d);
}

static void wishes_goals_agreements(void **state)
{
	struct kr_diff d;
	(void)state;

	d = one(KR_EDIT_ADD, "wishes", NULL, "{\"by\":\"p2\",\"text\":\"Ik wil vaker bellen\"}",
	        KR_CHANGE_ADDED, "wishes", "w2", "wens w2 van Ilse toegevoegd: \xE2\x80\x98Ik wil "
	        "vaker bellen\xE2\x80\x99", "wish w2 by Ilse added: \xE2\x80\x98Ik wil vaker bellen"
	        "\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "wishes", "w1", "{\"response\":\"elke zaterdag\"}", KR_CHANGE_CHANGED,
	        "wishes", "w1", "wens w1: antwoord \xE2\x80\x98" "elke zaterdag\xE2\x80\x99",
	        "wish w1: answer \xE2\x80\x98" "elke zaterdag\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "goals", "g1", "{\"indicator\":\"geen ruzie\"}", KR_CHANGE_CHANGED,
	        "goals", "g1", "doel g1: zichtbaar aan \xE2\x80\x98geen ruzie\xE2\x80\x99",
	        "goal g1: indicator \xE2\x80\x98geen ruzie\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "agreements", "a1", "{\"status\":\"done\"}", KR_CHANGE_CHANGED,
	        "agreements", "a1", "afspraak a1 afgerond", "agreement a1 done");
	field_is(&d, 0, "status", "", "\"done\"");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "agreements", "a1", "{\"status\":\"dropped\",\"if_not\":\"Marga belt\"}",
	        KR_CHANGE_CHANGED, "agreements", "a1", "afspraak a1 vervallen: als het niet lukt "
	        "\xE2\x80\x98Marga belt\xE2\x80\x99", "agreement a1 dropped: if not \xE2\x80\x98"
	        "Marga belt\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_MERGE, "agreements", "a1", "{\"visibility\":\"professionals\","
	        "\"who\":[\"p2\",\"p3\"]}", KR_CHANGE_CHANGED, "agreements", "a1",
	        "afspraak a1: wie: Marga erbij, zichtbaar voor alleen professionals",
	        "agreement a1: who: added Marga, visible to professionals only");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_ADD, "agreements", NULL, "{\"who\":[\"p3\"],\"what\":\"Marga brengt Sam\"}",
	        KR_CHANGE_ADDED, "agreements", "a2", "afspraak a2 toegevoegd: \xE2\x80\x98Marga "
	        "brengt Sam\xE2\x80\x99", "agreement a2 added: \xE2\x80\x98Marga brengt Sam"
	        "\xE2\x80\x99");
	kr_diff_cleanup(&d);
	d = one(KR_EDIT_REMOVE, "goals", "g1", NULL, KR_CHANGE_REMOVED, "goals", "g1",
	        "doel g1 verwijderd", "goal g1 removed");
	kr_diff_cleanup(&d);
}

/* Nothing changed: nothing to say; a null and an absent key are the same;
 * several changes come in the order of the document. */
static void nothing_and_order(void **state)
{
	struct kr_diff d;
	char *a, *b;
	(void)state;

	diff_docs(BASE, BASE, &d);
	assert_int_equal(d.n, 0);
	assert_false(d.created);
	kr_diff_cleanup(&d);
	a = edited(BASE, KR_EDIT_MERGE, "persons", "p2", "{\"died\":null}");
	diff_docs(BASE, a, &d);
	assert_int_equal(d.n, 0);
	kr_diff_cleanup(&d);
	b = edited(a, KR_EDIT_MERGE, "agreements", "a1", "{\"status\":\"done\"}");
	free(a);
	a = edited(b, KR_EDIT_ADD, "persons", NULL, "{\"name\":\"Kees\"}");
	free(b);
	b = edited(a, KR_EDIT_MERGE, "case", NULL, "{\"opened\":\"2025-01-01\"}");
	diff_docs(BASE, b, &d);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].collection, "case");
	assert_string_equal(d.v[1].collection, "persons");
	assert_string_equal(d.v[2].collection, "agreements");
	kr_diff_cleanup(&d);
	free(a);
	free(b);
	/* a long text that changed is said to have changed, not quoted twice */
	a = edited(BASE, KR_EDIT_MERGE, "case", NULL, "{\"notes\":\"Sam woont sinds januari 2025 "
	           "bij Marga en gaat elke week naar zijn moeder; het gaat goed.\"}");
	b = edited(a, KR_EDIT_MERGE, "case", NULL, "{\"notes\":\"Sam woont sinds januari 2025 "
	           "bij Marga en gaat elke week naar zijn moeder; het gaat minder goed.\"}");
	diff_docs(a, b, &d);
	assert_string_equal(d.v[0].text[0], "dossiergegevens: notities aangepast");
	assert_string_equal(d.v[0].text[1], "case details: notes changed");
	kr_diff_cleanup(&d);
	free(a);
	free(b);
}

static void created_json_text(void **state)
{
	struct kr_diff d;
	struct kr_buf b;
	json_t *j, *c0;
	char *after;
	(void)state;

	diff_docs(NULL, BASE, &d);
	assert_true(d.created);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].text[0], "dossier aangemaakt (4 personen)");
	assert_string_equal(d.v[0].text[1], "case created (4 persons)");
	kr_diff_cleanup(&d);

	after = edited(BASE, KR_EDIT_MERGE, "ties", "1", "{\"quality\":\"conflict\"}");
	diff_docs(BASE, after, &d);
	free(after);
	j = kr_diff_json(&d);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), 1);
	c0 = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(c0, "op")), "changed");
	assert_string_equal(json_string_value(json_object_get(c0, "collection")), "ties");
	assert_string_equal(json_string_value(json_object_get(c0, "item")), "1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(c0, "text"), "en")),
	                    "tie between Ilse and Marga: positive \xE2\x86\x92 conflict");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(c0,
	                    "fields"), 0), "new")), "conflict");
	assert_true(json_is_null(json_object_get(c0, "old")));
	json_decref(j);
	kr_buf_init(&b, 4096);
	assert_int_equal(kr_diff_text(&d, KR_LANG_NL, "- ", &b), KR_OK);
	assert_string_equal(b.data, "- band tussen Ilse en Marga: goed \xE2\x86\x92 conflict\n");
	kr_buf_cleanup(&b);
	kr_diff_cleanup(&d);
}

static void author(void **state)
{
	struct kr_case *c = tu_case_from_text(BASE);
	char buf[64];
	(void)state;
	assert_string_equal(kr_diff_author(c, "share:p2", buf, sizeof buf), "Ilse (link)");
	assert_string_equal(kr_diff_author(c, "share:p9", buf, sizeof buf), "p9 (link)");
	assert_string_equal(kr_diff_author(NULL, "share:p2", buf, sizeof buf), "p2 (link)");
	assert_string_equal(kr_diff_author(c, "anouk", buf, sizeof buf), "anouk");
	kr_case_free(c);
}

/* The history of a stored case: who and what, per revision. */
static void history(void **state)
{
	struct kr_revision_changes *v = NULL;
	struct kr_store *s;
	struct kr_case *c;
	char *a, *b;
	size_t n = 0;
	json_t *j;
	(void)state;

	tu_db_fresh("diff");
	assert_int_equal(kr_store_open(dbpath, &s, NULL), KR_OK);
	kr_store_set_now(s, (time_t)1796083200);
	c = tu_case_from_text(BASE);
	assert_int_equal(kr_store_put(s, c, "anouk", 0, NULL, NULL), KR_OK);
	kr_case_free(c);
	a = edited(BASE, KR_EDIT_ADD, "wishes", NULL, "{\"by\":\"p2\",\"text\":\"logeren\"}");
	c = tu_case_from_text(a);
	assert_int_equal(kr_store_put(s, c, "share:p2", 1, NULL, NULL), KR_OK);
	kr_case_free(c);
	b = edited(a, KR_EDIT_MERGE, "agreements", "a1", "{\"status\":\"done\"}");
	c = tu_case_from_text(b);
	assert_int_equal(kr_store_put(s, c, "anouk", 2, NULL, NULL), KR_OK);
	kr_case_free(c);

	assert_int_equal(kr_diff_history(s, "T-DIFF", 0, &v, &n, NULL), KR_OK);
	assert_int_equal(n, 3);
	assert_true(v[0].diff.created);
	assert_string_equal(v[0].who, "anouk");
	assert_string_equal(v[1].who, "Ilse (link)");
	assert_string_equal(v[1].person, "p2");
	assert_int_equal(v[1].diff.n, 1);
	assert_string_equal(v[1].diff.v[0].text[0], "wens w2 van Ilse toegevoegd: \xE2\x80\x98"
	                    "logeren\xE2\x80\x99");
	assert_string_equal(v[2].diff.v[0].text[1], "agreement a1 done");
	j = kr_diff_history_json(v, n);
	assert_int_equal(json_array_size(j), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 1), "person")),
	                    "p2");
	assert_true(json_is_null(json_object_get(json_array_get(j, 0), "person")));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 2), "revision")), 3);
	json_decref(j);
	kr_diff_history_free(v, n);
	/* after revision 2: only the third, against the second */
	assert_int_equal(kr_diff_history(s, "T-DIFF", 2, &v, &n, NULL), KR_OK);
	assert_int_equal(n, 1);
	assert_false(v[0].diff.created);
	assert_string_equal(v[0].diff.v[0].text[0], "afspraak a1 afgerond");
	kr_diff_history_free(v, n);
	assert_int_equal(kr_diff_history(s, "NOPE", 0, &v, &n, NULL), KR_ENOTFOUND);
	assert_null(v);
	kr_store_close(s);
	tu_db_remove();
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(persons),
		cmocka_unit_test(ties_and_kinship),
		cmocka_unit_test(placements_events_meetings),
		cmocka_unit_test(header_and_plan),
		cmocka_unit_test(wishes_goals_agreements),
		cmocka_unit_test(nothing_and_order),
		cmocka_unit_test(created_json_text),
		cmocka_unit_test(author),
		cmocka_unit_test(history),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
