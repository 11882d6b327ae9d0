/*
 * render_genogram.c - the genogram: the child's family tree over the
 * generations, drawn with the usual symbols (square male, circle female,
 * diamond other/unknown, a cross for the deceased, a double outline for the
 * child of the case), partner lines (married solid, living together dashed,
 * one slash separated, two slashes divorced), children hanging from their
 * parents' line in birth order, and adoptive (dashed), foster (dotted) and
 * step (dash-dot) links drawn apart from birth links.  The child's current
 * household is outlined.
 *
 * Who is drawn: everyone named in the kinship, the child, the members of
 * the current placement, and persons with a family role (parent, sibling,
 * grandparent, ..., foster parent) even without kinship.  Friends and
 * professionals without kinship are left out (also when they are the
 * carers of a residential placement).
 *
 * Layout (a small Sugiyama-style pipeline, see docs/instruments-genogram-
 * lifeline.md):
 *   1. groups: connected parts of the kinship graph (foster links do not
 *      join groups); the child's group first, foster families to its right;
 *   2. generations: children below parents, partners on one row, parents
 *      pulled down to just above their children;
 *   3. order in each row: partner chains are kept together as blocks;
 *      blocks are sorted by the barycentre of their parents (down sweeps)
 *      or children (up sweeps); the order with the fewest crossings wins;
 *      siblings always end in birth order (unknown birth dates last, then
 *      by id);
 *   4. x: in each row the slots keep their order and a minimum distance
 *      while sitting as close as possible to their parents/children (a
 *      weighted isotonic regression, solved exactly by pool-adjacent-
 *      violators);
 *   5. lines: each parent pair (a "union") drops a line through a gap
 *      between slots to its own horizontal track below the row, from which
 *      its children hang.
 * Everything is deterministic: no hashing, insertion sorts with full tie
 * breaks, and numbers printed with one decimal.
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geometry_int.h"
#include "render_int.h"

#define SYM        36.0   /* symbol size */
#define R_SYM      (SYM / 2)
#define GAP_IN     28.0   /* between partners in one block */
#define GAP_OUT    36.0   /* between blocks */
#define GROUP_GAP  64.0   /* between family groups */
#define NAME_PX    11.0
#define INFO_PX    10.0
#define MARGIN     24.0
#define TRACK      7.0    /* distance between union tracks */
#define RAISE      6.0    /* distance between raised partner lines */
#define NAME_MAX_CP 22    /* names are clipped to this many characters */

struct gkid {
	int node;
	enum kr_kin_kind kind;    /* KR_KIND_BIRTH, _ADOPTIVE, _FOSTER or _STEP */
};

struct gunion {
	int a, b;                 /* parent nodes, a < b; b = -1: one parent known */
	struct gkid *kids;
	size_t nkids, capkids;
	int partner;              /* index of the partner link a-b, or -1 */
	/* drawing */
	int gapnode, gapside;     /* the gap its drop runs through */
	double dropx, y0;         /* drop: from (dropx, y0) down to its track */
	double stubx;             /* one parent: stub from the symbol edge */
	int track;
	int row;
};

struct gnode {
	int p;                    /* person index */
	int comp, gen, block, pos;
	int vis;                  /* DFS visit order, for the first ordering */
	double x, hw, ytop;
	int nup, upseen;          /* unions it hangs from; drops drawn so far */
	long birth;               /* first day of birth, LONG_MAX when unknown */
	bool household;
	char name[NAME_MAX_CP * 4 + 8];
	char info[64];
};

struct glink { int parent, child; enum kr_kin_kind kind; };
struct gpartner { int a, b; enum kr_partner_status status; int raised; };

struct geno {
	const struct kr_case *c;
	const struct kr_render_opts *o;
	enum kr_lang lang;
	struct gnode *n;
	size_t nn;
	int *node_of;             /* person -> node, -1 */
	struct glink *links;
	size_t nlinks;
	struct gpartner *partners;
	size_t npartners;
	struct gunion *un;
	size_t nun, capun;
	/* adjacency over parent links (both directions), CSR */
	int *adj, *adjs;
	/* rows and blocks */
	int nrows;
	int *rowlen, *rowstart;   /* nodes of row r: order[rowstart[r] .. +rowlen[r]] */
	int *order;
	int nblocks;
	int *bmem, *bstart, *blen, *brow;
	int *rbstart, *rblen, *rowblk;   /* blocks of row r in order */
	int *best;                /* saved rowblk */
	double *bkey, *mkey;      /* block keys, member keys (by node) */
	bool *mhas;
	/* coordinates */
	double *d, *w, *sep, *xs, *tmp1, *tmp2;
	int *tmpi;
	int ncomps;
	/* rows in y */
	double *rowy, *tracky;
	int *ntracks, *nraised;
	double width, height;
};

/* ---- small helpers ---- */

static bool is_birth_kind(enum kr_kin_kind k)
{
	return k == KR_KIND_NONE || k == KR_KIND_BIRTH;
}

static enum kr_kin_kind kind_class(enum kr_kin_kind k)
{
	return is_birth_kind(k) ? KR_KIND_BIRTH : k;
}

/* Order of birth: known dates first, by date; then by id. */
static int birth_cmp(const struct geno *g, int a, int b)
{
	const struct gnode *x = &g->n[a], *y = &g->n[b];
	if (x->birth != y->birth)
		return x->birth < y->birth ? -1 : 1;
	return strcmp(g->c->persons[x->p].id, g->c->persons[y->p].id);
}

static bool is_family_role(const struct kr_person *p)
{
	static const enum kr_role fam[] = { KR_ROLE_CHILD, KR_ROLE_PARENT, KR_ROLE_STEP_PARENT,
		KR_ROLE_SIBLING, KR_ROLE_HALF_SIBLING, KR_ROLE_GRANDPARENT, KR_ROLE_AUNT_UNCLE,
		KR_ROLE_COUSIN, KR_ROLE_FOSTER_PARENT, KR_ROLE_FOSTER_SIBLING,
		KR_ROLE_FAMILY_HOME_PARENT };
	for (size_t i = 0; i < sizeof fam / sizeof fam[0]; i++)
		if (kr_person_has_role(p, fam[i]))
			return true;
	return false;
}

/* The generation a role implies, relative to the child's, or INT_MIN. */
static int role_gen(const struct kr_person *p)
{
	if (kr_person_has_role(p, KR_ROLE_GRANDPARENT))
		return -2;
	if (kr_person_has_role(p, KR_ROLE_PARENT) || kr_person_has_role(p, KR_ROLE_STEP_PARENT) ||
	    kr_person_has_role(p, KR_ROLE_AUNT_UNCLE) ||
	    kr_person_has_role(p, KR_ROLE_FOSTER_PARENT) ||
	    kr_person_has_role(p, KR_ROLE_FAMILY_HOME_PARENT))
		return -1;
	if (kr_person_has_role(p, KR_ROLE_SIBLING) || kr_person_has_role(p, KR_ROLE_HALF_SIBLING) ||
	    kr_person_has_role(p, KR_ROLE_COUSIN) ||
	    kr_person_has_role(p, KR_ROLE_FOSTER_SIBLING) || kr_person_has_role(p, KR_ROLE_CHILD))
		return 0;
	return INT_MIN;
}

static int uf_find(int *par, int x)
{
	while (par[x] != x) {
		par[x] = par[par[x]];
		x = par[x];
	}
	return x;
}

static void uf_join(int *par, int a, int b)
{
	a = uf_find(par, a);
	b = uf_find(par, b);
	if (a < b)
		par[b] = a;
	else if (b < a)
		par[a] = b;
}

static void *xcalloc(size_t n, size_t sz, bool *nomem)
{
	void *p = calloc(n ? n : 1, sz);
	if (!p)
		*nomem = true;
	return p;
}

/* ---- 1. who is in it, and the links between them ---- */

