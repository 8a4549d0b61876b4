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

/* The state after replaying events [0, upto): held[i] is 1 when event i is a
 * grant still in force. Calls bad() for illegal events, which are ignored. */
static size_t replay(const hk_roles *r, size_t upto, unsigned char *held,
		     void (*bad)(void *, const struct hk_event *, const char *), void *ctx)
{
	size_t nbad = 0;
	int any_admin = 0;
	for (size_t i = 0; i < upto; i++) {
		const struct hk_event *e = &r->ev[i];
		const char *why = NULL;
		int actor_admin = 0, found = -1;
		held[i] = 0;
		for (size_t j = 0; j < i; j++) {
			if (!held[j])
				continue;
			if (strcmp(r->ev[j].role, "admin") == 0 && same_holder("admin", r->ev[j].who, e->actor))
				actor_admin = 1;
			if (e->role && e->who && strcmp(r->ev[j].role, e->role) == 0 &&
			    same_holder(e->role, r->ev[j].who, e->who))
				found = (int)j;
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
		} else {
			held[found] = 0;
		}
	}
	return nbad;
}

int hk_roles_has(const hk_roles *r, const char *who, const char *role, unsigned long long before)
{
	size_t upto = 0;
	unsigned char *held;
	int has = 0;
	if (!who || !r->n)
		return 0;
	while (upto < r->n && (before == 0 || r->ev[upto].lamport < before))
		upto++;
	held = calloc(upto ? upto : 1, 1);
	if (!held)
		return 0;
	replay(r, upto, held, NULL, NULL);
	for (size_t i = 0; i < upto && !has; i++)
		has = held[i] && strcmp(r->ev[i].role, role) == 0 && same_holder(role, r->ev[i].who, who);
	free(held);
	return has;
}

void hk_roles_each(const hk_roles *r, void (*fn)(void *ctx, const char *role, const char *who), void *ctx)
{
	unsigned char *held = calloc(r->n ? r->n : 1, 1);
	if (!held)
		return;
	replay(r, r->n, held, NULL, NULL);
	for (size_t k = 0; k < sizeof(role_names) / sizeof(role_names[0]); k++)
		for (size_t i = 0; i < r->n; i++)
			if (held[i] && strcmp(r->ev[i].role, role_names[k]) == 0)
				fn(ctx, r->ev[i].role, r->ev[i].who);
	free(held);
}

size_t hk_roles_check(const hk_roles *r, void (*fn)(void *ctx, const struct hk_event *e, const char *why),
		      void *ctx)
{
	unsigned char *held = calloc(r->n ? r->n : 1, 1);
	size_t nbad;
	if (!held)
		return 0;
	nbad = replay(r, r->n, held, fn, ctx);
	free(held);
	return nbad;
}
