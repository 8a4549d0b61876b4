/*
 * engine_cli.h - what the run, rules and test commands share: finding a pack
 * by path or name, the budget options, the audit date, and loading a pack
 * with its broken rule files reported.
 */
#ifndef HK_ENGINE_CLI_H
#define HK_ENGINE_CLI_H

#include "pack.h"
#include "sandbox.h"

/* Help text of the budget options (for the commands' --help). */
#define HK_BUDGET_HELP                                                                  \
	"  --max-instructions N   Lua instructions per rule (default 1e9)\n"               \
	"  --max-memory MB        Lua heap per rule (default 256)\n"                       \
	"  --timeout SECONDS      wall clock per rule, also inside SQL (default 10)\n"

/* If argv[*i] is a budget option, consumes it and its value (advancing *i)
 * into lim and returns 1; returns 0 when it is not one; -1 after printing a
 * usage error for a bad value. */
int hk_budget_option(struct hk_limits *lim, const char *cmd, int argc, char **argv, int *i);

void hk_budget_defaults(struct hk_limits *lim);

/* The pack directory or rule file for PACK: the path itself when it exists,
 * else <home>/audits/PACK. Returns a malloc'd string or NULL (not found). */
char *hk_pack_path(const char *pack);

/* Loads the pack for the command `cmd`; prints each broken rule file as
 * "huikan CMD: FILE:LINE: reason" on stderr. Returns 0 or an HK_E* code
 * (message in hk_error_last()). */
int hk_pack_open(struct hk_pack **out, const char *cmd, const char *pack, const struct hk_limits *lim);

/* Checks `s` is a real date 'YYYY-MM-DD'. */
int hk_as_of_valid(const char *s);

/* Today's local date as 'YYYY-MM-DD'. */
void hk_today(char out[11]);

#endif
