/*
 * ledger_gc.h - keeping a ledger's object store small without the git
 * program: loose objects and small packs are rolled up into one pack (the
 * pack writer of ledger_pack.h, objects read through libgit2's git_odb) when
 * there are more than a few hundred loose objects or more than a dozen packs,
 * keeping the sizes of the packs a geometric progression (factor 2, as `git
 * repack --geometric=2`), so that the big pack of a county's first run is not
 * rewritten by every later run. Nothing is ever pruned: every object of the
 * repository stays readable throughout (the new pack is in place before any
 * loose object or old pack is removed).
 */
#ifndef HK_LEDGER_GC_H
#define HK_LEDGER_GC_H

#include "ledger/ledger.h"

#include <stddef.h>

/* Consolidate when there are more loose objects than this ... */
#define HK_GC_LOOSE_MAX 256
/* ... or more packs than this. */
#define HK_GC_PACKS_MAX 12

/* What a look at the object store found, or what a consolidation did. */
struct hk_gc_stats {
	size_t loose;      /* loose objects */
	size_t packs;      /* packs (.idx files; packs with a .keep count but are never rewritten) */
	size_t packed;     /* objects in packs */
	size_t rolled_up;  /* consolidation: loose objects and packs merged (0 when nothing was done) */
};

/* Counts the loose objects and packs of l. Returns 0 or a negative code. */
int hk_ledger_gc_count(hk_ledger *l, struct hk_gc_stats *out);

/* Consolidates when over the thresholds (always when `force`: every loose
 * object and every pack not kept, into one pack). Another process already
 * consolidating (objects/pack/huikan-gc.lock) makes this a no-op. out may be
 * NULL. Returns 0 or a negative code (the repository is then as it was, or
 * holds one more pack with copies of objects: never less). */
int hk_ledger_gc(hk_ledger *l, int force, struct hk_gc_stats *out);

/* hk_ledger_gc(l, 0, NULL) for writers after a commit: a failure is written
 * as a warning on stderr, never an error (the commit stands). */
void hk_ledger_gc_auto(hk_ledger *l);

#endif
