/*
 * test_fstate.c - the transition table of a finding, roles and separation of
 * duties, run events, replay.
 */
#include "ledger/fstate.h"
#include "ledger/roles.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define ADMIN "Ann <ann@x.cn>"
#define OLGA "Olga <olga@x.cn>"
#define OSCAR "Oscar <OSCAR@x.cn>"
#define IRIS "Iris <iris@x.cn>"
#define UNITP "Wang <wang@x.cn>"

static unsigned long long clock_;

static void grant(hk_roles *r, enum hk_event_type t, const char *actor, const char *role, const char *who)
{
	struct hk_event e = {0};
	e.type = t;
	e.lamport = ++clock_;
	e.office = strdup("c");
	e.actor = strdup(actor);
	e.time = strdup("2026-01-01T00:00:00Z");
	e.role = strdup(role);
	e.who = strdup(who);
	snprintf(e.hash, sizeof(e.hash), "%012llu", clock_);
	hk_roles_add(r, &e);
}

static hk_roles *roles(void)
{
	hk_roles *r = hk_roles_new();
	clock_ = 0;
	grant(r, HK_EV_GRANTED, ADMIN, "admin", ADMIN);
	grant(r, HK_EV_GRANTED, ADMIN, "officer", OLGA);
	grant(r, HK_EV_GRANTED, ADMIN, "officer", "Oscar <oscar@x.cn>");
	grant(r, HK_EV_GRANTED, ADMIN, "inspector", IRIS);
	grant(r, HK_EV_GRANTED, ADMIN, "unit", "edu");
	hk_roles_sort(r);
	return r;
}

/* Applies an event; returns 0 applied, 1 flagged (reason in why). */
static char why[512];
static int step(struct hk_fstate *s, const hk_roles *r, enum hk_event_type t, const char *actor)
{
	struct hk_event e = {0};
	e.type = t;
	e.lamport = ++clock_;
	e.office = "c";
	e.actor = (char *)actor;
	e.time = "2026-02-01T00:00:00Z";
	e.unit = "edu";
	e.due = "2026-03-01";
	e.reason = "because";
	snprintf(e.hash, sizeof(e.hash), "%012llu", clock_);
	why[0] = '\0';
	return hk_fstate_step(s, &e, r, why, sizeof(why));
}

static void test_roles(void)
{
	hk_roles *r = roles();
	CHECK(hk_roles_has(r, "Olga Officer <OLGA@x.cn>", "officer", 0));
	CHECK(hk_roles_has(r, "edu", "unit", 0));
	CHECK(!hk_roles_has(r, IRIS, "officer", 0));
	CHECK(!hk_roles_has(r, OLGA, "officer", 2)); /* not yet at lamport 2 */
	grant(r, HK_EV_REVOKED, ADMIN, "officer", OLGA);
	grant(r, HK_EV_GRANTED, OLGA, "admin", OLGA); /* not an admin: illegal */
	hk_roles_sort(r);
	CHECK(!hk_roles_has(r, OLGA, "officer", 0));
	CHECK(!hk_roles_has(r, OLGA, "admin", 0));
	CHECK_EQ_INT(hk_roles_check(r, NULL, NULL), 1);
	hk_roles_free(r);
}

static void test_happy_path(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	hk_fstate_init(&s);
	CHECK_EQ_INT(step(&s, r, HK_EV_FOUND, ADMIN), 0);
	CHECK_EQ_INT(s.status, HK_FS_OPEN);
	CHECK_EQ_INT(step(&s, r, HK_EV_ASSIGNED, OLGA), 0);
	CHECK_EQ_STR(s.unit, "edu");
	CHECK_EQ_INT(step(&s, r, HK_EV_SUBMITTED, UNITP), 0);
	CHECK_EQ_INT(s.status, HK_FS_SUBMITTED);
	CHECK_EQ_INT(step(&s, r, HK_EV_ABSENT, ADMIN), 0);
	CHECK_EQ_INT(s.status, HK_FS_SUBMITTED); /* stays submitted, awaiting verification */
	CHECK_EQ_INT(s.present, 0);
	CHECK_EQ_INT(step(&s, r, HK_EV_CLOSED, OLGA), 0);
	CHECK_EQ_INT(s.status, HK_FS_CLOSED);
	CHECK_EQ_INT(step(&s, r, HK_EV_REAPPEARED, ADMIN), 0);
	CHECK_EQ_INT(s.status, HK_FS_REAPPEARED);
	CHECK_EQ_INT(s.relapses, 1);
	CHECK_EQ_INT(s.flagged, 0);
	hk_roles_free(r);
}

