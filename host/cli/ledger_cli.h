/*
 * ledger_cli.h - setup shared by the ledger commands
 * (ledger, assign/submit/close/reject/waive/reopen, findings/show/stats).
 */
#ifndef HK_LEDGER_CLI_H
#define HK_LEDGER_CLI_H

#include "cli/cli.h"
#include "ledger/ledger.h"
#include "base/path.h"

#include <stddef.h>

/* Opens the ledger (dir or $HUIKAN_LEDGER) and, when actor is not NULL,
 * resolves the acting identity and, in a signed ledger, the signing key
 * (`key`: --key, may be NULL; hk_ledger_sign_identity). On failure prints
 * "huikan CMD: why" and returns the exit code; 0 on success. */
int hk_ledger_cli_open(const char *cmd, const char *dir, const char *as, const char *key, hk_ledger **l,
		       char **actor);

#endif
