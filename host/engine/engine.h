/*
 * engine.h - running the selected rules of a pack on a registry: each rule
 * in a fresh child process (up to N at once for -j N) with the budgets the
 * operating system enforces (child.h, jail.h) around a fresh sandboxed Lua
 * state; findings sent back, validated, collected and sorted by rule id,
 * entity, finding id, so that the output does not depend on N.
 */
#ifndef HK_ENGINE_H
#define HK_ENGINE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/finding.h"
#include "engine/lctx.h"
#include "engine/pack.h"
#include "engine/sandbox.h"

/* One rule to run, with the parameters resolved for it (hk_pack_params_resolve). */
struct hk_engine_job {
	const struct hk_rule *rule;
	const struct hk_param *params;
	size_t nparams;
};

struct hk_engine_opts {
	const char *db_path;     /* the registry db (opened read-only per worker) */
	const char *as_of;       /* 'YYYY-MM-DD' */
	int jobs;                /* child processes at once; < 1 means 1 */
	struct hk_limits limits; /* budgets of each rule */
	const char *lib_dir;     /* the pack's lib/ or NULL */
	const char *plugins_dir; /* or NULL */
	int progress;            /* draw a progress line on stderr */
	int profile;             /* collect each rule's query stats (hk_rule_result.queries) */
};

/* What became of one rule. */
struct hk_rule_result {
	const struct hk_rule *rule;
	int failed;              /* errored, exceeded a budget or reported a malformed finding */
	char *error;             /* "FILE:LINE: reason" when failed */
	size_t nfindings;        /* findings kept (0 when failed: a failed rule's findings are dropped) */
	double seconds;          /* wall clock */
	double cpu_seconds;      /* CPU time of its child process */
	long long instructions;  /* Lua instructions, to 1000 */
	struct hk_query_stat *queries; /* with opts.profile: one per SQL text, by first use */
	size_t nqueries, queries_cap;
};

struct hk_engine_result {
	struct hk_finding *findings; /* sorted by rule, entity, id */
	size_t nfindings;
	struct hk_rule_result *rules; /* one per job, in job order */
	size_t nrules;
	size_t nfailed;
	double seconds;
};

/* Runs the n jobs. A rule that fails is recorded in its hk_rule_result and the
 * others still run. Returns 0 (also when rules failed: see nfailed), or
 * HK_ENOTFOUND/HK_EINPUT when the db cannot be opened or is not a registry
 * of this schema version (hk_schema_check), HK_EINTERNAL.
 * Free the result with hk_engine_result_clear. */
/* Appends to `b` the params of a run as one JSON object: every parameter of
 * the jobs with the value it ran with (the first job's, by name). Returns 0 or
 * HK_EINTERNAL (out of memory; `b` then holds a partial object). */
int hk_engine_jobs_params_json(hk_buf *b, const struct hk_engine_job *jobs, size_t n);

int hk_engine_run(struct hk_engine_result *out, const struct hk_engine_job *jobs, size_t n,
		  const struct hk_engine_opts *opts);

void hk_engine_result_clear(struct hk_engine_result *r);

#endif