static bool collect(struct geno *g)
{
	const struct kr_case *c = g->c;
	bool *in = NULL, nomem = false;
	int cur;
	size_t k;

	in = xcalloc(c->npersons, sizeof *in, &nomem);
	g->node_of = xcalloc(c->npersons, sizeof *g->node_of, &nomem);
	if (nomem)
		goto out;
	in[c->child] = true;
	for (k = 0; k < c->nkinship; k++) {
		const struct kr_kinship *kin = &c->kinship[k];
		if (kin->type == KR_KIN_PARENT && kin->parent >= 0 && kin->child >= 0)
			in[kin->parent] = in[kin->child] = true;
		else if (kin->type == KR_KIN_PARTNERS && kin->a >= 0 && kin->b >= 0)
			in[kin->a] = in[kin->b] = true;
	}
	cur = kr_case_current_placement(c, g->o->as_of);
	for (size_t i = 0; i < c->npersons; i++)
		if (is_family_role(&c->persons[i]))
			in[i] = true;
	/* The household, except professionals (a residential group's staff):
	 * they stay out unless kinship or a family role brought them in. */
	if (cur >= 0) {
		const struct kr_placement *pl = &c->placements[cur];
		for (k = 0; k < pl->ncarers; k++)
			if (c->persons[pl->carers[k]].world != KR_WORLD_PROFESSIONAL)
				in[pl->carers[k]] = true;
		for (k = 0; k < pl->nchildren; k++)
			if (c->persons[pl->children[k]].world != KR_WORLD_PROFESSIONAL)
				in[pl->children[k]] = true;
	}
	for (size_t i = 0; i < c->npersons; i++)
		g->nn += in[i];
	g->n = xcalloc(g->nn, sizeof *g->n, &nomem);
	g->links = xcalloc(c->nkinship, sizeof *g->links, &nomem);
	/* room for the implied pairs build_unions() adds */
	g->partners = xcalloc(2 * c->nkinship + 1, sizeof *g->partners, &nomem);
	if (nomem)
		goto out;
	g->nn = 0;
	for (size_t i = 0; i < c->npersons; i++) {
		g->node_of[i] = -1;
		if (!in[i])
			continue;
		g->node_of[i] = (int)g->nn;
		g->n[g->nn].p = (int)i;
		g->n[g->nn].birth = kr_date_valid(c->persons[i].born) ?
		                    kr_date_first(c->persons[i].born) : LONG_MAX;
		g->nn++;
	}
	if (cur >= 0) {
		const struct kr_placement *pl = &c->placements[cur];
		g->n[g->node_of[c->child]].household = true;
		for (k = 0; k < pl->ncarers; k++)
			if (g->node_of[pl->carers[k]] >= 0)
				g->n[g->node_of[pl->carers[k]]].household = true;
		for (k = 0; k < pl->nchildren; k++)
			if (g->node_of[pl->children[k]] >= 0)
				g->n[g->node_of[pl->children[k]]].household = true;
	}
	for (k = 0; k < c->nkinship; k++) {
		const struct kr_kinship *kin = &c->kinship[k];
		if (kin->type == KR_KIN_PARENT && kin->parent >= 0 && kin->child >= 0 &&
		    kin->parent != kin->child) {
			g->links[g->nlinks++] = (struct glink){ g->node_of[kin->parent],
				g->node_of[kin->child], kind_class(kin->kind) };
		} else if (kin->type == KR_KIN_PARTNERS && kin->a >= 0 && kin->b >= 0 &&
		           kin->a != kin->b) {
			int a = g->node_of[kin->a], b = g->node_of[kin->b];
			bool dup = false;
			for (size_t j = 0; j < g->npartners; j++)
				if ((g->partners[j].a == a && g->partners[j].b == b) ||
				    (g->partners[j].a == b && g->partners[j].b == a))
					dup = true;
			if (!dup)
				g->partners[g->npartners++] = (struct gpartner){ a < b ? a : b,
					a < b ? b : a, kin->status, -1 };
		}
	}
out:
	free(in);
	return !nomem;
}

static int find_partner(const struct geno *g, int a, int b)
{
	for (size_t j = 0; j < g->npartners; j++)
		if ((g->partners[j].a == a && g->partners[j].b == b) ||
		    (g->partners[j].a == b && g->partners[j].b == a))
			return (int)j;
	return -1;
}

static bool add_union_kid(struct geno *g, int a, int b, int kid, enum kr_kin_kind kind)
{
	struct gunion *u = NULL;

	if (b >= 0 && b < a) {
		int t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; i < g->nun; i++)
		if (g->un[i].a == a && g->un[i].b == b)
			u = &g->un[i];
	if (!u) {
		if (g->nun == g->capun) {
			size_t nc = g->capun ? g->capun * 2 : 16;
			struct gunion *nu = realloc(g->un, nc * sizeof *nu);
			if (!nu)
				return false;
			g->un = nu;
			g->capun = nc;
		}
		u = &g->un[g->nun++];
		memset(u, 0, sizeof *u);
		u->a = a;
		u->b = b;
		u->partner = b >= 0 ? find_partner(g, a, b) : -1;
		u->track = -1;
	}
	for (size_t i = 0; i < u->nkids; i++)
		if (u->kids[i].node == kid)
			return true;
	if (u->nkids == u->capkids) {
		size_t nc = u->capkids ? u->capkids * 2 : 4;
		struct gkid *nk = realloc(u->kids, nc * sizeof *nk);
		if (!nk)
			return false;
		u->kids = nk;
		u->capkids = nc;
	}
	u->kids[u->nkids++] = (struct gkid){ kid, kind };
	g->n[kid].nup++;
	return true;
}

/* Unions: each child's parents in pairs.  Two parents of different kinds
 * (a birth mother and an adoptive or step father) make one pair, and the
 * child's line takes the non-birth style; otherwise parents are grouped by
 * kind (birth, adoptive, foster, step).  Foster parents always make their
 * own pair. */
static bool build_unions(struct geno *g)
{
	static const enum kr_kin_kind kinds[] = { KR_KIND_BIRTH, KR_KIND_ADOPTIVE,
		KR_KIND_FOSTER, KR_KIND_STEP };
	for (size_t kid = 0; kid < g->nn; kid++) {
		int par[2] = { -1, -1 }, np = 0;
		enum kr_kin_kind kk = KR_KIND_BIRTH;
		bool mixed = false;
		for (size_t l = 0; l < g->nlinks; l++) {
			const struct glink *ln = &g->links[l];
			if (ln->child != (int)kid || ln->kind == KR_KIND_FOSTER)
				continue;
			if (np < 2)
				par[np] = ln->parent;
			np++;
			if (ln->kind != KR_KIND_BIRTH) {
				mixed = true;
				if (kk != KR_KIND_ADOPTIVE)
					kk = ln->kind;
			}
		}
		if (np == 2 && mixed) {
			if (!add_union_kid(g, par[0], par[1], (int)kid, kk))
				return false;
		}
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			if (np == 2 && mixed && kinds[k] != KR_KIND_FOSTER)
				continue;
			int pend = -1;
			for (size_t l = 0; l < g->nlinks; l++) {
				const struct glink *ln = &g->links[l];
				if (ln->child != (int)kid || ln->kind != kinds[k])
					continue;
				if (pend < 0) {
					pend = ln->parent;
				} else {
					if (!add_union_kid(g, pend, ln->parent, (int)kid, kinds[k]))
						return false;
					pend = -1;
				}
			}
			if (pend >= 0 && !add_union_kid(g, pend, -1, (int)kid, kinds[k]))
				return false;
		}
	}
	/* Two parents who are not recorded as partners are still joined by a
	 * line (and kept side by side): an implied pair without status. */
	for (size_t i = 0; i < g->nun; i++) {
		struct gunion *u = &g->un[i];
		if (u->b < 0 || u->partner >= 0)
			continue;
		u->partner = (int)g->npartners;
		g->partners[g->npartners++] = (struct gpartner){ u->a, u->b, KR_PARTNER_NONE, -1 };
	}
	return true;
}

static bool build_adjacency(struct geno *g, bool *nomem)
{
	g->adjs = xcalloc(g->nn + 1, sizeof *g->adjs, nomem);
	g->adj = xcalloc(g->nlinks * 2, sizeof *g->adj, nomem);
	if (*nomem)
		return false;
	for (size_t l = 0; l < g->nlinks; l++) {
		g->adjs[g->links[l].parent + 1]++;
		g->adjs[g->links[l].child + 1]++;
	}
	for (size_t i = 0; i < g->nn; i++)
		g->adjs[i + 1] += g->adjs[i];
	{
		int *fill = xcalloc(g->nn, sizeof *fill, nomem);
		if (*nomem)
			return false;
		for (size_t l = 0; l < g->nlinks; l++) {
			int p = g->links[l].parent, ch = g->links[l].child;
			g->adj[g->adjs[p] + fill[p]++] = ch;
			g->adj[g->adjs[ch] + fill[ch]++] = p;
		}
		free(fill);
	}
	return true;
}

/* ---- 2. groups and generations ---- */

