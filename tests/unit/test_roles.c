/*
 * test_roles.c - people's SSH keys in the roles: bound by a grant or a
 * key-added event, revoked from a point of the history on, never a second
 * person's, only by an admin (a revocation also by the holder).
 */
#include "ledger/roles.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define ADMIN "Ann <ann@x.cn>"
#define OLGA "Olga <olga@x.cn>"
#define WANG "Wang <wang@x.cn>"
#define KA "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPAom0UU9iDODkqkG8tRsHTuonESWz8ySohL5OREBoH1"
#define KO "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGIJ1awD/uWCVd9NWp5bMNFAOMEo8UF9aYY2QaJIpV7H"
#define KW "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM8u4tBv3KHEhIK4VyLXg8EBTGg9lpSCqNuw12hlwjW8"

static unsigned long long clock_;

/* Adds an event at the next clock; role NULL for key events. */
static void ev(hk_roles *r, enum hk_event_type t, const char *actor, const char *role, const char *who, const char *key)
{
	struct hk_event e = {0};
	e.type = t;
	e.lamport = ++clock_;
	e.office = strdup("c");
	e.actor = strdup(actor);
	e.time = strdup("2026-01-01T00:00:00Z");
	e.role = role ? strdup(role) : NULL;
	e.who = strdup(who);
	e.key = key ? strdup(key) : NULL;
	snprintf(e.hash, sizeof(e.hash), "%012llu", clock_);
	hk_roles_add(r, &e);
}

static size_t nbad;
static char lastbad[256];
static void on_bad(void *ctx, const struct hk_event *e, const char *why)
{
	(void)ctx;
	nbad++;
	snprintf(lastbad, sizeof(lastbad), "%llu: %s", e->lamport, why);
}

static void test_bind_and_revoke(void)
{
	hk_roles *r = hk_roles_new();
	int revoked = 0;
	clock_ = 0;
	ev(r, HK_EV_GRANTED, ADMIN, "admin", ADMIN, KA);              /* 1: founding, with a key */
	ev(r, HK_EV_GRANTED, ADMIN, "officer", OLGA, KO);             /* 2 */
	ev(r, HK_EV_KEY_ADDED, ADMIN, NULL, WANG, KW);                /* 3 */
	ev(r, HK_EV_KEY_REVOKED, ADMIN, NULL, OLGA, KO);              /* 4 */
	hk_roles_sort(r);
	nbad = 0;
	CHECK_EQ_INT(hk_roles_check(r, on_bad, NULL), 0);
	CHECK_EQ_STR(hk_roles_key_owner(r, KA, 0, NULL), ADMIN);
	CHECK(hk_roles_key_owner(r, KA, 1, NULL) == NULL); /* nothing before clock 1 */
	CHECK_EQ_STR(hk_roles_key_owner(r, KA, 2, NULL), ADMIN);
	CHECK_EQ_STR(hk_roles_key_owner(r, KW, 4, NULL), WANG);
	/* Olga's key: hers at 3 and 4, revoked by 4 (from clock 5 on) */
	CHECK_EQ_STR(hk_roles_key_owner(r, KO, 3, NULL), OLGA);
	CHECK_EQ_STR(hk_roles_key_owner(r, KO, 4, &revoked), OLGA);
	CHECK_EQ_INT(revoked, 0);
	CHECK(hk_roles_key_owner(r, KO, 5, &revoked) == NULL);
	CHECK_EQ_INT(revoked, 1);
	CHECK(hk_roles_key_owner(r, "ssh-ed25519 AAAAunknown", 0, &revoked) == NULL);
	CHECK_EQ_INT(revoked, 0);
	/* the roles themselves are unchanged by keys */
	CHECK(hk_roles_has(r, OLGA, "officer", 0));
	CHECK(!hk_roles_has(r, WANG, "officer", 0));
	hk_roles_free(r);
}

static void test_illegal(void)
{
	hk_roles *r = hk_roles_new();
	clock_ = 0;
	ev(r, HK_EV_GRANTED, ADMIN, "admin", ADMIN, KA);
	ev(r, HK_EV_GRANTED, ADMIN, "officer", OLGA, KO);
	ev(r, HK_EV_KEY_ADDED, OLGA, NULL, WANG, KW);   /* 3: by a non-admin */
	ev(r, HK_EV_KEY_ADDED, ADMIN, NULL, WANG, KO);  /* 4: Olga's key for Wang */
	ev(r, HK_EV_KEY_REVOKED, WANG, NULL, OLGA, KO); /* 5: neither admin nor holder */
	ev(r, HK_EV_KEY_REVOKED, OLGA, NULL, OLGA, KO); /* 6: the holder: legal */
	ev(r, HK_EV_KEY_ADDED, ADMIN, NULL, WANG, KO);  /* 7: still Olga's, once and for all */
	ev(r, HK_EV_KEY_REVOKED, ADMIN, NULL, WANG, KW);/* 8: Wang never held it */
	ev(r, HK_EV_GRANTED, ADMIN, "unit", "edu", KW); /* 9: a unit holds no key */
	hk_roles_sort(r);
	nbad = 0;
	CHECK_EQ_INT(hk_roles_check(r, on_bad, NULL), 6);
	CHECK_EQ_STR(lastbad, "9: binds a key that is not a person's own SSH key");
	CHECK(hk_roles_key_owner(r, KW, 0, NULL) == NULL);
	CHECK(hk_roles_key_owner(r, KO, 0, NULL) == NULL);
	CHECK_EQ_STR(hk_roles_key_owner(r, KO, 6, NULL), OLGA); /* 5 was ignored */
	hk_roles_free(r);
}

int main(void)
{
	RUN(test_bind_and_revoke);
	RUN(test_illegal);
	return TEST_DONE();
}
