/*
 * engine.c - the worker pool that runs rules (see engine.h). Each rule: a new
 * sandbox, its file loaded again, params and ctx pushed, check(ctx, params)
 * called under the budgets; the SQLite progress handler enforces the wall
 * clock inside long statements.
 */
#include "engine/engine.h"
#include "base/error.h"
#include "engine/lctx.h"
#include "registry/registry_ro.h"
#include "registry/schema.h"

#include <lauxlib.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct slot {
	struct hk_finding *findings;
	size_t n;
};

struct pool {
	const struct hk_engine_job *jobs;
	size_t n;
	const struct hk_engine_opts *opts;
	atomic_size_t next;
	struct slot *slots;
	struct hk_rule_result *results;
	pthread_mutex_t mu; /* progress line and counters below */
	size_t done, nfound;
};

/* What the protected runner needs. */
struct run {
	const struct hk_engine_job *job;
	struct hk_lctx *ctx;
	hk_sandbox *sb;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double thread_cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int progress_cb(void *ud)
{
	return hk_sandbox_expired(ud);
}

/* In protected mode: load the rule file, build params and ctx, call check. */
static int run_protected(lua_State *L)
{
	struct run *r = lua_touserdata(L, 1);
	const struct hk_rule *rule = r->job->rule;
	int t, params;

	t = hk_sandbox_dofile_table(r->sb, rule->path);
	lua_pushliteral(L, "id");
	if (lua_rawget(L, t) != LUA_TSTRING || strcmp(lua_tostring(L, -1), rule->id) != 0)
		return luaL_error(L, "%s: returned another rule id than when the pack was loaded", rule->path);
	lua_pop(L, 1);
	hk_params_push(L, r->job->params, r->job->nparams);
	hk_sandbox_readonly(L, "params", 1);
	params = lua_gettop(L);
	lua_pushliteral(L, "check");
	if (lua_rawget(L, t) != LUA_TFUNCTION)
		return luaL_error(L, "%s: field 'check' is no longer a function", rule->path);
	hk_lctx_push(L, r->ctx, params);
	lua_pushvalue(L, params);
	lua_call(L, 2, 0);
	return 0;
}

static void run_one(struct pool *pl, sqlite3 *db, size_t i)
{
	const struct hk_engine_job *job = &pl->jobs[i];
	const struct hk_engine_opts *o = pl->opts;
	struct hk_rule_result *res = &pl->results[i];
	struct hk_lctx ctx;
	struct run r = {job, &ctx, NULL};
	double t0 = now_seconds(), c0 = thread_cpu_seconds();
	int err;

	res->rule = job->rule;
	err = hk_sandbox_new(&r.sb, &o->limits, o->lib_dir, o->plugins_dir, job->rule->id);
	if (err) {
		res->failed = 1;
		res->error = strdup(hk_error_last());
		return;
	}
	hk_lctx_init(&ctx, db, job->rule, o->as_of, r.sb);
	ctx.profile = o->profile;
	hk_sandbox_start(r.sb);
	sqlite3_progress_handler(db, 1000, progress_cb, r.sb);
	lua_pushcfunction(hk_sandbox_lua(r.sb), run_protected);
	lua_pushlightuserdata(hk_sandbox_lua(r.sb), &r);
	err = hk_sandbox_pcall(r.sb, 1, 0);
	ctx.closed = 1;
	if (err) {
		const char *msg = hk_error_last();
		res->failed = 1;
		/* Errors without a position (a refused allocation) name the file. */
		const char *tb = hk_sandbox_traceback(r.sb);
		/* a traceback only when it says more than the one line */
		if (!strchr(tb + (*tb ? 1 : 0), '\n'))
			tb = "";
		if (strstr(msg, ".lua:") ? asprintf(&res->error, "%s%s%s", msg, *tb ? "\nstack traceback:" : "", tb) < 0
					 : asprintf(&res->error, "%s: %s%s%s", job->rule->path, msg,
						    *tb ? "\nstack traceback:" : "", tb) < 0)
			res->error = strdup(msg);
	}
	/* Finalizers run here, before the statements go; one that exceeds a
	 * budget fails the rule too. */
	if (hk_sandbox_close(r.sb) != HK_STOP_NONE && !err) {
		err = HK_EINPUT;
		res->failed = 1;
		res->error = strdup("a finalizer (__gc) exceeded a budget after check() returned");
	}
	res->instructions = hk_sandbox_instructions(r.sb);
	hk_sandbox_free(r.sb);
	sqlite3_progress_handler(db, 0, NULL, NULL);
	if (!err) {
		pl->slots[i].findings = ctx.findings;
		pl->slots[i].n = ctx.nfindings;
		res->nfindings = ctx.nfindings;
		ctx.findings = NULL;
		ctx.nfindings = 0;
	}
	if (ctx.nqueries && (res->queries = calloc(ctx.nqueries, sizeof(*res->queries)))) {
		for (size_t k = 0; k < ctx.nqueries; k++) {
			res->queries[k] = *ctx.queries[k];
			ctx.queries[k]->sql = NULL;
		}
		res->nqueries = ctx.nqueries;
	}
	hk_lctx_release(&ctx);
	res->seconds = now_seconds() - t0;
	res->cpu_seconds = thread_cpu_seconds() - c0;

	pthread_mutex_lock(&pl->mu);
	pl->done++;
	pl->nfound += res->nfindings;
	if (o->progress) {
		fprintf(stderr, "\rhuikan run: %zu/%zu rules done, %zu findings\033[K", pl->done, pl->n, pl->nfound);
		fflush(stderr);
	}
	pthread_mutex_unlock(&pl->mu);
}

struct worker {
	struct pool *pl;
	pthread_t tid;
	int err;
	char msg[512];
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	sqlite3 *db = NULL;
	size_t i;

