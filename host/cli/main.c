/*
 * main.c - the `huikan` binary: global options and the table of subcommands
 * (after git.c's commands[]). Each command parses its own arguments.
 */
#include "cli/cli.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/version.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct hk_command commands[] = {
	{"import", hk_cmd_import, N_("load CSV exports of a registry into a SQLite db")},
	{"export", hk_cmd_export, N_("write a registry db back out as CSV files")},
	{"demo-data", hk_cmd_demo_data, N_("write a synthetic county registry as CSV files")},
	{"run", hk_cmd_run, N_("run an audit pack on a registry")},
	{"rules", hk_cmd_rules, N_("list the rules of an audit pack")},
	{"test", hk_cmd_test, N_("run the tests beside the rules of a pack")},
	{"new", hk_cmd_new, N_("start a rule (and its test) or a pack from a template")},
	{"schema", hk_cmd_schema, N_("show the registry's tables, columns, units and indexes")},
	{"sql", hk_cmd_sql, N_("run a read-only SQL query on a registry, as rules do")},
	{"ledger", hk_cmd_ledger, N_("create, sync, verify and reindex a findings ledger")},
	{"assign", hk_cmd_assign, N_("assign findings to a unit with a due date")},
	{"submit", hk_cmd_submit, N_("submit a rectification with a note and evidence")},
	{"close", hk_cmd_close, N_("verify and close a finding (销号)")},
	{"reject", hk_cmd_reject, N_("reject a submitted rectification")},
	{"waive", hk_cmd_waive, N_("waive a finding (false positive or accepted)")},
	{"reopen", hk_cmd_reopen, N_("reopen a closed or waived finding")},
	{"findings", hk_cmd_findings, N_("list findings of a ledger")},
	{"show", hk_cmd_show, N_("show a finding and its whole history")},
	{"evidence", hk_cmd_evidence, N_("write a finding's evidence files out of the ledger")},
	{"stats", hk_cmd_stats, N_("closure, overdue and relapse figures of a ledger")},
	{"report", hk_cmd_report, N_("write the HTML dashboard, the Excel four lists or CSV")},
	{"help", cmd_help, N_("show this help, or a command's help")},
	{"version", cmd_version, N_("print the version")},
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
	fputs(_("usage: huikan [--lang zh|en] [--version] [--help] COMMAND [ARGS]\n"
		"\n"
		"huikan audits a poverty-relief registry (建档立卡) with Lua audit packs and\n"
		"tracks every finding to a verified close in a git ledger.\n"
		"\n"
		"commands:\n"),
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\n"
		"'huikan COMMAND --help' shows a command's options.\n"
		"--lang zh|en (any command; else $HUIKAN_LANG, else the locale) chooses the\n"
		"language; times are shown in $TZ (default Asia/Shanghai).\n"
		"\n"
		"exit codes:\n"
		"  0  success\n"
		"  1  findings reported or checks failed (where a command says so)\n"
		"  2  usage or input error\n"
		"  3  internal error\n"),
	      out);
}

static int cmd_help(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0) {
		const struct hk_command *cmd = find_command(argv[1]);
		char *sub[] = {argv[1], "--help", NULL};
		if (!cmd) {
			fprintf(stderr, _("huikan help: no command '%s'; see 'huikan help'\n"), argv[1]);
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
		fputs(_("usage: huikan version\n       huikan --version\n\nprints the version.\n"), stdout);
		return HK_EXIT_OK;
	}
	if (argc > 1)
		return hk_cli_usage_error("version", "no option or argument is taken here, not '%s'", argv[1]);
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

/* Takes the global option `--lang zh|en` (also `--lang=zh`) out of argv,
 * wherever it stands before a "--", so that every command accepts it.
 * Returns its value (the last one given), or NULL when absent; sets *bad when
 * it lacks a value. */
static const char *take_lang(int *argc, char **argv, int *bad)
{
	const char *lang = NULL;
	int o = 1;
	*bad = 0;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[o++] = argv[i++];
			break;
		}
		if (strncmp(argv[i], "--lang=", 7) == 0) {
			lang = argv[i] + 7;
			continue;
		}
		if (strcmp(argv[i], "--lang") == 0) {
			if (i + 1 >= *argc) {
				*bad = 1;
				continue;
			}
			lang = argv[++i];
			continue;
		}
		argv[o++] = argv[i];
	}
	*argc = o;
	argv[o] = NULL;
	return lang;
}

/* Standard input, output and error open, on /dev/null when the caller
 * closed them (as git's sanitize_stdfds): otherwise the next file or pipe
 * opened takes descriptor 0, 1 or 2, and a rule's child process, which puts
 * /dev/null on 0 and 1, would write over its own report pipe (the run then
 * failed with "malformed output"), or a message for stderr would go into a
 * file being written. */
static void std_fds_open(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	while (fd >= 0 && fd <= 2) {
		fcntl(fd, F_SETFD, 0); /* a standard descriptor stays across exec */
		fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	}
	if (fd > 2)
		close(fd);
}

/* What the command wrote to standard output reached it: flushes stdout, and
 * when that or an earlier write failed (a full disk, /dev/full, an I/O
 * error) says so and turns a success (0, or 1 for findings) into exit 3 (a
 * command that failed has said why, and keeps its code), so
 * that `huikan CMD >FILE` on a full disk does not end in an empty FILE and
 * exit 0 (as git's run_builtin checks). A reader that went away (EPIPE, when
 * SIGPIPE is ignored) is no error, as `| head` is not. Returns the exit code. */
static int stdout_done(const char *name, int rc)
{
	int failed;

	errno = 0;
	failed = fflush(stdout) != 0;
	if ((!failed && !ferror(stdout)) || errno == EPIPE)
		return rc;
	if (rc != HK_EXIT_OK && rc != 1) /* failed, and said why */
		return rc;
	if (failed && errno)
		fprintf(stderr, _("huikan %s: cannot write to standard output: %s\n"), name, hk_strerror(errno));
	else
		fprintf(stderr, _("huikan %s: cannot write to standard output\n"), name);
	return HK_EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
	const struct hk_command *cmd;
	const char *lang;
	int bad_lang;

	std_fds_open();

	/* Times are shown in local time: $TZ, else China's (docs/i18n.md).
	 * Stored times are UTC whatever this says. */
	if (!getenv("TZ"))
		setenv("TZ", access("/usr/share/zoneinfo/Asia/Shanghai", R_OK) == 0 ? "Asia/Shanghai" : "CST-8", 1);
	tzset();
	/* No global memory statistics in SQLite: nothing reads them, and they
	 * take one process-wide mutex on every allocation SQLite makes (about a
	 * third of a rule's time in SQLite went to it; bench/isolation.md).
	 * Only possible before SQLite initialises, hence here, first. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	lang = take_lang(&argc, argv, &bad_lang);
	if (hk_lang_init(lang) < 0) {
		fprintf(stderr, "huikan: %s\n", hk_error_last());
		return HK_EXIT_USAGE;
	}
	if (bad_lang) {
		fprintf(stderr, "%s", _("huikan: option --lang needs a value: zh or en\n"));
		return HK_EXIT_USAGE;
	}

	if (argc < 2) {
		print_usage(stderr);
		return HK_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return stdout_done("version", cmd_version(argc - 1, argv + 1));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return stdout_done("help", cmd_help(argc - 1, argv + 1));

	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, _("huikan: '%s' is not a huikan command; see 'huikan help'\n"), argv[1]);
		return HK_EXIT_USAGE;
	}
	return stdout_done(cmd->name, cmd->fn(argc - 1, argv + 1));
}
