/*
 * ledger_verify.h - verifying a ledger's whole history: replaying every commit
 * and event against the rules of docs/ledger.md.
 */
#ifndef HK_LEDGER_VERIFY_H
#define HK_LEDGER_VERIFY_H

#include "ledger/ledger.h"

#include <stddef.h>
#include <stdio.h>

/* Replays the whole history of l and prints one line per violation to out:
 * changed or deleted paths, unparsable files, illegal transitions, actions
 * without the role, self-verification, back-dated events, broken event
 * chains. Sets *nviolations. Returns 0 (whatever was found) or a negative code
 * when the ledger cannot be read at all. */
int hk_ledger_verify(hk_ledger *l, FILE *out, size_t *nviolations);

#endif
