/*
 * main.c - the `huikan` binary: global options and the table of subcommands
 * (after git.c's commands[]). Each command parses its own arguments.
 */
#include "cli/cli.h"
#include "base/error.h"
#include "base/version.h"

#include <stdio.h>
#include <string.h>

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct hk_command commands[] = {
	{"import", hk_cmd_import, "load CSV exports of a registry into a SQLite db"},
	{"export", hk_cmd_export, "write a registry db back out as CSV files"},
	{"demo-data", hk_cmd_demo_data, "write a synthetic county registry as CSV files"},
	{"run", hk_cmd_run, "run an audit pack on a registry"},
	{"rules", hk_cmd_rules, "list the rules of an audit pack"},
	{"test", hk_cmd_test, "run the tests beside the rules of a pack"},
	{"new", hk_cmd_new, "start a rule (and its test) or a pack from a template"},
	{"schema", hk_cmd_schema, "show the registry's tables, columns, units and indexes"},
	{"sql", hk_cmd_sql, "run a read-only SQL query on a registry, as rules do"},
	{"ledger", hk_cmd_ledger, "create, sync, verify and reindex a findings ledger"},
	{"assign", hk_cmd_assign, "assign findings to a unit with a due date"},
	{"submit", hk_cmd_submit, "submit a rectification with a note and evidence"},
	{"close", hk_cmd_close, "verify and close a finding (销号)"},
	{"reject", hk_cmd_reject, "reject a submitted rectification"},
	{"waive", hk_cmd_waive, "waive a finding (false positive or accepted)"},
	{"reopen", hk_cmd_reopen, "reopen a closed or waived finding"},
	{"findings", hk_cmd_findings, "list findings of a ledger"},
	{"show", hk_cmd_show, "show a finding and its whole history"},
	{"evidence", hk_cmd_evidence, "write a finding's evidence files out of the ledger"},
	{"stats", hk_cmd_stats, "closure, overdue and relapse figures of a ledger"},
	{"report", hk_cmd_report, "write the HTML dashboard, the Excel four lists or CSV"},
	{"help", cmd_help, "show this help, or a command's help"},
	{"version", cmd_version, "print the version"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct hk_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: huikan [--version] [--help] COMMAND [ARGS]\n"
		"\n"
		"huikan audits a poverty-relief registry (建档立卡) with Lua audit packs and\n"
		"tracks every finding to a verified close in a git ledger.\n"
		"\n"
		"commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
		"\n"
		"'huikan COMMAND --help' shows a command's options.\n"
		"\n"
		"exit codes:\n"
		"  0  success\n"
		"  1  findings reported or checks failed (where a command says so)\n"
		"  2  usage or input error\n"
		"  3  internal error\n");
}

static int cmd_help(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0) {
		const struct hk_command *cmd = find_command(argv[1]);
		char *sub[] = {argv[1], "--help", NULL};
		if (!cmd) {
			fprintf(stderr, "huikan help: no command '%s'; see 'huikan help'\n", argv[1]);
			return HK_EXIT_USAGE;
		}
		return cmd->fn(2, sub);
	}
	print_usage(stdout);
	return HK_EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: huikan version\n       huikan --version\n\nprints the version.\n");
		return HK_EXIT_OK;
	}
	printf("huikan %s\n", HK_VERSION);
	return HK_EXIT_OK;
}

#if defined(__SANITIZE_ADDRESS__)
/* Under AddressSanitizer (make check): a refused allocation returns NULL as
 * it does in the release build, instead of ASan's report and abort. A rule's
 * process runs under RLIMIT_AS (engine/jail.c), and SQLite or Lua reaching
 * that limit must end the rule with "out of memory", not with a sanitizer
 * report that reads as a host error. ASAN_OPTIONS still adds to this. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

int main(int argc, char **argv)
{
	const struct hk_command *cmd;

	if (argc < 2) {
		print_usage(stderr);
		return HK_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(argc - 1, argv + 1);

	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "huikan: '%s' is not a huikan command; see 'huikan help'\n", argv[1]);
		return HK_EXIT_USAGE;
	}
	return cmd->fn(argc - 1, argv + 1);
}
