/*
 * engine_cli.h - what the run, rules and test commands share: finding a pack
 * by path or name, the budget options, the audit date, and loading a pack
 * with its broken rule files reported.
 */
#ifndef HK_ENGINE_CLI_H
#define HK_ENGINE_CLI_H

#include "cli/cli.h"
#include "engine/pack.h"
#include "engine/sandbox.h"

/* Help text of the budget options (for the commands' --help). */
#define HK_BUDGET_HELP                                                                  \
	N_("  --max-instructions N   Lua instructions per rule (default 1e9)\n"               \
	"  --max-memory MB        Lua heap per rule (default 256)\n"                       \
	"  --timeout SECONDS      wall clock per rule, also inside SQL (default 10)\n")

/* The budget options as given on the command line (NULL = not given), filled
 * by hk_cli_opts_parse through HK_BUDGET_OPTS in a command's option table. */
struct hk_budget_args {
	const char *max_instructions, *max_memory, *timeout;
};

#define HK_BUDGET_OPTS(b)                                                                \
	{"--max-instructions", HK_OPT_VALUE, &(b).max_instructions},                    \
	{"--max-memory", HK_OPT_VALUE, &(b).max_memory}, {"--timeout", HK_OPT_VALUE, &(b).timeout}

/* Checks the budget options given and sets them in lim. Returns 0, or
 * HK_EXIT_USAGE after printing a usage error for cmd naming the bad value. */
int hk_engine_cli_budget_apply(struct hk_limits *lim, const char *cmd, const struct hk_budget_args *b);

void hk_engine_cli_budget_defaults(struct hk_limits *lim);

/* The pack directory or rule file for PACK: the path itself when it exists,
 * else <home>/audits/PACK. Returns a malloc'd string or NULL (not found). */
char *hk_engine_cli_pack_path(const char *pack);

/* Loads the pack for the command `cmd`; prints each broken rule file as
 * "huikan CMD: FILE:LINE: reason" on stderr. Returns 0 or an HK_E* code
 * (message in hk_error_last()). */
int hk_engine_cli_pack_open(struct hk_pack **out, const char *cmd, const char *pack, const struct hk_limits *lim);

#endif
