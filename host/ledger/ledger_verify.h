/*
 * ledger_verify.h - verifying a ledger's history against the rules of
 * docs/ledger.md: the commits since the last verified one, or every commit.
 */
#ifndef HK_LEDGER_VERIFY_H
#define HK_LEDGER_VERIFY_H

#include "ledger/ledger.h"

#include <stddef.h>
#include <stdio.h>

/* What a verify walked. */
struct hk_verify_stats {
	int incremental;          /* 1: from the verified head, 0: the whole history */
	size_t commits;           /* commits walked */
	char from[GIT_OID_HEXSZ + 1]; /* the verified head it started from ("" when whole) */
};

/* Verifies l and prints one line per violation to out (the checks of
 * ledger_check.h: paths and layout, unknown files, changed or deleted paths,
 * what merges take, event and evidence hashes, missing evidence, who wrote
 * findings, illegal transitions, actions without the role, self-verification,
 * back-dated events, broken event chains). A clean verify records the head in
 * refs/huikan/verified and in the config (huikan.verified).
 *
 * Incremental unless `full`: when the commit verified before is still an
 * ancestor of the head, only the commits after it are walked (every
 * per-commit hook on each) and only the findings they touched are replayed
 * (all of them when they changed roles/), so a new step on a large ledger
 * verifies in the time of that step. A verified commit that is no longer in
 * the history (a reset or rewrite), or a deleted ref, is reported and the whole
 * history is walked. `full` replays everything whatever was verified before
 * (what was written before the verified head, e.g. objects changed in place,
 * is only read again then). Sets *nviolations and, when st is not NULL,
 * what was walked. Returns 0 (whatever was found) or a negative code when the
 * ledger cannot be read at all. */
int hk_ledger_verify(hk_ledger *l, FILE *out, int full, size_t *nviolations, struct hk_verify_stats *st);

#endif
