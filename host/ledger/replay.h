/*
 * replay.h - replaying the events of one finding, with concurrent steps
 * resolved the same way on every office.
 *
 * Events are replayed in (lamport, office, hash) order (fstate.h gives the
 * transitions). Two offices that act on a finding without having seen each
 * other's step (the county closes a submission while a town office rejects
 * it) write events that are each legal where they were written but not one
 * after the other. The first in replay order wins; the other is kept,
 * changes nothing, and is *superseded* rather than illegal, because an honest
 * office could have written it. What an office knew when it wrote an event is
 * judged from the event itself: its `prev` chain (the event it followed, the
 * one that one followed, ...) and everything ordered up to its `prev`. An
 * event that is illegal given that causal past as well (a close of a finding
 * that was never submitted, a step by someone without the role) is illegal:
 * no honest office writes it, and `ledger verify` reports it.
 */
#ifndef HK_REPLAY_H
#define HK_REPLAY_H

#include "ledger/event.h"
#include "ledger/fstate.h"
#include "ledger/roles.h"

#include <stddef.h>

enum hk_replay_outcome {
	HK_REPLAY_APPLIED = 0,    /* legal: the state changed (or stayed, for idempotent run events) */
	HK_REPLAY_ILLEGAL = 1,    /* illegal even given its own causal past: not applied, a violation */
	HK_REPLAY_SUPERSEDED = 2, /* legal in its causal past, illegal only after a concurrent event
				     that replays first: not applied, not a violation */
};

/* Replays event ev[i] of a finding whose events ev[0..i] are sorted in replay
 * order (hk_ledger_events_sort), s being the state after ev[0..i) as left by this
 * function. Applies the event when it is legal in s. Otherwise counts it in
 * s->flagged (and s->superseded when superseded), leaves the rest of s as it
 * was, and writes why into why[0..whysz): the reason it cannot follow, and for
 * a superseded event which concurrent event won ("superseded by the concurrent
 * closed event 0000000007-county-<hash>.json of <actor>: ..."). Cannot fail
 * (out of memory makes a not applied event count as illegal). Costs one
 * check for an applied event, O(i^2) at worst for the others (rare). */
enum hk_replay_outcome hk_replay_step(struct hk_fstate *s, const struct hk_event *ev, size_t i,
				      const hk_roles *roles, char *why, size_t whysz);

#endif
