/*
 * generate.c - the synthetic case generator behind `kring generate`:
 * realistic kring-case/1 documents for tests and benchmarks.  The
 * distributions are explained in bench/profiles.md.
 *
 * One case is built in a small C model first and written out as compact
 * JSON at the end.  The order of construction keeps the case consistent: the
 * child's birth and the placement timeline come first; then the parents
 * (born 18 to 45 years before the child), the current carers, the foster
 * care worker(s); then the rest of the network, person by person, until the
 * case's target size is reached (grandparents before their other children,
 * aunts and uncles before cousins, every birth inside the window its parents
 * allow); then the ties, the life events, the meetings and the plan.  Every
 * date is a day number turned into a calendar date by kr_date_from_days(),
 * so no impossible date can appear, and partial dates (YYYY, YYYY-MM) are
 * only used where 18 years or more separate them from related dates.
 *
 * Later additions (the network search, the matching, the steering fields,
 * the processes and support of issue 13) are drawn from hashes of the case
 * instead of its random stream, so each left the rest of a case as it was.
 * Sibling cases (an even-numbered case and the next) share the origin
 * family; their family plan is written by kr_generate_family_plan().
 *
 * Randomness: xoshiro256** seeded through splitmix64 from (seed, index),
 * and only integer arithmetic after that, so the same arguments give the
 * same bytes on any machine.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/date.h"
#include "kring/generate.h"
#include "generate_int.h"

#define MAXP 64      /* persons (the target never exceeds 60) */
#define MAXK 200     /* kinship entries */
#define MAXT 200     /* ties */
#define MAXPL 4      /* placements */
#define MAXEV 160    /* events */
#define MAXM 4       /* meetings */
#define MAXINV 40    /* invited to one meeting */
#define MAXDEV 48    /* development checks */
#define NODAY LONG_MIN

#define NELEM(a) (sizeof(a) / sizeof *(a))
#define ROLE(r) KR_ROLE_BIT(KR_ROLE_##r)
#define PICK(g, a) ((a)[rng_range(&(g)->r, 0, (long)NELEM(a) - 1)])

/* Precision of a date as written. */
enum { P_NONE, P_YEAR, P_MONTH, P_DAY };

/* ---- names and texts (Dutch, invented) ---- */

/* First names: the first NAMES_YOUNG of each list are given to people born
 * from 1990 on, the rest to people born before 1975 (mostly; see era()). */
#define NAMES_YOUNG 25
static const char *const male_names[] = {
	"Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Noah", "Jesse", "Bram", "Thijs",
	"Luuk", "Ruben", "Lars", "Tim", "Stijn", "Thomas", "Jayden", "Mohammed", "Ayoub",
	"Mees", "Jurre", "Teun", "Sven", "Youssef", "Willem",
	"Jan", "Kees", "Henk", "Gerrit", "Piet", "Wim", "Johan", "Ruud", "Marco", "Peter",
	"Erik", "Dennis", "Mark", "Jeroen", "Bas", "Rob", "Sander", "Martijn", "Niels", "Joost",
	"Hans", "Frank", "Arjen", "Kevin", "Dirk"
};
static const char *const female_names[] = {
	"Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Eva", "Lotte",
	"Fenna", "Saar", "Anna", "Noor", "Yara", "Lieke", "Fleur", "Evi", "Lisa", "Iris",
	"Lina", "Maud", "Roos", "Hanna", "Ayla",
	"Ilse", "Anouk", "Marga", "Sanne", "Femke", "Esther", "Marieke", "Linda", "Monique",
	"Sandra", "Petra", "Ingrid", "Wilma", "Riet", "Joke", "Annie", "Truus", "Els", "Karin",
	"Mariska", "Chantal", "Fatima", "Samira", "Naima", "Jasmijn"
};
static const char *const neutral_names[] = {
	"Sam", "Robin", "Noa", "Kim", "Charlie", "Alex", "Bo", "Luca", "Jip", "Sascha",
	"Quinn", "Jamie"
};
static const char *const surnames[] = {
	"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
	"Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
	"Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
	"de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
	"van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin",
	"van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven",
	"Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom",
	"Huisman", "Peeters", "de Koning", "van Wijk", "Postma", "Kuipers", "van der Laan",
	"Timmermans", "Groen", "Veenstra", "Sanders", "Boer", "Evers", "van Loon", "Bosman",
	"Kramer", "Molenaar", "van Doorn", "Wolters", "Jonker", "Hermans", "Koch",
	"Gerritsen", "Martens", "Bouwman", "Hoogendoorn", "Verbeek", "Lammers", "van Rijn",
	"Schipper", "van Es", "Kuiper", "Veldman", "Aksoy", "El Amrani", "Bouzid", "Yilmaz",
	"Pinas", "Lie", "Nijland", "Brink", "Zwart", "Pool", "Wijnands", "Tromp",
	"van Wijngaarden", "Oosterhuis", "Koopman", "Hofman", "Wouters", "Stam"
};
static const char *const cities[] = {
	"Utrecht", "Amersfoort", "Zwolle", "Arnhem", "Tilburg", "Groningen", "Leeuwarden",
	"Almere", "Den Bosch", "Breda", "Apeldoorn", "Enschede", "Haarlem", "Leiden",
	"Deventer", "Nijmegen", "Assen", "Emmen"
};

/* Wishes of the child ({k} is the child's first name). */
static const char *const child_wishes[] = {
	"Ik wil mijn broertjes en zusjes vaker zien.",
	"Ik wil op voetbal blijven.",
	"Ik wil dat mama naar mijn verjaardag komt.",
	"Ik wil zelf kiezen wanneer ik papa bel.",
	"Ik wil in de vakantie bij oma logeren.",
	"Ik wil op mijn eigen school blijven.",
	"Ik wil een eigen kamer.",
	"Ik wil weten waarom ik hier woon.",
	"Ik wil mijn vrienden van vroeger weer zien.",
	"Ik wil leren zwemmen.",
	"Ik wil een telefoon, zodat ik mama kan appen.",
	"Ik wil dat de ruzies ophouden.",
	"Ik wil later weer thuis wonen.",
	"Ik wil hier blijven wonen.",
	"Ik wil vaker met opa vissen.",
	"Ik wil op muziekles.",
	"Ik wil dat mijn hond bij mij mag komen.",
	"Ik wil minder gesprekken met hulpverleners.",
	"Ik wil met mijn mentor praten, niet met iedereen.",
	"Ik wil bij de bezoeken niet alleen zijn.",
	"Ik wil mijn zusje zien zonder begeleiding.",
	"Ik wil een bijbaantje.",
	"Ik wil op dezelfde club blijven als mijn vrienden.",
	"Ik wil dat iedereen naar mijn diploma-uitreiking komt.",
	"Ik wil foto's van vroeger hebben.",
	"Ik wil zelf naar school fietsen.",
	"Ik wil in de vakantie naar mijn tante.",
	"Ik wil dat mijn pleegouders en mama samen koffie drinken.",
	"Ik wil meer zakgeld.",
	"Ik wil zelf meebeslissen over de bezoeken."
};
/* Wishes of a parent or carer for the child. */
static const char *const adult_wishes[] = {
	"Ik wil {k} elke week zien.",
	"Ik wil op de hoogte blijven van school.",
	"Ik wil mee naar de oudergesprekken.",
	"Ik wil dat {k} bij de familie blijft.",
	"Ik wil meer rust in huis.",
	"Ik wil dat de bezoeken op zaterdag zijn."
};
static const char *const responses[] = {
	"Besproken in de kring: het netwerk regelt dit samen.",
	"Afgesproken: eens per twee weken, bij oma thuis.",
	"Dit kan nu nog niet; over drie maanden kijken we opnieuw.",
	"De pleegouders en moeder maken hier samen een plan voor.",
	"Staat als afspraak in het netwerkplan.",
	"De gezinsvoogd heeft dit met de ouders besproken; het mag.",
	"De mentor gaat dit met {k} uitzoeken.",
	"Gedeeltelijk: in de vakanties wel, in de schoolweken niet.",
	"Uitgelegd aan {k} waarom dit nu niet kan; {k} begrijpt het.",
	"Geregeld vanaf volgende maand."
};
/* Agreements: what, and when. */
static const char *const agreement_what[][2] = {
	{ "brengt {k} naar de voetbaltraining", "elke zaterdag" },
	{ "belt met {k} over hoe het gaat", "elke zondagavond" },
	{ "haalt {k} op van school", "op woensdag" },
	{ "regelt een bezoek van {k} aan de broers en zussen", "eens per twee weken" },
	{ "laat {k} een weekend logeren", "een weekend per maand" },
	{ "gaat mee naar het oudergesprek op school", "bij elk rapport" },
	{ "stuurt foto's van {k} naar de ouders", "elke maand" },
	{ "zorgt dat {k} op tijd bij de therapie is", "elke dinsdag" },
	{ "drinkt koffie met de pleegouders om bij te praten", "eens per maand" },
	{ "helpt {k} met het huiswerk", "twee keer per week" },
	{ "belt de school over het verzuim", "binnen twee weken" },
	{ "plant de volgende kring", "voor de zomer" },
	{ "meldt {k} aan voor zwemles", "deze maand" },
	{ "gaat met {k} naar de huisarts", "binnen een maand" },
	{ "zoekt samen met {k} een bijbaantje", "voor de zomervakantie" },
	{ "maakt samen met {k} een levensboek", "elke maand een uur" },
	{ "past op als de pleegouders een avond weg zijn", "eens per maand" },
	{ "brengt {k} naar de begeleide omgang", "elke twee weken" },
	{ "houdt een logboek bij van de bezoeken", "na elk bezoek" },
	{ "vraagt de gemeente om vervoer naar school", "binnen vier weken" },
	{ "spreekt met de ouders af wie op de verjaardag komt", "een maand van tevoren" },
	{ "belt de pleegzorgbegeleider als het thuis niet goed gaat", "meteen als het nodig is" },
	{ "gaat met {k} naar een wedstrijd", "een keer per maand" },
	{ "helpt moeder met de verhuizing", "deze zomer" },
	{ "neemt {k} mee naar de kerk", "op zondag" },
	{ "zorgt voor een vaste tijd om met vader te bellen", "elke woensdag" },
	{ "vraagt een JIM-gesprek aan", "binnen een maand" },
	{ "werkt het netwerkplan bij na de kring", "na elke kring" },
	{ "regelt de aanmelding voor de middelbare school", "voor 1 maart" },
	{ "komt kijken bij de musical van {k}", "in juni" }
};
static const char *const if_nots[] = {
	"dan neemt de pleegmoeder het over",
	"dan belt de pleegvader de pleegzorgbegeleider",
	"dan bespreken we het in de volgende kring",
	"dan gaat oma mee",
	"dan schuiven we de afspraak een week op",
	"dan brengt de buurvrouw {k}",
	"dan belt {k} zelf de mentor",
	"dan regelt de gezinsvoogd een gesprek",
	"dan zoeken we samen een ander moment",
	"dan laat diegene het binnen twee dagen weten"
};
static const char *const goals[][2] = {
	{ "{k} ziet de broers en zussen elke twee weken", "aantal bezoeken per maand" },
	{ "{k} gaat elke dag naar school", "verzuim per maand, gemeld door de mentor" },
	{ "{k} heeft iemand om mee te praten buiten het pleeggezin",
	  "{k} noemt zelf een vertrouwenspersoon" },
	{ "ouders en pleegouders werken samen", "eens per maand een overleg zonder ruzie" },
	{ "{k} blijft op de sportclub", "trainingen per maand" },
	{ "het contact met moeder is veilig en voorspelbaar",
	  "bezoeken volgens afspraak, zonder afzeggingen" },
	{ "{k} slaapt weer goed", "nachten per week zonder nachtmerrie" },
	{ "het netwerk rond {k} wordt groter", "aantal mensen op het ecogram" },
	{ "{k} kent het eigen levensverhaal", "het levensboek is af" },
	{ "de pleegouders krijgen genoeg rust",
	  "een weekend per maand logeert {k} in het netwerk" },
	{ "{k} heeft contact met vader op een vaste dag", "belmomenten per maand" },
	{ "{k} haalt een diploma", "cijfers op het rapport" },
	{ "thuis is veilig genoeg om terug te keren", "score op de veiligheidsschaal" },
	{ "{k} heeft vrienden in de nieuwe buurt", "afspraken met vrienden per maand" },
	{ "er is één vaste begeleider", "aantal wisselingen van begeleider" }
};
static const char *const concerns[] = {
	"het contact tussen moeder en de pleegouders is gespannen",
	"vader komt afspraken niet na",
	"{k} heeft veel driftbuien na de bezoeken",
	"de pleegouders zijn moe",
	"{k} spijbelt",
	"oma wordt ouder en kan minder doen",
	"er is weinig contact met de broers en zussen",
	"{k} heeft weinig vrienden",
	"moeder drinkt weer",
	"er is ruzie over de verjaardag",
	"{k} slaapt slecht",
	"de school weet niet goed wat er speelt",
	"{k} trekt zich terug",
	"moeder heeft geldzorgen",
	"het netwerk van de pleegouders is klein"
};
static const char *const safety_texts[] = {
	"{k} belt de pleegmoeder als het bij een bezoek niet goed gaat; oma let op.",
	"De bezoeken aan moeder zijn begeleid tot de volgende kring.",
	"Vader komt niet aan huis zolang hij drinkt; de gezinsvoogd ziet hierop toe.",
	"{k} weet wie er gebeld kan worden als het misgaat: de mentor of oma.",
	"Bij ruzie tussen de volwassenen gaat {k} naar de buren; iedereen kent die afspraak.",
	"De pleegouders melden elke zorg meteen bij de pleegzorgbegeleider.",
	"Moeder is alleen met {k} als zij nuchter is; de tante belt vooraf.",
	"Er is een veiligheidsplan; het netwerk bespreekt het bij elke kring."
};
static const char *const worries[] = {
	"moeder drinkt als zij alleen is",
	"er is geweld geweest tussen de ouders",
	"{k} komt boos en bang terug van bezoeken",
	"vader dreigt {k} mee te nemen",
	"er is te weinig toezicht in het weekend",
	"{k} zegt dat thuis niemand voor eten zorgt"
};
static const char *const working_well[] = {
	"{k} belt oma als het niet goed gaat",
	"moeder komt op tijd naar de bezoeken",
	"de pleegouders en moeder appen elke week",
	"de school let goed op {k}",
	"de coach is een vast maatje voor {k}",
	"vader is al drie maanden nuchter"
};
static const char *const needs[] = {
	"een vast belmoment elke week",
	"een tweede volwassene bij de bezoeken",
	"een netwerkberaad met de hele familie",
	"moeder zoekt hulp voor haar drinken",
	"een plan voor de vakanties",
	"de buren weten wat ze moeten doen bij onrust"
};
static const char *const perspective_outcomes[] = {
	"opvoedingsbesluit: {k} groeit op in het pleeggezin",
	"{k} groeit op in het netwerk van de familie",
	"terugplaatsing naar huis wordt voorbereid",
	"perspectief bij moeder, met steun van het netwerk",
	"voorlopig verder in de hulpverleningsvariant",
	"doorplaatsing naar een gezinshuis"
};
static const char *const other_events[] = {
	"zwemdiploma A gehaald",
	"op kamp geweest met de scouting",
	"verjaardag gevierd met beide families",
	"begonnen met judo",
	"eerste keer alleen naar school gefietst",
	"rol in de schoolmusical"
};
static const char *const losses[] = {
	"de hond is overleden",
	"beste vriend is verhuisd",
	"afscheid van de vorige pleegouders",
	"het contact met vader is gestopt",
	"de oppas van vroeger is weggegaan"
};
static const char *const meeting_words[] = {
	"", "doe-het-zelf bijeenkomst", "Eigen Kracht-conferentie", "rondetafelgesprek",
	"Signs of Safety bijeenkomst", "netwerkbijeenkomst"
};

/* ---- the model ---- */

/* What a person is in this case; decides dates, names and ties. */
enum cat {
	C_CHILD, C_MOTHER, C_FATHER, C_STEP, C_SIB, C_HALF, C_GP, C_AUNT, C_AUNT_PARTNER,
	C_COUSIN, C_FOSTER_PARENT, C_FH_PARENT, C_NET_CARER, C_FOSTER_SIB, C_FOSTER_NET,
	C_EX_CARER, C_ORIGIN_NET, C_RELIGIOUS, C_TEACHER, C_COACH, C_FRIEND, C_MENTOR,
	C_WORKER, C_GUARDIAN, C_SOCIAL, C_THERAPIST, C_OTHER_PROF, C_GROUP_WORKER, C__N
};

struct person {
	char name[48];
	const char *first, *surname;   /* surname NULL: nobody knows who this is */
	int sex;                    /* enum kr_sex */
	long born, died;            /* day numbers; NODAY when unknown / alive */
	int born_prec, died_prec;
	unsigned roles;
	int world, segment;
	int cat;
	int side;                   /* family side: 0 mother's, 1 father's, -1 none */
	int partner;                /* partner (kinship partners), -1 */
	bool carer;                 /* cares for the child in the current placement */
	bool together;              /* a sibling placed with the child */
	bool apart;                 /* a sibling with a case of their own: never together */
	int ninv;
	long inv_from[2], inv_to[2];   /* professionals; inv_to NODAY: still involved */
};

struct kin {
	int type;                   /* KR_KIN_PARENT: a parent, b child; KR_KIN_PARTNERS */
	int a, b;
	int kind;                   /* parent: enum kr_kin_kind */
	int status;                 /* partners: enum kr_partner_status */
	long since;
	int since_prec;
};

struct tie {
	int a, b;
	int strength, quality, freq, dir;
	unsigned support;           /* bit set 1u << KR_SUPPORT_x */
	bool trust;
};

struct placement {
	int form, variant, network;   /* network -1: null */
	long start, end;              /* end NODAY: open */
	int end_reason;
	int carers[3], ncarers;
	int children[2], nchildren;
};

struct event {
	long day, key;                /* key: first possible day, for sorting */
	int prec;
	int type;
	int person, placement;        /* -1 when absent */
	char text[120];
};

struct meeting {
	long day;
	int type, cont;
	int inv[MAXINV], ninv;
	bool att[MAXINV];
};

/* One side of the family tree (the mother's or the father's parents). */
struct side {
	int parent;                 /* the child's parent on this side */
	int gm, gf;                 /* grandmother, grandfather: person index or -1 */
	long gm_born, gf_born;      /* planned as soon as the side is first used */
	bool planned;
	const char *surname;
	int aunts[8], naunts;
	int step;                   /* the parent's new partner, -1 */
};

struct rng { uint64_t s[4]; };

struct gen {
	struct rng r;
	uint64_t seed;
	unsigned long index;
	long A;                     /* the anchor: "today" */
	int target;                 /* persons wanted */

	struct person p[MAXP]; int np;
	struct kin k[MAXK]; int nk;
	struct tie t[MAXT]; int nt;
	unsigned char tied[MAXP][MAXP];
	struct placement pl[MAXPL]; int npl, cur;
	struct event ev[MAXEV]; int nev;
	struct meeting m[MAXM]; int nm;
	long dev[MAXDEV]; int ndev;

	int child, mother, father;
	int age;                    /* the child's age at the anchor */
	long born, opened;
	bool father_unknown, adoptive;
	int couple_status;          /* the parents' partner status, 0 when none */
	long couple_since;
	struct side side[2];
	const char *child_surname, *foster_surname;
	int worker[3], nworker;     /* foster care workers, oldest first */
	int guardian;
	long persp_day;
	const char *persp_outcome;
	bool externalising, internalising;
	int ncat[C__N];             /* persons per category */
	/* Sibling cases (see make_sibling_case): in the older case the sibling
	 * who has the next case, in the younger one the older case's child;
	 * -1 when the case is no sibling case.  donor: the older case's model,
	 * owned, in the younger case only. */
	int sib;
	struct gen *donor;
};

/* ---- randomness: splitmix64 seeds xoshiro256** ---- */

uint64_t kri_gen_mix(uint64_t x)
{
	uint64_t z = x + 0x9E3779B97F4A7C15ull;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = kri_gen_mix(*x);
	*x += 0x9E3779B97F4A7C15ull;
	return z;
}

const char *kri_gen_text(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

json_t *kri_gen_person(json_t *doc, const char *id)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(doc, "persons"), i, p)
		if (!strcmp(kri_gen_text(p, "id"), id))
			return p;
	return NULL;
}

