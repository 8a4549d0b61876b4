/*
 * cmd_pending.c - DEVELOPMENT SCAFFOLD, removed before release: weak
 * definitions of the commands whose files are still being written, so that the
 * tree builds while they are. A command's real file defines the strong symbol
 * and this one is ignored. Any command still pending at release is taken out
 * of the table in main.c instead of shipping as a stub.
 */
#include "cli.h"
#include "error.h"

#include <stdio.h>

#define PENDING(fn, name)                                                        \
	__attribute__((weak)) int fn(int argc, char **argv)                        \
	{                                                                          \
		(void)argc;                                                        \
		(void)argv;                                                        \
		fprintf(stderr, "huikan %s: not built yet\n", name);               \
		return HK_EXIT_INTERNAL;                                           \
	}

PENDING(hk_cmd_import, "import")
PENDING(hk_cmd_export, "export")
PENDING(hk_cmd_demo_data, "demo-data")
PENDING(hk_cmd_run, "run")
PENDING(hk_cmd_rules, "rules")
PENDING(hk_cmd_test, "test")
PENDING(hk_cmd_ledger, "ledger")
PENDING(hk_cmd_assign, "assign")
PENDING(hk_cmd_submit, "submit")
PENDING(hk_cmd_close, "close")
PENDING(hk_cmd_reject, "reject")
PENDING(hk_cmd_waive, "waive")
PENDING(hk_cmd_reopen, "reopen")
PENDING(hk_cmd_findings, "findings")
PENDING(hk_cmd_show, "show")
PENDING(hk_cmd_stats, "stats")