static bool groups_and_generations(struct geno *g, bool *nomem)
{
	const struct kr_case *c = g->c;
	int *par = xcalloc(g->nn, sizeof *par, nomem);
	int *rank = xcalloc(g->nn, sizeof *rank, nomem);
	int *root_comp = xcalloc(g->nn, sizeof *root_comp, nomem);
	int *cmin = NULL, *offset = NULL;
	bool *offset_set = NULL;
	int main_root, child_node = g->node_of[c->child], g0;
	bool ok = false;

	if (*nomem)
		goto out;
	for (size_t i = 0; i < g->nn; i++)
		par[i] = (int)i;
	for (size_t l = 0; l < g->nlinks; l++)
		if (g->links[l].kind != KR_KIND_FOSTER)
			uf_join(par, g->links[l].parent, g->links[l].child);
	for (size_t j = 0; j < g->npartners; j++)
		uf_join(par, g->partners[j].a, g->partners[j].b);
	main_root = uf_find(par, child_node);

	/* Rank of each group: the child's first, then groups with a carer of the
	 * current placement or a foster-world person, then the rest; ties by the
	 * lowest node. */
	for (size_t i = 0; i < g->nn; i++)
		rank[i] = INT_MAX;
	for (size_t i = 0; i < g->nn; i++) {
		int r = uf_find(par, (int)i), cls = 2;
		const struct kr_person *p = &c->persons[g->n[i].p];
		if (r == main_root)
			cls = 0;
		else if (p->world == KR_WORLD_FOSTER || g->n[i].household ||
		         kr_person_has_role(p, KR_ROLE_FOSTER_PARENT))
			cls = 1;
		if (cls < rank[r])
			rank[r] = cls;
	}
	/* Number the groups: by class, then by root (the lowest node). */
	g->ncomps = 0;
	for (int cls = 0; cls <= 2; cls++)
		for (size_t i = 0; i < g->nn; i++)
			if (uf_find(par, (int)i) == (int)i && rank[i] == cls)
				root_comp[i] = g->ncomps++;
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].comp = root_comp[uf_find(par, (int)i)];

	/* Generations: children below parents, partners level, parents just
	 * above their highest child.  Only increases; capped against cycles. */
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].gen = 0;
	for (size_t it = 0; it < 2 * g->nn + 4; it++) {
		bool changed = false;
		for (size_t l = 0; l < g->nlinks; l++) {
			const struct glink *ln = &g->links[l];
			if (ln->kind == KR_KIND_FOSTER)
				continue;
			if (g->n[ln->child].gen < g->n[ln->parent].gen + 1) {
				g->n[ln->child].gen = g->n[ln->parent].gen + 1;
				changed = true;
			}
		}
		for (size_t j = 0; j < g->npartners; j++) {
			struct gnode *a = &g->n[g->partners[j].a], *b = &g->n[g->partners[j].b];
			if (a->gen != b->gen) {
				a->gen = b->gen = a->gen > b->gen ? a->gen : b->gen;
				changed = true;
			}
		}
		for (size_t i = 0; i < g->nn; i++) {
			int minc = INT_MAX;
			for (size_t l = 0; l < g->nlinks; l++) {
				const struct glink *ln = &g->links[l];
				if (ln->parent == (int)i && ln->kind != KR_KIND_FOSTER &&
				    g->n[ln->child].gen < minc)
					minc = g->n[ln->child].gen;
			}
			if (minc != INT_MAX && g->n[i].gen < minc - 1) {
				g->n[i].gen = minc - 1;
				changed = true;
			}
		}
		for (size_t i = 0; i < g->nn; i++)
			if (g->n[i].gen > (int)g->nn)
				g->n[i].gen = (int)g->nn;   /* partner/parent cycles */
		if (!changed)
			break;
	}

	/* Normalise each group to start at 0, then align the other groups to
	 * the child's: through a foster link, else through a role. */
	cmin = xcalloc((size_t)g->ncomps, sizeof *cmin, nomem);
	offset = xcalloc((size_t)g->ncomps, sizeof *offset, nomem);
	offset_set = xcalloc((size_t)g->ncomps, sizeof *offset_set, nomem);
	if (*nomem)
		goto out;
	for (int k = 0; k < g->ncomps; k++)
		cmin[k] = INT_MAX;
	for (size_t i = 0; i < g->nn; i++)
		if (g->n[i].gen < cmin[g->n[i].comp])
			cmin[g->n[i].comp] = g->n[i].gen;
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].gen -= cmin[g->n[i].comp];
	g0 = g->n[child_node].gen;
	offset_set[0] = true;
	for (size_t l = 0; l < g->nlinks; l++) {
		const struct glink *ln = &g->links[l];
		int pc = g->n[ln->parent].comp, cc = g->n[ln->child].comp;
		if (pc == cc)
			continue;
		if (cc == 0 && !offset_set[pc]) {
			offset[pc] = g->n[ln->child].gen - 1 - g->n[ln->parent].gen;
			offset_set[pc] = true;
		} else if (pc == 0 && !offset_set[cc]) {
			offset[cc] = g->n[ln->parent].gen + 1 - g->n[ln->child].gen;
			offset_set[cc] = true;
		}
	}
	for (size_t i = 0; i < g->nn; i++) {
		int k = g->n[i].comp, rg = role_gen(&c->persons[g->n[i].p]);
		if (offset_set[k] || rg == INT_MIN)
			continue;
		if (g->n[i].household && k != 0 && rg == 0 && (int)i != child_node)
			rg = 0;
		offset[k] = g0 + rg - g->n[i].gen;
		offset_set[k] = true;
	}
	{
		int lo = 0;
		for (size_t i = 0; i < g->nn; i++) {
			g->n[i].gen += offset[g->n[i].comp];
			if (g->n[i].gen < lo)
				lo = g->n[i].gen;
		}
		g->nrows = 0;
		for (size_t i = 0; i < g->nn; i++) {
			g->n[i].gen -= lo;
			if (g->n[i].gen + 1 > g->nrows)
				g->nrows = g->n[i].gen + 1;
		}
	}
	ok = true;
out:
	free(par);
	free(rank);
	free(root_comp);
	free(cmin);
	free(offset);
	free(offset_set);
	return ok;
}

/* ---- 3. order within the rows ---- */

/* Depth-first visit order from the child over all kinship, to seed the
 * ordering with relatives near each other. */
static bool visit_order(struct geno *g, bool *nomem)
{
	int *stack = xcalloc(g->nn + g->nlinks * 2 + g->npartners * 2 + 1, sizeof *stack, nomem);
	int next = 0;

	if (*nomem)
		return false;
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].vis = -1;
	for (size_t s0 = 0; s0 <= g->nn; s0++) {
		int start = s0 == 0 ? g->node_of[g->c->child] : (int)s0 - 1, top = 0;
		if (g->n[start].vis >= 0)
			continue;
		stack[top++] = start;
		while (top > 0) {
			int v = stack[--top];
			if (g->n[v].vis >= 0)
				continue;
			g->n[v].vis = next++;
			/* Push in reverse so the first neighbour is visited first. */
			for (size_t j = g->npartners; j-- > 0;) {
				int o = g->partners[j].a == v ? g->partners[j].b :
				        g->partners[j].b == v ? g->partners[j].a : -1;
				if (o >= 0 && g->n[o].vis < 0)
					stack[top++] = o;
			}
			for (int j = g->adjs[v + 1]; j-- > g->adjs[v];)
				if (g->n[g->adj[j]].vis < 0)
					stack[top++] = g->adj[j];
		}
	}
	free(stack);
	return true;
}

static bool same_row_partners(const struct geno *g, size_t j)
{
	return g->n[g->partners[j].a].gen == g->n[g->partners[j].b].gen;
}

/* Blocks: chains of partners on one row, kept together in chain order. */
static bool build_blocks(struct geno *g, bool *nomem)
{
	int *deg = xcalloc(g->nn, sizeof *deg, nomem);
	bool *done = xcalloc(g->nn, sizeof *done, nomem);
	int *grp = xcalloc(g->nn, sizeof *grp, nomem);
	int *stack = xcalloc(g->nn + 2 * g->npartners + 1, sizeof *stack, nomem);
	int nb = 0, nm = 0;

	g->bmem = xcalloc(g->nn, sizeof *g->bmem, nomem);
	g->bstart = xcalloc(g->nn, sizeof *g->bstart, nomem);
	g->blen = xcalloc(g->nn, sizeof *g->blen, nomem);
	g->brow = xcalloc(g->nn, sizeof *g->brow, nomem);
	if (*nomem)
		goto out;
	for (size_t j = 0; j < g->npartners; j++)
		if (same_row_partners(g, j)) {
			deg[g->partners[j].a]++;
			deg[g->partners[j].b]++;
		}
	/* Visit nodes in visit order so blocks are numbered deterministically. */
	for (int v0 = 0; v0 < (int)g->nn; v0++) {
		int start = -1, ng = 0, top = 0;
		for (size_t i = 0; i < g->nn; i++)
			if (g->n[i].vis == v0)
				start = (int)i;
		if (start < 0 || done[start])
			continue;
		/* Collect the partner group, then start the chain at a member of
		 * the lowest degree (ties: earliest visited). */
		grp[ng++] = start;
		done[start] = true;
		for (int q = 0; q < ng; q++)
			for (size_t j = 0; j < g->npartners; j++) {
				int o = g->partners[j].a == grp[q] ? g->partners[j].b :
				        g->partners[j].b == grp[q] ? g->partners[j].a : -1;
				if (o >= 0 && same_row_partners(g, j) && !done[o]) {
					done[o] = true;
					grp[ng++] = o;
				}
			}
		{
			int best = grp[0];
			for (int q = 1; q < ng; q++)
				if (deg[grp[q]] < deg[best] ||
				    (deg[grp[q]] == deg[best] && g->n[grp[q]].vis < g->n[best].vis))
					best = grp[q];
			for (int q = 0; q < ng; q++)
				done[grp[q]] = false;
			start = best;
		}
		g->bstart[nb] = nm;
		g->brow[nb] = g->n[start].gen;
		stack[top++] = start;
		while (top > 0) {
			int v = stack[--top];
			if (done[v])
				continue;
			done[v] = true;
			g->n[v].block = nb;
			g->bmem[nm++] = v;
			/* Neighbours, earliest visited on top of the stack. */
			for (;;) {
				int pick = -1;
				for (size_t j = 0; j < g->npartners; j++) {
					int o = g->partners[j].a == v ? g->partners[j].b :
					        g->partners[j].b == v ? g->partners[j].a : -1;
					if (o < 0 || !same_row_partners(g, j) || done[o])
						continue;
					bool onstack = false;
					for (int s = 0; s < top; s++)
						if (stack[s] == o)
							onstack = true;
					if (onstack)
						continue;
					if (pick < 0 || g->n[o].vis > g->n[pick].vis)
						pick = o;
				}
				if (pick < 0)
					break;
				stack[top++] = pick;
			}
		}
		g->blen[nb] = nm - g->bstart[nb];
		nb++;
	}
	g->nblocks = nb;
out:
	free(deg);
	free(done);
	free(grp);
	free(stack);
	return !*nomem;
}

/* Writes the node order of row r from its block order. */
static void expand_row(struct geno *g, int r)
{
	int k = g->rowstart[r];
	for (int i = 0; i < g->rblen[r]; i++) {
		int b = g->rowblk[g->rbstart[r] + i];
		for (int m = 0; m < g->blen[b]; m++) {
			int v = g->bmem[g->bstart[b] + m];
			g->order[k] = v;
			g->n[v].pos = k - g->rowstart[r];
			k++;
		}
	}
}

/* Block a before block b in a row: by group, then key, then current place. */
static bool block_before(const struct geno *g, int a, int b, const int *cur)
{
	int ca = g->n[g->bmem[g->bstart[a]]].comp, cb = g->n[g->bmem[g->bstart[b]]].comp;
	if (ca != cb)
		return ca < cb;
	if (g->bkey[a] != g->bkey[b])
		return g->bkey[a] < g->bkey[b];
	return cur[a] < cur[b];
}

/* Puts siblings of one union into birth order among the places their blocks
 * hold in row r. */