static void test_refusals(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	hk_fstate_init(&s);
	CHECK_EQ_INT(step(&s, r, HK_EV_ASSIGNED, OLGA), 1); /* never found */
	step(&s, r, HK_EV_FOUND, ADMIN);
	CHECK_EQ_INT(step(&s, r, HK_EV_ASSIGNED, IRIS), 1);
	CHECK(strstr(why, "is not an officer") != NULL);
	CHECK_EQ_INT(step(&s, r, HK_EV_CLOSED, OLGA), 1);
	CHECK(strstr(why, "open cannot be closed") != NULL);
	step(&s, r, HK_EV_ASSIGNED, OLGA);
	CHECK_EQ_INT(step(&s, r, HK_EV_SUBMITTED, OSCAR), 0);
	CHECK_EQ_INT(step(&s, r, HK_EV_CLOSED, OLGA), 1);
	CHECK(strstr(why, "still reproduces") != NULL);
	step(&s, r, HK_EV_ABSENT, ADMIN);
	CHECK_EQ_INT(step(&s, r, HK_EV_CLOSED, "Oscar O. <oscar@X.cn>"), 1); /* same person, other spelling */
	CHECK(strstr(why, "may not verify it") != NULL);
	CHECK_EQ_INT(step(&s, r, HK_EV_CLOSED, IRIS), 1);
	CHECK_EQ_INT(step(&s, r, HK_EV_REJECTED, IRIS), 0);
	CHECK_EQ_INT(s.status, HK_FS_ASSIGNED);
	CHECK_EQ_INT(step(&s, r, HK_EV_WAIVED, IRIS), 1);
	CHECK_EQ_INT(step(&s, r, HK_EV_WAIVED, OLGA), 0);
	CHECK_EQ_INT(step(&s, r, HK_EV_ABSENT, ADMIN), 0);
	CHECK_EQ_INT(s.status, HK_FS_WAIVED);
	CHECK_EQ_INT(step(&s, r, HK_EV_REOPENED, IRIS), 0);
	CHECK_EQ_INT(s.status, HK_FS_ABSENT);
	CHECK_EQ_INT(s.flagged, 7);
	hk_roles_free(r);
}

static void test_unknown_unit(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	struct hk_event e = {0};
	hk_fstate_init(&s);
	step(&s, r, HK_EV_FOUND, ADMIN);
	e.type = HK_EV_ASSIGNED;
	e.lamport = 100;
	e.actor = OLGA;
	e.unit = "health";
	e.due = "2026-01-01";
	CHECK_EQ_INT(hk_fstate_check(&s, &e, r, why, sizeof(why)), 1);
	CHECK(strstr(why, "unit 'health' is not a unit") != NULL);
	hk_roles_free(r);
}

static void test_run_events_idempotent(void)
{
	hk_roles *r = roles();
	struct hk_fstate s;
	hk_fstate_init(&s);
	step(&s, r, HK_EV_FOUND, ADMIN);
	CHECK_EQ_INT(step(&s, r, HK_EV_FOUND, "Other <o@x.cn>"), 0); /* another office's run */
	CHECK_EQ_INT(step(&s, r, HK_EV_ABSENT, ADMIN), 0);
	CHECK_EQ_INT(step(&s, r, HK_EV_ABSENT, ADMIN), 0);
	CHECK_EQ_INT(s.status, HK_FS_ABSENT);
	CHECK_EQ_INT(step(&s, r, HK_EV_REAPPEARED, ADMIN), 0);
	CHECK_EQ_INT(step(&s, r, HK_EV_REAPPEARED, ADMIN), 0);
	CHECK_EQ_INT(s.relapses, 1);
	CHECK_EQ_INT(s.flagged, 0);
	hk_roles_free(r);
}

static void test_status_names(void)
{
	for (int i = 1; i < HK_FS_NSTATUS; i++)
		CHECK_EQ_INT(hk_fstate_status_parse(hk_fstate_status_name((enum hk_fstatus)i)), i);
	CHECK(hk_fstate_status_is_open(HK_FS_ABSENT));
	CHECK(!hk_fstate_status_is_open(HK_FS_WAIVED));
}

int main(void)
{
	RUN(test_roles);
	RUN(test_happy_path);
	RUN(test_refusals);
	RUN(test_unknown_unit);
	RUN(test_run_events_idempotent);
	RUN(test_status_names);
	return TEST_DONE();
}
