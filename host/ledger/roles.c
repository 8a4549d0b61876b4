/*
 * roles.c - replay of the role events of a ledger.
 */
#include "ledger/roles.h"
#include "base/array.h"
#include "base/error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct hk_roles {
	struct hk_event *ev;
	size_t n, cap;
};

static const char *const role_names[] = {"admin", "officer", "inspector", "unit"};

int hk_roles_valid_name(const char *role)
{
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (role && strcmp(role, role_names[i]) == 0)
			return 1;
	return 0;
}

hk_roles *hk_roles_new(void)
{
	return calloc(1, sizeof(hk_roles));
}

void hk_roles_free(hk_roles *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		hk_event_clear(&r->ev[i]);
	free(r->ev);
	free(r);
}

int hk_roles_add(hk_roles *r, struct hk_event *e)
{
	int err = HK_ARRAY_GROW(r->ev, r->cap, r->n + 1);
	if (err)
		return err;
	r->ev[r->n++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

static int event_cmp(const void *a, const void *b)
{
	const struct hk_event *x = a, *y = b;
	int c;
	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	if ((c = strcmp(x->office, y->office)) != 0)
		return c;
	return strcmp(x->hash, y->hash);
}

void hk_roles_sort(hk_roles *r)
{
	if (r->n)
		qsort(r->ev, r->n, sizeof(*r->ev), event_cmp);
}

void hk_roles_person_key(char *out, size_t outsz, const char *who)
{
	const char *lt = strchr(who, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	const char *s = who, *e = who + strlen(who);
	size_t n = 0;
	if (lt && gt && gt > lt + 1) {
		s = lt + 1;
		e = gt;
	}
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	for (; s < e && n + 1 < outsz; s++)
		out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

static int same_holder(const char *role, const char *a, const char *b)
{
	char ka[256], kb[256];
	if (strcmp(role, "unit") == 0)
		return strcmp(a, b) == 0;
	hk_roles_person_key(ka, sizeof(ka), a);
	hk_roles_person_key(kb, sizeof(kb), b);
	return strcmp(ka, kb) == 0;
}

static int is_key_event(const struct hk_event *e)
{
	return e->type == HK_EV_KEY_ADDED || e->type == HK_EV_KEY_REVOKED;
}

/* The event j < i whose key binding `key` is in force (keyheld), or -1. */
static int key_binding(const hk_roles *r, size_t i, const unsigned char *keyheld, const char *key)
{
	for (size_t j = 0; j < i; j++)
		if (keyheld[j] && r->ev[j].key && strcmp(r->ev[j].key, key) == 0)
			return (int)j;
	return -1;
}

/* 1 when `key` was ever bound (legally) to someone other than `who` before i. */
static int key_of_another(const hk_roles *r, size_t i, const unsigned char *keyever, const char *key, const char *who)
{
	for (size_t j = 0; j < i; j++)
		if (keyever[j] && strcmp(r->ev[j].key, key) == 0 && !same_holder("admin", r->ev[j].who, who))
			return 1;
	return 0;
}

/* The state after replaying events [0, upto): held[i] is 1 when event i is a
 * role grant still in force, keyheld[i] when event i binds a key (key-added,
 * or a grant that names a key) still in force; keyever[i] when it ever did.
 * Calls bad() for illegal events, which are ignored. */
static size_t replay(const hk_roles *r, size_t upto, unsigned char *held, unsigned char *keyheld,
		     unsigned char *keyever, void (*bad)(void *, const struct hk_event *, const char *), void *ctx)
{
	size_t nbad = 0;
	int any_admin = 0;
	for (size_t i = 0; i < upto; i++) {
		const struct hk_event *e = &r->ev[i];
		const char *why = NULL;
		int actor_admin = 0, found = -1, kfound = -1;
		held[i] = keyheld[i] = keyever[i] = 0;
		for (size_t j = 0; j < i; j++) {
			if (!held[j])
				continue;
			if (strcmp(r->ev[j].role, "admin") == 0 && same_holder("admin", r->ev[j].who, e->actor))
				actor_admin = 1;
			if (e->role && e->who && strcmp(r->ev[j].role, e->role) == 0 &&
			    same_holder(e->role, r->ev[j].who, e->who))
				found = (int)j;
		}
		if (is_key_event(e)) {
			if (!e->who || !e->key || strncmp(e->key, "ssh-", 4) != 0)
				why = "names no person and key";
			else if ((kfound = key_binding(r, i, keyheld, e->key)) >= 0 && e->type == HK_EV_KEY_ADDED)
				why = "adds a key that is already in force";
			else if (e->type == HK_EV_KEY_ADDED && key_of_another(r, i, keyever, e->key, e->who))
				why = "adds a key that belongs to someone else";
			else if (e->type == HK_EV_KEY_REVOKED &&
				 (kfound < 0 || !same_holder("admin", r->ev[kfound].who, e->who)))
				why = "revokes a key the person does not hold";
			else if (!actor_admin && !(e->type == HK_EV_KEY_REVOKED && same_holder("admin", e->who, e->actor)))
				why = "was made by someone who is not an admin (or, for a revocation, the key's holder)";
			if (why) {
				nbad++;
				if (bad)
					bad(ctx, e, why);
			} else if (e->type == HK_EV_KEY_ADDED) {
				keyheld[i] = keyever[i] = 1;
			} else {
				keyheld[kfound] = 0;
			}
			continue;
		}
		if (!e->role || !e->who || !hk_roles_valid_name(e->role))
			why = "names no valid role and holder";
		else if (e->type != HK_EV_GRANTED && e->type != HK_EV_REVOKED)
			why = "is not a role event";
		else if (!actor_admin &&
			 !(any_admin == 0 && e->type == HK_EV_GRANTED && strcmp(e->role, "admin") == 0 &&
			   same_holder("admin", e->who, e->actor)))
			why = "was made by someone who is not an admin";
		else if (e->type == HK_EV_REVOKED && found < 0)
			why = "revokes a role that is not held";
		else if (e->type == HK_EV_GRANTED && e->key &&
			 (strncmp(e->key, "ssh-", 4) != 0 || strcmp(e->role, "unit") == 0 ||
			  key_of_another(r, i, keyever, e->key, e->who)))
			why = "binds a key that is not a person's own SSH key";
		if (why) {
			nbad++;
			if (bad)
				bad(ctx, e, why);
			continue;
		}
		if (e->type == HK_EV_GRANTED) {
			if (found < 0)
				held[i] = 1;
			if (strcmp(e->role, "admin") == 0)
				any_admin = 1;
			if (e->key && key_binding(r, i, keyheld, e->key) < 0)
				keyheld[i] = keyever[i] = 1;
		} else {
			held[found] = 0;
		}
	}
	return nbad;
}

/* Replays the events with lamport < before (0: all) into malloc'd state
 * arrays (3 * n bytes: held, keyheld, keyever); returns how many were
 * replayed, or (size_t)-1 when out of memory. */
static size_t replay_before(const hk_roles *r, unsigned long long before, unsigned char **state)
{
	size_t upto = 0;
	while (upto < r->n && (before == 0 || r->ev[upto].lamport < before))
		upto++;
	if (!(*state = calloc(upto ? 3 * upto : 3, 1)))
		return (size_t)-1;
	replay(r, upto, *state, *state + upto, *state + 2 * upto, NULL, NULL);
	return upto;
}

int hk_roles_has(const hk_roles *r, const char *who, const char *role, unsigned long long before)
{
	unsigned char *held;
	size_t upto;
	int has = 0;
	if (!who || !r->n || (upto = replay_before(r, before, &held)) == (size_t)-1)
		return 0;
	for (size_t i = 0; i < upto && !has; i++)
		has = held[i] && strcmp(r->ev[i].role, role) == 0 && same_holder(role, r->ev[i].who, who);
	free(held);
	return has;
}

const char *hk_roles_key_owner(const hk_roles *r, const char *key, unsigned long long before, int *revoked)
{
	unsigned char *st;
	size_t upto;
	const char *who = NULL;
	if (revoked)
		*revoked = 0;
	if (!key || !r->n || (upto = replay_before(r, before, &st)) == (size_t)-1)
		return NULL;
	for (size_t i = 0; i < upto && !who; i++)
		if (st[upto + i] && strcmp(r->ev[i].key, key) == 0)
			who = r->ev[i].who;
	for (size_t i = 0; i < upto && !who && revoked; i++)
		if (st[2 * upto + i] && strcmp(r->ev[i].key, key) == 0)
			*revoked = 1;
	free(st);
	return who;
}

void hk_roles_each_key(const hk_roles *r, void (*fn)(void *ctx, const char *who, const char *key, int in_force),
		       void *ctx)
{
	unsigned char *st;
	size_t upto = replay_before(r, 0, &st);
	if (upto == (size_t)-1)
		return;
	for (size_t i = 0; i < upto; i++)
		if (st[2 * upto + i])
			fn(ctx, r->ev[i].who, r->ev[i].key, st[upto + i]);
	free(st);
}

void hk_roles_each(const hk_roles *r, void (*fn)(void *ctx, const char *role, const char *who), void *ctx)
{
	unsigned char *held;
	if (replay_before(r, 0, &held) == (size_t)-1)
		return;
	for (size_t k = 0; k < sizeof(role_names) / sizeof(role_names[0]); k++)
		for (size_t i = 0; i < r->n; i++)
			if (held[i] && r->ev[i].role && strcmp(r->ev[i].role, role_names[k]) == 0)
				fn(ctx, r->ev[i].role, r->ev[i].who);
	free(held);
}

size_t hk_roles_check(const hk_roles *r, void (*fn)(void *ctx, const struct hk_event *e, const char *why),
		      void *ctx)
{
	unsigned char *held = calloc(r->n ? 3 * r->n : 3, 1);
	size_t nbad;
	if (!held)
		return 0;
	nbad = replay(r, r->n, held, held + r->n, held + 2 * r->n, fn, ctx);
	free(held);
	return nbad;
}