static void birth_order(struct geno *g, int r)
{
	int *idx = g->tmpi, *kid = g->tmpi + g->nn;

	for (size_t u = 0; u < g->nun; u++) {
		const struct gunion *un = &g->un[u];
		int nk = 0;
		bool shared = false;
		for (size_t k = 0; k < un->nkids; k++) {
			int v = un->kids[k].node;
			if (g->n[v].gen != r || g->n[v].comp != g->n[un->a].comp)
				continue;
			for (int i = 0; i < g->rblen[r]; i++)
				if (g->rowblk[g->rbstart[r] + i] == g->n[v].block) {
					for (int q = 0; q < nk; q++)
						if (idx[q] == i)
							shared = true;
					idx[nk] = i;
					kid[nk] = v;
					nk++;
				}
		}
		if (nk < 2 || shared)
			continue;
		/* idx ascending, kids by birth (insertion sorts). */
		for (int i = 1; i < nk; i++)
			for (int j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
				int t = idx[j];
				idx[j] = idx[j - 1];
				idx[j - 1] = t;
			}
		for (int i = 1; i < nk; i++)
			for (int j = i; j > 0 && birth_cmp(g, kid[j - 1], kid[j]) > 0; j--) {
				int t = kid[j];
				kid[j] = kid[j - 1];
				kid[j - 1] = t;
			}
		for (int i = 0; i < nk; i++)
			g->rowblk[g->rbstart[r] + idx[i]] = g->n[kid[i]].block;
	}
	expand_row(g, r);
}

/* Sorts the blocks of row r by the barycentre of their links into row
 * r + dir (dir -1: parents above, +1: children below). */
static void sort_row(struct geno *g, int r, int dir)
{
	int ro = r + dir, *cur = g->tmpi;

	if (ro >= 0 && ro < g->nrows && g->rowlen[ro] > 0) {
		for (int i = 0; i < g->rblen[r]; i++) {
			int b = g->rowblk[g->rbstart[r] + i];
			double sum = 0, own = 0;
			int cnt = 0;
			cur[b] = i;
			for (int m = 0; m < g->blen[b]; m++) {
				int v = g->bmem[g->bstart[b] + m];
				double s = 0;
				int k = 0;
				own += g->n[v].pos;
				for (int j = g->adjs[v]; j < g->adjs[v + 1]; j++) {
					int o = g->adj[j];
					if (g->n[o].gen == ro && g->n[o].comp == g->n[v].comp) {
						s += (g->n[o].pos + 0.5) / g->rowlen[ro];
						k++;
					}
				}
				g->mhas[v] = k > 0;
				g->mkey[v] = k ? s / k : 0;
				if (k) {
					sum += s / k;
					cnt++;
				}
			}
			g->bkey[b] = cnt ? sum / cnt :
			             (own / g->blen[b] + 0.5) / g->rowlen[r];
		}
		/* Insertion sort: stable, deterministic. */
		for (int i = 1; i < g->rblen[r]; i++)
			for (int j = i; j > 0; j--) {
				int *a = &g->rowblk[g->rbstart[r] + j - 1], *b = a + 1;
				if (!block_before(g, *b, *a, cur))
					break;
				int t = *a;
				*a = *b;
				*b = t;
			}
		/* Turn a chain around when its members' keys say so. */
		for (int i = 0; i < g->rblen[r]; i++) {
			int b = g->rowblk[g->rbstart[r] + i], inv = 0, rev = 0;
			int *mem = &g->bmem[g->bstart[b]];
			for (int p = 0; p < g->blen[b]; p++)
				for (int q = p + 1; q < g->blen[b]; q++) {
					if (!g->mhas[mem[p]] || !g->mhas[mem[q]])
						continue;
					if (g->mkey[mem[p]] > g->mkey[mem[q]])
						inv++;
					else if (g->mkey[mem[p]] < g->mkey[mem[q]])
						rev++;
				}
			if (rev < inv)
				for (int p = 0, q = g->blen[b] - 1; p < q; p++, q--) {
					int t = mem[p];
					mem[p] = mem[q];
					mem[q] = t;
				}
		}
	}
	expand_row(g, r);
	birth_order(g, r);
}

/* Crossings between rows: each union is one point (the middle of its
 * parents), joined to each of its children one row below.  Lines of one
 * union never cross each other. */
static long count_crossings(const struct geno *g)
{
	long x = 0;
	for (size_t i = 0; i < g->nun; i++) {
		const struct gunion *u = &g->un[i];
		int r = g->n[u->a].gen;
		double su = g->n[u->a].pos;
		if (u->b >= 0 && g->n[u->b].gen == r && g->n[u->b].comp == g->n[u->a].comp)
			su = (su + g->n[u->b].pos) / 2;
		for (size_t j = i + 1; j < g->nun; j++) {
			const struct gunion *w = &g->un[j];
			double sw = g->n[w->a].pos;
			if (g->n[w->a].gen != r)
				continue;
			if (w->b >= 0 && g->n[w->b].gen == r && g->n[w->b].comp == g->n[w->a].comp)
				sw = (sw + g->n[w->b].pos) / 2;
			if (su == sw)
				continue;
			for (size_t k = 0; k < u->nkids; k++) {
				const struct gnode *ku = &g->n[u->kids[k].node];
				if (ku->gen != r + 1 || ku->comp != g->n[u->a].comp)
					continue;
				for (size_t l = 0; l < w->nkids; l++) {
					const struct gnode *kw = &g->n[w->kids[l].node];
					if (kw->gen != r + 1 || kw->comp != g->n[w->a].comp)
						continue;
					if ((su < sw) != (ku->pos < kw->pos) && ku->pos != kw->pos)
						x++;
				}
			}
		}
	}
	return x;
}

static void save_order(struct geno *g, int *to, const int *from, const int *bm)
{
	memcpy(to, from, (size_t)g->nblocks * sizeof *to);
	memcpy(to + g->nblocks, bm, g->nn * sizeof *to);
}

static bool order_rows(struct geno *g, bool *nomem)
{
	int *cur;
	long best;

	g->rowlen = xcalloc((size_t)g->nrows, sizeof *g->rowlen, nomem);
	g->rowstart = xcalloc((size_t)g->nrows + 1, sizeof *g->rowstart, nomem);
	g->rbstart = xcalloc((size_t)g->nrows + 1, sizeof *g->rbstart, nomem);
	g->rblen = xcalloc((size_t)g->nrows, sizeof *g->rblen, nomem);
	g->order = xcalloc(g->nn, sizeof *g->order, nomem);
	g->rowblk = xcalloc((size_t)g->nblocks, sizeof *g->rowblk, nomem);
	g->best = xcalloc((size_t)g->nblocks + g->nn, sizeof *g->best, nomem);
	g->bkey = xcalloc((size_t)g->nblocks, sizeof *g->bkey, nomem);
	g->mkey = xcalloc(g->nn, sizeof *g->mkey, nomem);
	g->mhas = xcalloc(g->nn, sizeof *g->mhas, nomem);
	g->tmpi = xcalloc(2 * g->nn + (size_t)g->nblocks, sizeof *g->tmpi, nomem);
	if (*nomem)
		return false;
	for (size_t i = 0; i < g->nn; i++)
		g->rowlen[g->n[i].gen]++;
	for (int b = 0; b < g->nblocks; b++)
		g->rblen[g->brow[b]]++;
	for (int r = 0; r < g->nrows; r++) {
		g->rowstart[r + 1] = g->rowstart[r] + g->rowlen[r];
		g->rbstart[r + 1] = g->rbstart[r] + g->rblen[r];
	}
	/* First order: group, then earliest visited member. */
	cur = g->tmpi;
	{
		int *fill = xcalloc((size_t)g->nrows, sizeof *fill, nomem);
		if (*nomem)
			return false;
		for (int b = 0; b < g->nblocks; b++) {
			int r = g->brow[b], mv = INT_MAX;
			for (int m = 0; m < g->blen[b]; m++)
				if (g->n[g->bmem[g->bstart[b] + m]].vis < mv)
					mv = g->n[g->bmem[g->bstart[b] + m]].vis;
			g->bkey[b] = mv;
			cur[b] = b;
			g->rowblk[g->rbstart[r] + fill[r]++] = b;
		}
		for (int r = 0; r < g->nrows; r++) {
			for (int i = 1; i < g->rblen[r]; i++)
				for (int j = i; j > 0; j--) {
					int *a = &g->rowblk[g->rbstart[r] + j - 1], *b = a + 1;
					if (!block_before(g, *b, *a, cur))
						break;
					int t = *a;
					*a = *b;
					*b = t;
				}
			expand_row(g, r);
		}
		for (int r = 0; r < g->nrows; r++)
			birth_order(g, r);
		free(fill);
	}
	best = count_crossings(g);
	save_order(g, g->best, g->rowblk, g->bmem);
	for (int s = 0; s < 8 && best > 0; s++) {
		long x;
		if (s % 2 == 0)
			for (int r = 1; r < g->nrows; r++)
				sort_row(g, r, -1);
		else
			for (int r = g->nrows - 2; r >= 0; r--)
				sort_row(g, r, +1);
		x = count_crossings(g);
		if (x < best) {
			best = x;
			save_order(g, g->best, g->rowblk, g->bmem);
		}
	}
	memcpy(g->rowblk, g->best, (size_t)g->nblocks * sizeof *g->rowblk);
	memcpy(g->bmem, g->best + g->nblocks, g->nn * sizeof *g->bmem);
	for (int b = 0; b < g->nblocks; b++)
		for (int m = 0; m < g->blen[b]; m++)
			g->n[g->bmem[g->bstart[b] + m]].block = b;
	for (int r = 0; r < g->nrows; r++)
		expand_row(g, r);
	return true;
}

/* ---- 4. x coordinates ---- */

/* Minimises sum w_i (x_i - d_i)^2 subject to x_{i+1} - x_i >= sep_i, by
 * pool-adjacent-violators on y_i = x_i - (sep_0 + ... + sep_{i-1}). */
