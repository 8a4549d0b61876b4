/*
 * ledger_cli.c - setup shared by the ledger commands: opening the ledger and
 * the acting identity, reading files.
 */
#include "cli/ledger_cli.h"
#include "cli/cli.h"
#include "base/error.h"
#include "ledger/ledger_sign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hk_ledger_cli_open(const char *cmd, const char *dir, const char *as, const char *key, hk_ledger **l,
		       char **actor)
{
	int err = hk_ledger_open(l, dir);
	if (err == 0)
		(*l)->progress = hk_cli_stderr_is_tty();
	if (err == 0 && actor && (err = hk_ledger_sign_identity(actor, *l, as, key)) < 0) {
		hk_ledger_free(*l);
		*l = NULL;
	}
	return err < 0 ? hk_cli_fail(cmd, err) : 0;
}

