/*
 * run_explain.h - what `huikan run --explain` and `--profile` print after a
 * run: per rule, each SQL statement it ran with its query plan, calls, rows
 * and time, and a warning for a full scan of a large table; or the time per
 * rule and per query, slowest first.
 */
#ifndef HK_RUN_EXPLAIN_H
#define HK_RUN_EXPLAIN_H

#include <stdio.h>

#include <sqlite3.h>

#include "engine/engine.h"

/* Tables with more rows than this are "large": a full scan of one without an
 * index is warned about. */
#define HK_EXPLAIN_LARGE_TABLE 10000

/* Writes the --explain report of res (run with opts.profile) to out: for each
 * rule, each statement's text, EXPLAIN QUERY PLAN (on a new read-only
 * connection to db_path), calls, rows and time, and warnings. Returns the
 * number of warnings. */
int hk_run_explain(FILE *out, const char *db_path, const struct hk_engine_result *res);

/* Prints the rows of an EXPLAIN QUERY PLAN statement st (prepared on db) as
 * a tree under "QUERY PLAN", each line after `indent` (as the sqlite3 shell
 * does). Returns 0, or HK_EINPUT when a step fails. */
int hk_plan_print(FILE *out, sqlite3 *db, sqlite3_stmt *st, const char *indent);

/* Writes the --profile report of res to out: time per rule (wall, CPU, in
 * SQL) and the queries, slowest first. */
void hk_run_profile(FILE *out, const struct hk_engine_result *res);

#endif