static void pava(int n, const double *d, const double *w, const double *sep, double *x,
                 double *val, double *wt, int *cnt)
{
	int top = 0;
	double off = 0;

	for (int i = 0; i < n; i++) {
		val[top] = d[i] - off;
		wt[top] = w[i];
		cnt[top] = 1;
		top++;
		while (top > 1 && val[top - 2] > val[top - 1]) {
			double W = wt[top - 2] + wt[top - 1];
			val[top - 2] = (val[top - 2] * wt[top - 2] + val[top - 1] * wt[top - 1]) / W;
			wt[top - 2] = W;
			cnt[top - 2] += cnt[top - 1];
			top--;
		}
		if (i < n - 1)
			off += sep[i];
	}
	off = 0;
	for (int b = 0, i = 0; b < top; b++)
		for (int k = 0; k < cnt[b]; k++, i++) {
			x[i] = val[b] + off;
			if (i < n - 1)
				off += sep[i];
		}
}

static double union_mid(const struct geno *g, const struct gunion *u)
{
	if (u->b >= 0 && g->n[u->b].comp == g->n[u->a].comp)
		return (g->n[u->a].x + g->n[u->b].x) / 2;
	return g->n[u->a].x;
}

/* Desired x of node v from its parents (down) or children (up); false when
 * it has none in its group. */
static bool desired(const struct geno *g, int v, bool down, double *out)
{
	double sum = 0;
	int cnt = 0;

	for (size_t i = 0; i < g->nun; i++) {
		const struct gunion *u = &g->un[i];
		double kx = 0;
		int nk = 0;
		bool mine = false;
		if (g->n[u->a].comp != g->n[v].comp)
			continue;
		if (down) {
			for (size_t k = 0; k < u->nkids; k++)
				if (u->kids[k].node == v)
					mine = true;
			if (!mine || g->n[u->a].gen >= g->n[v].gen)
				continue;
			for (size_t k = 0; k < u->nkids; k++) {
				int q = u->kids[k].node;
				if (g->n[q].gen == g->n[v].gen && g->n[q].comp == g->n[v].comp) {
					kx += g->n[q].x;
					nk++;
				}
			}
			sum += union_mid(g, u) + (g->n[v].x - kx / nk);
			cnt++;
		} else {
			if (u->a != v && u->b != v)
				continue;
			for (size_t k = 0; k < u->nkids; k++) {
				int q = u->kids[k].node;
				if (g->n[q].gen > g->n[v].gen && g->n[q].comp == g->n[v].comp) {
					kx += g->n[q].x;
					nk++;
				}
			}
			if (!nk)
				continue;
			sum += kx / nk + (g->n[v].x - union_mid(g, u));
			cnt++;
		}
	}
	if (cnt)
		*out = sum / cnt;
	return cnt > 0;
}

static void place_row(struct geno *g, int r, int mode)
{
	int s = g->rowstart[r], n = g->rowlen[r];
	bool *has = g->mhas;

	/* mode 0: pack; 1: from parents; 2: from children. */
	for (int i = 0; i < n; i++) {
		int v = g->order[s + i];
		has[v] = mode != 0 && desired(g, v, mode == 1, &g->d[i]);
		g->w[i] = 1.0;
	}
	for (int i = 0; i < n; i++) {
		int v = g->order[s + i], b = g->n[v].block, k = 0;
		double shift = 0;
		if (has[v])
			continue;
		for (int m = 0; m < g->blen[b]; m++) {
			int q = g->bmem[g->bstart[b] + m];
			if (has[q]) {
				int qi = g->n[q].pos;
				shift += g->d[qi] - g->n[q].x;
				k++;
			}
		}
		g->d[i] = g->n[v].x + (k ? shift / k : 0);
		g->w[i] = k ? 0.5 : 0.05;
	}
	for (int i = 0; i + 1 < n; i++) {
		int a = g->order[s + i], b = g->order[s + i + 1];
		g->sep[i] = g->n[a].hw + g->n[b].hw +
		            (g->n[a].block == g->n[b].block ? GAP_IN : GAP_OUT);
	}
	/* Each group's run of the row separately. */
	for (int i = 0; i < n;) {
		int j = i, comp = g->n[g->order[s + i]].comp;
		while (j < n && g->n[g->order[s + j]].comp == comp)
			j++;
		if (mode == 0) {
			double x = 0;
			for (int k = i; k < j; k++) {
				g->xs[k] = x;
				if (k + 1 < j)
					x += g->sep[k];
			}
		} else {
			pava(j - i, g->d + i, g->w + i, g->sep + i, g->xs + i, g->tmp1, g->tmp2,
			     g->tmpi);
		}
		i = j;
	}
	for (int i = 0; i < n; i++)
		g->n[g->order[s + i]].x = g->xs[i];
}

static void place_all(struct geno *g)
{
	for (int it = 0; it < 4; it++) {
		for (int r = 1; r < g->nrows; r++)
			place_row(g, r, 1);
		for (int r = g->nrows - 2; r >= 0; r--)
			place_row(g, r, 2);
	}
	for (int r = 1; r < g->nrows; r++)
		place_row(g, r, 1);
}

static bool is_kid_in_comp(const struct geno *g, int v, double *ux)
{
	double sum = 0;
	int k = 0;
	for (size_t i = 0; i < g->nun; i++) {
		const struct gunion *u = &g->un[i];
		if (g->n[u->a].comp != g->n[v].comp || g->n[u->a].gen >= g->n[v].gen)
			continue;
		for (size_t j = 0; j < u->nkids; j++)
			if (u->kids[j].node == v) {
				sum += union_mid(g, u);
				k++;
			}
	}
	if (k && ux)
		*ux = sum / k;
	return k > 0;
}

static bool in_single_union(const struct geno *g, int v)
{
	for (size_t i = 0; i < g->nun; i++)
		if (g->un[i].b < 0 && g->un[i].a == v)
			return true;
	return false;
}

/* Couples of two: the one with parents in the picture on the side of those
 * parents; otherwise the man on the left, as genograms usually do. */
static bool orient_couples(struct geno *g)
{
	bool swapped = false;
	for (int b = 0; b < g->nblocks; b++) {
		int *m = &g->bmem[g->bstart[b]];
		double u0 = 0, u1 = 0, centre;
		bool k0, k1, swap = false;
		if (g->blen[b] != 2)
			continue;
		k0 = is_kid_in_comp(g, m[0], &u0);
		k1 = is_kid_in_comp(g, m[1], &u1);
		centre = (g->n[m[0]].x + g->n[m[1]].x) / 2;
		if (k0 && !k1)
			swap = u0 > centre;
		else if (k1 && !k0)
			swap = u1 < centre;
		else if (!k0 && !k1 && !in_single_union(g, m[0]) && !in_single_union(g, m[1]))
			swap = g->c->persons[g->n[m[0]].p].sex == KR_SEX_F &&
			       g->c->persons[g->n[m[1]].p].sex == KR_SEX_M;
		if (swap) {
			int t = m[0];
			m[0] = m[1];
			m[1] = t;
			swapped = true;
		}
	}
	if (swapped)
		for (int r = 0; r < g->nrows; r++)
			expand_row(g, r);
	return swapped;
}

/* Groups side by side, left to right in their order. */
static void place_groups(struct geno *g, bool *nomem)
{
	double *lo = xcalloc((size_t)g->ncomps, sizeof *lo, nomem);
	double *hi = xcalloc((size_t)g->ncomps, sizeof *hi, nomem);
	double cursor = MARGIN;

	if (*nomem)
		goto out;
	for (int k = 0; k < g->ncomps; k++) {
		lo[k] = INFINITY;
		hi[k] = -INFINITY;
	}
	for (size_t i = 0; i < g->nn; i++) {
		int k = g->n[i].comp;
		if (g->n[i].x - g->n[i].hw < lo[k])
			lo[k] = g->n[i].x - g->n[i].hw;
		if (g->n[i].x + g->n[i].hw > hi[k])
			hi[k] = g->n[i].x + g->n[i].hw;
	}
	for (int k = 0; k < g->ncomps; k++) {
		double shift = cursor - lo[k];
		for (size_t i = 0; i < g->nn; i++)
			if (g->n[i].comp == k)
				g->n[i].x += shift;
		cursor = hi[k] + shift + GROUP_GAP;
	}
	g->width = cursor - GROUP_GAP + MARGIN;
out:
	free(lo);
	free(hi);
}

/* ---- 5. lines ---- */

static int row_neighbour(const struct geno *g, int v, int side)
{
	int r = g->n[v].gen, p = g->n[v].pos + side;
	if (p < 0 || p >= g->rowlen[r])
		return -1;
	p = g->order[g->rowstart[r] + p];
	return g->n[p].comp == g->n[v].comp ? p : -1;
}

/* The centre of the gap right (side +1) or left (-1) of node v. */
static double gap_centre(const struct geno *g, int v, int side)
{
	int o = row_neighbour(g, v, side);
	if (o < 0)
		return g->n[v].x + side * (g->n[v].hw + GAP_IN / 2);
	if (side > 0)
		return ((g->n[v].x + g->n[v].hw) + (g->n[o].x - g->n[o].hw)) / 2;
	return ((g->n[o].x + g->n[o].hw) + (g->n[v].x - g->n[v].hw)) / 2;
}

static double gap_width(const struct geno *g, int v, int side)
{
	int o = row_neighbour(g, v, side);
	if (o < 0)
		return GAP_IN;
	if (side > 0)
		return (g->n[o].x - g->n[o].hw) - (g->n[v].x + g->n[v].hw);
	return (g->n[v].x - g->n[v].hw) - (g->n[o].x + g->n[o].hw);
}

/* Gaps are named by (node, side) with side +1 unless the node has no left
 * neighbour in its group. */
