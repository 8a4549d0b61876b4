/*
 * lctx.h - the `ctx` object a rule's check(ctx, params) receives:
 * ctx:rows(sql, ...), ctx:one(sql, ...), ctx:report{...}, ctx:log(...),
 * ctx.as_of, ctx.params, ctx.rule. It holds the rule's statement cache and
 * the findings the rule reported (validated: entity kind, message, evidence).
 */
#ifndef HK_LCTX_H
#define HK_LCTX_H

#include <stddef.h>
#include <lua.h>
#include <sqlite3.h>

#include "base/finding.h"
#include "engine/pack.h"
#include "engine/sandbox.h"

struct hk_stmt_entry;

/* What one SQL text cost a rule, summed over its calls (collected when the
 * ctx is profiled): time inside sqlite3_step, rows returned. */
struct hk_query_stat {
	char *sql;
	long long calls, rows;
	double seconds;
};

struct hk_lctx {
	sqlite3 *db;                /* read-only connection (registry_ro.h) */
	const struct hk_rule *rule;
	const char *as_of;          /* 'YYYY-MM-DD' */
	hk_sandbox *sb;
	int closed;                 /* no more calls once check() returned */
	struct hk_stmt_entry **cache;
	size_t ncache;
	struct hk_finding *findings;
	size_t nfindings, capfindings;
	int seen_ref;               /* registry ref: entity -> true */
	int open_queries;           /* ctx:rows iterations not finished */
	int profile;                /* collect `queries` (set after hk_lctx_init) */
	struct hk_query_stat **queries; /* by first use */
	size_t nqueries;
};

/* Sets up c for one run of `rule`. Cannot fail. */
void hk_lctx_init(struct hk_lctx *c, sqlite3 *db, const struct hk_rule *rule, const char *as_of,
		  hk_sandbox *sb);

/* Pushes the (read-only) ctx object; `params` is the index of the params
 * table to expose as ctx.params. Protected mode only (raises on OOM). */
void hk_lctx_push(lua_State *L, struct hk_lctx *c, int params);

/* Finalizes the statements and frees the findings and query stats still
 * held. Call after the rule's Lua state is closed. NULL-safe for the
 * findings and queries already taken. */
void hk_lctx_release(struct hk_lctx *c);

/* Frees n query stats and the array. */
void hk_query_stats_free(struct hk_query_stat *v, size_t n);

#endif
