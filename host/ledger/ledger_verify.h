/*
 * ledger_verify.h - verifying a ledger's whole history: replaying every commit
 * and event against the rules of docs/ledger.md.
 */
#ifndef HK_LEDGER_VERIFY_H
#define HK_LEDGER_VERIFY_H

#include "ledger/ledger.h"

#include <stddef.h>
#include <stdio.h>

/* Replays the whole history of l and prints one line per violation to out
 * (the checks of ledger_check.h on every commit and on the head: paths and
 * layout, unknown files, changed or deleted paths, what merges take, event
 * and evidence hashes, missing evidence, who wrote findings, illegal
 * transitions, actions without the role, self-verification, back-dated
 * events, broken event chains). A clean verify records the head in
 * refs/huikan/verified and in the config (huikan.verified); a later verify
 * reports that commit gone from the history, and the ref deleted. Sets
 * *nviolations. Returns 0 (whatever was found) or a negative code when the
 * ledger cannot be read at all. */
int hk_ledger_verify(hk_ledger *l, FILE *out, size_t *nviolations);

#endif