static void gap_key(const struct geno *g, int v, int side, int *node, int *gs)
{
	if (side < 0) {
		int o = row_neighbour(g, v, -1);
		if (o >= 0) {
			*node = o;
			*gs = 1;
			return;
		}
	}
	*node = v;
	*gs = side;
}

static bool adjacent(const struct geno *g, int a, int b)
{
	return g->n[a].gen == g->n[b].gen && g->n[a].comp == g->n[b].comp &&
	       abs(g->n[a].pos - g->n[b].pos) == 1;
}

static bool is_partner_side(const struct geno *g, int v, int side)
{
	int o = row_neighbour(g, v, side);
	return o >= 0 && find_partner(g, v, o) >= 0;
}

/* Chooses the gap each union drops through and spreads drops that share a
 * gap.  Also the raised tracks of partner lines between non-neighbours. */
static bool plan_drops(struct geno *g, bool *nomem)
{
	int *cnt = xcalloc(2 * g->nn, sizeof *cnt, nomem);
	int *seen = xcalloc(2 * g->nn, sizeof *seen, nomem);

	if (*nomem)
		goto out;
	for (size_t i = 0; i < g->nun; i++) {
		struct gunion *u = &g->un[i];
		int a = u->a, b = u->b, side;
		u->row = g->n[a].gen;
		if (b >= 0 && g->n[a].gen == g->n[b].gen && g->n[a].comp == g->n[b].comp) {
			int l = g->n[a].pos < g->n[b].pos ? a : b, rr = l == a ? b : a;
			if (adjacent(g, a, b)) {
				gap_key(g, l, 1, &u->gapnode, &u->gapside);
			} else {
				/* the gap between them nearest their middle */
				double mid = (g->n[l].x + g->n[rr].x) / 2, bd = INFINITY;
				int best = l, v = l;
				while (v != rr && v >= 0) {
					double gc = gap_centre(g, v, 1);
					if (fabs(gc - mid) < bd) {
						bd = fabs(gc - mid);
						best = v;
					}
					v = row_neighbour(g, v, 1);
				}
				gap_key(g, best, 1, &u->gapnode, &u->gapside);
			}
		} else {
			if (b >= 0 && g->n[b].gen > g->n[a].gen) {
				/* parents on different rows: drop from the lower one */
				u->a = b;
				u->b = a;
				a = u->a;
				u->row = g->n[a].gen;
			}
			/* towards the children, unless a partner sits on that side */
			{
				double kx = 0;
				for (size_t k = 0; k < u->nkids; k++)
					kx += g->n[u->kids[k].node].x;
				side = u->nkids && kx / u->nkids < g->n[a].x ? -1 : 1;
				if (is_partner_side(g, a, side) && !is_partner_side(g, a, -side))
					side = -side;
			}
			gap_key(g, a, side, &u->gapnode, &u->gapside);
		}
		cnt[2 * u->gapnode + (u->gapside > 0)]++;
	}
	for (size_t i = 0; i < g->nun; i++) {
		struct gunion *u = &g->un[i];
		int key = 2 * u->gapnode + (u->gapside > 0), k = seen[key]++;
		double gw = gap_width(g, u->gapnode, u->gapside);
		double step = (gw - 8) / cnt[key];
		if (step > 6)
			step = 6;
		u->dropx = gap_centre(g, u->gapnode, u->gapside) + (k - (cnt[key] - 1) / 2.0) * step;
	}
out:
	free(cnt);
	free(seen);
	return !*nomem;
}

/* Greedy interval tracks: returns the number of tracks used. */
static int assign_tracks(int n, const double *lo, const double *hi, int *track,
                         double *ends, double pad)
{
	int nt = 0;
	for (int i = 0; i < n; i++) {
		int t = 0;
		while (t < nt && ends[t] + pad > lo[i])
			t++;
		if (t == nt)
			nt++;
		ends[t] = hi[i];
		track[i] = t;
	}
	return nt;
}

/* x where a kid's k-th incoming line meets its top. */
static double kid_offset(int k, int n)
{
	return (k - (n - 1) / 2.0) * 8;
}

static double shape_edge(enum kr_sex sex, double dy)
{
	double r = R_SYM;
	if (sex == KR_SEX_M)
		return r;
	if (sex == KR_SEX_F)
		return sqrt(r * r - dy * dy);
	return r - fabs(dy);
}

static double shape_top(enum kr_sex sex, double dx)
{
	double r = R_SYM;
	if (sex == KR_SEX_M)
		return 0;
	if (sex == KR_SEX_F)
		return r - sqrt(r * r - dx * dx);
	return fabs(dx);
}

/* Tracks of union bars below each row and raised partner lines above it;
 * then the y of every row. */
static bool plan_rows(struct geno *g, bool *nomem)
{
	size_t nmax = g->nun > g->npartners ? g->nun : g->npartners;
	double *lo = xcalloc(nmax, sizeof *lo, nomem);
	double *hi = xcalloc(nmax, sizeof *hi, nomem);
	double *ends = xcalloc(nmax, sizeof *ends, nomem);
	int *idx = xcalloc(nmax, sizeof *idx, nomem);
	int *trk = xcalloc(nmax, sizeof *trk, nomem);
	double y = 52;

	g->rowy = xcalloc((size_t)g->nrows, sizeof *g->rowy, nomem);
	g->tracky = xcalloc((size_t)g->nrows, sizeof *g->tracky, nomem);
	g->ntracks = xcalloc((size_t)g->nrows, sizeof *g->ntracks, nomem);
	g->nraised = xcalloc((size_t)g->nrows, sizeof *g->nraised, nomem);
	if (*nomem)
		goto out;
	/* Incoming drop offsets: each kid's unions in union order. */
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].upseen = 0;
	for (int r = 0; r < g->nrows; r++) {
		int n = 0;
		/* union bars */
		for (size_t i = 0; i < g->nun; i++)
			if (g->un[i].row == r)
				idx[n++] = (int)i;
		/* by left end, then index */
		for (int i = 0; i < n; i++) {
			const struct gunion *u = &g->un[idx[i]];
			lo[i] = u->dropx;
			hi[i] = u->dropx;
			for (size_t k = 0; k < u->nkids; k++) {
				double kx = g->n[u->kids[k].node].x;
				if (kx - 8 < lo[i])
					lo[i] = kx - 8;
				if (kx + 8 > hi[i])
					hi[i] = kx + 8;
			}
		}
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && (lo[j - 1] > lo[j] ||
			                          (lo[j - 1] == lo[j] && idx[j - 1] > idx[j])); j--) {
				double t = lo[j];
				lo[j] = lo[j - 1];
				lo[j - 1] = t;
				t = hi[j];
				hi[j] = hi[j - 1];
				hi[j - 1] = t;
				int ti = idx[j];
				idx[j] = idx[j - 1];
				idx[j - 1] = ti;
			}
		g->ntracks[r] = assign_tracks(n, lo, hi, trk, ends, 8);
		for (int i = 0; i < n; i++)
			g->un[idx[i]].track = trk[i];
		/* raised partner lines */
		n = 0;
		for (size_t j = 0; j < g->npartners; j++) {
			const struct gpartner *p = &g->partners[j];
			if (g->n[p->a].gen != r || !same_row_partners(g, j) ||
			    g->n[p->a].comp != g->n[p->b].comp || adjacent(g, p->a, p->b))
				continue;
			idx[n] = (int)j;
			lo[n] = fmin(g->n[p->a].x, g->n[p->b].x);
			hi[n] = fmax(g->n[p->a].x, g->n[p->b].x);
			n++;
		}
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && (lo[j - 1] > lo[j] ||
			                          (lo[j - 1] == lo[j] && idx[j - 1] > idx[j])); j--) {
				double t = lo[j];
				lo[j] = lo[j - 1];
				lo[j - 1] = t;
				t = hi[j];
				hi[j] = hi[j - 1];
				hi[j - 1] = t;
				int ti = idx[j];
				idx[j] = idx[j - 1];
				idx[j - 1] = ti;
			}
		g->nraised[r] = assign_tracks(n, lo, hi, trk, ends, 6);
		for (int i = 0; i < n; i++)
			g->partners[idx[i]].raised = trk[i];
		/* y */
		if (g->nraised[r])
			y += 6 + RAISE * g->nraised[r];
		g->rowy[r] = y;
		y += SYM + 34;
		g->tracky[r] = y + 4;
		y += 4 + TRACK * (g->ntracks[r] ? g->ntracks[r] - 1 : 0) + 22;
	}
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].ytop = g->rowy[g->n[i].gen];
	g->height = y;
out:
	free(lo);
	free(hi);
	free(ends);
	free(idx);
	free(trk);
	return !*nomem;
}

/* ---- drawing ---- */

static void shape_path(struct kr_geometry *gm, enum kr_sex sex, double cx, double cy,
                       double r, const char *fill)
{
	struct kr_geom_item *it;

	if (sex == KR_SEX_M)
		it = kri_geom_rect(gm, cx - r, cy - r, 2 * r, 2 * r);
	else if (sex == KR_SEX_F)
		it = kri_geom_circle(gm, cx, cy, r);
	else
		it = kri_geom_path(gm, "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ", cx, cy - r, cx + r,
		                   cy, cx, cy + r, cx - r, cy);
	it->style.fill = fill;
}

static const char *kind_dash(enum kr_kin_kind k)
{
	switch (k) {
	case KR_KIND_ADOPTIVE: return "6 3";
	case KR_KIND_FOSTER: return "1.5 3";
	case KR_KIND_STEP: return "8 3 2 3";
	default: return NULL;
	}
}

static void slashes(struct kr_geometry *gm, double x, double y, int n)
{
	for (int i = 0; i < n; i++) {
		double sx = x - 4 * i;
		kri_geom_path(gm, "M%.1f %.1fL%.1f %.1f", sx - 3, y + 6, sx + 3, y - 6);
	}
}

