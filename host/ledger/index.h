/*
 * index.h - the SQLite index of a ledger: one row per finding with its current
 * state, for fast queries. A cache: it lives in the bare repository directory
 * (huikan-index.sqlite, which git ignores), is rebuilt from git when missing,
 * unreadable or of another ledger, and is brought up to date incrementally from
 * the diff between the last indexed commit and the head.
 */
#ifndef HK_INDEX_H
#define HK_INDEX_H

#include "ledger/fstate.h"
#include "ledger/ledger.h"

#include <sqlite3.h>

#define HK_INDEX_FILE "huikan-index.sqlite"

typedef struct hk_index hk_index;

/* Opens (creating when needed) the index of l and brings it up to date with
 * the head. Returns 0 or a negative code; free with hk_index_free. */
int hk_index_open(hk_index **out, hk_ledger *l);

/* Opens without bringing it up to date (for writers that update it themselves). */
int hk_index_open_raw(hk_index **out, hk_ledger *l);

void hk_index_free(hk_index *ix);

sqlite3 *hk_index_db(hk_index *ix);

/* Brings the index up to date with the head: incrementally from the last
 * indexed commit, or by a full rebuild. Returns 0 or a negative code. */
int hk_index_update(hk_index *ix);

/* Drops every row and reads the whole ledger again. */
int hk_index_rebuild(hk_index *ix);

/* The commit the index reflects (hex), "" when none. */
const char *hk_index_commit(hk_index *ix);

/* Writes (insert or replace) the row of finding f with state s. Call between
 * hk_index_begin and hk_index_end. */
int hk_index_put(hk_index *ix, const struct hk_ledger_finding *f, const struct hk_fstate *s);

/* Reads the stored state of finding id into s. Returns 0, HK_ENOTFOUND. */
int hk_index_get_state(hk_index *ix, const char *id, struct hk_fstate *s);

/* Updates only the state columns of finding id. */
int hk_index_put_state(hk_index *ix, const char *id, const struct hk_fstate *s);

/* A write transaction (BEGIN IMMEDIATE ... COMMIT). end with ok=0 rolls back.
 * hk_index_end with ok=1 also records `commit` (hex, may be NULL to keep) as
 * the indexed commit. */
int hk_index_begin(hk_index *ix);
int hk_index_end(hk_index *ix, int ok, const char *commit);

/* SQL conditions over the index's findings table, shared by `findings`,
 * `stats` and `report` so that their figures agree by construction. A finding
 * is open unless closed or waived; it is overdue when assigned and its due date
 * is before the date bound as ?1. */
#define HK_INDEX_SQL_OPEN "status NOT IN ('closed','waived')"
#define HK_INDEX_SQL_OVERDUE "(status = 'assigned' AND due < ?1)"

#endif
