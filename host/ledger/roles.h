/*
 * roles.h - who may do what in a ledger: admins, officers, inspectors, and the
 * units findings are assigned to.
 *
 * Roles are kept as events under roles/ in the ledger (granted/revoked, see
 * event.h) so that two offices' ledgers merge without conflict; the current
 * roles are the replay of those events in (lamport, office, hash) order. Only an
 * admin may grant or revoke, except the founding grant of `ledger init`.
 * A person's SSH keys (for signed ledgers) are bound by a grant that names a
 * key, or by key-added events, and unbound by key-revoked; only an admin binds
 * a key, an admin or the key's holder revokes it, and a key once bound to one
 * person is never bound to another.
 * People are matched by the e-mail of "Name <email>" (case-insensitive), or by
 * the whole string when there is no e-mail; units by their name.
 */
#ifndef HK_ROLES_H
#define HK_ROLES_H

#include "ledger/event.h"

#include <stddef.h>

typedef struct hk_roles hk_roles;

/* The role names: "admin", "officer", "inspector", "unit". */
int hk_roles_valid_name(const char *role);

/* Returns an empty role set, or NULL when out of memory. */
hk_roles *hk_roles_new(void);
void hk_roles_free(hk_roles *r);

/* Adds a granted/revoked event; takes over its strings (e is zeroed). Returns 0
 * or HK_EINTERNAL. Call hk_roles_sort before asking. */
int hk_roles_add(hk_roles *r, struct hk_event *e);
void hk_roles_sort(hk_roles *r);

/* 1 when `who` holds `role` after the legal role events with lamport < before
 * (before 0 = all events), else 0. */
int hk_roles_has(const hk_roles *r, const char *who, const char *role, unsigned long long before);

/* The person ("Name <email>", as granted) a key ("ssh-ed25519 AAAA...") is
 * bound to after the legal role events with lamport < before (0 = all), or
 * NULL when none; the string belongs to r. *revoked (may be NULL) is set to
 * 1 when the key was bound once and has been revoked. */
const char *hk_roles_key_owner(const hk_roles *r, const char *key, unsigned long long before, int *revoked);

/* Calls fn(ctx, who, key, in_force) for every key ever legally bound to a
 * person, in history order; in_force 0 when revoked since. */
void hk_roles_each_key(const hk_roles *r, void (*fn)(void *ctx, const char *who, const char *key, int in_force),
		       void *ctx);

/* Calls fn(ctx, role, who) for every current holder of every role, in role then
 * grant order. */
void hk_roles_each(const hk_roles *r, void (*fn)(void *ctx, const char *role, const char *who), void *ctx);

/* Replays the role events and calls fn(ctx, event, why) for each illegal one
 * (granted by a non-admin, revoking what is not held, ...). Returns how many. */
size_t hk_roles_check(const hk_roles *r, void (*fn)(void *ctx, const struct hk_event *e, const char *why),
		      void *ctx);

/* Writes the matching key of a person ("Name <a@b>" -> "a@b", lower case) into
 * out (size outsz). */
void hk_roles_person_key(char *out, size_t outsz, const char *who);

#endif
