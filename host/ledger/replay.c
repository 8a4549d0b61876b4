/*
 * replay.c - replaying one event of a finding: applied when legal, otherwise
 * judged against its own causal past (superseded by a concurrent event, or
 * illegal). See replay.h.
 */
#include "ledger/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* The index below `below` of the event whose hash is `hash`, or NONE. */
static size_t find_hash(const struct hk_event *ev, size_t below, const char *hash)
{
	if (!hash || !*hash)
		return NONE;
	for (size_t j = below; j-- > 0;)
		if (strcmp(ev[j].hash, hash) == 0)
			return j;
	return NONE;
}

/* Replays into a fresh state the events ev[j], j < i, that are in `chain`
 * (when not NULL) or at most `upto` (when not NONE), and says whether ev[i]
 * may follow them; when not, why it may not is in why[0..whysz). */
static int legal_after(const struct hk_event *ev, size_t i, const unsigned char *chain, size_t upto,
		       const hk_roles *roles, char *why, size_t whysz)
{
	struct hk_fstate t;
	char skip[256];
	hk_fstate_init(&t);
	for (size_t j = 0; j < i; j++)
		if ((chain && chain[j]) || (upto != NONE && j <= upto))
			hk_fstate_step(&t, &ev[j], roles, skip, sizeof(skip));
	return hk_fstate_check(&t, &ev[i], roles, why, whysz) == 0;
}

/* The concurrent event that won over ev[i]: the last event before it that was
 * applied, is not in its prev chain and comes after its prev (prefer one that
 * changed the status). NONE when there is none. */
static size_t winner(const struct hk_event *ev, size_t i, const unsigned char *chain, size_t prev,
		     const hk_roles *roles)
{
	struct hk_fstate t;
	char why[256];
	size_t changed = NONE, applied = NONE, any = NONE;
	hk_fstate_init(&t);
	for (size_t j = 0; j < i; j++) {
		enum hk_fstatus before = t.status;
		if (hk_fstate_step(&t, &ev[j], roles, why, sizeof(why)) != 0 || chain[j])
			continue;
		any = j;
		if (prev == NONE || j > prev) {
			applied = j;
			if (t.status != before)
				changed = j;
		}
	}
	return changed != NONE ? changed : applied != NONE ? applied : any;
}

enum hk_replay_outcome hk_replay_step(struct hk_fstate *s, const struct hk_event *ev, size_t i,
				      const hk_roles *roles, char *why, size_t whysz)
{
	const struct hk_event *e = &ev[i];
	unsigned char *chain;
	size_t prev, w;
	int superseded;

	if (hk_fstate_step(s, e, roles, why, whysz) == 0)
		return HK_REPLAY_APPLIED; /* hk_fstate_step counted a refusal in s->flagged */
	prev = find_hash(ev, i, e->prev);
	if (prev == NONE || !(chain = calloc(i + 1, 1)))
		return HK_REPLAY_ILLEGAL; /* no known past: nothing concurrent to blame */
	for (size_t cur = i, p = prev; p != NONE && !chain[p]; cur = p, p = find_hash(ev, cur, ev[cur].prev))
		chain[p] = 1;
	/* what its writer knew: at least its prev chain; at most everything up
	 * to its prev. Illegal in both: the reason is the one in the latter. */
	superseded = legal_after(ev, i, chain, NONE, roles, why, whysz) ||
		     legal_after(ev, i, NULL, prev, roles, why, whysz);
	if (superseded) {
		char reason[512];
		hk_fstate_check(s, e, roles, reason, sizeof(reason));
		w = winner(ev, i, chain, prev, roles);
		s->superseded++;
		if (w == NONE)
			snprintf(why, whysz, "superseded by a concurrent event: %s", reason);
		else
			snprintf(why, whysz, "superseded by the concurrent %s event %010llu-%s-%s.json of %s: %s",
				 hk_event_type_name(ev[w].type), ev[w].lamport, ev[w].office ? ev[w].office : "",
				 ev[w].hash, ev[w].actor ? ev[w].actor : "", reason);
	}
	free(chain);
	return superseded ? HK_REPLAY_SUPERSEDED : HK_REPLAY_ILLEGAL;
}
