/*
 * test_replay.c - concurrent steps of two offices: the first in replay order
 * wins, the other is superseded (kept, no effect, no violation); a step that
 * is illegal in its own causal past stays illegal.
 */
#include "ledger/replay.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define ADMIN "Ann <ann@x.cn>"
#define OLGA "Olga <olga@x.cn>"
#define IRIS "Iris <iris@x.cn>"
#define UNITP "Wang <wang@x.cn>"

static hk_roles *roles(void)
{
	static const char *const g[][2] = {{"admin", ADMIN}, {"officer", OLGA}, {"inspector", IRIS}, {"unit", "edu"}};
	hk_roles *r = hk_roles_new();
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		struct hk_event e = {0};
		e.type = HK_EV_GRANTED;
		e.lamport = 1;
		e.office = strdup("c");
		e.actor = strdup(ADMIN);
		e.time = strdup("2026-01-01T00:00:00Z");
		e.role = strdup(g[i][0]);
		e.who = strdup(g[i][1]);
		snprintf(e.hash, sizeof(e.hash), "role%08zu", i);
		hk_roles_add(r, &e);
	}
	hk_roles_sort(r);
	return r;
}

/* Events of one finding, in replay order; hash "e<n>" names each. */
static struct hk_event ev[16];
static size_t nev;

static void add(enum hk_event_type t, unsigned long long lamport, const char *office, const char *actor,
		const char *prev)
{
	struct hk_event *e = &ev[nev];
	memset(e, 0, sizeof(*e));
	e->type = t;
	e->lamport = lamport;
	e->office = (char *)office;
	e->actor = (char *)actor;
	e->time = "2026-02-01T00:00:00Z";
	e->prev = (char *)prev;
	e->unit = "edu";
	e->due = "2026-03-01";
	e->reason = "because";
	snprintf(e->hash, sizeof(e->hash), "e%zu", nev);
	nev++;
}

static enum hk_replay_outcome out[16];
static char why[16][768];

static void replay(struct hk_fstate *s, const hk_roles *r)
{
	hk_fstate_init(s);
	for (size_t i = 0; i < nev; i++) {
		why[i][0] = '\0';
		out[i] = hk_replay_step(s, ev, i, r, why[i], sizeof(why[i]));
	}
}

/* found, assigned, submitted, absent (the data was fixed): ready to close */
static void submitted_and_absent(void)
{
	nev = 0;
	add(HK_EV_FOUND, 2, "county", ADMIN, "");
	add(HK_EV_ASSIGNED, 3, "county", OLGA, "e0");
	add(HK_EV_SUBMITTED, 4, "county", UNITP, "e1");
	add(HK_EV_ABSENT, 5, "county", ADMIN, "e2");
}

static void test_close_reject_race(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	submitted_and_absent();
	add(HK_EV_CLOSED, 6, "county", OLGA, "e3");  /* the county closes ... */
	add(HK_EV_REJECTED, 6, "town", IRIS, "e3");  /* ... while the town rejects */
	replay(&s, r);
	CHECK_EQ_INT(s.status, HK_FS_CLOSED);
	CHECK_EQ_INT(out[4], HK_REPLAY_APPLIED);
	CHECK_EQ_INT(out[5], HK_REPLAY_SUPERSEDED);
	CHECK(strstr(why[5], "superseded by the concurrent closed event 0000000006-county-e4.json of " OLGA) != NULL);
	CHECK(strstr(why[5], "a finding that is closed cannot be rejected") != NULL);
	CHECK_EQ_INT(s.flagged, 1);
	CHECK_EQ_INT(s.superseded, 1);
	CHECK_EQ_STR(s.last_hash, "e4");
	hk_roles_free(r);
}

static void test_other_order_other_winner(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	submitted_and_absent();
	add(HK_EV_REJECTED, 6, "a-town", IRIS, "e3"); /* sorts first: the rejection wins */
	add(HK_EV_CLOSED, 6, "county", OLGA, "e3");
	replay(&s, r);
	CHECK_EQ_INT(s.status, HK_FS_ASSIGNED);
	CHECK_EQ_INT(out[4], HK_REPLAY_APPLIED);
	CHECK_EQ_INT(out[5], HK_REPLAY_SUPERSEDED);
	CHECK(strstr(why[5], "concurrent rejected event 0000000006-a-town-e4.json") != NULL);
	hk_roles_free(r);
}

static void test_illegal_in_its_own_past(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	submitted_and_absent();
	add(HK_EV_CLOSED, 6, "county", OLGA, "e3");
	add(HK_EV_REJECTED, 7, "town", IRIS, "e4");  /* saw the close, rejects anyway */
	add(HK_EV_CLOSED, 8, "town", OLGA, "e1");    /* follows the assignment: nothing submitted */
	add(HK_EV_WAIVED, 8, "zz", UNITP, "e3");     /* no role to waive, concurrent or not */
	add(HK_EV_ASSIGNED, 9, "zz", OLGA, "nosuch"); /* follows nothing known */
	replay(&s, r);
	CHECK_EQ_INT(s.status, HK_FS_CLOSED);
	CHECK_EQ_INT(out[5], HK_REPLAY_ILLEGAL);
	CHECK(strstr(why[5], "closed cannot be rejected") != NULL);
	CHECK_EQ_INT(out[6], HK_REPLAY_ILLEGAL);
	CHECK_EQ_INT(out[7], HK_REPLAY_ILLEGAL);
	CHECK(strstr(why[7], "is not an officer") != NULL);
	CHECK_EQ_INT(out[8], HK_REPLAY_ILLEGAL);
	CHECK_EQ_INT(s.flagged, 4);
	CHECK_EQ_INT(s.superseded, 0);
	hk_roles_free(r);
}

/* Two collisions. A run marks the finding absent while the town submits; the
 * county, having both, closes (its prev chain: the submission, the
 * assignment, the found - not the absent event); the city rejects the
 * submission at the same moment and sorts first. By its prev chain alone the
 * close looks illegal (the finding still reproduced); by everything up to its
 * prev it is legal: superseded, not illegal. */
static void test_knowledge_beyond_the_chain(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	nev = 0;
	add(HK_EV_FOUND, 2, "county", ADMIN, "");
	add(HK_EV_ASSIGNED, 3, "county", OLGA, "e0");
	add(HK_EV_ABSENT, 4, "county", ADMIN, "e1");
	add(HK_EV_SUBMITTED, 4, "town", UNITP, "e1");
	add(HK_EV_REJECTED, 5, "city", IRIS, "e3");
	add(HK_EV_CLOSED, 5, "county", OLGA, "e3");
	replay(&s, r);
	CHECK_EQ_INT(out[3], HK_REPLAY_APPLIED);
	CHECK_EQ_INT(out[4], HK_REPLAY_APPLIED);
	CHECK_EQ_INT(out[5], HK_REPLAY_SUPERSEDED);
	CHECK(strstr(why[5], "concurrent rejected event 0000000005-city-e4.json") != NULL);
	CHECK_EQ_INT(s.status, HK_FS_ASSIGNED);
	hk_roles_free(r);
}

int main(void)
{
	RUN(test_close_reject_race);
	RUN(test_other_order_other_winner);
	RUN(test_illegal_in_its_own_past);
	RUN(test_knowledge_beyond_the_chain);
	return TEST_DONE();
}
