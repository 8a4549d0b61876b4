/*
 * ledger_cli.h - option parsing and setup shared by the ledger commands
 * (ledger, assign/submit/close/reject/waive/reopen, findings/show/stats).
 */
#ifndef HK_LEDGER_CLI_H
#define HK_LEDGER_CLI_H

#include "ledger.h"

#include <stddef.h>

struct hk_strlist {
	const char *v[16384];
	size_t n;
};

enum hk_opt_kind { HK_OPT_FLAG, HK_OPT_VALUE, HK_OPT_LIST };

struct hk_opt {
	const char *name; /* "--unit" */
	enum hk_opt_kind kind;
	void *dst; /* int * (flag), const char ** (value), struct hk_strlist * (list) */
};

/* Parses argv[1..argc) into opts and positional arguments (pos). "--name=V"
 * and "--name V" both work; "--" ends options. Returns 0 to go on, -1 when
 * --help/-h was given (usage printed on stdout), or HK_EXIT_USAGE after
 * printing a usage error for cmd. Callers: `if (rc) return rc < 0 ? 0 : rc;` */
int hk_opts_parse(const char *cmd, int argc, char **argv, const struct hk_opt *opts, struct hk_strlist *pos,
		  const char *usage);

/* Opens the ledger (dir or $HUIKAN_LEDGER) and, when actor is not NULL,
 * resolves the acting identity. On failure prints "huikan CMD: why" and
 * returns the exit code; 0 on success. */
int hk_lcli_open(const char *cmd, const char *dir, const char *as, hk_ledger **l, char **actor);

/* Reads a whole file into a malloc'd buffer (NUL-terminated). Returns 0 or
 * HK_EINPUT naming the file. */
int hk_read_file(char **out, size_t *len, const char *path);

#endif
