/*
 * ledger_sync.h - exchanging a ledger with another office (fetch, union merge,
 * push).
 */
#ifndef HK_LEDGER_SYNC_H
#define HK_LEDGER_SYNC_H

#include "ledger/ledger.h"

struct hk_sync_result {
	int fetched;      /* the remote had commits we did not */
	int merged;       /* a merge commit was made */
	int fast_forward; /* we took the remote's head as it was */
	int pushed;       /* the remote was updated */
};

/* Fetches refs/heads/main of `remote` (a path or URL) into a private ref
 * (refs/huikan/sync/<pid>, deleted afterwards), checks every commit it would
 * bring with the checks of `ledger verify` (ledger_check.h) and only then
 * fast-forwards or merges it into ours as a union of files (no conflict is
 * possible between honest ledgers: a path that differs on the two sides is
 * reported as tampering, HK_ECONFLICT) and pushes the result. A remote that
 * fails a check is refused as a whole (HK_EINPUT, the message quoting each
 * violation with its commit): main, the index and the working state stay as
 * they were; only unreferenced objects remain until `git gc`. A concurrent push to the remote or a local writer is
 * retried on the new head, never overwritten. Returns 0 or a negative code. */
int hk_ledger_sync(hk_ledger *l, const char *remote, const char *actor, struct hk_sync_result *out);

#endif
