/*
 * cli.h - the subcommands of the `huikan` binary and the helpers they share.
 *
 * Each command lives in its own host/cmd_<name>.c, takes (argc, argv) with
 * argv[0] being the command name, handles `--help` itself and returns a process
 * exit code (HK_EXIT_* in error.h). The table of commands is in main.c.
 */
#ifndef HK_CLI_H
#define HK_CLI_H

#include <stddef.h>
#include <stdio.h>

typedef int (*hk_cmd_fn)(int argc, char **argv);

struct hk_command {
	const char *name;
	hk_cmd_fn fn;
	const char *summary;
};

int hk_cmd_import(int argc, char **argv);    /* cmd_import.c */
int hk_cmd_export(int argc, char **argv);    /* cmd_export.c */
int hk_cmd_demo_data(int argc, char **argv); /* cmd_demo.c */
int hk_cmd_run(int argc, char **argv);       /* cmd_run.c */
int hk_cmd_rules(int argc, char **argv);     /* cmd_rules.c */
int hk_cmd_test(int argc, char **argv);      /* cmd_test.c */
int hk_cmd_new(int argc, char **argv);       /* cmd_new.c */
int hk_cmd_schema(int argc, char **argv);    /* cmd_schema.c */
int hk_cmd_sql(int argc, char **argv);       /* cmd_sql.c */
int hk_cmd_ledger(int argc, char **argv);    /* cmd_ledger.c */
int hk_cmd_assign(int argc, char **argv);    /* cmd_steps.c: rectification steps */
int hk_cmd_submit(int argc, char **argv);
int hk_cmd_close(int argc, char **argv);
int hk_cmd_reject(int argc, char **argv);
int hk_cmd_waive(int argc, char **argv);
int hk_cmd_reopen(int argc, char **argv);
int hk_cmd_findings(int argc, char **argv);  /* cmd_query.c: ledger queries */
int hk_cmd_show(int argc, char **argv);
int hk_cmd_stats(int argc, char **argv);
int hk_cmd_evidence(int argc, char **argv); /* cmd_evidence.c: evidence files out */
int hk_cmd_report(int argc, char **argv);    /* cmd_report.c: HTML, XLSX and CSV reports */

/* Prints "huikan CMD: <message>" (fmt in English, shown in the chosen
 * language, base/i18n.h) and a pointer to --help on stderr; returns
 * HK_EXIT_USAGE for the command to return. The message is made visible
 * (base/text.h): it may quote data. */
int hk_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints a command's usage text (its English text, marked N_()) in the
 * chosen language on stdout. A text may be pieces separated by "\f" (a
 * piece from a shared macro, itself marked N_()): each is translated alone. */
void hk_cli_usage_print(const char *usage);

/* Prints "huikan CMD: <hk_error_last()>" (made visible, base/text.h) on
 * stderr and returns the exit code that matches the HK_E* code `err`. */
int hk_cli_fail(const char *cmd, int err);

/* Reads the value `s` of the date option `opt` ("--as-of", "--due") of cmd
 * (any form of base/date.h) into out as YYYY-MM-DD. Returns 0, or prints a
 * usage error naming the option, the value and the accepted forms and returns
 * HK_EXIT_USAGE. */
int hk_cli_date(char out[11], const char *cmd, const char *opt, const char *s);

/* The printf width ("%-*s") that pads the UTF-8 text s to `cols` display
 * columns: a Chinese character is three bytes and two columns. */
int hk_cli_cols(const char *s, int cols);

/* The columns the UTF-8 text s takes on a terminal: two for a character of
 * U+3000..U+FFFF (CJK, fullwidth forms; lead byte 0xE3-0xEF), one for any
 * other (continuation bytes take none). For labels padded by hand. */
int hk_cli_width(const char *s);

/* True when stderr is a terminal (progress lines are drawn only then). */
int hk_cli_stderr_is_tty(void);

/* Directory holding the bundled Lua plugins (plugins/): $HUIKAN_PLUGINS, else
 * the search of hk_cli_home_subdir, else the compiled-in default. Returns a
 * static string; never NULL. */
const char *hk_cli_plugins_dir(void);

/* Finds a directory the binary reads at run time ("plugins", "audits",
 * "data") under, in this order: $HUIKAN_HOME; <bindir>/../share/huikan (the
 * layout of `make install`); the source tree the binary was built in (its
 * directory or one of the two above it: build/huikan, build/asan/huikan); the
 * compiled-in default (HK_DEFAULT_HOME). Returns a per-thread buffer that the
 * next call overwrites, or NULL when not found. */
const char *hk_cli_home_subdir(const char *name);

/* Options of a command, for hk_cli_opts_parse. */
struct hk_strlist {
	const char *v[16384];
	size_t n;
};

/* HK_OPT_DIR: a value naming a directory to write a set of files into,
 * where "-" (standard output elsewhere) is refused rather than made a
 * directory named "-". */
enum hk_opt_kind { HK_OPT_FLAG, HK_OPT_VALUE, HK_OPT_LIST, HK_OPT_DIR };

struct hk_opt {
	const char *name; /* "--unit" */
	enum hk_opt_kind kind;
	void *dst; /* int * (flag), const char ** (value), struct hk_strlist * (list) */
};

/* Parses argv[1..argc) into opts and positional arguments (pos). "--name=V"
 * and "--name V" both work; "--" ends options. An empty value of an option
 * that names a file (--db) is a usage error. Returns 0 to go on, -1 when
 * --help/-h was given (usage printed on stdout), or HK_EXIT_USAGE after
 * printing a usage error for cmd. Callers: `if (rc) return rc < 0 ? 0 : rc;` */
int hk_cli_opts_parse(const char *cmd, int argc, char **argv, const struct hk_opt *opts, struct hk_strlist *pos,
		  const char *usage);

#endif