/* The line of partner link j, in the style of its status. */
static void partner_line(struct geno *g, struct kr_geometry *gm, size_t j)
{
	const struct gpartner *p = &g->partners[j];
	const struct gnode *a = &g->n[p->a], *c = &g->n[p->b];
	int ns = p->status == KR_PARTNER_SEPARATED ? 1 : p->status == KR_PARTNER_DIVORCED ? 2 : 0;
	double sx, sy;
	const struct gunion *un = NULL;
	struct kr_geom_item *it;

	for (size_t i = 0; i < g->nun; i++)
		if (g->un[i].partner == (int)j)
			un = &g->un[i];
	if (a->x > c->x) {
		const struct gnode *t = a;
		a = c;
		c = t;
	}
	if (same_row_partners(g, j) && a->comp == c->comp && adjacent(g, p->a, p->b)) {
		double y = a->ytop + R_SYM;
		it = kri_geom_path(gm, "M%.1f %.1fH%.1f", a->x + R_SYM, y, c->x - R_SYM);
		sx = un ? un->dropx - 6 : (a->x + c->x) / 2 + 2 * (ns - 1);
		sy = y;
	} else if (same_row_partners(g, j) && a->comp == c->comp) {
		double y = a->ytop - 6 - RAISE * p->raised;
		it = kri_geom_path(gm, "M%.1f %.1fV%.1fH%.1fV%.1f", a->x, a->ytop, y, c->x, c->ytop);
		sx = un ? un->dropx - 6 : (a->x + c->x) / 2;
		sy = y;
	} else {
		/* on different rows or in different groups: a straight line */
		double ay = a->ytop + R_SYM, cy = c->ytop + R_SYM;
		it = kri_geom_path(gm, "M%.1f %.1fL%.1f %.1f", a->x + R_SYM, ay, c->x - R_SYM, cy);
		sx = (a->x + c->x) / 2;
		sy = (ay + cy) / 2;
	}
	if (p->status == KR_PARTNER_COHABITING)
		it->style.dash = "6 4";
	else if (p->status == KR_PARTNER_NONE)
		it->style.stroke_width = 1;
	if (ns)
		slashes(gm, sx, sy, ns);
}

static void union_lines(struct geno *g, struct kr_geometry *gm, struct gunion *u)
{
	const struct gnode *a = &g->n[u->a];
	double ty = g->tracky[u->row] + TRACK * u->track, y0, lo, hi;

	if (!u->nkids)
		return;
	if (u->b >= 0 && g->n[u->b].gen == a->gen && g->n[u->b].comp == a->comp) {
		/* from the partner line (drawn by partner_line()) */
		if (adjacent(g, u->a, u->b))
			y0 = a->ytop + R_SYM;
		else
			y0 = a->ytop - 6 - RAISE * g->partners[u->partner].raised;
	} else {
		/* one parent (or the other out of line): a stub from the side */
		double dy = 8, ex = shape_edge(g->c->persons[a->p].sex, dy);
		double sx = u->dropx > a->x ? a->x + ex : a->x - ex;
		y0 = a->ytop + R_SYM + dy;
		kri_geom_path(gm, "M%.1f %.1fH%.1f", sx, y0, u->dropx);
		if (u->b >= 0) {
			/* the other parent elsewhere: a thin dashed line to the drop */
			const struct gnode *c = &g->n[u->b];
			kri_geom_path(gm, "M%.1f %.1fL%.1f %.1f", c->x, c->ytop + SYM, u->dropx,
			              y0)->style.dash = "2 2";
		}
	}
	lo = hi = u->dropx;
	for (size_t k = 0; k < u->nkids; k++) {
		const struct gnode *kid = &g->n[u->kids[k].node];
		double kx = kid->x;
		if (kx < lo)
			lo = kx;
		if (kx > hi)
			hi = kx;
	}
	kri_geom_path(gm, "M%.1f %.1fV%.1f", u->dropx, y0, ty);
	/* the bar, then each kid: the bar segment to a kid takes the kid's
	 * line style, so adoptive/foster/step links read in b/w */
	for (size_t k = 0; k < u->nkids; k++) {
		struct gnode *kid = &g->n[u->kids[k].node];
		double off = kid_offset(kid->upseen++, kid->nup), kx = kid->x + off;
		double top = kid->ytop + shape_top(g->c->persons[kid->p].sex, off);
		kri_geom_path(gm, "M%.1f %.1fH%.1fV%.1f", u->dropx, ty, kx, top)->style.dash =
			kind_dash(u->kids[k].kind);
	}
}

/* The household: a dashed rounded box when its members make one block of
 * the picture, else a shaded background behind each member. */
static void household(struct geno *g, struct kr_geometry *gm, bool *boxed)
{
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
	int nh = 0;
	bool clean = true;
	struct kr_geom_item *it;

	*boxed = false;
	for (size_t i = 0; i < g->nn; i++) {
		const struct gnode *v = &g->n[i];
		if (!v->household)
			continue;
		nh++;
		x0 = fmin(x0, v->x - v->hw);
		x1 = fmax(x1, v->x + v->hw);
		y0 = fmin(y0, v->ytop);
		y1 = fmax(y1, v->ytop + SYM + 32);
	}
	if (nh < 2)
		return;
	for (size_t i = 0; i < g->nn && clean; i++) {
		const struct gnode *v = &g->n[i];
		if (v->household)
			continue;
		if (v->x + v->hw > x0 - 6 && v->x - v->hw < x1 + 6 && v->ytop + SYM + 32 > y0 - 6 &&
		    v->ytop < y1 + 6)
			clean = false;
	}
	kri_geom_group(gm, "household", KR_GEOM_F_BREAK);
	if (clean) {
		it = kri_geom_rect(gm, x0 - 6, y0 - 6, x1 - x0 + 12, y1 - y0 + 12);
		it->rect.rx = 12;
		it->style.fill = "none";
		it->style.stroke = "#0072B2";
		it->style.stroke_width = 1.5;
		it->style.dash = "8 4";
		*boxed = true;
	} else {
		for (size_t i = 0; i < g->nn; i++) {
			const struct gnode *v = &g->n[i];
			if (!v->household)
				continue;
			it = kri_geom_rect(gm, v->x - v->hw - 2, v->ytop - 4, 2 * v->hw + 4, SYM + 38);
			it->rect.rx = 8;
			it->style.fill = "#DCEBF5";
		}
	}
	kri_geom_end(gm);
}

/* Second line under a symbol: birth year and age, or the years of life. */
static void info_line(const struct geno *g, const struct kr_person *p, char *out, size_t sz)
{
	long on = g->o->as_of;
	bool dead = kr_date_valid(p->died) && kr_date_first(p->died) <= on;

	out[0] = '\0';
	if (dead && kr_date_valid(p->born))
		snprintf(out, sz, "%d\xE2\x80\x93%d", p->born.y, p->died.y);
	else if (dead)
		snprintf(out, sz, "\xE2\x80\xA0 %d", p->died.y);
	else if (kr_date_valid(p->born)) {
		int age = kr_age_years(p->born, on);
		if (age >= 0)
			snprintf(out, sz, kr_tr(g->lang, "%d, %d jaar", "%d, age %d"), p->born.y,
			         age);
		else
			snprintf(out, sz, "%d", p->born.y);
	}
}

struct legend_item { int kind; const char *nl, *en; };

/* The sample of legend item kind at x, centred on cy, iw wide. */
static void legend_sample(struct kr_geometry *gm, int kind, double x, double cy, double iw,
                          bool boxed)
{
	struct kr_geom_item *it;

	switch (kind) {
	case 0: case 1: case 2: case 3: case 4: {
		enum kr_sex s = kind == 0 ? KR_SEX_M : kind == 1 ? KR_SEX_F :
		                kind == 2 ? KR_SEX_X : KR_SEX_M;
		double r = 8;
		/* as the person symbols: the deceased grey */
		shape_path(gm, s, x + r, cy, r, kind == 3 ? KRI_COLOUR_DECEASED : "#FFFFFF");
		if (kind == 4)
			shape_path(gm, s, x + r, cy, r - 3, "none");
		if (kind == 3)
			kri_geom_path(gm, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f", x, cy - r,
			              x + 2 * r, cy + r, x + 2 * r, cy - r, x, cy + r);
		break;
	}
	case 10: case 11: case 12: case 13:
		it = kri_geom_path(gm, "M%.1f %.1fH%.1f", x, cy, x + iw);
		if (kind == 11)
			it->style.dash = "6 4";
		if (kind >= 12)
			slashes(gm, x + iw / 2 + 2 * (kind - 12), cy, kind - 11);
		break;
	case 20: case 21: case 22: case 23: {
		static const enum kr_kin_kind kk[] = { KR_KIND_BIRTH, KR_KIND_ADOPTIVE,
			KR_KIND_FOSTER, KR_KIND_STEP };
		kri_geom_path(gm, "M%.1f %.1fH%.1fV%.1f", x, cy - 7, x + iw / 2, cy + 8)->style.dash =
			kind_dash(kk[kind - 20]);
		break;
	}
	case 30:
		it = kri_geom_rect(gm, x, cy - 8, iw, 16);
		it->rect.exact = KR_GEOM_EXACT_H;
		it->rect.rx = 5;
		if (boxed) {
			it->style.stroke = "#0072B2";
			it->style.dash = "5 3";
		} else {
			it->style.fill = "#DCEBF5";
			it->style.stroke = "none";
		}
		break;
	}
}

/* Legend: symbols and lines, flowed in rows under the picture; added to
 * gm unless gm is NULL (measuring).  Returns the y below it. */
