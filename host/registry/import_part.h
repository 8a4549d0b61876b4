/*
 * import_part.h - an import into a fresh db split over processes.
 *
 * The tables of a fresh db are shared out over N workers (hk_import_plan):
 * this process loads its share into the db itself, and each other worker is
 * a forked child that loads its share into a part file beside the db (the
 * same bulk settings, its secondary indexes made after its rows) and reports
 * what it loaded over a pipe. The part's tables are then copied into the db
 * whole, b-tree by b-tree (SQLite's transfer of `INSERT INTO t SELECT * FROM
 * part.t` into an empty table with the same indexes: no row is decoded and
 * no index sorted again). Every table is loaded by one worker only, so its
 * rowids, its duplicate checks and its error lines are those of a load by
 * one process. A part file is created by this import (O_EXCL) and removed
 * by it, whatever happens.
 */
#ifndef HK_IMPORT_PART_H
#define HK_IMPORT_PART_H

#include <stddef.h>
#include <sqlite3.h>

#include "registry/schema.h"

#define HK_IMPORT_MAX_JOBS 8

/* The settings of a fresh db file loaded in bulk (no journal, no sync, an
 * exclusive lock, 16 KiB pages, a 4 MiB cache, sorts in temporary files):
 * see docs/import.md and docs/performance.md "Import". */
#define HK_IMPORT_BULK_PRAGMAS                                                                                         \
	"PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"                               \
	"PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -4096; PRAGMA temp_store = FILE;"                        \
	"SELECT count(*) FROM sqlite_master"

/* What a child loaded, sent to the parent when it is done. */
struct hk_import_part_result {
	int ok;                            /* loaded, indexed and closed with no error */
	long long said;                    /* error and warning lines it would have
					      written (the parent loads its tables
					      again itself, to write them in order) */
	long long rows[HK_SCHEMA_NTABLES]; /* rows loaded, by hk_schema_tables index */
	long long total;
	size_t files;
};

/* The child's work: load its share into `db` (the part file, open, with the
 * bulk settings and the schema's tables) and fill `res` (ok is set by the
 * caller from the return value: 0 = ok). */
typedef int (*hk_import_part_fn)(sqlite3 *db, void *arg, int worker, struct hk_import_part_result *res);

typedef struct hk_import_part hk_import_part;

/* What loading `bytes` of CSV into table `t` costs, in the unit of
 * hk_import_plan: the bytes, weighted by the table's indexes. */
long long hk_import_cost(const struct hk_table *t, long long bytes);

/* Shares tables out over `nworkers` workers: worker[i] gets the worker
 * (0 = this process) of table i. `bytes[i]` is the cost of table i's files
 * (hk_import_cost; 0: no file, worker 0). The costliest table goes first,
 * to the worker that leaves the whole load done soonest, counting for worker
 * 0 the copies of the other workers' tables (longest processing time first);
 * a worker that would get nothing is not used. Returns the number of workers used (1: no split). */
int hk_import_plan(int *worker, const long long *bytes, size_t ntables, int nworkers);

/* Creates the part file of `worker` beside `db_path` and forks a child that
 * runs fn(db, arg, worker, res) on it. Returns 0 or HK_EINTERNAL (no child
 * started, no file left). */
int hk_import_part_start(hk_import_part **out, const char *db_path, int worker, hk_import_part_fn fn,
			 void *arg);

/* Waits for the child of `p` and reads its result; a child that died, was
 * killed or wrote a short result gives res->ok = 0. Returns 0. */
int hk_import_part_wait(hk_import_part *p, struct hk_import_part_result *res);

/* The part file's name (to ATTACH). */
const char *hk_import_part_path(const hk_import_part *p);

/* Kills a child still running, waits for it and removes the part file.
 * NULL-safe. */
void hk_import_part_free(hk_import_part *p);

#endif