	w->err = hk_registry_open_ro(&db, w->pl->opts->db_path);
	if (w->err) {
		snprintf(w->msg, sizeof(w->msg), "%s", hk_error_last());
		return NULL;
	}
	while ((i = atomic_fetch_add(&w->pl->next, 1)) < w->pl->n)
		run_one(w->pl, db, i);
	sqlite3_close_v2(db);
	return NULL;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct hk_finding *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);
	if (!c)
		c = strcmp(x->entity, y->entity);
	return c ? c : strcmp(x->id, y->id);
}

void hk_engine_result_clear(struct hk_engine_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nfindings; i++)
		hk_finding_clear(&r->findings[i]);
	free(r->findings);
	for (size_t i = 0; i < r->nrules; i++) {
		free(r->rules[i].error);
		hk_query_stats_free(r->rules[i].queries, r->rules[i].nqueries);
	}
	free(r->rules);
	memset(r, 0, sizeof(*r));
}

int hk_engine_run(struct hk_engine_result *out, const struct hk_engine_job *jobs, size_t n,
		  const struct hk_engine_opts *opts)
{
	struct pool pl = {0};
	struct worker *w = NULL;
	size_t nw = opts->jobs < 1 ? 1 : (size_t)opts->jobs, total = 0, k = 0;
	double t0 = now_seconds();
	sqlite3 *probe = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	/* No global memory statistics: their mutex serialises the workers'
	 * allocations (only possible before SQLite initialises; else a no-op). */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* Open once here so that a bad db is one clear error, not one per worker
	 * (or one per rule: a db that is not a registry would fail every rule). */
	if ((err = hk_registry_open_ro(&probe, opts->db_path)) != 0)
		return err;
	err = hk_schema_check(probe, opts->db_path);
	sqlite3_close(probe);
	if (err)
		return err;
	if (nw > n)
		nw = n ? n : 1;
	pl.jobs = jobs;
	pl.n = n;
	pl.opts = opts;
	atomic_init(&pl.next, 0);
	pl.slots = calloc(n ? n : 1, sizeof(*pl.slots));
	pl.results = calloc(n ? n : 1, sizeof(*pl.results));
	w = calloc(nw, sizeof(*w));
	err = HK_EINTERNAL;
	if (!pl.slots || !pl.results || !w) {
		hk_error_set("out of memory");
		goto cleanup;
	}
	pthread_mutex_init(&pl.mu, NULL);
	for (size_t i = 0; i < nw; i++)
		w[i].pl = &pl;
	if (nw == 1) {
		worker_main(&w[0]);
	} else {
		size_t started = 0;
		while (started < nw && pthread_create(&w[started].tid, NULL, worker_main, &w[started]) == 0)
			started++;
		if (started == 0) /* no thread: run inline */
			worker_main(&w[started++]);
		else
			for (size_t i = 0; i < started; i++)
				pthread_join(w[i].tid, NULL);
		nw = started;
	}
	pthread_mutex_destroy(&pl.mu);
	if (opts->progress) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
	}
	for (size_t i = 0; i < nw; i++) {
		if (w[i].err && atomic_load(&pl.next) < n) {
			err = hk_error_setc(w[i].err, "%s", w[i].msg);
			goto cleanup;
		}
	}
	for (size_t i = 0; i < n; i++)
		total += pl.slots[i].n;
	out->findings = calloc(total ? total : 1, sizeof(*out->findings));
	if (!out->findings) {
		hk_error_set("out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		if (pl.slots[i].n)
			memcpy(out->findings + k, pl.slots[i].findings, pl.slots[i].n * sizeof(*out->findings));
		k += pl.slots[i].n;
		free(pl.slots[i].findings);
		pl.slots[i].findings = NULL;
		pl.slots[i].n = 0;
		if (pl.results[i].failed)
			out->nfailed++;
	}
	out->nfindings = total;
	if (total)
		qsort(out->findings, total, sizeof(*out->findings), cmp_finding);
	out->rules = pl.results;
	out->nrules = n;
	pl.results = NULL;
	out->seconds = now_seconds() - t0;
	err = 0;
cleanup:
	for (size_t i = 0; pl.slots && i < n; i++) {
		for (size_t j = 0; j < pl.slots[i].n; j++)
			hk_finding_clear(&pl.slots[i].findings[j]);
		free(pl.slots[i].findings);
	}
	free(pl.slots);
	for (size_t i = 0; pl.results && i < n; i++)
		free(pl.results[i].error);
	free(pl.results);
	free(w);
	if (err)
		hk_engine_result_clear(out);
	return err;
}