static double legend(struct geno *g, struct kr_geometry *gm, double y, double width,
                     bool boxed, bool have_household)
{
	static const struct legend_item items[] = {
		{ 0, "man", "male" }, { 1, "vrouw", "female" },
		{ 2, "anders of onbekend", "other or unknown" },
		{ 3, "overleden", "deceased" },
		{ 4, "het kind van dit dossier", "the child of this case" },
		{ 10, "getrouwd", "married" }, { 11, "samenwonend", "living together" },
		{ 12, "uit elkaar", "separated" }, { 13, "gescheiden", "divorced" },
		{ 20, "eigen kind", "birth child" }, { 21, "geadopteerd", "adopted" },
		{ 22, "pleegkind", "foster child" }, { 23, "stiefkind", "stepchild" },
		{ 30, "huidig huishouden", "current household" },
	};
	double x = MARGIN, px = 10;

	if (gm) {
		kri_geom_label(gm, MARGIN, y + 10, 11, KR_ANCHOR_START, "legend-title", -1,
		               kr_tr(g->lang, "Legenda", "Legend"));
		kri_geom_group(gm, "legend", KR_GEOM_F_BREAK);
	}
	y += 20;
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		const struct legend_item *it = &items[i];
		const char *t = kr_tr(g->lang, it->nl, it->en);
		double iw = it->kind < 10 ? 16 : 28, tw = kri_text_width(t, px);
		double cy = y + 8;
		if (it->kind == 30 && !have_household)
			continue;
		if (x + iw + 6 + tw > width - MARGIN && x > MARGIN) {
			x = MARGIN;
			y += 22;
			cy = y + 8;
		}
		if (gm) {
			struct kr_geom_item *grp = kri_geom_group(gm, NULL, KR_GEOM_F_INLINE);
			grp->style.fill = "none";
			grp->style.stroke = "#000";
			grp->style.stroke_width = 1.2;
			kri_geom_box(grp, x, cy - 8, iw, 16, -1, KR_BOX_SYMBOL);
			legend_sample(gm, it->kind, x, cy, iw, boxed);
			kri_geom_end(gm);
			kri_geom_label(gm, x + iw + 6, cy + 4, px, KR_ANCHOR_START, NULL, -1, t);
		}
		x += iw + 6 + tw + 18;
	}
	if (gm)
		kri_geom_end(gm);
	return y + 24;
}

static void draw(struct geno *g, struct kr_geometry *gm)
{
	const struct kr_case *c = g->c;
	const struct kr_render_opts *o = g->o;
	char title[256], desc[256];
	const char *cname = kr_case_person_name(c, c->child);
	bool boxed = false, have_household = false;
	double width = g->width, lh, ytitle = 28;
	struct kr_geom_item *it;

	for (size_t i = 0; i < g->nn; i++)
		if (g->n[i].household && (int)i != g->node_of[c->child])
			have_household = true;
	snprintf(title, sizeof title, kr_tr(g->lang, "Genogram van %s", "Genogram of %s"), cname);
	if (kri_text_width(title, 16) + 2 * MARGIN > width)
		width = kri_text_width(title, 16) + 2 * MARGIN;
	if (width < 560)
		width = 560;
	snprintf(desc, sizeof desc,
	         kr_tr(g->lang, "Familie van %s: %zu personen in %d generaties.",
	               "Family of %s: %zu persons in %d generations."),
	         cname, g->nn, g->nrows);
	lh = legend(g, NULL, 0, width, false, have_household);
	kri_geom_reserve(gm, 120 + 6 * g->nn + 2 * g->npartners + 2 * g->nun + g->nlinks);
	gm->width = width;
	gm->height = g->height + 8 + lh;
	gm->title = kri_geom_str(gm, title);
	gm->desc = kri_geom_str(gm, desc);
	kri_geom_label(gm, MARGIN, ytitle, 16, KR_ANCHOR_START, "title", -1, title);

	household(g, gm, &boxed);
	it = kri_geom_group(gm, "links", KR_GEOM_F_BREAK);
	it->style.fill = "none";
	it->style.stroke = "#000";
	it->style.stroke_width = 1.5;
	for (size_t j = 0; j < g->npartners; j++) {
		kri_geom_run(gm);
		partner_line(g, gm, j);
		kri_geom_end(gm);
	}
	for (size_t i = 0; i < g->nn; i++)
		g->n[i].upseen = 0;
	for (size_t i = 0; i < g->nun; i++) {
		kri_geom_run(gm);
		union_lines(g, gm, &g->un[i]);
		kri_geom_end(gm);
	}
	kri_geom_end(gm);
	it = kri_geom_group(gm, "persons", KR_GEOM_F_BREAK);
	it->style.stroke = "#000";
	it->style.stroke_width = 1.5;
	for (size_t i = 0; i < g->nn; i++) {
		const struct gnode *v = &g->n[i];
		const struct kr_person *p = &c->persons[v->p];
		/* the shared symbol, sized so its outer shape is SYM across */
		double r = (p->sex == KR_SEX_M || p->sex == KR_SEX_F ? R_SYM : R_SYM / 1.2) -
		           (v->p == c->child ? 4 : 0);
		it = kri_geom_group(gm, NULL, 0);
		it->group.title = kri_geom_str(gm, kr_case_person_name(c, v->p));
		it->person = v->p;
		kri_geom_person(gm, o, c, v->p, v->x, v->ytop + R_SYM, r);
		kri_geom_end(gm);
	}
	kri_geom_end(gm);
	kri_geom_group(gm, "names", KR_GEOM_F_BREAK);
	for (size_t i = 0; i < g->nn; i++) {
		const struct gnode *v = &g->n[i];
		kri_geom_label(gm, v->x, v->ytop + SYM + 14, NAME_PX, KR_ANCHOR_MIDDLE, NULL, v->p,
		               v->name);
		if (v->info[0])
			kri_geom_label(gm, v->x, v->ytop + SYM + 28, INFO_PX, KR_ANCHOR_MIDDLE, "info",
			               v->p, v->info);
	}
	kri_geom_end(gm);
	legend(g, gm, g->height + 8, width, boxed, have_household);
}

static void geno_free(struct geno *g)
{
	for (size_t i = 0; i < g->nun; i++)
		free(g->un[i].kids);
	free(g->un);
	free(g->n);
	free(g->node_of);
	free(g->links);
	free(g->partners);
	free(g->adj);
	free(g->adjs);
	free(g->rowlen);
	free(g->rowstart);
	free(g->order);
	free(g->bmem);
	free(g->bstart);
	free(g->blen);
	free(g->brow);
	free(g->rbstart);
	free(g->rblen);
	free(g->rowblk);
	free(g->best);
	free(g->bkey);
	free(g->mkey);
	free(g->mhas);
	free(g->d);
	free(g->w);
	free(g->sep);
	free(g->xs);
	free(g->tmp1);
	free(g->tmp2);
	free(g->tmpi);
	free(g->rowy);
	free(g->tracky);
	free(g->ntracks);
	free(g->nraised);
}

enum kr_status kri_layout_genogram(const struct kr_case *c, const struct kr_render_opts *o,
                                   struct kr_geometry *gm, struct kr_error *err)
{
	struct geno g;
	bool nomem = false;
	enum kr_status rc = KR_OK;

	memset(&g, 0, sizeof g);
	if (!c || !o || !gm)
		return kr_error_say(err, KR_EUSAGE, "genogram: dossier, opties of geometrie ontbreekt",
		                    "genogram: missing case, options or geometry");
	if (c->child < 0 || (size_t)c->child >= c->npersons)
		return kr_error_say(err, KR_EINVAL, "genogram: het dossier noemt geen kind",
		                    "genogram: the case names no child");
	g.c = c;
	g.o = o;
	g.lang = o->lang;
	if (!collect(&g) || !build_unions(&g) || !build_adjacency(&g, &nomem) ||
	    !groups_and_generations(&g, &nomem) || !visit_order(&g, &nomem) ||
	    !build_blocks(&g, &nomem) || !order_rows(&g, &nomem)) {
		rc = kr_error_say(err, KR_ENOMEM, "genogram: geen geheugen meer", "genogram: out of memory");
		goto out;
	}
	for (size_t i = 0; i < g.nn; i++) {
		struct gnode *v = &g.n[i];
		const struct kr_person *p = &c->persons[v->p];
		double w;
		kri_text_clip(kr_case_person_name(c, v->p), NAME_MAX_CP, v->name, sizeof v->name);
		info_line(&g, p, v->info, sizeof v->info);
		w = fmax(kri_text_width(v->name, NAME_PX), kri_text_width(v->info, INFO_PX));
		v->hw = fmax(SYM, w) / 2 + 3;
	}
	g.d = xcalloc(g.nn, sizeof *g.d, &nomem);
	g.w = xcalloc(g.nn, sizeof *g.w, &nomem);
	g.sep = xcalloc(g.nn, sizeof *g.sep, &nomem);
	g.xs = xcalloc(g.nn, sizeof *g.xs, &nomem);
	g.tmp1 = xcalloc(g.nn, sizeof *g.tmp1, &nomem);
	g.tmp2 = xcalloc(g.nn, sizeof *g.tmp2, &nomem);
	if (nomem) {
		rc = kr_error_say(err, KR_ENOMEM, "genogram: geen geheugen meer", "genogram: out of memory");
		goto out;
	}
	for (int r = 0; r < g.nrows; r++)
		place_row(&g, r, 0);
	place_all(&g);
	if (orient_couples(&g))
		place_all(&g);
	place_groups(&g, &nomem);
	if (nomem || !plan_drops(&g, &nomem) || !plan_rows(&g, &nomem)) {
		rc = kr_error_say(err, KR_ENOMEM, "genogram: geen geheugen meer", "genogram: out of memory");
		goto out;
	}
	draw(&g, gm);
out:
	geno_free(&g);
	return rc;
}