bool kri_gen_in_ids(json_t *list, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
		if (json_string_value(v) && !strcmp(json_string_value(v), id))
			return true;
	return false;
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

static void rng_seed(struct rng *r, uint64_t seed, unsigned long index)
{
	uint64_t x = seed;
	uint64_t h = splitmix64(&x);

	x = h ^ ((uint64_t)index * 0xD1B54A32D192ED03ull);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

/* A uniform integer in lo..hi inclusive; lo when hi <= lo. */
static long rng_range(struct rng *r, long lo, long hi)
{
	uint64_t n;
	if (hi <= lo)
		return lo;
	n = (uint64_t)(hi - lo) + 1;
	return lo + (long)((rng_next(r) >> 11) % n);
}

static long rnd(struct gen *g, long lo, long hi)
{
	return rng_range(&g->r, lo, hi);
}

/* True with probability permille / 1000. */
static bool chance(struct gen *g, int permille)
{
	return rnd(g, 0, 999) < permille;
}

/* An index 0..n-1 drawn with the given weights; -1 when all are 0. */
static int weighted(struct gen *g, const int *w, int n)
{
	long total = 0, x;
	for (int i = 0; i < n; i++)
		total += w[i];
	if (total <= 0)
		return -1;
	x = rnd(g, 0, total - 1);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- dates ---- */

static long yrs(long day, int n)
{
	return kr_days_add_months(day, 12 * n);
}

static long clampl(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static long maxl(long a, long b)
{
	return a > b ? a : b;
}

static long minl(long a, long b)
{
	return a < b ? a : b;
}

/* A precision by permille weights for day and month precision; the rest is
 * year precision. */
static int pick_prec(struct gen *g, int day, int month)
{
	long x = rnd(g, 0, 999);
	return x < day ? P_DAY : x < day + month ? P_MONTH : P_YEAR;
}

static struct kr_date to_date(long day, int prec)
{
	struct kr_date d = kr_date_from_days(day);
	if (prec <= P_MONTH)
		d.d = 0;
	if (prec <= P_YEAR)
		d.m = 0;
	return d;
}

/* First day of the date as written in precision prec. */
static long first_day(long day, int prec)
{
	return kr_date_first(to_date(day, prec));
}

/* Whole years from born to on. */
static int age_on(long born, long on)
{
	struct kr_date b = kr_date_from_days(born), o = kr_date_from_days(on);
	int age = o.y - b.y;
	if (o.m < b.m || (o.m == b.m && o.d < b.d))
		age--;
	return age;
}

/* ---- persons and kinship ---- */

static bool is_prof(const struct person *p)
{
	return p->world == KR_WORLD_PROFESSIONAL;
}

static bool alive(const struct person *p)
{
	return p->died == NODAY;
}

static int room(const struct gen *g)
{
	return g->target - g->np;
}

static int add_person(struct gen *g, int cat, int sex, unsigned roles, int world, int segment)
{
	struct person *p;

	if (g->np >= g->target || g->np >= MAXP)
		return -1;
	p = &g->p[g->np];
	memset(p, 0, sizeof *p);
	p->cat = cat;
	p->sex = sex;
	p->roles = roles;
	p->world = world;
	p->segment = segment;
	p->born = p->died = NODAY;
	p->side = -1;
	p->partner = -1;
	g->ncat[cat]++;
	return g->np++;
}

/* Sets the family name of person i; first names are given at the end
 * (name_all), when every birth date is known. */
static void name_person(struct gen *g, int i, const char *surname)
{
	g->p[i].surname = surname;
}

/* 1: a young generation (born 1990 or later, or a peer of the child),
 * 2: an old one (born before 1975), 0: either. */
static int era(const struct gen *g, const struct person *p)
{
	if (p->born != NODAY) {
		int y = kr_date_from_days(p->born).y;
		return y >= 1990 ? 1 : y < 1975 ? 2 : 0;
	}
	return p->cat == C_FRIEND ? (kr_date_from_days(g->born).y >= 1990 ? 1 : 0) : 0;
}

static const char *first_name(struct gen *g, int sex, int generation)
{
	const char *const *list = sex == KR_SEX_M ? male_names : female_names;
	long n = sex == KR_SEX_M ? (long)NELEM(male_names) : (long)NELEM(female_names);

	if (sex != KR_SEX_M && sex != KR_SEX_F)
		return PICK(g, neutral_names);
	if (generation == 1 && chance(g, 850))
		return list[rnd(g, 0, NAMES_YOUNG - 1)];
	if (generation == 2 && chance(g, 850))
		return list[rnd(g, NAMES_YOUNG, n - 1)];
	return list[rnd(g, 0, n - 1)];
}

/* Gives everybody a first name that fits their generation, avoiding one
 * already used in the case where a few tries allow. */
static void name_all(struct gen *g)
{
	for (int i = 0; i < g->np; i++) {
		struct person *p = &g->p[i];
		int generation = era(g, p);
		if (!p->surname) {
			p->first = NULL;
			p->name[0] = '\0';
			continue;
		}
		for (int attempt = 0; attempt < 6; attempt++) {
			bool taken = false;
			p->first = first_name(g, p->sex, generation);
			for (int j = 0; j < i && !taken; j++)
				taken = g->p[j].first && strcmp(g->p[j].first, p->first) == 0;
			if (!taken)
				break;
		}
		snprintf(p->name, sizeof p->name, "%s %s", p->first, p->surname);
	}
}

static int adult_sex(struct gen *g)
{
	return chance(g, 500) ? KR_SEX_F : KR_SEX_M;
}

static int peer_sex(struct gen *g, int x_permille)
{
	if (chance(g, x_permille))
		return KR_SEX_X;
	return chance(g, 500) ? KR_SEX_F : KR_SEX_M;
}

static void set_born(struct gen *g, int i, long day, int prec)
{
	g->p[i].born = day;
	g->p[i].born_prec = prec;
}

static void add_kin(struct gen *g, int type, int a, int b, int kind, int status, long since,
                    int since_prec)
{
	struct kin *k;
	if (g->nk >= MAXK || a < 0 || b < 0)
		return;
	k = &g->k[g->nk++];
	k->type = type;
	k->a = a;
	k->b = b;
	k->kind = kind;
	k->status = status;
	k->since = since;
	k->since_prec = since_prec;
}

static void parent_link(struct gen *g, int parent, int child, int kind)
{
	add_kin(g, KR_KIN_PARENT, parent, child, kind, 0, NODAY, P_NONE);
}

static void partners(struct gen *g, int a, int b, int status, long since, int prec)
{
	g->p[a].partner = b;
	g->p[b].partner = a;
	add_kin(g, KR_KIN_PARTNERS, a, b, 0, status, since, prec);
}

/* Birth window of a child of the given parents: at least 18 years and one
 * day after each parent, at most 45 years minus a day, and (when a mother
 * died) not after her death.  Parents of unknown birth add no bound. */
static void child_window(struct gen *g, const int *par, int npar, long *lo, long *hi)
{
	*lo = LONG_MIN / 2;
	*hi = g->A - 1;
	for (int i = 0; i < npar; i++) {
		const struct person *p = &g->p[par[i]];
		if (p->born != NODAY) {
			*lo = maxl(*lo, yrs(p->born, 18) + 1);
			*hi = minl(*hi, yrs(p->born, 45) - 1);
		}
		if (p->died != NODAY)
			*hi = minl(*hi, p->sex == KR_SEX_F ? p->died : p->died + 250);
	}
}

/* A birth day near `centre`, inside the window; NODAY when the window is
 * empty. */
static long born_in(struct gen *g, long centre, long lo, long hi)
{
	if (lo > hi)
		return NODAY;
	if (centre < lo || centre > hi)
		return rnd(g, lo, hi);
	return centre;
}

/* A partner status with a plausible "since" for two adults a and b: a
 * couple that is together since before `before` (their first child; NODAY
 * for no bound), a divorce after it. */
static void couple(struct gen *g, int a, int b, int w_married, int w_cohab, int w_div,
                   long before)
{
	const struct person *pa = &g->p[a], *pb = &g->p[b];
	int w[3] = { w_married, w_cohab, w_div };
	long young = maxl(pa->born == NODAY ? g->A - 30 * 365 : pa->born,
	                  pb->born == NODAY ? g->A - 30 * 365 : pb->born);
	long lo = minl(yrs(young, 19), g->A - 400), hi = g->A - 200, since;
	int s;

	if (!alive(pa) || !alive(pb)) {
		long d = alive(pa) ? pb->died : pa->died;
		partners(g, a, b, KR_PARTNER_WIDOWED, d, P_YEAR);
		return;
	}
	s = weighted(g, w, 3);
	if (before != NODAY && s < 2)
		hi = minl(hi, before - 30);
	else if (before != NODAY)
		lo = maxl(lo, before + 30);
	since = rnd(g, lo, hi);
	partners(g, a, b, s == 0 ? KR_PARTNER_MARRIED : s == 1 ? KR_PARTNER_COHABITING :
	         KR_PARTNER_DIVORCED, since, chance(g, 700) ? P_YEAR : P_MONTH);
}

/* ---- the child and the placement timeline ---- */

static void make_child(struct gen *g)
{
	static const int age_w[21] = { 3, 4, 4, 4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5,
		2, 1, 1 };
	int sex = peer_sex(g, 10), c;

	g->age = weighted(g, age_w, 21);
	g->born = g->age ? yrs(g->A, -g->age) - rnd(g, 1, 364) : g->A - rnd(g, 60, 364);
	c = add_person(g, C_CHILD, sex, ROLE(CHILD), KR_WORLD_ORIGIN, KR_SEG_HOUSEHOLD);
	g->child = c;
	set_born(g, c, g->born, P_DAY);
}

static bool foster_form(int form)
{
	return form == KR_FORM_FOSTER_FULLTIME || form == KR_FORM_FOSTER_PARTTIME ||
	       form == KR_FORM_CRISIS;
}

/* Full-time forms: the ones the perspective decision is about. */
static bool fulltime_form(int form)
{
	return form == KR_FORM_FOSTER_FULLTIME || form == KR_FORM_CRISIS ||
	       form == KR_FORM_FAMILY_HOME || form == KR_FORM_RESIDENTIAL;
}

static int network_flag(struct gen *g, int form)
{
	if (foster_form(form))
		return chance(g, 385) ? 1 : 0;
	if (form == KR_FORM_INFORMAL_NETWORK)
		return 1;
	if (form == KR_FORM_HOME)
		return -1;
	return 0;
}

static void make_placements(struct gen *g)
{
	/* indexed by enum kr_form */
	static const int cur_w[KR_FORM__N] = { 0, 5, 5, 7, 52, 7, 10, 6, 8 };
	static const int early_w[KR_FORM__N] = { 0, 4, 5, 5, 35, 30, 8, 10, 3 };
	static const int count_w[4] = { 45, 30, 17, 8 };
	long start[MAXPL], end[MAXPL], lo = g->born + 1, next;
	int want = weighted(g, count_w, 4) + 1, n = 0;
	bool adult = g->age >= 18;

	if (g->age < 2 && want > 2)
		want = 2;
	if (adult) {
		/* Residential care ends at 18; the youth moves into the network. */
		long b18 = yrs(g->born, 18);
		if (want < 2)
			want = 2;
		start[0] = b18;
		end[0] = NODAY;
		start[1] = maxl(lo, b18 - rnd(g, 365, 5 * 365));
		end[1] = b18;
		n = 2;
		next = start[1];
	} else {
		long span = g->A - lo, maxdur = minl(span - 1, rnd(g, 90, 6 * 365));
		start[0] = g->A - rnd(g, minl(14, maxdur), maxdur);
		end[0] = NODAY;
		n = 1;
		next = start[0];
	}
	while (n < want) {
		long e = next - (chance(g, 500) ? 0 : rnd(g, 1, 20)), len;
		if (e - lo < 20)
			break;
		len = rnd(g, 20, minl(3 * 365, e - lo));
		end[n] = e;
		start[n] = e - len;
		next = start[n];
		n++;
	}
	/* The arrays run backwards in time; the placements forwards. */
	g->npl = n;
	g->cur = n - 1;
	for (int i = 0; i < n; i++) {
		struct placement *p = &g->pl[i];
		memset(p, 0, sizeof *p);
		p->start = start[n - 1 - i];
		p->end = end[n - 1 - i];
	}
	for (int i = n - 1; i >= 0; i--) {
		struct placement *p = &g->pl[i];
		int nf = i + 1 < n ? g->pl[i + 1].form : 0;
		if (i == n - 1 && adult)
			p->form = chance(g, 500) ? KR_FORM_INFORMAL_NETWORK :
			          KR_FORM_FOSTER_FULLTIME;
		else if (i == n - 1)
			do
				p->form = weighted(g, cur_w, KR_FORM__N);
			while (p->form == KR_FORM_HOME && n == 1);
		else if (adult && i == n - 2)
			p->form = chance(g, 600) ? KR_FORM_RESIDENTIAL : KR_FORM_FAMILY_HOME;
		else
			do
				p->form = weighted(g, early_w, KR_FORM__N);
			while (p->form == KR_FORM_HOME && nf == KR_FORM_HOME);
		p->network = network_flag(g, p->form);
		if (adult && i == n - 1)
			p->network = 1;
		if (p->form == KR_FORM_CRISIS)
			p->variant = KR_VARIANT_CARE;
		else if (p->form == KR_FORM_FOSTER_FULLTIME)
			p->variant = chance(g, 550) ? KR_VARIANT_CARE : KR_VARIANT_UPBRINGING;
		if (i == n - 1)
			continue;
		if (adult && i == n - 2) {
			p->end_reason = KR_END_ADULTHOOD;
		} else if (nf == KR_FORM_HOME) {
			p->end_reason = KR_END_RETURN_HOME;
		} else if (p->form == KR_FORM_CRISIS) {
			static const int w[3] = { 70, 15, 15 };
			static const int r[3] = { KR_END_PLANNED, KR_END_OTHER, KR_END_BREAKDOWN };
			p->end_reason = r[weighted(g, w, 3)];
		} else {
			static const int w[4] = { 40, 35, 20, 5 };
			static const int r[4] = { KR_END_BREAKDOWN, KR_END_PLANNED, KR_END_OTHER,
				KR_END_RETURN_HOME };
			p->end_reason = r[weighted(g, w, 4)];
		}
	}
	g->opened = maxl(g->born + 1, g->pl[0].start - rnd(g, 0, 120));
}

static void make_perspective(struct gen *g)
{
	struct placement *p = &g->pl[g->cur];
	long ran = g->A - p->start;
	int o;

	g->persp_day = NODAY;
	g->persp_outcome = NULL;
	if (!fulltime_form(p->form) || ran < 150 || !chance(g, 620))
		return;
	g->persp_day = p->start + rnd(g, 120, minl(420, ran));
	if (p->form == KR_FORM_FOSTER_FULLTIME && p->network == 1)
		o = 1;
	else if (p->form == KR_FORM_FOSTER_FULLTIME)
		o = chance(g, 700) ? 0 : (int)rnd(g, 2, 4);
	else if (p->form == KR_FORM_RESIDENTIAL)
		o = chance(g, 500) ? 5 : 4;
	else
		o = (int)rnd(g, 2, 4);
	g->persp_outcome = perspective_outcomes[o];
	if (p->form == KR_FORM_FOSTER_FULLTIME)
		p->variant = o <= 1 ? KR_VARIANT_UPBRINGING : KR_VARIANT_CARE;
}

/* ---- parents and the family tree ---- */

static void make_parents(struct gen *g)
{
	int m, f, gy;
	long since;
	const char *msur = PICK(g, surnames), *fsur = PICK(g, surnames);
	static const int status_w[4] = { 15, 12, 35, 38 };

	g->father_unknown = chance(g, 60);
	g->adoptive = !g->father_unknown && chance(g, 30);
	m = add_person(g, C_MOTHER, KR_SEX_F, ROLE(PARENT), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	f = add_person(g, C_FATHER, KR_SEX_M, ROLE(PARENT), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	g->mother = m;
	g->father = f;
	name_person(g, m, msur);
	gy = (int)rnd(g, 18, 41);
	set_born(g, m, yrs(g->born, -gy) - rnd(g, 0, 364), pick_prec(g, 650, 100));
	g->side[0].parent = m;
	g->side[0].surname = msur;
	g->side[1].parent = f;
	g->side[1].surname = fsur;
	for (int s = 0; s < 2; s++) {
		g->side[s].gm = g->side[s].gf = g->side[s].step = -1;
		g->side[s].naunts = 0;
		g->side[s].planned = false;
	}
	if (g->father_unknown) {
		/* Nobody knows who he is: a person without name or birth date. */
		g->child_surname = msur;
	} else {
		name_person(g, f, fsur);
		gy = (int)rnd(g, 18, 44);
		set_born(g, f, yrs(g->born, -gy) - rnd(g, 0, 364), pick_prec(g, 600, 100));
		g->child_surname = chance(g, 850) ? fsur : msur;
	}
	name_person(g, g->child, g->child_surname);

	/* A parent may have died since the child was born (never both). */
	if (!g->father_unknown && chance(g, 50))
		g->p[f].died = rnd(g, g->born + 30, g->A - 30);
	else if (!g->father_unknown && chance(g, 30))
		g->p[m].died = rnd(g, g->born + 30, g->A - 30);
	for (int i = m; i <= f; i++)
		if (g->p[i].died != NODAY)
			g->p[i].died_prec = pick_prec(g, 500, 250);

	parent_link(g, m, g->child, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	parent_link(g, f, g->child, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	g->couple_status = 0;
	if (g->father_unknown)
		return;
	if (!alive(&g->p[m]) || !alive(&g->p[f])) {
		long d = alive(&g->p[m]) ? g->p[f].died : g->p[m].died;
		g->couple_status = KR_PARTNER_WIDOWED;
		g->couple_since = d;
		partners(g, m, f, KR_PARTNER_WIDOWED, d, P_YEAR);
		return;
	}
	g->couple_status = KR_PARTNER_MARRIED + weighted(g, status_w, 4);
	if (g->couple_status <= KR_PARTNER_COHABITING) {
		long young = maxl(g->p[m].born, g->p[f].born);
		since = rnd(g, maxl(yrs(young, 18), g->born - 6 * 365), g->born - 30);
	} else {
		since = rnd(g, g->born + 60, g->A - 60);
	}
	g->couple_since = since;
	partners(g, m, f, g->couple_status, since, chance(g, 600) ? P_YEAR : P_MONTH);
}

/* Fixes the birth days of both grandparents on side s, so that the parent
 * and any aunt or uncle added later fit between them. */
static void plan_side(struct gen *g, int s)
{
	struct side *sd = &g->side[s];
	long pb = g->p[sd->parent].born;

	if (sd->planned)
		return;
	sd->gm_born = yrs(pb, -(int)rnd(g, 19, 38)) - rnd(g, 0, 364);
	sd->gf_born = clampl(sd->gm_born - rnd(g, -3 * 365, 8 * 365), yrs(pb, -45) + 1,
	                     yrs(pb, -18) - 1);
	sd->planned = true;
}

static bool side_usable(const struct gen *g, int s)
{
	return !(s == 1 && g->father_unknown);
}

/* Adds the grandmother (female) or grandfather of side s.  keep_alive
 * forbids a death date (a carer).  Returns the index or -1. */
static int add_gp(struct gen *g, int s, bool female, bool keep_alive)
{
	struct side *sd = &g->side[s];
	int i;
	long born, lo;

	if (!side_usable(g, s) || (female ? sd->gm : sd->gf) >= 0)
		return -1;
	plan_side(g, s);
	i = add_person(g, C_GP, female ? KR_SEX_F : KR_SEX_M, ROLE(GRANDPARENT),
	               KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	if (i < 0)
		return -1;
	born = female ? sd->gm_born : sd->gf_born;
	name_person(g, i, female ? PICK(g, surnames) : sd->surname);
	set_born(g, i, born, pick_prec(g, 300, 150));
	g->p[i].side = s;
	/* Deaths only after every child of theirs can have been born. */
	lo = yrs(born, 47);
	if (!keep_alive && lo < g->A - 30 && chance(g, age_on(born, g->A) > 75 ? 450 : 180)) {
		g->p[i].died = rnd(g, lo, g->A - 30);
		g->p[i].died_prec = pick_prec(g, 400, 200);
	}
	if (female)
		sd->gm = i;
	else
		sd->gf = i;
	parent_link(g, i, sd->parent, KR_KIND_BIRTH);
	for (int a = 0; a < sd->naunts; a++)
		parent_link(g, i, sd->aunts[a], KR_KIND_BIRTH);
	if (sd->gm >= 0 && sd->gf >= 0) {
		static const int w[3] = { 60, 5, 35 };
		couple(g, sd->gm, sd->gf, w[0], w[1], w[2], g->p[sd->parent].born);
	}
	return i;
}

/* Adds an aunt or uncle on side s (needs a grandparent there first), born
 * no later than `latest`.  Returns the index or -1. */
static int add_aunt(struct gen *g, int s, long latest)
{
	struct side *sd = &g->side[s];
	long lo, hi, pb, born;
	int i, sex = adult_sex(g);

	if (!side_usable(g, s) || sd->naunts >= (int)NELEM(sd->aunts))
		return -1;
	plan_side(g, s);
	pb = g->p[sd->parent].born;
	lo = maxl(yrs(sd->gm_born, 18), yrs(sd->gf_born, 18)) + 1;
	hi = minl(minl(yrs(sd->gm_born, 45), yrs(sd->gf_born, 45)) - 1, latest);
	if (sd->gm >= 0 && g->p[sd->gm].died != NODAY)
		hi = minl(hi, g->p[sd->gm].died);
	born = born_in(g, pb + rnd(g, -10 * 365, 10 * 365), lo, hi);
	if (born == NODAY)
		return -1;
	i = add_person(g, C_AUNT, sex, ROLE(AUNT_UNCLE), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	if (i < 0)
		return -1;
	name_person(g, i, sd->surname);
	set_born(g, i, born, pick_prec(g, 350, 150));
	g->p[i].side = s;
	sd->aunts[sd->naunts++] = i;
	if (sd->gm >= 0)
		parent_link(g, sd->gm, i, KR_KIND_BIRTH);
	if (sd->gf >= 0)
		parent_link(g, sd->gf, i, KR_KIND_BIRTH);
	return i;
}

/* The partner of aunt/uncle a, also an aunt or uncle to the child. */
static int add_aunt_partner(struct gen *g, int a, bool keep_together)
{
	const struct person *pa = &g->p[a];
	int sex = chance(g, 920) ? (pa->sex == KR_SEX_F ? KR_SEX_M : KR_SEX_F) : pa->sex;
	int i = add_person(g, C_AUNT_PARTNER, sex, ROLE(AUNT_UNCLE), KR_WORLD_ORIGIN,
	                   KR_SEG_FAMILY);
	long born;

	if (i < 0)
		return -1;
	name_person(g, i, PICK(g, surnames));
	born = clampl(pa->born + rnd(g, -6 * 365, 6 * 365), LONG_MIN / 2, yrs(g->A, -20));
	set_born(g, i, born, pick_prec(g, 300, 100));
	g->p[i].side = pa->side;
	if (keep_together)
		couple(g, a, i, 60, 40, 0, NODAY);
	else
		couple(g, a, i, 50, 30, 20, NODAY);
	return i;
}

/* ---- current carers and professionals ---- */

static void make_carer(struct gen *g, int i, bool foster_world)
{
	struct person *p = &g->p[i];
	struct placement *pl = &g->pl[g->cur];

	p->carer = true;
	if (foster_world) {
		p->roles |= ROLE(FOSTER_PARENT);
		p->world = KR_WORLD_FOSTER;
		p->segment = KR_SEG_HOUSEHOLD;
	}
	if (pl->ncarers < (int)NELEM(pl->carers))
		pl->carers[pl->ncarers++] = i;
}

/* Carers from the child's own network (netwerkpleegzorg). */
static void network_carers(struct gen *g)
{
	int s = side_usable(g, 1) && chance(g, 350) ? 1 : 0, how = (int)rnd(g, 0, 99);
	struct side *sd = &g->side[s];

	plan_side(g, s);
	if (how < 55 && age_on(sd->gm_born, g->A) <= 72) {
		int gm = add_gp(g, s, true, true), gf;
		if (gm >= 0) {
			make_carer(g, gm, true);
			if (room(g) > 0 && chance(g, 650) && age_on(sd->gf_born, g->A) <= 76) {
				gf = add_gp(g, s, false, true);
				if (gf >= 0)
					make_carer(g, gf, true);
			}
			return;
		}
	}
	if (how < 85 && room(g) >= 2) {
		int gp = add_gp(g, s, chance(g, 500), false), a;
		a = gp >= 0 ? add_aunt(g, s, yrs(g->A, -25)) : -1;
		if (a >= 0) {
			make_carer(g, a, true);
			if (room(g) > 0 && chance(g, 700)) {
				int b = add_aunt_partner(g, a, true);
				if (b >= 0)
					make_carer(g, b, true);
			}
			return;
		}
	}
	/* Friends of the family take the child in. */
	{
		int f = add_person(g, C_NET_CARER, KR_SEX_F, ROLE(FRIEND), KR_WORLD_FOSTER,
		                   KR_SEG_HOUSEHOLD), b;
		if (f < 0)
			return;
		g->foster_surname = PICK(g, surnames);
		name_person(g, f, g->foster_surname);
		set_born(g, f, yrs(g->A, -(int)rnd(g, 28, 60)) - rnd(g, 0, 364),
		         pick_prec(g, 500, 100));
		make_carer(g, f, true);
		if (room(g) > 0 && chance(g, 600)) {
			b = add_person(g, C_NET_CARER, KR_SEX_M, ROLE(FRIEND), KR_WORLD_FOSTER,
			               KR_SEG_HOUSEHOLD);
			if (b >= 0) {
				name_person(g, b, g->foster_surname);
				set_born(g, b, g->p[f].born + rnd(g, -5 * 365, 5 * 365),
				         pick_prec(g, 500, 100));
				make_carer(g, b, true);
				couple(g, f, b, 60, 40, 0, NODAY);
			}
		}
	}
}

/* Foster parents from a provider's pool, or family-home parents. */
static void pool_carers(struct gen *g, int cat, unsigned role)
{
	int n = room(g) >= 2 && chance(g, 750) ? 2 : 1, first = -1;
	bool same = chance(g, 150);

	g->foster_surname = PICK(g, surnames);
	for (int k = 0; k < n; k++) {
		int other = first >= 0 && g->p[first].sex == KR_SEX_F ? KR_SEX_M : KR_SEX_F;
		int sex = k == 0 ? (chance(g, 800) ? KR_SEX_F : KR_SEX_M) :
		          same ? g->p[first].sex : other;
		int i = add_person(g, cat, sex, role, KR_WORLD_FOSTER, KR_SEG_HOUSEHOLD);
		long born;
		if (i < 0)
			break;
		name_person(g, i, k == 0 || !same ? g->foster_surname : PICK(g, surnames));
		born = k == 0 ? yrs(g->A, -(int)rnd(g, 30, 62)) - rnd(g, 0, 364) :
		       g->p[first].born + rnd(g, -5 * 365, 6 * 365);
		set_born(g, i, minl(born, yrs(g->A, -25)), pick_prec(g, 550, 100));
		make_carer(g, i, false);
		if (k == 0)
			first = i;
		else
			couple(g, first, i, 65, 35, 0, NODAY);
	}
}

static int add_prof(struct gen *g, int cat, int role)
{
	int i = add_person(g, cat, chance(g, 700) ? KR_SEX_F : KR_SEX_M, KR_ROLE_BIT(role),
	                   KR_WORLD_PROFESSIONAL, KR_SEG_PROFESSIONALS);
	if (i >= 0)
		name_person(g, i, PICK(g, surnames));
	return i;
}

static void involve(struct gen *g, int i, long from, long to)
{
	struct person *p = &g->p[i];
	if (p->ninv >= 2)
		return;
	p->inv_from[p->ninv] = from;
	p->inv_to[p->ninv] = to;
	p->ninv++;
}

static void add_event(struct gen *g, long day, int prec, int type, int person, int placement,
                      const char *text);

static void make_carers(struct gen *g)
{
	struct placement *pl = &g->pl[g->cur];

	switch (pl->form) {
	case KR_FORM_FOSTER_FULLTIME: case KR_FORM_FOSTER_PARTTIME: case KR_FORM_CRISIS:
		if (pl->network == 1)
			network_carers(g);
		else
			pool_carers(g, C_FOSTER_PARENT, ROLE(FOSTER_PARENT));
		break;
	case KR_FORM_INFORMAL_NETWORK:
		network_carers(g);
		break;
	case KR_FORM_SUPPORT_FAMILY:
		pool_carers(g, C_FOSTER_PARENT, ROLE(FOSTER_PARENT));
		break;
	case KR_FORM_FAMILY_HOME:
		pool_carers(g, C_FH_PARENT, ROLE(FAMILY_HOME_PARENT));
		break;
	case KR_FORM_RESIDENTIAL: {
		int i = add_prof(g, C_GROUP_WORKER, KR_ROLE_OTHER_PROFESSIONAL);
		if (i >= 0) {
			involve(g, i, pl->start, NODAY);
			g->p[i].carer = true;
			pl->carers[pl->ncarers++] = i;
		}
		break;
	}
	case KR_FORM_HOME: {
		int par = alive(&g->p[g->mother]) ? g->mother : g->father;
		g->p[par].carer = true;
		g->p[par].segment = KR_SEG_HOUSEHOLD;
		pl->carers[pl->ncarers++] = par;
		break;
	}
	default:
		break;
	}
	/* Foster links from the carers who bring the child up. */
	if (pl->form != KR_FORM_HOME && pl->form != KR_FORM_RESIDENTIAL &&
	    pl->form != KR_FORM_SUPPORT_FAMILY)
		for (int c = 0; c < pl->ncarers; c++)
			parent_link(g, pl->carers[c], g->child, KR_KIND_FOSTER);
}

/* The foster care worker at the start, and changes of worker. */
static void make_workers(struct gen *g)
{
	long change[2];
	int nchanges = 0;

	/* Room is kept for the current worker and a carer. */
	for (int w = 0; w < 3; w++)
		g->worker[w] = -1;
	if (g->A - g->opened > 240 && room(g) >= 4 && chance(g, 300)) {
		nchanges = 1;
		if (g->A - g->opened > 480 && room(g) >= 5 && chance(g, 250))
			nchanges = 2;
	}
	for (int c = 0; c < nchanges; c++)
		change[c] = rnd(g, g->opened + 90 + c * (g->A - g->opened) / 2,
		                g->opened + (c + 1) * (g->A - g->opened) / (nchanges) - 30);
	/* The current worker is made first: it must exist even in the smallest case. */
	for (int w = nchanges; w >= 0; w--) {
		int i = add_prof(g, C_WORKER, KR_ROLE_FOSTER_CARE_WORKER);
		long from = w == 0 ? g->opened : change[w - 1];
		long to = w == nchanges ? NODAY : change[w];
		if (i < 0)
			break;
		involve(g, i, from, to);
		g->worker[w] = i;
		g->nworker++;
		if (w > 0)
			add_event(g, from, P_DAY, KR_EV_PROFESSIONAL_CHANGE, i, -1,
			          "nieuwe pleegzorgbegeleider");
	}
	if (g->nworker < nchanges + 1) {
		/* Out of room: keep only the workers that exist, newest last. */
		int k = 0;
		for (int w = 0; w <= nchanges; w++)
			if (g->worker[w] >= 0)
				g->worker[k++] = g->worker[w];
		g->nworker = k;
	}
}

static void make_guardian(struct gen *g)
{
	int i;
	long from;

	g->guardian = -1;
	if (g->age >= 18 || room(g) < 1 || !chance(g, 450))
		return;
	i = add_prof(g, C_GUARDIAN, KR_ROLE_GUARDIAN);
	from = maxl(g->born + 1, g->opened - rnd(g, 0, 180));
	if (room(g) >= 1 && g->A - from > 400 && chance(g, 150)) {
		/* A change of gezinsvoogd. */
		long c = rnd(g, from + 120, g->A - 60);
		int j = add_prof(g, C_GUARDIAN, KR_ROLE_GUARDIAN);
		involve(g, i, from, c);
		if (j >= 0) {
			involve(g, j, c, NODAY);
			add_event(g, c, P_DAY, KR_EV_PROFESSIONAL_CHANGE, j, -1,
			          "nieuwe gezinsvoogd");
			g->guardian = j;
			return;
		}
	} else {
		involve(g, i, from, NODAY);
	}
	g->guardian = i;
}

/* ---- the rest of the network, one person at a time ---- */

static int side_pick(struct gen *g)
{
	if (!side_usable(g, 1))
		return 0;
	return chance(g, 550) ? 0 : 1;
}

static bool act_gp(struct gen *g)
{
	for (int tries = 0; tries < 2; tries++) {
		int s = tries ? 1 - side_pick(g) : side_pick(g);
		struct side *sd = &g->side[s];
		if (!side_usable(g, s))
			continue;
		if (sd->gm < 0 && sd->gf < 0) {
			if (add_gp(g, s, chance(g, 550), false) >= 0)
				return true;
		} else if (sd->gm < 0 || sd->gf < 0) {
			if (add_gp(g, s, sd->gm < 0, false) >= 0)
				return true;
		}
	}
	return false;
}

static bool act_aunt(struct gen *g)
{
	int s = side_pick(g);
	struct side *sd = &g->side[s];

	if (sd->naunts >= 3)
		s = 1 - s;
	sd = &g->side[s];
	if (!side_usable(g, s) || sd->naunts >= 3)
		return false;
	if (sd->gm < 0 && sd->gf < 0)
		return add_gp(g, s, chance(g, 550), false) >= 0;
	return add_aunt(g, s, g->A - 1) >= 0;
}

static bool act_aunt_partner(struct gen *g)
{
	for (int s = 0; s < 2; s++)
		for (int a = 0; a < g->side[s].naunts; a++) {
			int i = g->side[s].aunts[a];
			if (g->p[i].partner < 0 && g->p[i].born <= yrs(g->A, -22) &&
			    alive(&g->p[i]))
				return add_aunt_partner(g, i, false) >= 0;
		}
	return act_aunt(g);
}

static bool act_cousin(struct gen *g)
{
	int cand[16], n = 0, a, par[2], npar = 1, i, sex = peer_sex(g, 10);
	long lo, hi, born;
	const char *sur;

	for (int s = 0; s < 2; s++)
		for (int k = 0; k < g->side[s].naunts; k++)
			if (g->p[g->side[s].aunts[k]].born <= yrs(g->A, -19) && n < 16)
				cand[n++] = g->side[s].aunts[k];
	if (!n)
		return act_aunt(g);
	a = cand[rnd(g, 0, n - 1)];
	par[0] = a;
	if (g->p[a].partner >= 0) {
		par[1] = g->p[a].partner;
		npar = 2;
	}
	child_window(g, par, npar, &lo, &hi);
	if (lo > hi) {
		npar = 1;
		child_window(g, par, npar, &lo, &hi);
	}
	born = born_in(g, g->born + rnd(g, -8 * 365, 8 * 365), lo, hi);
	if (born == NODAY)
		return false;
	i = add_person(g, C_COUSIN, sex, ROLE(COUSIN), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	if (i < 0)
		return false;
	sur = g->p[a].sex == KR_SEX_M || npar == 1 ? g->p[a].surname : g->p[par[1]].surname;
	name_person(g, i, sur);
	set_born(g, i, born, pick_prec(g, 350, 200));
	g->p[i].side = g->p[a].side;
	for (int k = 0; k < npar; k++)
		parent_link(g, par[k], i, KR_KIND_BIRTH);
	return true;
}

static bool act_sibling(struct gen *g)
{
	int par[2] = { g->mother, g->father }, i;
	long lo, hi, born, d = rnd(g, 300, 8 * 365);

	child_window(g, par, 2, &lo, &hi);
	born = born_in(g, g->born + (chance(g, 500) ? d : -d), lo, hi);
	if (born == NODAY)
		return false;
	i = add_person(g, C_SIB, peer_sex(g, 10), ROLE(SIBLING), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	if (i < 0)
		return false;
	name_person(g, i, g->child_surname);
	set_born(g, i, born, pick_prec(g, 750, 100));
	parent_link(g, g->mother, i, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	parent_link(g, g->father, i, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	return true;
}

static bool act_step(struct gen *g)
{
	int s = side_pick(g), i, par, sex;
	long born, since, lo;

	if (g->couple_status == KR_PARTNER_MARRIED || g->couple_status == KR_PARTNER_COHABITING)
		return false;
	for (int tries = 0; tries < 2; tries++, s = 1 - s) {
		par = g->side[s].parent;
		if (!side_usable(g, s) || g->side[s].step >= 0 || !alive(&g->p[par]))
			continue;
		sex = chance(g, 900) ? (g->p[par].sex == KR_SEX_F ? KR_SEX_M : KR_SEX_F) :
		      g->p[par].sex;
		i = add_person(g, C_STEP, sex, ROLE(STEP_PARENT), KR_WORLD_ORIGIN,
		               g->p[par].carer ? KR_SEG_HOUSEHOLD : KR_SEG_FAMILY);
		if (i < 0)
			return false;
		name_person(g, i, PICK(g, surnames));
		born = clampl(g->p[par].born + rnd(g, -8 * 365, 8 * 365), LONG_MIN / 2,
		              yrs(g->A, -20));
		set_born(g, i, born, pick_prec(g, 500, 100));
		g->side[s].step = i;
		lo = g->couple_status ? maxl(g->couple_since, g->born) : g->born;
		since = rnd(g, minl(lo + 60, g->A - 30), g->A - 30);
		partners(g, par, i, chance(g, 650) ? KR_PARTNER_COHABITING : KR_PARTNER_MARRIED,
		         since, chance(g, 600) ? P_YEAR : P_MONTH);
		parent_link(g, i, g->child, KR_KIND_STEP);
		return true;
	}
	return false;
}

static bool act_half(struct gen *g)
{
	int s = g->father_unknown || chance(g, 600) ? 0 : 1, par[2], npar = 1, i;
	long lo, hi, born;

	par[0] = g->side[s].parent;
	if (g->side[s].step >= 0 && chance(g, 650)) {
		par[1] = g->side[s].step;
		npar = 2;
	}
	child_window(g, par, npar, &lo, &hi);
	if (lo > hi)
		return false;
	born = born_in(g, g->born + rnd(g, -8 * 365, 10 * 365), lo, hi);
	i = add_person(g, C_HALF, peer_sex(g, 10), ROLE(HALF_SIBLING), KR_WORLD_ORIGIN,
	               KR_SEG_FAMILY);
	if (i < 0)
		return false;
	name_person(g, i, npar == 2 ? g->p[par[1]].surname : g->side[s].surname);
	set_born(g, i, born, pick_prec(g, 700, 100));
	for (int k = 0; k < npar; k++)
		parent_link(g, par[k], i, KR_KIND_BIRTH);
	return true;
}

static bool act_origin_net(struct gen *g)
{
	static const int w[3] = { 45, 35, 20 };
	static const int roles[3] = { KR_ROLE_FRIEND, KR_ROLE_NEIGHBOUR, KR_ROLE_OTHER };
	static const int segs[3] = { KR_SEG_FRIENDS, KR_SEG_NEIGHBOURHOOD, KR_SEG_FAMILY };
	int k = weighted(g, w, 3);
	int i = add_person(g, C_ORIGIN_NET, adult_sex(g), KR_ROLE_BIT(roles[k]), KR_WORLD_ORIGIN,
	                   segs[k]);
	if (i < 0)
		return false;
	name_person(g, i, PICK(g, surnames));
	if (chance(g, 400))
		set_born(g, i, yrs(g->A, -(int)rnd(g, 25, 70)), P_YEAR);
	return true;
}

static bool act_religious(struct gen *g)
{
	int i = add_person(g, C_RELIGIOUS, adult_sex(g), ROLE(RELIGIOUS),
	                   chance(g, 700) ? KR_WORLD_ORIGIN : KR_WORLD_SHARED, KR_SEG_RELIGION);
	if (i < 0)
		return false;
	name_person(g, i, PICK(g, surnames));
	return true;
}

/* Carers of the current placement who are foster parents from a pool or
 * family-home parents (their own children are foster siblings). */
static int pool_parents(const struct gen *g, int *par)
{
	const struct placement *pl = &g->pl[g->cur];
	int n = 0;
	for (int c = 0; c < pl->ncarers && n < 2; c++) {
		int cat = g->p[pl->carers[c]].cat;
		if (cat == C_FOSTER_PARENT || cat == C_FH_PARENT || cat == C_NET_CARER)
			par[n++] = pl->carers[c];
	}
	return n;
}

static bool act_foster_sib(struct gen *g)
{
	int par[2], npar = pool_parents(g, par), i, age;
	long lo, hi, born;

	if (!npar)
		return false;
	child_window(g, par, npar, &lo, &hi);
	if (lo > hi && npar == 2) {
		npar = 1;
		child_window(g, par, npar, &lo, &hi);
	}
	hi = minl(hi, g->A - 30);
	born = born_in(g, g->born + rnd(g, -10 * 365, 6 * 365), lo, hi);
	if (born == NODAY)
		return false;
	age = age_on(born, g->A);
	i = add_person(g, C_FOSTER_SIB, peer_sex(g, 10), ROLE(FOSTER_SIBLING), KR_WORLD_FOSTER,
	               age >= 20 ? KR_SEG_FAMILY : KR_SEG_HOUSEHOLD);
	if (i < 0)
		return false;
	name_person(g, i, g->foster_surname ? g->foster_surname : PICK(g, surnames));
	set_born(g, i, born, pick_prec(g, 700, 100));
	for (int k = 0; k < npar; k++)
		parent_link(g, par[k], i, KR_KIND_BIRTH);
	return true;
}

static bool foster_world_carers(const struct gen *g)
{
	const struct placement *pl = &g->pl[g->cur];
	for (int c = 0; c < pl->ncarers; c++)
		if (g->p[pl->carers[c]].world == KR_WORLD_FOSTER)
			return true;
	return false;
}

static bool act_foster_net(struct gen *g)
{
	static const int w[3] = { 35, 30, 35 };
	static const int roles[3] = { KR_ROLE_OTHER, KR_ROLE_FRIEND, KR_ROLE_NEIGHBOUR };
	static const int segs[3] = { KR_SEG_FAMILY, KR_SEG_FRIENDS, KR_SEG_NEIGHBOURHOOD };
	int k, i;

	if (!foster_world_carers(g))
		return false;
	k = weighted(g, w, 3);
	i = add_person(g, C_FOSTER_NET, adult_sex(g), KR_ROLE_BIT(roles[k]), KR_WORLD_FOSTER,
	               segs[k]);
	if (i < 0)
		return false;
	name_person(g, i, k == 0 && g->foster_surname ? g->foster_surname : PICK(g, surnames));
	if (k == 0)
		set_born(g, i, yrs(g->A, -(int)rnd(g, 58, 85)) - rnd(g, 0, 364), P_YEAR);
	return true;
}

/* A foster parent of an earlier placement. */
static bool act_ex_carer(struct gen *g)
{
	for (int k = 0; k < g->cur; k++) {
		struct placement *pl = &g->pl[k];
		bool fh = pl->form == KR_FORM_FAMILY_HOME;
		int i;
		if (pl->ncarers || pl->network == 1 ||
		    !(foster_form(pl->form) || fh || pl->form == KR_FORM_SUPPORT_FAMILY))
			continue;
		i = add_person(g, C_EX_CARER, chance(g, 800) ? KR_SEX_F : KR_SEX_M,
		               fh ? ROLE(FAMILY_HOME_PARENT) : ROLE(FOSTER_PARENT), KR_WORLD_FOSTER,
		               KR_SEG_FAMILY);
		if (i < 0)
			return false;
		name_person(g, i, PICK(g, surnames));
		if (chance(g, 500))
			set_born(g, i, yrs(g->A, -(int)rnd(g, 32, 68)), P_YEAR);
		pl->carers[pl->ncarers++] = i;
		return true;
	}
	return false;
}

static bool act_shared(struct gen *g, int cat)
{
	int role, seg, world = KR_WORLD_SHARED, sex, i;
	long born = NODAY;
	int prec = P_NONE;

	switch (cat) {
	case C_TEACHER:
		role = KR_ROLE_TEACHER;
		seg = KR_SEG_SCHOOL_WORK;
		sex = chance(g, 700) ? KR_SEX_F : KR_SEX_M;
		break;
	case C_COACH:
		role = KR_ROLE_COACH;
		seg = KR_SEG_LEISURE;
		sex = adult_sex(g);
		break;
	case C_MENTOR:
		role = KR_ROLE_MENTOR;
		seg = chance(g, 500) ? KR_SEG_LEISURE : KR_SEG_FRIENDS;
		sex = adult_sex(g);
		if (chance(g, 400)) {
			born = yrs(g->A, -(int)rnd(g, 20, 55));
			prec = P_YEAR;
		}
		break;
	default: {   /* a friend of the child's own age */
		static const int w[4] = { 60, 25, 10, 5 };
		static const int segs[4] = { KR_SEG_FRIENDS, KR_SEG_SCHOOL_WORK, KR_SEG_ONLINE,
			KR_SEG_LEISURE };
		int k = weighted(g, w, 4);
		if (k == 2 && g->age < 10)
			k = 0;
		role = KR_ROLE_FRIEND;
		seg = segs[k];
		sex = peer_sex(g, 25);
		if (k == 2 && chance(g, 300))
			sex = KR_SEX_UNKNOWN;
		world = chance(g, 700) ? KR_WORLD_SHARED : chance(g, 500) ? KR_WORLD_ORIGIN :
		        KR_WORLD_FOSTER;
		if (!chance(g, 400)) {
			born = minl(g->born + rnd(g, -2 * 365, 2 * 365), g->A - 300);
			prec = chance(g, 500) ? P_DAY : P_YEAR;
		}
		break;
	}
	}
	i = add_person(g, cat, sex, KR_ROLE_BIT(role), world, seg);
	if (i < 0)
		return false;
	name_person(g, i, PICK(g, surnames));
	if (born != NODAY)
		set_born(g, i, born, prec);
	return true;
}

static int count_prof(const struct gen *g)
{
	int n = 0;
	for (int i = 0; i < g->np; i++)
		n += is_prof(&g->p[i]);
	return n;
}

static bool act_prof(struct gen *g)
{
	static const int w[4] = { 30, 35, 20, 15 };
	int k = weighted(g, w, 4), i;
	long from, to = NODAY;

	if (count_prof(g) >= 7)
		return false;
	if (k == 0 && g->guardian < 0 && g->age < 18) {
		make_guardian(g);
		return g->guardian >= 0;
	}
	if (k <= 1 && g->ncat[C_THERAPIST] < 2) {
		/* Therapy may be about to start, or end within half a year. */
		i = add_prof(g, C_THERAPIST, KR_ROLE_THERAPIST);
		if (i < 0)
			return false;
		from = rnd(g, maxl(g->opened, g->A - 3 * 365), g->A + 180);
		if (from + 30 < g->A + 180 && chance(g, 400))
			to = rnd(g, from + 30, minl(from + 400, g->A + 180));
		involve(g, i, from, to);
		return true;
	}
	if (k == 2 && g->ncat[C_SOCIAL] < 1) {
		i = add_prof(g, C_SOCIAL, KR_ROLE_SOCIAL_TEAM);
		if (i < 0)
			return false;
		from = maxl(g->born + 1, g->opened - rnd(g, 0, 2 * 365));
		if (from + 60 < g->A && chance(g, 500))
			to = rnd(g, from + 60, g->A - 1);
		involve(g, i, from, to);
		return true;
	}
	if (g->ncat[C_OTHER_PROF] >= 2)
		return false;
	i = add_prof(g, C_OTHER_PROF, KR_ROLE_OTHER_PROFESSIONAL);
	if (i < 0)
		return false;
	if (chance(g, 600))
		involve(g, i, rnd(g, g->opened, g->A - 1), NODAY);
	return true;
}

enum act {
	A_GP, A_AUNT, A_AUNT_PARTNER, A_COUSIN, A_SIB, A_HALF, A_STEP, A_ORIGIN_NET,
	A_RELIGIOUS, A_FOSTER_SIB, A_FOSTER_NET, A_EX_CARER, A_TEACHER, A_COACH, A_FRIEND,
	A_MENTOR, A_PROF, A__N
};

static void fill_network(struct gen *g)
{
	static const int base_w[A__N] = { 40, 18, 8, 12, 20, 14, 8, 8, 2, 16, 12, 10, 26, 16,
		22, 6, 8 };
	int caps[A__N] = { 4, 6, 4, 5, 5, 3, 2, 4, 1, 3, 5, 3, 2, 2, 10, 1, 6 };
	int done[A__N] = { 0 }, fails[A__N] = { 0 };

	if (g->age < 4)
		caps[A_TEACHER] = 0;
	if (g->age < 5)
		caps[A_COACH] = 0;
	if (g->age < 3)
		caps[A_FRIEND] = 0;
	else if (g->age < 6)
		caps[A_FRIEND] = 3;
	if (g->age < 12)
		caps[A_MENTOR] = 0;
	while (room(g) > 0) {
		int w[A__N], a, before = g->np;
		bool ok;
		for (int k = 0; k < A__N; k++)
			w[k] = done[k] < caps[k] && fails[k] < 3 ? base_w[k] : 0;
		a = weighted(g, w, A__N);
		if (a < 0)
			break;
		switch (a) {
		case A_GP: ok = act_gp(g); break;
		case A_AUNT: ok = act_aunt(g); break;
		case A_AUNT_PARTNER: ok = act_aunt_partner(g); break;
		case A_COUSIN: ok = act_cousin(g); break;
		case A_SIB: ok = act_sibling(g); break;
		case A_HALF: ok = act_half(g); break;
		case A_STEP: ok = act_step(g); break;
		case A_ORIGIN_NET: ok = act_origin_net(g); break;
		case A_RELIGIOUS: ok = act_religious(g); break;
		case A_FOSTER_SIB: ok = act_foster_sib(g); break;
		case A_FOSTER_NET: ok = act_foster_net(g); break;
		case A_EX_CARER: ok = act_ex_carer(g); break;
		case A_TEACHER: ok = act_shared(g, C_TEACHER); break;
		case A_COACH: ok = act_shared(g, C_COACH); break;
		case A_FRIEND: ok = act_shared(g, C_FRIEND); break;
		case A_MENTOR: ok = act_shared(g, C_MENTOR); break;
		default: ok = act_prof(g); break;
		}
		if (ok && g->np > before)
			done[a]++;
		else
			fails[a]++;
	}
}

/* Siblings placed in the same family; earlier network placements with a
 * relative as carer. */
static void finish_placements(struct gen *g)
{
	struct placement *cur = &g->pl[g->cur];

	if ((foster_form(cur->form) || cur->form == KR_FORM_FAMILY_HOME) && chance(g, 300))
		for (int i = 0; i < g->np && cur->nchildren < 1; i++) {
			struct person *p = &g->p[i];
			if (p->cat == C_SIB && !p->apart && p->born != NODAY &&
			    age_on(p->born, g->A) < 18) {
				cur->children[cur->nchildren++] = i;
				p->together = true;
				p->segment = KR_SEG_HOUSEHOLD;
			}
		}
	for (int k = 0; k < g->cur; k++) {
		struct placement *pl = &g->pl[k];
		if (pl->network != 1 || pl->ncarers)
			continue;
		for (int i = 0; i < g->np; i++) {
			const struct person *p = &g->p[i];
			if ((p->cat == C_GP || p->cat == C_AUNT) && !p->carer && alive(p) &&
			    p->born < yrs(pl->start, -25)) {
				pl->carers[pl->ncarers++] = i;
				break;
			}
		}
	}
}

/* ---- ties ---- */

struct tie_profile {
	int strength[3];     /* strong, normal, weak */
	int quality[5];      /* positive, neutral, ambivalent, conflict, broken */
	int freq[6];         /* daily, weekly, monthly, yearly, rarely, never */
	int support[5];      /* permille each: emotional, practical, information, respite,
	                        financial */
	int dir[3];          /* a_to_b, b_to_a, mutual */
};

enum tp {
	TP_CARER, TP_PARENT, TP_STEP, TP_SIB, TP_GP, TP_AUNT, TP_COUSIN, TP_FOSTER_SIB,
	TP_FOSTER_NET, TP_EX_CARER, TP_SCHOOL, TP_COACH, TP_FRIEND, TP_MENTOR, TP_ACQUAINT,
	TP_PROF, TP_COUPLE, TP_COUPLE_APART, TP_PARENT_CARER, TP_PARENT_CARER_TENSE,
	TP_PARENT_CARER_BAD, TP_FAMILY, TP_PROF_ADULT, TP_GENERIC, TP__N
};

static const struct tie_profile profiles[TP__N] = {
	[TP_CARER] = { { 75, 25, 0 }, { 70, 7, 20, 3, 0 }, { 100, 0, 0, 0, 0, 0 },
		{ 800, 900, 200, 50, 0 }, { 0, 55, 45 } },
	[TP_PARENT] = { { 30, 40, 30 }, { 30, 10, 35, 17, 8 }, { 0, 35, 35, 8, 15, 7 },
		{ 350, 150, 50, 0, 50 }, { 15, 35, 50 } },
	[TP_STEP] = { { 10, 50, 40 }, { 35, 30, 15, 15, 5 }, { 5, 40, 35, 5, 10, 5 },
		{ 150, 200, 0, 0, 50 }, { 5, 30, 65 } },
	[TP_SIB] = { { 45, 40, 15 }, { 60, 10, 20, 8, 2 }, { 5, 35, 37, 10, 10, 3 },
		{ 500, 100, 0, 0, 0 }, { 20, 10, 70 } },
	[TP_GP] = { { 40, 45, 15 }, { 70, 15, 10, 5, 0 }, { 3, 25, 45, 12, 15, 0 },
		{ 600, 300, 50, 150, 100 }, { 0, 60, 40 } },
	[TP_AUNT] = { { 15, 50, 35 }, { 60, 25, 10, 5, 0 }, { 0, 15, 40, 25, 20, 0 },
		{ 300, 200, 0, 100, 30 }, { 0, 50, 50 } },
	[TP_COUSIN] = { { 10, 50, 40 }, { 60, 30, 7, 3, 0 }, { 0, 10, 40, 30, 20, 0 },
		{ 150, 0, 0, 0, 0 }, { 5, 5, 90 } },
	[TP_FOSTER_SIB] = { { 40, 50, 10 }, { 55, 15, 20, 10, 0 }, { 100, 0, 0, 0, 0, 0 },
		{ 300, 200, 0, 0, 0 }, { 15, 15, 70 } },
	[TP_FOSTER_NET] = { { 10, 45, 45 }, { 65, 30, 5, 0, 0 }, { 0, 30, 40, 20, 10, 0 },
		{ 150, 150, 0, 200, 0 }, { 0, 50, 50 } },
	[TP_EX_CARER] = { { 5, 35, 60 }, { 45, 20, 20, 5, 10 }, { 0, 0, 10, 35, 40, 15 },
		{ 150, 0, 0, 0, 0 }, { 0, 40, 60 } },
	[TP_SCHOOL] = { { 15, 60, 25 }, { 60, 30, 5, 5, 0 }, { 60, 40, 0, 0, 0, 0 },
		{ 300, 150, 700, 0, 0 }, { 0, 80, 20 } },
	[TP_COACH] = { { 30, 55, 15 }, { 80, 15, 5, 0, 0 }, { 0, 85, 15, 0, 0, 0 },
		{ 400, 400, 200, 0, 0 }, { 0, 60, 40 } },
	[TP_FRIEND] = { { 30, 50, 20 }, { 75, 10, 10, 5, 0 }, { 30, 40, 25, 0, 5, 0 },
		{ 500, 100, 50, 0, 0 }, { 5, 5, 90 } },
	[TP_MENTOR] = { { 55, 45, 0 }, { 90, 10, 0, 0, 0 }, { 0, 60, 40, 0, 0, 0 },
		{ 900, 300, 500, 0, 0 }, { 0, 70, 30 } },
	[TP_ACQUAINT] = { { 5, 40, 55 }, { 60, 35, 5, 0, 0 }, { 0, 20, 35, 25, 20, 0 },
		{ 100, 150, 0, 50, 0 }, { 0, 40, 60 } },
	[TP_PROF] = { { 10, 60, 30 }, { 50, 40, 10, 0, 0 }, { 0, 25, 60, 0, 15, 0 },
		{ 400, 200, 700, 0, 0 }, { 0, 100, 0 } },
	[TP_COUPLE] = { { 70, 30, 0 }, { 70, 15, 15, 0, 0 }, { 100, 0, 0, 0, 0, 0 },
		{ 800, 800, 0, 0, 300 }, { 0, 0, 100 } },
	[TP_COUPLE_APART] = { { 0, 40, 60 }, { 10, 30, 25, 28, 7 }, { 0, 20, 40, 10, 20, 10 },
		{ 0, 100, 0, 0, 100 }, { 10, 10, 80 } },
	/* Parents and foster parents: by the climate of the case (see adult_ties). */
	[TP_PARENT_CARER] = { { 10, 60, 30 }, { 65, 30, 5, 0, 0 }, { 0, 35, 45, 5, 13, 2 },
		{ 100, 50, 100, 0, 0 }, { 10, 10, 80 } },
	[TP_PARENT_CARER_TENSE] = { { 5, 55, 40 }, { 20, 35, 35, 10, 0 },
		{ 0, 25, 45, 10, 15, 5 }, { 50, 50, 100, 0, 0 }, { 10, 10, 80 } },
	[TP_PARENT_CARER_BAD] = { { 0, 40, 60 }, { 5, 15, 25, 40, 15 }, { 0, 15, 40, 10, 20, 15 },
		{ 0, 0, 50, 0, 0 }, { 10, 10, 80 } },
	[TP_FAMILY] = { { 35, 45, 20 }, { 60, 15, 15, 8, 2 }, { 10, 35, 35, 10, 8, 2 },
		{ 400, 300, 0, 100, 100 }, { 20, 20, 60 } },
	[TP_PROF_ADULT] = { { 0, 70, 30 }, { 45, 35, 15, 5, 0 }, { 0, 20, 65, 0, 15, 0 },
		{ 200, 100, 800, 0, 0 }, { 80, 0, 20 } },
	[TP_GENERIC] = { { 10, 50, 40 }, { 50, 30, 10, 8, 2 }, { 5, 20, 40, 20, 15, 0 },
		{ 200, 150, 100, 50, 30 }, { 20, 20, 60 } },
};

static int add_tie(struct gen *g, int a, int b, int profile)
{
	const struct tie_profile *pr = &profiles[profile];
	struct tie *t;

	if (a == b || g->tied[a][b] || g->nt >= MAXT)
		return -1;
	g->tied[a][b] = g->tied[b][a] = 1;
	t = &g->t[g->nt];
	memset(t, 0, sizeof *t);
	t->a = a;
	t->b = b;
	t->strength = 1 + weighted(g, pr->strength, 3);
	t->quality = 1 + weighted(g, pr->quality, 5);
	t->freq = 1 + weighted(g, pr->freq, 6);
	for (int s = 0; s < 5; s++)
		if (chance(g, pr->support[s]))
			t->support |= 1u << (s + 1);
	t->dir = chance(g, 850) ? 1 + weighted(g, pr->dir, 3) : 0;
	if (t->quality == KR_QUALITY_BROKEN) {
		if (t->freq < KR_FREQ_RARELY)
			t->freq = chance(g, 500) ? KR_FREQ_RARELY : KR_FREQ_NEVER;
		t->strength = KR_STRENGTH_WEAK;
		t->support = 0;
	} else if (t->freq >= KR_FREQ_RARELY && t->strength == KR_STRENGTH_STRONG) {
		/* Little contact: rarely a strong tie. */
		t->strength = chance(g, 700) ? KR_STRENGTH_WEAK : KR_STRENGTH_NORMAL;
	}
	return g->nt++;
}

static bool involved_now(const struct person *p, long on)
{
	if (!p->ninv)
		return true;
	for (int k = 0; k < p->ninv; k++)
		if (p->inv_from[k] <= on && (p->inv_to[k] == NODAY || p->inv_to[k] >= on))
			return true;
	return false;
}

/* Profile and inclusion chance (permille) of a tie between the child and
 * person i. */
static int child_profile(const struct gen *g, int i, int *permille)
{
	const struct person *p = &g->p[i];

	if (p->carer && p->cat != C_GROUP_WORKER) {
		*permille = 1000;
		return TP_CARER;
	}
	switch (p->cat) {
	case C_MOTHER: *permille = 950; return TP_PARENT;
	case C_FATHER: *permille = 750; return TP_PARENT;
	case C_STEP: *permille = 700; return TP_STEP;
	case C_SIB: *permille = 930; return TP_SIB;
	case C_HALF: *permille = 800; return TP_SIB;
	case C_GP: *permille = 720; return TP_GP;
	case C_AUNT: case C_AUNT_PARTNER: *permille = 480; return TP_AUNT;
	case C_COUSIN: *permille = 380; return TP_COUSIN;
	case C_FOSTER_SIB: *permille = 950; return TP_FOSTER_SIB;
	case C_FOSTER_NET: *permille = 420; return TP_FOSTER_NET;
	case C_NET_CARER: *permille = 500; return TP_FOSTER_NET;
	case C_EX_CARER: *permille = 550; return TP_EX_CARER;
	case C_ORIGIN_NET: *permille = 450; return TP_ACQUAINT;
	case C_RELIGIOUS: *permille = 600; return TP_ACQUAINT;
	case C_TEACHER: *permille = 900; return TP_SCHOOL;
	case C_COACH: *permille = 900; return TP_COACH;
	case C_FRIEND: *permille = 950; return TP_FRIEND;
	case C_MENTOR: *permille = 1000; return TP_MENTOR;
	case C_WORKER:
		*permille = involved_now(p, g->A) ? 1000 : 350;
		return TP_PROF;
	case C_GUARDIAN: *permille = involved_now(p, g->A) ? 850 : 300; return TP_PROF;
	case C_THERAPIST: *permille = 850; return TP_PROF;
	case C_GROUP_WORKER: *permille = 1000; return TP_PROF;
	default: *permille = 450; return TP_PROF;
	}
}

/* Adjusts a tie of the child to what the data around it says. */
static void child_tie_fixups(struct gen *g, struct tie *t)
{
	const struct person *p = &g->p[t->b];
	const struct placement *cur = &g->pl[g->cur];

	if (p->carer && (cur->form == KR_FORM_FOSTER_PARTTIME ||
	                 cur->form == KR_FORM_SUPPORT_FAMILY))
		t->freq = KR_FREQ_WEEKLY;
	if (p->together || (p->cat == C_FOSTER_SIB && p->segment == KR_SEG_HOUSEHOLD))
		t->freq = KR_FREQ_DAILY;
	if (p->cat == C_FOSTER_SIB && p->segment != KR_SEG_HOUSEHOLD)
		t->freq = chance(g, 500) ? KR_FREQ_WEEKLY : KR_FREQ_MONTHLY;
	if (is_prof(p) && !involved_now(p, g->A)) {
		t->strength = KR_STRENGTH_WEAK;
		t->freq = chance(g, 500) ? KR_FREQ_RARELY : KR_FREQ_NEVER;
	}
	if (p->cat == C_SIB || p->cat == C_HALF) {
		/* The child may look after a younger sibling. */
		if (p->born > g->born && t->dir == KR_DIR_B_TO_A)
			t->dir = KR_DIR_A_TO_B;
	}
}

static bool family_cat(int cat)
{
	return cat == C_MOTHER || cat == C_FATHER || cat == C_STEP || cat == C_SIB ||
	       cat == C_HALF || cat == C_GP || cat == C_AUNT || cat == C_AUNT_PARTNER ||
	       cat == C_COUSIN;
}

static bool tieable(const struct gen *g, int i)
{
	const struct person *p = &g->p[i];
	return alive(p) && !(i == g->father && g->father_unknown);
}

/* The structural ties between adults: the couple, parents and carers,
 * grandparents and their children, workers and the families. */
static void adult_ties(struct gen *g, int target)
{
	static const int climate_w[3] = { 60, 25, 15 };
	const struct placement *cur = &g->pl[g->cur];
	int m = g->mother, f = g->father;
	/* How parents and carers get on is a trait of the case: good, tense or
	 * in conflict (003: a conflictual collaboration is a risk factor). */
	int climate = TP_PARENT_CARER + weighted(g, climate_w, 3);

	if (tieable(g, m) && tieable(g, f) && chance(g, 750))
		add_tie(g, m, f, g->couple_status <= KR_PARTNER_COHABITING ? TP_COUPLE :
		        TP_COUPLE_APART);
	for (int c = 0; c < cur->ncarers && g->nt < target; c++) {
		int cr = cur->carers[c];
		int pr = is_prof(&g->p[cr]) ? TP_PROF_ADULT : climate;
		if (g->p[cr].cat == C_MOTHER || g->p[cr].cat == C_FATHER)
			continue;
		if (tieable(g, m) && chance(g, 970))
			add_tie(g, pr == TP_PROF_ADULT ? cr : m, pr == TP_PROF_ADULT ? m : cr, pr);
		if (tieable(g, f) && chance(g, 850))
			add_tie(g, pr == TP_PROF_ADULT ? cr : f, pr == TP_PROF_ADULT ? f : cr, pr);
	}
	for (int i = 0; i < g->np && g->nt < target; i++) {
		const struct person *p = &g->p[i];
		int j = p->partner;
		if (!tieable(g, i))
			continue;
		if (j > i && tieable(g, j) && i != m && i != f && chance(g, 450))
			add_tie(g, i, j, TP_COUPLE);
		if (p->cat == C_GP && p->side >= 0 && tieable(g, g->side[p->side].parent) &&
		    chance(g, 800))
			add_tie(g, i, g->side[p->side].parent, TP_FAMILY);
		if (p->cat == C_AUNT && tieable(g, g->side[p->side].parent) && chance(g, 500))
			add_tie(g, i, g->side[p->side].parent, TP_FAMILY);
		if (p->cat == C_FOSTER_SIB)
			for (int c = 0; c < cur->ncarers; c++)
				if (chance(g, 700))
					add_tie(g, cur->carers[c], i, TP_FAMILY);
		if (p->cat == C_WORKER && involved_now(p, g->A)) {
			for (int c = 0; c < cur->ncarers; c++)
				if (chance(g, 900))
					add_tie(g, i, cur->carers[c], TP_PROF_ADULT);
			if (tieable(g, m) && chance(g, 700))
				add_tie(g, i, m, TP_PROF_ADULT);
		}
		if (p->cat == C_GUARDIAN && involved_now(p, g->A)) {
			if (tieable(g, m) && chance(g, 800))
				add_tie(g, i, m, TP_PROF_ADULT);
			if (tieable(g, f) && chance(g, 400))
				add_tie(g, i, f, TP_PROF_ADULT);
		}
		if ((p->cat == C_TEACHER || p->cat == C_COACH) && cur->ncarers &&
		    chance(g, p->cat == C_TEACHER ? 500 : 300))
			add_tie(g, cur->carers[0], i, TP_GENERIC);
	}
	for (int i = 0; i < g->np && g->nt < target; i++)
		for (int j = i + 1; j < g->np && g->nt < target; j++) {
			int ci = g->p[i].cat, cj = g->p[j].cat;
			bool sibs = (ci == C_SIB || ci == C_HALF) && (cj == C_SIB || cj == C_HALF);
			if (sibs && tieable(g, i) && tieable(g, j) && chance(g, 450))
				add_tie(g, i, j, TP_FAMILY);
		}
}

/* How likely a random tie between i and j is, in permille, by their worlds. */
static int pair_weight(const struct gen *g, int i, int j)
{
	const struct person *a = &g->p[i], *b = &g->p[j];
	bool pa = is_prof(a), pb = is_prof(b);

	if (pa && pb)
		return 350;
	if (pa || pb) {
		const struct person *o = pa ? b : a;
		return o->carer || o->cat == C_MOTHER || o->cat == C_FATHER ? 700 : 60;
	}
	if (a->world == b->world)
		return 1000;
	if (a->world == KR_WORLD_SHARED || b->world == KR_WORLD_SHARED)
		return 450;
	return 200;   /* origin and foster: the bridges between the two worlds */
}

static void random_ties(struct gen *g, int target)
{
	for (int attempt = 0; attempt < 60 * target && g->nt < target; attempt++) {
		int i = (int)rnd(g, 1, g->np - 1), j = (int)rnd(g, 1, g->np - 1), prof;
		if (i == j || g->tied[i][j] || !tieable(g, i) || !tieable(g, j))
			continue;
		if (!chance(g, pair_weight(g, i, j)))
			continue;
		if (is_prof(&g->p[j])) {
			int x = i;
			i = j;
			j = x;
		}
		if (is_prof(&g->p[i]) && !is_prof(&g->p[j]))
			prof = TP_PROF_ADULT;
		else if (family_cat(g->p[i].cat) && family_cat(g->p[j].cat))
			prof = TP_FAMILY;
		else
			prof = TP_GENERIC;
		add_tie(g, i, j, prof);
	}
}

static void make_ties(struct gen *g)
{
	int n = g->np, pairs = n * (n - 1) / 2;
	int target = (int)(n * rnd(g, 17, 23) / 10);

	if (target > pairs * 3 / 4)
		target = pairs * 3 / 4;
	if (target > MAXT)
		target = MAXT;
	/* The child's own ties first: every child has some. */
	for (int i = 0; i < g->np; i++) {
		int permille, pr;
		if (i == g->child || !tieable(g, i))
			continue;
		pr = child_profile(g, i, &permille);
		if (chance(g, permille)) {
			int t = add_tie(g, g->child, i, pr);
			if (t >= 0)
				child_tie_fixups(g, &g->t[t]);
		}
	}
	adult_ties(g, target);
	random_ties(g, target);

	/* One trust figure in about 70 % of the cases, preferably informal. */
	if (chance(g, 720)) {
		int best = -1, best_w = -1;
		for (int t = 0; t < g->nt; t++) {
			const struct tie *x = &g->t[t];
			const struct person *p = &g->p[x->b];
			int w;
			if (x->a != g->child || x->quality != KR_QUALITY_POSITIVE ||
			    x->strength == KR_STRENGTH_WEAK)
				continue;
			w = is_prof(p) ? 5 : p->cat == C_MENTOR || p->cat == C_GP ? 40 :
			    p->carer ? 25 : 20;
			w = (int)rnd(g, 0, w);
			if (w > best_w) {
				best_w = w;
				best = t;
			}
		}
		if (best >= 0) {
			g->t[best].trust = true;
			g->t[best].strength = KR_STRENGTH_STRONG;
		}
	}
}

/* ---- events, meetings, development checks ---- */

static void add_event(struct gen *g, long day, int prec, int type, int person, int placement,
                      const char *text)
{
	struct event *e;

	if (g->nev >= MAXEV || day > g->A)
		return;
	/* A partial date must not reach back before the child's birth. */
	if (prec != P_DAY && first_day(day, prec) < g->born)
		prec = P_DAY;
	e = &g->ev[g->nev++];
	e->day = day;
	e->key = first_day(day, prec);
	e->prec = prec;
	e->type = type;
	e->person = person;
	e->placement = placement;
	snprintf(e->text, sizeof e->text, "%s", text ? text : "");
}

/* Copies template `t` into out, replacing {k} by the child's first name. */
static const char *fill(const struct gen *g, const char *t, char *out, size_t size)
{
	const char *k = g->p[g->child].first;
	size_t n = 0, kl = strlen(k);

	for (; *t && n + 1 < size; t++) {
		if (t[0] == '{' && t[1] == 'k' && t[2] == '}') {
			if (n + kl + 1 >= size)
				break;
			memcpy(out + n, k, kl);
			n += kl;
			t += 2;
		} else {
			out[n++] = *t;
		}
	}
	out[n] = '\0';
	return out;
}

static const char *form_words(int form)
{
	static const char *const w[KR_FORM__N] = { "", "bij familie of bekenden",
		"steungezin", "deeltijdpleegzorg", "voltijdpleegzorg", "crisisopvang",
		"gezinshuis", "leefgroep", "weer thuis" };
	return form > 0 && form < KR_FORM__N ? w[form] : "";
}

static void make_dev_checks(struct gen *g)
{
	long d = maxl(g->pl[0].start, g->born + 30) + rnd(g, 20, 90);
	long stop = chance(g, 250) ? g->A - rnd(g, 400, 800) : g->A;

	while (d <= stop && g->ndev < MAXDEV) {
		g->dev[g->ndev++] = d;
		d += (age_on(g->born, d) < 3 ? 182 : 365) + rnd(g, -40, 40);
	}
}

static int worker_on(const struct gen *g, long day)
{
	for (int w = 0; w < g->nworker; w++)
		if (involved_now(&g->p[g->worker[w]], day))
			return g->worker[w];
	return g->nworker ? g->worker[g->nworker - 1] : -1;
}

static void invite(struct meeting *m, int i, bool attends)
{
	if (i < 0 || m->ninv >= MAXINV)
		return;
	for (int k = 0; k < m->ninv; k++)
		if (m->inv[k] == i)
			return;
	m->att[m->ninv] = attends;
	m->inv[m->ninv++] = i;
}

static void make_meetings(struct gen *g)
{
	static const int count_w[5] = { 15, 35, 25, 15, 10 };
	static const int type_w[6] = { 0, 20, 15, 35, 15, 15 };
	long lo = maxl(g->opened, g->A - 3 * 365);
	int n = weighted(g, count_w, 5);
	const struct placement *cur = &g->pl[g->cur];

	if (g->A - lo < 30)
		n = n > 1 ? 1 : n;
	for (int k = 0; k < n; k++) {
		/* Half of the meetings fall in the last nine months. */
		long day = rnd(g, chance(g, 500) ? maxl(lo, g->A - 270) : lo, g->A);
		int j = g->nm++;
		while (j > 0 && g->m[j - 1].day > day) {
			g->m[j] = g->m[j - 1];
			j--;
		}
		g->m[j].day = day;
	}
	for (int k = 0; k < g->nm; k++) {
		struct meeting *m = &g->m[k];
		long day = m->day;
		memset(m, 0, sizeof *m);
		m->day = day;
		m->type = weighted(g, type_w, 6);
		m->cont = m->type == KR_MEET_OTHER ? (chance(g, 300) ? 0 : (int)rnd(g, 1, 4)) :
		          m->type;
	}
	for (int k = 0; k < g->nm; k++) {
		struct meeting *m = &g->m[k];
		int extra = (int)rnd(g, 1, 6), w;
		if (g->age >= 6)
			invite(m, g->child, chance(g, 800));
		else if (g->age >= 4 && chance(g, 300))
			invite(m, g->child, chance(g, 600));
		if (tieable(g, g->mother))
			invite(m, g->mother, chance(g, 750));
		if (tieable(g, g->father) && chance(g, 700))
			invite(m, g->father, chance(g, 550));
		for (int c = 0; c < cur->ncarers; c++)
			invite(m, cur->carers[c], chance(g, 920));
		w = worker_on(g, m->day);
		if (m->type != KR_MEET_DIY || chance(g, 400))
			invite(m, w, m->type != KR_MEET_FAMILY_GROUP_CONFERENCE || chance(g, 500));
		if (g->guardian >= 0 && (m->type == KR_MEET_SIGNS_OF_SAFETY || chance(g, 500)))
			invite(m, g->guardian, chance(g, 850));
		/* Network members with a tie to the child. */
		for (int t = 0; t < g->nt && extra > 0; t++) {
			const struct tie *x = &g->t[t];
			const struct person *p = &g->p[x->b];
			if (x->a != g->child || is_prof(p) || p->cat == C_FRIEND ||
			    p->cat == C_COUSIN || !chance(g, 350))
				continue;
			invite(m, x->b, chance(g, 700));
			extra--;
		}
		add_event(g, m->day, P_DAY, KR_EV_MEETING, -1, -1, meeting_words[m->type]);
	}
}

static void make_events(struct gen *g)
{
	char text[120];
	const struct placement *first = &g->pl[0];
	int nmoves = (int)rnd(g, 0, 2);

	add_event(g, g->born, P_DAY, KR_EV_BIRTH, g->child, -1, NULL);
	for (int i = 0; i < g->np; i++) {
		const struct person *p = &g->p[i];
		bool sib = p->cat == C_SIB || p->cat == C_HALF || p->cat == C_FOSTER_SIB;
		if (sib && p->born != NODAY && p->born > g->born && chance(g, 700))
			add_event(g, p->born, p->born_prec, KR_EV_BIRTH, i, -1, NULL);
		if (p->died != NODAY && p->died >= g->born) {
			if (p->cat == C_MOTHER || p->cat == C_FATHER)
				add_event(g, p->died, p->died_prec, KR_EV_LOSS, i, -1,
				          p->cat == C_MOTHER ? "moeder overleden" :
				          "vader overleden");
			else
				add_event(g, p->died, p->died_prec, KR_EV_DEATH, i, -1,
				          p->sex == KR_SEX_F ? "oma overleden" : "opa overleden");
		}
	}
	for (int k = 0; k < nmoves && first->start - g->born > 120; k++) {
		snprintf(text, sizeof text, "verhuisd naar %s", PICK(g, cities));
		long d = rnd(g, g->born + 60, first->start - 1);
		add_event(g, d, chance(g, 300) ? P_MONTH : P_DAY, KR_EV_MOVE, -1, -1, text);
	}
	if (g->age >= 5) {
		int n = (int)rnd(g, 0, 2);
		for (int k = 0; k < n; k++) {
			long d = rnd(g, yrs(g->born, 4), g->A - 1);
			int a = age_on(g->born, d);
			const char *what;
			if (a < 12)
				what = chance(g, 700) ? "naar een andere basisschool" :
				       "naar het speciaal basisonderwijs";
			else if (a == 12)
				what = chance(g, 800) ? "naar de middelbare school" :
				       "naar het praktijkonderwijs";
			else if (a < 16)
				what = "naar een andere middelbare school";
			else
				what = "naar het mbo";
			add_event(g, d, chance(g, 250) ? P_MONTH : P_DAY, KR_EV_SCHOOL_CHANGE, -1,
			          -1, what);
		}
	}
	for (int k = 0; k < g->npl; k++) {
		const struct placement *pl = &g->pl[k];
		add_event(g, pl->start, P_DAY, KR_EV_PLACEMENT_START, -1, k, form_words(pl->form));
		if (pl->end == NODAY)
			continue;
		add_event(g, pl->end, P_DAY, KR_EV_PLACEMENT_END, -1, k, NULL);
		if (pl->end_reason == KR_END_BREAKDOWN)
			add_event(g, pl->end, P_DAY, KR_EV_BREAKDOWN, -1, k,
			          "de plaatsing stopte onverwacht");
	}
	if (g->persp_day != NODAY)
		add_event(g, g->persp_day, P_DAY, KR_EV_PERSPECTIVE_DECISION, -1, g->cur,
		          fill(g, g->persp_outcome, text, sizeof text));
	for (int k = 0; k < g->ndev; k++)
		if (chance(g, 600))
			add_event(g, g->dev[k], P_DAY, KR_EV_DEVELOPMENT_CHECK, g->child, -1,
			          "ontwikkeling besproken met de jeugdarts");
	if (chance(g, 220) && g->age >= 3)
		add_event(g, rnd(g, yrs(g->born, 3), g->A - 1), chance(g, 400) ? P_MONTH : P_DAY,
		          KR_EV_LOSS, -1, -1, PICK(g, losses));
	if (chance(g, 400) && g->age >= 4)
		add_event(g, rnd(g, yrs(g->born, 4), g->A - 1), P_DAY, KR_EV_OTHER, g->child, -1,
		          PICK(g, other_events));
}

/* Stable sort of the events by their first possible day. */
static void sort_events(struct gen *g)
{
	for (int i = 1; i < g->nev; i++) {
		struct event e = g->ev[i];
		int j = i;
		while (j > 0 && g->ev[j - 1].key > e.key) {
			g->ev[j] = g->ev[j - 1];
			j--;
		}
		g->ev[j] = e;
	}
}

/* ---- the order a worker would enter people in ---- */

static int tie_cmp(const void *x, const void *y)
{
	const struct tie *a = x, *b = y;
	/* The child's own ties first (the child is person 0); pairs are unique. */
	if ((a->a == 0) != (b->a == 0))
		return a->a == 0 ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Renumbers the persons by category (the child, the family of origin, the
 * foster family, the child's own network, the professionals), keeping the
 * order of creation within a category, and every reference with them;
 * then sorts the ties by person. */
static void reorder(struct gen *g)
{
	struct person old[MAXP];
	int order[MAXP], pos[MAXP], n = 0;

	for (int c = 0; c < C__N; c++)
		for (int i = 0; i < g->np; i++)
			if (g->p[i].cat == c)
				order[n++] = i;
	for (int k = 0; k < n; k++)
		pos[order[k]] = k;
	memcpy(old, g->p, (size_t)n * sizeof *old);
	for (int k = 0; k < n; k++)
		g->p[k] = old[order[k]];
#define MAP(x) ((x) = (x) >= 0 ? pos[(x)] : (x))
	for (int i = 0; i < n; i++)
		MAP(g->p[i].partner);
	for (int k = 0; k < g->nk; k++) {
		MAP(g->k[k].a);
		MAP(g->k[k].b);
	}
	for (int k = 0; k < g->nt; k++) {
		MAP(g->t[k].a);
		MAP(g->t[k].b);
	}
	for (int k = 0; k < g->npl; k++) {
		for (int c = 0; c < g->pl[k].ncarers; c++)
			MAP(g->pl[k].carers[c]);
		for (int c = 0; c < g->pl[k].nchildren; c++)
			MAP(g->pl[k].children[c]);
	}
	for (int k = 0; k < g->nev; k++)
		MAP(g->ev[k].person);
	for (int k = 0; k < g->nm; k++)
		for (int i = 0; i < g->m[k].ninv; i++)
			MAP(g->m[k].inv[i]);
	for (int w = 0; w < g->nworker; w++)
		MAP(g->worker[w]);
	MAP(g->guardian);
	MAP(g->sib);
	MAP(g->child);
	MAP(g->mother);
	MAP(g->father);
	for (int s = 0; s < 2; s++) {
		struct side *sd = &g->side[s];
		MAP(sd->parent);
		MAP(sd->gm);
		MAP(sd->gf);
		MAP(sd->step);
		for (int a = 0; a < sd->naunts; a++)
			MAP(sd->aunts[a]);
	}
#undef MAP
	memset(g->tied, 0, sizeof g->tied);
	for (int k = 0; k < g->nt; k++)
		g->tied[g->t[k].a][g->t[k].b] = g->tied[g->t[k].b][g->t[k].a] = 1;
	qsort(g->t, (size_t)g->nt, sizeof *g->t, tie_cmp);
}

/* ---- JSON ----
 *
 * The document is written straight into a kr_buf, in exactly the bytes a
 * jansson compact dump (JSON_COMPACT | JSON_PRESERVE_ORDER) of the same
 * document gives; tests/unit/test_generate.c checks that by re-parsing and
 * re-dumping with jansson.  Building a jansson tree first cost six times as
 * much (about 2.6 million instructions a case, half of it in the dump). */

struct jw {
	struct kr_buf b;
	int depth;
	bool nonempty[16];          /* per open container: an element was written */
	bool after_key;             /* the next value follows "key": */
};

static void put(struct jw *w, const char *s, size_t n)
{
	kr_buf_add(&w->b, s, n);
}

/* The comma before a value, unless it is the first one or follows a key. */
static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (w->nonempty[w->depth - 1])
			put(w, ",", 1);
		w->nonempty[w->depth - 1] = true;
	}
}

/* A JSON string with jansson's escapes: \" \\ \b \f \n \r \t and \u00XX
 * for the other control characters; everything else (UTF-8) as it is. */
static void quoted(struct jw *w, const char *s)
{
	const char *run = s;

	put(w, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		size_t n = 2;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, run, (size_t)(s - run));
		run = s + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", c);
			n = 6;
			break;
		}
		put(w, esc, n);
	}
	put(w, run, (size_t)(s - run));
	put(w, "\"", 1);
}

static void key(struct jw *w, const char *k)
{
	sep(w);
	quoted(w, k);
	put(w, ":", 1);
	w->after_key = true;
}

static void open_c(struct jw *w, char c)
{
	sep(w);
	put(w, &c, 1);
	if (w->depth < (int)NELEM(w->nonempty))
		w->nonempty[w->depth] = false;
	w->depth++;
}

static void close_c(struct jw *w, char c)
{
	w->depth--;
	put(w, &c, 1);
}

static void str(struct jw *w, const char *s)
{
	sep(w);
	quoted(w, s);
}

static void null(struct jw *w)
{
	sep(w);
	put(w, "null", 4);
}

static void boolean(struct jw *w, bool v)
{
	sep(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

static void integer(struct jw *w, long v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%ld", v);
	sep(w);
	put(w, buf, (size_t)n);
}

/* Writes n (0..9999) as `width` digits at p. */
static void digits(char *p, int n, int width)
{
	for (int k = width - 1; k >= 0; k--, n /= 10)
		p[k] = (char)('0' + n % 10);
}

/* A date in its precision (ISO 8601), or null. */
static void date(struct jw *w, long day, int prec)
{
	char buf[12];
	struct kr_date d;
	size_t n = 4;

	if (day == NODAY || prec == P_NONE) {
		null(w);
		return;
	}
	d = to_date(day, prec);
	digits(buf, d.y, 4);
	if (d.m) {
		buf[4] = '-';
		digits(buf + 5, d.m, 2);
		n = 7;
	}
	if (d.d) {
		buf[7] = '-';
		digits(buf + 8, d.d, 2);
		n = 10;
	}
	buf[n] = '\0';
	str(w, buf);
}

/* An id: prefix and a number 1..999 ("p12", "pl2", "m1"). */
static void id(struct jw *w, const char *prefix, int n)
{
	char buf[8];
	size_t len = strlen(prefix), nd = n >= 100 ? 3 : n >= 10 ? 2 : 1;

	sep(w);
	buf[0] = '"';
	memcpy(buf + 1, prefix, len);
	digits(buf + 1 + len, n, (int)nd);
	buf[1 + len + nd] = '"';
	put(w, buf, len + nd + 2);
}

static void person(struct jw *w, int i)
{
	id(w, "p", i + 1);
}

static void enumv(struct jw *w, enum kr_enum e, int v)
{
	str(w, kr_enum_name(e, v));
}

/* A template with {k} filled in. */
static void text(struct jw *w, const struct gen *g, const char *t)
{
	char buf[240];
	str(w, fill(g, t, buf, sizeof buf));
}

static void person_list(struct jw *w, const int *v, int n)
{
	open_c(w, '[');
	for (int k = 0; k < n; k++)
		person(w, v[k]);
	close_c(w, ']');
}

static void emit_persons(struct jw *w, const struct gen *g)
{
	open_c(w, '[');
	for (int i = 0; i < g->np; i++) {
		const struct person *p = &g->p[i];
		open_c(w, '{');
		key(w, "id");
		person(w, i);
		if (p->name[0]) {
			key(w, "name");
			str(w, p->name);
		}
		key(w, "sex");
		enumv(w, KR_ENUM_SEX, p->sex);
		if (p->born != NODAY && p->born_prec != P_NONE) {
			key(w, "born");
			date(w, p->born, p->born_prec);
		}
		if (p->died != NODAY) {
			key(w, "died");
			date(w, p->died, p->died_prec);
		}
		key(w, "roles");
		open_c(w, '[');
		for (int r = 1; r < KR_ROLE__N; r++)
			if (p->roles & KR_ROLE_BIT(r))
				enumv(w, KR_ENUM_ROLE, r);
		close_c(w, ']');
		key(w, "world");
		enumv(w, KR_ENUM_WORLD, p->world);
		key(w, "segment");
		enumv(w, KR_ENUM_SEGMENT, p->segment);
		if (p->ninv) {
			key(w, "involved");
			open_c(w, '[');
			for (int k = 0; k < p->ninv; k++) {
				open_c(w, '{');
				key(w, "from");
				date(w, p->inv_from[k], P_DAY);
				key(w, "to");
				date(w, p->inv_to[k], P_DAY);
				close_c(w, '}');
			}
			close_c(w, ']');
		}
		close_c(w, '}');
	}
	close_c(w, ']');
}

static void emit_kinship(struct jw *w, const struct gen *g)
{
	open_c(w, '[');
	for (int k = 0; k < g->nk; k++) {
		const struct kin *x = &g->k[k];
		open_c(w, '{');
		key(w, "type");
		enumv(w, KR_ENUM_KIN_TYPE, x->type);
		if (x->type == KR_KIN_PARENT) {
			key(w, "parent");
			person(w, x->a);
			key(w, "child");
			person(w, x->b);
			key(w, "kind");
			enumv(w, KR_ENUM_KIN_KIND, x->kind);
		} else {
			key(w, "a");
			person(w, x->a);
			key(w, "b");
			person(w, x->b);
			key(w, "status");
			enumv(w, KR_ENUM_PARTNER_STATUS, x->status);
			if (x->since != NODAY) {
				key(w, "since");
				date(w, x->since, x->since_prec);
			}
		}
		close_c(w, '}');
	}
	close_c(w, ']');
}

static void emit_ties(struct jw *w, const struct gen *g)
{
	open_c(w, '[');
	for (int k = 0; k < g->nt; k++) {
		const struct tie *t = &g->t[k];
		open_c(w, '{');
		key(w, "a");
		person(w, t->a);
		key(w, "b");
		person(w, t->b);
		key(w, "strength");
		enumv(w, KR_ENUM_STRENGTH, t->strength);
		key(w, "quality");
		enumv(w, KR_ENUM_QUALITY, t->quality);
		if (t->support) {
			key(w, "support");
			open_c(w, '[');
			for (int x = 1; x < KR_SUPPORT__N; x++)
				if (t->support & (1u << x))
					enumv(w, KR_ENUM_SUPPORT, x);
			close_c(w, ']');
		}
		key(w, "frequency");
		enumv(w, KR_ENUM_FREQUENCY, t->freq);
		if (t->dir) {
			key(w, "direction");
			enumv(w, KR_ENUM_DIRECTION, t->dir);
		}
		if (t->trust) {
			key(w, "trust_figure");
			boolean(w, true);
		}
		close_c(w, '}');
	}
	close_c(w, ']');
}

/*
 * The search in the child's own network before a placement (issue 9):
 * most network placements record the carers found, about half of the
 * placements with strangers record that the network was searched first
 * and with what outcome.  Drawn from a hash of the case and the placement
 * rather than from the case's random stream, so adding the field did not
 * change anything else the generator makes.
 */
static void emit_network_search(struct jw *w, const struct gen *g, int k)
{
	static const int outcomes[] = { KR_SEARCH_NONE_AVAILABLE, KR_SEARCH_NONE_AVAILABLE,
		KR_SEARCH_NONE_AVAILABLE, KR_SEARCH_NOT_SUITABLE, KR_SEARCH_NOT_SUITABLE,
		KR_SEARCH_DECLINED, KR_SEARCH_OTHER };
	const struct placement *p = &g->pl[k];
	uint64_t x = (uint64_t)p->start * 0x9E3779B97F4A7C15ull ^ (uint64_t)g->born ^
	             ((uint64_t)k << 40);
	uint64_t h = splitmix64(&x);
	int outcome;

	if (p->form != KR_FORM_FOSTER_FULLTIME && p->form != KR_FORM_FOSTER_PARTTIME &&
	    p->form != KR_FORM_CRISIS && p->form != KR_FORM_INFORMAL_NETWORK)
		return;
	if (p->network == 1)
		outcome = h % 10 < 7 ? KR_SEARCH_FOUND : 0;
	else
		outcome = h % 100 < 55 ? outcomes[(h >> 8) % 7] : 0;
	if (!outcome)
		return;
	key(w, "network_search");
	open_c(w, '{');
	key(w, "date");
	date(w, p->start - 7 - (long)((h >> 16) % 54), P_DAY);
	key(w, "outcome");
	enumv(w, KR_ENUM_SEARCH_OUTCOME, outcome);
	close_c(w, '}');
}

/*
 * The matching and the settling-in check-ins of issue 13, drawn like the
 * network search from a hash of the case and the placement, so adding
 * them changed nothing else the generator makes.  About three in four
 * placements with strangers in a foster family or family home record a
 * matching: mostly the child took part and the parents met the foster
 * parents first, sometimes not.  Every placement in a family form records
 * most of the check-ins of its first year that lie before the anchor (and
 * its end), the scores wandering a little; now and then one drops.
 * Families of the register are not named: a generated case stands alone.
 */
/* The texts of a complete matching record (issue 13): who of the network
 * was weighed first and why not, the wishes, what the own children said,
 * the decision and why.  {k} is the child's first name. */
static const char *const considered_why[] = {
	"Wil graag helpen, maar heeft zelf zorg nodig.",
	"Woont te ver weg van school en van de ouders.",
	"Heeft geen plek voor nog een kind in huis.",
	"Wil {k} wel in de weekenden opvangen, niet voltijds.",
	"De ouders willen dit niet; dat is besproken in het netwerkberaad."
};
static const char *const matching_wishes[] = {
	"Ik wil op mijn eigen school blijven.",
	"Ik wil mijn vrienden van de club blijven zien.",
	"Een gezin met een hond, en niet te ver van mama.",
	"Ik wil oma elke week kunnen zien.",
	"Een gezin waar ik een eigen kamer heb."
};
static const char *const parents_wishes[] = {
	"Een gezin dicht bij ons, zodat de bezoeken makkelijk gaan.",
	"Pleegouders die ons als ouders van {k} blijven zien.",
	"Dat {k} op de eigen school en club kan blijven.",
	"Liefst een gezin dat ons geloof respecteert."
};
static const char *const own_children_text[] = {
	"De eigen kinderen vinden het spannend, maar willen het proberen.",
	"De dochter wil graag een pleegzusje of -broertje; de zoon twijfelt nog.",
	"Ze willen hun eigen kamer houden; dat kan.",
	"Ze kennen {k} van de kennismaking en vonden het gezellig."
};
static const char *const matching_why[] = {
	"Niemand uit het eigen netwerk kan {k} voltijds opvangen; dit gezin woont dicht bij "
	"school en de ouders.",
	"Het gezin heeft ervaring met kinderen van deze leeftijd en staat open voor de ouders.",
	"{k} voelde zich bij de kennismaking welkom, en de eigen kinderen ook.",
	"Het enige gezin met plek in de regio dat past bij wat {k} nodig heeft."
};

/* Up to two of the child's own network (grandparents, aunts and uncles,
 * adult and alive at the start, not caring for the child) weighed before
 * the placement, as matching.considered. */
static void emit_considered(struct jw *w, const struct gen *g, const struct placement *p,
                            uint64_t h)
{
	int n = 0;

	for (int i = 0; i < g->np && n < 2; i++) {
		const struct person *q = &g->p[i];
		if ((q->cat != C_GP && q->cat != C_AUNT) || q->carer ||
		    (q->died != NODAY && q->died <= p->start) || q->born == NODAY ||
		    q->born > yrs(p->start, -25) || (h >> (i % 48)) % 3 == 0)
			continue;
		if (!n) {
			key(w, "considered");
			open_c(w, '[');
		}
		open_c(w, '{');
		key(w, "person");
		person(w, i);
		key(w, "chosen");
		boolean(w, false);
		key(w, "why");
		text(w, g, considered_why[(h >> (4 * n + 3)) % NELEM(considered_why)]);
		close_c(w, '}');
		n++;
	}
	if (n)
		close_c(w, ']');
}

static void emit_matching_settling(struct jw *w, const struct gen *g, int k)
{
	static const int involved[] = { KR_INVOLVE_CHOSE, KR_INVOLVE_VISITED, KR_INVOLVE_VISITED,
		KR_INVOLVE_HEARD, KR_INVOLVE_HEARD, KR_INVOLVE_INFORMED, KR_INVOLVE_NOT_INVOLVED };
	static const char *const views[4] = { "child", "foster_parents", "own_children",
		"parents" };
	static const long offsets[4] = { 7, 21, 42, 84 };
	const struct placement *p = &g->pl[k];
	uint64_t x = (uint64_t)p->start * 0xD1B54A32D192ED03ull ^ (uint64_t)g->born ^
	             ((uint64_t)k << 36) ^ 0x5EED;
	uint64_t h = splitmix64(&x);
	long last = p->end == NODAY ? g->A : (p->end < g->A ? p->end : g->A);
	int score[4];
	bool any = false;

	if ((p->form == KR_FORM_FOSTER_FULLTIME || p->form == KR_FORM_FOSTER_PARTTIME ||
	     p->form == KR_FORM_FAMILY_HOME) && p->network == 0 && h % 4 != 0) {
		key(w, "matching");
		open_c(w, '{');
		key(w, "date");
		date(w, p->start - 3 - (long)((h >> 8) % 20), P_DAY);
		key(w, "child_involved");
		enumv(w, KR_ENUM_INVOLVEMENT, involved[(h >> 16) % 7]);
		key(w, "own_children_heard");
		boolean(w, (h >> 24) % 5 != 0);
		if ((h >> 32) % 6 != 0) {
			key(w, "first_meeting");
			date(w, p->start - 1 - (long)((h >> 40) % 30) + ((h >> 48) % 8 == 0 ? 20 : 0),
			     P_DAY);
		}
		if ((h >> 52) % 3 != 0) {
			/* a complete record: two matchings in three */
			uint64_t t = splitmix64(&x);
			emit_considered(w, g, p, t);
			if (age_on(g->born, p->start) >= 4) {
				key(w, "child_wishes");
				text(w, g, matching_wishes[(t >> 8) % NELEM(matching_wishes)]);
			}
			key(w, "parents_wishes");
			text(w, g, parents_wishes[(t >> 16) % NELEM(parents_wishes)]);
			if ((h >> 24) % 5 != 0) {
				key(w, "own_children_text");
				text(w, g, own_children_text[(t >> 24) % NELEM(own_children_text)]);
			}
			key(w, "decision");
			text(w, g, p->form == KR_FORM_FAMILY_HOME ? "{k} gaat naar het gezinshuis." :
			           p->form == KR_FORM_FOSTER_PARTTIME ?
			           "{k} gaat in deeltijd naar dit pleeggezin." :
			           "{k} gaat naar dit pleeggezin.");
			key(w, "why");
			text(w, g, matching_why[(t >> 32) % NELEM(matching_why)]);
		}
		close_c(w, '}');
	}
	if (p->form == KR_FORM_HOME || p->form == KR_FORM_RESIDENTIAL)
		return;
	for (int v = 0; v < 4; v++)
		score[v] = 3 + (int)((h >> (8 * v)) % 2);
	for (int c = 0; c < 6; c++) {
		long due = c < 4 ? p->start + offsets[c] : p->start + (c == 4 ? 182 : 365);
		uint64_t hc = splitmix64(&x);
		if (due + (long)(hc % 10) > last)
			break;
		if (hc % 8 == 0)
			continue;                 /* one not held */
		if (!any) {
			key(w, "settling");
			open_c(w, '[');
			any = true;
		}
		open_c(w, '{');
		key(w, "date");
		date(w, due + (long)(hc % 10), P_DAY);
		for (int v = 0; v < 4; v++) {
			int step = (int)((hc >> (12 + 4 * v)) % 7) - 3;   /* -3 .. 3 */
			score[v] += step > 1 ? 1 : step < -2 ? -2 : step < 0 ? -1 : 0;
			score[v] = score[v] < 1 ? 1 : score[v] > 5 ? 5 : score[v];
			key(w, views[v]);
			integer(w, score[v]);
		}
		close_c(w, '}');
	}
	if (any)
		close_c(w, ']');
}

/*
 * The steering fields of issue 12 (case.municipality, region, referrer,
 * closed; a wish's answered date) are drawn like the network search:
 * from a hash of the case (and the item), not from the case's random
 * stream, so adding them changed nothing else the generator makes except
 * the end of the current placement of a closed case.  The population is
 * spread over 19 municipalities in 3 youth regions in proportion to their
 * inhabitants; referrers and reasons for ending follow the shares of CBS
 * Beleidsinformatie Jeugd for care with accommodation (rounded).
 */
static const struct municipality {
	const char *code, *name, *region;
	int weight;                 /* thousands of inhabitants */
} municipalities[] = {
	{ "GM0200", "Apeldoorn", "Midden-IJssel/Oost-Veluwe", 165 },
	{ "GM0150", "Deventer", "Midden-IJssel/Oost-Veluwe", 101 },
	{ "GM0301", "Zutphen", "Midden-IJssel/Oost-Veluwe", 48 },
	{ "GM0262", "Lochem", "Midden-IJssel/Oost-Veluwe", 34 },
	{ "GM0232", "Epe", "Midden-IJssel/Oost-Veluwe", 33 },
	{ "GM0285", "Voorst", "Midden-IJssel/Oost-Veluwe", 25 },
	{ "GM0213", "Brummen", "Midden-IJssel/Oost-Veluwe", 21 },
	{ "GM0243", "Harderwijk", "Noord-Veluwe", 48 },
	{ "GM0302", "Nunspeet", "Noord-Veluwe", 28 },
	{ "GM0233", "Ermelo", "Noord-Veluwe", 27 },
	{ "GM0273", "Putten", "Noord-Veluwe", 24 },
	{ "GM0269", "Oldebroek", "Noord-Veluwe", 24 },
	{ "GM0230", "Elburg", "Noord-Veluwe", 23 },
	{ "GM0014", "Groningen", "Groningen", 235 },
	{ "GM1969", "Westerkwartier", "Groningen", 65 },
	{ "GM1952", "Midden-Groningen", "Groningen", 61 },
	{ "GM1966", "Het Hogeland", "Groningen", 48 },
	{ "GM1979", "Eemsdelta", "Groningen", 46 },
	{ "GM1895", "Oldambt", "Groningen", 39 },
};

/* A number drawn from the case and salt, outside the random stream. */
static uint64_t side_hash(const struct gen *g, uint64_t salt)
{
	uint64_t x = g->seed * 0xD1B54A32D192ED03ull ^ (uint64_t)g->index * 0x9E3779B97F4A7C15ull ^
	             (uint64_t)g->born ^ salt << 32;
	return splitmix64(&x);
}

/* Picks an index by weights with the hash h. */
static int hash_pick(uint64_t h, const int *w, int n)
{
	long total = 0, x;
	for (int i = 0; i < n; i++)
		total += w[i];
	x = (long)(h % (uint64_t)total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static const struct municipality *case_municipality(const struct gen *g)
{
	int w[NELEM(municipalities)];
	for (size_t i = 0; i < NELEM(municipalities); i++)
		w[i] = municipalities[i].weight;
	return &municipalities[hash_pick(side_hash(g, 1), w, (int)NELEM(municipalities))];
}

/* About a fifth of the trajectories ended in the last two years, at least a
 * month into the current placement: *day and *reason, or false while the
 * case goes on. */
static bool case_closed(const struct gen *g, long *day, int *reason)
{
	static const int w[] = { 55, 14, 9, 7, 5, 10 };
	static const int r[] = { KR_CLOSED_AS_PLANNED, KR_CLOSED_EARLY_AGREED,
		KR_CLOSED_EARLY_BY_FAMILY, KR_CLOSED_EARLY_BY_PROVIDER, KR_CLOSED_MOVED_AWAY,
		KR_CLOSED_OTHER };
	uint64_t h = side_hash(g, 2);
	long lo = maxl(g->pl[g->cur].start + 30, g->A - 2 * 365), hi = g->A - 1;

	if (h % 100 >= 20 || lo > hi)
		return false;
	*day = lo + (long)((h >> 8) % (uint64_t)(hi - lo + 1));
	*reason = r[hash_pick(h >> 24, w, (int)NELEM(w))];
	return true;
}

/* The end reason of the current placement when the trajectory closed. */
static int closed_end_reason(int form, int reason)
{
	if (reason == KR_CLOSED_AS_PLANNED)
		return KR_END_PLANNED;
	if (form != KR_FORM_HOME && (reason == KR_CLOSED_EARLY_BY_FAMILY ||
	                             reason == KR_CLOSED_EARLY_BY_PROVIDER))
		return KR_END_BREAKDOWN;
	return KR_END_OTHER;
}

static void emit_steering(struct jw *w, const struct gen *g)
{
	static const int rw[] = { 30, 5, 4, 34, 6, 12, 9 };
	static const int rv[] = { KR_REF_MUNICIPAL_ACCESS, KR_REF_GP, KR_REF_YOUTH_DOCTOR,
		KR_REF_CERTIFIED_INSTITUTION, KR_REF_MEDICAL_SPECIALIST, KR_REF_COURT,
		KR_REF_NONE_OTHER };
	const struct municipality *m = case_municipality(g);
	long day;
	int reason;

	key(w, "municipality");
	open_c(w, '{');
	key(w, "code");
	str(w, m->code);
	key(w, "name");
	str(w, m->name);
	close_c(w, '}');
	key(w, "region");
	str(w, m->region);
	key(w, "referrer");
	enumv(w, KR_ENUM_REFERRER, rv[hash_pick(side_hash(g, 3), rw, (int)NELEM(rw))]);
	if (case_closed(g, &day, &reason)) {
		key(w, "closed");
		open_c(w, '{');
		key(w, "date");
		date(w, day, P_DAY);
		key(w, "reason");
		enumv(w, KR_ENUM_CLOSED_REASON, reason);
		close_c(w, '}');
	}
}

static void emit_placements(struct jw *w, const struct gen *g)
{
	open_c(w, '[');
	for (int k = 0; k < g->npl; k++) {
		const struct placement *p = &g->pl[k];
		open_c(w, '{');
		key(w, "id");
		id(w, "pl", k + 1);
		key(w, "form");
		enumv(w, KR_ENUM_FORM, p->form);
		key(w, "variant");
		if (p->variant)
			enumv(w, KR_ENUM_VARIANT, p->variant);
		else
			null(w);
		key(w, "network");
		if (p->network < 0)
			null(w);
		else
			boolean(w, p->network);
		key(w, "carers");
		person_list(w, p->carers, p->ncarers);
		if (p->nchildren) {
			key(w, "children");
			person_list(w, p->children, p->nchildren);
		}
		long end = p->end, closed;
		int end_reason = p->end_reason, why;
		if (k == g->cur && end == NODAY && case_closed(g, &closed, &why)) {
			end = closed;
			end_reason = closed_end_reason(p->form, why);
		}
		key(w, "start");
		date(w, p->start, P_DAY);
		key(w, "end");
		date(w, end, P_DAY);
		key(w, "end_reason");
		if (end_reason)
			enumv(w, KR_ENUM_END_REASON, end_reason);
		else
			null(w);
		emit_network_search(w, g, k);
		emit_matching_settling(w, g, k);
		close_c(w, '}');
	}
	close_c(w, ']');
}

static void emit_events(struct jw *w, const struct gen *g)
{
	open_c(w, '[');
	for (int k = 0; k < g->nev; k++) {
		const struct event *e = &g->ev[k];
		open_c(w, '{');
		key(w, "date");
		date(w, e->day, e->prec);
		key(w, "type");
		enumv(w, KR_ENUM_EVENT_TYPE, e->type);
		if (e->person >= 0) {
			key(w, "person");
			person(w, e->person);
		}
		if (e->placement >= 0) {
			key(w, "placement");
			id(w, "pl", e->placement + 1);
		}
		if (e->text[0]) {
			key(w, "text");
			str(w, e->text);
		}
		close_c(w, '}');
	}
	close_c(w, ']');
}

/*
 * Issue 13: meetings as processes, Prima Pleegzorg and the support of both
 * families.  Drawn like the network search from hashes of the case, not
 * from its random stream, so adding them changed nothing else the
 * generator makes (the plan's draw moved to the start of emit(), which
 * draws nothing before it).
 *
 * - Most Eigen Kracht-conferenties and some round tables (a Familie Netwerk
 *   Beraad) record their process: the coordinator found six to ten weeks
 *   before, the preparation a few days later, information, private time and
 *   the plan on the day, the plan accepted then or within two weeks (or not
 *   yet).  About one case in twelve has a conference planned after the
 *   anchor, in the middle of its preparation.
 * - About one case in six with a plan and a parent in a family placement
 *   works with Prima Pleegzorg: a future plan made by a parent and their
 *   supporters, an action team formed from it, action team meetings every
 *   four to seven weeks and some agreements marked as the action plan.
 *   About a third of the teams stopped meeting (the signal
 *   action-team-not-met).
 * - Most children away from home have a support person for the parents
 *   and most foster parents a worker with contacts; in some cases the
 *   contacts lapsed (the signals parents-without-support and
 *   fosterparents-without-contact).  Some plans record the parents'
 *   blessing.
 */

#define MAXTEAM 16   /* action team meetings */
#define MAXOUT (MAXM + MAXTEAM + 1)

static uint64_t hnext(uint64_t *x)
{
	return splitmix64(x);
}

/* A number lo..hi from the hash stream x. */
static long hrange(uint64_t *x, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(hnext(x) % (uint64_t)(hi - lo + 1));
}

static bool family_form(int form)
{
	return foster_form(form) || form == KR_FORM_FAMILY_HOME ||
	       form == KR_FORM_INFORMAL_NETWORK;
}

/* Whether i cares for the child in a placement other than at home. */
static bool carer_anywhere(const struct gen *g, int i)
{
	for (int k = 0; k < g->npl; k++)
		if (g->pl[k].form != KR_FORM_HOME)
			for (int c = 0; c < g->pl[k].ncarers; c++)
				if (g->pl[k].carers[c] == i)
					return true;
	return false;
}

/* A parent who takes part: the mother when she can, else the father; -1. */
static int active_parent(const struct gen *g)
{
	if (tieable(g, g->mother))
		return g->mother;
	if (tieable(g, g->father))
		return g->father;
	return -1;
}

static void add_unique(int *v, int *n, int max, int i)
{
	if (i < 0 || *n >= max)
		return;
	for (int k = 0; k < *n; k++)
		if (v[k] == i)
			return;
	v[(*n)++] = i;
}

/* Adults of the child's own family who could support a parent. */
static int supporters(const struct gen *g, int *out, int max)
{
	int n = 0;
	for (int t = 0; t < g->nt; t++) {
		const struct tie *x = &g->t[t];
		const struct person *p = &g->p[x->b];
		if (x->a != g->child || p->world != KR_WORLD_ORIGIN || !family_cat(p->cat) ||
		    x->b == g->mother || x->b == g->father || !alive(p) || carer_anywhere(g, x->b) ||
		    x->quality >= KR_QUALITY_CONFLICT ||
		    (p->born != NODAY && age_on(p->born, g->A) < 18))
			continue;
		add_unique(out, &n, max, x->b);
	}
	return n;
}

struct prima {
	bool on;
	long future, formed;
	int made_by[3], nmade;
	int members[10], nmembers;
	long met[MAXTEAM];
	int nmet;
	uint64_t h;
};

static const char *const future_texts[] = {
	"{k} woont in het pleeggezin en weet dat de ouders er voor {k} zijn.",
	"We willen dat {k} veilig opgroeit en dat wij als familie een vaste plek houden.",
	"{k} komt over een jaar weer thuis wonen; tot die tijd zien we {k} elke week.",
	"De ouders en de pleegouders werken samen, zodat {k} niet hoeft te kiezen.",
	"{k} kent de eigen familie en viert de feestdagen met ons."
};
static const char *const future_goals[] = {
	"We zien {k} elke week.",
	"Moeder heeft een eigen huis waar {k} kan logeren.",
	"Vader houdt zich aan de afspraken over het bellen.",
	"De familie past op als de pleegouders een weekend weg zijn.",
	"{k} gaat elke dag naar school.",
	"We praten met de pleegouders zonder ruzie.",
	"Oma en opa blijven op woensdag oppassen."
};
static const char *const blessing_texts[] = {
	"{k} mag zich thuis voelen bij de pleegouders. Wij blijven de ouders.",
	"Wij gunnen {k} een goede plek in dit gezin.",
	"Het is goed dat {k} daar woont; wij zijn blij dat {k} het er fijn heeft.",
	"{k} mag van ons de pleegouders lief vinden."
};

/* Whether and how the case works with Prima Pleegzorg (a pure function of
 * the case; has_plan: the case has a plan). */
static void prima_of(const struct gen *g, bool has_plan, struct prima *pp)
{
	const struct placement *cur = &g->pl[g->cur];
	uint64_t x = side_hash(g, 41);
	int parent = active_parent(g), sup[MAXP], nsup, worker;
	long d, stop;

	memset(pp, 0, sizeof *pp);
	pp->h = hnext(&x);
	if (!has_plan || parent < 0 || !family_form(cur->form) || cur->ncarers == 0 ||
	    g->A - cur->start < 90 || pp->h % 100 >= 17)
		return;
	pp->future = cur->start + hrange(&x, 30, minl(420, g->A - cur->start - 60));
	pp->formed = pp->future + hrange(&x, 7, 28);
	if (pp->formed > g->A - 14)
		return;
	pp->on = true;
	add_unique(pp->made_by, &pp->nmade, 3, parent);
	nsup = supporters(g, sup, MAXP);
	for (int k = 0, n = (int)hrange(&x, 1, 2); k < n && nsup; k++)
		add_unique(pp->made_by, &pp->nmade, 3, sup[hrange(&x, 0, nsup - 1)]);
	for (int k = 0; k < pp->nmade; k++)
		add_unique(pp->members, &pp->nmembers, 10, pp->made_by[k]);
	if (parent == g->mother && tieable(g, g->father) && hnext(&x) % 3 == 0)
		add_unique(pp->members, &pp->nmembers, 10, g->father);
	for (int c = 0; c < cur->ncarers; c++)
		add_unique(pp->members, &pp->nmembers, 10, cur->carers[c]);
	worker = worker_on(g, pp->formed);
	add_unique(pp->members, &pp->nmembers, 10, worker);
	if (g->guardian >= 0 && hnext(&x) % 2)
		add_unique(pp->members, &pp->nmembers, 10, g->guardian);
	/* A third of the teams stopped meeting a while ago. */
	stop = hnext(&x) % 3 == 0 ? g->A - hrange(&x, 70, 240) : g->A;
	for (d = pp->formed + hrange(&x, 14, 42); d <= stop && pp->nmet < MAXTEAM;
	     d += hrange(&x, 28, 49))
		pp->met[pp->nmet++] = d;
	/* Only the last MAXTEAM meetings of a long-lived team are kept. */
	for (; d <= stop; d += hrange(&x, 28, 49)) {
		memmove(pp->met, pp->met + 1, (MAXTEAM - 1) * sizeof *pp->met);
		pp->met[MAXTEAM - 1] = d;
	}
}

/* One meeting as written: a generated one (m >= 0), an action team meeting
 * or the planned conference. */
struct out_meeting {
	long day;
	int m;            /* index in g->m, or -1 */
	int kind;         /* 0: g->m, 1: action team, 2: planned conference */
	uint64_t h;
};

static int out_cmp(const void *a, const void *b)
{
	const struct out_meeting *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day ? 1 : x->kind - y->kind;
}

static void date_key(struct jw *w, const char *k, long day)
{
	key(w, k);
	date(w, day, P_DAY);
}

/* meetings[].process of a conference held on day (or planned for it). */
static void emit_process(struct jw *w, const struct gen *g, const struct meeting *m, long day,
                         uint64_t h, bool planned)
{
	uint64_t x = h;
	long coord = day - hrange(&x, 42, 70), prep = coord + hrange(&x, 3, 14);
	long accepted = day + (hnext(&x) % 2 ? 0 : hrange(&x, 1, 14));
	bool accept = !planned && accepted <= g->A && hnext(&x) % 8 != 0;

	if (planned) {
		coord = g->A - hrange(&x, 5, 40);
		prep = minl(coord + hrange(&x, 3, 21), day);
	}
	key(w, "process");
	open_c(w, '{');
	date_key(w, "coordinator", coord);
	date_key(w, "preparation", prep);
	date_key(w, "information", day);
	date_key(w, "private_time", day);
	date_key(w, "plan_presented", day);
	if (accept)
		date_key(w, "plan_accepted", accepted);
	key(w, "asked");
	person_list(w, m->inv, m->ninv);
	key(w, "coming");
	open_c(w, '[');
	if (!planned || prep <= g->A)
		for (int i = 0; i < m->ninv; i++)
			if (planned ? hnext(&x) % 4 != 0 : m->att[i] || hnext(&x) % 5 == 0)
				person(w, m->inv[i]);
	close_c(w, ']');
	close_c(w, '}');
}

/* The conference planned after the anchor, invited like a generated one. */
static bool planned_conference(const struct gen *g, struct meeting *m, long *day, uint64_t *h)
{
	uint64_t x = side_hash(g, 42);
	const struct placement *cur = &g->pl[g->cur];
	int sup[MAXP], nsup;

	memset(m, 0, sizeof *m);
	if (hnext(&x) % 12 != 0 || active_parent(g) < 0)
		return false;
	*day = g->A + hrange(&x, 10, 70);
	*h = hnext(&x);
	if (g->age >= 6)
		invite(m, g->child, false);
	if (tieable(g, g->mother))
		invite(m, g->mother, false);
	if (tieable(g, g->father))
		invite(m, g->father, false);
	for (int c = 0; c < cur->ncarers; c++)
		invite(m, cur->carers[c], false);
	nsup = supporters(g, sup, MAXP);
	for (int k = 0; k < nsup && k < 6; k++)
		invite(m, sup[k], false);
	invite(m, worker_on(g, g->A), false);
	return true;
}

static void emit_meetings(struct jw *w, const struct gen *g, const struct prima *pp)
{
	struct out_meeting out[MAXOUT];
	struct meeting planned;
	long pday = 0;
	uint64_t ph = 0;
	int n = 0;

	for (int k = 0; k < g->nm; k++)
		out[n++] = (struct out_meeting){ g->m[k].day, k, 0, side_hash(g, 50 + (uint64_t)k) };
	for (int k = 0; pp->on && k < pp->nmet; k++)
		out[n++] = (struct out_meeting){ pp->met[k], -1, 1, side_hash(g, 70 + (uint64_t)k) };
	if (planned_conference(g, &planned, &pday, &ph))
		out[n++] = (struct out_meeting){ pday, -1, 2, ph };
	qsort(out, (size_t)n, sizeof *out, out_cmp);
	open_c(w, '[');
	for (int k = 0; k < n; k++) {
		const struct out_meeting *o = &out[k];
		const struct meeting *m = o->kind == 0 ? &g->m[o->m] : o->kind == 2 ? &planned : NULL;
		int type = m == &planned ? KR_MEET_FAMILY_GROUP_CONFERENCE :
		           m ? m->type : KR_MEET_ACTION_TEAM;
		open_c(w, '{');
		key(w, "id");
		id(w, "m", k + 1);
		date_key(w, "date", o->day);
		key(w, "type");
		enumv(w, KR_ENUM_MEETING_TYPE, type);
		if (m == &planned) {
			key(w, "continuum");
			enumv(w, KR_ENUM_CONTINUUM, KR_MEET_FAMILY_GROUP_CONFERENCE);
			key(w, "invited");
			person_list(w, m->inv, m->ninv);
			emit_process(w, g, m, o->day, o->h, true);
		} else if (m) {
			if (m->cont) {
				key(w, "continuum");
				enumv(w, KR_ENUM_CONTINUUM, m->cont);
			}
			key(w, "invited");
			person_list(w, m->inv, m->ninv);
			key(w, "attended");
			open_c(w, '[');
			for (int i = 0; i < m->ninv; i++)
				if (m->att[i])
					person(w, m->inv[i]);
			close_c(w, ']');
			if ((m->type == KR_MEET_FAMILY_GROUP_CONFERENCE && o->h % 100 < 85) ||
			    (m->type == KR_MEET_ROUND_TABLE && o->h % 100 < 12))
				emit_process(w, g, m, o->day, o->h >> 8, false);
		} else {
			uint64_t x = o->h;
			key(w, "invited");
			person_list(w, pp->members, pp->nmembers);
			key(w, "attended");
			open_c(w, '[');
			for (int i = 0; i < pp->nmembers; i++)
				if (hnext(&x) % 6 != 0)
					person(w, pp->members[i]);
			close_c(w, ']');
		}
		close_c(w, '}');
	}
	close_c(w, ']');
}

/* Days from `from` to `to`, every lo..hi days, as a list of dates. */
static void contact_list(struct jw *w, uint64_t *x, long from, long to, long lo, long hi)
{
	open_c(w, '[');
	for (long d = from + hrange(x, 0, hi); d <= to; d += hrange(x, lo, hi))
		date(w, d, P_DAY);
	close_c(w, ']');
}

/* The support of both families (`support`), or nothing. */
static void emit_support(struct jw *w, const struct gen *g)
{
	static const int cats[] = { C_SOCIAL, C_OTHER_PROF, C_THERAPIST };
	const struct placement *cur = &g->pl[g->cur];
	uint64_t x = side_hash(g, 43);
	int who = -1, fw = worker_on(g, g->A), sup[MAXP], nsup;
	bool parents = false, foster;
	long since = 0, year = g->A - 365;

	if (cur->form != KR_FORM_HOME && active_parent(g) >= 0 && hnext(&x) % 10 < 6) {
		for (size_t c = 0; c < NELEM(cats) && who < 0; c++)
			for (int i = 0; i < g->np && who < 0; i++)
				if (g->p[i].cat == cats[c] && !carer_anywhere(g, i) && i != fw)
					who = i;
		nsup = supporters(g, sup, MAXP);
		if (who < 0 && nsup)
			who = sup[hrange(&x, 0, nsup - 1)];
		parents = who >= 0;
		since = minl(cur->start + hrange(&x, 0, 60), g->A);
	}
	foster = family_form(cur->form) && cur->ncarers && fw >= 0 && hnext(&x) % 10 < 7;
	if (!parents && !foster)
		return;
	key(w, "support");
	open_c(w, '{');
	if (parents) {
		/* A quarter of the contacts lapsed months ago. */
		long stop = hnext(&x) % 4 == 0 ? g->A - hrange(&x, 100, 300) : g->A;
		key(w, "parents");
		open_c(w, '{');
		key(w, "person");
		person(w, who);
		date_key(w, "since", since);
		key(w, "contacts");
		contact_list(w, &x, maxl(since, year), stop, 14, 60);
		close_c(w, '}');
	}
	if (foster) {
		long stop = hnext(&x) % 7 == 0 ? g->A - hrange(&x, 100, 250) : g->A;
		key(w, "foster_parents");
		open_c(w, '{');
		key(w, "person");
		person(w, fw);
		date_key(w, "since", cur->start);
		key(w, "contacts");
		contact_list(w, &x, maxl(cur->start, year), stop, 21, 56);
		if (hnext(&x) % 2) {
			key(w, "peer_contacts");
			contact_list(w, &x, maxl(cur->start, year), stop, 60, 120);
		}
		close_c(w, '}');
	}
	close_c(w, '}');
}

/* plan.blessing, plan.future_plan and plan.action_team. */
static void emit_plan_extras(struct jw *w, const struct gen *g, const struct prima *pp)
{
	const struct placement *cur = &g->pl[g->cur];
	uint64_t x = side_hash(g, 44);
	char buf[240];

	if (family_form(cur->form) && cur->network != 1 && active_parent(g) >= 0 &&
	    hnext(&x) % 10 < 3) {
		int by[2], n = 0;
		if (tieable(g, g->mother))
			by[n++] = g->mother;
		if (tieable(g, g->father) && hnext(&x) % 2)
			by[n++] = g->father;
		key(w, "blessing");
		open_c(w, '{');
		date_key(w, "date", minl(cur->start + hrange(&x, 30, 400), g->A));
		key(w, "by");
		person_list(w, by, n);
		key(w, "text");
		str(w, fill(g, blessing_texts[hnext(&x) % NELEM(blessing_texts)], buf, sizeof buf));
		close_c(w, '}');
	}
	if (!pp->on)
		return;
	x = pp->h;
	key(w, "future_plan");
	open_c(w, '{');
	date_key(w, "date", pp->future);
	key(w, "made_by");
	person_list(w, pp->made_by, pp->nmade);
	key(w, "text");
	str(w, fill(g, future_texts[hnext(&x) % NELEM(future_texts)], buf, sizeof buf));
	key(w, "goals");
	open_c(w, '[');
	for (long k = 0, n = hrange(&x, 1, 3), f = hrange(&x, 0, NELEM(future_goals) - 1); k < n;
	     k++)
		str(w, fill(g, future_goals[(f + 2 * k) % (long)NELEM(future_goals)], buf, sizeof buf));
	close_c(w, ']');
	close_c(w, '}');
	key(w, "action_team");
	open_c(w, '{');
	date_key(w, "formed", pp->formed);
	key(w, "members");
	person_list(w, pp->members, pp->nmembers);
	close_c(w, '}');
}

/* Informal adults who could take on an agreement. */
static int helpers(const struct gen *g, int *out)
{
	int n = 0;
	for (int t = 0; t < g->nt; t++) {
		const struct tie *x = &g->t[t];
		const struct person *p = &g->p[x->b];
		if (x->a != g->child || is_prof(p) || x->quality >= KR_QUALITY_CONFLICT)
			continue;
		if (p->cat == C_FRIEND || p->cat == C_COUSIN ||
		    (p->born != NODAY && age_on(p->born, g->A) < 18))
			continue;
		out[n++] = x->b;
	}
	return n;
}

/* A list of 1..max texts drawn from a table. */
static void texts(struct jw *w, struct gen *g, const char *const *table, long n, int lo,
                  int hi)
{
	open_c(w, '[');
	for (int k = (int)rnd(g, lo, hi); k > 0; k--)
		text(w, g, table[rnd(g, 0, n - 1)]);
	close_c(w, ']');
}

static void emit_safety_map(struct jw *w, struct gen *g, long adopted)
{
	int n = (int)rnd(g, 1, 5), score = (int)rnd(g, 2, 7);
	int by = g->guardian >= 0 ? g->guardian : worker_on(g, adopted);
	long d = adopted;

	open_c(w, '{');
	key(w, "worries");
	texts(w, g, worries, NELEM(worries), 1, 3);
	key(w, "working_well");
	texts(w, g, working_well, NELEM(working_well), 1, 3);
	key(w, "needs_to_happen");
	texts(w, g, needs, NELEM(needs), 1, 2);
	key(w, "scale");
	open_c(w, '[');
	for (int k = 0; k < n && d <= g->A; k++) {
		/* Scores drift; now and then a sharp drop (the tipping point). */
		if (k == n - 1 && n > 1 && chance(g, 150))
			score = score >= 4 ? score - (int)rnd(g, 3, 4) : 2;
		else if (k > 0)
			score += (int)rnd(g, -2, 2);
		score = score < 0 ? 0 : score > 10 ? 10 : score;
		open_c(w, '{');
		key(w, "date");
		date(w, d, P_DAY);
		key(w, "score");
		integer(w, score);
		if (by >= 0) {
			key(w, "by");
			person(w, by);
		}
		close_c(w, '}');
		d += rnd(g, 30, 150);
	}
	close_c(w, ']');
	close_c(w, '}');
}

static void emit_agreements(struct jw *w, struct gen *g, long adopted, int ngoals,
                            const struct prima *pp)
{
	uint64_t hx = side_hash(g, 45);

	int nagr = (int)rnd(g, 1, 8), who[MAXP], nwho = helpers(g, who);
	int first = (int)rnd(g, 0, (long)NELEM(agreement_what) - 1);

	open_c(w, '[');
	for (int k = 0; k < nagr; k++) {
		int x = (first + k * 7) % (int)NELEM(agreement_what), status;
		long due = rnd(g, adopted + 14, g->A + 180);
		open_c(w, '{');
		key(w, "id");
		id(w, "a", k + 1);
		if (chance(g, 850)) {
			key(w, "goal");
			id(w, "g", (int)rnd(g, 1, ngoals));
		}
		if (nwho && chance(g, 930)) {
			int n = nwho > 1 && chance(g, 300) ? 2 : 1, a = (int)rnd(g, 0, nwho - 1);
			int list[2] = { who[a], who[(a + 1 + rnd(g, 0, nwho - 2)) % nwho] };
			if (chance(g, 100) && worker_on(g, g->A) >= 0)
				list[0] = worker_on(g, g->A);
			if (list[1] == list[0])
				n = 1;
			key(w, "who");
			person_list(w, list, n);
		}
		key(w, "what");
		text(w, g, agreement_what[x][0]);
		key(w, "when");
		str(w, agreement_what[x][1]);
		key(w, "due");
		date(w, due, P_DAY);
		if (chance(g, 750)) {
			key(w, "if_not");
			text(w, g, PICK(g, if_nots));
		}
		if (due < g->A) {
			static const int sw[3] = { 35, 55, 10 };
			status = 1 + weighted(g, sw, 3);
		} else {
			status = chance(g, 880) ? KR_AGR_OPEN : KR_AGR_DONE;
		}
		key(w, "status");
		enumv(w, KR_ENUM_AGREEMENT_STATUS, status);
		/* The action plan: the first agreement and about half the others. */
		if (pp->on && (k == 0 || hnext(&hx) % 2)) {
			key(w, "action_plan");
			boolean(w, true);
		}
		close_c(w, '}');
	}
	close_c(w, ']');
}

static void emit_plan(struct jw *w, struct gen *g, const struct prima *pp)
{
	const struct placement *cur = &g->pl[g->cur];
	long adopted, reviewed;
	int version = 1, ngoals, first;

	/* Adopted at a meeting if there was one, reviewed at the last one. */
	if (g->nm) {
		int k = (int)rnd(g, 0, g->nm - 1);
		adopted = g->m[k].day;
		reviewed = g->m[g->nm - 1].day;
		version += g->nm - 1 - k + (int)rnd(g, 0, 1);
	} else {
		adopted = rnd(g, maxl(cur->start, g->opened), g->A);
		reviewed = chance(g, 400) ? rnd(g, adopted, g->A) : adopted;
		version += (int)rnd(g, 0, 2);
	}
	open_c(w, '{');
	key(w, "version");
	integer(w, version);
	key(w, "adopted");
	date(w, adopted, P_DAY);
	key(w, "reviewed");
	date(w, reviewed, P_DAY);
	if (chance(g, 850)) {
		key(w, "safety");
		text(w, g, PICK(g, safety_texts));
	}
	if (chance(g, g->guardian >= 0 ? 550 : 200)) {
		key(w, "safety_map");
		emit_safety_map(w, g, adopted);
	}
	key(w, "concerns");
	if (chance(g, 800))
		texts(w, g, concerns, NELEM(concerns), 1, 3);
	else
		texts(w, g, concerns, NELEM(concerns), 0, 0);

	/* Wishes, most of them the child's; some still unanswered. */
	key(w, "wishes");
	open_c(w, '[');
	for (int k = 0, n = (int)rnd(g, 0, 4); k < n; k++) {
		bool by_child = g->age >= 4 && chance(g, 800);
		long d = rnd(g, maxl(adopted - 30, g->opened), g->A);
		int by = by_child ? g->child : cur->ncarers && chance(g, 500) ? cur->carers[0] :
		         tieable(g, g->mother) ? g->mother : g->child;
		open_c(w, '{');
		key(w, "id");
		id(w, "w", k + 1);
		key(w, "by");
		person(w, by);
		key(w, "date");
		date(w, d, P_DAY);
		key(w, "text");
		text(w, g, by == g->child ? PICK(g, child_wishes) : PICK(g, adult_wishes));
		if (chance(g, 650)) {
			/* answered within 4 weeks about two times in three */
			uint64_t h = side_hash(g, 16 + (uint64_t)k);
			long after = h % 3 ? 2 + (long)(h >> 8) % 26 : 29 + (long)(h >> 8) % 90;
			key(w, "response");
			text(w, g, PICK(g, responses));
			key(w, "answered");
			date(w, minl(d + after, g->A), P_DAY);
		}
		close_c(w, '}');
	}
	close_c(w, ']');

	ngoals = (int)rnd(g, 1, 3);
	first = (int)rnd(g, 0, (long)NELEM(goals) - 1);
	key(w, "goals");
	open_c(w, '[');
	for (int k = 0; k < ngoals; k++) {
		int x = (first + k * 4) % (int)NELEM(goals);
		open_c(w, '{');
		key(w, "id");
		id(w, "g", k + 1);
		key(w, "text");
		text(w, g, goals[x][0]);
		key(w, "indicator");
		text(w, g, goals[x][1]);
		close_c(w, '}');
	}
	close_c(w, ']');
	key(w, "agreements");
	emit_agreements(w, g, adopted, ngoals, pp);
	emit_plan_extras(w, g, pp);
	close_c(w, '}');
}

static void emit_case(struct jw *w, const struct gen *g)
{
	char buf[240];

	open_c(w, '{');
	key(w, "ref");
	snprintf(buf, sizeof buf, "GEN-%" PRIu64 "-%06lu", g->seed, g->index);
	str(w, buf);
	key(w, "child");
	person(w, g->child);
	key(w, "opened");
	date(w, g->opened, P_DAY);
	key(w, "perspective_decision");
	open_c(w, '{');
	key(w, "date");
	date(w, g->persp_day, P_DAY);
	key(w, "outcome");
	if (g->persp_outcome)
		text(w, g, g->persp_outcome);
	else
		null(w);
	close_c(w, '}');
	key(w, "development_checks");
	open_c(w, '[');
	for (int k = 0; k < g->ndev; k++)
		date(w, g->dev[k], P_DAY);
	close_c(w, ']');
	key(w, "behaviour");
	open_c(w, '{');
	key(w, "externalising");
	boolean(w, g->externalising);
	key(w, "internalising");
	boolean(w, g->internalising);
	close_c(w, '}');
	key(w, "notes");
	snprintf(buf, sizeof buf, "Verzonnen dossier voor tests (kring generate, seed %" PRIu64
	         ", nummer %lu).", g->seed, g->index);
	str(w, buf);
	emit_steering(w, g);
	close_c(w, '}');
}

static void emit(struct jw *w, struct gen *g)
{
	bool has_plan = chance(g, 860);
	struct prima pp;

	prima_of(g, has_plan, &pp);
	open_c(w, '{');
	key(w, "format");
	str(w, KR_CASE_FORMAT);
	key(w, "case");
	emit_case(w, g);
	key(w, "persons");
	emit_persons(w, g);
	key(w, "kinship");
	emit_kinship(w, g);
	key(w, "ties");
	emit_ties(w, g);
	key(w, "placements");
	emit_placements(w, g);
	key(w, "events");
	emit_events(w, g);
	key(w, "meetings");
	emit_meetings(w, g, &pp);
	if (has_plan) {
		key(w, "plan");
		emit_plan(w, g, &pp);
	}
	emit_support(w, g);
	close_c(w, '}');
}

/* ---- sibling cases ----
 *
 * Brothers and sisters placed apart each have a case of their own
 * (docs/family-plan.md).  About one even-numbered case in six whose child
 * has a full brother or sister of 1 to 17 living elsewhere starts such a
 * pair: the next case (index + 1) is that sibling's.  The younger case is
 * built from the older one's model: its child is the older case's sibling
 * (the same birth day, sex and name), its parents are the same persons (the
 * same names, birth and death dates, the same couple), the grandparents
 * are born on the same days and carry the same names, and the older case's
 * child is a sibling in it.  Everything else (the placements, the foster
 * family, the professionals, the rest of the network) is the younger
 * case's own.  kr_generate_family_plan() writes the family plan that links
 * the two. */

static uint64_t pair_hash(uint64_t seed, unsigned long index)
{
	uint64_t x = seed * 0x9E3779B97F4A7C15ull ^ (uint64_t)index * 0xD1B54A32D192ED03ull ^
	             0xFA3117ull;
	return splitmix64(&x);
}

/* Whether case index may start a pair of sibling cases. */
static bool pair_start(uint64_t seed, unsigned long index)
{
	return index % 2 == 0 && index < ULONG_MAX && pair_hash(seed, index) % 100 < 17;
}

/* In the older case: the brother or sister who has the next case, written
 * with a birth day (the younger case knows it to the day). */
static void choose_sibling(struct gen *g)
{
	g->sib = -1;
	if (!pair_start(g->seed, g->index))
		return;
	for (int i = 0; i < g->np; i++) {
		struct person *p = &g->p[i];
		int age = p->born == NODAY ? -1 : age_on(p->born, g->A);
		if (p->cat != C_SIB || p->together || !alive(p) || age < 1 || age > 17)
			continue;
		p->born_prec = P_DAY;
		p->apart = true;
		g->sib = i;
		return;
	}
}

/* In the younger case: the child is the older case's sibling. */
static void child_from(struct gen *g)
{
	const struct gen *d = g->donor;
	const struct person *s = &d->p[d->sib];

	g->born = s->born;
	g->age = age_on(s->born, g->A);
	g->p[g->child].sex = s->sex;
	set_born(g, g->child, g->born, P_DAY);
}

/* In the younger case: the same parents as the older one. */
static void parents_from(struct gen *g)
{
	const struct gen *d = g->donor;
	const int from[2] = { d->mother, d->father };
	int m, f;

	g->father_unknown = d->father_unknown;
	g->adoptive = d->adoptive;
	m = add_person(g, C_MOTHER, KR_SEX_F, ROLE(PARENT), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	f = add_person(g, C_FATHER, KR_SEX_M, ROLE(PARENT), KR_WORLD_ORIGIN, KR_SEG_FAMILY);
	g->mother = m;
	g->father = f;
	for (int k = 0; k < 2; k++) {
		struct person *p = &g->p[k ? f : m];
		const struct person *q = &d->p[from[k]];
		p->surname = q->surname;
		p->born = q->born;
		p->born_prec = q->born_prec;
		p->died = q->died;
		p->died_prec = q->died_prec;
	}
	for (int s = 0; s < 2; s++) {
		g->side[s] = d->side[s];
		g->side[s].parent = s ? f : m;
		g->side[s].gm = g->side[s].gf = g->side[s].step = -1;
		g->side[s].naunts = 0;
	}
	g->child_surname = d->child_surname;
	name_person(g, g->child, g->child_surname);
	parent_link(g, m, g->child, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	parent_link(g, f, g->child, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	g->couple_status = d->couple_status;
	g->couple_since = d->couple_since;
	for (int k = 0; k < d->nk; k++) {
		const struct kin *x = &d->k[k];
		if (x->type == KR_KIN_PARTNERS && ((x->a == d->mother && x->b == d->father) ||
		                                   (x->a == d->father && x->b == d->mother)))
			partners(g, m, f, x->status, x->since, x->since_prec);
	}
	/* The older case's child, a brother or sister here. */
	g->sib = add_person(g, C_SIB, d->p[d->child].sex, ROLE(SIBLING), KR_WORLD_ORIGIN,
	                    KR_SEG_FAMILY);
	if (g->sib < 0)
		return;
	name_person(g, g->sib, d->child_surname);
	set_born(g, g->sib, d->born, P_DAY);
	g->p[g->sib].apart = true;
	parent_link(g, m, g->sib, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
	parent_link(g, f, g->sib, g->adoptive ? KR_KIND_ADOPTIVE : KR_KIND_BIRTH);
}

static void copy_name(struct gen *g, int i, const struct gen *d, int j)
{
	struct person *p = &g->p[i];
	const struct person *q = &d->p[j];

	if (i < 0 || j < 0 || !p->surname || !q->surname || !q->first)
		return;
	p->first = q->first;
	p->surname = q->surname;
	snprintf(p->name, sizeof p->name, "%s %s", p->first, p->surname);
}

/* In the younger case, once everybody has a name: the persons of both
 * cases carry the same names. */
static void names_from(struct gen *g)
{
	const struct gen *d = g->donor;

	copy_name(g, g->child, d, d->sib);
	copy_name(g, g->sib, d, d->child);
	copy_name(g, g->mother, d, d->mother);
	copy_name(g, g->father, d, d->father);
	for (int s = 0; s < 2; s++) {
		const struct side *a = &d->side[s];
		struct side *b = &g->side[s];
		if (b->gm >= 0 && a->gm >= 0)
			copy_name(g, b->gm, d, a->gm);
		if (b->gf >= 0 && a->gf >= 0)
			copy_name(g, b->gf, d, a->gf);
		for (int k = 0; k < b->naunts && k < a->naunts; k++)
			if (g->p[b->aunts[k]].sex == d->p[a->aunts[k]].sex)
				copy_name(g, b->aunts[k], d, a->aunts[k]);
	}
}

/* ---- the whole case ---- */

/* The number of persons wanted: a split normal around a median of 25
 * (sd 7 below, 11 above), made of integer uniforms, clamped to 5..60. */
static int target_size(struct gen *g)
{
	long z = -6000, n;
	for (int k = 0; k < 12; k++)
		z += rnd(g, 0, 999);
	n = z < 0 ? 25 + (z * 7 - 500) / 1000 : 25 + (z * 11 + 500) / 1000;
	return (int)clampl(n, KR_GENERATE_MIN_PERSONS, KR_GENERATE_MAX_PERSONS);
}

static void build(struct gen *g)
{
	g->target = target_size(g);
	g->guardian = -1;
	g->sib = -1;
	make_child(g);
	if (g->donor)
		child_from(g);
	make_placements(g);
	make_perspective(g);
	if (g->donor)
		parents_from(g);
	else
		make_parents(g);
	make_workers(g);
	make_carers(g);
	make_guardian(g);
	fill_network(g);
	finish_placements(g);
	if (!g->donor)
		choose_sibling(g);
	make_ties(g);
	reorder(g);
	name_all(g);
	if (g->donor)
		names_from(g);
	make_dev_checks(g);
	make_meetings(g);
	make_events(g);
	sort_events(g);
	/* Behaviour problems go with a history of moves. */
	g->externalising = chance(g, g->cur >= 2 ? 550 : 330);
	g->internalising = chance(g, 400);
}

static void free_model(struct gen *g)
{
	if (g)
		free(g->donor);
	free(g);
}

/* Builds the model of case index into *out (free with free_model); for
 * the younger case of a sibling pair the older one's first, as its donor.
 * KR_ENOMEM. */
static enum kr_status make_model(uint64_t seed, unsigned long index, long anchor_day,
                                 struct gen **out, struct kr_error *err)
{
	struct gen *g = calloc(1, sizeof *g), *d = NULL;

	*out = NULL;
	if (g && index % 2 == 1 && pair_start(seed, index - 1)) {
		d = calloc(1, sizeof *d);
		if (d) {
			rng_seed(&d->r, seed, index - 1);
			d->seed = seed;
			d->index = index - 1;
			d->A = anchor_day;
			build(d);
			if (d->sib >= 0)
				g->donor = d;
			else
				free(d);
		}
	}
	if (!g || (index % 2 == 1 && pair_start(seed, index - 1) && !d)) {
		free_model(g);
		return kr_error_say(err, KR_ENOMEM, "geen geheugen meer bij het maken van een dossier",
		                    "out of memory while generating a case");
	}
	rng_seed(&g->r, seed, index);
	g->seed = seed;
	g->index = index;
	g->A = anchor_day;
	build(g);
	*out = g;
	return KR_OK;
}

static enum kr_status check_args(char **out, long anchor_day, struct kr_error *err)
{
	if (!out)
		return kr_error_say(err, KR_EUSAGE, "kr_generate: geen plek voor het resultaat",
		                    "kr_generate: no place for the result");
	*out = NULL;
	if (anchor_day < kr_days_from_civil(1900, 1, 1) ||
	    anchor_day > kr_days_from_civil(9000, 12, 31))
		return kr_error_say(err, KR_EUSAGE,
		                    "de ankerdatum moet in de jaren 1900 tot en met 9000 liggen "
		                    "(dag %ld)", "the anchor date must lie in the years 1900 to 9000 "
		                    "(got day %ld)", anchor_day);
	return KR_OK;
}

/* Hands the written document over: *out, or KR_ENOMEM. */
static enum kr_status finish(struct jw *w, char **out, struct kr_error *err)
{
	*out = kr_buf_steal(&w->b, NULL);
	if (!*out)
		return kr_error_say(err, w->b.why ? w->b.why : KR_ENOMEM,
		                    "geen geheugen meer bij het maken van een dossier",
		                    "out of memory while generating a case");
	return KR_OK;
}

enum kr_status kr_generate_case(uint64_t seed, unsigned long index, long anchor_day,
                                char **out, struct kr_error *err)
{
	struct gen *g = NULL;
	struct jw w;
	enum kr_status rc = check_args(out, anchor_day, err);

	if (rc)
		return rc;
	memset(&w, 0, sizeof w);
	kr_buf_init(&w.b, KR_CASE_MAX_BYTES);
	rc = make_model(seed, index, anchor_day, &g, err);
	if (rc)
		goto out;
	emit(&w, g);
	rc = finish(&w, out, err);
out:
	kr_buf_cleanup(&w.b);
	free_model(g);
	return rc;
}

/* ---- the family plan of a sibling pair ---- */

static void case_ref(char *buf, size_t size, const struct gen *g)
{
	snprintf(buf, size, "GEN-%" PRIu64 "-%06lu", g->seed, g->index);
}

/* {"case": ref, "person": "pN"} */
static void fp_person(struct jw *w, const struct gen *g, int i)
{
	char ref[48];
	case_ref(ref, sizeof ref, g);
	open_c(w, '{');
	key(w, "case");
	str(w, ref);
	key(w, "person");
	person(w, i);
	close_c(w, '}');
}

struct fp_who { const struct gen *g; int i; };

static void fp_list(struct jw *w, const struct fp_who *v, int n)
{
	open_c(w, '[');
	for (int k = 0; k < n; k++)
		if (v[k].i >= 0)
			fp_person(w, v[k].g, v[k].i);
	close_c(w, ']');
}

static const char *const fp_places[] = {
	"buurthuis De Kring", "bij oma thuis", "het kantoor van de pleegzorg",
	"de bibliotheek", "het wijkcentrum", "bij de pleegouders van {a}"
};
static const char *const fp_outcomes[] = {
	"Eén rooster voor de bezoeken van beide kinderen. {a} en {b} zien elkaar elke week.",
	"{a} en {b} logeren een weekend per maand bij elkaar. De verjaardagen vieren we samen.",
	"De ouders zien de kinderen samen, niet om de beurt. Oma rijdt op zaterdag.",
	"De pleegouders bellen elkaar elke maand. In de vakantie gaan de kinderen samen een "
	"dag weg."
};

/* Template t with {a} and {b} replaced by the children's first names. */
static const char *fp_fill(const char *t, const char *a, const char *b, char *out,
                           size_t size)
{
	size_t n = 0;
	for (; *t && n + 1 < size; t++) {
		const char *x = t[0] == '{' && (t[1] == 'a' || t[1] == 'b') && t[2] == '}' ?
		                (t[1] == 'a' ? a : b) : NULL;
		if (x) {
			size_t l = strlen(x);
			if (n + l + 1 >= size)
				break;
			memcpy(out + n, x, l);
			n += l;
			t += 2;
		} else {
			out[n++] = *t;
		}
	}
	out[n] = '\0';
	return out;
}

static void fp_text(struct jw *w, const char *k, const char *t, const struct gen *a,
                    const struct gen *b)
{
	char buf[400];
	key(w, k);
	str(w, fp_fill(t, a->p[a->child].first, b->p[b->child].first, buf, sizeof buf));
}

/* A family meeting on day: everyone of both homes, the parents and the
 * workers invited; held (attended, outcome) when it lies before the
 * anchor. */
static void fp_meeting(struct jw *w, const struct gen *a, const struct gen *b, int n,
                       long day, uint64_t *x)
{
	struct fp_who inv[24];
	int ninv = 0;
	const struct gen *both[2] = { a, b };
	bool held = day <= a->A;
	char time[8];

	for (int k = 0; k < 2; k++) {
		const struct gen *g = both[k];
		const struct placement *cur = &g->pl[g->cur];
		if (g->age >= 6)
			inv[ninv++] = (struct fp_who){ g, g->child };
		if (k == 0 && tieable(g, g->mother))
			inv[ninv++] = (struct fp_who){ g, g->mother };
		if (k == 0 && tieable(g, g->father))
			inv[ninv++] = (struct fp_who){ g, g->father };
		for (int c = 0; c < cur->ncarers && c < 2; c++)
			if (cur->form != KR_FORM_HOME)
				inv[ninv++] = (struct fp_who){ g, cur->carers[c] };
		inv[ninv++] = (struct fp_who){ g, worker_on(g, day) };
	}
	open_c(w, '{');
	key(w, "id");
	id(w, "m", n);
	date_key(w, "date", day);
	snprintf(time, sizeof time, "%02d:%02d", (int)hrange(x, 15, 19), hnext(x) % 2 ? 30 : 0);
	key(w, "time");
	str(w, time);
	fp_text(w, "place", fp_places[hnext(x) % NELEM(fp_places)], a, b);
	if (worker_on(a, day) >= 0) {
		key(w, "coordinator");
		fp_person(w, a, worker_on(a, day));
	}
	key(w, "invited");
	fp_list(w, inv, ninv);
	if (held) {
		for (int k = 0; k < ninv; k++)
			if (hnext(x) % 7 == 0)
				inv[k].i = -1;
		key(w, "attended");
		fp_list(w, inv, ninv);
		fp_text(w, "outcome", fp_outcomes[hnext(x) % NELEM(fp_outcomes)], a, b);
	}
	close_c(w, '}');
}

static void emit_family_plan(struct jw *w, const struct gen *a, const struct gen *b)
{
	uint64_t x = side_hash(a, 60);
	const struct placement *pa = &a->pl[a->cur], *pb = &b->pl[b->cur];
	int sup[MAXP], nsup = supporters(a, sup, MAXP), wa = worker_on(a, a->A),
	    wb = worker_on(b, b->A);
	char ref[48], buf[240];
	long first;

	open_c(w, '{');
	key(w, "format");
	str(w, "kring-familyplan/1");
	key(w, "id");
	snprintf(buf, sizeof buf, "FP-GEN-%" PRIu64 "-%06lu", a->seed, a->index);
	str(w, buf);
	snprintf(buf, sizeof buf, "Gezin %s: {a} en {b}", a->child_surname);
	fp_text(w, "name", buf, a, b);
	key(w, "cases");
	open_c(w, '[');
	case_ref(ref, sizeof ref, a);
	str(w, ref);
	case_ref(ref, sizeof ref, b);
	str(w, ref);
	close_c(w, ']');

	key(w, "goals");
	open_c(w, '[');
	{
		struct fp_who who[3] = { { a, pa->ncarers && pa->form != KR_FORM_HOME ?
		                           pa->carers[0] : -1 },
		                         { b, pb->ncarers && pb->form != KR_FORM_HOME ?
		                           pb->carers[0] : -1 },
		                         { a, nsup ? sup[0] : -1 } };
		open_c(w, '{');
		key(w, "id");
		id(w, "g", 1);
		fp_text(w, "text", "{a} en {b} zien elkaar elke week", a, b);
		key(w, "who");
		fp_list(w, who, 3);
		close_c(w, '}');
	}
	if (tieable(a, a->mother) && hnext(&x) % 2) {
		struct fp_who who[1] = { { a, a->mother } };
		open_c(w, '{');
		key(w, "id");
		id(w, "g", 2);
		fp_text(w, "text", "Moeder ziet {a} en {b} samen, niet om de beurt", a, b);
		key(w, "who");
		fp_list(w, who, 1);
		close_c(w, '}');
	}
	close_c(w, ']');

	key(w, "agreements");
	open_c(w, '[');
	{
		struct fp_who who[2] = { { a, wa }, { b, wb } };
		open_c(w, '{');
		key(w, "id");
		id(w, "a", 1);
		fp_text(w, "what", "De pleegzorgbegeleiders van {a} en {b} plannen de bezoeken "
		        "samen en zetten ze in één rooster", a, b);
		key(w, "when");
		str(w, "elke maand");
		key(w, "who");
		fp_list(w, who, 2);
		key(w, "done");
		boolean(w, false);
		close_c(w, '}');
	}
	if (nsup) {
		struct fp_who who[1] = { { a, sup[hrange(&x, 0, nsup - 1)] } };
		open_c(w, '{');
		key(w, "id");
		id(w, "a", 2);
		snprintf(buf, sizeof buf, "%s haalt {a} en {b} op voor een dag samen",
		         a->p[who[0].i].first);
		fp_text(w, "what", buf, a, b);
		key(w, "when");
		str(w, "een keer per maand");
		key(w, "who");
		fp_list(w, who, 1);
		key(w, "done");
		boolean(w, hnext(&x) % 3 == 0);
		close_c(w, '}');
	}
	close_c(w, ']');

	key(w, "wishes");
	open_c(w, '[');
	if (a->age >= 6 || b->age >= 6) {
		const struct gen *by = a->age >= 6 ? a : b, *other = by == a ? b : a;
		open_c(w, '{');
		key(w, "id");
		id(w, "w", 1);
		snprintf(buf, sizeof buf, "Ik wil vaker bij %s logeren.", other->p[other->child].first);
		key(w, "text");
		str(w, buf);
		date_key(w, "date", a->A - hrange(&x, 10, 200));
		key(w, "by");
		fp_person(w, by, by->child);
		close_c(w, '}');
	}
	close_c(w, ']');

	/* A meeting of the whole family in the last months; half of the
	 * families planned the next one. */
	key(w, "meetings");
	open_c(w, '[');
	first = a->A - hrange(&x, 14, 240);
	fp_meeting(w, a, b, 1, first, &x);
	if (hnext(&x) % 2)
		fp_meeting(w, a, b, 2, a->A + hrange(&x, 20, 90), &x);
	close_c(w, ']');
	close_c(w, '}');
}

enum kr_status kr_generate_family_plan(uint64_t seed, unsigned long index, long anchor_day,
                                       char **out, struct kr_error *err)
{
	struct gen *g = NULL;
	struct jw w;
	enum kr_status rc = check_args(out, anchor_day, err);

	if (rc)
		return rc;
	if (!pair_start(seed, index))
		return KR_OK;
	memset(&w, 0, sizeof w);
	kr_buf_init(&w.b, KR_CASE_MAX_BYTES);
	rc = make_model(seed, index + 1, anchor_day, &g, err);
	if (rc || !g->donor)
		goto out;
	emit_family_plan(&w, g->donor, g);
	rc = finish(&w, out, err);
out:
	kr_buf_cleanup(&w.b);
	free_model(g);
	return rc;
}
